"""Markdown layouts for finding things: search hits, study lists, one study, reference lists, and KB validation."""

from __future__ import annotations

from typing import Any

from kettool.core.answers import CitationList, StudyDetail, StudyList
from kettool.render.markdown_blocks import bold, escape, heading, items, table
from kettool.render.reference_list import reference_line, study_facts
from kettool.render.snippets import snippet

SNIPPET_CHARS = 240


def _passage(hit: Any) -> str:
    """A window of the passage with the matched words in bold."""
    text, spans = snippet(hit.passage, hit.spans, SNIPPET_CHARS)
    out: list[str] = []
    last = 0
    for start, end in spans:
        # Each piece is escaped on its own, keeping its edge spaces so words do not run together.
        out += [_piece(text[last:start]), bold(escape(text[start:end]))]
        last = end
    out.append(_piece(text[last:]))
    return "".join(out).strip()


def _piece(text: str) -> str:
    if not text.strip():
        return " " if text else ""
    return (" " if text[0].isspace() else "") + escape(text) + (" " if text[-1].isspace() else "")


def search(result: Any) -> list[str]:
    """Ranked hits, each with its location in bold and the matched words in bold."""
    parts = [heading(f"{result.total} passage(s) match {escape(repr(result.query))}", 1)]
    if result.total > len(result.hits):
        parts.append(f"Showing the best {len(result.hits)} (`--limit` to change).")
    if result.partial:
        suggestions = ", ".join(escape(s) for s in result.suggestions)
        parts.append(
            "No passage holds every word; these hold some of them."
            + (f" Did you mean: {suggestions}?" if suggestions else "")
        )
    parts.append(
        items(
            (
                f"{bold(escape(hit.location))} (score {hit.score:.2f})\n{_passage(hit)}" + _via(hit)
                for hit in result.hits
            ),
            numbered=True,
        )
    )
    return parts


def _via(hit: Any) -> str:
    return f"\nFound through the drug list: {escape('; '.join(hit.via))}" if hit.via else ""


def studies(value: StudyList) -> list[str]:
    """A table of studies."""
    data = [row.study for row in value.rows]
    rows = [
        [
            escape(s.id),
            escape(s.first_author),
            str(s.year or ""),
            escape(s.design_type.value),
            "" if s.n is None else f"{s.n:,}",
            escape(s.journal or ""),
        ]
        for s in data
    ]
    parts = [heading(f"{len(data)} stud{'y' if len(data) == 1 else 'ies'}", 1)]
    if rows:
        parts.append(table(["Id", "First author", "Year", "Design", "N", "Journal"], rows, right=(2, 4)))
    return [*parts, "Details: `kettool study ID`"]


def study(detail: StudyDetail) -> list[str]:
    """One study in full, with the claims that cite it."""
    s = detail.study
    facts = study_facts(s)
    parts = [
        heading(escape(s.title), 1),
        f"id: {escape(s.id)}",
        items(f"{bold(label)}: {escape(value)}" for label, value in facts),
    ]
    if detail.cited_by:
        parts += [heading("Cited by"), items(escape(where) for where in detail.cited_by)]
    return parts


def citations(value: CitationList) -> list[str]:
    """A numbered reference list of the studies asked for."""
    count = len(value.studies)
    parts = [heading(f"{count} reference{'' if count == 1 else 's'}", 1)]
    if value.studies:
        parts.append(items((escape(reference_line(s)) for s in value.studies), numbered=True))
    return parts


def validation(report: Any) -> list[str]:
    """The result of checking a KB: every problem with file, line and field."""
    if report.valid:
        parts = [heading("Knowledge base valid", 1), f"{report.files} file(s) checked, no problems."]
    else:
        parts = [
            heading("Knowledge base invalid", 1),
            f"{len(report.problems)} problem(s) in {report.files} file(s):",
            items(escape(str(p)) for p in report.problems),
        ]
    if report.warnings:
        parts += [heading("Warnings"), items(escape(w) for w in report.warnings)]
    return parts


def audit(report: Any) -> list[str]:
    """What the audit checked, each problem with file, line and field, and every profile's computed grade."""
    checked = ", ".join(f"{n:,} {escape(what)}" for what, n in report.checked.items()) or "nothing"
    if report.clean:
        parts = [heading("Audit clean", 1), "Every number agrees with its records."]
    else:
        parts = [
            heading(f"Audit found {len(report.problems)} problem(s)", 1),
            items(escape(str(p)) for p in report.problems),
        ]
    parts.append(f"Checked: {checked}.")
    if report.profiles:
        rows = [[escape(c), escape(p), escape(g.replace("-", " "))] for c, p, g in report.profiles]
        parts += [heading("Computed certainty"), table(["Condition", "Profile", "Computed certainty"], rows)]
    return parts
