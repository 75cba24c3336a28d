"""Emergencies said in everyday words: a stroke's signs that came and went (a mini-stroke),
sight lost or blurred in one eye, a sudden headache said as a bomb or the worst pain ever,
sepsis said as shaking that will not stop or a person who feels they are dying, a rash of tiny
dots that stay, a child's fever for five days, a child's headache that wakes them, someone not
breathing. Ordinary words that sound alike raise nothing."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from tests.conftest import first_warning, invoke, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("his words came out all jumbled for 5 mins then he was fine again", "possible-stroke"),
        ("i think my dad had a mini stroke but he seems ok now", "possible-stroke"),
        ("think im having a stroke", "possible-stroke"),
        ("husband suddenly cant understand what im saying to him", "possible-stroke"),
        ("my arm went weak and dead for 10 minutes then came back", "possible-stroke"),
        ("his arm went weak for a few mins", "possible-stroke"),
        ("my vision went blurry in one eye suddenly", "possible-stroke"),
        ("I went blind in one eye for a minute then it came back", "possible-stroke"),
        ("lost sight in one eye", "possible-stroke"),
        ("sight blocked in one eye like a curtain", "possible-stroke"),
        ("vision went dark in my right eye", "possible-stroke"),
        ("suddenly very dizzy and cant walk straight, the room is spinning", "possible-stroke"),
        ("my head is killing me, worst pain ever, started all at once", "headache-emergency"),
        ("headache came on all of a sudden, 10/10 pain", "headache-emergency"),
        ("head pain out of nowhere like a bomb went off", "headache-emergency"),
        ("my head exploded in pain a few minutes ago", "headache-emergency"),
        ("worst pain of my life in my head", "headache-emergency"),
        ("my husband has a urine infection and is shivering uncontrollably", "possible-meningitis"),
        ("my dad has a water infection and says he feels like hes dying", "possible-meningitis"),
        ("i had a kidney infection, now shaking like crazy and cant stop", "possible-meningitis"),
        ("rash of tiny purple dots that dont go away", "possible-meningitis"),
        ("the soft spot on my babys head is bulging and hes vomiting", "possible-meningitis"),
        ("febrile convulsion", "possible-meningitis"),
        ("baby of 10 weeks feels really hot, havent got a thermometer", "fever-young-baby"),
        ("my dad collapsed and isnt breathing", "not-breathing"),
        ("my 8 year old keeps getting headaches that wake him up at night", "headache-emergency"),
        ("my 10 year old has a headache and a new squint", "headache-emergency"),
    ],
)
def test_everyday_words_open_with_the_emergency(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, warnings_of(kb, text)
    assert kb.red_flags[flag].urgency == "emergency"


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("headache and blurred vision", "headache-same-day"),
        ("3 yr old has had a temp of 39 for 5 days", "fever-child-today"),
    ],
)
def test_same_day_signs_in_everyday_words(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "rash of tiny purple dots",
        "headache and my neck is so stiff i cant touch my chin to my chest",
        "mini stroke",
    ],
)
def test_a_sign_half_said_opens_the_check(kb: KnowledgeBase, text: str) -> None:
    understood = understand(kb, text)
    assert not understood.warnings
    assert understood.checks


@pytest.mark.parametrize(
    "text",
    [
        "my arm went numb for a few minutes after sleeping on it",
        "calf cramp for a few minutes then it passed",
        "my left eye is a bit blurry after reading all day",
        "spin class made my legs ache",
        "I had a stroke 3 years ago and now my hand cramps",
        "my son has had a fever for 2 days but is playing happily",
        "neck pain for a week from my desk",
        "stiff neck for a few minutes when i wake up then it passes",
        "tension headache all week from work stress",
        "im having cupping next week for my shoulders",
        "hands shaking after too much coffee",
        "a cough of 3 weeks",
    ],
)
def test_ordinary_words_raise_no_warning(kb: KnowledgeBase, text: str) -> None:
    understood = understand(kb, text)
    assert not understood.warnings, warnings_of(kb, text)
    assert not understood.checks


def test_the_not_understood_page_says_what_to_do_in_an_emergency_first() -> None:
    outcome = invoke("ask", "qwertyuiop asdfgh")
    assert outcome.exit_code == 0
    text = outcome.stdout
    assert text.index("call emergency services") < text.index("could not tell")


def test_the_sign_line_that_matched_comes_first(kb: KnowledgeBase) -> None:
    from spasmguide.kb.ask import signs_by_words

    stroke = kb.red_flags["possible-stroke"]
    assert "slurred" in signs_by_words(stroke, ["speech is slurred"])[0]
    assert signs_by_words(stroke, []) == stroke.signs
    assert sorted(signs_by_words(stroke, ["vision", "blurred"])) == sorted(stroke.signs)
