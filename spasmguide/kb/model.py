"""The knowledge model: read-only records built from the YAML knowledge base.

The field names here are the YAML keys; the loader checks every file against these
definitions, so this module is also the knowledge base's schema. Records are typed named
tuples rather than dataclasses: as immutable, and several times cheaper to define, which
matters for a command that starts many times an evening (docs/decisions/005).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, NamedTuple


class Ref(NamedTuple):
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
PointTermId = Annotated[str, Ref("point_terms")]
ConceptId = Annotated[str, Ref("vocabulary")]
MapViewId = Annotated[str, Ref("map_views")]

Category = Literal["acupuncture", "manual therapy", "self-care"]
Certainty = Literal[
    "high",
    "moderate",
    "low to moderate",
    "low",
    "moderate to high",
    "very low to moderate",
    "very low to low",
    "very low",
    "not graded",
    "not found as cited",
    "no study named",
]
Urgency = Literal["emergency", "urgent", "see a doctor"]
# The urgencies, most urgent first: the order warning signs are shown and compared in.
URGENCY_ORDER: dict[Urgency, int] = {"emergency": 0, "urgent": 1, "see a doctor": 2}
# The groups whose concepts steer denial (the negation rules' triggers, and the words that end
# or undo a denial) rather than say something about the person.
TriggerGroup = Literal[
    "negation",
    "negation after",
    "hypothetical",
    "end of scope",
    "pseudo-negation",
    "affirmation after",
]
# What a concept of `ask`'s vocabulary is (docs/decisions/016). A sensation is felt in a place
# (said near it); a symptom is of the whole body (fever, sweating, fainting). The trigger groups
# steer the negation rules; a fixed expression's words mean nothing taken alone; an everyday
# word is spelt as meant and is never read as a misspelling; a doer's words (I, he, my son)
# name who did something and are read only to place a concept that counts after them (`after`).
ConceptGroup = Literal[
    "body part",
    "sensation",
    "symptom",
    "colour or comparison",
    "activity",
    "circumstance",
    "time course",
    "medicine",
    "wound",
    "exertion",
    "rest",
    "person",
    "doer",
    "fixed expression",
    "everyday word",
    TriggerGroup,
]
TRIGGER_GROUPS: frozenset[str] = frozenset(typing.get_args(TriggerGroup))
# The standing notice is what keeps the guide safe to read: it must name this, and pages never
# break the name across lines (so it is always there to read, or to find with grep).
NOTICE_MUST_NAME = "Licensed Acupuncturist (L.Ac)"
# How much a technique does to the body, least first: the order within a tie (docs/decisions/014).
Invasiveness = Literal["self-care", "touch", "tools on the skin", "needling", "electrical needling"]
# A guideline's position on a technique for a region or condition, strongest for first.
Stance = Literal["strong for", "conditional for", "conditional against", "strong against"]
# Which way a study's result points (docs/decisions/014): only a favourable result can lift a
# technique's rank; an uncertain one is shown and never ranked on.
Direction = Literal["favourable", "uncertain", "no benefit"]
# When an entry was last checked against its sources: year and month, "2026-12".
Reviewed = str

# What each label counts for when techniques are ranked (docs/decisions/014): a range counts
# at its lower end, and a label that grades nothing counts as no evidence.
CERTAINTY_LEVELS: dict[str, int] = {
    "high": 4,
    "moderate to high": 3,
    "moderate": 3,
    "low to moderate": 2,
    "low": 2,
    "very low to moderate": 1,
    "very low to low": 1,
    "very low": 1,
    "not graded": 0,
    "not found as cited": 0,
    "no study named": 0,
}
STANCE_LEVELS: dict[str, int] = {
    "strong for": 2,
    "conditional for": 1,
    "conditional against": -1,
    "strong against": -2,
}
INVASIVENESS_ORDER: dict[str, int] = {
    "self-care": 0,
    "touch": 1,
    "tools on the skin": 2,
    "needling": 3,
    "electrical needling": 4,
}
SourceKind = Literal[
    "source article",
    "standard",
    "textbook",
    "guideline",
    "systematic review",
    "narrative review",
    "meta-analysis",
    "trial",
    "study",
    "patient information",
    "professional body",
    "practitioner guidance",
    "general medical advice",
]


class Source(NamedTuple):
    id: str
    citation: str
    kind: SourceKind
    note: str | None = None
    reviewed: Reviewed | None = None


class Suggestion(NamedTuple):
    """A technique suggested for a region or cause, with the reason for it.

    Its rank comes from the evidence entries about this technique for this region or cause
    (direct), or from the entries named in `evidence` that are about another one (indirect,
    counted one certainty level lower); never from `article_says`, which is shown beside.
    `if_held_back` speaks of the rank, so the page adds it to the reason only where the rank
    holds the technique back below every technique that does not pierce the skin.
    """

    technique: TechniqueId
    reason: str
    evidence: tuple[EvidenceId, ...] = ()
    article_says: str | None = None
    if_held_back: str | None = None


# How a needle enters the skin at a point (a transverse insertion is also called subcutaneous).
NeedleAngle = Literal[
    "perpendicular",
    "oblique",
    "transverse",
    "perpendicular or oblique",
    "oblique or transverse",
    "perpendicular or transverse",
    "shallow",
    "pricked to bleed",
]
Moxibustion = Literal["applicable", "not advised", "not recorded"]
# What a point term is: a measure (the cun) or a category of points.
TermGroup = Literal["measure", "category"]


class PointTerm(NamedTuple):
    """A word of point reference explained once: a measure (cun) or a point category."""

    id: str
    name: str
    group: TermGroup
    meaning: str
    sources: tuple[SourceId, ...]
    aliases: tuple[str, ...] = ()


class PointCategory(NamedTuple):
    """A category a point belongs to, and of what (the Liver's back-shu, the sinews' hui)."""

    term: PointTermId
    of: str | None = None


class PointRegion(NamedTuple):
    """A region where a teacher would use the point, and why."""

    region: RegionId
    reason: str


class Needling(NamedTuple):
    """How the point is needled: angle, direction, depth in cun, what lies beneath, whether
    moxibustion applies, and the caution that belongs beside the depth."""

    depth: str  # in cun: "0.5-0.8", "1-1.5" or "0.1"
    source: SourceId
    angle: NeedleAngle | None = None
    direction: str | None = None
    beneath: tuple[str, ...] = ()
    moxibustion: Moxibustion = "not recorded"
    caution: str | None = None


class Indications(NamedTuple):
    """What a text lists the point for, among muscles and pain, attributed to that text."""

    source: SourceId
    conditions: tuple[str, ...]


# Fields of a point that may be left out only when named in its `unchecked` list: a fact no
# checked source gave is left out, never guessed.
POINT_CHECKED_FIELDS = ("characters", "needling", "english")


class Acupoint(NamedTuple):
    id: str
    code: str | None
    pinyin: str  # with tone marks (Fēngchí); searches also match it without them
    meridian: str
    location: str
    uses: str
    sources: tuple[SourceId, ...]
    english: tuple[str, ...] = ()  # the English names in use; left out where none was checked
    code_note: str | None = None
    cautions: tuple[str, ...] = ()
    characters: str | None = None  # traditional Chinese characters
    simplified: str | None = None  # simplified characters, where they differ
    aliases: tuple[str, ...] = ()  # other romanised names (Renzhong for GV26)
    regions: tuple[PointRegion, ...] = ()
    categories: tuple[PointCategory, ...] = ()
    needling: Needling | None = None
    indications: Indications | None = None
    pregnancy: str | None = None  # the caution in pregnancy, where a source gives one
    unchecked: tuple[str, ...] = ()  # fields left out because no checked source gave them
    reviewed: Reviewed | None = None


class Technique(NamedTuple):
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
    invasiveness: Invasiveness
    aliases: tuple[str, ...] = ()
    contraindications: tuple[str, ...] = ()
    safety: tuple[SafetyId, ...] = ()
    related: tuple[TechniqueId, ...] = ()
    evidence: tuple[EvidenceId, ...] = ()
    notes: tuple[str, ...] = ()
    reviewed: Reviewed | None = None


class Region(NamedTuple):
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
    lay_terms: tuple[str, ...] = ()
    acupoints: tuple[AcupointId, ...] = ()
    evidence: tuple[EvidenceId, ...] = ()
    # What makes needling here seriously risky (lung, great vessels of the neck, brainstem);
    # when set, needling cannot outrank a safer technique without a favourable guideline.
    needling_risk: str | None = None
    reviewed: Reviewed | None = None


class Cause(NamedTuple):
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
    lay_terms: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    red_flags: tuple[RedFlagId, ...] = ()
    reviewed: Reviewed | None = None


class Evidence(NamedTuple):
    id: str
    title: str
    finding: str
    certainty: Certainty
    basis: str
    sources: tuple[SourceId, ...]
    article_says: str | None = None
    as_cited: str | None = None
    stance: Stance | None = None  # set on a guideline's recommendation
    techniques: tuple[TechniqueId, ...] = ()
    regions: tuple[RegionId, ...] = ()
    causes: tuple[CauseId, ...] = ()
    direction: Direction | None = None  # which way a study's result points
    # Set when its publisher treats the guideline as lapsed, saying why: shown, never ranked on.
    lapsed: str | None = None
    reviewed: Reviewed | None = None


class SignPattern(NamedTuple):
    """One way a warning sign shows in what a person says: every concept of `all` is there,
    and (when `two_of` is given) at least two of `two_of`, said in different words; none of
    them denied."""

    all: tuple[ConceptId, ...] = ()
    two_of: tuple[ConceptId, ...] = ()


class RedFlagGroup(NamedTuple):
    id: str
    title: str
    urgency: Urgency
    applies_to: str
    signs: tuple[str, ...]
    sources: tuple[SourceId, ...]
    note: str | None = None  # for maintainers: where a sign comes from, what was not checked
    lay_terms: tuple[str, ...] = ()
    action: str | None = None  # what to do, in plain words, where it differs from the urgency's
    reviewed: Reviewed | None = None
    # How `ask` recognises the sign: any one of these patterns of concepts (docs/decisions/016).
    pattern: tuple[SignPattern, ...] = ()
    # When `ask` reads one of these concepts and none of the patterns (a head injury said with
    # none of its signs), the answer opens with these signs as a check to make now; read with
    # a pattern, they put this group first among equally urgent ones.
    check_when: tuple[ConceptId, ...] = ()
    # What to do first, as the opening line of an answer this sign leads, where the urgency's
    # own opening would send the person to the wrong place (a maternity unit, not a GP).
    first_step: str | None = None
    # What the signs are about that the guide does not cover (burns and scalds): an `ask`
    # answer that matches the sign stops before any technique, whatever its urgency.
    not_covered: str | None = None


class Concept(NamedTuple):
    """A meaning `ask` reads in a person's words, with the words and phrases that say it
    (base forms: word forms and small misspellings are the reader's job)."""

    id: str
    group: ConceptGroup
    words: tuple[str, ...] = ()
    includes: tuple[ConceptId, ...] = ()  # narrower concepts this one stands for
    region: RegionId | None = None  # the region a body part points to
    causes: tuple[CauseId, ...] = ()  # the causes an activity or circumstance suggests
    unless: tuple[ConceptId, ...] = ()  # not read when one of these is in the same sentence
    # Read only after a one-word phrase of one of these (a doer, a fall) earlier in the same
    # clause, with no "it", "that" or "this" nearer: "I fell and hurt my head", not "it hurt
    # my head"; or, when it opens its clause, one of them that is no doer (a fall) in the
    # clause or sentence just before ("Dad fell over. Hurt his head."); or opening the message.
    after: tuple[ConceptId, ...] = ()
    # Which forms of its words count: "any" (cramp, cramps, cramping) or only those "written"
    # ("hurt", not "hurts"; "fitting", not "fit"), each ending on its own last word ("is out
    # of it", not "is out cold").
    forms: Literal["any", "written"] = "any"
    # Read where a phrase of every one of these concepts is said, affirmed, close together
    # (`within`): a compound meaning, such as the head named beside a blow or a fall.
    together: tuple[ConceptId, ...] = ()
    # How close the phrases of `together` must be: in one "sentence", or in the same or the
    # "next sentence" (one sentence apart, either way).
    within: Literal["sentence", "next sentence"] = "sentence"
    # How strongly a body part's words name its region: "weak" for a word that names no
    # particular part ("back", "leg"), so a nearer word outranks it.
    strength: Literal["weak", "normal"] = "normal"
    means: str | None = None


class SafetyGroup(NamedTuple):
    id: str
    title: str
    points: tuple[str, ...]
    sources: tuple[SourceId, ...]
    reviewed: Reviewed | None = None


class Label(NamedTuple):
    """A word of the guide's own vocabulary (a certainty or urgency level) and its meaning."""

    label: str
    meaning: str


class Guide(NamedTuple):
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


class MapView(NamedTuple):
    """One figure of the body map (front, back) as rows of box-drawing characters, each row
    written between two '|' so its spaces show."""

    id: str
    rows: tuple[str, ...]


class MapPlace(NamedTuple):
    """Where a region sits on one view: the cell of its number ("ROW COLUMN"), and the cells
    whose open space is shaded when it is chosen ("ROWS COLUMN...": "4-5 12 18" is rows 4 to
    5 at columns 12 and 18)."""

    view: MapViewId
    number: str
    shade: tuple[str, ...]


class MapRegion(NamedTuple):
    """A region's place on the body map; `also` names the ids or names a region may go by in a
    knowledge base, so a region named a little differently still finds its place."""

    id: str
    places: tuple[MapPlace, ...]
    also: tuple[str, ...] = ()


class MapPoint(NamedTuple):
    """An acupoint's approximate place on one view ("ROW COLUMN", in fractions of a cell); its
    id is the acupoint's id or its code in lower case."""

    id: str
    view: MapViewId
    at: str


Entry = (
    Source
    | PointTerm
    | Acupoint
    | Technique
    | Region
    | Cause
    | Evidence
    | RedFlagGroup
    | SafetyGroup
    | Concept
)
# The body map's layout: kept in the knowledge base's files, but not content a page is about.
LayoutEntry = MapView | MapRegion | MapPoint


class Kind(NamedTuple):
    """One collection of the knowledge base: its YAML key, its record type, and its words."""

    collection: str  # the YAML key and the KnowledgeBase field, e.g. "red_flags"
    record: type[Entry] | type[LayoutEntry]
    label: str  # how pages and messages name one entry, e.g. "red-flag group"
    singular: str  # how a reference to one is named in a problem, e.g. "red flag"
    plural: str  # how a count of them reads, e.g. "red flags"
    opens_with: str | None = None  # the command that opens an entry, "{id}" for its id
    listed: bool = False  # `spasmguide list` lists them
    quizzed: bool = False  # the quiz has a topic for them
    counted: bool = True  # `spasmguide validate` counts them in its summary


# Every kind, in the order pages list them. Adding a kind is one line here plus its schema.
KINDS: tuple[Kind, ...] = (
    Kind("techniques", Technique, "technique", "technique", "techniques",
         "technique {id}", listed=True, quizzed=True),
    Kind("regions", Region, "region", "region", "regions",
         "lookup --region {id}", listed=True, quizzed=True),
    Kind("causes", Cause, "cause", "cause", "causes",
         "lookup --cause {id}", listed=True, quizzed=True),
    Kind("acupoints", Acupoint, "acupoint", "acupoint", "acupoints",
         "acupoint {id}", listed=True, quizzed=True),
    Kind("point_terms", PointTerm, "point term", "point term", "point terms",
         "list point_terms", listed=True),
    Kind("evidence", Evidence, "evidence entry", "evidence", "evidence",
         "evidence", quizzed=True),
    Kind("red_flags", RedFlagGroup, "red-flag group", "red flag", "red flags", "red-flags"),
    Kind("safety", SafetyGroup, "safety note", "safety", "safety", counted=False),
    Kind("sources", Source, "source", "source", "sources"),
    Kind("vocabulary", Concept, "concept", "concept", "concepts", counted=False),
    # The body map's layout: figures, and where regions and acupoints sit on them.
    Kind("map_views", MapView, "map view", "map view", "map views", counted=False),
    Kind("map_regions", MapRegion, "map place", "map place", "map places", counted=False),
    Kind("map_points", MapPoint, "map point", "map point", "map points", counted=False),
)  # fmt: skip
KIND_BY_COLLECTION: dict[str, Kind] = {kind.collection: kind for kind in KINDS}
LISTED_KINDS = tuple(kind.collection for kind in KINDS if kind.listed)
QUIZ_TOPICS = tuple(kind.collection for kind in KINDS if kind.quizzed)
# The collections of a knowledge-base file with their entry type.
COLLECTIONS: dict[str, type[Entry] | type[LayoutEntry]] = {
    kind.collection: kind.record for kind in KINDS
}


class KnowledgeBase(NamedTuple):
    guide: Guide
    techniques: Mapping[str, Technique]
    regions: Mapping[str, Region]
    causes: Mapping[str, Cause]
    acupoints: Mapping[str, Acupoint]
    point_terms: Mapping[str, PointTerm]
    evidence: Mapping[str, Evidence]
    red_flags: Mapping[str, RedFlagGroup]
    safety: Mapping[str, SafetyGroup]
    sources: Mapping[str, Source]
    vocabulary: Mapping[str, Concept]
    map_views: Mapping[str, MapView]
    map_regions: Mapping[str, MapRegion]
    map_points: Mapping[str, MapPoint]
    # For each kind, every name its entries answer to (normalized) and the id it belongs to.
    names: Mapping[str, Mapping[str, str]]
    # Shipped safety content a user's file replaced: "kind/id" to the file that replaced it.
    changed_by: Mapping[str, str] = {}

    def collection(self, kind: str) -> Mapping[str, Entry]:
        entries: Mapping[str, Entry] = getattr(self, kind)
        return entries


_Built = typing.TypeVar("_Built")


def built_for_latest(
    build: Callable[[KnowledgeBase], _Built],
) -> Callable[[KnowledgeBase], _Built]:
    """`build`, run once for the knowledge base it was last given and kept only for that one
    (a command reads one knowledge base; a new one, even at the same address, is built
    afresh and the old result let go)."""
    kept: dict[int, tuple[KnowledgeBase, _Built]] = {}

    @functools.wraps(build)
    def built(kb: KnowledgeBase) -> _Built:
        known = kept.get(id(kb))
        if known is None or known[0] is not kb:
            kept.clear()
            known = kept[id(kb)] = (kb, build(kb))
        return known[1]

    return built


# What each field means (search, headings, safety content, JSON): spasmguide.kb.fields.


@functools.cache
def field_types(record: type[Any]) -> dict[str, Any]:
    """A record's field types, read the one way that also works with postponed annotations."""
    return typing.get_type_hints(record, include_extras=True)


def record_layout() -> str:
    """The field names of every record type: compiled data written by code with another
    layout must never be decoded by this code."""
    records = (
        Guide, Label, Suggestion, SignPattern, MapPlace, PointCategory, PointRegion, Needling,
        Indications, *COLLECTIONS.values(),
    )  # fmt: skip
    return ";".join(f"{record.__name__}:{','.join(record._fields)}" for record in records)


def is_record(target: Any) -> bool:
    """Whether `target` is one of the model's record types (a typed named tuple)."""
    return isinstance(target, type) and issubclass(target, tuple) and hasattr(target, "_fields")


def to_plain(value: Any) -> Any:
    """A record as nested dicts and lists (for JSON), with every field present."""
    if is_record(type(value)):
        return {name: to_plain(item) for name, item in zip(value._fields, value, strict=True)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: to_plain(item) for key, item in value.items()}
    return value
