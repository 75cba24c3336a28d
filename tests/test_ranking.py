"""The ranking rule (docs/decisions/014), the quiz cards drawn from it, the order of a page's
sections, and the pager."""

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
from spasmguide.kb.model import CERTAINTY_LEVELS, INVASIVENESS_ORDER, Cause, KnowledgeBase, Region
from spasmguide.kb.queries import FAVOURABLE_STANCES, NEEDLING, counts, rank_techniques
from spasmguide.study.cards import cards_of
from tests.conftest import invoke

SELF_CARD = ("exercise", "stretching-mobility")


def _standing(item: dict[str, object]) -> tuple[int, int, int]:
    basis = item["basis"]
    assert isinstance(basis, dict)
    return (-basis["guideline_level"], -basis["evidence_tier"], -basis["certainty_level"])


def _rank_key(item: dict[str, object], page: list[dict[str, object]]) -> tuple[object, ...]:
    """The rule of decision 014 read from the page's JSON alone: needling held back in a risky
    region comes after everything else; needling held after self-care cannot stand level with
    or above the lowest self-care technique on the page, and a technique level with that one
    joins the needling just after it."""
    basis = item["basis"]
    assert isinstance(basis, dict)
    own = _standing(item)
    risk = basis["held_back"] is not None
    if basis["after_self_care"] is not None or basis["below_self_care"] is not None:
        ceiling = max(_standing(other) for other in page if other["category"] == "self-care")
        if own <= ceiling:
            return (risk, *ceiling, 1, *own)
    return (risk, *own, 0, *own)


def _lookups(kb: KnowledgeBase) -> list[list[str]]:
    pages = [["--region", region] for region in kb.regions]
    pages += [["--cause", cause] for cause in kb.causes]
    pages += [
        ["--region", region.id, "--cause", cause]
        for region in kb.regions.values()
        for cause in region.causes
    ]
    return pages


def _holders(kb: KnowledgeBase, arguments: list[str]) -> list[object]:
    pairs = dict(zip(arguments[::2], arguments[1::2], strict=True))
    holders: list[object] = []
    if "--region" in pairs:
        holders.append(kb.regions[pairs["--region"]])
    if "--cause" in pairs:
        holders.append(kb.causes[pairs["--cause"]])
    return holders


def _ranked(arguments: list[str]) -> list[dict[str, object]]:
    document = json.loads(invoke("lookup", *arguments, "--format", "json").stdout)
    holder = document if "techniques" in document else document[document["kind"]]
    ranked: list[dict[str, object]] = holder["techniques"]
    return ranked


def test_every_lookup_follows_the_stated_rule_and_ties_share_a_number(kb: KnowledgeBase) -> None:
    for arguments in _lookups(kb):
        ranked = _ranked(arguments)
        assert ranked, arguments
        keys = [_rank_key(item, ranked) for item in ranked]
        assert keys == sorted(keys), arguments
        for index, item in enumerate(ranked):
            first = keys.index(keys[index])
            assert item["rank"] == first + 1, (arguments, item["id"])
            assert item["tied"] == (keys.count(keys[index]) > 1), (arguments, item["id"])
            if index and keys[index] == keys[index - 1]:  # least invasive first within a tie
                before, now = ranked[index - 1]["basis"], item["basis"]
                assert isinstance(before, dict) and isinstance(now, dict)
                assert (
                    INVASIVENESS_ORDER[before["invasiveness"]]
                    <= INVASIVENESS_ORDER[now["invasiveness"]]
                ), arguments


def test_no_needling_outranks_exercise_or_stretching_where_a_current_guideline_favours_exercise(
    kb: KnowledgeBase,
) -> None:
    favoured_somewhere = False
    for arguments in _lookups(kb):
        holders = _holders(kb, arguments)
        favoured = any(
            evidence.lapsed is None
            and evidence.stance in FAVOURABLE_STANCES
            and set(evidence.techniques) & set(SELF_CARD)
            and any(
                holder.id in (evidence.regions if key == "--region" else evidence.causes)  # type: ignore[attr-defined]
                for key, holder in zip(arguments[::2], holders, strict=True)
            )
            for evidence in kb.evidence.values()
        )
        if not favoured:
            continue
        favoured_somewhere = True
        ranked = _ranked(arguments)
        self_care = [int(str(item["rank"])) for item in ranked if item["id"] in SELF_CARD]
        for item in ranked:
            if kb.techniques[str(item["id"])].invasiveness in NEEDLING:
                rank = int(str(item["rank"]))
                assert all(rank > other for other in self_care), (arguments, item["id"])
    assert favoured_somewhere


