"""Templates: finding them, a strict sandboxed Jinja environment, and Dutch errors that point
at the paragraph of a Word template rather than at an XML line.
"""

from __future__ import annotations

import hashlib
import re
import sys
from functools import cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from generator import opmaak
from generator.fouten import SjabloonFout, UitvoerFout
from generator.paden import standaard_sjablonen
from generator.uitvoer import schrijf_atomair


class Sjablonen:
    """Where templates come from: a user's folder (``--sjablonen``) first, then the bundled
    defaults, so a municipality can restyle one document and keep the others."""

    def __init__(self, map_: str | Path | None = None):
        self.eigen = Path(map_) if map_ else None
        if self.eigen is not None and not self.eigen.is_dir():
            raise SjabloonFout(f"De sjablonenmap '{self.eigen}' bestaat niet.")
        self.standaard = standaard_sjablonen()

    def pad(self, naam: str) -> Path:
        for map_ in (self.eigen, self.standaard):
            if map_ is not None and (map_ / naam).is_file():
                return map_ / naam
        raise SjabloonFout(f"Het sjabloon '{naam}' ontbreekt in '{self.eigen or self.standaard}'.")

    def tekst(self, naam: str) -> str:
        return self.pad(naam).read_text(encoding="utf-8")

    def toml(self, naam: str) -> dict:
        """A TOML file of texts, or a Dutch error naming it."""
        import tomllib

        try:
            return tomllib.loads(self.tekst(naam))
        except tomllib.TOMLDecodeError as err:
            raise SjabloonFout(f"Sjabloon '{naam}' is geen geldig TOML-bestand: {err}.") from err


def _cachemap() -> str | None:
    """Where compiled templates are kept between runs: on Windows a folder 'hitteplan' in the
    user's own temporary folder (%TEMP%); elsewhere Jinja's per-user folder in the temporary
    directory (Jinja refuses one another user could write to). Deleting it is always safe."""
    import os

    if os.name == "nt":
        import tempfile

        map_ = os.path.join(tempfile.gettempdir(), "hitteplan")
        os.makedirs(map_, exist_ok=True)
        return map_
    return None


class _VasteTekst:
    """A template without tags renders as itself (Jinja drops one final line break)."""

    def __init__(self, tekst: str):
        self.tekst = tekst

    def render(self, *_args, **_kwargs) -> str:
        return self.tekst


