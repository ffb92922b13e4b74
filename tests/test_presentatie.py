"""The presentation for the startbijeenkomst: reopened with python-pptx and asserted on."""

from __future__ import annotations

import re
import zipfile

import pptx
import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.voorbeeld import GEGEVENS

from .conftest import naar_pdf, overloop, valideer_ooxml
from .test_canvas import _zwaar

# in the order a presenter tells it: who is at the table and where we are early, the local
# picture after the speaker, the questions for the room before the draft answer
TITELS = [
    "Lokaal hitteplan Heuvelmonde",
    "Welkom: waarom we hier vandaag zijn",
    "Programma",
    "Wie zitten er aan tafel",
    "Het proces: van verkennen naar vastleggen",
    "Waarom hitte ertoe doet",
    "Het hitteplan: van preventie tot opschaling",
    "Kwetsbare ouderen per wijk",
    "Hitte en afstand tot koelte per wijk",
    "De hittekaart van Heuvelmonde",
    "Locaties per wijk",
    "Waar kwetsbaarheid, hitte en afstand samenkomen",
    "Tafelgesprekken over bereik en verantwoordelijkheid",
    "Stellingen: eerste aanzet voor de gedeelde ambitie",
    "Een eerste aanzet voor onze ambitie",
    "Volgende stappen",
]


def bouw(werkboek, uitvoer):
    uit = CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uitvoer)], catch_exceptions=False)
    assert uit.exit_code == 0, uit.output
    return pptx.Presentation(str(uitvoer / "presentatie-startbijeenkomst.pptx"))


def titels(prs) -> list[str]:
    return [d.shapes.title.text_frame.text if d.shapes.title is not None else "" for d in prs.slides]


def grafieken(prs):
    return [v.chart for d in prs.slides for v in d.shapes if v.has_chart]


def dia_tekst(dia) -> str:
    delen = []
    for v in dia.shapes:
        if v.has_text_frame:
            delen.append(v.text_frame.text)
        if v.has_table:
            delen += [c.text for r in v.table.rows for c in r.cells]
    return "\n".join(delen)


@pytest.fixture(scope="module")
def voorbeeld_deck(voorbeeld_gebouwd):
    return voorbeeld_gebouwd.uit / "presentatie-startbijeenkomst.pptx"


def test_dia_titels_in_volgorde(voorbeeld_deck):
    prs = pptx.Presentation(str(voorbeeld_deck))
    assert titels(prs) == TITELS
    assert round(prs.slide_width / 914400, 2) == 13.33 and prs.core_properties.title.startswith(
        "Lokaal hitteplan Heuvelmonde"
    )


def test_titeldia(voorbeeld_deck):
    eerste = pptx.Presentation(str(voorbeeld_deck)).slides[0]
    tekst = dia_tekst(eerste)
    assert "dinsdag 9 maart 2027, 13.30\u201316.00 uur" in tekst.splitlines()  # an en dash
    assert "Woonzorgcentrum De Linde, Lindelaan 4, 1234 AB Heuvelmonde" in tekst.splitlines()
    assert "te gast bij Zorggroep Heuvelland" in tekst.splitlines()


def test_grafieken_gelijk_aan_de_wijken(voorbeeld_deck):
    kwetsbaar, hitte = grafieken(pptx.Presentation(str(voorbeeld_deck)))
    wijken = GEGEVENS["Wijken"]
    for grafiek, kolommen in (
        (kwetsbaar, ["75-plussers", "Alleenwonende 75-plussers"]),
        (hitte, ["Hittestress (%)", "Verder dan 300 m van koelte (%)"]),
    ):
        plot = grafiek.plots[0]
        assert list(plot.categories) == [w["Wijk"] for w in wijken]
        assert [s.name for s in plot.series] == kolommen
        for reeks, kolom in zip(plot.series, kolommen, strict=True):
            assert list(reeks.values) == [float(w[kolom]) for w in wijken]


def test_elke_dia_heeft_sprekersnotities_met_cijfers(voorbeeld_deck):
    prs = pptx.Presentation(str(voorbeeld_deck))
    notities = [d.notes_slide.notes_text_frame.text for d in prs.slides]
    assert all(len(n) > 40 for n in notities)
    assert (
        "In Molenwijk wonen 1.120 75-plussers, van wie 498 alleen."
        in notities[TITELS.index("Kwetsbare ouderen per wijk")]
    )
    assert (
        "In Centrum is dat 62%; 18% van de woningen ligt verder dan 300 m van een koele plek."
        in notities[TITELS.index("Hitte en afstand tot koelte per wijk")]
    )
    assert (
        "Bovenaan staat Molenwijk: naar schatting 90 mensen."
        in notities[TITELS.index("Waar kwetsbaarheid, hitte en afstand samenkomen")]
    )


def test_rangorde(voorbeeld_deck):
    dia = pptx.Presentation(str(voorbeeld_deck)).slides[TITELS.index("Waar kwetsbaarheid, hitte en afstand samenkomen")]
    tabel = next(v.table for v in dia.shapes if v.has_table)
    assert [c.text for c in tabel.rows[1].cells] == ["1", "Molenwijk", "Hoog", "498", "41%", "44%", "90"]
    assert [tabel.cell(r, 1).text for r in range(1, len(tabel.rows))][-1] == "Buitengebied"


def test_geen_contactgegevens_op_dias(voorbeeld_deck):
    prs = pptx.Presentation(str(voorbeeld_deck))
    for dia in prs.slides:
        tekst = dia_tekst(dia) + "\n" + dia.notes_slide.notes_text_frame.text
        assert "@" not in tekst
        assert not re.search(r"\b0\d{1,3}[- ]?\d{3}[ -]?\d{3,4}\b|\+31", tekst), tekst


