"""The workbook contract (``sjablonen/werkboek.toml``) as small frozen objects.

The contract is always read from the bundled templates: a municipality may restyle the
documents, but the sheet names and field labels are fixed (see ``docs/werkboek.md``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

from generator.paden import standaard_sjablonen

TYPES = {
    "tekst",
    "langetekst",
    "lijst",
    "datum",
    "tijd",
    "geheel",
    "percentage",
    "janee",
    "keuze",
    "verwijzing",
    "email",
    "kleur",
    "wijkcode",
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
class Nodig:
    """One thing a document needs (a line of ``nodig`` in ``[[document]]``): a field of a
    ``velden`` sheet filled in; a ``rijen`` sheet with at least one row (``veld`` None), or
    with at least one row that fills ``veld``; for the sheet Bijeenkomsten, a column of the
    document's own meeting filled in (and equal to ``waarde`` when given)."""

    blad: str
    veld: str | None = None
    waarde: str | None = None


@dataclass(frozen=True)
class Documentsoort:
    """A kind of document the build makes, and what it needs before it can be made."""

    sleutel: str
    naam: str
    nodig: tuple[Nodig, ...] = ()
    bijeenkomst: str | None = None
    per: str | None = None
    ook_nodig: dict[str, tuple[Nodig, ...]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Contract:
    """The whole contract: its version, the sheets, the option lists and derived groupings."""

    versie: int
    bladen: tuple[Blad, ...]
    lijsten: dict[str, tuple[str, ...]]
    lagen: dict[str, tuple[str, ...]]
    zorgcategorieen: tuple[str, ...]
    zorglocatiesoorten: tuple[str, ...]
    eigen_categorieen: tuple[str, ...]
    toelichting_titel: str
    toelichting_regels: tuple[str, ...]
    documenten: tuple[Documentsoort, ...] = ()
    betekenis: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    gebiedswoorden: dict[str, tuple[str, str]] = field(default_factory=dict)  # Gebiedsnaam option -> (singular, plural)

    def document(self, sleutel: str) -> Documentsoort:
        return next(d for d in self.documenten if d.sleutel == sleutel)

    def nodig_voor(self, blad: str, veld: str) -> tuple[str, ...]:
        """The documents (their names) that need a field, for the hints in the blank workbook."""
        uit = []
        for d in self.documenten:
            if any(n.blad == blad and n.veld == veld for n in d.nodig):
                uit.append(d.naam.replace(" {bijeenkomst}", ""))
            uit += [
                d.naam.replace("{bijeenkomst}", f"voor de {soort.lower()}")
                for soort, nodig in d.ook_nodig.items()
                if any(n.blad == blad and n.veld == veld for n in nodig)
            ]
        return tuple(uit)

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


PER = {"bijeenkomst", "komende bijeenkomst"}


def _nodig(regel: str, bladen: list[Blad]) -> Nodig:
    """A line of ``nodig`` ("Blad", "Blad: Veld" or "Blad: Veld = Waarde") as a :class:`Nodig`
    of attribute names; an unknown sheet, field or option is an error in the contract."""
    bladnaam, _, rest = (deel.strip() for deel in regel.partition(":"))
    label, _, waarde = (deel.strip() for deel in rest.partition("="))
    blad = next((b for b in bladen if normaliseer(b.naam) == normaliseer(bladnaam)), None)
    if blad is None:
        raise ValueError(f"onbekend blad in nodig: {regel!r}")
    if not label:
        return Nodig(blad.attr)
    veld = next((v for v in blad.velden if normaliseer(label) in v.namen), None)
    if veld is None or (waarde and waarde not in veld.keuzes):
        raise ValueError(f"onbekend veld of keuze in nodig: {regel!r}")
    return Nodig(blad.attr, veld.attr, waarde or None)


def _documenten(ruw: list[dict], bladen: list[Blad]) -> tuple[Documentsoort, ...]:
    uit = []
    for d in ruw:
        if d.get("per") is not None and d["per"] not in PER:
            raise ValueError(f"onbekende waarde voor per: {d['per']!r}")
        uit.append(
            Documentsoort(
                sleutel=d["sleutel"],
                naam=d["naam"],
                nodig=tuple(_nodig(r, bladen) for r in d.get("nodig", ())),
                bijeenkomst=d.get("bijeenkomst"),
                per=d.get("per"),
                ook_nodig={
                    soort: tuple(_nodig(r, bladen) for r in regels) for soort, regels in d.get("ook_nodig", {}).items()
                },
            )
        )
    return tuple(uit)


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
            velden.append(
                Veld(
                    label=v["label"],
                    attr=v["attr"],
                    type=v["type"],
                    verplicht=v.get("verplicht", False),
                    uniek=v.get("uniek", False),
                    keuzes=keuzes,
                    verwijst=v.get("verwijst"),
                    standaard=v.get("standaard"),
                    breedte=v.get("breedte", 16),
                    uitleg=v.get("uitleg", ""),
                    ook=tuple(v.get("ook", ())),
                )
            )
        bladen.append(
            Blad(
                naam=b["naam"],
                attr=b["attr"],
                soort=b["soort"],
                velden=tuple(velden),
                uitleg=b.get("uitleg", ""),
                ook=tuple(b.get("ook", ())),
            )
        )
    gebied = next((v for b in bladen for v in b.velden if b.attr == "algemeen" and v.attr == "gebiedsnaam"), None)
    if gebied is not None and set(gebied.keuzes) != set(ruw.get("gebiedswoorden", {})):
        raise ValueError("[gebiedswoorden] moet voor elke keuze van Algemeen: Gebiedsnaam het enkel- en meervoud geven")
    return Contract(
        versie=ruw["versie"],
        bladen=tuple(bladen),
        lijsten=lijsten,
        lagen={k: tuple(v) for k, v in ruw["lagen"].items()},
        zorgcategorieen=tuple(ruw["zorg"]["categorieen"]),
        zorglocatiesoorten=tuple(ruw["zorg"]["locatiesoorten"]),
        eigen_categorieen=tuple(ruw["zorg"]["eigen"]),
        toelichting_titel=ruw["toelichting"]["titel"],
        toelichting_regels=tuple(ruw["toelichting"]["regels"]),
        documenten=_documenten(ruw.get("document", []), bladen),
        betekenis=_betekenis(ruw.get("betekenis", {}), bladen),
        gebiedswoorden={k: tuple(v) for k, v in ruw.get("gebiedswoorden", {}).items()},
    )


def _betekenis(ruw: dict, bladen: list[Blad]) -> dict[tuple[str, str], dict[str, str]]:
    """What the options the code acts on mean, per (sheet, field): meaning -> option word.
    A word that is not one of the field's options is an error in the contract."""
    uit = {}
    for blad_attr, velden in ruw.items():
        blad = next((b for b in bladen if b.attr == blad_attr), None)
        for veld_attr, woorden in velden.items():
            veld = next((v for v in blad.velden if v.attr == veld_attr), None) if blad else None
            if veld is None:
                raise ValueError(f"onbekend blad of veld in betekenis: {blad_attr}.{veld_attr}")
            for woord in woorden.values():
                if woord not in veld.keuzes:
                    raise ValueError(f"betekenis {blad_attr}.{veld_attr}: {woord!r} is geen keuze van het veld")
            uit[(blad_attr, veld_attr)] = dict(woorden)
    return uit
