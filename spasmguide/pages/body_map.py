"""The body map page: which regions and acupoints go on the map, numbered, and the page
that shows it with its legend.

Where regions and acupoints sit is layout, not medical text: it lives in the knowledge base's
`map_views`, `map_regions` and `map_points` (data/map.yaml), keyed by region and acupoint id;
regions and points the layout does not know (a user's own layer, say) are listed as not on the
map. The figure is drawn by `spasmguide.render.figure`, the same for every format.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from spasmguide.kb import map_layout
from spasmguide.kb.model import Acupoint, KnowledgeBase, MapRegion, MapView, Region
from spasmguide.kb.names import acupoint_name, names_of, normalize_name
from spasmguide.pages.common import make_page
from spasmguide.pages.document import (
    BodyMap,
    Command,
    Hint,
    MapFigure,
    MapMark,
    MapPoint,
    MarkPlace,
    Page,
    Paragraph,
    Section,
    Table,
)

# -- choosing what goes on the map -----------------------------------------------------------


def spots_of(kb: KnowledgeBase) -> dict[str, MapRegion]:
    """Each region of the knowledge base the layout can place, with its place on the map.

    A region takes the place with its id first; a place left free then takes a region that
    answers (by id, name or alias) to one of the place's other ids (`also`), so a region named
    a little differently still finds its place.
    """
    found: dict[str, MapRegion] = {}
    free = list(kb.map_regions.values())
    for spot in kb.map_regions.values():
        if spot.id in kb.regions:
            found[spot.id] = spot
            free.remove(spot)
    for spot in free:
        wanted = {normalize_name(name) for name in (spot.id, *spot.also)}
        for region in kb.regions.values():
            if region.id in found:
                continue
            if any(normalize_name(name) in wanted for name in names_of(region)):
                found[region.id] = spot
                break
    return {region_id: found[region_id] for region_id in kb.regions if region_id in found}


def point_place(kb: KnowledgeBase, point: Acupoint) -> tuple[str, float, float] | None:
    """Where the layout puts an acupoint (view, row, column), if it knows the point."""
    for key in map_layout.point_keys(point):
        mark = kb.map_points.get(key)
        if mark is not None and mark.view in kb.map_views:
            return (mark.view, *map_layout.fraction(mark.at))
    return None


@cache
def _figure(view: MapView) -> MapFigure:
    return MapFigure(view.id, map_layout.rows_of(view))


@cache
def _mark_places(spot: MapRegion, views: tuple[MapView, ...]) -> tuple[MarkPlace, ...]:
    by_id = {view.id: view for view in views}
    places = []
    for place in spot.places:
        if place.view not in by_id:
            continue
        number, seeds = map_layout.place_cells(place)
        shade = _open_runs(map_layout.rows_of(by_id[place.view]), seeds)
        places.append(MarkPlace(place.view, number, tuple(sorted(shade))))
    return tuple(places)


def _open_runs(grid: Sequence[str], seeds: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """The run of open space along the row around each seed."""
    cells: set[tuple[int, int]] = set()
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
    views = tuple(kb.map_views.values())
    numbers = {region_id: number for number, region_id in enumerate(spots, start=1)}
    shown = [region_id for region_id in spots if only is None or region_id in only]
    marks = tuple(
        MapMark(
            numbers[region_id],
            region_id,
            kb.regions[region_id].name,
            _mark_places(spots[region_id], views),
        )
        for region_id in shown
    )
    placed = []
    for point_id in dict.fromkeys(points):
        point = kb.acupoints[point_id]
        where = point_place(kb, point)
        if where is not None:
            placed.append(MapPoint(acupoint_name(point, "short"), point_id, *where))
    # A figure of some regions shows the views they, or their acupoints, are on.
    used = {place.view for mark in marks for place in mark.places}
    used.update(point.view for point in placed)
    figures = tuple(_figure(view) for view in views if only is None or view.id in used)
    return BodyMap(marks, figures, tuple(placed), highlight, small)


def point_figure(kb: KnowledgeBase, acupoint_id: str) -> BodyMap:
    """One acupoint alone on the view it is on (no regions numbered): for a point's own page
    or card, drawn by `spasmguide.render.figure.draw_svg` or `plain_text`."""
    return body_map(kb, only=(), points=(acupoint_id,), small=True)


def views_of(mark: MapMark) -> list[str]:
    return list(dict.fromkeys(place.view for place in mark.places))


SCHEMATIC_NOTE = (
    "Schematic: the places are approximate; see each point's description for where it is."
)


def legend(figure: BodyMap) -> Table:
    """Number to region, with the views each is on; the highlighted number marked as on the
    figure."""
    rows = []
    for mark in figure.marks:
        views = " and ".join(views_of(mark))
        rows.append((figure.number_text(mark), f"{mark.name} ({views})"))
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


def map_page(
    kb: KnowledgeBase, highlight: Region | None = None, acupoint: Acupoint | None = None
) -> Page:
    """The body map page: the figure, a legend of number to region, and the regions the
    layout cannot place; with `acupoint`, that point as a dot and where it is in words."""
    figure = body_map(
        kb, highlight=highlight.id if highlight else None, points=[acupoint.id] if acupoint else ()
    )
    explain = "Numbers mark where each region is; the legend names them."
    dot = next(
        (point for point in figure.points if acupoint and point.acupoint == acupoint.id), None
    )
    placed = dot is not None
    if acupoint is not None:
        label = acupoint_name(acupoint, "short")
        explain += (
            f" {label} is the dot on the {dot.view} figure: {acupoint.location}"
            if dot is not None
            else f" {label} has no place on the figure: {acupoint.location}"
        )
    chosen = next((mark for mark in figure.marks if mark.region == figure.highlight), None)
    if chosen is not None:
        explain += f" {chosen.name} is shaded, its number starred: {figure.number_text(chosen)}."
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
        "acupoint": (
            {
                "id": acupoint.id,
                "code": acupoint.code,
                "location": acupoint.location,
                "placed": placed,
            }
            if acupoint
            else None
        ),
        "regions": [
            {
                "number": mark.number,
                "id": mark.region,
                "name": mark.name,
                "views": views_of(mark),
                "highlighted": mark.region == figure.highlight,
            }
            for mark in figure.marks
        ],
        "not_on_map": [{"id": region.id, "name": region.name} for region in not_on_map(kb)],
    }
    title = f"Body map: {highlight.name}" if highlight else "Body map"
    if acupoint is not None:
        title = f"Body map: {acupoint_name(acupoint, 'short')}"
    subtitle = "Where each region is, front and back."
    return make_page(kb, "map", title, subtitle, sections, data)
