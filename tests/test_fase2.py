"""Phase 2 as it unfolds: one municipality walked through five workbooks, built in code from
the example (by emptying sheets and fields, so example and moments cannot drift apart). At
each moment exactly the documents whose facts exist are made; the others wait, naming their
cells; the canvas is one page; no document has an empty heading, bullet or table row."""

from __future__ import annotations

import copy

import docx
import pptx
import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.voorbeeld import GEGEVENS

from .conftest import naar_pdf, pdf_paginas

LEEG_VELDEN = {"Notitie": {}, "Ambitie": {}}
RIJBLADEN = (
    "Beslispunten",
    "Bijeenkomsten",
    "Programma",
    "Wijken",
    "Locaties",
    "Doelen en rollen",
    "Knelpunten en kansen",
    "Afspraken",
    "Planning",
    "Bronnen",
)


def _gepland(bijeenkomst: dict) -> dict:
    return {**bijeenkomst, "Status": "Gepland", "Uitkomsten": None, "Evaluatie": None}


def _afgerond(bijeenkomst: dict, uitkomsten: str) -> dict:
    return {**bijeenkomst, "Status": "Afgerond", "Uitkomsten": uitkomsten}


def moment(nummer: int) -> dict:
    """The example's workbook as it stands at moment 1-5 of phase 2."""
    g = copy.deepcopy(GEGEVENS)
    if nummer == 5:
        return g  # the shipped example: complete
    start, dialoog, bestuurlijk = g["Bijeenkomsten"]
    uit = {"Algemeen": g["Algemeen"], "Stakeholders": g["Stakeholders"], **copy.deepcopy(LEEG_VELDEN)}
    uit.update({blad: [] for blad in RIJBLADEN})
    if nummer >= 2:  # the startbijeenkomst planned, the local picture gathered
        uit["Bijeenkomsten"] = [_gepland(start)]
        uit["Programma"] = [p for p in g["Programma"] if p["Bijeenkomst"] == start["Titel"]]
        for blad in ("Wijken", "Locaties", "Planning", "Bronnen"):
            uit[blad] = g[blad]
    if nummer >= 3:  # the startbijeenkomst held, the dialogue planned
        uit["Bijeenkomsten"] = [start, _gepland(dialoog)]
    if nummer >= 4:  # the dialogue held: goals, knelpunten and agreements; a first ambition; who signs for the gemeente
        uit["Bijeenkomsten"] = [
            start,
            _afgerond(dialoog, "Per fase is afgesproken wie wat doet."),
            _gepland(bestuurlijk),
        ]
        uit["Notitie"] = {"Portefeuillehouders": g["Notitie"]["Portefeuillehouders"]}
        uit["Programma"] = g["Programma"]
        for blad in ("Doelen en rollen", "Knelpunten en kansen", "Afspraken", "Ambitie"):
            uit[blad] = g[blad]
    return uit


