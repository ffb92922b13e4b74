"""The example workbook: a fictitious municipality, filled in as a careful trekker would.

``invoer/voorbeeld.xlsx`` is written from this data on top of the blank workbook
(``hitteplan nieuw --voorbeeld``), so the example can never drift from the contract; a test
checks that the committed file and this data agree on every cell.
"""

from __future__ import annotations

import datetime as dt

from generator.blanco import maak_blanco, vul
from generator.paden import standaard_sjablonen

D = dt.date
T = dt.time

GEMEENTE = "Heuvelmonde"

ALGEMEEN = {
    "Gemeente": GEMEENTE,
    "Plaats": "Heuvelmonde",
    "Gebiedsnaam": "Wijk",
    "Titel traject": "Lokaal hitteplan Heuvelmonde",
    "GGD-regio": "GGD Heuvelland",
    "Naam trekker": "Sanne de Vries",
    "Functie trekker": "Beleidsadviseur gezondheid",
    "Organisatie trekker": "Gemeente Heuvelmonde",
    "E-mail trekker": "s.devries@heuvelmonde.nl",
    "Telefoon trekker": "0123-456 789",
    "Collega's gemeente": ["Lotte Bakker (klimaatadaptatie)", "Mark Jansen (Wmo en ouderenbeleid)"],
    "Afbakening": (
        "Het hitteplan geldt voor de hele gemeente en richt zich op thuiswonende mensen die kwetsbaar "
        "zijn bij hitte, met voorrang voor alleenwonende 75-plussers.\n"
        "Partners zijn de gemeente, de GGD, de zorg- en welzijnsorganisaties en de lokale gemeenschap."
    ),
    "Geografische afbakening": "Gemeentebreed",
    "Doelgroepen": [
        "Alleenwonende 75-plussers",
        "Chronisch zieken en medicijngebruik",
        "Sociaal isolement",
        "Mensen met een beperking",
    ],
    "Fase 1 bestuurlijk vastgesteld": True,
    "Start fase 2": D(2027, 2, 1),
    "Einde fase 2": D(2027, 5, 31),
    "Hittekaart": "hittekaart-heuvelmonde.png",
    "Huisstijlkleur": "#00689E",
}

# The example's heat map: a fictitious map shipped with the templates, written next to the
# example workbook under the name the workbook refers to.
HITTEKAART_BRON = "voorbeeld-hittekaart.png"

NOTITIE = {
    "Soort stuk": "Bestuurlijke notitie",
    "Aan": "College van B&W",
    "Onderwerp": "Gedeelde ambitie en afspraken lokaal hitteplan Heuvelmonde",
    "Datum": D(2027, 4, 26),
    "Registratienummer": "Z/27/004512",
    "Portefeuillehouders": ["Wethouder A. el Amrani (zorg en welzijn)", "Wethouder J. Hoekstra (ruimte en klimaat)"],
    "Afdeling": "Samenleving",
    "Openbaar": True,
    "Samenvatting": (
        "Hitte is een groeiend gezondheidsrisico, vooral voor alleenwonende ouderen. In de afgelopen maanden "
        "hebben gemeente, GGD en zorg- en welzijnsorganisaties samen een gedeelde ambitie opgesteld. Wij "
        "vragen u die ambitie en de eerste afspraken te onderschrijven, zodat we in fase 3 het hitteplan "
        "kunnen vastleggen."
    ),
    "Aanleiding": (
        "In de zomer van 2026 had Heuvelmonde negen tropische dagen. Huisartsen en wijkverpleging zagen meer "
        "uitdroging en verwardheid bij thuiswonende ouderen. Het Nationaal Hitteplan waarschuwt, maar bereikt "
        "alleenwonende 75-plussers slecht.\n"
        "Na de verkenning in fase 1 heeft het college op 12 januari 2027 besloten de risicodialoog met de "
        "partners te voeren."
    ),
    "Beoogd effect": (
        "Bij de volgende hittegolf weten alle partners wie wat doet, en wordt iedere kwetsbare inwoner "
        "bereikt voordat de hitte toeslaat."
    ),
    "Financiën": (
        "De kosten van fase 2 (bijeenkomsten en communicatie, circa € 6.500) passen binnen het budget "
        "gezondheidsbeleid 2027. Voor fase 3 volgt een voorstel met een begroting."
    ),
    "Juridische aspecten": (
        "Onder de Wet publieke gezondheid (Wpg) is de gemeente verantwoordelijk voor de publieke gezondheid; de GGD "
        "voert taken uit en adviseert. Het hitteplan is een afspraak tussen partners, geen wettelijke plicht. Lijsten "
        "van kwetsbare inwoners blijven bij de organisatie die de zorg verleent (AVG); partners delen alleen totalen."
    ),
    "Samenhang met ander beleid": (
        "Het hitteplan sluit aan bij de klimaatadaptatiestrategie (koele plekken, vergroening van de Molenwijk) en bij "
        "het lokaal gezondheidsbeleid 2026-2029 (langer gezond en zelfstandig thuis)."
    ),
    "Communicatie": (
        "Na uw besluit informeren wij de partners met een terugkoppeling. In juni volgt een persbericht en "
        "een artikel in de gemeentekrant over koele plekken."
    ),
}

