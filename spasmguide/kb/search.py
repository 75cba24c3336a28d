"""Ranked full-text search over the whole knowledge base, matching word forms.

Words are folded to a common stem (spasm/spasms, scrape/scraping, needle/needling), so a
search finds an entry whatever form either side uses. Entries that contain every searched word
rank above entries that contain only some; within those, matches in names and aliases count
more than matches in body text, and rare words count more than common ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from spasmguide.errors import UsageError
from spasmguide.kb.fields import searched
from spasmguide.kb.model import KINDS, Acupoint, KnowledgeBase, is_record
from spasmguide.kb.names import channel_codes, entry_name, fold_text, other_codes

_WORD = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 12
MAX_RESULTS = 20
_SNIPPET_WIDTH = 110
STOP_WORDS = frozenset(
    "a an and are as at be by for from how i in is it my of on or the to what when with".split()
)


def stem(word: str) -> str:
    """A light English stemmer: enough to make plural and -ing/-ed forms meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("eed"):
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


@lru_cache(maxsize=16384)
def _stem_cached(word: str) -> str:
    return stem(word)


def words_of(text: str) -> list[str]:
    """The words of `text`, folded as names are (accents, possessives, look-alike letters)."""
    return _WORD.findall(fold_text(text))


def stems_of(text: str) -> list[str]:
    return [_stem_cached(word) for word in words_of(text)]


class Field(NamedTuple):
    label: str
    texts: tuple[str, ...]
    weight: float  # what a match here counts (spasmguide.kb.fields): names most, body least


class Document(NamedTuple):
    kind: str
    id: str
    name: str
    fields: tuple[Field, ...]


class Hit(NamedTuple):
    kind: str
    id: str
    name: str
    field: str
    snippet: str
    score: float


class SearchResults(NamedTuple):
    query: str
    hits: tuple[Hit, ...]
    all_words_matched: bool


def query_stems(query: str) -> list[str]:
    """The distinct stems a query searches for; raises UsageError when it has no words
    other than common ones (which every entry contains, so they would rank nothing)."""
    words = words_of(query)[: MAX_QUERY_WORDS * 4]
    meaningful = [word for word in words if word not in STOP_WORDS]
    stems = list(dict.fromkeys(_stem_cached(word) for word in meaningful))[:MAX_QUERY_WORDS]
    if not stems:
        found = f" (only common words: {', '.join(dict.fromkeys(words))})" if words else ""
        raise UsageError(f"the search has no words to look for{found}: give a word such as 'spasm'")
    return stems


class Posting(NamedTuple):
    """A stem's best match in one document: the field, and what the match there weighs."""

    document: int
    field: str
    weight: float


class DocumentInfo(NamedTuple):
    kind: str
    id: str
    name: str


class Postings(Protocol):
    """Where search finds, for a stem, the documents and fields that contain it."""

    def document_count(self) -> int: ...

    def postings(self, stem: str) -> list[Posting]:
        """For each document containing `stem`, its best-weighted field (one per document)."""
        ...

    def document(self, number: int) -> DocumentInfo: ...


