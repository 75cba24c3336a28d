"""Everyday words for signs that had none: thoughts of hurting oneself; shoulder pain with
breathlessness and dizziness (NHS shortness of breath; Mayo Clinic); both legs suddenly weak
or unable to walk (NHS sciatica); an antipsychotic's fever with rigid muscles or its twisting
spasm (American Family Physician); a child who will not bear weight or limps with a fever
(Frimley Healthier Together); a wound with red lines spreading, with or without a fever (NHS
cellulitis). New back pain over 50 alone is for a doctor's appointment, not the same day."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("ive been thinking about hurting myself", "suicidal-thoughts-or-self-harm"),
        ("shoulder pain with shortness of breath and dizzy", "chest-pain"),
        ("legs suddenly weak cant walk", "cauda-equina"),
        (
            "muscles really stiff high fever after starting a new antipsychotic",
            "antipsychotic-fever-rigidity",
        ),
        (
            "started haloperidol and now my neck is twisting and my eyes roll up",
            "antipsychotic-dystonia",
        ),
        ("toddler wont put weight on his leg and has a temperature", "child-limp"),
        (
            "cut on my hand now red streaks going up my arm and feel feverish",
            "wound-infection-with-fever",
        ),
        ("red streaks spreading from a scratch on my leg", "wound-infection-spreading"),
        ("new lower back ache im 52", "back-pain-see-doctor"),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    [
        "legs weak after a long run",
        "I hurt myself lifting a box",
        "legs feel weak and wobbly, I'm so tired",
        "my son is limping after football",
        "new lower back ache im 52",
    ],
)
def test_ordinary_phrasings_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


def test_age_alone_is_no_same_day_back_sign(kb: KnowledgeBase) -> None:
    assert "back-possible-cancer" not in warnings_of(kb, "new lower back ache im 52")
    assert kb.red_flags["back-pain-see-doctor"].urgency == "see a doctor"


def test_a_suspected_tear_is_sent_where_its_card_says(kb: KnowledgeBase) -> None:
    step = kb.red_flags["calf-tear"].first_step or ""
    assert "minor injuries unit" in step and "111" not in step
