"""A whole region at once (`bouw MAP/`), and PDFs through LibreOffice."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from generator.cli import hoofd

from .conftest import REPO, hulpmiddel

VANDAAG = dt.date(2027, 3, 1)  # names the folder of backups only


def bouw(*args):
    return CliRunner().invoke(hoofd, ["bouw", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def regio(tmp_path, maak_werkboek, gegevens):
    map_ = tmp_path / "regio"
    map_.mkdir()
    for gemeente in ("Aadorp", "Súdwest-Fryslân"):
        g = copy.deepcopy(gegevens)
        g["Algemeen"]["Gemeente"] = gemeente
        shutil.move(maak_werkboek(g, naam=f"{gemeente}.xlsx"), map_ / f"{gemeente}.xlsx")
    shutil.copy(REPO / "invoer" / "voorbeeld.xlsx", map_ / "b-heuvelmonde.xlsx")
    shutil.copy(REPO / "invoer" / "voorbeeld.xlsx", map_ / "c-heuvelmonde-kopie.xlsx")
    (map_ / "a-kapot.xlsx").write_text("geen werkboek")
    shutil.copy(tmp_path / "hittekaart-heuvelmonde.png", map_)

    def fout(wb):
        wb["Wijken"]["F7"] = "12 procent"

    shutil.move(maak_werkboek(wijzig=fout, naam="d-fout.xlsx"), map_ / "d-fout.xlsx")
    (map_ / "~$Aadorp.xlsx").write_bytes(b"slot van Excel")
    (map_ / "notities.txt").write_text("geen werkboek")
    return map_


@pytest.mark.traag  # a region of workbooks
def test_regio_in_een_keer(regio, tmp_path):
    uit = tmp_path / "uit"
    resultaat = bouw(regio, "-o", uit)
    assert resultaat.exit_code == 1  # one workbook failed; the others were built
    regels = resultaat.output.splitlines()
    assert "Mislukt: a-kapot.xlsx: 'a-kapot.xlsx' is geen Excel-werkboek; verwacht een Excel-werkmap (.xlsx)." in regels
    assert (
        "Mislukt: d-fout.xlsx: Blad 'Wijken', cel F7: '12 procent' is geen percentage; verwacht bijvoorbeeld "
        "12,5 of 12,5%"
    ) in regels
    assert sum(r.startswith("Gelukt: ") for r in regels) == 4
    assert regels[-1] == "4 van 6 werkboeken gelukt."
    assert f"Overzicht van alle werkboeken: {uit / 'overzicht-regio.xlsx'}" in regels
    assert sorted(p.name for p in uit.iterdir()) == [
        ".hitteplan.json",
        "aadorp",
        "c-heuvelmonde-kopie",
        "heuvelmonde",
        "overzicht-regio.xlsx",
        "sudwest-fryslan",
    ]
    for map_ in uit.iterdir():
        if map_.is_dir():
            assert (map_ / "bestuurlijke-notitie.docx").is_file() and (map_ / "canvas-fase-2.docx").is_file()


@pytest.mark.traag  # a region of workbooks
def test_overzicht_van_de_regio(regio, tmp_path):
    """One row per workbook, reopened with openpyxl: header frozen, filters on, dates as Excel
    dates, the moment in phase 2, what was made and what waits, and a failed workbook's first
    error with sheet and cell."""
    import datetime as dt

    import openpyxl

    uit = tmp_path / "uit"
    bouw(regio, "-o", uit)
    ws = openpyxl.load_workbook(uit / "overzicht-regio.xlsx")["Overzicht"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}7"
    koppen = [c.value for c in ws[1]]
    rijen = {r[0]: dict(zip(koppen, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert list(rijen) == [
        "Aadorp.xlsx",
        "Súdwest-Fryslân.xlsx",
        "a-kapot.xlsx",
        "b-heuvelmonde.xlsx",
        "c-heuvelmonde-kopie.xlsx",
        "d-fout.xlsx",
    ]
    aadorp = rijen["Aadorp.xlsx"]
    assert (aadorp["Gemeente"], aadorp["Trekker"], aadorp["Uitkomst"]) == ("Aadorp", "Sanne de Vries", "gelukt")
    assert aadorp["Stand van zaken"] == "na de dialoog doelen en maatregelen"
    assert aadorp["Startbijeenkomst"] == dt.datetime(2027, 3, 9)  # an Excel date, not text
    assert ws.cell(2, koppen.index("Startbijeenkomst") + 1).number_format == "d-m-yyyy"
    assert aadorp["Gehouden"] == (
        "Startbijeenkomst hitteplan (9 maart 2027)\nDialoog doelen en maatregelen (13 april 2027)"
    )
    assert aadorp["Gepland"] == "Bestuurlijke bijeenkomst (18 mei 2027)"
    assert aadorp["Partners"] == 21 and aadorp["Partners: Nog benaderen"] == 1
    assert aadorp["Partners: Deelgenomen"] == 15
    assert aadorp["Ambitie bepaald"] == "ja"
    assert aadorp["Gemaakt"].splitlines()[:3] == [
        "bestuurlijke notitie",
        "presentatie startbijeenkomst",
        "canvas fase 2",
    ]
    assert aadorp["Bestanden"] == 14 and aadorp["Map"] == "aadorp"
    assert aadorp["Wacht nog op"].splitlines() == [
        "terugkoppeling bestuurlijke bijeenkomst — wacht op: blad 'Bijeenkomsten', cel M4 (Status 'Afgerond'), "
        "cel N4 (Uitkomsten)"
    ]
    assert aadorp["Eerste fout"] is None
    fout = rijen["d-fout.xlsx"]
    assert (fout["Uitkomst"], fout["Gemeente"], fout["Gemaakt"]) == ("mislukt", None, None)
    assert fout["Eerste fout"] == (
        "Blad 'Wijken', cel F7: '12 procent' is geen percentage; verwacht bijvoorbeeld 12,5 of 12,5%"
    )
    assert rijen["a-kapot.xlsx"]["Eerste fout"] == (
        "'a-kapot.xlsx' is geen Excel-werkboek; verwacht een Excel-werkmap (.xlsx)."
    )


@pytest.mark.traag  # starts a pool of processes
def test_zelfde_uitkomst_met_een_of_twee_processen(regio, tmp_path):
    from generator.bouw import bouw_map

    gemeld = []
    een = bouw_map(regio, tmp_path / "1", werkers=1, vandaag=VANDAAG, per_werkboek=lambda w, r: gemeld.append((w, r)))
    twee = bouw_map(regio, tmp_path / "2", werkers=2, vandaag=VANDAAG)
    assert gemeld == list(een.resultaten)  # told as each one is done, in the folder's order

    def samengevat(regio_):
        return [(w.name, r.map.name if hasattr(r, "map") else str(r)) for w, r in regio_.resultaten]

    assert samengevat(een) == samengevat(twee)
    assert len(een.resultaten) == 6 and een.overzicht == tmp_path / "1" / "overzicht-regio.xlsx"
    for pad in (tmp_path / "1").rglob("*.docx"):
        assert pad.read_bytes() == (tmp_path / "2" / pad.relative_to(tmp_path / "1")).read_bytes()


def test_lege_map(tmp_path):
    resultaat = bouw(tmp_path)
    assert (resultaat.exit_code, resultaat.output.strip()) == (
        1,
        f"In '{tmp_path}' staan geen Excel-werkboeken (.xlsx).",
    )


@pytest.mark.extern
def test_pdf_naast_elk_document(voorbeeld, tmp_path):
    pdfinfo = hulpmiddel("pdfinfo")
    hulpmiddel("soffice")
    uit = tmp_path / "uit"
    resultaat = bouw(voorbeeld, "-o", uit, "--pdf")
    assert resultaat.exit_code == 0, resultaat.output
    documenten = [p for p in uit.rglob("*") if p.suffix in (".docx", ".pptx")]
    for document in documenten:
        pdf = document.with_suffix(".pdf")
        assert pdf.is_file(), pdf
    info = subprocess.run([pdfinfo, str(uit / "canvas-fase-2.pdf")], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info and "Pages:           1" in info
    assert "  canvas-fase-2.pdf" in resultaat.output.splitlines()


def test_pdf_zonder_libreoffice(voorbeeld, tmp_path, monkeypatch):
    import generator.pdf as pdf

    monkeypatch.setattr(pdf, "vind_soffice", lambda: None)
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--pdf")
    assert resultaat.exit_code == 1
    assert resultaat.output.strip() == (
        "Voor --pdf is LibreOffice nodig, maar het is niet gevonden. Installeer het "
        "(gratis, libreoffice.org) of laat --pdf weg; er is niets veranderd."
    )
    assert not (tmp_path / "uit").exists()  # PDFs belong to the build: without them nothing is written


def test_libreoffice_die_niets_maakt(voorbeeld, tmp_path, monkeypatch):
    """soffice exits 0 even when it fails: every PDF is checked to exist."""
    import generator.pdf as pdf

    uit = tmp_path / "uit"
    assert bouw(voorbeeld, "-o", uit).exit_code == 0  # an earlier build, without PDFs
    voor = {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()}
    nep = tmp_path / "soffice"
    nep.write_text("#!/bin/sh\nexit 0\n")
    nep.chmod(0o755)
    monkeypatch.setattr(pdf, "vind_soffice", lambda: str(nep))
    resultaat = bouw(voorbeeld, "-o", uit, "--pdf")
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().startswith(
        "LibreOffice kon geen PDF maken van bestuurlijke-notitie.docx, "
        "presentatie-startbijeenkomst.pptx, canvas-fase-2.docx"
    )
    assert resultaat.output.strip().endswith("; er is niets veranderd.")
    # new documents never stand beside old PDFs: the earlier build is exactly as it was, nothing left behind
    assert {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()} == voor


def test_elk_werkboek_een_eigen_map(tmp_path, maak_werkboek, gegevens):
    """0.xlsx (Gemeente 'Bbb'), aaa.xlsx and bbb.xlsx (both 'Zuid'): bbb.xlsx's fallback name
    is taken already, so it gets a number; nothing is silently replaced."""
    map_ = tmp_path / "regio"
    map_.mkdir()
    for bestand, gemeente in (("0", "Bbb"), ("aaa", "Zuid"), ("bbb", "Zuid")):
        g = copy.deepcopy(gegevens)
        g["Algemeen"]["Gemeente"] = gemeente
        shutil.move(maak_werkboek(g, naam=f"{bestand}.xlsx"), map_ / f"{bestand}.xlsx")
    shutil.copy(tmp_path / "hittekaart-heuvelmonde.png", map_)
    resultaat = bouw(map_, "-o", tmp_path / "uit")
    regels = resultaat.output.splitlines()
    assert resultaat.exit_code == 0, resultaat.output
    mappen = [r.split(" -> ")[1].split(" ")[0] for r in regels if r.startswith("Gelukt: ")]
    assert mappen == [f"{tmp_path / 'uit' / n}/" for n in ("bbb", "zuid", "bbb-2")]
    assert len(set(mappen)) == 3


def _struikel_bij_aadorp(wb, bron, klaar):
    if wb.algemeen.gemeente == "Aadorp":
        raise RuntimeError("onvoorzien")
    return [], []


@pytest.mark.traag  # a region of workbooks
@pytest.mark.parametrize("werkers", [1, 2])
def test_een_onverwachte_fout_verbergt_de_samenvatting_niet(regio, tmp_path, werkers):
    """One workbook that trips over something unforeseen (in this process or in a worker) is
    one 'Mislukt' line; the others are built and the summary is printed."""
    from generator.bouw import ONDERDELEN, Onderdeel, bouw_map

    onderdelen = (*ONDERDELEN, Onderdeel(None, _struikel_bij_aadorp))
    regio_ = bouw_map(regio, tmp_path / "uit", werkers=werkers, vandaag=VANDAAG, onderdelen=onderdelen)
    uitkomst = {w.name: r for w, r in regio_.resultaten}
    assert str(uitkomst["Aadorp.xlsx"]).startswith("er ging iets onverwachts mis met dit werkboek (RuntimeError)")
    assert hasattr(uitkomst["Súdwest-Fryslân.xlsx"], "bestanden")
    assert not (tmp_path / "uit" / "aadorp").exists()
    assert (tmp_path / "uit" / "overzicht-regio.xlsx").is_file()


@pytest.mark.extern
def test_pdf_dat_niet_geschreven_kan_worden(voorbeeld, tmp_path):
    """A PDF target that cannot be replaced: documents and PDFs are one transaction."""
    hulpmiddel("soffice")
    uit = tmp_path / "uit"
    assert bouw(voorbeeld, "-o", uit).exit_code == 0
    (uit / "canvas-fase-2.pdf").mkdir()
    voor = {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()}
    resultaat = bouw(voorbeeld, "-o", uit, "--pdf")
    assert resultaat.exit_code == 1
    assert (
        resultaat.output.strip()
        == f"'{uit / 'canvas-fase-2.pdf'}' kan niet worden geschreven: er staat een map met die naam."
    )
    assert {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()} == voor


def test_uitvoer_niet_in_de_map_met_werkboeken(regio):
    """Output into the folder of workbooks would put the overview among them (over a workbook
    of that name, and read as a workbook next time): refused."""
    voor = {p.name: p.read_bytes() for p in regio.iterdir()}
    resultaat = bouw(regio, "-o", regio)
    assert (resultaat.exit_code, resultaat.output.strip()) == (
        1,
        f"Kies met -o een andere map dan de map met werkboeken ('{regio}'): anders komen de documenten en het "
        "overzicht tussen de werkboeken te staan.",
    )
    assert {p.name: p.read_bytes() for p in regio.iterdir()} == voor


def test_gemeente_met_de_naam_van_de_map_met_werkboeken(tmp_path, maak_werkboek, gegevens):
    """A gemeente named like the folder of workbooks ('Heuvelmonde' in heuvelmonde/, built with
    -o the folder above) put its documents among the workbooks: now it gets the workbook's
    own name, beside that folder."""
    import openpyxl

    map_ = tmp_path / "heuvelmonde"
    map_.mkdir()
    pad = maak_werkboek(gegevens)
    shutil.move(pad, map_ / "hitteplan.xlsx")
    for bestand in pad.parent.iterdir():  # the workbook's pictures go with it
        if bestand.suffix.lower() in (".png", ".jpg"):
            shutil.copy(bestand, map_ / bestand.name)
    assert openpyxl.load_workbook(map_ / "hitteplan.xlsx")["Algemeen"]  # a workbook indeed
    resultaat = bouw(map_, "-o", tmp_path)
    assert resultaat.exit_code == 0, resultaat.output
    assert sorted(p.name for p in map_.iterdir() if p.suffix != ".png") == ["hitteplan.xlsx"]
    assert (tmp_path / "hitteplan" / "bestuurlijke-notitie.docx").is_file()


def test_nieuw_voorbeeld_naast_een_eerder_voorbeeld(tmp_path, monkeypatch):
    """`nieuw --voorbeeld` refused to run where an earlier example's picture stood; the same
    picture is left as it is (a different one is still never overwritten)."""
    monkeypatch.chdir(tmp_path)
    eerste = CliRunner().invoke(hoofd, ["nieuw", "een.xlsx", "--voorbeeld"], catch_exceptions=False)
    assert eerste.exit_code == 0, eerste.output
    kaart = next(tmp_path.glob("*.png"))
    tweede = CliRunner().invoke(hoofd, ["nieuw", "twee.xlsx", "--voorbeeld"], catch_exceptions=False)
    assert tweede.exit_code == 0, tweede.output
    assert (tmp_path / "twee.xlsx").is_file()
    kaart.write_bytes(b"mijn eigen kaart")
    derde = CliRunner().invoke(hoofd, ["nieuw", "drie.xlsx", "--voorbeeld"], catch_exceptions=False)
    assert derde.exit_code == 1
    assert kaart.read_bytes() == b"mijn eigen kaart" and not (tmp_path / "drie.xlsx").exists()
