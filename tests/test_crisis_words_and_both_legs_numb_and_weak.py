"""Thoughts of suicide or self-harm, or an overdose taken, open a crisis sign before anything
else (Mental Health Foundation; NHS Wales; 988 in the US); both legs numb and weak at once is
the squeezed-nerve-bundle emergency even with no back named (NHS sciatica); a racing heart
with feeling faint is the palpitations emergency even after exercise (NHS palpitations); legs
gone numb after a fall are the spinal-injury emergency even with no neck or back named (NICE
NG41); a swollen tongue leads with anaphylaxis; a wound with something in it is pressed around,
not on."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("I want to kill myself", "suicidal-thoughts-or-self-harm"),
        ("took an overdose of paracetamol an hour ago", "medicine-overdose"),
        ("I took too many pills on purpose and my neck hurts", "suicidal-thoughts-or-self-harm"),
        ("been self harming again and my back is in spasm", "suicidal-thoughts-or-self-harm"),
        ("tight shoulders and I don't want to be alive", "suicidal-thoughts-or-self-harm"),
        ("both legs numb and weak since this morning", "cauda-equina"),
        ("my legs are tingly and weak", "cauda-equina"),
        ("my heart is racing and I feel faint after the gym", "palpitations-with-symptoms"),
        ("I can't feel my legs after a fall", "neck-injury"),
        ("my dad fell and he can't feel his legs", "neck-injury"),
        ("tongue swelling and drooling", "anaphylaxis"),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    [
        "did suicides at basketball practice and now my calves cramp",
        "my back is killing me after gardening",
        "I'm not suicidal, just stressed and my neck is tight",
        "what are the signs of an overdose",
        "both legs numb and weak after sitting cross-legged",
        "my legs are numb and weak after a long run",
        "heart racing during my run, then fine",
    ],
)
def test_ordinary_phrasings_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


def test_the_crisis_sign_says_where_to_talk_as_well_as_where_to_go(kb: KnowledgeBase) -> None:
    flag = kb.red_flags["suicidal-thoughts-or-self-harm"]
    assert flag.first_step is not None
    for words in ("999, 911 or 112", "116 123", "988"):
        assert words in flag.first_step
        assert words in (flag.action or "")


def test_worsening_numb_weak_legs_show_both_tiers(kb: KnowledgeBase) -> None:
    ids = [flag.id for flag, _ in understand(kb, "legs numb and weak and getting worse").warnings]
    assert ids[:2] == ["cauda-equina", "legs-weakening-fast"]


def test_an_epiglottitis_answer_names_the_auto_injector(kb: KnowledgeBase) -> None:
    # A swollen throat with drooling leads with the airway sign, whose first step must still
    # serve an allergic reaction (NHS anaphylaxis: the adrenaline auto-injector first).
    assert first_warning(kb, "throat swelling up and drooling") == "throat-swelling-airway"
    step = kb.red_flags["throat-swelling-airway"].first_step or ""
    assert "auto-injector" in step


def test_the_wound_sign_never_says_to_press_on_something_stuck_in_it(kb: KnowledgeBase) -> None:
    step = kb.red_flags["wound-large-or-deep"].first_step or ""
    assert "press around it" in step
    assert step.index("press around it") < step.index("press on a bleeding wound")


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # NHS coughing up blood: blood with upper-back pain is 999 (a clot in the lung).
        ("coughed up a few spots of blood and pain in my upper back", "possible-pe"),
        # Gloucestershire Hospitals' DVT leaflet: cancer treatment is a clot risk.
        ("cramp in my right calf that won't go, I'm on chemo for cancer", "possible-dvt"),
    ],
)
def test_clot_risks_and_upper_back_pain_lift_the_tier(
    kb: KnowledgeBase, text: str, flag: str
) -> None:
    assert first_warning(kb, text) == flag, text


def test_the_cards_carry_the_steps_their_sources_give(kb: KnowledgeBase) -> None:
    assert "do not drive yourself" in (kb.red_flags["coughing-up-a-little-blood"].first_step or "")
    snake = kb.red_flags["bite-serious"]
    assert "not aspirin or ibuprofen" in " ".join((snake.action or "").split())
    rabies = " ".join(kb.red_flags["bite-rabies-risk"].signs)
    assert "eyes, nose or mouth" in rabies and "vaccine" in rabies
    waters = " ".join(kb.red_flags["late-pregnancy-pain-or-bleeding"].signs)
    assert "green, brown, bloodstained or smelly" in waters


@pytest.mark.parametrize(
    "text",
    [
        "achy arms after lifting weights",
        "arms sore after the gym yesterday",
        "sore arms from pull ups",
    ],
)
def test_arms_worked_in_the_gym_are_no_heart_sign(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("pain in my left arm when I climb the stairs", "jaw-pain-from-the-heart"),
        # NHS angina: pain with effort that goes with rest; the card's first step grades it.
        ("jaw aches when I run, goes when I stop", "jaw-pain-from-the-heart"),
        (
            "aching in my arm and jaw when i walk up hill goes away when i stop",
            "jaw-pain-from-the-heart",
        ),
    ],
)
def test_arm_or_jaw_pain_with_effort_is_still_a_heart_sign(
    kb: KnowledgeBase, text: str, flag: str
) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("a monkey licked my eye in Bali", "bite-rabies-risk"),
        ("not wanting to be alive and my neck hurts", "suicidal-thoughts-or-self-harm"),
    ],
)
def test_more_everyday_words_open_their_signs(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


def test_no_card_lays_flat_someone_struggling_to_breathe_or_swallow(kb: KnowledgeBase) -> None:
    # nidirect anaphylaxis: lie flat unless struggling to breathe; NHS epiglottitis: never on
    # the back. A swollen tongue with drooling leads with anaphylaxis, so its first step says so.
    step = kb.red_flags["anaphylaxis"].first_step or ""
    assert "sit up" in step and "auto-injector" in step
    assert "lay them on their back" in (kb.red_flags["throat-swelling-airway"].first_step or "")


def test_the_heart_card_headline_grades_angina_and_heart_attack(kb: KnowledgeBase) -> None:
    # NHS angina and heart attack: pain now that lasts, or with sweating or breathlessness, is
    # 999; pain that comes with effort and goes with rest is an urgent GP appointment.
    step = kb.red_flags["jaw-pain-from-the-heart"].first_step or ""
    assert "999, 911 or 112" in step and "see a doctor today" in step