NOTITIE_LEEG = (
    "bestuurlijke notitie — nog leeg: blad 'Notitie', cel B3 (Aan), cel B4 (Onderwerp), cel B5 (Datum), "
    "cel B7 (Portefeuillehouders), cel B10 (Openbaar), cel B12 (Aanleiding), cel B13 (Beoogd effect); "
    "blad 'Ambitie', cel B2 (Ambitie); blad 'Beslispunten', nog geen enkele rij"
)
VERWACHT = {
    1: {
        "gemaakt": {"canvas-fase-2.docx", "contactlijst-partners.docx"},
        "wacht": [
            NOTITIE_LEEG,
            "presentatie startbijeenkomst — nog leeg: blad 'Bijeenkomsten', nog geen rij met Soort 'Startbijeenkomst'",
        ],
        "moment": "Stand van zaken: voorbereiding van de startbijeenkomst.",
    },
    2: {
        "gemaakt": {
            "canvas-fase-2.docx",
            "contactlijst-partners.docx",
            "presentatie-startbijeenkomst.pptx",
            "uitnodigingen/startbijeenkomst-hitteplan/",
            "uitnodigingen/startbijeenkomst-hitteplan.ics",
            "uitnodigingen/uitnodigingen.csv",
        },
        "wacht": [
            NOTITIE_LEEG,
            "terugkoppeling startbijeenkomst hitteplan — wacht op: blad 'Bijeenkomsten', cel M2 "
            "(Status 'Afgerond'), cel N2 (Uitkomsten)",
        ],
        "moment": "Stand van zaken: voorbereiding van de startbijeenkomst.",
    },
    3: {
        "gemaakt": {
            "canvas-fase-2.docx",
            "contactlijst-partners.docx",
            "presentatie-startbijeenkomst.pptx",
            "uitnodigingen/dialoog-doelen-en-maatregelen/",
            "uitnodigingen/dialoog-doelen-en-maatregelen.ics",
            "uitnodigingen/uitnodigingen.csv",
            "terugkoppeling-startbijeenkomst-hitteplan.docx",
        },
        "wacht": [
            NOTITIE_LEEG,
            "terugkoppeling dialoog doelen en maatregelen — wacht op: blad 'Bijeenkomsten', cel M3 "
            "(Status 'Afgerond'), cel N3 (Uitkomsten)",
        ],
        "moment": "Stand van zaken: na de startbijeenkomst (9 maart 2027).",
    },
    4: {
        "gemaakt": {
            "canvas-fase-2.docx",
            "contactlijst-partners.docx",
            "presentatie-startbijeenkomst.pptx",
            "uitnodigingen/bestuurlijke-bijeenkomst/",
            "uitnodigingen/bestuurlijke-bijeenkomst.ics",
            "uitnodigingen/uitnodigingen.csv",
            "terugkoppeling-startbijeenkomst-hitteplan.docx",
            "terugkoppeling-dialoog-doelen-en-maatregelen.docx",
        },
        "wacht": [
            "bestuurlijke notitie — nog leeg: blad 'Notitie', cel B3 (Aan), cel B4 (Onderwerp), cel B5 (Datum), "
            "cel B10 (Openbaar), cel B12 (Aanleiding), cel B13 (Beoogd effect); blad 'Beslispunten', nog geen "
            "enkele rij",
            "terugkoppeling bestuurlijke bijeenkomst — wacht op: blad 'Bijeenkomsten', cel M4 "
            "(Status 'Afgerond'), cel N4 (Uitkomsten)",
        ],
        "moment": "Stand van zaken: na de dialoog doelen en maatregelen (13 april 2027).",
    },
    5: {
        "gemaakt": {
            "bestuurlijke-notitie.docx",
            "canvas-fase-2.docx",
            "contactlijst-partners.docx",
            "presentatie-startbijeenkomst.pptx",
            "uitnodigingen/bestuurlijke-bijeenkomst/",
            "uitnodigingen/bestuurlijke-bijeenkomst.ics",
            "uitnodigingen/uitnodigingen.csv",
            "terugkoppeling-startbijeenkomst-hitteplan.docx",
            "terugkoppeling-dialoog-doelen-en-maatregelen.docx",
        },
        "wacht": [
            "terugkoppeling bestuurlijke bijeenkomst — wacht op: blad 'Bijeenkomsten', cel M4 "
            "(Status 'Afgerond'), cel N4 (Uitkomsten)"
        ],
        "moment": "Stand van zaken: na de dialoog doelen en maatregelen (13 april 2027).",
    },
}


def _gemaakt(map_) -> set[str]:
    """What a build wrote: files, and folders of letters as 'folder/'."""
    uit = set()
    for pad in map_.rglob("*"):
        relatief = pad.relative_to(map_)
        if pad.name == ".hitteplan.json":  # the build's manifest (see test_handwerk)
            continue
        if pad.is_file() and len(relatief.parts) <= 2:
            uit.add(str(relatief.as_posix()))
        elif pad.is_dir() and len(relatief.parts) == 2:
            uit.add(f"{relatief.as_posix()}/")
    return uit


