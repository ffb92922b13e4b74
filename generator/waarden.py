"""Turning one cell's raw value into a typed value, per contract type.

Each ``lees_*`` function takes the raw value a cell gives (str, int, float, bool,
datetime, date, time) and the cell's number format, and returns the typed value or raises
:class:`OngeldigeWaarde` with the Dutch explanation of what was expected. The reader adds
the sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from email_validator import EmailNotValidError, validate_email

from generator.contract import normaliseer

MAANDEN = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
JA = {"ja", "j", "x", "waar", "true", "yes", "y", "1", "✓", "v"}
NEE = {"nee", "n", "onwaar", "false", "no", "0", "-"}
# control characters (also what XML cannot hold), the marks that turn text around (a name that
# reads backwards in a document or on the web page, a phone number whose parts change places:
# the embeddings and isolates, and the left-to-right, right-to-left and Arabic letter marks),
# and invisible characters (zero-width space, word joiner and invisible operators, the tag
# characters that can hide a whole text)
_CONTROLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff\U000e0000-\U000e007f]"
)
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")  # what makes Excel read a cell as a formula (OWASP)
_KLEUR = re.compile(r"^#?([0-9A-Fa-f]{6})$")
_WIJKCODE = re.compile(r"^WK\d{6}$")


# letters of other scripts that look like Latin ones (after Unicode's confusables, for the
# letters a sheet's name can hold): 'Аlgemeen' with a Cyrillic А is 'Algemeen' to the eye
_GELIJKENDE = str.maketrans(
    "АВЕКМНОРСТХУЅІЈԁаеорсухѕіјӏһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοριυνκχℓ", "ABEKMHOPCTXYSIJdaeopcyxsijlhqwABEZHIKMNOPTYXaopiuvkxl"
)


def skelet(tekst: str) -> str:
    """What a name looks like: compatibility forms and accents folded, look-alike letters of
    other scripts made Latin, invisible marks left out, case ignored. Two sheet names with
    the same skeleton cannot be told apart on screen."""
    tekst = _CONTROLE.sub("", unicodedata.normalize("NFKD", str(tekst)))
    tekst = "".join(c for c in tekst if not unicodedata.combining(c) and c not in "\u200c\u200d\u00ad")
    tekst = tekst.translate(_GELIJKENDE).casefold()
    tekst = tekst.replace("0", "o").replace("1", "l").replace("i", "l").replace("rn", "m")
    return re.sub(r"[\s_\-]+", " ", tekst).strip()


class OngeldigeWaarde(ValueError):
    """Raised when a cell's value does not fit its type; the message is the Dutch reason."""


def toon(waarde: object) -> str:
    """The raw value as the user typed it, for quoting in a message (shortened)."""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    tekst = str(waarde)
    return tekst if len(tekst) <= 40 else tekst[:37] + "…"


def schoon_tekst(waarde: object) -> tuple[str, bool]:
    """Text with spaces (also non-breaking) trimmed, line breaks normalised and control
    characters removed. Returns the text and whether control characters were removed."""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    tekst = str(waarde)
    # openpyxl leaves Excel's _xHHHH_ escapes for control characters in place
    tekst = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), tekst)
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ")
    schoon = _CONTROLE.sub("", tekst)
    schoon = unicodedata.normalize("NFC", schoon)
    regels = [r.strip(" ") for r in schoon.split("\n")]
    while regels and not regels[0]:
        regels.pop(0)
    while regels and not regels[-1]:
        regels.pop()
    return "\n".join(regels), schoon != tekst


MAX_TEKST = 200
MAX_LANGETEKST = 10_000


def _plat(waarde: object) -> str:
    """Cleaned text on one line, any length (for parsing other types)."""
    tekst, _ = schoon_tekst(waarde)
    return " ".join(tekst.split())


def lees_tekst(waarde: object) -> str:
    tekst = _plat(waarde)
    if len(tekst) > MAX_TEKST:
        raise OngeldigeWaarde(
            f"de tekst is te lang ({len(tekst)} tekens); dit veld is voor één regel van hoogstens {MAX_TEKST} tekens"
        )
    return tekst


