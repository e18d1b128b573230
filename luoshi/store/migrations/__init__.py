"""Alembic migrations of the ledger, run programmatically by ``luoshi.store.migrate``."""
