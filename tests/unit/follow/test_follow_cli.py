"""The follow-through commands: --json output valid against follow.v1.json, Rich
tables by default, one error line and exit 1 for a bad reference."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from follow_fixtures import samples, seaweed
from typer.testing import CliRunner

from luoshi.cli import app
from luoshi.follow.schema import validate
from luoshi.store import Ledger

URL = "https://example.org/fictional"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with Ledger.open(url) as ledger:
        for d in seaweed().values():
            ledger.ingest(d)
        for d in samples().values():
            ledger.ingest(d)
    return url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def ok_json(*args: str) -> Any:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_link_then_no_op(db: str) -> None:
    first = ok_json("link", "--db", db)
    validate("linkSummary", first)
    assert not first["skipped"] and first["documents"] == 6 and first["copy_groups"] == 1
    again = ok_json("link", "--db", db)
    assert again["skipped"] and again["commitments"] == first["commitments"]
    code, out, _ = run("link", "--db", db)
    assert code == 0 and out.startswith("unchanged since the last link")
    code, out, _ = run("link", "--full", "--db", db)
    assert code == 0 and out.startswith("linked 6 documents")


def test_track_json_and_table(db: str) -> None:
    rows = ok_json("track", "--db", db, "--as-of", "2031-07-01")  # links first
    validate("trackerRows", rows)
    assert rows and all(r["as_of"] == "2031-07-01" for r in rows)
    overdue = ok_json("track", "--db", db, "--as-of", "2031-07-01", "--status", "overdue")
    assert {r["status"] for r in overdue} == {"overdue"}
    code, out, _ = run("track", "--db", db, "--as-of", "2031-07-01")
    assert code == 0 and rows[0]["id"] in out and "commitments as of 2031-07-01" in out


def test_series_timeline_thread_diff_copies(db: str) -> None:
    series = ok_json("series", "--db", db, "--as-of", "2032-12-31")
    validate("seriesList", series)
    assert ok_json("timeline", "--db", db, "--as-of", "2032-12-31") == series  # no SERIES
    named = [s for s in series if s["name_en"]]
    for ref in [series[0]["id"], series[0]["name"]] + [s["name_en"] for s in named[:1]]:
        tl = ok_json("timeline", ref, "--db", db, "--as-of", "2032-12-31")
        validate("timeline", tl)
    code, out, _ = run("timeline", series[0]["id"], "--db", db, "--as-of", "2032-12-31")
    assert code == 0 and series[0]["name"] in out
    th = ok_json("thread", "daaaa", "1", "--db", db)
    validate("thread", th)
    assert len(th["items"]) >= 2
    code, out, _ = run("thread", "daaaa", "1", "--db", db)
    assert code == 0 and th["id"] in out
    d = ok_json("diff", "daaaa", "dbbbb", "--db", db)
    validate("diff", d)
    assert d["matched"]
    with Ledger.open(db) as ledger:
        en = next(s.id for s in ledger.documents() if s.title and s.title.startswith("First"))
    g = ok_json("copies", en, "--db", db)
    validate("copies", g)
    assert len(g["copies"]) == 2


def test_override_commands(db: str) -> None:
    rows = ok_json("track", "--db", db, "--as-of", "2031-01-01", "--status", "pending")
    cid = rows[0]["id"]
    stored = ok_json("override", cid, "--status", "fulfilled", "--note", "seen held",
                     "--source", URL, "--author", "analyst", "--db", db)
    validate("override", stored)
    listed = ok_json("overrides", "--db", db)
    assert listed == [stored]
    row = next(r for r in ok_json("track", "--db", db, "--as-of", "2031-01-01") if r["id"] == cid)
    assert (row["status"], row["machine_status"]) == ("fulfilled", "pending")
    code, _, err = run("override", cid, "--status", "done", "--note", "x", "--author", "a",
                       "--db", db)
    assert code == 1 and err.count("\n") == 1 and "unknown status" in err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("thread", "dzzzz", "1"), "no document matches"),
        (("thread", "daaaa", "99"), "has no item 99"),
        (("diff", "daaaa", "dzzzz"), "no document matches"),
        (("timeline", "no such series"), "no series matches"),
        (("track", "--as-of", "2031-02-30"), "not an ISO date"),
        (("track", "--as-of", "2016-12-31x"), "not an ISO date"),
        (("track", "--status", "finished"), "unknown status"),
        (("copies", "dzz"), "no document matches"),
    ],
)
def test_bad_references_are_one_line(db: str, args: tuple[str, ...], needle: str) -> None:
    code, out, err = run(*args, "--db", db)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and needle in err


def test_missing_ledger_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("track", "--db", str(tmp_path / "none.db"))
    assert code == 1 and err.count("\n") == 1 and "no ledger" in err
    assert not (tmp_path / "none.db").exists()
