"""Quiz questions generated from the knowledge base, and how answers are judged.

Every question is a card with a stable id (its kind and the entry it asks about), so the
spaced-repetition state in `spasmguide.study.progress` follows the card across runs. Cards ask
what a teacher would examine: where a point is, how it is needled and what to watch for, its
name, characters, code and categories; a technique's cautions and contraindications; which
signs with a region's spasm need emergency care; the evidence and its certainty. None asks
where the guide files something.

Most questions are multiple choice: an answer may be the option's number, its text, or (for
options that are a technique or region) any name or alias of that entry, matched forgivingly,
a small typo or a clear beginning forgiven when only one option is that close. Recall cards
(`Card.typed`: a point's name from its code, its code from its name, the pinyin of its
characters) show no options: the answer is typed, tone marks and small typos forgiven, and a
name that belongs to another entry is wrong. Where a point is (`Card.graded`) is typed too,
in the student's own words, which no comparison of texts can mark fairly: the guide's
location is then shown and the student grades their answer, as FSRS expects (`GRADES`). No
card's prompt names its answer (`giveaways`).

Building every card is linear in the number of entries: the wrong answers a card may draw
from are one shared pool per kind, and each text is stemmed once (`_meaningful_stems`).
Distractors are drawn when a question is asked (`make_question`), checked one by one.
"""

from __future__ import annotations

import difflib
import itertools
import random
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from spasmguide.kb.ask import understand
from spasmguide.kb.model import (
    CERTAINTY_LEVELS,
    KIND_BY_COLLECTION,
    QUIZ_TOPICS,
    Acupoint,
    Entry,
    KnowledgeBase,
    Needling,
    RedFlagGroup,
    Region,
    Technique,
)
from spasmguide.kb.names import (
    _POSSESSIVE,
    acupoint_name,
    english_names,
    names_of,
    normalize_name,
)
from spasmguide.kb.queries import CertaintyOfEvidence, rank_techniques, safety_subjects
from spasmguide.kb.reading import read
from spasmguide.kb.search import _WORD, STOP_WORDS, _stem_cached, stem, stems_of
from spasmguide.safe_text import one_line
from spasmguide.study.card_index import Candidate as Candidate
from spasmguide.study.card_index import select_cards as select_cards

TOPICS = QUIZ_TOPICS  # one for each kind the model marks as quizzed
CHOICES = 4
PROGRAM = "spasmguide"


# Keys a student may type instead of an answer.
SKIP_KEYS = frozenset({"s", "skip"})
QUIT_KEYS = frozenset({"q", "quit"})
HELP_KEYS = frozenset({"?", "h", "help"})
KEYS_HELP = (
    "Type the option's number or its name (small typos are forgiven); s or skip to skip this"
    " question and see its answer; q or quit to end the quiz with everything saved; ? for"
    " this help."
)
TYPED_HELP = (
    "Type the answer (tone marks and small typos are forgiven); s or skip to skip this"
    " question and see its answer; q or quit to end the quiz with everything saved; ? for"
    " this help."
)
GRADED_HELP = (
    "Type where the point is, in your own words (the landmarks, the side, the distance in"
    " cun); the guide's location is shown next and you grade your answer. s or skip to skip"
    " this question and see its answer; q or quit to end the quiz with everything saved; ?"
    " for this help."
)
# A self-graded card's grades, by what a student types: FSRS's ratings by name and number.
GRADES = {"1": "again", "2": "hard", "3": "good", "4": "easy"}
GRADE_HELP = (
    "Grade your answer against the guide's: 1 or again (you missed it: it comes back at"
    " your next quiz), 2 or hard (right, with effort), 3 or good (right), 4 or easy (right at"
    " once). s or skip leaves it ungraded; q or quit ends the quiz with everything saved."
)
# A typed name within this similarity (difflib's ratio) of one option's name picks it.
TYPO_RATIO = 0.85
# A typed beginning of this many letters or more picks the one option whose name it begins.
PREFIX_LETTERS = 4
# Typed text past this length is not compared (difflib's cost grows with the square).
_MAX_TYPED = 300
_EMPTY: Mapping[str, tuple[str, ...]] = MappingProxyType({})
_NO_RIVALS: Mapping[str, str] = MappingProxyType({})


class Question(NamedTuple):
    card: str
    topic: str
    prompt: str
    choices: tuple[str, ...]  # a recall card's one choice is its answer, never shown first
    answer: int  # index into choices
    accepted: frozenset[str]  # normalized typed answers that also count as right
    explanation: str
    # For each choice, every normalized name that picks it (its text, and aliases).
    names: tuple[frozenset[str], ...] = ()
    typed: bool = False  # recall: the answer is typed, no options are shown
    rivals: Mapping[str, str] = _NO_RIVALS  # recall: other entries' names, and whose they are
    forgive_typos: bool = True
    opens: str = ""  # the command that opens the entry the card is about
    graded: bool = False  # recall graded by the student once the answer is shown


