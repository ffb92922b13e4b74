"""The gate in front of the web server: at most :data:`MAX_PER_KLANT` connections per client
address, and a whole request (head and body) within a deadline.

waitress closes a connection after 30 seconds without a byte, but each byte starts that time
again, and its connection limit is one for everybody: 1000 connections that each sent one
byte every 20 seconds kept the start page unreachable for as long as they lasted. This gate
(asyncio, one thread) takes the connections on the public address and hands each request,
once its head has arrived in time, to waitress on an address of this machine only, with
``Connection: close``; the body must follow at :data:`MIN_SNELHEID` at least. waitress keeps
everything else it does (buffering an upload, the worker threads).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import re
import socket
import threading

MAX_PER_KLANT = 64  # connections at once from one address (a browser opens six; behind a proxy all share one)
MAX_VERBINDINGEN = 1000  # connections at once in all
KOPTIJD = 20  # seconds for a request's head, from the moment the connection (or the previous request) began
MIN_TIJD = 30  # seconds a body may always take
MIN_SNELHEID = 64 * 1024  # bytes per second a longer body must come at, on average
MAX_KOP = 64 * 1024  # bytes of a request's head
_LENGTE = re.compile(rb"^content-length:\s*(\d+)\s*$", re.I | re.M)
_CHUNKED = re.compile(rb"^transfer-encoding:\s*.*chunked", re.I | re.M)
_VERBINDING = re.compile(rb"^(?:connection|keep-alive|proxy-connection):[^\r\n]*\r\n", re.I | re.M)


def _antwoord(status: str, tekst: str) -> bytes:
    inhoud = tekst.encode("utf-8")
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {len(inhoud)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode("ascii") + inhoud


class Voorpost:
    """Listens on ``sock`` and passes requests to ``doel`` (host, port)."""

    def __init__(self, sock: socket.socket, doel: tuple[str, int]):
        self.sock, self.doel = sock, doel
        self.per_klant: collections.Counter[str] = collections.Counter()
        self.totaal = 0
        self.loop = asyncio.new_event_loop()
        self._draad = threading.Thread(target=self._draai, name="hitteplan-voorpost", daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._klaar = threading.Event()

    def start(self) -> None:
        self._draad.start()
        self._klaar.wait(10)

    def stop(self) -> None:
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.loop.stop)
        self._draad.join(10)

    def _draai(self) -> None:
        asyncio.set_event_loop(self.loop)
        self._server = self.loop.run_until_complete(asyncio.start_server(self._klant, sock=self.sock, limit=MAX_KOP))
        self._klaar.set()
        try:
            self.loop.run_forever()
        finally:
            self._server.close()
            with contextlib.suppress(Exception):
                self.loop.run_until_complete(self._server.wait_closed())
            self.loop.close()

    async def _klant(self, lezer: asyncio.StreamReader, schrijver: asyncio.StreamWriter) -> None:
        adres = (schrijver.get_extra_info("peername") or ("?",))[0]
        if self.per_klant[adres] >= MAX_PER_KLANT or self.totaal >= MAX_VERBINDINGEN:
            with contextlib.suppress(OSError):
                schrijver.write(_antwoord("503 Service Unavailable", "Te veel verbindingen tegelijk."))
                await asyncio.wait_for(schrijver.drain(), 5)
            schrijver.close()
            return
        self.per_klant[adres] += 1
        self.totaal += 1
        try:
            await self._verzoek(lezer, schrijver)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            self.per_klant[adres] -= 1
            if not self.per_klant[adres]:
                del self.per_klant[adres]
            self.totaal -= 1
            schrijver.close()

    async def _verzoek(self, lezer: asyncio.StreamReader, schrijver: asyncio.StreamWriter) -> None:
        """One request: its head within :data:`KOPTIJD`, its body at :data:`MIN_SNELHEID`,
        the answer of waitress back, then the connection closes."""
        try:
            kop = await asyncio.wait_for(lezer.readuntil(b"\r\n\r\n"), KOPTIJD)
        except TimeoutError:
            schrijver.write(_antwoord("408 Request Timeout", "Het verzoek kwam niet op tijd binnen."))
            await asyncio.wait_for(schrijver.drain(), 5)
            return
        if _CHUNKED.search(kop):
            schrijver.write(_antwoord("411 Length Required", "Stuur het bestand met een lengte."))
            await asyncio.wait_for(schrijver.drain(), 5)
            return
        lengte = int(m.group(1)) if (m := _LENGTE.search(kop)) else 0
        regel, _, rest = kop.partition(b"\r\n")
        kop = regel + b"\r\n" + _VERBINDING.sub(b"", rest)[:-2] + b"Connection: close\r\n\r\n"
        boven_lezer, boven_schrijver = await asyncio.open_connection(*self.doel)
        boven_schrijver.write(kop)
        # the body goes up while the answer comes down: waitress may answer early (413)
        kopie = asyncio.ensure_future(
            asyncio.wait_for(self._kopieer(lezer, boven_schrijver, lengte), max(MIN_TIJD, lengte / MIN_SNELHEID))
        )
        terug = asyncio.ensure_future(self._terug(boven_lezer, schrijver))
        try:
            await asyncio.wait({kopie, terug}, return_when=asyncio.FIRST_COMPLETED)
            if not terug.done():
                fout = None if kopie.cancelled() else kopie.exception()
                if isinstance(fout, asyncio.TimeoutError):
                    schrijver.write(_antwoord("408 Request Timeout", "Het bestand kwam niet op tijd binnen."))
                    await asyncio.wait_for(schrijver.drain(), 5)
                    return
                await (asyncio.wait_for(terug, 30) if fout is not None else terug)
        finally:
            kopie.cancel()
            terug.cancel()
            boven_schrijver.close()

    @staticmethod
    async def _terug(lezer: asyncio.StreamReader, schrijver: asyncio.StreamWriter) -> None:
        while blok := await lezer.read(256 * 1024):
            schrijver.write(blok)
            await schrijver.drain()

    @staticmethod
    async def _kopieer(lezer: asyncio.StreamReader, schrijver: asyncio.StreamWriter, lengte: int) -> None:
        while lengte > 0:
            blok = await lezer.read(min(lengte, 256 * 1024))
            if not blok:
                raise asyncio.IncompleteReadError(b"", lengte)
            lengte -= len(blok)
            schrijver.write(blok)
            await schrijver.drain()
