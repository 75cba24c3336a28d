"""The page cache, driven through the installed command in real processes: a repeated page is
the same bytes, served without Typer, Rich or YAML, and any change it depended on renders it
afresh. A hit is proved by planting a marker in the stored entry and seeing it printed."""

from __future__ import annotations

import fcntl
import importlib.util
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from spasmguide import page_cache, page_recording
from spasmguide.kb.layers import shipped_files
from tests.conftest import HOT_STONE_LAYER

COMMAND = Path(sys.executable).parent / "spasmguide"
MARKER = b"served from the page cache\n"
SETTLE_SECONDS = page_cache.SETTLE_NS / 1e9 + 0.2

# Real processes and settle waits: the slow tier (`pytest -m slow`).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not COMMAND.exists(), reason="needs the installed command"),
]

STONES = HOT_STONE_LAYER
SALT = STONES.replace("hot-stone", "salt-scrub").replace("Hot stone massage", "Salt scrub")
STONES_ARGS = ("technique", "hot stone")
COLOUR = re.compile(rb"\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])(?:;\d+)*m")


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPASMGUIDE_CACHE_DIR", str(folder))
    return folder / page_cache.FOLDER_NAME


Env = dict[str, str]


def run(
    *args: str, env: Env | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(COMMAND), *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=60,
        check=False,
    )


