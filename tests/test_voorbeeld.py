"""The committed example workbook agrees, cell for cell, with the code that writes it."""

from __future__ import annotations

import openpyxl

from generator.voorbeeld import maak_voorbeeld

from .conftest import REPO


def test_voorbeeld_en_code_komen_overeen_in_elke_cel(tmp_path):
    vers = tmp_path / "vers.xlsx"
    maak_voorbeeld().save(vers)
    vast = openpyxl.load_workbook(REPO / "invoer" / "voorbeeld.xlsx")
    nieuw = openpyxl.load_workbook(vers)
    assert vast.sheetnames == nieuw.sheetnames
    verschillen = []
    for naam in nieuw.sheetnames:
        a, b = vast[naam], nieuw[naam]
        for rij in range(1, max(a.max_row, b.max_row) + 1):
            for kol in range(1, max(a.max_column, b.max_column) + 1):
                if a.cell(rij, kol).value != b.cell(rij, kol).value:
                    verschillen.append(f"{naam}!{a.cell(rij, kol).coordinate}")
    assert verschillen == [], "invoer/voorbeeld.xlsx is verouderd: draai `make voorbeeld`"
