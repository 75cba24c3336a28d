"""A format-neutral page: what every renderer (text, Markdown, JSON) receives.

Pages are built once, in `spasmguide.pages.builders`, from the knowledge model; each renderer only
decides how the same blocks look in its format. `data` carries the page's structured content
for JSON, with stable keys.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from spasmguide.kb.model import KIND_BY_COLLECTION


class Paragraph(NamedTuple):
    text: str


class Bullets(NamedTuple):
    items: tuple[str, ...]


PROGRAM = "spasmguide"


class Command(NamedTuple):
    """A command of this program, as its arguments after the program's name. It is a command
    because the page says so, never because of how its text looks; each renderer shows it in
    its own way (whole, on one line, in the terminal; as code in Markdown and HTML), and a
    front end without a shell can run it or link to it."""

    arguments: tuple[str, ...]

    @classmethod
    def opening(cls, kind: str, entry_id: str, cause: str | None = None) -> Command:
        """The command that opens an entry, by its kind (a collection) and id; for a region,
        together with a cause when one is given."""
        opens_with = KIND_BY_COLLECTION[kind].opens_with or ""
        arguments = tuple(opens_with.format(id=entry_id).split())
        return cls((*arguments, "--cause", cause) if cause else arguments)

    def words(self) -> str:
        """The command as it is typed in a shell."""
        import shlex

        return " ".join([PROGRAM, *(shlex.quote(argument) for argument in self.arguments)])


class Hint(NamedTuple):
    """A sentence that points to a command: the text, then the command, shown whole."""

    text: str
    command: Command


class Term(NamedTuple):
    """A named item with its explanation, such as a technique and the reason it is suggested."""

    term: str
    detail: str
    note: str | None = None
    items: tuple[str, ...] = ()
    opens: Command | None = None  # the command that opens what the term names


class Terms(NamedTuple):
    items: tuple[Term, ...]
    numbered: bool = False


class Fact(NamedTuple):
    """A short labelled value, such as 'Certainty: low'."""

    label: str
    value: str


class Facts(NamedTuple):
    items: tuple[Fact, ...]


class Contents(NamedTuple):
    """A table of contents: (title, anchor, depth) for each listed heading."""

    items: tuple[tuple[str, str, int], ...]


class Table(NamedTuple):
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    entries: tuple[str, ...] = ()  # the entry each row is about ("kind/id"), where rows are entries


Cell = tuple[int, int]  # (row, column) on a figure
HIGHLIGHT = "*"  # around the chosen region's number on the body map


class MarkPlace(NamedTuple):
    """A region's place on one view: its number's cell and the cells shaded when it is chosen."""

    view: str
    number: Cell
    shade: tuple[Cell, ...]


class MapMark(NamedTuple):
    """A region's number on the body map, at each of its places."""

    number: int
    region: str
    name: str
    places: tuple[MarkPlace, ...]


class MapPoint(NamedTuple):
    """An acupoint as a labelled dot at its approximate place on one view of the body map."""

    label: str
    acupoint: str
    view: str
    row: float
    column: float


class MapFigure(NamedTuple):
    """One view's outline: rows of box-drawing characters, all of one width."""

    view: str
    rows: tuple[str, ...]


class BodyMap(NamedTuple):
    """Figures (front, back) with regions numbered, drawn by `spasmguide.render.figure` for each
    format (text art for the terminal and Markdown, SVG for HTML)."""

    marks: tuple[MapMark, ...]
    figures: tuple[MapFigure, ...]
    points: tuple[MapPoint, ...] = ()
    highlight: str | None = None  # the id of the region shaded and marked
    small: bool = False  # a figure beside one region's text rather than the whole map

    @property
    def views(self) -> tuple[str, ...]:
        return tuple(figure.view for figure in self.figures)

    def number_text(self, mark: MapMark) -> str:
        """A region's number as the figure and its legend show it: starred when chosen, so it
        shows without colour too."""
        if mark.region == self.highlight:
            return f"{HIGHLIGHT}{mark.number}{HIGHLIGHT}"
        return str(mark.number)


Block = Paragraph | Hint | Bullets | Terms | Facts | Table | Contents | BodyMap


class Section(NamedTuple):
    heading: str
    blocks: tuple[Block, ...]
    warning: bool = False
    level: int = 2  # the heading's depth: 2 for a page's sections, deeper inside a guide
    anchor: str | None = None  # the id links to this section use (study guides only)
    # On paper, in small type and columns with each item kept whole (the one-page summary).
    columns: bool = False
    entry: str | None = None  # the entry the section is about ("kind/id"), in a study guide


class IndexEntry(NamedTuple):
    """One entry as a study guide's own search finds it: the command line's index words
    (`spasmguide.kb.search`), each stem with the weight and field of its best match."""

    entry: str  # "kind/id"
    name: str
    kind: str  # how a hit names the kind, e.g. "acupoint"
    terms: tuple[tuple[str, float, str], ...]


class SearchIndex(NamedTuple):
    """What a study guide's search box searches, built into the page."""

    entries: tuple[IndexEntry, ...]
    words: tuple[tuple[str, str], ...]  # every indexed word with its stem, for words being typed
    stop_words: tuple[str, ...]
    lookalikes: tuple[str, str]  # letters read as others when text is folded, and those others


class Page(NamedTuple):
    kind: str
    title: str
    notice: str
    data: dict[str, Any]
    subtitle: str | None = None
    sections: tuple[Section, ...] = ()
    search: SearchIndex | None = None  # a study guide's own search, for formats that can run it


def slug(heading: str) -> str:
    """The anchor a Markdown viewer such as GitHub's makes for a heading."""
    kept = "".join(
        character for character in heading.lower() if character.isalnum() or character in " -_"
    )
    return kept.replace(" ", "-")


def with_anchors(sections: list[Section]) -> list[Section]:
    """The sections with anchors as a Markdown viewer numbers them: repeats get -1, -2, ..."""
    used: dict[str, int] = {}
    anchored = []
    for section in sections:
        base = slug(section.heading)
        count = used.get(base, 0)
        used[base] = count + 1
        anchored.append(section._replace(anchor=f"{base}-{count}" if count else base))
    return anchored
