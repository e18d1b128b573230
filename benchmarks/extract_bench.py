"""Time of each extractor against the parse stage, on a corpus (default: the seeds).

    .venv/bin/python benchmarks/extract_bench.py [FOLDER] [--passes N]

Prints milliseconds per pass over the corpus for read, parse (clean + structure),
every extractor, and the conversion of their results to source-anchored facts,
and the ratio extraction / (read + parse). The parse issue's target: extraction
adds no more than half again to the read→parse time (ratio ≤ 0.5).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from luoshi.extract import facts
from luoshi.pipeline import parse_raw, read

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
EXTRACTORS = ("find_times", "find_actors", "extract_commitments", "find_series",
              "find_references", "find_quantities", "topic_for")


def timed(fn: Callable[..., Any], bucket: dict[str, float], name: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            bucket[name] += time.perf_counter() - t
    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    paths = sorted(p for p in Path(args.folder).iterdir() if p.is_file())
    mb = sum(p.stat().st_size for p in paths) / 1e6

    raws = [read(p) for p in paths]
    docs = [parse_raw(r, extract=False) for r in raws]
    for d in docs:  # warm-up: loads the gazetteer and compiles every pattern once
        facts.extract_document(d)

    spent: dict[str, float] = defaultdict(float)
    originals = {name: getattr(facts, name) for name in EXTRACTORS}
    for name, fn in originals.items():
        setattr(facts, name, timed(fn, spent, name))
    try:
        t_read = t_parse = t_extract = 0.0
        for _ in range(args.passes):
            t = time.perf_counter()
            raws = [read(p) for p in paths]
            t_read += time.perf_counter() - t
            t = time.perf_counter()
            docs = [parse_raw(r, extract=False) for r in raws]
            t_parse += time.perf_counter() - t
            t = time.perf_counter()
            for d in docs:
                facts.extract_document(d)
            t_extract += time.perf_counter() - t
    finally:
        for name, fn in originals.items():
            setattr(facts, name, fn)

    n = args.passes
    per = {k: v / n * 1000 for k, v in spent.items()}
    rp = (t_read + t_parse) / n * 1000
    ex = t_extract / n * 1000
    print(f"corpus   {len(paths)} documents, {mb:.3f} MB, {args.passes} passes (ms per pass)")
    print(f"read     {t_read / n * 1000:8.1f}")
    print(f"parse    {t_parse / n * 1000:8.1f}")
    for name in EXTRACTORS:
        print(f"  {name:22s}{per.get(name, 0.0):8.1f}")
    print(f"  {'facts (spans, JSON)':22s}{ex - sum(per.values()):8.1f}")
    print(f"extract  {ex:8.1f}")
    ratio = ex / rp
    verdict = "OK" if ratio <= 0.5 else "OVER"
    print(f"ratio    extract / (read+parse) = {ratio:.2f}  (target <= 0.50: {verdict})")


if __name__ == "__main__":
    main()
