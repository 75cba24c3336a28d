"""An overdose said as a number of tablets ("took 20 paracetamol") or in loose words opens the
crisis sign; a wound with a fever, far more painful than expected or with dark blotches is an
emergency (NHS cellulitis; NHS necrotising fasciitis), an infected-looking one same-day; an
antidepressant with twitching and sweating is serotonin syndrome (Mayo Clinic), an emergency
with a high temperature; anaphylaxis lies flat and sits up only on the floor, briefly."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.reading import overdose_phrases, tokens_of
from tests.conftest import emergencies_raised, first_warning, warnings_of


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("I took 20 paracetamol", "medicine-overdose"),
        ("took twenty tablets an hour ago", "medicine-overdose"),
        (
            "I took a load of paracetamol an hour ago but I feel fine",
            "medicine-overdose",
        ),
        ("took loads of pills", "medicine-overdose"),
        (
            "cut on my hand gone red spreading and hot and i feel shivery",
            "wound-infection-with-fever",
        ),
        (
            "leg pain way worse than it should be after small cut skin going purple",
            "wound-infection-with-fever",
        ),
        (
            "insect bite on my leg is red and swollen and I have a fever",
            "wound-infection-with-fever",
        ),
        ("infected cut", "wound-infection-spreading"),
        (
            "started new antidepressant and muscles twitching sweating shaky high temp",
            "serotonin-syndrome-severe",
        ),
        ("started sertraline and feel a bit shaky and sweaty", "serotonin-syndrome"),
    ],
)
def test_opening_sign(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    [
        "I took 2 paracetamol for my back",
        "I've taken 12 paracetamol over 3 days",
        "started sertraline last week, feeling a bit sick",
        "cut my finger last week, healing fine",
        "grazed my knee, it's a bit red",
    ],
)
def test_ordinary_phrasings_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("took 9 paracetamol", True),
        ("took 8 paracetamol", False),
        ("swallowed thirty of my sleeping pills", True),
        ("had 20 tablets over the week", False),
    ],
)
def test_more_than_eight_tablets_at_once_is_an_overdose(text: str, read: bool) -> None:
    assert bool(list(overdose_phrases(text, tokens_of(text)))) is read, text


def test_anaphylaxis_sits_up_only_briefly_and_never_on_a_chair(kb: KnowledgeBase) -> None:
    flag = kb.red_flags["anaphylaxis"]
    action = " ".join((flag.action or "").split())
    assert "on the floor" in (flag.first_step or "")
    assert "Never sit them on a chair" in action


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("I took 20 paracetamol over the day for my back spasm", "medicine-overdose"),
        ("I accidentally took too many co-codamol for my neck pain", "medicine-overdose"),
        ("took too many of my muscle relaxant pills", "medicine-overdose"),
        # NHS ectopic pregnancy: a missed period is a pregnancy that may not have been tested.
        (
            "pain on one side low down missed my period and feel faint",
            "pregnancy-internal-bleeding",
        ),
        ("tick bite and now theres a bullseye rash spreading", "tick-bite-lyme"),
        ("chest feels tight and the pain is going down my left arm into my jaw", "chest-pain"),
    ],
)
def test_more_everyday_words_open_their_signs(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    [
        "took too many steps today and my calves ache",
        "took 12 paracetamol over the last few days",
        "just a tick, my neck hurts",
    ],
)
def test_words_like_an_overdose_or_a_tick_that_are_not(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
    assert first_warning(kb, text) != "tick-bite-lyme"


def test_airway_cards_never_lay_flat_someone_struggling_to_swallow(kb: KnowledgeBase) -> None:
    assert "swallowing is hard" in (kb.red_flags["anaphylaxis"].first_step or "")
    throat = " ".join((kb.red_flags["throat-swelling-airway"].action or "").split())
    assert "never flat" in throat


def test_a_swollen_face_in_pregnancy_is_not_sent_to_the_dentist(kb: KnowledgeBase) -> None:
    # NHS pre-eclampsia: a swollen face in pregnancy is its sign; the dental card's advice
    # would contradict it.
    text = "30 weeks pregnant bad headache blurry vision and my face is swollen"
    assert first_warning(kb, text) == "possible-pre-eclampsia"
    assert "face-swelling-dental" not in warnings_of(kb, text)
    assert first_warning(kb, "my face is swollen and my tooth hurts") == "face-swelling-dental"


@pytest.mark.parametrize(
    "text",
    [
        "I took an overdose on purpose",
        "I took 30 paracetamol to end it",
        "I took an overdose because I want to die",
    ],
)
def test_a_deliberate_overdose_leads_with_the_crisis_card(kb: KnowledgeBase, text: str) -> None:
    # Its first step sends the overdose to 999 and names the lines to talk to.
    assert warnings_of(kb, text)[:2] == ["suicidal-thoughts-or-self-harm", "medicine-overdose"]


def test_an_accidental_extra_tablet_is_no_emergency(kb: KnowledgeBase) -> None:
    # NHS: one or two extra tablets by accident are unlikely to harm.
    assert not emergencies_raised(kb, "accidentally took an extra ibuprofen")
    assert first_warning(kb, "my toddler swallowed some of my tablets") == "medicine-overdose"
    action = " ".join((kb.red_flags["medicine-overdose"].action or "").split())
    assert "116 123" in action and "988" in action


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        (
            "my back spasms are so bad ive been thinking of ending it",
            "suicidal-thoughts-or-self-harm",
        ),
        ("sudden weakness in both legs and numb going up", "cauda-equina"),
        ("took too many of my muscle relaxants", "medicine-overdose"),
        ("took too many diazepam", "medicine-overdose"),
        ("i took all my co-codamol", "medicine-overdose"),
        ("on sertraline and tramadol now twitching shaking and hot", "serotonin-syndrome-severe"),
        # nidirect kidney stones; Guy's and St Thomas' renal colic.
        (
            "pain in my side going to my groin and im being sick cant get comfy",
            "kidney-pain-with-fever-or-blood",
        ),
        # NHS bleeding from the bottom.
        ("blood in my poo and feel faint", "bottom-bleeding-heavy"),
        ("passing lots of blood from my bottom", "bottom-bleeding-heavy"),
        ("a little blood on the toilet paper", "bottom-bleeding"),
        # NHS DVT: pregnancy is a clot risk.
        ("pregnant and pain in one calf", "possible-dvt"),
    ],
)
def test_words_a_fourth_reader_found_unread(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    ["my calves cramp at night, I'm pregnant", "took all my stuff to the gym"],
)
def test_night_cramps_in_pregnancy_and_loose_words_raise_nothing(
    kb: KnowledgeBase, text: str
) -> None:
    assert first_warning(kb, text) is None, text


def test_heat_exhaustion_is_dealt_with_now(kb: KnowledgeBase) -> None:
    assert kb.red_flags["heat-exhaustion"].urgency == "urgent"


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("black tarry poo and I fainted", "bottom-bleeding-heavy"),
        ("period late and sharp pain on one side, feel faint", "pregnancy-internal-bleeding"),
        ("back goes into spasm when i sneeze", "back-other-serious-signs"),
        ("32 weeks pregnant and my face is swollen", "possible-pre-eclampsia"),
    ],
)
def test_words_a_fifth_reader_found(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


def test_every_month_is_no_chronic_pain(kb: KnowledgeBase) -> None:
    answer = understand(kb, "period cramps again same as every month")
    assert all(
        reading.cause is None or reading.cause.id != "chronic-conditions"
        for reading in answer.readings
    )


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("stomach cramps and vomiting blood", "vomiting-blood-unwell"),
        ("my son is jerking all over", "seizure-emergency"),
        # NHS angina: pain not gone 5 minutes after a second dose of the spray is 999.
        ("I have angina and my jaw hurts, my spray hasn't helped", "chest-pain"),
        ("black poo and I'm pale and clammy", "bottom-bleeding-heavy"),
        ("angina pain not gone after two sprays", "chest-pain"),
        ("bleeding from my bottom, clammy, heart racing", "bottom-bleeding-heavy"),
        ("I gave birth 2 weeks ago and my face is swollen", "possible-pre-eclampsia"),
        (
            "thyroid removed two days ago, I am panicking, lips tingling, hands cramping",
            "cramps-with-tingling-lips",
        ),
        ("my back hurts when I sneeze", "back-other-serious-signs"),
    ],
)
def test_words_a_sixth_reader_found(kb: KnowledgeBase, text: str, flag: str) -> None:
    assert first_warning(kb, text) == flag, text


@pytest.mark.parametrize(
    "text",
    [
        "I sneezed and my back went into spasm",
        "legs jerking in bed at night",
    ],
)
def test_a_sneeze_and_night_jerks_raise_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert not emergencies_raised(kb, text), text
