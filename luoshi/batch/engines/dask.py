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
        import dask
        from dask.distributed import Client, LocalCluster

        self._cluster: Any = None
        if scheduler:
            self._client = Client(scheduler, timeout="30s")
        else:
            # Workers sample their task's stack every 10 ms and keep the last
            # 1,000 seconds of those profiles: for this pipeline's deep call
            # trees that grew each worker by ~150 MB over a 10^5-document run
            # (200 → 350 MB) and cost CPU. Nothing here reads them.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self._cluster = LocalCluster(
                    n_workers=max(1, workers),
                    threads_per_worker=1,  # CPU-bound Python: one per process
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

    def worker_config(self, key: str) -> dict[str, Any]:
        """``key`` of the Dask configuration as each worker has it."""
        import dask

        return dict(self._client.run(dask.config.get, key))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
