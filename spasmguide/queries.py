"""Questions asked of the knowledge base: which techniques suit a region or cause, and where a
technique is suggested."""

from collections.abc import Sequence
from typing import NamedTuple

from spasmguide.model import Cause, KnowledgeBase, RedFlagGroup, Region, Suggestion, Technique


class Reason(NamedTuple):
    """Why a technique is suggested, and for which region or cause."""

    context: str
    text: str


class RankedTechnique(NamedTuple):
    rank: int
    technique: Technique
    score: float
    reasons: tuple[Reason, ...]


def rank_techniques(
    kb: KnowledgeBase, lists: Sequence[tuple[str, Sequence[Suggestion]]]
) -> list[RankedTechnique]:
    """Ranks the techniques suggested by one or more lists (each best first, named by context).

    Techniques that more lists suggest rank first (for a region and a cause together, those
    suggested for both); among equals, a technique earns from each list a share that falls with
    its position there, so earlier suggestions rank higher. Ties keep first-seen order.
    """
    scores: dict[str, float] = {}
    reasons: dict[str, list[Reason]] = {}
    for context, suggestions in lists:
        count = len(suggestions)
        for position, suggestion in enumerate(suggestions):
            scores[suggestion.technique] = (
                scores.get(suggestion.technique, 0.0) + (count - position) / count
            )
            reasons.setdefault(suggestion.technique, []).append(Reason(context, suggestion.reason))
    ordered = sorted(
        scores, key=lambda technique_id: (-len(reasons[technique_id]), -scores[technique_id])
    )
    return [
        RankedTechnique(
            rank,
            kb.techniques[technique_id],
            round(scores[technique_id], 3),
            tuple(reasons[technique_id]),
        )
        for rank, technique_id in enumerate(ordered, start=1)
    ]


def where_suggested(kb: KnowledgeBase, technique_id: str) -> list[tuple[Region | Cause, str]]:
    """Every region and cause that suggests the technique, with the reason given there."""
    found: list[tuple[Region | Cause, str]] = []
    holders: list[Region | Cause] = [*kb.regions.values(), *kb.causes.values()]
    for holder in holders:
        for suggestion in holder.techniques:
            if suggestion.technique == technique_id:
                found.append((holder, suggestion.reason))
    return found


def red_flags_of(kb: KnowledgeBase, *holders: Region | Cause) -> list[RedFlagGroup]:
    """The warning-sign groups of the given regions and causes, each once, in order."""
    ids = dict.fromkeys(flag for holder in holders for flag in holder.red_flags)
    return [kb.red_flags[flag_id] for flag_id in ids]
