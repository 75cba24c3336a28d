"""A sharp chest or rib pain on breathing in, said alone, is the same-day sign the NHS pleurisy
page gives it; with breathlessness, a swollen leg or a long time still it is the clot in the
lung. A few spots or streaks of blood coughed up are the urgent sign of the NHS
coughing-up-blood page; more than that, no amount said, or blood with breathlessness, a racing
heart or chest pain is the 999 one."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("sharp pain in my left side every time i breathe in", "chest-pain-breathing-in"),
        ("my ribs hurt when i take a deep breath", "chest-pain-breathing-in"),
        ("fell off my bike, ribs hurt when i breathe in", "chest-pain-breathing-in"),
        ("stabbing pain in my side when i breathe in and i'm short of breath", "possible-pe"),
        ("chest pain when i breathe in and my calf is swollen", "possible-pe"),
        ("coughed up a little blood this morning", "coughing-up-a-little-blood"),
        ("there are streaks of blood in my phlegm", "coughing-up-a-little-blood"),
        ("blood in my phlegm and i can't catch my breath", "possible-pe"),
        ("coughed up a bit of blood and my chest hurts", "possible-pe"),
        ("coughing up blood", "possible-pe"),
        ("coughed up a lot of blood", "possible-pe"),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    [
        "sharp pain in my side when i breathe in",
        "it hurts to breathe in, sharp pain in my side",
        "stabbing pain under my ribs when i take a deep breath",
        "coughed up a few spots of blood",
    ],
)
def test_urgent_not_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


def test_a_stitch_is_neither(kb: KnowledgeBase) -> None:
    warnings = warnings_of(kb, "stitch in my side when i breathe in while running")
    assert "chest-pain-breathing-in" not in warnings
    assert "possible-pe" not in warnings
