"""Ledger rules: idempotent ingest, versions, provenance, one transaction per document."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from ledger_fixtures import TEXT_OTHER, TEXT_V1, TEXT_V2, make_doc

from luoshi.errors import InputError
from luoshi.schema import validate_document
from luoshi.store import Ledger, LookupFailed
from luoshi.store.tables import documents


def test_first_ingest_adds_one_document_with_all_rows(ledger: Ledger) -> None:
    result = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    assert result.status == "added"
    assert result.version_no == 1
    assert re.fullmatch(r"d[0-9a-f]{10}", result.document_id)
    assert ledger.row_counts() == {
        "documents": 1,
        "versions": 1,
        "sources": 1,
        "items": 2,
        "defects": 1,
        "facts": 0,  # make_doc has no extracted facts
    }


def test_same_content_twice_changes_nothing(ledger: Ledger) -> None:
    first = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    counts = ledger.row_counts()
    again = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    assert again.status == "unchanged"
    assert again.document_id == first.document_id
    assert ledger.row_counts() == counts


def test_seen_skips_known_bytes_and_reports_new_ones(ledger: Ledger) -> None:
    doc = make_doc(TEXT_V1)
    assert ledger.seen(doc.source.sha256, "/docs/a.txt") is None
    ledger.ingest(doc, "/docs/a.txt")
    counts = ledger.row_counts()
    seen = ledger.seen(doc.source.sha256, "/docs/a.txt")
    assert seen is not None and seen.status == "unchanged"
    assert ledger.row_counts() == counts


def test_identical_content_at_new_path_adds_only_a_source(ledger: Ledger) -> None:
    first = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    counts = ledger.row_counts()
    copy = ledger.ingest(make_doc(TEXT_V1, "copy.txt"), "/mirror/copy.txt")
    assert copy.status == "new-source"
    assert copy.document_id == first.document_id
    assert ledger.row_counts() == {**counts, "sources": counts["sources"] + 1}
    [summary] = ledger.documents()
    assert sorted(s.path for s in summary.sources) == ["/docs/a.txt", "/mirror/copy.txt"]
    assert {s.sha256 for s in summary.sources} == {first.sha256}


def test_changed_file_at_known_path_is_a_new_version(ledger: Ledger) -> None:
    v1 = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    v2 = ledger.ingest(make_doc(TEXT_V2), "/docs/a.txt")
    assert v2.status == "new-version"
    assert (v2.document_id, v2.version_no) == (v1.document_id, 2)
    [summary] = ledger.documents()
    assert (summary.versions, summary.version, summary.sha256) == (2, 2, v2.sha256)
    # the first version stays readable
    assert ledger.record(v1.document_id, 1)["ledger"]["sha256"] == v1.sha256
    assert ledger.original(v1.document_id, 1) == TEXT_V1
    assert ledger.original(v1.document_id) == TEXT_V2
    # going back to the old bytes is not a third version: those bytes are held
    back = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    assert (back.status, back.version_no) == ("unchanged", 1)
    assert ledger.row_counts()["versions"] == 2


def test_new_bytes_after_going_back_follow_the_latest_sighting(ledger: Ledger) -> None:
    v1 = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    ledger.ingest(make_doc(TEXT_V2), "/docs/a.txt")
    ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    v3 = ledger.ingest(make_doc(TEXT_V1 + "3、补充条款。\n"), "/docs/a.txt")
    assert (v3.status, v3.document_id, v3.version_no) == ("new-version", v1.document_id, 3)


def test_different_paths_with_different_content_are_different_documents(ledger: Ledger) -> None:
    a = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    b = ledger.ingest(make_doc(TEXT_OTHER), "/docs/b.txt")
    assert b.status == "added"
    assert a.document_id != b.document_id
    assert [s.id for s in ledger.documents()] == [a.document_id, b.document_id]


def test_failure_mid_document_rolls_back_everything(ledger: Ledger) -> None:
    ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    before = ledger.row_counts()
    broken = make_doc(TEXT_OTHER)
    # an item without a span passes serialisation but violates NOT NULL in the
    # items table, i.e. it fails after the document and version rows were written
    broken.items[0].span = None  # type: ignore[assignment]
    with pytest.raises(sa.exc.IntegrityError):
        ledger.ingest(broken, "/docs/b.txt")
    assert ledger.row_counts() == before
    # and the ledger still works for the next document
    assert ledger.ingest(make_doc(TEXT_OTHER), "/docs/b.txt").status == "added"


def test_failure_before_writing_touches_nothing(ledger: Ledger) -> None:
    ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    before = ledger.row_counts()
    broken = make_doc(TEXT_OTHER)
    broken.items[0].facts["actors"] = [object()]  # not serialisable
    with pytest.raises(TypeError):
        ledger.ingest(broken, "/docs/b.txt")
    assert ledger.row_counts() == before


def test_new_version_failure_keeps_version_one(ledger: Ledger) -> None:
    v1 = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    broken = make_doc(TEXT_V2)
    broken.items[1].span = None  # type: ignore[assignment]
    with pytest.raises(sa.exc.IntegrityError):
        ledger.ingest(broken, "/docs/a.txt")
    [summary] = ledger.documents()
    assert (summary.id, summary.versions, summary.sha256) == (v1.document_id, 1, v1.sha256)


def test_stored_record_validates_and_keeps_the_original(ledger: Ledger) -> None:
    result = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    record = ledger.record(result.document_id)
    validate_document(record)
    assert record["ledger"]["id"] == result.document_id
    assert record["ledger"]["sources"][0]["path"] == "/docs/a.txt"
    assert record["items"][0]["text"] == "1、双方同意举办灯笼展。"
    start, end = record["items"][0]["span"]
    assert ledger.original(result.document_id)[start:end] == record["items"][0]["text"]


def test_resolve_accepts_unique_prefixes_only(ledger: Ledger) -> None:
    a = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt").document_id
    b = ledger.ingest(make_doc(TEXT_OTHER), "/docs/b.txt").document_id
    assert ledger.resolve(a) == a
    common = 1
    while a[:common] == b[:common]:
        common += 1
    assert ledger.resolve(a[:common]) == a
    with pytest.raises(LookupFailed, match="several"):
        ledger.resolve("d")
    with pytest.raises(LookupFailed, match="no document"):
        ledger.resolve("dffffffffff0")
    with pytest.raises(LookupFailed, match="no document"):
        ledger.resolve("d%")  # LIKE wildcards are taken literally


def test_document_id_survives_a_colliding_prefix(ledger: Ledger) -> None:
    doc = make_doc(TEXT_V1)
    with ledger.engine.begin() as conn:
        # occupy the id that the content hash would give
        conn.execute(
            documents.insert().values(id="d" + doc.source.sha256[:10], created_at=sa.func.now())
        )
    result = ledger.ingest(doc, "/docs/a.txt")
    assert result.status == "added"
    assert result.document_id != "d" + doc.source.sha256[:10]
    assert re.fullmatch(r"d[0-9a-f]{10}", result.document_id)


def test_records_lists_latest_or_all_versions(ledger: Ledger) -> None:
    ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    ledger.ingest(make_doc(TEXT_V2), "/docs/a.txt")
    ledger.ingest(make_doc(TEXT_OTHER), "/docs/b.txt")
    assert [r["ledger"]["version"] for r in ledger.records()] == [2, 1]
    assert [r["ledger"]["version"] for r in ledger.records(all_versions=True)] == [1, 2, 1]


def test_reopening_keeps_data_and_does_not_migrate_again(ledger_url: str) -> None:
    with Ledger.open(ledger_url) as first:
        first.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    with Ledger.open(ledger_url) as again:
        assert again.row_counts()["documents"] == 1


def test_cascade_delete_is_enforced(ledger: Ledger) -> None:
    # foreign keys are on for SQLite connections, as they always are on PostgreSQL
    result = ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    with ledger.engine.begin() as conn:
        conn.execute(documents.delete().where(documents.c.id == result.document_id))
    assert ledger.row_counts() == dict.fromkeys(ledger.row_counts(), 0)


def test_text_with_nul_is_refused_on_every_backend(ledger: Ledger) -> None:
    # PostgreSQL text cannot hold NUL; SQLite could, but a ledger must not
    # accept on one backend what it refuses on the other
    before = ledger.row_counts()
    with pytest.raises(InputError, match=r"^/docs/nul\.txt: text contains NUL"):
        ledger.ingest(make_doc(TEXT_V1.replace("灯笼", "灯\x00笼")), "/docs/nul.txt")
    assert ledger.row_counts() == before
