"""Renders a page for the terminal with Rich.

Knowledge-base text always enters Rich as `Text` objects, never as markup, and control
characters are escaped first, so nothing in the knowledge base can style or steer the terminal.
Lists wrap with a hanging indent and carry no trailing padding, so pages read well from 60 to
120 columns and paste cleanly. The page is assembled as one `Text` and printed once; Rich's
table module is imported only for a table wide enough to need it, to keep start-up short.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.text import Text

from spasmguide.kb.model import NOTICE_MUST_NAME
from spasmguide.pages.document import (
    Block,
    BodyMap,
    Bullets,
    Command,
    Contents,
    Facts,
    Hint,
    Page,
    Paragraph,
    Table,
    Term,
    Terms,
)
from spasmguide.safe_text import escape_controls

HEADING_STYLE = "bold cyan"
WARNING_STYLE = "bold red"
NOTE_STYLE = "dim"
COMMAND_STYLE = "cyan"
BORDER_STYLE = "yellow"
MAP_HIGHLIGHT_STYLE = "bold reverse"
INDENT = "  "
# Below this many columns a table of more than two columns is shown as stacked records.
WIDE_TABLE_WIDTH = 100
# Whatever the terminal or COLUMNS says (0, negative, 5, 99999999999), pages are laid out in
# this range: narrower cuts every word, wider only wastes memory.
MIN_WIDTH = 40
MAX_WIDTH = 500


def usable_width(columns: int) -> int:
    """The width to lay a page out in for a terminal reported as `columns` wide."""
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def text(value: str, style: str = "") -> Text:
    return Text(escape_controls(value), style=style)


def render_text(page: Page, console: Console) -> None:
    unicode_ok = console.encoding.lower().startswith("utf")
    layout = _Layout(console, unicode_ok)
    pieces: list[RenderableType] = [layout.title(page.title)]
    if page.subtitle:
        pieces.append(layout.hanging(text(page.subtitle, "italic"), "", ""))
    for section in page.sections:
        pieces.append(Text())
        style = WARNING_STYLE if section.warning else HEADING_STYLE
        pieces.append(layout.hanging(text(section.heading, style), "", ""))
        pieces.extend(layout.block(block) for block in section.blocks)
    pieces.append(Text())
    pieces.append(layout.notice_box(page.notice))
    console.print(Group(*_joined(pieces)), crop=False)


def _joined(pieces: list[RenderableType]) -> list[RenderableType]:
    """Runs of consecutive Text pieces joined into one Text each: far fewer renders."""
    out: list[RenderableType] = []
    run: list[Text] = []
    for piece in pieces:
        if isinstance(piece, Text):
            run.append(piece)
            continue
        if run:
            out.append(Text("\n", no_wrap=True, overflow="ignore").join(run))
            run = []
        out.append(piece)
    if run:
        out.append(Text("\n", no_wrap=True, overflow="ignore").join(run))
    return out


class _Layout:
    def __init__(self, console: Console, unicode_ok: bool) -> None:
        self.console = console
        self.unicode_ok = unicode_ok
        self.bullet = "•" if unicode_ok else "*"
        self.width = console.width

    def title(self, title: str) -> Text:
        """The title, then a heavy rule to the right edge (or below, for a long title)."""
        rule = "━" if self.unicode_ok else "="
        heading = text(title, "bold")
        room = self.width - cell_len(heading.plain) - 1
        if room >= 3:
            heading.append(" " + rule * room)
            return heading
        wrapped = self.hanging(heading, "", "")
        wrapped.append("\n" + rule * self.width)
        return wrapped

    def notice_box(self, notice: str) -> Text:
        """The standing notice in a box, drawn directly rather than with a Rich panel."""
        corners = (
            ("╭", "╮", "╰", "╯", "─", "│") if self.unicode_ok else ("+", "+", "+", "+", "-", "|")
        )
        top_left, top_right, bottom_left, bottom_right, line, side = corners
        inner = max(10, self.width - 4)
        label = " Notice "
        box = Text(no_wrap=True, overflow="ignore")
        box.append(top_left + line, BORDER_STYLE)
        box.append(label, "bold")
        box.append(line * max(0, inner - len(label) + 1) + top_right, BORDER_STYLE)
        for row in _notice_rows(escape_controls(notice), inner):
            box.append("\n" + side + " ", BORDER_STYLE)
            box.append(row)
            box.append(" " * max(0, inner - cell_len(row)) + " " + side, BORDER_STYLE)
        box.append("\n" + bottom_left + line * (inner + 2) + bottom_right, BORDER_STYLE)
        return box

    def hanging(self, body: Text, first: str, rest: str) -> Text:
        """`body` wrapped to the width, its first line after `first`, the others after `rest`.
        A word longer than the line (a file's path) stands whole on a line of its own, so it
        can be copied, rather than being cut in two."""
        room = max(20, self.width - max(cell_len(first), cell_len(rest)))
        body.overflow = "ignore"  # Rich then breaks between words only, never inside one
        lines = body.wrap(self.console, room)
        out = Text(no_wrap=True, overflow="ignore")
        for number, line in enumerate(lines):
            if number:
                out.append("\n")
            out.append(first if number == 0 else rest)
            line.rstrip()
            out.append_text(line)
        return out

    def block(self, block: Block) -> RenderableType:
        if isinstance(block, Paragraph):
            return self.hanging(text(block.text), INDENT, INDENT)
        if isinstance(block, Hint):
            lead = self.hanging(text(block.text), INDENT, INDENT)
            return Text("\n", no_wrap=True, overflow="ignore").join(
                [lead, self.command(block.command, INDENT + "  ")]
            )
        if isinstance(block, Bullets):
            return Group(*(self.bullet_item(item, INDENT) for item in block.items))
        if isinstance(block, Terms):
            parts: list[RenderableType] = []
            for number, term in enumerate(block.items, start=1):
                marker = f"{number}." if block.numbered else self.bullet
                parts.append(self.term(term, marker, gap=bool(parts) and _is_long(term)))
            return Group(*parts)
        if isinstance(block, Facts):
            return Group(*(self.fact(fact.label, fact.value, INDENT) for fact in block.items))
        if isinstance(block, Contents):
            entries = (
                self.bullet_item(title, INDENT * (depth + 1)) for title, _, depth in block.items
            )
            return Group(*entries)
        if isinstance(block, BodyMap):
            return self.body_map(block)
        if isinstance(block, Table):
            if self.width < WIDE_TABLE_WIDTH and len(block.headers) > 2:
                return self.stacked(block)
            return self.table(block)
        raise TypeError(f"unknown block {block!r}")

    def body_map(self, block: BodyMap) -> Text:
        """The figures as drawn, never wrapped; the highlighted region styled as well."""
        from spasmguide.render.figure import draw_text

        room = self.width - len(INDENT)
        out = Text(no_wrap=True, overflow="ignore")
        for number, line in enumerate(draw_text(block, unicode_ok=self.unicode_ok, width=room)):
            if number:
                out.append("\n")
            out.append(INDENT)
            for stroke in line:
                out.append(stroke.text, MAP_HIGHLIGHT_STYLE if stroke.highlighted else "")
        return out

    def command(self, command: Command, indent: str) -> Text:
        """A command on a line of its own, never broken, so it can be copied whole."""
        line = Text(indent, no_wrap=True, overflow="ignore")
        line.append_text(text(command.words(), COMMAND_STYLE))
        return line

    def fact(self, label: str, value: str, indent: str) -> Text:
        body = Text.assemble(text(f"{label}: ", "bold"), text(value))
        return self.hanging(body, indent, indent + "  ")

    def bullet_item(self, item: str, indent: str) -> Text:
        marker = f"{indent}{self.bullet} "
        return self.hanging(text(item), marker, " " * cell_len(marker))

    def term(self, term: Term, marker: str, gap: bool) -> Text:
        first = f"{INDENT}{marker} "
        rest = " " * cell_len(first)
        pieces = [self.hanging(text(term.term, "bold"), first, rest)]
        if term.detail:
            pieces.append(self.hanging(text(term.detail), rest, rest))
        pieces += [self.bullet_item(item, rest) for item in term.items]
        if term.note:
            pieces.append(self.hanging(text(term.note, NOTE_STYLE), rest, rest))
        if term.opens:
            pieces.append(self.command(term.opens, rest))
        out = Text("\n" if gap else "", no_wrap=True, overflow="ignore")
        out.append_text(Text("\n").join(pieces))
        return out

    def stacked(self, block: Table) -> RenderableType:
        """A table too wide for the terminal, as one record per row."""
        records = []
        for number, row in enumerate(block.rows):
            first = f"{INDENT}{self.bullet} "
            rest = " " * cell_len(first)
            heading = self.hanging(
                text(" · ".join(cell for cell in row[:2] if cell), "bold"), first, rest
            )
            lines = [heading]
            lines += [
                self.fact(header, cell, rest)
                for header, cell in zip(block.headers[2:], row[2:], strict=True)
            ]
            record = Text("\n" if number else "", no_wrap=True, overflow="ignore")
            record.append_text(Text("\n").join(lines))
            records.append(record)
        return Group(*records)

    def table(self, block: Table) -> Text:
        """A table laid out directly: columns share the width by how long their cells are,
        each cell wraps within its column, and a rule runs under the headers."""
        gap = 2
        room = self.width - len(INDENT) - gap * (len(block.headers) - 1)
        widths = _column_widths(block, room)
        rows = [tuple(text(header, "bold") for header in block.headers)]
        rows += [tuple(text(cell) for cell in row) for row in block.rows]
        out = Text(no_wrap=True, overflow="ignore")
        for number, row in enumerate(rows):
            cells = [
                cell.wrap(self.console, width) for cell, width in zip(row, widths, strict=True)
            ]
            for line_number in range(max(len(lines) for lines in cells)):
                line = Text(INDENT)
                for column, lines in enumerate(cells):
                    piece = lines[line_number] if line_number < len(lines) else Text()
                    piece.rstrip()
                    line.append_text(piece)
                    if column < len(cells) - 1:
                        line.append(" " * (widths[column] - cell_len(piece.plain) + gap))
                line.rstrip()
                if out.plain:
                    out.append("\n")
                out.append_text(line)
            if number == 0:
                rule = "─" if self.unicode_ok else "-"
                out.append("\n" + INDENT + rule * (sum(widths) + gap * (len(widths) - 1)))
        return out


def _notice_rows(notice: str, inner: int) -> list[str]:
    """The notice wrapped to `inner` columns, never breaking the name it must carry."""
    words = notice.split()
    name = NOTICE_MUST_NAME.split()
    tokens: list[str] = []
    index = 0
    while index < len(words):
        run = words[index : index + len(name)]
        if run[:-1] == name[:-1] and run and run[-1].startswith(name[-1]):
            tokens.append(" ".join(run))  # "(L.Ac)" may carry its punctuation
            index += len(name)
        else:
            tokens.append(words[index])
            index += 1
    rows: list[str] = []
    for token in tokens:
        if rows and cell_len(rows[-1]) + 1 + cell_len(token) <= inner:
            rows[-1] += " " + token
        else:
            rows.append(token)
    return rows


def _is_long(term: Term) -> bool:
    return bool(term.detail or term.items or term.note or term.opens)


def _column_widths(table: Table, room: int) -> list[int]:
    """Column widths that fill `room`: each at least its longest word (up to a limit), none
    wider than its longest cell, the rest shared by how long each column's cells are."""
    columns = range(len(table.headers))
    cells = [[table.headers[column], *(row[column] for row in table.rows)] for column in columns]
    longest = [max(cell_len(text) for text in column) for column in cells]
    widths = [
        min(16, max(len(word) for text in column for word in text.split() or [""]))
        for column in cells
    ]
    weight = [max(1.0, sum(len(text) for text in column) / len(column)) for column in cells]
    growing = [column for column in columns if widths[column] < longest[column]]
    while growing and sum(widths) < room:
        spare = room - sum(widths)
        total = sum(weight[column] for column in growing)
        for column in growing:
            share = min(spare, max(1, int(spare * weight[column] / total)))
            grown = min(longest[column], widths[column] + share)
            spare -= grown - widths[column]
            widths[column] = grown
        growing = [column for column in growing if widths[column] < longest[column]]
    return widths
