"""Builds the guide's pages from the knowledge model, in the format-neutral form of
`spasmguide.pages.document`. Headings are the program's own words; all other text comes from the
knowledge base."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from typing import TYPE_CHECKING, Any

from spasmguide.kb.model import (
    Acupoint,
    Cause,
    Evidence,
    KnowledgeBase,
    RedFlagGroup,
    Region,
    Technique,
    to_plain,
)
from spasmguide.kb.names import KIND_LABELS
from spasmguide.kb.queries import (
    Basis,
    RankedTechnique,
    rank_techniques,
    red_flags_of,
    where_suggested,
)
from spasmguide.pages import body_map
from spasmguide.pages.document import (
    Block,
    Bullets,
    Command,
    Contents,
    Fact,
    Facts,
    Page,
    Paragraph,
    Section,
    Table,
    Term,
    Terms,
    with_anchors,
)

if TYPE_CHECKING:
    from spasmguide.kb.ask import Reading, Understanding
    from spasmguide.kb.layers import FileReport
    from spasmguide.kb.search import SearchResults
    from spasmguide.study.progress import TopicStats
    from spasmguide.user_files import PathWithSource


# A short text page shows this many suggested techniques; --full and every other format, all.
SHORT_TECHNIQUES = 3


def lookup_page(
    kb: KnowledgeBase, region: Region | None, cause: Cause | None, *, full: bool = True
) -> Page:
    """The page for a region, a cause, or both together. Safety first: warning signs, then
    self-care, then the ranked techniques with their basis; details follow (all of them only
    when `full`)."""
    if region is not None and cause is not None:
        return combined_page(kb, region, cause, full=full)
    if region is not None:
        return region_page(kb, region, full=full)
    if cause is None:
        raise ValueError("a lookup needs a region or a cause")
    return cause_page(kb, cause, full=full)


def region_page(kb: KnowledgeBase, region: Region, *, full: bool = True) -> Page:
    ranked = rank_techniques(kb, [region])
    flags = red_flags_of(kb, region)
    first = [
        _red_flag_section(kb, flags, full=full),
        Section("Self-care", (Bullets(region.self_care),)),
        _ranked_section(ranked, [region], full=full),
    ]
    on_the_map = Paragraph(f"Where it is on the body: spasmguide map --region {region.id}")
    details = [
        Section("About", (Paragraph(region.description), on_the_map)),
        Section("Muscles involved", (Bullets(region.muscles),)),
        _causes_section("Common causes", kb, region.causes),
        *_acupoint_sections(kb, region.acupoints),
        *_evidence_sections(kb, region.evidence),
        _sources_section(kb, region.sources),
    ]
    data = {"region": _region_data(kb, region, ranked, flags)}
    sections = _with_details(first, details, full, f"lookup --region {region.id}")
    if not full:
        sections[-1] = sections[-1]._replace(blocks=(*sections[-1].blocks, on_the_map))
    return _page(kb, "region", region.name, region.summary, sections, data)


def cause_page(kb: KnowledgeBase, cause: Cause, *, full: bool = True) -> Page:
    ranked = rank_techniques(kb, [cause])
    flags = red_flags_of(kb, cause)
    first = [
        *_if_any(flags, lambda: _red_flag_section(kb, flags, full=full)),
        Section("Prevention", (Bullets(cause.prevention),)),
        _ranked_section(ranked, [cause], full=full),
    ]
    details = [
        Section("About", (Paragraph(cause.description),)),
        Section("How it leads to spasm", (Paragraph(cause.mechanism),)),
        *_bullets_if_any("Examples", cause.examples),
        _regions_section("Regions often affected", kb, cause.regions),
        _sources_section(kb, cause.sources),
    ]
    data = {"cause": _cause_data(kb, cause, ranked, flags)}
    sections = _with_details(first, details, full, f"lookup --cause {cause.id}")
    return _page(kb, "cause", cause.name, cause.summary, sections, data)


def combined_page(kb: KnowledgeBase, region: Region, cause: Cause, *, full: bool = True) -> Page:
    """The page for a region and a cause together, each technique ranked on the evidence for
    either, with each reason on its own line."""
    ranked = rank_techniques(kb, [region, cause])
    flags = red_flags_of(kb, region, cause)
    first = [
        _red_flag_section(kb, flags, full=full),
        Section(
            "Self-care and prevention",
            (Bullets(tuple(dict.fromkeys((*region.self_care, *cause.prevention)))),),
        ),
        _ranked_section(ranked, [region, cause], full=full),
    ]
    details = [
        Section(region.name, (Paragraph(region.description),)),
        Section(cause.name, (Paragraph(cause.description), Paragraph(cause.mechanism))),
        *_acupoint_sections(kb, region.acupoints),
        *_evidence_sections(kb, region.evidence),
        _sources_section(kb, (*region.sources, *cause.sources)),
    ]
    data = {
        "region": _region_data(kb, region, rank_techniques(kb, [region]), red_flags_of(kb, region)),
        "cause": _cause_data(kb, cause, rank_techniques(kb, [cause]), red_flags_of(kb, cause)),
        "techniques": [_ranked_data(item) for item in ranked],
        "red_flags": [to_plain(flag) for flag in flags],
    }
    title = f"{region.name} + {cause.name}"
    subtitle = f"{region.summary} {cause.summary}"
    command = f"lookup --region {region.id} --cause {cause.id}"
    return _page(kb, "lookup", title, subtitle, _with_details(first, details, full, command), data)


def _with_details(
    first: Sequence[Section], details: Sequence[Section], full: bool, command: str
) -> list[Section]:
    """The page's sections: what to do first, then the details, or where to find them."""
    if full:
        return [*first, *details]
    shown = ", ".join(section.heading.lower() for section in details)
    more = Paragraph(f"Not shown here: {shown}. See them all with: spasmguide {command} --full")
    return [*first, Section("More on this page", (more,))]


