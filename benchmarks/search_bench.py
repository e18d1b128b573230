"""Search latency (luoshi.search) over a ledger of N items, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/search_bench.py [--items 100000] [--pg URL] [--db FILE]
        [--repeat 5] [--seeds FOLDER]

The ledger is synthetic: documents of 200 items, each item a perturbed copy of a
real seed item (a few characters swapped, a number inserted, one in ten turned
into Traditional script), with the seed item's topic and actor facts, written
straight into the tables and indexed with ``index_version`` (no parsing). A
ledger that already holds N items is reused as it is (only the queries are
measured again): a SQLite file (``--db``, default /tmp/luoshi-search-bench-N.db)
or a PostgreSQL *database* (``--pg URL``; it must be empty otherwise). Server
settings for one run go in the URL (``?options=-c%20work_mem%3D32MB``).

Prints build time and size, then p50/p95 (ms) of ``search`` (20 hits, total and
all facets) per query kind — 2-character Chinese, 3–4-character Chinese,
English, phrase — and overall. The seed lists are Chinese only, so the English
queries measure look-ups that find nothing. The load average is printed with
the figures: on a shared machine they move with it. Target (issue 6): p95 < 50 ms
at 10^6 items.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import opencc
import sqlalchemy as sa

from luoshi.pipeline import parse
from luoshi.search import index_version, search
from luoshi.search.query import explain
from luoshi.serialize import document_to_dict
from luoshi.store import Ledger
from luoshi.store.facts import fact_rows, topic_columns
from luoshi.store.tables import documents, facts, items, versions

DEFAULT_SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
PER_DOC = 200

QUERIES = {
    "2-char": ["海关", "核安", "能源", "气候", "执法", "海關", "网络", "投资"],
    "3-4 char": ["能源部", "核安全", "边境保护", "清洁能源", "联合工作组", "双边投资"],
    "English": ["customs", "energy", "climate", "cooperation", "Nuclear"],
    "phrase": [
        '"clean energy"', '"climate change"', '"海关总署"', '"执法合作"', '"law enforcement"'
    ],
}


def seed_items(folder: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(folder.iterdir()):
        if path.is_file():
            out.extend(document_to_dict(parse(path))["items"])
    return [it for it in out if it["text"]]


def perturb(rng: random.Random, text: str, pool: str, s2t: opencc.OpenCC) -> str:
    chars = list(text)
    for _ in range(2):
        i = rng.randrange(len(chars))
        if "\u4e00" <= chars[i] <= "\u9fff":
            chars[i] = rng.choice(pool)
    at = rng.randrange(len(chars) + 1)
    chars.insert(at, str(rng.randrange(10_000)))
    out = "".join(chars)
    return s2t.convert(out) if rng.random() < 0.1 else out


def build(engine: sa.Engine, n: int, seeds: list[dict[str, Any]], rng: random.Random) -> float:
    s2t = opencc.OpenCC("s2t")
    pool = "".join({c for it in seeds for c in it["text"] if "\u4e00" <= c <= "\u9fff"})
    t0 = time.perf_counter()
    made = 0
    doc_no = 0
    while made < n:
        count = min(PER_DOC, n - made)
        with engine.begin() as conn:
            doc_id = f"b{doc_no:010d}"
            ts = datetime.now(UTC)
            conn.execute(documents.insert().values(id=doc_id, created_at=ts))
            chosen = [rng.choice(seeds) for _ in range(count)]
            texts = [perturb(rng, it["text"], pool, s2t) for it in chosen]
            # the record holds the facts (the actor facet reads its names there)
            record = [
                {"number": seq + 1, "actors": it.get("actors") or []}
                for seq, it in enumerate(chosen)
            ]
            vid = conn.execute(
                versions.insert().values(
                    document_id=doc_id, version_no=1,
                    sha256=hashlib.sha256(doc_id.encode()).hexdigest(), original="",
                    parsed={"items": record}, schema_version="1", parser_version="bench",
                    title=f"合成成果清单 {doc_no}", kind="outcome-list", item_count=count,
                    defect_count=0, ingested_at=ts,
                )
            ).inserted_primary_key[0]
            rows, fact_batch = [], []
            for seq, (it, text) in enumerate(zip(chosen, texts, strict=True)):
                rows.append({
                    "version_id": vid, "seq": seq, "number": seq + 1, "label": f"{seq + 1}、",
                    "section": None, "title": it["title"], "text": text,
                    "span_start": 0, "span_end": len(text), **topic_columns(it),
                })
                for f in fact_rows([record[seq]]):
                    fact_batch.append({**f, "version_id": vid, "item_seq": seq})
            conn.execute(items.insert(), rows)
            if fact_batch:
                conn.execute(facts.insert(), fact_batch)
            index_version(conn, vid)
        made += count
        doc_no += 1
        if doc_no % 500 == 0:
            print(f"  … {made} items, {time.perf_counter() - t0:.0f} s", flush=True)
    return time.perf_counter() - t0


def item_count(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(items)).scalar_one())


def server_cpu(conn: sa.Connection) -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend, when the
    server runs on this machine and its /proc is readable (else None)."""
    if conn.dialect.name != "postgresql":
        return 0.0  # SQLite works inside this process: its CPU is the client's
    pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(engine: sa.Engine, repeat: int) -> None:
    """Wall-clock p50/p95 per query kind, and the mean CPU per search (this process
    plus the PostgreSQL backend): on a machine shared with other jobs the wall
    clock moves with the load average, the CPU much less."""
    timings: dict[str, list[float]] = {k: [] for k in QUERIES}
    cpu: dict[str, float | None] = dict.fromkeys(QUERIES, 0.0)
    totals: dict[str, str] = {}
    load = os.getloadavg()[0]
    with engine.connect() as conn:
        for qs in QUERIES.values():  # warm-up: caches, and the match counts
            for q in qs:
                r = search(conn, q)
                totals[q] = f"{r.total}{'' if r.exact else '+'}"
        for _ in range(repeat):
            for kind, qs in QUERIES.items():
                s0, c0 = server_cpu(conn), time.process_time()
                for q in qs:
                    t = time.perf_counter()
                    search(conn, q)
                    timings[kind].append((time.perf_counter() - t) * 1000)
                s1, c1 = server_cpu(conn), time.process_time()
                before = cpu[kind]
                cpu[kind] = None if None in (s0, s1, before) else (
                    before + (c1 - c0) + (s1 - s0)  # type: ignore[operator]
                )
        plan = explain(conn, "海关")
    print(f"  load average {load:.2f} before, {os.getloadavg()[0]:.2f} after measuring")
    print("  matches: " + ", ".join(f"{q} {n}" for q, n in totals.items()))
    print("  plan for 海关:\n    " + plan.replace("\n", "\n    "))
    every = [x for v in timings.values() for x in v]
    sums = list(cpu.values())
    cpu["all"] = None if None in sums else sum(sums)  # type: ignore[arg-type]
    for kind, ts in [*timings.items(), ("all", every)]:
        used = cpu[kind]
        per = "" if used is None else f"   cpu/search {used * 1000 / len(ts):5.1f} ms"
        print(f"  {kind:10} p50 {pct(ts, 50):7.1f} ms   p95 {pct(ts, 95):7.1f} ms{per}"
              f"   (n={len(ts)})")


