"""Renders a page as one self-contained HTML file that works offline, on a phone as on a
laptop: inline CSS (with dark mode and a print stylesheet), inline SVG, and a small inline
script for the study guide's search and contents. Nothing is loaded from anywhere, every piece
of text is escaped, and without scripting everything is still there to read and reach.
"""

from __future__ import annotations

import html
import json

from spasmguide.pages import document
from spasmguide.render.figure import draw_svg
from spasmguide.safe_text import escape_controls

# The light colours: the page's own, and on paper whatever the system's scheme.
LIGHT = """
  --bg: #fff; --fg: #1d1d1d; --muted: #4a4a4a; --accent: #1f5a61; --accent-soft: #eef4f5;
  --line: #c9c9c9; --warn: #a11d1d; --warn-soft: #fdf0f0; --notice-bg: #fff9e0;
  --notice-line: #c8a200; --bar: #f6f8f8; --hit: #fff3c4;
  --bm-line: #2f3b40; --bm-spine: #6b7b80; --bm-region: #d6e9eb; --bm-chosen: #e8a33d;
  --bm-number: #1f5a61; --bm-number-chosen: #a11d1d; --bm-warn: #a11d1d; --bm-text: #3b1d1d;
  --bm-leader: #9a7b7b; --bm-muted: #555;""".strip()

