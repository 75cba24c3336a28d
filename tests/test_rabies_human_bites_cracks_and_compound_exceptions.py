"""A bite, scratch or lick from an animal abroad, or any bat, is the same-day rabies sign; a bite
by a person or an animal said in loose words is a bite; a crack heard at an injury is the
broken-bone sign; a fresh cut with a finger that will not move is for the emergency department,
not the tetanus warning; and a compound concept is not read beside one of its `unless`
concepts, as a phrase is not."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.reading import read
from tests.conftest import first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("a stray dog bit me in bali, scared of rabies", "bite-rabies-risk"),
        ("got scratched by a monkey while travelling", "bite-rabies-risk"),
        ("found a bat in the bedroom this morning", "bite-rabies-risk"),
        ("my toddler got bitten by another kid and it bled", "bite-needs-checking"),
        ("my brother bit me during a fight, skin broken", "bite-needs-checking"),
        ("split my knuckle on his teeth in a fight", "bite-needs-checking"),
        ("fell off my bike and heard a crack in my wrist", "possible-broken-bone"),
        ("my 12 year old has pain in his groin and keeps vomiting", "testicular-torsion"),
        ("pounding heart and I feel like I might pass out", "palpitations-with-symptoms"),
        ("sliced my finger on a knife and now it won't move", "wound-large-or-deep"),
        ("cut my thumb on a tin and it's gone numb", "wound-large-or-deep"),
        ("sudden thunder clap headache", "headache-emergency"),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my daughter bit her nails and her jaw aches", "bite-needs-checking"),
        ("my son bit his tongue at dinner", "bite-needs-checking"),
        ("calf cramps every night and I'm on the pill", "possible-dvt"),
        ("stepped on a nail a week ago and now my jaw is stiff", "wound-large-or-deep"),
    ],
)
def test_not_read_as(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert flag not in warnings_of(kb, text), text


def test_a_compound_is_not_read_beside_its_exception(kb: KnowledgeBase) -> None:
    bitten_nails = read(kb, "my son bit his nails")
    assert "bite-loose" not in bitten_nails.present
    bitten = read(kb, "my son bit me")
    assert "bite-loose" in bitten.present