def pct(xs: list[float], p: int) -> float:
    return statistics.quantiles(xs, n=100, method="inclusive")[p - 1] if len(xs) > 1 else xs[0]


def run(
    label: str, url: str, n: int, seeds: list[dict[str, Any]], repeat: int, fresh: bool
) -> None:
    print(f"{label}: {n} items")
    with Ledger.open(url) as ledger:
        have = item_count(ledger.engine)
        if have != n or fresh:
            if have:
                raise SystemExit(f"{url}: holds {have} items, not {n}; give an empty database")
            secs = build(ledger.engine, n, seeds, random.Random(7))
            print(f"  built and indexed in {secs:.0f} s ({n / secs:.0f} items/s)")
        if ledger.engine.dialect.name == "postgresql":
            # what autovacuum does after a bulk load: statistics, GIN pending list merged
            auto = ledger.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            with auto as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        measure(ledger.engine, repeat)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="SQLite file (reused if it holds --items items)")
    ap.add_argument("--pg", help="PostgreSQL database URL to fill and measure as well")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--no-sqlite", action="store_true")
    args = ap.parse_args()
    seeds = seed_items(args.seeds)
    print(f"{len(seeds)} seed items; queries: {json.dumps(QUERIES, ensure_ascii=False)}")
    if not args.no_sqlite:
        db = args.db or Path(f"/tmp/luoshi-search-bench-{args.items}.db")
        run("SQLite", f"sqlite:///{db}", args.items, seeds, args.repeat, fresh=False)
        print(f"  file size {db.stat().st_size / 1e6:.0f} MB")
    if args.pg:
        run("PostgreSQL", args.pg, args.items, seeds, args.repeat, fresh=False)


if __name__ == "__main__":
    main()
