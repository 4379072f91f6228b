"""Shell completion of condition names, safety topics and study ids."""

from __future__ import annotations

from kettool.cli.settings import env_flag, kb_settings


def _names(kind: str) -> list[str]:
    import os

    from kettool.core.errors import KnowledgeBaseError
    from kettool.core.knowledge_base import load_knowledge_base

    kb_path = os.environ.get("KETTOOL_KB")
    try:
        kb = load_knowledge_base(kb_settings(kb_path=kb_path, extend=env_flag("KETTOOL_KB_EXTEND")))
    except KnowledgeBaseError:
        return []  # a broken KB gives no completions rather than an error in the shell
    if kind == "condition":
        return [c.id for c in kb.conditions]
    if kind == "topic":
        return [t.id for t in kb.safety.topics]
    return sorted(kb.studies)


def complete_conditions(incomplete: str) -> list[str]:
    """Condition ids that start with what has been typed."""
    return [n for n in _names("condition") if n.startswith(incomplete.casefold())]


def complete_topics(incomplete: str) -> list[str]:
    """Safety topic ids that start with what has been typed."""
    return [n for n in _names("topic") if n.startswith(incomplete.casefold())]


def complete_studies(incomplete: str) -> list[str]:
    """Study ids that start with what has been typed."""
    return [n for n in _names("study") if n.startswith(incomplete.casefold())]
