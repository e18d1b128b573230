"""`luoshi list`, `show` and `export` over a small fictional ledger."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from luoshi.cli import app
from luoshi.schema import validate_document
from luoshi.store import Ledger

pytestmark = pytest.mark.usefixtures("fake_pipeline")


@pytest.fixture
def filled(runner: CliRunner, corpus: Path, db: str) -> str:
    result = runner.invoke(app, ["ingest", "--db", db, str(corpus)])
    assert result.exit_code == 0, result.stderr
    return db


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def first_id(runner: CliRunner, db: str) -> str:
    return json.loads(run(runner, "list", "--json", "--db", db)[1])[0]["id"]


def test_list_json_has_ids_paths_sha256_title_kind_versions(
    runner: CliRunner, filled: str, corpus: Path
) -> None:
    code, out, _ = run(runner, "list", "--json", "--db", filled)
    assert code == 0
    docs = json.loads(out)
    assert len(docs) == 2
    for doc in docs:
        assert doc["id"].startswith("d") and len(doc["id"]) == 11
        assert len(doc["sha256"]) == 64
        assert doc["kind"] == "outcome-list"
        assert doc["versions"] == 1
        assert doc["title"].endswith("虚构对话成果清单")
        [source] = doc["sources"]
        assert source["sha256"] == doc["sha256"]
        assert Path(source["path"]).is_absolute()
    assert {Path(d["sources"][0]["path"]).name for d in docs} == {"a.txt", "b.txt"}


def test_list_human_shows_every_document(runner: CliRunner, filled: str) -> None:
    code, out, _ = run(runner, "list", "--db", filled)
    assert code == 0
    for doc in json.loads(run(runner, "list", "--json", "--db", filled)[1]):
        assert doc["id"] in out


def test_list_on_missing_ledger_is_empty_and_creates_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "none.db"
    code, out, _ = run(runner, "list", "--json", "--db", str(db))
    assert (code, json.loads(out)) == (0, [])
    assert not db.exists()


def test_show_by_prefix_lists_sections_items_and_defects(runner: CliRunner, filled: str) -> None:
    doc_id = first_id(runner, filled)
    code, out, _ = run(runner, "show", doc_id[:6], "--db", filled)
    assert code == 0
    assert doc_id in out
    for text in ("第3轮虚构对话成果清单", "人员往来", "环境合作", "青年交流", "候鸟"):
        assert text in out
    assert "numbering-gap" in out


def test_show_json_validates_against_schema(runner: CliRunner, filled: str) -> None:
    doc_id = first_id(runner, filled)
    code, out, _ = run(runner, "show", doc_id, "--json", "--db", filled)
    assert code == 0
    record = json.loads(out)
    validate_document(record)
    assert record["ledger"]["id"] == doc_id


def test_show_item_prints_full_text_span_and_defects_inside(runner: CliRunner, filled: str) -> None:
    doc_id = first_id(runner, filled)
    code, out, _ = run(runner, "show", doc_id, "5", "--db", filled)
    assert code == 0
    assert "候鸟：双方将交换候鸟监测数据。" in out
    assert "环境合作" in out
    assert "span:" in out
    assert "item 4 missing" in out  # the gap defect sits at item 5's start
    code, out, _ = run(runner, "show", doc_id, "1", "--db", filled)
    assert "item 4 missing" not in out


def test_show_item_json(runner: CliRunner, filled: str) -> None:
    doc_id = first_id(runner, filled)
    code, out, _ = run(runner, "show", doc_id, "2", "--json", "--db", filled)
    assert code == 0
    view = json.loads(out)
    assert (view["id"], view["number"]) == (doc_id, 2)
    [item] = view["items"]
    assert item["title"] == "培训"
    assert view["defects"] == []


def test_show_unknown_document_or_item_is_one_line(runner: CliRunner, filled: str) -> None:
    code, out, err = run(runner, "show", "dzzz", "--db", filled)
    assert (code, out) == (1, "")
    assert err.splitlines() == ["error: dzzz: no document matches 'dzzz'"]
    code, _, err = run(runner, "show", "d", "--db", filled)
    assert code == 1 and "matches several documents" in err and len(err.splitlines()) == 1
    doc_id = first_id(runner, filled)
    code, _, err = run(runner, "show", doc_id, "99", "--db", filled)
    assert code == 1
    assert err.splitlines() == [f"error: {doc_id} 99: no item with this number"]


def test_show_older_version(runner: CliRunner, filled: str, corpus: Path) -> None:
    doc_id = first_id(runner, filled)
    (corpus / "a.txt").write_text("第3轮虚构对话成果清单\n\n1、仅此一项。\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", "--db", filled, str(corpus)]).exit_code == 0
    latest = json.loads(run(runner, "show", doc_id, "--json", "--db", filled)[1])
    old = json.loads(run(runner, "show", doc_id, "--json", "--rev", "1", "--db", filled)[1])
    assert (latest["ledger"]["version"], len(latest["items"])) == (2, 1)
    assert (old["ledger"]["version"], len(old["items"])) == (1, 4)


def stored_records(db: str) -> list[dict]:
    with Ledger.open(db) as ledger:
        return list(ledger.records())


def test_export_json_round_trips(runner: CliRunner, filled: str, tmp_path: Path) -> None:
    code, out, _ = run(runner, "export", "--format", "json", "--db", filled)
    assert code == 0
    exported = json.loads(out)
    assert exported == stored_records(filled)
    for record in exported:
        validate_document(record)
    target = tmp_path / "out" / "ledger.json"
    target.parent.mkdir()
    code, out, err = run(runner, "export", "-f", "json", "-o", str(target), "--db", filled)
    assert (code, out) == (0, "")
    assert err.strip() == f"wrote 2 documents to {target}"
    assert json.loads(target.read_text(encoding="utf-8")) == exported


def test_export_jsonl_round_trips(runner: CliRunner, filled: str) -> None:
    code, out, _ = run(runner, "export", "--format", "jsonl", "--db", filled)
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines == stored_records(filled)


def test_export_csv_has_one_row_per_item(runner: CliRunner, filled: str, tmp_path: Path) -> None:
    target = tmp_path / "items.csv"
    code, _, _ = run(runner, "export", "--format", "csv", "-o", str(target), "--db", filled)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    records = stored_records(filled)
    expected = [
        (
            rec["ledger"]["id"],
            rec["meeting"]["round"],
            it["section"],
            it["number"],
            it["text"],
            it["span"],
        )
        for rec in records
        for it in rec["items"]
    ]
    got = [
        (
            row["document_id"],
            int(row["meeting_round"]),
            row["section"],
            int(row["item_number"]),
            row["item_text"],
            [int(row["span_start"]), int(row["span_end"])],
        )
        for row in rows
    ]
    assert got == expected
    assert rows[0]["document_title"] == "第3轮虚构对话成果清单"
    assert rows[0]["item_title"] == "青年交流"


def test_export_rejects_unknown_format(runner: CliRunner, filled: str) -> None:
    code, out, err = run(runner, "export", "--format", "xml", "--db", filled)
    assert (code, out) == (2, "")
    assert err.splitlines() == ["error: --format: unknown format 'xml' (json, jsonl or csv)"]


def test_unexpected_failure_in_a_command_is_one_line(
    runner: CliRunner, filled: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(self: Ledger) -> list:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Ledger, "documents", boom)
    code, out, err = run(runner, "list", "--db", filled)
    assert (code, out) == (1, "")
    assert err.splitlines() == ["error: luoshi: internal error: RuntimeError: disk on fire"]
