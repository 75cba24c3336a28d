"""Builds an Anki package (.apkg) of the quiz cards, with `genanki`.

Every note can be answered from its front: a multiple-choice card carries its options there
(drawn once per card, the same at every export); a recall card asks one thing. A point's
code and name, and its characters and pinyin, are one "Basic (and reversed card)" note each,
as both directions are worth learning. The card asking where a point is shows, on its back,
a small figure marking the place, drawn by the body map (`map`) from the same layout; the
figure is an SVG file in the package's media.

Sub-decks per topic, and tags per topic, region and meridian, let a student study one part.
The decks and note types have fixed ids and each note's guid comes from its card's stable
id, so importing a newer export into Anki updates the notes already there instead of adding
copies. Imported only by `spasmguide export --format anki`: genanki is slow to import.
Building the deck is linear in the number of cards.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

import genanki

from spasmguide.kb.model import Acupoint, Cause, Entry, Evidence, KnowledgeBase, Region, Technique
from spasmguide.safe_text import escape_controls, one_line
from spasmguide.study.cards import (
    Card,
    card_rng,
    cards_of,
    entry_of,
    make_question,
    point_cautions,
)

# Fixed for good: Anki recognises the decks and note types by these, and a new export of the
# guide then updates the cards a student already has. Changing any duplicates every note.
DECK_ID = 1_845_204_613
MODEL_ID = 1_503_877_921
MODEL_NAME = "spasmguide card"
FIELDS = ("Front", "Back", "Topic", "Source")
REVERSED_MODEL_ID = 1_503_877_922
REVERSED_MODEL_NAME = "spasmguide card (and reversed card)"
REVERSED_FIELDS = ("Front", "Back", "FrontAsk", "BackAsk", "Extra", "Topic", "Source")
TAG_PREFIX = "spasmguide"
MEDIA_PREFIX = "spasmguide-point-"

_CSS = """
.card { font-family: Georgia, "Times New Roman", serif; font-size: 20px; color: #1d1d1d;
        background: #fff; text-align: left; max-width: 40em; margin: 0 auto; }
.ask { font-size: 15px; color: #555; margin-bottom: .4em; }
.side { font-size: 28px; }
ol.options { margin: .6em 0 0 0; padding-left: 1.6em; }
ol.options li { margin: .25em 0; }
.answer { font-weight: bold; }
.explanation { margin-top: .5em; }
.figure { margin-top: .8em; }
.figure img { width: 16em; max-width: 100%; height: auto; }
.meta { margin-top: 1em; font-size: 14px; color: #555; }
.notice { margin-top: 1.5em; border: 2px solid #c8a200; background: #fff9e0; padding: .5em;
          font-size: 14px; }
""".strip()


class Figure(NamedTuple):
    """A point's figure: the media file's name and its SVG text."""

    name: str
    svg: str


def field_html(text: str) -> str:
    """Knowledge-base text as an Anki field: HTML, with control characters made visible."""
    return html.escape(escape_controls(text), quote=True)


def template_html(text: str) -> str:
    """Text for a card template, where braces would start a template field."""
    return field_html(text).replace("{", "&#123;").replace("}", "&#125;")


def _back_matter(notice: str, changed: Sequence[str] = ()) -> str:
    return (
        '<div class="meta">{{Topic}}{{#Source}}<br>Source: {{Source}}{{/Source}}</div>'
        f'<div class="notice"><strong>Notice:</strong> {template_html(notice)}'
        f"{_changed_html(changed, template_html)}</div>"
    )


def deck_name(title: str) -> str:
    """The guide's title as the deck's name: escaped like a field, on one line, and with no
    `::` of its own, which Anki would read as a parent deck."""
    name = field_html(one_line(title, 200))
    while "::" in name:
        name = name.replace("::", ": ")
    return name or "spasmguide"


def _changed_html(changed: Sequence[str], escape: Callable[[str], str]) -> str:
    """The "Changed by your files" lines of the pages, for a card or the deck."""
    if not changed:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in changed)
    return f"<br><strong>Changed by your files:</strong><ul>{items}</ul>"


def note_model(notice: str, changed: Sequence[str] = ()) -> genanki.Model:
    """The note type of every card asked one way: a question (with its options, for a
    multiple-choice card) on the front, the answer and why on the back."""
    back = "{{FrontSide}}<hr id=answer>{{Back}}" + _back_matter(notice, changed)
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question and answer", "qfmt": "{{Front}}", "afmt": back}],
        css=_CSS,
    )


def reversed_model(notice: str, changed: Sequence[str] = ()) -> genanki.Model:
    """Anki's "Basic (and reversed card)": one note, a card each way."""

    def side(ask: str, shown: str) -> str:
        return f'<div class="ask">{{{{{ask}}}}}</div><div class="side">{{{{{shown}}}}}</div>'

    def answer(shown: str) -> str:
        return (
            '{{FrontSide}}<hr id=answer><div class="side answer">{{'
            + shown
            + '}}</div>{{#Extra}}<div class="explanation">{{Extra}}</div>{{/Extra}}'
            + _back_matter(notice, changed)
        )

    return genanki.Model(
        REVERSED_MODEL_ID,
        REVERSED_MODEL_NAME,
        fields=[{"name": name} for name in REVERSED_FIELDS],
        templates=[
            {"name": "Card 1", "qfmt": side("FrontAsk", "Front"), "afmt": answer("Back")},
            {"name": "Card 2", "qfmt": side("BackAsk", "Back"), "afmt": answer("Front")},
        ],
        css=_CSS,
    )


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
    elif isinstance(entry, Acupoint):  # the regions that list it, and those it names itself
        found = (
            *(region.id for region in kb.regions.values() if entry.id in region.acupoints),
            *(used.region for used in entry.regions),
        )
    else:
        found = ()
    chosen = set(found)
    return [region_id for region_id in kb.regions if region_id in chosen]


def tags_of(card: Card) -> list[str]:
    """Tags for the card's topic, regions and meridian (Anki splits tags on spaces)."""
    return [
        f"{TAG_PREFIX}::topic::{_tag_word(card.topic)}",
        *(f"{TAG_PREFIX}::region::{_tag_word(region_id)}" for region_id in card.regions),
        *((f"{TAG_PREFIX}::meridian::{_tag_word(card.meridian)}",) if card.meridian else ()),
    ]


def sources_of(kb: KnowledgeBase, card: Card) -> str:
    entry = entry_of(kb, card.card)
    source_ids = getattr(entry, "sources", ()) if entry is not None else ()
    citations = [kb.sources[source].citation for source in source_ids if source in kb.sources]
    return "<br>".join(field_html(citation) for citation in citations)


def options_html(choices: Iterable[str]) -> str:
    items = "".join(f"<li>{field_html(choice)}</li>" for choice in choices)
    return f'<ol class="options">{items}</ol>'


def point_figure(kb: KnowledgeBase, point: Acupoint) -> Figure | None:
    """The body map with only this point marked, as an SVG file; None when the layout does
    not know where the point is (a point of a user's own layer, say)."""
    from spasmguide.pages.body_map import point_figure as figure_of
    from spasmguide.pages.body_map import point_place
    from spasmguide.render.figure import draw_svg

    if point_place(kb, point) is None:
        return None
    svg = draw_svg(figure_of(kb, point.id))
    # One point on a card-sized figure: a larger dot and label than the map's many need.
    return Figure(_media_name(point.id), svg.replace("</style>", _FIGURE_STYLE + "</style>", 1))


_FIGURE_STYLE = ".bm-point circle{r:6px}.bm-point text{font:bold 15px sans-serif}"


def _media_name(point_id: str) -> str:
    """A file name for the point's figure: its id when that is plain, else a digest."""
    if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,60}", point_id):
        return f"{MEDIA_PREFIX}{point_id}.svg"
    return f"{MEDIA_PREFIX}{hashlib.sha256(point_id.encode()).hexdigest()[:16]}.svg"


def card_note(
    kb: KnowledgeBase, models: tuple[genanki.Model, genanki.Model], card: Card
) -> tuple[genanki.Note, Figure | None]:
    """The card as a note, and the figure it shows, if any."""
    basic, reversible = models
    source = sources_of(kb, card)
    tags = tags_of(card)
    guid = genanki.guid_for(card.card)
    explanation = (
        f'<div class="explanation">{field_html(card.explanation)}</div>' if card.explanation else ""
    )
    if len(card.pair) == 4:
        front, back, front_ask, back_ask = card.pair
        fields = [
            field_html(front),
            field_html(back),
            field_html(front_ask),
            field_html(back_ask),
            field_html(card.explanation),
            field_html(card.topic),
            source,
        ]
        return genanki.Note(model=reversible, fields=fields, tags=tags, guid=guid), None
    figure = None
    if card.typed:  # recall, typed or self-graded: one thing asked, no options
        front = field_html(card.prompt)
        back = f'<div class="answer">{field_html(card.answer)}</div>{explanation}'
        entry = entry_of(kb, card.card)
        if isinstance(entry, Acupoint) and card.card.startswith("acupoint-location:"):
            cautions = point_cautions(entry)
            if cautions:
                back += f'<div class="explanation">Cautions: {field_html(" ".join(cautions))}</div>'
            figure = point_figure(kb, entry)
            if figure is not None:
                alt = field_html(f"Where {entry.code or entry.pinyin} is, on the body map")
                back += f'<div class="figure"><img src="{figure.name}" alt="{alt}"></div>'
    else:
        question = make_question(card, card_rng(card))  # the same options each time
        front = field_html(card.prompt) + options_html(question.choices)
        answer = f"{question.answer + 1}. {question.choices[question.answer]}"
        back = f'<div class="answer">{field_html(answer)}</div>{explanation}'
    note = genanki.Note(
        model=basic, fields=[front, back, field_html(card.topic), source], tags=tags, guid=guid
    )
    return note, figure


def deck_id(title: str) -> int:
    """A fixed id for a sub-deck, from its name."""
    digest = hashlib.sha256(f"spasmguide deck {title}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def build_decks(kb: KnowledgeBase) -> tuple[list[genanki.Deck], list[Figure]]:
    """The guide's deck (whose description carries the notice) and a sub-deck per topic,
    every quiz card a note in its topic's sub-deck; and the figures the notes show. Every
    card and the description also name the safety content a user's file replaced."""
    from spasmguide.pages.common import changed_safety_lines

    changed = changed_safety_lines(kb)
    models = (note_model(kb.guide.notice, changed), reversed_model(kb.guide.notice, changed))
    description = (
        f"Quiz cards from {field_html(kb.guide.title)}.<br><br>"
        f"<strong>Notice:</strong> {field_html(kb.guide.notice)}"
        f"{_changed_html(changed, field_html)}"
    )
    title = deck_name(kb.guide.title)
    main = genanki.Deck(DECK_ID, title, description=description)
    for model in models:
        main.add_model(model)
    decks: dict[str, genanki.Deck] = {}
    figures: list[Figure] = []
    for card in cards_of(kb):
        if not card.in_deck:
            continue
        if card.topic not in decks:
            name = f"{title}::{card.topic.capitalize()}"  # the only `::`: one level down
            decks[card.topic] = genanki.Deck(deck_id(name), name, description=description)
        note, figure = card_note(kb, models, card)
        decks[card.topic].add_note(note)
        if figure is not None:
            figures.append(figure)
    return [main, *decks.values()], figures


def anki_package(kb: KnowledgeBase, timestamp: float) -> bytes:
    """The decks as the bytes of an .apkg file: a zip holding a SQLite `collection.anki2`,
    the figures as numbered files and `media`, the JSON that names them.

    `timestamp` becomes each note's modification time; Anki updates a note it already has
    only from a newer one. Built here rather than with `Package.write_to_file`, which leaves
    its SQLite file behind in the system's temporary folder.
    """
    decks, figures = build_decks(kb)
    package = genanki.Package(decks)
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
            media = {str(number): figure.name for number, figure in enumerate(figures)}
            for number, figure in enumerate(figures):
                archive.writestr(str(number), figure.svg.encode("utf-8"))
            archive.writestr("media", json.dumps(media))
    return buffer.getvalue()


def _tag_word(text: str) -> str:
    # Anki splits tags on spaces.
    return "-".join(escape_controls(text).split()) or "none"
