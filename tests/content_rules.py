"""The content rules `spasmguide validate` checks, run on the shipped knowledge base for the
tests that hold the shipped content to them."""

from __future__ import annotations

from functools import cache

from spasmguide.kb.layers import shipped_layer
from spasmguide.kb.loader import Placed, load_placed
from spasmguide.kb.model import KnowledgeBase
from spasmguide.kb.rules import check


@cache
def _shipped() -> tuple[KnowledgeBase, Placed]:
    return load_placed([shipped_layer()])


def shipped_problems(rule: str) -> list[str]:
    """What the content rule named `rule` finds wrong in the shipped files, one line each."""
    kb, placed = _shipped()
    return [str(problem) for problem in check(kb, placed, only=rule)]
