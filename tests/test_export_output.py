"""`export --output`: never an input, written through links and special files, modes kept,
nothing left behind."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from spasmguide.kb.layers import shipped_files
from tests.conftest import NOTICE_WORDS, invoke, run_process


def _leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith("."))


def test_export_refuses_to_overwrite_a_kb_layer_file(tmp_path: Path) -> None:
    notes = tmp_path / "my-notes.yaml"
    notes.write_text("techniques: []\n")
    outcome = invoke("export", "--kb", str(notes), "-o", str(notes))
    assert outcome.exit_code == 2, outcome.stderr
    assert "reads" in outcome.stderr
    layered = tmp_path / "layered"
    layered.mkdir()
    inside = layered / "extra.yaml"
    inside.write_text("techniques: []\n")
    outcome = invoke("export", "--kb", str(layered), "-o", str(inside))
    assert outcome.exit_code == 2, outcome.stderr
    assert inside.read_text() == "techniques: []\n"
    assert notes.read_text() == "techniques: []\n"


def test_export_refuses_a_hard_link_to_an_input_and_the_environment_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layer = tmp_path / "env.yaml"
    layer.write_text("techniques: []\n")
    monkeypatch.setenv("SPASMGUIDE_KB", str(layer))
    alias = tmp_path / "alias.yaml"
    os.link(layer, alias)
    for target in (layer, alias):
        outcome = invoke("export", "-o", str(target))
        assert outcome.exit_code == 2, outcome.stderr
    assert layer.read_text() == "techniques: []\n"


def test_export_refuses_the_shipped_data_and_the_progress_database(
    tmp_path: Path, data: Path
) -> None:
    shipped = shipped_files()[0]
    before = shipped.read_bytes()
    link = tmp_path / "shipped-link.yaml"
    link.symlink_to(shipped)
    assert invoke("export", "-o", str(link)).exit_code == 2
    assert shipped.read_bytes() == before
    data.mkdir()
    database = data / "progress.sqlite"
    database.write_bytes(b"SQLite format 3\x00")
    assert invoke("export", "-o", str(database)).exit_code == 2
    assert database.read_bytes() == b"SQLite format 3\x00"


def test_export_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert invoke("export", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert NOTICE_WORDS in real.read_text()


def test_export_writes_through_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    outcome = invoke("export", "-o", str(fifo))
    reader.join(timeout=5)
    assert outcome.exit_code == 0, outcome.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and NOTICE_WORDS.encode() in received[0]


def test_export_to_a_full_device_keeps_the_device_and_fails_cleanly(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    link = tmp_path / "fullnode"
    link.symlink_to("/dev/full")
    outcome = invoke("export", "-o", str(link))
    assert outcome.exit_code == 1
    assert "No space left" in outcome.stderr
    assert stat.S_ISCHR(os.stat(link).st_mode)
    assert _leftovers(tmp_path) == []


def test_export_keeps_an_existing_mode_and_respects_the_umask(tmp_path: Path) -> None:
    private = tmp_path / "private.md"
    private.write_text("old")
    private.chmod(0o600)
    assert invoke("export", "-o", str(private)).exit_code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    previous = os.umask(0o077)
    try:
        assert invoke("export", "-o", str(tmp_path / "new.md")).exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o600


def test_export_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = invoke("export", "-o", "-")
    assert outcome.exit_code == 0
    assert NOTICE_WORDS in outcome.stdout
    assert not (tmp_path / "-").exists()


def test_export_to_a_folder_is_a_usage_error_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "somedir"
    folder.mkdir()
    for name in (str(folder), str(tmp_path / "newdir") + "/"):
        outcome = invoke("export", "-o", name)
        assert outcome.exit_code == 2, outcome.stderr
        assert "folder" in outcome.stderr
    assert not (tmp_path / "newdir").exists()
    assert _leftovers(tmp_path) == []


def test_export_on_a_full_disk_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "guide.md"
    target.write_text("old guide")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, descriptor: int, *args: object, **kwargs: object) -> None:
            self.stream = real_fdopen(descriptor, "wb")

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdopen", FullDisk)
    outcome = invoke("export", "-o", str(target))
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert outcome.exit_code == 1
    assert "No space left" in outcome.stderr
    assert target.read_text() == "old guide"
    assert _leftovers(tmp_path) == []


def test_export_to_an_unknown_users_home_is_a_clear_error() -> None:
    outcome = invoke("export", "-o", "~nosuchuser-spasmguide/g.md")
    assert outcome.exit_code == 2
    assert "no user named 'nosuchuser-spasmguide'" in outcome.stderr
    assert "internal error" not in outcome.stderr


def test_export_to_dev_stdout_on_a_pipe_writes_through() -> None:
    result = run_process("export", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert NOTICE_WORDS in result.stdout


def test_export_to_a_device_node_keeps_the_node(tmp_path: Path) -> None:
    node = tmp_path / "fullnode"
    try:
        os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here")
    outcome = invoke("export", "-o", str(node))
    assert outcome.exit_code == 1
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert _leftovers(tmp_path) == []
