"""Heat exhaustion named or said as time in the sun leads with cooling down; a birth some
months ago is past the weeks in which breathlessness reads as a clot in the lung; the kidney
and after-birth signs stand on the pages of the regions they concern; a puncture from a nail or
rusty metal is a wound to have seen the same day."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "i think i have heat exhaustion",
        "feel dizzy and sick after sitting in the sun",
        "been sunbathing all afternoon and now i feel dizzy",
    ],
)
def test_heat_exhaustion_named_or_said_leads_with_cooling_down(
    kb: KnowledgeBase, text: str
) -> None:
    assert warnings_of(kb, text)[:1] == ["heat-exhaustion"], text
    assert emergencies_raised(kb, text) == [], text


def test_heat_exhaustion_long_ago_is_history(kb: KnowledgeBase) -> None:
    assert "heat-exhaustion" not in warnings_of(kb, "had heat exhaustion last year, now neck ache")


@pytest.mark.parametrize(
    "text",
    [
        "had a baby 8 months ago and a bit breathless",
        "had a baby a few months ago and breathless on the stairs",
        "gave birth three months ago, now short of breath walking uphill",
    ],
)
def test_breathlessness_months_after_a_birth_is_no_clot_sign(kb: KnowledgeBase, text: str) -> None:
    assert "possible-pe" not in emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "gave birth 5 days ago now short of breath",
        "had my baby a month ago and im breathless",
        "gave birth six weeks ago, breathless",
    ],
)
def test_breathlessness_in_the_weeks_after_a_birth_stays_the_clot_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert "possible-pe" in emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    ("region", "flag"),
    [
        ("low-back", "kidney-pain-with-fever-or-blood"),
        ("mid-back", "kidney-pain-with-fever-or-blood"),
        ("low-back", "after-birth-bleeding-more"),
        ("low-back", "after-birth-infection"),
    ],
)
def test_a_region_page_carries_the_signs_of_its_place(
    kb: KnowledgeBase, region: str, flag: str
) -> None:
    assert flag in kb.regions[region].red_flags


@pytest.mark.parametrize(
    "text",
    [
        "cut myself on a rusty nail yesterday",
        "stood on a rusty nail",
        "stepped on a nail at the beach",
        "a nail went into my foot at the building site",
    ],
)
def test_a_puncture_from_a_nail_or_rust_is_seen_the_same_day(kb: KnowledgeBase, text: str) -> None:
    assert "wound-tetanus-risk" in warnings_of(kb, text), text
    assert emergencies_raised(kb, text) == [], text


def test_a_tiny_scratch_from_a_nail_raises_nothing(kb: KnowledgeBase) -> None:
    assert warnings_of(kb, "tiny scratch from a rusty nail, fully vaccinated") == []


def test_spasms_after_a_nail_wound_stay_the_tetanus_emergency(kb: KnowledgeBase) -> None:
    assert "possible-tetanus" in emergencies_raised(
        kb, "stepped on a rusty nail and now my calf cramps"
    )
