"""Item facts in the ledger: one row per fact, typed query columns, same transaction."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from ledger_fixtures import TEXT_FACTS, TEXT_V1, facts_for, make_doc, make_doc_with_facts

from luoshi import __version__
from luoshi.serialize import document_to_dict
from luoshi.store import Ledger
from luoshi.store.facts import FACT_KEYS, fact_in, fact_json, fact_objects, fact_rows, facts_json
from luoshi.store.tables import facts, items, versions


def fact_table(ledger: Ledger) -> list[dict]:
    with ledger.engine.connect() as conn:
        rows = conn.execute(sa.select(facts).order_by(facts.c.id)).mappings().all()
    return [dict(r) for r in rows]


def by_kind(rows: list[dict], kind: str) -> list[dict]:
    return [r for r in rows if r["kind"] == kind]


def test_every_fact_is_one_row_and_reads_back_from_the_record(ledger: Ledger) -> None:
    doc = make_doc_with_facts()
    ledger.ingest(doc, "/docs/facts.txt")
    rows = fact_table(ledger)
    expected = [
        (seq, kind, n, f)
        for seq, item in enumerate(facts_for(TEXT_FACTS))
        for key, kind in FACT_KEYS.items()
        for n, f in enumerate(item[key])
    ]
    assert len(rows) == len(expected) == ledger.row_counts()["facts"]
    for row, (item_seq, kind, n, fact) in zip(rows, expected, strict=True):
        assert (row["item_seq"], row["item_number"], row["kind"], row["seq"]) == (
            item_seq,
            item_seq + 1,
            kind,
            n,
        )
        assert [row["span_start"], row["span_end"]] == fact["span"]
        # spans point into the stored original (a commitment's text is its whole sentence)
        assert TEXT_FACTS[row["span_start"] : row["span_end"]] in fact["text"]
    # the fact itself is stored once, in the record, and read back by row id
    assert {"text", "data"}.isdisjoint(rows[0])
    with ledger.engine.connect() as conn:
        found = fact_objects(conn, [r["id"] for r in rows] + [10**9])  # one id that is not there
        as_json = dict(fact_json(conn, [rows[0]["id"], rows[-1]["id"]]))
        commitments = facts_json(conn, "commitment", [rows[0]["version_id"]])
    assert [found[r["id"]] for r in rows] == [f for *_, f in expected]
    assert json.loads(as_json[rows[-1]["id"]]) == expected[-1][3]
    assert [json.loads(c) for c in commitments] == sorted(
        (f for _, kind, _, f in expected if kind == "commitment"),
        key=lambda f: json.dumps(f, ensure_ascii=False),
    )


def test_typed_columns_per_kind(ledger: Ledger) -> None:
    ledger.ingest(make_doc_with_facts(), "/docs/facts.txt")
    rows = fact_table(ledger)
    cols = ("ref_id", "label", "ordinal", "date_start", "date_end", "anchor")

    def typed(kind: str, n: int = 0) -> tuple:
        return tuple(by_kind(rows, kind)[n][c] for c in cols)

    assert typed("time", 0) == (None, "point", None, "2032-03-01", "2032-05-31", None)
    assert typed("time", 1) == (None, "deadline", None, "2031-04-02", None, "next-round:虚构对话")
    assert typed("actor") == ("place.yuncheng", "CN", None, None, None, None)
    assert typed("sentence") == (None, "commitment", None, None, None, None)
    assert typed("commitment", 0) == (
        None, "hold-meeting", None, "2032-03-01", "2032-05-31", None
    )  # fmt: skip
    assert typed("commitment", 1) == (
        None, "continue-cooperation", None, None, None, "next-round:虚构对话"
    )  # fmt: skip
    assert typed("event") == (None, None, None, None, None, None)
    assert typed("series") == ("series:虚构灯笼展", "planned", 2, "2032-03-01", "2032-05-31", None)
    assert typed("reference") == ("doc.weather", "agreement", None, None, None, None)
    assert typed("quantity") == ("气象资料", "count", None, None, None, None)


def test_held_series_takes_its_date_and_events_their_date() -> None:
    held = {"text": "第一届", "span": [0, 3], "id": "series:x", "status": "held", "ordinal": 1,
            "date": {"start": "2030-05-01", "end": "2030-05-02"}, "due": None, "anchor": None}
    event = {"text": "已举行", "span": [3, 6], "date": {"start": "2030-05-01", "end": None}}
    [e, s] = fact_rows([{"number": 4, "series": [held], "events": [event]}])  # events first
    assert (s["label"], s["ordinal"], s["date_start"], s["date_end"]) == (
        "held", 1, "2030-05-01", "2030-05-02"
    )  # fmt: skip
    assert (e["kind"], e["date_start"], e["date_end"], e["item_number"]) == (
        "event", "2030-05-01", None, 4
    )  # fmt: skip


def test_odd_values_stay_out_of_typed_columns() -> None:
    odd = {"text": "某次", "span": [0, 2], "id": 7, "status": "x" * 200, "ordinal": True,
           "due": "soon", "anchor": ["a"]}
    [row] = fact_rows([{"number": None, "series": [odd]}])
    assert (row["ref_id"], row["label"], row["ordinal"], row["date_start"], row["anchor"]) == (
        None, None, None, None, None
    )  # fmt: skip
    assert fact_in({"items": [{"series": [odd]}]}, 0, "series", 0) == odd  # kept in the record


@pytest.mark.parametrize(
    "bad",
    [
        {"times": {"text": "x", "span": [0, 1]}},  # not a list
        {"times": ["2032年"]},  # not an object
        {"times": [{"span": [0, 1]}]},  # no text
        {"times": [{"text": "x", "span": [0]}]},
        {"times": [{"text": "x", "span": ["0", "1"]}]},
    ],
)
def test_malformed_facts_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        fact_rows([{"number": 1, **bad}])


def test_fact_without_span_is_kept_with_null_span() -> None:
    [row] = fact_rows([{"number": 1, "actors": [{"text": "双方", "span": None}]}])
    assert (row["span_start"], row["span_end"]) == (None, None)


def test_topic_is_copied_to_items(ledger: Ledger) -> None:
    ledger.ingest(make_doc_with_facts(), "/docs/facts.txt")
    with ledger.engine.connect() as conn:
        got = conn.execute(
            sa.select(items.c.seq, items.c.topic_code, items.c.topic_label).order_by(items.c.seq)
        ).all()
    assert [tuple(r) for r in got] == [
        (0, "23.1", "Culture and people-to-people exchange"),
        (1, None, None),  # topic null
    ]


def test_documents_without_facts_get_no_rows(ledger: Ledger) -> None:
    ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    assert fact_table(ledger) == []
    assert ledger.facts() == []


def test_parser_version_marks_the_fact_layout(ledger: Ledger) -> None:
    ledger.ingest(make_doc_with_facts(), "/docs/facts.txt")
    with ledger.engine.connect() as conn:
        recorded = conn.execute(sa.select(versions.c.parser_version)).scalar_one()
    assert recorded == f"{__version__}+facts.1"


def test_malformed_fact_writes_nothing(ledger: Ledger) -> None:
    ledger.ingest(make_doc(TEXT_V1), "/docs/a.txt")
    before = ledger.row_counts()
    broken = make_doc_with_facts()
    broken.items[1].facts["quantities"] = [{"span": [1, 2]}]  # a fact without its text
    with pytest.raises(ValueError, match="quantities"):
        ledger.ingest(broken, "/docs/facts.txt")
    assert ledger.row_counts() == before


def test_failure_after_facts_rolls_them_back(ledger: Ledger) -> None:
    before = ledger.row_counts()
    broken = make_doc_with_facts()
    # defects are written after the facts: a defect without its detail violates NOT
    # NULL once the fact rows are in, and they must go with the rest
    broken.defects[0].detail = None  # type: ignore[assignment]
    with pytest.raises(sa.exc.IntegrityError):
        ledger.ingest(broken, "/docs/facts.txt")
    assert ledger.row_counts() == before


def test_deleting_a_version_deletes_its_facts(ledger: Ledger) -> None:
    result = ledger.ingest(make_doc_with_facts(), "/docs/facts.txt")
    assert ledger.row_counts()["facts"] > 0
    with ledger.engine.begin() as conn:
        conn.execute(versions.delete().where(versions.c.document_id == result.document_id))
    assert ledger.row_counts()["facts"] == 0


def test_stored_record_with_facts_validates(ledger: Ledger) -> None:
    from luoshi.schema import validate_document

    doc = make_doc_with_facts()
    result = ledger.ingest(doc, "/docs/facts.txt")
    record = ledger.record(result.document_id)
    validate_document(record)
    assert record["items"][0]["commitments"] == document_to_dict(doc)["items"][0]["commitments"]


def test_ledger_facts_joins_document_round_and_item(ledger: Ledger) -> None:
    result = ledger.ingest(make_doc_with_facts(), "/docs/facts.txt")
    [c1, c2] = ledger.facts(["commitment"])
    assert (c1.document_id, c1.version, c1.round, c1.mechanism) == (
        result.document_id, 1, 7, "虚构对话"
    )  # fmt: skip
    assert (c1.item_number, c1.topic_code, c1.label, c1.date_end) == (
        1, "23.1", "hold-meeting", "2032-05-31"
    )  # fmt: skip
    assert c1.item_title is None and c1.data["modality"] == "agree"
    assert (c2.item_number, c2.anchor, c2.topic_code) == (2, "next-round:虚构对话", None)
    assert c2.span == facts_for(TEXT_FACTS)[1]["commitments"][0]["span"]
    kinds = [f.kind for f in ledger.facts()]
    assert kinds[: kinds.index("actor")] == ["time"]  # in writing order within an item
    assert {f.kind for f in ledger.facts(["series", "reference"])} == {"series", "reference"}


def test_ledger_facts_latest_or_all_versions(ledger: Ledger) -> None:
    first = ledger.ingest(make_doc_with_facts(), "/docs/facts.txt")
    changed = TEXT_FACTS.replace("第7轮", "第8轮")
    second = ledger.ingest(make_doc_with_facts(changed), "/docs/facts.txt")
    assert (second.status, second.document_id) == ("new-version", first.document_id)
    other = ledger.ingest(make_doc_with_facts(TEXT_FACTS + "\n"), "/docs/other.txt")
    latest = ledger.facts(["commitment"])
    assert [(f.document_id, f.version) for f in latest] == [
        (first.document_id, 2), (first.document_id, 2),
        (other.document_id, 1), (other.document_id, 1),
    ]  # fmt: skip
    every = ledger.facts(["commitment"], all_versions=True)
    assert [(f.document_id, f.version) for f in every] == [
        (first.document_id, 1), (first.document_id, 1),
        (first.document_id, 2), (first.document_id, 2),
        (other.document_id, 1), (other.document_id, 1),
    ]  # fmt: skip


def test_same_series_is_found_across_documents_by_index(ledger: Ledger) -> None:
    # the point of (kind, ref_id): all rounds of one series, whatever document named them
    ledger.ingest(make_doc_with_facts(), "/docs/a.txt")
    ledger.ingest(make_doc_with_facts(TEXT_FACTS + "\n"), "/docs/b.txt")
    with ledger.engine.connect() as conn:
        found = conn.execute(
            sa.select(sa.func.count())
            .select_from(facts)
            .where(facts.c.kind == "series", facts.c.ref_id == "series:虚构灯笼展")
        ).scalar_one()
        plan = query_plan(conn, "SELECT ref_id FROM facts WHERE kind = 'series' AND ref_id = 'x'")
    assert found == 2
    assert "ix_facts_kind_ref_id" in plan


def query_plan(conn: sa.Connection, sql: str) -> str:
    """The backend's plan for ``sql`` as one string."""
    if conn.dialect.name == "postgresql":
        # a table of a few rows is scanned whatever the indexes; ask whether the
        # index can serve the query, not whether it pays off at this size
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        rows = conn.exec_driver_sql("EXPLAIN " + sql).all()
    else:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all()
    return " ".join(str(r) for r in rows)
