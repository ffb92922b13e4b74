"""Handwerk blijft: a rebuild never destroys what the trekker changed by hand. The build keeps a
manifest of what it wrote; a file that differs from it was edited, stays where and as it is,
and the new version goes beside it (or, with --overschrijven, replaces it after a backup)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil

import docx
import pptx
import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.voorbeeld import GEGEVENS

from .conftest import eerst_snel, schrijf_werkboek


def bouw(werkboek, uit, *extra):
    resultaat = CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uit), *extra], catch_exceptions=False)
    assert resultaat.exit_code == 0, resultaat.output
    return resultaat.output.splitlines()


def inhoud(map_) -> dict:
    return {p.relative_to(map_).as_posix(): p.read_bytes() for p in map_.rglob("*") if p.is_file()}


@pytest.fixture
def gebouwd(na_start_gebouwd, tmp_path):
    """A workbook (after the startbijeenkomst: letters for two meetings) and its first build,
    in this test's own folder."""
    return na_start_gebouwd.kopie(tmp_path)


def _pas_memo_aan(uit):
    doc = docx.Document(uit / "bestuurlijke-notitie.docx")
    doc.add_paragraph("Toegevoegd voor de wethouder: de GGD presenteert in juni.")
    doc.save(uit / "bestuurlijke-notitie.docx")


BRIEF = "uitnodigingen/dialoog-doelen-en-maatregelen/ggd-heuvelland.docx"


def test_herbouw_zonder_aanpassingen_vervangt_stil_en_blijft_gelijk(gebouwd):
    werkboek, uit = gebouwd
    voor = inhoud(uit)
    assert ".hitteplan.json" in voor
    manifest = json.loads(voor[".hitteplan.json"])
    assert manifest["werkboek"] == "werkboek.xlsx" and "bestuurlijke-notitie.docx" in manifest["bestanden"]
    uitvoer = bouw(werkboek, uit)
    assert not any("Met de hand aangepast" in r for r in uitvoer)
    assert inhoud(uit) == voor  # byte for byte, manifest included


def test_aangepaste_notitie_presentatie_en_brief_blijven_staan(gebouwd):
    """An edited memo, deck and letter each stay exactly as the trekker left them; the new
    versions are written beside them, and the build says so."""
    werkboek, uit = gebouwd
    _pas_memo_aan(uit)
    prs = pptx.Presentation(uit / "presentatie-startbijeenkomst.pptx")
    prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Een extra dia van de trekker"
    prs.save(uit / "presentatie-startbijeenkomst.pptx")
    brief = docx.Document(uit / BRIEF)
    brief.paragraphs[-1].text = "Met hartelijke groet, Sanne"
    brief.save(uit / BRIEF)
    aangepast = {
        naam: (uit / naam).read_bytes()
        for naam in ("bestuurlijke-notitie.docx", "presentatie-startbijeenkomst.pptx", BRIEF)
    }
    onaangeroerd = (uit / "canvas-fase-2.docx").read_bytes()

    uitvoer = bouw(werkboek, uit)
    for naam, data in aangepast.items():
        assert (uit / naam).read_bytes() == data  # kept exactly
        stam, punt, ext = naam.rpartition(".")
        if naam == "presentatie-startbijeenkomst.pptx":
            # the startbijeenkomst was held: its deck is history, edited or not; no new version
            assert not (uit / f"{stam} (nieuw).{ext}").exists()
            assert any(r.startswith("Verstuurd, blijft zoals het was: ") and naam in r for r in uitvoer)
            continue
        assert (uit / f"{stam} (nieuw).{ext}").is_file()
        assert (
            f"Met de hand aangepast, blijft staan: {naam}; de nieuwe versie staat ernaast: {stam} (nieuw).{ext}"
            in uitvoer
        )
    assert "Toegevoegd voor de wethouder" not in "\n".join(
        p.text for p in docx.Document(uit / "bestuurlijke-notitie (nieuw).docx").paragraphs
    )
    assert (uit / "canvas-fase-2.docx").read_bytes() == onaangeroerd  # unchanged: replaced silently (same bytes)
    assert not (uit / "canvas-fase-2 (nieuw).docx").exists()
    # a third build: the hand edits still stand, the '(nieuw)' files are replaced, not multiplied
    bouw(werkboek, uit)
    assert (uit / "bestuurlijke-notitie.docx").read_bytes() == aangepast["bestuurlijke-notitie.docx"]
    assert not list(uit.glob("*(nieuw 2)*"))


def test_overschrijven_met_reservekopie(gebouwd):
    import datetime as dt

    werkboek, uit = gebouwd
    _pas_memo_aan(uit)
    aangepast = (uit / "bestuurlijke-notitie.docx").read_bytes()
    uitvoer = bouw(werkboek, uit, "--overschrijven")
    reserve = uit / f"reservekopie {dt.date.today():%Y-%m-%d}" / "bestuurlijke-notitie.docx"
    assert reserve.read_bytes() == aangepast
    assert (uit / "bestuurlijke-notitie.docx").read_bytes() != aangepast
    assert not (uit / "bestuurlijke-notitie (nieuw).docx").exists()
    assert (
        f"Met de hand aangepast, toch vervangen (--overschrijven): bestuurlijke-notitie.docx; het oude bestand "
        f"staat in {reserve.relative_to(uit)}"
    ) in uitvoer


