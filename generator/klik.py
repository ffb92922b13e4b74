"""click in Dutch, through its public extension points: a help formatter, command classes,
parameter types (:class:`Pad`, :class:`Getal`, :class:`Datum`) and one place that shows a usage
error (:func:`toon_gebruiksfout`). click itself is never changed. :class:`Groep` also catches
the project's errors once (:class:`~generator.fouten.HitteplanFout`): one Dutch sentence on
stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

import click

from generator.fouten import HitteplanFout, WerkboekFout

HULP = "Toon deze hulp en stop."


class Opmaak(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Gebruik: ")


class Context(click.Context):
    formatter_class = Opmaak


class Opdracht(click.Command):
    """A command whose help, usage and errors are Dutch."""

    context_class = Context

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.context_settings.setdefault("allow_extra_args", True)  # refused in Dutch in parse_args

    def get_help_option(self, ctx: click.Context):
        optie = super().get_help_option(ctx)
        if optie is not None:
            optie.help = HULP
        return optie

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        regels = [
            r
            for p in self.get_params(ctx)
            if not isinstance(p, click.Argument) and (r := p.get_help_record(ctx)) is not None
        ]
        if regels:
            with formatter.section("Opties"):
                formatter.write_dl(regels)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError as fout:
            fout.ctx = fout.ctx or ctx  # the parser's errors come without the command they belong to
            raise
        if ctx.args and not isinstance(self, click.Group):  # extra arguments are let through, then refused in Dutch
            raise click.UsageError(
                f"{'dit argument hoort' if len(ctx.args) == 1 else 'deze argumenten horen'} hier "
                f"niet: {' '.join(ctx.args)}",
                ctx,
            )
        return rest


class Pad(click.ParamType):
    """A path as given; with ``bestand``, it may not be a folder."""

    name = "pad"

    def __init__(self, bestand: bool = False):
        self.bestand = bestand

    def convert(self, value, param, ctx) -> Path:
        if not str(value).strip():
            self.fail("geef een naam op", param, ctx)
        pad = Path(value)
        if self.bestand and pad.is_dir():
            self.fail(f"'{value}' is een map; geef de naam van een bestand op", param, ctx)
        return pad


class Getal(click.ParamType):
    """A whole number from ``laagste`` to ``hoogste``."""

    name = "getal"

    def __init__(self, laagste: int, hoogste: int):
        self.laagste, self.hoogste = laagste, hoogste

    def convert(self, value, param, ctx) -> int:
        try:
            getal = int(value)
        except (TypeError, ValueError):
            self.fail(f"'{value}' is geen geheel getal", param, ctx)
        if not self.laagste <= getal <= self.hoogste:
            self.fail(f"{getal} ligt niet tussen {self.laagste} en {self.hoogste}", param, ctx)
        return getal


class Datum(click.ParamType):
    """A date as a trekker writes it: 3-3-2027, 3 maart 2027 or 2027-03-03."""

    name = "datum"

    def convert(self, value, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from generator.waarden import OngeldigeWaarde, lees_datum

        try:
            return lees_datum(value)
        except OngeldigeWaarde as err:
            self.fail(str(err), param, ctx)


def _suggestie(mogelijk) -> str:
    return f" Bedoelde u {' of '.join(mogelijk)}?" if mogelijk else ""


def gebruiksfout(fout: click.UsageError) -> str:
    """A usage error as Dutch, by the kind of error click raised (never its English text)."""
    if isinstance(fout, click.exceptions.NoSuchOption):
        return f"onbekende optie {fout.option_name}.{_suggestie(fout.possibilities)}"
    if isinstance(fout, click.exceptions.NoSuchCommand):
        return f"onbekende opdracht '{fout.command_name}'.{_suggestie(fout.possibilities)}"
    if isinstance(fout, click.BadOptionUsage):
        naam = fout.option_name
        opties = fout.ctx.command.get_params(fout.ctx) if fout.ctx else ()  # the help option too
        optie = next((p for p in opties if naam in getattr(p, "opts", ())), None)
        if optie is not None and getattr(optie, "is_flag", False):
            return f"de optie {naam} krijgt geen waarde; schrijf alleen {naam}."
        return f"de optie {naam} vraagt een waarde, bijvoorbeeld: {naam} {getattr(optie, 'metavar', None) or 'WAARDE'}"
    if isinstance(fout, click.MissingParameter):
        if isinstance(fout.param, click.Option):
            return f"de optie {fout.param.opts[0]} ontbreekt."
        naam = fout.param.human_readable_name if fout.param is not None else ""
        return f"ontbrekend argument {naam}." if naam else "er ontbreekt een argument."
    if isinstance(fout, click.BadParameter):
        wie = (
            (fout.param.opts[0] if isinstance(fout.param, click.Option) else fout.param.human_readable_name)
            if fout.param is not None
            else ""
        )
        return f"{wie}: {fout.message}." if wie else f"{fout.message}."
    return f"{fout.message}."  # the project's own usage errors, in Dutch


def toon_gebruiksfout(fout: click.UsageError) -> None:
    """The usage, the error in Dutch and where to find help, on stderr."""
    if isinstance(fout, click.exceptions.NoArgsIsHelpError):  # 'hitteplan' on its own: the help
        click.echo(fout.ctx.get_help(), err=True)
        return
    if fout.ctx is not None:
        click.echo(fout.ctx.get_usage(), err=True)
        hulp = fout.ctx.command.get_help_option_names(fout.ctx)
        if hulp:
            click.echo(f"Typ '{fout.ctx.command_path} {max(hulp, key=len)}' voor hulp.", err=True)
        click.echo("", err=True)
    zin = gebruiksfout(fout)
    click.echo(f"Fout: {zin[:1].upper()}{zin[1:]}", err=True)


class Groep(Opdracht, click.Group):
    """The command group: Dutch help and usage errors; an unforeseen error prints one line
    (or, with --debug, the traceback) instead of a bare traceback."""

    command_class = Opdracht

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        opdrachten = [
            (naam, opdracht)
            for naam in self.list_commands(ctx)
            if (opdracht := self.get_command(ctx, naam)) is not None and not opdracht.hidden
        ]
        breedte = formatter.width - 6 - max((len(naam) for naam, _ in opdrachten), default=0)
        regels = [(naam, opdracht.get_short_help_str(breedte)) for naam, opdracht in opdrachten]
        if regels:
            with formatter.section("Opdrachten"):
                formatter.write_dl(regels)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's main, with its errors shown in Dutch (exit status 2 for wrong usage)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            uitkomst = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as fout:
            toon_gebruiksfout(fout)
            sys.exit(fout.exit_code)
        except click.ClickException as fout:  # click's other errors, if ever one is raised
            click.echo(f"Fout: {fout.format_message()}", err=True)
            sys.exit(fout.exit_code)
        except click.Abort:  # Ctrl+C
            click.echo("Afgebroken.", err=True)
            sys.exit(1)
        sys.exit(uitkomst if isinstance(uitkomst, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WerkboekFout as fout:
            for melding in fout.fouten:
                click.echo(f"Fout: {melding}", err=True)
            aantal = len(fout.fouten)
            click.echo(
                f"{aantal} {'fout' if aantal == 1 else 'fouten'} in het werkboek; er zijn geen documenten "
                "gemaakt of veranderd.",
                err=True,
            )
            ctx.exit(1)
        except HitteplanFout as fout:
            click.echo(str(fout), err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading: not an error of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except Exception:
            if ctx.params.get("debug") or (ctx.obj or {}).get("debug"):
                traceback.print_exc()
            else:
                click.echo(
                    "Er ging iets onverwachts mis. Meld dit alstublieft bij de beheerders van hitteplan, "
                    "met de uitvoer van dezelfde opdracht met --debug ervoor.",
                    err=True,
                )
            ctx.exit(1)
