"""PDFs beside the documents, through LibreOffice headless: one soffice call for a whole run,
with a private profile folder so that two runs, or a LibreOffice the user has open, do not
collide; tagged PDF (PDF/UA) for accessibility. soffice exits 0 even when it fails, so every
PDF is checked to exist."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.fouten import UitvoerFout, oorzaak

FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"PDFUACompliance":{"type":"boolean","value":"true"}}')
_PLEKKEN = [r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
            "/Applications/LibreOffice.app/Contents/MacOS/soffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"]


# The private profile: Dutch number formats, and nothing fetched from outside a document (a
# linked picture, a remote template, an INCLUDEPICTURE field, a DDE link: the templates are
# refused for them before, see generator.pakket; this is the second line), no macros.
_NEDERLANDS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>nl-NL</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableActiveContent" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Impress/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
</oor:items>
"""


def vind_soffice() -> str | None:
    """The LibreOffice program, on PATH or in its usual place on Windows, macOS and Linux."""
    gevonden = shutil.which("soffice") or shutil.which("libreoffice")
    return gevonden or next((p for p in _PLEKKEN if Path(p).is_file()), None)


def maak_pdfs(documenten: list[Path], werkmap: Path, tijdslimiet: int = 900) -> list[Path | None]:
    """A PDF of each document, made in ``werkmap`` (a folder of the caller's, removed by it;
    LibreOffice's profile goes there too); per document the PDF's path, or None when
    LibreOffice made none. Raises :class:`UitvoerFout` when LibreOffice is missing, cannot
    start or takes too long."""
    if not documenten:
        return []
    soffice = vind_soffice()
    if soffice is None:
        raise UitvoerFout("Voor --pdf is LibreOffice nodig, maar het is niet gevonden. Installeer het (gratis, "
                          "libreoffice.org) of laat --pdf weg; er is niets veranderd.")
    bron, doel = werkmap / "in", werkmap / "uit"
    bron.mkdir(parents=True)
    doel.mkdir()
    # LibreOffice formats numbers in its own locale: Dutch, as PowerPoint in Dutch shows them (1.120, 33,5%)
    (werkmap / "profiel" / "user").mkdir(parents=True)
    (werkmap / "profiel" / "user" / "registrymodifications.xcu").write_text(_NEDERLANDS, encoding="utf-8")
    kopieen = []
    for i, pad in enumerate(documenten):  # unique names: letters in different folders share names
        kopie = bron / f"{i:05d}{Path(pad.name).suffix}"
        shutil.copyfile(pad, kopie)
        kopieen.append(kopie)
    opdracht = [soffice, f"-env:UserInstallation={(werkmap / 'profiel').resolve().as_uri()}", "--headless",
                "--norestore", "--nolockcheck", "--convert-to", FILTER, "--outdir", str(doel), *map(str, kopieen)]
    try:
        subprocess.run(opdracht, capture_output=True, timeout=tijdslimiet, check=False)
    except subprocess.TimeoutExpired as err:
        raise UitvoerFout(f"LibreOffice deed er langer dan {tijdslimiet // 60} minuten over; er zijn geen PDF's "
                          "gemaakt en er is niets veranderd.") from err
    except OSError as err:
        raise UitvoerFout(f"LibreOffice kon niet worden gestart ({oorzaak(err)}); er is niets veranderd.") from err
    return [pdf if (pdf := doel / f"{i:05d}.pdf").is_file() and pdf.stat().st_size > 0 else None
            for i in range(len(documenten))]
