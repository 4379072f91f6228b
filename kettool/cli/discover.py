"""Commands for finding things: search, studies, study, compare, why."""

# No `from __future__ import annotations`: see kettool/cli/commands.py.
from typing import Annotated, Optional

import typer

from kettool.cli.common import FormatOption, JsonOption, answer_of, chosen_format, emit, respond
from kettool.cli.completion import complete_conditions, complete_studies
from kettool.core.answer_kinds import Kind
from kettool.core.choices import StudySort
from kettool.render import OutputFormat

# Checked against the DesignType enum by a test; spelled out here so parsing needs no models.
DESIGNS = ["case-series", "crossover-rct", "label", "meta-analysis", "observational", "open-label",
           "pharmacokinetic", "preclinical", "rct", "regulatory", "review", "secondary-analysis",
           "systematic-review"]
DRUGS = ["racemic-ketamine", "esketamine", "arketamine", "ketamine-metabolite"]


def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to look for, e.g. \"blood pressure\".")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, help="Show at most this many hits.")] = 10,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Search every text in the knowledge base and rank the passages that match.

    \b
    Example:
      kettool search "blood pressure"
      kettool search dissociation --limit 3 --json
    """
    if not query.strip():
        raise typer.BadParameter("give at least one word to search for", param_hint="QUERY")
    fmt = chosen_format(fmt, as_json)

    def compute(cli):
        from kettool.cli import output
        from kettool.core.answer import Answer
        from kettool.core.errors import KnowledgeBaseError
        from kettool.core.store import search_knowledge_base

        try:
            result, meta = search_knowledge_base(cli.kb, query, limit)
        except KnowledgeBaseError as error:
            output.report_kb_error(error)
            raise typer.Exit(1) from None
        hint = f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
        if result.total == 0:
            output.say(f"kettool: nothing matches {query!r}.{hint}")
            if fmt is OutputFormat.JSON:  # scripts still get a valid, empty answer
                output.write_data(Answer(Kind.SEARCH, result, meta), fmt, cli)
            raise typer.Exit(1)
        if result.partial:
            output.say(f"kettool: no passage holds every word of {query!r}; showing partial matches.{hint}")
        return Answer(Kind.SEARCH, result, meta)

    respond(ctx, fmt, compute)


def studies(
    ctx: typer.Context,
    condition: Annotated[Optional[str], typer.Option(
        "--condition", "-c", help="Only studies cited for this condition.", autocompletion=complete_conditions)] = None,
    design: Annotated[Optional[str], typer.Option(
        "--design", "-d", help=f"Only this design: {', '.join(DESIGNS)}.")] = None,
    drug: Annotated[Optional[str], typer.Option("--drug", help=f"Only this drug: {', '.join(DRUGS)}.")] = None,
    year_from: Annotated[Optional[int], typer.Option("--from", help="Published in or after this year.")] = None,
    year_to: Annotated[Optional[int], typer.Option("--to", help="Published in or before this year.")] = None,
    sort: Annotated[StudySort, typer.Option("--sort", help="Order by year (newest first), n or author.")]
    = StudySort.YEAR,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """List studies, filtered by condition, design, drug and year.

    \b
    Example:
      kettool studies --condition ptsd --design rct
      kettool studies --drug esketamine --from 2019 --sort n
    """
    for value, choices, name in ((design, DESIGNS, "--design"), (drug, DRUGS, "--drug")):
        if value is not None and value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=name)
    def build(kb):
        from kettool.core.studies import StudyFilter, filter_studies

        found = filter_studies(kb, StudyFilter(condition, design, drug, year_from, year_to, sort))
        if not found:
            from kettool.cli.output import say

            say("kettool: no study matches these filters. Hint: run `kettool studies` to list them all.")
        return answer_of(Kind.STUDIES, found, kb)

    emit(ctx, build, fmt, as_json)


def study(
    ctx: typer.Context,
    study_id: Annotated[str, typer.Argument(metavar="ID", help="Study id, e.g. feder2021.",
                                            autocompletion=complete_studies)],
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show one study in full, with every claim that cites it.

    \b
    Example:
      kettool study abdallah2022
    """
    def build(kb):
        from kettool.core.query import find_study
        from kettool.core.studies import study_detail

        return answer_of(Kind.STUDY, study_detail(kb, find_study(kb, study_id)), kb)

    emit(ctx, build, fmt, as_json)


def compare(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(metavar="CONDITION...", help="Two or more conditions.",
                                               autocompletion=complete_conditions)],
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Put conditions side by side: certainty, status, trials, onset, duration, protocols.

    \b
    Example:
      kettool compare depression ptsd anxiety
    """
    if len(names) < 2:
        raise typer.BadParameter("name at least two conditions to compare", param_hint="CONDITION...")

    def build(kb):
        from kettool.core.compare import compare as compare_conditions
        from kettool.core.query import find_condition

        chosen = list({c.id: c for c in (find_condition(kb, n) for n in names)}.values())
        return answer_of(Kind.COMPARE, compare_conditions(kb, chosen), kb)

    emit(ctx, build, fmt, as_json)


def why(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="CONDITION", help="Condition id, name or alias.",
                                        autocompletion=complete_conditions)],
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Explain how a condition's certainty of evidence was reached, and the studies it rests on.

    \b
    Example:
      kettool why ptsd
      kettool condition ptsd --why
    """
    def build(kb):
        from kettool.core.compare import grade_reasons
        from kettool.core.query import find_condition

        return answer_of(Kind.WHY, grade_reasons(kb, find_condition(kb, name)), kb)

    emit(ctx, build, fmt, as_json)


COMMANDS = (search, studies, study, compare, why)
