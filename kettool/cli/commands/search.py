"""`kettool search QUERY`: ranked passages from every text in the knowledge base."""

from typing import Annotated

import typer

from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import respond, write_answer
from kettool.render.formats import OutputFormat

# Long enough for any question a person types; short enough that no query takes a noticeable time.
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 64


def search(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(metavar="QUERY...", help="Words to look for: kettool search blood pressure.")
    ],
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
    query = " ".join(words)
    if not query.strip():
        raise typer.BadParameter("give at least one word to search for", param_hint="QUERY")
    if len(query) > MAX_QUERY_CHARS or len(query.split()) > MAX_QUERY_WORDS:
        raise typer.BadParameter(
            f"a query holds at most {MAX_QUERY_WORDS} words and {MAX_QUERY_CHARS} characters", param_hint="QUERY"
        )
    fmt = chosen_format(fmt, as_json)

    def compute(cli):
        from kettool.cli import streams
        from kettool.core import questions
        from kettool.core.errors import KnowledgeBaseError

        try:
            found = questions.search(cli.kb, query, limit)
        except KnowledgeBaseError as error:
            streams.report_kb_error(error)
            raise typer.Exit(streams.ExitCode.INVALID_KB) from None
        result = found.data
        hint = f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
        if result.total == 0:
            streams.say(f"kettool: nothing matches {query!r}.{hint}")
            if fmt is OutputFormat.JSON:  # scripts still get a valid, empty answer
                write_answer(found, fmt, cli)
            raise typer.Exit(streams.ExitCode.NOTHING_FOUND)
        if result.partial:
            streams.say(f"kettool: no passage holds every word of {query!r}; showing partial matches.{hint}")
        return found

    respond(ctx, fmt, compute)
