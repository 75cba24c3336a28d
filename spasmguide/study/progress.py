"""Spaced-repetition progress: each card's FSRS state and every answer, in a local SQLite file.

A card is scheduled with FSRS (the `fsrs` package): a wrong answer rates it Again, a right one
Good, a right one given quickly Easy (see `rating_for`). Each answer is committed as it is
given, inside `BEGIN IMMEDIATE`, so a quiz killed at any moment keeps every earlier answer and
two quizzes at once lose nothing. Only a file that is really damaged (not SQLite, or failing
`PRAGMA integrity_check`) is moved aside, never deleted; a database that is locked, read-only,
on a full disk or written by a newer release is left untouched and the quiz is kept in memory.
A database from the Leitner-box releases is migrated in place. See docs/decisions/009.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
import stat
import time
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from spasmguide import user_files

if TYPE_CHECKING:
    import fsrs

SCHEMA_VERSION = 2  # 1: Leitner boxes; 2: FSRS
LEITNER_VERSION = 1
DAY = 86400.0
WEEK = 7 * DAY
FILE_NAME = "progress.sqlite"
# A right answer given in less time than this, in a terminal, rates the card Easy.
EASY_SECONDS = 8.0
# How long to wait for the database before keeping answers in memory: long enough for a
# dozen quizzes at once to take turns, each answer a short transaction.
BUSY_TIMEOUT = 10.0
# `quiz --stats` only reads: it waits less.
STATS_BUSY_TIMEOUT = 0.25
_SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (
    card TEXT PRIMARY KEY,
    topic TEXT NOT NULL,
    state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due REAL NOT NULL,
    last_review REAL,
    seen INTEGER NOT NULL,
    right INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
    number INTEGER PRIMARY KEY,
    card TEXT NOT NULL,
    answered REAL NOT NULL,
    correct INTEGER NOT NULL,
    rating INTEGER
);
"""
_CARD_COLUMNS = "card, topic, state, step, stability, difficulty, due, last_review, seen, right"


class Rating(IntEnum):
    """FSRS's ratings, by the same numbers (`fsrs.Rating`): a card the quiz judges gets
    Again, Good or Easy (`rating_for`); a card the student grades, any of the four."""

    again = 1
    hard = 2
    good = 3
    easy = 4


class CardState(NamedTuple):
    card: str
    topic: str
    state: int  # FSRS: 1 learning, 2 review, 3 relearning
    step: int | None
    stability: float | None
    difficulty: float | None
    due: float  # seconds since the epoch
    last_review: float | None
    seen: int
    right: int

    @property
    def learning(self) -> bool:
        """Whether the card is still being learnt or relearnt: it was missed lately."""
        return self.state != 2


class TopicStats(NamedTuple):
    topic: str
    cards: int
    seen: int
    due_now: int  # cards never seen count as due
    due_this_week: int  # including those due now
    reviews: int
    right: int

    @property
    def retention(self) -> float | None:
        """The share of reviews answered right, or None before any review."""
        return self.right / self.reviews if self.reviews else None


def rating_for(correct: bool, seconds: float | None) -> Rating:
    """Wrong is Again; right is Good, or Easy when answered in under EASY_SECONDS. `seconds`
    is None when the time says nothing (answers read from a pipe)."""
    if not correct:
        return Rating.again
    if seconds is not None and seconds < EASY_SECONDS:
        return Rating.easy
    return Rating.good


def progress_file(environ: Mapping[str, str] | None = None) -> list[Path]:
    """The progress database's path, when there is a data folder: a file an export must
    never overwrite."""
    folder = data_dir(environ)
    return [folder / FILE_NAME] if folder is not None else []


def data_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """The folder quiz progress is kept in (`user_files.data_dir`); None with no home at all."""
    found = user_files.data_dir(environ).path
    return Path(found) if found else None


