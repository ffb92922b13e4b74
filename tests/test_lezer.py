"""The reader: good workbooks become the model, bad ones get every problem named by sheet
and cell. End-to-end through the CLI with click's CliRunner."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.fouten import BestandFout
from generator.grenzen import Grenzen
from generator.lezer import lees, lees_werkboek
from generator.voorbeeld import GEGEVENS

from .conftest import hulpmiddel


def controleer(pad: Path):
    return CliRunner().invoke(hoofd, ["controleer", str(pad)], catch_exceptions=False)


def test_voorbeeld_leest_zonder_fouten(voorbeeld):
    werkboek, meldingen = lees(voorbeeld)
    assert [m for m in meldingen if m.ernst == "fout"] == []
    assert werkboek.algemeen.gemeente == "Heuvelmonde"
    assert len(werkboek.stakeholders) == len(GEGEVENS["Stakeholders"])
    assert [w.wijk for w in werkboek.wijken] == [w["Wijk"] for w in GEGEVENS["Wijken"]]
    assert werkboek.wijken[5].hittestress == 33.5
    assert werkboek.algemeen.start_fase2 == dt.date(2027, 2, 1)
    assert werkboek.algemeen.doelgroepen[0] == "Alleenwonende 75-plussers"
    assert werkboek.startbijeenkomst.begintijd == dt.time(13, 30)
    assert werkboek.startbijeenkomst.bij_zorginstelling
    assert [p.onderdeel for p in werkboek.startbijeenkomst.programma][0] == "Inloop met koffie en thee"
    assert werkboek.stakeholders[0].laag == "Lokaal verantwoordelijk"
    assert {s.laag for s in werkboek.stakeholders} == set(werkboek.lagen)
    assert werkboek.trekkers_vervolg == ("Gemeente Heuvelmonde, sociaal domein",)  # the gemeente keeps regie


def test_controleer_voorbeeld_exit_0(voorbeeld):
    uit = controleer(voorbeeld)
    assert uit.exit_code == 0, uit.output
    assert "voorbeeld.xlsx is in orde: geen fouten" in uit.output


def test_lezer_schrijft_nooit_naar_het_werkboek(voorbeeld):
    voor = hashlib.sha256(voorbeeld.read_bytes()).hexdigest()
    mtime = voorbeeld.stat().st_mtime_ns
    lees(voorbeeld)
    assert hashlib.sha256(voorbeeld.read_bytes()).hexdigest() == voor
    assert voorbeeld.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in voorbeeld.parent.iterdir()) == ["hittekaart-heuvelmonde.png", "voorbeeld.xlsx"]


# -- the forgiving parts of the contract ----------------------------------------------------
def test_koppen_en_labels_vergevingsgezind_en_kolommen_in_andere_volgorde(maak_werkboek):
    def wijzig(wb):
        ws = wb["Wijken"]
        ws["D1"] = "  75_PLUSSERS "
        ws["F1"] = "hittestress-(%)"
        ws.move_range("A1:I20", cols=2)  # columns shifted right: order and position do not matter
        wb["Algemeen"]["A2"] = "  GEMEENTE"
        wb["Doelen en rollen"].title = " doelen_en-ROLLEN"
        wb["Wijken"]["Z1"] = "Eigen kolom"
        wb["Wijken"]["Z2"] = "wordt genegeerd"

    werkboek, meldingen = lees(maak_werkboek(wijzig=wijzig))
    assert [m for m in meldingen if m.ernst == "fout"] == []
    assert werkboek.algemeen.gemeente == "Heuvelmonde"
    assert werkboek.wijken[0].plus75 == 810 and werkboek.wijken[0].hittestress == 62


def test_waarden_in_alle_vormen(maak_werkboek, gegevens):
    gegevens["Algemeen"]["Start fase 2"] = "1 februari 2027"
    gegevens["Algemeen"]["Einde fase 2"] = "31-5-2027"
    gegevens["Algemeen"]["Fase 1 bestuurlijk vastgesteld"] = "J"
    gegevens["Notitie"]["Openbaar"] = "x"
    gegevens["Algemeen"]["Gemeente"] = "\u00a0Heuvelmonde  "
    gegevens["Wijken"][0]["Hittestress (%)"] = "62,5%"
    gegevens["Wijken"][1]["Hittestress (%)"] = "12.5"
    gegevens["Wijken"][2]["Inwoners"] = "7.480"
    gegevens["Bijeenkomsten"][0]["Begintijd"] = "13.30"

    def wijzig(wb):
        cel = wb["Wijken"]["F5"]
        cel.value = 0.125
        cel.number_format = "0.0%"

    werkboek, meldingen = lees(maak_werkboek(gegevens, wijzig))
    assert [m for m in meldingen if m.ernst == "fout"] == []
    alg = werkboek.algemeen
    assert (alg.start_fase2, alg.einde_fase2, alg.fase1_vastgesteld) == (
        dt.date(2027, 2, 1),
        dt.date(2027, 5, 31),
        True,
    )
    assert alg.gemeente == "Heuvelmonde" and werkboek.notitie.openbaar is True
    assert [w.hittestress for w in werkboek.wijken[:4]] == [62.5, 12.5, 41, 12.5]
    assert werkboek.wijken[2].inwoners == 7480
    assert werkboek.startbijeenkomst.begintijd == dt.time(13, 30)


def test_stuurtekens_weg_met_waarschuwing(maak_werkboek, gegevens):
    gegevens["Notitie"]["Onderwerp"] = "Hitte_x0007_plan"  # how Excel stores a control character
    werkboek, meldingen = lees(maak_werkboek(gegevens))
    assert werkboek.notitie.onderwerp == "Hitteplan"
    assert "Blad 'Notitie', cel B4: bevatte onzichtbare stuurtekens; die zijn weggelaten" in [str(m) for m in meldingen]


def test_lege_rijen_en_lijsten(maak_werkboek, gegevens):
    gegevens["Algemeen"]["Doelgroepen"] = "• 75-plussers\n\n- Zwangeren  \n"

    def wijzig(wb):
        wb["Wijken"].insert_rows(4, 3)

    werkboek, meldingen = lees(maak_werkboek(gegevens, wijzig))
    assert werkboek.algemeen.doelgroepen == ("75-plussers", "Zwangeren")
    assert len(werkboek.wijken) == 8


def test_verwijzing_krijgt_de_schrijfwijze_van_het_doel(maak_werkboek, gegevens):
    gegevens["Afspraken"][0]["Partij"] = "ggd  heuvelland"
    werkboek, _ = lees(maak_werkboek(gegevens))
    assert werkboek.afspraken[0].partij == "GGD Heuvelland"


# -- the corpus of bad workbooks ------------------------------------------------------------
def _zet(blad, cel, waarde):
    def wijzig(wb):
        wb[blad][cel] = waarde

    return wijzig


def _formule(wb):
    wb["Wijken"]["C3"] = "=1+1"


def _dubbel_label(wb):
    wb["Algemeen"]["A21"] = "Gemeente"
    wb["Algemeen"]["B21"] = "Dubbeldorp"


def _zonder_blad(wb):
    del wb["Wijken"]


def _toelichting_versie(wb):
    ws = wb["Toelichting"]
    for rij in ws.iter_rows():
        for cel in rij:
            if cel.value == "Werkboekversie":
                ws.cell(cel.row, cel.column + 1, 99)


SLECHT = [
    (
        _zet("Wijken", "F7", "12 procent"),
        "Blad 'Wijken', cel F7: '12 procent' is geen percentage; verwacht bijvoorbeeld 12,5 of 12,5%",
    ),
    (_zet("Algemeen", "B2", None), "Blad 'Algemeen', cel B2: 'Gemeente' is niet ingevuld; dit veld is verplicht"),
    (_zet("Algemeen", "B2", " \u00a0 "), "Blad 'Algemeen', cel B2: 'Gemeente' is niet ingevuld; dit veld is verplicht"),
    (
        _zet("Algemeen", "B15", "morgen"),
        "Blad 'Algemeen', cel B15: 'morgen' is geen datum; verwacht bijvoorbeeld 3-3-2027 of 3 maart 2027",
    ),
    (_zet("Algemeen", "B15", "31-2-2027"), "Blad 'Algemeen', cel B15: '31-2-2027' is geen bestaande datum"),
    (
        _zet("Algemeen", "B16", dt.date(2027, 1, 1)),
        "Blad 'Algemeen', cel B16: het einde van fase 2 ligt niet na de start (B15); vul een latere datum in",
    ),
    (
        _zet("Algemeen", "B12", "Landelijk"),
        "Blad 'Algemeen', cel B12: 'Landelijk' staat niet in de keuzelijst; kies uit Gemeentebreed, "
        "Wijkgericht, Regionaal",
    ),
    (_zet("Notitie", "B10", "misschien"), "Blad 'Notitie', cel B10: 'misschien' is geen ja of nee; verwacht ja of nee"),
    (
        _zet("Algemeen", "B8", "sanne@"),
        "Blad 'Algemeen', cel B8: 'sanne@' is geen geldig e-mailadres; verwacht bijvoorbeeld naam@gemeente.nl",
    ),
    (
        _zet("Algemeen", "B19", "blauw"),
        "Blad 'Algemeen', cel B19: 'blauw' is geen kleurcode; verwacht bijvoorbeeld #00689E",
    ),
    (
        _zet("Algemeen", "B18", "."),
        "Blad 'Algemeen', cel B18: '.' is geen afbeelding; verwacht een PNG- of JPG-bestand",
    ),
    (
        _zet("Algemeen", "B17", "logo.pdf"),
        "Blad 'Algemeen', cel B17: 'logo.pdf' is geen afbeelding; verwacht een PNG- of JPG-bestand",
    ),
    (
        _zet("Algemeen", "B17", "/tmp/elders.png"),
        "Blad 'Algemeen', cel B17: '/tmp/elders.png' ligt buiten de map van het werkboek; zet de afbeelding in "
        "dezelfde map als het werkboek (of een map daarin) en schrijf hier alleen de bestandsnaam",
    ),
    (
        _zet("Algemeen", "B18", "../elders/kaart.png"),
        "Blad 'Algemeen', cel B18: '../elders/kaart.png' ligt buiten de map van het werkboek; zet de afbeelding in "
        "dezelfde map als het werkboek (of een map daarin) en schrijf hier alleen de bestandsnaam",
    ),
    (
        _zet("Bijeenkomsten", "C2", "1-1-0001"),
        "Blad 'Bijeenkomsten', cel C2: '1-1-0001' ligt niet tussen 1900 en 2200; verwacht een datum als 3-3-2027",
    ),
    (
        _zet("Bijeenkomsten", "C3", "31-12-9999"),
        "Blad 'Bijeenkomsten', cel C3: '31-12-9999' ligt niet tussen 1900 en 2200; verwacht een datum als 3-3-2027",
    ),
    (
        _zet("Bijeenkomsten", "B3", "Startbijeenkomst-hitteplan"),
        "Blad 'Bijeenkomsten', cel B3: deze bijeenkomst heet in een bestandsnaam hetzelfde als die in rij 2 "
        "('Startbijeenkomst hitteplan'); geef elke bijeenkomst een eigen titel",
    ),
    (
        _zet("Stakeholders", "A3", "GGD Heuvelland"),
        "Blad 'Stakeholders', cel A5: 'GGD Heuvelland' staat ook al in cel A3; elke organisatie mag maar één "
        "keer voorkomen",
    ),
    (
        _zet("Stakeholders", "B3", "Brandweer"),
        "Blad 'Stakeholders', cel B3: 'Brandweer' staat niet in de keuzelijst; kies uit Gemeente sociaal domein, "
        "Gemeente fysiek domein, Gemeente communicatie, GGD, Veiligheidsregio/GHOR, Thuiszorg/wijkverpleging …",
    ),
    (
        _zet("Stakeholders", "B4", None),
        "Blad 'Stakeholders', cel B4: 'Categorie' is niet ingevuld; deze kolom is verplicht",
    ),
    (
        _zet("Stakeholders", "B1", "Soort organisatie"),
        "Blad 'Stakeholders': de verplichte kolom 'Categorie' ontbreekt in de kopregel (rij 1)",
    ),
    (
        _zet("Afspraken", "A3", "Thuiszorg Oost"),
        "Blad 'Afspraken', cel A3: 'Thuiszorg Oost' staat niet in de kolom Organisatie van blad 'Stakeholders'; "
        "schrijf de naam precies zoals daar",
    ),
    (
        _zet("Doelen en rollen", "C2", "Wijkteam Noord"),
        "Blad 'Doelen en rollen', cel C2: 'Wijkteam Noord' staat niet in de kolom Organisatie van blad 'Stakeholders'; "
        "schrijf de naam precies zoals daar",
    ),
    (
        _zet("Programma", "A2", "Kick-off"),
        "Blad 'Programma', cel A2: 'Kick-off' staat niet in de kolom Soort of Titel van blad 'Bijeenkomsten'; "
        "schrijf de naam precies zoals daar",
    ),
    (
        _zet("Locaties", "C2", "Noordwijk"),
        "Blad 'Locaties', cel C2: 'Noordwijk' staat niet in de kolom Wijk van blad 'Wijken'; schrijf de naam "
        "precies zoals daar",
    ),
    (
        _zet("Ambitie", "B8", "Provincie"),
        "Blad 'Ambitie', cel B8: 'Provincie' staat niet in de kolom Organisatie van blad 'Stakeholders'; "
        "schrijf de naam precies zoals daar",
    ),
    (
        _zet("Bijeenkomsten", "H2", "Zorggroep"),
        "Blad 'Bijeenkomsten', cel H2: 'Zorggroep' staat niet in de kolom Organisatie van blad 'Stakeholders'; "
        "schrijf de naam precies zoals daar",
    ),
    (_zet("Wijken", "D2", "veel"), "Blad 'Wijken', cel D2: 'veel' is geen geheel getal; verwacht bijvoorbeeld 1234"),
    (_zet("Wijken", "D3", 12.5), "Blad 'Wijken', cel D3: '12.5' is geen geheel getal; verwacht bijvoorbeeld 1234"),
    (_zet("Wijken", "D2", -5), "Blad 'Wijken', cel D2: '-5' is negatief; verwacht een aantal van 0 of meer"),
    (
        _zet("Wijken", "E2", 9000),
        "Blad 'Wijken', cel E2: er zijn meer alleenwonende 75-plussers (9000) dan 75-plussers (810, cel D2)",
    ),
    (_zet("Wijken", "D4", 9000), "Blad 'Wijken', cel D4: er zijn meer 75-plussers (9000) dan inwoners (7480, cel C4)"),
    (_zet("Wijken", "G2", 140), "Blad 'Wijken', cel G2: '140' ligt niet tussen 0 en 100 procent"),
    (
        _zet("Wijken", "A2", "1234"),
        "Blad 'Wijken', cel A2: '1234' is geen CBS-wijkcode; verwacht WK en zes cijfers, bijvoorbeeld WK036301",
    ),
    (
        _zet("Wijken", "B3", "centrum"),
        "Blad 'Wijken', cel B3: 'centrum' staat ook al in cel B2; elke wijk mag maar één keer voorkomen",
    ),
    (
        _zet("Bijeenkomsten", "D2", "half twee"),
        "Blad 'Bijeenkomsten', cel D2: 'half twee' is geen tijd; verwacht bijvoorbeeld 13:30",
    ),
    (
        _zet("Bijeenkomsten", "E2", dt.time(12, 0)),
        "Blad 'Bijeenkomsten', cel E2: de eindtijd ligt niet na de begintijd (D2)",
    ),
    (
        _zet("Bijeenkomsten", "C3", None),
        "Blad 'Bijeenkomsten', cel C3: 'Datum' is niet ingevuld; deze kolom is verplicht",
    ),
    (
        _zet("Beslispunten", "A3", 1),
        "Blad 'Beslispunten', cel A3: '1' staat ook al in cel A2; elke nr mag maar één keer voorkomen",
    ),
    (
        _zet("Beslispunten", "A2", "een"),
        "Blad 'Beslispunten', cel A2: 'een' is geen geheel getal; verwacht bijvoorbeeld 1234",
    ),
    (_zet("Planning", "C2", dt.date(2027, 1, 2)), "Blad 'Planning', cel C2: 'Gereed' ligt voor de start (B2)"),
    (
        _zet("Algemeen", "B3", "Hitteplan " * 25),
        "Blad 'Algemeen', cel B3: de tekst is te lang (249 tekens); dit veld is voor één regel van hoogstens "
        "200 tekens",
    ),
    (
        _zet("Notitie", "B12", "Warm. " * 2000),
        "Blad 'Notitie', cel B12: de tekst is te lang (11999 tekens); hoogstens 10.000 tekens past in de documenten",
    ),
    (
        _formule,
        "Blad 'Wijken', cel C3: bevat een formule waarvan de uitkomst niet is opgeslagen; open het werkboek in "
        "Excel of LibreOffice en sla het opnieuw op",
    ),
    (
        _dubbel_label,
        "Blad 'Algemeen', cel B21: het veld 'Gemeente' staat hier nog een keer (ook in cel B2); "
        "vul het maar één keer in",
    ),
    (
        _zonder_blad,
        "het blad 'Wijken' ontbreekt in het werkboek; voeg het toe of begin met 'hitteplan nieuw' en "
        "kopieer de gegevens",
    ),
    (
        _toelichting_versie,
        "Blad 'Toelichting', cel B{rij}: dit werkboek heeft versie 99, nieuwer dan deze generator kent "
        "(versie 1); werk de generator bij",
    ),
]


@pytest.mark.parametrize("wijzig,melding", SLECHT, ids=[f"slecht-{i:02d}" for i in range(len(SLECHT))])
def test_slecht_werkboek(maak_werkboek, wijzig, melding):
    pad = maak_werkboek(wijzig=wijzig)
    voor = pad.read_bytes()
    uit = controleer(pad)
    assert uit.exit_code == 1
    if "{rij}" in melding:
        regel = next(r for r in uit.output.splitlines() if "Toelichting" in r)
        melding = melding.replace("{rij}", regel.split("cel B")[1].split(":")[0])
    assert f"Fout: {melding.format(map=pad.parent)}" in uit.output.splitlines()
    assert "Traceback" not in uit.output
    assert pad.read_bytes() == voor
    assert sorted(p.name for p in pad.parent.iterdir()) == sorted([pad.name, "hittekaart-heuvelmonde.png"])


def _schrijf_beeld(map_, soort):
    """A picture file of a kind that cannot go into a document."""
    from PIL import Image

    pad = map_ / "kaart.png"
    if soort == "tekst":
        pad.write_text("geen afbeelding")
    elif soort == "leeg":
        pad.write_bytes(b"")
    elif soort == "afgebroken":
        import io

        buffer = io.BytesIO()
        Image.new("RGB", (400, 400), "red").save(buffer, "PNG")
        pad.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    elif soort == "reusachtig":  # 30000 x 30000 pixels, declared in a tiny file
        import struct
        import zlib

        def stuk(soort_, data):
            return struct.pack(">I", len(data)) + soort_ + data + struct.pack(">I", zlib.crc32(soort_ + data))

        kop = stuk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
        pad.write_bytes(b"\x89PNG\r\n\x1a\n" + kop + stuk(b"IDAT", zlib.compress(b"")) + stuk(b"IEND", b""))
    elif soort == "tiff":
        Image.new("RGB", (10, 10)).save(pad, "TIFF")
    return pad


@pytest.mark.parametrize(
    ("soort", "melding"),
    [
        (
            "tekst",
            "'kaart.png' is geen leesbare afbeelding (leeg, afgebroken of geen PNG of JPG); sla de afbeelding "
            "opnieuw op",
        ),
        ("leeg", "het bestand 'kaart.png' is leeg; verwacht een PNG- of JPG-afbeelding"),
        (
            "afgebroken",
            "'kaart.png' is geen leesbare afbeelding (leeg, afgebroken of geen PNG of JPG); sla de afbeelding "
            "opnieuw op",
        ),
        ("reusachtig", "de afbeelding 'kaart.png' is te groot; sla haar op met hoogstens 5000 × 5000 beeldpunten"),
        ("tiff", "'kaart.png' is geen PNG- of JPG-afbeelding; sla de afbeelding op als PNG of JPG"),
    ],
)
def test_afbeelding_die_niet_in_een_document_kan(maak_werkboek, soort, melding):
    """`controleer` finds what `bouw` would trip on: a picture that is text, empty, cut short,
    absurdly large or of another kind."""
    pad = maak_werkboek(wijzig=_zet("Algemeen", "B18", "kaart.png"))
    _schrijf_beeld(pad.parent, soort)
    uit = controleer(pad)
    assert uit.exit_code == 1
    assert f"Fout: Blad 'Algemeen', cel B18: {melding}" in uit.output.splitlines()


def test_afbeelding_via_een_koppeling_naar_elders(maak_werkboek, tmp_path_factory):
    elders = tmp_path_factory.mktemp("elders") / "geheim.png"
    from PIL import Image

    Image.new("RGB", (10, 10)).save(elders)
    pad = maak_werkboek(wijzig=_zet("Algemeen", "B17", "logo.png"))
    (pad.parent / "logo.png").symlink_to(elders)
    uit = controleer(pad)
    assert uit.exit_code == 1
    assert (
        "Fout: Blad 'Algemeen', cel B17: 'logo.png' ligt buiten de map van het werkboek; zet de afbeelding in "
        "dezelfde map als het werkboek (of een map daarin) en schrijf hier alleen de bestandsnaam"
    ) in uit.output.splitlines()
    # a picture in a folder below the workbook's is fine
    (pad.parent / "logo.png").unlink()
    (pad.parent / "beelden").mkdir()
    Image.new("RGB", (10, 10)).save(pad.parent / "beelden" / "logo.png")
    assert controleer(maak_werkboek(wijzig=_zet("Algemeen", "B17", "beelden/logo.png"))).exit_code == 0


def test_alle_fouten_tegelijk(maak_werkboek):
    def wijzig(wb):
        wb["Wijken"]["F2"] = "veel"
        wb["Wijken"]["F3"] = "heel veel"
        wb["Algemeen"]["B2"] = None

    uit = controleer(maak_werkboek(wijzig=wijzig))
    fouten = [r for r in uit.output.splitlines() if r.startswith("Fout:")]
    assert len(fouten) == 3
    assert uit.output.splitlines()[-1].startswith("3 fouten en ")


# -- files that are no workbook at all ------------------------------------------------------
def _zip(pad: Path, leden: dict[str, bytes], methode=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(pad, "w", methode) as zf:
        for naam, inhoud in leden.items():
            zf.writestr(naam, inhoud)
    return pad


BESTANDEN = [
    (
        "oud.xls",
        lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        "'oud.xls' is een oud Excel-bestand (.xls) of is beveiligd met een wachtwoord; open het in Excel, haal een "
        "eventueel wachtwoord weg en sla het op als Excel-werkmap (.xlsx).",
    ),
    (
        "wijken.csv",
        lambda p: p.write_text("Wijk;75-plussers\nCentrum;810\n"),
        "'wijken.csv' is een CSV- of tekstbestand; verwacht een Excel-werkmap (.xlsx).",
    ),
    (
        "rapport.xlsx",
        lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        "'rapport.xlsx' is een PDF-bestand; verwacht een Excel-werkmap (.xlsx).",
    ),
    ("leeg.xlsx", lambda p: p.write_bytes(b""), "'leeg.xlsx' is leeg (0 bytes); het is geen Excel-werkboek."),
    (
        "notitie.xlsx",
        lambda p: _zip(p, {"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"}),
        "'notitie.xlsx' is geen Excel-werkboek (het is een ander soort zip- of Office-bestand).",
    ),
    (
        "bom.xlsx",
        lambda p: _zip(p, {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"0" * (20 * 1024 * 1024)}),
        "'bom.xlsx' is verdacht sterk ingepakt (meer dan 100 keer); zo'n bestand wordt niet gelezen.",
    ),
    (
        "kapot.xlsx",
        lambda p: _zip(p, {"xl/workbook.xml": b"<workbook><sheets><sheet", "[Content_Types].xml": b"<Types"}),
        "'kapot.xlsx' is beschadigd en kan niet als Excel-werkboek worden gelezen.",
    ),
]


@pytest.mark.parametrize("naam,maak,melding", BESTANDEN, ids=[b[0] for b in BESTANDEN])
def test_geen_werkboek(tmp_path, naam, maak, melding):
    pad = tmp_path / naam
    maak(pad)
    uit = controleer(pad)
    assert uit.exit_code == 1
    assert uit.output.strip().splitlines() == [melding.strip()] or melding in uit.output
    assert "Traceback" not in uit.output


def test_afgekapt_werkboek(tmp_path, voorbeeld):
    pad = tmp_path / "afgekapt.xlsx"
    pad.write_bytes(voorbeeld.read_bytes()[: voorbeeld.stat().st_size // 2])
    uit = controleer(pad)
    assert uit.exit_code == 1
    assert uit.output.strip() == (
        "'afgekapt.xlsx' is beschadigd of onvolledig en kan niet als Excel-werkboek worden gelezen."
    )


def test_bestaat_niet_en_map(tmp_path):
    uit = controleer(tmp_path / "weg.xlsx")
    assert (uit.exit_code, uit.output.strip()) == (1, f"Het bestand '{tmp_path / 'weg.xlsx'}' bestaat niet.")
    uit = controleer(tmp_path)
    assert (uit.exit_code, uit.output.strip()) == (1, f"'{tmp_path}' is een map, geen Excel-werkboek.")


def test_te_groot(tmp_path):
    pad = _zip(tmp_path / "groot.xlsx", {"xl/workbook.xml": b"<workbook/>" * 10})
    with pytest.raises(BestandFout) as fout:
        lees(pad, grenzen=Grenzen(bestand=10))
    grootte = pad.stat().st_size
    assert str(fout.value) == f"'groot.xlsx' is {grootte} bytes; werkboeken groter dan 10 bytes worden niet gelezen."


def test_uitgepakt_te_groot(tmp_path):
    pad = _zip(tmp_path / "groot.xlsx", {"xl/workbook.xml": b"<workbook/>", "xl/sharedStrings.xml": b"<sst/>" * 400})
    with pytest.raises(BestandFout) as fout:
        lees(pad, grenzen=Grenzen(uitgepakt=1000))
    assert str(fout.value) == "'groot.xlsx' zou uitgepakt 2 kB worden; meer dan 1000 bytes wordt niet gelezen."


def test_afbeelding_te_groot(maak_werkboek):
    wb, meldingen = lees(maak_werkboek(), grenzen=Grenzen(afbeelding=100))  # the example's heat map is larger
    assert wb is None
    assert (
        "Blad 'Algemeen', cel B18: het bestand 'hittekaart-heuvelmonde.png' is groter dan 100 bytes; sla de "
        "afbeelding kleiner op"
    ) in [str(m) for m in meldingen]


def test_te_veel_cellen(maak_werkboek):
    with pytest.raises(BestandFout, match="heeft meer dan 50 gevulde cellen; zo'n groot werkboek wordt niet gelezen."):
        lees(maak_werkboek(), grenzen=Grenzen(cellen=50))


def test_elke_grens_staat_in_zijn_melding(tmp_path):
    """The messages are built from the limits: the default ones say the README's figures."""
    from generator.grenzen import STANDAARD, omvang

    assert (omvang(STANDAARD.bestand), omvang(STANDAARD.uitgepakt), omvang(STANDAARD.afbeelding)) == (
        "50 MB",
        "200 MB",
        "20 MB",
    )
    pad = _zip(tmp_path / "groot.xlsx", {"xl/workbook.xml": b"<workbook/>" * 10})
    with pytest.raises(BestandFout, match="groter dan 100 bytes worden niet gelezen"):
        lees(pad, grenzen=Grenzen(bestand=100))


