"""The guide as it stands for one run: the layers in force (shipped, SPASMGUIDE_KB, --kb),
their knowledge base from the compiled cache, its cache key and search postings, and the
fallback to the shipped files when a layer is broken. Every command asks this one object.

Only what a command uses is loaded: the YAML loader, the search engine and SQLite are imported
on first use, so a cached page never pays for them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from spasmguide.errors import InvalidContentError
from spasmguide.kb import cache as kb_cache
from spasmguide.kb.layers import (
    FileReport,
    Layer,
    layers_in_force,
    shipped_data_dir,
    shipped_layer,
)
from spasmguide.kb.model import KnowledgeBase
from spasmguide.user_files import cache_dir, environment_layers

if TYPE_CHECKING:
    from spasmguide.kb.search import Postings


class GuideInForce:
    """The knowledge base of the shipped files and the user's layers, loaded once, lazily."""

    def __init__(
        self, option_paths: Sequence[str] = (), environ: Mapping[str, str] | None = None
    ) -> None:
        self.environ = environ
        self.layers: list[Layer] = layers_in_force(option_paths, environment_layers(environ))
        found = cache_dir(environ).path
        self.cache_folder = Path(found) if found else None

    @functools.cached_property
    def _loaded(self) -> tuple[KnowledgeBase, str | None]:
        return kb_cache.load_keyed(self.layers, self.cache_folder)

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base; raises InvalidContentError listing every problem."""
        return self._loaded[0]

    @property
    def cache_key(self) -> str | None:
        """The compiled cache's key of the files in force: a name for exactly this guide
        (None when nothing can be cached). Loads the knowledge base."""
        return self._loaded[1]

    def postings(self) -> Postings:
        """The search postings: from the index file beside the cache, else built in memory."""
        from spasmguide.kb.search_index import open_postings

        kb, key = self._loaded
        return open_postings(kb, key, self.cache_folder)

    def kb_or_shipped(self) -> KnowledgeBase:
        """The knowledge base, or the shipped one alone when a layer is broken (`paths` must
        work then, since that is when it is needed)."""
        try:
            return self.kb
        except InvalidContentError:
            return kb_cache.load([shipped_layer()], self.cache_folder)

    def file_reports(self) -> list[FileReport]:
        """What each file in force provides and replaces, and its problems."""
        from spasmguide.kb.loader import file_reports

        return file_reports(self.layers)

    def checked(self) -> KnowledgeBase:
        """The knowledge base read afresh from every file, never from the cache, and held to
        the content rules (`spasmguide validate`)."""
        from spasmguide.kb.rules import checked

        return checked(self.layers)

    def input_files(self) -> list[Path]:
        """Every knowledge-base file this run reads and must never overwrite: each layer's
        files and the path it was given as, and the shipped data."""
        found: list[Path] = [shipped_data_dir()]
        for layer in self.layers:
            found.append(Path(os.path.expanduser(layer.given)))
            found.extend(layer.files)
        return found

    def file_count(self) -> int:
        return sum(len(layer.files) for layer in self.layers)
