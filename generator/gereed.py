"""Phase 2 as it unfolds: which documents can be made now, what the others wait for, where
the trekker stands and what comes next.

Phase 2 takes about four months and the workbook fills up over them. What each document
needs is declared in ``sjablonen/werkboek.toml`` (``[[document]]``); here those needs are
checked against a read workbook. A value that is filled in but wrong is the reader's error;
a value that is simply not there yet only makes the documents that need it wait.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.contract import Contract, Documentsoort, Nodig, laad_contract
from generator.keuzes import BIJEENKOMST, PARTNER, PLANNING
from generator.model import Bijeenkomst, Mijlpaal, Werkboek
from generator.sjabloon import render_tekst

# Meetings that get invitations are those still to come; cancelled meetings get nothing.
_NIET_MEER = {
    "bijeenkomst": (BIJEENKOMST.geannuleerd,),
    "komende bijeenkomst": (BIJEENKOMST.afgerond, BIJEENKOMST.geannuleerd),
}


@dataclass(frozen=True)
class Ontbrekend:
    """One thing a document waits for: a cell (or, for a sheet without rows, the sheet) and
    what belongs there. ``leeg`` is False when the cell is filled but not yet with the value
    needed (a meeting that is not yet Afgerond)."""

    blad: str
    cel: str | None
    wat: str
    leeg: bool = True

    def __str__(self) -> str:
        return f"blad '{self.blad}', {self.plek()}"

    def plek(self) -> str:
        return f"cel {self.cel} ({self.wat})" if self.cel else self.wat


@dataclass(frozen=True)
class Document:
    """A document of the build at this moment: made (``klaar``) or waiting for ``ontbreekt``.
    ``bijeenkomst`` is the meeting an invitation or report back belongs to."""

    sleutel: str
    naam: str
    ontbreekt: tuple[Ontbrekend, ...] = ()
    bijeenkomst: Bijeenkomst | None = None

    @property
    def klaar(self) -> bool:
        return not self.ontbreekt

    @property
    def wacht_op(self) -> str:
        """'nog leeg: blad 'Notitie', cel B3 (Aan), cel B4 (Onderwerp); blad 'Ambitie', …'
        (or 'wacht op: …' when something is filled but not yet as needed)."""
        per_blad: dict[str, list[Ontbrekend]] = {}
        for o in self.ontbreekt:
            per_blad.setdefault(o.blad, []).append(o)
        delen = [f"blad '{blad}', " + ", ".join(o.plek() for o in lijst) for blad, lijst in per_blad.items()]
        soort = "nog leeg" if all(o.leeg for o in self.ontbreekt) else "wacht op"
        return f"{soort}: {'; '.join(delen)}"


@dataclass(frozen=True)
class Voortgang:
    """Where a workbook stands in phase 2: the moment (its key, name and date), every
    document made or waiting, the next step (the next milestone of the Planning sheet still to
    come, None when there is none) and what the moment asks (the canvas's advice)."""

    moment: str
    momentnaam: str
    momentdatum: dt.date | None
    documenten: tuple[Document, ...]
    volgende_stap: str | None
    volgende_datum: dt.date | None = None
    volgende_mijlpaal: Mijlpaal | None = None
    advies: str = ""

    @property
    def klaar(self) -> tuple[Document, ...]:
        return tuple(d for d in self.documenten if d.klaar)

    @property
    def wachtend(self) -> tuple[Document, ...]:
        return tuple(d for d in self.documenten if not d.klaar)


def _leeg(waarde: object) -> bool:
    return waarde is None or waarde == () or waarde == ""


def _label(contract: Contract, blad: str, veld: str) -> str:
    return contract.blad(blad).veld(veld).label


def _controleer(wb: Werkboek, contract: Contract, nodig: Nodig, bijeenkomst: Bijeenkomst | None) -> Ontbrekend | None:
    """What is missing for one need, or None when it is met."""
    blad = contract.blad(nodig.blad)
    bladnaam = wb.bladnaam(blad.attr)
    if blad.soort == "velden" and nodig.veld is not None:
        waarde = getattr(getattr(wb, blad.attr), nodig.veld)
        if not _leeg(waarde):
            return None
        cel = wb.plekken.cel(blad.attr, nodig.veld)
        label = _label(contract, blad.attr, nodig.veld)
        return Ontbrekend(bladnaam, cel, label if cel else f"het veld '{label}' staat niet in de kolom Veld")
    if blad.attr == "bijeenkomsten" and nodig.veld is not None and bijeenkomst is not None:
        waarde = getattr(bijeenkomst, nodig.veld)
        label = _label(contract, blad.attr, nodig.veld)
        cel = wb.plekken.cel(blad.attr, nodig.veld, bijeenkomst.rij)
        if nodig.waarde is not None and waarde != nodig.waarde:
            return Ontbrekend(
                bladnaam,
                cel,
                f"{label} '{nodig.waarde}'" if cel else f"de kolom {label} met '{nodig.waarde}'",
                leeg=_leeg(waarde),
            )
        if nodig.waarde is None and _leeg(waarde):
            return Ontbrekend(bladnaam, cel, label if cel else f"de kolom {label}")
        return None
    rijen = getattr(wb, blad.attr)
    if nodig.veld is None:
        return None if rijen else Ontbrekend(bladnaam, None, "nog geen enkele rij")
    if any(not _leeg(getattr(r, nodig.veld)) for r in rijen):
        return None
    label = _label(contract, blad.attr, nodig.veld)
    kolom = wb.plekken.kolommen.get(blad.attr, {}).get(nodig.veld)
    return Ontbrekend(
        bladnaam,
        None,
        f"kolom {kolom} ({label}) bij minstens één rij"
        if kolom
        else f"een kolom {label}, ingevuld bij minstens één rij",
    )


def _document(wb: Werkboek, contract: Contract, soort: Documentsoort, bijeenkomst: Bijeenkomst | None) -> Document:
    nodig = soort.nodig + (soort.ook_nodig.get(bijeenkomst.soort, ()) if bijeenkomst is not None else ())
    ontbreekt = [o for n in nodig if (o := _controleer(wb, contract, n, bijeenkomst)) is not None]
    naam = soort.naam.replace("{bijeenkomst}", bijeenkomst.naam.lower() if bijeenkomst is not None else "").strip()
    return Document(soort.sleutel, naam, tuple(ontbreekt), bijeenkomst if soort.per else None)


def documenten(wb: Werkboek, contract: Contract | None = None) -> tuple[Document, ...]:
    """Every document of a build at this moment, in the contract's order (documents per
    meeting in the meetings' order), each made or waiting."""
    contract = contract or laad_contract()
    uit: list[Document] = []
    for soort in contract.documenten:
        if soort.per is not None:
            for b in wb.bijeenkomsten:
                if b.status not in _NIET_MEER[soort.per]:
                    uit.append(_document(wb, contract, soort, b))
        elif soort.bijeenkomst is not None:
            eerste = wb.bijeenkomst(soort.bijeenkomst)
            if eerste is None:
                gevonden = Ontbrekend(
                    wb.bladnaam("bijeenkomsten"), None, f"nog geen rij met Soort '{soort.bijeenkomst}'"
                )
                uit.append(Document(soort.sleutel, soort.naam, (gevonden,)))
            else:
                uit.append(_document(wb, contract, soort, eerste))
        else:
            uit.append(_document(wb, contract, soort, None))
    return tuple(uit)


def volgende_mijlpaal(wb: Werkboek, vandaag: dt.date | None = None) -> Mijlpaal | None:
    """The first milestone of the planning that is still to come: not done, not named like a
    meeting that has been held (that one is done, whatever its status says), and not due
    before the moment the workbook stands at (the last meeting held) or before ``vandaag``:
    a milestone already past is no next step, whatever its status."""
    gehouden = {n.casefold() for b in wb.gehouden for n in (b.naam, b.soort)}
    peil = max((d for d in (wb.momentdatum, vandaag) if d is not None), default=None)
    return next(
        (
            m
            for m in wb.planning
            if m.status != PLANNING.gereed
            and m.mijlpaal.casefold() not in gehouden
            and (peil is None or m.gereed >= peil)
        ),
        None,
    )


def komende_bijeenkomst(wb: Werkboek) -> Bijeenkomst | None:
    """The first meeting still to come: neither held nor cancelled."""
    return next((b for b in wb.bijeenkomsten if b.status not in _NIET_MEER["komende bijeenkomst"]), None)


def advies(wb: Werkboek, teksten, vandaag: dt.date | None = None) -> str:
    """What the moment asks of the trekker, from the canvas's advice in
    ``sjablonen/voortgang.toml``: whom to call first (new partners not yet approached) and
    by when the invitations of the coming meeting go out (``uitnodigen_weken`` before it)."""
    b = komende_bijeenkomst(wb)
    weken = teksten.waarde("uitnodigen_weken", int)
    uiterlijk = b.datum - dt.timedelta(weeks=weken) if b is not None else None
    context = {
        "wb": wb,
        "b": b,
        "weken": teksten.tekst("uitnodigen_tekst"),
        "uiterlijk": uiterlijk,
        "te_laat": uiterlijk is not None and vandaag is not None and uiterlijk < vandaag,
        "voorbij": b is not None and vandaag is not None and b.datum < vandaag,
        "afgerond": BIJEENKOMST.afgerond,
        "geannuleerd": BIJEENKOMST.geannuleerd,
        "bellen": [s.organisatie for s in wb.stakeholders if s.nieuw and s.status == PARTNER.nog_benaderen],
    }
    delen = [
        render_tekst(teksten.naam, f"de tekst '{sleutel}'", teksten.tekst(sleutel), context)
        for sleutel in ("bellen", f"moment.{wb.moment}.stap")
    ]
    return "; ".join(d for d in delen if d)


def voortgang(
    wb: Werkboek,
    teksten,
    contract: Contract | None = None,
    vandaag: dt.date | None = None,
    besloten: tuple[Document, ...] | None = None,
) -> Voortgang:
    """Where ``wb`` stands; ``teksten`` are the :class:`~generator.sjabloon.Teksten` of
    ``sjablonen/voortgang.toml`` (moment names and the canvas's advice per moment). The next
    step is the next milestone of the planning still to come, and beside it what the moment
    asks (:func:`advies`); ``vandaag`` is the reference date (none: the workbook's own dates).
    ``besloten``: the documents as a build decided them (``Bouwresultaat.documenten``), so that
    readiness is worked out once; without it :func:`documenten` works it out."""
    mijlpaal = volgende_mijlpaal(wb, vandaag)
    stap, datum = (mijlpaal.mijlpaal, mijlpaal.gereed) if mijlpaal is not None else (None, None)
    return Voortgang(
        wb.moment,
        teksten.tekst(f"moment.{wb.moment}.naam"),
        wb.momentdatum,
        documenten(wb, contract) if besloten is None else besloten,
        stap,
        datum,
        mijlpaal,
        advies(wb, teksten, vandaag),
    )
