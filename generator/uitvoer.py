"""Writing output without ever losing anything: a transaction over every file of a build
(:class:`Transactie`), the removal of what an interrupted build left behind, safe folder
names, and reproducible zips.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import shutil
import unicodedata
import zipfile
from pathlib import Path

from generator.fouten import UitvoerFout, oorzaak

_WINDOWS_GERESERVEERD = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def slug(naam: str) -> str:
    """A folder name safe on Windows and Linux: 's-Hertogenbosch -> s-hertogenbosch,
    Súdwest-Fryslân -> sudwest-fryslan; never empty, never a path."""
    tekst = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode("ascii").lower()
    tekst = re.sub(r"[^a-z0-9]+", "-", tekst).strip("-.")
    if not tekst or tekst in _WINDOWS_GERESERVEERD:
        tekst = f"gemeente-{tekst}".strip("-") if tekst else "gemeente"
    return tekst[:60]


VOORVOEGSEL = ".~hitteplan-"  # every temporary file or folder a build makes beside its output


def _melding(pad: Path, err: OSError) -> UitvoerFout:
    if isinstance(err, PermissionError):
        return UitvoerFout(f"'{pad}' kan niet worden geschreven: het bestand is geopend in een ander "
                           "programma of de map is alleen-lezen. Sluit het bestand en probeer het opnieuw.")
    if isinstance(err, IsADirectoryError) or pad.is_dir():
        return UitvoerFout(f"'{pad}' kan niet worden geschreven: er staat een map met die naam.")
    return UitvoerFout(f"'{pad}' kan niet worden geschreven: {oorzaak(err)}.")


def _umask() -> int:
    huidig = os.umask(0o022)
    os.umask(huidig)
    return huidig


def _tijdelijk(map_: Path, naam: str) -> Path:
    """A free name for a temporary file beside ``naam`` in ``map_`` (recognised by its prefix)."""
    return map_ / f"{VOORVOEGSEL}{secrets.token_hex(4)}-{naam}"


def opruimen(map_: Path) -> list[Path]:
    """Remove what an interrupted earlier build left in ``map_`` and its folders: files and
    folders whose names start with :data:`VOORVOEGSEL` (and the ``.~…tmp`` files of earlier
    versions). Anything else, a lock file of Word or LibreOffice included, is left alone."""
    weg = []
    if not map_.is_dir():
        return weg
    for pad in sorted(map_.rglob(".~*"), key=lambda p: len(p.parts), reverse=True):
        if pad.name.startswith(VOORVOEGSEL) or (pad.name.endswith(".tmp") and pad.is_file()):
            with contextlib.suppress(OSError):
                shutil.rmtree(pad) if pad.is_dir() and not pad.is_symlink() else pad.unlink()
                weg.append(pad)
    return weg


class Transactie:
    """Writing output without ever losing anything: all files or none.

    Each file is first written to a temporary file beside its target (:meth:`voeg_toe`), so a
    large run does not hold every document in memory. :meth:`vastleggen` then checks every
    target, moves each existing file aside, puts every new file in place and only then
    removes the old ones; if anything fails on the way (a document open in Word, a folder
    where a file should be), every old file is put back and every new one removed. Picklable:
    a worker process can prepare a transaction that its parent commits."""

    def __init__(self, overschrijven: bool = True):
        self.overschrijven = overschrijven
        self.nieuw: dict[Path, Path] = {}  # target -> its temporary file
        self._nieuwe_mappen: list[Path] = []
        self._rechten = 0o666 & ~_umask()  # mkstemp-like files are 0600; documents are ordinary files

    def voeg_toe(self, pad: Path, inhoud: bytes) -> Path:
        """Write ``inhoud`` for ``pad`` to a temporary file beside it; returns that file. A
        second write to one path in one build is a fault of the build itself, refused loudly."""
        if pad in self.nieuw:
            raise UitvoerFout(f"Twee documenten van deze bouw zouden hetzelfde bestand '{pad}' worden; er is niets "
                              "geschreven. Meld dit alstublieft bij de beheerders van hitteplan.")
        if not self.overschrijven and pad.exists():
            raise UitvoerFout(f"'{pad}' bestaat al; kies een andere naam of gebruik --overschrijven.")
        try:
            if not pad.parent.is_dir():
                ontbrekend = [m for m in (pad.parent, *pad.parent.parents) if not m.exists()]
                pad.parent.mkdir(parents=True, exist_ok=True)
                self._nieuwe_mappen += [m for m in ontbrekend if m not in self._nieuwe_mappen]
            tmp = _tijdelijk(pad.parent, pad.name)
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

    def _controleer(self) -> None:
        for pad in self.nieuw:
            if pad.is_dir():
                raise _melding(pad, IsADirectoryError(21, "map"))
            if pad.exists() and not os.access(pad, os.W_OK):
                raise _melding(pad, PermissionError(13, "alleen-lezen"))

    def vastleggen(self) -> list[Path]:
        """Put every new file in place, or none; returns the targets."""
        opzij: dict[Path, Path] = {}
        geplaatst: list[Path] = []
        try:
            self._controleer()
            for pad in self.nieuw:
                if pad.exists() or pad.is_symlink():
                    oud = _tijdelijk(pad.parent, pad.name + ".oud")
                    try:
                        os.replace(pad, oud)
                    except OSError as err:
                        raise _melding(pad, err) from err
                    opzij[pad] = oud
            for pad, tmp in self.nieuw.items():
                try:
                    os.replace(tmp, pad)
                except OSError as err:
                    raise _melding(pad, err) from err
                geplaatst.append(pad)
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
        return list(self.nieuw)

    def afbreken(self) -> None:
        """Remove every temporary file, and the folders this transaction made (when empty)."""
        for tmp in self.nieuw.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
        for map_ in sorted(self._nieuwe_mappen, key=lambda m: len(m.parts), reverse=True):
            with contextlib.suppress(OSError):  # not empty: someone else's files
                map_.rmdir()

    def __enter__(self):
        return self

    def __exit__(self, soort, *_):
        if soort is not None:
            self.afbreken()


def schrijf_atomair(bestanden, overschrijven: bool = True) -> list[Path]:
    """Write all files or none (a :class:`Transactie` at once); returns their paths.
    ``bestanden`` is a dict or an iterable of (path, bytes). Raises :class:`UitvoerFout` with a
    Dutch sentence; an error raised while producing the files leaves nothing behind either."""
    paren = bestanden.items() if isinstance(bestanden, dict) else bestanden
    with Transactie(overschrijven) as tx:
        for pad, inhoud in paren:
            tx.voeg_toe(pad, inhoud)
        return tx.vastleggen()


_VAST_MOMENT = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold
_GEGENEREERD = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")


def vaste_zip(inhoud: bytes, bewerk=None) -> bytes:
    """The same zip (an Office file as a library saved it) with reproducible bytes: fixed
    timestamps and permissions, the members in their order, ``bewerk(name, data) -> data``
    applied to each. A workbook inside (a chart's data) is made reproducible too: it carries
    the moment it was made."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for lid in bron.infolist():
            data = bron.read(lid)
            if lid.filename.endswith(".xlsx"):
                data = vaste_zip(data, lambda naam, d: _GEGENEREERD.sub(rb"\g<1>2000-01-01T00:00:00Z\2", d)
                                 if naam == "docProps/core.xml" else d)
            if bewerk is not None:
                data = bewerk(lid.filename, data)
            vast = zipfile.ZipInfo(lid.filename, _VAST_MOMENT)
            vast.compress_type = zipfile.ZIP_DEFLATED
            vast.external_attr = 0o600 << 16
            doel.writestr(vast, data)
    return uit.getvalue()


def bewaar(opslaan, bewerk=None) -> bytes:
    """The bytes of an Office package saved by a library's public ``save(stream)`` (a
    python-docx Document's or python-pptx Presentation's), made reproducible (see
    :func:`vaste_zip`)."""
    buffer = io.BytesIO()
    opslaan(buffer)
    return vaste_zip(buffer.getvalue(), bewerk)
