"""`kettool interactions NAME...`: what the knowledge base records about ketamine or esketamine with other drugs."""

from typing import Annotated

import typer

from kettool.cli.completion import complete_drugs
from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import load, respond, write_answer
from kettool.render.formats import OutputFormat

MAX_NAMES = 50


def interactions(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...", help="Generic or brand names, e.g. lorazepam Adderall.", autocompletion=complete_drugs
        ),
    ],
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show what the knowledge base records about taking ketamine or esketamine with other drugs."""
    if len(names) > MAX_NAMES:
        raise typer.BadParameter(f"name at most {MAX_NAMES} drugs at once", param_hint="NAME...")
    fmt = chosen_format(fmt, as_json)

    def compute(cli):
        from kettool.cli import streams
        from kettool.cli.exit_codes import ExitCode
        from kettool.core import questions

        found = questions.interactions(load(cli), names)
        report = found.data
        for unknown in report.unknown:
            hint = f" Did you mean: {', '.join(unknown.suggestions)}?" if unknown.suggestions else ""
            streams.say(f"kettool: {unknown.asked!r} is not in kettool's drug list.{hint}")
        if report.unknown and not report.drugs:
            if fmt is OutputFormat.JSON:  # scripts still get a valid answer that says what was not found
                write_answer(found, fmt, cli)
            raise typer.Exit(ExitCode.NOTHING_FOUND)
        if report.unknown:
            # Answer for the names that were found, then exit 1 for the ones that were not.
            write_answer(found, fmt, cli)
            raise typer.Exit(ExitCode.NOTHING_FOUND)
        return found

    respond(ctx, fmt, compute)


# The help Typer shows; kept here because its paragraphs must stay on one line each to wrap well.
interactions.__doc__ = (
    "Show what the knowledge base records about taking ketamine or esketamine with other drugs.\n\n"
    "Each name (generic or brand, any case) is looked up in kettool's drug list, which puts it in the drug "
    "classes the knowledge base's interaction entries name. For each name: every entry about those classes, "
    "with the formulation it concerns, what the label or the evidence says, the kind of source, and citations.\n\n"
    "A name not in the list exits 1 with suggestions. A listed drug with no recorded interaction is said "
    "plainly (exit 0); the absence of a record is not evidence of safety.\n\n"
    "\b\n"
    "Example:\n"
    "  kettool interactions lorazepam Adderall\n"
    "  kettool interactions nardil --json\n"
)