def ask_page(kb: KnowledgeBase, understood: Understanding) -> Page:
    """The answer to a question in the person's own words: warning signs it mentions first,
    then what the guide understood and why, then that page's first part (or, when the text
    can be read several ways, each reading with the command that opens it)."""
    sections: list[Section] = []
    if understood.warnings:
        flags = [flag for flag, _ in understood.warnings]
        said = "; ".join(f"{flag.title}: {', '.join(words)}" for flag, words in understood.warnings)
        mentioned = _red_flag_section(kb, flags)
        sections.append(
            mentioned._replace(
                heading="Check these warning signs first: your words match them",
                blocks=(Paragraph(f"Words that matched: {said}."), *mentioned.blocks),
            )
        )
    readings = understood.readings
    answered: Page | None = None
    if not readings:
        sections.append(
            Section(
                "Not understood",
                (
                    Paragraph(
                        "The guide could not tell which part of the body or which cause this is"
                        " about. Name the body part (neck, calf, jaw ...) or what brought it on"
                        " (sitting, lifting, stress ...), or see 'spasmguide list regions'."
                    ),
                ),
            )
        )
    elif understood.warnings:
        # A warning sign comes before any technique: where to go, not what to try.
        reading = readings[0]
        sections.append(
            Section(
                "No techniques until a doctor has seen you",
                (
                    Paragraph(
                        "Your words match a warning sign, so this answer stops here: get the"
                        " medical care it names first. If the sign does not apply to you, the"
                        " page for what the guide understood is:"
                    ),
                    _reading_facts(reading, understood),
                ),
                warning=True,
            )
        )
    elif len(readings) == 1 and not understood.from_search:
        reading = readings[0]
        understood_section = Section(
            "What the guide understood", (_reading_facts(reading, understood),)
        )
        sections.append(understood_section)
        answered = lookup_page(kb, reading.region, reading.cause, full=False)
        sections.extend(answered.sections)
    else:
        terms = tuple(
            Term(
                _reading_title(reading),
                _reading_why(reading, understood),
                opens=_reading_command(reading),
            )
            for reading in readings
        )
        intro = (
            "No body part, cause or everyday word the guide knows is in the text. These are the"
            " closest entries a search of the guide found; they may not be what you mean."
            if understood.from_search
            else "The likeliest readings first; open the one that fits."
        )
        heading = (
            "Not understood: the closest entries"
            if understood.from_search
            else "The text can be read more than one way"
        )
        sections.append(Section(heading, (Paragraph(intro), Terms(terms, numbered=True))))
    data: dict[str, Any] = {
        "text": understood.text,
        "warnings": [
            {**to_plain(flag), "matched": list(words)} for flag, words in understood.warnings
        ],
        "readings": [
            {
                "region": _named(reading.region) if reading.region else None,
                "cause": _named(reading.cause) if reading.cause else None,
                "matched": list(reading.matched),
                "from_search": understood.from_search,
                "command": _reading_command(reading).words(),
            }
            for reading in readings
        ],
    }
    if answered is not None:  # the page's data is whole whether or not its text is short
        data["page"] = answered.data
    title = f"You asked: {understood.text}"  # its spaces and line breaks already folded
    return _page(kb, "ask", title, None, sections, data)


def _reading_title(reading: Reading) -> str:
    parts = [part.name for part in (reading.region, reading.cause) if part is not None]
    return " + ".join(parts)


def _reading_why(reading: Reading, understood: Understanding) -> str:
    if understood.from_search:
        return "No name or everyday word matched; this is what a search of the guide found."
    return f"Matched: {', '.join(dict.fromkeys(reading.matched))}"


def _reading_facts(reading: Reading, understood: Understanding) -> Facts:
    facts = []
    if reading.region is not None:
        facts.append(Fact("Region", reading.region.name))
    if reading.cause is not None:
        facts.append(Fact("Cause", reading.cause.name))
    facts.append(Fact("Why", _reading_why(reading, understood)))
    facts.append(Fact("Full page", _reading_command(reading).words() + " --full"))
    return Facts(tuple(facts))


def _reading_command(reading: Reading) -> Command:
    if reading.region is not None:
        cause = reading.cause.id if reading.cause is not None else None
        return Command("regions", reading.region.id, cause=cause)
    assert reading.cause is not None
    return Command("causes", reading.cause.id)


