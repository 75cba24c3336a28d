"""A question that names a technique or an acupoint ("where is BL57", "gua sha bruises look
bad") points to that page; everyday words that are also names (a B12 vitamin, the L5 vertebra,
"exercise", "jawbone") name none."""

from __future__ import annotations

import json

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.names import pages_named
from tests.conftest import invoke


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        ("where is BL57 and what is it for", [("acupoint", "bl57")]),
        ("gua sha bruises look bad, is that normal", [("technique", "gua-sha")]),
        ("press st 36 and LI-4", [("acupoint", "st36"), ("acupoint", "li4")]),
        ("zu san li for knee pain", [("acupoint", "st36")]),
        ("is the Wind Pool point safe to press", [("acupoint", "gb20")]),
        ("does cupping work", [("technique", "cupping")]),
    ],
)
def test_names_in_a_question_open_their_pages(
    kb: KnowledgeBase, text: str, pages: list[tuple[str, str]]
) -> None:
    assert list(pages_named(kb, text)) == pages


@pytest.mark.parametrize(
    "text",
    [
        "L5 disc pain and my b12 is low",
        "calf cramps after exercise",
        "my jawbone hurts",
        "he 3 weeks ago pulled his hamstring",
        "stiff neck from sitting at a desk",
    ],
)
def test_everyday_words_name_no_page(kb: KnowledgeBase, text: str) -> None:
    assert pages_named(kb, text) == ()


def test_an_answer_points_to_the_pages_named() -> None:
    outcome = invoke("ask", "where is BL57 and what is it for")
    assert outcome.exit_code == 0
    assert "spasmguide acupoint bl57" in outcome.stdout
    assert "Not understood" not in outcome.stdout
    assert "call emergency services" in outcome.stdout
    data = json.loads(invoke("ask", "--format", "json", "does cupping work").stdout)
    assert data["pages"] == [
        {"kind": "technique", "id": "cupping", "command": "spasmguide technique cupping"}
    ]


def test_the_pages_named_follow_the_warning_signs_of_a_region() -> None:
    text = invoke("ask", "can I have acupuncture while pregnant for back pain").stdout
    assert text.index("Warning signs") < text.index("Pages your words name")
