"""User layers, `paths`, `validate`, and hostile files, arguments and environments."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import NOTICE_WORDS, invoke, run_process

NEW_TECHNIQUE = """
techniques:
  - id: hot-stone
    name: Hot stone massage
    aliases: [stones]
    category: manual therapy
    invasiveness: touch
    summary: Warm stones placed and glided over tight muscles.
    how_it_works: [Warmth relaxes the muscle.]
    benefits: [Relaxation.]
    often_used_for: [Tension in the upper back.]
    session: Smooth warm stones are placed and moved over the back.
    cautions: [Stones must not be hot enough to burn.]
    sources: [article]
"""

REPLACED_CUPPING = (
    NEW_TECHNIQUE.replace("id: hot-stone", "id: cupping")
    .replace("name: Hot stone massage", "name: Cupping")
    .replace("aliases: [stones]", "aliases: [cups]")
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def single_error_line(outcome_stderr: str) -> str:
    lines = outcome_stderr.splitlines()
    assert len(lines) == 1, outcome_stderr
    assert "Traceback" not in outcome_stderr
    return lines[0]


# -- layers ----------------------------------------------------------------------------------


def test_a_new_entry_from_kb_joins_every_command(tmp_path: Path) -> None:
    extra = str(write(tmp_path, "extra.yaml", NEW_TECHNIQUE))
    assert "Warm stones" in invoke("technique", "stones", "--kb", extra).stdout
    listed = json.loads(invoke("list", "techniques", "--kb", extra, "--format", "json").stdout)
    assert "hot-stone" in [entry["id"] for entry in listed["entries"]]
    found = json.loads(invoke("search", "stones", "--kb", extra, "--format", "json").stdout)
    assert found["results"][0]["id"] == "hot-stone"
    markdown = invoke("technique", "hot-stone", "--kb", extra, "--format", "markdown").stdout
    assert markdown.startswith("# Hot stone massage")
    assert invoke("technique", "hot-stone").exit_code == 1  # not without the layer


def test_an_entry_with_the_same_id_replaces_the_shipped_one(tmp_path: Path) -> None:
    extra = str(write(tmp_path, "cupping.yaml", REPLACED_CUPPING))
    page = invoke("technique", "cupping", "--kb", extra, "--format", "json")
    assert (
        json.loads(page.stdout)["technique"]["summary"]
        == "Warm stones placed and glided over tight muscles."
    )
    region = json.loads(
        invoke("lookup", "--region", "neck", "--kb", extra, "--format", "json").stdout
    )
    assert "cupping" in [item["id"] for item in region["region"]["techniques"]]


def test_a_folder_and_the_environment_variable_are_layers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    write(folder, "stones.yaml", NEW_TECHNIQUE)
    write(folder, "readme.txt", "not yaml")
    monkeypatch.setenv("SPASMGUIDE_KB", f"{folder}{os.pathsep}")
    assert invoke("technique", "hot stone massage").exit_code == 0
    report = json.loads(invoke("paths", "--format", "json").stdout)
    origins = {entry["origin"] for entry in report["files"]}
    assert origins == {"shipped", "SPASMGUIDE_KB"}
    assert any(entry["path"].endswith("stones.yaml") for entry in report["files"])


def test_kb_layers_come_after_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPASMGUIDE_KB", str(write(tmp_path, "a.yaml", NEW_TECHNIQUE)))
    later = NEW_TECHNIQUE.replace("Warm stones placed", "Heated stones placed")
    option = str(write(tmp_path, "b.yaml", later))
    page = json.loads(invoke("technique", "hot-stone", "--kb", option, "--format", "json").stdout)
    assert page["technique"]["summary"].startswith("Heated")
    report = json.loads(invoke("paths", "--kb", option, "--format", "json").stdout)
    assert [entry["origin"] for entry in report["files"]][-2:] == ["SPASMGUIDE_KB", "--kb"]
    assert report["files"][-1]["replaces"] == ["techniques/hot-stone"]


def test_paths_text_names_each_file_and_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no file path is folded
    extra = str(write(tmp_path, "extra.yaml", NEW_TECHNIQUE))
    page = invoke("paths", "--kb", extra)
    assert page.exit_code == 0
    assert (
        "techniques.yaml" in page.stdout and "extra.yaml" in page.stdout and "--kb" in page.stdout
    )
    assert NOTICE_WORDS in " ".join(page.stdout.replace("│", " ").split())


def test_paths_still_reports_when_a_layer_is_broken(tmp_path: Path) -> None:
    broken = str(write(tmp_path, "broken.yaml", "techniques: [\n"))
    page = invoke("paths", "--kb", broken)
    assert page.exit_code == 0
    assert "1 problem" in page.stdout


# -- validate --------------------------------------------------------------------------------


def test_validate_passes_on_the_shipped_knowledge_base() -> None:
    outcome = invoke("validate")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.startswith("valid: ")


def test_validate_lists_every_problem_with_its_place(tmp_path: Path) -> None:
    bad = NEW_TECHNIQUE.replace("    session:", "    colour: red\n    session:").replace(
        "category: manual therapy", "category: massage"
    )
    other = write(tmp_path, "other.yaml", "regions: yes\n")
    outcome = invoke("validate", str(write(tmp_path, "bad.yaml", bad)), str(other))
    assert outcome.exit_code == 1
    lines = outcome.stderr.splitlines()
    assert any("bad.yaml:" in line and "unknown key 'colour'" in line for line in lines)
    assert any("bad.yaml:" in line and "'massage'" in line for line in lines)
    assert any("other.yaml:1:" in line for line in lines)
    assert lines[-1] == "spasmguide: error: 3 problems found"


def test_validate_reports_a_missing_path_among_the_others(tmp_path: Path) -> None:
    outcome = invoke("validate", str(tmp_path / "nope.yaml"), str(write(tmp_path, "e.yaml", "")))
    assert outcome.exit_code == 1
    assert "no such file or folder" in outcome.stderr and "the file is empty" in outcome.stderr


# -- hostile files ---------------------------------------------------------------------------


def hostile_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "syntax error": write(tmp_path, "syntax.yaml", "techniques: [\n  - {id: x\n"),
        "python tag": write(
            tmp_path,
            "tag.yaml",
            "techniques:\n  - !!python/object/apply:os.system ['touch pwned']\n",
        ),
        "alias bomb": write(
            tmp_path,
            "bomb.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            "techniques: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
        ),
        "self alias": write(tmp_path, "loop.yaml", "techniques: &t\n  - *t\n"),
        "deep nesting": write(
            tmp_path, "deep.yaml", "techniques: " + "[" * 50_000 + "]" * 50_000 + "\n"
        ),
        "empty": write(tmp_path, "empty.yaml", ""),
        "bare scalar": write(tmp_path, "scalar.yaml", "hello\n"),
        "bare list": write(tmp_path, "list.yaml", "- a\n- b\n"),
        "several documents": write(tmp_path, "docs.yaml", "techniques: []\n---\nregions: []\n"),
        "duplicate keys": write(tmp_path, "dupes.yaml", NEW_TECHNIQUE + "techniques: []\n"),
    }
    huge = tmp_path / "huge.yaml"
    with huge.open("w") as stream:
        stream.write("# " + "x" * 1000 + "\n")
        stream.truncate(3 * 1024 * 1024)
    files["huge"] = huge
    latin = tmp_path / "latin1.yaml"
    latin.write_bytes(b"techniques:\n  - id: caf\xe9\n")
    files["non-UTF-8"] = latin
    no_yaml = tmp_path / "empty-folder"
    no_yaml.mkdir()
    files["folder with no YAML"] = no_yaml
    loop = tmp_path / "loop-link.yaml"
    loop.symlink_to(loop)
    files["symlink loop"] = loop
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    files["FIFO"] = fifo
    files["/dev/zero"] = Path("/dev/zero")
    files["missing"] = tmp_path / "missing.yaml"
    return files


HOSTILE_NAMES = [
    "syntax error",
    "python tag",
    "alias bomb",
    "self alias",
    "deep nesting",
    "empty",
    "bare scalar",
    "bare list",
    "several documents",
    "duplicate keys",
    "huge",
    "non-UTF-8",
    "folder with no YAML",
    "symlink loop",
    "FIFO",
    "/dev/zero",
    "missing",
]


# Not a speed measure (the benchmark measures speed): a bound far above any normal run, so a
# file that makes the loader hang (a FIFO, /dev/zero, an alias bomb) fails the test.
NO_HANG_SECONDS = 60


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_files_are_refused_in_one_line_without_hanging(tmp_path: Path, name: str) -> None:
    path = hostile_files(tmp_path)[name]
    started = time.monotonic()
    outcome = invoke("technique", "cupping", "--kb", str(path))
    assert time.monotonic() - started < NO_HANG_SECONDS
    assert outcome.exit_code == 1, (name, outcome)
    line = single_error_line(outcome.stderr)
    assert line.startswith("spasmguide: error: invalid knowledge base: ")
    assert outcome.stdout == ""
    assert not (tmp_path / "pwned").exists()
    listed = invoke("validate", str(path))
    assert listed.exit_code == 1 and "Traceback" not in listed.stderr


def test_an_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.yaml", NEW_TECHNIQUE)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    outcome = invoke("technique", "cupping", "--kb", str(path))
    assert outcome.exit_code == 1
    assert "Permission denied" in single_error_line(outcome.stderr)


def test_a_hostile_file_in_a_real_process_leaves_no_traceback(tmp_path: Path) -> None:
    path = hostile_files(tmp_path)["deep nesting"]
    result = run_process("lookup", "--region", "neck", "--kb", str(path))
    assert result.returncode == 1
    single_error_line(result.stderr)


def test_hostile_text_in_a_layer_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    hostile = NEW_TECHNIQUE.replace(
        "Warm stones placed and glided over tight muscles.",
        '"[red]x[/red] [link=http://evil]y[/link] \\e[2J \\e]0;title\\a \\x9b \\u202e end"',
    )
    extra = str(write(tmp_path, "hostile.yaml", hostile))
    for output in ("text", "markdown", "json"):
        result = run_process(
            "technique", "hot-stone", "--kb", extra, "--format", output, env={"TTY_COMPATIBLE": "1"}
        )
        assert result.returncode == 0, result.stderr
        shown = result.stdout
        for raw in ("\x1b[2J", "\x1b]0;", "\x07", "\x9b", "\u202e", "\x1b]8;"):
            assert raw not in shown, (output, raw)
        if output == "json":
            assert json.loads(shown)["technique"]["summary"].startswith("[red]x[/red]")
        else:
            assert "[red]x[/red]" in shown.replace("\\", "")


# -- hostile arguments -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("technique", ""), 2),  # an empty name is a malformed request
        (("technique", "x" * 100_000), 1),
        (("technique", "cup\x1b[2Jping\x07"), 1),
        (("technique", "針灸"), 1),
        (("lookup", "--region", ""), 2),
        (("lookup", "--region", "\u202eneck"), 0),
        (("search", '"cupping" AND (neck OR *) NOT'), 0),
        (("search", "x" * 100_000), 0),
        (("search", "針灸"), 0),
        (("lookup", "--region", "neck", "--format", "\x1b[31m"), 2),
        (("lookup", "--region", "neck", "--kb", ""), 2),
    ],
)
def test_hostile_arguments_get_a_handled_answer(args: tuple[str, ...], code: int) -> None:
    started = time.monotonic()
    outcome = invoke(*args)
    assert time.monotonic() - started < 5
    assert outcome.exit_code == code, outcome
    assert "Traceback" not in outcome.stderr
    assert (
        "\x1b" not in outcome.stderr
        and "\x07" not in outcome.stderr
        and "\u202e" not in outcome.stderr
    )
    if code:
        line = single_error_line(outcome.stderr)
        assert len(line) < 2500


# -- hostile environment ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "LANG": "C"},
        {"PYTHONIOENCODING": "ascii"},
        {
            "HOME": "/nonexistent/home",
            "XDG_CACHE_HOME": "/nonexistent/cache",
            "XDG_DATA_HOME": "/nonexistent/data",
        },
        {"HOME": "/proc", "XDG_CACHE_HOME": "/proc/cache"},
        {"TERM": "dumb", "COLUMNS": "20"},
        {"COLUMNS": "not-a-number"},
    ],
)
@pytest.mark.slow
def test_a_hostile_environment_is_survived(env: dict[str, str]) -> None:
    result = run_process("lookup", "--region", "neck", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Licensed" in result.stdout