AMBITIE = {
    "Ambitie": (
        "In 2028 wordt in Heuvelmonde iedere alleenwonende 75-plusser tijdens een hittegolf binnen 24 uur "
        "persoonlijk benaderd, en woont niemand verder dan vijf minuten lopen van een koele plek."
    ),
    "Ambitieniveau": "Midden",
    "Jaar": 2028,
    "Onacceptabele risico's": (
        "Een alleenwonende oudere die tijdens een hittegolf dagen niemand spreekt.\n"
        "Een zorgorganisatie zonder hitteprotocol."
    ),
    "Acceptabele risico's": (
        "Niet iedere inwoner is met een koele plek op loopafstand te bedienen in het buitengebied; daar zetten "
        "we in op bellen en vervoer."
    ),
    "Richtinggevende keuzes": (
        "We beginnen bij de drie wijken met de meeste hitte en de meeste alleenwonende ouderen.\n"
        "We bouwen voort op bestaande belrondes van welzijn en wijkverpleging in plaats van iets nieuws op te zetten."
    ),
    "Trekker vervolg": "Gemeente Heuvelmonde, sociaal domein",
}

BESLISPUNTEN = [
    {
        "Nr": 1,
        "Beslispunt": "De gedeelde ambitie voor het lokaal hitteplan Heuvelmonde te onderschrijven.",
        "Argument": "De ambitie is in twee dialogen met vijftien partners opgesteld en wordt breed gedragen.",
        "Kanttekening": "De ambitie vraagt inzet van partners die daar nog geen budget voor hebben.",
    },
    {
        "Nr": 2,
        "Beslispunt": "In te stemmen met de richting van de afspraken over rollen en samenwerking tijdens "
        "hitte; de afspraken zelf stelt u in fase 3 vast.",
        "Argument": "Heldere rollen voorkomen dat kwetsbare inwoners tussen wal en schip vallen.",
        "Kanttekening": "Twee zorgorganisaties moeten de afspraken nog in hun eigen bestuur bespreken.",
    },
    {
        "Nr": 3,
        "Beslispunt": "Opdracht te geven het lokaal hitteplan in fase 3 uit te werken, onder regie van de "
        "gemeente en met steun van de GGD, zodat u het plan voor de zomer van 2028 kunt vaststellen.",
        "Argument": "De gemeente is verantwoordelijk voor de publieke gezondheid; de GGD brengt de kennis "
        "en het regionale netwerk in, en ondersteunt ook de hitteplannen van buurgemeenten.",
    },
]

