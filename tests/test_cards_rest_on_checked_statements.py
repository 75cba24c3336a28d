"""Quiz and Anki cards drill only what the guide holds as checked: no card's right answer is a
statement the guide itself marks unverified, and no "which of these signs needs emergency
care?" card offers as a wrong answer a sign that overlaps an emergency sign anywhere in the
guide."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.study.cards import _emergency_overlap, cards_of, checked


@pytest.mark.parametrize(
    "text",
    [
        "TCM teaching texts advise care here (unverified teaching; no edition was checked).",
        "Some Tui Na includes manipulation (TCM teaching, not checked against an edition).",
        "A depth that has not been checked against any source.",
        "Unchecked clinical teaching: avoid the area.",
        "No edition was checked for this guide.",
    ],
)
def test_statements_marked_unverified_are_not_checked(text: str) -> None:
    assert not checked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bones weakened by osteoporosis or cancer.",
        "Check the skin after each session.",
        "Over a tumour, unless the doctor agrees.",
        "Feel for the pulse and keep the needle to one side of it.",
    ],
)
def test_ordinary_statements_are_checked(text: str) -> None:
    assert checked(text)


def test_no_card_drills_an_unverified_statement_as_its_answer(kb: KnowledgeBase) -> None:
    cards = cards_of(kb)
    assert cards
    for card in cards:
        assert checked(card.answer), (card.card, card.answer)


def test_a_technique_whose_cautions_are_all_unverified_has_no_caution_card(
    kb: KnowledgeBase,
) -> None:
    ids = {card.card: card for card in cards_of(kb)}
    for technique in kb.techniques.values():
        card = ids.get(f"technique-caution:{technique.id}")
        if not any(checked(text) for text in technique.cautions):
            assert card is None, technique.id
        elif card is not None:
            assert card.answer in technique.cautions and checked(card.answer)


def test_no_emergency_card_offers_an_emergency_sign_as_a_wrong_answer(
    kb: KnowledgeBase,
) -> None:
    overlaps = _emergency_overlap(kb)
    asked = [card for card in cards_of(kb) if card.card.startswith("region-emergency:")]
    regions_with_emergencies = {
        region.id
        for region in kb.regions.values()
        if any(
            kb.red_flags[flag].urgency == "emergency"
            for flag in region.red_flags
            if flag in kb.red_flags
        )
    }
    # Every region with an emergency sign keeps its card, with wrong answers enough.
    assert {card.card.split(":")[1] for card in asked} == regions_with_emergencies
    for card in asked:
        assert len(card.pool) >= 3, card.card
        for option in card.pool:
            assert not overlaps(option), (card.card, option)


@pytest.mark.parametrize(
    "sign",
    [
        "Dizziness, drop attacks or blackouts.",  # blackouts: an unconscious person is 999
        "Back pain that is worse on coughing, sneezing or opening the bowels.",  # bowels: CES
        "Sudden swelling of the face, hands, feet or ankles.",  # face swelling is 999
        "Changes in vision, such as blurring or flashing lights.",  # vision loss with GCA
    ],
)
def test_signs_that_overlap_an_emergency_are_caught(kb: KnowledgeBase, sign: str) -> None:
    assert _emergency_overlap(kb)(sign)


@pytest.mark.parametrize(
    "sign",
    [
        "A past operation on the neck, or risk factors for thin bones (osteoporosis).",
        "Electric shocks down the body on bending the neck.",
        "Injecting drug use.",
        "Warm skin over the sore area.",
        "Cramping pain that comes on after walking a fixed distance and eases with rest.",
        "No improvement after a month.",
    ],
)
def test_calmer_signs_stay_wrong_answers(kb: KnowledgeBase, sign: str) -> None:
    assert not _emergency_overlap(kb)(sign)


def test_the_neck_card_never_marks_blackouts_wrong(kb: KnowledgeBase) -> None:
    neck = next(card for card in cards_of(kb) if card.card == "region-emergency:neck")
    assert not any("blackout" in option.lower() for option in neck.pool)


def test_a_rank_on_borrowed_evidence_says_it_is_borrowed(kb: KnowledgeBase) -> None:
    from spasmguide.kb.queries import rank_techniques

    asked = [card for card in cards_of(kb) if card.card.startswith("region-evidence:")]
    borrowed = 0
    for card in asked:
        region = kb.regions[card.card.split(":")[1]]
        top = rank_techniques(kb, [region])[0]
        if top.basis.certainty.indirect and top.basis.certainty.level:
            borrowed += 1
            assert "borrowed" in card.prompt, card.card
            assert "borrowed from" in card.explanation and "not studied on" in card.explanation
        else:
            assert "borrowed" not in card.prompt + card.explanation, card.card
    assert borrowed  # the foot rests on night-cramp trials of the calf and hamstring


def test_the_foot_page_says_its_evidence_is_borrowed() -> None:
    from typer.testing import CliRunner

    from spasmguide.cli.app import app

    result = CliRunner().invoke(app, ["lookup", "--region", "foot"])
    assert result.exit_code == 0
    page = " ".join(result.output.split())
    assert "borrowed from Stretching for night leg cramps in people over 50 (Cochrane 2021)" in page
