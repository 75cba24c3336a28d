"""Drawing the body map, the same figure for every format.

The figure is a grid of box-drawing characters (from the knowledge base's layout, carried by
the page's `BodyMap` block). The terminal and Markdown show the grid itself (in ASCII where
Unicode cannot be shown): `draw_text`, `plain_text`. HTML draws the same lines, shading and
numbers as SVG, with the acupoints' labels laid out in the margins so that no two overlap:
`draw_svg`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from spasmguide.pages.document import BodyMap, Cell, MapFigure, MapMark, MapPoint, MarkPlace
from spasmguide.safe_text import escape_controls

_DOT = "•"  # an acupoint on the text figure; its label is in the page's words
_TO_ASCII = str.maketrans(
    {
        "╭": ".",
        "╮": ".",
        "╰": "'",
        "╯": "'",
        "│": "|",
        "─": "-",
        "╱": "/",
        "╲": "\\",
        "├": "+",
        "┤": "+",
        "┬": "+",
        "┴": "+",
        "┊": ":",
        "░": ":",
        _DOT: "o",
    }
)
_SHADE = "░"
GAP = 4  # columns between the views side by side


class Stroke(NamedTuple):
    """A run of characters on one line of the drawing, and whether it is highlighted."""

    text: str
    highlighted: bool


def _figure(block: BodyMap, view: str) -> MapFigure:
    return next(figure for figure in block.figures if figure.view == view)


def _places(block: BodyMap, view: str) -> list[tuple[MapMark, MarkPlace]]:
    return [(mark, place) for mark in block.marks for place in mark.places if place.view == view]


def figure_size(block: BodyMap) -> tuple[int, int]:
    """The widest view's width and the tallest view's height, in cells."""
    return (
        max((len(figure.rows[0]) for figure in block.figures), default=0),
        max((len(figure.rows) for figure in block.figures), default=0),
    )


# -- text --------------------------------------------------------------------------------------


def draw_view(block: BodyMap, view: str, *, unicode_ok: bool) -> list[list[Stroke]]:
    """One figure as lines of strokes: the outline, the highlighted region shaded, acupoints as
    dots, numbers (drawn last, so no dot hides one)."""
    figure = _figure(block, view)
    width = len(figure.rows[0])
    grid = [list(line) for line in figure.rows]
    lit: set[Cell] = set()
    for mark, place in _places(block, view):
        if mark.region != block.highlight:
            continue
        for row, column in place.shade:
            grid[row][column] = _SHADE
            lit.add((row, column))
    for point in (point for point in block.points if point.view == view):
        row, column = int(point.row), min(width - 1, round(point.column))
        grid[row][column] = _DOT
        lit.add((row, column))
    for mark, place in _places(block, view):
        text = block.number_text(mark)
        row, centre = place.number
        start = max(0, min(width - len(text), centre - (len(text) - 1) // 2))
        for offset, character in enumerate(text):
            grid[row][start + offset] = character
            if mark.region == block.highlight:
                lit.add((row, start + offset))
    label = view.upper().center(width)
    lines = [*("".join(line) for line in grid), label]
    if not unicode_ok:
        lines = [line.translate(_TO_ASCII) for line in lines]
    return [_strokes(line, row, lit) for row, line in enumerate(lines)]


def _strokes(line: str, row: int, lit: set[Cell]) -> list[Stroke]:
    strokes: list[Stroke] = []
    for column, character in enumerate(line):
        bright = (row, column) in lit
        if strokes and strokes[-1].highlighted == bright:
            strokes[-1] = Stroke(strokes[-1].text + character, bright)
        else:
            strokes.append(Stroke(character, bright))
    return strokes


def draw_text(block: BodyMap, *, unicode_ok: bool, width: int) -> list[list[Stroke]]:
    """The figures side by side when `width` allows, else one above the other."""
    drawn = [draw_view(block, view, unicode_ok=unicode_ok) for view in block.views]
    view_width, height = figure_size(block)
    if len(drawn) * view_width + (len(drawn) - 1) * GAP <= width:
        lines = []
        for row in range(height + 1):
            line: list[Stroke] = []
            for number, view_lines in enumerate(drawn):
                if number:
                    line.append(Stroke(" " * GAP, False))
                if row < len(view_lines):
                    line.extend(view_lines[row])
            lines.append(line)
    else:
        lines = [
            line
            for number, view_lines in enumerate(drawn)
            for line in ([[Stroke("", False)]] if number else []) + view_lines
        ]
    return [_trimmed(line) for line in lines]


def _trimmed(line: list[Stroke]) -> list[Stroke]:
    """The line without trailing spaces, so it pastes cleanly."""
    while line and not line[-1].highlighted and not line[-1].text.strip():
        line = line[:-1]
    if line and not line[-1].highlighted:
        line = [*line[:-1], Stroke(line[-1].text.rstrip(), False)]
    return line


def plain_text(block: BodyMap, *, unicode_ok: bool = True, width: int = 80) -> str:
    return "\n".join(
        "".join(stroke.text for stroke in line)
        for line in draw_text(block, unicode_ok=unicode_ok, width=width)
    )


# -- SVG ---------------------------------------------------------------------------------------

CELL_WIDTH = 10
CELL_HEIGHT = 20
_HALF_W = CELL_WIDTH / 2
_HALF_H = CELL_HEIGHT / 2
LABEL_SIZE = 13  # the acupoint labels' font size, in the figure's units
NUMBER_RADIUS = 9
CROP_ROWS = 9  # the fewest rows a cropped figure shows

# Each glyph as segments from one edge point of its cell to another, through the centre for a
# corner: n, s, e, w are the middles of the cell's edges, c its centre; ne etc. its corners.
_GLYPH_PATHS = {
    "│": (("n", "s"),),
    "─": (("w", "e"),),
    "╱": (("sw", "ne"),),
    "╲": (("nw", "se"),),
    "╭": (("e", "c", "s"),),
    "╮": (("w", "c", "s"),),
    "╰": (("n", "c", "e"),),
    "╯": (("n", "c", "w"),),
    "├": (("n", "s"), ("c", "e")),
    "┤": (("n", "s"), ("c", "w")),
    "┬": (("w", "e"), ("c", "s")),
    "┴": (("w", "e"), ("c", "n")),
}
_ANCHORS = {
    "n": (0.5, 0.0),
    "s": (0.5, 1.0),
    "e": (1.0, 0.5),
    "w": (0.0, 0.5),
    "c": (0.5, 0.5),
    "ne": (1.0, 0.0),
    "nw": (0.0, 0.0),
    "se": (1.0, 1.0),
    "sw": (0.0, 1.0),
}

# Colours through CSS variables, so a page can change them (dark mode); the fallbacks are the
# colours of a figure on its own (an Anki card, a file).
SVG_STYLE = (
    ".bm-outline{fill:none;stroke:var(--bm-line,#2f3b40);stroke-width:1.6;stroke-linecap:round}"
    # Taps go through the lines and labels to the region beneath.
    ".bm-outline,.bm-spine,.bm-point,.bm-view,.bm-schematic{pointer-events:none}"
    ".bm-spine{fill:none;stroke:var(--bm-spine,#7a8a90);stroke-width:1.2;stroke-dasharray:3 3}"
    ".bm-region rect{fill:var(--bm-region,#d6e9eb);stroke:none}"
    ".bm-region.bm-chosen rect{fill:var(--bm-chosen,#e8a33d)}"
    ".bm-number circle{fill:var(--bm-number,#1f5a61)}"
    ".bm-number text{fill:#fff;font:bold 11px sans-serif;text-anchor:middle}"
    ".bm-number.bm-chosen circle{fill:var(--bm-number-chosen,#a11d1d)}"
    ".bm-point circle{fill:var(--bm-warn,#a11d1d)}"
    ".bm-point line{stroke:var(--bm-leader,#9a7b7b);stroke-width:.7}"
    f".bm-point text{{font:{LABEL_SIZE}px sans-serif;fill:var(--bm-text,#3b1d1d)}}"
    ".bm-view{font:bold 12px sans-serif;text-anchor:middle;fill:var(--bm-line,#2f3b40)}"
    ".bm-schematic{font:italic 12px sans-serif;text-anchor:middle;fill:var(--bm-muted,#555)}"
    "a:focus .bm-number circle,a:hover .bm-number circle{stroke:var(--bm-line,#2f3b40);"
    "stroke-width:2}"
)


def svg_text(value: str) -> str:
    """Text for SVG: control characters made visible, markup escaped."""
    return html.escape(escape_controls(value), quote=True)


def _outline(figure: MapFigure, window: tuple[int, int]) -> tuple[str, str]:
    """The figure's lines (in the window's rows) as one SVG path, its spine (dashed) as
    another."""
    lines: list[str] = []
    spine: list[str] = []
    for row, line in enumerate(figure.rows):
        if not window[0] <= row < window[1]:
            continue
        for column, glyph in enumerate(line):
            if glyph == "┊":
                x = column * CELL_WIDTH + _HALF_W
                spine.append(f"M{x:g} {row * CELL_HEIGHT}V{(row + 1) * CELL_HEIGHT}")
            for stroke in _GLYPH_PATHS.get(glyph, ()):
                points = [
                    (
                        (column + _ANCHORS[name][0]) * CELL_WIDTH,
                        (row + _ANCHORS[name][1]) * CELL_HEIGHT,
                    )
                    for name in stroke
                ]
                if len(points) == 3:  # a rounded corner: the centre is the curve's control
                    (x0, y0), (cx, cy), (x1, y1) = points
                    lines.append(f"M{x0:g} {y0:g}Q{cx:g} {cy:g} {x1:g} {y1:g}")
                else:
                    (x0, y0), (x1, y1) = points
                    lines.append(f"M{x0:g} {y0:g}L{x1:g} {y1:g}")
    return "".join(lines), "".join(spine)


def _runs(cells: Sequence[Cell]) -> list[tuple[int, int, int]]:
    """The cells as runs along each row: (row, first column, length)."""
    runs: list[tuple[int, int, int]] = []
    for row, column in sorted(cells):
        if runs and runs[-1][0] == row and runs[-1][1] + runs[-1][2] == column:
            runs[-1] = (row, runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((row, column, 1))
    return runs


class Label(NamedTuple):
    """An acupoint's label where the layout put it: in the left or right margin, at `y`."""

    point: MapPoint
    x: float  # the point's place on the figure
    y: float
    left: bool
    label_y: float


