"""Commands for finding things: search, studies, study, compare, why."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kettool.cli.common import FormatOption, JsonOption, chosen_format, emit, state
from kettool.cli.completion import complete_conditions, complete_studies
from kettool.cli.output import report_kb_error, say, write_data
from kettool.core.answer import Answer, Kind
from kettool.core.compare import compare as compare_conditions, grade_reasons
from kettool.core.errors import KnowledgeBaseError
from kettool.core.models import DesignType
from kettool.core.query import find_condition, find_study
from kettool.core.store import load_search_index
from kettool.core.studies import DESIGN_GROUPS, StudyFilter, StudySort, filter_studies, study_detail
from kettool.render import OutputFormat

DESIGNS = sorted({*DESIGN_GROUPS, *(d.value for d in DesignType)})
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
    cli = state(ctx)
    if not query.strip():
        raise typer.BadParameter("give at least one word to search for", param_hint="QUERY")
    try:
        index = load_search_index(cli.kb)
    except KnowledgeBaseError as error:
        report_kb_error(error)
        raise typer.Exit(1) from None
    result = index.search(query, limit)
    fmt = chosen_format(fmt, as_json)
    if result.total == 0:
        hint = f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
        say(f"kettool: nothing matches {query!r}.{hint}")
        if fmt is OutputFormat.JSON:
            write_data(Answer(Kind.SEARCH, result, index.meta), fmt, cli)
        raise typer.Exit(1)
    if result.partial:
        hint = f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
        say(f"kettool: no passage holds every word of {query!r}; showing partial matches.{hint}")
    write_data(Answer(Kind.SEARCH, result, index.meta), fmt, cli)


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
    wanted = StudyFilter(condition, design, drug, year_from, year_to, sort)

    def build(kb):
        found = filter_studies(kb, wanted)
        if not found:
            say("kettool: no study matches these filters. Hint: run `kettool studies` to list them all.")
        return Answer.of(Kind.STUDIES, found, kb)

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
    emit(ctx, lambda kb: Answer.of(Kind.STUDY, study_detail(kb, find_study(kb, study_id)), kb), fmt, as_json)


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
        chosen = list({c.id: c for c in (find_condition(kb, n) for n in names)}.values())
        return Answer.of(Kind.COMPARE, compare_conditions(kb, chosen), kb)

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
    emit(ctx, lambda kb: Answer.of(Kind.WHY, grade_reasons(kb, find_condition(kb, name)), kb), fmt, as_json)


COMMANDS = (search, studies, study, compare, why)
