"""The presentation for the startbijeenkomst, on the base presentation in ``sjablonen/``.

Wording (titles, bullet texts, speaker notes, alt texts) comes from
``sjablonen/presentatie.toml``; the slide master and layouts from
``presentatie-startbijeenkomst.pptx``. Here the slides are laid out: text is measured with
Liberation Sans (metric-compatible with Arial) and lists and tables continue on a next slide
rather than shrink below a readable size. Charts are native, editable PowerPoint charts. No
contact details are ever put on a slide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace

from generator import meten
from generator.fouten import Melding, SjabloonFout
from generator.model import Werkboek
from generator.sjabloon import Sjablonen, binnen_de_tijd, controleer_omvang, render_tekst
from generator.uitvoer import Pakketschrijver, bewaar_pakket

NAAM = "presentatie-startbijeenkomst.pptx"
TEKSTEN = "presentatie.toml"
EMU_PT = 12700
REGEL = 1.2  # line height as a factor of the font size, as PowerPoint lays out Arial
NA = 0.5  # space after a paragraph, as a factor of its font size
INSPRINGING_PT = 22  # hanging indent of a bullet


def _inch(waarde: float) -> int:
    return int(waarde * 914400)


@dataclass(frozen=True)
class Vak:
    """A box on the slide, in inches."""

    links: float
    boven: float
    breedte: float
    hoogte: float


TAAL = "nl-NL"
PROCENT = 'General"%"'  # as the tables print it: 33,5% and 62%, with the decimal comma of a Dutch Office
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_STUURTEKENS = re.compile("[\x00-\x08\x0b-\x1f]")  # control characters; tab and line feed excepted
SLIDE_B, SLIDE_H = 13.333, 7.5
INHOUD = Vak(0.6, 1.45, 12.13, 5.35)
VOET = Vak(0.6, 6.95, 12.13, 0.35)


class Deck:
    """Builds the slides; ``t(key, **extra)`` renders a text from presentatie.toml."""

    def __init__(self, wb: Werkboek, sjablonen: Sjablonen):
        from pptx import Presentation

        self.wb = wb
        pad = sjablonen.pad(NAAM)
        try:
            self.prs = Presentation(str(pad))
        except Exception as err:  # python-pptx raises several kinds for a file that is no .pptx
            raise SjabloonFout(f"Sjabloon '{pad.name}' is geen geldig PowerPoint-bestand (.pptx).") from err
        _partnamen_bijhouden(self.prs.part.package)
        self.teksten = sjablonen.teksten(TEKSTEN)
        self.context = {
            "wb": wb, "alg": wb.algemeen, "ambitie": wb.ambitie, "notitie": wb.notitie,
            "start": wb.startbijeenkomst, "dialoog": wb.dialoog, "bestuurlijk": wb.bestuurlijke_bijeenkomst,
            "rangorde": wb.rangorde,
        }
        self.kleur = (wb.algemeen.huisstijlkleur or "#00689E").lstrip("#")
        self.voettekst = self.t("algemeen.voettekst")
        self.layout_titel = self._layout(0, "Title Slide")
        self.layout_dia = self._layout(5, "Title Only")

    # -- texts ---------------------------------------------------------------------------
    def t(self, sleutel: str, bron: str | None = None, **extra) -> str:
        tekst = bron if bron is not None else self.teksten.tekst(sleutel)
        if not isinstance(tekst, str):
            raise SjabloonFout(f"Sjabloon '{TEKSTEN}': '{sleutel}' moet een tekst zijn.")
        return render_tekst(TEKSTEN, f"tekst '{sleutel}'", tekst, {**self.context, **extra})

    def punten(self, sleutel: str, **extra) -> list[str]:
        return [p for p in (self.t(sleutel, bron, **extra) for bron in self.teksten.lijst(sleutel)) if p]

    # -- building blocks -----------------------------------------------------------------
    def _layout(self, index: int, naam: str):
        for layout in self.prs.slide_layouts:
            if layout.name == naam:
                return layout
        return self.prs.slide_layouts[min(index, len(self.prs.slide_layouts) - 1)]

    def _taal(self, tekstframe) -> None:
        from pptx.enum.lang import MSO_LANGUAGE_ID

        for p in tekstframe.paragraphs:
            for r in p.runs:
                r.font.language_id = MSO_LANGUAGE_ID.DUTCH
            p.font.language_id = MSO_LANGUAGE_ID.DUTCH

    def _run(self, paragraaf, tekst: str, grootte: float, vet: bool = False, kleur: str | None = None) -> None:
        """A run of text in Dutch, written straight into the paragraph's XML: through
        python-pptx's run, font and colour objects the deck's 200 runs took a tenth of it."""
        from lxml import etree

        p = paragraaf._p
        r = p.makeelement(f"{_A}r", {})
        eigenschappen = etree.SubElement(r, f"{_A}rPr", lang=TAAL, sz=str(round(grootte * 100)), b="1" if vet else "0")
        if kleur:
            etree.SubElement(etree.SubElement(eigenschappen, f"{_A}solidFill"), f"{_A}srgbClr", val=kleur.upper())
        etree.SubElement(r, f"{_A}t").text = _STUURTEKENS.sub(lambda m: f"_x{ord(m[0]):04X}_", tekst)  # as python-pptx
        einde = p.find(f"{_A}endParaRPr")
        if einde is not None:
            einde.addprevious(r)
        else:
            p.append(r)

    def _opsommingsteken(self, paragraaf) -> None:
        from lxml import etree

        ppr = paragraaf._p.get_or_add_pPr()
        ppr.set("marL", str(INSPRINGING_PT * EMU_PT))
        ppr.set("indent", str(-INSPRINGING_PT * EMU_PT))
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        for oud in ppr.findall(f"{{{a}}}buNone"):
            ppr.remove(oud)
        etree.SubElement(ppr, f"{{{a}}}buFont", typeface="Arial")
        etree.SubElement(ppr, f"{{{a}}}buChar", char="•")

    def tekstvak(self, dia, vak: Vak, alineas: list[tuple[str, float, bool, str | None, bool]],
                 naam: str, midden: bool = False, uitlijning=None):
        """A text box; each paragraph (text, size, bold, colour, bullet). Autofit off:
        the caller has measured that it fits."""
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
        from pptx.util import Pt

        vorm = dia.shapes.add_textbox(_inch(vak.links), _inch(vak.boven), _inch(vak.breedte), _inch(vak.hoogte))
        vorm.name = naam
        tf = vorm.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE if midden else MSO_ANCHOR.TOP
        for i, (tekst, grootte, vet, kleur, punt) in enumerate(alineas):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            if uitlijning is not None:
                p.alignment = uitlijning
            p.space_after = Pt(grootte * NA)
            if punt:
                self._opsommingsteken(p)
            for j, regel in enumerate(tekst.split("\n")):
                if j:
                    p.add_line_break()
                self._run(p, regel, grootte, vet, kleur)
        return vorm

    @staticmethod
    def hoogte(alineas, breedte_in: float) -> float:
        """Height in points of paragraphs in a text box of ``breedte_in`` (insets included)."""
        breedte = breedte_in * 72 - 14.4
        totaal = 7.2
        for tekst, grootte, vet, _, punt in alineas:
            regels = meten.regels(tekst, breedte - (INSPRINGING_PT if punt else 0), grootte, vet=vet)
            totaal += regels * grootte * REGEL + grootte * NA
        return totaal

    def dia(self, titel: str, notities: str):
        """A content slide with its title, footer and speaker notes."""
        from pptx.util import Pt

        dia = self.prs.slides.add_slide(self.layout_dia)
        kop = dia.shapes.title
        if kop is not None:
            grootte = 28.0
            while grootte > 20 and meten.regels(titel, kop.width / EMU_PT - 14.4, grootte, vet=True) > 1:
                grootte -= 2
            kop.text_frame.text = titel
            kop.text_frame.word_wrap = True
            for p in kop.text_frame.paragraphs:
                for r in p.runs:
                    r.font.size = Pt(grootte)
            self._taal(kop.text_frame)
        else:
            self.tekstvak(dia, Vak(0.6, 0.35, 12.13, 0.95), [(titel, 28, True, self.kleur, False)], "Titel")
        self.tekstvak(dia, VOET, [(self.voettekst, 11, False, "6E6E6E", False)], "Voettekst")
        self.notities(dia, notities)
        return dia

    def notities(self, dia, tekst: str) -> None:
        tf = dia.notes_slide.notes_text_frame
        tf.text = tekst
        self._taal(tf)

    def alt(self, vorm, tekst: str) -> None:
        vorm._element.xpath("./*[1]/p:cNvPr")[0].set("descr", tekst)

    # -- slide kinds ---------------------------------------------------------------------
    def titeldia(self) -> None:
        from pptx.util import Pt

        dia = self.prs.slides.add_slide(self.layout_titel)
        titel = self.t("titel.titel")
        ondertitel = self.t("titel.ondertitel")
        if dia.shapes.title is not None:
            dia.shapes.title.text_frame.text = titel
            for p in dia.shapes.title.text_frame.paragraphs:
                for r in p.runs:
                    r.font.size = Pt(36 if len(titel) < 45 else 30)
            self._taal(dia.shapes.title.text_frame)
        for vorm in dia.placeholders:
            if vorm.placeholder_format.idx == 1:
                from pptx.enum.text import PP_ALIGN

                vorm.text_frame.text = ondertitel
                for p in vorm.text_frame.paragraphs:
                    p.alignment = PP_ALIGN.LEFT
                    for r in p.runs:
                        r.font.size = Pt(22)
                self._taal(vorm.text_frame)
        self.notities(dia, self.t("titel.notities"))

    def opsomming(self, sleutel: str, items: list[str], notities: str, grootte: float = 22, titel: str | None = None,
                  vet_eerste: bool = False) -> None:
        """Bullets; what does not fit continues on a next slide, never below ``grootte``."""
        titel = titel or self.t(f"{sleutel}.titel")
        pagina: list = []
        paginas = []
        for i, item in enumerate(items):
            alinea = (item, grootte, vet_eerste and i == 0, self.kleur if vet_eerste and i == 0 else None, True)
            if pagina and self.hoogte(pagina + [alinea], INHOUD.breedte) > INHOUD.hoogte * 72 * 0.92:
                paginas.append(pagina)
                pagina = []
            pagina.append(alinea)
        paginas.append(pagina)
        for n, pagina in enumerate(paginas):
            kop = titel if n == 0 else self.t("algemeen.vervolg", titel=titel)
            dia = self.dia(kop, notities)
            self.tekstvak(dia, INHOUD, pagina, "Inhoud")

    def tabel(self, sleutel: str, koppen: list[str], rijen: list[list[str]], breedtes: list[float], notities: str,
              grootte: float = 14, alt_tekst: str | None = None, titel: str | None = None) -> None:
        """A table; rows that do not fit continue on a next slide with the header repeated."""
        from pptx.util import Pt

        titel = titel or self.t(f"{sleutel}.titel")
        schaal = INHOUD.breedte / sum(breedtes)
        breedtes = [b * schaal for b in breedtes]

        def rijhoogte(cellen, vet=False) -> float:
            return max(meten.regels(str(c), b * 72 - 14.4, grootte, vet=vet) for c, b in zip(cellen, breedtes)) \
                * grootte * REGEL + 7.2 + 2

        beschikbaar = INHOUD.hoogte * 72 * 0.92 - rijhoogte(koppen, True)
        paginas, pagina, gebruikt = [], [], 0.0
        for rij in rijen:
            h = rijhoogte(rij)
            if pagina and gebruikt + h > beschikbaar:
                paginas.append(pagina)
                pagina, gebruikt = [], 0.0
            pagina.append(rij)
            gebruikt += h
        paginas.append(pagina)
        for n, pagina in enumerate(paginas):
            kop = titel if n == 0 else self.t("algemeen.vervolg", titel=titel)
            dia = self.dia(kop, notities)
            hoogte = (rijhoogte(koppen, True) + sum(rijhoogte(r) for r in pagina)) / 72
            vorm = dia.shapes.add_table(len(pagina) + 1, len(koppen), _inch(INHOUD.links), _inch(INHOUD.boven),
                                        _inch(INHOUD.breedte), _inch(min(hoogte, INHOUD.hoogte)))
            vorm.name = "Tabel"
            self.alt(vorm, alt_tekst or titel)
            tabel = vorm.table
            for k, b in enumerate(breedtes):
                tabel.columns[k].width = _inch(b)
            for r, cellen in enumerate([koppen, *pagina]):
                tabel.rows[r].height = Pt(rijhoogte(cellen, r == 0))
                for k, tekst in enumerate(cellen):
                    cel = tabel.cell(r, k)
                    cel.text_frame.word_wrap = True
                    p = cel.text_frame.paragraphs[0]
                    for j, regel in enumerate(str(tekst).split("\n")):
                        if j:
                            p.add_line_break()
                        self._run(p, regel, grootte, vet=r == 0)

    def grafiek(self, sleutel: str, wijken, waarden, procent: bool, notities_sleutel: str) -> None:
        """A native clustered bar chart per (at most) 12 wijken; categories in workbook order."""
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
        from pptx.util import Pt

        reeksen = self.teksten.lijst(f"{sleutel}.reeksen")
        per_dia = 12
        for start in range(0, len(wijken), per_dia):
            deel = wijken[start:start + per_dia]
            titel = self.t(f"{sleutel}.titel")
            if start:
                titel = self.t("algemeen.vervolg", titel=titel)
            dia = self.dia(titel, self.t(notities_sleutel, wijken=deel))
            data = CategoryChartData(number_format=PROCENT if procent else "#,##0")
            data.categories = [w.wijk for w in deel]
            for naam, attr in zip(reeksen, waarden):
                data.add_series(naam, [getattr(w, attr) for w in deel])
            vorm = dia.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, _inch(INHOUD.links), _inch(INHOUD.boven),
                                        _inch(INHOUD.breedte), _inch(INHOUD.hoogte), data)
            vorm.name = "Grafiek"
            self.alt(vorm, self.t(f"{sleutel}.alt", wijken=deel))
            grafiek = vorm.chart
            grafiek.font.size = Pt(14)
            grafiek.font.name = "Arial"
            grafiek.has_legend = True
            grafiek.legend.position = XL_LEGEND_POSITION.BOTTOM
            grafiek.legend.include_in_layout = False
            grafiek.category_axis.reverse_order = True
            grafiek.value_axis.has_major_gridlines = False
            grafiek.value_axis.visible = False
            plot = grafiek.plots[0]
            plot.gap_width = 60
            plot.has_data_labels = True
            plot.data_labels.number_format = PROCENT if procent else "#,##0"
            plot.data_labels.number_format_is_linked = False
            plot.data_labels.font.size = Pt(12)
            kleuren = [self.kleur, "E07B39"]
            for reeks, kleur in zip(plot.series, kleuren):
                from pptx.dml.color import RGBColor

                reeks.format.fill.solid()
                reeks.format.fill.fore_color.rgb = RGBColor.from_string(kleur)
            _grafiek_nederlands(grafiek)

    def afbeelding(self, sleutel: str, pad: str) -> None:
        from PIL import Image

        dia = self.dia(self.t(f"{sleutel}.titel"), self.t(f"{sleutel}.notities"))
        with Image.open(pad) as beeld:
            b, h = beeld.size
        schaal = min(INHOUD.breedte / b, INHOUD.hoogte / h)
        breedte, hoogte = b * schaal, h * schaal
        links = INHOUD.links + (INHOUD.breedte - breedte) / 2
        vorm = dia.shapes.add_picture(pad, _inch(links), _inch(INHOUD.boven), _inch(breedte), _inch(hoogte))
        vorm.name = "Hittekaart"
        self.alt(vorm, self.t(f"{sleutel}.alt"))

    def vak_met_tekst(self, dia, vak: Vak, tekst: str, grootte: float, vulkleur: str | None, tekstkleur: str,
                      vet: bool = True, vorm_soort=None):
        """A filled shape with centred text, shrinking the text (not below 12 pt) until it fits."""
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
        from pptx.util import Pt

        bruikbaar = vak.breedte * 72 * (0.75 if vorm_soort is not None else 1.0) - 14.4

        def past(maat: float) -> bool:
            langste = max(meten.breedte(w, maat, vet=vet) for w in tekst.split())
            return langste <= bruikbaar and self.hoogte([(tekst, maat, vet, None, False)], vak.breedte) <= vak.hoogte * 72

        while grootte > 12 and not past(grootte):
            grootte -= 1
        vorm = dia.shapes.add_shape(vorm_soort or MSO_SHAPE.ROUNDED_RECTANGLE, _inch(vak.links), _inch(vak.boven),
                                    _inch(vak.breedte), _inch(vak.hoogte))
        if vulkleur:
            vorm.fill.solid()
            vorm.fill.fore_color.rgb = RGBColor.from_string(vulkleur)
        else:
            vorm.fill.background()
        vorm.line.fill.background()
        tf = vorm.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        for i, regel in enumerate(tekst.split("\n")):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.alignment = PP_ALIGN.CENTER
            self._run(p, regel, grootte, vet, tekstkleur)
        p.space_after = Pt(0)
        return vorm

    def bewaar(self) -> bytes:
        kern = self.prs.core_properties
        kern.title = self.t("eigenschappen.titel")[:255]
        kern.subject = self.t("eigenschappen.onderwerp")[:255]
        kern.author = self.wb.algemeen.naam_trekker
        kern.last_modified_by = self.wb.algemeen.naam_trekker
        kern.language = TAAL
        kern.revision = 1
        import datetime as dt

        moment = dt.datetime.combine((self.wb.startbijeenkomst.datum if self.wb.startbijeenkomst
                                      else self.wb.standdatum), dt.time(9, 0))
        kern.created = kern.modified = kern.last_printed = moment
        from pptx.opc import serialized

        fabriek = SimpleNamespace(factory=lambda bestand: Pakketschrijver(bestand, _nederlandse_standaard))
        return bewaar_pakket(self.prs.save, serialized, "_PhysPkgWriter", fabriek, _nederlandse_standaard)


def _partnamen_bijhouden(pakket) -> None:
    """python-pptx finds a free part name (for each notes page, chart, chart workbook) by
    walking every part of the package: quadratic in the number of slides, a fifth of a large
    deck's time. The names in use are collected once and kept up to date here; the name
    chosen is python-pptx's own choice (the same rule, on the same names)."""
    from pptx.opc.packuri import PackURI

    namen: set[str] | None = None

    def next_partname(tmpl: str) -> PackURI:
        nonlocal namen
        if namen is None:
            namen = {str(deel.partname) for deel in pakket.iter_parts()}
        begin = tmpl[: (tmpl % 42).find("42")]
        aantal = sum(1 for naam in namen if naam.startswith(begin))
        for n in range(aantal + 1, 0, -1):
            if tmpl % n not in namen:
                namen.add(tmpl % n)
                return PackURI(tmpl % n)
        raise AssertionError(tmpl)  # unreachable: one of aantal + 1 names is free

    pakket.next_partname = next_partname


