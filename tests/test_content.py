"""The knowledge base itself: the article's facts, sources, safety and honest evidence."""

from __future__ import annotations

import re
import typing

import pytest

from spasmguide.kb.model import Concept, KnowledgeBase, Source, is_record
from tests.content_rules import shipped_problems

# Every fact the source article states, as words that must appear somewhere in the knowledge base.
ARTICLE_FACTS = [
    # Why spasms happen
    "involuntary",
    "every age and level of activity",
    "tighten and do not release",
    "overuse or repetitive movement",
    "poor posture or ergonomics",
    "dehydration or an electrolyte imbalance",
    "stress",
    "strains and sprains",
    "sciatica",
    "disc problems",
    "fibromyalgia",
    "overstimulated",
    "ischemic",
    "spasm-ischemia cycle",
    "restoring circulation, releasing trigger points and calming neuromuscular hyperactivity",
    # Traditional acupuncture
    "Qi (energy)",
    "ashi",
    "meridians",
    "hypertonicity",
    "over-firing of motor neurons",
    "Increases blood flow to tight muscle fibres",
    "endogenous opioids",
    # Electro-acupuncture
    "stubborn or chronic",
    "pairs of",
    "continuous stimulation",
    "Reduces muscle hyperactivity",
    "Increases microcirculation",
    "neuromuscular re-education",
    "athletic injuries",
    # Trigger point
    "taut band",
    "local twitch response",
    "not suitable for everyone",
    "Deep knots",
    "Neck and shoulder spasms",
    "Piriformis syndrome",
    "IT band tightness",
    "Any tight band",
    # Distal needling
    "Tan",
    "Tung",
    "without aggravating a very sensitive area",
    "circulation throughout the body",
    "acute pain relief",
    # Manual therapies
    "combine needling with hands-on bodywork",
    "Kneading, rolling and pressing",
    "Slow, sustained pressure",
    "fascia, the connective tissue",
    "suction",
    "reducing adhesions",
    "upper back, neck and shoulder spasms",
    "release stagnation",
    "stubborn, chronic tension patterns",
    "finger pressure",
    "limb rotations",
    "energy flow",
    "New York City and Connecticut",
    "reinforce the neuromuscular reset",
    "from coming back",
    # Scientific support, as the article states it
    "motor neuron excitability",
    "The Journal of Applied Physiology",
    "endorphins, enkephalins",
    "PAIN",
    "immediate and long-term",
    # Outlook and the notice
    "athletic performance",
    "prevent flare-ups",
    "immediate relief and lasting change",
    "Licensed Acupuncturist (L.Ac)",
    "3,500 hours",
]

# The acupoints this guide may name: no invented points.
KNOWN_ACUPOINT_CODES = {
    "GB20",
    "BL10",
    "GV14",
    "GV16",
    "SI3",
    "TE5",
    "LI4",
    "EX-HN15",
    "GB21",
    "SI11",
    "SI14",
    "TE15",
    "BL11",
    "LI15",
    "EX-B1",
    "EX-B2",
    "BL23",
    "BL25",
    "GV4",
    "GV3",
    "BL40",
    "GB30",
    "BL54",
    "BL36",
    "BL37",
    "GB31",
    "GB32",
    "GB29",
    "GB34",
    "BL57",
    "BL56",
    "BL39",
    "EX-UE8",
    "EX-B7",
    "EX-B8",
}
KNOWN_UNCODED_POINTS = {"Jiānqián", "Huánzhōng", "Bìzhōng"}


def all_text(value: object) -> str:
    """Every string in a record, joined, for searching."""
    if isinstance(value, str):
        return value
    if is_record(type(value)):
        return " ".join(all_text(item) for item in typing.cast(tuple[object, ...], value))
    if isinstance(value, dict):
        return " ".join(all_text(item) for item in value.values())
    if isinstance(value, tuple | list):
        return " ".join(all_text(item) for item in value)
    return ""


@pytest.fixture(scope="module")
def corpus(kb: KnowledgeBase) -> str:
    return " ".join(
        all_text(kb.collection(kind)) for kind in ("techniques", "regions", "causes", "evidence")
    ) + all_text(kb.guide)