class Progress:
    """The progress database, open for one quiz or one look at the statistics."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path | None, note: str | None = None
    ) -> None:
        self.connection = connection
        self.path = path  # None: kept in memory, not saved
        self.note = note  # to tell the user once, then cleared by `take_note`

    @classmethod
    def open(cls, folder: Path | None, *, for_stats: bool = False) -> Progress:
        """Opens (or creates) the database in `folder`, migrating an older one.

        A damaged database is moved aside and a fresh one started (but not `for_stats`, which
        changes nothing). Any other trouble leaves the file as it is and keeps this run's
        answers in memory, starting from what could be read."""
        if folder is None:
            return cls(_memory(), None, "no home folder to keep progress in; memory only")
        path = folder / FILE_NAME
        timeout = STATS_BUSY_TIMEOUT if for_stats else BUSY_TIMEOUT
        untrusted = user_files.untrusted_reason(str(folder))
        if untrusted is not None:  # another user could read or replace what is kept there
            return cls(
                _memory(),
                None,
                f"not using the data folder {folder}: {untrusted};"
                " this quiz is kept in memory only",
            )
        try:
            user_files.make_private_folder(str(folder))
            _private_file(path)
            connection = _connect(path, timeout)
        except (OSError, sqlite3.Error) as error:
            return cls(
                _memory(),
                None,
                f"cannot save progress in {folder} ({_reason(error)});"
                " this quiz is kept in memory only",
            )
        try:
            _check(connection, path)
            _ensure_schema(connection)
        except _Damaged as damage:
            connection.close()
            if for_stats:
                return cls(_memory(), None, f"progress database {path} is damaged ({damage})")
            return cls._replace_damaged(path, str(damage), timeout)
        except _Newer as newer:
            connection.close()
            return cls(
                _memory(),
                None,
                f"progress database {path} was written by a newer release ({newer}); it is left"
                " as it is and this quiz is kept in memory only",
            )
        except sqlite3.Error as error:
            memory = _memory_copy(connection)
            connection.close()
            return cls(
                memory,
                None,
                f"cannot write progress database {path} ({_reason(error)}); it is left as it is"
                " and this quiz is kept in memory only",
            )
        try:
            mistyped = _mistyped_cards(connection)
        except sqlite3.Error:
            mistyped = 0
        if mistyped:
            return cls(
                connection,
                path,
                f"progress database {path}: {mistyped} card(s) hold values of the wrong type;"
                " they start afresh",
            )
        return cls(connection, path)

    @classmethod
    def _replace_damaged(cls, path: Path, damage: str, timeout: float) -> Progress:
        aside = path.with_name(
            f"{FILE_NAME}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        )
        try:
            os.replace(path, aside)
        except OSError as error:
            return cls(
                _memory(),
                None,
                f"progress database {path} is damaged ({damage}) and could not be moved aside"
                f" ({_reason(error)}); this quiz is kept in memory only",
            )
        try:
            _private_file(path)
            connection = _connect(path, timeout)
            _ensure_schema(connection)
        except (OSError, sqlite3.Error, _Damaged, _Newer) as error:
            return cls(
                _memory(),
                None,
                f"progress database was damaged ({damage}); moved it to {aside}, but cannot start"
                f" a new one ({_reason(error)}); this quiz is kept in memory only",
            )
        return cls(
            connection,
            path,
            f"progress database was damaged ({damage}); moved it to {aside} and started afresh",
        )

    def take_note(self) -> str | None:
        """The note for the user, once: what went wrong and where answers are kept."""
        note, self.note = self.note, None
        return note

    def close(self) -> None:
        self.connection.close()

    def states(self) -> dict[str, CardState]:
        try:
            rows = self.connection.execute(f"SELECT {_CARD_COLUMNS} FROM cards").fetchall()
        except sqlite3.Error as error:
            self._keep_in_memory(error)
            rows = self.connection.execute(f"SELECT {_CARD_COLUMNS} FROM cards").fetchall()
        # A row with a value of the wrong type (written by another program; SQLite's column
        # types do not stop it) is left out: that card starts afresh, as `open` noted.
        return {row[0]: CardState(*row) for row in rows if _well_typed(row)}

    def record(self, card: str, topic: str, rating: Rating, now: float | None = None) -> CardState:
        """Records one answer and reschedules the card, committed before returning. When the
        database cannot be written (locked by another program, disk full), the answer and the
        rest of the quiz are kept in memory and `note` says so."""
        moment = time.time() if now is None else now
        try:
            return _record(self.connection, card, topic, rating, moment)
        except sqlite3.Error as error:
            if self.path is None:
                raise
            self._keep_in_memory(error)
            return _record(self.connection, card, topic, rating, moment)

    def _keep_in_memory(self, error: sqlite3.Error) -> None:
        memory = _memory_copy(self.connection)
        self.connection.close()
        self.connection = memory
        self.note = (
            f"cannot save to progress database {self.path} ({_reason(error)}); the rest of this"
            " quiz is kept in memory only"
        )
        self.path = None

    def topic_stats(
        self, cards: Iterable[tuple[str, str]], now: float | None = None
    ) -> list[TopicStats]:
        """Per topic: cards there are, cards seen, due now (new cards count as due), due
        within a week, reviews and right answers. `cards` are (card id, topic) of every card
        the guide can ask; cards no longer asked are left out."""
        moment = time.time() if now is None else now
        known = self.states()
        totals: dict[str, list[int]] = {}
        for card, topic in cards:
            counts = totals.setdefault(topic, [0, 0, 0, 0, 0, 0])
            counts[0] += 1
            state = known.get(card)
            if state is None:
                counts[2] += 1
                counts[3] += 1
                continue
            counts[1] += 1
            counts[2] += is_due(state, moment)
            counts[3] += state.due <= moment + WEEK
            counts[4] += state.seen
            counts[5] += state.right
        return [TopicStats(topic, *counts) for topic, counts in totals.items()]

    def next_due(self, cards: Iterable[str], now: float | None = None) -> float | None:
        """When the next of `cards` that is not due yet falls due, or None if none is waiting."""
        moment = time.time() if now is None else now
        known = self.states()
        waiting = [
            state.due
            for card in cards
            if (state := known.get(card)) is not None and not is_due(state, moment)
        ]
        return min(waiting, default=None)


def is_due(state: CardState, now: float) -> bool:
    """Due now, or missed lately: a card being (re)learnt comes back at the next quiz."""
    return state.due <= now or state.learning


def order_cards(
    cards: list[tuple[str, str]], states: Mapping[str, CardState], now: float
) -> list[str]:
    """Card ids in the order a quiz should ask them: due cards first (cards missed lately,
    then the most overdue), then cards never seen, then the rest by how soon they fall due.
    Cards that tie keep the order given, which the caller shuffles with its seed."""

    def rank(position_and_card: tuple[int, tuple[str, str]]) -> tuple[int, float, int]:
        position, (card, _) = position_and_card
        state = states.get(card)
        if state is None:
            return (2, 0.0, position)
        if state.learning:
            return (0, state.due, position)
        if state.due <= now:
            return (1, state.due, position)
        return (3, state.due, position)

    return [card for _, (card, _) in sorted(enumerate(cards), key=rank)]


# -- the database ----------------------------------------------------------------------------


class _Damaged(Exception):
    pass


class _Newer(Exception):
    pass


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


def _private_file(path: Path) -> None:
    """Creates the database file with mode 0600 (SQLite gives its journal the same mode), or
    checks the one there is a regular file: SQLite beside a device node or a FIFO would put
    its journal next to it."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file") from None
        if info.st_mode & 0o077:
            with contextlib.suppress(OSError):  # not ours to change, or read-only: it still works
                os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
        return
    os.close(descriptor)


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    # A `file:` URI, quoted, so that `#`, `?` and `%` in a folder name stay in the name.
    uri = "file:" + urllib.parse.quote(os.fspath(path.absolute())) + "?mode=rw"
    return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)


