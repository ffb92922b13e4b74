"""Workbooks of any size, built from the example data (generator.voorbeeld.GEGEVENS) scaled up
or down: 0 to 60 organisations of every category and status, 1 to 30 wijken, the koele plekken
spread over the wijken. The data stays what the dropdowns offer; references between sheets
(Gastheer, Partij, Organisatie, Wijk) point at rows that exist."""

from __future__ import annotations

import copy

from generator.contract import laad_contract
from generator.voorbeeld import GEGEVENS

STATUSSEN = ["Deelgenomen", "Uitgenodigd", "Aangemeld", "Telefonisch bijgepraat", "Nog benaderen", "Afgehaakt"]
NAMEN = ["Bergsma", "de Vries", "van der Meer", "Jansen", "Kuipers", "El Idrissi", "Hoekstra", "Visser"]
WIJKNAMEN = [
    "Centrum",
    "Oude Haven",
    "Molenwijk",
    "Heuvelrug-Noord",
    "Beekdal",
    "De Akkers",
    "Vossenberg",
    "Buitengebied",
]


def geschaald(organisaties: int | None = None, wijken: int | None = None, gegevens: dict | None = None) -> dict:
    """A deep copy of the example data with ``organisaties`` stakeholders (None: as in the
    example) and ``wijken`` wijken (None: as in the example)."""
    g = copy.deepcopy(gegevens if gegevens is not None else GEGEVENS)
    if organisaties is not None:
        _organisaties(g, organisaties)
    if wijken is not None:
        _wijken(g, wijken)
    return g


def _organisaties(g: dict, n: int) -> None:
    categorieen = laad_contract().lijsten["categorie"]
    rijen = []
    for i in range(n):
        categorie = categorieen[i % len(categorieen)]
        naam = NAMEN[i % len(NAMEN)]
        rijen.append(
            {
                "Organisatie": f"{categorie.split('/')[0]} {WIJKNAMEN[i % len(WIJKNAMEN)]} {i + 1:02d}",
                "Categorie": categorie,
                "Contactpersoon": f"J. {naam}",
                "Functie": "Coördinator",
                "E-mail": f"contact{i + 1}@voorbeeld.nl",
                "Status": STATUSSEN[i % len(STATUSSEN)],
                "Nieuw in netwerk": i % 4 == 0,
                **({"Ambassadeur": f"A. {naam}"} if i % 3 == 0 else {}),
                **({"Bestuurder": f"B. {naam}", "Aanhef bestuurder": "heer"} if i % 5 == 0 else {}),
            }
        )
    g["Stakeholders"] = rijen
    namen = [r["Organisatie"] for r in rijen]
    # partijen with roles: cycle over the organisations (every status, Afgehaakt included)
    for blad in ("Doelen en rollen", "Afspraken"):
        nieuw = []
        for i, rij in enumerate(g[blad]):
            if namen:
                rij["Partij"] = namen[i % len(namen)]
                nieuw.append(rij)
            elif blad == "Doelen en rollen":
                rij.pop("Partij", None)
                nieuw.append(rij)
        g[blad] = nieuw
    deelgenomen = [r["Organisatie"] for r in rijen if r["Status"] == "Deelgenomen"]
    for b in g["Bijeenkomsten"]:
        b.pop("Gastheer", None)
        if namen:
            b["Gastheer"] = namen[0]
        if b.get("Aanwezig"):  # who attended: the organisations that took part, as recorded
            b["Aanwezig"] = deelgenomen
    if namen:
        g["Ambitie"]["Trekker vervolg"] = namen[0]
    else:
        g["Ambitie"].pop("Trekker vervolg", None)
    for loc in g["Locaties"]:
        loc.pop("Organisatie", None)


def _wijken(g: dict, n: int) -> None:
    rijen = []
    for i in range(n):
        naam = WIJKNAMEN[i] if i < len(WIJKNAMEN) else f"Wijk {i + 1:02d} {'Noord' if i % 2 else 'Zuid'}"
        rijen.append(
            {
                "Wijkcode": f"WK9999{i + 1:02d}",
                "Wijk": naam,
                "Inwoners": 3000 + i * 170,
                "75-plussers": 300 + (i * 37) % 700,
                "Alleenwonende 75-plussers": 100 + (i * 23) % 300,
                "Hittestress (%)": 5 + (i * 7) % 70,
                "Verder dan 300 m van koelte (%)": 10 + (i * 11) % 80,
                "Prioriteit": ["Hoog", "Midden", "Laag"][i % 3],
            }
        )
    namen = [r["Wijk"] for r in rijen]
    for i, loc in enumerate(g["Locaties"]):
        loc["Wijk"] = namen[i % len(namen)]
    for r in rijen:
        r["Koele plekken"] = sum(
            1 for loc in g["Locaties"] if loc["Wijk"] == r["Wijk"] and loc["Soort"] in ("Koele plek", "Waterpunt")
        )
    g["Wijken"] = rijen
