"""Readiness warnings: allowed (exit 0), but named so the trekker can act on them."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from generator.cli import hoofd
from generator.controles import gereedheid
from generator.lezer import lees_werkboek

from .conftest import na_de_startbijeenkomst


def _waarschuwingen(pad, vandaag=dt.date(2026, 11, 27)):
    """Each warning as the trekker reads it: sheet, cell (where there is one) and sentence."""
    werkboek, _ = lees_werkboek(pad)
    return [str(m) for m in gereedheid(werkboek, vandaag=vandaag)]


def test_voorbeeld_is_gereed(voorbeeld):
    assert _waarschuwingen(voorbeeld) == []


def test_waarschuwingen_voor_de_startbijeenkomst(maak_werkboek, gegevens):
    na_de_startbijeenkomst(gegevens)
    gegevens["Notitie"]["Datum"] = None
    gegevens["Algemeen"]["Einde fase 2"] = dt.date(2027, 12, 31)
    start = gegevens["Bijeenkomsten"][0]
    start["Locatie"], start["Gastheer"], start["Spreker"] = "Sporthal De Ren", "Welzijn Heuvelmonde", None
    start["Status"], start["Uitkomsten"] = "Gepland", None
    gegevens["Bijeenkomsten"][2]["Datum"] = dt.date(2027, 3, 1)
    gegevens["Stakeholders"][6]["Ambassadeur"] = None
    gegevens["Doelen en rollen"] = []
    gegevens["Wijken"], gegevens["Locaties"] = [], []
    uit = _waarschuwingen(maak_werkboek(gegevens), vandaag=dt.date(2027, 3, 1))
    assert (
        "Blad 'Algemeen', cel B16: fase 2 duurt 10,9 maanden; ongeveer vier maanden is gebruikelijk voor "
        "voorbereiding, twee bijeenkomsten en afronding" in uit
    )
    assert (
        "Blad 'Bijeenkomsten', cel F2: de startbijeenkomst is niet bij een zorginstelling (Sporthal De Ren); de "
        "handreiking raadt een locatie bij bijvoorbeeld een zorginstelling aan" in uit
    )
    assert (
        "Blad 'Bijeenkomsten', cel I2: de startbijeenkomst heeft geen spreker; nodig een expert of "
        "ervaringsdeskundige uit om de noodzaak te onderstrepen" in uit
    )
    assert (
        "Blad 'Stakeholders', cel H21: 'Buurtsuper De Markt' is nieuw in het netwerk en staat nog op 'Nog "
        "benaderen', terwijl de startbijeenkomst binnen twee weken is; bel eerst even" in uit
    )
    assert (
        "Blad 'Bijeenkomsten', cel C4: de bestuurlijke bijeenkomst (1 maart 2027) is vóór de startbijeenkomst "
        "(9 maart 2027, cel C2); bestuurders bespreken de uitkomsten van de dialogen" in uit
    )
    assert "Blad 'Wijken': er zijn geen wijken ingevuld; het lokale beeld blijft dan leeg" in uit
    # advice for later moments is not raised in the first weeks
    assert not any("ambassadeur" in w or "nog geen doel" in w or "trekt de samenwerking" in w for w in uit), uit


def test_waarschuwingen_na_de_startbijeenkomst(maak_werkboek, gegevens):
    na_de_startbijeenkomst(gegevens)
    gegevens["Notitie"]["Datum"] = None
    start = gegevens["Bijeenkomsten"][0]  # held (Afgerond) in the example
    start["Locatie"], start["Gastheer"], start["Spreker"] = "Sporthal De Ren", "Welzijn Heuvelmonde", None
    gegevens["Stakeholders"][6]["Ambassadeur"] = None
    gegevens["Wijken"], gegevens["Locaties"] = [], []
    gegevens["Bronnen"] = []
    uit = _waarschuwingen(maak_werkboek(gegevens), vandaag=dt.date(2027, 3, 1))
    assert uit == [
        "Blad 'Stakeholders', cel I8: zorgorganisatie 'Thuiszorg Heuvelmonde' heeft nog geen ambassadeur; "
        "zoek per zorgorganisatie een ambassadeur om draagvlak te verbreden"
    ]  # nothing about preparing the startbijeenkomst


def test_waarschuwingen_na_de_dialoog(maak_werkboek, gegevens):
    gegevens["Doelen en rollen"] = [d for d in gegevens["Doelen en rollen"] if d["Fase hitteplan"] != "Opschaling"]
    gegevens["Ambitie"]["Trekker vervolg"] = None
    for afspraak in gegevens["Afspraken"]:
        afspraak["Trekt vervolg"] = False
    uit = _waarschuwingen(maak_werkboek(gegevens))
    assert uit == [
        "Blad 'Doelen en rollen': de fase 'Opschaling' van het hitteplan heeft nog geen doel",
        "Blad 'Afspraken', cel D2: niemand trekt de samenwerking in het vervolg; vul 'Trekker vervolg' in "
        "(blad 'Ambitie', cel B8) of zet 'Trekt vervolg' op ja",
    ]


def test_waarschuwingen_geven_exit_0(maak_werkboek, gegevens):
    gegevens["Doelen en rollen"] = gegevens["Doelen en rollen"][:1]
    pad = str(maak_werkboek(gegevens))
    uit = CliRunner().invoke(hoofd, ["controleer", pad, "--datum", "27-11-2026"], catch_exceptions=False)
    assert uit.exit_code == 0
    assert (
        "Waarschuwing: Blad 'Doelen en rollen': de fase 'Voorbereiding' van het hitteplan heeft nog geen doel"
        in uit.output.splitlines()
    )
    assert "werkboek.xlsx is in orde: geen fouten, 5 waarschuwingen." in uit.output


def test_afgerond_zonder_uitkomsten(maak_werkboek, gegevens):
    gegevens["Bijeenkomsten"][0]["Uitkomsten"] = None
    uit = _waarschuwingen(maak_werkboek(gegevens))
    assert (
        "Blad 'Bijeenkomsten', cel N2: de bijeenkomst 'Startbijeenkomst hitteplan' is afgerond maar heeft geen "
        "uitkomsten; de trekker evalueert na iedere dialoog" in uit
    )
