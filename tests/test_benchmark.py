"""The benchmark keeps working: one quick round, checking its table, not its timings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Real processes, waits and long property runs: the slow tier (`pytest -m slow`).
pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "spasmguide").exists(), reason="needs the installed command"
)
def test_the_benchmark_runs_and_reports_every_budget() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--repeat", "1", "--cold", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for row in (
        "bare Typer app",
        "technique cupping",
        "search spasm +10k",
        "cold search +10k",
        "repeated technique cupping",
        "first view technique cupping",
        "quiz question +2k",
        "quiz question +10k",
        "quiz --stats",
    ):
        assert row in result.stdout
    statuses = ("\nmet ", "\nMISS", "\nskip")
    assert sum(result.stdout.count(status) for status in statuses) == 13
    skipped = result.stdout.count("\nskip")
    assert f"of {13 - skipped} budgets met" in result.stdout