def _grafiek_nederlands(grafiek) -> None:
    """Positive axis ids (python-pptx writes negative ones, which the schema rejects) and
    Dutch as the chart's language."""
    ruimte = grafiek._chartSpace
    c = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    for element in ruimte.iter(f"{{{c}}}axId", f"{{{c}}}crossAx"):
        element.set("val", str(abs(int(element.get("val")))))
    taal = ruimte.find(f"{{{c}}}lang")
    if taal is None:
        from lxml import etree

        taal = etree.Element(f"{{{c}}}lang")
        eerste = ruimte.find(f"{{{c}}}date1904")
        (eerste.addnext if eerste is not None else lambda e: ruimte.insert(0, e))(taal)
    taal.set("val", TAAL)
    for element in ruimte.iter(f"{_A}endParaRPr", f"{_A}defRPr", f"{_A}rPr"):  # the chart's text, too
        element.set("lang", TAAL)


def _nederlandse_standaard(naam: str, data: bytes) -> bytes:
    """Dutch as the default language in presentation.xml, masters, layouts and notes."""
    if re.match(r"ppt/(presentation|slideMasters/.*|slideLayouts/.*|notesMasters/.*|notesSlides/.*)\.xml$", naam):
        return re.sub(rb'lang="[a-zA-Z-]+"', f'lang="{TAAL}"'.encode(), data)
    return data


