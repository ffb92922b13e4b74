"""Benchmarks for `hitteplan bouw`: ratios measured side by side in one run.

    python benchmarks/bench.py            # the real sizes (10x and 100x, 25 workbooks)
    python benchmarks/bench.py --klein    # a tiny size, only to keep this script working (CI)

(a) `bouw` on the example vs a floor process that imports the same libraries and saves three
    empty documents (target: at most 1.5x): a rebuild, as a trekker runs it after each edit,
    and the first build after an install or a changed template (compiled templates not yet
    on disk);
(b) workbooks with 10x and 100x the example's rows (stakeholders, wijken, goals): the cost per
    added row at 100x vs at 10x (target: at most 1.2x, no quadratic step);
(c) 25 workbooks in one `bouw MAP/` vs 25 separate calls (target: at most 0.3x);
(d) peak memory of the 100x build (target: at most 200 MB).

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
import io, openpyxl, docx, docxtpl, pptx, jinja2, click, babel.dates, PIL.Image, icalendar
for maak in (docx.Document, pptx.Presentation, docx.Document):
    maak().save(io.BytesIO())
"""

GEHEUGEN = """
import resource, sys
from pathlib import Path
from generator.bouw import bouw
bouw(Path(sys.argv[1]), Path(sys.argv[2]))
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


def leeg_sjablooncache() -> None:
    """Remove the compiled templates hitteplan keeps between runs (as after an install)."""
    from generator.sjabloon import omgeving

    cache = omgeving().schijf()
    if cache:
        for bestand in Path(cache.directory).glob("hitteplan-*.cache"):
            bestand.unlink(missing_ok=True)


def werkboek(pad: Path, factor: int, gemeente: str | None = None) -> int:
    """The example with its stakeholders, wijken and goals repeated ``factor`` times (names
    made unique); returns the number of data rows."""
    from generator.blanco import maak_blanco, vul
    from generator.voorbeeld import GEGEVENS

    g = copy.deepcopy(GEGEVENS)
    if gemeente:
        g["Algemeen"]["Gemeente"] = gemeente
    if factor > 1:
        g["Stakeholders"] = g["Stakeholders"] + [
            {**s, "Organisatie": f"{s['Organisatie']} {n}"} for n in range(2, factor + 1) for s in GEGEVENS["Stakeholders"]]
        g["Wijken"] = g["Wijken"] + [
            {**w, "Wijk": f"{w['Wijk']} {n}", "Wijkcode": None} for n in range(2, factor + 1) for w in GEGEVENS["Wijken"]]
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
    klein, groot, aantal, herhaal = (2, 3, 3, 1) if args.klein else (10, 100, 25, 7)
    py = sys.executable
    hitteplan = [py, "-m", "generator", "bouw"]
    # The libraries were compiled to bytecode when pip installed them; compile the project too,
    # as pip does for an installed hitteplan and Python does on a first run (unless, as on some
    # build machines, PYTHONDONTWRITEBYTECODE is set: then every run would compile it anew).
    import compileall

    compileall.compile_dir(REPO / "generator", quiet=1)
    print(f"machine: {platform.machine()}, {platform.processor() or 'onbekende processor'}, "
          f"python {platform.python_version()}, {platform.system()}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # (a) a rebuild (the compiled templates on disk from the run before), and the first build
        # after an install or a changed template (that cache emptied first)
        a = tijden({"vloer": ([py, "-c", VLOER], None),
                    "bouw": ([*hitteplan, "invoer/voorbeeld.xlsx", "-o", str(tmp / "a")], None),
                    "koud": ([*hitteplan, "invoer/voorbeeld.xlsx", "-o", str(tmp / "a")], leeg_sjablooncache)}, herhaal)
        vloer, enkel, koud = a["vloer"], a["bouw"], a["koud"]
        print(f"(a) bouw voorbeeld {enkel:.2f} s, vloer {vloer:.2f} s: {enkel / vloer:.2f}x (doel ≤ 1,5x); "
              f"eerste keer na installeren of een gewijzigd sjabloon {koud:.2f} s: {koud / vloer:.2f}x")
        # (b)
        rijen = {f: werkboek(tmp / f"x{f}.xlsx", f) for f in (1, klein, groot)}
        duur = tijden({f: ([*hitteplan, str(tmp / f"x{f}.xlsx"), "-o", str(tmp / f"b{f}")], None) for f in (1, klein)},
                      herhaal)
        duur[groot] = tijden({groot: ([*hitteplan, str(tmp / f"x{groot}.xlsx"), "-o", str(tmp / f"b{groot}")], None)},
                             2 if herhaal > 1 else 1)[groot]
        per_rij = {f: (duur[f] - duur[1]) / (rijen[f] - rijen[1]) for f in (klein, groot)}
        print(f"(b) {rijen[1]} rijen {duur[1]:.2f} s; {klein}x ({rijen[klein]} rijen) {duur[klein]:.2f} s; "
              f"{groot}x ({rijen[groot]} rijen) {duur[groot]:.2f} s; per extra rij {per_rij[klein] * 1000:.1f} ms bij "
              f"{klein}x en {per_rij[groot] * 1000:.1f} ms bij {groot}x: {per_rij[groot] / per_rij[klein]:.2f}x "
              "(doel ≤ 1,2x)")
        # (c)
        regio = tmp / "regio"
        regio.mkdir()
        for i in range(aantal):
            werkboek(regio / f"gemeente-{i:02d}.xlsx", 1, gemeente=f"Gemeente {i:02d}")
        samen = tijden({"samen": ([*hitteplan, str(regio), "-o", str(tmp / "c1")], None)}, 1)["samen"]
        begin = time.perf_counter()
        for i in range(aantal):
            subprocess.run([*hitteplan, str(regio / f"gemeente-{i:02d}.xlsx"), "-o", str(tmp / "c2" / str(i))],
                           check=True, capture_output=True, cwd=REPO)
        los = time.perf_counter() - begin
        print(f"(c) {aantal} werkboeken in één bouw {samen:.2f} s, {aantal} losse aanroepen {los:.2f} s: "
              f"{samen / los:.2f}x (doel ≤ 0,3x)")
        # (d)
        uit = subprocess.run([py, "-c", GEHEUGEN, str(tmp / f"x{groot}.xlsx"), str(tmp / "d")], check=True,
                             capture_output=True, text=True, cwd=REPO)
        mb = int(uit.stdout.strip().splitlines()[-1]) / 1024
        print(f"(d) piekgeheugen bij {groot}x: {mb:.0f} MB (doel ≤ 200 MB)")
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