STAKEHOLDERS = [
    {
        "Organisatie": "Gemeente Heuvelmonde, sociaal domein",
        "Categorie": "Gemeente sociaal domein",
        "Contactpersoon": "Mark Jansen",
        "Functie": "Teamleider Wmo",
        "E-mail": "m.jansen@heuvelmonde.nl",
        "Telefoon": "0123-456 701",
        "Status": "Deelgenomen",
        "Bestuurder": "Wethouder A. el Amrani",
    },
    {
        "Organisatie": "Gemeente Heuvelmonde, fysiek domein",
        "Categorie": "Gemeente fysiek domein",
        "Contactpersoon": "Lotte Bakker",
        "Functie": "Adviseur klimaatadaptatie",
        "E-mail": "l.bakker@heuvelmonde.nl",
        "Status": "Deelgenomen",
        "Bestuurder": "Wethouder J. Hoekstra",
    },
    {
        "Organisatie": "Gemeente Heuvelmonde, communicatie",
        "Categorie": "Gemeente communicatie",
        "Contactpersoon": "Ruben Smit",
        "Functie": "Communicatieadviseur",
        "E-mail": "r.smit@heuvelmonde.nl",
        "Status": "Deelgenomen",
    },
    {
        "Organisatie": "GGD Heuvelland",
        "Categorie": "GGD",
        "Contactpersoon": "Femke Visser",
        "Functie": "Arts medische milieukunde",
        "E-mail": "f.visser@ggdheuvelland.nl",
        "Telefoon": "0123-789 010",
        "Status": "Deelgenomen",
        "Ambassadeur": "Femke Visser",
        "Bestuurder": "Hans Kuipers",
        "E-mail bestuurder": "h.kuipers@ggdheuvelland.nl",
        "Aanhef": "mevrouw",
        "Aanhef bestuurder": "heer",
    },
    {
        "Organisatie": "Veiligheidsregio Heuvelland (GHOR)",
        "Categorie": "Veiligheidsregio/GHOR",
        "Contactpersoon": "Erik Mulder",
        "Functie": "Adviseur GHOR",
        "E-mail": "e.mulder@vrheuvelland.nl",
        "Status": "Deelgenomen",
    },
    {
        "Organisatie": "Zorggroep Heuvelland",
        "Categorie": "VVT",
        "Contactpersoon": "Anouk Peters",
        "Functie": "Manager wonen en zorg",
        "E-mail": "a.peters@zorggroepheuvelland.nl",
        "Telefoon": "0123-555 120",
        "Status": "Deelgenomen",
        "Ambassadeur": "Ilse van Dam",
        "Bestuurder": "Marjolein de Boer",
        "E-mail bestuurder": "m.deboer@zorggroepheuvelland.nl",
        "Aanhef": "mevrouw",
        "Aanhef bestuurder": "mevrouw",
        "Opmerking": "Gastheer van de startbijeenkomst in Woonzorgcentrum De Linde.",
    },
    {
        "Organisatie": "Thuiszorg Heuvelmonde",
        "Categorie": "Thuiszorg/wijkverpleging",
        "Contactpersoon": "Karin Hendriks",
        "Functie": "Wijkverpleegkundige",
        "E-mail": "k.hendriks@thuiszorgheuvelmonde.nl",
        "Status": "Deelgenomen",
        "Ambassadeur": "Karin Hendriks",
        "Bestuurder": "Peter Willems",
        "Aanhef bestuurder": "heer",
    },
    {
        "Organisatie": "Buurtzorgteam Vossenberg",
        "Categorie": "Thuiszorg/wijkverpleging",
        "Contactpersoon": "Noor Yilmaz",
        "E-mail": "vossenberg@buurtzorgteam.nl",
        "Nieuw in netwerk": True,
        "Status": "Telefonisch bijgepraat",
        "Ambassadeur": "Noor Yilmaz",
        "Opmerking": "Zelfsturend team; besluiten neemt het team zelf.",
    },
    {
        "Organisatie": "De Vaart gehandicaptenzorg",
        "Categorie": "Gehandicaptenzorg",
        "Contactpersoon": "Tom Verhoeven",
        "Functie": "Locatiemanager",
        "E-mail": "t.verhoeven@devaart.nl",
        "Nieuw in netwerk": True,
        "Status": "Deelgenomen",
        "Ambassadeur": "Tom Verhoeven",
        "Bestuurder": "Els Schouten",
        "Aanhef": "heer",
        "Aanhef bestuurder": "mevrouw",
    },
    {
        "Organisatie": "GGZ Heuvelland",
        "Categorie": "GGZ",
        "Contactpersoon": "Sarah Koster",
        "Functie": "Teamleider FACT-team",
        "E-mail": "s.koster@ggzheuvelland.nl",
        "Status": "Uitgenodigd",
        "Ambassadeur": "Sarah Koster",
    },
    {
        "Organisatie": "Huisartsencoöperatie Heuvelmonde",
        "Categorie": "Huisartsen",
        "Contactpersoon": "Jeroen Dekker",
        "Functie": "Huisarts en bestuurslid",
        "E-mail": "j.dekker@hch-heuvelmonde.nl",
        "Status": "Deelgenomen",
        "Aanhef": "heer",
    },
    {
        "Organisatie": "Apotheek De Gaper",
        "Categorie": "Apotheken",
        "Contactpersoon": "Fatima Bouzid",
        "Functie": "Apotheker",
        "Nieuw in netwerk": True,
        "Status": "Telefonisch bijgepraat",
        "Opmerking": "Kan medicijngebruikers signaleren die extra risico lopen bij hitte.",
    },
    {
        "Organisatie": "Welzijn Heuvelmonde",
        "Categorie": "Welzijn/ouderenwerk",
        "Contactpersoon": "Bas de Groot",
        "Functie": "Ouderenadviseur",
        "E-mail": "b.degroot@welzijnheuvelmonde.nl",
        "Status": "Deelgenomen",
        "Ambassadeur": "Bas de Groot",
        "Bestuurder": "Ingrid Vos",
    },
    {
        "Organisatie": "Sociaal wijkteam Heuvelmonde",
        "Categorie": "Sociaal wijkteam",
        "Contactpersoon": "Mila Jacobs",
        "E-mail": "wijkteam@heuvelmonde.nl",
        "Status": "Deelgenomen",
    },
    {
        "Organisatie": "Woonstichting Heuvelwonen",
        "Categorie": "Woningcorporatie",
        "Contactpersoon": "Dirk Brouwer",
        "Functie": "Wijkconsulent",
        "E-mail": "d.brouwer@heuvelwonen.nl",
        "Nieuw in netwerk": True,
        "Status": "Uitgenodigd",
        "Bestuurder": "Wendy Meijer",
    },
    {
        "Organisatie": "Mantelzorgpunt Heuvelmonde",
        "Categorie": "Mantelzorgondersteuning",
        "Contactpersoon": "Joyce van Leeuwen",
        "E-mail": "mantelzorg@welzijnheuvelmonde.nl",
        "Status": "Deelgenomen",
    },
    {
        "Organisatie": "Rode Kruis, afdeling Heuvelland",
        "Categorie": "Rode Kruis",
        "Contactpersoon": "Kees Prins",
        "Functie": "Coördinator noodhulp",
        "E-mail": "k.prins@rodekruisheuvelland.nl",
        "Status": "Deelgenomen",
    },
    {
        "Organisatie": "KBO Heuvelmonde",
        "Categorie": "Ouderenbond",
        "Contactpersoon": "Gerda Maas",
        "Functie": "Voorzitter",
        "Telefoon": "0123-456 888",
        "Status": "Deelgenomen",
        "Opmerking": "Vrijwilligers bellen al wekelijks met leden; graag aansluiten bij de belrondes.",
    },
    {
        "Organisatie": "Bibliotheek Heuvelmonde",
        "Categorie": "Bibliotheek/buurthuis",
        "Contactpersoon": "Yvonne Claassen",
        "Functie": "Vestigingsmanager",
        "E-mail": "y.claassen@bibliotheekheuvelmonde.nl",
        "Status": "Deelgenomen",
        "Aanhef": "mevrouw",
    },
    {
        "Organisatie": "Buurtsuper De Markt",
        "Categorie": "Supermarkt",
        "Contactpersoon": "Ahmed Benali",
        "Functie": "Eigenaar",
        "Telefoon": "0123-456 999",
        "Nieuw in netwerk": True,
        "Status": "Nog benaderen",
    },
    {
        "Organisatie": "Radio Heuvelmonde",
        "Categorie": "Lokale media",
        "Contactpersoon": "Lars Bos",
        "Functie": "Eindredacteur",
        "E-mail": "redactie@radioheuvelmonde.nl",
        "Status": "Uitgenodigd",
    },
]

