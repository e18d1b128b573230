"""Streaming a run: bounded window of tasks in flight, results stored in task order.

Why task order and not completion order: storing is not order-free in one corner
case (the same new bytes at a path with history and at a new path: serially the
first in path order decides whether they become a new version or a new
document). Storing in task order makes every engine give exactly the serial
result, the JSON lines come out in the same order, and a killed run has stored a
prefix of its tasks. The cost is a reorder buffer of at most ``window`` results;
workers only stall if one document takes longer than the whole window.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from luoshi.batch.engines import Engine, Pending
from luoshi.batch.tasks import Failed, Outcome, Parsed, Seen, Task, WorkerStats
from luoshi.batch.work import failure_reason
from luoshi.batch.writer import already_held, store, store_seen
from luoshi.store import IngestResult, Ledger

CHECK_BATCH = 256  # tasks per resume-check query


@dataclass(slots=True)
class Stored:
    """One task's end: what the ledger made of it, or why it failed."""

    task: Task
    result: IngestResult | None = None
    reason: str | None = None  # failure, one line
    warnings: list[str] = field(default_factory=list)
    parsed: bool = False  # False: the bytes were already held, nothing was parsed
    stats: WorkerStats | None = None

    @property
    def failed(self) -> bool:
        return self.result is None


@dataclass(slots=True)
class _Held:
    sha256: str


def _write(ledger: Ledger, outcome: Outcome) -> Stored:
    task = outcome.task
    if isinstance(outcome, Failed):
        return Stored(task, reason=outcome.reason, parsed=True, stats=outcome.stats)
    try:
        if isinstance(outcome, Seen):
            result = store_seen(ledger, task, outcome.sha256, outcome.format, outcome.size)
            if result is None:
                return Stored(task, reason=f"{task.where}: content left the ledger during the run",
                              warnings=outcome.warnings, stats=outcome.stats)
            return Stored(task, result, warnings=outcome.warnings, stats=outcome.stats)
        assert isinstance(outcome, Parsed)
        result = store(ledger, outcome)
    except Exception as exc:
        return Stored(task, reason=failure_reason(task.where, exc), warnings=outcome.warnings,
                      parsed=True, stats=outcome.stats)
    return Stored(task, result, warnings=outcome.warnings, parsed=True, stats=outcome.stats)


def _resolve(ledger: Ledger, engine: Engine, task: Task, entry: Pending | _Held) -> Stored:
    if isinstance(entry, _Held):
        result = store_seen(ledger, task, entry.sha256)
        if result is not None:
            return Stored(task, result)
        entry = engine.submit(task)  # removed from the ledger meanwhile: do it properly
    try:
        outcome = entry.result()
    except Exception as exc:  # the engine itself failed (a worker died, a lost connection)
        return Stored(task, reason=f"{task.where}: worker failed: {type(exc).__name__}: {exc}",
                      parsed=True)
    return _write(ledger, outcome)


def run(
    ledger: Ledger,
    tasks: Iterable[Task],
    engine: Engine,
    *,
    window: int | None = None,
    max_bytes: int,
) -> Iterator[Stored]:
    """Yield one ``Stored`` per task, in task order, as soon as it is stored."""
    todo = iter(tasks)
    checked: deque[tuple[Task, str | None]] = deque()
    pending: deque[tuple[Task, Pending | _Held]] = deque()
    in_flight = 0
    while True:
        # top up: at most ``limit`` tasks at the workers, twice that waiting to be stored
        # (the engine may only learn its size once started: ask every time)
        limit = window or (1 if engine.name == "serial" else 8 * engine.workers)
        while in_flight < limit and len(pending) < 2 * limit:
            if not checked:
                batch = list(islice(todo, CHECK_BATCH))
                if not batch:
                    break
                held = already_held(ledger, batch, max_bytes)
                checked.extend((t, held.get(t.index)) for t in batch)
            task, sha = checked.popleft()
            if sha is not None:
                pending.append((task, _Held(sha)))
            else:
                pending.append((task, engine.submit(task)))
                in_flight += 1
        if not pending:
            return
        task, entry = pending.popleft()
        if not isinstance(entry, _Held):
            in_flight -= 1
        yield _resolve(ledger, engine, task, entry)
