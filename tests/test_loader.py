"""Strict loading: every problem is found, placed, and reported together."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasmguide.errors import InvalidContentError
from spasmguide.kb.layers import Layer, shipped_layer
from spasmguide.kb.loader import load_knowledge_base
from tests.conftest import HOT_STONE_LAYER

VALID_TECHNIQUE = """
techniques:
  - id: test-technique
    name: Test technique
    category: manual therapy
    invasiveness: touch
    summary: A summary.
    how_it_works: [It works.]
    benefits: [It helps.]
    often_used_for: [Testing.]
    session: A session.
    cautions: [Be careful.]
    sources: [article]
"""


def load_with(tmp_path: Path, text: str, name: str = "extra.yaml") -> list[str]:
    """The problems found when `text` is loaded beside the shipped knowledge base."""
    extra = tmp_path / name
    extra.write_text(text, encoding="utf-8")
    try:
        load_knowledge_base(with_layer(extra))
    except InvalidContentError as error:
        return list(error.details)
    return []


def with_layer(*files: Path) -> list[Layer]:
    return [shipped_layer(), Layer("--kb", str(files[0]), files)]


def test_the_shipped_knowledge_base_is_clean() -> None:
    kb = load_knowledge_base()
    assert kb.techniques and kb.guide.notice


def test_a_valid_extra_entry_joins(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(VALID_TECHNIQUE)
    kb = load_knowledge_base(with_layer(extra))
    assert kb.techniques["test-technique"].category == "manual therapy"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    session: A session.\n", "    session: A session.\n    colour: red\n"),
            "unknown key 'colour'",
        ),
        (("    session: A session.\n", ""), "missing required key 'session'"),
        (("    benefits: [It helps.]\n", "    benefits: It helps.\n"), "'benefits' must be a list"),
        (("    summary: A summary.\n", "    summary: [a, b]\n"), "'summary' must be text"),
        (("    category: manual therapy\n", "    category: massage\n"), "not one of"),
        (("    summary: A summary.\n", "    summary: no\n"), "reads 'no' as a true/false value"),
        (("    summary: A summary.\n", "    summary: 2024-01-01\n"), "as a date"),
        (("    summary: A summary.\n", "    summary: 1.10\n"), "as a number"),
        (
            ("    name: Test technique\n", "    name: Test technique\n    name: Again\n"),
            "duplicate key 'name'",
        ),
        (
            ("    sources: [article]\n", "    sources: [no-such-source]\n"),
            "unknown source id 'no-such-source'",
        ),
        (
            ("    sources: [article]\n", "    sources: [article]\n    related: [nowhere]\n"),
            "unknown technique id 'nowhere'",
        ),
        (("  - id: test-technique\n", "  - id: Test Technique\n"), "must be lowercase"),
        (
            ("    how_it_works: [It works.]\n", "    how_it_works: []\n"),
            "must not be an empty list",
        ),
        (("    summary: A summary.\n", "    summary: ''\n"), "must not be empty"),
        (
            (
                "    summary: A summary.\n",
                "    summary: !!python/object/apply:os.system [echo hi]\n",
            ),
            "not allowed",
        ),
        (("    summary: A summary.\n", "    summary: !!binary aGk=\n"), "not allowed"),
    ],
)
def test_each_kind_of_problem_is_named_with_its_place(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in VALID_TECHNIQUE
    problems = load_with(tmp_path, VALID_TECHNIQUE.replace(old, new))
    assert any(expected in problem for problem in problems), problems
    assert all(problem.startswith(str(tmp_path / "extra.yaml")) for problem in problems)
    assert any(
        ":" in problem.split("extra.yaml", 1)[1][:8] for problem in problems
    )  # a line number


def test_all_problems_of_a_file_are_reported_together(tmp_path: Path) -> None:
    text = VALID_TECHNIQUE.replace("    colour: x\n", "").replace(
        "    session: A session.\n", "    colour: x\n"
    )
    text = text.replace("    category: manual therapy\n", "    category: nope\n")
    problems = load_with(tmp_path, text)
    assert len(problems) >= 3  # unknown key, missing key, bad category


def test_duplicate_ids_within_one_layer_are_refused(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(VALID_TECHNIQUE)
    second.write_text(VALID_TECHNIQUE)
    with pytest.raises(InvalidContentError) as caught:
        load_knowledge_base(with_layer(first, second))
    assert any(
        "duplicate id 'test-technique'" in line and "first defined at" in line
        for line in caught.value.details
    )


def test_a_later_layer_replaces_an_entry_with_the_same_id(tmp_path: Path) -> None:
    extra = tmp_path / "cupping.yaml"
    extra.write_text(
        VALID_TECHNIQUE.replace("test-technique", "cupping").replace("Test technique", "Cupping")
    )
    kb = load_knowledge_base(with_layer(extra))
    assert kb.techniques["cupping"].summary == "A summary."
    shipped = load_knowledge_base([shipped_layer()])
    assert list(kb.techniques) == list(shipped.techniques)  # replaced, not added


def test_a_layer_cannot_drop_the_notice(tmp_path: Path) -> None:
    guide = (shipped_layer().files[0].parent / "guide.yaml").read_text()
    problems = load_with(tmp_path, guide.replace("Licensed Acupuncturist (L.Ac)", "someone"))
    assert any("notice must name" in problem for problem in problems)


def test_names_two_entries_share_are_refused(tmp_path: Path) -> None:
    problems = load_with(tmp_path, VALID_TECHNIQUE.replace("name: Test technique", "name: Gua sha"))
    assert any("answers to the name" in problem for problem in problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("just a sentence\n", "must be a mapping"),
        ("- a\n- b\n", "must be a mapping"),
        ("techniques: [\n", "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", "YAML syntax error"),
        ("muscles: []\n", "unknown section 'muscles'"),
        ("techniques: {}\n", "must be a list of entries"),
        ("x: &a [*a]\n", "anchors and aliases"),  # refused before anything is read
        ("techniques:\n  - &t {id: a}\n  - *t\n", "anchors and aliases"),
    ],
)
def test_malformed_files_are_refused(tmp_path: Path, text: str, expected: str) -> None:
    problems = load_with(tmp_path, text)
    assert any(expected in problem for problem in problems), problems


def test_bytes_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    extra = tmp_path / "latin1.yaml"
    extra.write_bytes("techniques: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InvalidContentError, match="not UTF-8"):
        load_knowledge_base(with_layer(extra))


def test_the_error_message_is_one_line_with_a_count(tmp_path: Path) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text("muscles: []\nbones: []\n")
    with pytest.raises(InvalidContentError) as caught:
        load_knowledge_base(with_layer(extra))
    assert "\n" not in caught.value.message
    assert "1 more problem" in caught.value.message


def test_an_unchanged_file_is_parsed_once_and_an_edited_one_afresh(tmp_path: Path) -> None:
    """Opening the guide again (the Python API, a viewer) reuses what an unchanged file gave;
    the same name with other bytes is always read anew."""
    from spasmguide.kb.loader import parse_file

    path = tmp_path / "mine.yaml"
    path.write_text(HOT_STONE_LAYER)
    first = parse_file(path)
    assert parse_file(path) is first
    path.write_text(HOT_STONE_LAYER.replace("Warm stones", "Hot stones"))
    edited = parse_file(path)
    assert edited is not first
    assert "Hot stones" in edited.entries["techniques"][0].value.summary
    assert parse_file(path, placed=True) is not edited  # nodes kept only when asked for


def test_a_very_large_file_is_not_kept_after_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A teacher's very large layer is parsed each time rather than held in memory twice."""
    from spasmguide.kb import loader

    monkeypatch.setattr(loader, "_PARSED_FILE_KEPT", len(HOT_STONE_LAYER) - 1)
    path = tmp_path / "large.yaml"
    path.write_text(HOT_STONE_LAYER)
    assert loader.parse_file(path) is not loader.parse_file(path)