def _label_width(text: str) -> float:
    return 0.62 * LABEL_SIZE * len(text) + 4


def margin(points: Sequence[MapPoint]) -> float:
    """How wide each margin must be for the longest label, with room for its leader line."""
    return max((_label_width(point.label) for point in points), default=0.0) + (12 if points else 0)


def layout_labels(points: Sequence[MapPoint], width: int, top: float, bottom: float) -> list[Label]:
    """Each point's label in a margin beside the figure, with no two overlapping.

    Points left of the midline label to the left, the rest to the right; while one side has
    more than the other (bilateral points are all drawn on one side), the points nearest the
    other side move across. Each side's labels keep the order of their points from top to
    bottom, as near their point's height as the labels above and below leave room for, and
    at least a line apart."""
    line = LABEL_SIZE + 3
    middle = (width - 1) / 2
    placed = sorted(
        (point.row * CELL_HEIGHT + _HALF_H, point.column * CELL_WIDTH + _HALF_W, point)
        for point in points
    )
    left = [item for item in placed if item[2].column < middle]
    right = [item for item in placed if item[2].column >= middle]
    while abs(len(left) - len(right)) > 1:
        if len(left) > len(right):
            moved = max(left, key=lambda item: (item[1], -item[0]))
            left.remove(moved)
            right.append(moved)
        else:
            moved = min(right, key=lambda item: (item[1], item[0]))
            right.remove(moved)
            left.append(moved)
    labels = []
    for on_left, side in ((True, left), (False, right)):
        side.sort(key=lambda item: (item[0], item[1]))
        spots: list[float] = []
        for y, _, _ in side:  # downwards: each below the one above
            spots.append(max(y, spots[-1] + line) if spots else max(y, top + line / 2))
        lowest = max(bottom, top + len(spots) * line)
        for index in range(len(spots) - 1, -1, -1):  # upwards: back inside the figure
            limit = lowest - line / 2 if index == len(spots) - 1 else spots[index + 1] - line
            spots[index] = min(spots[index], limit)
        for (y, x, point), spot in zip(side, spots, strict=True):
            labels.append(Label(point, x, y, on_left, spot))
    return labels


