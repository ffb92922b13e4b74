"""The limits of what hitteplan reads, in one place: a workbook, a picture beside it and a
Word or PowerPoint template. Every message about a limit is built from these values, so a
change here changes what the trekker is told too. A test passes its own
(``lees(pad, grenzen=Grenzen(cellen=50))``) instead of changing a module's constant.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Grenzen:
    bestand: int = 50 * MB  # bytes of a workbook or a template file
    uitgepakt: int = 200 * MB  # bytes of all its parts, unpacked
    verhouding: int = 100  # how many times smaller a part (above 1 MB) may be packed
    bladen: int = 250  # sheets in a workbook (the contract has 14)
    rijen: int = 20_000  # rows per sheet; a heat plan's workbook has a few hundred
    kolommen: int = 200  # columns read per sheet (the contract has at most 16); later columns are not read
    cellen: int = 100_000  # filled cells per sheet
    delen: int = 2000  # parts in a template package; Word's and PowerPoint's have a few dozen
    afbeelding: int = 20 * MB  # bytes of a logo or heat map
    document: int = 200 * MB  # bytes one finished document may hold, unpacked (a template's loop gone wild)
    beeldzijde: int = 5000  # pixels of a picture's side: at most beeldzijde × beeldzijde pixels in all


STANDAARD = Grenzen()


def omvang(aantal: int) -> str:
    """A number of bytes as a trekker reads it: '50 MB', '20 kB', '100 bytes'."""
    if aantal >= MB:
        return f"{aantal / MB:.0f} MB"
    if aantal >= 1024:
        return f"{aantal / 1024:.0f} kB"
    return f"{aantal} bytes"
