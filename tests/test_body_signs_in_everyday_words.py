"""Warning signs read from everyday words: cauda equina in plain words for the saddle area,
leaking urine and erections; tummy pain, bleeding and labour signs in pregnancy; heat illness;
a crush; a twisted testicle; tetanus after a tattoo or piercing; a calf pop sent to same-day
care; tummy pain that moves or worsens; and a denial that does not reach a sign said after a
new subject ("no numbness and I can't pee")."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "sciatica and my vagina feels numb",
        "sciatica and numb down there",
        "back pain and my bits are numb",
        "backpain and i cant feel my butt cheeks",
        "my back hurts and i keep dribbling urine",
        "lower back pain and I have to wear pads now because I leak",
        "sciatica and cant get hard anymore",
        "sciatica and having trouble getting an erection and numb down there",
        "my penis feels numb and my lower back is killing me",
        "sciatica down both legs and my privates are tingling",
    ],
)
def test_cauda_equina_in_everyday_words(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "cauda-equina", text


@pytest.mark.parametrize(
    "text",
    [
        "back pain, no numbness down below but since this morning I cant pee at all",
        "back pain no numbness down below and I cant pee at all since this morning",
        "back ache, no tingling in my legs and he cant pee since last night",
        "no numbness between my legs and i have wet myself, bad back",
    ],
)
def test_a_denial_does_not_reach_a_sign_said_after_a_new_subject(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "cauda-equina", text


@pytest.mark.parametrize(
    "text",
    [
        "back pain but no numbness and no bladder problems",
        "back pain, no numbness down below and no trouble peeing",
        "sciatica, no numbness or weakness and I can walk fine",
    ],
)
def test_denied_cauda_equina_signs_stay_denied(kb: KnowledgeBase, text: str) -> None:
    assert "cauda-equina" not in warnings_of(kb, text), text


TUMMY = "pregnancy-tummy-pain"
BURST = "pregnancy-internal-bleeding"
LATE = "late-pregnancy-pain-or-bleeding"  # weeks of 20 or more said: the maternity unit now


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("6 weeks pregnant one sided tummy cramp and shoulder tip pain", TUMMY),
        ("pregnant and tummy cramping with bleeding", TUMMY),
        ("im pregnant and my belly keeps cramping really bad", TUMMY),
        ("pregnant 30 weeks and getting period like cramps every 10 minutes", LATE),
        ("28 weeks pregnant and my waters broke", LATE),
        ("early pregnancy and some spotting", TUMMY),
        ("7 weeks pregnant, sudden severe tummy pain and I feel faint", BURST),
        ("I'm pregnant and bleeding heavily", BURST),
        ("pregnant, shoulder tip pain and I fainted", BURST),
    ],
)
def test_pregnancy_tummy_signs(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


def test_pregnancy_with_a_tummy_word_calls_for_its_signs_to_be_checked(kb: KnowledgeBase) -> None:
    answer = understand(kb, "pregnant and my tummy feels odd")
    assert [flag.id for flag, _ in answer.checks] == ["pregnancy-tummy-pain"]
    assert not answer.warnings
    assert not understand(kb, "pregnant").checks


@pytest.mark.parametrize(
    "text",
    [
        "muscle cramps after working outside in the heat and now i'm confused",
        "heat cramps and stopped sweating and confused",
        "cramps on a hot day and he collapsed",
        "heat exhaustion, not better after 30 minutes in the shade",
        "working in a hot kitchen all day, cramps and now she had a fit",
    ],
)
def test_heatstroke(kb: KnowledgeBase, text: str) -> None:
    assert "heatstroke" in emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my forearm is rock hard and agony after a crush at work",
        "my forearm is rock hard after a crush at work",
        "my hand got crushed in machinery",
        "my calf is swollen tight as a drum and agony after a kick at football",
    ],
)
def test_crush_and_tense_limb(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "compartment-syndrome", text


@pytest.mark.parametrize(
    "text",
    [
        "my 16 year old son has sudden pain in his groin and testicle",
        "sudden pain in my testicle and tummy, im 14",
        "really bad pain in one of my balls and I've been sick",
        "my scrotum is swollen and painful",
    ],
)
def test_testicular_torsion(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "testicular-torsion", text


@pytest.mark.parametrize(
    "text",
    [
        "i got a tattoo last week and now my jaw is stiff",
        "new piercing a few days ago and now my muscles keep going into spasm",
        "stuck myself with a dirty needle and now my neck muscles are stiff and spasming",
    ],
)
def test_tetanus_after_a_tattoo_piercing_or_needlestick(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-tetanus", text


def test_a_calf_pop_is_same_day_care_not_999(kb: KnowledgeBase) -> None:
    text = "felt a pop in my calf playing squash, can walk but sore"
    assert first_warning(kb, text) == "calf-tear"
    assert kb.red_flags["calf-tear"].urgency == "urgent"
    assert not emergencies_raised(kb, text)


def test_a_calf_pop_with_a_tight_swollen_calf_is_still_an_emergency(kb: KnowledgeBase) -> None:
    text = "felt a pop in my calf and now it is swollen tight and the pain is out of proportion"
    assert emergencies_raised(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "pain started at my belly button and moved to lower right, hurts to walk",
        "bitten by a spider and now my tummy muscles are cramping rigid",
        "tummy pain that keeps getting worse",
    ],
)
def test_tummy_pain_for_same_day_care(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-appendicitis", text


def test_legs_that_cannot_move_after_a_fall_from_a_ladder_are_major_trauma(
    kb: KnowledgeBase,
) -> None:
    text = "fell off a ladder and my back is killing me, cant move my legs"
    assert first_warning(kb, text) == "back-major-trauma"


@pytest.mark.parametrize(
    "text",
    [
        "cramp in my calf after a run on a hot day",
        "groin strain from football",
        "pregnant and my calves cramp at night",
        "calf cramps at night wake me up",
        "tight hamstrings after running",
        "my stomach muscles ache after sit ups",
        "kicked a ball and my calf hurts",
        "I have a tattoo on my calf and it cramps when I swim",
        "a piercing pain in my lower back",
        "pins and needles in my foot after sitting cross-legged",
        "my period pains are bad and my back aches",
        "I'm a bit numb in my fingers from the cold",
    ],
)
def test_ordinary_words_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cramp in my calf after a run on a hot day", []),
        ("groin strain from football", []),
        ("pregnant and my calves cramp at night", []),
        ("tight hamstrings after running", []),
        ("kicked a ball and my calf hurts", []),
    ],
)
def test_ordinary_words_raise_no_warning(kb: KnowledgeBase, text: str, expected: list[str]) -> None:
    assert warnings_of(kb, text) == expected, text


def test_the_hamstring_card_marks_night_cramp_evidence_as_indirect(kb: KnowledgeBase) -> None:
    from spasmguide.study.cards import cards_of

    card = next(c for c in cards_of(kb) if c.card == "region-evidence:hamstring")
    assert "low (indirect)" in card.explanation


def test_a_top_ranked_on_a_guideline_alone_is_not_called_the_strongest_evidence(
    kb: KnowledgeBase,
) -> None:
    from spasmguide.study.cards import cards_of

    card = next(c for c in cards_of(kb) if c.card == "region-evidence:head")
    assert "strongest evidence" not in card.prompt
    assert "ranks first" in card.prompt and "current guideline" in card.prompt
    assert "evidence none" not in card.explanation


def test_my_bits_are_no_bite(kb: KnowledgeBase) -> None:
    answer = understand(kb, "back pain and my bits are numb")
    assert all(
        reading.cause is None or reading.cause.id != "bite-teeth" for reading in answer.readings
    )
    answer = understand(kb, "my jaw hurts when I bite")
    assert any(reading.cause and reading.cause.id == "bite-teeth" for reading in answer.readings)


def test_a_hot_swollen_knee_is_same_day_care_from_its_source(kb: KnowledgeBase) -> None:
    flag = kb.red_flags["thigh-bone-or-knee"]
    assert flag.urgency == "urgent"
    assert "nhs-septic-arthritis" in flag.sources
    assert flag.action and "same day" in flag.action