class InMemoryPostings:
    """Postings built on the spot from the knowledge base: fine for the shipped guide."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.documents: list[DocumentInfo] = []
        self.index: dict[str, list[Posting]] = {}
        for _, info, best in postings_by_document(kb):
            self.documents.append(info)
            for stem_, posting in best.items():
                self.index.setdefault(stem_, []).append(posting)

    def document_count(self) -> int:
        return len(self.documents)

    def postings(self, stem_: str) -> list[Posting]:
        return self.index.get(stem_, [])

    def document(self, number: int) -> DocumentInfo:
        return self.documents[number]


def match_weight(weight: float, count: int) -> float:
    """What `count` occurrences of a word weigh in a field whose matches count `weight`."""
    return weight * (1.0 + math.log(count))


def postings_by_document(
    kb: KnowledgeBase,
) -> Iterator[tuple[int, DocumentInfo, dict[str, Posting]]]:
    """Every searchable entry, numbered in order, with its best-weighted field per stem."""
    for number, document in enumerate(documents_of(kb)):
        best: dict[str, tuple[float, str]] = {}
        for field in document.fields:
            words = Counter(word for text in field.texts for word in words_of(text))
            counts: Counter[str] = Counter()
            for word, count in words.items():  # stem each distinct word once
                counts[_stem_cached(word)] += count
            for stem_, count in counts.items():
                weight = match_weight(field.weight, count)
                if weight > best.get(stem_, (0.0, ""))[0]:
                    best[stem_] = (weight, field.label)
        info = DocumentInfo(document.kind, document.id, document.name)
        yield (
            number,
            info,
            {stem_: Posting(number, label, weight) for stem_, (weight, label) in best.items()},
        )


def search(
    kb: KnowledgeBase, query: str, limit: int = MAX_RESULTS, postings: Postings | None = None
) -> SearchResults:
    """The entries that best match `query`, best first, each with where it matched."""
    wanted = query_stems(query)
    source = postings if postings is not None else InMemoryPostings(kb)
    total = source.document_count()
    # For each document: for each wanted stem, its best (contribution, field).
    best: dict[int, dict[str, tuple[float, str]]] = {}
    frequency: dict[str, int] = {}
    for stem_ in wanted:
        found = source.postings(stem_)
        frequency[stem_] = len(found)
        for posting in found:
            best.setdefault(posting.document, {})[stem_] = (posting.weight, posting.field)
    scored = []
    for number, per_stem in best.items():
        score = sum(
            weight * math.log(1.0 + total / (1 + frequency[stem_]))
            for stem_, (weight, _) in per_stem.items()
        )
        best_field = max(per_stem.values())[1]
        scored.append((len(per_stem), score, number, best_field))
    all_matched = any(matched == len(wanted) for matched, *_ in scored)
    if all_matched:
        scored = [row for row in scored if row[0] == len(wanted)]
    scored.sort(key=lambda row: (-row[0], -row[1]))
    if len(scored) > limit:
        # Keep the rows that can still make the cut once equal scores are ordered by name.
        last = scored[limit - 1][:2]
        scored = [row for index, row in enumerate(scored) if index < limit or row[:2] == last]
    infos = {number: source.document(number) for _, _, number, _ in scored}
    scored.sort(key=lambda row: (-row[0], -row[1], infos[row[2]].name.casefold()))
    hits = []
    for _, score, number, label in scored[:limit]:
        info = infos[number]
        hits.append(
            Hit(
                info.kind,
                info.id,
                info.name,
                label,
                _snippet_of(kb, info, label, wanted),
                round(score, 3),
            )
        )
    return SearchResults(query=query, hits=tuple(hits), all_words_matched=all_matched or not hits)


def _snippet_of(kb: KnowledgeBase, info: DocumentInfo, label: str, wanted: list[str]) -> str:
    document = document_for(kb, info.kind, info.id)
    field = next(field for field in document.fields if field.label == label)
    return _snippet(field, wanted)


def _snippet(field: Field, wanted: list[str]) -> str:
    """The part of the field around the first searched word it contains."""
    for text in field.texts:
        for match in _WORD.finditer(text):
            if _stem_cached(match.group().casefold()) in wanted:
                return _clip(text, match.start())
    return _clip(field.texts[0], 0)


def _clip(text: str, at: int) -> str:
    flat = " ".join(text.split())
    if len(flat) <= _SNIPPET_WIDTH:
        return flat
    start = max(0, min(at - _SNIPPET_WIDTH // 3, len(flat) - _SNIPPET_WIDTH))
    piece = flat[start : start + _SNIPPET_WIDTH]
    return (
        ("…" if start > 0 else "")
        + piece.strip()
        + ("…" if start + _SNIPPET_WIDTH < len(flat) else "")
    )


def document_for(kb: KnowledgeBase, kind: str, entry_id: str) -> Document:
    """The searchable document of one entry."""
    if kind not in SEARCHED_KINDS:
        raise KeyError(f"{kind} entries are not searchable")
    return _document(kind, kb.collection(kind)[entry_id])


def documents_of(kb: KnowledgeBase) -> Iterator[Document]:
    """Every searchable entry of the knowledge base as a document of labelled fields."""
    for kind in SEARCHED_KINDS:
        for entry in kb.collection(kind).values():
            yield _document(kind, entry)


# The kinds search reads, in the order of KINDS; what it reads in each is the field table's.
SEARCHED_KINDS: tuple[str, ...] = tuple(
    kind.collection for kind in KINDS if any(searched(kind.record))
)


def texts_of(value: Any) -> tuple[str, ...]:
    """The text of a field's value: its text, its items, or, for records (a suggestion), the
    text of their own searched fields."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if is_record(type(value)):
        return tuple(
            text for name, _ in searched(type(value)) for text in texts_of(getattr(value, name))
        )
    return tuple(text for item in value for text in texts_of(item))


def derived_texts(entry: Any, field: str) -> tuple[str, ...]:
    """Texts search reads beside a field's own that the knowledge base computes rather than
    stores: a point's code in the other code systems (LIV3, SJ5, UB40), and its channel by the
    two-letter codes (GB, SJ, UB, LIV), never by one letter (B, K, P), which would match every
    word "b" or "k" in a query."""
    if field == "code" and isinstance(entry, Acupoint):
        channels = (code for code in channel_codes(entry.code) if len(code) > 1)
        return tuple(dict.fromkeys((*other_codes(entry.code), *channels)))
    return ()


def _document(kind: str, entry: Any) -> Document:
    # Fields sharing a label (an acupoint's pinyin and English names) are searched as one.
    grouped: dict[str, Field] = {}
    for name, meaning in searched(type(entry)):
        label = meaning.search_label or name.replace("_", " ")
        texts = texts_of(getattr(entry, name)) + derived_texts(entry, name)
        if not texts:
            continue
        found = grouped.get(label)
        grouped[label] = (
            Field(label, texts, meaning.search)
            if found is None
            else found._replace(texts=found.texts + texts, weight=max(found.weight, meaning.search))
        )
    return Document(kind, entry.id, entry_name(entry), tuple(grouped.values()))
