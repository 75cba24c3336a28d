"""Reads the YAML knowledge base strictly, against the schema in `spasmguide.kb.model`.

Every file is composed into YAML nodes (which keep their line and column) and checked field by
field, so each problem is reported as `file:line:column: message` and all the problems of a
file are reported together. Scalars are kept as the text written, so YAML 1.1 surprises
(`no` read as false, `1.10` as a number, `2024-01-01` as a date) are caught rather than let
through.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import typing
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeGuard, TypeVar, get_args, get_origin

import yaml

from spasmguide.errors import InvalidContentError, NotFoundError
from spasmguide.kb.fields import SAFETY_FIELDS, safety_fields
from spasmguide.kb.layers import (
    SHIPPED,
    FileReport,
    Layer,
    Location,
    Problem,
    ReadBudget,
    TotalTooLarge,
    check_total_size,
    shipped_layer,
)
from spasmguide.kb.map_layout import problems as map_problems
from spasmguide.kb.model import (
    COLLECTIONS,
    KIND_BY_COLLECTION,
    NOTICE_MUST_NAME,
    Guide,
    KnowledgeBase,
    Ref,
    field_types,
    is_record,
)
from spasmguide.kb.names import name_table

# The standing notice is what keeps the guide safe to read; no layer may drop it.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
GUIDE_KEY = "guide"
MAX_PROBLEMS_LISTED = 100  # the rest are counted, not listed

# Tags a plain (unquoted) scalar resolves to that mean YAML read it as something other than text.
_NON_TEXT_TAGS = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "an empty value",
}
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_KNOWN_TAGS = frozenset({_STR_TAG, _MAP_TAG, _SEQ_TAG, *_NON_TEXT_TAGS})
_N = TypeVar("_N", bound=yaml.Node)
# The tag each kind of node must carry: no other is allowed on it (`!!str` on a list is not).
_PLAIN_TAGS: dict[type[yaml.Node], str] = {
    yaml.ScalarNode: _STR_TAG,
    yaml.SequenceNode: _SEQ_TAG,
    yaml.MappingNode: _MAP_TAG,
}


@dataclass(frozen=True)
class _Reference:
    kind: str
    target: str
    at: Location


@dataclass(frozen=True)
class Defined:
    """An entry (or the guide) as a file defines it: where, and the ids it refers to; its YAML
    node only when read for `validate`'s checks (`parse_file(..., placed=True)`)."""

    value: Any
    where: Location
    references: tuple[_Reference, ...]
    node: Any = dataclasses.field(default=None, compare=False, repr=False)

    def at(self, key: str) -> Location:
        """Where the entry's `key` is written, or the entry itself when it has no such key."""
        for key_node, _ in getattr(self.node, "value", ()):
            if getattr(key_node, "value", None) == key:
                mark = key_node.start_mark
                return Location(self.where.path, mark.line + 1, mark.column + 1)
        return self.where


@dataclass
class ParsedFile:
    """The entries of one file, with the place each entry was defined."""

    path: str
    guide: Defined | None = None
    entries: dict[str, list[Defined]] = dataclasses.field(default_factory=dict)
    references: list[_Reference] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)


def load_knowledge_base(
    layers: Sequence[Layer] | None = None, contents: MutableMapping[Path, bytes] | None = None
) -> KnowledgeBase:
    """Loads and checks the given layers (the shipped knowledge base alone by default),
    using the bytes in `contents` for files already read. Each file's bytes are taken out of
    `contents` once parsed, so a large layer's text is not all held while the rest is read.

    Raises InvalidContentError listing every problem found when anything is wrong.
    """
    chosen = list(layers) if layers is not None else [shipped_layer()]
    check_total_size(chosen)
    known: MutableMapping[Path, bytes] = contents if contents is not None else {}
    budget = ReadBudget(sum(len(data) for data in known.values()))
    return assemble(
        [
            (layer, [parse_file(path, known.pop(path, None), budget) for path in layer.files])
            for layer in chosen
        ]
    )


