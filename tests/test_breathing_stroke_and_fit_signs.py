"""Emergencies said in everyday words that a reader might type about head, breathing and fits:
stroke numbness that lasted minutes and passed (a TIA), an asthma attack or a breathing
difficulty, a fit said with how long it lasted, and a child who is not themselves or has a big
lump after a knock to the head. Each opens its own sign; ordinary phrasings that share a word
(numb hands that come and go, an inhaler that gives cramps, being fit) stay quiet."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages.builders import _first_step
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "i had numbness in my arm for 10 mins and its gone now",
        "my arm went numb for ten minutes then it came back",
        "my hand went numb for a few minutes and now its back to normal",
        "sudden numbness in my face and arm that went away",
        "my fingers went numb for about 10 minutes this morning, feels normal again",
        "half my face went numb then it wore off",
        "my face and arm went numb",
        "numb face and hand for 5 mins earlier today",
    ],
)
def test_passing_numbness_opens_the_stroke_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-stroke"


@pytest.mark.parametrize(
    "text",
    [
        "my hands go numb at night, comes and goes",
        "my hand goes numb on and off when typing",
        "pins and needles in my hand when i wake up after sleeping on it for a few minutes",
        "my lip went numb after the injection",
        "back pain that went away",
    ],
)
def test_ordinary_numbness_raises_no_stroke(kb: KnowledgeBase, text: str) -> None:
    assert "possible-stroke" not in warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "asthma inhaler not working cant finish sentences",
        "having an asthma attack and my blue inhaler isnt helping",
        "wheezing and so breathless i cant speak",
        "bad asthma attack",
        "my son is wheezing and really short of breath",
        "took ten puffs and no better",
        "my ventolin isn't helping and my chest is whistling",
        "cant breathe",
    ],
)
def test_breathing_difficulty_opens_its_own_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "severe-breathing-difficulty"


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("my inhaler gives me leg cramps", "medicine-cramps"),
        ("cramps since starting ventolin", "medicine-cramps"),
    ],
)
def test_an_inhaler_without_breathing_trouble_is_still_a_cause(
    kb: KnowledgeBase, text: str, cause: str
) -> None:
    from spasmguide.kb.ask import understand

    assert not emergencies_raised(kb, text)
    causes = [r.cause.id for r in understand(kb, text).readings if r.cause]
    assert cause in causes


def test_cant_finish_sentences_is_a_sign_not_a_denial(kb: KnowledgeBase) -> None:
    from spasmguide.kb.ask import understand

    answer = understand(kb, "asthma inhaler not working cant finish sentences")
    assert not answer.denied


@pytest.mark.parametrize(
    "flag", ["not-breathing", "collapsed-unconscious", "seizure-emergency", "possible-stroke"]
)
def test_the_call_now_signs_offer_no_drive_to_hospital(kb: KnowledgeBase, flag: str) -> None:
    step = _first_step(kb.red_flags[flag])
    assert step == "Call emergency services (999, 911 or 112) now"
    assert "emergency department" not in step


@pytest.mark.parametrize(
    "text",
    [
        "fit lasting over five minutes",
        "a fit that went on for 6 minutes",
        "his fit has lasted more than 5 mins",
        "my wife has been having a fit for over 5 minutes",
    ],
)
def test_a_fit_with_its_length_opens_the_seizure_sign(kb: KnowledgeBase, text: str) -> None:
    assert "seizure-emergency" in warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "im fit and healthy, my back aches after gardening",
        "went to keep fit for 30 minutes and my back hurts",
        "new shoes dont fit, calves ache after walking for 20 minutes",
        "i was fit for years, now my back aches",
    ],
)
def test_fit_as_healthy_or_a_size_stays_quiet(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "my 2 year old banged his head and is not acting himself",
        "baby rolled off sofa now has big lump on head",
        "my toddler fell off the bed and has a huge bump on her head",
        "my son hit his head at school and isnt himself",
        "4 year old fell off the sofa, bumped head, not her usual self",
    ],
)
def test_a_childs_head_knock_with_a_red_sign_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "after-head-injury"
    assert "after-head-injury" in emergencies_raised(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "my 3 year old bumped her head, small bump, she is playing normally",
        "my husband has not been himself since his back surgery",
    ],
)
def test_a_small_knock_or_a_mood_alone_is_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("anaphylaxis", "anaphylaxis"),
        ("my throat is closing up after eating peanuts", "anaphylaxis"),
        ("stung by a wasp and now struggling to breathe", "anaphylaxis"),
        ("allergic to nuts, lips and tongue swelling", "anaphylaxis"),
        ("i think he is having an anaphylactic reaction", "anaphylaxis"),
        ("choking", "choking"),
        ("my toddler is choking on a grape", "choking"),
        ("help my dad is choking on food and cant cough", "choking"),
    ],
)
def test_anaphylaxis_and_choking_open_their_signs(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag


@pytest.mark.parametrize(
    "text",
    [
        "choked on my coffee earlier and my neck is sore",
        "anxiety gives me a choking feeling in my throat",
        "i have a nut allergy and my calves cramp",
        "hay fever and sore neck",
    ],
)
def test_allergy_and_choking_words_alone_stay_quiet(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text)


def test_anaphylaxis_and_choking_say_the_first_aid(kb: KnowledgeBase) -> None:
    allergy = kb.red_flags["anaphylaxis"].action or ""
    for words in ("auto-injector", "legs raised", "Do not let them stand", "999"):
        assert words in allergy
    choking = kb.red_flags["choking"].action or ""
    for words in (
        "cough",
        "blows between the shoulder blades",
        "in and up",
        "999",
        "never abdominal",
    ):
        assert words in choking


@pytest.mark.parametrize(
    "text",
    [
        "heart racing and feel faint",
        "my heart is racing and i feel dizzy and sick",
        "heart pounding and i cant catch my breath",
        "racing heart, feel like im going to pass out",
        "my heart is fluttering and i feel really faint",
    ],
)
def test_palpitations_with_faintness_or_breathlessness_are_an_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "palpitations-with-symptoms"


@pytest.mark.parametrize(
    "text",
    [
        "heart racing after my run and out of breath",
        "heart pounding after too much coffee",
        "my heart skips a beat sometimes",
    ],
)
def test_a_racing_heart_alone_or_from_exercise_stays_quiet(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text)


def test_a_faint_with_a_pounding_heart_stays_the_collapse_sign(kb: KnowledgeBase) -> None:
    assert first_warning(kb, "heart pounding and i fainted") == "collapsed-unconscious"