# -- the slides, in order ---------------------------------------------------------------------
def _programma(deck: Deck, start) -> None:
    from generator.opmaak import tijd

    rijen = [[tijd(p.tijd), p.onderdeel, p.werkvorm or "", p.wie or ""] for p in start.programma]
    deck.tabel("programma", deck.teksten.lijst("programma.koppen"), rijen, [1.3, 6.2, 2.4, 2.6], deck.t("programma.notities"),
               grootte=16, alt_tekst=deck.t("programma.alt"))


def _ladder(deck: Deck) -> None:
    """The heat-plan ladder, top to bottom: each phase in a coloured box, its meaning beside it."""
    fasen = deck.wb.fasen
    uitleg = deck.teksten.tabel("ladder.uitleg")
    dia = deck.dia(deck.t("ladder.titel"), deck.t("ladder.notities"))
    tussen = 0.1
    hoogte = (INHOUD.hoogte - tussen * (len(fasen) - 1)) / len(fasen)
    tinten = ["BFD7E6", "8DB9D3", "5A9BC0", deck.kleur, "C0504D", "7F7F7F"]
    for i, fase in enumerate(fasen):
        boven = INHOUD.boven + i * (hoogte + tussen)
        deck.vak_met_tekst(dia, Vak(INHOUD.links, boven, 3.2, hoogte), fase, 18, tinten[i % len(tinten)],
                           "FFFFFF" if i >= 3 else "1F1F1F")
        tekst = deck.t("ladder.uitleg", uitleg.get(fase, ""))
        if tekst:
            breedte = INHOUD.breedte - 3.4
            grootte = 18.0
            while grootte > 12 and deck.hoogte([(tekst, grootte, False, None, False)], breedte) > hoogte * 72:
                grootte -= 1
            deck.tekstvak(dia, Vak(INHOUD.links + 3.4, boven, breedte, hoogte), [(tekst, grootte, False, None, False)],
                          f"Uitleg {fase}", midden=True)


