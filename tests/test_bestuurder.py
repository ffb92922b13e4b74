"""Documents a bestuurder signs as they are: privacy, one model that agrees with itself, the form
of a bestuurlijke notitie, and an example that models good practice. Every test reopens what
the build wrote (python-docx, python-pptx, pdftotext for the PDFs)."""

from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess

import docx
import pptx
import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.voorbeeld import GEGEVENS

from .conftest import hulpmiddel, na_de_startbijeenkomst, naar_pdf, schrijf_werkboek


def bouw(werkboek, uit, *extra):
    resultaat = CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uit), *extra], catch_exceptions=False)
    assert resultaat.exit_code == 0, resultaat.output
    return resultaat.output


def alle_tekst(pad) -> str:
    doc = docx.Document(pad)
    delen = [p.text for p in doc.paragraphs]
    delen += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(delen)


def pdf_tekst(pdf) -> str:
    return subprocess.run([hulpmiddel("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def voorbeeld_uit(voorbeeld_gebouwd):
    return voorbeeld_gebouwd.uit


CONTACT = [(s.get("E-mail"), s.get("Telefoon"), s.get("Contactpersoon")) for s in GEGEVENS["Stakeholders"]]


# -- privacy and roles ---------------------------------------------------------------------
def test_openbare_notitie_zonder_contactgegevens(voorbeeld_uit):
    """A public memo names organisations and roles; no e-mail addresses, phone numbers or
    names of the partners' staff. They are in the contact list, which is not public."""
    notitie = alle_tekst(voorbeeld_uit / "bestuurlijke-notitie.docx")
    for email, telefoon, _ in CONTACT:
        assert not email or email not in notitie
        assert not telefoon or telefoon not in notitie
    partijen = next(
        t
        for t in docx.Document(voorbeeld_uit / "bestuurlijke-notitie.docx").tables
        if t.rows[0].cells[0].text == "Organisatie"
    )
    tabel = "\n".join(c.text for r in partijen.rows for c in r.cells)
    for s in GEGEVENS["Stakeholders"]:
        assert s["Contactpersoon"] not in tabel and (not s.get("Bestuurder") or s["Bestuurder"] not in tabel)
    assert "heeft een ambassadeur" in tabel and "bestuurder betrokken" in tabel
    lijst = alle_tekst(voorbeeld_uit / "contactlijst-partners.docx").replace("\u2011", "-").replace("\u00a0", " ")
    assert all(email in lijst for email, _, _ in CONTACT if email)
    assert all(telefoon in lijst for _, telefoon, _ in CONTACT if telefoon)
    # a bestuurder's own e-mail address (Stakeholders: E-mail bestuurder) is in the contact list too
    assert all(s["E-mail bestuurder"] in lijst for s in GEGEVENS["Stakeholders"] if s.get("E-mail bestuurder"))
    assert any(s.get("E-mail bestuurder") for s in GEGEVENS["Stakeholders"])
    assert lijst.startswith("Contactlijst partners") and "Niet openbaar." in lijst
    assert (
        docx.Document(voorbeeld_uit / "contactlijst-partners.docx").core_properties.title
        == "Contactlijst partners (niet openbaar)"
    )


def test_niet_openbare_notitie_noemt_de_mensen_zonder_hun_contactgegevens(tmp_path):
    """A memo that is not public names the partners' contact persons and says it holds
    personal data; their e-mail addresses and telephone numbers, which its reader does not
    need, stay in the contact list (dataminimalisatie), and so do the remarks."""
    gegevens = copy.deepcopy(GEGEVENS)
    gegevens["Notitie"]["Openbaar"] = False
    bouw(schrijf_werkboek(tmp_path, gegevens), tmp_path / "uit")
    doc = docx.Document(tmp_path / "uit" / "bestuurlijke-notitie.docx")
    koppen = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Bijlage 1. Betrokken partijen (niet openbaar)" in koppen
    tekst = alle_tekst(tmp_path / "uit" / "bestuurlijke-notitie.docx")
    assert (
        "Femke Visser, Arts medische milieukunde" in tekst
        and "Niet openbaar: deze bijlage bevat persoonsgegevens" in tekst
    )
    assert "f.visser@ggdheuvelland.nl" not in tekst and "0123-789 010" not in tekst
    assert "Zelfsturend team" not in tekst  # an Opmerking


# -- one model, documents that agree --------------------------------------------------------
@pytest.mark.extern
def test_statussen_die_de_datums_tegenspreken(maak_werkboek, gegevens):
    """A meeting dated before the memo's date still Gepland, a milestone long past still Loopt:
    `controleer` warns, naming the cell."""
    gegevens["Bijeenkomsten"][1]["Status"] = "Gepland"
    gegevens["Bijeenkomsten"][1]["Uitkomsten"] = None
    gegevens["Planning"][2]["Status"] = "Loopt"  # the local picture, due 2 March
    uit = CliRunner().invoke(hoofd, ["controleer", str(maak_werkboek(gegevens))], catch_exceptions=False)
    regels = uit.output.splitlines()
    assert (
        "Waarschuwing: Blad 'Bijeenkomsten', cel M3: de bijeenkomst 'Dialoog doelen en maatregelen' (13 april 2027) is "
        "voor de datum van de notitie (26 april 2027) maar staat nog op Gepland; zet de status op Afgerond (met de "
        "uitkomsten) of Geannuleerd"
    ) in regels
    assert (
        "Waarschuwing: Blad 'Planning', cel E4: de mijlpaal 'Lokaal beeld: hittekaart en cijfers per wijk' had op "
        "2 maart 2027 gereed moeten zijn, ruim voor de datum van de notitie (26 april 2027), maar staat nog op "
        "Loopt; zet "
        "de status op Gereed of Vertraagd"
    ) in regels


def test_grafieken_ronden_zoals_de_tabellen_en_spreken_nederlands(voorbeeld_uit):
    prs = pptx.Presentation(voorbeeld_uit / "presentatie-startbijeenkomst.pptx")
    grafieken = [v.chart for d in prs.slides for v in d.shapes if v.has_chart]
    hitte = next(g for g in grafieken if "Hittestress (%)" in [s.name for s in g.plots[0].series])
    assert hitte.plots[0].data_labels.number_format == 'General"%"'  # 33,5% as the table has it, not 34%
    assert 33.5 in hitte.plots[0].series[0].values or 33.5 in hitte.plots[0].series[1].values
    for grafiek in grafieken:
        talen = set(re.findall(r'lang="([^"]+)"', grafiek._chartSpace.xml))
        assert talen == {"nl-NL"}, talen
    tabel = next(
        v.table
        for d in prs.slides
        for v in d.shapes
        if v.has_table
        and v.table.cell(0, 1).text == "Wijk"
        and "Hittestress" in [c.text for c in v.table.rows[0].cells]
    )
    kolom = [c.text for c in tabel.rows[0].cells].index("Hittestress")
    assert "33,5%" in [tabel.cell(r, kolom).text for r in range(1, len(tabel.rows))]


@pytest.mark.extern
def test_pdf_met_nederlandse_getallen(tmp_path):
    """LibreOffice formats numbers in its own locale: the build has it use Dutch, so the deck's
    PDF shows 1.120 and 33,5% as PowerPoint in Dutch does."""
    hulpmiddel("soffice")
    bouw(schrijf_werkboek(tmp_path, copy.deepcopy(GEGEVENS)), tmp_path / "uit", "--pdf")
    tekst = pdf_tekst(tmp_path / "uit" / "presentatie-startbijeenkomst.pdf")
    assert "1.120" in tekst.split() and "1,120" not in tekst.split()
    assert "33,5%" in tekst.split()


def test_presentatie_klopt_met_het_moment(tmp_path):
    """At the table only who is invited, registered or taking part; 'over ongeveer …' counted
    from the meeting's date; each table talk its own notes; the phase arrows follow the dates."""
    gegevens = na_de_startbijeenkomst(copy.deepcopy(GEGEVENS))
    bouw(schrijf_werkboek(tmp_path, gegevens), tmp_path / "uit")
    prs = pptx.Presentation(tmp_path / "uit" / "presentatie-startbijeenkomst.pptx")
    dias = {d.shapes.title.text_frame.text: d for d in prs.slides if d.shapes.title is not None}
    tafel = "\n".join(
        v.text_frame.text
        for v in dias["Wie zitten er aan tafel"].shapes
        if v.has_text_frame and v.name.startswith("Partners")
    )
    for s in GEGEVENS["Stakeholders"]:
        assert (s["Organisatie"] in tafel) == (s["Status"] in ("Uitgenodigd", "Aangemeld", "Deelgenomen")), s
    welkom = "\n".join(
        v.text_frame.text for v in dias["Welkom: waarom we hier vandaag zijn"].shapes if v.has_text_frame
    )
    assert "Over ongeveer 2,5 maanden, in mei 2027, willen we een gedeelde ambitie hebben." in welkom
    gesprekken = [
        d.notes_slide.notes_text_frame.text for t, d in dias.items() if t.startswith(("Tafelgesprekken", "Stellingen"))
    ]
    assert len(gesprekken) == 2 and gesprekken[0] != gesprekken[1]
    assert "eens of oneens" in gesprekken[1]
    proces = dias["Het proces: van verkennen naar vastleggen"]
    fase2 = next(v for v in proces.shapes if v.has_text_frame and v.text_frame.text.startswith("Fase 2"))
    fase3 = next(v for v in proces.shapes if v.has_text_frame and v.text_frame.text.startswith("Fase 3"))
    stippen = [v for v in proces.shapes if v.shape_type == 1 and v.name.startswith("Oval")]
    assert stippen and all(fase2.left <= s.left and s.left + s.width <= fase2.left + fase2.width for s in stippen)
    assert fase3.left >= fase2.left + fase2.width  # 18 mei (before 31 mei) stands under phase 2, not 3


# -- the form of the memo -------------------------------------------------------------------
@pytest.mark.extern
def test_notitie_van_drie_paginas_met_genummerde_bijlagen(voorbeeld_uit, tmp_path):
    pad = voorbeeld_uit / "bestuurlijke-notitie.docx"
    pdf = naar_pdf(pad, tmp_path)
    paginas = [
        subprocess.run(
            [hulpmiddel("pdftotext"), "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        for n in range(1, 5)
    ]
    eerste_bijlage = next(n for n, tekst in enumerate(paginas, start=1) if "Bijlage 1. Betrokken partijen" in tekst)
    assert eerste_bijlage <= 4  # the memo itself is at most three pages; the bijlagen start on a new page
    tekst = alle_tekst(pad)
    hoofdtekst = tekst.split("Bijlage 1. Betrokken partijen")[0]
    for verwijzing in ("ze staan in bijlage 1", "Zie bijlage 3.", "(bijlage 4)"):
        assert verwijzing in hoofdtekst
    assert "WK9999" not in tekst  # no CBS codes
    assert "Onderdeel en gespreksvragen" not in tekst and "13.30" not in tekst  # programmes are in the invitations
    assert "Onder de Wet publieke gezondheid (Wpg)" in hoofdtekst and "klimaatadaptatiestrategie" in hoofdtekst


def test_samenhang_weg_als_die_leeg_is_juridisch_met_de_standaardtekst(tmp_path):
    gegevens = copy.deepcopy(GEGEVENS)
    del gegevens["Notitie"]["Juridische aspecten"], gegevens["Notitie"]["Samenhang met ander beleid"]
    bouw(schrijf_werkboek(tmp_path, gegevens), tmp_path / "uit")
    alineas = docx.Document(tmp_path / "uit" / "bestuurlijke-notitie.docx").paragraphs
    koppen = [p.text for p in alineas if p.style.name == "Heading 1"]
    assert "Juridische aspecten" in koppen and "Samenhang met ander beleid" not in koppen
    tekst = [p.text for p in alineas]
    assert tekst[tekst.index("Juridische aspecten") + 1].startswith("Op grond van de Wet publieke gezondheid (Wpg)")


@pytest.mark.parametrize(
    "woord",
    [
        "Voorwaarschuwing",
        "Afgesproken",
        "Woonzorgcentrum",
        "Gehandicaptenzorg",
        "Heuvelmonde",
        "Mantelzorgondersteuning",
    ],
)
@pytest.mark.extern
def test_geen_woord_breekt_in_een_tabel(voorbeeld_uit, tmp_path, woord):
    """Column widths from the measured words: a short word never breaks mid-word when its
    column could hold it (read back from the rendered PDF, where a broken word would be split
    over two lines)."""
    pdf = naar_pdf(voorbeeld_uit / "bestuurlijke-notitie.docx", tmp_path)
    tekst = pdf_tekst(pdf)
    assert woord in tekst  # the word is there, whole, at least once
    regels = tekst.splitlines()
    for i, regel in enumerate(regels[:-1]):
        for deel in range(3, len(woord) - 1):
            kop, staart = woord[:deel], woord[deel:]
            assert not (regel.rstrip().endswith(kop) and regels[i + 1].lstrip().startswith(staart)), (
                regel,
                regels[i + 1],
            )


# -- the example models good practice -------------------------------------------------------
def test_het_voorbeeld_is_een_goed_voorbeeld():
    """The gemeente keeps regie and adopts the plan in fase 3; the GGD supports. The beslispunten
    endorse the ambition now and adopt agreements later. Figures agree across sheets."""
    beslispunten = " ".join(b["Beslispunt"] for b in GEGEVENS["Beslispunten"])
    assert "GGD te vragen" not in beslispunten and "vast te stellen" not in beslispunten.split("GGD")[-1]
    assert "onderschrijven" in GEGEVENS["Beslispunten"][0]["Beslispunt"]
    assert "in fase 3 vast" in GEGEVENS["Beslispunten"][1]["Beslispunt"]
    assert GEGEVENS["Ambitie"]["Trekker vervolg"].startswith("Gemeente")
    deelgenomen = sum(1 for s in GEGEVENS["Stakeholders"] if s["Status"] == "Deelgenomen")
    getallen = {"vijftien": 15}
    start = GEGEVENS["Bijeenkomsten"][0]["Uitkomsten"].split()[0].lower()
    assert getallen[start] == deelgenomen
    assert f"met {start} partners" in GEGEVENS["Beslispunten"][0]["Argument"]
    benaderd = {s["Organisatie"] for s in GEGEVENS["Stakeholders"] if s["Status"] not in ("Nog benaderen", None)}
    assert all(loc["Organisatie"] in benaderd for loc in GEGEVENS["Locaties"] if loc.get("Organisatie"))
    koel = [loc for loc in GEGEVENS["Locaties"] if loc["Soort"] in ("Koele plek", "Waterpunt")]
    for w in GEGEVENS["Wijken"]:
        assert w["Koele plekken"] == sum(1 for loc in koel if loc["Wijk"] == w["Wijk"]), w["Wijk"]
    memo = GEGEVENS["Notitie"]["Datum"]
    assert all(b["Status"] == "Afgerond" for b in GEGEVENS["Bijeenkomsten"] if b["Datum"] < memo)
    assert all(m["Status"] == "Gereed" for m in GEGEVENS["Planning"] if m["Gereed"] < memo - dt.timedelta(days=0))
