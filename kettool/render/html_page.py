"""The HTML page every answer is laid out on: Markdown blocks turned into HTML, links, styles and the footer."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from kettool.core.meta import Meta
from kettool.render.terminal_safe import visible


class Raw:
    """HTML that kettool drew itself (a forest plot's SVG), placed between Markdown blocks as it is."""

    __slots__ = ("html",)

    def __init__(self, markup: str):
        self.html = markup


Block = str | Raw

# A web address, a DOI or a PubMed id in reference text; closing punctuation after them is not part of them.
_LINKABLE = re.compile(
    r"(?P<url>https?://[^\s<>\"']+[^\s<>\"'.,;:)\]])|doi:(?P<doi>10\.\d{4,9}/[^\s<>\"']+[^\s<>\"'.,;:)\]])"
    r"|PMID (?P<pmid>\d{1,9})\b"
)
_TAG = re.compile(r"(<[^>]*>)")
_REFERENCES = "<h2>References</h2>\n<ol>"  # the reference list every layout ends with, set in smaller type
# The crisis services that open a page about depression or suicidality, drawn in a box that stands out.
_CRISIS = re.compile(
    r"(<p><strong>If you are in crisis or thinking about suicide, get help now:</strong></p>\n<ul>.*?</ul>)", re.S
)
_H1 = re.compile(r"<h1>(.*?)</h1>", re.S)

# Sized for the narrower and shorter of A4 (210 x 297 mm) and US Letter (216 x 279 mm): a page that fits
# 210 x 279 mm less the margins prints unchanged on either, whichever the printer is set to.
STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1a1a1a; background: #fff; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0.4rem 0 0.6rem; } h2 { font-size: 1.25rem; margin-top: 1.4rem;
  border-bottom: 1px solid #ccc; } h3 { font-size: 1.05rem; margin-top: 1.1rem; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.92em; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.45rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
a { color: #0b57a4; overflow-wrap: anywhere; }
figure { margin: 0.6rem 0; } figure svg { max-width: 100%; height: auto; }
.crisis { border: 2px solid #b71c1c; padding: 0.4rem 0.8rem; margin: 0.6rem 0; }
.plots { display: grid; grid-template-columns: 1fr 1fr; gap: 0.3rem 1rem; }
.references { font-size: 0.85em; } .references li { margin: 0.1rem 0; }
footer { margin-top: 2rem; border-top: 1px solid #ccc; padding-top: 0.5rem; font-size: 0.9em; color: #333; }
@page { margin: 10mm; }
@media print {
  body { font-size: 8.2pt; line-height: 1.18; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 14pt; } h2 { font-size: 11pt; margin: 0.6rem 0 0.3rem; } h3 { font-size: 10pt; }
  p, ul, ol { margin: 0.3rem 0; } footer { margin-top: 0.5rem; padding-top: 0.2rem; } footer p { margin: 0; }
  table { width: 100%; font-size: 7pt; } th, td { padding: 0.1rem 0.3rem; }
  tr, figure, .crisis { break-inside: avoid; } figure { margin: 0.2rem 0; }
  h2, h3 { break-after: avoid; } a { color: inherit; text-decoration: none; }
  body.patient { font-size: 10pt; line-height: 1.3; }
  .references, .columns { font-size: 7.2pt; columns: 2; column-gap: 6mm; } .references { font-size: 6.8pt; }
}
"""


def markdown_html(blocks: Iterable[Block]) -> str:
    """Markdown blocks as HTML (raw HTML in them is shown as text, never run), with Raw pieces placed as they are."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            converted = linkify(md.render("\n\n".join(pending)))
            converted = converted.replace(_REFERENCES, _REFERENCES.replace("<ol>", '<ol class="references">'))
            out.append(_CRISIS.sub(r'<div class="crisis">\1</div>', converted, count=1))
            pending.clear()

    for block in blocks:
        if isinstance(block, Raw):
            flush()
            out.append(block.html)
        elif block:
            pending.append(block)
    flush()
    return "\n".join(out)


def linkify(markup: str) -> str:
    """Web addresses, DOIs and PubMed ids in the text of HTML (never inside its tags) made into links."""

    def link(match: re.Match[str]) -> str:
        text = match.group()
        if match["url"]:
            href = match["url"]
        elif match["doi"]:
            href = "https://doi.org/" + match["doi"]
        else:
            href = f"https://pubmed.ncbi.nlm.nih.gov/{match['pmid']}/"
        return f'<a href="{href.replace(chr(34), "&quot;")}">{text}</a>'

    return "".join(p if p.startswith("<") else _LINKABLE.sub(link, p) for p in _TAG.split(markup))


def page(body: str, meta: Meta, audience: str = "") -> str:
    """A whole self-contained HTML document: nothing is loaded from anywhere, and no script can run.

    `audience` "patient" prints in larger type: the page is read by people who are not used to papers.
    """
    found = _H1.search(body)
    heading = _TAG.sub("", found.group(1)) if found else "kettool"
    note = html.escape(visible(f"Knowledge base {meta.version}, reviewed {meta.reviewed}."))
    disclaimer = html.escape(visible(meta.disclaimer))
    body_tag = '<body class="patient">' if audience == "patient" else "<body>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        # The policy forbids every fetch and every script: the page is complete as written.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="kettool">\n<title>{heading} — kettool</title>\n'
        f"<style>{STYLE}</style>\n</head>\n{body_tag}\n"
        f"<main>\n{body}\n</main>\n"
        f'<footer>\n<p>{note}</p>\n<p class="disclaimer"><em>{disclaimer}</em></p>\n</footer>\n</body>\n</html>\n'
    )
