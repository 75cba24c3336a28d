"""A technique's caution and contraindication cards never offer, as a wrong answer, a caution
the guide states for that technique anywhere: its own cautions and contraindications and the
points of the safety notes it names (so avoiding the pregnancy points is no wrong answer for
shiatsu, whose bodywork notes advise against firm pressure on them)."""

from __future__ import annotations

import random

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.queries import safety_subjects
from spasmguide.study.cards import Card, cards_of, make_question


def _stated_subjects(kb: KnowledgeBase, technique_id: str) -> frozenset[str]:
    technique = kb.techniques[technique_id]
    texts = [
        *technique.cautions,
        *technique.contraindications,
        *(point for note in technique.safety for point in kb.safety[note].points),
    ]
    return frozenset(subject for text in texts for subject in safety_subjects(text))


def _safety_cards(kb: KnowledgeBase) -> list[Card]:
    return [
        card
        for card in cards_of(kb)
        if card.card.startswith(("technique-caution:", "technique-contraindication:"))
    ]


def test_every_technique_with_safety_cards_is_covered(kb: KnowledgeBase) -> None:
    asked = {card.card.split(":", 1)[1] for card in _safety_cards(kb)}
    assert {"shiatsu", "tui-na", "myofascial-release", "cupping", "gua-sha"} <= asked


def test_no_wrong_answer_names_a_caution_the_guide_states_for_the_technique(
    kb: KnowledgeBase,
) -> None:
    for card in _safety_cards(kb):
        stated = _stated_subjects(kb, card.card.split(":", 1)[1])
        for seed in range(12):
            question = make_question(card, random.Random(seed))
            for at, option in enumerate(question.choices):
                if at == question.answer:
                    continue
                assert not safety_subjects(option) & stated, (card.card, option)


@pytest.mark.parametrize("technique_id", ["shiatsu", "tui-na", "myofascial-release"])
def test_the_pregnancy_points_are_never_a_wrong_answer_for_bodywork(
    kb: KnowledgeBase, technique_id: str
) -> None:
    cards = [card for card in _safety_cards(kb) if card.card.endswith(f":{technique_id}")]
    assert cards
    for card in cards:
        for seed in range(20):
            question = make_question(card, random.Random(seed))
            wrong = [c for at, c in enumerate(question.choices) if at != question.answer]
            assert not any("pregnan" in option.lower() for option in wrong), (card.card, wrong)


def test_a_caution_stated_only_for_another_kind_of_technique_may_still_be_a_wrong_answer(
    kb: KnowledgeBase,
) -> None:
    # A pacemaker is a caution for electrical needling, not for shiatsu's pressure.
    assert "pacemaker" not in _stated_subjects(kb, "shiatsu")
    assert "pacemaker" in _stated_subjects(kb, "electro-acupuncture")


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The points traditionally avoided in pregnancy, in a pregnant woman.", "pregnancy"),
        ("A bleeding disorder or blood thinners (anticoagulants).", "bleeding"),
        ("Over a blood clot (DVT).", "clot"),
        ("Broken, thin or inflamed skin at the site.", "wound or skin"),
        ("Bones weakened by osteoporosis or cancer.", "weak bones"),
    ],
)
def test_safety_subjects_are_read_from_the_guides_own_wording(text: str, subject: str) -> None:
    assert subject in safety_subjects(text)
