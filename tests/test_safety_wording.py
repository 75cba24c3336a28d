"""Safety wording is safety content: what each urgency level means, the warning-sign note, the
licensing advice, a region's or cause's warning signs and self-care, a warning sign's words
for `ask`, every caution and contraindication. A user's file that changes or removes any of
them is named on every page, in every format, in `ask`, the quiz and the exports; the quiz and
the Anki deck carry the notice (docs/decisions/015-threat-model.md)."""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from spasmguide.kb.layers import shipped_data_dir, shipped_files
from tests.conftest import NOTICE_WORDS, invoke

CHANGED = "Changed by your files"
Change = Callable[[dict[str, Any]], None]


def shipped_entry(kind: str, entry_id: str) -> dict[str, Any]:
    for path in shipped_files():
        data = yaml.safe_load(path.read_text())
        for entry in data.get(kind) or []:
            if entry["id"] == entry_id:
                return dict(entry)
    raise LookupError(entry_id)


def layer_with(tmp_path: Path, kind: str, entry_id: str, change: Change) -> Path:
    """A layer holding one shipped entry (or the guide) with `change` applied, like a user's
    copy edited by hand."""
    if kind == "guide":
        data = yaml.safe_load((shipped_data_dir() / "guide.yaml").read_text())
        change(data["guide"])
    else:
        entry = shipped_entry(kind, entry_id)
        change(entry)
        data = {kind: [entry]}
    path = tmp_path / f"{kind}-{entry_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000))
    return path


def _harmless_meanings(guide: dict[str, Any]) -> None:
    for label in guide["urgency_labels"]:
        label["meaning"] = "Nothing urgent: book a massage when convenient."


def _harmless_note(guide: dict[str, Any]) -> None:
    guide["red_flag_note"] = "These signs are almost always harmless; a massage settles them."


def _no_licensing(guide: dict[str, Any]) -> None:
    guide["licensing"] = ["Anyone may needle; no licence is needed."]


def _set(field: str, value: Any) -> Change:
    def change(entry: dict[str, Any]) -> None:
        entry[field] = value

    return change


def _drop(field: str) -> Change:
    def change(entry: dict[str, Any]) -> None:
        entry.pop(field, None)

    return change


PROTECTED = [
    ("guide", "guide", _harmless_meanings),
    ("guide", "guide", _harmless_note),
    ("guide", "guide", _no_licensing),
    ("regions", "low-back", _set("red_flags", ["possible-fracture"])),
    ("regions", "neck", _set("self_care", ["Crack it yourself, hard."])),
    ("causes", "sciatica-disc", _drop("red_flags")),
    ("red_flags", "possible-dvt", _drop("lay_terms")),
    ("techniques", "cupping", _drop("contraindications")),
    ("techniques", "cupping", _set("cautions", ["None: cupping is safe over broken skin."])),
    ("acupoints", "gb21", _set("cautions", ["None."])),
]
PROTECTED_IDS = [
    "urgency-meanings",
    "red-flag-note",
    "licensing",
    "region-warning-signs",
    "region-self-care",
    "cause-warning-signs",
    "warning-sign-words-for-ask",
    "contraindications",
    "cautions",
    "acupoint-cautions",
]
PAGES = [
    ("red-flags",),
    ("lookup", "-r", "neck"),
    ("technique", "tui na"),
    ("ask", "my calf is swollen and hot after a flight"),
]


def _anki_description(tmp_path: Path, layer: Path) -> str:
    package = tmp_path / "deck.apkg"
    outcome = invoke("export", "-f", "anki", "-o", str(package), "--kb", str(layer))
    assert outcome.exit_code == 0, outcome.stderr
    with zipfile.ZipFile(package) as archive:
        collection = tmp_path / "collection.anki2"
        collection.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(collection)
    decks, models = connection.execute("SELECT decks, models FROM col").fetchone()
    connection.close()
    descriptions = [deck["desc"] for deck in json.loads(decks).values()]
    templates = [t["afmt"] for model in json.loads(models).values() for t in model["tmpls"]]
    return "\n".join(descriptions + templates)


def _quiz(layer: Path, topic: str | None = None) -> str:
    args = ["quiz", "-n", "3", "--seed", "1", "--kb", str(layer)]
    if topic:
        args += ["--topic", topic]
    result = io.StringIO()
    outcome = invoke(*args)
    assert outcome.exit_code == 0, outcome.stderr
    result.write(outcome.stdout)
    return result.getvalue()


