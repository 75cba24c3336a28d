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
