"""Phase 2 walked as a trekker walks it in Excel: the blank workbook from `hitteplan nieuw`,
filled in at four moments for a new municipality (not the example), every choice picked from
the dropdown that Excel shows in that cell at that moment (tests/excel.py refuses anything
else). At each moment `controleer` finds no error, and `bouw` makes what the moment allows:
at the end all three report backs and the memo."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from click.testing import CliRunner

from generator import opdrachten
from generator.cli import hoofd
from generator.contract import laad_contract

from .excel import Trekker

D, T = dt.date, dt.time
GEMEENTE = "Dijkwerd"

ALGEMEEN = {
    "Gemeente": GEMEENTE,
    "GGD-regio": "GGD Waterland",
    "Naam trekker": "Fatima el Idrissi",
    "Functie trekker": "Beleidsmedewerker publieke gezondheid",
    "Organisatie trekker": "Gemeente Dijkwerd",
    "E-mail trekker": "f.elidrissi@dijkwerd.nl",
    "Telefoon trekker": "0299-123 456",
    "Afbakening": "Hitte en de gezondheid van kwetsbare inwoners die thuis wonen, in alle kernen van Dijkwerd.",
    "Geografische afbakening": "Wijkgericht",
    "Doelgroepen": ["Alleenwonende 75-plussers", "Mensen met een beperking"],
    "Fase 1 bestuurlijk vastgesteld": True,
    "Start fase 2": D(2027, 3, 1),
    "Einde fase 2": D(2027, 6, 30),
}

STAKEHOLDERS = [
    {
        "Organisatie": "Gemeente Dijkwerd, sociaal domein",
        "Categorie": "Gemeente sociaal domein",
        "Contactpersoon": "Joost van Wijk",
        "E-mail": "j.vanwijk@dijkwerd.nl",
        "Status": "Uitgenodigd",
        "Aanhef": "heer",
    },
    {
        "Organisatie": "GGD Waterland",
        "Categorie": "GGD",
        "Contactpersoon": "Iris Jonker",
        "Functie": "Arts M&G",
        "E-mail": "i.jonker@ggdwaterland.nl",
        "Status": "Uitgenodigd",
        "Aanhef": "mevrouw",
    },
    {
        "Organisatie": "Veiligheidsregio Waterland",
        "Categorie": "Veiligheidsregio/GHOR",
        "Contactpersoon": "Bas Koster",
        "E-mail": "b.koster@vrwaterland.nl",
        "Status": "Uitgenodigd",
        "Aanhef": "heer",
    },
    {
        "Organisatie": "Zorggroep Werdhof",
        "Categorie": "VVT",
        "Contactpersoon": "Ellen Bos",
        "E-mail": "e.bos@werdhof.nl",
        "Status": "Uitgenodigd",
        "Ambassadeur": "Ellen Bos",
        "Aanhef": "mevrouw",
    },
    {
        "Organisatie": "Thuiszorg De Dijk",
        "Categorie": "Thuiszorg/wijkverpleging",
        "Contactpersoon": "Sem Dekker",
        "E-mail": "s.dekker@thuiszorgdedijk.nl",
        "Status": "Uitgenodigd",
        "Ambassadeur": "Sem Dekker",
        "Aanhef": "heer",
    },
    {
        "Organisatie": "Welzijn Dijkwerd",
        "Categorie": "Welzijn/ouderenwerk",
        "Contactpersoon": "Nina Maas",
        "E-mail": "n.maas@welzijndijkwerd.nl",
        "Status": "Uitgenodigd",
        "Aanhef": "mevrouw",
    },
    {
        "Organisatie": "Woonstichting Polderhuis",
        "Categorie": "Woningcorporatie",
        "Contactpersoon": "Tom Vos",
        "E-mail": "t.vos@polderhuis.nl",
        "Status": "Uitgenodigd",
        "Aanhef": "heer",
    },
    {
        "Organisatie": "Buurthuis De Kreek",
        "Categorie": "Bibliotheek/buurthuis",
        "Contactpersoon": "Ayla Kaya",
        "E-mail": "info@dekreek.nl",
        "Telefoon": "0299-765 432",
        "Nieuw in netwerk": True,
        "Status": "Telefonisch bijgepraat",
        "Aanhef": "mevrouw",
    },
]

START, DIALOOG, BESTUURLIJK = (
    "Startbijeenkomst hitteplan Dijkwerd",
    "Dialoog doelen en maatregelen",
    "Bestuurders aan tafel",
)
BIJEENKOMSTEN = [
    {
        "Soort": "Startbijeenkomst",
        "Titel": START,
        "Datum": D(2027, 3, 23),
        "Begintijd": T(13, 30),
        "Eindtijd": T(16, 0),
        "Locatie": "Woonzorgcentrum De Werf",
        "Adres": "Werfstraat 2, 1441 AA Dijkwerd",
        "Gastheer": "Zorggroep Werdhof",
        "Spreker": "Iris Jonker",
        "Rol spreker": "Arts M&G, GGD Waterland",
        "Doel": "Samen zien wat hitte doet met kwetsbare inwoners.",
        "Status": "Gepland",
    },
]

PROGRAMMA = [
    {"Bijeenkomst": START, "Tijd": T(13, 30), "Duur (min)": 15, "Onderdeel": "Inloop", "Werkvorm": "Inloop"},
    {
        "Bijeenkomst": START,
        "Tijd": T(13, 45),
        "Duur (min)": 30,
        "Onderdeel": "Wat hitte doet",
        "Werkvorm": "Presentatie",
        "Wie": "Iris Jonker",
    },
    {
        "Bijeenkomst": START,
        "Tijd": T(14, 15),
        "Duur (min)": 60,
        "Onderdeel": "Tafelgesprekken",
        "Werkvorm": "Tafelgesprekken",
        "Gespreksvragen": ["Wie bereiken we nu niet?", "Wat doet u als het heet wordt?"],
    },
    {
        "Bijeenkomst": START,
        "Tijd": T(15, 15),
        "Duur (min)": 45,
        "Onderdeel": "Afspraken en vervolg",
        "Werkvorm": "Afsluiting",
    },
]

WIJKEN = [
    {
        "Wijkcode": "WK044101",
        "Wijk": "Dijkwerd-Centrum",
        "Inwoners": 8200,
        "75-plussers": 1100,
        "Alleenwonende 75-plussers": 480,
        "Hittestress (%)": 41,
        "Verder dan 300 m van koelte (%)": 22,
        "Koele plekken": 2,
        "Prioriteit": "Hoog",
    },
    {
        "Wijkcode": "WK044102",
        "Wijk": "Oosterwerd",
        "Inwoners": 5400,
        "75-plussers": 610,
        "Alleenwonende 75-plussers": 250,
        "Hittestress (%)": 18,
        "Verder dan 300 m van koelte (%)": 35,
        "Koele plekken": 1,
        "Prioriteit": "Midden",
    },
    {
        "Wijkcode": "WK044103",
        "Wijk": "Polderzijde",
        "Inwoners": 3100,
        "75-plussers": 290,
        "Alleenwonende 75-plussers": 120,
        "Hittestress (%)": 9,
        "Verder dan 300 m van koelte (%)": 48,
        "Koele plekken": 0,
        "Prioriteit": "Laag",
    },
]

LOCATIES = [
    {
        "Naam": "Woonzorgcentrum De Werf",
        "Soort": "Woonzorgcentrum",
        "Wijk": "Dijkwerd-Centrum",
        "Organisatie": "Zorggroep Werdhof",
        "Capaciteit": 90,
        "Gekoelde ruimte": True,
    },
    {"Naam": "Bibliotheek Dijkwerd", "Soort": "Koele plek", "Wijk": "Dijkwerd-Centrum", "Gekoelde ruimte": True},
    {"Naam": "Bibliotheek Dijkwerd, uitleenpunt", "Soort": "Koele plek", "Wijk": "Dijkwerd-Centrum"},
    {"Naam": "Buurthuis De Kreek", "Soort": "Koele plek", "Wijk": "Oosterwerd", "Organisatie": "Buurthuis De Kreek"},
    {"Naam": "Waterpunt Markt", "Soort": "Waterpunt", "Wijk": "Dijkwerd-Centrum"},
]

PLANNING = [
    {
        "Mijlpaal": "Uitnodigingen startbijeenkomst verstuurd",
        "Start": D(2027, 3, 1),
        "Gereed": D(2027, 3, 5),
        "Verantwoordelijke": "Fatima el Idrissi",
        "Status": "Loopt",
    },
    {"Mijlpaal": START, "Gereed": D(2027, 3, 23), "Verantwoordelijke": "Fatima el Idrissi", "Status": "Gepland"},
    {"Mijlpaal": DIALOOG, "Gereed": D(2027, 4, 27), "Status": "Gepland"},
    {"Mijlpaal": "Bestuurlijke notitie naar het college", "Gereed": D(2027, 6, 8), "Status": "Gepland"},
    {"Mijlpaal": BESTUURLIJK, "Gereed": D(2027, 6, 15), "Status": "Gepland"},
]

BRONNEN = [{"Bron": "CBS Kerncijfers wijken en buurten", "Peildatum": D(2026, 1, 1)}]


def week2(trekker: Trekker) -> None:
    for label, waarde in ALGEMEEN.items():
        trekker.zet("Algemeen", label, waarde)
    # the referencing sheets after the sheets they refer to, as their dropdowns need
    for blad, rijen in (
        ("Stakeholders", STAKEHOLDERS),
        ("Bijeenkomsten", BIJEENKOMSTEN),
        ("Programma", PROGRAMMA),
        ("Wijken", WIJKEN),
        ("Locaties", LOCATIES),
        ("Planning", PLANNING),
        ("Bronnen", BRONNEN),
    ):
        for r, rij in enumerate(rijen, start=2):
            trekker.rij(blad, rij, r)


def na_de_start(trekker: Trekker) -> None:
    trekker.zet("Bijeenkomsten", "Status", "Afgerond", 2)
    trekker.zet("Bijeenkomsten", "Uitkomsten", "Twaalf organisaties waren er.\nIedereen herkent het risico.", 2)
    for r, s in enumerate(STAKEHOLDERS, start=2):
        trekker.zet("Stakeholders", "Status", "Deelgenomen" if s["Status"] == "Uitgenodigd" else "Aangemeld", r)
    trekker.zet("Planning", "Status", "Gereed", 2)
    trekker.zet("Planning", "Status", "Gereed", 3)
    trekker.rij(
        "Bijeenkomsten",
        {
            "Soort": "Dialoog doelen en maatregelen",
            "Titel": DIALOOG,
            "Datum": D(2027, 4, 27),
            "Begintijd": T(14, 0),
            "Eindtijd": T(16, 30),
            "Locatie": "Buurthuis De Kreek",
            "Adres": "Kreekweg 7, 1442 BC Dijkwerd",
            "Gastheer": "Buurthuis De Kreek",
            "Doel": "Doelen en rollen per fase afspreken.",
            "Status": "Gepland",
        },
        3,
    )
    trekker.rij(
        "Programma",
        {
            "Bijeenkomst": DIALOOG,
            "Tijd": T(14, 0),
            "Onderdeel": "Doelen per fase",
            "Werkvorm": "Subgroepen",
            "Gespreksvragen": ["Wie doet wat bij een hittegolf?"],
        },
        6,
    )


def na_de_dialoog(trekker: Trekker) -> None:
    trekker.zet("Bijeenkomsten", "Status", "Afgerond", 3)
    trekker.zet("Bijeenkomsten", "Uitkomsten", "Per fase is afgesproken wie wat doet.", 3)
    trekker.zet("Planning", "Status", "Gereed", 4)
    fasen = laad_contract().lijsten["fase_hitteplan"]
    partijen = [
        "GGD Waterland",
        "Gemeente Dijkwerd, sociaal domein",
        "Thuiszorg De Dijk",
        "Welzijn Dijkwerd",
        "Veiligheidsregio Waterland",
        "Zorggroep Werdhof",
    ]
    rollen = ["Regie", "Uitvoerder", "Signaleert", "Informeert door", "Ondersteunt", "Adviseert"]
    for r, (fase, partij, rol) in enumerate(zip(fasen, partijen, rollen, strict=True), start=2):
        trekker.rij(
            "Doelen en rollen",
            {
                "Fase hitteplan": fase,
                "Doel": f"Doel voor de fase {fase.lower()}.",
                "Partij": partij,
                "Rol": rol,
                "Maatregel": "Een maatregel.",
                "Status": "Afgesproken",
            },
            r,
        )
    trekker.rij(
        "Knelpunten en kansen",
        {
            "Soort": "Knelpunt",
            "Omschrijving": "Weinig vrijwilligers in de zomer.",
            "Aanpak": "Welzijn werft in het voorjaar.",
        },
        2,
    )
    trekker.rij("Knelpunten en kansen", {"Soort": "Kans", "Omschrijving": "De bibliotheek is koel en open."}, 3)
    trekker.rij(
        "Afspraken",
        {
            "Partij": "GGD Waterland",
            "Brengt": "Kennis",
            "Trekt vervolg": True,
            "Afspraak": "De GGD trekt de werkgroep.",
            "Status": "Afgestemd",
        },
        2,
    )
    trekker.rij(
        "Afspraken",
        {
            "Partij": "Welzijn Dijkwerd",
            "Brengt": "Vrijwilligers",
            "Trekt vervolg": False,
            "Afspraak": "Welzijn organiseert de belronde.",
            "Status": "Concept",
        },
        3,
    )
    trekker.rij(
        "Bijeenkomsten",
        {
            "Soort": "Bestuurlijke bijeenkomst",
            "Titel": BESTUURLIJK,
            "Datum": D(2027, 6, 15),
            "Begintijd": T(16, 0),
            "Eindtijd": T(17, 30),
            "Locatie": "Gemeentehuis Dijkwerd",
            "Adres": "Dijk 1, 1441 AB Dijkwerd",
            "Gastheer": "Gemeente Dijkwerd, sociaal domein",
            "Doel": "De ambitie onderschrijven.",
            "Status": "Gepland",
        },
        4,
    )
    trekker.rij("Stakeholders", {"Bestuurder": "Karel Smit", "Aanhef bestuurder": "heer"}, 3)
    trekker.rij("Stakeholders", {"Bestuurder": "Anne de Graaf", "Aanhef bestuurder": "mevrouw"}, 5)
    trekker.zet("Notitie", "Portefeuillehouders", ["Wethouder P. Schouten (zorg)"])


def het_eind(trekker: Trekker) -> None:
    trekker.zet("Bijeenkomsten", "Status", "Afgerond", 4)
    trekker.zet("Bijeenkomsten", "Uitkomsten", "De bestuurders onderschrijven de ambitie.", 4)
    for r in (5, 6):
        trekker.zet("Planning", "Status", "Gereed", r)
    for label, waarde in {
        "Soort stuk": "Bestuurlijke notitie",
        "Aan": "College van B&W",
        "Onderwerp": "Ambitie lokaal hitteplan Dijkwerd",
        "Datum": D(2027, 6, 22),
        "Openbaar": True,
        "Aanleiding": "Hitte raakt kwetsbare inwoners.",
        "Beoogd effect": "Niemand alleen tijdens hitte.",
    }.items():
        trekker.zet("Notitie", label, waarde)
    for label, waarde in {
        "Ambitie": "In 2028 is niemand in Dijkwerd alleen tijdens hitte.",
        "Ambitieniveau": "Midden",
        "Jaar": 2028,
        "Trekker vervolg": "GGD Waterland",
    }.items():
        trekker.zet("Ambitie", label, waarde)
    trekker.rij("Beslispunten", {"Nr": 1, "Beslispunt": "In te stemmen met de gedeelde ambitie."}, 2)


MOMENTEN = [
    ("week 2", week2, {"presentatie", "canvas", "contactlijst", "uitnodiging"}),
    ("na de startbijeenkomst", na_de_start, {"terugkoppeling"}),
    ("na de dialoog", na_de_dialoog, set()),
    ("het eind", het_eind, {"notitie"}),
]


@pytest.fixture(scope="module")
def wandeling(tmp_path_factory):
    """The workbook saved at each moment, with what controleer and bouw made of it."""
    map_ = tmp_path_factory.mktemp("trekker")
    blanco = map_ / "blanco.xlsx"
    assert CliRunner().invoke(hoofd, ["nieuw", str(blanco)], catch_exceptions=False).exit_code == 0
    wb = openpyxl.load_workbook(blanco)
    trekker = Trekker(wb, laad_contract())
    uit = []
    for i, (naam, stap, _) in enumerate(MOMENTEN, start=1):
        stap(trekker)
        pad = map_ / f"{i}-hitteplan-dijkwerd.xlsx"
        wb.save(pad)
        model, meldingen = opdrachten.controleer_werkboek(pad)
        resultaat = opdrachten.bouw_documenten(pad, map_ / f"uit-{i}") if model is not None else None
        uit.append((naam, pad, model, meldingen, resultaat))
    return trekker, uit


def test_alleen_keuzes_uit_de_lijsten(wandeling):
    trekker, _ = wandeling
    # every value of a choice, yes/no or reference column above went through its dropdown
    assert trekker.gekozen >= 100


@pytest.mark.parametrize("i", range(len(MOMENTEN)), ids=[m[0] for m in MOMENTEN])
def test_elk_moment_in_orde(wandeling, i):
    _, stappen = wandeling
    naam, pad, model, meldingen, resultaat = stappen[i]
    fouten = [str(m) for m in meldingen if m.ernst == "fout"]
    assert fouten == [], naam
    assert model is not None and resultaat is not None
    uitkomst = CliRunner().invoke(hoofd, ["controleer", str(pad)], catch_exceptions=False)
    assert uitkomst.exit_code == 0 and "in orde: geen fouten" in uitkomst.output, uitkomst.output


def test_elk_moment_maakt_wat_het_kan(wandeling):
    _, stappen = wandeling
    gemaakt_eerder: set[str] = set()
    for (naam, _, model, _, resultaat), (_, _, nieuw) in zip(stappen, MOMENTEN, strict=True):
        stand = opdrachten.voortgang(model)
        klaar = {d.sleutel for d in stand.klaar}
        assert nieuw <= klaar, (naam, klaar)
        assert gemaakt_eerder - {"uitnodiging"} <= klaar, naam
        gemaakt_eerder |= klaar
        namen = {p.name for p in resultaat.bestanden}
        assert "canvas-fase-2.docx" in namen
    _, _, model, _, resultaat = stappen[-1]
    namen = {p.name for p in resultaat.bestanden}
    slug = {
        "terugkoppeling-startbijeenkomst-hitteplan-dijkwerd.docx",
        "terugkoppeling-dialoog-doelen-en-maatregelen.docx",
        "terugkoppeling-bestuurders-aan-tafel.docx",
        "bestuurlijke-notitie.docx",
    }
    assert slug <= namen, sorted(namen)
