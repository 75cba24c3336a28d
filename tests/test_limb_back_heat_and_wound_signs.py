"""Warning signs of the limbs, the back, the heat and wounds read from everyday words: a cast
said as "cast on my leg", "in a pot" or "in plaster"; a limb (leg or arm) gone cold and numb or
suddenly cold; misspelt back words beside a bladder change; large or deep wounds; a toe or
finger out of shape; leakage on sneezing; heat exhaustion apart from heatstroke. Ordinary
words around the same subjects raise no emergency."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import checks_of, emergencies_raised, first_warning


@pytest.mark.parametrize(
    "text",
    [
        "cast on my leg and the pain is getting worse",
        "cast on my leg and pain is getting worse and worse, toes numb",
        "pot on my ankle and my toes have gone numb",
        "my wrist is in a pot and the pain keeps getting worse",
        "he is in a cast and his toes are numb",
        "got a cast on my arm yesterday and now my fingers are numb",
        "leg in plaster, pain getting worse",
    ],
)
def test_a_cast_said_any_way_with_worsening_pain_or_numbness_is_compartment_syndrome(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "compartment-syndrome", text


@pytest.mark.parametrize(
    "text",
    [
        "cast on my arm for 3 weeks, it itches",
        "my leg is in a cast and it aches a bit",
        "put the pot on the stove",
        "cast came off last week and my calf is stiff",
    ],
)
def test_a_cast_without_a_warning_sign_raises_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert emergencies_raised(kb, text) == [], text


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("my leg is cold and numb", "leg-circulation-emergency"),
        ("leg suddenly cold and numb", "leg-circulation-emergency"),
        ("my foot went cold and numb", "leg-circulation-emergency"),
        ("my leg suddenly went cold", "leg-circulation-emergency"),
        ("arm suddenly cold pale and painful", "arm-circulation-emergency"),
        ("my hand is suddenly cold and white", "arm-circulation-emergency"),
        ("my arm has gone cold and numb", "arm-circulation-emergency"),
        ("my left arm is pale and numb", "arm-circulation-emergency"),
    ],
)
def test_a_limb_gone_cold_and_numb_or_suddenly_cold_is_a_circulation_emergency(
    kb: KnowledgeBase, text: str, flag_id: str
) -> None:
    assert first_warning(kb, text) == flag_id, text


@pytest.mark.parametrize(
    "text",
    [
        "my feet are always cold",
        "cold feet in bed at night",
        "legs cold after swimming in the sea",
        "my fingers go white and numb in the cold",
        "my hands are cold",
        "arm went numb after sleeping on it",
        "fingers cold and numb when i ride my bike in winter",
        "my hands are always cold and my fingers go numb",
    ],
)
def test_cold_hands_and_feet_of_every_day_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert emergencies_raised(kb, text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "bak pain cant wee",
        "my bakc hurts and i cant pee",
        "lowerback pain cant pee",
        "backpain and cant wee",
        "lowerbackpain and cant wee",
        "bck ache and wet myself",
    ],
)
def test_a_misspelt_or_run_together_back_with_a_bladder_change_is_cauda_equina(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "cauda-equina", text


@pytest.mark.parametrize(
    "text",
    [
        "pain and i cant wee",
        "it hurts and i cant pee",
        "stomache ache and cant pee",
    ],
)
def test_a_bladder_change_with_any_pain_shows_cauda_equina_to_check(
    kb: KnowledgeBase, text: str
) -> None:
    assert "cauda-equina" in checks_of(kb, text) or first_warning(kb, text) == "cauda-equina"


@pytest.mark.parametrize(
    "text",
    [
        "i was baking bread all morning",
        "i have a lisp",
        "saw a lion at the zoo",
        "sloe gin at the fete",
        "nekc is stiff from sleeping",
        "my bakc aches after gardening",
        "we won by a knockout at the pub quiz but those chairs gave me a back spasm",
        "watched the boxing, a knockout in round two, then my neck got stiff on the sofa",
        "the handout from the workshop said stretch my calves",
    ],
)
def test_everyday_words_near_a_misspelt_body_part_raise_no_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert emergencies_raised(kb, text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "big deep gash on my leg from a garden fork",
        "a big cut on my arm that is gaping",
        "gashed my hand open on a broken glass",
        "deep cut on my leg from a rusty nail",
        "large wound on my shin from a fall on the path",
    ],
)
def test_a_large_or_deep_wound_goes_to_the_emergency_department(
    kb: KnowledgeBase, text: str
) -> None:
    # NHS lacerations: A&E for a very large wound; the NHS tetanus page counts a large or deep
    # wound among the risks, so the guide takes the stricter reading.
    assert first_warning(kb, text) == "wound-large-or-deep", text


@pytest.mark.parametrize(
    "text",
    [
        "cut my leg shaving and now calf cramps",
        "small cut on my hand and then a cramp in my calf",
        "paper cut on my finger and my hand cramps",
        "nicked my chin shaving this morning, calf cramp at the gym",
    ],
)
def test_a_cramp_after_a_small_cut_shows_tetanus_to_check_without_an_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert emergencies_raised(kb, text) == [], text
    assert "possible-tetanus" in checks_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "stepped on a rusty nail last week and now my jaw is stiff",
        "cut my finger on a rusty nail and now spasms in my legs",
        "grazed my knee in the garden and now i have spasms spreading up my back",
        "dog bite on my hand last week and now my muscles keep going into spasm",
        "cut my leg shaving and now calf cramps that keep getting worse",
        "deep cut on my foot and now severe spasms",
        "cut my hand last week and now my neck muscles are stiff",
        "small cut on my hand last week and now my jaw is stiff",
        "cut my leg shaving a few days ago and now my muscles keep going into spasm",
        "paper cut and now severe spasms all over",
        "grazed my elbow and got a foot cramp in bed",
    ],
)
def test_stiffness_or_spasms_after_a_wound_or_more_than_a_cramp_after_a_cut_stay_an_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "possible-tetanus", text


@pytest.mark.parametrize(
    "text",
    [
        "toe bent at a funny angle after stubbing it",
        "finger bent sideways after catching a ball",
        "my little finger is pointing the wrong way after i fell",
        "jammed my finger playing basketball and now it is crooked",
        "kicked the door and my toe looks deformed",
    ],
)
def test_a_finger_or_toe_out_of_shape_goes_to_an_emergency_department(
    kb: KnowledgeBase, text: str
) -> None:
    # The NHS broken finger and broken toe pages send an odd angle to A&E (the sign's note).
    assert first_warning(kb, text) == "finger-or-toe-out-of-shape", text
    assert kb.red_flags["finger-or-toe-out-of-shape"].urgency == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "fell off my bike and my wrist is bent the wrong way",
        "arm at a funny angle after a fall",
        "my knee looks deformed after a fall",
        "ankle at a weird angle after i landed badly",
        "bone sticking out of my toe",
    ],
)
def test_an_arm_or_leg_out_of_shape_or_a_bone_through_the_skin_stays_an_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "possible-broken-limb", text


@pytest.mark.parametrize(
    "text",
    [
        "my big toe is crooked from years of tight shoes",
        "my finger has been crooked for years",
        "my toe is crooked, i have a bunion",
        "arthritis in my hands and my fingers are crooked",
    ],
)
def test_a_long_standing_crooked_toe_or_finger_raises_no_warning(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "i leak a little when i sneeze and have back ache",
        "back ache and i leak when i laugh, have done since my kids",
        "my lower back hurts and i leak a bit when i cough",
    ],
)
def test_leaking_on_a_sneeze_or_cough_with_back_ache_shows_cauda_equina_to_check(
    kb: KnowledgeBase, text: str
) -> None:
    assert emergencies_raised(kb, text) == [], text
    assert "cauda-equina" in checks_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "lower back pain and now im leaking wee and need pads",
        "new leakage when i cough since my back went",
        "back pain and leaking urine",
        "sciatica and i've started leaking",
        "bad back and leaking when i cough, this is new",
    ],
)
def test_new_leakage_or_pads_with_back_pain_stays_the_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "cauda-equina", text


@pytest.mark.parametrize(
    "text",
    [
        "cant feel my foot after ankle sprain",
        "twisted my ankle and my foot has gone numb",
        "fell on my wrist and now my hand is numb and cold",
    ],
)
def test_a_limb_numb_or_cold_after_an_injury_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "injured-limb-numb-or-cold", text


@pytest.mark.parametrize(
    "text",
    [
        "sprained my ankle last month, it aches in the cold",
        "my foot went numb after sitting cross legged",
        "ankle swollen after twisting it, i can walk on it",
    ],
)
def test_an_ordinary_sprain_or_numb_foot_raises_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert emergencies_raised(kb, text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "hot day, feel dizzy with a headache and sweating a lot after gardening",
        "felt faint and sick after working in the sun all day",
        "heatwave, working in the garden and now dizzy and really thirsty",
    ],
)
def test_heat_exhaustion_leads_with_cooling_down_not_an_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "heat-exhaustion", text
    assert emergencies_raised(kb, text) == [], text


def test_heat_exhaustion_is_no_bullet_of_the_heatstroke_emergency(kb: KnowledgeBase) -> None:
    signs = " ".join(kb.red_flags["heatstroke"].signs)
    assert "heat exhaustion" not in signs
    assert "heatstroke" in signs


@pytest.mark.parametrize(
    "text",
    [
        "working outside in the heat all day now hes confused and not sweating",
        "been out in the sun and my temperature is 40",
        "hot day and he collapsed after the match",
    ],
)
def test_heatstroke_stays_the_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "heatstroke", text


@pytest.mark.parametrize(
    "text",
    [
        "my son went over the railing at the top of the slide, 2 metres, onto his head",
        "she went over the handlebars and landed on her head",
    ],
)
def test_going_over_a_railing_or_handlebars_is_no_sprain(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "after-head-injury", text
