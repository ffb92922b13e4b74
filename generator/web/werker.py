"""One upload, checked and built in a worker process of its own.

Every upload gets a fresh process (``spawn``: nothing of the server or of an earlier upload is
inherited), in its own process group, with the CLI's limits: the reader's size limits, the
templates' time limit (:func:`generator.bewaking.binnen_de_tijd`, which interrupts the main
thread: so the build must run in the main thread of a process, never in a server thread), and
on Linux a cap on the address space (``RLIMIT_AS``). The server waits at most
:data:`MAX_SECONDEN` and then kills the whole group, LibreOffice included.

The worker calls the same library functions as the CLI (:mod:`generator.opdrachten`) and
hands back plain data: the findings, the readiness overview, the zip of what was made and a
picture of the canvas. Nothing is written outside the upload's own folder, which the server
removes right after the answer.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.fouten import Melding

MAX_SECONDEN = 300  # a whole upload: check, build, PDFs and the canvas picture
MAX_GEHEUGEN = 3 * 1024**3  # address space of a worker (Linux), LibreOffice included (it inherits the limit)
CANVAS = "canvas-fase-2"
CANVAS_BREEDTE = 1600  # pixels of the canvas picture


@dataclass(frozen=True)
class Document:
    """One document of the readiness overview: made, or waiting for ``wacht_op``."""

    naam: str
    klaar: bool
    wacht_op: str = ""


@dataclass(frozen=True)
class Stand:
    """Where the workbook stands in phase 2 (see :class:`generator.gereed.Voortgang`), with
    the dates already written out in Dutch."""

    momentnaam: str
    momentdatum: str
    documenten: tuple[Document, ...]
    volgende_stap: str
    volgende_datum: str
    advies: str = ""


@dataclass(frozen=True)
class Uitkomst:
    """What one upload gave, as plain data that crosses the process boundary.

    ``soort`` is ``gemaakt`` (documents made), ``fouten`` (the workbook has errors; nothing
    made), ``bestand`` (the file is no workbook, or a template or output problem: one
    sentence in ``tekst``), or one of the server's own outcomes: ``te_lang``, ``geheugen``,
    ``onverwacht``."""

    soort: str
    werkboek: str
    tekst: str = ""
    meldingen: tuple[Melding, ...] = ()
    stand: Stand | None = None
    gemeente: str = ""
    bestanden: tuple[str, ...] = ()
    zip: bytes | None = field(default=None, repr=False)
    zipnaam: str = ""
    canvas: bytes | None = field(default=None, repr=False)
    pdf: bool = False
    fouttype: str = ""  # for the log: the type of an unforeseen error, never its message
    seconden: float = 0.0


def _grenzen() -> None:
    """In the worker: its own process group (so that the server can stop LibreOffice with
    it), and the memory cap."""
    if os.name == "posix":
        os.setpgrp()
        from generator import pdf

        pdf.EIGEN_PROCESGROEP = False  # LibreOffice stays in this group, which the server ends as a whole
    if sys.platform.startswith("linux"):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        grens = MAX_GEHEUGEN if hard == resource.RLIM_INFINITY else min(MAX_GEHEUGEN, hard)
        resource.setrlimit(resource.RLIMIT_AS, (grens, hard))


def _stand(wb, besloten) -> Stand:
    """Where the workbook stands, with the documents as the build decided them."""
    from generator.opdrachten import voortgang
    from generator.opmaak import datum

    s = voortgang(wb, besloten=besloten)
    return Stand(
        s.momentnaam,
        datum(s.momentdatum) if s.momentdatum else "",
        tuple(Document(d.naam, d.klaar, "" if d.klaar else d.wacht_op) for d in s.documenten),
        s.volgende_stap or "",
        datum(s.volgende_datum) if s.volgende_datum else "",
        s.advies,
    )


def _canvas_png(pdf: Path, map_: Path) -> bytes | None:
    """The first page of the canvas PDF as a PNG (pdftoppm, from poppler), or None when
    pdftoppm is not installed or fails."""
    import shutil
    import subprocess

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return None
    doel = map_ / "canvas"
    try:
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                "-scale-to-x",
                str(CANVAS_BREEDTE),
                "-scale-to-y",
                "-1",
                str(pdf),
                str(doel),
            ],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    png = doel.with_suffix(".png")
    return png.read_bytes() if png.is_file() and png.stat().st_size else None


def _inpakken(resultaat, mapnaam: str) -> tuple[bytes, tuple[str, ...]]:
    """Every file the build wrote, in one zip under a folder named after the municipality."""
    uit = io.BytesIO()
    namen = []
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for pad in resultaat.bestanden:
            relatief = pad.relative_to(resultaat.map).as_posix()
            namen.append(relatief)
            # Office files and PDFs are compressed already: stored as they are, which costs no time
            zf.write(
                pad,
                f"{mapnaam}/{relatief}",
                zipfile.ZIP_STORED if pad.suffix in (".docx", ".pptx", ".pdf", ".png") else None,
            )
    return uit.getvalue(), tuple(namen)


def verwerk(map_: Path, werkboek: str, pdf: bool) -> Uitkomst:
    """Build every document of ``map_/werkboek`` that is ready into ``map_/uit`` (with PDFs
    when ``pdf``), or give its findings when it has errors: the CLI's ``bouw``, which checks
    as ``controleer`` does (the workbook is read once). Runs in the worker; every foreseeable
    problem becomes an :class:`Uitkomst`."""
    from generator.fouten import HitteplanFout, WerkboekFout
    from generator.namen import slug
    from generator.opdrachten import bouw_documenten

    begin = time.monotonic()
    try:
        resultaat = bouw_documenten(map_ / werkboek, map_ / "uit", pdf=pdf)
        wb = resultaat.model
        assert wb is not None  # a build that succeeded read the workbook
        mapnaam = slug(wb.algemeen.gemeente)
        data, namen = _inpakken(resultaat, mapnaam)
        canvas_pdf = resultaat.map / f"{CANVAS}.pdf"
        canvas = _canvas_png(canvas_pdf, map_) if canvas_pdf in resultaat.bestanden else None
        return Uitkomst(
            "gemaakt",
            werkboek,
            meldingen=tuple(resultaat.waarschuwingen),
            stand=_stand(wb, resultaat.documenten),
            gemeente=wb.algemeen.gemeente,
            bestanden=namen,
            zip=data,
            zipnaam=f"hitteplan-{mapnaam}.zip",
            canvas=canvas,
            pdf=pdf,
            seconden=time.monotonic() - begin,
        )
    except WerkboekFout as fout:
        return Uitkomst("fouten", werkboek, meldingen=tuple(fout.meldingen), seconden=time.monotonic() - begin)
    except HitteplanFout as fout:
        return Uitkomst("bestand", werkboek, tekst=str(fout), seconden=time.monotonic() - begin)
    except MemoryError:
        return Uitkomst("geheugen", werkboek, seconden=time.monotonic() - begin)
    except Exception as err:  # noqa: BLE001 (the server says it in Dutch; the log gets the type only)
        return Uitkomst("onverwacht", werkboek, fouttype=type(err).__name__, seconden=time.monotonic() - begin)


def _werker(map_: str, werkboek: str, pdf: bool, verbinding) -> None:
    """The worker process's entry: limits, then :func:`verwerk`, the answer through the pipe.
    Temporary files (LibreOffice's lu*.tmp folders too) go into the upload's own folder, so
    that removing it leaves nothing behind, however the worker ended."""
    import tempfile

    eigen_tmp = Path(map_).parent / "tmp"
    eigen_tmp.mkdir(exist_ok=True)
    for naam in ("TMPDIR", "TEMP", "TMP"):
        os.environ[naam] = str(eigen_tmp)
    tempfile.tempdir = str(eigen_tmp)
    _grenzen()
    try:
        uitkomst = verwerk(Path(map_), werkboek, pdf)
    except MemoryError:
        uitkomst = Uitkomst("geheugen", werkboek)
    except KeyboardInterrupt:  # a watchdog's interrupt that came after its own handling
        uitkomst = Uitkomst("te_lang", werkboek)
    try:
        verbinding.send(uitkomst)
    except MemoryError:
        verbinding.send(Uitkomst("geheugen", werkboek))
    verbinding.close()


_LOPEND: set = set()  # the workers under way, ended all at once when the server stops (stop_alle)


def stop_alle() -> None:
    """End every worker under way, with everything it started (the server is stopping)."""
    for proces in list(_LOPEND):
        _stop(proces)


def _sein(exitcode: int | None) -> str:
    """A worker's end by a signal, named: 'signaal 9 (SIGKILL)'."""
    if exitcode is None or exitcode >= 0:
        return ""
    try:
        naam = signal.Signals(-exitcode).name
    except ValueError:
        return f"signaal {-exitcode}"
    return f"signaal {-exitcode}, {naam}"


def _stop(proces) -> None:
    """Kill the worker and everything it started (LibreOffice, pdftoppm), then reap it."""
    if os.name == "posix" and proces.pid is not None:
        try:
            os.killpg(proces.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if proces.is_alive():
        proces.kill()
    proces.join(10)


def bouw_in_werker(map_: Path, werkboek: str, pdf: bool, seconden: float = MAX_SECONDEN) -> Uitkomst:
    """Check and build ``map_/werkboek`` in a fresh worker process (see the module's
    docstring); after ``seconden`` the worker and its children are killed."""
    import multiprocessing

    begin = time.monotonic()
    context = multiprocessing.get_context("spawn")
    ontvanger, zender = context.Pipe(duplex=False)
    proces = context.Process(
        target=_werker, args=(str(map_), werkboek, pdf, zender), daemon=True, name="hitteplan-werker"
    )
    proces.start()
    _LOPEND.add(proces)
    zender.close()
    try:
        if ontvanger.poll(seconden):
            try:
                return ontvanger.recv()
            except (EOFError, OSError):  # the worker died without an answer: stopped from outside, or crashed
                proces.join(5)
                sein = _sein(proces.exitcode)
                return Uitkomst(
                    "gestopt" if sein else "onverwacht",
                    werkboek,
                    tekst=sein,
                    fouttype=f"exitcode {proces.exitcode}",
                    seconden=time.monotonic() - begin,
                )
        return Uitkomst("te_lang", werkboek, seconden=time.monotonic() - begin)
    finally:
        ontvanger.close()
        _stop(proces)
        _LOPEND.discard(proces)
