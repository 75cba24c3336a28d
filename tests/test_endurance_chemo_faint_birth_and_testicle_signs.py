"""Warning signs read in everyday words: low blood salt after long endurance exercise, a fever
during cancer treatment, dread with sweating (heart attack), faints that keep happening,
feeling faint after a birth, and a testicle lump or an ache that has lasted days or weeks (not
a twist). Ordinary phrasings that sound alike stay quiet, and a sudden or severe testicle pain
still stops as a possible twist."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # low blood salt after long exercise, with or without heat
        ("my dad seems confused after finishing an ultra", "exercise-hyponatraemia"),
        ("collapsed at the end of the half marathon", "exercise-hyponatraemia"),
        ("she had a fit after a long hike", "exercise-hyponatraemia"),
        ("really drowsy after the triathlon", "exercise-hyponatraemia"),
        ("drank litres of water and now feel confused", "exercise-hyponatraemia"),
        ("ran a marathon and drank loads of water, now throwing up", "exercise-hyponatraemia"),
        (
            "drank at every water station in the race, marathon done, pounding headache",
            "exercise-hyponatraemia",
        ),
        # fever on cancer treatment
        ("i'm on chemo and running a temperature", "fever-during-cancer-treatment"),
        ("my wife is on chemotherapy and feels hot and shivery", "fever-during-cancer-treatment"),
        ("started radiotherapy last week and got the shivers", "fever-during-cancer-treatment"),
        ("temp of 38.4 two weeks after chemo", "fever-during-cancer-treatment"),
        ("on chemo and my temp is 37.8", "fever-during-cancer-treatment"),
        ("temperature 37.6 after my chemo yesterday", "fever-during-cancer-treatment"),
        # dread with sweating or sickness, no pain said
        ("sense of doom and clammy", "chest-pain"),
        ("overwhelming feeling of anxiety and sweating buckets", "chest-pain"),
        ("feel like i'm going to die and feel sick", "chest-pain"),
    ],
)
def test_emergency_signs(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag
    assert flag in emergencies_raised(kb, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("i keep blacking out", "faint-see-a-doctor"),
        ("my mum keeps fainting", "faint-see-a-doctor"),
        ("fainting a lot lately", "faint-see-a-doctor"),
        ("i keep passing out when i stand up", "faint-see-a-doctor"),
        ("passed out a few times this month", "faint-see-a-doctor"),
        ("had a baby yesterday and feel faint", "after-birth-bleeding-more"),
        ("gave birth last week and keep feeling dizzy", "after-birth-bleeding-more"),
        ("had my baby 4 days ago and feel lightheaded", "after-birth-bleeding-more"),
        ("lump on my testicle", "testicle-lump-or-lasting-ache"),
        ("found a small lump in my left ball", "testicle-lump-or-lasting-ache"),
        ("testicle pain and swelling for a few weeks, dull ache", "testicle-lump-or-lasting-ache"),
        ("dull ache in my testicles for a couple of weeks", "testicle-lump-or-lasting-ache"),
        ("my scrotum has been swollen for 3 weeks", "testicle-lump-or-lasting-ache"),
        ("one testicle feels heavy and achy on and off", "testicle-lump-or-lasting-ache"),
    ],
)
def test_signs_below_emergency(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag
    assert emergencies_raised(kb, text) == []


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # a faint said to keep happening still counts for the signs that need a faint
        ("tummy and back pain and I keep passing out", "aaa-rupture"),
        ("hit my head and keep blacking out", "after-head-injury"),
        ("i keep fainting when i exercise", "collapsed-unconscious"),
        ("had a baby 3 days ago, bleeding and feel faint", "after-birth-heavy-bleeding"),
        # a twist is still read when sudden, severe, in a boy, or with being sick
        ("sudden severe testicle pain", "testicular-torsion"),
        ("sudden severe testicle pain for two days", "testicular-torsion"),
        ("my 14 year old son has had a sore testicle for a week", "testicular-torsion"),
        ("testicle really painful and swollen", "testicular-torsion"),
        ("my testicle has ached for days and now i'm being sick", "testicular-torsion"),
    ],
)
def test_stronger_signs_still_lead(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag


@pytest.mark.parametrize(
    "text",
    [
        "headache after my marathon",
        "legs ache after the marathon",
        "calves sore after a long hike",
        "im confused about whether to stretch after my marathon",
        "drank lots of water after my run and still got cramp",
        "chemo made my hair fall out",
        "on chemo, no fever, just tired",
        "on chemo and my temp is 36.8",
        "my temp is 37.8 and my calf is tight",
        "baby temp 37.8",
        "feeling anxious and sweaty before my exam",
        "stitch in my side when i breathe in while running",
        "upper back spasm hurts when i take a deep breath",
        "i used to faint a lot as a teenager",
        "i fainted twice when i had blood taken years ago",
        "had a baby 6 weeks ago and my back aches",
        "sore nuts after cycling",
        "testicle feels a bit achy after cycling",
    ],
)
def test_ordinary_phrasings_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert emergencies_raised(kb, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "i used to faint a lot as a teenager",
        "i fainted once last year when giving blood",
        "chemo made my hair fall out",
        "headache after my marathon",
        "sore nuts after cycling",
    ],
)
def test_ordinary_phrasings_raise_no_new_sign(kb: KnowledgeBase, text: str) -> None:
    new = {
        "exercise-hyponatraemia",
        "fever-during-cancer-treatment",
        "faint-see-a-doctor",
        "testicle-lump-or-lasting-ache",
    }
    assert not new & set(warnings_of(kb, text))