@pytest.mark.parametrize("fact", ARTICLE_FACTS)
def test_every_article_fact_is_in_the_knowledge_base(corpus: str, fact: str) -> None:
    flat = " ".join(corpus.split())
    assert fact.casefold() in flat.casefold(), f"article fact missing: {fact!r}"


def test_the_article_s_ten_techniques_and_six_causes_are_there(kb: KnowledgeBase) -> None:
    # Exercise follows the article's ten: the guidelines name it on its own (decision 014).
    assert list(kb.techniques)[:10] == [
        "traditional-acupuncture",
        "electro-acupuncture",
        "trigger-point-acupuncture",
        "distal-needling",
        "tui-na",
        "myofascial-release",
        "cupping",
        "gua-sha",
        "shiatsu",
        "stretching-mobility",
    ]
    assert list(kb.techniques)[10:] == ["exercise"]
    assert list(kb.causes)[:6] == [
        "overuse",
        "posture",
        "dehydration",
        "stress",
        "acute-injury",
        "chronic-conditions",
    ]
    assert {"acupuncture", "manual therapy", "self-care"} == {
        t.category for t in kb.techniques.values()
    }


def test_the_required_regions_are_there(kb: KnowledgeBase) -> None:
    assert {
        "neck",
        "upper-back-shoulders",
        "low-back",
        "piriformis",
        "it-band",
        "calf",
        "hamstring",
    } <= set(kb.regions)


def test_every_region_is_complete_and_safe(kb: KnowledgeBase) -> None:
    for region in kb.regions.values():
        assert region.description and region.muscles and region.causes and region.self_care
    # Ranked suggestions with reasons, acupoints, an emergency group: validate's content rules.
    for rule in ("region-suggestions", "region-acupoints", "region-emergency"):
        assert shipped_problems(rule) == [], rule


def test_every_technique_has_cautions_and_sources(kb: KnowledgeBase) -> None:
    for technique in kb.techniques.values():
        assert technique.cautions and technique.sources and technique.how_it_works
        assert technique.safety, f"{technique.id} names no general safety notes"
    needling = {t.id for t in kb.techniques.values() if t.category == "acupuncture"}
    assert all("needling" in kb.techniques[t].safety for t in needling)


def test_every_entry_names_its_sources(kb: KnowledgeBase) -> None:
    for kind in ("techniques", "regions", "causes", "acupoints", "evidence", "red_flags", "safety"):
        for entry in kb.collection(kind).values():
            assert not isinstance(entry, Source | Concept)
            assert entry.sources, f"{kind}/{entry.id} names no source"
    assert kb.guide.sources


def test_every_source_is_cited_somewhere(kb: KnowledgeBase) -> None:
    cited: set[str] = set(kb.guide.sources) | set(kb.guide.red_flag_note_sources)
    for kind in ("techniques", "regions", "causes", "acupoints", "evidence", "red_flags", "safety"):
        for entry in kb.collection(kind).values():
            assert not isinstance(entry, Source | Concept)
            cited.update(entry.sources)
    assert set(kb.sources) == cited


# The points of the jaw, head, mid back, forearm and hand, foot, and front of the thigh.
NEW_REGION_ACUPOINT_CODES = {
    "ST7",
    "ST6",
    "SI19",
    "TE17",
    "GB8",
    "EX-HN5",
    "GV20",
    "LR3",
    "BL41",
    "BL44",
    "BL46",
    "GV9",
    "LI10",
    "LU5",
    "PC6",
    "TE9",
    "EX-UE9",
    "GB41",
    "EX-LE10",
    "KI1",
    "BL60",
    "KI3",
    "ST31",
    "ST32",
    "ST34",
    "SP10",
    "LR11",
}


