"""Headless Chromium for the tests that look at exported pages (.ci/run installs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


# CI sets CI=true: there a missing browser fails the tests that need it instead of skipping them.
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

needs_chromium = pytest.mark.skipif(
    chromium() is None and not IN_CI,
    reason="Chromium is not installed here (.ci/run installs it)",
)


def chromium_command(profile: Path, *arguments: str) -> list[str]:
    """Chromium, headless and quiet on a closed network, with a profile of its own."""
    return [
        str(chromium()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *arguments,
    ]


def run_chromium(profile: Path, *arguments: str) -> str:
    """Runs Chromium to its end and returns what it printed (the DOM for --dump-dom)."""
    done = subprocess.run(
        chromium_command(profile, *arguments),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout


OUR_SCRIPTS = ['<script type="application/json" id="search-data">', "<script>"]


def only_our_scripts(page: str) -> bool:
    """Whether the page's only scripts are the study guide's own two (its search index and its
    search), each closed once: text from the knowledge base never opened or ended one."""
    opened = re.findall(r"<script\b[^>]*>", page, flags=re.I)
    closed = re.findall(r"</script", page, flags=re.I)
    return opened == OUR_SCRIPTS and len(closed) == len(OUR_SCRIPTS)


def screenshot_kept(profile: Path, uri: str, size: str, kept: Path, min_bytes: int) -> None:
    """Takes a screenshot of `uri` at `size` (WIDTH,HEIGHT) and checks it is a real picture;
    with SPASMGUIDE_UPDATE_GOLDEN set, keeps it as `kept` (to be looked at before committing).
    A kept screenshot must exist either way."""
    shot = profile.parent / kept.name
    run_chromium(profile, f"--window-size={size}", f"--screenshot={shot}", uri)
    assert shot.exists() and shot.stat().st_size > min_bytes
    if os.environ.get("SPASMGUIDE_UPDATE_GOLDEN"):
        kept.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, kept)
    assert kept.exists(), "review the screenshot and keep it: SPASMGUIDE_UPDATE_GOLDEN=1"
