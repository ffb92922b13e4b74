"""The workbook file: refused before parsing when it is no workbook, too large or hostile;
then opened with openpyxl (read-only, cached values) and read sheet by sheet.

This is the only module that opens the trekker's workbook. It never writes to it. What it
gives per cell is the cached value, the number format and the cell's type where it matters:
an Excel error value (``#N/A``), and a formula whose cached value cannot be trusted (none
stored, or a workbook whose writer asks Excel to calculate everything on opening, as
programs that do not calculate do). defusedxml guards openpyxl's XML parsing.
"""

from __future__ import annotations

import posixpath
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.xml.constants import XLSM, XLSX, XLTM, XLTX

from generator.fouten import BestandFout, oorzaak
from generator.grenzen import MB, STANDAARD, Grenzen, omvang
from generator.opmaak import getal
from generator.pakket import bevat as _bevat

_STRICT = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_HOOFD = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PAKKET = "http://schemas.openxmlformats.org/package/2006/relationships"
_SOORTEN = "http://schemas.openxmlformats.org/package/2006/content-types"
_WERKMAPSOORTEN = {XLSX, XLSM, XLTX, XLTM}  # the content types of a workbook part openpyxl reads
_RELATIE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RIJ_OF_KOLOM = re.compile(rb"<(?:\w+:)?(row|col)\b([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*["\']([^"\']*)["\']')
_FORMULE = re.compile(rb"<(?:[^\s<>/:!?]+:)?f[\s>/]")  # the start of an element f, a cell's formula


def _beschadigd(naam: str) -> BestandFout:
    return BestandFout(f"'{naam}' is beschadigd of onvolledig en kan niet als Excel-werkboek worden gelezen.")


def controleer_bestand(pad: Path, grenzen: Grenzen = STANDAARD) -> None:
    """Refuse, before parsing, what is not a workbook, is beyond ``grenzen`` or carries
    hostile XML; one sentence each."""
    naam = pad.name
    try:
        if not pad.exists():
            raise BestandFout(f"Het bestand '{pad}' bestaat niet.")
        if pad.is_dir():
            raise BestandFout(f"'{pad}' is een map, geen Excel-werkboek.")
        grootte = pad.stat().st_size
    except OSError as err:
        raise BestandFout(f"'{pad}' kan niet worden gelezen: {oorzaak(err)}.") from err
    if grootte > grenzen.bestand:
        raise BestandFout(
            f"'{naam}' is {omvang(grootte)}; werkboeken groter dan {omvang(grenzen.bestand)} worden niet gelezen."
        )
    if grootte == 0:
        raise BestandFout(f"'{naam}' is leeg (0 bytes); het is geen Excel-werkboek.")
    with open(pad, "rb") as fh:
        kop = fh.read(8)
    if kop.startswith(b"\xd0\xcf\x11\xe0"):
        raise BestandFout(
            f"'{naam}' is een oud Excel-bestand (.xls) of is beveiligd met een wachtwoord; "
            "open het in Excel, haal een eventueel wachtwoord weg en sla het op als Excel-werkmap (.xlsx)."
        )
    if not kop.startswith(b"PK"):
        soort = (
            "een PDF-bestand"
            if kop.startswith(b"%PDF")
            else ("een CSV- of tekstbestand" if pad.suffix.lower() in (".csv", ".txt") else "geen Excel-werkboek")
        )
        raise BestandFout(f"'{naam}' is {soort}; verwacht een Excel-werkmap (.xlsx).")
    try:
        with zipfile.ZipFile(pad) as zf:
            leden = zf.infolist()
            totaal = sum(lid.file_size for lid in leden)
            if totaal > grenzen.uitgepakt:
                raise BestandFout(
                    f"'{naam}' zou uitgepakt {omvang(totaal)} worden; meer dan {omvang(grenzen.uitgepakt)} "
                    "wordt niet gelezen."
                )
            for lid in leden:
                if lid.file_size > MB and lid.file_size > grenzen.verhouding * max(lid.compress_size, 1):
                    raise BestandFout(
                        f"'{naam}' is verdacht sterk ingepakt (meer dan {grenzen.verhouding} keer); zo'n "
                        "bestand wordt niet gelezen."
                    )
            if "xl/workbook.xml" not in {lid.filename for lid in leden}:
                raise BestandFout(f"'{naam}' is geen Excel-werkboek (het is een ander soort zip- of Office-bestand).")
            for lid in leden:  # every XML part, whole: a DTD may hide behind a long comment
                if lid.filename.endswith((".xml", ".rels")) and _bevat(zf, lid, b"<!DOCTYPE", b"<!ENTITY"):
                    raise BestandFout(
                        f"'{naam}' bevat XML met een eigen DTD of entiteiten ({lid.filename}); zo'n "
                        "bestand kan schadelijk zijn en wordt niet gelezen. Sla het opnieuw op in Excel."
                    )
            if _bevat(zf, zf.getinfo("xl/workbook.xml"), _STRICT, _HOOFD) == _STRICT:
                raise BestandFout(
                    f"'{naam}' is opgeslagen als 'Strict Open XML-werkmap'; open het in Excel en kies "
                    "Opslaan als > Excel-werkmap (.xlsx)."
                )
            if zf.read("xl/workbook.xml").count(b"<sheet ") > grenzen.bladen:
                raise BestandFout(f"'{naam}' heeft meer dan {grenzen.bladen} bladen; zo'n werkboek wordt niet gelezen.")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as err:
        raise _beschadigd(naam) from err