# The points added for the point reference (issue 20), each checked against WHO 2008 (or, for
# extra points, WHO 1991 and the 1999 textbook) and the 1999 textbook.
POINT_REFERENCE_CODES = set(
    """
    LU7 LI5 LI11 LI16 ST5 ST8 ST33 ST36 ST41 SP4 SP6 SP11 HT3 SI4 SI6 SI9 SI10 SI12 SI13 SI15
    SI18 BL2 BL12 BL13 BL15 BL16 BL17 BL18 BL24 BL26 BL31 BL32 BL33 BL34 BL38 BL42 BL43 BL52
    BL53 BL55 BL58 BL62 BL67 KI6 PC7 TE3 TE4 TE10 TE14 TE21 GB2 GB14 GB33 GB39 GB40 LR9 LR10
    GV2 GV11 GV12 GV15 GV26 CV17 EX-HN1 EX-HN3 EX-UE7
    """.split()
)


def test_acupoints_are_only_the_checked_ones(kb: KnowledgeBase) -> None:
    for point in kb.acupoints.values():
        if point.code is None:
            assert point.pinyin in KNOWN_UNCODED_POINTS
            assert point.code_note, f"{point.pinyin} has no code and must say why"
        else:
            known = KNOWN_ACUPOINT_CODES | NEW_REGION_ACUPOINT_CODES | POINT_REFERENCE_CODES
            assert point.code in known, point.code
        assert point.location and point.sources
        assert point.english or "english" in point.unchecked


# Buttock and thigh points over the sciatic nerve (1999 textbook, TARA transcription).
SCIATIC_POINTS = ["gb30", "bl36", "bl37", "bl54"]


@pytest.mark.parametrize("point_id", SCIATIC_POINTS)
def test_points_over_the_sciatic_nerve_say_to_withdraw_on_an_electric_pain(
    kb: KnowledgeBase, point_id: str
) -> None:
    point = kb.acupoints[point_id]
    assert point.needling and "sciatic nerve" in (point.needling.caution or "")
    lines = [caution for caution in point.cautions if "withdraw" in caution]
    assert lines, point_id
    # Where the advice comes from is said, as on the calf and buttock points beside them.
    assert all("electric" in line and "not checked" in line for line in lines), point_id


def test_gv16_upward_angle_keeps_its_caveat_and_names_what_the_textbook_says(
    kb: KnowledgeBase,
) -> None:
    # The 1999 textbook (TARA) warns against an upward slant at GV15 only; at GV16 it warns
    # against depth. The upward-angle line at GV16 stays marked as unchecked.
    upward = [caution for caution in kb.acupoints["gv16"].cautions if "upward" in caution]
    assert len(upward) == 1
    assert "not checked" in upward[0] and "GV15" in upward[0]


def test_gv20_depth_is_the_1999_textbook_s(kb: KnowledgeBase) -> None:
    # TARA's transcription of the 1999 textbook: subcutaneous, 0.3-0.5 inch (cun).
    needling = kb.acupoints["gv20"].needling
    assert needling and needling.depth == "0.3-0.5" and needling.angle == "transverse"


def test_the_statin_source_says_it_was_read_second_hand(kb: KnowledgeBase) -> None:
    note = kb.sources["nhs-statins"].note or ""
    assert "news" in note and "not" in note


def test_uncertain_point_codes_and_disagreements_are_visible(kb: KnowledgeBase) -> None:
    assert "uncertain" in (kb.acupoints["luozhen"].code_note or "")
    assert "uncertain" in (kb.acupoints["ex-b2"].code_note or "")
    assert "disagree" in kb.acupoints["gb32"].location


def test_needling_dangers_are_stated(kb: KnowledgeBase) -> None:
    assert any("pneumothorax" in caution for caution in kb.acupoints["gb21"].cautions)
    assert any("medulla" in caution for caution in kb.acupoints["gv16"].cautions)
    assert "pregnancy" in (kb.acupoints["li4"].pregnancy or "")
    needling = " ".join(kb.safety["needling"].points)
    assert "1 in 10,000" in needling and "pneumothorax" in needling
    assert "pacemaker" in " ".join(kb.techniques["electro-acupuncture"].cautions)


def test_the_article_s_uncheckable_citations_are_shown_with_what_was_found(
    kb: KnowledgeBase,
) -> None:
    blood_flow = kb.evidence["article-blood-flow"]
    assert blood_flow.certainty == "not found as cited"
    assert "European Journal of Applied Physiology" in blood_flow.finding
    electro = kb.evidence["article-electro-meta-analysis"]
    assert electro.certainty == "not found as cited"
    assert "The Journal of Pain" in electro.finding


