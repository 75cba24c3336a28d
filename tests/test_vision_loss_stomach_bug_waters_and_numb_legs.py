"""Vision loss said as a noun is the stroke sign; a stomach bug is an infection, so confusion or
no urine with it is the sepsis sign; waters leaking before term calls the maternity unit; both
legs gone numb, or numb with walking gone, is the spinal emergency with no back named,
unless after exercise or an injury."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("sudden vision loss in my left eye", "possible-stroke"),
        ("tummy bug for three days and now she is really confused", "possible-meningitis"),
        ("both my legs have gone numb", "cauda-equina"),
        ("my legs are numb and I can't walk", "cauda-equina"),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


def test_waters_leaking_before_term_opens_a_pregnancy_sign(kb: KnowledgeBase) -> None:
    flag = first_warning(kb, "31 weeks pregnant and my waters are leaking")
    assert flag is not None and "pregnancy" in flag, flag


@pytest.mark.parametrize(
    "text",
    [
        "legs feel weak and numb after a long run",
        "food poisoning last week, now my calves cramp",
    ],
)
def test_ordinary_phrasings_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
