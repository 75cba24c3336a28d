"""The HTML study guide's file itself (the browser tests are in test_phone.py): its search data
can never end its element or open markup, whatever the knowledge base says, and it holds
every searchable entry with somewhere to jump to."""

from __future__ import annotations

import json
import re
from pathlib import Path

from spasmguide.kb import search as kb_search
from spasmguide.kb.model import KnowledgeBase
from spasmguide.render.html import script_json
from tests.browser import only_our_scripts
from tests.conftest import NOTICE_WORDS, invoke

HOSTILE = """
techniques:
  - id: hostile-rub
    name: "Rub </script><script>alert(1)</script> <!-- \u2028 end"
    aliases: ["</SCRIPT >", "]]><img src=x onerror=alert(2)>"]
    category: manual therapy
    summary: "A summary & more </style>."
    how_it_works: [It works.]
    benefits: [A benefit.]
    often_used_for: [Something.]
    session: A session.
    cautions: [A caution.]
    sources: [article]
    invasiveness: touch
"""


def _export(tmp_path: Path, *arguments: str) -> str:
    target = tmp_path / "guide.html"
    outcome = invoke("export", "--format", "html", "--output", str(target), *arguments)
    assert outcome.exit_code == 0, outcome.stderr
    return target.read_text(encoding="utf-8")


def _search_data(page: str) -> dict[str, object]:
    found = re.search(
        r'<script type="application/json" id="search-data">(.*?)</script>', page, flags=re.S
    )
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_script_json_never_ends_its_element() -> None:
    value = {"name": "</script><!-- <b> & \u2028\u2029"}
    encoded = script_json(value)
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == value


def test_hostile_names_stay_data(tmp_path: Path) -> None:
    layer = tmp_path / "hostile.yaml"
    layer.write_text(HOSTILE, encoding="utf-8")
    page = _export(tmp_path, "--kb", str(layer))
    assert only_our_scripts(page)
    assert "<img" not in page and "<!-- " not in page
    data = _search_data(page)
    names = [entry[1] for entry in data["entries"]]  # type: ignore[attr-defined]
    assert any(name.startswith("Rub </script><script>alert(1)</script> <!--") for name in names)
    assert "Rub &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_every_searchable_entry_is_in_the_page_with_its_place(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    page = _export(tmp_path)
    data = _search_data(page)
    entries = data["entries"]
    assert isinstance(entries, list)
    expected = {f"{document.kind}/{document.id}" for document in kb_search.documents_of(kb)}
    assert {entry[0] for entry in entries} == expected
    for entry, _, _, anchor, _ in entries:
        assert re.search(rf'id="{re.escape(anchor)}"', page), entry
    # Points by every name they go by: code, pinyin, English name.
    li4 = next(entry for entry in entries if entry[0] == "acupoints/li4")
    stems = data["stems"]
    assert isinstance(stems, list)
    indexed = {stems[li4[4][number]] for number in range(0, len(li4[4]), 3)}
    assert {"li4", "hegu", "join", "valley"} <= indexed


def test_the_first_screen_and_the_page_without_scripting(tmp_path: Path) -> None:
    page = _export(tmp_path)
    body = page[page.index("<body") :]
    # Bar (search, contents, top), then the title, the notice and the summary, before the
    # rest of the guide; the contents are collapsed.
    order = [
        body.index('id="search-input"'),
        body.index('<details id="contents-list">'),
        body.index("<h1>"),
        body.index('<h2 id="notice">'),
        body.index('<h2 id="one-page-summary">'),
        body.index('<h2 id="body-map">'),
    ]
    assert order == sorted(order)
    # The search box shows only when the script runs; everything else is plain HTML.
    assert '<div class="search" id="search" role="search" hidden>' in page
    assert NOTICE_WORDS in page[page.rindex('<aside class="notice">') :]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    # Dark mode and print.
    assert "@media (prefers-color-scheme: dark)" in page and "@media print" in page
    # Tables label each cell for the cards they become on a phone.
    assert '<td data-label="Point">LI4</td>' in page
    assert 'id="acupoints-li4"' in page


def test_warning_signs_come_first_in_every_region(tmp_path: Path, kb: KnowledgeBase) -> None:
    page = _export(tmp_path)
    regions = page[page.index('<h2 id="regions">') : page.index('<h2 id="techniques">')]
    entries = re.split(r"<h3 ", regions)[1:]
    assert len(entries) == len(kb.regions)
    for entry in entries:
        headings = re.findall(r"<h4[^>]*>(.*?)</h4>", entry)
        assert headings[0] == "Warning signs: get medical care first", headings
        assert '<section class="warning">' in entry[: entry.index("<h4")]
        # The region's own figure follows its warning signs.
        assert headings[1] == "On the body map", headings
