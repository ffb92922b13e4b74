"""Benchmarks for `hitteplan bouw`: ratios measured side by side in one run.

    python benchmarks/bench.py            # the real sizes (10x and 100x, 25 workbooks), with --pdf
    python benchmarks/bench.py --klein    # a tiny size, only to keep this script working (CI)

(a) `bouw` on the example vs a floor process that imports the same libraries, opens the
    workbook with openpyxl and reads its values, and saves as many default documents as the
    build writes (Word and PowerPoint, counted from the build's output) (target: at most 1.5x);
(b) workbooks with 10x and 100x the example's rows (stakeholders, wijken, goals): the cost per
    added row at 100x vs at 10x (target: at most 1.2x, no quadratic step);
(c) 25 workbooks in one `bouw MAP/` vs 25 separate calls (target: at most 0.3x);
(d) peak memory of the 100x build (target: at most 200 MB);
(e) `bouw --pdf` vs `bouw` plus one bare `soffice --convert-to pdf` of the same files (target:
    at most 1.2x); only when LibreOffice is installed.

Every measurement is a fresh process, as a user runs it; times are the shortest of repeats,
the commands compared taking turns.
"""

from __future__ import annotations

import argparse
import copy
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

VLOER = """
import io, sys
import openpyxl, docx, docxtpl, pptx, jinja2, click, babel.dates, PIL.Image, icalendar, email_validator
werkmap = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
for blad in werkmap.worksheets:  # every value read, as any build must
    for rij in blad.iter_rows(values_only=True):
        pass
werkmap.close()
for maak, aantal in ((docx.Document, int(sys.argv[2])), (pptx.Presentation, int(sys.argv[3]))):
    for _ in range(aantal):
        maak().save(io.BytesIO())
"""

