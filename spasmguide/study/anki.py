"""Builds an Anki package (.apkg) of every quiz card, with `genanki`.

The deck and note type have fixed ids and each note's guid comes from its card's stable id,
so importing a newer export into Anki updates the notes already there instead of adding
copies. Imported only by `spasmguide export --format anki`: genanki is slow to import.
"""

from __future__ import annotations

import html
import itertools
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

import genanki

from spasmguide.kb.model import Cause, Entry, Evidence, KnowledgeBase, Region, Technique
from spasmguide.safe_text import escape_controls
from spasmguide.study.cards import Card, cards_of

# Fixed for good: Anki recognises the deck and note type by these, and a new export of the
# guide then updates the cards a student already has. Changing either duplicates every note.
DECK_ID = 1_845_204_613
MODEL_ID = 1_503_877_921
MODEL_NAME = "spasmguide card"
FIELDS = ("Front", "Back", "Topic", "Source")
TAG_PREFIX = "spasmguide"

# The kind a card id starts with ("acupoint-location:gb20") names the collection its entry is in.
_COLLECTION_OF_KIND = {
    "technique": "techniques",
    "region": "regions",
    "cause": "causes",
    "acupoint": "acupoints",
    "evidence": "evidence",
}

_CSS = """
.card { font-family: Georgia, "Times New Roman", serif; font-size: 20px; color: #1d1d1d;
        background: #fff; text-align: left; max-width: 40em; margin: 0 auto; }
.answer { font-weight: bold; }
.explanation { margin-top: .5em; }
.meta { margin-top: 1em; font-size: 14px; color: #555; }
.notice { margin-top: 1.5em; border: 2px solid #c8a200; background: #fff9e0; padding: .5em;
          font-size: 14px; }
""".strip()


def field_html(text: str) -> str:
    """Knowledge-base text as an Anki field: HTML, with control characters made visible."""
    return html.escape(escape_controls(text), quote=True)


def template_html(text: str) -> str:
    """Text for a card template, where braces would start a template field."""
    return field_html(text).replace("{", "&#123;").replace("}", "&#125;")


def note_model(notice: str) -> genanki.Model:
    back = (
        "{{FrontSide}}<hr id=answer>{{Back}}"
        '<div class="meta">{{Topic}}{{#Source}}<br>Source: {{Source}}{{/Source}}</div>'
        f'<div class="notice"><strong>Notice:</strong> {template_html(notice)}</div>'
    )
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question and answer", "qfmt": "{{Front}}", "afmt": back}],
        css=_CSS,
    )


def entry_of(kb: KnowledgeBase, card_id: str) -> Entry | None:
    """The knowledge-base entry a card asks about, found from the card's id, if any."""
    kind, _, entry_id = card_id.partition(":")
    collection = _COLLECTION_OF_KIND.get(kind.split("-")[0])
    if collection is not None and entry_id in kb.collection(collection):
        return kb.collection(collection)[entry_id]
    for name in _COLLECTION_OF_KIND.values():
        if entry_id in kb.collection(name):
            return kb.collection(name)[entry_id]
    return None


def regions_of(kb: KnowledgeBase, entry: Entry | None) -> list[str]:
    """The ids of the regions an entry belongs to or is listed for, in the guide's order."""
    if entry is None:
        return []
    if isinstance(entry, Region):
        return [entry.id]
    if isinstance(entry, Cause):
        found: Iterable[str] = entry.regions
    elif isinstance(entry, Technique):
        found = (
            region.id
            for region in kb.regions.values()
            if any(suggestion.technique == entry.id for suggestion in region.techniques)
        )
    elif isinstance(entry, Evidence):
        found = (
            *entry.regions,
            *(region.id for region in kb.regions.values() if entry.id in region.evidence),
        )
    else:
        found = (region.id for region in kb.regions.values() if entry.id in region.acupoints)
    chosen = set(found)
    return [region_id for region_id in kb.regions if region_id in chosen]


def tags_of(kb: KnowledgeBase, card: Card) -> list[str]:
    regions = regions_of(kb, entry_of(kb, card.card))
    return [
        f"{TAG_PREFIX}::topic::{_tag_word(card.topic)}",
        *(f"{TAG_PREFIX}::region::{_tag_word(region_id)}" for region_id in regions),
    ]


def sources_of(kb: KnowledgeBase, card: Card) -> str:
    entry = entry_of(kb, card.card)
    source_ids = getattr(entry, "sources", ()) if entry is not None else ()
    citations = [kb.sources[source].citation for source in source_ids if source in kb.sources]
    return "<br>".join(field_html(citation) for citation in citations)


def card_note(kb: KnowledgeBase, model: genanki.Model, card: Card) -> genanki.Note:
    back = f'<div class="answer">{field_html(card.answer)}</div>'
    if card.explanation:
        back += f'<div class="explanation">{field_html(card.explanation)}</div>'
    return genanki.Note(
        model=model,
        fields=[field_html(card.prompt), back, field_html(card.topic), sources_of(kb, card)],
        tags=tags_of(kb, card),
        guid=genanki.guid_for(card.card),
    )


def build_deck(kb: KnowledgeBase) -> genanki.Deck:
    """Every quiz card as a note of one deck, whose description carries the notice."""
    model = note_model(kb.guide.notice)
    description = (
        f"Quiz cards from {field_html(kb.guide.title)}.<br><br>"
        f"<strong>Notice:</strong> {field_html(kb.guide.notice)}"
    )
    deck = genanki.Deck(DECK_ID, kb.guide.title, description=description)
    deck.add_model(model)
    for card in cards_of(kb):
        deck.add_note(card_note(kb, model, card))
    return deck


def anki_package(kb: KnowledgeBase, timestamp: float) -> bytes:
    """The deck as the bytes of an .apkg file: a zip holding a SQLite `collection.anki2`.

    `timestamp` becomes each note's modification time; Anki updates a note it already has
    only from a newer one. Built here rather than with `Package.write_to_file`, which leaves
    its SQLite file behind in the system's temporary folder.
    """
    package = genanki.Package(build_deck(kb))
    with tempfile.TemporaryDirectory(prefix="spasmguide-anki-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            package.write_to_db(
                connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
    return buffer.getvalue()


def _tag_word(text: str) -> str:
    # Anki splits tags on spaces.
    return "-".join(escape_controls(text).split()) or "none"
