"""The renderers: widths, literal knowledge-base text, escapes, valid JSON and Markdown."""

from __future__ import annotations

import json
import re

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages import builders as pages
from spasmguide.render.json import render_json
from spasmguide.render.markdown import render_markdown
from spasmguide.safe_text import escape_controls
from tests.conftest import render_to_string

HOSTILE = (
    "[bold red]loud[/bold red] [/red] [link=http://x]click[/link]"
    " \x1b[2J\x1b]0;owned\x07 \x9b31m \u202eevil\u202c done"
)
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_kb(kb: KnowledgeBase) -> KnowledgeBase:
    cupping = kb.techniques["cupping"]
    hostile = cupping._replace(
        name=f"Cupping {HOSTILE}", summary=HOSTILE, cautions=(HOSTILE, *cupping.cautions)
    )
    return kb._replace(techniques={**kb.techniques, "cupping": hostile})


@pytest.mark.parametrize("width", [60, 80, 100, 120])
@pytest.mark.parametrize("kind", ["region", "technique", "evidence", "list"])
def test_text_pages_fit_the_terminal_width(kb: KnowledgeBase, width: int, kind: str) -> None:
    page = {
        "region": lambda: pages.region_page(kb, kb.regions["neck"]),
        "technique": lambda: pages.technique_page(kb, kb.techniques["trigger-point-acupuncture"]),
        "evidence": lambda: pages.evidence_page(kb),
        "list": lambda: pages.list_page(kb, "techniques"),
    }[kind]()
    output = render_to_string(page, width)
    assert max(len(line) for line in output.splitlines()) <= width
    # Lists and paragraphs carry no trailing padding (tables, whose cells Rich pads, may).
    listed = [
        line for line in output.splitlines() if line.lstrip().startswith(("•", "1.", "About"))
    ]
    assert all(line == line.rstrip() for line in listed)
    assert "Licensed Acupuncturist (L.Ac)" in " ".join(output.replace("│", " ").split())


def test_hostile_text_is_shown_literally_in_text(kb: KnowledgeBase) -> None:
    page = pages.technique_page(hostile_kb(kb), hostile_kb(kb).techniques["cupping"])
    for color in (False, True):
        output = render_to_string(page, 200, color=color)
        assert "[bold red]loud[/bold red]" in output
        assert "[link=http://x]click[/link]" in output
        assert "\\x1b[2J" in output and "\\x9b" in output and "\\u202e" in output
        without_our_styles = re.sub(r"\x1b\[[0-9;]*m", "", output)
        assert not RAW_CONTROLS.search(without_our_styles)
        assert "\x1b]8;" not in output  # no hyperlink was made


def test_hostile_text_stays_inert_in_json_and_markdown(kb: KnowledgeBase) -> None:
    hostile = hostile_kb(kb)
    page = pages.technique_page(hostile, hostile.techniques["cupping"])
    document = render_json(page)
    assert not RAW_CONTROLS.search(document)
    assert json.loads(document)["technique"]["summary"] == HOSTILE
    markdown = render_markdown(page)
    assert not RAW_CONTROLS.search(markdown)
    assert "\\[bold red\\]" in markdown


def test_escape_controls_keeps_ordinary_text() -> None:
    text = "Bäumler — 1 in 10,000 · 針灸\ttab\nnew line"
    assert escape_controls(text) == text
    assert escape_controls("\x1b\x07\x9b\u202e") == "\\x1b\\x07\\x9b\\u202e"


def test_markdown_tables_escape_pipes(kb: KnowledgeBase) -> None:
    acupoint = kb.acupoints["gb20"]._replace(location="left | right")
    changed = kb._replace(acupoints={**kb.acupoints, "gb20": acupoint})
    markdown = render_markdown(pages.region_page(changed, changed.regions["neck"]))
    assert "left \\| right" in markdown


def test_plain_output_has_no_escape_codes(kb: KnowledgeBase) -> None:
    output = render_to_string(pages.region_page(kb, kb.regions["calf"]), 80)
    assert "\x1b" not in output


@pytest.mark.parametrize("width", [40, 47, 53, 60, 71, 80, 93, 100, 120])
def test_the_notice_never_breaks_the_name_it_must_carry(kb: KnowledgeBase, width: int) -> None:
    from spasmguide.kb.model import NOTICE_MUST_NAME
    from spasmguide.pages import builders as pages

    shown = render_to_string(pages.about_page(kb), width)
    assert any(NOTICE_MUST_NAME in line for line in shown.splitlines())
    rows = [line for line in shown.splitlines() if line.startswith("│")]
    assert rows and all(len(row) == width for row in rows)


def test_a_word_longer_than_the_line_stands_whole_on_its_own_line() -> None:
    """A file's path longer than the terminal is shown unbroken, so it can be copied; the
    words around it still wrap to the width."""
    from spasmguide.pages.document import Bullets, Page, Section

    path = "/home/someone/" + "a-deeply-nested-folder/" * 6 + "red_flags.yaml"
    item = f"A warning sign was changed by your file {path}: the shipped wording is replaced."
    page = Page(
        kind="about",
        title="Paths",
        notice="See a Licensed Acupuncturist (L.Ac).",
        data={},
        sections=(Section("Changed", (Bullets((item,)),)),),
    )
    output = render_to_string(page, 60)
    assert any(line.strip() == f"{path}:" for line in output.splitlines())
    words = [line for line in output.splitlines() if path not in line]
    assert max(len(line) for line in words) <= 60
