"""``hitteplan web`` in a real browser: headless Chromium driven by Selenium against the real
server (``python -m generator web``, waitress) on 127.0.0.1. Upload, read the page, download,
reopen what was made; walk the page with the keyboard only; run axe-core in every page.

With HITTEPLAN_SCHERMAFBEELDINGEN=1 (``make schermafbeeldingen``) the pages are also saved as
the README's screenshots in docs/schermafbeeldingen/."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import IN_CI, REPO, hulpmiddel
from .webhulp import HITTEKAART, Server, kopieer_voorbeeld, memo_tekst, met_fout, week2

pytestmark = [pytest.mark.extern, pytest.mark.traag]

AXE = REPO / ".ci/node/node_modules/axe-core/axe.min.js"
SCHERMAFBEELDINGEN = REPO / "docs" / "schermafbeeldingen"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("server"))
    yield server
    uit = server.stop()
    assert "Gestopt." in uit


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = hulpmiddel("chromium")
    chromedriver = hulpmiddel("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    opties = webdriver.ChromeOptions()
    opties.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1100,900",
        "--lang=nl-NL",
        "--disable-gpu",
    ):
        opties.add_argument(arg)
    opties.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "intl.accept_languages": "nl-NL,nl",
        },
    )
    dienst = Service(chromedriver, env={**os.environ, "LANGUAGE": "nl", "LANG": "nl_NL.UTF-8"})
    stuur = webdriver.Chrome(service=dienst, options=opties)
    stuur.downloads = downloads
    stuur.set_page_load_timeout(300)
    yield stuur
    stuur.quit()


@pytest.fixture(scope="module")
def axe():
    if not AXE.is_file():
        if IN_CI:
            pytest.fail("axe-core is niet geïnstalleerd, maar CI=true: .ci/run had het moeten installeren")
        pytest.skip("axe-core is niet geïnstalleerd (npm install --prefix .ci/node axe-core)")
    return AXE.read_text(encoding="utf-8")


def _controleer_toegankelijk(browser, axe: str, pagina: str) -> None:
    """axe-core in the page as it is now: no serious or critical violation."""
    browser.execute_script(axe)
    uitslag = browser.execute_async_script(
        "const klaar = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',"
        " 'best-practice']}}).then(r => klaar(JSON.stringify(r.violations)), e => klaar('fout: ' + e));"
    )
    assert not uitslag.startswith("fout:"), uitslag
    ernstig = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in json.loads(uitslag)
        if v["impact"] in ("serious", "critical")
    ]
    assert ernstig == [], f"{pagina}: {ernstig}"


def _schermafbeelding(browser, naam: str) -> None:
    if os.environ.get("HITTEPLAN_SCHERMAFBEELDINGEN") != "1":
        return
    SCHERMAFBEELDINGEN.mkdir(parents=True, exist_ok=True)
    breedte, hoogte = browser.get_window_size()["width"], browser.get_window_size()["height"]
    browser.set_window_size(1000, browser.execute_script("return document.documentElement.scrollHeight") + 140)
    time.sleep(0.3)
    browser.save_screenshot(str(SCHERMAFBEELDINGEN / naam))
    browser.set_window_size(breedte, hoogte)


def _kies(browser, *paden: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.find_element(By.ID, "bestanden").send_keys("\n".join(str(p) for p in paden))


def _verzend(browser) -> None:
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    _wacht_op_pagina(browser)


def _wacht_op_pagina(browser, tijd: float = 300) -> None:
    eind = time.monotonic() + tijd
    while time.monotonic() < eind:
        if browser.execute_script("return document.readyState") == "complete" and "/uitkomst" in browser.current_url:
            return
        time.sleep(0.1)
    raise AssertionError("de uitkomst kwam niet")


def _download(browser, tijd: float = 60) -> Path:
    """Click the download link and wait for the whole file."""
    from selenium.webdriver.common.by import By

    voor = set(browser.downloads.iterdir())
    browser.find_element(By.CSS_SELECTOR, "a.knop-download").click()
    eind = time.monotonic() + tijd
    while time.monotonic() < eind:
        # Chromium writes to .org.chromium.Chromium.* (or *.crdownload) and renames it when done
        nieuw = [
            p
            for p in set(browser.downloads.iterdir()) - voor
            if not p.name.endswith(".crdownload") and not p.name.startswith(".")
        ]
        if nieuw and zipfile.is_zipfile(nieuw[0]):
            return nieuw[0]
        time.sleep(0.1)
    raise AssertionError("de zip is niet gedownload")


def _tekst(browser) -> str:
    from selenium.webdriver.common.by import By

    return " ".join(browser.find_element(By.TAG_NAME, "body").text.split())


def test_startpagina(server, browser, axe):
    browser.get(server.adres)
    assert browser.title == "Documenten maken – Hitteplan"
    assert browser.find_element("css selector", "html").get_attribute("lang") == "nl"
    _controleer_toegankelijk(browser, axe, "startpagina")
    _schermafbeelding(browser, "start.png")


def test_voorbeeld_uploaden_downloaden_en_de_notitie_lezen(server, browser, axe, tmp_path):
    werkboek = kopieer_voorbeeld(tmp_path / "in")
    browser.get(server.adres)
    _kies(browser, werkboek, werkboek.parent / HITTEKAART.name)
    _verzend(browser)
    assert browser.title == "Documenten voor Heuvelmonde – Hitteplan"
    tekst = _tekst(browser)
    assert "voorbeeld.xlsx is in orde: geen fouten" in tekst
    assert "Waar u staat in fase 2: na de dialoog doelen en maatregelen (13 april 2027)." in tekst
    _controleer_toegankelijk(browser, axe, "uitkomst")
    if hulpmiddel_er("soffice") and hulpmiddel_er("pdftoppm"):  # the canvas as a picture, shown
        beeld = browser.find_element("css selector", "figure.canvas img")
        assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", beeld) == 1600
        assert beeld.get_attribute("alt").startswith("Het ingevulde canvas fase 2 van Heuvelmonde")
    _schermafbeelding(browser, "uitkomst.png")
    zip_ = _download(browser)
    data = zip_.read_bytes()
    assert zip_.name == "hitteplan-heuvelmonde.zip"
    tekst = memo_tekst(data)
    assert "Heuvelmonde" in tekst and "Beslispunten" in tekst
    # the link worked once
    browser.get(browser.find_element("css selector", "a.knop-download").get_attribute("href"))
    assert "Deze downloadlink werkt niet meer" in _tekst(browser)
    _controleer_toegankelijk(browser, axe, "verlopen link")


def hulpmiddel_er(naam: str) -> bool:
    """Whether a tool is there; in CI it must be (then a missing one fails)."""
    import shutil

    if IN_CI:
        hulpmiddel(naam)
    return shutil.which(naam) is not None


def test_werkboek_met_fout_noemt_blad_en_cel(server, browser, axe, tmp_path):
    werkboek = met_fout(kopieer_voorbeeld(tmp_path / "in"), tmp_path / "fout" / "bergen.xlsx")
    browser.get(server.adres)
    _kies(browser, werkboek, werkboek.parent / HITTEKAART.name)
    _verzend(browser)
    assert browser.title == "Fouten in bergen.xlsx – Hitteplan"
    tekst = _tekst(browser)
    assert "Blad 'Wijken'" in tekst
    assert "Cel F7: '12 procent' is geen percentage; verwacht bijvoorbeeld 12,5 of 12,5%" in tekst
    actief = browser.switch_to.active_element
    assert actief.get_attribute("id") == "foutsamenvatting", "de focus staat op de foutsamenvatting"
    _schermafbeelding(browser, "fouten.png")
    koppeling = browser.find_element("css selector", "#foutsamenvatting a")
    koppeling.click()
    assert browser.current_url.endswith("#fout-1")
    veld = browser.find_element("id", "bestanden")
    assert veld.get_attribute("aria-describedby") == "bestanden-hint foutsamenvatting"
    _controleer_toegankelijk(browser, axe, "fouten")


def test_geen_bestand_gekozen_fout_bij_het_veld(server, browser, axe):
    browser.get(server.adres)
    _verzend(browser)
    assert browser.title == "Fout: Documenten maken – Hitteplan"
    assert browser.switch_to.active_element.get_attribute("id") == "foutsamenvatting"
    veld = browser.find_element("id", "bestanden")
    beschreven = [
        browser.find_element("id", i).get_attribute("textContent").strip()
        for i in veld.get_attribute("aria-describedby").split()
    ]
    assert any(t.startswith("Fout: Kies een bestand") for t in beschreven)
    _controleer_toegankelijk(browser, axe, "uploadfout")


def test_week_2_klaar_en_wat_de_notitie_mist(server, browser, axe, tmp_path):
    werkboek = week2(kopieer_voorbeeld(tmp_path / "in"), tmp_path / "w2" / "week2.xlsx")
    browser.get(server.adres)
    _kies(browser, werkboek, werkboek.parent / HITTEKAART.name)
    _verzend(browser)
    rij = browser.find_element("xpath", "//table[@class='stand']//tr[th[normalize-space()='bestuurlijke notitie']]")
    assert "Wacht" in rij.text and "blad 'Notitie'" in rij.text
    canvas = browser.find_element("xpath", "//table[@class='stand']//tr[th[normalize-space()='canvas fase 2']]")
    assert "Klaar" in canvas.text
    _controleer_toegankelijk(browser, axe, "week 2")
    namen = zipfile.ZipFile(_download(browser)).namelist()
    assert "heuvelmonde/canvas-fase-2.docx" in namen and "heuvelmonde/contactlijst-partners.docx" in namen
    assert "heuvelmonde/bestuurlijke-notitie.docx" not in namen


def test_alleen_met_het_toetsenbord(server, browser, tmp_path):
    """From the top of the page with TAB only: every control in a sensible order, each with a
    visible focus; choose the files at the focused field, submit with Enter, download with Enter."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    werkboek = kopieer_voorbeeld(tmp_path / "in")
    browser.get(server.adres)
    volgorde = []
    for _ in range(8):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        el = browser.switch_to.active_element
        volgorde.append(el.get_attribute("id") or el.get_attribute("href") or el.tag_name)
        stijl = browser.execute_script(
            "const s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth, s.boxShadow];", el
        )
        zichtbaar = (stijl[0] != "none" and stijl[1] != "0px") or stijl[2] != "none"
        assert zichtbaar, f"geen zichtbare focus op {volgorde[-1]}"
        if el.get_attribute("id") == "bestanden":
            el.send_keys(f"{werkboek}\n{werkboek.parent / HITTEKAART.name}")
        if el.tag_name == "button":
            break
    assert volgorde[0].endswith("#inhoud"), volgorde  # the skip link first
    assert [v.rsplit("/", 2)[-2:] for v in volgorde[2:4]] == [["werkboek", "leeg.xlsx"], ["werkboek", "voorbeeld.zip"]]
    assert volgorde[4:] == ["bestanden", "button"], volgorde
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    _wacht_op_pagina(browser)
    assert browser.title == "Documenten voor Heuvelmonde – Hitteplan"
    for _ in range(6):  # the download is among the first controls of the answer
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if "knop-download" in (browser.switch_to.active_element.get_attribute("class") or ""):
            break
    else:
        raise AssertionError("de downloadknop is niet met TAB te bereiken")
    voor = set(browser.downloads.iterdir())
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    eind = time.monotonic() + 60
    while time.monotonic() < eind and not [
        p for p in set(browser.downloads.iterdir()) - voor if p.suffix == ".zip" and zipfile.is_zipfile(p)
    ]:
        time.sleep(0.1)
    nieuw = [p for p in set(browser.downloads.iterdir()) - voor if p.suffix == ".zip"]
    assert nieuw and "heuvelmonde/bestuurlijke-notitie.docx" in zipfile.ZipFile(nieuw[0]).namelist()


def test_te_groot_en_onbekend_in_de_browser(server, browser, axe, tmp_path):
    groot = tmp_path / "groot.xlsx"
    with open(groot, "wb") as fh:
        fh.truncate(61 * 1024 * 1024)
    browser.get(server.adres)
    _kies(browser, groot)
    _verzend(browser)
    assert browser.title == "Bestand te groot – Hitteplan"
    assert "hoogstens 60 MB" in _tekst(browser)
    _controleer_toegankelijk(browser, axe, "te groot")
    browser.get(server.adres + "bestaat-niet")
    assert browser.title == "Pagina niet gevonden – Hitteplan"
    _controleer_toegankelijk(browser, axe, "niet gevonden")


def test_axe_ziet_wat_mis_is(server, browser, axe):
    """The check itself: a field without a label and a picture without alt text, put into the
    page, are serious violations for axe-core as it runs here."""
    browser.get(server.adres)
    browser.execute_script(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<input type="text"><img src="/stijl.css">\');'
    )
    with pytest.raises(AssertionError, match="label|image-alt"):
        _controleer_toegankelijk(browser, axe, "met opzet fout")
