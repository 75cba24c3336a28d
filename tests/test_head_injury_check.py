"""A head injury said with none of its signs read: the answer still opens with the head-injury
check (what to look for, when to call 999 or go to an emergency department, otherwise home
care), as the NHS head injury page does, then goes on as before. The check comes from the data:
a warning-sign group's `check_when` concepts, read without any of its patterns, make it a check
to make now (`Understanding.checks`), kept apart from the warnings the words match."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages.builders import ask_page
from spasmguide.render.html import render_html
from spasmguide.render.markdown import render_markdown
from tests.conftest import NOTICE_WORDS, invoke

FLAG = "after-head-injury"
CHECK_HEADING = "Check now: Headache or other signs after a head injury"
# A head injury said plainly, with nothing of the sign list in it.
NO_SIGN = (
    "I hit my head this morning",
    "my son walked into the door frame and bumped his head",
    "my toddler fell off the sofa and bumped her head",
    "whacked my head getting out of the car yesterday and my neck is stiff",
)
# A head injury with a sign said in words the reading may or may not know: whichever way it is
# read, the answer opens with the head-injury emergency or its check.
SIGN_IN_OTHER_WORDS = (
    "hit my head n ive been spewing ever since",
    "she's been talking gibberish since she hit her head",
    "dad walloped his head on the shelf and hasnt been right since",
)
WITH_SIGN = (
    "I hit my head and have been vomiting",
    "fell off a ladder, banged my head and was knocked out for a minute",
)
NO_HEAD_INJURY = (
    "my calf cramps at night",
    "stiff neck from sitting at a desk",
    "I didn't hit my head, my neck is just stiff",
    "tension headache from stress",
)


def _ask(text: str, *extra: str) -> dict[str, Any]:
    outcome = invoke("ask", text, "--format", "json", *extra)
    assert outcome.exit_code == 0, outcome.stderr
    document: dict[str, Any] = json.loads(outcome.stdout)
    return document


def _said(words: str, text: str) -> bool:
    """Whether the matched words are the text's own (a phrase of parts apart, "fell off ...
    bumped her head", in order)."""
    at = 0
    for part in words.split(" ... "):
        at = text.find(part, at)
        if at < 0:
            return False
    return True


def _text(text: str) -> str:
    outcome = invoke("ask", text)
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.stdout


@pytest.mark.parametrize("text", NO_SIGN)
def test_a_head_injury_with_no_sign_read_is_a_check_not_a_warning(
    kb: KnowledgeBase, text: str
) -> None:
    understood = understand(kb, text)
    assert understood.checks, text
    flag, words = understood.checks[0]
    assert flag.id == FLAG
    assert words and all(_said(word, text) for word in words), words
    assert not any(flag.id == FLAG for flag, _ in understood.warnings)
    assert not any(flag.urgency == "emergency" for flag, _ in understood.warnings), text


@pytest.mark.parametrize("text", WITH_SIGN)
def test_a_head_injury_with_a_sign_read_is_the_warning_and_no_check(
    kb: KnowledgeBase, text: str
) -> None:
    understood = understand(kb, text)
    assert understood.warnings[0][0].id == FLAG, text
    assert not understood.checks


@pytest.mark.parametrize("text", NO_HEAD_INJURY)
def test_no_head_injury_no_check(kb: KnowledgeBase, text: str) -> None:
    assert not understand(kb, text).checks, text


@pytest.mark.parametrize("text", NO_SIGN)
def test_the_text_answer_opens_with_the_check_then_stops(text: str) -> None:
    page = _text(text)
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    assert lines[1] == CHECK_HEADING, lines[:3]
    check = " ".join(page[page.index(CHECK_HEADING) :].split())
    assert "did not find the whole of any of this warning's signs" in check
    assert "Vomiting since the injury." in check
    assert "What to do: Call emergency services (999, 911 or 112)" in check
    # The guide does not cover head injuries: the answer stops, with no technique after it.
    assert "This answer stops here: do what is named above." in check
    assert "The guide does not cover head injuries" in check
    assert "What the guide understood" not in check and "Suggested techniques" not in check
    assert NOTICE_WORDS in " ".join(page.split())