def test_eigen_bestanden_van_de_trekker_blijven_onaangeroerd(gebouwd):
    werkboek, uit = gebouwd
    (uit / "aantekeningen.txt").write_text("bellen met de GGD")
    (uit / "bestuurlijke-notitie ondertekend.pdf").write_bytes(b"%PDF ondertekend")
    bouw(werkboek, uit)
    assert (uit / "aantekeningen.txt").read_text() == "bellen met de GGD"
    assert (uit / "bestuurlijke-notitie ondertekend.pdf").read_bytes() == b"%PDF ondertekend"
    assert "aantekeningen.txt" not in json.loads((uit / ".hitteplan.json").read_text())["bestanden"]


@pytest.mark.parametrize("manifest", eerst_snel(["weg", "kapot"]))
def test_zonder_bruikbaar_manifest_gaat_niets_verloren(gebouwd, manifest):
    """A deleted or corrupt manifest (a folder copied from elsewhere, an older version): when
    in doubt, every existing file stays and the new one goes beside it, unless the bytes are the
    same anyway."""
    werkboek, uit = gebouwd
    _pas_memo_aan(uit)
    memo = (uit / "bestuurlijke-notitie.docx").read_bytes()
    if manifest == "weg":
        (uit / ".hitteplan.json").unlink()
    else:
        (uit / ".hitteplan.json").write_text("{kapot")
    uitvoer = bouw(werkboek, uit)
    assert (uit / "bestuurlijke-notitie.docx").read_bytes() == memo
    assert (uit / "bestuurlijke-notitie (nieuw).docx").is_file()
    assert not (uit / "canvas-fase-2 (nieuw).docx").exists()  # same bytes as the new build: no doubt
    assert sum("Met de hand aangepast" in r for r in uitvoer) == 1
    assert json.loads((uit / ".hitteplan.json").read_text())["bestanden"]  # a good manifest again


def test_pdf_hoort_bij_zijn_document(tmp_path):
    """The PDF of a document kept because it was edited goes beside it as '(nieuw).pdf' too: a
    PDF never shows another version than the document beside it."""
    from generator.handwerk import bewaar_handwerk
    from generator.uitvoer import Transactie

    (tmp_path / "notitie.docx").write_bytes(b"met de hand aangepast")
    (tmp_path / "notitie.pdf").write_bytes(b"oude pdf van de bouw")
    (tmp_path / ".hitteplan.json").write_text(
        json.dumps(
            {
                "bestanden": {
                    "notitie.docx": "0" * 64,
                    "notitie.pdf": __import__("hashlib").sha256(b"oude pdf van de bouw").hexdigest(),
                }
            }
        )
    )
    with Transactie() as tx:
        tx.voeg_toe(tmp_path / "notitie.docx", b"nieuwe notitie")
        tx.voeg_toe(tmp_path / "notitie.pdf", b"nieuwe pdf")
        aangepast, _ = bewaar_handwerk(tx, tmp_path, "w.xlsx", vandaag=dt.date(2027, 3, 1))
        tx.vastleggen()
    assert [a.nieuw.name for a in aangepast] == ["notitie (nieuw).docx"]
    assert (tmp_path / "notitie.docx").read_bytes() == b"met de hand aangepast"
    assert (tmp_path / "notitie.pdf").read_bytes() == b"oude pdf van de bouw"
    assert (tmp_path / "notitie (nieuw).pdf").read_bytes() == b"nieuwe pdf"


@pytest.mark.traag  # a region of workbooks, built twice
def test_regio_volgt_dezelfde_regel(tmp_path):
    """A folder build: an edited document of one municipality and an edited region overview
    both stay; their new versions go beside them."""
    import openpyxl

    map_ = tmp_path / "regio"
    map_.mkdir()
    schrijf_werkboek(map_, copy.deepcopy(GEGEVENS), "aadorp.xlsx")
    uit = tmp_path / "uit"
    eerste = CliRunner().invoke(hoofd, ["bouw", str(map_), "-o", str(uit)], catch_exceptions=False)
    assert eerste.exit_code == 0, eerste.output
    overzicht = openpyxl.load_workbook(uit / "overzicht-regio.xlsx")
    overzicht.active["Z1"] = "Opmerking van de GGD"
    overzicht.save(uit / "overzicht-regio.xlsx")
    _pas_memo_aan(uit / "heuvelmonde")
    tweede = CliRunner().invoke(hoofd, ["bouw", str(map_), "-o", str(uit)], catch_exceptions=False)
    regels = tweede.output.splitlines()
    assert openpyxl.load_workbook(uit / "overzicht-regio.xlsx").active["Z1"].value == "Opmerking van de GGD"
    assert f"Overzicht van alle werkboeken: {uit / 'overzicht-regio (nieuw).xlsx'}" in regels
    assert (
        "  Met de hand aangepast, blijft staan: bestuurlijke-notitie.docx; de nieuwe versie staat ernaast: "
        "bestuurlijke-notitie (nieuw).docx"
    ) in regels
    shutil.rmtree(uit)
