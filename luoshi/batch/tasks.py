"""What travels between the writer and the workers: plain, picklable records.

A worker gets a ``Task`` (where to read, and limits) and answers with ``Parsed``
(the document prepared for the ledger: rows, compressed record, search tokens)
or ``Failed`` (the one-line reason). Neither
holds a database handle or a live object, so any engine can ship them: a
process pool pickles them, Dask sends them across machines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from luoshi.store.prepare import PreparedDocument


@dataclass(frozen=True, slots=True)
class Task:
    index: int  # position in the run: results are stored in this order
    where: str  # as the user gave it, for messages
    location: str  # as recorded in the ledger: absolute path or URL
    max_bytes: int | None = None


@dataclass(slots=True)
class WorkerStats:
    """Which process did the work, and its peak memory so far (for the benchmark)."""

    pid: int
    peak_rss_kb: int
    seconds: float
    cpu_seconds: float = 0.0  # of those, on a CPU (the rest: waiting for one, or for I/O)


@dataclass(slots=True)
class Parsed:
    task: Task
    prepared: PreparedDocument  # luoshi.store.prepare output: all the writer inserts
    warnings: list[str] = field(default_factory=list)  # reader's, then parser's
    stats: WorkerStats | None = None


@dataclass(slots=True)
class Seen:
    """Bytes the ledger already holds: read and hashed, but not parsed again."""

    task: Task
    sha256: str
    format: str
    size: int
    warnings: list[str] = field(default_factory=list)
    stats: WorkerStats | None = None


@dataclass(slots=True)
class Failed:
    task: Task
    reason: str  # one line, without the "error: " prefix
    stats: WorkerStats | None = None


Outcome = Parsed | Seen | Failed
