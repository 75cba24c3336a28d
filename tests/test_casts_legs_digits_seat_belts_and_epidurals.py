"""Warning signs read from everyday words about casts, both legs, fingers and toes, seat belts
and epidurals: a cast said as "plaster on", a backslab or a splint, with pain getting worse or
toes or fingers that cannot move (a sticking plaster on a cut is no cast); legs said in the
plural, heavy, weak or numb, with back pain; "big swelling" as swelling; a bent finger or toe
only after an injury; a finger or thumb hurt in a drawer or by a hammer; a seat-belt bruise
across the tummy or chest; numb or weak legs or bad back pain after an epidural or spinal
anaesthetic. Ordinary words around the same subjects raise no emergency."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "broke my shin plaster on and pain is getting way worse cant move toes",
        "got a plaster on my arm and i can't move my fingers",
        "he has a backslab on his leg and cannot move his toes",
        "wrist in a splint and the pain is getting far worse",
        "my ankle is in plaster and the pain keeps getting worse and worse",
        "in a pot since friday, pain way worse tonight",
    ],
)
def test_a_cast_said_any_way_with_worse_pain_or_digits_that_cannot_move_is_compartment_syndrome(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "compartment-syndrome", text


@pytest.mark.parametrize(
    "text",
    [
        "put a plaster on the cut",
        "put a plaster on the cut and the pain is getting worse",
        "stuck a plaster on my blister, it still hurts",
        "need a sticking plaster for my finger",
        "my leg is in plaster and it itches",
    ],
)
def test_a_sticking_plaster_or_a_comfortable_cast_raises_no_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert emergencies_raised(kb, text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "legs feel heavy and weak and back pain getting worse",
        "lower back pain and legs have gone weak",
        "back ache, legs are heavy and numb",
        "sciatica and legs feel like jelly",
        "bad back and pins and needles in legs",
        "sciatica down both legs, worse in the left leg",
    ],
)
def test_legs_said_in_the_plural_with_back_pain_lead_with_cauda_equina(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "cauda-equina", text


@pytest.mark.parametrize(
    "text",
    [
        "my legs are so stiff after the marathon",
        "legs ache after a long walk",
        "legs feel heavy in the heat",
        "back pain and my left leg feels heavy",
    ],
)
def test_tired_or_one_heavy_leg_is_no_cauda_equina(kb: KnowledgeBase, text: str) -> None:
    assert "cauda-equina" not in emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "twisted my ankle, big swelling and cant put weight on it",
        "went over on my ankle, huge swelling and can't walk on it",
        "fell on my wrist, massive swelling and can't move it",
    ],
)
def test_big_swelling_is_swelling_for_a_possible_broken_bone(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-broken-bone", text


@pytest.mark.parametrize(
    "text",
    [
        "stubbed my toe and now its bent sideways",
        "fell on my hand and my little finger is crooked",
        "dislocated my finger playing netball, its bent",
        "ball hit my thumb and it is at a funny angle",
    ],
)
def test_a_bent_finger_or_toe_after_an_injury_is_the_bad_break_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "finger-or-toe-out-of-shape", text


@pytest.mark.parametrize(
    "text",
    [
        "my toes look bent from my shoes",
        "my toes are crooked from years of tight shoes",
        "my big toe is crooked from my bunion",
        "hammer toes hurt in my work boots",
        "my fingers look bent with arthritis",
        "my fingers are deformed from rheumatoid arthritis",
        "my toes point at an odd angle because of my bunions",
    ],
)
def test_a_toe_or_finger_bent_without_an_injury_raises_no_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert emergencies_raised(kb, text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "i hit my thumb with a hammer and its swollen and bruised",
        "shut my finger in a drawer, it is swollen and sore",
        "trapped my thumb in the car door and it's bruised and painful",
        "jammed my finger playing basketball, swollen and sore",
        "caught my finger in the drawer and now it's bruised and swollen",
    ],
)
def test_a_painful_swollen_or_bruised_finger_after_a_knock_is_a_possible_break(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "possible-broken-bone", text


@pytest.mark.parametrize(
    "text",
    [
        "my finger is numb after shutting it in a drawer but it looks fine",
        "slammed it in the drawer and my finger has gone numb",
        "hit my thumb with a hammer and now it's numb",
        "squashed my finger and it's gone blue",
    ],
)
def test_a_numb_or_blue_finger_after_a_crush_is_the_bad_break_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "finger-or-toe-out-of-shape", text


@pytest.mark.parametrize(
    "text",
    [
        "i use a hammer all day at work and my fingers ache",
        "my finger is swollen and sore from typing",
        "caught the bus and my finger is a bit sore",
        "opened the drawer and my fingers were stiff",
    ],
)
def test_ordinary_finger_aches_raise_no_warning(kb: KnowledgeBase, text: str) -> None:
    assert warnings_of(kb, text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "bruise across my tummy from seat belt",
        "seatbelt mark across my stomach after a crash",
        "the seat belt left a bruise over my chest in the accident",
        "big seat belt bruise on my belly",
    ],
)
def test_a_seat_belt_bruise_on_the_tummy_or_chest_is_the_tummy_injury_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "belly-after-major-trauma", text


@pytest.mark.parametrize(
    "text",
    [
        "the seat belt rubbed my neck on a long drive",
        "wearing a seatbelt in pregnancy, where should it go over my tummy",
        "bruise on my shin from the coffee table",
    ],
)
def test_a_seat_belt_without_a_bruise_or_a_bruise_elsewhere_raises_no_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert "belly-after-major-trauma" not in emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "after epidural back pain and numb legs",
        "had a spinal anaesthetic for my c section and now my legs are weak",
        "since my epidural my back pain is getting worse",
        "had an epidural three days ago, severe back pain and fever",
        "after an epidural i can't control my bowels",
    ],
)
def test_numb_or_weak_legs_or_bad_back_pain_after_an_epidural_is_its_emergency_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "after-epidural-or-spinal", text


@pytest.mark.parametrize(
    "text",
    [
        "had an epidural last year and my back aches sometimes",
        "should i have an epidural in labour",
        "what are the risks of a spinal anaesthetic",
    ],
)
def test_an_epidural_named_without_its_signs_raises_no_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert emergencies_raised(kb, text) == [], text