def test_the_article_s_five_lines_of_support_each_have_an_honest_label(kb: KnowledgeBase) -> None:
    article_claims = [e for e in kb.evidence.values() if e.article_says]
    assert len(article_claims) == 5
    assert all(
        e.certainty in {"no study named", "not found as cited", "very low to moderate"}
        for e in article_claims
    )


def test_evidence_labels_are_explained() -> None:
    assert shipped_problems("labels-explained") == []


def test_red_flags_cover_cauda_equina_and_chest_pain(kb: KnowledgeBase) -> None:
    assert kb.red_flags["cauda-equina"].urgency == "emergency"
    assert "cauda-equina" in kb.regions["low-back"].red_flags
    assert "chest-pain" in kb.regions["upper-back-shoulders"].red_flags
    assert "possible-dvt" in kb.regions["calf"].red_flags


def test_the_notice_names_a_licensed_acupuncturist(kb: KnowledgeBase) -> None:
    assert "Licensed Acupuncturist (L.Ac)" in kb.guide.notice
    assert re.search(r"does not diagnose", kb.guide.notice)


# -- content review (docs/content-review.md) -------------------------------------------------

REVIEWED_KINDS = (
    "techniques",
    "regions",
    "causes",
    "evidence",
    "red_flags",
    "safety",
    "sources",
    "acupoints",
)


def test_every_entry_says_when_it_was_last_checked_against_its_sources(kb: KnowledgeBase) -> None:
    import re

    for kind in REVIEWED_KINDS:
        for entry_id, entry in kb.collection(kind).items():
            reviewed = getattr(entry, "reviewed", None)
            assert reviewed and re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", reviewed), (kind, entry_id)


def test_pages_show_when_their_subject_was_reviewed(kb: KnowledgeBase) -> None:
    import json as json_module

    from tests.conftest import invoke

    for arguments in (["lookup", "--region", "neck"], ["lookup", "--cause", "stress"]):
        text = invoke(*arguments, "--no-pager").stdout
        assert "Content reviewed 2026-12." in text
        document = json_module.loads(invoke(*arguments, "--format", "json").stdout)
        assert document[document["kind"]]["reviewed"] == "2026-12"


def test_a_cause_lists_exactly_the_regions_that_list_it(kb: KnowledgeBase) -> None:
    for cause in kb.causes.values():
        listing = [region.id for region in kb.regions.values() if cause.id in region.causes]
        assert list(cause.regions) == listing, cause.id


def test_emergency_signs_say_what_to_do_in_plain_words(kb: KnowledgeBase) -> None:
    from tests.conftest import invoke

    plain = "Call emergency services (999, 911 or 112) or go to an emergency department now"
    for flag in kb.red_flags.values():
        if flag.urgency == "emergency" and flag.action:
            assert "emergency" in flag.action and ("999" in flag.action), flag.id
    page = invoke("lookup", "--region", "calf", "--no-pager").stdout
    assert plain in " ".join(page.split())
    for region in kb.regions.values():
        text = " ".join(invoke("lookup", "--region", region.id, "--no-pager").stdout.split())
        for flag in kb.red_flags.values():
            if flag.id in region.red_flags and flag.note:
                assert flag.note.split(".")[0] not in text, (region.id, flag.id)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [text for item in value for text in _strings(item)]
    if is_record(value):
        return [text for item in typing.cast(tuple[object, ...], value) for text in _strings(item)]
    return []


def test_uk_only_services_come_with_a_plain_equivalent(kb: KnowledgeBase) -> None:
    texts = _strings(kb.guide)
    for kind in ("regions", "causes", "red_flags", "techniques", "evidence", "safety"):
        texts += [text for entry in kb.collection(kind).values() for text in _strings(entry)]
    for text in texts:
        if "A&E" in text:
            assert "emergency department" in text, text
        if "NHS 111" in text:
            assert "in the UK" in text, text
        if re.search(r"\bGP\b", text):
            assert "in the UK" in text or "family doctor" in text, text