def assemble(layers: Iterable[tuple[Layer, Sequence[ParsedFile]]]) -> KnowledgeBase:
    """Merges layers into one knowledge base. Within a layer every id must be unique; a later
    layer's entry replaces an earlier one with the same id. References must resolve in the
    result, no two entries of a kind may answer to the same name, and the notice must stand."""
    return assemble_placed(layers)[0]


Placed = Mapping[str, Mapping[str, Defined]]  # per kind, each entry in force and where it is


def load_placed(layers: Sequence[Layer]) -> tuple[KnowledgeBase, Placed]:
    """The knowledge base read afresh from the layers, with where each entry in force was
    written (for `validate`'s content rules); raises InvalidContentError as loading does."""
    check_total_size(layers)
    budget = ReadBudget()
    return assemble_placed(
        [
            (layer, [parse_file(path, budget=budget, placed=True) for path in layer.files])
            for layer in layers
        ]
    )


def assemble_placed(
    layers: Iterable[tuple[Layer, Sequence[ParsedFile]]],
) -> tuple[KnowledgeBase, Placed]:
    """As `assemble`, with where each entry in force was written."""
    merged = _merge(layers)
    collections = {
        kind: {entry_id: defined.value for entry_id, defined in entries.items()}
        for kind, entries in merged.in_force.items()
    }
    problems = [*merged.problems, *_check_notice(merged.guide)]
    names: dict[str, dict[str, str]] = {}
    if not merged.unread:
        # A file that could not be read at all leaves every reference into it dangling; those
        # would bury its one real problem, so the cross-file checks wait until it is fixed.
        problems += [*_check_references(merged, collections), *_check_map(merged, collections)]
        names, clashes = _check_names(merged, collections)
        problems += clashes
    if problems or merged.guide is None:
        raise invalid(problems)
    kb = KnowledgeBase(
        guide=merged.guide.value, names=names, changed_by=merged.changed_by, **collections
    )
    return kb, merged.in_force


@dataclass
class _Merged:
    """The entries in force after layering, each with where it was defined."""

    in_force: dict[str, dict[str, Defined]]
    guide: Defined | None
    problems: list[Problem]
    # Shipped safety content a user's file replaced: "kind/id" to that file.
    changed_by: dict[str, str] = dataclasses.field(default_factory=dict)
    # Files that could not be read at all (their bytes, their YAML or their top level).
    unread: list[str] = dataclasses.field(default_factory=list)


def _merge(layers: Iterable[tuple[Layer, Sequence[ParsedFile]]]) -> _Merged:
    merged = _Merged({kind: {} for kind in COLLECTIONS}, None, [])
    shipped: dict[tuple[str, str], Any] = {}
    shipped_notice: str | None = None
    shipped_guide: Guide | None = None
    for layer, parsed in layers:
        from_user = layer.origin != SHIPPED
        merged.problems.extend(layer.problems)
        layer_guide: Defined | None = None
        seen_in_layer: dict[tuple[str, str], Location] = {}
        for one in parsed:
            merged.problems.extend(one.problems)
            if one.problems and not one.entries and one.guide is None:
                merged.unread.append(one.path)
            if one.guide is not None:
                if layer_guide is not None:
                    merged.problems.append(
                        _again(one.guide.where, "a second 'guide' section", layer_guide.where)
                    )
                layer_guide = merged.guide = one.guide
                _note_guide_change(merged, one.guide, shipped_guide, from_user=from_user)
                if not from_user:
                    shipped_guide = one.guide.value
                    shipped_notice = one.guide.value.notice
                elif shipped_notice is not None and one.guide.value.notice != shipped_notice:
                    merged.problems.append(
                        one.guide.where.problem(
                            "a file of yours cannot change the guide's notice; copy it exactly"
                            " from the shipped guide.yaml"
                        )
                    )
            for kind, entries in one.entries.items():
                for defined in entries:
                    key = (kind, defined.value.id)
                    first = seen_in_layer.get(key)
                    if first is not None:
                        what = f"duplicate id '{defined.value.id}' in {kind}"
                        merged.problems.append(_again(defined.where, what, first))
                        continue
                    seen_in_layer[key] = defined.where
                    merged.in_force[kind][defined.value.id] = defined
                    _note_safety_change(merged, key, defined, shipped, from_user=from_user)
    return merged


