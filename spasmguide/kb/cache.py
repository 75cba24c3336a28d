"""A compiled cache of the validated knowledge base, so most runs never parse YAML.

The cache file is keyed by the program version, the Python version and the exact bytes of
every file in force (with its place in the layers), so any change to any file, or a new
release, makes a new key. Its payload is `marshal` data (plain tuples, dicts and strings,
which cannot execute code when loaded) behind a magic header and a checksum; a file that
fails any check is ignored and rebuilt, never trusted. The checksums are CRC-32s from
`zlib`: they catch edits and corruption, and importing `hashlib` would cost more start-up
than everything else this module does (docs/decisions/005). Files are written to a temporary
name and renamed into place, so many first runs at once each see either no file or a whole
one. When no cache folder can be written, everything still works, only slower.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import stat
import sys
import time
import typing
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from spasmguide import __version__
from spasmguide.errors import GuideError
from spasmguide.kb.layers import Layer, check_total_size, read_file_bytes
from spasmguide.kb.model import (
    COLLECTIONS,
    Guide,
    KnowledgeBase,
    field_types,
    is_record,
    record_layout,
)
from spasmguide.user_files import cache_dir, make_private_folder, write_atomically

CACHE_FORMAT = 3
MAGIC = b"spasmguide-kb\n"
DIGEST_SIZE = 4
HEADER_BYTES = 100  # enough for the magic header here and SQLite's application id
KEEP_FILES = 8
KB_FOLDER = "kb"
# A temporary file older than this is what a killed run left behind, not a build in progress.
STALE_SECONDS = 3600


def load(layers: Sequence[Layer], folder: Path | None = None) -> KnowledgeBase:
    """The knowledge base of `layers`: from the cache when a valid entry exists, otherwise
    loaded from YAML (raising its errors) and cached for next time."""
    return load_keyed(layers, folder)[0]


def load_keyed(
    layers: Sequence[Layer], folder: Path | None = None
) -> tuple[KnowledgeBase, str | None]:
    """Like `load`, with the cache key of these files (None when nothing can be cached)."""
    if folder is None:
        found = cache_dir().path
        folder = Path(found) if found else None
    check_total_size(layers)
    contents = _read_all(layers)
    if contents is None or folder is None:
        return _load_yaml(layers, contents), None
    key = cache_key(layers, contents)
    target = folder / KB_FOLDER / f"kb-{key}.bin"
    cached = read_cache(target, key)
    if cached is not None:
        return cached, key
    kb = _load_yaml(layers, contents)
    del contents  # the files' bytes are not needed to write the cache
    write_cache(target, key, kb)
    return kb, key


def cache_key(layers: Sequence[Layer], contents: Mapping[Path, bytes]) -> str:
    """A name for exactly this program and these files: each file's path, size and CRC-32."""
    parts = [__version__, sys.version, str(CACHE_FORMAT), str(marshal.version), record_layout()]
    for layer in layers:
        parts.append(f"layer:{layer.origin}:{len(layer.files)}")
        for path in layer.files:
            data = contents[path]
            parts.append(f"{path}:{len(data)}:{zlib.crc32(data):08x}")
    described = "\n".join(parts).encode("utf-8", "surrogateescape")
    # Two independent checksums of the description give a 64-bit name.
    return f"{zlib.crc32(described):08x}{zlib.adler32(described):08x}"


def read_cache(target: Path, key: str) -> KnowledgeBase | None:
    """The cached knowledge base in `target` if it is whole, for `key`, and well-formed."""
    try:
        blob = target.read_bytes()
    except OSError:
        return None
    header = MAGIC + key.encode() + b"\n"
    if not blob.startswith(header):
        return None
    digest, payload = (
        blob[len(header) : len(header) + DIGEST_SIZE],
        blob[len(header) + DIGEST_SIZE :],
    )
    if _checksum(payload) != digest:
        return None
    try:
        return from_plain(marshal.loads(payload))
    except (ValueError, EOFError, TypeError, IndexError, KeyError):
        return None


def write_cache(target: Path, key: str, kb: KnowledgeBase) -> None:
    """Writes `kb` to `target` atomically; any failure leaves the cache as it was."""
    payload = marshal.dumps(to_plain_tuples(kb))
    header = MAGIC + key.encode() + b"\n" + _checksum(payload)
    try:
        make_private_folder(str(target.parent))
        write_atomically(str(target), header + payload, private=True)
        prune(target.parent, keep=target, ours=lambda head: head.startswith(MAGIC))
    except OSError:
        return


