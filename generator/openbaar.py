"""What a memo may show of the workbook: internal remarks stay internal, a public memo names
organisations and roles, never persons, and a memo that is not public carries no contact
details its reader does not need (dataminimalisatie: Woo requests reach it too).

The memo's template works from the model this module returns, so that no template can print
what the memo must not carry. The contact list (niet openbaar) is the one document with the
remarks, e-mail addresses and telephone numbers of the partners' staff.
"""

from __future__ import annotations

from dataclasses import replace

from generator.contract import normaliseer
from generator.model import Werkboek


def _organisatie_of_niets(wb: Werkboek, wie: str | None) -> str | None:
    """A free 'who' (Eigenaar, Verantwoordelijke) as a public memo may show it: when it names
    an organisation of the groslijst or the trekker's own organisation; otherwise (a person's
    name) nothing."""
    if not wie:
        return None
    organisaties = {normaliseer(s.organisatie) for s in wb.stakeholders} | {
        normaliseer(wb.algemeen.organisatie_trekker)
    }
    return wie if normaliseer(wie) in organisaties else None


def voor_de_notitie(wb: Werkboek) -> Werkboek:
    """The model as the memo may show it. Always: no Stakeholders Opmerking, no e-mail address
    or telephone number of a partner's staff. A public memo also names no person: no contact
    persons, ambassadors or bestuurders (only that there is one), no colleagues of the trekker,
    no person as the owner of a knelpunt or the one responsible for a milestone."""
    openbaar = bool(wb.notitie.openbaar)
    stakeholders = tuple(
        replace(
            s,
            opmerking=None,
            email=None,
            telefoon=None,
            email_bestuurder=None,
            contactpersoon=None if openbaar else s.contactpersoon,
            functie=None if openbaar else s.functie,
        )
        for s in wb.stakeholders
    )
    if not openbaar:
        return replace(wb, stakeholders=stakeholders)
    return replace(
        wb,
        stakeholders=stakeholders,
        algemeen=replace(wb.algemeen, collegas_gemeente=()),
        knelpunten=tuple(replace(k, eigenaar=_organisatie_of_niets(wb, k.eigenaar)) for k in wb.knelpunten),
        planning=tuple(
            replace(m, verantwoordelijke=_organisatie_of_niets(wb, m.verantwoordelijke)) for m in wb.planning
        ),
    )
