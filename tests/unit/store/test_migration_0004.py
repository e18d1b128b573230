"""Migration 0004_compact on a ledger filled before it: nothing lost, copies dropped.

The "old" ledger holds what luoshi wrote at 0002: records as JSON text, facts
with their ``text`` and ``data`` copies, items with ``normalized`` (built as in
test_migration_0002: 0001 documents, then the 0002 backfill). After the upgrade
every record, original, fact and normalised text reads back the same through the
store, the bulky columns are compressed, and a downgrade restores the old rows
exactly. Runs on SQLite and, with LUOSHI_TEST_PG_URL, on PostgreSQL.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from ledger_fixtures import TEXT_FACTS, make_doc_with_facts
from test_migration_0002 import build_old_ledger

from luoshi.store import Ledger
from luoshi.store.facts import fact_json
from luoshi.store.migrate import current_revisions, downgrade, head_revisions, upgrade
from luoshi.store.url import make_engine


def raw(engine: sa.Engine) -> dict[str, list[dict]]:
    """Every row of the tables 0004 changes, as the database holds them (reflected)."""
    meta = sa.MetaData()
    meta.reflect(engine, only=["versions", "items", "facts"])
    out: dict[str, list[dict]] = {}
    with engine.connect() as conn:
        for name in ("versions", "items", "facts"):
            table = meta.tables[name]
            rows = conn.execute(sa.select(table).order_by(table.c.id)).mappings()
            out[name] = [dict(r) for r in rows]
    return out


@pytest.fixture
def old_engine(ledger_url: str) -> sa.Engine:
    """A ledger at 0002 holding three versions (two with facts) written the old way."""
    build_old_ledger(ledger_url)
    engine = make_engine(ledger_url)
    upgrade(engine, "0002")
    yield engine
    engine.dispose()


def test_upgrade_keeps_records_originals_facts_and_normalized(old_engine: sa.Engine) -> None:
    before = raw(old_engine)
    assert len(before["facts"]) == 22 and {"text", "data"} <= set(before["facts"][0])
    records = {v["id"]: v["parsed"] for v in before["versions"]}
    # the store reads an old ledger too (the column types accept the old values)
    records_before = list(Ledger(old_engine).records(all_versions=True))
    facts_before = Ledger(old_engine).facts(all_versions=True)

    upgrade(old_engine)
    assert current_revisions(old_engine) == head_revisions()
    after = raw(old_engine)
    ledger = Ledger(old_engine)
    assert list(ledger.records(all_versions=True)) == records_before
    assert ledger.facts(all_versions=True) == facts_before
    # each fact's text and JSON come from the record now, equal to the dropped copies
    with old_engine.connect() as conn:
        from_records = dict(fact_json(conn, [f["id"] for f in before["facts"]]))
    for old in before["facts"]:
        assert json.loads(from_records[old["id"]]) == json.loads(old["data"])
        assert json.loads(old["data"])["text"] == old["text"]
    # so are the items' normalised texts and the originals
    for item in before["items"]:
        assert records[item["version_id"]]["items"][item["seq"]]["normalized"] == \
            item["normalized"]
    for v in before["versions"]:
        assert ledger.original(v["document_id"], v["version_no"]) == v["original"]
    # stored compressed, the copies and two indexes gone, every other value kept
    for v_old, v_new in zip(before["versions"], after["versions"], strict=True):
        assert isinstance(v_new["parsed"], bytes) and isinstance(v_new["original"], bytes)
        assert len(v_new["parsed"]) < len(json.dumps(v_old["parsed"], ensure_ascii=False))
        keep = set(v_old) - {"parsed", "original"}
        assert {k: v_new[k] for k in keep} == {k: v_old[k] for k in keep}
    assert {"text", "data"}.isdisjoint(after["facts"][0])
    assert "normalized" not in after["items"][0]
    for name, dropped in (("facts", {"text", "data"}), ("items", {"normalized"})):
        assert [{k: r[k] for k in r if k not in dropped} for r in before[name]] == after[name]
    indexes = {i["name"] for i in sa.inspect(old_engine).get_indexes("facts")}
    assert "ix_facts_kind_ref_id" in indexes
    assert indexes.isdisjoint({"ix_facts_version_id", "ix_facts_kind_label"})


def test_downgrade_restores_the_old_rows_and_upgrades_again(old_engine: sa.Engine) -> None:
    before = raw(old_engine)
    upgrade(old_engine)
    downgrade(old_engine, "0002")
    assert current_revisions(old_engine) == {"0002"}
    restored = raw(old_engine)
    for name in ("versions", "items", "facts"):
        assert restored[name] == before[name], name
    indexes = {i["name"] for i in sa.inspect(old_engine).get_indexes("facts")}
    assert {"ix_facts_version_id", "ix_facts_kind_label"} <= indexes
    upgrade(old_engine)
    assert current_revisions(old_engine) == head_revisions()
    assert len(raw(old_engine)["facts"]) == 22


def test_upgraded_ledger_takes_new_documents_and_knows_old_content(old_engine: sa.Engine
                                                                    ) -> None:  # fmt: skip
    upgrade(old_engine)
    ledger = Ledger(old_engine)
    counts = ledger.row_counts()
    again = ledger.ingest(make_doc_with_facts(), "/docs/facts.txt")  # version 1's bytes
    assert (again.status, again.version_no) == ("unchanged", 1)
    assert ledger.row_counts() == counts
    new = ledger.ingest(make_doc_with_facts(TEXT_FACTS + "3、附则。\n"), "/docs/new.txt")
    assert new.status == "added"
    record = ledger.record(new.document_id)
    assert record["items"][0]["commitments"][0]["text"]
    assert [f.text for f in ledger.facts(["commitment"]) if f.document_id == new.document_id] \
        == [it["commitments"][0]["text"] for it in record["items"] if it["commitments"]]
