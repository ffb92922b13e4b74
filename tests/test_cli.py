"""The command line: Dutch help for every command, exit statuses, no tracebacks."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from generator.cli import hoofd


def _opdrachten():
    return sorted(hoofd.commands)


@pytest.mark.parametrize("opdracht", [[], *[[c] for c in sorted(hoofd.commands)]])
def test_help_in_het_nederlands(opdracht):
    uit = CliRunner().invoke(hoofd, [*opdracht, "--help"], catch_exceptions=False)
    assert uit.exit_code == 0
    assert uit.output.startswith("Gebruik: ")
    assert "Opties:" in uit.output and "Toon deze hulp en stop." in uit.output
    assert "Voorbeeld:" in uit.output
    for engels in ("Usage:", "Options:", "Show this message"):
        assert engels not in uit.output


def test_elke_opdracht_heeft_hulp():
    for naam, opdracht in hoofd.commands.items():
        assert opdracht.help and len(opdracht.help) > 40, naam


def test_verkeerd_gebruik_exit_2():
    uit = CliRunner().invoke(hoofd, ["controleer"], catch_exceptions=False)
    assert uit.exit_code == 2
    assert "Fout: Ontbrekend argument WERKBOEK." in uit.output
    uit = CliRunner().invoke(hoofd, ["vlieg"], catch_exceptions=False)
    assert uit.exit_code == 2 and "Onbekende opdracht 'vlieg'." in uit.output


def test_onvoorziene_fout_een_regel_en_debug(monkeypatch, voorbeeld):
    import generator.opdrachten as opdrachten

    def stuk(pad, vandaag=None):
        raise RuntimeError("kapot")

    monkeypatch.setattr(opdrachten, "controleer_werkboek", stuk)
    uit = CliRunner().invoke(hoofd, ["controleer", str(voorbeeld)], catch_exceptions=False)
    assert uit.exit_code == 1
    assert uit.output.strip() == (
        "Er ging iets onverwachts mis. Meld dit alstublieft bij de beheerders van "
        "hitteplan, met de uitvoer van dezelfde opdracht met --debug ervoor."
    )
    uit = CliRunner().invoke(hoofd, ["--debug", "controleer", str(voorbeeld)], catch_exceptions=False)
    assert uit.exit_code == 1 and "Traceback" in uit.output and "RuntimeError: kapot" in uit.output


@pytest.mark.parametrize("optie", ["--versie", "--version"])
def test_versie(optie):
    uit = CliRunner().invoke(hoofd, [optie])
    assert uit.exit_code == 0 and uit.output.startswith("hitteplan, versie ")


# Words of click's own English messages (usage, errors, help) that must never reach a trekker
ENGELS = (
    "Usage",
    "Error",
    "Options",
    "Commands",
    "Try ",
    "Missing",
    "No such",
    "unexpected",
    "Invalid",
    "requires",
    "does not",
    "Did you mean",
    "Show this",
    "not a valid",
    "Aborted",
    "directory",
    "exist",
    "argument (",
    "Got ",
    "option",
    "command",
    "value",
    "for help",
)


@pytest.mark.parametrize(
    ("args", "zin"),
    [
        (["bouw", "--pfd"], "Fout: Onbekende optie --pfd. Bedoelde u --pdf?"),
        (["--versi"], "Fout: Onbekende optie --versi. Bedoelde u --versie of --version?"),
        (["bowu"], "Fout: Onbekende opdracht 'bowu'. Bedoelde u bouw?"),
        (["vlieg"], "Fout: Onbekende opdracht 'vlieg'."),
        (["--debug"], "Fout: Geef een opdracht, bijvoorbeeld: hitteplan bouw mijn-werkboek.xlsx."),
        (["bouw", "-o"], "Fout: De optie -o vraagt een waarde, bijvoorbeeld: -o MAP"),
        (["bouw", "--sjablonen"], "Fout: De optie --sjablonen vraagt een waarde, bijvoorbeeld: --sjablonen MAP"),
        (["bouw", "--pdf=ja"], "Fout: De optie --pdf krijgt geen waarde; schrijf alleen --pdf."),
        (["nieuw"], "Fout: Ontbrekend argument PAD."),
        (["controleer"], "Fout: Ontbrekend argument WERKBOEK."),
        (["controleer", "a.xlsx", "b.xlsx"], "Fout: Dit argument hoort hier niet: b.xlsx."),
        (["bouw", "a.xlsx", "b.xlsx", "c.xlsx"], "Fout: Deze argumenten horen hier niet: b.xlsx c.xlsx."),
        (["nieuw", "{map}"], "Fout: PAD: '{map}' is een map; geef de naam van een bestand op."),
        (["nieuw", ""], "Fout: PAD: geef een naam op."),
        (["controleer", ""], "Fout: WERKBOEK: geef een naam op."),
        (["web", "--poort", "x"], "Fout: --poort: 'x' is geen geheel getal."),
        (["--help=x"], "Fout: De optie --help krijgt geen waarde; schrijf alleen --help."),
        (["bouw", "--help=ja"], "Fout: De optie --help krijgt geen waarde; schrijf alleen --help."),
        (["web", "--poort", "70000"], "Fout: --poort: 70000 ligt niet tussen 0 en 65535."),
    ],
)
def test_elke_gebruiksfout_in_het_nederlands(tmp_path, args, zin):
    """Every way of using the command wrongly gets the usage, a Dutch sentence and where to
    find help (exit status 2), and not one word of click's English."""
    args = [a.format(map=tmp_path) for a in args]
    uit = CliRunner().invoke(hoofd, args, catch_exceptions=False)
    assert uit.exit_code == 2, uit.output
    regels = uit.output.strip().splitlines()
    assert regels[0].startswith("Gebruik: hitteplan")
    assert regels[1].startswith("Typ 'hitteplan") and regels[1].endswith(" --help' voor hulp.")
    assert regels[-1] == zin.format(map=tmp_path)
    for woord in ENGELS:
        assert woord not in uit.output, woord


