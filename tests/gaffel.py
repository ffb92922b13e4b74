"""A fork server for the kill tests: the generator imported once, each build a fork of it.

A kill test runs some hundred builds, each killed (SIGKILL) at one of its renames and then
built again. Under strace a fresh interpreter took three times as long (every system call
stops the tracer, the imports' many among them), and each spent most of a second importing
the Office libraries. Here one process imports the generator (and, with :class:`Gaffel`'s
``opwarmen``, makes one build first, so that the locale data, fonts and compiled templates are
loaded once); every build is ``os.fork()`` of it, as a user's build but for those imports and
that read-only data (the files it writes, renames and leaves in the output folder are the
same). It kills itself with SIGKILL at the K-th rename or the K-th file opened for writing,
seen through a Python audit hook (PEP 578: ``os.rename`` and ``os.replace`` raise the event
``os.rename``; ``open`` and ``os.open`` raise ``open``). The hook runs before the system call,
so the kill happens where strace's ``inject=rename:signal=KILL:when=K`` would. It cannot stop a
build inside a write (a file left empty or cut off): the kill test does that with strace,
attached (``-p``) to a forked build that waits, stopped, for it (:meth:`Gaffel.bouw`'s
``strace``); a traced build takes about twice as long.

Run as ``python -m tests.gaffel``; it reads one JSON request per line on stdin and answers one
JSON line, the build's exit code (-9 when killed), after the build has ended (how many renames
and writes it made is in a file the request names); for a build to be traced by strace it
first answers a line with the child's pid, as soon as it is forked.
:class:`Gaffel` is the test's side. The server is single-threaded, so forking it is safe.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# what is counted: an audit event -> the kind of step it is (None: not a step)
SCHRIJVEN = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _soort(gebeurtenis: str, args: tuple) -> str | None:
    if gebeurtenis == "os.rename":
        return "rename"
    if gebeurtenis == "open":  # (path, mode, flags): open() and os.open() both give the flags
        _pad, _modus, vlaggen = args
        if isinstance(vlaggen, int) and vlaggen & SCHRIJVEN:
            return "open"
    return None


def _laat_volgen() -> None:
    """Let strace, started by the test and so no ancestor of this build, attach to it where the
    kernel allows tracing descendants only (Yama's ptrace_scope 1, the default of Ubuntu)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        pr_set_ptracer, ptracer_any = 0x59616D61, ctypes.c_ulong(-1).value
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_ptracer, ctypes.c_ulong(ptracer_any), 0, 0, 0)


def _bouw(verzoek: dict) -> None:
    """In the forked child: one build with ``verzoek``'s arguments and environment; never returns."""
    os.environ.clear()
    os.environ.update(verzoek["env"])
    tempfile.tempdir = None  # TMPDIR as this build's environment says
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # not the server's requests: a question gets end-of-input
    log = os.open(verzoek["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    tellingen = {"rename": 0, "open": 0}
    doden = verzoek.get("doden")
    actief = True

    def haak(gebeurtenis: str, args: tuple) -> None:
        if not actief:
            return
        soort = _soort(gebeurtenis, args)
        if soort is None:
            return
        tellingen[soort] += 1
        if doden and soort == doden[0] and tellingen[soort] == doden[1]:
            os.kill(os.getpid(), signal.SIGKILL)

    sys.addaudithook(haak)
    sys.argv = ["hitteplan", *verzoek["argv"]]
    if verzoek.get("stoppen"):  # wait, stopped, until strace has attached and the test continues us
        _laat_volgen()
        os.kill(os.getpid(), signal.SIGSTOP)
    code = 0
    try:
        from generator.cli import main

        main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:  # a bug in the build: its traceback is in the log, as a user would see it
        import traceback

        traceback.print_exc()
        code = 1
    actief = False
    sys.stdout.flush()
    sys.stderr.flush()
    if not verzoek.get("stoppen"):  # under strace the count is strace's: no write of the harness's own to count
        Path(verzoek["telling"]).write_text(json.dumps(tellingen))
    os._exit(code)


def _opwarmen(argv: list[str]) -> None:
    """One build in the server itself, into a folder of its own that is removed after: what a
    build loads once per process and only reads after (the locale data, the fonts measured, the
    texts and the templates compiled) is then loaded before the fork, and every child starts
    where a second build in one process would. What a build writes, renames and leaves behind
    in the output folder is the same: the commit, the journal and the recovery all happen in the
    child, and the warm-up's own folder is gone before the first request."""
    from click.testing import CliRunner

    from generator.cli import hoofd

    map_ = Path(tempfile.mkdtemp(prefix="gaffel-opwarmen-"))
    try:
        resultaat = CliRunner().invoke(hoofd, [*argv, "-o", str(map_ / "uit")])
        if resultaat.exit_code != 0:  # a warm-up that fails warms nothing: say so, the builds still run cold
            print(f"opwarmen mislukt ({resultaat.exit_code}): {resultaat.output[-500:]}", file=sys.stderr)
    finally:
        shutil.rmtree(map_, ignore_errors=True)
    for draad in threading.enumerate():  # a build's watchdog timers end when cancelled: fork with none left
        if draad is not threading.main_thread():
            draad.join(10)
    assert threading.active_count() == 1, f"na het opwarmen lopen nog draden: {threading.enumerate()}"


def dien(opwarmen: list[str] | None = None) -> None:
    """The server: import everything a build imports (and, with ``opwarmen``, the arguments of
    ``hitteplan`` without ``-o``, make one build first, see :func:`_opwarmen`), then fork a
    build per request."""
    import pkgutil

    import generator

    for module in pkgutil.walk_packages(generator.__path__, "generator."):
        __import__(module.name)
    if opwarmen:
        _opwarmen(opwarmen)
    for regel in sys.stdin:
        verzoek = json.loads(regel)
        pid = os.fork()
        if pid == 0:
            try:
                _bouw(verzoek)
            finally:  # the child never returns into the server's loop, whatever happens
                os._exit(70)
        if verzoek.get("stoppen"):
            print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"code": os.waitstatus_to_exitcode(status)}), flush=True)


