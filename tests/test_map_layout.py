"""The body map's layout is data (data/map.yaml): `validate` checks it, and a user's layer can
place its own regions and acupoints on the map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spasmguide.kb import map_layout
from tests.conftest import invoke

# A complete region of a user's own, by id and name (the map tests place it, or find it has
# no place).
REGION_OF_ONES_OWN = """
regions:
  - id: {id}
    name: "{name}"
    summary: A region of a user's own.
    description: Somewhere else.
    muscles: [Some muscle]
    causes: [overuse]
    techniques:
      - technique: cupping
        reason: A reason.
      - technique: stretching-mobility
        reason: A reason.
      - technique: myofascial-release
        reason: A reason.
      - technique: shiatsu
        reason: A reason.
    self_care: [Rest.]
    red_flags: [neck-emergency, neck-serious-cause]
    acupoints: [gb20]
    sources: [article]
"""
OWN_REGION = REGION_OF_ONES_OWN.format(id="left-ear", name="Left ear")


def _layer(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "layer.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_layer_places_its_own_region_on_the_map(tmp_path: Path) -> None:
    layer = _layer(
        tmp_path,
        OWN_REGION
        + """
map_regions:
  - id: left-ear
    places:
      - {view: front, number: "1 10", shade: ["1 10"]}
""",
    )
    assert invoke("validate", str(layer)).exit_code == 0
    page = json.loads(invoke("map", "--kb", str(layer), "--format", "json").stdout)
    assert page["not_on_map"] == []
    assert [region["views"] for region in page["regions"] if region["id"] == "left-ear"] == [
        ["front"]
    ]


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        (
            'map_regions:\n  - id: neck\n    places:\n      - {view: front, number: "30 15",'
            ' shade: ["1 15"]}\n',
            "the cell '30 15' is outside the figure (22 rows of 31)",
        ),
        (
            'map_regions:\n  - id: neck\n    places:\n      - {view: front, number: "1 15",'
            ' shade: ["0 12"]}\n',
            "the shaded cell '0 12' is on the figure's lines, not open space",
        ),
        (
            'map_regions:\n  - id: neck\n    places:\n      - {view: front, number: "one",'
            ' shade: ["1 15"]}\n',
            "'one' is not a cell: write the row and the column, such as '3 15'",
        ),
        (
            'map_regions:\n  - id: neck\n    places:\n      - {view: side, number: "1 15",'
            ' shade: ["1 15"]}\n',
            "unknown map view id 'side'",
        ),
        (
            'map_points:\n  - {id: xx99, view: back, at: "2 13"}\n',
            "no acupoint has the id or code 'xx99'",
        ),
        (
            'map_points:\n  - {id: gb20, view: back, at: "2 45"}\n',
            "'2 45' is outside the back view (22 rows of 31)",
        ),
        (
            'map_views:\n  - id: front\n    rows: ["|  ╭╮ |", "|  ╰╯|"]\n',
            "row 1 is 4 wide; row 0 is 5",
        ),
        (
            'map_views:\n  - id: front\n    rows: ["  ╭╮  ", "  ╰╯  "]\n',
            "row 0 must be written between two '|'",
        ),
        (
            'map_views:\n  - id: front\n    rows: ["| <b> |"]\n',
            "row 0 has characters a figure is not drawn with",
        ),
    ],
)
def test_validate_checks_the_layout(tmp_path: Path, layout: str, message: str) -> None:
    layer = _layer(tmp_path, layout)
    outcome = invoke("validate", str(layer))
    assert outcome.exit_code == 1
    assert f"{layer}:" in outcome.stderr and message in outcome.stderr, outcome.stderr


def test_cells_read_as_written() -> None:
    assert map_layout.cell("3 15") == (3, 15)
    assert map_layout.fraction("2.4 13.4") == (2.4, 13.4)
    assert map_layout.shade_cells("4-5 12 18") == [(4, 12), (4, 18), (5, 12), (5, 18)]
    for wrong in ("3", "3,15", "-1 2", "a b"):
        with pytest.raises(ValueError):
            map_layout.cell(wrong)
    with pytest.raises(ValueError):
        map_layout.shade_cells("5-4 12")
