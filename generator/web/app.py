"""The web application: a home page with the blank workbook, the example and an upload form;
the answer of ``controleer`` and ``bouw`` as a page; the documents as one zip.

Stateless and private. An upload is written to a fresh temporary folder, checked and built in
a worker process of its own (:mod:`generator.web.werker`) and the folder is removed before
the answer is sent. Only the zip of what was made and the canvas picture stay, in memory,
under a random token: the zip can be downloaded once, both are dropped after
:data:`BEWAARTIJD` seconds. No cookies, no sessions. The log has one line per request: the
method, the path (tokens left out), the status and the time taken; never a name or a cell.
"""

from __future__ import annotations

import collections
import datetime as dt
import io
import logging
import os
import re
import secrets
import shutil
import string
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from flask import Flask, Response, abort, render_template, request, send_file
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from generator import __version__
from generator.fouten import Ernst, Melding
from generator.grenzen import STANDAARD as GRENZEN
from generator.paden import standaard_sjablonen
from generator.samenhang import ZET_IN_MAP
from generator.web import werker
from generator.web.upload import MAX_VERZOEK, UploadFout, bewaar

BEWAARTIJD = 600  # seconds a result (zip and canvas picture) is kept in memory at most
MAX_BEWAARD = 512 * 1024 * 1024  # bytes of results kept at once; a new upload is refused ('te druk') beyond it
MAX_PER_UPLOAD = 64 * 1024 * 1024  # bytes one upload may keep (its zip and canvas picture); said on the page
WACHTTIJD = 120  # seconds an upload waits for a free worker before the page says it is busy
MAX_WACHTEND = 4  # uploads that may wait per worker; one more gets the busy page at once
PAGINADRADEN = 8  # server threads kept for pages and downloads while uploads wait for a worker
MB = 1024 * 1024

log = logging.getLogger("hitteplan.web")
_MAPPEN: set[Path] = set()  # the temporary folders of uploads under way, removed when the server stops
_MAPPEN_SLOT = threading.Lock()


def opruimen() -> None:
    """The server stops: every worker ended (LibreOffice with it), every upload's folder removed."""
    werker.stop_alle()
    with _MAPPEN_SLOT:
        mappen = list(_MAPPEN)
    for map_ in mappen:
        shutil.rmtree(map_, ignore_errors=True)


CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
_STATISCH = {"stijl.css": "text/css; charset=utf-8", "slepen.js": "text/javascript; charset=utf-8"}


@dataclass
class _Bewaard:
    zip: bytes | None
    zipnaam: str
    canvas: bytes | None
    tot: float
    canvastoken: str = ""


