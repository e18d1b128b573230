"""The link migrations (0003_links, 0004_occurrence_states) create exactly the
tables luoshi.store.links describes."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from luoshi.store import Ledger, links
from luoshi.store.migrate import downgrade, offline_sql
from luoshi.store.tables import metadata

MINE = {t.name for t in (*links.DERIVED, links.overrides, links.link_state)}


def _table_of(diff: tuple) -> str | None:
    """The table a compare_metadata entry is about (tables, indexes, columns)."""
    obj = diff[1]
    if isinstance(obj, sa.Table):
        return str(obj.name)
    table = getattr(obj, "table", None)
    if table is not None:
        return str(table.name)
    return diff[2] if len(diff) > 2 and isinstance(diff[2], str) else None


def test_migration_matches_table_definitions(tmp_path: Path) -> None:
    with Ledger.open(f"sqlite:///{tmp_path / 'l.db'}") as ledger, ledger.engine.connect() as c:
        diffs = compare_metadata(MigrationContext.configure(c), metadata)
    flat = [d for group in diffs for d in (group if isinstance(group, list) else [group])]
    assert [d for d in flat if _table_of(d) in MINE] == []


def test_branch_downgrades_and_renders_for_postgresql(tmp_path: Path) -> None:
    ddl = offline_sql("postgresql://luoshi@localhost/luoshi")
    for name in MINE:
        assert f"CREATE TABLE {name}" in ddl
    with Ledger.open(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        downgrade(ledger.engine, "links@0002")
        with ledger.engine.connect() as c:
            names = set(c.dialect.get_table_names(c))
        assert not names & MINE and "versions" in names


def test_occurrence_states_upgrade_drops_derived_rows_and_keeps_overrides(
    tmp_path: Path,
) -> None:
    from luoshi.store.migrate import upgrade

    with Ledger.open(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        downgrade(ledger.engine, "0003_links")  # a ledger linked before 0004_occurrence_states
        with ledger.engine.begin() as c:
            c.exec_driver_sql("INSERT INTO series_states VALUES ('s1', '2031-05-01', '{}')")
            c.exec_driver_sql(
                "INSERT INTO link_state VALUES ('fingerprint', 'abc'), ('rules', 'r'), "
                "('epochs', '[\"2031-05-01\"]')"
            )
            c.exec_driver_sql(
                "INSERT INTO overrides (commitment_id, status, note, author, created_at) "
                "VALUES ('c1', 'fulfilled', 'seen', 'analyst', '2031-06-01 00:00:00')"
            )
        upgrade(ledger.engine)
        with ledger.engine.connect() as c:
            names = set(c.dialect.get_table_names(c))
            state = dict(c.exec_driver_sql("SELECT key, value FROM link_state").all())
            kept = c.exec_driver_sql("SELECT commitment_id, note FROM overrides").all()
            rows = c.exec_driver_sql("SELECT count(*) FROM occurrence_states").scalar()
    assert "series_states" not in names and rows == 0
    assert "fingerprint" not in state and "epochs" in state  # the next link is a full one
    assert [tuple(r) for r in kept] == [("c1", "seen")]


def test_commitment_items_index_is_added_without_touching_rows(tmp_path: Path) -> None:
    from luoshi.store.migrate import upgrade

    with Ledger.open(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        downgrade(ledger.engine, "0004_occurrence_states")
        with ledger.engine.begin() as c:
            c.exec_driver_sql(
                "INSERT INTO commitments (id, document_id, version_id, item_seq, seq, "
                "span_start, span_end, text, parties, status) "
                "VALUES ('c1', 'd1', 7, 3, 0, 0, 4, '双方决定', '[]', 'pending')"
            )
            c.exec_driver_sql("INSERT INTO link_state VALUES ('fingerprint', 'abc')")
        upgrade(ledger.engine)
        with ledger.engine.connect() as c:
            indexes = {i["name"] for i in sa.inspect(c).get_indexes("commitments")}
            rows = c.exec_driver_sql("SELECT id, status FROM commitments").all()
            state = dict(c.exec_driver_sql("SELECT key, value FROM link_state").all())
            plan = " ".join(str(r[-1]) for r in c.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT status FROM commitments "
                "WHERE version_id = 7 AND item_seq = 3").all())
    assert "ix_commitments_version_id_item_seq" in indexes
    assert [tuple(r) for r in rows] == [("c1", "pending")]
    assert state == {"fingerprint": "abc"}  # nothing to recompute
    assert "ix_commitments_version_id_item_seq" in plan
