"""A swollen throat with drooling and no allergy named is the sitting-up airway sign, not the
lying-flat allergy one; a twisted testicle or torsion named is the emergency it is; a fear
said as "think it's ..." counts as fear; a child's stiff neck with sleepiness is the
meningitis sign; a lip swollen from biting it is no allergic swelling, while puffy lips are."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("throat swollen and drooling", "throat-swelling-airway"),
        ("he is drooling and his throat looks really swollen", "throat-swelling-airway"),
        ("can't swallow my own spit, throat is swollen", "throat-swelling-airway"),
        ("my throat is swelling up after eating peanuts and im drooling", "anaphylaxis"),
        ("throat swelling after a wasp sting and drooling", "anaphylaxis"),
        ("my throat is swelling up", "anaphylaxis"),
        ("i think my testicle is twisted", "testicular-torsion"),
        ("twisted testicle", "testicular-torsion"),
        ("worried it's testicular torsion", "testicular-torsion"),
        ("think i've got torsion", "testicular-torsion"),
        ("torsion, groin pain on the left", "testicular-torsion"),
        ("think its meningitis", "possible-meningitis"),
        ("think it's sepsis", "possible-meningitis"),
        ("my son's neck is stiff and he is sleepy", "possible-meningitis"),
        ("our little girl has a stiff neck and seems really drowsy", "possible-meningitis"),
        ("my lips went puffy after new blood pressure tablets", "lip-swelling"),
        ("my bottom lip is swollen", "lip-swelling"),
        ("lip swollen, i think something bit it", "lip-swelling"),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my lip is swollen after i bit it", "lip-swelling"),
        ("bit my bottom lip eating and it's swollen", "lip-swelling"),
        ("my lip is swollen where i bit it yesterday", "lip-swelling"),
        ("ovarian torsion", "testicular-torsion"),
        ("tibial torsion in my toddler and calf cramps", "testicular-torsion"),
        ("had a twisted testicle years ago, now calf cramps", "testicular-torsion"),
        ("my neck is stiff and i'm sleepy after a long drive", "possible-meningitis"),
        ("i think its just a cramp in my calf", "possible-meningitis"),
    ],
)
def test_not_read_as(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert flag not in warnings_of(kb, text), text
