"""Scores `ask` on a set of phrasings: region right, cause right, urgent sign first and stopped,
false alarms; per kind (ordinary, urgent, denied) and overall.

Each phrasing names its text, its kind, and what it is about (`region`, `cause`, `flag`, each
optional). A phrasing is right when:
- the region it names is the region of the first reading, and the cause it names is the cause
  of one of the readings;
- urgent: the warning sign it names comes first, and the answer stops under a warning at least
  as urgent as that sign;
- ordinary and denied: no emergency or urgent warning is raised (the answer does not stop);
  an ordinary phrasing that names a "see a doctor" sign must raise that sign, and a denied
  phrasing that names the sign it denies must not raise it.
A false alarm is an emergency raised by ordinary or denied text.

A set written before the knowledge base split a warning sign names the old sign where the guide
now shows the part that moved under a sign of its own. `SUCCESSIONS` records those splits, from
the history of data/red_flags.yaml (docs/decisions/016); scored with it, a successor at least as
urgent as the named sign counts as that sign. Without it the score is the raw one. Both are
reported for the frozen set.

Run `python -m tests.ask_sets tests/ask_frozen.yaml` for the report.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from spasmguide.kb.model import URGENCY_ORDER, KnowledgeBase

KINDS = ("ordinary", "urgent", "denied")
FIELDS = ("text", "kind", "region", "cause", "flag", "note")

# Warning signs the knowledge base has split since the frozen set was written: the old sign's id,
# and the signs that took over part of what it said. Each entry is a move the history of
# data/red_flags.yaml shows (the part left the old sign's text, or the old sign now sends the
# reader to the new one); signs that were only added, covering what no sign said before, are not
# successors. Written from the red flags' history, never from a phrasing.
SUCCESSIONS: dict[str, tuple[str, ...]] = {
    # e392c93: "A major trauma, such as a fall from a height or a road accident" left the
    # possible fracture for an emergency sign of its own; the upper back sign's "A trauma" became
    # "a minor fall" and its action sends a serious accident to the major trauma sign.
    "possible-fracture": ("back-major-trauma",),
    "upper-back-serious-cause": ("back-major-trauma",),
    # e392c93: the signs of pressure on the spinal cord (clumsy hands, unsteady walking, a change
    # in bladder or bowel control) left the neck's serious-cause sign for an emergency sign.
    "neck-serious-cause": ("neck-cord-compression",),
    # e392c93: "Any change in vision" left giant cell arteritis, and "Double vision or loss of
    # vision together with jaw problems" left the locking jaw, for the emergency vision sign.
    "giant-cell-arteritis": ("gca-vision",),
    "jaw-locking": ("gca-vision",),
    # e392c93: "Cramps or muscle spasms after a wound" left the same-day cramp sign; the tetanus
    # sign now names spasms after a wound anywhere, and the cramp sign's action sends them there.
    "cramp-urgent": ("possible-tetanus",),
    # e392c93: statins were among the medicines of "cramps to mention to a doctor"; muscle pain
    # on a statin is now a sign of its own, which that sign's action sends the reader to.
    "cramps-see-doctor": ("statin-muscle-pain",),
    # "A headache after a recent head injury" left the same-day headache sign for an emergency
    # sign of its own (the NHS head injury tiers); the same-day sign's action sends it there.
    "headache-same-day": ("after-head-injury",),
    # "Neck pain after a violent injury" and a neck that cannot be moved after a fall or crash
    # left the neck emergency for a sign of its own (a neck hurt in a fall, crash, dive or
    # blow); the neck emergency's action sends an injured neck there.
    "neck-emergency": ("neck-injury",),
}

# Thresholds on the frozen set.
REQUIRED_RIGHT = 0.90
REQUIRED_URGENT_STOPPED = 1.0
MAX_FALSE_EMERGENCIES = 0.02


def load(path: Path) -> list[dict[str, Any]]:
    phrasings = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(phrasings, dict):  # a mapping with the list under one key
        (phrasings,) = [value for value in phrasings.values() if isinstance(value, list)]
    assert isinstance(phrasings, list)
    return [{key: (None if value in ("", "none", None) else value) for key, value in item.items()}
            for item in phrasings]  # fmt: skip


@dataclass
class Outcome:
    """What `ask` made of one phrasing, and how it scores."""

    phrasing: Mapping[str, Any]
    regions: list[str]
    causes: list[str]
    warnings: list[tuple[str, str]]  # (id, urgency), first shown first
    region_ok: bool | None = None
    cause_ok: bool | None = None
    flag_first: bool | None = None
    stopped: bool | None = None
    false_emergency: bool = False
    any_warning: bool = False
    right: bool = False


def counts_as(
    kb: KnowledgeBase,
    wanted: str,
    raised: str,
    successions: Mapping[str, Sequence[str]] | None = None,
) -> bool:
    """Whether the sign `raised` counts as the sign a phrasing names: the same sign, or (scored
    with successions) a sign that took over part of it and is at least as urgent."""
    if raised == wanted:
        return True
    if not successions or raised not in successions.get(wanted, ()):
        return False
    old, new = kb.red_flags.get(wanted), kb.red_flags.get(raised)
    return (
        old is not None
        and new is not None
        and URGENCY_ORDER[new.urgency] <= URGENCY_ORDER[old.urgency]
    )


def score(
    kb: KnowledgeBase,
    phrasing: Mapping[str, Any],
    understood: Any,
    successions: Mapping[str, Sequence[str]] | None = None,
) -> Outcome:
    regions = [r.region.id for r in understood.readings if r.region is not None]
    first_region = understood.readings[0].region if understood.readings else None
    causes = [r.cause.id for r in understood.readings if r.cause is not None]
    warnings = [(flag.id, flag.urgency) for flag, *_ in understood.warnings]
    outcome = Outcome(phrasing, regions, causes, warnings)
    kind = phrasing["kind"]
    if phrasing.get("region"):
        outcome.region_ok = first_region is not None and first_region.id == phrasing["region"]
    if phrasing.get("cause"):
        outcome.cause_ok = phrasing["cause"] in causes
    outcome.any_warning = bool(warnings)
    ok = outcome.region_ok is not False and outcome.cause_ok is not False
    wanted = phrasing.get("flag")
    if kind == "urgent":
        outcome.flag_first = bool(warnings) and counts_as(
            kb, str(wanted), warnings[0][0], successions
        )
        flag = kb.red_flags.get(str(wanted))
        expected_rank = URGENCY_ORDER[flag.urgency] if flag is not None else 1
        outcome.stopped = bool(warnings) and URGENCY_ORDER[warnings[0][1]] <= expected_rank
        ok = ok and outcome.flag_first and outcome.stopped
    else:
        outcome.false_emergency = any(urgency == "emergency" for _, urgency in warnings)
        stops = any(URGENCY_ORDER[urgency] <= 1 for _, urgency in warnings)
        raised = [flag_id for flag_id, _ in warnings]
        ok = ok and not stops
        named = any(counts_as(kb, str(wanted), flag_id, successions) for flag_id in raised)
        if wanted and kind == "ordinary":
            ok = ok and named
        elif wanted:
            ok = ok and not named
    outcome.right = ok
    return outcome


@dataclass
class Tally:
    count: int = 0
    right: int = 0
    region: list[bool] = field(default_factory=list)
    cause: list[bool] = field(default_factory=list)
    flag_first: list[bool] = field(default_factory=list)
    stopped: list[bool] = field(default_factory=list)
    false_emergencies: int = 0
    any_warning: int = 0

    def add(self, outcome: Outcome) -> None:
        self.count += 1
        self.right += outcome.right
        for name in ("region", "cause", "flag_first", "stopped"):
            value = getattr(outcome, f"{name}_ok" if name in ("region", "cause") else name)
            if value is not None:
                getattr(self, name).append(value)
        self.false_emergencies += outcome.false_emergency
        self.any_warning += outcome.any_warning


def _rate(values: Sequence[bool] | tuple[int, int]) -> str:
    if isinstance(values, tuple):
        hits, total = values
    else:
        hits, total = sum(values), len(values)
    return f"{hits / total:6.1%} ({hits}/{total})" if total else "     - (0)"


@dataclass
class Report:
    outcomes: list[Outcome]
    by_kind: dict[str, Tally]
    overall: Tally

    @property
    def right_rate(self) -> float:
        return self.overall.right / self.overall.count if self.overall.count else 0.0

    @property
    def urgent_stopped_rate(self) -> float:
        stopped = self.by_kind["urgent"].stopped
        return sum(stopped) / len(stopped) if stopped else 1.0

    @property
    def false_emergency_rate(self) -> float:
        calm = [t for kind, t in self.by_kind.items() if kind != "urgent"]
        total = sum(t.count for t in calm)
        return sum(t.false_emergencies for t in calm) / total if total else 0.0

    def table(self, name: str) -> str:
        lines = [
            f"{name}: {self.overall.count} phrasings",
            f"{'kind':<9} {'n':>4}  {'right':<17} {'region':<17} {'cause':<17}"
            f" {'sign first':<17} {'stopped':<17} {'false emerg.':<17} {'any warning':<17}",
        ]
        for kind, tally in [*self.by_kind.items(), ("all", self.overall)]:
            lines.append(
                f"{kind:<9} {tally.count:>4}  {_rate((tally.right, tally.count)):<17}"
                f" {_rate(tally.region):<17} {_rate(tally.cause):<17}"
                f" {_rate(tally.flag_first):<17} {_rate(tally.stopped):<17}"
                f" {_rate((tally.false_emergencies, tally.count)):<17}"
                f" {_rate((tally.any_warning, tally.count)):<17}"
            )
        lines.append(
            f"right overall {self.right_rate:.1%}; urgent stopped {self.urgent_stopped_rate:.1%};"
            f" false emergencies {self.false_emergency_rate:.1%} of ordinary and denied"
        )
        return "\n".join(lines)

    def failures(self) -> str:
        lines = []
        for o in self.outcomes:
            if o.right:
                continue
            p = o.phrasing
            wanted = ", ".join(f"{k}={p[k]}" for k in ("region", "cause", "flag") if p.get(k))
            lines.append(
                f"[{p['kind']}] {p['text']!r}\n    wanted {wanted or 'nothing'}; got regions"
                f" {o.regions} causes {o.causes} warnings {[w for w, _ in o.warnings]}"
            )
        return "\n".join(lines)


def evaluate(
    kb: KnowledgeBase,
    phrasings: Iterable[Mapping[str, Any]],
    reader: Callable[[str], Any],
    successions: Mapping[str, Sequence[str]] | None = None,
) -> Report:
    return evaluate_both(kb, phrasings, reader, successions or {})[1 if successions else 0]


def evaluate_both(
    kb: KnowledgeBase,
    phrasings: Iterable[Mapping[str, Any]],
    reader: Callable[[str], Any],
    successions: Mapping[str, Sequence[str]] = SUCCESSIONS,
) -> tuple[Report, Report]:
    """The raw report and the one scored with `successions`, each phrasing read once."""
    reports = []
    read = [(phrasing, reader(str(phrasing["text"]))) for phrasing in phrasings]
    for table in (None, successions):
        by_kind = {kind: Tally() for kind in KINDS}
        overall = Tally()
        outcomes = []
        for phrasing, understood in read:
            outcome = score(kb, phrasing, understood, table)
            outcomes.append(outcome)
            by_kind[phrasing["kind"]].add(outcome)
            overall.add(outcome)
        reports.append(Report(outcomes, by_kind, overall))
    return reports[0], reports[1]


def main(paths: Sequence[str]) -> None:
    from spasmguide.kb.ask import understand
    from spasmguide.kb.loader import load_knowledge_base

    kb = load_knowledge_base()
    show_failures = "--failures" in paths
    for path in [p for p in paths if not p.startswith("--")]:
        raw, aware = evaluate_both(kb, load(Path(path)), lambda text: understand(kb, text))
        print(raw.table(f"{path} (raw)"))
        print(aware.table(f"{path} (with successions)"))
        if show_failures:
            print(aware.failures())
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
