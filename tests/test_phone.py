"""The HTML study guide in a real browser, on a phone-sized window and a laptop-sized one.

Debian's Chromium, driven headless through Playwright (never a browser Playwright downloads),
opens the exported file: nothing scrolls sideways, the search box finds entries as a user
types, the body map's regions open their sections, no two labels of the map overlap, and
axe-core (from its npm package, run in the page) finds no serious or critical violation.
Without Chromium, Playwright or axe-core the tests say so and are skipped, except in CI.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spasmguide.kb import search as kb_search
from spasmguide.kb.model import KnowledgeBase
from tests.browser import IN_CI, chromium
from tests.conftest import NOTICE_WORDS, invoke

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / "tests" / "screenshots"
# Read at import: every test runs with the SPASMGUIDE_ variables cleared.
UPDATE = bool(os.environ.get("SPASMGUIDE_UPDATE_GOLDEN"))
AXE = Path(os.environ.get("AXE_CORE_JS", REPO / "node_modules" / "axe-core" / "axe.min.js"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE, LAPTOP = 400, 1200
HEIGHT = {360: 780, PHONE: 860, LAPTOP: 900}


def _missing(what: str) -> None:
    message = f"{what} (.ci/run installs it)"
    if IN_CI:
        pytest.fail(f"CI must run the browser tests: {message}")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium()
    if path is None:
        _missing("Chromium is not installed here")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed here")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("guide") / "guide.html"
    outcome = invoke("export", "--format", "html", "--output", str(target))
    assert outcome.exit_code == 0, outcome.stderr
    return target


class Opened:
    """A page of the guide open in a window of one width, with every request it made."""

    def __init__(self, browser: Any, guide: Path, width: int, **options: Any) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": HEIGHT.get(width, 900)}, **options
        )
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(guide.as_uri())

    def evaluate(self, script: str, argument: Any = None) -> Any:
        return self.page.evaluate(script, argument)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser: Any, guide: Path, request: pytest.FixtureRequest) -> Iterator[Opened]:
    width = getattr(request, "param", PHONE)
    page = Opened(browser, guide, width)
    yield page
    assert page.errors == []  # the script never failed
    page.close()


both_widths = pytest.mark.parametrize("opened", [PHONE, LAPTOP], indirect=True)

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 0.5) {
      wide.push(element.tagName + (element.id ? "#" + element.id : "") + " " + box.right);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("width", [360, PHONE, LAPTOP])
def test_nothing_scrolls_sideways(browser: Any, guide: Path, width: int) -> None:
    opened = Opened(browser, guide, width)
    try:
        found = opened.evaluate(OVERFLOW)
        assert found["scroll"] <= found["width"], found
        assert found["wide"] == [], found
        # Nothing came from anywhere but the file itself.
        assert opened.requests and all(url.startswith("file://") for url in opened.requests)
    finally:
        opened.close()


@both_widths
def test_the_first_screen_is_the_guide(opened: Opened) -> None:
    page = opened.page
    height = page.viewport_size["height"]

    def top(selector: str) -> float:
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        return float(box["y"])

    for selector in ("h1", "#search-input", "#notice", "#one-page-summary"):
        assert page.locator(selector).first.is_visible(), selector
        assert top(selector) < height, selector
    assert NOTICE_WORDS in page.locator("#notice").locator("..").inner_text()
    contents = page.locator("#contents-list")
    if page.viewport_size["width"] < 1000:
        assert contents.get_attribute("open") is None  # one tap away, not in the way
        page.locator("#contents-list > summary").click()
    assert page.locator('#contents-list a[href="#calf-cramps"]').is_visible()
    # A way back to the top from anywhere.
    page.locator("#calf-cramps").scroll_into_view_if_needed()
    page.locator('.bar a[href="#top"]').last.click()
    assert page.evaluate("window.scrollY") < 5


def _type(opened: Opened, text: str) -> list[dict[str, str]]:
    page = opened.page
    page.locator("#search-input").fill("")
    page.locator("#search-input").press_sequentially(text, delay=20)
    page.wait_for_selector("#search-results:not([hidden])")
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll("#search-results a")).map(
                 a => ({href: a.getAttribute("href"), text: a.firstChild.textContent}))"""
        )
    )