BIJEENKOMSTEN = [
    {
        "Soort": "Startbijeenkomst",
        "Titel": "Startbijeenkomst hitteplan",
        "Datum": D(2027, 3, 9),
        "Begintijd": T(13, 30),
        "Eindtijd": T(16, 0),
        "Locatie": "Woonzorgcentrum De Linde",
        "Adres": "Lindelaan 4, 1234 AB Heuvelmonde",
        "Gastheer": "Zorggroep Heuvelland",
        "Spreker": "Femke Visser",
        "Rol spreker": "Arts medische milieukunde, GGD Heuvelland",
        "Onderwerp spreker": "Wat hitte doet met ouderen en chronisch zieken",
        "Doel": "Samen zien hoe kwetsbaar onze inwoners zijn voor hitte, en afspreken dat we dit samen oppakken.",
        "Status": "Afgerond",
        "Uitkomsten": (
            "Vijftien organisaties waren aanwezig, van gemeente en GGD tot de ouderenbond.\n"
            "Iedereen herkent het risico; de wijkverpleging ziet het elke zomer.\n"
            "Onacceptabel vinden we dat alleenwonende ouderen dagen niemand spreken tijdens hitte."
        ),
        "Aanwezig": [
            "Gemeente Heuvelmonde, sociaal domein",
            "Gemeente Heuvelmonde, fysiek domein",
            "Gemeente Heuvelmonde, communicatie",
            "GGD Heuvelland",
            "Veiligheidsregio Heuvelland (GHOR)",
            "Zorggroep Heuvelland",
            "Thuiszorg Heuvelmonde",
            "De Vaart gehandicaptenzorg",
            "Huisartsencoöperatie Heuvelmonde",
            "Welzijn Heuvelmonde",
            "Sociaal wijkteam Heuvelmonde",
            "Mantelzorgpunt Heuvelmonde",
            "Rode Kruis, afdeling Heuvelland",
            "KBO Heuvelmonde",
            "Bibliotheek Heuvelmonde",
        ],
        "Evaluatie": "Goede opkomst; de tafelgesprekken liepen uit. Volgende keer meer tijd voor de ronde "
        "langs partners.",
    },
    {
        "Soort": "Dialoog doelen en maatregelen",
        "Titel": "Dialoog doelen en maatregelen",
        "Datum": D(2027, 4, 13),
        "Begintijd": T(14, 0),
        "Eindtijd": T(16, 30),
        "Locatie": "Buurthuis De Molen",
        "Adres": "Molenstraat 12, 1234 CD Heuvelmonde",
        "Gastheer": "Welzijn Heuvelmonde",
        "Doel": "Doelen en rollen afspreken per fase van het hitteplan.",
        "Status": "Afgerond",
        "Uitkomsten": (
            "Per fase van het hitteplan is afgesproken wie wat doet.\n"
            "De dagelijkse belronde bij hitte ligt bij Welzijn Heuvelmonde, met vrijwilligers van de KBO.\n"
            "Open punt: vervoer naar een koele plek bij extreme hitte; de GHOR en het Rode Kruis werken dit uit."
        ),
        "Aanwezig": [
            "Gemeente Heuvelmonde, sociaal domein",
            "Gemeente Heuvelmonde, fysiek domein",
            "GGD Heuvelland",
            "Veiligheidsregio Heuvelland (GHOR)",
            "Zorggroep Heuvelland",
            "Thuiszorg Heuvelmonde",
            "De Vaart gehandicaptenzorg",
            "Welzijn Heuvelmonde",
            "Sociaal wijkteam Heuvelmonde",
            "Rode Kruis, afdeling Heuvelland",
            "KBO Heuvelmonde",
        ],
        "Evaluatie": "De subgroepen werkten goed; de ronde langs de partners was te kort.",
    },
    {
        "Soort": "Bestuurlijke bijeenkomst",
        "Titel": "Bestuurlijke bijeenkomst",
        "Datum": D(2027, 5, 18),
        "Begintijd": T(16, 0),
        "Eindtijd": T(17, 30),
        "Locatie": "Gemeentehuis Heuvelmonde",
        "Adres": "Raadhuisplein 1, 1234 EF Heuvelmonde",
        "Gastheer": "Gemeente Heuvelmonde, sociaal domein",
        "Doel": "Bestuurders onderschrijven de gedeelde ambitie en de afspraken op hoofdlijnen.",
        "Status": "Gepland",
    },
]

