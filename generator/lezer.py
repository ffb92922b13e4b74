"""Read the trekker's workbook into the model, collecting every problem at once.

Layers go one way: this module and ``bestand`` (which guards and opens the file) are the only
ones that read a workbook; the user's workbook is never written. It matches sheets and labels as the contract
says, turns each cell into a typed value (``waarden``), checks references and uniqueness, and
returns a :class:`~generator.model.Werkboek` with the warnings, or raises
:class:`~generator.fouten.WerkboekFout` carrying every finding.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from PIL import Image, UnidentifiedImageError

from generator import model, waarden
from generator.bestand import Werkmap, controleer_bestand, kolomletters
from generator.contract import Blad, Contract, Veld, laad_contract, normaliseer
from generator.controles import gereedheid
from generator.fouten import Melding, WerkboekFout
from generator.uitvoer import slug

AFBEELDINGEN = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}
MAX_AFBEELDING = 20 * 1024 * 1024
MAX_BEELDPUNTEN = 25_000_000


@dataclass
class _Rij:
    """One read row (or, for a ``velden`` sheet, the whole sheet): typed values by attr and
    the cell each came from."""

    rijnummer: int
    waarden: dict[str, object] = field(default_factory=dict)
    cellen: dict[str, str] = field(default_factory=dict)


@dataclass
class _Lezing:
    """State of one read: the contract, the findings so far and the rows per sheet."""

    contract: Contract
    meldingen: list[Melding] = field(default_factory=list)
    rijen: dict[str, list[_Rij]] = field(default_factory=dict)
    bladnamen: dict[str, str] = field(default_factory=dict)
    kolommen: dict[str, dict[str, str]] = field(default_factory=dict)
    foutcellen: set[tuple[str | None, str | None]] = field(default_factory=set)

    def fout(self, tekst: str, blad: str | None = None, cel: str | None = None) -> None:
        self.meldingen.append(Melding(tekst, blad, cel, "fout"))
        self.foutcellen.add((blad, cel))

    def waarschuw(self, tekst: str, blad: str | None = None, cel: str | None = None) -> None:
        self.meldingen.append(Melding(tekst, blad, cel, "waarschuwing"))


def _lees_cellen(wm: Werkmap, titel: str, lezing: _Lezing) -> list[list[tuple[object, str, str]]]:
    """All rows as lists of (value, number format, coordinate). A formula whose value is not
    stored (or not to be trusted) and an Excel error value are errors at their cell, and read
    as empty."""
    rijen = []
    for r, rij in enumerate(wm.rijen(titel), start=1):
        cellen = []
        for k, cel in enumerate(rij, start=1):
            coord = f"{kolomletters(k)}{r}"
            if cel is None:
                cellen.append((None, "General", coord))
                continue
            waarde = cel.waarde
            if cel.soort == "formule":
                lezing.fout("bevat een formule waarvan de uitkomst niet is opgeslagen; open het werkboek in "
                            "Excel of LibreOffice en sla het opnieuw op", titel, coord)
                waarde = None
            elif cel.soort == "fout":
                lezing.fout(f"bevat de Excel-foutwaarde {waarden.toon(waarde)}; vul hier een gewone waarde in of "
                            "herstel de formule", titel, coord)
                waarde = None
            if isinstance(waarde, str) and not waarde.strip("\u00a0 \t\r\n"):
                waarde = None
            cellen.append((waarde, cel.notatie, coord))
        rijen.append(cellen)
    return rijen


# -- one value ------------------------------------------------------------------------------
def _zet_om(veld: Veld, waarde: object, notatie: str, blad: str, cel: str, lezing: _Lezing) -> object:
    """The typed value, or None after recording why it cannot be read."""
    if isinstance(waarde, str):
        _, gewijzigd = waarden.schoon_tekst(waarde)
        if gewijzigd and waarden.schoon_tekst(waarde)[0].strip():
            lezing.waarschuw("bevatte onzichtbare stuurtekens; die zijn weggelaten", blad, cel)
    try:
        match veld.type:
            case "tekst" | "verwijzing":
                return waarden.lees_tekst(waarde) or None
            case "langetekst":
                return waarden.lees_langetekst(waarde) or None
            case "lijst":
                return waarden.lees_lijst(waarde)
            case "datum":
                return waarden.lees_datum(waarde)
            case "tijd":
                return waarden.lees_tijd(waarde)
            case "geheel":
                return waarden.lees_geheel(waarde)
            case "percentage":
                return waarden.lees_percentage(waarde, notatie)
            case "janee":
                return waarden.lees_janee(waarde)
            case "keuze":
                return waarden.lees_keuze(waarde, veld.keuzes)
            case "email":
                return waarden.lees_email(waarde)
            case "kleur":
                return waarden.lees_kleur(waarde)
            case "wijkcode":
                return waarden.lees_wijkcode(waarde)
    except waarden.OngeldigeWaarde as err:
        lezing.fout(str(err), blad, cel)
    return None


def _leeg(waarde: object) -> bool:
    return waarde is None or waarde == () or waarde == ""


# -- the two kinds of sheet -----------------------------------------------------------------
def _lees_velden(blad: Blad, titel: str, cellen, lezing: _Lezing) -> _Rij:
    """A Veld | Waarde | Toelichting sheet: find the columns by their header, then each
    field by its label in the Veld column."""
    kol_veld, kol_waarde, start = 0, 1, 0
    for i, rij in enumerate(cellen[:5]):
        koppen = [normaliseer(w) if w is not None else "" for w, _, _ in rij]
        if "veld" in koppen and "waarde" in koppen:
            kol_veld, kol_waarde, start = koppen.index("veld"), koppen.index("waarde"), i + 1
            break
    uit = _Rij(rijnummer=1)
    gezien: dict[str, str] = {}
    for rij in cellen[start:]:
        if len(rij) <= kol_veld or rij[kol_veld][0] is None:
            continue
        label = normaliseer(rij[kol_veld][0]).rstrip(" *")
        veld = next((v for v in blad.velden if label in v.namen), None)
        if veld is None:
            continue
        waarde, notatie, _ = rij[kol_waarde] if len(rij) > kol_waarde else (None, "General", "")
        cel = f"{kolomletters(kol_waarde + 1)}{rij[kol_veld][2][len(kolomletters(kol_veld + 1)):]}"
        if veld.attr in gezien:
            lezing.fout(f"het veld '{veld.label}' staat hier nog een keer (ook in cel {gezien[veld.attr]}); "
                        "vul het maar één keer in", titel, cel)
            continue
        gezien[veld.attr] = cel
        uit.cellen[veld.attr] = cel
        if waarde is not None:
            uit.waarden[veld.attr] = _zet_om(veld, waarde, notatie, titel, cel, lezing)
    for veld in blad.velden:
        if veld.attr not in gezien:
            if veld.verplicht:
                lezing.fout(f"het verplichte veld '{veld.label}' ontbreekt in de kolom Veld", titel)
        elif veld.verplicht and _leeg(uit.waarden.get(veld.attr)) and not _heeft_fout(lezing, titel, gezien[veld.attr]):
            lezing.fout(f"'{veld.label}' is niet ingevuld; dit veld is verplicht", titel, gezien[veld.attr])
    return uit


def _heeft_fout(lezing: _Lezing, blad: str, cel: str) -> bool:
    return (blad, cel) in lezing.foutcellen


def _lees_rijen(blad: Blad, titel: str, cellen, lezing: _Lezing) -> list[_Rij]:
    """A sheet with a header in row 1 and one item per row; columns in any order."""
    if not cellen:
        koppen_rij = []
    else:
        koppen_rij = cellen[0]
    kolommen: dict[str, int] = {}
    for index, (waarde, _, coord) in enumerate(koppen_rij):
        if waarde is None:
            continue
        naam = normaliseer(waarde)
        veld = next((v for v in blad.velden if naam in v.namen), None)
        if veld is None:
            continue
        if veld.attr in kolommen:
            lezing.fout(f"de kolom '{veld.label}' staat er twee keer (ook in cel "
                        f"{kolomletters(kolommen[veld.attr] + 1)}1); laat er één over", titel, coord)
            continue
        kolommen[veld.attr] = index
    lezing.kolommen[blad.attr] = {attr: kolomletters(index + 1) for attr, index in kolommen.items()}
    ontbrekend = [v.label for v in blad.velden if v.verplicht and v.attr not in kolommen]
    if ontbrekend:
        namen = "', '".join(ontbrekend)
        lezing.fout(f"de verplichte kolom '{namen}' ontbreekt in de kopregel (rij 1)" if len(ontbrekend) == 1 else
                    f"de verplichte kolommen '{namen}' ontbreken in de kopregel (rij 1)", titel)
        return []
    uit = []
    for rij in cellen[1:]:
        if all(w is None for w, _, _ in rij):
            continue
        rijnr = int("".join(ch for ch in rij[0][2] if ch.isdigit()))
        gelezen = _Rij(rijnummer=rijnr)
        relevant = False
        for veld in blad.velden:
            if veld.attr not in kolommen:
                continue
            index = kolommen[veld.attr]
            cel = f"{kolomletters(index + 1)}{rijnr}"
            gelezen.cellen[veld.attr] = cel
            waarde, notatie, _ = rij[index] if index < len(rij) else (None, "General", cel)
            if waarde is not None:
                relevant = True
                gelezen.waarden[veld.attr] = _zet_om(veld, waarde, notatie, titel, cel, lezing)
        if not relevant:
            continue  # only columns the contract does not know are filled
        for veld in blad.velden:
            cel = gelezen.cellen.get(veld.attr)
            if veld.verplicht and _leeg(gelezen.waarden.get(veld.attr)) and not _heeft_fout(lezing, titel, cel):
                lezing.fout(f"'{veld.label}' is niet ingevuld; deze kolom is verplicht", titel, cel)
        uit.append(gelezen)
    return uit


# -- checks across rows and sheets ----------------------------------------------------------
def _controleer_uniek(blad: Blad, titel: str, rijen: list[_Rij], lezing: _Lezing) -> None:
    for veld in blad.velden:
        if not veld.uniek:
            continue
        gezien: dict[str, str] = {}
        for rij in rijen:
            waarde = rij.waarden.get(veld.attr)
            if waarde is None:
                continue
            sleutel = normaliseer(waarde)
            if sleutel in gezien:
                lezing.fout(f"'{waarde}' staat ook al in cel {gezien[sleutel]}; elke {veld.label.lower()} "
                            "mag maar één keer voorkomen", titel, rij.cellen[veld.attr])
            else:
                gezien[sleutel] = rij.cellen[veld.attr]


def _namen_van(lezing: _Lezing, doel: str) -> dict[str, str]:
    """Normalised name -> canonical name, for the sheet a reference points at."""
    if doel == "Stakeholders":
        return {normaliseer(r.waarden["organisatie"]): r.waarden["organisatie"]
                for r in lezing.rijen.get("stakeholders", []) if r.waarden.get("organisatie")}
    if doel == "Wijken":
        return {normaliseer(r.waarden["wijk"]): r.waarden["wijk"]
                for r in lezing.rijen.get("wijken", []) if r.waarden.get("wijk")}
    namen: dict[str, str] = {}
    for r in lezing.rijen.get("bijeenkomsten", []):
        naam = r.waarden.get("titel") or r.waarden.get("soort")
        if not naam:
            continue
        for sleutel in (r.waarden.get("titel"), r.waarden.get("soort")):
            if sleutel:
                namen.setdefault(normaliseer(sleutel), naam)
    return namen


def _controleer_verwijzingen(lezing: _Lezing) -> None:
    contract = lezing.contract
    for blad in contract.bladen:
        for veld in blad.velden:
            if veld.type != "verwijzing":
                continue
            namen = _namen_van(lezing, veld.verwijst)
            doelblad = contract.blad_op_naam(veld.verwijst)
            doelkolom = {"Stakeholders": "Organisatie", "Wijken": "Wijk", "Bijeenkomsten": "Soort of Titel"}[veld.verwijst]
            for rij in lezing.rijen.get(blad.attr, []):
                waarde = rij.waarden.get(veld.attr)
                if waarde is None:
                    continue
                canoniek = namen.get(normaliseer(waarde))
                if canoniek is None:
                    lezing.fout(f"'{waarde}' staat niet in de kolom {doelkolom} van blad "
                                f"'{lezing.bladnamen.get(doelblad.attr, doelblad.naam)}'; "
                                "schrijf de naam precies zoals daar", lezing.bladnamen.get(blad.attr, blad.naam),
                                rij.cellen[veld.attr])
                rij.waarden[veld.attr] = canoniek


def _controleer_afbeelding(pad: Path, naam: str) -> str | None:
    """Why a picture cannot go into a document (empty, too large, not a picture, damaged), or
    None. Decoded once here, so that a bad picture is found by `controleer`, not by `bouw`."""
    grootte = pad.stat().st_size
    if grootte == 0:
        return f"het bestand '{naam}' is leeg; verwacht een PNG- of JPG-afbeelding"
    if grootte > MAX_AFBEELDING:
        return f"het bestand '{naam}' is groter dan 20 MB; sla de afbeelding kleiner op"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(pad) as beeld:
                if beeld.format not in ("PNG", "JPEG", "GIF", "BMP"):
                    return f"'{naam}' is geen PNG- of JPG-afbeelding; sla de afbeelding op als PNG of JPG"
                breed, hoog = beeld.size
                dpi = beeld.info.get("dpi") or ()
                dichtheid = beeld.info.get("jfif_density") if beeld.info.get("jfif_unit") in (1, 2) else None
                if (dpi and min(dpi) < 1) or (dichtheid and min(dichtheid) < 1):
                    return (f"de afbeelding '{naam}' heeft een ongeldige resolutie (0 dpi); open haar in een "
                            "tekenprogramma en sla haar opnieuw op")
                if breed * hoog > MAX_BEELDPUNTEN:
                    return (f"de afbeelding '{naam}' is te groot ({breed} × {hoog} beeldpunten); sla haar op met "
                            "hoogstens 5000 × 5000 beeldpunten")
                beeld.load()
    except Image.DecompressionBombError:
        return f"de afbeelding '{naam}' is te groot; sla haar op met hoogstens 5000 × 5000 beeldpunten"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"'{naam}' is geen leesbare afbeelding (leeg, afgebroken of geen PNG of JPG); sla de afbeelding opnieuw op"
    return None


def _controleer_bijeenkomstnamen(lezing: _Lezing) -> None:
    """Two meetings whose names give one file name (a title written two ways, two untitled
    meetings of one kind, titles alike in their first 60 characters) would share a calendar
    file and a report back: an error at the second one's cell."""
    gezien: dict[str, _Rij] = {}
    for rij in lezing.rijen.get("bijeenkomsten", []):
        naam = rij.waarden.get("titel") or rij.waarden.get("soort")
        if not naam:
            continue
        eerder = gezien.setdefault(slug(naam), rij)
        if eerder is not rij:
            eerste = eerder.waarden.get("titel") or eerder.waarden.get("soort")
            lezing.fout(f"deze bijeenkomst heet in een bestandsnaam hetzelfde als die in rij {eerder.rijnummer} "
                        f"('{eerste}'); geef elke bijeenkomst een eigen titel", lezing.bladnamen.get("bijeenkomsten"),
                        rij.cellen.get("titel") or rij.cellen.get("soort"))


