"""Write the blank workbook of the contract (``hitteplan nieuw``), and fill it (the example).

Everything comes from ``sjablonen/werkboek.toml``: sheet order, labels, help texts, option
lists. The workbook is written to a temporary file and moved into place, so a failed run
never leaves half a file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from generator.contract import Blad, Contract, Veld, laad_contract
from generator.opmaak import opsomming
from generator.uitvoer import schrijf_atomair
from generator.vastezip import vaste_zip

KOPKLEUR = "00689E"
VERPLICHT = "FCE4D6"
LATER = "FFF2CC"  # needed for one document, filled in when that document is due
MAX_RIJEN = 500
NOTATIES = {"datum": "d-m-yyyy", "tijd": "hh:mm", "geheel": "#,##0"}


def _vooraf(veld: Veld, blad: Blad, contract: Contract) -> str:
    """'Verplicht. ' for a field every document needs; 'Nodig voor de bestuurlijke notitie. '
    for one that a single document waits for (filled in when that document is due)."""
    if veld.verplicht:
        return "Verplicht. "
    voor = contract.nodig_voor(blad.attr, veld.attr)
    return f"Nodig voor de {opsomming(voor)}. " if voor else ""


def _prompt(veld: Veld, blad: Blad, contract: Contract) -> tuple[str, str]:
    """Excel's input message: a title of at most 32 and a text of at most 255 characters."""
    titel = veld.label[:32]
    tekst = _vooraf(veld, blad, contract) + veld.uitleg
    return titel, tekst if len(tekst) <= 255 else tekst[:254] + "…"


# The column a reference is matched against, per sheet it points at (see samenhang.namen_van).
DOELKOLOM = {"Stakeholders": "organisatie", "Wijken": "wijk", "Bijeenkomsten": "titel"}


def _bladverwijzing(naam: str) -> str:
    """A sheet name as a formula needs it: quoted, with a quote in the name doubled."""
    return "'" + naam.replace("'", "''") + "'"


def _verwijzingsbereik(veld: Veld, contract: Contract) -> str:
    """The cells of the column a reference field is matched against, e.g.
    'Wijken'!$B$2:$B$500 for Locaties: Wijk (the Wijk column, not the Wijkcode before it)."""
    assert veld.verwijst is not None  # a reference field names its sheet (checked when the contract loads)
    doel = contract.blad_op_naam(veld.verwijst)
    kolom = get_column_letter([v.attr for v in doel.velden].index(DOELKOLOM[veld.verwijst]) + 1)
    return f"{_bladverwijzing(doel.naam)}!${kolom}$2:${kolom}${MAX_RIJEN}"


def _validatie(veld: Veld, blad: Blad, contract: Contract, lijstbereik: dict[tuple[str, str], str]):
    titel, tekst = _prompt(veld, blad, contract)
    if veld.type in ("keuze", "janee"):
        dv = DataValidation(type="list", formula1=lijstbereik[blad.attr, veld.attr], allow_blank=True)
        dv.error = "Kies een waarde uit de lijst."
        dv.errorTitle = "Kies uit de lijst"
    elif veld.type == "verwijzing" and veld.verwijst is not None:
        doel = contract.blad_op_naam(veld.verwijst)
        dv = DataValidation(type="list", formula1=_verwijzingsbereik(veld, contract), allow_blank=True)
        # a warning, not a stop: a name may be typed before its row exists, and a meeting
        # without a title is named by its kind (Soort)
        dv.errorStyle = "warning"
        kolom = doel.veld(DOELKOLOM[veld.verwijst]).label
        dv.error = f"Deze naam staat (nog) niet in de kolom {kolom} van het blad {doel.naam}."
        dv.errorTitle = "Onbekende naam"
    else:
        dv = DataValidation(allow_blank=True)
    dv.promptTitle, dv.prompt = titel, tekst
    dv.showInputMessage = True
    dv.showErrorMessage = veld.type in ("keuze", "janee", "verwijzing")
    return dv


def _kopstijl(cel) -> None:
    cel.font = Font(bold=True, color="FFFFFF")
    cel.fill = PatternFill("solid", fgColor=KOPKLEUR)
    cel.alignment = Alignment(vertical="center", wrap_text=True)