def technique_page(kb: KnowledgeBase, technique: Technique) -> Page:
    facts = [
        Fact("Category", technique.category),
        Fact("Invasiveness", technique.invasiveness),
    ]
    if technique.aliases:
        facts.append(Fact("Also called", ", ".join(technique.aliases)))
    suggested = where_suggested(kb, technique.id)
    safety = [kb.safety[safety_id] for safety_id in technique.safety]
    sections = [
        Section("About", (Facts(tuple(facts)),)),
        *_bullets_if_any("Contraindications", technique.contraindications, warning=True),
        Section("Cautions", (Bullets(technique.cautions),), warning=True),
        *[Section(group.title, (Bullets(group.points),), warning=True) for group in safety],
        Section("How it works", (Bullets(technique.how_it_works),)),
        Section("Benefits", (Bullets(technique.benefits),)),
        Section("Often used for", (Bullets(technique.often_used_for),)),
        Section("What a session involves", (Paragraph(technique.session),)),
        *_if_any(
            suggested,
            lambda: Section(
                "Suggested for",
                (
                    Terms(
                        tuple(
                            Term(f"{holder.name} ({_kind_of(holder)})", reason)
                            for holder, reason in suggested
                        )
                    ),
                ),
            ),
        ),
        *_evidence_sections(kb, technique.evidence),
        *_bullets_if_any("Notes", technique.notes),
        *_if_any(
            technique.related,
            lambda: _techniques_section("Related techniques", kb, technique.related),
        ),
        _sources_section(
            kb, (*technique.sources, *(source for group in safety for source in group.sources))
        ),
    ]
    entry = to_plain(technique)
    entry["safety"] = [to_plain(group) for group in safety]
    entry["suggested_for"] = [
        {
            "kind": _kind_of(holder),
            "id": holder.id,
            "name": holder.name,
            "reason": reason,
        }
        for holder, reason in suggested
    ]
    entry["evidence"] = [to_plain(kb.evidence[evidence_id]) for evidence_id in technique.evidence]
    entry["related"] = [_named(kb.techniques[related]) for related in technique.related]
    entry["sources"] = _sources_data(kb, technique.sources)
    return _page(kb, "technique", technique.name, technique.summary, sections, {"technique": entry})


def acupoint_page(kb: KnowledgeBase, point: Acupoint) -> Page:
    """One acupoint: its names, where it is, what it is used for, and its cautions."""
    regions = [region for region in kb.regions.values() if point.id in region.acupoints]
    facts = [
        Fact("Code", point.code or "none given"),
        Fact("Pinyin", point.pinyin),
        Fact("English", ", ".join(point.english)),
        Fact("Meridian", point.meridian),
    ]
    sections = [
        Section(
            "About",
            (Facts(tuple(facts)), *((Paragraph(point.code_note),) if point.code_note else ())),
        ),
        Section("Where", (Paragraph(point.location),)),
        *_bullets_if_any("Cautions", point.cautions, warning=True),
        Section("Used for", (Paragraph(point.uses),)),
        *_if_any(
            regions, lambda: _regions_section("Listed for", kb, [region.id for region in regions])
        ),
        _sources_section(kb, point.sources),
    ]
    title = f"{point.code} {point.pinyin}" if point.code else point.pinyin
    entry = {**to_plain(point), "regions": [_named(region) for region in regions]}
    entry["sources"] = _sources_data(kb, point.sources)
    return _page(kb, "acupoint", title, point.english[0], sections, {"acupoint": entry})


def list_page(kb: KnowledgeBase, kind: str) -> Page:
    """The regions, techniques or causes as a table of id, name (category) and summary."""
    headers: tuple[str, ...] = ("Id", "Name", "Summary")
    rows: list[tuple[str, ...]] = []
    if kind == "techniques":
        headers = ("Id", "Name", "Category", "Summary")
        rows = [
            (entry.id, entry.name, entry.category, entry.summary)
            for entry in kb.techniques.values()
        ]
    elif kind == "acupoints":
        headers = ("Id", "Name", "Meridian", "Used for")
        rows = [
            (
                point.id,
                f"{point.code or '(no code)'} {point.pinyin} ({point.english[0]})",
                point.meridian,
                point.uses,
            )
            for point in kb.acupoints.values()
        ]
    else:
        listed: Mapping[str, Region] | Mapping[str, Cause] = (
            kb.regions if kind == "regions" else kb.causes
        )
        rows = [(entry.id, entry.name, entry.summary) for entry in listed.values()]
    title = kind.replace("_", " ").capitalize()
    items = [dict(zip((header.lower() for header in headers), row, strict=True)) for row in rows]
    sections = [Section(f"{len(rows)} {kind}", (Table(headers, tuple(rows)),))]
    return _page(kb, "list", title, None, sections, {"list": kind, "entries": items})


