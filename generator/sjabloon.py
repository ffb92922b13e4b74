"""Templates: finding them (a trekker's own folder over the shipped one), their TOML texts,
filling in a plain text, the size check of a finished document, and Dutch errors that point
at the paragraph of a Word template rather than at an XML line. The sandbox is in
:mod:`generator.zandbak`, the time and memory bounds in :mod:`generator.bewaking`, the cache of
compiled templates in :mod:`generator.sjablooncache`.
"""

from __future__ import annotations

import io
import re
import sys
import tomllib
import zipfile
from functools import cache
from pathlib import Path

import jinja2

from generator import begrenzing
from generator.bewaking import binnen_de_tijd
from generator.fouten import SjabloonFout, oorzaak
from generator.grenzen import STANDAARD as GRENZEN
from generator.grenzen import omvang
from generator.paden import standaard_sjablonen
from generator.pakket import controleer_document, controleer_pakket
from generator.zandbak import LadenVerboden, omgeving


class Sjablonen:
    """Where templates come from: a user's folder (``--sjablonen``) first, then the bundled
    defaults, so a municipality can restyle one document and keep the others."""

    def __init__(self, map_: str | Path | None = None):
        self.eigen = Path(map_) if map_ else None
        try:
            bestaat = self.eigen is None or self.eigen.is_dir()
        except OSError as err:
            raise SjabloonFout(f"De sjablonenmap '{self.eigen}' kan niet worden gebruikt: {oorzaak(err)}.") from err
        if not bestaat:
            raise SjabloonFout(f"De sjablonenmap '{self.eigen}' bestaat niet.")
        self.standaard = standaard_sjablonen()

    def pad(self, naam: str) -> Path:
        """The file of template ``naam``; a Word or PowerPoint template has passed the package
        checks of :func:`generator.pakket.controleer_pakket` (once per file and version)."""
        for map_ in (self.eigen, self.standaard):
            try:
                if map_ is not None and (map_ / naam).is_file():
                    pad = map_ / naam
                    if pad.suffix.lower() in (".docx", ".pptx"):
                        stat = pad.stat()
                        _gecontroleerd(str(pad.resolve()), stat.st_mtime_ns, stat.st_size)
                    return pad
            except OSError as err:
                raise SjabloonFout(f"Sjabloon '{naam}' kan niet worden gelezen: {oorzaak(err)}.") from err
        raise SjabloonFout(f"Het sjabloon '{naam}' ontbreekt in '{self.eigen or self.standaard}'.")

    def tekst(self, naam: str) -> str:
        try:
            return self.pad(naam).read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise SjabloonFout(
                f"Sjabloon '{naam}' is geen UTF-8-tekst; sla het op met de codering UTF-8 (in Kladblok: "
                "Opslaan als > Codering: UTF-8)."
            ) from err
        except OSError as err:
            raise SjabloonFout(f"Sjabloon '{naam}' kan niet worden gelezen: {oorzaak(err)}.") from err

    def toml(self, naam: str) -> dict:
        """A TOML file of texts, or a Dutch error naming it."""
        try:
            return tomllib.loads(self.tekst(naam))
        except tomllib.TOMLDecodeError as err:
            raise SjabloonFout(f"Sjabloon '{naam}' is geen geldig TOML-bestand: {err}.") from err

    def teksten(self, naam: str) -> Teksten:
        """A TOML file of texts with checked access (see :class:`Teksten`)."""
        return Teksten(naam, self.toml(naam))


@cache
def _gecontroleerd(pad: str, _versie: int, _grootte: int) -> None:
    controleer_pakket(Path(pad))


class Teksten:
    """The texts of one TOML template, by dotted key ('welkom.punten'): a key that is missing
    or holds the wrong kind of value is a :class:`SjabloonFout` naming the file and the key,
    never a Python error."""

    _SOORTEN = {
        str: "een tekst",
        list: "een lijst met teksten",
        dict: "een tabel",
        int: "een getal",
        float: "een getal",
    }

    def __init__(self, naam: str, data: dict):
        self.naam = naam
        self.data = data

    def waarde(self, sleutel: str, soort: type | tuple[type, ...] | None = None, standaard=None):
        waarde: object = self.data
        for deel in sleutel.split("."):
            if not isinstance(waarde, dict) or deel not in waarde:
                if standaard is not None:
                    return standaard
                raise SjabloonFout(f"Sjabloon '{self.naam}': de tekst '{sleutel}' ontbreekt.")
            waarde = waarde[deel]
        if soort is not None:  # a list is always a list of texts
            soorten = soort if isinstance(soort, tuple) else (soort,)
            goed = isinstance(waarde, soorten) and not isinstance(waarde, bool)
            if not goed or (isinstance(waarde, list) and not all(isinstance(w, str) for w in waarde)):
                raise SjabloonFout(f"Sjabloon '{self.naam}': '{sleutel}' moet {self._SOORTEN[soorten[0]]} zijn.")
        return waarde

    def tekst(self, sleutel: str) -> str:
        return self.waarde(sleutel, str)

    def lijst(self, sleutel: str) -> list[str]:
        return self.waarde(sleutel, list)

    def tabel(self, sleutel: str) -> dict:
        return self.waarde(sleutel, dict)

    def getal(self, sleutel: str, standaard: float) -> float:
        return float(self.waarde(sleutel, (int, float), standaard))


