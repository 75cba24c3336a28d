"""The quiz in a real pseudo-terminal, for the tests that type into it as a student would."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path


class Terminal:
    """A running quiz and the primary side of its terminal."""

    def __init__(self, process: subprocess.Popen[bytes], primary: int) -> None:
        self.process = process
        self.primary = primary

    def type(self, line: str) -> None:
        """Types `line` and Enter (a carriage return, as a terminal sends it)."""
        os.write(self.primary, line.encode() + b"\r")

    def press(self, key: bytes) -> None:
        os.write(self.primary, key)

    def read_until(self, pattern: str, timeout: float = 30) -> str:
        """Everything shown so far, once `pattern` shows (ANSI codes removed)."""
        seen = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.primary], [], [], 0.2)
            if not ready:
                continue
            try:
                chunk = os.read(self.primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8", "replace"))
            if re.search(pattern, text):
                return text
        raise AssertionError(f"{pattern!r} never showed; the terminal showed: {seen[-2000:]!r}")


@contextlib.contextmanager
def quiz_in_terminal(*args: str, data: Path) -> Iterator[Terminal]:
    """`spasmguide quiz ARGS` with a pseudo-terminal as its controlling terminal (so Ctrl-C
    is a signal), its progress in `data`; stopped and closed however the test ends."""
    primary, secondary = pty.openpty()

    def take_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "spasmguide", "quiz", *args],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env={
            **os.environ,
            "SPASMGUIDE_DATA_DIR": str(data),
            "TERM": "xterm-256color",
            "COLUMNS": "100",
        },
        close_fds=True,
        preexec_fn=take_terminal,
    )
    os.close(secondary)
    try:
        yield Terminal(process, primary)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(primary)


def assert_stopped_cleanly(shown: str, answered: int, asked: int) -> None:
    """Ctrl-C ended the quiz on a line of its own that says how far it got and that the
    progress is saved, with no traceback."""
    lines = shown.replace("\r\n", "\n").split("\n")
    stopped = next(line for line in lines if "Quiz stopped after" in line)
    expected = f"Quiz stopped after {answered} of {asked} questions; progress is saved"
    assert stopped.startswith(expected), stopped
    assert "Traceback" not in shown and "Aborted" not in shown