@both_widths
def test_search_finds_an_entry_as_a_user_types(opened: Opened) -> None:
    page = opened.page
    # Part of a word is enough while it is being typed.
    hits = _type(opened, "trapez")
    assert hits and any("Upper back" in hit["text"] or "Neck" in hit["text"] for hit in hits)
    # Points by code, pinyin and English name; warning signs; techniques.
    assert _type(opened, "LI4")[0]["href"] == "#acupoints-li4"
    assert _type(opened, "hegu")[0]["href"] == "#acupoints-li4"
    assert _type(opened, "joining valley")[0]["href"] == "#acupoints-li4"
    assert any("tetanus" in hit["text"].lower() for hit in _type(opened, "tetanus"))
    assert _type(opened, "cupping")[0]["text"] == "Cupping"
    # Choosing a hit jumps to it.
    hits = _type(opened, "calf cramp")
    page.locator("#search-results a").first.click()
    assert page.evaluate("location.hash") == hits[0]["href"]
    target = page.locator(hits[0]["href"])
    assert target.is_visible() and target.bounding_box()["y"] < page.viewport_size["height"]
    assert page.locator("#search-results").is_hidden()
    # Enter goes to the first hit.
    _type(opened, "piriformis")
    page.locator("#search-input").press("Enter")
    assert page.evaluate("location.hash") == "#piriformis-deep-buttock-pain"


def test_the_page_searches_as_the_command_line_does(
    browser: Any, guide: Path, kb: KnowledgeBase
) -> None:
    opened = Opened(browser, guide, LAPTOP)
    try:
        words = sorted(
            {word for document in kb_search.documents_of(kb) for field in document.fields
             for text in field.texts for word in kb_search.words_of(text)}
        )  # fmt: skip
        in_page = opened.evaluate("words => words.map(window.spasmguideSearch.stem)", words)
        assert in_page == [kb_search.stem(word) for word in words]
        tricky = ["Hégǔ", "runner's cramp", "\u0441upping", "\uff2c\uff29\uff14", "Feng Chí"]
        folded = opened.evaluate("texts => texts.map(window.spasmguideSearch.words)", tricky)
        assert folded == [kb_search.words_of(text) for text in tricky]
        anchors = json.loads(opened.page.locator("#search-data").text_content())["entries"]
        entry_of = {anchor: entry for entry, _, _, anchor, _ in anchors}
        for query in ("neck", "calf cramp", "needle", "hegu", "warning sign", "shoulder pain"):
            # A trailing space: every word is complete, as on the command line.
            found = opened.evaluate(
                "query => window.spasmguideSearch.search(query).hits.map(hit => hit.entry[3])",
                query + " ",
            )
            expected = [
                f"{hit.kind}/{hit.id}" for hit in kb_search.search(kb, query, limit=20).hits
            ]
            assert [entry_of[anchor] for anchor in found] == expected, query
    finally:
        opened.close()


@both_widths
def test_a_region_on_the_map_opens_its_section(opened: Opened) -> None:
    page = opened.page
    # Its number, or anywhere on its shading.
    for part, region in ((".bm-number", "calf-cramps"), ("rect", "low-back")):
        page.locator("#body-map").scroll_into_view_if_needed()
        page.locator(f'figure.whole svg a[href="#{region}"] {part}').first.click()
        assert page.evaluate("location.hash") == f"#{region}"
        box = page.locator(f"#{region}").bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"] / 2
    # Every region on the map links to its own section.
    links = page.evaluate(
        """() => Array.from(document.querySelectorAll("figure.whole svg a"))
                 .map(a => a.getAttribute("href"))"""
    )
    assert links and all(page.locator(link).count() == 1 for link in set(links))


LABELS = """() => Array.from(document.querySelectorAll("figure.body-map svg")).map(svg =>
  Array.from(svg.querySelectorAll("text")).map(text => {
    const box = text.getBoundingClientRect();
    return {text: text.textContent, left: box.left, right: box.right, top: box.top,
            bottom: box.bottom, point: !!text.closest(".bm-point")};
  }))"""


def _overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for index, one in enumerate(boxes):
        for other in boxes[index + 1 :]:
            if (
                one["left"] < other["right"] - 0.5
                and other["left"] < one["right"] - 0.5
                and one["top"] < other["bottom"] - 0.5
                and other["top"] < one["bottom"] - 0.5
            ):
                found.append((one["text"], other["text"]))
    return found


@both_widths
def test_no_two_map_labels_overlap_and_each_is_readable(opened: Opened) -> None:
    figures = opened.evaluate(LABELS)
    assert len(figures) >= 3
    labelled = 0
    for boxes in figures:
        assert _overlaps(boxes) == []
        labelled += sum(box["point"] for box in boxes)
    assert labelled >= 62  # every acupoint on the whole map, and again beside its regions
    whole = opened.evaluate(
        """() => Array.from(document.querySelectorAll("figure.body-map .bm-point text"))
                 .map(text => text.getBoundingClientRect().height)"""
    )
    assert whole and min(whole) >= 9.5  # pixels on the screen, at phone width too