class Bewaarplaats:
    """Results in memory by random token: a zip downloads once, everything goes after
    ``bewaartijd`` seconds. Nothing is ever pushed out to make room: a link, once given,
    works for its whole lifetime. Each upload reserves :data:`MAX_PER_UPLOAD` before its
    build starts (:meth:`reserveer`); when :data:`MAX_BEWAARD` would be passed, the upload
    is refused at once as 'te druk'."""

    def __init__(self, bewaartijd: float = BEWAARTIJD):
        self.bewaartijd = bewaartijd
        self._items: dict[str, _Bewaard] = {}
        self._gereserveerd = 0
        self._slot = threading.Lock()

    def _opruimen(self) -> None:
        nu = time.monotonic()
        for token, item in list(self._items.items()):
            if item.tot <= nu or (item.zip is None and item.canvas is None):
                del self._items[token]

    def omvang(self) -> int:
        return sum(len(i.zip or b"") + len(i.canvas or b"") for i in self._items.values())

    def reserveer(self) -> bool:
        """Room for one more upload's result, or False (the page then says it is busy). The
        room is given back with :meth:`geef_vrij`, or used by :meth:`leg_neer` with
        ``gereserveerd``."""
        with self._slot:
            self._opruimen()
            if self.omvang() + self._gereserveerd + MAX_PER_UPLOAD > MAX_BEWAARD:
                return False
            self._gereserveerd += MAX_PER_UPLOAD
            return True

    def geef_vrij(self) -> None:
        with self._slot:
            self._gereserveerd = max(0, self._gereserveerd - MAX_PER_UPLOAD)

    def leg_neer(
        self, zip_: bytes | None, zipnaam: str, canvas: bytes | None, gereserveerd: bool = False
    ) -> tuple[str, str] | None:
        """The token of the download and, of its own, the canvas picture's: the picture's
        address (opened in the browser, kept in its history, in a proxy's log) does not open
        the download. None when the result is larger than :data:`MAX_PER_UPLOAD` or there
        is no room (without a reservation): nothing is kept, nothing else is dropped."""
        grootte = len(zip_ or b"") + len(canvas or b"")
        if grootte > MAX_PER_UPLOAD:
            return None
        token, canvastoken = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._slot:
            self._opruimen()
            if gereserveerd:  # this upload's own room, reserved before its build
                self._gereserveerd = max(0, self._gereserveerd - MAX_PER_UPLOAD)
            if self.omvang() + self._gereserveerd + grootte > MAX_BEWAARD:
                return None
            self._items[token] = _Bewaard(zip_, zipnaam, canvas, time.monotonic() + self.bewaartijd, canvastoken)
        return token, canvastoken

    def heeft_zip(self, token: str) -> bool:
        with self._slot:
            self._opruimen()
            item = self._items.get(token)
            return item is not None and item.zip is not None

    def neem_zip(self, token: str) -> tuple[bytes, str] | None:
        """The zip, once: it is gone after this call."""
        with self._slot:
            self._opruimen()
            item = self._items.get(token)
            if item is None or item.zip is None:
                return None
            data, item.zip = item.zip, None
            return data, item.zipnaam

    def canvas(self, canvastoken: str) -> bytes | None:
        with self._slot:
            self._opruimen()
            return next((i.canvas for i in self._items.values() if i.canvastoken == canvastoken and i.canvas), None)

    def __len__(self) -> int:
        with self._slot:
            self._opruimen()
            return len(self._items)


class Wachtrij:
    """At most ``n`` builds at a time, and a waiting upload gets the next free worker in the
    order the uploads came (a plain semaphore lets a newcomer overtake one that waits, which
    made the slowest of a busy minute wait two rounds)."""

    def __init__(self, n: int):
        self._vrij = n
        self._slot = threading.Lock()
        self._wachtend: collections.deque[threading.Event] = collections.deque()

    def neem(self, seconden: float, max_wachtend: int | None = None) -> bool:
        """A worker, within ``seconden``; False when none came free in time, or at once when
        ``max_wachtend`` uploads are waiting already."""
        with self._slot:
            if self._vrij and not self._wachtend:
                self._vrij -= 1
                return True
            if max_wachtend is not None and len(self._wachtend) >= max_wachtend:
                return False
            beurt = threading.Event()
            self._wachtend.append(beurt)
        if beurt.wait(seconden):
            return True
        with self._slot:
            if beurt.is_set():  # handed over just as the wait ended
                return True
            self._wachtend.remove(beurt)
            return False

    def geef_terug(self) -> None:
        with self._slot:
            if self._wachtend:
                self._wachtend.popleft().set()  # straight to the first in line
            else:
                self._vrij += 1


def webmap() -> Path:
    """The folder with the pages, the style and the sentences: ``sjablonen/web``."""
    return standaard_sjablonen() / "web"


def mb(n: int) -> str:
    """Bytes in megabytes, the Dutch way: '1,2 MB', '50 MB'."""
    waarde = n / MB
    tekst = f"{waarde:.0f}" if waarde >= 10 or waarde == int(waarde) else f"{waarde:.1f}".replace(".", ",")
    return f"{tekst} MB"


