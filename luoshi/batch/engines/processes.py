"""Worker processes on this machine (stdlib ``ProcessPoolExecutor``).

Workers are spawned, not forked: the parent holds a database connection and,
on a terminal, a progress thread, neither of which a forked child may inherit.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor

from luoshi.batch.tasks import Outcome, Task
from luoshi.batch.work import run_task


def _exit_with_parent(parent: int) -> None:
    # a writer killed with SIGKILL cannot shut the pool down: without this its
    # workers would wait for tasks forever
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _start_worker(parent: int) -> None:
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    # import the pipeline once per worker, before the first document is timed
    import luoshi.pipeline
    import luoshi.store.ingest  # noqa: F401


class ProcessEngine:
    name = "processes"

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )

    def submit(self, task: Task) -> Future[Outcome]:
        return self._pool.submit(run_task, task)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
