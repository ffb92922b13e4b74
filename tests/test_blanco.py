"""The blank workbook (`hitteplan nieuw`): reopened with openpyxl and asserted on."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli import hoofd
from generator.contract import laad_contract

from .conftest import valideer_ooxml


@pytest.fixture(scope="module")
def blanco(tmp_path_factory):
    pad = tmp_path_factory.mktemp("blanco") / "blanco.xlsx"
    uit = CliRunner().invoke(hoofd, ["nieuw", str(pad)], catch_exceptions=False)
    assert uit.exit_code == 0 and uit.output.strip() == f"Geschreven: {pad}"
    return pad


def _validaties(ws):
    return {str(cel): dv for dv in ws.data_validations.dataValidation for cel in dv.sqref.ranges}


def test_bladen_in_volgorde_toelichting_eerst_lijsten_verborgen(blanco):
    wb = openpyxl.load_workbook(blanco)
    contract = laad_contract()
    assert wb.sheetnames == ["Toelichting", *(b.naam for b in contract.bladen), "Lijsten"]
    assert wb["Lijsten"].sheet_state == "hidden"
    assert all(wb[n].sheet_state == "visible" for n in wb.sheetnames[:-1])
    toelichting = wb["Toelichting"]
    cellen = {c.value: c for rij in toelichting.iter_rows() for c in rij if c.value is not None}
    versie = cellen["Werkboekversie"]
    assert toelichting.cell(versie.row, versie.column + 1).value == contract.versie
    assert any("Alt+Enter" in str(w) for w in cellen)


def test_velden_bladen(blanco):
    wb = openpyxl.load_workbook(blanco)
    ws = wb["Algemeen"]
    assert [c.value for c in ws[1]] == ["Veld", "Waarde", "Toelichting"]
    assert ws.freeze_panes == "A2"
    assert ws["A2"].value == "Gemeente" and ws["A2"].font.b
    assert ws["C2"].value.startswith("Verplicht. ")
    assert ws["B2"].fill.fgColor.rgb.endswith("FCE4D6")
    assert not ws["C3"].value.startswith("Verplicht")
    assert ws["B15"].number_format == "d-m-yyyy"  # Start fase 2
    dv = _validaties(ws)
    assert dv["B12"].type == "list" and dv["B12"].formula1.startswith("Lijsten!")
    assert dv["B2"].promptTitle == "Gemeente" and "Súdwest-Fryslân" in dv["B2"].prompt
    keuzes = [c.value for c in wb["Lijsten"][dv["B12"].formula1.split("!")[1].split(":")[0].replace("$", "")[0]]][1:]
    assert keuzes[:3] == ["Gemeentebreed", "Wijkgericht", "Regionaal"]


def test_rijen_bladen(blanco):
    wb = openpyxl.load_workbook(blanco)
    contract = laad_contract()
    for blad in contract.bladen:
        if blad.soort != "rijen":
            continue
        ws = wb[blad.naam]
        assert [c.value for c in ws[1]] == [v.label for v in blad.velden]
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith(("00689E", "C55A11"))
        dv = _validaties(ws)
        for kol, veld in enumerate(blad.velden):
            letter = openpyxl.utils.get_column_letter(kol + 1)
            assert dv[f"{letter}2:{letter}500"].promptTitle == veld.label[:32]
            assert ws.column_dimensions[letter].width == veld.breedte
            if veld.type in ("keuze", "janee"):
                assert dv[f"{letter}2:{letter}500"].type == "list", (blad.naam, veld.label)
            if veld.type == "datum":
                assert ws.column_dimensions[letter].number_format == "d-m-yyyy"
            if veld.type == "geheel":
                assert ws.column_dimensions[letter].number_format == "#,##0"
    assert _validaties(wb["Afspraken"])["A2:A500"].formula1 == "'Stakeholders'!$A$2:$A$500"
    assert _validaties(wb["Locaties"])["C2:C500"].formula1 == "'Wijken'!$B$2:$B$500"


def test_weigert_te_overschrijven(blanco):
    voor = blanco.read_bytes()
    uit = CliRunner().invoke(hoofd, ["nieuw", str(blanco)], catch_exceptions=False)
    assert uit.exit_code == 1
    assert uit.output.strip() == f"'{blanco}' bestaat al; kies een andere naam of gebruik --overschrijven."
    assert blanco.read_bytes() == voor
    uit = CliRunner().invoke(hoofd, ["nieuw", str(blanco), "--overschrijven"], catch_exceptions=False)
    assert uit.exit_code == 0


def test_alleen_xlsx(tmp_path):
    uit = CliRunner().invoke(hoofd, ["nieuw", str(tmp_path / "werkboek.xls")], catch_exceptions=False)
    assert uit.exit_code == 1
    assert "moet eindigen op .xlsx" in uit.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.extern
def test_open_xml_geldig(blanco):
    assert valideer_ooxml(blanco) == []
