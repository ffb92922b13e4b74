"""Office packages besides the workbook: the Word and PowerPoint templates (``--sjablonen``)
and the documents made from them.

A template is refused before anything parses it when its package is too large or hostile
(the workbook's checks: size, unpacked size, compression ratio, number of parts, DTDs), and
when it points outside itself: a template attached from elsewhere, a linked picture or
object, a field that fetches (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE), a link to a file or
network share, an inserted document (altChunk), a mail merge's data source. Word would fetch
those when a bestuurder opens the document (a UNC link hands over the Windows password hash),
LibreOffice while it makes a PDF. Hyperlinks to web pages (http, https), e-mail addresses and
telephone numbers are text and may stay, when only a link refers to them.

Every part is read as Word and LibreOffice read it: XML by its content and content type, not
its name, in UTF-8, UTF-16 or UTF-32, by an XML parser (character references, CDATA,
comments, any namespace prefix), each field on its own in every way Word may read its code.
What the check cannot read so (a part that does not parse, two parts whose names differ only
in case) is refused: what it cannot read, it cannot pass.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from generator.fouten import SjabloonFout, oorzaak
from generator.grenzen import MB, STANDAARD, Grenzen, omvang

_RELATIES = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TEKST_LINK = ("http://", "https://", "mailto:", "tel:")
# the elements that may refer to a link to a web page (Word, DrawingML): text, never fetched
_KOPPELINGEN = {"hyperlink", "hlinkClick", "hlinkHover", "hlinkMouseOver"}
# field types that make Word or LibreOffice fetch something (a word of a field's code)
_VELDWOORD = re.compile(r"\b(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT|DATABASE|RD)\b", re.I)
# a scheme (file:, http:), or a network path however its slashes lean (\\server, //server, /\server)
_BUITEN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})", re.I)
# CSS: url(...) with what it points at (in any case, as CSS reads it)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)


# a DTD or entity declaration, in each encoding an XML part may have
_DTD = tuple(
    teken.encode(codering)
    for teken in ("<!DOCTYPE", "<!ENTITY")
    for codering in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
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
    return (map_ + (naam[:-5] if naam.lower().endswith(".rels") else naam)) or "het pakket"


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


class _Onleesbaar(Exception):
    """A package the check cannot read as Word or LibreOffice would: ``wat`` in part ``deel``."""

    def __init__(self, deel: str, wat: str) -> None:
        super().__init__(deel, wat)
        self.deel, self.wat = deel, wat


_NIET_TE_LEZEN = "een deel dat niet als XML te lezen is"
# byte-order marks and the first character '<' without one, per encoding (UTF-32 before UTF-16)
_CODERINGEN = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def _xml_codering(begin: bytes) -> str | None:
    """How a part whose content begins with ``begin`` is encoded as XML ("utf-8" for any
    ASCII-compatible one), or None when it does not look like XML (a picture, a printer's
    settings): by its content, not by its name, which a package may choose freely."""
    for teken, codering in _CODERINGEN:
        if begin.startswith(teken):
            return codering
    return "utf-8" if begin.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<" else None


def _als_xml(naam: str, data: bytes, xml_volgens_het_pakket: bool = False) -> bytes | None:
    """An XML part's bytes as UTF-8 (UTF-16 and UTF-32 converted, as Word and LibreOffice read
    them), or None for a part that is no XML. A part that looks like XML, or that the package
    calls XML, but cannot be decoded is refused (:class:`_Onleesbaar`): what the check cannot
    read, it cannot pass."""
    codering = _xml_codering(data[:64])
    if codering is None:
        if xml_volgens_het_pakket:
            raise _Onleesbaar(naam, _NIET_TE_LEZEN)
        return None
    if codering == "utf-8":
        return data
    try:
        tekst = data.decode(codering)
    except UnicodeDecodeError as err:
        raise _Onleesbaar(naam, _NIET_TE_LEZEN) from err
    # and its declaration no longer names its encoding, so that a parser reads the bytes as they are
    return re.sub(r"^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*([\"'])[^\"']*\2", r"\1", tekst).encode("utf-8")


def _ontleed(naam: str, data: bytes) -> ElementTree.Element:
    """The parsed XML of a part, or :class:`_Onleesbaar` (Word would not open it as it is)."""
    try:
        return ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError, LookupError) as err:
        raise _Onleesbaar(naam, _NIET_TE_LEZEN) from err


def _xml_deel(naam: str, data: bytes) -> ElementTree.Element:
    """The parsed XML of a part that must be XML (relationships, content types), or
    :class:`_Onleesbaar`."""
    return _ontleed(naam, _als_xml(naam, data, xml_volgens_het_pakket=True) or b"")


def _lokaal(naam: str) -> str:
    return naam.rsplit("}", 1)[-1]


_W = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SAMENGESTELD = "\x00samengesteld"  # a field whose type another field makes (QUOTE)


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


class _Lezing:
    """One way of reading a part's fields (which branch of mc:AlternateContent is left out,
    which elements count as code), gathering each field's code on its own."""

    def __init__(self, overslaan: str, soorten: frozenset[str]) -> None:
        self.overslaan, self.soorten = overslaan, soorten
        self.diepte_overgeslagen = 0  # inside the branch left out
        self.bereiken: list[list[list[str] | None]] = [[]]  # per text box its open fields (code so far; None past it)
        self.codes: list[str] = []

    def begin(self, element: ElementTree.Element, ns: str, lokaal: str) -> None:
        if self.diepte_overgeslagen or (ns == _MC and lokaal == self.overslaan):
            self.diepte_overgeslagen += 1
            return
        if lokaal == "txbxContent":
            self.bereiken.append([])  # a text box: its fields are its own
        elif ns in _W and lokaal == "fldChar":
            open_ = self.bereiken[-1]
            soort = next((v for k, v in element.attrib.items() if _lokaal(k) == "fldCharType"), "")
            if soort == "begin":
                if open_ and (code := open_[-1]) is not None and not "".join(code).strip():
                    self.codes.append(_SAMENGESTELD)  # its type would be the result of this field
                open_.append([])
            elif soort in ("separate", "end") and open_:
                if (code := open_[-1]) is not None:
                    self.codes.append("".join(code))
                    open_[-1] = None
                if soort == "end":
                    open_.pop()
        elif ns in _W and lokaal == "fldSimple":
            self.codes += [v for k, v in element.attrib.items() if _lokaal(k) == "instr"]

    def einde(self, element: ElementTree.Element, ns: str, lokaal: str) -> None:
        if self.diepte_overgeslagen:
            self.diepte_overgeslagen -= 1
            return
        if lokaal == "txbxContent" and len(self.bereiken) > 1:
            self.sluit(self.bereiken.pop())
        elif ns in _W and lokaal in self.soorten:
            tekst = "".join(element.itertext())
            open_ = self.bereiken[-1]
            if open_ and (code := open_[-1]) is not None:
                code.append(tekst)
            elif lokaal != "t":
                self.codes.append(tekst)  # instructions outside a field's begin: on their own

    def sluit(self, open_: list[list[str] | None]) -> None:
        self.codes += ["".join(code) for code in open_ if code is not None]  # a field never closed