def _lijsten(wb, contract: Contract) -> dict[tuple[str, str], str]:
    """The hidden Lijsten sheet: one option list per choice field, headed by its sheet and
    label. Returns (sheet attr, field attr) -> the range of its list; fields whose options are
    the same share one column. Keyed by sheet and field: several sheets have a field 'status'
    or 'soort', each with its own options."""
    ws = wb.create_sheet("Lijsten")
    kolommen: list[tuple[tuple[str, str] | None, str, tuple[str, ...]]] = []
    for blad in contract.bladen:
        for veld in blad.velden:
            if veld.type == "keuze":
                kolommen.append(((blad.attr, veld.attr), f"{blad.naam}: {veld.label}", veld.keuzes))
            elif veld.type == "janee":
                kolommen.append(((blad.attr, veld.attr), "Ja/nee", contract.lijsten["janee"]))
    kolommen.append((None, "Kwetsbare groepen", contract.lijsten["doelgroepen"]))
    bereik: dict[tuple[str, str], str] = {}
    gezien: dict[tuple[str, ...], str] = {}
    index = 0
    for sleutel, kop, keuzes in kolommen:
        if keuzes not in gezien:
            index += 1
            letter = get_column_letter(index)
            ws.cell(1, index, kop).font = Font(bold=True)
            for r, keuze in enumerate(keuzes, start=2):
                ws.cell(r, index, keuze)
            ws.column_dimensions[letter].width = 28
            gezien[keuzes] = f"Lijsten!${letter}$2:${letter}${len(keuzes) + 1}"
        if sleutel is not None:
            bereik[sleutel] = gezien[keuzes]
    ws.sheet_state = "hidden"
    return bereik


def _velden_blad(wb, blad: Blad, contract: Contract, lijstbereik: dict[tuple[str, str], str]) -> None:
    ws = wb.create_sheet(blad.naam)
    for kol, kop in enumerate(("Veld", "Waarde", "Toelichting"), start=1):
        _kopstijl(ws.cell(1, kol, kop))
    for r, veld in enumerate(blad.velden, start=2):
        label = ws.cell(r, 1, veld.label)
        label.font = Font(bold=veld.verplicht)
        waarde = ws.cell(r, 2)
        waarde.alignment = Alignment(wrap_text=True, vertical="top")
        if veld.type in NOTATIES:
            waarde.number_format = NOTATIES[veld.type]
        if veld.type in ("langetekst", "lijst"):
            ws.row_dimensions[r].height = 60
        vooraf = _vooraf(veld, blad, contract)
        uitleg = ws.cell(r, 3, vooraf + veld.uitleg)
        uitleg.alignment = Alignment(wrap_text=True, vertical="top")
        uitleg.font = Font(italic=True, color="595959")
        if vooraf:
            for cel in (label, waarde):
                cel.fill = PatternFill("solid", fgColor=VERPLICHT if veld.verplicht else LATER)
        dv = _validatie(veld, blad, contract, lijstbereik)
        ws.add_data_validation(dv)
        dv.add(waarde.coordinate)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60
    ws.freeze_panes = "A2"


def _rijen_blad(wb, blad: Blad, contract: Contract, lijstbereik: dict[tuple[str, str], str]) -> None:
    ws = wb.create_sheet(blad.naam)
    for kol, veld in enumerate(blad.velden, start=1):
        letter = get_column_letter(kol)
        kop = ws.cell(1, kol, veld.label)
        _kopstijl(kop)
        if veld.verplicht:
            kop.fill = PatternFill("solid", fgColor="C55A11")
        ws.column_dimensions[letter].width = veld.breedte
        bereik = f"{letter}2:{letter}{MAX_RIJEN}"
        dv = _validatie(veld, blad, contract, lijstbereik)
        ws.add_data_validation(dv)
        dv.add(bereik)
        # formats on the column, not on 500 empty cells: Excel applies them to what is typed
        if veld.type in NOTATIES:
            ws.column_dimensions[letter].number_format = NOTATIES[veld.type]
        elif veld.type in ("langetekst", "lijst"):
            ws.column_dimensions[letter].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(blad.velden))}1"


