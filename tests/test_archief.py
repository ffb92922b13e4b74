"""The output folder as the archive of phase 2: what was sent stays as it was sent, nothing is
lost when a build is killed at any step, and nothing is written outside the folder."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.voorbeeld import GEGEVENS, na_de_startbijeenkomst

from .conftest import eerst_snel
from .conftest import schrijf_werkboek as _schrijf


def schrijf_werkboek(map_: Path, gegevens: dict) -> Path:
    map_.mkdir(parents=True, exist_ok=True)
    return _schrijf(map_, gegevens)


VROEG = Path("/work/shared/tools/vroeg.py")


def bouw(werkboek, uit, *extra, code=0):
    resultaat = CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uit), *extra], catch_exceptions=False)
    assert resultaat.exit_code == code, resultaat.output
    return resultaat.output.splitlines()


def inhoud(map_: Path) -> dict[str, bytes]:
    return {p.relative_to(map_).as_posix(): p.read_bytes() for p in map_.rglob("*") if p.is_file()}


def _week2(tmp_path: Path, volledig: Path) -> Path:
    """The shared tool's week-2 copy of a workbook, or the same made here when the tool is
    not on this machine (the same rules: no memo facts, ambition, agreements or goals; every
    meeting planned, without outcomes)."""
    doel = tmp_path / "week2" / "werkboek.xlsx"
    if VROEG.is_file():
        subprocess.run([sys.executable, str(VROEG), str(volledig), str(doel)], check=True)
        return doel
    gegevens = copy.deepcopy(GEGEVENS)
    for blad in ("Notitie", "Ambitie"):
        gegevens[blad] = {k: None for k in gegevens[blad]}
    for blad in ("Beslispunten", "Afspraken", "Doelen en rollen", "Knelpunten en kansen"):
        gegevens[blad] = []
    for b in gegevens["Bijeenkomsten"]:
        b["Status"], b["Uitkomsten"], b["Evaluatie"] = "Gepland", None, None
    return schrijf_werkboek(doel.parent, gegevens)


def _moment_3():
    return copy.deepcopy(GEGEVENS)  # the example stands after the dialogue


def _moment_4():
    gegevens = copy.deepcopy(GEGEVENS)
    bestuurlijk = gegevens["Bijeenkomsten"][2]
    bestuurlijk["Status"] = "Afgerond"
    bestuurlijk["Uitkomsten"] = "De bestuurders onderschrijven de ambitie en wijzen elk een ambassadeur aan."
    return gegevens


def _verleden(manifest: dict, gegevens: dict | None, bestaand: set[str]) -> set[str]:
    """The files of a past moment after a build, as the test knows the workbook: every report
    back, and the invitations and deck of each meeting held."""
    gehouden = {
        (b.get("Titel") or b["Soort"])
        for b in (gegevens or {}).get("Bijeenkomsten", [])
        if b.get("Status") == "Afgerond"
    }
    uit = set()
    for rel, h in manifest.get("herkomst", {}).items():
        namen = h["moment"].get("bijeenkomsten", [h["moment"].get("bijeenkomst")])
        if rel in bestaand and (h["moment"]["tot"] == "gemaakt" or (namen and set(namen) <= gehouden)):
            uit.add(rel)
    return uit


@pytest.mark.traag  # four builds in a row
def test_vier_momenten_in_een_map(tmp_path):
    """One municipality through the four moments of phase 2 in one output folder: what was made
    for a past moment stays byte for byte, no build calls it stale, the build says it stays, and
    a hand edit survives every build."""
    volledig = schrijf_werkboek(tmp_path / "volledig", copy.deepcopy(GEGEVENS))
    week2 = _week2(tmp_path, volledig)
    momenten = [(week2, None)]
    for i, gegevens in enumerate((na_de_startbijeenkomst(copy.deepcopy(GEGEVENS)), _moment_3(), _moment_4()), 2):
        momenten.append((schrijf_werkboek(tmp_path / f"moment{i}", gegevens), gegevens))
    uit = tmp_path / "uit"
    vast: dict[str, bytes] = {}  # every file of a past moment, as it was when its moment passed
    handwerk: dict[str, bytes] = {}
    for stap, (werkboek, gegevens) in enumerate(momenten, 1):
        uitvoer = bouw(werkboek, uit)
        assert not any("eerdere bouw" in r for r in uitvoer), uitvoer  # nothing is stale in this walk
        nu = inhoud(uit)
        for rel, data in {**vast, **handwerk}.items():
            assert nu[rel] == data, f"{rel} veranderd bij moment {stap}"
        manifest = json.loads(nu[".hitteplan.json"])
        for rel in sorted(_verleden(manifest, gegevens, set(nu))):
            vast.setdefault(rel, nu[rel])
        behouden = [r for r in uitvoer if r.startswith("Verstuurd, blijft zoals het was: ")]
        if stap > 1:
            assert len(behouden) == 1, uitvoer  # one line says what stays
            assert "presentatie-startbijeenkomst.pptx" in behouden[0]
        if stap == 1:  # the trekker edits the canvas, a working document
            canvas = docx.Document(uit / "canvas-fase-2.docx")
            canvas.add_paragraph("Aantekening van de trekker: eerst de wijk Vossenberg.")
            canvas.save(uit / "canvas-fase-2.docx")
            handwerk["canvas-fase-2.docx"] = (uit / "canvas-fase-2.docx").read_bytes()
        if stap == 2:  # and the report back of the startbijeenkomst, after it was made
            rel = "terugkoppeling-startbijeenkomst-hitteplan.docx"
            brief = docx.Document(uit / rel)
            brief.add_paragraph("PS: de foto's staan op het gedeelde kanaal.")
            brief.save(uit / rel)
            handwerk[rel] = (uit / rel).read_bytes()
            vast.pop(rel)
    # what was made for the startbijeenkomst at week 2 is there at the end, byte for byte
    assert {
        "presentatie-startbijeenkomst.pptx",
        "uitnodigingen/startbijeenkomst-hitteplan.ics",
        "terugkoppeling-dialoog-doelen-en-maatregelen.docx",
    } <= set(vast)
    assert any(r.startswith("uitnodigingen/startbijeenkomst-hitteplan/") for r in vast)
    assert any(r.startswith("uitnodigingen/dialoog-doelen-en-maatregelen/") for r in vast)
    assert not list(uit.glob("terugkoppeling-*(nieuw)*"))  # no new versions of what was sent
    # the report back of the startbijeenkomst quotes no later ambition
    tekst = "\n".join(p.text for p in docx.Document(uit / "terugkoppeling-startbijeenkomst-hitteplan.docx").paragraphs)
    assert GEGEVENS["Ambitie"]["Ambitie"][:40] not in tekst and "ambitie zoals die nu luidt" not in tekst.lower()


def test_veranderde_gegevens_van_een_verstuurd_document(tmp_path):
    """A typo in the outcomes of a held meeting, fixed after its report back was made: the sent
    report back stays, the new version goes beside it; --overschrijven remakes it after a backup."""
    gegevens = na_de_startbijeenkomst(copy.deepcopy(GEGEVENS))
    uit = tmp_path / "uit"
    bouw(schrijf_werkboek(tmp_path / "a", gegevens), uit)
    rel = "terugkoppeling-startbijeenkomst-hitteplan.docx"
    verstuurd = (uit / rel).read_bytes()
    gegevens["Bijeenkomsten"][0]["Uitkomsten"] += " (Verbeterd: de GGD neemt de hitteboodschap op.)"
    werkboek = schrijf_werkboek(tmp_path / "b", gegevens)
    uitvoer = bouw(werkboek, uit)
    assert (uit / rel).read_bytes() == verstuurd
    nieuw = uit / "terugkoppeling-startbijeenkomst-hitteplan (nieuw).docx"
    assert "Verbeterd: de GGD" in "\n".join(p.text for p in docx.Document(nieuw).paragraphs)
    assert (
        f"Verstuurd, maar de gegevens ervan zijn veranderd: {rel} blijft zoals het was; de nieuwe versie staat "
        f"ernaast: {nieuw.name}"
    ) in uitvoer
    uitvoer = bouw(werkboek, uit, "--overschrijven")
    reserve = [p for p in uit.glob("reservekopie */" + rel)]
    assert [p.read_bytes() for p in reserve] == [verstuurd]
    assert "Verbeterd: de GGD" in "\n".join(p.text for p in docx.Document(uit / rel).paragraphs)
    manifest = json.loads((uit / ".hitteplan.json").read_text())
    assert not any(k.startswith("reservekopie") for k in manifest["bestanden"])  # a backup is not output


def test_werkboek_in_een_andere_map_verandert_niets_aan_wat_verstuurd_is(tmp_path):
    """The same workbook and heat map in another folder (a moved or synced folder): the sent
    documents stay as they were and none gets a new version beside it; the picture counts by
    its name, not by the folder it lies in."""
    gegevens = na_de_startbijeenkomst(copy.deepcopy(GEGEVENS))
    uit = tmp_path / "uit"
    bouw(schrijf_werkboek(tmp_path / "a", gegevens), uit)
    eerder = inhoud(uit)
    uitvoer = bouw(schrijf_werkboek(tmp_path / "elders" / "b", gegevens), uit)
    assert any(r.startswith("Verstuurd, blijft zoals het was: ") for r in uitvoer), uitvoer
    assert not [p.name for p in uit.rglob("*(nieuw)*")]
    assert {k: v for k, v in inhoud(uit).items() if k != ".hitteplan.json"} == {
        k: v for k, v in eerder.items() if k != ".hitteplan.json"
    }


@pytest.mark.traag  # four builds in a row
def test_tweede_reservekopie_op_een_dag_krijgt_een_eigen_naam(na_start_gebouwd, tmp_path):
    werkboek, uit = na_start_gebouwd.kopie(tmp_path)
    versies = []
    for tekst in ("Eerste aanpassing.", "Tweede aanpassing."):
        memo = docx.Document(uit / "canvas-fase-2.docx")
        memo.add_paragraph(tekst)
        memo.save(uit / "canvas-fase-2.docx")
        versies.append((uit / "canvas-fase-2.docx").read_bytes())
        bouw(werkboek, uit, "--overschrijven")
    kopieen = sorted(uit.glob("reservekopie */canvas-fase-2*.docx"))
    assert [p.name for p in kopieen] == ["canvas-fase-2 (2).docx", "canvas-fase-2.docx"]
    assert sorted(p.read_bytes() for p in kopieen) == sorted(versies)
    bouw(werkboek, uit)  # backups are never called stale, nor replaced
    assert sorted(p.read_bytes() for p in sorted(uit.glob("reservekopie */canvas-fase-2*.docx"))) == sorted(versies)


# --- never outside the folder -------------------------------------------------------------------


def test_snelkoppeling_naar_een_andere_map_geweigerd(tmp_path):
    werkboek = schrijf_werkboek(tmp_path, na_de_startbijeenkomst(copy.deepcopy(GEGEVENS)))
    uit, elders = tmp_path / "uit", tmp_path / "elders"
    uit.mkdir()
    elders.mkdir()
    (uit / "uitnodigingen").symlink_to(elders, target_is_directory=True)
    resultaat = CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uit)])
    assert resultaat.exit_code == 1
    assert resultaat.output.strip() == (
        f"'{uit / 'uitnodigingen'}' is een snelkoppeling naar een map buiten de uitvoermap; hitteplan schrijft alleen "
        "in de uitvoermap zelf. Vervang de snelkoppeling door een gewone map (of verwijder hem) en probeer het "
        "opnieuw; er is niets veranderd."
    )
    assert list(elders.iterdir()) == []
    assert sorted(p.name for p in uit.iterdir()) == ["uitnodigingen"]


def test_snelkoppeling_naar_een_bestand_geweigerd(na_start_gebouwd, tmp_path):
    werkboek, uit = na_start_gebouwd.kopie(tmp_path)
    buiten = tmp_path / "belangrijk.docx"
    buiten.write_bytes(b"van iemand anders")
    (uit / "canvas-fase-2.docx").unlink()
    (uit / "canvas-fase-2.docx").symlink_to(buiten)
    voor = inhoud(uit)
    resultaat = CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uit), "--overschrijven"])
    assert resultaat.exit_code == 1
    assert "is een snelkoppeling naar een bestand buiten de uitvoermap" in resultaat.output
    assert buiten.read_bytes() == b"van iemand anders" and inhoud(uit) == voor


@pytest.mark.parametrize(
    "naam",
    eerst_snel(
        [
            "/etc/passwd",
            "../buiten.docx",
            "uitnodigingen/../../buiten.docx",
            "C:/x.docx",
            "a\\..\\..\\b.docx",
            "",
            "uitnodigingen//x.docx",
        ],
        houd=2,
    ),
)
def test_manifest_regel_buiten_de_map_overgeslagen(na_start_gebouwd, tmp_path, naam):
    """A manifest entry that does not name a file inside the folder is ignored with a Dutch
    warning; the build goes on, never asks to delete a file outside, and the next manifest no
    longer holds it."""
    werkboek, uit = na_start_gebouwd.kopie(tmp_path)
    buiten = tmp_path / "buiten.docx"
    buiten.write_bytes(b"buiten")
    manifest = json.loads((uit / ".hitteplan.json").read_text())
    manifest["bestanden"][naam] = manifest["bestanden"]["canvas-fase-2.docx"]
    manifest["bestanden"]["kapot.docx"] = 42
    (uit / ".hitteplan.json").write_text(json.dumps(manifest))
    resultaat = CliRunner().invoke(hoofd, ["bouw", str(werkboek), "-o", str(uit)])
    assert resultaat.exit_code == 0, resultaat.output
    regels = resultaat.output.splitlines()
    assert (
        f"Waarschuwing: .hitteplan.json noemt '{naam}', dat geen bestand in deze uitvoermap is; die regel is "
        "overgeslagen."
    ) in regels
    assert (
        "Waarschuwing: .hitteplan.json heeft voor 'kapot.docx' geen geldige vingerafdruk; die regel is overgeslagen."
        in regels
    )
    assert not any("eerdere bouw" in r for r in regels) and buiten.read_bytes() == b"buiten"
    nieuw = json.loads((uit / ".hitteplan.json").read_text())["bestanden"]
    assert naam not in nieuw and "kapot.docx" not in nieuw and "canvas-fase-2.docx" in nieuw


# --- killed at every step -------------------------------------------------------------------------
#
# Two ways to kill a build at its K-th step, both in a build forked from the fork server
# (tests/gaffel.py), which imported the generator and made one build before. Its Python audit
# hook kills the build at the K-th rename or file opened for writing, at the speed of an
# ordinary build: `make test` uses it. strace (`-p`, attached to the build before its first step;
# `inject=…:signal=KILL:when=K`) kills it in the kernel, at any system call, also at a write
# halfway through a file, and sees renames however they are made; a traced build takes about
# twice as long: `make test` uses it to check that the audit hook sees every rename the kernel
# sees, and at a spread of writes; `--elke-stap` at every rename and every write of all four
# variants.

STRACE = shutil.which("strace")
SYSCALLS = {"rename": "rename,renameat,renameat2", "write": "write"}


def _klein_werkboek(map_: Path) -> Path:
    """The example after the startbijeenkomst with four stakeholders still in: every kind of
    file a build writes (memo, deck, canvas, contact list, report back, an invitation letter in
    the folder of each meeting, the .ics files and the CSV) and no more than one of each
    letter, so that a kill at every step stays a bounded number of builds (some two dozen
    renames)."""
    gegevens = na_de_startbijeenkomst(copy.deepcopy(GEGEVENS))
    for s in gegevens["Stakeholders"][4:]:
        s["Status"] = "Afgehaakt"
    return schrijf_werkboek(map_, gegevens)


def _omgeving(werkboek) -> dict:
    """The builds of one test share a temporary folder of their own (and so Jinja's cache of
    compiled templates, which writes with a rename): another test running at the same time
    cannot change how many renames a build makes."""
    tmp = Path(werkboek).parent / "tmp"
    tmp.mkdir(exist_ok=True)
    return {**os.environ, "PYTHONHASHSEED": "0", "TMPDIR": str(tmp)}


def _argv(werkboek, uit, extra) -> list[str]:
    # --debug: should a build ever fail unexpectedly here, the failure shows the traceback
    return ["--debug", "bouw", str(werkboek), "-o", str(uit), *extra]


def _strace(gaffel, werkboek, uit, extra, opties: list[str]) -> int:
    """A build traced by strace from its first step, with strace's ``opties``: its exit code.
    Only the build's own process is traced (no -f): LibreOffice, started by it, is not."""
    code, _, _ = gaffel.bouw(_argv(werkboek, uit, extra), strace=[STRACE, *opties])
    return code


