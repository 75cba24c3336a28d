"""Quiz progress is never lost: only a damaged database is moved aside, and trouble with the
file (read-only, locked, full disk, newer schema) keeps the quiz going in memory."""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from spasmguide.study.progress import SCHEMA_VERSION
from tests.conftest import ONE_LINE_ANSWERS, loads_module, run_process

# Real processes, waits and long property runs: the slow tier (`pytest -m slow`).
pytestmark = pytest.mark.slow

# The schema of the Leitner-box release, exactly as it created its database (user_version 1).
LEITNER_SCHEMA = """
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
DAY = 86400.0


def run_quiz(
    *args: str,
    data: Path,
    answers: str = "",
    limit_file_size: int | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """`spasmguide quiz ARGS` in a real process; a quiz answers one line per card
    (`ONE_LINE_ANSWERS`) unless the test chooses its topic."""

    def limits() -> None:
        if limit_file_size is not None:  # writing past it fails like a full disk
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    topic = () if "--stats" in args or "--topic" in args else ONE_LINE_ANSWERS
    return run_process(
        "quiz",
        *args,
        *topic,
        env={"SPASMGUIDE_DATA_DIR": str(data)},
        timeout=timeout,
        answers=answers,
        before_start=limits,
    )


def leitner_database(folder: Path) -> Path:
    """A database as the Leitner-box release left it: three cards, five answers."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "progress.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(LEITNER_SCHEMA)
    connection.execute("PRAGMA user_version = 1")
    start = time.time() - 10 * DAY
    answers = [
        ("technique-how:cupping", start, 1),
        ("technique-how:cupping", start + DAY, 1),
        ("acupoint-location:li4", start, 1),
        ("acupoint-location:li4", start + 3 * DAY, 0),
        ("evidence-certainty:cochrane-neck", start, 1),
    ]
    connection.executemany(
        "INSERT INTO answers (card, answered, correct) VALUES (?, ?, ?)", answers
    )
    connection.executemany(
        "INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("technique-how:cupping", "techniques", 3, start + 4 * DAY, 2, 2),
            ("acupoint-location:li4", "acupoints", 1, start + 3 * DAY, 2, 1),
            ("evidence-certainty:cochrane-neck", "evidence", 2, start + DAY, 1, 1),
        ],
    )
    connection.commit()
    connection.close()
    return path


def stats_of(data: Path) -> dict[str, object]:
    result = run_quiz("--stats", "--format", "json", data=data)
    assert result.returncode == 0, result.stderr
    stats: dict[str, object] = json.loads(result.stdout)
    return stats


def seen_total(data: Path) -> int:
    totals = stats_of(data)["totals"]
    assert isinstance(totals, dict)
    seen: int = totals["seen"]
    return seen


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """The folder and its files cannot be written, even by root (a read-only bind mount)."""
    if os.geteuid() != 0:
        for path in (*folder.iterdir(), folder):
            path.chmod(stat.S_IMODE(path.stat().st_mode) & 0o555)
        try:
            yield
        finally:
            folder.chmod(0o700)
        return
    mounted = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip("cannot make a read-only folder here")
    subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=False)
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def one_note(stderr: str, *words: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("spasmguide: note: ")
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in stderr and "internal error" not in stderr


# -- item 1: only a damaged database is moved aside ------------------------------------------


def test_a_read_only_database_is_left_alone_and_the_quiz_kept_in_memory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_quiz("--count", "2", "--seed", "1", answers="1\n2\n", data=data)
    before = (data / "progress.sqlite").read_bytes()
    with read_only(data):
        stats = run_quiz("--stats", "--format", "json", data=data)
        assert json.loads(stats.stdout)["totals"]["seen"] == 2  # what was saved still shows
        result = run_quiz("--count", "3", "--seed", "2", answers="1\n2\n1\n", data=data)
    assert result.returncode == 0
    one_note(result.stderr, "readonly", "memory")
    assert "Score: " in result.stdout and "/3" in result.stdout
    assert [path.name for path in data.iterdir()] == ["progress.sqlite"]
    assert (data / "progress.sqlite").read_bytes() == before


def test_a_database_from_a_newer_release_is_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_quiz("--count", "1", "--seed", "1", answers="1\n", data=data)
    connection = sqlite3.connect(data / "progress.sqlite")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = (data / "progress.sqlite").read_bytes()
    for args in (("--count", "2", "--seed", "3"), ("--stats",)):
        result = run_quiz(*args, answers="1\n2\n", data=data)
        assert result.returncode == 0
        one_note(result.stderr, "newer release")
    assert [path.name for path in data.iterdir()] == ["progress.sqlite"]
    assert (data / "progress.sqlite").read_bytes() == before


def test_a_full_disk_while_migrating_leaves_the_old_database_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = leitner_database(data)
    before = path.read_bytes()
    result = run_quiz("--count", "2", "--seed", "1", answers="1\n2\n", data=data, limit_file_size=0)
    assert result.returncode == 0
    one_note(result.stderr, "left as it is", "memory")
    assert "Score: " in result.stdout
    assert sorted(item.name for item in data.iterdir()) == ["progress.sqlite"]
    assert path.read_bytes() == before


def test_stats_never_move_a_damaged_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "progress.sqlite").write_bytes(b"not a database at all" * 50)
    result = run_quiz("--stats", data=data)
    assert result.returncode == 0
    one_note(result.stderr, "damaged")
    assert [path.name for path in data.iterdir()] == ["progress.sqlite"]


