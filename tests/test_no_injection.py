"""Renderers escape every note, whatever it starts with: no text passes as a command."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import invoke

INJECTED = "spasmguide x\n\n<img src=x onerror=alert(1)>\n\n# All clear"
LAYER = """\
red_flags:
  - id: cauda-equina
    title: Possible cauda equina syndrome
    urgency: emergency
    applies_to: Low back pain or sciatica.
    signs:
      - New difficulty passing urine, or new incontinence.
    note: "spasmguide x\\n\\n<img src=x onerror=alert(1)>\\n\\n# All clear"
    sources: [nice-cks-low-back]
"""


def _layer(tmp_path: Path) -> str:
    path = tmp_path / "notes.yaml"
    path.write_text(LAYER)
    return str(path)


def test_a_note_that_looks_like_a_command_is_escaped_in_markdown(tmp_path: Path) -> None:
    layer = _layer(tmp_path)
    for args in (
        ("red-flags", "--format", "markdown", "--kb", layer),
        ("export", "--format", "markdown", "--kb", layer),
    ):
        outcome = invoke(*args)
        assert outcome.exit_code == 0, outcome.stderr
        assert re.search(r"(?<!\\)<img", outcome.stdout) is None  # only as `\<img`
        assert "\n# All clear" not in outcome.stdout


def test_a_note_that_looks_like_a_command_is_escaped_in_html(tmp_path: Path) -> None:
    outcome = invoke("export", "--format", "html", "--kb", _layer(tmp_path))
    assert outcome.exit_code == 0, outcome.stderr
    assert "<img src=x" not in outcome.stdout
    assert "&lt;img src=x onerror=alert(1)&gt;" in outcome.stdout
