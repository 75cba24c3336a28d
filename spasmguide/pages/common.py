"""What every page shares: the one constructor every page builder goes through, so each page
carries the notice and names any file of the user's that replaced shipped safety content."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.names import entry_name
from spasmguide.pages.document import Bullets, Page, Section


def make_page(
    kb: KnowledgeBase,
    kind: str,
    title: str,
    subtitle: str | None,
    sections: Sequence[Section],
    data: dict[str, Any],
) -> Page:
    """A page of `kind`: the notice of the guide in force, and, first of all, what the
    user's files changed of the shipped safety content."""
    changed = changed_safety_lines(kb)
    if changed:
        warning = Section("Changed by your files", (Bullets(tuple(changed)),), warning=True)
        sections = [warning, *sections]
        data = {**data, "changed_by_your_files": changed}
    return Page(
        kind=kind,
        title=title,
        subtitle=subtitle,
        notice=kb.guide.notice,
        sections=tuple(sections),
        data=data,
    )


_CHANGED_WHAT = {
    "guide": "what the urgency levels mean, the note on warning signs or the licensing advice"
    " is replaced",
    "regions": "the region's shipped warning signs or self-care advice are replaced",
    "causes": "the cause's shipped warning signs are replaced",
    "red_flags": "the shipped warning signs are replaced, or the words ask knows them by",
    "techniques": "the shipped cautions or contraindications are replaced",
    "acupoints": "the shipped cautions are replaced",
    "safety": "the shipped safety advice is replaced",
}


def changed_safety_lines(kb: KnowledgeBase) -> list[str]:
    """For the top of every page: each shipped entry whose safety content a user's file
    replaced, the file, and what was replaced."""
    lines = []
    for key, path in sorted(kb.changed_by.items()):
        kind, _, entry_id = key.partition("/")
        if kind == "guide":
            name = "The guide's safety wording"
        else:
            entry = kb.collection(kind).get(entry_id)
            name = entry_name(entry) if entry is not None else entry_id
        lines.append(f"{name} ({key}): changed by your file {path}: {_CHANGED_WHAT[kind]}.")
    return lines
