"""The canvas fase 2: the seed's blocks on one A3 landscape page, filled in or with guidance."""

from __future__ import annotations

import copy

import docx
import pytest
from click.testing import CliRunner

from generator.cli import hoofd

from .conftest import naar_pdf, pdf_paginas, valideer_ooxml
from .test_notitie import MINIMAAL

BLOKKEN = [
    "Startpunt",
    "Resultaat fase 2",
    "Procesmatig voorbereiden en netwerk aanhaken",
    "Dialogen voeren",
    "Inhoudelijke voorbereiding en vorm",
    "Organisatorisch voorbereiden, faseren en plannen",
    "Mogelijke knelpunten",
    "Kansen",
    "Bestuurlijk afstemmen, om richting te bepalen",
    "Ambitieniveau, strategische afspraken en richtinggevende keuzes",
]


def bouw(werkboek, uitvoer):
    return CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uitvoer)], catch_exceptions=False)


def blokken(pad) -> dict[str, list[tuple[str, str]]]:
    """Block title -> [(style, text)] of the paragraphs under it."""
    doc = docx.Document(pad)
    uit = {}
    for rij in doc.tables[0].rows:
        for cel in rij.cells:
            alineas = [(p.style.name, p.text) for p in cel.paragraphs]
            uit[alineas[0][1]] = alineas[1:]
    return uit


def tekst(alineas) -> str:
    return "\n".join(t for _, t in alineas)


@pytest.fixture(scope="module")
def voorbeeld_canvas(voorbeeld_gebouwd):
    assert "Waarschuwing" not in voorbeeld_gebouwd.tekst
    return voorbeeld_gebouwd.uit / "canvas-fase-2.docx"


def test_a3_liggend_en_blokken_in_de_volgorde_van_het_canvas(voorbeeld_canvas):
    doc = docx.Document(voorbeeld_canvas)
    sectie = doc.sections[0]
    assert (round(sectie.page_width.cm, 1), round(sectie.page_height.cm, 1)) == (42.0, 29.7)
    rijen = [[c.paragraphs[0].text for c in rij.cells] for rij in doc.tables[0].rows]
    assert rijen == [BLOKKEN[i : i + 2] for i in range(0, 10, 2)]
    voet = doc.sections[0].footer.paragraphs[0].text
    assert voet.startswith("Lokaal hitteplan · gemeente Heuvelmonde · trekker: Sanne de Vries")
    assert "26 april 2027" in voet
    assert doc.core_properties.title == "Canvas fase 2: dialogen voeren · Lokaal hitteplan Heuvelmonde"


def test_inhoud_per_blok(voorbeeld_canvas):
    b = blokken(voorbeeld_canvas)
    assert "Gemeentebreed; doelgroepen: alleenwonende 75-plussers" in tekst(b["Startpunt"])
    assert "Uiterlijk 31 mei 2027" in tekst(b["Resultaat fase 2"])
    proces = tekst(b["Procesmatig voorbereiden en netwerk aanhaken"])
    assert "Startbijeenkomst hitteplan: dinsdag 9 maart 2027, Woonzorgcentrum De Linde" in proces
    assert (
        "Groslijst: 21 organisaties (5 lokaal verantwoordelijk, 9 uitvoerend in zorg en welzijn, 7 lokale "
        "gemeenschap)." in proces
    )
    assert "5 nieuwe partners, eerst telefonisch bijgepraat: 4 gedaan, nog te bellen: Buurtsuper De Markt." in proces
    dialoog = tekst(b["Dialogen voeren"])
    assert "Ilse van Dam (Zorggroep Heuvelland)" in dialoog
    assert "Sanne de Vries (trekker) met Lotte Bakker (klimaatadaptatie) en Mark Jansen" in dialoog
    inhoud = tekst(b["Inhoudelijke voorbereiding en vorm"])
    assert "Woonzorgcentrum De Linde (een zorginstelling)" in inhoud
    assert "5.175 75-plussers, van wie 2.271 alleenwonend" in inhoud
    assert "4 zorglocaties en 9 koele plekken" in inhoud
    plannen = tekst(b["Organisatorisch voorbereiden, faseren en plannen"])
    assert "Fase 2 loopt van 1 februari 2027 tot en met 31 mei 2027: 4 maanden." in plannen
    assert "9 mrt: Startbijeenkomst (gereed)" in plannen
    assert len(b["Mogelijke knelpunten"]) == 3 and len(b["Kansen"]) == 2
    assert "Aanpak: Koele plekken meenemen in het ontwerp. (Lotte Bakker)" in tekst(b["Kansen"])
    assert "Marjolein de Boer (Zorggroep Heuvelland)" in tekst(b["Bestuurlijk afstemmen, om richting te bepalen"])
    ambitie = b["Ambitieniveau, strategische afspraken en richtinggevende keuzes"]
    assert ambitie[0][0] == "Blokkern" and ambitie[0][1].startswith("In 2028 wordt in Heuvelmonde")
    assert "Trekker van het vervolg: Gemeente Heuvelmonde, sociaal domein." in tekst(ambitie)
    assert not any(stijl == "Handreiking" for alineas in b.values() for stijl, _ in alineas)


@pytest.mark.extern
def test_past_op_een_pagina_en_geldig(voorbeeld_canvas, tmp_path):
    assert pdf_paginas(naar_pdf(voorbeeld_canvas, tmp_path)) == 1
    assert valideer_ooxml(voorbeeld_canvas) == []


