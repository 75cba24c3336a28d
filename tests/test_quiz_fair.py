"""A fair quiz: no question gives its answer away, an answer that is no option is asked
again, typed names forgive small typos but never guess between two close options, a location
typed in the student's own words is shown beside the guide's and graded by the student, and
the quiz works the same in a real terminal and through a pipe."""

from __future__ import annotations

import contextlib
import functools
import os
import random
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spasmguide.cli.app import app
from spasmguide.kb.layers import Layer, shipped_layer
from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import KnowledgeBase, Region, Technique
from spasmguide.kb.names import names_of
from spasmguide.kb.queries import rank_techniques
from spasmguide.kb.search import STOP_WORDS, stems_of
from spasmguide.study.cards import (
    Card,
    Question,
    cards_of,
    giveaways,
    judge,
    judge_grade,
    make_question,
)
from spasmguide.study.progress import Progress, Rating
from tests.quiz_terminal import Terminal, assert_stopped_cleanly, quiz_in_terminal


def meaningful(text: str) -> set[str]:
    return {stem for stem in stems_of(text) if stem not in STOP_WORDS and len(stem) > 2}


def test_no_question_gives_its_answer_away(kb: KnowledgeBase) -> None:
    entries_by_name: dict[str, Technique | Region] = {
        **{technique.name: technique for technique in kb.techniques.values()},
        **{region.name: region for region in kb.regions.values()},
    }
    for card in cards_of(kb):
        prompt = meaningful(card.prompt)
        answer_names = [card.answer]
        if card.answer in entries_by_name:
            answer_names += names_of(entries_by_name[card.answer])
        for name in answer_names:
            stems = meaningful(name)
            assert not (stems and stems <= prompt), (card.card, name)
        other_words = set().union(*(meaningful(option) for option in card.pool))
        for name in answer_names:
            assert not ((meaningful(name) - other_words) & prompt), (card.card, name)
        assert not giveaways(card)


def test_a_prompt_that_names_its_answer_is_caught() -> None:
    card = Card(
        "technique-how:cupping",
        "techniques",
        'Which technique works like this? "Cups placed on the skin create suction."',
        "Cupping",
        ("Cupping", "Gua sha", "Tui Na"),
        frozenset(),
        "",
    )
    assert giveaways(card) == {"cup"}


def test_which_technique_has_the_strongest_evidence_for_a_region(kb: KnowledgeBase) -> None:
    cards = {card.card: card for card in cards_of(kb)}
    assert "region-technique:neck" not in cards  # "suggested first" is no question of fact
    asked = [card for card in cards.values() if card.card.startswith("region-evidence:")]
    assert asked
    for card in asked:
        region = kb.regions[card.card.split(":")[1]]
        ranked = rank_techniques(kb, [region])
        assert not ranked[0].tied and card.answer == ranked[0].technique.name, card.card
        lower = ranked[1:]
        if card.prompt.startswith("Which of these has the strongest evidence"):
            # Ranked lower only by a hold-back, with evidence as certain: no wrong answer.
            top_level = ranked[0].basis.certainty.level
            lower = [item for item in lower if item.basis.certainty.level < top_level]
        assert set(card.pool) == {item.technique.name for item in lower}, card.card
    # A region whose top is a tie makes no such question (tests/test_ranking.py reads them all).
    assert "region-evidence:mid-back" not in cards


def test_a_tie_for_the_strongest_evidence_asks_nothing(tmp_path: Path) -> None:
    extra = tmp_path / "tie.yaml"
    # Moderate, favourable evidence from one trial: two techniques tie on the calf, one
    # technique stands alone on the hamstring.
    trials = [
        ("calf-tie-a", "Myofascial release", "myofascial-release", "calf"),
        ("calf-tie-b", "Tui Na", "tui-na", "calf"),
        ("hamstring-one", "Tui Na", "tui-na", "hamstring"),
    ]
    extra.write_text(
        "evidence:\n"
        + "".join(
            f"  - id: {entry_id}\n    title: {name} for {region} cramps\n"
            "    finding: A finding.\n    certainty: moderate\n    direction: favourable\n"
            "    basis: One trial.\n    sources: [article]\n"
            f"    techniques: [{technique}]\n    regions: [{region}]\n"
            for entry_id, name, technique, region in trials
        )
    )
    kb = load_knowledge_base([shipped_layer(), Layer("--kb", str(extra), (extra,))])
    ids = {card.card for card in cards_of(kb)}
    assert "region-evidence:calf" not in ids
    assert "region-evidence:hamstring" in ids


