"""Handwerk blijft, and what was sent stays as it was: a rebuild never destroys what the
trekker changed by hand, nor a document of a moment that has passed.

Every build leaves a small manifest in its output folder (:data:`MANIFEST`): each file it
wrote and its sha256, and for each document its moment and source (see
:mod:`generator.archief`). Builds are byte-identical, so a file whose bytes differ from the
manifest was changed by hand. Before a build puts its files in place:

* a document whose moment has passed (a report back, the invitations and deck of a meeting
  that was held) stays exactly as it is, edited or not; when the facts it was made from
  changed (a typo in the outcomes), the build's version goes beside it as ``naam (nieuw).docx``;
* a file the manifest knows, unchanged, is replaced as always;
* a file changed by hand (or one the manifest does not know, or any file when the manifest is
  missing or unreadable: when in doubt, nothing is lost) stays exactly where and as it is; the
  build's version goes beside it as ``naam (nieuw).docx``, its PDF too;
* with ``overschrijven`` the build's version replaces it after all, and the old file is first
  copied to a dated backup folder (``reservekopie JJJJ-MM-DD/``), completely and durably,
  before the transaction moves anything; a second backup of one file on one day gets a name
  of its own. Backups are never recorded as the build's output.

A file in the folder that the build does not write is never touched. The manifest is written
in the same transaction as the documents. An entry of the manifest that is not a plain path
inside the folder (absolute, with ``..``, malformed) is ignored, with a warning.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.fouten import UitvoerFout
from generator.uitvoer import Transactie, binnen_zonder_link, geen_snelkoppeling, schrijf_duurzaam, sync_map

MANIFEST = ".hitteplan.json"
RESERVE = "reservekopie {datum:%Y-%m-%d}"
_SHA = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Aangepast:
    """A file kept as it is, with this build's version at ``nieuw``; or, with
    ``overschrijven``, replaced after a copy went to ``reservekopie``. ``verstuurd``: a
    document of a past moment whose facts changed (not a hand edit)."""

    origineel: Path
    nieuw: Path
    reservekopie: Path | None = None
    verstuurd: bool = False


@dataclass
class Manifest:
    """What an earlier build recorded: per file its sha256, per document its moment and source."""

    bestanden: dict[str, str] = field(default_factory=dict)
    herkomst: dict[str, dict] = field(default_factory=dict)
    meldingen: list[str] = field(default_factory=list)


@dataclass
class Handwerk:
    """What :func:`bewaar_handwerk` decided for one build."""

    aangepast: list[Aangepast]
    verouderd: list[Path]  # an earlier build's own files for something no longer in the workbook
    verstuurd: list[Path]  # documents of a past moment, left as they were
    meldingen: list[str]  # about the manifest

    def __iter__(self):  # (aangepast, verouderd), as before
        return iter((self.aangepast, self.verouderd))


def sha(pad: Path) -> str:
    digest = hashlib.sha256()
    with open(pad, "rb") as fh:
        while stuk := fh.read(1 << 20):
            digest.update(stuk)
    return digest.hexdigest()


def lees_manifest(map_: Path) -> Manifest | None:
    """What an earlier build wrote in ``map_``, or None when there is no manifest or it cannot
    be read (then every existing file counts as the trekker's). An entry that does not name a
    file inside ``map_`` (absolute, ``..``, through a link, malformed) is left out with a
    Dutch warning, one by one."""
    pad = map_ / MANIFEST
    if pad.is_symlink():
        return None  # not read through a link; writing it is refused (generator.uitvoer.geen_snelkoppeling)
    try:
        gegevens = json.loads(pad.read_text(encoding="utf-8"))
        bestanden = gegevens["bestanden"]
        if not isinstance(bestanden, dict):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    uit = Manifest()
    for rel, waarde in bestanden.items():
        if binnen_zonder_link(map_, rel) is None or rel == MANIFEST:
            uit.meldingen.append(
                f"{MANIFEST} noemt '{rel}', dat geen bestand in deze uitvoermap is; die regel is overgeslagen."
            )
        elif not isinstance(waarde, str) or not _SHA.fullmatch(waarde):
            uit.meldingen.append(f"{MANIFEST} heeft voor '{rel}' geen geldige vingerafdruk; die regel is overgeslagen.")
        else:
            uit.bestanden[rel] = waarde
    herkomst = gegevens.get("herkomst") if isinstance(gegevens, dict) else None
    for rel, h in herkomst.items() if isinstance(herkomst, dict) else ():
        if (
            rel in uit.bestanden
            and isinstance(h, dict)
            and isinstance(h.get("moment"), dict)
            and (h.get("bron") is None or isinstance(h.get("bron"), str))
        ):
            uit.herkomst[rel] = h
    return uit


def _naast(pad: Path, vrij, woord: str = "nieuw") -> Path:
    """A free name beside ``pad`` that says it is the new version: 'naam (nieuw).docx'
    ('naam (nieuw 2).docx' when that one is taken)."""
    for n in range(1, 1000):
        kandidaat = pad.with_name(f"{pad.stem} ({woord}{'' if n == 1 else f' {n}'}){pad.suffix}")
        if vrij(kandidaat):
            return kandidaat
    raise AssertionError("unreachable")


def _reservekopie(tx: Transactie, map_: Path, pad: Path, vandaag: dt.date) -> Path:
    """Copy ``pad`` to the day's backup folder, complete and on disk before this returns; an
    identical copy already there is used as it is, another one keeps its name (then
    'naam (2).docx')."""
    doel = map_ / RESERVE.format(datum=vandaag) / pad.relative_to(map_)
    geen_snelkoppeling(map_, doel)
    inhoud = pad.read_bytes()
    kandidaat, n = doel, 1
    while kandidaat.exists() or kandidaat.is_symlink():
        if kandidaat.is_file() and not kandidaat.is_symlink() and kandidaat.read_bytes() == inhoud:
            return kandidaat
        n += 1
        kandidaat = doel.with_name(f"{doel.stem} ({n}){doel.suffix}")
    try:
        nieuw = [m for m in (kandidaat.parent, *kandidaat.parent.parents) if not m.exists()]
        kandidaat.parent.mkdir(parents=True, exist_ok=True)
        tx.neem_op(kandidaat.parent)
        schrijf_duurzaam(kandidaat, inhoud, tx.tijdelijk(kandidaat.parent, kandidaat.name))
        for m in nieuw:
            sync_map(m.parent)
    except OSError as err:
        raise UitvoerFout(
            f"De reservekopie '{kandidaat}' kan niet worden geschreven ({err.strerror or err}); er is niets vervangen."
        ) from err
    return kandidaat


def bewaar_handwerk(
    tx: Transactie,
    map_: Path,
    werkboek: str,
    overschrijven: bool = False,
    *,
    vandaag: dt.date,
    herkomst=None,
    voorbij=None,
) -> Handwerk:
    """Make the prepared transaction ``tx`` for ``map_`` keep every hand edit and every
    document of a past moment, and add this build's manifest to it. ``herkomst(relative path)``
    gives the moment and source of a document (:func:`generator.archief.herkomst`),
    ``voorbij(moment)`` whether a moment has passed; ``vandaag`` names the folder of today's
    backups (the caller reads the clock). Returns what was kept and why, and the
    files an earlier build wrote for something no longer in the workbook (named, never
    deleted)."""
    oud = lees_manifest(map_)
    herkomst = herkomst or (lambda rel: None)
    voorbij = voorbij or (lambda moment: False)
    doelen = {pad: tmp for pad, tmp in tx.nieuw.items() if map_ in pad.parents}
    aangepast: list[Aangepast] = []
    verstuurd: list[Path] = []
    bekend = oud.bestanden if oud is not None else {}

    def rel(pad: Path) -> str:
        return pad.relative_to(map_).as_posix()

    def oude_herkomst(r: str) -> dict | None:
        """The recorded moment of an earlier build's file (derived now for a manifest of an
        earlier version, which recorded none; its source then counts as unchanged)."""
        if oud is not None and r in oud.herkomst:
            return oud.herkomst[r]
        h = herkomst(r) if r in bekend else None
        return {"moment": h["moment"], "bron": None} if h else None

    def van_ons(pad: Path) -> bool:
        """An earlier build's own file, unchanged."""
        return bekend.get(rel(pad)) == sha(pad)

    def vrij(pad: Path) -> bool:
        return pad not in tx.nieuw and (not pad.exists() or (pad.is_file() and van_ons(pad)))

    nieuwe_herkomst: dict[str, dict] = {}
    bewaard: dict[str, str] = {}  # entries of the earlier manifest that stay (sent documents)
    for pad in sorted(doelen):
        r = rel(pad)
        h = herkomst(r)
        if h is not None:
            nieuwe_herkomst[r] = h
        if not pad.is_file():
            continue  # nothing there yet, or a folder (the transaction says so)
        eerder = oude_herkomst(r)
        if eerder is not None and voorbij(eerder["moment"]):
            if h is None or eerder.get("bron") is None or eerder["bron"] == h["bron"]:
                tx.laat_vallen(pad)  # history: stays as it was sent
                nieuwe_herkomst.pop(r, None)
                verstuurd.append(pad)
                continue
            if overschrijven:
                aangepast.append(Aangepast(pad, pad, _reservekopie(tx, map_, pad, vandaag), verstuurd=True))
            else:
                nieuw = _naast(pad, vrij)
                tx.verplaats(pad, nieuw)
                nieuwe_herkomst[rel(nieuw)] = nieuwe_herkomst.pop(r)
                aangepast.append(Aangepast(pad, nieuw, verstuurd=True))
            continue
        if van_ons(pad) or sha(doelen[pad]) == sha(pad):
            continue  # the earlier build's own file, unchanged (or the same bytes anyway)
        if overschrijven:
            aangepast.append(Aangepast(pad, pad, _reservekopie(tx, map_, pad, vandaag)))
        else:
            nieuw = _naast(pad, vrij)
            tx.verplaats(pad, nieuw)
            if r in nieuwe_herkomst:
                nieuwe_herkomst[rel(nieuw)] = nieuwe_herkomst.pop(r)
            aangepast.append(Aangepast(pad, nieuw))
    for pad in list(verstuurd):  # a PDF goes with its sent document: none is made of it now
        pdf = pad.with_suffix(".pdf")
        if pad.suffix != ".pdf" and pdf in tx.nieuw and not pdf.exists():
            tx.laat_vallen(pdf)
            nieuwe_herkomst.pop(rel(pdf), None)
    if not overschrijven:  # a PDF goes with its document
        for a in list(aangepast):
            pdf, nieuw_pdf = a.origineel.with_suffix(".pdf"), a.nieuw.with_suffix(".pdf")
            if (
                a.origineel.suffix != ".pdf"
                and pdf in tx.nieuw
                and vrij(nieuw_pdf)
                and all(x.origineel != pdf for x in aangepast)
            ):
                tx.verplaats(pdf, nieuw_pdf)
                if rel(pdf) in nieuwe_herkomst:
                    nieuwe_herkomst[rel(nieuw_pdf)] = nieuwe_herkomst.pop(rel(pdf))
    geschreven = {rel(pad): sha(tmp) for pad, tmp in tx.nieuw.items() if map_ in pad.parents}
    herkomst_uit = {r: h for r, h in nieuwe_herkomst.items() if r in geschreven}
    verouderd: list[Path] = []
    for r, waarde in sorted(bekend.items()):
        bestaand = binnen_zonder_link(map_, r)
        if r in geschreven or r == MANIFEST or bestaand is None or not bestaand.is_file():
            continue
        eerder = oude_herkomst(r)
        if eerder is not None and voorbij(eerder["moment"]):
            bewaard[r] = waarde  # a sent document the build no longer makes: history, recorded as it was
            herkomst_uit[r] = eerder
            if bestaand not in verstuurd:
                verstuurd.append(bestaand)
        elif sha(bestaand) == waarde and not _is_naast(r):
            bewaard[r] = waarde  # remembered, so that it stays named until it is gone
            if oud is not None and r in oud.herkomst:
                herkomst_uit[r] = oud.herkomst[r]
            verouderd.append(bestaand)
        # changed by hand, or a version made beside one: the trekker's now, not named
    inhoud = {
        "hitteplan": __version__,
        "werkboek": werkboek,
        "bestanden": {**bewaard, **geschreven},
        "herkomst": herkomst_uit,
    }
    tx.voeg_toe(map_ / MANIFEST, (json.dumps(inhoud, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    return Handwerk(aangepast, verouderd, sorted(verstuurd), oud.meldingen if oud is not None else [])


def _is_naast(relatief: str) -> bool:
    """A version a build wrote beside a kept file ('naam (nieuw).docx', 'naam (nieuw 2).pdf')."""
    return re.search(r" \(nieuw(?: \d+)?\)\.[^./]+$", relatief) is not None
