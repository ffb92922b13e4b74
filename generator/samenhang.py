"""Checks across a read workbook: unique names, references between sheets, meeting names
that would share a folder, pictures, and figures that must agree. Each finding names its
sheet and cell."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path, PurePosixPath, PureWindowsPath

from PIL import Image, UnidentifiedImageError

from generator.contract import Blad, normaliseer
from generator.grenzen import Grenzen, omvang
from generator.keuzes import LOCATIE
from generator.lezing import Lezing, Rij
from generator.namen import slug

AFBEELDINGEN = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}
# What a trekker does about a picture that is not there; the web page says it its own way
# (sjablonen/web/teksten.toml, uitkomst.afbeelding_toevoegen).
ZET_IN_MAP = "zet het bestand in de map van het werkboek"
ZONDER = {
    "logo": "De documenten zijn gemaakt zonder logo.",
    "hittekaart": "De presentatie en de notitie zijn gemaakt zonder hittekaart.",
}


def controleer_uniek(blad: Blad, titel: str, rijen: list[Rij], lezing: Lezing) -> None:
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
                lezing.fout(
                    f"'{waarde}' staat ook al in cel {gezien[sleutel]}; elke {veld.label.lower()} "
                    "mag maar één keer voorkomen",
                    titel,
                    rij.cellen[veld.attr],
                )
            else:
                gezien[sleutel] = rij.cellen[veld.attr]


def namen_van(lezing: Lezing, doel: str) -> dict[str, str]:
    """Normalised name -> canonical name, for the sheet a reference points at."""
    if doel == "Stakeholders":
        return {
            normaliseer(r.waarden["organisatie"]): r.waarden["organisatie"]
            for r in lezing.rijen.get("stakeholders", [])
            if r.waarden.get("organisatie")
        }
    if doel == "Wijken":
        return {
            normaliseer(r.waarden["wijk"]): r.waarden["wijk"]
            for r in lezing.rijen.get("wijken", [])
            if r.waarden.get("wijk")
        }
    namen: dict[str, str] = {}
    for r in lezing.rijen.get("bijeenkomsten", []):
        naam = r.waarden.get("titel") or r.waarden.get("soort")
        if not naam:
            continue
        for sleutel in (r.waarden.get("titel"), r.waarden.get("soort")):
            if sleutel:
                namen.setdefault(normaliseer(sleutel), naam)
    return namen


def _controleer_namenlijst(lezing: Lezing, blad: Blad, veld) -> None:
    """A list of names (one per line) of which each must be a name of the sheet it refers to
    (Bijeenkomsten: Aanwezig): an unknown name is an error at its cell; the names are kept as
    that sheet spells them (by :mod:`generator.modelbouw`)."""
    namen = namen_van(lezing, veld.verwijst)
    doelblad = lezing.contract.blad_op_naam(veld.verwijst)
    for rij in lezing.rijen.get(blad.attr, []):
        lijst = rij.waarden.get(veld.attr)
        if not lijst:
            continue
        onbekend = [n for n in lijst if normaliseer(n) not in namen]
        if onbekend:
            lezing.fout(
                f"'{onbekend[0]}' staat niet in de kolom Organisatie van blad "
                f"'{lezing.bladnamen.get(doelblad.attr, doelblad.naam)}'; schrijf elke naam precies zoals daar, "
                "één per regel",
                lezing.bladnamen.get(blad.attr, blad.naam),
                rij.cellen[veld.attr],
            )


def controleer_verwijzingen(lezing: Lezing) -> None:
    contract = lezing.contract
    for blad in contract.bladen:
        for veld in blad.velden:
            if veld.type == "lijst" and veld.verwijst:
                _controleer_namenlijst(lezing, blad, veld)
            if veld.type != "verwijzing" or veld.verwijst is None:
                continue
            namen = namen_van(lezing, veld.verwijst)
            doelblad = contract.blad_op_naam(veld.verwijst)
            doelkolom = {"Stakeholders": "Organisatie", "Wijken": "Wijk", "Bijeenkomsten": "Soort of Titel"}[
                veld.verwijst
            ]
            for rij in lezing.rijen.get(blad.attr, []):
                waarde = rij.waarden.get(veld.attr)
                if waarde is None:
                    continue
                if normaliseer(waarde) not in namen:
                    lezing.fout(
                        f"'{waarde}' staat niet in de kolom {doelkolom} van blad "
                        f"'{lezing.bladnamen.get(doelblad.attr, doelblad.naam)}'; "
                        "schrijf de naam precies zoals daar",
                        lezing.bladnamen.get(blad.attr, blad.naam),
                        rij.cellen[veld.attr],
                    )


def _controleer_afbeelding(pad: Path, naam: str, grenzen: Grenzen) -> str | None:
    """Why a picture cannot go into a document (empty, too large, not a picture, damaged), or
    None. Decoded once here, so that a bad picture is found by `controleer`, not by `bouw`."""
    grootte = pad.stat().st_size
    if grootte == 0:
        return f"het bestand '{naam}' is leeg; verwacht een PNG- of JPG-afbeelding"
    if grootte > grenzen.afbeelding:
        return f"het bestand '{naam}' is groter dan {omvang(grenzen.afbeelding)}; sla de afbeelding kleiner op"
    zijde = f"{grenzen.beeldzijde} × {grenzen.beeldzijde}"
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
                    return (
                        f"de afbeelding '{naam}' heeft een ongeldige resolutie (0 dpi); open haar in een "
                        "tekenprogramma en sla haar opnieuw op"
                    )
                if breed * hoog > grenzen.beeldzijde**2:
                    return (
                        f"de afbeelding '{naam}' is te groot ({breed} × {hoog} beeldpunten); sla haar op met "
                        f"hoogstens {zijde} beeldpunten"
                    )
                beeld.load()
    except Image.DecompressionBombError:
        return f"de afbeelding '{naam}' is te groot; sla haar op met hoogstens {zijde} beeldpunten"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return (
            f"'{naam}' is geen leesbare afbeelding (leeg, afgebroken of geen PNG of JPG); sla de afbeelding opnieuw op"
        )
    return None


def _controleer_bijeenkomstnamen(lezing: Lezing) -> None:
    """Two meetings whose names give one file name (a title written two ways, two untitled
    meetings of one kind, titles alike in their first 60 characters) would share a calendar
    file and a report back: an error at the second one's cell."""
    gezien: dict[str, Rij] = {}
    for rij in lezing.rijen.get("bijeenkomsten", []):
        naam = rij.waarden.get("titel") or rij.waarden.get("soort")
        if not naam:
            continue
        eerder = gezien.setdefault(slug(naam), rij)
        if eerder is not rij:
            eerste = eerder.waarden.get("titel") or eerder.waarden.get("soort")
            lezing.fout(
                f"deze bijeenkomst heet in een bestandsnaam hetzelfde als die in rij {eerder.rijnummer} "
                f"('{eerste}'); geef elke bijeenkomst een eigen titel",
                lezing.bladnamen.get("bijeenkomsten"),
                rij.cellen.get("titel") or rij.cellen.get("soort"),
            )