def _controleer_samenhang(lezing: _Lezing, werkboekmap: Path) -> None:
    """Checks between fields: order of dates and times, counts that contain each other,
    image files that exist."""
    naam = lezing.bladnamen.get
    alg = (lezing.rijen.get("algemeen") or [_Rij(0)])[0]
    start, einde = alg.waarden.get("start_fase2"), alg.waarden.get("einde_fase2")
    if isinstance(start, dt.date) and isinstance(einde, dt.date) and einde <= start:
        lezing.fout(f"het einde van fase 2 ligt niet na de start ({alg.cellen['start_fase2']}); "
                    "vul een latere datum in", naam("algemeen"), alg.cellen["einde_fase2"])
    map_ = werkboekmap.resolve()
    for attr in ("logo", "hittekaart"):
        bestand = alg.waarden.get(attr)
        if not bestand:
            continue
        buiten = (PureWindowsPath(str(bestand)).anchor or PurePosixPath(str(bestand)).is_absolute()
                  or str(bestand).startswith(("\\\\", "//")))
        try:  # links resolved (never a network path: that is refused before it is touched)
            pad = map_ if buiten else (map_ / str(bestand)).resolve()
        except (OSError, RuntimeError):  # a link that points at itself
            lezing.fout(f"het bestand '{bestand}' kan niet worden gelezen (een snelkoppeling die nergens heen wijst)",
                        naam("algemeen"), alg.cellen[attr])
            continue
        if buiten or not pad.is_relative_to(map_):
            probleem = (f"'{bestand}' ligt buiten de map van het werkboek; zet de afbeelding in dezelfde map als het "
                        "werkboek (of een map daarin) en schrijf hier alleen de bestandsnaam")
        elif pad.suffix.lower() not in AFBEELDINGEN:
            probleem = f"'{bestand}' is geen afbeelding; verwacht een PNG- of JPG-bestand"
        elif not pad.is_file():
            probleem = f"het bestand '{bestand}' is niet gevonden in de map van het werkboek ({werkboekmap})"
        else:
            probleem = _controleer_afbeelding(pad, str(bestand))
        if probleem:
            lezing.fout(probleem, naam("algemeen"), alg.cellen[attr])
        else:
            alg.waarden[attr] = str(pad)
    _controleer_bijeenkomstnamen(lezing)
    for rij in lezing.rijen.get("bijeenkomsten", []):
        b, e = rij.waarden.get("begintijd"), rij.waarden.get("eindtijd")
        if isinstance(b, dt.time) and isinstance(e, dt.time) and e <= b:
            lezing.fout(f"de eindtijd ligt niet na de begintijd ({rij.cellen['begintijd']})",
                        naam("bijeenkomsten"), rij.cellen["eindtijd"])
    for rij in lezing.rijen.get("planning", []):
        s, g = rij.waarden.get("start"), rij.waarden.get("gereed")
        if isinstance(s, dt.date) and isinstance(g, dt.date) and g < s:
            lezing.fout(f"'Gereed' ligt voor de start ({rij.cellen['start']})", naam("planning"), rij.cellen["gereed"])
    for rij in lezing.rijen.get("wijken", []):
        inw, p75, alleen = (rij.waarden.get(a) for a in ("inwoners", "plus75", "alleenwonend75"))
        if isinstance(alleen, int) and isinstance(p75, int) and alleen > p75:
            lezing.fout(f"er zijn meer alleenwonende 75-plussers ({alleen}) dan 75-plussers ({p75}, cel "
                        f"{rij.cellen['plus75']})", naam("wijken"), rij.cellen["alleenwonend75"])
        if isinstance(inw, int) and isinstance(p75, int) and p75 > inw:
            lezing.fout(f"er zijn meer 75-plussers ({p75}) dan inwoners ({inw}, cel {rij.cellen['inwoners']})",
                        naam("wijken"), rij.cellen["plus75"])


