#!/usr/bin/env python3
"""A Dask worker's resident memory as it processes documents, with and without
the workers' statistical profiling.

    .venv/bin/python benchmarks/dask_worker_memory.py CORPUS [-n 3000] [--every 500]

One-worker LocalCluster, one task per document (``run_task``, as ``luoshi
ingest --engine dask`` submits them, at most 8 in flight); every ``--every``
documents the worker's current and peak resident size are printed. The run is
made twice: with Dask's default configuration (workers profile themselves),
then as ``luoshi.batch.engines.dask`` starts its LocalCluster (they do not).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def _rss_mb() -> tuple[int, int]:
    import resource

    with open("/proc/self/statm", encoding="ascii") as f:
        current = int(f.read().split()[1]) * 4096 // 2**20
    return current, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def run(files: list[Path], every: int, profile: bool) -> None:
    import dask
    from dask.distributed import Client, LocalCluster

    from luoshi.batch.tasks import Task
    from luoshi.batch.work import run_task

    with dask.config.set({"distributed.worker.profile.enabled": profile}):
        cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    print(f"workers profiling: {profile}")
    try:
        pending = []
        for i, path in enumerate(files, start=1):
            pending.append(client.submit(run_task, Task(i, str(path), str(path)), pure=False))
            if len(pending) >= 8:
                pending.pop(0).result()
            if i % every == 0:
                current, peak = next(iter(client.run(_rss_mb).values()))
                print(f"  {i:>7} documents: worker RSS {current} MB (peak {peak} MB)", flush=True)
        for fut in pending:
            fut.result()
    finally:
        client.close()
        cluster.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a folder of documents (e.g. make_corpus.py's)")
    ap.add_argument("-n", type=int, default=3000, help="documents per run")
    ap.add_argument("--every", type=int, default=500)
    args = ap.parse_args(argv)
    files = sorted(p for p in args.corpus.rglob("*.txt") if p.is_file())[: args.n]
    if not files:
        print(f"error: {args.corpus}: no .txt documents", file=sys.stderr)
        return 2
    for profile in (True, False):
        run(files, args.every, profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
