"""What a trekker types and what the tool then says: a picture that is not there, a
percentage typed as a fraction, dates that do not fit the process, the next step, and the
same answer on any day for a given --datum."""

from __future__ import annotations

import datetime as dt
import re

import pptx
import time_machine
from click.testing import CliRunner
from docx import Document
from pptx.enum.shapes import MSO_SHAPE_TYPE

from generator.cli import hoofd
from generator.lezer import lees

from .conftest import na_de_startbijeenkomst

D = dt.date


def _controleer(pad, *extra):
    uit = CliRunner().invoke(hoofd, ["controleer", str(pad), *extra], catch_exceptions=False)
    return uit.exit_code, uit.output


WEEK_2 = D(2027, 1, 4)


def _waarschuwingen(pad, vandaag=WEEK_2):
    _, meldingen = lees(pad, vandaag)
    return [str(m) for m in meldingen if m.ernst == "waarschuwing"]


def test_logo_dat_er_niet_is_geeft_de_documenten_zonder_logo(maak_werkboek, gegevens, tmp_path):
    gegevens["Algemeen"]["Logo"] = "logo-gemeente.png"
    pad = maak_werkboek(gegevens)
    uit = CliRunner().invoke(hoofd, ["bouw", str(pad), "-o", str(tmp_path / "uit")], catch_exceptions=False)
    assert uit.exit_code == 0, uit.output
    zin = (
        "Waarschuwing: Blad 'Algemeen', cel B17: het bestand 'logo-gemeente.png' staat niet naast het werkboek; "
        "zet het bestand in de map van het werkboek, of maak deze cel leeg. De documenten zijn gemaakt zonder logo."
    )
    assert zin in uit.output.splitlines()
    memo = Document(tmp_path / "uit" / "bestuurlijke-notitie.docx")
    assert "bestuurlijke-notitie.docx" in uit.output
    # no logo in the memo's header
    assert not any(r.element.xpath(".//pic:pic") for s in memo.sections for p in s.header.paragraphs for r in p.runs)
    # controleer says the same, at the same cell, and is not an error
    code, tekst = _controleer(pad)
    assert code == 0 and zin in tekst.splitlines()


def _plaatjes(pptx_pad) -> int:
    return sum(v.shape_type == MSO_SHAPE_TYPE.PICTURE for dia in pptx.Presentation(pptx_pad).slides for v in dia.shapes)


def test_hittekaart_die_er_niet_is(maak_werkboek, gegevens, tmp_path):
    pad = maak_werkboek(gegevens)
    met = CliRunner().invoke(hoofd, ["bouw", str(pad), "-o", str(tmp_path / "met")], catch_exceptions=False)
    assert met.exit_code == 0
    (pad.parent / gegevens["Algemeen"]["Hittekaart"]).unlink()
    uit = CliRunner().invoke(hoofd, ["bouw", str(pad), "-o", str(tmp_path / "uit")], catch_exceptions=False)
    assert uit.exit_code == 0, uit.output
    assert (
        "Waarschuwing: Blad 'Algemeen', cel B18: het bestand 'hittekaart-heuvelmonde.png' staat niet naast het "
        "werkboek; zet het bestand in de map van het werkboek, of maak deze cel leeg. De presentatie en de notitie "
        "zijn gemaakt zonder hittekaart."
    ) in uit.output.splitlines()
    naam = "presentatie-startbijeenkomst.pptx"
    assert _plaatjes(tmp_path / "uit" / naam) == _plaatjes(tmp_path / "met" / naam) - 1


def test_een_afbeelding_die_geen_afbeelding_is_blijft_een_fout(maak_werkboek, gegevens):
    gegevens["Algemeen"]["Logo"] = "logo.png"
    pad = maak_werkboek(gegevens)
    (pad.parent / "logo.png").write_text("geen plaatje")
    code, tekst = _controleer(pad)
    assert code == 1 and "Blad 'Algemeen', cel B17: 'logo.png' is geen leesbare afbeelding" in tekst


