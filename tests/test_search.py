"""Search: word forms, ranking, and what each hit says about itself."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spasmguide.errors import UsageError
from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.search import search, stem
from spasmguide.pages.document import Command


@pytest.mark.parametrize(
    "forms",
    [
        ("spasm", "spasms"),
        ("scrape", "scraping", "scraped", "scrapes"),
        ("needle", "needles", "needling", "needled"),
        ("stretch", "stretches", "stretching", "stretched"),
        ("cramp", "cramps", "cramping"),
        ("injury", "injuries"),
        ("massage", "massaging"),
        ("release", "releases", "released", "releasing"),
        ("tighten", "tightening", "tightened"),
        ("bleed", "bleeding"),
    ],
)
def test_word_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(form) for form in forms}) == 1, {form: stem(form) for form in forms}


def test_short_and_non_latin_words_are_kept(kb: KnowledgeBase) -> None:
    assert stem("is") == "is"
    assert stem("針灸") == "針灸"
    assert search(kb, "針灸").hits == ()


def test_names_rank_above_body_text(kb: KnowledgeBase) -> None:
    results = search(kb, "cupping")
    assert results.hits[0].id == "cupping"
    assert results.hits[0].kind == "techniques"


def test_entries_with_every_word_rank_first(kb: KnowledgeBase) -> None:
    results = search(kb, "piriformis sciatica")
    assert results.all_words_matched
    assert results.hits[0].id == "piriformis"


def test_some_words_only_is_said(kb: KnowledgeBase) -> None:
    results = search(kb, "cupping zzzzunknown")
    assert not results.all_words_matched
    assert results.hits


def test_acupoint_codes_are_searchable(kb: KnowledgeBase) -> None:
    hit = search(kb, "GB20").hits[0]
    assert (hit.kind, hit.id) == ("acupoints", "gb20")
    assert Command.opening(hit.kind, hit.id).words() == "spasmguide acupoint gb20"


@pytest.mark.parametrize("query", ["", "   ", "***", '"" ( )', '"AND (', "the and of"])
def test_a_query_without_words_is_a_usage_error(kb: KnowledgeBase, query: str) -> None:
    with pytest.raises(UsageError):
        search(kb, query)


@pytest.mark.parametrize(
    "query", ['"cupping"', "cupping AND neck", "neck OR (back", "NOT *", "cupping*"]
)
def test_search_engine_syntax_is_just_words(kb: KnowledgeBase, query: str) -> None:
    as_words = re.sub(r"[^\w\s]", " ", query)
    results = search(kb, query)
    assert results.hits and results.hits == search(kb, as_words).hits


def test_snippet_shows_the_match(kb: KnowledgeBase) -> None:
    hit = next(hit for hit in search(kb, "petechiae").hits if hit.id == "gua-sha")
    assert "petechiae" in hit.snippet
    assert len(hit.snippet) <= 115


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_plain_ascii_text_folds_as_the_unicode_path_folds_it(text: str) -> None:
    """The quick path for plain ASCII text gives what the full Unicode path gives."""
    from spasmguide.kb import names

    assert names.fold_text(text) == names._fold_unicode(text)
    assert names.fold_text("Hégǔ\u2019s Piriformis's") == "hegu piriformis"