def test_lees_werkboek_geeft_alle_fouten_in_de_uitzondering(maak_werkboek):
    from generator.fouten import WerkboekFout

    with pytest.raises(WerkboekFout) as err:
        lees_werkboek(maak_werkboek(wijzig=_zet("Wijken", "F7", "12 procent")))
    assert [str(m) for m in err.value.fouten] == [SLECHT[0][1]]


# -- a real spreadsheet program writes different XML ----------------------------------------
@pytest.mark.extern
def test_door_libreoffice_opgeslagen_leest_hetzelfde(tmp_path, voorbeeld):
    soffice = hulpmiddel("soffice")
    doel = tmp_path / "lo"
    doel.mkdir()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profiel",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(doel),
            str(voorbeeld),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    opnieuw = doel / "voorbeeld.xlsx"
    assert opnieuw.exists(), "LibreOffice kon het voorbeeld niet opnieuw opslaan"
    assert opnieuw.read_bytes() != voorbeeld.read_bytes()
    shutil.copy(voorbeeld.parent / "hittekaart-heuvelmonde.png", doel)
    origineel, _ = lees_werkboek(voorbeeld)
    herlezen, _ = lees_werkboek(opnieuw)
    assert Path(herlezen.algemeen.hittekaart).name == Path(origineel.algemeen.hittekaart).name
    algemeen = dataclasses.replace(origineel.algemeen, hittekaart=herlezen.algemeen.hittekaart)
    assert herlezen == dataclasses.replace(origineel, algemeen=algemeen)


