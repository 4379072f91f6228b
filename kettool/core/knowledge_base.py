"""Load the knowledge base through the cache, checking it fully whenever the cache cannot answer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kettool import __version__
from kettool.core.kb_cache import CACHE_FORMAT, Cache, cache_key
from kettool.core.kb_files import Layer, bundled_data_dir, kb_layer
from kettool.core.kb_identity import layer_roots
from kettool.core.record_base import Record

if TYPE_CHECKING:  # the models and the search index are imported only when a command needs them
    from kettool.core.models import KnowledgeBase
    from kettool.core.search_index import SearchResult

KB_DOCUMENT = "kb.json"
INDEX_FILE = "search.sqlite"  # kettool.core.search_index.INDEX_FILE, without importing sqlite3 here


class KbSettings(Record):
    """Which KB to load and where to cache it; filled in by the CLI from options and environment."""

    kb_path: Path | None = None
    extend: bool = False
    cache_dir: Path | None = None


def resolve_layers(settings: KbSettings) -> list[Layer]:
    """The layers a setting selects: the bundled KB, a user's KB, or the bundled KB extended by it."""
    user = None if settings.kb_path is None else str(settings.kb_path)
    return [kb_layer(name, Path(root)) for name, root in layer_roots(user, settings.extend)]


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
    from kettool.core import kb_parts
    from kettool.core.models import KnowledgeBase

    layers = resolve_layers(settings)
    cache = open_cache(settings, layers)
    if cache is not None:
        text = cache.read_bytes(KB_DOCUMENT)
        parts = None if text is None else kb_parts.parse(text, CACHE_FORMAT, cache.key)
        if parts is not None:
            return KnowledgeBase.from_parts(parts)
        # Missing, damaged, or written by a different build: rebuilt below.
    return _rebuild(layers, cache)


def search_knowledge_base(settings: KbSettings, query: str, limit: int) -> tuple[SearchResult, dict[str, Any]]:
    """Search the KB through its cached index; a missing or damaged index is rebuilt, never trusted.

    Returns the result and the KB facts stored with the index (version, review date, drug names).
    Raises QuerySyntaxError for a query that cannot be read, before any index is built.
    """
    from kettool.core.search_index import IndexDamaged, SearchIndex, validate_query

    validate_query(query)
    layers = resolve_layers(settings)
    cache = open_cache(settings, layers)
    if cache is not None:
        try:
            index = SearchIndex.open(cache.folder / INDEX_FILE, cache.key)
            return index.search(query, limit, index.meta.get("drug_classes")), index.meta
        except IndexDamaged:
            pass  # not built yet for this KB, damaged, or of another format
    return _search_fresh(settings, cache, layers, query, limit)


def _search_fresh(
    settings: KbSettings, cache: Cache | None, layers: list[Layer], query: str, limit: int
) -> tuple[SearchResult, dict[str, Any]]:
    """Build the index (into the cache when it can be written) and search it; scan when FTS5 is missing."""
    from kettool.core import search_build
    from kettool.core.search_index import IndexDamaged, SearchIndex, fts5_available

    kb = load_knowledge_base(settings)
    meta = search_build.kb_meta(kb)
    if not fts5_available():
        from kettool.core.search_scan import scan

        return scan(kb, query, limit), meta
    key = cache.key if cache is not None else cache_key(layers, __version__)
    if cache is not None and cache.folder.is_dir() and search_build.build_into(cache.folder, kb, key):
        try:
            index = SearchIndex.open(cache.folder / INDEX_FILE, key)
            return index.search(query, limit, meta["drug_classes"]), meta
        except IndexDamaged:
            pass  # replaced or pruned by another process just now: answer from memory
    index = search_build.build_in_memory(kb, key)
    return index.search(query, limit, meta["drug_classes"]), meta


def _rebuild(layers: list[Layer], cache: Cache | None) -> KnowledgeBase:
    """Check the KB from its YAML and cache the result."""
    from kettool.core import kb_parts
    from kettool.core.kb_checks import check_layers  # YAML parsing is only needed when the cache misses
    from kettool.core.models import KnowledgeBase

    parsed = None
    if cache is not None:
        from kettool.core.kb_cache import ParsedFiles
        from kettool.core.kb_checks import SCHEMA_FILE

        files = [(str(path), stat) for layer in layers for path, stat in _with_stats(layer)]
        parsed = ParsedFiles(cache, files, __version__, str(bundled_data_dir() / SCHEMA_FILE))
    try:
        body = kb_parts.Body()  # the records of files read by workers are encoded into it as they arrive
        checked = check_layers(layers, parsed, body)
        data, warnings, placed = checked.data, checked.warnings, checked.placed
        del checked  # and with it every file's own copy: encode() lets go of each record once encoded
        key = "" if cache is None else cache.key
        encoded = kb_parts.encode(data, warnings, CACHE_FORMAT, key, consume=True, body=body, placed=placed)
        if cache is not None and parsed is not None:
            cache.write({KB_DOCUMENT: encoded.chunks()}, parsed.documents)
    finally:
        if parsed is not None:
            parsed.close()
    return KnowledgeBase.from_parts(encoded.parts())


def _with_stats(layer: Layer) -> list[tuple[str | Path, Any]]:
    """A layer's files with the stats taken when they were listed (None where there are none)."""
    stats = layer.stats if len(layer.stats) == len(layer.files) else (None,) * len(layer.files)
    return list(zip(layer.files, stats, strict=True))
