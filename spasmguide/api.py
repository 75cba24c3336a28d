"""The guide for other programs: open it with any layers, get pages as data, search, ask, list.

A web page, a TUI or a notebook uses this module and never the command line; nothing here
imports Typer, and Rich only when a page is rendered as terminal text. Errors are
`GuideError`s with a `kind` ("not-found", "invalid-content" or "usage"), a message, and the
arguments of a command that would help (`try_instead`), never an exit code.

    from spasmguide.api import Guide, render

    guide = Guide.open(layers=["my-notes/"])
    page = guide.lookup("lower back")          # a Page: title, sections, notice, data
    print(render(page, "markdown"))
    guide.ask("my calf cramps at night").data["readings"]

`spasmguide` itself re-exports these names lazily (`from spasmguide import Guide` works
without slowing the command's start-up).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from spasmguide.errors import GuideError, InvalidContentError, NotFoundError, UsageError
from spasmguide.kb import names
from spasmguide.kb.guide import GuideInForce
from spasmguide.kb.model import LISTED_KINDS, Cause, KnowledgeBase, Region, Technique
from spasmguide.pages import builders
from spasmguide.pages.document import Command, Page

__all__ = [
    "Command",
    "Guide",
    "GuideError",
    "InvalidContentError",
    "NotFoundError",
    "Page",
    "UsageError",
    "render",
]

Format = Literal["text", "markdown", "json", "html"]
ENTRY_KINDS = ("regions", "causes", "techniques", "acupoints")


class Guide:
    """The knowledge base of the shipped files and the given layers, loaded once, lazily."""

    def __init__(self, guide: GuideInForce) -> None:
        self._guide = guide

    @classmethod
    def open(
        cls,
        layers: Sequence[str] = (),
        *,
        cache_dir: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Guide:
        """The guide with `layers` (YAML files or folders) over the shipped knowledge base.
        `cache_dir` keeps the compiled knowledge base there (default: the user's cache
        folder, as the command line does); `environ` stands in for the process environment
        (SPASMGUIDE_KB layers are read from it)."""
        env = dict(environ) if environ is not None else None
        if cache_dir is not None:
            env = {**(env if env is not None else _os_environ()), "SPASMGUIDE_CACHE_DIR": cache_dir}
        return cls(GuideInForce(layers, env))

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base; raises InvalidContentError listing every problem."""
        return self._guide.kb

    def lookup(
        self, region: str | None = None, cause: str | None = None, *, full: bool = True
    ) -> Page:
        """A region's page, a cause's, or both together: warning signs first, then self-care,
        then techniques ranked by evidence."""
        if region is None and cause is None:
            raise UsageError("give a region, a cause or both")
        kb = self.kb
        found_region = names.resolve_region(kb, region) if region is not None else None
        found_cause = names.resolve_cause(kb, cause) if cause is not None else None
        return builders.lookup_page(kb, found_region, found_cause, full=full)

    def technique(self, name: str) -> Page:
        return builders.technique_page(self.kb, names.resolve_technique(self.kb, name))

    def acupoint(self, name: str) -> Page:
        return builders.acupoint_page(self.kb, names.resolve_acupoint(self.kb, name))

    def red_flags(self, region: str | None = None) -> Page:
        found = names.resolve_region(self.kb, region) if region is not None else None
        return builders.red_flags_page(self.kb, found)

    def evidence(self, name: str | None = None) -> Page:
        """The evidence: all of it, or what bears on one technique, region or cause."""
        if name is None:
            return builders.evidence_page(self.kb)
        found = names.resolve_first(self.kb, name, ("techniques", "regions", "causes"))
        assert isinstance(found, Technique | Region | Cause)
        return builders.evidence_page(self.kb, found)

    def about(self) -> Page:
        return builders.about_page(self.kb)

    def list(self, kind: str) -> Page:
        """The entries of one kind: regions, techniques, causes or acupoints."""
        if kind not in LISTED_KINDS:
            raise UsageError(f"the kind to list must be one of {', '.join(LISTED_KINDS)}")
        return builders.list_page(self.kb, kind)

    def entries(self, kind: str) -> dict[str, str]:
        """Each entry of `kind` by id, with what a page calls it."""
        from spasmguide.kb.names import entry_name

        if kind not in ENTRY_KINDS:
            raise UsageError(f"the kind must be one of {', '.join(ENTRY_KINDS)}")
        return {entry_id: entry_name(entry) for entry_id, entry in self.kb.collection(kind).items()}

    def search(self, query: str, *, limit: int = 20) -> Page:
        """Ranked full-text search of the whole guide; word forms match."""
        from spasmguide.kb.search import search

        kb = self.kb
        return builders.search_page(
            kb, search(kb, query, limit=limit, postings=self._guide.postings())
        )

    def ask(self, text: str) -> Page:
        """A question in a person's own words: what was understood and why, warning signs
        first, then the page it points to (`page.data` holds the readings)."""
        from spasmguide.kb.ask import understand

        if not text.strip():
            raise UsageError("say what is wrong, e.g. 'my calf cramps at night'")
        return builders.ask_page(self.kb, understand(self.kb, text))

    def study_guide(self) -> Page:
        """The whole guide as one page to study from (what `export` writes)."""
        return builders.study_guide_page(self.kb)


def render(page: Page, output: Format = "markdown", *, width: int = 80) -> str:
    """A page in one format: terminal text (plain, `width` columns), Markdown, JSON or one
    self-contained HTML file."""
    if output == "markdown":
        from spasmguide.render.markdown import render_markdown

        return render_markdown(page)
    if output == "json":
        from spasmguide.render.json import render_json

        return render_json(page)
    if output == "html":
        from spasmguide.render.html import render_html

        return render_html(page)
    if output == "text":
        from rich.console import Console

        from spasmguide.render.text import render_text, usable_width

        console = Console(
            width=usable_width(width), highlight=False, markup=False, emoji=False, color_system=None
        )
        with console.capture() as captured:
            render_text(page, console)
        return captured.get()
    raise UsageError(f"the format must be text, markdown, json or html, not {output!r}")


def _os_environ() -> dict[str, str]:
    import os

    return dict(os.environ)