def window(block: BodyMap, view: str, *, crop: bool) -> tuple[int, int]:
    """The rows of a view drawn: all of them, or when cropped those around what the block
    shows on it (its regions' numbers and shading, its acupoints), two rows either side and
    at least `CROP_ROWS` in all."""
    rows = len(_figure(block, view).rows)
    if not crop:
        return 0, rows
    used = [
        row
        for _, place in _places(block, view)
        for row in (place.number[0], *(cell[0] for cell in place.shade))
    ]
    used += [int(point.row) for point in block.points if point.view == view]
    if not used:
        return 0, rows
    first, last = max(0, min(used) - 2), min(rows, max(used) + 3)
    while last - first < CROP_ROWS and (first > 0 or last < rows):
        first, last = max(0, first - 1), min(rows, last + 1)  # enough body around to see where
    return first, last


def _view_svg(
    block: BodyMap, view: str, offset: float, links: Mapping[str, str], rows: tuple[int, int]
) -> str:
    figure = _figure(block, view)
    width = len(figure.rows[0])
    top, bottom = rows[0] * CELL_HEIGHT, rows[1] * CELL_HEIGHT
    parts = []
    for mark, place in _places(block, view):
        chosen = mark.region == block.highlight
        css = "bm-region bm-chosen" if chosen else "bm-region"
        rects = "".join(
            f'<rect x="{first * CELL_WIDTH}" y="{row * CELL_HEIGHT}" '
            f'width="{length * CELL_WIDTH}" height="{CELL_HEIGHT}"/>'
            for row, first, length in _runs(place.shade)
        )
        parts.append(_linked(links, mark, f'<g class="{css}">{rects}</g>'))
    body, spine = _outline(figure, rows)
    parts.append(f'<path class="bm-outline" d="{body}"/>')
    if spine:
        parts.append(f'<path class="bm-spine" d="{spine}"/>')
    shown = [point for point in block.points if point.view == view]
    for label in layout_labels(shown, width, top, bottom):
        if label.left:
            end, text_x, anchor = -4.0, -6.0, ' text-anchor="end"'
        else:
            end, text_x, anchor = width * CELL_WIDTH + 4.0, width * CELL_WIDTH + 6.0, ""
        parts.append(
            f'<g class="bm-point"><line x1="{label.x:g}" y1="{label.y:g}" x2="{end:g}" '
            f'y2="{label.label_y:g}"/><circle cx="{label.x:g}" cy="{label.y:g}" r="2.4"/>'
            f'<text x="{text_x:g}" y="{label.label_y + LABEL_SIZE * 0.35:.1f}"{anchor}>'
            f"{svg_text(label.point.label)}</text></g>"
        )
    # Numbers last, so no dot or line hides them.
    for mark, place in _places(block, view):
        row, column = place.number
        x, y = column * CELL_WIDTH + _HALF_W, row * CELL_HEIGHT + _HALF_H
        css = "bm-number bm-chosen" if mark.region == block.highlight else "bm-number"
        number = (
            f'<g class="{css}"><circle cx="{x:g}" cy="{y:g}" r="{NUMBER_RADIUS}"/>'
            f'<text x="{x:g}" y="{y + 4:g}">{mark.number}</text></g>'
        )
        parts.append(_linked(links, mark, number))
    parts.append(
        f'<text class="bm-view" x="{width * CELL_WIDTH / 2:g}" '
        f'y="{bottom + 16}">{view.upper()}</text>'
    )
    return f'<g transform="translate({offset:g} {-top:g})">{"".join(parts)}</g>'


