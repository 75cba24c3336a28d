"""A compiled cache of the validated knowledge base, so most runs never parse YAML.

The cache file is named by a BLAKE2b digest of the program version, the Python version and
the exact bytes of every file in force (with its place in the layers), so any change to any
file, or a new release, makes a new name; no two different files can be made to share one,
as they could under a checksum such as CRC-32. Its payload is `marshal` data (plain tuples,
dicts and strings, which cannot execute code when loaded) behind a magic header and a BLAKE2b
digest keyed with the user's secret (`user_files.secret_key`), so only the user can write an
entry that is read back. Entries are read only from a cache folder of the user's own, never
through a link, only as regular files of bounded size; a file that fails any check is
ignored and rebuilt, never trusted (docs/decisions/015-threat-model.md). BLAKE2b comes from
the interpreter's built-in `_blake2`, not `hashlib`, which would cost more start-up than
everything else this module does. Files are written to a temporary name and renamed into
place, so many first runs at once each see either no file or a whole one. When no cache
folder can be used, everything still works, only slower.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import stat
import sys
import time
import typing
from _operator import _compare_digest as compare_digest  # `hmac`'s, without hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from spasmguide import __version__
from spasmguide.errors import GuideError
from spasmguide.kb.layers import Layer, ReadBudget, TotalTooLarge, check_total_size
from spasmguide.kb.model import (
    COLLECTIONS,
    Guide,
    KnowledgeBase,
    field_types,
    is_record,
    record_layout,
)
from spasmguide.user_files import (
    cache_dir,
    cache_subfolder,
    read_own_file,
    secret_key,
    write_atomically,
)

try:  # the digest alone, without hashlib and OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b

CACHE_FORMAT = 4
MAGIC = b"spasmguide-kb\n"
DIGEST_SIZE = 32
KEY_SIZE = 16  # the name's digest: 128 bits
# No compiled knowledge base is read beyond this: 16 MiB of YAML compiles to far less.
MAX_CACHE_BYTES = 256 * 1024 * 1024
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
    secret = secret_for(folder)
    if secret is not None:
        cached = read_cache(target, key, secret)
        if cached is not None:
            return cached, key
    kb = _load_yaml(layers, contents)
    del contents  # the files' bytes are not needed to write the cache
    if secret is not None:
        write_cache(target, key, kb, secret)
    return kb, key


def secret_for(folder: Path, subfolder: str = KB_FOLDER) -> bytes | None:
    """The user's secret for this cache folder, when it and its `subfolder` are their own."""
    if cache_subfolder(str(folder), subfolder, create=True) is None:
        return None
    return secret_key(str(folder), create=True)


def cache_key(layers: Sequence[Layer], contents: Mapping[Path, bytes]) -> str:
    """A name for exactly this program and these files: each file's path, size and BLAKE2b
    digest, digested again."""
    parts = [__version__, sys.version, str(CACHE_FORMAT), str(marshal.version), record_layout()]
    for layer in layers:
        parts.append(f"layer:{layer.origin}:{len(layer.files)}")
        for path in layer.files:
            data = contents[path]
            parts.append(f"{path}:{len(data)}:{blake2b(data).hexdigest()}")
    described = "\n".join(parts).encode("utf-8", "surrogateescape")
    return blake2b(described, digest_size=KEY_SIZE).hexdigest()


def read_cache(target: Path, key: str, secret: bytes) -> KnowledgeBase | None:
    """The cached knowledge base in `target` if it is a regular file of the user's own,
    whole, for `key`, authenticated with `secret`, and well-formed."""
    payload = read_signed(target, MAGIC + key.encode() + b"\n", secret)
    if payload is None:
        return None
    try:
        return from_plain(marshal.loads(payload))
    except (ValueError, EOFError, TypeError, IndexError, KeyError):
        return None


def read_signed(target: Path, header: bytes, secret: bytes) -> bytes | None:
    """The payload of `target` if it is a regular file of the user's own that starts with
    `header`, and its payload is authenticated with `secret`; None otherwise."""
    blob = read_own_file(str(target), MAX_CACHE_BYTES)
    if blob is None or not blob.startswith(header):
        return None
    digest, payload = (
        blob[len(header) : len(header) + DIGEST_SIZE],
        blob[len(header) + DIGEST_SIZE :],
    )
    if not compare_digest(_mac(payload, secret), digest):
        return None
    return payload


def write_cache(target: Path, key: str, kb: KnowledgeBase, secret: bytes) -> None:
    """Writes `kb` to `target` atomically; any failure leaves the cache as it was."""
    plain = to_plain_tuples(kb)
    payload = marshal.dumps(plain)
    del plain  # its entries' bytes are in the payload now
    write_signed(target, MAGIC, key, payload, secret)


def write_signed(target: Path, magic: bytes, key: str, payload: bytes, secret: bytes) -> None:
    """Writes `payload` to `target` atomically behind `magic`, `key` and its digest keyed
    with `secret` (what `read_signed` checks), then prunes the older files of that magic in
    its folder; any failure leaves the folder as it was."""
    if len(payload) > MAX_CACHE_BYTES:
        return
    header = magic + key.encode() + b"\n" + _mac(payload, secret)
    try:
        write_atomically(str(target), (header, payload), private=True)
        prune(target.parent, keep=target, ours=lambda head: head.startswith(magic))
    except OSError:
        return


def _mac(payload: bytes, secret: bytes) -> bytes:
    """BLAKE2b keyed with the user's secret: no one else can make an entry that passes."""
    digest: bytes = blake2b(payload, digest_size=DIGEST_SIZE, key=secret).digest()
    return digest


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
            if path.name.startswith(".") and path.name.endswith(".tmp"):  # any version's
                if now - status.st_mtime > STALE_SECONDS:
                    path.unlink()
                continue
            head = read_own_file(str(path), MAX_CACHE_BYTES * 16, at_most=HEADER_BYTES)
            if head is None:
                continue
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
    budget = ReadBudget()
    for layer in layers:
        if layer.problems:
            return None
        for path in layer.files:
            try:
                contents[path] = budget.read(path)
            except TotalTooLarge:
                raise
            except GuideError:
                return None
    return contents


def _load_yaml(layers: Sequence[Layer], contents: dict[Path, bytes] | None) -> KnowledgeBase:
    """The knowledge base read from `contents` (each file's bytes are consumed as it is
    parsed: the cache key is made before)."""
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
