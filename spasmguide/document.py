"""A format-neutral page: what every renderer (text, Markdown, JSON) receives.

Pages are built once, in `spasmguide.pages`, from the knowledge model; each renderer only
decides how the same blocks look in its format. `data` carries the page's structured content
for JSON, with stable keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """A named item with its explanation, such as a technique and the reason it is suggested."""

    term: str
    detail: str
    note: str | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Terms:
    items: tuple[Term, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Fact:
    """A short labelled value, such as 'Certainty: low'."""

    label: str
    value: str


@dataclass(frozen=True)
class Facts:
    items: tuple[Fact, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Bullets | Terms | Facts | Table


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]
    warning: bool = False


@dataclass(frozen=True)
class Page:
    kind: str
    title: str
    notice: str
    subtitle: str | None = None
    sections: tuple[Section, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