class Card(NamedTuple):
    """What a question asks, before distractors are drawn."""

    card: str
    topic: str
    prompt: str
    answer: str
    pool: tuple[str, ...]  # wrong answers to draw from (shared by the cards of one kind)
    accepted: frozenset[str]
    explanation: str
    # Other names of the answer and of the options in `pool`, as written, by option text.
    aliases: Mapping[str, tuple[str, ...]] = _EMPTY
    # Texts that are right (the answer among them, where a wrong answer could pass for it):
    # never drawn as a wrong answer, nor anything sharing two or more meaningful words with
    # one of them (`_resembles`).
    unlike: tuple[str, ...] = ()
    # Texts that are right too but may look like wrong ones.
    also_right: frozenset[str] = frozenset()
    # The safety subjects (`SAFETY_SUBJECTS`) of what the guide states as right anywhere (a
    # technique's cautions, contraindications and safety notes): no wrong answer names one.
    stated: frozenset[str] = frozenset()
    # Safety content: a wrong answer shares no long word (five letters or more) with a right
    # one, so "in pregnancy" is never marked wrong for a technique that is avoided then too.
    strict: bool = False
    typed: bool = False  # a recall card: no options, the answer is typed
    # A recall card the student grades (Again to Easy) against the answer, shown once they
    # have typed theirs: for answers in a student's own words (where a point is).
    graded: bool = False
    rivals: Mapping[str, str] = _NO_RIVALS  # recall: other entries' names -> whose they are
    forgive_typos: bool = True  # False for codes: a code one character off is another point
    # An Anki "Basic (and reversed card)" note, when both directions are worth learning:
    # (front, back, what the front asks, what the back asks); `in_deck` False when another
    # card's reverse already asks this.
    pair: tuple[str, ...] = ()
    in_deck: bool = True
    # Filled in by `cards_of` from the entry the card asks about.
    regions: tuple[str, ...] = ()  # region ids, in the guide's order
    meridian: str | None = None
    opens: str = ""  # the command that opens the entry


class Answer(NamedTuple):
    """What a typed line means: `action` is choose, skip, quit, help, invalid, or (for a
    self-graded card) recalled, or a grade (again, hard, good, easy). A recall card's wrong
    answer is `choose` with `choice` -1 and, when it names another entry, a `hint` that says
    whose name it is."""

    action: str
    choice: int = -1
    hint: str = ""


# The kind a card id starts with ("acupoint-location:gb20") names the collection of its entry.
COLLECTION_OF_KIND = {
    "technique": "techniques",
    "region": "regions",
    "cause": "causes",
    "acupoint": "acupoints",
    "evidence": "evidence",
}


def cards_of(kb: KnowledgeBase) -> list[Card]:
    """Every card the knowledge base yields, in a stable order, each with the regions and
    meridian it belongs to and the command that opens its entry."""
    source = CardSource(kb, build_all=True)
    return [card for candidate in source.candidates if (card := source.card(candidate.card))]


class CardSource:
    """The cards of a knowledge base, each built when first asked for (`card`): a quiz of ten
    questions builds about ten cards, whatever the number of entries. `candidates` lists
    every card there may be; a candidate whose card would give its answer away, or has too
    few wrong answers, builds as None. With `build_all`, every card is built at once and the
    candidates are exactly the cards."""

    def __init__(self, kb: KnowledgeBase, *, build_all: bool = False) -> None:
        self.kb = kb
        self.links = _Links(kb)
        self._shared: dict[str, Any] = {}
        self._built: dict[str, Card | None] = {}
        self._makers: dict[str, _PerEntry] = {}
        candidates: list[Candidate] = []
        for maker in _CARD_MAKERS:
            if isinstance(maker, _PerEntry):
                self._makers[maker.prefix] = maker
                for entry in self.kb.collection(maker.collection).values():
                    if maker.applies(entry):
                        card_id = f"{maker.prefix}:{entry.id}"
                        if build_all and self.card(card_id) is None:
                            continue
                        candidates.append(self._candidate(card_id, maker, entry))
            else:
                for card in maker(kb):
                    placed = self.links.placed(card)
                    self._built[card.card] = placed
                    candidates.append(
                        Candidate(card.card, card.topic, placed.regions, placed.meridian)
                    )
        self.candidates = candidates

    def _candidate(self, card_id: str, maker: _PerEntry, entry: Entry) -> Candidate:
        return Candidate(
            card_id,
            maker.topic,
            self.links.regions.get((maker.collection, entry.id), ()),
            entry.meridian if isinstance(entry, Acupoint) else None,
        )

    def card(self, card_id: str) -> Card | None:
        """The card with this id, built now if it was not yet; None if it cannot be asked."""
        if card_id in self._built:
            return self._built[card_id]
        prefix, _, entry_id = card_id.partition(":")
        maker = self._makers.get(prefix)
        entries = self.kb.collection(maker.collection) if maker else {}
        card = None
        if maker is not None and entry_id in entries:
            if maker.prefix not in self._shared:
                self._shared[maker.prefix] = maker.shared(self.kb)
            made = maker.make(entries[entry_id], self._shared[maker.prefix])
            card = self.links.placed(made) if made is not None else None
        self._built[card_id] = card
        return card


def meridians_of(kb: KnowledgeBase) -> list[str]:
    """The meridians of the knowledge base's points, in the order they first appear."""
    return list(dict.fromkeys(point.meridian for point in kb.acupoints.values()))


def make_question(card: Card, rng: random.Random) -> Question:
    """The card as a question: a recall card as it is, any other as multiple choice with its
    distractors drawn from its pool with `rng`."""
    if card.typed:
        return Question(
            card.card,
            card.topic,
            card.prompt,
            (card.answer,),
            0,
            card.accepted | {normalize_name(card.answer)},
            card.explanation,
            typed=True,
            rivals=card.rivals,
            forgive_typos=card.forgive_typos,
            opens=card.opens,
            graded=card.graded,
        )
    choices = [*distractors(card, rng), card.answer]
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
        opens=card.opens,
    )