def kinds_page(kb: KnowledgeBase, kinds: Sequence[str]) -> Page:
    """What `spasmguide list` can list, with how many of each and the command."""
    rows = tuple((kind, str(len(kb.collection(kind))), f"spasmguide list {kind}") for kind in kinds)
    sections = [Section("What can be listed", (Table(("Kind", "Entries", "Command"), rows),))]
    data = {"kinds": [{"kind": kind, "entries": int(count)} for kind, count, _ in rows]}
    return _page(kb, "list", "Lists", None, sections, data)


def search_page(kb: KnowledgeBase, results: SearchResults) -> Page:
    terms = tuple(
        Term(
            f"{hit.name} ({KIND_LABELS[hit.kind]})",
            f"matched in {hit.field}: {hit.snippet}",
            opens=Command(hit.kind, hit.id),
        )
        for hit in results.hits
    )
    if terms:
        blocks: tuple[Block, ...] = (Terms(terms, numbered=True),)
        if not results.all_words_matched:
            blocks = (
                Paragraph("No entry contains every word searched for; these contain some of them."),
                *blocks,
            )
    else:
        blocks = (
            Paragraph(
                "Nothing in the guide matches. Try fewer or simpler words,"
                " or 'spasmguide list techniques'."
            ),
        )
    count = len(results.hits)
    heading = f"{count} result{'s' if count != 1 else ''}"
    data = {
        "query": results.query,
        "all_words_matched": results.all_words_matched,
        "results": [
            {
                "rank": rank,
                "kind": KIND_LABELS[hit.kind],
                "id": hit.id,
                "name": hit.name,
                "field": hit.field,
                "snippet": hit.snippet,
                "score": hit.score,
                "command": Command(hit.kind, hit.id).words(),
            }
            for rank, hit in enumerate(results.hits, start=1)
        ],
    }
    return _page(kb, "search", f"Search: {results.query}", None, [Section(heading, blocks)], data)


def red_flags_page(kb: KnowledgeBase, region: Region | None = None) -> Page:
    flags = red_flags_of(kb, region) if region else list(kb.red_flags.values())
    sections = [
        Section("About warning signs", (Paragraph(kb.guide.red_flag_note),)),
        *[_red_flag_group_section(kb, flag) for flag in flags],
        _sources_section(
            kb,
            (
                *kb.guide.red_flag_note_sources,
                *(source for flag in flags for source in flag.sources),
            ),
        ),
    ]
    title = f"Warning signs: {region.name}" if region else "Warning signs"
    subtitle = "Signs that need medical care rather than a therapy session."
    data = {
        "region": region.id if region else None,
        "red_flags": [to_plain(flag) for flag in flags],
    }
    return _page(kb, "red-flags", title, subtitle, sections, data)


def evidence_page(kb: KnowledgeBase) -> Page:
    meanings = {label.label: label.meaning for label in kb.guide.certainty_labels}
    sections = [
        *[_evidence_entry_section(kb, evidence, meanings) for evidence in kb.evidence.values()],
        Section(
            "Certainty labels",
            (
                Table(
                    ("Label", "Meaning"),
                    tuple((label.label, label.meaning) for label in kb.guide.certainty_labels),
                ),
            ),
        ),
    ]
    data = {
        "evidence": [
            {**to_plain(evidence), "sources": _sources_data(kb, evidence.sources)}
            for evidence in kb.evidence.values()
        ],
        "certainty_labels": [to_plain(label) for label in kb.guide.certainty_labels],
    }
    subtitle = (
        "What research has found, and how certain it is;"
        " the source article's claims beside what was found."
    )
    return _page(kb, "evidence", "Evidence", subtitle, sections, data)


def paths_page(
    kb: KnowledgeBase,
    reports: Sequence[FileReport],
    folders: Sequence[tuple[str, PathWithSource]] = (),
) -> Page:
    """Which knowledge-base files are in force, where each came from, and what it adds; and
    the user's folders the program writes to, with what decided each."""
    rows = []
    for report in reports:
        provides = ", ".join(
            f"{count} {kind.replace('_', ' ')}" for kind, count in report.provides.items()
        )
        status = (
            f"{report.problems} problem{'s' if report.problems != 1 else ''}"
            if report.problems
            else "ok"
        )
        replaces = f"; replaces {', '.join(report.replaces)}" if report.replaces else ""
        rows.append((report.origin, report.path, f"{provides or 'nothing'}{replaces}", status))
    heading = (
        f"{len(reports)} file{'s' if len(reports) != 1 else ''}, in the order they are layered"
    )
    note = Paragraph(
        "Later files replace earlier entries with the same id. "
        "Run 'spasmguide validate' to list any problems in full."
    )
    sections = [
        Section(heading, (Table(("Origin", "File", "Provides", "Status"), tuple(rows)), note)),
        *_if_any(
            folders,
            lambda: Section(
                "Your folders",
                (
                    Table(
                        ("Folder", "Path", "Decided by"),
                        tuple(
                            (what, where.path or "none (nothing is saved)", where.source)
                            for what, where in folders
                        ),
                    ),
                ),
            ),
        ),
    ]
    data = {
        "files": [to_plain(report) for report in reports],
        "folders": {what: {"path": where.path, "source": where.source} for what, where in folders},
    }
    return _page(kb, "paths", "Knowledge-base files", None, sections, data)