# -- building the model ---------------------------------------------------------------------
def _maak(klasse, gelezen: _Rij, **extra):
    velden = {k: v for k, v in gelezen.waarden.items() if v is not None and v != ()}
    return klasse(**velden, **extra)


def _maak_rij(klasse, gelezen: _Rij, **extra):
    """A row of a row sheet, knowing its row number (to point at its cells)."""
    return _maak(klasse, gelezen, rij=gelezen.rijnummer, **extra)


def _bouw_model(lezing: _Lezing, versie: int | None, werkboekmap: Path) -> model.Werkboek:
    c = lezing.contract
    r = lezing.rijen
    alg = r["algemeen"][0]
    notitie = r["notitie"][0]
    stakeholders = tuple(
        _maak_rij(model.Stakeholder, rij, laag=c.laag(rij.waarden["categorie"]),
              zorgorganisatie=rij.waarden["categorie"] in c.zorgcategorieen)
        for rij in r["stakeholders"])
    programma = tuple(_maak_rij(model.Programmaonderdeel, rij) for rij in r["programma"])
    zorglocaties = {normaliseer(rij.waarden["naam"]) for rij in r["locaties"]
                    if rij.waarden.get("soort") in c.zorglocatiesoorten}
    zorgpartijen = {s.organisatie for s in stakeholders if s.zorgorganisatie}
    bijeenkomsten = []
    for rij in sorted(r["bijeenkomsten"], key=lambda x: x.waarden["datum"]):
        naam = rij.waarden.get("titel") or rij.waarden["soort"]
        eigen = tuple(p for p in programma if p.bijeenkomst == naam)
        eigen = tuple(sorted(eigen, key=lambda p: (p.tijd is None, p.tijd or dt.time())))
        bij_zorg = (rij.waarden.get("gastheer") in zorgpartijen
                    or normaliseer(rij.waarden.get("locatie") or "") in zorglocaties)
        bijeenkomsten.append(_maak_rij(model.Bijeenkomst, rij, programma=eigen, bij_zorginstelling=bij_zorg))
    return model.Werkboek(
        algemeen=_maak(model.Algemeen, alg),
        notitie=_maak(model.Notitie, notitie),
        ambitie=_maak(model.Ambitie, r["ambitie"][0]),
        beslispunten=tuple(sorted((_maak_rij(model.Beslispunt, x) for x in r["beslispunten"]), key=lambda b: b.nr)),
        stakeholders=stakeholders,
        bijeenkomsten=tuple(bijeenkomsten),
        programma=programma,
        wijken=tuple(_maak_rij(model.Wijk, x) for x in r["wijken"]),
        locaties=tuple(_maak_rij(model.Locatie, x) for x in r["locaties"]),
        doelen=tuple(_maak_rij(model.Doel, x) for x in r["doelen"]),
        knelpunten=tuple(_maak_rij(model.KnelpuntKans, x) for x in r["knelpunten"]),
        afspraken=tuple(_maak_rij(model.Afspraak, x) for x in r["afspraken"]),
        planning=tuple(sorted((_maak_rij(model.Mijlpaal, x) for x in r["planning"]), key=lambda m: m.gereed)),
        bronnen=tuple(_maak_rij(model.Bron, x) for x in r["bronnen"]),
        fasen=c.lijsten["fase_hitteplan"],
        lagen=tuple(c.lagen),
        werkboekversie=versie,
        map=str(werkboekmap),
        plekken=model.Plekken(
            bladnamen={b.attr: lezing.bladnamen.get(b.attr, b.naam) for b in c.bladen},
            velden={b.attr: dict(r[b.attr][0].cellen) for b in c.bladen if b.soort == "velden"},
            kolommen=dict(lezing.kolommen)),
    )


