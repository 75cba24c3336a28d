"""The face-swelling emergency is swelling of the face, mouth or throat: swollen ankles or a
swollen calf said beside breathlessness are read under their own signs (a clot in the lung),
never under a face or mouth title."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised


@pytest.mark.parametrize(
    "text",
    [
        "breathless when lying flat and ankles swollen",
        "calf swollen for days and now im short of breath",
        "my legs are swollen and i get out of breath on the stairs",
        "swollen feet and a bit breathless walking uphill",
    ],
)
def test_swelling_of_a_leg_with_breathlessness_is_no_face_swelling(
    kb: KnowledgeBase, text: str
) -> None:
    assert "face-swelling" not in emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my lips are swelling and i am struggling to breathe",
        "face swelling up and short of breath",
        "swollen jaw and cant open my mouth",
    ],
)
def test_swelling_of_the_face_or_mouth_stays_the_emergency(kb: KnowledgeBase, text: str) -> None:
    # Swollen lips, tongue or throat are read as anaphylaxis (NHS, nidirect), still an emergency.
    assert {"face-swelling", "anaphylaxis"} & set(emergencies_raised(kb, text)), text
