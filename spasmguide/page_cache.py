"""Rendered pages kept with everything they depended on, so a repeated page is only written.

A page of a read-only command is stored with a digest of its request (the arguments, the
interpreter's own arguments, the working folder, the environment less a few volatile
variables, which standard streams are terminals and their size, the output encoding) and a
stamp of every file it depended on: each loaded module file, the interpreter, each folder on
the module search path, and each knowledge-base file and folder. A later run with the same
request checks each stamp with one `os.stat` and, when none changed, writes the stored bytes
without importing Typer, Rich or YAML; anything changed, missing or uncheckable means the
page is rendered again. See docs/decisions/010-page-cache.md.

This module runs on the fast path, so it imports only what the interpreter has loaded
already, plus `_blake2` and `_operator` (not even `__future__`: the names only the type
checker sees are written in quotes); recording a page also uses `spasmguide.cli.terminal` and
`spasmguide.kb.layers`, which the command line has loaded by then.
"""

import marshal
import os
import sys
import time
from _operator import _compare_digest as compare_digest  # `hmac`'s, without hashlib

from spasmguide.user_files import (
    TEMPORARY_SUFFIX as TEMPORARY_SUFFIX,
)
from spasmguide.user_files import (
    cache_dir,
    cache_subfolder,
    is_temporary_name,
    read_own_file,
    secret_key,
    write_atomically,
)

# `typing`, `collections` and `contextlib` are not loaded when the interpreter starts, and
# importing them would cost more than serving the page: types are for the checker only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Any, TextIO

    from spasmguide.invocation import Invocation

try:  # the digest alone, without hashlib and OpenSSL (about 4 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b

# Only these commands' pages are kept: each reads the knowledge base and nothing else, and
# prints one page. A new read-only command joins here.
CACHED_COMMANDS = (
    "ask",
    "lookup",
    "technique",
    "acupoint",
    "list",
    "search",
    "red-flags",
    "evidence",
    "about",
)
# Set per terminal, login or `cd`, and read by neither this program nor its libraries:
# leaving them out lets a page be found again from another shell or folder history.
VOLATILE_VARIABLES = frozenset(
    ("_", "OLDPWD", "SHLVL", "SSH_CLIENT", "SSH_CONNECTION", "TERM_SESSION_ID", "WINDOWID")
)
DISABLE_VARIABLE = "SPASMGUIDE_NO_PAGE_CACHE"

ENTRY_FORMAT = 1
MAGIC = b"spasmguide-page\n"
DIGEST_SIZE = 16
FOLDER_NAME = "pages"
SUFFIX = ".page"
MAX_TOTAL_BYTES = 16 * 1024 * 1024
# No entry is read beyond this (a page larger than the whole cache is never kept).
MAX_ENTRY_BYTES = MAX_TOTAL_BYTES
# A file changed this recently may change again within one tick of its file system's clock
# (FAT's is 2 s) without its stamp changing, so a page that read one is not kept yet.
SETTLE_NS = 2_000_000_000
# A temporary file older than this was left by a run that was killed while writing.
ABANDONED_SECONDS = 3600

if TYPE_CHECKING:
    Stamp = tuple[int, int, int, int, int] | None


class Request:
    """What a page depends on besides files, reduced to a digest, and where it would be kept."""

    __slots__ = ("digest", "folder", "kb_paths", "started_ns")

    def __init__(
        self, digest: bytes, folder: str, started_ns: int, kb_paths: tuple[str, ...]
    ) -> None:
        self.digest = digest
        self.folder = folder
        self.started_ns = started_ns
        self.kb_paths = kb_paths


class Entry:
    """A stored page: its bytes, whether it went to the pager, and the files it depended on."""

    __slots__ = ("page", "paged", "stamps")

    def __init__(self, page: bytes, paged: bool, stamps: "tuple[tuple[str, Stamp], ...]") -> None:
        self.page = page
        self.paged = paged
        self.stamps = stamps


def cache_folder(environ: "Mapping[str, str]") -> str | None:
    """The user cache folder (`user_files.cache_dir`, which imports nothing heavy)."""
    return cache_dir(environ).path


def request_for(
    invocation: "Invocation", environ: "Mapping[str, str] | None" = None
) -> Request | None:
    """The request of this run, or None when its page is not to be cached."""
    env = os.environ if environ is None else environ
    if env.get(DISABLE_VARIABLE, "") not in ("", "0"):
        return None
    if invocation.command not in CACHED_COMMANDS or not invocation.shows_page:
        return None
    base = cache_folder(env)
    if base is None or sys.stdout is None:
        return None
    try:
        working_folder = os.getcwd()
    except OSError:
        return None
    parts = [
        f"format {ENTRY_FORMAT}",
        sys.version,
        *sys.orig_argv,
        "\x01",
        *invocation.arguments,
        "\x01",
        working_folder,
        *sys.path,
        "\x01",
        *sorted(f"{name}={value}" for name, value in env.items() if name not in VOLATILE_VARIABLES),
        "\x01",
        str(getattr(sys.stdout, "encoding", None)),
        *(_terminal(descriptor) for descriptor in (0, 1, 2)),
    ]
    described = "\x00".join(parts).encode("utf-8", "surrogateescape")
    return Request(
        blake2b(described, digest_size=DIGEST_SIZE).digest(),
        os.path.join(base, FOLDER_NAME),
        time.time_ns(),
        invocation.kb_paths,
    )


