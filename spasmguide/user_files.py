"""The user's folders (cache, data, knowledge-base layers named in the environment) and the one
way files are written into them.

Each folder comes with where it came from (tealdeer's `PathWithSource`), so `spasmguide paths`
can say why a file is where it is. Folders are read from the environment at call time. The
platform conventions are those of `platformdirs` (a test holds them to it), spelled out here
because importing `platformdirs` costs about 14 ms, more than a cached page (docs/decisions/012).
This module imports nothing beyond `os` and `sys` at run time for the same reason (not even
`typing`, which alone costs 9 ms; `signal` only when a file is written): the rendered-page
cache asks it for the cache folder, whether that folder can be trusted, and the user's secret
before anything else is loaded (docs/decisions/015-threat-model.md).
"""

import os
import sys

# Not `from typing import TYPE_CHECKING`: type checkers read this constant the same way. The
# names it guards are written in quotes where they annotate, since the modules of the
# start-up path do without `from __future__ import annotations` (importing `__future__`
# costs more than a third of a millisecond there).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
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


def cache_dir(environ: "Mapping[str, str] | None" = None) -> PathWithSource:
    """Where compiled knowledge bases, search indexes and rendered pages are kept."""
    env = os.environ if environ is None else environ
    if env.get("SPASMGUIDE_CACHE_DIR"):
        return PathWithSource(env["SPASMGUIDE_CACHE_DIR"], "SPASMGUIDE_CACHE_DIR")
    if sys.platform == "win32":
        return _under(env.get("LOCALAPPDATA"), (APP, "Cache"), "LOCALAPPDATA")
    if sys.platform == "darwin":
        return _under(env.get("HOME"), ("Library", "Caches", APP), "the macOS convention")
    return _xdg(env, "XDG_CACHE_HOME", (".cache",))


def data_dir(environ: "Mapping[str, str] | None" = None) -> PathWithSource:
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


def environment_layers(environ: "Mapping[str, str] | None" = None) -> list[str]:
    """The knowledge-base paths listed in SPASMGUIDE_KB, in order."""
    env = os.environ if environ is None else environ
    return [given for given in env.get("SPASMGUIDE_KB", "").split(os.pathsep) if given]


def _xdg(env: "Mapping[str, str]", variable: str, fallback: tuple[str, ...]) -> PathWithSource:
    # The XDG spec: a relative value is invalid and must be ignored.
    value = env.get(variable, "")
    if os.path.isabs(value):
        return PathWithSource(os.path.join(value, APP), variable)
    return _under(env.get("HOME"), (*fallback, APP), f"HOME (no {variable})")


def _under(base: str | None, parts: tuple[str, ...], source: str) -> PathWithSource:
    if not base:
        return PathWithSource(None, "no home folder")
    return PathWithSource(os.path.join(base, *parts), source)


# -- trust: only what is the user's own (docs/decisions/015-threat-model.md) -----------------

SECRET_NAME = "secret-key"
SECRET_BYTES = 32
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)
_CLOSE_ON_EXEC = getattr(os, "O_CLOEXEC", 0)
_noted: set[str] = set()


def _owner_id() -> int | None:
    geteuid = getattr(os, "geteuid", None)
    return geteuid() if geteuid is not None else None


def untrusted_reason(folder: str) -> str | None:
    """Why `folder` is not the user's own to trust (another owner, others or the group can
    write it, not a folder), or None when it is, or does not exist yet (it will be made
    0700). As ssh does with ~/.ssh."""
    try:
        status = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        return f"it cannot be checked ({error.strerror})"
    user = _owner_id()
    if user is None:  # pragma: no cover - Windows: folders are per-user by their ACLs
        return None
    if status.st_mode & 0o170000 != 0o040000:
        return None  # nothing can be kept in it anyway: every write fails, quietly
    if status.st_uid != user:
        return "it belongs to another user"
    if status.st_mode & 0o022:
        return "other users can write to it"
    return None


def note_untrusted(folder: str, what: str, reason: str) -> None:
    """Says once per run, on standard error, that a folder is not used and why."""
    if folder in _noted:
        return
    _noted.add(folder)
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in folder)
    stream = sys.stderr
    if stream is not None:
        stream.write(f"spasmguide: note: not using the {what} {shown}: {reason}\n")


