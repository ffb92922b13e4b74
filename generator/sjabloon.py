"""Templates: finding them, a strict sandboxed Jinja environment, and Dutch errors that point
at the paragraph of a Word template rather than at an XML line.
"""

from __future__ import annotations

import _thread
import contextlib
import dataclasses
import datetime as dt
import hashlib
import io
import os
import re
import signal
import sys
import threading
import time
import tomllib
import zipfile
from functools import cache
from pathlib import Path

import jinja2
from jinja2.bccache import FileSystemBytecodeCache
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from generator import __version__, begrenzing, opmaak
from generator.fouten import SjabloonFout, oorzaak
from generator.grenzen import STANDAARD as GRENZEN
from generator.grenzen import omvang
from generator.paden import standaard_sjablonen
from generator.pakket import controleer_document, controleer_pakket


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


# What a template may look into: the project's own data (the model's frozen objects), plain
# values, and Jinja's own loop, namespace, cycler and joiner. Anything else (an object of a
# library, a module, a function's internals) is refused by every route: dot, subscript, |attr.
_GEGEVENS = (str, int, float, tuple, list, dict, dt.date, dt.time, dt.timedelta, LoopContext, Namespace, Cycler, Joiner)
# str methods whose output size the template chooses (a width, a format): unbounded output
_TEKST_OPREKKEN = {"ljust", "rjust", "center", "zfill", "expandtabs", "format", "format_map"}
MAX_UITVOER = begrenzing.MAX_TEKST  # characters a template may produce for one document or text
MAX_SECONDEN = 120  # seconds a template may take for one document
PER_DOCUMENT = 0.25  # seconds each document of a series adds to its shared budget (a letter takes about 0.015 s)
MAX_GEHEUGEN = 2 * 1024**3  # bytes a template may add to the process while it is filled in (where the system allows)


def eigen_gegevens(obj: object) -> bool:
    """Whether ``obj`` is the project's own data: a frozen object of :mod:`generator.model`."""
    return dataclasses.is_dataclass(obj) and not isinstance(obj, type) and type(obj).__module__ == "generator.model"


