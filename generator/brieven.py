"""The letters the trekker would otherwise write by hand: a personal invitation per
organisation for each upcoming meeting, a mail-merge CSV for Outlook, a calendar file per
meeting, and a report back (terugkoppeling) after each finished meeting.

Wording lives in ``sjablonen/``: ``uitnodiging.docx``, ``terugkoppeling.docx``,
``uitnodiging.txt`` (the e-mail text) and ``brieven.toml`` (subject, calendar texts, and
why each kind of organisation matters).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from generator.bewaking import binnen_de_tijd, tijdbudget
from generator.contract import laad_contract, normaliseer
from generator.fouten import Ernst, Melding, SjabloonFout
from generator.gereed import documenten
from generator.keuzes import BIJEENKOMST, PARTNER, SOORT
from generator.model import Bijeenkomst, Stakeholder, Werkboek
from generator.namen import slug
from generator.opmaak import opsomming, zonder_titels
from generator.sjabloon import Sjablonen, render_tekst
from generator.waarden import FORMULETEKENS
from generator.woord import afbeeldingen, basiscontext, render_docx

UITNODIGING = "uitnodiging.docx"
TERUGKOPPELING = "terugkoppeling.docx"
MAP = "uitnodigingen"


def _zelfde_persoon(a: str | None, b: str | None) -> bool:
    """Two ways of writing one person's name ('Wethouder A. el Amrani (zorg)', 'A. el Amrani')."""
    return bool(a and b) and normaliseer(zonder_titels(a)) == normaliseer(zonder_titels(b))


def ondertekenaars(wb: Werkboek, b: Bijeenkomst) -> tuple[str, ...]:
    """Who signs the invitation to a meeting: the portefeuillehouders for the bestuurlijke
    bijeenkomst, the trekker otherwise."""
    return wb.notitie.portefeuillehouders if b.soort == SOORT.bestuurlijk else (wb.algemeen.naam_trekker,)


def geadresseerden(wb: Werkboek, b: Bijeenkomst) -> list[tuple[Stakeholder, str | None, str | None]]:
    """(organisation, name to address, 'heer' or 'mevrouw' or None) for a meeting: the
    bestuurders for the bestuurlijke bijeenkomst, the contact persons otherwise; never an
    organisation that dropped out, and nobody who signs the invitation himself (the
    gemeente's own wethouders, the trekker)."""
    actief = [s for s in wb.stakeholders if s.status != PARTNER.afgehaakt]
    afzenders = ondertekenaars(wb, b)
    uit: list[tuple[Stakeholder, str | None, str | None]]
    if b.soort == SOORT.bestuurlijk:
        uit = [(s, s.bestuurder, s.aanhef_bestuurder) for s in actief if s.bestuurder]
    else:
        uit = [(s, s.contactpersoon, s.aanhef if s.contactpersoon else None) for s in actief]
    return [(s, naam, aanhef) for s, naam, aanhef in uit if not any(_zelfde_persoon(naam, a) for a in afzenders)]


def eerst_bellen(s: Stakeholder) -> bool:
    """A new partner not yet approached: the canvas says to call first; no letter yet."""
    return bool(s.nieuw) and s.status == PARTNER.nog_benaderen


def eigen_organisatie(wb: Werkboek, s: Stakeholder) -> bool:
    """The municipality's own teams (and the trekker's own organisation): no formal letter from
    their own gemeente; they get the e-mail and the calendar file."""
    return s.categorie in laad_contract().eigen_categorieen or normaliseer(s.organisatie) == normaliseer(
        wb.algemeen.organisatie_trekker
    )


