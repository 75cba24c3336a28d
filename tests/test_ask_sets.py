"""`ask` measured on two sets of phrasings (tests/ask_sets.py scores them): a development set
the reading may be tuned on, and a frozen set written by someone who never saw the vocabulary
(tests/ask_frozen.yaml, never a source of words). The report is printed per set and per kind;
the frozen set must be read right at least 90% of the time, every urgent phrasing must stop
under a warning at least as urgent as its sign, and at most 2% of ordinary or denied phrasings
may raise an emergency.

The frozen set names the warning signs the guide had when it was written; some have since been
split, and a phrasing may name the old sign where the guide now shows the part that moved. Its
thresholds are held on the score that counts a successor at least as urgent as the named sign
(`SUCCESSIONS`, from the history of data/red_flags.yaml); the raw score is printed beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasmguide.kb.ask import Understanding, understand
from spasmguide.kb.model import URGENCY_ORDER, KnowledgeBase
from tests.ask_sets import (
    KINDS,
    MAX_FALSE_EMERGENCIES,
    REQUIRED_RIGHT,
    REQUIRED_URGENT_STOPPED,
    SUCCESSIONS,
    Report,
    evaluate,
    evaluate_both,
    load,
    score,
)

HERE = Path(__file__).parent
FROZEN = HERE / "ask_frozen.yaml"
DEVELOPMENT = HERE / "ask_dev.yaml"
# The frozen set as it was copied in, before any tuning: its phrasings never change.
FROZEN_SHA256 = "04353749dab689c710ebea402d15759539cb03ab8aa812fa5b741992a0836926"


def _report(kb: KnowledgeBase, path: Path, capsys: pytest.CaptureFixture[str]) -> Report:
    report = evaluate(kb, load(path), lambda text: understand(kb, text))
    with capsys.disabled():
        print("\n" + report.table(path.name))
    return report


def test_the_frozen_set_is_unchanged_and_big_enough() -> None:
    import hashlib

    assert hashlib.sha256(FROZEN.read_bytes()).hexdigest() == FROZEN_SHA256
    phrasings = load(FROZEN)
    assert len(phrasings) >= 150
    kinds = [phrasing["kind"] for phrasing in phrasings]
    assert set(kinds) <= set(KINDS)
    assert kinds.count("urgent") >= 40 and kinds.count("denied") >= 20


def test_the_development_set(kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report(kb, DEVELOPMENT, capsys)
    assert report.right_rate >= REQUIRED_RIGHT, report.failures()
    assert report.urgent_stopped_rate >= REQUIRED_URGENT_STOPPED, report.failures()
    assert report.false_emergency_rate <= MAX_FALSE_EMERGENCIES, report.failures()


def test_every_succession_is_a_sign_split_into_one_at_least_as_urgent(kb: KnowledgeBase) -> None:
    for old, successors in SUCCESSIONS.items():
        assert old in kb.red_flags, old
        for new in successors:
            assert new in kb.red_flags, new
            assert new != old
            rank = URGENCY_ORDER[kb.red_flags[new].urgency]
            assert rank <= URGENCY_ORDER[kb.red_flags[old].urgency], (old, new)


def _answer(kb: KnowledgeBase, *flag_ids: str) -> Understanding:
    return Understanding("", tuple((kb.red_flags[f], ()) for f in flag_ids), ())


def test_a_successor_counts_as_the_old_sign_only_with_successions(kb: KnowledgeBase) -> None:
    phrasing = {"text": "", "kind": "urgent", "flag": "giant-cell-arteritis"}
    answer = _answer(kb, "gca-vision", "giant-cell-arteritis")
    assert not score(kb, phrasing, answer).right
    assert score(kb, phrasing, answer, SUCCESSIONS).right
    # Another sign, even an emergency, is not the named one.
    other = _answer(kb, "possible-stroke", "giant-cell-arteritis")
    assert not score(kb, phrasing, other, SUCCESSIONS).right


def test_a_successor_less_urgent_than_the_old_sign_does_not_count(kb: KnowledgeBase) -> None:
    phrasing = {"text": "", "kind": "urgent", "flag": "possible-tetanus"}  # an emergency
    answer = _answer(kb, "cramp-urgent")  # urgent
    assert not score(kb, phrasing, answer, {"possible-tetanus": ("cramp-urgent",)}).right


def test_a_denied_sign_is_not_raised_under_its_successor(kb: KnowledgeBase) -> None:
    phrasing = {"text": "", "kind": "denied", "flag": "cramps-see-doctor"}
    answer = _answer(kb, "cramps-see-doctor")
    assert not score(kb, phrasing, answer, SUCCESSIONS).right
    split = {"cramps-see-doctor": ("claudication",)}  # as urgent: raising it raises the sign
    assert score(kb, phrasing, _answer(kb, "claudication")).right
    assert not score(kb, phrasing, _answer(kb, "claudication"), split).right


def test_the_frozen_set(kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    raw, report = evaluate_both(kb, load(FROZEN), lambda text: understand(kb, text))
    with capsys.disabled():
        print("\n" + raw.table(f"{FROZEN.name}, raw (the signs as the set names them)"))
        print(report.table(f"{FROZEN.name}, with successions (held to the thresholds)"))
        print(
            f"frozen set right: raw {raw.right_rate:.1%}, with successions"
            f" {report.right_rate:.1%}; urgent stopped {report.urgent_stopped_rate:.1%};"
            f" false emergencies {report.false_emergency_rate:.1%}"
        )
    problems = []
    if report.right_rate < REQUIRED_RIGHT:
        problems.append(f"right {report.right_rate:.1%} < {REQUIRED_RIGHT:.0%}")
    if report.urgent_stopped_rate < REQUIRED_URGENT_STOPPED:
        problems.append(f"urgent stopped {report.urgent_stopped_rate:.1%} < 100%")
    if report.false_emergency_rate > MAX_FALSE_EMERGENCIES:
        problems.append(f"false emergencies {report.false_emergency_rate:.1%} > 2%")
    assert not problems, (
        "; ".join(problems) + f" (raw right {raw.right_rate:.1%})\n" + report.failures()
    )