def _strace_stappen(gaffel, werkboek, uit, extra, soort) -> list[str]:
    """Every rename (or write) system call the kernel sees a build make, counted by strace on a
    copy of the folder, and for a write where it goes: "buiten" (the console, the temporary
    folder), "tijdelijk" (a temporary file of the build in the output folder) or "ter plaatse"
    (a file in the output folder under its own name: a correct build writes none, it renames;
    a hand edit overwritten in place would be one). A rename is "tijdelijk"."""
    kopie = uit.parent / f"telling-{soort}"
    shutil.copytree(uit, kopie)
    log = uit.parent / f"telling-{soort}.log"
    code = _strace(gaffel, werkboek, kopie, extra, ["-y", "-o", str(log), "-e", f"trace={SYSCALLS[soort]}"])
    assert code == 0, log.read_text()[-2000:]
    in_de_map = f"{kopie.resolve()}/"
    shutil.rmtree(kopie)
    stappen = []
    for regel in log.read_text().splitlines():
        if regel.split("(")[0] not in SYSCALLS[soort].split(","):
            continue
        # -y: write(5</tmp/…/telling-write/.~hitteplan-c479a118-canvas-fase-2.docx>, "PK…", 15008) = 15008
        pad = regel.split("<", 1)[1].split(">", 1)[0] if soort == "write" and "<" in regel else ""
        if soort == "rename":
            stappen.append("tijdelijk")
        elif not pad.startswith(in_de_map):
            stappen.append("buiten")
        else:
            stappen.append("tijdelijk" if pad.rsplit("/", 1)[1].startswith(".~hitteplan-") else "ter plaatse")
    return stappen


