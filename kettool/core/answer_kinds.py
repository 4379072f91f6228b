"""The kinds of answer kettool gives, kept apart so that the command line can name them cheaply."""

from enum import Enum


class Kind(str, Enum):
    """The kinds of answer kettool gives; also the `kind` field of JSON output."""

    CONDITIONS = "conditions"
    CONDITION = "condition"
    MECHANISM = "mechanism"
    SAFETY = "safety"
    SAFETY_TOPIC = "safety_topic"
    OVERVIEW = "overview"
    SEARCH = "search"
    STUDIES = "studies"
    STUDY = "study"
    COMPARE = "compare"
    WHY = "why"
    EXPORT = "export"
    VALIDATION = "validation"
