"""CLI test fixtures (the fakes themselves live in cli_fakes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_fakes import FICTION_A, FICTION_B, FICTION_C, fake_parse, fake_read
from typer.testing import CliRunner

from luoshi import cli


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "read_document", fake_read)
    monkeypatch.setattr(cli, "parse_document", fake_parse)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of fictional documents, with a hidden file that must be skipped."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(FICTION_A, encoding="utf-8")
    (root / "sub" / "b.txt").write_text(FICTION_B, encoding="utf-8")
    (root / ".hidden.txt").write_text(FICTION_C, encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "c.txt").write_text(FICTION_C, encoding="utf-8")
    return root


@pytest.fixture
def db(ledger_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh ledger URL (SQLite, and PostgreSQL when LUOSHI_TEST_PG_URL is set);
    LUOSHI_DB cleared so the environment cannot leak in."""
    monkeypatch.delenv("LUOSHI_DB", raising=False)
    return ledger_url
