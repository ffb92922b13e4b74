"""The Open XML validator as the tests use it (a service per test process, see
``tests/conftest.py``) says what the command ``ooxml-validate FILE --of json`` says, also when
a document is not valid."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest

from .conftest import hulpmiddel, valideer_ooxml


@pytest.mark.extern
def test_dienst_zegt_wat_de_opdracht_zegt(voorbeeld_gebouwd, tmp_path):
    kapot = tmp_path / "kapot.docx"
    with (
        zipfile.ZipFile(voorbeeld_gebouwd.uit / "bestuurlijke-notitie.docx") as zin,
        zipfile.ZipFile(kapot, "w") as zuit,
    ):
        for lid in zin.infolist():
            data = zin.read(lid)
            if lid.filename == "word/document.xml":  # an element Word does not know, first in the body
                data = data.replace(b"<w:body>", b"<w:body><w:onbekend/>", 1)
            zuit.writestr(lid, data)
    fouten = valideer_ooxml(kapot)
    assert [f["path"]["xpath"] for f in fouten] == ["/w:document[1]/w:body[1]"], fouten
    opdracht = subprocess.run(
        [hulpmiddel("ooxml-validate"), str(kapot), "--of", "json"], capture_output=True, text=True, timeout=180
    )
    assert fouten == json.loads(opdracht.stdout)
    assert valideer_ooxml(voorbeeld_gebouwd.uit / "bestuurlijke-notitie.docx") == []  # and the service goes on


@pytest.mark.extern
def test_dienst_weigert_wat_hij_niet_kan_controleren(voorbeeld_gebouwd, tmp_path):
    """A file that is no Office file, or has no Office name, is not 'valid': the test fails,
    naming it; the service goes on with the next file."""
    zonder_naam = tmp_path / "notitie"
    zonder_naam.write_bytes((voorbeeld_gebouwd.uit / "bestuurlijke-notitie.docx").read_bytes())
    kapot = tmp_path / "kapot.docx"
    kapot.write_bytes(b"PK\x03\x04 geen zip")
    for pad in (zonder_naam, kapot):
        with pytest.raises(pytest.fail.Exception, match="kon .* niet controleren"):
            valideer_ooxml(pad)
    assert valideer_ooxml(voorbeeld_gebouwd.uit / "bestuurlijke-notitie.docx") == []