def _velden(naam: str, data: bytes) -> tuple[list[str], ElementTree.Element]:
    """The code of each field in a part, one by one, in every way Word may read it: the
    instructions between a field's fldChar begin and separate (in as many runs as it likes),
    a nested field's apart and a text box's fields apart; either branch of
    mc:AlternateContent; the instructions as they are, as a rejected revision would make them
    (deleted ones), and with plain text where the code belongs. A simple field's instr.
    Character references, CDATA and comments as the XML parser reads them."""
    soorten = [frozenset({"instrText"})]
    if b"delInstrText" in data:
        soorten.append(frozenset({"delInstrText"}))
    if b"fldChar" in data:
        soorten.append(frozenset({"instrText", "delInstrText", "t"}))
    takken = ("Fallback", "Choice") if b"AlternateContent" in data else ("Fallback",)
    lezingen = [_Lezing(tak, soort) for tak in takken for soort in soorten]
    wortel = None
    try:
        for gebeurtenis, element in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
            tag = element.tag if isinstance(element.tag, str) else ""
            ns, lokaal = _ns(tag), _lokaal(tag)
            for lezing in lezingen:
                (lezing.begin if gebeurtenis == "start" else lezing.einde)(element, ns, lokaal)
            wortel = element
    except (ElementTree.ParseError, ValueError, LookupError) as err:
        raise _Onleesbaar(naam, _NIET_TE_LEZEN) from err
    if wortel is None:
        raise _Onleesbaar(naam, _NIET_TE_LEZEN)
    codes = []
    for lezing in lezingen:
        for open_ in lezing.bereiken:
            lezing.sluit(open_)
        codes += lezing.codes
    return codes, wortel  # the last element to end is the root


