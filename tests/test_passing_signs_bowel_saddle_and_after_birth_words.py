"""Signs said in further everyday words: a stroke sign that "went away" after minutes, words that
would not come out, a faint "for no reason" while exercising, a bowel or a numb saddle area in
plain words with back pain, a tight jaw after a puncture, a child's fit without a fever (the
seizure sign, not meningitis), calf pain in the weeks after a birth, a numb hand after a break,
sudden severe neck pain with vomiting, and pain low on the right of the tummy. Ordinary words
around them stay quiet."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my arm went numb for a few minutes then it went away", "possible-stroke"),
        ("numb face for a few minutes then it went away", "possible-stroke"),
        ("her speech went strange for a minute and then it was gone", "possible-stroke"),
        ("i couldn't get my words out this morning", "possible-stroke"),
        ("passed out for no reason while exercising", "collapsed-unconscious"),
        ("lower back pain cant control my poo", "cauda-equina"),
        ("sciatica and my willy feels numb", "cauda-equina"),
        ("back pain and my fanny feels numb", "cauda-equina"),
        ("puncture wound from garden fork and now my jaw is tight", "possible-tetanus"),
        ("my son is having a fit and its been going 6 minutes", "seizure-emergency"),
        ("sudden severe pain in back of neck and vomiting", "neck-emergency"),
        ("broke my arm and my hand is numb", "injured-limb-numb-or-cold"),
        ("pain in right lower tummy and fever and sick", "possible-appendicitis"),
    ],
)
def test_the_sign_leads_in_everyday_words(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


def test_a_childs_fit_without_a_fever_is_not_read_as_meningitis(kb: KnowledgeBase) -> None:
    raised = emergencies_raised(kb, "my son is having a fit and its been going 6 minutes")
    assert "possible-meningitis" not in raised
    assert "possible-meningitis" in emergencies_raised(
        kb, "my baby had a fit with a high temperature"
    )


@pytest.mark.parametrize(
    "text", ["2 weeks after c section calf pain", "gave birth last week and my calf is swollen"]
)
def test_calf_pain_in_the_weeks_after_a_birth_is_the_clot_sign(
    kb: KnowledgeBase, text: str
) -> None:
    assert "possible-dvt" in warnings_of(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my arm ached for a few minutes then it went away after stretching",
        "couldnt get my words out after 5 pints",
        "sudden severe neck pain after turning my head",
        "calf pain after running, gave birth 2 years ago",
        "bruises for no reason and my knee is stiff",
        "my right lower back aches after gardening",
        "pain in my right lower leg after running",
    ],
)
def test_ordinary_words_around_them_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert emergencies_raised(kb, text) == [], text
