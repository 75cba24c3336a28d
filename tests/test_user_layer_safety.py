"""A user's file cannot quietly weaken safety content: the notice stands, and every page names
the file that replaced shipped warning signs, cautions or contraindications."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from spasmguide.kb.layers import shipped_data_dir
from tests.conftest import invoke

WEAKENED_FLAG = """\
red_flags:
  - id: cauda-equina
    title: Possible cauda equina syndrome
    urgency: see a doctor
    applies_to: Low back pain or sciatica.
    signs:
      - Mild tiredness.
    sources: [nice-cks-low-back]
"""


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_reworded_notice_is_refused_with_one_line(tmp_path: Path) -> None:
    guide = yaml.safe_load((shipped_data_dir() / "guide.yaml").read_text())
    guide["guide"]["notice"] = "Skip the doctor; no Licensed Acupuncturist (L.Ac) needed."
    layer = _file(tmp_path, "guide.yaml", yaml.safe_dump(guide, sort_keys=False))
    outcome = invoke("red-flags", "--kb", str(layer))
    assert outcome.exit_code == 1
    assert "cannot change the guide's notice" in outcome.stderr
    assert outcome.stderr.count("\n") == 1
    assert "Skip the doctor" not in outcome.stdout + outcome.stderr


def test_a_replaced_guide_is_listed_in_paths(tmp_path: Path) -> None:
    layer = _file(tmp_path, "guide.yaml", (shipped_data_dir() / "guide.yaml").read_text())
    outcome = invoke("paths", "--format", "json", "--kb", str(layer))
    assert outcome.exit_code == 0, outcome.stderr
    reports = [file for file in json.loads(outcome.stdout)["files"] if file["path"] == str(layer)]
    assert reports and "guide" in reports[0]["replaces"]


def test_a_weakened_warning_sign_group_is_named_on_every_page(tmp_path: Path) -> None:
    layer = _file(tmp_path, "my-notes.yaml", WEAKENED_FLAG)
    pages = [
        ("red-flags",),
        ("lookup", "-r", "low back"),
        ("technique", "cupping"),
        ("map",),
        ("map", "--region", "neck"),
        ("acupoint", "gb20"),
        ("list", "regions"),
        ("search", "spasm"),
        ("evidence", "cupping"),
        ("about",),
        ("ask", "my back hurts"),
    ]
    for args in pages:
        for output in ("text", "json", "markdown"):
            outcome = invoke(*args, "--format", output, "--no-pager", "--kb", str(layer))
            assert outcome.exit_code == 0, outcome.stderr
            flat = " ".join(outcome.stdout.split())
            assert "my-notes.yaml" in flat, (args, output)
            assert "the shipped warning signs are replaced" in flat, (args, output)
    assert invoke("red-flags", "--format", "json", "--kb", str(layer)).exit_code == 0
    exported = invoke("export", "--kb", str(layer))
    assert "changed by your file" in exported.stdout


def test_changed_cautions_are_named_and_the_cache_keeps_it(tmp_path: Path, cache: Path) -> None:
    shipped = yaml.safe_load((shipped_data_dir() / "techniques.yaml").read_text())
    (cupping,) = [entry for entry in shipped["techniques"] if entry["id"] == "cupping"]
    cupping["cautions"] = ["Enjoy it."]
    cupping.pop("contraindications", None)
    text = yaml.safe_dump({"techniques": [cupping]}, sort_keys=False)
    layer = _file(tmp_path, "soft.yaml", text)
    for _ in range(2):  # a cold run, then one from the cache
        outcome = invoke("technique", "cupping", "--format", "markdown", "--kb", str(layer))
        assert outcome.exit_code == 0, outcome.stderr
        assert "soft.yaml" in outcome.stdout
        assert "cautions or contraindications are replaced" in outcome.stdout


def test_an_unchanged_copy_of_shipped_entries_adds_no_note(tmp_path: Path) -> None:
    layer = _file(tmp_path, "copy.yaml", (shipped_data_dir() / "red_flags.yaml").read_text())
    outcome = invoke("red-flags", "--format", "markdown", "--kb", str(layer))
    assert outcome.exit_code == 0
    assert "changed by your file" not in outcome.stdout