def uncached(*args: str, env: Env | None = None, cwd: Path | None = None) -> bytes:
    result = run(*args, env={**(env or {}), page_cache.DISABLE_VARIABLE: "1"}, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def entries(folder: Path) -> set[Path]:
    return set(folder.glob("*" + page_cache.SUFFIX)) if folder.exists() else set()


def keep(folder: Path, runner: Callable[[], bytes]) -> tuple[bytes, Path]:
    """Runs until the page is kept, waiting out files changed in the last seconds (a page that
    read one is not kept yet); the page shown and its entry."""
    before = entries(folder)
    for _ in range(3):
        shown = runner()
        added = entries(folder) - before
        if added:
            (entry,) = added
            return shown, entry
        time.sleep(SETTLE_SECONDS)
    pytest.fail("the page was never kept")


def read(entry: Path) -> page_cache.Entry:
    stored = page_cache.read_entry(str(entry), bytes.fromhex(entry.stem))
    assert stored is not None
    return stored


def mark(entry: Path) -> None:
    """Replaces the stored page with MARKER, so a run that prints MARKER was a hit."""
    stored = read(entry)
    replaced = page_cache.Entry(MARKER, stored.paged, stored.stamps)
    assert page_recording.write_entry(str(entry), bytes.fromhex(entry.stem), replaced)


def printed(*args: str, env: Env | None = None, cwd: Path | None = None) -> Callable[[], bytes]:
    def runner() -> bytes:
        result = run(*args, env=env, cwd=cwd)
        assert result.returncode == 0, result.stderr
        assert result.stderr == b""
        return result.stdout

    return runner


def in_terminal(*args: str, columns: int = 80, env: Env | None = None) -> Callable[[], bytes]:
    """Runs the command with a pseudo-terminal `columns` wide as its stdin and stdout."""

    def runner() -> bytes:
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        process = subprocess.Popen(
            [str(COMMAND), *args],
            stdin=follower,
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**os.environ, "PAGER": "", **(env or {})},  # no pager unless a test sets one
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the command has finished
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        assert process.wait(timeout=60) == 0
        return b"".join(chunks).replace(b"\r\n", b"\n")  # the terminal's line endings

    return runner


def assert_fresh_after(
    folder: Path,
    before: Callable[[], bytes],
    change: Callable[[], object],
    after: Callable[[], bytes],
) -> bytes:
    """Keeps the page `before` shows and marks it; after `change`, `after` must not print the
    marker. Returns what `after` printed."""
    _, entry = keep(folder, before)
    mark(entry)
    assert before() == MARKER  # nothing changed yet: served from the cache
    change()
    shown = after()
    assert shown != MARKER
    return shown


# -- a hit -----------------------------------------------------------------------------------


def test_a_hit_gives_exactly_the_bytes_of_the_miss(pages: Path) -> None:
    first, entry = keep(pages, printed("technique", "cupping"))
    written = entry.stat()
    second = printed("technique", "cupping")()
    assert second == first == uncached("technique", "cupping")
    assert (entry.stat().st_ino, entry.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    mark(entry)
    assert printed("technique", "cupping")() == MARKER


@pytest.mark.parametrize(
    "args",
    [
        ("lookup", "--region", "neck"),
        ("technique", "cupping", "--format", "json"),
        ("acupoint", "GB20", "--format", "markdown"),
        ("list", "regions"),
        ("search", "spasm"),
        ("red-flags",),
        ("evidence",),
        ("about",),
    ],
)
def test_every_read_only_command_is_served_again(pages: Path, args: tuple[str, ...]) -> None:
    first, entry = keep(pages, printed(*args))
    assert first == uncached(*args)
    assert printed(*args)() == first
    mark(entry)
    assert printed(*args)() == MARKER


def test_a_hit_imports_no_typer_rich_or_yaml(pages: Path) -> None:
    command = [sys.executable, "-X", "importtime", str(COMMAND), "technique", "cupping"]

    def imported() -> tuple[bytes, set[str]]:
        result = subprocess.run(command, capture_output=True, timeout=60, check=True)
        lines = result.stderr.decode().splitlines()
        return result.stdout, {line.rsplit("|", 1)[-1].strip() for line in lines}

    keep(pages, lambda: imported()[0])
    shown, modules = imported()
    assert shown == uncached("technique", "cupping")
    assert "spasmguide.entry" in modules
    assert not {"typer", "click", "rich", "rich.console", "yaml", "spasmguide.cli.app"} & modules


# What a hit may load beyond what the interpreter loads for `python -c pass`: the start-up
# path's own modules and the two built-in modules for its digests (docs/decisions/010).
START_UP_PATH = {
    "spasmguide",
    "spasmguide.entry",
    "spasmguide.invocation",
    "spasmguide.page_cache",
    "spasmguide.user_files",
    "_blake2",
    "_operator",
}


def test_a_hit_loads_only_the_start_up_path(pages: Path) -> None:
    def imported(*command: str) -> tuple[bytes, set[str]]:
        result = subprocess.run(
            [sys.executable, "-X", "importtime", *command],
            capture_output=True,
            timeout=60,
            check=True,
        )
        lines = result.stderr.decode().splitlines()
        return result.stdout, {line.rsplit("|", 1)[-1].strip() for line in lines[1:]}

    page = (str(COMMAND), "technique", "cupping")
    keep(pages, lambda: imported(*page)[0])
    shown, modules = imported(*page)
    assert shown == uncached("technique", "cupping")
    _, at_start = imported("-c", "pass")
    assert modules - at_start == START_UP_PATH


def test_a_hit_still_runs_what_was_registered_to_run_at_exit(pages: Path, tmp_path: Path) -> None:
    """A hit skips the interpreter's teardown only when nothing can be waiting for it: a
    function a `sitecustomize` registered with `atexit` still runs."""
    site = tmp_path / "site"
    site.mkdir()
    ran = tmp_path / "ran at exit"
    (site / "sitecustomize.py").write_text(
        f"import atexit\natexit.register(lambda: open({str(ran)!r}, 'a').write('ran\\n'))\n"
    )
    env = {"PYTHONPATH": str(site)}
    _, entry = keep(pages, printed("technique", "cupping", env=env))
    mark(entry)
    ran.unlink()
    assert printed("technique", "cupping", env=env)() == MARKER  # a hit
    assert ran.read_text() == "ran\n"


# -- freshness -------------------------------------------------------------------------------


@pytest.mark.parametrize("change", ["edit a file", "add a file", "remove a file"])
def test_a_changed_layer_renders_afresh(pages: Path, tmp_path: Path, change: str) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    stones, salt = folder / "stones.yaml", folder / "salt.yaml"
    stones.write_text(STONES)
    if change == "remove a file":
        salt.write_text(SALT)
    args = {
        "edit a file": (*STONES_ARGS, "--kb", str(stones)),
        "add a file": ("list", "techniques", "--kb", str(folder)),
        "remove a file": ("list", "techniques", "--kb=" + str(folder)),
    }[change]
    actions: dict[str, Callable[[], object]] = {
        # The same size, so only the file's times and identity can tell.
        "edit a file": lambda: stones.write_text(STONES.replace("Warm", "Cool")),
        "add a file": lambda: salt.write_text(SALT),
        "remove a file": salt.unlink,
    }
    act = actions[change]
    shown = assert_fresh_after(pages, printed(*args), act, printed(*args))
    assert shown == uncached(*args)
    if change == "edit a file":
        assert b"Cool stones" in shown
    elif change == "add a file":
        assert b"Salt scrub" in shown
    else:
        assert b"Salt scrub" not in shown and b"Hot stone massage" in shown


def test_a_file_added_to_a_spasmguide_kb_folder_renders_afresh(pages: Path, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "stones.yaml").write_text(STONES)
    env = {"SPASMGUIDE_KB": str(folder)}
    shown = assert_fresh_after(
        pages,
        printed("list", "techniques", env=env),
        lambda: (folder / "salt.yaml").write_text(SALT),
        printed("list", "techniques", env=env),
    )
    assert b"Salt scrub" in shown


def test_changing_spasmguide_kb_renders_afresh(pages: Path, tmp_path: Path) -> None:
    stones, salt = tmp_path / "stones.yaml", tmp_path / "salt.yaml"
    stones.write_text(STONES)
    salt.write_text(SALT)
    shown = assert_fresh_after(
        pages,
        printed("list", "techniques", env={"SPASMGUIDE_KB": str(stones)}),
        lambda: None,
        printed("list", "techniques", env={"SPASMGUIDE_KB": str(salt)}),
    )
    assert b"Salt scrub" in shown and b"Hot stone massage" not in shown


def test_the_working_folder_is_part_of_the_request(pages: Path, tmp_path: Path) -> None:
    for name, text in (("one", STONES), ("two", STONES.replace("Warm", "Cool"))):
        (tmp_path / name / "notes").mkdir(parents=True)
        (tmp_path / name / "notes" / "stones.yaml").write_text(text)
    args = (*STONES_ARGS, "--kb", "notes")
    shown = assert_fresh_after(
        pages,
        printed(*args, cwd=tmp_path / "one"),
        lambda: None,
        printed(*args, cwd=tmp_path / "two"),
    )
    assert b"Cool stones" in shown


def test_columns_are_part_of_the_request(pages: Path) -> None:
    shown = assert_fresh_after(
        pages,
        printed("lookup", "--region", "neck", env={"COLUMNS": "100"}),
        lambda: None,
        printed("lookup", "--region", "neck", env={"COLUMNS": "60"}),
    )
    assert shown == uncached("lookup", "--region", "neck", env={"COLUMNS": "60"})


def test_a_terminal_and_a_pipe_get_their_own_pages(
    pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    terminal = in_terminal("technique", "cupping", env={"TERM": "xterm-256color"})
    _, entry = keep(pages, terminal)
    coloured = read(entry).page
    assert COLOUR.search(coloured)
    mark(entry)
    assert terminal() == MARKER
    piped = printed("technique", "cupping", env={"TERM": "xterm-256color"})()
    assert piped != MARKER and b"\x1b[" not in piped


def test_no_color_and_the_terminal_size_are_part_of_the_request(
    pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    env = {"TERM": "xterm-256color"}
    wide = in_terminal("lookup", "--region", "neck", columns=120, env=env)
    narrow = assert_fresh_after(
        pages, wide, lambda: None, in_terminal("lookup", "--region", "neck", columns=60, env=env)
    )
    plain_lines = re.sub(rb"\x1b\[[0-9;]*m", b"", narrow).decode().splitlines()
    assert max(len(line) for line in plain_lines) <= 60
    plain = in_terminal("lookup", "--region", "neck", columns=120, env={**env, "NO_COLOR": "1"})()
    assert plain != MARKER and not COLOUR.search(plain)  # a fresh render, without colours


@pytest.fixture
def touch_later() -> Iterator[Callable[[Path], None]]:
    """Moves a file's modification time a microsecond on, and puts it back afterwards."""
    touched: list[tuple[Path, os.stat_result]] = []

    def touch(path: Path) -> None:
        status = path.stat()
        touched.append((path, status))
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1000))

    yield touch
    for path, status in touched:
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def test_touching_a_module_file_renders_afresh(
    pages: Path, touch_later: Callable[[Path], None]
) -> None:
    spec = importlib.util.find_spec("spasmguide.render.text")
    assert spec is not None and spec.origin is not None
    shown = assert_fresh_after(
        pages,
        printed("technique", "cupping"),
        lambda: touch_later(Path(str(spec.origin))),
        printed("technique", "cupping"),
    )
    assert shown == uncached("technique", "cupping")


def test_touching_a_shipped_knowledge_base_file_renders_afresh(
    pages: Path, touch_later: Callable[[Path], None]
) -> None:
    (techniques,) = [path for path in shipped_files() if path.name == "techniques.yaml"]
    assert_fresh_after(
        pages,
        printed("technique", "cupping"),
        lambda: touch_later(techniques),
        printed("technique", "cupping"),
    )


# -- what is kept, and how -------------------------------------------------------------------


NEVER_KEPT = (
    ("technique", "nonsense"),
    ("lookup",),
    ("lookup", "--format", "yaml"),
    ("technique", "cupping", "--help"),
    ("--version",),
    ("--help",),
    ("paths",),
    ("validate",),
    ("quiz", "--stats"),
    ("export", "--format", "markdown"),
)


def test_errors_help_and_other_commands_are_never_kept(pages: Path) -> None:
    # A page kept first shows that nothing recent stands in the way: only the rules do.
    _, kept = keep(pages, printed("technique", "cupping"))
    for args in NEVER_KEPT:
        first, second = run(*args), run(*args)
        assert (first.returncode, first.stdout, first.stderr) == (
            second.returncode,
            second.stdout,
            second.stderr,
        ), args
    assert entries(pages) == {kept}


def test_a_damaged_entry_is_ignored_and_replaced(pages: Path) -> None:
    page, entry = keep(pages, printed("evidence"))
    blob = entry.read_bytes()
    for damaged in (
        blob[: len(blob) // 2],
        blob[:-1] + bytes([blob[-1] ^ 1]),
        b"not an entry at all",
        blob[: len(page_cache.MAGIC)] + bytes(len(blob)),
    ):
        entry.write_bytes(damaged)
        assert printed("evidence")() == page
        assert read(entry).page == page


def test_many_runs_at_once_agree(pages: Path) -> None:
    requests = [("technique", "cupping"), ("lookup", "--region", "neck"), ("evidence",)]
    expected = {args: uncached(*args) for args in requests}
    processes = [
        (args, subprocess.Popen([str(COMMAND), *args], stdout=subprocess.PIPE))
        for _ in range(4)
        for args in requests
    ]
    for args, process in processes:
        shown, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        assert shown == expected[args]
    assert len(entries(pages)) == len(requests)
    assert all(read(entry).page for entry in entries(pages))
    assert not list(pages.glob("*" + page_cache.TEMPORARY_SUFFIX))
    for args in requests:  # and the entries they left serve the same pages
        assert printed(*args)() == expected[args]


def test_switched_off_by_spasmguide_no_page_cache(pages: Path) -> None:
    _, kept = keep(pages, printed("technique", "cupping"))  # nothing recent stands in the way
    env = {page_cache.DISABLE_VARIABLE: "1"}
    for _ in range(2):
        assert printed("technique", "cupping", env=env)() == uncached("technique", "cupping")
    assert entries(pages) == {kept}


def test_an_unwritable_cache_folder_still_works(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    env = {"SPASMGUIDE_CACHE_DIR": str(not_a_folder)}
    for _ in range(2):
        assert printed("technique", "cupping", env=env)() == uncached("technique", "cupping")


def test_a_closed_pipe_on_a_hit_ends_quietly(pages: Path) -> None:
    keep(pages, printed("evidence"))
    result = subprocess.run(
        ["bash", "-c", f"'{COMMAND}' evidence | head -3"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert len(result.stdout.splitlines()) == 3
    assert result.stderr == b""


def test_a_page_kept_for_the_pager_is_served_to_the_pager(pages: Path, tmp_path: Path) -> None:
    received = tmp_path / "pager-received"
    env = {"PAGER": f"sh -c 'cat > {received}'"}
    page, entry = keep(pages, printed("technique", "cupping", env=env))
    stored = read(entry)
    paged = page_cache.Entry(stored.page, True, stored.stamps)
    assert page_recording.write_entry(str(entry), bytes.fromhex(entry.stem), paged)
    assert printed("technique", "cupping", env=env)() == b""
    assert received.read_bytes() == page


def test_pruning_keeps_the_newest_entries_and_only_its_own_files(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    written = []
    for number in range(6):
        digest = bytes([number]) * page_cache.DIGEST_SIZE
        path = str(folder / (digest.hex() + page_cache.SUFFIX))
        assert page_recording.write_entry(path, digest, page_cache.Entry(b"x" * 1000, False, ()))
        os.utime(path, ns=(number * 10**9, number * 10**9))
        written.append(Path(path))
    foreign = folder / ("f" * 32 + page_cache.SUFFIX)
    foreign.write_bytes(b"someone else's file" + b"x" * 5000)
    os.utime(foreign, ns=(0, 0))
    abandoned = folder / (written[0].name + ".1.2" + page_cache.TEMPORARY_SUFFIX)
    abandoned.write_bytes(b"half an entry")
    os.utime(abandoned, ns=(0, 0))
    size = written[0].stat().st_size
    page_recording.prune(str(folder), keep=str(written[0]), limit=3 * size + foreign.stat().st_size)
    assert sorted(entries(folder)) == sorted([foreign, written[0], written[4], written[5]])
    assert not abandoned.exists()
