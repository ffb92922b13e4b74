"""The validated workbook as plain frozen objects: what every renderer works from.

Field names equal the ``attr`` names in ``sjablonen/werkboek.toml`` (a test keeps them in
step). Nothing here knows about openpyxl; derived facts (tiers, totals, the startbijeenkomst)
are properties so that templates can use them without Python doing wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.keuzes import BIJEENKOMST, KNELPUNT, LOCATIE, PARTNER, SOORT, STUK


@dataclass(frozen=True)
class Algemeen:
    """Sheet Algemeen: the municipality, the trekker, the scope and the period of phase 2."""

    gemeente: str
    naam_trekker: str
    organisatie_trekker: str
    afbakening: str
    geografische_afbakening: str
    doelgroepen: tuple[str, ...]
    start_fase2: dt.date
    einde_fase2: dt.date
    titel_traject: str | None = None
    plaats: str | None = None
    gebiedsnaam: str = "Wijk"
    ggd_regio: str | None = None
    functie_trekker: str | None = None
    email_trekker: str | None = None
    telefoon_trekker: str | None = None
    collegas_gemeente: tuple[str, ...] = ()
    fase1_vastgesteld: bool | None = None
    logo: str | None = None
    hittekaart: str | None = None
    huisstijlkleur: str | None = None

    @property
    def titel(self) -> str:
        """The title of the trajectory; defaults to 'Lokaal hitteplan <gemeente>'."""
        return self.titel_traject or f"Lokaal hitteplan {self.gemeente}"

    @property
    def duur_maanden(self) -> float:
        """Length of phase 2 in months (30.44 days each), one decimal."""
        return round((self.einde_fase2 - self.start_fase2).days / 30.44, 1)


@dataclass(frozen=True)
class Notitie:
    """Sheet Notitie: the header fields and texts of the bestuurlijke notitie. Each is filled
    in towards the end of phase 2; until then it is None (the memo waits for it)."""

    aan: str | None = None
    onderwerp: str | None = None
    datum: dt.date | None = None
    portefeuillehouders: tuple[str, ...] = ()
    openbaar: bool | None = None
    aanleiding: str | None = None
    beoogd_effect: str | None = None
    soort_stuk: str = STUK.notitie
    registratienummer: str | None = None
    afdeling: str | None = None
    steller: str | None = None
    samenvatting: str | None = None
    financien: str | None = None
    juridisch: str | None = None
    samenhang: str | None = None
    communicatie: str | None = None
    vervolg: str | None = None


@dataclass(frozen=True)
class Ambitie:
    """Sheet Ambitie: the shared ambition, its level and year, the risks and choices. The
    ambition is the result of phase 2: None until the parties have agreed on it."""

    ambitie: str | None = None
    ambitieniveau: str | None = None
    jaar: int | None = None
    onacceptabele_risicos: str | None = None
    acceptabele_risicos: str | None = None
    richtinggevende_keuzes: str | None = None
    trekker_vervolg: str | None = None


@dataclass(frozen=True)
class Beslispunt:
    """One decision point with its argument and caveat (sheet Beslispunten)."""

    nr: int
    beslispunt: str
    argument: str | None = None
    kanttekening: str | None = None
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class Stakeholder:
    """One organisation of the groslijst (sheet Stakeholders); ``laag`` is derived."""

    organisatie: str
    categorie: str
    laag: str
    contactpersoon: str | None = None
    functie: str | None = None
    email: str | None = None
    telefoon: str | None = None
    nieuw: bool | None = None
    status: str | None = None
    ambassadeur: str | None = None
    bestuurder: str | None = None
    email_bestuurder: str | None = None
    opmerking: str | None = None
    aanhef: str | None = None
    aanhef_bestuurder: str | None = None
    zorgorganisatie: bool = False
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class Programmaonderdeel:
    """One item of a meeting's programme (sheet Programma)."""

    bijeenkomst: str
    onderdeel: str
    tijd: dt.time | None = None
    duur: int | None = None
    werkvorm: str | None = None
    wie: str | None = None
    gespreksvragen: tuple[str, ...] = ()
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class Bijeenkomst:
    """One meeting of phase 2 (sheet Bijeenkomsten) with its programme attached."""

    soort: str
    datum: dt.date
    locatie: str | None = None
    titel: str | None = None
    begintijd: dt.time | None = None
    eindtijd: dt.time | None = None
    adres: str | None = None
    gastheer: str | None = None
    spreker: str | None = None
    rol_spreker: str | None = None
    onderwerp_spreker: str | None = None
    doel: str | None = None
    status: str | None = None
    uitkomsten: str | None = None
    aanwezig: tuple[str, ...] = ()
    evaluatie: str | None = None
    programma: tuple[Programmaonderdeel, ...] = ()
    bij_zorginstelling: bool = False
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet

    @property
    def naam(self) -> str:
        """The meeting's title, or its kind when it has none."""
        return self.titel or self.soort


