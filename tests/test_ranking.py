"""The ranking rule (docs/decisions/008), the order of a page's sections, and the pager."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from spasmguide.kb.layers import Layer, shipped_layer
from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import CERTAINTY_LEVELS, INVASIVENESS_ORDER, KnowledgeBase
from spasmguide.kb.queries import rank_techniques
from tests.conftest import invoke


def _key(item: dict[str, object], kb: KnowledgeBase) -> tuple[object, ...]:
    basis = item["basis"]
    assert isinstance(basis, dict)
    return (
        -basis["guideline_level"],
        -basis["certainty_level"],
        INVASIVENESS_ORDER[basis["invasiveness"]],
        kb.techniques[str(item["id"])].name.casefold(),
    )


def _lookups(kb: KnowledgeBase) -> list[list[str]]:
    pages = [["--region", region] for region in kb.regions]
    pages += [["--cause", cause] for cause in kb.causes]
    pages += [
        ["--region", region.id, "--cause", cause]
        for region in kb.regions.values()
        for cause in region.causes
    ]
    return pages


def _ranked(arguments: list[str]) -> list[dict[str, object]]:
    document = json.loads(invoke("lookup", *arguments, "--format", "json").stdout)
    holder = document if "techniques" in document else document[document["kind"]]
    ranked: list[dict[str, object]] = holder["techniques"]
    return ranked


def test_every_lookup_follows_the_stated_rule(kb: KnowledgeBase) -> None:
    for arguments in _lookups(kb):
        ranked = _ranked(arguments)
        assert ranked, arguments
        keys = [_key(item, kb) for item in ranked]
        assert keys == sorted(keys), arguments


def test_no_weaker_and_riskier_technique_outranks_a_stronger_and_safer_one(
    kb: KnowledgeBase,
) -> None:
    for arguments in _lookups(kb):
        ranked = _ranked(arguments)
        for higher_index, higher in enumerate(ranked):
            for lower in ranked[higher_index + 1 :]:
                h, lo = higher["basis"], lower["basis"]
                assert isinstance(h, dict) and isinstance(lo, dict)
                weaker = (h["guideline_level"], h["certainty_level"]) < (
                    lo["guideline_level"],
                    lo["certainty_level"],
                )
                riskier = (
                    INVASIVENESS_ORDER[h["invasiveness"]] > INVASIVENESS_ORDER[lo["invasiveness"]]
                )
                assert not (weaker and riskier), (arguments, higher["id"], lower["id"])


def test_the_basis_names_the_evidence_it_rests_on(kb: KnowledgeBase) -> None:
    for arguments in _lookups(kb):
        for item in _ranked(arguments):
            basis = item["basis"]
            assert isinstance(basis, dict)
            if basis["certainty_level"]:
                entry = kb.evidence[basis["certainty_from"]]
                assert item["id"] in entry.techniques
                level = CERTAINTY_LEVELS[entry.certainty] - (1 if basis["indirect"] else 0)
                assert level == basis["certainty_level"]


LAYER = """\
evidence:
  - id: test-calf-trial
    title: A test trial in calves
    finding: It helped calves.
    certainty: moderate
    basis: One test trial.
    techniques: [shiatsu]
    regions: [calf]
    sources: [article]
  - id: test-guideline-against
    title: A test guideline
    finding: Do not offer it.
    certainty: not graded
    stance: strong against
    basis: A test guideline.
    techniques: [traditional-acupuncture]
    regions: [test-region]
    sources: [article]
regions:
  - id: test-region
    name: Test region
    summary: Test.
    description: Test.
    muscles: [Test]
    causes: [overuse]
    techniques:
      - technique: traditional-acupuncture
        reason: Test.
      - technique: shiatsu
        reason: Test.
        evidence: [test-calf-trial]
        article_says: The best of all, says the article.
      - technique: stretching-mobility
        reason: Test.
    self_care: [Test.]
    red_flags: [possible-dvt]
    sources: [article]
