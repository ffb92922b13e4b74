"""The bestuurlijke notitie: a Word template (docxtpl) filled from the model.

All wording lives in ``sjablonen/bestuurlijke-notitie.docx``; this module only prepares the
context (the numbers of the bijlagen that have content, the steps after the memo's date,
images) and finishes the document: Dutch as the default language, house colour on the
headings and the tables' header rows, alt text on pictures, properties, and table columns as wide as their words need.
"""

from __future__ import annotations

from generator.keuzes import DOEL, PLANNING
from generator.model import Werkboek
from generator.openbaar import voor_de_notitie
from generator.sjabloon import Sjablonen
from generator.woord import afbeeldingen, huisstijl_in_tabellen, kolommen_op_maat, render_docx

NAAM = "bestuurlijke-notitie.docx"


def bijlagen(wb: Werkboek) -> dict[str, int | None]:
    """The number of each bijlage, in order, or None for one without content (then it is left
    out): the text refers to the bijlagen by number."""
    delen = [
        ("partijen", bool(wb.stakeholders)),
        ("beeld", bool(wb.wijken or wb.locaties or wb.algemeen.hittekaart or wb.bronnen)),
        ("doelen", bool(wb.doelen)),
        ("afspraken", bool(wb.afspraken_lopend)),
    ]
    nummers = iter(range(1, len(delen) + 1))
    return {sleutel: next(nummers) if ja else None for sleutel, ja in delen}


def maak_notitie(wb: Werkboek, sjablonen: Sjablonen) -> bytes:
    """The memo as .docx bytes, from the model as a memo may show it (generator.openbaar)."""
    wb = voor_de_notitie(wb)
    notitie = wb.notitie
    kleur = huisstijl_in_tabellen(wb.algemeen.huisstijlkleur)
    context = {
        "steller": notitie.steller or wb.algemeen.naam_trekker,
        # the next steps as of the memo's own date
        "vervolg_mijlpalen": [m for m in wb.planning if m.status != PLANNING.gereed and m.gereed > wb.standdatum],
        "bijlage": bijlagen(wb),
        "doelen_afgesproken": sum(1 for d in wb.doelen if d.status == DOEL.afgesproken),
    }

    def nabewerking(doc) -> None:  # column widths from the words, then the house colour on table headers
        kolommen_op_maat(doc)
        kleur(doc)

    return render_docx(
        sjablonen.pad(NAAM),
        wb,
        context,
        afbeeldingen=afbeeldingen(wb, sjablonen, "logo", "hittekaart"),
        datum=notitie.datum,
        nabewerking=nabewerking,
    )
