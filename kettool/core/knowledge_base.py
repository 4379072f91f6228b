"""Load the knowledge base through the cache, checking it fully whenever the cache cannot answer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kettool import __version__
from kettool.core.kb_cache import Cache, cache_key
from kettool.core.kb_files import Layer, bundled_layer, user_layer

if TYPE_CHECKING:  # the models and the search index are imported only when a command needs them
    from kettool.core.models import KnowledgeBase, Meta
    from kettool.core.search_index import SearchResult

KB_DOCUMENT = "kb.json"


class KbSettings(NamedTuple):
    """Which KB to load and where to cache it; filled in by the CLI from options and environment."""

    kb_path: Path | None = None
    extend: bool = False
    cache_dir: Path | None = None


def resolve_layers(settings: KbSettings) -> list[Layer]:
    """The layers a setting selects: the bundled KB, a user's KB, or the bundled KB extended by it."""
    if settings.kb_path is None:
        return [bundled_layer()]
    user = user_layer(settings.kb_path)
    return [bundled_layer(), user] if settings.extend else [user]


def open_cache(settings: KbSettings, layers: list[Layer]) -> Cache | None:
    """The cache entry for these layers, or None when caching is off."""
    if settings.cache_dir is None:
        return None
    try:
        return Cache(settings.cache_dir, cache_key(layers, __version__))
    except OSError:
        return None  # a file vanished between listing and stat: load without the cache


def load_knowledge_base(settings: KbSettings) -> KnowledgeBase:
    """Load, check and return the KB; raises KnowledgeBaseError with every problem found."""
    from kettool.core.models import KnowledgeBase

    layers = resolve_layers(settings)
    cache = open_cache(settings, layers)
    if cache is not None:
        cached = cache.read(KB_DOCUMENT)
        if cached is not None:
            try:
                return KnowledgeBase.from_data(cached["data"], tuple(cached["warnings"]))
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # damaged, or written by a different build: rebuild it below
    return _rebuild(layers, cache)


def search_knowledge_base(settings: KbSettings, query: str, limit: int) -> tuple[SearchResult, Meta]:
    """Search the KB through its cached index; a damaged or vanished index is rebuilt, never trusted."""
    from kettool.core.search_index import IndexDamaged, SearchIndex

    layers = resolve_layers(settings)
    cache = open_cache(settings, layers)
    if cache is not None:
        try:
            index = SearchIndex(cache.read)
            return index.search(query, limit), index.meta
        except IndexDamaged:
            pass  # not built yet for this KB, damaged, or replaced by another process mid-query
    index = SearchIndex(_build_index(settings, cache).get)
    return index.search(query, limit), index.meta


def _build_index(settings: KbSettings, cache: Cache | None) -> dict[str, Any]:
    """Build the search documents from the KB and add them to the cache entry."""
    from kettool.core.search_index import INDEX_META, build_index

    documents = build_index(load_knowledge_base(settings))
    if cache is not None:
        # The index meta goes last: a reader that finds it knows every shard is already in place.
        cache.add({name: doc for name, doc in documents.items() if name != INDEX_META})
        cache.add({INDEX_META: documents[INDEX_META]})
    return documents


def _rebuild(layers: list[Layer], cache: Cache | None) -> KnowledgeBase:
    """Check the KB from its YAML and cache the result."""
    from kettool.core.kb_checks import check_layers  # YAML parsing is only needed when the cache misses
    from kettool.core.models import KnowledgeBase

    checked = check_layers(layers)
    if cache is not None:
        cache.write({KB_DOCUMENT: {"data": checked.data, "warnings": list(checked.warnings)}})
    return KnowledgeBase.from_data(checked.data, checked.warnings)
