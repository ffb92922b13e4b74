"""Templates: finding them, a strict sandboxed Jinja environment, and Dutch errors that point
at the paragraph of a Word template rather than at an XML line.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from generator import opmaak
from generator.fouten import SjabloonFout
from generator.paden import standaard_sjablonen


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


class _Omgeving(SandboxedEnvironment):
    """Compiles each distinct template source once: every letter of a run shares one Word
    template, and every slide text is used again and again."""

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 (jinja's name)
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        cache = self.__dict__.setdefault("_gecompileerd", {})
        if source not in cache:
            if len(cache) > 256:
                cache.clear()
            cache[source] = super().from_string(source)
        return cache[source]


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
    if isinstance(err, jinja2.UndefinedError):
        naam_m = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", err.message or "")
        onbekend = next((g for g in naam_m.groups() if g), None) if naam_m else None
        wat = f"onbekende naam '{onbekend}'" if onbekend else f"onbekende naam ({err.message})"
    elif isinstance(err, jinja2.TemplateSyntaxError):
        if "looking for the following tags" in (err.message or "") or "unknown tag" in (err.message or ""):
            wat = "een {% if %} of {% for %} is niet afgesloten met {% endif %} of {% endfor %}, of omgekeerd"
        else:
            wat = "een tag is onjuist geschreven (sluit elke {{ af met }} en elke {% met %})"
    elif isinstance(err, jinja2.exceptions.SecurityError):
        wat = "een tag probeert iets wat in een sjabloon niet mag"
    else:
        wat = f"fout bij het invullen ({err})"
    waar = f" in de alinea '{alinea[:160]}'" if alinea else ""
    return SjabloonFout(f"Sjabloon '{naam}': {wat}{waar}.")
