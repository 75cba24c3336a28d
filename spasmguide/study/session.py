"""One quiz: choose the cards (due first), ask them, judge and record each answer at once.

An answer that is no option is asked again with a hint; `s` skips, `q` ends the quiz, `?`
shows the keys. A wrong or skipped card shows the right answer, the reason in one line and
the command that opens its entry; the end lists every card missed or skipped, with its
answer and when it comes back. Ctrl-C ends the quiz the same way, every answer saved. A
self-graded card (where a point is) shows the guide's answer once the student has typed
theirs, and asks for their grade, Again to Easy, which FSRS schedules as it is.

Only the cards asked are built (`CardSource`): a question appears as fast with a teacher's
thousands of techniques as with the shipped guide.

Input and output are plain callables, so the same session runs in a terminal, from a pipe
(one answer per line) and in tests.
"""

from __future__ import annotations

import random
import re
import textwrap
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import NamedTuple

from spasmguide.kb.model import KnowledgeBase
from spasmguide.safe_text import escape_controls
from spasmguide.study.cards import (
    GRADE_HELP,
    GRADED_HELP,
    KEYS_HELP,
    TYPED_HELP,
    Answer,
    Candidate,
    Card,
    CardSource,
    Question,
    judge,
    judge_grade,
    make_question,
    select_cards,
)
from spasmguide.study.progress import (
    CardState,
    Progress,
    Rating,
    is_due,
    order_cards,
    rating_for,
)


class QuizResult(NamedTuple):
    right: int
    asked: int  # questions answered: skipped ones are not counted
    planned: int
    skipped: int = 0
    interrupted: bool = False  # ended with Ctrl-C


class Miss(NamedTuple):
    """A card answered wrong or skipped, for the list at the end."""

    prompt: str
    answer: str
    skipped: bool
    due: str  # when it comes back, in words


PROMPT = "Your answer (number or name; ? for keys): "
TYPED_PROMPT = "Your answer (type it; s skips, ? for keys): "
GRADED_PROMPT = "Where is it? (in your own words; s skips, ? for keys): "
GRADE_PROMPT = "Your grade (1 again, 2 hard, 3 good, 4 easy): "
# The one-line reason shown after an answer: the explanation's first sentence, at most this long.
REASON_LIMIT = 160


def quiz_candidates(
    source: CardSource,
    *,
    topic: str | None = None,
    region: str | None = None,
    meridian: frozenset[str] | None = None,
) -> list[Candidate]:
    """The cards the quiz may ask, of the topic, region and meridian given."""
    return select_cards(source.candidates, topic=topic, region=region, meridian=meridian)


