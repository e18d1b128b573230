"""A query string → terms to match, and where they match in a text.

Query language: words separated by blanks must all match (AND); "a quoted
phrase" (straight or Chinese quotes) matches as written. Each word or phrase is
folded and tokenised like the index (see ``tokens``), so Traditional and
Simplified, full and half width, upper and lower case are the same, and a Chinese
word of two or more characters matches wherever those characters stand together.
A single Chinese character matches where it starts a two-character token or
stands alone. Anything that is not a letter, digit or Chinese character is a
separator: no query text ever reaches FTS5 or tsquery syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.search.tokens import HAN, Run, fold, run_tokens, runs


class QueryError(ValueError):
    """A query that cannot be searched (empty); the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Term:
    tokens: tuple[str, ...]  # consecutive index tokens
    prefix: bool  # a lone Chinese character: any token starting with it
    pattern: re.Pattern[str]  # where the term stands in a folded text


_CHUNK = re.compile(r'"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|(\S+)')
_SEP = r"[\W_]*"  # what may stand between two runs of a term in the text


def _run_pattern(run: Run) -> str:
    if run.cjk:
        return r"[ \t\u3000]*".join(map(re.escape, run.chars))
    # a word token matches whole words only, as in the index
    return rf"(?<![^\W_{HAN}]){re.escape(run.chars)}(?![^\W_{HAN}])"


def _term(text: str) -> Term | None:
    rs = list(runs(fold(text)))
    if not rs:
        return None
    toks = tuple(t for r in rs for t in run_tokens(r))
    prefix = len(rs) == 1 and rs[0].cjk and len(rs[0].chars) == 1
    return Term(toks, prefix, re.compile(_SEP.join(_run_pattern(r) for r in rs)))


def parse_query(q: str) -> list[Term]:
    """The terms of ``q`` (ANDed). Raises QueryError for a blank query.

    A query of separators only (``"*:-``) has no terms and matches nothing.
    """
    if not q or not q.strip():
        raise QueryError("empty query: give one or more words to search for")
    terms: list[Term] = []
    for m in _CHUNK.finditer(q):
        chunk = next(g for g in m.groups() if g is not None)
        term = _term(chunk)
        if term is not None and term not in terms:
            terms.append(term)
    return terms


def fts5_match(terms: list[Term]) -> str:
    """The FTS5 MATCH expression: each term a quoted phrase (tokens hold no quotes)."""
    return " AND ".join('"' + " ".join(t.tokens) + '"' + ("*" if t.prefix else "") for t in terms)


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(terms: list[Term]) -> str:
    """The same query as a tsquery literal: phrases with <->, ANDed with &."""
    parts = []
    for t in terms:
        if t.prefix:
            parts.append(_lexeme(t.tokens[0]) + ":*")
        else:
            parts.append("(" + " <-> ".join(map(_lexeme, t.tokens)) + ")")
    return " & ".join(parts)


def marks(text: str, terms: list[Term]) -> list[list[int]]:
    """[start, end) of every match of any term in ``text`` (sorted, not overlapping)."""
    folded = fold(text)
    found = sorted(
        (m.start(), m.end())
        for t in terms
        for m in t.pattern.finditer(folded)
        if m.end() > m.start()
    )
    out: list[list[int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


BEFORE = 30  # characters of context before the first match
LENGTH = 140  # characters in a snippet at most (without the ellipses)


def snippet(text: str, found: list[list[int]]) -> tuple[str, list[list[int]]]:
    """The text around the first matches, and the marks within it."""
    first = found[0][0] if found else 0
    start = max(0, first - BEFORE)
    end = min(len(text), start + LENGTH)
    start = max(0, min(start, end - LENGTH))
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shift = len(lead) - start
    inside = [
        [max(s, start) + shift, min(e, end) + shift] for s, e in found if s < end and e > start
    ]
    return lead + text[start:end].replace("\n", " ") + tail, inside
