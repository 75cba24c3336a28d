"""Renders a page as one JSON document, written with `json` (never through Rich)."""

from __future__ import annotations

import json

from spasmguide import __version__
from spasmguide.pages.document import Page
from spasmguide.safe_text import UNSAFE_CODES

# json.dumps escapes C0 controls itself; the others would reach a terminal raw, so they are
# written as JSON escapes, which keeps the document valid and the same once parsed. So are the
# Latin-1 letters (é in Hégǔ): an ASCII terminal would show them as \xe9, which is not JSON,
# while the \uXXXX it shows for the rest of the BMP (CJK characters, tone marks) is.
_JSON_ESCAPES = {
    code: f"\\u{code:04x}"
    for code in {*(code for code in UNSAFE_CODES if code >= 0x7F), *range(0x80, 0x100)}
}


def render_json(page: Page) -> str:
    document = {
        "spasmguide_version": __version__,
        "kind": page.kind,
        "title": page.title,
        "notice": page.notice,
        **page.data,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return text.translate(_JSON_ESCAPES) + "\n"
