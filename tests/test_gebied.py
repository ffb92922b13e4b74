"""The word the trekker uses for an area (Algemeen: Gebiedsnaam) is the word in every
document: a municipality of kernen never reads 'wijk' in its deck, memo or canvas."""

from __future__ import annotations

import re

import docx
import pptx
from click.testing import CliRunner

from generator.cli import hoofd

WIJK = re.compile(r"\bwijk(en)?\b", re.IGNORECASE)


def _teksten_pptx(pad) -> list[str]:
    prs = pptx.Presentation(pad)
    uit = []
    for dia in prs.slides:
        for vorm in dia.shapes:
            if vorm.has_text_frame:
                uit.append(vorm.text_frame.text)
            if vorm.has_table:
                uit += [c.text for r in vorm.table.rows for c in r.cells]
            if vorm.has_chart:
                uit.append(vorm.chart.chart_title.text_frame.text if vorm.chart.has_title else "")
        if dia.has_notes_slide:
            uit.append(dia.notes_slide.notes_text_frame.text)
    return uit


def _teksten_docx(pad) -> list[str]:
    d = docx.Document(pad)
    uit = [p.text for p in d.paragraphs]
    uit += [c.text for t in d.tables for r in t.rows for c in r.cells]
    return uit


def test_kernen_in_elk_document(maak_werkboek, gegevens, tmp_path):
    gegevens["Algemeen"]["Gebiedsnaam"] = "Kern"
    # the example's own texts and names may say 'wijk'; the tool's words may not
    for rij in gegevens["Wijken"] + gegevens["Locaties"]:
        if rij.get("Wijk"):
            rij["Wijk"] = rij["Wijk"].replace("wijk", "kern")
    pad = maak_werkboek(gegevens)
    uit = CliRunner().invoke(hoofd, ["bouw", str(pad), "-o", str(tmp_path / "uit")], catch_exceptions=False)
    assert uit.exit_code == 0, uit.output
    eigen = {
        str(x)
        for blad in gegevens.values()
        for rij in (blad if isinstance(blad, list) else [blad])
        for v in rij.values()
        for x in (v if isinstance(v, list | tuple) else [v])
        if isinstance(x, str) and WIJK.search(x)
    }
    for naam, teksten in (
        ("presentatie-startbijeenkomst.pptx", _teksten_pptx),
        ("bestuurlijke-notitie.docx", _teksten_docx),
        ("canvas-fase-2.docx", _teksten_docx),
    ):
        gevonden = []
        for tekst in teksten(tmp_path / "uit" / naam):
            for e in eigen:
                tekst = tekst.replace(e, "")
            gevonden += [tekst[max(0, m.start() - 30) : m.end() + 10] for m in WIJK.finditer(tekst)]
        assert gevonden == [], (naam, gevonden[:5])
    assert any("kern" in t.lower() for t in _teksten_pptx(tmp_path / "uit" / "presentatie-startbijeenkomst.pptx"))
