"""Matches names the way people type them: any case, spaces or hyphens, aliases and spellings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from spasmguide.errors import NotFoundError
from spasmguide.model import Acupoint, Cause, Entry, KnowledgeBase, Region, Technique
from spasmguide.safe_text import one_line

_NOT_ALNUM = re.compile(r"[\W_]+")
# A longer name is never a real entry; cutting it keeps matching cheap on hostile input.
_MAX_NAME = 200
_MAX_LISTED = 12

KIND_LABELS = {
    "techniques": "technique",
    "regions": "region",
    "causes": "cause",
    "acupoints": "acupoint",
    "evidence": "evidence entry",
    "red_flags": "red-flag group",
    "safety": "safety note",
    "sources": "source",
}


def normalize_name(text: str) -> str:
    """The form names are compared in: 'Upper back & shoulders' -> 'upperbackandshoulders'."""
    folded = unicodedata.normalize("NFKC", text[:_MAX_NAME]).casefold().replace("&", " and ")
    return _NOT_ALNUM.sub("", folded)


def names_of(entry: Entry) -> list[str]:
    """Every name an entry answers to: its id, its name or code, and its aliases."""
    names = [entry.id]
    for attribute in ("name", "title", "code", "pinyin"):
        value = getattr(entry, attribute, None)
        if isinstance(value, str):
            names.append(value)
    names.extend(getattr(entry, "aliases", ()))
    if isinstance(entry, Acupoint):
        names.extend(entry.english)
    return names


class NameClash(NamedTuple):
    second: str
    message: str


def collect_name_clashes(kind: str, entries: Iterable[Entry]) -> list[NameClash]:
    """Names that two entries of one kind both answer to, which would make lookups ambiguous."""
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
    return clashes


class NameIndex:
    """Resolves what a user typed to the id of one entry of one kind."""

    def __init__(self, kind: str, entries: Iterable[Entry]) -> None:
        self.kind = kind
        self.ids: list[str] = []
        self.by_name: dict[str, str] = {}
        for entry in entries:
            self.ids.append(entry.id)
            for name in names_of(entry):
                self.by_name.setdefault(normalize_name(name), entry.id)

    def resolve(self, typed: str) -> str:
        """The id `typed` names; raises NotFoundError with a suggestion when it names none."""
        key = normalize_name(typed)
        found = self.by_name.get(key)
        if found is not None:
            return found
        label = KIND_LABELS[self.kind]
        message = f"no {label} named '{one_line(typed, 60)}'."
        suggestion = self.suggest(key)
        if suggestion:
            message += f" Did you mean '{suggestion}'?"
        message += f" Known {self.kind.replace('_', ' ')}: {', '.join(self.ids[:_MAX_LISTED])}"
        if len(self.ids) > _MAX_LISTED:
            message += f" and {len(self.ids) - _MAX_LISTED} more"
        raise NotFoundError(message)

    def suggest(self, key: str) -> str | None:
        if not key:
            return None
        import difflib  # only needed for a name that is not found

        close = difflib.get_close_matches(key, list(self.by_name), n=1, cutoff=0.6)
        return self.by_name[close[0]] if close else None


def resolve_region(kb: KnowledgeBase, typed: str) -> Region:
    return kb.regions[NameIndex("regions", kb.regions.values()).resolve(typed)]


def resolve_cause(kb: KnowledgeBase, typed: str) -> Cause:
    return kb.causes[NameIndex("causes", kb.causes.values()).resolve(typed)]


def resolve_technique(kb: KnowledgeBase, typed: str) -> Technique:
    return kb.techniques[NameIndex("techniques", kb.techniques.values()).resolve(typed)]
