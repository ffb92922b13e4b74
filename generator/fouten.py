"""Every error the project raises, under one base class.

The CLI catches :class:`HitteplanFout` once, prints its message in Dutch and exits 1, so a
new subclass can never leak a traceback.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import StrEnum


class HitteplanFout(Exception):
    """Base class: a foreseeable problem with the input, a template or the output folder."""


class Ernst(StrEnum):
    """How serious a :class:`Melding` is. A string enum: ``Ernst.fout == "fout"``."""

    fout = "fout"  # the workbook cannot be built until it is solved
    waarschuwing = "waarschuwing"  # allowed, worth a look (the canvas's advice)
    info = "info"  # what a build did not make, and why
    bellen = "bellen"  # whom to call before an invitation goes out


@dataclass(frozen=True)
class Melding:
    """One finding about the workbook: an error or a warning; a build adds notes on what it did
    not make and on whom to call first (see :class:`Ernst`).

    ``blad`` and ``cel`` locate it when there is a place to point at; ``tekst`` is the
    plain Dutch sentence about what is wrong and what was expected.
    """

    tekst: str
    blad: str | None = None
    cel: str | None = None
    ernst: Ernst = Ernst.fout

    def __str__(self) -> str:
        if self.blad and self.cel:
            return f"Blad '{self.blad}', cel {self.cel}: {self.tekst}"
        if self.blad:
            return f"Blad '{self.blad}': {self.tekst}"
        return self.tekst


class BestandFout(HitteplanFout):
    """Raised when the input file cannot be read as a workbook at all (wrong type, corrupt,
    protected, too large)."""


class WerkboekFout(HitteplanFout):
    """Raised when the workbook was read but holds errors; carries every finding at once."""

    def __init__(self, meldingen: list[Melding]):
        self.meldingen = list(meldingen)
        fouten = [m for m in self.meldingen if m.ernst == Ernst.fout]
        super().__init__("\n".join(str(m) for m in fouten))

    def __reduce__(self):  # so that a worker process can hand it back
        return (WerkboekFout, (self.meldingen,))

    @property
    def fouten(self) -> list[Melding]:
        return [m for m in self.meldingen if m.ernst == Ernst.fout]


class SjabloonFout(HitteplanFout):
    """Raised when a template is missing or broken; names the template and the paragraph."""


class UitvoerFout(HitteplanFout):
    """Raised when output cannot be written (folder not writable, file open elsewhere, or a
    file that already exists and may not be overwritten)."""


def oorzaak(err: OSError) -> str:
    """Why a file or folder could not be used, in Dutch (never the system's English)."""
    teksten = {
        errno.ENOENT: "het bestaat niet",
        errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
        errno.EISDIR: "er staat een map met die naam",
        errno.EEXIST: "er staat al iets met die naam",
        errno.ENAMETOOLONG: "de naam is te lang",
        errno.ELOOP: "een snelkoppeling verwijst (via andere) naar zichzelf",
        errno.ENOSPC: "de schijf is vol",
        errno.EROFS: "de schijf is alleen-lezen",
        errno.EACCES: "er is geen toestemming voor",
        errno.EPERM: "er is geen toestemming voor",
        errno.EBUSY: "het is in gebruik bij een ander programma",
        errno.EXDEV: "het ligt op een andere schijf",
    }
    if getattr(errno, "EDQUOT", None) is not None:
        teksten[errno.EDQUOT] = "de toegestane schijfruimte is op"
    if err.errno is None:
        return "onbekende oorzaak"
    return teksten.get(err.errno, f"systeemfout {err.errno}")
