"""``hitteplan bouw``: read the workbook, render every document that is ready, write them all
or none; or do that for every workbook in a folder.

A build has two steps. Preparing renders each document and writes it to a temporary file
beside its target (a :class:`~generator.uitvoer.Transactie`); with ``--pdf`` LibreOffice then
converts those temporary files, and the PDFs join the same transaction. Committing puts all
of it in place at once, or nothing: new documents never stand beside old PDFs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator import archief, brieven, canvas, contactlijst, notitie, presentatie
from generator.fouten import Ernst, HitteplanFout, Melding, UitvoerFout
from generator.gereed import Document
from generator.gereed import documenten as stand
from generator.handwerk import MANIFEST, bewaar_handwerk
from generator.lezer import lees_werkboek
from generator.model import Werkboek
from generator.namen import slug
from generator.overzicht import NAAM, Koppen, maak_overzicht, regel
from generator.pdf import maak_pdfs
from generator.sjabloon import Sjablonen, Teksten
from generator.uitvoer import Transactie, herstel


@dataclass(frozen=True)
class Bouwresultaat:
    """What a build wrote, the workbook's warnings and notes, and the documents that wait
    for facts not yet in the workbook (see :mod:`generator.gereed`)."""

    map: Path
    bestanden: tuple[Path, ...]
    waarschuwingen: tuple[Melding, ...]
    # every document of this moment, made or waiting, as the build decided (gereed.documenten);
    # handed on to gereed.voortgang, so that what the trekker is told is what was built
    documenten: tuple[Document, ...] = ()
    aangepast: tuple = ()  # files changed by hand, kept (see generator.handwerk)
    model: Werkboek | None = None  # the workbook as read (for the readiness overview: gereed.voortgang)
    verstuurd: tuple = ()  # documents of a past moment, left as they were (see generator.archief)

    @property
    def wachtend(self) -> tuple[Document, ...]:
        """The documents that wait for facts not yet in the workbook."""
        return tuple(d for d in self.documenten if not d.klaar)


@dataclass
class _Voorbereid:
    """A prepared build: every document written to a temporary file, not yet in place."""

    map: Path
    transactie: Transactie
    werkboek: str = ""
    meldingen: list[Melding] = field(default_factory=list)
    documenten: tuple[Document, ...] = ()
    model: Werkboek | None = None


Bestanden = Iterable[tuple[str, bytes]]  # (path relative to the output folder, bytes), made as it is walked


@dataclass(frozen=True)
class Onderdeel:
    """One part of a build: ``maak(model, templates, the documents that are ready)`` returns
    its files and its notes (:class:`~generator.fouten.Melding`). ``sleutel`` is its document's
    key in the contract (made only when that document is ready), or None for a part that
    decides for itself (the letters). A module-level function, so that a worker process can
    be handed it."""

    sleutel: str | None
    maak: Callable[[Werkboek, Sjablonen, list], tuple[Bestanden, list[Melding]]]


def _notitie(wb, bron, klaar):
    return [(notitie.NAAM, notitie.maak_notitie(wb, bron))], []


def _presentatie(wb, bron, klaar):
    return [(presentatie.NAAM, presentatie.maak_presentatie(wb, bron))], []


def _canvas(wb, bron, klaar):
    data, meldingen = canvas.maak_canvas(wb, bron)
    return [(canvas.NAAM, data)], meldingen


def _contactlijst(wb, bron, klaar):
    data, meldingen = contactlijst.maak_contactlijst(wb, bron)
    return [(contactlijst.NAAM, data)], meldingen


def _brieven(wb, bron, klaar):
    return brieven.maak_brieven(wb, bron, klaar), brieven.meldingen(wb, klaar)


# Every part of a build, in order. bouw() and bouw_map() take another list (a test passes one
# with a part that fails; an API user one with a document of their own).
ONDERDELEN: tuple[Onderdeel, ...] = (
    Onderdeel("notitie", _notitie),
    Onderdeel("presentatie", _presentatie),
    Onderdeel("canvas", _canvas),
    Onderdeel("contactlijst", _contactlijst),
    Onderdeel(None, _brieven),
)


def _voorbereiden(
    wb, waarschuwingen, doelmap: Path, bron, werkboek: str = "", onderdelen: Sequence[Onderdeel] = ONDERDELEN
) -> _Voorbereid:
    """Render every document of a read workbook that is ready at this moment of phase 2 into
    temporary files beside their targets. What an interrupted earlier build left in the
    output folder is finished first, by its journal (:func:`generator.uitvoer.herstel`)."""
    meldingen = list(waarschuwingen) + [Melding(m, ernst=Ernst.waarschuwing) for m in herstel(doelmap)]
    status = stand(wb)
    klaar = [d for d in status if d.klaar]
    tx = Transactie(map_=doelmap)
    try:
        for onderdeel in onderdelen:
            if onderdeel.sleutel is not None and not any(d.sleutel == onderdeel.sleutel for d in klaar):
                continue
            bestanden, notities = onderdeel.maak(wb, bron, klaar)
            for naam, data in bestanden:
                tx.voeg_toe(doelmap / naam, data)
            meldingen += notities
    except BaseException:
        tx.afbreken()
        raise
    return _Voorbereid(doelmap, tx, werkboek, meldingen, status, wb)


def _met_pdfs(voorbereid: list[_Voorbereid]) -> dict[int, UitvoerFout]:
    """PDFs of every prepared document of a run, in one LibreOffice call; each PDF joins the
    transaction of its workbook. Returns, by index, the error of each build that did not get
    all its PDFs (LibreOffice missing or failing for the whole run raises)."""
    documenten = [
        (i, doel, tmp)
        for i, v in enumerate(voorbereid)
        for doel, tmp in v.transactie.nieuw.items()
        if doel.suffix in (".docx", ".pptx")
    ]
    if not documenten:
        return {}
    eerste = voorbereid[
        documenten[0][0]
    ].transactie  # its journal names the folder: removed below, or by the next build
    werkmap = eerste.tijdelijk(documenten[0][2].parent, "pdf")
    try:
        pdfs = maak_pdfs([tmp for _, _, tmp in documenten], werkmap)
        ontbrekend: dict[int, list[str]] = {}
        for (i, doel, _), pdf in zip(documenten, pdfs, strict=True):
            if pdf is None:
                ontbrekend.setdefault(i, []).append(doel.name)
            else:
                voorbereid[i].transactie.voeg_toe(doel.with_suffix(".pdf"), pdf.read_bytes())
    finally:
        shutil.rmtree(werkmap, ignore_errors=True)
    return {
        i: UitvoerFout(
            f"LibreOffice kon geen PDF maken van {', '.join(namen[:5])}"
            f"{' en nog ' + str(len(namen) - 5) if len(namen) > 5 else ''}; er is niets veranderd."
        )
        for i, namen in ontbrekend.items()
    }


def _vastleggen(v: _Voorbereid, overschrijven: bool, vandaag: dt.date) -> Bouwresultaat:
    """Put a prepared build in place, all at once, keeping every file the trekker changed by
    hand and every document of a past moment (:mod:`generator.handwerk`, :mod:`generator.archief`);
    name what an earlier build wrote for something no longer in the workbook."""
    wb = v.model
    herkomst = (lambda rel: archief.herkomst(wb, rel)) if wb is not None else None
    voorbij = (lambda moment: archief.voorbij(wb, moment)) if wb is not None else None
    handwerk = bewaar_handwerk(
        v.transactie, v.map, v.werkboek, overschrijven, vandaag=vandaag, herkomst=herkomst, voorbij=voorbij
    )
    aangepast, verouderd = handwerk.aangepast, handwerk.verouderd
    geschreven = v.transactie.vastleggen()
    meldingen = list(v.meldingen) + [Melding(m, ernst=Ernst.waarschuwing) for m in handwerk.meldingen]
    if verouderd:
        n = len(verouderd)
        namen = ", ".join(str(p.relative_to(v.map)) for p in verouderd[:5]) + (f" en nog {n - 5}" if n > 5 else "")
        meldingen.append(
            Melding(
                f"{n} {'bestand' if n == 1 else 'bestanden'} van een eerdere bouw "
                f"{'hoort' if n == 1 else 'horen'} niet meer bij dit werkboek en {'is' if n == 1 else 'zijn'} "
                f"blijven staan ({namen}); verwijder {'het' if n == 1 else 'ze'}, zodat niemand een verouderde "
                "brief verstuurt",
                ernst=Ernst.waarschuwing,
            )
        )
    return Bouwresultaat(
        v.map,
        tuple(p for p in geschreven if p.name != MANIFEST),
        tuple(meldingen),
        v.documenten,
        tuple(aangepast),
        v.model,
        tuple(handwerk.verstuurd),
    )


def _mapnaam(gemeente: str, werkboek: Path, gebruikt: set[str], basis: Path | None = None) -> str:
    """The output folder of one workbook in a folder run: the municipality; the file's own
    name when an earlier workbook already took that; with a number when that too is taken.
    Every workbook gets a folder of its own, and never the folder of the workbooks (a
    gemeente named like it)."""
    stam = slug(werkboek.stem)
    for naam in itertools.chain((slug(gemeente), stam), (f"{stam}-{n}" for n in itertools.count(2))):
        if basis is not None and _zelfde_map(basis / naam, werkboek.parent):
            continue
        if naam not in gebruikt:
            gebruikt.add(naam)
            return naam
    raise AssertionError("unreachable")


def _zelfde_map(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _onverwacht(err: BaseException) -> HitteplanFout:
    return HitteplanFout(
        f"er ging iets onverwachts mis met dit werkboek ({type(err).__name__}); maak het alleen, "
        "met --debug, om te zien wat"
    )


def _lees_veilig(werkboek: Path):
    """For a worker process: the read workbook, or the error it raised (an unforeseen one too:
    one workbook must never hide the summary of a folder run)."""
    try:
        return lees_werkboek(werkboek)
    except HitteplanFout as fout:
        return fout
    except Exception as err:
        return _onverwacht(err)


def _voorbereiden_veilig(
    wb, waarschuwingen, doelmap: Path, sjablonen: Path | None, werkboek: str, onderdelen: Sequence[Onderdeel]
):
    """For a worker process: the prepared build, or the error it raised."""
    try:
        return _voorbereiden(wb, waarschuwingen, doelmap, Sjablonen(sjablonen), werkboek, onderdelen)
    except HitteplanFout as fout:
        return fout
    except Exception as err:
        return _onverwacht(err)


def _vastleggen_veilig(v: _Voorbereid, overschrijven: bool, vandaag: dt.date) -> Bouwresultaat | HitteplanFout:
    try:
        return _vastleggen(v, overschrijven, vandaag)
    except HitteplanFout as fout:
        return fout
    except Exception as err:
        return _onverwacht(err)


def bouw(
    werkboek: Path,
    uitvoer: Path | None = None,
    sjablonen: Path | None = None,
    pdf: bool = False,
    overschrijven: bool = False,
    *,
    vandaag: dt.date,
    onderdelen: Sequence[Onderdeel] = ONDERDELEN,
) -> Bouwresultaat:
    """Build every document that is ready from ``werkboek`` into ``uitvoer`` (default
    ``uitvoer/<gemeente>``), with ``pdf`` a PDF beside each. All of it is put in place at
    once, or nothing: a failed build never replaces earlier good documents. A document the
    trekker changed by hand stays; the new version goes beside it, or with ``overschrijven``
    replaces it after a backup in a folder named after ``vandaag``. The documents themselves
    take their dates from the workbook, never from the clock. ``onderdelen`` are the parts
    of the build (:data:`ONDERDELEN`)."""
    bron = Sjablonen(sjablonen)
    wb, waarschuwingen = lees_werkboek(werkboek)
    doelmap = uitvoer if uitvoer is not None else Path("uitvoer") / slug(wb.algemeen.gemeente)
    v = _voorbereiden(wb, waarschuwingen, doelmap, bron, werkboek.name, onderdelen)
    try:
        if pdf:
            fout = _met_pdfs([v]).get(0)
            if fout is not None:
                raise fout
        return _vastleggen(v, overschrijven, vandaag)
    except BaseException:
        v.transactie.afbreken()
        raise


def werkboeken_in(map_: Path) -> list[Path]:
    """The workbooks in a folder, by name; Excel's own lock files (~$…) are not workbooks."""
    return sorted(p for p in map_.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm") and not p.name.startswith("~$"))


Uitkomst = Bouwresultaat | HitteplanFout  # of one workbook of a folder build


def regio_werkboeken(map_: Path, uitvoer: Path | None = None, sjablonen: Path | None = None) -> list[Path]:
    """The workbooks :func:`bouw_map` builds, in its order; raises what it would refuse before
    any work (see :func:`_regioplan`), so that a caller can say so before a progress bar."""
    return _regioplan(map_, uitvoer, sjablonen)[0]


def _regioplan(map_: Path, uitvoer: Path | None, sjablonen: Path | None) -> tuple[list[Path], Path, Teksten, Koppen]:
    """Refused before any work: a missing template folder, a broken heading of the overview,
    output among the workbooks. The workbooks, the output folder and the overview's texts."""
    teksten = Sjablonen(sjablonen).teksten("voortgang.toml")
    koppen = Koppen(teksten)
    basis = uitvoer if uitvoer is not None else Path("uitvoer")
    if basis.resolve() == map_.resolve():
        raise UitvoerFout(
            f"Kies met -o een andere map dan de map met werkboeken ('{map_}'): anders komen de documenten "
            "en het overzicht tussen de werkboeken te staan."
        )
    return werkboeken_in(map_), basis, teksten, koppen


@dataclass(frozen=True)
class Regioresultaat:
    """What a folder build did: per workbook, in the folder's order, its result or the error it
    raised; and where the region overview went (beside a hand-edited one: see
    :mod:`generator.handwerk`)."""

    resultaten: tuple[tuple[Path, Uitkomst], ...]
    overzicht: Path


def bouw_map(
    map_: Path,
    uitvoer: Path | None = None,
    sjablonen: Path | None = None,
    pdf: bool = False,
    werkers: int | None = None,
    overschrijven: bool = False,
    per_werkboek: Callable[[Path, Uitkomst], None] | None = None,
    *,
    vandaag: dt.date,
    onderdelen: Sequence[Onderdeel] = ONDERDELEN,
) -> Regioresultaat:
    """Build every workbook in ``map_``, each into its own folder under ``uitvoer``, carrying
    on past a bad one; ``per_werkboek(workbook, result or error)`` is called as each one is
    done, in the folder's order (for a progress bar).

    Workbooks are read and prepared in parallel, one process per processor core
    (``werkers``); output folders are assigned in the folder's order first, so the result
    does not depend on which process finishes first. Each workbook's documents are put in
    place at once, or not at all. With ``pdf``, all PDFs of the run are made in one
    LibreOffice call after the last workbook is prepared, and each workbook's documents and
    PDFs are put in place together. After the last workbook the region overview
    (:data:`generator.overzicht.NAAM`) is written at the top of ``uitvoer``."""
    werkboeken, basis, teksten, koppen = _regioplan(map_, uitvoer, sjablonen)
    werkers = max(1, min(werkers or os.cpu_count() or 1, len(werkboeken)))
    resultaten: list[tuple[Path, Uitkomst]] = []
    regels: list[dict] = []

    def afgerond(werkboek: Path, lezing, voorbereid: _Voorbereid | HitteplanFout, fout: HitteplanFout | None) -> None:
        """Commit one workbook (unless it failed) and note its row in the overview."""
        resultaat: Uitkomst
        if isinstance(voorbereid, HitteplanFout):
            resultaat = voorbereid
        elif fout is not None:
            voorbereid.transactie.afbreken()
            resultaat = fout
        else:
            resultaat = _vastleggen_veilig(voorbereid, overschrijven, vandaag)
            if isinstance(resultaat, HitteplanFout):
                voorbereid.transactie.afbreken()
        wb = None if isinstance(lezing, HitteplanFout) else lezing[0]
        regels.append(regel(werkboek, wb, resultaat, teksten, koppen, basis))
        resultaten.append((werkboek, resultaat))
        if per_werkboek is not None:
            per_werkboek(werkboek, resultaat)

    with ProcessPoolExecutor(max_workers=werkers) if werkers > 1 else contextlib.nullcontext() as pool:
        lezingen = list(pool.map(_lees_veilig, werkboeken)) if pool else [_lees_veilig(w) for w in werkboeken]
        gebruikt: set[str] = set()
        doelen = {  # output folders in the folder's order, before any work
            i: basis / _mapnaam(lezing[0].algemeen.gemeente, werkboeken[i], gebruikt, basis)
            for i, lezing in enumerate(lezingen)
            if not isinstance(lezing, HitteplanFout)
        }

        def taak(i: int) -> Callable[[], _Voorbereid | HitteplanFout]:
            """How workbook ``i`` is prepared: its read error, a call in this process, or the
            result of a worker process (started here, so that all run at once)."""
            lezing = lezingen[i]
            if isinstance(lezing, HitteplanFout):
                return functools.partial(_zelf, lezing)
            argumenten = (*lezing, doelen[i], sjablonen, werkboeken[i].name, onderdelen)
            if pool is None:
                return functools.partial(_voorbereiden_veilig, *argumenten)
            return functools.partial(_uitkomst, pool.submit(_voorbereiden_veilig, *argumenten))

        taken = [taak(i) for i in range(len(werkboeken))]
        if not pdf:
            for werkboek, lezing, voorbereiden in zip(werkboeken, lezingen, taken, strict=True):
                afgerond(werkboek, lezing, voorbereiden(), None)
        else:
            alle = [voorbereiden() for voorbereiden in taken]
            klaar = [(i, v) for i, v in enumerate(alle) if isinstance(v, _Voorbereid)]
            pdf_fouten: dict[int, HitteplanFout]
            try:
                pdf_fouten = {klaar[j][0]: f for j, f in _met_pdfs([v for _, v in klaar]).items()}
            except HitteplanFout as fout:  # LibreOffice missing or failing for the whole run
                pdf_fouten = {i: fout for i, _ in klaar}
            for i, (werkboek, lezing, voorbereid) in enumerate(zip(werkboeken, lezingen, alle, strict=True)):
                afgerond(werkboek, lezing, voorbereid, pdf_fouten.get(i))
    overzicht = basis / NAAM
    if werkboeken:
        herstel(basis)
        with Transactie(map_=basis) as tx:
            tx.voeg_toe(basis / NAAM, maak_overzicht(regels, koppen))
            aangepast, _ = bewaar_handwerk(tx, basis, map_.name, overschrijven, vandaag=vandaag)
            tx.vastleggen()
        if aangepast and not overschrijven:
            overzicht = aangepast[0].nieuw
    return Regioresultaat(tuple(resultaten), overzicht)


def _zelf(fout: HitteplanFout) -> HitteplanFout:
    return fout


def _uitkomst(toekomst: Future) -> _Voorbereid | HitteplanFout:
    try:
        return toekomst.result()
    except Exception as err:  # a worker that died: this workbook fails, the run goes on
        return _onverwacht(err)