@cache
def _leeg_werkboek() -> bytes:
    from generator.opdrachten import nieuw_werkboek

    with tempfile.TemporaryDirectory(prefix="hitteplan-web-") as map_:
        return nieuw_werkboek(Path(map_) / "werkboek.xlsx").read_bytes()


@cache
def _voorbeeld() -> bytes:
    """The example workbook with its heat map beside it, as one zip."""
    from generator.opdrachten import nieuw_werkboek

    uit = io.BytesIO()
    with (
        tempfile.TemporaryDirectory(prefix="hitteplan-web-") as map_,
        zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zf,
    ):
        pad = nieuw_werkboek(Path(map_) / "voorbeeld.xlsx", voorbeeld=True)
        for bestand in sorted(pad.parent.iterdir()):
            zf.write(bestand, f"hitteplan-voorbeeld/{bestand.name}")
    return uit.getvalue()


def _per_blad(meldingen) -> list[tuple[str | None, list[Melding]]]:
    """Findings grouped by sheet, sheets in the order of their first finding; findings about
    the whole workbook (no sheet) first."""
    groepen: dict[str | None, list[Melding]] = {}
    for m in sorted(meldingen, key=lambda m: m.blad is not None):
        groepen.setdefault(m.blad, []).append(m)
    return list(groepen.items())


def _mappen(bestanden) -> list[tuple[str | None, list[str]]]:
    """The files made: documents at the top (folder None), then each folder with its files."""
    uit: dict[str | None, list[str]] = {None: []}
    for naam in bestanden:
        deel = naam.split("/", 1)
        uit.setdefault(deel[0] if len(deel) > 1 else None, []).append(deel[-1])
    return [(m, namen) for m, namen in uit.items() if namen]


def standaard_werkers() -> int:
    """How many builds run at the same time when none is given: the processor cores, at most 4
    (more than the cores was slower overall, measured)."""
    return min(os.cpu_count() or 1, 4)


