"""`luoshi report`: the follow-through report as one self-contained HTML file.

The edge of ``luoshi.report``: links the ledger if documents changed since
the last link, reads tracker rows, series and timelines through
``luoshi.follow`` and the document summaries from the ledger, renders them
(pure) and writes the file atomically.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from luoshi.cli import (
    DbOption,
    _close_after,
    _guard,
    _open_ledger,
    _owned_stdout,
    _write_atomically,
    error,
)
from luoshi.follow.views import as_of_day
from luoshi.report import ReportInput, render_report
from luoshi.report.quotes import DocText, attach_quotes


def generated_at(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """Now (UTC), or ``SOURCE_DATE_EPOCH`` when set, for reproducible reports."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _texts(ledger: Any, doc_ids: set[str]) -> dict[str, DocText]:
    """Source text, item spans and headings of each document, to quote from."""
    from luoshi.store import LookupFailed

    out: dict[str, DocText] = {}
    for doc in sorted(doc_ids):
        try:
            source = ledger.original(doc)
            record = ledger.record(doc)
        except LookupFailed:
            continue  # cited by id only
        items: dict[int, tuple[int, int]] = {}
        titles: dict[int, str] = {}
        for item in record.get("items") or ():
            number, span = item.get("number"), item.get("span")
            if not isinstance(number, int):
                continue
            if isinstance(span, list) and len(span) == 2:
                items.setdefault(number, (int(span[0]), int(span[1])))
            if item.get("title"):
                titles.setdefault(number, str(item["title"]))
        out[doc] = DocText(source, items, titles)
    return out


def gather(ledger: Any, as_of: str, stamp: str) -> ReportInput:
    """Everything the report shows, read from ``ledger`` as of ``as_of``."""
    from luoshi import follow

    notes: list[str] = []
    summary = follow.link_ledger(ledger)
    if summary.orphaned_overrides:
        n = len(summary.orphaned_overrides)
        notes.append(
            f"{n} 条分析员更正所指的承诺已不在账本中 · {n} analyst override(s) refer to "
            "commitments no longer in the ledger (see `luoshi overrides`)"
        )
    rows = follow.track_rows(ledger, as_of=as_of)
    # as of the report's day: "today" would list nothing for documents dated later
    series = follow.list_series(ledger, as_of=as_of)
    timelines = []
    listed = []
    for s in series:
        try:
            timelines.append(follow.timeline(ledger, str(s["id"]), as_of=as_of))
        except follow.LookupFailed:
            continue  # a mechanism first mentioned after the as-of date
        listed.append(s)
    wanted = {str(r.get("doc")) for r in rows} | {
        str(src.get("doc"))
        for t in timelines
        for o in t.get("occurrences") or ()
        for src in o.get("sources") or ()
    }
    rows, timelines = attach_quotes(rows, timelines, _texts(ledger, wanted))
    documents = [d.to_dict() for d in ledger.documents()]
    if not documents:
        notes.append(
            "账本中没有文件 · the ledger holds no documents yet: `luoshi ingest FILES` first"
        )
    return ReportInput(
        as_of=as_of,
        generated_at=stamp,
        rows=rows,
        series=listed,
        timelines=timelines,
        documents=documents,
        notes=notes,
    )


def register(app: typer.Typer) -> None:
    @app.command("report")
    @_guard
    def report_cmd(
        output: Annotated[
            Path, typer.Option("--output", "-o", help="The HTML file to write.")
        ] = Path("report.html"),
        as_of: Annotated[
            str | None,
            typer.Option(
                "--as-of",
                help="Statuses as of this date (YYYY-MM-DD) [default: today].",
                show_default=False,
            ),
        ] = None,
        db: DbOption = None,
    ) -> None:
        """Write the follow-through report: one self-contained HTML file with charts."""
        try:
            day = as_of_day(as_of)
        except ValueError:
            error("--as-of", f"not a date: {as_of!r} (use YYYY-MM-DD)")
            raise typer.Exit(2) from None
        with _owned_stdout():
            ledger = _open_ledger(db, must_exist=True)
            if ledger is None:
                from luoshi.store import display_url, resolve_db_url

                where = display_url(resolve_db_url(db))
                error(where, "no ledger here: ingest documents first (`luoshi ingest FILES`)")
                raise typer.Exit(1)
            data = _close_after(ledger, lambda: gather(ledger, day, generated_at()))
            html = render_report(data)
            try:
                _write_atomically(output, html)
            except OSError as exc:
                error(str(output), exc.strerror or str(exc))
                raise typer.Exit(1) from None
        sys.stderr.write(
            f"wrote {output} ({len(data.rows)} commitments, {len(data.timelines)} series)\n"
        )
