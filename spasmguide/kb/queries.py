"""Questions asked of the knowledge base: which techniques suit a region or cause, ranked by
the stated rule (docs/decisions/014), and where a technique is suggested."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from spasmguide.kb.model import CERTAINTY_LEVELS, INVASIVENESS_ORDER, STANCE_LEVELS, Region

if TYPE_CHECKING:  # named in annotations only
    from spasmguide.kb.model import (
        Cause,
        Evidence,
        KnowledgeBase,
        RedFlagGroup,
        Suggestion,
        Technique,
    )

    Holder = Region | Cause

# Evidence lifts a technique only when its certainty, at the lower end of a range, is at least
# this (low): "very low" means any estimate is very uncertain (docs/decisions/014).
COUNTED_CERTAINTY = CERTAINTY_LEVELS["low"]
NEEDLING = frozenset({"needling", "electrical needling"})
FAVOURABLE_STANCES = frozenset({"strong for", "conditional for"})
SELF_CARE = "self-care"  # the technique category of exercise and stretching


class Reason(NamedTuple):
    """Why a technique is suggested, for which region or cause, and what the source article
    says of it there (shown beside the evidence, never ranked on)."""

    context: str
    text: str
    article_says: str | None = None


class GuidelinePosition(NamedTuple):
    """Where current guidelines stand on a technique here: a level (2 strong for ... -2 strong
    against, 0 none or disagreeing), the recommendations behind it, and the lapsed ones that
    are shown but never counted."""

    level: int
    label: str  # "strong for", "guidelines disagree", "none"
    entries: tuple[Evidence, ...]
    lapsed: tuple[Evidence, ...] = ()


class CertaintyOfEvidence(NamedTuple):
    """The evidence a technique's rank rests on here: the best favourable evidence of at least
    low certainty, direct before borrowed; or, when none counts, the best there is, shown with
    why it does not count (level 0)."""

    level: int  # what counts: 4 high ... 2 low; 0 when nothing counts (model.CERTAINTY_LEVELS)
    label: (
        str  # the entry's own label, "none", with " (indirect)" when borrowed and why not counted
    )
    entry: Evidence | None
    indirect: bool

    @property
    def tier(self) -> int:
        """Direct evidence that counts 2, borrowed evidence that counts 1, none 0: borrowed
        evidence always counts below direct evidence, however certain."""
        if not self.level:
            return 0
        return 1 if self.indirect else 2


Standing = tuple[int, int, int]


class Basis(NamedTuple):
    """Everything a technique's rank rests on (docs/decisions/014)."""

    guideline: GuidelinePosition
    certainty: CertaintyOfEvidence
    invasiveness: str
    # Why a needling technique ranks below every technique that does not pierce the skin here,
    # or None: the region carries a serious needling risk and no current guideline favours it.
    held_back: str | None = None
    # Why a needling technique ranks below the self-care techniques on this page (exercise,
    # stretching), or None: a current guideline favours one of them here.
    after_self_care: str | None = None
    # The standing of the lowest-placed self-care technique on this page, which a needling
    # technique held after self-care cannot reach (set by rank_techniques).
    ceiling: Standing | None = None
    # Why a technique that stands level with the lowest self-care technique is not tied with
    # it, or None: needling held just after the self-care techniques takes the place between
    # them, and this technique competes with that needling on its own standing (set by
    # rank_techniques).
    below_self_care: str | None = None

    def standing(self) -> Standing:
        """The technique's own merit, lower first: guideline position, then favourable
        evidence (direct before borrowed), then its certainty."""
        return (-self.guideline.level, -self.certainty.tier, -self.certainty.level)

    def rank_key(self) -> tuple[int, ...]:
        """What the rule separates on; techniques with the same key share a rank. A needling
        technique held after self-care that would stand level with or above the lowest
        self-care technique is placed just after it; the other techniques that stand level
        with that self-care technique join it there, and all of them are ordered by their own
        standing, so needling is held below the self-care techniques only, never below a
        technique merely tied with them. Every other technique keeps its own place."""
        own = self.standing()
        risk = int(self.held_back is not None)
        if self.ceiling is not None and (own <= self.ceiling or self.below_self_care):
            return (risk, *self.ceiling, 1, *own)
        return (risk, *own, 0, *own)

    def sort_key(self, name: str) -> tuple[object, ...]:
        """The rank, then least invasive first and the name within a tie."""
        return (*self.rank_key(), INVASIVENESS_ORDER[self.invasiveness], name.casefold())


