"""A bounded load test of ``hitteplan web``, against 127.0.0.1 only: the real server
(waitress, worker processes, LibreOffice when installed) takes 16 uploads, 4 at a time; every
upload is answered, each with the right documents, memory stays bounded; then a 60 MB upload
gets 413 and the server keeps serving. How long the uploads take is measured in
``benchmarks/web.py``, not asserted here."""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from .webhulp import (
    HITTEKAART,
    VOORBEELD,
    Server,
    boom_rss,
    downloadpad,
    memo_tekst,
    multipart,
    upload,
    verzoek,
    zipnamen,
)

pytestmark = pytest.mark.traag

UPLOADS = 16
TEGELIJK = 4
MB = 1024 * 1024
MAX_GEHEUGEN = 1536 * MB  # server, workers and LibreOffice together, at the peak
# The server itself after a round, against before it: the zips go when downloaded, the canvas
# pictures (0.4 MB each) after 10 minutes; glibc keeps freed memory per server thread (arenas).
MAX_GROEI = 192 * MB


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="het geheugen wordt gemeten in /proc (Linux)")
def test_last_16_uploads_4_tegelijk(tmp_path):
    server = Server(tmp_path)
    try:
        bestanden = [(VOORBEELD.name, VOORBEELD.read_bytes()), (HITTEKAART.name, HITTEKAART.read_bytes())]

        def een() -> bytes:
            status, html = upload(server.adres, bestanden)
            assert status == 200, html[-2000:]
            status, koppen, data = verzoek(server.adres, "GET", downloadpad(html))
            assert status == 200 and koppen["content-type"] == "application/zip"
            return data

        verwacht = zipnamen(een())  # the first worker also fills the template caches
        assert "heuvelmonde/bestuurlijke-notitie.docx" in verwacht
        rust = boom_rss(server.proces.pid)
        piek = [rust]
        klaar = threading.Event()

        def meet() -> None:
            while not klaar.is_set():
                piek.append(boom_rss(server.proces.pid))
                time.sleep(0.25)

        meter = threading.Thread(target=meet)
        meter.start()
        try:
            with ThreadPoolExecutor(TEGELIJK) as pool:
                uitkomsten = list(pool.map(lambda _: een(), range(UPLOADS)))
        finally:
            klaar.set()
            meter.join()
        assert len(uitkomsten) == UPLOADS  # every upload answered, none refused as too busy
        for data in uitkomsten:
            assert zipnamen(data) == verwacht
            assert "Heuvelmonde" in memo_tekst(data)
        time.sleep(0.5)
        na = boom_rss(server.proces.pid)
        assert max(piek) <= MAX_GEHEUGEN, f"piek {max(piek) / MB:.0f} MB"
        assert na <= rust + MAX_GROEI, f"de server groeide van {rust / MB:.0f} naar {na / MB:.0f} MB"

        # 60 MB: refused with the Dutch page that names the limit, and the server keeps serving
        body, soort = multipart([("groot.xlsx", b"\0" * (60 * MB))])
        status, koppen, data = verzoek(server.adres, "POST", "/uitkomst", body, {"Content-Type": soort})
        assert status == 413
        assert "Samen mogen de bestanden die u kiest hoogstens 60 MB zijn" in " ".join(data.decode().split())
        assert verzoek(server.adres, "GET", "/")[0] == 200
        assert zipnamen(een()) == verwacht
    finally:
        uit = server.stop()
    assert "Gestopt." in uit
    for geheim in ("Heuvelmonde", "heuvelmonde", "voorbeeld.xlsx", "Benali"):  # the log: requests, no contents
        assert geheim not in uit


def test_stille_verbindingen_sluiten_de_pagina_niet_af(tmp_path):
    """Connections that open and then send nothing (150 of them, more than waitress's default
    limit of 100) do not shut the page for others."""
    import re
    import socket

    server = Server(tmp_path)
    stil = []
    try:
        host, poort = re.match(r"http://([\d.]+):(\d+)/", server.adres).groups()
        for _ in range(150):
            s = socket.create_connection((host, int(poort)), timeout=5)
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-a: ")
            stil.append(s)
        status, _, _ = verzoek(server.adres, "GET", "/", tijd=10)  # answered, not left waiting
        assert status == 200
    finally:
        for s in stil:
            s.close()
        server.stop()
