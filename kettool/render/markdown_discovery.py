"""Markdown layouts for search hits, study lists and details, comparisons, grades and validation."""

from __future__ import annotations


from kettool.core.compare import ComparedCondition, GradeReasons
from kettool.core.models import KnowledgeBase, Study
from kettool.core.search import Hit, SearchResult, snippet
from kettool.core.studies import StudyDetail
from kettool.core.validation import ValidationReport
from kettool.render.references import study_facts
from kettool.render.markdown import Citations, badge, bold, escape, heading, items, paragraph, table

SNIPPET_CHARS = 240
GRADE_LEVELS = ("Certainty levels: high = several large RCTs or a meta-analysis of RCTs, consistent; moderate = "
                "some RCTs with limits or one large RCT; low = small or crossover RCTs with mixed results, or "
                "mainly open-label data; very low = case series, open-label pilots or preclinical data only.")


def _passage(hit: Hit) -> str:
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


def search(result: SearchResult, kb: KnowledgeBase | None) -> list[str]:
    """Ranked hits, each with its location in bold and the matched words in bold."""
    parts = [heading(f"{result.total} passage(s) match {escape(repr(result.query))}", 1)]
    if result.total > len(result.hits):
        parts.append(f"Showing the best {len(result.hits)} (`--limit` to change).")
    if result.partial:
        suggestions = ", ".join(escape(s) for s in result.suggestions)
        parts.append("No passage holds every word; these hold some of them."
                     + (f" Did you mean: {suggestions}?" if suggestions else ""))
    parts.append(items((f"{bold(escape(hit.location))} (score {hit.score:.2f})\n{_passage(hit)}"
                        for hit in result.hits), numbered=True))
    return parts


def studies(data: list[Study], kb: KnowledgeBase) -> list[str]:
    """A table of studies."""
    rows = [[escape(s.id), escape(s.first_author), str(s.year or ""), escape(s.design_type.value),
             "" if s.n is None else f"{s.n:,}", escape(s.journal or "")] for s in data]
    parts = [heading(f"{len(data)} stud{'y' if len(data) == 1 else 'ies'}", 1)]
    if rows:
        parts.append(table(["Id", "First author", "Year", "Design", "N", "Journal"], rows, right=(2, 4)))
    return [*parts, "Details: `kettool study ID`"]


def study(detail: StudyDetail, kb: KnowledgeBase) -> list[str]:
    """One study in full, with the claims that cite it."""
    s = detail.study
    facts = study_facts(s)
    parts = [heading(escape(s.title), 1), f"id: {escape(s.id)}",
             items(f"{bold(label)}: {escape(value)}" for label, value in facts)]
    if detail.cited_by:
        parts += [heading("Cited by"), items(escape(where) for where in detail.cited_by)]
    return parts


def compare(data: list[ComparedCondition], kb: KnowledgeBase) -> list[str]:
    """Conditions side by side, one column each."""
    cites = Citations(kb)
    rows = [
        ["Certainty", *(badge(i.condition.certainty) for i in data)],
        ["Status", *(escape(i.condition.regulatory_summary) for i in data)],
        ["RCTs", *(f"{i.counts.randomized} ({i.counts.participants:,} participants)" for i in data)],
        ["Studies", *(str(i.counts.studies) for i in data)],
        ["Onset", *(cites.cited(i.condition.onset.text, i.condition.onset.cites) for i in data)],
        ["Duration", *(cites.cited(i.condition.duration.text, i.condition.duration.cites) for i in data)],
        # A cell holds one line, so protocols are separated by semicolons instead of line breaks.
        ["Protocols", *("; ".join(escape(f"{p.drug}, {p.route}, {p.dose}, {p.schedule}")
                                  for p in i.condition.protocols) or "none recorded" for i in data)],
    ]
    title = heading("Comparison: " + ", ".join(escape(i.condition.name) for i in data), 1)
    header = ["", *(escape(i.condition.id) for i in data)]
    return [title, table(header, [[bold(r[0]), *r[1:]] for r in rows]), *cites.reference_section()]


def why(reasons: GradeReasons, kb: KnowledgeBase) -> list[str]:
    """How the certainty of one condition was reached."""
    c, counts = reasons.condition, reasons.counts
    designs = ", ".join(f"{n} {d}" for d, n in reasons.designs.items()) or "none"
    rows = [[f"{escape(s.short)} ({escape(s.id)})", escape(s.design_type.value), "" if s.n is None else f"{s.n:,}",
             escape(s.key_result)] for s in reasons.studies]
    parts = [heading(f"Why is the evidence for {escape(c.name)} graded {c.certainty.label}?", 1),
             heading("Grade"), badge(c.certainty), paragraph(c.certainty_rationale),
             heading("What it rests on"),
             escape(f"{counts.studies} studies ({designs}); {counts.randomized} randomized trials with "
                    f"{counts.participants:,} participants.")]
    if rows:
        parts.append(table(["Study", "Design", "N", "Key result"], rows, right=(2,)))
    return [*parts, GRADE_LEVELS]


def validation(report: ValidationReport, kb: KnowledgeBase | None) -> list[str]:
    """The result of checking a KB: every problem with file, line and field."""
    if report.valid:
        parts = [heading("Knowledge base valid", 1), f"{report.files} file(s) checked, no problems."]
    else:
        parts = [heading("Knowledge base invalid", 1), f"{len(report.problems)} problem(s) in {report.files} file(s):",
                 items(escape(str(p)) for p in report.problems)]
    if report.warnings:
        parts += [heading("Warnings"), items(escape(w) for w in report.warnings)]
    return parts
