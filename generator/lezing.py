"""The state of one read of a workbook: the rows read per sheet, with the cell each value
came from, and the findings so far. Shared by :mod:`generator.lezer` (reading),
:mod:`generator.samenhang` (checks across sheets) and :mod:`generator.modelbouw`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.contract import Contract
from generator.fouten import Ernst, Melding
from generator.grenzen import STANDAARD, Grenzen


@dataclass
class Rij:
    """One read row (or, for a ``velden`` sheet, the whole sheet): typed values by attr and
    the cell each came from."""

    rijnummer: int
    waarden: dict[str, Any] = field(default_factory=dict)
    cellen: dict[str, str] = field(default_factory=dict)


@dataclass
class Lezing:
    """State of one read: the contract, the findings so far and the rows per sheet."""

    contract: Contract
    meldingen: list[Melding] = field(default_factory=list)
    rijen: dict[str, list[Rij]] = field(default_factory=dict)
    bladnamen: dict[str, str] = field(default_factory=dict)
    kolommen: dict[str, dict[str, str]] = field(default_factory=dict)
    foutcellen: set[tuple[str | None, str | None]] = field(default_factory=set)
    grenzen: Grenzen = STANDAARD

    def fout(self, tekst: str, blad: str | None = None, cel: str | None = None) -> None:
        self.meldingen.append(Melding(tekst, blad, cel, Ernst.fout))
        self.foutcellen.add((blad, cel))

    def waarschuw(self, tekst: str, blad: str | None = None, cel: str | None = None) -> None:
        self.meldingen.append(Melding(tekst, blad, cel, Ernst.waarschuwing))


def heeft_fout(lezing: Lezing, blad: str | None, cel: str | None) -> bool:
    return (blad, cel) in lezing.foutcellen
