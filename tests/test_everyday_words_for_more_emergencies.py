"""Everyday wordings of emergencies the guide already names: low salt after drinking a lot in
a race; fingers or toes white, purple or swollen in a cast; a racing heart then a faint; the
worst pain ever in the head; a headache in the weeks after a birth (pre-eclampsia); a
swallowed button battery or magnet; bleeding that will not stop. Ordinary phrasings beside
them stay quiet."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        (
            "drank far too much water in the race and now I keep being sick",
            "exercise-hyponatraemia",
        ),
        ("my wrist is in plaster and the fingers have gone white", "compartment-syndrome"),
        ("toes are purple and swollen in his cast", "compartment-syndrome"),
        ("my heart was racing and then I passed out", "collapsed-unconscious"),
        ("worst pain in my head I've ever had, came on in the shower", "headache-emergency"),
        ("feels like my head is exploding", "headache-emergency"),
        (
            "had a baby last week and now a bad headache and blurred vision",
            "possible-pre-eclampsia",
        ),
        ("my 2 year old swallowed a button battery", "swallowed-battery-or-magnet"),
        ("I think she swallowed some magnets", "swallowed-battery-or-magnet"),
        ("can't stop the bleeding from a cut on my hand", "bleeding-wont-stop"),
        ("blood is spurting from the cut on his leg", "bleeding-wont-stop"),
    ],
)
def test_everyday_words_reach_the_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert flag in warnings_of(kb, text)[:2], text


@pytest.mark.parametrize(
    "text",
    [
        "I need a new watch battery",
        "race day tomorrow and my calves cramp",
        "my plaster cast comes off next week",
        "my heart races when I drink coffee",
        "cut my finger, it stopped bleeding after a minute",
    ],
)
def test_ordinary_phrasings_stay_quiet(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
