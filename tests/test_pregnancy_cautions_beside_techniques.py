"""Where the guide suggests a technique to someone who says they are pregnant, or on a full
region or cause page, the technique carries the pregnancy caution the guide gives it, and the
safety notes' pregnancy advice follows the list: the caution stands beside the advice. An
answer whose words do not say pregnant (or deny it) shows none of this."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages.builders import ask_page, lookup_page, pregnancy_cautions
from tests.conftest import render_to_string


def _answer(kb: KnowledgeBase, text: str) -> str:
    return render_to_string(ask_page(kb, understand(kb, text)), 100)


@pytest.mark.parametrize(
    "text",
    [
        "pregnant and my back aches",
        "i am 20 weeks pregnant and my lower back is sore",
        "expecting a baby and my lower back aches at night",
        "pregnant, stiff low back after sitting all day",
    ],
)
def test_a_pregnant_person_asking_about_the_back_sees_the_pregnancy_cautions(
    kb: KnowledgeBase, text: str
) -> None:
    answer = _answer(kb, text)
    assert "In pregnancy (general safety of acupuncture needling)" in answer, text
    assert "low back and sacrum are avoided throughout pregnancy" in " ".join(answer.split())
    assert "In pregnancy (general cautions for hands-on bodywork)" in answer, text


@pytest.mark.parametrize(
    "text",
    [
        "my back aches",
        "not pregnant, my back aches",
        "stiff lower back after gardening",
    ],
)
def test_no_pregnancy_caution_when_pregnancy_is_not_said(kb: KnowledgeBase, text: str) -> None:
    answer = _answer(kb, text)
    assert "In pregnancy (" not in answer, text
    assert "Contraindication in pregnancy" not in answer, text


def test_cupping_named_by_a_pregnant_person_carries_its_low_back_caution(
    kb: KnowledgeBase,
) -> None:
    answer = " ".join(_answer(kb, "can i have cupping on my lower back while pregnant").split())
    assert "Contraindication in pregnancy: The abdomen and low back in pregnancy" in answer


def test_the_full_region_page_carries_the_cautions_beside_its_techniques(
    kb: KnowledgeBase,
) -> None:
    page = render_to_string(lookup_page(kb, kb.regions["low-back"], None, full=True), 100)
    flat = " ".join(page.split())
    assert "In pregnancy (general safety of acupuncture needling)" in flat
    assert "Contraindication in pregnancy: The points traditionally avoided in pregnancy" in flat


def test_self_care_techniques_carry_no_massage_advice(kb: KnowledgeBase) -> None:
    assert pregnancy_cautions(kb.techniques["exercise"]) == ()
    assert pregnancy_cautions(kb.techniques["stretching-mobility"]) == ()
    assert pregnancy_cautions(kb.techniques["cupping"])
