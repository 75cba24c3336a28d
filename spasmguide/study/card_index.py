"""The cards a guide can ask, known without building them, for `quiz --stats`.

Which cards a quiz can ask is decided by the fairness checks of `spasmguide.study.cards`: a
card whose every wording would give its answer away, or that has too few wrong answers, is
never asked. Those checks read the text of every card. Their verdict is the same for the same
guide and the same program, so it is worked out once, by building every card, and kept in
the cache folder: a list of the cards that can be asked, each with its topic, regions and
meridian, exactly as building every card finds them. `quiz --stats` then counts cards (and
filters them by topic, region and meridian) without building one, or importing the module
that builds them.

The file is named by the compiled knowledge base's key (the exact files in force, the
program's version) and the folder the program runs from, and is authenticated like the
compiled knowledge base (`kb.cache.read_signed`). It also holds the size and modification
time of every module of ours that was loaded when it was written: a change to any of them
means the list is worked out again. Without a cache folder of the user's own, every card is
built each time.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from spasmguide.kb.cache import KEY_SIZE, read_signed, secret_for, write_signed

try:  # the digest alone, without hashlib and OpenSSL, as `kb.cache` does
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b

if TYPE_CHECKING:
    from spasmguide.kb.guide import GuideInForce
    from spasmguide.kb.model import KnowledgeBase

INDEX_FORMAT = 1
MAGIC = b"spasmguide-cards\n"
CARDS_FOLDER = "cards"
PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Candidate(NamedTuple):
    """A card the quiz may ask, known before it is built: its id, topic, regions, meridian."""

    card: str
    topic: str
    regions: tuple[str, ...]
    meridian: str | None


class _Placed(Protocol):
    """What `select_cards` reads of a card or a candidate."""

    @property
    def topic(self) -> str: ...
    @property
    def regions(self) -> tuple[str, ...]: ...
    @property
    def meridian(self) -> str | None: ...


_Selectable = TypeVar("_Selectable", bound=_Placed)


def select_cards(
    cards: Iterable[_Selectable],
    *,
    topic: str | None = None,
    region: str | None = None,
    meridian: frozenset[str] | None = None,
) -> list[_Selectable]:
    """The cards of one topic, region (id) and meridians (names), each given that is."""
    return [
        card
        for card in cards
        if (topic is None or card.topic == topic)
        and (region is None or region in card.regions)
        and (meridian is None or card.meridian in meridian)
    ]


def askable_cards(guide: GuideInForce) -> list[Candidate]:
    """Every card the guide in force can ask, in the quiz's order: from the cache folder when
    it holds the list for this guide and this program, else by building every card (and the
    list is kept for next time)."""
    kb = guide.kb
    key, folder = guide.cache_key, guide.cache_folder
    secret = secret_for(folder, CARDS_FOLDER) if key is not None and folder is not None else None
    if secret is None or key is None or folder is None:
        return built_candidates(kb)
    name = _list_name(key)
    target = folder / CARDS_FOLDER / f"cards-{name}.bin"
    kept = _read(target, MAGIC + name.encode() + b"\n", secret)
    if kept is not None:
        return kept
    found = built_candidates(kb)
    rows = tuple((c.card, c.topic, c.regions, c.meridian) for c in found)
    write_signed(target, MAGIC, name, marshal.dumps((_stamps(), rows)), secret)
    return found


def built_candidates(kb: KnowledgeBase) -> list[Candidate]:
    """Every card the knowledge base yields, found by building each one."""
    from spasmguide.study.cards import CardSource

    return CardSource(kb, build_all=True).candidates


def _list_name(key: str) -> str:
    """The list's name: the guide's key, this format, and the folder the program runs from
    (two installs of one release sharing a cache folder each keep their own list)."""
    described = f"{key}\n{INDEX_FORMAT}\n{PACKAGE}".encode("utf-8", "surrogateescape")
    return str(blake2b(described, digest_size=KEY_SIZE).hexdigest())


def _stamps() -> tuple[tuple[str, int, int], ...]:
    """The size and modification time of every module file of ours now loaded."""
    found = []
    for name, module in sorted(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if (name == "spasmguide" or name.startswith("spasmguide.")) and isinstance(path, str):
            try:
                status = os.stat(path)
            except OSError:
                continue
            found.append((path, status.st_size, status.st_mtime_ns))
    return tuple(found)


def _unchanged(stamps: Any) -> bool:
    if not isinstance(stamps, tuple) or not stamps:
        return False
    for item in stamps:
        if not (isinstance(item, tuple) and len(item) == 3 and isinstance(item[0], str)):
            return False
        try:
            status = os.stat(item[0])
        except OSError:
            return False
        if (status.st_size, status.st_mtime_ns) != item[1:]:
            return False
    return True


def _read(target: Path, header: bytes, secret: bytes) -> list[Candidate] | None:
    """The kept list in `target`, if it is whole, ours, for this guide and still current."""
    payload = read_signed(target, header, secret)
    if payload is None:
        return None
    try:
        stamps, rows = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    if not _unchanged(stamps) or not isinstance(rows, tuple):
        return None
    found = []
    for row in rows:
        if not (isinstance(row, tuple) and len(row) == 4 and isinstance(row[2], tuple)):
            return None
        found.append(Candidate(*row))
    return found
