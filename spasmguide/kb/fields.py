"""What each field of the knowledge base means, in one table.

For every field of every record, the table says what it holds (the JSON Schema and
docs/fields.md say it in these words), its heading on a page, whether search reads it and what
a match in it weighs, whether it is safety content (a user's file that changes it in a shipped
entry is named on every page, docs/decisions/013), and, when it does not reach a page's JSON
under its own name, why not. Search, the page headings, the JSON of region and cause pages,
the schema and the field reference read it from here. A field added to a record in
`spasmguide.kb.model` and not to this table fails tests/test_fields.py, which names the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple, get_args

from spasmguide.kb.model import (
    COLLECTIONS,
    Acupoint,
    Cause,
    Concept,
    Evidence,
    Guide,
    Indications,
    Label,
    MapPlace,
    MapPoint,
    MapRegion,
    MapView,
    Needling,
    PointCategory,
    PointRegion,
    PointTerm,
    RedFlagGroup,
    Region,
    SafetyGroup,
    SignPattern,
    Source,
    Suggestion,
    Technique,
    field_types,
    is_record,
)

NAME, ALIAS, SUMMARY, BODY = 6.0, 4.0, 2.5, 1.0  # what a match weighs, by how much it names
_ASK_ONLY = "no page shows the vocabulary: `ask` reads it"
_MAP_ONLY = "the map's layout: the map page's JSON gives each region's number and views instead"


def _layout(about: str) -> Meaning:
    return Meaning(about, json=_MAP_ONLY)


def _ask_only(about: str) -> Meaning:
    return Meaning(about, json=_ASK_ONLY)


def _warning_signs(about: str) -> Meaning:
    """The warning-sign groups an entry names: safety content under one heading."""
    return Meaning(about, "Warning signs: get medical care first", safety=True)


def _lay_terms(among: str) -> Meaning:
    """A region's or cause's everyday words, unique among the entries of its kind."""
    return Meaning(
        f"Everyday words people use for it; each unique among {among}.",
        search=ALIAS,
        search_label="lay terms",
    )


def _point_name(about: str, heading: str) -> Meaning:
    """One of the names an acupoint goes by: search names a hit in it as the point's name."""
    return Meaning(about, heading, search=NAME, search_label="name")


class Meaning(NamedTuple):
    """One field's meaning."""

    about: str  # what it holds, in a teacher's words
    heading: str | None = None  # its heading or label on the entry's page; None: none of its own
    search: float = 0.0  # what a match in it weighs in search; 0: search does not read it
    search_label: str | None = None  # how a hit names the field, when not by the field's name
    safety: bool = False  # safety content
    json: str = ""  # why the field is not in the page's JSON under its name; "": it is


# Meanings several kinds share.
_ID = Meaning("The entry's id: lowercase letters and digits joined by single hyphens.")
_SOURCES = Meaning("The sources (ids) the entry rests on.", "Sources")
_SUMMARY_LINE = Meaning("One sentence under the title.", search=SUMMARY)
_ALIASES = Meaning("Other names it answers to.", search=ALIAS)
_EVIDENCE = Meaning("Evidence entries (ids) about it.", "Evidence")
_REVIEWED = Meaning(
    "When the entry was last checked against its sources: year and month (2026-12).", "Reviewed"
)
_SUGGESTED = Meaning(
    "Suggested techniques, each with its reason; pages rank them by evidence.",
    "Suggested techniques, ranked by evidence",
    search=BODY,
    search_label="suggested techniques",
    json="shown ranked, as `techniques` with each one's rank, basis and reasons",
)


