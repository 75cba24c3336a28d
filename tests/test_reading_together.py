"""A compound concept (`together`, `within`) is read where a phrase of each of its concepts is
said, affirmed, in one sentence or, with `within: next sentence`, in two sentences side by
side; never further apart, and never from a denied phrase."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.reading import read

COMPOUND = "head-struck"  # together: [head-named, impact], within: next sentence


def test_the_compound_is_a_concept_of_two_others_within_the_next_sentence(
    kb: KnowledgeBase,
) -> None:
    concept = kb.vocabulary[COMPOUND]
    assert concept.together == ("head-named", "impact")
    assert concept.within == "next sentence"


@pytest.mark.parametrize(
    "text",
    [
        "she tripped on the kerb and her forehead is grazed",
        "She tripped on the kerb. Her forehead is grazed.",
        "Her forehead is grazed. She tripped on the kerb.",
    ],
)
def test_read_in_one_sentence_or_the_next(kb: KnowledgeBase, text: str) -> None:
    said = read(kb, text)
    assert said.present.get(COMPOUND), text
    (compound,) = [f for f in said.found if COMPOUND in f.phrase.concepts]
    assert "tripped" in compound.words and "forehead" in compound.words


@pytest.mark.parametrize(
    "text",
    [
        "She tripped on the kerb. She went home. Her forehead is grazed.",
        "she did not trip and her forehead is fine",
        "no fall at all. Her forehead aches from frowning.",
        "her forehead aches from frowning all day",
    ],
)
def test_not_read_further_apart_denied_or_with_one_concept_missing(
    kb: KnowledgeBase, text: str
) -> None:
    assert not read(kb, text).present.get(COMPOUND), text


def test_a_concept_of_the_compound_is_read_only_where_it_is_said(kb: KnowledgeBase) -> None:
    said = read(kb, "He slipped. Later. Much later his temple throbbed.")
    assert said.present.get("impact") and said.present.get("head-named")
    assert not said.present.get(COMPOUND)


def test_a_long_message_is_read_in_one_pass(kb: KnowledgeBase) -> None:
    text = "My neck is stiff. " * 2000 + "He slipped. His temple is cut."
    assert read(kb, text).present.get(COMPOUND)
