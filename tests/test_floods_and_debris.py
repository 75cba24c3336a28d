"""Large, odd or hidden files given as knowledge-base layers."""

from __future__ import annotations

import os
import time
from pathlib import Path

from spasmguide.kb.loader import MAX_PROBLEMS_LISTED
from tests.conftest import invoke, run_process

SHADOW_LINE = "root:*:19000:0:99999:7:::"


def test_a_password_file_behind_a_symlink_is_never_echoed(tmp_path: Path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text(
        f"{SHADOW_LINE}\ndaemon:*:19000:0:99999:7:::\nbin:$6$salt$hash:19000:0:99999:7:::\n"
    )
    layer = tmp_path / "notes.yaml"
    layer.symlink_to(secret)
    for args in (("validate", str(layer)), ("lookup", "-r", "neck", "--kb", str(layer))):
        outcome = invoke(*args)
        assert outcome.exit_code == 1
        shown = outcome.stdout + outcome.stderr
        for word in ("root:", "daemon:", "19000", "$6$", "99999"):
            assert word not in shown, (word, shown)


def test_short_keys_are_still_quoted(tmp_path: Path) -> None:
    layer = tmp_path / "notes.yaml"
    layer.write_text("techniqes: []\n")
    outcome = invoke("validate", str(layer))
    assert "unknown section 'techniqes'" in outcome.stderr


def test_a_folder_of_large_files_fails_fast(tmp_path: Path) -> None:
    folder = tmp_path / "flood"
    folder.mkdir()
    line = "x" * 70 + ": 1\n"
    for number in range(10):
        (folder / f"part{number}.yaml").write_text(line * (2_000_000 // len(line)))
    started = time.monotonic()
    result = run_process("lookup", "-r", "neck", "--kb", str(folder))
    assert time.monotonic() - started < 5
    assert result.returncode == 1
    assert "larger than 16 MiB together" in result.stderr
    assert result.stderr.count("\n") == 1
    checked = run_process("validate", str(folder))
    assert checked.returncode == 1
    assert "larger than 16 MiB together" in checked.stderr
    assert checked.stderr.count("\n") == 1


def test_validate_lists_a_bounded_number_of_problems(tmp_path: Path) -> None:
    layer = tmp_path / "many.yaml"
    layer.write_text("".join(f"key{number}: 1\n" for number in range(5000)))
    outcome = invoke("validate", str(layer))
    assert outcome.exit_code == 1
    lines = outcome.stderr.splitlines()
    assert len(lines) <= MAX_PROBLEMS_LISTED + 2
    assert f"… and {5000 - MAX_PROBLEMS_LISTED:,} more" in outcome.stderr
    assert "5,000 problems found" in lines[-1]
    assert len(outcome.stderr) < 100_000


def test_hidden_and_editor_files_in_a_layer_folder_are_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "notes.yaml").write_text("techniques: []\n")
    os.symlink("user@host.1234:1700000000", folder / ".#notes.yaml")  # an Emacs lock
    (folder / "._notes.yaml").write_bytes(b"\x00\x05\x16\x07 macOS metadata \xff")
    (folder / "notes.yaml~").write_text("not: [valid")
    (folder / "#notes.yaml#").write_text("not: [valid")
    (folder / ".hidden.yml").write_text("not: [valid")
    assert invoke("lookup", "-r", "neck", "--kb", str(folder)).exit_code == 0
    outcome = invoke("validate", str(folder))
    assert outcome.exit_code == 0, outcome.stderr
