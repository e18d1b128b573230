"""The ledger of documents: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from luoshi.store.ingest import IngestResult
from luoshi.store.ledger import Ledger
from luoshi.store.queries import DocumentSummary, LookupFailed, SourceSeen, StoredFact
from luoshi.store.url import DEFAULT_DB, ENV_VAR, display_url, resolve_db_url

__all__ = [
    "DEFAULT_DB",
    "ENV_VAR",
    "DocumentSummary",
    "IngestResult",
    "Ledger",
    "LookupFailed",
    "SourceSeen",
    "StoredFact",
    "display_url",
    "resolve_db_url",
]