"""


def _with_layer(tmp_path: Path, text: str) -> KnowledgeBase:
    path = tmp_path / "layer.yaml"
    path.write_text(text)
    return load_knowledge_base([shipped_layer(), Layer("--kb", str(path), (path,))])


def test_borrowed_evidence_counts_one_level_lower_and_guidelines_come_first(
    tmp_path: Path,
) -> None:
    kb = _with_layer(tmp_path, LAYER)
    ranked = rank_techniques(kb, [kb.regions["test-region"]])
    assert [item.technique.id for item in ranked] == [
        "shiatsu",  # moderate, borrowed from the calf: low
        "stretching-mobility",  # no evidence, least invasive
        "traditional-acupuncture",  # a guideline says do not offer it
    ]
    assert ranked[0].basis.certainty.label == "moderate (indirect)"
    assert ranked[0].basis.certainty.level == 2
    assert ranked[2].basis.guideline.label == "strong against"


def test_the_articles_claims_and_list_order_never_change_the_rank(tmp_path: Path) -> None:
    plain = _with_layer(
        tmp_path, LAYER.replace("        article_says: The best of all, says the article.\n", "")
    )
    reordered_text = LAYER.replace(
        "      - technique: stretching-mobility\n        reason: Test.\n", ""
    ).replace(
        "    techniques:\n      - technique: traditional-acupuncture",
        "    techniques:\n      - technique: stretching-mobility\n        reason: Test.\n"
        "      - technique: traditional-acupuncture",
    )
    reordered = _with_layer(tmp_path, reordered_text)
    claimed = _with_layer(tmp_path, LAYER)
    orders = [
        [item.technique.id for item in rank_techniques(kb, [kb.regions["test-region"]])]
        for kb in (plain, reordered, claimed)
    ]
    assert orders[0] == orders[1] == orders[2]


def test_guidelines_that_disagree_count_as_none(tmp_path: Path) -> None:
    text = LAYER.replace(
        "evidence:\n",
        "evidence:\n  - id: test-guideline-for\n    title: Another guideline\n"
        "    finding: Offer it.\n    certainty: not graded\n    stance: conditional for\n"
        "    basis: A guideline.\n    techniques: [traditional-acupuncture]\n"
        "    regions: [test-region]\n    sources: [article]\n",
    )
    kb = _with_layer(tmp_path, text)
    acupuncture = next(
        item
        for item in rank_techniques(kb, [kb.regions["test-region"]])
        if item.technique.id == "traditional-acupuncture"
    )
    assert acupuncture.basis.guideline.label == "guidelines disagree"
    assert acupuncture.basis.guideline.level == 0


# -- pages put safety first ------------------------------------------------------------------

FIRST = ["Warning signs: get medical care first", "Self-care", "Suggested techniques"]


@pytest.mark.parametrize("full", [False, True])
def test_region_pages_open_with_warning_signs_then_self_care_then_techniques(
    kb: KnowledgeBase, full: bool
) -> None:
    for region in kb.regions:
        arguments = ["lookup", "--region", region, *(["--full"] if full else [])]
        for output in ("text", "markdown"):
            page = invoke(*arguments, "--format", output).stdout
            places = [page.find(heading) for heading in FIRST]
            assert all(place >= 0 for place in places) and places == sorted(places), region
            for later in ("Common acupoints", "Sources"):
                assert page.find(later) == -1 or page.find(later) > places[-1]


def test_emergency_warning_signs_come_first_and_are_marked(kb: KnowledgeBase) -> None:
    for region in kb.regions.values():
        page = invoke("lookup", "--region", region.id).stdout
        urgencies = {kb.red_flags[flag].urgency for flag in region.red_flags}
        if "emergency" in urgencies:
            assert "EMERGENCY:" in page
            first_other = min(
                (
                    page.find(f"({level})")
                    for level in ("urgent", "see a doctor")
                    if f"({level})" in page
                ),
                default=len(page),
            )
            assert page.find("(emergency)") < first_other


def test_the_short_text_page_fits_a_screen_or_two_and_says_how_to_see_everything() -> None:
    short = invoke("lookup", "--region", "neck").stdout
    full = invoke("lookup", "--region", "neck", "--full").stdout
    assert len(short.splitlines()) < len(full.splitlines())
    assert "spasmguide lookup --region neck --full" in short
    assert "Common acupoints" not in short and "Common acupoints" in full


# -- the pager -------------------------------------------------------------------------------


def _run_in_terminal(arguments: list[str], env: dict[str, str]) -> str:
    """Runs the command with a pseudo-terminal as stdout and returns what it printed there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "spasmguide", *arguments],
        stdout=follower,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def pager_log(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    log = tmp_path / "paged.txt"
    env = {"PAGER": f"sh -c 'cat > {log}'", "LINES": "20", "COLUMNS": "80", "TERM": "xterm"}
    return log, env


def test_a_long_page_in_a_terminal_goes_through_the_pager(
    pager_log: tuple[Path, dict[str, str]],
) -> None:
    log, env = pager_log
    shown = _run_in_terminal(["lookup", "--region", "neck"], env)
    assert log.exists() and "Warning signs" in log.read_text() and "Notice" in log.read_text()
    assert "Warning signs" not in shown  # the page went to the pager, not the terminal


def test_no_pager_and_short_pages_and_pipes_are_written_directly(
    pager_log: tuple[Path, dict[str, str]],
) -> None:
    log, env = pager_log
    shown = _run_in_terminal(["lookup", "--region", "neck", "--no-pager"], env)
    assert "Warning signs" in shown and not log.exists()
    shown = _run_in_terminal(["list", "causes"], {**env, "LINES": "200"})
    assert "Causes" in shown and not log.exists()
    piped = subprocess.run(
        [sys.executable, "-m", "spasmguide", "lookup", "--region", "neck"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    assert "Warning signs" in piped.stdout and not log.exists()


def test_a_pager_that_cannot_start_means_the_page_is_written(
    pager_log: tuple[Path, dict[str, str]],
) -> None:
    _, env = pager_log
    shown = _run_in_terminal(
        ["lookup", "--region", "neck"], {**env, "PAGER": "no-such-pager-program"}
    )
    assert "Warning signs" in shown
