"""A build makes the same bytes every time: templates compiled once per run, text measured
by font, Office files re-zipped with fixed timestamps."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from generator import zandbak
from generator.cli import hoofd
from generator.paden import standaard_sjablonen


def nieuwe_run() -> None:
    """Forget the templates this process compiled, as a new run of the command would."""
    zandbak.omgeving.cache_clear()


def bouw(werkboek, uit, *extra):
    return CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uit), *extra], catch_exceptions=False)


def onderwerpen(uit) -> set[str]:
    tekst = (uit / "uitnodigingen" / "uitnodigingen.csv").read_text(encoding="utf-8-sig")
    return {r["onderwerp"] for r in csv.DictReader(io.StringIO(tekst), delimiter=";")}


@pytest.mark.traag  # three builds in a row
def test_herbouw_gelijk_en_een_gewijzigd_sjabloon_telt(voorbeeld, tmp_path):
    """Templates are compiled once per distinct source: a second build in the same process
    makes the same bytes, and a changed template is used at once."""
    nieuwe_run()
    assert bouw(voorbeeld, tmp_path / "a").exit_code == 0
    assert bouw(voorbeeld, tmp_path / "b").exit_code == 0
    for naam in ("bestuurlijke-notitie.docx", "presentatie-startbijeenkomst.pptx", "canvas-fase-2.docx"):
        assert (tmp_path / "a" / naam).read_bytes() == (tmp_path / "b" / naam).read_bytes(), naam

    eigen = tmp_path / "eigen"
    eigen.mkdir()
    tekst = (standaard_sjablonen() / "brieven.toml").read_text(encoding="utf-8")
    (eigen / "brieven.toml").write_text(
        tekst.replace('onderwerp = "Uitnodiging:', 'onderwerp = "Welkom bij'), encoding="utf-8"
    )
    assert bouw(voorbeeld, tmp_path / "c", "--sjablonen", str(eigen)).exit_code == 0
    assert all(o.startswith("Welkom bij ") for o in onderwerpen(tmp_path / "c"))
    assert all(o.startswith("Uitnodiging: ") for o in onderwerpen(tmp_path / "a"))


def test_fout_in_sjabloon_wordt_nooit_bewaard(voorbeeld, tmp_path):
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    tekst = (standaard_sjablonen() / "brieven.toml").read_text(encoding="utf-8")
    (eigen / "brieven.toml").write_text(
        tekst.replace('onderwerp = "Uitnodiging:', 'onderwerp = "{{ b.naam '), encoding="utf-8"
    )
    for poging in ("a", "b"):
        nieuwe_run()
        uit = bouw(voorbeeld, tmp_path / poging, "--sjablonen", str(eigen))
        assert uit.exit_code == 1
        assert uit.output.strip() == (
            "Sjabloon 'brieven.toml', tekst 'onderwerp': een tag is onjuist geschreven "
            "(sluit elke {{ af met }} en elke {% met %})."
        )
        assert not (tmp_path / poging).exists()


def test_breedte_schaalt_met_de_lettergrootte():
    from generator import meten

    for grootte in (7, 10.5, 16, 28):
        assert meten.breedte("Hittestress in De Vaart", grootte) == pytest.approx(
            meten.breedte("Hittestress in De Vaart", 10) * grootte / 10
        )
    # Liberation Sans is metric-compatible with Arial; Arial's advance widths (per 1000 units):
    # H 722, i 222, t 278, e 556, so 'Hitte' at 10 pt is 20.56 pt wide
    assert meten.breedte("Hitte", 10) == pytest.approx(20.56, abs=0.01)


def test_vaste_zip_leesbaar_en_reproduceerbaar():
    """The re-zip that makes an Office file reproducible: what zipfile reads back is what was
    saved, in the same order, with fixed timestamps; the same content gives the same bytes,
    also for a name with an accent, an empty part, and a chart's data workbook (which
    carries the moment it was made)."""
    import datetime as dt
    import random
    import zipfile

    from generator.vastezip import vaste_zip

    def werkmap(moment: str) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr(
                "docProps/core.xml",
                f'<cp:coreProperties><dcterms:created xsi:type="x">{moment}</dcterms:created></cp:coreProperties>',
            )
            z.writestr("xl/workbook.xml", "<workbook/>")
        return buffer.getvalue()

    groot = bytes(random.Random(1).randrange(256) for _ in range(70_000)) + b"<w:t>hitte</w:t>" * 5000

    def opgeslagen(moment: str, klok: tuple) -> bytes:  # as a library saves: the time of saving in every member
        leden = [
            ("[Content_Types].xml", b"<Types/>"),
            ("word/media/kaart-Súdwest.png", groot),
            ("leeg.xml", b""),
            ("ppt/embeddings/Microsoft_Excel_Sheet1.xlsx", werkmap(moment)),
        ]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for naam, data in leden:
                z.writestr(zipfile.ZipInfo(naam, klok), data)
        return buffer.getvalue()

    # saved at two moments (a zip's clock counts in steps of two seconds): the same bytes
    eerst = vaste_zip(opgeslagen(dt.datetime(2027, 1, 1).isoformat(), (2027, 1, 1, 10, 0, 0)))
    later = opgeslagen(dt.datetime(2027, 3, 4).isoformat(), (2027, 3, 4, 16, 30, 4))
    assert later != opgeslagen(dt.datetime(2027, 1, 1).isoformat(), (2027, 1, 1, 10, 0, 0))
    assert vaste_zip(later) == eerst
    with zipfile.ZipFile(io.BytesIO(eerst)) as z:
        assert z.testzip() is None
        assert z.namelist() == [
            "[Content_Types].xml",
            "word/media/kaart-Súdwest.png",
            "leeg.xml",
            "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx",
        ]
        assert z.read("word/media/kaart-Súdwest.png") == groot and z.read("leeg.xml") == b""
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        with zipfile.ZipFile(z.open("ppt/embeddings/Microsoft_Excel_Sheet1.xlsx")) as binnen:
            assert b">2000-01-01T00:00:00Z<" in binnen.read("docProps/core.xml")
            assert binnen.read("xl/workbook.xml") == b"<workbook/>"
    assert vaste_zip(eerst, lambda naam, data: data.upper() if naam == "leeg.xml" else data + b"!") != eerst


@pytest.mark.parametrize(
    "tekst",
    [
        "Programma",
        "",
        "Welkom: waarom we hier vandaag zijn\n",
        "twee\nregels\n\n",
        "a & b < c",
        "regel\n",
        "  spaties  ",
    ],
)
@pytest.mark.parametrize("autoescape", [True, False])
def test_tekst_zonder_tags_als_jinja(tekst, autoescape):
    """The sandbox renders a plain text exactly as Jinja does."""
    from jinja2 import Environment

    jinja = Environment(autoescape=autoescape, keep_trailing_newline=False).from_string(tekst).render()
    assert zandbak.omgeving(autoescape=autoescape).from_string(tekst).render({"x": 1}) == jinja
