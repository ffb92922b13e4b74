"""Whole workbooks nobody tuned the code to: a seeded random filler driven by the contract.

``gegevens(seed)`` gives the data of one complete workbook (the shape of
:data:`generator.voorbeeld.GEGEVENS`) at one of the four moments of phase 2, chosen by the
seed: week 2 (only the preparation), after the startbijeenkomst, after the dialogue, and the
end (memo, ambition, decision points). It has 0 to 60 organisations of every category and
status, 1 to 30 areas, optional fields empty or full, names with tussenvoegsels, titles and
initials, texts with and without a final full stop, one-item lists, long texts and odd place
names. A value of a choice field comes only from the contract's choices for that sheet and
column (what the workbook's dropdowns offer).

``Persoon`` keeps what a secretariat needs to greet someone (the surname with its
tussenvoegsel, whether a first name is known), so that tests check a salutation against the
person the filler made, not against the code under test.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from generator.blanco import maak_blanco, vul
from generator.contract import laad_contract
from generator.voorbeeld import hittekaart

MOMENTEN = ("week2", "na_start", "na_dialoog", "eind")

VOORNAMEN = [
    "Jan",
    "Rianne",
    "Erik",
    "Marloes",
    "Ahmed",
    "Fatima",
    "Pieter-Jan",
    "Anne-Marie",
    "Sjoerd",
    "Wytske",
    "Yusuf",
    "Noor",
    "Bram",
    "Ilse",
    "Kees",
    "Joyce",
    "Henk",
    "Saskia",
    "Mohamed",
    "Lieke",
]
ACHTERNAMEN = [
    "Vries",
    "Berg",
    "Bakker",
    "Meijer",
    "Bergsma",
    "Nijhof",
    "Scholten",
    "Dijkstra",
    "Hoekstra",
    "Jansen",
    "Amrani",
    "Visser",
    "Brink",
    "Haan",
    "Wit",
    "Groot",
    "Yilmaz",
    "Veen",
    "Postma",
    "Kuipers",
]
TUSSENVOEGSELS = ["", "", "", "de", "van", "van der", "van den", "el", "ter", "in 't"]
TITELS = ["", "", "", "drs.", "mr.", "ds.", "dr.", "ir.", "dr. ir.", "prof. dr.", "mr. drs."]
VOORLETTERS = ["R.", "J.P.", "A.", "M.H.", "E.", "T.J.M."]
GEMEENTEN = [
    ("'s-Hertogenbosch", "'s-Hertogenbosch"),
    ("Súdwest-Fryslân", "Sneek"),
    ("Heuvelmonde", None),
    ("Nuenen, Gerwen en Nederwetten", "Nuenen"),
    ("Bergen (NH)", "Bergen"),
    ("Ouder-Amstel", "Duivendrecht"),
    ("Sint-Michielsgestel", None),
    ("De Wolden", "Zuidwolde"),
    ("Noardeast-Fryslân", "Dokkum"),
    ("'s-Gravenhage", "Den Haag"),
]
GEBIEDEN = [
    "Centrum",
    "Oude Haven",
    "'s-Gravenhof",
    "Súdwesthoek",
    "Ysbrechtum",
    "Molenwijk-Zuid",
    "De Akkers",
    "Bolsward",
    "Workum",
    "IJlst",
    "Hindeloopen",
    "Makkum",
    "Wommels",
    "Oosthem",
    "Het Bildt",
    "Buitengebied",
    "Vossenberg",
    "Beekdal",
    "Ter Apel",
    "Sint-Jacobiparochie",
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Heuvelrug-Noord",
    "Stationskwartier",
    "Kloosterveen",
    "Oud-Zuid",
    "De Hoven",
    "Witmarsum",
    "Koudum",
    "Heeg",
    "Tjerkwerd",
]
ORGWOORDEN = [
    "Zorggroep",
    "Stichting",
    "Welzijn",
    "Thuiszorg",
    "Woonstichting",
    "Vereniging",
    "Coöperatie",
    "Huisartsenpraktijk",
    "Apotheek",
    "Buurthuis",
    "Kerk",
    "Moskee",
    "Bibliotheek",
    "Radio",
    "Taxi",
]
LANG = (
    "Dit is een lange tekst die de trekker in één cel heeft geschreven, met veel uitleg over de aanpak, de "
    "partners, de planning en de risico's, zodat een document dat haar overneemt laat zien of het ook met "
    "veel woorden nog past en leesbaar blijft voor wie het ontvangt"
)
PRIVE = "Directeur lastig; liever via Marloes. Tel. privé 06-9876 5432"


@dataclass(frozen=True)
class Persoon:
    """A person as the workbook writes the name, and what a salutation needs."""

    naam: str  # as in the cell: 'drs. R. de Vries', 'Jan Meijer', 'Wethouder A. el Amrani'
    achternaam: str  # with tussenvoegsel, lowercase as in the name: 'de Vries'
    voornaam: str | None  # None when only initials (or nothing) precede the surname
    zonder_titels: str  # the name without titles and function words: 'R. de Vries'


@dataclass
class Gegevens:
    """One generated workbook: the data for :func:`generator.blanco.vul`, its moment, and
    the people it names (by the name as written)."""

    seed: int
    moment: str
    data: dict
    personen: dict[str, Persoon] = field(default_factory=dict)
    teksten_zonder_punt: list[str] = field(default_factory=list)


class _Filler:
    def __init__(self, seed: int, moment: str | None = None):
        self.r = random.Random(seed)
        self.seed = seed
        self.moment = moment or MOMENTEN[seed % len(MOMENTEN)]
        self.contract = laad_contract()
        self.personen: dict[str, Persoon] = {}
        self.zonder_punt: list[str] = []
        self.gebruikt: set[str] = set()

    # -- building blocks --------------------------------------------------------------
    def kans(self, p: float) -> bool:
        return self.r.random() < p

    def keuze(self, blad: str, label: str, leeg: float = 0.0):
        """A value the dropdown of that sheet and column offers (or None with chance ``leeg``)."""
        veld = next(v for v in self.contract.blad_op_naam(blad).velden if v.label == label)
        if self.kans(leeg):
            return None
        return self.r.choice(veld.keuzes)

    def persoon(self, functie: str | None = None) -> str:
        for _ in range(100):
            titel = self.r.choice(TITELS)
            voornaam = self.r.choice(VOORNAMEN) if self.kans(0.6) else None
            voorletters = None if voornaam else self.r.choice(VOORLETTERS)
            tv = self.r.choice(TUSSENVOEGSELS)
            achter = (f"{tv} " if tv else "") + self.r.choice(ACHTERNAMEN)
            kern = " ".join(x for x in (voornaam or voorletters, achter) if x)
            naam = " ".join(x for x in (functie, titel, kern) if x)
            if naam not in self.personen and all(p.zonder_titels != kern for p in self.personen.values()):
                self.personen[naam] = Persoon(naam, achter, voornaam, kern)
                return naam
        raise RuntimeError("geen nieuwe naam gevonden")

    def tekst(self, basis: str, lang: float = 0.1) -> str:
        """A sentence, sometimes long, sometimes without its final full stop."""
        t = f"{basis}. {LANG}" if self.kans(lang) else basis
        if self.kans(0.4):
            self.zonder_punt.append(t)
            return t
        return t + "."

    def telefoon(self) -> str:
        r = self.r
        return r.choice(
            [
                f"0{r.randint(100, 599)}-{r.randint(100, 999)} {r.randint(100, 999)}",
                f"06-{r.randint(10000000, 99999999)}",
                f"(0{r.randint(100, 599)}) {r.randint(10, 99)} {r.randint(10, 99)} 00",
                f"+31 6 {r.randint(1000, 9999)} {r.randint(1000, 9999)}",
                f"058 {r.randint(100, 999)} {r.randint(1000, 9999)}",
            ]
        )

    def email(self, naam: str) -> str:
        deel = "".join(c for c in naam.lower() if c.isalnum())[:20] or "info"
        return f"{deel}{self.r.randint(1, 999)}@voorbeeld.nl"

    def datum(self, start: dt.date, dagen: int) -> dt.date:
        return start + dt.timedelta(days=self.r.randint(0, dagen))

    # -- the sheets -------------------------------------------------------------------
    def maak(self) -> Gegevens:
        r = self.r
        gemeente, plaats = r.choice(GEMEENTEN)
        self.gemeente = gemeente
        start = dt.date(2027, r.randint(1, 6), r.randint(1, 28))
        self.start = start
        self.einde = start + dt.timedelta(days=r.randint(100, 140))
        trekker = self.persoon()
        self.trekker = trekker
        algemeen = {
            "Gemeente": gemeente,
            "Naam trekker": trekker,
            "Organisatie trekker": f"Gemeente {gemeente}",
            "Afbakening": self.tekst(
                "Het hitteplan geldt voor de hele gemeente en richt zich op thuiswonende ouderen", 0.2
            ),
            "Geografische afbakening": self.keuze("Algemeen", "Geografische afbakening"),
            "Doelgroepen": r.sample(self.contract.lijsten["doelgroepen"], r.randint(1, 4)),
            "Start fase 2": start,
            "Einde fase 2": self.einde,
        }
        if self.kans(0.6):
            algemeen["Plaats"] = plaats or gemeente
        gebied = self.keuze("Algemeen", "Gebiedsnaam", leeg=0.3)
        if gebied:
            algemeen["Gebiedsnaam"] = gebied
        for label, waarde in (
            ("Functie trekker", "Beleidsadviseur gezondheid"),
            ("E-mail trekker", self.email(trekker)),
            ("Telefoon trekker", self.telefoon()),
            ("GGD-regio", "GGD Fryslân"),
            ("Titel traject", f"Hitteplan {gemeente} 2027"),
        ):
            if self.kans(0.7):
                algemeen[label] = waarde
        if self.kans(0.5):
            algemeen["Collega's gemeente"] = [f"{self.persoon()} (klimaatadaptatie)" for _ in range(r.randint(1, 3))]
        if self.kans(0.5):
            algemeen["Fase 1 bestuurlijk vastgesteld"] = self.kans(0.5)
        if self.kans(0.4):
            algemeen["Huisstijlkleur"] = r.choice(["#00689E", "#C8102E", "#2E7D32"])
        if self.kans(0.5):
            algemeen["Hittekaart"] = hittekaart()[0]
        self.wethouders = [self.persoon("Wethouder") for _ in range(r.randint(1, 3))]
        stakeholders = self.stakeholders()
        wijken = self.wijken()
        data = {"Algemeen": algemeen, "Stakeholders": stakeholders, "Wijken": wijken}
        data["Locaties"] = self.locaties(stakeholders, wijken)
        data["Bijeenkomsten"], data["Programma"] = self.bijeenkomsten(stakeholders)
        data["Planning"] = self.planning()
        data["Bronnen"] = [{"Bron": "CBS Kerncijfers wijken en buurten", "Link": "https://www.cbs.nl"}][
            : r.randint(0, 1)
        ]
        if self.moment in ("na_dialoog", "eind"):
            data["Doelen en rollen"] = self.doelen(stakeholders)
            data["Knelpunten en kansen"] = self.knelpunten(stakeholders)
            data["Afspraken"] = self.afspraken(stakeholders)
            data["Ambitie"] = self.ambitie()
            data["Notitie"] = {
                "Portefeuillehouders": [f"{w} (zorg en welzijn)" if self.kans(0.5) else w for w in self.wethouders]
            }
        if self.moment == "eind":
            data["Notitie"].update(self.notitie())
            data["Beslispunten"] = [
                {
                    "Nr": n,
                    "Beslispunt": self.tekst(f"Beslispunt {n}: de ambitie te onderschrijven", 0.2),
                    **({"Argument": self.tekst("Het is breed gedragen")} if self.kans(0.5) else {}),
                    **({"Kanttekening": self.tekst("Het vraagt inzet")} if self.kans(0.5) else {}),
                }
                for n in range(1, r.randint(1, 4) + 1)
            ]
        return Gegevens(self.seed, self.moment, data, self.personen, self.zonder_punt)

    def organisatienaam(self, categorie: str) -> str:
        if categorie.startswith("Gemeente "):
            basis = f"Gemeente {self.gemeente}, {categorie.split(' ', 1)[1]}"
        else:
            plek = self.r.choice(GEBIEDEN)
            basis = self.r.choice(
                [
                    f"{self.r.choice(ORGWOORDEN)} {plek}",
                    f"{categorie.split('/')[0]} {plek}",
                    f"{self.r.choice(ORGWOORDEN)} {plek}, afdeling {self.r.choice(GEBIEDEN)}",
                ]
            )
        naam, n = basis, 2
        while naam.casefold() in self.gebruikt:
            naam, n = f"{basis} {n}", n + 1
        self.gebruikt.add(naam.casefold())
        return naam

    def stakeholders(self) -> list[dict]:
        r = self.r
        aantal = (
            r.choice([0, 1, 2, 5, 8, 12, 20, 30, 45, 60])
            if self.moment == "week2"
            else r.choice([1, 3, 8, 15, 25, 40, 60])
        )
        categorieen = list(self.contract.lijsten["categorie"])
        statussen = next(v for v in self.contract.blad_op_naam("Stakeholders").velden if v.label == "Status").keuzes
        rijen = []
        eigen = list(self.contract.eigen_categorieen)
        for i in range(aantal):
            categorie = categorieen[i % len(categorieen)] if i < len(categorieen) else r.choice(categorieen)
            rij: dict = {"Organisatie": self.organisatienaam(categorie), "Categorie": categorie}
            if self.moment == "week2":
                rij["Status"] = r.choice([s for s in statussen if s not in ("Deelgenomen",)] + [None])
            else:
                rij["Status"] = r.choice(list(statussen) + [None])
            if rij["Status"] is None:
                del rij["Status"]
            if self.kans(0.85):
                rij["Contactpersoon"] = self.persoon()
                if self.kans(0.6):
                    rij["Aanhef"] = self.keuze("Stakeholders", "Aanhef")
                if self.kans(0.6):
                    rij["Functie"] = r.choice(["Teamleider Wmo", "Wijkverpleegkundige", "Directeur", "Coördinator"])
                if self.kans(0.8):
                    rij["E-mail"] = self.email(rij["Contactpersoon"])
                if self.kans(0.6):
                    rij["Telefoon"] = self.telefoon()
                if self.kans(0.4):
                    rij["Ambassadeur"] = rij["Contactpersoon"] if self.kans(0.5) else self.persoon()
            if categorie in eigen and self.wethouders and self.kans(0.7):
                rij["Bestuurder"] = r.choice(self.wethouders)  # the gemeente's own wethouder
            elif self.kans(0.6):
                rij["Bestuurder"] = self.persoon()
            if "Bestuurder" in rij:
                if self.kans(0.6):
                    rij["Aanhef bestuurder"] = self.keuze("Stakeholders", "Aanhef bestuurder")
                if self.kans(0.5):
                    rij["E-mail bestuurder"] = self.email(rij["Bestuurder"])
            if self.kans(0.3):
                rij["Nieuw in netwerk"] = True
            if self.kans(0.3):
                rij["Opmerking"] = PRIVE if self.kans(0.5) else self.tekst("Graag aansluiten bij de belrondes")
            rijen.append(rij)
        return rijen

    def wijken(self) -> list[dict]:
        r = self.r
        namen = r.sample(GEBIEDEN, r.choice([1, 2, 5, 8, 12, 20, 30]))
        rijen = []
        for naam in namen:
            inwoners = r.randint(300, 20000)
            p75 = r.randint(0, inwoners // 5)
            rij = {"Wijk": naam, "75-plussers": p75}
            if self.kans(0.9):
                rij["Inwoners"] = inwoners
            if self.kans(0.8):
                rij["Alleenwonende 75-plussers"] = r.randint(0, p75)
            if self.kans(0.8):
                rij["Hittestress (%)"] = r.randint(0, 80)
            if self.kans(0.8):
                rij["Verder dan 300 m van koelte (%)"] = r.randint(0, 90)
            if self.kans(0.7):
                rij["Koele plekken"] = r.randint(0, 4)
            prioriteit = self.keuze("Wijken", "Prioriteit", leeg=0.3)
            if prioriteit:
                rij["Prioriteit"] = prioriteit
            rijen.append(rij)
        return rijen

    def locaties(self, stakeholders, wijken) -> list[dict]:
        rijen = []
        for i in range(self.r.choice([0, 1, 3, 10])):
            rij = {"Naam": f"Locatie {self.r.choice(GEBIEDEN)} {i + 1}", "Soort": self.keuze("Locaties", "Soort")}
            if self.kans(0.8):
                rij["Wijk"] = self.r.choice(wijken)["Wijk"]
            if stakeholders and self.kans(0.5):
                rij["Organisatie"] = self.r.choice(stakeholders)["Organisatie"]
            rijen.append(rij)
        return rijen

    def bijeenkomsten(self, stakeholders):
        r = self.r
        eind = {"week2": 0, "na_start": 1, "na_dialoog": 2, "eind": 3}[self.moment]
        soorten = ["Startbijeenkomst", "Dialoog doelen en maatregelen", "Bestuurlijke bijeenkomst"]
        datum = self.start + dt.timedelta(days=r.randint(20, 35))
        rijen, programma = [], []
        for i, soort in enumerate(soorten):
            if i > eind + 1 or (i == eind + 1 and i > 0 and self.kans(0.2)):
                break  # not yet planned
            begin = dt.time(r.choice([9, 10, 13, 14, 16]), r.choice([0, 30]))
            rij = {
                "Soort": soort,
                "Datum": datum,
                "Begintijd": begin,
                "Locatie": r.choice(
                    [
                        "Woonzorgcentrum De Linde",
                        "Gemeentehuis",
                        "Buurthuis 't Hoekje",
                        f"Dorpshuis {r.choice(GEBIEDEN)}",
                    ]
                ),
            }
            if self.kans(0.2) and i > 0:
                del rij["Locatie"]  # planned, place not yet known
            if self.kans(0.8):
                rij["Eindtijd"] = dt.time(begin.hour + 2, begin.minute)
            if self.kans(0.7):
                rij["Adres"] = f"Dorpsstraat {r.randint(1, 120)}, 8701 AB {self.gemeente}"
            if stakeholders and self.kans(0.6):
                rij["Gastheer"] = r.choice(stakeholders)["Organisatie"]
            if self.kans(0.7):
                rij["Doel"] = self.tekst("Samen zien hoe kwetsbaar onze inwoners zijn voor hitte", 0.3)
            if self.kans(0.3):
                rij["Titel"] = f"{soort} {self.gemeente}"
            naam = rij.get("Titel", soort)
            if i < eind:
                rij["Status"] = "Afgerond"
                if self.kans(0.9):
                    rij["Uitkomsten"] = self.tekst("Iedereen herkent het risico", 0.3)
                if stakeholders and self.kans(0.7):
                    rij["Aanwezig"] = [
                        s["Organisatie"] for s in r.sample(stakeholders, r.randint(1, len(stakeholders)))
                    ]
            else:
                status = r.choice(["Gepland", None])
                if status:
                    rij["Status"] = status
            rijen.append(rij)
            for j in range(r.choice([0, 1, 3, 6])):
                werkvorm = self.keuze("Programma", "Werkvorm", leeg=0.2)
                onderdeel = (
                    werkvorm
                    if werkvorm and self.kans(0.3)
                    else r.choice(
                        [
                            "Welkom en doel van vandaag",
                            "Het lokale beeld",
                            "Tafelgesprekken over bereik",
                            "Afspraken en vervolg",
                        ]
                    )
                )
                p = {"Bijeenkomst": naam, "Onderdeel": onderdeel, "Tijd": dt.time(begin.hour + j // 3, (j % 3) * 20)}
                if werkvorm:
                    p["Werkvorm"] = werkvorm
                if self.kans(0.5):
                    p["Wie"] = self.r.choice([self.trekker, *self.wethouders])
                if self.kans(0.4):
                    p["Gespreksvragen"] = ["Welke groepen bereiken we nu niet bij hitte?"] + (
                        ["Wat vinden wij samen onacceptabel?"] if self.kans(0.5) else []
                    )
                programma.append(p)
            datum += dt.timedelta(days=r.randint(21, 40))
        return rijen, programma

    def planning(self) -> list[dict]:
        rijen = []
        for i, mijlpaal in enumerate(
            [
                "Groslijst en eerste telefoontjes",
                "Terugkoppeling startbijeenkomst",
                "Verslag rondgestuurd",
                "Bestuurlijke notitie naar het college",
            ][: self.r.randint(0, 4)]
        ):
            rij = {
                "Mijlpaal": mijlpaal,
                "Gereed": self.start + dt.timedelta(days=20 + 40 * i),
                "Status": self.keuze("Planning", "Status"),
            }
            if self.kans(0.7):
                rij["Verantwoordelijke"] = self.r.choice([self.trekker, self.persoon()])
            rijen.append(rij)
        return rijen

    def doelen(self, stakeholders) -> list[dict]:
        rijen = []
        for _ in range(self.r.choice([0, 1, 4, 10])):
            rij = {
                "Fase hitteplan": self.keuze("Doelen en rollen", "Fase hitteplan"),
                "Doel": self.tekst("Iedere kwetsbare inwoner wordt bereikt", 0.2),
                "Status": self.keuze("Doelen en rollen", "Status"),
            }
            if stakeholders and self.kans(0.8):
                rij["Partij"] = self.r.choice(stakeholders)["Organisatie"]
                rij["Rol"] = self.keuze("Doelen en rollen", "Rol")
            if self.kans(0.6):
                rij["Maatregel"] = self.tekst("Belrondes bij hitte")
            rijen.append(rij)
        return rijen

    def knelpunten(self, stakeholders) -> list[dict]:
        rijen = []
        for _ in range(self.r.choice([0, 1, 3, 6])):
            rij = {
                "Soort": self.keuze("Knelpunten en kansen", "Soort"),
                "Omschrijving": self.tekst("Bij zorgorganisaties is weinig personeel", 0.2),
            }
            if self.kans(0.7):
                rij["Aanpak"] = self.tekst("Per organisatie een ambassadeur")
            if self.kans(0.7):
                rij["Eigenaar"] = (
                    self.persoon() if self.kans(0.6) or not stakeholders else self.r.choice(stakeholders)["Organisatie"]
                )
            rijen.append(rij)
        return rijen

    def afspraken(self, stakeholders) -> list[dict]:
        if not stakeholders:
            return []
        return [
            {
                "Partij": s["Organisatie"],
                "Afspraak": self.tekst("Welzijn coördineert de belronde"),
                "Status": self.keuze("Afspraken", "Status"),
            }
            for s in self.r.sample(stakeholders, self.r.randint(0, min(5, len(stakeholders))))
        ]

    def ambitie(self) -> dict:
        uit = {}
        if self.moment == "eind" or self.kans(0.5):
            uit["Ambitie"] = self.tekst(
                "In 2028 wordt iedere alleenwonende 75-plusser bij hitte binnen 24 uur gebeld", 0.3
            )
            niveau = self.keuze("Ambitie", "Ambitieniveau", leeg=0.3)
            if niveau:
                uit["Ambitieniveau"] = niveau
        return uit

    def notitie(self) -> dict:
        return {
            "Aan": self.keuze("Notitie", "Aan"),
            "Onderwerp": f"Gedeelde ambitie hitteplan {self.gemeente}",
            "Datum": self.einde - dt.timedelta(days=self.r.randint(1, 20)),
            "Openbaar": self.kans(0.5),
            "Aanleiding": self.tekst("In de zomer van 2026 waren er negen tropische dagen", 0.3),
            "Beoogd effect": self.tekst("Alle partners weten wie wat doet"),
            **({"Soort stuk": self.keuze("Notitie", "Soort stuk")} if self.kans(0.5) else {}),
            **({"Steller": self.persoon()} if self.kans(0.3) else {}),
        }


def gegevens(seed: int, moment: str | None = None) -> Gegevens:
    """One generated workbook's data; the same seed gives the same workbook."""
    return _Filler(seed, moment).maak()


def schrijf(map_, g: Gegevens, naam: str | None = None):
    """The workbook of ``g`` written as a user fills in the blank workbook, with the heat
    map beside it (when it names one); returns its path."""
    wb = maak_blanco()
    vul(wb, g.data)
    pad = map_ / (naam or f"werkboek-{g.seed}.xlsx")
    wb.save(pad)
    kaart, beeld = hittekaart()
    (map_ / kaart).write_bytes(beeld)
    return pad
