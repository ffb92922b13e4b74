"""An upload, taken apart safely into a fresh folder: the workbook and the pictures it names,
chosen as separate files or as one zip.

Only names are checked here (and a zip's structure and sizes); whether a file really is a
workbook, and whether a picture is a readable picture, is the reader's work in the worker
(:mod:`generator.bestand`, :mod:`generator.lezer`), with its own sentences. Every refusal is a
:class:`UploadFout` carrying the key of its sentence in ``sjablonen/web/teksten.toml``.
"""

from __future__ import annotations

import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.fouten import HitteplanFout
from generator.grenzen import STANDAARD as GRENZEN
from generator.samenhang import AFBEELDINGEN

MAX_VERZOEK = GRENZEN.bestand + 10 * 1024 * 1024  # one upload, all files together: the workbook's limit plus pictures
MAX_ZIPLEDEN = 50  # files in an uploaded zip: a workbook, a logo and a heat map need three
MAX_UITGEPAKT = MAX_VERZOEK  # an uploaded zip, unpacked
MAX_NAAM = 120  # characters of a file name
WERKBOEKEN = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"}  # taken as the workbook; the reader says what is wrong
MAX_DIEPTE = 8  # folders in a zip inside each other (a workbook names 'afbeeldingen/kaart.png')
# What a zip made on a Mac or in Windows Explorer carries besides the files: skipped, not
# refused. Whole names only: 'mythumbs.db.png' is a picture.
_BIJWERK_MAP = "__macosx"
_BIJWERK = {".ds_store", "thumbs.db", "desktop.ini"}


def _bijwerk(lidnaam: str) -> bool:
    delen = [d.casefold() for d in lidnaam.replace("\\", "/").split("/") if d]
    return bool(delen) and (_BIJWERK_MAP in delen[:-1] or delen[-1] in _BIJWERK or delen[-1].startswith("._"))


class UploadFout(HitteplanFout):
    """Raised when an upload cannot be used as it is; ``sleutel`` names the sentence in
    ``sjablonen/web/teksten.toml`` and ``waarden`` fill it in."""

    def __init__(self, sleutel: str, **waarden):
        self.sleutel = sleutel
        self.waarden = waarden
        super().__init__(sleutel)


@dataclass
class Upload:
    """What was written to the upload's folder: the workbook's name and the pictures'."""

    werkboek: str
    afbeeldingen: list[str] = field(default_factory=list)


def veilige_naam(naam: str | None) -> str:
    """The last part of a name a browser or a zip gave, without folders, control characters
    or a leading dot; '' when nothing usable is left."""
    naam = unicodedata.normalize("NFC", (naam or "").replace("\\", "/").split("/")[-1])
    naam = "".join(t for t in naam if unicodedata.category(t)[0] != "C").strip().lstrip(".")
    stam, punt, soort = naam.rpartition(".")
    if len(naam) > MAX_NAAM and punt and len(soort) <= 10:  # shortened, keeping what kind of file it is
        return f"{stam[: MAX_NAAM - len(soort) - 1].strip()}.{soort}"
    return naam[:MAX_NAAM].strip()


def _soort(naam: str) -> str:
    achtervoegsel = PurePosixPath(naam.lower()).suffix
    if achtervoegsel == ".zip":
        return "zip"
    if achtervoegsel in AFBEELDINGEN:
        return "afbeelding"
    if achtervoegsel in WERKBOEKEN:
        return "werkboek"
    return "anders"


def bewaar(bestanden: list[tuple[str | None, object]], map_: Path) -> Upload:
    """Write an upload into ``map_`` (a fresh, empty folder): ``bestanden`` are (name as the
    browser gave it, a readable stream). Either one zip, or one workbook with pictures."""
    map_.mkdir(parents=True, exist_ok=True)
    gekozen = [(veilige_naam(naam), stroom) for naam, stroom in bestanden if naam]
    if not gekozen:
        raise UploadFout("geen_bestand")
    for naam, _ in gekozen:
        if not naam:
            raise UploadFout("naam_onleesbaar")
    zips = [n for n, _ in gekozen if _soort(n) == "zip"]
    if zips:
        if len(gekozen) > 1:
            raise UploadFout("zip_en_meer", zip=zips[0])
        naam, stroom = gekozen[0]
        return _pak_uit(naam, stroom, map_)
    namen: set[str] = set()
    for naam, stroom in gekozen:
        soort = _soort(naam)
        if soort == "anders":
            raise UploadFout("soort", naam=naam)
        if naam.casefold() in namen:
            raise UploadFout("dubbel", naam=naam)
        namen.add(naam.casefold())
        _schrijf(stroom, map_ / naam, GRENZEN.afbeelding if soort == "afbeelding" else GRENZEN.bestand, naam)
    return _upload([n for n, _ in gekozen])


