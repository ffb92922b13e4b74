"""The canvas fase 2: one A3 landscape page with the seed's blocks, filled in.

The blocks, their titles and the guidance shown for an empty block live in
``sjablonen/canvas-fase-2.docx`` (a Word table). Here the text of each block is measured
(Liberation Sans, metric-compatible with Arial) and each block gets the largest font size
that lets the whole table fit on the page, down to 7 pt; what is left of the page is shared
out over the rows so the canvas fills the sheet. If even 7 pt does not fit, the build warns,
naming the blocks, and the canvas runs on: text is never cut.
"""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.shared import Pt

from generator import meten, rauw
from generator.fouten import Ernst, Melding, SjabloonFout
from generator.model import Werkboek
from generator.sjabloon import Sjablonen
from generator.woord import render_docx

NAAM = "canvas-fase-2.docx"
GROOTSTE, KLEINSTE, STAP = 11.0, 7.0, 0.5
BASIS = 10.0  # the template's paragraph spacing is meant for this size
REGELAFSTAND = 1.16  # Liberation Sans: ascent + descent = 1.149 em, plus rounding
TITEL_EXTRA = 2.0  # a block title is this much larger than the block's text
VEILIGHEID = 0.97  # keep 3% of the page as margin for differences between Word and LibreOffice


def _twips(element, pad: str, standaard: int = 0) -> int:
    for stap in pad.split("/"):
        element = element.find(qn(stap)) if element is not None else None
    if element is None:
        return standaard
    return int(element.get(qn("w:w")) or element.get(qn("w:val")) or standaard)


class _Blok:
    """One table cell: its paragraphs (style, text) and the width available for text."""

    def __init__(self, cel, breedte_pt: float):
        self.cel = cel
        self.breedte = breedte_pt
        self.alineas = []
        for p in cel.paragraphs:
            stijl = p.style
            inspringing = stijl.paragraph_format.left_indent
            na = stijl.paragraph_format.space_after
            self.alineas.append(
                (
                    stijl.name,
                    p.text.replace("•\t", ""),
                    inspringing.pt if inspringing else 0.0,
                    na.pt if na is not None else 0.0,
                    bool(stijl.font.bold),
                    bool(stijl.font.italic),
                )
            )
        self.titel = self.alineas[0][1] if self.alineas else ""

    def hoogte(self, grootte: float) -> float:
        totaal = 0.0
        for stijl, tekst, inspringing, na, vet, cursief in self.alineas:
            maat = grootte + TITEL_EXTRA if stijl == "Bloktitel" else grootte
            regels = meten.regels(tekst, self.breedte - inspringing, maat, vet=vet, cursief=cursief)
            totaal += regels * maat * REGELAFSTAND + na * maat / BASIS
        return totaal

    def zet_grootte(self, grootte: float) -> None:
        for p, (_, _, _, na, _, _) in zip(self.cel.paragraphs, self.alineas, strict=False):
            maat = grootte + TITEL_EXTRA if p.style.name == "Bloktitel" else grootte
            p.paragraph_format.space_after = Pt(round(na * maat / BASIS, 1))  # spacing shrinks with the text
            for run in p.runs:
                run.font.size = Pt(maat)