STYLE = """
:root { color-scheme: light dark; LIGHT }
@media (prefers-color-scheme: dark) {
  :root { --bg: #151819; --fg: #e6e6e6; --muted: #b8b8b8; --accent: #7cc4cc;
    --accent-soft: #1f2a2c; --line: #3c4446; --warn: #ff8a80; --warn-soft: #2b1a1a;
    --notice-bg: #2a2615; --notice-line: #b59400; --bar: #1c2122; --hit: #3d3514;
    --bm-line: #d0d8da; --bm-spine: #8fa0a5; --bm-region: #27494d; --bm-chosen: #b7772a;
    --bm-number: #2a747c; --bm-number-chosen: #b3261e; --bm-warn: #e05a4f;
    --bm-text: #f0d9d9; --bm-leader: #8f7070; --bm-muted: #b0b0b0; }
}
* { box-sizing: border-box; }
html { scroll-padding-top: 4.5rem; -webkit-text-size-adjust: 100%; }
body { font: 17px/1.55 Georgia, "Times New Roman", serif; color: var(--fg);
       background: var(--bg); margin: 0; overflow-wrap: break-word; }
a { color: var(--accent); }
main { max-width: 46rem; margin: 0 auto; padding: 0 1rem 2rem; min-width: 0; }
h1, h2, h3, h4, h5, h6 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25;
                         overflow-wrap: anywhere; }
h1 { font-size: 1.9rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.45rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2.5rem; }
h3 { font-size: 1.2rem; color: var(--accent); margin-top: 2rem; }
h4 { font-size: 1rem; margin-bottom: .3rem; }
.subtitle { font-style: italic; color: var(--muted); }
.warning { border-left: 4px solid var(--warn); background: var(--warn-soft);
           padding: .1rem .8rem .4rem; margin: 1rem 0; }
.warning > h2, .warning > h3, .warning > h4, .warning > h5 { color: var(--warn); }
.warning > h2 { border-bottom-color: var(--warn); }
.note { color: var(--fg); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
         vertical-align: top; }
th { background: var(--accent-soft); }
tr:target { background: var(--hit); }
dt { font-weight: bold; margin-top: .5rem; }
dd { margin-left: 1.25rem; }
ul, ol { padding-left: 1.4rem; }
.command { font-family: Menlo, Consolas, monospace; font-size: .85rem; color: var(--muted);
           overflow-wrap: anywhere; }
.notice { border: 2px solid var(--notice-line); background: var(--notice-bg);
          padding: .75rem 1rem; margin: 2rem 0; }
.body-map { margin: 1rem 0; text-align: center; }
.body-map svg { max-width: 100%; height: auto; }
.body-map.whole, .body-map.small { display: flex; flex-wrap: wrap; justify-content: center;
                                    align-items: flex-start; gap: .5rem; }
.body-map.whole svg { flex: 1 1 20rem; }
.body-map.small svg { flex: 0 1 auto; }
h2, h3, .notice { clear: both; }
:target { scroll-margin-top: 4.5rem; }
section[id], h2[id], h3[id], h4[id] { scroll-margin-top: 4.5rem; }
.columns > ul { columns: 2 17rem; column-gap: 1.5rem; padding-left: 0; list-style: none;
                font-size: .9rem; line-height: 1.4; }
.columns > ul > li { break-inside: avoid; margin-bottom: .8rem; }
.columns > ul > li > ul { padding-left: 1rem; margin: .2rem 0 0; }
.bar { position: sticky; top: 0; z-index: 10; background: var(--bar);
       border-bottom: 1px solid var(--line); font-family: "Helvetica Neue", Arial, sans-serif; }
.bar-inner { display: flex; align-items: center; gap: .5rem; padding: .45rem .75rem;
             max-width: 72rem; margin: 0 auto; }
.bar-title { font-weight: bold; text-decoration: none; color: var(--fg); white-space: nowrap;
             overflow: hidden; text-overflow: ellipsis; min-width: 0; flex: 0 1 auto; }
.bar a.bar-link { padding: .45rem .6rem; text-decoration: none; border: 1px solid var(--line);
                  border-radius: .4rem; white-space: nowrap; color: var(--accent);
                  background: var(--bg); min-height: 2.75rem; display: inline-flex;
                  align-items: center; }
.search { position: relative; flex: 1 1 12rem; min-width: 0; }
.search input { width: 100%; font: inherit; font-size: 1rem; padding: .55rem .6rem;
                border: 1px solid var(--muted); border-radius: .4rem; color: var(--fg);
                background: var(--bg); min-height: 2.75rem; }
.search label, .search .status { position: absolute; width: 1px; height: 1px; overflow: hidden;
                clip: rect(0 0 0 0); white-space: nowrap; }
.results { position: absolute; left: 0; right: 0; top: 100%; margin: .25rem 0 0;
           padding: 0; list-style: none; background: var(--bg); border: 1px solid var(--line);
           border-radius: .4rem; max-height: 65vh; overflow-y: auto;
           box-shadow: 0 6px 18px rgba(0, 0, 0, .25); }
.results[hidden] { display: none; }
.results li a { display: block; padding: .5rem .7rem; text-decoration: none; color: var(--fg);
                border-bottom: 1px solid var(--line); }
.results li a:hover, .results li a:focus, .results li a.first { background: var(--accent-soft); }
.results .kind { display: block; font-size: .8rem; color: var(--muted); }
.results .none { padding: .5rem .7rem; color: var(--muted); }
nav.contents { font-family: "Helvetica Neue", Arial, sans-serif; font-size: .95rem;
               max-width: 46rem; margin: .5rem auto 0; padding: 0 1rem; }
nav.contents summary { cursor: pointer; font-weight: bold; padding: .6rem 0;
                       color: var(--accent); }
nav.contents ul { list-style: none; padding-left: 1rem; margin: .1rem 0; }
nav.contents > details > ul { padding-left: 0; }
nav.contents li a { display: inline-block; padding: .2rem 0; }
.to-top { display: inline-block; margin-top: 1rem;
          font-family: "Helvetica Neue", Arial, sans-serif; }
@media (max-width: 40em) {
  body { font-size: 16px; }
  main { padding: 0 .75rem 2rem; }
  h1 { font-size: 1.55rem; }
  .bar-title { display: none; }
  table, thead, tbody, tr, th, td { display: block; }
  thead tr { position: absolute; width: 1px; height: 1px; overflow: hidden;
             clip: rect(0 0 0 0); }
  tr { border: 1px solid var(--line); border-radius: .4rem; margin: 0 0 .6rem;
       padding: .35rem .6rem; }
  td { border: none; padding: .15rem 0; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: bold;
                           font-family: "Helvetica Neue", Arial, sans-serif; }
  .columns > ul { columns: 1; }
}
@media (min-width: 75em) {
  .page { display: grid; grid-template-columns: 19rem minmax(0, 46rem); gap: 2rem;
          justify-content: center; }
  nav.contents { position: sticky; top: 3.6rem; max-height: calc(100vh - 4rem);
                 overflow-y: auto; margin: 1rem 0 0; padding: 0 .5rem 1rem 1rem; }
  main { margin: 0; }
}
@media print {
  :root { color-scheme: light; LIGHT --fg: #000; --warn-soft: #fff; --notice-bg: #fff; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .bar, nav.contents, .to-top, .results { display: none; }
  .page { display: block; }
  a { color: inherit; text-decoration: none; }
  h2 { break-before: page; }
  h2:first-of-type, .columns h2 { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  table, tr, dl, .notice { break-inside: avoid; }
  .command { display: none; }
  .body-map { break-inside: avoid; }
  .columns { font-size: 8pt; line-height: 1.25; }
  .columns > ul { columns: 2; column-gap: 1rem; font-size: 8pt; }
  .columns > ul > li { break-inside: avoid; margin-bottom: .3rem; }
  .warning { border-left-width: 2px; }
}
""".strip().replace("LIGHT", LIGHT)

