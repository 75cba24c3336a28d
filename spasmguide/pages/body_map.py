"""The body map: a front and a back figure with each region numbered where it is.

Where regions and acupoints sit on the figure is layout, not medical text, so it lives here,
keyed by region and acupoint id; regions and points the layout does not know (a user's own
layer, say) are listed as not on the map. One figure, drawn as a grid of box-drawing
characters, serves every format: the terminal and Markdown show the grid itself (in ASCII
where Unicode cannot be shown), and HTML draws the same lines, shading and numbers as SVG.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from spasmguide.kb.model import Acupoint, KnowledgeBase, Region
from spasmguide.kb.names import acupoint_name, names_of, normalize_name
from spasmguide.pages.common import make_page
from spasmguide.pages.document import (
    BodyMap,
    Command,
    Hint,
    MapMark,
    MapPoint,
    Page,
    Paragraph,
    Section,
    Table,
)
from spasmguide.safe_text import escape_controls

VIEWS = ("front", "back")
HIGHLIGHT = "*"  # around the chosen region's number, so it shows without colour too

_FRONT = (
    "            ╭─────╮            ",
    "            │     │            ",
    "            ╰╮   ╭╯            ",
    "        ╭────╯   ╰────╮        ",
    "       ╱│             │╲       ",
    "      ╱ │             │ ╲      ",
    "     ╱ ╱│             │╲ ╲     ",
    "    ╱ ╱ │             │ ╲ ╲    ",
    "   ╱ ╱  │             │  ╲ ╲   ",
    "  ╱ ╱   ├──────┬──────┤   ╲ ╲  ",
    "  ╰─╯   │      │      │   ╰─╯  ",
    "        │      │      │        ",
    "        │      │      │        ",
    "        │      │      │        ",
    "        │      │      │        ",
    "        ╰╮     │     ╭╯        ",
    "         │     │     │         ",
    "         │     │     │         ",
    "         │     │     │         ",
    "         │     │     │         ",
    "       ╭─╯   ╭─┴─╮   ╰─╮       ",
    "       ╰─────╯   ╰─────╯       ",
)
# The back is the front with the spine drawn down the middle of the trunk.
_BACK = tuple(
    line[:15] + ("┊" if 4 <= row <= 8 else line[15]) + line[16:] for row, line in enumerate(_FRONT)
)
FIGURES = {"front": _FRONT, "back": _BACK}
WIDTH = len(_FRONT[0])
MIDLINE = 15  # the column down the middle of the body
HEIGHT = len(_FRONT)
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
    }
)
_SHADE = "░"

Cell = tuple[int, int]  # (row, column) on a figure


class Place(NamedTuple):
    """Where a region sits on one view: its number's cell, and cells whose run of open space
    along the row is shaded when the region is highlighted."""

    view: str
    mark: Cell
    shade: tuple[Cell, ...]


class Spot(NamedTuple):
    key: str
    other_ids: tuple[str, ...]  # ids or names the region may go by in a knowledge base
    places: tuple[Place, ...]


def _rows(first: int, last: int, *columns: int) -> tuple[Cell, ...]:
    return tuple((row, column) for row in range(first, last + 1) for column in columns)


# Trunk, legs and arms in the grid above: the trunk's open space is columns 9-21 on rows 4-8
# (split by the spine on the back), each leg's is left of or right of column 15. Numbers on
# the trunk and legs sit right of the midline; the acupoints, bilateral, are drawn left of it.
SPOTS = (
    Spot(
        "head",
        ("headache", "tension-headache", "head-tension"),
        (Place("front", (1, 15), _rows(1, 1, 15)), Place("back", (1, 15), _rows(1, 1, 15))),
    ),
    Spot(
        "jaw",
        ("jaw-tmj", "tmj", "jaw-face"),
        (Place("front", (2, 15), _rows(2, 2, 15)),),
    ),
    Spot(
        "neck",
        (),
        (Place("front", (3, 15), _rows(3, 3, 15)), Place("back", (3, 15), _rows(3, 3, 15))),
    ),
    Spot(
        "upper-back-shoulders",
        ("upper-back", "shoulders", "upper-back-and-shoulders"),
        (Place("back", (4, 18), _rows(4, 5, 12, 18)),),
    ),
    Spot(
        "mid-back",
        ("middle-back", "thoracic", "mid-back-thoracic"),
        (Place("back", (6, 18), _rows(6, 6, 12, 18)),),
    ),
    Spot(
        "low-back",
        ("lower-back", "lumbar"),
        (Place("back", (8, 18), _rows(7, 8, 12, 18)),),
    ),
    Spot(
        "forearm-hand",
        ("forearm-and-hand", "forearm", "hand", "forearm-hands", "hand-forearm"),
        (
            Place("front", (7, 1), ((7, 5), (8, 4), (9, 3))),
            Place("back", (7, 1), ((7, 5), (8, 4), (9, 3))),
        ),
    ),
    Spot(
        "piriformis",
        ("buttock", "gluteal"),
        (Place("back", (10, 18), _rows(10, 11, 12, 18)),),
    ),
    Spot(
        "front-thigh-hip",
        ("front-thigh", "thigh-hip", "front-of-thigh", "hip-flexors", "quadriceps", "thigh"),
        (Place("front", (12, 18), _rows(10, 14, 12, 18)),),
    ),
    Spot(
        "it-band",
        ("itb", "iliotibial-band", "outer-thigh"),
        (
            Place("front", (12, 26), _rows(11, 14, 19)),
            Place("back", (12, 4), _rows(11, 14, 11)),
        ),
    ),
    Spot(
        "hamstring",
        ("hamstrings", "back-thigh", "back-of-thigh"),
        (Place("back", (13, 18), _rows(12, 14, 12, 18)),),
    ),
    Spot(
        "calf",
        ("calves", "lower-leg"),
        (Place("back", (17, 18), _rows(15, 19, 12, 18)),),
    ),
    Spot(
        "foot-toes",
        ("foot", "feet", "foot-and-toes", "toes", "feet-toes", "foot-toe"),
        (Place("front", (20, 11), ((20, 11), (20, 19))),),
    ),
)

# Acupoints by id (the WHO code in lower case): the view and the (row, column) on the grid,
# in fractions of a cell. Approximate, for orientation only: each point's description says
# where it really is.
POINTS: dict[str, tuple[str, float, float]] = {
    # head, face, jaw
    "gv20": ("back", 0.2, 15.0),
    "ex-hn5": ("front", 1.0, 12.6),
    "gb8": ("front", 0.4, 12.4),
    "st7": ("front", 1.7, 12.5),
    "st6": ("front", 2.3, 12.8),
    "si19": ("front", 1.4, 12.2),
    "te17": ("back", 2.1, 12.6),
    "gv16": ("back", 2.0, 15.0),
    "gb20": ("back", 2.4, 13.4),
    "bl10": ("back", 2.8, 14.1),
    # neck and upper back
    "ex-hn15": ("back", 3.2, 14.0),
    "gv14": ("back", 3.6, 15.0),
    "ex-b1": ("back", 3.7, 14.2),
    "gb21": ("back", 3.2, 10.4),
    "bl11": ("back", 4.2, 13.5),
    "si14": ("back", 4.3, 11.4),
    "te15": ("back", 4.6, 10.1),
    "si11": ("back", 5.3, 11.2),
    "li15": ("front", 3.8, 21.6),
    "ex-b2": ("back", 6.5, 14.3),
    # mid and low back
    "bl41": ("back", 4.8, 12.2),
    "bl44": ("back", 5.6, 12.0),
    "bl46": ("back", 6.3, 12.0),
    "gv9": ("back", 6.6, 15.0),
    "gv4": ("back", 7.4, 15.0),
    "bl23": ("back", 7.4, 13.4),
    "bl25": ("back", 8.1, 13.4),
    "gv3": ("back", 8.2, 15.0),
    "yaoyan": ("back", 8.4, 11.6),
    "shiqizhui": ("back", 8.8, 15.0),
    # arm and hand
    "lu5": ("front", 5.5, 7.2),
    "li10": ("back", 6.4, 7.4),
    "pc6": ("front", 8.4, 5.2),
    "te9": ("back", 7.3, 6.4),
    "te5": ("back", 8.8, 4.6),
    "si3": ("back", 10.0, 2.2),
    "li4": ("back", 10.1, 4.2),
    "luozhen": ("back", 9.9, 3.4),
    "ex-ue9": ("front", 10.3, 3.2),
    # hip, buttock and thigh
    "gb29": ("front", 9.6, 20.2),
    "gb30": ("back", 10.2, 10.6),
    "bl54": ("back", 10.2, 14.0),
    "st31": ("front", 10.6, 11.8),
    "lr11": ("front", 10.9, 14.2),
    "bl36": ("back", 11.3, 12.5),
    "st32": ("front", 12.3, 10.8),
    "bl37": ("back", 12.6, 12.5),
    "gb31": ("front", 12.0, 21.4),
    "gb32": ("front", 13.3, 21.4),
    "sp10": ("front", 14.0, 13.8),
    "st34": ("front", 14.1, 11.0),
    # knee, leg, ankle and foot
    "bl40": ("back", 14.8, 12.5),
    "bl39": ("back", 14.8, 13.6),
    "gb34": ("front", 15.4, 20.2),
    "bl56": ("back", 16.2, 12.5),
    "bl57": ("back", 17.4, 12.5),
    "bl60": ("back", 19.5, 10.4),
    "ki3": ("back", 19.5, 13.8),
    "ki1": ("back", 20.6, 11.0),
    "lr3": ("front", 20.4, 12.0),
    "gb41": ("front", 20.6, 10.2),
    "ex-le10": ("front", 21.0, 11.4),
}


# -- choosing what goes on the map -----------------------------------------------------------


def spots_of(kb: KnowledgeBase) -> dict[str, Spot]:
    """Each region of the knowledge base the layout can place, with its spot.

    A region takes the spot with its id first; a spot left free then takes a region that
    answers (by id, name or alias) to one of the spot's other ids, so a region named a little
    differently still finds its place.
    """
    found: dict[str, Spot] = {}
    free = list(SPOTS)
    for spot in SPOTS:
        if spot.key in kb.regions:
            found[spot.key] = spot
            free.remove(spot)
    for spot in free:
        wanted = {normalize_name(name) for name in (spot.key, *spot.other_ids)}
        for region in kb.regions.values():
            if region.id in found:
                continue
            if any(normalize_name(name) in wanted for name in names_of(region)):
                found[region.id] = spot
                break
    return {region_id: found[region_id] for region_id in kb.regions if region_id in found}


def point_place(point: Acupoint) -> tuple[str, float, float] | None:
    """Where the layout puts an acupoint (view, row, column), if it knows the point."""
    keys = (point.id, *((normalize_code(point.code),) if point.code else ()))
    return next((POINTS[key] for key in keys if key in POINTS), None)


def normalize_code(code: str) -> str:
    return "-".join(code.lower().replace("-", " ").split())


def body_map(
    kb: KnowledgeBase,
    *,
    highlight: str | None = None,
    only: Sequence[str] | None = None,
    points: Iterable[str] = (),
    small: bool = False,
) -> BodyMap:
    """The map of the knowledge base's regions (or only those in `only`, keeping the whole
    map's numbers), with `highlight` marked and the given acupoints as dots."""
    spots = spots_of(kb)
    numbers = {region_id: number for number, region_id in enumerate(spots, start=1)}
    shown = [region_id for region_id in spots if only is None or region_id in only]
    marks = tuple(
        MapMark(numbers[region_id], region_id, kb.regions[region_id].name, spots[region_id].key)
        for region_id in shown
    )
    placed = []
    for point_id in dict.fromkeys(points):
        point = kb.acupoints[point_id]
        where = point_place(point)
        if where is not None:
            placed.append(MapPoint(acupoint_name(point, "short"), point_id, *where))
    # A figure of some regions shows the views they, or their acupoints, are on.
    used = {place.view for mark in marks for place in _spot(mark.spot).places}
    used.update(point.view for point in placed)
    views = tuple(view for view in VIEWS if only is None or view in used)
    return BodyMap(marks, tuple(placed), highlight, views, small)


