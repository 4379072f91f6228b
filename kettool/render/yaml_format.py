"""YAML output of the whole knowledge base, in the layout of its source files, loadable again with --kb."""

from __future__ import annotations

from typing import Any

from kettool.core.answers import Answer, KbExport, Kind
from kettool.core.plain_data import kb_document, to_source_data
from kettool.render.terminal_safe import has_unsafe


def _document(value: KbExport) -> dict[str, Any]:
    return kb_document(value.kb, to_source_data)


LAYOUTS = {Kind.EXPORT: _document}


def render(answer: Answer, options: Any = None) -> str:
    """The KB as one YAML document under a comment naming its version."""
    import yaml

    document = LAYOUTS[answer.kind](answer.data)
    header = f"# kettool knowledge base {answer.meta.version}, reviewed {answer.meta.reviewed}; loadable with --kb\n"
    encoding = (getattr(options, "encoding", None) or "utf-8").lower().replace("-", "")
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    if has_unsafe(text) or not encoding.startswith("utf"):
        # PyYAML writes bidi overrides and C1 controls raw, and a non-UTF-8 stream cannot take every
        # character: escaping all non-ASCII keeps the file loadable and a terminal safe.
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=False, width=100)
    return header + text