def test_zonder_opdracht_de_hulp():
    uit = CliRunner().invoke(hoofd, [], catch_exceptions=False)
    assert uit.output.startswith("Gebruik: hitteplan") and "Opdrachten:" in uit.output
    for woord in ENGELS:
        assert woord not in uit.output, woord


def test_hulp_van_elke_opdracht_zonder_engels():
    for args in ([], *([c] for c in hoofd.commands)):
        uit = CliRunner().invoke(hoofd, [*args, "-h"], catch_exceptions=False)
        assert uit.exit_code == 0
        opties = uit.output.split("Opties:")[1].split("Opdrachten:")[0]
        assert all(
            regel.lstrip().startswith("-")
            for regel in opties.splitlines()
            if regel.strip() and not regel.startswith(" " * 6)
        ), (args, opties)  # arguments are no options
        for woord in ENGELS[:-3]:  # a command's own help may say "waarde"; English words it must not
            assert woord not in uit.output, (args, woord)


def test_gebruiksfout_in_een_echte_opdracht():
    """Also in the installed command (not only click's test runner): Dutch, exit status 2."""
    import subprocess
    import sys

    uit = subprocess.run([sys.executable, "-m", "generator", "bouw", "--pfd"], capture_output=True, text=True)
    assert uit.returncode == 2 and uit.stdout == ""
    assert uit.stderr.strip().splitlines()[-1] == "Fout: Onbekende optie --pfd. Bedoelde u --pdf?"


def test_click_wordt_niet_aangepast():
    """The Dutch comes from click's public extension points: click's own modules are left as
    they are (no replaced translation function)."""
    import importlib

    for naam in ("core", "exceptions", "formatting", "decorators", "parser", "types"):
        module = importlib.import_module(f"click.{naam}")
        if hasattr(module, "_"):
            assert module._.__module__ == "gettext", naam


def test_python_m_generator(tmp_path):
    import subprocess
    import sys

    uit = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert uit.returncode == 0 and uit.stdout.startswith("Gebruik: ")


