"""Commands for taking data elsewhere: cite, export, schema, validate."""

# No `from __future__ import annotations`: see kettool/cli/commands.py.
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kettool.cli.common import FormatOption, JsonOption, chosen_format, load, state
from kettool.cli.completion import complete_conditions, complete_studies
from kettool.core.answer_kinds import Kind
from kettool.render import OutputFormat


class CiteFormat(str, Enum):
    """Citation formats for `kettool cite`."""

    BIBTEX = "bibtex"
    RIS = "ris"
    CSL_JSON = "csl-json"


class ExportFormat(str, Enum):
    """Formats for a whole-KB export."""

    JSON = "json"
    YAML = "yaml"


class SchemaName(str, Enum):
    """The JSON Schemas kettool publishes."""

    OUTPUT = "output"
    KB = "kb"


def cite(
    ctx: typer.Context,
    ids: Annotated[Optional[list[str]], typer.Argument(metavar="[ID]...", help="Study ids to cite.",
                                                       autocompletion=complete_studies)] = None,
    condition: Annotated[Optional[str], typer.Option(
        "--condition", "-c", help="Cite every study a condition rests on.", autocompletion=complete_conditions)] = None,
    fmt: Annotated[CiteFormat, typer.Option("--format", "-f", case_sensitive=False,
                                            help="bibtex, ris or csl-json.")] = CiteFormat.BIBTEX,
) -> None:
    """Export references as BibTeX, RIS or CSL-JSON, for studies or a whole condition.

    \b
    Example:
      kettool cite feder2021 abdallah2022
      kettool cite --condition ptsd --format csl-json > ptsd.json
    """
    if not ids and condition is None:
        raise typer.BadParameter("give study ids or --condition NAME", param_hint="[ID]...")
    from kettool.cli.output import report_not_found
    from kettool.core.errors import NotFoundError
    from kettool.core.query import cited_studies, find_condition, find_study
    from kettool.core.summary import condition_study_ids
    from kettool.render.citations import CitationFormat, render_citations

    kb = load(state(ctx))
    try:
        chosen = [find_study(kb, i) for i in ids or ()]
        if condition is not None:
            chosen += cited_studies(kb, condition_study_ids(find_condition(kb, condition)))
    except NotFoundError as error:
        report_not_found(error)
        raise typer.Exit(1) from None
    studies = list({s.id: s for s in chosen}.values())
    sys.stdout.write(render_citations(studies, CitationFormat(fmt.value)))
    sys.stdout.flush()


def export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", case_sensitive=False, help="json or yaml.")]
    = ExportFormat.JSON,
) -> None:
    """Write the whole knowledge base in one go, so scripts need not call kettool in a loop.

    \b
    Example:
      kettool export > kb.json
      kettool export --format yaml > kb.yaml
    """
    from kettool.cli.output import write_data
    from kettool.core.answer import Answer

    cli = state(ctx)
    kb = load(cli)
    if fmt is ExportFormat.JSON:
        write_data(Answer.of(Kind.EXPORT, None, kb), OutputFormat.JSON, cli)
        return
    import yaml

    from kettool.core.plain import to_source_data

    document = {"meta": to_source_data(kb.meta), "overview": to_source_data(kb.overview),
                "mechanism": to_source_data(kb.mechanism), "safety": to_source_data(kb.safety),
                "conditions": to_source_data(kb.conditions), "studies": to_source_data(list(kb.studies.values()))}
    header = f"# kettool knowledge base {kb.meta.version}, reviewed {kb.meta.reviewed}; loadable with --kb\n"
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    from kettool.render.safe import has_unsafe

    if has_unsafe(text):
        # PyYAML writes bidi overrides and C1 controls raw; escaping all non-ASCII keeps a terminal safe.
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=False, width=100)
    sys.stdout.write(header + text)
    sys.stdout.flush()


def schema(
    name: Annotated[SchemaName, typer.Argument(help="output (the JSON answers) or kb (the KB files).")]
    = SchemaName.OUTPUT,
) -> None:
    """Print the JSON Schema of kettool's JSON output (or of the knowledge-base files).

    \b
    Example:
      kettool schema > kettool-output.schema.json
      kettool schema kb
    """
    from kettool.core.sources import bundled_data_dir

    file = "output.schema.json" if name is SchemaName.OUTPUT else "kb.schema.json"
    sys.stdout.write((bundled_data_dir() / file).read_text(encoding="utf-8"))
    sys.stdout.flush()


def validate(
    ctx: typer.Context,
    path: Annotated[Optional[Path], typer.Argument(help="A KB file or folder (default: the KB in use).")] = None,
    extend: Annotated[bool, typer.Option("--extend", help="Check PATH on top of the bundled KB.")] = False,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Check a knowledge base and report every problem with file, line and field; exit 1 if invalid.

    \b
    Example:
      kettool validate my-kb/
      kettool validate extra-studies.yaml --extend
    """
    from kettool.cli.output import report_kb_error, write_data
    from kettool.core.answer import Answer
    from kettool.core.errors import KnowledgeBaseError
    from kettool.core.store import resolve_layers
    from kettool.core.validation import validate_layers

    cli = state(ctx)
    settings = cli.kb if path is None else cli.kb._replace(kb_path=path, extend=extend)
    try:
        report = validate_layers(resolve_layers(settings))
    except KnowledgeBaseError as error:  # the path itself is missing or unreadable
        report_kb_error(error)
        raise typer.Exit(1) from None
    # The KB being checked may be broken, so the envelope's version and disclaimer come from the bundled one.
    bundled = load(cli._replace(kb=cli.kb._replace(kb_path=None, extend=False)))
    write_data(Answer(Kind.VALIDATION, report, bundled.meta), chosen_format(fmt, as_json), cli)
    raise typer.Exit(0 if report.valid else 1)

COMMANDS = (cite, export, schema, validate)
