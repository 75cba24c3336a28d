"""A limb "in a plaster" (a new, fresh or full one) is in a cast: with pain that keeps
getting worse, or a hand or foot that goes white, numb or tingling, it is the compartment
syndrome emergency; a sticking plaster on a cut names no cast."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import first_warning, warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "arm is in a new plaster, throbbing badly and my hand has gone white and tingly",
        "his leg was put in a plaster yesterday and the pain keeps getting worse",
        "wrist in a fresh plaster, fingers numb and the pain is much worse",
    ],
)
def test_a_limb_in_a_plaster_is_in_a_cast(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "compartment-syndrome", text


@pytest.mark.parametrize(
    "text",
    [
        "cut my finger and the plaster keeps falling off",
        "the plaster on my heel blister is rubbing",
        "put a plaster on the graze, it stings",
    ],
)
def test_a_sticking_plaster_is_no_cast(kb: KnowledgeBase, text: str) -> None:
    assert "compartment-syndrome" not in warnings_of(kb, text), text
