"""Feeling fine now, or breathing fine, said after a sign takes nothing back from what
happened ("fainted yesterday, feel fine now" is still a faint for a doctor to hear about); a
battery or a magnet up a child's nose or in an ear is the emergency-department sign."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("passed out at work yesterday, feeling fine now", "faint-see-a-doctor"),
        ("lips swollen this morning, breathing fine", "lip-swelling"),
        ("my daughter pushed a button battery up her nose", "swallowed-battery-or-magnet"),
        ("there's a small magnet in his ear", "swallowed-battery-or-magnet"),
    ],
)
def test_signs_stay_read(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    [
        "my back is fine now after the stretches",
        "the battery in my hearing aid died and my ear aches",
        "changed the battery in my watch",
    ],
)
def test_ordinary_phrasings_stay_quiet(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
    assert "faint-see-a-doctor" not in warnings_of(kb, text), text
