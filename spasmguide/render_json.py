"""Renders a page as one JSON document, written with `json` (never through Rich)."""

from __future__ import annotations

import json
import re

from spasmguide import __version__
from spasmguide.document import Page

# json.dumps escapes C0 controls itself; these others would reach a terminal raw.
_UNSAFE_FOR_TERMINALS = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def render_json(page: Page) -> str:
    document = {
        "spasmguide_version": __version__,
        "kind": page.kind,
        "title": page.title,
        "notice": page.notice,
        **page.data,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _UNSAFE_FOR_TERMINALS.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