def test_percentage_als_breuk(maak_werkboek, gegevens):
    gegevens["Wijken"][0]["Hittestress (%)"] = 0.39
    gegevens["Wijken"][1]["Hittestress (%)"] = "0,2"
    gegevens["Wijken"][2]["Hittestress (%)"] = 39

    def procentnotatie(wb):
        wb["Wijken"]["F5"].value, wb["Wijken"]["F5"].number_format = 0.25, "0%"

    uit = _waarschuwingen(maak_werkboek(gegevens, procentnotatie))
    assert (
        "Blad 'Wijken', cel F2: '0,39' staat hier als 0,39%; bedoelt u 39%? Typ dan 39 of 39%. Bedoelt u echt "
        "0,39%, dan mag het zo blijven"
    ) in uit
    assert any(w.startswith("Blad 'Wijken', cel F3: '0,2' staat hier als 0,2%; bedoelt u 20%?") for w in uit)
    assert not any(w.startswith(("Blad 'Wijken', cel F4:", "Blad 'Wijken', cel F5:")) for w in uit), uit


def test_datums_die_niet_bij_het_proces_passen(maak_werkboek, gegevens):
    na_de_startbijeenkomst(gegevens)
    gegevens["Bijeenkomsten"][1]["Datum"] = D(2027, 3, 2)  # the dialogue, a week before the startbijeenkomst
    gegevens["Bijeenkomsten"][2]["Datum"] = D(2027, 8, 1)  # the bestuurlijke bijeenkomst, after phase 2
    uit = _waarschuwingen(maak_werkboek(gegevens))
    assert (
        "Blad 'Bijeenkomsten', cel C3: de dialoog doelen en maatregelen (2 maart 2027) is vóór de startbijeenkomst "
        "(9 maart 2027, cel C2); de dialoog bouwt voort op wat de startbijeenkomst opleverde: klopt de datum?"
    ) in uit
    assert (
        "Blad 'Bijeenkomsten', cel C4: de bijeenkomst 'Bestuurlijke bijeenkomst' (1 augustus 2027) valt buiten de "
        "periode van fase 2 (1 februari 2027 tot en met 31 mei 2027, blad 'Algemeen'); klopt de datum, of de "
        "periode?"
    ) in uit
    # dates in every message are Dutch, never 01-08-2027
    assert not any(re.search(r"\d{2}-\d{2}-\d{4}", w) for w in uit), uit


def test_elke_waarschuwing_over_een_rij_noemt_haar_cel(maak_werkboek, gegevens):
    na_de_startbijeenkomst(gegevens)
    start = gegevens["Bijeenkomsten"][0]
    start["Status"], start["Uitkomsten"], start["Spreker"], start["Locatie"] = "Gepland", None, None, "Sporthal De Ren"
    start["Gastheer"] = "Welzijn Heuvelmonde"
    gegevens["Bijeenkomsten"][1]["Datum"] = D(2027, 3, 2)
    gegevens["Bijeenkomsten"][2]["Datum"] = D(2027, 1, 10)
    gegevens["Algemeen"]["Einde fase 2"] = D(2027, 12, 31)
    gegevens["Wijken"][0]["Hittestress (%)"] = 0.5
    uit = _waarschuwingen(maak_werkboek(gegevens), vandaag=D(2027, 3, 1))
    zonder_cel = [w for w in uit if not re.match(r"Blad '[^']+', cel [A-Z]+\d+: ", w)]
    # only what concerns a whole sheet (a row that is missing) has no cell
    assert all(
        any(s in w for s in ("er is geen", "er zijn geen", "heeft niemand", "nog geen doel", "er staat geen"))
        for w in zonder_cel
    ), zonder_cel
    assert len(uit) - len(zonder_cel) >= 6, uit


