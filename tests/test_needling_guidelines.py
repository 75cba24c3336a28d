"""Needling techniques and the guidelines that speak of them: a recommendation about
"acupuncture" reaches every needling technique the guideline itself counts as acupuncture, so
the deeper technique never ranks above the gentler one only because a guideline's advice was
read narrowly."""

from __future__ import annotations

import json

from spasmguide.kb.model import KnowledgeBase
from tests.conftest import invoke


def _ranked(*arguments: str) -> dict[str, dict[str, object]]:
    document = json.loads(invoke("lookup", *arguments, "--format", "json").stdout)
    holder = document if "techniques" in document else document[document["kind"]]
    return {str(item["id"]): item for item in holder["techniques"]}


def test_nice_advice_against_acupuncture_for_the_low_back_reaches_dry_needling(
    kb: KnowledgeBase,
) -> None:
    # NICE NG59: "do not offer acupuncture" for low back pain with or without sciatica; NICE's
    # chronic pain guideline (NG193) names acupuncture and dry needling as one intervention.
    entry = kb.evidence["nice-ng59-acupuncture"]
    assert "trigger-point-acupuncture" in entry.techniques
    finding = entry.finding.casefold()
    assert "dry needling" in finding and "ng193" in finding


def test_dry_needling_never_ranks_above_acupuncture_where_nice_advises_against_both() -> None:
    pages = (("--region", "low-back"), ("--region", "low-back", "--cause", "sciatica-disc"))
    for arguments in pages:
        page = _ranked(*arguments)
        dry, acupuncture = page["trigger-point-acupuncture"], page["traditional-acupuncture"]
        assert int(str(dry["rank"])) >= int(str(acupuncture["rank"])), arguments
        for item in (dry, acupuncture):
            basis = item["basis"]
            assert isinstance(basis, dict)
            assert "nice-ng59-acupuncture" in basis["guidelines"], (arguments, item["id"])
