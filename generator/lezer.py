"""Read the trekker's workbook into the model, collecting every problem at once.

Layers go one way: this module and ``bestand`` (which guards and opens the file) are the only
ones that read a workbook; the user's workbook is never written. Here the sheets and labels
are matched as the contract says and each cell becomes a typed value (``waarden``); the
checks across sheets are in :mod:`generator.samenhang`, the model is built in
:mod:`generator.modelbouw`. :func:`lees` returns a :class:`~generator.model.Werkboek` with
the warnings; :func:`lees_werkboek` raises :class:`~generator.fouten.WerkboekFout` carrying
every finding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator import model, waarden
from generator.bestand import Werkmap, controleer_bestand, kolomletters
from generator.contract import Blad, Veld, laad_contract, normaliseer
from generator.controles import gereedheid
from generator.fouten import Ernst, Melding, WerkboekFout
from generator.grenzen import STANDAARD, Grenzen
from generator.lezing import Lezing, Rij, heeft_fout
from generator.modelbouw import bouw_model
from generator.samenhang import controleer_samenhang, controleer_uniek, controleer_verwijzingen


def _plek(rij: int, kolom: int) -> str:
    """A cell's name as Excel writes it (B3), from its row and column (from 1)."""
    return f"{kolomletters(kolom)}{rij}"


@dataclass(frozen=True)
class Celwaarde:
    """One cell as the reader uses it: its value (None when empty or unusable), its number
    format, and where it is (row and column from 1)."""

    waarde: object
    notatie: str
    rij: int
    kolom: int

    @property
    def coord(self) -> str:
        return _plek(self.rij, self.kolom)


def _lees_cellen(wm: Werkmap, titel: str, lezing: Lezing) -> list[list[Celwaarde]]:
    """All rows, each up to its last filled cell. A formula whose value is not stored (or not
    to be trusted) and an Excel error value are errors at their cell, and read as empty."""
    rijen = []
    for r, rij in enumerate(wm.rijen(titel), start=1):
        cellen: list[Celwaarde] = []
        for k, cel in enumerate(rij, start=1):
            if cel is None:
                cellen.append(Celwaarde(None, "General", r, k))
                continue
            waarde = cel.waarde
            if cel.soort == "formule":
                lezing.fout(
                    "bevat een formule waarvan de uitkomst niet is opgeslagen; open het werkboek in "
                    "Excel of LibreOffice en sla het opnieuw op",
                    titel,
                    _plek(r, k),
                )
                waarde = None
            elif cel.soort == "fout":
                lezing.fout(
                    f"bevat de Excel-foutwaarde {waarden.toon(waarde)}; vul hier een gewone waarde in of "
                    "herstel de formule",
                    titel,
                    _plek(r, k),
                )
                waarde = None
            if isinstance(waarde, str) and not waarde.strip("\u00a0 \t\r\n"):
                waarde = None
            cellen.append(Celwaarde(waarde, cel.notatie, r, k))
        rijen.append(cellen)
    return rijen


# -- one value ------------------------------------------------------------------------------
def _zet_om(veld: Veld, waarde: object, notatie: str, blad: str, cel: str, lezing: Lezing) -> object:
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
                getal = waarden.lees_percentage(waarde, notatie)
                if waarden.lijkt_fractie(waarde, notatie):
                    procent = f"{getal * 100:g}".replace(".", ",")
                    gelezen = f"{getal:g}".replace(".", ",")
                    lezing.waarschuw(
                        f"'{gelezen}' staat hier als {gelezen}%; bedoelt u {procent}%? Typ dan {procent} "
                        f"of {procent}%. Bedoelt u echt {gelezen}%, dan mag het zo blijven",
                        blad,
                        cel,
                    )
                return getal
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
def _lees_velden(blad: Blad, titel: str, cellen: list[list[Celwaarde]], lezing: Lezing) -> Rij:
    """A Veld | Waarde | Toelichting sheet: find the columns by their header, then each
    field by its label in the Veld column."""
    kol_veld, kol_waarde, start = 0, 1, 0
    for i, rij in enumerate(cellen[:5]):
        koppen = [normaliseer(c.waarde) if c.waarde is not None else "" for c in rij]
        if "veld" in koppen and "waarde" in koppen:
            kol_veld, kol_waarde, start = koppen.index("veld"), koppen.index("waarde"), i + 1
            break
    uit = Rij(rijnummer=1)
    gezien: dict[str, str] = {}
    for rij in cellen[start:]:
        if len(rij) <= kol_veld or rij[kol_veld].waarde is None:
            continue
        label = normaliseer(rij[kol_veld].waarde).rstrip(" *")
        veld = next((v for v in blad.velden if label in v.namen), None)
        if veld is None:
            continue
        rijnr = rij[kol_veld].rij
        waarde, notatie = (
            (rij[kol_waarde].waarde, rij[kol_waarde].notatie) if len(rij) > kol_waarde else (None, "General")
        )
        cel = _plek(rijnr, kol_waarde + 1)
        if veld.attr in gezien:
            lezing.fout(
                f"het veld '{veld.label}' staat hier nog een keer (ook in cel {gezien[veld.attr]}); "
                "vul het maar één keer in",
                titel,
                cel,
            )
            continue
        gezien[veld.attr] = cel
        uit.cellen[veld.attr] = cel
        if waarde is not None:
            uit.waarden[veld.attr] = _zet_om(veld, waarde, notatie, titel, cel, lezing)
    for veld in blad.velden:
        if veld.attr not in gezien:
            if veld.verplicht:
                lezing.fout(f"het verplichte veld '{veld.label}' ontbreekt in de kolom Veld", titel)
        elif veld.verplicht and _leeg(uit.waarden.get(veld.attr)) and not heeft_fout(lezing, titel, gezien[veld.attr]):
            lezing.fout(f"'{veld.label}' is niet ingevuld; dit veld is verplicht", titel, gezien[veld.attr])
    return uit


