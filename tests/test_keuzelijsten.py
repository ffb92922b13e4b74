"""The workbook as Excel uses it: every dropdown offers exactly what the reader accepts for its
sheet and column, read back from the saved file (openpyxl does not enforce validations, Excel
does), in the blank workbook, in the example, and after LibreOffice has saved it."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest
from click.testing import CliRunner

from generator.blanco import DOELKOLOM, MAX_RIJEN
from generator.cli import hoofd
from generator.contract import laad_contract

from .conftest import REPO, hulpmiddel
from .excel import cel_van, los_op, stopt, validatie


def afwijkingen(pad) -> list[str]:
    """Every way the dropdowns of the workbook at ``pad`` differ from the contract; empty when
    each choice, yes/no and reference field offers exactly what the reader accepts."""
    contract = laad_contract()
    wb = openpyxl.load_workbook(pad)
    fout: list[str] = []
    lijstvalidaties = 0
    for blad in contract.bladen:
        ws = wb[blad.naam]
        lijstvalidaties += sum(1 for dv in ws.data_validations.dataValidation if dv.type == "list")
        for veld in blad.velden:
            rijen = (None,) if blad.soort == "velden" else (2, MAX_RIJEN)
            for rij in rijen:
                coord = cel_van(wb, blad, veld.label, rij)
                dv = validatie(ws, coord)
                plek = f"{blad.naam}!{coord} ({veld.label})"
                lijst = dv is not None and dv.type == "list"
                if veld.type not in ("keuze", "janee", "verwijzing"):
                    if lijst:
                        fout.append(f"{plek}: een keuzelijst bij een veld van type {veld.type}")
                    continue
                if not lijst:
                    fout.append(f"{plek}: geen keuzelijst")
                    continue
                bereik = los_op(wb, dv.formula1)
                if veld.type == "verwijzing":
                    doel = contract.blad_op_naam(veld.verwijst)
                    doelveld = doel.veld(DOELKOLOM[veld.verwijst])
                    kop = wb[bereik.blad].cell(1, bereik.kolom).value if bereik.blad else None
                    if bereik.blad != doel.naam or kop != doelveld.label:
                        fout.append(
                            f"{plek}: wijst naar {bereik.blad}, kolom {kop!r}; de generator zoekt in "
                            f"{doel.naam}, kolom {doelveld.label!r}"
                        )
                    elif (bereik.eerste_rij, bereik.laatste_rij) != (2, MAX_RIJEN):
                        fout.append(f"{plek}: beslaat rij {bereik.eerste_rij}-{bereik.laatste_rij}")
                    continue
                verwacht = veld.keuzes if veld.type == "keuze" else contract.lijsten["janee"]
                if bereik.keuzes != verwacht:
                    fout.append(f"{plek}: biedt {list(bereik.keuzes)}, de generator leest {list(verwacht)}")
                if not stopt(dv):
                    fout.append(f"{plek}: Excel weigert een andere waarde niet")
    velden = sum(1 for b in contract.bladen for v in b.velden if v.type in ("keuze", "janee", "verwijzing"))
    if lijstvalidaties != velden:
        fout.append(f"{lijstvalidaties} keuzelijsten in het werkboek, {velden} velden met een keuze in het contract")
    return fout


@pytest.fixture(scope="module")
def werkboeken(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("keuzelijsten")
    blanco, voorbeeld = map_ / "blanco.xlsx", map_ / "voorbeeld.xlsx"
    for pad, extra in ((blanco, []), (voorbeeld, ["--voorbeeld"])):
        uit = CliRunner().invoke(hoofd, ["nieuw", str(pad), *extra], catch_exceptions=False)
        assert uit.exit_code == 0, uit.output
    return {"blanco": blanco, "nieuw --voorbeeld": voorbeeld, "invoer/voorbeeld.xlsx": REPO / "invoer/voorbeeld.xlsx"}


@pytest.mark.parametrize("soort", ["blanco", "nieuw --voorbeeld", "invoer/voorbeeld.xlsx"])
def test_elke_keuzelijst_biedt_wat_de_generator_leest(werkboeken, soort):
    assert afwijkingen(werkboeken[soort]) == []


def test_de_controle_vindt_een_verkeerde_lijst(werkboeken, tmp_path):
    """The check above can fail: the Status of Bijeenkomsten offering Planning's options, as the
    blank workbook did when lists were keyed by field name alone, and a Wijk dropdown on the
    Wijkcode column."""
    wb = openpyxl.load_workbook(werkboeken["blanco"])
    contract = laad_contract()
    bijeenkomsten = contract.blad_op_naam("Bijeenkomsten")
    planning_status = validatie(wb["Planning"], cel_van(wb, contract.blad_op_naam("Planning"), "Status", 2))
    status = validatie(wb["Bijeenkomsten"], cel_van(wb, bijeenkomsten, "Status", 2))
    status.formula1 = planning_status.formula1
    wijk = validatie(wb["Locaties"], cel_van(wb, contract.blad_op_naam("Locaties"), "Wijk", 2))
    wijk.formula1 = f"Wijken!$A$2:$A${MAX_RIJEN}"
    pad = tmp_path / "fout.xlsx"
    wb.save(pad)
    gevonden = afwijkingen(pad)
    assert any(r.startswith("Bijeenkomsten!") and "'Vertraagd'" in r for r in gevonden), gevonden
    assert any(r.startswith("Locaties!") and "'Wijkcode'" in r for r in gevonden), gevonden


@pytest.mark.extern
def test_ook_na_opslaan_in_libreoffice(werkboeken, tmp_path):
    """LibreOffice Calc opens the blank workbook and saves it again as .xlsx: what it writes is
    read back too, and still offers what the generator reads."""
    soffice = hulpmiddel("soffice")
    bron = tmp_path / "in" / "blanco.xlsx"
    bron.parent.mkdir()
    shutil.copy(werkboeken["blanco"], bron)
    uit = tmp_path / "uit"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profiel'}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(uit),
            str(bron),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    opgeslagen = uit / "blanco.xlsx"
    assert opgeslagen.exists(), "LibreOffice kon het werkboek niet opslaan"
    assert afwijkingen(opgeslagen) == []
    # and the generator still reads what LibreOffice wrote
    uitkomst = CliRunner().invoke(hoofd, ["controleer", str(opgeslagen)], catch_exceptions=False)
    assert "staat niet in de keuzelijst" not in uitkomst.output
    assert "Blad 'Lijsten'" not in uitkomst.output


def test_lijsten_blad_noemt_blad_en_veld(werkboeken):
    wb = openpyxl.load_workbook(werkboeken["blanco"])
    koppen = [c.value for c in wb["Lijsten"][1] if c.value]
    assert "Bijeenkomsten: Status" in koppen and "Planning: Status" in koppen and "Locaties: Soort" in koppen
    assert len(koppen) == len(set(koppen))
    # one column per distinct list: fields with the same options share it
    contract = laad_contract()
    lijsten = {v.keuzes for b in contract.bladen for v in b.velden if v.type == "keuze"}
    lijsten |= {contract.lijsten["janee"], contract.lijsten["doelgroepen"]}
    assert len(koppen) == len(lijsten)