def question_of(kb: KnowledgeBase, card_id: str, seed: int = 3) -> Question:
    card = next(card for card in cards_of(kb) if card.card == card_id)
    return make_question(card, random.Random(seed))


def test_keys_and_answers_that_are_no_option(kb: KnowledgeBase) -> None:
    question = question_of(kb, "technique-how:cupping")
    assert judge(question, "s").action == judge(question, "SKIP").action == "skip"
    assert judge(question, "q").action == judge(question, " quit ").action == "quit"
    assert judge(question, "?").action == "help"
    for given in ("", "5", "0", "-1", "99999", "nonsense", "²", "①", "7" * 4301, "\x00"):
        verdict = judge(question, given)
        assert verdict.action == "invalid" and verdict.hint, given
    assert judge(question, str(question.answer + 1)).choice == question.answer


def _choosing_among(*choices: str) -> Question:
    """A question whose options are `choices`, the first one right."""
    return Question("c", "regions", "Which?", choices, 0, frozenset(), "")


def test_typos_are_forgiven_only_when_one_option_is_that_close() -> None:
    question = _choosing_among("Hamstring cramps", "Calf cramps", "Neck", "Piriformis")
    assert judge(question, "hamstrng cramps").choice == 0
    assert judge(question, "piriformus").choice == 3
    assert judge(question, "nek").choice == 2
    assert judge(question, "dock").action == "invalid"  # too far from "neck" to be sure
    close = _choosing_among("Tui Na massage", "Tui Ma massage", "Cupping", "Gua sha")
    verdict = judge(close, "tui na masage")
    assert verdict.action == "invalid" and "1 or 2" in verdict.hint
    assert judge(close, "tui na massage").choice == 0  # an exact name is never in doubt


def quiz_process(*args: str, answers: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spasmguide", "quiz", *args],
        input=answers,
        capture_output=True,
        text=True,
        env={**os.environ, "SPASMGUIDE_DATA_DIR": str(data)},
        timeout=60,
        check=False,
    )


def seed_opening_on(question: str, *args: str) -> tuple[int, str]:
    """The first seed whose quiz (with `args`) opens on a question matching `question`, and
    that question: read from the guide itself, so a test keeps its meaning as cards change."""
    for seed in range(300):
        done = CliRunner().invoke(app, ["quiz", *args, "--seed", str(seed)], input="q\n")
        found = re.search(r"^Question 1 of \d+ \(\w+\)\n(.+)$", done.stdout, flags=re.M)
        if found and re.fullmatch(question, found.group(1)):
            return seed, found.group(1)
    raise AssertionError(f"no seed opens on {question!r}")


def test_through_a_pipe_skips_are_not_counted_and_quit_saves(tmp_path: Path) -> None:
    data = tmp_path / "data"
    seed, where = seed_opening_on(r"Where is .+\?", "-n", "5")
    # The first question asks where a point is: typed ("1" is taken as written), then graded.
    answers = "?\n1\n3\ns\nbogus\n2\nq\n"
    result = quiz_process("-n", "5", "--seed", str(seed), answers=answers, data=data)
    assert result.returncode == 0 and result.stderr == ""
    assert "s or skip" in result.stdout  # the keys, shown on ?
    assert where in result.stdout and "Graded good" in result.stdout
    assert "Skipped." in result.stdout
    assert "That is not one of the options" in result.stdout
    assert "Quiz ended after 3 of 5 questions" in result.stdout
    assert re.search(r"^Score: [0-2]/2$", result.stdout, flags=re.M)
    stats = quiz_process("--stats", "--format", "json", answers="", data=data)
    assert '"seen": 2' in stats.stdout


