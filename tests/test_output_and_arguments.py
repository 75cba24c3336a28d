"""Odd widths, a closed or full standard output, help before a command, repeated options."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import NOTICE_WORDS, invoke, run_process


def _words(text: str) -> list[str]:
    """The words of a page, without rules and box borders."""
    return [word for word in text.split() if any(char.isalnum() for char in word)]


@pytest.mark.slow
@pytest.mark.parametrize("columns", ["0", "-5", "5", "19", "99999999999"])
def test_any_columns_value_shows_every_warning_sign_uncut(columns: str) -> None:
    wide = run_process("red-flags", "--no-pager", env={"COLUMNS": "200"})
    odd = run_process("red-flags", "--no-pager", env={"COLUMNS": columns})
    assert odd.returncode == 0, odd.stderr
    assert odd.stderr == ""
    assert _words(odd.stdout) == _words(wide.stdout)
    assert NOTICE_WORDS in " ".join(_words(odd.stdout))
    assert 40 <= max(len(line) for line in odd.stdout.splitlines()) <= 500


def test_a_closed_standard_output_is_one_line_and_a_failure() -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m spasmguide lookup -r neck >&-', sys.executable],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_device_is_one_line_and_a_failure() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "spasmguide", "lookup", "-r", "neck"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 1
    assert "No space left" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_help_before_a_command_shows_the_whole_program() -> None:
    result = run_process("--help", "search")
    assert result.returncode == 0
    for command in ("lookup", "search", "red-flags", "export"):
        assert command in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("red-flags", "--region", "neck", "--region", "low back"),
        ("lookup", "-r", "neck", "-rback"),
        ("lookup", "--region=neck", "--region", "neck"),
        ("search", "neck", "-f", "json", "--format", "text"),
    ],
)
def test_a_repeated_single_value_option_is_a_usage_error(args: tuple[str, ...]) -> None:
    outcome = invoke(*args)
    assert outcome.exit_code == 2
    assert "more than once" in outcome.stderr


def test_repeatable_options_and_values_that_look_like_options_are_fine(tmp_path: object) -> None:
    assert invoke("search", "--", "-r", "neck", "-r").exit_code in (0, 1)
    assert invoke("lookup", "-r", "neck", "--full", "--full").exit_code == 0
