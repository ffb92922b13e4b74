"""Dutch formatting for the templates: dates, times, numbers, percentages, lists.

Babel supplies the Dutch month names and number symbols, so no table of them lives here.
Each function is a Jinja filter under the same name (see :mod:`generator.sjabloon`).
"""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

TAAL = "nl_NL"


def datum(d: dt.date | None) -> str:
    """'3 maart 2027'."""
    return format_date(d, "d MMMM y", locale=TAAL) if d else ""


def datum_dag(d: dt.date | None) -> str:
    """'dinsdag 9 maart 2027'."""
    return format_date(d, "EEEE d MMMM y", locale=TAAL) if d else ""


def datum_kort(d: dt.date | None) -> str:
    """'9 mrt.' for tight spaces such as a timeline."""
    return format_date(d, "d MMM", locale=TAAL) if d else ""


def maand(d: dt.date | None) -> str:
    """'maart 2027'."""
    return format_date(d, "MMMM y", locale=TAAL) if d else ""


def tijd(t: dt.time | None) -> str:
    """'13.30' (the Dutch way: a full stop between hours and minutes)."""
    return f"{t.hour:02d}.{t.minute:02d}" if t else ""


def tijdvak(begin: dt.time | None, einde: dt.time | None) -> str:
    """'13.30 - 16.00 uur', or '13.30 uur' with only a start."""
    if begin and einde:
        return f"{tijd(begin)} - {tijd(einde)} uur"
    if begin:
        return f"{tijd(begin)} uur"
    return ""


def getal(n: int | float | None) -> str:
    """'1.234'; '12,5' for a fraction."""
    if n is None:
        return ""
    return format_decimal(n, format="#,##0.#", locale=TAAL)


def procent(p: float | None) -> str:
    """'12,5%'; '62%'."""
    if p is None:
        return ""
    return f"{format_decimal(p, format='#,##0.#', locale=TAAL)}%"


def janee(waarde: bool | None) -> str:
    return "" if waarde is None else ("ja" if waarde else "nee")


def opsomming(items, laatste: str = "en") -> str:
    """'a, b en c'; with ``laatste="of"``: 'a, b of c' (Babel's Dutch list patterns)."""
    items = [str(i) for i in items if i]
    if not items:
        return ""
    return format_list(items, style="or" if laatste == "of" else "standard", locale=TAAL)


def achternaam(naam: str | None) -> str:
    """The surname for 'Geachte heer …': 'Ilse van Dam' -> 'Van Dam', 'A. el Amrani' -> 'El
    Amrani' (the first name and initials dropped; a tussenvoegsel then starts with a capital)."""
    delen = (naam or "").split()
    if len(delen) <= 1:
        return naam or ""
    rest = delen[1:]
    while len(rest) > 1 and re.fullmatch(r"(?:\w\.)+", rest[0]):
        rest = rest[1:]
    achter = " ".join(rest)
    return achter[:1].upper() + achter[1:]


def maanden(aantal: float) -> str:
    """'4 maanden', '3,5 maanden', '1 maand'."""
    afgerond = round(aantal * 2) / 2
    return f"{getal(afgerond)} {'maand' if afgerond == 1 else 'maanden'}"


FILTERS = {
    "datum": datum, "datum_dag": datum_dag, "datum_kort": datum_kort, "maand": maand, "tijd": tijd,
    "getal": getal, "procent": procent, "janee": janee, "opsomming": opsomming, "maanden": maanden,
    "achternaam": achternaam,
}
def maanden_tussen(van: dt.date, tot: dt.date) -> float:
    """The months from ``van`` to ``tot`` (30.44 days each), for 'over ongeveer 2,5 maanden'."""
    return (tot - van).days / 30.44


GLOBALS = {"tijdvak": tijdvak, "maanden_tussen": maanden_tussen}