class Briefteksten:
    """brieven.toml and uitnodiging.txt, rendered with a strict sandboxed environment."""

    def __init__(self, wb: Werkboek, sjablonen: Sjablonen):
        self.waarden = sjablonen.teksten("brieven.toml")
        self.mail = sjablonen.tekst("uitnodiging.txt")
        self.basis = basiscontext(wb)

    def render(self, sjabloonnaam: str, sleutel: str, bron: str, /, **context) -> str:
        """A text from brieven.toml (``sleutel`` names it) or the e-mail template."""
        return render_tekst(sjabloonnaam, sleutel, bron, {**self.basis, **context})

    def uit_toml(self, sleutel: str, /, **context) -> str:
        """A text of brieven.toml, filled in."""
        return self.render("brieven.toml", f"tekst '{sleutel}'", self.waarden.tekst(sleutel), **context)

    def aanhef(self, s: Stakeholder, naam: str | None, aanhef: str | None, formeel: bool) -> str:
        """The salutation (brieven.toml, 'aanhef')."""
        return self.uit_toml("aanhef", s=s, naam=naam, aanhef=aanhef, formeel=formeel)

    def vragen(self, categorie: str, **context) -> list[str]:
        """What we ask of an organisation of this category (brieven.toml, [vraag]), filled in."""
        tabel = self.waarden.waarde("vraag", dict, {})
        sleutel = categorie if categorie in tabel else "Overig"
        if sleutel not in tabel:
            return []
        return [
            v
            for v in (
                self.render("brieven.toml", f"vraag '{sleutel}'", bron, **context)
                for bron in self.waarden.lijst(f"vraag.{sleutel}")
            )
            if v
        ]

    def waarom(self, categorie: str) -> str:
        tabel = self.waarden.waarde("waarom", dict, {})
        sleutel = categorie if categorie in tabel else "Overig"
        if sleutel not in tabel:
            return ""
        return self.render("brieven.toml", f"waarom '{sleutel}'", self.waarden.tekst(f"waarom.{sleutel}"))

    def dagen(self, sleutel: str, standaard: int) -> int:
        dagen = self.waarden.getal(sleutel, standaard)
        if not (dagen.is_integer() and 0 <= dagen <= 365):
            raise SjabloonFout(f"Sjabloon 'brieven.toml': '{sleutel}' moet een aantal dagen zijn, van 0 tot 365.")
        return int(dagen)


def _terugkoppeldatum(wb: Werkboek, b: Bijeenkomst, teksten: Briefteksten) -> dt.date:
    """The date of a report back: the planning's milestone 'Terugkoppeling …' for this meeting
    when there is one, else some days after the meeting."""
    soort = b.soort.split()[0].casefold()
    for m in wb.planning:
        naam = m.mijlpaal.casefold()
        if naam.startswith("terugkoppeling") and (soort in naam or b.naam.casefold() in naam) and m.gereed >= b.datum:
            return m.gereed
    return b.datum + dt.timedelta(days=teksten.dagen("terugkoppeling_dagen_na", 7))


def _data(b: Bijeenkomst, wb: Werkboek, teksten: Briefteksten) -> tuple[dt.date, dt.date]:
    """The date on the letter (some weeks before, not before phase 2 starts) and the RSVP date."""
    brief = max(b.datum - dt.timedelta(days=teksten.dagen("dagen_vooraf", 21)), wb.algemeen.start_fase2)
    brief = min(brief, b.datum)
    aanmelden = max(b.datum - dt.timedelta(days=teksten.dagen("aanmelden_dagen_vooraf", 7)), brief)
    return brief, aanmelden


