"""The sandbox every template renders in: a strict, immutable Jinja environment where a
template sees only the project's own data and plain values, calls only allowed methods, loads
no other template, and every operation whose size it chooses is measured first
(:mod:`generator.begrenzing`). Compiled code is kept by :mod:`generator.sjablooncache`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from functools import cache

import jinja2
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from generator import __version__, begrenzing, opmaak
from generator.sjablooncache import bytecodecache

# What a template may look into: the project's own data (the model's frozen objects), plain
# values, and Jinja's own loop, namespace, cycler and joiner. Anything else (an object of a
# library, a module, a function's internals) is refused by every route: dot, subscript, |attr.
_GEGEVENS = (str, int, float, tuple, list, dict, dt.date, dt.time, dt.timedelta, LoopContext, Namespace, Cycler, Joiner)
# str methods whose output size the template chooses (a width, a format): unbounded output
_TEKST_OPREKKEN = {"ljust", "rjust", "center", "zfill", "expandtabs", "format", "format_map"}


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

    def __init__(self) -> None:
        self.naam: str | None = None
        self.bron: str | None = None

    def get_source(self, environment, template):
        if template != self.naam or self.bron is None:
            raise jinja2.TemplateNotFound(template)
        return self.bron, None, lambda: True


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
        bytecode_cache=bytecodecache(),
    )
    env.finalize = begrenzing.afdrukbaar  # an optional field left empty prints nothing; a huge list is refused
    env.filters.update(opmaak.FILTERS)
    env.filters = begrenzing.begrens_filters(env.filters)
    env.tests = begrenzing.begrens_tests(env.tests)
    env.globals.update(opmaak.GLOBALS)
    env.globals["lipsum"] = begrenzing.lipsum
    return env