def test_volgende_stap_is_nooit_een_mijlpaal_die_voorbij_is(maak_werkboek, gegevens):
    na_de_startbijeenkomst(gegevens)
    # a milestone before the startbijeenkomst (held on 9 March) still on Loopt: not the next step
    gegevens["Planning"][0]["Status"] = "Loopt"
    for mijlpaal in gegevens["Planning"][4:]:
        mijlpaal["Status"] = "Gepland"
    gegevens["Notitie"]["Datum"] = None
    code, tekst = _controleer(maak_werkboek(gegevens), "--datum", "10-3-2027")
    regels = tekst.splitlines()
    assert code == 0
    assert "Volgende stap: Terugkoppeling startbijeenkomst, gepland 19 maart 2027." in regels, tekst
    assert (
        "Nu te doen: bel eerst Buurtsuper De Markt: nieuw in het netwerk en nog niet benaderd; stuur alle "
        "genodigden de terugkoppeling en verstuur de uitnodigingen voor de dialoog doelen en maatregelen uiterlijk "
        "23 maart 2027, drie weken vooraf."
    ) in regels


def test_uitnodigingen_te_laat(maak_werkboek, gegevens):
    na_de_startbijeenkomst(gegevens)
    code, tekst = _controleer(maak_werkboek(gegevens), "--datum", "6-4-2027")
    assert code == 0
    assert (
        "verstuur de uitnodigingen voor de dialoog doelen en maatregelen zo snel mogelijk: die is al op 13 april 2027."
    ) in tekst


def test_statussen_die_de_dag_van_de_controle_tegenspreekt(voorbeeld):
    """Checked on a later day (--datum), a meeting that has passed but still stands on
    Gepland is a warning at its Status cell, and 'Nu te doen' asks for its status instead of
    its invitations."""
    code, tekst = _controleer(voorbeeld, "--datum", "1-8-2027")
    regels = tekst.splitlines()
    assert code == 0
    assert (
        "Waarschuwing: Blad 'Bijeenkomsten', cel M4: de bijeenkomst 'Bestuurlijke bijeenkomst' (18 mei 2027) is voor "
        "de datum van de controle (1 augustus 2027) maar staat nog op Gepland; zet de status op Afgerond (met de "
        "uitkomsten) of Geannuleerd"
    ) in regels
    nu = next(r for r in regels if r.startswith("Nu te doen:"))
    assert nu.endswith(
        "zet de status van de bestuurlijke bijeenkomst van 18 mei 2027 op Afgerond (met de uitkomsten) of "
        "Geannuleerd: die datum is voorbij."
    )
    assert "verstuur de uitnodigingen" not in nu


def test_datum_geeft_op_elke_dag_hetzelfde_antwoord(maak_werkboek, gegevens):
    na_de_startbijeenkomst(gegevens)
    start = gegevens["Bijeenkomsten"][0]
    start["Status"], start["Uitkomsten"] = "Gepland", None
    pad = maak_werkboek(gegevens)
    eerste = _controleer(pad, "--datum", "1-3-2027")
    # the new partner still to call is warned about two weeks before the startbijeenkomst, not earlier
    assert "'Buurtsuper De Markt' is nieuw in het netwerk" in eerste[1]
    assert "'Buurtsuper De Markt' is nieuw in het netwerk" not in _controleer(pad, "--datum", "1-1-2027")[1]

    with time_machine.travel(dt.datetime(2031, 7, 7, 12, 0), tick=False):
        assert dt.date.today() == D(2031, 7, 7)
        assert _controleer(pad, "--datum", "1-3-2027") == eerste
        assert _controleer(pad) != eerste  # without --datum: today, a different day


def test_datum_die_geen_datum_is(voorbeeld):
    uit = CliRunner().invoke(hoofd, ["controleer", str(voorbeeld), "--datum", "morgen"], catch_exceptions=False)
    assert uit.exit_code == 2
    assert "'morgen' is geen datum" in uit.output and "Traceback" not in uit.output
