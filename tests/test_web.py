"""``hitteplan web`` through Flask's test client: the pages, uploads and their refusals, the
downloads, the limits, and that nothing stays behind. The real server in a real browser is in
``test_web_browser.py``, the load test in ``test_web_last.py``."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from generator.fouten import Melding
from generator.web import app as webapp
from generator.web import werker
from generator.web.upload import MAX_UITGEPAKT, MAX_VERZOEK, MAX_ZIPLEDEN

from .conftest import eerst_snel, hulpmiddel
from .webhulp import HITTEKAART, VOORBEELD, memo_tekst, met_fout, multipart, week2, zipnamen


@pytest.fixture
def tijdelijk(tmp_path, monkeypatch):
    """The temporary folder the app writes uploads to: checked empty after each test."""
    map_ = tmp_path / "tijdelijk"
    map_.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(map_))
    yield map_
    # Jinja's cache of compiled templates goes to the temporary folder of the first build of a
    # test process (this one, when it runs first): the web page's standard templates, no upload
    rest = [p for p in map_.iterdir() if not p.name.startswith("_jinja2-cache-")]
    assert rest == [], "een upload liet iets achter"


@pytest.fixture
def klant(tijdelijk):
    return webapp.maak_app(pdf=False).test_client()


def _bestand(pad: Path, naam: str | None = None):
    return (io.BytesIO(pad.read_bytes()), naam or pad.name)


def _upload(klant, *bestanden):
    return klant.post("/uitkomst", data={"bestanden": list(bestanden)}, content_type="multipart/form-data")


def _zip(leden: dict[str, bytes], symlink: str | None = None) -> io.BytesIO:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, data in leden.items():
            zf.writestr(naam, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    uit.seek(0)
    return uit


def _tekst(html: str) -> str:
    """The page as a person reads it: tags out, entities back, spaces folded."""
    import html as h

    return " ".join(h.unescape(re.sub(r"<[^>]+>", " ", html)).split())


# The pages


def test_startpagina_nederlands_en_toegankelijk(klant):
    r = klant.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert '<html lang="nl">' in html
    assert "<title>Documenten maken – Hitteplan</title>" in html
    assert 'method="post" action="/uitkomst" enctype="multipart/form-data"' in html
    assert '<label class="veld-label" for="bestanden">' in html and 'id="bestanden" name="bestanden" multiple' in html
    assert 'aria-describedby="bestanden-hint"' in html
    assert "Samen hoogstens 60 MB" in _tekst(html)
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None, "geen inline script (de CSP staat het niet toe)"
    assert "style=" not in html


def test_veiligheidskoppen(klant):
    r = klant.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in r.headers
    css = klant.get("/stijl.css")
    assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")
    assert klant.get("/slepen.js").headers["Content-Type"].startswith("text/javascript")


def test_onbekende_pagina_nederlands(klant):
    r = klant.get("/werkboek.toml")  # the sentences' file is not served, nor anything else of sjablonen
    assert r.status_code == 404
    assert "Deze pagina bestaat niet" in r.get_data(as_text=True)
    assert klant.get("/../pyproject.toml").status_code == 404
    assert klant.get("/uitkomst").status_code == 303  # a reload without the upload: back to the start


def test_leeg_werkboek_en_voorbeeld(klant, tmp_path):
    from generator.opdrachten import controleer_werkboek

    r = klant.get("/werkboek/leeg.xlsx")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]
    (tmp_path / "leeg.xlsx").write_bytes(r.data)
    import openpyxl

    assert "Toelichting" in openpyxl.load_workbook(tmp_path / "leeg.xlsx").sheetnames
    r = klant.get("/werkboek/voorbeeld.zip")
    zipfile.ZipFile(io.BytesIO(r.data)).extractall(tmp_path)
    wb, meldingen = controleer_werkboek(tmp_path / "hitteplan-voorbeeld" / "voorbeeld.xlsx")
    assert wb is not None and wb.algemeen.gemeente == "Heuvelmonde"
    assert not [m for m in meldingen if m.ernst == "fout"]


# Uploads that work


def test_voorbeeld_geeft_documenten_en_stand(klant):
    from generator.lezer import lees_werkboek
    from generator.opdrachten import voortgang

    r = _upload(klant, _bestand(VOORBEELD), _bestand(HITTEKAART))
    html = r.get_data(as_text=True)
    tekst = _tekst(html)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    assert "<title>Documenten voor Heuvelmonde – Hitteplan</title>" in html
    assert "voorbeeld.xlsx is in orde: geen fouten" in tekst
    stand = voortgang(lees_werkboek(VOORBEELD)[0])  # the page says what the CLI says
    assert f"Waar u staat in fase 2: {stand.momentnaam} (13 april 2027)" in tekst
    for d in stand.documenten:
        assert (f"{d.naam} Klaar" if d.klaar else f"{d.naam} Wacht {d.wacht_op}") in tekst
    assert f"Volgende stap: {stand.volgende_stap}, gepland 26 april 2027." in tekst
    assert "Eerst bellen: 1 nieuwe organisatie nog niet benaderd" in tekst
    assert "Het canvas fase 2" not in tekst  # no LibreOffice in this app: no picture, and no promise of one
    pad = re.search(r'href="(/download/[^"]+)"', html).group(1)
    zip_ = klant.get(pad)
    assert zip_.status_code == 200 and zip_.headers["Cache-Control"] == "no-store"
    assert zip_.headers["Content-Disposition"] == "attachment; filename=hitteplan-heuvelmonde.zip"
    namen = zipnamen(zip_.data)
    assert "heuvelmonde/bestuurlijke-notitie.docx" in namen and "heuvelmonde/canvas-fase-2.docx" in namen
    assert not [n for n in namen if n.endswith(".pdf") or ".hitteplan" in n]
    assert "Heuvelmonde" in memo_tekst(zip_.data)
    for n in namen:  # every file the page lists is in the zip
        assert n.rsplit("/", 1)[-1] in tekst
    tweede = klant.get(pad)
    assert tweede.status_code == 404 and "Deze downloadlink werkt niet meer" in tweede.get_data(as_text=True)


@pytest.mark.traag  # an upload built in a process of its own (spawned: every import anew)
def test_het_voorbeeld_als_zip_terug(klant):
    """The example as the page offers it (a zip with a folder) goes back in as it is; the
    dust of a Mac zip (__MACOSX, .DS_Store) is skipped."""
    zip_ = zipfile.ZipFile(io.BytesIO(klant.get("/werkboek/voorbeeld.zip").data))
    leden = {n: zip_.read(n) for n in zip_.namelist()}
    leden["__MACOSX/hitteplan-voorbeeld/._voorbeeld.xlsx"] = b"\x00\x05\x16\x07"
    leden["hitteplan-voorbeeld/.DS_Store"] = b"\x00"
    r = _upload(klant, (_zip(leden), "mijn hitteplan.zip"))
    assert r.status_code == 200
    assert "voorbeeld.xlsx is in orde" in _tekst(r.get_data(as_text=True))


def test_week_2_wat_klaar_is_en_waar_de_notitie_op_wacht(klant, tmp_path):
    from generator.lezer import lees_werkboek
    from generator.opdrachten import voortgang

    pad = week2(VOORBEELD, tmp_path / "w2" / "week2.xlsx")
    r = _upload(klant, _bestand(pad), _bestand(HITTEKAART))
    html = r.get_data(as_text=True)
    tekst = _tekst(html)
    notitie = next(d for d in voortgang(lees_werkboek(pad)[0]).documenten if d.naam == "bestuurlijke notitie")
    assert not notitie.klaar and "blad 'Notitie'" in notitie.wacht_op
    assert f"bestuurlijke notitie Wacht {notitie.wacht_op}" in tekst
    namen = zipnamen(klant.get(re.search(r'href="(/download/[^"]+)"', html).group(1)).data)
    assert "heuvelmonde/canvas-fase-2.docx" in namen and "heuvelmonde/contactlijst-partners.docx" in namen
    assert "heuvelmonde/presentatie-startbijeenkomst.pptx" in namen
    assert "heuvelmonde/bestuurlijke-notitie.docx" not in namen


# Workbooks with errors


def test_fout_per_blad_met_cel_en_samenvatting(klant, tmp_path):
    pad = met_fout(VOORBEELD, tmp_path / "f" / "bergen.xlsx")
    r = _upload(klant, _bestand(pad), _bestand(HITTEKAART))
    html = r.get_data(as_text=True)
    tekst = _tekst(html)
    assert "<title>Fouten in bergen.xlsx – Hitteplan</title>" in html
    assert "1 fout in bergen.xlsx" in tekst and "Er zijn geen documenten gemaakt." in tekst
    assert "Blad 'Wijken' Cel F7: '12 procent' is geen percentage; verwacht bijvoorbeeld 12,5 of 12,5%" in tekst
    assert "<a href=\"#fout-1\">Blad 'Wijken': 1 fout, cel F7</a>" in html
    assert 'id="foutsamenvatting" tabindex="-1" autofocus' in html
    assert 'aria-describedby="bestanden-hint foutsamenvatting"' in html
    assert "/download/" not in html


@pytest.mark.traag  # an upload built in a process of its own (spawned: every import anew)
def test_afbeelding_vergeten(klant):
    """The reader's sentence, with the upload instead of a temporary folder nobody knows."""
    r = _upload(klant, _bestand(VOORBEELD))
    html = r.get_data(as_text=True)
    tekst = _tekst(html)
    # the documents are made without the picture; the sentence says what to do on this page
    assert r.status_code == 200 and "/download/" in html
    assert (
        "Blad 'Algemeen' Cel B18: het bestand 'hittekaart-heuvelmonde.png' staat niet naast het werkboek; "
        "voeg de afbeelding toe aan uw upload, of maak deze cel leeg. De presentatie en de notitie zijn gemaakt "
        "zonder hittekaart."
    ) in tekst
    assert "zet het bestand in de map" not in tekst
    # the same word as the CLI: waarschuwing(en), never 'advies'
    assert "in orde: geen fouten, 1 waarschuwing." in tekst and "Waarschuwingen" in tekst
    assert "advies" not in tekst.lower().replace("de adviezen uit het canvas", "")
    assert "/tmp" not in tekst and "hitteplan-web-" not in tekst


