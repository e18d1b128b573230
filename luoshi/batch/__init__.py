"""Batch ingest: the pipeline mapped over many documents, by one of three engines.

Workers run the pure part (read → parse → extract → serialise) and return plain
records; the calling process is the only writer and stores them, one transaction
per document, in task order (see ``run``). Engines: ``serial`` (in process),
``processes`` (stdlib process pool on this machine), ``dask`` (a Dask cluster).
"""

from luoshi.batch.engines import ENGINES, Engine, open_engine
from luoshi.batch.progress import Counts, PlainProgress, reporter
from luoshi.batch.run import Stored, run
from luoshi.batch.tasks import Failed, Outcome, Parsed, Seen, Task, WorkerStats
from luoshi.batch.work import run_task

__all__ = [
    "ENGINES",
    "Counts",
    "Engine",
    "Failed",
    "Outcome",
    "Parsed",
    "PlainProgress",
    "Seen",
    "Stored",
    "Task",
    "WorkerStats",
    "open_engine",
    "reporter",
    "run",
    "run_task",
]
