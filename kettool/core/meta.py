"""The knowledge base's own facts (version, review date, disclaimer, crisis services), in a module of their own.

Every answer carries them; a search answer, which reads only its index, needs nothing else from the
models, so they live apart where importing them costs almost nothing.
"""

from __future__ import annotations

from kettool.core.record_base import Record


class CrisisResource(Record):
    """A crisis service, with where its details were read."""

    region: str
    service: str
    contact: str
    official_page: str
    checked: bool
    sources: tuple[str, ...] = ()


class Meta(Record):
    """Version, review date, scope and disclaimer of the knowledge base, and the crisis services it shows."""

    version: str
    reviewed: str
    scope: str
    disclaimer: str
    crisis_resources: tuple[CrisisResource, ...] = ()
