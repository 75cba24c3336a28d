"""Golden pages: rendered output compared with reviewed files in tests/golden/.

After a deliberate change to content or layout, regenerate them and review the diff:

    SPASMGUIDE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages import builders as pages
from spasmguide.pages.document import Page
from spasmguide.render.json import render_json
from spasmguide.render.markdown import render_markdown
from tests.conftest import render_to_string

GOLDEN = Path(__file__).resolve().parent / "golden"
# Read when the module is collected: the isolation fixture clears SPASMGUIDE_* for each test.
UPDATE = bool(os.environ.get("SPASMGUIDE_UPDATE_GOLDEN"))


def text_at(width: int, *, color: bool = False) -> Callable[[Page], str]:
    return lambda page: render_to_string(page, width, color=color)


def region_page(region: str) -> Callable[[KnowledgeBase], Page]:
    return lambda kb: pages.region_page(kb, kb.regions[region])


CASES: dict[str, tuple[Callable[[KnowledgeBase], Page], Callable[[Page], str]]] = {
    "lookup-neck-80.txt": (lambda kb: pages.region_page(kb, kb.regions["neck"]), text_at(80)),
    "lookup-neck-short-80.txt": (
        lambda kb: pages.region_page(kb, kb.regions["neck"], full=False),
        text_at(80),
    ),
    **{
        f"lookup-{region}-80.txt": (region_page(region), text_at(80))
        for region in ("jaw", "head", "mid-back", "forearm-hand", "foot", "front-thigh")
    },
    "lookup-neck-120.txt": (lambda kb: pages.region_page(kb, kb.regions["neck"]), text_at(120)),
    "lookup-neck.md": (lambda kb: pages.region_page(kb, kb.regions["neck"]), render_markdown),
    "lookup-calf-stress-60.txt": (
        lambda kb: pages.combined_page(kb, kb.regions["calf"], kb.causes["stress"]),
        text_at(60),
    ),
    "technique-cupping-80.txt": (
        lambda kb: pages.technique_page(kb, kb.techniques["cupping"]),
        text_at(80),
    ),
    "technique-cupping-80.ansi": (
        lambda kb: pages.technique_page(kb, kb.techniques["cupping"]),
        text_at(80, color=True),
    ),
    "technique-cupping.json": (
        lambda kb: pages.technique_page(kb, kb.techniques["cupping"]),
        render_json,
    ),
    "red-flags-100.txt": (lambda kb: pages.red_flags_page(kb), text_at(100)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendered_page_matches_its_golden_file(kb: KnowledgeBase, name: str) -> None:
    build, render = CASES[name]
    rendered = render(build(kb))
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden file {name}: regenerate (see this module's docstring)"
    assert rendered == golden.read_text(encoding="utf-8")