FIELDS: dict[type[Any], dict[str, Meaning]] = {
    Technique: {
        "id": _ID,
        "name": Meaning("The technique's name, the page's title.", search=NAME),
        "category": Meaning("Which family of therapy it belongs to.", "Category"),
        "summary": _SUMMARY_LINE,
        "how_it_works": Meaning("How it is thought to work.", "How it works", search=BODY),
        "benefits": Meaning("What it is used to achieve.", "Benefits", search=BODY),
        "often_used_for": Meaning("What it is often used for.", "Often used for", search=BODY),
        "session": Meaning("What a session involves.", "What a session involves", search=BODY),
        "cautions": Meaning("What to take care with.", "Cautions", search=BODY, safety=True),
        "sources": _SOURCES,
        "invasiveness": Meaning(
            "How much it does to the body; the ranking's last step prefers the least.",
            "Invasiveness",
        ),
        "aliases": Meaning("Other names it answers to.", "Also called", search=ALIAS),
        "contraindications": Meaning(
            "Who should not have it.", "Contraindications", search=BODY, safety=True
        ),
        "safety": Meaning(
            "General safety notes (ids) shown on its page, each under its own title.",
            safety=True,
        ),
        "related": Meaning("Related techniques (ids).", "Related techniques"),
        "evidence": _EVIDENCE,
        "notes": Meaning("Further notes.", "Notes", search=BODY),
        "reviewed": _REVIEWED,
    },
    Region: {
        "id": _ID,
        "name": Meaning("The region's name, the page's title.", search=NAME),
        "summary": _SUMMARY_LINE,
        "description": Meaning(
            "What the region is and what goes wrong there.", "About", search=BODY
        ),
        "muscles": Meaning("The muscles involved.", "Muscles involved", search=BODY),
        "causes": Meaning("Common causes (ids).", "Common causes"),
        "techniques": _SUGGESTED,
        "self_care": Meaning(
            "What a person can do on their own.", "Self-care", search=BODY, safety=True
        ),
        "red_flags": _warning_signs(
            "Warning-sign groups (ids) that apply here; a region names at least one emergency."
        ),
        "sources": _SOURCES,
        "aliases": _ALIASES,
        "lay_terms": _lay_terms("regions"),
        "acupoints": Meaning("Common acupoints (ids), each with where it is.", "Common acupoints"),
        "evidence": _EVIDENCE,
        "needling_risk": Meaning(
            "Why needling in this region is risky, shown above its ranked techniques."
        ),
        "reviewed": _REVIEWED,
    },
    Cause: {
        "id": _ID,
        "name": Meaning("The cause's name, the page's title.", search=NAME),
        "summary": _SUMMARY_LINE,
        "description": Meaning("What the cause is.", "About", search=BODY),
        "mechanism": Meaning("How it leads to spasm.", "How it leads to spasm", search=BODY),
        "regions": Meaning("Regions it often affects (ids).", "Regions often affected"),
        "techniques": _SUGGESTED,
        "prevention": Meaning("How to keep it from coming back.", "Prevention", search=BODY),
        "sources": _SOURCES,
        "aliases": _ALIASES,
        "lay_terms": _lay_terms("causes"),
        "examples": Meaning("Examples of it.", "Examples", search=BODY),
        "red_flags": _warning_signs("Warning-sign groups (ids) that apply to it."),
        "reviewed": _REVIEWED,
    },
    Acupoint: {
        "id": _ID,
        "code": Meaning(
            "The standard point code, such as GB20; absent when none is given.", "Code", search=NAME
        ),
        "pinyin": _point_name("The point's name in pinyin.", "Pinyin"),
        "english": _point_name("English names; the first is the page's subtitle.", "English"),
        "meridian": Meaning("The meridian it lies on.", "Meridian", search=BODY),
        "location": Meaning("Where it is, in plain words.", "Where", search=BODY),
        "uses": Meaning("What it is used for.", "Used for", search=BODY),
        "sources": _SOURCES,
        "code_note": Meaning("Why the code is uncertain or absent, shown beside it.", search=BODY),
        "cautions": Meaning(
            "What to take care with when needling it.", "Cautions", search=BODY, safety=True
        ),
        "characters": _point_name("Its name in traditional Chinese characters.", "Characters"),
        "simplified": _point_name(
            "Its name in simplified characters, where they differ.", "Simplified"
        ),
        "aliases": Meaning(
            "Other romanised names it goes by (Renzhong for GV26).",
            "Also called",
            search=ALIAS,
        ),
        "regions": Meaning(
            "Regions (ids) a teacher would use it for, each with why.",
            "Regions",
        ),
        "categories": Meaning(
            "The point categories (point terms) it belongs to, and of what.",
            "Categories",
        ),
        "needling": Meaning(
            "How it is needled: angle, direction, depth in cun, what lies beneath, moxibustion,"
            " and the caution beside the depth.",
            "Needling",
            search=BODY,
            safety=True,
        ),
        "indications": Meaning(
            "What one text lists it for among muscles and pain, attributed to that text.",
            search=BODY,
        ),
        "pregnancy": Meaning(
            "The caution in pregnancy, where a source gives one.",
            "In pregnancy",
            search=BODY,
            safety=True,
        ),
        "unchecked": Meaning(
            "Fields left out because no source checked for the guide gave them.",
            "Not given here",
        ),
        "reviewed": _REVIEWED,
    },
    PointTerm: {
        "id": _ID,
        "name": Meaning("The term's name.", "Name", search=NAME),
        "group": Meaning("What the term is: a measure (the cun) or a category of points."),
        "meaning": Meaning("What it means, in a teacher's words.", "Meaning", search=BODY),
        "sources": _SOURCES,
        "aliases": Meaning("Other names it goes by (he-sea, sea point).", search=ALIAS),
    },
    PointCategory: {
        "term": Meaning("The point term (id) of the category."),
        "of": Meaning("What the point is the category's point of (the Liver, the sinews)."),
    },
    PointRegion: {
        "region": Meaning("The region (id) the point is used for."),
        "reason": Meaning("Why a teacher would use the point there."),
    },
    Needling: {
        "depth": Meaning("How deep, in cun: '0.5-0.8', '1-1.5' or '0.1'.", "Depth"),
        "source": Meaning("The source (id) of the needling.", "Source"),
        "angle": Meaning("The angle the needle enters at.", "Angle"),
        "direction": Meaning("Which way the needle points.", "Direction"),
        "beneath": Meaning(
            "What lies beneath the point (vessels, nerves, organs).", "Beneath", search=BODY
        ),
        "moxibustion": Meaning("Whether moxibustion applies.", "Moxibustion"),
        "caution": Meaning(
            "The caution that belongs beside the depth.", "Caution", search=BODY, safety=True
        ),
    },
    Indications: {
        "source": Meaning("The source (id) that lists the conditions."),
        "conditions": Meaning("The conditions it lists the point for.", search=BODY),
    },
    Evidence: {
        "id": _ID,
        "title": Meaning("What the evidence is, as its heading.", search=NAME),
        "finding": Meaning("What was found.", "What was found", search=BODY),
        "certainty": Meaning(
            "How certain the finding is; the guide explains each label.", "Certainty"
        ),
        "basis": Meaning("What the finding rests on.", "Basis", search=BODY),
        "sources": _SOURCES,
        "article_says": Meaning(
            "What the source article claims, shown beside what was found.",
            "The source article says",
            search=BODY,
        ),
        "as_cited": Meaning("How the source article cites it.", "Cited as"),
        "stance": Meaning("A guideline's position on the technique, when it is one."),
        "techniques": Meaning("The techniques (ids) it is about."),
        "regions": Meaning("The regions (ids) it is about."),
        "causes": Meaning("The causes (ids) it is about."),
        "direction": Meaning(
            "Which way a study's result points; only a favourable one can lift a rank."
        ),
        "lapsed": Meaning(
            "Why its publisher treats the guideline as lapsed: shown, never ranked on."
        ),
        "reviewed": _REVIEWED,
    },
    RedFlagGroup: {
        "id": _ID,
        "title": Meaning("What the signs may mean, as their heading.", search=NAME, safety=True),
        "urgency": Meaning(
            "How soon to get care; the guide explains each label.", "Urgency", safety=True
        ),
        "applies_to": Meaning(
            "Who or when the signs apply.", "Applies to", search=BODY, safety=True
        ),
        "signs": Meaning("The signs, one per item.", search=BODY, safety=True),
        "sources": _SOURCES,
        "note": Meaning("A note shown under the signs.", search=BODY, safety=True),
        "lay_terms": Meaning(
            "Everyday words for the signs, read by `ask`; each unique among warning signs.",
            search=ALIAS,
            search_label="lay terms",
            safety=True,
        ),
        "action": Meaning(
            "What to do, in plain words, where it differs from what the urgency says.",
            "What to do",
            safety=True,
        ),
        "reviewed": _REVIEWED,
        "pattern": Meaning(
            "How `ask` recognises the signs: any one of these patterns of concepts.",
            safety=True,
        ),
        "check_when": Meaning(
            "Concepts (ids) that call for the signs to be checked: when `ask` reads one and no"
            " pattern, its answer opens with the signs and what to do; with a pattern, the"
            " group leads among equally urgent ones.",
            safety=True,
        ),
        "first_step": Meaning(
            "What to do first, as the opening line of an `ask` answer the sign leads, where the"
            " urgency's own opening would send the person to the wrong place.",
            "First step",
            safety=True,
        ),
        "not_covered": Meaning(
            "What the signs are about that the guide does not cover (burns and scalds): an"
            " `ask` answer that matches the sign stops before any technique, whatever its"
            " urgency, and says so.",
            "Not covered by the guide",
            safety=True,
        ),
    },
    SafetyGroup: {
        "id": _ID,
        "title": Meaning("The note's heading on a technique's page.", safety=True),
        "points": Meaning("The safety points, one per item.", safety=True),
        "sources": Meaning("The sources (ids) the note rests on.", "Sources"),
        "reviewed": _REVIEWED,
    },
    Source: {
        "id": _ID,
        "citation": Meaning("The citation as the Sources section lists it."),
        "kind": Meaning("What sort of source it is."),
        "note": Meaning("What the guide takes from it."),
        "reviewed": _REVIEWED,
    },
    SignPattern: {
        "all": Meaning("Concepts (ids) that must all be in what a person says, none denied."),
        "two_of": Meaning(
            "Concepts (ids) of which at least two must be in what a person says, in different"
            " words, none denied (signs that mean little alone and much together)."
        ),
    },
    MapView: {
        "id": _layout("The view's id (front, back)."),
        "rows": _layout("The figure as rows of box-drawing characters, each between two '|'."),
    },
    MapRegion: {
        "id": _layout("The region's id whose place this is."),
        "places": _layout("Where its number sits and what is shaded, per view."),
        "also": _layout("Other ids or names the region may go by."),
    },
    MapPlace: {
        "view": _layout("The view (id) the place is on."),
        "number": _layout("The cell of the region's number: 'ROW COLUMN'."),
        "shade": _layout("The cells shaded when the region is chosen: 'ROWS COLUMN...'."),
    },
    MapPoint: {
        "id": _layout("The acupoint's id or code (lower case)."),
        "view": _layout("The view (id) the point is drawn on."),
        "at": _layout("Where on the view: 'ROW COLUMN', in fractions of a cell."),
    },
    Concept: {
        "id": _ask_only("The entry's id: lowercase letters and digits joined by single hyphens."),
        "group": _ask_only("What kind of meaning it is."),
        "words": _ask_only("The words and phrases that say it, in base forms."),
        "includes": _ask_only("Narrower concepts (ids) this one stands for."),
        "region": _ask_only("The region (id) a body part points to."),
        "causes": _ask_only("The causes (ids) an activity or circumstance suggests."),
        "unless": _ask_only("Concepts (ids) that stop it being read in the same sentence."),
        "after": _ask_only(
            "Doers (concept ids) one of which must come before it in the same clause, with no"
            " 'it', 'that' or 'this' nearer; or, when it opens its clause, a non-doer of them"
            " (a fall) in the clause just before, or nothing before it in the message."
        ),
        "forms": _ask_only(
            "Which forms of its words count: 'any', or only those 'written'"
            " ('hurt', not 'hurts'), each ending on its own last word"
            " ('is out of it', not 'is out cold')."
        ),
        "together": _ask_only(
            "Concepts (ids) each of which must be said, not denied, close together (`within`):"
            " the concept is then read over them all, wherever its own words are."
        ),
        "within": _ask_only(
            "How close the concepts of `together` must be: in one 'sentence', or in the same"
            " or the 'next sentence'."
        ),
        "strength": _ask_only(
            "How strongly a body part's words name its region ('weak' for 'back', 'leg')."
        ),
        "means": _ask_only("What it means, for maintainers."),
    },
    Suggestion: {
        "technique": Meaning(
            "The technique suggested (id).",
            json="the ranked technique's `id` and `name`",
        ),
        "reason": Meaning(
            "Why it is suggested here, in the guide's own words.",
            search=BODY,
            json="the ranked technique's `reasons`",
        ),
        "evidence": Meaning(
            "Evidence (ids) about another region or cause it borrows, counted one level lower.",
            json="counted in the rank's `basis`",
        ),
        "article_says": Meaning(
            "What the source article says of it, shown beside and never ranked.",
            json="the ranked technique's `reasons`",
        ),
        "if_held_back": Meaning(
            "A sentence added to the reason only on a page where the rank holds this needling"
            " technique below every technique that does not pierce the skin.",
            search=BODY,
            json="the ranked technique's `reasons`",
        ),
    },
    Label: {
        "label": Meaning("The word as entries use it.", "Label"),
        "meaning": Meaning("What it means.", "Meaning"),
    },
    Guide: {
        "title": Meaning("The guide's title."),
        "notice": Meaning(
            "The standing notice on every page; it must name a Licensed Acupuncturist (L.Ac).",
            safety=True,
        ),
        "overview": Meaning("The overview, one paragraph per item.", "Overview"),
        "why_spasms_happen": Meaning("Why muscle spasms happen.", "Why muscle spasms happen"),
        "spasm_ischemia_cycle": Meaning(
            "The spasm-ischemia cycle, and how settled it is.", "The spasm-ischemia cycle"
        ),
        "how_therapies_help": Meaning(
            "How acupuncture and manual therapy help.", "How acupuncture and manual therapy help"
        ),
        "combining_therapies": Meaning("Why therapies are combined."),
        "outlook": Meaning("The source article's outlook.", "The source article's outlook"),
        "licensing": Meaning(
            "Who is a Licensed Acupuncturist, one paragraph per item.",
            "Who is a Licensed Acupuncturist (L.Ac)",
            safety=True,
        ),
        "red_flag_note": Meaning(
            "What warning signs are, above them.", "About warning signs", safety=True
        ),
        "red_flag_note_sources": Meaning("The sources (ids) of the warning-sign note."),
        "certainty_labels": Meaning(
            "The evidence certainty labels and what each means.", "Certainty labels"
        ),
        "urgency_labels": Meaning(
            "The warning-sign urgency labels and what each means.", safety=True
        ),
        "sources": Meaning("The sources (ids) of the guide's front matter.", "Sources"),
    },
}


