"""Property-based: whatever a trekker types in any cell, the reader returns a model or the
project's own input errors, nothing else; and whatever it returns renders into documents

that reopen."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache

import docx
import openpyxl
import pptx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.contract import laad_contract
from generator.fouten import HitteplanFout
from generator.lezer import lees
from generator.sjabloon import Sjablonen
from generator.voorbeeld import hittekaart, maak_voorbeeld

pytestmark = pytest.mark.traag

_ONGELDIG = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@cache
def _voorbeeld() -> bytes:
    buffer = io.BytesIO()
    maak_voorbeeld().save(buffer)
    return buffer.getvalue()


def _plekken():
    uit = []
    for blad in laad_contract().bladen:
        for i, veld in enumerate(blad.velden):
            if blad.soort == "velden":
                uit.append((blad.naam, veld.type, lambda r, i=i: f"B{i + 2}"))
            else:
                kolom = openpyxl.utils.get_column_letter(i + 1)
                uit.append((blad.naam, veld.type, lambda r, k=kolom: f"{k}{r}"))
    return uit


def _als_excel(tekst: str) -> str:
    """Control characters as Excel stores them (_xHHHH_): openpyxl cannot write them raw."""
    return _ONGELDIG.sub(lambda m: f"_x{ord(m.group()):04X}_", tekst)


waarden = st.one_of(
    st.none(),
    st.text(max_size=60).map(_als_excel),
    st.text(alphabet=st.sampled_from("0123456789,.%- /:jJnNxX"), max_size=12),
    st.text(min_size=2000, max_size=5000).map(_als_excel),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.times(),
    st.sampled_from(
        [
            "=1+1",
            "=A1",
            "=1/0",
            "ja",
            "nee",
            "3 maart 2027",
            "31-2-2027",
            "12,5%",
            "WK036301",
            "Heuvelrug-Noord",
            "GGD Heuvelland",
            "#00689e",
            "\u00a0",
            "Zorg & Welzijn <Noord>",
        ]
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plek=st.sampled_from(_plekken()), rij=st.integers(min_value=2, max_value=12), waarde=waarden)
def test_elke_celwaarde_geeft_model_of_eigen_fout(tmp_path, plek, rij, waarde):
    from generator.canvas import maak_canvas
    from generator.notitie import maak_notitie
    from generator.presentatie import maak_presentatie

    blad, _, cel = plek
    wb = openpyxl.load_workbook(io.BytesIO(_voorbeeld()))
    wb[blad][cel(rij)] = waarde
    pad = tmp_path / "eigenschap.xlsx"
    wb.save(pad)
    kaart, beeld = hittekaart()
    (tmp_path / kaart).write_bytes(beeld)
    try:
        model, meldingen = lees(pad)
    except HitteplanFout:
        return
    assert all(m.tekst and isinstance(m.tekst, str) for m in meldingen)
    if model is None:
        assert any(m.ernst == "fout" and m.blad for m in meldingen)
        return
    sjablonen = Sjablonen()
    notitie = docx.Document(io.BytesIO(maak_notitie(model, sjablonen)))
    assert notitie.core_properties.title
    assert "None" not in "\n".join(p.text for p in notitie.paragraphs)
    canvas = docx.Document(io.BytesIO(maak_canvas(model, sjablonen)[0]))
    assert len(canvas.tables[0].rows) == 5
    deck = pptx.Presentation(io.BytesIO(maak_presentatie(model, sjablonen)))
    assert len(deck.slides) >= 5
