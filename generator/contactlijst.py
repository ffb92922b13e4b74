"""The contact list of the partners: the groslijst with every contact detail, and on top the
new partners to call before they get an invitation. Not public: it is the one document that
holds the names, e-mail addresses and phone numbers of the partners' staff (a public memo
names organisations and roles only). Wording in ``sjablonen/contactlijst.docx``."""

from __future__ import annotations

from generator.brieven import Briefteksten, eerst_bellen
from generator.fouten import Ernst, Melding
from generator.model import Werkboek
from generator.sjabloon import Sjablonen
from generator.woord import kolommen_op_maat, render_docx

NAAM = "contactlijst-partners.docx"
SJABLOON = "contactlijst.docx"


def _belregel(s) -> str:
    """'Buurtsuper De Markt (Ahmed Benali, 0123-456 999)' for the list to call."""
    gegevens = ", ".join(x for x in (s.contactpersoon, s.telefoon or "geen telefoonnummer in het werkboek") if x)
    return f"{s.organisatie} ({gegevens})"


def maak_contactlijst(wb: Werkboek, sjablonen: Sjablonen) -> tuple[bytes, list[Melding]]:
    """The contact list as .docx bytes, and a note (ernst ``bellen``) naming the partners to
    call first, with their phone numbers."""
    bellen = [s for s in wb.stakeholders if eerst_bellen(s)]
    teksten = Briefteksten(wb, sjablonen)
    meldingen: list[Melding] = []
    if bellen:
        meldingen.append(
            Melding(
                f"{len(bellen)} nieuwe {'organisatie' if len(bellen) == 1 else 'organisaties'} nog niet "
                "benaderd, dus nog "
                f"geen uitnodiging: {'; '.join(_belregel(s) for s in bellen)} (zie {NAAM})",
                ernst=Ernst.bellen,
            )
        )
    context = {
        "bellen": bellen,
        "waarom": {s.organisatie: teksten.waarom(s.categorie) for s in bellen},
        "moment": sjablonen.teksten("voortgang.toml").tekst(f"moment.{wb.moment}.naam"),
    }
    return render_docx(
        sjablonen.pad(SJABLOON), wb, context, datum=wb.standdatum, nabewerking=kolommen_op_maat
    ), meldingen
