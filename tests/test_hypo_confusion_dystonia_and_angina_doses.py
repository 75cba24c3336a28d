"""Low blood sugar in someone with diabetes, sudden confusion or being hard to wake, an
anti-sickness medicine's twisting spasm, angina still there after a second dose however the
dose is named, blood still being vomited, a limp that is a walk and not a floppy body, a fit
with trouble breathing, face swelling before 20 weeks of pregnancy, and the words that must
not raise these signs."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.queries import rank_techniques
from tests.conftest import checks_of, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("im diabetic and shaky sweaty and confused", "low-blood-sugar"),
        ("my dad is on insulin and he's confused", "low-blood-sugar"),
        ("i think im having a hypo", "low-blood-sugar"),
        ("type 1 diabetic and my mum is slurring her words", "low-blood-sugar"),
        ("my elderly dad is hard to wake", "sudden-confusion"),
        ("dad is delirious", "sudden-confusion"),
        ("my mum has suddenly become confused", "sudden-confusion"),
        ("grandad is confused and very drowsy", "sudden-confusion"),
        ("my dad is confused and keeps falling over hes 84", "confusion-older-person"),
        ("my nan is very drowsy and on water tablets", "sudden-confusion"),
        ("my 85 year old mum is very drowsy", "sudden-confusion"),
        ("mum woke up confused", "sudden-confusion"),
        ("my dad has been confused since yesterday", "sudden-confusion"),
        ("my son has diabetes and is acting drunk", "low-blood-sugar"),
        ("after metoclopramide my jaw is clenched and I can't swallow", "medicine-throat-reaction"),
        ("took prochlorperazine and my tongue is pushing out", "antipsychotic-dystonia"),
        ("vomited blood three times today", "vomiting-blood-unwell"),
        ("threw up blood twice and I'm still being sick", "vomiting-blood-unwell"),
        (
            "took an anti sickness tablet and now my neck is twisted and my eyes keep rolling up",
            "antipsychotic-dystonia",
        ),
        (
            "had metoclopramide in hospital and now my neck is pulling to one side",
            "antipsychotic-dystonia",
        ),
        (
            "took prochlorperazine for dizziness and my jaw is clenched and tongue sticking out",
            "antipsychotic-dystonia",
        ),
        ("I have angina and the pain is still there after a second dose of GTN", "chest-pain"),
        ("angina pain not going after 2 doses of my nitro tablets", "chest-pain"),
        ("I have angina, two puffs of my spray and the pain is still there", "chest-pain"),
        ("angina, still got pain after 2nd spray", "chest-pain"),
        ("im throwing up blood right now", "vomiting-blood-unwell"),
        ("threw up blood earlier, it's stopped now", "vomiting-blood"),
        ("vomiting blood but it has stopped now", "vomiting-blood"),
        ("child limping with a fever wont put weight on leg", "child-limp"),
        ("my son has a limp and a temperature", "child-limp"),
        ("my baby has gone limp", "possible-meningitis"),
        (
            "cant breathe properly after a seizure hes still fitting 6 minutes now",
            "seizure-emergency",
        ),
        ("pregnant and having a fit", "pregnancy-seizure"),
        ("my son had a fit after falling off the swing", "after-head-injury"),
        ("I'm 12 weeks pregnant and my face has swollen up", "face-swelling-dental"),
        ("I'm 32 weeks pregnant and my face has swollen up", "possible-pre-eclampsia"),
        ("gave birth 2 weeks ago and my face is swollen", "possible-pre-eclampsia"),
        ("blood from my bottom and I'm cold and clammy", "bottom-bleeding-heavy"),
        ("black poo and breathing fast", "bottom-bleeding-heavy"),
        ("chest pian going into my jaw", "chest-pain"),
        ("chestpain and sweating", "chest-pain"),
        ("cant feel my lges", "cauda-equina"),
        ("cnt feel my legs", "cauda-equina"),
        ("i cant feel my feet or legs", "cauda-equina"),
        ("cellulitis on my leg and now im shivering", "wound-infection-with-fever"),
        ("swollen red hot ankle with a high temperature", "hot-swollen-joint"),
        ("red hot swollen calf and a temperature", "wound-infection-with-fever"),
        ("my mums leg is red and hot and shes confused", "wound-infection-with-fever"),
        ("hot swollen wrist and a fever", "hot-swollen-joint"),
        ("hot swollen elbow and feel feverish", "hot-swollen-joint"),
        ("my shoulder joint is hot and swollen and i have a temperature", "hot-swollen-joint"),
        ("on lithium and shaky and keep being sick", "lithium-toxicity"),
        (
            "I'm having a panic attack, my lips are tingling and my hands have cramped up",
            "panic-tingling",
        ),
        ("I hyperventilated and my hands went into a claw and my lips went numb", "panic-tingling"),
        ("had my thyroid out two days ago and my lips are tingling", "cramps-with-tingling-lips"),
        ("cramps in my hands and tingling round my mouth", "cramps-with-tingling-lips"),
        (
            "panic attack after my thyroid operation, lips tingling and hands cramping",
            "cramps-with-tingling-lips",
        ),
        ("my son has had a limp for 3 days with leg pain", "child-limp"),
        ("my daughter limps, it has been a week", "child-limp"),
        ("took an anti sickness tablet and my throat feels tight", "medicine-throat-reaction"),
        ("after metoclopramide I can't swallow", "medicine-throat-reaction"),
        ("my 80 year old dad is drowsier than usual", "confusion-older-person"),
        ("tingling in feet spreading up to my hands over 2 days", "legs-weakening-fast"),
        ("pain in my side and a fever", "kidney-pain-with-fever-or-blood"),
        ("hearing voices telling me to hurt myself", "suicidal-thoughts-or-self-harm"),
        ("sprained ankle cant put any weight on it", "possible-broken-bone"),
        ("rolled my ankle cant walk 4 steps and the bone is tender", "possible-broken-bone"),
        (
            "ran out of my baclofen pump refill and my spasms are much worse and I have a fever",
            "baclofen-withdrawal",
        ),
        ("stopped my baclofen tablets 3 days ago and now seeing things", "baclofen-withdrawal"),
        (
            "panic attack lips tingling hands cramped and noisy breathing",
            "cramps-with-tingling-lips",
        ),
        (
            "I have hypoparathyroidism, hands cramping, lips tingling, I think it's a panic attack",
            "cramps-with-tingling-lips",
        ),
        ("baclofen pump ran out", "baclofen-withdrawal"),
        ("my baclofen pump stopped working and I have a temperature", "baclofen-withdrawal"),
        ("stopped baclofen yesterday, spasms much worse", "baclofen-withdrawal"),
        ("my baclofen was reduced and I have a high fever", "baclofen-withdrawal"),
        ("sudden severe pain in my wrist and a high temperature", "hot-swollen-joint"),
        (
            "panic attack, lips tingling, hands cramping and it has lasted an hour",
            "cramps-with-tingling-lips",
        ),
        ("panic attack lips tingling hands cramped and I fainted", "cramps-with-tingling-lips"),
        (
            "my calf 'cramp' won't stop, the leg has gone cold and white and I can't feel my toes",
            "leg-circulation-emergency",
        ),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, warnings_of(kb, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("feel a bit drowsy after my muscle relaxant", "sudden-confusion"),
        ("I'm 70 and get drowsy after lunch", "confusion-older-person"),
        ("confused about which stretch to do for my neck", "confusion-older-person"),
        ("type 2 diabetic with calf cramps at night", "low-blood-sugar"),
        ("toddler limping", "possible-meningitis"),
        ("my angina comes on when I walk uphill and goes with rest", "chest-pain"),
        ("used my asthma inhaler twice and still wheezy", "chest-pain"),
        ("I have angina and my calf cramp is still there", "chest-pain"),
        ("I have angina and my headache is still there", "chest-pain"),
        ("I'm confused today about which stretch", "sudden-confusion"),
        ("I clench my jaw at night", "antipsychotic-dystonia"),
        ("blood in my poo and I'm sweating, it's a hot day", "bottom-bleeding-heavy"),
        ("16 weeks pregnant and feet swollen", "possible-pre-eclampsia"),
        ("sitting on my tablet all day, neck stiff", "antipsychotic-dystonia"),
        (
            "I'm on olanzapine and have had trouble swallowing for months",
            "medicine-throat-reaction",
        ),
        ("numbness spreading up my left leg", "legs-weakening-fast"),
        ("sprained my ankle, it's hot and swollen", "hot-swollen-joint"),
        ("sprained my ankle, it's hot and swollen", "wound-infection-with-fever"),
        ("my face is red and hot and I have a fever", "hot-swollen-joint"),
        ("my face is red and hot and I have a fever", "wound-infection-with-fever"),
        ("my knee is swollen after football", "hot-swollen-joint"),
        ("my knee is swollen after football", "wound-infection-with-fever"),
    ],
)
def test_no_such_sign(kb: KnowledgeBase, text: str, absent: str) -> None:
    assert absent not in warnings_of(kb, text) + checks_of(kb, text), text


def test_a_full_stomach_is_no_overuse(kb: KnowledgeBase) -> None:
    from spasmguide.kb.ask import understand

    readings = understand(kb, "mild stomach cramps after eating too much").readings
    assert all(r.cause is None or r.cause.id != "overuse" for r in readings)


def test_a_medicine_tablet_is_no_posture(kb: KnowledgeBase) -> None:
    from spasmguide.kb.ask import understand

    readings = understand(kb, "took a tablet for my headache and my neck is stiff").readings
    assert all(r.cause is None or r.cause.id != "posture" for r in readings)


def test_an_ungraded_review_is_shown_as_ungraded_not_as_none(kb: KnowledgeBase) -> None:
    ranked = rank_techniques(kb, [kb.regions["head"]])
    acupuncture = next(item for item in ranked if item.technique.id == "traditional-acupuncture")
    certainty = acupuncture.basis.certainty
    assert certainty.level == 0
    assert certainty.label.startswith("not graded")
    assert certainty.entry is not None and certainty.entry.id == "cochrane-tension-headache"


def test_the_heart_card_gives_the_aspirin_step_with_its_limits(kb: KnowledgeBase) -> None:
    action = " ".join((kb.red_flags["chest-pain"].action or "").split())
    assert "300 mg" in action and "not allergic" in action
    assert "tearing" in action  # not for a possible torn aorta


def test_the_hypo_card_never_puts_food_in_a_mouth_that_cannot_swallow(kb: KnowledgeBase) -> None:
    flag = kb.red_flags["low-blood-sugar"]
    text = " ".join(((flag.first_step or "") + " " + (flag.action or "")).split())
    assert "can swallow" in text and "nothing by mouth" in text
    assert "Never give insulin" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my 7 year old has growing pains in one leg only and limps in the day", True),
        ("my daughter has pain in her left leg and is limping", False),
        ("my son gets growing pains in his legs at night", False),
    ],
)
def test_leg_pain_unlike_growing_pains_sends_a_child_to_a_doctor(
    kb: KnowledgeBase, text: str, expected: bool
) -> None:
    assert ("child-leg-pain-not-growing-pains" in warnings_of(kb, text)) is expected, text


def test_words_run_together_show_no_empty_word(kb: KnowledgeBase) -> None:
    from spasmguide.kb.ask import understand

    for _, words in understand(kb, "chestpain and sweating").warnings:
        assert all(words), words


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("blood sugar 2.8", True),
        ("my sugar is 3.1 and im shaky", True),
        ("glucose 55 mg/dl", True),
        ("blood sugar was 3 this morning", True),
        ("my sugar levels are 6", False),
        ("bm of 12 and thirsty", False),
        ("glucose 90 mg/dl after breakfast", False),
        ("reading 3 pages hurt my neck", False),
        ("I do 3 sets of 12 reps", False),
    ],
)
def test_a_low_sugar_reading_is_read_as_a_hypo(kb: KnowledgeBase, text: str, low: bool) -> None:
    assert ("low-blood-sugar" in warnings_of(kb, text)) is low, text


def test_flu_aches_are_no_joint_infection(kb: KnowledgeBase) -> None:
    assert "hot-swollen-joint" not in warnings_of(kb, "a cold and a temperature and my joints ache")


@pytest.mark.parametrize(
    "text",
    ["I take baclofen for spasms in my legs", "stitch in my side when running"],
)
def test_ordinary_words_stay_quiet(kb: KnowledgeBase, text: str) -> None:
    assert warnings_of(kb, text) == [], text


@pytest.mark.parametrize(
    ("text", "raised"),
    [
        ("I take quinine for cramps and I'm bruising easily", True),
        ("on quinine and getting nosebleeds", True),
        ("quinine helps my night cramps", False),
    ],
)
def test_bleeding_on_quinine_stops_it(kb: KnowledgeBase, text: str, raised: bool) -> None:
    assert ("quinine-bleeding" in warnings_of(kb, text)) is raised, text


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("I stopped taking my baclofen and my legs are much stiffer", "baclofen-withdrawal"),
        ("my elbow is really painful and I have a fever", "hot-swollen-joint"),
        ("My feet are going numb and it's spreading up to my knees", "legs-weakening-fast"),
        ("pins and needles in my feet creeping up to my knees", "legs-weakening-fast"),
        ("Started risperidone last week and now I struggle to swallow", "medicine-throat-reaction"),
        ("took prochlorperazine and now I can't talk properly", "medicine-throat-reaction"),
    ],
)
def test_a_final_reader_s_words_open_their_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert flag in warnings_of(kb, text), warnings_of(kb, text)


def test_bleeding_during_malaria_treatment_is_an_emergency(kb: KnowledgeBase) -> None:
    text = "I take quinine for malaria and my gums are bleeding"
    assert first_warning(kb, text) == "malaria-bleeding"
    assert kb.red_flags["malaria-bleeding"].urgency == "emergency"
    assert "keep taking" not in (kb.red_flags["quinine-bleeding"].first_step or "")


def test_the_throat_card_uses_an_auto_injector_unless_an_allergy_is_ruled_out(
    kb: KnowledgeBase,
) -> None:
    first_step = kb.red_flags["medicine-throat-reaction"].first_step or ""
    assert "unless you are sure this is not an allergic reaction" in first_step
    assert "no rash" in first_step


def test_a_stopped_baclofen_pump_is_the_withdrawal_emergency(kb: KnowledgeBase) -> None:
    assert "baclofen-withdrawal" in warnings_of(kb, "my baclofen pump has stopped working")


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # A new, longer phrase must not hide what its words already said.
        ("my jaw is so stiff after a cut on my foot", "possible-tetanus"),
        ("headache and still vomiting", "headache-same-day"),
        ("vomiting blood and very drowsy", "vomiting-blood-unwell"),
        ("crushing chest pain, cold and clammy", "chest-pain"),
    ],
)
def test_new_phrases_keep_what_their_words_said_before(
    kb: KnowledgeBase, text: str, flag: str
) -> None:
    assert first_warning(kb, text) == flag, warnings_of(kb, text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("I ran out to the car and my calf cramped", "running"),
        ("my jaw is clenched all day from stress", "clenching"),
        ("had a thyroid operation last week", "clot-risk-named"),
        ("my blood sugar is low", "diabetes"),
        ("a skin infection on my arm", "infection"),
        ("very drowsy", "confusion"),
    ],
)
def test_new_phrases_keep_the_older_concepts(kb: KnowledgeBase, text: str, concept: str) -> None:
    from spasmguide.kb.reading import read

    assert concept in read(kb, text).present, text
