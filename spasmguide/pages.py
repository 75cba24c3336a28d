"""Builds the guide's pages from the knowledge model, in the format-neutral form of
`spasmguide.document`. Headings are the program's own words; all other text comes from the
knowledge base."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from spasmguide.document import (
    Block,
    Bullets,
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
from spasmguide.model import (
    Acupoint,
    Cause,
    Evidence,
    KnowledgeBase,
    RedFlagGroup,
    Region,
    Technique,
    to_plain,
)
from spasmguide.names import KIND_LABELS
from spasmguide.queries import RankedTechnique, rank_techniques, red_flags_of, where_suggested

if TYPE_CHECKING:
    from spasmguide.loader import FileReport
    from spasmguide.progress import TopicStats
    from spasmguide.search import SearchResults


def region_page(kb: KnowledgeBase, region: Region) -> Page:
    ranked = rank_techniques(kb, [(region.name, region.techniques)])
    flags = red_flags_of(kb, region)
    sections = [
        Section("About", (Paragraph(region.description),)),
        Section("Muscles involved", (Bullets(region.muscles),)),
        _causes_section("Common causes", kb, region.causes),
        _ranked_section(ranked, show_context=False),
        *_acupoint_sections(kb, region.acupoints),
        Section("Self-care", (Bullets(region.self_care),)),
        _red_flag_section(kb, flags),
        *_evidence_sections(kb, region.evidence),
        _sources_section(kb, region.sources),
    ]
    data = {"region": _region_data(kb, region, ranked, flags)}
    return _page(kb, "region", region.name, region.summary, sections, data)


def cause_page(kb: KnowledgeBase, cause: Cause) -> Page:
    ranked = rank_techniques(kb, [(cause.name, cause.techniques)])
    flags = red_flags_of(kb, cause)
    sections = [
        Section("About", (Paragraph(cause.description),)),
        Section("How it leads to spasm", (Paragraph(cause.mechanism),)),
        *([Section("Examples", (Bullets(cause.examples),))] if cause.examples else []),
        _regions_section("Regions often affected", kb, cause.regions),
        _ranked_section(ranked, show_context=False),
        Section("Prevention", (Bullets(cause.prevention),)),
        *([_red_flag_section(kb, flags)] if flags else []),
        _sources_section(kb, cause.sources),
    ]
    data = {"cause": _cause_data(kb, cause, ranked, flags)}
    return _page(kb, "cause", cause.name, cause.summary, sections, data)


def combined_page(kb: KnowledgeBase, region: Region, cause: Cause) -> Page:
    """The page for a region and a cause together: techniques that suit both rank first."""
    ranked = rank_techniques(kb, [(region.name, region.techniques), (cause.name, cause.techniques)])
    flags = red_flags_of(kb, region, cause)
    sections = [
        Section(region.name, (Paragraph(region.description),)),
        Section(cause.name, (Paragraph(cause.description), Paragraph(cause.mechanism))),
        _ranked_section(ranked, show_context=True),
        *_acupoint_sections(kb, region.acupoints),
        Section(
            "Self-care and prevention",
            (Bullets(tuple(dict.fromkeys((*region.self_care, *cause.prevention)))),),
        ),
        _red_flag_section(kb, flags),
        *_evidence_sections(kb, region.evidence),
        _sources_section(kb, (*region.sources, *cause.sources)),
    ]
    data = {
        "region": _region_data(
            kb,
            region,
            rank_techniques(kb, [(region.name, region.techniques)]),
            red_flags_of(kb, region),
        ),
        "cause": _cause_data(
            kb,
            cause,
            rank_techniques(kb, [(cause.name, cause.techniques)]),
            red_flags_of(kb, cause),
        ),
        "techniques": [_ranked_data(item) for item in ranked],
        "red_flags": [to_plain(flag) for flag in flags],
    }
    title = f"{region.name} + {cause.name}"
    subtitle = f"{region.summary} {cause.summary}"
    return _page(kb, "lookup", title, subtitle, sections, data)


def technique_page(kb: KnowledgeBase, technique: Technique) -> Page:
    facts = [Fact("Category", technique.category)]
    if technique.aliases:
        facts.append(Fact("Also called", ", ".join(technique.aliases)))
    suggested = where_suggested(kb, technique.id)
    safety = [kb.safety[safety_id] for safety_id in technique.safety]
    sections = [
        Section("About", (Facts(tuple(facts)),)),
        Section("How it works", (Bullets(technique.how_it_works),)),
        Section("Benefits", (Bullets(technique.benefits),)),
        Section("Often used for", (Bullets(technique.often_used_for),)),
        Section("What a session involves", (Paragraph(technique.session),)),
        Section("Cautions", (Bullets(technique.cautions),), warning=True),
        *(
            [Section("Contraindications", (Bullets(technique.contraindications),), warning=True)]
            if technique.contraindications
            else []
        ),
        *[Section(group.title, (Bullets(group.points),), warning=True) for group in safety],
        *(
            [
                Section(
                    "Suggested for",
                    (
                        Terms(
                            tuple(
                                Term(f"{holder.name} ({_kind_of(holder)})", reason)
                                for holder, reason in suggested
                            )
                        ),
                    ),
                )
            ]
            if suggested
            else []
        ),
        *_evidence_sections(kb, technique.evidence),
        *([Section("Notes", (Bullets(technique.notes),))] if technique.notes else []),
        *(
            [_techniques_section("Related techniques", kb, technique.related)]
            if technique.related
            else []
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
        Section("Used for", (Paragraph(point.uses),)),
        *(
            [Section("Cautions", (Bullets(point.cautions),), warning=True)]
            if point.cautions
            else []
        ),
        *(
            [_regions_section("Listed for", kb, [region.id for region in regions])]
            if regions
            else []
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


def search_page(kb: KnowledgeBase, results: SearchResults) -> Page:
    terms = tuple(
        Term(
            f"{hit.name} ({KIND_LABELS[hit.kind]})",
            f"matched in {hit.field}: {hit.snippet}",
            note=hit.command,
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
                "command": hit.command,
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


def paths_page(kb: KnowledgeBase, reports: Sequence[FileReport]) -> Page:
    """Which knowledge-base files are in force, where each came from, and what it adds."""
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
        Section(heading, (Table(("Origin", "File", "Provides", "Status"), tuple(rows)), note))
    ]
    data = {"files": [to_plain(report) for report in reports]}
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
    body: list[Section] = [Section("Notice", (Paragraph(kb.guide.notice),), warning=True)]

    def part(heading: str, summary: str | None = None) -> None:
        body.append(Section(heading, (Paragraph(summary),) if summary else (), level=2))

    def entry(heading: str, summary: str, page: Page) -> None:
        body.append(Section(heading, (Paragraph(summary),), level=3))
        body.extend(section._replace(level=4) for section in page.sections)

    part("About")
    body.extend(section._replace(level=3) for section in about_page(kb).sections)
    part("Regions")
    for region in kb.regions.values():
        entry(region.name, region.summary, region_page(kb, region))
    part("Techniques")
    for technique in kb.techniques.values():
        entry(technique.name, technique.summary, technique_page(kb, technique))
    part("Causes")
    for cause in kb.causes.values():
        entry(cause.name, cause.summary, cause_page(kb, cause))
    part("Acupoints", "Codes are WHO standard codes; locations are described in plain words.")
    rows = tuple(
        (
            point.code or "(no code)",
            f"{point.pinyin} ({', '.join(point.english)})",
            point.meridian,
            point.location,
            " ".join(
                (point.uses, *point.cautions, *((point.code_note,) if point.code_note else ()))
            ),
        )
        for point in kb.acupoints.values()
    )
    body.append(
        Section(
            "All acupoints",
            (Table(("Point", "Name", "Meridian", "Where", "Used for, cautions"), rows),),
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
    return _page(
        kb,
        "study-guide",
        kb.guide.title,
        "A study guide to the whole knowledge base.",
        sections,
        data,
    )


# -- pieces shared by several pages ---------------------------------------------------------


def _page(
    kb: KnowledgeBase,
    kind: str,
    title: str,
    subtitle: str | None,
    sections: Sequence[Section],
    data: dict[str, Any],
) -> Page:
    return Page(
        kind=kind,
        title=title,
        subtitle=subtitle,
        notice=kb.guide.notice,
        sections=tuple(sections),
        data=data,
    )


def _ranked_section(ranked: Sequence[RankedTechnique], *, show_context: bool) -> Section:
    terms = []
    for item in ranked:
        command = f"spasmguide technique {item.technique.id}"
        if show_context:  # one line per region or cause the technique is suggested for
            reasons = tuple(f"{reason.context}: {reason.text}" for reason in item.reasons)
            terms.append(Term(item.technique.name, "", note=command, items=reasons))
        else:
            detail = " ".join(reason.text for reason in item.reasons)
            terms.append(Term(item.technique.name, detail, note=command))
    return Section("Suggested techniques", (Terms(tuple(terms), numbered=True),))


def _acupoint_sections(kb: KnowledgeBase, acupoint_ids: Sequence[str]) -> list[Section]:
    if not acupoint_ids:
        return []
    rows = []
    for acupoint in (kb.acupoints[point_id] for point_id in acupoint_ids):
        notes = " ".join(
            (
                acupoint.uses,
                *acupoint.cautions,
                *((acupoint.code_note,) if acupoint.code_note else ()),
            )
        )
        rows.append(
            (
                acupoint.code or "(no code)",
                f"{acupoint.pinyin} ({acupoint.english[0]})",
                acupoint.location,
                notes,
            )
        )
    return [
        Section(
            "Common acupoints",
            (Table(("Point", "Name", "Where", "Used for, cautions"), tuple(rows)),),
        )
    ]


def _red_flag_section(kb: KnowledgeBase, flags: Sequence[RedFlagGroup]) -> Section:
    terms = tuple(
        Term(
            f"{flag.title} ({flag.urgency})",
            f"Applies to: {flag.applies_to}",
            note=flag.note,
            items=flag.signs,
        )
        for flag in flags
    )
    return Section("Warning signs: get medical care first", (Terms(terms),), warning=True)


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
    return Section(flag.title, tuple(blocks), warning=True)


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
    return Section(evidence.title, (Facts(tuple(facts)),))


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
    return {
        "rank": item.rank,
        "id": item.technique.id,
        "name": item.technique.name,
        "category": item.technique.category,
        "score": item.score,
        "reasons": [{"for": reason.context, "reason": reason.text} for reason in item.reasons],
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
