"""The pieces Markdown layouts are built from, with all KB text escaped to render literally."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from kettool.core.models import Certainty, Claim, Meta
from kettool.render.evidence_words import claim_effects
from kettool.render.reference_list import CitationNumbers
from kettool.render.terminal_safe import visible

# Characters that start inline markup anywhere in a line: code, emphasis, links, HTML, tables,
# strikethrough, heading closers (`## Title #`), images, and GitHub's `$math$`.
_INLINE = re.compile(r"([\\`*{}\[\]<>|~#!$])")
# An underscore between two letters or digits (riva_posse2018) can never open or close emphasis.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# Only at the start of a line do these begin a block: bullets, setext underlines, ordered lists.
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])(?=\s|$)")
# A bare '&' is literal; only one that spells an entity (&amp; &#169;) would be decoded.
_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_PARAGRAPHS = re.compile(r"\n[ \t\r\f\v]*\n")


def escape(text: object) -> str:
    """KB text as literal inline Markdown on one line, safe in a paragraph, list item, heading or table cell."""
    # Newlines are folded so that text can never end a list item, a table row or a heading early.
    flat = _SPACE.sub(" ", visible(str(text))).strip()
    flat = _UNDERSCORE.sub(r"\\_", _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", flat)))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def paragraph(text: str) -> str:
    """KB text as one or more paragraphs (blank lines in the text separate them)."""
    return "\n\n".join(e for e in (escape(p) for p in _PARAGRAPHS.split(text)) if e)


def bold(markdown: str) -> str:
    """Strong emphasis around already-escaped text."""
    return f"**{markdown}**" if markdown else ""


def heading(title: str, level: int = 2) -> str:
    """A heading line from already-escaped text."""
    return f"{'#' * level} {title}"


def items(entries: Iterable[str], numbered: bool = False) -> str:
    """A list of already-escaped entries; a newline inside an entry becomes a hard line break."""
    out: list[str] = []
    for n, entry in enumerate(entries, 1):
        marker = f"{n}. " if numbered else "- "
        first, *rest = entry.split("\n")
        # Continuation lines are indented to the item's text so that they stay inside the item.
        out.append(f"\\\n{' ' * len(marker)}".join([marker + first, *rest]))
    return "\n".join(out)


def table(header: Sequence[str], rows: Iterable[Sequence[str]], right: Iterable[int] = ()) -> str:
    """A pipe table of already-escaped cells; columns listed in `right` are right-aligned."""
    body = [list(r) for r in rows]
    width = max([len(header), *(len(r) for r in body)])
    aligned = set(right)

    def line(cells: Sequence[str]) -> str:
        # Short rows are padded: a pipe table needs the same number of cells in every row.
        return "| " + " | ".join([*cells, *[""] * (width - len(cells))]) + " |"

    rule = "|" + "|".join("---:" if i in aligned else "---" for i in range(width)) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in body)])


def badge(level: Certainty) -> str:
    """A certainty level with a four-step scale, e.g. '●●●○ moderate'."""
    return "●" * level.rank + "○" * (4 - level.rank) + " " + level.label


class Citations(CitationNumbers):
    """Citation numbers with the reference list as a Markdown section."""

    def cited(self, text: str, ids: Iterable[str]) -> str:
        """Escaped KB text followed by its reference marks."""
        return f"{escape(text)} {self.marks(ids)}".lstrip()

    def claims(self, claims: Iterable[Claim], numbered: bool = False) -> str:
        """Claims with their reference marks and the drug and source they concern."""
        entries = []
        for claim in claims:
            lines = [self.cited(claim.text, claim.cites)]
            lines += [f"Drug: {escape(claim.drug)}"] if claim.drug else []
            lines += [f"Source: {escape(claim.source_version)}"] if claim.source_version else []
            lines += [f"Effect: {escape(line)}" for line in claim_effects(claim, self.studies)]
            entries.append("\n".join(lines))
        return items(entries, numbered)

    def reference_section(self, short: bool = False) -> list[str]:
        """The numbered references cited so far, under their heading (nothing when none were cited)."""
        found = self.references(short)
        return [heading("References"), items((escape(line) for _, line in found), numbered=True)] if found else []


def disclaimer(meta: Meta) -> str:
    """The knowledge base's disclaimer as the document's final, italic paragraph."""
    text = escape(meta.disclaimer)
    return f"_{text}_" if text else ""


def crisis_block(resources: Any) -> list[str]:
    """The crisis services as the first block of a page about suicidal ideation or depression."""
    if not resources:
        return []
    entries = [
        f"{bold(escape(r.region))}: {escape(r.service)}, {escape(r.contact)} ({escape(r.official_page)})"
        for r in resources
    ]
    return [bold("If you are in crisis or thinking about suicide, get help now:"), items(entries)]
