"""Full-text search on SQLite FTS5: one index file per KB, built into its cache entry, read without the KB.

The index is one table of passages with BM25 column weights: the KB's own summaries and findings rank
above study records, and a study's identifiers and the drug names of a passage's drug classes are
searchable without being shown. Porter stemming with diacritics removed lets "vomit" find "vomiting"
and "Lopez" find "López".
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kettool.core.plain_data import compact_json, loads  # json's codec without the json package
from kettool.core.record_base import Record
from kettool.core.search_query import WORD_CHARACTER, Query, QuerySyntaxError, parse

INDEX_FILE = "search.sqlite"
# Bump when the tables or the tokenizer change: an index of another format is rebuilt, never read.
INDEX_FORMAT = "3"
TOKENIZER = "porter unicode61 remove_diacritics 2"
# Column -> BM25 weight. Study passages weigh less than the KB's own text about the same studies; a
# drug's name weighs more, because it stands in a long list of its class's names and is the entry
# a person asking about that drug is after.
COLUMNS = {"kb_text": 1.0, "study_text": 0.75, "identifiers": 0.5, "drug_names": 2.0}
HIDDEN = ("location", "path", "classes")  # stored with each passage, not searched
# A passage's path is stored as one string: ids and field names never hold this control character.
PATH_SEPARATOR = "\x1f"
_OPEN, _CLOSE = "\x01", "\x02"  # highlight markers; the KB's text never holds control characters
SUGGESTED_WORDS = 5
# A quoted phrase (left alone), or a word followed by *. The word is one character class, taken whole
# and only from its first letter: an alternation of overlapping classes backtracked exponentially on a
# long run of letters with no * after it (found by the argument fuzzer).
_PREFIX = rf'"(?:[^"]|"")*"\*?|(?<!{WORD_CHARACTER})({WORD_CHARACTER}++)\*'
_MARKED = "\x01([^\x02]*)\x02"
# Both are compiled where they are used, only by the queries that need them: compiling them costs more
# than the rest of a plain search's parsing (1.5 M instructions, callgrind).


class Hit(Record):
    """One ranked passage with the character spans of the matched words."""

    location: str
    path: tuple[str, ...]
    score: float
    passage: str
    spans: tuple[tuple[int, int], ...]
    via: tuple[str, ...] = ()


class SearchResult(Record):
    """The hits for a query, their total number, close words when nothing matched, and the engine used."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestions: tuple[str, ...]
    partial: bool = False
    engine: str = "fts5"


class IndexDamaged(ValueError):
    """The index file is missing, of another KB or format, or unreadable: it must be rebuilt."""


def fts5_available() -> bool:
    """Whether this Python's SQLite has the FTS5 module."""
    try:
        with sqlite3.connect(":memory:") as probe:
            probe.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.Error:
        return False
    return True


class IndexRow(Record):
    """One passage as stored: its searchable columns and its hidden ones."""

    kb_text: str
    study_text: str
    identifiers: str
    drug_names: str
    location: str
    path: str
    classes: str


def write_index(
    connection: sqlite3.Connection, rows: Iterable[tuple[str, ...]], key: str, meta: dict[str, Any]
) -> None:
    """Create the tables in an empty database and fill them with IndexRow fields (one transaction, no journal)."""
    columns = ", ".join([*COLUMNS, *(f"{name} UNINDEXED" for name in HIDDEN)])
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    with connection:
        connection.execute(f"CREATE VIRTUAL TABLE passages USING fts5({columns}, tokenize = '{TOKENIZER}')")
        connection.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(passages, 'row')")
        connection.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("format", INDEX_FORMAT), ("key", key), ("kb_meta", compact_json(meta))],
        )
        # Merge the index's segments once, so that every query reads one b-tree per term.
        connection.execute("INSERT INTO passages(passages) VALUES ('optimize')")


