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
    """What a build wrote, the workbook's warnings and notes, and the documents that wait
    for facts not yet in the workbook (see :mod:`generator.gereed`)."""

    map: Path
    bestanden: tuple[Path, ...]
    waarschuwingen: tuple[Melding, ...]
    wachtend: tuple = ()


def documenten():
    """Every part of a build, in order, by the key of its document in the contract: each
    takes (model, templates, messages, the documents that are ready) and returns or yields
    (path relative to the output folder, bytes)."""
    from generator.brieven import maak_brieven
    from generator.canvas import NAAM as CANVAS, maak_canvas
    from generator.notitie import NAAM as NOTITIE, maak_notitie
    from generator.presentatie import NAAM as PRESENTATIE, maak_presentatie

    def enkel(naam, maak):
        return lambda wb, bron, meldingen, klaar: [(naam, maak(wb, bron, meldingen))]

    return [("notitie", enkel(NOTITIE, maak_notitie)), ("presentatie", enkel(PRESENTATIE, maak_presentatie)),
            ("canvas", enkel(CANVAS, maak_canvas)), (None, maak_brieven)]


def _schrijf(wb, waarschuwingen, doelmap: Path, bron) -> Bouwresultaat:
    """Render every document of a read workbook that is ready at this moment of phase 2 and
    write them all, atomically."""
    from generator.gereed import documenten as stand

    meldingen = list(waarschuwingen)
    status = stand(wb)
    klaar = [d for d in status if d.klaar]

    def inhoud():
        for sleutel, maak in documenten():
            if sleutel is not None and not any(d.sleutel == sleutel for d in klaar):
                continue
            grootte = 0
            for naam, data in maak(wb, bron, meldingen, klaar):
                grootte += len(data)
                yield doelmap / naam, data
            if grootte > 1_000_000:  # the Office libraries leave reference cycles: free large trees now
                gc.collect()

    geschreven = schrijf_atomair(inhoud())
    verouderd = _verouderd(doelmap, geschreven)
    if verouderd:
        n = len(verouderd)
        namen = ", ".join(str(p.relative_to(doelmap)) for p in verouderd[:5]) + (f" en nog {n - 5}" if n > 5 else "")
        meldingen.append(Melding(
            f"{n} {'bestand' if n == 1 else 'bestanden'} van een eerdere bouw {'hoort' if n == 1 else 'horen'} niet "
            f"meer bij dit werkboek en {'is' if n == 1 else 'zijn'} blijven staan ({namen}); verwijder "
            f"{'het' if n == 1 else 'ze'}, zodat niemand een verouderde brief verstuurt", ernst="waarschuwing"))
    return Bouwresultaat(doelmap, tuple(geschreven), tuple(meldingen), tuple(d for d in status if not d.klaar))


def _verouderd(doelmap: Path, geschreven: list[Path]) -> list[Path]:
    """Letters, calendar files and report backs an earlier build left in the output folder
    that this build did not write: an organisation or meeting no longer in the workbook. They
    are named, never deleted (the trekker may have edited one by hand)."""
    from generator.brieven import MAP

    nu = set(geschreven)
    kandidaten = [*doelmap.glob("terugkoppeling-*")]
    if (doelmap / MAP).is_dir():
        kandidaten += (doelmap / MAP).rglob("*")
    uit = []
    for pad in kandidaten:
        if pad.suffix not in (".docx", ".ics", ".pdf") or pad.name.startswith((".~", "~$")) or pad in nu:
            continue
        if pad.suffix == ".pdf" and pad.with_suffix(".docx") in nu:  # the PDF of a letter made again
            continue
        uit.append(pad)
    return sorted(uit)


def _mapnaam(gemeente: str, werkboek: Path, gebruikt: set[str]) -> str:
    """The output folder of one workbook in a folder run: the municipality, or the file's own
    name when an earlier workbook already took that municipality."""
    naam = slug(gemeente)
    if naam in gebruikt:
        naam = slug(werkboek.stem)
    gebruikt.add(naam)
    return naam


def _lees_veilig(werkboek: Path):
    """For a worker process: the read workbook, or the project's error it raised."""
    from generator.lezer import lees_werkboek

    try:
        return lees_werkboek(werkboek)
    except HitteplanFout as fout:
        return fout


def _schrijf_veilig(wb, waarschuwingen, doelmap: Path, sjablonen: Path | None):
    """For a worker process: the build's result, or the project's error it raised."""
    from generator.sjabloon import Sjablonen

    try:
        return _schrijf(wb, waarschuwingen, doelmap, Sjablonen(sjablonen))
    except HitteplanFout as fout:
        return fout