def about_page(kb: KnowledgeBase) -> Page:
    guide = kb.guide
    sections = [
        Section("Overview", tuple(Paragraph(text) for text in guide.overview)),
        Section("Why muscle spasms happen", (Paragraph(guide.why_spasms_happen),)),
        Section("The spasm-ischemia cycle", (Paragraph(guide.spasm_ischemia_cycle),)),
        Section(
            "How acupuncture and manual therapy help",
            (Paragraph(guide.how_therapies_help), Paragraph(guide.combining_therapies)),
        ),
        Section("The source article's outlook", (Paragraph(guide.outlook),)),
        Section(
            "Who is a Licensed Acupuncturist (L.Ac)",
            tuple(Paragraph(text) for text in guide.licensing),
        ),
        _sources_section(kb, guide.sources),
    ]
    data = {"guide": {**to_plain(guide), "sources": _sources_data(kb, guide.sources)}}
    return _page(kb, "about", guide.title, None, sections, data)


def quiz_stats_page(
    kb: KnowledgeBase,
    stats: Sequence[TopicStats],
    where: str,
    next_due: float | None,
    now: float,
) -> Page:
    """Quiz progress per topic: cards, seen, due now, due this week, retention so far (the
    share of reviews answered right); and when the next card falls due."""
    import time

    def percent(right: int, reviews: int) -> str:
        return f"{round(100 * right / reviews)}% of {reviews}" if reviews else "-"

    rows = tuple(
        (
            topic.topic,
            str(topic.cards),
            str(topic.seen),
            str(topic.due_now),
            str(topic.due_this_week),
            percent(topic.right, topic.reviews),
        )
        for topic in stats
    )
    fields = ("cards", "seen", "due_now", "due_this_week", "reviews", "right")
    total = {name: sum(getattr(topic, name) for topic in stats) for name in fields}
    if next_due is None:
        next_text = "No card seen is waiting to fall due."
        next_iso = None
    else:
        wait = max(0.0, next_due - now)
        if wait < 3600:
            after = f"{max(1, round(wait / 60))} min"
        elif wait < 36 * 3600:
            after = f"{round(wait / 3600)} h"
        else:
            after = f"{round(wait / 86400)} days"
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(next_due))
        next_text = f"The next card falls due at {stamp} (in {after})."
        next_iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(next_due))
    sections = [
        Section(
            "Progress by topic",
            (
                Table(
                    ("Topic", "Cards", "Seen", "Due now", "Due this week", "Retention so far"),
                    rows,
                ),
                Paragraph(
                    f"{total['seen']} of {total['cards']} cards seen, {total['due_now']} due now,"
                    f" {total['due_this_week']} due this week; answered right:"
                    f" {percent(total['right'], total['reviews'])} reviews. Cards never seen"
                    " count as due; cards missed lately are due again at once."
                ),
                Paragraph(next_text),
                Paragraph(f"Progress is kept in {where}, scheduled with FSRS."),
            ),
        )
    ]
    data = {
        "database": where,
        "topics": [{**topic._asdict(), "retention": topic.retention} for topic in stats],
        "totals": {
            **total,
            "retention": total["right"] / total["reviews"] if total["reviews"] else None,
        },
        "next_due": next_iso,
    }
    return _page(kb, "quiz-stats", "Quiz progress", None, sections, data)


def study_guide_page(kb: KnowledgeBase) -> Page:
    """The whole knowledge base as one study guide, with a table of contents."""
    body: list[Section] = [
        Section("Notice", (Paragraph(kb.guide.notice),), warning=True),
        summary_section(kb),
    ]

    def part(heading: str, summary: str | None = None) -> None:
        body.append(Section(heading, (Paragraph(summary),) if summary else (), level=2))

    def entry(
        key: str, heading: str, summary: str, page: Page, figure: Block | None = None
    ) -> None:
        body.append(Section(heading, (Paragraph(summary),), level=3, entry=key))
        sections = [section._replace(level=4) for section in page.sections]
        if figure is not None:
            # After the warning signs, which come first.
            after = next(
                (number for number, section in enumerate(sections) if not section.warning), 0
            )
            sections.insert(after, Section("On the body map", (figure,), level=4))
        body.extend(sections)

    body.extend(body_map_sections(kb))
    part("About")
    body.extend(section._replace(level=3) for section in about_page(kb).sections)
    part("Regions")
    placed = set(body_map.spots_of(kb))
    for region in kb.regions.values():
        figure = body_map.body_map(
            kb, highlight=region.id, only=[region.id], points=region.acupoints, small=True
        )
        entry(
            f"regions/{region.id}",
            region.name,
            region.summary,
            region_page(kb, region),
            figure if region.id in placed else None,
        )
    part("Techniques")
    for technique in kb.techniques.values():
        entry(
            f"techniques/{technique.id}",
            technique.name,
            technique.summary,
            technique_page(kb, technique),
        )
    part("Causes")
    for cause in kb.causes.values():
        entry(f"causes/{cause.id}", cause.name, cause.summary, cause_page(kb, cause))
    part("Acupoints", "Codes are WHO standard codes; locations are described in plain words.")
    rows = tuple(
        _acupoint_row(point, ", ".join(point.english), meridian=True)
        for point in kb.acupoints.values()
    )
    body.append(
        Section(
            "All acupoints",
            (
                Table(
                    ("Point", "Name", "Meridian", "Where", "Used for, cautions"),
                    rows,
                    entries=tuple(f"acupoints/{point_id}" for point_id in kb.acupoints),
                ),
            ),
            level=3,
        )
    )
    part("Evidence", "What research has found, and how certain it is.")
    body.extend(section._replace(level=3) for section in evidence_page(kb).sections)
    part("Warning signs", "Signs that need medical care rather than a therapy session.")
    body.extend(
        section._replace(level=3)
        for section in red_flags_page(kb).sections
        if section.heading != "Sources"
    )
    part("Sources")
    body.append(
        Section(
            "All sources",
            (Bullets(tuple(source.citation for source in kb.sources.values())),),
            level=3,
        )
    )
    anchored = with_anchors(body)
    contents = tuple(
        (section.heading, section.anchor or "", section.level - 2)
        for section in anchored
        if section.level <= 3 and section.heading != "Notice"
    )
    sections = [Section("Contents", (Contents(contents),)), *anchored]
    data = {
        "guide": to_plain(kb.guide),
        "regions": list(kb.regions),
        "techniques": list(kb.techniques),
    }
    page = _page(
        kb,
        "study-guide",
        kb.guide.title,
        "A study guide to the whole knowledge base.",
        sections,
        data,
    )
    from spasmguide.pages.guide_search import guide_search_index  # only the guide searches

    return page._replace(search=guide_search_index(kb))


