"""The --audience option of the pages written for patients as well as clinicians (condition, safety, sheet)."""

# No `from __future__ import annotations`: Typer would have to evaluate every string annotation.
# Apart from options.py so that the commands without it (search above all) do not define its enum.
from enum import Enum
from typing import Annotated

import typer


class Audience(str, Enum):
    """Who a page is written for."""

    CLINICIAN = "clinician"
    PATIENT = "patient"


AudienceOption = Annotated[
    Audience,
    typer.Option(
        "--audience",
        case_sensitive=False,
        help="clinician (the full evidence) or patient (plain language for patients and carers).",
    ),
]
