"""What only a real process shows: pipes, colour, environment, `python -m`."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from spasmguide import __version__
from tests.conftest import NOTICE_WORDS, run_process


def test_python_m_runs_the_guide() -> None:
    result = run_process("lookup", "--region", "neck")
    assert result.returncode == 0, result.stderr
    assert NOTICE_WORDS in " ".join(result.stdout.split())
    assert run_process("--version").stdout.strip() == f"spasmguide {__version__}"


def test_piped_output_has_no_ansi_codes() -> None:
    result = run_process("technique", "cupping", env={"FORCE_COLOR": "", "TERM": "xterm-256color"})
    assert result.returncode == 0
    assert "\x1b" not in result.stdout


def test_no_color_is_honoured_even_when_colour_is_forced() -> None:
    result = run_process("technique", "cupping", env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert not re.search(r"\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])(?:;\d+)*m", result.stdout)  # no colours
    assert "\x1b[1m" in result.stdout  # but still a terminal: bold headings


def test_a_closed_pipe_ends_quietly() -> None:
    command = f"'{sys.executable}' -m spasmguide evidence | head -3"
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=60, check=False
    )
    assert len(result.stdout.splitlines()) == 3
    assert result.stderr == ""


def test_errors_are_one_line_on_stderr_with_exit_codes() -> None:
    not_found = run_process("technique", "nonsense")
    assert not_found.returncode == 1 and not_found.stdout == ""
    assert len(not_found.stderr.splitlines()) == 1
    usage = run_process("lookup", "--format", "yaml")
    assert usage.returncode == 2 and len(usage.stderr.splitlines()) == 1


def test_ascii_only_output_encoding_still_prints_the_page() -> None:
    result = run_process("technique", "cupping", env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
    assert result.returncode == 0, result.stderr
    assert NOTICE_WORDS in " ".join(result.stdout.split())
    as_json = run_process(
        "lookup", "--region", "neck", "--format", "json", env={"PYTHONIOENCODING": "ascii"}
    )
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["region"]["id"] == "neck"
