"""Renders a page as clean Markdown: a title, headings per section, lists and tables."""

from __future__ import annotations

import re

from spasmguide.pages import document
from spasmguide.safe_text import escape_controls

# Characters that open something wherever they stand: code spans and fences (` ~), emphasis
# and rules (* _), links and images ([ ]), tags and autolinks (< >), table cells (|),
# headings (#), strikethrough (~), and the escape itself; and `&` where it would begin an
# entity (`&lt;`, `&#60;`).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~]|&(?=#?[0-9A-Za-z]+;))")
# What opens a block only at the start of a line: a list item (- + 1. 1)), a rule (---), a
# setext underline (===).
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def inline(text: str) -> str:
    """Knowledge-base text as literal Markdown: one line, special characters escaped, so no
    value opens a fence, heading, link or tag (docs/decisions/015-threat-model.md)."""
    flat = " ".join(escape_controls(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def starting_a_line(text: str) -> str:
    """`inline`, for text that begins a line (a paragraph, a list item): nothing at its start
    can open a list, a rule or a setext underline either."""
    return _BLOCK_START.sub(_escape_block_start, inline(text), count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def render_markdown(page: document.Page) -> str:
    lines = [f"# {inline(page.title)}", ""]
    if page.subtitle:
        lines += [f"*{inline(page.subtitle)}*", ""]
    # The notice opens the page, as in the HTML, so a long export shows it before anything else.
    lines += [f"> **Notice:** {inline(page.notice)}", ""]
    for section in page.sections:
        lines += [f"{'#' * min(6, section.level)} {inline(section.heading)}", ""]
        for block in section.blocks:
            lines += _block(block)
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _block(block: document.Block) -> list[str]:
    if isinstance(block, document.Paragraph):
        return [starting_a_line(block.text)]
    if isinstance(block, document.Hint):
        return [f"{starting_a_line(block.text)} {code(block.command.words())}"]
    if isinstance(block, document.Bullets):
        return [f"- {starting_a_line(item)}" for item in block.items]
    if isinstance(block, document.Terms):
        lines = []
        for number, term in enumerate(block.items, start=1):
            marker = f"{number}." if block.numbered else "-"
            line = f"{marker} **{inline(term.term)}**"
            if term.detail:
                line += f": {inline(term.detail)}"
            if term.note:
                line += f" ({inline(term.note)})"
            if term.opens:
                line += f" ({code(term.opens.words())})"
            lines.append(line)
            lines += [f"    - {starting_a_line(item)}" for item in term.items]
        return lines
    if isinstance(block, document.Contents):
        return [
            f"{'  ' * depth}- [{inline(title)}](#{anchor})" for title, anchor, depth in block.items
        ]
    if isinstance(block, document.Facts):
        return [f"- **{inline(fact.label)}:** {inline(fact.value)}" for fact in block.items]
    if isinstance(block, document.Table):
        header = "| " + " | ".join(inline(cell) for cell in block.headers) + " |"
        rule = "|" + "|".join("---" for _ in block.headers) + "|"
        rows = ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in block.rows]
        return [header, rule, *rows]
    if isinstance(block, document.BodyMap):
        from spasmguide.render.figure import plain_text

        # The figure holds no knowledge-base text, only lines and numbers.
        return ["```text", plain_text(block), "```"]
    raise TypeError(f"unknown block {block!r}")


def code(text: str) -> str:
    """Text as one Markdown code span: one line, with no backtick to end it early."""
    return "`" + " ".join(escape_controls(text).replace("`", "").split()) + "`"