def _hyperlinkdoel(code: str) -> str | None:
    """The target of a HYPERLINK field (None for a link inside the document, \\l only)."""
    woorden = re.findall(r'"[^"]*"|\S+', code)[1:]
    i = 0
    while i < len(woorden):
        woord = woorden[i]
        if woord.startswith("\\"):
            i += 2 if woord.lower() in ("\\l", "\\o", "\\t") else 1  # these take an argument
            continue
        return woord.strip('"')
    return None


def _veld_buiten(code: str) -> str | None:
    """What a field with this code fetches from outside the file, or None: a fetching field
    (its first word, or such a word anywhere outside quotes: what stands before it may be
    text Word does not read as code), a field whose type another field makes, a HYPERLINK
    to anything but a web page, e-mail address or telephone number."""
    if code == _SAMENGESTELD:
        return "een veld waarvan een ander veld de soort maakt"
    if m := _VELDWOORD.search(re.sub(r'"[^"]*"', " ", code)):
        return f"een veld {m.group(1).upper()} dat iets van buiten het bestand haalt"
    if re.match(r"\s*HYPERLINK\b", code, re.I):
        doel = _hyperlinkdoel(code)
        if doel and not doel.lower().startswith(_TEKST_LINK):
            return f"een koppeling buiten het bestand ('{_kort(doel)}')"
    return None


def _adres_buiten(adres: str) -> bool:
    """An address that is fetched from outside the file (a picture in a data: address is inside)."""
    adres = adres.strip()
    return bool(_BUITEN.match(adres)) and not adres.lower().startswith("data:")


def _deel_buiten(naam: str, data: bytes) -> str | None:
    """What an XML part points at outside the file, or None: a field that fetches, an href or
    src attribute, Word's mail merge with a data source, CSS url() in an SVG picture, a style
    sheet linked by a processing instruction."""
    klein = data.lower()
    for stijl in re.finditer(rb"<\?xml-stylesheet\b[^>]*?\bhref\s*=\s*[\"']([^\"']*)", data, re.I):
        if _adres_buiten(adres := html.unescape(stijl.group(1).decode("utf-8", "replace"))):
            return f"iets buiten het bestand ('{_kort(adres.strip())}')"
    if not any(woord in klein for woord in (b"instr", b"fldchar", b"href", b"src", b"mailmerge", b"svg")):
        return None  # none of these is there (element and attribute names are written out): nothing to parse
    if b"instr" in klein or b"fldchar" in klein:
        codes, wortel = _velden(naam, data)
        for code in codes:
            if wat := _veld_buiten(code):
                return wat
    else:
        wortel = _ontleed(naam, data)
    svg = False
    for element in wortel.iter():
        if not isinstance(element.tag, str):
            continue
        lokaal = _lokaal(element.tag)
        svg = svg or lokaal == "svg"
        if lokaal == "mailMerge":
            return "een samenvoeging met een gegevensbron (Word's mail merge)"
        for sleutel, waarde in element.attrib.items():
            if _lokaal(sleutel).lower() in ("href", "src") and _adres_buiten(waarde):
                return f"iets buiten het bestand ('{_kort(waarde.strip())}')"
    if svg:  # CSS in an SVG picture: in a style element or attribute
        css = " ".join([*wortel.itertext(), *(v for e in wortel.iter() for v in e.attrib.values())])
        for m in _CSS_URL.finditer(css):
            if m.group(1) and not m.group(1).startswith("#") and not m.group(1).lower().startswith("data:"):
                return "een afbeelding die iets van buiten het bestand haalt"
    return None