def test_geen_werkboek_zegt_de_lezer(klant):
    r = _upload(klant, (io.BytesIO(b"Gemeente;Trekker\nBergen;Jan\n"), "gegevens.csv"))
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "gegevens.csv" in _tekst(html) and "Excel" in _tekst(html)
    assert 'aria-invalid="true"' in html and '<a href="#bestanden">' in html


# Uploads that are refused, each with its sentence at the field


@pytest.mark.parametrize(
    "bestanden, zin",
    [
        ([], "Kies een bestand: uw werkboek (.xlsx) met de afbeeldingen die erin staan, of één zip-bestand met alles."),
        (
            [(b"x", "notities.docx")],
            "'notities.docx' is geen werkboek (.xlsx), afbeelding (PNG, JPG, GIF of BMP) of zip-bestand.",
        ),
        ([(b"x", "kaart.png")], "Er zit geen werkboek (.xlsx) bij de gekozen bestanden."),
        ([(b"x", "a.xlsx"), (b"y", "b.xlsx")], "U koos meer dan één werkboek ('a.xlsx', 'b.xlsx')."),
        ([(b"x", "a.xlsx"), (b"y", "A.XLSX")], "U koos twee bestanden met de naam 'A.XLSX'; kies er één."),
        ([(b"PK", "alles.zip"), (b"y", "a.xlsx")], "U koos 'alles.zip' en nog andere bestanden."),
        ([(b"geen zip", "alles.zip")], "'alles.zip' is geen leesbaar zip-bestand."),
    ],
)
def test_upload_geweigerd(klant, bestanden, zin):
    r = _upload(klant, *[(io.BytesIO(d), n) for d, n in bestanden])
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert zin in _tekst(html)
    assert "<title>Fout: Documenten maken – Hitteplan</title>" in html
    assert 'aria-describedby="bestanden-hint bestanden-fout"' in html and 'aria-invalid="true"' in html
    assert '<li><a href="#bestanden">' in html and "autofocus" in html


