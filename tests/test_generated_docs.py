"""The man page and the README's command reference are what the command definitions say now."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import COMMANDS

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "generate_docs.py"


@pytest.fixture(scope="module")
def generate_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_man_page_is_what_the_script_generates(generate_docs: ModuleType) -> None:
    program, commands = generate_docs.describe()
    committed = (REPO / "man" / "spasmguide.1").read_text(encoding="utf-8")
    assert committed == generate_docs.render_man(program, commands)


def test_the_check_passes_on_the_committed_files() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_command_and_option_is_in_both(generate_docs: ModuleType) -> None:
    man = (REPO / "man" / "spasmguide.1").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index(generate_docs.START) : readme.index(generate_docs.END)]
    for command in COMMANDS:
        assert f"#### `spasmguide {command}`" in block
        assert f'.SS "spasmguide {command.replace("-", chr(92) + "-")}"' in man
    for option in ("--region", "--format", "--kb", "--limit", "--seed", "--output"):
        assert f"{option} " in block or f"{option}`" in block
        assert option.replace("-", "\\-") in man


@pytest.mark.parametrize("stale", ["README.md", "man/spasmguide.1"])
def test_the_check_fails_when_a_file_is_stale(
    generate_docs: ModuleType, tmp_path: Path, stale: str
) -> None:
    for name in ("README.md", "man/spasmguide.1"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    target = tmp_path / stale
    edited = target.read_text(encoding="utf-8").replace("Show one technique in full.", "Old.")
    target.write_text(edited)
    assert generate_docs.main(["--check"], root=tmp_path) == 1
    assert generate_docs.main([], root=tmp_path) == 0  # rewrites it
    assert generate_docs.main(["--check"], root=tmp_path) == 0
    assert target.read_text(encoding="utf-8") == (REPO / stale).read_text(encoding="utf-8")


def test_only_the_block_between_the_markers_is_rewritten(
    generate_docs: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "man").mkdir()
    readme = (
        f"# before\n\nhand-written\n\n{generate_docs.START}\nold\n{generate_docs.END}\n\nafter\n"
    )
    (tmp_path / "README.md").write_text(readme)
    assert generate_docs.main([], root=tmp_path) == 0
    written = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert written.startswith("# before\n\nhand-written\n\n" + generate_docs.START)
    assert written.endswith(generate_docs.END + "\n\nafter\n")
    assert "\nold\n" not in written
