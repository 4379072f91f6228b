"""YAML output of the whole knowledge base, in the layout of its source files, loadable again with --kb."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kettool.core.answers import Answer, KbExport, Kind
from kettool.core.plain_data import kb_document, to_source_data
from kettool.render.terminal_safe import has_unsafe

# Pieces are held in memory up to this many characters, then in a temporary file.
_SPOOL_IN_MEMORY = 1 << 22
_READ_BACK = 1 << 20


def _document(value: KbExport) -> dict[str, Any]:
    return kb_document(value.kb, to_source_data)


LAYOUTS = {Kind.EXPORT: _document}


def render(answer: Answer, options: Any = None) -> str:
    """The KB as one YAML document under a comment naming its version."""
    return "".join(pieces(answer, options))


def pieces(answer: Answer, options: Any = None) -> Iterator[str]:
    """The text of `render` in pieces, so that a large KB is never held as one string."""
    header = f"# kettool knowledge base {answer.meta.version}, reviewed {answer.meta.reviewed}; loadable with --kb\n"
    encoding = (getattr(options, "encoding", None) or "utf-8").lower().replace("-", "")
    if encoding.startswith("utf"):
        sections = answer.data.kb.document_sections()
        try:
            written = _spooled(sections)
        except OSError:  # no room for the spool's temporary file: hold the pieces in memory instead
            written = _in_memory(sections)
        if written is not None:
            yield header
            yield from written
            return
    yield header + _pyyaml(answer, encoding)


def _spooled(sections: list[tuple[str, Any]]) -> Iterator[str] | None:
    """PlainYamlWriter's document read back from a spool, or None when the KB needs PyYAML itself.

    Only the end tells whether the KB holds text PyYAML writes differently (PlainYamlWriter.unsafe),
    so the pieces wait in a spool, in memory up to a few MB and then in a temporary file.
    """
    import tempfile

    from kettool.render.yaml_plain import PlainYamlWriter, Unsupported

    writer = PlainYamlWriter()
    spool = tempfile.SpooledTemporaryFile(_SPOOL_IN_MEMORY, "w+", encoding="utf-8", newline="")
    try:
        for piece in writer.document(sections):
            spool.write(piece)
    except Unsupported:
        writer.unsafe = True
    except BaseException:
        spool.close()
        raise
    if writer.unsafe:
        spool.close()
        return None
    spool.seek(0)
    return _read_back(spool)


def _read_back(spool: Any) -> Iterator[str]:
    with spool:
        while piece := spool.read(_READ_BACK):
            yield piece


def _in_memory(sections: list[tuple[str, Any]]) -> Iterator[str] | None:
    """PlainYamlWriter's document as a list of pieces, or None when the KB needs PyYAML itself."""
    from kettool.render.yaml_plain import PlainYamlWriter, Unsupported

    writer = PlainYamlWriter()
    try:
        written = list(writer.document(sections))
    except Unsupported:
        return None
    return None if writer.unsafe else iter(written)


def _pyyaml(answer: Answer, encoding: str) -> str:
    """The document through PyYAML itself, for a KB PlainYamlWriter leaves to it or a non-UTF-8 stream."""
    import yaml

    document = LAYOUTS[answer.kind](answer.data)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    if has_unsafe(text) or not encoding.startswith("utf"):
        # PyYAML writes bidi overrides and C1 controls raw, and a non-UTF-8 stream cannot take every
        # character: escaping all non-ASCII keeps the file loadable and a terminal safe.
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=False, width=100)
    return text
