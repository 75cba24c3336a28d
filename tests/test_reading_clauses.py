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


@pytest.mark.parametrize(
    "text",
    [
        "no helmet, he hit his head on the kerb",
        "she wasn't wearing a helmet and hit her head",
        "without a helmet he banged his head",
    ],
)
def test_a_missing_helmet_does_not_deny_the_blow(kb: KnowledgeBase, text: str) -> None:
    assert read(kb, text).present.get("head-injury"), text


@pytest.mark.parametrize(
    "text", ["I banged my head", "he thumped his head on the door", "bumped her forehead"]
)
def test_a_head_struck_is_no_headache(kb: KnowledgeBase, text: str) -> None:
    assert not read(kb, text).present.get("head-ache"), text


@pytest.mark.parametrize(
    "text", ["my head is banging", "a pounding headache", "my head hurts", "my head feels heavy"]
)
def test_an_aching_head_is_a_headache(kb: KnowledgeBase, text: str) -> None:
    assert read(kb, text).present.get("head-ache"), text


@pytest.mark.parametrize(
    "text",
    [
        "a slight headache but it went away with paracetamol",
        "my headache settled after ibuprofen",
        "headache, calpol did the trick",
    ],
)
def test_a_headache_painkillers_eased_is_not_read_as_one(kb: KnowledgeBase, text: str) -> None:
    assert not read(kb, text).present.get("head-ache"), text


def test_a_headache_painkillers_did_not_help_is_read(kb: KnowledgeBase) -> None:
    assert read(kb, "a headache and paracetamol hasn't helped").present.get("head-ache")


@pytest.mark.parametrize(
    "text",
    [
        "the night shifts knocked me out",
        "the sleeping tablets knocked him out",
        "I was exhausted and knocked out by nine",
    ],
)
def test_knocked_out_by_tiredness_or_a_medicine_is_no_blow(kb: KnowledgeBase, text: str) -> None:
    said = read(kb, text)
    assert not said.present.get("knocked-out"), text
    assert not said.present.get("head-injury"), text


@pytest.mark.parametrize("text", ["he was knocked out in the tackle", "got KO'd at boxing"])
def test_knocked_out_by_a_blow_is_read(kb: KnowledgeBase, text: str) -> None:
    said = read(kb, text)
    assert said.present.get("knocked-out"), text
    assert said.present.get("head-injury"), text


@pytest.mark.parametrize("text", ["we played hurling all afternoon", "Ralph came round for tea"])
def test_slang_for_vomiting_that_is_a_sport_or_a_name_counts_only_as_written(
    kb: KnowledgeBase, text: str
) -> None:
    assert not read(kb, text).present.get("vomiting"), text


@pytest.mark.parametrize("text", ["he hurled in the car", "she was ralphing all night"])
def test_slang_for_vomiting_as_written_is_vomiting(kb: KnowledgeBase, text: str) -> None:
    assert read(kb, text).present.get("vomiting"), text


@pytest.mark.parametrize("text", ["I feel sick", "I was feeling sick all morning", "a bit queasy"])
def test_feeling_sick_is_nausea_not_being_sick(kb: KnowledgeBase, text: str) -> None:
    said = read(kb, text)
    assert said.present.get("vomiting"), text
    assert not said.present.get("being-sick"), text


@pytest.mark.parametrize("text", ["I've been sick twice", "she was sick in the car", "he threw up"])
def test_being_sick_is_vomiting(kb: KnowledgeBase, text: str) -> None:
    said = read(kb, text)
    assert said.present.get("being-sick"), text
    assert said.present.get("vomiting"), text
