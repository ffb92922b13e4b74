"""The workbook as Excel sees it: the dropdown (data validation) that covers a cell, what it
offers, and a trekker who fills in cells only by picking from those dropdowns.

openpyxl writes any value into any cell; Excel does not. A stop-style list validation makes
Excel refuse a value that is not in its list, so a test that writes cells with openpyxl proves
nothing about what a trekker can type. These helpers resolve each validation the way Excel
does (an inline list, a range on a sheet, or a defined name) and refuse what Excel would.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter, range_boundaries

from generator.contract import Blad, Contract


@dataclass(frozen=True)
class Bereik:
    """A resolved list validation: the sheet and cells it takes its options from (None for an
    inline list), and the options it offers now."""

    blad: str | None
    kolom: int | None
    eerste_rij: int | None
    laatste_rij: int | None
    keuzes: tuple[str, ...]


def _verwijzing(wb, formule: str) -> tuple[str, str] | None:
    formule = formule.strip().lstrip("=")
    if formule in wb.defined_names:
        formule = wb.defined_names[formule].attr_text
    m = re.fullmatch(r"(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)", formule)
    if not m:
        return None
    return (m[1].replace("''", "'") if m[1] is not None else m[2]), m[3].replace("$", "")


def los_op(wb, formule: str) -> Bereik:
    """What a list validation's formula offers in ``wb`` (openpyxl, not read-only)."""
    tekst = formule.strip()
    if tekst.startswith('"') and tekst.endswith('"'):
        return Bereik(None, None, None, None, tuple(v.strip() for v in tekst[1:-1].split(",")))
    gevonden = _verwijzing(wb, tekst)
    assert gevonden is not None, f"de formule {formule!r} is geen lijst, bereik of gedefinieerde naam"
    blad, cellen = gevonden
    assert blad in wb.sheetnames, f"de lijst {formule!r} wijst naar een blad dat niet bestaat"
    ws = wb[blad]
    k1, r1, k2, r2 = range_boundaries(cellen)
    assert k1 == k2, f"de lijst {formule!r} beslaat meer dan één kolom"
    keuzes = tuple(
        str(ws.cell(r, k1).value).strip() for r in range(r1, r2 + 1) if ws.cell(r, k1).value not in (None, "")
    )
    return Bereik(blad, k1, r1, r2, keuzes)


def validatie(ws, coord: str):
    """The data validation that covers ``coord`` on ``ws`` (the first, as Excel applies it), or None."""
    for dv in ws.data_validations.dataValidation:
        if coord in dv.sqref:
            return dv
    return None


def stopt(dv) -> bool:
    """True when Excel refuses a value outside the list (the default error style is 'stop')."""
    return dv.showErrorMessage and (dv.errorStyle in (None, "stop"))


def cel_van(wb, blad: Blad, label: str, rij: int | None = None) -> str:
    """The coordinate of a field: on a Veld | Waarde sheet the Waarde cell beside its label,
    on a sheet with a header row the column of its label in row ``rij``."""
    ws = wb[blad.naam]
    if blad.soort == "velden":
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, 1).value == label:
                return f"B{r}"
        raise AssertionError(f"het veld {label!r} staat niet in blad {blad.naam}")
    for k in range(1, ws.max_column + 1):
        if ws.cell(1, k).value == label:
            return f"{get_column_letter(k)}{rij}"
    raise AssertionError(f"de kolom {label!r} staat niet in blad {blad.naam}")


class Trekker:
    """Fills in a workbook cell by cell as a trekker in Excel would: where a cell has a
    dropdown, only a value it offers at that moment can go in; other cells take what is typed
    (a date as a date, several items on lines of their own)."""

    def __init__(self, wb, contract: Contract):
        self.wb, self.contract = wb, contract
        self.gekozen = 0  # how many values were picked from a dropdown

    def zet(self, bladnaam: str, label: str, waarde: object, rij: int | None = None) -> str:
        blad = self.contract.blad_op_naam(bladnaam)
        ws = self.wb[blad.naam]
        coord = cel_van(self.wb, blad, label, rij)
        dv = validatie(ws, coord)
        if isinstance(waarde, bool):
            waarde = "ja" if waarde else "nee"
        if isinstance(waarde, list | tuple):
            waarde = "\n".join(waarde)
        if dv is not None and dv.type == "list" and waarde is not None:
            aangeboden = los_op(self.wb, dv.formula1).keuzes
            assert str(waarde) in aangeboden, (
                f"{blad.naam}!{coord} ({label}): de keuzelijst biedt {list(aangeboden)[:8]}, niet {waarde!r}"
            )
            self.gekozen += 1
        cel = ws[coord]
        cel.value = waarde
        if isinstance(waarde, dt.time):
            cel.number_format = "hh:mm"
        elif isinstance(waarde, dt.date):
            cel.number_format = "d-m-yyyy"
        return coord

    def rij(self, bladnaam: str, waarden: dict[str, object], rij: int) -> None:
        for label, waarde in waarden.items():
            self.zet(bladnaam, label, waarde, rij)
