"""Migration scripts; alembic skips this file when it loads revisions."""