def _lees_rijen(blad: Blad, titel: str, cellen: list[list[Celwaarde]], lezing: Lezing) -> list[Rij]:
    """A sheet with a header in row 1 and one item per row; columns in any order."""
    if not cellen:
        koppen_rij = []
    else:
        koppen_rij = cellen[0]
    kolommen: dict[str, int] = {}
    for index, kop in enumerate(koppen_rij):
        if kop.waarde is None:
            continue
        naam = normaliseer(kop.waarde)
        veld = next((v for v in blad.velden if naam in v.namen), None)
        if veld is None:
            continue
        if veld.attr in kolommen:
            lezing.fout(
                f"de kolom '{veld.label}' staat er twee keer (ook in cel "
                f"{kolomletters(kolommen[veld.attr] + 1)}1); laat er één over",
                titel,
                kop.coord,
            )
            continue
        kolommen[veld.attr] = index
    lezing.kolommen[blad.attr] = {attr: kolomletters(index + 1) for attr, index in kolommen.items()}
    ontbrekend = [v.label for v in blad.velden if v.verplicht and v.attr not in kolommen]
    if ontbrekend:
        namen = "', '".join(ontbrekend)
        lezing.fout(
            f"de verplichte kolom '{namen}' ontbreekt in de kopregel (rij 1)"
            if len(ontbrekend) == 1
            else f"de verplichte kolommen '{namen}' ontbreken in de kopregel (rij 1)",
            titel,
        )
        return []
    uit = []
    for rij in cellen[1:]:
        if all(c.waarde is None for c in rij):
            continue
        rijnr = rij[0].rij
        gelezen = Rij(rijnummer=rijnr)
        relevant = False
        for veld in blad.velden:
            if veld.attr not in kolommen:
                continue
            index = kolommen[veld.attr]
            cel = _plek(rijnr, index + 1)
            gelezen.cellen[veld.attr] = cel
            waarde, notatie = (rij[index].waarde, rij[index].notatie) if index < len(rij) else (None, "General")
            if waarde is not None:
                relevant = True
                gelezen.waarden[veld.attr] = _zet_om(veld, waarde, notatie, titel, cel, lezing)
        if not relevant:
            continue  # only columns the contract does not know are filled
        for veld in blad.velden:
            plek = gelezen.cellen.get(veld.attr)
            if veld.verplicht and _leeg(gelezen.waarden.get(veld.attr)) and not heeft_fout(lezing, titel, plek):
                lezing.fout(f"'{veld.label}' is niet ingevuld; deze kolom is verplicht", titel, plek)
        uit.append(gelezen)
    return uit


# -- checks across rows and sheets ----------------------------------------------------------
def _werkboekversie(wm: Werkmap, lezing: Lezing) -> int | None:
    titel = next((t for t in wm.bladen if normaliseer(t) == "toelichting"), None)
    if titel is None:
        return None
    for rij in wm.rijen(titel, max_rijen=60):
        for c, cel in enumerate(rij):
            volgende = rij[c + 1] if c + 1 < len(rij) else None
            if (
                cel is not None
                and cel.waarde is not None
                and normaliseer(cel.waarde) == "werkboekversie"
                and volgende is not None
            ):
                try:
                    versie = waarden.lees_geheel(volgende.waarde)
                except waarden.OngeldigeWaarde:
                    lezing.fout(
                        f"'{volgende.waarde}' is geen versienummer; verwacht een geheel getal", titel, volgende.coord
                    )
                    return None
                if versie > lezing.contract.versie:
                    lezing.fout(
                        f"dit werkboek heeft versie {versie}, nieuwer dan deze generator kent "
                        f"(versie {lezing.contract.versie}); werk de generator bij",
                        titel,
                        volgende.coord,
                    )
                return versie
    return None