PROGRAMMA = [
    {
        "Bijeenkomst": "Startbijeenkomst hitteplan",
        "Tijd": T(13, 30),
        "Duur (min)": 15,
        "Onderdeel": "Inloop met koffie en thee",
        "Werkvorm": "Inloop",
    },
    {
        "Bijeenkomst": "Startbijeenkomst hitteplan",
        "Tijd": T(13, 45),
        "Duur (min)": 10,
        "Onderdeel": "Welkom en doel van vandaag",
        "Werkvorm": "Plenair",
        "Wie": "Wethouder A. el Amrani",
    },
    {
        "Bijeenkomst": "Startbijeenkomst hitteplan",
        "Tijd": T(13, 55),
        "Duur (min)": 20,
        "Onderdeel": "Waarom hitte ertoe doet",
        "Werkvorm": "Presentatie",
        "Wie": "Femke Visser",
    },
    {
        "Bijeenkomst": "Startbijeenkomst hitteplan",
        "Tijd": T(14, 15),
        "Duur (min)": 20,
        "Onderdeel": "Het lokale beeld: hittekaart en kwetsbare groepen per wijk",
        "Werkvorm": "Presentatie",
        "Wie": "Sanne de Vries",
    },
    {
        "Bijeenkomst": "Startbijeenkomst hitteplan",
        "Tijd": T(14, 35),
        "Duur (min)": 45,
        "Onderdeel": "Tafelgesprekken over bereik en verantwoordelijkheid",
        "Werkvorm": "Tafelgesprekken",
        "Wie": "Tafelvoorzitters",
        "Gespreksvragen": [
            "Welke groepen bereiken we nu niet bij hitte?",
            "Wat gebeurt er in uw organisatie als het RIVM-bericht binnenkomt?",
            "Wat vinden wij samen onacceptabel?",
        ],
    },
    {
        "Bijeenkomst": "Startbijeenkomst hitteplan",
        "Tijd": T(15, 20),
        "Duur (min)": 25,
        "Onderdeel": "Eerste aanzet voor de gedeelde ambitie",
        "Werkvorm": "Stellingen",
        "Wie": "Sanne de Vries",
        "Gespreksvragen": [
            "Iedere alleenwonende 75-plusser wordt bij hitte binnen 24 uur gebeld: eens of oneens?",
            "Koele plekken horen op vijf minuten lopen: haalbaar in onze wijken?",
        ],
    },
    {
        "Bijeenkomst": "Startbijeenkomst hitteplan",
        "Tijd": T(15, 45),
        "Duur (min)": 15,
        "Onderdeel": "Vervolgstappen en afsluiting",
        "Werkvorm": "Afsluiting",
        "Wie": "Sanne de Vries",
    },
    {
        "Bijeenkomst": "Dialoog doelen en maatregelen",
        "Tijd": T(14, 0),
        "Duur (min)": 15,
        "Onderdeel": "Terugblik op de startbijeenkomst",
        "Werkvorm": "Plenair",
        "Wie": "Sanne de Vries",
    },
    {
        "Bijeenkomst": "Dialoog doelen en maatregelen",
        "Tijd": T(14, 15),
        "Duur (min)": 60,
        "Onderdeel": "Doelen en rollen per fase van het hitteplan",
        "Werkvorm": "Subgroepen",
        "Wie": "Ambassadeurs",
        "Gespreksvragen": [
            "Wie belt wie zodra de voorwaarschuwing komt?",
            "Welke koele plekken kunnen bij opschaling langer open?",
        ],
    },
    {
        "Bijeenkomst": "Dialoog doelen en maatregelen",
        "Tijd": T(15, 15),
        "Duur (min)": 45,
        "Onderdeel": "Wie brengt wat, wie haalt wat",
        "Werkvorm": "Ronde langs partners",
        "Wie": "Alle partners",
    },
    {
        "Bijeenkomst": "Dialoog doelen en maatregelen",
        "Tijd": T(16, 0),
        "Duur (min)": 30,
        "Onderdeel": "Afspraken en vervolg",
        "Werkvorm": "Afsluiting",
        "Wie": "Sanne de Vries",
    },
    {
        "Bijeenkomst": "Bestuurlijke bijeenkomst",
        "Tijd": T(16, 0),
        "Duur (min)": 30,
        "Onderdeel": "De gedeelde ambitie en de doelen",
        "Werkvorm": "Pitch",
        "Wie": "Femke Visser",
    },
    {
        "Bijeenkomst": "Bestuurlijke bijeenkomst",
        "Tijd": T(16, 30),
        "Duur (min)": 45,
        "Onderdeel": "Gesprek over rolverdeling en samenwerking",
        "Werkvorm": "Plenair",
        "Wie": "Hans Kuipers",
        "Gespreksvragen": ["Kan uw organisatie zich vinden in de ambitie op hoofdlijnen?"],
    },
    {
        "Bijeenkomst": "Bestuurlijke bijeenkomst",
        "Tijd": T(17, 15),
        "Duur (min)": 15,
        "Onderdeel": "Conclusies en de stap naar fase 3",
        "Werkvorm": "Afsluiting",
        "Wie": "Wethouder J. Hoekstra",
    },
]

WIJKEN = [
    {
        "Wijkcode": "WK999901",
        "Wijk": "Centrum",
        "Inwoners": 6240,
        "75-plussers": 810,
        "Alleenwonende 75-plussers": 455,
        "Hittestress (%)": 62,
        "Verder dan 300 m van koelte (%)": 18,
        "Koele plekken": 2,
        "Prioriteit": "Hoog",
    },
    {
        "Wijkcode": "WK999902",
        "Wijk": "Oude Haven",
        "Inwoners": 5120,
        "75-plussers": 690,
        "Alleenwonende 75-plussers": 372,
        "Hittestress (%)": 55,
        "Verder dan 300 m van koelte (%)": 31,
        "Koele plekken": 2,
        "Prioriteit": "Hoog",
    },
    {
        "Wijkcode": "WK999903",
        "Wijk": "Molenwijk",
        "Inwoners": 7480,
        "75-plussers": 1120,
        "Alleenwonende 75-plussers": 498,
        "Hittestress (%)": 41,
        "Verder dan 300 m van koelte (%)": 44,
        "Koele plekken": 1,
        "Prioriteit": "Hoog",
    },
    {
        "Wijkcode": "WK999904",
        "Wijk": "Heuvelrug-Noord",
        "Inwoners": 6950,
        "75-plussers": 640,
        "Alleenwonende 75-plussers": 221,
        "Hittestress (%)": 24,
        "Verder dan 300 m van koelte (%)": 27,
        "Koele plekken": 1,
        "Prioriteit": "Midden",
    },
    {
        "Wijkcode": "WK999905",
        "Wijk": "Beekdal",
        "Inwoners": 5870,
        "75-plussers": 520,
        "Alleenwonende 75-plussers": 198,
        "Hittestress (%)": 19,
        "Verder dan 300 m van koelte (%)": 22,
        "Koele plekken": 2,
        "Prioriteit": "Laag",
    },
    {
        "Wijkcode": "WK999906",
        "Wijk": "De Akkers",
        "Inwoners": 8310,
        "75-plussers": 430,
        "Alleenwonende 75-plussers": 142,
        "Hittestress (%)": 33.5,
        "Verder dan 300 m van koelte (%)": 51,
        "Koele plekken": 0,
        "Prioriteit": "Midden",
    },
    {
        "Wijkcode": "WK999907",
        "Wijk": "Vossenberg",
        "Inwoners": 4260,
        "75-plussers": 705,
        "Alleenwonende 75-plussers": 301,
        "Hittestress (%)": 38,
        "Verder dan 300 m van koelte (%)": 39,
        "Koele plekken": 1,
        "Prioriteit": "Midden",
    },
    {
        "Wijkcode": "WK999908",
        "Wijk": "Buitengebied",
        "Inwoners": 2150,
        "75-plussers": 260,
        "Alleenwonende 75-plussers": 84,
        "Hittestress (%)": 6,
        "Verder dan 300 m van koelte (%)": 71,
        "Koele plekken": 0,
        "Prioriteit": "Laag",
    },
]

