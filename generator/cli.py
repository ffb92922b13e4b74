"""The ``hitteplan`` command: a thin shell over :mod:`generator.opdrachten`.

Each command parses its options, calls one library function and prints the result. Every
foreseeable problem is a :class:`~generator.fouten.HitteplanFout`: caught once here, printed
in Dutch on stderr, exit status 1. Wrong usage is click's own, exit status 2.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from generator import __version__
from generator.fouten import HitteplanFout, WerkboekFout

# click's own texts (usage, errors, help) in Dutch: click looks each up through ``_``.
_NL = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon het versienummer en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor hulp.",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing command.": "Geef een opdracht.",
    "No such option: {name}": "Onbekende optie: {name}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Option {name!r} does not take a value.": "Optie {name!r} heeft geen waarde.",
    "Option {name!r} requires an argument.": "Optie {name!r} vraagt een waarde.",
    "default: {default}": "standaard: {default}",
    "Aborted!": "Afgebroken.",
    "Did you mean {possibility!r}?": "Bedoelde u {possibility!r}?",
}


STANDAARD_WERKBOEK = Path("invoer/voorbeeld.xlsx")


def _vertaal(tekst: str) -> str:
    return _NL.get(tekst, tekst)


def _ngettext(enkel: str, meer: str, n: int) -> str:
    return _vertaal(enkel if n == 1 else meer)


for _module in ("core", "exceptions", "formatting", "decorators", "parser", "types"):
    _mod = sys.modules.get(f"click.{_module}") or __import__(f"click.{_module}", fromlist=["_"])
    if hasattr(_mod, "_"):
        _mod._ = _vertaal
    if hasattr(_mod, "ngettext"):
        _mod.ngettext = _ngettext


class _Groep(click.Group):
    """The command group: an unforeseen error prints one line (or, with --debug, the
    traceback) instead of a bare traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WerkboekFout as fout:
            for melding in fout.fouten:
                click.echo(f"Fout: {melding}", err=True)
            aantal = len(fout.fouten)
            click.echo(f"{aantal} {'fout' if aantal == 1 else 'fouten'} in het werkboek; er zijn geen documenten "
                       "gemaakt of veranderd.", err=True)
            ctx.exit(1)
        except HitteplanFout as fout:
            click.echo(str(fout), err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading: not an error of ours
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except Exception:
            if ctx.params.get("debug") or (ctx.obj or {}).get("debug"):
                traceback.print_exc()
            else:
                click.echo("Er ging iets onverwachts mis. Meld dit alstublieft bij de beheerders van hitteplan, "
                           "met de uitvoer van dezelfde opdracht met --debug ervoor.", err=True)
            ctx.exit(1)


@click.group(name="hitteplan", cls=_Groep, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             options_metavar="[OPTIES]", subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
@click.version_option(__version__, "--versie", prog_name="hitteplan")
@click.option("--debug", is_flag=True, help="Toon bij een onverwachte fout de volledige technische melding.")
@click.pass_context
def hoofd(ctx: click.Context, debug: bool) -> None:
    """Maak de documenten voor fase 2 van het lokaal hitteplan uit één Excel-werkboek.

    \b
    Voorbeeld:
      hitteplan nieuw mijn-werkboek.xlsx
      hitteplan controleer mijn-werkboek.xlsx
      hitteplan bouw mijn-werkboek.xlsx
    """
    ctx.obj = {"debug": debug}


@hoofd.command(options_metavar="[OPTIES]")
@click.argument("pad", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overschrijven", is_flag=True, help="Vervang een bestaand bestand met dezelfde naam.")
@click.option("--voorbeeld", is_flag=True, help="Schrijf het ingevulde voorbeeldwerkboek in plaats van een leeg werkboek.")
def nieuw(pad: Path, overschrijven: bool, voorbeeld: bool) -> None:
    """Schrijf een nieuw, leeg werkboek om in te vullen.

    Het werkboek heeft een blad Toelichting, keuzelijsten en uitleg bij elke kolom.
    Een bestaand bestand wordt niet overschreven, tenzij u --overschrijven meegeeft.

    \b
    Voorbeeld:
      hitteplan nieuw hitteplan-2027.xlsx
    """
    from generator.opdrachten import nieuw_werkboek

    nieuw_werkboek(pad, overschrijven=overschrijven, voorbeeld=voorbeeld)
    click.echo(f"Geschreven: {pad}")


@hoofd.command(options_metavar="[OPTIES]")
@click.argument("werkboek", type=click.Path(path_type=Path))
def controleer(werkboek: Path) -> None:
    """Controleer een werkboek en noem elk probleem met blad en cel.

    Fouten moeten worden opgelost voordat de documenten gemaakt kunnen worden (exitcode 1).
    Waarschuwingen mogen blijven staan, maar zijn het bekijken waard (exitcode 0).

    \b
    Voorbeeld:
      hitteplan controleer invoer/voorbeeld.xlsx
    """
    from generator.opdrachten import controleer_werkboek

    wb, meldingen = controleer_werkboek(werkboek)
    fouten = [m for m in meldingen if m.ernst == "fout"]
    waarschuwingen = [m for m in meldingen if m.ernst != "fout"]
    for m in fouten:
        click.echo(f"Fout: {m}", err=True)
    for m in waarschuwingen:
        click.echo(f"Waarschuwing: {m}", err=True)
    if fouten:
        click.echo(f"{_aantal(len(fouten), 'fout', 'fouten')} en {_aantal(len(waarschuwingen), 'waarschuwing', 'waarschuwingen')} "
                   f"in {werkboek.name}. Los de fouten op en controleer opnieuw.", err=True)
        sys.exit(1)
    _toon_voortgang(wb)
    click.echo(f"{werkboek.name} is in orde: geen fouten, "
               f"{_aantal(len(waarschuwingen), 'waarschuwing', 'waarschuwingen')}.")


def _toon_voortgang(wb) -> None:
    """Where the trekker stands: the moment in phase 2, each document ready or waiting (with
    the cells), and the next step."""
    from generator.opdrachten import voortgang
    from generator.opmaak import datum

    stand = voortgang(wb)
    click.echo(f"Stand van zaken: {stand.momentnaam}{f' ({datum(stand.momentdatum)})' if stand.momentdatum else ''}.")
    for d in stand.documenten:
        click.echo(f"  Klaar: {d.naam}" if d.klaar else f"  Wacht: {d.naam} — {d.wacht_op}")
    click.echo(f"Volgende stap: {stand.volgende_stap}{f', gepland {datum(stand.volgende_datum)}' if stand.volgende_datum else ''}.")


def _aantal(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


@hoofd.command(options_metavar="[OPTIES]")
@click.argument("werkboek", type=click.Path(path_type=Path), default=STANDAARD_WERKBOEK, required=False)
@click.option("-o", "--uitvoer", metavar="MAP",
              help="Map voor de documenten (standaard: uitvoer/<gemeente>; bij een map met werkboeken: "
                   "uitvoer/, met daarin een map per gemeente).")
@click.option("--sjablonen", metavar="MAP",
              help="Map met eigen sjablonen in de huisstijl van de gemeente; wat daar ontbreekt, komt uit de "
                   "standaardsjablonen.")
@click.option("--pdf", is_flag=True, help="Maak ook een PDF van elk document (daarvoor is LibreOffice nodig).")
@click.option("--overschrijven", is_flag=True,
              help="Vervang ook documenten die u met de hand hebt aangepast; het oude bestand gaat eerst naar een "
                   "map 'reservekopie' met de datum van vandaag.")
def bouw(werkboek: Path, uitvoer: str | None, sjablonen: str | None, pdf: bool, overschrijven: bool) -> None:
    """Maak de documenten uit een werkboek, of uit alle werkboeken in een map.

    Zonder werkboek wordt het voorbeeld invoer/voorbeeld.xlsx gebruikt. Eerst worden alle
    documenten gemaakt; pas als alles gelukt is, worden ze weggeschreven. Een mislukte
    opdracht laat eerdere documenten dus ongemoeid. Een document dat u met de hand hebt
    aangepast, blijft staan; de nieuwe versie komt ernaast, als 'naam (nieuw).docx'. Bij een
    map gaat de opdracht door na een werkboek met fouten, en eindigt dan met exitcode 1.

    \b
    Voorbeeld:
      hitteplan bouw mijn-werkboek.xlsx -o documenten
      hitteplan bouw werkboeken-ggd-regio/ --pdf
    """
    from generator.opdrachten import controleer_mappen

    uitvoer, sjablonen = controleer_mappen(uitvoer, sjablonen)
    if werkboek == STANDAARD_WERKBOEK and not werkboek.exists():
        click.echo(f"Het voorbeeld '{werkboek}' staat niet in deze map. Geef uw werkboek op, bijvoorbeeld: "
                   "hitteplan bouw mijn-werkboek.xlsx", err=True)
        sys.exit(1)
    if werkboek.is_dir():
        _bouw_map(werkboek, uitvoer, sjablonen, pdf, overschrijven)
        return
    from generator.opdrachten import bouw_documenten

    resultaat = bouw_documenten(werkboek, uitvoer, sjablonen, pdf, overschrijven)
    for m in resultaat.waarschuwingen:
        if m.ernst == "waarschuwing":
            click.echo(f"Waarschuwing: {m}", err=True)
    click.echo(f"Geschreven in {resultaat.map}{'/' if not str(resultaat.map).endswith('/') else ''}:")
    mappen: dict[str, list[Path]] = {}
    for pad in resultaat.bestanden:
        relatief = pad.relative_to(resultaat.map)
        if len(relatief.parts) == 1:
            click.echo(f"  {relatief}")
        else:
            mappen.setdefault(relatief.parts[0], []).append(relatief)
    for map_, paden in mappen.items():
        brieven = sum(1 for p in paden if p.suffix == ".docx")
        overig = ", ".join(p.name for p in paden if p.suffix not in (".docx", ".pdf"))
        pdfs = sum(1 for p in paden if p.suffix == ".pdf")
        click.echo(f"  {map_}/: {brieven} {'brief' if brieven == 1 else 'brieven'}"
                   f"{f' (met {pdfs} pdf)' if pdfs else ''}{', ' + overig if overig else ''}")
    for m in resultaat.waarschuwingen:
        if m.ernst == "info":
            click.echo(f"  Niet gemaakt: {m}")
        elif m.ernst == "bellen":
            click.echo(f"  Eerst bellen: {m}")
    for a in resultaat.aangepast:
        click.echo(_aangepast(a, resultaat.map))
    for d in resultaat.wachtend:
        click.echo(f"Nog niet gemaakt: {d.naam} — {d.wacht_op}")


def _aangepast(a, map_: Path) -> str:
    """One line about a document the trekker changed by hand."""
    if a.reservekopie is not None:
        return (f"Met de hand aangepast, toch vervangen (--overschrijven): {a.origineel.relative_to(map_)}; het oude "
                f"bestand staat in {a.reservekopie.relative_to(map_)}")
    return (f"Met de hand aangepast, blijft staan: {a.origineel.relative_to(map_)}; de nieuwe versie staat ernaast: "
            f"{a.nieuw.relative_to(map_)}")


def _bouw_map(map_: Path, uitvoer: Path | None, sjablonen: Path | None, pdf: bool, overschrijven: bool) -> None:
    """Every workbook in a folder: a progress bar, then one line per workbook."""
    from generator.opdrachten import bouw_alle

    werkboeken, stappen = bouw_alle(map_, uitvoer, sjablonen, pdf, overschrijven)
    if not werkboeken:
        click.echo(f"In '{map_}' staan geen Excel-werkboeken (.xlsx).", err=True)
        sys.exit(1)
    regels, mislukt = [], 0
    try:
        with click.progressbar(stappen, length=len(werkboeken), label="Werkboeken", file=sys.stderr,
                               show_pos=True) as balk:
            for werkboek, resultaat in balk:
                if isinstance(resultaat, HitteplanFout):
                    mislukt += 1
                    eerste = (resultaat.fouten[0] if isinstance(resultaat, WerkboekFout) else resultaat)
                    aantal = len(resultaat.fouten) if isinstance(resultaat, WerkboekFout) else 1
                    regels.append(f"Mislukt: {werkboek.name}: {eerste}{f' (en nog {aantal - 1})' if aantal > 1 else ''}")
                else:
                    waarsch = sum(1 for m in resultaat.waarschuwingen if m.ernst == "waarschuwing")
                    regels.append(f"Gelukt: {werkboek.name} -> {resultaat.map}/ ({len(resultaat.bestanden)} bestanden"
                                  f"{f', {waarsch} waarschuwingen' if waarsch else ''})")
                    regels += [f"  {_aangepast(a, resultaat.map)}" for a in resultaat.aangepast]
    finally:  # what was built is always told, also when the overview at the end could not be written
        for regel in regels:
            click.echo(regel, err=regel.startswith("Mislukt"))
    click.echo(f"Overzicht van alle werkboeken: {stappen.overzicht}")
    click.echo(f"{len(werkboeken) - mislukt} van {len(werkboeken)} werkboeken gelukt"
               f"{'; PDF' + chr(39) + 's gemaakt' if pdf else ''}.")
    if mislukt:
        sys.exit(1)


@hoofd.command(options_metavar="[OPTIES]")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Het adres waarop de pagina luistert; 127.0.0.1 is alleen deze computer.")
@click.option("--poort", default=8000, show_default=True, type=click.IntRange(0, 65535), help="De poort.")
@click.option("--open", "openen", is_flag=True, help="Open de pagina meteen in de browser.")
def web(host: str, poort: int, openen: bool) -> None:
    """Bied hitteplan aan als pagina in de browser, tot Ctrl+C.

    Op de pagina downloadt u een leeg werkboek of het voorbeeld, kiest u uw ingevulde werkboek
    met zijn afbeeldingen, ziet u de fouten per blad en cel en de stand van zaken, en downloadt
    u de documenten als zip. Er wordt niets bewaard.

    \b
    Voorbeeld:
      hitteplan web --open
    """
    from generator.web.app import serveer

    serveer(host, poort, openen, meld=click.echo)


def main() -> None:
    """The ``hitteplan`` command (and ``python -m generator``): the CLI, then a quick exit.

    Once a command is done every file is written and closed; Python would then still spend
    a fifth of a build freeing every object of the Office libraries one by one. So the
    process ends right away, after flushing its output (mypy does the same)."""
    import gc
    import os

    # Python's collector runs after every 700 new objects that can hold others; the Office
    # libraries make hundreds of thousands, and a tenth of a build went to collecting them
    # (measured). Cycles are still collected, just in larger batches.
    gc.set_threshold(10_000, 20, 20)
    try:
        hoofd()
        code = 0
    except SystemExit as einde:
        if isinstance(einde.code, str):
            click.echo(einde.code, err=True)
        code = einde.code if isinstance(einde.code, int) else (0 if einde.code is None else 1)
    for stroom in (sys.stdout, sys.stderr):
        try:
            stroom.flush()
        except (OSError, ValueError):  # a closed pipe (bouw | head): nothing left to show
            pass
    os._exit(code)
