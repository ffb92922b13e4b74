"""Issue 22, part B: the memo fits the state of the process, one figure has one value in every
document, a deck to present at any size, and the house style everywhere. Every rule is checked
on the reopened documents (python-docx, python-pptx) of workbooks of very different sizes."""

from __future__ import annotations

import re

import docx
import pptx
import pytest
from click.testing import CliRunner

from generator.cli import hoofd

from .werkboeken import geschaald


def bouw(pad, uit):
    r = CliRunner().invoke(hoofd, ["bouw", str(pad), "-o", str(uit)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r


def notitie(uit):
    return docx.Document(str(uit / "bestuurlijke-notitie.docx"))


def alinea_teksten(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def cellen(doc) -> list[str]:
    return [c.text for t in doc.tables for r in t.rows for c in r.cells]


def tabel_met_kop(doc, kop: str):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == kop)


def dialoog_gepland(g):
    dialoog = next(b for b in g["Bijeenkomsten"] if b["Soort"] == "Dialoog doelen en maatregelen")
    dialoog["Status"] = "Gepland"
    dialoog.pop("Uitkomsten", None)
    dialoog.pop("Evaluatie", None)
    return g


# -- 2. the memo fits the state of the process ------------------------------------------------
def test_dialoog_niet_gehouden_zegt_de_notitie_dat_en_wat_een_voorstel_is(maak_werkboek, tmp_path):
    g = dialoog_gepland(geschaald())
    bouw(maak_werkboek(g), tmp_path / "uit")
    doc = notitie(tmp_path / "uit")
    teksten = alinea_teksten(doc)
    assert (
        "Stand van zaken: de dialoog doelen en maatregelen is gepland op 13 april 2027 en is nog niet gehouden. "
        "De ambitie, de doelen en de rolverdeling in deze notitie zijn daarom een voorstel: de partners hebben er "
        "nog niet mee ingestemd."
    ) in teksten
    assert "Ambitie (voorstel)" in teksten and "Ambitie" not in teksten
    assert any(
        t.startswith(
            "Per fase van het hitteplan is voorgesteld wie wat doet; de partners bespreken het in de "
            "dialoog doelen en maatregelen op 13 april 2027: "
        )
        for t in teksten
    )
    assert any(t.startswith("Met 6 partijen zijn afspraken voorgesteld over") for t in teksten)
    assert (
        "De ambitie die de partners nog bespreken, luidt als voorstel: ‘" + g["Ambitie"]["Ambitie"] + "’"
    ) in teksten
    assert not any("afspraken gemaakt" in t or "is besproken wie wat doet" in t for t in teksten)


def test_dialoog_gehouden_geen_voorbehoud_en_de_ambitie_geciteerd(maak_werkboek, tmp_path):
    g = geschaald()
    bouw(maak_werkboek(g), tmp_path / "uit")
    teksten = alinea_teksten(notitie(tmp_path / "uit"))
    assert not any(t.startswith("Stand van zaken") for t in teksten)
    assert "Ambitie" in teksten and "Ambitie (voorstel)" not in teksten
    i = teksten.index("De gedeelde ambitie luidt: ‘" + g["Ambitie"]["Ambitie"] + "’")
    assert i == teksten.index("3.\t" + g["Beslispunten"][2]["Beslispunt"]) + 1  # right under the beslispunten


def test_rollen_van_afgehaakte_partners_weg_van_niet_benaderde_een_voorstel(maak_werkboek, tmp_path):
    g = geschaald()
    weg, nieuw = "GGD Heuvelland", "Buurtsuper De Markt"
    next(s for s in g["Stakeholders"] if s["Organisatie"] == weg)["Status"] = "Afgehaakt"
    assert next(s for s in g["Stakeholders"] if s["Organisatie"] == nieuw)["Status"] == "Nog benaderen"
    g["Doelen en rollen"][5]["Partij"] = nieuw
    g["Afspraken"].append({"Partij": nieuw, "Brengt": "Water en een koele winkel.", "Status": "Concept"})
    bouw(maak_werkboek(g), tmp_path / "uit")
    doc = notitie(tmp_path / "uit")
    doelen, afspraken = tabel_met_kop(doc, "Fase"), tabel_met_kop(doc, "Partij")
    partijen = [r.cells[2].text for r in doelen.rows[1:]]
    assert not any(weg in p for p in partijen)
    assert partijen.count("nog open") == sum(1 for d in g["Doelen en rollen"] if d.get("Partij") == weg) == 2
    assert f"{nieuw} (ondersteunt); voorstel, nog niet benaderd" in partijen
    rijen = [r.cells[0].text for r in afspraken.rows[1:]]
    assert not any(weg in r for r in rijen) and f"{nieuw}\n(voorstel, nog niet benaderd)" in rijen
    assert len(rijen) == len(g["Afspraken"]) - 1
    assert any(t.startswith(f"Met {len(rijen)} partijen zijn afspraken gemaakt") for t in alinea_teksten(doc))
    canvas = [
        p.text
        for c in docx.Document(str(tmp_path / "uit" / "canvas-fase-2.docx")).tables[0]._cells
        for p in c.paragraphs
    ]
    assert (
        not any(t.startswith(f"•\t{weg} brengt") for t in canvas)
        and f"•\t{nieuw} brengt: Water en een koele winkel." in canvas
    )


def test_lege_juridische_aspecten_krijgen_de_standaardtekst_uit_het_sjabloon(maak_werkboek, tmp_path):
    g = geschaald()
    g["Notitie"].pop("Juridische aspecten")
    bouw(maak_werkboek(g), tmp_path / "uit")
    teksten = alinea_teksten(notitie(tmp_path / "uit"))
    tekst = teksten[teksten.index("Juridische aspecten") + 1]
    assert tekst.startswith("Op grond van de Wet publieke gezondheid (Wpg) is de gemeente verantwoordelijk")
    assert tekst.endswith("(AVG).")
    sjabloon = "\n".join(p.text for p in docx.Document("sjablonen/bestuurlijke-notitie.docx").paragraphs)
    assert tekst in sjabloon  # the wording is the template's


# -- 3. one figure, one value ------------------------------------------------------------------
def test_koele_plekken_een_bron_in_notitie_presentatie_en_canvas(maak_werkboek, tmp_path):
    g = geschaald(60, 30)
    bouw(maak_werkboek(g), tmp_path / "uit")
    koel = [loc for loc in g["Locaties"] if loc["Soort"] in ("Koele plek", "Waterpunt")]
    wijken = tabel_met_kop(notitie(tmp_path / "uit"), "Wijk")
    kop = [c.text for c in wijken.rows[0].cells].index("Koele plekken")
    per_wijk = {r.cells[0].text: r.cells[kop].text for r in wijken.rows[1:]}
    for w in g["Wijken"]:
        assert per_wijk[w["Wijk"]] == str(sum(1 for loc in koel if loc["Wijk"] == w["Wijk"]))
    assert per_wijk["Totaal"] == str(len(koel))
    prs = pptx.Presentation(str(tmp_path / "uit" / "presentatie-startbijeenkomst.pptx"))
    notities = "\n".join(d.notes_slide.notes_text_frame.text for d in prs.slides)
    assert f"{len(koel)} koele plekken en waterpunten" in notities
    canvas = "\n".join(c.text for c in docx.Document(str(tmp_path / "uit" / "canvas-fase-2.docx")).tables[0]._cells)
    assert f"{len(koel)} koele plekken" in canvas
    zonder = [w["Wijk"] for w in g["Wijken"] if not any(loc["Wijk"] == w["Wijk"] for loc in koel)]
    assert notities.count("nog geen koele plek") <= 1 and all(w in notities for w in zonder)


def test_controleer_noemt_beide_cellen_als_wijken_en_locaties_verschillen(maak_werkboek, tmp_path):
    g = geschaald()
    g["Wijken"][0]["Koele plekken"] = 5  # Centrum: Locaties lists 2 (rows 6 and 8)
    g["Wijken"][5]["Koele plekken"] = 3  # De Akkers: Locaties lists none
    r = CliRunner().invoke(hoofd, ["controleer", str(maak_werkboek(g))])
    assert r.exit_code == 0, r.output
    regels = [x for x in r.output.splitlines() if "koele plekken" in x]
    assert (
        "Waarschuwing: Blad 'Wijken', cel H2: hier staan 5 koele plekken voor Centrum, maar blad 'Locaties' telt "
        "er 2 (cellen B6 en B8)"
    ) in regels[0]
    assert (
        "cel H7: hier staan 3 koele plekken voor De Akkers, maar blad 'Locaties' noemt er geen in De Akkers"
        in regels[1]
    )
    assert len(regels) == 2
    r = CliRunner().invoke(hoofd, ["controleer", str(maak_werkboek(geschaald()))])
    assert "koele plekken" not in r.output  # the example agrees with itself


def test_prioriteit_een_waarde_in_notitie_en_presentatie(maak_werkboek, tmp_path):
    g = geschaald(None, 30)
    bouw(maak_werkboek(g), tmp_path / "uit")
    wijken = tabel_met_kop(notitie(tmp_path / "uit"), "Wijk")
    in_notitie = {r.cells[0].text: r.cells[-1].text for r in wijken.rows[1:-1]}
    prs = pptx.Presentation(str(tmp_path / "uit" / "presentatie-startbijeenkomst.pptx"))
    dia = next(d for d in prs.slides if d.shapes.title.text_frame.text.startswith("Waar kwetsbaarheid"))
    tabel = next(v.table for v in dia.shapes if v.has_table)
    koppen = [c.text for c in tabel.rows[0].cells]
    rijen = [[c.text for c in r.cells] for r in list(tabel.rows)[1:]]
    prio = [r[koppen.index("Prioriteit")] for r in rijen]
    assert all(in_notitie[r[koppen.index("Wijk")]] == p for r, p in zip(rijen, prio, strict=True))
    volgorde = ["Hoog", "Midden", "Laag"]
    assert [volgorde.index(p) for p in prio] == sorted(volgorde.index(p) for p in prio)  # no Hoog below Midden


def test_deelnemers_een_getal(maak_werkboek, tmp_path):
    g = geschaald(60, 1)
    bouw(maak_werkboek(g), tmp_path / "uit")
    deel = sum(1 for s in g["Stakeholders"] if s["Status"] == "Deelgenomen")
    teksten = alinea_teksten(notitie(tmp_path / "uit"))
    assert any(
        f"Op de groslijst staan 60 organisaties; ze staan in bijlage 1. Daarvan namen er {deel} deel." in t
        for t in teksten
    )


# -- 7. a deck to present, at any size; 8. the house style everywhere ---------------------------
KLEUR = "8B1A4A"
GROOTTES = [(1, 1), (1, 30), (60, 1), (60, 30), (None, None)]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """The documents of workbooks of every size, built once: (organisations, wijken) -> folder."""
    from PIL import Image

    from generator.blanco import maak_blanco, vul
    from generator.voorbeeld import hittekaart

    uit = {}
    for organisaties, wijken in GROOTTES + [(0, 30)]:
        map_ = tmp_path_factory.mktemp(f"deck-{organisaties}-{wijken}")
        g = geschaald(organisaties, wijken)
        if organisaties == 60:  # a house style of its own, and a logo
            Image.new("RGB", (600, 200), (139, 26, 74)).save(map_ / "logo.png")
            g["Algemeen"]["Logo"] = "logo.png"
            g["Algemeen"]["Huisstijlkleur"] = "#" + KLEUR
        wb = maak_blanco()
        vul(wb, g)
        wb.save(map_ / "werkboek.xlsx")
        kaart, beeld = hittekaart()
        (map_ / kaart).write_bytes(beeld)
        bouw(map_ / "werkboek.xlsx", map_ / "uit")
        uit[(organisaties, wijken)] = (g, map_ / "uit")
    return uit


def deck(decks, grootte):
    g, uit = decks[grootte]
    return g, pptx.Presentation(str(uit / "presentatie-startbijeenkomst.pptx")), uit


def titel(dia) -> str:
    return dia.shapes.title.text_frame.text


def inhoud(dia) -> list[str]:
    """The texts on a slide besides its title and footer."""
    uit = []
    for v in dia.shapes:
        if v == dia.shapes.title or v.name == "Voettekst":
            continue
        if v.has_text_frame:
            uit.append(v.text_frame.text)
        if getattr(v, "has_table", False) and v.has_table:
            uit += [c.text for r in list(v.table.rows)[1:] for c in r.cells]
    return uit


def test_zonder_organisaties_geen_presentatie(decks):
    _, uit = decks[(0, 30)]
    assert not (uit / "presentatie-startbijeenkomst.pptx").exists()


@pytest.mark.parametrize("grootte", GROOTTES)
def test_een_presentatie_om_te_presenteren(decks, grootte):
    g, prs, _ = deck(decks, grootte)
    titels = [titel(d) for d in prs.slides]
    assert len(titels) <= 16, titels
    assert not any("(vervolg)" in t for t in titels)
    for dia in list(prs.slides)[1:]:  # no slide that holds only dashes
        assert any(re.sub(r"[–\s]", "", t) for t in inhoud(dia)) or any(
            v.has_chart or v.shape_type == 13 for v in dia.shapes
        ), titel(dia)
    # in the order a presenter tells it: who is at the table early; the questions before the answer
    plek = {t: i for i, t in enumerate(titels)}
    assert (
        plek["Wie zitten er aan tafel"]
        < plek["Waarom hitte ertoe doet"]
        < plek[next(t for t in titels if t.startswith("Kwetsbare"))]
    )
    vragen = [i for i, t in enumerate(titels) if t.startswith(("Tafelgesprekken", "Stellingen"))]
    antwoord = plek.get("Een eerste aanzet voor onze ambitie", plek.get("Waar willen we samen naartoe?"))
    assert vragen and max(vragen) < antwoord
    # the notes say each thing once
    zinnen = [
        z.strip()
        for d in prs.slides
        for z in re.split(r"(?<=[.?!])\s+", d.notes_slide.notes_text_frame.text)
        if len(z.strip()) > 25
    ]
    dubbel = {z for z in zinnen if zinnen.count(z) > 1}
    assert not dubbel, dubbel


@pytest.mark.parametrize("grootte", [(1, 30), (60, 30), (None, None)])
def test_de_top_van_een_rangorde_op_de_dia_de_rest_in_de_notities(decks, grootte):
    g, prs, _ = deck(decks, grootte)
    wijken = [w["Wijk"] for w in g["Wijken"]]
    for dia in prs.slides:
        notities = dia.notes_slide.notes_text_frame.text
        grafiek = next((v.chart for v in dia.shapes if v.has_chart), None)
        if grafiek is not None:
            op_dia = list(grafiek.plots[0].categories)
            assert len(op_dia) == min(len(wijken), 12)
            assert all(w in op_dia or w in notities for w in wijken)
        if titel(dia).startswith("Waar kwetsbaarheid"):
            tabel = next(v.table for v in dia.shapes if v.has_table)
            op_dia = [r.cells[1].text for r in list(tabel.rows)[1:]]
            assert len(op_dia) == min(len(wijken), 10)
            assert all(w in op_dia or f". {w} (" in notities for w in wijken)


@pytest.mark.parametrize("grootte", GROOTTES)
def test_een_schaal_per_maat(decks, grootte):
    g, prs, _ = deck(decks, grootte)
    schalen: dict[str, set] = {}
    for dia in prs.slides:
        for v in dia.shapes:
            if v.has_chart:
                as_ = v.chart.value_axis
                for reeks in v.chart.plots[0].series:
                    assert as_.minimum_scale == 0 and max(x for x in reeks.values if x is not None) <= as_.maximum_scale
                    schalen.setdefault(reeks.name, set()).add(as_.maximum_scale)
    assert schalen and all(len(s) == 1 for s in schalen.values())
    assert schalen["Hittestress (%)"] == schalen["Verder dan 300 m van koelte (%)"] == {100}
    assert schalen["75-plussers"] == schalen["Alleenwonende 75-plussers"]


def _xml(pad, patroon):
    import zipfile

    with zipfile.ZipFile(pad) as zf:
        return {n: zf.read(n).decode() for n in zf.namelist() if re.match(patroon, n)}


@pytest.mark.parametrize("grootte,kleur", [((60, 30), KLEUR), ((None, None), "00689E")])
def test_huisstijlkleur_op_titels_grafieken_en_tabelkoppen(decks, grootte, kleur):
    g, prs, uit = deck(decks, grootte)
    pad = uit / "presentatie-startbijeenkomst.pptx"
    band = next(v for v in prs.slide_master.shapes if v.name == "Huisstijlband")
    assert str(band.fill.fore_color.rgb) == kleur
    for dia in prs.slides:
        for alinea in dia.shapes.title.text_frame.paragraphs:
            assert all(str(r.font.color.rgb) == kleur for r in alinea.runs), titel(dia)
        for v in dia.shapes:
            if v.has_table:
                assert all(str(c.fill.fore_color.rgb) == kleur for c in v.table.rows[0].cells)
    dias = _xml(pad, r"ppt/slides/slide\d+\.xml$")
    assert sum(x.count("<a:tcPr") for x in dias.values()) and all(
        re.findall(r"<a:tcPr[^>]*>\s*<a:solidFill>\s*<a:srgbClr val=\"(\w+)\"", x).count(kleur) >= 1
        for x in dias.values()
        if "<a:tbl>" in x
    )
    grafieken = _xml(pad, r"ppt/charts/chart\d+\.xml$")
    assert grafieken and all('<c:ser><c:idx val="0"/>' in x for x in grafieken.values())
    for x in grafieken.values():
        eerste = x.split("<c:ser>")[1]
        assert re.search(rf'<c:spPr><a:solidFill><a:srgbClr val="{kleur}"/>', eerste)
    # the memo: headings and table header rows
    doc = notitie(uit)
    assert str(doc.styles["Heading 1"].font.color.rgb) == kleur
    notitiexml = _xml(uit / "bestuurlijke-notitie.docx", r"word/document\.xml$")["word/document.xml"]
    vullingen = re.findall(r'w:fill="(\w+)"', notitiexml)
    assert vullingen.count(kleur) >= 8 and (kleur == "00689E" or "00689E" not in vullingen)
    # the canvas: block titles in the house colour, no tool branding
    canvas = docx.Document(str(uit / "canvas-fase-2.docx"))
    assert str(canvas.styles["Bloktitel"].font.color.rgb) == kleur
    voet = " ".join(p.text for p in canvas.sections[0].footer.paragraphs)
    assert voet.startswith("Lokaal hitteplan · gemeente Heuvelmonde") and "gemaakt met" not in voet.lower()


def test_logo_op_elke_dia_als_het_is_gegeven(decks):
    for grootte, logo in (((60, 30), True), ((None, None), False)):
        _, prs, _ = deck(decks, grootte)
        for dia in prs.slides:
            logos = [v for v in dia.shapes if v.name == "Logo" and v.shape_type == 13]
            assert len(logos) == (1 if logo else 0), titel(dia)
            for v in logos:
                assert v.left + v.width <= prs.slide_width and v.top + v.height <= prs.slide_height
                assert v._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr") == "Logo van Gemeente Heuvelmonde"


def test_aan_tafel_zonder_afgehaakte_partners(decks):
    g, prs, _ = deck(decks, (60, 30))
    dia = next(d for d in prs.slides if titel(d) == "Wie zitten er aan tafel")
    notities = dia.notes_slide.notes_text_frame.text
    per_status = {
        st: [s["Organisatie"] for s in g["Stakeholders"] if s["Status"] == st]
        for st in ("Uitgenodigd", "Aangemeld", "Deelgenomen", "Telefonisch bijgepraat", "Nog benaderen", "Afgehaakt")
    }
    aan_tafel = per_status["Uitgenodigd"] + per_status["Aangemeld"] + per_status["Deelgenomen"]
    in_gesprek = len(per_status["Telefonisch bijgepraat"]) + len(per_status["Nog benaderen"])
    assert notities.startswith(
        f"Uitgenodigd zijn {len(aan_tafel)} organisaties; met {in_gesprek} andere organisaties "
        "van de groslijst zijn we nog in gesprek."
    )
    tekst = "\n".join(inhoud(dia)) + notities
    assert all(o in tekst for o in aan_tafel) and not any(o in tekst for o in per_status["Afgehaakt"])


@pytest.mark.extern
@pytest.mark.parametrize("grootte", [(1, 30), (60, 30)])
def test_grote_presentatie_zonder_overloop_gerenderd(decks, grootte, tmp_path):
    from .conftest import naar_pdf, overloop

    _, _, uit = deck(decks, grootte)
    pad = uit / "presentatie-startbijeenkomst.pptx"
    assert overloop(pad, naar_pdf(pad, tmp_path)) == []


def test_notitie_zonder_datum_rekent_vanaf_de_stand_van_zaken(maak_werkboek):
    """Kept from a failing property-based example: a memo rendered while its date is still
    empty takes the next steps from the date the documents speak of instead of failing."""
    import io

    from generator.lezer import lees
    from generator.notitie import maak_notitie
    from generator.sjabloon import Sjablonen

    g = geschaald()
    g["Notitie"].pop("Datum")
    model, _ = lees(maak_werkboek(g))
    doc = docx.Document(io.BytesIO(maak_notitie(model, Sjablonen())))
    teksten = alinea_teksten(doc)
    assert "None" not in "\n".join(teksten)
    # after 13 april; a public memo names no person responsible (issue 22, point 1)
    assert "26 april 2027: Bestuurlijke notitie naar het college" in teksten
