"""The Anki export: every quiz card as a note, with stable ids so a new export updates cards."""

from __future__ import annotations

import html
import io
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import genanki

from spasmguide.kb.model import KnowledgeBase
from spasmguide.study.anki import (
    FIELDS,
    MODEL_ID,
    REVERSED_FIELDS,
    REVERSED_MODEL_ID,
    deck_id,
    regions_of,
)
from spasmguide.study.cards import TOPICS, cards_of, entry_of
from tests.conftest import NOTICE_WORDS, invoke, loads_module

HOSTILE_REGION_NOTE = """
acupoints:
  - id: hostile-point
    code: null
    pinyin: "Hostile <b>point</b> {{Front}}"
    english: ["A point & <script>alert(1)</script>"]
    meridian: Gallbladder
    location: "Under <i>here</i> \\e[31m."
    uses: Nothing.
    sources: [article]
"""


def export_anki(target: Path, *extra: str) -> None:
    outcome = invoke("export", "--format", "anki", "--output", str(target), *extra)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout == ""


def collection(package: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(package) as archive:
        assert {"collection.anki2", "media"} <= set(archive.namelist())
        database = tmp_path / f"{package.stem}.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(database)


def notes(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = connection.execute("select guid, mid, tags, flds from notes order by id").fetchall()
    return [
        {
            "guid": guid,
            "model": model,
            "tags": tags.split(),
            "fields": dict(
                zip(
                    FIELDS if model == MODEL_ID else REVERSED_FIELDS,
                    fields.split("\x1f"),
                    strict=True,
                )
            ),
        }
        for guid, model, tags, fields in rows
    ]


def test_every_quiz_card_is_a_note_with_its_fields_and_tags(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    target = tmp_path / "spasmguide.apkg"
    export_anki(target)
    connection = collection(target, tmp_path)
    found = {note["guid"]: note for note in notes(connection)}
    cards = [card for card in cards_of(kb) if card.in_deck]
    assert len(found) == len(cards) > 50
    reversed_notes = sum(1 for note in found.values() if note["model"] == REVERSED_MODEL_ID)
    assert reversed_notes > 0
    # A reversed note makes two cards, one each way.
    count = connection.execute("select count(*) from cards").fetchone()[0]
    assert count == len(cards) + reversed_notes
    assert {note["model"] for note in found.values()} == {MODEL_ID, REVERSED_MODEL_ID}
    decks = {row[0] for row in connection.execute("select did from cards")}
    assert decks == {deck_id(f"{kb.guide.title}::{topic.capitalize()}") for topic in TOPICS}
    for card in cards:
        note = found[genanki.guid_for(card.card)]
        fields = note["fields"]
        if note["model"] == REVERSED_MODEL_ID:
            assert (fields["Front"], fields["Back"]) == tuple(map(html.escape, card.pair[:2]))
        else:
            assert fields["Front"].startswith(html.escape(card.prompt))
            assert html.escape(card.answer) in fields["Back"]
        assert fields["Topic"] == card.topic
        entry = entry_of(kb, card.card)
        assert entry is not None, card.card  # every card names the entry it asks about
        for source in getattr(entry, "sources", ()):
            assert html.escape(kb.sources[source].citation) in fields["Source"]
        meridian = getattr(entry, "meridian", None)
        assert note["tags"] == [
            f"spasmguide::topic::{card.topic}",
            *(f"spasmguide::region::{region}" for region in regions_of(kb, entry)),
            *([f"spasmguide::meridian::{meridian.replace(' ', '-')}"] if meridian else []),
        ]
    gb20 = [
        note
        for card in cards
        if entry_of(kb, card.card) == kb.acupoints["gb20"]
        for note in [found[genanki.guid_for(card.card)]]
    ]
    assert gb20 and all("spasmguide::region::neck" in note["tags"] for note in gb20)
    assert all("spasmguide::meridian::Gallbladder" in note["tags"] for note in gb20)


def test_the_notice_is_in_the_deck_and_on_every_card_back(tmp_path: Path) -> None:
    target = tmp_path / "spasmguide.apkg"
    export_anki(target)
    connection = collection(target, tmp_path)
    decks, models = connection.execute("select decks, models from col").fetchone()
    assert NOTICE_WORDS in decks
    assert f'"{MODEL_ID}"' in models and f'"{REVERSED_MODEL_ID}"' in models
    assert models.count(NOTICE_WORDS) >= 3  # the back of each card of both note types
    assert "{{FrontSide}}" in models  # the back template shows the question, then the notice


def test_two_exports_give_the_same_guids_and_ids(tmp_path: Path) -> None:
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    export_anki(first)
    export_anki(second)
    one = notes(collection(first, tmp_path))
    two = notes(collection(second, tmp_path))
    assert [note["guid"] for note in one] == [note["guid"] for note in two]
    assert len({note["guid"] for note in one}) == len(one)
    # The same options, in the same order, on the front of every multiple-choice card.
    assert [note["fields"] for note in one] == [note["fields"] for note in two]


def test_a_card_finds_its_entry_and_regions(kb: KnowledgeBase) -> None:
    assert entry_of(kb, "acupoint-location:gb20") == kb.acupoints["gb20"]
    assert entry_of(kb, "region-technique:calf") == kb.regions["calf"]
    assert entry_of(kb, "something-new:calf") == kb.regions["calf"]  # found by id alone
    assert entry_of(kb, "technique-how:no-such-entry") is None
    assert "neck" in regions_of(kb, kb.acupoints["gb20"])
    assert regions_of(kb, None) == []


def test_fields_are_escaped_html(tmp_path: Path) -> None:
    extra = tmp_path / "hostile.yaml"
    extra.write_text(HOSTILE_REGION_NOTE)
    target = tmp_path / "hostile.apkg"
    export_anki(target, "--kb", str(extra))
    found = notes(collection(target, tmp_path))
    text = "\n".join(value for note in found for value in note["fields"].values())
    assert "<script" not in text and "<b>" not in text and "<i>" not in text
    assert "&lt;script&gt;" in text and "\x1b" not in text


def test_anki_needs_an_output_file() -> None:
    outcome = invoke("export", "--format", "anki")
    assert outcome.exit_code == 2
    assert outcome.stdout == ""
    assert len(outcome.stderr.splitlines()) == 1 and "--output" in outcome.stderr


def test_anki_export_replaces_a_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "deck.apkg"
    target.write_bytes(b"old")
    export_anki(target)
    assert zipfile.is_zipfile(io.BytesIO(target.read_bytes()))
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".deck")] == []


def test_the_command_line_imports_genanki_only_for_anki() -> None:
    code = "from spasmguide.cli.app import main\nmain(['export', '--format', 'markdown'])"
    assert not loads_module(code, "genanki")
