"""The body map: the `map` command in every format, the layout, and the SVG in the study guide."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from spasmguide.kb import map_layout
from spasmguide.kb.model import KnowledgeBase
from spasmguide.pages import body_map
from spasmguide.pages import builders as pages
from spasmguide.render.figure import GAP, draw_svg, plain_text
from spasmguide.render.html import render_html
from tests.browser import needs_chromium, only_our_scripts, run_chromium, screenshot_kept
from tests.conftest import NOTICE_WORDS, invoke, render_to_string, run_process
from tests.test_map_layout import REGION_OF_ONES_OWN

REPO = Path(__file__).resolve().parent.parent
SCREENSHOT = REPO / "tests" / "screenshots" / "body-map.png"
# Read at import: every test runs with the SPASMGUIDE_ variables cleared.
UPDATE = bool(os.environ.get("SPASMGUIDE_UPDATE_GOLDEN"))

NEW_REGION = REGION_OF_ONES_OWN


def layer(tmp_path: Path, region_id: str, name: str) -> Path:
    path = tmp_path / f"{region_id}.yaml"
    path.write_text(NEW_REGION.format(id=region_id, name=name), encoding="utf-8")
    return path


def figure_lines(output: str) -> list[str]:
    lines = output.splitlines()
    start = next(number for number, line in enumerate(lines) if "Front and back" in line)
    end = next(number for number, line in enumerate(lines) if "BACK" in line)
    return lines[start + 1 : end + 1]


def test_the_map_numbers_every_region_front_and_back(kb: KnowledgeBase) -> None:
    outcome = invoke("map")
    assert outcome.exit_code == 0, outcome.stderr
    lines = figure_lines(outcome.stdout)
    assert "FRONT" in lines[-1] and "BACK" in lines[-1]
    figure = "\n".join(lines)
    legend = outcome.stdout[outcome.stdout.index("Legend") :]
    for number, region in enumerate(kb.regions.values(), start=1):
        assert re.search(rf"(?<!\d){number}(?!\d)", figure), region.id
        assert re.search(rf"^  {number} +{re.escape(region.name)} \(", legend, flags=re.M)
    assert "*" not in figure and "░" not in figure  # nothing is highlighted unless asked
    assert NOTICE_WORDS in " ".join(outcome.stdout.split())


@pytest.mark.parametrize("width", [80, 60])
def test_the_map_fits_the_terminal(kb: KnowledgeBase, width: int) -> None:
    text = render_to_string(body_map.map_page(kb, kb.regions["neck"]), width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert "FRONT" in text and "BACK" in text


def test_one_region_is_shaded_and_starred(kb: KnowledgeBase) -> None:
    outcome = invoke("map", "--region", "calves")
    assert outcome.exit_code == 0, outcome.stderr
    number = list(kb.regions).index("calf") + 1
    figure = "\n".join(figure_lines(outcome.stdout))
    assert f"*{number}*" in figure and "░" in figure
    assert re.search(rf"^  \*{number}\* +Calf cramps", outcome.stdout, flags=re.M)
    assert figure.count("*") == 2  # only the calf, on the one view it is on


def test_the_highlight_is_styled_when_colour_is_on(kb: KnowledgeBase) -> None:
    page = body_map.map_page(kb, kb.regions["neck"])
    coloured = render_to_string(page, 80, color=True)
    line = next(line for line in coloured.splitlines() if "*1*" in line)
    assert re.search(r"\x1b\[[0-9;]*7[0-9;]*m\*1\*", line)  # reverse video
    plain = render_to_string(page, 80)
    assert "\x1b" not in plain and "*1*" in plain


def test_an_ascii_terminal_gets_an_ascii_map() -> None:
    result = run_process("map", "--region", "neck", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii() and "\\u" not in result.stdout
    assert "*1*" in result.stdout and "|" in result.stdout and "FRONT" in result.stdout


def test_json_and_markdown_pages(kb: KnowledgeBase) -> None:
    document = json.loads(invoke("map", "--region", "low back", "--format", "json").stdout)
    assert document["kind"] == "map" and NOTICE_WORDS in document["notice"]
    assert document["highlighted"] == "low-back"
    assert [entry["id"] for entry in document["regions"]] == list(kb.regions)
    assert [entry["number"] for entry in document["regions"]] == list(range(1, len(kb.regions) + 1))
    assert [entry["id"] for entry in document["regions"] if entry["highlighted"]] == ["low-back"]
    assert document["not_on_map"] == []
    markdown = invoke("map", "--format", "markdown").stdout
    assert markdown.startswith("# Body map") and "```text\n" in markdown
    assert "FRONT" in markdown and NOTICE_WORDS in markdown


def test_an_unknown_region_is_one_line_and_exit_1() -> None:
    outcome = invoke("map", "--region", "elbowz")
    assert outcome.exit_code == 1 and len(outcome.stderr.splitlines()) == 1


def test_regions_the_layout_does_not_know_are_listed(tmp_path: Path) -> None:
    extra = layer(tmp_path, "left-ear", "Left <ear> [red]x[/red]")
    outcome = invoke("map", "--kb", str(extra))
    assert outcome.exit_code == 0, outcome.stderr
    missing = outcome.stdout[outcome.stdout.index("Not on the map") :]
    assert "left-ear" in missing and "Left <ear> [red]x[/red]" in missing
    document = json.loads(invoke("map", "--kb", str(extra), "--format", "json").stdout)
    assert document["not_on_map"] == [{"id": "left-ear", "name": "Left <ear> [red]x[/red]"}]
    highlighted = invoke("map", "--kb", str(extra), "--region", "left-ear")
    assert highlighted.exit_code == 0
    assert "is not on the map" in " ".join(highlighted.stdout.split())


def test_a_region_named_a_little_differently_finds_its_place(kb: KnowledgeBase) -> None:
    neck = kb.regions["neck"]
    renamed = {
        "forearm-and-hand": neck._replace(id="forearm-and-hand", name="Forearm & hand"),
        "tmj": neck._replace(id="tmj", name="TMJ", aliases=("jaw",)),
        "hips": neck._replace(id="hips", name="Front of thigh", aliases=()),
    }
    # The regions as a layer might name them, in place of the shipped ones.
    kept = {
        key: region
        for key, region in kb.regions.items()
        if key not in ("forearm-hand", "jaw", "front-thigh")
    }
    spots = body_map.spots_of(kb._replace(regions={**kept, **renamed}))
    assert spots["forearm-and-hand"].id == "forearm-hand"
    assert spots["tmj"].id == "jaw"
    assert spots["hips"].id == "front-thigh-hip"
    assert spots["piriformis"].id == "piriformis"  # its alias "hip" takes nothing else
    assert spots["upper-back-shoulders"].id == "upper-back-shoulders"


def test_the_layout_is_inside_the_figure(kb: KnowledgeBase) -> None:
    figures = {view.id: map_layout.rows_of(view) for view in kb.map_views.values()}
    assert list(figures) == ["front", "back"]
    width = len(figures["front"][0])
    height = len(figures["front"])
    assert all(len(line) == width for figure in figures.values() for line in figure)
    assert 2 * width + GAP + 2 <= 80  # side by side in 80 columns, with the indent
    for spot in kb.map_regions.values():
        for place in spot.places:
            figure = figures[place.view]
            (row, column), seeds = map_layout.place_cells(place)
            assert 0 <= row < height and 0 <= column < width, spot.id
            assert all(figure[row][column] == " " for row, column in seeds), spot.id
    for point in kb.map_points.values():
        row_f, column_f = map_layout.fraction(point.at)
        assert point.view in figures and 0 <= row_f < height and 0 <= column_f < width


def test_every_shipped_region_and_acupoint_is_placed(kb: KnowledgeBase) -> None:
    assert list(body_map.spots_of(kb)) == list(kb.regions)
    assert all(body_map.point_place(kb, point) for point in kb.acupoints.values())


def test_plain_text_is_the_same_figure_as_the_terminal(kb: KnowledgeBase) -> None:
    figure = body_map.body_map(kb, highlight="neck")
    drawn = plain_text(figure)
    assert drawn.splitlines()[3].strip().startswith("╭────╯*1*╰────╮")
    ascii_drawn = plain_text(figure, unicode_ok=False)
    assert ascii_drawn.isascii() and len(ascii_drawn.splitlines()) == len(drawn.splitlines())


def test_the_study_guide_embeds_the_map_as_svg(tmp_path: Path, kb: KnowledgeBase) -> None:
    extra = layer(tmp_path, "left-ear", "Left <script>alert(1)</script> ear")
    target = tmp_path / "guide.html"
    outcome = invoke("export", "--format", "html", "--output", str(target), "--kb", str(extra))
    assert outcome.exit_code == 0, outcome.stderr
    page = target.read_text(encoding="utf-8")
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    whole = svgs[0] + svgs[1]  # the whole map's two views, then each region's own figure
    assert page.count('<figure class="body-map whole">') == 1
    assert page.count('<figure class="body-map small">') == len(kb.regions)
    for point in kb.acupoints.values():
        assert f">{point.code or point.pinyin}</text>" in whole
    assert "schematic: see the point" in whole.lower()
    assert only_our_scripts(page) and "&lt;script&gt;" in page
    assert "http" not in whole.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "Not on the map" in page and "left-ear" in page
    neck_section = page[page.index('<h3 id="neck">') :]
    # Warning signs first, then the region on the map.
    warnings = neck_section.index("Warning signs: get medical care first</h4>")
    on_map = neck_section.index("On the body map</h4>")
    assert warnings < on_map < neck_section.index("Self-care</h4>")
    assert 'class="bm-region bm-chosen"' in neck_section[on_map : neck_section.index("</svg>")]


def test_svg_text_is_escaped(kb: KnowledgeBase) -> None:
    hostile = kb.regions["neck"]._replace(name='Neck "<b>&')
    figure = body_map.body_map(kb._replace(regions={**kb.regions, "neck": hostile}))
    svg = draw_svg(figure)
    assert "<b>" not in svg and "&lt;b&gt;" in svg and '"<' not in svg


@pytest.mark.slow
@needs_chromium
def test_chromium_draws_the_body_map(tmp_path: Path, kb: KnowledgeBase) -> None:
    guide = pages.study_guide_page(kb)
    calf = next(number for number, one in enumerate(guide.sections) if one.anchor == "calf-cramps")
    end = next(
        number for number, one in enumerate(guide.sections) if number > calf and one.level <= 3
    )
    whole = [section for section in guide.sections if section.heading == "Body map"]
    shown = [*whole, *guide.sections[calf:end]]
    target = tmp_path / "map.html"
    target.write_text(render_html(guide._replace(sections=tuple(shown))), encoding="utf-8")
    profile = tmp_path / "profile"
    dom = run_chromium(profile, "--dump-dom", target.as_uri())
    places = sum(len(spot.places) for spot in body_map.spots_of(kb).values())
    calf_figure = body_map.body_map(
        kb, highlight="calf", only=["calf"], points=kb.regions["calf"].acupoints, small=True
    )
    # Each view its own drawing: the whole map's two, then the calf's own.
    assert dom.count("<svg") == 2 + len(calf_figure.views)
    assert dom.count('class="bm-number') == places + 1
    assert "FRONT</text>" in dom and "BACK</text>" in dom
    screenshot_kept(profile, target.as_uri(), "900,1650", SCREENSHOT, 20_000)
