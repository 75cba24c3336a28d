"""Signs that mean little alone and much together: a warning sign's pattern may ask for any two
of a list (`two_of`), said in different words. The signs of sepsis (NHS sepsis page, UK Sepsis
Trust) are read this way with no known infection; with an infection or a fever, one is enough.
One word read as two concepts ("drowsy": confused and hard to wake) is one sign."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, invoke, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "my dad is confused, breathing really fast and his skin is blotchy",
        "toddler breathing fast grunting and floppy",
        "had a bug for two days, now shivering uncontrollably and my skin looks mottled",
        "aching all over, muscle pain worse than anything, and i feel like i'm going to die",
        "she hasn't had a wee since yesterday and her lips look blue",
        "my mum has a water infection and is really confused",
        "on antibiotics for a chest infection and now breathing very fast",
        "my 3 year old has blue lips",
        "my son is really pale and floppy",
        "my baby is very sleepy and wont feed",
        "stiff neck and headache and light hurts my eyes",
    ],
)
def test_signs_of_sepsis_open_with_the_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-meningitis", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "feeling drowsy after my antihistamine",
        "breathing fast after my run",
        "my skin is blotchy after a hot shower",
        "fever and a few spots on my back",
        "I haven't had a wee since this morning, should I drink more?",
        "my son is drowsy after his hay fever tablet",
        "my baby is very sleepy after her feed",
    ],
)
def test_one_sign_alone_is_no_sepsis(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "headache for 2 weeks and my neck is stiff from the desk",
        "it was 38 degrees outside and I got a tension headache",
        "my 4 month old has a temperature and is feeding and playing fine",
    ],
)
def test_times_weather_and_older_babies_are_no_young_baby_fever(
    kb: KnowledgeBase, text: str
) -> None:
    assert "fever-young-baby" not in warnings_of(kb, text)


def test_one_word_read_as_two_concepts_is_one_sign(kb: KnowledgeBase) -> None:
    # "drowsy" is read as confusion and as hard to wake: one sign, not the two a pair needs.
    understood = understand(kb, "feeling a bit drowsy today")
    assert "possible-meningitis" not in [flag.id for flag, _ in understood.warnings]


@pytest.mark.parametrize(
    "text",
    [
        "woke up and half my face is numb and my hand wont grip properly",
        "one side of my face has gone numb and my arm feels weak",
    ],
)
def test_a_numb_face_with_a_weak_or_numb_arm_is_a_stroke_sign(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-stroke"


def test_validate_refuses_a_pair_of_one(tmp_path: Path) -> None:
    layer = tmp_path / "layer.yaml"
    layer.write_text(
        "red_flags:\n"
        "  - id: lonely-pair\n"
        "    reviewed: 2026-12\n"
        "    title: A sign that can never be read\n"
        "    urgency: urgent\n"
        "    applies_to: Anyone.\n"
        "    signs: [A sign.]\n"
        "    sources: [nhs-sepsis]\n"
        "    pattern:\n"
        "      - two_of: [fever]\n",
        encoding="utf-8",
    )
    outcome = invoke("validate", str(layer))
    assert outcome.exit_code == 1
    assert "can never be read" in outcome.stderr


def test_a_choice_of_readings_shows_the_emergency_signs_of_its_places() -> None:
    # A choice screen opens no page, so it says which emergency signs its places carry
    # (each with its first sign in plain words) before anyone chooses.
    outcome = invoke("ask", "my lower back and my bum ache after gardening")
    assert outcome.exit_code == 0, outcome.stderr
    page = " ".join(outcome.stdout.split())
    assert page.index("Your words name 2 places") < page.index("Emergency signs for these places")
    assert "Possible cauda equina syndrome: New difficulty passing urine" in page
    assert "spasmguide red-flags --region low-back" in page


@pytest.mark.parametrize(
    "text",
    [
        "after my leg was in a cast the pain is severe and my toes are numb",
        "kicked in the shin at football, it keeps getting tighter and the pain is unbearable",
    ],
)
def test_a_leg_after_a_cast_or_a_blow_can_be_compartment_syndrome(
    kb: KnowledgeBase, text: str
) -> None:
    # The NHS page: any muscle, most often the lower leg or forearm, suddenly after an injury
    # or under a cast too tight; the leg and foot pages list the sign too.
    assert first_warning(kb, text) == "compartment-syndrome"
    for region_id in ("calf", "foot", "front-thigh", "hamstring", "forearm-hand"):
        assert "compartment-syndrome" in kb.regions[region_id].red_flags


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("baby 10 weeks old is 38.5 degrees", "fever-young-baby"),
        ("my baby has a temperature of 38 and is 7 weeks", "fever-young-baby"),
        ("infant 2 months fever", "fever-young-baby"),
        ("newborn baby hot and not feeding", "fever-young-baby"),
        ("my baby is 5 weeks old and has a high pitched cry and won't feed", "fever-young-baby"),
        (
            "worst headache of my life, came on suddenly like being hit on the head",
            "headache-emergency",
        ),
        ("my baby (9 weeks) has a fever", "fever-young-baby"),
        ("2mo baby hot and grizzly", "fever-young-baby"),
        ("my son looks mottled and pale", "possible-meningitis"),
        ("my daughter is breathing very fast and looks bluish", "possible-meningitis"),
        (
            "my 3 year old feels abnormally cold to touch and is very lethargic",
            "possible-meningitis",
        ),
        ("toddler not responding like normal and has blotchy skin", "possible-meningitis"),
        ("uni student had flu then rash, cant touch chin to chest", "possible-meningitis"),
        ("spots that dont disappear when pressed and a high temp", "possible-meningitis"),
        ("sudden severe pain in my neck after chiropractor, feel dizzy", "neck-emergency"),
        ("had my neck adjusted yesterday and now a really bad headache", "neck-emergency"),
        ("dad lost the sight in one eye all of a sudden and his arm went numb", "possible-stroke"),
        ("sudden loss of vision in one eye", "possible-stroke"),
        ("pain between my shoulder blades with sweating and feeling sick", "chest-pain"),
        ("low back pain and I can't feel my bottom when I wipe", "cauda-equina"),
        ("my leg in a cast hurts more and more and feels tight", "compartment-syndrome"),
        ("dad suddenly weak down his right side", "possible-stroke"),
        ("sudden numbness down one side of my body", "possible-stroke"),
        ("my speech is slurred", "possible-stroke"),
        ("husband is suddenly confused and not making sense", "sudden-confusion"),
        ("husband collapsed with a sudden headache", "headache-emergency"),
        ("headache and passed out", "headache-emergency"),
        ("i think my son has meningitis", "possible-meningitis"),
        ("could this be sepsis, i feel awful and have a fever", "possible-meningitis"),
        ("my 2mo is burning up", "fever-young-baby"),
        ("neck pain after acupuncture, sudden breathlessness", "chest-pain"),
        ("upper back pain, clammy and nauseous", "chest-pain"),
        ("I can't breathe and my chest hurts", "chest-pain"),
        ("1 yr old fever and fitting", "possible-meningitis"),
        ("mum is slurring her words", "possible-stroke"),
        ("I think my dad has sepsis", "possible-meningitis"),
        ("my 5mo has a fever of 102F", "fever-baby-3-to-6-months"),
        ("sudden severe pain in my tummy and lower back", "aaa-rupture"),
        ("I have an aortic aneurysm and sudden severe back pain", "aaa-rupture"),
        ("shin tight and painful in my plaster cast", "compartment-syndrome"),
        ("both legs went weak over two days and my hands tingle", "legs-weakening-fast"),
        ("cramp in my calf for 20 minutes won't go", "cramp-urgent"),
        ("my 3 week old is 38.5", "fever-young-baby"),
        ("1 month old 100.4", "fever-young-baby"),
        ("my 4 month old is 39.2", "fever-baby-3-to-6-months"),
        ("my baby is very sleepy and hot", "possible-meningitis"),
        (
            "neck ache and I cant do up buttons anymore, my walking is unsteady",
            "neck-cord-compression",
        ),
        (
            "my neck hurts and im wobbly on my feet and keep dropping things",
            "neck-cord-compression",
        ),
        (
            "legs getting weaker over 2 days, tingling feet, now struggling with stairs",
            "legs-weakening-fast",
        ),
        ("weakness in both legs spreading up quickly", "legs-weakening-fast"),
        (
            "kicked in football, calf really tight, pain way worse than it should be",
            "compartment-syndrome",
        ),
        ("pulsing feeling in my belly and bad pain in my back, sweaty", "aaa-rupture"),
        ("aching shoulders and hips in the morning and my vision went blurry", "gca-vision"),
        ("polymyalgia, stiff shoulders and now blurred vision", "gca-vision"),
        ("kicked in the shin, severe pain, its tight and numb", "compartment-syndrome"),
        ("chest tight and pain going down my left arm", "chest-pain"),
        ("I think I'm having a heart attack", "chest-pain"),
    ],
)
def test_everyday_words_for_these_signs_are_read(
    kb: KnowledgeBase, text: str, flag_id: str
) -> None:
    assert first_warning(kb, text) == flag_id, warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "my 6 week old's temp is 37.1 and she is feeding well",
        "my boss is a real pain in the neck and my shoulders are tight",
        "I'm 12 and my neck hurts from gaming",
        "pulled my hamstring and it feels tight",
        "my bum goes numb when I sit on the train for hours",
        "my boss is a total pain in the neck, any massage for stress?",
        "my speech was slurred after 8 pints",
        "nearly had a heart attack at the bill, now my neck is tense",
        "headache and a bit dizzy",
        "what are the signs of meningitis",
        "my 2 week holiday gave me a stiff neck",
        "my back hurts on one side when I bend",
        "breathless after running",
        "i get breathless climbing the stairs",
        "my son had the meningitis vaccine and his arm aches",
        "my 20 week old has a temperature and is feeding well",
        "sudden severe lower back pain when I lifted the box",
        "I've been fitting kitchens all week and have a headache",
        "I ran 38.5 km this week and my calves are tight",
        "my legs feel weak after the gym",
    ],
)
def test_these_are_no_emergencies(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text)


def test_new_words_do_not_change_how_a_misspelt_blow_is_read(kb: KnowledgeBase) -> None:
    # "clocked" is read as "clonked" (a blow); a vocabulary word closer to it ("clicked") once
    # turned the blow into a repetitive movement.
    text = "got clocked on the head by a beam and now he is not responding"
    assert first_warning(kb, text) == "after-head-injury"


def test_a_baby_of_3_to_6_months_at_39_degrees_needs_a_gp_urgently(kb: KnowledgeBase) -> None:
    # NHS fever in children: 3 to 6 months at 39 °C or more, contact the GP urgently.
    assert first_warning(kb, "my 5 month old has a temp of 39") == "fever-baby-3-to-6-months"
    assert kb.red_flags["fever-baby-3-to-6-months"].urgency == "urgent"
    assert first_warning(kb, "my 4 month old has a temperature of 38 and is playing") is None


def test_a_sign_shown_in_full_above_is_named_once_on_the_page_below() -> None:
    # The check opens the answer with the neck injury's signs in full; the neck page that
    # follows names it with a pointer instead of printing the same signs again.
    outcome = invoke("ask", "stiff neck after a fall")
    assert outcome.exit_code == 0, outcome.stderr
    page = " ".join(outcome.stdout.split())
    assert page.count("A neck hurt in an accident with a lot of force") == 1
    assert "Its signs and what to do are shown in full above." in page


def test_cramps_in_pregnancy_are_no_warning_sign(kb: KnowledgeBase) -> None:
    # The NHS leg cramps page names pregnancy as a cause of cramps, not a reason to see a GP.
    assert first_warning(kb, "leg cramps when I'm pregnant") is None


@pytest.mark.parametrize(
    "text",
    ["my daughter has a fever and spots all over", "my son has a high temperature and a rash"],
)
def test_a_fever_with_a_rash_opens_with_the_meningitis_check(kb: KnowledgeBase, text: str) -> None:
    # Any rash with a fever should be checked with a glass (NHS meningitis): with none of the
    # meningitis signs read, the answer opens with them as a check to make now.
    understood = understand(kb, text)
    assert [flag.id for flag, _ in understood.checks][:1] == ["possible-meningitis"], text
