"""Search relevance: real phrasings (tests/search_phrasings.yaml), each with the entry that
must come first or among the first three. The suite fails below a 90% hit rate."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.search import InMemoryPostings, search

PHRASINGS = yaml.safe_load((Path(__file__).parent / "search_phrasings.yaml").read_text())
KINDS = {
    "region": "regions",
    "cause": "causes",
    "technique": "techniques",
    "acupoint": "acupoints",
    "red_flag": "red_flags",
}
REQUIRED_HIT_RATE = 0.9


def _expected(phrasing: dict[str, object]) -> tuple[str, str]:
    kind, entry_id = str(phrasing["expect"]).split(":")
    return KINDS[kind], entry_id


def test_there_are_at_least_forty_phrasings() -> None:
    assert len(PHRASINGS) >= 40
    assert len({phrasing["text"] for phrasing in PHRASINGS}) == len(PHRASINGS)


def test_search_finds_what_people_mean(
    kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    misses = []
    postings = InMemoryPostings(kb)
    for phrasing in PHRASINGS:
        found = search(kb, str(phrasing["text"]), limit=10, postings=postings)
        hits = [(hit.kind, hit.id) for hit in found.hits]
        wanted = _expected(phrasing)
        place = hits.index(wanted) + 1 if wanted in hits else None
        if place is None or place > int(phrasing["within"]):
            misses.append(
                f"{phrasing['text']!r}: {wanted} at {place}, wanted within {phrasing['within']}"
            )
    rate = 1 - len(misses) / len(PHRASINGS)
    with capsys.disabled():
        print(f"\nsearch relevance: {rate:.0%} of {len(PHRASINGS)} phrasings")
    assert rate >= REQUIRED_HIT_RATE, "\n".join(misses)
