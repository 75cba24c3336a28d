"""Reads the YAML knowledge base strictly, against the schema in `spasmguide.model`.

Every file is composed into YAML nodes (which keep their line and column) and checked field by
field, so each problem is reported as `file:line:column: message` and all the problems of a
file are reported together. Scalars are kept as the text written, so YAML 1.1 surprises
(`no` read as false, `1.10` as a number, `2024-01-01` as a date) are caught rather than let
through.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml

from spasmguide.errors import InvalidContentError, NotFoundError
from spasmguide.model import COLLECTIONS, Entry, Guide, KnowledgeBase, Ref
from spasmguide.names import collect_name_clashes

MAX_FILE_BYTES = 2 * 1024 * 1024
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
GUIDE_KEY = "guide"

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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge-base file, and where."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class _Reference:
    kind: str
    target: str
    problem_at: Problem


@dataclass
class ParsedFile:
    """The entries of one file, with the place each entry was defined."""

    path: str
    guide: Guide | None = None
    guide_at: Problem | None = None
    entries: dict[str, list[tuple[Entry, Problem]]] = dataclasses.field(default_factory=dict)
    references: list[_Reference] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)


def shipped_data_dir() -> Path:
    """The knowledge base that ships with the program: inside the package when installed,
    beside it in a source checkout."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "data"
    return installed if installed.is_dir() else package_dir.parent / "data"


def shipped_files() -> list[Path]:
    return sorted(shipped_data_dir().glob("*.yaml"))


def load_knowledge_base(files: Sequence[Path] | None = None) -> KnowledgeBase:
    """Loads and checks the given files (the shipped knowledge base by default).

    Raises InvalidContentError listing every problem found when anything is wrong.
    """
    paths = list(files) if files is not None else shipped_files()
    parsed = [parse_file(path) for path in paths]
    return assemble(parsed)


def assemble(parsed: Iterable[ParsedFile]) -> KnowledgeBase:
    """Merges parsed files into one knowledge base, checking ids are unique and references
    resolve."""
    problems: list[Problem] = []
    guide: Guide | None = None
    guide_at: Problem | None = None
    collections: dict[str, dict[str, Entry]] = {kind: {} for kind in COLLECTIONS}
    defined_at: dict[tuple[str, str], Problem] = {}
    references: list[_Reference] = []
    for one in parsed:
        problems.extend(one.problems)
        references.extend(one.references)
        if one.guide is not None and one.guide_at is not None:
            if guide_at is not None:
                problems.append(_again(one.guide_at, "a second 'guide' section", guide_at))
            guide, guide_at = one.guide, one.guide_at
        for kind, entries in one.entries.items():
            for entry, where in entries:
                first = defined_at.get((kind, entry.id))
                if first is not None:
                    problems.append(_again(where, f"duplicate id '{entry.id}' in {kind}", first))
                    continue
                defined_at[(kind, entry.id)] = where
                collections[kind][entry.id] = entry
    for ref in references:
        if ref.target not in collections[ref.kind]:
            message = f"unknown {_singular(ref.kind)} id '{ref.target}'"
            problems.append(dataclasses.replace(ref.problem_at, message=message))
    for kind, collection in collections.items():
        for clash in collect_name_clashes(kind, collection.values()):
            problems.append(
                dataclasses.replace(defined_at[(kind, clash.second)], message=clash.message)
            )
    if guide is None:
        problems.append(Problem("knowledge base", 0, 0, "no 'guide' section in any file"))
    if problems:
        raise _invalid(problems)
    assert guide is not None
    return KnowledgeBase(guide=guide, **collections)  # type: ignore[arg-type]


def _again(where: Problem, what: str, first: Problem) -> Problem:
    return dataclasses.replace(
        where, message=f"{what} (first defined at {first.path}:{first.line})"
    )


def _singular(kind: str) -> str:
    return {"evidence": "evidence", "red_flags": "red flag", "safety": "safety"}.get(
        kind, kind[:-1]
    )


def _invalid(problems: list[Problem]) -> InvalidContentError:
    lines = tuple(str(problem) for problem in problems)
    more = f" (and {len(lines) - 1} more problems)" if len(lines) > 1 else ""
    return InvalidContentError(f"invalid knowledge base: {lines[0]}{more}", details=lines)


