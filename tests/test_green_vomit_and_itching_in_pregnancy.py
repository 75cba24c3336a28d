"""A child whose vomit is green, yellow-green, bloody or like coffee grounds is an emergency
(NHS inform); itching in pregnancy is a call to the midwife within a day for a blood test
(NHS; Safer Pregnancy). Itching or being sick on their own stay quiet."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "my toddler's vomit was green this morning",
        "baby bringing up green bile",
        "my son's sick looks like coffee grounds",
        "my daughter has been throwing up blood",
    ],
)
def test_a_childs_green_or_bloody_vomit_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "child-vomit-green-or-blood", text


@pytest.mark.parametrize(
    "text",
    [
        "I'm pregnant and my palms and soles are so itchy",
        "30 weeks pregnant, itching at night with no rash",
        "pregnant and can't stop scratching my feet",
    ],
)
def test_itching_in_pregnancy_calls_the_midwife(kb: KnowledgeBase, text: str) -> None:
    assert "pregnancy-itching" in warnings_of(kb, text), text
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    ["itchy rash on my arm", "my daughter was sick twice after dinner", "I feel sick and itchy"],
)
def test_itching_or_vomiting_alone_stay_quiet(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
    assert "pregnancy-itching" not in warnings_of(kb, text), text


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my 15 year old keeps bringing up green stuff", "child-vomit-green-or-blood"),
        ("I've been vomiting blood this morning, it's stopped now", "vomiting-blood"),
        ("threw up blood and now I feel faint", "vomiting-blood-unwell"),
        ("kid swallowed two magnets from a toy", "swallowed-battery-or-magnet"),
        ("my son might have swallowed a coin battery", "swallowed-battery-or-magnet"),
        ("pressed on the cut for 15 minutes and it's still bleeding loads", "bleeding-wont-stop"),
    ],
)
def test_more_words_reach_the_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    [
        "changed the batteries in the remote and had lunch",
        "cut my finger, it bled a lot but stopped with pressure",
        "my period bleeding won't stop this month",
        "my nose keeps bleeding when the air is dry",
    ],
)
def test_batteries_periods_and_noses_are_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


def test_itching_with_a_quieter_baby_says_to_call_now(kb: KnowledgeBase) -> None:
    first_step = kb.red_flags["pregnancy-itching"].first_step or ""
    assert "moving less than usual, call the maternity unit now" in first_step
