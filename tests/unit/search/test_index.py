"""Index upkeep: ingest indexes, the migration backfills, reindex is idempotent,
and PostgreSQL answers from the GIN index (the plan is shown in docs/search.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from backends import fresh_pg_database, pg_server_url, sqlite_url
from search_fixtures import CUSTOMS, NUCLEAR, fill, make_document

from luoshi.search import index_version, reindex, search
from luoshi.search.query import explain
from luoshi.search.tables import search_items
from luoshi.store import Ledger
from luoshi.store.migrate import downgrade, upgrade
from luoshi.store.tables import versions


def index_rows(ledger: Ledger) -> int:
    with ledger.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(search_items)).scalar_one()


def test_ingest_indexes_every_item_and_reindex_changes_nothing(tmp_path: Path) -> None:
    with Ledger.open(sqlite_url(tmp_path)) as ledger:
        fill(ledger)
        rows = index_rows(ledger)
        # latest versions only: simp v2 (3 items), trad (2), en (3); simp v1 is not indexed
        assert ledger.row_counts()["items"] == 10 and rows == 8
        assert reindex(ledger.engine) == 0
        assert reindex(ledger.engine, full=True) == 8
        assert index_rows(ledger) == rows
        with ledger.engine.connect() as conn:
            assert search(conn, "海关").total == 3


def test_indexing_an_older_version_keeps_the_latest(tmp_path: Path) -> None:
    with Ledger.open(sqlite_url(tmp_path)) as ledger:
        fill(ledger)
        with ledger.engine.begin() as conn:
            # version 1 of the one document that has a version 2
            twice = sa.select(versions.c.document_id).where(versions.c.version_no == 2)
            first = conn.execute(
                sa.select(versions.c.id).where(
                    versions.c.document_id.in_(twice), versions.c.version_no == 1
                )
            ).scalar_one()
            assert index_version(conn, first) == 0
        assert index_rows(ledger) == 8
        with ledger.engine.connect() as conn:
            assert [h.version for h in search(conn, "备忘录").hits] == [2]


def test_migration_backfills_a_ledger_written_before_search(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    with Ledger.open(url) as ledger:
        fill(ledger)
        downgrade(ledger.engine, "0004_search_ranges@-2")  # as a ledger without the index was
        with ledger.engine.connect() as conn:
            assert not sa.inspect(conn).has_table("search_items")
        upgrade(ledger.engine)
        assert index_rows(ledger) == 8
        with ledger.engine.connect() as conn:
            r = search(conn, "海關")
        assert r.total == 3 and {h.version for h in r.hits} == {1, 2}


def test_sqlite_plan_uses_the_fts5_index(tmp_path: Path) -> None:
    with Ledger.open(sqlite_url(tmp_path)) as ledger:
        fill(ledger)
        with ledger.engine.connect() as conn:
            plan = explain(conn, "海关")
    assert "VIRTUAL TABLE INDEX" in plan and "search_fts" in plan


def many_items(n: int) -> list[object]:
    words = ["灯笼", "气象", "海洋", "青年", "农业", "旅游", "教育", "体育", "卫生", "交通"]
    spec: list[object] = ["虚构大型成果清单"]
    for i in range(1, n + 1):
        word = "海关" if i % 100 == 0 else words[i % len(words)]
        line = f"{i}、双方同意在{word}领域开展第{i}次虚构合作。"
        spec.append((line, CUSTOMS if i % 2 else NUCLEAR, []))
    return spec


def test_postgresql_plan_uses_the_gin_index() -> None:
    with fresh_pg_database(pg_server_url()) as url, Ledger.open(url) as ledger:
        ledger.ingest(make_document(many_items(5000), "虚构/big.txt"), "/虚构/big.txt")
        # what autovacuum does after a bulk ingest: statistics, and the GIN
        # pending list merged into the index (until then the planner prices it high)
        auto = ledger.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        with auto as conn:
            conn.exec_driver_sql("VACUUM ANALYZE search_items")
        with ledger.engine.connect() as conn:
            plan = explain(conn, "海关")
            assert search(conn, "海关").total == 50
            assert search(conn, "关领").total == 50  # a bigram across word boundaries
    # the whole search statement: the matches among the first item ids come from
    # that range's partial GIN index (migration 0004_search_ranges), never a scan
    assert "Bitmap Index Scan on ix_search_items_tokens_r0" in plan, plan
    assert "Seq Scan on search_items" not in plan, plan


QUERIES: list[tuple[str, dict[str, str]]] = [
    ("海关", {}),
    ("核安", {}),
    ("customs", {}),
    ('"customs cooperation"', {}),
    ("海關總署", {}),
    ("海关", {"topic": "90.1"}),
    ("海关", {"actor": "xx-customs"}),
    ("核安", {"doc": "simp"}),
    ("海", {}),
    ("nothing-like-this", {}),
]


@pytest.mark.parametrize("cap", [1000, 2])
def test_both_backends_give_identical_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cap: int
) -> None:
    """Hits (order, marks, snippets), totals, facets and ``exact`` are the same on
    SQLite and PostgreSQL for the same ledger, also when the match cap applies."""
    monkeypatch.setattr("luoshi.search.query.MATCH_CAP", cap)
    answers = []
    with fresh_pg_database(pg_server_url()) as pg_url:
        for url in (sqlite_url(tmp_path), pg_url):
            with Ledger.open(url) as ledger, ledger.engine.connect() as conn:
                ids = fill(ledger)
                answers.append([
                    search(conn, q, **{k: ids.get(v, v) for k, v in kw.items()}).to_dict()
                    for q, kw in QUERIES
                ])
    sqlite, pg = answers
    # the test compares real answers: matches, the cap, actor facets with their names
    totals = [(a["total"], a["exact"]) for a in sqlite]
    assert totals == (
        [(3, True), (3, True), (2, True), (1, True), (2, True), (3, True), (2, True), (1, True),
         (3, True), (0, True)]
        if cap > 2
        else [(2, False), (2, False), (2, True), (1, True), (2, True), (2, False), (2, True),
              (1, True), (2, False), (0, True)]
    )
    assert sqlite[0]["facets"]["actor"][0]["label"] == "Fictional Customs Office"
    assert sqlite == pg


@pytest.mark.seeds
def test_seed_ledger_finds_two_character_words(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Ledger.open(sqlite_url(tmp_path)) as ledger:
        for prefix in ("000", "001", "002", "003", "004"):
            ledger.ingest(seed(prefix))
        with ledger.engine.connect() as conn:
            for q in ("海关", "核安"):
                r = search(conn, q)
                assert r.total > 0, q
                for hit in r.hits:
                    assert hit.marks, (q, hit.text)
                    s, e = hit.marks[0]
                    assert len(hit.text[s:e]) == 2


def test_deleting_a_version_takes_its_items_out_of_the_index(tmp_path: Path) -> None:
    with Ledger.open(sqlite_url(tmp_path)) as ledger:
        ids = fill(ledger)
        with ledger.engine.begin() as conn:
            assert search(conn, "customs").total == 2
            # foreign keys cascade: versions → items → search_items → (trigger) search_fts
            conn.execute(versions.delete().where(versions.c.document_id == ids["en"]))
        with ledger.engine.connect() as conn:
            assert search(conn, "customs").total == 0
            assert search(conn, "核安").total == 2
        assert index_rows(ledger) == 5
