"""Names that are safe as a file or folder name on Windows, macOS and Linux; used by the
reader (folder names that must not collide), the renderers (letter names) and the build."""

from __future__ import annotations

import re
import unicodedata

_WINDOWS_GERESERVEERD = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def slug(naam: str) -> str:
    """A folder name safe on Windows and Linux: 's-Hertogenbosch -> s-hertogenbosch,
    Súdwest-Fryslân -> sudwest-fryslan; never empty, never a path."""
    tekst = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode("ascii").lower()
    tekst = re.sub(r"[^a-z0-9]+", "-", tekst).strip("-.")
    if not tekst or tekst in _WINDOWS_GERESERVEERD:
        tekst = f"gemeente-{tekst}".strip("-") if tekst else "gemeente"
    return tekst[:60]
