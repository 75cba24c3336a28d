"""Questions asked of the knowledge base: which techniques suit a region or cause, ranked by
the stated rule (docs/decisions/008), and where a technique is suggested."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from spasmguide.kb.model import CERTAINTY_LEVELS, INVASIVENESS_ORDER, STANCE_LEVELS, Region

if TYPE_CHECKING:  # named in annotations only
    from spasmguide.kb.model import Cause, Evidence, KnowledgeBase, RedFlagGroup, Technique

    Holder = Region | Cause


class Reason(NamedTuple):
    """Why a technique is suggested, for which region or cause, and what the source article
    says of it there (shown beside the evidence, never ranked on)."""

    context: str
    text: str
    article_says: str | None = None


class GuidelinePosition(NamedTuple):
    """Where guidelines stand on a technique here: a level (2 strong for ... -2 strong
    against, 0 none or disagreeing) and the recommendations behind it."""

    level: int
    label: str  # "strong for", "guidelines disagree", "none"
    entries: tuple[Evidence, ...]


class CertaintyOfEvidence(NamedTuple):
    """The best certainty of the evidence for a technique here, and where it comes from."""

    level: int  # 4 high ... 1 very low, 0 none (model.CERTAINTY_LEVELS)
    label: str  # the entry's own label, "none", with " (indirect)" when borrowed
    entry: Evidence | None
    indirect: bool


class Basis(NamedTuple):
    """Everything a technique's rank rests on (docs/decisions/008)."""

    guideline: GuidelinePosition
    certainty: CertaintyOfEvidence
    invasiveness: str

    def sort_key(self, name: str) -> tuple[int, int, int, str]:
        return (
            -self.guideline.level,
            -self.certainty.level,
            INVASIVENESS_ORDER[self.invasiveness],
            name.casefold(),
        )


class RankedTechnique(NamedTuple):
    rank: int
    technique: Technique
    basis: Basis
    reasons: tuple[Reason, ...]


def rank_techniques(kb: KnowledgeBase, holders: Sequence[Holder]) -> list[RankedTechnique]:
    """The techniques the given regions and causes suggest, ranked by the stated rule
    (docs/decisions/008): the guideline position for them here, then the certainty of the
    evidence for them here (borrowed evidence counts one level lower), then the least
    invasive first, then by name. The source article's claims never enter the rank."""
    reasons: dict[str, list[Reason]] = {}
    borrowed: dict[str, list[str]] = {}
    for holder in holders:
        for suggestion in holder.techniques:
            reasons.setdefault(suggestion.technique, []).append(
                Reason(holder.name, suggestion.reason, suggestion.article_says)
            )
            borrowed.setdefault(suggestion.technique, []).extend(suggestion.evidence)
    bases = {
        technique_id: basis_of(kb, kb.techniques[technique_id], holders, borrowed[technique_id])
        for technique_id in reasons
    }
    ordered = sorted(reasons, key=lambda item: bases[item].sort_key(kb.techniques[item].name))
    return [
        RankedTechnique(
            rank, kb.techniques[technique_id], bases[technique_id], tuple(reasons[technique_id])
        )
        for rank, technique_id in enumerate(ordered, start=1)
    ]


def basis_of(
    kb: KnowledgeBase, technique: Technique, holders: Sequence[Holder], borrowed: Sequence[str] = ()
) -> Basis:
    """What a technique's rank rests on for these regions and causes."""
    direct = [
        evidence
        for evidence in kb.evidence.values()
        if technique.id in evidence.techniques
        and any(_covers(evidence, holder) for holder in holders)
    ]
    indirect = [
        kb.evidence[evidence_id]
        for evidence_id in dict.fromkeys(borrowed)
        if kb.evidence[evidence_id] not in direct
    ]
    return Basis(_guideline(direct), _certainty(direct, indirect), technique.invasiveness)


def _covers(evidence: Evidence, holder: Holder) -> bool:
    return holder.id in (evidence.regions if isinstance(holder, Region) else evidence.causes)


def _guideline(direct: Sequence[Evidence]) -> GuidelinePosition:
    stated = tuple(evidence for evidence in direct if evidence.stance is not None)
    levels = [STANCE_LEVELS[evidence.stance] for evidence in stated if evidence.stance]
    if not levels:
        return GuidelinePosition(0, "none", ())
    if max(levels) > 0 > min(levels):
        return GuidelinePosition(0, "guidelines disagree", stated)
    strongest = max(stated, key=lambda evidence: abs(STANCE_LEVELS[evidence.stance or ""]))
    return GuidelinePosition(STANCE_LEVELS[strongest.stance or ""], strongest.stance or "", stated)


def _certainty(direct: Sequence[Evidence], indirect: Sequence[Evidence]) -> CertaintyOfEvidence:
    best = CertaintyOfEvidence(0, "none", None, False)
    for evidence in direct:
        level = CERTAINTY_LEVELS[evidence.certainty]
        if level > best.level:
            best = CertaintyOfEvidence(level, evidence.certainty, evidence, False)
    for evidence in indirect:
        level = max(0, CERTAINTY_LEVELS[evidence.certainty] - 1)
        if level > best.level:
            best = CertaintyOfEvidence(level, f"{evidence.certainty} (indirect)", evidence, True)
    return best


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