def _upload(namen: list[str]) -> Upload:
    """Which of the written names is the workbook: exactly one."""
    werkboeken = [n for n in namen if _soort(n) == "werkboek" and not PurePosixPath(n).name.startswith("~$")]
    if not werkboeken:
        raise UploadFout("geen_werkboek")
    if len(werkboeken) > 1:
        raise UploadFout("meer_werkboeken", namen=", ".join(f"'{n}'" for n in werkboeken))
    return Upload(werkboeken[0], [n for n in namen if _soort(n) == "afbeelding"])


def _schrijf(stroom, doel: Path, grens: int, naam: str) -> int:
    """Copy a stream to ``doel``, at most ``grens`` bytes (a file that turns out larger is
    refused: the reader's own size check then never sees a half file)."""
    geschreven = 0
    with open(doel, "xb") as fh:
        while blok := stroom.read(1024 * 1024):
            geschreven += len(blok)
            if geschreven > grens:
                raise UploadFout("bestand_te_groot", naam=naam, grens=grens // (1024 * 1024))
            fh.write(blok)
    return geschreven


def _pak_uit(naam: str, stroom, map_: Path) -> Upload:
    """A zip's workbook and pictures, into ``map_`` (keeping its folders: a workbook may name
    'afbeeldingen/kaart.png'). Refused: a damaged zip, too many files, more than
    :data:`MAX_UITGEPAKT` unpacked (counted while unpacking, not taken from the zip's own
    headers), a path outside the folder, a link, and any other kind of file."""
    bron = map_.parent / f"{map_.name}.zip"
    try:
        _schrijf(stroom, bron, MAX_VERZOEK, naam)
        try:
            zf = zipfile.ZipFile(bron)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise UploadFout("zip_kapot", naam=naam) from None
        with zf:
            leden = [lid for lid in zf.infolist() if not lid.is_dir() and not _bijwerk(lid.filename)]
            if len(leden) > MAX_ZIPLEDEN:
                raise UploadFout("zip_te_veel", naam=naam, max=MAX_ZIPLEDEN)
            totaal = 0
            namen: list[str] = []
            for lid in leden:
                relatief = _relatief(lid.filename, naam)
                if stat.S_ISLNK(lid.external_attr >> 16):
                    raise UploadFout("zip_pad", naam=naam, lid=lid.filename)
                soort = _soort(relatief.name)
                if soort not in ("werkboek", "afbeelding"):
                    raise UploadFout("zip_soort", naam=naam, lid=relatief.as_posix())
                if relatief.as_posix().casefold() in {n.casefold() for n in namen}:
                    raise UploadFout("dubbel", naam=relatief.as_posix())
                doel = map_.joinpath(*relatief.parts)
                try:
                    doel.parent.mkdir(parents=True, exist_ok=True)
                except OSError:  # a file of that name where a folder should be (or the other way round)
                    raise UploadFout("zip_bestand_en_map", naam=naam, lid=relatief.as_posix()) from None
                if doel.is_dir():
                    raise UploadFout("zip_bestand_en_map", naam=naam, lid=relatief.as_posix())
                try:
                    with zf.open(lid) as bronlid:
                        totaal += _schrijf(_Begrensd(bronlid, MAX_UITGEPAKT - totaal, naam), doel, MAX_UITGEPAKT, naam)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
                    raise UploadFout("zip_kapot", naam=naam) from None
                namen.append(relatief.as_posix())
    finally:
        bron.unlink(missing_ok=True)
    return _upload(namen)


class _Begrensd:
    """A stream that refuses to give more than ``grens`` bytes in all."""

    def __init__(self, stroom, grens: int, naam: str):
        self.stroom, self.rest, self.naam = stroom, grens, naam

    def read(self, n: int) -> bytes:
        blok = self.stroom.read(min(n, self.rest + 1))
        self.rest -= len(blok)
        if self.rest < 0:
            raise UploadFout("zip_te_groot", naam=self.naam, grens=MAX_UITGEPAKT // (1024 * 1024))
        return blok


def _relatief(lidnaam: str, zipnaam: str) -> PurePosixPath:
    """A member's path inside the upload's folder, or a refusal when it could point outside:
    absolute, a drive letter, '..', or a part that is empty after cleaning."""
    pad = PurePosixPath(unicodedata.normalize("NFC", lidnaam.replace("\\", "/")))  # a Mac writes café decomposed
    delen = [d for d in pad.parts if d not in ("", ".")]
    if pad.is_absolute() or not delen or any(d == ".." or ":" in d or veilige_naam(d) != d for d in delen):
        raise UploadFout("zip_pad", naam=zipnaam, lid=lidnaam[:200])
    if len(delen) > MAX_DIEPTE + 1 or len("/".join(delen)) > 4 * MAX_NAAM:
        raise UploadFout("zip_diep", naam=zipnaam, max=MAX_DIEPTE)
    return PurePosixPath(*delen)
