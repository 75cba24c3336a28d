"""Warning signs said the way people say them: the back, leg, wound, heart, eye, hernia and
diabetic-foot signs are read from everyday words ("peed himself without noticing", "a curtain
came over my eye", "clutching his chest"), and a sore chest from press-ups is no heart attack.

Each phrasing here is written for this test; the signs and their tiers come from the sources
each warning names (NICE CKS low back pain, NHS back pain, heart attack, DVT and pulmonary
embolism, leg cramps, tetanus, hernia, compartment syndrome; nidirect and Versus Arthritis on
giant cell arteritis; Mayo Clinic on hernia; NICE NG19 and Diabetes UK on the diabetic foot).
"""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import URGENCY_ORDER, KnowledgeBase, Urgency


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return load_knowledge_base()


def warning_ids(kb: KnowledgeBase, text: str) -> list[str]:
    """The ids of the signs an answer to `text` shows, the first shown first."""
    return [flag.id for flag, _ in understand(kb, text).warnings]


def first_urgency(kb: KnowledgeBase, text: str) -> Urgency | None:
    """The urgency of the sign an answer to `text` stops on, or None for no sign."""
    warnings = understand(kb, text).warnings
    return warnings[0][0].urgency if warnings else None


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        # New incontinence, said of anyone and "without noticing", with back pain.
        (
            "my dad's had low back pain for days and he peed himself without noticing",
            "cauda-equina",
        ),
        ("bad back all week and now she keeps wetting herself", "cauda-equina"),
        # Legs like lead, or that stop working, with back pain.
        ("back's been terrible since Friday and my legs feel like lead", "cauda-equina"),
        ("slipped disc and today my legs aren't working properly", "cauda-equina"),
        # A foot that drags, flops or catches (foot drop).
        ("since my back went I keep catching my toes on the stairs", "cauda-equina"),
        ("sciatica down my left side and I've started dragging my foot", "cauda-equina"),
        # A road collision with back pain.
        (
            "got shunted at the lights an hour ago and my lower back has gone into spasm",
            "back-major-trauma",
        ),
        ("someone drove into the back of us at 40mph, my back is killing me", "back-major-trauma"),
        # The heart: clutching the chest, a sense of doom, back and shoulder pain with sickness.
        ("my uncle was clutching his chest at dinner and then slumped over", "chest-pain"),
        (
            "I'm 61, ache across my upper back and shoulders, I feel sick and like"
            " something awful is happening",
            "chest-pain",
        ),
        # A curtain or shadow over one eye with a temple headache.
        (
            "sore temples for days and this morning a grey curtain came over her left eye",
            "gca-vision",
        ),
        # A groin lump gone red, purple or dark, or whose pain keeps getting worse.
        ("my hernia has turned a purplish colour", "strangulated-hernia"),
        ("pain in my groin, and the bulge there has gone dark red", "strangulated-hernia"),
        # Fainting with a swollen leg.
        ("her calf has been swollen for days and she collapsed in the kitchen", "possible-pe"),
        # Spasms after a wound or burn with muck in it.
        (
            "cut my hand in the cowshed and muck got in it, now my jaw keeps going into spasm",
            "possible-tetanus",
        ),
    ],
)
def test_emergency_signs_said_in_everyday_words(
    shipped: KnowledgeBase, text: str, flag_id: str
) -> None:
    assert flag_id in warning_ids(shipped, text), (text, warning_ids(shipped, text))
    assert first_urgency(shipped, text) == "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "a van hit me on my bike and my shin is rock hard, the pain is unreal",
        "car hit him at the crossing, his calf has gone tense and shiny",
    ],
)
def test_a_limb_swollen_tight_after_a_road_accident_is_an_emergency(
    shipped: KnowledgeBase, text: str
) -> None:
    # NHS compartment syndrome: severe pain and tight swelling after an injury such as a crash.
    assert "compartment-syndrome" in warning_ids(shipped, text), text
    assert first_urgency(shipped, text) == "emergency", text


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        # NHS back pain: a lump on the back, pain rest does not ease, pain worse on coughing.
        ("there's a bump on my spine that aches", "back-other-serious-signs"),
        ("middle back pain for weeks and resting doesn't help at all", "back-other-serious-signs"),
        ("my lower back hurts much more every time I cough", "back-other-serious-signs"),
        ("lost a couple of stone this year and my back aches all the time", "back-possible-cancer"),
        # NHS DVT: a vein that is hard or sore; red or darkened skin.
        ("there's a vein behind my knee that feels hard", "possible-dvt"),
        ("sore calf and the skin over it looks dusky", "possible-dvt"),
        # NHS leg cramps: a cramp of more than ten minutes; cramps after something toxic.
        ("my calf cramp has been going for twenty minutes", "cramp-urgent"),
        ("my calf cramp lasted longer than 10 minutes", "cramp-urgent"),
        ("sprayed pesticide on the allotment and now my legs keep cramping", "cramp-urgent"),
        # NHS tetanus: dirt in a wound, something stuck in it, unsure of vaccinations.
        ("cut my hand on a garden fork and soil got in it", "wound-tetanus-risk"),
        ("a splinter went into my palm and I can't get it out", "wound-large-or-deep"),
        ("gashed my shin on a rusty gate and I'm not sure about tetanus", "wound-large-or-deep"),
        # Versus Arthritis: pain in the tongue on chewing or talking in giant cell arteritis.
        ("I'm 70 and the side of my tongue aches whenever I chew", "giant-cell-arteritis"),
        # NICE NG19 / Diabetes UK: a break in the skin, pus, a colour change of the foot.
        ("diabetic and there's a crack in the skin on my foot", "diabetic-foot-problem"),
        ("I have diabetes and my toenail is oozing", "diabetic-foot-problem"),
        ("type 2 diabetes, two of my toes have gone bluish", "diabetic-foot-problem"),
    ],
)
def test_same_day_signs_said_in_everyday_words(
    shipped: KnowledgeBase, text: str, flag_id: str
) -> None:
    assert flag_id in warning_ids(shipped, text), (text, warning_ids(shipped, text))
    urgency = first_urgency(shipped, text)
    assert urgency is not None and URGENCY_ORDER[urgency] <= URGENCY_ORDER["urgent"], text


