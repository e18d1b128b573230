#!/usr/bin/env python3
"""Batch ingest at scale: docs/s per engine, memory per worker, ledger size,
linking time and search latency, on generated corpora of 10^3, 10^4, 10^5 documents.

    .venv/bin/python benchmarks/scale_bench.py [--sizes 1000 10000] [--workers 2]
        [--engines serial processes dask] [--root /tmp/luoshi-scale] [--db-url URL]
        [--split N]

``--split N`` first times the two halves apart on N documents of the first
size, in this process: the worker (read → … → prepare) over all N, then the
writer storing the N prepared results (commits included) — ms per document,
wall and CPU. Each engine's line gives CPU ms per document of its workers and
of its writer, and how many CPUs the run had on average (``CPUs used``): on a
shared machine that, not the code, caps the ratio between engines.

Corpora come from benchmarks/make_corpus.py (made once per size under --root and
reused). Each engine ingests into a fresh SQLite ledger (or, with --db-url, a
PostgreSQL database that is emptied first) through ``luoshi.batch.run`` — what
``luoshi ingest`` does. Rates include starting the workers. Peak memory is each
worker process's ru_maxrss as it reports it with every result. Linking
(``luoshi.follow.link_ledger``) and search (``luoshi.search.search``, p50/p95 over
two-character words drawn from the items) run on the serial ledger when those
packages exist. The machine may be shared: the load average is printed with
every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def corpus_of(root: Path, size: int, seed: int) -> Path:
    from make_corpus import DEFAULT_SEEDS, write_corpus

    folder = root / f"corpus-{size}"
    truth = folder / "truth.jsonl"
    if truth.is_file() and sum(1 for _ in truth.open(encoding="utf-8")) == size:
        return folder
    started = time.perf_counter()
    write_corpus(folder, size, seed, DEFAULT_SEEDS)
    print(f"  made corpus of {size} in {time.perf_counter() - started:.0f} s", flush=True)
    return folder


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if p.is_file())


def _disk(url: str) -> int | None:
    if not url.startswith("sqlite:///"):
        return None
    db = Path(url.removeprefix("sqlite:///"))
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


def ingest(files: list[Path], engine_name: str, workers: int, url: str) -> dict[str, Any]:
    from luoshi.batch import Task, open_engine, run
    from luoshi.readers import DEFAULT_MAX_BYTES
    from luoshi.store import Ledger

    ledger = Ledger.open(url)
    tasks = (Task(i, str(p), str(p.resolve())) for i, p in enumerate(files))
    started, cpu_started = time.perf_counter(), time.process_time()
    engine = open_engine(engine_name, workers=workers)
    startup = time.perf_counter() - started
    peaks: dict[int, int] = {}
    busy = 0.0  # seconds the workers spent on documents
    worker_cpu = 0.0  # CPU seconds of those
    failed = 0
    try:
        for done in run(ledger, tasks, engine, max_bytes=DEFAULT_MAX_BYTES):
            failed += done.failed
            if done.stats is not None:
                busy += done.stats.seconds
                worker_cpu += done.stats.cpu_seconds
                peaks[done.stats.pid] = max(peaks.get(done.stats.pid, 0), done.stats.peak_rss_kb)
    finally:
        engine.close()
        ledger.close()
    wall = time.perf_counter() - started
    # this process: the writer (and, serially, the workers' share too)
    writer_cpu = time.process_time() - cpu_started - (worker_cpu if engine_name == "serial" else 0)
    n = max(1, len(files))
    return {
        "engine": engine_name if engine_name == "serial" else f"{engine_name}({workers})",
        "docs": len(files),
        "failed": failed,
        "seconds": round(wall, 1),
        "startup_s": round(startup, 1),
        "docs_per_s": round(len(files) / wall, 1),
        # near 100 %: the workers are the limit; well below: the writer is
        "worker_busy_pct": round(100 * busy / (max(1, len(peaks)) * wall)),
        "worker_peak_rss_mb": sorted(round(v / 1024) for v in peaks.values()),
        "worker_cpu_ms": round(1000 * worker_cpu / n, 1),
        "writer_cpu_ms": round(1000 * writer_cpu / n, 1),
        # CPUs this run actually had on average: on a shared machine, well below the
        # process count means the others took the rest
        "cpus_used": round((worker_cpu + writer_cpu) / wall, 2),
        "ledger_kb_per_doc": None if (b := _disk(url)) is None else round(b / 1e3 / n, 1),
        "ledger_mb": None if (b := _disk(url)) is None else round(b / 1e6, 1),
        "load": _load(),
    }


class _Ready:
    """An engine whose outcomes were computed beforehand: ``run`` then times the writer alone."""

    name = "ready"
    workers = 1

    def __init__(self, outcomes: dict[int, Any]) -> None:
        self._outcomes = outcomes

    def submit(self, task: Any) -> Any:
        from luoshi.batch.engines.serial import Done

        return Done(self._outcomes[task.index])

    def close(self) -> None:
        pass


def writer_split(files: list[Path], url: str) -> dict[str, Any]:
    """Milliseconds per document in the worker (read → … → what the writer stores) and
    in the writer (storing it, commits included), measured apart in this process."""
    from luoshi.batch import Task, run, run_task
    from luoshi.readers import DEFAULT_MAX_BYTES
    from luoshi.store import Ledger

    tasks = [Task(i, str(p), str(p.resolve())) for i, p in enumerate(files)]
    run_task(tasks[0])  # imports and first-call caches outside the timing
    started, cpu = time.perf_counter(), time.process_time()
    outcomes = {t.index: run_task(t) for t in tasks}
    worker_s, worker_cpu = time.perf_counter() - started, time.process_time() - cpu
    ledger = Ledger.open(url)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        failed = sum(d.failed for d in run(ledger, tasks, _Ready(outcomes),
                                           max_bytes=DEFAULT_MAX_BYTES))
        writer_s, writer_cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        ledger.close()
    return {"docs": len(files), "failed": failed,
            "worker_ms": round(1000 * worker_s / len(files), 1),
            "worker_cpu_ms": round(1000 * worker_cpu / len(files), 1),
            "writer_ms": round(1000 * writer_s / len(files), 1),
            "writer_cpu_ms": round(1000 * writer_cpu / len(files), 1),
            "ledger_kb_per_doc": None if (b := _disk(url)) is None
            else round(b / 1e3 / len(files), 1),
            "load": _load()}


def _link_in_child(url: str, out: Any) -> None:
    import resource

    from luoshi.follow import link_ledger
    from luoshi.store import Ledger

    with Ledger.open(url) as ledger:
        cpu = time.process_time()
        started = time.perf_counter()
        summary = link_ledger(ledger, full=True)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    out.put({"seconds": round(seconds, 1), "cpu_s": round(cpu, 1),
             "peak_rss_mb": _own_peak_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
             "summary": summary.to_dict()})


def _own_peak_mb(maxrss_kb: int) -> int:
    """This process's own peak resident size. Linux keeps ``ru_maxrss`` across
    fork and exec (a spawned child starts at its parent's peak); the memory
    map's high-water mark (VmHWM) starts afresh at exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return maxrss_kb // 1024


def link_time(url: str) -> dict[str, Any] | str:
    """A full link of the ledger, in a process of its own: its CPU time and
    peak memory are the link's alone (not the ingest's before it)."""
    try:
        import luoshi.follow  # noqa: F401
    except ImportError:
        return "skipped: luoshi.follow is not there"
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    child = ctx.Process(target=_link_in_child, args=(url, out))
    child.start()
    result: dict[str, Any] = out.get()
    child.join()
    items = _count(url, "items")
    result["items"] = items
    result["load"] = _load()
    return result


def _count(url: str, table: str, what: str = "*") -> int:
    import sqlalchemy as sa

    from luoshi.store import Ledger

    with Ledger.open(url) as ledger, ledger.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count({what}) FROM {table}")).scalar_one())


_HAN2 = re.compile(r"[\u4e00-\u9fff]{2}")


def search_times(url: str, queries: int, seed: int) -> dict[str, Any] | str:
    try:
        from luoshi.search import search
    except ImportError:
        return "skipped: luoshi.search is not there"
    import sqlalchemy as sa

    from luoshi.store import Ledger

    rng = random.Random(seed)
    with Ledger.open(url) as ledger, ledger.engine.connect() as conn:
        items = conn.execute(sa.text("SELECT count(*) FROM items")).scalar_one()
        sample = conn.execute(sa.text("SELECT text FROM items ORDER BY id LIMIT 2000")).scalars()
        words = sorted({w for t in sample for w in _HAN2.findall(t)})
        if not words:
            return "skipped: no Chinese words in the items"
        times = []
        for _ in range(queries):
            q = rng.choice(words) if rng.random() < 0.7 else " ".join(rng.sample(words, 2))
            started = time.perf_counter()
            search(conn, q, limit=20)
            times.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(times, n=20)
    return {"items": items, "queries": queries, "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(cuts[18], 1), "load": _load()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--engines", nargs="*", default=["serial", "processes", "dask"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--root", type=Path, default=Path("/tmp/luoshi-scale"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--db-url", default=None,
                    help="PostgreSQL URL to use instead of SQLite files (emptied per run)")
    ap.add_argument("--no-link", action="store_true", help="skip the linking step")
    ap.add_argument("--reuse-ledgers", action="store_true",
                    help="an engine's ledger left by an earlier run is kept, not ingested again "
                    "(to link or search it once more)")
    ap.add_argument("--no-search", action="store_true", help="skip the search step")
    ap.add_argument("--split", type=int, default=0, metavar="N",
                    help="first time worker and writer apart on N documents of the first size")
    ap.add_argument("--json", type=Path, default=None, help="also append results here (JSONL)")
    args = ap.parse_args(argv)

    print(f"machine: {os.cpu_count()} cores, load average {_load()} (shared: figures are noisy)")
    if args.split:
        files = _files(corpus_of(args.root, args.sizes[0], args.seed))[: args.split]
        url = args.db_url or f"sqlite:///{args.root / 'ledger-split.db'}"
        _fresh(url)
        split = writer_split(files, url)
        _emit(args.json, len(files), {"split": split})
        print(f"== per document, {split['docs']} documents: worker {split['worker_ms']} ms "
              f"(CPU {split['worker_cpu_ms']} ms), writer {split['writer_ms']} ms "
              f"(CPU {split['writer_cpu_ms']} ms), ledger {split['ledger_kb_per_doc']} KB "
              f"(load {split['load']})", flush=True)
        if not args.engines:
            return 0
    for size in args.sizes:
        folder = corpus_of(args.root, size, args.seed)
        files = _files(folder)
        print(f"\n== {size} documents ({sum(p.stat().st_size for p in files) / 1e6:.0f} MB)",
              flush=True)
        results: dict[str, dict[str, Any]] = {}
        urls: dict[str, str] = {}
        for name in args.engines:
            url = args.db_url or f"sqlite:///{args.root / f'ledger-{size}-{name}.db'}"
            urls[name] = url
            if args.reuse_ledgers and _ingested(url, len(files)):
                print(f"  {name:<13} ledger of an earlier run reused", flush=True)
                continue
            _fresh(url)
            res = ingest(files, name, args.workers, url)
            results[name] = res
            _emit(args.json, size, res)
            base = results.get("serial")
            speedup = f"  ×{res['docs_per_s'] / base['docs_per_s']:.2f} vs serial" \
                if base and name != "serial" else ""
            print(f"  {res['engine']:<13} {res['docs_per_s']:>7} docs/s  {res['seconds']:>7} s "
                  f"(startup {res['startup_s']} s)  failed {res['failed']}  "
                  f"workers busy {res['worker_busy_pct']} %  "
                  f"worker peak RSS {res['worker_peak_rss_mb']} MB  ledger {res['ledger_mb']} MB "
                  f"({res['ledger_kb_per_doc']} KB/doc)  CPU/doc: workers {res['worker_cpu_ms']} "
                  f"ms, writer {res['writer_cpu_ms']} ms, CPUs used {res['cpus_used']}  "
                  f"load {res['load']}{speedup}", flush=True)
        url = urls.get("serial") or next(iter(urls.values()))
        linked = "skipped (--no-link)" if args.no_link else link_time(url)
        if isinstance(linked, str):
            print(f"  linking: {linked}")
        else:
            print(f"  linking {linked['items']} items: {linked['seconds']} s "
                  f"(CPU {linked['cpu_s']} s), peak RSS {linked['peak_rss_mb']} MB  "
                  f"load {linked['load']}", flush=True)
        _emit(args.json, size, {"linking": linked})
        found = "skipped (--no-search)" if args.no_search else \
            search_times(url, args.queries, args.seed)
        if isinstance(found, str):
            print(f"  search: {found}")
        else:
            print(f"  search over {found['items']} items: p50 {found['p50_ms']} ms, "
                  f"p95 {found['p95_ms']} ms ({found['queries']} queries, "
                  f"load {found['load']})", flush=True)
        _emit(args.json, size, {"search": found})
    return 0


def _ingested(url: str, documents: int) -> bool:
    """The ledger at ``url`` has seen all ``documents`` files already (counted by
    location: files with equal bytes are one document)."""
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return False
    import sqlalchemy as sa

    try:
        return _count(url, "sources", "DISTINCT location") == documents
    except sa.exc.SQLAlchemyError:  # no ledger there (or not one): ingest it
        return False


def _fresh(url: str) -> None:
    if url.startswith("sqlite:///"):
        db = Path(url.removeprefix("sqlite:///"))
        for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")):
            p.unlink(missing_ok=True)
        return
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def _emit(path: Path | None, size: int, row: dict[str, Any]) -> None:
    if path is not None:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"size": size, **row}, default=str) + "\n")


if __name__ == "__main__":
    sys.exit(main())
