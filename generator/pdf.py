"""PDFs beside the documents, through LibreOffice headless: one soffice call for a whole run,
with a private profile folder so that two runs, or a LibreOffice the user has open, do not
collide; tagged PDF (PDF/UA) for accessibility. soffice exits 0 even when it fails, so every
PDF is checked to exist."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
import threading
import zipfile
from pathlib import Path

from generator.fouten import UitvoerFout, oorzaak

FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)
_PLEKKEN = [
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
]


# The private profile: Dutch number formats, and nothing fetched from outside a document (a
# linked picture, a remote template, an INCLUDEPICTURE field, a DDE link: the templates are
# refused for them before, see generator.pakket; this is the second line), no macros.
_INSTELLINGEN = (  # (path, property, value) in LibreOffice's registry
    ("/org.openoffice.Setup/L10N", "ooSetupSystemLocale", "nl-NL"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableActiveContent", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),
    ("/org.openoffice.Office.Impress/Content/Update", "Link", "2"),
)
_NEDERLANDS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    + "".join(
        f'<item oor:path="{pad}"><prop oor:name="{naam}" oor:op="fuse"><value>{waarde}</value></prop></item>\n'
        for pad, naam, waarde in _INSTELLINGEN
    )
    + "</oor:items>\n"
)


# LibreOffice in a process group of its own, ended as a whole with the build (see _start).
# A web worker sets this False: the server ends the worker's group, LibreOffice included.
EIGEN_PROCESGROEP = True
# On POSIX a small shell keeps watch on a pipe from this process: when it closes (the build
# ended in any way, also by kill -9), the shell ends the whole group, LibreOffice's own
# children included. LibreOffice itself reads nothing.
_WACHTER = 'exec 3<&0 </dev/null; (read _ <&3; kill -KILL 0) & "$@"'
MIN_VRIJ = 64 * 1024 * 1024  # free bytes below which a missing PDF is put down to a full disk


def vind_soffice() -> str | None:
    """The LibreOffice program, on PATH or in its usual place on Windows, macOS and Linux."""
    gevonden = shutil.which("soffice") or shutil.which("libreoffice")
    return gevonden or next((p for p in _PLEKKEN if Path(p).is_file()), None)


def _start(opdracht: list[str]) -> subprocess.Popen:
    if os.name == "posix" and EIGEN_PROCESGROEP:
        return subprocess.Popen(
            ["/bin/sh", "-c", _WACHTER, "sh", *opdracht],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    return subprocess.Popen(opdracht, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(proces: subprocess.Popen) -> None:
    """End LibreOffice: its whole process group (POSIX) or the process, and reap it."""
    if os.name == "posix" and EIGEN_PROCESGROEP:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proces.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        proces.kill()
    if proces.stdin is not None:
        proces.stdin.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proces.wait(10)


@contextlib.contextmanager
def _stoppen_bij_signaal():
    """While LibreOffice works: SIGTERM and SIGHUP (a ``kill``, a closed terminal) end the build
    as Ctrl+C does, so that LibreOffice is stopped and the working folder removed."""
    if threading.current_thread() is not threading.main_thread() or os.name != "posix":
        yield
        return

    def onderbreek(*_):
        raise KeyboardInterrupt

    vorige = {s: signal.signal(s, onderbreek) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in vorige.items():
            signal.signal(s, handler)


def _schijf_vol(map_: Path) -> bool:
    try:
        return shutil.disk_usage(map_).free < MIN_VRIJ
    except OSError:
        return False


def _datum_van(document: Path) -> bytes:
    """The creation date a generated document carries (from the workbook), as 14 digits."""
    try:
        with zipfile.ZipFile(document) as zf:
            kern = zf.read("docProps/core.xml")
    except (KeyError, OSError, zipfile.BadZipFile):
        kern = b""
    m = re.search(rb"<dcterms:created[^>]*>(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)", kern)
    return b"".join(m.groups()) if m else b"20000101000000"


def herhaalbaar(pdf: bytes, datum: bytes) -> bytes:
    """A PDF of LibreOffice made the same on every run: its creation dates (the document
    information and the XMP metadata) set to ``datum`` (14 digits, from the workbook), and
    its /ID and /DocChecksum made from the content instead of the clock. Every replacement
    has the length of what it replaces, so the cross-reference table stays right."""
    jaar, rest = datum[:4], datum[4:]
    xmp = b"%s-%s-%sT%s:%s:%s" % (jaar, rest[0:2], rest[2:4], rest[4:6], rest[6:8], rest[8:10])
    pdf = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", lambda m: m.group(1) + datum, pdf)
    pdf = re.sub(
        rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d",
        lambda m: m.group(1) + xmp,
        pdf,
    )
    kenmerk = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)|(/DocChecksum\s*/)([0-9A-Fa-f]+)")
    inhoud = hashlib.md5(kenmerk.sub(b"", pdf), usedforsecurity=False).hexdigest().upper().encode()

    def vervang(m: re.Match) -> bytes:
        if m.group(1):
            return m.group(1) + inhoud[: len(m.group(2))] + m.group(3) + inhoud[: len(m.group(4))] + m.group(5)
        return m.group(6) + inhoud[: len(m.group(7))]

    return kenmerk.sub(vervang, pdf)


def maak_pdfs(documenten: list[Path], werkmap: Path, tijdslimiet: int = 900) -> list[Path | None]:
    """A PDF of each document, made in ``werkmap`` (a folder of the caller's, removed by it;
    LibreOffice's profile goes there too); per document the PDF's path, or None when
    LibreOffice made none. Raises :class:`UitvoerFout` when LibreOffice is missing, cannot
    start or takes too long."""
    if not documenten:
        return []
    soffice = vind_soffice()
    if soffice is None:
        raise UitvoerFout(
            "Voor --pdf is LibreOffice nodig, maar het is niet gevonden. Installeer het (gratis, "
            "libreoffice.org) of laat --pdf weg; er is niets veranderd."
        )
    bron, doel = werkmap / "in", werkmap / "uit"
    kopieen = []
    try:
        bron.mkdir(parents=True)
        doel.mkdir()
        # LibreOffice formats numbers in its own locale: Dutch, as PowerPoint in Dutch shows them (1.120, 33,5%)
        (werkmap / "profiel" / "user").mkdir(parents=True)
        (werkmap / "profiel" / "user" / "registrymodifications.xcu").write_text(_NEDERLANDS, encoding="utf-8")
        for i, pad in enumerate(documenten):  # unique names: letters in different folders share names
            kopie = bron / f"{i:05d}{Path(pad.name).suffix}"
            shutil.copyfile(pad, kopie)
            kopieen.append(kopie)
    except OSError as err:
        raise UitvoerFout(
            f"De PDF's konden niet worden gemaakt in '{werkmap.parent}': {oorzaak(err)}; er is niets veranderd."
        ) from err
    opdracht = [
        soffice,
        f"-env:UserInstallation={(werkmap / 'profiel').resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        FILTER,
        "--outdir",
        str(doel),
        *map(str, kopieen),
    ]
    with _stoppen_bij_signaal():
        try:
            proces = _start(opdracht)
        except OSError as err:
            raise UitvoerFout(f"LibreOffice kon niet worden gestart ({oorzaak(err)}); er is niets veranderd.") from err
        try:
            proces.wait(tijdslimiet)
        except subprocess.TimeoutExpired as err:
            raise UitvoerFout(
                f"LibreOffice deed er langer dan {tijdslimiet // 60} minuten over; er zijn geen PDF's "
                "gemaakt en er is niets veranderd."
            ) from err
        finally:
            _stop(proces)  # also when the build is stopped: nothing of LibreOffice stays behind
    uit: list[Path | None] = []
    for i, document in enumerate(documenten):
        pdf = doel / f"{i:05d}.pdf"
        if pdf.is_file() and pdf.stat().st_size > 0 and pdf.read_bytes()[-1024:].rstrip().endswith(b"%%EOF"):
            try:
                pdf.write_bytes(herhaalbaar(pdf.read_bytes(), _datum_van(document)))
            except OSError as err:
                raise UitvoerFout(
                    f"De PDF's konden niet worden gemaakt in '{werkmap.parent}': {oorzaak(err)}; er is niets veranderd."
                ) from err
            uit.append(pdf)
        else:
            uit.append(None)
    if None in uit and _schijf_vol(doel):
        raise UitvoerFout(
            f"LibreOffice kon niet alle PDF's maken: de schijf van '{werkmap.parent}' is vol; maak "
            "ruimte vrij en bouw opnieuw. Er is niets veranderd."
        )
    return uit