def beeldpad(werkboekmap: Path, bestand) -> Path:
    """Where a picture named in Algemeen (Logo, Hittekaart) is: beside the workbook, links
    resolved. Checked here; the model holds it (see :mod:`generator.modelbouw`)."""
    return (werkboekmap.resolve() / str(bestand)).resolve()


def controleer_samenhang(lezing: Lezing, werkboekmap: Path) -> None:
    """Checks between fields: order of dates and times, counts that contain each other,
    image files that exist."""
    naam = lezing.bladnamen.get
    alg = (lezing.rijen.get("algemeen") or [Rij(0)])[0]
    start, einde = alg.waarden.get("start_fase2"), alg.waarden.get("einde_fase2")
    if isinstance(start, dt.date) and isinstance(einde, dt.date) and einde <= start:
        lezing.fout(
            f"het einde van fase 2 ligt niet na de start ({alg.cellen['start_fase2']}); vul een latere datum in",
            naam("algemeen"),
            alg.cellen["einde_fase2"],
        )
    map_ = werkboekmap.resolve()
    for attr in ("logo", "hittekaart"):
        bestand = alg.waarden.get(attr)
        if not bestand:
            continue
        buiten = (
            PureWindowsPath(str(bestand)).anchor
            or PurePosixPath(str(bestand)).is_absolute()
            or str(bestand).startswith(("\\\\", "//"))
        )
        try:  # links resolved (never a network path: that is refused before it is touched)
            pad = map_ if buiten else beeldpad(map_, bestand)
        except (OSError, RuntimeError):  # a link that points at itself
            lezing.fout(
                f"het bestand '{bestand}' kan niet worden gelezen (een snelkoppeling die nergens heen wijst)",
                naam("algemeen"),
                alg.cellen[attr],
            )
            continue
        probleem: str | None
        if buiten or not pad.is_relative_to(map_):
            probleem = (
                f"'{bestand}' ligt buiten de map van het werkboek; zet de afbeelding in dezelfde map als het "
                "werkboek (of een map daarin) en schrijf hier alleen de bestandsnaam"
            )
        elif pad.suffix.lower() not in AFBEELDINGEN:
            probleem = f"'{bestand}' is geen afbeelding; verwacht een PNG- of JPG-bestand"
        elif not pad.exists():
            # not there (yet): the documents are made without it, with a warning at the cell
            lezing.waarschuw(
                f"het bestand '{bestand}' staat niet naast het werkboek; {ZET_IN_MAP}, of maak deze "
                f"cel leeg. {ZONDER[attr]}",
                naam("algemeen"),
                alg.cellen[attr],
            )
            continue
        elif not pad.is_file():
            probleem = f"'{bestand}' is een map, geen afbeelding; schrijf hier de naam van het bestand"
        else:
            probleem = _controleer_afbeelding(pad, str(bestand), lezing.grenzen)
        if probleem:
            lezing.fout(probleem, naam("algemeen"), alg.cellen[attr])
    _controleer_bijeenkomstnamen(lezing)
    controleer_koele_plekken(lezing)
    for rij in lezing.rijen.get("bijeenkomsten", []):
        b, e = rij.waarden.get("begintijd"), rij.waarden.get("eindtijd")
        if isinstance(b, dt.time) and isinstance(e, dt.time) and e <= b:
            lezing.fout(
                f"de eindtijd ligt niet na de begintijd ({rij.cellen['begintijd']})",
                naam("bijeenkomsten"),
                rij.cellen["eindtijd"],
            )
    for rij in lezing.rijen.get("planning", []):
        s, g = rij.waarden.get("start"), rij.waarden.get("gereed")
        if isinstance(s, dt.date) and isinstance(g, dt.date) and g < s:
            lezing.fout(f"'Gereed' ligt voor de start ({rij.cellen['start']})", naam("planning"), rij.cellen["gereed"])
    for rij in lezing.rijen.get("wijken", []):
        inw, p75, alleen = (rij.waarden.get(a) for a in ("inwoners", "plus75", "alleenwonend75"))
        if isinstance(alleen, int) and isinstance(p75, int) and alleen > p75:
            lezing.fout(
                f"er zijn meer alleenwonende 75-plussers ({alleen}) dan 75-plussers ({p75}, cel "
                f"{rij.cellen['plus75']})",
                naam("wijken"),
                rij.cellen["alleenwonend75"],
            )
        if isinstance(inw, int) and isinstance(p75, int) and p75 > inw:
            lezing.fout(
                f"er zijn meer 75-plussers ({p75}) dan inwoners ({inw}, cel {rij.cellen['inwoners']})",
                naam("wijken"),
                rij.cellen["plus75"],
            )