def _spot(key: str) -> Spot:
    return next(spot for spot in SPOTS if spot.key == key)


def views_of(spot: Spot) -> list[str]:
    return [view for view in VIEWS if any(place.view == view for place in spot.places)]


SCHEMATIC_NOTE = (
    "Schematic: the places are approximate; see each point's description for where it is."
)


def legend(figure: BodyMap) -> Table:
    """Number to region, with the views each is on; the highlighted number marked as on the
    figure."""
    rows = []
    for mark in figure.marks:
        views = " and ".join(views_of(_spot(mark.spot)))
        rows.append((_number_text(figure, mark), f"{mark.name} ({views})"))
    return Table(("Number", "Region"), tuple(rows))


def not_on_map(kb: KnowledgeBase) -> list[Region]:
    """The regions the layout has no place for."""
    spots = spots_of(kb)
    return [region for region in kb.regions.values() if region.id not in spots]


def not_on_map_section(kb: KnowledgeBase, level: int = 2) -> list[Section]:
    missing = not_on_map(kb)
    if not missing:
        return []
    rows = tuple((region.id, region.name) for region in missing)
    return [
        Section(
            "Not on the map",
            (Paragraph("The map has no place for these regions:"), Table(("Id", "Region"), rows)),
            level=level,
        )
    ]


