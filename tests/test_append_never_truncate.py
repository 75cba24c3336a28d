"""`export --output` to the process's own output appends through it, and any valid name can be
written: nothing the user already had is lost (docs/decisions/015-threat-model.md)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spasmguide import user_files
from tests.conftest import NOTICE_WORDS, Outcome, invoke

SPASMGUIDE = [sys.executable, "-m", "spasmguide"]


def _shell(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Runs `script` in sh with $SG the guide and $PY this Python."""
    env = {**os.environ, "SG": " ".join(SPASMGUIDE), "PY": sys.executable}
    return subprocess.run(
        ["sh", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_export_to_dev_stdout_appended_to_a_file_keeps_the_file(tmp_path: Path) -> None:
    """Defect 1: `export -o /dev/stdout >> journal.md` wiped the journal."""
    journal = tmp_path / "journal.md"
    journal.write_text("my precious notes\nline 2\n")
    done = _shell("$SG export -f markdown -o /dev/stdout >> journal.md", tmp_path)
    assert done.returncode == 0, done.stderr
    text = journal.read_text()
    assert text.startswith("my precious notes\nline 2\n")
    assert NOTICE_WORDS in text


def test_export_inside_a_redirected_group_keeps_what_came_before_and_after(
    tmp_path: Path,
) -> None:
    done = _shell(
        '( echo "HEADER by my script"; $SG export -f markdown -o /dev/stdout 2>/dev/null;'
        ' echo "FOOTER by my script" ) > combined.md',
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "combined.md").read_text()
    assert text.startswith("HEADER by my script\n")
    assert text.endswith("FOOTER by my script\n")
    assert NOTICE_WORDS in text


@pytest.mark.parametrize(
    "name", ["/dev/stderr", "/dev/fd/2", "/proc/self/fd/2", "/dev/fd/3", "/proc/self/fd/3"]
)
@pytest.mark.slow
def test_any_name_of_an_inherited_descriptor_is_written_through(tmp_path: Path, name: str) -> None:
    """Principle: a path that is one of the process's own descriptors is written through it."""
    if not os.path.exists("/proc/self/fd"):
        pytest.skip("needs /proc")
    log = tmp_path / "err.log"
    log.write_text("log line 1\n")
    descriptor = name.rsplit("/", 1)[-1]
    number = "2" if descriptor == "stderr" else descriptor
    done = _shell(f"$SG export -f markdown -o {name} {number}>> err.log", tmp_path)
    assert done.returncode == 0, done.stderr
    text = log.read_text()
    assert text.startswith("log line 1\n")
    assert NOTICE_WORDS in text


def test_a_long_valid_name_can_be_exported_to(tmp_path: Path) -> None:
    """Defect 17: a 243-character name failed with 'File name too long' (temporary name)."""
    folder = tmp_path / "out"
    folder.mkdir()
    name = folder / ("a" * 240 + ".md")
    outcome = invoke("export", "-o", str(name))
    assert outcome.exit_code == 0, outcome.stderr
    assert NOTICE_WORDS in name.read_text()
    assert [item.name for item in folder.iterdir()] == [name.name]


def test_temporary_names_are_short_and_recognisable(tmp_path: Path) -> None:
    target = tmp_path / ("b" * 255)
    with user_files.replacing(str(target)) as temporary:
        base = os.path.basename(temporary)
        assert len(base) < 64
        assert user_files.is_temporary_name(base)
        Path(temporary).write_text("whole")
    assert target.read_text() == "whole"
    assert not user_files.is_temporary_name("notes.md")
    assert not user_files.is_temporary_name(".notes.md.tmp")


def export_where_no_file_may_be_made(
    folder: Path, target: Path, monkeypatch: pytest.MonkeyPatch
) -> Outcome:
    """`export -o target` while no new file can be made in `folder`, as in a folder that is
    not writable (simulated in-process: the tests run as root)."""
    real_open = os.open

    def no_new_files_here(path: str, flags: int, *args: int, **kwargs: int) -> int:
        if flags & os.O_CREAT and os.path.dirname(str(path)) == str(folder):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_new_files_here)
    try:
        return invoke("export", "-o", str(target))
    finally:
        monkeypatch.setattr(os, "open", real_open)


def test_a_writable_file_in_a_folder_that_is_not_writable_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 18: a file the user can write, in a folder they cannot, was refused."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "out.md"
    target.write_text("old\n")
    os.chmod(target, 0o666)
    outcome = export_where_no_file_may_be_made(tmp_path, target, monkeypatch)
    assert outcome.exit_code == 0, outcome.stderr
    assert NOTICE_WORDS in target.read_text()
    assert os.stat(target).st_mode & 0o777 == 0o666
    assert sorted(item.name for item in tmp_path.iterdir()) == ["out.md"]


def test_a_new_file_in_a_folder_that_is_not_writable_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new.md"
    outcome = export_where_no_file_may_be_made(tmp_path, target, monkeypatch)
    assert outcome.exit_code == 1
    assert "folder" in outcome.stderr and "not writable" in outcome.stderr
    assert len(outcome.stderr.splitlines()) == 1


def test_a_file_that_happens_to_have_the_temporary_name_is_never_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An attack beyond the review's list: a file planted under the next temporary name
    made the failed write delete it."""
    monkeypatch.setattr(user_files, "_unique", lambda: "planted")
    planted = tmp_path / f"{user_files.TEMPORARY_PREFIX}planted{user_files.TEMPORARY_SUFFIX}"
    planted.write_text("not yours")
    with pytest.raises(FileExistsError):
        user_files.write_atomically(str(tmp_path / "target"), b"data")
    assert planted.read_text() == "not yours"
    assert not (tmp_path / "target").exists()