class SearchIndex:
    """Queries over an open index; raises IndexDamaged when the index cannot be read."""

    def __init__(self, connection: sqlite3.Connection, key: str):
        self.connection = connection
        try:
            found = dict(connection.execute("SELECT name, value FROM meta").fetchall())
            if found.get("format") != INDEX_FORMAT or found.get("key") != key:
                raise IndexDamaged("index of another KB or format")
            self.meta: dict[str, Any] = loads(found["kb_meta"])
        except (sqlite3.Error, KeyError, ValueError) as error:
            raise IndexDamaged(str(error)) from None

    @classmethod
    def open(cls, path: Path, key: str) -> SearchIndex:
        """Open an index file read-only (it is never changed once renamed into place)."""
        if not path.is_file():
            raise IndexDamaged("no index yet")
        try:
            connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        except (sqlite3.Error, OSError) as error:
            raise IndexDamaged(str(error)) from None
        return cls(connection, key)

    def search(self, text: str, limit: int = 10, drug_classes: dict[str, list[str]] | None = None) -> SearchResult:
        """Rank the passages matching a query; raises QuerySyntaxError for a query that cannot be read."""
        query = parse(text)
        try:
            query = query._replace(match=self._stemmed_prefixes(query.match))
            total = self._count(query.match)
            partial = False
            if total == 0 and query.plain and len(query.words) > 1:
                # No passage holds every word: show the best partial matches, as a person would expect.
                total, partial = self._count(query.any_word()), True
            match = query.any_word() if partial else query.match
            hits = tuple(self._hits(match, limit, query, drug_classes or {})) if total else ()
            suggestions = tuple(self._suggest(query)) if (total == 0 or partial) else ()
        except sqlite3.OperationalError as error:
            # The parser lets through only what FTS5 reads; anything left is still the query's fault.
            raise QuerySyntaxError(f"the query cannot be read ({error})") from None
        except sqlite3.DatabaseError as error:
            raise IndexDamaged(str(error)) from None
        return SearchResult(text, total, hits, suggestions, partial)

    def _stemmed_prefixes(self, match: str) -> str:
        """Let 'dissociat*' find 'dissociation', whose indexed stem 'dissoci' is shorter than the prefix."""
        if "*" not in match:
            return match  # no prefix term: the pattern below would leave every part as it is

        def widen(found: re.Match[str]) -> str:
            prefix = found.group(1)
            if prefix is None:
                return found.group()  # a quoted phrase: left as written
            folded = prefix.lower()
            # Porter removes a few letters at most, so a stem of a word with this prefix starts with its
            # first letters; look only there, and keep the stems the prefix itself starts with.
            start = folded[: max(3, len(folded) - 4)]
            stems = [
                term
                for (term,) in self.connection.execute(
                    "SELECT term FROM terms WHERE term >= ? AND term < ?", (start, start + "\U0010ffff")
                )
                if folded.startswith(term) and len(term) >= 3 and term != folded
            ]
            return f"({' OR '.join([found.group(), *stems])})" if stems else found.group()

        return re.sub(_PREFIX, widen, match)

    def _count(self, match: str) -> int:
        row = self.connection.execute("SELECT count(*) FROM passages WHERE passages MATCH ?", (match,)).fetchone()
        return int(row[0])

    def _hits(self, match: str, limit: int, query: Query, drug_classes: dict[str, list[str]]) -> Iterable[Hit]:
        weights = ", ".join(str(w) for w in (*COLUMNS.values(), *(0.0 for _ in HIDDEN)))
        sql = (
            f"SELECT location, path, classes, kb_text, study_text, -bm25(passages, {weights}), "
            f"highlight(passages, 0, ?, ?), highlight(passages, 1, ?, ?) "
            f"FROM passages WHERE passages MATCH ? ORDER BY bm25(passages, {weights}), rowid LIMIT ?"
        )
        markers = (_OPEN, _CLOSE, _OPEN, _CLOSE)
        for location, path, classes, kb_text, study_text, score, lit_kb, lit_study in self.connection.execute(
            sql, (*markers, match, limit)
        ):
            text, lit = (kb_text, lit_kb) if kb_text else (study_text, lit_study)
            spans = _spans(lit) if lit and len(lit) > len(text) else ()
            via = _via(query.words, classes.split(), drug_classes)
            yield Hit(location, tuple(path.split(PATH_SEPARATOR)), round(score, 3), text, spans, via)

    def _suggest(self, query: Query) -> list[str]:
        import difflib  # only needed when nothing matched

        known = [row[0] for row in self.connection.execute("SELECT term FROM terms ORDER BY doc DESC LIMIT 20000")]
        unknown = [w for w in query.words if not self._count(_phrase(w))][:SUGGESTED_WORDS]
        found: list[str] = []
        for word in unknown:
            for term in difflib.get_close_matches(word, known, n=3, cutoff=0.7):
                found.append(self._surface(term, word))
        return list(dict.fromkeys(w for w in found if w not in query.words))[:5]

    def _surface(self, term: str, typed: str) -> str:
        """The word as the KB writes it, closest to what was typed, for an index term (terms are stemmed)."""
        import difflib

        rows = self.connection.execute(
            "SELECT highlight(passages, 0, ?, ?) || ' ' || highlight(passages, 1, ?, ?) "
            "FROM passages WHERE passages MATCH ? LIMIT 20",
            (_OPEN, _CLOSE, _OPEN, _CLOSE, _phrase(term)),
        )
        words = {w.lower() for (lit,) in rows for w in re.findall(_MARKED, lit)}
        return max(words, key=lambda w: (difflib.SequenceMatcher(None, typed, w).ratio(), w), default=term)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _spans(lit: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the highlighted words in the text without its markers."""
    spans = []
    position = 0
    start = 0
    for char in lit:
        if char == _OPEN:
            start = position
        elif char == _CLOSE:
            spans.append((start, position))
        else:
            position += 1
    return tuple(spans)


def _via(words: tuple[str, ...], classes: list[str], drug_classes: dict[str, list[str]]) -> tuple[str, ...]:
    """How a drug name in the query reached a passage that names only its class: 'lorazepam: benzodiazepines'."""
    return tuple(f"{w}: {c}" for w in words for c in drug_classes.get(w, ()) if c in classes)


def validate_query(text: str) -> None:
    """Raise QuerySyntaxError now if the query cannot be read, before any index is built."""
    parse(text)


__all__ = ["Hit", "IndexDamaged", "QuerySyntaxError", "SearchIndex", "SearchResult", "write_index"]