def test_round_trip_nieuw_invullen_controleren(tmp_path):
    """`nieuw`, then filled by openpyxl as a user would (typing text, not Python values),
    then `controleer` exits 0."""
    import openpyxl

    pad = tmp_path / "mijn.xlsx"
    uit = CliRunner().invoke(hoofd, ["nieuw", str(pad)], catch_exceptions=False)
    assert uit.exit_code == 0
    wb = openpyxl.load_workbook(pad)
    alg = wb["Algemeen"]
    for rij, waarde in {
        2: "Súdwest-Fryslân",
        5: "Jan Jansen",
        7: "GGD Fryslân",
        11: "De hele gemeente.",
        12: "gemeentebreed",
        13: "75-plussers\nZwangeren",
        15: "3 maart 2027",
        16: "30-6-2027",
    }.items():
        alg.cell(rij, 2, waarde)
    notitie = wb["Notitie"]
    for rij, waarde in {
        3: "College van B&W",
        4: "Hitteplan",
        5: "1-3-2027",
        7: "Wethouder Zorg",
        10: "nee",
        12: "Omdat het warm wordt.",
        13: "Minder hitteschade.",
    }.items():
        notitie.cell(rij, 2, waarde)
    wb["Ambitie"]["B2"] = "Niemand alleen in de hitte."
    wb["Stakeholders"].append(["Zorg & Welzijn <Noord>", "vvt"])
    wb["Wijken"].append(["WK123401", "Dokkum", "12.000", 1500, 600, "35%", "40,5"])
    wb.save(pad)
    uit = controleer(pad)
    assert uit.exit_code == 0, uit.output
    werkboek, _ = lees_werkboek(pad)
    assert werkboek.stakeholders[0].organisatie == "Zorg & Welzijn <Noord>"
    assert werkboek.stakeholders[0].categorie == "VVT"
    assert werkboek.wijken[0].inwoners == 12000 and werkboek.wijken[0].verder_dan_300m == 40.5