# The search box and the contents' behaviour: it reads the index built into the page, folds
# and stems what is typed as the command line does (spasmguide.kb.search), and ranks the same
# way. Nothing in it comes from the knowledge base.
SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("search-data").textContent);
  var box = document.getElementById("search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var contents = document.getElementById("contents-list");
  var wide = window.matchMedia("(min-width: 75em)");
  function fitContents() { if (contents && wide.matches) { contents.open = true; } }
  fitContents();
  if (wide.addEventListener) { wide.addEventListener("change", fitContents); }
  var toContents = document.getElementById("to-contents");
  if (toContents && contents) {
    toContents.addEventListener("click", function () { contents.open = true; });
  }
  if (!box || !data.entries.length) { return; }
  box.hidden = false;
  var from = data.lookalikes[0], to = data.lookalikes[1], swap = {};
  for (var i = 0; i < from.length; i++) { swap[from[i]] = to[i]; }
  var stops = {};
  data.stop.forEach(function (word) { stops[word] = true; });
  var stems = data.stems, fields = data.fields;
  var postings = {}, total = data.entries.length;
  data.entries.forEach(function (entry, number) {
    var terms = entry[4];
    for (var k = 0; k < terms.length; k += 3) {
      var stem = stems[terms[k]];
      var posting = [number, terms[k + 1] / 100, fields[terms[k + 2]]];
      (postings[stem] = postings[stem] || []).push(posting);
    }
  });
  var vocabulary = Object.keys(data.words).map(function (word) {
    return [word, stems[data.words[word]]];
  });
  function fold(text) {
    var folded = text.normalize("NFKD").toLowerCase().replace(/\p{M}/gu, "").normalize("NFKC");
    folded = folded.replace(/([\p{L}\p{N}_])['\u2019\u02bc]s(?![\p{L}\p{N}_])/gu, "$1");
    return Array.from(folded).map(function (c) { return swap[c] || c; }).join("");
  }
  function words(text) { return fold(text).match(/[\p{L}\p{N}]+/gu) || []; }
  function stem(word) {
    if (word.length <= 3 || !/^\p{L}+$/u.test(word)) { return word; }
    if (/ies$/.test(word) && word.length > 4) { word = word.slice(0, -3) + "y"; }
    else if (/(sses|shes|ches|xes|zes)$/.test(word)) { word = word.slice(0, -2); }
    else if (/s$/.test(word) && !/(ss|us|is)$/.test(word)) { word = word.slice(0, -1); }
    var suffixes = ["ing", "ed"];
    for (var s = 0; s < suffixes.length; s++) {
      var suffix = suffixes[s];
      if (word.endsWith(suffix) && word.length - suffix.length >= 3 && !word.endsWith("eed")) {
        word = word.slice(0, -suffix.length);
        var n = word.length;
        if (n > 3 && word[n - 1] === word[n - 2] && "lsz".indexOf(word[n - 1]) < 0) {
          word = word.slice(0, -1);
        }
        break;
      }
    }
    if (word.endsWith("e") && word.length > 4) { word = word.slice(0, -1); }
    return word;
  }
  // The stems a query word stands for: its own, and while it is being typed, every indexed
  // word it begins.
  function wanted(word, typing) {
    var found = {};
    found[stem(word)] = true;
    if (typing) {
      vocabulary.forEach(function (pair) {
        if (pair[0].lastIndexOf(word, 0) === 0) { found[pair[1]] = true; }
      });
    }
    return Object.keys(found);
  }
  function search(query) {
    var typed = words(query).filter(function (word) { return !stops[word]; }).slice(0, 12);
    var typing = !/\s$/.test(query);
    var best = {};
    typed.forEach(function (word, position) {
      var last = typing && position === typed.length - 1;
      wanted(word, last).forEach(function (one) {
        var found = postings[one] || [];
        var idf = Math.log(1 + total / (1 + found.length));
        found.forEach(function (posting) {
          var doc = best[posting[0]] = best[posting[0]] || {};
          var score = posting[1] * idf;
          if (!doc[position] || doc[position][0] < score) { doc[position] = [score, posting[2]]; }
        });
      });
    });
    var hits = Object.keys(best).map(function (number) {
      var per = best[number], matched = 0, score = 0, field = "", top = -1;
      Object.keys(per).forEach(function (position) {
        matched += 1; score += per[position][0];
        if (per[position][0] > top) { top = per[position][0]; field = per[position][1]; }
      });
      return { entry: data.entries[number], matched: matched, score: score, field: field };
    });
    if (hits.some(function (hit) { return hit.matched === typed.length; })) {
      hits = hits.filter(function (hit) { return hit.matched === typed.length; });
    }
    hits.sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score ||
        a.entry[1].toLowerCase().localeCompare(b.entry[1].toLowerCase());
    });
    return { count: typed.length, hits: hits.slice(0, 20) };
  }
  function show() {
    var query = input.value;
    list.textContent = "";
    if (!query.trim()) { close(); return; }
    var found = search(query);
    if (!found.hits.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = found.count ? "Nothing found." : "Type a word such as 'spasm'.";
      list.appendChild(none);
    }
    found.hits.forEach(function (hit, index) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + hit.entry[3];
      if (index === 0) { link.className = "first"; }
      link.appendChild(document.createTextNode(hit.entry[1]));
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = hit.entry[2] + " \u00b7 matched in " + hit.field;
      link.appendChild(kind);
      link.addEventListener("click", close);
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = false;
    status.textContent = found.hits.length + (found.hits.length === 1 ? " entry" : " entries") +
      " found";
  }
  function close() { list.hidden = true; status.textContent = ""; }
  input.addEventListener("input", show);
  input.addEventListener("focus", function () { if (input.value.trim()) { show(); } });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) {
        event.preventDefault(); close(); window.location.hash = first.getAttribute("href");
      }
    } else if (event.key === "Escape") { close(); }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) { close(); }
  });
  window.spasmguideSearch = { search: search, fold: fold, stem: stem, words: words };
})();
""".strip()


def text(value: str) -> str:
    """Knowledge-base text as HTML text: control characters made visible, markup escaped."""
    return html.escape(escape_controls(value), quote=True)


def script_json(value: object) -> str:
    """Data for a <script type="application/json"> element: JSON that can never end the
    element or open markup (every <, > and & is written as a \\u escape)."""
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        encoded = encoded.replace(character, escape)
    return encoded


def entry_anchors(page: document.Page) -> dict[str, str]:
    """Where each entry of the page is: "kind/id" to the id of its section or table row."""
    anchors: dict[str, str] = {}
    for section in page.sections:
        if section.entry and section.anchor:
            anchors.setdefault(section.entry, section.anchor)
        for block in section.blocks:
            if isinstance(block, document.Table):
                for entry in block.entries:
                    anchors.setdefault(entry, row_anchor(entry))
    return anchors


def row_anchor(entry: str) -> str:
    """The id of a table row about an entry: 'acupoints/gb20' -> 'acupoints-gb20'."""
    return entry.replace("/", "-").replace("_", "-")


class _Renderer:
    def __init__(self, page: document.Page) -> None:
        self.page = page
        self.anchors = entry_anchors(page)
        self.region_links = {
            entry.partition("/")[2]: f"#{anchor}"
            for entry, anchor in self.anchors.items()
            if entry.startswith("regions/")
        }

    def render(self) -> str:
        page = self.page
        contents = next(
            (
                block
                for section in page.sections
                for block in section.blocks
                if isinstance(block, document.Contents)
            ),
            None,
        )
        index = self._search_data()
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            f"<title>{text(page.title)}</title>",
            f"<style>\n{STYLE}\n</style>",
            "</head>",
            '<body id="top">',
            self._bar(contents is not None, index is not None),
            '<div class="page">',
        ]
        if contents is not None:
            parts.append(self._contents_nav(contents))
        parts.append('<main id="main">')
        parts.append(f"<h1>{text(page.title)}</h1>")
        if page.subtitle:
            parts.append(f'<p class="subtitle">{text(page.subtitle)}</p>')
        for section in page.sections:
            if any(isinstance(block, document.Contents) for block in section.blocks):
                continue  # shown as the page's navigation
            parts.append(self._section(section))
        parts.append(f'<aside class="notice"><strong>Notice:</strong> {text(page.notice)}</aside>')
        parts.append('<a class="to-top" href="#top">Back to the top</a>')
        parts += ["</main>", "</div>"]
        if index is not None:
            parts.append(f'<script type="application/json" id="search-data">{index}</script>')
            parts.append(f"<script>\n{SCRIPT}\n</script>")
        parts += ["</body>", "</html>", ""]
        return "\n".join(parts)

    def _bar(self, has_contents: bool, has_search: bool) -> str:
        items = [f'<a class="bar-title" href="#top">{text(self.page.title)}</a>']
        if has_search:
            items.append(
                '<div class="search" id="search" role="search" hidden>'
                '<label for="search-input">Search the guide</label>'
                '<input id="search-input" type="search" autocomplete="off" spellcheck="false"'
                ' placeholder="Search: neck, LI4, cramp…" aria-controls="search-results">'
                '<p class="status" id="search-status" aria-live="polite"></p>'
                '<ul class="results" id="search-results" hidden></ul></div>'
            )
        if has_contents:
            items.append('<a class="bar-link" id="to-contents" href="#contents">Contents</a>')
        items.append('<a class="bar-link" href="#top" aria-label="Back to the top">Top ↑</a>')
        return f'<header class="bar"><div class="bar-inner">{"".join(items)}</div></header>'

    def _contents_nav(self, block: document.Contents) -> str:
        count = len(block.items)
        return (
            '<nav class="contents" id="contents" aria-label="Contents">'
            f'<details id="contents-list"><summary>Contents ({count} sections)</summary>'
            f"{_contents(block)}</details></nav>"
        )

    def _search_data(self) -> str | None:
        index = self.page.search
        if index is None:
            return None
        stems: dict[str, int] = {}
        fields: dict[str, int] = {}
        entries = []
        for entry in index.entries:
            anchor = self.anchors.get(entry.entry)
            if anchor is None:
                continue  # not in this page: nothing to jump to
            terms: list[int] = []
            for stem, weight, field in entry.terms:
                terms += [
                    stems.setdefault(stem, len(stems)),
                    round(weight * 100),
                    fields.setdefault(field, len(fields)),
                ]
            entries.append([entry.entry, entry.name, entry.kind, anchor, terms])
        words = {word: stems[stem] for word, stem in index.words if stem in stems}
        return script_json(
            {
                "entries": entries,
                "stems": list(stems),
                "fields": list(fields),
                "words": words,
                "stop": list(index.stop_words),
                "lookalikes": list(index.lookalikes),
            }
        )

    def _section(self, section: document.Section) -> str:
        level = min(6, max(2, section.level))
        anchor = f' id="{text(section.anchor)}"' if section.anchor else ""
        names = [
            name
            for name, wanted in (("warning", section.warning), ("columns", section.columns))
            if wanted
        ]
        classes = f' class="{" ".join(names)}"' if names else ""
        heading = f"<h{level}{anchor}>{text(section.heading)}</h{level}>"
        return "\n".join(
            [
                f"<section{classes}>",
                heading,
                *(self._block(block) for block in section.blocks),
                "</section>",
            ]
        )

    def _block(self, block: document.Block) -> str:
        if isinstance(block, document.Paragraph):
            return f"<p>{text(block.text)}</p>"
        if isinstance(block, document.Hint):
            command = text(block.command.words())
            return f'<p>{text(block.text)} <code class="command">{command}</code></p>'
        if isinstance(block, document.Bullets):
            return "<ul>" + "".join(f"<li>{text(item)}</li>" for item in block.items) + "</ul>"
        if isinstance(block, document.Facts):
            return (
                "<dl>"
                + "".join(
                    f"<dt>{text(fact.label)}</dt><dd>{text(fact.value)}</dd>"
                    for fact in block.items
                )
                + "</dl>"
            )
        if isinstance(block, document.Terms):
            return _terms(block)
        if isinstance(block, document.Table):
            return _table(block)
        if isinstance(block, document.Contents):
            return _contents(block)
        if isinstance(block, document.BodyMap):
            return self._body_map(block)
        raise TypeError(f"unknown block {block!r}")

    def _body_map(self, block: document.BodyMap) -> str:
        # Each view its own drawing: side by side on a wide screen, one above the other on a
        # phone, so the labels stay large enough to read. A region's own figure shows the part
        # of each view around it, and needs no links (it is beside its own section).
        links = {} if block.small else self.region_links
        drawings = "".join(draw_svg(block, views=(view,), links=links) for view in block.views)
        size = "small" if block.small else "whole"
        return f'<figure class="body-map {size}">{drawings}</figure>'


def render_html(page: document.Page) -> str:
    return _Renderer(page).render()


def _terms(block: document.Terms) -> str:
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
            body += f'<br><code class="command">{text(term.opens.words())}</code>'
        items.append(f"<li>{body}</li>")
    return f"<{tag}>" + "".join(items) + f"</{tag}>"


def _table(block: document.Table) -> str:
    """A table; on a narrow screen each row becomes a card, each cell labelled with its
    column's heading."""
    head = "".join(f'<th scope="col">{text(cell)}</th>' for cell in block.headers)
    rows = []
    for number, row in enumerate(block.rows):
        anchor = (
            f' id="{text(row_anchor(block.entries[number]))}"'
            if number < len(block.entries)
            else ""
        )
        cells = "".join(
            f'<td data-label="{text(block.headers[column])}">{text(cell)}</td>'
            if column < len(block.headers)
            else f"<td>{text(cell)}</td>"
            for column, cell in enumerate(row)
        )
        rows.append(f"<tr{anchor}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _contents(block: document.Contents) -> str:
    """Nested lists following each entry's depth, each deeper list inside its parent's item."""
    out = ["<ul>"]
    depth = 0
    open_item = False
    for title, anchor, wanted in block.items:
        level = min(wanted, depth + 1) if open_item else 0
        if level > depth:
            out.append("<ul>")
            depth = level
        else:
            if open_item:
                out.append("</li>")
            while depth > level:
                out.append("</ul></li>")
                depth -= 1
        out.append(f'<li><a href="#{text(anchor)}">{text(title)}</a>')
        open_item = True
    if open_item:
        out.append("</li>")
    out.append("</ul></li>" * depth + "</ul>")
    return "".join(out)
