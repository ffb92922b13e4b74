"""The benchmark script keeps working (run at a tiny size; it is not a timed test)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import REPO

pytestmark = [pytest.mark.traag, pytest.mark.extern]


def test_benchmark_draait_klein():
    uit = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench.py"), "--klein"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    assert uit.returncode == 0, uit.stderr[-2000:]
    regels = uit.stdout.splitlines()
    for letter in "ac":
        assert any(re.match(rf"\({letter}\) .*: \d+\.\d\dx \(doel", r) for r in regels), (letter, regels)
    # (b) at this tiny size: one run each, so the extra rows may cost less than the noise
    assert any(
        re.match(r"\(b\) .*: (\d+\.\d\dx|niet te meten, het verschil valt binnen de ruis) \(doel", r) for r in regels
    ), regels
    assert any(re.match(r"\(d\) piekgeheugen bij 3x: \d+ MB", r) for r in regels), regels
    from generator.pdf import vind_soffice

    if vind_soffice() or __import__("os").environ.get("CI") == "true":
        assert any(re.match(r"\(e\) bouw --pdf .*: \d+\.\d\dx \(doel", r) for r in regels), regels