@pytest.mark.slow
def test_in_a_real_terminal(tmp_path: Path) -> None:
    arguments = ("-n", "3", "--seed", "2", "-t", "techniques")
    with quiz_in_terminal(*arguments, data=tmp_path / "data") as terminal:
        first = terminal.read_until(
            r"Question 1 of 3[\s\S]*Your answer \(number or name; \? for keys\)"
        )
        assert "Licensed Acupuncturist (L.Ac)" in " ".join(first.split())
        terminal.type("7")
        terminal.read_until(r"There is no option 7")
        terminal.type("?")
        terminal.read_until(r"q\s+or quit")
        terminal.type("1")
        terminal.read_until(r"(Right\.|Not quite\.)[\s\S]*Question 2 of 3")
        terminal.type("s")
        terminal.read_until(r"Skipped\.[\s\S]*Question 3 of 3")
        terminal.type("q")
        terminal.read_until(r"Quiz ended after 2 of 3 questions[\s\S]*Score: [01]/1")
        assert terminal.process.wait(timeout=30) == 0


# -- where a point is: typed in the student's own words, then graded by the student --------


def test_a_location_is_typed_in_own_words_then_graded(kb: KnowledgeBase) -> None:
    """No text comparison marks a location: any answer is taken, the guide's location is
    shown, and the grade (a number or FSRS's name for it) is the student's."""
    question = question_of(kb, "acupoint-location:gb20")
    assert question.typed and question.graded and question.prompt == "Where is GB20 Fēngchí?"
    assert question.choices == (kb.acupoints["gb20"].location,)
    for given in ("base of the skull, between SCM and trapezius", "no idea", "GB21", "1"):
        assert judge(question, given).action == "recalled", given
    assert judge(question, "  ").action == "invalid" and judge(question, "").hint
    assert judge(question, "s").action == "skip" and judge(question, "q").action == "quit"
    assert judge(question, "?").action == "help"
    for given, grade in (("1", "again"), ("2", "hard"), (" Good ", "good"), ("EASY", "easy")):
        assert judge_grade(given).action == grade, given
    for given in ("", "0", "5", "okay", "h2", "7" * 4301, "\x00"):
        verdict = judge_grade(given)
        assert verdict.action == "invalid" and "1 again" in verdict.hint, given
    assert judge_grade("s").action == "skip" and judge_grade("quit").action == "quit"
    assert judge_grade("?").action == "help"


def test_every_grade_schedules_the_card_as_fsrs_does(tmp_path: Path) -> None:
    progress = Progress.open(tmp_path)
    due = {}
    for grade in ("again", "hard", "good", "easy"):
        state = progress.record(f"acupoint-location:{grade}", "acupoints", Rating[grade], now=0)
        due[grade] = state.due
        assert state.right == (grade != "again")
    assert due["again"] <= due["hard"] <= due["good"] < due["easy"]
    ratings = progress.connection.execute("SELECT rating FROM answers ORDER BY number")
    assert [rating for (rating,) in ratings] == [1, 2, 3, 4]
    progress.close()


@functools.cache
def location_quiz() -> tuple[tuple[str, ...], str, str]:
    """A short quiz on the gallbladder points of the neck that opens on where a point is: its
    arguments, that question, and the point's id."""
    arguments = ("-n", "2", "--region", "neck", "--meridian", "GB")
    seed, question = seed_opening_on(r"Where is GB\d+ .+\?", *arguments)
    return (*arguments, "--seed", str(seed)), question, question.split()[2].lower()


def words(text: str) -> str:
    return " ".join(text.split())


