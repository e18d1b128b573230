"""The five seeds through the CLI into SQLite and into PostgreSQL: the same answers.

Every command's JSON output must be identical on the two backends apart from
timestamps (when things were ingested or linked). Skipped without the seeds or
without LUOSHI_TEST_PG_URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from backends import SEEDS, fresh_pg_database, pg_server_url
from typer.testing import CliRunner

from luoshi.cli import app

pytestmark = pytest.mark.seeds

# when something happened, not what: differs between any two runs
TIMESTAMP_KEYS = frozenset(
    {"created_at", "ingested_at", "first_seen", "last_seen", "linked_at", "seconds"}
)


def without_timestamps(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_timestamps(v) for k, v in value.items() if k not in TIMESTAMP_KEYS}
    if isinstance(value, list):
        return [without_timestamps(v) for v in value]
    return value


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def has_command(name: str) -> bool:
    return CliRunner().invoke(app, [name, "--help"]).exit_code == 0


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Both ledgers, each filled by `luoshi ingest` (and `luoshi link`) from the seeds."""
    if not SEEDS.is_dir():
        pytest.skip("the real corpus (../shared/corpus/seeds) is not beside this checkout")
    server = pg_server_url()
    sqlite = f"sqlite:///{tmp_path_factory.mktemp('backends') / 'seeds.db'}"
    with fresh_pg_database(server) as pg:
        for db in (sqlite, pg):
            out = run(db, "ingest", str(SEEDS))
            assert out.strip().endswith("0 failed")
            if has_command("link"):
                run(db, "link")
        yield {"sqlite": sqlite, "postgresql": pg}


def both(ledgers: dict[str, str], *args: str) -> tuple[Any, Any]:
    return tuple(
        without_timestamps(json.loads(run(ledgers[b], *args))) for b in ("sqlite", "postgresql")
    )  # type: ignore[return-value]


def test_list_is_the_same(ledgers: dict[str, str]) -> None:
    on_sqlite, on_pg = both(ledgers, "list", "--json")
    assert len(on_sqlite) == len(list(Path(SEEDS).iterdir())) == 5
    assert on_sqlite == on_pg


def test_show_is_the_same_for_every_document(ledgers: dict[str, str]) -> None:
    ids = [d["id"] for d in json.loads(run(ledgers["sqlite"], "list", "--json"))]
    items = 0
    for doc_id in ids:
        on_sqlite, on_pg = both(ledgers, "show", doc_id, "--json")
        assert on_sqlite["ledger"]["id"] == doc_id
        assert on_sqlite == on_pg, doc_id
        items += len(on_sqlite["items"])
    assert items > 100


def test_exported_facts_are_the_same(ledgers: dict[str, str]) -> None:
    lines = [
        run(ledgers[b], "export", "--what", "facts", "--format", "jsonl").splitlines()
        for b in ("sqlite", "postgresql")
    ]
    assert len(lines[0]) > 1000  # the seeds hold thousands of facts
    assert lines[0] == lines[1]  # same rows, same order, byte for byte


def test_exported_commitments_csv_is_the_same(ledgers: dict[str, str]) -> None:
    on_sqlite, on_pg = (
        run(ledgers[b], "export", "--what", "commitments", "--format", "csv")
        for b in ("sqlite", "postgresql")
    )
    assert on_sqlite.count("\n") > 100
    assert on_sqlite == on_pg


@pytest.mark.parametrize("command", [("track", "--json"), ("series", "--json")])
def test_follow_views_are_the_same(ledgers: dict[str, str], command: tuple[str, ...]) -> None:
    if not has_command(command[0]):
        pytest.skip(f"no `luoshi {command[0]}` command in this build")
    on_sqlite, on_pg = both(ledgers, *command)
    assert on_sqlite  # something to compare
    assert on_sqlite == on_pg


def test_luoshi_db_environment_variable_selects_postgresql(
    ledgers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LUOSHI_DB", ledgers["postgresql"])
    result = CliRunner().invoke(app, ["list", "--json"])
    assert result.exit_code == 0, result.stderr
    assert without_timestamps(json.loads(result.stdout)) == both(ledgers, "list", "--json")[1]


def test_per_document_follow_views_are_the_same(ledgers: dict[str, str]) -> None:
    if not has_command("copies"):
        pytest.skip("no follow commands in this build")
    docs = json.loads(run(ledgers["sqlite"], "list", "--json"))
    for doc in docs:
        on_sqlite, on_pg = both(ledgers, "copies", doc["id"], "--json")
        assert on_sqlite == on_pg, doc["id"]
        if doc["items"]:
            on_sqlite, on_pg = both(ledgers, "thread", doc["id"], "1", "--json")
            assert on_sqlite == on_pg, doc["id"]
    on_sqlite, on_pg = both(ledgers, "diff", docs[0]["id"], docs[1]["id"], "--json")
    assert on_sqlite == on_pg
    series = json.loads(run(ledgers["sqlite"], "series", "--json"))
    for one in series[:5]:
        on_sqlite, on_pg = both(ledgers, "timeline", one["id"], "--json")
        assert on_sqlite["occurrences"] and on_sqlite == on_pg


def test_an_override_reads_back_the_same(ledgers: dict[str, str]) -> None:
    if not has_command("override"):
        pytest.skip("no `luoshi override` in this build")
    [first, *_] = json.loads(run(ledgers["sqlite"], "track", "--json"))
    for db in ledgers.values():
        run(db, "override", first["id"], "--status", "fulfilled", "--author", "fictional analyst",
            "--note", "a fictional note", "--at", "2024-01-02T03:04:05+00:00")  # fmt: skip
    on_sqlite, on_pg = both(ledgers, "overrides", "--json")
    assert [o["note"] for o in on_sqlite] == ["a fictional note"]
    assert on_sqlite == on_pg
    tracked = both(ledgers, "track", "--json")
    assert tracked[0] == tracked[1]
    assert next(r for r in tracked[1] if r["id"] == first["id"])["status"] == "fulfilled"
