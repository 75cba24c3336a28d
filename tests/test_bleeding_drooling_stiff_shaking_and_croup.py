"""Bleeding said not to stop with words between ("bleeding from my cut won't stop"), drooling
with no swallowing (airway), a baby stiff and shaking (a fit), and a child's noisy breath in
(croup: a doctor today, the emergency department when constant with hard breathing)."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("the bleeding from the gash on his arm just won't stop", "bleeding-wont-stop"),
        ("he is drooling and can't swallow anything", "throat-swelling-airway"),
        ("my son is making a harsh noise when breathing in", "child-noisy-breathing"),
    ],
)
def test_words_reach_the_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text", ["my baby went stiff and was shaking", "she went rigid and started shaking"]
)
def test_stiff_and_shaking_is_a_fit(kb: KnowledgeBase, text: str) -> None:
    assert emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my period bleeding won't stop this month",
        "my hands are shaking and my neck is stiff from the desk",
        "my toddler is teething and drooling",
    ],
)
def test_ordinary_phrasings_stay_quiet(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
    assert "child-noisy-breathing" not in warnings_of(kb, text), text


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("vomited something like coffee grounds and my poo is black", "vomiting-blood-unwell"),
        ("I keep throwing up blood", "vomiting-blood-unwell"),
        ("threw up a bit of blood this morning, fine now", "vomiting-blood"),
        (
            "my girl has croup and the skin under her ribs is sucking in",
            "child-noisy-breathing-severe",
        ),
        ("toddler with croup, noisy breathing all the time", "child-noisy-breathing-severe"),
        ("my son has a croupy cough tonight", "child-noisy-breathing"),
    ],
)
def test_vomited_blood_and_croup_open_at_their_tier(
    kb: KnowledgeBase, text: str, flag: str
) -> None:
    assert first_warning(kb, text) == flag, text


def test_vomited_blood_that_will_not_stop_is_no_wound(kb: KnowledgeBase) -> None:
    assert "bleeding-wont-stop" not in warnings_of(kb, "keep vomiting blood, it won't stop")