def map_page(kb: KnowledgeBase, highlight: Region | None = None) -> Page:
    """The body map page: the figure, a legend of number to region, and the regions the
    layout cannot place."""
    figure = body_map(kb, highlight=highlight.id if highlight else None)
    explain = "Numbers mark where each region is; the legend names them."
    chosen = next((mark for mark in figure.marks if mark.region == figure.highlight), None)
    if chosen is not None:
        explain += f" {chosen.name} is shaded, its number starred: {_number_text(figure, chosen)}."
    elif highlight is not None:
        explain += f" {highlight.name} is not on the map."
    sections = [
        Section(
            "Front and back",
            (
                figure,
                Paragraph(explain),
                Hint("To open one region's page:", Command(("lookup", "--region", "NAME"))),
            ),
        ),
        Section("Legend", (legend(figure),)),
        *not_on_map_section(kb),
    ]
    data = {
        "highlighted": highlight.id if highlight else None,
        "regions": [
            {
                "number": mark.number,
                "id": mark.region,
                "name": mark.name,
                "views": views_of(_spot(mark.spot)),
                "highlighted": mark.region == figure.highlight,
            }
            for mark in figure.marks
        ],
        "not_on_map": [{"id": region.id, "name": region.name} for region in not_on_map(kb)],
    }
    title = f"Body map: {highlight.name}" if highlight else "Body map"
    subtitle = "Where each region is, front and back."
    return make_page(kb, "map", title, subtitle, sections, data)