# Where `changed_by` records a user's file that changed the guide's safety wording.
GUIDE_CHANGE = "guide/guide"


def _note_guide_change(
    merged: _Merged, defined: Defined, shipped: Guide | None, *, from_user: bool
) -> None:
    """Records which file last replaced the guide's safety wording, if any did."""
    if not from_user or shipped is None:
        return
    changed = any(
        getattr(defined.value, name) != getattr(shipped, name) for name in safety_fields(Guide)
    )
    if changed:
        merged.changed_by[GUIDE_CHANGE] = defined.where.path
    else:
        merged.changed_by.pop(GUIDE_CHANGE, None)


def _note_safety_change(
    merged: _Merged,
    key: tuple[str, str],
    defined: Defined,
    shipped: dict[tuple[str, str], Any],
    *,
    from_user: bool,
) -> None:
    """Records which file last replaced a shipped entry's safety content, if any did."""
    kind, entry_id = key
    fields = SAFETY_FIELDS.get(kind)
    if fields is None:
        return
    if not from_user:
        shipped[key] = defined.value
        return
    original = shipped.get(key)
    if original is None:
        return
    changed = any(getattr(defined.value, f) != getattr(original, f) for f in fields)
    if changed:
        merged.changed_by[f"{kind}/{entry_id}"] = defined.where.path
    else:
        merged.changed_by.pop(f"{kind}/{entry_id}", None)


def _check_references(
    merged: _Merged, collections: Mapping[str, Mapping[str, Any]]
) -> Iterator[Problem]:
    definitions = [defined for entries in merged.in_force.values() for defined in entries.values()]
    for defined in (*definitions, *((merged.guide,) if merged.guide else ())):
        for ref in defined.references:
            if ref.target not in collections[ref.kind]:
                singular = KIND_BY_COLLECTION[ref.kind].singular
                yield ref.at.problem(f"unknown {singular} id '{ref.target}'")


def _check_map(merged: _Merged, collections: Mapping[str, Mapping[str, Any]]) -> Iterator[Problem]:
    """The body map's layout: figures, and places that fit them (`spasmguide.kb.map_layout`)."""
    for kind, entry_id, message in map_problems(collections):
        yield merged.in_force[kind][entry_id].where.problem(message)


