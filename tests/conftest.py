"""Shared fixtures: tiny workbooks built in tmp_path from the example data, and the external
tools some tests need (LibreOffice, pdftoppm, the Open XML validator)."""

from __future__ import annotations

import atexit
import copy
import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.blanco import maak_blanco, vul
from generator.voorbeeld import GEGEVENS, hittekaart, na_de_startbijeenkomst  # noqa: F401 (tests import it from here)

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


# The test being run (set before its fixtures are made): external tools are for tests marked
# `extern` only, so that `make test-snel` (-m "not extern and not traag") never starts one.
_LOPEND: list = []


def pytest_runtest_setup(item):
    _LOPEND[:] = [item]


def pytest_runtest_teardown(item, nextitem):
    _LOPEND.clear()


def pytest_addoption(parser):
    parser.addoption(
        "--werkboeken",
        type=int,
        default=int(os.environ.get("HITTEPLAN_WERKBOEKEN", "200")),
        help="hoeveel gegenereerde werkboeken tests/test_stukken.py controleert (standaard 200, of "
        "HITTEPLAN_WERKBOEKEN)",
    )
    parser.addoption(
        "--elke-stap",
        action="store_true",
        default=os.environ.get("HITTEPLAN_ELKE_STAP") == "1",
        help="tests/test_archief.py doodt de bouw bij elke rename en elke schrijfstap van alle vier de "
        "varianten, niet bij een spreiding ervan (ruim een half uur; of HITTEPLAN_ELKE_STAP=1)",
    )


def eerst_snel(gevallen, houd: int = 1, ids=None) -> list:
    """A table of cases for ``parametrize`` whose first ``houd`` run in ``make test-snel`` and
    the rest only in ``make test`` (marker ``traag``): the inner loop tries each kind of case,
    the whole suite every case. A case of several arguments is a tuple, as parametrize takes
    it; ``ids`` as in parametrize."""
    uit = []
    for i, geval in enumerate(gevallen):
        waarden = geval if isinstance(geval, tuple) else (geval,)
        uit.append(
            pytest.param(*waarden, id=None if ids is None else ids[i], marks=() if i < houd else (pytest.mark.traag,))
        )
    return uit


def hulpmiddel(naam: str) -> str:
    """The path of an external tool; skip with a visible reason when it is missing locally,
    fail when CI=true (CI installs it). Only for a test marked ``@pytest.mark.extern``: an
    unmarked test that asks for one fails, naming the marker."""
    if _LOPEND and _LOPEND[0].get_closest_marker("extern") is None:
        pytest.fail(
            f"{_LOPEND[0].nodeid} gebruikt {naam}: markeer de test met @pytest.mark.extern "
            "(make test-snel slaat die over)"
        )
    kandidaten = [shutil.which(naam), REPO / ".ci/node/node_modules/.bin" / naam, REPO / "node_modules/.bin" / naam]
    for kandidaat in kandidaten:
        if kandidaat and Path(kandidaat).exists():
            return str(kandidaat)
    if IN_CI:
        pytest.fail(f"{naam} is niet geïnstalleerd, maar CI=true: .ci/run had het moeten installeren")
    pytest.skip(f"{naam} is niet geïnstalleerd; installeer het om deze test te draaien")


# The validator's service of this test process (tests/ooxml_dienst.mjs), started at its first use
_VALIDATOR: list[subprocess.Popen] = []


