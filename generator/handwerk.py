"""Handwerk blijft: a rebuild never destroys what the trekker changed by hand.

Every build leaves a small manifest in its output folder (:data:`MANIFEST`): each file it
wrote and its sha256. Builds are byte-identical, so a file whose bytes differ from the
manifest was changed by hand. Before a build puts its files in place:

* a file the manifest knows, unchanged, is replaced as always;
* a file changed by hand (or one the manifest does not know, or any file when the manifest is
  missing or unreadable: when in doubt, nothing is lost) stays exactly where and as it is; the
  build's version goes beside it as ``naam (nieuw).docx``, its PDF too;
* with ``overschrijven`` the build's version replaces it after all, and the hand-edited file
  is first copied to a dated backup folder (``reservekopie JJJJ-MM-DD/``), never deleted.

A file in the folder that the build does not write is never touched. The manifest is written
in the same transaction as the documents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.uitvoer import Transactie

MANIFEST = ".hitteplan.json"
RESERVE = "reservekopie {datum:%Y-%m-%d}"


@dataclass(frozen=True)
class Aangepast:
    """A file the trekker changed by hand: kept, with this build's version at ``nieuw``; or,
    with ``overschrijven``, replaced after a copy went to ``reservekopie``."""

    origineel: Path
    nieuw: Path
    reservekopie: Path | None = None


def sha(pad: Path) -> str:
    digest = hashlib.sha256()
    with open(pad, "rb") as fh:
        while stuk := fh.read(1 << 20):
            digest.update(stuk)
    return digest.hexdigest()


def lees_manifest(map_: Path) -> dict[str, str] | None:
    """The files an earlier build wrote in ``map_`` (relative path -> sha256), or None when
    there is no manifest or it cannot be read (then every existing file counts as the
    trekker's)."""
    try:
        gegevens = json.loads((map_ / MANIFEST).read_text(encoding="utf-8"))
        bestanden = gegevens["bestanden"]
        if isinstance(bestanden, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in bestanden.items()):
            return bestanden
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _naast(pad: Path, vrij) -> Path:
    """A free name beside ``pad`` that says it is the new version: 'naam (nieuw).docx'
    ('naam (nieuw 2).docx' when that one is taken)."""
    for n in range(1, 1000):
        kandidaat = pad.with_name(f"{pad.stem} (nieuw{'' if n == 1 else f' {n}'}){pad.suffix}")
        if vrij(kandidaat):
            return kandidaat
    raise AssertionError("unreachable")


def bewaar_handwerk(tx: Transactie, map_: Path, werkboek: str, overschrijven: bool = False,
                    vandaag: dt.date | None = None) -> tuple[list[Aangepast], list[Path]]:
    """Make the prepared transaction ``tx`` for ``map_`` keep every hand edit, and add this
    build's manifest to it. Returns the hand-edited files (and where their new versions go)
    and the files an earlier build wrote that this one does not (named, never deleted)."""
    oud = lees_manifest(map_)
    vandaag = vandaag or dt.date.today()
    doelen = {pad: tmp for pad, tmp in tx.nieuw.items() if map_ in pad.parents}
    aangepast: list[Aangepast] = []

    def van_ons(pad: Path) -> bool:
        """An earlier build's own file, unchanged."""
        return oud is not None and oud.get(pad.relative_to(map_).as_posix()) == sha(pad)

    def vrij(pad: Path) -> bool:
        return pad not in tx.nieuw and (not pad.exists() or (pad.is_file() and van_ons(pad)))

    for pad in sorted(doelen):
        if not pad.is_file():
            continue  # nothing there yet, or a folder (the transaction says so)
        if van_ons(pad) or sha(doelen[pad]) == sha(pad):
            continue  # the earlier build's own file, unchanged (or the same bytes anyway)
        if overschrijven:
            reserve = map_ / RESERVE.format(datum=vandaag) / pad.relative_to(map_)
            if reserve in tx.nieuw or reserve.exists():
                reserve = _naast(reserve, lambda p: p not in tx.nieuw and not p.exists())
            tx.voeg_toe(reserve, pad.read_bytes())
            aangepast.append(Aangepast(pad, pad, reserve))
        else:
            nieuw = _naast(pad, vrij)
            tx.verplaats(pad, nieuw)
            aangepast.append(Aangepast(pad, nieuw))
    if not overschrijven:  # a PDF goes with its document
        for a in list(aangepast):
            pdf, nieuw_pdf = a.origineel.with_suffix(".pdf"), a.nieuw.with_suffix(".pdf")
            if a.origineel.suffix != ".pdf" and pdf in tx.nieuw and vrij(nieuw_pdf) \
                    and all(x.origineel != pdf for x in aangepast):
                tx.verplaats(pdf, nieuw_pdf)
    geschreven = {pad.relative_to(map_).as_posix(): sha(tmp) for pad, tmp in tx.nieuw.items() if map_ in pad.parents}
    verouderd = sorted(map_ / rel for rel in (oud or {}) if rel not in geschreven and (map_ / rel).is_file())
    # what earlier builds wrote and still stands is remembered, so that it stays named
    bewaard = {p.relative_to(map_).as_posix(): oud[p.relative_to(map_).as_posix()] for p in verouderd}
    inhoud = {"hitteplan": __version__, "werkboek": werkboek, "bestanden": {**bewaard, **geschreven}}
    tx.voeg_toe(map_ / MANIFEST, (json.dumps(inhoud, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    return aangepast, verouderd
