"""Writing a document to a file the user names (`export --output`) without losing anything
they own (docs/decisions/013).

Refused: a name that is empty, a folder or ends in a slash, `~someone` with no such user, and
any file the guide reads in this run (a knowledge-base file, the shipped data, the progress
database), compared by resolved path and by inode so a hard link is caught too. Written
through: a symlink (its target is replaced, the link stays) and a special file such as
`/dev/stdout`, a FIFO or a device (opened and written, never replaced). A regular file is
replaced in one step and keeps its mode; a new one gets the mode the umask gives. Nothing is
left behind when a write fails.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from spasmguide.errors import InvalidContentError, UsageError
from spasmguide.safe_text import one_line
from spasmguide.user_files import replacing

STANDARD_OUTPUT = "-"


def output_path(name: str) -> Path:
    """The file `name` means, or a usage error saying why it cannot be written to."""
    shown = one_line(name, 200)
    if not name.strip() or "\x00" in name:
        raise UsageError("--output needs a file name")
    if name.endswith(("/", os.sep)):
        raise UsageError(f"--output {shown} names a folder; give a file name")
    if name.startswith("~"):
        try:
            expanded = os.path.expanduser(name)
        except RuntimeError:  # pathlib's word for "no such user"
            expanded = name
        if expanded.startswith("~"):
            user = name[1:].split(os.sep, 1)[0]
            raise UsageError(f"--output {shown}: no user named '{one_line(user, 40)}'")
        name = expanded
    path = Path(name)
    if path.is_dir():
        raise UsageError(f"--output {shown} is a folder; give a file name")
    return path


def write_output(name: str, document: str | bytes, inputs: Iterable[Path]) -> None:
    """Writes `document` to the file `name`, never over one of `inputs` (see the module)."""
    shown = one_line(name, 200)
    path = output_path(name)
    resolved = Path(os.path.realpath(path))
    try:
        # The path itself, followed: `/dev/stdout` on a pipe resolves to no real name.
        status: os.stat_result | None = os.stat(path)
    except OSError:
        status = None
    if _is_input(resolved, status, inputs):
        raise UsageError(f"--output {shown} is a file the guide reads; choose another name")
    data = document.encode("utf-8") if isinstance(document, str) else document
    try:
        if status is not None and not stat.S_ISREG(status.st_mode):
            _write_through(path, data)
        else:
            _replace(resolved, data)
    except BrokenPipeError:
        return  # the reader went away (`-o /dev/stdout | head`), as with standard output
    except OSError as error:
        raise InvalidContentError(f"cannot write {shown}: {error.strerror or error}") from None


def _is_input(resolved: Path, status: os.stat_result | None, inputs: Iterable[Path]) -> bool:
    for given in inputs:
        if Path(os.path.realpath(given)) == resolved:
            return True
        if status is None:
            continue
        try:
            other = os.stat(given)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):
            return True
    return False


def _write_through(target: Path, data: bytes) -> None:
    """Writes into an existing special file (a FIFO, a device, a terminal) in place."""
    descriptor = os.open(target, os.O_WRONLY | os.O_NOCTTY)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def _replace(target: Path, data: bytes) -> None:
    """Replaces (or creates) a regular file in one step; an existing file keeps its mode."""
    with replacing(str(target)) as temporary:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