def _validator(exe: str) -> subprocess.Popen | None:
    """The running service, started if need be; None when the installed ooxml-validate is not
    laid out as the service expects (its library beside its bin folder)."""
    if _VALIDATOR and _VALIDATOR[0].poll() is None:
        return _VALIDATOR[0]
    bibliotheek = Path(exe).resolve().parent.parent / "index.js"  # …/dist/npm/bin/ooxml-validate.js -> …/dist/npm
    node = shutil.which("node")
    if node is None or not bibliotheek.is_file():
        return None
    dienst = subprocess.Popen(
        [node, str(REPO / "tests" / "ooxml_dienst.mjs"), str(bibliotheek)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    _VALIDATOR[:] = [dienst]
    atexit.register(_stop_validator, dienst)
    return dienst


def _stop_validator(dienst: subprocess.Popen) -> None:
    if dienst.poll() is None:
        assert dienst.stdin is not None
        dienst.stdin.close()
        try:
            dienst.wait(10)
        except subprocess.TimeoutExpired:
            dienst.kill()
            dienst.wait()


def valideer_ooxml(pad: Path) -> list[dict]:
    """Open XML schema errors reported by ooxml-validate (an empty list means valid). The
    validator runs as a service per test process: its .NET runtime starts once (some four
    seconds of a processor), not for every file; the answer is that of ``ooxml-validate FILE
    --of json``, the same function of the same package."""
    exe = hulpmiddel("ooxml-validate")
    dienst = _validator(exe)
    if dienst is None:  # another layout of the package: its command, one process per file
        uit = subprocess.run([exe, str(pad), "--of", "json"], capture_output=True, text=True, timeout=180)
        assert uit.returncode == 0 and uit.stdout.strip(), f"ooxml-validate kon {pad} niet controleren: {uit.stderr}"
        return json.loads(uit.stdout)
    assert dienst.stdin is not None and dienst.stdout is not None
    volledig = str(Path(pad).resolve())
    try:
        dienst.stdin.write(volledig + "\n")
        dienst.stdin.flush()
        einde = time.monotonic() + 180
        regel = ""
        while not regel.startswith("antwoord "):  # a line of the .NET runtime's own is passed over
            klaar, _, _ = select.select([dienst.stdout], [], [], max(0.0, einde - time.monotonic()))
            regel = dienst.stdout.readline() if klaar else ""
            if not regel:
                pytest.fail(f"de Open XML-validator gaf geen antwoord voor {pad} ({'gestopt' if klaar else 'te laat'})")
        antwoord = json.loads(regel.removeprefix("antwoord "))
        assert antwoord["pad"] == volledig, antwoord  # the answer to this file, never to an earlier one
    except BaseException:  # no answer, or an interrupted question: this service is not asked again
        dienst.kill()
        dienst.wait()
        _VALIDATOR.clear()
        raise
    if "fout" in antwoord:
        pytest.fail(f"de Open XML-validator kon {pad} niet controleren: {antwoord['fout']}")
    return antwoord["fouten"]


def naar_pdf(pad: Path, map_: Path) -> Path:
    """Render with LibreOffice headless into ``map_``; returns the PDF path."""
    soffice = hulpmiddel("soffice")
    profiel = map_ / "lo-profiel"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profiel}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(map_),
            str(pad),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
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
        kaart, beeld = hittekaart()  # beside the workbook, as `nieuw --voorbeeld` writes it
        (tmp_path / kaart).write_bytes(beeld)
        return pad

    return maak


def schrijf_werkboek(map_: Path, gegevens: dict, naam: str = "werkboek.xlsx") -> Path:
    """A workbook filled with ``gegevens`` in ``map_``, with the example's heat map beside it."""
    wb = maak_blanco()
    vul(wb, gegevens)
    pad = map_ / naam
    wb.save(pad)
    kaart, beeld = hittekaart()
    (map_ / kaart).write_bytes(beeld)
    return pad


@pytest.fixture
def voorbeeld_na_start(tmp_path) -> Path:
    """A workbook: the example as it stood after the startbijeenkomst."""
    return schrijf_werkboek(tmp_path, na_de_startbijeenkomst(copy.deepcopy(GEGEVENS)))


@pytest.fixture
def voorbeeld(tmp_path) -> Path:
    """A copy of the committed example workbook."""
    doel = tmp_path / "voorbeeld.xlsx"
    shutil.copy(REPO / "invoer" / "voorbeeld.xlsx", doel)
    kaart, beeld = hittekaart()
    (tmp_path / kaart).write_bytes(beeld)
    return doel


@dataclass(frozen=True)
class Gebouwd:
    """A workbook and its build, made once per test process and shared by the tests that only
    read it: never change it (copy it with :meth:`kopie` first)."""

    map: Path  # the workbook, its heat map and uit/
    werkboek: Path
    uit: Path
    tekst: str  # what `hitteplan bouw` printed

    def kopie(self, doel: Path) -> tuple[Path, Path]:
        """The workbook and its build copied into ``doel``, as if built there: (workbook, uit)."""
        shutil.copytree(self.map, doel, dirs_exist_ok=True)
        return doel / self.werkboek.name, doel / "uit"


def _bouw_eenmaal(map_: Path, werkboek: Path) -> Gebouwd:
    from click.testing import CliRunner

    from generator.cli import hoofd

    resultaat = CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(map_ / "uit")], catch_exceptions=False)
    assert resultaat.exit_code == 0, resultaat.output
    return Gebouwd(map_, werkboek, map_ / "uit", resultaat.output)


