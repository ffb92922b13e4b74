"""Invitations, the mail-merge CSV, calendar files and the report back."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
from zoneinfo import ZoneInfo

import docx
import pytest
from click.testing import CliRunner
from icalendar import Calendar

from generator.cli import hoofd
from generator.namen import slug
from generator.voorbeeld import GEGEVENS

from .conftest import na_de_startbijeenkomst, naar_pdf, pdf_paginas, valideer_ooxml


def bouw(werkboek, uitvoer):
    uit = CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uitvoer)], catch_exceptions=False)
    assert uit.exit_code == 0, uit.output
    return uit.output


def alinea_teksten(pad) -> list[str]:
    doc = docx.Document(pad)
    teksten = [p.text for p in doc.paragraphs]
    for tabel in doc.tables:
        teksten += [c.text for r in tabel.rows for c in r.cells]
    return teksten


@pytest.fixture(scope="module")
def voorbeeld_uit(na_start_gebouwd):
    """The letters of the example as it stood after the startbijeenkomst: invitations for the
    dialogue and the bestuurlijke bijeenkomst, the report back of the startbijeenkomst."""
    return na_start_gebouwd.uit, na_start_gebouwd.tekst


EIGEN = {
    "Gemeente Heuvelmonde, sociaal domein",
    "Gemeente Heuvelmonde, fysiek domein",
    "Gemeente Heuvelmonde, communicatie",
}


def test_een_brief_per_organisatie_per_komende_bijeenkomst(voorbeeld_uit):
    """One letter per organisation per coming meeting; none to the gemeente's own teams (they
    get the e-mail and the calendar file), none yet to a new partner not yet called."""
    uit, uitvoer = voorbeeld_uit
    dialoog = sorted(p.stem for p in (uit / "uitnodigingen" / "dialoog-doelen-en-maatregelen").iterdir())
    verwacht = [
        slug(s["Organisatie"])
        for s in GEGEVENS["Stakeholders"]
        if s["Organisatie"] not in EIGEN and s["Organisatie"] != "Buurtsuper De Markt"
    ]
    assert dialoog == sorted(verwacht) and len(dialoog) == 17
    bestuurlijk = sorted(p.stem for p in (uit / "uitnodigingen" / "bestuurlijke-bijeenkomst").iterdir())
    assert bestuurlijk == sorted(
        slug(s["Organisatie"])
        for s in GEGEVENS["Stakeholders"]
        if s.get("Bestuurder") and s["Organisatie"] not in EIGEN
    )
    assert not (uit / "uitnodigingen" / "startbijeenkomst-hitteplan").exists()  # already held
    assert (
        "  uitnodigingen/: 23 brieven, dialoog-doelen-en-maatregelen.ics, bestuurlijke-bijeenkomst.ics, "
        "uitnodigingen.csv" in uitvoer.splitlines()
    )
    assert (
        "  Niet gemaakt: geen brief aan de eigen gemeente (Gemeente Heuvelmonde, sociaal domein; Gemeente "
        "Heuvelmonde, fysiek domein en Gemeente Heuvelmonde, communicatie): wel de e-mail in uitnodigingen.csv en "
        "het agendabestand"
    ) in uitvoer.splitlines()


def test_eerst_bellen(voorbeeld_uit):
    """A new partner not yet approached gets no letter and no e-mail: the build names it with
    its phone number, and the contact list has it on top."""
    uit, uitvoer = voorbeeld_uit
    assert (
        "  Eerst bellen: 1 nieuwe organisatie nog niet benaderd, dus nog geen uitnodiging: Buurtsuper De Markt "
        "(Ahmed Benali, 0123-456 999) (zie contactlijst-partners.docx)"
    ) in uitvoer.splitlines()
    assert "Buurtsuper De Markt" not in (uit / "uitnodigingen" / "uitnodigingen.csv").read_bytes().decode("utf-8-sig")
    lijst = docx.Document(uit / "contactlijst-partners.docx")
    koppen = [p.text for p in lijst.paragraphs if p.style.name == "Heading 1"]
    assert koppen == ["Eerst bellen", "De groslijst"]
    bellen = [[c.text for c in r.cells] for r in lijst.tables[0].rows]
    assert bellen[1][:3] == ["Buurtsuper De Markt\nSupermarkt", "Ahmed Benali, Eigenaar", "0123-456\u00a0999"]
    assert len(bellen) == 2


def test_aanhef_en_inhoud(voorbeeld_uit):
    uit, _ = voorbeeld_uit
    brief = alinea_teksten(uit / "uitnodigingen" / "dialoog-doelen-en-maatregelen" / "thuiszorg-heuvelmonde.docx")
    assert "Beste Karin Hendriks," in brief  # no Aanhef: as before
    assert "dinsdag 13 april 2027, 14.00\u201316.30 uur" in brief  # an en dash
    assert any(t.startswith("Uw medewerkers komen dagelijks bij kwetsbare ouderen thuis") for t in brief)
    assert "Kom naar de bijeenkomst en neem gerust een collega mee die met kwetsbare cliënten thuis werkt." in brief
    assert "Fijn dat u als ambassadeur het thema binnen Thuiszorg Heuvelmonde trekt." in brief
    assert any(
        t == "Meld u uiterlijk 6 april 2027 aan bij Sanne de Vries, s.devries@heuvelmonde.nl of 0123-456\u00a0789."
        for t in brief
    )  # a number that does not break over two lines
    ggd = alinea_teksten(uit / "uitnodigingen" / "dialoog-doelen-en-maatregelen" / "ggd-heuvelland.docx")
    assert "Geachte mevrouw Visser," in ggd  # Aanhef: mevrouw
    assert not any("ambassadeur" in t for t in ggd)  # the GGD co-leads: no care organisation's ask
    assert "Breng uw kennis over hitte en gezondheid in aan de tafels; u helpt het gesprek op gang." in ggd
    kbo = alinea_teksten(uit / "uitnodigingen" / "dialoog-doelen-en-maatregelen" / "kbo-heuvelmonde.docx")
    assert "Kom naar de bijeenkomst en neem gerust een vrijwilliger mee die nu al met leden belt." in kbo
    assert not any("ambassadeur" in t for t in kbo)
    radio = alinea_teksten(uit / "uitnodigingen" / "dialoog-doelen-en-maatregelen" / "radio-heuvelmonde.docx")
    assert "Kom naar de bijeenkomst en denk mee over hoe we inwoners bij hitte op tijd bereiken." in radio
    assert not any("collega mee" in t for t in radio)
    zorggroep = alinea_teksten(uit / "uitnodigingen" / "dialoog-doelen-en-maatregelen" / "zorggroep-heuvelland.docx")
    ambassadeur = next(t for t in zorggroep if t.startswith("Fijn dat Ilse van Dam"))
    assert ambassadeur.count("Ilse van Dam") == 1  # no name twice in one sentence
    bestuurder = alinea_teksten(uit / "uitnodigingen" / "bestuurlijke-bijeenkomst" / "zorggroep-heuvelland.docx")
    assert "Geachte mevrouw De Boer," in bestuurder
    woonstichting = alinea_teksten(
        uit / "uitnodigingen" / "bestuurlijke-bijeenkomst" / "woonstichting-heuvelwonen.docx"
    )
    assert "Geachte Wendy Meijer," in woonstichting  # no Aanhef bestuurder


def test_uitnodiging_aan_bestuurders_van_de_portefeuillehouders(voorbeeld_uit):
    """An invitation to bestuurders comes from the gemeente and is signed by the
    portefeuillehouders; the trekker is the contact."""
    uit, _ = voorbeeld_uit
    doc = docx.Document(uit / "uitnodigingen" / "bestuurlijke-bijeenkomst" / "ggd-heuvelland.docx")
    teksten = [p.text for p in doc.paragraphs]
    assert teksten[teksten.index("Met vriendelijke groet,") + 2] == (
        "Wethouder A. el Amrani (zorg en welzijn)\nWethouder J. Hoekstra (ruimte en klimaat)\nGemeente Heuvelmonde"
    )
    assert (
        "Contactpersoon voor deze bijeenkomst: Sanne de Vries, beleidsadviseur gezondheid, "
        "s.devries@heuvelmonde.nl, 0123-456\u00a0789." in teksten
    )
    assert any(t.startswith("De ambitie zoals die nu luidt: “In 2028 wordt in Heuvelmonde") for t in teksten)
    assert "Bijlage: het canvas fase 2, met de ambitie, de rollen en de afspraken op één pagina." in teksten
    assert doc.paragraphs[next(i for i, p in enumerate(doc.paragraphs) if p.style.name == "Afzender")].text.startswith(
        "Gemeente Heuvelmonde\n"
    )
    assert not any("Sanne de Vries\nBeleidsadviseur" in t for t in teksten)


def test_csv_zoals_nederlandse_excel_het_leest(voorbeeld_uit):
    uit, uitvoer = voorbeeld_uit
    ruw = (uit / "uitnodigingen" / "uitnodigingen.csv").read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf") and b"\r\n" in ruw
    rijen = list(csv.reader(io.StringIO(ruw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rijen[0] == ["organisatie", "contactpersoon", "e-mail", "onderwerp", "tekst"]
    zonder = {"Apotheek De Gaper", "KBO Heuvelmonde", "Buurtsuper De Markt"}
    assert not zonder & {r[0] for r in rijen[1:]}
    # the dialogue and the bestuurders, less the two wethouders who sign the invitation themselves
    assert len(rijen) - 1 == (len(GEGEVENS["Stakeholders"]) - 3) + 6
    bestuurlijk = {r[0]: r for r in rijen if r[3].startswith("Uitnodiging: bestuurlijke bijeenkomst")}
    assert bestuurlijk["GGD Heuvelland"][1:3] == ["Hans Kuipers", "h.kuipers@ggdheuvelland.nl"]  # his own address
    woonstichting = bestuurlijk["Woonstichting Heuvelwonen"]  # no address of its bestuurder: its contact person
    assert woonstichting[1:3] == ["Dirk Brouwer", "d.brouwer@heuvelwonen.nl"]
    assert woonstichting[4].startswith(
        "Beste Dirk Brouwer,\r\n\r\nWilt u de uitnodiging hieronder doorgeven aan "
        "Wendy Meijer, bestuurder van Woonstichting Heuvelwonen?"
    )
    assert "Gemeente Heuvelmonde, sociaal domein" not in bestuurlijk  # Wethouder A. el Amrani signs it
    assert {r[0] for r in rijen[1:]} >= EIGEN  # the gemeente's own teams get the e-mail
    thuiszorg = next(r for r in rijen if r[0] == "Thuiszorg Heuvelmonde")
    assert thuiszorg[1:3] == ["Karin Hendriks", "k.hendriks@thuiszorgheuvelmonde.nl"]
    assert thuiszorg[3].startswith("Uitnodiging: dialoog doelen en maatregelen Lokaal hitteplan Heuvelmonde")
    assert thuiszorg[4].startswith("Beste Karin Hendriks,\r\n\r\nGraag nodigen wij u uit") or thuiszorg[4].startswith(
        "Beste Karin Hendriks,\n\nGraag nodigen wij u uit"
    )
    assert (
        "Niet gemaakt: 2 organisaties zonder e-mailadres: wel een brief, niet in uitnodigingen.csv "
        "(Apotheek De Gaper en KBO Heuvelmonde)"
    ) in uitvoer


def test_agenda_bestand(voorbeeld_uit):
    uit, _ = voorbeeld_uit
    agenda = Calendar.from_ical((uit / "uitnodigingen" / "dialoog-doelen-en-maatregelen.ics").read_bytes())
    ev = next(iter(agenda.walk("VEVENT")))
    assert ev.decoded("dtstart") == dt.datetime(2027, 4, 13, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert ev.decoded("dtend").hour == 16 and ev.decoded("dtend").minute == 30
    assert str(ev["summary"]) == "Dialoog doelen en maatregelen · Lokaal hitteplan Heuvelmonde"
    assert str(ev["location"]) == "Buurthuis De Molen, Molenstraat 12, 1234 CD Heuvelmonde"
    assert str(ev["uid"]) == "heuvelmonde-dialoog-doelen-en-maatregelen-20270413@hitteplan"
    assert "s.devries@heuvelmonde.nl" in str(ev["organizer"])
    assert any(c.name == "VTIMEZONE" for c in agenda.subcomponents)


def test_terugkoppeling(voorbeeld_uit):
    """The report back: dated (the planning's milestone), for every invited organisation also
    those that could not come, itself not among the next steps, and announcing the next
    meeting with date, place and how to register."""
    uit, _ = voorbeeld_uit
    pad = uit / "terugkoppeling-startbijeenkomst-hitteplan.docx"
    tekst = alinea_teksten(pad)
    assert "Terugkoppeling: startbijeenkomst hitteplan" in tekst
    assert "Heuvelmonde, 19 maart 2027" in tekst  # Algemeen: Plaats
    assert "Beste partners," in tekst
    assert any("Kon u er niet bij zijn?" in t for t in tekst)
    deelnemers = tekst[tekst.index("Wie er waren") + 1]  # the meeting's Aanwezig, not the partners' status
    assert deelnemers.startswith("Gemeente Heuvelmonde, sociaal domein; Gemeente Heuvelmonde, fysiek domein; ")
    assert deelnemers.endswith("; KBO Heuvelmonde en Bibliotheek Heuvelmonde.") and deelnemers.count("; ") == 13
    assert any(t.startswith("Vijftien organisaties waren aanwezig") for t in tekst)
    assert "13 april 2027: Dialoog doelen en maatregelen" in tekst
    assert not any("Terugkoppeling startbijeenkomst" in t for t in tekst)  # not itself a next step
    assert (
        "De volgende bijeenkomst is de dialoog doelen en maatregelen op dinsdag 13 april 2027, "
        "14.00\u201316.30 uur, in "
        "Buurthuis De Molen (Molenstraat 12, 1234 CD Heuvelmonde). U krijgt daarvoor een persoonlijke uitnodiging; "
        "meld u uiterlijk 6 april 2027 aan bij Sanne de Vries, s.devries@heuvelmonde.nl."
    ) in tekst
    assert (
        docx.Document(pad).core_properties.title == "Terugkoppeling startbijeenkomst hitteplan · Lokaal hitteplan "
        "Heuvelmonde"
    )
    # what was discussed: the programme with its questions for the tables, each part once
    assert any(
        t.startswith(
            "Tafelgesprekken over bereik en verantwoordelijkheid: Welke groepen bereiken we nu niet bij hitte?"
        )
        for t in tekst
    ), tekst


@pytest.mark.extern
def test_brieven_geldig_en_renderen(voorbeeld_uit, tmp_path):
    uit, _ = voorbeeld_uit
    brief = uit / "uitnodigingen" / "bestuurlijke-bijeenkomst" / "ggd-heuvelland.docx"
    terug = uit / "terugkoppeling-startbijeenkomst-hitteplan.docx"
    for pad in (brief, terug):
        assert valideer_ooxml(pad) == []
        assert pdf_paginas(naar_pdf(pad, tmp_path)) <= 2


def test_randgevallen(maak_werkboek, gegevens, tmp_path):
    na_de_startbijeenkomst(gegevens)
    s = gegevens["Stakeholders"]
    s[4]["Contactpersoon"] = None  # Veiligheidsregio: no name
    s[10]["Status"] = "Afgehaakt"  # Huisartsencoöperatie
    s[15]["Organisatie"] = "Zorg & Welzijn Súdwest <Noord>"
    aanwezig = gegevens["Bijeenkomsten"][0]["Aanwezig"]
    aanwezig[aanwezig.index("Mantelzorgpunt Heuvelmonde")] = s[15]["Organisatie"]
    s[15]["Contactpersoon"] = "Ånne Çelik-Öztürk"
    gegevens["Bijeenkomsten"][1]["Eindtijd"] = None
    gegevens["Bijeenkomsten"][2]["Status"] = "Geannuleerd"
    uitvoer = bouw(maak_werkboek(gegevens), tmp_path)
    map_ = tmp_path / "uitnodigingen" / "dialoog-doelen-en-maatregelen"
    namen = {p.name for p in map_.iterdir()}
    assert "huisartsencooperatie-heuvelmonde.docx" not in namen
    assert "Niet gemaakt: 1 afgehaakte organisatie: geen uitnodiging (Huisartsencoöperatie Heuvelmonde)" in uitvoer
    assert not (tmp_path / "uitnodigingen" / "bestuurlijke-bijeenkomst").exists()
    assert "Beste collega's van Veiligheidsregio Heuvelland (GHOR)," in alinea_teksten(
        map_ / "veiligheidsregio-heuvelland-ghor.docx"
    )
    bijzonder = alinea_teksten(map_ / "zorg-welzijn-sudwest-noord.docx")
    assert "Beste Ånne Çelik-Öztürk," in bijzonder
    assert any("Zorg & Welzijn Súdwest <Noord>" in t for t in bijzonder)
    agenda = Calendar.from_ical((tmp_path / "uitnodigingen" / "dialoog-doelen-en-maatregelen.ics").read_bytes())
    ev = next(iter(agenda.walk("VEVENT")))
    begin = ev.decoded("dtstart")
    assert (begin.date(), begin.time()) == (dt.date(2027, 4, 13), dt.time(14, 0))
    assert ev.decoded("dtend") - begin == dt.timedelta(hours=2)  # no end time: two hours


def test_uitnodiging_wacht_op_tijd_en_plaats(maak_werkboek, gegevens, tmp_path):
    """An invitation needs its meeting's date, time and location; without them it waits,
    naming the cells, and the other documents are made."""
    na_de_startbijeenkomst(gegevens)
    gegevens["Bijeenkomsten"][1]["Begintijd"] = None
    gegevens["Bijeenkomsten"][1]["Eindtijd"] = None
    gegevens["Bijeenkomsten"][2]["Locatie"] = None
    uit = CliRunner().invoke(
        hoofd, ["bouw", str(maak_werkboek(gegevens)), "-o", str(tmp_path / "uit")], catch_exceptions=False
    )
    assert uit.exit_code == 0
    regels = uit.output.splitlines()
    assert (
        "Nog niet gemaakt: uitnodigingen dialoog doelen en maatregelen — nog leeg: blad 'Bijeenkomsten', "
        "cel D3 (Begintijd)"
    ) in regels
    assert (
        "Nog niet gemaakt: uitnodigingen bestuurlijke bijeenkomst — nog leeg: blad 'Bijeenkomsten', cel F4 (Locatie)"
    ) in regels
    brieven = tmp_path / "uit" / "uitnodigingen"
    assert not (brieven / "dialoog-doelen-en-maatregelen").exists()
    assert not (brieven / "bestuurlijke-bijeenkomst.ics").exists()
    assert (tmp_path / "uit" / "bestuurlijke-notitie.docx").is_file()


def test_bijeenkomst_zonder_datum_geeft_fout_en_geen_brieven(maak_werkboek, gegevens, tmp_path):
    gegevens["Bijeenkomsten"][1]["Datum"] = None
    uit = CliRunner().invoke(
        hoofd, ["bouw", str(maak_werkboek(gegevens)), "-o", str(tmp_path / "uit")], catch_exceptions=False
    )
    assert uit.exit_code == 1
    assert "Fout: Blad 'Bijeenkomsten', cel C3: 'Datum' is niet ingevuld; deze kolom is verplicht" in uit.output
    assert not (tmp_path / "uit").exists()


def test_kapotte_tekst_in_brieven_toml(voorbeeld, tmp_path):
    from generator.paden import standaard_sjablonen

    eigen = tmp_path / "eigen"
    eigen.mkdir()
    tekst = (standaard_sjablonen() / "brieven.toml").read_text(encoding="utf-8")
    (eigen / "brieven.toml").write_text(
        tekst.replace('onderwerp = "Uitnodiging:', 'onderwerp = "{{ onbekend }}'), encoding="utf-8"
    )
    uit = CliRunner().invoke(
        hoofd, ["bouw", str(voorbeeld), "-o", str(tmp_path / "uit"), "--sjablonen", str(eigen)], catch_exceptions=False
    )
    assert uit.exit_code == 1
    assert uit.output.strip() == "Sjabloon 'brieven.toml', tekst 'onderwerp': onbekende naam 'onbekend'."
    assert not (tmp_path / "uit").exists()


def _stijlverwijzingen(deel: bytes) -> set[str]:
    return {m.decode() for m in re.findall(rb'w:(?:pStyle|rStyle|tblStyle|numStyleId) w:val="([^"]+)"', deel)}


def test_elke_gebruikte_stijl_bestaat_en_geen_overbodige_delen(voorbeeld_uit):
    """The templates carry only the styles they use: every style a Word document of the build
    refers to is defined (Word would silently fall back to Normal), and no document carries
    a thumbnail or Word 2010's second copy of the styles."""
    uit, _ = voorbeeld_uit
    documenten = sorted(uit.rglob("*.docx"))
    assert len(documenten) > 20
    for pad in documenten:
        with zipfile.ZipFile(pad) as z:
            namen = z.namelist()
            assert not [n for n in namen if "thumbnail" in n or "stylesWithEffects" in n], pad.name
            gedefinieerd = set(re.findall(r'w:styleId="([^"]+)"', z.read("word/styles.xml").decode()))
            verwezen = set().union(
                *(
                    _stijlverwijzingen(z.read(n))
                    for n in namen
                    if n.startswith("word/") and n.endswith(".xml") and "styles" not in n
                )
            )
            assert verwezen and verwezen <= gedefinieerd, (pad.name, verwezen - gedefinieerd)
            assert len(z.read("word/styles.xml")) < 60_000, pad.name


@pytest.mark.extern
def test_eigen_sjabloon_met_miniatuur(voorbeeld_na_start, tmp_path):
    voorbeeld = voorbeeld_na_start
    """A municipality's own letter template saved with a thumbnail and stylesWithEffects (as
    Word 2010 does; python-docx's own default document has both): the letters carry neither,
    and still validate."""
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    sjabloon = docx.Document()
    sjabloon.add_paragraph("Beste {{ naam }} van {{ s.organisatie }},")
    sjabloon.save(eigen / "uitnodiging.docx")
    with zipfile.ZipFile(eigen / "uitnodiging.docx") as z:
        assert {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"} <= set(z.namelist())
    uit = CliRunner().invoke(
        hoofd, ["bouw", str(voorbeeld), "-o", str(tmp_path / "uit"), "--sjablonen", str(eigen)], catch_exceptions=False
    )
    assert uit.exit_code == 0, uit.output
    brieven = sorted((tmp_path / "uit" / "uitnodigingen").rglob("*.docx"))
    assert brieven
    brief = brieven[0]
    with zipfile.ZipFile(brief) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n or "stylesWithEffects" in n]
        assert b"thumbnail" not in z.read("_rels/.rels") and b"stylesWithEffects" not in z.read("[Content_Types].xml")
    assert docx.Document(brief).paragraphs[0].text.startswith("Beste ")
    assert valideer_ooxml(brief) == []


def test_elke_brief_eigen_titel_kop_en_voettekst(voorbeeld_na_start, tmp_path):
    voorbeeld = voorbeeld_na_start
    """One template object renders every letter of a run: no letter carries anything of the
    letter before it: not its title, not its header or footer, not its body."""
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    sjabloon = docx.Document()
    sjabloon.core_properties.title = "Brief aan {{ s.organisatie }}"
    sjabloon.sections[0].header.paragraphs[0].text = "Kop: {{ s.organisatie }}"
    sjabloon.sections[0].footer.paragraphs[0].text = "Voet: {{ naam }}"
    sjabloon.add_paragraph("Beste {{ naam }} van {{ s.organisatie }},")
    sjabloon.add_paragraph("{% if s.categorie == 'Zorg' %}Over zorg.{% endif %}")
    sjabloon.save(eigen / "uitnodiging.docx")
    uit = CliRunner().invoke(
        hoofd, ["bouw", str(voorbeeld), "-o", str(tmp_path / "uit"), "--sjablonen", str(eigen)], catch_exceptions=False
    )
    assert uit.exit_code == 0, uit.output
    brieven = sorted((tmp_path / "uit" / "uitnodigingen").rglob("*.docx"))
    assert len(brieven) == 23
    organisaties = set()
    for pad in brieven:
        doc = docx.Document(pad)
        organisatie = doc.core_properties.title.removeprefix("Brief aan ")
        organisaties.add(organisatie)
        assert doc.sections[0].header.paragraphs[0].text == f"Kop: {organisatie}"
        naam = doc.sections[0].footer.paragraphs[0].text.removeprefix("Voet: ")
        assert doc.paragraphs[0].text == f"Beste {naam} van {organisatie},"
    assert len(organisaties) > 10


def test_brief_hetzelfde_of_hij_eerst_of_later_komt(voorbeeld_na_start, tmp_path):
    voorbeeld = voorbeeld_na_start
    """A letter is, byte for byte, the same whether it is made first or last: also with a
    logo (python-docx numbers pictures by what the document already holds)."""
    from generator.brieven import maak_brieven
    from generator.lezer import lees_werkboek
    from generator.sjabloon import Sjablonen

    wb, _ = lees_werkboek(voorbeeld)
    logo = voorbeeld.parent / "hittekaart-heuvelmonde.png"
    wb = dataclasses.replace(wb, algemeen=dataclasses.replace(wb.algemeen, logo=str(logo)))
    eerst = dict(maak_brieven(wb, Sjablonen()))
    omgekeerd = dataclasses.replace(wb, stakeholders=tuple(reversed(wb.stakeholders)))
    later = dict(maak_brieven(omgekeerd, Sjablonen()))
    brieven = [n for n in eerst if n.endswith(".docx") and n.startswith("uitnodigingen/")]
    assert len(brieven) == 23
    assert all(eerst[n] == later[n] for n in brieven)
    with zipfile.ZipFile(io.BytesIO(eerst[brieven[-1]])) as z:
        assert [n for n in z.namelist() if n.startswith("word/media/")] == ["word/media/image1.png"]
        assert b'name="Picture 1"' in z.read("word/document.xml")


def test_brieven_van_een_eerdere_bouw_worden_genoemd(maak_werkboek, gegevens, tmp_path):
    """An organisation removed from the workbook: its letters from the build before are named
    in a warning (so nobody sends them), and left where they are (never deleted). Only files an
    earlier build wrote (its manifest) are named: the trekker's own files are not."""
    uit = tmp_path / "uit"
    eerste = CliRunner().invoke(hoofd, ["bouw", str(maak_werkboek(gegevens)), "-o", str(uit)], catch_exceptions=False)
    assert eerste.exit_code == 0 and "eerdere bouw" not in eerste.output
    elders = repr({blad: rijen for blad, rijen in gegevens.items() if blad != "Stakeholders"})
    weg = next(
        s
        for s in reversed(gegevens["Stakeholders"])  # one no other sheet refers to, with letters
        if s["Organisatie"] not in elders and list(uit.rglob(f"{slug(s['Organisatie'])}.docx"))
    )
    oud = sorted(uit.rglob(f"{slug(weg['Organisatie'])}.docx"))
    eigen = uit / "uitnodigingen" / "ondertekend door de wethouder.pdf"  # the trekker's own file
    eigen.write_bytes(b"%PDF")
    gegevens["Stakeholders"] = [s for s in gegevens["Stakeholders"] if s is not weg]
    tweede = CliRunner().invoke(
        hoofd, ["bouw", str(maak_werkboek(gegevens, naam="zonder.xlsx")), "-o", str(uit)], catch_exceptions=False
    )
    assert tweede.exit_code == 0, tweede.output
    regel = next(r for r in tweede.output.splitlines() if "eerdere bouw" in r)
    aantal = (
        f"{len(oud)} bestand van een eerdere bouw hoort"
        if len(oud) == 1
        else f"{len(oud)} bestanden van een eerdere bouw horen"
    )
    assert regel.startswith(f"Waarschuwing: {aantal} niet meer bij dit werkboek")
    for pad in oud:
        assert str(pad.relative_to(uit)) in regel and pad.exists()
    assert eigen.name not in regel and eigen.read_bytes() == b"%PDF"
    andere = next(
        p for p in uit.rglob("*.docx") if p.parent.name != "uitnodigingen" and p not in oud and p.parent != uit
    )
    assert str(andere.relative_to(uit)) not in regel


def test_naam_met_aanhalingstekens_in_het_agendabestand(maak_werkboek, gegevens, tmp_path):
    gegevens["Algemeen"]["Naam trekker"] = 'Sanne "de" Vries'
    uit = tmp_path / "uit"
    assert (
        CliRunner()
        .invoke(hoofd, ["bouw", str(maak_werkboek(gegevens)), "-o", str(uit)], catch_exceptions=False)
        .exit_code
        == 0
    )
    ics = (uit / "uitnodigingen" / "bestuurlijke-bijeenkomst.ics").read_bytes()
    assert b"^'" not in ics
    ev = next(iter(Calendar.from_ical(ics).walk("VEVENT")))
    assert ev["organizer"].params["cn"] == "Sanne 'de' Vries"
