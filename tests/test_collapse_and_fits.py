"""Emergencies of the whole person in everyday words: someone collapsed, unconscious or not
coming round, a faint the NHS sends to 999, a fit; a stroke's weakness down one side or signs
that lasted minutes; a child's headache, fever and meningitis signs in the words parents use.
Ordinary words that sound alike ("I'm fit", "collapsed into bed", a small bump) raise none."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from tests.conftest import first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("she fainted and hasnt woken up", "collapsed-unconscious"),
        ("he is unresponsive", "collapsed-unconscious"),
        ("my dad is unconscious", "collapsed-unconscious"),
        ("found my grandad on the floor not responding", "collapsed-unconscious"),
        ("my husband collapsed", "collapsed-unconscious"),
        ("my son fainted while playing football", "collapsed-unconscious"),
        ("heart pounding and i fainted", "collapsed-unconscious"),
        ("my husband is having a seizure and wont stop shaking", "seizure-emergency"),
        ("he's having a fit", "seizure-emergency"),
        ("seizure lasting more than 5 minutes", "seizure-emergency"),
        ("paralysed down one side", "possible-stroke"),
        ("my nan cant move her left side", "possible-stroke"),
        ("cant feel my right side", "possible-stroke"),
        ("my arm went weak for 5 mins yesterday", "possible-stroke"),
        ("my left hand and face went numb for 10 minutes", "possible-stroke"),
        ("everything went blurry and my arm is numb", "possible-stroke"),
        ("rash doesnt go when you roll a glass over it", "possible-meningitis"),
        ("headache stiff neck doesnt like the light", "possible-meningitis"),
        ("8 month old high pitched cry, blotchy skin, cold hands and feet", "possible-meningitis"),
        ("my 8 month old is floppy", "possible-meningitis"),
        ("my 8yo has a headache and is really sleepy", "headache-emergency"),
        ("my 6 year old has a headache and has been vomiting all night", "headache-emergency"),
        ("my head hurts and one pupil is bigger than the other", "headache-emergency"),
        ("mum (72) feels breathless and sick and sweaty, no pain", "chest-pain"),
        ("baby fell off changing table hit head, big lump", "after-head-injury"),
    ],
)
def test_everyday_words_open_with_the_emergency(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, warnings_of(kb, text)
    assert kb.red_flags[flag].urgency == "emergency"


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my 5 month old has a temp of 38.5 and isnt feeding", "fever-child-today"),
        ("my 3 yo temp 39.8 and is not drinking", "fever-child-today"),
        ("child headache neck pain and light hurts his eyes", "headache-same-day"),
        ("sudden headache during sex", "headache-same-day"),
    ],
)
def test_same_day_signs_in_everyday_words(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "I fainted when I had blood taken",
        "I blacked out for a second when I stood up too fast",
        "i passed out drunk last night and my neck is stiff",
        "collapsed into bed after a long shift, back aching",
        "my back collapsed on me lifting",
        "I'm fit and healthy but calves cramp",
        "he's fitting a new kitchen and his back hurts",
        "my daughter has epilepsy and had a seizure 2 years ago, now back pain",
        "sciatica down my left side",
        "left side of my back is sore",
        "my calf went numb for 5 mins after sitting",
        "my toddler has a cold and is off her food",
    ],
)
def test_ordinary_words_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    emergencies = [f.id for f, _ in understand(kb, text).warnings if f.urgency == "emergency"]
    assert not emergencies, text


def test_a_small_bump_on_a_babys_head_is_a_check_not_an_emergency(kb: KnowledgeBase) -> None:
    understood = understand(kb, "baby bumped head on cot, small lump, happy")
    assert not understood.warnings
    assert [flag.id for flag, _ in understood.checks] == ["after-head-injury"]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my dad is out cold on the kitchen floor", "collapsed-unconscious"),
        ("lying on the floor not moving", "collapsed-unconscious"),
        ("she's gone limp and isn't answering me", "collapsed-unconscious"),
        ("can't rouse him", "collapsed-unconscious"),
        ("grandad is slumped in his chair and wont answer", "collapsed-unconscious"),
        ("her smile is crooked all of a sudden", "possible-stroke"),
        ("is my dad having a stroke? his face looks weird", "possible-stroke"),
        ("baby rolled off the changing table and keeps vomiting", "after-head-injury"),
        ("my 1 yr old fell off the bed and isnt herself, wont stop crying", "after-head-injury"),
        ("my 6yo has a headache and now his eye is turning in", "headache-emergency"),
        ("headache and his eyes have gone crossed, he is 4", "headache-emergency"),
        ("my 6 yo has a headache and is holding his head tilted to one side", "headache-emergency"),
        ("my teen was tackled at rugby and now cant feel his arms", "neck-injury"),
        ("my baby keeps having pauses in her breathing", "not-breathing"),
        ("shes fitting", "seizure-emergency"),
    ],
)
def test_bystanders_and_parents_words_open_the_emergency(
    kb: KnowledgeBase, text: str, flag: str
) -> None:
    assert first_warning(kb, text) == flag, warnings_of(kb, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my 6 month old has a temp of 39.2", "fever-baby-3-to-6-months"),
        ("i had a mini stroke last week and didnt see anyone", "past-mini-stroke"),
        ("my 2 year old has a high temp and is shivering loads", "fever-child-today"),
    ],
)
def test_signs_for_a_doctor_today(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "I was out cold all night after my shift, neck stiff",
        "my son isn't answering his phone and my back hurts",
        "I can't smile without my jaw clicking",
        "hes fitting a new kitchen",
        "she is 5 foot 2 and her back hurts",
        "my husband has pauses in his breathing when he snores",
    ],
)
def test_words_that_only_sound_alike_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    emergencies = [f.id for f, _ in understand(kb, text).warnings if f.urgency == "emergency"]
    assert not emergencies, text


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("I hurt my back at work", "low-back"),
        ("hurt my back at work lifting boxes", "low-back"),
        ("i hurt my back from lifting", "low-back"),
        ("I hurt my back in the office moving a desk", "low-back"),
    ],
)
def test_the_back_said_before_at_work_or_from_is_the_back(
    kb: KnowledgeBase, text: str, region: str
) -> None:
    readings = understand(kb, text).readings
    assert readings and readings[0].region is not None and readings[0].region.id == region


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("mum cant lift her right arm, started 20 min ago", "possible-stroke"),
        ("grandad cant lift his arm and his face looks odd", "possible-stroke"),
        ("my left arm has gone dead and floppy", "possible-stroke"),
        ("sudden pain at back of head like being kicked", "headache-emergency"),
        ("my heart keeps skipping and i passed out", "collapsed-unconscious"),
        ("fainted while lying in bed", "collapsed-unconscious"),
        ("my 9 month old is burning up 40.2 and wont stop crying", "possible-meningitis"),
        ("confused and hot and stopped sweating", "heatstroke"),
        ("roofer in the heat, muscle cramps and now hes rambling", "heatstroke"),
        ("30 weeks pregnant, constant pain and some bleeding", "late-pregnancy-emergency"),
        ("36 weeks pregnant bump is hard and painful", "late-pregnancy-emergency"),
        ("bike handlebars went into my stomach, now i feel faint", "belly-after-major-trauma"),
        ("i think my appendix burst", "possible-burst-appendix"),
        ("jaw won't close after a punch", "jaw-injury"),
        ("jaw locked open after yawning and i cant shut it", "jaw-injury"),
    ],
)
def test_more_everyday_words_open_the_emergency(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "cant lift my arm above my head since yesterday, sore shoulder",
        "I can't lift my arm, frozen shoulder",
        "my baby won't stop crying, colic, no temperature",
        "i feel faint after standing up",
        "my tummy is hard and bloated after a big meal",
    ],
)
def test_more_ordinary_words_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    emergencies = [f.id for f, _ in understand(kb, text).warnings if f.urgency == "emergency"]
    assert not emergencies, text


@pytest.mark.parametrize(
    "text",
    ["30 weeks pregnant and my bump is hard and sore", "jaw stuck open after a yawn"],
)
def test_a_hard_painful_bump_late_on_and_a_jaw_stuck_open_are_emergencies(
    kb: KnowledgeBase, text: str
) -> None:
    emergencies = [f.id for f, _ in understand(kb, text).warnings if f.urgency == "emergency"]
    assert emergencies, text


@pytest.mark.parametrize(
    "text", ["back in the day I hurt my knee, it aches when cold", "my calf aches in the cold"]
)
def test_cold_weather_is_no_cold_limb(kb: KnowledgeBase, text: str) -> None:
    emergencies = [f.id for f, _ in understand(kb, text).warnings if f.urgency == "emergency"]
    assert not emergencies, text


@pytest.mark.parametrize(
    "text",
    [
        "fell on my hand and wrist looks bent the wrong way",
        "fell off my bike and my arm is at a funny angle",
        "bone sticking out of his leg",
        "ankle facing the wrong way after football",
    ],
)
def test_a_limb_out_of_shape_after_an_injury_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert first_warning(kb, text) == "possible-broken-limb", warnings_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "I sleep with my neck at a funny angle",
        "slept with my arm at a funny angle and it's numb",
        "my posture is bent out of shape from sitting",
        "deformed toenail hurts",
        "my toe looks bent and my bunion hurts",
    ],
)
def test_an_odd_angle_of_sleep_or_posture_is_no_break(kb: KnowledgeBase, text: str) -> None:
    assert "possible-broken-limb" not in warnings_of(kb, text), text