@dataclass(frozen=True)
class Wijk:
    """Aggregate figures of one district (sheet Wijken)."""

    wijk: str
    plus75: int
    wijkcode: str | None = None
    inwoners: int | None = None
    alleenwonend75: int | None = None
    hittestress: float | None = None
    verder_dan_300m: float | None = None
    koele_plekken: int | None = None
    prioriteit: str | None = None
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class Locatie:
    """A care location or (candidate) cool place (sheet Locaties)."""

    naam: str
    soort: str
    wijk: str | None = None
    adres: str | None = None
    organisatie: str | None = None
    capaciteit: int | None = None
    gekoeld: bool | None = None
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class Doel:
    """A goal with its party and role in one phase of the heat plan (sheet Doelen en rollen)."""

    fase: str
    doel: str
    partij: str | None = None
    rol: str | None = None
    maatregel: str | None = None
    status: str | None = None
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class KnelpuntKans:
    """A bottleneck or an opportunity with its approach (sheet Knelpunten en kansen)."""

    soort: str
    omschrijving: str
    aanpak: str | None = None
    eigenaar: str | None = None
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class Afspraak:
    """What a party brings, gets and agrees (sheet Afspraken)."""

    partij: str
    brengt: str | None = None
    haalt: str | None = None
    trekt_vervolg: bool | None = None
    afspraak: str | None = None
    status: str | None = None
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class Mijlpaal:
    """A milestone of the planning (sheet Planning)."""

    mijlpaal: str
    gereed: dt.date
    start: dt.date | None = None
    verantwoordelijke: str | None = None
    status: str | None = None
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class Bron:
    """A source of figures or maps (sheet Bronnen)."""

    bron: str
    link: str | None = None
    peildatum: dt.date | None = None
    rij: int | None = field(default=None, compare=False, repr=False)  # its row in the sheet


@dataclass(frozen=True)
class Rangorde:
    """A wijk's place where vulnerability, heat and distance to coolness meet: ``geschat`` is
    basis x heat-stress share x share further than 300 m (an estimate of people, not a count)."""

    wijk: str
    basis: int
    hittestress: float
    verder_dan_300m: float
    geschat: int
    prioriteit: str | None = None


@dataclass(frozen=True, eq=False)
class Plekken:
    """Where the workbook's values stand, to point the trekker at a cell: the sheets' titles
    as the workbook spells them, the cell of each field of a Veld | Waarde sheet and the
    column letter of each column of a row sheet (by sheet and field ``attr``)."""

    bladnamen: dict[str, str] = field(default_factory=dict)
    velden: dict[str, dict[str, str]] = field(default_factory=dict)
    kolommen: dict[str, dict[str, str]] = field(default_factory=dict)

    def cel(self, blad: str, veld: str | None, rij: int | None = None) -> str | None:
        """The cell of a field (``rij`` None) or of a column in a row; None when the field's
        label or the column is not in the sheet."""
        if veld is None:
            return None
        if rij is None:
            return self.velden.get(blad, {}).get(veld)
        letter = self.kolommen.get(blad, {}).get(veld)
        return f"{letter}{rij}" if letter else None


# The moments of phase 2, in order: each after the meeting of that kind has been held (status
# Afgerond). Their names and the advice for each live in sjablonen/voortgang.toml.
MOMENTEN = (
    ("voorbereiding", None),
    ("na_startbijeenkomst", SOORT.start),
    ("na_dialoog", SOORT.dialoog),
    ("na_bestuurlijke_bijeenkomst", SOORT.bestuurlijk),
)


