"""The compiled knowledge-base cache and search index: correct, checked, shared, optional."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spasmguide.kb import cache as kb_cache
from spasmguide.kb.layers import Layer, layers_in_force, shipped_layer
from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import COLLECTIONS
from spasmguide.kb.search import search
from spasmguide.kb.search_index import SqlitePostings, open_postings
from spasmguide.user_files import cache_dir
from tests.conftest import HOT_STONE_LAYER, invoke, run_process

EXTRA = HOT_STONE_LAYER


def test_a_cached_knowledge_base_equals_the_loaded_one(cache: Path) -> None:
    layers = [shipped_layer()]
    loaded = load_knowledge_base(layers)
    first = kb_cache.load(layers)
    assert list(cache.glob("kb/kb-*.bin"))
    second = kb_cache.load(layers)  # from the file
    assert isinstance(second.techniques, kb_cache.LazyRecords)
    for kind in COLLECTIONS:
        assert (
            dict(second.collection(kind))
            == dict(loaded.collection(kind))
            == dict(first.collection(kind))
        )
        # A plain tuple equals a named one: compare the types of every value, nested too.
        for entry_id, entry in loaded.collection(kind).items():
            assert _types_of(second.collection(kind)[entry_id]) == _types_of(entry)
    assert second.guide == loaded.guide
    assert _types_of(second.guide) == _types_of(loaded.guide)
    assert second.names == loaded.names


def _types_of(value: object) -> object:
    if isinstance(value, tuple):
        return (type(value), tuple(_types_of(item) for item in value))
    return type(value)


def test_a_cache_written_with_another_record_layout_is_never_decoded(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layers = [shipped_layer()]
    kb_cache.load(layers)
    monkeypatch.setattr(kb_cache, "record_layout", lambda: "Region:id,name")
    kb, _key = kb_cache.load_keyed(layers)
    assert len(list(cache.glob("kb/kb-*.bin"))) == 2  # a new entry, the old one left unread
    assert kb.regions["neck"].techniques[0].technique


def test_pages_are_the_same_from_the_cache(cache: Path) -> None:
    cold = invoke("lookup", "--region", "neck", "--format", "json").stdout
    warm = invoke("lookup", "--region", "neck", "--format", "json").stdout
    assert cold == warm and json.loads(warm)["region"]["id"] == "neck"


def test_editing_a_layer_makes_a_new_entry(cache: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA)
    assert "Warm stones placed" in invoke("technique", "hot-stone", "--kb", str(extra)).stdout
    extra.write_text(EXTRA.replace("Warm stones placed", "Heated stones set"))
    assert "Heated stones set" in invoke("technique", "hot-stone", "--kb", str(extra)).stdout


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "wrong key"])
def test_a_damaged_cache_is_rebuilt_not_trusted(cache: Path, damage: str) -> None:
    layers = [shipped_layer()]
    kb_cache.load(layers)
    (target,) = cache.glob("kb/kb-*.bin")
    blob = target.read_bytes()
    damaged = {
        "truncate": blob[: len(blob) // 2],
        "flip": blob[:-100] + bytes([blob[-100] ^ 0xFF]) + blob[-99:],
        "garbage": os.urandom(len(blob)),
        "empty": b"",
        "wrong key": blob.replace(target.stem.removeprefix("kb-").encode(), b"0" * 16, 1),
    }[damage]
    target.write_bytes(damaged)
    outcome = invoke("technique", "cupping", "--format", "json")
    assert outcome.exit_code == 0 and outcome.stderr == ""
    assert json.loads(outcome.stdout)["technique"]["id"] == "cupping"
    assert target.read_bytes() == blob  # rewritten whole


def test_no_usable_cache_folder_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SPASMGUIDE_CACHE_DIR", str(blocker / "cache"))
    assert invoke("technique", "cupping").exit_code == 0
    assert invoke("search", "spasm").exit_code == 0
    monkeypatch.delenv("SPASMGUIDE_CACHE_DIR")
    monkeypatch.delenv("HOME")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir().path is None
    assert invoke("lookup", "--region", "neck").exit_code == 0


@pytest.mark.slow
def test_many_first_runs_at_once_share_one_cold_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "SPASMGUIDE_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "spasmguide"]
    runs = [
        subprocess.Popen(
            [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
        )
        for args in [
            ["technique", "cupping", "--format", "json"],
            ["search", "spasm", "--format", "json"],
        ]
        * 4
    ]
    for run in runs:
        stdout, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
        assert stderr == ""
        assert json.loads(stdout)["notice"]
    assert len(list(cache.glob("kb/kb-*.bin"))) == 1
    assert len(list(cache.glob("search/search-*.sqlite"))) == 1
    assert not list(cache.glob(".*tmp"))


def test_the_search_index_gives_the_same_results_as_memory(cache: Path) -> None:
    layers = layers_in_force()
    kb, key = kb_cache.load_keyed(layers)
    postings = open_postings(kb, key, cache)
    assert isinstance(postings, SqlitePostings)
    for query in ("spasm", "neck muscles", "scraping", "pneumothorax", "cupping zzz"):
        assert search(kb, query, postings=postings) == search(kb, query)


def test_a_damaged_search_index_is_rebuilt(cache: Path) -> None:
    invoke("search", "spasm")
    (index,) = cache.glob("search/search-*.sqlite")
    index.write_bytes(b"not a database")
    outcome = invoke("search", "spasm", "--format", "json")
    assert outcome.exit_code == 0 and json.loads(outcome.stdout)["results"]
    assert index.read_bytes().startswith(b"SQLite format 3")


def test_an_invalid_layer_is_never_cached(cache: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("techniques: [\n")
    layers = [shipped_layer(), Layer("--kb", str(broken), (broken,))]
    with pytest.raises(Exception, match="invalid knowledge base"):
        kb_cache.load(layers)
    assert not list(cache.glob("kb/kb-*.bin"))


def test_technique_imports_only_what_it_needs() -> None:
    """Start-up guard: no YAML parser, search engine or database on a cached run."""
    probe = (
        "import sys, io, contextlib\n"
        "from spasmguide.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main({args})\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    for args, forbidden in (
        (
            ["technique", "cupping"],
            {
                "yaml",
                "spasmguide.kb.loader",
                "spasmguide.kb.search",
                "sqlite3",
                "hashlib",
                "rich.table",
            },
        ),
        (
            ["lookup", "--region", "neck"],
            {"yaml", "spasmguide.kb.loader", "sqlite3", "hashlib"},
        ),
        (
            ["technique", "cupping", "--format", "json"],
            {"yaml", "rich", "rich.console", "spasmguide.render.text"},
        ),
    ):
        code = probe.format(args=args)
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True
        )  # fills the cache
        loaded = set(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout.split()
        )
        assert not (forbidden & loaded), (args, forbidden & loaded)


def test_the_first_cold_run_and_the_cache_agree_in_a_real_process(cache: Path) -> None:
    first = run_process("technique", "gua sha", "--format", "markdown")
    second = run_process("technique", "gua sha", "--format", "markdown")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_old_cache_entries_are_pruned(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kb_cache, "KEEP_FILES", 3)  # the rule, with fewer builds to prove it
    extra = tmp_path / "extra.yaml"
    for number in range(kb_cache.KEEP_FILES + 4):
        extra.write_text(EXTRA.replace("Warm stones", f"Warm stones {number}"))
        assert invoke("search", "stones", "--kb", str(extra)).exit_code == 0
    assert len(list(cache.glob("kb/kb-*.bin"))) <= kb_cache.KEEP_FILES
    assert len(list(cache.glob("search/search-*.sqlite"))) <= kb_cache.KEEP_FILES
