"""Every exit keeps its meaning: with standard error closed, full or a closed pipe, on a page
from the page cache, and under SIGINT, SIGTERM or SIGHUP at any moment, the exit code is 0, 1,
2 or 130 (or death by the signal sent), there is no traceback and no temporary file is left
(docs/decisions/015-threat-model.md)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spasmguide import page_cache, page_recording
from tests.test_page_cache import COMMAND, MARKER, keep, mark, printed, read

pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="needs the installed command")


def _sh(
    script: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", script],
        cwd=cwd,
        env={**os.environ, "SG": str(COMMAND), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPASMGUIDE_CACHE_DIR", str(folder))
    return folder / page_cache.FOLDER_NAME


# -- standard error closed, full, or a closed pipe -------------------------------------------


@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
@pytest.mark.parametrize(
    ("command", "code"),
    [
        ("$SG lookup -r nosuch-region", 1),
        ("$SG lookup", 2),
        ("$SG technique nosuch --format yaml", 2),
        ("SPASMGUIDE_NO_PAGE_CACHE=1 $SG technique nosuch", 1),
        ("$SG export -o x.md", 0),
        ("$SG lookup -r neck > /dev/null", 0),
    ],
)
@pytest.mark.slow
def test_exit_codes_keep_their_meaning_whatever_standard_error_is(
    tmp_path: Path, command: str, code: int, stderr: str
) -> None:
    """Defect 15: with stderr closed, errors exited 120 and a successful export 1."""
    done = _sh(f'{command} {stderr}; echo "exit=$?"', tmp_path)
    assert done.stdout.strip().splitlines()[-1] == f"exit={code}", done
    if "export" in command:
        assert "Notice" in (tmp_path / "x.md").read_text()


@pytest.mark.slow
def test_exit_codes_keep_their_meaning_when_standard_error_is_a_closed_pipe(
    tmp_path: Path,
) -> None:
    for command, code in (
        ("$SG lookup -r nosuch", 1),
        ("$SG lookup", 2),
        ("$SG export -o y.md", 0),
    ):
        # `true` has exited (and closed the pipe) long before the guide writes to it.
        done = _sh(f"{{ sleep 0.5; {command} 2>&1 >/dev/null; echo $? > code; }} | true", tmp_path)
        assert (tmp_path / "code").read_text().strip() == str(code), (command, done)


# -- a page from the page cache --------------------------------------------------------------


def test_a_cached_page_on_a_full_disk_is_one_line_and_exit_1(pages: Path, tmp_path: Path) -> None:
    """Defect 8: a page served from the cache to /dev/full gave a traceback."""
    _, entry = keep(pages, printed("lookup", "-r", "calf"))
    mark(entry)
    assert printed("lookup", "-r", "calf")() == MARKER  # a hit
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [str(COMMAND), "lookup", "-r", "calf"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ},
        )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "spasmguide: error: cannot write the output: No space left on device"
    ]


@pytest.mark.slow
def test_ctrl_c_while_a_cached_page_is_written_exits_130_without_a_traceback(
    pages: Path, tmp_path: Path
) -> None:
    """Defect 9: Ctrl-C while a cached page went to a slow reader gave a traceback."""
    _, entry = keep(pages, printed("technique", "cupping"))
    stored = read(entry)
    big = page_cache.Entry(MARKER * 100_000, False, stored.stamps)  # more than a pipe holds
    assert page_recording.write_entry(str(entry), bytes.fromhex(entry.stem), big)
    before = set(pages.iterdir())
    read_end, write_end = os.pipe()  # a reader that never reads: the page blocks half-way
    process = subprocess.Popen(
        [str(COMMAND), "technique", "cupping"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env={**os.environ},
    )
    os.close(write_end)
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, error = process.communicate(timeout=60)
    os.close(read_end)
    assert process.returncode == 130, error
    assert b"Traceback" not in error and b"KeyboardInterrupt" not in error
    assert set(pages.iterdir()) == before
    assert read(entry).page == MARKER * 100_000  # it was a hit


@pytest.mark.slow
def test_ctrl_c_in_the_pager_waits_for_the_pager_and_exits_130(tmp_path: Path) -> None:
    """Ctrl-C while the page is still being written to the pager: the pager (which got the
    same Ctrl-C and stays until the reader quits it) is waited for before the run ends."""
    finished = tmp_path / "finished"
    script = (
        "import os, signal, sys\n"
        "from spasmguide.cli import pager\n"
        f"os.environ['PAGER'] = \"sh -c 'sleep 1; touch {finished}; cat > /dev/null'\"\n"
        "signal.signal(signal.SIGALRM, lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))\n"
        "signal.setitimer(signal.ITIMER_REAL, 0.3)\n"
        "try:\n"
        "    pager.page_through(b'x' * 10_000_000)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted after the pager ended:', os.path.exists(sys.argv[1]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(finished)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stdout.strip() == "interrupted after the pager ended: True"


# -- signals at any moment ---------------------------------------------------------------------


def _signalled_run(tmp_path: Path, signal_number: int, inside: str) -> tuple[int, bytes]:
    """Runs `export -o` in a real process that receives `signal_number` from inside the
    write of a temporary file in the folder `inside` (the output's folder or the cache's):
    the moment that temporary file exists."""
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    script = (
        "import os, signal, sys\n"
        "real = os.fdopen\n"
        "class Signalled:\n"
        "    def __init__(self, descriptor, *args, **kwargs):\n"
        "        self.name = os.readlink(f'/proc/self/fd/{descriptor}')\n"
        "        self.stream = real(descriptor, *args, **kwargs)\n"
        "    def __enter__(self): return self\n"
        "    def __exit__(self, *exc): self.stream.close()\n"
        "    def write(self, data):\n"
        "        self.stream.write(data[:100])\n"
        f"        if self.name.startswith({inside!r}):\n"
        f"            os.kill(os.getpid(), {signal_number})\n"
        "        return self.stream.write(data[100:])\n"
        "os.fdopen = Signalled\n"
        f"sys.argv = ['spasmguide', 'export', '-o', {str(folder / 'guide.md')!r}]\n"
        "from spasmguide.entry import run\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        timeout=60,
        env={**os.environ, "SPASMGUIDE_CACHE_DIR": str(tmp_path / "cache")},
    )
    return done.returncode, done.stderr


def _debris(tmp_path: Path) -> list[str]:
    return sorted(
        str(path.relative_to(tmp_path))
        for path in tmp_path.rglob("*")
        if path.name.endswith((".tmp", "-journal"))
    )


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
@pytest.mark.parametrize("inside", ["out", "cache"])
def test_a_signal_while_a_file_is_written_leaves_no_temporary_file(
    tmp_path: Path, number: int, inside: str
) -> None:
    """Defect 13: SIGTERM or SIGHUP during `export -o` left `.guide.md.PID-ID.tmp` behind."""
    code, error = _signalled_run(tmp_path, number, str(tmp_path / inside))
    assert _debris(tmp_path) == []
    assert b"Traceback" not in error, error
    assert code == (130 if number == signal.SIGINT else -number), error


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("delay", [0.15, 0.3, 0.5, 0.8, 1.2])
def test_a_signal_at_any_moment_leaves_no_traceback_or_temporary_file(
    tmp_path: Path, number: int, delay: float
) -> None:
    """Principle: no signal at any point of a run leaves a traceback or a temporary file."""
    folder = tmp_path / "out"
    folder.mkdir()
    cache = tmp_path / "cache"
    process = subprocess.Popen(
        [str(COMMAND), "export", "-f", "html", "-o", str(folder / "guide.html")],
        stderr=subprocess.PIPE,
        env={**os.environ, "SPASMGUIDE_CACHE_DIR": str(cache)},
    )
    time.sleep(delay)
    process.send_signal(number)
    _, error = process.communicate(timeout=60)
    assert b"Traceback" not in error, error
    assert process.returncode in (0, 1, 2, 130, -number), error
    assert _debris(tmp_path) == []
