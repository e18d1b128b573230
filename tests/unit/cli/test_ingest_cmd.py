"""`luoshi ingest`: summary counts, idempotence, versions, provenance, failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_fakes import FICTION_A, FICTION_C
from typer.testing import CliRunner

from luoshi.cli import app
from luoshi.store import Ledger

pytestmark = pytest.mark.usefixtures("fake_pipeline")


def counts(db: str) -> dict[str, int]:
    with Ledger.open(db) as ledger:
        return ledger.row_counts()


def listing(runner: CliRunner, db: str) -> list[dict]:
    result = runner.invoke(app, ["list", "--json", "--db", db])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ingest(runner: CliRunner, db: str, *paths: object) -> tuple[int, str, str]:
    result = runner.invoke(app, ["ingest", "--db", db, *map(str, paths)])
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_folder_is_walked_recursively_without_hidden_files(
    runner: CliRunner, corpus: Path, db: str
) -> None:
    code, out, err = ingest(runner, db, corpus)
    assert (code, err) == (0, "")
    assert out.strip() == "2 added, 0 new versions, 0 unchanged, 0 failed"
    paths = sorted(s["path"] for d in listing(runner, db) for s in d["sources"])
    assert paths == [str((corpus / "a.txt").resolve()), str((corpus / "sub" / "b.txt").resolve())]


def test_second_ingest_changes_nothing(runner: CliRunner, corpus: Path, db: str) -> None:
    ingest(runner, db, corpus)
    before = counts(db)
    code, out, _ = ingest(runner, db, corpus)
    assert code == 0
    assert out.strip() == "0 added, 0 new versions, 2 unchanged, 0 failed"
    assert counts(db) == before


def test_changed_file_becomes_version_two(runner: CliRunner, corpus: Path, db: str) -> None:
    ingest(runner, db, corpus)
    [doc_id] = [d["id"] for d in listing(runner, db) if d["round"] == 3]
    (corpus / "a.txt").write_text(FICTION_A + "6、附则：本清单以中文为准。\n", encoding="utf-8")
    code, out, _ = ingest(runner, db, corpus)
    assert code == 0
    assert out.strip() == "0 added, 1 new version, 1 unchanged, 0 failed"
    [doc] = [d for d in listing(runner, db) if d["id"] == doc_id]
    assert (doc["versions"], doc["version"], doc["items"]) == (2, 2, 5)
    assert len(listing(runner, db)) == 2


def test_identical_content_at_new_path_is_one_document_two_sources(
    runner: CliRunner, corpus: Path, tmp_path: Path, db: str
) -> None:
    ingest(runner, db, corpus / "a.txt")
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    shutil.copy(corpus / "a.txt", mirror / "copy-of-a.txt")
    code, out, _ = ingest(runner, db, mirror / "copy-of-a.txt")
    assert code == 0
    assert out.strip() == "0 added, 0 new versions, 1 unchanged, 0 failed"
    [doc] = listing(runner, db)
    assert len(doc["sources"]) == 2
    assert {s["sha256"] for s in doc["sources"]} == {doc["sha256"]}
    assert counts(db)["versions"] == 1


def test_bad_file_mid_batch_fails_alone(runner: CliRunner, corpus: Path, db: str) -> None:
    ingest(runner, db, corpus / "sub")  # the ledger already holds something
    held = listing(runner, db)
    bad = corpus / "aa-broken.txt"  # sorts between a.txt and sub/
    bad.write_bytes(b"\xff\xfe\x00garbage\x81")
    code, out, err = ingest(runner, db, corpus)
    assert code == 1
    assert err.splitlines() == [f"error: {bad}: not UTF-8 text"]
    assert out.strip() == "1 added, 0 new versions, 1 unchanged, 1 failed"
    after = listing(runner, db)
    assert [d["id"] for d in after][: len(held)] == [d["id"] for d in held]
    assert len(after) == 2


def test_internal_error_is_one_line_and_others_continue(
    runner: CliRunner, corpus: Path, db: str
) -> None:
    crash = corpus / "a0-crash.txt"
    crash.write_text(FICTION_C + "触发内部错误\n", encoding="utf-8")
    code, out, err = ingest(runner, db, corpus)
    assert code == 1
    assert err.splitlines() == [
        f"error: {crash}: internal error: RuntimeError: simulated parser bug"
    ]
    assert out.strip() == "2 added, 0 new versions, 0 unchanged, 1 failed"


def test_database_failure_mid_document_leaves_ledger_intact(
    runner: CliRunner, corpus: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cli_fakes

    from luoshi import cli

    ingest(runner, db, corpus / "sub")
    before = counts(db)

    def parse_with_broken_item(raw):  # type: ignore[no-untyped-def]
        doc = cli_fakes.fake_parse(raw)
        if doc.meeting.round == 3:
            doc.items[-1].span = None  # items.span_start is NOT NULL: fails mid-write
        return doc

    monkeypatch.setattr(cli, "parse_document", parse_with_broken_item)
    code, out, err = ingest(runner, db, corpus)
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith(f"error: {corpus / 'a.txt'}: internal error: IntegrityError:")
    assert counts(db) == before
    assert out.strip() == "0 added, 0 new versions, 1 unchanged, 1 failed"


def test_missing_path_is_reported_and_counted(runner: CliRunner, corpus: Path, db: str) -> None:
    code, out, err = ingest(runner, db, corpus / "nope.txt", corpus / "a.txt")
    assert code == 1
    assert err.splitlines() == [f"error: {corpus / 'nope.txt'}: no such file or directory"]
    assert out.strip() == "1 added, 0 new versions, 0 unchanged, 1 failed"


def test_url_failure_is_one_line(runner: CliRunner, db: str) -> None:
    code, _, err = ingest(runner, db, "https://example.invalid/list.html")
    assert code == 1
    assert err.splitlines() == ["error: https://example.invalid/list.html: network is off in tests"]


def test_max_bytes_is_passed_to_the_reader(runner: CliRunner, corpus: Path, db: str) -> None:
    result = runner.invoke(app, ["ingest", "--db", db, "--max-bytes", "50", str(corpus / "a.txt")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {corpus / 'a.txt'}: larger than --max-bytes")


def test_reader_warnings_are_warning_lines(runner: CliRunner, tmp_path: Path, db: str) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(FICTION_C + "草稿\n", encoding="utf-8")
    code, _, err = ingest(runner, db, draft)
    assert code == 0
    assert err.splitlines() == [f"warning: {draft}: looks like a draft"]


def test_db_from_environment_and_plain_path(
    runner: CliRunner, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_db = tmp_path / "env.db"
    monkeypatch.setenv("LUOSHI_DB", str(env_db))
    result = runner.invoke(app, ["ingest", str(corpus / "a.txt")])
    assert result.exit_code == 0
    assert env_db.exists()
    assert counts(f"sqlite:///{env_db}")["documents"] == 1
    plain = tmp_path / "plain.db"
    assert runner.invoke(app, ["ingest", "--db", str(plain), str(corpus)]).exit_code == 0
    assert counts(f"sqlite:///{plain}")["documents"] == 2


def test_ingest_json_reports_each_document(runner: CliRunner, corpus: Path, db: str) -> None:
    result = runner.invoke(app, ["ingest", "--json", "--db", db, str(corpus)])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["added", "added"]
    assert {r["id"] for r in rows} == {d["id"] for d in listing(runner, db)}
    assert result.stderr.strip() == "2 added, 0 new versions, 0 unchanged, 0 failed"


def test_ledger_that_cannot_be_opened_is_one_line(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "dir.db"
    blocker.mkdir()  # a folder where the SQLite file should be
    result = runner.invoke(app, ["ingest", "--db", str(blocker), str(corpus)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: sqlite:///{blocker}: cannot open ledger:")


def test_ingest_skips_the_ledger_file_itself(runner: CliRunner, corpus: Path) -> None:
    db_path = corpus / "ledger.db"
    code, out, err = ingest(runner, str(db_path), corpus)
    code, out, err = ingest(runner, str(db_path), corpus)
    assert (code, err) == (0, "")
    assert out.strip() == "0 added, 0 new versions, 2 unchanged, 0 failed"


def test_warning_that_names_its_file_is_not_prefixed_twice(
    runner: CliRunner, tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cli_fakes

    from luoshi import cli

    page = tmp_path / "page.txt"
    page.write_text(FICTION_C, encoding="utf-8")

    def read_with_named_warning(target: str, max_bytes: int | None = None):  # type: ignore[no-untyped-def]
        raw = cli_fakes.fake_read(target, max_bytes)
        raw.warnings.append(f"{target}: mislabelled: content is plain text")
        return raw

    monkeypatch.setattr(cli, "read_document", read_with_named_warning)
    code, _, err = ingest(runner, db, page)
    assert code == 0
    assert err.splitlines() == [f"warning: {page}: mislabelled: content is plain text"]


def test_ingest_links_the_ledger_unless_told_not_to(
    runner: CliRunner, corpus: Path, db: str, tmp_path: Path
) -> None:
    from luoshi.follow import link_ledger

    code, _, _ = ingest(runner, db, corpus)
    assert code == 0
    with Ledger.open(db) as ledger:
        summary = link_ledger(ledger)
    assert summary.skipped and summary.documents == 2  # ingest already linked both

    other = f"sqlite:///{tmp_path / 'unlinked.db'}"
    result = runner.invoke(app, ["ingest", "--no-link", "--db", other, str(corpus)])
    assert result.exit_code == 0, result.stderr
    with Ledger.open(other) as ledger:
        assert not link_ledger(ledger).skipped  # nothing was linked before
