"""The workbook file (generator.bestand): refused before parsing when it is hostile, read with
openpyxl with the cell's type where it matters: error values, formulas whose cached value is
missing or untrusted, and limits that hold before anything is allocated."""

from __future__ import annotations

import datetime as dt
import tracemalloc
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from generator.bestand import Werkmap
from generator.cli import hoofd
from generator.fouten import BestandFout


def controleer(pad):
    return CliRunner().invoke(hoofd, ["controleer", str(pad)], catch_exceptions=False)


def _werkmap(pad, blad: bytes, werkmap_extra: bytes = b"", teksten: bytes | None = None, stijlen: bytes | None = None):
    ns = (
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    )
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'worksheet" Target="/xl/worksheets/sheet1.xml"/>'
    )
    if teksten is not None:
        rels += (
            b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'sharedStrings" Target="sharedStrings.xml"/>'
        )
    if stijlen is not None:
        rels += (
            b'<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'styles" Target="styles.xml"/>'
        )
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
            + (
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.spreadsheetml.sharedStrings+xml"/>'
                if teksten is not None
                else b""
            )
            + (
                b'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                b'spreadsheetml.styles+xml"/>'
                if stijlen is not None
                else b""
            )
            + b"</Types>"
        ),
        "_rels/.rels": (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": b"<workbook "
        + ns
        + b">"
        + werkmap_extra
        + b'<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
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


def test_elke_soort_waarde_zoals_openpyxl_hem_geeft(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Alles"
    rijen = [
        ("tekst", "Heuvelmonde", "General"),
        ("geheel", 42, "0"),
        ("procent", 0.125, "0%"),
        ("datum", dt.datetime(2026, 3, 2), "dd-mm-yyyy"),
        ("tijd", dt.time(9, 30), "h:mm"),
        ("waar", True, "General"),
        ("formule", "=1+1", "General"),
    ]
    for r, (label, waarde, notatie) in enumerate(rijen, start=1):
        ws.cell(r, 1, label)
        ws.cell(r, 2, waarde).number_format = notatie
    ws.cell(len(rijen) + 3, 5, "na een lege rij, in kolom E")
    pad = tmp_path / "alles.xlsx"
    wb.save(pad)
    with Werkmap(pad) as wm:
        assert wm.bladen == ["Alles"]
        gelezen = wm.rijen("Alles")
    assert [c.waarde for c in gelezen[0]] == ["tekst", "Heuvelmonde"]
    assert (gelezen[2][1].waarde, gelezen[2][1].notatie) == (0.125, "0%")
    assert gelezen[3][1].waarde == dt.datetime(2026, 3, 2) and gelezen[4][1].waarde == dt.time(9, 30)
    assert gelezen[5][1].waarde is True
    # openpyxl stores a formula without its result: the cell says so
    assert (gelezen[6][1].waarde, gelezen[6][1].soort, gelezen[6][1].coord) == (None, "formule", "B7")
    assert gelezen[len(rijen)] == [] and gelezen[len(rijen) + 2][4].waarde == "na een lege rij, in kolom E"
    assert gelezen[len(rijen) + 2][:4] == [None] * 4  # empty cells take no object


def test_wat_andere_programmas_schrijven(tmp_path):
    """Inline strings, cached formula results (text, number, error), ISO dates, rows and cells
    without a reference."""
    pad = _werkmap(
        tmp_path / "anders.xlsx",
        b'<row><c t="inlineStr"><is><t>inline</t></is></c><c t="str"><f>A1&amp;"x"</f><v>inlinex</v></c>'
        b'<c><f>1+1</f><v>2</v></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c><c t="e"><v>#N/A</v></c>'
        b"<c><f>NOW()</f></c></row>"
        b'<row r="3"><c r="B3" t="s"><v>0</v></c><c r="D3" t="b"><v>1</v></c></row>',
        teksten=b"<si><t>gedeeld</t></si>",
    )
    with Werkmap(pad) as wm:
        rijen = wm.rijen("Blad1")
    assert [(c.waarde, c.soort) if c else None for c in rijen[0]] == [
        ("inline", None),
        ("inlinex", None),
        (2, None),
        ("#DIV/0!", "fout"),
        ("#N/A", "fout"),
        (None, "formule"),
    ]
    assert rijen[1] == []
    assert [c.waarde if c else None for c in rijen[2]] == [None, "gedeeld", None, True]


def test_formules_van_een_programma_dat_niet_rekent(tmp_path):
    """A writer that does not calculate (xlsxwriter) stores 0 as a formula's result and asks
    Excel to calculate on opening: that 0 is not the value."""
    pad = _werkmap(
        tmp_path / "xlsxwriter.xlsx",
        b"<row><c><v>5</v></c><c><f>A1*2</f><v>0</v></c></row>",
        werkmap_extra=b'<calcPr fullCalcOnLoad="1"/>',
    )
    with Werkmap(pad) as wm:
        rij = wm.rijen("Blad1")[0]
    assert [(c.waarde, c.soort) for c in rij] == [(5, None), (0, "formule")]


def test_formule_ook_met_een_voorvoegsel_of_als_enige_van_de_werkmap(tmp_path):
    """The second reading (which cells hold a formula) happens only for a sheet whose XML has
    a formula: also one whose writer prefixes the namespace (<x:f>), or the one sheet of many
    that has one."""
    pad = _werkmap(tmp_path / "x.xlsx", b"")
    ns = b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    blad = (
        b"<x:worksheet " + ns + b'><x:sheetData><x:row r="1"><x:c r="A1"><x:v>5</x:v></x:c>'
        b'<x:c r="B1"><x:f>A1*2</x:f></x:c></x:row></x:sheetData></x:worksheet>'
    )
    with zipfile.ZipFile(pad) as z:
        leden = {n: z.read(n) for n in z.namelist()}
    leden["xl/worksheets/sheet1.xml"] = blad
    with zipfile.ZipFile(pad, "w") as z:
        for naam, data in leden.items():
            z.writestr(naam, data)
    with Werkmap(pad) as wm:
        assert [(c.waarde, c.soort, c.coord) for c in wm.rijen("Blad1")[0]] == [
            (5, None, "A1"),
            (None, "formule", "B1"),
        ]

    # a formula whose tag is cut in two by the pieces the sheet is read in (256 KB)
    voor = b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
    for over in (-2, -1):
        kop = len(b"<worksheet ") + len(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ')
        kop += len(b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>')
        tussen = b'</t></is></c><c r="B1">'
        vul = 256 * 1024 + 4 + over - kop - len(voor) - len(tussen)
        gesplitst = _werkmap(tmp_path / f"gesplitst{over}.xlsx", voor + b"x" * vul + tussen + b"<f>1+1</f></c></row>")
        with zipfile.ZipFile(gesplitst) as z:
            assert z.read("xl/worksheets/sheet1.xml").index(b"<f>") == 256 * 1024 + 4 + over
        with Werkmap(gesplitst) as wm:
            assert wm.rijen("Blad1")[0][1].soort == "formule"

    zonder = _werkmap(
        tmp_path / "zonder.xlsx", b'<row r="1"><c r="A1"><v>5</v></c><c r="B1" t="str"><v>=A1</v></c></row>'
    )
    with Werkmap(zonder) as wm:
        assert [(c.waarde, c.soort) for c in wm.rijen("Blad1")[0]] == [(5, None), ("=A1", None)]


def _herschreven(pad, leden: dict[str, bytes]):
    """The package at ``pad`` with some parts replaced or added."""
    with zipfile.ZipFile(pad) as z:
        inhoud = {n: z.read(n) for n in z.namelist()}
    inhoud.update(leden)
    with zipfile.ZipFile(pad, "w") as z:
        for naam, data in inhoud.items():
            z.writestr(naam, data)
    return pad


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_FORMULE_B1 = '<row r="1"><c r="B1"><f>1+1</f></c></row>'


@pytest.mark.parametrize(
    "blad",
    [
        f'<é:worksheet xmlns:é="{_MAIN}"><é:sheetData>{_FORMULE_B1.replace("<", "<é:").replace("<é:/", "</é:")}'
        "</é:sheetData></é:worksheet>".encode(),
        f'<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="{_MAIN}"><sheetData>{_FORMULE_B1}</sheetData>'
        "</worksheet>".encode("utf-16"),
    ],
    ids=["voorvoegsel-met-accent", "utf-16"],
)
def test_formule_in_elke_schrijfwijze_van_het_blad(tmp_path, blad):
    pad = _herschreven(_werkmap(tmp_path / "x.xlsx", b""), {"xl/worksheets/sheet1.xml": blad})
    with Werkmap(pad) as wm:
        assert [c.soort if c else None for c in wm.rijen("Blad1")[0]] == [None, "formule"]


def test_tweede_lezing_alleen_bij_een_formule_en_in_het_blad_dat_openpyxl_leest(tmp_path):
    """Without a formula the workbook is opened once; with two sheets of the same name (the
    first with a formula) the formula is seen, as openpyxl reads the first."""
    with Werkmap(_werkmap(tmp_path / "zonder.xlsx", b'<row r="1"><c r="A1"><v>5</v></c></row>')) as wm:
        wm.rijen("Blad1")
        assert wm._formules is None
    with Werkmap(_werkmap(tmp_path / "met.xlsx", _FORMULE_B1.encode())) as wm:
        wm.rijen("Blad1")
        assert wm._formules is not None
    pad = _werkmap(tmp_path / "dubbel.xlsx", _FORMULE_B1.encode())
    with zipfile.ZipFile(pad) as z:
        boek, relaties = z.read("xl/workbook.xml"), z.read("xl/_rels/workbook.xml.rels")
    _herschreven(
        pad,
        {
            "xl/workbook.xml": boek.replace(b"</sheets>", b'<sheet name="Blad1" sheetId="2" r:id="rId9"/></sheets>'),
            "xl/_rels/workbook.xml.rels": relaties.replace(
                b"</Relationships>",
                b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                b'worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
            ),
            "xl/worksheets/sheet2.xml": f'<worksheet xmlns="{_MAIN}"><sheetData/></worksheet>'.encode(),
        },
    )
    with Werkmap(pad) as wm:
        assert [c.soort if c else None for c in wm.rijen(wm.bladen[0])[0]] == [None, "formule"]


def test_formule_voor_de_gemeente_geeft_een_fout_met_de_cel(maak_werkboek, tmp_path):
    """The xlsxwriter case end to end: Gemeente is a formula whose stored result is 0 in a
    workbook that asks to be calculated on opening; the memo would be about '0'."""

    def formule(wb):
        wb["Algemeen"]["B2"] = '="Heuvel"&"monde"'

    pad = maak_werkboek(wijzig=formule)
    with zipfile.ZipFile(pad) as bron:
        delen = {n: bron.read(n) for n in bron.namelist()}
    for naam, data in delen.items():  # what xlsxwriter writes: a placeholder result
        if naam.startswith("xl/worksheets/"):
            delen[naam] = data.replace(b"</f></c>", b"</f><v>0</v></c>")
    assert b'fullCalcOnLoad="1"' in delen["xl/workbook.xml"]
    nieuw = tmp_path / "formule.xlsx"
    with zipfile.ZipFile(nieuw, "w") as doel:
        for naam, data in delen.items():
            doel.writestr(naam, data)
    for werkboek in (pad, nieuw):  # no result stored, and an untrusted result
        uit = controleer(werkboek)
        assert uit.exit_code == 1
        assert (
            "Fout: Blad 'Algemeen', cel B2: bevat een formule waarvan de uitkomst niet is opgeslagen; open het "
            "werkboek in Excel of LibreOffice en sla het opnieuw op"
        ) in uit.output.splitlines()


def test_excel_foutwaarde_in_een_tekstveld(maak_werkboek):
    def na(wb):
        wb["Notitie"]["B4"] = "#N/A"
        wb["Notitie"]["B4"].data_type = "e"

    uit = controleer(maak_werkboek(wijzig=na))
    assert uit.exit_code == 1
    assert (
        "Fout: Blad 'Notitie', cel B4: bevat de Excel-foutwaarde #N/A; vul hier een gewone waarde in of herstel "
        "de formule"
    ) in uit.output.splitlines()


def test_absurd_rijnummer_geweigerd_zonder_geheugen_te_vullen(tmp_path):
    """<row r="20000000"> in a 35 KB workbook: refused after at most the limit of rows (grenzen.rijen)."""
    pad = _werkmap(
        tmp_path / "rij.xlsx",
        b'<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row>'
        b'<row r="20000000"><c r="XFD20000000" t="inlineStr"><is><t>b</t></is></c></row>',
    )
    tracemalloc.start()
    try:
        with Werkmap(pad) as wm, pytest.raises(BestandFout, match="loopt door tot voorbij rij 20.000"):
            wm.rijen("Blad1")
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert piek < 100 * 1024 * 1024


def test_doctype_achter_een_lang_commentaar(tmp_path):
    pad = _werkmap(tmp_path / "dtd.xlsx", b'<row><c t="inlineStr"><is><t>x</t></is></c></row>')
    with zipfile.ZipFile(pad) as bron:
        delen = {n: bron.read(n) for n in bron.namelist()}
    delen["xl/workbook.xml"] = (
        b'<?xml version="1.0"?><!--'
        + b"x" * 5000
        + b'--><!DOCTYPE workbook [<!ENTITY a "b">]>'
        + delen["xl/workbook.xml"]
    )
    with zipfile.ZipFile(pad, "w") as doel:
        for n, d in delen.items():
            doel.writestr(n, d)
    uit = controleer(pad)
    assert uit.exit_code == 1
    assert uit.output.strip() == (
        "'dtd.xlsx' bevat XML met een eigen DTD of entiteiten (xl/workbook.xml); zo'n bestand "
        "kan schadelijk zijn en wordt niet gelezen. Sla het opnieuw op in Excel."
    )


def test_kapot(tmp_path):
    pad = _werkmap(tmp_path / "kapot.xlsx", b'<row><c t="s"><v>0</v></c></row>', werkmap_extra=b"<workbookPr")
    uit = controleer(pad)
    assert (uit.exit_code, uit.output.strip()) == (
        1,
        "'kapot.xlsx' is beschadigd en kan niet als Excel-werkboek worden gelezen.",
    )


def test_twee_bladen_met_bijna_dezelfde_naam(maak_werkboek):
    def dubbel(wb):
        kopie = wb.copy_worksheet(wb["Algemeen"])
        kopie.title = "Algemeen "
        kopie["B2"] = "Andere gemeente"

    uit = controleer(maak_werkboek(wijzig=dubbel))
    assert uit.exit_code == 1
    assert (
        "Fout: Blad 'Algemeen ': het werkboek heeft twee bladen met bijna dezelfde naam ('Algemeen' en "
        "'Algemeen '); verwijder of hernoem er één"
    ) in uit.output.splitlines()


def test_strict_open_xml_krijgt_een_eigen_zin(tmp_path):
    """Excel can save a workbook as 'Strict Open XML' (other namespaces); that is said in one
    sentence with what to do, not as sixteen missing sheets."""
    gewoon = _werkmap(tmp_path / "gewoon.xlsx", b'<row><c t="inlineStr"><is><t>x</t></is></c></row>')
    strikt = tmp_path / "strikt.xlsx"
    with zipfile.ZipFile(gewoon) as bron, zipfile.ZipFile(strikt, "w") as doel:
        for naam in bron.namelist():
            data = bron.read(naam)
            if naam == "xl/workbook.xml":
                data = data.replace(
                    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                )
            doel.writestr(naam, data)
    uit = CliRunner().invoke(hoofd, ["controleer", str(strikt)], catch_exceptions=False)
    assert uit.exit_code == 1
    assert uit.output.strip() == (
        "'strikt.xlsx' is opgeslagen als 'Strict Open XML-werkmap'; open het in Excel en "
        "kies Opslaan als > Excel-werkmap (.xlsx)."
    )


def test_rijen_voorbij_de_opgegeven_omvang_worden_gelezen(maak_werkboek, tmp_path):
    """A sheet that claims (<dimension>) to end at row 21 but holds row 22: row 22 is read, as
    Excel and LibreOffice read it."""
    import re

    pad = maak_werkboek()
    with zipfile.ZipFile(pad) as bron:
        delen = {n: bron.read(n) for n in bron.namelist()}
    blad = next(
        n
        for n, d in delen.items()
        if n.startswith("xl/worksheets/")
        and b"Radio Heuvelmonde" in d
        or n.startswith("xl/worksheets/")
        and b"Radio" in d
    )
    delen[blad] = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:K21"/>', delen[blad])
    nieuw = tmp_path / "dimensie.xlsx"
    with zipfile.ZipFile(nieuw, "w") as doel:
        for n, d in delen.items():
            doel.writestr(n, d)
    from generator.lezer import lees_werkboek

    wb, _ = lees_werkboek(nieuw)
    assert wb.stakeholders[-1].organisatie == "Radio Heuvelmonde"


def test_te_veel_bladen(tmp_path):
    bladen = b"".join(b'<sheet name="B%d" sheetId="%d" r:id="rId1"/>' % (i, i) for i in range(1, 300))
    pad = _werkmap(tmp_path / "bladen.xlsx", b"")
    with zipfile.ZipFile(pad) as bron:
        delen = {n: bron.read(n) for n in bron.namelist()}
    delen["xl/workbook.xml"] = delen["xl/workbook.xml"].replace(b"<sheets>", b"<sheets>" + bladen)
    with zipfile.ZipFile(pad, "w") as doel:
        for n, d in delen.items():
            doel.writestr(n, d)
    uit = controleer(pad)
    assert (uit.exit_code, uit.output.strip()) == (
        1,
        "'bladen.xlsx' heeft meer dan 250 bladen; zo'n werkboek wordt niet gelezen.",
    )


def test_beschadigde_cel_noemt_de_rij(tmp_path):
    pad = _werkmap(
        tmp_path / "kapot.xlsx",
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2" t="s"><v>7</v></c></row>',
        teksten=b"<si><t>x</t></si>",
    )
    with (
        Werkmap(pad) as wm,
        pytest.raises(
            BestandFout,
            match=r"Blad 'Blad1' is beschadigd en kan niet worden gelezen "
            r"\(rond rij 2\)",
        ),
    ):
        wm.rijen("Blad1")


def test_lange_naam_of_lus(tmp_path, voorbeeld):
    lang = "a" * 300
    uit = controleer(tmp_path / f"{lang}.xlsx")
    assert (uit.exit_code, uit.output.strip()) == (
        1,
        f"'{tmp_path / lang}.xlsx' kan niet worden gelezen: de naam is te lang.",
    )
    bouw = CliRunner().invoke(hoofd, ["bouw", str(voorbeeld), "-o", str(tmp_path / lang)], catch_exceptions=False)
    assert (bouw.exit_code, bouw.output.strip()) == (
        1,
        f"'{tmp_path / lang}' kan niet worden gebruikt: de naam is te lang.",
    )
    bouw = CliRunner().invoke(
        hoofd, ["bouw", str(voorbeeld), "--sjablonen", str(tmp_path / lang)], catch_exceptions=False
    )
    assert (bouw.exit_code, bouw.output.strip()) == (
        1,
        f"'{tmp_path / lang}' kan niet worden gebruikt: de naam is te lang.",
    )


def test_openpyxl_leest_met_defusedxml():
    """defusedxml is a dependency because openpyxl then parses every part with it (entity
    expansion refused): the README says so, this keeps it true."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


# -- what a trekker cannot see (issue 24, 4 and 5) -----------------------------------------------
def test_bladen_die_er_hetzelfde_uitzien(maak_werkboek):
    """A hidden 'Algemeen' was used while the visible look-alike 'Аlgemeen' (Cyrillic А) that
    the trekker edits was ignored: an error naming both."""

    def dubbel(wb):
        wb["Algemeen"].sheet_state = "hidden"
        kopie = wb.copy_worksheet(wb["Algemeen"])
        kopie.title = "\u0410lgemeen"
        kopie.sheet_state = "visible"
        kopie["B2"] = "Andere gemeente"

    uit = controleer(maak_werkboek(wijzig=dubbel))
    assert uit.exit_code == 1
    assert (
        "Fout: Blad '\u0410lgemeen': het werkboek heeft twee bladen met namen die er hetzelfde uitzien "
        "('Algemeen' en '\u0410lgemeen'; een letter uit een ander schrift of een onzichtbaar teken); verwijder of "
        "hernoem er één"
    ) in uit.output.splitlines()


def test_verborgen_rij_kolom_en_blad_met_inhoud(maak_werkboek, gegevens):
    """A hidden row of Stakeholders still got an invitation without a word: now a warning
    naming sheet and row (and the same for a hidden column and a hidden sheet)."""

    def verberg(wb):
        wb["Stakeholders"].row_dimensions[3].hidden = True
        wb["Stakeholders"].row_dimensions[40].hidden = True  # empty: no warning
        wb["Stakeholders"].column_dimensions["K"].hidden = True
        wb["Wijken"].sheet_state = "hidden"

    pad = maak_werkboek(wijzig=verberg)
    wb = openpyxl.load_workbook(pad)
    eerste = wb["Stakeholders"]["A3"].value
    kolom_k = next(c.coordinate for c in wb["Stakeholders"]["K"] if c.value is not None)
    uit = controleer(pad)
    regels = uit.output.splitlines()
    assert (
        "Waarschuwing: Blad 'Stakeholders', cel A3: rij 3 is verborgen maar niet leeg; de generator leest die "
        "gegevens wel. Maak ze zichtbaar (rechtsklik > Zichtbaar maken) of verwijder ze" in regels
    ), uit.output
    assert (
        f"Waarschuwing: Blad 'Stakeholders', cel {kolom_k}: kolom K is verborgen maar niet leeg; de generator "
        "leest die gegevens wel. Maak ze zichtbaar (rechtsklik > Zichtbaar maken) of verwijder ze" in regels
    )
    assert (
        "Waarschuwing: Blad 'Wijken': het blad is verborgen in Excel; de generator leest die gegevens wel. "
        "Maak ze zichtbaar (rechtsklik > Zichtbaar maken) of verwijder ze" in regels
    )
    assert not any("rij 40" in r for r in regels)
    assert eerste


def test_richtingstekens_weggelaten(maak_werkboek, gegevens, tmp_path):
    """The right-to-left mark U+200F made '0123-456 999' print as '456-0123 999' in the
    contact list; it is stripped with the other invisible marks (also U+200E, U+061C and the
    tag characters), with a warning at the cell."""
    from generator.lezer import lees

    gegevens["Stakeholders"][0]["Telefoon"] = "\u200f0123\u200f-\u200f456\u200f 999"
    gegevens["Stakeholders"][1]["Telefoon"] = "\u200e\u061c0123-456\U000e0041\U000e0042 777"
    pad = maak_werkboek(gegevens)
    werkboek, meldingen = lees(pad)
    telefoons = [s.telefoon for s in werkboek.stakeholders][:2]
    assert telefoons == ["0123-456 999", "0123-456 777"]
    assert sum("onzichtbare stuurtekens" in m.tekst for m in meldingen) == 2
