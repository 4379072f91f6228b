"""Shell completion of condition names, safety topics, study ids and drug names, from the KB the command line names."""

# No `from __future__ import annotations`: Typer reads these annotations to know which argument is the context.
from typing import Any, Optional

import typer

from kettool.cli.settings import env_flag, kb_settings


def _names(kind: str, ctx: Optional[typer.Context] = None) -> list[str]:
    import os

    from kettool.core.errors import KnowledgeBaseError
    from kettool.core.knowledge_base import load_knowledge_base

    # --kb and --kb-extend typed before the command win over the environment, as they do when it runs.
    root: dict[str, Any] = ctx.find_root().params if ctx is not None else {}
    kb_path = root.get("kb") or os.environ.get("KETTOOL_KB")
    extend = bool(root.get("kb_extend")) or env_flag("KETTOOL_KB_EXTEND")
    try:
        kb = load_knowledge_base(kb_settings(kb_path=kb_path, extend=extend))
    except KnowledgeBaseError:
        return []  # a broken KB gives no completions rather than an error in the shell
    if kind == "condition":
        return [c.id for c in kb.conditions]
    if kind == "topic":
        return [t.id for t in kb.safety.topics]
    if kind == "drug":
        return sorted(d.name for d in kb.drugs.names)
    return sorted(kb.studies)


def _matching(names: list[str], incomplete: str) -> list[str]:
    """Names that start with what has been typed, ignoring case as kettool's own lookups do."""
    typed = incomplete.casefold()
    # Typer keeps only completions that start with the text as typed, so the typed prefix is kept as
    # it is ("PT" completes to "PTsd", which kettool matches case-insensitively).
    return [incomplete + n[len(incomplete) :] for n in names if n.casefold().startswith(typed)]


def complete_conditions(ctx: typer.Context, incomplete: str) -> list[str]:
    """Condition ids that start with what has been typed."""
    return _matching(_names("condition", ctx), incomplete)


def complete_topics(ctx: typer.Context, incomplete: str) -> list[str]:
    """Safety topic ids that start with what has been typed."""
    return _matching(_names("topic", ctx), incomplete)


def complete_studies(ctx: typer.Context, incomplete: str) -> list[str]:
    """Study ids that start with what has been typed."""
    return _matching(_names("study", ctx), incomplete)


def complete_drugs(ctx: typer.Context, incomplete: str) -> list[str]:
    """Drug names (generic and brand) that start with what has been typed."""
    return _matching(_names("drug", ctx), incomplete)