def test_through_a_pipe_a_location_is_typed_then_graded(tmp_path: Path, kb: KnowledgeBase) -> None:
    arguments, question, point = location_quiz()
    location = kb.acupoints[point].location
    typed = "outer lower leg, 3 cun above the ankle bone\n"
    graded = quiz_process(*arguments, answers=f"?\n{typed}?\nmaybe\n2\ns\n", data=tmp_path / "hard")
    assert graded.returncode == 0 and graded.stderr == ""
    out = words(graded.stdout)
    assert out.index(f"Question 1 of 2 (acupoints) {question}") < out.index(
        f"The guide: {location}"
    )
    assert "in your own words" in out and "landmarks" in out  # the keys, on ?
    assert "2 or hard" in out  # the grades, on ?
    assert "That is no grade: type 1 again, 2 hard, 3 good or 4 easy" in out
    assert "Graded hard: it comes back" in out
    assert graded.stdout.rstrip().splitlines()[-1] == "Score: 1/1"
    assert f"Missed: {question}" not in out

    missed = quiz_process(*arguments, answers=f"{typed}again\ns\n", data=tmp_path / "again")
    out = words(missed.stdout)
    assert "Graded again: it comes back at your next quiz." in out
    assert f"More: spasmguide acupoint {point}" in out
    review = out.split("To review (2 missed or skipped):", 1)[1]
    assert f"- Missed: {question} Answer: {location}" in review
    assert missed.stdout.rstrip().splitlines()[-1] == "Score: 0/1"

    ungraded = quiz_process(*arguments, answers=f"{typed}s\nq\n", data=tmp_path / "none")
    out = words(ungraded.stdout)
    assert "Left ungraded, as skipped." in out and "Quiz ended after 1 of 2 questions" in out
    assert f"- Skipped: {question} Answer: {location}" in out
    assert ungraded.stdout.rstrip().splitlines()[-1] == "Score: 0/0"

    for folder, seen, rating in (("hard", 1, 2), ("again", 1, 1), ("none", 0, None)):
        stats = quiz_process("--stats", "--format", "json", answers="", data=tmp_path / folder)
        assert f'"seen": {seen}' in stats.stdout, folder
        database = tmp_path / folder / "progress.sqlite"
        with contextlib.closing(sqlite3.connect(database)) as connection:
            found = connection.execute("SELECT card, rating FROM answers").fetchall()
        assert found == ([(f"acupoint-location:{point}", rating)] if rating else []), folder


@contextlib.contextmanager
def _asked_where_a_point_is(data: Path) -> Iterator[Terminal]:
    """The quiz in a terminal, once it has asked where a point is."""
    arguments, question, _ = location_quiz()
    with quiz_in_terminal(*arguments, data=data) as terminal:
        terminal.read_until(re.escape(question) + r"[\s\S]*in your own words")
        yield terminal


def _type_a_location(terminal: Terminal, typed: str) -> None:
    """Types where the point is; the guide's location and the grade's prompt follow."""
    terminal.type(typed)
    terminal.read_until(r"The guide: [\s\S]*Your grade")


@pytest.mark.slow
def test_in_a_real_terminal_a_location_is_typed_then_graded(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with _asked_where_a_point_is(data) as terminal:
        terminal.type("?")
        terminal.read_until(r"landmarks")
        _type_a_location(terminal, "outer lower leg, three cun above the ankle bone")
        terminal.type("4")
        terminal.read_until(r"Graded easy: it comes back[\s\S]*Question 2 of 2[\s\S]*Your answer")
        terminal.type("q")
        terminal.read_until(r"Quiz ended after 1 of 2 questions[\s\S]*Score: 1/1")
        assert terminal.process.wait(timeout=30) == 0
    stats = quiz_process("--stats", "--format", "json", answers="", data=data)
    assert '"seen": 1' in stats.stdout


@pytest.mark.slow
def test_ctrl_c_while_grading_saves_what_was_answered_and_nothing_more(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with _asked_where_a_point_is(data) as terminal:
        _type_a_location(terminal, "somewhere on the leg")
        terminal.press(b"\x03")  # Ctrl-C at the grade's prompt
        shown = terminal.read_until(r"Score: 0/0")
        assert terminal.process.wait(timeout=30) == 130
    assert_stopped_cleanly(shown, answered=0, asked=2)
    stats = quiz_process("--stats", "--format", "json", answers="", data=data)
    assert '"seen": 0' in stats.stdout  # an answer not graded is not scored
