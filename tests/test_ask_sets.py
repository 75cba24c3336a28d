"""`ask` measured on two sets of phrasings (tests/ask_sets.py scores them): a development set
the reading may be tuned on, and a frozen set written by someone who never saw the vocabulary
(tests/ask_frozen.yaml, never a source of words). The report is printed per set and per kind;
the frozen set must be read right at least 90% of the time, every urgent phrasing must stop
under a warning at least as urgent as its sign, and at most 2% of ordinary or denied phrasings
may raise an emergency."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase
from tests.ask_sets import (
    KINDS,
    MAX_FALSE_EMERGENCIES,
    REQUIRED_RIGHT,
    REQUIRED_URGENT_STOPPED,
    Report,
    evaluate,
    load,
)

HERE = Path(__file__).parent
FROZEN = HERE / "ask_frozen.yaml"
DEVELOPMENT = HERE / "ask_dev.yaml"
# The frozen set as it was copied in, before any tuning: it must never change.
FROZEN_SHA256 = "a821e5b801aba1f7771642ececafd0d12712fc5649cc39d37dd876baec26aafa"


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


def test_the_frozen_set(kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report(kb, FROZEN, capsys)
    problems = []
    if report.right_rate < REQUIRED_RIGHT:
        problems.append(f"right {report.right_rate:.1%} < {REQUIRED_RIGHT:.0%}")
    if report.urgent_stopped_rate < REQUIRED_URGENT_STOPPED:
        problems.append(f"urgent stopped {report.urgent_stopped_rate:.1%} < 100%")
    if report.false_emergency_rate > MAX_FALSE_EMERGENCIES:
        problems.append(f"false emergencies {report.false_emergency_rate:.1%} > 2%")
    assert not problems, "; ".join(problems) + "\n" + report.failures()
