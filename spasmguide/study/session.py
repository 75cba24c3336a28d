"""One quiz: choose the cards (due first), ask them, judge and record each answer at once.

An answer that is no option is asked again with a hint; `s` skips, `q` ends the quiz, `?`
shows the keys.

Input and output are plain callables, so the same session runs in a terminal, from a pipe
(one answer per line) and in tests.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from typing import NamedTuple

from spasmguide.kb.model import KnowledgeBase
from spasmguide.safe_text import escape_controls
from spasmguide.study.cards import KEYS_HELP, Answer, Card, Question, cards_of, judge, make_question
from spasmguide.study.progress import Progress, order_cards, rating_for


class QuizResult(NamedTuple):
    right: int
    asked: int  # questions answered: skipped ones are not counted
    planned: int
    skipped: int = 0


PROMPT = "Your answer (number or name; ? for keys): "


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
) -> QuizResult:
    """Asks up to `count` questions; `read_answer(prompt)` returns None when input ends.

    An answer that is no option is not scored: the question is asked again with a hint, up to
    `tries` times (None: without limit) before it is skipped. `clock` times each answer in
    seconds (a right answer under EASY_SECONDS is rated Easy); None when time says nothing,
    as with answers read from a pipe. `note` hears, once, when progress cannot be saved."""
    rng = random.Random(seed)
    cards = [card for card in cards_of(kb) if topic is None or card.topic == topic]
    rng.shuffle(cards)  # the seed decides the order among equally due cards
    cards = _mixed_topics(cards)
    by_id = {card.card: card for card in cards}
    chosen = order_cards([(card.card, card.topic) for card in cards], progress.states(), now)[
        :count
    ]

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
    right = asked = skipped = 0
    for number, card_id in enumerate(chosen, start=1):
        question = make_question(by_id[card_id], rng)
        write("")
        say(f"Question {number} of {len(chosen)} ({question.topic})")
        say(question.prompt)
        for option, choice in enumerate(question.choices, start=1):
            say(f"{option}. {choice}", indent="  ")
        started = clock() if clock else None
        verdict = _ask(question, read_answer, say, tries)
        if verdict is None:
            write("")
            say(f"Input ended after {number - 1} of {len(chosen)} questions.")
            break
        if verdict.action == "quit":
            say(f"Quiz ended after {number - 1} of {len(chosen)} questions; progress is saved.")
            break
        if verdict.action != "choose":
            skipped += 1
            say("Skipped.")
            continue
        asked += 1
        correct = verdict.choice == question.answer
        right += correct
        seconds = clock() - started if clock and started is not None else None
        progress.record(question.card, question.topic, rating_for(correct, seconds), now=now)
        tell_note()
        expected = f"{question.answer + 1}. {question.choices[question.answer]}"
        say("Right." if correct else f"Not quite. The answer is {expected}")
        say(question.explanation, indent="  ")
    write("")
    write(f"Score: {right}/{asked}")
    return QuizResult(right, asked, len(chosen), skipped)


def _ask(
    question: Question,
    read_answer: Callable[[str], str | None],
    say: Callable[[str], None],
    tries: int | None,
) -> Answer | None:
    """Reads answers until one is an option or a key; None when input ends. After `tries`
    answers that are no option, the question counts as skipped."""
    wrong_tries = 0
    while True:
        given = read_answer(PROMPT)
        if given is None:
            return None
        verdict = judge(question, given)
        if verdict.action == "help":
            say(KEYS_HELP)
            continue
        if verdict.action != "invalid":
            return verdict
        wrong_tries += 1
        if tries is not None and wrong_tries >= tries:
            say(f"{verdict.hint.split(':')[0]}.")
            return Answer("skip")
        say(verdict.hint)


def _mixed_topics(cards: list[Card]) -> list[Card]:
    """The cards dealt round-robin by topic, so a short quiz is not all one kind."""
    by_topic: dict[str, list[Card]] = {}
    for card in cards:
        by_topic.setdefault(card.topic, []).append(card)
    queues = list(by_topic.values())
    mixed: list[Card] = []
    while queues:
        mixed.extend(queue.pop(0) for queue in queues)
        queues = [queue for queue in queues if queue]
    return mixed
