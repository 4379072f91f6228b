"""Errors the core raises, each carrying where in the knowledge base it happened."""

from __future__ import annotations

from kettool.core.record_base import Record


class Problem(Record):
    """One problem found in a knowledge-base file, with its location (a Record: cheap to define)."""

    file: str
    message: str
    line: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" at {self.path}" if self.path else ""
        return f"{where}{field}: {self.message}"


class KnowledgeBaseError(Exception):
    """The knowledge base could not be loaded; holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class NotFoundError(LookupError):
    """A name did not match anything; carries the closest matches."""

    def __init__(self, kind: str, name: str, suggestions: list[str], hint: str, message: str | None = None):
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        self.hint = hint
        # What to say instead of "no KIND matches NAME", when the name matched but holds nothing to show.
        self.message = message or f"no {kind} matches {name!r}"
        super().__init__(self.message)
