#!/usr/bin/env python3
"""Throughput of the read→parse pipeline, with jieba segmentation as a yardstick.

    .venv/bin/python benchmarks/parse_bench.py [SEEDS_DIR] [-n REPEATS]

Single process, so the figures are per core. MB/s counts the UTF-8 bytes of the
decoded source text. Peak memory is measured in a separate pass under
tracemalloc (which slows Python down, so it is not timed) plus the process's
ru_maxrss. jieba's one-time dictionary load is timed apart from its segmenting,
which is what a per-document comparison should see.

It also times extraction (luoshi.extract.facts.extract_document) and prints the
ratio extraction / (read + parse), the median over passes, against the extract
issue's target of 0.5 (benchmarks/extract_bench.py splits it per extractor).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

TARGET_MB_S = 2.0
EXTRACT_TARGET = 0.5  # extraction time / read+parse time
REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("seeds", nargs="?", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("-n", "--repeats", type=int, default=20, help="timed passes (default 20)")
    args = ap.parse_args(argv)

    files = _files(args.seeds)
    if not files:
        print(f"error: {args.seeds}: no documents to benchmark", file=sys.stderr)
        return 2

    from luoshi.errors import InputError
    from luoshi.extract.facts import extract_document
    from luoshi.pipeline import parse_raw, read

    # Warm-up pass: imports, compiled regexes, lazily loaded tables. Also checks
    # every file goes through, and collects the texts jieba will segment.
    texts: list[str] = []
    t0 = time.perf_counter()
    try:
        for path in files:
            raw = read(path)
            extract_document(parse_raw(raw, extract=False))
            texts.append(raw.text)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:
        print(f"error: pipeline not available yet: {exc}", file=sys.stderr)
        return 2
    first_pass = time.perf_counter() - t0
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    # Timed passes, split into reading, parsing (clean + structure) and extraction.
    read_s = parse_s = extract_s = 0.0
    pass_rp: list[float] = []  # per pass: read+parse, extraction (for medians)
    pass_ex: list[float] = []
    load_before = _load()
    gc.collect()
    for _ in range(args.repeats):
        rp = ex = 0.0
        for path in files:
            a = time.perf_counter()
            raw = read(path)
            b = time.perf_counter()
            doc = parse_raw(raw, extract=False)
            c = time.perf_counter()
            extract_document(doc)
            d = time.perf_counter()
            read_s += b - a
            parse_s += c - b
            extract_s += d - c
            rp += c - a
            ex += d - c
        pass_rp.append(rp)
        pass_ex.append(ex)
    total_s = read_s + parse_s
    docs = len(files) * args.repeats
    mb_total = mb * args.repeats

    # Peak memory of one pass.
    tracemalloc.start()
    for path in files:
        extract_document(parse_raw(read(path), extract=False))
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # jieba: one-time init, then segmentation alone on the same texts.
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its init banner is noise here; we time it ourselves
    # if the pipeline itself initialised jieba, its init already happened (untimed)
    preloaded = bool(jieba.dt.initialized)
    a = time.perf_counter()
    jieba.initialize()
    jieba_init = time.perf_counter() - a
    a = time.perf_counter()
    for _ in range(args.repeats):
        for text in texts:
            jieba.lcut(text)
    jieba_s = time.perf_counter() - a

    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    per_core = _rate(mb_total, total_s)
    print(f"corpus       {len(files)} documents, {mb:.3f} MB UTF-8 source text, from {args.seeds}")
    print(f"passes       {args.repeats} timed (+1 warm-up: {first_pass * 1000:.0f} ms)")
    print(f"{'':12} {'docs/s':>10} {'MB/s':>10} {'ms/doc':>10}")
    rows = [
        ("read", read_s),
        ("parse", parse_s),
        ("read+parse", total_s),
        ("extract", extract_s),
        ("all three", total_s + extract_s),
        ("jieba.lcut", jieba_s),
    ]
    for name, secs in rows:
        print(
            f"{name:12} {_rate(docs, secs):10.1f} {_rate(mb_total, secs):10.2f} "
            f"{secs / docs * 1000:10.2f}"
        )
    note = "already done by the pipeline" if preloaded else "once per process"
    print(f"jieba init   {jieba_init * 1000:.0f} ms ({note}; not in the row above)")
    ratio = jieba_s / total_s if total_s else float("inf")
    print(f"pipeline vs jieba: luoshi read+parse is {ratio:.1f}x the speed of jieba segmentation")
    print(f"memory       peak traced {traced_peak / 1e6:.1f} MB; ru_maxrss {maxrss_mb:.0f} MB")
    med_rp, med_ex = statistics.median(pass_rp), statistics.median(pass_ex)
    share = statistics.median(e / r for e, r in zip(pass_ex, pass_rp, strict=True))
    print(f"per pass     median read+parse {med_rp * 1000:.1f} ms ({_rate(mb, med_rp):.2f} MB/s), "
          f"extraction {med_ex * 1000:.1f} ms")
    print(f"load         {load_before} before, {_load()} after (1, 5, 15 min; 2 cores shared)")
    print(
        f"extraction   adds {share:.2f}x the read+parse time (median of passes; extract "
        f"issue's target <= {EXTRACT_TARGET:.2f}): {'PASS' if share <= EXTRACT_TARGET else 'FAIL'}"
    )
    verdict = "PASS" if per_core >= TARGET_MB_S else "FAIL"
    print(
        f"target       >= {TARGET_MB_S:.0f} MB/s per core: {per_core:.2f} MB/s "
        f"(single process) {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
