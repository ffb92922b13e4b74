"""Helpers for the tests of ``hitteplan web``: workbooks to upload, a real server in a
process of its own, multipart uploads without a browser, and the memory of a process tree."""

from __future__ import annotations

import http.client
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import openpyxl

from generator.voorbeeld import hittekaart

from .conftest import REPO

VOORBEELD = REPO / "invoer" / "voorbeeld.xlsx"
HITTEKAART = REPO / "invoer" / "hittekaart-heuvelmonde.png"


def _norm(tekst) -> str:
    return " ".join(str(tekst or "").replace("_", " ").replace("-", " ").split()).lower().rstrip(" *")


def week2(bron: Path, doel: Path) -> Path:
    """A week-2 copy of a complete workbook, as a trekker has it two weeks into phase 2: no
    memo facts, no ambition, no agreements or goals yet, every meeting still planned (the
    logic of the project's shared tool ``vroeg.py``). The heat map goes beside it."""
    wb = openpyxl.load_workbook(bron)
    for ws in wb.worksheets:
        naam = _norm(ws.title)
        if naam in ("notitie", "ambitie"):
            for rij in ws.iter_rows(min_row=2):
                if len(rij) > 1:
                    rij[1].value = None
        elif naam in ("beslispunten", "afspraken", "doelen en rollen", "knelpunten en kansen") and ws.max_row > 1:
            ws.delete_rows(2, ws.max_row - 1)
        elif naam == "bijeenkomsten":
            kop = [_norm(c.value) for c in ws[1]]
            for rij in ws.iter_rows(min_row=2):
                for cel, k in zip(rij, kop, strict=True):
                    if k == "status" and cel.value:
                        cel.value = "Gepland"
                    elif k in ("uitkomsten", "evaluatie"):
                        cel.value = None
    doel.parent.mkdir(parents=True, exist_ok=True)
    wb.save(doel)
    naam, beeld = hittekaart()
    (doel.parent / naam).write_bytes(beeld)
    return doel


def met_fout(bron: Path, doel: Path) -> Path:
    """A copy of the example with the README's error: 'Wijken' F7 holds '12 procent'."""
    wb = openpyxl.load_workbook(bron)
    wb["Wijken"]["F7"] = "12 procent"
    doel.parent.mkdir(parents=True, exist_ok=True)
    wb.save(doel)
    naam, beeld = hittekaart()
    (doel.parent / naam).write_bytes(beeld)
    return doel


def multipart(bestanden: list[tuple[str, bytes]], veld: str = "bestanden") -> tuple[bytes, str]:
    """A multipart/form-data body with the files as one (multiple) field, and its content type."""
    grens = uuid.uuid4().hex
    delen = []
    for naam, data in bestanden:
        delen.append(
            f'--{grens}\r\nContent-Disposition: form-data; name="{veld}"; filename="{naam}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    return b"".join(delen) + f"--{grens}--\r\n".encode(), f"multipart/form-data; boundary={grens}"


def verzoek(
    adres: str, methode: str, pad: str, body: bytes | None = None, koppen: dict | None = None, tijd: float = 300
) -> tuple[int, dict, bytes]:
    """One HTTP request to the test server (127.0.0.1 only): status, headers, body."""
    host, poort = re.match(r"http://([\d.]+):(\d+)/", adres).groups()
    assert host.startswith("127."), "the tests only talk to this machine"
    verbinding = http.client.HTTPConnection(host, int(poort), timeout=tijd)
    try:
        verbinding.request(methode, pad, body=body, headers=koppen or {})
        antwoord = verbinding.getresponse()
        return antwoord.status, {k.lower(): v for k, v in antwoord.getheaders()}, antwoord.read()
    finally:
        verbinding.close()


def upload(adres: str, bestanden: list[tuple[str, bytes]]) -> tuple[int, str]:
    body, soort = multipart(bestanden)
    status, _, data = verzoek(adres, "POST", "/uitkomst", body, {"Content-Type": soort})
    return status, data.decode("utf-8")


def downloadpad(html: str) -> str:
    return re.search(r'href="(/download/[^"]+)"', html).group(1)


def zipnamen(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def memo_tekst(data: bytes) -> str:
    """The text of the memo in a downloaded zip, reopened with python-docx."""
    import docx

    zf = zipfile.ZipFile(io.BytesIO(data))
    naam = next(n for n in zf.namelist() if n.endswith("/bestuurlijke-notitie.docx"))
    document = docx.Document(io.BytesIO(zf.read(naam)))
    delen = [p.text for p in document.paragraphs]
    delen += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(delen)


# `python -m generator web`, as a terminal starts it: Ctrl+C (SIGINT) raises KeyboardInterrupt.
# Run from a background job (`make test &`, nohup) the tests ignore SIGINT, and a child inherits
# that (Python then installs no handler): the server would not stop on the Ctrl+C of stop().
_ALS_IN_EEN_TERMINAL = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv = ['hitteplan', *sys.argv[1:]]; runpy.run_module('generator', run_name='__main__', alter_sys=True)"
)


def _opdracht(*argumenten: str) -> list[str]:
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        return [sys.executable, "-c", _ALS_IN_EEN_TERMINAL, *argumenten]
    return [sys.executable, "-m", "generator", *argumenten]


class Server:
    """``python -m generator web --poort 0`` in a process (and process group) of its own;
    the address is read from its first line."""

    def __init__(self, map_: Path, extra_env: dict | None = None):
        self.log = map_ / "server.log"
        omgeving = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
        self._uit = open(self.log, "w")  # noqa: SIM115 -- open while the server runs, closed in stop()
        self.proces = subprocess.Popen(
            _opdracht("web", "--poort", "0"),
            cwd=map_,
            stdout=self._uit,
            stderr=subprocess.STDOUT,
            env=omgeving,
            start_new_session=True,
        )
        eind = time.monotonic() + 60
        while time.monotonic() < eind:
            if gevonden := re.search(r"http://127\.0\.0\.1:\d+/", self.log.read_text()):
                self.adres = gevonden.group(0)
                return
            if self.proces.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"hitteplan web start niet: {self.log.read_text()}")

    def stop(self) -> str:
        """Ctrl+C, as a person stops it; returns what it printed."""
        if self.proces.poll() is None:
            self.proces.send_signal(signal.SIGINT)
            try:
                self.proces.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait(10)
        self._uit.close()
        return self.log.read_text()


def boom_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants (Linux /proc)."""
    ouders: dict[int, int] = {}
    rss: dict[int, int] = {}
    pagina = os.sysconf("SC_PAGE_SIZE")
    for item in os.listdir("/proc"):
        if not item.isdigit():
            continue
        try:
            stat = Path(f"/proc/{item}/stat").read_text()
        except OSError:
            continue
        velden = stat[stat.rindex(")") + 2 :].split()
        ouders[int(item)] = int(velden[1])
        rss[int(item)] = int(velden[21]) * pagina
    boom, nieuw = {pid}, [pid]
    while nieuw:
        nieuw = [p for p, ouder in ouders.items() if ouder in nieuw and p not in boom]
        boom.update(nieuw)
    return sum(rss.get(p, 0) for p in boom)


def kopieer_voorbeeld(map_: Path) -> Path:
    map_.mkdir(parents=True, exist_ok=True)
    shutil.copy(VOORBEELD, map_ / VOORBEELD.name)
    shutil.copy(HITTEKAART, map_ / HITTEKAART.name)
    return map_ / VOORBEELD.name
