"""Small enums the command line offers as choices, kept apart so that parsing imports nothing heavy."""

from enum import Enum


class StudySort(str, Enum):
    """Orders for study lists."""

    YEAR = "year"
    N = "n"
    AUTHOR = "author"