def test_handreiking_bij_lege_blokken(maak_werkboek, tmp_path):
    assert bouw(maak_werkboek(copy.deepcopy(MINIMAAL)), tmp_path / "uit").exit_code == 0
    b = blokken(tmp_path / "uit" / "canvas-fase-2.docx")
    for titel in (
        "Procesmatig voorbereiden en netwerk aanhaken",
        "Dialogen voeren",
        "Inhoudelijke voorbereiding en vorm",
        "Mogelijke knelpunten",
        "Kansen",
        "Bestuurlijk afstemmen, om richting te bepalen",
    ):
        assert [s for s, _ in b[titel]] == ["Handreiking"], titel
        assert b[titel][0][1].startswith("Handreiking: ")
    assert b["Kansen"][0][1] == "Handreiking: het thema meekoppelen met preventieve zorg(maatregelen)."
    ambitie = b["Ambitieniveau, strategische afspraken en richtinggevende keuzes"]
    assert ambitie[0][0] == "Blokkern" and ambitie[-1][0] == "Handreiking"


def _zwaar(gegevens, knelpunten: int, lengte: int):
    categorieen = ["VVT", "Thuiszorg/wijkverpleging", "Welzijn/ouderenwerk", "Woningcorporatie", "Huisartsen", "GGD"]
    gegevens["Stakeholders"] = [
        {
            "Organisatie": f"Organisatie {i:02d} voor zorg en welzijn",
            "Categorie": categorieen[i % len(categorieen)],
            "Contactpersoon": f"Contact {i}",
            "Ambassadeur": f"Ambassadeur {i}",
            "Bestuurder": f"Bestuurder {i}",
            "Nieuw in netwerk": i % 3 == 0,
            "Status": "Uitgenodigd",
        }
        for i in range(60)
    ]
    for blad, kolom in (("Afspraken", "Partij"), ("Doelen en rollen", "Partij")):
        for i, rij in enumerate(gegevens[blad]):
            rij[kolom] = f"Organisatie {i:02d} voor zorg en welzijn"
    gegevens["Ambitie"]["Trekker vervolg"] = "Organisatie 01 voor zorg en welzijn"
    gegevens["Bijeenkomsten"][0]["Gastheer"] = "Organisatie 00 voor zorg en welzijn"
    gegevens["Bijeenkomsten"][1]["Gastheer"] = "Organisatie 02 voor zorg en welzijn"
    gegevens["Bijeenkomsten"][2]["Gastheer"] = "Organisatie 05 voor zorg en welzijn"
    for b in gegevens["Bijeenkomsten"]:  # who attended, from the new list
        b["Aanwezig"] = (
            [f"Organisatie {i:02d} voor zorg en welzijn" for i in range(0, 60, 3)] if b.get("Aanwezig") else None
        )
    for loc in gegevens["Locaties"]:
        loc.pop("Organisatie", None)
    woorden = "hittepreventie vraagt aandacht van alle partners in de wijk en daarbuiten "
    gegevens["Knelpunten en kansen"] = [
        {
            "Soort": "Knelpunt",
            "Omschrijving": f"Knelpunt {i}: " + (woorden * 20)[:lengte],
            "Aanpak": "Bespreken in het kernteam.",
            "Eigenaar": "Sanne de Vries",
        }
        for i in range(knelpunten)
    ]
    gegevens["Ambitie"]["Ambitie"] = (
        "In 2028 wordt iedere kwetsbare inwoner tijdens een hittegolf persoonlijk bereikt. " + woorden * 6
    ).strip()
    return gegevens


@pytest.mark.extern
def test_zwaar_werkboek_past_nog_op_een_pagina(maak_werkboek, gegevens, tmp_path):
    resultaat = bouw(maak_werkboek(_zwaar(gegevens, 10, 160)), tmp_path / "uit")
    assert resultaat.exit_code == 0, resultaat.output
    assert "Waarschuwing: canvas" not in resultaat.output
    canvas = tmp_path / "uit" / "canvas-fase-2.docx"
    b = blokken(canvas)
    assert "Groslijst: 60 organisaties" in tekst(b["Procesmatig voorbereiden en netwerk aanhaken"])
    assert "en 50 anderen" in tekst(b["Dialogen voeren"])
    assert len(b["Mogelijke knelpunten"]) == 10
    grootte = {r.font.size.pt for r in docx.Document(canvas).tables[0].rows[3].cells[0].paragraphs[1].runs}
    assert grootte and min(grootte) >= 7
    assert pdf_paginas(naar_pdf(canvas, tmp_path)) == 1


def test_waarschuwing_als_het_niet_past_en_niets_weggelaten(maak_werkboek, gegevens, tmp_path):
    resultaat = bouw(maak_werkboek(_zwaar(gegevens, 45, 420)), tmp_path / "uit")
    assert resultaat.exit_code == 0, resultaat.output
    regels = [r for r in resultaat.output.splitlines() if "canvas past niet" in r]
    assert len(regels) == 1
    assert (
        "Waarschuwing: canvas-fase-2.docx: het canvas past niet op één A3-pagina, ook niet met letters van 7 "
        "punt; de blokken 'Mogelijke knelpunten'" in regels[0]
    )
    b = blokken(tmp_path / "uit" / "canvas-fase-2.docx")
    assert len(b["Mogelijke knelpunten"]) == 45
    assert all(t.endswith("(Sanne de Vries)") for _, t in b["Mogelijke knelpunten"])