def lege_plekken_docx(pad) -> list[str]:
    """Headings, bullets and table rows without text in a Word document."""
    doc = docx.Document(pad)
    fouten = []
    alineas = list(doc.paragraphs) + [p for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    for p in alineas:
        stijl = p.style.name
        tekst = p.text.replace("•", "").strip()
        if (
            not tekst
            and not p._p.xpath(".//w:drawing")
            and (
                stijl.startswith(("Heading", "Title", "List", "Blok")) or stijl in ("Genummerd", "Handreiking", "Kader")
            )
        ):
            fouten.append(f"{pad.name}: lege alinea met stijl {stijl}")
    for t in doc.tables:
        for r in t.rows:
            if not any(c.text.strip() for c in r.cells):
                fouten.append(f"{pad.name}: lege tabelrij")
    return fouten


def lege_plekken_pptx(pad) -> list[str]:
    """Slides with an empty title, empty bullets or empty table rows."""
    fouten = []
    for nr, dia in enumerate(pptx.Presentation(pad).slides, start=1):
        if dia.shapes.title is not None and not dia.shapes.title.text_frame.text.strip():
            fouten.append(f"dia {nr}: lege titel")
        for vorm in dia.shapes:
            if vorm.has_text_frame:
                for p in vorm.text_frame.paragraphs:
                    if p._p.xpath("./a:pPr/a:buChar") and not p.text.strip():
                        fouten.append(f"dia {nr}: leeg opsommingsteken in '{vorm.name}'")
            if vorm.has_table:
                for r in vorm.table.rows:
                    if not any(c.text.strip() for c in r.cells):
                        fouten.append(f"dia {nr}: lege tabelrij")
    return fouten


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory):
    """Each moment's workbook, its build output and the output of `controleer`."""
    from generator.blanco import maak_blanco, vul
    from generator.voorbeeld import hittekaart

    uit = {}
    for nummer in VERWACHT:
        map_ = tmp_path_factory.mktemp(f"moment{nummer}")
        boek = maak_blanco()
        vul(boek, moment(nummer))
        pad = map_ / "werkboek.xlsx"
        boek.save(pad)
        kaart, beeld = hittekaart()
        (map_ / kaart).write_bytes(beeld)
        bouw = CliRunner().invoke(hoofd, ["bouw", str(pad), "-o", str(map_ / "uit")], catch_exceptions=False)
        controle = CliRunner().invoke(hoofd, ["controleer", str(pad)], catch_exceptions=False)
        uit[nummer] = (map_ / "uit", bouw, controle)
    return uit


@pytest.mark.parametrize("nummer", sorted(VERWACHT))
def test_elk_document_zodra_zijn_feiten_er_zijn(gebouwd, nummer):
    map_, bouw, controle = gebouwd[nummer]
    verwacht = VERWACHT[nummer]
    assert bouw.exit_code == 0, bouw.output  # waiting is not a failure
    assert _gemaakt(map_) == verwacht["gemaakt"]
    wacht = [
        r.removeprefix("Nog niet gemaakt: ") for r in bouw.output.splitlines() if r.startswith("Nog niet gemaakt: ")
    ]
    assert wacht == verwacht["wacht"]
    # `controleer` tells the same: the moment, each document ready or waiting, the next step
    regels = controle.output.splitlines()
    assert controle.exit_code == 0
    assert verwacht["moment"] in regels
    assert [r.removeprefix("  Wacht: ") for r in regels if r.startswith("  Wacht: ")] == verwacht["wacht"]
    klaar = [r.removeprefix("  Klaar: ") for r in regels if r.startswith("  Klaar: ")]
    assert "canvas fase 2" in klaar and len(klaar) + len(wacht) == sum(r.startswith("  ") for r in regels)
    assert any(r.startswith("Nu te doen: ") for r in regels)  # and the next milestone, when the planning has one


@pytest.mark.parametrize("nummer", sorted(VERWACHT))
def test_geen_lege_koppen_punten_of_rijen(gebouwd, nummer):
    map_, _, _ = gebouwd[nummer]
    fouten = []
    for pad in sorted(map_.rglob("*.docx")):
        fouten += lege_plekken_docx(pad)
    for pad in map_.rglob("*.pptx"):
        fouten += lege_plekken_pptx(pad)
    assert fouten == []


@pytest.mark.extern
@pytest.mark.parametrize("nummer", sorted(VERWACHT))
def test_canvas_op_een_pagina_op_elk_moment(gebouwd, nummer, tmp_path):
    map_, _, _ = gebouwd[nummer]
    assert pdf_paginas(naar_pdf(map_ / "canvas-fase-2.docx", tmp_path)) == 1


def test_canvas_is_eerst_een_plan(gebouwd):
    """In week 1 the canvas shows the handreiking's advice for every block without facts,
    muted; the ambition block asks for what phase 2 will produce."""
    map_, _, _ = gebouwd[1]
    doc = docx.Document(map_ / "canvas-fase-2.docx")
    cellen = [c for r in doc.tables[0].rows for c in r.cells]
    handreiking = {
        c.paragraphs[0].text: [p.text for p in c.paragraphs if p.style.name == "Handreiking"] for c in cellen
    }
    for blok in (
        "Inhoudelijke voorbereiding en vorm",
        "Organisatorisch voorbereiden, faseren en plannen",
        "Mogelijke knelpunten",
        "Kansen",
        "Ambitieniveau, strategische afspraken en richtinggevende keuzes",
    ):
        assert handreiking[blok] and handreiking[blok][0].startswith("Handreiking: "), blok
    stijl = doc.styles["Handreiking"]
    assert stijl.font.italic and str(stijl.font.color.rgb) not in ("000000", "None")  # muted: advice, not the plan
    assert "stand van zaken: voorbereiding van de startbijeenkomst" in doc.sections[0].footer.paragraphs[0].text


