"""Warning signs of the limbs, the back, the heat and wounds read from everyday words: a cast
said as "cast on my leg", "in a pot" or "in plaster"; a limb (leg or arm) gone cold and numb or
suddenly cold; misspelt back words beside a bladder change; large or deep wounds; a toe or
finger out of shape; leakage on sneezing; heat exhaustion apart from heatstroke. Ordinary
words around the same subjects raise no emergency."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning


def _checks(kb: KnowledgeBase, text: str) -> list[str]:
    return [flag.id for flag, _ in understand(kb, text).checks]


@pytest.mark.parametrize(
    "text",
    [
        "cast on my leg and the pain is getting worse",
        "cast on my leg and pain is getting worse and worse, toes numb",
        "pot on my ankle and my toes have gone numb",
        "my wrist is in a pot and the pain keeps getting worse",
        "he is in a cast and his toes are numb",
        "got a cast on my arm yesterday and now my fingers are numb",
        "leg in plaster, pain getting worse",
    ],
)
def test_a_cast_said_any_way_with_worsening_pain_or_numbness_is_compartment_syndrome(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) == "compartment-syndrome", text


@pytest.mark.parametrize(
    "text",
    [
        "cast on my arm for 3 weeks, it itches",
        "my leg is in a cast and it aches a bit",
        "put the pot on the stove",
        "cast came off last week and my calf is stiff",
    ],
)
def test_a_cast_without_a_warning_sign_raises_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert emergencies_raised(kb, text) == [], text


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("my leg is cold and numb", "leg-circulation-emergency"),
        ("leg suddenly cold and numb", "leg-circulation-emergency"),
        ("my foot went cold and numb", "leg-circulation-emergency"),
        ("my leg suddenly went cold", "leg-circulation-emergency"),
        ("arm suddenly cold pale and painful", "arm-circulation-emergency"),
        ("my hand is suddenly cold and white", "arm-circulation-emergency"),
        ("my arm has gone cold and numb", "arm-circulation-emergency"),
        ("my left arm is pale and numb", "arm-circulation-emergency"),
    ],
)
def test_a_limb_gone_cold_and_numb_or_suddenly_cold_is_a_circulation_emergency(
    kb: KnowledgeBase, text: str, flag_id: str
) -> None:
    assert first_warning(kb, text) == flag_id, text


@pytest.mark.parametrize(
    "text",
    [
        "my feet are always cold",
        "cold feet in bed at night",
        "legs cold after swimming in the sea",
        "my fingers go white and numb in the cold",
        "my hands are cold",
        "arm went numb after sleeping on it",
        "fingers cold and numb when i ride my bike in winter",
        "my hands are always cold and my fingers go numb",
    ],
)
def test_cold_hands_and_feet_of_every_day_raise_no_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert emergencies_raised(kb, text) == [], text
