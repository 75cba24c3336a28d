"""Makes text from the knowledge base or the command line safe to show on a terminal.

Control characters (C0 except tab and newline, DEL, C1), and the Unicode bidirectional
controls are shown as visible escapes such as `\\x1b` or `\\u202e`, so no text can move the
cursor, recolour the screen, set the window title or reorder what the reader sees.
"""

from __future__ import annotations

# Every character that can steer a terminal or reorder text: C0 controls but tab and newline,
# DEL and the C1 controls, and the Unicode bidirectional and line-separator controls.
UNSAFE_CODES = (
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
)
_VISIBLE = {code: f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" for code in UNSAFE_CODES}


def escape_controls(text: str) -> str:
    """Returns `text` with every unsafe character replaced by a visible escape."""
    return text.translate(_VISIBLE)


def one_line(text: str, limit: int = 80) -> str:
    """Returns `text` escaped, on one line, cut to `limit` characters for use in messages."""
    flat = escape_controls(text).replace("\n", "\\n").replace("\t", "\\t")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