class RankedTechnique(NamedTuple):
    rank: int
    technique: Technique
    basis: Basis
    reasons: tuple[Reason, ...]
    tied: bool = False  # shares its rank with another technique

    @property
    def label(self) -> str:
        """The rank as a page shows it: "2", or "=2" when tied."""
        return f"={self.rank}" if self.tied else str(self.rank)


def rank_techniques(kb: KnowledgeBase, holders: Sequence[Holder]) -> list[RankedTechnique]:
    """The techniques the given regions and causes suggest, ranked by the stated rule
    (docs/decisions/014): needling held back where the region carries a serious needling risk
    and no guideline favours it; then the current guidelines' position here; then favourable
    evidence of at least low certainty, direct before borrowed; then its certainty. Where a
    current guideline favours exercise or stretching, needling also comes after the self-care
    techniques (exercise, stretching) and otherwise competes with the rest on the same steps.
    Techniques the rule cannot separate share a rank, least invasive first. The source
    article's claims and the order of the lists never enter the rank."""
    suggested: dict[str, list[tuple[str, Suggestion]]] = {}
    borrowed: dict[str, list[str]] = {}
    for holder in holders:
        for suggestion in holder.techniques:
            suggested.setdefault(suggestion.technique, []).append((holder.name, suggestion))
            borrowed.setdefault(suggestion.technique, []).extend(suggestion.evidence)
    bases = {
        technique_id: basis_of(kb, kb.techniques[technique_id], holders, borrowed[technique_id])
        for technique_id in suggested
    }
    reasons = {
        technique_id: [
            Reason(
                name,
                _reason_text(suggestion, held_back=bases[technique_id].held_back is not None),
                suggestion.article_says,
            )
            for name, suggestion in each
        ]
        for technique_id, each in suggested.items()
    }
    self_care = [
        bases[technique_id].standing()
        for technique_id in reasons
        if kb.techniques[technique_id].category == SELF_CARE
    ]
    for technique_id, basis in bases.items():
        if basis.after_self_care is not None:
            bases[technique_id] = (
                basis._replace(ceiling=max(self_care))
                if self_care
                else basis._replace(after_self_care=None)
            )
    placed = [
        kb.techniques[technique_id].name
        for technique_id, basis in bases.items()
        if basis.ceiling is not None and basis.standing() <= basis.ceiling
    ]
    if placed:  # needling takes the place just after the lowest self-care technique
        ceiling = max(self_care)
        for technique_id, basis in bases.items():
            if (
                kb.techniques[technique_id].category != SELF_CARE
                and basis.held_back is None
                and basis.ceiling is None
                and basis.standing() == ceiling
            ):
                bases[technique_id] = basis._replace(
                    ceiling=ceiling,
                    below_self_care=(
                        "it stands level with the lowest self-care technique here, but needling"
                        f" is held just after that one ({_listed(placed)}), and this technique"
                        " ranks against the needling on its own evidence"
                    ),
                )
    ordered = sorted(reasons, key=lambda item: bases[item].sort_key(kb.techniques[item].name))
    keys = [bases[technique_id].rank_key() for technique_id in ordered]
    ranked = []
    for index, technique_id in enumerate(ordered):
        key = keys[index]
        ranked.append(
            RankedTechnique(
                keys.index(key) + 1,
                kb.techniques[technique_id],
                bases[technique_id],
                tuple(reasons[technique_id]),
                keys.count(key) > 1,
            )
        )
    return ranked


