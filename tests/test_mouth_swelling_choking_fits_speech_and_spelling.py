"""Swollen tongue or throat, or lips with breathing trouble or faintness, lead with
anaphylaxis, and an allergy trigger with a tight throat, faintness or a collapse is
anaphylaxis too (NHS, nidirect); a swollen face alone is
the urgent dental sign (NHS 111 Wales, NHS dental abscess); a baby under one who is choking
gets the baby steps first (St John Ambulance); misspelt or everyday words for a fit, jumbled
speech (FAST) and a misspelt "worst headache" open their emergencies; eye strain is no
straining; breathing trouble with blue lips leads with the breathing sign (NHS shortness of
breath). Each with ordinary phrasings that must stay quiet."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.reading import correct_spelling, lexicon, tokens_of
from tests.conftest import first_warning, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "tongue swelling",
        "face and tongue swelling suddenly, wheezy",
        "my lips are swelling up and i can hardly breathe",
        "her tongue is swollen and she sounds hoarse",
        "my throat is swollen",
        "his lips are swollen after lunch and he feels faint",
        "swelling in my throat and cant swallow",
    ],
)
def test_a_swelling_tongue_lips_or_throat_leads_with_anaphylaxis(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "anaphylaxis", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "stung by a bee and my throat feels tight",
        "got stung by a wasp and feel faint and dizzy",
        "ate peanuts and now i feel faint",
        "wasp sting and im covered in hives and lightheaded",
        "stung by a hornet and collapsed",
        "took penicillin and now my throat is tightening",
    ],
)
def test_an_allergy_trigger_with_a_tight_throat_or_faintness_is_anaphylaxis(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "anaphylaxis", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "my lip is swollen from a cold sore",
        "bit my lip and its swollen",
        "sore throat and swollen glands",
        "my throat feels tight when i am anxious",
        "stung by a wasp and my arm is swollen",
        "i get a lump in my throat when i am nervous",
    ],
)
def test_ordinary_mouth_and_throat_words_raise_no_anaphylaxis(kb: KnowledgeBase, text: str) -> None:
    assert "anaphylaxis" not in warnings_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "toothache with swollen cheek",
        "swollen face after a tooth out",
        "toothache with swollen face and fever",
        "my jaw is swollen near a bad tooth",
    ],
)
def test_a_swollen_face_alone_is_the_urgent_dental_sign(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "face-swelling-dental", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "swollen face and cant open my mouth",
        "swollen cheek up to my eye",
        "my face is swollen and it is hard to swallow",
    ],
)
def test_a_swollen_face_with_its_named_signs_stays_the_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "face-swelling", warnings_of(kb, text)


def test_the_face_swelling_sign_says_what_to_do(kb: KnowledgeBase) -> None:
    for flag_id in ("face-swelling", "face-swelling-dental"):
        action = kb.red_flags[flag_id].action
        assert action and "Do not drive" in action, flag_id


@pytest.mark.parametrize(
    "text",
    [
        "new headache and im pregnant 34 weeks with swollen face",
        "30 weeks pregnant and my face is swollen",
    ],
)
def test_a_swollen_face_in_pregnancy_leads_with_pre_eclampsia(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-pre-eclampsia", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "my baby is choking",
        "my 6 month old is choking",
        "our 9 month old is choking on a grape",
        "infant choking cant breathe",
        "newborn choking on milk",
    ],
)
def test_a_baby_choking_opens_with_the_baby_steps(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "choking-baby", warnings_of(kb, text)
    step = kb.red_flags["choking-baby"].first_step or ""
    assert "two fingers" in step and "abdominal" not in step


@pytest.mark.parametrize("text", ["toddler choking on a grape", "my husband is choking"])
def test_an_older_child_or_adult_choking_is_the_general_sign(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "choking", warnings_of(kb, text)


def test_the_general_choking_opening_never_sends_a_baby_or_pregnancy_to_the_tummy(
    kb: KnowledgeBase,
) -> None:
    step = kb.red_flags["choking"].first_step or ""
    assert "never the tummy" in step and "pregnant" in step
    assert "abdominal thrusts" not in step
    assert "pregnant" in (kb.red_flags["choking"].action or "")


@pytest.mark.parametrize(
    "text",
    [
        "siezure",
        "my son is having a siezure",
        "seizeure",
        "sezure",
        "fitting",
        "she is fitting on the floor",
        "convulsing",
        "having a fit",
    ],
)
def test_misspelt_and_everyday_words_for_a_fit_open_the_seizure_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert "seizure-emergency" in warnings_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my shoes are not fitting properly",
        "fitting kitchens all day and my back aches",
        "badly fitting dentures and a sore jaw",
        "spent ages fitting the baby's car seat and pulled something in my back",
        "fitting a new fence all weekend, my shoulders ache",
        "been fitting my son's bike rack, now my neck is stiff",
    ],
)
def test_fitting_clothes_or_kitchens_is_no_fit(kb: KnowledgeBase, text: str) -> None:
    assert "seizure-emergency" not in warnings_of(kb, text), text


@pytest.mark.parametrize(
    ("word", "meant"),
    [("siezure", "seizure"), ("stroek", "stroke"), ("anaphalaxis", "anaphylaxis")],
)
def test_two_swapped_letters_are_one_edit(word: str, meant: str) -> None:
    kb = load_knowledge_base()
    tokens = correct_spelling(kb, tokens_of(word), lexicon(kb))
    assert tokens[0].key == tokens_of(meant)[0].key


@pytest.mark.parametrize(
    "text",
    ["wrost hedache ever", "wrost headache of my life", "the wrost headache ive ever had"],
)
def test_a_misspelt_worst_beside_a_headache_is_the_thunderclap_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "headache-emergency", warnings_of(kb, text)


def test_a_misspelt_wrist_on_its_own_is_still_the_wrist(kb: KnowledgeBase) -> None:
    tokens = correct_spelling(kb, tokens_of("my wrost hurts"), lexicon(kb))
    assert tokens_of("wrist")[0].key in [token.key for token in tokens]


def test_the_thunderclap_sign_comes_before_the_child_only_sign(kb: KnowledgeBase) -> None:
    assert "thunderclap" in kb.red_flags["headache-emergency"].signs[0]


@pytest.mark.parametrize(
    "text",
    [
        "my speech is jumbled",
        "his speech is muddled",
        "her words are all jumbled",
        "dad is not making sense when he talks",
        "my speech is garbled",
    ],
)
def test_jumbled_or_muddled_speech_alone_opens_the_stroke_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "possible-stroke", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "my speech is slurred after the dentist's injection",
        "words jumbled when tired",
        "i get my words muddled when i am tired",
    ],
)
def test_speech_explained_by_tiredness_or_a_dental_injection_stays_quiet(
    kb: KnowledgeBase, text: str
) -> None:
    assert "possible-stroke" not in warnings_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "eye strain and temple ache from screens",
        "headache from eyestrain at work",
        "straining my eyes reading and a dull headache",
    ],
)
def test_eye_strain_is_no_straining(kb: KnowledgeBase, text: str) -> None:
    assert "headache-same-day" not in warnings_of(kb, text), text


def test_straining_itself_still_raises_the_same_day_headache(kb: KnowledgeBase) -> None:
    assert "headache-same-day" in warnings_of(kb, "headache when i strain on the toilet")


@pytest.mark.parametrize(
    "text",
    [
        "cant breathe properly, lips going blue",
        "struggling to breathe and my lips have gone blue",
        "short of breath and lips turning blue",
    ],
)
def test_breathing_trouble_with_blue_lips_leads_with_the_breathing_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "severe-breathing-difficulty", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text", ["i think im having an allergic reaction", "came out in hives after eating prawns"]
)
def test_an_allergic_reaction_said_shows_the_anaphylaxis_signs_to_check(
    kb: KnowledgeBase, text: str
) -> None:
    checks = [flag.id for flag, _ in understand(kb, text).checks]
    assert "anaphylaxis" in checks, text


def test_a_nut_allergy_said_in_passing_raises_nothing(kb: KnowledgeBase) -> None:
    text = "i have a nut allergy and a sore back"
    assert not understand(kb, text).checks and not warnings_of(kb, text)
