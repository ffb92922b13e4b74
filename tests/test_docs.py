"""The examples of docs/python-api.md run, block after block, in an empty folder: the page
about the Python API says what works. And every public name of the API is documented."""

from __future__ import annotations

import re

from generator import opdrachten

from .conftest import REPO

PAGINA = REPO / "docs" / "python-api.md"


def test_voorbeelden_van_de_python_api_werken(tmp_path, monkeypatch):
    blokken = re.findall(r"```python\n(.*?)```", PAGINA.read_text(encoding="utf-8"), flags=re.S)
    assert len(blokken) >= 4
    monkeypatch.chdir(tmp_path)
    namen: dict = {}
    for blok in blokken:
        exec(compile(blok, str(PAGINA), "exec"), namen)  # noqa: S102 (our own documentation)
    assert (tmp_path / "documenten" / "bestuurlijke-notitie.docx").exists()


def test_elke_functie_van_de_api_heeft_uitleg_en_types():
    for naam in opdrachten.__all__:
        ding = getattr(opdrachten, naam)
        assert ding.__doc__, naam
        if callable(ding) and not isinstance(ding, type):
            assert "return" in ding.__annotations__, f"{naam} heeft geen type voor wat het teruggeeft"