def _agenda(wb: Werkboek, b: Bijeenkomst, teksten: Briefteksten, gemaakt: dt.date) -> bytes:
    """One VEVENT in Europe/Amsterdam time, stable UID."""
    tz = ZoneInfo("Europe/Amsterdam")
    agenda = Calendar()
    agenda.add("prodid", "-//hitteplan//lokaal hitteplan//NL")
    agenda.add("version", "2.0")
    agenda.add("method", "PUBLISH")
    ev = Event()
    ev.add("uid", f"{slug(wb.algemeen.gemeente)}-{slug(b.naam)}-{b.datum:%Y%m%d}@hitteplan")
    ev.add("dtstamp", dt.datetime.combine(gemaakt, dt.time(9, 0), tzinfo=dt.UTC))
    assert b.begintijd is not None  # invitations wait for the start time
    begin = dt.datetime.combine(b.datum, b.begintijd, tzinfo=tz)
    ev.add("dtstart", begin)
    ev.add(
        "dtend", dt.datetime.combine(b.datum, b.eindtijd, tzinfo=tz) if b.eindtijd else begin + dt.timedelta(hours=2)
    )
    context = {"b": b}
    ev.add("summary", teksten.uit_toml("agenda_titel", **context))
    ev.add("location", ", ".join(x for x in (b.locatie, b.adres) if x))
    ev.add("description", teksten.uit_toml("agenda_omschrijving", **context))
    if wb.algemeen.email_trekker:
        organisator = vCalAddress(f"mailto:{wb.algemeen.email_trekker}")
        # a double quote cannot stand in a parameter; RFC 6868 writes it as ^' which Outlook shows as such
        organisator.params["cn"] = vText(wb.algemeen.naam_trekker.replace('"', "'"))
        ev["organizer"] = organisator
    agenda.add_component(ev)
    agenda.add_missing_timezones()
    return agenda.to_ical()


def _veilig(veld: str) -> str:
    """A CSV field Excel and LibreOffice will not run as a formula: one that begins with = + -
    @ (or a tab or carriage return) gets a leading apostrophe, as OWASP advises."""
    return f"'{veld}" if veld.startswith(FORMULETEKENS) else veld


