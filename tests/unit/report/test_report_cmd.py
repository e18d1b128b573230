"""`luoshi report` end to end on the bundled fictional samples (samples/)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from luoshi.cli import app

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
PINNED = "1999999999"  # SOURCE_DATE_EPOCH: 2033-05-18T03:33:19Z


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LUOSHI_DB", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED)


@pytest.fixture
def ledger(tmp_path: Path, env: None) -> str:
    db = str(tmp_path / "samples.db")
    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--db", db])
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture
def any_ledger(ledger_url: str, env: None) -> str:
    """The samples in a ledger on each backend (PostgreSQL when configured)."""
    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--db", ledger_url])
    assert result.exit_code == 0, result.stderr
    return ledger_url


def _report(db: str, out: Path, *extra: str):
    return CliRunner().invoke(app, ["report", "--db", db, "-o", str(out), *extra])


def test_report_on_the_samples(any_ledger: str, tmp_path: Path):
    out = tmp_path / "report.html"
    result = _report(any_ledger, out, "--as-of", "2032-06-01")
    assert result.exit_code == 0, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith(f"wrote {out} (") and " commitments, " in line
    assert result.stdout == ""
    tree = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert "2032-06-01" in tree.xpath("//header")[0].text_content()
    assert "2033-05-18T03:33:19Z" in tree.xpath("//header")[0].text_content()
    assert tree.xpath("//section[@id='by-round']//svg")
    docs = tree.xpath("//section[@id='documents']//tbody/tr")
    assert len(docs) == 3
    # the samples' mechanisms (dated after today's date in the real world) have timelines
    articles = tree.xpath("//section[@id='timelines']//article")
    assert len(articles) >= 3
    assert tree.xpath("//article[contains(h3, '卫生专家磋商')]//svg//circle[@class='held']")
    # every commitment row quotes a sentence with its clause marked
    rows = tree.xpath("//section[@id='commitments']//tbody/tr")
    assert rows and all(r.xpath(".//blockquote/mark") for r in rows)


def test_same_ledger_same_bytes(ledger: str, tmp_path: Path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert _report(ledger, a, "--as-of", "2032-06-01").exit_code == 0
    assert _report(ledger, b, "--as-of", "2032-06-01").exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_missing_ledger_is_one_error_line(tmp_path: Path, env: None):
    out = tmp_path / "report.html"
    result = _report(str(tmp_path / "none.db"), out)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "ingest" in result.stderr and not out.exists()
    assert not (tmp_path / "none.db").exists()


def test_bad_as_of_is_a_usage_error(ledger: str, tmp_path: Path):
    result = _report(ledger, tmp_path / "r.html", "--as-of", "2032-13-45")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --as-of: not a date: '2032-13-45' (use YYYY-MM-DD)"


def test_unwritable_output_is_one_error_line(ledger: str, tmp_path: Path):
    result = _report(ledger, tmp_path / "no" / "such" / "dir.html")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'no' / 'such' / 'dir.html'}: ")
    assert result.stderr.count("\n") == 1


def test_empty_ledger_gives_an_empty_but_valid_report(tmp_path: Path, env: None):
    from luoshi.store import Ledger, resolve_db_url

    db = str(tmp_path / "empty.db")
    Ledger.open(resolve_db_url(db)).close()
    out = tmp_path / "report.html"
    result = _report(db, out, "--as-of", "2032-06-01")
    assert result.exit_code == 0, result.stderr
    assert "(0 commitments, 0 series)" in result.stderr
    tree = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert "no documents yet" in tree.xpath("//aside")[0].text_content()
