"""Property-based: whatever the arguments or knowledge-base files, the answer is handled."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spasmguide.safe_text import UNSAFE_CODES
from tests.conftest import COMMANDS, invoke

# Real processes, waits and long property runs: the slow tier (`pytest -m slow`).
pytestmark = pytest.mark.slow

HOSTILE_ALPHABET = (
    "abcnekupigAZ09 -_./\\[]{}()<>|&*!?#%:;,'\"`~=+\t\n"
    "\x00\x07\x1b\x7f\x85\x9b\u202e\u2066\u2028é針"
)
# Every character that could steer a terminal (what the guide escapes everywhere).
UNSAFE = {chr(code) for code in UNSAFE_CODES}
WORDS = [
    *COMMANDS,
    "--region",
    "--cause",
    "--format",
    "-f",
    "json",
    "markdown",
    "text",
    "--limit",
    "-n",
    "--kb",
    "neck",
    "low back",
    "stress",
    "cupping",
    "regions",
    "techniques",
    "--help",
    "--version",
    "",
]
YAML_PIECES = [
    "techniques:",
    "regions:",
    "causes:",
    "guide:",
    "sources:",
    "- ",
    "  ",
    "id: ",
    "name: ",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "[",
    "]",
    "{",
    "}",
    "---\n",
    "yes",
    "2024-01-01",
    "\n",
    ": ",
    "'",
    '"',
    "cupping",
    "article",
    "category: manual therapy",
]

arguments = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(HOSTILE_ALPHABET, max_size=30)), max_size=7
)
yaml_texts = st.one_of(
    st.text(HOSTILE_ALPHABET, max_size=200),
    st.lists(
        st.one_of(st.sampled_from(YAML_PIECES), st.text(HOSTILE_ALPHABET, max_size=12)), max_size=40
    ).map("".join),
)


def assert_handled(args: list[str]) -> None:
    outcome = invoke(*args)
    assert outcome.exit_code in (0, 1, 2), (args, outcome)
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, (
        args,
        outcome,
    )
    for stream in (outcome.stdout, outcome.stderr):
        raw = set(stream) & UNSAFE
        assert not raw, (args, raw, stream)
    if outcome.exit_code != 0:
        assert len(outcome.stderr.splitlines()) <= 1 or args[:1] == ["validate"], (args, outcome)
    if outcome.exit_code == 0 and asks_for_json(args):
        json.loads(outcome.stdout)


def asks_for_json(args: list[str]) -> bool:
    """Whether a successful run of `args` must have printed one JSON document."""
    if {"--help", "-h", "--version", "validate"} & set(args) or args[:1] == []:
        return False
    flags = [index for index, arg in enumerate(args) if arg in ("--format", "-f")]
    return bool(flags) and args[flags[-1] + 1 : flags[-1] + 2] == ["json"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arguments)
def test_any_arguments_get_a_handled_answer(args: list[str]) -> None:
    assert_handled(args)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    yaml_texts,
    st.sampled_from([["technique", "cupping"], ["search", "neck"], ["validate"]]),
    st.booleans(),
)
def test_any_knowledge_base_file_gets_a_handled_answer(
    text: str, command: list[str], as_json: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "layer.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        args = [*command, str(path)] if command == ["validate"] else [*command, "--kb", str(path)]
        if as_json and command != ["validate"]:
            args += ["--format", "json"]
        assert_handled(args)


@settings(max_examples=100, deadline=None)
@given(st.text(HOSTILE_ALPHABET, max_size=40), st.sampled_from(["--kb", "validate"]))
def test_any_path_gets_a_handled_answer(path: str, how: str) -> None:
    assert_handled(["technique", "cupping", "--kb", path] if how == "--kb" else ["validate", path])


@settings(max_examples=40, deadline=None)
@given(columns=st.one_of(st.integers(min_value=-(10**12), max_value=10**12), st.just(0)))
def test_any_width_lays_out_between_the_bounds(columns: int) -> None:
    from spasmguide.render.text import MAX_WIDTH, MIN_WIDTH, usable_width

    width = usable_width(columns)
    assert MIN_WIDTH <= width <= MAX_WIDTH
    if MIN_WIDTH <= columns <= MAX_WIDTH:
        assert width == columns


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(alphabet=HOSTILE_ALPHABET, min_size=0, max_size=30))
def test_any_output_path_is_written_whole_or_refused_cleanly(name: str) -> None:
    import os

    from spasmguide.cli.output import write_output
    from spasmguide.errors import GuideError

    with tempfile.TemporaryDirectory() as folder:
        kept = Path(folder) / "input.yaml"
        kept.write_text("techniques: []\n")
        before = os.getcwd()
        os.chdir(folder)
        try:
            write_output(name, "document\n", [kept])
        except GuideError as error:
            assert error.kind in ("not-found", "invalid-content", "usage")
            assert "\n" not in error.message
        else:
            target = Path(os.path.expanduser(name))
            assert target.read_text() == "document\n"
        finally:
            os.chdir(before)
        assert kept.read_text() == "techniques: []\n"
        leftovers = [entry for entry in os.listdir(folder) if entry.endswith(".tmp")]
        assert leftovers == []
