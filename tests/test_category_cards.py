"""Point-category cards: which category a point belongs to, asked once per category it has.
The answer is always one of the point's own categories, no option is another of them, the
prompt never names the answer, the cards join the point's topic, meridian and regions, the
Anki deck carries them with their options on the front, and building them stays linear in
the number of points (counted, not timed)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import genanki
import pytest

from spasmguide.kb.layers import Layer, shipped_layer
from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import Acupoint, KnowledgeBase
from spasmguide.study import cards as cards_module
from spasmguide.study.anki import anki_package
from spasmguide.study.cards import (
    Card,
    CardSource,
    cards_of,
    distractors,
    entry_of,
    giveaways,
    make_question,
    select_cards,
)
from tests.test_study_loop import count_card_work, deck_notes, open_package, text_of

PREFIX = "acupoint-category-"


def category_cards(kb: KnowledgeBase) -> list[Card]:
    return [card for card in cards_of(kb) if card.card.startswith(PREFIX)]


def point_of(kb: KnowledgeBase, card: Card) -> Acupoint:
    point = entry_of(kb, card.card)
    assert isinstance(point, Acupoint), card.card
    return point


def names_of_categories(kb: KnowledgeBase, point: Acupoint) -> set[str]:
    return {kb.point_terms[category.term].name for category in point.categories}


def test_every_category_of_every_point_is_asked_and_its_answer_is_true(
    kb: KnowledgeBase,
) -> None:
    cards = category_cards(kb)
    asked = {card.card for card in cards}
    expected = {
        f"{PREFIX}{category.term}:{point.id}"
        for point in kb.acupoints.values()
        for category in point.categories
    }
    assert expected and asked == expected
    for card in cards:
        point = point_of(kb, card)
        term_id = card.card.split(":")[0].removeprefix(PREFIX)
        assert card.answer == kb.point_terms[term_id].name
        assert card.answer in names_of_categories(kb, point)
        assert card.topic == "acupoints"


def test_no_option_is_another_right_answer_and_the_prompt_never_names_it(
    kb: KnowledgeBase,
) -> None:
    several = 0
    for card in category_cards(kb):
        right = names_of_categories(kb, point_of(kb, card))
        several += len(right) > 1
        assert not giveaways(card), card.card
        assert card.answer.casefold() not in card.prompt.casefold()
        for seed in range(20):
            wrong = distractors(card, random.Random(seed))
            assert len(wrong) == cards_module.CHOICES - 1, card.card
            assert not set(wrong) & right, (card.card, wrong)
        question = make_question(card, random.Random(0))
        assert [c for c in question.choices if c in right] == [card.answer]
    assert several  # points with several categories are asked each one, fairly


def test_a_category_card_explains_the_term_and_opens_its_point(kb: KnowledgeBase) -> None:
    card = next(card for card in category_cards(kb) if card.card == f"{PREFIX}confluent:lu7")
    term = kb.point_terms["confluent"]
    assert card.explanation.startswith("LU7 Lièquē: a confluent point")
    assert "the Conception Vessel (Ren)" in card.explanation
    assert " ".join(term.meaning.split()) in card.explanation
    assert "\n" not in card.explanation
    assert card.opens == "spasmguide acupoint lu7"


def test_category_cards_join_the_points_meridian_and_regions(kb: KnowledgeBase) -> None:
    source = CardSource(kb)
    candidates = [c for c in source.candidates if c.card.startswith(PREFIX)]
    assert candidates
    for card in category_cards(kb):
        point = point_of(kb, card)
        assert card.meridian == point.meridian
        assert {entry.region for entry in point.regions} <= set(card.regions)
    lu7 = point_of(kb, next(c for c in category_cards(kb) if c.card.endswith(":lu7")))
    assert lu7.regions
    found = select_cards(
        category_cards(kb),
        topic="acupoints",
        meridian=frozenset({lu7.meridian}),
        region=lu7.regions[0].region,
    )
    assert f"{PREFIX}confluent:lu7" in {card.card for card in found}


def test_category_cards_are_in_the_anki_deck_answerable_from_the_front(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    connection, _ = open_package(anki_package(kb, 1_700_000_000.0), tmp_path)
    notes = {note["guid"]: note for note in deck_notes(connection)}
    cards = category_cards(kb)
    for card in cards:
        note = notes[genanki.guid_for(card.card)]
        front, back = note["fields"]["Front"], note["fields"]["Back"]
        options = [text_of(option) for option in re.findall(r"<li>(.*?)</li>", front)]
        assert len(options) == cards_module.CHOICES, front
        shown = re.search(r'<div class="answer">(.*?)</div>', back)
        assert shown is not None
        number, _, text = text_of(shown.group(1)).partition(". ")
        assert options[int(number) - 1] == text == card.answer
        right = names_of_categories(kb, point_of(kb, card))
        assert [option for option in options if option in right] == [card.answer]
        assert "acupoints" in note["tags"] or any("acupoints" in tag for tag in note["tags"])


def point_layer(count: int, folder: Path) -> tuple[Path, ...]:
    """`count` made-up points (test data), each with two categories from the shipped terms."""
    folder.mkdir()
    if not count:
        return ()
    terms = ["he-sea", "yuan-source", "luo-connecting", "xi-cleft", "command", "back-shu"]
    lines = ["acupoints:"]
    for index in range(count):
        first, second = terms[index % len(terms)], terms[(index + 1) % len(terms)]
        lines += [
            f"  - id: test-point-{index}",
            "    code: null",
            f"    pinyin: Test Point {index}",
            f"    meridian: Test meridian {index % 7}",
            f"    location: Test data, place {index}.",
            "    uses: Test data.",
            "    categories:",
            f"    - term: {first}",
            f"    - term: {second}",
            f"      of: test organ {index}",
            "    sources: [cheng-1999]",
        ]
    path = folder / "points.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return (path,)


def test_building_category_cards_is_linear_in_the_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four times the points: about four times the work (texts stemmed, wrong answers
    checked), never sixteen."""
    calls = count_card_work(monkeypatch)
    counts = []
    for size in (0, 100, 400):
        files = point_layer(size, tmp_path / f"layer-{size}")
        layers = [shipped_layer(), *([Layer("--kb", str(files[0]), files)] if files else [])]
        kb = load_knowledge_base(layers)
        calls.update(stems=0, checks=0)
        built = list(cards_module._acupoint_category(kb))
        counts.append((len(built), calls["stems"], calls["checks"]))
    base, small, large = counts
    assert small[0] - base[0] == 200 and large[0] - base[0] == 800  # two cards a point
    for work in (1, 2):
        assert large[work] - base[work] <= 6 * (small[work] - base[work]), counts  # not 16
