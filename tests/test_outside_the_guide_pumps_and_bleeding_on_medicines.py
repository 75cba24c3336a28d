"""Problems the guide does not cover (an answer stops before any technique and says so), a
baclofen pump's alarm and its early underdose signs, bleeding on quinine or during malaria,
a throat reaction after any anti-sickness medicine, and the words that must not raise them:
a stiff jaw that still opens, baclofen stopped years ago, sweating on an antidepressant with
no fever."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages.builders import ask_page
from tests.conftest import first_warning, invoke, render_to_string, warnings_of


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
        ("ran out of baclofen tablets yesterday, feel ok", "baclofen-stopped"),
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
        # Problems the guide does not cover, each to the tier its source gives.
        ("burnt my arm on the oven its blistered and bigger than my hand", "burn-serious"),
        ("chemical burn on my hand from oven cleaner", "burn-serious"),
        ("burnt my hand on a plug socket", "burn-serious"),
        ("i burnt my finger on the iron", "burn"),
        ("scalded myself with the kettle", "burn"),
        ("got an electric shock from a plug and now my arm is tingling", "electric-shock"),
        ("my son put his finger in a socket and got shocked", "electric-shock"),
        ("toddler drank some bleach", "swallowed-poison"),
        ("my son bit a washing capsule", "swallowed-poison"),
        ("carbon monoxide alarm going off and i have a headache", "carbon-monoxide"),
        ("whole family has headaches and feel sick when the boiler is on", "carbon-monoxide"),
        ("co alarm went off and my dad is confused", "carbon-monoxide-severe"),
        ("having withdrawal shakes and sweats after stopping booze", "alcohol-withdrawal"),
        ("stopped drinking 3 days ago and now seeing things", "alcohol-withdrawal-severe"),
        ("frostbite on my fingers theyre white and numb", "frostbite"),
        ("frostbite fingers hard and frozen", "frostbite-severe"),
        ("nan is ice cold and mumbling, we think its hypothermia", "hypothermia"),
        ("nose won't stop bleeding", "nosebleed-serious"),
        ("nosebleed for 20 minutes and still going", "nosebleed-serious"),
        ("my nose is bleeding", "nosebleed"),
        ("gout attack in my big toe", "gout"),
        ("got bleach in my eye", "eye-chemical"),
        ("bit of metal in my eye from grinding", "eye-injury-serious"),
        ("got hit in the eye with a ball, now seeing double", "eye-injury-serious"),
        ("eye red and painful and seeing halos", "acute-red-eye"),
        ("my eye is red and sore", "painful-red-eye"),
        ("sudden shower of floaters", "floaters-or-flashes"),
        ("shingles rash on my forehead near my eye", "shingles"),
        ("shingles and my vision has gone blurry", "shingles-eye"),
        ("muscle spasms after a burn on my leg", "possible-tetanus"),
        ("spilt boiling kettle water on my arm, big blisters", "burn-serious"),
        ("my little girl pulled a cup of hot tea over herself", "burn-at-risk"),
        ("hot tea spilled on my toddler", "burn-at-risk"),
        ("pregnant and burnt my arm on the oven", "burn-at-risk"),
        ("bleach splashed on my arm, it burns", "burn-serious"),
        ("caustic soda on my skin", "burn-serious"),
        ("chip pan fire, my face got burned and my voice is hoarse now", "burn-serious"),
        ("took some pills at a party now jaw clenching and overheating", "heatstroke"),
        ("took pills at a festival and feel really hot", "heatstroke"),
        ("so cold shivering stopped, speech slurred after night outside", "hypothermia"),
        ("found him outside very cold and confused", "hypothermia"),
        ("found cold and confused", "hypothermia"),
        ("wood chip flew in my eye and i cant see properly", "eye-injury-serious"),
        ("something went in my eye at work using a grinder", "eye-injury-serious"),
        ("i cant see out of one eye after being hit", "eye-injury-serious"),
        ("bitten by a tick on my leg", "tick-bite"),
        ("dental abscess", "tooth-pain-or-abscess"),
        ("got something in my eye", "eye-speck"),
        ("a piece of glass went in my eye", "eye-injury-serious"),
        ("something sharp went into my eye", "eye-injury-serious"),
        ("pencil stuck in his eye", "eye-injury-serious"),
        ("cement dust in my eye", "eye-injury-serious"),
        ("blood in my eye after being hit", "eye-injury-serious"),
        ("big toe suddenly swollen red cant put the sheet on it", "gout"),
        ("gout in my toe and i feel hot and shivery", "hot-swollen-joint"),
        ("stripy rash on one side of her back, agony", "shingles"),
        ("nose has been bleeding for 30 minutes", "nosebleed-serious"),
        ("nose pouring blood dizzy and faint", "nosebleed-serious"),
        ("back from africa with a fever", "fever-after-travel"),
        ("tonic water every night for cramps and now bruises", "quinine-bleeding"),
        ("my 3 year old pulled a cup of tea over his arm and its blistering", "burn-serious"),
        ("cup of tea spilt on my baby", "burn-at-risk"),
        ("my kid is burnt from the sun, hes 4", "sunburn-severe"),
        ("fell in cold river shivering uncontrollably and slurring words", "hypothermia"),
        ("my 70 year old mum spilt hot soup on her leg", "burn-at-risk"),
        ("my little boy grabbed a hot mug and burnt his hand", "burn-at-risk"),
        ("broke a tooth and jaw aching", "tooth-pain-or-abscess"),
        ("my son swallowed some of grandmas tablets", "medicine-overdose"),
        ("my 2 year old might have swallowed nans heart pills", "medicine-overdose"),
        ("my daughter has eaten a load of my paracetamol", "medicine-overdose"),
        ("od'd on my meds", "medicine-overdose"),
        ("drunk friend passed out and being sick", "alcohol-poisoning"),
        ("my dad drank too much and passed out on the floor", "alcohol-poisoning"),
        ("toddler pulled a cup of tea over himself", "burn-at-risk"),
        ("knocked out a tooth playing rugby", "tooth-pain-or-abscess"),
        ("toothache on the left side", "toothache"),
        ("knocked my front tooth out playing rugby", "tooth-pain-or-abscess"),
        ("broke my front tooth", "tooth-pain-or-abscess"),
        ("got hit in the face playing rugby and my front tooth came out", "tooth-pain-or-abscess"),
        ("spilt boiling kettle water on my arm, skin gone white and peeling", "burn-serious"),
        ("my son ate a button battery i think", "swallowed-battery-or-magnet"),
        ("child ate the battery from the remote", "swallowed-battery-or-magnet"),
        ("found my neighbour really cold shivering stopped and drowsy", "hypothermia"),
        ("found grandad cold and confused on the floor", "hypothermia"),
        ("toddler got into the dishwasher tablets", "swallowed-poison"),
        ("toddler bit into a washing pod", "swallowed-poison"),
        ("my baby has had diarrhoea and hasnt had a wet nappy all day", "child-dehydration"),
        ("got sunburn on my back", "sunburn"),
        ("bad sunburn with blisters and feeling sick", "sunburn-severe"),
        ("drank loads and now my muscles are twitching and sick blood", "vomiting-blood"),
        ("swallowed a bit of mouthwash", "swallowed-poison"),
        ("toothache throbbing", "toothache"),
        ("ice pack burn on my back", "frostbite"),
        ("headache and dizzy every time the gas fire is on, better when im out", "carbon-monoxide"),
        (
            "my husband collapsed in the garage with the car engine running",
            "carbon-monoxide-severe",
        ),
        (
            "stopped drinking 2 days ago after years of heavy drinking, shaky hands",
            "alcohol-withdrawal",
        ),
        ("the shakes in the morning until I have a drink", "alcohol-withdrawal"),
        ("stopped drinking and my heart is racing", "alcohol-withdrawal-severe"),
        ("hes got the dt's", "alcohol-withdrawal-severe"),
        ("i'm detoxing and seeing bugs on the walls", "alcohol-withdrawal-severe"),
        (
            "fingers went hard and white and numb after being out in the snow, now black blisters",
            "frostbite-severe",
        ),
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
        ("forgot my baclofen this morning", "baclofen-stopped"),
        ("my alarm went off and i got a calf cramp", "baclofen-pump-alarm"),
        ("started sertraline dose went up now twitching sweating", "serotonin-syndrome-severe"),
        ("electric shock pain down my leg", "electric-shock"),
        ("burning pain in my feet", "burn"),
        ("feel burnt out at work and neck is stiff", "burn"),
        ("food poisoning and cramps", "swallowed-poison"),
        ("migraine with flashing lights and zigzags", "floaters-or-flashes"),
        ("34 weeks pregnant flashing lights in my eyes", "floaters-or-flashes"),
        ("my baby has stopped drinking and is floppy", "alcohol-withdrawal-severe"),
        ("eyes are bloodshot from hay fever", "painful-red-eye"),
        ("a lump bigger than my hand on my back", "burn-serious"),
        ("my leg is cold and the skin is white", "burn-serious"),
        ("hives all over and face swelling", "face-swelling-dental"),
        ("got shocked by a tens machine", "electric-shock"),
        ("i feel like i've been poisoned by stress, neck knots", "cramp-urgent"),
        ("stinging nettle burn on my leg with a twitch", "possible-tetanus"),
        ("my back went into spasm when i sneezed", "back-other-serious-signs"),
        ("I was out cold all night after my shift, neck stiff", "hypothermia"),
        ("my nose keeps bleeding when the air is dry", "nosebleed-serious"),
        ("my baby has stopped drinking and is sweaty", "alcohol-withdrawal"),
        ("my eye feels scratchy after a long day at the screen", "eye-speck"),
        ("hungover red eyes and vomiting", "acute-red-eye"),
        ("had a nosebleed yesterday, today tummy bug and being sick", "nosebleed-serious"),
        ("had shingles last year still nerve pain", "shingles"),
        ("floaters for years unchanged", "floaters-or-flashes"),
        ("sore eyes from hay fever", "painful-red-eye"),
        ("lifting the kettle hurts my wrist", "burn"),
        ("got a shock when my back twinged", "electric-shock"),
        ("i ate the whole pizza and my back hurts", "swallowed-battery-or-magnet"),
        ("my 6 year olds tooth fell out today", "tooth-pain-or-abscess"),
        ("i passed out drunk and woke with a stiff neck", "alcohol-poisoning"),
        ("had a few drinks and my back hurts", "alcohol-poisoning"),
        ("my heart pills make my legs ache", "medicine-overdose"),
        ("cup of tea and a stretch for my back", "burn"),
        ("itchy scar from my baclofen pump", "baclofen-withdrawal"),
        ("bleeding gums", "nosebleed"),
        ("got hit by a car and my back hurts", "eye-blow"),
        ("blood in my eye this morning, no injury", "eye-injury-serious"),
    ],
)
def test_no_such_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert flag not in warnings_of(kb, text)


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("i burnt my finger on the iron", "burns and scalds"),
        ("my nose is bleeding", "nosebleeds"),
        ("gout attack in my big toe", "gout"),
    ],
)
def test_an_answer_about_what_the_guide_does_not_cover_offers_no_technique(
    kb: KnowledgeBase, text: str, outside: str
) -> None:
    # Even at the "see a doctor" tier, the answer stops before any technique and says why.
    page = ask_page(kb, understand(kb, text))
    assert page.data["stopped"] is True
    shown = render_to_string(page, 100)
    assert f"The guide does not cover {outside}" in shown
    assert "Suggested techniques" not in shown


def test_a_covered_see_a_doctor_sign_still_goes_on_to_the_page(kb: KnowledgeBase) -> None:
    text = "my calf cramps every night and i am on water tablets"
    page = ask_page(kb, understand(kb, text))
    assert page.data["stopped"] is False


def test_every_card_the_guide_does_not_cover_says_so_on_the_red_flags_page(
    kb: KnowledgeBase,
) -> None:
    outside = [flag for flag in kb.red_flags.values() if flag.not_covered]
    assert len(outside) >= 20
    shown = invoke("red-flags").stdout
    for flag in outside:
        assert f"Not covered by the guide: {flag.not_covered}" in " ".join(shown.split())


def test_a_head_injury_to_check_offers_no_technique(kb: KnowledgeBase) -> None:
    # None of the head injury's signs is read, so it is a check, not a warning: the answer
    # says what to look for, names no care for now, and offers no technique after it.
    text = "toddler bumped his head crying then fine and playing"
    understood = understand(kb, text)
    assert not understood.warnings
    assert [flag.id for flag, _ in understood.checks] == ["after-head-injury"]
    page = ask_page(kb, understood)
    assert page.data["stopped"] is True
    shown = " ".join(render_to_string(page, 100).split())
    assert "The guide does not cover head injuries" in shown
    assert "do what is named above." in shown
    assert "Suggested techniques" not in shown


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my 3 month old has a temperature of 38.5", "fever-baby-3-to-6-months"),
        ("my kid has growing pains in legs at night", "child-leg-pain-not-growing-pains"),
    ],
)
def test_the_sign_is_shown_to_check(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert flag in [found.id for found, _ in understand(kb, text).checks]
