"""The `spasmguide` program's entry point: a page shown before is written again from the page
cache; any other run goes to the command line, which records its page for next time.

Nothing here or in `page_cache` imports Typer, Rich or YAML, so a repeated page costs little
more than starting the interpreter (docs/decisions/010-page-cache.md).
"""

from __future__ import annotations

import errno
import io
import os
import sys

from spasmguide import invocation, page_cache


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process started with it closed (`>&-`): every write fails,
    and the command line turns that into one line on standard error."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def run() -> None:
    """The console-script entry point (also `python -m spasmguide`)."""
    invoked = invocation.read(sys.argv[1:])
    if sys.stdout is None:  # started with standard output closed: nothing to serve a page to
        sys.stdout = _ClosedOutput()
        request = None
    else:
        request = page_cache.request_for(invoked)
    if request is not None:
        entry = page_cache.look_up(request)
        if entry is not None:
            from spasmguide.cli.terminal import deliver

            deliver(entry.page, paged=entry.paged)
            sys.exit(0)
    _tolerate_any_encoding()
    if request is not None:
        page_cache.start_recording(request)
    from spasmguide.cli.app import main

    code = main(invoked)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): send what is left nowhere, quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:  # a full disk or device: say so once, and drop what is left
        sys.stderr.write(f"spasmguide: error: cannot write the output: {error.strerror}\n")
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    if request is not None:
        page_cache.finish_recording(code)
    sys.exit(code)


def _tolerate_any_encoding() -> None:
    # On an ASCII or Latin-1 terminal, show what it cannot encode as escapes instead of failing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            reconfigure(errors="backslashreplace")
