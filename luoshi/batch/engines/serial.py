"""In this process, one document at a time: the reference every engine must equal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from luoshi.batch.tasks import Outcome, Task
from luoshi.batch.work import run_task


@dataclass(slots=True)
class Done:
    outcome: Outcome

    def result(self) -> Outcome:
        return self.outcome


class SerialEngine:
    name = "serial"
    workers = 1

    def __init__(self, work: Callable[[Task], Outcome] | None = None) -> None:
        self._work = work or run_task

    def submit(self, task: Task) -> Done:
        return Done(self._work(task))

    def close(self) -> None:
        pass