LOCATIES = [
    {
        "Naam": "Woonzorgcentrum De Linde",
        "Soort": "Woonzorgcentrum",
        "Wijk": "Molenwijk",
        "Adres": "Lindelaan 4",
        "Organisatie": "Zorggroep Heuvelland",
        "Capaciteit": 86,
        "Gekoelde ruimte": True,
    },
    {
        "Naam": "Verpleeghuis Het Anker",
        "Soort": "Verpleeghuis",
        "Wijk": "Oude Haven",
        "Adres": "Kaderweg 20",
        "Organisatie": "Zorggroep Heuvelland",
        "Capaciteit": 64,
        "Gekoelde ruimte": True,
    },
    {
        "Naam": "Dagbesteding De Vaart",
        "Soort": "Dagbesteding",
        "Wijk": "Beekdal",
        "Adres": "Vaartweg 3",
        "Organisatie": "De Vaart gehandicaptenzorg",
        "Capaciteit": 30,
        "Gekoelde ruimte": False,
    },
    {
        "Naam": "GGZ-huis Vossenberg",
        "Soort": "GGZ",
        "Wijk": "Vossenberg",
        "Adres": "Vossenlaan 41",
        "Organisatie": "GGZ Heuvelland",
        "Capaciteit": 18,
    },
    {
        "Naam": "Bibliotheek Heuvelmonde",
        "Soort": "Koele plek",
        "Wijk": "Centrum",
        "Adres": "Marktplein 2",
        "Organisatie": "Bibliotheek Heuvelmonde",
        "Gekoelde ruimte": True,
    },
    {
        "Naam": "Buurthuis De Molen",
        "Soort": "Koele plek",
        "Wijk": "Molenwijk",
        "Adres": "Molenstraat 12",
        "Organisatie": "Welzijn Heuvelmonde",
        "Gekoelde ruimte": True,
    },
    {"Naam": "Stadspark Heuvelmonde", "Soort": "Koele plek", "Wijk": "Centrum", "Adres": "Parklaan"},
    {"Naam": "Waterpunt Havenplein", "Soort": "Waterpunt", "Wijk": "Oude Haven", "Adres": "Havenplein"},
    {"Naam": "Kerk aan de Haven", "Soort": "Koele plek", "Wijk": "Oude Haven", "Adres": "Havenstraat 1"},
    {
        "Naam": "Wijkcentrum Heuvelrug",
        "Soort": "Koele plek",
        "Wijk": "Heuvelrug-Noord",
        "Adres": "Rugweg 15",
        "Organisatie": "Welzijn Heuvelmonde",
        "Gekoelde ruimte": True,
    },
    {"Naam": "Park Beekdal", "Soort": "Koele plek", "Wijk": "Beekdal", "Adres": "Beekweg"},
    {"Naam": "Waterpunt Beekdal", "Soort": "Waterpunt", "Wijk": "Beekdal", "Adres": "Beekweg 2"},
    {
        "Naam": "Buurtkamer Vossenberg",
        "Soort": "Koele plek",
        "Wijk": "Vossenberg",
        "Adres": "Vossenlaan 12",
        "Organisatie": "Welzijn Heuvelmonde",
    },
]

