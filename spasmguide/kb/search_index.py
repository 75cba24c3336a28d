"""A persistent search index in SQLite, so searching a large knowledge base stays fast.

It holds the same postings `spasmguide.kb.search` would build in memory (for each stem, the
documents and fields that contain it), keyed like the knowledge-base cache by the exact
files in force, so a search reads only the rows for its own words. It is built once per
knowledge base into a temporary file and renamed into place; a file that cannot be opened,
has the wrong key or fails a query is rebuilt. Without a writable cache folder, search falls
back to building its postings in memory.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from spasmguide.kb.cache import prune
from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.search import (
    DocumentInfo,
    InMemoryPostings,
    Posting,
    Postings,
    postings_by_document,
)
from spasmguide.user_files import cache_subfolder, make_private_folder, replacing

INDEX_FORMAT = 8  # acupoints index their characters, other codes, needling and indications
SEARCH_FOLDER = "search"
# Written into the SQLite header (bytes 68-71), so pruning can tell the cache's own index
# files from anything else: "SgIx".
APPLICATION_ID = 0x53674978


class SqlitePostings:
    """Postings read from an index file, opened read-only."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._total: int | None = None

    def document_count(self) -> int:
        if self._total is None:
            self._total = int(
                self.connection.execute("SELECT count(*) FROM documents").fetchone()[0]
            )
        return self._total

    def postings(self, stem: str) -> list[Posting]:
        rows = self.connection.execute(
            "SELECT document, field, weight FROM postings WHERE stem = ?", (stem,)
        )
        return list(map(Posting._make, rows))

    def document(self, number: int) -> DocumentInfo:
        row = self.connection.execute(
            "SELECT kind, id, name FROM documents WHERE number = ?", (number,)
        ).fetchone()
        return DocumentInfo(*row)


def open_postings(kb: KnowledgeBase, key: str | None, folder: Path | None) -> Postings:
    """The postings for `kb`: from its index file when there is one, else built (and saved)."""
    if key is None or folder is None:
        return InMemoryPostings(kb)
    if cache_subfolder(str(folder), SEARCH_FOLDER, create=True) is None:
        return InMemoryPostings(kb)  # not the user's own folder: never read or written
    target = folder / SEARCH_FOLDER / f"search-{key}-{INDEX_FORMAT}.sqlite"
    existing = _open_checked(target, key)
    if existing is not None:
        return existing
    try:
        build_index(kb, key, target)
    except (OSError, sqlite3.Error):
        return InMemoryPostings(kb)
    return _open_checked(target, key) or InMemoryPostings(kb)


def _open_checked(target: Path, key: str) -> SqlitePostings | None:
    try:
        status = target.lstat()
    except OSError:
        return None
    # Only a regular file of the user's own, never through a link (SQLite would follow it).
    if not stat.S_ISREG(status.st_mode) or status.st_uid != _owner():
        return None
    try:
        # As a URI, so '#', '?' or '%' in a folder name stay part of the path.
        connection = sqlite3.connect(f"{target.absolute().as_uri()}?mode=ro", uri=True)
        row = connection.execute("SELECT key, format FROM meta").fetchone()
        connection.execute("SELECT 1 FROM postings LIMIT 1").fetchall()
    except sqlite3.Error:
        return None
    if row != (key, INDEX_FORMAT):
        connection.close()
        return None
    return SqlitePostings(connection)


def build_index(kb: KnowledgeBase, key: str, target: Path) -> None:
    """Writes the index for `kb` to a temporary file and renames it into place."""
    make_private_folder(str(target.parent))
    with replacing(str(target), private=True) as temporary:
        # Made 0600 before SQLite opens it, so it is never readable by others, even briefly.
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        connection = sqlite3.connect(temporary)
        with connection:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.executescript(
                """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                CREATE TABLE meta (key TEXT NOT NULL, format INTEGER NOT NULL);
                CREATE TABLE documents (
                    number INTEGER PRIMARY KEY, kind TEXT, id TEXT, name TEXT
                );
                CREATE TABLE postings (stem TEXT, document INTEGER, field TEXT, weight REAL);
                """
            )
            # Postings stream in document by document, so memory stays flat however large
            # the knowledge base; only the short document list is kept.
            documents: list[tuple[object, ...]] = []

            def rows() -> Iterator[tuple[object, ...]]:
                for number, info, best in postings_by_document(kb):
                    documents.append((number, *info))
                    for stem, posting in best.items():
                        yield (stem, *posting)

            connection.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)", rows())
            connection.executemany("INSERT INTO documents VALUES (?, ?, ?, ?)", documents)
            connection.execute("CREATE INDEX postings_by_stem ON postings (stem)")
            connection.execute("INSERT INTO meta VALUES (?, ?)", (key, INDEX_FORMAT))
        connection.close()
    prune(target.parent, keep=target, ours=is_index_file)


def _owner() -> int:
    geteuid = getattr(os, "geteuid", None)
    return geteuid() if geteuid is not None else 0


def is_index_file(head: bytes) -> bool:
    """Whether a file's first bytes are those of an index this module wrote."""
    return head.startswith(b"SQLite format 3\x00") and head[68:72] == APPLICATION_ID.to_bytes(
        4, "big"
    )
