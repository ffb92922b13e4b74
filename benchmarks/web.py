"""How long uploads to ``hitteplan web`` take under load: the real server on 127.0.0.1, 16
uploads of the example, 4 at a time, against the median of three single uploads. Prints p50,
p95 and the ratio; asserts nothing (the load test in tests/test_web_last.py checks that every
upload is answered and correct).

    python benchmarks/web.py [--uploads 16] [--tegelijk 4]

Measured on the project's 2-core machines: p95 2.5x to 4.1x a single upload. Of four uploads
that come at once, the third and fourth wait for a whole build of the first two, and two busy
processes there each run at about 60%: about 3.2x by arithmetic, whatever the number of workers.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.webhulp import HITTEKAART, VOORBEELD, Server, downloadpad, upload, verzoek  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uploads", type=int, default=16)
    ap.add_argument("--tegelijk", type=int, default=4)
    args = ap.parse_args()
    bestanden = [(VOORBEELD.name, VOORBEELD.read_bytes()), (HITTEKAART.name, HITTEKAART.read_bytes())]
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp))
        try:

            def een() -> float:
                begin = time.monotonic()
                status, html = upload(server.adres, bestanden)
                assert status == 200, html[-500:]
                assert verzoek(server.adres, "GET", downloadpad(html))[0] == 200
                return time.monotonic() - begin

            een()  # the first worker fills the template caches
            enkel = sorted(een() for _ in range(3))[1]
            with ThreadPoolExecutor(args.tegelijk) as pool:
                duren = sorted(pool.map(lambda _: een(), range(args.uploads)))
        finally:
            server.stop()
    p95 = duren[math.ceil(0.95 * len(duren)) - 1]  # nearest rank
    print(
        f"één upload {enkel:.2f} s; {args.uploads} uploads, {args.tegelijk} tegelijk: p50 "
        f"{duren[len(duren) // 2]:.2f} s, p95 {p95:.2f} s: {p95 / enkel:.2f}x één upload"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
