"""A snake bite goes to A&E or 999 at once (NHS snake bites); both legs without feeling is the
emergency of a squeezed spinal nerve bundle even with no back named (NHS sciatica); skin gone
grey is the sepsis sign; an antibiotic is an allergy trigger; chest pain said as "hurts when I
walk" is still chest pain; glass left in a wound goes to the emergency department."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("got bitten by an adder on the moors", "bite-serious"),
        ("my dog and I were both bitten by a snake", "bite-serious"),
        ("suddenly I can't feel my legs", "cauda-equina"),
        ("my grandad went grey and won't wake properly", "possible-meningitis"),
        ("rash and feel faint after starting antibiotics", "anaphylaxis"),
        ("a piece of glass is stuck in my heel", "wound-large-or-deep"),
        ("cut my hand on broken glass, still a bit of glass in it", "wound-large-or-deep"),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


def test_chest_pain_on_the_stairs_is_still_chest_pain(kb: KnowledgeBase) -> None:
    assert emergencies_raised(kb, "my chest hurts when I walk up the stairs")


@pytest.mark.parametrize(
    "text",
    [
        "my legs went numb sitting cross-legged on the floor",
        "my hair has gone grey and my neck aches",
        "finished my antibiotics last week, now my calves cramp at night",
    ],
)
def test_ordinary_phrasings_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