class _Omgeving(ImmutableSandboxedEnvironment):
    """The sandbox every template renders in. Attributes only of the project's own data and
    of plain values (no mutation); methods only from an allow-list; every operation whose
    size the template chooses measured before it runs (see :mod:`generator.begrenzing`).

    Each distinct template source is compiled once (:meth:`from_string`): every letter of a
    run renders the same Word template, every slide text is used again and again, and
    compiling was a fifth of a build."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = begrenzing.Code  # comparisons and ~ measured too
    concat = staticmethod(begrenzing.samenvoegen)  # the output, measured while it is collected
    vergelijk = staticmethod(begrenzing.vergelijk)
    aaneen = staticmethod(begrenzing.aaneen)

    def wrap_str_format(self, value):
        return None  # str.format and format_map are refused outright (see is_safe_attribute)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, str) and attr in _TEKST_OPREKKEN:
            return False
        return isinstance(obj, _GEGEVENS) or eigen_gegevens(obj)

    def call_binop(self, context, operator, left, right):
        begrenzing.binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        begrenzing.controleer_aanroep(__obj, args, kwargs, eigen_gegevens)
        return super().call(__context, __obj, *args, **kwargs)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 (jinja's name)
        """The template of ``source``, compiled once per run and, where a safe folder exists,
        kept compiled between runs (Jinja's bytecode cache, through :class:`_Bron`)."""
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        naam = hashlib.sha256(repr(self._sleutel(source)).encode("utf-8", "surrogatepass")).hexdigest()
        gecompileerd = self.__dict__.setdefault("gecompileerd", {})
        if naam not in gecompileerd:
            if len(gecompileerd) > 256:
                gecompileerd.clear()
            self.loader.naam, self.loader.bron = naam, source
            try:
                gecompileerd[naam] = self.loader.load(self, naam, self.make_globals(None))
            finally:
                self.loader.naam = self.loader.bron = None
        return gecompileerd[naam]

    def _sleutel(self, source: str) -> tuple:
        """The source and everything that changes the code it compiles to."""
        return (
            source,
            __version__,
            jinja2.__version__,
            begrenzing.CODEVERSIE,
            sorted(self.intercepted_binops),
            self.autoescape,
            self.trim_blocks,
            self.lstrip_blocks,
            self.keep_trailing_newline,
        )

    # {% include %}, {% import %} and {% extends %} load another template by name: refused,
    # whatever the name (also with 'ignore missing'), so a template is all there is
    def get_template(self, *args, **kwargs):
        raise LadenVerboden("een sjabloon kan geen ander sjabloon laden")

    select_template = get_or_select_template = get_template


class LadenVerboden(jinja2.exceptions.SecurityError):
    """A template tried to load another one ({% include %}, {% import %}, {% extends %})."""


class _Bron(jinja2.BaseLoader):
    """Serves only the source :meth:`_Omgeving.from_string` is compiling, under a name made
    from its checksum and the environment's settings, so that Jinja's bytecode cache can
    keep its compiled code (Jinja caches by name)."""

    def __init__(self):
        self.naam: str | None = None
        self.bron: str | None = None

    def get_source(self, environment, template):
        if template != self.naam or self.bron is None:
            raise jinja2.TemplateNotFound(template)
        return self.bron, None, lambda: True


class _Schijf(FileSystemBytecodeCache):
    """Jinja's bytecode cache on disk, where a file that cannot be read back (cut short,
    changed, from another Jinja) is compiled again instead of failing the build. The files
    are trusted as Python trusts its own .pyc files: the folder is the user's own (Jinja
    refuses one another user can write to)."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 (any damage: compile again, and the file is written anew)
            bucket.reset()


def _bytecodecache():
    """Jinja's cache of compiled templates in a folder of this user, or None when there is
    no such folder: then templates are compiled once per run. Deleting the files is always
    safe."""
    try:
        return _Schijf(pattern="hitteplan-%s.cache")
    except (OSError, RuntimeError):
        return None


_ACTIEF: list[str] = []  # the templates being filled in, innermost last (one build at a time per process)


def _geheugengrens():
    """Cap the address space the process may grow by while a template is filled in (Linux:
    RLIMIT_AS); returns the limits to restore, or None where this is not possible."""
    if not sys.platform.startswith("linux"):
        return None
    import resource  # here: the module exists on Unix only

    try:
        zacht, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm") as fh:
            nu = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        grens = nu + MAX_GEHEUGEN
        if hard != resource.RLIM_INFINITY:
            grens = min(grens, hard)
        if zacht != resource.RLIM_INFINITY and zacht <= grens:
            return None  # already as strict
        resource.setrlimit(resource.RLIMIT_AS, (grens, hard))
        return zacht, hard
    except (OSError, ValueError):
        return None


def tijdbudget(aantal: int) -> tuple[float, float]:
    """The time a series of ``aantal`` documents (every letter of a run) may take together:
    the limit of one document plus :data:`PER_DOCUMENT` for each; and the deadline
    (``time.monotonic()``) for :func:`binnen_de_tijd`."""
    budget = MAX_SECONDEN + PER_DOCUMENT * aantal
    return budget, time.monotonic() + budget


@contextlib.contextmanager
def binnen_de_tijd(sjabloon: str, seconden: float | None = None, einde: float | None = None):
    """Bound the work of filling in a template (a document, or a text): at most
    :data:`MAX_SECONDEN` seconds, and on Linux at most :data:`MAX_GEHEUGEN` more memory. A
    template that loops for ever is stopped with a :class:`SjabloonFout` naming it. A watchdog
    thread interrupts the main thread (``_thread.interrupt_main``, on every platform; Python's
    own handler of that interrupt is put in place for the while, also where a launcher had it
    ignored); a user's own Ctrl+C is passed on as it is. Nested uses share the outer watch and
    name the innermost template. ``einde``: a deadline (``time.monotonic()``) that a series of
    uses shares (every letter of a run), which together may take ``seconden``."""
    if _ACTIEF:
        _ACTIEF.append(sjabloon)
        try:
            yield
        finally:
            _ACTIEF.pop()
        return
    seconden = MAX_SECONDEN if seconden is None else seconden
    wachttijd = seconden if einde is None else max(0.01, einde - time.monotonic())
    slot = threading.Lock()
    toestand = {"klaar": False, "verlopen": False, "naam": sjabloon}

    def te_laat() -> None:
        with slot:
            if not toestand["klaar"]:
                toestand["verlopen"] = True
                toestand["naam"] = _ACTIEF[-1] if _ACTIEF else sjabloon
                _thread.interrupt_main()

    def fout() -> SjabloonFout:
        return SjabloonFout(
            f"Sjabloon '{toestand['naam']}': het invullen duurt langer dan {seconden:g} seconden; staat "
            "er een lus in die niet ophoudt, of een heel grote {% for %}?"
        )

    onderbreking = None
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        onderbreking = signal.signal(signal.SIGINT, signal.default_int_handler)
    klok = threading.Timer(wachttijd, te_laat)
    klok.daemon = True
    klok.start()
    oud = _geheugengrens()
    _ACTIEF.append(sjabloon)
    try:
        try:
            yield
        finally:
            with slot:
                toestand["klaar"] = True
            klok.cancel()
            _ACTIEF.clear()
            if onderbreking is not None:
                signal.signal(signal.SIGINT, onderbreking)
            if oud is not None:
                import resource  # only set on Linux (see _geheugengrens)

                resource.setrlimit(resource.RLIMIT_AS, oud)
    except KeyboardInterrupt:
        if toestand["verlopen"]:
            raise fout() from None
        raise
    if toestand["verlopen"]:  # the time ran out just as the work ended: absorb the interrupt on its way
        with contextlib.suppress(KeyboardInterrupt):
            time.sleep(0.05)
        raise fout()


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


@cache
def omgeving(autoescape: bool = True, regels_wegknippen: bool = True) -> SandboxedEnvironment:
    """A sandboxed environment (a template cannot reach Python internals or files) where an
    undefined name is an error, never an empty spot. ``regels_wegknippen`` drops the line
    break after a block tag (right for Word XML, wrong for plain texts with line breaks)."""
    env = _Omgeving(
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=regels_wegknippen,
        lstrip_blocks=regels_wegknippen,
        keep_trailing_newline=False,
        loader=_Bron(),
        bytecode_cache=_bytecodecache(),
    )
    env.finalize = begrenzing.afdrukbaar  # an optional field left empty prints nothing; a huge list is refused
    env.filters.update(opmaak.FILTERS)
    env.filters = begrenzing.begrens_filters(env.filters)
    env.tests = begrenzing.begrens_tests(env.tests)
    env.globals.update(opmaak.GLOBALS)
    env.globals["lipsum"] = begrenzing.lipsum
    return env


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
