"""The bestuurlijke notitie: a Word template (docxtpl) filled from the model.

All wording lives in ``sjablonen/bestuurlijke-notitie.docx``; this module only prepares the
context (images, a few derived lists) and finishes the document: Dutch as the default
language, house colour on the headings, alt text on pictures, properties.
"""

from __future__ import annotations

from generator.model import Werkboek
from generator.sjabloon import Sjablonen
from generator.woord import afbeeldingen, render_docx

NAAM = "bestuurlijke-notitie.docx"


def maak_notitie(wb: Werkboek, sjablonen: Sjablonen, meldingen: list | None = None) -> bytes:
    """The memo as .docx bytes."""
    notitie = wb.notitie
    context = {
        "steller": notitie.steller or wb.algemeen.naam_trekker,
        "vervolg_mijlpalen": [m for m in wb.planning if m.status != "Gereed"],
    }
    return render_docx(
        sjablonen.pad(NAAM), wb, context,
        afbeeldingen=afbeeldingen(wb, sjablonen, "logo", "hittekaart"),
        datum=notitie.datum,
    )
