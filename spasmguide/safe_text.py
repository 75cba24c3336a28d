"""Makes text from the knowledge base or the command line safe to show on a terminal.

Control characters (C0 except tab and newline, DEL, C1), and the Unicode bidirectional
controls are shown as visible escapes such as `\\x1b` or `\\u202e`, so no text can move the
cursor, recolour the screen, set the window title or reorder what the reader sees.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def _visible_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Returns `text` with every unsafe character replaced by a visible escape."""
    return _UNSAFE.sub(_visible_escape, text)


def one_line(text: str, limit: int = 80) -> str:
    """Returns `text` escaped, on one line, cut to `limit` characters for use in messages."""
    flat = escape_controls(text).replace("\n", "\\n").replace("\t", "\\t")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
