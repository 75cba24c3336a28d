"""A format-neutral page: what every renderer (text, Markdown, JSON) receives.

Pages are built once, in `spasmguide.pages`, from the knowledge model; each renderer only
decides how the same blocks look in its format. `data` carries the page's structured content
for JSON, with stable keys.
"""

from typing import Any, NamedTuple


class Paragraph(NamedTuple):
    text: str


class Bullets(NamedTuple):
    items: tuple[str, ...]


class Term(NamedTuple):
    """A named item with its explanation, such as a technique and the reason it is suggested."""

    term: str
    detail: str
    note: str | None = None
    items: tuple[str, ...] = ()


class Terms(NamedTuple):
    items: tuple[Term, ...]
    numbered: bool = False


class Fact(NamedTuple):
    """A short labelled value, such as 'Certainty: low'."""

    label: str
    value: str


class Facts(NamedTuple):
    items: tuple[Fact, ...]


class Table(NamedTuple):
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Bullets | Terms | Facts | Table


class Section(NamedTuple):
    heading: str
    blocks: tuple[Block, ...]
    warning: bool = False


class Page(NamedTuple):
    kind: str
    title: str
    notice: str
    data: dict[str, Any]
    subtitle: str | None = None
    sections: tuple[Section, ...] = ()
