"""A warning sign's condition named, feared or asked about ("is it a stroke?", "what are the
signs of cauda equina") opens the answer with that sign's list to check now, as a head injury
with none of its signs does; a vaccine, an illness long ago or life after a stroke does not."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase


def checks_of(kb: KnowledgeBase, text: str) -> list[str]:
    return [flag.id for flag, _ in understand(kb, text).checks]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("is it a stroke", "possible-stroke"),
        ("signs of a stroke?", "possible-stroke"),
        ("what are the signs of cauda equina", "cauda-equina"),
        ("what are dvt symptoms", "possible-dvt"),
        ("could it be a blood clot", "possible-dvt"),
        ("symptoms of pulmonary embolism", "possible-pe"),
        ("is this temporal arteritis", "gca-vision"),
        ("tetanus symptoms", "possible-tetanus"),
        ("rhabdo symptoms", "rhabdomyolysis"),
        ("compartment syndrome?", "compartment-syndrome"),
        ("guillain barre signs", "legs-weakening-fast"),
        ("pre-eclampsia signs", "possible-pre-eclampsia"),
        ("meningitis symptoms?", "possible-meningitis"),
        ("how do I know if it's meningitis", "possible-meningitis"),
        ("how do i know if im having a heart attack", "chest-pain"),
        ("what if I hit my head", "after-head-injury"),
    ],
)
def test_a_condition_named_or_asked_about_opens_its_check(
    kb: KnowledgeBase, text: str, flag: str
) -> None:
    understood = understand(kb, text)
    assert not understood.warnings, understood.warnings
    assert flag in checks_of(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "had my tetanus jab, calf cramps at night",
        "my dad had a stroke last year and his arm is stiff",
        "spasticity after a stroke",
        "stiff neck from sleeping funny",
        "it's definitely not a blood clot, just a cramp in my calf at night",
    ],
)
def test_vaccines_old_illness_and_denials_open_no_check(kb: KnowledgeBase, text: str) -> None:
    understood = understand(kb, text)
    assert not understood.checks
    assert not [flag for flag, _ in understood.warnings if flag.urgency == "emergency"]


def test_a_question_about_signs_is_wondered_not_denied_outright(kb: KnowledgeBase) -> None:
    from spasmguide.kb.reading import read

    wondered = [f.words for f in read(kb, "how do I know if it's meningitis").found if f.wondered]
    assert "meningitis" in wondered
    denied = [f for f in read(kb, "no meningitis, just a stiff neck").found if f.denied]
    assert denied and not any(f.wondered for f in denied)