# -- drawing ---------------------------------------------------------------------------------


class Stroke(NamedTuple):
    """A run of characters on one line of the drawing, and whether it is highlighted."""

    text: str
    highlighted: bool


def _shaded_cells(grid: Sequence[str], seeds: Iterable[Cell]) -> set[Cell]:
    """The run of open space along the row around each seed."""
    cells: set[Cell] = set()
    for row, column in seeds:
        line = grid[row]
        if line[column] != " ":
            continue
        left = column
        while left > 0 and line[left - 1] == " ":
            left -= 1
        right = column
        while right < len(line) - 1 and line[right + 1] == " ":
            right += 1
        cells.update((row, index) for index in range(left, right + 1))
    return cells


def _places(block: BodyMap, view: str) -> list[tuple[MapMark, Place]]:
    return [
        (mark, place)
        for mark in block.marks
        for place in _spot(mark.spot).places
        if place.view == view
    ]


def _number_text(block: BodyMap, mark: MapMark) -> str:
    if mark.region == block.highlight:
        return f"{HIGHLIGHT}{mark.number}{HIGHLIGHT}"
    return str(mark.number)


def draw_view(block: BodyMap, view: str, *, unicode_ok: bool) -> list[list[Stroke]]:
    """One figure as lines of strokes: the outline, the highlighted region shaded, numbers."""
    grid = [list(line) for line in FIGURES[view]]
    lit: set[Cell] = set()
    for mark, place in _places(block, view):
        if mark.region != block.highlight:
            continue
        for row, column in _shaded_cells(FIGURES[view], place.shade):
            grid[row][column] = _SHADE
            lit.add((row, column))
    for mark, place in _places(block, view):
        text = _number_text(block, mark)
        row, centre = place.mark
        start = max(0, min(WIDTH - len(text), centre - (len(text) - 1) // 2))
        for offset, character in enumerate(text):
            grid[row][start + offset] = character
            if mark.region == block.highlight:
                lit.add((row, start + offset))
    label = view.upper().center(WIDTH)
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


GAP = 4


def draw_text(block: BodyMap, *, unicode_ok: bool, width: int) -> list[list[Stroke]]:
    """The figures side by side when `width` allows, else one above the other."""
    drawn = [draw_view(block, view, unicode_ok=unicode_ok) for view in block.views]
    if len(drawn) * WIDTH + (len(drawn) - 1) * GAP <= width:
        lines = []
        for row in range(HEIGHT + 1):
            line: list[Stroke] = []
            for number, view_lines in enumerate(drawn):
                if number:
                    line.append(Stroke(" " * GAP, False))
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


# -- SVG -------------------------------------------------------------------------------------

CELL_WIDTH = 10
CELL_HEIGHT = 20
_HALF_W = CELL_WIDTH / 2
_HALF_H = CELL_HEIGHT / 2

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


def svg_text(value: str) -> str:
    """Text for SVG: control characters made visible, markup escaped."""
    return html.escape(escape_controls(value), quote=True)


def _outline(view: str) -> tuple[str, str]:
    """The figure's lines as one SVG path, and its spine (dashed) as another."""
    lines: list[str] = []
    spine: list[str] = []
    for row, line in enumerate(FIGURES[view]):
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


def _runs(cells: set[Cell]) -> list[tuple[int, int, int]]:
    """The cells as runs along each row: (row, first column, length)."""
    runs: list[tuple[int, int, int]] = []
    for row, column in sorted(cells):
        if runs and runs[-1][0] == row and runs[-1][1] + runs[-1][2] == column:
            runs[-1] = (row, runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((row, column, 1))
    return runs


def _view_svg(block: BodyMap, view: str) -> str:
    parts = []
    for mark, place in _places(block, view):
        chosen = mark.region == block.highlight
        cells = _shaded_cells(FIGURES[view], place.shade)
        css = "bm-region bm-chosen" if chosen else "bm-region"
        title = f"<title>{svg_text(f'{mark.number}: {mark.name}')}</title>"
        rects = "".join(
            f'<rect x="{first * CELL_WIDTH}" y="{row * CELL_HEIGHT}" '
            f'width="{length * CELL_WIDTH}" height="{CELL_HEIGHT}"/>'
            for row, first, length in _runs(cells)
        )
        parts.append(f'<g class="{css}">{title}{rects}</g>')
    body, spine = _outline(view)
    parts.append(f'<path class="bm-outline" d="{body}"/>')
    if spine:
        parts.append(f'<path class="bm-spine" d="{spine}"/>')
    # Numbers last, so no dot or label hides them.
    for point in (point for point in block.points if point.view == view):
        x, y = point.column * CELL_WIDTH + _HALF_W, point.row * CELL_HEIGHT + _HALF_H
        # Labels point away from the midline, so the points along the spine spread apart.
        left = point.column < MIDLINE
        label_x, anchor = (x - 3, ' text-anchor="end"') if left else (x + 3, "")
        parts.append(
            f'<g class="bm-point"><circle cx="{x:g}" cy="{y:g}" r="2.2"/>'
            f'<text x="{label_x:g}" y="{y - 2.5:g}"{anchor}>{svg_text(point.label)}</text></g>'
        )
    for mark, place in _places(block, view):
        row, column = place.mark
        x, y = column * CELL_WIDTH + _HALF_W, row * CELL_HEIGHT + _HALF_H
        css = "bm-number bm-chosen" if mark.region == block.highlight else "bm-number"
        parts.append(
            f'<g class="{css}"><circle cx="{x:g}" cy="{y:g}" r="8"/>'
            f'<text x="{x:g}" y="{y + 3.5:g}">{mark.number}</text></g>'
        )
    label_y = HEIGHT * CELL_HEIGHT + 16
    parts.append(
        f'<text class="bm-view" x="{WIDTH * CELL_WIDTH / 2:g}" y="{label_y}">{view.upper()}</text>'
    )
    return "".join(parts)


SVG_STYLE = (
    ".bm-outline{fill:none;stroke:#2f3b40;stroke-width:1.6;stroke-linecap:round}"
    ".bm-spine{fill:none;stroke:#7a8a90;stroke-width:1.2;stroke-dasharray:3 3}"
    ".bm-region rect{fill:#d6e9eb;stroke:none}"
    ".bm-region.bm-chosen rect{fill:#e8a33d}"
    ".bm-number circle{fill:#2a6f77}"
    ".bm-number text{fill:#fff;font:bold 10px sans-serif;text-anchor:middle}"
    ".bm-number.bm-chosen circle{fill:#a11d1d}"
    ".bm-point circle{fill:#a11d1d}.bm-point text{font:7px sans-serif;fill:#3b1d1d}"
    ".bm-view{font:bold 12px sans-serif;text-anchor:middle;fill:#2f3b40}"
    ".bm-schematic{font:italic 10px sans-serif;text-anchor:middle;fill:#555}"
)


def draw_svg(block: BodyMap) -> str:
    """The figures as one inline SVG element: outline, region shading, numbers and acupoints."""
    view_width = WIDTH * CELL_WIDTH
    height = HEIGHT * CELL_HEIGHT + (40 if block.points else 24)
    gap = 20
    total = len(block.views) * view_width + (len(block.views) - 1) * gap
    scale = 0.5 if block.small else 1.0
    names = ", ".join(mark.name for mark in block.marks)
    chosen = next((mark.name for mark in block.marks if mark.region == block.highlight), None)
    label = f"Body map, {' and '.join(block.views)}: {names}"
    if chosen:
        label += f"; {chosen} shaded"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 {total + 8} {height + 8}" '
        f'width="{(total + 8) * scale:g}" height="{(height + 8) * scale:g}" role="img" '
        f'aria-label="{svg_text(label)}">',
        f"<style>{SVG_STYLE}</style>",
    ]
    for index, view in enumerate(block.views):
        parts.append(
            f'<g transform="translate({index * (view_width + gap)} 0)">{_view_svg(block, view)}</g>'
        )
    if block.points:
        parts.append(
            f'<text class="bm-schematic" x="{total / 2:g}" y="{height - 4}">'
            f"Acupoints are schematic: see the point's description.</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
