"""PDFs beside the documents, through LibreOffice headless: one soffice call for a whole run,
with a private profile folder so that two runs, or a LibreOffice the user has open, do not
collide; tagged PDF (PDF/UA) for accessibility. soffice exits 0 even when it fails, so every
PDF is checked to exist."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.fouten import UitvoerFout

FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"PDFUACompliance":{"type":"boolean","value":"true"}}')
_PLEKKEN = [r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
            "/Applications/LibreOffice.app/Contents/MacOS/soffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"]


def vind_soffice() -> str | None:
    """The LibreOffice program, on PATH or in its usual place on Windows, macOS and Linux."""
    gevonden = shutil.which("soffice") or shutil.which("libreoffice")
    return gevonden or next((p for p in _PLEKKEN if Path(p).is_file()), None)


def maak_pdfs(documenten: list[Path], tijdslimiet: int = 900) -> list[Path]:
    """A PDF beside each document; returns their paths. Raises :class:`UitvoerFout` when
    LibreOffice is missing or a PDF was not made."""
    if not documenten:
        return []
    soffice = vind_soffice()
    if soffice is None:
        raise UitvoerFout("Voor --pdf is LibreOffice nodig, maar het is niet gevonden. Installeer het (gratis, "
                          "libreoffice.org) of laat --pdf weg; de Word- en PowerPoint-bestanden zijn wel gemaakt.")
    with tempfile.TemporaryDirectory(prefix="hitteplan-pdf-") as tmp:
        bron, doel = Path(tmp, "in"), Path(tmp, "uit")
        bron.mkdir()
        doel.mkdir()
        kopieen = []
        for i, pad in enumerate(documenten):  # unique names: letters in different folders share names
            kopie = bron / f"{i:05d}{pad.suffix}"
            shutil.copyfile(pad, kopie)
            kopieen.append(kopie)
        opdracht = [soffice, f"-env:UserInstallation={Path(tmp, 'profiel').as_uri()}", "--headless", "--norestore",
                    "--nolockcheck", "--convert-to", FILTER, "--outdir", str(doel), *map(str, kopieen)]
        try:
            subprocess.run(opdracht, capture_output=True, timeout=tijdslimiet, check=False)
        except subprocess.TimeoutExpired as err:
            raise UitvoerFout(f"LibreOffice deed er langer dan {tijdslimiet // 60} minuten over; er zijn geen "
                              "PDF's gemaakt.") from err
        except OSError as err:
            raise UitvoerFout(f"LibreOffice kon niet worden gestart ({err.strerror or err}).") from err
        ontbrekend = [pad.name for i, pad in enumerate(documenten) if not (doel / f"{i:05d}.pdf").is_file()]
        if ontbrekend:
            raise UitvoerFout(f"LibreOffice kon geen PDF maken van {', '.join(ontbrekend[:5])}"
                              f"{' en nog ' + str(len(ontbrekend) - 5) if len(ontbrekend) > 5 else ''}.")
        uit = []
        for i, pad in enumerate(documenten):
            pdf = pad.with_suffix(".pdf")
            try:
                shutil.move(str(doel / f"{i:05d}.pdf"), str(pdf))
            except OSError as err:
                raise UitvoerFout(f"'{pdf}' kan niet worden geschreven: is het nog geopend in een ander programma?") \
                    from err
            os.chmod(pdf, 0o644)
            uit.append(pdf)
    return uit
