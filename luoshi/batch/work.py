"""The worker's whole job: read → parse → extract → serialise → prepare one document.

Pure apart from reading the input: no database, no shared state, so it runs the
same in the main process, in a process pool or on a Dask worker elsewhere. Every
exception becomes a ``Failed`` with the one line the CLI prints, so a bad
document never takes its worker (or the run) down with it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from luoshi.batch.tasks import Failed, Outcome, Parsed, Seen, Task, WorkerStats
from luoshi.errors import InputError
from luoshi.model import Document, RawDocument

Reader = Callable[[str, int | None], RawDocument]
Parser = Callable[[RawDocument], Document]


def default_read(target: str, max_bytes: int | None = None) -> RawDocument:
    from luoshi.readers import read

    return read(target) if max_bytes is None else read(target, max_bytes=max_bytes)


def default_parse(raw: RawDocument) -> Document:
    from luoshi.pipeline import parse_raw

    return parse_raw(raw)


def flat(text: str, limit: int = 500) -> str:
    """One line, at most ``limit`` characters (messages must never span lines)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def failure_reason(where: str, exc: BaseException) -> str:
    """Input problems name themselves; anything else is our bug, named by its type."""
    if isinstance(exc, InputError):
        return flat(str(exc))
    return f"{flat(where)}: {flat(f'internal error: {type(exc).__name__}: {exc}')}"


def peak_rss_kb() -> int:
    """This process's peak resident memory (KiB); 0 where the OS does not say."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak // 1024) if os.uname().sysname == "Darwin" else int(peak)


def run_task(
    task: Task,
    read: Reader | None = None,
    parse: Parser | None = None,
    known: Callable[[str], bool] | None = None,
) -> Outcome:
    """Process one task; never raises for anything the document does.

    ``known`` (only where the ledger is at hand, i.e. the serial engine) says
    whether the ledger already holds these bytes: then parsing is skipped.
    """
    from luoshi.store.ingest import serialise_for_ledger
    from luoshi.store.prepare import prepare

    started, cpu = time.perf_counter(), time.process_time()
    try:
        raw = (read or default_read)(task.where, task.max_bytes)
        src = raw.source
        if known is not None and known(src.sha256):
            seen = Seen(task, src.sha256, src.format, src.size, list(raw.warnings))
            seen.stats = WorkerStats(os.getpid(), peak_rss_kb(), time.perf_counter() - started,
                                     time.process_time() - cpu)
            return seen
        doc = (parse or default_parse)(raw)
        record: dict[str, Any] = serialise_for_ledger(doc, task.where)
        # rows, compressed record and search tokens: the writer only inserts them
        prepared = prepare(record, doc.text)
        warnings = list(dict.fromkeys([*raw.warnings, *doc.warnings]))
        outcome: Outcome = Parsed(task, prepared, warnings)
    except Exception as exc:
        outcome = Failed(task, failure_reason(task.where, exc))
    outcome.stats = WorkerStats(os.getpid(), peak_rss_kb(), time.perf_counter() - started,
                                time.process_time() - cpu)
    return outcome