def maak_app(
    werkers: int | None = None,
    pdf: bool | None = None,
    bewaartijd: float = BEWAARTIJD,
    tijdslimiet: float = werker.MAX_SECONDEN,
) -> Flask:
    """The application. ``werkers``: builds at the same time (default: the processor cores,
    at most 4); ``pdf``: make PDFs and the canvas picture (default: when LibreOffice is
    installed); ``tijdslimiet``: seconds an upload may take before its worker is killed."""
    from generator.pdf import vind_soffice
    from generator.sjabloon import Sjablonen

    map_ = webmap()
    teksten = Sjablonen().teksten("web/teksten.toml")  # a broken text refuses the start, not an upload
    app = Flask(__name__, template_folder=str(map_), static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = MAX_VERZOEK
    app.jinja_env.autoescape = True
    app.jinja_env.undefined = jinja2.StrictUndefined  # a name missing from a page is an error, never an empty spot
    app.jinja_env.filters["hoofdletter"] = lambda tekst: tekst[:1].upper() + tekst[1:]
    werkers = werkers or standaard_werkers()
    pdf = vind_soffice() is not None if pdf is None else pdf
    plekken = Wachtrij(werkers)
    bewaard = Bewaarplaats(bewaartijd)
    app.extensions["hitteplan"] = {"bewaard": bewaard, "werkers": werkers, "pdf": pdf}

    def zin(sleutel: str, **waarden) -> str:
        return string.Template(teksten.tekst(sleutel)).safe_substitute({k: str(v) for k, v in waarden.items()})

    grenzen = {
        "verzoek": mb(MAX_VERZOEK),
        "werkboek": mb(GRENZEN.bestand),
        "afbeelding": mb(GRENZEN.afbeelding),
        "uitkomst": mb(MAX_PER_UPLOAD),
        "minuten": max(1, round(tijdslimiet / 60)),
        "bewaartijd": max(1, round(bewaartijd / 60)),
    }

    @app.context_processor
    def overal():
        return {"grenzen": grenzen, "pdf": pdf, "versie": __version__}

    def startpagina(fout: str | None = None, status: int = 200):
        return render_template("start.html", fout=fout), status

    @app.before_request
    def begin():
        request.environ["hitteplan.begin"] = time.monotonic()

    @app.after_request
    def koppen(antwoord: Response) -> Response:
        antwoord.headers["Content-Security-Policy"] = CSP
        antwoord.headers["X-Content-Type-Options"] = "nosniff"
        antwoord.headers["Referrer-Policy"] = "no-referrer"
        antwoord.headers["X-Frame-Options"] = "DENY"
        antwoord.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        antwoord.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        antwoord.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if request.path.lstrip("/") not in _STATISCH:
            antwoord.headers["Cache-Control"] = "no-store"
        else:
            antwoord.headers["Cache-Control"] = "no-cache"
        duur = time.monotonic() - request.environ.get("hitteplan.begin", time.monotonic())
        pad = re.sub(r"/(download|canvas)/[^/]+", r"/\1/…", request.path)
        pad = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", "?", pad)[:200]  # one line in the log, never a forged one
        log.info("%s %s %s %.2fs", request.method, pad, antwoord.status_code, duur)
        return antwoord

    @app.get("/")
    def start():
        return startpagina()

    @app.get("/werkboek/leeg.xlsx")
    def leeg():
        return send_file(
            io.BytesIO(_leeg_werkboek()),
            as_attachment=True,
            download_name="hitteplan-werkboek.xlsx",
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    @app.get("/werkboek/voorbeeld.zip")
    def voorbeeld():
        return send_file(
            io.BytesIO(_voorbeeld()),
            as_attachment=True,
            download_name="hitteplan-voorbeeld.zip",
            mimetype="application/zip",
        )

    @app.get("/uitkomst")
    def uitkomst_zonder_upload():
        return Response(status=303, headers={"Location": "/"})  # no body: Werkzeug's is English

    @app.get("/favicon.ico")
    def favicon():
        return Response(status=204)

    @app.post("/uitkomst")
    def uitkomst():
        bestanden = [(b.filename, b.stream) for b in request.files.getlist("bestanden")]
        tijdelijk = Path(tempfile.mkdtemp(prefix="hitteplan-web-"))
        with _MAPPEN_SLOT:
            _MAPPEN.add(tijdelijk)
        try:
            try:
                upload = bewaar(bestanden, tijdelijk / "upload")
            except UploadFout as fout:
                return startpagina(zin(f"upload.{fout.sleutel}", **fout.waarden), 400)
            finally:
                for b in request.files.getlist("bestanden"):
                    b.close()
            if not bewaard.reserveer():  # no room to keep one more result: refused now, nobody else's dropped
                return render_template("fout.html", soort="druk", tekst=zin("uitkomst.druk")), 503
            reservering = {"open": True}
            try:
                if not plekken.neem(WACHTTIJD, MAX_WACHTEND * werkers):
                    return render_template("fout.html", soort="druk", tekst=zin("uitkomst.druk")), 503
                try:
                    uit = werker.bouw_in_werker(tijdelijk / "upload", upload.werkboek, pdf, tijdslimiet)
                finally:
                    plekken.geef_terug()
                log.info(
                    "uitkomst %s in %.1fs%s", uit.soort, uit.seconden, f" ({uit.fouttype})" if uit.fouttype else ""
                )
                return _antwoord(uit, tijdelijk / "upload", reservering)
            finally:
                if reservering["open"]:  # not used for a result: given back
                    bewaard.geef_vrij()
        finally:
            shutil.rmtree(tijdelijk, ignore_errors=True)
            with _MAPPEN_SLOT:
                _MAPPEN.discard(tijdelijk)

    def _antwoord(uit: werker.Uitkomst, map_: Path, reservering: dict):
        vervang = zin("uitkomst.map_van_de_upload")

        def schoon(tekst: str) -> str:  # the temporary folder means nothing to the trekker
            tekst = tekst.replace(ZET_IN_MAP, zin("uitkomst.afbeelding_toevoegen"))
            for pad in sorted({str(map_), str(map_.resolve())}, key=len, reverse=True):
                tekst = tekst.replace(pad, vervang)
            return tekst

        meldingen = [Melding(schoon(m.tekst), m.blad, m.cel, m.ernst) for m in uit.meldingen]
        if uit.soort in ("te_lang", "geheugen", "gestopt", "onverwacht"):
            tekst = zin(
                f"uitkomst.{uit.soort}",
                minuten=grenzen["minuten"],
                sein=uit.tekst,
                grens=werker.MAX_GEHEUGEN // 1024**3,
                tijd=dt.datetime.now().strftime("%d-%m-%Y %H:%M:%S"),
            )
            return render_template("fout.html", soort=uit.soort, tekst=tekst), 500 if uit.soort == "onverwacht" else 422
        if uit.soort == "bestand":
            return startpagina(schoon(uit.tekst), 422)
        token = canvastoken = None
        if uit.soort == "gemaakt":
            grootte = len(uit.zip or b"") + len(uit.canvas or b"")
            if grootte > MAX_PER_UPLOAD:
                return render_template(
                    "fout.html", soort="te_veel_uitkomst", tekst=zin("uitkomst.te_veel", grootte=mb(grootte))
                ), 507
            reservering["open"] = False
            tokens = bewaard.leg_neer(uit.zip, uit.zipnaam, uit.canvas, gereserveerd=True)
            if tokens is None:
                return render_template("fout.html", soort="druk", tekst=zin("uitkomst.druk")), 503
            token, canvastoken = tokens
        return render_template(
            "uitkomst.html",
            uitkomst=uit,
            token=token,
            canvastoken=canvastoken,
            fouten=_per_blad([m for m in meldingen if m.ernst == Ernst.fout]),
            waarschuwingen=_per_blad([m for m in meldingen if m.ernst == Ernst.waarschuwing]),
            niet_gemaakt=[m for m in meldingen if m.ernst == Ernst.info],
            bellen=[m for m in meldingen if m.ernst == Ernst.bellen],
            aantal_fouten=sum(m.ernst == Ernst.fout for m in meldingen),
            aantal_waarschuwingen=sum(m.ernst == Ernst.waarschuwing for m in meldingen),
            mappen=_mappen(uit.bestanden),
            zipgrootte=mb(len(uit.zip or b"")),
        )

    @app.get("/download/<token>")
    def download(token: str):
        if request.method == "HEAD":  # a link checker or a proxy asking: the download stays
            return ("", 200, {"Content-Type": "application/zip"}) if bewaard.heeft_zip(token) else ("", 404)
        gevonden = bewaard.neem_zip(token)
        if gevonden is None:
            return render_template("fout.html", soort="verlopen", tekst=""), 404
        data, naam = gevonden
        # whole, also when a Range was asked for: the one download must be all of it
        return send_file(
            io.BytesIO(data), as_attachment=True, download_name=naam, mimetype="application/zip", conditional=False
        )

    @app.get("/canvas/<canvastoken>.png")
    def canvas(canvastoken: str):
        data = bewaard.canvas(canvastoken)
        if data is None:
            abort(404)
        return send_file(io.BytesIO(data), mimetype="image/png", download_name="canvas-fase-2.png")

    @app.get("/<naam>")
    def statisch(naam: str):
        if naam not in _STATISCH:
            abort(404)
        return Response(
            (map_ / naam).read_bytes(), mimetype=_STATISCH[naam].split(";")[0], content_type=_STATISCH[naam]
        )

    @app.errorhandler(RequestEntityTooLarge)
    def te_groot(_err):
        lengte = request.content_length
        soort = "te_veel_delen" if lengte is not None and lengte <= MAX_VERZOEK else "te_groot"  # many small files
        return render_template("fout.html", soort=soort, tekst=""), 413

    @app.errorhandler(HTTPException)
    def http_fout(err: HTTPException):
        soort = {404: "niet_gevonden", 405: "methode"}.get(err.code or 0, "verzoek")
        return render_template("fout.html", soort=soort, tekst=""), err.code

    @app.errorhandler(Exception)
    def onverwacht(err: Exception):
        log.error("onverwachte fout: %s", type(err).__name__)  # the type only: a message may quote a cell
        tekst = zin("uitkomst.onverwacht", tijd=dt.datetime.now().strftime("%d-%m-%Y %H:%M:%S"))
        return render_template("fout.html", soort="onverwacht", tekst=tekst), 500

    return app


def serveer(host: str = "127.0.0.1", poort: int = 8000, openen: bool = False, meld=print) -> None:
    """Serve the application with waitress until Ctrl+C; ``openen`` opens the browser once
    the server listens; ``meld`` is told, in Dutch, where (and when it stopped). Refuses a
    port in use or a host that is not this machine's with a :class:`HitteplanFout`."""
    import errno
    import webbrowser

    from waitress.server import create_server

    from generator.fouten import HitteplanFout, oorzaak
    from generator.sjabloon import Sjablonen

    teksten = Sjablonen().teksten("web/teksten.toml")

    def zin(sleutel: str, **waarden) -> str:
        return string.Template(teksten.tekst(f"server.{sleutel}")).safe_substitute(waarden)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("waitress").setLevel(logging.WARNING)
    app = maak_app()
    werkers = app.extensions["hitteplan"]["werkers"]
    from generator.web.voorpost import Voorpost

    try:
        # the public address is the gate's (voorpost: connections per client, a deadline per
        # request); waitress listens on this machine only, for the gate. Every waiting upload
        # holds a thread: enough threads that pages and downloads still get one
        poort_in = _luister(host, poort)
        server = create_server(
            app,
            host="127.0.0.1",
            port=0,
            threads=werkers * (1 + MAX_WACHTEND) + PAGINADRADEN,
            ident="hitteplan",
            max_request_body_size=4 * MAX_VERZOEK,
            clear_untrusted_proxy_headers=True,
            channel_timeout=30,
            connection_limit=1000,
        )
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise HitteplanFout(zin("poort_bezet", poort=poort)) from err
        raise HitteplanFout(zin("adres_fout", host=host, oorzaak=oorzaak(err))) from err
    poort_in.listen(1024)
    voorpost = Voorpost(poort_in, ("127.0.0.1", server.effective_port))
    voorpost.start()
    adres = f"http://{'[' + host + ']' if ':' in host else host}:{poort_in.getsockname()[1]}/"
    meld(zin("gestart", adres=adres))
    if openen:
        threading.Timer(0.5, webbrowser.open, args=(adres,)).start()
    import signal

    def stoppen(*_):  # a service manager stops with SIGTERM: as Ctrl+C, so that nothing is left behind
        raise KeyboardInterrupt

    vorige = signal.signal(signal.SIGTERM, stoppen) if hasattr(signal, "SIGTERM") else None
    try:
        server.run()  # waitress ends its loop on Ctrl+C itself
    except KeyboardInterrupt:
        pass
    finally:
        voorpost.stop()
        server.close()
        opruimen()
        if vorige is not None:
            signal.signal(signal.SIGTERM, vorige)
    meld(zin("gestopt"))


def _luister(host: str, poort: int):
    """A socket bound to ``host:poort`` (not yet listening), or the OSError binding gives (a
    port in use, an address that is not this machine's)."""
    import socket

    fout: OSError | None = None
    for familie, soort, protocol, _, adres in socket.getaddrinfo(host, poort, type=socket.SOCK_STREAM):
        sock = socket.socket(familie, soort, protocol)
        try:
            if hasattr(socket, "SO_REUSEADDR") and sys.platform != "win32":  # as waitress does
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(adres)
            return sock
        except OSError as err:
            sock.close()
            fout = err
    raise fout or OSError(f"geen adres voor {host}")