GEHEUGEN = """
import resource, sys
from pathlib import Path
from generator.opdrachten import bouw_documenten
bouw_documenten(Path(sys.argv[1]), Path(sys.argv[2]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def tijden(opdrachten: dict[str, tuple[list[str], object]], herhaal: int) -> dict[str, float]:
    """The shortest of ``herhaal`` runs of each command (name -> (command, function to run
    before it or None)), the commands taking turns so that a machine that speeds up or slows
    down during the run affects each alike. The shortest run is the one least disturbed by
    other work on the machine (noise only ever adds time)."""
    metingen: dict[str, list[float]] = {naam: [] for naam in opdrachten}
    for _ in range(herhaal):
        for naam, (opdracht, voor) in opdrachten.items():
            if voor is not None:
                voor()
            begin = time.perf_counter()
            subprocess.run(opdracht, check=True, capture_output=True, cwd=REPO)
            metingen[naam].append(time.perf_counter() - begin)
    return {naam: min(m) for naam, m in metingen.items()}


def documenten(map_: Path) -> tuple[int, int]:
    """The Word and PowerPoint documents a build wrote."""
    return len(list(map_.rglob("*.docx"))), len(list(map_.rglob("*.pptx")))


def werkboek(pad: Path, factor: int, gemeente: str | None = None, na_start: bool = False) -> int:
    """The example with its stakeholders, wijken and goals repeated ``factor`` times (names
    made unique); ``na_start``: as it stood after the startbijeenkomst. Returns the number of
    data rows."""
    from generator.blanco import maak_blanco, vul
    from generator.voorbeeld import GEGEVENS, na_de_startbijeenkomst

    g = copy.deepcopy(GEGEVENS)
    if na_start:
        na_de_startbijeenkomst(g)
    if gemeente:
        g["Algemeen"]["Gemeente"] = gemeente
    if factor > 1:
        g["Stakeholders"] = g["Stakeholders"] + [
            {**s, "Organisatie": f"{s['Organisatie']} {n}"}
            for n in range(2, factor + 1)
            for s in GEGEVENS["Stakeholders"]
        ]
        g["Wijken"] = g["Wijken"] + [
            {**w, "Wijk": f"{w['Wijk']} {n}", "Wijkcode": None}
            for n in range(2, factor + 1)
            for w in GEGEVENS["Wijken"]
        ]
        g["Doelen en rollen"] = g["Doelen en rollen"] * factor
    from generator.voorbeeld import hittekaart

    wb = maak_blanco()
    vul(wb, g)
    wb.save(pad)
    kaart, beeld = hittekaart()
    (pad.parent / kaart).write_bytes(beeld)
    return len(g["Stakeholders"]) + len(g["Wijken"]) + len(g["Doelen en rollen"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--klein", action="store_true", help="tiny sizes, one repeat: only checks that it runs")
    args = ap.parse_args()
    klein, groot, aantal, herhaal = (2, 3, 2, 1) if args.klein else (10, 100, 25, 5)
    py = sys.executable
    hitteplan = [py, "-m", "generator", "bouw"]
    # The libraries were compiled to bytecode when pip installed them; compile the project too,
    # as pip does for an installed hitteplan and Python does on a first run (unless, as on some
    # build machines, PYTHONDONTWRITEBYTECODE is set: then every run would compile it anew).
    import compileall

    compileall.compile_dir(REPO / "generator", quiet=1)
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'onbekende processor'}, "
        f"python {platform.python_version()}, {platform.system()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # (a) the example as shipped (after the dialogue), and as it stood after the startbijeenkomst
        #     (the moment with the most letters)
        werkboek(tmp / "start.xlsx", 1, na_start=True)
        for naam, invoer, doel in (
            ("voorbeeld", "invoer/voorbeeld.xlsx", tmp / "a"),
            ("na de startbijeenkomst", str(tmp / "start.xlsx"), tmp / "a-start"),
        )[: 1 if args.klein else 2]:  # --klein: one is enough to keep the script working
            subprocess.run([*hitteplan, invoer, "-o", str(doel)], check=True, capture_output=True, cwd=REPO)
            word, powerpoint = documenten(doel)
            a = tijden(
                {
                    "vloer": ([py, "-c", VLOER, invoer, str(word), str(powerpoint)], None),
                    "bouw": ([*hitteplan, invoer, "-o", str(doel)], None),
                },
                herhaal,
            )
            print(
                f"(a) bouw {naam} {a['bouw']:.2f} s, vloer ({word} Word, {powerpoint} PowerPoint) {a['vloer']:.2f} s: "
                f"{a['bouw'] / a['vloer']:.2f}x (doel ≤ 1,5x)"
            )
        # (b)
        rijen = {f: werkboek(tmp / f"x{f}.xlsx", f) for f in (1, klein, groot)}
        duur = tijden(
            {f: ([*hitteplan, str(tmp / f"x{f}.xlsx"), "-o", str(tmp / f"b{f}")], None) for f in (1, klein)}, herhaal
        )
        duur[groot] = tijden(
            {groot: ([*hitteplan, str(tmp / f"x{groot}.xlsx"), "-o", str(tmp / f"b{groot}")], None)},
            2 if herhaal > 1 else 1,
        )[groot]
        per_rij = {f: (duur[f] - duur[1]) / (rijen[f] - rijen[1]) for f in (klein, groot)}
        # at --klein the extra rows cost less than the noise of one run: no ratio to give then
        verhouding = (
            f"{per_rij[groot] / per_rij[klein]:.2f}x"
            if min(per_rij.values()) > 0
            else "niet te meten, het verschil valt binnen de ruis"
        )
        print(
            f"(b) {rijen[1]} rijen {duur[1]:.2f} s; {klein}x ({rijen[klein]} rijen) {duur[klein]:.2f} s; "
            f"{groot}x ({rijen[groot]} rijen) {duur[groot]:.2f} s; per extra rij {per_rij[klein] * 1000:.1f} ms bij "
            f"{klein}x en {per_rij[groot] * 1000:.1f} ms bij {groot}x: {verhouding} (doel ≤ 1,2x)"
        )
        # (c)
        regio = tmp / "regio"
        regio.mkdir()
        for i in range(aantal):
            werkboek(regio / f"gemeente-{i:02d}.xlsx", 1, gemeente=f"Gemeente {i:02d}")
        samen = tijden({"samen": ([*hitteplan, str(regio), "-o", str(tmp / "c1")], None)}, 1)["samen"]
        begin = time.perf_counter()
        for i in range(aantal):
            subprocess.run(
                [*hitteplan, str(regio / f"gemeente-{i:02d}.xlsx"), "-o", str(tmp / "c2" / str(i))],
                check=True,
                capture_output=True,
                cwd=REPO,
            )
        los = time.perf_counter() - begin
        print(
            f"(c) {aantal} werkboeken in één bouw {samen:.2f} s, {aantal} losse aanroepen {los:.2f} s: "
            f"{samen / los:.2f}x (doel ≤ 0,3x)"
        )
        # (d)
        uit = subprocess.run(
            [py, "-c", GEHEUGEN, str(tmp / f"x{groot}.xlsx"), str(tmp / "d")],
            check=True,
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        mb = int(uit.stdout.strip().splitlines()[-1]) / 1024
        print(f"(d) piekgeheugen bij {groot}x: {mb:.0f} MB (doel ≤ 200 MB)")
        # (e)
        from generator.pdf import FILTER, vind_soffice

        soffice = vind_soffice()
        if soffice is None:
            print("(e) overgeslagen: LibreOffice is niet geïnstalleerd")
        else:
            bestanden = sorted(str(p) for p in (tmp / "a").rglob("*") if p.suffix in (".docx", ".pptx"))
            kaal = [
                soffice,
                "--headless",
                "--norestore",
                "--convert-to",
                FILTER,
                "--outdir",
                str(tmp / "e-kaal"),
                *bestanden,
            ]
            if not args.klein:  # the user's profile made once, as on a PC (--klein measures nothing)
                subprocess.run(kaal, check=True, capture_output=True, cwd=REPO)
            e = tijden(
                {
                    "pdf": ([*hitteplan, "invoer/voorbeeld.xlsx", "-o", str(tmp / "e"), "--pdf"], None),
                    "bouw": ([*hitteplan, "invoer/voorbeeld.xlsx", "-o", str(tmp / "e2")], None),
                    "kaal": (kaal, None),
                },
                max(1, herhaal // 2),
            )
            print(
                f"(e) bouw --pdf {e['pdf']:.2f} s, bouw {e['bouw']:.2f} s + soffice {e['kaal']:.2f} s: "
                f"{e['pdf'] / (e['bouw'] + e['kaal']):.2f}x (doel ≤ 1,2x)"
            )
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
