"""Reads a question in a person's own words: which regions and causes it is about, and which
warning signs it describes.

The words are read as concepts of the knowledge base's vocabulary (`spasmguide.kb.reading`):
body parts point to regions, activities and circumstances to causes, and a warning sign is
described when every concept of one of its patterns is there and none of them is denied
(docs/decisions/016). Every region named gives a reading, the most strongly named first (between
equals, one named by a particular word before one named only by a vague word such as "leg");
the likeliest cause goes with each. Warning signs come most urgent first; among equally urgent ones,
the sign whose pattern matched more of what was said, then one the named region lists, then
the one whose pattern is narrower, then the one fewer regions list (the more particular sign).
A sign whose `check_when` concepts are read (a blow to the head, for the head-injury sign) leads
among equally urgent ones. When those concepts are read and none of its patterns is, the sign is
a check to make now (`Understanding.checks`), apart from the warnings: the words describe what
calls for it (a head injury) but not yet any of its signs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from spasmguide.kb.model import (
    TRIGGER_GROUPS,
    URGENCY_ORDER,
    Cause,
    KnowledgeBase,
    RedFlagGroup,
    Region,
    SignPattern,
)
from spasmguide.kb.names import pages_named
from spasmguide.kb.reading import Found, Read, base_form, read

# A text longer than this is read up to here, and the answer says where it stopped.
MAX_TEXT = 20_000
MAX_OTHER_CAUSES = 2
# A pattern's places and sensations must be within this many words of one another.
NEAR_WINDOW = 10
LOCAL_GROUPS = frozenset({"body part", "sensation", "colour or comparison"})  # not "symptom"
MAX_OPTIONS = 6


class Reading(NamedTuple):
    """One way to read the text: a region, a cause, or both, with the words that said so."""

    region: Region | None
    cause: Cause | None
    matched: tuple[str, ...]


Matched = tuple[tuple[RedFlagGroup, tuple[str, ...]], ...]  # each sign with the words read


class Understanding(NamedTuple):
    text: str
    warnings: Matched  # the signs the words describe, most urgent first
    readings: tuple[Reading, ...]
    denied: tuple[str, ...] = ()  # words read as denied or only wondered about
    read_to: int | None = None  # where reading stopped, when the text was longer than that
    # Signs to check now: what calls for them (`check_when`) is read, none of their signs is;
    # each with the words that call for it, most urgent first. Never among the warnings.
    checks: Matched = ()
    # The technique and acupoint pages the words name ("where is BL57"), as (kind, id).
    pages: tuple[tuple[str, str], ...] = ()
    # The words say the person is pregnant (not denied, nor only wondered about): the
    # techniques an answer suggests then carry their pregnancy cautions.
    pregnant: bool = False


def understand(kb: KnowledgeBase, text: str) -> Understanding:
    """The guide's reading of `text`: the warning signs it describes, most urgent first, and
    a reading for every region it names (with the likeliest cause), the strongest first."""
    text = " ".join(text.split())
    read_to = None
    if len(text) > MAX_TEXT:
        read_to = text.rfind(" ", 0, MAX_TEXT) if " " in text[:MAX_TEXT] else MAX_TEXT
        text_read = text[:read_to]
    else:
        text_read = text
    said = read(kb, text_read)
    regions = _ranked(kb, said, "region")
    causes = _ranked(kb, said, "cause")
    first_region = kb.regions[regions[0][0]] if regions else None
    warnings = _warnings(kb, said, first_region)
    checks = _checks(kb, said, warnings)
    readings = _readings(kb, regions, causes)
    denied = tuple(
        dict.fromkeys(
            f.words
            for f in said.found
            if f.denied
            and any(
                kb.vocabulary[cid].group not in (*TRIGGER_GROUPS, "body part")
                for cid in f.phrase.concepts
                if cid in kb.vocabulary
            )
        )
    )
    pages = pages_named(kb, text_read)
    pregnant = any(
        not found.wondered and not found.denied
        for concept in ("pregnant", "pregnancy-said")
        for found in said.present.get(concept, ())
    )
    return Understanding(text, warnings, readings, denied, read_to, checks, pages, pregnant)


def _weight(kb: KnowledgeBase, found: Found) -> float:
    """How strongly a phrase names a place or a cause: one for each phrase; half when the
    phrase is first of all a sensation or a symptom ("knots" are in many places), or a word
    that names no particular part ("back", "leg")."""
    concepts = [kb.vocabulary[cid] for cid in found.phrase.concepts if cid in kb.vocabulary]
    other = any(
        concept.group not in ("body part", "activity", "circumstance", "medicine")
        for concept in concepts
    )
    weak = bool(concepts) and all(concept.strength == "weak" for concept in concepts)
    return 0.5 if other or weak else 1.0


def _vague(kb: KnowledgeBase, found: Found) -> bool:
    """Whether a phrase is only a word for a body part that names no particular part ("leg",
    "back"): between places named equally strongly, one named by anything more particular (a
    part, or an exercise that works it) comes first."""
    concepts = [kb.vocabulary[cid] for cid in found.phrase.concepts if cid in kb.vocabulary]
    return bool(concepts) and all(
        concept.strength == "weak" and concept.group == "body part" for concept in concepts
    )


def _targets(kb: KnowledgeBase, found: Found, kind: str) -> list[str]:
    """The regions (or causes) a phrase points to, in the order the vocabulary gives them."""
    targets: dict[str, None] = {}
    for cid in found.phrase.concepts:
        if cid.startswith(f"{kind}:"):
            targets[cid.split(":", 1)[1]] = None
        elif cid in kb.vocabulary:
            concept = kb.vocabulary[cid]
            if kind == "region" and concept.region:
                targets[concept.region] = None
            elif kind == "cause":
                targets.update(dict.fromkeys(concept.causes))
    return list(targets)


def _ranked(kb: KnowledgeBase, said: Read, kind: str) -> list[tuple[str, tuple[str, ...]]]:
    """The regions (or causes) the text names, the most strongly named first (then the one
    named first), each with the words that named it. A denied phrase names no cause; it
    names a region only when nothing else does."""
    collection: Mapping[str, object] = kb.regions if kind == "region" else kb.causes
    found = [f for f in said.found if not f.denied]
    if kind == "region" and not any(_targets(kb, f, kind) for f in found):
        found = list(said.found)
    scores: dict[str, float] = {}
    vague: dict[str, bool] = {}  # named only by words that name no particular part
    first: dict[str, tuple[int, int]] = {}
    words: dict[str, dict[str, None]] = {}
    counted: dict[str, list[tuple[int, int]]] = {}
    for one in found:
        for place, target in enumerate(_targets(kb, one, kind)):
            if target not in collection:
                continue
            words.setdefault(target, {})[one.words] = None
            spans = counted.setdefault(target, [])
            if any(one.first <= last and first <= one.last for first, last in spans):
                continue  # words already counted for this target ("calves" in "calves cramp")
            spans.append((one.first, one.last))
            scores[target] = scores.get(target, 0.0) + _weight(kb, one)
            vague[target] = vague.get(target, True) and _vague(kb, one)
            first.setdefault(target, (one.first, place))
    order = sorted(scores, key=lambda target: (-scores[target], vague[target], first[target]))
    return [(target, tuple(words[target])) for target in order]


def _called_for(flag: RedFlagGroup, said: Read) -> list[Found]:
    """The phrases of the concepts that call for checking `flag`, in text order: affirmed, or
    only wondered about ("how do I know if it's a stroke" asks for the signs to check)."""
    found = [one for cid in flag.check_when for one in said.present.get(cid, ())]
    calling = {member for cid in flag.check_when for member in said.members.get(cid, {cid})}
    found += [
        one for one in said.found if one.wondered and calling.intersection(one.phrase.concepts)
    ]
    return sorted(dict.fromkeys(found), key=lambda one: (one.first, one.last))


def _checks(kb: KnowledgeBase, said: Read, warnings: Matched) -> Matched:
    """The signs to check now: their `check_when` concepts are read and none of their
    patterns is, most urgent first (then the one called for first), each with its words."""
    matched = {flag.id for flag, _ in warnings}
    found: list[tuple[tuple[int, int, int], RedFlagGroup, tuple[str, ...]]] = []
    for flag in kb.red_flags.values():
        if flag.id in matched:
            continue
        called = _called_for(flag, said)
        if called:
            words = tuple(dict.fromkeys(one.words for one in called))
            # Most urgent first, then the one called for first; of two called for from the
            # same word, the one said in fewer words ("whacked my head" before "whacked my
            # head ... neck").
            place = (called[0].first, called[0].last)
            found.append(((URGENCY_ORDER[flag.urgency], *place), flag, words))
    found.sort(key=lambda item: item[0])
    return tuple((flag, words) for _, flag, words in found)


def _warnings(kb: KnowledgeBase, said: Read, region: Region | None) -> Matched:
    found: list[tuple[tuple[int, ...], RedFlagGroup, tuple[str, ...]]] = []
    listed = set(region.red_flags) if region else set()
    listing = {flag_id: 0 for flag_id in kb.red_flags}
    for each in kb.regions.values():
        for flag_id in each.red_flags:
            listing[flag_id] = listing.get(flag_id, 0) + 1
    local = {cid for cid, concept in kb.vocabulary.items() if concept.group in LOCAL_GROUPS}
    bodily = {cid for cid, concept in kb.vocabulary.items() if concept.group == "body part"}
    # A narrower concept that only says when some of a concept's words count (after a doer, or
    # only as written) is the same meaning said another way, not a narrower class.
    said_otherwise = {
        cid for cid, concept in kb.vocabulary.items() if concept.after or concept.forms == "written"
    }
    breadths = {
        cid: len({cid} | (members - said_otherwise)) for cid, members in said.members.items()
    }
    for flag in kb.red_flags.values():
        match = _pattern_match(flag, said, local, bodily, breadths)
        if match is None:
            continue
        size, breadth, position, words = match
        key = (
            URGENCY_ORDER[flag.urgency],
            0 if _called_for(flag, said) else 1,  # what calls for the sign is read
            -size,
            0 if flag.id in listed else 1,
            breadth,
            listing[flag.id],  # a sign fewer regions list is the more particular one
            position,
        )
        found.append((key, flag, words))
    found.sort(key=lambda item: item[0])
    return tuple((flag, words) for _, flag, words in found)


def _nearest(
    concepts: Sequence[str],
    said: Read,
    local: set[str],
    bodily: set[str],
) -> list[Found] | None:
    """One phrase for each concept of a pattern. When the pattern names one place, its
    sensations must be said within a few words of it (a "stiff" neck and a "chest" named far
    apart are no chest pain), and not be said to run on to another place (a buttock pain that
    "tingles down my thigh" is no numb buttock); circumstances (a wound, a flight, cancer) may
    be anywhere, and so may the parts of a pattern of several places. None when they are never
    that close."""
    present = said.present
    places = [cid for cid in concepts if cid in local and cid in bodily]
    near = [cid for cid in concepts if cid in local] if len(places) == 1 else []
    best: tuple[int, list[Found]] | None = None
    place_members = said.members.get(places[0], frozenset(places[:1])) if places else frozenset()
    options = [
        [
            found
            for found in present[cid]
            if cid in bodily or not found.toward or set(found.toward) & place_members
        ][:MAX_OPTIONS]
        for cid in near
    ]
    for combination in itertools.product(*options):
        firsts = [found.first for found in combination]
        spread = max(firsts) - min(firsts) if firsts else 0
        if spread <= NEAR_WINDOW and (best is None or spread < best[0]):
            best = (spread, list(combination))
    if best is None:
        return None
    chosen = dict(zip(near, best[1], strict=True))
    return [chosen.get(cid) or min(present[cid], key=lambda f: f.first) for cid in concepts]


def _pattern_match(
    flag: RedFlagGroup,
    said: Read,
    local: set[str],
    bodily: set[str],
    breadths: Mapping[str, int],
) -> tuple[int, int, int, tuple[str, ...]] | None:
    """The best way the text shows the sign: how many concepts that pattern has, how broad
    they are (a narrower class such as "mid or upper back" is more telling than "any back"),
    where its first word is, and the words that matched; None when no pattern is all there."""
    best: tuple[int, int, int, tuple[str, ...]] | None = None
    present = said.present
    patterns: Iterable[tuple[tuple[str, ...], int]] = (
        [way for pattern in flag.pattern for way in _ways(pattern, present)]
        if flag.pattern
        else [((f"flag:{flag.id}",), 0)]
    )
    for concepts, paired in patterns:
        if not all(present.get(cid) for cid in concepts):
            continue
        chosen = _nearest(concepts, said, local, bodily)
        if chosen is None or not _apart(chosen[len(chosen) - paired :]):
            continue
        words = tuple(
            dict.fromkeys(f.words for f in sorted(chosen, key=lambda f: f.first) if f.words)
        )
        breadth = sum(breadths.get(cid, 1) for cid in concepts)
        candidate = (len(concepts), breadth, min(f.first for f in chosen), words)
        if best is None or (candidate[0], -candidate[1], -candidate[2]) > (
            best[0],
            -best[1],
            -best[2],
        ):
            best = candidate
    return best


def _ways(
    pattern: SignPattern, present: Mapping[str, Sequence[Found]]
) -> list[tuple[tuple[str, ...], int]]:
    """The sets of concepts that show `pattern`, each with how many of them at its end are a
    pair of its `two_of` (0 for a pattern of `all` alone)."""
    if not pattern.two_of:
        return [(pattern.all, 0)]
    read_ones = [cid for cid in pattern.two_of if present.get(cid)]
    return [((*pattern.all, *pair), 2) for pair in itertools.combinations(read_ones, 2)]


def _apart(chosen: Sequence[Found]) -> bool:
    """Whether the phrases chosen for a pair of signs are each their own words: one word read
    as two concepts ("drowsy": confusion and hard to wake) is one sign, not two."""
    spans = [(found.first, found.last) for found in chosen]
    return len(set(spans)) == len(spans)


def _readings(
    kb: KnowledgeBase,
    regions: list[tuple[str, tuple[str, ...]]],
    causes: list[tuple[str, tuple[str, ...]]],
) -> tuple[Reading, ...]:
    cause = causes[0] if causes else None
    readings = []
    for region_id, region_words in regions:
        matched = (*region_words, *(cause[1] if cause else ()))
        readings.append(
            Reading(kb.regions[region_id], kb.causes[cause[0]] if cause else None, matched)
        )
    if regions and cause is not None:
        # The other causes named are readings of the most strongly named place, right after it
        # (a cause is said of the person, not of one place).
        region_id, region_words = regions[0]
        others = [
            Reading(kb.regions[region_id], kb.causes[other_id], (*region_words, *other_words))
            for other_id, other_words in causes[1 : 1 + MAX_OTHER_CAUSES]
        ]
        readings[1:1] = others
    if not regions:
        readings = [Reading(None, kb.causes[c], words) for c, words in causes[:3]]
    return tuple(readings)


_CONTENT_WORD = re.compile(r"[a-z]{4,}")


def _content_forms(text: str) -> set[str]:
    return {base_form(word) for word in _CONTENT_WORD.findall(text.lower())}


def signs_by_words(flag: RedFlagGroup, words: Sequence[str]) -> tuple[str, ...]:
    """The sign's lines, those that share the most words with what matched first (a slurred
    speech match shows the speech line first); lines sharing as many stay in their order."""
    said = _content_forms(" ".join(words))
    if not said:
        return flag.signs
    shared = [len(said & _content_forms(line)) for line in flag.signs]
    order = sorted(range(len(flag.signs)), key=lambda at: -shared[at])
    return tuple(flag.signs[at] for at in order)


def sign_for_words(flag: RedFlagGroup, words: Sequence[str]) -> str:
    """The one line of the sign to show for it: the line that shares two or more words with
    what was said, the most first ("headache and stiff neck" shows the stiff-neck line), else
    its first line (one shared word such as "back" is no match)."""
    best = signs_by_words(flag, words)[0]
    shared = _content_forms(" ".join(words)) & _content_forms(best)
    return best if len(shared) >= 2 else flag.signs[0]