@pytest.mark.extern
def test_taal_alt_en_schema(voorbeeld_deck):
    with zipfile.ZipFile(voorbeeld_deck) as zf:
        dias = {n: zf.read(n).decode() for n in zf.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)}
        grafiekxml = [zf.read(n).decode() for n in zf.namelist() if re.match(r"ppt/charts/chart\d+\.xml$", n)]
    for naam, xml in dias.items():
        runs = re.findall(r"<a:r>(?:<a:rPr\b[^>]*/?>)?", xml)
        assert runs and all('lang="nl-NL"' in r for r in runs), naam
        for m in re.finditer(r"<p:cNvPr\b[^>]*>", xml):
            volgend = xml[m.end() : m.end() + 200]
            if "<p:cNvPicPr" in volgend or "<p:cNvGraphicFramePr" in volgend:
                assert re.search(r'descr="[^"]+"', m.group(0)), (naam, m.group(0))
        assert "normAutofit" not in xml
    for xml in grafiekxml:
        assert not re.search(r'<c:(axId|crossAx) val="-', xml)
        assert '<c:lang val="nl-NL"/>' in xml
    assert valideer_ooxml(voorbeeld_deck) == []


@pytest.mark.extern
def test_geen_overloop(voorbeeld_deck, tmp_path):
    assert overloop(voorbeeld_deck, naar_pdf(voorbeeld_deck, tmp_path)) == []


@pytest.mark.extern
def test_zestig_organisaties_en_dertig_wijken(maak_werkboek, gegevens, tmp_path):
    gegevens = _zwaar(gegevens, 10, 160)
    gegevens["Wijken"] = [
        {
            "Wijkcode": f"WK9999{i:02d}",
            "Wijk": f"Wijk {i:02d} {'Noord' if i % 2 else 'Zuid'}",
            "Inwoners": 3000 + i * 50,
            "75-plussers": 300 + i * 7,
            "Alleenwonende 75-plussers": 100 + i * 3,
            "Hittestress (%)": (i * 7) % 80,
            "Verder dan 300 m van koelte (%)": (i * 11) % 90,
            "Koele plekken": i % 4,
        }
        for i in range(1, 31)
    ]
    for loc in gegevens["Locaties"]:
        loc["Wijk"] = "Wijk 01 Noord"
    prs = bouw(maak_werkboek(gegevens), tmp_path)
    t = titels(prs)
    assert len(t) <= 16 and not any("(vervolg)" in x for x in t)
    kwetsbaar = grafieken(prs)[0]
    assert len(kwetsbaar.plots[0].categories) == 12  # the top of the ranking; the other 18 in the notes
    tafel = next(d for d in prs.slides if d.shapes.title.text_frame.text == "Wie zitten er aan tafel")
    op_dia = dia_tekst(tafel) + tafel.notes_slide.notes_text_frame.text
    assert all(s["Organisatie"] in op_dia for s in gegevens["Stakeholders"])
    pad = tmp_path / "presentatie-startbijeenkomst.pptx"
    assert overloop(pad, naar_pdf(pad, tmp_path)) == []


def test_hittekaart_geschaald_met_alt_tekst(maak_werkboek, gegevens, tmp_path):
    from PIL import Image

    Image.new("RGB", (1600, 900), (200, 60, 40)).save(tmp_path / "hittekaart.png")
    gegevens["Algemeen"]["Hittekaart"] = "hittekaart.png"
    prs = bouw(maak_werkboek(gegevens), tmp_path / "uit")
    dia = next(d for d in prs.slides if d.shapes.title.text_frame.text == "De hittekaart van Heuvelmonde")
    beeld = next(v for v in dia.shapes if v.shape_type == 13)
    assert beeld._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr").startswith("Hittekaart van Heuvelmonde")
    assert beeld.left + beeld.width <= prs.slide_width and beeld.top + beeld.height <= prs.slide_height
    assert abs(beeld.width / beeld.height - 16 / 9) < 0.01


@pytest.mark.extern
def test_lange_mijlpaal_op_de_tijdlijn(maak_werkboek, gegevens, tmp_path):
    """A milestone of 147 characters: labels are placed by their measured width and never
    overlap; the long one is shortened with an ellipsis, its full text in the speaker notes;
    no text runs out of its box when rendered."""
    lang = (
        "Uitwerking van de afspraken met alle zorgorganisaties, woningcorporaties en vrijwilligersorganisaties "
        "over bereik, signalering en opvang bij hitte."
    )
    assert len(lang) == 147
    gegevens["Planning"][4]["Mijlpaal"] = lang
    prs = bouw(maak_werkboek(gegevens), tmp_path)
    dia = next(d for d in prs.slides if d.shapes.title.text_frame.text == "Het proces: van verkennen naar vastleggen")
    labels = [v for v in dia.shapes if v.name == "Mijlpaal"]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert (
                a.left + a.width <= b.left
                or b.left + b.width <= a.left
                or a.top + a.height <= b.top
                or b.top + b.height <= a.top
            ), (a.text_frame.text, b.text_frame.text)
    ingekort = [v.text_frame.text for v in labels if v.text_frame.text.endswith("…")]
    assert len(ingekort) == 1 and ingekort[0].split("\x0b")[1].rstrip("…") in lang
    assert {v.width for v in labels} != {labels[0].width}  # widths follow the text
    notities = dia.notes_slide.notes_text_frame.text
    assert f"Op de tijdlijn ingekort:\n19 maart 2027: {lang}" in notities
    pad = tmp_path / "presentatie-startbijeenkomst.pptx"
    assert overloop(pad, naar_pdf(pad, tmp_path)) == []
