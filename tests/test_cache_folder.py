"""The cache keeps to folders of its own, deletes only its own files, and quotes its paths."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from spasmguide import user_files
from spasmguide.kb import cache as kb_cache
from spasmguide.kb.layers import shipped_layer
from spasmguide.kb.model import record_layout
from tests.conftest import invoke


def _age(path: Path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_pruning_spares_other_programs_files_in_a_shared_cache_folder(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kb_cache, "KEEP_FILES", 3)  # the rule, with fewer builds to prove it
    cache.mkdir()
    strangers = [cache / f"kb-{n}.bin" for n in range(12)]
    strangers += [cache / f"search-{n}.sqlite" for n in range(12)]
    for folder in ("kb", "search"):
        (cache / folder).mkdir()
        strangers += [cache / folder / f"{folder}-stranger-{n}.bin" for n in range(12)]
    for path in strangers:
        path.write_bytes(b"not the cache's")
        _age(path, 10 * 86400)
    extra = tmp_path / "extra.yaml"
    for number in range(kb_cache.KEEP_FILES + 3):
        extra.write_text(f"techniques: []\n# edit {number}\n")
        assert invoke("search", "neck", "--kb", str(extra)).exit_code == 0
    assert all(path.exists() for path in strangers)
    assert len(list((cache / "kb").glob("kb-*.bin"))) == 12 + kb_cache.KEEP_FILES
    assert len(list((cache / "search").glob("*.sqlite"))) == kb_cache.KEEP_FILES


def test_stale_temporary_files_from_killed_builds_are_cleaned(cache: Path, tmp_path: Path) -> None:
    (cache / "search").mkdir(parents=True)
    stale = cache / "search" / ".search-abc-3.sqlite.123-7f.tmp"
    fresh = cache / "search" / ".search-def-3.sqlite.456-7f.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"\0" * 1000)
    _age(stale, 2 * 3600)
    assert invoke("search", "neck").exit_code == 0
    assert not stale.exists()
    assert fresh.exists()  # maybe another run's build in progress


@pytest.mark.parametrize("name", ["c#1", "c?x=1", "c%20d"])
def test_a_cache_folder_with_uri_characters_keeps_its_index_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    place = tmp_path / "place"
    place.mkdir()
    folder = place / name
    monkeypatch.setenv("SPASMGUIDE_CACHE_DIR", str(folder))
    monkeypatch.chdir(place)
    assert invoke("search", "neck").exit_code == 0
    (index,) = (folder / "search").glob("*.sqlite")
    built = index.stat().st_ino
    assert invoke("search", "neck").exit_code == 0
    assert index.stat().st_ino == built, "the index was rebuilt"
    assert sorted(os.listdir(place)) == [name]


def test_cache_files_are_private_in_private_folders(cache: Path) -> None:
    assert invoke("search", "neck").exit_code == 0
    for folder in (cache, cache / "kb", cache / "search"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in [*cache.glob("kb/*"), *cache.glob("search/*")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_cache_written_with_another_record_layout_is_never_decoded(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layers = [shipped_layer()]
    kb_cache.load(layers, cache)
    (written,) = (cache / "kb").glob("kb-*.bin")
    monkeypatch.setattr(kb_cache, "record_layout", lambda: record_layout() + ";Extra:field")
    # Code with another layout asks for another key, so it never reads the old entry.
    contents = kb_cache._read_all(layers)
    assert contents is not None
    new_key = kb_cache.cache_key(layers, contents)
    assert new_key not in written.name
    secret = user_files.secret_key(str(cache))
    assert secret is not None
    assert kb_cache.read_cache(written, new_key, secret) is None
    assert kb_cache.load(layers, cache).techniques