def _is_number(value: object, *, optional: bool = False) -> bool:
    if value is None:
        return optional
    return type(value) in (int, float) and math.isfinite(value)  # type: ignore[arg-type]


def _is_count(value: object, *, optional: bool = False) -> bool:
    if value is None:
        return optional
    return type(value) is int and value >= 0


def _well_typed(row: Sequence[object]) -> bool:
    """Whether a `cards` row holds what FSRS and the statistics need, type by type."""
    card, topic, state, step, stability, difficulty, due, last_review, seen, right = row
    return (
        isinstance(card, str)
        and isinstance(topic, str)
        and state in (1, 2, 3)
        and type(state) is int
        and _is_count(step, optional=True)
        and _is_number(stability, optional=True)
        and _is_number(difficulty, optional=True)
        and _is_number(due)
        and _is_number(last_review, optional=True)
        and _is_count(seen)
        and _is_count(right)
    )


def _mistyped_cards(connection: sqlite3.Connection) -> int:
    rows = connection.execute(f"SELECT {_CARD_COLUMNS} FROM cards").fetchall()
    return sum(not _well_typed(row) for row in rows)


def _check(connection: sqlite3.Connection, path: Path) -> None:
    """Raises _Damaged for a file that is not SQLite or fails its integrity check; any other
    error (locked, unreadable) comes out as sqlite3.Error."""
    with path.open("rb") as stream:
        header = stream.read(len(_SQLITE_HEADER))
    if header and header != _SQLITE_HEADER:
        raise _Damaged("not an SQLite database")
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as error:
        if _is_corruption(error):
            raise _Damaged(str(error)) from None
        raise
    if verdict != ("ok",):
        raise _Damaged(f"integrity check: {verdict[0] if verdict else 'no answer'}")


