"""Warning signs read from everyday words: blood or fainting in pregnancy; pain, a hard bump,
bleeding, fewer movements and fits in later pregnancy, with the weeks said as a number; a
burst appendix; not feeling urine pass; a blow to the testicles and a teenager's sudden groin
pain; a known aneurysm with sudden pain; a broken or dislocated jaw; heat exhaustion; weakness
with trouble breathing; pain on walking that goes with rest; and tummy pain after a serious
accident. Ordinary words around the same subjects raise no emergency."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages.builders import ask_page
from spasmguide.pages.document import Paragraph
from tests.conftest import checks_of, emergencies_raised, first_warning, warnings_of

BURST_ECTOPIC = "pregnancy-internal-bleeding"
LATE_EMERGENCY = "late-pregnancy-emergency"
LATE = "late-pregnancy-pain-or-bleeding"


def _section_text(kb: KnowledgeBase, text: str, heading: str) -> str:
    section = next(s for s in ask_page(kb, understand(kb, text)).sections if s.heading == heading)
    return " ".join(block.text for block in section.blocks if isinstance(block, Paragraph))


def _opening(kb: KnowledgeBase, text: str) -> str:
    return ask_page(kb, understand(kb, text)).sections[0].heading


@pytest.mark.parametrize(
    "text",
    [
        "pregnant, I fainted and there is blood",
        "pregnant and i fainted, there's blood",
        "im pregnant and passed out and theres some blood on the pad",
        "I'm pregnant, feel really dizzy and there is blood in my pants",
        "expecting a baby and I collapsed, lost blood",
    ],
)
def test_blood_with_fainting_in_pregnancy_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == BURST_ECTOPIC, text


@pytest.mark.parametrize(
    "text",
    [
        "pregnant and bleeding",
        "pregnant and there is some blood when i wipe",
        "pregnant, blood on my knickers",
    ],
)
def test_blood_said_in_pregnancy_is_the_bleeding_sign_not_a_check(
    kb: KnowledgeBase, text: str
) -> None:
    assert "pregnancy-tummy-pain" in warnings_of(kb, text), text
    assert "pregnancy-tummy-pain" not in checks_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "pregnant and had a blood test today, my back aches",
        "pregnant and my blood pressure is a bit high, calf cramps at night",
        "i got a nosebleed and there was blood on my shirt",
    ],
)
def test_everyday_blood_words_are_not_bleeding(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
    assert "pregnancy-tummy-pain" not in warnings_of(kb, text), text


def test_a_check_never_says_no_sign_was_read(kb: KnowledgeBase) -> None:
    # A check is shown when no whole sign was read; a part of one may have been.
    text = "pregnant and feeling dizzy"
    flag = kb.red_flags["pregnancy-tummy-pain"]
    assert checks_of(kb, text) == [flag.id]
    said = _section_text(kb, text, f"Check now: {flag.title}")
    assert "read none" not in said
    assert "did not find the whole of any of this warning's signs" in said


@pytest.mark.parametrize(
    "text",
    [
        "36 weeks pregnant with really bad constant tummy pain and bleeding",
        "36 weeks pregnant, severe tummy pain and bleeding",
        "28 weeks pregnant severe constant pain in bump and some bleeding",
        "34 weeks pregnant, my bump is rock hard and really painful and im bleeding",
        "im 32 weeks, bleeding heavily",
        "30 weeks along and I fainted, there is blood",
    ],
)
def test_late_pregnancy_emergencies(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == LATE_EMERGENCY, text
    assert "compartment-syndrome" not in warnings_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "im 34 weeks and there is a bit of blood when i wipe",
        "my waters broke at 32 weeks",
        "im 33 weeks and having regular contractions",
    ],
)
def test_late_pregnancy_opens_with_the_maternity_unit(kb: KnowledgeBase, text: str) -> None:
    warnings = warnings_of(kb, text)
    assert LATE in warnings, text
    assert not emergencies_raised(kb, text), text
    opening = _opening(kb, text)
    assert "maternity unit" in opening and "labour ward" in opening, opening
    assert opening.index("maternity unit") < opening.find("NHS 111") or "NHS 111" not in opening


def test_the_pregnancy_pain_opening_names_the_maternity_unit_first(kb: KnowledgeBase) -> None:
    opening = _opening(kb, "pregnant with tummy cramps")
    assert "maternity unit" in opening
    assert opening.index("maternity unit") < opening.index("NHS 111")


@pytest.mark.parametrize(
    "text",
    [
        "im 30 weeks pregnant and the baby has stopped moving",
        "pregnant and the baby is moving less than usual",
        "34 weeks and I haven't felt the baby move today",
        "baby hasn't kicked since this morning, im 36 weeks",
        "fewer kicks than normal today",
    ],
)
def test_reduced_fetal_movements(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "reduced-fetal-movements", text
    assert "maternity unit" in _opening(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "pregnant and had a seizure",
        "pregnant and having a fit",
        "my wife is 35 weeks and just had a seizure",
        "gave birth two days ago and had a fit",
    ],
)
def test_a_fit_in_pregnancy_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "pregnancy-seizure", text


@pytest.mark.parametrize(
    "text",
    [
        "my waters broke at 32 weeks",
        "im 12 weeks and have cramping in my tummy",
        "i am 20 weeks and my back aches",
        "25 weeks along with calf cramps at night",
        "7 months pregnant and my calf cramps",
    ],
)
def test_weeks_and_months_said_as_numbers_are_a_pregnancy(kb: KnowledgeBase, text: str) -> None:
    said = {flag.id for flag, _ in (*understand(kb, text).warnings, *understand(kb, text).checks)}
    assert said & {"pregnancy-tummy-pain", LATE, "possible-pre-eclampsia"}, text


@pytest.mark.parametrize(
    "text",
    [
        "my 6 week old baby has a cough",
        "my back has hurt for 2 weeks",
        "my calf cramps started 3 weeks ago",
        "a 4 month old with a cough",
        "at 6 weeks old she had a cold",
        "im 6 weeks post op and my knee is sore",
        "i ran for 20 weeks straight and my calf is tight",
        "my back has hurt for 4 months",
        "im 8 weeks into rehab after a hamstring strain",
    ],
)
def test_other_weeks_and_months_are_no_pregnancy(kb: KnowledgeBase, text: str) -> None:
    understood = understand(kb, text)
    said = {flag.id for flag, _ in (*understood.warnings, *understood.checks)}
    assert not said & {"pregnancy-tummy-pain", LATE, LATE_EMERGENCY, BURST_ECTOPIC}, text


@pytest.mark.parametrize(
    "text",
    [
        "bad pain in the right lower tummy for a day, now it's spread all over and hard",
        "tummy pain spreading all over and getting worse fast",
        "stomach is hard as a board and hurts so much",
        "my stomach pain suddenly got much worse",
        "belly ache that has now spread across my whole tummy",
    ],
)
def test_a_burst_appendix_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-burst-appendix", text


@pytest.mark.parametrize(
    "text",
    [
        "pain started around my belly button and moved to the lower right",
        "tummy ache after eating too much, spread all over my back",
        "my stomach muscles are sore from doing crunches",
    ],
)
def test_tummy_pain_that_has_not_spread_is_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert "possible-burst-appendix" not in warnings_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "back pain and it feels numb when i pee",
        "sciatica, can't feel when i pee",
        "lower back pain and I can't feel myself peeing",
        "bad back and i cant feel the wee coming out",
    ],
)
def test_not_feeling_urine_pass_is_cauda_equina(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "cauda-equina", text


@pytest.mark.parametrize(
    "text",
    [
        "kicked in the balls an hour ago and it still really hurts and is swelling",
        "got kicked in the nuts, its really swollen and purple",
        "got hit in the nuts playing football, swollen",
        "kneed in the balls yesterday and it still hurts",
    ],
)
def test_a_blow_to_the_testicles_with_swelling_or_lasting_pain(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "testicle-injury", text


def test_a_blow_to_the_testicles_alone_opens_its_check(kb: KnowledgeBase) -> None:
    assert checks_of(kb, "kicked in the balls") == ["testicle-injury"]


@pytest.mark.parametrize(
    "text",
    [
        "sudden pain in my groin, im 14, feel sick",
        "teenage boy groin pain came on suddenly at night",
        "my son has sudden groin pain and threw up",
    ],
)
def test_a_teenagers_sudden_groin_pain_is_a_possible_twist(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "testicular-torsion", text


@pytest.mark.parametrize(
    "text",
    [
        "kicked the ball hard and my groin hurts",
        "sudden groin pain playing football, im 25",
        "pulled my groin suddenly at football",
        "bollocks, my back hurts",
        "nuts and seeds gave me a tummy ache",
    ],
)
def test_ordinary_groin_words_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "known aneurysm in my belly, now sudden back pain",
        "old guy, pulsating lump in belly and sudden back pain",
        "i have a triple a and my tummy suddenly started hurting",
    ],
)
def test_sudden_pain_with_an_aneurysm_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "aaa-rupture", text


@pytest.mark.parametrize(
    "text",
    [
        "hit my jaw and now my teeth dont meet and i cant close my mouth",
        "broke my jaw",
        "took an elbow to the jaw playing rugby and my bite is off",
        "fell off my bike onto my chin and my bite feels wrong",
    ],
)
def test_a_broken_or_dislocated_jaw(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "jaw-injury", text


@pytest.mark.parametrize(
    "text",
    [
        "my bite feels off after a filling and my jaw aches",
        "after my new crown my teeth dont meet",
        "my jaw clicks when i eat",
    ],
)
def test_a_bite_changed_by_dental_work_is_no_jaw_injury(kb: KnowledgeBase, text: str) -> None:
    assert "jaw-injury" not in warnings_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "working in the sun all day, now i have a splitting headache, feel sick and dizzy, cramps",
        "roofing in a heatwave and now dizzy with cramps",
        "out in the heat all afternoon. Feel sick and exhausted.",
    ],
)
def test_heat_exhaustion_opens_the_heatstroke_check(kb: KnowledgeBase, text: str) -> None:
    understood = understand(kb, text)
    said = [flag.id for flag, _ in (*understood.warnings, *understood.checks)]
    assert "heatstroke" in said, text
    # The answer gives the cooling first aid for heat exhaustion.
    assert "cool" in _section_text(kb, text, "Check now: " + kb.red_flags["heatstroke"].title)


@pytest.mark.parametrize(
    "text",
    [
        "in the sun all day gardening and my back aches",
        "hot day at the beach and my calf cramped",
    ],
)
def test_heat_with_ordinary_aches_raises_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "weak legs, can't walk, tingling, getting hard to breathe",
        "guillain barre and now i am struggling to swallow",
        "my legs are getting weaker every day and now it is hard to breathe",
    ],
)
def test_spreading_weakness_with_trouble_breathing(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "weakness-breathing", text


@pytest.mark.parametrize(
    "text",
    [
        "my legs feel weak and i am out of breath after running",
        "stiff neck and i feel weak",
    ],
)
def test_tired_legs_after_exercise_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "calf pain when i walk that goes when i rest",
        "my calf aches when walking and goes away when i stop",
    ],
)
def test_pain_on_walking_that_goes_with_rest(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "claudication", text


@pytest.mark.parametrize(
    "text",
    [
        "car crash at high speed, now my belly hurts and i feel faint",
        "fell off a roof, my stomach really hurts",
        "motorbike crash and my tummy hurts",
    ],
)
def test_tummy_pain_after_a_serious_accident(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "belly-after-major-trauma", text


def test_knocked_out_after_an_accident_is_still_the_head_injury(kb: KnowledgeBase) -> None:
    text = "was unconscious for a minute after the crash"
    assert first_warning(kb, text) == "after-head-injury"


@pytest.mark.parametrize("region", ["calf", "foot", "upper-back-shoulders", "hamstring"])
def test_a_top_on_borrowed_or_low_certainty_evidence_is_not_the_strongest(
    kb: KnowledgeBase, region: str
) -> None:
    from spasmguide.study.cards import cards_of

    card = next(c for c in cards_of(kb) if c.card == f"region-evidence:{region}")
    assert "strongest evidence" not in card.prompt
    assert "ranks first" in card.prompt and "the guide's rule" in card.prompt


def test_a_top_with_a_rival_as_certain_asks_what_ranks_first(kb: KnowledgeBase) -> None:
    # On the neck, needling's evidence is as certain as exercise's; the rule's risk step
    # puts it lower, so the card asks what ranks first by the rule, not what is strongest.
    from spasmguide.study.cards import cards_of

    card = next(c for c in cards_of(kb) if c.card == "region-evidence:neck")
    assert "strongest evidence" not in card.prompt
    assert "ranks first" in card.prompt and "the guide's rule" in card.prompt
    assert "evidence as certain rank lower" in card.explanation


def test_no_lesser_sign_of_a_region_shares_at_rest_with_its_emergency_signs(
    kb: KnowledgeBase,
) -> None:
    # Pain at rest is an emergency circulation sign; a quiz must not offer "at rest" as a
    # lesser sign beside it.
    for region in kb.regions.values():
        flags = [kb.red_flags[flag_id] for flag_id in region.red_flags]
        if not any(
            "at rest" in sign
            for flag in flags
            if flag.urgency == "emergency"
            for sign in flag.signs
        ):
            continue
        lesser = [
            sign
            for flag in flags
            if flag.urgency != "emergency"
            for sign in flag.signs
            if "at rest" in sign
        ]
        assert not lesser, (region.id, lesser)


def test_the_json_action_is_the_first_step_the_text_opens_with(kb: KnowledgeBase) -> None:
    from spasmguide.render.json import render_json

    text = "im 34 weeks and there is a bit of blood when i wipe"
    page = ask_page(kb, understand(kb, text))
    assert "maternity unit" in page.sections[0].heading
    assert '"action": "' + page.sections[0].heading in render_json(page)