def test_where_a_guideline_favours_exercise_needling_is_held_below_self_care_only(
    kb: KnowledgeBase,
) -> None:
    # The BMJ 2023 guideline on chronic jaw pain is strong for exercise and conditional for
    # acupuncture: acupuncture comes after exercise and stretching, and before Tui Na and
    # myofascial release, for which there is no evidence here.
    ranks = {str(item["id"]): int(str(item["rank"])) for item in _ranked(["--region", "jaw"])}
    assert ranks["exercise"] < ranks["traditional-acupuncture"]
    assert ranks["stretching-mobility"] < ranks["traditional-acupuncture"]
    assert ranks["traditional-acupuncture"] < ranks["tui-na"]
    assert ranks["traditional-acupuncture"] < ranks["myofascial-release"]
    # On the low back, NICE NG59 advises against acupuncture, dry needling with it, and WHO 2023
    # is conditionally for needling: the guidelines disagree, and trigger point acupuncture
    # stays after stretching, which has no evidence, and after Tui Na.
    low_back = {str(item["id"]): item for item in _ranked(["--region", "low-back"])}
    needle, tui_na = low_back["trigger-point-acupuncture"], low_back["tui-na"]
    assert int(str(needle["rank"])) > int(str(low_back["stretching-mobility"]["rank"]))
    assert int(str(needle["rank"])) > int(str(tui_na["rank"]))


def test_needling_held_after_self_care_is_held_below_it_only_never_below_a_tie_with_it(
    kb: KnowledgeBase,
) -> None:
    # NICE NG193 offers exercise and says to consider acupuncture or dry needling for chronic
    # primary pain; gua sha has no evidence here and stands level with stretching, which has
    # none of its own. Needling comes after exercise and stretching, and before gua sha.
    page = {str(item["id"]): item for item in _ranked(["--cause", "chronic-conditions"])}
    rank = {name: int(str(item["rank"])) for name, item in page.items()}
    for needle in ("traditional-acupuncture", "trigger-point-acupuncture"):
        assert rank["stretching-mobility"] < rank[needle] < rank["gua-sha"], rank
    # The same on a combined page: the hands-on techniques level with stretching come after
    # the needling a current guideline favours.
    neck = {
        str(item["id"]): int(str(item["rank"]))
        for item in _ranked(["--region", "neck", "--cause", "chronic-conditions"])
    }
    for other in ("myofascial-release", "tui-na", "shiatsu", "cupping", "gua-sha"):
        if other in neck:
            assert neck["traditional-acupuncture"] < neck[other], (other, neck)
    assert neck["stretching-mobility"] < neck["traditional-acupuncture"]
    # No technique without evidence outranks one a current guideline favours, unless it is a
    # self-care technique the active-care clause keeps first.
    for arguments in _lookups(kb):
        ranked = _ranked(arguments)
        for item in ranked:
            basis = item["basis"]
            assert isinstance(basis, dict)
            if basis["guideline_level"] <= 0 or basis["held_back"] is not None:
                continue
            for rival in ranked:
                rival_basis = rival["basis"]
                assert isinstance(rival_basis, dict)
                if (
                    rival["category"] != "self-care"
                    and rival_basis["guideline_level"] == 0
                    and rival_basis["certainty_level"] == 0
                ):
                    assert int(str(rival["rank"])) > int(str(item["rank"])), (
                        arguments,
                        rival["id"],
                        item["id"],
                    )


def _ranks_of_safer_techniques(kb: KnowledgeBase, ranked: list[dict[str, object]]) -> list[int]:
    """The ranks of the techniques on a page that do not pierce the skin."""
    return [
        int(str(item["rank"]))
        for item in ranked
        if kb.techniques[str(item["id"])].invasiveness not in NEEDLING
    ]