@dataclass(frozen=True)
class Werkboek:
    """The whole validated workbook. ``map`` is the folder the workbook lives in (images are
    relative to it); ``fasen`` is the heat-plan ladder in order."""

    algemeen: Algemeen
    notitie: Notitie
    ambitie: Ambitie
    beslispunten: tuple[Beslispunt, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    bijeenkomsten: tuple[Bijeenkomst, ...] = ()
    programma: tuple[Programmaonderdeel, ...] = ()
    wijken: tuple[Wijk, ...] = ()
    locaties: tuple[Locatie, ...] = ()
    doelen: tuple[Doel, ...] = ()
    knelpunten: tuple[KnelpuntKans, ...] = ()
    afspraken: tuple[Afspraak, ...] = ()
    planning: tuple[Mijlpaal, ...] = ()
    bronnen: tuple[Bron, ...] = ()
    fasen: tuple[str, ...] = ()
    lagen: tuple[str, ...] = ()
    prioriteiten: tuple[str, ...] = ()
    werkboekversie: int | None = None
    gebiedswoorden: tuple[str, str] = ("wijk", "wijken")  # the trekker's word for an area, singular and plural
    map: str = field(default=".", compare=False)
    plekken: Plekken = field(default_factory=Plekken, compare=False, repr=False)

    @property
    def gebied(self) -> str:
        """The trekker's word for one area of the sheet Wijken: 'wijk', 'kern', 'dorp' or 'buurt'."""
        return self.gebiedswoorden[0]

    @property
    def gebieden(self) -> str:
        """The plural of :attr:`gebied`: 'wijken', 'kernen', ..."""
        return self.gebiedswoorden[1]

    def bladnaam(self, blad: str) -> str:
        """The title of a sheet (by ``attr``) as this workbook spells it."""
        return self.plekken.bladnamen.get(blad, blad.capitalize())

    # -- where phase 2 stands ------------------------------------------------------------
    @property
    def gehouden(self) -> tuple[Bijeenkomst, ...]:
        """The meetings held (status Afgerond), by date."""
        return tuple(b for b in self.bijeenkomsten if b.status == BIJEENKOMST.afgerond)

    @property
    def moment(self) -> str:
        """Where phase 2 stands, derived from the meetings held: 'voorbereiding',
        'na_startbijeenkomst', 'na_dialoog' or 'na_bestuurlijke_bijeenkomst' (the last of the
        three key meetings that has been held)."""
        uit = MOMENTEN[0][0]
        for sleutel, soort in MOMENTEN[1:]:
            if any(b.soort == soort for b in self.gehouden):
                uit = sleutel
        return uit

    def moment_voorbij(self, sleutel: str) -> bool:
        """Whether phase 2 has reached the moment ``sleutel`` (or a later one)."""
        volgorde = [m for m, _ in MOMENTEN]
        return volgorde.index(self.moment) >= volgorde.index(sleutel)

    @property
    def momentdatum(self) -> dt.date | None:
        """The date of the meeting that marks the current moment (None in the preparation)."""
        soort = dict(MOMENTEN)[self.moment]
        return max((b.datum for b in self.gehouden if b.soort == soort), default=None)

    @property
    def standdatum(self) -> dt.date:
        """The date the documents speak of, never the clock's: the memo's date once it is
        set, else the date of the last key meeting held, else the start of phase 2."""
        return self.notitie.datum or self.momentdatum or self.algemeen.start_fase2

    # -- derived views, used by the templates -------------------------------------------
    def bijeenkomst(self, soort: str) -> Bijeenkomst | None:
        """The first meeting of a kind (by date), or None."""
        return next((b for b in self.bijeenkomsten if b.soort == soort), None)

    @property
    def startbijeenkomst(self) -> Bijeenkomst | None:
        return self.bijeenkomst(SOORT.start)

    @property
    def dialoog(self) -> Bijeenkomst | None:
        return self.bijeenkomst(SOORT.dialoog)

    @property
    def bestuurlijke_bijeenkomst(self) -> Bijeenkomst | None:
        return self.bijeenkomst(SOORT.bestuurlijk)

    def tijdlijn(self, na: dt.date | None = None) -> tuple[tuple[dt.date, str, bool], ...]:
        """(date, what, is a meeting) for the meetings (not cancelled) and the milestones after
        ``na``, by date; a milestone named like a meeting is that meeting and not listed twice."""
        bijeenkomsten = [b for b in self.bijeenkomsten if b.status != BIJEENKOMST.geannuleerd]
        namen = {b.naam.casefold() for b in bijeenkomsten} | {b.soort.casefold() for b in bijeenkomsten}
        punten = [(b.datum, b.naam, True) for b in bijeenkomsten]
        punten += [(m.gereed, m.mijlpaal, False) for m in self.planning if m.mijlpaal.casefold() not in namen]
        return tuple(sorted((p for p in punten if na is None or p[0] > na), key=lambda p: (p[0], not p[2])))

    @property
    def knelpuntenlijst(self) -> tuple[KnelpuntKans, ...]:
        return tuple(k for k in self.knelpunten if k.soort == KNELPUNT.knelpunt)

    @property
    def kansen(self) -> tuple[KnelpuntKans, ...]:
        return tuple(k for k in self.knelpunten if k.soort == KNELPUNT.kans)

    def stakeholders_in_laag(self, laag: str) -> tuple[Stakeholder, ...]:
        return tuple(s for s in self.stakeholders if s.laag == laag)

    @property
    def stakeholders_per_laag(self) -> tuple[tuple[str, tuple[Stakeholder, ...]], ...]:
        """(tier, stakeholders) for each tier that has any, in the groslijst's order."""
        per_laag = ((laag, self.stakeholders_in_laag(laag)) for laag in self.lagen)
        return tuple((laag, lijst) for laag, lijst in per_laag if lijst)

    @property
    def doelen_per_fase(self) -> tuple[tuple[str, tuple[Doel, ...]], ...]:
        """(phase, goals) for each heat-plan phase that has goals, in the ladder's order."""
        uit = []
        for fase in self.fasen:
            doelen = tuple(d for d in self.doelen if d.fase == fase)
            if doelen:
                uit.append((fase, doelen))
        return tuple(uit)

    @property
    def doelen_geordend(self) -> tuple[Doel, ...]:
        return tuple(d for _, doelen in self.doelen_per_fase for d in doelen)

    @property
    def trekkers_vervolg(self) -> tuple[str, ...]:
        """Parties that lead the follow-up: the Ambitie field and agreements marked so (never a
        party that dropped out)."""
        namen = [self.ambitie.trekker_vervolg] if self.ambitie.trekker_vervolg else []
        namen += [a.partij for a in self.afspraken if a.trekt_vervolg and a.partij not in namen]
        return tuple(n for n in namen if not self.afgehaakt(n))

    # -- the state of the process, as of the memo's date -----------------------------------
    def partijstatus(self, naam: str | None) -> str | None:
        """The Stakeholders status of a party (None for no party or one without status)."""
        return next((s.status for s in self.stakeholders if s.organisatie == naam), None)

    def afgehaakt(self, naam: str | None) -> bool:
        """Whether a party has dropped out (status Afgehaakt): its roles do not appear."""
        return naam is not None and self.partijstatus(naam) == PARTNER.afgehaakt

    def niet_benaderd(self, naam: str | None) -> bool:
        """Whether a party has not been approached yet (status Nog benaderen): its roles are
        proposals."""
        return naam is not None and self.partijstatus(naam) == PARTNER.nog_benaderen

    @property
    def afspraken_lopend(self) -> tuple[Afspraak, ...]:
        """The agreements of parties that have not dropped out."""
        return tuple(a for a in self.afspraken if not self.afgehaakt(a.partij))

    @property
    def dialoog_gehouden(self) -> bool:
        """Whether the dialogue (doelen en maatregelen) has been held (status Afgerond) on or
        before the date the documents speak of: until then ambition and roles are proposals."""
        return any(b.soort == SOORT.dialoog and b.datum <= self.standdatum for b in self.gehouden)

    @property
    def deelnemers(self) -> tuple[Stakeholder, ...]:
        """The organisations that took part: the one number of organisations that took part, in
        every document. Recorded attendance counts (Bijeenkomsten: Aanwezig, of every meeting
        held): an organisation that attended a meeting took part. Without any recorded
        attendance, the Status of the groslijst (Deelgenomen)."""
        aanwezig = {naam for b in self.gehouden for naam in b.aanwezig}
        if aanwezig:
            return tuple(s for s in self.stakeholders if s.organisatie in aanwezig)
        return tuple(s for s in self.stakeholders if s.status == PARTNER.deelgenomen)

    @property
    def nieuwe_stakeholders(self) -> tuple[Stakeholder, ...]:
        return tuple(s for s in self.stakeholders if s.nieuw)

    @property
    def zorgorganisaties(self) -> tuple[Stakeholder, ...]:
        return tuple(s for s in self.stakeholders if s.zorgorganisatie)

    @property
    def ambassadeurs(self) -> tuple[Stakeholder, ...]:
        return tuple(s for s in self.stakeholders if s.ambassadeur)

    @property
    def bestuurders(self) -> tuple[Stakeholder, ...]:
        return tuple(s for s in self.stakeholders if s.bestuurder)

    @property
    def werkvormen(self) -> tuple[str, ...]:
        """The distinct werkvormen of all programmes, in order of first use."""
        gezien: list[str] = []
        for p in self.programma:
            if p.werkvorm and p.werkvorm not in gezien:
                gezien.append(p.werkvorm)
        return tuple(gezien)

    @property
    def totaal_plus75(self) -> int:
        return sum(w.plus75 for w in self.wijken)

    @property
    def totaal_alleenwonend75(self) -> int | None:
        waarden = [w.alleenwonend75 for w in self.wijken if w.alleenwonend75 is not None]
        return sum(waarden) if waarden else None

    @property
    def totaal_inwoners(self) -> int | None:
        waarden = [w.inwoners for w in self.wijken if w.inwoners is not None]
        return sum(waarden) if waarden else None

    def gewogen_gemiddelde(self, attr: str) -> float | None:
        """A per-wijk percentage averaged over the wijken, weighted by inhabitants (or by
        75-plussers when inhabitants are missing)."""
        paren = [(getattr(w, attr), w.inwoners or w.plus75) for w in self.wijken if getattr(w, attr) is not None]
        gewicht = sum(g for _, g in paren)
        if not paren or not gewicht:
            return None
        return round(sum(p * g for p, g in paren) / gewicht, 1)

    @property
    def rangorde(self) -> tuple[Rangorde, ...]:
        """Wijken with both percentages, ranked by the estimated number of alleenwonende
        75-plussers (or all 75-plussers where that is missing) living hot and far from coolness."""
        uit = []
        for w in self.wijken:
            if w.hittestress is None or w.verder_dan_300m is None:
                continue
            basis = w.alleenwonend75 if w.alleenwonend75 is not None else w.plus75
            geschat = round(basis * w.hittestress / 100 * w.verder_dan_300m / 100)
            uit.append(Rangorde(w.wijk, basis, w.hittestress, w.verder_dan_300m, geschat, w.prioriteit))
        return tuple(sorted(uit, key=lambda r: (self.prioriteitsrang(r.prioriteit), -r.geschat, r.wijk)))

    def prioriteitsrang(self, prioriteit: str | None) -> int:
        """The place of a Prioriteit in its dropdown (Hoog first); none after all of them. The
        ranking follows the trekker's priority, so a wijk has one priority in every document."""
        return self.prioriteiten.index(prioriteit) if prioriteit in self.prioriteiten else len(self.prioriteiten)

    @property
    def zorglocaties(self) -> tuple[Locatie, ...]:
        return tuple(
            loc for loc in self.locaties if loc.soort not in (LOCATIE.koele_plek, LOCATIE.waterpunt, LOCATIE.overig)
        )

    @property
    def koele_locaties(self) -> tuple[Locatie, ...]:
        """The koele plekken and waterpunten of the sheet Locaties: the one source of the
        number of koele plekken, in total and per wijk, in every document (the Wijken column
        'Koele plekken' is only checked against it)."""
        return tuple(loc for loc in self.locaties if loc.soort in (LOCATIE.koele_plek, LOCATIE.waterpunt))

    def koele_plekken_in(self, wijk: str) -> int | None:
        """The number of koele plekken and waterpunten in a wijk, counted in Locaties; None
        (unknown, not zero) when Locaties lists none at all."""
        if not self.koele_locaties:
            return None
        return sum(1 for loc in self.koele_locaties if loc.wijk == wijk)
