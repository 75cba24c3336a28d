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

Run `python -m tests.ask_sets tests/ask_frozen.yaml` for the report.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from spasmguide.kb.model import KnowledgeBase

URGENCY_RANK = {"emergency": 0, "urgent": 1, "see a doctor": 2}
KINDS = ("ordinary", "urgent", "denied")
FIELDS = ("text", "kind", "region", "cause", "flag", "note")

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


def score(kb: KnowledgeBase, phrasing: Mapping[str, Any], understood: Any) -> Outcome:
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
        outcome.flag_first = bool(warnings) and warnings[0][0] == wanted
        flag = kb.red_flags.get(str(wanted))
        expected_rank = URGENCY_RANK[flag.urgency] if flag is not None else 1
        outcome.stopped = bool(warnings) and URGENCY_RANK[warnings[0][1]] <= expected_rank
        ok = ok and outcome.flag_first and outcome.stopped
    else:
        outcome.false_emergency = any(urgency == "emergency" for _, urgency in warnings)
        stops = any(URGENCY_RANK[urgency] <= 1 for _, urgency in warnings)
        raised = [flag_id for flag_id, _ in warnings]
        ok = ok and not stops
        if wanted and kind == "ordinary":
            ok = ok and wanted in raised
        elif wanted:
            ok = ok and wanted not in raised
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
    kb: KnowledgeBase, phrasings: Iterable[Mapping[str, Any]], reader: Callable[[str], Any]
) -> Report:
    by_kind = {kind: Tally() for kind in KINDS}
    overall = Tally()
    outcomes = []
    for phrasing in phrasings:
        outcome = score(kb, phrasing, reader(str(phrasing["text"])))
        outcomes.append(outcome)
        by_kind[phrasing["kind"]].add(outcome)
        overall.add(outcome)
    return Report(outcomes, by_kind, overall)


def main(paths: Sequence[str]) -> None:
    from spasmguide.kb.ask import understand
    from spasmguide.kb.loader import load_knowledge_base

    kb = load_knowledge_base()
    show_failures = "--failures" in paths
    for path in [p for p in paths if not p.startswith("--")]:
        report = evaluate(kb, load(Path(path)), lambda text: understand(kb, text))
        print(report.table(path))
        if show_failures:
            print(report.failures())
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