def records() -> list[type[Any]]:
    """Every record type of the knowledge base: the guide, each kind's entries, and every
    record nested in them, in the order they are first reached."""
    found: list[type[Any]] = []

    def visit(target: Any) -> None:
        if is_record(target):
            if target in found:
                return
            found.append(target)
            for hint in field_types(target).values():
                visit(hint)
            return
        for argument in get_args(target):
            visit(argument)

    for record in (Guide, *COLLECTIONS.values()):
        visit(record)
    return found


_UNKNOWN = Meaning("")


def meaning(record: type[Any], field: str) -> Meaning:
    """One field's meaning; a field the table does not know yet is read as plain content
    (tests/test_fields.py fails on it, naming it)."""
    return FIELDS.get(record, {}).get(field, _UNKNOWN)


def heading_of(record: type[Any], field: str) -> str:
    """A field's heading on a page."""
    found = meaning(record, field).heading
    if found is None:
        raise KeyError(f"{record.__name__}.{field} has no heading on a page")
    return found


def searched(record: type[Any]) -> Iterator[tuple[str, Meaning]]:
    """The fields of a record that search reads, in the record's order."""
    for name in record._fields:
        found = meaning(record, name)
        if found.search:
            yield name, found


def safety_fields(record: type[Any]) -> tuple[str, ...]:
    """The fields of a record that carry safety content."""
    return tuple(name for name in record._fields if meaning(record, name).safety)


def in_json(record: type[Any]) -> tuple[str, ...]:
    """The fields of a record that a page's JSON carries under their own names."""
    return tuple(name for name in record._fields if not meaning(record, name).json)


# The fields that carry safety content, per kind.
SAFETY_FIELDS: dict[str, tuple[str, ...]] = {
    kind: fields for kind, record in COLLECTIONS.items() if (fields := safety_fields(record))
}