def distractors(
    card: Card, rng: random.Random, count: int = CHOICES - 1, *, tries: int | None = None
) -> list[str]:
    """Up to `count` wrong answers from the card's pool: never the answer, another right
    answer, or a text that resembles one. Drawn at random and checked one at a time, so a
    large pool costs no more than a small one; with `tries` None the pool is read on from a
    random place when the draws run out, else at most `tries` texts are checked."""
    pool = card.pool
    chosen: list[str] = []
    if not pool:
        return chosen
    if tries is not None and len(pool) <= tries:
        tries = None  # a small pool is read whole
    tried: set[int] = set()
    for _ in range(8 * count + 8 if tries is None else tries):
        if len(chosen) == count or len(tried) == len(pool):
            return chosen
        index = rng.randrange(len(pool))
        if index in tried:
            continue
        tried.add(index)
        if _may_be_wrong_answer(card, pool[index], chosen):
            chosen.append(pool[index])
    if tries is not None or len(chosen) == count:
        return chosen
    # Then on through the pool from a random place: as far as the next wrong answers, not
    # the whole pool, unless there are none.
    start = rng.randrange(len(pool))
    for step in range(len(pool)):
        if len(chosen) == count:
            break
        index = (start + step) % len(pool)
        if index not in tried and _may_be_wrong_answer(card, pool[index], chosen):
            chosen.append(pool[index])
    return chosen


def _may_be_wrong_answer(card: Card, candidate: str, chosen: Sequence[str]) -> bool:
    if candidate == card.answer or candidate in card.also_right or candidate in chosen:
        return False
    if _normalized(candidate) == _normalized(card.answer):
        return False
    if card.stated and safety_subjects(candidate) & card.stated:
        return False
    return not any(_resembles(candidate, right, strict=card.strict) for right in card.unlike)


def _resembles(candidate: str, right: str, *, strict: bool = False) -> bool:
    """Whether `candidate` could pass for `right`: the same text, or two or more meaningful
    words in common (so "Keep up gentle stretching" is no distractor when "Keep gently
    active, with regular stretching" is right); `strict`, any long word in common."""
    if candidate == right:
        return True
    shared = _meaningful_stems(candidate) & _meaningful_stems(right)
    return len(shared) >= 2 or (strict and any(len(word) >= _LONG_WORD for word in shared))


_LONG_WORD = 5


def _key(typed: str) -> Answer | None:
    """The quiz key `typed` is (skip, quit, help), if it is one."""
    folded = typed.casefold()
    for action, keys in (("skip", SKIP_KEYS), ("quit", QUIT_KEYS), ("help", HELP_KEYS)):
        if folded in keys:
            return Answer(action)
    return None


def judge(question: Question, given: str) -> Answer:
    """What `given` means for `question`: an option (by number, name or alias, small typos
    or a clear beginning forgiven when only one option is that close), a typed answer for a
    recall card, a key (skip, quit, help), or nothing valid, with a hint. Never raises,
    whatever the text."""
    typed = given.strip()[:_MAX_TYPED]
    key_pressed = _key(typed)
    if key_pressed is not None:
        return key_pressed
    if question.graded:
        if typed:
            return Answer("recalled")
        return Answer(
            "invalid", hint="No answer given: type where it is, s to skip, or ? for the keys."
        )
    if question.typed:
        return _judge_typed(question, typed)
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
    if not close and len(key) >= PREFIX_LETTERS:
        close = [
            index for index, keys in enumerate(names) if any(name.startswith(key) for name in keys)
        ]
    if len(close) == 1:
        return Answer("choose", close[0])
    if close:
        options = " or ".join(str(index + 1) for index in close)
        return Answer("invalid", hint=f"That could be option {options}: type its number.")
    return Answer(
        "invalid", hint=f"That is not one of the options: type {numbers}, or ? for the keys."
    )


def judge_grade(given: str) -> Answer:
    """What `given` means as the grade of a self-graded answer: a grade (its number or name),
    a key (skip, quit, help), or nothing valid, with a hint. Never raises."""
    folded = given.strip()[:_MAX_TYPED].casefold()
    key_pressed = _key(folded)
    if key_pressed is not None:
        return key_pressed
    if folded in GRADES:
        return Answer(GRADES[folded])
    if folded in GRADES.values():
        return Answer(folded)
    return Answer(
        "invalid", hint="That is no grade: type 1 again, 2 hard, 3 good or 4 easy (? for more)."
    )


def _judge_typed(question: Question, typed: str) -> Answer:
    key = normalize_name(typed)
    if not key:
        return Answer(
            "invalid", hint="No answer given: type the answer, s to skip, or ? for the keys."
        )
    accepted = question.accepted
    if key in accepted:
        return Answer("choose", question.answer)
    if key in question.rivals:
        return Answer("choose", -1, f"{one_line(typed, 40)} is {question.rivals[key]}.")
    if question.forgive_typos and len(key) >= 3:
        best = max((_ratio(key, name) for name in accepted), default=0.0)
        if best >= TYPO_RATIO and not any(
            _ratio(key, name) >= best
            for name in question.rivals
            if abs(len(name) - len(key)) < 4 and name not in accepted
        ):
            return Answer("choose", question.answer)
    return Answer("choose", -1)


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
    return _ratio(first, second) >= TYPO_RATIO


def _ratio(first: str, second: str) -> float:
    """difflib's ratio, or 0 when its quick upper bounds already rule out TYPO_RATIO."""
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    if matcher.real_quick_ratio() < TYPO_RATIO or matcher.quick_ratio() < TYPO_RATIO:
        return 0.0
    return matcher.ratio()


def giveaways(card: Card) -> set[str]:
    """The words of the card's prompt that would give its answer away: a whole name of the
    answer (its text or an alias), or a word of the answer that no other option has."""
    prompt = _meaningful_stems(card.prompt)
    answer_names = (card.answer, *card.aliases.get(card.answer, ()))
    found: set[str] = set()
    answer_words: set[str] = set()
    for name in answer_names:
        stems = _meaningful_stems(name)
        if stems and stems <= prompt:
            found |= stems
        answer_words |= stems
    shown = answer_words & prompt
    # A word is the answer's alone when no option but the answer has it: the first options
    # usually show another has it; else the pool's words are counted, once per pool.
    unsure = set(shown)
    for option in itertools.islice(card.pool, _PROBES):
        if not unsure:
            return found
        if option != card.answer:
            unsure -= _option_stems(option, card.aliases)
    if not unsure:
        return found
    options, counts = _pool_words(card.pool, card.aliases)
    own = _option_stems(card.answer, card.aliases) if card.answer in options else frozenset()
    return found | {word for word in unsure if counts[word] - (word in own) <= 0}


