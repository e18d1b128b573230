"""A run killed mid-way (kill -9) resumes: nothing half-written, nothing twice,
and finished documents are not parsed again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from batch_corpus import ledger_rows, write_corpus
from typer.testing import CliRunner

from luoshi import cli
from luoshi.cli import app

COUNT = 40


def _kill_after(cmd: list[str], lines: int) -> list[dict]:
    """Run ``cmd`` in its own process group; SIGKILL the group after ``lines`` JSON lines."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True, text=True)
    seen: list[dict] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            seen.append(json.loads(line))
            if len(seen) >= lines:
                break
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its worker processes
        proc.wait()
    return seen


def test_killed_run_resumes_without_redoing_or_duplicating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "lists"
    write_corpus(folder, COUNT, items=30)  # big enough that the kill lands mid-run
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    cmd = [str(Path(sys.executable).parent / "luoshi"), "ingest", "--json", "--workers", "2",
           "--db", url, str(folder)]
    seen = _kill_after(cmd, lines=5)
    assert [r["status"] for r in seen] == ["added"] * 5

    stored = {row[2] for row in ledger_rows(url)["sources"]}
    assert 5 <= len(stored) < COUNT, "the run should have been killed part-way"

    parsed: list[str] = []
    real_parse = cli.parse_document

    def counting_parse(raw):  # type: ignore[no-untyped-def]
        parsed.append(raw.source.path)
        return real_parse(raw)

    monkeypatch.setattr(cli, "parse_document", counting_parse)
    result = CliRunner().invoke(app, ["ingest", "--json", "--db", url, str(folder)])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    status = {r["location"]: r["status"] for r in rows}
    assert {loc for loc, s in status.items() if s == "unchanged"} == stored
    assert {loc for loc, s in status.items() if s == "added"} == set(status) - stored
    assert sorted(str(Path(p).resolve()) for p in parsed) == sorted(set(status) - stored)

    after = ledger_rows(url)
    assert len(after["documents"]) == COUNT
    assert len(after["versions"]) == COUNT
    assert len({v[2] for v in after["versions"]}) == COUNT  # no sha256 twice
    assert len(after["sources"]) == COUNT
    # every stored document is whole: all 30 items of each list
    per_doc: dict[str, int] = {}
    for doc_id, *_ in after["items"]:
        per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
    assert set(per_doc.values()) == {30}
