"""Long pages in a terminal go through a pager, as git and man do.

`$PAGER` is honoured (an empty value or `cat` means none); without it, `less -R`. As git does,
`LESS` defaults to `FRX` (quit when the page fits, keep colours, leave the page on screen).
Never when the output is not a terminal; a pager that cannot be started means the page is
written directly.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO

DEFAULT_PAGER = "less -R"


def pager_command(environ: dict[str, str] | None = None) -> list[str] | None:
    """The pager to use, or None for none."""
    env = os.environ if environ is None else environ
    chosen = env.get("PAGER", DEFAULT_PAGER)
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    if not words or words[0] == "cat":
        return None
    return words


def should_page(text: str, *, wanted: bool, height: int) -> bool:
    """Whether `text` should go through the pager: wanted, bound for a terminal, and longer
    than the terminal is high."""
    return (
        wanted
        and sys.stdout is not None
        and sys.stdout.isatty()
        and text.count("\n") >= max(1, height)
    )


def page_through(page: bytes) -> bool:
    """Sends a page's bytes to the pager and waits for it; False when no pager could be run
    (the caller then writes the page itself)."""
    command = pager_command()
    if command is None:
        return False
    environment = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(page)
        process.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager before the end: nothing more to show
    except KeyboardInterrupt:
        # Ctrl-C reaches the pager too, which stays until the reader quits it: wait for it,
        # then end the run as interrupted.
        _close_quietly(process.stdin)
        _wait(process)
        raise
    _wait(process)
    return True


def _close_quietly(stream: IO[bytes]) -> None:
    try:  # noqa: SIM105 - no `contextlib` on the page cache's path
        stream.close()
    except OSError:
        pass


def _wait(process: subprocess.Popen[bytes]) -> None:
    """Waits for the pager, however many times Ctrl-C is pressed meanwhile."""
    while True:
        try:
            process.wait()
            return
        except KeyboardInterrupt:
            continue
