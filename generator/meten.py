"""Measuring text the way Word, PowerPoint and LibreOffice will lay it out.

python-docx and python-pptx have no layout engine, so the canvas and the slides measure
their text here, with Liberation Sans: metric-compatible with Arial (every glyph has the
same advance width), shipped in ``generator/lettertypen`` under the SIL Open Font License.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

_MAP = Path(__file__).resolve().parent / "lettertypen"
_REFERENTIE = 1000  # measure once, at this size in pixels, and scale: widths grow linearly with the size


@cache
def _font(vet: bool = False, cursief: bool = False):
    naam = (
        "LiberationSans-Bold.ttf" if vet else "LiberationSans-Italic.ttf" if cursief else "LiberationSans-Regular.ttf"
    )
    return ImageFont.truetype(str(_MAP / naam), size=_REFERENTIE)


@lru_cache(maxsize=65536)
def _breedte_per_punt(tekst: str, vet: bool, cursief: bool) -> float:
    return _font(vet, cursief).getlength(tekst) / _REFERENTIE


def breedte(tekst: str, grootte_pt: float, vet: bool = False, cursief: bool = False) -> float:
    """Width of one line of text in points."""
    return _breedte_per_punt(tekst, vet, cursief) * grootte_pt


def regels(tekst: str, max_breedte_pt: float, grootte_pt: float, vet: bool = False, cursief: bool = False) -> int:
    """How many lines ``tekst`` takes when wrapped at word boundaries in ``max_breedte_pt``;
    explicit line breaks count. A word wider than the line is broken, as Word does."""
    totaal = 0
    spatie = breedte(" ", grootte_pt, vet, cursief)
    for alinea in tekst.split("\n"):
        aantal, huidig = 1, 0.0
        for woord in alinea.split(" "):
            w = breedte(woord, grootte_pt, vet, cursief)
            if huidig and huidig + spatie + w > max_breedte_pt:
                aantal += 1
                huidig = 0.0
            if w > max_breedte_pt:  # a long e-mail address or link is broken over lines
                extra = int(w // max_breedte_pt)
                aantal += extra
                w -= extra * max_breedte_pt
            huidig = w if not huidig else huidig + spatie + w
        totaal += aantal
    return totaal


def hoogte(
    tekst: str,
    max_breedte_pt: float,
    grootte_pt: float,
    regelafstand: float = 1.15,
    vet: bool = False,
    cursief: bool = False,
) -> float:
    """Height in points of ``tekst`` wrapped in ``max_breedte_pt``."""
    return regels(tekst, max_breedte_pt, grootte_pt, vet, cursief) * grootte_pt * regelafstand