def test_afbeelding_zonder_resolutie_en_koppeling_in_een_lus(maak_werkboek):
    """A picture of 0 dpi (python-docx would divide by it) and a link that points at itself:
    `controleer` names the cell, `bouw` never trips."""
    from PIL import Image

    pad = maak_werkboek(wijzig=_zet("Algemeen", "B17", "nul.png"))
    Image.new("RGB", (100, 50)).save(pad.parent / "nul.png", dpi=(0.0254, 0.0254))
    uit = controleer(pad)
    assert (
        "Fout: Blad 'Algemeen', cel B17: de afbeelding 'nul.png' heeft een ongeldige resolutie (0 dpi); open haar "
        "in een tekenprogramma en sla haar opnieuw op"
    ) in uit.output.splitlines()
    lus = maak_werkboek(wijzig=_zet("Algemeen", "B17", "lus.png"))
    (lus.parent / "lus.png").symlink_to(lus.parent / "lus.png")
    uit = controleer(lus)
    assert (
        "Fout: Blad 'Algemeen', cel B17: het bestand 'lus.png' kan niet worden gelezen (een snelkoppeling die "
        "nergens heen wijst)"
    ) in uit.output.splitlines()


@pytest.mark.parametrize("pad", ["\\\\server\\share\\kaart.png", "//server/share/kaart.png", "C:\\kaarten\\kaart.png"])
def test_afbeelding_op_een_netwerkpad_wordt_niet_aangeraakt(maak_werkboek, pad):
    """A network path is refused before anything looks at it (on Windows, looking would
    connect to that server)."""
    uit = controleer(maak_werkboek(wijzig=_zet("Algemeen", "B17", pad)))
    assert (
        f"Fout: Blad 'Algemeen', cel B17: '{pad}' ligt buiten de map van het werkboek; zet de afbeelding in dezelfde "
        "map als het werkboek (of een map daarin) en schrijf hier alleen de bestandsnaam"
    ) in uit.output.splitlines()
