"""`kettool sheet CONDITION -o FILE`: a printable one-to-two-page evidence sheet as a self-contained HTML file."""

from pathlib import Path
from typing import Annotated

import typer

from kettool.cli.audience import Audience, AudienceOption
from kettool.cli.completion import complete_conditions


def sheet(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="CONDITION", help="Condition id, name or alias.", autocompletion=complete_conditions),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write (its folder must exist)."),
    ],
    audience: AudienceOption = Audience.CLINICIAN,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write a condition's evidence sheet: one self-contained HTML page that prints on one or two pages.

    For clinicians: summary, approvals, summary of findings, forest plots and references.

    For patients and carers: the plain-language page, with crisis services first where they apply.

    \b
    Example:
      kettool sheet depression -o depression.html
      kettool sheet ptsd --audience patient -o ptsd-patient.html
    """
    from kettool.cli import streams
    from kettool.cli.pipeline import ask, produce, state
    from kettool.render.formats import OutputFormat

    # Checked before any work, so a wrong path costs nothing and leaves nothing behind.
    if not output.parent.is_dir():
        streams.usage_error(f"cannot write {output}: the folder {output.parent} does not exist")
    if output.exists() and not force:
        streams.usage_error(f"{output} already exists; add --force to replace it")
    cli = state(ctx)
    html = produce(ask(cli, "sheet", name, audience.value), OutputFormat.HTML, cli)
    if not _write(output, html, force):
        streams.usage_error(f"cannot write {output}: it already exists or the disk refused; nothing was written")
    streams.say(f"kettool: wrote {output}")


def _write(path: Path, text: str, force: bool) -> bool:
    """Write the sheet whole; without force, never onto a file that appeared since the check."""
    from kettool.core.atomic_files import remove_file, replace_file

    if force:
        return replace_file(path, text)
    try:
        stream = open(path, "x", encoding="utf-8", newline="")
    except OSError:
        return False  # it appeared meanwhile, or the folder refused: not ours to touch
    try:
        with stream:
            stream.write(text)
    except BaseException as error:
        # A full disk, Ctrl-C or SIGTERM mid-write: never leave half a sheet behind.
        remove_file(path)
        if isinstance(error, OSError):
            return False
        raise
    return True