def _bladen(wm: Werkmap, lezing: Lezing) -> dict[str, str]:
    """Normalised sheet name -> the sheet's title; two sheets whose names differ only in case,
    spaces or hyphens, or that look alike on screen (a Cyrillic А for an A, see
    :func:`waarden.skelet`), are an error (which one was meant cannot be known)."""
    bladen: dict[str, str] = {}
    gezien: dict[str, str] = {}
    for titel in wm.bladen:
        sleutel, skelet = normaliseer(titel), waarden.skelet(titel)
        if sleutel in bladen or skelet in gezien:
            ander = bladen.get(sleutel) or gezien[skelet]
            hoe = (
                f"bijna dezelfde naam ('{ander}' en '{titel}')"
                if sleutel in bladen
                else (
                    f"namen die er hetzelfde uitzien ('{ander}' en '{titel}'; een letter uit een ander schrift of een "
                    "onzichtbaar teken)"
                )
            )
            lezing.fout(f"het werkboek heeft twee bladen met {hoe}; verwijder of hernoem er één", titel)
            continue
        bladen[sleutel] = gezien[skelet] = titel
    return bladen


def _verborgen(wm: Werkmap, titel: str, cellen: list[list[Celwaarde]], lezing: Lezing) -> None:
    """A hidden sheet, row or column that holds something is used all the same (a hidden row
    of Stakeholders still gets an invitation): a warning naming sheet and row or column."""
    hulp = "; de generator leest die gegevens wel. Maak ze zichtbaar (rechtsklik > Zichtbaar maken) of verwijder ze"
    if titel in wm.verborgen_bladen:
        lezing.waarschuw(f"het blad is verborgen in Excel{hulp}", titel)
    rijen, kolommen = wm.verborgen(titel)
    for r in sorted(rijen):
        if r <= len(cellen) and (gevuld := next((c.coord for c in cellen[r - 1] if c.waarde is not None), None)):
            lezing.waarschuw(f"rij {r} is verborgen maar niet leeg{hulp}", titel, gevuld)
    for k in sorted(kolommen):
        if gevuld := next(
            (rij[k - 1].coord for rij in cellen if len(rij) >= k and rij[k - 1].waarde is not None), None
        ):
            lezing.waarschuw(f"kolom {kolomletters(k)} is verborgen maar niet leeg{hulp}", titel, gevuld)


def lees(
    pad: str | Path, vandaag: dt.date | None = None, grenzen: Grenzen = STANDAARD
) -> tuple[model.Werkboek | None, list[Melding]]:
    """Read and validate a workbook. Returns the model (None when there are errors) and every
    finding, errors and warnings. ``vandaag`` is the date for the checks about time left (the
    caller reads the clock; without it those checks are left out); ``grenzen`` the limits of
    what is read (:mod:`generator.grenzen`). Raises :class:`BestandFout` when the file is no
    workbook."""
    pad = Path(pad)
    controleer_bestand(pad, grenzen)
    contract = laad_contract()
    lezing = Lezing(contract, grenzen=grenzen)
    with Werkmap(pad, grenzen) as wm:
        bladen = _bladen(wm, lezing)
        versie = _werkboekversie(wm, lezing)
        for blad in contract.bladen:
            titel = next(
                (bladen[n] for n in (normaliseer(blad.naam), *map(normaliseer, blad.ook)) if n in bladen), None
            )
            if titel is None:
                lezing.fout(
                    f"het blad '{blad.naam}' ontbreekt in het werkboek; voeg het toe of begin met "
                    "'hitteplan nieuw' en kopieer de gegevens"
                )
                lezing.rijen[blad.attr] = [Rij(0)] if blad.soort == "velden" else []
                continue
            lezing.bladnamen[blad.attr] = titel
            cellen = _lees_cellen(wm, titel, lezing)
            _verborgen(wm, titel, cellen, lezing)
            if blad.soort == "velden":
                lezing.rijen[blad.attr] = [_lees_velden(blad, titel, cellen, lezing)]
            else:
                rijen = _lees_rijen(blad, titel, cellen, lezing)
                controleer_uniek(blad, titel, rijen, lezing)
                lezing.rijen[blad.attr] = rijen
    controleer_verwijzingen(lezing)
    controleer_samenhang(lezing, pad.resolve().parent)
    if any(m.ernst == Ernst.fout for m in lezing.meldingen):
        return None, lezing.meldingen
    werkboek = bouw_model(lezing, versie, pad.resolve().parent)
    return werkboek, lezing.meldingen + gereedheid(werkboek, lezing.bladnamen, vandaag)


def lees_werkboek(pad: str | Path, vandaag: dt.date | None = None) -> tuple[model.Werkboek, list[Melding]]:
    """Read a workbook for building: the model and its warnings, or :class:`WerkboekFout`."""
    werkboek, meldingen = lees(pad, vandaag)
    if werkboek is None:
        raise WerkboekFout(meldingen)
    return werkboek, [m for m in meldingen if m.ernst != Ernst.fout]
