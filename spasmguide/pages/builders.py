"""Builds the guide's pages from the knowledge model, in the format-neutral form of
`spasmguide.pages.document`. Headings are the program's own words; all other text comes from the
knowledge base."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from typing import TYPE_CHECKING, Any

from spasmguide.kb.fields import heading_of, in_json
from spasmguide.kb.model import (
    URGENCY_ORDER,
    Acupoint,
    Cause,
    Evidence,
    Guide,
    KnowledgeBase,
    PointCategory,
    RedFlagGroup,
    Region,
    SafetyGroup,
    Technique,
    to_plain,
)
from spasmguide.kb.names import KIND_LABELS, acupoint_name, other_codes
from spasmguide.kb.queries import (
    Basis,
    RankedTechnique,
    rank_techniques,
    red_flags_of,
    safety_subjects,
    where_suggested,
)
from spasmguide.pages import body_map
from spasmguide.pages.common import make_page as _page
from spasmguide.pages.document import (
    Block,
    Bullets,
    Command,
    Contents,
    Fact,
    Facts,
    Hint,
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
    kb: KnowledgeBase,
    region: Region | None,
    cause: Cause | None,
    *,
    full: bool = True,
    named: Sequence[str] = (),
    shown: Sequence[str] = (),
    pregnant: bool = False,
) -> Page:
    """The page for a region, a cause, or both together. Safety first: warning signs, then
    self-care, then the ranked techniques with their basis; details follow (all of them only
    when `full`). The warning signs whose ids are `named` (those a person's words are about)
    come first, in that order; those `shown` in full above (in an answer) are named in a line."""
    if region is not None and cause is not None:
        return combined_page(
            kb, region, cause, full=full, named=named, shown=shown, pregnant=pregnant
        )
    if region is not None:
        return region_page(kb, region, full=full, named=named, shown=shown, pregnant=pregnant)
    if cause is None:
        raise ValueError("a lookup needs a region or a cause")
    return cause_page(kb, cause, full=full, named=named, shown=shown, pregnant=pregnant)


def region_page(
    kb: KnowledgeBase,
    region: Region,
    *,
    full: bool = True,
    named: Sequence[str] = (),
    shown: Sequence[str] = (),
    pregnant: bool = False,
) -> Page:
    ranked = rank_techniques(kb, [region])
    flags = _named_first(red_flags_of(kb, region), named)
    first = [
        _red_flag_section(kb, flags, full=full, named=named, shown=shown),
        Section("Self-care", (Bullets(region.self_care),)),
        _ranked_section(kb, ranked, [region], full=full, pregnancy=full or pregnant),
    ]
    on_the_map = Hint("Where it is on the body:", Command(("map", "--region", region.id)))
    details = [
        Section("About", (Paragraph(region.description), on_the_map)),
        Section("Muscles involved", (Bullets(region.muscles),)),
        _causes_section("Common causes", kb, region.causes),
        *_acupoint_sections(kb, region),
        *_evidence_sections(kb, region.evidence),
        _sources_section(kb, region.sources),
    ]
    data = {"region": _region_data(kb, region, ranked, flags)}
    sections = _with_details(
        first, details, full, Command(("lookup", "--region", region.id, "--full"))
    )
    if not full:
        sections[-1] = sections[-1]._replace(blocks=(*sections[-1].blocks, on_the_map))
    sections.append(_reviewed_section(region.reviewed))
    return _page(kb, "region", region.name, region.summary, sections, data)


def cause_page(
    kb: KnowledgeBase,
    cause: Cause,
    *,
    full: bool = True,
    named: Sequence[str] = (),
    shown: Sequence[str] = (),
    pregnant: bool = False,
) -> Page:
    ranked = rank_techniques(kb, [cause])
    flags = _named_first(red_flags_of(kb, cause), named)
    first = [
        *_if_any(flags, lambda: _red_flag_section(kb, flags, full=full, named=named, shown=shown)),
        Section("Prevention", (Bullets(cause.prevention),)),
        _ranked_section(kb, ranked, [cause], full=full, pregnancy=full or pregnant),
    ]
    details = [
        Section("About", (Paragraph(cause.description),)),
        Section("How it leads to spasm", (Paragraph(cause.mechanism),)),
        *_bullets_if_any("Examples", cause.examples),
        _regions_section("Regions often affected", kb, cause.regions),
        _sources_section(kb, cause.sources),
    ]
    data = {"cause": _cause_data(kb, cause, ranked, flags)}
    sections = _with_details(
        first, details, full, Command(("lookup", "--cause", cause.id, "--full"))
    )
    sections.append(_reviewed_section(cause.reviewed))
    return _page(kb, "cause", cause.name, cause.summary, sections, data)


def combined_page(
    kb: KnowledgeBase,
    region: Region,
    cause: Cause,
    *,
    full: bool = True,
    named: Sequence[str] = (),
    shown: Sequence[str] = (),
    pregnant: bool = False,
) -> Page:
    """The page for a region and a cause together, each technique ranked on the evidence for
    either, with each reason on its own line."""
    ranked = rank_techniques(kb, [region, cause])
    flags = _named_first(red_flags_of(kb, region, cause), named)
    first = [
        _red_flag_section(kb, flags, full=full, named=named, shown=shown),
        Section(
            "Self-care and prevention",
            (Bullets(tuple(dict.fromkeys((*region.self_care, *cause.prevention)))),),
        ),
        _ranked_section(kb, ranked, [region, cause], full=full, pregnancy=full or pregnant),
    ]
    details = [
        Section(region.name, (Paragraph(region.description),)),
        Section(cause.name, (Paragraph(cause.description), Paragraph(cause.mechanism))),
        *_acupoint_sections(kb, region),
        *_evidence_sections(kb, region.evidence),
        _sources_section(kb, (*region.sources, *cause.sources)),
    ]
    reviewed = _earliest(region.reviewed, cause.reviewed)
    data: dict[str, Any] = {
        "region": _region_data(kb, region, rank_techniques(kb, [region]), red_flags_of(kb, region)),
        "cause": _cause_data(kb, cause, rank_techniques(kb, [cause]), red_flags_of(kb, cause)),
        "techniques": [_ranked_data(item) for item in ranked],
        "red_flags": [to_plain(flag) for flag in flags],
        "reviewed": reviewed,
    }
    title = f"{region.name} + {cause.name}"
    subtitle = f"{region.summary} {cause.summary}"
    command = Command(("lookup", "--region", region.id, "--cause", cause.id, "--full"))
    sections = [*_with_details(first, details, full, command), _reviewed_section(reviewed)]
    return _page(kb, "lookup", title, subtitle, sections, data)


def _with_details(
    first: Sequence[Section], details: Sequence[Section], full: bool, command: Command
) -> list[Section]:
    """The page's sections: what to do first, then the details, or where to find them."""
    if full:
        return [*first, *details]
    shown = ", ".join(section.heading.lower() for section in details)
    more = Hint(f"Not shown here: {shown}. See them all with:", command)
    return [*first, Section("More on this page", (more,))]


# What to do, in plain words, for the most urgent warning sign the words match: the first
# thing an answer that stops says (in any country: the three common emergency numbers).
ASK_ACTIONS = {
    "emergency": "Call emergency services (999, 911 or 112) or go to an emergency department now",
    "urgent": (
        "See a doctor today, straight away where the sign says so: call your doctor's surgery"
        " or an urgent care service (NHS 111 in the UK)"
    ),
    "see a doctor": "Mention this to a doctor: book an appointment (it need not be today)",
}
ASK_EXAMPLES = "'my calf cramps at night after running' or 'stiff neck from sitting at a desk'"


def ask_page(kb: KnowledgeBase, understood: Understanding) -> Page:
    """The answer to a question in the person's own words. When the words match a warning
    sign, the answer opens with what to do (now, or today), then the sign and the words that
    matched; an emergency or urgent sign stops the answer there. When the words describe what
    calls for checking a sign (a head injury) but none of its signs, the answer opens with that
    check, the more urgent first. Otherwise: what the guide understood and why, then that
    page's first part, the signs the words are about first (or, when the text names several
    places, each reading with the command that opens it)."""
    sections: list[Section] = []
    if understood.read_to is not None:
        sections.append(_read_to_section(understood))
    readings = understood.readings
    stops = False
    alerts: list[tuple[int, Section]] = []
    if understood.warnings:
        top = understood.warnings[0][0]
        stops = top.urgency in ("emergency", "urgent")
        alerts.append((URGENCY_ORDER[top.urgency], _ask_warning_section(understood)))
    # A sign about something the guide does not cover stops the answer whatever its urgency,
    # matched or only to check (a head injury with none of its signs).
    outside = _not_covered_of(understood)
    stops = stops or bool(outside)
    alerts.extend(
        (URGENCY_ORDER[flag.urgency], _ask_check_section(kb, flag, words, stops=stops))
        for flag, words in understood.checks
    )
    # The most urgent first; a sign the words match before a check as urgent.
    sections.extend(section for _, section in sorted(alerts, key=lambda alert: alert[0]))
    # The signs the words are about lead the page's warning signs, the most urgent first.
    about = sorted(
        (flag for flag, _ in (*understood.warnings, *understood.checks)),
        key=lambda flag: URGENCY_ORDER[flag.urgency],
    )
    named = tuple(dict.fromkeys(flag.id for flag in about))
    answered: Page | None = None
    # Words the guide cannot read may still describe an emergency: what to do, first.
    emergency_hint = Hint(
        "If someone may be seriously ill or hurt now, do not wait for the guide: call emergency"
        " services (999, 911 or 112) or go to an emergency department. Every warning sign the"
        " guide knows:",
        Command(("red-flags",)),
    )
    if stops:
        sections.append(_ask_stop_section(understood, outside))
    elif not readings and understood.pages:
        # No place read: the pages the words name are the answer.
        sections.append(_named_pages_section(kb, understood, (emergency_hint,)))
    elif not readings:
        sections.append(
            Section(
                "Not understood",
                (
                    emergency_hint,
                    Hint(
                        "The guide could not tell which part of the body or which cause this is"
                        " about. Say where it is and what brought it on, in a few words, for"
                        f" example {ASK_EXAMPLES}. The places the guide covers:",
                        Command(("list", "regions")),
                    ),
                ),
            )
        )
    elif len(readings) == 1:
        reading = readings[0]
        facts: list[Block] = [_reading_facts(reading, understood)]
        if not understood.warnings and not understood.checks:
            # The page's warning signs follow in full: say that none of them is what was read.
            facts.append(
                Paragraph(
                    "The guide matched none of the warning signs below to your words, but it"
                    " reads words, not people: check each one, and get medical care if one fits."
                )
            )
        understood_section = Section("What the guide understood", tuple(facts))
        sections.append(understood_section)
        # Shown in full above: the sign the words match first, and the signs to check.
        shown = tuple(flag.id for flag, _ in (*understood.warnings[:1], *understood.checks))
        answered = lookup_page(
            kb,
            reading.region,
            reading.cause,
            full=False,
            named=named,
            shown=shown,
            pregnant=understood.pregnant,
        )
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
        places = len({reading.region.id for reading in readings if reading.region is not None})
        heading = (
            f"Your words name {places} places: one reading for each"
            if places > 1
            else "The text can be read more than one way"
        )
        intro = "The most strongly named first; open the one that fits, or each in turn."
        blocks: list[Block] = [Paragraph(intro), Terms(terms, numbered=True)]
        if understood.denied:
            blocks.append(_denied_paragraph(understood))
        sections.append(Section(heading, tuple(blocks)))
        emergencies = _emergencies_of(kb, readings, named)
        if emergencies:
            sections.append(emergencies)
    if understood.pages and not stops and readings:
        # After the warning signs of what was understood: the pages the words also name.
        sections.append(_named_pages_section(kb, understood, ()))
    data: dict[str, Any] = {
        "text": understood.text,
        "action": _first_step(understood.warnings[0][0]) if understood.warnings else None,
        "stopped": stops,
        "warnings": [
            {**to_plain(flag), "matched": list(words)} for flag, words in understood.warnings
        ],
        # Signs to check now, never among the warnings: the words describe what calls for
        # them, not any of the signs; each with the words and what to do.
        "checks": [
            {**to_plain(flag), "matched": list(words), "action": action_of(kb, flag)}
            for flag, words in understood.checks
        ],
        "readings": [
            {
                "region": _named(reading.region) if reading.region else None,
                "cause": _named(reading.cause) if reading.cause else None,
                "matched": list(reading.matched),
                "command": _reading_command(reading).words(),
            }
            for reading in readings
        ],
        "denied": list(understood.denied),
        "read_to": understood.read_to,
        # The technique and acupoint pages the words name, each with the command that opens it.
        "pages": [
            {"kind": kind, "id": page_id, "command": Command.opening(f"{kind}s", page_id).words()}
            for kind, page_id in understood.pages
        ],
    }
    if answered is not None:  # the page's data is whole whether or not its text is short
        data["page"] = answered.data
    title = f"You asked: {understood.text}"  # its spaces and line breaks already folded
    return _page(kb, "ask", title, None, sections, data)


def _named_pages_section(
    kb: KnowledgeBase, understood: Understanding, after: tuple[Block, ...]
) -> Section:
    """The technique and acupoint pages the words name, each with the command that opens it
    (where a point is, what it is used for and its cautions; how a technique works)."""
    terms = []
    pregnant = understood.pregnant
    for kind, page_id in understood.pages:
        items: tuple[str, ...] = ()
        if kind == "acupoint":
            point = kb.acupoints[page_id]
            title = acupoint_name(point, "full")
            detail = "Where it is, what it is used for, and its cautions."
            if pregnant and point.pregnancy:
                items = (f"In pregnancy: {point.pregnancy}",)
        else:
            title = kb.techniques[page_id].name
            detail = "How it works, its cautions, and the evidence."
            if pregnant:
                items = pregnancy_cautions(kb.techniques[page_id])
        terms.append(Term(title, detail, items=items, opens=Command.opening(f"{kind}s", page_id)))
    blocks: tuple[Block, ...] = (Terms(tuple(terms)), *after)
    return Section("Pages your words name", blocks)


def _read_to_section(understood: Understanding) -> Section:
    assert understood.read_to is not None
    tail = understood.text[max(0, understood.read_to - 40) : understood.read_to].strip()
    return Section(
        "Read up to here",
        (
            Paragraph(
                f"The text is long: the guide read its first {understood.read_to:,} characters"
                f" (of {len(understood.text):,}), up to '... {tail}'. Say the most important"
                " part first, or ask again with the rest."
            ),
        ),
        warning=True,
    )


def _first_step(flag: RedFlagGroup) -> str:
    """The opening line of an answer `flag` leads: its own first step, or its urgency's."""
    return flag.first_step or ASK_ACTIONS[flag.urgency]


def _ask_warning_section(understood: Understanding) -> Section:
    """What to do first, then the sign the words match and the words that matched; any
    other signs they match after it, each with its words."""
    from spasmguide.kb.ask import signs_by_words  # read only for an answer to `ask`

    top, words = understood.warnings[0]
    blocks: list[Block] = [
        Paragraph(
            f"Your words match a warning sign: {top.title} ({top.urgency})."
            f" Words that matched: {', '.join(words)}."
        ),
        Bullets(signs_by_words(top, words)),
    ]
    if top.action:
        blocks.append(Paragraph(f"What to do: {top.action}"))
    others = understood.warnings[1:]
    if others:
        blocks.append(Paragraph("Your words also match:"))
        blocks.append(
            Terms(
                tuple(
                    Term(
                        f"{URGENCY_HEADS[flag.urgency]}: {flag.title}",
                        f"Words that matched: {', '.join(matched)}.",
                    )
                    for flag, matched in others
                )
            )
        )
    blocks.append(Hint("Every warning sign and what to do:", Command(("red-flags",))))
    return Section(_first_step(top), tuple(blocks), warning=True)


def _ask_check_section(
    kb: KnowledgeBase, flag: RedFlagGroup, words: Sequence[str], *, stops: bool
) -> Section:
    """A sign to check now: the words describe what calls for it (a head injury) or name
    its condition ("is it a stroke?"), and none of its signs. Its signs and what to do;
    then, unless the answer stops, that it goes on."""
    from spasmguide.kb.ask import signs_by_words  # read only for an answer to `ask`

    said = ", ".join(f"'{one}'" for one in words)
    blocks: list[Block] = [
        Paragraph(
            f"You wrote {said}. The guide did not find the whole of any of this warning's signs"
            " in your words: check for each of these now."
        ),
        Bullets(signs_by_words(flag, words)),
        Paragraph(f"What to do: {action_of(kb, flag)}"),
    ]
    if not stops:
        blocks.append(Paragraph("If none of these signs applies, the rest of this answer follows."))
    return Section(f"Check now: {flag.title}", tuple(blocks), warning=True)


def _ask_stop_section(understood: Understanding, outside: tuple[str, ...]) -> Section:
    """The answer stops: no technique before a doctor has seen the person, or none at all for
    `outside`, what the guide does not cover. The page for what was understood is offered
    only when that region lists the sign (never an unrelated one) and the guide covers it."""
    top = (understood.warnings or understood.checks)[0][0]
    # A sign only to check names no care for now: what to do depends on which of its signs fit.
    when = (
        {"emergency": " now", "urgent": " today"}.get(top.urgency, "")
        if understood.warnings
        else ""
    )
    if outside:
        blocks: list[Block] = [
            Paragraph(f"This answer stops here: do what is named above{when}."),
            Paragraph(_not_covered_line(" or ".join(outside))),
        ]
        heading = "No technique of the guide is for this"
    else:
        blocks = [
            Paragraph(
                f"This answer stops here: get the care named above{when}. Try no technique for"
                " this until a doctor has seen you."
            )
        ]
        heading = "Techniques wait until a doctor has seen you"
        related = [
            reading
            for reading in understood.readings
            if reading.region is not None and top.id in reading.region.red_flags
        ]
        if related:
            blocks.append(
                Paragraph(
                    "If a doctor finds the sign does not apply, the page for what you describe:"
                )
            )
            blocks.append(_reading_facts(related[0], understood))
    if understood.denied:
        blocks.append(_denied_paragraph(understood))
    return Section(heading, tuple(blocks), warning=True)


def _not_covered_of(understood: Understanding) -> tuple[str, ...]:
    """What the signs the words match, or call to check, are about that the guide does not
    cover ("burns and scalds"), each once."""
    flags = (flag for flag, _ in (*understood.warnings, *understood.checks))
    return tuple(dict.fromkeys(flag.not_covered for flag in flags if flag.not_covered))


def _denied_paragraph(understood: Understanding) -> Paragraph:
    said = ", ".join(f"'{words}'" for words in understood.denied)
    return Paragraph(f"Read as not happening (denied or only wondered about): {said}.")


def _emergencies_of(
    kb: KnowledgeBase, readings: Sequence[Reading], named: tuple[str, ...]
) -> Section | None:
    """Before a choice of readings, the emergency signs of the places offered (the page of
    each would open with them): their titles, and where to read them whole."""
    regions = tuple(
        dict.fromkeys(reading.region for reading in readings if reading.region is not None)
    )
    from spasmguide.kb.ask import sign_for_words  # read only for an answer to `ask`

    # Each with one sign, in plain words, so the title needs no knowing: the one that shares
    # words with what was said ("stiff neck" shows the stiff-neck line), else its first.
    said = tuple(word for reading in readings for word in reading.matched)
    titles = tuple(
        f"{flag.title}: {sign_for_words(flag, said)}"
        for flag in red_flags_of(kb, *regions)
        if flag.urgency == "emergency" and flag.id not in named
    )
    if not titles:
        return None
    blocks: list[Block] = [
        Paragraph(
            "Before you choose: if one of these applies, call emergency services (999, 911 or"
            " 112) or go to an emergency department now."
        ),
        Bullets(titles),
    ]
    blocks += [
        Hint(
            f"Every sign for the {region.name.lower()}:",
            Command(("red-flags", "--region", region.id)),
        )
        for region in regions
    ]
    return Section("Emergency signs for these places", tuple(blocks))


def _reading_title(reading: Reading) -> str:
    parts = [part.name for part in (reading.region, reading.cause) if part is not None]
    return " + ".join(parts)


def _reading_why(reading: Reading, understood: Understanding) -> str:
    return f"Matched: {', '.join(dict.fromkeys(reading.matched))}"


def _reading_facts(reading: Reading, understood: Understanding) -> Facts:
    facts = []
    if reading.region is not None:
        facts.append(Fact("Region", reading.region.name))
    if reading.cause is not None:
        facts.append(Fact("Cause", reading.cause.name))
    facts.append(Fact("Why", _reading_why(reading, understood)))
    if understood.denied:
        said = ", ".join(f"'{words}'" for words in understood.denied)
        facts.append(Fact("Read as not happening", said))
    facts.append(Fact("Full page", _reading_command(reading).words() + " --full"))
    return Facts(tuple(facts))


def _reading_command(reading: Reading) -> Command:
    if reading.region is not None:
        cause = reading.cause.id if reading.cause is not None else None
        return Command.opening("regions", reading.region.id, cause=cause)
    assert reading.cause is not None
    return Command.opening("causes", reading.cause.id)


def technique_page(kb: KnowledgeBase, technique: Technique) -> Page:
    facts = [
        Fact(heading_of(Technique, "category"), technique.category),
        Fact(heading_of(Technique, "invasiveness"), technique.invasiveness),
    ]
    if technique.aliases:
        facts.append(Fact(heading_of(Technique, "aliases"), ", ".join(technique.aliases)))
    suggested = where_suggested(kb, technique.id)
    safety = [kb.safety[safety_id] for safety_id in technique.safety]
    sections = [
        Section("About", (Facts(tuple(facts)),)),
        *_bullets_if_any(
            heading_of(Technique, "contraindications"), technique.contraindications, warning=True
        ),
        Section(heading_of(Technique, "cautions"), (Bullets(technique.cautions),), warning=True),
        *[Section(group.title, (Bullets(group.points),), warning=True) for group in safety],
        Section(heading_of(Technique, "how_it_works"), (Bullets(technique.how_it_works),)),
        Section(heading_of(Technique, "benefits"), (Bullets(technique.benefits),)),
        Section(heading_of(Technique, "often_used_for"), (Bullets(technique.often_used_for),)),
        Section(heading_of(Technique, "session"), (Paragraph(technique.session),)),
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
        *_bullets_if_any(heading_of(Technique, "notes"), technique.notes),
        *_if_any(
            technique.related,
            lambda: _techniques_section(heading_of(Technique, "related"), kb, technique.related),
        ),
        _sources_section(
            kb, (*technique.sources, *(source for group in safety for source in group.sources))
        ),
        _reviewed_section(technique.reviewed),
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
    """One acupoint, as a student's reference: names in every code system and characters, where
    it is, how it is needled with the cautions beside the depth, categories, what it is used for,
    the regions a teacher would use it for and why, and the point terms it uses explained."""
    regions = point_regions(kb, point)
    about = (
        Facts(tuple(_point_name_facts(point))),
        *((Paragraph(point.code_note),) if point.code_note else ()),
    )
    where = f"{point.location} (Distances in cun: see 'Cun' below.)"
    pregnancy = (Paragraph(point.pregnancy),) if point.pregnancy else ()
    sections = [
        Section("About", about),
        Section("Where", (Paragraph(where),)),
        *_if_any(point.needling or (), lambda: _needling_section(kb, point)),
        *_bullets_if_any("Cautions", point.cautions, warning=True),
        *_if_any(pregnancy, lambda: Section("In pregnancy", pregnancy, warning=True)),
        *_if_any(point.categories, lambda: _categories_section(kb, point)),
        Section("Used for", (Paragraph(point.uses), *_indication_blocks(kb, point))),
        *_if_any(regions, lambda: _point_regions_section(kb, regions)),
        *_if_any(point.unchecked, lambda: _unchecked_section(point)),
        _cun_section(kb),
        _sources_section(kb, point.sources),
        _reviewed_section(point.reviewed),
    ]
    title = acupoint_name(point)
    entry = {**to_plain(point), "other_codes": other_codes(point.code)}
    entry["regions"] = [
        {"id": region_id, "name": kb.regions[region_id].name, "reason": reason}
        for region_id, reason in regions
    ]
    entry["categories"] = [
        {"term": category.term, "of": category.of, "name": kb.point_terms[category.term].name}
        for category in point.categories
    ]
    entry["sources"] = _sources_data(kb, point.sources)
    return _page(
        kb, "acupoint", title, acupoint_name(point, "english"), sections, {"acupoint": entry}
    )


# The channels in the order texts list them; extra points come last.
MERIDIAN_ORDER = (
    "LU", "LI", "ST", "SP", "HT", "SI", "BL", "KI", "PC", "TE", "GB", "LR", "GV", "CV",
)  # fmt: skip


def point_order(point: Acupoint) -> tuple[int, str, int, str]:
    """Sorts points by channel, then by number: LU7 before LU11, extra points last."""
    code = point.code or ""
    channel = code[:2]
    number = code[2:]
    rank = MERIDIAN_ORDER.index(channel) if channel in MERIDIAN_ORDER and number.isdigit() else 99
    digits = "".join(char for char in code if char.isdigit())
    return (rank, point.meridian if rank == 99 else "", int(digits or 0), point.id)


def sorted_points(points: Iterable[Acupoint]) -> list[Acupoint]:
    return sorted(points, key=point_order)


def point_regions(kb: KnowledgeBase, point: Acupoint) -> list[tuple[str, str]]:
    """The regions a point is used for, with the reason: the point's own list, then any region
    that lists the point without one giving a reason."""
    found = {entry.region: entry.reason for entry in point.regions}
    for region in kb.regions.values():
        if point.id in region.acupoints and region.id not in found:
            found[region.id] = "Listed on this region's page."
    return list(found.items())


def region_points(kb: KnowledgeBase, region: Region) -> list[str]:
    """A region's points: those its page lists, then those whose own list names the region."""
    ids = dict.fromkeys(region.acupoints)
    for point in kb.acupoints.values():
        if any(entry.region == region.id for entry in point.regions):
            ids.setdefault(point.id)
    return list(ids)


def _point_name_facts(point: Acupoint) -> list[Fact]:
    facts = [Fact("Code", point.code or "none given")]
    if point.code and other_codes(point.code):
        facts.append(Fact("Other codes", ", ".join(other_codes(point.code))))
    if point.characters:
        facts.append(Fact("Characters", point.characters))
    if point.simplified:
        facts.append(Fact("Simplified", point.simplified))
    facts.append(Fact("Pinyin", point.pinyin))
    if point.aliases:
        facts.append(Fact("Also called", ", ".join(point.aliases)))
    if point.english:
        facts.append(Fact("English", ", ".join(point.english)))
    facts.append(Fact("Meridian", point.meridian))
    return facts


def _needling_section(kb: KnowledgeBase, point: Acupoint) -> Section:
    needling = point.needling
    assert needling is not None
    facts = [Fact("Angle", needling.angle)] if needling.angle else []
    if needling.direction:
        facts.append(Fact("Direction", needling.direction))
    facts.append(Fact("Depth", f"{needling.depth} cun"))
    if needling.caution:
        facts.append(Fact("Caution", needling.caution))
    if needling.beneath:
        facts.append(Fact("Beneath", "; ".join(needling.beneath)))
    facts.append(Fact("Moxibustion", needling.moxibustion))
    facts.append(Fact("Source", kb.sources[needling.source].citation))
    return Section("Needling", (Facts(tuple(facts)),), warning=bool(needling.caution))


def _categories_section(kb: KnowledgeBase, point: Acupoint) -> Section:
    terms = (
        Term(_category_label(kb, category), kb.point_terms[category.term].meaning)
        for category in point.categories
    )
    return Section("Categories", (Terms(tuple(terms)),))


def _point_regions_section(kb: KnowledgeBase, regions: Sequence[tuple[str, str]]) -> Section:
    terms = (
        Term(kb.regions[region_id].name, reason, opens=Command.opening("regions", region_id))
        for region_id, reason in regions
    )
    return Section("Regions", (Terms(tuple(terms)),))


def _unchecked_section(point: Acupoint) -> Section:
    left_out = ", ".join(point.unchecked)
    return Section(
        "Not given here",
        (Paragraph(f"Left out because no source checked for this guide gave it: {left_out}."),),
    )


def _category_label(kb: KnowledgeBase, category: PointCategory) -> str:
    name = kb.point_terms[category.term].name
    return f"{name} of {category.of}" if category.of else name


def _indication_blocks(kb: KnowledgeBase, point: Acupoint) -> tuple[Block, ...]:
    if point.indications is None:
        return ()
    source = kb.sources[point.indications.source].citation
    return (
        Paragraph(f"Listed for, among muscles and pain ({source}):"),
        Bullets(point.indications.conditions),
    )


def _cun_section(kb: KnowledgeBase) -> Section:
    measures = [term for term in kb.point_terms.values() if term.group == "measure"]
    return Section(
        "Cun", (Terms(tuple(Term(term.name, term.meaning) for term in measures)),), anchor="cun"
    )


def list_page(
    kb: KnowledgeBase,
    kind: str,
    points: Sequence[Acupoint] | None = None,
    filters: str | None = None,
) -> Page:
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
        chosen = list(points) if points is not None else sorted_points(kb.acupoints.values())
        rows = [
            (
                point.id,
                acupoint_name(point, "full"),
                point.meridian,
                point.uses,
            )
            for point in chosen
        ]
    elif kind == "point_terms":
        headers = ("Id", "Name", "Meaning")
        rows = [(term.id, term.name, term.meaning) for term in kb.point_terms.values()]
    else:
        listed: Mapping[str, Region] | Mapping[str, Cause] = (
            kb.regions if kind == "regions" else kb.causes
        )
        rows = [(entry.id, entry.name, entry.summary) for entry in listed.values()]
    title = kind.replace("_", " ").capitalize()
    items = [dict(zip((header.lower() for header in headers), row, strict=True)) for row in rows]
    heading = f"{len(rows)} {kind.replace('_', ' ')}" + (f" ({filters})" if filters else "")
    sections = [Section(heading, (Table(headers, tuple(rows)),))]
    if kind == "acupoints" and rows:
        sections = [Section(heading, ()), *_by_meridian(headers, rows)]
    return _page(kb, "list", title, None, sections, {"list": kind, "entries": items})


def _by_meridian(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[Section]:
    """The acupoint rows (in point order) as one table per meridian, headed by it."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for row in rows:
        groups.setdefault(row[2], []).append(row)
    kept = tuple(index for index, header in enumerate(headers) if header != "Meridian")
    return [
        Section(
            meridian,
            (
                Table(
                    tuple(headers[i] for i in kept), tuple(tuple(r[i] for i in kept) for r in group)
                ),
            ),
            level=3,
        )
        for meridian, group in groups.items()
    ]


def kinds_page(kb: KnowledgeBase, kinds: Sequence[str]) -> Page:
    """What `list` can list, with how many of each and the command."""
    counts = {kind: len(kb.collection(kind)) for kind in kinds}
    terms = tuple(
        Term(kind, f"{count} entries", opens=Command(("list", kind)))
        for kind, count in counts.items()
    )
    sections = [Section("What can be listed", (Terms(terms),))]
    data = {"kinds": [{"kind": kind, "entries": count} for kind, count in counts.items()]}
    return _page(kb, "list", "Lists", None, sections, data)


def search_page(kb: KnowledgeBase, results: SearchResults) -> Page:
    terms = tuple(
        Term(
            f"{hit.name} ({KIND_LABELS[hit.kind]})",
            f"matched in {hit.field}: {hit.snippet}",
            opens=Command.opening(hit.kind, hit.id),
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
            Hint(
                "Nothing in the guide matches. Try fewer or simpler words, or see every technique:",
                Command(("list", "techniques")),
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
                "command": Command.opening(hit.kind, hit.id).words(),
            }
            for rank, hit in enumerate(results.hits, start=1)
        ],
    }
    return _page(kb, "search", f"Search: {results.query}", None, [Section(heading, blocks)], data)


def red_flags_page(kb: KnowledgeBase, region: Region | None = None) -> Page:
    listed = red_flags_of(kb, region) if region else list(kb.red_flags.values())
    # The most urgent first (emergencies, then same-day, then see a doctor), each urgency in
    # the order listed.
    flags = sorted(listed, key=lambda flag: URGENCY_ORDER[flag.urgency])
    sections = [
        Section(heading_of(Guide, "red_flag_note"), (Paragraph(kb.guide.red_flag_note),)),
        *[_red_flag_group_section(kb, flag) for flag in flags],
        _sources_section(
            kb,
            (
                *kb.guide.red_flag_note_sources,
                *(source for flag in flags for source in flag.sources),
            ),
        ),
    ]
    reviewed = _earliest(*(flag.reviewed for flag in flags))
    sections.append(_reviewed_section(reviewed))
    title = f"Warning signs: {region.name}" if region else "Warning signs"
    subtitle = "Signs that need medical care rather than a therapy session."
    data = {
        "region": region.id if region else None,
        "red_flags": [to_plain(flag) for flag in flags],
        "reviewed": reviewed,
    }
    return _page(kb, "red-flags", title, subtitle, sections, data)


def evidence_page(kb: KnowledgeBase, subject: Technique | Region | Cause | None = None) -> Page:
    """What research found and how certain it is: all of it, or what bears on one technique,
    region or cause."""
    meanings = {label.label: label.meaning for label in kb.guide.certainty_labels}
    chosen = [
        evidence
        for evidence in kb.evidence.values()
        if subject is None or subject.id in _evidence_subjects(evidence, subject)
    ]
    sections = [
        *[_evidence_entry_section(kb, evidence, meanings) for evidence in chosen],
        Section(
            heading_of(Guide, "certainty_labels"),
            (
                Table(
                    ("Label", "Meaning"),
                    tuple((label.label, label.meaning) for label in kb.guide.certainty_labels),
                ),
            ),
        ),
    ]
    if not chosen:
        sections.insert(0, Section("Evidence", (Paragraph("No evidence entry covers it yet."),)))
    reviewed = _earliest(*(evidence.reviewed for evidence in chosen or kb.evidence.values()))
    sections.append(_reviewed_section(reviewed))
    data: dict[str, object] = {
        "reviewed": reviewed,
        "evidence": [
            {**to_plain(evidence), "sources": _sources_data(kb, evidence.sources)}
            for evidence in chosen
        ],
        "certainty_labels": [to_plain(label) for label in kb.guide.certainty_labels],
    }
    subtitle = (
        "What research has found, and how certain it is;"
        " the source article's claims beside what was found."
    )
    title = "Evidence" if subject is None else f"Evidence: {subject.name}"
    if subject is not None:
        data["subject"] = {"kind": _subject_kind(subject), "id": subject.id}
    return _page(kb, "evidence", title, subtitle, sections, data)


def _evidence_subjects(evidence: Evidence, subject: Technique | Region | Cause) -> tuple[str, ...]:
    if isinstance(subject, Technique):
        return evidence.techniques
    return evidence.regions if isinstance(subject, Region) else evidence.causes


def _subject_kind(subject: Technique | Region | Cause) -> str:
    if isinstance(subject, Technique):
        return "technique"
    return _kind_of(subject)


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
    note = Hint(
        "Later files replace earlier entries with the same id. To list any problems in full:",
        Command(("validate",)),
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
        Section(heading_of(Guide, "overview"), tuple(Paragraph(text) for text in guide.overview)),
        Section(heading_of(Guide, "why_spasms_happen"), (Paragraph(guide.why_spasms_happen),)),
        Section(
            heading_of(Guide, "spasm_ischemia_cycle"), (Paragraph(guide.spasm_ischemia_cycle),)
        ),
        Section(
            heading_of(Guide, "how_therapies_help"),
            (Paragraph(guide.how_therapies_help), Paragraph(guide.combining_therapies)),
        ),
        Section(heading_of(Guide, "outlook"), (Paragraph(guide.outlook),)),
        Section(heading_of(Guide, "licensing"), tuple(Paragraph(text) for text in guide.licensing)),
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
            kb, highlight=region.id, only=[region.id], points=region_points(kb, region), small=True
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
    if kb.point_terms:
        body.append(
            Section(
                "Point terms",
                (
                    Table(
                        ("Term", "Meaning"),
                        tuple((term.name, term.meaning) for term in kb.point_terms.values()),
                        entries=tuple(f"point_terms/{term_id}" for term_id in kb.point_terms),
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


# An emergency listed by this many regions or more is named once, before the regions.
SHARED_EMERGENCY_REGIONS = 2


def summary_section(kb: KnowledgeBase) -> Section:
    """Every region on one page: its warning signs, first self-care step, top three
    techniques (in the order its region page ranks them) and key acupoints. Emergencies that
    several regions share are named once before them, numbered, and each region gives their
    numbers."""
    shared = _shared_emergencies(kb)
    regions = []
    for region in kb.regions.values():
        ranked = rank_techniques(kb, [region])[:3]
        flags = red_flags_of(kb, region)
        lines = [
            _summary_warning_signs(flags, shared),
            *([f"First self-care: {region.self_care[0]}"] if region.self_care else []),
            "Top techniques: "
            + ", ".join(f"{item.label}. {item.technique.name}" for item in ranked),
        ]
        if region.acupoints:  # the summary keeps to the points the region's page leads with
            points = (kb.acupoints[point_id] for point_id in region.acupoints)
            lines.append(
                "Key acupoints: " + ", ".join(acupoint_name(point, "short") for point in points)
            )
        regions.append(Term(region.name, region.summary, items=tuple(lines)))
    intro: list[Block] = [
        Paragraph(
            "Each region at a glance; the full entries follow. Warning signs come first:"
            " they need medical care rather than a therapy session."
        )
    ]
    if shared:
        intro.append(Paragraph("Emergencies that several regions share, numbered for below:"))
        intro.append(
            Bullets(
                tuple(
                    f"{number}. {kb.red_flags[flag_id].title}"
                    for number, flag_id in enumerate(shared, start=1)
                )
            )
        )
    return Section("One-page summary", (*intro, Terms(tuple(regions))), columns=True)


def _shared_emergencies(kb: KnowledgeBase) -> dict[str, int]:
    """The emergencies that several regions list, each with its number in the list shown
    before the regions, in the order the warning signs are kept."""
    listed: dict[str, int] = {}
    for region in kb.regions.values():
        for flag in red_flags_of(kb, region):
            if flag.urgency == "emergency":
                listed[flag.id] = listed.get(flag.id, 0) + 1
    common = [
        flag_id for flag_id in kb.red_flags if listed.get(flag_id, 0) >= SHARED_EMERGENCY_REGIONS
    ]
    return {flag_id: number for number, flag_id in enumerate(common, start=1)}


def _summary_warning_signs(flags: Sequence[RedFlagGroup], shared: Mapping[str, int]) -> str:
    """The emergencies by name (those several regions share by their number in the list
    above), and how many other warning signs the region's entry lists: the summary must fit
    two printed sheets, and the full entries follow it."""
    emergencies = [flag for flag in flags if flag.urgency == "emergency"]
    parts = [flag.title for flag in emergencies if flag.id not in shared]
    numbers = sorted(shared[flag.id] for flag in emergencies if flag.id in shared)
    if numbers:
        parts.append("shared " + ", ".join(str(number) for number in numbers) + " (above)")
    others = len(flags) - len(emergencies)
    said = "Emergencies: " + ("; ".join(parts) if parts else "none listed")
    if others:
        said += f". Plus {others} more warning sign{'s' if others > 1 else ''} in the full entry"
    return said + "."


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
                + ", ".join(acupoint_name(point, "short") for point in unplaced)
                + "."
            )
        )
    return [Section("Body map", tuple(blocks)), *body_map.not_on_map_section(kb, level=3)]


# -- pieces shared by several pages ---------------------------------------------------------


def _ranked_section(
    kb: KnowledgeBase,
    ranked: Sequence[RankedTechnique],
    holders: Sequence[Region | Cause],
    *,
    full: bool,
    pregnancy: bool = False,
) -> Section:
    """The ranked techniques, each with its reason and the basis of its rank where it is
    listed; the source article's claims beside them, marked as its claims. With `pregnancy`
    (a full page, or an answer whose words say pregnant), each technique the guide gives a
    pregnancy caution for carries it on its own line, and the safety notes' pregnancy advice
    for the techniques shown follows the list: the caution stands beside the advice."""
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
        if pregnancy:
            lines += list(pregnancy_cautions(item.technique))
        if full:
            lines += [
                f"The source article says: {reason.article_says}"
                for reason in item.reasons
                if reason.article_says
            ]
        terms.append(
            Term(
                f"{item.label}. {item.technique.name}",
                detail,
                items=tuple(lines),
                opens=Command.opening("techniques", item.technique.id),
            )
        )
    blocks: list[Block] = [
        Paragraph(
            f"Ranked by current guidelines, then favourable evidence for {context} (direct before"
            " borrowed, then its certainty); needling comes after the rest where the area is"
            " risky to needle (for a cause, any area it covers, or one where a guideline"
            " advises against it), and after exercise and stretching where a guideline"
            " favours them. Techniques the rule cannot"
            " separate share a rank (shown as =2), least invasive first. The source article's"
            " claims never count."
        ),
        *(
            Paragraph(f"Why needling here is risky: {holder.needling_risk}")
            for holder in holders
            if isinstance(holder, Region) and holder.needling_risk
        ),
        Terms(tuple(terms)),
    ]
    if len(shown) < len(ranked):
        hidden = ranked[len(shown) :]
        # A technique is "suggested" only where no current guideline advises against it: one
        # where guidelines disagree, or one a guideline advises against, is named as such.
        groups = (
            ("Also suggested, by rank", [i for i in hidden if i.basis.guideline.level > 0
                                         or not i.basis.guideline.entries]),
            ("Also ranked, where current guidelines disagree",
             [i for i in hidden if i.basis.guideline.entries and i.basis.guideline.level == 0]),
            ("Also ranked, though a current guideline advises against it here",
             [i for i in hidden if i.basis.guideline.level < 0]),
        )  # fmt: skip
        for lead, items in groups:
            if items:
                rest = ", ".join(_also_named(item) for item in items)
                blocks.append(Paragraph(f"{lead}: {rest}."))
    if pregnancy:
        blocks.extend(
            Paragraph(f"In pregnancy ({group.title.lower()}): {_after_pregnancy(point)}")
            for group, point in _pregnancy_notes(kb, [item.technique for item in ranked])
        )
    return Section(heading_of(Region, "techniques"), tuple(blocks))


def _after_pregnancy(point: str) -> str:
    """A safety note's point on pregnancy without its opening "In pregnancy," (said already)."""
    rest = point.strip()[len("In pregnancy") :].lstrip(" ,")
    return rest[:1].upper() + rest[1:]


def _mentions_pregnancy(text: str) -> bool:
    return "pregnan" in text.lower()


def _about_pregnancy(text: str) -> bool:
    """Whether a caution is about pregnancy alone (not a bleeding disorder whose source also
    lists pregnancy)."""
    return safety_subjects(text) == {"pregnancy"}


def pregnancy_cautions(technique: Technique) -> tuple[str, ...]:
    """What the technique's own contraindications, else its cautions, say about pregnancy
    (the guide's words, each line saying which it is); none for self-care (exercise,
    stretching), which the safety notes' advice on hands-on work does not fit."""
    if technique.invasiveness == "self-care":
        return ()
    for label, texts in (
        ("Contraindication in pregnancy", technique.contraindications),
        ("Caution in pregnancy", technique.cautions),
    ):
        said = tuple(f"{label}: {text}" for text in texts if _about_pregnancy(text))
        if said:
            return said
    return ()


def _pregnancy_notes(
    kb: KnowledgeBase, techniques: Sequence[Technique]
) -> list[tuple[SafetyGroup, str]]:
    """The pregnancy advice of the safety notes the (not self-care) techniques name, each
    note once."""
    notes = dict.fromkeys(
        note
        for technique in techniques
        if technique.invasiveness != "self-care"
        for note in technique.safety
        if note in kb.safety
    )
    return [
        (kb.safety[note], point)
        for note in notes
        for point in kb.safety[note].points
        if _mentions_pregnancy(point) and point.lstrip().lower().startswith("in pregnancy")
    ]


def _also_named(item: RankedTechnique) -> str:
    """A technique named in one of the "also" lines, with the guidelines' stance where it
    advises against it."""
    name = f"{item.label}. {item.technique.name}"
    if item.basis.guideline.level < 0:
        return f"{name} ({item.basis.guideline.label})"
    return name


def _basis_lines(basis: Basis, context: str) -> list[str]:
    certainty = basis.certainty
    where = f" ({certainty.entry.title})" if certainty.entry else ""
    if certainty.entry and certainty.indirect and certainty.level:
        where = f" (borrowed from {certainty.entry.title}, not studied on this area)"
    lines = [
        f"Evidence for {context}: {certainty.label}{where}. Invasiveness: {basis.invasiveness}."
    ]
    guideline = basis.guideline
    if guideline.entries:
        titles = "; ".join(
            f"{entry.title}: {entry.stance}" for entry in guideline.entries if entry.stance
        )
        lines.append(f"Guidelines: {guideline.label} ({titles})")
    if guideline.lapsed:
        titles = "; ".join(f"{entry.title}: {entry.stance}" for entry in guideline.lapsed)
        lines.append(f"Lapsed guidelines, shown but not ranked on: {titles}")
    if basis.held_back:
        lines.append(f"Ranked after the techniques that do not pierce the skin: {basis.held_back}.")
    if basis.after_self_care:
        lines.append(f"Ranked after exercise and stretching: {basis.after_self_care}.")
    if basis.below_self_care:
        lines.append(
            f"Placed with the needling held after exercise and stretching: {basis.below_self_care}."
        )
    return lines


def _acupoint_sections(kb: KnowledgeBase, region: Region) -> list[Section]:
    """The region's own points in full, then the other points used for it, named in one line
    with the command that lists them (so the page stays readable)."""
    every = region_points(kb, region)
    if not every:
        return []
    main = list(region.acupoints) or every
    rows = [
        _acupoint_row(kb.acupoints[point_id], ", ".join(kb.acupoints[point_id].english[:1]))
        for point_id in main
    ]
    blocks: list[Block] = [Table(("Point", "Name", "Where", "Used for, cautions"), tuple(rows))]
    others = [kb.acupoints[point_id] for point_id in every if point_id not in main]
    if others:
        named = ", ".join(acupoint_name(point) for point in others)
        blocks.append(Paragraph(f"Also used for this region: {named}."))
        blocks.append(
            Hint(
                "Each with its reason, needling and cautions (then open one by its code with"
                " the acupoint command):",
                Command(("list", "acupoints", "--region", region.id)),
            )
        )
    return [Section(heading_of(Region, "acupoints"), tuple(blocks))]


def _acupoint_row(point: Acupoint, english: str, *, meridian: bool = False) -> tuple[str, ...]:
    """A point as a table row: code, name, (meridian,) where, and uses with the cautions (the
    needling caution and the one in pregnancy among them)."""
    needling = point.needling
    safety = (
        *point.cautions,
        *((needling.caution,) if needling and needling.caution else ()),
        *((f"In pregnancy: {point.pregnancy}",) if point.pregnancy else ()),
    )
    notes = " ".join(
        (point.uses, *dict.fromkeys(safety), *((point.code_note,) if point.code_note else ()))
    )
    english_part = f" ({english})" if english and english != point.pinyin else ""
    name = f"{point.pinyin} {point.characters}" if point.characters else point.pinyin
    name += english_part
    placed = (point.meridian, point.location) if meridian else (point.location,)
    return (acupoint_name(point, "short"), name, *placed, notes)


def _if_any(content: Sized, section: Callable[[], Section]) -> list[Section]:
    """The section, only when there is something to show in it."""
    return [section()] if content else []


def _bullets_if_any(heading: str, items: Sequence[str], *, warning: bool = False) -> list[Section]:
    return _if_any(items, lambda: Section(heading, (Bullets(tuple(items)),), warning=warning))


URGENCY_HEADS = {"emergency": "EMERGENCY", "urgent": "Urgent", "see a doctor": "See a doctor"}


def _named_first(flags: Sequence[RedFlagGroup], named: Sequence[str]) -> list[RedFlagGroup]:
    """The warning signs with those `named` first, in that order; the others as they were."""
    return sorted(flags, key=lambda flag: _named_rank(flag, named))


def _named_rank(flag: RedFlagGroup, named: Sequence[str]) -> int:
    return named.index(flag.id) if flag.id in named else len(named)


def _red_flag_section(
    kb: KnowledgeBase,
    flags: Sequence[RedFlagGroup],
    *,
    full: bool = True,
    named: Sequence[str] = (),
    shown: Sequence[str] = (),
) -> Section:
    """The warning signs, those `named` first (the ones a person's words are about), then
    emergencies first and marked; in a short page each group's signs share one paragraph, and
    one already shown in full above (`shown`) is named with a pointer to it."""
    ordered = sorted(
        flags, key=lambda flag: (_named_rank(flag, named), URGENCY_ORDER[flag.urgency])
    )
    terms = []
    for flag in ordered:
        title = f"{URGENCY_HEADS[flag.urgency]}: {flag.title}"
        todo = f"What to do: {action_of(kb, flag)}"
        if flag.not_covered:
            todo = f"{todo} {_not_covered_line(flag.not_covered)}"
        if full:
            terms.append(
                Term(
                    title,
                    f"Applies to: {flag.applies_to}",
                    note=flag.note,
                    items=(*flag.signs, todo),
                )
            )
        elif flag.id in shown:
            terms.append(Term(title, "Its signs and what to do are shown in full above."))
        else:
            signs = " ".join(sign if sign.endswith(".") else f"{sign}." for sign in flag.signs)
            terms.append(Term(title, f"{signs} {todo}"))
    return Section(heading_of(Region, "red_flags"), (Terms(tuple(terms)),), warning=True)


def _not_covered_line(outside: str) -> str:
    return f"The guide does not cover {outside}: none of its techniques is for this."


def action_of(kb: KnowledgeBase, flag: RedFlagGroup) -> str:
    """What to do about a warning sign, in plain words: its own action, or its urgency's."""
    if flag.action:
        return flag.action
    meanings = {label.label: label.meaning for label in kb.guide.urgency_labels}
    return meanings.get(flag.urgency, "")


def _red_flag_group_section(kb: KnowledgeBase, flag: RedFlagGroup) -> Section:
    meaning = {label.label: label.meaning for label in kb.guide.urgency_labels}.get(
        flag.urgency, ""
    )
    facts = [
        Fact(heading_of(RedFlagGroup, "urgency"), _with_meaning(flag.urgency, meaning)),
        Fact(heading_of(RedFlagGroup, "action"), action_of(kb, flag)),
        Fact(heading_of(RedFlagGroup, "applies_to"), flag.applies_to),
    ]
    if flag.not_covered:
        facts.append(Fact(heading_of(RedFlagGroup, "not_covered"), flag.not_covered))
    blocks: list[Block] = [Facts(tuple(facts)), Bullets(flag.signs)]
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
    return [Section(heading_of(Region, "evidence"), (Terms(terms),))]


def _evidence_entry_section(
    kb: KnowledgeBase, evidence: Evidence, meanings: dict[str, str]
) -> Section:
    facts = []
    if evidence.article_says:
        facts.append(Fact(heading_of(Evidence, "article_says"), evidence.article_says))
    if evidence.as_cited:
        facts.append(Fact(heading_of(Evidence, "as_cited"), evidence.as_cited))
    facts.append(Fact(heading_of(Evidence, "finding"), evidence.finding))
    certainty = _with_meaning(evidence.certainty, meanings.get(evidence.certainty, ""))
    facts.append(Fact(heading_of(Evidence, "certainty"), certainty))
    facts.append(Fact(heading_of(Evidence, "basis"), evidence.basis))
    citations = "; ".join(kb.sources[source].citation for source in evidence.sources)
    facts.append(Fact(heading_of(Evidence, "sources"), citations))
    return Section(evidence.title, (Facts(tuple(facts)),), entry=f"evidence/{evidence.id}")


def _reviewed_section(reviewed: str | None) -> Section:
    """When the page's subject was last checked against its sources (docs/content-review.md)."""
    said = f"Content reviewed {reviewed}." if reviewed else "Content review date not recorded."
    return Section("Reviewed", (Paragraph(said),))


def _earliest(*dates: str | None) -> str | None:
    """The oldest review date of a page's subjects: the page is as fresh as its stalest part."""
    known = [date for date in dates if date]
    return min(known) if known else None


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
    return Section(heading_of(Region, "sources"), (Bullets(citations),))


def _sources_data(kb: KnowledgeBase, source_ids: Iterable[str]) -> list[dict[str, Any]]:
    return [to_plain(kb.sources[source_id]) for source_id in dict.fromkeys(source_ids)]


def _named(entry: Region | Cause | Technique) -> dict[str, str]:
    return {"id": entry.id, "name": entry.name}


def _ranked_data(item: RankedTechnique) -> dict[str, Any]:
    basis = item.basis
    return {
        "rank": item.rank,
        "tied": item.tied,
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
            "evidence_tier": basis.certainty.tier,
            "lapsed_guidelines": [entry.id for entry in basis.guideline.lapsed],
            "held_back": basis.held_back,
            "after_self_care": basis.after_self_care,
            "below_self_care": basis.below_self_care,
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
    return _entry_data(
        region,
        causes=[_named(kb.causes[cause_id]) for cause_id in region.causes],
        techniques=[_ranked_data(item) for item in ranked],
        acupoints=[
            _acupoint_data(kb.acupoints[point_id]) for point_id in region_points(kb, region)
        ],
        red_flags=[to_plain(flag) for flag in flags],
        evidence=[to_plain(kb.evidence[evidence_id]) for evidence_id in region.evidence],
        sources=_sources_data(kb, region.sources),
    )


def _cause_data(
    kb: KnowledgeBase,
    cause: Cause,
    ranked: Sequence[RankedTechnique],
    flags: Sequence[RedFlagGroup],
) -> dict[str, Any]:
    return _entry_data(
        cause,
        regions=[_named(kb.regions[region_id]) for region_id in cause.regions],
        techniques=[_ranked_data(item) for item in ranked],
        red_flags=[to_plain(flag) for flag in flags],
        sources=_sources_data(kb, cause.sources),
    )


def _entry_data(entry: Region | Cause, **shown: Any) -> dict[str, Any]:
    """An entry's JSON: each field in the model's order, as written or as `shown` gives it (the
    entries its ids name), so a field added to the model reaches JSON without a line here;
    what the field table says stays out, stays out."""
    record = type(entry)
    return {
        name: shown[name] if name in shown else to_plain(value)
        for name, value in zip(record._fields, entry, strict=True)
        if name in shown or name in in_json(record)
    }
