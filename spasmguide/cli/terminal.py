"""Where pages reach the terminal: the one way the program writes a page to standard output
or through the pager.

Anything that wants to know what was shown (the page cache, recording a page for next time)
listens here; it never writes the page itself. This module is on the start-up path, so it
imports only what the interpreter has loaded already.
"""

from __future__ import annotations

import errno
import io
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    Listener = Callable[[bytes, bool], None]

_listeners: list[Listener] = []


class ClosedOutput(io.TextIOBase):
    """Standard output when the process started with it closed (`>&-`): every write fails,
    and the command line turns that into one line on standard error."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def listen(listener: Listener) -> None:
    """Calls `listener(page, paged)` with the bytes of every page shown from now on."""
    _listeners.append(listener)


def stop_listening(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def deliver(page: bytes, *, paged: bool) -> None:
    """Writes a page's bytes to standard output, or through the pager when `paged`. A reader
    that went away (`| head`) ends the run quietly with exit code 1, as Rich does; a full or
    failed device ends it with one line on standard error and exit code 1."""
    if paged:
        from spasmguide.cli.pager import page_through

        sys.stdout.flush()
        if page_through(page):
            return
    stream = sys.stdout
    try:
        stream.flush()
        stream.buffer.write(page)
        stream.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        raise SystemExit(1) from None
    except OSError as error:  # a full disk, a closed descriptor, a failed device
        sys.stderr.write(f"spasmguide: error: cannot write the output: {error.strerror}\n")
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        raise SystemExit(1) from None


def show_page(document: str, *, paged: bool) -> None:
    """Shows a rendered page (to the pager when `paged`) and tells every listener the bytes
    shown. The command line's one way to print a page."""
    stream = sys.stdout
    if getattr(stream, "buffer", None) is None:  # a text-only stand-in for stdout
        stream.write(document)
        return
    if os.linesep != "\n":
        document = document.replace("\n", os.linesep)
    page = document.encode(stream.encoding or "utf-8", stream.errors or "strict")
    deliver(page, paged=paged)
    for listener in tuple(_listeners):
        listener(page, paged)
