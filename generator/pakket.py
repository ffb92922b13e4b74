"""Office packages besides the workbook: the Word and PowerPoint templates (``--sjablonen``)
and the documents made from them.

A template is refused before anything parses it when its package is too large or hostile
(the workbook's checks: size, unpacked size, compression ratio, number of parts, DTDs), and
when it points outside itself: a template attached from elsewhere, a linked picture or
object, a field that fetches (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE), a link to a file or
network share. Word would fetch those when a bestuurder opens the document (a UNC link hands
over the Windows password hash), LibreOffice while it makes a PDF. Hyperlinks to web pages
(http, https) and e-mail addresses are text and may stay.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from generator.fouten import SjabloonFout, oorzaak
from generator.grenzen import MB, STANDAARD, Grenzen, omvang

_RELATIES = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TEKST_LINK = ("http://", "https://", "mailto:")
# field codes that make Word or LibreOffice fetch something (a field's first word)
_VELDEN = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDE|DDEAUTO|IMPORT|DATABASE|RD)\b", re.I)
_HYPERLINKVELD = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+"[^"]*"\s+)*"?([^"\s]*)', re.I)
# href or src attributes (VML o:href, v:imagedata src, SVG href) that point anywhere but inside
_ADRES = re.compile(rb'(?<![\w:.-])(?:[\w.-]+:)?(?:href|src)\s*=\s*["\'](?!#)([^"\']*)["\']', re.I)
_BUITEN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|\\\\|//)", re.I)


# a DTD or entity declaration, in each encoding an XML part may have
_DTD = tuple(
    teken.encode(codering) for teken in ("<!DOCTYPE", "<!ENTITY") for codering in ("utf-8", "utf-16-le", "utf-16-be")
)


def bevat(zf: zipfile.ZipFile, lid: zipfile.ZipInfo, *zoek: bytes) -> bytes | None:
    """The first of ``zoek`` found anywhere in a member (read in pieces that overlap), or None."""
    rest = b""
    with zf.open(lid) as fh:
        while stuk := fh.read(64 * 1024):
            venster = rest + stuk
            for z in zoek:
                if z in venster:
                    return z
            rest = venster[-64:]
    return None


def _deelnaam(deel: str) -> str:
    """A part of a package as a trekker knows it: 'de tekst', 'een koptekst', 'dia-indeling 3'."""
    naam = deel.rsplit("/", 1)[-1]
    nummer = "".join(c for c in naam.split(".")[0] if c.isdigit())
    soorten = [
        ("word/document.xml", "de tekst"),
        ("word/header", "een koptekst"),
        ("word/footer", "een voettekst"),
        ("word/footnotes", "de voetnoten"),
        ("word/endnotes", "de eindnoten"),
        ("word/settings", "de instellingen"),
        ("word/", "het document"),
        ("ppt/slideLayouts/", f"dia-indeling {nummer}"),
        ("ppt/slideMasters/", f"diamodel {nummer}"),
        ("ppt/slides/", f"dia {nummer}"),
        ("ppt/notesMasters/", "het model van de notities"),
        ("ppt/", "de presentatie"),
        ("docProps/", "de eigenschappen"),
    ]
    soort = next((s for begin, s in soorten if deel.startswith(begin)), "het bestand")
    return f"{soort} ({deel})"


def _bron_van(rels: str) -> str:
    """The part a relationships part belongs to: word/_rels/document.xml.rels -> word/document.xml."""
    map_, _, naam = rels.rpartition("_rels/")
    return (map_ + naam.removesuffix(".rels")) or "het pakket"


def _soort_relatie(reltype: str) -> str:
    laatste = reltype.rsplit("/", 1)[-1]
    return {
        "attachedTemplate": "een sjabloon van een andere plek",
        "image": "een gekoppelde afbeelding",
        "oleObject": "een gekoppeld object",
        "package": "een gekoppeld object",
        "hyperlink": "een koppeling",
        "subDocument": "een document van een andere plek",
        "aFChunk": "een document van een andere plek",
        "frame": "een document van een andere plek",
        "video": "een gekoppelde video",
        "audio": "gekoppeld geluid",
        "media": "gekoppelde media",
    }.get(laatste, "iets")


def _kort(adres: str) -> str:
    return adres if len(adres) <= 80 else adres[:77] + "..."


_BOM16 = (b"\xff\xfe", b"\xfe\xff")


def _xml_codering(begin: bytes) -> str | None:
    """How a part whose content begins with ``begin`` is encoded as XML ("utf-8" for any
    ASCII-compatible one), or None when it is no XML (a picture, a printer's settings): by
    its content, not by its name, which a package may choose freely."""
    if begin.startswith(_BOM16):
        return "utf-16"
    if begin.startswith((b"<\x00", b"\x00<")):
        return "utf-16-le" if begin[0] == 0x3C else "utf-16-be"
    return "utf-8" if begin.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<" else None


def _als_xml(data: bytes) -> bytes | None:
    """An XML part's bytes as UTF-8 (a part in UTF-16 converted, as Word reads it), or None
    for a part that is no XML."""
    codering = _xml_codering(data[:64])
    if codering is None or codering == "utf-8":
        return data if codering else None
    try:
        tekst = data.decode(codering)
    except UnicodeDecodeError:
        return None
    # and its declaration no longer names UTF-16, so that a parser reads the bytes as they are
    return re.sub(r"^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*([\"'])[^\"']*\2", r"\1", tekst).encode("utf-8")


def _veldcodes(data: bytes) -> list[str]:
    """The field codes of a part as Word reads them: the text of all its instrText elements
    together (one field's code may be spread over several) and the instr of each fldSimple,
    whatever their namespace prefix, with character references, CDATA and comments read as
    an XML parser reads them."""
    try:
        wortel = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        # not well-formed: Word would not open it as it is; read the text between the tags
        return [html.unescape(re.sub(rb"<[^>]*>", b"", data).decode("utf-8", "replace"))]
    tekst, codes = [], []
    for element in wortel.iter():
        lokaal = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if lokaal == "instrText":
            tekst.append("".join(element.itertext()))
        elif lokaal == "fldSimple":
            codes += [waarde for sleutel, waarde in element.attrib.items() if sleutel.rsplit("}", 1)[-1] == "instr"]
    return ["".join(tekst), *codes]


def buiten_het_pakket(zf: zipfile.ZipFile) -> tuple[str, str] | None:
    """The first thing in a package that points outside it, as (part, what), or None."""
    for lid in zf.infolist():
        naam = lid.filename
        if naam.endswith(".rels"):
            try:
                wortel = ElementTree.fromstring(zf.read(lid))
            except ElementTree.ParseError:
                continue  # python-docx and python-pptx refuse it themselves
            for relatie in wortel.iter(_RELATIES):
                doel = relatie.get("Target") or ""
                soort = relatie.get("Type") or ""
                extern = (relatie.get("TargetMode") or "").lower() == "external"
                if extern and soort.endswith("/hyperlink") and doel.lower().startswith(_TEKST_LINK):
                    continue  # a link to a web page or an e-mail address: text, never fetched
                if extern or _BUITEN.match(doel):
                    return _bron_van(naam), f"{_soort_relatie(soort)} buiten het bestand ('{_kort(doel)}')"
            continue
        data = _als_xml(zf.read(lid))
        if data is None:
            continue
        # every part (a package names its parts as it likes): its fields, when it has any
        if b"instr" in data:
            for veld in _veldcodes(data):
                for stuk in re.split(
                    r"\s*(?=\b(?:INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT|HYPERLINK|DATABASE)\b)",
                    veld,
                    flags=re.I,
                ):
                    if m := _VELDEN.match(stuk):
                        return naam, f"een veld {m.group(1).upper()} dat iets van buiten het bestand haalt"
                    if (
                        (m := _HYPERLINKVELD.match(stuk))
                        and m.group(1)
                        and not m.group(1).lower().startswith(_TEKST_LINK)
                    ):
                        return naam, f"een koppeling buiten het bestand ('{_kort(m.group(1))}')"
        # the pattern only matches where "href" or "src" is (ASCII case, as re.I on bytes):
        # looked for first, since scanning a whole part with it costs ten times as much
        klein = data.lower()
        if b"href" in klein or b"src" in klein:
            for adresmatch in _ADRES.finditer(data):
                # as a parser reads it: character references (&#102;ile:) decoded
                adres = html.unescape(adresmatch.group(1).decode("utf-8", "replace")).strip()
                if _BUITEN.match(adres):
                    return naam, f"iets buiten het bestand ('{_kort(adres)}')"
        # CSS in an SVG picture (whatever the part is called): url( in any case, also written
        # with character references
        svg = re.search(rb"<(?:[\w.-]+:)?svg[\s>/]", data)
        if svg and re.search(r"url\(\s*['\"]?(?!#)", html.unescape(data.decode("utf-8", "replace")), re.I):
            return naam, "een afbeelding die iets van buiten het bestand haalt"
    return None


def _weigering(sjabloon: str, wat: str) -> SjabloonFout:
    return SjabloonFout(f"Sjabloon '{sjabloon}' {wat}; zo'n sjabloon wordt niet gebruikt.")


def controleer_pakket(pad: Path, grenzen: Grenzen = STANDAARD) -> None:
    """Refuse a Word or PowerPoint template (``pad``) before anything opens it: too large, a
    zip bomb, too many parts, XML with a DTD, or anything that points outside the package;
    one sentence naming the template (and the part)."""
    naam = pad.name
    try:
        grootte = pad.stat().st_size
    except OSError as err:
        raise SjabloonFout(f"Sjabloon '{naam}' kan niet worden gelezen: {oorzaak(err)}.") from err
    if grootte > grenzen.bestand:
        raise _weigering(naam, f"is {omvang(grootte)}, meer dan {omvang(grenzen.bestand)}")
    soort = "Word-bestand (.docx)" if naam.lower().endswith(".docx") else "PowerPoint-bestand (.pptx)"
    try:
        with zipfile.ZipFile(pad) as zf:
            leden = zf.infolist()
            if len(leden) > grenzen.delen:
                raise _weigering(naam, f"bestaat uit meer dan {grenzen.delen} delen")
            totaal = sum(lid.file_size for lid in leden)
            if totaal > grenzen.uitgepakt:
                raise _weigering(naam, f"zou uitgepakt {omvang(totaal)} worden, meer dan {omvang(grenzen.uitgepakt)}")
            for lid in leden:
                if lid.file_size > MB and lid.file_size > grenzen.verhouding * max(lid.compress_size, 1):
                    raise _weigering(
                        naam, f"is verdacht sterk ingepakt (meer dan {grenzen.verhouding} keer, in {lid.filename})"
                    )
            for lid in leden:  # every XML part, whole, whatever its name: a DTD may hide behind a long comment
                with zf.open(lid) as fh:
                    begin = fh.read(64)
                if _xml_codering(begin) is not None and bevat(zf, lid, *_DTD):
                    raise _weigering(naam, f"bevat XML met een eigen DTD of entiteiten ({lid.filename})")
            if (buiten := buiten_het_pakket(zf)) is not None:
                deel, wat = buiten
                raise SjabloonFout(
                    f"Sjabloon '{naam}' verwijst in {_deelnaam(deel)} naar {wat}; Word of LibreOffice "
                    "zou dat ophalen bij het openen. Haal het weg (of zet de afbeelding in het sjabloon "
                    "zelf) en sla het sjabloon opnieuw op."
                )
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, ValueError) as err:
        raise SjabloonFout(f"Sjabloon '{naam}' is geen geldig {soort}.") from err
    except OSError as err:
        raise SjabloonFout(f"Sjabloon '{naam}' kan niet worden gelezen: {oorzaak(err)}.") from err


def controleer_document(zf: zipfile.ZipFile, sjabloon: str) -> None:
    """A finished document that points outside itself (a template that composed a fetching
    field from pieces, say) is refused, naming its template."""
    if (buiten := buiten_het_pakket(zf)) is not None:
        deel, wat = buiten
        raise SjabloonFout(
            f"Sjabloon '{sjabloon}': het ingevulde document verwijst in {_deelnaam(deel)} naar {wat}; "
            "zo'n document wordt niet gemaakt."
        )
