"""Swollen lips alone are the urgent allergic swelling (NHS angioedema; SDCEP), while lips with
breathing or swallowing trouble, a tight throat or faintness, and a swelling tongue or throat,
stay anaphylaxis (nidirect); something stuck in a baby's or child's throat, or a child choking
or coughing on a piece of food, opens the choking signs, whose first step lets a coughing baby
or child cough (St John Ambulance); blue lips said with cold as their cause raise no sepsis
sign alone, but with breathing trouble or a fever stay an emergency (NHS shortness of breath,
NHS sepsis); a sore throat with drooling or no swallowing is the airway sign, not a stroke
(NHS epiglottitis, NHS sore throat). Each with ordinary phrasings that must stay quiet."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "woke up with a swollen lip",
        "my lips are swollen",
        "my top lip has swelled up overnight",
        "her bottom lip is swollen for no reason",
        "puffy lips this morning",
        "my lips puffed up after a new tablet",
    ],
)
def test_swollen_lips_alone_are_the_urgent_allergic_swelling(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "lip-swelling", warnings_of(kb, text)
    assert emergencies_raised(kb, text) == [], text


def test_the_lip_sign_says_when_to_call_emergency_services(kb: KnowledgeBase) -> None:
    flag = kb.red_flags["lip-swelling"]
    assert flag.urgency == "urgent"
    step = flag.first_step or ""
    assert "999" in step and "tongue or throat" in step and "faint" in step
    assert "in the UK" in step and "GP" in step
    # The lip sign's own opening says when to call; no emergency check is put above it.
    assert "lip-swelling" not in kb.red_flags["anaphylaxis"].check_when


@pytest.mark.parametrize(
    "text",
    [
        "my lips are swollen and i can't breathe",
        "lips swelling up and struggling to breathe",
        "my lips are swollen and i feel faint",
        "lips swollen and it's hard to swallow",
        "swollen lips and my throat feels tight",
        "lips swelling and wheezing",
        "my tongue is swollen",
        "her throat is swelling up",
    ],
)
def test_lips_with_airway_signs_or_a_swelling_tongue_stay_anaphylaxis(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "anaphylaxis", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "bit my lip and its swollen",
        "swollen lip from a cold sore",
        "lip swollen after lip filler",
        "my lips are dry and cracked",
        "got hit in the mouth and my lip is swollen",
    ],
)
def test_a_lip_swollen_for_a_plain_reason_raises_no_allergy_sign(
    kb: KnowledgeBase, text: str
) -> None:
    raised = warnings_of(kb, text)
    assert "lip-swelling" not in raised and "anaphylaxis" not in raised, raised


def test_the_anaphylaxis_note_says_which_lips_are_an_emergency(kb: KnowledgeBase) -> None:
    note = kb.red_flags["anaphylaxis"].note or ""
    assert "a swollen tongue, lips or throat is read as this sign" not in note
    assert "suddenly become swollen" in note
    assert "nhs-allergies" in kb.red_flags["anaphylaxis"].sources


@pytest.mark.parametrize(
    "text",
    [
        "my face and lips are swelling up",
        "her lips are swelling up fast",
        "my lip suddenly swelled",
        "lips swelling after eating peanuts",
        "got stung by a wasp and my lip is swollen",
        "my mouth is swelling up",
    ],
)
def test_lips_swelling_up_now_suddenly_or_after_a_trigger_are_anaphylaxis(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "anaphylaxis", text


@pytest.mark.parametrize(
    "text",
    [
        "my baby has something stuck in his throat",
        "my 10 month old is coughing on a piece of apple",
        "our baby is choking on a piece of banana",
        "my 8 month old has food stuck in her throat",
        "baby has something lodged in the throat",
        "my baby is coughing and choking on a bit of toast",
    ],
)
def test_something_stuck_in_a_babys_throat_is_the_baby_choking_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "choking-baby", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "my son has something stuck in his throat",
        "my toddler is coughing on a piece of carrot",
        "my daughter is choking on a piece of sausage",
        "my 3 year old has a coin stuck in his throat",
        "the kid swallowed a marble and has something stuck in the throat",
    ],
)
def test_something_stuck_in_a_childs_throat_is_the_choking_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "choking", warnings_of(kb, text)


def test_the_choking_steps_let_a_coughing_baby_or_child_cough(kb: KnowledgeBase) -> None:
    for flag_id in ("choking", "choking-baby"):
        step = kb.red_flags[flag_id].first_step or ""
        assert "cough" in step and "silent" in step, flag_id
        assert step.index("silent") < step.index("back blows"), flag_id
    assert "sja-choking-baby-cough" in kb.red_flags["choking-baby"].sources


@pytest.mark.parametrize(
    "text",
    [
        "my baby has a cough",
        "my son has a sore throat and a cough",
        "my toddler coughs when she eats too fast",
        "i have a lump in my throat when im nervous",
        "my daughter had a piece of apple for lunch",
        "i feel like something is stuck in my throat when i swallow",
    ],
)
def test_ordinary_coughs_and_throats_raise_no_choking(kb: KnowledgeBase, text: str) -> None:
    raised = warnings_of(kb, text)
    assert "choking" not in raised and "choking-baby" not in raised, raised


@pytest.mark.parametrize(
    "text",
    [
        "my lips are blue from the cold swimming",
        "my lips look a bit blue and im cold",
        "my lips went blue after a swim in the sea",
        "lips turning blue because of the cold weather",
        "his lips are blue from the cold water",
        "my lips go blue in the snow",
        "i'm freezing and my lips look blue",
    ],
)
def test_blue_lips_from_the_cold_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert emergencies_raised(kb, text) == [], (text, warnings_of(kb, text))


@pytest.mark.parametrize(
    "text",
    [
        "my lips are blue",
        "his lips have gone blue and he is very unwell",
        "my lips are blue from the cold and i'm struggling to breathe",
        "lips turning blue and short of breath after a swim",
        "she has a fever, is cold and her lips look blue",
    ],
)
def test_blue_lips_without_cold_or_with_breathing_trouble_or_fever_stay_an_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert emergencies_raised(kb, text), (text, warnings_of(kb, text))


@pytest.mark.parametrize(
    "text",
    [
        "sore throat cant swallow saliva drooling",
        "my sore throat is so bad i am drooling",
        "tonsillitis and i can't swallow my own spit",
        "throat is killing me and i cannot swallow anything",
        "my son has a sore throat and he's drooling and struggling to breathe",
        "sore throat and difficulty breathing",
    ],
)
def test_a_sore_throat_with_drooling_or_no_swallowing_is_the_airway_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "throat-swelling-airway", warnings_of(kb, text)
    assert "possible-stroke" not in warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "sore throat and it hurts to swallow",
        "my throat is sore and scratchy",
        "sore throat for three days",
        "my baby is drooling a lot, teething",
        "i drool on my pillow at night",
        "sore throat and a cold",
    ],
)
def test_ordinary_sore_throats_and_drooling_raise_no_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert emergencies_raised(kb, text) == [], (text, warnings_of(kb, text))


def test_a_drooping_face_with_drooling_is_still_the_stroke(kb: KnowledgeBase) -> None:
    text = "his face is drooping on one side and he is drooling"
    assert first_warning(kb, text) == "possible-stroke", warnings_of(kb, text)


def test_the_airway_sign_comes_right_after_choking(kb: KnowledgeBase) -> None:
    order = list(kb.red_flags)
    assert order.index("throat-swelling-airway") == order.index("choking") + 1
    assert order.index("lip-swelling") == order.index("anaphylaxis") + 1
