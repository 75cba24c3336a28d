"""Four warning signs read from everyday words: a testicle named as a ball, a nut or the
privates with its pain or swelling (twisted testicle); an arm or leg that looks bent after a
fall or a break, and a finger or toe numb, cold or discoloured after a door, a crush or a
stubbing (a bad break); not feeling when the bladder is full, with back pain (cauda equina);
tummy pain made worse by coughing, walking or moving (appendicitis). Ordinary words around the
same subjects raise no emergency."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages.builders import ask_page
from tests.conftest import checks_of, emergencies_raised, first_warning, warnings_of

# ---- A twisted testicle ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "scrotum swollen and really hurts",
        "my sons ball is swollen and really painful since this morning",
        "my son has a sore nut and is crying",
        "his balls are swollen and sore",
        "sudden pain in his privates",
        "my boy says his nuts hurt and he has been sick",
        "one of my balls has swelled up and it really hurts",
        "my 14 year old says his testicle hurts",
        "swollen nut and i feel sick",
    ],
)
def test_a_testicle_in_everyday_words_with_pain_or_swelling_is_a_possible_twist(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "testicular-torsion", text


@pytest.mark.parametrize(
    "text",
    [
        "the ball of my foot is sore",
        "swollen ball of my foot after running",
        "kicked the ball and my ankle is swollen and really painful",
        "threw the ball and my shoulder hurts",
        "my nut allergy is bad",
        "sore throat after eating nuts",
        "my son hurt his knee at football",
        "my son has a sore tummy",
    ],
)
def test_a_ball_or_a_nut_that_is_no_testicle_raises_no_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert "testicular-torsion" not in warnings_of(kb, text), text
    assert emergencies_raised(kb, text) == [], text


def test_a_mild_ache_in_a_grown_mans_testicle_is_a_check_not_a_stop(kb: KnowledgeBase) -> None:
    text = "my testicle aches a bit after cycling"
    assert warnings_of(kb, text) == []
    assert "testicular-torsion" in checks_of(kb, text)


# ---- A limb, finger or toe out of shape --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "broke my ankle and its bent",
        "fell off horse, thigh bone looks bent",
        "i think i broke my wrist, it looks crooked",
        "fell off my bike and my arm is bent in the middle",
        "came off the trampoline and his leg looks bent",
        "my shin is out of line after the tackle",
    ],
)
def test_an_arm_or_leg_that_looks_bent_after_an_injury_is_a_bad_break(
    kb: KnowledgeBase, text: str
) -> None:
    assert "possible-broken-limb" in emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my knees are bent when i sit",
        "bent my knee and it hurts",
        "my back is bent over from gardening",
        "my legs look bent, always have been",
        "fell over and my ankle is swollen",
    ],
)
def test_a_bent_knee_or_back_in_a_position_is_no_break(kb: KnowledgeBase, text: str) -> None:
    assert "possible-broken-limb" not in warnings_of(kb, text), text


def test_a_bone_said_broken_shows_the_signs_of_a_bad_break_to_check(kb: KnowledgeBase) -> None:
    assert "possible-broken-limb" in checks_of(kb, "broke my arm")


@pytest.mark.parametrize("region", ["it-band", "hamstring", "front-thigh", "calf", "foot"])
def test_the_leg_pages_list_the_limb_out_of_shape_sign(kb: KnowledgeBase, region: str) -> None:
    assert "possible-broken-limb" in kb.regions[region].red_flags


@pytest.mark.parametrize(
    "text",
    [
        "shut my finger in the car door and now its numb and blue",
        "trapped my finger and its white and i cant feel it",
        "jammed my finger and its cold and numb",
        "crushed my thumb and its gone blue",
        "stubbed my toe and its gone cold and numb",
        "dropped a weight on my toe and its numb",
        "my big toe is bent after dropping a weight on it",
        "finger pointing at an odd angle after football",
        "toe sticking out sideways after kicking the door",
        "slammed his thumb in a door and it has gone grey",
    ],
)
def test_a_finger_or_toe_out_of_shape_numb_or_discoloured_after_an_injury_goes_to_an_ed(
    kb: KnowledgeBase, text: str
) -> None:
    assert "finger-or-toe-out-of-shape" in emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "fingers go white and numb in the cold",
        "stubbed my toe and it hurts",
        "my toes go numb when i run",
        "shut my finger in the door and its sore and swollen",
        "my fingers are cold and blue in winter",
        "stubbed my toe last week, and separately my whole left leg has been numb since my back op",
    ],
)
def test_a_sore_finger_or_toe_or_cold_fingers_alone_raise_no_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert "finger-or-toe-out-of-shape" not in warnings_of(kb, text), text


def test_the_finger_or_toe_sign_opens_with_the_emergency_department_not_999(
    kb: KnowledgeBase,
) -> None:
    flag = kb.red_flags["finger-or-toe-out-of-shape"]
    assert flag.first_step is not None
    assert flag.first_step.startswith("Go to an emergency department now")
    assert "sources differ" in (flag.note or "")
    page = ask_page(kb, understand(kb, "finger pointing at an odd angle after football"))
    assert "Go to an emergency department now" in str(page)


# ---- Not feeling when the bladder is full ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "cant feel when i need to wee and back ache",
        "lower back pain and i dont know when my bladder is full",
        "sciatica and i cant tell when i need the loo",
        "back ache and i never know when i need a wee any more",
        "bad back, no sensation when i pee",
    ],
)
def test_not_feeling_the_bladder_with_back_pain_is_cauda_equina(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "cauda-equina", text


@pytest.mark.parametrize(
    "text",
    [
        "bad back and i need to wee a lot",
        "back pain, and i dont know when it started, need a pee",
        "lower back ache, i need the toilet often at night",
        "can't feel my toes when i need to wee",
    ],
)
def test_needing_to_wee_often_with_back_pain_is_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert "cauda-equina" not in emergencies_raised(kb, text), text


# ---- Appendicitis ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "tummy pain and vomiting for a day, worse when i cough",
        "pain right side tummy cant walk straight and sick",
        "stomach ache that hurts when i walk and im being sick",
        "my belly hurts more when i move and going over bumps in the car",
        "stomach pain, it hurts to walk and i feel sick",
        "pain in the right side of my stomach",
        "my tummy is agony when i press on it",
    ],
)
def test_tummy_pain_made_worse_by_moving_or_on_the_right_is_possible_appendicitis(
    kb: KnowledgeBase, text: str
) -> None:
    assert "possible-appendicitis" in warnings_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "stomach muscles sore after crossfit, hurts when i cough",
        "tummy ache after big dinner",
        "period pains cramps",
        "lower back pain worse when i cough, and my tummy is bloated after dinner",
        "my tummy feels full and my knee hurts when i walk",
        "sore throat hurts when i cough",
    ],
)
def test_a_workout_ache_or_a_pain_elsewhere_is_no_appendicitis(
    kb: KnowledgeBase, text: str
) -> None:
    assert "possible-appendicitis" not in warnings_of(kb, text), text
    assert emergencies_raised(kb, text) == [], text


# ---- A blow to the tummy from the handlebars; the kidney sign on the back pages ---------------


@pytest.mark.parametrize(
    "text",
    [
        "fell off bike handlebar into my belly",
        "came off my bike and the handlebars went into my stomach",
        "my son fell onto the handlebars",
    ],
)
def test_handlebars_into_the_tummy_call_for_the_belly_injury_signs(
    kb: KnowledgeBase, text: str
) -> None:
    read = understand(kb, text)
    assert "belly-after-major-trauma" in [flag.id for flag, _ in (*read.warnings, *read.checks)], (
        text
    )


@pytest.mark.parametrize(
    "text", ["handlebars too low and my back aches", "raised my handlebars and my neck is better"]
)
def test_handlebars_set_up_wrong_are_no_blow(kb: KnowledgeBase, text: str) -> None:
    read = understand(kb, text)
    assert "belly-after-major-trauma" not in [
        flag.id for flag, _ in (*read.warnings, *read.checks)
    ], text


@pytest.mark.parametrize("region", ["low-back", "mid-back"])
def test_the_back_pages_list_the_kidney_sign(kb: KnowledgeBase, region: str) -> None:
    assert "kidney-pain-with-fever-or-blood" in kb.regions[region].red_flags


# ---- A possible broken bone without a changed shape ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "fell on hand wrist swollen cant move it",
        "fell off my bike and my wrist is swollen and i cant move it",
        "twisted my ankle, its swollen and i cant put weight on it",
        "heard a crack when i fell and my arm is swollen",
        "i think i broke my wrist",
    ],
)
def test_a_swollen_limb_that_cannot_be_moved_after_an_injury_is_seen_today(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "possible-broken-bone", text
    assert emergencies_raised(kb, text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "sprained my ankle last week, bit swollen",
        "broke my arm years ago and it aches in the cold",
        "my ankles are swollen and i cant move much",
    ],
)
def test_a_mild_sprain_or_an_old_break_is_no_broken_bone_sign(kb: KnowledgeBase, text: str) -> None:
    assert "possible-broken-bone" not in warnings_of(kb, text), text