def _werkboekversie(wm: Werkmap, lezing: _Lezing) -> int | None:
    titel = next((t for t in wm.bladen if normaliseer(t) == "toelichting"), None)
    if titel is None:
        return None
    for rij in wm.rijen(titel, max_rijen=60):
        for c, cel in enumerate(rij):
            if cel is not None and cel.waarde is not None and normaliseer(cel.waarde) == "werkboekversie" \
                    and c + 1 < len(rij) and rij[c + 1] is not None:
                volgende = rij[c + 1]
                try:
                    versie = waarden.lees_geheel(volgende.waarde)
                except waarden.OngeldigeWaarde:
                    lezing.fout(f"'{volgende.waarde}' is geen versienummer; verwacht een geheel getal", titel,
                                volgende.coord)
                    return None
                if versie > lezing.contract.versie:
                    lezing.fout(f"dit werkboek heeft versie {versie}, nieuwer dan deze generator kent "
                                f"(versie {lezing.contract.versie}); werk de generator bij", titel, volgende.coord)
                return versie
    return None


def _bladen(wm: Werkmap, lezing: _Lezing) -> dict[str, str]:
    """Normalised sheet name -> the sheet's title; two sheets whose names differ only in case,
    spaces or hyphens are an error (which one was meant cannot be known)."""
    bladen: dict[str, str] = {}
    for titel in wm.bladen:
        sleutel = normaliseer(titel)
        if sleutel in bladen:
            lezing.fout(f"het werkboek heeft twee bladen met bijna dezelfde naam ('{bladen[sleutel]}' en '{titel}'); "
                        "verwijder of hernoem er één", titel)
            continue
        bladen[sleutel] = titel
    return bladen


