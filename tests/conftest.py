"""Shared fixtures: every test runs with its own empty home and user folders."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
from rich.console import Console
from typer.testing import CliRunner

from spasmguide import invocation
from spasmguide.cli.app import app
from spasmguide.kb.ask import understand
from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages.document import Page
from spasmguide.render.text import render_text

NOTICE_WORDS = "Licensed Acupuncturist (L.Ac)"
# A small valid layer with one technique of its own, for tests of layering and caching.
HOT_STONE_LAYER = """
techniques:
  - id: hot-stone
    name: Hot stone massage
    category: manual therapy
    invasiveness: touch
    summary: Warm stones placed on tight muscles.
    how_it_works: [Warmth relaxes the muscle.]
    benefits: [Relaxation.]
    often_used_for: [Tension.]
    session: Stones are placed on the back.
    cautions: [Stones must not burn.]
    sources: [article]
"""
# The cards a test's quiz asks when it answers line by line: with technique cards only each
# answer is one line, whatever else the guide holds (a point's location takes a second line,
# the student's grade).
ONE_LINE_ANSWERS = ("--topic", "techniques")
# Every command the app has, read from the app itself so no test list can fall behind.
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def shared_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache home shared by the tests that do not test caching, warmed once with the shipped
    knowledge base. The compiled cache and the search index are keyed by the digest of what
    they were built from, so sharing them can never serve one test another's content."""
    from spasmguide.kb.guide import GuideInForce

    home = tmp_path_factory.mktemp("shared") / "xdg_cache_home"
    guide = GuideInForce((), {"XDG_CACHE_HOME": str(home), "HOME": str(home.parent)})
    guide.postings()
    return home


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    shared_cache_home: Path,
) -> Iterator[None]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    if request.node.get_closest_marker("own_cache") is None:
        monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache_home))
    for name in list(os.environ):
        if name.startswith("SPASMGUIDE_") or name in ("NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "100")
    yield


def _folder_from(variable: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / variable.lower()
    monkeypatch.setenv(variable, str(folder))
    return folder


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of the test's own, named by SPASMGUIDE_CACHE_DIR."""
    return _folder_from("SPASMGUIDE_CACHE_DIR", tmp_path, monkeypatch)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder of the test's own, named by SPASMGUIDE_DATA_DIR."""
    return _folder_from("SPASMGUIDE_DATA_DIR", tmp_path, monkeypatch)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


def render_to_string(page: Page, width: int, *, color: bool = False) -> str:
    """A page as the text renderer prints it at `width` columns, plain or coloured."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    render_text(page, console)
    return buffer.getvalue()


def invoke(*args: str) -> Outcome:
    """Runs the command line in-process, as the installed `spasmguide` would."""
    arguments = list(invocation.read(args).arguments)
    result = CliRunner().invoke(app, arguments, prog_name="spasmguide")
    return Outcome(result.exit_code, result.stdout, result.stderr)


def loads_module(code: str, module: str) -> bool:
    """Whether running `code` in a fresh Python loads `module` (start-up cost guards)."""
    probe = f"{code}\nimport sys\nsys.stderr.write(str({module!r} in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stderr.endswith(("True", "False")), done.stderr
    return done.stderr.endswith("True")


def run_process(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
    answers: str | None = None,
    before_start: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Runs `python -m spasmguide` in a real process, with `answers` on its stdin and
    `before_start` run in the child before it starts (to set resource limits)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "spasmguide", *args],
        input=answers,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        check=False,
        preexec_fn=before_start,
    )


def first_warning(kb: KnowledgeBase, text: str) -> str | None:
    """The id of the warning sign an answer to `text` opens with, or None when it names none."""
    warnings = understand(kb, text).warnings
    return warnings[0][0].id if warnings else None


def emergencies_raised(kb: KnowledgeBase, text: str) -> list[str]:
    """The ids of the emergency warning signs an answer to `text` raises."""
    return [flag.id for flag, _ in understand(kb, text).warnings if flag.urgency == "emergency"]


def warnings_of(kb: KnowledgeBase, text: str) -> list[str]:
    """The ids of every warning sign an answer to `text` raises, in the order shown."""
    return [flag.id for flag, _ in understand(kb, text).warnings]


def checks_of(kb: KnowledgeBase, text: str) -> list[str]:
    """The ids of every warning sign an answer to `text` asks to check, in the order shown."""
    return [flag.id for flag, _ in understand(kb, text).checks]
