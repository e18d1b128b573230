"""A Dask cluster: an existing scheduler (``tcp://host:8786``) or a LocalCluster.

Workers need luoshi installed and must be able to read the inputs (same paths on
a shared filesystem, or URLs); they never touch the ledger.
"""

from __future__ import annotations

import logging
from typing import Any

from luoshi.batch.tasks import Task
from luoshi.batch.work import run_task


class DaskEngine:
    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster: Any = None
        if scheduler:
            self._client = Client(scheduler, timeout="30s")
        else:
            self._cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,  # the pipeline is CPU-bound Python: one per process
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
        info = self._client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))

    def submit(self, task: Task) -> Any:
        # pure=False: the same path may hold new bytes on a later run
        return self._client.submit(run_task, task, pure=False)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
