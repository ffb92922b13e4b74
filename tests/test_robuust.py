"""Robust, safe and reproducible: bad input gets a clear answer and nothing is ever lost.

Every bad input of the reader's corpus is also fed to `bouw`: exit status 1, one Dutch message
naming sheet and cell, no traceback, no file written, earlier documents untouched byte for byte.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.namen import slug

from .conftest import eerst_snel
from .test_lezer import BESTANDEN, SLECHT

VORIGE = {"bestuurlijke-notitie.docx": b"vorige goede notitie", "canvas-fase-2.docx": b"vorig goed canvas"}


def _uitvoer_met_vorige(map_: Path) -> Path:
    """An output folder with the documents of an earlier build (its manifest knows them: they
    were not changed by hand, so a new build replaces them)."""
    import hashlib
    import json

    map_.mkdir()
    for naam, inhoud in VORIGE.items():
        (map_ / naam).write_bytes(inhoud)
    manifest = {"bestanden": {naam: hashlib.sha256(inhoud).hexdigest() for naam, inhoud in VORIGE.items()}}
    (map_ / ".hitteplan.json").write_text(json.dumps(manifest))
    return map_


def _niets_veranderd(map_: Path) -> None:
    assert sorted(p.name for p in map_.iterdir()) == sorted([*VORIGE, ".hitteplan.json"])
    for naam, inhoud in VORIGE.items():
        assert (map_ / naam).read_bytes() == inhoud


def bouw(*args):
    return CliRunner().invoke(hoofd, ["bouw", *map(str, args)], catch_exceptions=False)


# every message itself is checked in test_lezer (all in the inner loop); here that the build refuses
@pytest.mark.parametrize(
    "wijzig,melding", eerst_snel(SLECHT, houd=3, ids=[f"werkboek-{i:02d}" for i in range(len(SLECHT))])
)
def test_bouw_weigert_slecht_werkboek(maak_werkboek, tmp_path, wijzig, melding):
    pad = maak_werkboek(wijzig=wijzig)
    uit = _uitvoer_met_vorige(tmp_path / "uit")
    resultaat = bouw(pad, "-o", uit)
    assert resultaat.exit_code == 1
    regels = resultaat.output.splitlines()
    if "{rij}" not in melding:
        assert f"Fout: {melding.format(map=pad.parent)}" in regels
    assert regels[-1].endswith("in het werkboek; er zijn geen documenten gemaakt of veranderd.")
    assert "Traceback" not in resultaat.output
    _niets_veranderd(uit)


@pytest.mark.parametrize("naam,maak,melding", BESTANDEN, ids=[b[0] for b in BESTANDEN])
def test_bouw_weigert_wat_geen_werkboek_is(tmp_path, naam, maak, melding):
    pad = tmp_path / naam
    maak(pad)
    uit = _uitvoer_met_vorige(tmp_path / "uit")
    resultaat = bouw(pad, "-o", uit)
    assert (resultaat.exit_code, resultaat.output.strip()) == (1, melding)
    _niets_veranderd(uit)


def test_entiteiten_in_xml_geweigerd(tmp_path, voorbeeld):
    """A 'billion laughs' DTD in a sheet is refused before any XML is parsed."""
    bom = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>'
    )
    pad = tmp_path / "vijandig.xlsx"
    with zipfile.ZipFile(voorbeeld) as bron, zipfile.ZipFile(pad, "w") as doel:
        for info in bron.infolist():
            data = bron.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = bom.encode() + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
            doel.writestr(info, data)
    uit = _uitvoer_met_vorige(tmp_path / "uit")
    resultaat = bouw(pad, "-o", uit)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip() == (
        "'vijandig.xlsx' bevat XML met een eigen DTD of entiteiten "
        "(xl/worksheets/sheet2.xml); zo'n bestand kan schadelijk zijn en wordt niet "
        "gelezen. Sla het opnieuw op in Excel."
    )
    _niets_veranderd(uit)


def test_uitvoermap_onder_een_bestand(voorbeeld, tmp_path):
    bestand = tmp_path / "gewoon-bestand.txt"
    bestand.write_text("x")
    resultaat = bouw(voorbeeld, "-o", bestand / "uit")
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().startswith(f"'{bestand / 'uit'}' kan niet worden geschreven")
    assert "Traceback" not in resultaat.output


def test_document_open_in_ander_programma(voorbeeld, tmp_path, monkeypatch):
    """On Windows a document open in Word can be neither moved nor replaced: the message says
    so, the other documents of the run are not put in place either, and no temporary file is
    left."""
    import os

    uit = _uitvoer_met_vorige(tmp_path / "uit")
    echt = os.replace

    def vergrendeld(bron, doel):
        if str(doel).endswith("canvas-fase-2.docx") or str(bron).endswith("canvas-fase-2.docx"):
            raise PermissionError(13, "Permission denied")
        return echt(bron, doel)

    monkeypatch.setattr(os, "replace", vergrendeld)
    resultaat = bouw(voorbeeld, "-o", uit)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip() == (
        f"'{uit / 'canvas-fase-2.docx'}' kan niet worden geschreven: het bestand is "
        "geopend in een ander programma of de map is alleen-lezen. Sluit het bestand "
        "en probeer het opnieuw."
    )
    assert not list(uit.glob(".~*"))
    assert (uit / "canvas-fase-2.docx").read_bytes() == VORIGE["canvas-fase-2.docx"]


def test_plaatsen_mislukt_na_het_opzijzetten(voorbeeld, tmp_path, monkeypatch):
    """The old files are already moved aside when putting a new one in place fails (a full
    disk, say): every old file goes back, every new one is removed."""
    import os

    uit = _uitvoer_met_vorige(tmp_path / "uit")
    echt = os.replace

    def vol(bron, doel):
        if str(doel).endswith("canvas-fase-2.docx") and not str(bron).endswith(".oud"):
            raise OSError(28, "No space left on device")
        return echt(bron, doel)

    monkeypatch.setattr(os, "replace", vol)
    resultaat = bouw(voorbeeld, "-o", uit)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip() == f"'{uit / 'canvas-fase-2.docx'}' kan niet worden geschreven: de schijf is vol."
    _niets_veranderd(uit)


@pytest.fixture(scope="module")
def eerste_bouw(voorbeeld_gebouwd):
    """The example built once: the earlier documents every later failed build must leave alone
    (copied before a test changes them)."""
    return voorbeeld_gebouwd.map


DOELEN = [
    "bestuurlijke-notitie.docx",
    "presentatie-startbijeenkomst.pptx",
    "canvas-fase-2.docx",
    "terugkoppeling-startbijeenkomst-hitteplan.docx",
    "uitnodigingen/uitnodigingen.csv",
    "uitnodigingen/bestuurlijke-bijeenkomst.ics",
    "uitnodigingen/bestuurlijke-bijeenkomst/ggd-heuvelland.docx",
    "contactlijst-partners.docx",
    "terugkoppeling-dialoog-doelen-en-maatregelen.docx",
]


@pytest.mark.parametrize("doel", eerst_snel(DOELEN, houd=2))
def test_alles_of_niets_voor_elk_soort_bestand(eerste_bouw, tmp_path, maak_werkboek, gegevens, doel):
    """Each kind of target made impossible to replace in turn (a folder where the file should
    be): the build fails naming it, and every file of the earlier build stays byte for byte,
    with nothing new beside it and nothing temporary left."""
    import shutil

    uit = tmp_path / "uit"
    shutil.copytree(eerste_bouw / "uit", uit)
    (uit / doel).unlink()
    (uit / doel).mkdir()
    voor = {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()}
    mappen = sorted(p for p in uit.rglob("*") if p.is_dir())
    gegevens["Notitie"]["Onderwerp"] = "Een ander onderwerp, zodat elk document verandert"
    gegevens["Algemeen"]["Titel traject"] = "Hitteplan Heuvelmonde 2027"
    resultaat = bouw(maak_werkboek(gegevens), "-o", uit)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip() == f"'{uit / doel}' kan niet worden geschreven: er staat een map met die naam."
    assert {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()} == voor
    assert sorted(p for p in uit.rglob("*") if p.is_dir()) == mappen


def test_afgebroken_bouw_wordt_opgeruimd(voorbeeld, tmp_path):
    """What a build killed half-way leaves (its temporary files, a PDF work folder) is removed
    by the next build, by that build's journal and only in the folders it recorded; look-alike
    files it did not record (the trekker's own, or deeper in the tree) and lock files of Word
    and LibreOffice stay."""
    from generator.uitvoer import Transactie

    uit = tmp_path / "uit"
    (uit / "uitnodigingen" / "startbijeenkomst").mkdir(parents=True)
    afgebroken = Transactie(map_=uit)  # prepared, then the process died: nothing committed
    resten = [
        afgebroken.voeg_toe(uit / "bestuurlijke-notitie.docx", b"half"),
        afgebroken.voeg_toe(uit / "uitnodigingen" / "startbijeenkomst" / "ggd.docx", b"half"),
    ]
    werkmap = afgebroken.tijdelijk(uit, "pdf")
    (werkmap / "in").mkdir(parents=True)
    (werkmap / "in" / "00001.docx").write_bytes(b"kopie")
    assert afgebroken.journaal.is_file()
    vreemd = [
        uit / ".~hitteplan-1a2b3c4d-bestuurlijke-notitie.docx",
        uit / ".~abc123.docx.tmp",
        uit / "eigen map" / ".~hitteplan-9f9f9f9f-ggd.docx.oud",
    ]
    (uit / "eigen map").mkdir()
    for pad in vreemd:
        pad.write_bytes(b"van iemand anders")
    sloten = [uit / "~$stuurlijke-notitie.docx", uit / ".~lock.canvas-fase-2.docx#"]
    for pad in sloten:
        pad.write_bytes(b"slot")
    assert bouw(voorbeeld, "-o", uit).exit_code == 0
    assert not any(p.exists() for p in resten) and not werkmap.exists() and not afgebroken.journaal.exists()
    assert all(p.read_bytes() == b"van iemand anders" for p in vreemd)
    assert all(p.exists() for p in sloten)
    assert sorted(p.name for p in uit.glob(".~hitteplan-*")) == [".~hitteplan-1a2b3c4d-bestuurlijke-notitie.docx"]


def test_alleen_lezen_bestand(voorbeeld, tmp_path, monkeypatch):
    import os

    uit = _uitvoer_met_vorige(tmp_path / "uit")
    echte_access = os.access
    monkeypatch.setattr(os, "access", lambda p, m: False if str(p).endswith("notitie.docx") else echte_access(p, m))
    resultaat = bouw(voorbeeld, "-o", uit)
    assert resultaat.exit_code == 1
    assert "bestuurlijke-notitie.docx' kan niet worden geschreven" in resultaat.output
    _niets_veranderd(uit)


def test_mislukte_run_laat_vorige_documenten_staan(voorbeeld, tmp_path):
    """A document after the memo and the deck fails to render (a trekker's own canvas template
    with a broken tag): none of the run's documents replaces the old ones."""
    import docx

    eigen = tmp_path / "huisstijl"
    eigen.mkdir()
    canvas = docx.Document()
    canvas.add_paragraph("Canvas van {{ alg.gemeente ")
    canvas.save(eigen / "canvas-fase-2.docx")
    uit = _uitvoer_met_vorige(tmp_path / "uit")
    resultaat = bouw(voorbeeld, "-o", uit, "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert resultaat.output.startswith("Sjabloon 'canvas-fase-2.docx': een tag is onjuist geschreven"), resultaat.output
    _niets_veranderd(uit)


@pytest.mark.parametrize(
    "gemeente,verwacht",
    [
        ("'s-Hertogenbosch", "s-hertogenbosch"),
        ("Súdwest-Fryslân", "sudwest-fryslan"),
        ("Bergen (NH)", "bergen-nh"),
        ("a/b:c\\d", "a-b-c-d"),
        ("../../etc", "etc"),
        ("CON", "gemeente-con"),
        ("???", "gemeente"),
    ],
)
def test_veilige_mapnamen(gemeente, verwacht):
    assert slug(gemeente) == verwacht


def test_standaard_uitvoermap_blijft_binnen_uitvoer(maak_werkboek, gegevens, tmp_path, monkeypatch):
    gegevens["Algemeen"]["Gemeente"] = "../../Buiten/De Map"
    pad = maak_werkboek(gegevens)
    monkeypatch.chdir(tmp_path)
    resultaat = bouw(pad)
    assert resultaat.exit_code == 0, resultaat.output
    assert sorted(p.name for p in (tmp_path / "uitvoer" / "buiten-de-map").iterdir()) == [
        ".hitteplan.json",
        "bestuurlijke-notitie.docx",
        "canvas-fase-2.docx",
        "contactlijst-partners.docx",
        "presentatie-startbijeenkomst.pptx",
        "terugkoppeling-dialoog-doelen-en-maatregelen.docx",
        "terugkoppeling-startbijeenkomst-hitteplan.docx",
        "uitnodigingen",
    ]
    assert not (tmp_path.parent / "Buiten").exists()


# -- PDFs: the same on every run, a full disk named, nothing of LibreOffice left (issue 24, 10) --
def _pdfs(map_: Path) -> dict[str, bytes]:
    return {str(p.relative_to(map_)): p.read_bytes() for p in sorted(map_.rglob("*.pdf"))}


@pytest.mark.extern
def test_pdfs_byte_voor_byte_dezelfde(voorbeeld, tmp_path):
    """Two builds with --pdf give the same PDFs: the creation date comes from the workbook (as
    the documents' own), the /ID from the content; before, both came from the clock."""
    import re
    import time

    from .conftest import hulpmiddel

    hulpmiddel("soffice")
    assert bouw(voorbeeld, "-o", tmp_path / "een", "--pdf").exit_code == 0
    time.sleep(1.1)  # a clock that ticks between the two builds: the PDFs may not show it
    assert bouw(voorbeeld, "-o", tmp_path / "twee", "--pdf").exit_code == 0
    een, twee = _pdfs(tmp_path / "een"), _pdfs(tmp_path / "twee")
    assert len(een) >= 5 and een.keys() == twee.keys()
    assert [naam for naam in een if een[naam] != twee[naam]] == []
    import docx

    gemaakt = docx.Document(tmp_path / "een" / "canvas-fase-2.docx").core_properties.created
    assert re.search(rb"/CreationDate\(D:(\d{14})", een["canvas-fase-2.pdf"]).group(1).decode() == gemaakt.strftime(
        "%Y%m%d%H%M%S"
    )


def _libreoffice_van(map_: Path) -> list[int]:
    """The processes whose command line names a working folder of a build in ``map_``."""
    import os

    uit = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            regel = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if str(map_).encode() in regel and re.search(rb"\.~hitteplan-[^/\0]*-pdf", regel):
            uit.append(int(pid))
    return uit


def _pdf_werkmap(naam: str) -> bool:
    """A working folder of --pdf: ``.~hitteplan-<token>-pdf`` (uitvoer.Transactie.tijdelijk)."""
    return re.fullmatch(r"\.~hitteplan-[^/]*-pdf", naam) is not None


def _wacht_tot(voorwaarde, seconden: float = 60) -> bool:
    import time

    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.05)
    return voorwaarde()


@pytest.mark.extern
@pytest.mark.parametrize("sein", ["SIGTERM", "SIGKILL"])
def test_bouw_gestopt_tijdens_pdf(voorbeeld, tmp_path, sein):
    """Killing bouw during --pdf left LibreOffice running and a hidden folder with copies of
    every document: now LibreOffice's whole process group ends with the build, and the folder
    goes with a kill (with kill -9, which no program can catch, the next build removes it)."""
    import signal
    import subprocess
    import sys

    from .conftest import hulpmiddel

    if not Path("/proc").is_dir():
        pytest.skip("zonder /proc zijn de processen van LibreOffice niet te zien")
    hulpmiddel("soffice")
    uit = tmp_path / "uit"
    assert bouw(voorbeeld, "-o", uit).exit_code == 0
    vorige = {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()}
    proces = subprocess.Popen(
        [sys.executable, "-m", "generator", "bouw", str(voorbeeld), "-o", str(uit), "--pdf", "--overschrijven"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wacht_tot(lambda: _libreoffice_van(uit), 120), "LibreOffice is niet gestart"
        proces.send_signal(getattr(signal, sein))
        proces.wait(60)
    finally:
        if proces.poll() is None:
            proces.kill()
    if sein == "SIGTERM":  # bouw itself ends LibreOffice's group before it exits
        assert _libreoffice_van(uit) == []
    else:  # the watching shell does, as soon as the pipe from the killed build closes
        assert _wacht_tot(lambda: not _libreoffice_van(uit), 5), _libreoffice_van(uit)
    werkmappen = [p.name for p in uit.iterdir() if _pdf_werkmap(p.name)]
    assert werkmappen == ([] if sein == "SIGTERM" else werkmappen)
    assert {p: p.read_bytes() for p in vorige} == vorige
    assert not list(uit.rglob("*.pdf"))
    if sein == "SIGKILL":  # the next build clears what a killed one left
        assert bouw(voorbeeld, "-o", uit, "--overschrijven").exit_code == 0
        assert [p.name for p in uit.iterdir() if _pdf_werkmap(p.name)] == []


@pytest.mark.extern
@pytest.mark.parametrize(("ruimte", "lo"), [(600_000, False), (1_300_000, True)])
def test_volle_schijf_bij_pdf(voorbeeld, tmp_path, ruimte, lo):
    """With --pdf on a full disk the message was 'LibreOffice kon geen PDF maken' or the
    generic one: now it names the full disk (a real small disk: a 3 MB tmpfs), whether the
    copies for LibreOffice or LibreOffice's PDFs no longer fit."""
    import shutil
    import subprocess

    from .conftest import hulpmiddel

    hulpmiddel("soffice")
    schijf = tmp_path / "schijf"
    schijf.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(schijf)], capture_output=True).returncode:
        pytest.skip("een kleine schijf (tmpfs) aankoppelen mag hier niet (alleen als root)")
    try:
        uit = schijf / "uit"
        assert bouw(voorbeeld, "-o", uit).exit_code == 0
        vorige = {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()}
        (schijf / "vulling").write_bytes(b"x" * (shutil.disk_usage(schijf).free - ruimte))
        resultaat = bouw(voorbeeld, "-o", uit, "--pdf", "--overschrijven")
        assert resultaat.exit_code == 1
        laatste = resultaat.output.strip().splitlines()[-1]
        assert laatste == (
            f"LibreOffice kon niet alle PDF's maken: de schijf van '{uit}' is vol; maak ruimte vrij "
            "en bouw opnieuw. Er is niets veranderd."
            if lo
            else f"De PDF's konden niet worden gemaakt in '{uit}': de schijf is vol; er is niets veranderd."
        )
        assert {p: p.read_bytes() for p in vorige} == vorige
        assert not list(uit.rglob("*.pdf"))
    finally:
        subprocess.run(["umount", str(schijf)], capture_output=True)