def test_needling_never_outranks_a_safer_technique_where_needling_is_risky(
    kb: KnowledgeBase,
) -> None:
    risky = [["--region", region.id] for region in kb.regions.values() if region.needling_risk]
    assert {"neck", "upper-back-shoulders", "mid-back", "head"} <= {pair[1] for pair in risky}
    for arguments in risky:
        ranked = _ranked(arguments)
        safer = _ranks_of_safer_techniques(kb, ranked)
        for item in ranked:
            basis = item["basis"]
            assert isinstance(basis, dict)
            if (
                kb.techniques[str(item["id"])].invasiveness in NEEDLING
                and basis["guideline_level"] <= 0
            ):
                rank = int(str(item["rank"]))
                assert all(rank > other for other in safer), (arguments, item["id"])


def test_a_cause_page_holds_needling_back_as_its_regions_do(kb: KnowledgeBase) -> None:
    # A cause page stands for every region the cause covers: needling there comes after the
    # safer techniques where one of those regions is risky to needle, or where a current
    # guideline advises against the technique in one of them, unless a current guideline
    # favours it for the cause itself.
    def stances(technique: str, region: str) -> set[str]:
        return {
            str(evidence.stance)
            for evidence in kb.evidence.values()
            if evidence.lapsed is None
            and evidence.stance
            and technique in evidence.techniques
            and region in evidence.regions
        }

    def held_on(technique: str, region: str) -> bool:
        said = stances(technique, region)
        risky = kb.regions[region].needling_risk and not said & FAVOURABLE_STANCES
        return bool(risky) or bool(said & {"conditional against", "strong against"})

    held_somewhere = False
    for cause in kb.causes.values():
        ranked = _ranked(["--cause", cause.id])
        safer = _ranks_of_safer_techniques(kb, ranked)
        for item in ranked:
            basis = item["basis"]
            assert isinstance(basis, dict)
            technique = str(item["id"])
            if kb.techniques[technique].invasiveness not in NEEDLING:
                continue
            if basis["guideline_level"] > 0:
                continue
            if any(held_on(technique, region) for region in cause.regions):
                held_somewhere = True
                rank = int(str(item["rank"]))
                assert all(rank > other for other in safer), (cause.id, technique)
                assert basis["held_back"], (cause.id, technique)
    assert held_somewhere
    # An acute lumbar sprain is among the acute injuries: NICE NG59 advises against
    # acupuncture and electrical nerve stimulation for low back pain, and the neck is risky.
    acute = {
        str(item["id"]): int(str(item["rank"])) for item in _ranked(["--cause", "acute-injury"])
    }
    assert acute["stretching-mobility"] == 1
    assert min(acute[name] for name in acute if name != "stretching-mobility") > 1


def test_a_lapsed_guideline_changes_nothing(kb: KnowledgeBase) -> None:
    lapsed = [evidence.id for evidence in kb.evidence.values() if evidence.lapsed]
    assert lapsed  # ACP 2017
    current = kb._replace(
        evidence={key: value for key, value in kb.evidence.items() if key not in lapsed}
    )
    for arguments in _lookups(kb):
        holders = _holders(kb, arguments)
        with_lapsed = [
            (item.rank, item.technique.id)
            for item in rank_techniques(kb, holders)  # type: ignore[arg-type]
        ]
        without = [
            (item.rank, item.technique.id)
            for item in rank_techniques(current, holders)  # type: ignore[arg-type]
        ]
        assert with_lapsed == without, arguments