def _reason_text(suggestion: Suggestion, *, held_back: bool) -> str:
    """A suggestion's reason, with its sentence about being held back only where the rank on
    this page does hold the technique back, so a reason never says it ranks lower than it does."""
    if held_back and suggestion.if_held_back:
        return f"{suggestion.reason} {suggestion.if_held_back}"
    return suggestion.reason


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
    guideline = _guideline(direct)
    held_back = after_self_care = None
    if technique.invasiveness in NEEDLING:
        risky = any(isinstance(holder, Region) and holder.needling_risk for holder in holders)
        covered = _regions_held_back(kb, technique, holders)
        if risky and guideline.level <= 0:
            held_back = "needling here carries a serious risk and no guideline favours it"
        elif covered and guideline.level <= 0:
            held_back = covered
        elif _self_care_favoured(kb, holders):
            after_self_care = "a current guideline favours exercise or stretching here"
    return Basis(
        guideline, _certainty(direct, indirect), technique.invasiveness, held_back, after_self_care
    )


def _regions_held_back(kb: KnowledgeBase, technique: Technique, holders: Sequence[Holder]) -> str:
    """On a page for causes alone, why this needling technique is held back as it would be on
    the regions they cover: a region carries a serious needling risk and no current guideline
    favours the technique there, or a current guideline advises against it there. "" if
    neither. A page that names a region is ranked on that region alone."""
    if any(isinstance(holder, Region) for holder in holders):
        return ""
    risky: list[str] = []
    against: list[str] = []
    for region_id in dict.fromkeys(
        region_id
        for holder in holders
        if not isinstance(holder, Region)
        for region_id in holder.regions
    ):
        region = kb.regions[region_id]
        levels = [
            STANCE_LEVELS[evidence.stance]
            for evidence in kb.evidence.values()
            if evidence.stance is not None
            and evidence.lapsed is None
            and technique.id in evidence.techniques
            and region_id in evidence.regions
        ]
        if region.needling_risk is not None and not any(level > 0 for level in levels):
            risky.append(region.name)
        if any(level < 0 for level in levels):
            against.append(region.name)
    said = []
    if risky:
        said.append(f"{_listed(risky)}, where needling carries a serious risk")
    if against:
        said.append(f"{_listed(against)}, where a current guideline advises against it")
    if not said:
        return ""
    return f"this cause covers {', and '.join(said)}; no guideline favours it for the cause"


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _self_care_favoured(kb: KnowledgeBase, holders: Sequence[Holder]) -> bool:
    """Whether a current guideline favours a self-care technique (exercise, stretching) for
    any of these regions or causes."""
    return any(
        evidence.lapsed is None
        and evidence.stance in FAVOURABLE_STANCES
        and any(kb.techniques[item].category == SELF_CARE for item in evidence.techniques)
        and any(_covers(evidence, holder) for holder in holders)
        for evidence in kb.evidence.values()
    )


def counts(evidence: Evidence) -> bool:
    """Whether an entry can lift a technique's rank: current, favourable, at least low."""
    favourable = evidence.stance in FAVOURABLE_STANCES or evidence.direction == "favourable"
    return (
        evidence.lapsed is None
        and favourable
        and CERTAINTY_LEVELS[evidence.certainty] >= COUNTED_CERTAINTY
    )


def _covers(evidence: Evidence, holder: Holder) -> bool:
    return holder.id in (evidence.regions if isinstance(holder, Region) else evidence.causes)


def _guideline(direct: Sequence[Evidence]) -> GuidelinePosition:
    stated = [evidence for evidence in direct if evidence.stance is not None]
    current = tuple(evidence for evidence in stated if evidence.lapsed is None)
    lapsed = tuple(evidence for evidence in stated if evidence.lapsed is not None)
    levels = [STANCE_LEVELS[evidence.stance] for evidence in current if evidence.stance]
    if not levels:
        return GuidelinePosition(0, "none", (), lapsed)
    if max(levels) > 0 > min(levels):
        return GuidelinePosition(0, "guidelines disagree", current, lapsed)
    strongest = max(current, key=lambda evidence: abs(STANCE_LEVELS[evidence.stance or ""]))
    level = STANCE_LEVELS[strongest.stance or ""]
    return GuidelinePosition(level, strongest.stance or "", current, lapsed)


