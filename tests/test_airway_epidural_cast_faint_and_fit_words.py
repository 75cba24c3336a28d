"""Signs in words that their own lists name: a bladder that stops working after an epidural;
a noisy, high-pitched breath with a sore throat, or saliva that cannot be swallowed (the
airway sign); blue fingers or toes in a cast; a faint after the birth (999) and a faint once,
which a doctor should hear about; a fit after a blow to the head; a jaw or arm that aches on
walking and settles with rest; a horse's kick to the tummy with vomiting; heavy bleeding with
clots in pregnancy. Ordinary phrasings beside them stay quiet."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("since the epidural I can't control my bladder", "after-epidural-or-spinal"),
        ("had a spinal anaesthetic and now cannot pee", "after-epidural-or-spinal"),
        ("sore throat and a squeaky noise when breathing in", "throat-swelling-airway"),
        ("my son has a sore throat and noisy breathing", "throat-swelling-airway"),
        ("he can't swallow his own spit", "throat-swelling-airway"),
        ("my fingers have gone blue in the cast", "compartment-syndrome"),
        ("toes look blue under my plaster cast", "compartment-syndrome"),
        ("I passed out two days after giving birth", "after-birth-heavy-bleeding"),
        ("she had the baby on Monday and fainted today", "after-birth-heavy-bleeding"),
        ("had a fit straight after he banged his head", "after-head-injury"),
        ("my jaw hurts when I walk and stops when I rest", "jaw-pain-from-the-heart"),
        ("a horse kicked me in the tummy and I have been sick", "belly-after-major-trauma"),
        ("pregnant and bleeding heavily with clots", "pregnancy-internal-bleeding"),
    ],
)
def test_signs_said_in_their_own_words(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    ["I blacked out this morning", "fainted in the shower for no reason", "I keep passing out"],
)
def test_a_faint_is_for_a_doctor_to_hear_about(kb: KnowledgeBase, text: str) -> None:
    assert "faint-see-a-doctor" in warnings_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my baby is teething and dribbling everywhere",
        "noisy breathing when I have a cold",
        "feeling fit after physio and my neck is better",
        "I fainted once as a teenager",
        "my calf cramps at night",
        "I spit out my toothpaste and my gums bled",
    ],
)
def test_ordinary_phrasings_stay_quiet(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
    assert "faint-see-a-doctor" not in warnings_of(kb, text), text