def _is_corruption(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _ensure_schema(connection: sqlite3.Connection) -> None:
    """Creates the tables, or migrates older ones, in one transaction."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise _Newer(f"schema version {version}; this release reads up to {SCHEMA_VERSION}")
    if version == SCHEMA_VERSION:
        _check_columns(connection)
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]  # another may have
        if version == LEITNER_VERSION:
            _migrate_from_leitner(connection)
        elif version == 0:
            for statement in _SCHEMA.split(";")[:-1]:
                connection.execute(statement)
        if version in (0, LEITNER_VERSION):
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        _check_columns(connection)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _check_columns(connection: sqlite3.Connection) -> None:
    try:
        connection.execute(f"SELECT {_CARD_COLUMNS} FROM cards LIMIT 1").fetchall()
        connection.execute(
            "SELECT number, card, answered, correct, rating FROM answers LIMIT 1"
        ).fetchall()
    except sqlite3.OperationalError as error:
        if "no such" in str(error):
            raise _Damaged(f"its tables are not the quiz's: {error}") from None
        raise


def _migrate_from_leitner(connection: sqlite3.Connection) -> None:
    """Schema 1 (a Leitner box per card) to 2 (FSRS): every answer is kept, its rating is
    derived (right: Good, wrong: Again), and each card's FSRS state is its answers replayed."""
    _check_leitner_columns(connection)
    connection.execute("ALTER TABLE cards RENAME TO leitner_cards")
    connection.execute(_SCHEMA.split(";")[0])
    connection.execute("ALTER TABLE answers ADD COLUMN rating INTEGER")
    connection.execute(
        "UPDATE answers SET rating = CASE WHEN correct THEN ? ELSE ? END",
        (int(Rating.good), int(Rating.again)),
    )
    history: dict[str, list[tuple[float, int]]] = {}
    for card, answered, rating in connection.execute(
        "SELECT card, answered, rating FROM answers ORDER BY answered, number"
    ):
        history.setdefault(card, []).append((answered, rating))
    leitner = connection.execute("SELECT card, topic, due, seen, right FROM leitner_cards")
    for card, topic, due, seen, right in leitner.fetchall():
        state = _replayed(card, topic, history.get(card, []), fallback_due=due)
        connection.execute(
            f"INSERT INTO cards ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            state._replace(seen=seen, right=right),
        )
    connection.execute("DROP TABLE leitner_cards")


def _check_leitner_columns(connection: sqlite3.Connection) -> None:
    try:
        connection.execute("SELECT card, topic, box, due, seen, right FROM cards LIMIT 1")
        connection.execute("SELECT number, card, answered, correct FROM answers LIMIT 1")
    except sqlite3.OperationalError as error:
        if "no such" in str(error):
            raise _Damaged(f"its tables are not the quiz's: {error}") from None
        raise


def _replayed(
    card: str, topic: str, answers: list[tuple[float, int]], fallback_due: float
) -> CardState:
    state = CardState(card, topic, 1, 0, None, None, fallback_due, None, 0, 0)
    for answered, rating in answers:
        state = _reviewed(state, Rating(rating), answered)
    return state


def _record(
    connection: sqlite3.Connection, card: str, topic: str, rating: Rating, moment: float
) -> CardState:
    connection.execute("BEGIN IMMEDIATE")  # before the read: two quizzes at once lose nothing
    try:
        row = connection.execute(
            f"SELECT {_CARD_COLUMNS} FROM cards WHERE card = ?", (card,)
        ).fetchone()
        before = (
            CardState(*row)
            if row and _well_typed(row)
            else CardState(card, topic, 1, 0, None, None, moment, None, 0, 0)
        )
        state = _reviewed(before._replace(topic=topic), rating, moment)
        connection.execute(
            f"INSERT OR REPLACE INTO cards ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            state,
        )
        connection.execute(
            "INSERT INTO answers (card, answered, correct, rating) VALUES (?, ?, ?, ?)",
            (card, moment, int(rating != Rating.again), int(rating)),
        )
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the failure may have ended it already
                connection.execute("ROLLBACK")
        raise
    return state


_scheduler: fsrs.Scheduler | None = None


def _fsrs_scheduler() -> fsrs.Scheduler:
    global _scheduler
    if _scheduler is None:
        import fsrs  # only the quiz needs it: not imported at start-up

        # One short step: a card missed is due again at the next quiz, a card known moves on
        # to FSRS's intervals at once. No fuzz, so the same answers give the same schedule.
        _scheduler = fsrs.Scheduler(
            learning_steps=(timedelta(minutes=1),),
            relearning_steps=(timedelta(minutes=1),),
            enable_fuzzing=False,
        )
    return _scheduler


def _reviewed(state: CardState, rating: Rating, moment: float) -> CardState:
    import fsrs

    def when(seconds: float | None) -> datetime | None:
        return None if seconds is None else datetime.fromtimestamp(seconds, UTC)

    before = fsrs.Card(
        card_id=0,
        state=fsrs.State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=when(state.due),
        last_review=when(state.last_review),
    )
    after, _ = _fsrs_scheduler().review_card(
        before, fsrs.Rating(int(rating)), review_datetime=when(moment)
    )
    return state._replace(
        state=int(after.state),
        step=after.step,
        stability=after.stability,
        difficulty=after.difficulty,
        due=after.due.timestamp(),
        last_review=after.last_review.timestamp() if after.last_review else moment,
        seen=state.seen + 1,
        right=state.right + int(rating != Rating.again),
    )


def _memory() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    for statement in _SCHEMA.split(";")[:-1]:
        connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return connection


def _memory_copy(source: sqlite3.Connection) -> sqlite3.Connection:
    """A database in memory holding what can still be read of `source`, migrated if it is
    older; empty if nothing can be read. `source` is only read."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        source.execute(f"PRAGMA busy_timeout = {int(STATS_BUSY_TIMEOUT * 1000)}")  # waited once
        if source.in_transaction:
            source.execute("ROLLBACK")
        version = source.execute("PRAGMA user_version").fetchone()[0]
        if version not in (LEITNER_VERSION, SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"schema version {version}")
        tables = source.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            " AND name IN ('cards', 'answers')"
        ).fetchall()
        memory.execute("BEGIN")
        for name, sql in tables:
            memory.execute(sql)
            rows = source.execute(f'SELECT * FROM "{name}"').fetchall()
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                memory.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
        memory.execute(f"PRAGMA user_version = {version}")
        memory.execute("COMMIT")
        _ensure_schema(memory)
        return memory
    except (sqlite3.Error, _Damaged):
        memory.close()
        return _memory()