_POOLS: dict[tuple[int, int], tuple[object, object, frozenset[str], Counter[str]]] = {}


def _pool_words(
    pool: tuple[str, ...], aliases: Mapping[str, tuple[str, ...]]
) -> tuple[frozenset[str], Counter[str]]:
    """The pool's options, and for each meaningful word how many options have it (in their
    text or an alias): counted once per pool, which the cards of a kind share."""
    key = (id(pool), id(aliases))
    kept = _POOLS.get(key)
    if kept is not None and kept[0] is pool and kept[1] is aliases:
        return kept[2], kept[3]
    options = frozenset(pool)
    counts: Counter[str] = Counter()
    for option in options:
        counts.update(_option_stems(option, aliases))
    if len(_POOLS) > 256:
        _POOLS.clear()
    _POOLS[key] = (pool, aliases, options, counts)  # the pool kept alive keeps its id unique
    return options, counts


def _option_stems(option: str, aliases: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    stems = _meaningful_stems(option)
    for name in aliases.get(option, ()):
        stems = stems | _meaningful_stems(name)
    return stems


_STEMS: dict[str, frozenset[str]] = {}
_MAX_STEMMED = 200_000


def _meaningful_stems(text: str) -> frozenset[str]:
    """The stems of the words that carry meaning in `text`, worked out once per text."""
    found = _STEMS.get(text)
    if found is None:
        if len(_STEMS) >= _MAX_STEMMED:
            _STEMS.clear()
        if text.isascii():  # what `stems_of` does, for the text it mostly meets, faster
            words = [
                _stem_cached(word) for word in _WORD.findall(_POSSESSIVE.sub("", text.casefold()))
            ]
        else:
            words = stems_of(text)
        found = _STEMS[text] = frozenset(
            word for word in words if word not in STOP_WORDS and len(word) > 2
        )
    return found


_NORMALIZED: dict[str, str] = {}


def _normalized(text: str) -> str:
    """`normalize_name(text)`, worked out once per text."""
    found = _NORMALIZED.get(text)
    if found is None:
        if len(_NORMALIZED) >= _MAX_STEMMED:
            _NORMALIZED.clear()
        found = _NORMALIZED[text] = normalize_name(text)
    return found


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


class _Links:
    """For each entry a card may ask about, the regions it belongs to (a region itself; the
    regions that suggest a technique, list a point or that a point names, or list an evidence
    entry; a cause's regions), worked out once for all the cards."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        order = {region_id: position for position, region_id in enumerate(kb.regions)}
        found: dict[tuple[str, str], set[str]] = {}
        for region in kb.regions.values():
            found.setdefault(("regions", region.id), set()).add(region.id)
            for suggestion in region.techniques:
                found.setdefault(("techniques", suggestion.technique), set()).add(region.id)
            for point_id in region.acupoints:
                found.setdefault(("acupoints", point_id), set()).add(region.id)
            for evidence_id in region.evidence:
                found.setdefault(("evidence", evidence_id), set()).add(region.id)
        for point in kb.acupoints.values():  # and the regions a point names as its own
            found.setdefault(("acupoints", point.id), set()).update(
                entry.region for entry in point.regions
            )
        for cause in kb.causes.values():
            found.setdefault(("causes", cause.id), set()).update(cause.regions)
        for evidence in kb.evidence.values():
            found.setdefault(("evidence", evidence.id), set()).update(evidence.regions)
        self.regions = {
            key: tuple(sorted((r for r in ids if r in order), key=order.__getitem__))
            for key, ids in found.items()
        }

    def placed(self, card: Card) -> Card:
        kind, _, entry_id = card.card.partition(":")
        collection = COLLECTION_OF_KIND.get(kind.split("-")[0])
        if collection is None or entry_id not in self.kb.collection(collection):
            return card
        entry = self.kb.collection(collection)[entry_id]
        opens_with = KIND_BY_COLLECTION[collection].opens_with
        return card._replace(
            regions=card.regions or self.regions.get((collection, entry_id), ()),
            meridian=entry.meridian if isinstance(entry, Acupoint) else card.meridian,
            opens=card.opens
            or (f"{PROGRAM} {opens_with.format(id=entry_id)}" if opens_with else ""),
        )


def entry_of(kb: KnowledgeBase, card_id: str) -> Entry | None:
    """The knowledge-base entry a card asks about, found from the card's id, if any."""
    kind, _, entry_id = card_id.partition(":")
    collection = COLLECTION_OF_KIND.get(kind.split("-")[0])
    if collection is not None and entry_id in kb.collection(collection):
        return kb.collection(collection)[entry_id]
    for name in COLLECTION_OF_KIND.values():
        if entry_id in kb.collection(name):
            return kb.collection(name)[entry_id]
    return None


class _PerEntry(NamedTuple):
    """A kind of card asked of one entry at a time: the quiz builds only the cards it asks.
    `shared` (pools, names) is worked out once per build, when a card first needs it."""

    prefix: str
    topic: str
    collection: str
    applies: Callable[[Any], bool]
    shared: Callable[[KnowledgeBase], Any]
    make: Callable[[Any, Any], Card | None]  # (entry, shared)


def _how_shared(kb: KnowledgeBase) -> tuple[tuple[str, ...], Mapping[str, tuple[str, ...]]]:
    return tuple(t.name for t in kb.techniques.values()), _aliases(kb.techniques.values())


def _technique_how(
    technique: Technique, shared: tuple[tuple[str, ...], Mapping[str, tuple[str, ...]]]
) -> Card | None:
    names, aliases = shared

    def asking(sentence: str) -> Card:
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
    return card


def _by_category(kb: KnowledgeBase, field: str) -> dict[str, tuple[str, ...]]:
    """For each technique category, the texts of `field` of every technique of another
    category: one shared pool per category."""
    texts: dict[str, list[str]] = {}
    for technique in kb.techniques.values():
        texts.setdefault(technique.category, []).extend(getattr(technique, field))
    return {
        category: tuple(
            dict.fromkeys(
                text for other, items in texts.items() if other != category for text in items
            )
        )
        for category in texts
    }


# How the guide marks a statement no source was checked for ("unverified teaching; no edition
# was checked for this guide"): shown on its page with that mark, never drilled as fact.
_UNCHECKED = re.compile(
    r"\bunverified\b|\bunchecked\b|\bnot (?:been )?checked\b|no edition was checked", re.I
)


def checked(text: str) -> bool:
    """Whether a statement may be a card's right answer: the guide does not mark it as
    unverified or unchecked teaching."""
    return not _UNCHECKED.search(text)


class _SafetyPools(NamedTuple):
    """What a technique's caution and contraindication cards draw on: for each category, the
    texts of techniques of another category (`pools`); for each technique, every caution the
    guide states for it anywhere (`stated`: its own cautions and contraindications and the
    points of the safety notes it names)."""

    pools: dict[str, tuple[str, ...]]
    stated: Mapping[str, frozenset[str]]


def _safety_pools(kb: KnowledgeBase, field: str) -> _SafetyPools:
    stated = {
        technique.id: frozenset(
            subject
            for text in (
                *technique.cautions,
                *technique.contraindications,
                *(
                    point
                    for note in technique.safety
                    if note in kb.safety
                    for point in kb.safety[note].points
                ),
            )
            for subject in safety_subjects(text)
        )
        for technique in kb.techniques.values()
    }
    return _SafetyPools(_by_category(kb, field), MappingProxyType(stated))


def _technique_safety_card(
    technique: Technique,
    shared: _SafetyPools,
    kind: str,
    asked: tuple[str, ...],
    others: tuple[str, ...],
) -> Card | None:
    """A card asking which option is one of `asked` (the technique's cautions, or its
    contraindications): wrong answers are those of techniques of another kind, as a needling
    caution may well hold for every needling technique; no option may be one of `others`
    (its other list), nor share a long word with them. No wrong answer may be a caution the
    guide states for this technique anywhere, its safety notes included (`stated`): pressure
    on the points avoided in pregnancy is no wrong answer for shiatsu when the bodywork notes
    advise against it."""
    what = {"caution": "a caution for", "contraindication": "a contraindication to"}[kind]
    heading = {"caution": "Cautions", "contraindication": "Contraindications"}[kind]
    card = _first_fair(
        Card(
            f"technique-{kind}:{technique.id}",
            "techniques",
            f"Which of these is {what} {technique.name}?",
            answer,
            shared.pools.get(technique.category, ()),
            frozenset(),
            f"{heading}: " + " ".join(asked),
            unlike=(*asked, *others),
            stated=shared.stated.get(technique.id, frozenset()),
            strict=True,
        )
        for answer in asked
        if checked(answer)
    )
    return card if card is not None and _has_distractors(card) else None


def _technique_caution(technique: Technique, shared: _SafetyPools) -> Card | None:
    return _technique_safety_card(
        technique, shared, "caution", technique.cautions, technique.contraindications
    )


def _technique_contraindication(technique: Technique, shared: _SafetyPools) -> Card | None:
    return _technique_safety_card(
        technique, shared, "contraindication", technique.contraindications, technique.cautions
    )


_TECHNIQUE_HOW = _PerEntry(
    "technique-how",
    "techniques",
    "techniques",
    lambda technique: bool(technique.how_it_works),
    _how_shared,
    _technique_how,
)
_TECHNIQUE_CAUTION = _PerEntry(
    "technique-caution",
    "techniques",
    "techniques",
    lambda technique: bool(technique.cautions),
    lambda kb: _safety_pools(kb, "cautions"),
    _technique_caution,
)
_TECHNIQUE_CONTRAINDICATION = _PerEntry(
    "technique-contraindication",
    "techniques",
    "techniques",
    lambda technique: bool(technique.contraindications),
    lambda kb: _safety_pools(kb, "contraindications"),
    _technique_contraindication,
)


def card_rng(card: Card) -> random.Random:
    """A random generator of the card's own: the same draws for the same card, every run
    (seeded with a number: seeding with text costs a hash of it)."""
    return random.Random(zlib.crc32(card.card.encode("utf-8", "surrogateescape")))


# How many texts of a pool are checked, at most, to see that a card has wrong answers enough.
_PROBES = 64


def _has_distractors(card: Card) -> bool:
    """Whether the card can be asked as multiple choice with its full set of options (the
    wrong answers a question draws are then found too, reading the pool if need be)."""
    return len(distractors(card, card_rng(card), CHOICES - 1, tries=_PROBES)) == CHOICES - 1


def _strong(certainty: CertaintyOfEvidence) -> bool:
    """Whether the evidence a top rank rests on may be called the strongest: direct (not
    borrowed from another place) and of moderate certainty or more."""
    return (
        certainty.entry is not None
        and not certainty.indirect
        and certainty.level >= CERTAINTY_LEVELS["moderate"]
    )


def _region_strongest_evidence(kb: KnowledgeBase) -> Iterator[Card]:
    """For a region whose ranking (docs/decisions/014) puts one technique alone at the top:
    which of these has the strongest evidence? The techniques the same ranking puts lower are
    the wrong answers. Where one of them has evidence as certain as the top's (ranked lower by
    a step of the rule, not by weaker evidence), or the top's evidence is weak or borrowed, the
    card asks what ranks first by the guide's rule instead; where the top is a tie, nothing is
    asked."""
    aliases = _aliases(kb.techniques.values())
    for region in kb.regions.values():
        ranked = rank_techniques(kb, [region])
        if not ranked or ranked[0].tied:
            continue  # the rule cannot separate the top: never ask to
        top = ranked[0]
        weaker = tuple(item.technique.name for item in ranked[1:])
        basis = top.basis
        why = f"evidence {basis.certainty.label}"
        if basis.certainty.entry is not None and basis.certainty.indirect:
            # Borrowed from trials on another place or condition (decision 014): said so.
            why += (
                f" (borrowed from {basis.certainty.entry.title}, not studied on"
                f" {region.name.lower()})"
            )
        elif basis.certainty.entry is not None:
            why += f" ({basis.certainty.entry.title})"
        prompt = f"Which of these has the strongest evidence for {region.name}?"
        if basis.guideline.entries and not basis.certainty.level:
            # Ranked on a current guideline alone (no review evidence counts, an ungraded one
            # included): "strongest evidence" would say more than the guide knows, so the card
            # asks what ranks first and says why.
            prompt = f"Which of these ranks first for {region.name} on a current guideline?"
            why = f"a current guideline ({basis.guideline.label}); no graded review evidence"
        elif basis.guideline.entries:
            why = f"guidelines {basis.guideline.label}; " + why
        if prompt.startswith("Which of these has the strongest") and not _strong(basis.certainty):
            # Borrowed from another place, or of low certainty: first by the guide's rule
            # (decision 014), which is not the same as strong evidence.
            prompt = f"Which of these ranks first for {region.name} by the guide's rule?"
            if basis.certainty.indirect:
                prompt = (
                    f"Which of these ranks first for {region.name} by the guide's rule,"
                    " on evidence borrowed from elsewhere?"
                )
        level = basis.certainty.level
        if prompt.startswith("Which of these has the strongest") and any(
            item.basis.certainty.level >= level for item in ranked[1:]
        ):
            # Another technique has evidence as certain and is ranked lower only by a step of
            # the rule (a needling risk, least invasive first): the card asks what ranks first.
            prompt = f"Which of these ranks first for {region.name} by the guide's rule?"
            why += (
                "; techniques with evidence as certain rank lower by the rule's risk or"
                " least-invasive step"
            )
        card = _first_fair(
            [
                Card(
                    f"region-evidence:{region.id}",
                    "regions",
                    prompt,
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
    tips = tuple(dict.fromkeys(tip for cause in kb.causes.values() for tip in cause.prevention))
    for cause in kb.causes.values():
        card = _first_fair(
            Card(
                f"cause-prevention:{cause.id}",
                "causes",
                f"Which of these helps prevent spasms from {cause.name.lower()}?",
                tip,
                tips,
                frozenset(),
                "Prevention: " + " ".join(cause.prevention),
                unlike=cause.prevention,
            )
            for tip in cause.prevention
        )
        if card is not None and _has_distractors(card):
            yield card


def _symptoms_named(kb: KnowledgeBase, text: str) -> frozenset[str]:
    """The symptoms (vocabulary concepts of the symptom group) the guide's reader finds
    affirmed in `text`."""
    vocabulary = kb.vocabulary
    return frozenset(
        concept
        for found in read(kb, text).found
        if not found.denied
        for concept in found.phrase.concepts
        if concept in vocabulary and vocabulary[concept].group == "symptom"
    )


def _emergency_overlap(kb: KnowledgeBase) -> Callable[[str], bool]:
    """Whether a sign the guide rates below emergency still overlaps an emergency sign
    somewhere in the guide, so that a learner who picks it for "needs emergency care" is
    not wrong: its own words, read by the guide's reader, raise an emergency sign ("pain
    just below the ribs"), or it names a symptom that an emergency sign's title names
    ("blackouts" beside "Someone who has collapsed, is unconscious or cannot be woken")."""
    emergencies = [group for group in kb.red_flags.values() if group.urgency == "emergency"]
    titled = frozenset().union(*(_symptoms_named(kb, group.title) for group in emergencies))

    def overlaps(sign: str) -> bool:
        if _symptoms_named(kb, sign) & titled:
            return True
        return any(group.urgency == "emergency" for group, _ in understand(kb, sign).warnings)

    return overlaps


class _EmergencyPools(NamedTuple):
    """What every region's emergency card draws on: the guide's emergency signs, the calmer
    signs that may be offered as no emergency at all, a few of those for a region with too
    few of its own, and what the emergency label means."""

    groups: Mapping[str, RedFlagGroup]
    emergency_signs: tuple[str, ...]
    calmer: tuple[str, ...]
    meaning: str

    @property
    def spare(self) -> tuple[str, ...]:
        """The calmer signs lent to a region with too few of its own."""
        return self.calmer[:_PROBES]


def _emergency_pools(kb: KnowledgeBase) -> _EmergencyPools:
    """The pools of `_region_emergency`: a calmer sign is never one like an emergency sign
    nor one that overlaps an emergency sign anywhere in the guide (`_emergency_overlap`).
    Worked out when an emergency card is first asked: it reads every sign."""
    groups = kb.red_flags
    overlaps = _emergency_overlap(kb)
    emergency_signs = tuple(
        dict.fromkeys(
            sign
            for group in groups.values()
            if group.urgency == "emergency"
            for sign in group.signs
        )
    )

    def wrong(sign: str) -> bool:
        """Whether a calmer sign may be offered as no emergency at all."""
        return not overlaps(sign) and not any(_resembles(sign, other) for other in emergency_signs)

    calmer = tuple(
        dict.fromkeys(
            sign
            for group in groups.values()
            if group.urgency != "emergency"
            for sign in group.signs
            if wrong(sign)
        )
    )
    meaning = next(
        (label.meaning for label in kb.guide.urgency_labels if label.label == "emergency"), ""
    )
    return _EmergencyPools(groups, emergency_signs, calmer, meaning)


def _region_emergency(region: Region, pools: _EmergencyPools) -> Card | None:
    """For a region with warning signs that need emergency care: which of these signs does?
    The wrong answers are signs the guide rates urgent or for a doctor (the region's own
    first, so the region gives none away), drawn from `pools`."""
    groups = pools.groups
    linked = [groups[group_id] for group_id in region.red_flags if group_id in groups]
    urgent = [group for group in linked if group.urgency == "emergency"]
    own = tuple(
        sign
        for sign in dict.fromkeys(
            sign for group in linked if group.urgency != "emergency" for sign in group.signs
        )
        if sign in pools.calmer
    )
    pool = own if len(own) >= CHOICES - 1 else tuple(dict.fromkeys((*own, *pools.spare)))
    card = _first_fair(
        Card(
            f"region-emergency:{region.id}",
            "regions",
            f"{region.name}: which of these signs needs emergency care?",
            sign,
            pool,
            frozenset(),
            f"{group.title}: an emergency. {pools.meaning}".strip(),
            unlike=pools.emergency_signs,
        )
        for group in urgent
        for sign in group.signs
    )
    return card if card is not None and _has_distractors(card) else None


_REGION_EMERGENCY = _PerEntry(
    "region-emergency",
    "regions",
    "regions",
    lambda region: bool(region.red_flags),
    _emergency_pools,
    _region_emergency,
)


def _acupoint_location(kb: KnowledgeBase) -> Iterator[Card]:
    """Where a point is, recalled in the student's own words and graded by them against the
    guide's location (docs/decisions/022). No options are drawn; the other points'
    locations are the pool only so that a word of the prompt they share ("where") is not
    taken for a giveaway."""
    locations = tuple(dict.fromkeys(point.location for point in kb.acupoints.values()))
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
                    typed=True,
                    graded=True,
                )
            ]
        )
        if card is not None:
            yield card


class _PointNames(NamedTuple):
    """Every point's names and codes (normalized), each saying whose it is: a typed answer
    that is another point's name is wrong, and the quiz says whose it is."""

    names: Mapping[str, str]
    codes: Mapping[str, str]
    name_keys: Mapping[str, frozenset[str]]  # by point id: its names (pinyin, English)
    code_keys: Mapping[str, frozenset[str]]  # by point id: its codes in every system known


def _point_names(kb: KnowledgeBase) -> _PointNames:
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    name_keys: dict[str, frozenset[str]] = {}
    code_keys: dict[str, set[str]] = {}
    for point in kb.acupoints.values():
        keys = frozenset(
            key
            for name in (point.pinyin, *english_names(point), *point.aliases)
            if (key := normalize_name(name))
        )
        name_keys[point.id] = keys
        whose = f"the name of {point.code}" if point.code else "another point's name"
        for key in keys:
            names.setdefault(key, whose)
        code_keys[point.id] = {
            key for name in (point.id, point.code or "") if (key := normalize_name(name))
        }
    # Other names the guide knows a point by (codes of other systems, say), if not a name.
    for key, point_id in kb.names.get("acupoints", {}).items():
        if point_id in code_keys and key not in name_keys[point_id]:
            code_keys[point_id].add(key)
    for point_id, codes_known in code_keys.items():
        point = kb.acupoints[point_id]
        for key in codes_known:
            codes.setdefault(key, f"the code of {point.pinyin}")
    return _PointNames(
        MappingProxyType(names),
        MappingProxyType(codes),
        MappingProxyType(name_keys),
        MappingProxyType({point_id: frozenset(keys) for point_id, keys in code_keys.items()}),
    )


def _point_summary(point: Acupoint) -> str:
    characters = f", {point.characters}" if point.characters else ""
    english = f" ({point.english[0]})" if point.english else ""
    code = f"{point.code}: " if point.code else ""
    return f"{code}{point.pinyin}{characters}{english}, {point.meridian}."


def _acupoint_names(kb: KnowledgeBase) -> Iterator[Card]:
    """Recall both ways between a point's code and its name: typed, as a student would write
    them. In Anki the two are one note, "Basic (and reversed card)"."""
    known = _point_names(kb)
    for point in kb.acupoints.values():
        if not point.code:
            continue
        shown = acupoint_name(point, "name")
        pair = (
            point.code,
            " · ".join((point.pinyin, *point.english[:1])),
            "The name of this point (pinyin and English)?",
            "The code of this point?",
        )
        card = _first_fair(
            [
                Card(
                    f"acupoint-name:{point.id}",
                    "acupoints",
                    f"What is the name of {point.code}? (pinyin or English)",
                    shown,
                    (),
                    known.name_keys[point.id],
                    _point_summary(point),
                    typed=True,
                    rivals=known.names,
                    pair=pair,
                )
            ]
        )
        if card is not None:
            yield card
        card = _first_fair(
            [
                Card(
                    f"acupoint-code:{point.id}",
                    "acupoints",
                    f"What is the code of {shown}?",
                    point.code,
                    (),
                    known.code_keys[point.id],
                    _point_summary(point),
                    typed=True,
                    rivals=known.codes,
                    forgive_typos=False,  # GB21 is not a typo for GB20
                    in_deck=False,  # the reverse of the name card
                )
            ]
        )
        if card is not None:
            yield card


def _acupoint_characters(kb: KnowledgeBase) -> Iterator[Card]:
    """The pinyin of a point's characters, typed: tone marks may be left out."""
    known = _point_names(kb)
    for point in kb.acupoints.values():
        if not point.characters:
            continue
        characters = point.characters
        if point.simplified and point.simplified != characters:
            characters += f" (simplified {point.simplified})"
        pinyin = point.pinyin
        yield Card(
            f"acupoint-characters:{point.id}",
            "acupoints",
            f"How is {characters} read in pinyin?",
            pinyin,
            (),
            frozenset({normalize_name(pinyin)}),
            _point_summary(point),
            typed=True,
            rivals=known.names,
            pair=(
                characters,
                pinyin,
                "These characters name a point: how are they read in pinyin?",
                "This point's name in Chinese characters?",
            ),
        )


def _acupoint_choice(
    kb: KnowledgeBase,
    kind: str,
    ask: str,
    answers: Callable[[Acupoint], Sequence[str]],
    *,
    explain: Callable[[Acupoint], str],
) -> Iterator[Card]:
    """One multiple-choice card per point that has `answers`: the first that gives nothing
    away is asked, the others of the same point are never wrong answers. `ask` holds
    {label} (code and pinyin) or {name} (pinyin and English name)."""
    pool = tuple(dict.fromkeys(text for point in kb.acupoints.values() for text in answers(point)))
    for point in kb.acupoints.values():
        right = tuple(answers(point))
        if not right:
            continue
        prompt = ask.format(label=acupoint_name(point), name=acupoint_name(point, "name"))
        card = _first_fair(
            Card(
                f"{kind}:{point.id}",
                "acupoints",
                prompt,
                answer,
                pool,
                frozenset(),
                explain(point),
                unlike=right,
                also_right=frozenset(right),
            )
            for answer in right
            if checked(answer)
        )
        if card is not None and _has_distractors(card):
            yield card


def point_cautions(point: Acupoint) -> tuple[str, ...]:
    """Every caution the guide gives for a point: its own, the one beside its needling depth,
    and the one in pregnancy."""
    extra = (point.needling.caution if point.needling else None, point.pregnancy)
    return (*point.cautions, *(text for text in extra if text))


def _acupoint_caution(kb: KnowledgeBase) -> Iterator[Card]:
    return _acupoint_choice(
        kb,
        "acupoint-caution",
        "Which of these is a caution when needling {label}?",
        point_cautions,
        explain=lambda point: f"{acupoint_name(point)}: {' '.join(point_cautions(point))}",
    )


def needling_text(needling: Needling) -> str:
    """How a point is needled, in words: "Oblique, toward the tip of the nose, 0.5-0.8 cun"."""
    parts = [needling.angle or "", needling.direction or "", f"{needling.depth} cun"]
    text = ", ".join(part for part in parts if part)
    return text[:1].upper() + text[1:]  # "Toward the tip of the nose, ..." without an angle


def _acupoint_needling(kb: KnowledgeBase) -> Iterator[Card]:
    def explain(point: Acupoint) -> str:
        assert point.needling is not None
        beneath = point.needling.beneath
        lies = f" Beneath: {', '.join(beneath)}." if beneath else ""
        return f"{acupoint_name(point)}: {needling_text(point.needling)}.{lies}"

    return _acupoint_choice(
        kb,
        "acupoint-needling",
        "How is {label} needled (angle, direction, depth)?",
        lambda point: (needling_text(point.needling),) if point.needling else (),
        explain=explain,
    )


def _acupoint_meridian(kb: KnowledgeBase) -> Iterator[Card]:
    return _acupoint_choice(
        kb,
        "acupoint-meridian",
        "{name}: which meridian, or group of extra points, is it on?",
        lambda point: (point.meridian,),
        explain=_point_summary,
    )


def _acupoint_category(kb: KnowledgeBase) -> Iterator[Card]:
    """For each category a point belongs to, a card of its own ("acupoint-category-he-sea:
    st36"): which category is the point? The options are the categories' names, one shared
    pool; the point's other categories are right too, so never offered as wrong answers. The
    explanation is the term's meaning, and what the category is of, where the guide says."""
    terms = kb.point_terms
    pool = tuple(
        dict.fromkeys(
            terms[category.term].name
            for point in kb.acupoints.values()
            for category in point.categories
            if category.term in terms
        )
    )
    for point in kb.acupoints.values():
        right = tuple(
            dict.fromkeys(
                terms[category.term].name for category in point.categories if category.term in terms
            )
        )
        label = acupoint_name(point)
        for category in point.categories:
            term = terms.get(category.term)
            if term is None:
                continue
            of = f", of {category.of}" if category.of else ""
            card = _first_fair(
                [
                    Card(
                        f"acupoint-category-{term.id}:{point.id}",
                        "acupoints",
                        f"Which category does {label} belong to?",
                        term.name,
                        pool,
                        frozenset(),
                        f"{label}: a {term.name}{of}. {' '.join(term.meaning.split())}",
                        unlike=right,
                        also_right=frozenset(right),
                    )
                ]
            )
            if card is not None and _has_distractors(card):
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


_Maker = Callable[[KnowledgeBase], Iterator[Card]] | _PerEntry
_CARD_MAKERS: Sequence[_Maker] = (
    _TECHNIQUE_HOW,
    _TECHNIQUE_CAUTION,
    _TECHNIQUE_CONTRAINDICATION,
    _region_strongest_evidence,
    _REGION_EMERGENCY,
    _cause_prevention,
    _acupoint_location,
    _acupoint_names,
    _acupoint_characters,
    _acupoint_caution,
    _acupoint_needling,
    _acupoint_meridian,
    _acupoint_category,
    _evidence_certainty,
)
