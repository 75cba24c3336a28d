"""The README stays true: its two commands, every command, and CI running its test command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import COMMANDS

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)


def test_readme_opens_with_the_install_and_test_commands() -> None:
    first, second = readme_commands()[:2]
    assert "pip install ." in first and first.endswith("spasmguide lookup --region neck")
    assert "pytest" in second


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"spasmguide {command}" in README
