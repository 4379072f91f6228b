"""The Markdown format: a GitHub-flavoured document per answer, ending with the disclaimer."""

from __future__ import annotations

from typing import Any

from kettool.core.answers import Answer, Kind

# Answer kind -> "module.function" of its layout, imported only when that kind is written.
# A layout takes the answer's value and returns a list of Markdown blocks.
LAYOUTS: dict[Kind, str] = {
    Kind.CONDITIONS: "markdown_evidence.conditions",
    Kind.CONDITION: "markdown_evidence.condition",
    Kind.COMPARE: "markdown_evidence.compare",
    Kind.WHY: "markdown_evidence.why",
    Kind.MECHANISM: "markdown_topics.mechanism",
    Kind.SAFETY: "markdown_topics.safety",
    Kind.SAFETY_TOPIC: "markdown_topics.safety_topic",
    Kind.OVERVIEW: "markdown_topics.overview",
    Kind.SEARCH: "markdown_studies.search",
    Kind.STUDIES: "markdown_studies.studies",
    Kind.STUDY: "markdown_studies.study",
    Kind.CITATIONS: "markdown_studies.citations",
    Kind.VALIDATION: "markdown_studies.validation",
    Kind.AUDIT: "markdown_studies.audit",
    Kind.INTERACTIONS: "markdown_interactions.interactions",
    Kind.FOREST: "markdown_forest.forest",
    Kind.PLAIN: "markdown_plain.plain",
}


def layout(kind: Kind) -> Any:
    """The layout function for a kind of answer."""
    from kettool.render.formats import lazy_layout

    return lazy_layout(LAYOUTS, kind)


def render(answer: Answer, options: Any = None) -> str:
    """A Markdown document for an answer, ending with the knowledge base's disclaimer."""
    from kettool.render.markdown_blocks import disclaimer, escape

    meta = answer.meta
    reviewed = escape(f"Knowledge base {meta.version}, reviewed {meta.reviewed}.")
    blocks = [*layout(answer.kind)(answer.data), reviewed, disclaimer(meta)]
    return "\n\n".join(b for b in blocks if b) + "\n"
