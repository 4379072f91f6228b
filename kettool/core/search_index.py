"""Full-text search: a sharded inverted index built once per KB and queried without loading the KB."""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable
from typing import Any, NamedTuple

from kettool.core.model_walk import passages
from kettool.core.models import KnowledgeBase, Meta

# Shards keep a query's reads proportional to the words it asks for, not to the size of the KB.
MIN_TERM_SHARDS = 64
# More shards for bigger KBs, so that the shard a query term lives in stays small to read.
POSTINGS_PER_SHARD = 2000
# Small passage shards: a query reads the texts of its best hits only, often one shard each.
PASSAGES_PER_SHARD = 64
INDEX_META = "search-meta.json"
VOCABULARY = "search-vocabulary.json"
STUDY_WEIGHT = 0.75
STOPWORDS = frozenset("a an and are as at be by for from in is it of on or the to with".split())
_WORD = re.compile(r"[0-9a-z]+")
_K1, _B = 1.2, 0.75
# Spelling suggestions are looked for among the first few unknown words only.
SUGGESTED_WORDS = 5


def fold(text: str) -> tuple[str, list[int]]:
    """Lower-case, accent-free text and, for each of its characters, the index in the original."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        if char.isascii():
            folded = char.lower()
        else:
            base = unicodedata.normalize("NFKD", char.casefold())
            folded = "".join(c for c in base if not unicodedata.combining(c))
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def stem(word: str) -> str:
    """A light plural fold so that 'pressures' finds 'pressure'."""
    if len(word) > 3 and word[-1] == "s" and word[-2] != "s":
        return word[:-1]
    return word


def fold_text(text: str) -> str:
    """Lower-case, accent-free text, without the position map (the fast path for indexing)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(text: str) -> list[str]:
    """Searchable terms of a text: folded, stemmed words without stopwords."""
    return [stem(w) for w in _WORD.findall(fold_text(text)) if w not in STOPWORDS]


def token_shard(term: str, shards: int = MIN_TERM_SHARDS) -> str:
    """The index document that holds a term's postings, for an index of `shards` term shards."""
    return f"search-terms-{zlib.crc32(term.encode()) % shards:05d}.json"


def passage_shard(passage_id: int) -> str:
    """The document that holds a passage's text."""
    return f"search-passages-{passage_id // PASSAGES_PER_SHARD:06d}.json"


def build_index(kb: KnowledgeBase) -> dict[str, Any]:
    """All search documents for a KB, ready to be cached: meta, term shards, passage shards, vocabulary."""
    docs: dict[str, Any] = {}
    postings: dict[str, list[list[int]]] = {}
    total_length = 0
    count = 0
    first_study = None
    for pid, passage in enumerate(passages(kb)):
        count += 1
        if first_study is None and passage.path[0] == "study":
            first_study = pid
        shard = docs.setdefault(passage_shard(pid), {"shard": passage_shard(pid), "passages": []})
        shard["passages"].append([passage.location, list(passage.path), passage.text])
        words = terms(passage.text)
        length = len(words)
        total_length += length
        for term, tf in Counter(words).items():
            plist = postings.get(term)
            if plist is None:
                postings[term] = plist = []
            plist.append([pid, tf, length])
    # Each shard names itself, so a readable document of the wrong shape is caught, not read as "no match".
    total = sum(len(plist) for plist in postings.values())
    shards = MIN_TERM_SHARDS
    while total / shards > POSTINGS_PER_SHARD:
        shards *= 2
    for shard in range(shards):
        name = f"search-terms-{shard:05d}.json"
        docs[name] = {"shard": name, "terms": {}}
    for term, plist in postings.items():
        docs[token_shard(term, shards)]["terms"][term] = plist
    docs[INDEX_META] = {
        "passages": count,
        "first_study": count if first_study is None else first_study,
        "term_shards": shards,
        "average_length": total_length / max(count, 1),
        "meta": {
            "version": kb.meta.version,
            "reviewed": kb.meta.reviewed,
            "scope": kb.meta.scope,
            "disclaimer": kb.meta.disclaimer,
        },
    }
    docs[VOCABULARY] = {"shard": VOCABULARY, "terms": sorted(postings, key=lambda t: -len(postings[t]))}
    return docs


class Hit(NamedTuple):
    """One ranked passage with the character spans of the matched words."""

    location: str
    path: tuple[str, ...]
    score: float
    passage: str
    spans: tuple[tuple[int, int], ...]


