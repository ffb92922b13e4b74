"""Shared fixtures: tiny workbooks built in tmp_path from the example data, and the external
tools some tests need (LibreOffice, pdftoppm, the Open XML validator)."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.blanco import maak_blanco, vul
from generator.voorbeeld import GEGEVENS

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


def hulpmiddel(naam: str) -> str:
    """The path of an external tool; skip with a visible reason when it is missing locally,
    fail when CI=true (CI installs it)."""
    kandidaten = [shutil.which(naam), REPO / ".ci/node/node_modules/.bin" / naam, REPO / "node_modules/.bin" / naam]
    for kandidaat in kandidaten:
        if kandidaat and Path(kandidaat).exists():
            return str(kandidaat)
    if IN_CI:
        pytest.fail(f"{naam} is niet geïnstalleerd, maar CI=true: .ci/run had het moeten installeren")
    pytest.skip(f"{naam} is niet geïnstalleerd; installeer het om deze test te draaien")


def valideer_ooxml(pad: Path) -> list[dict]:
    """Open XML schema errors reported by ooxml-validate (an empty list means valid)."""
    exe = hulpmiddel("ooxml-validate")
    uit = subprocess.run([exe, str(pad), "--of", "json"], capture_output=True, text=True, timeout=180)
    return json.loads(uit.stdout or "[]")


def naar_pdf(pad: Path, map_: Path) -> Path:
    """Render with LibreOffice headless into ``map_``; returns the PDF path."""
    soffice = hulpmiddel("soffice")
    profiel = map_ / "lo-profiel"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profiel}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(map_), str(pad)], capture_output=True, timeout=240, check=False)
    pdf = map_ / (pad.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice kon {pad.name} niet omzetten naar PDF"
    return pdf


def pdf_paginas(pdf: Path) -> int:
    exe = hulpmiddel("pdfinfo")
    info = subprocess.run([exe, str(pdf)], capture_output=True, text=True).stdout
    return int(next(r.split()[-1] for r in info.splitlines() if r.startswith("Pages:")))


@pytest.fixture
def gegevens():
    """A deep copy of the example data, to change per test."""
    return copy.deepcopy(GEGEVENS)


@pytest.fixture
def maak_werkboek(tmp_path):
    """Build a workbook as a user would: the blank workbook, filled with (changed) example
    data, then optionally edited cell by cell."""

    def maak(gegevens=None, wijzig=None, naam: str = "werkboek.xlsx") -> Path:
        wb = maak_blanco()
        vul(wb, gegevens if gegevens is not None else copy.deepcopy(GEGEVENS))
        if wijzig:
            wijzig(wb)
        pad = tmp_path / naam
        wb.save(pad)
        return pad

    return maak


@pytest.fixture
def voorbeeld(tmp_path) -> Path:
    """A copy of the committed example workbook."""
    doel = tmp_path / "voorbeeld.xlsx"
    shutil.copy(REPO / "invoer" / "voorbeeld.xlsx", doel)
    return doel
