"""Shell conventions: completion (driven through the protocol bash and zsh use), help, -V,
--color, and `list` with no kind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from spasmguide import __version__
from tests.conftest import invoke

COMMAND = Path(sys.executable).with_name("spasmguide")


def _complete(shell: str, words: str, env: dict[str, str] | None = None) -> list[str]:
    protocol = {"_SPASMGUIDE_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        split = words.split(" ")
        protocol |= {"COMP_WORDS": words, "COMP_CWORD": str(len(split) - 1)}
    else:
        protocol |= {"_TYPER_COMPLETE_ARGS": words}
    done = subprocess.run(
        [str(COMMAND)],
        capture_output=True,
        text=True,
        env={**os.environ, **protocol, **(env or {})},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("spasmguide loo", "lookup"),
        ("spasmguide lookup --region ne", "neck"),
        ("spasmguide lookup --cause pos", "posture"),
        ("spasmguide technique cu", "cupping"),
        ("spasmguide acupoint gb2", "gb20"),
        ("spasmguide list ac", "acupoints"),
        ("spasmguide quiz --topic ev", "evidence"),
        ("spasmguide lookup --format ma", "markdown"),
        ("spasmguide lookup --re", "--region"),
        ("spasmguide red-flags --region ca", "calf"),
        ("spasmguide help lo", "lookup"),
    ],
)
@pytest.mark.slow
def test_bash_completes_commands_options_values_and_names(words: str, expected: str) -> None:
    assert expected in _complete("bash", words)


def test_zsh_completes_names() -> None:
    assert any("cupping" in word for word in _complete("zsh", "spasmguide technique cu"))
    assert any("neck" in word for word in _complete("zsh", "spasmguide lookup --region ne"))


def test_completion_includes_names_from_the_users_layers(tmp_path: Path) -> None:
    layer = tmp_path / "mine.yaml"
    layer.write_text(
        "techniques:\n"
        "  - id: hot-stone\n"
        "    name: Hot stone massage\n"
        "    category: manual therapy\n"
        "    invasiveness: touch\n"
        "    summary: Warm stones.\n"
        "    how_it_works: [Warmth.]\n"
        "    benefits: [Relaxation.]\n"
        "    often_used_for: [Tension.]\n"
        "    session: Stones are placed on the back.\n"
        "    cautions: [Stones must not burn.]\n"
        "    sources: [article]\n"
    )
    assert "hot-stone" in _complete(
        "bash", "spasmguide technique ho", {"SPASMGUIDE_KB": str(layer)}
    )
    assert "hot-stone" in _complete("bash", f"spasmguide technique --kb {layer} ho")


def test_install_and_show_completion_are_typers_own() -> None:
    # As a user types it in bash: Typer finds the shell among the command's parents.
    done = subprocess.run(
        ["bash", "-c", f"'{COMMAND}' --show-completion; exit $?"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert "_SPASMGUIDE_COMPLETE" in done.stdout
    assert "--install-completion" in invoke("--help").stdout


def test_help_command_and_short_version() -> None:
    assert invoke("help", "lookup").stdout.startswith("Usage: spasmguide lookup")
    assert "Commands:" in invoke("help").stdout
    outcome = invoke("help", "nope")
    assert outcome.exit_code == 2 and "no command named 'nope'" in outcome.stderr
    assert invoke("-V").stdout == f"spasmguide {__version__}\n"


def test_help_shows_clean_metavars() -> None:
    for command in ("lookup", "search", "quiz", "export", "list", "red-flags"):
        text = invoke(command, "--help").stdout
        # Typer marks a required argument {LIKE-THIS} in the usage line; no type names, no
        # lowercase {name}:<type> forms.
        assert "<str>" not in text and "<int>" not in text and "}:" not in text, command
        assert not re.search(r"\{[a-z_]+\}", text), command


def test_list_with_no_kind_lists_the_kinds() -> None:
    text = invoke("list").stdout
    assert "spasmguide list regions" in text and "\\n\\t" not in text


def test_color_always_and_never() -> None:
    always = subprocess.run(
        [str(COMMAND), "--color", "always", "technique", "cupping"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SPASMGUIDE_NO_PAGE_CACHE": "1"},
    ).stdout
    assert "\x1b[" in always
    never = subprocess.run(
        [str(COMMAND), "--color", "never", "technique", "cupping"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "FORCE_COLOR": "1", "SPASMGUIDE_NO_PAGE_CACHE": "1"},
    ).stdout
    assert "\x1b[" not in never
    assert invoke("--color", "sometimes", "about").exit_code == 2
