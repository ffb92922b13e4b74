"""The ``hitteplan`` command: a thin shell over :mod:`generator.opdrachten`.

Each command parses its options, calls one library function and prints the result. Every
foreseeable problem is a :class:`~generator.fouten.HitteplanFout`: caught once (by the command
group, :class:`generator.klik.Groep`), printed in Dutch on stderr, exit status 1. Wrong usage
(an unknown option, a missing argument) is told in Dutch too, exit status 2: click in Dutch
lives in :mod:`generator.klik`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator import __version__
from generator.fouten import Ernst, HitteplanFout, WerkboekFout
from generator.klik import Datum, Getal, Groep, Pad
from generator.opmaak import datum

STANDAARD_WERKBOEK = Path("invoer/voorbeeld.xlsx")


@click.group(
    name="hitteplan",
    cls=Groep,
    invoke_without_command=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)
@click.version_option(
    __version__,
    "--versie",
    "--version",
    prog_name="hitteplan",
    message="%(prog)s, versie %(version)s",
    help="Toon het versienummer en stop.",
)
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
    if ctx.invoked_subcommand is None:
        raise click.UsageError("geef een opdracht, bijvoorbeeld: hitteplan bouw mijn-werkboek.xlsx", ctx)


@hoofd.command(options_metavar="[OPTIES]")
@click.argument("pad", type=Pad(bestand=True))
@click.option("--overschrijven", is_flag=True, help="Vervang een bestaand bestand met dezelfde naam.")
@click.option(
    "--voorbeeld", is_flag=True, help="Schrijf het ingevulde voorbeeldwerkboek in plaats van een leeg werkboek."
)
def nieuw(pad: Path, overschrijven: bool, voorbeeld: bool) -> None:
    """Schrijf een nieuw, leeg werkboek om in te vullen.

    Het werkboek heeft een blad Toelichting, keuzelijsten en uitleg bij elke kolom.
    Een bestaand bestand wordt niet overschreven, tenzij u --overschrijven meegeeft.

    \b
    Voorbeeld:
      hitteplan nieuw hitteplan-2027.xlsx
    """
    _api().nieuw_werkboek(pad, overschrijven=overschrijven, voorbeeld=voorbeeld)
    click.echo(f"Geschreven: {pad}")


@hoofd.command(options_metavar="[OPTIES]")
@click.argument("werkboek", type=Pad())
@click.option(
    "--datum",
    "peildatum",
    type=Datum(),
    metavar="DATUM",
    help="Controleer alsof het vandaag deze datum is, bijvoorbeeld 1-3-2027 (standaard: vandaag). Zo geeft "
    "de controle op elke dag hetzelfde antwoord.",
)
def controleer(werkboek: Path, peildatum: dt.date | None) -> None:
    """Controleer een werkboek en noem elk probleem met blad en cel.

    Fouten moeten worden opgelost voordat de documenten gemaakt kunnen worden (exitcode 1).
    Waarschuwingen mogen blijven staan, maar zijn het bekijken waard (exitcode 0).

    \b
    Voorbeeld:
      hitteplan controleer invoer/voorbeeld.xlsx
    """
    vandaag = peildatum or dt.date.today()
    wb, meldingen = _api().controleer_werkboek(werkboek, vandaag)
    fouten = [m for m in meldingen if m.ernst == Ernst.fout]
    waarschuwingen = [m for m in meldingen if m.ernst != Ernst.fout]
    for m in fouten:
        click.echo(f"Fout: {m}", err=True)
    for m in waarschuwingen:
        click.echo(f"Waarschuwing: {m}", err=True)
    if fouten:
        click.echo(
            f"{_aantal(len(fouten), 'fout', 'fouten')} en "
            f"{_aantal(len(waarschuwingen), 'waarschuwing', 'waarschuwingen')} "
            f"in {werkboek.name}. Los de fouten op en controleer opnieuw.",
            err=True,
        )
        sys.exit(1)
    _toon_voortgang(wb, vandaag)
    click.echo(
        f"{werkboek.name} is in orde: geen fouten, {_aantal(len(waarschuwingen), 'waarschuwing', 'waarschuwingen')}."
    )


def _toon_voortgang(wb, vandaag: dt.date) -> None:
    """Where the trekker stands: the moment in phase 2, each document ready or waiting (with
    the cells), the next milestone of the planning and what the moment asks."""
    stand = _api().voortgang(wb, vandaag=vandaag)
    click.echo(f"Stand van zaken: {stand.momentnaam}{f' ({datum(stand.momentdatum)})' if stand.momentdatum else ''}.")
    for d in stand.documenten:
        click.echo(f"  Klaar: {d.naam}" if d.klaar else f"  Wacht: {d.naam} — {d.wacht_op}")
    if stand.volgende_stap:
        click.echo(
            f"Volgende stap: {stand.volgende_stap}"
            f"{f', gepland {datum(stand.volgende_datum)}' if stand.volgende_datum else ''}."
        )
    if stand.advies:
        click.echo(f"Nu te doen: {stand.advies}.")


def _aantal(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


@hoofd.command(options_metavar="[OPTIES]")
@click.argument("werkboek", type=Pad(), default=STANDAARD_WERKBOEK, required=False)
@click.option(
    "-o",
    "--uitvoer",
    metavar="MAP",
    help="Map voor de documenten (standaard: uitvoer/<gemeente>; bij een map met werkboeken: "
    "uitvoer/, met daarin een map per gemeente).",
)
@click.option(
    "--sjablonen",
    metavar="MAP",
    help="Map met eigen sjablonen in de huisstijl van de gemeente; wat daar ontbreekt, komt uit de standaardsjablonen.",
)
@click.option("--pdf", is_flag=True, help="Maak ook een PDF van elk document (daarvoor is LibreOffice nodig).")
@click.option(
    "--overschrijven",
    is_flag=True,
    help="Vervang ook documenten die u met de hand hebt aangepast; het oude bestand gaat eerst naar een "
    "map 'reservekopie' met de datum van vandaag.",
)
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
    uitmap, sjabloonmap = _api().controleer_mappen(uitvoer, sjablonen)
    if werkboek == STANDAARD_WERKBOEK and not werkboek.exists():
        click.echo(
            f"Het voorbeeld '{werkboek}' staat niet in deze map. Geef uw werkboek op, bijvoorbeeld: "
            "hitteplan bouw mijn-werkboek.xlsx",
            err=True,
        )
        sys.exit(1)
    if werkboek.is_dir():
        _bouw_map(werkboek, uitmap, sjabloonmap, pdf, overschrijven)
        return
    resultaat = _api().bouw_documenten(werkboek, uitmap, sjabloonmap, pdf, overschrijven)
    for m in resultaat.waarschuwingen:
        if m.ernst == Ernst.waarschuwing:
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
        click.echo(
            f"  {map_}/: {brieven} {'brief' if brieven == 1 else 'brieven'}"
            f"{f' (met {pdfs} pdf)' if pdfs else ''}{', ' + overig if overig else ''}"
        )
    for m in resultaat.waarschuwingen:
        if m.ernst == Ernst.info:
            click.echo(f"  Niet gemaakt: {m}")
        elif m.ernst == Ernst.bellen:
            click.echo(f"  Eerst bellen: {m}")
    if resultaat.verstuurd:
        click.echo(_verstuurd(resultaat.verstuurd, resultaat.map))
    for a in resultaat.aangepast:
        click.echo(_aangepast(a, resultaat.map))
    for d in resultaat.wachtend:
        click.echo(f"Nog niet gemaakt: {d.naam} — {d.wacht_op}")


def _verstuurd(paden, map_: Path) -> str:
    """One line naming the documents of a past moment that stay as they were: a folder with
    more than one of them by its name and their number."""
    per_map: dict[Path, list[Path]] = {}
    for pad in paden:
        per_map.setdefault(pad.relative_to(map_).parent, []).append(pad.relative_to(map_))
    namen = []
    for map_rel, lijst in per_map.items():
        if map_rel == Path(".") or len(lijst) == 1:
            namen += [p.as_posix() for p in lijst]
        else:
            namen.append(f"{map_rel.as_posix()}/ ({len(lijst)} bestanden)")
    return f"Verstuurd, blijft zoals het was: {', '.join(namen)}"


def _aangepast(a, map_: Path) -> str:
    """One line about a document kept as it is: changed by hand, or sent and its facts changed."""
    if a.verstuurd:
        if a.reservekopie is not None:
            return (
                f"Verstuurd, maar de gegevens ervan zijn veranderd: {a.origineel.relative_to(map_)} is opnieuw "
                f"gemaakt (--overschrijven); het verstuurde bestand staat in {a.reservekopie.relative_to(map_)}"
            )
        return (
            f"Verstuurd, maar de gegevens ervan zijn veranderd: {a.origineel.relative_to(map_)} blijft zoals het "
            f"was; de nieuwe versie staat ernaast: {a.nieuw.relative_to(map_)}"
        )
    if a.reservekopie is not None:
        return (
            f"Met de hand aangepast, toch vervangen (--overschrijven): {a.origineel.relative_to(map_)}; het oude "
            f"bestand staat in {a.reservekopie.relative_to(map_)}"
        )
    return (
        f"Met de hand aangepast, blijft staan: {a.origineel.relative_to(map_)}; de nieuwe versie staat ernaast: "
        f"{a.nieuw.relative_to(map_)}"
    )


def _bouw_map(map_: Path, uitvoer: Path | None, sjablonen: Path | None, pdf: bool, overschrijven: bool) -> None:
    """Every workbook in a folder: a progress bar, then one line per workbook."""
    werkboeken = _api().werkboeken(map_, uitvoer, sjablonen)
    if not werkboeken:
        click.echo(f"In '{map_}' staan geen Excel-werkboeken (.xlsx).", err=True)
        sys.exit(1)
    regels: list[str] = []
    mislukt = 0

    try:
        with click.progressbar(length=len(werkboeken), label="Werkboeken", file=sys.stderr, show_pos=True) as balk:

            def klaar(werkboek: Path, resultaat) -> None:
                nonlocal mislukt
                balk.update(1)
                if isinstance(resultaat, HitteplanFout):
                    mislukt += 1
                    eerste = resultaat.fouten[0] if isinstance(resultaat, WerkboekFout) else resultaat
                    aantal = len(resultaat.fouten) if isinstance(resultaat, WerkboekFout) else 1
                    regels.append(
                        f"Mislukt: {werkboek.name}: {eerste}{f' (en nog {aantal - 1})' if aantal > 1 else ''}"
                    )
                    return
                waarsch = sum(1 for m in resultaat.waarschuwingen if m.ernst == Ernst.waarschuwing)
                regels.append(
                    f"Gelukt: {werkboek.name} -> {resultaat.map}/ ({len(resultaat.bestanden)} bestanden"
                    f"{f', {waarsch} waarschuwingen' if waarsch else ''})"
                )
                if resultaat.verstuurd:
                    regels.append(f"  {_verstuurd(resultaat.verstuurd, resultaat.map)}")
                regels.extend(f"  {_aangepast(a, resultaat.map)}" for a in resultaat.aangepast)

            regio = _api().bouw_alle(map_, uitvoer, sjablonen, pdf, overschrijven, per_werkboek=klaar)
    finally:  # what was built is always told, also when the overview at the end could not be written
        for regel in regels:
            click.echo(regel, err=regel.startswith("Mislukt"))
    click.echo(f"Overzicht van alle werkboeken: {regio.overzicht}")
    click.echo(
        f"{len(werkboeken) - mislukt} van {len(werkboeken)} werkboeken gelukt"
        f"{'; PDF' + chr(39) + 's gemaakt' if pdf else ''}."
    )
    if mislukt:
        sys.exit(1)


@hoofd.command(options_metavar="[OPTIES]")
@click.option(
    "--host",
    default="127.0.0.1",
    metavar="ADRES",
    help="Het adres waarop de pagina luistert (standaard 127.0.0.1: alleen deze computer).",
)
@click.option("--poort", default=8000, type=Getal(0, 65535), metavar="GETAL", help="De poort (standaard 8000).")
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


def _api():
    """The library API (:mod:`generator.opdrachten`), imported when a command runs: it loads
    the Office libraries, which help and usage errors do not need (a third of a second)."""
    from generator import opdrachten

    return opdrachten


def main() -> None:
    """The ``hitteplan`` command (and ``python -m generator``)."""
    hoofd()
