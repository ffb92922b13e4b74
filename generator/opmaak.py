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
    """'13.30–16.00 uur' (an en dash, as Dutch typesetting writes a range), or '13.30 uur'
    with only a start."""
    if begin and einde:
        return f"{tijd(begin)}\u2013{tijd(einde)} uur"
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
    """'a, b en c'; with ``laatste="of"``: 'a, b of c' (Babel's Dutch list patterns). When an
    item holds a comma itself ('Gemeente Sneek, sociaal domein'), the items are separated by
    semicolons: 'Gemeente Sneek, sociaal domein; GGD Fryslân en Rode Kruis, afdeling Sneek'."""
    items = [str(i) for i in items if i]
    if not items:
        return ""
    if len(items) > 2 and any("," in i for i in items):
        return f"{'; '.join(items[:-1])} {laatste} {items[-1]}"
    return format_list(items, style="or" if laatste == "of" else "standard", locale=TAAL)


def klein(tekst) -> str:
    """A title inside a sentence: its first letter lowercase, the rest as written ('Dialoog
    doelen en maatregelen Súdwest-Fryslân' -> 'dialoog doelen en maatregelen Súdwest-Fryslân');
    a first word that is an abbreviation (GGD) stays as it is."""
    tekst = str(tekst or "")
    eerste = tekst.split(" ", 1)[0]
    if not eerste or any(c.isupper() for c in eerste[1:]):
        return tekst
    return tekst[:1].lower() + tekst[1:]


def zinnen(teksten) -> str:
    """Texts joined into one run of sentences, each ending in a full stop (or its own ?, !, …)
    before the next begins: 'Weinig personeel. Per organisatie een ambassadeur.'"""
    return " ".join(zin(t) for t in teksten if t and str(t).strip())


def zin(tekst) -> str:
    """A text that ends as a sentence: a full stop added when it ends without one (or ?, !,
    …, :, ;)."""
    tekst = str(tekst or "").rstrip()
    return tekst if not tekst or tekst[-1] in ".?!…:;" else tekst + "."


# Titles and words of office before a name, and letters after it, that a salutation leaves out
TITELS = {
    "drs",
    "mr",
    "ds",
    "dr",
    "ir",
    "ing",
    "prof",
    "bc",
    "lic",
    "kand",
    "dhr",
    "mevr",
    "mw",
    "mevrouw",
    "heer",
    "wethouder",
    "burgemeester",
    "gedeputeerde",
    "voorzitter",
    "directeur",
    "bestuurder",
    "pastor",
    "pater",
    "zuster",
    "imam",
    "rabbijn",
    "dominee",
}
ACHTER = {"msc", "ma", "mba", "bsc", "ba", "llm", "phd", "ra", "mph", "emba", "jr", "sr"}
TUSSENVOEGSELS = {
    "de",
    "den",
    "der",
    "van",
    "von",
    "het",
    "'t",
    "’t",
    "in",
    "ter",
    "ten",
    "te",
    "el",
    "al",
    "la",
    "le",
    "du",
    "da",
    "di",
    "op",
    "aan",
    "uit",
    "bij",
    "voor",
    "onder",
    "over",
    "d'",
    "l'",
    "'s",
}


def naamdelen(naam: str | None) -> tuple[str | None, str | None, str]:
    """(first name or None, initials or None, surname with its tussenvoegsel) of a name as a
    workbook writes it: 'drs. R. de Vries' -> (None, 'R.', 'de Vries'); 'Wethouder Jan Meijer
    (zorg)' -> ('Jan', None, 'Meijer'). Titles, words of office, letters after the name,
    anything after a comma or in brackets are left out."""
    tekst = re.sub(r"\(.*?\)", " ", str(naam or "")).split(",")[0]
    delen = tekst.split()
    while delen and delen[0].casefold().rstrip(".") in TITELS:
        delen = delen[1:]
    while delen and delen[-1].casefold().rstrip(".") in ACHTER:
        delen = delen[:-1]
    voorletters = []
    while len(delen) > 1 and re.fullmatch(r"(?:\w{1,2}\.)+", delen[0]) and delen[0].casefold() not in TUSSENVOEGSELS:
        voorletters.append(delen.pop(0))
    if not delen:
        return None, " ".join(voorletters) or None, ""
    begin = next((i for i, d in enumerate(delen) if i >= 1 and d.casefold() in TUSSENVOEGSELS), None)
    if delen[0].casefold() in TUSSENVOEGSELS and len(delen) > 1:
        begin = 0
    if begin is None:
        begin = len(delen) - 1
    voornaam = " ".join(delen[:begin]) or None
    return voornaam, " ".join(voorletters) or None, " ".join(delen[begin:])


def achternaam(naam: str | None) -> str:
    """The surname for 'Geachte heer …': 'Ilse van Dam' -> 'Van Dam', 'drs. A. el Amrani' ->
    'El Amrani' (titles, first name and initials dropped; a tussenvoegsel then starts with a
    capital)."""
    achter = naamdelen(naam)[2]
    return achter[:1].upper() + achter[1:]


def zonder_titels(naam: str | None) -> str:
    """The name without titles, words of office and what follows a comma: 'dr. ir. Jan Meijer,
    bestuurder' -> 'Jan Meijer'; 'mr. J.P. Bakker' -> 'J.P. Bakker'."""
    voornaam, voorletters, achter = naamdelen(naam)
    return " ".join(x for x in (voornaam or voorletters, achter) if x)


def heeft_voornaam(naam: str | None) -> bool:
    """Whether a name gives a first name or initials before the surname (a neutral salutation
    needs one: 'Geachte Jan Meijer,', never 'Geachte Meijer,')."""
    voornaam, voorletters, _ = naamdelen(naam)
    return bool(voornaam or voorletters)


def maanden(aantal: float) -> str:
    """'4 maanden', '3,5 maanden', '1 maand'."""
    afgerond = round(aantal * 2) / 2
    return f"{getal(afgerond)} {'maand' if afgerond == 1 else 'maanden'}"


FILTERS = {
    "datum": datum,
    "datum_dag": datum_dag,
    "datum_kort": datum_kort,
    "maand": maand,
    "tijd": tijd,
    "getal": getal,
    "procent": procent,
    "janee": janee,
    "opsomming": opsomming,
    "maanden": maanden,
    "achternaam": achternaam,
    "zonder_titels": zonder_titels,
    "heeft_voornaam": heeft_voornaam,
    "zin": zin,
    "zinnen": zinnen,
    "klein": klein,
}


def maanden_tussen(van: dt.date, tot: dt.date) -> float:
    """The months from ``van`` to ``tot`` (30.44 days each), for 'over ongeveer 2,5 maanden'."""
    return (tot - van).days / 30.44


GLOBALS = {"tijdvak": tijdvak, "maanden_tussen": maanden_tussen}
