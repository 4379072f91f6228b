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
    """Search every text in the knowledge base and rank the passages that match."""
    query = " ".join(words)
    if not query.strip():
        raise typer.BadParameter("give at least one word to search for", param_hint="QUERY")
    if len(query) > MAX_QUERY_CHARS or len(query.split()) > MAX_QUERY_WORDS:
        raise typer.BadParameter(
            f"a query holds at most {MAX_QUERY_WORDS} words and {MAX_QUERY_CHARS} characters", param_hint="QUERY"
        )
    from kettool.core.search_query import QuerySyntaxError, parse

    try:
        parse(query)
    except QuerySyntaxError as error:
        raise typer.BadParameter(str(error), param_hint="QUERY") from None
    fmt = chosen_format(fmt, as_json)

    def compute(cli):
        from kettool.cli import streams
        from kettool.cli.exit_codes import ExitCode
        from kettool.core.errors import KnowledgeBaseError
        from kettool.core.search_question import search as ask

        try:
            found = ask(cli.kb, query, limit)
        except KnowledgeBaseError as error:
            streams.report_kb_error(error)
            raise typer.Exit(ExitCode.INVALID_KB) from None
        result = found.data
        if result.engine == "scan":
            streams.say(
                "kettool: this Python's SQLite has no FTS5, so search scans every passage: words are matched "
                "as typed, and phrases, prefixes and operators are read as plain words."
            )
        hint = f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
        if result.total == 0:
            streams.say(f"kettool: nothing matches {query!r}.{hint}")
            if fmt is OutputFormat.JSON:  # scripts still get a valid, empty answer
                write_answer(found, fmt, cli)
            raise typer.Exit(ExitCode.NOTHING_FOUND)
        if result.partial:
            streams.say(f"kettool: no passage holds every word of {query!r}; showing partial matches.{hint}")
        return found

    respond(ctx, fmt, compute)


# The help Typer shows; kept here because its paragraphs must stay on one line each to wrap well.
search.__doc__ = (
    "Search every text in the knowledge base and rank the passages that match.\n\n"
    "Words are matched without their endings (vomit finds vomiting) and without accents; a passage must hold "
    "every word. A study is also found by its id, DOI, PMID or registry number, and an interaction by the name "
    "of a drug in its class (lorazepam finds the benzodiazepine entries).\n\n"
    "\b\n"
    "Query language:\n"
    "  blood pressure               both words, anywhere in the passage\n"
    '  "blood pressure"             the exact phrase\n'
    "  dissociat*                   words that start with dissociat\n"
    "  ketamine OR esketamine       either word (OR, AND and NOT in capitals)\n"
    "  bladder NOT cystitis         the first word without the second\n"
    "  (cystitis OR bladder) ketamine\n"
    "  NEAR(ketamine bladder, 10)   both within 10 words of each other\n\n"
    "If no passage holds every word, the best partial matches are shown.\n\n"
    "\b\n"
    "Example:\n"
    "  kettool search blood pressure\n"
    "  kettool search '\"blood pressure\" NOT esketamine' --limit 3 --json\n"
)