class SearchResult(NamedTuple):
    """The hits for a query, their total number, and close terms when nothing matched."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestions: tuple[str, ...]
    partial: bool = False


class IndexDamaged(ValueError):
    """An index document is missing or malformed: the index must be rebuilt."""


class SearchIndex:
    """Reads index documents on demand through `fetch(name)`; raises IndexDamaged on any bad document."""

    def __init__(self, fetch: Callable[[str], Any]):
        self._fetch = fetch
        info = self._fetch(INDEX_META)
        if not isinstance(info, dict):
            raise IndexDamaged(INDEX_META)
        try:
            self.passages = int(info["passages"])
            self.first_study = int(info["first_study"])
            self.term_shards = int(info["term_shards"])
            self.average_length = float(info["average_length"]) or 1.0
            self.meta = Meta(**info["meta"])
        except (KeyError, TypeError, ValueError):
            raise IndexDamaged(INDEX_META) from None

    def fetch(self, name: str, part: str, kind: type) -> Any:
        """One part of a shard; a missing or misshapen shard means the entry changed or was damaged."""
        value = self._fetch(name)
        if not isinstance(value, dict) or value.get("shard") != name or not isinstance(value.get(part), kind):
            raise IndexDamaged(name)
        return value[part]

    def search(self, query: str, limit: int = 10) -> SearchResult:
        """Rank passages holding every query term (or, failing that, any), best first."""
        wanted = list(dict.fromkeys(terms(query)))
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        found: set[str] = set()
        for term in wanted:
            plist = self.fetch(token_shard(term, self.term_shards), "terms", dict).get(term, [])
            if plist:
                found.add(term)
            idf = math.log(1 + (self.passages - len(plist) + 0.5) / (len(plist) + 0.5))
            try:
                postings = [(int(pid), int(tf), int(length)) for pid, tf, length in plist]
            except (TypeError, ValueError):
                raise IndexDamaged(token_shard(term, self.term_shards)) from None
            for pid, tf, length in postings:
                norm = tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length / self.average_length))
                # Study records come after the KB's own summaries of them: rank them a little lower.
                weight = STUDY_WEIGHT if pid >= self.first_study else 1.0
                scores[pid] = scores.get(pid, 0.0) + idf * norm * weight
                matched[pid] = matched.get(pid, 0) + 1
        if not scores:
            return SearchResult(query, 0, (), tuple(self._suggest(wanted)))
        complete = [pid for pid in scores if matched[pid] == len(wanted)]
        pool = complete or list(scores)
        # No passage holds every word: show the best partial matches and suggest spellings for the rest.
        suggestions = () if complete else tuple(self._suggest([t for t in wanted if t not in found]))
        # Ties break on passage order, which puts conditions before studies.
        ranked = heapq.nsmallest(limit * 2, pool, key=lambda pid: (-scores[pid], pid))
        hits = [self._hit(pid, scores[pid], query, wanted) for pid in ranked]
        hits.sort(key=lambda h: -h.score)
        return SearchResult(query, len(pool), tuple(hits[:limit]), suggestions, partial=not complete)

    def _hit(self, pid: int, score: float, query: str, wanted: list[str]) -> Hit:
        try:
            location, path, text = self.fetch(passage_shard(pid), "passages", list)[pid % PASSAGES_PER_SHARD]
            if not (isinstance(location, str) and isinstance(path, list) and isinstance(text, str)):
                raise TypeError
        except (IndexError, TypeError, ValueError):
            raise IndexDamaged(passage_shard(pid)) from None
        folded, origin = fold(text)
        phrase = " ".join(_WORD.findall(fold_text(query)))
        if phrase and phrase in folded:
            score *= 1.5  # the words appear together, as typed
        spans = []
        for match in _WORD.finditer(folded):
            if stem(match.group()) in wanted:
                spans.append((origin[match.start()], origin[match.end() - 1] + 1))
        return Hit(location, tuple(path), round(score, 3), text, tuple(spans))

    def _suggest(self, wanted: list[str]) -> list[str]:
        import difflib  # only needed when nothing matched

        vocabulary = [w for w in self.fetch(VOCABULARY, "terms", list)[:20000] if isinstance(w, str)]
        found: list[str] = []
        # A few words are enough to suggest spellings; a thousand unknown words must not cost seconds.
        for term in wanted[:SUGGESTED_WORDS]:
            found.extend(difflib.get_close_matches(term, vocabulary, n=3, cutoff=0.75))
        return list(dict.fromkeys(found))[:5]
