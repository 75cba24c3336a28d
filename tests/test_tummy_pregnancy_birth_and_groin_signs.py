"""Warning signs of the tummy, pregnancy, the weeks after the birth and the groin, read from
everyday words: severe tummy pain said plainly; appendicitis named with pain that spreads or a
rigid tummy; severe or bad pain with bleeding, or sharp pain on one side with dizziness, in
pregnancy; cramps on one side in early pregnancy; groin pain with a testicle, and a young
person's groin pain; large clots or heavier bleeding after the birth. Ordinary words around the
same subjects raise no emergency."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import checks_of, emergencies_raised, first_warning


@pytest.mark.parametrize(
    "text",
    [
        "severe stomach pain",
        "really bad tummy pain",
        "agony in my stomach",
        "worst stomach pain of my life, cant move",
        "my belly hurts so much, it's excruciating",
        "terrible pain in my abdomen since this morning",
        "unbearable pain in my tummy",
    ],
)
def test_severe_tummy_pain_said_plainly_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "severe-tummy-pain", text


@pytest.mark.parametrize(
    "text",
    [
        "appendix pain suddenly spread all over my tummy and its hard",
        "appendix pain spread all over tummy",
        "pain in my appendix has spread across my whole stomach",
        "i think it's appendicitis and now my tummy is rigid",
    ],
)
def test_appendicitis_named_with_spreading_or_a_rigid_tummy_is_a_burst_appendix(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "possible-burst-appendix", text


@pytest.mark.parametrize(
    "text",
    [
        "i'm pregnant and bleeding with bad tummy pain",
        "pregnant bleeding severe tummy pain",
        "pregnant and terrible tummy pain",
        "i might be pregnant, sharp pain on one side and feel really dizzy",
        "think i'm pregnant, stabbing pain on my left side and i nearly passed out",
        "pregnant and sudden severe pain on my right side",
    ],
)
def test_severe_pain_or_one_sided_pain_with_dizziness_in_pregnancy_is_the_ectopic_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "pregnancy-internal-bleeding", text


def test_severe_tummy_pain_late_in_pregnancy_opens_the_late_pregnancy_emergency(
    kb: KnowledgeBase,
) -> None:
    text = "34 weeks pregnant and severe tummy pain"
    assert first_warning(kb, text) == "late-pregnancy-emergency"


@pytest.mark.parametrize(
    "text",
    [
        "8 weeks pregnant with cramps on one side",
        "think im pregnant, cramping on my left side",
        "6 weeks pregnant pain low down on one side of my tummy",
    ],
)
def test_one_sided_pain_or_cramps_in_early_pregnancy_is_urgent(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "pregnancy-tummy-pain", text
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "pain in my groin and my testicle after football",
        "my groin hurts and so does my left ball",
        "aching testicle and pain in the groin",
    ],
)
def test_groin_pain_with_a_testicle_is_the_torsion_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "testicular-torsion", text


@pytest.mark.parametrize(
    "text",
    [
        "my 13 year old has groin pain after football",
        "my teenage son says his groin aches",
        "my boy has a sore groin",
    ],
)
def test_a_young_persons_groin_pain_opens_the_torsion_check(kb: KnowledgeBase, text: str) -> None:
    assert "testicular-torsion" in checks_of(kb, text), text
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "passing large clots 2 weeks after giving birth",
        "bleeding a bit more than before after having my baby",
        "had my baby last week and the bleeding is heavier than it was",
        "since the birth i've been passing big clots",
        "just had my baby and passing large clots",
    ],
)
def test_clots_or_heavier_bleeding_after_the_birth_is_urgent(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "after-birth-bleeding-more", text
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "gave birth last week and soaking a pad every hour",
        "gave birth 3 days ago heavy bleeding and feel dizzy",
        "gave birth a week ago and passing big clots and feel faint",
    ],
)
def test_heavy_bleeding_or_faintness_after_the_birth_stays_the_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "after-birth-heavy-bleeding", text


@pytest.mark.parametrize(
    "text",
    [
        "gave birth 5 days ago now short of breath",
        "gave birth 5 days ago and now short of breath and chest pain",
        "had my baby last week and i'm struggling to breathe",
        "since my c-section i get breathless and my chest hurts",
    ],
)
def test_breathlessness_or_chest_pain_after_the_birth_is_a_possible_clot_in_the_lung(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "possible-pe", text


@pytest.mark.parametrize(
    "text",
    [
        "after giving birth fever and smelly discharge and tummy pain",
        "had my baby 10 days ago and have a temperature",
        "since my c-section the wound smells bad",
        "gave birth last week and shivery with a fever",
    ],
)
def test_fever_or_a_smell_after_the_birth_is_a_possible_infection(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "after-birth-infection", text
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "pregnant and get leg cramps at night",
        "pregnant with back ache",
        "pregnant and sciatica",
        "swollen ankles pregnant",
        "i'm pregnant, is it safe to have acupuncture for my neck",
    ],
)
def test_ordinary_pregnancy_complaints_open_no_ectopic_check(kb: KnowledgeBase, text: str) -> None:
    assert "pregnancy-tummy-pain" not in checks_of(kb, text), text
    assert first_warning(kb, text) is None, text


@pytest.mark.parametrize(
    "text",
    ["pregnant and my tummy feels funny", "pregnant and pelvic pain when walking"],
)
def test_pregnancy_with_a_tummy_or_pelvis_word_opens_the_ectopic_check(
    kb: KnowledgeBase, text: str
) -> None:
    assert "pregnancy-tummy-pain" in checks_of(kb, text), text


@pytest.mark.parametrize("text", ["swollen ankles pregnant", "pregnant and my feet are swollen"])
def test_swelling_in_pregnancy_opens_the_pre_eclampsia_check(kb: KnowledgeBase, text: str) -> None:
    assert "possible-pre-eclampsia" in checks_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "lower back pain and blood in wee and fever",
        "severe back pain comes in waves, blood in pee",
        "pain in my side and blood in my urine",
        "peeing blood and a temperature",
        "back pain and fever and it burns when i pee",
    ],
)
def test_back_or_side_pain_with_fever_or_blood_in_the_urine_is_a_kidney_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "kidney-pain-with-fever-or-blood", text
    assert "rhabdomyolysis" not in emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "dark pee after marathon",
        "after a massive gym session my muscles hurt loads and my pee is dark brown like cola",
    ],
)
def test_dark_urine_after_exertion_stays_muscle_breakdown(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "rhabdomyolysis", text


@pytest.mark.parametrize(
    "text",
    [
        "tummy ache after eating too much",
        "bad stomach ache after a curry",
        "stomach ache",
        "period cramps",
        "stitch in my side when jogging",
        "sharp pain in my stomach when i cough",
        "no severe tummy pain, just a bit bloated",
        "pregnant with a bad back",
        "pregnant and leg cramps at night",
        "sore groin after kicking a ball at football",
        "my groin is sore from the gym",
        "my 45 year old husband has groin pain",
        "had a baby 2 weeks ago, some bleeding still, getting lighter",
        "had a baby last month, my back aches more than before",
        "my sister had a baby last year and i have a fever",
        "had my baby 3 years ago and now short of breath",
        "my newborn is breathless",
        "i had a blood test for my back pain",
        "lying on my side hurts my hip",
    ],
)
def test_ordinary_words_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