def _toelichting(wb, contract: Contract) -> None:
    ws = wb.active
    ws.title = "Toelichting"
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 100
    ws.cell(1, 1, contract.toelichting_titel).font = Font(bold=True, size=16, color=KOPKLEUR)
    r = 3
    for regel in contract.toelichting_regels:
        cel = ws.cell(r, 1, regel)
        if not regel.startswith("•") and len(regel) < 40:
            cel.font = Font(bold=True, size=12, color=KOPKLEUR)
        else:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            cel.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[r].height = 15 * (1 + len(regel) // 120)
        r += 1
    r += 1
    ws.cell(r, 1, "Blad").font = Font(bold=True)
    ws.cell(r, 2, "Wat vult u hier in").font = Font(bold=True)
    for blad in contract.bladen:
        r += 1
        ws.cell(r, 1, blad.naam)
        ws.cell(r, 2, blad.uitleg).alignment = Alignment(wrap_text=True)
    r += 2
    ws.cell(r, 1, "Werkboekversie").font = Font(bold=True)
    ws.cell(r, 2, contract.versie).alignment = Alignment(horizontal="left")


def maak_blanco(contract: Contract | None = None):
    """The blank workbook as an openpyxl Workbook (not yet saved)."""
    contract = contract or laad_contract()
    wb = openpyxl.Workbook()
    _toelichting(wb, contract)
    lijstbereik = _lijsten(wb, contract)
    for blad in contract.bladen:
        (_velden_blad if blad.soort == "velden" else _rijen_blad)(wb, blad, contract, lijstbereik)
    lijstblad = wb["Lijsten"]  # the lists last, after the sheets to fill in
    wb.move_sheet(lijstblad, offset=len(wb.sheetnames) - 1 - wb.index(lijstblad))
    wb.active = 0
    return wb


def _celwaarde(veld: Veld, waarde: object) -> object:
    if isinstance(waarde, list | tuple):
        return "\n".join(str(w) for w in waarde)
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return waarde


def vul(wb, gegevens: dict[str, Any], contract: Contract | None = None) -> None:
    """Fill a blank workbook from ``{sheet name: {label: value}}`` (velden sheets) or
    ``{sheet name: [{label: value}, …]}`` (rijen sheets), the way a user would."""
    contract = contract or laad_contract()
    for bladnaam, inhoud in gegevens.items():
        blad = contract.blad_op_naam(bladnaam)
        ws = wb[bladnaam]
        labels = {v.label: v for v in blad.velden}
        if blad.soort == "velden":
            for r, veld in enumerate(blad.velden, start=2):
                if veld.label in inhoud:
                    ws.cell(r, 2).value = _celwaarde(veld, inhoud[veld.label])
            continue
        kolommen = {v.label: k for k, v in enumerate(blad.velden, start=1)}
        for r, rij in enumerate(inhoud, start=2):
            for label, waarde in rij.items():
                cel = ws.cell(r, kolommen[label], _celwaarde(labels[label], waarde))
                if isinstance(waarde, str) and "\n" in waarde or isinstance(waarde, list):
                    cel.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(waarde, dt.time):
                    cel.number_format = NOTATIES["tijd"]
                elif isinstance(waarde, dt.date):
                    cel.number_format = NOTATIES["datum"]


# The order the Open XML schema requires inside <font>; openpyxl writes name/family first,
# which Excel accepts but the schema validator rejects.
_FONTVOLGORDE = [
    "b",
    "i",
    "strike",
    "condense",
    "extend",
    "outline",
    "shadow",
    "u",
    "vertAlign",
    "sz",
    "color",
    "name",
    "family",
    "charset",
    "scheme",
]


def _schema_volgorde(naam: str, data: bytes) -> bytes:
    """xl/styles.xml with the children of every <font> in schema order; the document
    properties without the moment of saving (the same content gives the same bytes)."""
    if naam == "docProps/core.xml":
        return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>2000-01-01T00:00:00Z\2", data)
    if naam != "xl/styles.xml":
        return data

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rang = {ns + n: i for i, n in enumerate(_FONTVOLGORDE)}
    root = etree.fromstring(data)
    for font in root.iter(ns + "font"):
        font[:] = sorted(font, key=lambda k: rang.get(k.tag, len(rang)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def werkmap_bytes(wb) -> bytes:
    """An openpyxl workbook as .xlsx bytes that pass the Open XML schema check, the same
    bytes for the same content."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return vaste_zip(buffer.getvalue(), _schema_volgorde)


def schrijf_werkboek(wb, pad: Path, overschrijven: bool = False, bijlagen: dict[Path, bytes] | None = None) -> None:
    """Save atomically, with any files that belong to it (the example's heat map); refuses to
    replace an existing file unless ``overschrijven``."""
    schrijf_atomair({pad: werkmap_bytes(wb), **(bijlagen or {})}, overschrijven=overschrijven)
