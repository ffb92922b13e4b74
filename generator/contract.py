"""The workbook contract (``sjablonen/werkboek.toml``) as small frozen objects.

The contract is always read from the bundled templates: a municipality may restyle the
documents, but the sheet names and field labels are fixed (see ``docs/werkboek.md``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from generator.paden import standaard_sjablonen

TYPES = {
    "tekst", "langetekst", "lijst", "datum", "tijd", "geheel", "percentage", "janee", "keuze",
    "verwijzing", "email", "kleur", "wijkcode",
}


def normaliseer(label: object) -> str:
    """Match key for labels and names: case, surrounding spaces and the difference between
    spaces, hyphens and underscores do not count (the contract's 'forgiving' matching)."""
    tekst = str(label).replace("\u00a0", " ").strip().casefold()
    return re.sub(r"[\s_\-]+", " ", tekst)


@dataclass(frozen=True)
class Veld:
    """One field: a row of a ``velden`` sheet or a column of a ``rijen`` sheet."""

    label: str
    attr: str
    type: str
    verplicht: bool = False
    uniek: bool = False
    keuzes: tuple[str, ...] = ()
    verwijst: str | None = None
    standaard: str | None = None
    breedte: int = 16
    uitleg: str = ""
    ook: tuple[str, ...] = ()

    @property
    def namen(self) -> set[str]:
        """Normalised label plus any older names still accepted."""
        return {normaliseer(self.label), *(normaliseer(o) for o in self.ook)}


@dataclass(frozen=True)
class Blad:
    """One sheet: ``velden`` (Veld | Waarde | Toelichting) or ``rijen`` (header in row 1)."""

    naam: str
    attr: str
    soort: str
    velden: tuple[Veld, ...]
    uitleg: str = ""
    ook: tuple[str, ...] = ()

    def veld(self, attr: str) -> Veld:
        return next(v for v in self.velden if v.attr == attr)


@dataclass(frozen=True)
class Contract:
    """The whole contract: its version, the sheets, the option lists and derived groupings."""

    versie: int
    bladen: tuple[Blad, ...]
    lijsten: dict[str, tuple[str, ...]]
    lagen: dict[str, tuple[str, ...]]
    zorgcategorieen: tuple[str, ...]
    zorglocatiesoorten: tuple[str, ...]
    toelichting_titel: str
    toelichting_regels: tuple[str, ...]

    def blad(self, attr: str) -> Blad:
        return next(b for b in self.bladen if b.attr == attr)

    def blad_op_naam(self, naam: str) -> Blad:
        return next(b for b in self.bladen if b.naam == naam)

    def laag(self, categorie: str) -> str:
        """The tier of the groslijst a stakeholder category belongs to."""
        for laag, categorieen in self.lagen.items():
            if categorie in categorieen:
                return laag
        return list(self.lagen)[-1]


@cache
def laad_contract() -> Contract:
    """Read and check ``werkboek.toml`` from the bundled templates (cached)."""
    with open(standaard_sjablonen() / "werkboek.toml", "rb") as fh:
        ruw = tomllib.load(fh)
    lijsten = {k: tuple(v) for k, v in ruw["lijsten"].items()}
    bladen = []
    for b in ruw["blad"]:
        velden = []
        for v in b["veld"]:
            keuzes = tuple(v.get("keuzes") or lijsten.get(v.get("lijst", ""), ()))
            if v["type"] not in TYPES:
                raise ValueError(f"onbekend type {v['type']!r} voor {b['naam']}/{v['label']}")
            velden.append(Veld(
                label=v["label"], attr=v["attr"], type=v["type"],
                verplicht=v.get("verplicht", False), uniek=v.get("uniek", False), keuzes=keuzes,
                verwijst=v.get("verwijst"), standaard=v.get("standaard"),
                breedte=v.get("breedte", 16), uitleg=v.get("uitleg", ""),
                ook=tuple(v.get("ook", ())),
            ))
        bladen.append(Blad(naam=b["naam"], attr=b["attr"], soort=b["soort"], velden=tuple(velden),
                           uitleg=b.get("uitleg", ""), ook=tuple(b.get("ook", ()))))
    return Contract(
        versie=ruw["versie"], bladen=tuple(bladen), lijsten=lijsten,
        lagen={k: tuple(v) for k, v in ruw["lagen"].items()},
        zorgcategorieen=tuple(ruw["zorg"]["categorieen"]),
        zorglocatiesoorten=tuple(ruw["zorg"]["locatiesoorten"]),
        toelichting_titel=ruw["toelichting"]["titel"],
        toelichting_regels=tuple(ruw["toelichting"]["regels"]),
    )