def _certainty(direct: Sequence[Evidence], indirect: Sequence[Evidence]) -> CertaintyOfEvidence:
    candidates = [(evidence, False) for evidence in direct] + [
        (evidence, True) for evidence in indirect
    ]
    counted = [(evidence, borrowed) for evidence, borrowed in candidates if counts(evidence)]
    if counted:
        evidence, borrowed = max(
            counted, key=lambda pair: (not pair[1], CERTAINTY_LEVELS[pair[0].certainty])
        )
        label = evidence.certainty + (" (indirect)" if borrowed else "")
        return CertaintyOfEvidence(CERTAINTY_LEVELS[evidence.certainty], label, evidence, borrowed)
    # An ungraded review is still shown (as "not graded, not counted"): "none" would say no
    # evidence was found. Only an entry not found as cited is left out.
    shown = [
        pair
        for pair in candidates
        if CERTAINTY_LEVELS[pair[0].certainty] > 0 or pair[0].certainty == "not graded"
    ]
    if not shown:
        return CertaintyOfEvidence(0, "none", None, False)
    evidence, borrowed = max(
        shown,
        key=lambda pair: (
            pair[0].lapsed is None,
            not pair[1],
            CERTAINTY_LEVELS[pair[0].certainty],
            pair[0].stance is None,  # a review before a guideline, which is shown on its own line
        ),
    )
    return CertaintyOfEvidence(
        0,
        f"{evidence.certainty}{' (indirect)' if borrowed else ''}, {_why_not(evidence)}",
        evidence,
        borrowed,
    )


def _why_not(evidence: Evidence) -> str:
    if evidence.lapsed is not None:
        return "from a lapsed guideline, not counted"
    if evidence.certainty == "not graded":
        return "not counted"
    if evidence.direction == "uncertain":
        return "effect uncertain, not counted"
    if evidence.direction == "no benefit":
        return "no benefit found, not counted"
    if CERTAINTY_LEVELS[evidence.certainty] < COUNTED_CERTAINTY:
        return "too uncertain to count"
    return "direction of effect not recorded, not counted"


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


# What a caution is about, as the guide words it (a quiz card's wrong answer may not name a
# subject the guide gives a caution for with that technique; a pregnancy caution is one whose
# only subject is pregnancy).
SAFETY_SUBJECTS: Mapping[str, re.Pattern[str]] = MappingProxyType(
    {
        subject: re.compile(pattern, re.I)
        for subject, pattern in {
            "pregnancy": r"\bpregnan",
            "bleeding": r"bleeding (?:disorder|problem)|blood thinner|anticoagulant|platelet",
            "clot": r"\bclot|\bDVT\b|thrombos",
            "fracture": r"fracture|broken bone",
            "wound or skin": r"\bwound|infected skin|skin infection|broken(?:, thin)? skin"
            r"|inflamed skin|thin or inflamed skin",
            "weak bones": r"osteoporo|weakened by",
            "cancer": r"\bcancer|tumou?r|malignan",
            "inflammation": r"acutely inflamed|inflamed tissue",
            "pacemaker": r"pacemaker|implanted (?:device|electronic)",
            "lymphoedema": r"lymph(?:o)?edema|lymphoedema",
            "varicose veins": r"varicose",
            "neck vessels": r"carotid|jugular",
            "lung": r"\blung|pneumothorax",
            "epilepsy": r"epilep|seizure",
            "metal allergy": r"metal allergy",
        }.items()
    }
)


@functools.lru_cache(maxsize=4096)
def safety_subjects(text: str) -> frozenset[str]:
    """The safety subjects (`SAFETY_SUBJECTS`) a caution's text names."""
    return frozenset(subject for subject, said in SAFETY_SUBJECTS.items() if said.search(text))
