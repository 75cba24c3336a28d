"""Defects of the third hostile round that belong to no principle of their own: a mistyped
progress database, a long question to `ask`, and the Anki deck's name."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from spasmguide.cli.app import app
from spasmguide.kb.layers import shipped_data_dir
from tests.conftest import ONE_LINE_ANSWERS, invoke


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("due", "tomorrow"),
        ("stability", "x"),
        ("state", 2.5),
        ("seen", 1.5),
        ("step", "two"),
        ("last_review", b"\x00"),
    ],
)
def test_a_progress_database_with_mistyped_values_is_survived(
    data: Path, column: str, value: object
) -> None:
    """Defect 10: a value of the wrong type (integrity-check clean) crashed every quiz."""
    answered = CliRunner().invoke(
        app, ["quiz", "-n", "3", "--seed", "5", *ONE_LINE_ANSWERS], input="1\n2\n3\n"
    )
    assert answered.exit_code == 0, answered.stderr
    database = data / "progress.sqlite"
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute(
            f"UPDATE cards SET {column} = ? WHERE rowid = (SELECT min(rowid) FROM cards)",
            (value,),
        )
    assert connection.execute("SELECT count(*) FROM cards").fetchone()[0] == 3
    connection.close()
    for args in (("quiz", "-n", "1", "--seed", "5"), ("quiz", "--stats")):
        outcome = invoke(*args)
        assert outcome.exit_code == 0, outcome.stderr
        assert "internal error" not in outcome.stderr
        notes = [line for line in outcome.stderr.splitlines() if "note:" in line]
        assert len(notes) == 1 and "wrong type" in notes[0], outcome.stderr


def test_ask_reads_warning_words_after_two_thousand_characters() -> None:
    """Defect 14: `ask` cut the text at 2,000 characters, and with it "can't pee"."""
    desk = (
        "My neck has been stiff since I started a new desk job and I sit for long hours at"
        " the screen without breaks. "
    ) * 19
    outcome = invoke("ask", desk + " Now I also can't pee and I am numb between my legs.")
    assert outcome.exit_code == 0, outcome.stderr
    assert "cauda equina" in outcome.stdout.lower()


def test_anki_deck_name_is_escaped_and_never_nested(tmp_path: Path) -> None:
    """Defect 19: `::` in the title made sub-decks, and a raw ESC was kept."""
    guide = yaml.safe_load((shipped_data_dir() / "guide.yaml").read_text())
    guide["guide"]["title"] = "Spasm::Evil<b>Deck</b>\x1b[31m"
    layer = tmp_path / "gtitle.yaml"
    layer.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False, width=1000))
    package = tmp_path / "t.apkg"
    outcome = invoke("export", "-f", "anki", "--kb", str(layer), "-o", str(package))
    assert outcome.exit_code == 0, outcome.stderr
    with zipfile.ZipFile(package) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "c.anki2")
    (decks,) = connection.execute("SELECT decks FROM col").fetchone()
    connection.close()
    names = [deck["name"] for deck in json.loads(decks).values() if deck["name"] != "Default"]
    (top,) = [name for name in names if "::" not in name]  # the guide's deck, not nested
    assert all(
        name.count("::") == 1 and name.startswith(f"{top}::") for name in names if name != top
    )
    name = top
    assert "\x1b" not in name and "<b>" not in name
    assert "Spasm" in name and "Evil" in name


def test_an_option_before_the_command_keeps_the_repeated_option_check() -> None:
    """Defect 16: `--color never lookup -r neck -r calf` showed calf instead of refusing."""
    outcome = invoke("--color", "never", "lookup", "-r", "neck", "-r", "calf")
    assert outcome.exit_code == 2
    assert "more than once" in outcome.stderr
