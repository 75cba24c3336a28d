"""The module map in docs/modules.md matches the code: no module imports what it must not."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "spasmguide"
NAMED = {"Typer": "typer", "Rich": "rich", "YAML": "yaml", "anything of ours": "spasmguide"}


def _map() -> dict[str, list[tuple[str, bool]]]:
    """Each module of the map with what it must never import: (module, only at its top)."""
    rules: dict[str, list[tuple[str, bool]]] = {}
    for line in (REPO / "docs" / "modules.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        forbidden = []
        for item in cells[2].split(","):
            item = item.strip()
            at_import = item.endswith(" at import")
            word = item.removesuffix(" at import").strip("`")
            name = NAMED.get(word, word)
            if "." in name or name in ("cli", "kb", "pages", "render", "study"):
                name = f"spasmguide.{name}"
            forbidden.append((name, at_import))
        for module in re.findall(r"`([\w.]+)`", cells[0]):
            rules[module] = forbidden
    return rules


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Every module `path` imports, and whether the import is at the module's top."""
    tree = ast.parse(path.read_text())
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, id(node) in top))
            found += [(f"{node.module}.{alias.name}", id(node) in top) for alias in node.names]
    return found


def _is_type_checking_only(path: Path, name: str) -> bool:
    tree = ast.parse(path.read_text())
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in ast.walk(node):
                module = inner.module if isinstance(inner, ast.ImportFrom) else None
                if module is not None and (name == module or name.startswith(module + ".")):
                    return True
    return False


RULES = _map()


def test_every_module_is_on_the_map() -> None:
    modules = {
        ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for path in PACKAGE.rglob("*.py")
        if path.stem not in ("__init__", "__main__")
    }
    assert modules <= set(RULES), sorted(modules - set(RULES))


@pytest.mark.parametrize("module", sorted(RULES))
def test_a_module_never_imports_what_the_map_forbids(module: str) -> None:
    path = PACKAGE / f"{module.replace('.', '/')}.py"
    assert path.exists(), f"docs/modules.md names {module}, which does not exist"
    for imported, at_top in _imports(path):
        for forbidden, only_at_top in RULES[module]:
            hit = imported == forbidden or imported.startswith(forbidden + ".")
            if hit and (at_top or not only_at_top):
                if forbidden == "spasmguide" and imported == "spasmguide":
                    continue  # `from spasmguide import __version__`
                assert _is_type_checking_only(path, imported), (module, imported)


def test_the_map_is_read_and_imports_are_seen() -> None:
    assert ("spasmguide", False) in RULES["kb.model"]
    assert ("spasmguide.kb.loader", False) in RULES["pages.builders"]
    assert ("rich", True) in RULES["cli.app"] and ("typer", False) in RULES["pages.builders"]
    assert ("rich.console", True) in _imports(PACKAGE / "render" / "text.py")
    assert ("spasmguide.kb.loader.file_reports", False) in _imports(PACKAGE / "kb" / "guide.py")