@pytest.fixture(scope="session")
def voorbeeld_gebouwd(tmp_path_factory) -> Gebouwd:
    """The shipped example (invoer/voorbeeld.xlsx beside its heat map) and its build."""
    map_ = tmp_path_factory.mktemp("voorbeeld-gebouwd")
    shutil.copy(REPO / "invoer" / "voorbeeld.xlsx", map_ / "voorbeeld.xlsx")
    kaart, beeld = hittekaart()
    (map_ / kaart).write_bytes(beeld)
    return _bouw_eenmaal(map_, map_ / "voorbeeld.xlsx")


@pytest.fixture(scope="session")
def na_start_gebouwd(tmp_path_factory) -> Gebouwd:
    """The example as it stood after the startbijeenkomst (letters for two meetings, a report
    back) and its build."""
    map_ = tmp_path_factory.mktemp("na-start-gebouwd")
    return _bouw_eenmaal(map_, schrijf_werkboek(map_, na_de_startbijeenkomst(copy.deepcopy(GEGEVENS))))


def overloop(pptx_pad: Path, pdf: Path) -> list[str]:
    """Text that LibreOffice draws outside its text box or off the slide: for every text
    shape, words of its own text drawn below its box (and not inside another shape that has
    the same word); for every slide, words beyond the page."""
    import re

    import pptx

    exe = hulpmiddel("pdftotext")
    html = subprocess.run([exe, "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    paginas = html.split("<page ")[1:]
    prs = pptx.Presentation(str(pptx_pad))
    sw, sh = prs.slide_width, prs.slide_height
    woord = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<')
    fouten = []
    for nr, (dia, pagina) in enumerate(zip(prs.slides, paginas, strict=True), start=1):
        pw, ph = map(float, re.search(r'width="([\d.]+)" height="([\d.]+)"', pagina).groups())
        woorden = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in woord.findall(pagina)]
        fouten += [f"dia {nr}: '{w[4]}' buiten de dia" for w in woorden if w[2] > pw + 1 or w[3] > ph + 1]
        for vorm in dia.shapes:
            if not vorm.has_text_frame or not vorm.text_frame.text.strip():
                continue
            eigen = set(vorm.text_frame.text.split())
            x0, y0 = vorm.left / sw * pw, vorm.top / sh * ph
            x1, y1 = x0 + vorm.width / sw * pw, y0 + vorm.height / sh * ph
            onder = [
                w
                for w in woorden
                if w[4] in eigen
                and x0 - 2 <= w[0] <= x1 + 2
                and y1 + 2 < w[3] < y1 + 200
                and not any(
                    o is not vorm
                    and (not o.has_text_frame or w[4] in o.text_frame.text)
                    and o.left / sw * pw - 2 <= w[0] <= (o.left + o.width) / sw * pw + 2
                    and o.top / sh * ph - 2 <= w[1] <= (o.top + o.height) / sh * ph + 2
                    for o in dia.shapes
                )
            ]
            if len(onder) >= 2:
                fouten.append(f"dia {nr}: tekst loopt uit '{vorm.name}': {' '.join(w[4] for w in onder[:6])}")
    return fouten
