"""How the reader bounds what it reads: a phrase is read within one clause; a past year said as
a time is long ago; Scots negatives are negatives; a missing helmet denies only the helmet; a
headache is an ache, not the head named as the place struck, and not one painkillers eased;
"knocked out" beside tiredness or a sedating medicine is sleep."""

from __future__ import annotations

import datetime

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.reading import read, tokens_of


def test_a_phrase_is_not_read_across_a_comma(kb: KnowledgeBase) -> None:
    said = read(kb, "I landed on my side, neck a bit sore")
    for found in said.found:
        if not found.phrase.keys:
            continue  # a compound of concepts said near each other (`together`), not a phrase
        clauses = {token.clause for token in said.tokens[found.first : found.last + 1]}
        assert len(clauses) == 1, found
    assert "side of my neck" not in [found.phrase.text for found in said.found]


def test_the_same_words_in_one_clause_are_still_read(kb: KnowledgeBase) -> None:
    said = read(kb, "a pain down the side of my neck")
    assert "side of my neck" in [found.phrase.text for found in said.found]


@pytest.mark.parametrize("text", ["whiplash back in 2016", "a bad fall in 1998"])
def test_a_past_year_said_as_a_time_is_long_ago(kb: KnowledgeBase, text: str) -> None:
    said = read(kb, text)
    assert said.present.get("long-ago"), text
    assert not said.present.get("fall-trauma"), text


def test_this_year_is_not_long_ago(kb: KnowledgeBase) -> None:
    said = read(kb, f"a bad fall in {datetime.date.today().year}")
    assert not said.present.get("long-ago")
    assert said.present.get("fall-trauma")


@pytest.mark.parametrize(("word", "head"), [("cannae", "can"), ("didnae", "did")])
def test_scots_negatives_are_read_as_negatives(word: str, head: str) -> None:
    assert [token.word for token in tokens_of(word)] == [head, "not"]


# What the reader makes of a phrase, as concepts read (True) or not read (False):
# - a missing helmet denies only the helmet, not the blow after it; "fine" after a blow or a
#   crash says how the person is, never that it did not happen;
# - a head struck is no headache, and an aching head is one; a headache painkillers eased is
#   not read as one, one they did not help still is;
# - "knocked out" beside tiredness or a sedating medicine is sleep, beside a blow an injury;
# - slang for vomiting that is also a sport or a name counts only as written;
# - feeling sick is nausea, not being sick; being sick is vomiting.
READINGS: list[tuple[str, dict[str, bool]]] = [
    ("no helmet, he hit his head on the kerb", {"head-injury": True}),
    ("hit my head in a car crash but feel fine", {"head-injury": True, "major-trauma": True}),
    ("I hit my head yesterday and I'm fine now", {"head-injury": True}),
    ("my bladder is fine", {"bladder-change": False}),
    ("she wasn't wearing a helmet and hit her head", {"head-injury": True}),
    ("without a helmet he banged his head", {"head-injury": True}),
    ("I banged my head", {"head-ache": False}),
    ("he thumped his head on the door", {"head-ache": False}),
    ("bumped her forehead", {"head-ache": False}),
    ("my head is banging", {"head-ache": True}),
    ("a pounding headache", {"head-ache": True}),
    ("my head hurts", {"head-ache": True}),
    ("my head feels heavy", {"head-ache": True}),
    ("a slight headache but it went away with paracetamol", {"head-ache": False}),
    ("my headache settled after ibuprofen", {"head-ache": False}),
    ("headache, calpol did the trick", {"head-ache": False}),
    ("a headache and paracetamol hasn't helped", {"head-ache": True}),
    ("the night shifts knocked me out", {"knocked-out": False, "head-injury": False}),
    ("the sleeping tablets knocked him out", {"knocked-out": False, "head-injury": False}),
    ("I was exhausted and knocked out by nine", {"knocked-out": False, "head-injury": False}),
    ("he was knocked out in the tackle", {"knocked-out": True, "head-injury": True}),
    ("got KO'd at boxing", {"knocked-out": True, "head-injury": True}),
    ("we played hurling all afternoon", {"vomiting": False}),
    ("Ralph came round for tea", {"vomiting": False}),
    ("he hurled in the car", {"vomiting": True}),
    ("she was ralphing all night", {"vomiting": True}),
    ("I feel sick", {"vomiting": True, "being-sick": False}),
    ("I was feeling sick all morning", {"vomiting": True, "being-sick": False}),
    ("a bit queasy", {"vomiting": True, "being-sick": False}),
    ("I've been sick twice", {"vomiting": True, "being-sick": True}),
    ("she was sick in the car", {"vomiting": True, "being-sick": True}),
    ("he threw up", {"vomiting": True, "being-sick": True}),
]


@pytest.mark.parametrize(("text", "expected"), READINGS)
def test_what_the_reader_reads(kb: KnowledgeBase, text: str, expected: dict[str, bool]) -> None:
    present = read(kb, text).present
    assert {concept: bool(present.get(concept)) for concept in expected} == expected, text