def test_presentatie_zonder_ambitie_vraagt_de_zaal(gebouwd):
    map_, _, _ = gebouwd[2]
    titels = [
        d.shapes.title.text_frame.text
        for d in pptx.Presentation(map_ / "presentatie-startbijeenkomst.pptx").slides
        if d.shapes.title is not None
    ]
    assert "Waar willen we samen naartoe?" in titels
    assert "Een eerste aanzet voor onze ambitie" not in titels


def test_wat_ingevuld_is_maar_niet_klopt_blijft_een_fout(maak_werkboek):
    """Empty is 'not yet'; filled in but wrong still stops the build, for every document."""
    gegevens = moment(1)
    gegevens["Notitie"] = {"Datum": "binnenkort"}
    uit = CliRunner().invoke(hoofd, ["bouw", str(maak_werkboek(gegevens)), "-o", "niets"], catch_exceptions=False)
    assert uit.exit_code == 1
    assert (
        "Fout: Blad 'Notitie', cel B5: 'binnenkort' is geen datum; verwacht bijvoorbeeld 3-3-2027 of 3 maart 2027"
    ) in uit.output.splitlines()


def test_uitnodigingen_bestuurders_wachten_op_een_bestuurder(maak_werkboek, tmp_path):
    gegevens = moment(4)
    for s in gegevens["Stakeholders"]:
        s.pop("Bestuurder", None)
    uit = CliRunner().invoke(
        hoofd, ["bouw", str(maak_werkboek(gegevens)), "-o", str(tmp_path / "uit")], catch_exceptions=False
    )
    assert (
        "Nog niet gemaakt: uitnodigingen bestuurlijke bijeenkomst — nog leeg: blad 'Stakeholders', kolom J "
        "(Bestuurder) bij minstens één rij"
    ) in uit.output.splitlines()  # and who signs it is there
    assert not (tmp_path / "uit" / "uitnodigingen" / "bestuurlijke-bijeenkomst").exists()


def test_een_ontbrekend_veld_wordt_genoemd(maak_werkboek, tmp_path):
    """A label removed from the sheet: the memo waits and says which field is missing."""

    def zonder_aan(boek):
        boek["Notitie"]["A3"] = None

    gegevens = moment(5)
    uit = CliRunner().invoke(
        hoofd,
        ["bouw", str(maak_werkboek(gegevens, wijzig=zonder_aan)), "-o", str(tmp_path / "uit")],
        catch_exceptions=False,
    )
    assert uit.exit_code == 0
    assert (
        "Nog niet gemaakt: bestuurlijke notitie — nog leeg: blad 'Notitie', het veld 'Aan' staat niet in de kolom Veld"
    ) in uit.output.splitlines()


def test_contract_weigert_onbekende_namen_in_nodig():
    from generator.contract import _nodig, laad_contract

    bladen = list(laad_contract().bladen)
    assert _nodig("Notitie: Aan", bladen).veld == "aan"
    assert _nodig("bijeenkomsten: status = Afgerond", bladen).waarde == "Afgerond"
    for fout in ("Notities: Aan", "Notitie: Aanhef", "Bijeenkomsten: Status = Klaar"):
        with pytest.raises(ValueError):
            _nodig(fout, bladen)


def test_de_bouw_geeft_zijn_stand_door(tmp_path):
    """Readiness is worked out once, by the build, and handed on: what the trekker is told
    after a build (the CLI's 'Wacht', the web page's overview) is what the build decided."""
    from generator import opdrachten
    from generator.gereed import documenten

    from .conftest import REPO

    resultaat = opdrachten.bouw_documenten(REPO / "invoer" / "voorbeeld.xlsx", tmp_path / "uit")
    assert resultaat.model is not None
    assert resultaat.documenten == documenten(resultaat.model)
    assert resultaat.wachtend and resultaat.wachtend == tuple(d for d in resultaat.documenten if not d.klaar)
    gemaakt = {p.name for p in resultaat.bestanden}
    assert "bestuurlijke-notitie.docx" in gemaakt and any(
        d.sleutel == "notitie" and d.klaar for d in resultaat.documenten
    )
    eigen = resultaat.documenten[:2]
    assert opdrachten.voortgang(resultaat.model, besloten=eigen).documenten == eigen
    assert opdrachten.voortgang(resultaat.model).documenten == resultaat.documenten
