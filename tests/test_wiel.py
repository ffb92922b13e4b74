"""Installed from a wheel (not editable) into a fresh venv and run from another folder, the
command still finds its templates.

One test with four checks: building the wheel and installing it with its dependencies takes
some 15 seconds, and pytest-xdist would do it once in every test process that got one of them
(its ``--dist loadgroup`` no longer groups tests under pytest 9.2)."""

from __future__ import annotations

import subprocess
import sys
import venv

import pytest

from .conftest import REPO

pytestmark = pytest.mark.traag


def _installeer(basis):
    """Build the wheel and install it in a fresh venv: the venv's bin folder."""
    dist = basis / "dist"
    uit = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert uit.returncode == 0, uit.stderr[-2000:]
    wiel = next(dist.glob("hitteplan-*.whl"))
    omgeving = basis / "venv"
    venv.create(omgeving, with_pip=False)  # this pip installs into it (--python): no second pip to set up
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(omgeving / "bin" / "python"), "install", "--quiet", str(wiel)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    return omgeving / "bin"


def _bevat_sjablonen(geinstalleerd):
    uit = subprocess.run(
        [str(geinstalleerd / "python"), "-c", "import generator.paden as p; print(p.standaard_sjablonen())"],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert uit.returncode == 0, uit.stderr
    assert "site-packages/generator/sjablonen" in uit.stdout


def _werkt_vanuit_een_andere_map(geinstalleerd, tmp_path):
    elders = tmp_path / "elders"
    elders.mkdir()
    nieuw = subprocess.run(
        [str(geinstalleerd / "hitteplan"), "nieuw", "voorbeeld.xlsx", "--voorbeeld"],
        capture_output=True,
        text=True,
        cwd=elders,
    )
    assert nieuw.returncode == 0, nieuw.stderr
    controle = subprocess.run(
        [str(geinstalleerd / "hitteplan"), "controleer", "voorbeeld.xlsx"], capture_output=True, text=True, cwd=elders
    )
    assert controle.returncode == 0, controle.stderr
    assert "voorbeeld.xlsx is in orde" in controle.stdout


def _bouwt_documenten(geinstalleerd, tmp_path):
    import docx

    elders = tmp_path / "elders"
    elders.mkdir()
    subprocess.run(
        [str(geinstalleerd / "hitteplan"), "nieuw", "w.xlsx", "--voorbeeld"],
        check=True,
        cwd=elders,
        capture_output=True,
    )
    uit = subprocess.run(
        [str(geinstalleerd / "hitteplan"), "bouw", "w.xlsx"], capture_output=True, text=True, cwd=elders
    )
    assert uit.returncode == 0, uit.stderr
    notitie = docx.Document(elders / "uitvoer" / "heuvelmonde" / "bestuurlijke-notitie.docx")
    assert notitie.core_properties.title == "Gedeelde ambitie en afspraken lokaal hitteplan Heuvelmonde"


def _bevat_de_webpagina(geinstalleerd):
    """The pages, style and sentences of `hitteplan web` come along in the wheel."""
    code = (
        "from generator.web.app import maak_app\n"
        "k = maak_app(pdf=False).test_client()\n"
        "r = k.get('/')\n"
        "print(r.status_code, '<html lang=\"nl\">' in r.get_data(as_text=True), k.get('/stijl.css').status_code)"
    )
    uit = subprocess.run([str(geinstalleerd / "python"), "-c", code], capture_output=True, text=True, cwd="/")
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.split() == ["200", "True", "200"]


def test_wiel(tmp_path):
    geinstalleerd = _installeer(tmp_path / "wiel")
    _bevat_sjablonen(geinstalleerd)
    (tmp_path / "a").mkdir()
    _werkt_vanuit_een_andere_map(geinstalleerd, tmp_path / "a")
    (tmp_path / "b").mkdir()
    _bouwt_documenten(geinstalleerd, tmp_path / "b")
    _bevat_de_webpagina(geinstalleerd)