def summary_section(kb: KnowledgeBase) -> Section:
    """Every region on one page: its warning signs, first self-care step, top three
    techniques (in the order its region page ranks them) and key acupoints."""
    regions = []
    for region in kb.regions.values():
        ranked = rank_techniques(kb, [region])[:3]
        flags = red_flags_of(kb, region)
        lines = [
            "Warning signs: "
            + ("; ".join(f"{flag.title} ({flag.urgency})" for flag in flags) or "none listed"),
            *([f"First self-care: {region.self_care[0]}"] if region.self_care else []),
            "Top techniques: "
            + ", ".join(f"{item.rank}. {item.technique.name}" for item in ranked),
        ]
        if region.acupoints:
            points = (kb.acupoints[point_id] for point_id in region.acupoints)
            lines.append(
                "Key acupoints: " + ", ".join(point.code or point.pinyin for point in points)
            )
        regions.append(Term(region.name, region.summary, items=tuple(lines)))
    intro = Paragraph(
        "Each region at a glance; the full entries follow. Warning signs come first:"
        " they need medical care rather than a therapy session."
    )
    return Section("One-page summary", (intro, Terms(tuple(regions))), columns=True)


def body_map_sections(kb: KnowledgeBase) -> list[Section]:
    """The body map with every region numbered and every acupoint the layout can place."""
    figure = body_map.body_map(kb, points=kb.acupoints)
    placed = {point.acupoint for point in figure.points}
    blocks: list[Block] = [
        figure,
        Paragraph(body_map.SCHEMATIC_NOTE),
        body_map.legend(figure),
    ]
    unplaced = [point for point_id, point in kb.acupoints.items() if point_id not in placed]
    if unplaced:
        blocks.append(
            Paragraph(
                "Acupoints not on the map: "
                + ", ".join(point.code or point.pinyin for point in unplaced)
                + "."
            )
        )
    return [Section("Body map", tuple(blocks)), *body_map.not_on_map_section(kb, level=3)]


# -- pieces shared by several pages ---------------------------------------------------------


def _page(
    kb: KnowledgeBase,
    kind: str,
    title: str,
    subtitle: str | None,
    sections: Sequence[Section],
    data: dict[str, Any],
) -> Page:
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
    "red_flags": "the shipped warning signs are replaced",
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
        entry = kb.collection(kind).get(entry_id)
        name = _entry_label(entry) if entry is not None else entry_id
        lines.append(f"{name} ({key}): changed by your file {path}: {_CHANGED_WHAT[kind]}.")
    return lines


def _ranked_section(
    ranked: Sequence[RankedTechnique], holders: Sequence[Region | Cause], *, full: bool
) -> Section:
    """The ranked techniques, each with its reason and the basis of its rank where it is
    listed; the source article's claims beside them, marked as its claims."""
    shown = ranked if full else ranked[:SHORT_TECHNIQUES]
    several = len(holders) > 1
    context = " + ".join(holder.name for holder in holders)
    terms = []
    for item in shown:
        if several:  # one line per region or cause the technique is suggested for
            detail = ""
            reasons = [f"{reason.context}: {reason.text}" for reason in item.reasons]
        else:
            detail = " ".join(reason.text for reason in item.reasons)
            reasons = []
        lines = [*reasons, *_basis_lines(item.basis, context)]
        if full:
            lines += [
                f"The source article says: {reason.article_says}"
                for reason in item.reasons
                if reason.article_says
            ]
        terms.append(
            Term(
                item.technique.name,
                detail,
                items=tuple(lines),
                opens=Command("techniques", item.technique.id),
            )
        )
    blocks: list[Block] = [
        Paragraph(
            f"Ranked by guideline position, then certainty of the evidence for {context}, then "
            "least invasive first; the source article's claims never count."
        ),
        Terms(tuple(terms), numbered=True),
    ]
    if len(shown) < len(ranked):
        rest = ", ".join(item.technique.name for item in ranked[len(shown) :])
        blocks.append(Paragraph(f"Also suggested, ranked lower: {rest}."))
    return Section("Suggested techniques, ranked by evidence", tuple(blocks))


