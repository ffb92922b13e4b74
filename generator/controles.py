"""Readiness checks: the canvas's own advice turned into warnings.

A warning is allowed (``controleer`` exits 0) but worth a look before the documents go out.
Each check comes from the seed canvas or the domain description; the sentence says what
the advice is, so the trekker can act on it. Advice fits the moment in phase 2: what
matters before the startbijeenkomst is not repeated after it, and what belongs to the end
(goals per phase, who leads the follow-up) is not raised in the first weeks. What a
document still waits for is not a warning: ``controleer`` lists it per document.
"""

from __future__ import annotations

import datetime as dt

from generator.fouten import Ernst, Melding
from generator.keuzes import BIJEENKOMST, PARTNER, PLANNING
from generator.model import Werkboek
from generator.opmaak import datum


def gereedheid(wb: Werkboek, bladnamen: dict[str, str] | None = None, vandaag: dt.date | None = None) -> list[Melding]:
    """Every readiness warning for a valid workbook. ``vandaag`` is the reference date for
    checks about time left; without it those are left out (the caller reads the clock)."""
    blad = (bladnamen or {}).get
    uit: list[Melding] = []

    def w(tekst: str, bladattr: str | None = None, standaard: str | None = None, cel: str | None = None) -> None:
        uit.append(Melding(tekst, blad(bladattr, standaard) if bladattr else None, cel, Ernst.waarschuwing))

    def cel(bladattr: str, attr: str, rij: int | None = None) -> str | None:
        """The cell of a field (a Veld | Waarde sheet) or of a column in ``rij``, where there is one."""
        return wb.plekken.cel(bladattr, attr, rij)

    alg = wb.algemeen
    maanden = alg.duur_maanden
    if maanden < 3 or maanden > 6:
        w(
            f"fase 2 duurt {str(maanden).replace('.', ',')} maanden; ongeveer vier maanden is gebruikelijk "
            "voor voorbereiding, twee bijeenkomsten en afronding",
            "algemeen",
            "Algemeen",
            cel("algemeen", "einde_fase2"),
        )

    voor_start = not wb.moment_voorbij("na_startbijeenkomst")
    na_start = not voor_start
    na_dialoog = wb.moment_voorbij("na_dialoog")
    start = wb.startbijeenkomst
    if start is None:
        w("er is geen startbijeenkomst gepland; die is het begin van de dialogen", "bijeenkomsten", "Bijeenkomsten")
    elif voor_start:
        if start.locatie and not start.bij_zorginstelling:
            w(
                f"de startbijeenkomst is niet bij een zorginstelling ({start.locatie}); de handreiking raadt een "
                "locatie bij bijvoorbeeld een zorginstelling aan",
                "bijeenkomsten",
                "Bijeenkomsten",
                cel("bijeenkomsten", "locatie", start.rij),
            )
        if not start.spreker:
            w(
                "de startbijeenkomst heeft geen spreker; nodig een expert of ervaringsdeskundige uit om de noodzaak "
                "te onderstrepen",
                "bijeenkomsten",
                "Bijeenkomsten",
                cel("bijeenkomsten", "spreker", start.rij),
            )
        if not any(p.gespreksvragen for p in start.programma):
            eerste = start.programma[0].rij if start.programma else None
            w(
                "het programma van de startbijeenkomst heeft geen gespreksvragen voor de tafels",
                "programma",
                "Programma",
                cel("programma", "gespreksvragen", eerste) if eerste else None,
            )
        for s in wb.stakeholders:
            if (
                s.nieuw
                and s.status == PARTNER.nog_benaderen
                and vandaag is not None
                and (start.datum - vandaag).days <= 14
            ):
                w(
                    f"'{s.organisatie}' is nieuw in het netwerk en staat nog op 'Nog benaderen', terwijl de "
                    "startbijeenkomst binnen twee weken is; bel eerst even",
                    "stakeholders",
                    "Stakeholders",
                    cel("stakeholders", "status", s.rij),
                )
    if wb.dialoog is None and na_start:
        w("er is geen dialoog doelen en maatregelen gepland", "bijeenkomsten", "Bijeenkomsten")
    bestuurlijk = wb.bestuurlijke_bijeenkomst
    if bestuurlijk is None and na_start:
        w(
            "er is geen bestuurlijke bijeenkomst gepland; bestuurders moeten de ambitie op hoofdlijnen "
            "kunnen onderschrijven",
            "bijeenkomsten",
            "Bijeenkomsten",
        )
    elif bestuurlijk is not None:
        eerder = [b for b in (start, wb.dialoog) if b is not None and b.datum > bestuurlijk.datum]
        if eerder:
            w(
                f"de bestuurlijke bijeenkomst ({datum(bestuurlijk.datum)}) is vóór de {eerder[0].soort.lower()} "
                f"({datum(eerder[0].datum)}, cel {cel('bijeenkomsten', 'datum', eerder[0].rij)}); "
                "bestuurders bespreken de uitkomsten van de dialogen",
                "bijeenkomsten",
                "Bijeenkomsten",
                cel("bijeenkomsten", "datum", bestuurlijk.rij),
            )
        if not wb.bestuurders and na_start:
            w(
                "bij geen enkele stakeholder staat een bestuurder; wie nodigt u uit voor de bestuurlijke bijeenkomst?",
                "stakeholders",
                "Stakeholders",
            )
    dialoog = wb.dialoog
    if start is not None and dialoog is not None and dialoog.datum < start.datum:
        w(
            f"de dialoog doelen en maatregelen ({datum(dialoog.datum)}) is vóór de startbijeenkomst "
            f"({datum(start.datum)}, cel {cel('bijeenkomsten', 'datum', start.rij)}); de dialoog bouwt voort op wat "
            "de startbijeenkomst opleverde: klopt de datum?",
            "bijeenkomsten",
            "Bijeenkomsten",
            cel("bijeenkomsten", "datum", dialoog.rij),
        )
    for b in wb.bijeenkomsten:
        if b.status != BIJEENKOMST.geannuleerd and not alg.start_fase2 <= b.datum <= alg.einde_fase2:
            w(
                f"de bijeenkomst '{b.naam}' ({datum(b.datum)}) valt buiten de periode van fase 2 "
                f"({datum(alg.start_fase2)} tot en met {datum(alg.einde_fase2)}, blad "
                f"'{blad('algemeen', 'Algemeen')}'); klopt de datum, of de periode?",
                "bijeenkomsten",
                "Bijeenkomsten",
                cel("bijeenkomsten", "datum", b.rij),
            )
        if b.status == BIJEENKOMST.afgerond and not b.uitkomsten:
            w(
                f"de bijeenkomst '{b.naam}' is afgerond maar heeft geen uitkomsten; de trekker evalueert na "
                "iedere dialoog",
                "bijeenkomsten",
                "Bijeenkomsten",
                cel("bijeenkomsten", "uitkomsten", b.rij),
            )

    # statuses that the dates contradict: as of the memo's date (or the last meeting held), or of
    # the day of the check when that is later
    peil = wb.notitie.datum or wb.momentdatum
    waarvan = "de notitie" if wb.notitie.datum else "de laatst gehouden bijeenkomst"
    if vandaag is not None and (peil is None or vandaag > peil):
        peil, waarvan = vandaag, "de controle"
    if peil is not None:
        for b in wb.bijeenkomsten:
            if b.status in (None, BIJEENKOMST.gepland) and b.datum < peil:
                w(
                    f"de bijeenkomst '{b.naam}' ({datum(b.datum)}) is voor de datum van {waarvan} ({datum(peil)}) "
                    f"maar staat nog op {BIJEENKOMST.gepland}; zet de status op {BIJEENKOMST.afgerond} "
                    f"(met de uitkomsten) of {BIJEENKOMST.geannuleerd}",
                    "bijeenkomsten",
                    "Bijeenkomsten",
                    wb.plekken.cel("bijeenkomsten", "status", b.rij),
                )
        for m in wb.planning:
            if m.status in (None, PLANNING.gepland, PLANNING.loopt) and (peil - m.gereed).days > 14:
                w(
                    f"de mijlpaal '{m.mijlpaal}' had op {datum(m.gereed)} gereed moeten zijn, ruim voor de datum van "
                    f"{waarvan} ({datum(peil)}), maar staat nog op {m.status or 'leeg'}; zet de status "
                    f"op {PLANNING.gereed} of {PLANNING.vertraagd}",
                    "planning",
                    "Planning",
                    wb.plekken.cel("planning", "status", m.rij),
                )

    for s in wb.zorgorganisaties if na_start else ():
        if not s.ambassadeur and s.status != PARTNER.afgehaakt:
            w(
                f"zorgorganisatie '{s.organisatie}' heeft nog geen ambassadeur; zoek per zorgorganisatie een "
                "ambassadeur om draagvlak te verbreden",
                "stakeholders",
                "Stakeholders",
                cel("stakeholders", "ambassadeur", s.rij),
            )
    if wb.stakeholders and not wb.zorgorganisaties:
        w("er staat geen enkele zorgorganisatie op de groslijst", "stakeholders", "Stakeholders")
    for laag in wb.lagen:
        if wb.stakeholders and not wb.stakeholders_in_laag(laag):
            w(f"de groslijst heeft niemand uit de laag '{laag.lower()}'", "stakeholders", "Stakeholders")

    for fase in wb.fasen if na_dialoog else ():
        if not any(d.fase == fase for d in wb.doelen):
            w(f"de fase '{fase}' van het hitteplan heeft nog geen doel", "doelen", "Doelen en rollen")
    if not wb.trekkers_vervolg and na_dialoog:
        plek = cel("ambitie", "trekker_vervolg")
        waar = f" (blad '{blad('ambitie', 'Ambitie')}', cel {plek})" if plek else ""
        w(
            f"niemand trekt de samenwerking in het vervolg; vul 'Trekker vervolg' in{waar} of zet "
            "'Trekt vervolg' op ja",
            "afspraken",
            "Afspraken",
            cel("afspraken", "trekt_vervolg", wb.afspraken[0].rij) if wb.afspraken else None,
        )
    if not wb.wijken and voor_start:
        w("er zijn geen wijken ingevuld; het lokale beeld blijft dan leeg", "wijken", "Wijken")
    if not wb.planning:
        w("er is geen planning ingevuld", "planning", "Planning")
    if not wb.bronnen and wb.wijken:
        w("de cijfers per wijk hebben geen bron; vermeld waar ze vandaan komen", "bronnen", "Bronnen")
    return uit
