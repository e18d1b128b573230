"""Alembic environment for the ledger.

Online: always handed an open connection by ``luoshi.store.migrate.upgrade``.
Offline (``sql=True``): renders the DDL for ``sqlalchemy.url``'s dialect, e.g. to
review what a PostgreSQL ledger will get. There is no alembic.ini and no logging
setup on purpose: the CLI owns stdout and stderr.
"""

from __future__ import annotations

from alembic import context

from luoshi.store.tables import metadata

# SQLite cannot ALTER most things; batch mode recreates tables there and is a
# plain ALTER on PostgreSQL, so one migration script serves both.
if context.is_offline_mode():
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
    )
else:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("luoshi migrations run through luoshi.store.migrate.upgrade()")
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)

with context.begin_transaction():
    context.run_migrations()
