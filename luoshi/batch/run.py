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
from dataclasses import dataclass
from itertools import islice

from luoshi.batch.engines import Engine, Pending
from luoshi.batch.tasks import Outcome, Task
from luoshi.batch.writer import BATCH_DOCS, BatchWriter, Stored, already_held
from luoshi.store import Ledger

__all__ = ["CHECK_BATCH", "Stored", "run"]

CHECK_BATCH = 256  # tasks per resume-check query


@dataclass(slots=True)
class _Held:
    sha256: str


def _ready(entry: Pending) -> bool:
    """Whether ``entry.result()`` would return at once (futures say; the serial engine's
    results are always ready)."""
    done = getattr(entry, "done", None)
    return True if done is None else bool(done())


def _outcome(task: Task, entry: Pending) -> Outcome | str:
    """The worker's outcome, or why the engine itself failed (a worker died, a lost
    connection) as the one-line reason."""
    try:
        return entry.result()
    except Exception as exc:
        return f"{task.where}: worker failed: {type(exc).__name__}: {exc}"


def _add(writer: BatchWriter, task: Task, entry: Pending) -> None:
    got = _outcome(task, entry)
    if isinstance(got, str):
        writer.add_failure(task, got)
    else:
        writer.add(got)


def run(
    ledger: Ledger,
    tasks: Iterable[Task],
    engine: Engine,
    *,
    window: int | None = None,
    max_bytes: int,
    batch: int = BATCH_DOCS,
) -> Iterator[Stored]:
    """Yield one ``Stored`` per task, in task order, once its transaction has committed.

    Up to ``batch`` documents share a transaction (luoshi.batch.writer); stopping
    the iteration part-way rolls back the documents not yet yielded.
    """
    todo = iter(tasks)
    checked: deque[tuple[Task, str | None]] = deque()
    pending: deque[tuple[Task, Pending | _Held]] = deque()
    in_flight = 0
    writer = BatchWriter(ledger, size=batch)
    try:
        while True:
            # top up: at most ``limit`` tasks at the workers, twice that waiting to be
            # stored (the engine may only learn its size once started: ask every time)
            limit = window or (1 if engine.name == "serial" else 8 * engine.workers)
            while in_flight < limit and len(pending) < 2 * limit:
                if not checked:
                    chunk = list(islice(todo, CHECK_BATCH))
                    if not chunk:
                        break
                    held = already_held(ledger, chunk, max_bytes)
                    checked.extend((t, held.get(t.index)) for t in chunk)
                task, sha = checked.popleft()
                if sha is not None:
                    pending.append((task, _Held(sha)))
                else:
                    pending.append((task, engine.submit(task)))
                    in_flight += 1
            if not pending:
                break
            task, entry = pending.popleft()
            if isinstance(entry, _Held):
                if not writer.add_held(task, entry.sha256):
                    # removed from the ledger meanwhile: do it properly
                    _add(writer, task, engine.submit(task))
            else:
                in_flight -= 1
                if writer.due(waiting=not _ready(entry)):
                    yield from writer.commit()
                _add(writer, task, entry)
            if writer.due():
                yield from writer.commit()
        yield from writer.commit()
    finally:
        writer.close()
