"""Teaching content says what was read: the bodywork techniques keep firm work off the carotid
at the front and side of the neck, a point's caution is said once, and depths and pregnancy
notes name the sources they rest on."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from spasmguide.study.cards import point_cautions

BODYWORK_ON_THE_NECK = ("tui-na", "shiatsu", "myofascial-release", "gua-sha", "cupping")


@pytest.mark.parametrize("technique_id", BODYWORK_ON_THE_NECK)
def test_bodywork_keeps_firm_work_off_the_carotid(kb: KnowledgeBase, technique_id: str) -> None:
    technique = kb.techniques[technique_id]
    neck = [text for text in technique.cautions if "carotid" in text]
    assert len(neck) == 1, technique_id
    assert "front and side of the neck" in neck[0]
    assert {"abmp-endangerment-sites", "neck-massage-areas"} <= set(technique.sources)


def test_no_point_caution_says_the_same_thing_twice(kb: KnowledgeBase) -> None:
    for point in kb.acupoints.values():
        texts = " ".join(point_cautions(point)).lower()
        for artery in ("dorsalis pedis", "femoral artery", "posterior tibial artery"):
            assert texts.count(artery) <= 1, (point.id, artery)


def test_depths_and_pregnancy_notes_name_what_was_read(kb: KnowledgeBase) -> None:
    st7 = kb.acupoints["st7"]
    assert st7.needling is not None and st7.needling.depth == "0.3-0.5"
    assert st7.needling.source in kb.sources
    gb21 = kb.acupoints["gb21"]
    assert gb21.pregnancy is not None and "not read" in gb21.pregnancy
    assert "tcmwiki" in gb21.sources and "has no note" not in gb21.pregnancy
    gb20 = kb.acupoints["gb20"]
    assert gb20.needling is not None and gb20.needling.caution is not None
    assert "upward and inward" in gb20.needling.caution
    assert "toward the midline" not in " ".join(point_cautions(gb20))


def test_the_neck_emergency_cites_named_sources(kb: KnowledgeBase) -> None:
    flag = kb.red_flags["neck-emergency"]
    assert "unchecked-clinical-teaching" not in flag.sources
    assert "bupa-cervical-artery-dissection" in flag.sources
    bleeding = kb.red_flags["after-birth-heavy-bleeding"]
    assert "rcog-pph" in bleeding.sources
