"""Laying out slides: the building blocks of the deck (:class:`Deck`) that measure text with
Liberation Sans (metric-compatible with Arial) and continue lists and tables on a next slide
rather than shrink them below a readable size. What goes on the slides is in
:mod:`generator.presentatie`; raw XML where python-pptx has no API in :mod:`generator.rauw`.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_FILL
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Pt

from generator import meten, rauw
from generator.beeld import op_maat
from generator.fouten import SjabloonFout
from generator.model import Werkboek
from generator.sjabloon import Sjablonen, render_tekst
from generator.vastezip import bewaar

NAAM = "presentatie-startbijeenkomst.pptx"
TEKSTEN = "presentatie.toml"
EMU_PT = 12700
REGEL = 1.2  # line height as a factor of the font size, as PowerPoint lays out Arial
NA = 0.5  # space after a paragraph, as a factor of its font size
INSPRINGING_PT = 22  # hanging indent of a bullet
RAND_PT = 7.2  # the top and bottom insets of a text box together (0.05 inch each)


def inch(waarde: float) -> int:
    return int(waarde * 914400)


@dataclass(frozen=True)
class Vak:
    """A box on the slide, in inches."""

    links: float
    boven: float
    breedte: float
    hoogte: float


@dataclass(frozen=True)
class Alinea:
    """A paragraph of a text box: its text (a newline is a line break), size in points, bold,
    colour (hex, or None for the layout's) and whether it is a bullet."""

    tekst: str
    grootte: float
    vet: bool = False
    kleur: str | None = None
    punt: bool = False


STANDAARDKLEUR = "00689E"  # the colour the base presentation is drawn in
PROCENT = 'General"%"'  # as the tables print it: 33,5% and 62%, with the decimal comma of a Dutch Office
SLIDE_B, SLIDE_H = 13.333, 7.5
INHOUD = Vak(0.6, 1.45, 12.13, 5.35)
VOET = Vak(0.6, 6.95, 12.13, 0.35)


class Deck:
    """Builds the slides; ``t(key, **extra)`` renders a text from presentatie.toml."""

    def __init__(self, wb: Werkboek, sjablonen: Sjablonen):
        self.wb = wb
        pad = sjablonen.pad(NAAM)
        try:
            self.prs = Presentation(str(pad))
        except Exception as err:  # python-pptx raises several kinds for a file that is no .pptx
            raise SjabloonFout(f"Sjabloon '{pad.name}' is geen geldig PowerPoint-bestand (.pptx).") from err
        self.teksten = sjablonen.teksten(TEKSTEN)
        self.context = {
            "wb": wb,
            "alg": wb.algemeen,
            "ambitie": wb.ambitie,
            "notitie": wb.notitie,
            "start": wb.startbijeenkomst,
            "dialoog": wb.dialoog,
            "bestuurlijk": wb.bestuurlijke_bijeenkomst,
            "rangorde": wb.rangorde,
        }
        self.kleur = (wb.algemeen.huisstijlkleur or "#00689E").lstrip("#")
        self.logo = wb.algemeen.logo
        self._huisstijl_in_de_master()
        self.voettekst = self.t("algemeen.voettekst")
        self.layout_titel = self._layout(0, "Title Slide")
        self.layout_dia = self._layout(5, "Title Only")

    def _huisstijl_in_de_master(self) -> None:
        """The slide master's shapes drawn in the template's standard colour (the band along
        the top of every slide) take the house colour."""
        for vorm in self.prs.slide_master.shapes:
            if (
                vorm.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
                and vorm.fill.type == MSO_FILL.SOLID
                and str(vorm.fill.fore_color.rgb) == STANDAARDKLEUR
            ):
                vorm.fill.fore_color.rgb = RGBColor.from_string(self.kleur.upper())

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

    def taal(self, tekstframe) -> None:
        """Dutch as the language of every run in a text frame."""
        for p in tekstframe.paragraphs:
            for r in p.runs:
                r.font.language_id = MSO_LANGUAGE_ID.DUTCH
            p.font.language_id = MSO_LANGUAGE_ID.DUTCH

    def run(self, paragraaf, tekst: str, grootte: float, vet: bool = False, kleur: str | None = None) -> None:
        """A run of text in Dutch at the end of a paragraph."""
        r = paragraaf.add_run()
        r.text = tekst
        r.font.language_id = MSO_LANGUAGE_ID.DUTCH
        r.font.size = Pt(grootte)
        r.font.bold = vet
        if kleur:
            r.font.color.rgb = RGBColor.from_string(kleur.upper())

    def tekstvak(
        self,
        dia,
        vak: Vak,
        alineas: list[Alinea],
        naam: str,
        midden: bool = False,
        uitlijning=None,
    ):
        """A text box of :class:`Alinea`. Autofit off: the caller has measured that it fits."""
        vorm = dia.shapes.add_textbox(inch(vak.links), inch(vak.boven), inch(vak.breedte), inch(vak.hoogte))
        vorm.name = naam
        tf = vorm.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE if midden else MSO_ANCHOR.TOP
        for i, alinea in enumerate(alineas):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            if uitlijning is not None:
                p.alignment = uitlijning
            p.space_after = Pt(alinea.grootte * NA)
            if alinea.punt:
                rauw.opsommingsteken(p, INSPRINGING_PT * EMU_PT)
            for j, regel in enumerate(alinea.tekst.split("\n")):
                if j:
                    p.add_line_break()
                self.run(p, regel, alinea.grootte, alinea.vet, alinea.kleur)
        return vorm

    @staticmethod
    def alinea_hoogte(a: Alinea, breedte_in: float) -> float:
        """Height in points of one paragraph in a text box of ``breedte_in``, its space after
        included; a box's height is :data:`RAND_PT` plus the sum of its paragraphs'."""
        breedte = breedte_in * 72 - 14.4 - (INSPRINGING_PT if a.punt else 0)
        return meten.regels(a.tekst, breedte, a.grootte, vet=a.vet) * a.grootte * REGEL + a.grootte * NA

    @classmethod
    def hoogte(cls, alineas: list[Alinea], breedte_in: float) -> float:
        """Height in points of paragraphs in a text box of ``breedte_in`` (insets included)."""
        return sum((cls.alinea_hoogte(a, breedte_in) for a in alineas), RAND_PT)  # added up in this order

    def dia(self, titel: str, notities: str):
        """A content slide with its title, footer and speaker notes."""
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
                    r.font.color.rgb = RGBColor.from_string(self.kleur.upper())
            self.taal(kop.text_frame)
        else:
            self.tekstvak(dia, Vak(0.6, 0.35, 12.13, 0.95), [Alinea(titel, 28, True, self.kleur)], "Titel")
        voet = VOET
        if self.logo:  # the logo small in the footer's right corner; the footer text beside it
            self.plaats_logo(dia, Vak(VOET.links + VOET.breedte - 1.6, VOET.boven - 0.05, 1.6, VOET.hoogte + 0.1))
            voet = Vak(VOET.links, VOET.boven, VOET.breedte - 1.8, VOET.hoogte)
        self.tekstvak(dia, voet, [Alinea(self.voettekst, 11, kleur="6E6E6E")], "Voettekst")
        self.notities(dia, notities)
        return dia

    def plaats_logo(self, dia, vak: Vak) -> None:
        """The logo (Algemeen: Logo) inside ``vak``, right-aligned, its proportions kept."""
        assert self.logo is not None  # only called when the workbook names a logo
        with Image.open(self.logo) as beeld:
            b, h = beeld.size
        schaal = min(vak.breedte / b, vak.hoogte / h)
        breedte, hoogte = b * schaal, h * schaal
        vorm = dia.shapes.add_picture(
            self.logo,
            inch(vak.links + vak.breedte - breedte),
            inch(vak.boven + (vak.hoogte - hoogte) / 2),
            inch(breedte),
            inch(hoogte),
        )
        vorm.name = "Logo"
        self.alt(vorm, self.t("algemeen.logo_alt"))

    def notities(self, dia, tekst: str) -> None:
        tf = dia.notes_slide.notes_text_frame
        tf.text = tekst
        self.taal(tf)

    def alt(self, vorm, tekst: str) -> None:
        rauw.alt_tekst(vorm, tekst)

    # -- slide kinds ---------------------------------------------------------------------
    def titeldia(self) -> None:
        dia = self.prs.slides.add_slide(self.layout_titel)
        titel = self.t("titel.titel")
        ondertitel = self.t("titel.ondertitel")
        if dia.shapes.title is not None:
            dia.shapes.title.text_frame.text = titel
            for p in dia.shapes.title.text_frame.paragraphs:
                for r in p.runs:
                    r.font.size = Pt(36 if len(titel) < 45 else 30)
                    r.font.color.rgb = RGBColor.from_string(self.kleur.upper())
            self.taal(dia.shapes.title.text_frame)
        if self.logo:
            self.plaats_logo(dia, Vak(SLIDE_B - 0.6 - 3.0, 0.45, 3.0, 1.2))
        for vorm in dia.placeholders:
            if vorm.placeholder_format.idx == 1:
                vorm.text_frame.text = ondertitel
                for p in vorm.text_frame.paragraphs:
                    p.alignment = PP_ALIGN.LEFT
                    for r in p.runs:
                        r.font.size = Pt(22)
                self.taal(vorm.text_frame)
        self.notities(dia, self.t("titel.notities"))

    def _paginas(self, items: list[str], grootte: float, vet_eerste: bool) -> list[list[Alinea]]:
        pagina: list[Alinea] = []
        paginas = []
        for i, item in enumerate(items):
            eerste = vet_eerste and i == 0
            alinea = Alinea(item, grootte, eerste, self.kleur if eerste else None, punt=True)
            if pagina and self.hoogte(pagina + [alinea], INHOUD.breedte) > INHOUD.hoogte * 72 * 0.92:
                paginas.append(pagina)
                pagina = []
            pagina.append(alinea)
        paginas.append(pagina)
        return paginas

    def opsomming(
        self,
        sleutel: str,
        items: list[str],
        notities: str,
        grootte: float = 22,
        titel: str | None = None,
        vet_eerste: bool = False,
        doorlopen: bool = True,
    ) -> list[str]:
        """Bullets on one slide, the text down to 18 pt (never below ``grootte`` - 4) before
        anything is moved. What still does not fit continues on a next slide with at least
        three items (``doorlopen``), or is returned for the speaker notes."""
        titel = titel or self.t(f"{sleutel}.titel")
        kleinste = max(min(grootte, 18), grootte - 4)
        maat = grootte
        paginas = self._paginas(items, maat, vet_eerste)
        while len(paginas) > 1 and maat - 2 >= kleinste:
            maat -= 2
            paginas = self._paginas(items, maat, vet_eerste)
        rest: list[str] = []
        if not doorlopen and len(paginas) > 1:
            rest = [a.tekst for pagina in paginas[1:] for a in pagina]
            paginas = paginas[:1]
        while len(paginas) > 1 and len(paginas[-1]) < 3 and len(paginas[-2]) > 3:
            paginas[-1].insert(0, paginas[-2].pop())  # no continuation slide with one or two items
        for n, pagina in enumerate(paginas):
            kop = titel if n == 0 else self.t("algemeen.vervolg", titel=titel)
            dia = self.dia(kop, notities)
            self.tekstvak(dia, INHOUD, pagina, "Inhoud")
        return rest

    def tabel(
        self,
        sleutel: str,
        koppen: list[str],
        rijen: list[list[str]],
        breedtes: list[float],
        notities: str,
        grootte: float = 14,
        alt_tekst: str | None = None,
        titel: str | None = None,
        doorlopen: bool = True,
    ) -> int:
        """A table with its header row in the house colour; rows that do not fit continue on a
        next slide with the header repeated (``doorlopen``), or stay off: returns how many rows
        are on the slides."""
        titel = titel or self.t(f"{sleutel}.titel")
        schaal = INHOUD.breedte / sum(breedtes)
        breedtes = [b * schaal for b in breedtes]

        def rijhoogte(cellen, vet=False) -> float:
            return (
                max(
                    meten.regels(str(c), b * 72 - 14.4, grootte, vet=vet)
                    for c, b in zip(cellen, breedtes, strict=False)
                )
                * grootte
                * REGEL
                + 7.2
                + 2
            )

        beschikbaar = INHOUD.hoogte * 72 * 0.92 - rijhoogte(koppen, True)
        paginas: list[list[list[str]]] = []
        pagina: list[list[str]] = []
        gebruikt = 0.0
        for rij in rijen:
            h = rijhoogte(rij)
            if pagina and gebruikt + h > beschikbaar:
                paginas.append(pagina)
                pagina, gebruikt = [], 0.0
            pagina.append(rij)
            gebruikt += h
        paginas.append(pagina)
        if not doorlopen:
            paginas = paginas[:1]
        for n, pagina in enumerate(paginas):
            kop = titel if n == 0 else self.t("algemeen.vervolg", titel=titel)
            dia = self.dia(kop, notities)
            hoogte = (rijhoogte(koppen, True) + sum(rijhoogte(r) for r in pagina)) / 72
            vorm = dia.shapes.add_table(
                len(pagina) + 1,
                len(koppen),
                inch(INHOUD.links),
                inch(INHOUD.boven),
                inch(INHOUD.breedte),
                inch(min(hoogte, INHOUD.hoogte)),
            )
            vorm.name = "Tabel"
            self.alt(vorm, alt_tekst or titel)
            tabel = vorm.table
            for k, b in enumerate(breedtes):
                tabel.columns[k].width = inch(b)
            for r, cellen in enumerate([koppen, *pagina]):
                tabel.rows[r].height = Pt(rijhoogte(cellen, r == 0))
                for k, tekst in enumerate(cellen):
                    cel = tabel.cell(r, k)
                    cel.text_frame.word_wrap = True
                    p = cel.text_frame.paragraphs[0]
                    if r == 0:
                        cel.fill.solid()
                        cel.fill.fore_color.rgb = RGBColor.from_string(self.kleur.upper())
                    for j, regel in enumerate(str(tekst).split("\n")):
                        if j:
                            p.add_line_break()
                        self.run(p, regel, grootte, vet=r == 0, kleur="FFFFFF" if r == 0 else None)
        return sum(len(pagina) for pagina in paginas)

    def grafiek(
        self, sleutel: str, wijken, waarden, procent: bool, notities_sleutel: str, rest=(), maximum: float | None = None
    ) -> None:
        """A native clustered bar chart of ``wijken`` on one slide (``rest``: the wijken left
        off, named in the notes). The value axis runs from 0 to ``maximum`` (100 for
        percentages), so that a measure has one scale in every chart."""
        reeksen = self.teksten.lijst(f"{sleutel}.reeksen")
        for deel in (list(wijken),):
            titel = self.t(f"{sleutel}.titel", wijken=deel, rest=list(rest))
            dia = self.dia(titel, self.t(notities_sleutel, wijken=deel, rest=list(rest)))
            data = CategoryChartData(number_format=PROCENT if procent else "#,##0")
            data.categories = [w.wijk for w in deel]
            for naam, attr in zip(reeksen, waarden, strict=False):
                data.add_series(naam, [getattr(w, attr) for w in deel])
            vorm = dia.shapes.add_chart(
                XL_CHART_TYPE.BAR_CLUSTERED,
                inch(INHOUD.links),
                inch(INHOUD.boven),
                inch(INHOUD.breedte),
                inch(INHOUD.hoogte),
                data,
            )
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
            grafiek.value_axis.minimum_scale = 0
            grafiek.value_axis.maximum_scale = 100 if procent else maximum
            plot = grafiek.plots[0]
            plot.gap_width = 60
            plot.has_data_labels = True
            plot.data_labels.number_format = PROCENT if procent else "#,##0"
            plot.data_labels.number_format_is_linked = False
            plot.data_labels.font.size = Pt(12)
            kleuren = [self.kleur, "E07B39"]
            for reeks, kleur in zip(plot.series, kleuren, strict=False):
                reeks.format.fill.solid()
                reeks.format.fill.fore_color.rgb = RGBColor.from_string(kleur)
            rauw.grafiek_nederlands(grafiek)

    def afbeelding(self, sleutel: str, pad: str) -> None:
        dia = self.dia(self.t(f"{sleutel}.titel"), self.t(f"{sleutel}.notities"))
        with Image.open(pad) as beeld:
            b, h = beeld.size
        schaal = min(INHOUD.breedte / b, INHOUD.hoogte / h)
        breedte, hoogte = b * schaal, h * schaal
        links = INHOUD.links + (INHOUD.breedte - breedte) / 2
        vorm = dia.shapes.add_picture(
            io.BytesIO(op_maat(pad, breedte * 25.4)), inch(links), inch(INHOUD.boven), inch(breedte), inch(hoogte)
        )
        vorm.name = "Hittekaart"
        self.alt(vorm, self.t(f"{sleutel}.alt"))

    def vak_met_tekst(
        self,
        dia,
        vak: Vak,
        tekst: str,
        grootte: float,
        vulkleur: str | None,
        tekstkleur: str,
        vet: bool = True,
        vorm_soort=None,
    ):
        """A filled shape with centred text, shrinking the text (not below 12 pt) until it fits."""
        bruikbaar = vak.breedte * 72 * (0.75 if vorm_soort is not None else 1.0) - 14.4

        def past(maat: float) -> bool:
            langste = max(meten.breedte(w, maat, vet=vet) for w in tekst.split())
            return langste <= bruikbaar and self.hoogte([Alinea(tekst, maat, vet)], vak.breedte) <= vak.hoogte * 72

        while grootte > 12 and not past(grootte):
            grootte -= 1
        vorm = dia.shapes.add_shape(
            vorm_soort or MSO_SHAPE.ROUNDED_RECTANGLE,
            inch(vak.links),
            inch(vak.boven),
            inch(vak.breedte),
            inch(vak.hoogte),
        )
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
            self.run(p, regel, grootte, vet, tekstkleur)
        p.space_after = Pt(0)
        return vorm

    def bewaar(self) -> bytes:
        kern = self.prs.core_properties
        kern.title = self.t("eigenschappen.titel")[:255]
        kern.subject = self.t("eigenschappen.onderwerp")[:255]
        kern.author = self.wb.algemeen.naam_trekker
        kern.last_modified_by = self.wb.algemeen.naam_trekker
        kern.language = rauw.TAAL
        kern.revision = 1

        moment = dt.datetime.combine(
            (self.wb.startbijeenkomst.datum if self.wb.startbijeenkomst else self.wb.standdatum), dt.time(9, 0)
        )
        kern.created = kern.modified = kern.last_printed = moment
        return bewaar(self.prs.save, rauw.nederlandse_standaard)
