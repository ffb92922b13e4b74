"""The work of a template, bounded by construction.

The time limit of :func:`generator.bewaking.binnen_de_tijd` interrupts Python between two
steps; one step that is a single long C call (``b in [a] * 19999999`` with two long texts,
``"%*s" % (1900000000, "x")``, a ``|join`` of a huge list) cannot be interrupted and, on
Windows and macOS, no memory cap stops it either. So every operation whose cost or result a
template chooses is measured *before* it runs: repetition, concatenation (``+`` and ``~``),
``%`` formatting, comparisons and ``in``, the filters that build text (join, replace, indent,
wordwrap, batch, slice, sum, format, center) and every other filter's input, a value that is
printed, and the whole output. A method of a value may be called only from an allow-list
(no ``.today()``: the documents do not depend on the clock).

The measure is :func:`omvang`: the characters of the texts plus the elements of the lists
in a value, counted with an early stop, so that measuring is itself bounded.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re

import jinja2
from jinja2.compiler import CodeGenerator
from jinja2.runtime import LoopContext
from jinja2.utils import Cycler, Joiner, Namespace

MAX_TEKST = 20_000_000  # characters one value, or one document's output, may hold
MAX_ELEMENTEN = 1_000_000  # elements of the lists in one value
MAX_BREEDTE = 1000  # a width or precision in a format, or a filter's width
CODEVERSIE = 1  # changes whenever the code a template compiles to changes (the bytecode cache's key)


class TeGroot(jinja2.exceptions.SecurityError):
    """An operation of a template would build or compare more than its bounds allow."""


class MethodeVerboden(jinja2.exceptions.SecurityError):
    """A template called a method of a value that is not on the allow-list."""


def omvang(waarde: object) -> int:
    """The size of a value: characters of its texts plus elements of its lists, tuples and
    dicts, nested; more than :data:`MAX_TEKST` (or more than :data:`MAX_ELEMENTEN` elements)
    is returned as ``MAX_TEKST + 1`` as soon as it is seen. Numbers, dates and the model's
    objects count one (what they hold is bounded by the workbook)."""
    if isinstance(waarde, str):
        return len(waarde)
    if not isinstance(waarde, list | tuple | dict | set | frozenset):
        return 1
    tekens = elementen = 0
    stapel = [waarde]
    while stapel:
        w = stapel.pop()
        if isinstance(w, str):
            tekens += len(w)
        elif isinstance(w, list | tuple | set | frozenset | dict):
            elementen += len(w) + 1
            if elementen > MAX_ELEMENTEN:
                return MAX_TEKST + 1
            stapel.extend(w)
            if isinstance(w, dict):
                stapel.extend(w.values())
        else:
            tekens += 1
        if tekens + elementen > MAX_TEKST:
            return MAX_TEKST + 1
    return tekens + elementen


def te_groot(wat: str) -> TeGroot:
    return TeGroot(wat)


def _hoogstens(totaal: int, wat: str = "een tekst of lijst die te groot wordt") -> None:
    if totaal > MAX_TEKST:
        raise te_groot(wat)


# -- operators ------------------------------------------------------------------------------
_FORMAAT = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?([a-zA-Z%])")


def controleer_formaat(formaat: str) -> None:
    """A %-format without a width or precision from the arguments (``*``) or beyond
    :data:`MAX_BREEDTE`."""
    for breedte, precisie, _ in _FORMAAT.findall(formaat):
        for maat in (breedte, precisie):
            if maat == "*" or (maat and int(maat) > MAX_BREEDTE):
                raise te_groot("een breedte die te groot is")


def binop(operator_: str, links, rechts) -> None:
    """Refuse ``links <operator_> rechts`` when its result would be too large to build."""
    if operator_ == "**" and isinstance(rechts, int | float) and not isinstance(rechts, bool):
        bits = abs(links).bit_length() if isinstance(links, int) else 1  # a float overflows by itself
        if abs(rechts) > 64 or rechts * bits > 100_000:
            raise te_groot("een macht die te groot wordt")
    elif operator_ == "+" and isinstance(links, str | list | tuple) and isinstance(rechts, str | list | tuple):
        _hoogstens(omvang(links) + omvang(rechts))
    elif operator_ == "*":
        if isinstance(links, int) and isinstance(rechts, int):
            if abs(links).bit_length() + abs(rechts).bit_length() > 100_000:
                raise te_groot("een getal dat te groot wordt")  # one multiplication cannot be stopped
            return
        reeks, aantal = (links, rechts) if isinstance(rechts, int) else (rechts, links)
        if isinstance(reeks, str | list | tuple) and isinstance(aantal, int):
            if not isinstance(reeks, str) and len(reeks) * aantal > MAX_ELEMENTEN:
                raise te_groot("een herhaling die te lang wordt")
            _hoogstens(omvang(reeks) * max(aantal, 0), "een herhaling die te lang wordt")
    elif operator_ == "%" and isinstance(links, str):
        controleer_formaat(links)
        _hoogstens(len(links) + omvang(rechts))


_VERGELIJK = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "lteq": operator.le,
    "gt": operator.gt,
    "gteq": operator.ge,
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
}


def vergelijk(op: str, links, rechts):
    """``links <op> rechts`` (Jinja's names: eq, in, notin, ...) after checking that the
    comparison is bounded: equal texts or lists are compared element by element, and ``in``
    compares with every element of a list."""
    if op in ("in", "notin"):
        if isinstance(rechts, list | tuple):
            if omvang(rechts) > MAX_TEKST and len(rechts) * (omvang(links) + 1) > MAX_TEKST:
                raise te_groot("een vergelijking met een te lange lijst")
        elif isinstance(rechts, dict | set | frozenset):
            _hoogstens(omvang(links), "een vergelijking met een te grote waarde")
    elif omvang(links) > MAX_TEKST and omvang(rechts) > MAX_TEKST:
        raise te_groot("een vergelijking van twee te grote waarden")
    return _VERGELIJK[op](links, rechts)


def aaneen(samenvoegen, delen: tuple):
    """``a ~ b ~ c``: Jinja's own joining, after checking the length of the result."""
    _hoogstens(sum(omvang(d) for d in delen))
    return samenvoegen(delen)


class Code(CodeGenerator):
    """Jinja's code generator, with comparisons (``==``, ``<``, ``in``, ...) and ``~`` passed
    through :func:`vergelijk` and :func:`aaneen` (Jinja intercepts only arithmetic); a chain
    ``a < b < c`` becomes ``a < b and b < c``."""

    def visit_Compare(self, node, frame) -> None:  # noqa: N802 (Jinja's name)
        self.write("(")
        links = node.expr
        for i, op in enumerate(node.ops):
            if i:
                self.write(" and ")
            self.write(f"environment.vergelijk({op.op!r}, ")
            self.visit(links, frame)
            self.write(", ")
            self.visit(op.expr, frame)
            self.write(")")
            links = op.expr
        self.write(")")

    def visit_Concat(self, node, frame) -> None:  # noqa: N802
        if frame.eval_ctx.volatile:
            samenvoegen = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            samenvoegen = "markup_join"
        else:
            samenvoegen = "str_join"
        self.write(f"environment.aaneen({samenvoegen}, (")
        for deel in node.nodes:
            self.visit(deel, frame)
            self.write(", ")
        self.write("))")


def samenvoegen(stukken) -> str:
    """The output of a template (Jinja's ``Environment.concat``), refused while it is being
    collected as soon as it passes :data:`MAX_TEKST`."""
    lijst = []
    totaal = 0
    for stuk in stukken:
        totaal += len(stuk)
        if totaal > MAX_TEKST:
            raise te_groot("het invullen maakt te veel tekst")
        lijst.append(stuk)
    return "".join(lijst)


def afdrukbaar(waarde):
    """A value printed with ``{{ }}`` (Jinja's finalize): a list too large to write out is refused."""
    if waarde is None:
        return ""  # an optional field left empty
    if isinstance(waarde, list | tuple | dict | set | frozenset):
        _hoogstens(omvang(waarde))
    return waarde


# -- methods of values ----------------------------------------------------------------------
_TEKST = frozenset(
    {
        "upper",
        "lower",
        "title",
        "capitalize",
        "casefold",
        "swapcase",
        "strip",
        "lstrip",
        "rstrip",
        "startswith",
        "endswith",
        "isdigit",
        "isalpha",
        "isalnum",
        "isspace",
        "isupper",
        "islower",
        "istitle",
        "isnumeric",
        "isdecimal",
        "split",
        "rsplit",
        "splitlines",
        "partition",
        "rpartition",
        "find",
        "rfind",
        "index",
        "rindex",
        "count",
        "replace",
        "removeprefix",
        "removesuffix",
        "join",
        "striptags",
        "unescape",
    }
)
_METHODEN = [
    (str, _TEKST),
    (dict, frozenset({"get", "items", "keys", "values"})),
    (list | tuple, frozenset({"index", "count"})),
    (dt.date | dt.datetime | dt.time, frozenset({"isoformat", "strftime", "weekday", "isoweekday", "isocalendar"})),
    (dt.timedelta, frozenset({"total_seconds"})),
]
_JINJA = (jinja2.Environment, jinja2.runtime.Context, jinja2.nodes.EvalContext)
_EIGEN = (LoopContext, Cycler, Joiner, Namespace)  # Jinja's own helpers: loop.cycle(), a joiner, ...


def controleer_aanroep(functie, args: tuple, kwargs: dict, eigen_gegevens) -> None:
    """Refuse calling a method of a value that is not on the allow-list (``date.today()``,
    ``str.zfill``, ``dict.fromkeys``...), and an allowed one whose result would be too large."""
    eigenaar = getattr(functie, "__self__", None)
    if (
        eigenaar is None
        or type(eigenaar).__name__ == "module"
        or isinstance(eigenaar, _EIGEN)
        or eigen_gegevens(eigenaar)
    ):
        return  # a function (a filter offered as a global, a macro), or a method of the project's own data
    naam = getattr(functie, "__name__", "")
    toegestaan = next((namen for soort, namen in _METHODEN if isinstance(eigenaar, soort)), frozenset())
    if isinstance(eigenaar, type) or naam not in toegestaan:
        raise MethodeVerboden(
            f"de methode .{naam}() kan in een sjabloon niet (alleen bijvoorbeeld .upper(), "
            ".strip(), .split() en .strftime())"
        )
    if naam == "replace" and isinstance(eigenaar, str) and len(args) >= 2:
        oud, nieuw = str(args[0]), str(args[1])
        keer = eigenaar.count(oud) if oud else len(eigenaar) + 1
        _hoogstens(len(eigenaar) + keer * len(nieuw))
    elif naam == "join" and isinstance(eigenaar, str) and args:
        reeks = args[0] if isinstance(args[0], list | tuple | str) else list(args[0])
        _hoogstens(omvang(reeks) + len(eigenaar) * len(reeks))
    elif naam in ("index", "count") and isinstance(eigenaar, list | tuple) and args:
        vergelijk("in", args[0], eigenaar)
    elif naam == "strftime" and args and len(str(args[0])) > MAX_BREEDTE:
        raise te_groot("een datumnotatie die te lang is")


# -- filters --------------------------------------------------------------------------------
def _getal(waarde) -> int:
    return waarde if isinstance(waarde, int) and not isinstance(waarde, bool) else 0


def _breedte(*maten) -> None:
    for maat in maten:
        if _getal(maat) > MAX_BREEDTE:
            raise te_groot("een breedte die te groot is")


def _invoer(filter_):
    """Any filter, with its input and arguments measured first (so that, say, ``|string`` of
    a list too large to write out is refused before it is written out)."""

    @functools.wraps(filter_)
    def begrensd(*args, **kwargs):
        for waarde in (*args, *kwargs.values()):
            _hoogstens(omvang(waarde))
        return filter_(*args, **kwargs)

    return begrensd


def _met(filter_, controle):
    """``filter_`` with :func:`_invoer`'s check and then ``controle(*args, **kwargs)``."""

    @functools.wraps(filter_)
    def begrensd(*args, **kwargs):
        for waarde in (*args, *kwargs.values()):
            _hoogstens(omvang(waarde))
        eigen = 0  # Jinja passes some filters its context, eval context or environment first
        while eigen < len(args) and isinstance(args[eigen], _JINJA):
            eigen += 1
        controle(*args[eigen:], **kwargs)
        return filter_(*args, **kwargs)

    return begrensd


def _lijst(reeks) -> list:
    """A generator's elements as a list, measured while they come."""
    uit, totaal = [], 0
    for element in reeks:
        totaal += omvang(element) + 1
        _hoogstens(totaal)
        uit.append(element)
    return uit


def _join(filter_):
    """|join, of a list measured with its separators before it is joined."""

    @functools.wraps(filter_)
    def join(eval_ctx, value, d="", attribute=None):
        if not isinstance(value, str | list | tuple):
            value = _lijst(value)
        _hoogstens(omvang(value) + omvang(d) * max(len(value) - 1, 0) + omvang(d))
        return filter_(eval_ctx, value, d, attribute)

    return join


def _replace(s, old, new, count=None):
    s, old, new = str(s), str(old), str(new)
    keer = s.count(old) if old else len(s) + 1
    if count is not None:
        keer = min(keer, max(_getal(count), 0))
    _hoogstens(len(s) + keer * len(new))


def _indent(s, width=4, first=False, blank=False):
    if isinstance(width, str):
        _hoogstens(len(str(s)) + len(width) * (str(s).count("\n") + 1))
    else:
        _breedte(width)


def _wordwrap(s, width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True):
    _breedte(width)
    if wrapstring is not None:
        _hoogstens(len(str(s)) * (1 + len(str(wrapstring))))


def _batch(value, linecount, fill_with=None):
    if _getal(linecount) > MAX_ELEMENTEN or (fill_with is not None and _getal(linecount) > MAX_BREEDTE):
        raise te_groot("een |batch die te groot is")


def _slice(value, slices, fill_with=None):
    if _getal(slices) > MAX_BREEDTE:
        raise te_groot("een |slice die te groot is")


def _sum(filter_):
    """|sum: of numbers, or of lists (``|sum(start=())``) whose joining, one by one, is
    measured first: each step copies all before it."""

    @functools.wraps(filter_)
    def som(environment, iterable, attribute=None, start=0):
        if isinstance(start, int | float) and not isinstance(start, bool):
            return filter_(environment, iterable, attribute, start)
        if attribute is not None:
            raise te_groot("|sum met attribute alleen van getallen")
        delen = _lijst(iterable)
        lengte = sum(len(d) if isinstance(d, list | tuple | str) else 1 for d in delen) + omvang(start)
        _hoogstens(lengte * (len(delen) + 1), "een |sum die te groot wordt")
        return filter_(environment, delen, None, start)

    return som


def _format(value, *args, **kwargs):
    controleer_formaat(str(value))


def _center(value, width=80):
    _breedte(width)


def _truncate(s, length=255, killwords=False, end="...", leeway=None):
    _hoogstens(min(len(str(s)), _getal(length)) + len(str(end)))


_CONTROLES = {
    "replace": _replace,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "batch": _batch,
    "slice": _slice,
    "format": _format,
    "center": _center,
    "truncate": _truncate,
}


def begrens_filters(filters: dict) -> dict:
    """Every filter of an environment, measured (see the module's text)."""
    uit = {naam: _met(f, _CONTROLES[naam]) if naam in _CONTROLES else _invoer(f) for naam, f in filters.items()}
    if "join" in filters:
        uit["join"] = _join(filters["join"])
    if "sum" in filters:
        uit["sum"] = _sum(filters["sum"])
    return uit


def begrens_tests(tests: dict) -> dict:
    """Jinja's tests, with the comparing ones (``is in``, ``is eq``...) measured like the operators."""
    namen = {
        "in": "in",
        "eq": "eq",
        "==": "eq",
        "equalto": "eq",
        "ne": "ne",
        "!=": "ne",
        "lt": "lt",
        "<": "lt",
        "lessthan": "lt",
        "le": "lteq",
        "<=": "lteq",
        "gt": "gt",
        ">": "gt",
        "greaterthan": "gt",
        "ge": "gteq",
        ">=": "gteq",
    }
    uit = dict(tests)
    for naam, op in namen.items():
        if naam in uit:
            uit[naam] = functools.partial(vergelijk, op)
    return uit


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100):  # noqa: A002 (Jinja's names)
    """Jinja's lipsum, with at most :data:`MAX_BREEDTE` paragraphs and words."""
    from jinja2.utils import generate_lorem_ipsum

    _breedte(n, min, max)
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)