def _check_names(
    merged: _Merged, collections: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    names: dict[str, dict[str, str]] = {}
    problems = []
    for kind, collection in collections.items():
        names[kind], clashes = name_table(kind, collection.values())
        for clash in clashes:
            problems.append(merged.in_force[kind][clash.second].where.problem(clash.message))
    return names, problems


def _check_notice(guide: Defined | None) -> list[Problem]:
    if guide is None:
        return [Problem("knowledge base", 0, 0, "no 'guide' section in any file")]
    if NOTICE_MUST_NAME not in guide.value.notice:
        return [guide.where.problem(f"the guide's notice must name a {NOTICE_MUST_NAME}")]
    return []


def _again(where: Location, what: str, first: Location) -> Problem:
    return where.problem(f"{what} (first defined at {first.path}:{first.line})")


def invalid(problems: list[Problem]) -> InvalidContentError:
    """The error listing `problems` (the first in its message, the rest as details)."""
    lines = [str(problem) for problem in problems[:MAX_PROBLEMS_LISTED]]
    if len(problems) > MAX_PROBLEMS_LISTED:
        lines.append(f"… and {len(problems) - MAX_PROBLEMS_LISTED:,} more")
    more = f" (and {len(problems) - 1:,} more problems)" if len(problems) > 1 else ""
    message = f"invalid knowledge base: {lines[0]}{more}"
    return InvalidContentError(message, details=tuple(lines), count=len(problems))


# What an error may quote of a file's own text: a short word such as a key or a choice. Longer
# or odder text (a file that is not YAML at all, such as a password file behind a symlink) is
# described, never echoed.
_QUOTABLE = re.compile(r"[A-Za-z0-9_.,/!' -]{1,40}")


def _excerpt(value: object) -> str:
    """`value` quoted when it is a short plain word, else only how long it is."""
    text = str(value)
    if _QUOTABLE.fullmatch(text):
        return f"'{text}'"
    return f"(text of {len(text)} characters, not quoted)"


def decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidContentError(
            f"{path}: not UTF-8 text (bad byte at offset {error.start})"
        ) from None


# Files parsed in this process, by name and content: a program that opens the guide again with
# other layers (the Python API, a long-running viewer) parses an unchanged file once. The key
# holds a digest of the exact bytes, so an edited file is always parsed afresh. Only files of
# up to 512 KB are kept (the shipped guide's largest is about 150 KB), up to 1 MB of them in
# all, so a teacher's very large layer is never held in memory a second time.
_PARSED: dict[tuple[str, bool, bytes], tuple[ParsedFile, int]] = {}
_PARSED_FILE_KEPT = 512 * 1024
_PARSED_BYTES_KEPT = 1024 * 1024


def parse_file(
    path: Path,
    data: bytes | None = None,
    budget: ReadBudget | None = None,
    *,
    placed: bool = False,
) -> ParsedFile:
    """Parses one file (its bytes already read, or read here, counted against `budget`) into
    entries, collecting every problem rather than stopping at the first. Going over the
    budget is raised: no later file is read. With `placed`, each entry keeps its YAML node,
    so a check can say where its keys are (which keeps every file's nodes in memory).

    The result is shared with later calls for the same name and bytes: callers never change
    it."""
    shown = str(path)
    try:
        if data is None:
            data = (budget or ReadBudget()).read(path)
    except TotalTooLarge:
        raise
    except (InvalidContentError, NotFoundError) as error:
        result = ParsedFile(shown)
        result.problems.append(Problem(shown, 0, 0, error.message.removeprefix(f"{shown}: ")))
        return result
    key = (shown, placed, hashlib.blake2b(data, digest_size=32).digest())
    known = _PARSED.get(key)
    if known is not None:
        return known[0]
    parsed = _parse_bytes(path, shown, data, placed=placed)
    if len(data) <= _PARSED_FILE_KEPT:
        while _PARSED and sum(size for _, size in _PARSED.values()) + len(data) > (
            _PARSED_BYTES_KEPT
        ):
            del _PARSED[next(iter(_PARSED))]  # the oldest first
        _PARSED[key] = (parsed, len(data))
    return parsed


def _parse_bytes(path: Path, shown: str, data: bytes, *, placed: bool) -> ParsedFile:
    result = ParsedFile(shown)
    try:
        text = decode(path, data)
    except InvalidContentError as error:
        result.problems.append(Problem(shown, 0, 0, error.message.removeprefix(f"{shown}: ")))
        return result
    refused = _anchors_and_aliases(shown, text)
    if refused:
        result.problems.extend(refused)
        return result
    try:
        root = yaml.compose(text, Loader=_yaml_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = " ".join(part for part in (error.context, error.problem) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        result.problems.append(Problem(shown, line, column, f"YAML syntax error: {reason}"))
        return result
    except yaml.YAMLError as error:
        result.problems.append(Problem(shown, 0, 0, f"YAML error: {error}"))
        return result
    except RecursionError:  # the pure-Python parser on very deep nesting
        result.problems.append(Problem(shown, 0, 0, "nested too deeply"))
        return result
    if root is None:
        result.problems.append(Problem(shown, 0, 0, "the file is empty"))
        return result
    _FileReader(result, placed).read_root(root)
    return result


# Where an anchor (`&name`) or alias (`*name`) could begin: after a space, the start of a
# line, or a flow indicator. Text such as "R&D" or "a & b" never matches; a match is
# confirmed by the parser's own events.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s\[\]{},]", re.MULTILINE)


def _anchors_and_aliases(path: str, text: str) -> list[Problem]:
    """Every anchor and alias in `text`. They are refused outright: an alias of a long text
    would let a small file stand for a huge one, and of a list or mapping a
    self-referencing one."""
    if not _MAYBE_ANCHOR.search(text):
        return []
    problems = []
    try:
        for event in yaml.parse(text, Loader=_yaml_loader()):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                message = "anchors and aliases (&name, *name) are not allowed"
                problems.append(Problem(path, line, column, message))
                if len(problems) > MAX_PROBLEMS_LISTED:
                    break
    except yaml.YAMLError:
        return problems  # the composer reports the syntax error with its place
    return problems


@cache
def _yaml_loader() -> type[Any]:
    # Composing needs no implicit typing (see _implicit_tag). The C loader is several times
    # faster, with a fallback for a PyYAML built without libyaml.
    loader: type[Any] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    return loader


Shape = Literal["record", "list", "choice", "optional", "text", "ref"]


class _Failed:
    """What building a value returns after noting a problem (None means 'absent')."""


FAILED = _Failed()


class _Plan(NamedTuple):
    """How to build a value of one schema type, worked out once per type."""

    shape: Shape
    target: Any = None
    inner: _Plan | None = None
    choices: tuple[str, ...] = ()
    fields: tuple[tuple[str, _Plan, bool], ...] = ()  # name, plan, required


_PLANS: dict[Any, _Plan] = {}


def _plan(target: Any) -> _Plan:
    if target not in _PLANS:
        _PLANS[target] = _make_plan(target)
    return _PLANS[target]


def _make_plan(target: Any) -> _Plan:
    origin = get_origin(target)
    if origin is typing.Annotated:
        base, *extras = get_args(target)
        refs = [extra for extra in extras if isinstance(extra, Ref)]
        return _Plan("ref", refs[0].kind, _plan(base)) if refs else _plan(base)
    if is_record(target):
        fields = tuple(
            (name, _plan(hint), name not in target._field_defaults)
            for name, hint in field_types(target).items()
        )
        return _Plan("record", target, fields=fields)
    if origin is tuple:
        return _Plan("list", inner=_plan(get_args(target)[0]))
    if origin is Literal:
        return _Plan("choice", choices=get_args(target))
    if origin in (typing.Union, _UnionType) and type(None) in get_args(target):
        (present,) = (argument for argument in get_args(target) if argument is not type(None))
        return _Plan("optional", inner=_plan(present))
    if target is str:
        return _Plan("text")
    raise TypeError(f"unsupported schema type {target!r}")


def _implicit_tag(value: str) -> str | None:
    """The type YAML 1.1 would give an unquoted scalar (bool, int, float, null, timestamp),
    or None for text. The loader composes without implicit typing, so it can tell a user
    that `no` or `2024-01-01` would not have been read as the text they wrote."""
    if len(value) > 5 and value[:1].isalpha():  # longer than any bool or null word
        return None
    for tag, pattern in _IMPLICIT_RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            return str(tag)
    return None


_IMPLICIT_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


class _FileReader:
    """Turns the nodes of one file into model records, noting problems as it goes."""

    def __init__(self, result: ParsedFile, placed: bool = False) -> None:
        self.result = result
        self.placed = placed
        self.seen: set[int] = set()

    def problem(self, node: yaml.Node, message: str) -> _Failed:
        """Notes a problem at `node`; returns FAILED for the value that could not be built."""
        self.result.problems.append(self.place(node).problem(message))
        return FAILED

    def is_plain(self, node: yaml.Node, kind: type[_N], what: str, must_be: str) -> TypeGuard[_N]:
        """Whether `node` is a `kind` of node under its plain tag; when not, notes that `what`
        must be `must_be` ("{found}" in it names what the node is instead) or that its tag is
        not allowed."""
        if not isinstance(node, kind):
            self.problem(node, f"{what} must be {must_be.format(found=_node_kind(node))}")
            return False
        if node.tag != _PLAIN_TAGS[kind]:
            self.problem(node, f"{what}: the tag {_excerpt(node.tag)} is not allowed")
            return False
        return True

    def defined(self, value: Any, node: yaml.Node, references_before: int) -> Defined:
        references = tuple(self.result.references[references_before:])
        return Defined(value, self.place(node), references, node if self.placed else None)

    def place(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.result.path, mark.line + 1, mark.column + 1)

    def read_root(self, root: yaml.Node) -> None:
        pairs = self.mapping_pairs(root, "the top of the file")
        if isinstance(pairs, _Failed):
            return
        allowed = [GUIDE_KEY, *COLLECTIONS]
        for key, value in pairs.items():
            if key == GUIDE_KEY:
                references_before = len(self.result.references)
                guide = self.build(value, _plan(Guide), "guide")
                if guide is not FAILED:
                    self.result.guide = self.defined(guide, value, references_before)
            elif key in COLLECTIONS:
                self.read_collection(key, value)
            else:
                self.problem(
                    pairs.key_nodes[key],
                    f"unknown section {_excerpt(key)} (expected one of: {', '.join(allowed)})",
                )

    def read_collection(self, kind: str, node: yaml.Node) -> None:
        if not isinstance(node, yaml.SequenceNode) or node.tag != _SEQ_TAG:
            self.problem(node, f"'{kind}' must be a list of entries")
            return
        plan = _plan(COLLECTIONS[kind])
        entries = self.result.entries.setdefault(kind, [])
        for item in node.value:
            references_before = len(self.result.references)
            entry = self.build(item, plan, f"an entry of '{kind}'")
            if entry is not FAILED:
                entries.append(self.defined(entry, item, references_before))

    def first_visit(self, node: yaml.Node) -> bool:
        # Aliases make the composer hand back the same node object twice; refusing them keeps
        # alias bombs and self-referencing structures from ever being expanded. (An alias of
        # a scalar can do neither, so only lists and mappings are tracked.)
        if id(node) in self.seen:
            self.problem(node, "anchors and aliases (&name, *name) are not allowed")
            return False
        self.seen.add(id(node))
        return True

    def mapping_pairs(self, node: yaml.Node, what: str) -> _Pairs | _Failed:
        if not self.is_plain(node, yaml.MappingNode, what, "a mapping of keys to values"):
            return FAILED
        if not self.first_visit(node):
            return FAILED
        pairs = _Pairs()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                self.problem(key_node, "keys must be plain words")
                continue
            key = key_node.value
            if key in pairs:
                first = pairs.key_nodes[key].start_mark.line + 1
                self.problem(key_node, f"duplicate key {_excerpt(key)} (first at line {first})")
                continue
            pairs[key] = value_node
            pairs.key_nodes[key] = key_node
        return pairs

    def build(self, node: yaml.Node, plan: _Plan, what: str) -> Any:
        """Builds a value by `plan` from `node`; FAILED after noting a problem, None when an
        optional value is absent."""
        if node.tag not in _KNOWN_TAGS:
            return self.problem(node, f"{what}: the tag {_excerpt(node.tag)} is not allowed")
        shape = plan.shape
        if shape == "text":
            return self.build_text(node, what)
        if shape == "list":
            return self.build_list(node, plan, what)
        if shape == "ref":
            assert plan.inner is not None
            value = self.build(node, plan.inner, what)
            if isinstance(value, str):
                self.result.references.append(_Reference(plan.target, value, self.place(node)))
            return value
        if shape == "record":
            return self.build_record(node, plan, what)
        if shape == "choice":
            return self.build_choice(node, plan.choices, what)
        # optional: an unquoted null (or ~, or nothing) means absent
        if (
            isinstance(node, yaml.ScalarNode)
            and not node.style
            and _implicit_tag(node.value) == _NULL_TAG
        ):
            return None
        assert plan.inner is not None
        return self.build(node, plan.inner, what)

    def build_record(self, node: yaml.Node, plan: _Plan, what: str) -> Any:
        pairs = self.mapping_pairs(node, what)
        if isinstance(pairs, _Failed):
            return FAILED
        record = plan.target
        ok = True
        for key in pairs:
            if key not in record._fields:
                expected = ", ".join(record._fields)
                self.problem(
                    pairs.key_nodes[key],
                    f"unknown key {_excerpt(key)} in {what} (expected: {expected})",
                )
                ok = False
        values: dict[str, Any] = {}
        for name, field_plan, required in plan.fields:
            field_node = pairs.get(name)
            if field_node is None:
                if required:
                    self.problem(node, f"missing required key '{name}' in {what}")
                    ok = False
                continue
            value = self.build(field_node, field_plan, f"'{name}'")
            if value is FAILED:
                ok = False
                continue
            values[name] = value
        if "id" in values and not ID_PATTERN.fullmatch(values["id"]):
            self.problem(
                pairs["id"],
                f"id {_excerpt(values['id'])} must be lowercase letters and digits"
                " joined by single hyphens",
            )
            ok = False
        return record(**values) if ok else FAILED

    def build_list(self, node: yaml.Node, plan: _Plan, what: str) -> tuple[Any, ...] | _Failed:
        if not self.is_plain(node, yaml.SequenceNode, what, "a list"):
            return FAILED
        if not node.value:
            return self.problem(
                node, f"{what} must not be an empty list (leave the key out instead)"
            )
        if not self.first_visit(node):
            return FAILED
        item_plan = plan.inner
        assert item_plan is not None
        items: list[Any] = []
        item_what = f"an item of {what}"
        for item in node.value:
            value = self.build(item, item_plan, item_what)
            if isinstance(value, _Failed):
                return value
            items.append(value)
        return tuple(items)

    def build_choice(self, node: yaml.Node, choices: tuple[str, ...], what: str) -> str | _Failed:
        value = self.build_text(node, what)
        if isinstance(value, _Failed):
            return FAILED
        if value not in choices:
            allowed = ", ".join(repr(choice) for choice in choices)
            return self.problem(
                node, f"{what} is {_excerpt(value)}, which is not one of: {allowed}"
            )
        return value

    def build_text(self, node: yaml.Node, what: str) -> str | _Failed:
        if not self.is_plain(node, yaml.ScalarNode, what, "text, not a {found}"):
            return FAILED
        value = str(node.value)
        if not node.style:
            reading = _implicit_tag(value)
            if reading is not None:
                return self.problem(
                    node,
                    f"{what}: YAML reads {_excerpt(value)} as {_NON_TEXT_TAGS[reading]};"
                    " put it in quotes if it is text",
                )
        text = value.strip()
        if not text:
            return self.problem(node, f"{what} must not be empty")
        return text


_UnionType = type(int | None)


class _Pairs(dict[str, yaml.Node]):
    """The values of a mapping by key, remembering each key's node for error positions."""

    def __init__(self) -> None:
        super().__init__()
        self.key_nodes: dict[str, yaml.Node] = {}


def _node_kind(node: yaml.Node) -> str:
    return "list" if isinstance(node, yaml.SequenceNode) else "mapping"


def file_reports(layers: Sequence[Layer]) -> list[FileReport]:
    """A report for every file of the given layers, in the order they are layered."""
    reports = []
    seen: set[tuple[str, str]] = set()
    budget = ReadBudget()
    for layer in layers:
        if layer.problems:
            reports.append(FileReport(layer.origin, layer.given, {}, (), len(layer.problems)))
        for path in layer.files:
            parsed = parse_file(path, budget=budget)
            provides = {kind: len(entries) for kind, entries in parsed.entries.items() if entries}
            if parsed.guide is not None:
                provides["guide"] = 1
            keys = [
                (kind, defined.value.id)
                for kind, entries in parsed.entries.items()
                for defined in entries
            ]
            if parsed.guide is not None:
                keys.insert(0, (GUIDE_KEY, GUIDE_KEY))
            replaces = tuple(
                kind if kind == GUIDE_KEY else f"{kind}/{entry_id}"
                for kind, entry_id in keys
                if (kind, entry_id) in seen
            )
            seen.update(keys)
            reports.append(
                FileReport(layer.origin, str(path), provides, replaces, len(parsed.problems))
            )
    return reports
