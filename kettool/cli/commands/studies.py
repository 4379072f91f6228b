"""`kettool studies`: studies filtered by condition, design, drug and year."""

from typing import Annotated, Optional

import typer

from kettool.cli.completion import complete_conditions
from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import respond, write_answer
from kettool.core.choices import DESIGNS, DRUGS, StudySort
from kettool.render.formats import OutputFormat


def studies(
    ctx: typer.Context,
    condition: Annotated[
        Optional[str],
        typer.Option(
            "--condition", "-c", help="Only studies cited for this condition.", autocompletion=complete_conditions
        ),
    ] = None,
    design: Annotated[
        Optional[str], typer.Option("--design", "-d", help=f"Only this design: {', '.join(DESIGNS)}.")
    ] = None,
    drug: Annotated[Optional[str], typer.Option("--drug", help=f"Only this drug: {', '.join(DRUGS)}.")] = None,
    year_from: Annotated[Optional[int], typer.Option("--from", help="Published in or after this year.")] = None,
    year_to: Annotated[Optional[int], typer.Option("--to", help="Published in or before this year.")] = None,
    sort: Annotated[
        StudySort, typer.Option("--sort", help="Order by year (newest first), n or author.")
    ] = StudySort.YEAR,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """List studies, filtered by condition, design, drug and year.

    \b
    Example:
      kettool studies --condition ptsd --design rct
      kettool studies --drug esketamine --from 2019 --sort n
      kettool studies --condition ptsd --format bibtex > ptsd.bib
    """
    if year_from is not None and year_to is not None and year_from > year_to:
        raise typer.BadParameter(f"--from {year_from} is after --to {year_to}", param_hint="--from")
    for value, choices, name in ((design, DESIGNS, "--design"), (drug, DRUGS, "--drug")):
        if value is not None and value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=name)

    fmt = chosen_format(fmt, as_json)

    def compute(cli):
        from kettool.cli import streams
        from kettool.cli.exit_codes import ExitCode
        from kettool.cli.pipeline import load
        from kettool.core import questions
        from kettool.core.errors import NotFoundError
        from kettool.core.study_filter import StudyFilter

        kb = load(cli)
        try:
            found = questions.studies(kb, StudyFilter(condition, design, drug, year_from, year_to, sort))
        except NotFoundError as error:  # an unknown --condition
            streams.report_not_found(error)
            raise typer.Exit(ExitCode.NOTHING_FOUND) from None
        if not found.data.rows:
            streams.say("kettool: no study matches these filters. Hint: run `kettool studies` to list them all.")
            if fmt is OutputFormat.JSON:  # scripts still get a valid, empty answer
                write_answer(found, fmt, cli)
            raise typer.Exit(ExitCode.NOTHING_FOUND)
        return found

    respond(ctx, fmt, compute)