def test_bouw_zonder_werkboek_buiten_het_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    uit = CliRunner().invoke(hoofd, ["bouw"], catch_exceptions=False)
    assert uit.exit_code == 1
    assert uit.output.strip() == (
        "Het voorbeeld 'invoer/voorbeeld.xlsx' staat niet in deze map. Geef uw werkboek op, "
        "bijvoorbeeld: hitteplan bouw mijn-werkboek.xlsx"
    )


def test_gebruiksregel_zonder_engels():
    uit = CliRunner().invoke(hoofd, ["--help"], catch_exceptions=False)
    assert uit.output.splitlines()[0] == "Gebruik: hitteplan [OPTIES] OPDRACHT [ARGUMENTEN]..."
    uit = CliRunner().invoke(hoofd, ["bouw", "--help"], catch_exceptions=False)
    assert uit.output.splitlines()[0] == "Gebruik: hitteplan bouw [OPTIES] [WERKBOEK]"


def test_de_echte_opdracht(voorbeeld, tmp_path):
    """The real command (a process of its own): its output complete, its files whole, and bad
    input exits 1 with one Dutch sentence and no traceback."""
    import subprocess
    import sys

    import docx

    from .conftest import REPO

    doel = tmp_path / "uit"
    uit = subprocess.run(
        [sys.executable, "-m", "generator", "bouw", str(voorbeeld), "-o", str(doel)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert uit.returncode == 0, uit.stderr
    regels = uit.stdout.splitlines()
    assert regels[0] == f"Geschreven in {doel}{os.sep}:"
    assert "  uitnodigingen/: 6 brieven, bestuurlijke-bijeenkomst.ics, uitnodigingen.csv" in regels
    assert regels[-1] == (
        "Nog niet gemaakt: terugkoppeling bestuurlijke bijeenkomst — wacht op: blad "
        "'Bijeenkomsten', cel M4 (Status 'Afgerond'), cel N4 (Uitkomsten)"
    )
    assert not list(doel.rglob(".~*"))
    assert docx.Document(doel / "bestuurlijke-notitie.docx").core_properties.title

    kapot = tmp_path / "kapot.xlsx"
    kapot.write_text("geen werkboek", encoding="utf-8")
    uit = subprocess.run(
        [sys.executable, "-m", "generator", "bouw", str(kapot), "-o", str(tmp_path / "niets")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert (uit.returncode, uit.stdout) == (1, "")
    assert uit.stderr == "'kapot.xlsx' is geen Excel-werkboek; verwacht een Excel-werkmap (.xlsx).\n"
    assert not (tmp_path / "niets").exists()


@pytest.mark.parametrize(
    ("opties", "melding"),
    [
        (["-o", "{bestand}"], "'{bestand}' is een bestand, geen map; kies met -o een map voor de documenten."),
        (["-o", ""], "Geef bij -o de naam van een map op, bijvoorbeeld: -o documenten"),
        (
            ["--sjablonen", "{bestand}"],
            "'{bestand}' is een bestand, geen map; geef bij --sjablonen de map met uw sjablonen op.",
        ),
        (["--sjablonen", "{map}/bestaat-niet"], "De sjablonenmap '{map}/bestaat-niet' bestaat niet."),
    ],
)
def test_uitvoer_en_sjablonen_die_geen_map_zijn(voorbeeld, tmp_path, monkeypatch, opties, melding):
    """Exit 1 with one Dutch sentence, never click's English; nothing written, also not in
    the current folder."""
    bestand = tmp_path / "gewoon.txt"
    bestand.write_text("x")
    monkeypatch.chdir(tmp_path)
    vervang = {"bestand": bestand, "map": tmp_path}
    uit = CliRunner().invoke(
        hoofd, ["bouw", str(voorbeeld), *(o.format(**vervang) for o in opties)], catch_exceptions=False
    )
    assert (uit.exit_code, uit.output.strip()) == (1, melding.format(**vervang))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["gewoon.txt", "voorbeeld.xlsx", "hittekaart-heuvelmonde.png"]
    )
