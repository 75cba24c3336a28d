"""Keeping a page on its first run, for `page_cache` to find again.

While a run that may be kept renders its page, the command line's terminal output tells this
module the bytes it shows, and standard error is watched. When the run ends well (exit code
0, nothing on standard error, exactly one page), the page is written to the page cache with
the stamp of every file and folder it depended on, and the cache is pruned to its size. See
docs/decisions/010-page-cache.md.

Only a run that renders its page loads this module; by then the command line has loaded
`spasmguide.cli.terminal` and `spasmguide.kb.layers`, which it uses.
"""

from __future__ import annotations

import marshal
import os
import sys
import time

from spasmguide.page_cache import (
    ABANDONED_SECONDS,
    DIGEST_SIZE,
    ENTRY_FORMAT,
    MAGIC,
    MAX_ENTRY_BYTES,
    MAX_TOTAL_BYTES,
    SETTLE_NS,
    SUFFIX,
    Entry,
    Request,
    cache_root,
    entry_path,
    keyed_digest,
    stamp,
)
from spasmguide.user_files import (
    cache_subfolder,
    is_temporary_name,
    secret_key,
    write_atomically,
)

# The convention of the start-up path's modules (`typing` is loaded by the time this runs).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any, TextIO

    from spasmguide.page_cache import Stamp


def write_entry(path: str, digest: bytes, entry: Entry) -> bool:
    """Writes `entry` to `path` whole or not at all, in a folder of the user's own and
    authenticated with their secret; False when it cannot be written."""
    root = cache_root(path)
    if cache_subfolder(root, os.path.basename(os.path.dirname(path)), create=True) is None:
        return False
    key = secret_key(root, create=True)
    if key is None:
        return False
    payload = marshal.dumps((ENTRY_FORMAT, entry.paged, entry.stamps, entry.page), 2)
    if len(payload) + len(MAGIC) + 2 * DIGEST_SIZE > MAX_ENTRY_BYTES:
        return False
    blob = MAGIC + digest + keyed_digest(payload, key) + payload
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

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.written = False

    def write(self, text: str) -> int:
        if text:
            self.written = True
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
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


def _stamps(paths: Iterable[str], started_ns: int) -> tuple[tuple[str, Stamp], ...] | None:
    """Each path's stamp, or None when one changed too recently to be trusted."""
    settled_before = started_ns - SETTLE_NS
    stamps = []
    for path in paths:
        found = stamp(path)
        if found is not None and max(found[1], found[2]) >= settled_before:
            return None
        stamps.append((path, found))
    return tuple(stamps)


def dependencies(kb_paths: Sequence[str]) -> list[str]:
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


def _knowledge_base_paths(kb_paths: Sequence[str]) -> list[str]:
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
