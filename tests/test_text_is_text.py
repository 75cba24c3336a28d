"""Text is text in every format: no field value can open a fence, a heading, a list, a rule, a
link, an image or a tag in Markdown or HTML, whatever it holds. Checked by structure: a page
whose every field holds hostile text renders to exactly the same Markdown blocks and HTML
tags as the same page with plain words (docs/decisions/015-threat-model.md)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from spasmguide.pages import document as doc
from spasmguide.render.html import render_html
from spasmguide.render.markdown import render_markdown
from tests.test_properties import HOSTILE_ALPHABET
from tests.test_safety_wording import layer_with

# What opens a block or an inline construct in Markdown (CommonMark and GitHub's tables and
# strikethrough), or a tag in HTML, at the start of a value or anywhere in it.
OPENERS = [
    "~~~",
    "```",
    "# ",
    "###### ",
    "1. ",
    "1) ",
    "- ",
    "+ ",
    "* ",
    "---",
    "===",
    "***",
    "___",
    "> ",
    "    ",
    "<div>",
    "<!--",
    "<script>alert(1)</script>",
    "[a](http://evil.example/)",
    "![i](http://evil.example/i.png)",
    "[a]: http://evil.example/",
    "<http://evil.example/>",
    "&lt;b&gt;",
    "&#60;",
    "|---|",
    "~~gone~~",
    "**bold**",
    "_em_",
    "\\",
    "\n\n",
]
HOSTILE = HOSTILE_ALPHABET + "~!$%^1.)"
values = (
    st.lists(
        st.one_of(st.sampled_from(OPENERS), st.text(HOSTILE, max_size=8)), min_size=1, max_size=6
    )
    .map("".join)
    .filter(lambda text: any(c.isalnum() for c in text))
)


OPENS_A_TECHNIQUE = doc.Command.opening("techniques", "x")


def _page(text: list[str]) -> doc.Page:
    """A page with every kind of block whose every field is one of `text` in turn."""
    pick = iter(text * 30).__next__
    return doc.Page(
        kind="test",
        title=pick(),
        subtitle=pick(),
        notice=pick(),
        data={},
        sections=(
            doc.Section(
                pick(),
                (
                    doc.Paragraph(pick()),
                    doc.Hint(pick(), doc.Command.opening("regions", "neck")),
                    doc.Bullets((pick(), pick())),
                ),
            ),
            doc.Section(
                pick(),
                (
                    doc.Terms(
                        (
                            doc.Term(pick(), pick(), pick(), (pick(), pick())),
                            doc.Term(
                                pick(), pick(), None, (), doc.Command.opening("techniques", "x")
                            ),
                        ),
                        numbered=True,
                    ),
                    doc.Terms((doc.Term(pick(), pick()),)),
                    doc.Facts((doc.Fact(pick(), pick()), doc.Fact(pick(), pick()))),
                    doc.Table((pick(), pick()), ((pick(), pick()), (pick(), pick()))),
                    doc.Contents(((pick(), "anchor", 0), (pick(), "anchor-2", 1))),
                ),
                warning=True,
                level=3,
            ),
        ),
    )


def _markdown_shape(page: doc.Page) -> list[str]:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    shape = []
    for token in parser.parse(render_markdown(page)):
        shape.append(f"{token.type}:{token.tag}")
        for child in token.children or []:
            kind = f"  {child.type}:{child.tag}:{child.attrs.get('href', '')}"
            if not (kind == "  text::" and shape[-1] == kind):  # text runs may be split
                shape.append(kind)
    return shape


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(f"<{tag} {sorted(name for name, _ in attrs)}>")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(f"</{tag}>")

    def handle_comment(self, data: str) -> None:
        self.tags.append("<!-- -->")

    def handle_decl(self, decl: str) -> None:
        self.tags.append(f"<!{decl}>")


def _html_shape(page: doc.Page) -> list[str]:
    parser = _Tags()
    parser.feed(render_html(page))
    parser.close()
    return parser.tags


PLAIN = ["plain words"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(values, min_size=1, max_size=5))
def test_no_field_value_changes_the_markdown_structure(text: list[str]) -> None:
    assert _markdown_shape(_page(text)) == _markdown_shape(_page(PLAIN))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(values, min_size=1, max_size=5))
def test_no_field_value_changes_the_html_structure(text: list[str]) -> None:
    assert _html_shape(_page(text)) == _html_shape(_page(PLAIN))


def test_a_tilde_fence_in_a_field_swallows_nothing(tmp_path: Path) -> None:
    """Defect 5: a description of `~~~` turned the rest of the study guide into one code
    block, warning signs and notice included."""
    from tests.conftest import invoke

    def fence(entry: dict[str, object]) -> None:
        entry["description"] = "~~~"

    layer = layer_with(tmp_path, "regions", "calf", fence)
    for args in (
        ("export", "-f", "markdown", "--kb", str(layer)),
        ("lookup", "-r", "calf", "--full", "-f", "markdown", "--kb", str(layer)),
    ):
        outcome = invoke(*args)
        assert outcome.exit_code == 0, outcome.stderr
        tokens = MarkdownIt("commonmark").parse(outcome.stdout)
        assert not [t for t in tokens if t.type in ("fence", "code_block") and not t.info]
        quotes = [n for n, t in enumerate(tokens) if t.type == "blockquote_open"]
        assert quotes, "the notice is still the notice"
        assert "Licensed Acupuncturist" in tokens[quotes[0] + 2].content


def test_a_field_that_looks_like_a_list_or_rule_stays_a_paragraph() -> None:
    for value in ("1. one", "- dash", "+ plus", "---", "2) two", "= equals"):
        page = _page([value])
        assert _markdown_shape(page) == _markdown_shape(_page(PLAIN)), value