def test_an_answer_about_a_head_injury_shows_no_injury_page() -> None:
    # The acute injury page would go on to techniques: a head injury stops before it.
    document = _ask("I hit my head this morning")
    assert "page" not in document
    assert [reading["cause"]["id"] for reading in document["readings"]] == ["acute-injury"]


@pytest.mark.parametrize("text", NO_SIGN)
def test_the_json_answer_has_the_check_apart_from_the_warnings(text: str) -> None:
    document = _ask(text)
    assert document["warnings"] == []
    assert document["action"] is None and document["stopped"] is True
    # The head injury's check first; a neck named beside the blow adds the neck's after it.
    check = document["checks"][0]
    assert [other["id"] for other in document["checks"]][1:] in ([], ["neck-injury"])
    assert check["id"] == FLAG and check["urgency"] == "emergency"
    assert check["matched"] and all(_said(word, text) for word in check["matched"])
    assert check["action"].startswith("Call emergency services (999, 911 or 112)")
    assert "Vomiting since the injury." in check["signs"]
    assert document["readings"], "what was read is still given"
    assert NOTICE_WORDS in document["notice"]


@pytest.mark.parametrize("text", SIGN_IN_OTHER_WORDS)
def test_a_sign_in_other_words_opens_with_the_emergency_or_its_check(text: str) -> None:
    document = _ask(text)
    leads = document["warnings"][:1] or document["checks"][:1]
    assert leads and leads[0]["id"] == FLAG, (document["warnings"], document["checks"])
    page = _text(text)
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    assert lines[1] in (CHECK_HEADING, document["action"]), lines[:3]


@pytest.mark.parametrize("text", WITH_SIGN)
def test_a_sign_read_leads_and_stops_as_before(text: str) -> None:
    document = _ask(text)
    assert document["warnings"][0]["id"] == FLAG
    assert document["stopped"] is True and document["checks"] == []
    page = _text(text)
    assert "Check now" not in page
    assert "This answer stops here" in page


@pytest.mark.parametrize("text", NO_HEAD_INJURY)
def test_no_head_injury_no_check_on_the_page(text: str) -> None:
    assert _ask(text)["checks"] == []
    assert "Check now" not in _text(text)


def test_markdown_and_html_show_the_check_first(kb: KnowledgeBase) -> None:
    page = ask_page(kb, understand(kb, NO_SIGN[0]))
    markdown = render_markdown(page)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[0] == f"## {CHECK_HEADING}", headings
    assert "What to do: Call emergency services" in markdown
    assert NOTICE_WORDS in markdown
    html = render_html(page)
    assert html.index(CHECK_HEADING) < html.index("What to do: Call emergency services")
    assert NOTICE_WORDS in html


def test_any_warning_sign_can_call_for_a_check(tmp_path: Path) -> None:
    """The check is the data's: a layer that gives another group `check_when` gets its check."""
    layer = tmp_path / "teacher.yaml"
    layer.write_text(
        "red_flags:\n"
        "  - id: calf-check\n"
        "    title: A calf that may need checking\n"
        "    urgency: urgent\n"
        "    applies_to: Anyone with calf pain.\n"
        "    signs: [A hot, red, swollen calf.]\n"
        "    sources: [article]\n"
        "    check_when: [calf-part]\n",
        encoding="utf-8",
    )
    document = _ask("my calf cramps at night", "--kb", str(layer))
    assert [check["id"] for check in document["checks"]] == ["calf-check"]
    assert document["checks"][0]["matched"] == ["calf"]
    outcome = invoke("ask", "my calf cramps at night", "--kb", str(layer))
    assert "Check now: A calf that may need checking" in outcome.stdout
    assert _ask("stiff neck from sitting at a desk", "--kb", str(layer))["checks"] == []


def test_a_check_more_urgent_than_the_sign_read_comes_before_it() -> None:
    text = "bumped my head on the car door and my calf cramps every night"
    document = _ask(text)
    assert [flag["urgency"] for flag in document["warnings"]] == ["see a doctor"]
    assert [check["id"] for check in document["checks"]] == [FLAG]
    page = _text(text)
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    assert lines[1] == CHECK_HEADING, lines[:3]
    assert page.index(CHECK_HEADING) < page.index(document["action"])
    # The head injury is not the guide's to treat: the answer stops before any page.
    assert document["stopped"] is True and "page" not in document
    assert "The guide does not cover head injuries" in " ".join(page.split())
