"""What makes a build fast must not change what it makes: compiled templates kept between
runs, text measured once per word."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from generator import sjabloon
from generator.cli import hoofd
from generator.paden import standaard_sjablonen


def nieuwe_run() -> None:
    """Forget what this process keeps in memory, as a new run of the command would."""
    from generator import woord

    sjabloon.omgeving.cache_clear()
    woord._Sjabloon._gepatcht.clear()
    woord._IN_GEBRUIK.clear()


@pytest.fixture
def cachemap(tmp_path, monkeypatch):
    """A fresh template environment whose compiled code is kept in a folder of this test."""
    map_ = tmp_path / "cache"
    map_.mkdir()
    monkeypatch.setattr(sjabloon, "_cachemap", lambda: str(map_))
    nieuwe_run()
    yield map_
    nieuwe_run()


def bouw(werkboek, uit, *extra):
    return CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uit), *extra], catch_exceptions=False)


def onderwerpen(uit) -> set[str]:
    tekst = (uit / "uitnodigingen" / "uitnodigingen.csv").read_text(encoding="utf-8-sig")
    return {r["onderwerp"] for r in csv.DictReader(io.StringIO(tekst), delimiter=";")}


def test_gecompileerde_sjablonen_bewaard_en_een_gewijzigd_sjabloon_telt(voorbeeld, tmp_path, cachemap):
    assert bouw(voorbeeld, tmp_path / "a").exit_code == 0
    bewaard = sorted(cachemap.iterdir())
    assert len(bewaard) > 20  # the Word templates' XML and the texts of the deck and the letters
    assert len([p for p in bewaard if p.name.startswith("hitteplan-xml-")]) >= 4  # docxtpl's clean-up of each

    nieuwe_run()  # only the folder remains
    assert bouw(voorbeeld, tmp_path / "b").exit_code == 0
    assert sorted(cachemap.iterdir()) == bewaard
    for naam in ("bestuurlijke-notitie.docx", "presentatie-startbijeenkomst.pptx", "canvas-fase-2.docx"):
        assert (tmp_path / "a" / naam).read_bytes() == (tmp_path / "b" / naam).read_bytes(), naam

    eigen = tmp_path / "eigen"
    eigen.mkdir()
    tekst = (standaard_sjablonen() / "brieven.toml").read_text(encoding="utf-8")
    (eigen / "brieven.toml").write_text(tekst.replace('onderwerp = "Uitnodiging:', 'onderwerp = "Welkom bij'),
                                        encoding="utf-8")
    nieuwe_run()
    assert bouw(voorbeeld, tmp_path / "c", "--sjablonen", str(eigen)).exit_code == 0
    assert all(o.startswith("Welkom bij ") for o in onderwerpen(tmp_path / "c"))
    assert all(o.startswith("Uitnodiging: ") for o in onderwerpen(tmp_path / "a"))


def test_kapotte_of_onbruikbare_cache_hindert_niet(voorbeeld, tmp_path, cachemap, monkeypatch):
    assert bouw(voorbeeld, tmp_path / "a").exit_code == 0
    for bestand in cachemap.iterdir():
        bestand.write_bytes(b"kapot")
    nieuwe_run()
    assert bouw(voorbeeld, tmp_path / "b").exit_code == 0
    assert (tmp_path / "a" / "canvas-fase-2.docx").read_bytes() == (tmp_path / "b" / "canvas-fase-2.docx").read_bytes()

    geen_map = tmp_path / "geen-map"
    geen_map.write_text("een bestand, geen map", encoding="utf-8")
    monkeypatch.setattr(sjabloon, "_cachemap", lambda: str(geen_map))
    nieuwe_run()
    assert bouw(voorbeeld, tmp_path / "c").exit_code == 0
    assert onderwerpen(tmp_path / "c") == onderwerpen(tmp_path / "a")


def test_fout_in_sjabloon_wordt_nooit_bewaard(voorbeeld, tmp_path, cachemap):
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    tekst = (standaard_sjablonen() / "brieven.toml").read_text(encoding="utf-8")
    (eigen / "brieven.toml").write_text(tekst.replace('onderwerp = "Uitnodiging:', 'onderwerp = "{{ b.naam '),
                                        encoding="utf-8")
    for poging in ("a", "b"):
        nieuwe_run()
        uit = bouw(voorbeeld, tmp_path / poging, "--sjablonen", str(eigen))
        assert uit.exit_code == 1
        assert uit.output.strip() == ("Sjabloon 'brieven.toml', tekst 'onderwerp': een tag is onjuist geschreven "
                                      "(sluit elke {{ af met }} en elke {% met %}).")
        assert not (tmp_path / poging).exists()


def test_breedte_schaalt_met_de_lettergrootte():
    from generator import meten

    for grootte in (7, 10.5, 16, 28):
        assert meten.breedte("Hittestress in De Vaart", grootte) == pytest.approx(
            meten.breedte("Hittestress in De Vaart", 10) * grootte / 10)
    # Liberation Sans is metric-compatible with Arial; Arial's advance widths (per 1000 units):
    # H 722, i 222, t 278, e 556, so 'Hitte' at 10 pt is 20.56 pt wide
    assert meten.breedte("Hitte", 10) == pytest.approx(20.56, abs=0.01)


def test_vaste_zip_leesbaar_en_reproduceerbaar():
    """The project's own zip writer: what zipfile reads back is what was written, byte for byte
    the same for the same content, also for a part it compressed before, a name with an
    accent, an empty part, and a part larger than the largest window."""
    import random
    import zipfile

    from generator.uitvoer import VasteZip

    groot = bytes(random.Random(1).randrange(256) for _ in range(70_000)) + b"<w:t>hitte</w:t>" * 5000
    leden = [("[Content_Types].xml", b"<Types/>"), ("word/styles.xml", b"<w:styles>" + b"<w:style/>" * 500 + b"</w:styles>"),
             ("word/media/kaart-Súdwest.png", groot), ("leeg.xml", b"")]

    def schrijf(delen) -> bytes:
        buffer = io.BytesIO()
        z = VasteZip(buffer)
        for naam, data in delen:
            z.schrijf(naam, data)
        z.sluit()
        return buffer.getvalue()

    eerst = schrijf(leden)
    assert schrijf(leden) == eerst  # the second time from the cache of compressed parts
    with zipfile.ZipFile(io.BytesIO(eerst)) as z:
        assert z.testzip() is None
        assert [(i.filename, z.read(i)) for i in z.infolist()] == leden
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.getinfo("word/media/kaart-Súdwest.png").flag_bits & 0x800
    ander = schrijf([("word/styles.xml", b"<w:styles>anders</w:styles>")])  # same name, other content
    with zipfile.ZipFile(io.BytesIO(ander)) as z:
        assert z.read("word/styles.xml") == b"<w:styles>anders</w:styles>"


def test_cachemap_op_windows_in_eigen_map(monkeypatch, tmp_path):
    import os
    import tempfile

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(os, "name", "nt")
    map_ = sjabloon._cachemap()
    monkeypatch.undo()
    assert map_ == str(tmp_path / "hitteplan") and (tmp_path / "hitteplan").is_dir()
    assert sjabloon._cachemap() is None  # elsewhere: Jinja's own per-user folder


@pytest.mark.parametrize("tekst", ["Programma", "", "Welkom: waarom we hier vandaag zijn\n", "twee\nregels\n\n",
                                   "a & b < c", "regel\n", "  spaties  "])
@pytest.mark.parametrize("autoescape", [True, False])
def test_tekst_zonder_tags_als_jinja(tekst, autoescape):
    """A text without tags is not compiled; it renders exactly as Jinja renders it."""
    from jinja2 import Environment

    jinja = Environment(autoescape=autoescape, keep_trailing_newline=False).from_string(tekst).render()
    assert sjabloon.omgeving(autoescape=autoescape).from_string(tekst).render({"x": 1}) == jinja
