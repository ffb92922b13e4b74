"""How the package is put together, read from its source: rules a reviewer would otherwise have
to remember. Each names the file and line that breaks it."""

from __future__ import annotations

import ast

from .conftest import REPO

PAKKET = REPO / "generator"
# only the edges read the clock and pass the date in (vandaag=): the documents take their dates
# from the workbook, and `controleer --datum` gives the same answer on every day
KLOK_MAG = {"cli.py", "opdrachten.py", "web/app.py", "web/werker.py"}
KLOK = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("time", "time")}


def _bronnen():
    for pad in sorted(PAKKET.rglob("*.py")):
        yield pad.relative_to(PAKKET).as_posix(), ast.parse(pad.read_text(encoding="utf-8"), str(pad))


def _klokregels(boom: ast.AST) -> list[int]:
    """The lines of a module that read the clock (``dt.date.today()``, ``datetime.now()``, …)."""
    return sorted(
        k.lineno
        for k in ast.walk(boom)
        if isinstance(k, ast.Call) and isinstance(k.func, ast.Attribute) and (_naam(k.func.value), k.func.attr) in KLOK
    )


def test_alleen_de_randen_lezen_de_klok():
    gevonden = [
        f"generator/{naam}:{regel}" for naam, boom in _bronnen() if naam not in KLOK_MAG for regel in _klokregels(boom)
    ]
    assert gevonden == []


def test_geen_import_klimt_terug():
    """The renderers, the reader and the model never import the commands or the web layer."""
    boven = {"generator.cli", "generator.klik", "generator.opdrachten", "generator.web"}
    gevonden = []
    for naam, boom in _bronnen():
        if naam in ("cli.py", "klik.py", "opdrachten.py", "__main__.py") or naam.startswith("web/"):
            continue
        for knoop in ast.walk(boom):
            modules = (
                [a.name for a in knoop.names]
                if isinstance(knoop, ast.Import)
                else [knoop.module or ""]
                if isinstance(knoop, ast.ImportFrom)
                else []
            )
            gevonden += [
                f"generator/{naam}:{knoop.lineno} importeert {m}"
                for m in modules
                if any(m == b or m.startswith(b + ".") for b in boven)
            ]
    assert gevonden == []


SCHRIJVERS = {"bouw.py", "handwerk.py", "blanco.py", "overzicht.py", "cli.py", "opdrachten.py"}


def test_alleen_wie_schrijft_importeert_de_transactie():
    """The reader, the checks and the renderers make bytes; only the build (and the writers of
    the blank workbook and the overview) put files in place, through generator.uitvoer."""
    gevonden = [
        f"generator/{naam}:{knoop.lineno}"
        for naam, boom in _bronnen()
        if naam not in SCHRIJVERS and not naam.startswith("web/")
        for knoop in ast.walk(boom)
        if isinstance(knoop, ast.ImportFrom) and knoop.module == "generator.uitvoer"
    ]
    assert gevonden == []


def test_privé_attributen_alleen_in_rauw():
    """A library's private attribute (``x._p``) is read only in generator/rauw.py, where each
    has its reason; elsewhere only an object's own (``self._…``)."""
    gevonden = []
    for naam, boom in _bronnen():
        if naam == "rauw.py":
            continue
        for knoop in ast.walk(boom):
            if (
                isinstance(knoop, ast.Attribute)
                and knoop.attr.startswith("_")
                and not knoop.attr.startswith("__")
                and not (isinstance(knoop.value, ast.Name) and knoop.value.id in ("self", "cls"))
            ):
                gevonden.append(f"generator/{naam}:{knoop.lineno} .{knoop.attr}")
    assert gevonden == []


def _naam(knoop: ast.expr) -> str:
    """``dt.date`` -> 'date', ``datetime`` -> 'datetime', ``time`` -> 'time'."""
    if isinstance(knoop, ast.Attribute):
        return knoop.attr
    return knoop.id if isinstance(knoop, ast.Name) else ""


def test_de_klokregel_ziet_een_klok():
    """The rule above can fail: it finds each form of reading the clock."""
    bron = "import datetime as dt\nimport time\nx = dt.date.today()\ny = dt.datetime.now()\nz = time.time()\n"
    assert _klokregels(ast.parse(bron)) == [3, 4, 5]
    assert _klokregels(ast.parse("import time\nt = time.monotonic()\n")) == []
