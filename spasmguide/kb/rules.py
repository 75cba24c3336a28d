"""The content rules `spasmguide validate` checks on every layer, beyond the schema.

The schema (`spasmguide.kb.model`, read by the loader) says what a file may contain; these
rules say what a useful and safe entry needs: a region names an emergency warning sign, enough
suggestions and its acupoints; a technique says who should not have it; a lay word belongs to
one entry. They run on the knowledge base in force, shipped files and the user's alike, so a
teacher's new region is held to the same rules as the shipped ones, and each problem is
reported as `file:line:column: message` at the entry that breaks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from spasmguide.kb.layers import Layer, Problem
from spasmguide.kb.loader import Defined, Placed, invalid, load_placed
from spasmguide.kb.model import COLLECTIONS, KIND_BY_COLLECTION, KnowledgeBase
from spasmguide.kb.names import normalize_name
from spasmguide.safe_text import one_line

MIN_SUGGESTIONS = 4  # a region's ranked list is worth ranking
MIN_ACUPOINTS = 1
EMERGENCY = "emergency"


class Rule(NamedTuple):
    """One content rule: its name, what it asks, and the check that yields a problem per entry
    breaking it."""

    name: str
    says: str
    check: Callable[[KnowledgeBase, Placed], Iterator[Problem]]


def _region_has_an_emergency(kb: KnowledgeBase, placed: Placed) -> Iterator[Problem]:
    for region_id, defined in placed["regions"].items():
        urgencies = {kb.red_flags[flag].urgency for flag in kb.regions[region_id].red_flags}
        if EMERGENCY not in urgencies:
            yield defined.at("red_flags").problem(
                f"region '{region_id}' names no warning-sign group of urgency '{EMERGENCY}'"
                " in red_flags: every region needs the signs that call for emergency care"
            )


def _region_has_ranked_suggestions(kb: KnowledgeBase, placed: Placed) -> Iterator[Problem]:
    for region_id, defined in placed["regions"].items():
        suggestions = kb.regions[region_id].techniques
        if len(suggestions) < MIN_SUGGESTIONS:
            yield defined.at("techniques").problem(
                f"region '{region_id}' suggests {len(suggestions)} technique"
                f"{'s' if len(suggestions) != 1 else ''}; a region suggests at least"
                f" {MIN_SUGGESTIONS}, each with its reason, for its page to rank"
            )
        yield from _twice(defined, "techniques", [item.technique for item in suggestions])


def _region_has_acupoints(kb: KnowledgeBase, placed: Placed) -> Iterator[Problem]:
    for region_id, defined in placed["regions"].items():
        if len(kb.regions[region_id].acupoints) < MIN_ACUPOINTS:
            yield defined.at("acupoints").problem(
                f"region '{region_id}' names no acupoints: add the common ones (ids of"
                " acupoints, each with its location)"
            )
        yield from _twice(defined, "acupoints", kb.regions[region_id].acupoints)


def _technique_has_contraindications(kb: KnowledgeBase, placed: Placed) -> Iterator[Problem]:
    for technique_id, defined in placed["techniques"].items():
        if not kb.techniques[technique_id].contraindications:
            yield defined.at("contraindications").problem(
                f"technique '{technique_id}' has no contraindications: say who should not have it"
            )


def _lay_terms_are_unique(kb: KnowledgeBase, placed: Placed) -> Iterator[Problem]:
    for kind, record in COLLECTIONS.items():
        if "lay_terms" not in record._fields:
            continue
        label = KIND_BY_COLLECTION[kind].label
        owners: dict[str, str] = {}
        for entry_id, defined in placed[kind].items():
            for term in getattr(defined.value, "lay_terms", ()):
                name, shown = normalize_name(term), one_line(term, 40)
                first = owners.setdefault(name, entry_id)
                named = kb.names[kind].get(name, entry_id)
                if first != entry_id:
                    yield defined.at("lay_terms").problem(
                        f"the lay word '{shown}' of {label} '{entry_id}' is already one of"
                        f" '{first}': a lay word belongs to one {label}"
                    )
                elif named != entry_id:
                    yield defined.at("lay_terms").problem(
                        f"the lay word '{shown}' of {label} '{entry_id}' is a name of"
                        f" '{named}': a lay word belongs to one {label}"
                    )


def _labels_are_explained(kb: KnowledgeBase, placed: Placed) -> Iterator[Problem]:
    explained = (
        ("evidence", "certainty", "evidence", kb.guide.certainty_labels),
        ("red_flags", "urgency", "red-flag group", kb.guide.urgency_labels),
    )
    for kind, field, noun, labels in explained:
        known = {label.label for label in labels}
        for entry_id, defined in placed[kind].items():
            value = getattr(kb.collection(kind)[entry_id], field)
            if value not in known:
                yield defined.at(field).problem(
                    f"the {field} '{value}' of {noun} '{entry_id}' is not explained in the"
                    f" guide's {field}_labels"
                )


def _sign_patterns_can_match(kb: KnowledgeBase, placed: Placed) -> Iterator[Problem]:
    for flag_id, defined in placed["red_flags"].items():
        for number, pattern in enumerate(kb.red_flags[flag_id].pattern, start=1):
            if len(pattern.two_of) == 1 or not (pattern.all or pattern.two_of):
                yield defined.at("pattern").problem(
                    f"pattern {number} of red-flag group '{flag_id}' can never be read: give"
                    " concepts in 'all', or at least two in 'two_of'"
                )


def _twice(defined: Defined, key: str, ids: Sequence[str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            yield defined.at(key).problem(f"'{item}' is named twice in {key}")
        seen.add(item)


# Every rule, in the order problems are listed. Rules the schema itself enforces (self-care,
# a reason for each suggestion, a location for each acupoint, a source for each entry, a
# cited source that exists) are the loader's, reported the same way.
RULES: tuple[Rule, ...] = (
    Rule(
        "region-emergency",
        "A region names at least one warning-sign group of urgency 'emergency'.",
        _region_has_an_emergency,
    ),
    Rule(
        "region-suggestions",
        f"A region suggests at least {MIN_SUGGESTIONS} techniques, none twice.",
        _region_has_ranked_suggestions,
    ),
    Rule(
        "region-acupoints",
        f"A region names at least {MIN_ACUPOINTS} acupoint, none twice.",
        _region_has_acupoints,
    ),
    Rule(
        "technique-contraindications",
        "A technique names its contraindications.",
        _technique_has_contraindications,
    ),
    Rule(
        "lay-terms-unique",
        "A lay word (lay_terms) belongs to one entry of its kind, and is no other entry's name.",
        _lay_terms_are_unique,
    ),
    Rule(
        "sign-patterns",
        "A warning sign's pattern names concepts in 'all', or at least two in 'two_of'.",
        _sign_patterns_can_match,
    ),
    Rule(
        "labels-explained",
        "Each evidence certainty and warning-sign urgency is explained in the guide's labels.",
        _labels_are_explained,
    ),
)


def check(kb: KnowledgeBase, placed: Placed, only: str | None = None) -> list[Problem]:
    """Every content problem of the knowledge base in force (of the rule named `only`, when
    given), in file order within each rule."""
    if only is not None and only not in {rule.name for rule in RULES}:
        raise KeyError(f"no content rule named {only!r}")
    chosen = [rule for rule in RULES if only in (None, rule.name)]
    return [problem for rule in chosen for problem in rule.check(kb, placed)]


def checked(layers: Sequence[Layer]) -> KnowledgeBase:
    """The layers read afresh and held to the content rules; raises InvalidContentError
    listing every problem (the schema's first: the rules need a knowledge base to read)."""
    kb, placed = load_placed(layers)
    problems = check(kb, placed)
    if problems:
        raise invalid(problems)
    return kb
