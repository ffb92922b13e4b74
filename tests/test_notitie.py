"""The bestuurlijke notitie: built through the CLI, reopened with python-docx, asserted on."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.voorbeeld import GEGEVENS

from .conftest import eerst_snel, naar_pdf, pdf_paginas, valideer_ooxml

MINIMAAL = {
    "Algemeen": {
        k: GEGEVENS["Algemeen"][k]
        for k in (
            "Gemeente",
            "Naam trekker",
            "Organisatie trekker",
            "Afbakening",
            "Geografische afbakening",
            "Doelgroepen",
            "Start fase 2",
            "Einde fase 2",
        )
    },
    "Notitie": {
        k: GEGEVENS["Notitie"][k]
        for k in ("Aan", "Onderwerp", "Datum", "Portefeuillehouders", "Openbaar", "Aanleiding", "Beoogd effect")
    },
    "Ambitie": {"Ambitie": GEGEVENS["Ambitie"]["Ambitie"]},
    "Beslispunten": [{"Nr": 1, "Beslispunt": GEGEVENS["Beslispunten"][0]["Beslispunt"]}],
}
MINIMAAL["Notitie"]["Portefeuillehouders"] = ["Wethouder A. el Amrani"]


def bouw(werkboek: Path, uitvoer: Path, *extra: str):
    return CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uitvoer), *extra], catch_exceptions=False)


def koppen(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]


def tekst(doc) -> str:
    delen = [p.text for p in doc.paragraphs]
    for tabel in doc.tables:
        for rij in tabel.rows:
            delen += [c.text for c in rij.cells]
    return "\n".join(delen)


@pytest.fixture(scope="module")
def voorbeeld_notitie(voorbeeld_gebouwd):
    return voorbeeld_gebouwd.uit / "bestuurlijke-notitie.docx"


def test_kopblok(voorbeeld_notitie):
    doc = docx.Document(voorbeeld_notitie)
    assert doc.paragraphs[0].style.name == "Title" or doc.paragraphs[0].text == "Bestuurlijke notitie"
    assert "Aan: College van B&W" in [p.text for p in doc.paragraphs]
    kop = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert kop["Onderwerp"] == "Gedeelde ambitie en afspraken lokaal hitteplan Heuvelmonde"
    assert kop["Datum"] == "26 april 2027"
    assert kop["Registratienummer"] == "Z/27/004512"
    assert kop["Portefeuillehouders"] == (
        "Wethouder A. el Amrani (zorg en welzijn), Wethouder J. Hoekstra (ruimte en klimaat)"
    )
    assert kop["Afdeling"] == "Samenleving"
    assert kop["Steller"] == "Sanne de Vries, beleidsadviseur gezondheid\ns.devries@heuvelmonde.nl · 0123-456\u00a0789"
    # the hyphen of a telephone number is Word's own non-breaking hyphen (every font has it),
    # never the character U+2011, which many fonts lack
    steller = next(r for r in doc.tables[0].rows if r.cells[0].text == "Steller").cells[1]._tc
    assert steller.xpath(".//w:noBreakHyphen") and "\u2011" not in "".join(steller.itertext())
    assert kop["Openbaar"] == "ja"
    assert "Trekker" not in kop  # the trekker wrote it: one row


def test_secties_in_volgorde(voorbeeld_notitie):
    doc = docx.Document(voorbeeld_notitie)
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == [
        "Samenvatting",
        "Beslispunten",
        "Aanleiding",
        "Beoogd effect",
        "Argumenten",
        "Kanttekeningen en risico's",
        "Ambitie",
        "Doelen en rollen",
        "Afspraken",
        "Financiën",
        "Juridische aspecten",
        "Samenhang met ander beleid",
        "Communicatie",
        "Vervolg",
        "Bijlagen",
        "Bijlage 1. Betrokken partijen",
        "Bijlage 2. Het lokale beeld",
        "Bijlage 3. Doelen en rollen per fase van het hitteplan",
        "Bijlage 4. Afspraken per partij",
    ]
    assert all(p.paragraph_format.page_break_before for p in doc.paragraphs if p.text.startswith("Bijlage "))
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    for kop in ("Cijfers per wijk", "Zorglocaties en koele plekken", "Bronnen"):
        assert kop in h2
    assert "Bijeenkomsten en programma" not in h2 and "Planning" not in h2  # programmes belong in the invitations


def test_beslispunten_en_argumenten_genummerd(voorbeeld_notitie):
    doc = docx.Document(voorbeeld_notitie)
    genummerd = [p.text for p in doc.paragraphs if p.style.name == "Genummerd"]
    for b in GEGEVENS["Beslispunten"]:
        assert f"{b['Nr']}.\t{b['Beslispunt']}" in genummerd
        assert f"{b['Nr']}.\t{b['Argument']}" in genummerd
    eerste_argument = genummerd.index(f"1.\t{GEGEVENS['Beslispunten'][0]['Argument']}")
    assert genummerd.index(f"3.\t{GEGEVENS['Beslispunten'][2]['Beslispunt']}") < eerste_argument
    assert f"2.\t{GEGEVENS['Beslispunten'][1]['Kanttekening']}" in genummerd


def test_tabellen(voorbeeld_notitie):
    doc = docx.Document(voorbeeld_notitie)
    doelen = next(t for t in doc.tables if t.rows[0].cells[0].text == "Fase")
    rijen = [[c.text for c in r.cells] for r in doelen.rows[1:]]
    assert len(rijen) == len(GEGEVENS["Doelen en rollen"])
    assert [r[0] for r in rijen if r[0]] == [
        "Preventie",
        "Voorbereiding",
        "Voorwaarschuwing",
        "Waarschuwing",
        "Opschaling",
        "Afschaling en evaluatie",
    ]
    assert rijen[0][2] == "Sociaal wijkteam Heuvelmonde (regie)"
    wijken = next(t for t in doc.tables if t.rows[0].cells[0].text == "Wijk")
    rij = [c.text for c in wijken.rows[1].cells]
    assert rij == ["Centrum", "6.240", "810", "455", "62%", "18%", "2", "Hoog"]  # no CBS codes
    assert [c.text for c in wijken.rows[6].cells][4] == "33,5%"
    totaal = [c.text for c in wijken.rows[-1].cells]
    assert totaal[:4] == ["Totaal", "46.380", "5.175", "2.271"]
    partijen = next(t for t in doc.tables if t.rows[0].cells[0].text == "Organisatie")
    # no Opmerking: internal remarks are in the contact list only
    assert [c.text for c in partijen.rows[0].cells] == ["Organisatie", "Categorie", "Status en rol in het proces"]
    assert partijen.rows[1].cells[0].text == "Lokaal verantwoordelijk"
    assert len(partijen.rows) == 1 + 3 + len(GEGEVENS["Stakeholders"])
    afspraken = next(t for t in doc.tables if t.rows[0].cells[0].text == "Partij")
    assert [r.cells[0].text for r in afspraken.rows if "trekt het vervolg" in r.cells[0].text] == [
        "Gemeente Heuvelmonde, sociaal domein\n(trekt het vervolg)"
    ]


def test_nederlandse_datums_en_vervolg(voorbeeld_notitie):
    doc = docx.Document(voorbeeld_notitie)
    alles = tekst(doc)
    assert "loopt van 1 februari 2027 tot en met 31 mei 2027 (4 maanden)" in alles
    assert "Startbijeenkomst hitteplan: 9 maart 2027, Woonzorgcentrum De Linde (afgerond)" in alles
    vervolg = [p.text for p in doc.paragraphs if p.style.name == "List Bullet" and p.text[:2].strip().isdigit()]
    # a public memo names no person as the one responsible for a milestone
    assert vervolg[-2:] == ["18 mei 2027: Bestuurlijke bijeenkomst", "31 mei 2027: Afronding fase 2 en start fase 3"]
    assert not any("Bestuurlijke notitie naar het college" in t for t in vervolg)  # the memo is not its own next step
    assert "Groslijst en eerste telefoontjes" not in [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert "Daarna volgt fase 3, vastleggen en uitvoeren" in alles


@pytest.mark.extern
def test_toegankelijk_en_geldig(voorbeeld_notitie):
    doc = docx.Document(voorbeeld_notitie)
    assert doc.core_properties.title == "Gedeelde ambitie en afspraken lokaal hitteplan Heuvelmonde"
    assert doc.core_properties.subject == "Bestuurlijke notitie · Lokaal hitteplan Heuvelmonde"
    assert doc.core_properties.author == "Sanne de Vries"
    with zipfile.ZipFile(voorbeeld_notitie) as zf:
        stijlen = zf.read("word/styles.xml").decode()
        document = zf.read("word/document.xml").decode()
    standaard = stijlen.split("<w:rPrDefault>")[1].split("</w:rPrDefault>")[0]
    assert 'w:val="nl-NL"' in standaard
    assert "en-US" not in stijlen
    assert "{{" not in document and "{%" not in document and "None" not in tekst(doc)
    assert valideer_ooxml(voorbeeld_notitie) == []


@pytest.mark.extern
def test_rendert_in_libreoffice(voorbeeld_notitie, tmp_path):
    pdf = naar_pdf(voorbeeld_notitie, tmp_path)
    assert 4 <= pdf_paginas(pdf) <= 12


def test_lege_secties_verdwijnen(maak_werkboek, tmp_path):
    uit = tmp_path / "uit"
    resultaat = bouw(maak_werkboek(copy.deepcopy(MINIMAAL)), uit)
    assert resultaat.exit_code == 0, resultaat.output
    doc = docx.Document(uit / "bestuurlijke-notitie.docx")
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["Beslispunten", "Aanleiding", "Beoogd effect", "Ambitie (voorstel)", "Juridische aspecten", "Vervolg"]
    assert len(doc.tables) == 1  # only the header block: no orphan table header
    kop = {r.cells[0].text for r in doc.tables[0].rows}
    assert "Registratienummer" not in kop and "Afdeling" not in kop
    assert "Portefeuillehouder" in kop
    for p in doc.paragraphs:
        assert p.text.strip() or not p.runs or p.style.name == "Normal", p.style.name
    alles = tekst(doc)
    assert "None" not in alles and "Samenvatting" not in alles and "Bijlagen" not in alles


def test_tekens_letterlijk_en_regelafbrekingen(maak_werkboek, gegevens, tmp_path):
    gegevens["Stakeholders"][6]["Organisatie"] = "Zorg & Welzijn <Noord>"
    gegevens["Afspraken"][3]["Partij"] = "Zorg & Welzijn <Noord>"
    for b in gegevens["Bijeenkomsten"]:
        b["Aanwezig"] = [
            n if n != "Thuiszorg Heuvelmonde" else "Zorg & Welzijn <Noord>" for n in b.get("Aanwezig") or ()
        ]
    gegevens["Notitie"]["Aanleiding"] = 'Eerste regel.\nTweede regel met "aanhalingstekens" & {{ accolades }}.'
    uit = tmp_path / "uit"
    assert bouw(maak_werkboek(gegevens), uit).exit_code == 0
    doc = docx.Document(uit / "bestuurlijke-notitie.docx")
    alles = tekst(doc)
    assert "Zorg & Welzijn <Noord>" in alles
    aanleiding = next(p for p in doc.paragraphs if p.text.startswith("Eerste regel."))
    assert aanleiding.text == 'Eerste regel.\nTweede regel met "aanhalingstekens" & {{ accolades }}.'
    assert aanleiding._p.xml.count("<w:br/>") == 1


@pytest.mark.parametrize(
    "soort,aan,kop,intro",
    eerst_snel(
        [
            ("Collegevoorstel", "College van B&W", "Beslispunten", "Het college besluit:"),
            (
                "Bestuurlijke notitie",
                "Bestuurders zorgorganisaties",
                "Wat vragen wij van u",
                "Wij vragen u, onder voorbehoud van instemming van de besturen van de partners:",
            ),
            (
                "Collegevoorstel",
                "College en bestuurders zorgorganisaties",
                "Beslispunten",
                "Het college besluit, onder voorbehoud van instemming van de besturen van de partners:",
            ),
            (
                "Raadsinformatiebrief",
                "College van B&W",
                "Beslispunten",
                "Het college informeert de raad over het volgende:",
            ),
        ]
    ),
)
def test_soort_stuk_en_geadresseerde(maak_werkboek, gegevens, tmp_path, soort, aan, kop, intro):
    gegevens["Notitie"]["Soort stuk"] = soort
    gegevens["Notitie"]["Aan"] = aan
    uit = tmp_path / "uit"
    assert bouw(maak_werkboek(gegevens), uit).exit_code == 0
    doc = docx.Document(uit / "bestuurlijke-notitie.docx")
    assert doc.paragraphs[1].text == soort or soort in [p.text for p in doc.paragraphs[:4]]
    assert kop in koppen(doc)
    assert intro in [p.text for p in doc.paragraphs]


def test_logo_met_alt_tekst(maak_werkboek, gegevens, tmp_path):
    from docx.oxml.ns import qn

    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00"
        b"\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    (tmp_path / "logo.png").write_bytes(png)
    gegevens["Algemeen"]["Logo"] = "logo.png"
    uit = tmp_path / "uit"
    resultaat = bouw(maak_werkboek(gegevens), uit)
    assert resultaat.exit_code == 0, resultaat.output
    doc = docx.Document(uit / "bestuurlijke-notitie.docx")
    docprs = list(doc.element.body.iter(qn("wp:docPr")))
    assert [d.get("descr") for d in docprs] == [
        "Logo van Gemeente Heuvelmonde",
        "Hittekaart van Heuvelmonde: gevoelstemperatuur op een hete middag",
    ]


# -- user templates -------------------------------------------------------------------------
def _sjabloon(map_: Path, *alineas: str) -> Path:
    map_.mkdir(exist_ok=True)
    doc = docx.Document()
    for alinea in alineas:
        doc.add_paragraph(alinea)
    doc.core_properties.title = "{{ notitie.onderwerp }}"
    doc.save(map_ / "bestuurlijke-notitie.docx")
    return map_


def test_eigen_sjabloon_uit_andere_map(voorbeeld, tmp_path):
    eigen = _sjabloon(
        tmp_path / "huisstijl",
        "Gemeente {{ alg.gemeente }} – eigen huisstijl",
        "{% if notitie.soort_stuk == “Bestuurlijke notitie” %}Slimme aanhalingstekens werken{% endif %}",
    )
    uit = tmp_path / "uit"
    resultaat = bouw(voorbeeld, uit, "--sjablonen", str(eigen))
    assert resultaat.exit_code == 0, resultaat.output
    doc = docx.Document(uit / "bestuurlijke-notitie.docx")
    assert [p.text for p in doc.paragraphs] == [
        "Gemeente Heuvelmonde – eigen huisstijl",
        "Slimme aanhalingstekens werken",
    ]


@pytest.mark.parametrize(
    "alinea,melding",
    [
        (
            "Onderwerp: {{ notitie.onderwerp ",
            "Sjabloon 'bestuurlijke-notitie.docx': een tag is onjuist geschreven (sluit elke {{ af met }} en "
            "elke {% met %}) "
            "in de alinea 'Onderwerp: {{ notitie.onderwerp Laatste alinea'.",
        ),
        (
            "{% if notitie.openbaar %}Openbaar",
            "Sjabloon 'bestuurlijke-notitie.docx': een {% if %} of {% for %} is niet afgesloten met {% endif %} of "
            "{% endfor %}, of omgekeerd in de alinea '{% if notitie.openbaar %}Openbaar'.",
        ),
        (
            "Kenmerk: {{ notitie.kenmerk }}",
            "Sjabloon 'bestuurlijke-notitie.docx': onbekende naam 'kenmerk' in de alinea 'Kenmerk: "
            "{{ notitie.kenmerk }}'.",
        ),
        (
            "Hallo {{ wethouder }}",
            "Sjabloon 'bestuurlijke-notitie.docx': onbekende naam 'wethouder' in de alinea 'Hallo {{ wethouder }}'.",
        ),
        (
            "{{ notitie.__class__.__mro__ }}",
            "Sjabloon 'bestuurlijke-notitie.docx': een tag probeert iets wat in een sjabloon niet mag in de alinea "
            "'{{ notitie.__class__.__mro__ }}'.",
        ),
    ],
)
def test_kapot_sjabloon(voorbeeld, tmp_path, alinea, melding):
    eigen = _sjabloon(tmp_path / "kapot", "Eerste alinea", alinea, "Laatste alinea")
    uit = tmp_path / "uit"
    uit.mkdir()
    (uit / "bestuurlijke-notitie.docx").write_bytes(b"eerdere goede versie")
    resultaat = bouw(voorbeeld, uit, "--sjablonen", str(eigen))
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().splitlines()[-1] == melding
    assert "Traceback" not in resultaat.output
    assert (uit / "bestuurlijke-notitie.docx").read_bytes() == b"eerdere goede versie"
    assert sorted(p.name for p in uit.iterdir()) == ["bestuurlijke-notitie.docx"]


def test_sjabloon_geen_word_bestand(voorbeeld, tmp_path):
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    (eigen / "bestuurlijke-notitie.docx").write_text("geen word")
    resultaat = bouw(voorbeeld, tmp_path / "uit", "--sjablonen", str(eigen))
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().splitlines()[-1] == (
        "Sjabloon 'bestuurlijke-notitie.docx' is geen geldig Word-bestand (.docx)."
    )


def test_alle_namen_in_het_sjabloon_bestaan():
    from docxtpl import DocxTemplate

    from generator.paden import standaard_sjablonen
    from generator.zandbak import omgeving

    tpl = DocxTemplate(standaard_sjablonen() / "bestuurlijke-notitie.docx")
    namen = tpl.get_undeclared_template_variables(omgeving())
    bekend = {
        "wb",
        "alg",
        "notitie",
        "ambitie",
        "steller",
        "vervolg_mijlpalen",
        "logo",
        "hittekaart",
        "tijdvak",
        "bijlage",
        "doelen_afgesproken",
    }
    assert namen <= bekend, namen - bekend


def test_bouw_zelfde_bytes(voorbeeld_na_start, tmp_path):
    voorbeeld = voorbeeld_na_start  # with invitations for two meetings
    assert bouw(voorbeeld, tmp_path / "a").exit_code == 0
    assert bouw(voorbeeld, tmp_path / "b").exit_code == 0
    bestanden = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(bestanden) > 30
    for pad in bestanden:
        assert (tmp_path / "a" / pad).read_bytes() == (tmp_path / "b" / pad).read_bytes(), pad


@pytest.mark.traag  # a very large picture, scaled in every document
def test_grote_afbeelding_verkleind_in_de_documenten(maak_werkboek, gegevens, tmp_path):
    """A logo of many megabytes printed 25 mm wide was embedded whole in every letter (one
    upload gave a 176 MB zip): now scaled to the printed width at 300 dpi, with its alt text,
    and the same bytes on every build (issue 24, 6)."""
    import io
    import random

    from PIL import Image

    from generator.cli import hoofd

    pad = maak_werkboek(gegevens)
    logo = pad.parent / "groot-logo.png"
    rng = random.Random(24)
    Image.frombytes("RGB", (3000, 2000), rng.randbytes(3000 * 2000 * 3)).save(logo)  # noise: does not compress
    assert logo.stat().st_size > 15_000_000
    import openpyxl

    wb = openpyxl.load_workbook(pad)
    blad = wb["Algemeen"]
    rij = next(r for r in range(1, blad.max_row + 1) if str(blad.cell(r, 1).value or "").strip().lower() == "logo")
    blad.cell(rij, 2).value = logo.name
    wb.save(pad)
    from click.testing import CliRunner

    for uit in ("een", "twee"):
        resultaat = CliRunner().invoke(hoofd, ["bouw", str(pad), "-o", str(tmp_path / uit)], catch_exceptions=False)
        assert resultaat.exit_code == 0, resultaat.output
    brieven = sorted((tmp_path / "een").rglob("uitnodigingen/**/*.docx"))
    assert brieven
    for brief in brieven[:3]:
        doc = docx.Document(brief)
        beelden = [r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/image")]
        assert len(beelden) == 1
        with Image.open(io.BytesIO(beelden[0].blob)) as beeld:
            assert beeld.width == round(25 / 25.4 * 300)  # afbeeldingen.toml: the logo is 25 mm wide
        assert brief.stat().st_size < 2_000_000
        assert doc.inline_shapes[0].width.mm == pytest.approx(25, abs=0.1)
    for naam in [p.relative_to(tmp_path / "een") for p in (tmp_path / "een").rglob("*.docx")]:
        assert (tmp_path / "een" / naam).read_bytes() == (tmp_path / "twee" / naam).read_bytes(), naam