def test_no_technique_with_weaker_evidence_and_more_risk_outranks_a_stronger_safer_one(
    kb: KnowledgeBase,
) -> None:
    for arguments in _lookups(kb):
        ranked = _ranked(arguments)
        for higher_index, higher in enumerate(ranked):
            for lower in ranked[higher_index + 1 :]:
                if higher["rank"] == lower["rank"]:
                    continue
                h, lo = higher["basis"], lower["basis"]
                assert isinstance(h, dict) and isinstance(lo, dict)
                weaker = (h["guideline_level"], h["evidence_tier"], h["certainty_level"]) < (
                    lo["guideline_level"],
                    lo["evidence_tier"],
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
                assert item["id"] in entry.techniques and counts(entry)
                assert CERTAINTY_LEVELS[entry.certainty] == basis["certainty_level"]
                assert basis["evidence_tier"] == (1 if basis["indirect"] else 2)


def test_ties_are_shown_as_ties_in_text_and_json() -> None:
    ranked = _ranked(["--region", "neck"])
    assert [item["rank"] for item in ranked].count(2) > 1
    page = invoke("lookup", "--region", "neck", "--full", "--no-pager").stdout
    assert "=2. " in page and "1. Exercise therapy" in page


def test_every_strongest_evidence_card_of_the_deck_follows_the_ranking(kb: KnowledgeBase) -> None:
    asked = [card for card in cards_of(kb) if card.card.startswith("region-evidence:")]
    assert asked
    for card in asked:
        ranked = rank_techniques(kb, [kb.regions[card.card.split(":", 1)[1]]])
        assert not ranked[0].tied
        assert card.answer == ranked[0].technique.name
        assert not {item.technique.name for item in ranked if item.rank == 1} & set(card.pool)
        assert all(item.rank > 1 for item in ranked if item.technique.name in set(card.pool)), (
            card.card
        )
    untied = {
        region.id for region in kb.regions.values() if not rank_techniques(kb, [region])[0].tied
    }
    assert {card.card.split(":", 1)[1] for card in asked} <= untied


LAYER = """\
evidence:
  - id: test-calf-trial
    title: A test trial in calves
    finding: It helped calves.
    certainty: moderate
    direction: favourable
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


def _order(kb: KnowledgeBase) -> list[str]:
    return [item.technique.id for item in rank_techniques(kb, [kb.regions["test-region"]])]


def test_borrowed_evidence_counts_below_direct_and_guidelines_come_first(
    tmp_path: Path,
) -> None:
    kb = _with_layer(tmp_path, LAYER)
    ranked = rank_techniques(kb, [kb.regions["test-region"]])
    assert [item.technique.id for item in ranked] == [
        "shiatsu",  # moderate, borrowed from the calf
        "stretching-mobility",  # no evidence
        "traditional-acupuncture",  # a guideline says do not offer it
    ]
    assert ranked[0].basis.certainty.label == "moderate (indirect)"
    assert ranked[0].basis.certainty.tier == 1
    assert ranked[2].basis.guideline.label == "strong against"
    # Direct evidence of low certainty outranks borrowed evidence of moderate certainty.
    direct = LAYER.replace(
        "regions:\n  - id: test-region",
        "  - id: test-direct\n    title: Direct\n    finding: It helped.\n"
        "    certainty: low\n    direction: favourable\n    basis: One trial.\n"
        "    techniques: [stretching-mobility]\n    regions: [test-region]\n"
        "    sources: [article]\nregions:\n  - id: test-region",
    )
    assert _order(_with_layer(tmp_path, direct))[:2] == ["stretching-mobility", "shiatsu"]


def test_needling_held_after_self_care_still_competes_with_the_hands_on_techniques(
    tmp_path: Path,
) -> None:
    def guideline(entry: str, stance: str, technique: str) -> str:
        return (
            f"  - id: {entry}\n    title: Guideline {entry}\n    finding: Test.\n"
            f"    certainty: not graded\n    stance: {stance}\n    basis: A guideline.\n"
            f"    techniques: [{technique}]\n    regions: [test-region]\n"
            "    sources: [article]\n"
        )

    favoured = LAYER.replace(
        "    stance: strong against\n", "    stance: conditional for\n"
    ).replace(
        "regions:\n  - id: test-region",
        guideline("test-stretching-for", "strong for", "stretching-mobility")
        + "regions:\n  - id: test-region",
    )
    kb = _with_layer(tmp_path, favoured)
    ranked = rank_techniques(kb, [kb.regions["test-region"]])
    # A guideline for acupuncture lifts it above shiatsu (borrowed evidence only), not above
    # stretching, which a guideline favours here.
    assert [item.technique.id for item in ranked] == [
        "stretching-mobility",
        "traditional-acupuncture",
        "shiatsu",
    ]
    assert ranked[1].basis.after_self_care and not ranked[1].basis.held_back
    # A guideline favours exercise here though only stretching, with nothing for it, is on the
    # page: acupuncture still stays after stretching.
    exercise = favoured.replace(
        guideline("test-stretching-for", "strong for", "stretching-mobility"),
        guideline("test-exercise-for", "conditional for", "exercise"),
    )
    assert _order(_with_layer(tmp_path, exercise)) == [
        "shiatsu",
        "stretching-mobility",
        "traditional-acupuncture",
    ]


def test_an_uncertain_effect_never_lifts_a_technique(tmp_path: Path) -> None:
    text = LAYER.replace("    direction: favourable\n", "    direction: uncertain\n").replace(
        "    regions: [calf]", "    regions: [calf, test-region]"
    )
    kb = _with_layer(tmp_path, text)
    ranked = rank_techniques(kb, [kb.regions["test-region"]])
    assert [(item.label, item.technique.id) for item in ranked[:2]] == [
        ("=1", "stretching-mobility"),
        ("=1", "shiatsu"),
    ]
    assert "effect uncertain" in ranked[1].basis.certainty.label


def test_a_lapsed_guideline_is_shown_and_not_ranked_on(tmp_path: Path) -> None:
    lapsed = LAYER.replace(
        "evidence:\n",
        "evidence:\n  - id: test-lapsed\n    title: An old guideline\n"
        "    finding: Offer it.\n    certainty: high\n    stance: strong for\n"
        "    lapsed: Its publisher withdrew it.\n    basis: A guideline.\n"
        "    techniques: [traditional-acupuncture]\n    regions: [test-region]\n"
        "    sources: [article]\n",
    )
    kb = _with_layer(tmp_path, lapsed)
    assert _order(kb) == _order(_with_layer(tmp_path, LAYER))
    acupuncture = rank_techniques(kb, [kb.regions["test-region"]])[-1]
    assert [entry.id for entry in acupuncture.basis.guideline.lapsed] == ["test-lapsed"]


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
    orders = [_order(kb) for kb in (plain, reordered, claimed)]
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


def _all_pages(kb: KnowledgeBase) -> list[list[Region | Cause]]:
    """The holders of every region page, cause page and region + cause page."""
    regions: list[Region | Cause] = list(kb.regions.values())
    causes: list[Region | Cause] = list(kb.causes.values())
    return [
        *([holder] for holder in [*regions, *causes]),
        *([region, cause] for region in regions for cause in causes),
    ]


def test_a_reason_says_a_technique_is_held_back_only_where_the_rank_holds_it_back(
    kb: KnowledgeBase,
) -> None:
    # The sentence about being held back below the safer options is added from the computed
    # rank, so it is there exactly where the rank holds the technique back.
    checked = 0
    for holders in _all_pages(kb):
        for item in rank_techniques(kb, holders):
            notes = [
                suggestion.if_held_back
                for holder in holders
                for suggestion in holder.techniques
                if suggestion.technique == item.technique.id and suggestion.if_held_back
            ]
            text = " ".join(reason.text for reason in item.reasons)
            for note in notes:
                checked += 1
                assert (note in text) == (item.basis.held_back is not None), (
                    [getattr(holder, "id", None) for holder in holders],
                    item.technique.id,
                )
    assert checked


@pytest.mark.parametrize("region_id", ["neck", "upper-back-shoulders"])
def test_acupuncture_on_a_chronic_page_does_not_say_it_ranks_below_the_safer_options(
    kb: KnowledgeBase, region_id: str
) -> None:
    # Alone, the region holds acupuncture back and its reason says so; with chronic pain
    # (NG193 in favour) acupuncture ranks above the hands-on techniques, and its reason must
    # not say it ranks below them.
    alone = rank_techniques(kb, [kb.regions[region_id]])
    chronic = rank_techniques(kb, [kb.regions[region_id], kb.causes["chronic-conditions"]])
    acupuncture_alone = next(i for i in alone if i.technique.id == "traditional-acupuncture")
    acupuncture = next(i for i in chronic if i.technique.id == "traditional-acupuncture")
    assert acupuncture_alone.basis.held_back is not None
    assert "below the safer options" in acupuncture_alone.reasons[0].text
    hands_on = [
        item.rank
        for item in chronic
        if item.technique.invasiveness not in NEEDLING and item.technique.category != "self-care"
    ]
    assert hands_on and acupuncture.rank < min(hands_on)
    assert acupuncture.basis.held_back is None
    assert not any("below the safer" in reason.text for reason in acupuncture.reasons)