def _basis_lines(basis: Basis, context: str) -> list[str]:
    certainty = basis.certainty
    where = f" ({certainty.entry.title})" if certainty.entry else ""
    lines = [
        f"Evidence for {context}: {certainty.label}{where}. Invasiveness: {basis.invasiveness}."
    ]
    guideline = basis.guideline
    if guideline.entries:
        titles = "; ".join(
            f"{entry.title}: {entry.stance}" for entry in guideline.entries if entry.stance
        )
        lines.append(f"Guidelines: {guideline.label} ({titles})")
    return lines


def _acupoint_sections(kb: KnowledgeBase, acupoint_ids: Sequence[str]) -> list[Section]:
    if not acupoint_ids:
        return []
    rows = [
        _acupoint_row(kb.acupoints[point_id], kb.acupoints[point_id].english[0])
        for point_id in acupoint_ids
    ]
    return [
        Section(
            "Common acupoints",
            (Table(("Point", "Name", "Where", "Used for, cautions"), tuple(rows)),),
        )
    ]


def _acupoint_row(point: Acupoint, english: str, *, meridian: bool = False) -> tuple[str, ...]:
    """A point as a table row: code, name, (meridian,) where, and uses with cautions."""
    notes = " ".join(
        (point.uses, *point.cautions, *((point.code_note,) if point.code_note else ()))
    )
    name = f"{point.pinyin} ({english})"
    placed = (point.meridian, point.location) if meridian else (point.location,)
    return (point.code or "(no code)", name, *placed, notes)


def _if_any(content: Sized, section: Callable[[], Section]) -> list[Section]:
    """The section, only when there is something to show in it."""
    return [section()] if content else []


def _bullets_if_any(heading: str, items: Sequence[str], *, warning: bool = False) -> list[Section]:
    return _if_any(items, lambda: Section(heading, (Bullets(tuple(items)),), warning=warning))


URGENCY_ORDER = {"emergency": 0, "urgent": 1, "see a doctor": 2}
URGENCY_HEADS = {"emergency": "EMERGENCY", "urgent": "Urgent", "see a doctor": "See a doctor"}


def _red_flag_section(
    kb: KnowledgeBase, flags: Sequence[RedFlagGroup], *, full: bool = True
) -> Section:
    """The warning signs, emergencies first and marked; in a short page each group's signs
    share one paragraph."""
    ordered = sorted(flags, key=lambda flag: URGENCY_ORDER[flag.urgency])
    terms = []
    for flag in ordered:
        title = f"{URGENCY_HEADS[flag.urgency]}: {flag.title}"
        if full:
            terms.append(
                Term(title, f"Applies to: {flag.applies_to}", note=flag.note, items=flag.signs)
            )
        else:
            signs = " ".join(sign if sign.endswith(".") else f"{sign}." for sign in flag.signs)
            terms.append(Term(title, signs))
    return Section("Warning signs: get medical care first", (Terms(tuple(terms)),), warning=True)


def _red_flag_group_section(kb: KnowledgeBase, flag: RedFlagGroup) -> Section:
    meaning = {label.label: label.meaning for label in kb.guide.urgency_labels}.get(
        flag.urgency, ""
    )
    blocks: list[Block] = [
        Facts(
            (
                Fact("Urgency", _with_meaning(flag.urgency, meaning)),
                Fact("Applies to", flag.applies_to),
            )
        ),
        Bullets(flag.signs),
    ]
    if flag.note:
        blocks.append(Paragraph(flag.note))
    return Section(flag.title, tuple(blocks), warning=True, entry=f"red_flags/{flag.id}")


def _evidence_sections(kb: KnowledgeBase, evidence_ids: Sequence[str]) -> list[Section]:
    if not evidence_ids:
        return []
    terms = tuple(
        Term(
            f"{evidence.title} (certainty: {evidence.certainty})",
            f"{evidence.finding} Basis: {evidence.basis}",
        )
        for evidence in (kb.evidence[evidence_id] for evidence_id in evidence_ids)
    )
    return [Section("Evidence", (Terms(terms),))]


