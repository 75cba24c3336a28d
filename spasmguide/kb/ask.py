"""Reads a question in a person's own words: which region and cause it is about, and which
warning signs it mentions.

Every region, cause and warning-sign group answers to its name, its aliases and its lay words
(`lay_terms`, in the knowledge base, so a teacher's layer can add to them). A phrase matches
when every word of it, in any form (cramp, cramps, cramping), is in the text; an entry scores
the number of distinct words its matching phrases cover, so "calf cramps at night" is about
the calf more than about anything that only says "night". When no name or lay word matches,
the guide's own search picks the likeliest regions and causes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from spasmguide.kb.model import Cause, KnowledgeBase, RedFlagGroup, Region
from spasmguide.kb.search import STOP_WORDS, InMemoryPostings, Postings, search, stems_of, words_of

# A reading whose score is at least this share of the best one is offered beside it.
CLOSE_SHARE = 0.75
MAX_READINGS = 3
MAX_TEXT = 2000


class Match(NamedTuple):
    """An entry the text is about, with the phrases of the entry that matched it."""

    kind: str
    id: str
    phrases: tuple[str, ...]
    score: float


class Reading(NamedTuple):
    """One way to read the text: a region, a cause, or both."""

    region: Region | None
    cause: Cause | None
    matched: tuple[str, ...]


class Understanding(NamedTuple):
    text: str
    warnings: tuple[tuple[RedFlagGroup, tuple[str, ...]], ...]
    readings: tuple[Reading, ...]
    from_search: bool  # True when no name or lay word matched and search chose the readings


def understand(kb: KnowledgeBase, text: str, postings: Postings | None = None) -> Understanding:
    """The guide's best reading of `text`: warning signs it mentions, and up to three
    readings (region and cause), the likeliest first."""
    text = " ".join(text[:MAX_TEXT].split())
    stems = {stem for stem, word in zip(stems_of(text), words_of(text), strict=True)
             if word not in STOP_WORDS}  # fmt: skip
    warnings = _matches("red_flags", kb.red_flags.values(), stems)
    regions = _matches("regions", kb.regions.values(), stems)
    causes = _matches("causes", kb.causes.values(), stems)
    from_search = False
    if not regions and not causes and stems:
        regions, causes = _by_search(kb, text, postings)
        from_search = bool(regions or causes)
    flagged = tuple((kb.red_flags[match.id], match.phrases) for match in warnings)
    if from_search:  # search cannot say that a region and a cause belong together
        readings = tuple(
            [Reading(kb.regions[match.id], None, ()) for match in _close(regions)]
            + [Reading(None, kb.causes[match.id], ()) for match in _close(causes)]
        )[:MAX_READINGS]
    else:
        readings = _readings(kb, _close(regions), _close(causes))
    return Understanding(text, flagged, readings, from_search)


def _phrases(entry: Region | Cause | RedFlagGroup) -> Iterable[str]:
    if isinstance(entry, RedFlagGroup):
        return entry.lay_terms  # a title or a sign is too long to stand for what people say
    return (entry.id.replace("-", " "), entry.name, *entry.aliases, *entry.lay_terms)


def _matches(
    kind: str, entries: Iterable[Region | Cause | RedFlagGroup], stems: set[str]
) -> list[Match]:
    found = []
    for entry in entries:
        covered: set[str] = set()
        phrases = []
        for phrase in _phrases(entry):
            wanted = {stem for stem, word in zip(stems_of(phrase), words_of(phrase), strict=True)
                      if word not in STOP_WORDS}  # fmt: skip
            if wanted and wanted <= stems:
                covered |= wanted
                phrases.append(phrase)
        if covered:
            found.append(Match(kind, entry.id, tuple(phrases), float(len(covered))))
    found.sort(key=lambda match: -match.score)
    return found


def _by_search(
    kb: KnowledgeBase, text: str, postings: Postings | None
) -> tuple[list[Match], list[Match]]:
    from spasmguide.errors import UsageError

    try:
        results = search(kb, text, limit=10, postings=postings or InMemoryPostings(kb))
    except UsageError:
        return [], []
    regions, causes = [], []
    for hit in results.hits:
        match = Match(hit.kind, hit.id, (), hit.score)
        if hit.kind == "regions":
            regions.append(match)
        elif hit.kind == "causes":
            causes.append(match)
    return regions, causes


def _close(matches: Sequence[Match]) -> list[Match]:
    """The best match and those close enough to it to be offered too."""
    if not matches:
        return []
    best = matches[0].score
    return [match for match in matches if match.score >= best * CLOSE_SHARE][:MAX_READINGS]


def _readings(
    kb: KnowledgeBase, regions: Sequence[Match], causes: Sequence[Match]
) -> tuple[Reading, ...]:
    readings = []
    if regions:
        cause = causes[0] if causes else None
        for region in regions:
            matched = (*region.phrases, *(cause.phrases if cause else ()))
            readings.append(
                Reading(kb.regions[region.id], kb.causes[cause.id] if cause else None, matched)
            )
        if cause is not None and len(regions) == 1:
            for other in causes[1:]:
                matched = (*regions[0].phrases, *other.phrases)
                readings.append(Reading(kb.regions[regions[0].id], kb.causes[other.id], matched))
    else:
        readings = [Reading(None, kb.causes[cause.id], cause.phrases) for cause in causes]
    return tuple(readings[:MAX_READINGS])
