"""The user's folders (cache, data, knowledge-base layers named in the environment) and the one
way files are written into them.

Each folder comes with where it came from (tealdeer's `PathWithSource`), so `spasmguide paths`
can say why a file is where it is. Folders are read from the environment at call time. The
platform conventions are those of `platformdirs` (a test holds them to it), spelled out here
because importing `platformdirs` costs about 14 ms, more than a cached page (docs/decisions/012).
This module imports nothing beyond `os` and `sys` at run time for the same reason (not even
`typing`, which alone costs 9 ms): the rendered-page cache asks it for the cache folder
before anything else is loaded.
"""

from __future__ import annotations

import os
import sys

# Not `from typing import TYPE_CHECKING`: type checkers read this constant the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from types import TracebackType

APP = "spasmguide"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# Temporary files are `.spasmguide-PID-ID.tmp` whatever the target's name: short enough for
# any valid target name (NAME_MAX is 255), and recognisable by a later run that prunes.
TEMPORARY_PREFIX = ".spasmguide-"
TEMPORARY_SUFFIX = ".tmp"


def is_temporary_name(name: str) -> bool:
    """Whether a file name is one of `replacing`'s temporary names."""
    return name.startswith(TEMPORARY_PREFIX) and name.endswith(TEMPORARY_SUFFIX)


class PathWithSource:
    """A folder and what decided it: an environment variable, or the platform's convention.
    `path` is None when nothing gives one (no home folder at all)."""

    __slots__ = ("path", "source")

    def __init__(self, path: str | None, source: str) -> None:
        self.path = path
        self.source = source

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PathWithSource):
            return NotImplemented
        return (self.path, self.source) == (other.path, other.source)

    def __hash__(self) -> int:
        return hash((self.path, self.source))

    def __repr__(self) -> str:
        return f"PathWithSource({self.path!r}, {self.source!r})"


def cache_dir(environ: Mapping[str, str] | None = None) -> PathWithSource:
    """Where compiled knowledge bases, search indexes and rendered pages are kept."""
    env = os.environ if environ is None else environ
    if env.get("SPASMGUIDE_CACHE_DIR"):
        return PathWithSource(env["SPASMGUIDE_CACHE_DIR"], "SPASMGUIDE_CACHE_DIR")
    if sys.platform == "win32":
        return _under(env.get("LOCALAPPDATA"), (APP, "Cache"), "LOCALAPPDATA")
    if sys.platform == "darwin":
        return _under(env.get("HOME"), ("Library", "Caches", APP), "the macOS convention")
    return _xdg(env, "XDG_CACHE_HOME", (".cache",))


def data_dir(environ: Mapping[str, str] | None = None) -> PathWithSource:
    """Where the user's own data (quiz progress) is kept."""
    env = os.environ if environ is None else environ
    if env.get("SPASMGUIDE_DATA_DIR"):
        return PathWithSource(env["SPASMGUIDE_DATA_DIR"], "SPASMGUIDE_DATA_DIR")
    if sys.platform == "win32":
        return _under(env.get("LOCALAPPDATA"), (APP,), "LOCALAPPDATA")
    if sys.platform == "darwin":
        return _under(
            env.get("HOME"), ("Library", "Application Support", APP), "the macOS convention"
        )
    return _xdg(env, "XDG_DATA_HOME", (".local", "share"))


def environment_layers(environ: Mapping[str, str] | None = None) -> list[str]:
    """The knowledge-base paths listed in SPASMGUIDE_KB, in order."""
    env = os.environ if environ is None else environ
    return [given for given in env.get("SPASMGUIDE_KB", "").split(os.pathsep) if given]


def _xdg(env: Mapping[str, str], variable: str, fallback: tuple[str, ...]) -> PathWithSource:
    # The XDG spec: a relative value is invalid and must be ignored.
    value = env.get(variable, "")
    if os.path.isabs(value):
        return PathWithSource(os.path.join(value, APP), variable)
    return _under(env.get("HOME"), (*fallback, APP), f"HOME (no {variable})")


def _under(base: str | None, parts: tuple[str, ...], source: str) -> PathWithSource:
    if not base:
        return PathWithSource(None, "no home folder")
    return PathWithSource(os.path.join(base, *parts), source)


def make_private_folder(folder: str) -> None:
    """Creates `folder` and any missing parents for the user alone (0700); an existing folder
    is left as it is, since it may be shared on purpose."""
    missing = []
    current = os.path.abspath(folder)
    while not os.path.isdir(current):
        missing.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for path in reversed(missing):
        try:
            os.mkdir(path, PRIVATE_FOLDER)
        except FileExistsError:  # another run made it first
            continue
        os.chmod(path, PRIVATE_FOLDER)  # whatever the umask took away


class replacing:
    """A temporary path beside `target` to write into; when the block ends without an error it
    is renamed over `target` in one step, so readers see the old file or the new one, never
    half of either. On any error the temporary file is removed and the error goes on.

    A new file gets the usual mode for the umask (0600 when `private`); a file being replaced
    keeps its mode."""

    def __init__(self, target: str, *, private: bool = False) -> None:
        self.target = target
        folder = os.path.dirname(target) or "."
        unique = f"{os.getpid()}-{id(self):x}"
        self.temporary = os.path.join(folder, f"{TEMPORARY_PREFIX}{unique}{TEMPORARY_SUFFIX}")
        try:
            self.mode = os.stat(target).st_mode & 0o7777
        except OSError:
            self.mode = PRIVATE_FILE if private else 0o666 & ~_umask()

    def __enter__(self) -> str:
        return self.temporary

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # A signal now (SIGTERM, SIGHUP, Ctrl-C) waits until the temporary file is gone.
        blocked = _block_signals()
        try:
            if kind is None:
                os.chmod(self.temporary, self.mode)
                os.replace(self.temporary, self.target)
        finally:
            try:
                if os.path.lexists(self.temporary):
                    os.unlink(self.temporary)
            finally:
                _unblock_signals(blocked)


def write_atomically(target: str, data: bytes, *, private: bool = False) -> None:
    """Writes `data` to `target` whole or not at all (see `replacing`)."""
    with replacing(target, private=private) as temporary:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)


def _block_signals() -> object:
    import signal

    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:  # pragma: no cover - Windows
        return None
    wanted = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    return mask(signal.SIG_BLOCK, wanted)


def _unblock_signals(previous: object) -> None:
    if previous is not None:
        import signal

        signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # type: ignore[arg-type]


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    current = os.umask(0o022)
    os.umask(current)
    return current
