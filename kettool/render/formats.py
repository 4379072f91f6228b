"""The output-format registry: every format kettool writes, the module that lays it out, and the one render()."""

from __future__ import annotations

import importlib
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # answers are only built when the output is not already stored
    from kettool.core.answers import Answer, Kind


class OutputFormat(str, Enum):
    """Output formats, each laid out by kettool/render/<value>_format.py; every data command accepts them all."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    LINES = "lines"
    BIBTEX = "bibtex"
    RIS = "ris"
    CSL_JSON = "csl-json"
    YAML = "yaml"
    SVG = "svg"
    HTML = "html"


def module_name(fmt: OutputFormat) -> str:
    """The module that lays out a format: kettool/render/<name>_format.py ('csl-json' -> csl_json_format).

    Each such module has LAYOUTS (answer kind -> layout) and render(answer, options) -> str, so adding
    a format is one module and one member of OutputFormat. A module may also have pieces(answer, options),
    the same text in pieces, which the CLI writes one by one when it keeps no copy of the answer.
    """
    return f"kettool.render.{fmt.value.replace('-', '_')}_format"


class RenderOptions:
    """How output will be shown: colour or not, the Rich console text is drawn on, the stream's encoding."""

    # A plain class: a dataclass costs a few million instructions to create at every start-up.
    __slots__ = ("color", "console", "encoding")

    def __init__(self, color: bool = False, console: Any = None, encoding: str = "utf-8"):
        self.color = color
        self.console = console
        self.encoding = encoding


class FormatRefused(ValueError):
    """A format has no layout for a kind of answer; names the formats that do."""

    def __init__(self, fmt: OutputFormat, kind: Kind, alternatives: list[str]):
        self.fmt = fmt
        self.kind = kind
        self.alternatives = alternatives
        super().__init__(
            f"{fmt.value} output is not available for {kind.value} answers; use one of: {', '.join(alternatives)}"
        )


def lazy_layout(table: dict[Kind, str], kind: Kind) -> Any:
    """The layout a table names as "module.function" (in kettool.render), imported on first use."""
    module, function = table[kind].split(".")
    return getattr(importlib.import_module(f"kettool.render.{module}"), function)


def format_module(fmt: OutputFormat) -> Any:
    """The module that lays out one format (imported on first use, so JSON never pays for Rich)."""
    return importlib.import_module(module_name(fmt))


def covers(fmt: OutputFormat, kind: Kind) -> bool:
    """True when a format has a layout for a kind of answer."""
    return kind in format_module(fmt).LAYOUTS


def render(answer: Answer, fmt: OutputFormat, options: RenderOptions | None = None) -> str:
    """Lay out an answer in a format: the exact text that goes to stdout; FormatRefused if it has no layout."""
    module = format_module(fmt)
    if answer.kind not in module.LAYOUTS:
        raise FormatRefused(fmt, answer.kind, [f.value for f in OutputFormat if covers(f, answer.kind)])
    return str(module.render(answer, options or RenderOptions()))