def pas_in(doc, meldingen: list[Melding]) -> dict[str, float]:
    """Choose a font size per block so that the canvas fits on one page; returns the sizes
    by block title (for tests and the build summary)."""
    if not doc.sections or not doc.tables:
        raise SjabloonFout(
            f"Sjabloon '{NAAM}': het canvas moet een tabel hebben met de blokken van het canvas, in een "
            "document met een paginaformaat; begin opnieuw met een kopie van het standaardsjabloon."
        )
    sectie = doc.sections[0]
    tabel = doc.tables[0]
    tblpr = rauw.tabeleigenschappen(tabel)
    marge_l = _twips(tblpr, "w:tblCellMar/w:left", 108) / 20
    marge_r = _twips(tblpr, "w:tblCellMar/w:right", 108) / 20
    marge_v = (_twips(tblpr, "w:tblCellMar/w:top", 0) + _twips(tblpr, "w:tblCellMar/w:bottom", 0)) / 20
    kolommen = [kolom.width.pt for kolom in tabel.columns]
    rijen = [[_Blok(cel, kolommen[i] - marge_l - marge_r) for i, cel in enumerate(rij.cells)] for rij in tabel.rows]

    # the paragraphs around the table (the title above, a closing one below) take their share
    rond = 0.0
    breedte = sectie.page_width.pt - sectie.left_margin.pt - sectie.right_margin.pt
    for p in doc.paragraphs:
        maat = p.style.font.size.pt if p.style.font.size else 10
        na = p.style.paragraph_format.space_after
        rond += (
            meten.regels(p.text, breedte, maat, vet=bool(p.style.font.bold)) * maat * REGELAFSTAND
            + (na.pt if na else 0)
            + 4
        )
    budget = (sectie.page_height.pt - sectie.top_margin.pt - sectie.bottom_margin.pt - rond) * VEILIGHEID

    def rijhoogte(rij, maat: dict) -> float:
        return max(b.hoogte(maat[id(b)]) for b in rij) + marge_v + 2

    # 1. the largest common size at which the whole table fits
    gemeen = GROOTSTE
    while True:
        grootte = {id(b): gemeen for rij in rijen for b in rij}
        if sum(rijhoogte(rij, grootte) for rij in rijen) <= budget or gemeen <= KLEINSTE:
            break
        gemeen -= STAP
    hoogtes = [rijhoogte(rij, grootte) for rij in rijen]
    if sum(hoogtes) > budget:
        te_vol = sorted((b for rij in rijen for b in rij), key=lambda b: b.hoogte(KLEINSTE), reverse=True)
        namen = "', '".join(b.titel for b in te_vol[:2])
        meldingen.append(
            Melding(
                f"{NAAM}: het canvas past niet op één A3-pagina, ook niet met letters van {KLEINSTE:g} punt; "
                "de blokken "
                f"'{namen}' hebben de meeste tekst. Het canvas loopt door op een volgende pagina; er wordt geen tekst "
                "weggelaten.",
                None,
                None,
                Ernst.waarschuwing,
            )
        )
    # 2. rows then grow, smallest size first, while the table still fits: a row with little
    #    text reads larger, and the blocks of a row share one size
    rijmaat = [gemeen] * len(rijen)

    def hoogte_bij(index: int, maat: float) -> float:
        return rijhoogte(rijen[index], {id(b): maat for b in rijen[index]})

    hoogtes = [hoogte_bij(i, m) for i, m in enumerate(rijmaat)]
    groeibaar = set(range(len(rijen))) if sum(hoogtes) <= budget else set()
    while groeibaar:
        index = min(groeibaar, key=lambda i: (rijmaat[i], i))
        nieuw = hoogte_bij(index, rijmaat[index] + STAP) if rijmaat[index] + STAP <= GROOTSTE else None
        if nieuw is None or sum(hoogtes) - hoogtes[index] + nieuw > budget:
            groeibaar.discard(index)
            continue
        rijmaat[index] += STAP
        hoogtes[index] = nieuw
    for rij, maat in zip(rijen, rijmaat, strict=True):
        for b in rij:
            grootte[id(b)] = maat
    # 3. what is left of the page goes to the rows below the band, so the canvas fills the sheet
    over = max(0.0, budget - sum(hoogtes))
    vulbare = list(range(1, len(rijen))) or [0]
    hoogtes = [h + (over / len(vulbare) if i in vulbare else 0.0) for i, h in enumerate(hoogtes)]
    for rij, hoogte in zip(tabel.rows, hoogtes, strict=False):
        rij.height = Pt(round(hoogte, 1))
        rij.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for rij in rijen:
        for b in rij:
            b.zet_grootte(grootte[id(b)])
    return {b.titel: grootte[id(b)] for rij in rijen for b in rij}


def maak_canvas(wb: Werkboek, sjablonen: Sjablonen) -> tuple[bytes, list[Melding]]:
    """The canvas as .docx bytes, and a warning when it cannot fit on one page."""
    meldingen: list[Melding] = []
    moment = sjablonen.teksten("voortgang.toml").tekst(f"moment.{wb.moment}.naam")
    data = render_docx(
        sjablonen.pad(NAAM), wb, {"moment": moment}, nabewerking=lambda doc: pas_in(doc, meldingen), datum=wb.standdatum
    )
    return data, meldingen