def _evidence_entry_section(
    kb: KnowledgeBase, evidence: Evidence, meanings: dict[str, str]
) -> Section:
    facts = []
    if evidence.article_says:
        facts.append(Fact("The source article says", evidence.article_says))
    if evidence.as_cited:
        facts.append(Fact("Cited as", evidence.as_cited))
    facts.append(Fact("What was found", evidence.finding))
    facts.append(
        Fact("Certainty", _with_meaning(evidence.certainty, meanings.get(evidence.certainty, "")))
    )
    facts.append(Fact("Basis", evidence.basis))
    facts.append(
        Fact("Sources", "; ".join(kb.sources[source].citation for source in evidence.sources))
    )
    return Section(evidence.title, (Facts(tuple(facts)),), entry=f"evidence/{evidence.id}")


def _kind_of(holder: Region | Cause) -> str:
    return "region" if isinstance(holder, Region) else "cause"


def _with_meaning(label: str, meaning: str) -> str:
    return f"{label} ({meaning.rstrip('.')})" if meaning else label


def _causes_section(heading: str, kb: KnowledgeBase, cause_ids: Sequence[str]) -> Section:
    causes = (kb.causes[cause_id] for cause_id in cause_ids)
    return Section(heading, (Terms(tuple(Term(cause.name, cause.summary) for cause in causes)),))


def _regions_section(heading: str, kb: KnowledgeBase, region_ids: Sequence[str]) -> Section:
    regions = (kb.regions[region_id] for region_id in region_ids)
    return Section(
        heading, (Terms(tuple(Term(region.name, region.summary) for region in regions)),)
    )


def _techniques_section(heading: str, kb: KnowledgeBase, technique_ids: Sequence[str]) -> Section:
    techniques = (kb.techniques[technique_id] for technique_id in technique_ids)
    return Section(
        heading,
        (Terms(tuple(Term(technique.name, technique.summary) for technique in techniques)),),
    )


def _sources_section(kb: KnowledgeBase, source_ids: Iterable[str]) -> Section:
    citations = tuple(kb.sources[source_id].citation for source_id in dict.fromkeys(source_ids))
    return Section("Sources", (Bullets(citations),))


def _sources_data(kb: KnowledgeBase, source_ids: Iterable[str]) -> list[dict[str, Any]]:
    return [to_plain(kb.sources[source_id]) for source_id in dict.fromkeys(source_ids)]


def _named(entry: Region | Cause | Technique) -> dict[str, str]:
    return {"id": entry.id, "name": entry.name}


def _ranked_data(item: RankedTechnique) -> dict[str, Any]:
    basis = item.basis
    return {
        "rank": item.rank,
        "id": item.technique.id,
        "name": item.technique.name,
        "category": item.technique.category,
        "basis": {
            "guideline": basis.guideline.label,
            "guideline_level": basis.guideline.level,
            "guidelines": [entry.id for entry in basis.guideline.entries],
            "certainty": basis.certainty.label,
            "certainty_level": basis.certainty.level,
            "certainty_from": basis.certainty.entry.id if basis.certainty.entry else None,
            "indirect": basis.certainty.indirect,
            "invasiveness": basis.invasiveness,
        },
        "reasons": [
            {"for": reason.context, "reason": reason.text, "article_says": reason.article_says}
            for reason in item.reasons
        ],
    }


def _acupoint_data(acupoint: Acupoint) -> dict[str, Any]:
    plain: dict[str, Any] = to_plain(acupoint)
    return plain


def _region_data(
    kb: KnowledgeBase,
    region: Region,
    ranked: Sequence[RankedTechnique],
    flags: Sequence[RedFlagGroup],
) -> dict[str, Any]:
    return {
        "id": region.id,
        "name": region.name,
        "aliases": list(region.aliases),
        "summary": region.summary,
        "description": region.description,
        "muscles": list(region.muscles),
        "causes": [_named(kb.causes[cause_id]) for cause_id in region.causes],
        "techniques": [_ranked_data(item) for item in ranked],
        "acupoints": [_acupoint_data(kb.acupoints[point_id]) for point_id in region.acupoints],
        "self_care": list(region.self_care),
        "red_flags": [to_plain(flag) for flag in flags],
        "evidence": [to_plain(kb.evidence[evidence_id]) for evidence_id in region.evidence],
        "sources": _sources_data(kb, region.sources),
    }


def _cause_data(
    kb: KnowledgeBase,
    cause: Cause,
    ranked: Sequence[RankedTechnique],
    flags: Sequence[RedFlagGroup],
) -> dict[str, Any]:
    return {
        "id": cause.id,
        "name": cause.name,
        "aliases": list(cause.aliases),
        "summary": cause.summary,
        "description": cause.description,
        "mechanism": cause.mechanism,
        "examples": list(cause.examples),
        "regions": [_named(kb.regions[region_id]) for region_id in cause.regions],
        "techniques": [_ranked_data(item) for item in ranked],
        "prevention": list(cause.prevention),
        "red_flags": [to_plain(flag) for flag in flags],
        "sources": _sources_data(kb, cause.sources),
    }


def _entry_label(entry: Any) -> str:
    """What an entry is called on a page: its name, title, or code and pinyin."""
    for field in ("name", "title"):
        value = getattr(entry, field, None)
        if isinstance(value, str):
            return value
    code = getattr(entry, "code", None)
    pinyin = str(getattr(entry, "pinyin", ""))
    return f"{code} {pinyin}" if code else pinyin
