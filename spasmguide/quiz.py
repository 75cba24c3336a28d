"""Quiz questions generated from the knowledge base, and how answers are judged.

Every question is a card with a stable id (its kind and the entry it asks about), so the
spaced-repetition state in `spasmguide.progress` follows the card across runs. Questions are
multiple choice; an answer may be the option's number, its text, or (for questions whose
answer is a technique or region) any name or alias of that entry, matched forgivingly.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from spasmguide.model import Acupoint, Entry, KnowledgeBase
from spasmguide.names import names_of, normalize_name
from spasmguide.search import STOP_WORDS, stems_of

TOPICS = ("regions", "techniques", "causes", "acupoints", "evidence")
CHOICES = 4


class Question(NamedTuple):
    card: str
    topic: str
    prompt: str
    choices: tuple[str, ...]
    answer: int  # index into choices
    accepted: frozenset[str]  # normalized typed answers that also count as right
    explanation: str


class Card(NamedTuple):
    """What a question asks, before distractors are drawn."""

    card: str
    topic: str
    prompt: str
    answer: str
    pool: tuple[str, ...]  # wrong answers to draw from
    accepted: frozenset[str]
    explanation: str


def cards_of(kb: KnowledgeBase) -> list[Card]:
    """Every card the knowledge base yields, in a stable order."""
    return [card for make in _CARD_MAKERS for card in make(kb)]


def make_question(card: Card, rng: random.Random) -> Question:
    """The card as a multiple-choice question, its distractors drawn with `rng`."""
    wrong = sorted(set(card.pool) - {card.answer})
    choices = [*rng.sample(wrong, min(CHOICES - 1, len(wrong))), card.answer]
    rng.shuffle(choices)
    return Question(
        card.card,
        card.topic,
        card.prompt,
        tuple(choices),
        choices.index(card.answer),
        card.accepted,
        card.explanation,
    )


def is_correct(question: Question, given: str) -> bool:
    """Whether `given` answers `question`: the option's number or text, or an accepted name."""
    typed = given.strip()
    if not typed:
        return False
    if typed.isdigit():
        return int(typed) - 1 == question.answer
    key = normalize_name(typed)
    if not key:
        return False
    return key == normalize_name(question.choices[question.answer]) or key in question.accepted


def _unlike(candidates: Iterable[str], right: Sequence[str]) -> tuple[str, ...]:
    """The candidates that could not pass for a right answer: none shares two or more
    meaningful words with any of `right` (so "Keep up gentle stretching" is no distractor
    when "Keep gently active, with regular stretching" is right)."""
    right_words = [_meaningful_stems(text) for text in right]
    return tuple(
        dict.fromkeys(
            candidate
            for candidate in candidates
            if all(len(_meaningful_stems(candidate) & words) < 2 for words in right_words)
        )
    )


def _meaningful_stems(text: str) -> set[str]:
    return {stem for stem in stems_of(text) if stem not in STOP_WORDS and len(stem) > 2}


def _point_label(point: Acupoint) -> str:
    return f"{point.code} ({point.pinyin})" if point.code else point.pinyin


def _accepted(entry: Entry) -> frozenset[str]:
    return frozenset(normalize_name(name) for name in names_of(entry))


def _technique_how(kb: KnowledgeBase) -> Iterator[Card]:
    names = tuple(technique.name for technique in kb.techniques.values())
    for technique in kb.techniques.values():
        yield Card(
            f"technique-how:{technique.id}",
            "techniques",
            f'Which technique works like this? "{technique.how_it_works[0]}"',
            technique.name,
            names,
            _accepted(technique),
            technique.summary,
        )


def _technique_caution(kb: KnowledgeBase) -> Iterator[Card]:
    for technique in kb.techniques.values():
        # Cautions of techniques of another kind: a needling caution may well hold for every
        # needling technique, so it cannot serve as a wrong answer for one of them.
        others = _unlike(
            (
                caution
                for other in kb.techniques.values()
                if other.category != technique.category
                for caution in other.cautions
            ),
            technique.cautions,
        )
        yield Card(
            f"technique-caution:{technique.id}",
            "techniques",
            f"Which of these is a caution for {technique.name}?",
            technique.cautions[0],
            others,
            frozenset(),
            "Cautions: " + " ".join(technique.cautions),
        )


def _region_first_technique(kb: KnowledgeBase) -> Iterator[Card]:
    names = tuple(technique.name for technique in kb.techniques.values())
    for region in kb.regions.values():
        first = kb.techniques[region.techniques[0].technique]
        yield Card(
            f"region-technique:{region.id}",
            "regions",
            f"Which technique does the guide suggest first for {region.name}?",
            first.name,
            names,
            _accepted(first),
            f"{first.name}: {region.techniques[0].reason}",
        )


def _cause_prevention(kb: KnowledgeBase) -> Iterator[Card]:
    for cause in kb.causes.values():
        others = _unlike(
            (
                tip
                for other in kb.causes.values()
                if other.id != cause.id
                for tip in other.prevention
            ),
            cause.prevention,
        )
        yield Card(
            f"cause-prevention:{cause.id}",
            "causes",
            f"Which of these helps prevent spasms from {cause.name.lower()}?",
            cause.prevention[0],
            others,
            frozenset(),
            "Prevention: " + " ".join(cause.prevention),
        )


def _acupoint_location(kb: KnowledgeBase) -> Iterator[Card]:
    locations = tuple(point.location for point in kb.acupoints.values())
    for point in kb.acupoints.values():
        label = _point_label(point)
        yield Card(
            f"acupoint-location:{point.id}",
            "acupoints",
            f"Where is {label}?",
            point.location,
            locations,
            frozenset(),
            f"{label}, {point.english[0]}: {point.uses}",
        )


def _acupoint_region(kb: KnowledgeBase) -> Iterator[Card]:
    regions = tuple(region.name for region in kb.regions.values())
    for point in kb.acupoints.values():
        holders = [region for region in kb.regions.values() if point.id in region.acupoints]
        if len(holders) != 1:
            continue  # a point listed for several regions makes no single right answer
        label = _point_label(point)
        yield Card(
            f"acupoint-region:{point.id}",
            "acupoints",
            f"For which region does the guide list {label}?",
            holders[0].name,
            regions,
            _accepted(holders[0]),
            f"{label} is listed for {holders[0].name}: {point.uses}",
        )


def _evidence_certainty(kb: KnowledgeBase) -> Iterator[Card]:
    labels = tuple(label.label for label in kb.guide.certainty_labels)
    for evidence in kb.evidence.values():
        # The finding often names its own certainty, so the question shows the article's
        # claim or the kind of study instead, and the finding comes after the answer.
        if evidence.article_says:
            prompt = (
                f'The source article says: "{evidence.article_says}" How certain is the evidence?'
            )
        else:
            prompt = (
                f"{evidence.title} ({evidence.basis.rstrip('.')}): how certain is the evidence?"
            )
        yield Card(
            f"evidence-certainty:{evidence.id}",
            "evidence",
            prompt,
            evidence.certainty,
            labels,
            frozenset(),
            evidence.finding,
        )


_CARD_MAKERS: Sequence[Callable[[KnowledgeBase], Iterator[Card]]] = (
    _technique_how,
    _technique_caution,
    _region_first_technique,
    _cause_prevention,
    _acupoint_location,
    _acupoint_region,
    _evidence_certainty,
)