@pytest.mark.parametrize(
    "text",
    [
        "did loads of press ups yesterday and my chest is sore when I press on it",
        "pec feels sore after bench press, hurts when I push on it",
    ],
)
def test_a_chest_sore_from_a_worked_muscle_is_no_heart_warning(
    shipped: KnowledgeBase, text: str
) -> None:
    assert "chest-pain" not in warning_ids(shipped, text), text


def test_a_worked_chest_with_breathlessness_is_still_an_emergency(shipped: KnowledgeBase) -> None:
    text = "chest sore after press ups and now I'm short of breath and sweating"
    assert first_urgency(shipped, text) == "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "sciatica flares and shoots down my leg when I sneeze",
        "calf cramp last night, gone now",
        "no sense of doom, just stiff shoulders from the gym",
        "my back went into spasm when I bent over to tie my shoe",
        "my back is stiff in the morning and resting doesn't help",
        "I'm 55, my shoulders ache and I felt sick on the boat trip",
    ],
)
def test_everyday_back_and_leg_stories_raise_no_same_day_sign(
    shipped: KnowledgeBase, text: str
) -> None:
    urgency = first_urgency(shipped, text)
    assert urgency is None or URGENCY_ORDER[urgency] > URGENCY_ORDER["urgent"], (
        text,
        warning_ids(shipped, text),
    )


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("he wet himself without realising and his legs are weak", "weakness"),
        ("she went numb without noticing and her legs gave way", "weakness"),
    ],
)
def test_without_noticing_denies_nothing_after_it(
    shipped: KnowledgeBase, text: str, concept: str
) -> None:
    from spasmguide.kb.reading import read

    assert read(shipped, text).present.get(concept), text