def _voorbeeld_leden() -> dict[str, bytes]:
    return {"voorbeeld.xlsx": VOORBEELD.read_bytes(), HITTEKAART.name: HITTEKAART.read_bytes()}


@pytest.mark.parametrize(
    "extra, symlink, zin",
    [
        ({"../buiten.png": b"x"}, None, "'hitteplan.zip' bevat '../buiten.png', een naam die buiten de map van het"),
        ({"/etc/cron.d/x.png": b"x"}, None, "bevat '/etc/cron.d/x.png', een naam die buiten"),
        ({"C:/Windows/x.png": b"x"}, None, "bevat 'C:/Windows/x.png', een naam die buiten"),
        ({}, "link.png", "bevat 'link.png', een naam die buiten"),
        ({"virus.exe": b"MZ"}, None, "'hitteplan.zip' bevat 'virus.exe'. Zet in de zip alleen het werkboek (.xlsx)"),
        ({f"plaatje{i}.png": b"x" for i in range(MAX_ZIPLEDEN)}, None, f"bevat meer dan {MAX_ZIPLEDEN} bestanden"),
        ({"bom.png": b"\0" * (MAX_UITGEPAKT + 1)}, None, "'hitteplan.zip' wordt uitgepakt groter dan 60 MB"),
        # issue 24, 9: these gave HTTP 500
        (
            {"kaart.png": b"x", "kaart.png/b.png": b"x"},
            None,
            "'hitteplan.zip' bevat 'kaart.png/b.png' als bestand én als map",
        ),
        ({"logo.png/b.png": b"x", "logo.png": b"x"}, None, "bevat 'logo.png' als bestand én als map"),
        ({"/".join(["d"] * 990) + "/x.png": b"x"}, None, "bevat mappen die meer dan 8 diep in elkaar zitten"),
    ],
)
def test_zip_bewaakt(klant, tijdelijk, extra, symlink, zin):
    r = _upload(klant, (_zip({**_voorbeeld_leden(), **extra}, symlink), "hitteplan.zip"))
    assert r.status_code == 400
    assert zin in _tekst(r.get_data(as_text=True))
    assert not Path("/etc/cron.d/x.png").exists()