def _proces(deck: Deck) -> None:
    """Phases 1-2-3, and phase 2 as a timeline with the meetings above and milestones below."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import PP_ALIGN

    from generator.opmaak import datum_kort

    wb = deck.wb
    dia = deck.dia(deck.t("proces.titel"), deck.t("proces.notities"))
    fasen = deck.teksten.lijst("proces.fasen")
    start, einde = wb.algemeen.start_fase2, wb.algemeen.einde_fase2
    x0, x1, y = INHOUD.links + 1.5, INHOUD.links + INHOUD.breedte - 1.5, INHOUD.boven + 2.65
    # the phase arrows follow the phase dates: phase 2 spans the timeline, 1 before it, 3 after it
    vakken = [(INHOUD.links, x0 - 0.1), (x0, x1), (x1 + 0.1, INHOUD.links + INHOUD.breedte)]
    for i, (fase, (links, rechts)) in enumerate(zip(fasen, vakken)):
        actief = i == 1
        deck.vak_met_tekst(dia, Vak(links, INHOUD.boven, rechts - links, 0.95), fase, 18,
                           deck.kleur if actief else "DCE9F2", "FFFFFF" if actief else "1F1F1F", vet=actief,
                           vorm_soort=MSO_SHAPE.PENTAGON)
    lijn = dia.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _inch(x0), _inch(y), _inch(x1), _inch(y))
    lijn.line.color.rgb = RGBColor.from_string(deck.kleur)
    lijn.line.width = _inch(0.04)
    dagen = max((einde - start).days, 1)

    def x(d) -> float:
        return x0 + (x1 - x0) * min(max((d - start).days / dagen, 0), 1)

    for d, rechts in ((start, False), (einde, True)):
        deck.tekstvak(dia, Vak(x(d) - 0.95, y - 0.2, 0.9, 0.4) if not rechts else Vak(x(d) + 0.05, y - 0.2, 0.9, 0.4),
                      [(datum_kort(d), 12, True, None, False)], "Datum", midden=True,
                      uitlijning=PP_ALIGN.RIGHT if not rechts else PP_ALIGN.LEFT)
    niveaus_boven: list[list[tuple[float, float]]] = [[], []]
    niveaus_onder: list[list[tuple[float, float]]] = [[], [], []]
    overig, ingekort = [], []

    def plaats(niveaus, links, breedte) -> int | None:
        for n, bezet in enumerate(niveaus):
            if all(links + breedte + 0.05 <= a or links >= b + 0.05 for a, b in bezet):
                bezet.append((links, links + breedte))
                return n
        return None

    for d, wat, bijeenkomst in wb.tijdlijn():
        midden = x(d)
        niveaus = niveaus_boven if bijeenkomst else niveaus_onder
        hoogte = 0.8 if bijeenkomst else 0.75
        tekst, grootte, labelbreedte = _label(deck, datum_kort(d), wat, bijeenkomst, hoogte)
        if not tekst.endswith(wat):
            ingekort.append((d, wat))
        links = min(max(midden - labelbreedte / 2, 0.3), SLIDE_B - 0.3 - labelbreedte)
        n = plaats(niveaus, links, labelbreedte)
        if n is None:
            overig.append((d, wat))
            continue
        merk = 0.24 if bijeenkomst else 0.16
        stip = dia.shapes.add_shape(MSO_SHAPE.OVAL if bijeenkomst else MSO_SHAPE.DIAMOND, _inch(midden - merk / 2),
                                    _inch(y - merk / 2), _inch(merk), _inch(merk))
        stip.fill.solid()
        stip.fill.fore_color.rgb = RGBColor.from_string(deck.kleur if bijeenkomst else "E07B39")
        stip.line.fill.background()
        boven = y - 0.3 - hoogte - n * (hoogte + 0.05) if bijeenkomst else y + 0.2 + n * (hoogte + 0.05)
        deck.tekstvak(dia, Vak(links, boven, labelbreedte, hoogte), [(tekst, grootte, bijeenkomst, None, False)],
                      "Mijlpaal", uitlijning=PP_ALIGN.CENTER)
    if ingekort:  # shortened on the slide: the speaker has the full text in the notes
        volledig = "\n".join(deck.t("vervolg.punt", datum=d, wat=wat) for d, wat in ingekort)
        tf = dia.notes_slide.notes_text_frame
        tf.text = f"{tf.text}\n\n{deck.t('proces.ingekort')}\n{volledig}"
        deck._taal(tf)
    if overig:  # more milestones than the timeline has room for: listed on a next slide
        items = [deck.t("vervolg.punt", datum=d, wat=wat) for d, wat in overig]
        deck.opsomming("proces", items, deck.t("proces.notities"),
                       titel=deck.t("algemeen.vervolg", titel=deck.t("proces.titel")))


def _label(deck: Deck, datum: str, wat: str, vet: bool, hoogte: float) -> tuple[str, float, float]:
    """A timeline label: (text, size in pt, width in inches). As narrow as its measured text
    allows (so labels overlap less), at the largest size that fits that width (13 or 12 pt
    down to 11); a text that fits no label is shortened at a word, with an ellipsis."""
    def past(tekst: str, grootte: float, breedte: float) -> bool:
        return deck.hoogte([(tekst, grootte, vet, None, False)], breedte) <= hoogte * 72 and \
            max(meten.breedte(w, grootte, vet=vet) for w in tekst.split()) <= breedte * 72 - 14.4

    tekst = f"{datum}\n{wat}"
    for breedte in LABELBREEDTES:
        for grootte in ((13, 12, 11) if vet else (12, 11)):
            if past(tekst, grootte, breedte):
                return tekst, grootte, breedte
    breedte = LABELBREEDTES[-1]
    woorden = wat.split()
    while len(woorden) > 1 and not past(f"{datum}\n{' '.join(woorden)}…", 11, breedte):
        woorden.pop()
    kort = " ".join(woorden)
    while len(kort) > 1 and not past(f"{datum}\n{kort}…", 11, breedte):  # one word longer than the label
        kort = kort[:-1]
    return f"{datum}\n{kort}…", 11, breedte


LABELBREEDTES = (1.0, 1.25, 1.5, 1.75, 2.0, 2.25)  # inches a label on the timeline may take

def _gesprekken(deck: Deck, start) -> None:
    per_werkvorm: dict[str, list] = {}
    for p in start.programma:
        if p.gespreksvragen:
            per_werkvorm.setdefault(p.werkvorm or p.onderdeel, []).append(p)
    for werkvorm, onderdelen in per_werkvorm.items():
        eerste = onderdelen[0]
        aanpak = deck.teksten.tabel("gesprek.aanpak")
        extra = {"werkvorm": werkvorm, "onderdeel": eerste.onderdeel, "wie": eerste.wie, "duur": eerste.duur,
                 "aanpak": deck.t(f"gesprek.aanpak.{werkvorm if werkvorm in aanpak else 'Overig'}")}
        vragen = [v for p in onderdelen for v in p.gespreksvragen]
        deck.opsomming("gesprek", vragen, deck.t("gesprek.notities", **extra), grootte=26,
                       titel=deck.t("gesprek.titel", **extra))


def _aan_tafel(deck: Deck) -> None:
    """The organisations at the table (invited, registered or taking part) by tier in
    columns; names only, never contact details. No slide when nobody is invited yet."""
    wb = deck.wb
    statussen = deck.teksten.lijst("tafel.statussen")
    lagen = [(laag, tuple(s for s in lijst if s.status in statussen)) for laag, lijst in wb.stakeholders_per_laag]
    lagen = [(laag, lijst) for laag, lijst in lagen if lijst]
    if not lagen:
        return
    deck.context["aan_tafel"] = [s for _, lijst in lagen for s in lijst]
    kolombreedte = (INHOUD.breedte - 0.3 * (len(lagen) - 1)) / len(lagen)
    grootte = 16
    capaciteit = INHOUD.hoogte * 72 * 0.92
    kolommen = []
    for laag, lijst in lagen:
        kop = (laag, 18, True, deck.kleur, False)
        stukken, huidig = [], [kop]
        for s in lijst:
            item = (s.organisatie, grootte, False, None, True)
            if len(huidig) > 1 and deck.hoogte(huidig + [item], kolombreedte) > capaciteit:
                stukken.append(huidig)
                huidig = [kop]
            huidig.append(item)
        stukken.append(huidig)
        kolommen.append(stukken)
    titel = deck.t("tafel.titel")
    for n in range(max(len(k) for k in kolommen)):
        dia = deck.dia(titel if n == 0 else deck.t("algemeen.vervolg", titel=titel), deck.t("tafel.notities"))
        for i, stukken in enumerate(kolommen):
            if n < len(stukken):
                vak = Vak(INHOUD.links + i * (kolombreedte + 0.3), INHOUD.boven, kolombreedte, INHOUD.hoogte)
                deck.tekstvak(dia, vak, stukken[n], f"Partners {i + 1}")


def _volgende_stappen(deck: Deck) -> None:
    wb = deck.wb
    vanaf = wb.startbijeenkomst.datum if wb.startbijeenkomst else wb.algemeen.start_fase2
    items = [(d, w) for d, w, _ in wb.tijdlijn(na=vanaf)]
    if items:
        deck.opsomming("vervolg", [deck.t("vervolg.punt", datum=d, wat=w) for d, w in items], deck.t("vervolg.notities"))


def maak_presentatie(wb: Werkboek, sjablonen: Sjablonen, meldingen: list[Melding] | None = None) -> bytes:
    """The deck for the startbijeenkomst as .pptx bytes; its texts together bounded in time."""
    with binnen_de_tijd(TEKSTEN):
        return controleer_omvang(_maak_presentatie(wb, sjablonen), NAAM)


def _maak_presentatie(wb: Werkboek, sjablonen: Sjablonen) -> bytes:
    deck = Deck(wb, sjablonen)
    start = wb.startbijeenkomst
    deck.titeldia()
    deck.opsomming("welkom", deck.punten("welkom.punten"), deck.t("welkom.notities"))
    if start and start.programma:
        _programma(deck, start)
    if start and start.spreker:
        deck.opsomming("spreker", deck.punten("spreker.punten"), deck.t("spreker.notities"), vet_eerste=True)
    _ladder(deck)
    if wb.wijken:
        deck.grafiek("kwetsbaar", list(wb.wijken), ["plus75", "alleenwonend75"], False, "kwetsbaar.notities")
        if any(w.hittestress is not None or w.verder_dan_300m is not None for w in wb.wijken):
            deck.grafiek("hitte", list(wb.wijken), ["hittestress", "verder_dan_300m"], True, "hitte.notities")
    if wb.algemeen.hittekaart:
        deck.afbeelding("hittekaart", wb.algemeen.hittekaart)
    if wb.locaties:
        rijen = []
        wijknamen = [w.wijk for w in wb.wijken] + sorted({loc.wijk or "" for loc in wb.locaties} - {w.wijk for w in wb.wijken})
        for wijk in wijknamen:
            zorg = [loc.naam for loc in wb.zorglocaties if (loc.wijk or "") == wijk]
            koel = [loc.naam for loc in wb.koele_locaties if (loc.wijk or "") == wijk]
            if zorg or koel or wijk:
                rijen.append({"wijk": wijk or deck.t("locaties.wijk_onbekend"), "zorg": zorg, "koel": koel})
        deck.tabel("locaties", deck.teksten.lijst("locaties.koppen"),
                   [[r["wijk"], "\n".join(r["zorg"]) or "–", "\n".join(r["koel"]) or "–"] for r in rijen],
                   [2.5, 4.8, 4.8], deck.t("locaties.notities", rijen=rijen), alt_tekst=deck.t("locaties.alt"))
    if wb.rangorde:
        from generator.opmaak import getal, procent

        rijen = [[str(i), r.wijk, getal(r.basis), procent(r.hittestress), procent(r.verder_dan_300m), getal(r.geschat)]
                 for i, r in enumerate(wb.rangorde, start=1)]
        deck.tabel("rangorde", deck.teksten.lijst("rangorde.koppen"), rijen, [0.7, 3.0, 2.2, 1.6, 2.2, 2.4],
                   deck.t("rangorde.notities"), alt_tekst=deck.t("rangorde.alt"))
    _proces(deck)
    if start:
        _gesprekken(deck, start)
    if wb.stakeholders:
        _aan_tafel(deck)
    if wb.ambitie.ambitie:  # a first draft of the ambition, to test in the room
        deck.opsomming("ambitie", deck.punten("ambitie.punten"), deck.t("ambitie.notities"), vet_eerste=True)
    else:  # the ambition is the result of phase 2: until then the slide asks the room
        deck.opsomming("ambitie_vraag", deck.punten("ambitie_vraag.punten"), deck.t("ambitie_vraag.notities"))
    _volgende_stappen(deck)
    return deck.bewaar()
