"""Writing a document to a file the user names (`export --output`) without losing anything
they own (docs/decisions/013).

Refused: a name that is empty, a folder or ends in a slash, `~someone` with no such user, and
any file the guide reads in this run (a knowledge-base file, the shipped data, the progress
database), compared by resolved path and by inode so a hard link is caught too. Written
through: a symlink (its target is replaced, the link stays), a special file such as a FIFO
or a device (opened and written, never replaced), and any name of a descriptor the process
already has open for writing (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`, or the very file
standard output is redirected to): those are written through the descriptor, so `>>` appends
and `( ...; ) > file` keeps what came before and after. A regular file is replaced in one
step and keeps its mode; a new one gets the mode the umask gives. A file the user may write
in a folder they may not is written in place. Nothing is left behind when a write fails.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
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
        descriptor = _open_descriptor_for(status)
        if descriptor is not None:
            _write_to_descriptor(descriptor, data)
        elif status is not None and not stat.S_ISREG(status.st_mode):
            _write_through(path, data)
        else:
            try:
                _replace(resolved, data)
            except _NoTemporaryFile:
                if status is None or not os.access(resolved, os.W_OK):
                    folder = one_line(str(resolved.parent), 200)
                    raise InvalidContentError(
                        f"cannot write {shown}: the folder {folder} is not writable"
                    ) from None
                _write_in_place(resolved, data)
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


def _open_descriptor_for(status: os.stat_result | None) -> int | None:
    """The process's own descriptor, open for writing, on the file `status` describes."""
    if status is None:
        return None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows has no descriptors to inherit this way
        return None
    for descriptor in _open_descriptors():
        try:
            other = os.fstat(descriptor)
            writable = fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_ACCMODE != os.O_RDONLY
        except OSError:
            continue
        if writable and (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):
            return descriptor
    return None


def _open_descriptors() -> list[int]:
    for listing in ("/proc/self/fd", "/dev/fd"):
        try:
            return sorted(int(name) for name in os.listdir(listing) if name.isdigit())
        except OSError:
            continue
    return [0, 1, 2]


def _write_to_descriptor(descriptor: int, data: bytes) -> None:
    """Writes through a descriptor the process already holds, after what its own streams
    buffered, honouring its mode (append) and its position."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                if stream.fileno() == descriptor:
                    stream.flush()
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _write_in_place(target: Path, data: bytes) -> None:
    """Truncates and writes an existing file the user may write but not replace."""
    descriptor = os.open(target, os.O_WRONLY | os.O_TRUNC | os.O_NOCTTY)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


class _NoTemporaryFile(Exception):
    """The folder does not let a temporary file be made beside the target."""


def _write_through(target: Path, data: bytes) -> None:
    """Writes into an existing special file (a FIFO, a device, a terminal) in place."""
    descriptor = os.open(target, os.O_WRONLY | os.O_NOCTTY)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def _replace(target: Path, data: bytes) -> None:
    """Replaces (or creates) a regular file in one step; an existing file keeps its mode."""
    with replacing(str(target)) as temporary:
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except PermissionError:
            raise _NoTemporaryFile from None
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