def _relaties(naam: str, data: bytes) -> list[tuple[str, str, str, bool]]:
    """(Id, Type, Target, external) of each relationship in a relationships part."""
    return [
        (
            relatie.get("Id") or "",
            relatie.get("Type") or "",
            (relatie.get("Target") or "").strip(),
            (relatie.get("TargetMode") or "").strip().lower() == "external",
        )
        for relatie in _xml_deel(naam, data).iter(_RELATIES)
    ]


def _xml_typen(zf: zipfile.ZipFile, namen: dict[str, str]) -> tuple[set[str], set[str]]:
    """The extensions and part names (lower case) the package's [Content_Types].xml calls XML;
    ``namen``: each part's name by its lower-case name."""
    if "[content_types].xml" not in namen:
        return set(), set()
    naam = namen["[content_types].xml"]
    extensies, delen = set(), set()
    for element in _xml_deel(naam, zf.read(naam)).iter():
        soort = (element.get("ContentType") or "").lower()
        if isinstance(element.tag, str) and soort.endswith("xml"):
            if _lokaal(element.tag) == "Default":
                extensies.add((element.get("Extension") or "").lower())
            elif _lokaal(element.tag) == "Override":
                delen.add((element.get("PartName") or "").lstrip("/").lower())
    return extensies, delen


def buiten_het_pakket(zf: zipfile.ZipFile) -> tuple[str, str] | None:
    """The first thing in a package that points outside it, as (part, what), or None.
    Raises :class:`_Onleesbaar` for a package it cannot read as Word and LibreOffice do (two
    parts whose names differ only in case, an XML part it cannot decode or parse)."""
    namen: dict[str, str] = {}
    for lid in zf.infolist():
        if lid.filename.lower() in namen:  # the package format forbids it; which one would Word read?
            raise _Onleesbaar(lid.filename, "twee delen met dezelfde naam")
        namen[lid.filename.lower()] = lid.filename
    extensies, xml_delen = _xml_typen(zf, namen)
    for lid in zf.infolist():
        naam = lid.filename
        data = zf.read(lid)
        if naam.lower().endswith(".rels"):
            bron = _bron_van(naam)
            koppelingen: dict[str, str] = {}  # Id -> target of each link to a web page
            for rid, soort, doel, extern in _relaties(naam, data):
                if soort.endswith("/aFChunk"):  # a document Word reads in when it opens: no XML to check
                    return bron, f"een ingevoegd document ('{_kort(doel)}') dat Word bij het openen inleest"
                if extern and soort.endswith("/hyperlink") and doel.lower().startswith(_TEKST_LINK):
                    koppelingen[rid.strip()] = doel  # text, never fetched: if only a link refers to it
                    continue
                if extern or _BUITEN.match(doel):
                    return bron, f"{_soort_relatie(soort)} buiten het bestand ('{_kort(doel)}')"
            if koppelingen and bron.lower() in namen:
                # a relationship is found by its Id alone: one made for a link, used by a picture, is fetched
                echte = namen[bron.lower()]
                for element in _xml_deel(echte, zf.read(echte)).iter():
                    if isinstance(element.tag, str) and _lokaal(element.tag) not in _KOPPELINGEN:
                        for waarde in element.attrib.values():
                            if waarde.strip() in koppelingen:
                                return bron, f"iets buiten het bestand ('{_kort(koppelingen[waarde.strip()])}')"
            continue
        als_xml = naam.lower() in xml_delen or naam.rsplit(".", 1)[-1].lower() in extensies
        xml = _als_xml(naam, data, als_xml)
        if xml is not None and (wat := _deel_buiten(naam, xml)):
            return naam, wat
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
            try:
                buiten = buiten_het_pakket(zf)
            except _Onleesbaar as err:
                raise _weigering(naam, f"bevat {err.wat} ({err.deel})") from err
            if buiten is not None:
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
    try:
        buiten = buiten_het_pakket(zf)
    except _Onleesbaar as err:
        raise SjabloonFout(
            f"Sjabloon '{sjabloon}': het ingevulde document bevat {err.wat} ({err.deel}); zo'n document wordt "
            "niet gemaakt."
        ) from err
    if buiten is not None:
        deel, wat = buiten
        raise SjabloonFout(
            f"Sjabloon '{sjabloon}': het ingevulde document verwijst in {_deelnaam(deel)} naar {wat}; "
            "zo'n document wordt niet gemaakt."
        )
