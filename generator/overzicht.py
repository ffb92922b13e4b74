"""The region overview: one Excel row per workbook of a folder build (``bouw MAP/``), for the
GGD adviser who supports many municipalities: where each stands in phase 2, its meetings and
partners, what was made, what waits and for what, and for a workbook with errors its first
error with sheet and cell. Written with openpyxl; headings in ``sjablonen/voortgang.toml``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from generator.blanco import KOPKLEUR, NOTATIES, werkmap_bytes
from generator.contract import laad_contract
from generator.fouten import HitteplanFout, SjabloonFout, WerkboekFout
from generator.gereed import voortgang
from generator.keuzes import BIJEENKOMST, SOORT
from generator.model import Werkboek
from generator.opmaak import datum
from generator.sjabloon import render_tekst

NAAM = "overzicht-regio.xlsx"
BREEDTES = {
    "werkboek": 24,
    "gemeente": 20,
    "trekker": 22,
    "uitkomst": 12,
    "stand": 28,
    "gehouden": 30,
    "gepland": 30,
    "gemaakt": 50,
    "wacht": 70,
    "fout": 70,
    "map": 24,
}
_BIJEENKOMSTEN = (SOORT.start, SOORT.dialoog, SOORT.bestuurlijk)


class Koppen:
    """The texts of [overzicht] in voortgang.toml: each a Jinja text in the sandbox, checked
    before any workbook is built (a missing or broken one is named); the sheet's name one that
    Excel accepts."""

    def __init__(self, teksten):
        self.teksten = teksten
        self.kolommen = self._kolommen()
        self.blad = self["blad"]
        if not self.blad or len(self.blad) > 31 or re.search(r"[\[\]:*?/\\]", self.blad):
            raise SjabloonFout(
                "Sjabloon 'voortgang.toml': 'overzicht.blad' is geen geldige naam voor een Excel-blad "
                "(hoogstens 31 tekens, zonder : \\ / ? * [ ])."
            )

    def __getitem__(self, sleutel: str) -> str:
        return self.tekst(sleutel)

    def tekst(self, sleutel: str, **context) -> str:
        uit = render_tekst(
            "voortgang.toml", f"tekst 'overzicht.{sleutel}'", self.teksten.tekst(f"overzicht.{sleutel}"), context
        )
        return _zonder_stuurtekens(uit)

    def _kolommen(self) -> list[tuple[str, str]]:
        """(key, heading) of every column, in order."""
        statussen = laad_contract().blad("stakeholders").veld("status").keuzes
        return [
            ("werkboek", self["werkboek"]),
            ("gemeente", self["gemeente"]),
            ("trekker", self["trekker"]),
            ("uitkomst", self["uitkomst"]),
            ("stand", self["stand"]),
            *((f"bijeenkomst:{s}", self.tekst("bijeenkomst", soort=s)) for s in _BIJEENKOMSTEN),
            ("gehouden", self["gehouden"]),
            ("gepland", self["gepland"]),
            ("partners", self["partners"]),
            *((f"status:{s}", self.tekst("partners_status", status=s)) for s in statussen),
            ("ambitie", self["ambitie"]),
            ("gemaakt", self["gemaakt"]),
            ("bestanden", self["bestanden"]),
            ("wacht", self["wacht"]),
            ("fout", self["fout"]),
            ("map", self["map"]),
        ]


def _zonder_stuurtekens(tekst: str) -> str:
    """What an Excel cell can hold: no control characters (a file name may have them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", tekst)


def regel(werkboek: Path, wb: Werkboek | None, resultaat, teksten, koppen: Koppen, basis: Path) -> dict[str, object]:
    """One workbook's row: ``wb`` the read workbook (None when it could not be read),
    ``resultaat`` its :class:`~generator.bouw.Bouwresultaat` or the error it raised."""
    kop = koppen
    uit: dict[str, Any] = {"werkboek": werkboek.name}
    fout = isinstance(resultaat, HitteplanFout)
    uit["uitkomst"] = kop["mislukt"] if fout else kop["gelukt"]
    if fout:
        uit["fout"] = str(resultaat.fouten[0] if isinstance(resultaat, WerkboekFout) else resultaat)
    if wb is None:
        return uit
    stand = voortgang(wb, teksten)
    uit.update(gemeente=wb.algemeen.gemeente, trekker=wb.algemeen.naam_trekker, stand=stand.momentnaam)
    for soort in _BIJEENKOMSTEN:
        b = wb.bijeenkomst(soort)
        if b is not None and b.status != BIJEENKOMST.geannuleerd:
            uit[f"bijeenkomst:{soort}"] = b.datum
    uit["gehouden"] = "\n".join(f"{b.naam} ({datum(b.datum)})" for b in wb.gehouden)
    uit["gepland"] = "\n".join(
        f"{b.naam} ({datum(b.datum)})"
        for b in wb.bijeenkomsten
        if b.status not in (BIJEENKOMST.afgerond, BIJEENKOMST.geannuleerd)
    )
    uit["partners"] = len(wb.stakeholders)
    for s in wb.stakeholders:
        if s.status:
            uit[f"status:{s.status}"] = uit.get(f"status:{s.status}", 0) + 1
    uit["ambitie"] = "ja" if wb.ambitie.ambitie else "nee"
    if not fout:
        uit["gemaakt"] = "\n".join(d.naam for d in stand.klaar)
        uit["bestanden"] = len(resultaat.bestanden)
        uit["wacht"] = "\n".join(f"{d.naam} — {d.wacht_op}" for d in resultaat.wachtend)
        uit["map"] = str(resultaat.map.relative_to(basis)) if basis in resultaat.map.parents else str(resultaat.map)
    return uit


def maak_overzicht(regels: list[dict[str, object]], koppen: Koppen) -> bytes:
    """The overview workbook: header frozen, filters on, dates as Excel dates."""
    kolommen = koppen.kolommen
    boek = Workbook()
    ws = boek.active
    ws.title = koppen.blad
    for k, (_, kop) in enumerate(kolommen, start=1):
        cel = ws.cell(1, k, kop)
        cel.font = Font(bold=True, color="FFFFFF")
        cel.fill = PatternFill("solid", fgColor=KOPKLEUR)
        cel.alignment = Alignment(vertical="center", wrap_text=True)
    for r, waarden in enumerate(regels, start=2):
        regels_hoog = 1
        for k, (sleutel, _) in enumerate(kolommen, start=1):
            waarde = waarden.get(sleutel)
            if waarde is None:
                continue
            if isinstance(waarde, str):
                waarde = _zonder_stuurtekens(waarde)
            if isinstance(waarde, str):  # a row as high as its longest cell (not every program fits rows itself)
                breedte = BREEDTES.get(sleutel.split(":")[0], 14)
                regels_hoog = max(regels_hoog, sum(-(-len(regel) // breedte) or 1 for regel in waarde.split("\n")))
            cel = ws.cell(r, k, waarde)
            cel.alignment = Alignment(vertical="top", wrap_text=isinstance(waarde, str))
            if isinstance(waarde, dt.date):
                cel.number_format = NOTATIES["datum"]
        ws.row_dimensions[r].height = 15 * regels_hoog
    for k, (sleutel, _) in enumerate(kolommen, start=1):
        ws.column_dimensions[get_column_letter(k)].width = BREEDTES.get(sleutel.split(":")[0], 14)
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"  # printed: one page wide
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(kolommen))}{max(1, len(regels) + 1)}"
    return werkmap_bytes(boek)
