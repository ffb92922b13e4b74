"""Raw Office XML, for what python-docx and python-pptx have no public API for.

Every use of a library's private attribute in this project is here, each with the reason
no public route exists; the rest of the code calls these functions. At an upgrade of
python-docx or python-pptx, this module is the one to read first (the tested versions are
in pyproject.toml).
"""

from __future__ import annotations

import re

from lxml import etree

TAAL = "nl-NL"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def opsommingsteken(paragraaf, inspringing_emu: int) -> None:
    """A bullet (•) with a hanging indent on a python-pptx paragraph. python-pptx has no
    bullet API, and a paragraph's XML element is only reachable as ``_p``."""
    ppr = paragraaf._p.get_or_add_pPr()  # private: no public access to a paragraph's element
    ppr.set("marL", str(inspringing_emu))
    ppr.set("indent", str(-inspringing_emu))
    for oud in ppr.findall(f"{{{_A}}}buNone"):
        ppr.remove(oud)
    etree.SubElement(ppr, f"{{{_A}}}buFont", typeface="Arial")
    etree.SubElement(ppr, f"{{{_A}}}buChar", char="•")


def alt_tekst(vorm, tekst: str) -> None:
    """The description (alt text) of a python-pptx shape: its cNvPr's ``descr``, which
    python-pptx does not expose."""
    vorm.element.xpath("./*[1]/p:cNvPr")[0].set("descr", tekst)


def grafiek_nederlands(grafiek) -> None:
    """Positive axis ids (python-pptx writes negative ones, which the schema rejects) and
    Dutch as the chart's language, on the chart's text too; python-pptx has an API for
    neither."""
    ruimte = grafiek.element  # the chart's c:chartSpace
    for element in ruimte.iter(f"{{{_C}}}axId", f"{{{_C}}}crossAx"):
        element.set("val", str(abs(int(element.get("val")))))
    taal = ruimte.find(f"{{{_C}}}lang")
    if taal is None:
        taal = etree.Element(f"{{{_C}}}lang")
        eerste = ruimte.find(f"{{{_C}}}date1904")
        if eerste is not None:
            eerste.addnext(taal)
        else:
            ruimte.insert(0, taal)
    taal.set("val", TAAL)
    for element in ruimte.iter(f"{{{_A}}}endParaRPr", f"{{{_A}}}defRPr", f"{{{_A}}}rPr"):
        element.set("lang", TAAL)


def nederlandse_standaard(naam: str, data: bytes) -> bytes:
    """Dutch as the default language in a saved deck's presentation.xml, masters, layouts
    and notes: python-pptx writes the template's (en-US) into each new notes page, and
    has no API for a package's default language."""
    if re.match(r"ppt/(presentation|slideMasters/.*|slideLayouts/.*|notesMasters/.*|notesSlides/.*)\.xml$", naam):
        return re.sub(rb'lang="[a-zA-Z-]+"', f'lang="{TAAL}"'.encode(), data)
    return data


def tabeleigenschappen(tabel):
    """A python-docx table's ``w:tblPr`` (its cell margins): python-docx exposes no table
    properties beyond style and alignment, and the element only as ``_tbl``."""
    return tabel._tbl.tblPr  # private: no public access to a table's element


def kop_of_voet(blok):
    """The XML element of a python-docx header or footer (``w:hdr``/``w:ftr``), to edit its
    text as the body's: python-docx exposes a header's paragraphs and tables, not the element
    itself (only as ``_element``)."""
    return blok._element  # private: no public access to a header's element


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def harde_streepjes(t, teken: str = "\u2011") -> None:
    """A Word text element (w:t) whose text holds ``teken`` (a non-breaking hyphen) as Word
    writes one: the text split around it, with a <w:noBreakHyphen/> in its place. Word's own
    element renders in every font (U+2011 is missing from many) and reads back as '-'."""
    stukken = (t.text or "").split(teken)
    if len(stukken) == 1:
        return
    t.text = stukken[0]
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    na = t
    for stuk in stukken[1:]:
        streepje = etree.Element(_W + "noBreakHyphen")
        na.addnext(streepje)
        na = streepje
        if stuk:
            nieuw = etree.Element(_W + "t")
            nieuw.text = stuk
            nieuw.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            na.addnext(nieuw)
            na = nieuw
