"""`luoshi parse`: JSONL that validates, readable summaries, failures, clean stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_fakes import FICTION_C
from typer.testing import CliRunner

from luoshi import cli
from luoshi.cli import app
from luoshi.schema import validate_document

pytestmark = pytest.mark.usefixtures("fake_pipeline")


def test_json_is_one_valid_object_per_line(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(app, ["parse", "--json", str(corpus / "a.txt"), str(corpus / "sub")])
    assert result.exit_code == 0
    assert result.stderr == ""
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    for rec in records:
        validate_document(rec)
    assert records[0]["meeting"]["round"] == 3
    assert [i["number"] for i in records[0]["items"]] == [1, 2, 3, 5]
    # every span points into the source text the user has
    text = (corpus / "a.txt").read_text(encoding="utf-8")
    for item in records[0]["items"]:
        assert text[item["span"][0] : item["span"][1]] == item["label"] + item["text"]


def test_parse_does_not_create_a_database(
    runner: CliRunner, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["parse", str(corpus / "a.txt")]).exit_code == 0
    assert not (tmp_path / "luoshi.db").exists()


def test_summary_names_title_meeting_counts_and_defects(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(app, ["parse", str(corpus / "a.txt")])
    assert result.exit_code == 0
    out = result.stdout
    assert "第3轮虚构对话成果清单" in out
    assert "outcome-list" in out
    assert "round 3" in out
    assert "2 sections · 4 items · 1 defects" in out
    assert "numbering-gap" in out and "item 4 missing" in out


def test_failures_are_one_line_each_and_exit_one(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x81")
    crash = tmp_path / "crash.txt"
    crash.write_text(FICTION_C + "触发内部错误\n", encoding="utf-8")
    result = runner.invoke(app, ["parse", "--json", str(bad), str(corpus / "a.txt"), str(crash)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {bad}: not UTF-8 text",
        f"error: {crash}: internal error: RuntimeError: simulated parser bug",
    ]
    assert len(result.stdout.splitlines()) == 1
    validate_document(json.loads(result.stdout))


def test_library_chatter_on_stdout_goes_to_stderr(
    runner: CliRunner, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_parse = cli.parse_document

    def chatty(raw):  # type: ignore[no-untyped-def]
        print("Building prefix dict from the default dictionary ...")
        return real_parse(raw)

    monkeypatch.setattr(cli, "parse_document", chatty)
    result = runner.invoke(app, ["parse", "--json", str(corpus / "a.txt")])
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert "Building prefix dict" in result.stderr


SUBPROCESS = """
import os, sys
sys.path.insert(0, {fakes!r})
import cli_fakes
from luoshi import cli

def noisy(raw):
    print("python-level banner")
    os.write(1, b"fd-level banner\\n")  # as a C extension would
    return cli_fakes.fake_parse(raw)

cli.read_document = cli_fakes.fake_read
cli.parse_document = noisy
cli.app(["parse", "--json", {path!r}], prog_name="luoshi")
"""


def test_stdout_stays_clean_even_at_file_descriptor_level(corpus: Path) -> None:
    code = SUBPROCESS.format(fakes=str(Path(__file__).parent), path=str(corpus / "a.txt"))
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.splitlines()
    validate_document(json.loads(line))
    assert "python-level banner" in proc.stderr
    assert "fd-level banner" in proc.stderr


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip().startswith("luoshi ")
