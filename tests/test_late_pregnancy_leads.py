"""A pregnancy said with its weeks, 20 or more, leads with the late-pregnancy sign (the
maternity unit now; placental abruption or early labour), not the early-pregnancy one that
names an ectopic pregnancy; with fewer weeks or none, the early sign still leads."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import first_warning

LATE = "late-pregnancy-pain-or-bleeding"
EARLY = "pregnancy-tummy-pain"


@pytest.mark.parametrize(
    "text",
    [
        "im 30 weeks pregnant and bleeding",
        "32 weeks pregnant, some bleeding this morning",
        "I'm 34 weeks pregnant with cramps in my tummy",
        "28 weeks pregnant and tummy pain that comes and goes",
    ],
)
def test_weeks_of_twenty_or_more_lead_with_the_late_sign(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == LATE


@pytest.mark.parametrize(
    "text",
    [
        "8 weeks pregnant and bleeding",
        "pregnant with tummy cramps",
        "six weeks pregnant and cramping on one side",
    ],
)
def test_early_or_unsaid_weeks_keep_the_early_sign(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == EARLY
