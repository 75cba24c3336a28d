"""The user's folders and atomic writes."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import platformdirs
import pytest

from spasmguide.user_files import (
    PathWithSource,
    cache_dir,
    data_dir,
    environment_layers,
    replacing,
    write_atomically,
)


def test_folders_follow_the_environment_and_say_why() -> None:
    assert cache_dir({"SPASMGUIDE_CACHE_DIR": "/x"}) == PathWithSource("/x", "SPASMGUIDE_CACHE_DIR")
    assert data_dir({"SPASMGUIDE_DATA_DIR": "/d"}) == PathWithSource("/d", "SPASMGUIDE_DATA_DIR")
    assert cache_dir({}).path is None and data_dir({}).path is None
    if sys.platform.startswith("linux"):
        assert cache_dir({"XDG_CACHE_HOME": "/c", "HOME": "/h"}) == PathWithSource(
            "/c/spasmguide", "XDG_CACHE_HOME"
        )
        assert cache_dir({"HOME": "/h"}).path == "/h/.cache/spasmguide"
        # A relative XDG value is invalid and ignored, as the spec says.
        assert cache_dir({"XDG_CACHE_HOME": "rel", "HOME": "/h"}).path == "/h/.cache/spasmguide"
        assert data_dir({"HOME": "/h"}).path == "/h/.local/share/spasmguide"


def test_the_platform_conventions_are_those_of_platformdirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(variable, raising=False)
    assert cache_dir().path == platformdirs.user_cache_dir("spasmguide", appauthor=False)
    assert data_dir().path == platformdirs.user_data_dir("spasmguide", appauthor=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    assert cache_dir().path == platformdirs.user_cache_dir("spasmguide", appauthor=False)
    assert data_dir().path == platformdirs.user_data_dir("spasmguide", appauthor=False)


def test_environment_layers_keep_their_order_and_skip_empty_parts() -> None:
    value = os.pathsep.join(["a", "", "b/c"])
    assert environment_layers({"SPASMGUIDE_KB": value}) == ["a", "b/c"]
    assert environment_layers({}) == []


def test_an_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("old")
    target.chmod(0o640)
    write_atomically(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["home", "notes.md"]


def test_a_new_file_follows_the_umask_or_is_private(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomically(str(tmp_path / "shared.md"), b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "shared.md").stat().st_mode) == 0o600
    old = os.umask(0o022)
    try:
        write_atomically(str(tmp_path / "open.md"), b"x")
        write_atomically(str(tmp_path / "private.bin"), b"x", private=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "open.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.bin").stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "guide.md"
    target.write_text("old")
    with pytest.raises(RuntimeError), replacing(str(target)) as temporary:
        Path(temporary).write_text("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["guide.md", "home"]


def test_paths_shows_the_users_folders_and_where_they_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from tests.conftest import invoke

    monkeypatch.setenv("SPASMGUIDE_CACHE_DIR", str(tmp_path / "c"))
    folders = json.loads(invoke("paths", "--format", "json").stdout)["folders"]
    assert folders["cache"] == {"path": str(tmp_path / "c"), "source": "SPASMGUIDE_CACHE_DIR"}
    assert folders["quiz progress"]["source"] == "XDG_DATA_HOME"
    assert "Your folders" in invoke("paths").stdout
