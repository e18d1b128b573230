"""Latency of the web app under concurrent requests on loopback (not a test).

    .venv/bin/python benchmarks/load_bench.py [--db URL] [--seeds DIR]
        [--concurrency 8] [--rounds 30] [--workers 1]

Without --db it builds a throwaway SQLite ledger from the seed corpus
(``luoshi ingest`` then ``luoshi link``, through the CLI). It then starts
``luoshi serve`` on a free loopback port in a subprocess, warms every route
once, and fires ``--rounds`` requests per route, interleaved across routes,
``--concurrency`` at a time (httpx async). Prints p50/p95/max per route and
overall; the target is p95 < 100 ms with the seeds ledger.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
LUOSHI = [sys.executable, "-c", "from luoshi.cli import app; app()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_ledger(seeds: Path, folder: Path) -> str:
    url = f"sqlite:///{folder / 'bench.db'}"
    subprocess.run([*LUOSHI, "ingest", "--db", url, str(seeds)], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([*LUOSHI, "link", "--db", url], check=False, stdout=subprocess.DEVNULL)
    return url


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, LUOSHI_SECRET="load-bench")
    proc = subprocess.Popen([*LUOSHI, "serve", "--db", url, "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/documents.json", timeout=2)
            return proc
        except httpx.HTTPError:
            if proc.poll() is not None:
                raise SystemExit("server exited before answering") from None
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not answer within 60 s")


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of the server process and its worker children (Linux)."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # fields[1] is the parent pid; [11], [12] are utime, stime (after "(comm)")
            if int(entry.name) == pid or int(fields[1]) == pid:
                total += (int(fields[11]) + int(fields[12])) / tick
        return total
    except (OSError, ValueError, IndexError):
        return None


def routes(base: str) -> list[str]:
    """The main pages and their JSON, with ids taken from the ledger itself."""
    docs = httpx.get(f"{base}/documents.json").json()["documents"]
    biggest = max(docs, key=lambda d: d["items"])["id"]
    rows = httpx.get(f"{base}/commitments.json", params={"limit": 1}).json()["rows"]
    item = f"{rows[0]['doc']}-{rows[0]['item']}" if rows else f"{biggest}-1"
    series = httpx.get(f"{base}/series.json").json()["series"]
    out = ["/", "/documents", f"/documents/{biggest}", f"/documents/{biggest}?view=cleaned",
           f"/items/{item}", "/commitments", "/commitments?status=overdue&sort=due",
           "/series", "/search?q=" + quote("海关")]
    if series:
        out.append("/series/" + quote(series[0]["id"], safe=":"))
    json_routes = ["/index.json", "/documents.json", f"/documents/{biggest}.json",
                   f"/items/{item}.json", "/commitments.json",
                   "/commitments.json?status=overdue", "/series.json",
                   "/search.json?q=" + quote("海关")]
    return out + json_routes


async def fire(base: str, paths: list[str], rounds: int, concurrency: int
               ) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {p: [] for p in paths}
    queue = [p for p in paths for _ in range(rounds)]
    random.Random(5).shuffle(queue)
    sem = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        for p in paths:  # warm-up: first renders compile templates, fill memos
            (await client.get(p)).raise_for_status()

        async def one(path: str) -> None:
            async with sem:
                t0 = time.perf_counter()
                r = await client.get(path)
                await r.aread()
                timings[path].append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()

        await asyncio.gather(*(one(p) for p in queue))
    return timings


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="ledger URL (default: a fresh one built from --seeds)")
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=1, help="luoshi serve --workers")
    ap.add_argument("--rounds", type=int, default=30, help="requests per route")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            url = args.db
        else:
            if not args.seeds.is_dir():
                raise SystemExit(f"no seed corpus at {args.seeds}")
            url = build_ledger(args.seeds, Path(tmp))
        port = free_port()
        proc = start_server(url, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            paths = routes(base)
            cpu0 = cpu_seconds(proc.pid)
            started = time.perf_counter()
            timings = asyncio.run(fire(base, paths, args.rounds, args.concurrency))
            wall = time.perf_counter() - started
            cpu1 = cpu_seconds(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    every = [t for ts in timings.values() for t in ts]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(every)} requests, {args.concurrency} concurrent, {args.workers} worker(s), "
          f"{wall:.1f} s ({len(every) / wall:.0f} req/s), {os.cpu_count()} cores, "
          f"load average {load:.1f} at the end")
    print(f"{'route':58} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for path, ts in timings.items():
        print(f"{path[:58]:58} {statistics.median(ts):8.1f} {pct(ts, 0.95):8.1f} {max(ts):8.1f}")
    print(f"{'all':58} {statistics.median(every):8.1f} {pct(every, 0.95):8.1f} {max(every):8.1f}")
    if cpu0 is not None and cpu1 is not None:
        # load-independent: what the server spent per request (warm-up included)
        spent = (cpu1 - cpu0) / (len(every) + len(paths)) * 1000
        print(f"server CPU per request: {spent:.1f} ms on average")
    worst = max(pct(ts, 0.95) for ts in timings.values())
    print(f"worst route p95 {worst:.1f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
