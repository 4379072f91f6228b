"""The search query language: words, "phrases", prefix*, OR, NOT and NEAR(...), turned into FTS5 syntax.

Words are joined by AND. Anything FTS5 would read as syntax by accident (hyphens, dots, slashes,
colons in "5-HT", a DOI or "NCT02655692:") is quoted, so that only the operators documented in
`kettool search --help` act as operators, and a malformed query is reported in words, not as an
SQLite error.
"""

from __future__ import annotations

import re

from kettool.core.record_base import Record

OPERATORS = ("AND", "OR", "NOT")
# Common words that would make an AND query fail for no reason ("drugs for depression").
STOPWORDS = frozenset("a an and are as at be by for from in is it of on or the to with".split())
# A bare word FTS5 accepts as it is: letters, digits, underscores and any non-ASCII character.
# One negated class: everything but ASCII punctuation, spaces and controls. (An alternation of the two
# overlapping classes backtracked exponentially on a long word that does not match, and a positive
# range up to U+10FFFF takes milliseconds to compile.)
WORD_CHARACTER = r"[^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"
# Compiled on first use (re caches them): most queries are plain words, read by str methods alone.
_BAREWORD = WORD_CHARACTER + "+"
_TOKEN = r'\s+|"[^"]*"?|\(|\)|,|[^\s"(),]+'
_WORDS = r"\w+"
_SYNTAX = frozenset('"(),')


class QuerySyntaxError(ValueError):
    """The query cannot be read; the message says what is wrong and how to write it."""


class Query(Record):
    """A parsed query: the FTS5 expression, its plain words, and whether it uses any operator."""

    match: str
    words: tuple[str, ...]
    plain: bool

    def any_word(self) -> str:
        """The same words joined by OR, for a best partial match when no passage holds them all."""
        return " OR ".join(_quote(w) for w in self.words)


def parse(text: str) -> Query:
    """Read a query as a person types it; raise QuerySyntaxError when it cannot be read."""
    if "\x00" in text:
        raise QuerySyntaxError("a query cannot hold a NUL character")
    # Fullwidth and other compatibility forms ("ＰＴＳＤ") read as the letters they show. ASCII is its own
    # NFKC form: most queries never load the unicodedata module.
    if not text.isascii():
        import unicodedata

        text = unicodedata.normalize("NFKC", text)
    if text.count('"') % 2:
        raise QuerySyntaxError('a quotation mark is not closed: write "exact phrase" with a quote at each end')
    if _SYNTAX.isdisjoint(text):  # words and spaces only: str.split and \s agree on what a space is
        tokens = text.split()
    else:
        tokens = [t for t in re.findall(_TOKEN, text) if not t.isspace()]
    # Common words are left out of a plain list of words only: in "(a OR b)" every word is an operand.
    keep_common = any(t in OPERATORS or t in ("(", ")", "NEAR") for t in tokens)
    parts: list[str] = []
    words: list[str] = []
    plain = True
    depth = 0
    expect_term = True  # at the start, after an operator or an opening parenthesis
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in OPERATORS:
            if expect_term:
                raise QuerySyntaxError(
                    f"{token} needs a word before it and after it, as in: ketamine {token} esketamine"
                )
            parts.append(token)
            plain, expect_term = False, True
        elif token == "NEAR" and i + 1 < len(tokens) and tokens[i + 1] == "(":
            near, i = _near(tokens, i + 2, words, keep_common)
            parts.append(near)
            plain, expect_term = False, False
        elif token == "(":
            parts.append(token)
            depth += 1
            plain, expect_term = False, True
        elif token == ")":
            if depth == 0 or expect_term:
                raise QuerySyntaxError("a closing parenthesis has no opening one, or encloses nothing")
            parts.append(token)
            depth -= 1
        elif token == ",":
            pass  # "ketamine, esketamine" is a list of words
        else:
            term = _term(token, words, keep_common)
            if term:
                parts.append(term)
                expect_term = False
            if not _is_word(token):
                plain = plain and not token.startswith('"') and not token.endswith("*")
        i += 1
    if depth:
        raise QuerySyntaxError("a parenthesis is not closed")
    if expect_term and parts:
        raise QuerySyntaxError(f"the query ends with {parts[-1]}, which needs a word after it")
    if not words:
        raise QuerySyntaxError("give at least one word to search for (common words such as 'the' are left out)")
    return Query(" ".join(parts), tuple(dict.fromkeys(words)), plain)


def _near(tokens: list[str], i: int, words: list[str], keep_common: bool) -> tuple[str, int]:
    """NEAR(word word ..., N) from the tokens after its opening parenthesis; returns it and the index of ')'."""
    terms: list[str] = []
    distance = ""
    while i < len(tokens) and tokens[i] != ")":
        token = tokens[i]
        if token == ",":
            if i + 1 >= len(tokens) or not tokens[i + 1].isdigit():
                raise QuerySyntaxError("NEAR takes a number after its comma: NEAR(ketamine bladder, 10)")
            distance = f", {int(tokens[i + 1])}"
            i += 2
            continue
        if token in OPERATORS or token in ("(", "NEAR"):
            raise QuerySyntaxError("NEAR(...) holds only words and phrases, then an optional comma and a number")
        term = _term(token, words, keep_common)
        if term:
            terms.append(term)
        i += 1
    if i >= len(tokens):
        raise QuerySyntaxError("NEAR( is not closed: NEAR(ketamine bladder, 10)")
    if len(terms) < 2:
        raise QuerySyntaxError("NEAR(...) needs at least two words or phrases: NEAR(ketamine bladder, 10)")
    return f"NEAR({' '.join(terms)}{distance})", i


def _term(token: str, words: list[str], keep_common: bool) -> str:
    """A word, prefix* or "phrase" as one FTS5 term ('' for a common word or bare symbols)."""
    if token.startswith('"'):
        phrase = token.strip('"')
        found = re.findall(_WORDS, phrase)
        if not found:
            raise QuerySyntaxError(f"the phrase {token} holds no word to look for")
        words.extend(w.lower() for w in found)
        return _quote(phrase)
    return _word(token, words, keep_common)


def _word(token: str, words: list[str], keep_common: bool) -> str:
    """One bare token as an FTS5 term: a prefix, a plain word, or a quoted phrase for words joined by symbols."""
    prefix = token.endswith("*")
    core = token.rstrip("*")
    whole = _is_word(core)  # one word of letters, digits and underscores: its own only word and a bare word
    found = [core] if whole else re.findall(_WORDS, core)
    if not found:
        return ""  # only symbols ("&", "-", "*"): nothing to look for
    if not keep_common and len(found) == 1 and found[0].lower() in STOPWORDS and not prefix:
        return ""
    words.extend(w.lower() for w in found)
    if prefix:
        # FTS5 takes a prefix on a bare word or a phrase: "5-HT*" becomes "5 HT"*.
        return f"{core}*" if whole or re.fullmatch(_BAREWORD, core) else f"{_quote(core)}*"
    return core if (whole or re.fullmatch(_BAREWORD, core)) and core != "NEAR" else _quote(core)


def _is_word(text: str) -> bool:
    """The same as a full match of \\w+ (letters, digits, underscores), without the pattern."""
    return text.replace("_", "a").isalnum()


def _quote(text: str) -> str:
    """A string FTS5 reads as one phrase (its tokenizer splits it into words)."""
    return '"' + text.replace('"', '""') + '"'