def test_te_groot_413_met_de_grens(klant):
    body, soort = multipart([("groot.xlsx", b"\0" * (MAX_VERZOEK + 1))])  # raw bytes: the client spools none
    r = klant.post("/uitkomst", data=body, content_type=soort)
    html = r.get_data(as_text=True)
    assert r.status_code == 413
    assert "<title>Bestand te groot – Hitteplan</title>" in html
    assert "Samen mogen de bestanden die u kiest hoogstens 60 MB zijn: een werkboek hoogstens 50 MB" in _tekst(html)
    assert klant.get("/").status_code == 200


# Private and bounded


@pytest.mark.traag  # an upload built in a process of its own (spawned: every import anew)
def test_link_verloopt(tijdelijk, monkeypatch):
    klant = webapp.maak_app(pdf=False, bewaartijd=0.2).test_client()
    html = _upload(klant, _bestand(VOORBEELD), _bestand(HITTEKAART)).get_data(as_text=True)
    pad = re.search(r'href="(/download/[^"]+)"', html).group(1)
    import time

    time.sleep(0.3)
    assert klant.get(pad).status_code == 404
    assert len(klant.application.extensions["hitteplan"]["bewaard"]) == 0


def test_bewaarplaats_begrensd(monkeypatch):
    """One visitor's results evicted another's (three uploads with a 20 MB logo pushed an
    earlier link to 404 within its 10 minutes): now nothing is pushed out; a newcomer is
    refused when there is no room, before the build (issue 24, 6)."""
    monkeypatch.setattr(webapp, "MAX_BEWAARD", 100)
    monkeypatch.setattr(webapp, "MAX_PER_UPLOAD", 60)
    plaats = webapp.Bewaarplaats()
    assert plaats.reserveer()
    eerste, _ = plaats.leg_neer(b"a" * 60, "a.zip", None, gereserveerd=True)
    assert not plaats.reserveer()  # 60 kept + 60 reserved > 100: 'te druk', the first link untouched
    assert plaats.leg_neer(b"b" * 60, "b.zip", None) is None
    assert plaats.leg_neer(b"c" * 61, "c.zip", None) is None  # more than one upload may keep
    assert plaats.neem_zip(eerste) == (b"a" * 60, "a.zip")
    assert plaats.neem_zip(eerste) is None  # once
    assert plaats.reserveer()  # the room came free with the download
    assert plaats.neem_zip("verzonnen") is None


