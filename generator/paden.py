"""Where the bundled templates live, whether installed from a wheel or run from a checkout."""

from __future__ import annotations

from pathlib import Path

_PAKKET = Path(__file__).resolve().parent


def standaard_sjablonen() -> Path:
    """The bundled ``sjablonen`` folder.

    In a wheel it is packaged as ``generator/sjablonen``; in a source checkout it is the
    ``sjablonen`` folder beside the package. Never relative to the current directory.
    """
    for kandidaat in (_PAKKET / "sjablonen", _PAKKET.parent / "sjablonen"):
        if (kandidaat / "werkboek.toml").is_file():
            return kandidaat
    raise FileNotFoundError(f"de map sjablonen is niet gevonden naast {_PAKKET}")
