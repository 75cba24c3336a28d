"""A neck named beside a fall, a crash, a dive or a blow: with a sign of a neck injury (NICE
NG41's high-risk factors, a neck that cannot be moved, numb or weak limbs) the answer opens with
the neck-injury emergency; with none of its signs it opens with that warning as a check to make
now, before any choice of readings, as it does for a head injury. A neck that is only stiff from
sleep or a desk, or a fall that is no accident ("fell asleep"), calls for no check."""

from __future__ import annotations

import json

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from tests.conftest import NOTICE_WORDS, invoke

FLAG = "neck-injury"
CHECK_HEADING = "Check now: A neck or spine hurt in a fall, crash, dive or blow"

NO_SIGN = (
    "slipped on the ice yesterday and my neck is a bit sore",
    "got tackled at football and my neck feels stiff",
    "came off my bike. neck's a bit sore",
    "my son was knocked over in the playground and says his neck hurts",
)
WITH_SIGN = (
    "I fell and my neck is in agony",
    "came off my bike, neck is sore and my fingers are tingling",
    "tackled hard at rugby, neck hurts and my arm feels weak",
    "fell off the ladder and now my neck hurts",
    "my 70 year old dad slipped in the garden and his neck is sore",
    "got shunted from behind at the lights. neck hurts and I felt faint",
)
NO_INJURY = (
    "stiff neck from sleeping funny",
    "I fell asleep on the sofa and my neck is stiff",
    "my neck is stiff from the desk",
    "car crash two years ago and my neck still hurts",
    "chiropractor cracked my neck and it feels looser",
)


@pytest.mark.parametrize("text", NO_SIGN)
def test_a_neck_beside_an_accident_with_no_sign_read_is_a_check(
    kb: KnowledgeBase, text: str
) -> None:
    understood = understand(kb, text)
    assert [flag.id for flag, _ in understood.checks][:1] == [FLAG], text
    assert not any(flag.urgency == "emergency" for flag, _ in understood.warnings), text


@pytest.mark.parametrize("text", WITH_SIGN)
def test_a_neck_beside_an_accident_with_a_sign_is_the_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    understood = understand(kb, text)
    assert understood.warnings and understood.warnings[0][0].id == FLAG, [
        flag.id for flag, _ in understood.warnings
    ]
    assert FLAG not in {flag.id for flag, _ in understood.checks}


@pytest.mark.parametrize("text", NO_INJURY)
def test_no_accident_no_neck_check(kb: KnowledgeBase, text: str) -> None:
    understood = understand(kb, text)
    assert FLAG not in {flag.id for flag, _ in understood.checks}, text
    assert FLAG not in {flag.id for flag, _ in understood.warnings}, text


def test_the_text_answer_opens_with_the_check_before_the_choice_of_readings() -> None:
    # Before the check, this gave a choice of two readings and no word of the neck's signs.
    outcome = invoke("ask", "got tackled at football and my neck feels stiff")
    assert outcome.exit_code == 0, outcome.stderr
    lines = [line.strip() for line in outcome.stdout.splitlines() if line.strip()]
    assert lines[1] == CHECK_HEADING, lines[:3]
    page = " ".join(outcome.stdout.split())
    assert page.index(CHECK_HEADING) < page.index("more than one way")
    assert "Call emergency services (999, 911 or 112) now" in page
    assert "keep the person still" in page
    assert "Licensed Acupuncturist (L.Ac)" in page


def test_the_json_answer_carries_the_check_with_its_signs_and_action() -> None:
    text = "slipped on the ice yesterday and my neck is a bit sore"
    outcome = invoke("ask", text, "--format", "json")
    assert outcome.exit_code == 0, outcome.stderr
    document = json.loads(outcome.stdout)
    assert document["stopped"] is False
    (check,) = document["checks"]
    assert check["id"] == FLAG and check["urgency"] == "emergency"
    assert any("65 or over" in sign for sign in check["signs"])
    assert "leave a helmet on" in check["action"]
    assert NOTICE_WORDS in document["notice"]


def test_every_neck_injury_sign_names_its_source(kb: KnowledgeBase) -> None:
    flag = kb.red_flags[FLAG]
    assert {"nice-ng41", "nidirect-whiplash", "sheffield-whiplash"} <= set(flag.sources)
    assert "neck-struck" in flag.check_when
    assert FLAG in kb.regions["neck"].red_flags
    assert kb.regions["neck"].red_flags[0] == FLAG
