"""The body map's layout as the knowledge base holds it (`map_views`, `map_regions`,
`map_points` in data/map.yaml): reading its cells, and the checks `validate` runs on it.

Places are written as text ("ROW COLUMN"), as everything in the knowledge base is; this module
turns them into numbers and says, in plain words, what is wrong with one that does not fit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from spasmguide.kb.model import Acupoint, MapPlace, MapPoint, MapRegion, MapView

FRAME = "|"
# What a figure may be drawn with: open space, the outline's box-drawing lines, the spine.
GLYPHS = frozenset(" │─╱╲╭╮╰╯├┤┬┴┊")
# The most a figure may have: enough for any body, small enough to draw at once.
MAX_ROWS = 60
MAX_COLUMNS = 80

Cell = tuple[int, int]  # (row, column) on a figure

_INTEGER = r"(\d{1,3})"
_CELL = re.compile(rf"{_INTEGER} +{_INTEGER}")
_FRACTION = re.compile(r"(\d{1,3}(?:\.\d+)?) +(\d{1,3}(?:\.\d+)?)")
_SHADE = re.compile(rf"{_INTEGER}(?:-{_INTEGER})?((?: +{_INTEGER})+)")


def rows_of(view: MapView) -> tuple[str, ...]:
    """The figure's rows without the '|' written around each."""
    return tuple(row[1:-1] for row in view.rows)


def cell(text: str) -> Cell:
    """'3 15' -> (3, 15); ValueError when the text is not a row and a column."""
    match = _CELL.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"'{text}' is not a cell: write the row and the column, such as '3 15'")
    return int(match[1]), int(match[2])


def fraction(text: str) -> tuple[float, float]:
    """'2.4 13.4' -> (2.4, 13.4): a place in fractions of a cell."""
    match = _FRACTION.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"'{text}' is not a place: write the row and the column, such as '2.4 13.4'"
        )
    return float(match[1]), float(match[2])


def shade_cells(text: str) -> list[Cell]:
    """'4-5 12 18' -> rows 4 and 5 at columns 12 and 18."""
    match = _SHADE.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"'{text}' is not a set of cells: write rows then columns, such as '4-5 12 18'"
        )
    first = int(match[1])
    last = int(match[2]) if match[2] else first
    if last < first:
        raise ValueError(f"'{text}': the rows run backwards")
    columns = [int(column) for column in match[3].split()]
    return [(row, column) for row in range(first, last + 1) for column in columns]


def place_cells(place: MapPlace) -> tuple[Cell, list[Cell]]:
    """A region's number cell and its shading's seed cells on one view."""
    return cell(place.number), [one for text in place.shade for one in shade_cells(text)]


def normalize_code(code: str) -> str:
    """An acupoint code as map points name it: 'EX-HN 5' -> 'ex-hn-5'."""
    return "-".join(code.lower().replace("-", " ").split())


def point_keys(point: Acupoint) -> tuple[str, ...]:
    """The keys a map point may go by for this acupoint: its id, then its code."""
    return (point.id, *((normalize_code(point.code),) if point.code else ()))


# -- the checks --------------------------------------------------------------------------------


def problems(collections: Mapping[str, Mapping[str, Any]]) -> Iterator[tuple[str, str, str]]:
    """Each problem of the layout as (kind, id, message): figures that are not rectangles of
    known glyphs, places outside their figure or on its lines, points for no known acupoint."""
    views: Mapping[str, MapView] = collections.get("map_views", {})
    sizes: dict[str, tuple[int, int]] = {}
    for view in views.values():
        message = _view_problem(view)
        if message:
            yield "map_views", view.id, message
        else:
            rows = rows_of(view)
            sizes[view.id] = (len(rows), len(rows[0]))
    region: MapRegion
    for region in collections.get("map_regions", {}).values():
        for place in region.places:
            if place.view not in sizes:
                continue  # an unknown view is reported as a reference; a broken one above
            message = _place_problem(rows_of(views[place.view]), place)
            if message:
                yield "map_regions", region.id, f"on the {place.view} view: {message}"
    codes = {
        key for point in collections.get("acupoints", {}).values() for key in point_keys(point)
    }
    mark: MapPoint
    for mark in collections.get("map_points", {}).values():
        if mark.id not in codes:
            yield "map_points", mark.id, f"no acupoint has the id or code '{mark.id}'"
        if mark.view not in sizes:
            continue
        try:
            row, column = fraction(mark.at)
        except ValueError as error:
            yield "map_points", mark.id, str(error)
            continue
        height, width = sizes[mark.view]
        if not (row < height and column < width):
            yield (
                "map_points",
                mark.id,
                (f"'{mark.at}' is outside the {mark.view} view ({height} rows of {width})"),
            )


def _view_problem(view: MapView) -> str | None:
    if len(view.rows) > MAX_ROWS:
        return f"a figure has at most {MAX_ROWS} rows"
    for number, row in enumerate(view.rows):
        if len(row) < 3 or not (row.startswith(FRAME) and row.endswith(FRAME)):
            return f"row {number} must be written between two '{FRAME}'"
        inner = row[1:-1]
        if len(inner) > MAX_COLUMNS:
            return f"row {number} is wider than {MAX_COLUMNS} columns"
        if len(inner) != len(view.rows[0]) - 2:
            return f"row {number} is {len(inner)} wide; row 0 is {len(view.rows[0]) - 2}"
        odd = sorted(set(inner) - GLYPHS)
        if odd:
            shown = ", ".join(f"U+{ord(char):04X}" for char in odd[:5])
            return f"row {number} has characters a figure is not drawn with ({shown})"
    return None


def _place_problem(rows: tuple[str, ...], place: MapPlace) -> str | None:
    try:
        number, seeds = place_cells(place)
    except ValueError as error:
        return str(error)
    height, width = len(rows), len(rows[0])
    for row, column in (number, *seeds):
        if not (row < height and column < width):
            return f"the cell '{row} {column}' is outside the figure ({height} rows of {width})"
    for row, column in seeds:
        if rows[row][column] != " ":
            return f"the shaded cell '{row} {column}' is on the figure's lines, not open space"
    return None
