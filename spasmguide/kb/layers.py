"""Which knowledge-base files are in force: the shipped ones, then each `SPASMGUIDE_KB`
path, then each `--kb` path. Reading YAML is `spasmguide.kb.loader`'s work; this module only
finds the files, so the start-up path can use it without importing a YAML parser."""

from __future__ import annotations

import contextlib
import errno
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from spasmguide.errors import InvalidContentError, NotFoundError, UsageError
from spasmguide.safe_text import one_line

SHIPPED = "shipped"
FROM_ENVIRONMENT = "SPASMGUIDE_KB"
FROM_OPTION = "--kb"
YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 2 * 1024 * 1024
# All the files in force together: a folder of many large files fails at once, unread.
MAX_TOTAL_BYTES = 16 * 1024 * 1024


class Problem(NamedTuple):
    """One thing wrong with a knowledge-base file, and where (line 0: the file as a whole)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class Location(NamedTuple):
    """A place in a knowledge-base file."""

    path: str
    line: int
    column: int

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, self.column, message)


class FileReport(NamedTuple):
    """What one file in force contributes: its origin, its entries, what it replaces."""

    origin: str
    path: str
    provides: dict[str, int]
    replaces: tuple[str, ...]
    problems: int


class Layer(NamedTuple):
    """Knowledge-base files given together: the shipped ones, or one `--kb` or
    `SPASMGUIDE_KB` path. A later layer's entries replace earlier ones with the same id."""

    origin: str
    given: str
    files: tuple[Path, ...]
    problems: tuple[Problem, ...] = ()


def shipped_data_candidates() -> tuple[Path, Path]:
    """Where the shipped knowledge base is looked for, in order: inside the package when
    installed, beside it in a source checkout."""
    package_dir = Path(__file__).resolve().parent.parent
    return package_dir / "data", package_dir.parent / "data"


def shipped_data_dir() -> Path:
    """The knowledge base that ships with the program: the first of its candidate folders
    that exists."""
    installed, beside = shipped_data_candidates()
    return installed if installed.is_dir() else beside


def shipped_files() -> list[Path]:
    return sorted(shipped_data_dir().glob("*.yaml"))


def shipped_layer() -> Layer:
    return Layer(SHIPPED, str(shipped_data_dir()), tuple(shipped_files()))


def layers_in_force(
    option_paths: Sequence[str] = (), environment_paths: Sequence[str] = ()
) -> list[Layer]:
    """The shipped knowledge base, then each `SPASMGUIDE_KB` path, then each `--kb` path."""
    layers = [shipped_layer()]
    layers.extend(expand_layer(given, FROM_ENVIRONMENT) for given in environment_paths)
    layers.extend(expand_layer(given, FROM_OPTION) for given in option_paths)
    return layers


def read_file_bytes(path: Path) -> bytes:
    """A knowledge-base file's bytes, refusing what cannot be one: a missing path, a folder,
    a FIFO or device, a symlink loop, an unreadable or oversized file."""
    shown = str(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        raise NotFoundError(f"{shown}: no such file") from None
    except OSError as error:
        raise InvalidContentError(f"{shown}: cannot open ({_reason(error)})") from None
    if not stat.S_ISREG(status.st_mode):
        raise InvalidContentError(f"{shown}: not a regular file")
    limit = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"
    if status.st_size > MAX_FILE_BYTES:
        raise InvalidContentError(f"{shown}: {limit}")
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InvalidContentError(f"{shown}: cannot read ({_reason(error)})") from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidContentError(f"{shown}: {limit}")
    return data


def _reason(error: OSError) -> str:
    return "a symlink loop" if error.errno == errno.ELOOP else str(error.strerror)


def is_debris(name: str) -> bool:
    """Whether a file in a knowledge-base folder is hidden, or an editor's or system's leftover
    (`.#notes.yaml` lock, `._notes.yaml` macOS metadata, `notes.yaml~`, `#notes.yaml#`)."""
    return name.startswith((".", "#")) or name.endswith(("~", "#"))


class TotalTooLarge(InvalidContentError):
    """The files in force hold more than MAX_TOTAL_BYTES together (counted as read)."""


def _total_too_large(total: int) -> TotalTooLarge:
    megabytes = MAX_TOTAL_BYTES // (1024 * 1024)
    return TotalTooLarge(
        f"the knowledge-base files in force are larger than {megabytes} MiB together"
        f" ({total // (1024 * 1024)} MiB read)"
    )


class ReadBudget:
    """Reads knowledge-base files counting the bytes actually read, not the sizes the file
    system reports (0 for /proc and /sys files, stale for a file being appended to): the
    read that takes the total past MAX_TOTAL_BYTES raises `TotalTooLarge`."""

    def __init__(self, already: int = 0) -> None:
        self.total = already

    def read(self, path: Path) -> bytes:
        data = read_file_bytes(path)
        self.total += len(data)
        if self.total > MAX_TOTAL_BYTES:
            raise _total_too_large(self.total)
        return data


def check_total_size(layers: Sequence[Layer]) -> None:
    """Refuses, before reading anything, files in force larger than MAX_TOTAL_BYTES together
    by their reported sizes (the bytes read are counted again by `ReadBudget`)."""
    total = 0
    for layer in layers:
        for path in layer.files:
            with contextlib.suppress(OSError):
                status = path.stat()
                if stat.S_ISREG(status.st_mode):
                    total += status.st_size
    if total > MAX_TOTAL_BYTES:
        raise _total_too_large(total)


def expand_layer(given: str, origin: str) -> Layer:
    """The YAML files a path names: the file itself, or the .yaml/.yml files in a folder."""
    if not given.strip():
        raise UsageError(f"{origin} was given an empty path")
    if "\x00" in given:
        raise UsageError(f"{origin} was given a path with a NUL character in it")
    path = Path(given)
    with contextlib.suppress(RuntimeError):  # "~someone" with no such user: keep it as written
        path = path.expanduser()
    shown = one_line(given, 200)

    def refused(message: str) -> Layer:
        return Layer(origin, given, (), (Problem(shown, 0, 0, message),))

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return refused("no such file or folder")
    except OSError as error:
        return refused(f"cannot open ({_reason(error)})")
    if not stat.S_ISDIR(mode):
        return Layer(origin, given, (path,))
    try:
        files = sorted(
            child
            for child in path.iterdir()
            if child.suffix.lower() in YAML_SUFFIXES and not is_debris(child.name)
        )
    except OSError as error:
        return refused(f"cannot list the folder ({error.strerror})")
    if not files:
        return refused("the folder holds no .yaml or .yml files")
    return Layer(origin, given, tuple(files))
