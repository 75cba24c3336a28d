"""The `spasmguide` program's entry point: a page shown before is written again from the page
cache; any other run goes to the command line, which records its page for next time.

Nothing here or in `page_cache` imports Typer, Rich or YAML, so a repeated page costs little
more than starting the interpreter (docs/decisions/010-page-cache.md). A repeated page loads
only `invocation`, `page_cache` and `user_files` besides this module, and nothing of the
standard library that the interpreter has not loaded already but `_blake2` and `_operator`:
not `errno`, not `__future__` (names only the type checker sees are written in quotes), and
not the command line's own modules, which a page kept for the pager and a run started with
standard output closed still use.

Every exit keeps its meaning (docs/decisions/015-threat-model.md): with standard error closed,
full or a closed pipe, messages are dropped and the exit code stays 0, 1, 2 or 130; Ctrl-C ends
with 130 and no traceback; SIGTERM and SIGHUP first let every temporary file be removed, then
end the process by that signal.
"""

import io
import os
import sys

from spasmguide import invocation, page_cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from spasmguide.page_cache import Entry

INTERRUPTED = 130


class _QuietErrors:
    """Standard error that never fails: when it is closed, full or a pipe nobody reads, a
    message is dropped rather than turning a clean exit into a crash (Python's own exit
    status for an unflushable stream is 120)."""

    def __init__(self, stream: object) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            self.stream.write(text)  # type: ignore[attr-defined]
            self.stream.flush()  # type: ignore[attr-defined]
        except (OSError, ValueError, AttributeError):
            pass
        return len(text)

    def flush(self) -> None:
        try:  # noqa: SIM105 - `contextlib` is not loaded at start-up and costs more than this
            self.stream.flush()  # type: ignore[attr-defined]
        except (OSError, ValueError, AttributeError):
            pass

    def isatty(self) -> bool:
        try:
            return bool(self.stream.isatty())  # type: ignore[attr-defined]
        except (OSError, ValueError, AttributeError):
            return False

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is so that every `finally` (and every
    temporary file's removal) runs; the process then ends by the same signal."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


_terminated_by: int | None = None


def run() -> None:
    """The console-script entry point (also `python -m spasmguide`). It ends the process: by
    `SystemExit` with the run's exit code, or, after serving a kept page, at once (see
    `_end_served`); other programs use `spasmguide.api` instead."""
    sys.stderr = _QuietErrors(sys.stderr)
    try:
        code = _run(sys.argv[1:])
    except KeyboardInterrupt:
        code = INTERRUPTED
    _exit(code)


def _run(arguments: list[str]) -> int:
    invoked = invocation.read(arguments)
    if sys.stdout is None:  # started with standard output closed: nothing to serve a page to
        from spasmguide.cli.terminal import ClosedOutput

        sys.stdout = ClosedOutput()
        request = None
    else:
        request = page_cache.request_for(invoked)
    if request is not None:
        entry = page_cache.look_up(request)
        if entry is not None:
            code = _serve(entry)
            if code == 0:
                _end_served()
            return code
    _end_cleanly_on_signals()
    _tolerate_any_encoding()
    if request is not None:
        from spasmguide import page_recording

        page_recording.start_recording(request)
    from spasmguide.cli.app import main

    code = main(invoked)
    if _terminated_by is not None:
        code = INTERRUPTED
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): send what is left nowhere, quietly.
        _drop_output()
    except OSError as error:  # a full disk or device: say so once, and drop what is left
        code = _cannot_write(error)
    if request is not None:
        page_recording.finish_recording(code)
    return code


def _serve(entry: "Entry") -> int:
    """Shows a kept page as the command line showed it: a paged one through
    `cli.terminal.deliver` (the pager), as is any page when standard output is a stand-in
    with no descriptor; any other page is written whole to standard output's descriptor,
    after whatever its text stream holds. A reader that went away (`| head`) ends the run
    quietly with exit code 1, as Rich does; a full or failed device with one line on standard
    error and exit code 1."""
    stream = sys.stdout
    try:
        descriptor = stream.fileno()
    except (AttributeError, ValueError, OSError):  # io.UnsupportedOperation is both of these
        descriptor = None
    if entry.paged or descriptor is None:
        from spasmguide.cli.terminal import deliver

        deliver(entry.page, paged=entry.paged)  # a failed write raises SystemExit(1)
        return 0
    left = memoryview(entry.page)
    try:
        stream.flush()
        while left:
            left = left[os.write(descriptor, left) :]
    except BrokenPipeError:
        _drop_output()
        return 1
    except OSError as error:
        return _cannot_write(error)
    return 0


def _end_served() -> None:
    """Ends a run that has served a kept page whole. Its bytes went to the descriptor itself
    (or through `deliver`, which flushes) and any message to standard error was flushed as it
    was written. What is left is the interpreter's teardown, freeing every module and object
    one by one, which takes longer than serving the page (about 2 ms): the process ends at
    once instead, with exit code 0. Only when nothing loaded can have left work for the
    teardown: a function to run at exit needs `atexit`, a thread needs `threading`; when
    either is loaded (a pager's `subprocess`, a tool in `sitecustomize`), the run ends as
    any other does."""
    if "atexit" not in sys.modules and "threading" not in sys.modules:
        os._exit(0)


def _cannot_write(error: OSError) -> int:
    """Says once that the output cannot be written and why, drops what is left of it, and
    gives the exit code of a run whose output was lost."""
    sys.stderr.write(f"spasmguide: error: cannot write the output: {error.strerror}\n")
    _drop_output()
    return 1


def _end_cleanly_on_signals() -> None:
    """SIGTERM and SIGHUP raise `Terminated`, as Ctrl-C raises KeyboardInterrupt."""
    import signal

    def terminated(number: int, frame: object) -> None:
        global _terminated_by
        if _terminated_by is None:
            _terminated_by = number
            raise Terminated(number)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, terminated)


def _exit(code: int) -> None:
    if code == INTERRUPTED:
        _drop_output()
    if _terminated_by is not None:
        import signal

        sys.stderr.flush()
        signal.signal(_terminated_by, signal.SIG_DFL)
        os.kill(os.getpid(), _terminated_by)
    sys.exit(code)


def _drop_output() -> None:
    """Points standard output at nothing, so what is left in its buffer cannot fail at exit."""
    try:  # noqa: SIM105 - no `contextlib` on the start-up path
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _tolerate_any_encoding() -> None:
    # On an ASCII or Latin-1 terminal, show what it cannot encode as escapes instead of failing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            reconfigure(errors="backslashreplace")
