"""The text format, for a terminal or a file: each answer kind's layout drawn with Rich, then the disclaimer line."""

from __future__ import annotations

from typing import Any

from kettool.core.answers import Answer, Kind

# Answer kind -> "module.function" of its layout, imported only when that kind is drawn.
# A layout takes the answer's value and the RenderOptions and returns a list of Rich renderables.
LAYOUTS: dict[Kind, str] = {
    Kind.CONDITIONS: "text_evidence.conditions",
    Kind.CONDITION: "text_evidence.condition",
    Kind.COMPARE: "text_evidence.compare",
    Kind.WHY: "text_evidence.why",
    Kind.MECHANISM: "text_topics.mechanism",
    Kind.SAFETY: "text_topics.safety",
    Kind.SAFETY_TOPIC: "text_topics.safety_topic",
    Kind.OVERVIEW: "text_topics.overview",
    Kind.SEARCH: "text_studies.search",
    Kind.STUDIES: "text_studies.studies",
    Kind.STUDY: "text_studies.study",
    Kind.CITATIONS: "text_studies.citations",
    Kind.VALIDATION: "text_studies.validation",
    Kind.AUDIT: "text_studies.audit",
    Kind.INTERACTIONS: "text_interactions.interactions",
    Kind.FOREST: "text_forest.forest",
    Kind.PLAIN: "text_plain.plain_page",
}


def layout(kind: Kind) -> Any:
    """The layout function for a kind of answer."""
    from kettool.render.formats import lazy_layout

    return lazy_layout(LAYOUTS, kind)


def render(answer: Answer, options: Any) -> str:
    """Draw an answer on the options' console (a plain 80-column one when none is given) and add the footer."""
    from rich.console import Group

    from kettool.render.text_lines import printed, render_lines
    from kettool.render.text_widgets import footer

    console = options.console if options.console is not None else _plain_console()
    body = layout(answer.kind)(answer.data, options)
    # The options Console.print draws with; the lines come out at most the console's width, so printing
    # them needs no second cropping pass.
    page = console.options.update(justify=None, overflow=None, height=None, no_wrap=None, markup=None, highlight=None)
    text = printed(console, render_lines(console, Group(*body), page))
    if not options.color:
        # Plain output goes to files and diffs: drop the padding Rich adds to the right of lines.
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text + footer(answer.meta, options.color)


def _plain_console() -> Any:
    from rich.console import Console

    return Console(width=80, color_system=None, force_terminal=False, highlight=False, emoji=False, markup=False)
