"""What every HTML page kettool writes must be: parsed with the standard library's HTML parser and checked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

# Every element kettool's pages may hold: what Markdown becomes, the page frame, and the SVG of a plot.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "footer",
    "h1", "h2", "h3", "h4", "p", "em", "strong", "code", "br", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "a", "div", "figure",
    "svg", "desc", "g", "rect", "line", "polygon", "text",
}  # fmt: skip
# Attributes allowed on any element; anything else (on*, src, xlink:href...) fails.
ALLOWED_ATTRIBUTES = {
    "lang", "charset", "http-equiv", "content", "name", "href", "style", "class", "start",
    "viewbox", "width", "height", "role", "aria-labelledby", "font-size", "id", "fill", "x", "y", "x1", "y1",
    "x2", "y2", "stroke", "stroke-width", "points", "text-anchor", "transform", "font-weight", "font-style",
}  # fmt: skip
RAW_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SVG_ELEMENT = re.compile(r"<svg\b.*?</svg>", re.S)


class Page(HTMLParser):
    """An HTML document as the checks need it: its elements, headings, tables, links and text."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.text: list[str] = []
        self.open_tables: list[dict[str, int]] = []
        self.tables: list[dict[str, int]] = []
        self.stack: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag) and "svg" not in self.stack:
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.open_tables.append({"th_in_head": 0, "td": 0})
        elif tag == "th" and "thead" in self.stack and self.open_tables:
            self.open_tables[-1]["th_in_head"] += 1
        elif tag == "td" and self.open_tables:
            self.open_tables[-1]["td"] += 1
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "table" and self.open_tables:
            self.tables.append(self.open_tables.pop())
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if not (self.stack and self.stack[-1] in ("style", "title")):
            self.text.append(data)

    def plain_text(self) -> str:
        """The visible text, whitespace folded."""
        return " ".join(" ".join(self.text).split())


def check_page(markup: str, meta=None) -> Page:
    """Assert everything an HTML answer must be; return the parsed page for further checks."""
    assert markup.startswith("<!DOCTYPE html>\n"), markup[:40]
    assert not RAW_CONTROLS.search(markup), "a raw control character reached the page"
    page = Page(markup)
    tags = [t for t, _ in page.tags]
    assert set(tags) <= ALLOWED_TAGS, set(tags) - ALLOWED_TAGS
    assert tags.count("html") == tags.count("body") == 1 and "script" not in tags
    for tag, attrs in page.tags:
        assert set(attrs) <= ALLOWED_ATTRIBUTES, (tag, set(attrs) - ALLOWED_ATTRIBUTES)
        if "href" in attrs:
            assert tag == "a" and re.match(r"https?://[^\s\"<>]+$", attrs["href"] or ""), attrs["href"]
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            assert "default-src 'none'" in (attrs.get("content") or "")
    assert any(a.get("http-equiv") == "Content-Security-Policy" for t, a in page.tags if t == "meta")
    # Headings: one h1 first, and no level skipped on the way down.
    assert page.headings[:1] == [1] and page.headings.count(1) == 1, page.headings
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, page.headings
    for table in page.tables:
        assert table["th_in_head"] >= 1, "a table without header cells"
    for svg in SVG_ELEMENT.findall(markup):
        root = ET.fromstring(svg)  # inline SVG is well-formed XML on its own
        assert root.find("title") is not None and root.find("desc") is not None
        assert root.get("role") == "img"
    if meta is not None:
        footer = markup[markup.index("<footer>") :]
        assert f"Knowledge base {meta.version}, reviewed {meta.reviewed}." in footer
        assert " ".join(meta.disclaimer.split())[:40] in Page(footer).plain_text()
    return page
