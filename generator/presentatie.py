"""The presentation for the startbijeenkomst, on the base presentation in ``sjablonen/``.

Wording (titles, bullet texts, speaker notes, alt texts) comes from
``sjablonen/presentatie.toml``; the slide master and layouts from
``presentatie-startbijeenkomst.pptx``. Here is what goes on the slides, in order; how a
slide is laid out (measured text, lists and tables continued on a next slide) is in
:mod:`generator.deck`. Charts are native, editable PowerPoint charts. No contact details are
ever put on a slide.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import PP_ALIGN

from generator import meten
from generator.bewaking import binnen_de_tijd
from generator.deck import INHOUD, NAAM, SLIDE_B, TEKSTEN, Alinea, Deck, Vak, inch
from generator.model import Werkboek
from generator.opmaak import datum_kort, getal, procent, tijd
from generator.sjabloon import Sjablonen, controleer_omvang


# -- the slides, in order ---------------------------------------------------------------------
def _programma(deck: Deck, start) -> None:
    rijen = [[tijd(p.tijd), p.onderdeel, p.werkvorm or "", p.wie or ""] for p in start.programma]
    deck.tabel(
        "programma",
        deck.teksten.lijst("programma.koppen"),
        rijen,
        [1.3, 6.2, 2.4, 2.6],
        deck.t("programma.notities"),
        grootte=16,
        alt_tekst=deck.t("programma.alt"),
    )


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
        deck.vak_met_tekst(
            dia,
            Vak(INHOUD.links, boven, 3.2, hoogte),
            fase,
            18,
            tinten[i % len(tinten)],
            "FFFFFF" if i >= 3 else "1F1F1F",
        )
        tekst = deck.t("ladder.uitleg", uitleg.get(fase, ""))
        if tekst:
            breedte = INHOUD.breedte - 3.4
            grootte = 18.0
            while grootte > 12 and deck.hoogte([Alinea(tekst, grootte)], breedte) > hoogte * 72:
                grootte -= 1
            deck.tekstvak(
                dia,
                Vak(INHOUD.links + 3.4, boven, breedte, hoogte),
                [Alinea(tekst, grootte)],
                f"Uitleg {fase}",
                midden=True,
            )


def _proces(deck: Deck) -> None:
    """Phases 1-2-3, and phase 2 as a timeline with the meetings above and milestones below."""
    wb = deck.wb
    dia = deck.dia(deck.t("proces.titel"), deck.t("proces.notities"))
    fasen = deck.teksten.lijst("proces.fasen")
    start, einde = wb.algemeen.start_fase2, wb.algemeen.einde_fase2
    x0, x1, y = INHOUD.links + 1.5, INHOUD.links + INHOUD.breedte - 1.5, INHOUD.boven + 2.65
    # the phase arrows follow the phase dates: phase 2 spans the timeline, 1 before it, 3 after it
    vakken = [(INHOUD.links, x0 - 0.1), (x0, x1), (x1 + 0.1, INHOUD.links + INHOUD.breedte)]
    for i, (fase, (links, rechts)) in enumerate(zip(fasen, vakken, strict=False)):
        actief = i == 1
        deck.vak_met_tekst(
            dia,
            Vak(links, INHOUD.boven, rechts - links, 0.95),
            fase,
            18,
            deck.kleur if actief else "DCE9F2",
            "FFFFFF" if actief else "1F1F1F",
            vet=actief,
            vorm_soort=MSO_SHAPE.PENTAGON,
        )
    lijn = dia.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, inch(x0), inch(y), inch(x1), inch(y))
    lijn.line.color.rgb = RGBColor.from_string(deck.kleur)
    lijn.line.width = inch(0.04)
    dagen = max((einde - start).days, 1)

    def x(d) -> float:
        return x0 + (x1 - x0) * min(max((d - start).days / dagen, 0), 1)

    for d, rechts in ((start, False), (einde, True)):
        deck.tekstvak(
            dia,
            Vak(x(d) - 0.95, y - 0.2, 0.9, 0.4) if not rechts else Vak(x(d) + 0.05, y - 0.2, 0.9, 0.4),
            [Alinea(datum_kort(d), 12, vet=True)],
            "Datum",
            midden=True,
            uitlijning=PP_ALIGN.RIGHT if not rechts else PP_ALIGN.LEFT,
        )
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
        stip = dia.shapes.add_shape(
            MSO_SHAPE.OVAL if bijeenkomst else MSO_SHAPE.DIAMOND,
            inch(midden - merk / 2),
            inch(y - merk / 2),
            inch(merk),
            inch(merk),
        )
        stip.fill.solid()
        stip.fill.fore_color.rgb = RGBColor.from_string(deck.kleur if bijeenkomst else "E07B39")
        stip.line.fill.background()
        boven = y - 0.3 - hoogte - n * (hoogte + 0.05) if bijeenkomst else y + 0.2 + n * (hoogte + 0.05)
        deck.tekstvak(
            dia,
            Vak(links, boven, labelbreedte, hoogte),
            [Alinea(tekst, grootte, vet=bijeenkomst)],
            "Mijlpaal",
            uitlijning=PP_ALIGN.CENTER,
        )
    if ingekort:  # shortened on the slide: the speaker has the full text in the notes
        volledig = "\n".join(deck.t("vervolg.punt", datum=d, wat=wat) for d, wat in ingekort)
        tf = dia.notes_slide.notes_text_frame
        tf.text = f"{tf.text}\n\n{deck.t('proces.ingekort')}\n{volledig}"
        deck.taal(tf)
    if overig:  # more milestones than the timeline has room for: in the notes
        tf = dia.notes_slide.notes_text_frame
        volledig = "\n".join(deck.t("vervolg.punt", datum=d, wat=wat) for d, wat in overig)
        tf.text = f"{tf.text}\n\n{deck.t('proces.overig')}\n{volledig}"
        deck.taal(tf)


def _label(deck: Deck, datum: str, wat: str, vet: bool, hoogte: float) -> tuple[str, float, float]:
    """A timeline label: (text, size in pt, width in inches). As narrow as its measured text
    allows (so labels overlap less), at the largest size that fits that width (13 or 12 pt
    down to 11); a text that fits no label is shortened at a word, with an ellipsis."""

    def past(tekst: str, grootte: float, breedte: float) -> bool:
        return (
            deck.hoogte([Alinea(tekst, grootte, vet)], breedte) <= hoogte * 72
            and max(meten.breedte(w, grootte, vet=vet) for w in tekst.split()) <= breedte * 72 - 14.4
        )

    tekst = f"{datum}\n{wat}"
    for breedte in LABELBREEDTES:
        for grootte in (13, 12, 11) if vet else (12, 11):
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
        extra = {
            "werkvorm": werkvorm,
            "onderdeel": eerste.onderdeel,
            "wie": eerste.wie,
            "duur": eerste.duur,
            "aanpak": deck.t(f"gesprek.aanpak.{werkvorm if werkvorm in aanpak else 'Overig'}"),
        }
        vragen = [v for p in onderdelen for v in p.gespreksvragen]
        deck.opsomming(
            "gesprek", vragen, deck.t("gesprek.notities", **extra), grootte=26, titel=deck.t("gesprek.titel", **extra)
        )


def _aan_tafel(deck: Deck) -> None:
    """The organisations at the table (invited, registered or taking part) by tier in
    columns; names only, never contact details. No slide when nobody is invited yet."""
    wb = deck.wb
    statussen = deck.teksten.lijst("tafel.statussen")
    lagen = [(laag, tuple(s for s in lijst if s.status in statussen)) for laag, lijst in wb.stakeholders_per_laag]
    lagen = [(laag, lijst) for laag, lijst in lagen if lijst]
    if not lagen:
        return
    aan_tafel = [s for _, lijst in lagen for s in lijst]
    namen_aan_tafel = {s.organisatie for s in aan_tafel}  # names are unique (checked on reading)
    deck.context["aan_tafel"] = aan_tafel
    deck.context["in_gesprek"] = [
        s for s in wb.stakeholders if s.organisatie not in namen_aan_tafel and not wb.afgehaakt(s.organisatie)
    ]  # not those that dropped out
    kolombreedte = (INHOUD.breedte - 0.3 * (len(lagen) - 1)) / len(lagen)
    capaciteit = INHOUD.hoogte * 72 * 0.92

    def kolom(laag, lijst, grootte):
        """The column of a tier at ``grootte``: as many names as fit, then 'en nog N'. Each
        name is measured once: a column's height is the sum of its paragraphs' heights."""
        kop = [Alinea(laag, grootte + 2, True, deck.kleur)]
        namen = [Alinea(s.organisatie, grootte, punt=True) for s in lijst]
        tot = list(
            accumulate((deck.alinea_hoogte(a, kolombreedte) for a in namen), initial=deck.hoogte(kop, kolombreedte))
        )
        for n in range(len(lijst), -1, -1):
            meer = [Alinea(deck.t("tafel.meer", aantal=len(lijst) - n), grootte)] if n < len(lijst) else []
            if n == 0 or tot[n] + sum(deck.alinea_hoogte(a, kolombreedte) for a in meer) <= capaciteit:
                return kop + namen[:n] + meer, list(lijst[n:])

    for grootte in (16, 14, 12):
        kolommen = [kolom(laag, lijst, grootte) for laag, lijst in lagen]
        if not any(rest for _, rest in kolommen):
            break
    rest = [(laag, r) for (laag, _), (_, r) in zip(lagen, kolommen, strict=True) if r]
    dia = deck.dia(deck.t("tafel.titel"), deck.t("tafel.notities", rest=rest))
    for i, (alineas, _) in enumerate(kolommen):
        vak = Vak(INHOUD.links + i * (kolombreedte + 0.3), INHOUD.boven, kolombreedte, INHOUD.hoogte)
        deck.tekstvak(dia, vak, alineas, f"Partners {i + 1}")


def _volgende_stappen(deck: Deck) -> None:
    wb = deck.wb
    vanaf = wb.startbijeenkomst.datum if wb.startbijeenkomst else wb.algemeen.start_fase2
    items = [deck.t("vervolg.punt", datum=d, wat=w) for d, w, _ in wb.tijdlijn(na=vanaf)]
    if items:  # what does not fit on the slide is in its notes
        dia = len(deck.prs.slides)
        rest = deck.opsomming("vervolg", items, "", doorlopen=False)
        deck.notities(deck.prs.slides[dia], deck.t("vervolg.notities", rest=rest))


def maak_presentatie(wb: Werkboek, sjablonen: Sjablonen) -> bytes:
    """The deck for the startbijeenkomst as .pptx bytes; its texts together bounded in time."""
    with binnen_de_tijd(TEKSTEN):
        return controleer_omvang(_maak_presentatie(wb, sjablonen), NAAM)


PER_GRAFIEK = 12  # wijken in a chart; with more, the top of the ranking, the rest in the notes
PER_TABEL = 10  # rows of a ranking on its slide; the rest in the notes


def _boven(wb: Werkboek) -> tuple[list, list]:
    """The wijken for the charts: all in workbook order when they fit, else the top of the
    ranking (Prioriteit, then the estimate), and the rest."""
    wijken = list(wb.wijken)
    if len(wijken) <= PER_GRAFIEK:
        return wijken, []
    volgorde = {r.wijk: i for i, r in enumerate(wb.rangorde)}
    wijken.sort(key=lambda w: (volgorde.get(w.wijk, len(volgorde)), wb.prioriteitsrang(w.prioriteit)))
    return wijken[:PER_GRAFIEK], wijken[PER_GRAFIEK:]


def _schaal(waarden) -> float:
    """A round axis maximum above every value (1, 2 or 5 times a power of ten)."""
    hoogste = max([v for v in waarden if v is not None] or [1])
    stap = 10 ** max(len(str(int(hoogste))) - 1, 0)
    for factor in (1, 2, 5, 10):
        if hoogste <= factor * stap:
            return factor * stap
    return 10 * stap


def _lokaal_beeld(deck: Deck) -> None:
    wb = deck.wb
    if wb.wijken:
        boven, rest = _boven(wb)
        maximum = _schaal([getattr(w, a) for w in wb.wijken for a in ("plus75", "alleenwonend75")])
        deck.grafiek("kwetsbaar", boven, ["plus75", "alleenwonend75"], False, "kwetsbaar.notities", rest, maximum)
        if any(w.hittestress is not None or w.verder_dan_300m is not None for w in wb.wijken):
            deck.grafiek("hitte", boven, ["hittestress", "verder_dan_300m"], True, "hitte.notities", rest)
    if wb.algemeen.hittekaart:
        deck.afbeelding("hittekaart", wb.algemeen.hittekaart)
    if wb.locaties:
        rijen: list[dict[str, Any]] = []
        wijknamen = [w.wijk for w in wb.wijken] + sorted(
            {loc.wijk or "" for loc in wb.locaties} - {w.wijk for w in wb.wijken}
        )
        for wijk in wijknamen:
            zorg = [loc.naam for loc in wb.zorglocaties if (loc.wijk or "") == wijk]
            koel = [loc.naam for loc in wb.koele_locaties if (loc.wijk or "") == wijk]
            if zorg or koel:  # a wijk without any location is named in the notes, not a row of dashes
                rijen.append({"wijk": wijk or deck.t("locaties.wijk_onbekend"), "zorg": zorg, "koel": koel})
        zonder_koel = [w.wijk for w in wb.wijken if not any(loc.wijk == w.wijk for loc in wb.koele_locaties)]
        cellen = [[r["wijk"], "\n".join(r["zorg"]) or "–", "\n".join(r["koel"]) or "–"] for r in rijen]
        if rijen:  # how many rows fit is known once the table is laid out: the notes after it
            dia = len(deck.prs.slides)
            op_dia = deck.tabel(
                "locaties",
                deck.punten("locaties.koppen"),
                cellen,
                [2.5, 4.8, 4.8],
                "",
                alt_tekst=deck.t("locaties.alt"),
                doorlopen=False,
            )
            deck.notities(
                deck.prs.slides[dia],
                deck.t("locaties.notities", rijen=rijen, rest=rijen[op_dia:], zonder_koel=zonder_koel),
            )
    if wb.rangorde:
        rangrijen = [
            [
                str(i),
                r.wijk,
                r.prioriteit or "",
                getal(r.basis),
                procent(r.hittestress),
                procent(r.verder_dan_300m),
                getal(r.geschat),
            ]
            for i, r in enumerate(wb.rangorde, start=1)
        ]
        dia = len(deck.prs.slides)
        op_dia = deck.tabel(
            "rangorde",
            deck.punten("rangorde.koppen"),
            rangrijen[:PER_TABEL],
            [0.7, 2.8, 1.5, 2.1, 1.5, 2.0, 2.3],
            "",
            alt_tekst=deck.t("rangorde.alt"),
            doorlopen=False,
        )
        deck.notities(
            deck.prs.slides[dia], deck.t("rangorde.notities", rest=list(enumerate(wb.rangorde, start=1))[op_dia:])
        )


def _maak_presentatie(wb: Werkboek, sjablonen: Sjablonen) -> bytes:
    deck = Deck(wb, sjablonen)
    start = wb.startbijeenkomst
    deck.titeldia()
    deck.opsomming("welkom", deck.punten("welkom.punten"), deck.t("welkom.notities"))
    if start and start.programma:
        _programma(deck, start)
    if wb.stakeholders:  # who is at the table, early
        _aan_tafel(deck)
    _proces(deck)
    if start and start.spreker:
        deck.opsomming("spreker", deck.punten("spreker.punten"), deck.t("spreker.notities"), vet_eerste=True)
    _ladder(deck)
    _lokaal_beeld(deck)
    if start:  # the questions for the room before any draft answer
        _gesprekken(deck, start)
    if wb.ambitie.ambitie:  # a first draft of the ambition, to test in the room
        deck.opsomming("ambitie", deck.punten("ambitie.punten"), deck.t("ambitie.notities"), vet_eerste=True)
    else:  # the ambition is the result of phase 2: until then the slide asks the room
        deck.opsomming("ambitie_vraag", deck.punten("ambitie_vraag.punten"), deck.t("ambitie_vraag.notities"))
    _volgende_stappen(deck)
    return deck.bewaar()