def lees_langetekst(waarde: object) -> str:
    tekst, _ = schoon_tekst(waarde)
    if len(tekst) > MAX_LANGETEKST:
        raise OngeldigeWaarde(
            f"de tekst is te lang ({len(tekst)} tekens); hoogstens {MAX_LANGETEKST:,} tekens past in de "
            "documenten".replace(",", ".")
        )
    return re.sub(r"\n{3,}", "\n\n", tekst)


def lees_lijst(waarde: object) -> tuple[str, ...]:
    tekst, _ = schoon_tekst(waarde)
    items = []
    for regel in tekst.split("\n"):
        regel = re.sub(r"^\s*(?:[•\-\*·]|\d+[.)])\s+", "", regel).strip()
        if regel:
            items.append(" ".join(regel.split()))
    return tuple(items)


EERSTE_JAAR, LAATSTE_JAAR = 1900, 2199


def lees_datum(waarde: object) -> dt.date:
    datum = _datum(waarde)
    if not EERSTE_JAAR <= datum.year <= LAATSTE_JAAR:
        raise OngeldigeWaarde(
            f"'{toon(waarde if isinstance(waarde, str) else f'{datum.day}-{datum.month}-{datum.year}')}' ligt niet "
            f"tussen {EERSTE_JAAR} en {LAATSTE_JAAR + 1}; verwacht een datum als 3-3-2027"
        )
    return datum


