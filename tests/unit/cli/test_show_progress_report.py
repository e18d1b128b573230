"""`luoshi show` of a progress report: its own as-of date beside the round it reports on."""

from __future__ import annotations

from rich.console import Console

from luoshi.cli import render_document


def _record(**extra: object) -> dict[str, object]:
    rec: dict[str, object] = {
        "ledger": {"id": "d0123456789", "version": 1, "versions": 1, "sha256": "0" * 64,
                   "sources": []},
        "title": "第九轮中美虚构对话成果落实情况", "kind": "progress-report",
        "published": "2031-09-20", "publisher": None, "source": {"format": "text"},
        "meeting": {"round": 9, "mechanism": "中美虚构对话", "start": "2031-03-02",
                    "end": "2031-03-03", "venue": "虚构市"},
        "sections": [], "items": [], "defects": [], "warnings": [], "events": [],
    }
    rec.update(extra)
    return rec


def _shown(rec: dict[str, object]) -> str:
    console = Console(record=True, width=200)
    render_document(console, rec)
    return console.export_text()


def test_a_progress_report_shows_its_as_of_date_and_the_round_it_reports_on() -> None:
    out = _shown(_record(as_of="2031-09-15"))
    assert "as of 2031-09-15" in out
    assert "round 9 · 中美虚构对话 · 2031-03-02–2031-03-03" in out


def test_a_record_without_as_of_shows_none() -> None:
    assert "as of" not in _shown(_record(kind="outcome-list"))
