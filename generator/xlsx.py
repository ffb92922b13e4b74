"""Reading cell values from an .xlsx straight from its XML, for ``hitteplan bouw`` and
``controleer``.

Reading the trekker's small workbook takes a few milliseconds; importing openpyxl took
longer than all of it (a sixth of a build). openpyxl stays the project's tool for *writing*
workbooks (``hitteplan nieuw``). What is read here is what openpyxl's read-only mode gives
with ``data_only=True`` — the test suite compares the two on every kind of cell — and the
rules for it are taken from openpyxl (MIT licence): shared and inline strings without their
phonetic runs, numbers as int or float, a number with a date or time format as a date, a
time or a duration, booleans, error values as text, and a formula's cached result.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

_HOOFD = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PAKKET = "http://schemas.openxmlformats.org/package/2006/relationships"
_C, _V, _F, _IS, _T, _R, _ROW = (f"{{{_HOOFD}}}{t}" for t in ("c", "v", "f", "is", "t", "r", "row"))

# a hardened parser: no DTD, no entities, no network (lexer.controleer_bestand refuses DTDs too)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

# the number formats Excel does not write into a workbook (openpyxl.styles.numbers.BUILTIN_FORMATS)
INGEBOUWD = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)', 7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy",
    16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
    22: "m/d/yy h:mm", 37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)", 41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)', 45: "mm:ss", 46: "[h]:mm:ss",
    47: "mmss.0", 48: "##0.0E+0", 49: "@",
}
_WEG_UIT_NOTATIE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')  # quoted text, [colours] and [$locales]
_DATUMTEKEN = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_DUUR = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE)
_ISO = re.compile(r"^(?:(\d{4})-(\d{2})-(\d{2}))?T?(?:(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?Z?$")
_COORD = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_WINDOWS = dt.datetime(1899, 12, 30)
_MAC = dt.datetime(1904, 1, 1)


class XlsxFout(Exception):
    """The file is not a workbook this module can read (the caller words the message)."""


class StrictFout(XlsxFout):
    """The workbook was saved as 'Strict Open XML', which Excel offers but no library reads."""


def is_datumnotatie(notatie: str) -> bool:
    return _DATUMTEKEN.search(_WEG_UIT_NOTATIE.sub("", notatie.split(";")[0])) is not None


def is_duurnotatie(notatie: str) -> bool:
    return _DUUR.search(notatie.split(";")[0]) is not None


def kolomnummer(letters: str) -> int:
    nummer = 0
    for teken in letters.upper():
        nummer = nummer * 26 + ord(teken) - 64
    return nummer


def kolomletters(nummer: int) -> str:
    letters = ""
    while nummer:
        nummer, rest = divmod(nummer - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _tekst(element) -> str:
    """A string item (<si> or <is>): its own <t> and the <t> of its runs, not the phonetic
    guide (<rPh>)."""
    delen = [element.findtext(_T) or ""]
    delen += [run.findtext(_T) or "" for run in element.iterchildren(_R)]
    return "".join(delen)


def _van_excel(getal: float, begin: dt.datetime, duur: bool):
    """Excel's serial date as openpyxl.utils.datetime.from_excel gives it."""
    if duur:
        td = dt.timedelta(days=getal)
        if td.microseconds:
            td = dt.timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    dag, deel = divmod(getal, 1)
    verschil = dt.timedelta(milliseconds=round(deel * 86400 * 1000))
    if 0 <= getal < 1 and verschil.days == 0:
        seconden = verschil.seconds
        return dt.time(seconden // 3600, seconden // 60 % 60, seconden % 60, verschil.microseconds)
    if 0 < getal < 60 and begin == _WINDOWS:
        dag += 1  # Excel's 29 February 1900, which never was
    return begin + dt.timedelta(days=dag) + verschil


def _van_iso(tekst: str):
    m = _ISO.match(tekst)
    if not m or not any(m.groups()):
        raise ValueError(tekst)
    j, mnd, d, u, mi, s, fractie = m.groups()
    micro = int(float(f"0.{fractie}") * 1_000_000) if fractie else 0
    if j is None:
        return dt.time(int(u), int(mi), int(s or 0), micro)
    if u is None:
        return dt.date(int(j), int(mnd), int(d))
    return dt.datetime(int(j), int(mnd), int(d), int(u), int(mi), int(s or 0), micro)


@dataclass(frozen=True)
class Cel:
    """One cell: its value as openpyxl would give it, its number format, and whether it
    holds a formula."""

    waarde: object
    notatie: str = "General"
    formule: bool = False


class Werkmap:
    """An opened .xlsx: its worksheets in order, read one at a time."""

    def __init__(self, pad):
        try:
            self._zip = zipfile.ZipFile(pad)
            self._lees_werkmap()
        except StrictFout:
            self._zip.close()
            raise
        except (KeyError, ValueError, IndexError, etree.XMLSyntaxError, zipfile.BadZipFile) as err:
            raise XlsxFout(str(err)) from err

    def close(self) -> None:
        self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def _xml(self, naam: str):
        return etree.fromstring(self._zip.read(naam), _PARSER)

    def _relaties(self, deel: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, part name) of a part's relationships."""
        map_, naam = posixpath.split(deel)
        pad = posixpath.join(map_, "_rels", f"{naam}.rels")
        if pad not in self._zip.NameToInfo:
            return {}
        uit = {}
        for rel in self._xml(pad).iterchildren(f"{{{_PAKKET}}}Relationship"):
            doel = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            doel = doel.lstrip("/") if doel.startswith("/") else posixpath.normpath(posixpath.join(map_, doel))
            uit[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], doel)
        return uit

    def _lees_werkmap(self) -> None:
        hoofd = next((d for t, d in self._relaties("").values() if t == "officeDocument"), "xl/workbook.xml")
        werkmap = self._xml(hoofd)
        if werkmap.tag.startswith("{http://purl.oclc.org/ooxml/"):
            raise StrictFout(werkmap.tag)
        relaties = self._relaties(hoofd)
        eigenschappen = werkmap.find(f"{{{_HOOFD}}}workbookPr")
        mac = eigenschappen is not None and eigenschappen.get("date1904", "0").lower() in ("1", "true")
        self._begin = _MAC if mac else _WINDOWS
        self.bladen: list[tuple[str, str]] = []  # (title, part name) of each worksheet
        for blad in werkmap.iter(f"{{{_HOOFD}}}sheet"):
            soort, deel = relaties.get(blad.get(f"{{{_REL}}}id"), ("", ""))
            if soort == "worksheet" and deel in self._zip.NameToInfo:
                self.bladen.append((blad.get("name", ""), deel))
        teksten = next((d for t, d in relaties.values() if t == "sharedStrings"), None)
        self._teksten = [] if teksten is None or teksten not in self._zip.NameToInfo else [
            _tekst(si).replace("x005F_", "") for si in self._xml(teksten).iterchildren(f"{{{_HOOFD}}}si")]
        stijlen = next((d for t, d in relaties.values() if t == "styles"), None)
        self._notaties: list[str] = []
        if stijlen is not None and stijlen in self._zip.NameToInfo:
            boom = self._xml(stijlen)
            eigen = {int(n.get("numFmtId")): n.get("formatCode", "")
                     for n in boom.iterfind(f"{{{_HOOFD}}}numFmts/{{{_HOOFD}}}numFmt")}
            for xf in boom.iterfind(f"{{{_HOOFD}}}cellXfs/{{{_HOOFD}}}xf"):
                nummer = int(xf.get("numFmtId", 0))
                self._notaties.append(eigen[nummer] if nummer in eigen else INGEBOUWD.get(nummer, "General"))
        self._datum = {i for i, n in enumerate(self._notaties) if is_datumnotatie(n)}
        self._duur = {i for i, n in enumerate(self._notaties) if is_duurnotatie(n)}

    def rijen(self, deel: str) -> list[list[Cel | None]]:
        """The rows of a worksheet from row 1, as openpyxl's read-only ``iter_rows`` gives
        them: a missing row is an empty list, a row runs to its last cell, a missing cell
        is None."""
        try:
            blad = self._xml(deel)
        except (KeyError, etree.XMLSyntaxError) as err:
            raise XlsxFout(str(err)) from err
        data = blad.find(f"{{{_HOOFD}}}sheetData")
        uit: list[list[Cel | None]] = []
        rijnummer = 0
        for rij in (data.iterchildren(_ROW) if data is not None else ()):
            r = rij.get("r")
            rijnummer = int(float(r)) if r else rijnummer + 1
            if rijnummer <= len(uit):  # a row out of order: openpyxl passes over it too
                continue
            while len(uit) < rijnummer - 1:
                uit.append([])
            cellen: list[Cel | None] = []
            kolom = 0
            for c in rij.iterchildren(_C):
                coord = c.get("r")
                m = _COORD.match(coord) if coord else None
                kolom = kolomnummer(m[1]) if m else kolom + 1
                cellen.extend([None] * (kolom - 1 - len(cellen)))
                cellen.append(self._cel(c))
            uit.append(cellen)
        return uit

    def _cel(self, c) -> Cel:
        soort = c.get("t", "n")
        stijl = int(c.get("s") or 0)
        notatie = self._notaties[stijl] if stijl < len(self._notaties) else "General"
        formule = c.find(_F) is not None
        waarde: object = None
        if soort == "inlineStr":
            element = c.find(_IS)
            waarde = _tekst(element) if element is not None else None
        else:
            tekst = c.findtext(_V) or None
            if tekst is not None:
                if soort == "n":
                    waarde = float(tekst) if ("." in tekst or "e" in tekst or "E" in tekst) else int(tekst)
                    if stijl in self._datum:
                        try:
                            waarde = _van_excel(waarde, self._begin, stijl in self._duur)
                        except (OverflowError, ValueError):
                            waarde = "#VALUE!"
                elif soort == "s":
                    waarde = self._teksten[int(tekst)]
                elif soort == "b":
                    waarde = bool(int(tekst))
                elif soort == "d":
                    waarde = _van_iso(tekst)
                else:  # "str" (a formula's text) and "e" (an error such as #N/A)
                    waarde = tekst
        return Cel(waarde, notatie, formule)
