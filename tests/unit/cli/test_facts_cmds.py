"""Item facts in `luoshi show` and `luoshi export --what …` (fictional facts from cli_fakes)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_fakes import FICTION_B
from typer.testing import CliRunner

from luoshi.cli import COMMITMENT_COLUMNS, FACT_COLUMNS, SERIES_COLUMNS, app
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


def doc_id(runner: CliRunner, db: str, round_no: int) -> str:
    docs = json.loads(run(runner, "list", "--json", "--db", db)[1])
    return next(d["id"] for d in docs if d["round"] == round_no)


def squash(text: str) -> str:
    # Rich wraps long lines, also between two CJK characters: compare without whitespace
    return "".join(text.split())


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# -- show ------------------------------------------------------------------------------


def test_show_document_adds_topic_and_commitment_count_per_item(
    runner: CliRunner, filled: str
) -> None:
    code, out, _ = run(runner, "show", doc_id(runner, filled, 4), "--db", filled)
    assert code == 0
    lines = out.splitlines()
    [ocean] = [line for line in lines if "海洋" in line and "·" in line]
    assert "Oceans and polar affairs (07.4)" in ocean and "1 commitment" in ocean
    [weather] = [line for line in lines if "气象" in line and "·" in line]
    assert "Science, technology and space (17.1)" in weather


def test_show_item_prints_every_kind_of_fact(runner: CliRunner, filled: str) -> None:
    code, out, _ = run(runner, "show", doc_id(runner, filled, 4), "2", "--db", filled)
    assert code == 0
    flat = squash(out)
    expected = [
        # topic: English label and code
        "topic: Oceans and polar affairs (07.4)",
        # commitment: modality → action, parties, due, place; then its sentence
        "commitments (1)",
        "1. will → hold-meeting 虚构海洋局, 双方 · due 2033-09-01 – 2033-11-30 · 雾港",
        "第二次珊瑚礁研讨会。",
        # past events with their date
        "past events (1) - 首次研讨会 2031-05-01 – 2031-05-31",
        # series: name, ordinal, status, date (held) or due (planned), place
        "Coral Reef Workshop #2 · planned · due 2033-09-01 – 2033-11-30 · 雾港",
        "Coral Reef Workshop #1 · held · 2031-05-01 – 2031-05-31",
        # times: text → interval
        "2033年秋季 → 2033-09-01 – 2033-11-30",
        # actors: text → English name (side); candidates marked
        "雾港 → Wugang (CN)",
        "虚构海洋局 → 虚构海洋局 [candidate]",
        "references (1) 《虚构海洋协定》 agreement",
    ]
    for line in expected:
        assert squash(line) in flat, line


def test_show_item_prints_quantities(runner: CliRunner, filled: str) -> None:
    code, out, _ = run(runner, "show", doc_id(runner, filled, 3), "1", "--db", filled)
    assert code == 0
    assert squash("quantities (1) 一百名 → 100 persons count · 青年学者") in squash(out)
    assert squash("1. agree → other 双方") in squash(out)


def test_show_item_json_includes_the_facts(runner: CliRunner, filled: str) -> None:
    code, out, _ = run(runner, "show", doc_id(runner, filled, 4), "2", "--json", "--db", filled)
    assert code == 0
    [item] = json.loads(out)["items"]
    assert item["topic"]["code"] == "07.4"
    [commitment] = item["commitments"]
    assert commitment["due"] == {"start": "2033-09-01", "end": "2033-11-30"}
    assert [s["ordinal"] for s in item["series"]] == [2, 1]
    start, end = commitment["span"]
    assert FICTION_B[start:end] == commitment["text"]


def test_show_item_without_facts_prints_no_fact_sections(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("第5轮虚构对话成果清单\n\n1、文化：双方欢迎举办灯笼展。\n", encoding="utf-8")
    assert run(runner, "ingest", "--db", db, str(plain))[0] == 0
    code, out, _ = run(runner, "show", doc_id(runner, db, 5), "1", "--db", db)
    assert code == 0
    assert "灯笼展" in out
    for heading in ("topic:", "commitments (", "times (", "actors ("):
        assert heading not in out
    code, out, _ = run(runner, "show", doc_id(runner, db, 5), "--db", db)
    assert "commitment" not in out


# -- export ----------------------------------------------------------------------------


def stored_commitments(db: str) -> list[tuple]:
    with Ledger.open(db) as ledger:
        return [
            (rec["ledger"]["id"], it["number"], c["text"], c["span"])
            for rec in ledger.records()
            for it in rec["items"]
            for c in it.get("commitments", [])
        ]


def test_export_commitments_csv(runner: CliRunner, filled: str, tmp_path: Path) -> None:
    target = tmp_path / "commitments.csv"
    code, out, err = run(
        runner, "export", "--what", "commitments", "-f", "csv", "-o", str(target), "--db", filled
    )
    assert (code, out) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(COMMITMENT_COLUMNS)
    rows = rows_of(text)
    assert err.strip() == f"wrote {len(rows)} commitments to {target}"
    got = [
        (r["document_id"], int(r["item_number"]), r["text"], json.loads(r["span"])) for r in rows
    ]
    assert got == stored_commitments(filled)
    ocean = next(r for r in rows if r["item_title"] == "海洋")
    shown = {k: ocean[k] for k in COMMITMENT_COLUMNS if k not in ("document_id", "text", "span")}
    assert shown == {
        "version": "1", "mechanism": "虚构对话", "round": "4", "item_number": "2",
        "item_title": "海洋", "topic": "07.4", "topic_label": "Oceans and polar affairs",
        "modality": "will", "action": "hold-meeting", "parties": "虚构海洋局; 双方",
        "due_start": "2033-09-01", "due_end": "2033-11-30", "anchor": "",
    }  # fmt: skip


def test_export_commitments_json_and_jsonl_keep_types(runner: CliRunner, filled: str) -> None:
    code, out, _ = run(runner, "export", "-w", "commitments", "-f", "json", "--db", filled)
    assert code == 0
    rows = json.loads(out)
    assert [tuple(r) for r in rows] == [COMMITMENT_COLUMNS] * len(rows) and len(rows) == 6
    ocean = next(r for r in rows if r["item_title"] == "海洋")
    assert ocean["parties"] == ["虚构海洋局", "双方"] and ocean["round"] == 4
    assert isinstance(ocean["span"], list)
    code, out, _ = run(runner, "export", "-w", "commitments", "-f", "jsonl", "--db", filled)
    assert [json.loads(line) for line in out.splitlines()] == rows


def test_export_series(runner: CliRunner, filled: str) -> None:
    code, out, _ = run(runner, "export", "--what", "series", "--format", "csv", "--db", filled)
    assert code == 0
    rows = rows_of(out)
    assert tuple(rows[0]) == SERIES_COLUMNS
    assert [(r["series_id"], r["ordinal"], r["status"]) for r in rows] == [
        ("series:珊瑚礁研讨会", "2", "planned"),
        ("series:珊瑚礁研讨会", "1", "held"),
    ]
    assert (rows[0]["due_start"], rows[0]["due_end"], rows[0]["date_start"]) == (
        "2033-09-01", "2033-11-30", ""
    )  # fmt: skip
    assert (rows[1]["date_start"], rows[1]["date_end"], rows[1]["place"]) == (
        "2031-05-01", "2031-05-31", ""
    )  # fmt: skip
    code, out, _ = run(runner, "export", "--what", "series", "--db", filled)  # json default
    assert [r["ordinal"] for r in json.loads(out)] == [2, 1]


def test_export_facts_has_one_row_per_stored_fact(runner: CliRunner, filled: str) -> None:
    code, out, _ = run(runner, "export", "-w", "facts", "-f", "jsonl", "--db", filled)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    with Ledger.open(filled) as ledger:
        assert len(rows) == ledger.row_counts()["facts"]
        records = {r["ledger"]["id"]: r for r in ledger.records()}
    for row in rows:
        assert tuple(row) == FACT_COLUMNS
        item = records[row["document_id"]]["items"][row["item_seq"]]
        key = {"quantity": "quantities", "series": "series"}.get(row["kind"], row["kind"] + "s")
        assert item[key][row["seq"]] == row["data"]
    assert {r["kind"] for r in rows} == {
        "time", "actor", "sentence", "commitment", "event", "series", "reference", "quantity"
    }  # fmt: skip
    code, out, _ = run(runner, "export", "-w", "facts", "-f", "csv", "--db", filled)
    csv_rows = rows_of(out)
    assert len(csv_rows) == len(rows)
    assert json.loads(csv_rows[0]["data"]) == rows[0]["data"]


def test_export_default_is_still_the_items_export(runner: CliRunner, filled: str) -> None:
    for fmt in ("json", "csv"):
        default = run(runner, "export", "-f", fmt, "--db", filled)
        explicit = run(runner, "export", "--what", "items", "-f", fmt, "--db", filled)
        assert default == explicit and default[0] == 0


def test_export_facts_of_every_version(runner: CliRunner, filled: str, corpus: Path) -> None:
    (corpus / "sub" / "b.txt").write_text(FICTION_B.replace("第4轮", "第4轮 "), encoding="utf-8")
    assert run(runner, "ingest", "--db", filled, str(corpus))[0] == 0
    latest = json.loads(run(runner, "export", "-w", "series", "--db", filled)[1])
    every = json.loads(
        run(runner, "export", "-w", "series", "--all-versions", "--db", filled)[1]
    )
    assert [r["version"] for r in latest] == [2, 2]
    assert [r["version"] for r in every] == [1, 1, 2, 2]


def test_export_unknown_what_is_a_usage_error(runner: CliRunner, filled: str) -> None:
    code, out, err = run(runner, "export", "--what", "promises", "--db", filled)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "error: --what: unknown export 'promises' (items, commitments, series or facts)"
    ]


def test_export_from_a_missing_ledger_is_empty(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    code, out, _ = run(runner, "export", "-w", "commitments", "-f", "csv", "--db", str(db))
    assert (code, out) == (0, ",".join(COMMITMENT_COLUMNS) + "\n")
    assert json.loads(run(runner, "export", "-w", "facts", "--db", str(db))[1]) == []
    assert not db.exists()


# -- how single facts read --------------------------------------------------------------


def test_fact_values_read_as_documented() -> None:
    from luoshi.cli import _actor_value, _due_text, _quantity_value, _time_value

    assert _time_value({"start": "2032-01-01", "end": "2032-01-01"}) == "2032-01-01"
    assert _time_value({"start": None, "end": "2032-12-31"}) == "by 2032-12-31"
    assert _time_value({"start": "2032-01-01", "end": None}) == "from 2032-01-01"
    assert _time_value({"start": None, "end": None, "granularity": "vague"}) == "(vague)"
    assert (
        _time_value({"start": None, "end": None, "anchor": "next-round:虚构对话"})
        == "before next-round:虚构对话"
    )
    assert _due_text({"due": None, "anchor": "next-meeting"}) == "before next-meeting"
    assert _due_text({"due": {"start": None, "end": "2033-05-31"}}) == "due by 2033-05-31"
    assert _due_text({"due": None, "anchor": None}) is None
    assert _actor_value({"id": "person.ly", "name": "林远", "name_en": "Lin Yuan",
                         "title_en": "Representative", "side": "CN"}) == (
        "Lin Yuan, Representative (CN)"
    )  # fmt: skip
    assert _quantity_value(
        {"value": 250000000.0, "unit": "元", "unit_en": "yuan", "approx": "about"}
    ) == "about 250000000 yuan"
    assert _quantity_value({"value": None, "min": 3, "max": 5, "unit": "家", "unit_en": ""}) == (
        "3–5 家"
    )


def test_next_round_series_shows_as_next() -> None:
    from rich.console import Console

    from luoshi.cli import render_facts

    buf = io.StringIO()
    series = {"text": "下一轮对话", "span": [0, 5], "id": "series:对话", "name": "对话",
              "name_en": None, "ordinal": None, "relation": "next", "status": "planned",
              "date": None, "due": None, "place": None, "anchor": None}  # fmt: skip
    render_facts(Console(file=buf, width=200), {"series": [series], "topic": None})
    assert buf.getvalue().splitlines() == ["series (1)", "  对话  #next · planned", ""]