def _terminal(descriptor: int) -> str:
    """Whether a standard stream is a terminal, and its size: what the text renderer reads."""
    try:
        if not os.isatty(descriptor):
            return "not a terminal"
        size = os.get_terminal_size(descriptor)
    except OSError:
        return "no size"
    return f"terminal {size.columns}x{size.lines}"


def entry_path(request: Request) -> str:
    return os.path.join(request.folder, request.digest.hex() + SUFFIX)


def look_up(request: Request) -> Entry | None:
    """The stored page for `request` if the cache folder is the user's own, the entry is
    authentic, and every file it depended on is as it was."""
    root = os.path.dirname(request.folder)
    if cache_subfolder(root, FOLDER_NAME, create=False) is None:
        return None
    key = secret_key(root)
    if key is None:
        return None
    entry = read_entry(entry_path(request), request.digest, key)
    if entry is None or not unchanged(entry.stamps):
        return None
    return entry


def unchanged(stamps: "tuple[tuple[str, Stamp], ...]") -> bool:
    """Whether every recorded stamp still holds, one `os.stat` per path. The same pass refuses
    whatever a stored entry holds that is malformed (an item that is not a pair of a path and a
    stamp matches nothing), and a path that cannot be checked cannot be trusted."""
    try:
        for path, recorded in stamps:
            if not isinstance(path, str) or stamp(path) != recorded:
                return False
    except (OSError, ValueError, TypeError):
        return False
    return True


def stamp(path: str) -> "Stamp":
    """A file's or folder's size, times and identity; None when there is nothing there.
    Any other failure to look is raised: such a file cannot be checked."""
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _root_of(path: str) -> str:
    return os.path.dirname(os.path.dirname(path))


def read_entry(path: str, digest: bytes, key: bytes | None = None) -> Entry | None:
    """The entry in `path` if it is a regular file of the user's own, whole, for `digest`,
    authenticated with the user's secret `key` (by default the one of its cache folder), and
    well-formed; None otherwise. Never follows a link, never waits on a FIFO. Each stamp's
    form is checked where it is compared (`unchanged`), in the same pass as its `stat`."""
    if key is None:
        key = secret_key(_root_of(path))
        if key is None:
            return None
    blob = read_own_file(path, MAX_ENTRY_BYTES)
    if blob is None:
        return None
    header = MAGIC + digest
    if not blob.startswith(header):
        return None
    start = len(header) + DIGEST_SIZE
    checksum, payload = blob[len(header) : start], blob[start:]
    if not compare_digest(_mac(payload, key), checksum):
        return None
    try:
        entry_format, paged, stamps, page = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    if entry_format != ENTRY_FORMAT or not isinstance(page, bytes) or not isinstance(stamps, tuple):
        return None
    return Entry(page, paged is True, stamps)


def _mac(payload: bytes, key: bytes) -> bytes:
    """BLAKE2b keyed with the user's secret: only the user can make an entry that passes."""
    return blake2b(payload, digest_size=DIGEST_SIZE, key=key).digest()


def write_entry(path: str, digest: bytes, entry: Entry) -> bool:
    """Writes `entry` to `path` whole or not at all, in a folder of the user's own and
    authenticated with their secret; False when it cannot be written."""
    root = _root_of(path)
    if cache_subfolder(root, os.path.basename(os.path.dirname(path)), create=True) is None:
        return False
    key = secret_key(root, create=True)
    if key is None:
        return False
    payload = marshal.dumps((ENTRY_FORMAT, entry.paged, entry.stamps, entry.page), 2)
    if len(payload) + len(MAGIC) + 2 * DIGEST_SIZE > MAX_ENTRY_BYTES:
        return False
    blob = MAGIC + digest + _mac(payload, key) + payload
    try:
        write_atomically(path, blob, private=True)
    except OSError:
        return False
    return True