def _checksum(payload: bytes) -> bytes:
    return zlib.crc32(payload).to_bytes(DIGEST_SIZE, "big")


def prune(folder: Path, keep: Path, ours: Callable[[bytes], bool]) -> None:
    """Deletes all but the newest few cache files in `folder` (a folder of the cache's own),
    and temporary files a killed run left there more than an hour ago. A file counts as the
    cache's only when its first bytes pass `ours` (its magic header), never by its name, so
    nothing another program keeps there is touched. Another run pruning at once is harmless."""
    dated = []
    now = time.time()
    for path in folder.iterdir():
        try:
            status = path.lstat()
            if not stat.S_ISREG(status.st_mode) or path == keep:
                continue
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                if now - status.st_mtime > STALE_SECONDS:
                    path.unlink()
                continue
            with path.open("rb") as stream:
                head = stream.read(HEADER_BYTES)
        except OSError:
            continue
        if ours(head):
            dated.append((status.st_mtime, path))
    for _, old in sorted(dated, reverse=True)[KEEP_FILES - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()


def _read_all(layers: Sequence[Layer]) -> dict[Path, bytes] | None:
    """Every file's bytes, or None when a layer or file has a problem for the loader to report."""
    contents: dict[Path, bytes] = {}
    for layer in layers:
        if layer.problems:
            return None
        for path in layer.files:
            try:
                contents[path] = read_file_bytes(path)
            except GuideError:
                return None
    return contents


def _load_yaml(layers: Sequence[Layer], contents: Mapping[Path, bytes] | None) -> KnowledgeBase:
    from spasmguide.kb.loader import load_knowledge_base

    return load_knowledge_base(layers, contents)


# -- records to marshal-able data and back ------------------------------------------------
#
# Each entry is marshalled on its own, so a run decodes only the entries it touches: a
# lookup on a knowledge base with 10,000 extra techniques builds a dozen records, not 10,000.


class LazyRecords(Mapping[str, Any]):
    """A read-only collection whose records are decoded from their bytes on first use."""

    def __init__(self, record: type[Any], encoded: dict[str, bytes]) -> None:
        self._record = record
        self._encoded = encoded
        self._built: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        built = self._built.get(key)
        if built is None:
            built = self._built[key] = _build(self._record, marshal.loads(self._encoded[key]))
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    def __contains__(self, key: object) -> bool:
        return key in self._encoded


def to_plain_tuples(kb: KnowledgeBase) -> tuple[Any, ...]:
    collections = {
        kind: {key: marshal.dumps(_strip(entry)) for key, entry in kb.collection(kind).items()}
        for kind in COLLECTIONS
    }
    names = {kind: dict(table) for kind, table in kb.names.items()}
    return (_strip(kb.guide), collections, names, dict(kb.changed_by))


def from_plain(plain: tuple[Any, ...]) -> KnowledgeBase:
    guide_values, collections, names, changed_by = plain
    lazy = {kind: LazyRecords(record, collections[kind]) for kind, record in COLLECTIONS.items()}
    return KnowledgeBase(
        guide=_build(Guide, guide_values), names=names, changed_by=changed_by, **lazy
    )


def _strip(value: Any) -> Any:
    """Records become plain tuples, recursively."""
    if isinstance(value, tuple):
        return tuple(_strip(item) for item in value)
    return value


def _build(record: Any, values: tuple[Any, ...]) -> Any:
    nested = _nested_fields(record)
    if not nested:
        return record._make(values)
    items = list(values)
    for index, (inner, many) in nested.items():
        if many:
            items[index] = tuple(_build(inner, item) for item in items[index])
        elif items[index] is not None:
            items[index] = _build(inner, items[index])
    return record._make(items)


@functools.cache
def _nested_fields(record: Any) -> dict[int, tuple[type[Any], bool]]:
    """The positions of `record`'s fields that hold other records: a tuple of them (True), or
    one that may be absent (False)."""
    found = {}
    for index, hint in enumerate(field_types(record).values()):
        arguments = typing.get_args(hint)
        if typing.get_origin(hint) is tuple and arguments and is_record(arguments[0]):
            found[index] = (arguments[0], True)
        elif any(is_record(argument) for argument in arguments):
            found[index] = (next(arg for arg in arguments if is_record(arg)), False)
    return found
