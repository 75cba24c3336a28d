"""Spaced-repetition progress: a Leitner box per card, kept in a local SQLite database.

A right answer moves a card up one box, a wrong one back to box 1; a card is due again after
its box's interval. Each answer is committed as it is given, so a quiz killed at any moment
keeps every earlier answer. A database that SQLite cannot read, or whose schema is not ours,
is moved aside (never deleted) and a fresh one started. See docs/decisions/007.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

# Days until a card in each box is due again (box 1: the same session).
BOX_INTERVALS = {1: 0.0, 2: 1.0, 3: 3.0, 4: 7.0, 5: 16.0}
TOP_BOX = max(BOX_INTERVALS)
SCHEMA_VERSION = 1
DAY = 86400.0
FILE_NAME = "progress.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (
    card TEXT PRIMARY KEY,
    topic TEXT NOT NULL,
    box INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
    due REAL NOT NULL,
    seen INTEGER NOT NULL,
    right INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
    number INTEGER PRIMARY KEY,
    card TEXT NOT NULL,
    answered REAL NOT NULL,
    correct INTEGER NOT NULL
);
"""


class CardState(NamedTuple):
    card: str
    topic: str
    box: int
    due: float
    seen: int
    right: int


class TopicStats(NamedTuple):
    topic: str
    cards: int
    seen: int
    due: int
    mastered: int  # cards in the top two boxes


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user's data folder for spasmguide: SPASMGUIDE_DATA_DIR, else the platform's
    (XDG_DATA_HOME on Linux), read at call time."""
    env = os.environ if environ is None else environ
    if env.get("SPASMGUIDE_DATA_DIR"):
        return Path(env["SPASMGUIDE_DATA_DIR"])
    import platformdirs  # only the quiz needs it

    return Path(platformdirs.user_data_dir("spasmguide", appauthor=False))


class Progress:
    """The progress database, open for one quiz or one look at the statistics."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path | None, note: str | None = None
    ) -> None:
        self.connection = connection
        self.path = path
        self.note = note  # said to the user once: a database moved aside, or not saved

    @classmethod
    def open(cls, folder: Path) -> Progress:
        """Opens (or creates) the database in `folder`. A damaged one is moved aside; when the
        folder cannot be written, progress is kept in memory for this run only."""
        path = folder / FILE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return cls(_connect_checked(path), path)
        except _Damaged as damage:
            aside = path.with_name(
                f"{FILE_NAME}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
            )
            try:
                os.replace(path, aside)
                connection = _connect_checked(path)
            except (OSError, _Damaged):
                return cls(
                    _memory(),
                    None,
                    f"progress database {path} is damaged ({damage}) and could not be"
                    " replaced; this quiz will not be saved",
                )
            return cls(
                connection,
                path,
                f"progress database was damaged ({damage}); moved it to {aside} and started afresh",
            )
        except (OSError, sqlite3.Error) as error:
            return cls(
                _memory(),
                None,
                f"cannot save progress in {folder} ({error}); this quiz will not be saved",
            )

    def close(self) -> None:
        self.connection.close()

    def states(self) -> dict[str, CardState]:
        rows = self.connection.execute("SELECT card, topic, box, due, seen, right FROM cards")
        return {row[0]: CardState(*row) for row in rows}

    def record(self, card: str, topic: str, correct: bool, now: float | None = None) -> CardState:
        """Records one answer and moves the card between boxes, committed before returning."""
        moment = time.time() if now is None else now
        with self.connection:
            row = self.connection.execute(
                "SELECT box, seen, right FROM cards WHERE card = ?", (card,)
            ).fetchone()
            box, seen, right = row if row else (1, 0, 0)
            box = min(TOP_BOX, box + 1) if correct else 1
            state = CardState(
                card, topic, box, moment + BOX_INTERVALS[box] * DAY, seen + 1, right + int(correct)
            )
            self.connection.execute(
                "INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (card) DO UPDATE SET "
                "topic = excluded.topic, box = excluded.box, due = excluded.due, "
                "seen = excluded.seen, right = excluded.right",
                state,
            )
            self.connection.execute(
                "INSERT INTO answers (card, answered, correct) VALUES (?, ?, ?)",
                (card, moment, int(correct)),
            )
        return state

    def topic_stats(
        self, cards: Iterable[tuple[str, str]], now: float | None = None
    ) -> list[TopicStats]:
        """Per topic: cards there are, cards seen, cards due now (new cards count as due), and
        cards mastered. `cards` are (card id, topic) of every card the guide can ask."""
        moment = time.time() if now is None else now
        known = self.states()
        totals: dict[str, list[int]] = {}
        for card, topic in cards:
            counts = totals.setdefault(topic, [0, 0, 0, 0])
            counts[0] += 1
            state = known.get(card)
            if state is None:
                counts[2] += 1
                continue
            counts[1] += 1
            counts[2] += state.due <= moment
            counts[3] += state.box >= TOP_BOX - 1
        return [TopicStats(topic, *counts) for topic, counts in totals.items()]


class _Damaged(Exception):
    pass


def _connect_checked(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, timeout=10)
    except sqlite3.Error as error:
        raise OSError(str(error)) from None
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchone()
        if verdict != ("ok",):
            raise _Damaged(f"integrity check: {verdict[0] if verdict else 'no answer'}")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise _Damaged(f"schema version {version}, expected {SCHEMA_VERSION}")
        with connection:
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute(
            "SELECT card, topic, box, due, seen, right FROM cards LIMIT 1"
        ).fetchall()
        connection.execute("SELECT number, card, answered, correct FROM answers LIMIT 1").fetchall()
    except sqlite3.DatabaseError as error:
        connection.close()
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            raise OSError(str(error)) from None
        raise _Damaged(str(error)) from None
    except _Damaged:
        connection.close()
        raise
    return connection


def _memory() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.executescript(_SCHEMA)
    return connection


def order_cards(
    cards: list[tuple[str, str]], states: Mapping[str, CardState], now: float
) -> list[str]:
    """Card ids in the order a quiz should ask them: due cards first (lowest box, most
    overdue first), then cards never seen, then the rest by how soon they fall due. Cards
    that tie keep the order given, which the caller shuffles with its seed."""

    def rank(position_and_card: tuple[int, tuple[str, str]]) -> tuple[int, float, float, int]:
        position, (card, _) = position_and_card
        state = states.get(card)
        if state is None:
            return (1, 0.0, 0.0, position)
        if state.due <= now:
            return (0, float(state.box), state.due, position)
        return (2, state.due, 0.0, position)

    return [card for _, (card, _) in sorted(enumerate(cards), key=rank)]
