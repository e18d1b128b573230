"""Engines run the worker function over tasks; the writer never knows which one.

All three share one small interface (``Engine``): ``submit(task)`` returns a
future-like object whose ``result()`` is the task's ``Outcome``, and ``close()``
releases the processes. The caller bounds how many tasks are in flight, so an
engine never holds more than that window of tasks or results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from luoshi.batch.tasks import Outcome, Task

ENGINES = ("serial", "processes", "dask")


class Pending(Protocol):
    def result(self) -> Outcome: ...


class Engine(Protocol):
    name: str
    workers: int  # processes doing the work (for the window size and the report)

    def submit(self, task: Task) -> Pending: ...

    def close(self) -> None: ...


class EngineUnavailable(RuntimeError):
    """The workers could not be started (no such scheduler, no processes)."""


class Lazy:
    """Starts the engine at the first task: a resumed run whose documents are all
    held already never starts a cluster."""

    def __init__(self, name: str, workers: int, start: Callable[[], Engine]) -> None:
        self.name = name
        self.workers = workers
        self._start = start
        self._engine: Engine | None = None

    def submit(self, task: Task) -> Pending:
        if self._engine is None:
            try:
                self._engine = self._start()
            except Exception as exc:
                raise EngineUnavailable(f"{type(exc).__name__}: {exc}") from exc
            self.workers = self._engine.workers
        return self._engine.submit(task)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()


def open_engine(
    name: str,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    work: Callable[[Task], Outcome] | None = None,
) -> Engine:
    """``work`` replaces the worker function for the serial engine only (test hooks and
    the ledger check run in this process); the others always run ``run_task``."""
    if name == "serial":
        from luoshi.batch.engines.serial import SerialEngine

        return SerialEngine(work)
    if name == "processes":
        from luoshi.batch.engines.processes import ProcessEngine

        return ProcessEngine(workers)
    if name == "dask":
        from luoshi.batch.engines.dask import DaskEngine

        return DaskEngine(workers, scheduler)
    raise ValueError(f"unknown engine {name!r} ({', '.join(ENGINES)})")