@pytest.mark.traag  # an upload built in a process of its own (spawned: every import anew)
def test_vol_geeft_te_druk_en_laat_eerdere_links_staan(tijdelijk, monkeypatch):
    monkeypatch.setattr(webapp, "MAX_PER_UPLOAD", 40 * 1024 * 1024)
    monkeypatch.setattr(webapp, "MAX_BEWAARD", 40 * 1024 * 1024 + 100_000)  # one result and one reservation do not fit
    klant = webapp.maak_app(pdf=False).test_client()
    assert "hoogstens 40 MB zijn" in _tekst(klant.get("/").get_data(as_text=True))
    html = _upload(klant, _bestand(VOORBEELD), _bestand(HITTEKAART)).get_data(as_text=True)
    eerste = re.search(r'href="(/download/[^"]+)"', html).group(1)
    tweede = _upload(klant, _bestand(VOORBEELD), _bestand(HITTEKAART))
    assert tweede.status_code == 503 and "Het is op dit moment erg druk" in tweede.get_data(as_text=True)
    assert klant.get(eerste).status_code == 200


def test_geen_celinhoud_in_het_log(klant, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    pad = met_fout(VOORBEELD, tmp_path / "f" / "bergen.xlsx")
    _upload(klant, _bestand(pad), _bestand(HITTEKAART))
    html = _upload(klant, _bestand(VOORBEELD), _bestand(HITTEKAART)).get_data(as_text=True)
    klant.get(re.search(r'href="(/download/[^"]+)"', html).group(1))
    log = caplog.text
    assert "POST /uitkomst 200" in log and "GET /download/… 200" in log
    for geheim in (
        "12 procent",
        "Heuvelmonde",
        "heuvelmonde",
        "bergen.xlsx",
        "voorbeeld.xlsx",
        "Benali",
        re.search(r"/download/([^\"]+)", html).group(1),
    ):
        assert geheim not in log


def test_te_lang_werker_gestopt(tijdelijk):
    import multiprocessing

    klant = webapp.maak_app(pdf=False, tijdslimiet=0.05).test_client()
    r = _upload(klant, _bestand(VOORBEELD), _bestand(HITTEKAART))
    assert r.status_code == 422
    assert "Het maken van de documenten duurde langer dan" in _tekst(r.get_data(as_text=True))
    assert multiprocessing.active_children() == []


def test_werker_begrenst_geheugen():
    """In the worker the address space is capped (Linux): a build that would take more gets a
    MemoryError, which the page names; the server is not touched."""
    if not sys.platform.startswith("linux"):
        pytest.skip("RLIMIT_AS bestaat alleen op Linux")
    code = (
        "from generator.web import werker\nwerker._grenzen()\nimport resource\n"
        "print(resource.getrlimit(resource.RLIMIT_AS)[0])\n"
        "try:\n    b = bytearray(werker.MAX_GEHEUGEN)\nexcept MemoryError:\n    print('MemoryError')\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert uit.stdout.split() == [str(werker.MAX_GEHEUGEN), "MemoryError"], uit.stderr


def test_werker_onverwacht_alleen_het_type(monkeypatch, tmp_path):
    """An unforeseen error in a build: the page gets a Dutch sentence, the log the type only."""
    import generator.opdrachten as opdrachten

    def stuk(*_args, **_kwargs):
        raise RuntimeError("Ahmed Benali 0123-456 999")

    monkeypatch.setattr(opdrachten, "bouw_documenten", stuk)
    uitkomst = werker.verwerk(tmp_path, "w.xlsx", False)
    assert uitkomst.soort == "onverwacht" and uitkomst.fouttype == "RuntimeError"
    assert "Benali" not in repr(uitkomst)


def test_per_blad_groepeert():
    meldingen = [
        Melding("a", "Wijken", "F7"),
        Melding("b", "Algemeen", "B3"),
        Melding("c", "Wijken", "F9"),
        Melding("d"),
    ]
    assert webapp._per_blad(meldingen) == [
        (None, [meldingen[3]]),
        ("Wijken", [meldingen[0], meldingen[2]]),
        ("Algemeen", [meldingen[1]]),
    ]


@pytest.mark.extern
def test_met_libreoffice_pdfs_en_canvas(tijdelijk):
    hulpmiddel("soffice")
    hulpmiddel("pdftoppm")
    klant = webapp.maak_app().test_client()
    html = _upload(klant, _bestand(VOORBEELD), _bestand(HITTEKAART)).get_data(as_text=True)
    assert "met een PDF van elk document" in _tekst(html)
    beeld = re.search(r'<img src="(/canvas/[^"]+\.png)" width="1600"\s+alt="([^"]+)"', html)
    assert beeld and beeld.group(2).startswith("Het ingevulde canvas fase 2 van Heuvelmonde: één A3-pagina")
    png = klant.get(beeld.group(1))
    assert png.status_code == 200 and png.headers["Content-Type"] == "image/png"
    from PIL import Image

    with Image.open(io.BytesIO(png.data)) as afbeelding:
        assert afbeelding.width == werker.CANVAS_BREEDTE
        assert 1.3 < afbeelding.width / afbeelding.height < 1.5  # A3 landscape
    download = re.search(r'href="(/download/[^"]+)"', html).group(1)
    assert beeld.group(1).removeprefix("/canvas/").removesuffix(".png") != download.removeprefix("/download/")
    assert klant.get(download.replace("/download/", "/canvas/") + ".png").status_code == 404
    assert klant.get("/download/" + beeld.group(1).removeprefix("/canvas/").removesuffix(".png")).status_code == 404
    namen = zipnamen(klant.get(download).data)  # the picture's address does not open the download, nor the reverse
    assert "heuvelmonde/bestuurlijke-notitie.pdf" in namen and "heuvelmonde/canvas-fase-2.pdf" in namen


def test_opdracht_web_poort_bezet(tmp_path):
    import socket

    from click.testing import CliRunner

    from generator.cli import hoofd

    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        uit = CliRunner().invoke(hoofd, ["web", "--poort", str(poort)])
    assert uit.exit_code == 1
    assert (
        f"Poort {poort} is al in gebruik (draait hitteplan web al?); kies een andere, bijvoorbeeld: "
        "hitteplan web --poort 8001"
    ) in uit.output


@pytest.mark.traag  # an upload built in a process of its own (spawned: every import anew)
def test_head_laat_de_download_staan(klant):
    """A link checker or proxy that asks with HEAD does not use up the one-time download."""
    html = _upload(klant, _bestand(VOORBEELD), _bestand(HITTEKAART)).get_data(as_text=True)
    pad = re.search(r'href="(/download/[^"]+)"', html).group(1)
    assert klant.head(pad).status_code == 200
    assert klant.head("/download/verzonnen").status_code == 404
    assert klant.get(pad).status_code == 200
    assert klant.head(pad).status_code == 404 and klant.get(pad).status_code == 404


@pytest.mark.traag  # an upload built in a process of its own (spawned: every import anew)
def test_range_laat_de_download_heel(klant):
    """A Range request got part of the zip and used up the one-time download: now the whole
    zip comes, once (issue 24, 9)."""
    html = _upload(klant, _bestand(VOORBEELD), _bestand(HITTEKAART)).get_data(as_text=True)
    pad = re.search(r'href="(/download/[^"]+)"', html).group(1)
    antwoord = klant.get(pad, headers={"Range": "bytes=0-99"})
    assert antwoord.status_code == 200
    with zipfile.ZipFile(io.BytesIO(antwoord.data)) as zf:
        assert any(n.endswith("bestuurlijke-notitie.docx") for n in zf.namelist())
    assert klant.get(pad).status_code == 404


def _met_logo(naam: str, tmp_path: Path) -> bytes:
    import openpyxl

    wb = openpyxl.load_workbook(VOORBEELD)
    blad = wb["Algemeen"]
    rij = next(r for r in range(1, blad.max_row + 1) if str(blad.cell(r, 1).value or "").strip().lower() == "logo")
    blad.cell(rij, 2).value = naam
    pad = tmp_path / "met-logo.xlsx"
    wb.save(pad)
    return pad.read_bytes()


@pytest.mark.parametrize(
    ("in_werkboek", "in_zip"),
    eerst_snel(
        [
            ("caf\u00e9.png", "caf\u0065\u0301.png"),  # a Mac's zip writes names decomposed
            ("mythumbs.db.png", "mythumbs.db.png"),  # was skipped as if it were Windows' thumbs.db
        ]
    ),
)
def test_zipnamen_van_mac_en_windows(klant, tmp_path, in_werkboek, in_zip):
    leden = {
        "werkboek.xlsx": _met_logo(in_werkboek, tmp_path),
        HITTEKAART.name: HITTEKAART.read_bytes(),
        in_zip: HITTEKAART.read_bytes(),
        "__MACOSX/._werkboek.xlsx": b"\0\5\x16\7",
        "Thumbs.db": b"x",
    }
    r = _upload(klant, (_zip(leden), "hitteplan.zip"))
    tekst = _tekst(r.get_data(as_text=True))
    assert r.status_code == 200, tekst
    assert "buiten de map" not in tekst and "ontbreekt" not in tekst


def test_log_een_regel_per_verzoek(klant, caplog):
    """A forged line or a colour code in an address stays one line in the log, and short."""
    with caplog.at_level(logging.INFO, logger="hitteplan.web"):
        klant.get("/x%0A2026-11-28%2021:00:00%20uitkomst%20gemaakt%1b%5b31mROOD")
        klant.get("/" + "a" * 20_000)
    regels = [r.getMessage() for r in caplog.records]
    assert all("\n" not in r and "\x1b" not in r and len(r) < 260 for r in regels), regels
    assert any(r.startswith("GET /x?2026-11-28 21:00:00 uitkomst gemaakt?[31mROOD 404") for r in regels), regels


@pytest.mark.parametrize(
    ("methode", "pad", "status", "zin"),
    [
        ("get", "/uitkomst", 303, None),
        ("post", "/", 405, "Deze pagina werkt zo niet"),
        ("put", "/uitkomst", 405, "Deze pagina werkt zo niet"),
        ("get", "/favicon.ico", 204, None),
    ],
)
def test_randgevallen_in_het_nederlands(klant, methode, pad, status, zin):
    antwoord = getattr(klant, methode)(pad)
    assert antwoord.status_code == status
    tekst = antwoord.get_data(as_text=True)
    if zin:
        assert zin in _tekst(tekst)
    for engels in ("Redirecting", "Method Not Allowed", "You should be redirected", "Not Found"):
        assert engels not in tekst


# Werkzeug leaves the parts it read before refusing the form to the garbage collector
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_te_veel_bestanden_geen_te_groot(klant):
    """Over a thousand tiny files: refused as too many files, not as too large."""
    antwoord = _upload(klant, *[(io.BytesIO(b"x"), f"b{i}.png") for i in range(1100)])
    assert antwoord.status_code == 413
    assert "Te veel bestanden tegelijk" in _tekst(antwoord.get_data(as_text=True))


def test_wachtrij_vol_meteen_druk():
    plekken = webapp.Wachtrij(1)
    assert plekken.neem(0.1)  # the one worker
    import threading

    wachtend = threading.Thread(target=plekken.neem, args=(5,))
    wachtend.start()
    antwoord: list[bool] = []
    tweede = threading.Thread(target=lambda: antwoord.append(plekken.neem(600, max_wachtend=1)), daemon=True)
    tweede.start()
    tweede.join(30)  # one waits already: answered at once, not after waiting its ten minutes
    assert antwoord == [False]
    plekken.geef_terug()
    wachtend.join(5)


def test_lange_bestandsnaam_houdt_zijn_soort():
    from generator.web.upload import MAX_NAAM, veilige_naam

    naam = veilige_naam("a" * 5000 + ".xlsx")
    assert naam.endswith(".xlsx") and len(naam) == MAX_NAAM
