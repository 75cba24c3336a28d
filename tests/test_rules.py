"""`spasmguide validate` holds every layer to the content rules, so a teacher's new region gets
the same checks as the shipped ones; each problem is one line, file:line:column: message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from spasmguide.kb.loader import parse_file
from spasmguide.kb.rules import RULES
from tests.conftest import invoke
from tests.content_rules import shipped_problems

DATA = Path(__file__).resolve().parent.parent / "data"

# A region as a teacher would add it, complete: every rule holds.
ELBOW = """\
regions:
  - id: elbow
    name: Elbow
    summary: Spasms of the muscles that bend and turn the forearm.
    description: The muscles around the elbow tighten after gripping and lifting.
    muscles: [Biceps, Brachioradialis]
    causes: [overuse]
    techniques:
      - technique: stretching-mobility
        reason: Gentle stretches ease the forearm muscles.
      - technique: tui-na
        reason: Kneading loosens the muscles above and below the joint.
      - technique: cupping
        reason: Suction over the forearm muscles eases tension.
      - technique: traditional-acupuncture
        reason: Local and distal points are chosen for the forearm.
    self_care: [Rest the arm from the gripping that set it off.]
    red_flags: [leg-circulation-emergency, cramps-see-doctor]
    sources: [article]
    lay_terms: [sore elbow muscles]
    acupoints: [si3]