def _linked(links: Mapping[str, str], mark: MapMark, drawing: str) -> str:
    """The drawing as a link to the region's section, where the page has one."""
    target = links.get(mark.region)
    if target is None:
        return drawing
    name = svg_text(f"{mark.number}: {mark.name}")
    return f'<a href="{svg_text(target)}" aria-label="{name}"><title>{name}</title>{drawing}</a>'


def draw_svg(
    block: BodyMap,
    *,
    views: Sequence[str] | None = None,
    links: Mapping[str, str] | None = None,
    scale: float | None = None,
    crop: bool | None = None,
) -> str:
    """The figure as one inline SVG element: outline, region shading, numbers, and acupoints
    with their labels in the margins (leader lines to their points).

    `views` chooses the views drawn (all of the block's, side by side, by default); `links`
    makes each region's shading and number a link (region id to address); `scale` sets the
    drawn size (smaller for a small figure by default); `crop` draws only the rows around
    what the figure shows (by default for a small figure, a region's or a point's own)."""
    chosen_views = [view for view in block.views if views is None or view in views]
    view_width, _ = figure_size(block)
    figure_width = view_width * CELL_WIDTH
    shown = [point for point in block.points if point.view in chosen_views]
    side = margin(shown)
    if crop is None:
        crop = block.small
    windows = {view: window(block, view, crop=crop) for view in chosen_views}
    height: float = 0
    for view, (first, last) in windows.items():
        top, bottom = first * CELL_HEIGHT, last * CELL_HEIGHT
        # The margins' labels may run below the figure when a side has many.
        on_view = [point for point in shown if point.view == view]
        for placed in layout_labels(on_view, view_width, top, bottom):
            bottom = max(bottom, int(placed.label_y + LABEL_SIZE))
        height = max(height, bottom - top + (40 if shown else 24))
    each = figure_width + 2 * side
    gap = 20
    total = len(chosen_views) * each + (len(chosen_views) - 1) * gap
    if scale is None:
        scale = 0.8 if block.small else 1.0
    names = ", ".join(mark.name for mark in block.marks)
    chosen = next((mark.name for mark in block.marks if mark.region == block.highlight), None)
    label = f"Body map, {' and '.join(chosen_views)}"
    if names:
        label += f": {names}"
    if chosen:
        label += f"; {chosen} shaded"
    if shown:
        label += "; acupoints " + ", ".join(point.label for point in shown)
    role = "group" if links else "img"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 {total + 8:g} {height + 8:g}" '
        f'width="{(total + 8) * scale:g}" height="{(height + 8) * scale:g}" role="{role}" '
        f'aria-label="{svg_text(label)}">',
        f"<style>{SVG_STYLE}</style>",
    ]
    for index, view in enumerate(chosen_views):
        offset = index * (each + gap) + side
        parts.append(_view_svg(block, view, offset, links or {}, windows[view]))
    if shown:
        parts.append(
            f'<text class="bm-schematic" x="{total / 2:g}" y="{height - 4:g}">'
            f"Acupoints are schematic: see the point's description.</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
