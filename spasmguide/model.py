"""The knowledge model: read-only records built from the YAML knowledge base.

The field names here are the YAML keys; the loader checks every file against these
definitions, so this module is also the knowledge base's schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal


@dataclass(frozen=True)
class Ref:
    """Marks a field whose text is the id of another entry of the given kind."""

    kind: str


SourceId = Annotated[str, Ref("sources")]
TechniqueId = Annotated[str, Ref("techniques")]
RegionId = Annotated[str, Ref("regions")]
CauseId = Annotated[str, Ref("causes")]
AcupointId = Annotated[str, Ref("acupoints")]
EvidenceId = Annotated[str, Ref("evidence")]
RedFlagId = Annotated[str, Ref("red_flags")]
SafetyId = Annotated[str, Ref("safety")]

Category = Literal["acupuncture", "manual therapy", "self-care"]
Certainty = Literal[
    "moderate",
    "low to moderate",
    "low",
    "very low to moderate",
    "very low to low",
    "very low",
    "not graded",
    "not found as cited",
    "no study named",
]
Urgency = Literal["emergency", "urgent", "see a doctor"]
SourceKind = Literal[
    "source article",
    "standard",
    "textbook",
    "guideline",
    "systematic review",
    "meta-analysis",
    "trial",
    "study",
    "patient information",
    "professional body",
    "practitioner guidance",
    "general medical advice",
]


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    kind: SourceKind
    note: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """A technique suggested for a region or cause, with the reason for it."""

    technique: TechniqueId
    reason: str


@dataclass(frozen=True)
class Acupoint:
    id: str
    code: str | None
    pinyin: str
    english: tuple[str, ...]
    meridian: str
    location: str
    uses: str
    sources: tuple[SourceId, ...]
    code_note: str | None = None
    cautions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Technique:
    id: str
    name: str
    category: Category
    summary: str
    how_it_works: tuple[str, ...]
    benefits: tuple[str, ...]
    often_used_for: tuple[str, ...]
    session: str
    cautions: tuple[str, ...]
    sources: tuple[SourceId, ...]
    aliases: tuple[str, ...] = ()
    contraindications: tuple[str, ...] = ()
    safety: tuple[SafetyId, ...] = ()
    related: tuple[TechniqueId, ...] = ()
    evidence: tuple[EvidenceId, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    summary: str
    description: str
    muscles: tuple[str, ...]
    causes: tuple[CauseId, ...]
    techniques: tuple[Suggestion, ...]
    self_care: tuple[str, ...]
    red_flags: tuple[RedFlagId, ...]
    sources: tuple[SourceId, ...]
    aliases: tuple[str, ...] = ()
    acupoints: tuple[AcupointId, ...] = ()
    evidence: tuple[EvidenceId, ...] = ()


@dataclass(frozen=True)
class Cause:
    id: str
    name: str
    summary: str
    description: str
    mechanism: str
    regions: tuple[RegionId, ...]
    techniques: tuple[Suggestion, ...]
    prevention: tuple[str, ...]
    sources: tuple[SourceId, ...]
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    red_flags: tuple[RedFlagId, ...] = ()


@dataclass(frozen=True)
class Evidence:
    id: str
    title: str
    finding: str
    certainty: Certainty
    basis: str
    sources: tuple[SourceId, ...]
    article_says: str | None = None
    as_cited: str | None = None
    techniques: tuple[TechniqueId, ...] = ()
    regions: tuple[RegionId, ...] = ()


@dataclass(frozen=True)
class RedFlagGroup:
    id: str
    title: str
    urgency: Urgency
    applies_to: str
    signs: tuple[str, ...]
    sources: tuple[SourceId, ...]
    note: str | None = None


@dataclass(frozen=True)
class SafetyGroup:
    id: str
    title: str
    points: tuple[str, ...]
    sources: tuple[SourceId, ...]


@dataclass(frozen=True)
class Label:
    """A word of the guide's own vocabulary (a certainty or urgency level) and its meaning."""

    label: str
    meaning: str


@dataclass(frozen=True)
class Guide:
    """The knowledge base's front matter: the notice, the overview and the guide's vocabulary."""

    title: str
    notice: str
    overview: tuple[str, ...]
    why_spasms_happen: str
    spasm_ischemia_cycle: str
    how_therapies_help: str
    combining_therapies: str
    outlook: str
    licensing: tuple[str, ...]
    red_flag_note: str
    red_flag_note_sources: tuple[SourceId, ...]
    certainty_labels: tuple[Label, ...]
    urgency_labels: tuple[Label, ...]
    sources: tuple[SourceId, ...]


Entry = Source | Acupoint | Technique | Region | Cause | Evidence | RedFlagGroup | SafetyGroup

# The collections of a knowledge-base file, in the order pages list them, with their entry type.
COLLECTIONS: dict[str, type[Entry]] = {
    "techniques": Technique,
    "regions": Region,
    "causes": Cause,
    "acupoints": Acupoint,
    "evidence": Evidence,
    "red_flags": RedFlagGroup,
    "safety": SafetyGroup,
    "sources": Source,
}


@dataclass(frozen=True)
class KnowledgeBase:
    guide: Guide
    techniques: dict[str, Technique] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    causes: dict[str, Cause] = field(default_factory=dict)
    acupoints: dict[str, Acupoint] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    red_flags: dict[str, RedFlagGroup] = field(default_factory=dict)
    safety: dict[str, SafetyGroup] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def collection(self, kind: str) -> dict[str, Entry]:
        entries: dict[str, Entry] = getattr(self, kind)
        return entries