"""


def write(tmp_path: Path, text: str, name: str = "teacher.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    """The problem lines `validate` lists for a layer (it must refuse it: exit 1)."""
    outcome = invoke("validate", str(path))
    assert outcome.exit_code == 1, outcome.stdout
    lines = outcome.stderr.splitlines()
    assert re.fullmatch(r"spasmguide: error: [\d,]+ problems? found", lines[-1]), lines
    return lines[:-1]


def only_problem(tmp_path: Path, text: str) -> str:
    """The one problem `validate` finds in `text` as a teacher's layer, as "LINE:COLUMN:
    message" (the line must name the layer's file first)."""
    path = write(tmp_path, text)
    (line,) = problems(path)
    assert line.startswith(f"{path}:"), line
    return line.removeprefix(f"{path}:")


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of `text` where `fragment` first appears."""
    return text[: text.index(fragment)].count("\n") + 1


def test_a_complete_teacher_region_is_valid(tmp_path: Path) -> None:
    outcome = invoke("validate", str(write(tmp_path, ELBOW)))
    assert outcome.exit_code == 0, outcome.stderr
    assert "14 regions" in outcome.stdout


@pytest.mark.parametrize("rule", [rule.name for rule in RULES])
def test_the_shipped_files_keep_every_rule(rule: str) -> None:
    assert shipped_problems(rule) == []


# A teacher's region with one thing wrong: (what is replaced, by what, the text whose line the
# problem points at (None: the entry's own line), its column, and the message).
BROKEN_REGIONS = [
    (
        "[leg-circulation-emergency, cramps-see-doctor]",
        "[cramps-see-doctor]",
        "red_flags:",
        5,
        "region 'elbow' names no warning-sign group of urgency 'emergency' in red_flags: every"
        " region needs the signs that call for emergency care",
    ),
    (
        ELBOW[ELBOW.index("      - technique: cupping") : ELBOW.index("    self_care:")],
        "",
        "techniques:",
        5,
        "region 'elbow' suggests 2 techniques; a region suggests at least 4, each with its"
        " reason, for its page to rank",
    ),
    (
        "technique: tui-na",
        "technique: cupping",
        "techniques:",
        5,
        "'cupping' is named twice in techniques",
    ),
    (
        "    acupoints: [si3]\n",
        "",
        None,
        5,
        "region 'elbow' names no acupoints: add the common ones (ids of acupoints, each with"
        " its location)",
    ),
    (
        "    self_care: [Rest the arm from the gripping that set it off.]\n",
        "",
        None,
        5,
        "missing required key 'self_care' in an entry of 'regions'",
    ),
    (
        "        reason: Suction over the forearm muscles eases tension.\n",
        "",
        "- technique: cupping",
        9,
        "missing required key 'reason' in an item of 'techniques'",
    ),
    (
        "    sources: [article]",
        "    sources: [article, my-notes]",
        "my-notes",
        24,
        "unknown source id 'my-notes'",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "at", "column", "message"),
    BROKEN_REGIONS,
    ids=[message.split(":")[0][:40] for *_, message in BROKEN_REGIONS],
)
def test_a_broken_teacher_region_gets_one_line_at_its_place(
    tmp_path: Path, old: str, new: str, at: str | None, column: int, message: str
) -> None:
    text = ELBOW.replace(old, new)
    assert text != ELBOW
    where = line_of(text, at) if at is not None else 2
    assert only_problem(tmp_path, text) == f"{where}:{column}: {message}"


def test_an_acupoint_without_a_location_is_refused(tmp_path: Path) -> None:
    text = (
        "acupoints:\n"
        "  - id: lu5-copy\n"
        "    code: LU5X\n"
        "    pinyin: Chize copy\n"
        "    english: [Cubit Marsh copy]\n"
        "    meridian: Lung\n"
        "    uses: Elbow pain.\n"
        "    sources: [article]\n"
    )
    assert only_problem(tmp_path, text) == (
        "2:5: missing required key 'location' in an entry of 'acupoints'"
    )


def test_a_technique_without_contraindications_is_refused(tmp_path: Path) -> None:
    text = (
        "techniques:\n"
        "  - id: hot-stone\n"
        "    name: Hot stone massage\n"
        "    category: manual therapy\n"
        "    invasiveness: touch\n"
        "    summary: Warm stones placed on tight muscles.\n"
        "    how_it_works: [Warmth relaxes the muscle.]\n"
        "    benefits: [Relaxation.]\n"
        "    often_used_for: [Tension.]\n"
        "    session: Stones are placed on the back.\n"
        "    cautions: [Stones must not burn.]\n"
        "    sources: [article]\n"
    )
    assert only_problem(tmp_path, text) == (
        "2:5: technique 'hot-stone' has no contraindications: say who should not have it"
    )
    fixed = text + "    contraindications: [Broken or numb skin.]\n"
    assert invoke("validate", str(write(tmp_path, fixed))).exit_code == 0


def test_a_red_flag_s_lay_word_belongs_to_one_group(tmp_path: Path) -> None:
    shipped = yaml.safe_load((DATA / "red_flags.yaml").read_text(encoding="utf-8"))["red_flags"]
    group = next(flag for flag in shipped if flag["id"] == "cramps-see-doctor")
    taken = group["lay_terms"][0]
    text = (
        "red_flags:\n"
        "  - id: night-cramps-copy\n"
        "    title: Night cramps, copied\n"
        "    urgency: see a doctor\n"
        "    applies_to: Anyone.\n"
        "    signs: [Cramps every night for weeks.]\n"
        "    sources: [article]\n"
        f"    lay_terms: [{taken.upper()}]\n"
    )
    assert only_problem(tmp_path, text) == (
        f"8:5: the lay word '{taken.upper()}' of red-flag group 'night-cramps-copy' is"
        " already one of 'cramps-see-doctor': a lay word belongs to one red-flag group"
    )


def test_a_lay_word_may_not_be_another_entry_s_name(tmp_path: Path) -> None:
    text = ELBOW.replace("[sore elbow muscles]", "[sore elbow muscles, Calf]")
    assert only_problem(tmp_path, text) == (
        f"{line_of(text, 'lay_terms:')}:5: the lay word 'Calf' of region 'elbow' is a"
        " name of 'calf': a lay word belongs to one region"
    )


def test_every_certainty_label_must_be_explained(tmp_path: Path) -> None:
    text = (
        "evidence:\n"
        "  - id: elbow-review\n"
        "    title: An elbow review\n"
        "    finding: Nothing was found.\n"
        "    certainty: very low\n"
        "    basis: One small trial.\n"
        "    sources: [article]\n"
    )
    guide = yaml.safe_load((DATA / "guide.yaml").read_text(encoding="utf-8"))
    guide["guide"]["certainty_labels"] = [
        label for label in guide["guide"]["certainty_labels"] if label["label"] != "very low"
    ]
    write(tmp_path, yaml.safe_dump(guide, allow_unicode=True, width=1000), "guide.yaml")
    path = write(tmp_path, text)
    lines = problems(tmp_path)
    own = [line for line in lines if line.startswith(f"{path}:")]
    assert own == [
        f"{path}:5:5: the certainty 'very low' of evidence 'elbow-review' is not explained in"
        " the guide's certainty_labels"
    ]
    assert all("is not explained in the guide's certainty_labels" in line for line in lines)


def test_a_teacher_s_problems_are_all_listed_together(tmp_path: Path) -> None:
    text = ELBOW.replace("    acupoints: [si3]\n", "").replace(
        "[leg-circulation-emergency, cramps-see-doctor]", "[cramps-see-doctor]"
    )
    lines = problems(write(tmp_path, text))
    assert len(lines) == 2
    assert all(re.match(r".+teacher\.yaml:\d+:\d+: region 'elbow' ", line) for line in lines)


def test_only_validate_keeps_the_yaml_nodes(tmp_path: Path) -> None:
    """Keeping every entry's node costs memory on a large layer (three times the peak on 10,000
    techniques); only the content rules need it, to say where a key is."""
    path = write(tmp_path, ELBOW)
    (kept,) = parse_file(path, placed=True).entries["regions"]
    assert kept.at("acupoints").line == line_of(ELBOW, "acupoints:")
    (loaded,) = parse_file(path).entries["regions"]
    assert loaded.node is None and loaded.at("acupoints") == loaded.where


def test_a_warning_sign_checked_for_an_unknown_concept_is_refused(tmp_path: Path) -> None:
    text = (
        "red_flags:\n"
        "  - id: knock-check\n"
        "    title: Signs after a knock\n"
        "    urgency: emergency\n"
        "    applies_to: Anyone who has had a knock.\n"
        "    signs: [Vomiting since the knock.]\n"
        "    sources: [article]\n"
        "    check_when: [head-injury, bonked-noggin]\n"
    )
    assert only_problem(tmp_path, text) == "8:31: unknown concept id 'bonked-noggin'"
    fixed = text.replace(", bonked-noggin", "")
    assert invoke("validate", str(write(tmp_path, fixed))).exit_code == 0


def test_a_file_that_cannot_be_read_is_the_one_problem_named(tmp_path: Path) -> None:
    # A teacher's region names a red flag that a second file of the layer defines; when that
    # file is broken, the region's reference into it would dangle, but the one thing to fix is
    # the broken file, so it is the only problem `validate` names.
    write(tmp_path, ELBOW.replace("leg-circulation-emergency", "elbow-emergency"), "regions.yaml")
    broken = write(
        tmp_path, "red_flags:\n  - id: elbow-emergency\n    title: [unclosed\n", "flags.yaml"
    )
    (line,) = problems(tmp_path)
    assert line.startswith(f"{broken}:") and "YAML syntax error" in line, line
