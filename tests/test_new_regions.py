"""The regions beyond the source article's seven: each as complete and as careful as the first,
and the lay words people type, unique within their kind."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from spasmguide.kb.model import STANCE_LEVELS, KnowledgeBase
from spasmguide.kb.names import resolve_id
from tests.content_rules import shipped_problems

NEW_REGIONS = ["jaw", "head", "mid-back", "forearm-hand", "foot", "front-thigh"]

# The cause each new region brings with it.
NEW_CAUSES = {
    "jaw": "bite-teeth",
    "head": "medication-overuse-headache",
    "forearm-hand": "task-specific-dystonia",
    "foot": "medicine-cramps",
}

# Acupoints whose sources name something beneath or a group to take care with, and a word the
# caution must contain.
POINT_CAUTIONS = {
    "bl41": "lung",
    "bl44": "lung",
    "bl46": "lung",
    "gv9": "obliquely",
    "lr3": "artery",
    "ki3": "artery",
    "ki1": "arch",
    "bl60": "pregnancy",
    "lr11": "femoral artery",
    "si19": "mouth open",
    "pc6": "not checked",
    "gb41": "diabetes",
    "ex-le10": "diabetes",
}

# Facts the sources mark as recalled or uncertain must say so where they are shown.
CAVEATS = {
    ("evidence", "cochrane-tension-headache", "finding"): "not re-checked",
    ("evidence", "bmj-tmd-acupuncture", "basis"): "uncertain",
    ("red_flags", "headache-emergency", "note"): "uncertain",
    ("red_flags", "calf-tear", "note"): "not checked",
    ("red_flags", "back-major-trauma", "note"): "not checked",
}
# Confirmed since (and cited): tetanus (NHS), NICE NG19's diabetic-foot tiers, Lund 1991, the
# stroke signs (the NHS's FAST), the torn neck artery and double vision of the neck emergency
# (Bupa, RCEMLearning, a hospital patient page).

PHRASINGS = Path(__file__).parent / "search_phrasings.yaml"
PHRASING_KINDS = {
    "region": "regions",
    "cause": "causes",
    "technique": "techniques",
    "acupoint": "acupoints",
    "red_flag": "red_flags",
}


@pytest.mark.parametrize("region_id", NEW_REGIONS)
def test_each_new_region_is_complete(kb: KnowledgeBase, region_id: str) -> None:
    region = kb.regions[region_id]
    assert region.aliases and region.lay_terms and region.summary and region.description
    assert region.muscles and region.causes and region.self_care and region.sources
    suggestions = shipped_problems("region-suggestions")
    assert not [line for line in suggestions if f"region '{region_id}'" in line]
    assert len(region.acupoints) >= 4
    assert all(kb.acupoints[point].sources for point in region.acupoints)


@pytest.mark.parametrize("region_id", NEW_REGIONS)
def test_each_new_region_has_warning_signs_with_an_emergency_group(
    kb: KnowledgeBase, region_id: str
) -> None:
    flags = [kb.red_flags[flag_id] for flag_id in kb.regions[region_id].red_flags]
    assert all(flag.signs and flag.sources and flag.applies_to for flag in flags)
    emergency = shipped_problems("region-emergency")
    assert not [line for line in emergency if f"region '{region_id}'" in line]


@pytest.mark.parametrize("region_id", NEW_REGIONS)
def test_each_new_region_says_where_its_evidence_stands(kb: KnowledgeBase, region_id: str) -> None:
    region = kb.regions[region_id]
    direct = [
        kb.evidence[evidence_id]
        for evidence_id in region.evidence
        if region_id in kb.evidence[evidence_id].regions
    ]
    if not direct:
        assert "No review" in region.description or "no review" in region.description


def test_guideline_positions_for_the_jaw_and_head_are_recorded(kb: KnowledgeBase) -> None:
    def stances(region_id: str, technique_id: str) -> set[str]:
        return {
            evidence.stance
            for evidence in kb.evidence.values()
            if evidence.stance is not None
            and region_id in evidence.regions
            and technique_id in evidence.techniques
        }

    assert stances("jaw", "traditional-acupuncture") == {"conditional for"}
    assert stances("jaw", "stretching-mobility") == {"strong for"}
    assert stances("head", "traditional-acupuncture") == {"conditional for"}
    assert all(
        evidence.stance in STANCE_LEVELS
        for evidence in kb.evidence.values()
        if evidence.stance is not None
    )


@pytest.mark.parametrize(("region_id", "cause_id"), NEW_CAUSES.items())
def test_new_causes_belong_to_their_regions(
    kb: KnowledgeBase, region_id: str, cause_id: str
) -> None:
    cause = kb.causes[cause_id]
    assert cause_id in kb.regions[region_id].causes
    assert region_id in cause.regions
    assert cause.techniques and cause.prevention and cause.sources and cause.lay_terms


def test_the_mid_back_owns_the_space_between_the_shoulder_blades(kb: KnowledgeBase) -> None:
    assert resolve_id(kb, "regions", "between the shoulder blades") == "mid-back"
    assert "chest-pain" in kb.regions["mid-back"].red_flags


@pytest.mark.parametrize(("point_id", "words"), POINT_CAUTIONS.items())
def test_acupoint_cautions_from_the_sources_are_shown(
    kb: KnowledgeBase, point_id: str, words: str
) -> None:
    point = kb.acupoints[point_id]
    cautions = (*point.cautions, point.pregnancy or "")
    assert any(words in caution for caution in cautions), point_id


@pytest.mark.parametrize(("kind", "entry_id", "field"), CAVEATS)
def test_recalled_or_uncertain_facts_carry_their_caveat(
    kb: KnowledgeBase, kind: str, entry_id: str, field: str
) -> None:
    text = getattr(kb.collection(kind)[entry_id], field) or ""
    assert CAVEATS[(kind, entry_id, field)] in text


def test_writer_s_cramp_is_sent_to_a_doctor(kb: KnowledgeBase) -> None:
    cause = kb.causes["task-specific-dystonia"]
    assert "neurolog" in cause.description
    assert kb.red_flags["task-specific-cramp"].urgency == "see a doctor"


@pytest.mark.parametrize("kind", ["regions", "causes", "red_flags"])
def test_every_entry_has_lay_terms_and_each_term_is_unique_in_its_kind(
    kb: KnowledgeBase, kind: str
) -> None:
    entries = kb.collection(kind).values()
    assert all(getattr(entry, "lay_terms", ()) for entry in entries)
    # Unique in their kind and no other entry's name: validate's content rule.
    assert shipped_problems("lay-terms-unique") == []


def test_search_phrasings_name_real_entries(kb: KnowledgeBase) -> None:
    phrasings = yaml.safe_load(PHRASINGS.read_text(encoding="utf-8"))
    assert len(phrasings) >= 45
    texts = [phrasing["text"] for phrasing in phrasings]
    assert len(set(texts)) == len(texts)
    for phrasing in phrasings:
        assert set(phrasing) == {"text", "expect", "within"}, phrasing
        assert phrasing["within"] in (1, 3)
        kind, _, entry_id = phrasing["expect"].partition(":")
        assert entry_id in kb.collection(PHRASING_KINDS[kind]), phrasing["expect"]
    covered = {phrasing["expect"] for phrasing in phrasings}
    assert {f"region:{region_id}" for region_id in NEW_REGIONS} <= covered
