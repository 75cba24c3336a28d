"""Quiz questions generated from the knowledge base, and how answers are judged.

Every question is a card with a stable id (its kind and the entry it asks about), so the
spaced-repetition state in `spasmguide.study.progress` follows the card across runs. Questions are
multiple choice; an answer may be the option's number, its text, or (for options that are a
technique or region) any name or alias of that entry, matched forgivingly, a small typo
forgiven when only one option is that close. Anything else is no option: `judge` says so with
a hint, and the quiz asks again. No card's prompt names its answer (`giveaways`): a card is
asked another way, or not at all, rather than give itself away.
"""

from __future__ import annotations

import difflib
import random
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from spasmguide.kb.model import (
    QUIZ_TOPICS,
    Entry,
    KnowledgeBase,
    Region,
    Technique,
)
from spasmguide.kb.names import acupoint_name, names_of, normalize_name
from spasmguide.kb.queries import rank_techniques
from spasmguide.kb.search import _WORD, STOP_WORDS, stem, stems_of

TOPICS = QUIZ_TOPICS  # one for each kind the model marks as quizzed
CHOICES = 4


# Keys a student may type instead of an answer.
SKIP_KEYS = frozenset({"s", "skip"})
QUIT_KEYS = frozenset({"q", "quit"})
HELP_KEYS = frozenset({"?", "h", "help"})
KEYS_HELP = (
    "Type the option's number or its name (small typos are forgiven); s or skip to skip this"
    " question; q or quit to end the quiz with everything saved; ? for this help."
)
# A typed name within this similarity (difflib's ratio) of one option's name picks it.
TYPO_RATIO = 0.85
# Typed text past this length is not compared (difflib's cost grows with the square).
_MAX_TYPED = 300


class Question(NamedTuple):
    card: str
    topic: str
    prompt: str
    choices: tuple[str, ...]
    answer: int  # index into choices
    accepted: frozenset[str]  # normalized typed answers that also count as right
    explanation: str
    # For each choice, every normalized name that picks it (its text, and aliases).
    names: tuple[frozenset[str], ...] = ()


class Card(NamedTuple):
    """What a question asks, before distractors are drawn."""

    card: str
    topic: str
    prompt: str
    answer: str
    pool: tuple[str, ...]  # wrong answers to draw from
    accepted: frozenset[str]
    explanation: str
    # Other names of the answer and of the options in `pool`, as written, by option text.
    aliases: Mapping[str, tuple[str, ...]] = MappingProxyType({})


class Answer(NamedTuple):
    """What a typed line means: `action` is choose, skip, quit, help or invalid."""

    action: str
    choice: int = -1
    hint: str = ""


def cards_of(kb: KnowledgeBase) -> list[Card]:
    """Every card the knowledge base yields, in a stable order."""
    return [card for make in _CARD_MAKERS for card in make(kb)]


def make_question(card: Card, rng: random.Random) -> Question:
    """The card as a multiple-choice question, its distractors drawn with `rng`."""
    wrong = sorted(set(card.pool) - {card.answer})
    choices = [*rng.sample(wrong, min(CHOICES - 1, len(wrong))), card.answer]
    rng.shuffle(choices)
    names = tuple(
        frozenset(
            key for name in (choice, *card.aliases.get(choice, ())) if (key := normalize_name(name))
        )
        for choice in choices
    )
    return Question(
        card.card,
        card.topic,
        card.prompt,
        tuple(choices),
        choices.index(card.answer),
        card.accepted,
        card.explanation,
        names,
    )


def judge(question: Question, given: str) -> Answer:
    """What `given` means for `question`: an option (by number, name or alias, small typos
    forgiven when only one option is that close), a key (skip, quit, help), or nothing valid,
    with a hint. Never raises, whatever the text."""
    typed = given.strip()[:_MAX_TYPED]
    folded = typed.casefold()
    if folded in SKIP_KEYS:
        return Answer("skip")
    if folded in QUIT_KEYS:
        return Answer("quit")
    if folded in HELP_KEYS:
        return Answer("help")
    count = len(question.choices)
    numbers = f"a number from 1 to {count}"
    if not typed:
        return Answer("invalid", hint=f"No answer given: type {numbers}, or ? for the keys.")
    if typed.isascii() and typed.isdigit():
        if len(typed) <= 3 and 1 <= int(typed) <= count:
            return Answer("choose", int(typed) - 1)
        return Answer("invalid", hint=f"There is no option {typed[:6]}: type {numbers}.")
    key = normalize_name(typed)
    names = _choice_names(question)
    exact = [index for index, keys in enumerate(names) if key and key in keys]
    if len(exact) == 1:
        return Answer("choose", exact[0])
    close = _close_choices(key, names) if key else []
    if len(close) == 1:
        return Answer("choose", close[0])
    if close:
        options = " or ".join(str(index + 1) for index in close)
        return Answer("invalid", hint=f"That could be option {options}: type its number.")
    return Answer(
        "invalid", hint=f"That is not one of the options: type {numbers}, or ? for the keys."
    )


