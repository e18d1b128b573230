"""Migration 0002 on a ledger that luoshi 0001 filled: nothing lost, facts backfilled.

The "old" ledger is built as the 0001 code wrote it: migrated to revision 0001
only, rows inserted into the tables as reflected from that database (no facts
table, no topic columns), the record stored in ``versions.parsed`` as the
serializer made it. Runs on SQLite and, when LUOSHI_TEST_PG_URL names a
PostgreSQL server, on a fresh database there (the ``ledger_url`` fixture).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from ledger_fixtures import TEXT_FACTS, TEXT_OTHER, make_doc, make_doc_with_facts

from luoshi.model import Document
from luoshi.serialize import document_to_dict
from luoshi.store import Ledger
from luoshi.store.migrate import current_revisions, downgrade, head_revisions, upgrade
from luoshi.store.packed import unpack_json, unpack_text
from luoshi.store.url import make_engine

OLD_TABLES = ("documents", "versions", "sources", "items", "defects")
NEW_ITEM_COLUMNS = ("topic_code", "topic_label")
# Derived columns of facts compared between a backfilled and a freshly written ledger
# (``text`` and ``data`` too while they exist: 0004_compact reads them from the record)
FACT_COLUMNS = (
    "item_seq", "item_number", "kind", "seq", "span_start", "span_end", "ref_id",
    "label", "ordinal", "date_start", "date_end", "anchor",
)  # fmt: skip
# Copies that 0004_compact drops (the record holds them; test_migration_0004 checks that)
DROPPED = {"items": {"normalized"}, "facts": {"text", "data"}}


@pytest.fixture
def old_url(ledger_url: str) -> str:
    """An empty database on either backend, for a ledger as luoshi 0001 left it."""
    return ledger_url


def ingest_like_0001(engine: sa.Engine, doc: Document, location: str, doc_id: str,
                     version_no: int = 1) -> None:  # fmt: skip
    """What the 0001 ledger wrote for one new document or version (no facts rows)."""
    record = document_to_dict(doc)
    meta = sa.MetaData()
    meta.reflect(engine)
    assert "facts" not in meta.tables
    t = meta.tables
    ts = datetime(2031, 4, 3, 8, 0, tzinfo=UTC)
    with engine.begin() as conn:
        if version_no == 1:
            conn.execute(t["documents"].insert().values(id=doc_id, created_at=ts))
        version_id = conn.execute(
            t["versions"].insert().values(
                document_id=doc_id, version_no=version_no, sha256=record["source"]["sha256"],
                original=doc.text, parsed=record, schema_version="1", parser_version="0.1.0",
                title=record["title"], kind=record["kind"], published=None,
                mechanism=record["meeting"]["mechanism"], round=record["meeting"]["round"],
                meeting_start=record["meeting"]["start"], meeting_end=record["meeting"]["end"],
                item_count=len(record["items"]), defect_count=len(record["defects"]),
                ingested_at=ts,
            )
        ).inserted_primary_key[0]  # fmt: skip
        conn.execute(
            t["sources"].insert().values(
                version_id=version_id, location=location, sha256=record["source"]["sha256"],
                format="text", size=record["source"]["size"], first_seen=ts, last_seen=ts,
            )
        )  # fmt: skip
        conn.execute(
            t["items"].insert(),
            [
                {"version_id": version_id, "seq": seq, "number": it["number"],
                 "label": it["label"], "section": it["section"], "title": it["title"],
                 "text": it["text"], "normalized": it["normalized"],
                 "span_start": it["span"][0], "span_end": it["span"][1]}
                for seq, it in enumerate(record["items"])
            ],
        )  # fmt: skip
        conn.execute(
            t["defects"].insert(),
            [
                {"version_id": version_id, "seq": seq, "kind": d["kind"], "detail": d["detail"],
                 "span_start": None, "span_end": None}
                for seq, d in enumerate(record["defects"])
            ],
        )  # fmt: skip


# a second version: same items, shifted by a revised title, so every span moves
TEXT_FACTS_V2 = TEXT_FACTS.replace("成果清单", "成果清单（修订稿）", 1)


def old_documents() -> list[tuple[Document, str, str, int]]:
    """(document, location, id, version) as a 0001 ledger held them."""
    return [
        (make_doc_with_facts(), "/docs/facts.txt", "d0000000001", 1),
        (make_doc_with_facts(TEXT_FACTS_V2), "/docs/facts.txt", "d0000000001", 2),
        (make_doc(TEXT_OTHER), "/docs/other.txt", "d0000000002", 1),  # parsed without facts
    ]


def build_old_ledger(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine, "0001")
        assert current_revisions(engine) == {"0001"}
        for doc, location, doc_id, version_no in old_documents():
            ingest_like_0001(engine, doc, location, doc_id, version_no)
    finally:
        engine.dispose()


def _plain(column: str, value: object) -> object:
    """A value as stored before 0004_compact compressed the record and the original."""
    if isinstance(value, bytes | memoryview):
        return unpack_json(bytes(value)) if column == "parsed" else unpack_text(bytes(value))
    return value


def dump(engine: sa.Engine, tables: tuple[str, ...] = OLD_TABLES) -> dict[str, list[dict]]:
    """Every row of ``tables``, 0001 columns by name, in primary key order."""
    meta = sa.MetaData()
    meta.reflect(engine, only=list(tables))
    out: dict[str, list[dict]] = {}
    with engine.connect() as conn:
        for name in tables:
            table = meta.tables[name]
            skip = {*NEW_ITEM_COLUMNS, *DROPPED.get(name, ())}
            cols = [c for c in table.c if c.name not in skip]
            rows = conn.execute(sa.select(*cols).order_by(*table.primary_key)).mappings()
            out[name] = [{k: _plain(k, v) for k, v in r.items()} for r in rows]
    return out


def derived_rows(ledger: Ledger) -> tuple[list[tuple], list[tuple]]:
    """Facts and item topics keyed by content (sha256), not by ledger-specific ids."""
    meta = sa.MetaData()
    meta.reflect(ledger.engine, only=["versions", "items", "facts"])
    v, i, f = meta.tables["versions"], meta.tables["items"], meta.tables["facts"]
    with ledger.engine.connect() as conn:
        facts = conn.execute(
            sa.select(v.c.sha256, *(f.c[c] for c in FACT_COLUMNS))
            .select_from(f.join(v, f.c.version_id == v.c.id))
            .order_by(v.c.sha256, f.c.item_seq, f.c.id)
        ).all()
        topics = conn.execute(
            sa.select(v.c.sha256, i.c.seq, i.c.topic_code, i.c.topic_label)
            .select_from(i.join(v, i.c.version_id == v.c.id))
            .order_by(v.c.sha256, i.c.seq)
        ).all()
    return [tuple(r) for r in facts], [tuple(r) for r in topics]


def test_upgrade_keeps_every_row_and_backfills_facts(old_url: str, tmp_path: Path) -> None:
    build_old_ledger(old_url)
    engine = make_engine(old_url)
    before = dump(engine)
    records_before = list(Ledger(engine).records(all_versions=True))
    engine.dispose()
    assert [len(before[t]) for t in OLD_TABLES] == [2, 3, 3, 5, 3]

    with Ledger.open(old_url) as ledger:  # what every luoshi command does first
        assert current_revisions(ledger.engine) == head_revisions()
        assert dump(ledger.engine) == before
        assert list(ledger.records(all_versions=True)) == records_before
        backfilled = derived_rows(ledger)
        assert [s.versions for s in ledger.documents()] == [2, 1]

    # the same documents ingested by today's code give the same derived rows
    with Ledger.open(f"sqlite:///{tmp_path / 'fresh.db'}") as fresh:
        for doc, location, _id, _no in old_documents():
            fresh.ingest(doc, location)
        assert backfilled == derived_rows(fresh)
    facts, topics = backfilled
    assert len(facts) == 2 * 11  # two versions with facts, none for the other document
    assert ("23.1", "Culture and people-to-people exchange") in {t[2:] for t in topics}


def test_upgraded_ledger_takes_new_versions_and_reports_facts(old_url: str) -> None:
    build_old_ledger(old_url)
    with Ledger.open(old_url) as ledger:
        counts = ledger.row_counts()
        again = ledger.ingest(make_doc_with_facts(TEXT_FACTS_V2), "/docs/facts.txt")
        assert (again.status, again.version_no) == ("unchanged", 2)
        assert ledger.row_counts() == counts
        v3 = ledger.ingest(make_doc_with_facts(TEXT_FACTS + "3、附则。\n"), "/docs/facts.txt")
        assert (v3.status, v3.document_id, v3.version_no) == ("new-version", "d0000000001", 3)
        assert ledger.row_counts()["facts"] == counts["facts"] + 11
        commitments = ledger.facts(["commitment"], all_versions=True)
        assert [(c.document_id, c.version) for c in commitments] == [
            ("d0000000001", n) for n in (1, 1, 2, 2, 3, 3)
        ]


def test_downgrade_to_0001_keeps_documents_and_upgrade_again(old_url: str) -> None:
    build_old_ledger(old_url)
    engine = make_engine(old_url)
    try:
        before = dump(engine)
        upgrade(engine)
        downgrade(engine, "0001")
        assert current_revisions(engine) == {"0001"}
        assert "facts" not in sa.inspect(engine).get_table_names()
        assert {c["name"] for c in sa.inspect(engine).get_columns("items")}.isdisjoint(
            NEW_ITEM_COLUMNS
        )
        assert dump(engine) == before
        upgrade(engine)
        assert Ledger(engine).row_counts()["facts"] == 22
    finally:
        engine.dispose()


def test_upgrade_skips_what_is_not_a_fact_in_old_records(old_url: str) -> None:
    url = old_url
    engine = make_engine(url)
    upgrade(engine, "0001")
    doc = make_doc_with_facts()
    # shapes a pre-release extractor or a hand-edited record might have left
    doc.items[0].facts = {
        "actors": [{"text": "双方", "span": [14, 16], "role": "both"}, "双方"],
        "times": [{"span": [1, 2]}],
        "series": {"text": "not a list", "span": [0, 1]},
        "topic": "people-to-people",
    }
    ingest_like_0001(engine, doc, "/docs/odd.txt", "d0000000009")
    engine.dispose()
    with Ledger.open(url) as ledger:
        rows = ledger.facts(all_versions=True)
        with ledger.engine.connect() as conn:
            topics = conn.execute(sa.text("SELECT topic_code FROM items ORDER BY seq")).all()
    # item 0: only the one object with a text survives; item 1 has its real facts
    assert [(f.item_seq, f.kind, f.ref_id, f.label) for f in rows if f.item_seq == 0] == [
        (0, "actor", None, None)
    ]
    assert len([f for f in rows if f.item_seq == 1]) == 11 - 5  # item 1's own facts
    assert [t[0] for t in topics] == [None, None]


def test_postgresql_ddl_has_the_facts_table_and_no_backfill() -> None:
    from luoshi.store.migrate import offline_sql

    ddl = offline_sql("postgresql://luoshi@localhost/luoshi")
    assert "CREATE TABLE facts" in ddl
    assert "ALTER TABLE items ADD COLUMN topic_code VARCHAR(16)" in ddl
    for index in ("ix_facts_version_id", "ix_facts_kind_ref_id", "ix_facts_kind_label"):
        assert f"CREATE INDEX {index}" in ddl
    assert "INSERT INTO facts" not in ddl  # rows are backfilled only against a live database
    assert "AUTOINCREMENT" not in ddl.upper() and "PRAGMA" not in ddl.upper()


def test_upgrade_from_0002_to_every_branch_keeps_facts(old_url: str) -> None:
    # a ledger as luoshi left it at 0002 (before links, search and web accounts):
    # the feature branches after it add tables and must not touch these rows
    build_old_ledger(old_url)
    engine = make_engine(old_url)
    try:
        upgrade(engine, "0002")
        assert current_revisions(engine) == {"0002"}
        tables = (*OLD_TABLES, "facts")
        before = dump(engine, tables)
        records_before = list(Ledger(engine).records(all_versions=True))
    finally:
        engine.dispose()
    assert len(before["facts"]) == 22
    with Ledger.open(old_url) as ledger:
        assert current_revisions(ledger.engine) == head_revisions()
        assert dump(ledger.engine, tables) == before
        assert list(ledger.records(all_versions=True)) == records_before
        # and it takes new documents afterwards
        added = ledger.ingest(make_doc(TEXT_OTHER + "2、附则。\n"), "/docs/new.txt")
        assert added.status == "added"
