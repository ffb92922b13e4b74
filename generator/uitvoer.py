"""Writing output without ever losing anything: a transaction over every file of a build
(:class:`Transactie`) with a journal, the recovery of what a killed build left behind by that
journal (:func:`herstel`), and writing that refuses links out of the output folder. Safe
folder names are in :mod:`generator.namen`, reproducible Office files in :mod:`generator.vastezip`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
import re
import secrets
import shutil
from pathlib import Path

from generator.fouten import UitvoerFout, oorzaak

VOORVOEGSEL = ".~hitteplan-"  # every temporary file or folder a build makes beside its output
_JOURNAAL = re.compile(re.escape(VOORVOEGSEL) + r"([0-9a-f]{8})\.json")


def _melding(pad: Path, err: OSError) -> UitvoerFout:
    if isinstance(err, PermissionError):
        return UitvoerFout(
            f"'{pad}' kan niet worden geschreven: het bestand is geopend in een ander "
            "programma of de map is alleen-lezen. Sluit het bestand en probeer het opnieuw."
        )
    if isinstance(err, IsADirectoryError) or pad.is_dir():
        return UitvoerFout(f"'{pad}' kan niet worden geschreven: er staat een map met die naam.")
    return UitvoerFout(f"'{pad}' kan niet worden geschreven: {oorzaak(err)}.")


def _umask() -> int:
    huidig = os.umask(0o022)
    os.umask(huidig)
    return huidig


def sync_map(map_: Path) -> None:
    """Make a rename in ``map_`` durable (where the system allows opening a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(map_, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def schrijf_duurzaam(pad: Path, inhoud: bytes, tijdelijk: Path) -> None:
    """Write ``inhoud`` to ``pad`` so that it is complete and on disk before this returns:
    first to ``tijdelijk`` (beside it), flushed, then renamed into place and the folder
    flushed. Never a half file at ``pad``."""
    with open(tijdelijk, "wb") as fh:
        fh.write(inhoud)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tijdelijk, pad)
    sync_map(pad.parent)


def geen_snelkoppeling(map_: Path, pad: Path) -> None:
    """Refuse to write ``pad`` when it, or a folder between ``map_`` and it, is a symbolic
    link (or a Windows junction): what is written must stay inside the output folder."""
    stukken = pad.relative_to(map_).parts
    huidig = map_
    for stuk in stukken:
        huidig = huidig / stuk
        if huidig.is_symlink() or (hasattr(huidig, "is_junction") and huidig.is_junction()):
            soort = "bestand" if huidig == pad else "map"
            raise UitvoerFout(
                f"'{huidig}' is een snelkoppeling naar een {soort} buiten de uitvoermap; hitteplan schrijft "
                f"alleen in de uitvoermap zelf. Vervang de snelkoppeling door een gewone {soort} (of "
                "verwijder hem) en probeer het opnieuw; er is niets veranderd."
            )


def binnen(map_: Path, relatief: str) -> Path | None:
    """``map_ / relatief`` when ``relatief`` is a plain relative path inside ``map_`` (no
    absolute path, drive letter, backslash, '..' or empty part); None otherwise."""
    if not isinstance(relatief, str) or not relatief or "\\" in relatief or ":" in relatief or "\x00" in relatief:
        return None
    delen = relatief.split("/")
    if any(d in ("", ".", "..") for d in delen):
        return None
    return map_.joinpath(*delen)


def binnen_zonder_link(map_: Path, relatief: str) -> Path | None:
    """:func:`binnen`, and not through a link (see :func:`geen_snelkoppeling`); None otherwise:
    how a path read from a file of the folder (a journal, the manifest) is trusted."""
    pad = binnen(map_, relatief)
    if pad is None:
        return None
    try:
        geen_snelkoppeling(map_, pad)
    except UitvoerFout:
        return None
    return pad


class Transactie:
    """Writing output without ever losing anything: all files or none.

    Each file is first written to a temporary file beside its target (:meth:`voeg_toe`), so a
    large run does not hold every document in memory. :meth:`vastleggen` then checks every
    target, moves each existing file aside, puts every new file in place and only then
    removes the old ones; if anything fails on the way (a document open in Word, a folder
    where a file should be), every old file is put back and every new one removed.

    A process can be killed at any moment (a closed console, a power cut). So the transaction
    keeps a journal in its folder (``map_``), ``.~hitteplan-<token>.json``: before its first
    temporary file in a folder, that folder; before the first rename, every step of the
    commit. :func:`herstel` reads it at the next build: it puts every file moved aside back
    (never deleting one) and removes only the temporary files of that journal, in its folders.
    Picklable: a worker process can prepare a transaction that its parent commits."""

    def __init__(self, overschrijven: bool = True, map_: Path | None = None):
        self.overschrijven = overschrijven
        self.map = map_
        self.token = secrets.token_hex(4)
        self.nieuw: dict[Path, Path] = {}  # target -> its temporary file
        self._nieuwe_mappen: list[Path] = []
        self._mappen: list[Path] = []  # folders holding this transaction's temporary files (in the journal)
        self._rechten = 0o666 & ~_umask()  # mkstemp-like files are 0600; documents are ordinary files

    @property
    def _journaalmap(self) -> Path:
        """The folder of the journal, set by the first :meth:`neem_op` (before any file)."""
        if self.map is None:
            raise RuntimeError("a transaction without a folder has no journal: neem_op() comes first")
        return self.map

    @property
    def journaal(self) -> Path:
        return self._journaalmap / f"{VOORVOEGSEL}{self.token}.json"

    def tijdelijk(self, map_: Path, naam: str) -> Path:
        """The name of a temporary file (or folder) of this transaction in ``map_``, which must
        be one of its recorded folders (see :meth:`neem_op`)."""
        return map_ / f"{VOORVOEGSEL}{self.token}-{naam}"

    def _schrijf_journaal(self, fase: str, stappen: list | None = None) -> None:
        gegevens = {
            "fase": fase,
            "mappen": sorted({m.relative_to(self._journaalmap).as_posix() for m in self._mappen}),
            "stappen": stappen or [],
        }
        schrijf_duurzaam(
            self.journaal,
            json.dumps(gegevens, ensure_ascii=False).encode(),
            self._journaalmap / f"{VOORVOEGSEL}{self.token}.json.nieuw",
        )

    def neem_op(self, map_: Path) -> None:
        """Record ``map_`` in the journal before the first temporary file goes there."""
        if self.map is None:
            self.map = map_
        if map_ not in self._mappen:
            if map_ != self.map and self.map not in map_.parents:
                raise UitvoerFout(f"'{map_}' kan niet worden geschreven: het ligt buiten de uitvoermap '{self.map}'.")
            self._mappen.append(map_)
            self._schrijf_journaal("voorbereid")

    def voeg_toe(self, pad: Path, inhoud: bytes) -> Path:
        """Write ``inhoud`` for ``pad`` to a temporary file beside it; returns that file. A
        second write to one path in one build is a fault of the build itself, refused loudly."""
        if pad in self.nieuw:
            raise UitvoerFout(
                f"Twee documenten van deze bouw zouden hetzelfde bestand '{pad}' worden; er is niets "
                "geschreven. Meld dit alstublieft bij de beheerders van hitteplan."
            )
        if not self.overschrijven and pad.exists():
            raise UitvoerFout(f"'{pad}' bestaat al; kies een andere naam of gebruik --overschrijven.")
        if self.map is not None and self.map in pad.parents:
            geen_snelkoppeling(self.map, pad)
        try:
            if not pad.parent.is_dir():
                ontbrekend = [m for m in (pad.parent, *pad.parent.parents) if not m.exists()]
                pad.parent.mkdir(parents=True, exist_ok=True)
                self._nieuwe_mappen += [m for m in ontbrekend if m not in self._nieuwe_mappen]
            self.neem_op(pad.parent)
            tmp = self.tijdelijk(pad.parent, pad.name)
            with open(tmp, "xb") as fh:
                self.nieuw[pad] = tmp
                fh.write(inhoud)
            os.chmod(tmp, self._rechten)
        except OSError as err:
            raise _melding(pad.parent if not pad.parent.is_dir() else pad, err) from err
        return tmp

    def verplaats(self, van: Path, naar: Path) -> None:
        """Put a prepared file at another target in the same folder (a new name beside a file
        the trekker changed by hand)."""
        if naar in self.nieuw or naar.parent != van.parent:
            raise UitvoerFout(f"'{naar}' kan niet worden geschreven: er staat al een ander bestand klaar.")
        self.nieuw[naar] = self.nieuw.pop(van)

    def laat_vallen(self, pad: Path) -> None:
        """Leave ``pad`` as it is after all: its prepared file is removed (a sent document)."""
        tmp = self.nieuw.pop(pad)
        with contextlib.suppress(OSError):
            tmp.unlink()

    def _controleer(self) -> None:
        for pad in self.nieuw:
            if self.map is not None and self.map in pad.parents:
                geen_snelkoppeling(self.map, pad)
            if pad.is_dir():
                raise _melding(pad, IsADirectoryError(21, "map"))
            if pad.exists() and not os.access(pad, os.W_OK):
                raise _melding(pad, PermissionError(13, "alleen-lezen"))

    def vastleggen(self) -> list[Path]:
        """Put every new file in place, or none; returns the targets. Before the first rename
        the journal names every step, so that a kill at any point loses nothing."""
        opzij: dict[Path, Path] = {}
        geplaatst: list[Path] = []
        try:
            self._controleer()
            if not self.nieuw:
                self._einde()
                return []
            for pad in self.nieuw:
                if pad.exists() or pad.is_symlink():
                    opzij[pad] = self.tijdelijk(pad.parent, pad.name + ".oud")
            rel = functools.partial(_relatief, self._journaalmap)
            self._schrijf_journaal(
                "vastleggen",
                [
                    {
                        "doel": rel(pad),
                        "nieuw": rel(tmp),
                        "oud": rel(opzij[pad]) if pad in opzij else None,
                        "sha": _sha(tmp),
                    }
                    for pad, tmp in self.nieuw.items()
                ],
            )
            for pad, oud in opzij.items():
                try:
                    os.replace(pad, oud)
                except OSError as err:
                    raise _melding(pad, err) from err
            for pad, tmp in self.nieuw.items():
                try:
                    os.replace(tmp, pad)
                except OSError as err:
                    raise _melding(pad, err) from err
                geplaatst.append(pad)
            for map_ in {p.parent for p in self.nieuw}:
                sync_map(map_)
            self._schrijf_journaal("klaar")  # from here on the old files are no longer needed
        except BaseException:
            for pad in geplaatst:  # the new ones out, the old ones back
                with contextlib.suppress(OSError):
                    pad.unlink()
            for pad, oud in opzij.items():
                with contextlib.suppress(OSError):
                    os.replace(oud, pad)
            self.afbreken()
            raise
        for oud in opzij.values():
            with contextlib.suppress(OSError):  # left behind when locked: the next build removes it
                oud.unlink()
        self._nieuwe_mappen.clear()
        self._einde()
        return list(self.nieuw)

    def _einde(self) -> None:
        """The transaction is over: its journal goes (when temporary files are left, because a
        file was locked, the journal stays, so that the next build removes them)."""
        if self.map is None or not self._mappen:
            return
        over = [p for m in self._mappen if m.is_dir() for p in _eigen(m, self.token) if not p.name.endswith(".json")]
        if not over:
            with contextlib.suppress(OSError):
                self.journaal.unlink()

    def afbreken(self) -> None:
        """Remove every temporary file, and the folders this transaction made (when empty)."""
        for tmp in self.nieuw.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._einde()
        for map_ in sorted(self._nieuwe_mappen, key=lambda m: len(m.parts), reverse=True):
            with contextlib.suppress(OSError):  # not empty: someone else's files
                map_.rmdir()

    def __enter__(self):
        return self

    def __exit__(self, soort, *_):
        if soort is not None:
            self.afbreken()


def _relatief(map_: Path, pad: Path) -> str:
    return pad.relative_to(map_).as_posix()


def _sha(pad: Path) -> str:
    digest = hashlib.sha256()
    with open(pad, "rb") as fh:
        while stuk := fh.read(1 << 20):
            digest.update(stuk)
    return digest.hexdigest()


def _eigen(map_: Path, token: str) -> list[Path]:
    """The temporary files and folders of one transaction in one folder (not below it)."""
    begin = f"{VOORVOEGSEL}{token}"
    with contextlib.suppress(OSError), os.scandir(map_) as items:
        return [Path(e.path) for e in items if e.name.startswith(begin)]
    return []


def herstel(map_: Path) -> list[str]:
    """Finish what an interrupted earlier build left in ``map_``, by its journals (see
    :class:`Transactie`): a file moved aside comes back at its place (the new file there was
    that build's own and can be made again); a file is never deleted unless it is that
    build's own temporary file, in a folder that build recorded. Nothing else is touched, and
    the tree is not walked. Returns Dutch warnings about journals it could not use."""
    meldingen: list[str] = []
    namen: set[str] = set()
    if not map_.is_dir():
        return meldingen
    with contextlib.suppress(OSError), os.scandir(map_) as items:
        namen = {e.name for e in items if e.is_file(follow_symlinks=False)}
    for naam in sorted(namen):
        if naam.endswith(".json.nieuw") and _JOURNAAL.fullmatch(naam[:-6]) and naam[:-6] not in namen:
            with contextlib.suppress(OSError):  # a first journal being born: nothing was written before it
                (map_ / naam).unlink()
    journalen = [(map_ / naam, treffer[1]) for naam in sorted(namen) if (treffer := _JOURNAAL.fullmatch(naam))]
    for journaal, token in journalen:
        try:
            gegevens = json.loads(journaal.read_text(encoding="utf-8"))
            fase, mappen, stappen = gegevens["fase"], gegevens["mappen"], gegevens["stappen"]
            assert (
                fase in ("voorbereid", "vastleggen", "klaar") and isinstance(mappen, list) and isinstance(stappen, list)
            )
        except (OSError, ValueError, KeyError, TypeError, AssertionError):
            meldingen.append(
                f"'{journaal.name}' van een afgebroken bouw is onleesbaar; het blijft staan en er is "
                "niets opgeruimd van die bouw."
            )
            continue
        if fase == "vastleggen":  # killed among the renames: every old file back at its place
            for stap in reversed(stappen):
                doel = binnen_zonder_link(map_, stap.get("doel"))
                oud = binnen_zonder_link(map_, stap.get("oud")) if stap.get("oud") else None
                if doel is None or (stap.get("oud") and oud is None):
                    continue
                if oud is not None and oud.is_file():
                    with contextlib.suppress(OSError):
                        if doel.exists() and not (doel.is_file() and _sha(doel) == stap.get("sha")):
                            doel = _vrije_naam(doel)  # someone else's file there now: keep both
                        os.replace(oud, doel)
                elif oud is None and doel.is_file() and not doel.is_symlink() and _sha(doel) == stap.get("sha"):
                    with contextlib.suppress(OSError):
                        doel.unlink()  # this build's own new file, where nothing stood: made again
            sync_map(map_)
        eigen_mappen = [map_] + [m for m in (binnen_zonder_link(map_, r) for r in mappen) if m is not None]
        for m in eigen_mappen:
            if not m.is_dir() or m.is_symlink():
                continue
            for pad in _eigen(m, token):
                if pad == journaal:
                    continue
                if pad.name.endswith(".oud") and fase == "vastleggen":
                    continue  # could not be put back: never delete a moved-aside file
                with contextlib.suppress(OSError):
                    shutil.rmtree(pad) if pad.is_dir() and not pad.is_symlink() else pad.unlink()
        if not any(p != journaal for m in eigen_mappen if m.is_dir() for p in _eigen(m, token)):
            with contextlib.suppress(OSError):
                journaal.unlink()
    return meldingen


def _vrije_naam(pad: Path) -> Path:
    for n in itertools.count(1):
        kandidaat = pad.with_name(f"{pad.stem} (hersteld{'' if n == 1 else f' {n}'}){pad.suffix}")
        if not kandidaat.exists():
            return kandidaat
    raise AssertionError("unreachable")


def schrijf_atomair(bestanden, overschrijven: bool = True) -> list[Path]:
    """Write all files or none (a :class:`Transactie` at once); returns their paths.
    ``bestanden`` is a dict or an iterable of (path, bytes). Raises :class:`UitvoerFout` with a
    Dutch sentence; an error raised while producing the files leaves nothing behind either."""
    paren = bestanden.items() if isinstance(bestanden, dict) else bestanden
    with Transactie(overschrijven) as tx:
        for pad, inhoud in paren:
            tx.voeg_toe(pad, inhoud)
        return tx.vastleggen()
