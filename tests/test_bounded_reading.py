"""Bounded by what is read, not what is reported: the total cap counts the bytes actually
read, and YAML anchors and aliases of any kind are refused, so a small file cannot stand for
a large one (docs/decisions/015-threat-model.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spasmguide.kb import layers
from tests.conftest import HOT_STONE_LAYER, invoke

WORDS = "spasm ache knot cramp tight sore " * 40


def _bomb(count: int) -> str:
    """A layer whose text fields are aliases of one long anchored scalar."""
    lines = [
        "techniques:",
        f"  - {{id: t0, name: t0, category: self-care, summary: &a '{WORDS}',"
        " how_it_works: [x], benefits: [x], often_used_for: [x], session: x, cautions: [x],"
        " sources: [article], invasiveness: self-care}",
    ]
    lines += [
        f"  - {{id: t{n}, name: t{n}, category: self-care, summary: *a, how_it_works: [*a],"
        " benefits: [*a], often_used_for: [*a], session: *a, cautions: [*a],"
        " sources: [article], invasiveness: self-care}"
        for n in range(1, count)
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        _bomb(20),
        HOT_STONE_LAYER.replace("summary: Warm", "summary: &s Warm").replace(
            "session: Stones are placed on the back.", "session: *s"
        ),
        # an anchor alone (no alias yet) is refused too, as documented
        HOT_STONE_LAYER.replace("summary: Warm", "summary: &s Warm"),
        HOT_STONE_LAYER.replace("cautions: [Stones", "cautions: &c [Stones"),
    ],
    ids=["scalar-alias-bomb", "scalar-alias", "anchor-alone", "anchored-list"],
)
def test_anchors_and_aliases_of_any_kind_are_refused(tmp_path: Path, text: str) -> None:
    """Defect 7: aliases of plain values were accepted (a 1.2 MB layer became a 1 GB cache)."""
    layer = tmp_path / "layer.yaml"
    layer.write_text(text)
    for args in (("validate", str(layer)), ("technique", "hot stone", "--kb", str(layer))):
        outcome = invoke(*args)
        assert outcome.exit_code == 1, (args, outcome.stdout[-500:])
        assert "anchors and aliases" in outcome.stderr


def test_an_ampersand_or_asterisk_in_text_is_still_text(tmp_path: Path) -> None:
    layer = tmp_path / "layer.yaml"
    layer.write_text(
        HOT_STONE_LAYER.replace("Warm stones placed", "Warm & *heavy* stones (R&D *x) placed")
    )
    outcome = invoke("technique", "hot stone", "--kb", str(layer))
    assert outcome.exit_code == 0, outcome.stderr
    assert "Warm & *heavy* stones (R&D *x) placed" in " ".join(outcome.stdout.split())


def test_the_total_cap_counts_bytes_read_not_sizes_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 12: files whose reported size is 0 (/proc) were read without a total bound."""
    if not os.path.exists("/proc/self/status"):
        pytest.skip("needs /proc")
    folder = tmp_path / "procdir"
    folder.mkdir()
    for number in range(200):
        (folder / f"f{number}.yaml").symlink_to("/proc/self/status")
    shipped = sum(path.stat().st_size for path in layers.shipped_files())
    monkeypatch.setattr(layers, "MAX_TOTAL_BYTES", shipped + 64 * 1024)
    for command in (("list", "--kb", str(folder)), ("validate", str(folder))):
        outcome = invoke(*command)
        assert outcome.exit_code == 1, outcome.stdout
        assert "larger than" in outcome.stderr and "together" in outcome.stderr, outcome.stderr
        assert len(outcome.stderr.splitlines()) == 1, outcome.stderr


def test_a_reader_stops_at_the_total_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    for number in range(4):
        path = tmp_path / f"part{number}.yaml"
        path.write_text("# " + "x" * 1000 + "\n")
        files.append(path)
    monkeypatch.setattr(layers, "MAX_TOTAL_BYTES", 3000)
    budget = layers.ReadBudget()
    for path in files[:2]:
        budget.read(path)
    assert budget.total == 2 * 1003
    with pytest.raises(layers.TotalTooLarge):
        budget.read(files[2])
