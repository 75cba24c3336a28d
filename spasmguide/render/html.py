"""Renders a page as one self-contained HTML file: inline CSS with a print stylesheet, no
scripts, fonts or images from anywhere, and every piece of text escaped."""

from __future__ import annotations

import html

from spasmguide.pages import document
from spasmguide.safe_text import escape_controls

STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: #1d1d1d; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4, h5, h6 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 2rem; margin-bottom: .25rem; }
h2 { font-size: 1.5rem; border-bottom: 2px solid #2a6f77; padding-bottom: .2rem;
     margin-top: 2.5rem; }
h3 { font-size: 1.2rem; color: #2a6f77; margin-top: 2rem; }
h4 { font-size: 1rem; margin-bottom: .3rem; }
.subtitle { font-style: italic; color: #444; }
.warning > h2, .warning > h3, .warning > h4, .warning > h5 { color: #a11d1d; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ccc; padding: .35rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #eef4f5; }
td:first-child { white-space: nowrap; }
dt { font-weight: bold; margin-top: .5rem; }
dd { margin-left: 1.25rem; }
.command { font-family: Menlo, Consolas, monospace; font-size: .85rem; color: #555; }
nav ul { list-style: none; padding-left: 1rem; }
.notice { border: 2px solid #c8a200; background: #fff9e0; padding: .75rem 1rem; margin: 2rem 0; }
.body-map { margin: 1rem 0; text-align: center; }
.body-map svg { max-width: 100%; height: auto; }
.body-map.small { float: right; margin: 0 0 .5rem 1rem; }
h2, h3, .notice { clear: both; }
.columns > ul { columns: 2 17rem; column-gap: 1.5rem; padding-left: 0; list-style: none;
                font-size: .9rem; line-height: 1.4; }
.columns > ul > li { break-inside: avoid; margin-bottom: .8rem; }
.columns > ul > li > ul { padding-left: 1rem; margin: .2rem 0 0; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-before: page; }
  nav h2, h2:first-of-type { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  table, tr, dl, .notice { break-inside: avoid; }
  .command { display: none; }
  .body-map { break-inside: avoid; }
  .columns { font-size: 8.5pt; line-height: 1.3; }
  .body-map { margin: 1rem 0; text-align: center; }
.body-map svg { max-width: 100%; height: auto; }
.body-map.small { float: right; margin: 0 0 .5rem 1rem; }
h2, h3, .notice { clear: both; }
.columns > ul { columns: 2; font-size: 8.5pt; }
  .columns > ul > li { break-inside: avoid; margin-bottom: .4rem; }
}
""".strip()


def text(value: str) -> str:
    """Knowledge-base text as HTML text: control characters made visible, markup escaped."""
    return html.escape(escape_controls(value), quote=True)


def render_html(page: document.Page) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(page.title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{text(page.title)}</h1>",
    ]
    if page.subtitle:
        parts.append(f'<p class="subtitle">{text(page.subtitle)}</p>')
    for section in page.sections:
        parts.append(_section(section))
    parts.append(f'<aside class="notice"><strong>Notice:</strong> {text(page.notice)}</aside>')
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _section(section: document.Section) -> str:
    level = min(6, max(2, section.level))
    anchor = f' id="{text(section.anchor)}"' if section.anchor else ""
    tag = (
        "nav"
        if any(isinstance(block, document.Contents) for block in section.blocks)
        else "section"
    )
    names = [
        name
        for name, wanted in (("warning", section.warning), ("columns", section.columns))
        if wanted
    ]
    classes = f' class="{" ".join(names)}"' if names else ""
    heading = f"<h{level}{anchor}>{text(section.heading)}</h{level}>"
    return "\n".join(
        [f"<{tag}{classes}>", heading, *(_block(block) for block in section.blocks), f"</{tag}>"]
    )


def _block(block: document.Block) -> str:
    if isinstance(block, document.Paragraph):
        return f"<p>{text(block.text)}</p>"
    if isinstance(block, document.Hint):
        return (
            f'<p>{text(block.text)} <code class="command">{text(block.command.words())}</code></p>'
        )

    if isinstance(block, document.Bullets):
        return "<ul>" + "".join(f"<li>{text(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, document.Facts):
        return (
            "<dl>"
            + "".join(
                f"<dt>{text(fact.label)}</dt><dd>{text(fact.value)}</dd>" for fact in block.items
            )
            + "</dl>"
        )
    if isinstance(block, document.Terms):
        tag = "ol" if block.numbered else "ul"
        items = []
        for term in block.items:
            body = f"<strong>{text(term.term)}</strong>"
            if term.detail:
                body += f"<br>{text(term.detail)}"
            if term.items:
                body += "<ul>" + "".join(f"<li>{text(item)}</li>" for item in term.items) + "</ul>"
            if term.note:
                body += f'<br><span class="note">{text(term.note)}</span>'
            if term.opens:
                body += f'<br><span class="command">{text(term.opens.words())}</span>'
            items.append(f"<li>{body}</li>")
        return f"<{tag}>" + "".join(items) + f"</{tag}>"
    if isinstance(block, document.Table):
        head = "".join(f"<th>{text(cell)}</th>" for cell in block.headers)
        rows = "".join(
            "<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, document.Contents):
        return _contents(block)
    if isinstance(block, document.BodyMap):
        from spasmguide.pages.body_map import draw_svg

        size = "small" if block.small else "whole"
        return f'<figure class="body-map {size}">{draw_svg(block)}</figure>'
    raise TypeError(f"unknown block {block!r}")


def _contents(block: document.Contents) -> str:
    """Nested lists following each entry's depth."""
    out = ["<ul>"]
    depth = 0
    for title, anchor, level in block.items:
        while depth < level:
            out.append("<ul>")
            depth += 1
        while depth > level:
            out.append("</ul>")
            depth -= 1
        out.append(f'<li><a href="#{text(anchor)}">{text(title)}</a></li>')
    out.append("</ul>" * (depth + 1))
    return "".join(out)
