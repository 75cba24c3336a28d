"""Study mode: the quiz, its spaced-repetition progress, and the exported study guide."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from spasmguide.kb.layers import Layer, shipped_layer
from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import KnowledgeBase
from spasmguide.study.cards import TOPICS, cards_of, is_correct, make_question
from spasmguide.study.progress import DAY, CardState, Progress, Rating, data_dir, order_cards
from tests.browser import chromium_command, needs_chromium, only_our_scripts, run_chromium
from tests.conftest import NOTICE_WORDS, ONE_LINE_ANSWERS, invoke, run_process

HOSTILE_TECHNIQUE = """
techniques:
  - id: hostile-rub
    name: "Hostile <script>alert(1)</script> rub"
    category: manual therapy
    invasiveness: touch
    summary: "A summary with <b>tags</b> & [red]markup[/red] and \\e[31mcolour."
    how_it_works: ["Works by <img src=x onerror=alert(2)>."]
    benefits: [Relaxation.]
    often_used_for: [Tension.]
    session: A session.
    cautions: [Be careful.]
    sources: [article]
"""


def quiz_process(*args: str, answers: str, data: Path) -> subprocess.CompletedProcess[str]:
    return run_process("quiz", *args, env={"SPASMGUIDE_DATA_DIR": str(data)}, answers=answers)


def questions_of(output: str) -> list[str]:
    return re.findall(r"^Question \d+ of \d+ \(\w+\)\n(.+)$", output, flags=re.M)


# -- questions -------------------------------------------------------------------------------


def test_cards_come_from_the_knowledge_base_in_at_least_five_kinds(kb: KnowledgeBase) -> None:
    cards = cards_of(kb)
    kinds = {card.card.split(":")[0] for card in cards}
    assert len(kinds) >= 5
    assert {card.topic for card in cards} == set(TOPICS)
    assert len({card.card for card in cards}) == len(cards)  # stable, unique ids
    for card in cards:
        question = make_question(card, random.Random(1))
        if card.typed:  # recall: typed, no options
            assert question.choices == (card.answer,) and question.typed
        else:
            assert len(question.choices) == len(set(question.choices)) >= 2
        assert question.choices[question.answer] == card.answer


def test_a_new_layer_brings_new_questions(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(HOSTILE_TECHNIQUE)
    kb = load_knowledge_base([shipped_layer(), Layer("--kb", str(extra), (extra,))])
    assert "technique-how:hostile-rub" in {card.card for card in cards_of(kb)}


def test_answers_are_matched_forgivingly(kb: KnowledgeBase) -> None:
    card = next(
        card for card in cards_of(kb) if card.card == "technique-how:trigger-point-acupuncture"
    )
    question = make_question(card, random.Random(3))
    number = str(question.answer + 1)
    for given in (
        number,
        f" {number} ",
        "Trigger point (dry needling) acupuncture",
        "DRY-NEEDLING",
        "dry needling",
        "dry neddling",  # a small typo
    ):
        assert is_correct(question, given), given
    wrong = str((question.answer + 1) % len(question.choices) + 1)
    for given in ("", "   ", wrong, "cupping", "99", "\x1b[2J"):
        assert not is_correct(question, given), given


# -- the quiz without a terminal -------------------------------------------------------------


def test_piped_quiz_reads_one_answer_per_line_and_scores(data: Path) -> None:
    result = quiz_process("--count", "4", "--seed", "11", answers="1\n2\ns\n3\n4\n", data=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().splitlines()[-1].startswith("Score: ")
    assert re.search(r"^Score: [0-3]/3$", result.stdout, flags=re.M)  # the skip is not counted
    assert "\nTo review (" in result.stdout  # the skipped card, at least
    assert NOTICE_WORDS in " ".join(result.stdout.split())
    assert len(questions_of(result.stdout)) == 4


def test_a_blank_line_is_asked_again_and_input_may_end_early(data: Path) -> None:
    blank = quiz_process(
        "--count", "3", "--seed", "5", *ONE_LINE_ANSWERS, answers="\n\n1\n", data=data
    )
    assert "No answer given" in blank.stdout
    assert "Input ended after 1 of 3 questions." in blank.stdout
    assert re.search(r"^Score: [01]/1$", blank.stdout, flags=re.M)
    short = quiz_process("--count", "5", "--seed", "5", *ONE_LINE_ANSWERS, answers="1\n", data=data)
    assert short.returncode == 0
    assert "Input ended after 1 of 5 questions." in short.stdout
    assert re.search(r"^Score: [01]/1$", short.stdout, flags=re.M)


def test_the_same_seed_asks_the_same_questions(tmp_path: Path) -> None:
    first = quiz_process("--count", "5", "--seed", "42", answers="s\n" * 5, data=tmp_path / "a")
    second = quiz_process("--count", "5", "--seed", "42", answers="s\n" * 5, data=tmp_path / "b")
    other = quiz_process("--count", "5", "--seed", "43", answers="s\n" * 5, data=tmp_path / "c")
    assert first.stdout == second.stdout
    assert questions_of(first.stdout) != questions_of(other.stdout)


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_focuses_the_quiz(data: Path, topic: str) -> None:
    result = quiz_process(
        "--count", "3", "--topic", topic, "--seed", "1", answers="s\n" * 3, data=data
    )
    assert result.returncode == 0
    topics = re.findall(r"^Question \d+ of \d+ \((\w+)\)$", result.stdout, flags=re.M)
    assert topics and set(topics) == {topic}


def test_a_short_quiz_mixes_topics(data: Path) -> None:
    result = quiz_process("--count", "5", "--seed", "2", answers="s\n" * 5, data=data)
    assert len(set(re.findall(r"^Question \d+ of \d+ \((\w+)\)$", result.stdout, flags=re.M))) == 5


def test_bad_quiz_options_are_usage_errors() -> None:
    for args in (("quiz", "--count", "0"), ("quiz", "--topic", "muscles"), ("quiz", "--seed", "x")):
        outcome = invoke(*args)
        assert outcome.exit_code == 2 and len(outcome.stderr.splitlines()) == 1


# -- spaced repetition -----------------------------------------------------------------------


def test_fsrs_schedules_again_soon_good_later_and_easy_latest(tmp_path: Path) -> None:
    progress = Progress.open(tmp_path)
    now = 1_000_000.0
    missed = progress.record("missed", "regions", Rating.again, now=now)
    good = progress.record("good", "regions", Rating.good, now=now)
    easy = progress.record("easy", "regions", Rating.easy, now=now)
    assert missed.learning and missed.due < now + DAY
    assert not good.learning and now + DAY <= good.due < easy.due
    assert (missed.seen, missed.right, good.seen, good.right) == (1, 0, 1, 1)
    again = progress.record("good", "regions", Rating.again, now=good.due)
    assert again.learning and (again.seen, again.right) == (2, 1)
    assert again.stability is not None and good.stability is not None
    assert again.stability < good.stability
    ratings = progress.connection.execute("SELECT rating FROM answers ORDER BY number")
    assert [rating for (rating,) in ratings] == [1, 3, 4, 1]
    progress.close()


def test_rating_rule() -> None:
    from spasmguide.study.progress import EASY_SECONDS, rating_for

    assert rating_for(False, 1.0) is Rating.again
    assert rating_for(True, EASY_SECONDS - 1) is Rating.easy
    assert rating_for(True, EASY_SECONDS + 1) is Rating.good
    assert rating_for(True, None) is Rating.good  # from a pipe, speed means nothing


def test_due_cards_come_first_then_new_then_later() -> None:
    def state(card: str, state: int, due: float) -> CardState:
        return CardState(card, "t", state, None, 1.0, 5.0, due, 0.0, 1, 1)

    cards = [("new", "t"), ("later", "t"), ("due", "t"), ("missed", "t")]
    states = {
        "later": state("later", 2, 500.0),
        "due": state("due", 2, 50.0),
        "missed": state("missed", 1, 160.0),  # missed lately: due at the next quiz
    }
    assert order_cards(cards, states, now=100.0) == ["missed", "due", "new", "later"]


def test_a_missed_card_comes_back_first_next_time(tmp_path: Path) -> None:
    for option in "12":  # one of two options is wrong
        data = tmp_path / option
        first = quiz_process(
            "--count", "1", "--seed", "9", *ONE_LINE_ANSWERS, answers=f"{option}\n", data=data
        )
        if "Not quite" in first.stdout:
            break
    missed = questions_of(first.stdout)[0]
    again = quiz_process("--count", "1", "--seed", "1234", answers="s\n", data=data)
    assert questions_of(again.stdout)[0] == missed


def test_stats_show_seen_due_retention_and_what_is_next(data: Path) -> None:
    quiz_process("--count", "5", "--seed", "3", *ONE_LINE_ANSWERS, answers="1\n" * 5, data=data)
    outcome = invoke("quiz", "--stats", "--format", "json")
    assert outcome.exit_code == 0
    stats = json.loads(outcome.stdout)
    assert NOTICE_WORDS in stats["notice"]
    totals = stats["totals"]
    assert totals["seen"] == totals["reviews"] == 5
    assert totals["retention"] == totals["right"] / 5
    assert {topic["topic"] for topic in stats["topics"]} == set(TOPICS)
    for topic in stats["topics"]:
        assert topic["cards"] >= topic["due_this_week"] >= topic["due_now"]
    if totals["right"]:  # a card answered right falls due later
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stats["next_due"])
    text = invoke("quiz", "--stats").stdout
    assert "Progress by topic" in text and "Retention so far" in text and "5 of " in text
    assert "Due this week" in text
    markdown = invoke("quiz", "--stats", "--format", "markdown").stdout
    assert "| Topic | Cards | Seen | Due now | Due this week | Retention so far |" in markdown


def test_data_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_dir({"SPASMGUIDE_DATA_DIR": "/d"}) == Path("/d")
    assert data_dir({}) is None  # no home at all: progress stays in memory
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
        assert data_dir() == tmp_path / "xdg" / "spasmguide"


# -- progress is never lost ------------------------------------------------------------------


def test_kill_9_mid_quiz_keeps_every_earlier_answer(data: Path) -> None:
    env = {**os.environ, "SPASMGUIDE_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "spasmguide", "quiz", "--count", "6", "--seed", "8"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert process.stdin and process.stdout

    def read_until(prefix: str) -> str:
        assert process.stdout
        while True:
            line = process.stdout.readline()
            assert line, f"the quiz ended before {prefix!r}"
            if line.startswith(prefix):
                return line

    for answer in ("1", "2", "3"):
        read_until("Question ")
        process.stdin.write(answer + "\n")
        process.stdin.flush()
    # Once the fourth question is asked, the third answer has been handled.
    read_until("Question 4")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    connection = sqlite3.connect(data / "progress.sqlite")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT count(*) FROM answers").fetchone() == (3,)
    assert connection.execute("SELECT sum(seen) FROM cards").fetchone() == (3,)
    connection.close()
    after = quiz_process("--stats", "--format", "json", answers="", data=data)
    assert json.loads(after.stdout)["totals"]["seen"] == 3


def test_a_corrupt_database_is_moved_aside_with_a_message(data: Path) -> None:
    data.mkdir(parents=True)
    (data / "progress.sqlite").write_bytes(b"this is not a database" * 100)
    # Techniques only: two multiple-choice answers, two lines (a location card takes a grade too).
    arguments = ("--count", "2", "--seed", "1", "--topic", "techniques")
    result = quiz_process(*arguments, answers="1\n2\n", data=data)
    assert result.returncode == 0
    assert "damaged" in result.stderr and len(result.stderr.splitlines()) == 1
    assert list(data.glob("progress.sqlite.damaged-*"))
    connection = sqlite3.connect(data / "progress.sqlite")
    assert connection.execute("SELECT count(*) FROM answers").fetchone() == (2,)
    connection.close()


def test_an_unwritable_data_folder_still_quizzes_without_saving(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = quiz_process("--count", "1", "--seed", "1", answers="1\n", data=blocker / "data")
    assert result.returncode == 0
    assert "kept in memory only" in result.stderr
    assert "Score:" in result.stdout


# -- the study guide -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide_markdown() -> str:
    outcome = invoke("export", "--format", "markdown")
    assert outcome.exit_code == 0
    return outcome.stdout


def test_markdown_study_guide_holds_everything(guide_markdown: str, kb: KnowledgeBase) -> None:
    assert guide_markdown.startswith("# ")
    assert "## Contents" in guide_markdown
    names = [
        *(region.name for region in kb.regions.values()),
        *(technique.name for technique in kb.techniques.values()),
        *(cause.name for cause in kb.causes.values()),
    ]
    for name in names:
        assert f"\n### {name}" in guide_markdown
    for point in kb.acupoints.values():
        assert (point.code or point.pinyin) in guide_markdown
    for evidence in kb.evidence.values():
        assert evidence.certainty in guide_markdown
    assert "cauda equina" in guide_markdown.lower()
    assert NOTICE_WORDS in guide_markdown


def test_every_contents_link_has_its_heading(guide_markdown: str) -> None:
    from spasmguide.pages.document import slug

    links = re.findall(r"\]\(#([^)]+)\)", guide_markdown)
    headings = [
        slug(re.sub(r"\\(.)", r"\1", line.lstrip("#").strip()))
        for line in guide_markdown.splitlines()
        if line.startswith("#")
    ]
    counted: dict[str, int] = {}
    anchors = set()
    for heading in headings[1:]:  # the title is not numbered with the sections
        count = counted.get(heading, 0)
        counted[heading] = count + 1
        anchors.add(f"{heading}-{count}" if count else heading)
    assert links and set(links) <= anchors


def test_html_study_guide_is_self_contained_and_escaped(tmp_path: Path) -> None:
    extra = tmp_path / "hostile.yaml"
    extra.write_text(HOSTILE_TECHNIQUE)
    target = tmp_path / "guide.html"
    outcome = invoke("export", "--format", "html", "--output", str(target), "--kb", str(extra))
    assert outcome.exit_code == 0, outcome.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "@media print" in page
    assert only_our_scripts(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "\x1b" not in page
    assert NOTICE_WORDS in page


def test_export_to_an_unwritable_place_is_one_clear_line(tmp_path: Path) -> None:
    outcome = invoke(
        "export", "--format", "html", "--output", str(tmp_path / "missing" / "guide.html")
    )
    assert outcome.exit_code == 1
    assert len(outcome.stderr.splitlines()) == 1 and "cannot write" in outcome.stderr


@needs_chromium
@pytest.mark.slow
def test_chromium_shows_the_html_study_guide(tmp_path: Path) -> None:
    extra = tmp_path / "hostile.yaml"
    extra.write_text(HOSTILE_TECHNIQUE)
    target = tmp_path / "guide.html"
    assert (
        invoke("export", "--format", "html", "--output", str(target), "--kb", str(extra)).exit_code
        == 0
    )
    profile = tmp_path / "profile"
    dom = run_chromium(profile, "--dump-dom", target.as_uri())
    assert "<h1>" in dom and '<nav class="contents"' in dom
    assert dom.count('<a href="#') > 30
    assert only_our_scripts(dom)  # the hostile text stayed text
    assert "Hostile &lt;script&gt;alert(1)&lt;/script&gt; rub" in dom
    assert NOTICE_WORDS in dom
    shot = tmp_path / "guide.png"
    run_chromium(profile, "--window-size=1000,1400", f"--screenshot={shot}", target.as_uri())
    assert shot.exists() and shot.stat().st_size > 10_000
    pdf = tmp_path / "guide.pdf"
    run_chromium(profile, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", target.as_uri())
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_the_study_guide_opens_with_a_one_page_summary(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spasmguide.kb.queries import rank_techniques, red_flags_of
    from spasmguide.pages import builders as pages
    from spasmguide.pages.document import Bullets, Terms

    guide = pages.study_guide_page(kb)
    headings = [section.heading for section in guide.sections]
    assert headings.index("One-page summary") < headings.index("About")
    summary = next(section for section in guide.sections if section.heading == "One-page summary")
    assert summary.columns
    terms = next(block for block in summary.blocks if isinstance(block, Terms)).items
    assert [term.term for term in terms] == [region.name for region in kb.regions.values()]
    for term, region in zip(terms, kb.regions.values(), strict=True):
        lines = "\n".join(term.items)
        flags = red_flags_of(kb, region)
        shared = [block for block in summary.blocks if isinstance(block, Bullets)]
        named_above = "\n".join(shared[0].items) if shared else ""
        for flag in flags:
            # An emergency is named in the region's lines, or once above by a number it gives.
            if flag.urgency == "emergency" and flag.title not in lines:
                number = next(
                    item.split(". ", 1)[0]
                    for item in named_above.split("\n")
                    if item.split(". ", 1)[1] == flag.title
                )
                assert re.search(rf"shared [0-9, ]*\b{number}\b", lines), (flag.id, lines)
        others = sum(flag.urgency != "emergency" for flag in flags)
        assert (f"Plus {others} more warning sign" in lines) == bool(others)
        assert f"First self-care: {region.self_care[0]}" in lines
        top = rank_techniques(kb, [region])[:3]
        assert (
            "Top techniques: " + ", ".join(f"{item.label}. {item.technique.name}" for item in top)
            in lines
        )

    # The order is the region page's: change the ranking rule and the summary follows it.
    def reversed_ranking(kb: KnowledgeBase, lists: Any) -> Any:
        ranked = rank_techniques(kb, lists)
        return [
            item._replace(rank=rank, tied=False) for rank, item in enumerate(reversed(ranked), 1)
        ]

    monkeypatch.setattr(pages, "rank_techniques", reversed_ranking)
    neck = kb.regions["neck"]
    last = rank_techniques(kb, [neck])[-1].technique.name
    summary = pages.summary_section(kb)
    first_terms = next(block for block in summary.blocks if isinstance(block, Terms)).items
    assert f"Top techniques: 1. {last}," in "\n".join(first_terms[0].items)


def test_the_html_summary_prints_in_columns(tmp_path: Path) -> None:
    target = tmp_path / "guide.html"
    assert invoke("export", "--format", "html", "--output", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert '<section class="columns">\n<h2 id="one-page-summary">One-page summary</h2>' in page
    print_css = page[page.index("@media print") :]
    assert ".columns" in print_css and "break-inside: avoid" in print_css


@needs_chromium
def test_the_summary_prints_on_at_most_two_sheets(tmp_path: Path, kb: KnowledgeBase) -> None:
    from spasmguide.pages import builders as pages
    from spasmguide.render.html import render_html

    guide = pages.study_guide_page(kb)
    summary = tuple(section for section in guide.sections if section.columns)
    target = tmp_path / "summary.html"
    target.write_text(render_html(guide._replace(sections=summary)), encoding="utf-8")
    pdf = tmp_path / "summary.pdf"
    subprocess.run(
        [
            *chromium_command(tmp_path / "profile"),
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            target.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    counts = re.findall(rb"/Count (\d+)", pdf.read_bytes())
    assert counts and 1 <= max(int(count) for count in counts) <= 2