def _cellen(cellen: list[str]) -> str:
    return cellen[0] if len(cellen) == 1 else ", ".join(cellen[:-1]) + " en " + cellen[-1]


def controleer_koele_plekken(lezing: Lezing) -> None:
    """The number of koele plekken has one source, the sheet Locaties (its rows of soort Koele
    plek and Waterpunt, per wijk). A number in the Wijken column 'Koele plekken' that differs
    from that count is a warning naming both: the Wijken cell and the Locaties cells counted."""
    naam = lezing.bladnamen.get
    koel = (LOCATIE.koele_plek, LOCATIE.waterpunt)
    per_wijk: dict[str, list[str]] = {}
    soortkolom = None
    for rij in lezing.rijen.get("locaties", []):
        soortkolom = soortkolom or rij.cellen.get("soort")
        if rij.waarden.get("soort") in koel and rij.waarden.get("wijk"):
            per_wijk.setdefault(normaliseer(rij.waarden["wijk"]), []).append(rij.cellen["soort"])
    locaties = naam("locaties", "Locaties")
    for rij in lezing.rijen.get("wijken", []):
        opgegeven, wijk = rij.waarden.get("koele_plekken"), rij.waarden.get("wijk")
        if not isinstance(opgegeven, int) or not wijk:
            continue
        geteld = per_wijk.get(normaliseer(wijk), [])
        if opgegeven == len(geteld):
            continue
        waar = (
            f"blad '{locaties}' telt er {len(geteld)} ({'cel' if len(geteld) == 1 else 'cellen'} {_cellen(geteld)})"
            if geteld
            else f"blad '{locaties}' noemt er geen in {wijk}"
        )
        lezing.waarschuw(
            f"hier staan {opgegeven} koele plekken voor {wijk}, maar {waar}; de documenten tellen de "
            f"koele plekken en waterpunten in blad '{locaties}': vul daar elke koele plek in, of pas "
            "dit getal aan",
            naam("wijken", "Wijken"),
            rij.cellen["koele_plekken"],
        )
