"""The bounded execution of template work: at most so many seconds (a watchdog that
interrupts the main thread) and, on Linux, so much more memory, with a sentence naming the
template when either runs out. One build per process: the watch is the process's own (its
SIGINT handler, its address-space limit), so two builds in threads of one process must not
run at the same time (see docs/python-api.md, "Eén bouw per proces").
"""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import sys
import threading
import time

from generator.fouten import SjabloonFout

MAX_SECONDEN = 120  # seconds a template may take for one document
PER_DOCUMENT = 0.25  # seconds each document of a series adds to its shared budget (a letter takes about 0.015 s)
MAX_GEHEUGEN = 2 * 1024**3  # bytes a template may add to the process while it is filled in (where the system allows)


_ACTIEF: list[str] = []  # the templates being filled in, innermost last (one build at a time per process)


def _geheugengrens():
    """Cap the address space the process may grow by while a template is filled in (Linux:
    RLIMIT_AS); returns the limits to restore, or None where this is not possible."""
    if not sys.platform.startswith("linux"):
        return None
    import resource  # here: the module exists on Unix only

    try:
        zacht, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm") as fh:
            nu = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        grens = nu + MAX_GEHEUGEN
        if hard != resource.RLIM_INFINITY:
            grens = min(grens, hard)
        if zacht != resource.RLIM_INFINITY and zacht <= grens:
            return None  # already as strict
        resource.setrlimit(resource.RLIMIT_AS, (grens, hard))
        return zacht, hard
    except (OSError, ValueError):
        return None


def tijdbudget(aantal: int) -> tuple[float, float]:
    """The time a series of ``aantal`` documents (every letter of a run) may take together:
    the limit of one document plus :data:`PER_DOCUMENT` for each; and the deadline
    (``time.monotonic()``) for :func:`binnen_de_tijd`."""
    budget = MAX_SECONDEN + PER_DOCUMENT * aantal
    return budget, time.monotonic() + budget


@contextlib.contextmanager
def binnen_de_tijd(sjabloon: str, seconden: float | None = None, einde: float | None = None):
    """Bound the work of filling in a template (a document, or a text): at most
    :data:`MAX_SECONDEN` seconds, and on Linux at most :data:`MAX_GEHEUGEN` more memory. A
    template that loops for ever is stopped with a :class:`SjabloonFout` naming it. A watchdog
    thread interrupts the main thread (``_thread.interrupt_main``, on every platform; Python's
    own handler of that interrupt is put in place for the while, also where a launcher had it
    ignored); a user's own Ctrl+C is passed on as it is. Nested uses share the outer watch and
    name the innermost template. ``einde``: a deadline (``time.monotonic()``) that a series of
    uses shares (every letter of a run), which together may take ``seconden``."""
    if _ACTIEF:
        _ACTIEF.append(sjabloon)
        try:
            yield
        finally:
            _ACTIEF.pop()
        return
    seconden = MAX_SECONDEN if seconden is None else seconden
    wachttijd = seconden if einde is None else max(0.01, einde - time.monotonic())
    slot = threading.Lock()
    toestand = {"klaar": False, "verlopen": False, "naam": sjabloon}

    def te_laat() -> None:
        with slot:
            if not toestand["klaar"]:
                toestand["verlopen"] = True
                toestand["naam"] = _ACTIEF[-1] if _ACTIEF else sjabloon
                _thread.interrupt_main()

    def fout() -> SjabloonFout:
        return SjabloonFout(
            f"Sjabloon '{toestand['naam']}': het invullen duurt langer dan {seconden:g} seconden; staat "
            "er een lus in die niet ophoudt, of een heel grote {% for %}?"
        )

    onderbreking = None
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        onderbreking = signal.signal(signal.SIGINT, signal.default_int_handler)
    klok = threading.Timer(wachttijd, te_laat)
    klok.daemon = True
    klok.start()
    oud = _geheugengrens()
    _ACTIEF.append(sjabloon)
    try:
        try:
            yield
        finally:
            with slot:
                toestand["klaar"] = True
            klok.cancel()
            _ACTIEF.clear()
            if onderbreking is not None:
                signal.signal(signal.SIGINT, onderbreking)
            if oud is not None:
                import resource  # only set on Linux (see _geheugengrens)

                resource.setrlimit(resource.RLIMIT_AS, oud)
    except KeyboardInterrupt:
        if toestand["verlopen"]:
            raise fout() from None
        raise
    if toestand["verlopen"]:  # the time ran out just as the work ended: absorb the interrupt on its way
        with contextlib.suppress(KeyboardInterrupt):
            time.sleep(0.05)
        raise fout()