def _wacht_tot_gestopt(pid: int, seconden: float = 30) -> None:
    """Until the process ``pid`` is stopped (state T in /proc)."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat[stat.rindex(")") + 2] in "Tt":
            return
        time.sleep(0.001)
    raise AssertionError(f"de bouw {pid} stopte niet om op strace te wachten")


class Gaffel:
    """The test's side of the fork server (a context manager). A build that takes longer than
    ``tijdslimiet`` seconds fails the test, and the server and its build are stopped."""

    def __init__(self, env: dict[str, str], tijdslimiet: float = 300, opwarmen: list[str] | None = None) -> None:
        self.tijdslimiet = tijdslimiet
        self.env = env
        self.proces = subprocess.Popen(
            [sys.executable, "-m", "tests.gaffel", *([json.dumps(opwarmen)] if opwarmen else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
            env=env,
            start_new_session=True,  # its own process group, so that stop() ends a hanging build too
        )

    def _regel(self) -> tuple[str, bool]:
        """The server's next answer ("" when it gave none) and whether it came in time."""
        assert self.proces.stdout
        klaar, _, _ = select.select([self.proces.stdout], [], [], self.tijdslimiet)
        return (self.proces.stdout.readline() if klaar else ""), bool(klaar)

    def bouw(
        self, argv: list[str], doden: tuple[str, int] | None = None, strace: list[str] | None = None
    ) -> tuple[int, str, dict[str, int]]:
        """Build with ``argv`` (the arguments of ``hitteplan``), killed at step ``doden``
        (("rename" or "open", K)) if given: (exit code, console output, steps counted).
        ``strace``: the command of strace (its program and options, without ``-p``) to trace
        the build with from its first step: the child waits, stopped, until strace has
        attached to it (``-p``) and goes on from there; strace counts (and kills at) the
        build's own system calls only, not the server's imports."""
        assert self.proces.stdin and self.proces.stdout
        map_ = Path(tempfile.mkdtemp(prefix="gaffel-"))
        verzoek = {
            "argv": argv,
            "env": self.env,
            "doden": doden,
            "log": str(map_ / "log"),
            "telling": str(map_ / "telling"),
            "stoppen": strace is not None,
        }
        self.proces.stdin.write(json.dumps(verzoek) + "\n")
        self.proces.stdin.flush()
        spoor = None
        if strace is not None:
            # -q and -qq would silence the line "Process N attached" that is waited for below
            assert not any(o.startswith("-q") for o in strace), strace
            pid = json.loads(self._regel()[0] or '{"pid": null}')["pid"]
            assert pid, "de fork-server gaf geen kind om te volgen"
            try:
                _wacht_tot_gestopt(pid)  # a SIGCONT before its SIGSTOP would leave it stopped for good
                spoor = subprocess.Popen([*strace, "-p", str(pid)], stderr=subprocess.PIPE, text=True)
                assert spoor.stderr
                klaar, _, _ = select.select([spoor.stderr], [], [], 60)
                eerste = spoor.stderr.readline() if klaar else "(geen antwoord van strace)"
                assert "attached" in eerste, eerste  # "strace: Process N attached": from here every call is seen
            except BaseException:
                if spoor is not None:
                    spoor.kill()
                    spoor.wait()
                self.stop()  # the server, its stopped build and its unread answer with it
                raise
            os.kill(pid, signal.SIGCONT)
        regel, klaar = self._regel()
        if spoor is not None:
            if not regel:
                spoor.kill()
            assert spoor.stderr
            with spoor.stderr:
                rest = spoor.stderr.read()  # to its end: strace has ended with the build
            assert spoor.wait(60) == 0 or not regel, rest
        uitvoer = (map_ / "log").read_text(errors="replace") if (map_ / "log").exists() else ""
        if not regel:
            self.stop()
            oorzaak = f"na {self.tijdslimiet:.0f} s niet klaar" if not klaar else f"gestopt ({self.proces.returncode})"
            raise AssertionError(f"de bouw {argv} {oorzaak}: {uitvoer[-2000:]}")
        antwoord = json.loads(regel)
        telling = json.loads((map_ / "telling").read_text()) if (map_ / "telling").exists() else {}
        for p in map_.iterdir():
            p.unlink()
        map_.rmdir()
        return antwoord["code"], uitvoer, telling

    def __enter__(self) -> Gaffel:
        return self

    def stop(self) -> None:
        """Stop the server and a build it is running (its own process group)."""
        if self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGKILL)
        self.proces.wait()

    def __exit__(self, *_: object) -> None:
        assert self.proces.stdin and self.proces.stdout
        if self.proces.poll() is None:
            self.proces.stdin.close()
            try:
                self.proces.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.stop()
        self.proces.stdout.close()


if __name__ == "__main__":
    dien(json.loads(sys.argv[1]) if len(sys.argv) > 1 else None)