@dataclass(frozen=True)
class Cel:
    """One cell as read: its cached value, number format and coordinate. ``soort`` is
    'fout' for an Excel error value (``#N/A``, ``#DIV/0!``), 'formule' for a formula whose
    cached value cannot be trusted, otherwise None."""

    waarde: object
    notatie: str
    coord: str
    soort: str | None = None


def kolomletters(nummer: int) -> str:
    return get_column_letter(nummer)


@dataclass
class _Bladxml:
    """What :meth:`Werkmap._doorlees` found in a sheet's XML."""

    rijen: set[int]
    kolommen: set[int]
    formule: bool


class Werkmap:
    """An opened workbook: its worksheets' titles in order, and their rows one sheet at a
    time. Opened read-only for the cached values and, only when a sheet's XML holds a
    formula, a second time to see which cells do (openpyxl gives one or the other)."""

    def __init__(self, pad: Path, grenzen: Grenzen = STANDAARD):
        self.naam = pad.name
        self.grenzen = grenzen
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
                self._waarden = openpyxl.load_workbook(pad, read_only=True, data_only=True)
        except BestandFout:
            raise
        except Exception as err:  # openpyxl raises many kinds for a damaged package
            raise BestandFout(f"'{pad.name}' is beschadigd en kan niet als Excel-werkboek worden gelezen.") from err
        calc = self._waarden.calculation
        # a writer that does not calculate stores a placeholder and asks Excel to calculate on opening
        self._niet_berekend = bool(calc is not None and calc.fullCalcOnLoad)
        self.bladen = [ws.title for ws in self._waarden.worksheets]
        # a sheet hidden in Excel (right-click on a tab > Hide) is still read: the trekker is told
        self.verborgen_bladen = {ws.title for ws in self._waarden.worksheets if ws.sheet_state != "visible"}
        self._pad = pad
        self._delen: dict[str, str] | None = None
        self._formules: openpyxl.Workbook | None = None  # opened when a sheet holds a formula
        self._xml: dict[str, _Bladxml] = {}

    def _deel(self, titel: str) -> str | None:
        """The package part that holds worksheet ``titel``, found as openpyxl finds it: the
        workbook part named in [Content_Types].xml, its relationships, each target resolved
        against the workbook's folder. None when that is not certain: more or fewer than one
        workbook part, worksheet names in workbook.xml that are not those openpyxl read, or a
        name twice."""
        if self._delen is None:
            self._delen = {}
            try:
                with zipfile.ZipFile(self._pad) as zf:
                    soorten = ElementTree.fromstring(zf.read("[Content_Types].xml"))
                    delen = [
                        (o.get("PartName") or "").lstrip("/")
                        for o in soorten.iter(f"{{{_SOORTEN}}}Override")
                        if (o.get("ContentType") or "") in _WERKMAPSOORTEN
                    ]
                    if len(delen) != 1:
                        return None
                    map_, naam = posixpath.split(delen[0])
                    boek = ElementTree.fromstring(zf.read(delen[0]))
                    relaties = ElementTree.fromstring(zf.read(posixpath.join(map_, "_rels", f"{naam}.rels")))
            except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
                return None
            doelen = {
                r.get("Id"): r.get("Target") or ""
                for r in relaties.iter(f"{{{_PAKKET}}}Relationship")
                if (r.get("Type") or "").endswith("/worksheet")
            }
            bladen = [
                (blad.get("name") or "", doelen[rid])
                for blad in boek.iter(f"{{{_HOOFD.decode()}}}sheet")
                if (rid := blad.get(f"{{{_RELATIE}}}id")) in doelen
            ]
            namen = [naam for naam, _ in bladen]
            if namen != self.bladen or len(set(namen)) != len(namen):
                return None
            for naam, doel in bladen:
                deel = doel.lstrip("/") if doel.startswith("/") else posixpath.join(map_, doel)
                self._delen[naam] = posixpath.normpath(deel)
        return self._delen.get(titel)

    def _doorlees(self, titel: str) -> _Bladxml:
        """What the read-only reader does not give, from the sheet's XML in one pass, piece by
        piece: the hidden rows and columns (numbers from 1; only the opening tags of rows and
        columns are looked at), and whether it may hold a formula (an element ``f``, any
        prefix; when in doubt, as for a part not found or not in UTF-8, yes)."""
        if titel in self._xml:
            return self._xml[titel]
        uitkomst = self._xml[titel] = _Bladxml(set(), set(), True)
        deel = self._deel(titel)
        if deel is None:
            return uitkomst
        rijen, kolommen, formule = uitkomst.rijen, uitkomst.kolommen, False
        try:
            with zipfile.ZipFile(self._pad) as zf, zf.open(deel) as fh:
                rest = fh.read(4)
                if rest.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in rest:
                    return uitkomst  # UTF-16: the patterns are for UTF-8
                while stuk := fh.read(256 * 1024):
                    venster = rest + stuk
                    einde = venster.rfind(b">") + 1
                    for tag in _RIJ_OF_KOLOM.finditer(venster, 0, einde):
                        attrs = dict(_ATTR.findall(tag.group(2)))
                        if attrs.get(b"hidden") not in (b"1", b"true"):
                            continue
                        if tag.group(1) == b"row" and attrs.get(b"r", b"").isdigit():
                            rijen.add(int(attrs[b"r"]))
                        elif tag.group(1) == b"col" and attrs.get(b"min", b"").isdigit():
                            laatste = min(int(attrs.get(b"max", attrs[b"min"]) or 0), self.grenzen.kolommen)
                            kolommen.update(range(int(attrs[b"min"]), laatste + 1))
                    formule = formule or _FORMULE.search(venster) is not None
                    # what follows the last tag is looked at again with the next piece; of over 4 KB
                    # only its end (a tag longer than that may hide a formula: in doubt, yes)
                    staart = venster[einde:]
                    formule = formule or b"<" in staart[:-4096]
                    rest = staart[-4096:]
        except (KeyError, zipfile.BadZipFile, OSError, zlib.error):
            return uitkomst  # reading the sheet itself reports the damage
        uitkomst.formule = formule
        return uitkomst

    def verborgen(self, titel: str) -> tuple[set[int], set[int]]:
        """The hidden rows and columns of a sheet (numbers from 1)."""
        xml = self._doorlees(titel)
        return xml.rijen, xml.kolommen

    def _formulewerkmap(self):
        if self._formules is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._formules = openpyxl.load_workbook(self._pad, read_only=True, data_only=False)
        return self._formules

    def close(self) -> None:
        self._waarden.close()
        if self._formules is not None:
            self._formules.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def _rijen(self, ws, max_rijen: int | None):
        """The sheet's rows, refused beyond the limit of rows: a crafted row number must not make us walk
        millions of rows. The sheet's own statement of its size is not trusted (a sheet that
        claims to end at row 21 may hold row 22)."""
        ws.reset_dimensions()
        for r, rij in enumerate(ws.iter_rows(max_col=self.grenzen.kolommen), start=1):
            if max_rijen is not None and r > max_rijen:
                return
            if r > self.grenzen.rijen:
                raise BestandFout(
                    f"Blad '{ws.title}' loopt door tot voorbij rij {getal(self.grenzen.rijen)}; zo'n groot blad "
                    "wordt niet gelezen. Verwijder de lege rijen onderaan, of kopieer de gegevens naar "
                    "een nieuw werkboek."
                )
            yield r, rij

    def _te_veel(self, titel: str) -> BestandFout:
        return BestandFout(
            f"Blad '{titel}' heeft meer dan {getal(self.grenzen.cellen)} gevulde cellen; zo'n groot werkboek "
            "wordt niet gelezen."
        )

    def rijen(self, titel: str, max_rijen: int | None = None) -> list[list[Cel | None]]:
        """The rows of a worksheet from row 1 (at most ``max_rijen``, and never beyond the
        limit of rows), each up to its last filled cell; an empty cell is None. More filled
        cells than the limit is refused while reading, before the sheet is in memory."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. a date serial out of range: openpyxl makes it an error value
            r = 0
            try:
                formules: set[tuple[int, int]] = set()
                if self._doorlees(titel).formule:
                    for r, rij in self._rijen(self._formulewerkmap()[titel], max_rijen):
                        formules.update((r, k) for k, cel in enumerate(rij, start=1) if cel.data_type == "f")
                        if len(formules) > self.grenzen.cellen:
                            raise self._te_veel(titel)
                uit: list[list[Cel | None]] = []
                gevuld = 0
                for r, rij in self._rijen(self._waarden[titel], max_rijen):
                    if not formules and all(cel.value is None for cel in rij):
                        uit.append([])  # an empty row (openpyxl fills the gaps with them): nothing to look at
                        continue
                    cellen: list[Cel | None] = []
                    for k, cel in enumerate(rij, start=1):
                        waarde = cel.value
                        soort = None
                        if (r, k) in formules and (waarde is None or self._niet_berekend):
                            soort = "formule"
                        elif cel.data_type == "e":
                            soort = "fout"
                        if waarde is None and soort is None:
                            continue
                        gevuld += 1
                        if gevuld > self.grenzen.cellen:
                            raise self._te_veel(titel)
                        cellen.extend([None] * (k - 1 - len(cellen)))
                        cellen.append(
                            Cel(
                                waarde, getattr(cel, "number_format", None) or "General", f"{kolomletters(k)}{r}", soort
                            )
                        )
                    uit.append(cellen)
                return uit
            except BestandFout:
                raise
            except Exception as err:  # a sheet's XML that cannot be parsed, a string index out of range, ...
                raise BestandFout(
                    f"Blad '{titel}' is beschadigd en kan niet worden gelezen (rond rij {r + 1}); open "
                    "het werkboek in Excel en sla het opnieuw op."
                ) from err
