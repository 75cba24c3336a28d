"""Warning signs read from everyday words: a pregnancy said only as a number of weeks beside a
sign of it; a baby in the womb moving or kicking less; "back in" only as a whole idiom; a
blow to the tummy; heatstroke named or described by its 999 signs; a burst appendix; a
testicle sitting higher than the other; fainting with pain in pregnancy; heavy bleeding
after the birth; and the pre-eclampsia and Guillain-Barré signs no pattern read before.
Ordinary words around the same subjects raise no emergency."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import checks_of, emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "34 weeks and baby hasn't moved much today",
        "babys movements have slowed down 30 weeks",
        "the baby is quieter than usual, 38 weeks",
        "twins, 30 weeks, baby hasn't moved all day",
        "baby moving less",
        "baby not moving as much",
        "cant feel the baby kicking",
        "i'm not feeling the baby kick like before",
    ],
)
def test_fewer_movements_are_read_without_the_word_pregnant(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "reduced-fetal-movements", text


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("she's 34 weeks and bleeding a lot", "late-pregnancy-emergency"),
        ("she is 36 weeks and losing a lot of blood", "late-pregnancy-emergency"),
        ("38 weeks, passed out and bleeding", "late-pregnancy-emergency"),
        ("36 weeks, bump rock hard and constant pain", "late-pregnancy-emergency"),
        ("at 29 weeks, constant pain in my womb", "late-pregnancy-emergency"),
        ("33 weeks pregnant with a sharp pain in my tummy that won't ease", None),
    ],
)
def test_late_pregnancy_said_as_weeks_alone_reaches_the_emergency(
    kb: KnowledgeBase, text: str, flag_id: str | None
) -> None:
    emergencies = emergencies_raised(kb, text)
    assert emergencies, text
    if flag_id is not None:
        assert emergencies[0] == flag_id, text


@pytest.mark.parametrize(
    "text",
    [
        "30 weeks and bleeding",
        "she's 28 weeks and there is blood on her pad",
        "12 weeks and bleeding",
    ],
)
def test_weeks_beside_bleeding_are_a_pregnancy(kb: KnowledgeBase, text: str) -> None:
    warnings = warnings_of(kb, text)
    assert {"pregnancy-tummy-pain", "late-pregnancy-pain-or-bleeding"} & set(warnings), text


@pytest.mark.parametrize(
    "text",
    [
        "my 6 week old has a cold",
        "calf pain for 2 weeks",
        "3 weeks ago i hurt my calf and it is still bleeding a bit",
        "back pain for 34 weeks",
        "bleeding gums for 3 weeks",
        "kicked a ball for 3 weeks and my calf hurts",
        "my baby is 8 weeks old and kicking his legs a lot",
        "cut my hand 2 weeks ago and there was some blood",
    ],
)
def test_a_number_of_weeks_alone_says_no_pregnancy(kb: KnowledgeBase, text: str) -> None:
    pregnancy_signs = {
        "pregnancy-tummy-pain",
        "late-pregnancy-pain-or-bleeding",
        "late-pregnancy-emergency",
        "pregnancy-internal-bleeding",
        "reduced-fetal-movements",
    }
    assert not pregnancy_signs & set(warnings_of(kb, text)), text
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "hurt my back in a car accident",
        "hurt my back in a fall from a ladder",
        "pain in my back in a car crash",
        "my back in a car accident got hurt and my legs are numb",
        "hurt my back in a car accident, can't move legs",
    ],
)
def test_back_in_an_accident_is_the_back(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "back-major-trauma", text


@pytest.mark.parametrize(
    "text",
    [
        "back in the day I hurt my knee",
        "back in time when I was a runner my calves were fine",
        "I'm back in work and my calf cramps at night",
        "sat in the back of the car and my neck is a bit stiff",
        "hurt my back in the garden",
    ],
)
def test_back_in_idioms_read_nothing_urgent(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "hit in the stomach with a bat and now dizzy",
        "punched in the stomach, now feeling faint",
        "fell off my bike onto the handlebars, tummy pain",
        "hit in the stomach, dizzy and pain getting worse",
        "kicked in the belly and the pain is getting worse",
    ],
)
def test_a_blow_to_the_tummy_with_faintness_or_worsening_pain(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "belly-after-major-trauma", text


def test_a_blow_to_the_tummy_alone_calls_for_the_check(kb: KnowledgeBase) -> None:
    assert "belly-after-major-trauma" in checks_of(kb, "kicked by a horse in the belly")


@pytest.mark.parametrize(
    "text",
    [
        "working in the sun all day, now really high temperature and breathing fast",
        "been in the heat all day and my heart is racing and i'm panting",
        "hot day at the match, rested in the shade for an hour and still not better",
        "gone really hot and stopped sweating, feel faint",
        "in the heat all day and now short of breath",
    ],
)
def test_the_999_signs_of_heatstroke_are_read(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "heatstroke", text


@pytest.mark.parametrize("text", ["heat stroke", "i think he has heat stroke", "sunstroke?"])
def test_heatstroke_named_calls_for_its_check(kb: KnowledgeBase, text: str) -> None:
    assert "heatstroke" in checks_of(kb, text), text


def test_heatstroke_lists_the_signs_its_sources_send_to_999(kb: KnowledgeBase) -> None:
    flag = kb.red_flags["heatstroke"]
    text = " ".join(flag.signs) + " " + (flag.action or "")
    for words in ("very high temperature", "racing heart", "breathing very fast"):
        assert words in text, words


@pytest.mark.parametrize(
    "text",
    [
        "my appendix has burst",
        "i think my appendix has burst",
        "burst appendix",
        "ruptured appendix",
    ],
)
def test_a_burst_appendix_named_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-burst-appendix", text


def test_appendicitis_named_calls_for_its_check(kb: KnowledgeBase) -> None:
    assert "possible-appendicitis" in checks_of(kb, "i think i have appendicitis")


def test_a_burst_appendix_long_ago_is_history(kb: KnowledgeBase) -> None:
    assert not emergencies_raised(kb, "my appendix burst when i was a kid, now my calf cramps")


@pytest.mark.parametrize(
    "text",
    [
        "my balls hurt and one is higher than the other",
        "one ball is higher than the other and it hurts",
        "one testicle is higher than the other",
    ],
)
def test_a_testicle_sitting_higher_is_torsion(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "testicular-torsion", text


def test_testicle_pain_alone_calls_for_the_torsion_check(kb: KnowledgeBase) -> None:
    assert "testicular-torsion" in checks_of(kb, "my balls hurt")


@pytest.mark.parametrize(
    "text",
    [
        "6 weeks pregnant, pain on one side, feel faint",
        "pregnant with pain and I keep nearly passing out",
    ],
)
def test_pain_with_fainting_in_pregnancy_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "pregnancy-internal-bleeding", text


def test_pain_on_one_side_in_pregnancy_is_checked_today(kb: KnowledgeBase) -> None:
    assert "pregnancy-tummy-pain" in warnings_of(kb, "8 weeks pregnant and pain on one side")


@pytest.mark.parametrize(
    "text",
    [
        "gave birth last week and now bleeding heavily with clots",
        "had my baby 3 days ago, soaking a pad every hour",
    ],
)
def test_heavy_bleeding_after_the_birth_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "after-birth-heavy-bleeding", text


@pytest.mark.parametrize(
    "text",
    [
        "my pee is dark yellow after the gym, sore legs",
        "dark yellow pee after the gym",
        "pregnant and my calves cramp at night",
        "back in the day I hurt my knee",
        "bump on my knee after football",
        "my baby kicks his legs when he cries",
        "gave birth last year and my back aches",
    ],
)
def test_ordinary_words_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


def test_dark_urine_is_still_muscle_breakdown(kb: KnowledgeBase) -> None:
    assert first_warning(kb, "peeing brown after crossfit") == "rhabdomyolysis"


@pytest.mark.parametrize(
    "text",
    [
        "35 weeks pregnant, pain under my ribs",
        "30 weeks pregnant and keep throwing up",
    ],
)
def test_the_other_pre_eclampsia_signs_are_read(kb: KnowledgeBase, text: str) -> None:
    assert "possible-pre-eclampsia" in warnings_of(kb, text), text


def test_trouble_speaking_with_spreading_weakness_is_an_emergency(kb: KnowledgeBase) -> None:
    text = "legs weak and tingling and now my speech is slurred"
    assert "weakness-breathing" in emergencies_raised(kb, text)


def test_strongest_evidence_cards_offer_no_wrong_answer_with_evidence_as_certain(
    kb: KnowledgeBase,
) -> None:
    from spasmguide.kb.queries import rank_techniques
    from spasmguide.study.cards import _region_strongest_evidence

    for card in _region_strongest_evidence(kb):
        if not card.prompt.startswith("Which of these has the strongest evidence"):
            continue
        region = kb.regions[card.card.split(":", 1)[1]]
        ranked = rank_techniques(kb, [region])
        level = {item.technique.name: item.basis.certainty.level for item in ranked}
        for wrong in card.pool:
            assert level[wrong] < level[card.answer], (card.card, wrong)


@pytest.mark.parametrize(
    "text", ["38 weeks pregnant and i fainted", "32 weeks pregnant and my calves cramp at night"]
)
def test_later_pregnancy_opens_the_later_pregnancy_checks(kb: KnowledgeBase, text: str) -> None:
    checks = checks_of(kb, text)
    assert {"reduced-fetal-movements", "possible-pre-eclampsia"} <= set(checks), text
    assert not emergencies_raised(kb, "32 weeks pregnant and my calves cramp at night")


def test_early_pregnancy_opens_only_the_early_check(kb: KnowledgeBase) -> None:
    checks = checks_of(kb, "is cupping on my tummy safe in pregnancy")
    assert "pregnancy-tummy-pain" in checks
    assert "reduced-fetal-movements" not in checks


def test_a_fit_in_pregnancy_rests_on_checked_sources(kb: KnowledgeBase) -> None:
    assert "unchecked-clinical-teaching" not in kb.red_flags["pregnancy-seizure"].sources
    assert "unchecked-clinical-teaching" not in kb.red_flags["belly-after-major-trauma"].sources


@pytest.mark.parametrize(
    "text",
    ["my leg was trapped under a car for hours", "crushed under a fallen wall for 3 hours"],
)
def test_a_long_crush_names_muscle_breakdown_as_well(kb: KnowledgeBase, text: str) -> None:
    assert "rhabdomyolysis" in emergencies_raised(kb, text), text


def test_a_night_lying_on_an_arm_is_no_crush(kb: KnowledgeBase) -> None:
    text = "trapped my arm under my head all night, pins and needles"
    assert not emergencies_raised(kb, text)