def _axe(opened: Opened) -> list[dict[str, Any]]:
    if not AXE.is_file():
        _missing(f"axe-core is not installed at {AXE}")
    opened.page.add_script_tag(path=str(AXE))
    result = opened.evaluate(
        """async () => {
          const found = await axe.run(document, {resultTypes: ["violations"]});
          return found.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )
    return list(result)


@both_widths
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(opened: Opened, scheme: str) -> None:
    opened.page.emulate_media(color_scheme=scheme)
    violations = _axe(opened)
    serious = [found for found in violations if found["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)


CONTRAST = """() => {
  function rgb(text) { return text.match(/[\\d.]+/g).slice(0, 3).map(Number); }
  function luminance(colour) {
    const [r, g, b] = rgb(colour).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function ratio(one, other) {
    const [a, b] = [luminance(one), luminance(other)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  }
  const page = getComputedStyle(document.body).backgroundColor;
  return Array.from(document.querySelectorAll("figure.body-map svg text")).map(text => {
    const circle = text.closest(".bm-number") && text.closest(".bm-number").querySelector("circle");
    const behind = circle ? getComputedStyle(circle).fill : page;
    return [text.textContent, ratio(getComputedStyle(text).fill, behind)];
  });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_map_label_has_enough_contrast(browser: Any, guide: Path, scheme: str) -> None:
    """axe-core cannot measure text drawn in SVG (it reports it as to be checked by hand), so
    the map's labels, numbers and notes are measured here: at least 4.5 to 1 (WCAG AA)."""
    opened = Opened(browser, guide, PHONE, color_scheme=scheme)
    try:
        measured = opened.evaluate(CONTRAST)
        assert len(measured) > 100
        low = [(text, round(value, 2)) for text, value in measured if value < 4.5]
        assert low == []
    finally:
        opened.close()


def test_dark_mode_follows_the_system(browser: Any, guide: Path) -> None:
    background = {}
    for scheme in ("light", "dark"):
        opened = Opened(browser, guide, PHONE, color_scheme=scheme)
        background[scheme] = opened.evaluate("getComputedStyle(document.body).backgroundColor")
        opened.close()
    assert background["light"] == "rgb(255, 255, 255)"
    red, green, blue = (int(part) for part in background["dark"][4:-1].split(","))
    assert max(red, green, blue) < 60


def test_without_scripting_everything_is_reachable(browser: Any, guide: Path) -> None:
    opened = Opened(browser, guide, PHONE, java_script_enabled=False)
    page = opened.page
    try:
        assert page.locator("#search").is_hidden()  # a search box that could not search
        found = opened.evaluate(OVERFLOW)
        assert found["scroll"] <= found["width"], found
        page.locator("#contents-list > summary").click()
        page.locator('#contents-list a[href="#warning-signs"]').click()
        assert page.locator("#warning-signs").bounding_box()["y"] < HEIGHT[PHONE]
        page.locator('figure.whole svg a[href="#low-back"] .bm-number').first.click()
        assert page.locator("#low-back").bounding_box()["y"] < HEIGHT[PHONE]
    finally:
        opened.close()


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
def test_screenshots_are_kept(browser: Any, guide: Path, tmp_path: Path, width: int) -> None:
    """The first screen, a search being typed, and the body map at each width, kept (once
    reviewed) for the README."""
    opened = Opened(browser, guide, width)
    page = opened.page

    def searching() -> None:
        page.locator("#search-input").press_sequentially("shoulder", delay=20)
        page.wait_for_selector("#search-results:not([hidden])")

    def on_the_map() -> None:
        page.locator("#search-input").fill("")
        page.locator("#search-input").press("Escape")
        page.evaluate("document.getElementById('body-map').scrollIntoView({block: 'start'})")

    try:
        for suffix, step in (("", None), ("-search", searching), ("-map", on_the_map)):
            if step is not None:
                step()
            shot = tmp_path / f"guide-{width}{suffix}.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 20_000
            kept = SCREENSHOTS / shot.name
            if UPDATE:
                SCREENSHOTS.mkdir(exist_ok=True)
                shutil.copyfile(shot, kept)
            assert kept.exists(), "review the screenshot and keep it: SPASMGUIDE_UPDATE_GOLDEN=1"
    finally:
        opened.close()