def prune(folder: str, keep: str, limit: int = MAX_TOTAL_BYTES) -> None:
    """Deletes the oldest entries until the folder's entries fit in `limit` bytes, and
    temporary files abandoned by killed runs. Only files this module made are touched: entry
    names in its own folder that open with its magic header. Runs pruning at once are harmless."""
    entries: list[tuple[int, str, int]] = []
    now = time.time()
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                try:
                    status = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if item.name.endswith(SUFFIX) and item.is_file(follow_symlinks=False):
                    entries.append((status.st_mtime_ns, item.path, status.st_size))
                elif (
                    is_temporary_name(item.name) or _older_temporary_name(item.name)
                ) and now - status.st_mtime > ABANDONED_SECONDS:
                    _remove_own(item.path, check_magic=False)
    except OSError:
        return
    total = sum(size for _, _, size in entries)
    for _, path, size in sorted(entries):
        if total <= limit:
            break
        if path != keep and _remove_own(path, check_magic=True):
            total -= size


def _older_temporary_name(name: str) -> bool:
    # What earlier versions named their temporary files here: `.NAME.page.PID-ID.tmp`.
    return name.endswith(".tmp") and SUFFIX + "." in name


def _remove_own(path: str, *, check_magic: bool) -> bool:
    try:
        if check_magic:
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            descriptor = os.open(path, flags)
            try:
                if os.read(descriptor, len(MAGIC)) != MAGIC:
                    return False
            finally:
                os.close(descriptor)
        os.unlink(path)
    except OSError:
        return False
    return True


# -- recording a page on its first run -------------------------------------------------------


class _WatchedStream:
    """Standard error, noting whether anything was written to it."""

    def __init__(self, stream: "TextIO") -> None:
        self.stream = stream
        self.written = False

    def write(self, text: str) -> int:
        if text:
            self.written = True
        return self.stream.write(text)

    def __getattr__(self, name: str) -> "Any":
        return getattr(self.stream, name)


class _Recording:
    def __init__(self, request: Request, stderr: _WatchedStream) -> None:
        self.request = request
        self.stderr = stderr
        self.shown: list[tuple[bytes, bool]] = []

    def saw(self, page: bytes, paged: bool) -> None:
        self.shown.append((page, paged))


_recording: _Recording | None = None


def start_recording(request: Request) -> None:
    """Notes the page this run shows, and whether anything goes to standard error."""
    global _recording
    from spasmguide.cli import terminal

    watched = _WatchedStream(sys.stderr)
    sys.stderr = watched
    _recording = _Recording(request, watched)
    terminal.listen(_recording.saw)


def finish_recording(exit_code: int) -> None:
    """Keeps the page shown if the run succeeded quietly with exactly one page and every file
    it depended on can be stamped and has settled; otherwise keeps nothing."""
    global _recording
    recording, _recording = _recording, None
    if recording is None:
        return
    from spasmguide.cli import terminal

    terminal.stop_listening(recording.saw)
    sys.stderr = recording.stderr.stream
    if exit_code != 0 or recording.stderr.written or len(recording.shown) != 1:
        return
    page, paged = recording.shown[0]
    try:
        stamps = _stamps(dependencies(recording.request.kb_paths), recording.request.started_ns)
    except OSError:
        return
    if stamps is None:
        return
    target = entry_path(recording.request)
    if write_entry(target, recording.request.digest, Entry(page, paged, stamps)):
        prune(recording.request.folder, keep=target)


def _stamps(paths: "Iterable[str]", started_ns: int) -> "tuple[tuple[str, Stamp], ...] | None":
    """Each path's stamp, or None when one changed too recently to be trusted."""
    settled_before = started_ns - SETTLE_NS
    stamps = []
    for path in paths:
        found = stamp(path)
        if found is not None and max(found[1], found[2]) >= settled_before:
            return None
        stamps.append((path, found))
    return tuple(stamps)


def dependencies(kb_paths: "Sequence[str]") -> list[str]:
    """Every file and folder this run's page depended on, as absolute paths, each once:
    the interpreter, the module search path, every loaded module, and the knowledge base."""
    found = [sys.executable]
    found.extend(os.path.abspath(folder) for folder in sys.path)
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if isinstance(name, str):
            found.append(os.path.abspath(name))
    found.extend(_knowledge_base_paths(kb_paths))
    return list(dict.fromkeys(found))


def _knowledge_base_paths(kb_paths: "Sequence[str]") -> list[str]:
    """The shipped data folder and its files, and each given path: the file, or the folder
    and its files (so adding or removing one is seen)."""
    from spasmguide.errors import GuideError
    from spasmguide.kb.layers import (
        FROM_OPTION,
        expand_layer,
        shipped_data_candidates,
        shipped_layer,
    )

    # Every folder the shipped files were looked for in, found or not: one appearing later
    # (a `data` folder inside the package) changes which files are in force.
    found = [os.path.abspath(folder) for folder in shipped_data_candidates()]
    layers = [shipped_layer()]
    for given in kb_paths:
        try:
            layers.append(expand_layer(given, FROM_OPTION))
        except GuideError:  # an empty path: nothing to check
            continue
    for layer in layers:
        found.append(os.path.abspath(os.path.expanduser(layer.given)))
        found.extend(os.path.abspath(path) for path in layer.files)
    return found
