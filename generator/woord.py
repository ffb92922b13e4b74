"""Rendering a Word template with docxtpl, and finishing the document for bestuurders:
Dutch as the default language, the house colour, alt text, properties, stable bytes.

Shared by every Word document the project makes (memo, canvas, letters).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
from pathlib import Path
from typing import ClassVar

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate

from generator import meten, rauw
from generator.beeld import op_maat
from generator.bewaking import binnen_de_tijd
from generator.fouten import SjabloonFout
from generator.model import Werkboek
from generator.sjabloon import controleer_omvang, render_tekst, vertaal_fout
from generator.vastezip import bewaar
from generator.zandbak import omgeving

TAAL = "nl-NL"


def basiscontext(wb: Werkboek) -> dict:
    """The names every template may use."""
    return {"wb": wb, "alg": wb.algemeen, "notitie": wb.notitie, "ambitie": wb.ambitie}


class _Sjabloon(DocxTemplate):
    """docxtpl's DocxTemplate that remembers which part it is rendering, so that an error
    points at the right place (the text, a header or footer, the properties)."""

    deel = "tekst"

    def build_xml(self, context, jinja_env=None):
        self.deel = "tekst"
        return super().build_xml(context, jinja_env)

    def build_headers_footers_xml(self, context, uri, jinja_env=None):
        self.deel = "kop- of voettekst"
        return super().build_headers_footers_xml(context, uri, jinja_env)

    def render_properties(self, context, jinja_env=None):
        self.deel = "documenteigenschappen (titel, onderwerp)"
        return super().render_properties(context, jinja_env)

    def render_footnotes(self, context, jinja_env=None):
        self.deel = "voetnoten"
        return super().render_footnotes(context, jinja_env)

    # docxtpl's clean-up of a part's XML for Jinja depends on the XML alone: done once per
    # distinct part in a run, not again for every letter (a fifth of a letter's time)
    _opgeschoond: ClassVar[dict[str, str]] = {}

    def patch_xml(self, src_xml):
        if src_xml not in self._opgeschoond:
            if len(self._opgeschoond) > 64:
                self._opgeschoond.clear()
            self._opgeschoond[src_xml] = super().patch_xml(src_xml)
        return self._opgeschoond[src_xml]


_VOORBEREID: dict[tuple, bytes] = {}  # template file, its version and the house colour -> the prepared template


def _voorbereid(pad: Path, kleur: str | None) -> bytes:
    """The template ``pad`` with its styles finished (Dutch, house colour) and without the
    parts a generated document must not carry, as bytes: prepared once per run, so that
    every letter opens a fresh template object from memory."""
    sleutel = (str(pad), pad.stat().st_mtime_ns, kleur)
    if sleutel not in _VOORBEREID:
        try:
            doc = Document(str(pad))
        except Exception as err:  # python-docx raises several kinds for a file that is no .docx
            raise SjabloonFout(f"Sjabloon '{pad.name}' is geen geldig Word-bestand (.docx).") from err
        _zonder_overbodige_delen(doc)
        _stijlen(doc, kleur)
        buffer = io.BytesIO()
        doc.save(buffer)
        if len(_VOORBEREID) > 8:
            _VOORBEREID.clear()
        _VOORBEREID[sleutel] = buffer.getvalue()
    return _VOORBEREID[sleutel]


def _open_sjabloon(pad: Path, kleur: str | None = None) -> _Sjabloon:
    """A fresh DocxTemplate of ``pad``, prepared (see :func:`_voorbereid`)."""
    tpl = _Sjabloon(io.BytesIO(_voorbereid(pad, kleur)))
    tpl.init_docx()
    return tpl


def _zonder_overbodige_delen(doc) -> None:
    """Leave out what a template may carry but a generated document must not: the thumbnail
    (a picture of the template, tags and all, that Explorer would show as the document's
    preview) and Word 2010's second copy of the styles (stylesWithEffects, up to half a MB
    that every document of a run would parse, write and compress again)."""
    for relaties in (doc.part.package.rels, doc.part.rels):
        for rid, relatie in list(relaties.items()):
            if relatie.reltype.endswith(("/metadata/thumbnail", "/stylesWithEffects")):
                del relaties[rid]


def _bron_xml(tpl) -> str | None:
    """The body XML as docxtpl renders it, one paragraph per line, for quoting in errors."""
    try:
        xml = tpl.patch_xml(tpl.get_xml())
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
    except Exception:  # only used to improve a message
        return None


def afbeeldingen(wb: Werkboek, sjablonen, *namen: str) -> dict[str, tuple[str | None, float, str]]:
    """Context name -> (image file or None, width in mm, alt text), from afbeeldingen.toml."""
    instellingen = sjablonen.teksten("afbeeldingen.toml")
    uit = {}
    for naam in namen:
        bestand = getattr(wb.algemeen, naam)
        breedte = instellingen.getal(f"{naam}.breedte_mm", 50)
        if not 5 <= breedte <= 400:
            raise SjabloonFout(
                f"Sjabloon 'afbeeldingen.toml': '{naam}.breedte_mm' moet tussen 5 en 400 (millimeter) liggen."
            )
        alt = (
            render_tekst(
                "afbeeldingen.toml", f"alt van {naam}", instellingen.waarde(f"{naam}.alt", str, ""), basiscontext(wb)
            )
            if bestand
            else ""
        )
        uit[naam] = (bestand, breedte, alt)
    return uit


def _alle_alineas(doc):
    """Every paragraph of a document: the body (tables included), headers and footers. The
    body is walked in its XML: docxtpl replaces the body element when it renders, and a
    Document keeps the one it saw first."""

    def in_blok(blok):
        yield from blok.paragraphs
        for tabel in blok.tables:
            for rij in tabel.rows:
                for cel in rij.cells:
                    yield from in_blok(cel)

    for p in doc.element.body.iter(qn("w:p")):
        yield Paragraph(p, doc)
    for sectie in doc.sections:
        for blok in (
            sectie.header,
            sectie.footer,
            sectie.first_page_header,
            sectie.first_page_footer,
            sectie.even_page_header,
            sectie.even_page_footer,
        ):
            if not blok.is_linked_to_previous:
                yield from in_blok(blok)


def _plaats_afbeeldingen(doc, beelden: dict[str, tuple[str, float]]) -> None:
    """Put each picture where the template wrote its token: a template receives a plain text
    for a picture, never an object (see :func:`render_docx`). A picture much larger than its
    printed width needs is scaled down first (:func:`generator.beeld.op_maat`)."""
    for alinea in _alle_alineas(doc):
        for run in alinea.runs:
            for token, (bestand, breedte) in beelden.items():
                if token in run.text:
                    run.text = run.text.replace(token, "")
                    run.add_picture(io.BytesIO(op_maat(bestand, breedte)), width=Mm(breedte))
                    for naam in run.element.iter(qn("pic:cNvPr")):  # the file's name, as from a path: its alt text
                        naam.set("name", Path(bestand).name)


def render_docx(
    pad: Path,
    wb: Werkboek,
    context: dict,
    afbeeldingen: dict | None = None,
    datum: dt.date | None = None,
    nabewerking=None,
) -> bytes:
    """Render ``pad`` with the model and ``context``; ``afbeeldingen`` maps a context name to
    (image path or None, width in mm, alt text); ``nabewerking`` gets the rendered python-docx
    Document before it is finished and saved. Every document renders from a fresh template
    object.

    A template gets data only: for a picture a plain text (a token with a random part no
    workbook can guess), which is replaced by the picture after rendering."""
    kleur = wb.algemeen.huisstijlkleur
    tpl = _open_sjabloon(pad, kleur)
    volledig = {**basiscontext(wb), **context}
    alt: dict[str, str] = {}
    tokens: dict[str, tuple[str, float]] = {}
    geheim = secrets.token_hex(8)
    for naam, (bestand, breedte, beschrijving) in (afbeeldingen or {}).items():
        volledig[naam] = None
        if bestand:
            volledig[naam] = f"hitteplan-afbeelding-{geheim}-{naam}"
            tokens[volledig[naam]] = (bestand, breedte)
            alt[Path(bestand).name] = beschrijving
    try:
        with binnen_de_tijd(pad.name):
            tpl.render(volledig, omgeving(), autoescape=True)
    except (SjabloonFout, KeyboardInterrupt):
        raise
    except Exception as err:  # whatever a template does wrong gets a sentence naming it and the paragraph
        if tpl.deel != "tekst":  # the body's paragraphs would be the wrong ones to quote
            raise vertaal_fout(pad.name, err, None, waar=f"in de {tpl.deel}") from err
        raise vertaal_fout(pad.name, err, _bron_xml(_open_sjabloon(pad, kleur))) from err
    doc = tpl.docx
    _plaats_afbeeldingen(doc, tokens)
    if nabewerking is not None:
        nabewerking(doc)
    afwerken(doc, wb, alt, datum)
    return controleer_omvang(bewaar(doc.save), pad.name)


STANDAARDKLEUR = "00689E"  # the house colour the templates are drawn in


def huisstijl_in_tabellen(kleur: str | None):
    """A finishing step: table cells shaded in the templates' standard colour (header rows)
    get the house colour instead."""

    def nabewerking(doc) -> None:
        if not kleur:
            return
        for shd in doc.element.body.iter(qn("w:shd")):
            if (shd.get(qn("w:fill")) or "").upper() == STANDAARDKLEUR:
                shd.set(qn("w:fill"), kleur.lstrip("#").upper())

    return nabewerking


CELMARGE_PT = 2 * 5.4  # Word's default cell margins, left and right (108 twips each)


def kolommen_op_maat(doc) -> None:
    """Column widths from the measured content of each table, so that a word never breaks
    when its column could hold it: every column at least as wide as its longest word (at
    the cell's font size, bold in the header row), the rest of the table's width shared in
    proportion to how much text each column holds. A table keeps its total width."""
    standaard = (doc.styles["Normal"].font.size or Pt(10)).pt
    for tabel in doc.tables:
        kolommen = len(tabel.columns)
        breedtes = [k.width.pt if k.width is not None else 0 for k in tabel.columns]
        totaal = sum(breedtes)
        if kolommen < 2 or not totaal:
            continue
        minimum = [0.0] * kolommen
        gewicht = [1.0] * kolommen
        rijen = [rij.cells for rij in tabel.rows]  # python-docx works out a row's cells anew on every call
        for r, cellen in enumerate(rijen):
            for k, cel in enumerate(cellen):
                if cel.grid_span > 1 or k >= kolommen:
                    continue  # a cell over several columns (a heading row) asks nothing of one column
                woorden = cel.text.split()
                if woorden:
                    alinea = cel.paragraphs[0]
                    grootte = next((run.font.size.pt for run in alinea.runs if run.font.size), None)
                    if grootte is None:
                        maat = alinea.style.font.size
                        grootte = maat.pt if maat else standaard
                    maten = [meten.breedte(w, grootte, vet=r == 0) for w in woorden]
                    minimum[k] = max(minimum[k], max(maten) + CELMARGE_PT + 1)
                    gewicht[k] += sum(maten)
        nodig = sum(minimum)
        if nodig >= totaal:
            nieuw = [m * totaal / nodig for m in minimum]
        else:
            over = totaal - nodig
            nieuw = [m + over * g / sum(gewicht) for m, g in zip(minimum, gewicht, strict=True)]
        for k, breedte in enumerate(nieuw):
            tabel.columns[k].width = Pt(round(breedte, 1))
        for cellen in rijen:
            for k, cel in enumerate(cellen):
                if k < kolommen and cel.grid_span == 1:
                    cel.width = Pt(round(nieuw[k], 1))


def _stijlen(doc, kleur: str | None) -> None:
    """Dutch as the default language of a python-docx Document's styles; the house colour on
    its title and headings."""
    # Dutch as the default run language (styles' docDefaults), and on any style that sets one
    stijlen = doc.styles.element
    defaults = stijlen.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), TAAL)
    lang.set(qn("w:eastAsia"), TAAL)
    for element in stijlen.iter(qn("w:lang")):
        element.set(qn("w:val"), TAAL)
    instellingen = doc.settings.element.find(qn("w:themeFontLang"))
    if instellingen is not None:
        instellingen.set(qn("w:val"), TAAL)

    if kleur:
        kleurbaar = {"Title", "Heading 1", "Heading 2", "Heading 3", "Bloktitel"}  # Bloktitel: the canvas's blocks
        for stijl in doc.styles:
            if stijl.name in kleurbaar:
                stijl.font.color.rgb = RGBColor.from_string(kleur.lstrip("#"))


HARDE_SPATIE, HARD_STREEPJE = "\u00a0", "\u2011"
_S_STREEPJE = re.compile(r"(?<!\w)(['’][st])([- ])(?=\w)")  # 's-Hertogenbosch, 't Zandt


def telefoonnummers(wb: Werkboek) -> set[str]:
    """Every telephone number the workbook holds."""
    return {t for t in (wb.algemeen.telefoon_trekker, *(s.telefoon for s in wb.stakeholders)) if t}


def onbreekbaar(doc, wb: Werkboek) -> None:
    """No line break inside a telephone number or after the 's- of a place name: their spaces
    and hyphens become non-breaking ones, in every text of the document (its XML)."""
    nummers = sorted((n for n in telefoonnummers(wb) if " " in n or "-" in n), key=len, reverse=True)
    delen = [doc.element.body] + [
        rauw.kop_of_voet(blok)
        for sectie in doc.sections
        for blok in (sectie.header, sectie.footer, sectie.first_page_header, sectie.first_page_footer)
        if not blok.is_linked_to_previous
    ]
    for deel in delen:
        for t in list(deel.iter(qn("w:t"))):  # a list: harde_streepjes adds elements
            tekst = t.text or ""
            nieuw = _S_STREEPJE.sub(
                lambda m: m.group(1) + (HARD_STREEPJE if m.group(2) == "-" else HARDE_SPATIE), tekst
            )
            for nummer in nummers:
                if nummer in nieuw:
                    nieuw = nieuw.replace(nummer, nummer.replace("-", HARD_STREEPJE).replace(" ", HARDE_SPATIE))
            if nieuw != tekst:
                t.text = nieuw
                rauw.harde_streepjes(t, HARD_STREEPJE)


def afwerken(doc, wb: Werkboek, alt: dict[str, str], datum: dt.date | None) -> None:
    """Accessibility and properties on a rendered python-docx Document (its styles were
    finished when the template was opened, see :func:`_open_sjabloon`); no line breaks inside
    telephone numbers and 's-place names."""
    onbreekbaar(doc, wb)
    # alt text: each picture's descr by its file name; a picture the template carries without
    # one gets the trajectory's title
    for inline in doc.element.body.iter(qn("wp:inline"), qn("wp:anchor")):
        docpr = inline.find(qn("wp:docPr"))
        naam = next((c.get("name") for c in inline.iter(qn("pic:cNvPr"))), "")
        if docpr is not None and not docpr.get("descr"):
            docpr.set("descr", alt.get(naam) or wb.algemeen.titel)

    cp = doc.core_properties
    cp.title = (cp.title or wb.notitie.onderwerp or wb.algemeen.titel)[:255]
    cp.language = TAAL
    cp.last_modified_by = cp.author or wb.algemeen.naam_trekker
    cp.revision = 1
    moment = dt.datetime.combine(datum or wb.standdatum, dt.time(9, 0))
    cp.created = moment
    cp.modified = moment
    cp.last_printed = moment
