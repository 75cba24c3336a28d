"""Cancer treatment said in any of its words (chemo, cancer treatment, a stem cell transplant)
is a history of cancer and a weakened immune system too, so the back's cancer and infection
signs still read it beside the fever-during-treatment sign."""

from __future__ import annotations

import pytest

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import warnings_of


@pytest.mark.parametrize(
    "text",
    [
        "back pain and im having cancer treatment",
        "my back hurts at night and I'm on treatment for my cancer",
        "new back pain since my cancer treatment",
    ],
)
def test_cancer_treatment_opens_the_back_cancer_sign(kb: KnowledgeBase, text: str) -> None:
    assert "back-possible-cancer" in warnings_of(kb, text), text


def test_cancer_treatment_is_a_weakened_immune_system(kb: KnowledgeBase) -> None:
    members = kb.vocabulary["immune-weak"].includes
    assert "cancer-treatment" in members
    assert "cancer-treatment" in kb.vocabulary["cancer"].includes