def trusted_folder(folder: str, what: str, *, create: bool) -> bool:
    """Whether `folder` may be used: the user's own, writable by no one else (made 0700 when
    missing and `create`). When not, one note says so and the caller goes without it."""
    reason = untrusted_reason(folder)
    if reason is None and create:
        try:
            make_private_folder(folder)
        except OSError:
            return False
        reason = untrusted_reason(folder)  # it may have been made by someone else meanwhile
    if reason is not None:
        note_untrusted(folder, what, reason)
        return False
    return True


def cache_subfolder(root: str, name: str, *, create: bool) -> str | None:
    """`root/name` when both are the user's own (see `trusted_folder`), else None."""
    if not trusted_folder(root, "cache folder", create=create):
        return None
    folder = os.path.join(root, name)
    if not trusted_folder(folder, "cache folder", create=create):
        return None
    return folder


def read_own_file(
    path: str, limit: int, *, at_most: int | None = None, private: bool = False
) -> bytes | None:
    """The bytes of `path` if it is a regular file of the user's own (never through a link,
    never a FIFO or device) of at most `limit` bytes, or only its first `at_most` bytes;
    with `private`, only if no one else may read or write it. None otherwise."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW | _NON_BLOCKING | _CLOSE_ON_EXEC)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        user = _owner_id()
        if (
            status.st_mode & 0o170000 != 0o100000
            or (user is not None and status.st_uid != user)
            or (private and user is not None and status.st_mode & 0o077)
            or status.st_size > limit
        ):
            return None
        chunks = []
        left = limit + 1 if at_most is None else at_most
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= limit or at_most is not None else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def secret_key_path(root: str) -> str:
    return os.path.join(root, SECRET_NAME)


def secret_key(root: str, *, create: bool = False) -> bytes | None:
    """The user's secret for authenticating cache entries in `root` (which the caller has
    checked is the user's own): 32 random bytes in a 0600 file only the user can read, made
    when missing and `create`. None when there is none, or it is not private."""
    path = secret_key_path(root)
    found = _read_secret(path)
    if found is not None or not create:
        return found
    try:
        descriptor = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW | _CLOSE_ON_EXEC, PRIVATE_FILE
        )
    except FileExistsError:  # another run made it first
        return _read_secret(path)
    except OSError:
        return None
    secret = os.urandom(SECRET_BYTES)
    try:
        written = os.write(descriptor, secret)
    except OSError:
        written = 0
    finally:
        os.close(descriptor)
    return secret if written == SECRET_BYTES else None


def _read_secret(path: str) -> bytes | None:
    secret = read_own_file(path, SECRET_BYTES, private=True)
    return secret if secret is not None and len(secret) == SECRET_BYTES else None


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
        self.temporary = os.path.join(folder, f"{TEMPORARY_PREFIX}{_unique()}{TEMPORARY_SUFFIX}")
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
        trace: "TracebackType | None",
    ) -> None:
        # A signal now (SIGTERM, SIGHUP, Ctrl-C) waits until the temporary file is gone.
        blocked = _block_signals()
        # Creating the temporary file (with O_EXCL) failed because a file of that name was
        # there already: it is not ours to remove.
        not_ours = isinstance(error, FileExistsError) and error.filename == self.temporary
        try:
            if kind is None:
                os.chmod(self.temporary, self.mode)
                os.replace(self.temporary, self.target)
        finally:
            try:
                if not not_ours and os.path.lexists(self.temporary):
                    os.unlink(self.temporary)
            finally:
                _unblock_signals(blocked)


def _unique() -> str:
    """This process and 48 random bits: no other run, and no one guessing, picks the same."""
    return f"{os.getpid()}-{os.urandom(6).hex()}"


def write_atomically(
    target: str, data: "bytes | Sequence[bytes]", *, private: bool = False
) -> None:
    """Writes `data` (or its parts, one after another, so that a large file need not be
    joined in memory first) to `target` whole or not at all (see `replacing`)."""
    parts = (data,) if isinstance(data, bytes) else data
    with replacing(target, private=private) as temporary:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(descriptor, "wb") as stream:
            for part in parts:
                stream.write(part)


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
