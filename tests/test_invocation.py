"""The command line is read once (spasmguide/invocation.py), and the forms people type work."""

from __future__ import annotations

import json

import pytest
import typer.main

from spasmguide import invocation, page_cache, page_recording
from spasmguide.cli.app import app
from spasmguide.kb.layers import shipped_data_candidates
from spasmguide.kb.model import KnowledgeBase
from tests.conftest import NOTICE_WORDS, invoke


def test_the_command_table_is_the_apps() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert set(invocation.COMMANDS) == set(commands)


def test_global_options_of_the_app_are_the_tables() -> None:
    root = typer.main.get_command(app)
    takes_value = {
        spelling: not getattr(parameter, "is_flag", False)
        for parameter in root.params
        for spelling in parameter.opts
        if spelling.startswith("--") and spelling not in invocation.NOT_A_PAGE
    }
    assert takes_value == invocation.GLOBAL_OPTIONS


@pytest.mark.parametrize(
    ("given", "arguments", "command"),
    [
        (["lookup", "--region", "neck"], ("lookup", "--region", "neck"), "lookup"),
        (
            ["--color", "never", "lookup", "neck"],
            ("--color", "never", "lookup", "neck"),
            "lookup",
        ),
        (
            ["technique", "cupping", "--color", "always"],
            ("--color", "always", "technique", "cupping"),
            "technique",
        ),
        (
            ["technique", "cupping", "--color=never"],
            ("--color=never", "technique", "cupping"),
            "technique",
        ),
        (["my neck hurts"], ("ask", "my neck hurts"), "ask"),
        (["cramp", "in", "my", "calf"], ("ask", "cramp", "in", "my", "calf"), "ask"),
        (["lokup", "neck"], ("lokup", "neck"), "lokup"),
        (["search", "--", "--color"], ("search", "--", "--color"), "search"),
        ([], (), None),
        (["--help"], ("--help",), None),
    ],
)
def test_arguments_are_read_into_one_form(
    given: list[str], arguments: tuple[str, ...], command: str | None
) -> None:
    invoked = invocation.read(given, {})
    assert invoked.arguments == arguments
    assert invoked.command == command


def test_layers_come_from_the_environment_then_the_options() -> None:
    invoked = invocation.read(
        ["--color", "never", "lookup", "neck", "--kb", "a.yaml", "--kb=b"],
        {"SPASMGUIDE_KB": "env.yaml"},
    )
    assert invoked.kb_paths == ("env.yaml", "a.yaml", "b")


@pytest.mark.parametrize("given", [["lookup", "--help"], ["--version"], ["help", "lookup"]])
def test_help_and_version_are_no_page(given: list[str]) -> None:
    invoked = invocation.read(given, {})
    assert not invoked.shows_page or invoked.command == "help"
    assert page_cache.request_for(invoked, {"SPASMGUIDE_CACHE_DIR": "/tmp/x"}) is None


def test_a_repeated_option_is_refused_after_a_global_option() -> None:
    outcome = invoke("--color", "never", "lookup", "--region", "neck", "--region", "calf")
    assert outcome.exit_code == 2
    assert outcome.stderr == "spasmguide: error: --region was given more than once\n"


@pytest.mark.parametrize(
    "args",
    [
        ("lookup", "neck"),
        ("lookup", "lower back"),
        ("lookup", "stress"),
        ("lookup", "neck", "--cause", "stress"),
        ("technique", "cupping", "--color", "always"),
        ("evidence", "cupping"),
        ("evidence", "neck"),
        ("list", "points"),
        ("map", "--no-pager"),
        ("quiz", "--stats", "--no-pager"),
        ("my neck hurts",),
    ],
)
def test_the_forms_people_type_give_a_page(args: tuple[str, ...]) -> None:
    outcome = invoke(*args)
    assert outcome.exit_code == 0, outcome
    assert NOTICE_WORDS in " ".join(outcome.stdout.split())


def test_lookup_by_position_finds_a_region_then_a_cause() -> None:
    region = json.loads(invoke("lookup", "neck", "--format", "json").stdout)
    assert region["kind"] == "region"
    cause = json.loads(invoke("lookup", "posture", "--format", "json").stdout)
    assert cause["kind"] == "cause"


def test_an_unknown_name_by_position_exits_1() -> None:
    outcome = invoke("lookup", "elbow")
    assert outcome.exit_code == 1
    # A name by position is looked for as a region, then a cause: the error says both.
    assert outcome.stderr.startswith("spasmguide: error: no region or cause named 'elbow'")


def test_evidence_for_an_unknown_name_says_every_kind_it_looked_in() -> None:
    outcome = invoke("evidence", "nonsense")
    assert outcome.exit_code == 1
    assert "no technique, region or cause named 'nonsense'" in outcome.stderr


def test_evidence_for_one_entry_shows_only_its_evidence(kb: KnowledgeBase) -> None:
    document = json.loads(invoke("evidence", "cupping", "--format", "json").stdout)
    assert document["subject"] == {"kind": "technique", "id": "cupping"}
    assert document["evidence"]
    assert all("cupping" in item["techniques"] for item in document["evidence"])
    assert len(document["evidence"]) < len(kb.evidence)


def test_the_top_level_help_shows_ask() -> None:
    assert "spasmguide ask" in invoke("--help").stdout


def test_the_page_cache_checks_every_folder_the_shipped_files_may_come_from() -> None:
    stamped = page_recording.dependencies(())
    for folder in shipped_data_candidates():
        assert str(folder) in stamped


def test_the_top_level_help_cuts_no_command_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    commands = invoke("--help").stdout.split("Commands:")[1].split("Examples:")[0]
    assert "..." not in commands
