"""``hitteplan bouw``: read the workbook, render every document, write them all or none; or
do that for every workbook in a folder."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.fouten import HitteplanFout, Melding
from generator.uitvoer import schrijf_atomair, slug


@dataclass(frozen=True)
class Bouwresultaat:
    """What a build wrote, and the workbook's warnings and notes."""

    map: Path
    bestanden: tuple[Path, ...]
    waarschuwingen: tuple[Melding, ...]


def documenten():
    """Every part of a build, in order: each takes (model, templates, messages) and returns
    or yields (path relative to the output folder, bytes)."""
    from generator.brieven import maak_brieven
    from generator.canvas import NAAM as CANVAS, maak_canvas
    from generator.notitie import NAAM as NOTITIE, maak_notitie
    from generator.presentatie import NAAM as PRESENTATIE, maak_presentatie

    def enkel(naam, maak):
        return lambda wb, bron, meldingen: [(naam, maak(wb, bron, meldingen))]

    return [enkel(NOTITIE, maak_notitie), enkel(PRESENTATIE, maak_presentatie), enkel(CANVAS, maak_canvas),
            maak_brieven]


def _bouw(werkboek: Path, doelmap: Path | None, bron, standaardbasis: Path, gebruikt: set[str] | None = None):
    """Read, render in memory, then write atomically. ``doelmap`` None: ``<basis>/<gemeente>``."""
    from generator.lezer import lees_werkboek

    wb, waarschuwingen = lees_werkboek(werkboek)
    if doelmap is None:
        naam = slug(wb.algemeen.gemeente)
        if gebruikt is not None:
            if naam in gebruikt:  # two workbooks for one municipality: keep both
                naam = slug(werkboek.stem)
            gebruikt.add(naam)
        doelmap = standaardbasis / naam
    meldingen = list(waarschuwingen)

    def inhoud():
        for maak in documenten():
            for naam, data in maak(wb, bron, meldingen):
                yield doelmap / naam, data
            gc.collect()  # the Office libraries leave reference cycles; free each document's trees now

    geschreven = schrijf_atomair(inhoud())
    return Bouwresultaat(doelmap, tuple(geschreven), tuple(meldingen))


def _met_pdf(resultaten: list[Bouwresultaat]) -> list[Bouwresultaat]:
    """All PDFs of a run in one LibreOffice call; the results then list them too."""
    from generator.pdf import maak_pdfs

    pdfs = maak_pdfs([p for r in resultaten for p in r.bestanden if p.suffix in (".docx", ".pptx")])
    uit = []
    for r in resultaten:
        eigen = tuple(p for p in pdfs if r.map in p.parents)
        uit.append(Bouwresultaat(r.map, r.bestanden + eigen, r.waarschuwingen))
    return uit


def bouw(werkboek: Path, uitvoer: Path | None = None, sjablonen: Path | None = None,
         pdf: bool = False) -> Bouwresultaat:
    """Build every document from ``werkboek`` into ``uitvoer`` (default ``uitvoer/<gemeente>``).

    Each document is rendered in memory first; only when all succeeded are they written,
    atomically, so a failed build never replaces earlier good documents."""
    from generator.sjabloon import Sjablonen

    resultaat = _bouw(werkboek, uitvoer, Sjablonen(sjablonen), Path("uitvoer"))
    return _met_pdf([resultaat])[0] if pdf else resultaat


def werkboeken_in(map_: Path) -> list[Path]:
    """The workbooks in a folder, by name; Excel's own lock files (~$…) are not workbooks."""
    return sorted(p for p in map_.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm") and not p.name.startswith("~$"))


def bouw_map(map_: Path, uitvoer: Path | None = None, sjablonen: Path | None = None,
             pdf: bool = False) -> Iterator[tuple[Path, Bouwresultaat | HitteplanFout]]:
    """Build every workbook in ``map_``, each into its own folder under ``uitvoer``, carrying
    on past a bad one. Yields (workbook, result or the error it raised) as it goes; with
    ``pdf``, all PDFs of the run are made in one LibreOffice call after the last workbook."""
    from generator.sjabloon import Sjablonen

    bron = Sjablonen(sjablonen)
    basis = uitvoer if uitvoer is not None else Path("uitvoer")
    gebruikt: set[str] = set()
    gelukt: list[Bouwresultaat] = []
    for werkboek in werkboeken_in(map_):
        try:
            resultaat = _bouw(werkboek, None, bron, basis, gebruikt)
            gelukt.append(resultaat)
        except HitteplanFout as fout:
            resultaat = fout
        yield werkboek, resultaat
    if pdf and gelukt:
        _met_pdf(gelukt)