def read_text(path: Path) -> str:
    """Reads a knowledge-base file as UTF-8, refusing what cannot be a knowledge-base file."""
    shown = str(path)
    if not path.exists():
        raise NotFoundError(f"{shown}: no such file")
    if not path.is_file():
        raise InvalidContentError(f"{shown}: not a regular file")
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InvalidContentError(f"{shown}: cannot read ({error.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidContentError(f"{shown}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidContentError(
            f"{shown}: not UTF-8 text (bad byte at offset {error.start})"
        ) from None


def parse_file(path: Path) -> ParsedFile:
    """Parses one file into entries, collecting every problem rather than stopping at the first."""
    shown = str(path)
    result = ParsedFile(shown)
    try:
        text = read_text(path)
    except (InvalidContentError, NotFoundError) as error:
        result.problems.append(Problem(shown, 0, 0, error.message.removeprefix(f"{shown}: ")))
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
    if root is None:
        result.problems.append(Problem(shown, 0, 0, "the file is empty"))
        return result
    _FileReader(result).read_root(root)
    return result


@cache
def _yaml_loader() -> type[yaml.SafeLoader]:
    # The C loader is several times faster; fall back when PyYAML was built without libyaml.
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


class _FileReader:
    """Turns the nodes of one file into model records, noting problems as it goes."""

    def __init__(self, result: ParsedFile) -> None:
        self.result = result
        self.seen: set[int] = set()

    def problem(self, node: yaml.Node, message: str) -> Problem:
        mark = node.start_mark
        found = Problem(self.result.path, mark.line + 1, mark.column + 1, message)
        self.result.problems.append(found)
        return found

    def place(self, node: yaml.Node) -> Problem:
        mark = node.start_mark
        return Problem(self.result.path, mark.line + 1, mark.column + 1, "")

    def read_root(self, root: yaml.Node) -> None:
        pairs = self.mapping_pairs(root, "the top of the file")
        if pairs is None:
            return
        allowed = [GUIDE_KEY, *COLLECTIONS]
        for key, value in pairs.items():
            if key == GUIDE_KEY:
                before = len(self.result.problems)
                guide = self.build(value, Guide, "guide")
                if guide is not None and len(self.result.problems) == before:
                    self.result.guide = typing.cast(Guide, guide)
                    self.result.guide_at = self.place(value)
            elif key in COLLECTIONS:
                self.read_collection(key, value)
            else:
                self.problem(
                    pairs.key_nodes[key],
                    f"unknown section '{key}' (expected one of: {', '.join(allowed)})",
                )

    def read_collection(self, kind: str, node: yaml.Node) -> None:
        if not isinstance(node, yaml.SequenceNode) or node.tag != _SEQ_TAG:
            self.problem(node, f"'{kind}' must be a list of entries")
            return
        entries = self.result.entries.setdefault(kind, [])
        for item in node.value:
            if not self.first_visit(item):
                continue
            before = len(self.result.problems)
            entry = self.build(item, COLLECTIONS[kind], f"an entry of '{kind}'")
            if entry is not None and len(self.result.problems) == before:
                entries.append((typing.cast(Entry, entry), self.place(item)))

    def first_visit(self, node: yaml.Node) -> bool:
        # Aliases make the composer hand back the same node object twice; refusing them keeps
        # alias bombs and self-referencing structures from ever being expanded.
        if id(node) in self.seen:
            self.problem(node, "anchors and aliases (&name, *name) are not allowed")
            return False
        self.seen.add(id(node))
        return True

    def mapping_pairs(self, node: yaml.Node, what: str) -> _Pairs | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values")
            return None
        if node.tag != _MAP_TAG:
            self.problem(node, f"{what}: the tag '{node.tag}' is not allowed")
            return None
        pairs = _Pairs()
        for key_node, value_node in node.value:
            if not self.first_visit(key_node) or not self.first_visit(value_node):
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                self.problem(key_node, "keys must be plain words")
                continue
            key = key_node.value
            if key in pairs:
                first = pairs.key_nodes[key].start_mark.line + 1
                self.problem(key_node, f"duplicate key '{key}' (first at line {first})")
                continue
            pairs[key] = value_node
            pairs.key_nodes[key] = key_node
        return pairs

    def build(self, node: yaml.Node, target: Any, what: str) -> Any:
        """Builds a value of type `target` from `node`; returns None after noting a problem."""
        if node.tag not in _KNOWN_TAGS:
            self.problem(node, f"{what}: the tag '{node.tag}' is not allowed")
            return None
        origin = get_origin(target)
        if origin is typing.Annotated:
            base, *extras = get_args(target)
            value = self.build(node, base, what)
            for extra in extras:
                if isinstance(extra, Ref) and isinstance(value, str):
                    self.result.references.append(_Reference(extra.kind, value, self.place(node)))
            return value
        if dataclasses.is_dataclass(target) and isinstance(target, type):
            return self.build_record(node, target, what)
        if origin is tuple:
            return self.build_list(node, get_args(target)[0], what)
        if origin is Literal:
            return self.build_choice(node, get_args(target), what)
        if origin in (typing.Union, _UnionType) and type(None) in get_args(target):
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG and not node.style:
                return None
            return self.build(node, str, what)
        if target is str:
            return self.build_text(node, what)
        raise TypeError(f"unsupported schema type {target!r}")

    def build_record(self, node: yaml.Node, record: type[Any], what: str) -> Any:
        pairs = self.mapping_pairs(node, what)
        if pairs is None:
            return None
        hints = _field_types(record)
        fields = {field.name: field for field in dataclasses.fields(record)}
        ok = True
        for key in pairs:
            if key not in fields:
                expected = ", ".join(fields)
                self.problem(
                    pairs.key_nodes[key], f"unknown key '{key}' in {what} (expected: {expected})"
                )
                ok = False
        values: dict[str, Any] = {}
        for name, field in fields.items():
            if name not in pairs:
                required = (
                    field.default is dataclasses.MISSING
                    and field.default_factory is dataclasses.MISSING
                )
                if required:
                    self.problem(node, f"missing required key '{name}' in {what}")
                    ok = False
                continue
            value = self.build(pairs[name], hints[name], f"'{name}'")
            if value is None and not _allows_none(hints[name]):
                ok = False
                continue
            values[name] = value
        if "id" in values and not ID_PATTERN.fullmatch(values["id"]):
            self.problem(
                pairs["id"],
                f"id '{values['id']}' must be lowercase letters and digits"
                " joined by single hyphens",
            )
            ok = False
        return record(**values) if ok else None

    def build_list(self, node: yaml.Node, item_type: Any, what: str) -> tuple[Any, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list")
            return None
        if node.tag != _SEQ_TAG:
            self.problem(node, f"{what}: the tag '{node.tag}' is not allowed")
            return None
        if not node.value:
            self.problem(node, f"{what} must not be an empty list (leave the key out instead)")
            return None
        items = []
        for item in node.value:
            if not self.first_visit(item):
                return None
            value = self.build(item, item_type, f"an item of {what}")
            if value is None:
                return None
            items.append(value)
        return tuple(items)

    def build_choice(self, node: yaml.Node, choices: tuple[str, ...], what: str) -> str | None:
        value = self.build_text(node, what)
        if value is None:
            return None
        if value not in choices:
            allowed = ", ".join(repr(choice) for choice in choices)
            self.problem(node, f"{what} is '{value}', which is not one of: {allowed}")
            return None
        return value

    def build_text(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(
                node,
                f"{what} must be text, not a {_node_kind(node)}",
            )
            return None
        if node.tag != _STR_TAG:
            if not node.style and node.tag in _NON_TEXT_TAGS:
                reading = _NON_TEXT_TAGS[node.tag]
                self.problem(
                    node,
                    f"{what}: YAML reads '{node.value}' as {reading};"
                    " put it in quotes if it is text",
                )
            else:
                self.problem(node, f"{what}: the tag '{node.tag}' is not allowed")
            return None
        text = str(node.value).strip()
        if not text:
            self.problem(node, f"{what} must not be empty")
            return None
        return text


_UnionType = type(int | None)


class _Pairs(dict[str, yaml.Node]):
    """The values of a mapping by key, remembering each key's node for error positions."""

    def __init__(self) -> None:
        super().__init__()
        self.key_nodes: dict[str, yaml.Node] = {}


_FIELD_TYPES: dict[type[Any], dict[str, Any]] = {}


def _field_types(record: type[Any]) -> dict[str, Any]:
    if record not in _FIELD_TYPES:
        _FIELD_TYPES[record] = typing.get_type_hints(record, include_extras=True)
    return _FIELD_TYPES[record]


def _allows_none(target: Any) -> bool:
    return get_origin(target) in (typing.Union, _UnionType) and type(None) in get_args(target)


def _node_kind(node: yaml.Node) -> str:
    return "list" if isinstance(node, yaml.SequenceNode) else "mapping"
