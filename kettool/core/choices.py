"""The choices the command line offers (study orders, designs, drugs), apart so that parsing imports nothing heavy."""

from enum import Enum


class StudySort(str, Enum):
    """Orders for study lists."""

    YEAR = "year"
    N = "n"
    AUTHOR = "author"


# Checked against the DesignType enum by a test; spelled out here so parsing needs no models.
DESIGNS = [
    "case-series",
    "crossover-rct",
    "label",
    "meta-analysis",
    "observational",
    "open-label",
    "pharmacokinetic",
    "preclinical",
    "rct",
    "regulatory",
    "review",
    "secondary-analysis",
    "systematic-review",
]
DRUGS = ["racemic-ketamine", "esketamine", "arketamine", "ketamine-metabolite"]