def is_correct(question: Question, given: str) -> bool:
    """Whether `given` picks the right option of `question`."""
    verdict = judge(question, given)
    return verdict.action == "choose" and verdict.choice == question.answer


def _choice_names(question: Question) -> tuple[frozenset[str], ...]:
    if question.names:
        names = list(question.names)
    else:
        names = [frozenset({normalize_name(choice)}) for choice in question.choices]
    names[question.answer] = names[question.answer] | question.accepted
    return tuple(frozenset(name for name in keys if name) for keys in names)


def _close_choices(key: str, names: Sequence[frozenset[str]]) -> list[int]:
    """The options with a name within TYPO_RATIO of `key`, and with them any option whose
    name is as close to theirs (a typo could then be either)."""
    close: set[int] = set()
    for index, keys in enumerate(names):
        near = [name for name in keys if _similar(key, name)]
        if not near:
            continue
        close.add(index)
        for other, rest in enumerate(names):
            if other != index and any(_similar(a, b) for a in near for b in rest):
                close.add(other)
    return sorted(close)


def _similar(first: str, second: str) -> bool:
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return (
        matcher.real_quick_ratio() >= TYPO_RATIO
        and matcher.quick_ratio() >= TYPO_RATIO
        and matcher.ratio() >= TYPO_RATIO
    )


def giveaways(card: Card) -> set[str]:
    """The words of the card's prompt that would give its answer away: a whole name of the
    answer (its text or an alias), or a word of the answer that no other option has."""
    prompt = _meaningful_stems(card.prompt)
    found: set[str] = set()
    for name in (card.answer, *card.aliases.get(card.answer, ())):
        stems = _meaningful_stems(name)
        if stems and stems <= prompt:
            found |= stems
    others: set[str] = set()
    for option in card.pool:
        if option != card.answer:
            for name in (option, *card.aliases.get(option, ())):
                others |= _meaningful_stems(name)
    answer_words: set[str] = set()
    for name in (card.answer, *card.aliases.get(card.answer, ())):
        answer_words |= _meaningful_stems(name)
    return found | ((answer_words - others) & prompt)


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


def _accepted(entry: Entry) -> frozenset[str]:
    return frozenset(normalize_name(name) for name in names_of(entry))


def _aliases(entries: Iterable[Technique | Region]) -> Mapping[str, tuple[str, ...]]:
    """Each entry's other names (its id and aliases), by its name."""
    return MappingProxyType(
        {
            entry.name: tuple(name for name in names_of(entry) if name != entry.name)
            for entry in entries
        }
    )


def _first_fair(variants: Iterable[Card]) -> Card | None:
    """The first way of asking that gives nothing away, or None if every one does."""
    return next((card for card in variants if not giveaways(card)), None)


def _masked(text: str, stems: set[str]) -> str:
    """`text` with every word whose stem is in `stems` replaced by an ellipsis."""
    return _WORD.sub(lambda word: "…" if stem(word[0].casefold()) in stems else word[0], text)


def _technique_how(kb: KnowledgeBase) -> Iterator[Card]:
    names = tuple(technique.name for technique in kb.techniques.values())
    aliases = _aliases(kb.techniques.values())
    for technique in kb.techniques.values():

        def asking(sentence: str, technique: Technique = technique) -> Card:
            return Card(
                f"technique-how:{technique.id}",
                "techniques",
                f'Which technique works like this? "{sentence}"',
                technique.name,
                names,
                _accepted(technique),
                technique.summary,
                aliases,
            )

        card = _first_fair(asking(sentence) for sentence in technique.how_it_works)
        if card is None:  # every sentence names the technique: hide its name
            first = asking(technique.how_it_works[0])
            card = _first_fair([asking(_masked(technique.how_it_works[0], giveaways(first)))])
        if card is not None:
            yield card


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
        card = _first_fair(
            Card(
                f"technique-caution:{technique.id}",
                "techniques",
                f"Which of these is a caution for {technique.name}?",
                caution,
                others,
                frozenset(),
                "Cautions: " + " ".join(technique.cautions),
            )
            for caution in technique.cautions
        )
        if card is not None:
            yield card


