"""The workbook's options the code acts on, by what they mean.

The words themselves are in the contract (``[betekenis]`` in ``sjablonen/werkboek.toml``):
the code says ``PARTNER.afgehaakt``, never ``"Afgehaakt"``, so that an option renamed in the
contract is renamed everywhere, and a meaning the contract lacks fails at import.
"""

from __future__ import annotations

from types import MappingProxyType

from generator.contract import laad_contract


class Woorden:
    """The option words of one field, as attributes by meaning."""

    def __init__(self, blad: str, veld: str):
        woorden = laad_contract().betekenis.get((blad, veld))
        if woorden is None:
            raise ValueError(f"werkboek.toml: [betekenis.{blad}.{veld}] ontbreekt")
        self._woorden = MappingProxyType(woorden)
        self._waar = f"{blad}.{veld}"

    def __getattr__(self, betekenis: str) -> str:
        try:
            return self._woorden[betekenis]
        except KeyError:
            raise AttributeError(f"werkboek.toml: [betekenis.{self._waar}] kent '{betekenis}' niet") from None


STUK = Woorden("notitie", "soort_stuk")
PARTNER = Woorden("stakeholders", "status")
SOORT = Woorden("bijeenkomsten", "soort")
BIJEENKOMST = Woorden("bijeenkomsten", "status")
LOCATIE = Woorden("locaties", "soort")
DOEL = Woorden("doelen", "status")
KNELPUNT = Woorden("knelpunten", "soort")
PLANNING = Woorden("planning", "status")