def run_quiz(
    kb: KnowledgeBase,
    progress: Progress,
    *,
    count: int,
    seed: int | None,
    topic: str | None,
    read_answer: Callable[[str], str | None],
    write: Callable[[str], None],
    now: float,
    width: int = 80,
    note: Callable[[str], None] | None = None,
    clock: Callable[[], float] | None = None,
    tries: int | None = None,
    region: str | None = None,
    meridian: frozenset[str] | None = None,
    source: CardSource | None = None,
) -> QuizResult:
    """Asks up to `count` questions; `read_answer(prompt)` returns None when input ends.

    An answer that is no option is not scored: the question is asked again with a hint, up to
    `tries` times (None: without limit) before it is skipped. `clock` times each answer in
    seconds (a right answer under EASY_SECONDS is rated Easy); None when time says nothing,
    as with answers read from a pipe. `note` hears, once, when progress cannot be saved.
    Ctrl-C (KeyboardInterrupt) while a question waits ends the quiz with its summary."""
    rng = random.Random(seed)
    source = source or CardSource(kb)
    candidates = quiz_candidates(source, topic=topic, region=region, meridian=meridian)
    rng.shuffle(candidates)  # the seed decides the order among equally due cards
    candidates = _mixed_topics(candidates)
    states = progress.states()
    order = order_cards([(c.card, c.topic) for c in candidates], states, now)
    planned = min(count, len(order))

    def say(text: str, indent: str = "") -> None:
        for line in textwrap.wrap(
            escape_controls(text),
            width=max(30, width),
            initial_indent=indent,
            subsequent_indent=indent + "   ",
        ) or [""]:
            write(line)

    def tell_note() -> None:
        message = progress.take_note()
        if message and note is not None:
            note(message)

    say(f"Notice: {kb.guide.notice}")
    from spasmguide.pages.common import changed_safety_lines

    changed = changed_safety_lines(kb)
    if changed:  # a user's file replaced safety content these cards may teach
        say("Changed by your files:")
        for line in changed:
            say(line, indent="  ")
    right = asked = skipped = 0
    misses: list[Miss] = []
    number = 0
    interrupted = False
    ended = ""
    topics = {candidate.card: candidate.topic for candidate in candidates}
    cards = _askable(order, topics, source)
    try:
        for card in cards:
            if number == planned:
                break
            number += 1
            question = make_question(card, rng)
            write("")
            say(f"Question {number} of {planned} ({question.topic})")
            say(question.prompt)
            if not question.typed:
                for option, choice in enumerate(question.choices, start=1):
                    say(f"{option}. {choice}", indent="  ")
            started = clock() if clock else None
            verdict = _ask(question, read_answer, say, tries)
            expected = _expected(question)
            graded = verdict is not None and verdict.action == "recalled"
            if graded:  # self-graded: the guide's answer, then the student's grade
                say(f"The guide: {expected}")
                verdict = _ask_grade(read_answer, say, tries)
            if verdict is None:
                write("")
                ended = f"Input ended after {number - 1} of {planned} questions."
                break
            if verdict.action == "quit":
                ended = f"Quiz ended after {number - 1} of {planned} questions; progress is saved."
                break
            if verdict.action == "skip":
                skipped += 1
                if graded:
                    say("Left ungraded, as skipped.")
                else:
                    say(f"Skipped. The answer is {expected}")
                    _tell_why(question, say)
                due = _due_text(states.get(card.card), now)
                misses.append(Miss(question.prompt, expected, True, due))
                continue
            asked += 1
            if graded:
                rating = Rating[verdict.action]
                correct = rating != Rating.again
            else:
                correct = verdict.choice == question.answer
                seconds = clock() - started if clock and started is not None else None
                rating = rating_for(correct, seconds)
            right += correct
            state = progress.record(question.card, question.topic, rating, now=now)
            tell_note()
            if graded:
                say(f"Graded {verdict.action}: it comes back {_due_text(state, now)}.")
                if correct:
                    say(question.explanation, indent="  ")
                else:
                    _tell_why(question, say)
                    misses.append(Miss(question.prompt, expected, False, _due_text(state, now)))
            elif correct:
                say("Right.")
                say(question.explanation, indent="  ")
            else:
                hint = f"{verdict.hint} " if verdict.hint else ""
                say(f"Not quite. {hint}The answer is {expected}")
                _tell_why(question, say)
                misses.append(Miss(question.prompt, expected, False, _due_text(state, now)))
    except KeyboardInterrupt:
        write("")  # the prompt's line is left as it was: the message starts on a line of its own
        ended = f"Quiz stopped after {asked + skipped} of {planned} questions; progress is saved."
        interrupted = True
    if ended:
        say(ended)
    if misses:
        _tell_misses(misses, say, write)
    write("")
    write(f"Score: {right}/{asked}")  # the last line, for a script reading the quiz's output
    return QuizResult(right, asked, planned, skipped, interrupted)


def _askable(order: list[str], topics: dict[str, str], source: CardSource) -> Iterator[Card]:
    """The cards in `order`, built one by one; a card that cannot be asked (it would give
    its answer away) gives its place to the next card of its topic, so the mix stays."""
    later: dict[str, deque[int]] = {}
    for position, card_id in enumerate(order):
        later.setdefault(topics[card_id], deque()).append(position)
    used: set[int] = set()
    for position, card_id in enumerate(order):
        if position in used:
            continue
        used.add(position)
        card = source.card(card_id)
        queue = later[topics[card_id]]
        while card is None and queue:
            replacement = queue.popleft()
            if replacement not in used:
                used.add(replacement)
                card = source.card(order[replacement])
        if card is not None:
            yield card


