"""Rendered pages kept with everything they depended on, so a repeated page is only written.

A page of a read-only command is stored with a digest of its request (the arguments, the
interpreter's own arguments, the working folder, the environment less a few volatile
variables, which standard streams are terminals and their size, the output encoding) and a
stamp of every file it depended on: each loaded module file, the interpreter, each folder on
the module search path, and each knowledge-base file and folder. A later run with the same
request checks each stamp with one `os.stat` and, when none changed, writes the stored bytes
without importing Typer, Rich or YAML; anything changed, missing or uncheckable means the
page is rendered again. See docs/decisions/010-page-cache.md.

This module is the fast path: looking a page up and checking it. It imports only what the
interpreter has loaded already, plus `_blake2` and `_operator` (not even `__future__`: the
names only the type checker sees are written in quotes). Keeping a page on its first run is
`page_recording`'s, which only a run that renders its page loads.
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
    read_own_file,
    secret_key,
)

# `typing`, `collections` and `contextlib` are not loaded when the interpreter starts, and
# importing them would cost more than serving the page: types are for the checker only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

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


def cache_root(path: str) -> str:
    """The cache folder an entry's path lies in (two folders up: `ROOT/pages/NAME.page`)."""
    return os.path.dirname(os.path.dirname(path))


def read_entry(path: str, digest: bytes, key: bytes | None = None) -> Entry | None:
    """The entry in `path` if it is a regular file of the user's own, whole, for `digest`,
    authenticated with the user's secret `key` (by default the one of its cache folder), and
    well-formed; None otherwise. Never follows a link, never waits on a FIFO. Each stamp's
    form is checked where it is compared (`unchanged`), in the same pass as its `stat`."""
    if key is None:
        key = secret_key(cache_root(path))
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
    if not compare_digest(keyed_digest(payload, key), checksum):
        return None
    try:
        entry_format, paged, stamps, page = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    if entry_format != ENTRY_FORMAT or not isinstance(page, bytes) or not isinstance(stamps, tuple):
        return None
    return Entry(page, paged is True, stamps)


def keyed_digest(payload: bytes, key: bytes) -> bytes:
    """BLAKE2b keyed with the user's secret: only the user can make an entry that passes."""
    return blake2b(payload, digest_size=DIGEST_SIZE, key=key).digest()
