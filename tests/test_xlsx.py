"""The workbook reader of ``hitteplan bouw`` (generator.xlsx) gives, cell for cell, what
openpyxl's read-only mode gives: on the example, on a workbook openpyxl writes with every
kind of value, and on hand-written XML with what other programs write."""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from generator.xlsx import Werkmap, XlsxFout, kolomletters, kolomnummer

from .conftest import REPO


def via_openpyxl(pad) -> dict[str, list[list[tuple[object, str]]]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about a workbook without styles
        wb = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    try:
        uit = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()
            uit[ws.title] = [[(getattr(c, "value", None), getattr(c, "number_format", None) or "General") for c in rij]
                             for rij in ws.iter_rows()]
        return uit
    finally:
        wb.close()


def via_xlsx(pad) -> dict[str, list[list[tuple[object, str]]]]:
    with Werkmap(pad) as wm:
        return {titel: [[(c.waarde, c.notatie) if c is not None else (None, "General") for c in rij]
                        for rij in wm.rijen(deel)] for titel, deel in wm.bladen}


def test_voorbeeld_cel_voor_cel_gelijk():
    verwacht = via_openpyxl(REPO / "invoer" / "voorbeeld.xlsx")
    gelezen = via_xlsx(REPO / "invoer" / "voorbeeld.xlsx")
    assert list(gelezen) == list(verwacht)
    assert gelezen == verwacht
    assert sum(1 for blad in gelezen.values() for rij in blad for w, _ in rij if w is not None) > 400


def test_elke_soort_waarde_gelijk(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Alles"
    rijen = [
        ("tekst", "Heuvelmonde", "General"),
        ("geheel", 42, "0"),
        ("kommagetal", 3.25, "0.00"),
        ("procent", 0.125, "0%"),
        ("procent met tekst", 0.5, '0.0" %"'),
        ("datum", dt.datetime(2026, 3, 2), "dd-mm-yyyy"),
        ("datum vroeg", dt.datetime(1900, 2, 1), "d-mmm-yy"),
        ("datum en tijd", dt.datetime(2026, 3, 2, 14, 30), "yyyy-mm-dd hh:mm"),
        ("tijd", dt.time(9, 30), "h:mm"),
        ("duur", dt.timedelta(hours=30, minutes=15), "[h]:mm:ss"),
        ("niet-datum met d in tekst", 7, '"dagen" 0'),
        ("waar", True, "General"),
        ("onwaar", False, "General"),
        ("fout", "#N/A", "General"),
        ("formule", "=1+1", "General"),
        ("groot", 12345678901234, "#,##0"),
        ("klein", 1.5e-7, "0.00E+00"),
        ("tekstnotatie", "0612345678", "@"),
        ("eigen notatie", 5, '[$€-413] #,##0.00'),
        ("kleur", -3, "0;[Red]-0"),
        ("spaties", "  met spaties  ", "General"),
        ("regels", "een\ntwee", "General"),
        ("escape", "a_x0008_b", "General"),
    ]
    for r, (label, waarde, notatie) in enumerate(rijen, start=1):
        ws.cell(r, 1, label)
        cel = ws.cell(r, 2, waarde)
        cel.number_format = notatie
    ws.cell(len(rijen) + 1, 2, CellRichText([TextBlock(InlineFont(b=True), "vet"), " en gewoon"]))
    ws.cell(len(rijen) + 3, 5, "na een lege rij, in kolom E")
    wb.create_sheet("Leeg")
    tweede = wb.create_sheet("Tweede blad")
    tweede["C2"] = dt.date(2027, 1, 1)
    pad = tmp_path / "alles.xlsx"
    wb.save(pad)
    assert via_xlsx(pad) == via_openpyxl(pad)
    gelezen = via_xlsx(pad)["Alles"]
    assert gelezen[5][1] == (dt.datetime(2026, 3, 2), "dd-mm-yyyy")
    assert gelezen[8][1][0] == dt.time(9, 30) and gelezen[9][1][0] == dt.timedelta(hours=30, minutes=15)
    assert gelezen[len(rijen) + 1] == [] and gelezen[len(rijen) + 2][4][0] == "na een lege rij, in kolom E"


def _werkmap(pad, blad: bytes, werkmap_extra: bytes = b"", teksten: bytes | None = None, stijlen: bytes | None = None):
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
         b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'worksheet" Target="/xl/worksheets/sheet1.xml"/>')
    if teksten is not None:
        rels += (b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 b'sharedStrings" Target="sharedStrings.xml"/>')
    if stijlen is not None:
        rels += (b'<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 b'styles" Target="styles.xml"/>')
    rels += b"</Relationships>"
    inhoud = {
        "[Content_Types].xml": (
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.worksheet+xml"/>'
            + (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
               b'officedocument.spreadsheetml.sharedStrings+xml"/>' if teksten is not None else b"")
            + (b'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
               b'spreadsheetml.styles+xml"/>' if stijlen is not None else b"")
            + b"</Types>"),
        "_rels/.rels": (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": b"<workbook " + ns + b">" + werkmap_extra +
                           b'<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": rels,
        "xl/worksheets/sheet1.xml": b"<worksheet " + ns + b"><sheetData>" + blad + b"</sheetData></worksheet>",
    }
    if teksten is not None:
        inhoud["xl/sharedStrings.xml"] = b"<sst " + ns + b">" + teksten + b"</sst>"
    if stijlen is not None:
        inhoud["xl/styles.xml"] = b"<styleSheet " + ns + b">" + stijlen + b"</styleSheet>"
    with zipfile.ZipFile(pad, "w") as z:
        for naam, data in inhoud.items():
            z.writestr(naam, data)
    return pad


def test_wat_andere_programmas_schrijven(tmp_path):
    """Inline strings, cached formula results (text, number, error), ISO dates, rows and cells
    without a reference, phonetic runs, the 1904 date system, custom formats."""
    pad = _werkmap(
        tmp_path / "anders.xlsx",
        b'<row><c t="inlineStr"><is><t>inline</t></is></c><c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>'
        b'<c t="str"><f>A1&amp;"x"</f><v>inlinex</v></c><c><f>1+1</f><v>2</v></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        b'<c><f>NOW()</f></c></row>'
        b'<row r="3"><c r="B3" t="s"><v>0</v></c><c r="D3" t="s"><v>1</v></c><c r="E3" s="1"><v>45000</v></c>'
        b'<c r="F3" s="2"><v>0.75</v></c><c r="G3" t="d"><v>2026-05-04</v></c><c r="H3" t="d"><v>2026-05-04T10:15:00</v></c>'
        b'<c r="I3" s="3"><v>0.5</v></c><c r="J3" t="b"><v>1</v></c><c r="K3"><v>1E3</v></c><c r="L3" s="1"/></row>'
        b'<row r="5" spans="1:2"/>',
        werkmap_extra=b'<workbookPr date1904="1"/>',
        teksten=b'<si><t>gedeeld</t></si><si><r><t>Heuvel</t></r><r><t>monde</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si>',
        stijlen=b'<numFmts count="1"><numFmt numFmtId="164" formatCode="d mmmm yyyy"/></numFmts>'
                b'<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="20"/><xf numFmtId="9"/></cellXfs>',
    )
    assert via_xlsx(pad) == via_openpyxl(pad)
    rijen = via_xlsx(pad)["Blad1"]
    assert [w for w, _ in rijen[0]] == ["inline", "ab", "inlinex", 2, "#DIV/0!", None]
    assert rijen[1] == [] and rijen[3] == []
    assert rijen[2][3] == ("Heuvelmonde", "General")
    assert rijen[2][4] == (dt.datetime(2027, 3, 16), "d mmmm yyyy")  # 1904 system: 45000 days after 1-1-1904
    with Werkmap(pad) as wm:
        assert wm.rijen(wm.bladen[0][1])[0][5].formule  # a formula without a cached result


def test_kapot(tmp_path):
    pad = _werkmap(tmp_path / "kapot.xlsx", b'<row><c t="s"><v>0</v></c></row>', werkmap_extra=b"<workbookPr")
    with pytest.raises(XlsxFout):
        Werkmap(pad)


@pytest.mark.parametrize(("nummer", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"), (703, "AAA"),
                                                 (16384, "XFD")])
def test_kolommen(nummer, letters):
    assert kolomletters(nummer) == letters and kolomnummer(letters) == nummer


def test_strict_open_xml_krijgt_een_eigen_zin(tmp_path):
    """Excel can save a workbook as 'Strict Open XML' (other namespaces); that is said in one
    sentence with what to do, not as sixteen missing sheets."""
    from click.testing import CliRunner

    from generator.cli import hoofd

    gewoon = _werkmap(tmp_path / "gewoon.xlsx", b'<row><c t="inlineStr"><is><t>x</t></is></c></row>')
    strikt = tmp_path / "strikt.xlsx"
    with zipfile.ZipFile(gewoon) as bron, zipfile.ZipFile(strikt, "w") as doel:
        for naam in bron.namelist():
            data = bron.read(naam)
            if naam == "xl/workbook.xml":
                data = data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                    b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            doel.writestr(naam, data)
    uit = CliRunner().invoke(hoofd, ["controleer", str(strikt)], catch_exceptions=False)
    assert uit.exit_code == 1
    assert uit.output.strip() == ("'strikt.xlsx' is opgeslagen als 'Strict Open XML-werkmap'; open het in Excel en "
                                  "kies Opslaan als > Excel-werkmap (.xlsx).")
