"""Pictures at the size the documents need: a 20 MB logo printed 25 mm wide was embedded whole
in every letter and PDF (one upload yielded a 176 MB zip). A picture with far more pixels than
its printed width needs at :data:`DPI` is scaled down once per run; the result is the same
bytes on every run (Pillow writes no dates)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image

DPI = 300  # print quality
MARGE = 1.25  # a picture up to this much larger than needed is kept as it is


def op_maat(pad: str | Path, breedte_mm: float) -> bytes:
    """The picture ``pad`` for a print width of ``breedte_mm``: as it is when it is not much
    larger than needed, otherwise scaled down (PNG stays PNG with its transparency, JPEG stays
    JPEG; GIF and BMP become PNG)."""
    pad = Path(pad)
    stat = pad.stat()
    return _op_maat(str(pad), stat.st_mtime_ns, stat.st_size, round(breedte_mm, 1))


@lru_cache(maxsize=16)
def _op_maat(pad: str, _versie: int, _grootte: int, breedte_mm: float) -> bytes:
    data = Path(pad).read_bytes()
    nodig = max(1, round(breedte_mm / 25.4 * DPI))
    with Image.open(io.BytesIO(data)) as beeld:
        if beeld.width <= nodig * MARGE:
            return data
        soort = "JPEG" if beeld.format == "JPEG" else "PNG"
        hoogte = max(1, round(beeld.height * nodig / beeld.width))
        if soort == "JPEG":
            kleiner = beeld.convert("RGB" if beeld.mode not in ("RGB", "L", "CMYK") else beeld.mode)
        else:
            kleiner = beeld.convert(
                "RGBA" if beeld.mode in ("P", "LA", "PA", "RGBA") or "transparency" in beeld.info else "RGB"
            )
        kleiner = kleiner.resize((nodig, hoogte), Image.Resampling.LANCZOS)
        uit = io.BytesIO()
        if soort == "JPEG":
            kleiner.save(uit, "JPEG", quality=90, dpi=(DPI, DPI))
        else:
            kleiner.save(uit, "PNG", optimize=True, dpi=(DPI, DPI))
    return uit.getvalue() if len(uit.getvalue()) < len(data) else data