def _csv(rijen: list[list[str]]) -> bytes:
    """Semicolon-separated, UTF-8 with BOM and CRLF: what Dutch Excel opens correctly. No
    field can start a formula."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    schrijver.writerow(["organisatie", "contactpersoon", "e-mail", "onderwerp", "tekst"])
    schrijver.writerows([_veilig(veld) for veld in rij] for rij in rijen)
    return buffer.getvalue().replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8-sig")


def _namen(items: list[str]) -> str:
    """'a, b en c'; more than five: 'a, b, c, d, e en nog 3' (semicolons when a name holds a comma)."""
    if len(items) <= 5:
        return opsomming(items)
    scheiding = "; " if any("," in i for i in items[:5]) else ", "
    return f"{scheiding.join(items[:5])} en nog {len(items) - 5}"


def _klaar(wb: Werkboek, klaar) -> list:
    if klaar is None:
        klaar = [d for d in documenten(wb) if d.klaar]
    return klaar


def maak_brieven(wb: Werkboek, sjablonen: Sjablonen, klaar=None):
    """Yields (path relative to the output folder, bytes) for every letter, the CSV and the
    calendar files, one at a time: invitations for each meeting whose invitations are ready,
    a report back for each meeting whose report back is ready (``klaar``: the ready documents
    of :func:`generator.gereed.documenten`; by default worked out here). What is left out,
    and why, says :func:`meldingen`.

    New partners not yet approached get no letter and no e-mail: they are on the contact
    list, to call first (:mod:`generator.contactlijst`). The municipality's own teams get no
    letter from their own gemeente, only the e-mail and the calendar file."""
    klaar = _klaar(wb, klaar)
    uitnodigen = [d.bijeenkomst for d in klaar if d.sleutel == "uitnodiging"]
    terugkoppelen = [d.bijeenkomst for d in klaar if d.sleutel == "terugkoppeling"]
    teksten = Briefteksten(wb, sjablonen)
    bestanden: set[str] = set()
    beelden = afbeeldingen(wb, sjablonen, "logo")
    rijen: list[list[str]] = []
    # every letter of the run shares one time budget, so that a slow template cannot take its
    # full time once per letter
    aantal = sum(1 for b in uitnodigen for s, _, _ in geadresseerden(wb, b) if not eerst_bellen(s)) + len(terugkoppelen)
    budget, einde = tijdbudget(aantal)
    for b in uitnodigen:
        brief, aanmelden = _data(b, wb, teksten)
        for s, naam, aanhef in geadresseerden(wb, b):
            if eerst_bellen(s):  # on the contact list, to call first
                continue
            with binnen_de_tijd(UITNODIGING, budget, einde):  # a letter and its texts
                brieven = list(
                    _uitnodiging(
                        wb, sjablonen, teksten, b, s, naam, aanhef, (brief, aanmelden), beelden, bestanden, rijen
                    )
                )
            yield from brieven
        yield f"{MAP}/{slug(b.naam)}.ics", _agenda(wb, b, teksten, brief)
    if rijen:
        yield f"{MAP}/uitnodigingen.csv", _csv(rijen)
    for b in terugkoppelen:
        with binnen_de_tijd(TERUGKOPPELING, budget, einde):
            data = render_docx(
                sjablonen.pad(TERUGKOPPELING),
                wb,
                _terugkoppeling(wb, b, teksten),
                beelden,
                datum=_terugkoppeldatum(wb, b, teksten),
            )
        yield f"terugkoppeling-{slug(b.naam)}.docx", data


def meldingen(wb: Werkboek, klaar=None) -> list[Melding]:
    """What the invitations leave out, and why (ernst ``info``): no letter to the
    gemeente's own teams, none in the CSV for an organisation without e-mail, no invitation
    for one that dropped out."""
    uitnodigen = [d.bijeenkomst for d in _klaar(wb, klaar) if d.sleutel == "uitnodiging"]
    eigen: list[str] = []
    zonder_email: list[str] = []
    for b in uitnodigen:
        for s, _, _ in geadresseerden(wb, b):
            if eerst_bellen(s):
                continue
            if eigen_organisatie(wb, s):
                eigen += [] if s.organisatie in eigen else [s.organisatie]
            elif (
                not (s.email or (b.soort == SOORT.bestuurlijk and s.email_bestuurder))
                and s.organisatie not in zonder_email
            ):
                zonder_email.append(s.organisatie)
    afgehaakt = [s.organisatie for s in wb.stakeholders if s.status == PARTNER.afgehaakt]
    uit = []
    if eigen:
        uit.append(
            Melding(
                f"geen brief aan de eigen gemeente ({_namen(eigen)}): wel de e-mail in uitnodigingen.csv "
                "en het agendabestand",
                ernst=Ernst.info,
            )
        )
    if zonder_email:
        uit.append(
            Melding(
                f"{len(zonder_email)} {'organisatie' if len(zonder_email) == 1 else 'organisaties'} zonder "
                f"e-mailadres: wel een brief, niet in uitnodigingen.csv ({_namen(zonder_email)})",
                ernst=Ernst.info,
            )
        )
    if afgehaakt and uitnodigen:
        uit.append(
            Melding(
                f"{len(afgehaakt)} afgehaakte {'organisatie' if len(afgehaakt) == 1 else 'organisaties'}: "
                f"geen uitnodiging ({_namen(afgehaakt)})",
                ernst=Ernst.info,
            )
        )
    return uit


def _uitnodiging(
    wb: Werkboek,
    sjablonen: Sjablonen,
    teksten: Briefteksten,
    b: Bijeenkomst,
    s: Stakeholder,
    naam: str | None,
    aanhef: str | None,
    data: tuple[dt.date, dt.date],
    beelden,
    bestanden: set[str],
    rijen: list,
):
    """One organisation's invitation to one meeting: its letter (none to the gemeente's own
    teams), and its row in the mail-merge CSV (added to ``rijen``)."""
    brief, aanmelden = data
    formeel = b.soort == SOORT.bestuurlijk
    gastheer = next((x for x in wb.stakeholders if x.organisatie == b.gastheer), None)
    context = {
        "b": b,
        "s": s,
        "naam": naam,
        "aanhef": aanhef,
        "waarom": teksten.waarom(s.categorie),
        "brief_datum": brief,
        "aanmelden": aanmelden,
        "u": "u" if naam else "jullie",
        "uw": "uw" if naam else "jullie",
        "aanhef_regel": teksten.aanhef(s, naam, aanhef, formeel),
        # 'te gast bij' names a host other than the sender and the addressee
        "gastheer": None
        if gastheer is None
        or gastheer is s
        or eigen_organisatie(wb, gastheer)
        or (formeel and gastheer.categorie in laad_contract().eigen_categorieen)
        else gastheer.organisatie,
        "doorgeven": None,
        "aanhef_contact": None,
    }
    context["vragen"] = teksten.vragen(s.categorie, **context)
    # each question once, and no more than one page holds
    vragen = list(dict.fromkeys(v for p in b.programma for v in p.gespreksvragen))
    context["gespreksvragen"] = vragen[: teksten.dagen("gespreksvragen_max", 3)]
    if not eigen_organisatie(wb, s):
        pad = f"{MAP}/{slug(b.naam)}/{slug(s.organisatie)}.docx"
        volgnummer = 2
        while pad in bestanden:  # two names that differ only in punctuation
            pad = f"{MAP}/{slug(b.naam)}/{slug(s.organisatie)}-{volgnummer}.docx"
            volgnummer += 1
        bestanden.add(pad)
        yield pad, render_docx(sjablonen.pad(UITNODIGING), wb, context, beelden, datum=brief)
    # the e-mail goes to the person it greets: a bestuurder at his own address, or else his
    # organisation's contact person, greeted as such and asked to pass the invitation on
    ontvanger, adres = naam, s.email
    if formeel and s.email_bestuurder:
        adres = s.email_bestuurder
    elif formeel and not _zelfde_persoon(naam, s.contactpersoon):
        ontvanger = s.contactpersoon
        context = {
            **context,
            "doorgeven": naam,
            "aanhef_contact": teksten.aanhef(s, s.contactpersoon, s.aanhef if s.contactpersoon else None, False),
        }
    if adres:
        onderwerp = teksten.uit_toml("onderwerp", **context)
        rijen.append(
            [
                s.organisatie,
                ontvanger or "",
                adres,
                onderwerp,
                teksten.render("uitnodiging.txt", "de e-mailtekst", teksten.mail, **context),
            ]
        )


def _terugkoppeling(wb: Werkboek, b: Bijeenkomst, teksten: Briefteksten) -> dict:
    """The report back's context, as of its own date: the steps after that date (the report
    back itself left out); the next meeting after that date with how to register."""
    datum = _terugkoppeldatum(wb, b, teksten)
    volgende = next((x for x in wb.bijeenkomsten if x.datum > datum and x.status != BIJEENKOMST.geannuleerd), None)
    # who attended comes from the meeting's own row (Aanwezig), never from a partner's status;
    # the report back is the verslag, so it does not list sending one as a next step
    verslag = tuple(w.casefold() for w in teksten.waarden.lijst("geen_vervolgstap"))
    gastheer = next((x for x in wb.stakeholders if x.organisatie == b.gastheer), None)
    per_laag = [
        (laag, n)
        for laag in wb.lagen
        if (n := sum(1 for s in wb.stakeholders if s.organisatie in b.aanwezig and s.laag == laag))
    ]
    wie = (
        teksten.uit_toml(
            "wie_er_waren",
            deelnemers=list(b.aanwezig),
            per_laag=per_laag,
            deelnemers_max=teksten.dagen("deelnemers_max", 12),
        )
        if b.aanwezig
        else ""
    )
    return {
        "b": b,
        "brief_datum": datum,
        "deelnemers": list(b.aanwezig),
        "wie_er_waren": wie,
        "gastheer": None if gastheer is None or eigen_organisatie(wb, gastheer) else gastheer.organisatie,
        "vervolg": [
            (d, wat)
            for d, wat, vergadering in wb.tijdlijn(na=datum)
            if vergadering or not wat.casefold().startswith(verslag)
        ],
        "volgende": volgende,
        "aanmelden": _data(volgende, wb, teksten)[1] if volgende else None,
    }
