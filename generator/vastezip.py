"""Office files with reproducible bytes: the same workbook gives the same .docx, .pptx and
.xlsx, byte for byte (fixed timestamps and permissions, members in their order)."""

from __future__ import annotations

import io
import re
import zipfile

_VAST_MOMENT = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold
_GEGENEREERD = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")


def vaste_zip(inhoud: bytes, bewerk=None) -> bytes:
    """The same zip (an Office file as a library saved it) with reproducible bytes: fixed
    timestamps and permissions, the members in their order, ``bewerk(name, data) -> data``
    applied to each. A workbook inside (a chart's data) is made reproducible too: it carries
    the moment it was made."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for lid in bron.infolist():
            data = bron.read(lid)
            if lid.filename.endswith(".xlsx"):
                data = vaste_zip(
                    data,
                    lambda naam, d: (
                        _GEGENEREERD.sub(rb"\g<1>2000-01-01T00:00:00Z\2", d) if naam == "docProps/core.xml" else d
                    ),
                )
            if bewerk is not None:
                data = bewerk(lid.filename, data)
            vast = zipfile.ZipInfo(lid.filename, _VAST_MOMENT)
            vast.compress_type = zipfile.ZIP_DEFLATED
            vast.external_attr = 0o600 << 16
            doel.writestr(vast, data)
    return uit.getvalue()


def bewaar(opslaan, bewerk=None) -> bytes:
    """The bytes of an Office package saved by a library's public ``save(stream)`` (a
    python-docx Document's or python-pptx Presentation's), made reproducible (see
    :func:`vaste_zip`)."""
    buffer = io.BytesIO()
    opslaan(buffer)
    return vaste_zip(buffer.getvalue(), bewerk)
