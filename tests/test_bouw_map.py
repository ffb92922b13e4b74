"""A whole region at once (`bouw MAP/`), and PDFs through LibreOffice."""

from __future__ import annotations

import copy
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from generator.cli import hoofd

from .conftest import REPO, hulpmiddel


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


def test_regio_in_een_keer(regio, tmp_path):
    uit = tmp_path / "uit"
    resultaat = bouw(regio, "-o", uit)
    assert resultaat.exit_code == 1  # one workbook failed; the others were built
    regels = resultaat.output.splitlines()
    assert "Mislukt: a-kapot.xlsx: 'a-kapot.xlsx' is geen Excel-werkboek; verwacht een Excel-werkmap (.xlsx)." in regels
    assert ("Mislukt: d-fout.xlsx: Blad 'Wijken', cel F7: '12 procent' is geen percentage; verwacht bijvoorbeeld "
            "12,5 of 12,5%") in regels
    assert sum(r.startswith("Gelukt: ") for r in regels) == 4
    assert regels[-1] == "4 van 6 werkboeken gelukt."
    assert sorted(p.name for p in uit.iterdir()) == ["aadorp", "c-heuvelmonde-kopie", "heuvelmonde", "sudwest-fryslan"]
    for map_ in uit.iterdir():
        assert (map_ / "bestuurlijke-notitie.docx").is_file() and (map_ / "canvas-fase-2.docx").is_file()


def test_zelfde_uitkomst_met_een_of_twee_processen(regio, tmp_path):
    from generator.bouw import bouw_map

    een = [(w.name, r.map.name if hasattr(r, "map") else str(r)) for w, r in bouw_map(regio, tmp_path / "1", werkers=1)]
    twee = [(w.name, r.map.name if hasattr(r, "map") else str(r)) for w, r in bouw_map(regio, tmp_path / "2", werkers=2)]
    assert een == twee
    for pad in (tmp_path / "1").rglob("*.docx"):
        assert pad.read_bytes() == (tmp_path / "2" / pad.relative_to(tmp_path / "1")).read_bytes()


def test_lege_map(tmp_path):
    resultaat = bouw(tmp_path)
    assert (resultaat.exit_code, resultaat.output.strip()) == (1, f"In '{tmp_path}' staan geen Excel-werkboeken (.xlsx).")


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
    assert resultaat.output.strip() == ("Voor --pdf is LibreOffice nodig, maar het is niet gevonden. Installeer het "
                                        "(gratis, libreoffice.org) of laat --pdf weg; de Word- en PowerPoint-bestanden "
                                        "zijn wel gemaakt.")
    assert (tmp_path / "uit" / "bestuurlijke-notitie.docx").is_file()


def test_libreoffice_die_niets_maakt(voorbeeld, tmp_path, monkeypatch):
    """soffice exits 0 even when it fails: every PDF is checked to exist."""
    import generator.pdf as pdf

    nep = tmp_path / "soffice"
    nep.write_text("#!/bin/sh\nexit 0\n")
    nep.chmod(0o755)
    monkeypatch.setattr(pdf, "vind_soffice", lambda: str(nep))
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--pdf")
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().startswith("LibreOffice kon geen PDF maken van bestuurlijke-notitie.docx, "
                                               "presentatie-startbijeenkomst.pptx, canvas-fase-2.docx")
    assert not list((tmp_path / "uit").rglob("*.pdf"))