def _expected(question: Question) -> str:
    if question.typed:
        return question.choices[0]
    return f"{question.answer + 1}. {question.choices[question.answer]}"


def _tell_why(question: Question, say: Callable[[str, str], None]) -> None:
    reason = one_sentence(question.explanation)
    if reason:
        say(f"Why: {reason}", "  ")
    if question.opens:
        say(f"More: {question.opens}", "  ")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def one_sentence(text: str, limit: int = REASON_LIMIT) -> str:
    """The first sentence of `text`, cut at a word before `limit` characters if longer."""
    first = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _due_text(state: CardState | None, now: float) -> str:
    """When a card comes back, in words: a card missed lately, or never answered, comes back
    at the next quiz; any other on the day FSRS gives it."""
    if state is None or is_due(state, now):
        return "at your next quiz"
    days = (state.due - now) / 86400
    stamp = time.strftime("%Y-%m-%d", time.localtime(state.due))
    if days < 1:
        return f"later today ({time.strftime('%H:%M', time.localtime(state.due))})"
    return f"on {stamp} (in {round(days)} day{'s' if round(days) != 1 else ''})"


def _tell_misses(
    misses: list[Miss], say: Callable[[str, str], None], write: Callable[[str], None]
) -> None:
    write("")
    say(f"To review ({len(misses)} missed or skipped):", "")
    for miss in misses:
        write("")
        say(f"- {'Skipped' if miss.skipped else 'Missed'}: {miss.prompt}", "")
        say(f"Answer: {miss.answer}", "    ")
        say(f"Comes back {miss.due}.", "    ")


def _ask(
    question: Question,
    read_answer: Callable[[str], str | None],
    say: Callable[[str], None],
    tries: int | None,
) -> Answer | None:
    """Reads answers until one is an option or a key; None when input ends. After `tries`
    answers that are no option, the question counts as skipped."""
    if question.graded:
        prompt, keys = GRADED_PROMPT, GRADED_HELP
    elif question.typed:
        prompt, keys = TYPED_PROMPT, TYPED_HELP
    else:
        prompt, keys = PROMPT, KEYS_HELP
    return _read_until_valid(
        prompt, keys, lambda given: judge(question, given), read_answer, say, tries
    )


def _ask_grade(
    read_answer: Callable[[str], str | None],
    say: Callable[[str], None],
    tries: int | None,
) -> Answer | None:
    """Reads a self-graded answer's grade (again, hard, good, easy) or a key; None when input
    ends. After `tries` lines that are neither, the question counts as skipped."""
    return _read_until_valid(GRADE_PROMPT, GRADE_HELP, judge_grade, read_answer, say, tries)


def _read_until_valid(
    prompt: str,
    keys: str,
    meaning: Callable[[str], Answer],
    read_answer: Callable[[str], str | None],
    say: Callable[[str], None],
    tries: int | None,
) -> Answer | None:
    """Reads lines at `prompt` until `meaning` finds one valid; `?` shows `keys`, anything
    invalid its hint. None when input ends; after `tries` invalid lines, a skip."""
    wrong_tries = 0
    while True:
        given = read_answer(prompt)
        if given is None:
            return None
        verdict = meaning(given)
        if verdict.action == "help":
            say(keys)
            continue
        if verdict.action != "invalid":
            return verdict
        wrong_tries += 1
        if tries is not None and wrong_tries >= tries:
            say(f"{verdict.hint.split(':')[0]}.")
            return Answer("skip")
        say(verdict.hint)


def _mixed_topics(cards: list[Candidate]) -> list[Candidate]:
    """The cards dealt round-robin by topic, so a short quiz is not all one kind."""
    by_topic: dict[str, list[Candidate]] = {}
    for card in cards:
        by_topic.setdefault(card.topic, []).append(card)
    queues = [iter(queue) for queue in by_topic.values()]
    mixed: list[Candidate] = []
    while queues:
        still = []
        for queue in queues:
            dealt = next(queue, None)
            if dealt is not None:
                mixed.append(dealt)
                still.append(queue)
        queues = still
    return mixed
