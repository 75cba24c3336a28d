"""Matches names the way people type them: any case, spaces or hyphens, aliases and spellings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from spasmguide.errors import NotFoundError, UsageError
from spasmguide.kb.model import (
    KINDS,
    Acupoint,
    Cause,
    Entry,
    KnowledgeBase,
    Region,
    Technique,
    built_for_latest,
)
from spasmguide.safe_text import one_line

_NOT_ALNUM = re.compile(r"[\W_]+")
# A closing note on an English name, such as the other name it translates: "(Renzhong 人中)".
_CLOSING_NOTE = re.compile(r"\s*\([^()]*\)$")
# A longer name is never a real entry; cutting it keeps matching cheap on hostile input.
_MAX_NAME = 200
_MAX_LISTED = 12

KIND_LABELS = {kind.collection: kind.label for kind in KINDS}


# Cyrillic and Greek letters that look like Latin ones (after casefolding), so that a name
# spelled with them (cupping with a Cyrillic first letter) is the same name as its Latin twin.
_LOOKALIKES = str.maketrans(
    "аеорсухѕіјԁһӏԛԝүкмнтвαορνικυχτ",
    "aeopcyxsijdhlqwykmhtbaopvikuxt",
)
# An apostrophe and s at the end of a word: "runner's" is about a runner.
_POSSESSIVE = re.compile("(?<=\\w)['\u2019\u02bc]s\\b")


def lookalike_letters() -> tuple[str, str]:
    """The look-alike letters and the Latin letters they are read as (for a page's own
    search, which folds text as `fold_text` does)."""
    return (
        "".join(chr(code) for code in _LOOKALIKES),
        "".join(chr(int(code)) for code in _LOOKALIKES.values()),
    )


def fold_text(text: str) -> str:
    """Text in the form names and searches compare it in: compatibility forms unified
    (fullwidth, maths letters), case folded, accents and tone marks dropped (Hégǔ -> hegu),
    look-alike Cyrillic and Greek letters read as Latin, possessives dropped."""
    if text.isascii():  # nothing to unify, unaccent or read as Latin: the common case
        return _POSSESSIVE.sub("", text.lower())
    return _fold_unicode(text)


def _fold_unicode(text: str) -> str:
    unified = unicodedata.normalize("NFKD", text).casefold()
    unaccented = "".join(char for char in unified if not unicodedata.combining(char))
    return _POSSESSIVE.sub("", unicodedata.normalize("NFKC", unaccented)).translate(_LOOKALIKES)


def normalize_name(text: str) -> str:
    """The form names are compared in: 'Upper back & shoulders' -> 'upperbackandshoulders'."""
    folded = fold_text(text[:_MAX_NAME]).replace("&", " and ")
    return _NOT_ALNUM.sub("", folded)


# The other code systems a student meets for the WHO channel codes: TB, SJ, TH and TW for TE,
# UB for BL, Du for GV, Ren (and RN) for CV, LIV and LV for LR, P for PC, K for KI, H for HT.
CODE_SYSTEMS: dict[str, tuple[str, ...]] = {
    "TE": ("TB", "SJ", "TH", "TW"),
    "BL": ("UB", "B"),
    "GV": ("Du", "DM"),
    "CV": ("Ren", "RN", "RM"),
    "LR": ("LIV", "LV"),
    "PC": ("P", "CX"),
    "KI": ("K", "KID"),
    "HT": ("H", "HE"),
    "SP": ("SP",),
    "ST": ("ST",),
    "LU": ("LU", "L"),
    "LI": ("LI", "CO"),
    "SI": ("SI",),
    "GB": ("GB",),
}
_WHO_CODE = re.compile(r"([A-Z]{2})(\d+)")


def channel_codes(code: str | None) -> list[str]:
    """The channel of a WHO point code in every code system: GB20 -> GB; TE5 -> TE, TB, SJ."""
    found = _WHO_CODE.fullmatch(code or "")
    if not found:
        return []
    channel = found.group(1)
    return list(dict.fromkeys((channel, *CODE_SYSTEMS.get(channel, ()))))


def other_codes(code: str | None) -> list[str]:
    """The same point in the other code systems: TE5 is also TB5 and SJ5, LR3 also LIV3."""
    found = _WHO_CODE.fullmatch(code or "")
    if not found:
        return []
    channel, number = found.groups()
    return [f"{other}{number}" for other in CODE_SYSTEMS.get(channel, ()) if other != channel]


def english_names(point: Acupoint) -> list[str]:
    """A point's English names, each also without its closing note, so that "Man's Middle"
    finds the name shown as "Man's Middle (Renzhong 人中)"."""
    names = []
    for name in point.english:
        names.append(name)
        bare = _CLOSING_NOTE.sub("", name)
        if bare and bare != name:
            names.append(bare)
    return names


def names_of(entry: Entry) -> list[str]:
    """Every name an entry answers to: its id, its name or code, and its aliases."""
    names = [entry.id]
    for attribute in ("name", "title", "code", "pinyin"):
        value = getattr(entry, attribute, None)
        if isinstance(value, str):
            names.append(value)
    names.extend(getattr(entry, "aliases", ()))
    if isinstance(entry, Acupoint):
        names.extend(english_names(entry))
        names.extend(other_codes(entry.code))
        names.extend(name for name in (entry.characters, entry.simplified) if name)
    return names


def acupoint_name(
    point: Acupoint, form: Literal["short", "title", "full", "name", "english"] = "title"
) -> str:
    """How the guide names an acupoint, everywhere: "short" is its code (its pinyin when it
    has none), "title" adds the pinyin (GB20 Fēngchí), "full" its characters and first English
    name too (GB20 Fēngchí 風池 (Wind Pool)), "name" its name without the code (Fēngchí (Wind
    Pool)), for a question whose answer is the code, and "english" the name under a point's
    title: its first English name, else its pinyin."""
    if form == "short":
        return point.code or point.pinyin
    if form == "name":
        return f"{point.pinyin} ({point.english[0]})" if point.english else point.pinyin
    if form == "english":
        return point.english[0] if point.english else point.pinyin
    title = f"{point.code} {point.pinyin}" if point.code else point.pinyin
    if form == "title":
        return title
    parts = (title, point.characters, f"({point.english[0]})" if point.english else None)
    return " ".join(part for part in parts if part)


def entry_name(entry: Entry) -> str:
    """How pages and search results name an entry: its name or title, an acupoint as
    `acupoint_name` does, a source by its id."""
    if isinstance(entry, Acupoint):
        return acupoint_name(entry)
    for attribute in ("name", "title"):
        value = getattr(entry, attribute, None)
        if isinstance(value, str):
            return value
    return entry.id


class NameClash(NamedTuple):
    second: str
    message: str


def name_table(kind: str, entries: Iterable[Entry]) -> tuple[dict[str, str], list[NameClash]]:
    """Every normalized name of the entries with the id it belongs to, and the names that two
    entries of one kind both answer to (which would make lookups ambiguous)."""
    owner: dict[str, str] = {}
    clashes = []
    for entry in entries:
        for name in dict.fromkeys(normalize_name(name) for name in names_of(entry)):
            if not name:
                continue
            first = owner.setdefault(name, entry.id)
            if first != entry.id:
                message = (
                    f"{KIND_LABELS[kind]} '{entry.id}' answers to the name '{name}',"
                    f" as '{first}' already does"
                )
                clashes.append(NameClash(entry.id, message))
    return owner, clashes


def resolve_id(kb: KnowledgeBase, kind: str, typed: str) -> str:
    """The id of the entry of `kind` that `typed` names, by a name, an alias or, failing
    those, a lay word of the entry's ('sitting' for posture); raises NotFoundError with the
    closest names and the command that would find it when it names none."""
    key = normalize_name(typed)
    if not key:
        label = KIND_LABELS[kind]
        article = "an" if label[:1] in "aeiou" else "a"
        raise UsageError(f"give {article} {label} name", try_instead=("list", kind))
    found = kb.names[kind].get(key)
    if found is not None:
        return found
    owners = _lay_terms(kb, kind).get(key, [])
    if len(owners) == 1:
        return owners[0]
    shown = one_line(typed, 60)
    if owners:
        raise NotFoundError(
            f"'{shown}' could mean the {KIND_LABELS[kind]} {' or '.join(owners)}: give one of them"
        )
    message = f"no {KIND_LABELS[kind]} named '{shown}'."
    suggestions = _suggest(kb, kind, key)
    if suggestions:
        message += f" Did you mean {' or '.join(repr(name) for name in suggestions)}?"
    ids = list(kb.collection(kind))
    message += f" Known {kind.replace('_', ' ')}: {', '.join(ids[:_MAX_LISTED])}"
    if len(ids) > _MAX_LISTED:
        message += f" and {len(ids) - _MAX_LISTED} more"
    asking = "ask" if kind in ("regions", "causes") else "search"
    raise NotFoundError(message, try_instead=(asking, one_line(typed, 60)))


def _lay_terms(kb: KnowledgeBase, kind: str) -> dict[str, list[str]]:
    """Each lay word of the entries of `kind` (normalized) with the ids that use it."""
    owners: dict[str, list[str]] = {}
    for entry in kb.collection(kind).values():
        for term in getattr(entry, "lay_terms", ()):
            owners.setdefault(normalize_name(term), []).append(entry.id)
    return owners


def _suggest(kb: KnowledgeBase, kind: str, key: str) -> list[str]:
    """The ids of up to two entries whose names or lay words are closest to `key`: spelled
    nearly the same, or containing it ('knee' in "runner's knee")."""
    if not key:
        return []
    import difflib  # only needed for a name that is not found

    table: dict[str, str] = dict(kb.names[kind])
    for term, ids in _lay_terms(kb, kind).items():
        table.setdefault(term, ids[0])
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
    if not close and len(key) >= 3:
        close = [name for name in table if key in name]
    return list(dict.fromkeys(table[name] for name in close))[:2]


def resolve_region(kb: KnowledgeBase, typed: str) -> Region:
    return kb.regions[resolve_id(kb, "regions", typed)]


def resolve_cause(kb: KnowledgeBase, typed: str) -> Cause:
    return kb.causes[resolve_id(kb, "causes", typed)]


def resolve_first(kb: KnowledgeBase, typed: str, kinds: Sequence[str]) -> Entry:
    """The entry `typed` names in the first of `kinds` that has one; NotFoundError for the
    first kind (with its closest names) when none does."""
    first_error: NotFoundError | None = None
    for kind in kinds:
        try:
            return kb.collection(kind)[resolve_id(kb, kind, typed)]
        except NotFoundError as error:
            first_error = first_error or error
    assert first_error is not None
    first_label = KIND_LABELS[kinds[0]]
    if len(kinds) > 1 and first_error.message.startswith(f"no {first_label} named"):
        # Say every kind that was looked in, not only the first ("no technique, region or
        # cause named 'x'"), keeping the first kind's suggestions.
        labels = [KIND_LABELS[kind] for kind in kinds]
        said = f"{', '.join(labels[:-1])} or {labels[-1]}"
        message = first_error.message.replace(f"no {first_label}", f"no {said}", 1)
        raise NotFoundError(message, try_instead=first_error.try_instead) from first_error
    raise first_error


def resolve_region_or_cause(
    kb: KnowledgeBase, typed: str, *, region: bool = True
) -> Region | Cause:
    """The region `typed` names, else the cause; only a cause when `region` is False (a
    region was given already)."""
    found = resolve_first(kb, typed, ("regions", "causes") if region else ("causes",))
    assert isinstance(found, Region | Cause)
    return found


def resolve_acupoint(kb: KnowledgeBase, typed: str) -> Acupoint:
    return kb.acupoints[resolve_id(kb, "acupoints", typed)]


def resolve_technique(kb: KnowledgeBase, typed: str) -> Technique:
    return kb.techniques[resolve_id(kb, "techniques", typed)]


def points_matching(
    kb: KnowledgeBase,
    meridian: str | None = None,
    category: str | None = None,
    region: str | None = None,
) -> list[Acupoint]:
    """The points on a meridian (by any code system or name: LR, LIV, Liver; EX for the extra
    points), in a category (he-sea, back-shu ...) and used for a region, in the order listed.
    An unknown meridian, category or region is an error that says what is known."""
    points = list(kb.acupoints.values())
    if meridian is not None:
        named = meridians_named(kb, meridian)
        points = [point for point in points if point.meridian in named]
    if category is not None:
        term_id = resolve_id(kb, "point_terms", category)
        points = [point for point in points if any(c.term == term_id for c in point.categories)]
    if region is not None:
        region_id = resolve_id(kb, "regions", region)
        listed = set(kb.regions[region_id].acupoints)
        points = [
            point
            for point in points
            if point.id in listed or any(entry.region == region_id for entry in point.regions)
        ]
    return points


def meridians_named(kb: KnowledgeBase, typed: str) -> frozenset[str]:
    """The meridians (as the points name them) that `typed` names: a meridian's name or the
    start of it ("gall"), its code in any system (LR, LIV, LV; TE, SJ; GV, Du), or EX for
    the extra points. NotFoundError, saying which meridians there are, when it names none."""
    wanted = normalize_name(typed)
    channels = {
        normalize_name(name): channel
        for channel, others in CODE_SYSTEMS.items()
        for name in (channel, *others)
    }
    channel = channels.get(wanted)
    points = kb.acupoints.values()
    named = frozenset(
        point.meridian
        for point in points
        if (channel and _channel_of(point) == channel)
        or (wanted and normalize_name(point.meridian).startswith(wanted))
        or (wanted in ("ex", "extra") and _channel_of(point) is None)
    )
    if not named:
        known = ", ".join(dict.fromkeys(point.meridian for point in points))
        raise NotFoundError(f"no meridian '{one_line(typed, 40)}'. Known meridians: {known}")
    return named


def _channel_of(point: Acupoint) -> str | None:
    found = _WHO_CODE.fullmatch(point.code or "")
    return found.group(1) if found else None


# Codes read inside a question only when their letters name nothing else: one-letter codes
# (B12, L5, K1) and HE, CO and DM are also vitamins, vertebrae, words and abbreviations.
_CODES_NOT_IN_TEXT = re.compile(r"(?:[a-z]|he|co|dm)\d+")
# Technique names that are everyday words in a question ("cramps after exercise") or too
# short to tell apart from other words.
_TECHNIQUE_WORDS_NOT_IN_TEXT = frozenset(
    {"exercise", "exercises", "stretch", "stretches", "stretching", "mobility", "strengthening",
     "cups", "scraping", "tan", "tung", "ea", "mfr", "triggerpoint"}
)  # fmt: skip
_LONGEST_NAME_WORDS = 5
_TOKEN = re.compile(r"[^\W_]+")


@built_for_latest
def _text_names(kb: KnowledgeBase) -> dict[str, tuple[tuple[str, str], int]]:
    """The names a question may give a technique or an acupoint by, normalized, each with its
    page (kind and id) and the fewest words it must be said in: a point's codes, pinyin,
    aliases and characters, and its English names of two words or more said as two words or
    more ("Jaw Bone", not "jawbone", an everyday word)."""
    table: dict[str, tuple[tuple[str, str], int]] = {}
    for technique in kb.techniques.values():
        for name in names_of(technique):
            key = normalize_name(name)
            if len(key) > 3 and key not in _TECHNIQUE_WORDS_NOT_IN_TEXT:
                table.setdefault(key, (("technique", technique.id), 1))
    for point in kb.acupoints.values():
        names: list[str | None] = [point.code, *other_codes(point.code), point.pinyin]
        names += [*point.aliases, point.characters, point.simplified]
        for given in names:
            key = normalize_name(given or "")
            if key and not _CODES_NOT_IN_TEXT.fullmatch(key):
                table.setdefault(key, (("acupoint", point.id), 1))
        for name in english_names(point):
            if len(name.split()) > 1:
                table.setdefault(normalize_name(name), (("acupoint", point.id), 2))
    return table


def pages_named(kb: KnowledgeBase, text: str) -> tuple[tuple[str, str], ...]:
    """The technique and acupoint pages a question names ("where is BL57", "do gua sha
    bruises fade"), in the order it names them, each once: runs of up to five words are
    compared as names are, the longest first."""
    table = _text_names(kb)
    words = _TOKEN.findall(fold_text(text[:200_000]))
    found: dict[tuple[str, str], None] = {}
    at = 0
    while at < len(words):
        for size in range(min(_LONGEST_NAME_WORDS, len(words) - at), 0, -1):
            entry = table.get(normalize_name(" ".join(words[at : at + size])))
            if entry is not None and size >= entry[1]:
                found.setdefault(entry[0], None)
                at += size
                break
        else:
            at += 1
    return tuple(found)