def _region_strongest_evidence(kb: KnowledgeBase) -> Iterator[Card]:
    """For a region whose ranking (docs/decisions/014) puts one technique alone at the top:
    which of these has the strongest evidence? The techniques the same ranking puts lower are
    the wrong answers; where the top is a tie, nothing is asked."""
    aliases = _aliases(kb.techniques.values())
    for region in kb.regions.values():
        ranked = rank_techniques(kb, [region])
        if not ranked or ranked[0].tied:
            continue  # the rule cannot separate the top: never ask to
        top = ranked[0]
        weaker = tuple(item.technique.name for item in ranked[1:])
        basis = top.basis
        why = f"evidence {basis.certainty.label}"
        if basis.certainty.entry is not None:
            why += f" ({basis.certainty.entry.title})"
        if basis.guideline.entries:
            why = f"guidelines {basis.guideline.label}; " + why
        card = _first_fair(
            [
                Card(
                    f"region-evidence:{region.id}",
                    "regions",
                    f"Which of these has the strongest evidence for {region.name}?",
                    top.technique.name,
                    weaker,
                    _accepted(top.technique),
                    f"{top.technique.name} ranks first for {region.name}: {why}.",
                    aliases,
                )
            ]
        )
        if card is not None and weaker:
            yield card


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
        card = _first_fair(
            Card(
                f"cause-prevention:{cause.id}",
                "causes",
                f"Which of these helps prevent spasms from {cause.name.lower()}?",
                tip,
                others,
                frozenset(),
                "Prevention: " + " ".join(cause.prevention),
            )
            for tip in cause.prevention
        )
        if card is not None:
            yield card


def _acupoint_location(kb: KnowledgeBase) -> Iterator[Card]:
    locations = tuple(point.location for point in kb.acupoints.values())
    for point in kb.acupoints.values():
        label = acupoint_name(point)
        card = _first_fair(
            [
                Card(
                    f"acupoint-location:{point.id}",
                    "acupoints",
                    f"Where is {label}?",
                    point.location,
                    locations,
                    frozenset(),
                    f"{acupoint_name(point, 'full')}: {point.uses}",
                )
            ]
        )
        if card is not None:
            yield card


def _acupoint_region(kb: KnowledgeBase) -> Iterator[Card]:
    regions = tuple(region.name for region in kb.regions.values())
    aliases = _aliases(kb.regions.values())
    for point in kb.acupoints.values():
        holders = [region for region in kb.regions.values() if point.id in region.acupoints]
        if len(holders) != 1:
            continue  # a point listed for several regions makes no single right answer
        label = acupoint_name(point)
        card = _first_fair(
            [
                Card(
                    f"acupoint-region:{point.id}",
                    "acupoints",
                    f"For which region does the guide list {label}?",
                    holders[0].name,
                    regions,
                    _accepted(holders[0]),
                    f"{label} is listed for {holders[0].name}: {point.uses}",
                    aliases,
                )
            ]
        )
        if card is not None:
            yield card


def _evidence_certainty(kb: KnowledgeBase) -> Iterator[Card]:
    labels = tuple(label.label for label in kb.guide.certainty_labels)
    for evidence in kb.evidence.values():
        # The finding often names its own certainty, so the question shows the article's
        # claim or the kind of study instead, and the finding comes after the answer.
        prompts = [f"{evidence.title} ({evidence.basis.rstrip('.')}): how certain is the evidence?"]
        if evidence.article_says:
            prompts.insert(
                0,
                f'The source article says: "{evidence.article_says}" How certain is the evidence?',
            )
        card = _first_fair(
            Card(
                f"evidence-certainty:{evidence.id}",
                "evidence",
                prompt,
                evidence.certainty,
                labels,
                frozenset(),
                evidence.finding,
            )
            for prompt in prompts
        )
        if card is not None:
            yield card


_CARD_MAKERS: Sequence[Callable[[KnowledgeBase], Iterator[Card]]] = (
    _technique_how,
    _technique_caution,
    _region_strongest_evidence,
    _cause_prevention,
    _acupoint_location,
    _acupoint_region,
    _evidence_certainty,
)