def _sha(pad: Path) -> str:
    import hashlib

    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _zichtbaar(map_: Path) -> dict[bytes, str]:
    return {
        p.read_bytes(): p.relative_to(map_).as_posix()
        for p in map_.rglob("*")
        if p.is_file() and not p.name.startswith(".~")
    }


def spreiding(aantal: int) -> list[int]:
    """The steps (1 … aantal) a kill is tried at when not every one is: the first two, the
    middle and the last two, where a commit starts, is under way and ends."""
    return sorted({k for k in (1, 2, aantal // 2, aantal - 1, aantal) if 1 <= k <= aantal})


def test_spreiding():
    assert spreiding(20) == [1, 2, 10, 19, 20]
    assert spreiding(3) == [1, 2, 3]
    assert spreiding(1) == [1]


def _nodig(extra, strace: bool) -> None:
    if strace and STRACE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("strace is nodig voor deze test (apt-get install strace)")
        pytest.skip("strace ontbreekt")
    if "--pdf" in extra:
        from generator.pdf import vind_soffice

        if vind_soffice() is None:
            if os.environ.get("CI") == "true":
                pytest.fail("LibreOffice is nodig voor deze test")
            pytest.skip("LibreOffice ontbreekt")


def _doden_bij_elke_stap(tmp_path, extra, soorten, strace_controle=False):
    """Kill a build (SIGKILL) at steps of each kind in ``soorten`` (kind -> which of its 1 …
    aantal steps, or None for every one) and check that the next build loses nothing. Kinds:
    "rename" and "open" (a file opened for writing) through the fork server; "strace-rename"
    and "strace-write" (a write system call) through strace: every one when ``None``, else a
    choice among the writes to the build's temporary files in the output folder and every write
    to a file there under its own name (:func:`_strace_stappen`). ``strace_controle``: first
    check that strace counts as many renames as the audit hook."""
    from .gaffel import Gaffel

    _nodig(extra, strace_controle or any(soort.startswith("strace-") for soort in soorten))
    werkboek = _klein_werkboek(tmp_path)
    basis = tmp_path / "basis"
    zonder_pdf = [e for e in extra if e != "--pdf"]
    with Gaffel(_omgeving(werkboek), opwarmen=["--debug", "bouw", str(werkboek)]) as gaffel:
        code, uitvoer, _ = gaffel.bouw(_argv(werkboek, basis, [e for e in extra if e != "--overschrijven"]))
        assert code == 0, uitvoer
        memo = docx.Document(basis / "bestuurlijke-notitie.docx")
        memo.add_paragraph("Met de hand toegevoegd: de wethouder opent de bijeenkomst.")
        memo.save(basis / "bestuurlijke-notitie.docx")
        earlier = {k: v for k, v in inhoud(basis).items() if k != ".hitteplan.json"}

        kopie = tmp_path / "telling"
        shutil.copytree(basis, kopie)
        code, uitvoer, telling = gaffel.bouw(_argv(werkboek, kopie, extra))
        assert code == 0, uitvoer
        shutil.rmtree(kopie)
        if strace_controle:  # the audit hook sees as many renames as the kernel
            assert len(_strace_stappen(gaffel, werkboek, basis, extra, "rename")) == telling["rename"]
        for soort, kies in soorten.items():
            if soort.startswith("strace-"):
                stappen = _strace_stappen(gaffel, werkboek, basis, extra, soort.removeprefix("strace-"))
                tijdelijk = [k for k, waar in enumerate(stappen, 1) if waar == "tijdelijk"]
                ter_plaatse = {k for k, waar in enumerate(stappen, 1) if waar == "ter plaatse"}
            else:
                tijdelijk, ter_plaatse = list(range(1, telling[soort] + 1)), set()
            assert len(tijdelijk) > 5
            if kies is None:
                gekozen = list(range(1, len(stappen) + 1)) if soort.startswith("strace-") else tijdelijk
            else:
                gekozen = sorted({tijdelijk[i - 1] for i in kies(len(tijdelijk))} | ter_plaatse)
            for k in gekozen:
                uit = tmp_path / f"uit-{soort}-{k}"
                shutil.copytree(basis, uit, symlinks=True)
                if soort.startswith("strace-"):
                    injectie = f"inject={SYSCALLS[soort.removeprefix('strace-')]}:signal=KILL:when={k}"
                    code = _strace(gaffel, werkboek, uit, extra, ["-o", os.devnull, "-e", injectie])
                else:
                    code, _, _ = gaffel.bouw(_argv(werkboek, uit, extra), doden=(soort, k))
                assert code == -9, f"niet gedood bij {soort} {k}"  # the kill did happen
                # the next build, as the trekker starts it again (without --pdf: the recovery comes first either way)
                code, uitvoer, _ = gaffel.bouw(_argv(werkboek, uit, zonder_pdf))
                assert code == 0, (soort, k, uitvoer)
                zichtbaar = _zichtbaar(uit)
                manifest = json.loads((uit / ".hitteplan.json").read_text())["bestanden"]
                for rel, data in earlier.items():
                    if rel.endswith(".pdf") and data not in zichtbaar:
                        # LibreOffice's PDFs are not yet byte-reproducible: a build that completed (killed
                        # after its commit, at a write to the console) replaced its own earlier PDF, as every
                        # build does; the new one stands at its place, recorded as the build's own
                        pdf = uit / rel
                        assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-" and manifest.get(rel) == _sha(pdf), (
                            f"{rel} verloren na SIGKILL bij {soort} {k}"
                        )
                        continue
                    assert data in zichtbaar, f"{rel} verloren na SIGKILL bij {soort} {k}"
                assert not list(uit.rglob(".~hitteplan-*")), (soort, k)  # and nothing half-done is left
                json.loads((uit / ".hitteplan.json").read_text())
                shutil.rmtree(uit)


@pytest.mark.traag
@pytest.mark.parametrize("helft", [0, 1], ids=["oneven", "even"])
def test_gedood_bij_elke_rename(tmp_path, helft):
    """SIGKILL at the first, second, … last rename of a build with --overschrijven (the hand
    edit is replaced after its backup): after the next build every hand edit and every earlier
    document is there, byte for byte, in a visible file. In two halves (the odd and the even
    renames), so that two processes share the work; the first half also checks, with strace,
    that the audit hook counts as many renames as the kernel sees. The other variants, and
    writes, in the test below."""
    _doden_bij_elke_stap(
        tmp_path,
        ["--overschrijven"],
        {"rename": lambda aantal: [k for k in range(1, aantal + 1) if k % 2 != helft]},
        strace_controle=helft == 0,
    )


@pytest.mark.traag
@pytest.mark.parametrize(
    "extra",
    [[], ["--overschrijven"], ["--pdf"], ["--pdf", "--overschrijven"]],
    ids=["gewoon", "overschrijven", "pdf", "pdf-overschrijven"],
)
def test_gedood_bij_elke_rename_en_elke_schrijfstap(tmp_path, extra, request):
    """The same for all four variants. With --elke-stap at every rename and every write system
    call, through strace (some 200 builds a variant). Otherwise where a commit starts, is
    halfway and ends (:func:`spreiding`): at renames and at files opened for writing (through
    the audit hook), and at writes to files in the output folder (through strace: the hook
    cannot stop a build inside a write, which leaves a file empty or cut off); with --pdf at
    renames only (its files are those of the variant without, and every build of it waits for
    LibreOffice). Every rename of the riskiest variant is the test above."""
    if request.config.getoption("elke_stap"):
        _doden_bij_elke_stap(tmp_path, extra, {"strace-rename": None, "strace-write": None})
    elif "--pdf" in extra:
        _doden_bij_elke_stap(tmp_path, extra, {"rename": spreiding})
    elif "--overschrijven" in extra:  # its every rename: the test above
        _doden_bij_elke_stap(tmp_path, extra, {"open": spreiding, "strace-write": spreiding})
    else:
        _doden_bij_elke_stap(tmp_path, extra, {"rename": spreiding, "open": spreiding, "strace-write": spreiding})
