"""Bites, wounds, a calf cramp with a clot risk and blood coughed up in loose words: a bite to
the face or head, or a deep or bleeding one, is the emergency-department sign and any other bite
the same-day one (NHS animal and human bites); a large, deep or gaping wound is for the
emergency department and a dirty one for a same-day check, each under its own title; a cramp in
one calf with an operation, a long-haul flight or the pill opens the clot sign (NHS DVT); a
cupful of blood coughed up, or blood and a cough said apart, is the 999 sign, a little the
urgent one; shellfish is an allergy trigger; "chopping" is no misspelt "choking"."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("the neighbour's dog bit my cheek", "bite-serious"),
        ("bitten by a dog on the head", "bite-serious"),
        ("cat bite on my arm, really deep", "bite-serious"),
        ("my cat bit me yesterday and the bite is hot and swollen", "bite-needs-checking"),
        ("bitten by my son while playing, skin is broken", "bite-needs-checking"),
        ("huge gaping cut on my shin from a fall", "wound-large-or-deep"),
        ("deep wound on my hand from a broken glass", "wound-large-or-deep"),
        ("trod on a rusty nail in the garden", "wound-tetanus-risk"),
        ("grazed my knee and there's soil in the cut", "wound-tetanus-risk"),
        ("cramp in one calf since my hip operation last week", "possible-dvt"),
        ("right calf cramping after a long haul flight", "possible-dvt"),
        ("coughed up a cupful of blood", "possible-pe"),
        ("i coughed and there was blood on the tissue", "possible-pe"),
        ("a bit of blood when i cough", "coughing-up-a-little-blood"),
        ("streaks of blood in my phlegm and my calf is swollen", "possible-pe"),
        ("my throat feels tight after eating prawns", "anaphylaxis"),
        ("lips swelling after a shrimp curry", "anaphylaxis"),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    [
        "nicked my finger chopping carrots",
        "my jaw aches when i bite into an apple",
        "calves cramp at night since i started the pill",
        "calf cramp on the plane",
        "coughing a lot, had a blood test last week",
    ],
)
def test_ordinary_phrasings_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


def test_cramp_sign_no_longer_carries_the_wounds(kb: KnowledgeBase) -> None:
    cramp = kb.red_flags["cramp-urgent"]
    assert not any("wound" in sign for sign in cramp.signs)
    assert "cramp-urgent" not in warnings_of(kb, "stepped on a rusty nail")


def test_hard_to_breathe_alone_asks_for_the_breathing_signs_to_be_checked(
    kb: KnowledgeBase,
) -> None:
    from spasmguide.kb.ask import understand

    answer = understand(kb, "finding it hard to breathe")
    assert any(flag.id == "severe-breathing-difficulty" for flag, _ in answer.checks)