def test_a_database_failing_its_integrity_check_is_moved_aside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_quiz("--count", "3", "--seed", "1", answers="1\n2\n3\n", data=data)
    path = data / "progress.sqlite"
    damaged = bytearray(path.read_bytes())
    page = 4096
    damaged[page + 8 : 2 * page] = b"\xff" * (page - 8)  # scribble over the second page
    path.write_bytes(bytes(damaged))
    result = run_quiz("--count", "1", "--seed", "1", answers="1\n", data=data)
    assert result.returncode == 0
    one_note(result.stderr, "damaged", "moved it to")
    assert len(list(data.glob("progress.sqlite.damaged-*"))) == 1
    assert seen_total(data) == 1


# -- items 2 and 3: concurrent quizzes, a lock or a full disk mid-quiz -----------------------


def test_quizzes_at_once_count_every_answer_on_its_card(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_quiz("--stats", data=data)  # creates the database, so no process races to make it
    quizzes, answers = 12, 60
    processes = [
        quiz_in_background(data, answers, seed=1, output=subprocess.DEVNULL, topic=None)
        for _ in range(quizzes)
    ]
    for process in processes:  # every quiz gets its answers at once, so they run together
        assert process.stdin
        # Two lines a question at most: where a point is takes an answer, then a grade.
        process.stdin.write("1\n" * (2 * answers))
        process.stdin.close()
    for process in processes:
        assert process.stderr
        assert process.wait(timeout=120) == 0
        assert process.stderr.read() == ""
    connection = sqlite3.connect(data / "progress.sqlite")
    logged = dict(connection.execute("SELECT card, count(*) FROM answers GROUP BY card"))
    counted = dict(connection.execute("SELECT card, seen FROM cards"))
    connection.close()
    assert sum(logged.values()) == quizzes * answers
    assert counted == logged


def quiz_in_background(
    data: Path,
    count: int,
    *,
    seed: int = 4,
    output: int = subprocess.PIPE,
    topic: str | None = "techniques",
) -> subprocess.Popen[str]:
    """A quiz process reading its answers from a pipe the test writes to: by default of
    technique cards, multiple choice with four options each (`wait_for_question` waits for
    the fourth)."""
    env = {**os.environ, "SPASMGUIDE_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [
            sys.executable,
            *("-m", "spasmguide", "quiz", "-n", str(count), "--seed", str(seed)),
            *(("--topic", topic) if topic else ()),
        ],
        stdin=subprocess.PIPE,
        stdout=output,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )


def wait_for_question(process: subprocess.Popen[str]) -> None:
    assert process.stdout
    while True:
        line = process.stdout.readline()
        assert line, "the quiz ended early"
        if line.startswith("  4. "):  # the last option of a question
            return


def answer_when_asked(process: subprocess.Popen[str], answer: str, wait: bool = True) -> None:
    assert process.stdin
    if wait:
        wait_for_question(process)
    process.stdin.write(answer + "\n")
    process.stdin.flush()