def lees(pad: str | Path) -> tuple[model.Werkboek | None, list[Melding]]:
    """Read and validate a workbook. Returns the model (None when there are errors) and every
    finding, errors and warnings. Raises :class:`BestandFout` when the file is no workbook."""
    pad = Path(pad)
    controleer_bestand(pad)
    contract = laad_contract()
    lezing = _Lezing(contract)
    with Werkmap(pad) as wm:
        bladen = _bladen(wm, lezing)
        versie = _werkboekversie(wm, lezing)
        for blad in contract.bladen:
            titel = next((bladen[n] for n in (normaliseer(blad.naam), *map(normaliseer, blad.ook)) if n in bladen),
                         None)
            if titel is None:
                lezing.fout(f"het blad '{blad.naam}' ontbreekt in het werkboek; voeg het toe of begin met "
                            "'hitteplan nieuw' en kopieer de gegevens")
                lezing.rijen[blad.attr] = [_Rij(0)] if blad.soort == "velden" else []
                continue
            lezing.bladnamen[blad.attr] = titel
            cellen = _lees_cellen(wm, titel, lezing)
            if blad.soort == "velden":
                lezing.rijen[blad.attr] = [_lees_velden(blad, titel, cellen, lezing)]
            else:
                rijen = _lees_rijen(blad, titel, cellen, lezing)
                _controleer_uniek(blad, titel, rijen, lezing)
                lezing.rijen[blad.attr] = rijen
    _controleer_verwijzingen(lezing)
    _controleer_samenhang(lezing, pad.resolve().parent)
    if any(m.ernst == "fout" for m in lezing.meldingen):
        return None, lezing.meldingen
    werkboek = _bouw_model(lezing, versie, pad.resolve().parent)
    return werkboek, lezing.meldingen + gereedheid(werkboek, lezing.bladnamen)


def lees_werkboek(pad: str | Path) -> tuple[model.Werkboek, list[Melding]]:
    """Read a workbook for building: the model and its warnings, or :class:`WerkboekFout`."""
    werkboek, meldingen = lees(pad)
    if werkboek is None:
        raise WerkboekFout(meldingen)
    return werkboek, [m for m in meldingen if m.ernst != "fout"]