def _met_pdf(resultaten: list[Bouwresultaat]) -> list[Bouwresultaat]:
    """All PDFs of a run in one LibreOffice call; the results then list them too."""
    from generator.pdf import maak_pdfs

    pdfs = maak_pdfs([p for r in resultaten for p in r.bestanden if p.suffix in (".docx", ".pptx")])
    uit = []
    for r in resultaten:
        eigen = tuple(p for p in pdfs if r.map in p.parents)
        uit.append(Bouwresultaat(r.map, r.bestanden + eigen, r.waarschuwingen, r.wachtend))
    return uit


def bouw(werkboek: Path, uitvoer: Path | None = None, sjablonen: Path | None = None,
         pdf: bool = False) -> Bouwresultaat:
    """Build every document from ``werkboek`` into ``uitvoer`` (default ``uitvoer/<gemeente>``).

    Each document is rendered in memory first; only when all succeeded are they written,
    atomically, so a failed build never replaces earlier good documents."""
    from generator.lezer import lees_werkboek
    from generator.sjabloon import Sjablonen

    bron = Sjablonen(sjablonen)
    wb, waarschuwingen = lees_werkboek(werkboek)
    doelmap = uitvoer if uitvoer is not None else Path("uitvoer") / slug(wb.algemeen.gemeente)
    resultaat = _schrijf(wb, waarschuwingen, doelmap, bron)
    return _met_pdf([resultaat])[0] if pdf else resultaat


def werkboeken_in(map_: Path) -> list[Path]:
    """The workbooks in a folder, by name; Excel's own lock files (~$…) are not workbooks."""
    return sorted(p for p in map_.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm") and not p.name.startswith("~$"))


def bouw_map(map_: Path, uitvoer: Path | None = None, sjablonen: Path | None = None,
             pdf: bool = False, werkers: int | None = None) -> Iterator[tuple[Path, Bouwresultaat | HitteplanFout]]:
    """Build every workbook in ``map_``, each into its own folder under ``uitvoer``, carrying
    on past a bad one. Yields (workbook, result or the error it raised) in the folder's order.

    Workbooks are read and built in parallel, one process per processor core (``werkers``);
    output folders are assigned in the folder's order first, so the result does not depend
    on which process finishes first. After the last workbook the region overview
    (:data:`generator.overzicht.NAAM`) is written at the top of ``uitvoer``. With ``pdf``,
    all PDFs of the run are made in one LibreOffice call after the last workbook."""
    import os
    from concurrent.futures import ProcessPoolExecutor

    from generator.overzicht import NAAM, maak_overzicht, regel
    from generator.sjabloon import Sjablonen

    teksten = Sjablonen(sjablonen).teksten("voortgang.toml")  # a missing template folder is an error before any work
    werkboeken = werkboeken_in(map_)
    basis = uitvoer if uitvoer is not None else Path("uitvoer")
    werkers = max(1, min(werkers or os.cpu_count() or 1, len(werkboeken)))
    gebruikt: set[str] = set()
    gelukt: list[Bouwresultaat] = []
    regels: list[dict] = []

    def klaar(werkboek, lezing, resultaat):
        wb = None if isinstance(lezing, HitteplanFout) else lezing[0]
        regels.append(regel(werkboek, wb, resultaat, teksten, basis))
        if isinstance(resultaat, Bouwresultaat):
            gelukt.append(resultaat)
        return werkboek, resultaat

    if werkers == 1:
        for werkboek in werkboeken:
            lezing = _lees_veilig(werkboek)
            if isinstance(lezing, HitteplanFout):
                yield klaar(werkboek, lezing, lezing)
                continue
            wb, waarschuwingen = lezing
            resultaat = _schrijf_veilig(wb, waarschuwingen, basis / _mapnaam(wb.algemeen.gemeente, werkboek, gebruikt),
                                        sjablonen)
            yield klaar(werkboek, lezing, resultaat)
    else:
        with ProcessPoolExecutor(max_workers=werkers) as pool:
            lezingen = list(pool.map(_lees_veilig, werkboeken))
            taken = []
            for werkboek, lezing in zip(werkboeken, lezingen):
                if isinstance(lezing, HitteplanFout):
                    taken.append(lezing)
                    continue
                wb, waarschuwingen = lezing
                doelmap = basis / _mapnaam(wb.algemeen.gemeente, werkboek, gebruikt)
                taken.append(pool.submit(_schrijf_veilig, wb, waarschuwingen, doelmap, sjablonen))
            for werkboek, lezing, taak in zip(werkboeken, lezingen, taken):
                resultaat = taak if isinstance(taak, HitteplanFout) else taak.result()
                yield klaar(werkboek, lezing, resultaat)
    if werkboeken:
        schrijf_atomair({basis / NAAM: maak_overzicht(regels, teksten)})
    if pdf and gelukt:
        _met_pdf(gelukt)