DOELEN = [
    {
        "Fase hitteplan": "Preventie",
        "Doel": "Een actuele lijst van alleenwonende 75-plussers die extra aandacht nodig hebben.",
        "Partij": "Sociaal wijkteam Heuvelmonde",
        "Rol": "Regie",
        "Maatregel": "Signaleringslijst samen met wijkverpleging en welzijn bijhouden.",
        "Status": "Besproken",
    },
    {
        "Fase hitteplan": "Preventie",
        "Doel": "Iedere zorglocatie heeft een getoetst hitteprotocol.",
        "Partij": "Zorggroep Heuvelland",
        "Rol": "Uitvoerder",
        "Maatregel": "Hitteprotocol jaarlijks in april toetsen.",
        "Status": "Afgesproken",
    },
    {
        "Fase hitteplan": "Voorbereiding",
        "Doel": "Voorlichtingsmateriaal ligt klaar bij huisartsen en apotheken.",
        "Partij": "GGD Heuvelland",
        "Rol": "Ondersteunt",
        "Maatregel": "Folder en poster over hitte en medicijnen.",
        "Status": "Afgesproken",
    },
    {
        "Fase hitteplan": "Voorbereiding",
        "Doel": "Voldoende vrijwilligers voor belrondes.",
        "Partij": "Welzijn Heuvelmonde",
        "Rol": "Uitvoerder",
        "Maatregel": "Vrijwilligers van KBO en welzijn in mei werven en instrueren.",
        "Status": "Besproken",
    },
    {
        "Fase hitteplan": "Voorwaarschuwing",
        "Doel": "Medewerkers en mantelzorgers weten binnen een dag van de voorwaarschuwing.",
        "Partij": "Gemeente Heuvelmonde, communicatie",
        "Rol": "Informeert door",
        "Maatregel": "RIVM-bericht doorsturen naar de vaste verzendlijst.",
        "Status": "Afgesproken",
    },
    {
        "Fase hitteplan": "Voorwaarschuwing",
        "Doel": "Belrondes staan klaar.",
        "Partij": "KBO Heuvelmonde",
        "Rol": "Ondersteunt",
        "Maatregel": "Bellijsten verdelen over vrijwilligers.",
        "Status": "Voorstel",
    },
    {
        "Fase hitteplan": "Waarschuwing",
        "Doel": "Iedere alleenwonende 75-plusser op de lijst wordt dagelijks gebeld.",
        "Partij": "Welzijn Heuvelmonde",
        "Rol": "Regie",
        "Maatregel": "Dagelijkse belronde; zorgen doorgeven aan wijkverpleging.",
        "Status": "Besproken",
    },
    {
        "Fase hitteplan": "Waarschuwing",
        "Doel": "Koele plekken zijn open en bekend.",
        "Partij": "Bibliotheek Heuvelmonde",
        "Rol": "Uitvoerder",
        "Maatregel": "Verlengde openingstijden en gratis water.",
        "Status": "Voorstel",
    },
    {
        "Fase hitteplan": "Opschaling",
        "Doel": "Bij extreme hitte is er gekoelde opvang met vervoer.",
        "Partij": "Veiligheidsregio Heuvelland (GHOR)",
        "Rol": "Regie",
        "Maatregel": "Opvang in Woonzorgcentrum De Linde; vervoer via het Rode Kruis.",
        "Status": "Voorstel",
    },
    {
        "Fase hitteplan": "Opschaling",
        "Doel": "Extra handen voor controlebezoeken.",
        "Partij": "Rode Kruis, afdeling Heuvelland",
        "Rol": "Ondersteunt",
        "Maatregel": "Noodhulpteam inzetten op verzoek van de GHOR.",
        "Status": "Voorstel",
    },
    {
        "Fase hitteplan": "Afschaling en evaluatie",
        "Doel": "Na elke zomer een evaluatie met alle partners.",
        "Partij": "GGD Heuvelland",
        "Rol": "Ondersteunt",
        "Maatregel": "Evaluatiebijeenkomst in september.",
        "Status": "Afgesproken",
    },
]

KNELPUNTEN = [
    {
        "Soort": "Knelpunt",
        "Omschrijving": "Bij zorgorganisaties ligt de prioriteit niet altijd bij hittepreventie.",
        "Aanpak": "Per organisatie een ambassadeur; het lokale beeld per wijk laten zien.",
        "Eigenaar": "Sanne de Vries",
    },
    {
        "Soort": "Knelpunt",
        "Omschrijving": "Nieuwe partners haken af tussen de bijeenkomsten.",
        "Aanpak": "Na iedere bijeenkomst een korte terugkoppeling en een telefoontje.",
        "Eigenaar": "Sanne de Vries",
    },
    {
        "Soort": "Knelpunt",
        "Omschrijving": "Privacy maakt het delen van lijsten met kwetsbare inwoners lastig.",
        "Aanpak": "Werken met een signaleringslijst per organisatie; alleen totalen delen.",
        "Eigenaar": "Mark Jansen",
    },
    {
        "Soort": "Kans",
        "Omschrijving": "Het thema meekoppelen met preventieve zorg en valpreventie.",
        "Aanpak": "Hitte opnemen in de huisbezoeken aan 75-plussers.",
        "Eigenaar": "Welzijn Heuvelmonde",
    },
    {
        "Soort": "Kans",
        "Omschrijving": "De vergroening van de Molenwijk staat al op de planning.",
        "Aanpak": "Koele plekken meenemen in het ontwerp.",
        "Eigenaar": "Lotte Bakker",
    },
]

AFSPRAKEN = [
    {
        "Partij": "GGD Heuvelland",
        "Brengt": "Kennis over hitte en gezondheid; regionale afstemming.",
        "Haalt": "Een lokaal netwerk dat bij hitte in actie komt.",
        "Afspraak": "De GGD ondersteunt de samenwerking en organiseert de jaarlijkse evaluatie.",
        "Status": "Afgestemd",
    },
    {
        "Partij": "Zorggroep Heuvelland",
        "Brengt": "Gekoelde ruimtes en zorgpersoneel.",
        "Haalt": "Tijdige waarschuwingen en voorlichtingsmateriaal.",
        "Afspraak": "De Linde is bij opschaling opvanglocatie.",
        "Status": "Concept",
    },
    {
        "Partij": "Welzijn Heuvelmonde",
        "Brengt": "Belrondes en vrijwilligers.",
        "Haalt": "Signalen van wijkverpleging en huisartsen.",
        "Afspraak": "Welzijn coördineert de dagelijkse belronde.",
        "Status": "Afgestemd",
    },
    {
        "Partij": "Thuiszorg Heuvelmonde",
        "Brengt": "Zicht op kwetsbare cliënten thuis.",
        "Haalt": "Een vast aanspreekpunt bij de gemeente.",
        "Afspraak": "Wijkverpleging meldt zorgen bij het sociaal wijkteam.",
        "Status": "Concept",
    },
    {
        "Partij": "Gemeente Heuvelmonde, sociaal domein",
        "Brengt": "Regie op fase 2 en 3 en budget voor communicatie.",
        "Haalt": "Een gedragen hitteplan.",
        "Trekt vervolg": True,
        "Afspraak": "De gemeente houdt de regie en legt de afspraken in fase 3 vast.",
        "Status": "Afgestemd",
    },
    {
        "Partij": "Bibliotheek Heuvelmonde",
        "Brengt": "Een gekoelde, toegankelijke ruimte in het centrum.",
        "Haalt": "Bekendheid als koele plek.",
        "Afspraak": "Bij waarschuwing langer open.",
        "Status": "Concept",
    },
]