def test_a_lock_held_mid_quiz_keeps_the_answers_in_memory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    process = quiz_in_background(data, 4)
    answer_when_asked(process, "1")
    answer_when_asked(process, "2")
    wait_for_question(process)  # once the third is asked, the first two are saved
    holder = sqlite3.connect(data / "progress.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    locked = time.monotonic()
    try:
        answer_when_asked(process, "1", wait=False)
        answer_when_asked(process, "1")
        stdout, stderr = process.communicate(timeout=60)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert process.returncode == 0
    assert time.monotonic() - locked < 15  # one wait for the lock, not one per step
    one_note(stderr, "locked", "memory")
    assert "Score: " in stdout and stdout.rstrip().endswith("/4")
    assert seen_total(data) == 2


def test_a_full_disk_mid_quiz_keeps_the_answers_in_memory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_quiz("--count", "1", "--seed", "9", answers="1\n", data=data)
    before = (data / "progress.sqlite").read_bytes()
    result = run_quiz(
        "--count", "3", "--seed", "2", answers="1\n2\n1\n", data=data, limit_file_size=0
    )
    assert result.returncode == 0
    one_note(result.stderr, "memory")
    assert result.stdout.rstrip().endswith("/3")
    assert (data / "progress.sqlite").read_bytes() == before


def test_stats_on_a_locked_database_do_not_wait(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_quiz("--count", "1", "--seed", "9", answers="1\n", data=data)
    holder = sqlite3.connect(data / "progress.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        result = run_quiz("--stats", data=data)
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 0 and "Progress by topic" in result.stdout
    one_note(result.stderr, "locked")
    assert elapsed < 3
    assert [path.name for path in data.iterdir()] == ["progress.sqlite"]


# -- items 7 and 10: any text is just an answer that is no option ----------------------------


@pytest.mark.parametrize("given", ["²", "①", "٣", "7" * 4301, "1" * 5000, "\x00\x00", "\udcff"])
def test_any_text_is_an_invalid_answer(tmp_path: Path, given: str) -> None:
    encoded = given.encode("utf-8", "surrogateescape") + b"\n1\n"
    result = subprocess.run(
        [sys.executable, "-m", "spasmguide", "quiz", "-n", "1", "--seed", "1"],
        input=encoded,
        capture_output=True,
        env={**os.environ, "SPASMGUIDE_DATA_DIR": str(tmp_path / "data")},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert re.search(rb"^Score: [01]/1$", result.stdout, flags=re.M)


def test_endless_input_ends_quickly_in_small_memory(tmp_path: Path) -> None:
    started = time.monotonic()

    def small_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run(
            [sys.executable, "-m", "spasmguide", "quiz", "-n", "2"],
            stdin=zeros,
            capture_output=True,
            env={**os.environ, "SPASMGUIDE_DATA_DIR": str(tmp_path / "data")},
            timeout=30,
            check=False,
            preexec_fn=small_memory,
        )
    assert result.returncode == 0, result.stderr
    assert b"Score: 0/0" in result.stdout
    assert time.monotonic() - started < 15


def test_an_answer_that_is_never_an_option_is_given_up_on(tmp_path: Path) -> None:
    result = run_quiz("-n", "3", "--seed", "1", answers="y\n" * 1000, data=tmp_path / "data")
    assert result.returncode == 0
    assert "Score: 0/0" in result.stdout


# -- items 15 and 16: private files, odd folder names, special files --------------------------


def test_progress_is_private(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    run_quiz("--count", "1", "--seed", "1", answers="1\n", data=data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "progress.sqlite").stat().st_mode) == 0o600


def test_a_folder_name_with_uri_characters_is_used_as_it_is(tmp_path: Path) -> None:
    data = tmp_path / "a#b?c%20d"
    result = run_quiz("--count", "1", "--seed", "1", answers="1\n", data=data)
    assert result.returncode == 0 and result.stderr == ""
    assert [path.name for path in data.iterdir()] == ["progress.sqlite"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a#b?c%20d", "home"]
    assert seen_total(data) == 1


def make_special_file(path: Path) -> None:
    if os.geteuid() == 0:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    else:
        os.mkfifo(path)


def test_a_database_linked_to_a_special_file_is_not_used(tmp_path: Path) -> None:
    devices = tmp_path / "devices"
    devices.mkdir()
    make_special_file(devices / "node")
    data = tmp_path / "data"
    data.mkdir()
    (data / "progress.sqlite").symlink_to(devices / "node")
    result = run_quiz("--count", "1", "--seed", "1", answers="1\n", data=data, timeout=30)
    assert result.returncode == 0
    one_note(result.stderr, "not a regular file", "memory")
    assert [path.name for path in devices.iterdir()] == ["node"]
    assert [path.name for path in data.iterdir()] == ["progress.sqlite"]


# -- item 20: a closed pipe ----------------------------------------------------------------


def test_the_quiz_ends_quietly_when_its_reader_goes_away(tmp_path: Path) -> None:
    process = quiz_in_background(tmp_path / "data", 5)
    assert process.stdin and process.stdout
    process.stdout.read(1)
    process.stdout.close()
    process.stdin.write("1\n" * 5)
    process.stdin.close()
    process.wait(timeout=60)
    assert process.stderr
    assert process.returncode == 0
    assert process.stderr.read() == ""


# -- schema migrations ---------------------------------------------------------------------


def test_a_leitner_database_is_migrated_with_every_answer_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = leitner_database(data)
    stats = stats_of(data)
    totals = stats["totals"]
    assert isinstance(totals, dict)
    assert (totals["seen"], totals["reviews"], totals["right"]) == (3, 5, 4)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    answers = connection.execute(
        "SELECT card, correct, rating FROM answers ORDER BY number"
    ).fetchall()
    assert [(correct, rating) for _, correct, rating in answers] == [
        (1, 3),
        (1, 3),
        (1, 3),
        (0, 1),
        (1, 3),
    ]
    cards = {
        row[0]: row[1:]
        for row in connection.execute("SELECT card, state, stability, seen, right FROM cards")
    }
    connection.close()
    assert cards["technique-how:cupping"][0] == 2  # two right answers: in review
    assert cards["acupoint-location:li4"][0] == 3  # missed last: relearning
    assert cards["technique-how:cupping"][2:] == (2, 2)
    assert cards["acupoint-location:li4"][2:] == (2, 1)
    assert all(stability for _, stability, _, _ in cards.values())
    # The missed card comes back first.
    arguments = ("--count", "1", "--seed", "5", "--topic", "acupoints")
    result = run_quiz(*arguments, answers="s\ns\n", data=data)
    assert "Where is LI4" in result.stdout


def test_fsrs_is_not_imported_at_start_up() -> None:
    code = "import spasmguide.cli.app, spasmguide.study.progress, spasmguide.study.session"
    assert not loads_module(code, "fsrs")
