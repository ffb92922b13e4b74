"""``hitteplan bouw``: read the workbook, render every document, write them all or none."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.fouten import Melding
from generator.uitvoer import schrijf_atomair, slug


@dataclass(frozen=True)
class Bouwresultaat:
    """What a build wrote, and the workbook's warnings."""

    map: Path
    bestanden: tuple[Path, ...]
    waarschuwingen: tuple[Melding, ...]


def documenten():
    """Every part of a build, in order: each takes (model, templates, messages) and returns
    {path relative to the output folder: bytes}."""
    from generator.brieven import maak_brieven
    from generator.canvas import NAAM as CANVAS, maak_canvas
    from generator.notitie import NAAM as NOTITIE, maak_notitie
    from generator.presentatie import NAAM as PRESENTATIE, maak_presentatie

    def enkel(naam, maak):
        return lambda wb, bron, meldingen: {naam: maak(wb, bron, meldingen)}

    return [enkel(NOTITIE, maak_notitie), enkel(PRESENTATIE, maak_presentatie), enkel(CANVAS, maak_canvas),
            maak_brieven]


def bouw(werkboek: Path, uitvoer: Path | None = None, sjablonen: Path | None = None) -> Bouwresultaat:
    """Build every document from ``werkboek`` into ``uitvoer`` (default ``uitvoer/<gemeente>``).

    Each document is rendered in memory first; only when all succeeded are they written,
    atomically, so a failed build never replaces earlier good documents.
    """
    from generator.lezer import lees_werkboek
    from generator.sjabloon import Sjablonen

    wb, waarschuwingen = lees_werkboek(werkboek)
    bron = Sjablonen(sjablonen)
    doelmap = uitvoer if uitvoer is not None else Path("uitvoer") / slug(wb.algemeen.gemeente)
    meldingen = list(waarschuwingen)
    inhoud = {doelmap / naam: data for maak in documenten() for naam, data in maak(wb, bron, meldingen).items()}
    schrijf_atomair(inhoud)
    return Bouwresultaat(doelmap, tuple(inhoud), tuple(meldingen))