MAX_UITVOER = begrenzing.MAX_TEKST  # characters a template may produce for one document or text


MAX_UITGEPAKT = GRENZEN.document  # bytes one finished document may hold, unpacked


def controleer_omvang(data: bytes, sjabloon: str) -> bytes:
    """A finished document (an Office zip) whose content, unpacked, stays within
    :data:`MAX_UITGEPAKT` and that points nowhere outside itself; a template that made more
    (or composed a fetching field) gets a sentence naming it."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if len(data) > MAX_UITGEPAKT or sum(lid.file_size for lid in zf.infolist()) > MAX_UITGEPAKT:
            raise SjabloonFout(
                f"Sjabloon '{sjabloon}': het ingevulde document wordt groter dan {omvang(MAX_UITGEPAKT)}; staat "
                "er een lus in die te veel herhaalt?"
            )
        controleer_document(zf, sjabloon)
    return data


def _alinea_tekst(xml_regel: str) -> str:
    tekst = re.sub(r"<[^>]+>", "", xml_regel)
    return " ".join(tekst.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split())


def _regel_in_sjabloon(err: BaseException) -> int | None:
    """The template line a runtime error happened on (Jinja rewrites tracebacks so that
    template frames carry template line numbers)."""
    regel = getattr(err, "lineno", None)
    if regel:
        return int(regel)
    tb = err.__traceback__ if err.__traceback__ else sys.exc_info()[2]
    regel = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            regel = tb.tb_lineno
        tb = tb.tb_next
    return regel


def _wat(err: Exception) -> str:
    """What is wrong with a template, in Dutch, for any error raised while filling it in."""
    if isinstance(err, jinja2.UndefinedError):
        naam_m = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", err.message or "")
        onbekend = next((g for g in naam_m.groups() if g), None) if naam_m else None
        return f"onbekende naam '{onbekend}'" if onbekend else f"onbekende naam ({err.message})"
    if isinstance(err, jinja2.TemplateSyntaxError):
        if "looking for the following tags" in (err.message or "") or "unknown tag" in (err.message or ""):
            return "een {% if %} of {% for %} is niet afgesloten met {% endif %} of {% endfor %}, of omgekeerd"
        return "een tag is onjuist geschreven (sluit elke {{ af met }} en elke {% met %})"
    if isinstance(err, LadenVerboden | jinja2.TemplateNotFound) or "no loader" in str(err):
        return "{% include %}, {% import %} en {% extends %} kunnen niet: zet de tekst zelf in het sjabloon"
    if isinstance(err, begrenzing.TeGroot):
        return str(err)
    if isinstance(err, begrenzing.MethodeVerboden):
        return str(err)
    if isinstance(err, jinja2.exceptions.SecurityError):
        return "een tag probeert iets wat in een sjabloon niet mag"
    if isinstance(err, ZeroDivisionError):
        return "een berekening deelt door nul"
    if isinstance(err, TypeError | ValueError):
        return "een bewerking past niet bij de waarde (bijvoorbeeld rekenen met een tekst of een lege waarde)"
    if isinstance(err, RecursionError):
        return "een macro roept zichzelf te vaak aan"
    if isinstance(err, MemoryError | OverflowError):
        return "het invullen maakt te veel tekst"
    return f"er ging iets mis bij het invullen ({type(err).__name__})"


def render_tekst(sjabloon: str, waar: str, bron: str, context: dict) -> str:
    """A plain-text template (from a .toml or .txt in sjablonen/), strict and sandboxed; an
    error names the template and the text (``waar``)."""
    try:
        with binnen_de_tijd(sjabloon):
            uit = omgeving(autoescape=False, regels_wegknippen=False).from_string(bron).render(context)
    except (SjabloonFout, KeyboardInterrupt):
        raise
    except Exception as err:  # whatever a template does wrong (a Jinja error, 1/0, an include) gets its sentence
        raise SjabloonFout(f"Sjabloon '{sjabloon}', {waar}: {_wat(err)}.") from err
    if len(uit) > MAX_UITVOER:
        raise SjabloonFout(f"Sjabloon '{sjabloon}', {waar}: het invullen maakt te veel tekst.")
    return re.sub(r"[ \t]+\n", "\n", uit).strip()


def vertaal_fout(naam: str, err: Exception, bron_xml: str | None, waar: str | None = None) -> SjabloonFout:
    """A Jinja error in a Word template, as one Dutch sentence naming the template and
    quoting the paragraph. ``bron_xml`` is the template XML as rendered, one paragraph per
    line (docxtpl's own layout)."""
    regel = _regel_in_sjabloon(err)
    alinea = ""
    if bron_xml and regel:
        regels = bron_xml.splitlines()
        if 0 < regel <= len(regels):
            alinea = _alinea_tekst(regels[regel - 1])
    wat = _wat(err)
    plek = f" {waar}" if waar else f" in de alinea '{alinea[:160]}'" if alinea else ""
    return SjabloonFout(f"Sjabloon '{naam}': {wat}{plek}.")