class _Omgeving(SandboxedEnvironment):
    """Compiles each distinct template source once per run, and keeps the compiled code on
    disk between runs: every letter of a run shares one Word template, every slide text is
    used again and again, and compiling the templates was a fifth of a build. A source that
    changed compiles afresh (the cache checks a checksum of the source); a cache that cannot
    be read or written is simply not used."""

    def schijf(self):
        """Jinja's cache on disk, or False when there is no safe folder for it."""
        from jinja2.bccache import FileSystemBytecodeCache

        cache = self.__dict__.get("_schijf")
        if cache is None:
            try:
                cache = FileSystemBytecodeCache(_cachemap(), "hitteplan-%s.cache")
            except (OSError, RuntimeError):  # no safe folder: compile every run
                cache = False
            self.__dict__["_schijf"] = cache
        return cache

    def _code(self, source: str):
        from generator import __version__

        cache = self.schijf()
        if not cache:
            return self.compile(source)
        # the key: the source and everything that changes how it compiles
        sleutel = repr((_vingerafdruk(source), type(self).__name__,
                        __version__, self.autoescape, self.trim_blocks, self.lstrip_blocks, self.keep_trailing_newline))
        try:
            bak = cache.get_bucket(self, sleutel, None, source)
        except (OSError, ValueError, EOFError):
            return self.compile(source)
        if bak.code is None:
            bak.code = self.compile(source)  # a syntax error is raised here and never cached
            try:
                cache.set_bucket(bak)
            except OSError:
                pass
        return bak.code

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 (jinja's name)
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        gecompileerd = self.__dict__.setdefault("_gecompileerd", {})
        if source not in gecompileerd:
            if len(gecompileerd) > 256:
                gecompileerd.clear()
            if "{" not in source and "\r" not in source:  # plain text: nothing to compile (a third of the deck's texts)
                gecompileerd[source] = _VasteTekst(source.removesuffix("\n"))
            else:
                gecompileerd[source] = self.template_class.from_code(self, self._code(source), self.make_globals(None))
        return gecompileerd[source]


def _vingerafdruk(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8", "surrogatepass")).hexdigest()


def onthouden(sleutel: str, maak) -> str:
    """``maak()``, a text made from a template and the same every run (docxtpl's clean-up of a
    Word template's XML for Jinja: 15 ms for the memo), kept on disk beside the compiled
    templates under a hash of ``sleutel``, its first line a checksum of the rest (a file cut
    short or changed is made again); without a usable cache folder simply made."""
    cache = omgeving().schijf()
    if not cache:
        return maak()
    pad = Path(cache.directory) / f"hitteplan-xml-{_vingerafdruk(sleutel)}.cache"
    try:
        controle, _, uit = pad.read_bytes().decode("utf-8", "surrogatepass").partition("\n")
        if controle == _vingerafdruk(uit):
            return uit
    except (OSError, UnicodeError):
        pass
    uit = maak()
    try:
        schrijf_atomair({pad: f"{_vingerafdruk(uit)}\n{uit}".encode("utf-8", "surrogatepass")})
    except UitvoerFout:  # no room or no rights: made again next run
        pass
    return uit


@cache
def omgeving(autoescape: bool = True, regels_wegknippen: bool = True) -> SandboxedEnvironment:
    """A sandboxed environment (a template cannot reach Python internals or files) where an
    undefined name is an error, never an empty spot. ``regels_wegknippen`` drops the line
    break after a block tag (right for Word XML, wrong for plain texts with line breaks)."""
    env = _Omgeving(undefined=jinja2.StrictUndefined, autoescape=autoescape,
                               trim_blocks=regels_wegknippen, lstrip_blocks=regels_wegknippen,
                               keep_trailing_newline=False)
    env.finalize = lambda waarde: "" if waarde is None else waarde  # an optional field left empty
    env.filters.update(opmaak.FILTERS)
    env.globals.update(opmaak.GLOBALS)
    return env


def _alinea_tekst(xml_regel: str) -> str:
    tekst = re.sub(r"<[^>]+>", "", xml_regel)
    return " ".join(tekst.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split())


def _regel_in_sjabloon(err: BaseException) -> int | None:
    """The template line a runtime error happened on (Jinja rewrites tracebacks so that
    template frames carry template line numbers)."""
    if getattr(err, "lineno", None):
        return err.lineno
    tb = err.__traceback__ if err.__traceback__ else sys.exc_info()[2]
    regel = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            regel = tb.tb_lineno
        tb = tb.tb_next
    return regel


def _wat(err: Exception) -> str:
    """What is wrong with a template, in Dutch, for any Jinja error."""
    if isinstance(err, jinja2.UndefinedError):
        naam_m = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", err.message or "")
        onbekend = next((g for g in naam_m.groups() if g), None) if naam_m else None
        return f"onbekende naam '{onbekend}'" if onbekend else f"onbekende naam ({err.message})"
    if isinstance(err, jinja2.TemplateSyntaxError):
        if "looking for the following tags" in (err.message or "") or "unknown tag" in (err.message or ""):
            return "een {% if %} of {% for %} is niet afgesloten met {% endif %} of {% endfor %}, of omgekeerd"
        return "een tag is onjuist geschreven (sluit elke {{ af met }} en elke {% met %})"
    if isinstance(err, jinja2.exceptions.SecurityError):
        return "een tag probeert iets wat in een sjabloon niet mag"
    return f"fout bij het invullen ({err})"


def render_tekst(sjabloon: str, waar: str, bron: str, context: dict) -> str:
    """A plain-text template (from a .toml or .txt in sjablonen/), strict and sandboxed; an
    error names the template and the text (``waar``)."""
    try:
        uit = omgeving(autoescape=False, regels_wegknippen=False).from_string(bron).render(context)
    except (jinja2.TemplateError, jinja2.exceptions.SecurityError) as err:
        raise SjabloonFout(f"Sjabloon '{sjabloon}', {waar}: {_wat(err)}.") from err
    return re.sub(r"[ \t]+\n", "\n", uit).strip()


def vertaal_fout(naam: str, err: Exception, bron_xml: str | None) -> SjabloonFout:
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
    waar = f" in de alinea '{alinea[:160]}'" if alinea else ""
    return SjabloonFout(f"Sjabloon '{naam}': {wat}{waar}.")
