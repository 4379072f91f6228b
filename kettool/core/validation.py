"""Check a knowledge base and report every problem at once."""

from __future__ import annotations

from kettool.core.errors import KnowledgeBaseError, Problem
from kettool.core.kb_files import Layer
from kettool.core.record_base import Record


class ValidationReport(Record):
    """Whether a KB is valid, with its problems and warnings."""

    valid: bool
    files: int
    problems: tuple[Problem, ...]
    warnings: tuple[str, ...]


def validate_layers(layers: list[Layer]) -> ValidationReport:
    """Run every check the loader runs and collect the outcome."""
    from kettool.core.kb_checks import check_layers

    files = sum(len(layer.files) for layer in layers)
    try:
        checked = check_layers(layers)
    except KnowledgeBaseError as error:
        return ValidationReport(False, files, tuple(error.problems), ())
    return ValidationReport(True, files, (), checked.warnings)
