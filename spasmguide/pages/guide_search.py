"""The study guide's own search: the command line's index words, built into the page.

Each searchable entry keeps the stems `spasmguide search` indexes it under
(`spasmguide.kb.search.postings_by_document`), with the weight and field of each stem's best
match, so the page ranks as the command line does. Every name an entry answers to (codes in
every system the names know, pinyin, English names, characters) is indexed too, as a name,
where the command line's fields do not already hold it.
"""

from __future__ import annotations

from typing import Any

from spasmguide.kb import fields, search
from spasmguide.kb import names as kb_names
from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages.document import IndexEntry, SearchIndex


def _extra_names(entry: Any) -> list[str]:
    """The names an entry answers to, and its characters where it has them."""
    found = list(kb_names.names_of(entry))
    characters = getattr(entry, "characters", None)
    if isinstance(characters, str):
        found.append(characters)
    return found


def guide_search_index(kb: KnowledgeBase) -> SearchIndex:
    entries = []
    vocabulary: dict[str, str] = {}
    documents = list(search.documents_of(kb))
    for (_, info, best), document in zip(search.postings_by_document(kb), documents, strict=True):
        terms = {stem: (posting.weight, posting.field) for stem, posting in best.items()}
        for field in document.fields:
            for text in field.texts:
                for word in search.words_of(text):
                    vocabulary.setdefault(word, search.stem(word))
        entry = kb.collection(info.kind)[info.id]
        for name in _extra_names(entry):
            for word in search.words_of(name):
                stem = search.stem(word)
                vocabulary.setdefault(word, stem)
                if stem not in terms:
                    terms[stem] = (search.match_weight(fields.NAME, 1), "name")
        entries.append(
            IndexEntry(
                f"{info.kind}/{info.id}",
                info.name,
                kb_names.KIND_LABELS[info.kind],
                tuple((stem, round(weight, 2), field) for stem, (weight, field) in terms.items()),
            )
        )
    lookalikes = kb_names.lookalike_letters()
    return SearchIndex(
        tuple(entries),
        tuple(sorted(vocabulary.items())),
        tuple(sorted(search.STOP_WORDS)),
        lookalikes,
    )
