"""Full-text search over the ledger's items (Chinese and English).

Items are indexed as a string of tokens: the text folded (Traditional →
Simplified, full width → ASCII, lower case), each run of Chinese characters cut
into overlapping two-character tokens, Latin words and numbers kept whole.
SQLite searches that string with FTS5 (``unicode61``), PostgreSQL as a
``tsvector`` with a GIN index; queries are cut the same way and matched as
phrases, so a two-character word matches inside a longer one (海关 in 海关总署)
on both. See docs/search.md.

The names below are the contract other packages use (web app, benchmarks).
"""

from luoshi.search.index import index_version, reindex
from luoshi.search.query import QueryError, search
from luoshi.search.results import Facet, Hit, SearchResult

__all__ = [
    "Facet",
    "Hit",
    "QueryError",
    "SearchResult",
    "index_version",
    "reindex",
    "search",
]