def _datum(waarde: object) -> dt.date:
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    fout = OngeldigeWaarde(f"'{toon(waarde)}' is geen datum; verwacht bijvoorbeeld 3-3-2027 of 3 maart 2027")
    if not isinstance(waarde, str):
        raise fout
    tekst = _plat(waarde).casefold()
    tekst = re.sub(
        r"^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+", "", tekst
    )
    try:
        if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", tekst):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", tekst):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if (m := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", tekst)) and m[2] in MAANDEN:
            return dt.date(int(m[3]), MAANDEN[m[2]], int(m[1]))
    except ValueError:
        raise OngeldigeWaarde(f"'{toon(waarde)}' is geen bestaande datum") from None
    raise fout


def lees_tijd(waarde: object) -> dt.time:
    if isinstance(waarde, dt.datetime):
        return waarde.time().replace(second=0, microsecond=0)
    if isinstance(waarde, dt.time):
        return waarde.replace(second=0, microsecond=0)
    if isinstance(waarde, float | int) and not isinstance(waarde, bool) and 0 <= waarde < 1:
        minuten = round(waarde * 24 * 60)
        return dt.time(minuten // 60, minuten % 60)
    if isinstance(waarde, str):
        tekst = _plat(waarde).casefold().removesuffix("uur").strip()
        m = re.fullmatch(r"(\d{1,2})(?:[:.u](\d{2}))?", tekst)
        if m and int(m[1]) < 24 and int(m[2] or 0) < 60:
            return dt.time(int(m[1]), int(m[2] or 0))
    raise OngeldigeWaarde(f"'{toon(waarde)}' is geen tijd; verwacht bijvoorbeeld 13:30")


def lees_geheel(waarde: object) -> int:
    fout = OngeldigeWaarde(f"'{toon(waarde)}' is geen geheel getal; verwacht bijvoorbeeld 1234")
    if isinstance(waarde, bool):
        raise fout
    if isinstance(waarde, int):
        getal = waarde
    elif isinstance(waarde, float):
        if not waarde.is_integer():
            raise fout
        getal = int(waarde)
    elif isinstance(waarde, str):
        tekst = _plat(waarde).replace(" ", "")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", tekst):
            tekst = tekst.replace(".", "")
        if not re.fullmatch(r"-?\d+", tekst):
            raise fout
        getal = int(tekst)
    else:
        raise fout
    if getal < 0:
        raise OngeldigeWaarde(f"'{toon(waarde)}' is negatief; verwacht een aantal van 0 of meer")
    if getal > 100_000_000:
        raise OngeldigeWaarde(f"'{toon(waarde)}' is onwaarschijnlijk groot")
    return getal


def lees_percentage(waarde: object, getalnotatie: str = "General") -> float:
    """12,5 / 12.5 / '12,5%' / 0,125 formatted as % all mean 12.5."""
    fout = OngeldigeWaarde(f"'{toon(waarde)}' is geen percentage; verwacht bijvoorbeeld 12,5 of 12,5%")
    if isinstance(waarde, bool):
        raise fout
    if isinstance(waarde, int | float):
        notatie = re.sub(r'"[^"]*"|\\.', "", getalnotatie or "")  # a quoted or escaped % is decoration
        getal = float(waarde) * (100 if "%" in notatie else 1)
        tekst_waarde = f"{getal:g}"
    elif isinstance(waarde, str):
        tekst = _plat(waarde).replace(" ", "")
        m = re.fullmatch(r"(\d+(?:[.,]\d+)?)%?", tekst)
        if not m:
            raise fout
        getal = float(m[1].replace(",", "."))
        tekst_waarde = toon(waarde)
    else:
        raise fout
    if not 0 <= getal <= 100:
        raise OngeldigeWaarde(f"'{tekst_waarde}' ligt niet tussen 0 en 100 procent")
    return round(getal, 4)


def lijkt_fractie(waarde: object, getalnotatie: str = "General") -> bool:
    """True for a percentage typed as a fraction without a % sign (0,39 in a cell without %
    format): read as 0,39%, while 39% may have been meant. Worth asking, not refusing."""
    if isinstance(waarde, bool):
        return False
    if isinstance(waarde, int | float):
        notatie = re.sub(r'"[^"]*"|\\.', "", getalnotatie or "")
        return "%" not in notatie and 0 < waarde < 1
    if isinstance(waarde, str):
        m = re.fullmatch(r"(\d+(?:[.,]\d+)?)", _plat(waarde).replace(" ", ""))
        return m is not None and 0 < float(m[1].replace(",", ".")) < 1
    return False


def lees_janee(waarde: object) -> bool:
    if isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, int | float) and waarde in (0, 1):
        return bool(waarde)
    tekst = _plat(waarde).casefold() if isinstance(waarde, str) else None
    if tekst in JA:
        return True
    if tekst in NEE:
        return False
    raise OngeldigeWaarde(f"'{toon(waarde)}' is geen ja of nee; verwacht ja of nee")


def lees_keuze(waarde: object, keuzes: tuple[str, ...]) -> str:
    sleutel = normaliseer(_plat(waarde))
    for keuze in keuzes:
        if normaliseer(keuze) == sleutel:
            return keuze
    opties = ", ".join(keuzes) if len(keuzes) <= 8 else ", ".join(keuzes[:6]) + " …"
    raise OngeldigeWaarde(f"'{toon(waarde)}' staat niet in de keuzelijst; kies uit {opties}")


def lees_email(waarde: object) -> str:
    """An e-mail address, checked by email-validator (syntax only: nothing is looked up on the
    internet); one that begins with a character Excel reads as a formula is refused too (it
    goes into the mail-merge CSV)."""
    tekst = _plat(waarde)
    fout = OngeldigeWaarde(f"'{toon(waarde)}' is geen geldig e-mailadres; verwacht bijvoorbeeld naam@gemeente.nl")
    if tekst[:1] in FORMULETEKENS:
        raise fout
    try:
        return validate_email(tekst, check_deliverability=False).normalized
    except EmailNotValidError as err:
        raise fout from err


def lees_kleur(waarde: object) -> str:
    m = _KLEUR.match(_plat(waarde))
    if not m:
        raise OngeldigeWaarde(f"'{toon(waarde)}' is geen kleurcode; verwacht bijvoorbeeld #00689E")
    return "#" + m[1].upper()


def lees_wijkcode(waarde: object) -> str:
    tekst = _plat(waarde).upper().replace(" ", "")
    if not _WIJKCODE.match(tekst):
        raise OngeldigeWaarde(
            f"'{toon(waarde)}' is geen CBS-wijkcode; verwacht WK en zes cijfers, bijvoorbeeld WK036301"
        )
    return tekst
