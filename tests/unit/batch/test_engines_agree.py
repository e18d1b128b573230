"""Every engine stores exactly what a serial run stores, and reports the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_corpus import fictional_list, ledger_rows
from typer.testing import CliRunner

from luoshi.cli import app


def ingest(db: str, *args: str) -> tuple[int, list[dict], str]:
    # no progress lines: a slow start on a busy machine must not change stderr
    result = CliRunner().invoke(
        app, ["ingest", "--json", "--progress-every", "3600", "--db", db, *args]
    )
    assert "Traceback" not in result.stderr
    return result.exit_code, [json.loads(x) for x in result.stdout.splitlines()], result.stderr





@pytest.mark.parametrize(
    "engine_args",
    [["--workers", "2"], ["--engine", "dask", "--workers", "2"]],
    ids=["processes", "dask"],
)
def test_parallel_run_equals_serial(fiction: Path, tmp_path: Path, engine_args: list[str]) -> None:
    serial_db = f"sqlite:///{tmp_path / 'serial.db'}"
    parallel_db = f"sqlite:///{tmp_path / 'parallel.db'}"
    code_s, rows_s, err_s = ingest(serial_db, str(fiction))
    code_p, rows_p, err_p = ingest(parallel_db, *engine_args, str(fiction))
    # one failure, reported with its reason, and the run went on to the end
    assert (code_s, code_p) == (1, 1)
    empty = fiction / "lists" / "doc004-empty.txt"
    assert f"error: {empty}: empty file" in err_s.splitlines()
    assert err_p == err_s
    assert [r["status"] for r in rows_s].count("added") == 11
    # same JSON lines in the same (input) order, same rows in the ledger
    assert rows_p == rows_s
    assert {"path": str(empty), "location": str(empty.resolve()), "status": "failed",
            "error": f"{empty}: empty file"} in rows_p
    assert ledger_rows(parallel_db) == ledger_rows(serial_db)
    assert len(ledger_rows(serial_db)["facts"]) > 0


def test_new_versions_and_copies_match_serial(fiction: Path, tmp_path: Path) -> None:
    """Changed bytes at a known path → a new version; the same bytes at a new path →
    only provenance, whichever worker finishes first."""
    dbs = {name: f"sqlite:///{tmp_path / (name + '.db')}" for name in ("serial", "pool")}
    lists = fiction / "lists"
    for db in dbs.values():
        ingest(db, str(lists))
    (lists / "doc001.txt").write_text(fictional_list(1) + "7、附则：本清单为虚构。\n",
                                      encoding="utf-8")
    (lists / "doc001z-copy.txt").write_bytes((lists / "doc001.txt").read_bytes())
    (lists / "doc009.txt").write_text(fictional_list(9), encoding="utf-8")
    _, rows_s, _ = ingest(dbs["serial"], str(lists))
    _, rows_p, _ = ingest(dbs["pool"], "--workers", "2", str(lists))
    assert rows_p == rows_s
    statuses = {Path(r["path"]).name: r["status"] for r in rows_s}
    assert statuses["doc001.txt"] == "new-version"
    assert statuses["doc001z-copy.txt"] == "new-source"
    assert statuses["doc009.txt"] == "added"
    assert statuses["doc002.txt"] == "unchanged"
    assert ledger_rows(dbs["pool"]) == ledger_rows(dbs["serial"])


def test_unknown_engine_and_conflicting_options_are_one_line(fiction: Path, tmp_path: Path
                                                             ) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    runner = CliRunner()
    for args, problem in [
        (["--engine", "spark"], "error: --engine: unknown engine 'spark'"),
        (["--engine", "serial", "--workers", "2"], "error: --workers: the serial engine"),
        (["--engine", "processes", "--scheduler", "tcp://h:1"], "error: --scheduler:"),
    ]:
        result = runner.invoke(app, ["ingest", "--db", db, *args, str(fiction)])
        assert result.exit_code == 2
        assert result.stderr.startswith(problem)
        assert len(result.stderr.splitlines()) == 1


def test_local_dask_workers_do_not_profile_themselves() -> None:
    """Their kept profiles grew each worker by ~150 MB over 10^5 documents."""
    pytest.importorskip("dask.distributed")
    from luoshi.batch.engines.dask import DaskEngine

    engine = DaskEngine(1)
    try:
        assert list(engine.worker_config("distributed.worker.profile.enabled").values()) == [False]
    finally:
        engine.close()
