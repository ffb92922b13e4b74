"""The Python API of hitteplan: one function per command, free of any printing.

The CLI (:mod:`generator.cli`) and the web page call these and only present what they
return; nothing else in ``generator`` is meant to be called from outside. Every foreseeable
problem is raised as a :class:`~generator.fouten.HitteplanFout` with one Dutch sentence (a
workbook with errors as a :class:`~generator.fouten.WerkboekFout` carrying every finding)::

    from pathlib import Path
    from generator import opdrachten

    wb, meldingen = opdrachten.controleer_werkboek(Path("werkboek.xlsx"))
    if wb is not None:  # no errors: where phase 2 stands, and the documents
        stand = opdrachten.voortgang(wb)
        resultaat = opdrachten.bouw_documenten(Path("werkboek.xlsx"), Path("uit"))

More, with examples that the tests run, in ``docs/python-api.md``. The names in ``__all__``
are the API; one build runs per process at a time (the template watchdog uses the process's
signal handler), so a server runs builds in worker processes, as ``hitteplan web`` does.

- :func:`nieuw_werkboek`: the blank workbook, or the example (``hitteplan nieuw``);
- :func:`controleer_werkboek` and :func:`voortgang`: the findings with sheet and cell, and
  which documents are ready or wait for which cells (``hitteplan controleer``);
- :func:`bouw_documenten` and :func:`bouw_alle`: the documents of one workbook, or of every
  workbook in a folder, written all at once or not at all (``hitteplan bouw``);
- :func:`controleer_mappen`: the output and template folders checked before any work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from generator.blanco import maak_blanco, schrijf_werkboek
from generator.bouw import Bouwresultaat, Regioresultaat, Uitkomst, bouw, bouw_map, regio_werkboeken
from generator.fouten import Melding, SjabloonFout, UitvoerFout, oorzaak
from generator.gereed import Document, Voortgang
from generator.gereed import voortgang as bepaal
from generator.lezer import lees
from generator.model import Werkboek
from generator.sjabloon import Sjablonen
from generator.voorbeeld import hittekaart, maak_voorbeeld

__all__ = [
    "Bouwresultaat",
    "Melding",
    "Regioresultaat",
    "Voortgang",
    "Werkboek",
    "bouw_alle",
    "bouw_documenten",
    "controleer_mappen",
    "controleer_werkboek",
    "nieuw_werkboek",
    "voortgang",
    "werkboeken",
]


def nieuw_werkboek(pad: Path, overschrijven: bool = False, voorbeeld: bool = False) -> Path:
    """Write the blank workbook (or the filled-in example) to ``pad``."""
    if pad.suffix.lower() != ".xlsx":
        raise UitvoerFout(f"'{pad.name}' moet eindigen op .xlsx, zodat Excel het als werkmap opent.")
    bijlagen: dict[Path, bytes] = {}
    if voorbeeld:
        wb = maak_voorbeeld()
        naam, beeld = hittekaart()
        kaart = pad.parent / naam
        try:
            al_daar = kaart.is_file() and kaart.stat().st_size == len(beeld) and kaart.read_bytes() == beeld
        except OSError:
            al_daar = False
        if not al_daar:  # the picture of an earlier example is the same: left as it is, not a reason to refuse
            bijlagen[kaart] = beeld
    else:
        wb = maak_blanco()
    schrijf_werkboek(wb, pad, overschrijven=overschrijven, bijlagen=bijlagen)
    return pad


def controleer_werkboek(pad: Path, vandaag: dt.date | None = None) -> tuple[Werkboek | None, list[Melding]]:
    """Read and validate; every finding, errors first. ``vandaag`` is the date the checks
    about time left are made against (default: today). Raises only for a file that is no
    workbook at all."""
    return lees(pad, vandaag or dt.date.today())


def voortgang(
    wb: Werkboek,
    sjablonen: Path | None = None,
    vandaag: dt.date | None = None,
    besloten: tuple[Document, ...] | None = None,
) -> Voortgang:
    """Where a read workbook stands in phase 2: the moment, each document made or waiting and
    for which cells, the next step and what the moment asks; see
    :func:`generator.gereed.voortgang`. ``vandaag``: as for :func:`controleer_werkboek`.
    ``besloten``: after a build, its ``resultaat.documenten`` (readiness as the build decided
    it, not worked out again)."""
    return bepaal(
        wb, Sjablonen(sjablonen).teksten("voortgang.toml"), vandaag=vandaag or dt.date.today(), besloten=besloten
    )


def controleer_mappen(uitvoer: str | Path | None, sjablonen: str | Path | None) -> tuple[Path | None, Path | None]:
    """The output folder and template folder as given, as paths; refused before any work when
    they cannot be one: an empty name (which would mean the current folder), or a file."""
    try:
        return _controleer_mappen(uitvoer, sjablonen)
    except OSError as err:  # a name too long, a link that loops: said in Dutch
        fout = UitvoerFout if uitvoer is not None and str(uitvoer) in str(err.filename) else SjabloonFout
        raise fout(f"'{err.filename}' kan niet worden gebruikt: {oorzaak(err)}.") from err


def _controleer_mappen(uitvoer, sjablonen):
    if uitvoer is not None:
        if not str(uitvoer).strip():
            raise UitvoerFout("Geef bij -o de naam van een map op, bijvoorbeeld: -o documenten")
        uitvoer = Path(uitvoer)
        if uitvoer.exists() and not uitvoer.is_dir():
            raise UitvoerFout(f"'{uitvoer}' is een bestand, geen map; kies met -o een map voor de documenten.")
    if sjablonen is not None:
        if not str(sjablonen).strip():
            raise SjabloonFout("Geef bij --sjablonen de naam van een map met sjablonen op.")
        sjablonen = Path(sjablonen)
        if sjablonen.exists() and not sjablonen.is_dir():
            raise SjabloonFout(
                f"'{sjablonen}' is een bestand, geen map; geef bij --sjablonen de map met uw sjablonen op."
            )
    return uitvoer, sjablonen


def bouw_documenten(
    werkboek: Path,
    uitvoer: Path | None = None,
    sjablonen: Path | None = None,
    pdf: bool = False,
    overschrijven: bool = False,
    vandaag: dt.date | None = None,
) -> Bouwresultaat:
    """Build every document; see :func:`generator.bouw.bouw`. ``vandaag`` (default: today)
    only names the folder of the backups that ``overschrijven`` makes."""
    return bouw(werkboek, uitvoer, sjablonen, pdf, overschrijven, vandaag=vandaag or dt.date.today())


def bouw_alle(
    map_: Path,
    uitvoer: Path | None = None,
    sjablonen: Path | None = None,
    pdf: bool = False,
    overschrijven: bool = False,
    per_werkboek: Callable[[Path, Uitkomst], None] | None = None,
    vandaag: dt.date | None = None,
) -> Regioresultaat:
    """Build every workbook in a folder, calling ``per_werkboek(workbook, result or error)`` as
    each is done; see :func:`generator.bouw.bouw_map` (``vandaag`` as in :func:`bouw_documenten`)."""
    return bouw_map(
        map_,
        uitvoer,
        sjablonen,
        pdf,
        overschrijven=overschrijven,
        per_werkboek=per_werkboek,
        vandaag=vandaag or dt.date.today(),
    )


def werkboeken(map_: Path, uitvoer: Path | None = None, sjablonen: Path | None = None) -> list[Path]:
    """The workbooks :func:`bouw_alle` builds, in its order; raises what it would refuse before
    any work (a missing template folder, output among the workbooks)."""
    return regio_werkboeken(map_, uitvoer, sjablonen)