PLANNING = [
    {
        "Mijlpaal": "Groslijst en eerste telefoontjes",
        "Start": D(2027, 2, 1),
        "Gereed": D(2027, 2, 19),
        "Verantwoordelijke": "Sanne de Vries",
        "Status": "Gereed",
    },
    {
        "Mijlpaal": "Uitnodigingen startbijeenkomst verstuurd",
        "Start": D(2027, 2, 15),
        "Gereed": D(2027, 2, 23),
        "Verantwoordelijke": "Sanne de Vries",
        "Status": "Gereed",
    },
    {
        "Mijlpaal": "Lokaal beeld: hittekaart en cijfers per wijk",
        "Start": D(2027, 2, 1),
        "Gereed": D(2027, 3, 2),
        "Verantwoordelijke": "Lotte Bakker",
        "Status": "Gereed",
    },
    {
        "Mijlpaal": "Startbijeenkomst",
        "Gereed": D(2027, 3, 9),
        "Verantwoordelijke": "Sanne de Vries",
        "Status": "Gereed",
    },
    {
        "Mijlpaal": "Terugkoppeling startbijeenkomst",
        "Start": D(2027, 3, 10),
        "Gereed": D(2027, 3, 19),
        "Verantwoordelijke": "Sanne de Vries",
        "Status": "Gereed",
    },
    {
        "Mijlpaal": "Dialoog doelen en maatregelen",
        "Gereed": D(2027, 4, 13),
        "Verantwoordelijke": "Sanne de Vries",
        "Status": "Gereed",
    },
    {
        "Mijlpaal": "Terugkoppeling dialoog",
        "Start": D(2027, 4, 14),
        "Gereed": D(2027, 4, 20),
        "Verantwoordelijke": "Sanne de Vries",
        "Status": "Gereed",
    },
    {
        "Mijlpaal": "Bestuurlijke notitie naar het college",
        "Start": D(2027, 4, 14),
        "Gereed": D(2027, 4, 26),
        "Verantwoordelijke": "Mark Jansen",
        "Status": "Loopt",
    },
    {
        "Mijlpaal": "Bestuurlijke bijeenkomst",
        "Gereed": D(2027, 5, 18),
        "Verantwoordelijke": "Wethouder A. el Amrani",
        "Status": "Gepland",
    },
    {
        "Mijlpaal": "Afronding fase 2 en start fase 3",
        "Start": D(2027, 5, 19),
        "Gereed": D(2027, 5, 31),
        "Verantwoordelijke": "Sanne de Vries",
        "Status": "Gepland",
    },
]

BRONNEN = [
    {"Bron": "CBS Kerncijfers wijken en buurten", "Link": "https://www.cbs.nl", "Peildatum": D(2026, 1, 1)},
    {
        "Bron": "Klimaateffectatlas, hittekaart gevoelstemperatuur",
        "Link": "https://www.klimaateffectatlas.nl",
        "Peildatum": D(2026, 6, 1),
    },
    {"Bron": "Basisregistratie Personen, gemeente Heuvelmonde", "Peildatum": D(2026, 12, 1)},
    {"Bron": "Handreiking Lokaal Hitteplan", "Link": "https://www.rivm.nl"},
]

GEGEVENS = {
    "Algemeen": ALGEMEEN,
    "Notitie": NOTITIE,
    "Ambitie": AMBITIE,
    "Beslispunten": BESLISPUNTEN,
    "Stakeholders": STAKEHOLDERS,
    "Bijeenkomsten": BIJEENKOMSTEN,
    "Programma": PROGRAMMA,
    "Wijken": WIJKEN,
    "Locaties": LOCATIES,
    "Doelen en rollen": DOELEN,
    "Knelpunten en kansen": KNELPUNTEN,
    "Afspraken": AFSPRAKEN,
    "Planning": PLANNING,
    "Bronnen": BRONNEN,
}


def na_de_startbijeenkomst(gegevens: dict) -> dict:
    """The example's data as it stood after the startbijeenkomst: the dialogue and the
    bestuurlijke bijeenkomst still to come, so there are invitations to write for both (the
    moment of phase 2 with the most letters). Changes ``gegevens`` and returns it."""
    dialoog = gegevens["Bijeenkomsten"][1]
    dialoog["Status"], dialoog["Uitkomsten"], dialoog["Evaluatie"], dialoog["Aanwezig"] = "Gepland", None, None, None
    return gegevens


def hittekaart() -> tuple[str, bytes]:
    """The example's heat map: (the file name the workbook refers to, its bytes)."""
    return str(ALGEMEEN["Hittekaart"]), (standaard_sjablonen() / HITTEKAART_BRON).read_bytes()


def maak_voorbeeld():
    """The example workbook: the blank workbook, filled in."""
    wb = maak_blanco()
    vul(wb, GEGEVENS)
    return wb
