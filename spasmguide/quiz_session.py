"""One quiz: choose the cards (due first), ask them, judge and record each answer at once.

Input and output are plain callables, so the same session runs in a terminal, from a pipe
(one answer per line) and in tests.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from typing import NamedTuple

from spasmguide.model import KnowledgeBase
from spasmguide.progress import Progress, order_cards
from spasmguide.quiz import Card, cards_of, is_correct, make_question
from spasmguide.safe_text import escape_controls


class QuizResult(NamedTuple):
    right: int
    asked: int
    planned: int


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
) -> QuizResult:
    """Asks up to `count` questions; `read_answer(prompt)` returns None when input ends."""
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

    say(f"Notice: {kb.guide.notice}")
    right = asked = 0
    for number, card_id in enumerate(chosen, start=1):
        question = make_question(by_id[card_id], rng)
        write("")
        say(f"Question {number} of {len(chosen)} ({question.topic})")
        say(question.prompt)
        for option, choice in enumerate(question.choices, start=1):
            say(f"{option}. {choice}", indent="  ")
        answer = read_answer("Your answer (number or name): ")
        if answer is None:
            write("")
            say(f"Input ended after {asked} of {len(chosen)} questions.")
            break
        asked += 1
        correct = is_correct(question, answer)
        right += correct
        progress.record(question.card, question.topic, correct, now=now)
        expected = f"{question.answer + 1}. {question.choices[question.answer]}"
        say("Right." if correct else f"Not quite. The answer is {expected}")
        say(question.explanation, indent="  ")
    write("")
    write(f"Score: {right}/{asked}")
    return QuizResult(right, asked, len(chosen))


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