@pytest.mark.parametrize(("kind", "entry_id", "change"), PROTECTED, ids=PROTECTED_IDS)
def test_a_changed_piece_of_safety_wording_is_recorded_and_named(
    tmp_path: Path, kind: str, entry_id: str, change: Change
) -> None:
    """Principle (defects 3 and 4): every protected piece of safety wording, once changed by a
    user's file, is recorded with the file, and a page names it."""
    from spasmguide.kb.layers import layers_in_force
    from spasmguide.kb.loader import load_knowledge_base

    layer = layer_with(tmp_path, kind, entry_id, change)
    loaded = load_knowledge_base(layers_in_force([str(layer)]))
    assert str(layer) in loaded.changed_by.values(), loaded.changed_by
    outcome = invoke("red-flags", "--no-pager", "--kb", str(layer))
    assert outcome.exit_code == 0, outcome.stderr
    assert CHANGED in _plain(outcome.stdout) and str(layer) in _plain(outcome.stdout)


# One change to the guide's own wording and one to an entry: the two ways a page names them.
NAMED_EVERYWHERE = [PROTECTED[0], PROTECTED[8]]


@pytest.mark.parametrize(
    ("kind", "entry_id", "change"), NAMED_EVERYWHERE, ids=["guide", "technique"]
)
def test_a_recorded_change_is_named_on_every_page_format_quiz_and_export(
    tmp_path: Path, kind: str, entry_id: str, change: Change
) -> None:
    """Every page, format, ask, quiz and export names the file that changed the wording."""
    layer = layer_with(tmp_path, kind, entry_id, change)
    for args in PAGES:
        for output in ("text", "json", "markdown"):
            outcome = invoke(*args, "--format", output, "--no-pager", "--kb", str(layer))
            assert outcome.exit_code == 0, (args, outcome.stderr)
            shown = _plain(outcome.stdout)
            assert CHANGED in shown or "changed_by_your_files" in shown, (args, output)
            assert str(layer) in shown, (args, output)
    for export_format in ("markdown", "html"):
        outcome = invoke("export", "-f", export_format, "--kb", str(layer))
        assert outcome.exit_code == 0
        assert CHANGED in _plain(outcome.stdout) and str(layer) in _plain(outcome.stdout)
    quiz = _plain(_quiz(layer))
    assert NOTICE_WORDS in quiz
    assert CHANGED in quiz and str(layer) in quiz.replace("- ", "-")  # wrapped at hyphens
    deck = _plain(_anki_description(tmp_path, layer))
    assert NOTICE_WORDS in deck and CHANGED in deck and str(layer) in deck


def _plain(text: str) -> str:
    """Text as read: whitespace collapsed, Markdown's and JSON's backslash escapes and HTML's
    entities undone."""
    return re.sub(r"\\(.)", r"\1", html.unescape(" ".join(text.split())))


def test_redefining_emergency_is_named_on_the_red_flag_page(tmp_path: Path) -> None:
    """Defect 3: a layer could make 'emergency' mean 'book a massage', with no notice."""
    layer = layer_with(tmp_path, "guide", "guide", _harmless_meanings)
    outcome = invoke("red-flags", "-r", "low back", "--no-pager", "--kb", str(layer))
    assert outcome.exit_code == 0
    top = outcome.stdout.split("Possible cauda equina")[0]
    assert CHANGED in top and "urgency" in top


def test_dropping_cauda_equina_from_the_low_back_is_named(tmp_path: Path) -> None:
    """Defect 4: a region's warning signs could be cut down with no notice."""
    layer = layer_with(tmp_path, "regions", "low-back", _set("red_flags", ["possible-fracture"]))
    outcome = invoke("lookup", "-r", "low back", "--no-pager", "--kb", str(layer))
    assert outcome.exit_code == 0
    assert CHANGED in outcome.stdout and "low-back" in outcome.stdout


def test_removing_a_warning_signs_words_is_named_in_ask(tmp_path: Path) -> None:
    """Defect 4: removing DVT's lay words silently dropped the warning from `ask`."""
    layer = layer_with(tmp_path, "red_flags", "possible-dvt", _drop("lay_terms"))
    outcome = invoke("ask", "calf swollen and hot after a flight", "--no-pager", "--kb", str(layer))
    assert outcome.exit_code == 0
    assert CHANGED in outcome.stdout and "possible-dvt" in outcome.stdout


def test_the_quiz_and_the_deck_name_replaced_cautions(tmp_path: Path) -> None:
    """Defect 4: the quiz and the Anki deck taught replaced cautions with no notice."""
    layer = layer_with(
        tmp_path, "techniques", "cupping", _set("cautions", ["None: safe over broken skin."])
    )
    assert CHANGED in _quiz(layer, "techniques")
    assert CHANGED in _anki_description(tmp_path, layer)


@pytest.mark.parametrize(
    ("kind", "entry_id"),
    [("guide", "guide"), ("regions", "low-back"), ("red_flags", "possible-dvt")],
)
def test_an_unchanged_copy_is_not_named(tmp_path: Path, kind: str, entry_id: str) -> None:
    layer = layer_with(tmp_path, kind, entry_id, lambda entry: None)
    outcome = invoke("red-flags", "--no-pager", "--kb", str(layer))
    assert outcome.exit_code == 0
    assert CHANGED not in outcome.stdout
