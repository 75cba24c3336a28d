"""Problems the guide does not cover (an answer stops before any technique and says so), a
baclofen pump's alarm and its early underdose signs, bleeding on quinine or during malaria,
a throat reaction after any anti-sickness medicine, and the words that must not raise them:
a stiff jaw that still opens, baclofen stopped years ago, sweating on an antidepressant with
no fever."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my dad takes quinine and his gums keep bleeding", "quinine-bleeding"),
        ("quinnine cramps tablets and blood in my pee", "quinine-bleeding"),
        ("quinine and blood in my urine", "quinine-bleeding"),
        ("on quinine and my nose keeps bleeding", "quinine-bleeding"),
        ("on quinine tablets for malaria, nose bleeding wont stop", "malaria-bleeding"),
        ("being treated for malaria and my gums are bleeding", "malaria-bleeding"),
        ("my husbands itb pump alarm went off, hes itchy and tingly", "baclofen-withdrawal"),
        ("his baclofen pump is alarming", "baclofen-pump-alarm"),
        ("intrathecal baclofen pump beeping", "baclofen-pump-alarm"),
        ("itb pump alarm", "baclofen-pump-alarm"),
        ("baclofen pump empty and hes burning up", "baclofen-withdrawal"),
        ("stopped baclofen last week and my legs are so stiff", "baclofen-withdrawal"),
        ("my baclofen pump was put in years ago and it has stopped working", "baclofen-withdrawal"),
        (
            "had cyclizine in hospital and now my throat is tight and my voice is hoarse",
            "medicine-throat-reaction",
        ),
        (
            "started sertraline dose went up now twitching sweating and shaking",
            "serotonin-syndrome",
        ),
        ("on sertraline and tramadol, high temperature and twitching", "serotonin-syndrome-severe"),
        ("my jaw is locked and i cant open my mouth", "jaw-locking"),
        ("my jaw is so stiff after a cut on my foot", "possible-tetanus"),
    ],
)
def test_the_sign_leads(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("stiff jaw in the morning from grinding teeth", "jaw-locking"),
        ("stopped baclofen two years ago, neck a bit stiff", "baclofen-withdrawal"),
        ("i stopped my baclofen years ago and my back is stiff", "baclofen-withdrawal"),
        ("on malaria tablets for my holiday and had a nosebleed", "malaria-bleeding"),
        ("my itb is tight and tingly after running", "baclofen-withdrawal"),
        ("my alarm went off and i got a calf cramp", "baclofen-pump-alarm"),
        ("started sertraline dose went up now twitching sweating", "serotonin-syndrome-severe"),
    ],
)
def test_no_such_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert flag not in warnings_of(kb, text)
