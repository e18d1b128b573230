"""Bulk inserts of plain rows, straight to the database driver."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa


def insert_rows(
    conn: sa.Connection, table: sa.Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """One ``executemany`` of ``rows`` (tuples in ``columns`` order) into ``table``.

    Only for columns without type processing (integers, text): the driver gets
    the tuples as they are, where SQLAlchemy's per-row parameter handling would
    cost more than the database's insert (≈ 300 fact rows per document).
    """
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"  # sqlite3 / psycopg
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")
    conn.exec_driver_sql(sql, rows)
