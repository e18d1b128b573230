"""Time of each extractor against the parse stage, on a corpus (default: the seeds).

    .venv/bin/python benchmarks/extract_bench.py [FOLDER] [--repeats N] [--clock cpu|wall]

Prints, per pass over the corpus, the median milliseconds of read, parse (clean +
structure), every extractor, and the conversion of their results to
source-anchored facts; read+parse MB/s; and the ratio extraction / (read + parse)
with PASS/FAIL. The extract issue's target: extraction adds no more than half
again to the read→parse time (ratio ≤ 0.5).

Medians of per-pass times, not means, because the machine is shared: a pass that
another job slowed down moves the mean but not the median. The default clock is
this process's CPU time, which waiting for a core does not count; ``--clock wall``
uses elapsed time. The load average is printed so a busy run can be told apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
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
TARGET = 0.5
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def timed(fn: Callable[..., Any], bucket: dict[str, float], name: str,
          clock: Callable[[], float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            bucket[name] += clock() - t
    return wrapper


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("-n", "--repeats", "--passes", dest="repeats", type=int, default=30,
                    help="timed passes (default 30)")
    ap.add_argument("--clock", choices=sorted(CLOCKS), default="cpu")
    args = ap.parse_args()
    clock = CLOCKS[args.clock]
    paths = sorted(p for p in Path(args.folder).iterdir() if p.is_file())
    raws = [read(p) for p in paths]
    mb = sum(len(r.text.encode("utf-8")) for r in raws) / 1e6
    docs = [parse_raw(r, extract=False) for r in raws]
    for d in docs:  # warm-up: loads the gazetteer and compiles every pattern once
        facts.extract_document(d)

    load_before = _load()
    passes: dict[str, list[float]] = defaultdict(list)
    originals = {name: getattr(facts, name) for name in EXTRACTORS}
    spent: dict[str, float] = defaultdict(float)
    wrapped = {name: timed(fn, spent, name, clock) for name, fn in originals.items()}
    for _ in range(args.repeats):
        # a plain pass for the totals and the ratio ...
        t = clock()
        raws = [read(p) for p in paths]
        t_read = clock() - t
        t = clock()
        docs = [parse_raw(r, extract=False) for r in raws]
        t_parse = clock() - t
        t = clock()
        for d in docs:
            facts.extract_document(d)
        t_extract = clock() - t
        passes["read"].append(t_read)
        passes["parse"].append(t_parse)
        passes["read+parse"].append(t_read + t_parse)
        passes["extract"].append(t_extract)
        # ... and one with every extractor timed (the timers cost a little: the
        # split is read off this pass, the totals off the plain one)
        spent.clear()
        for name, fn in wrapped.items():
            setattr(facts, name, fn)
        try:
            t = clock()
            for d in docs:
                facts.extract_document(d)
            t_timed = clock() - t
        finally:
            for name, fn in originals.items():
                setattr(facts, name, fn)
        for name in EXTRACTORS:
            passes[name].append(spent[name])
        passes["facts"].append(t_timed - sum(spent[n] for n in EXTRACTORS))

    med = {k: statistics.median(v) * 1000 for k, v in passes.items()}
    ratio = statistics.median(e / rp for e, rp in zip(passes["extract"], passes["read+parse"],
                                                        strict=True))
    print(f"corpus   {len(paths)} documents, {mb:.3f} MB UTF-8 source text")
    print(f"passes   {args.repeats} timed, {args.clock} clock, medians in ms per pass")
    print(f"load     {load_before} before, {_load()} after (1, 5, 15 min)")
    print(f"read        {med['read']:8.1f}")
    print(f"parse       {med['parse']:8.1f}")
    print(f"read+parse  {med['read+parse']:8.1f}   {mb / (med['read+parse'] / 1000):.2f} MB/s")
    for name in EXTRACTORS:
        print(f"  {name:22s}{med[name]:8.1f}")
    print(f"  {'facts (spans, JSON)':22s}{med['facts']:8.1f}")
    print(f"extract     {med['extract']:8.1f}")
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(f"ratio    extract / (read+parse) = {ratio:.2f}  (median of passes; "
          f"target <= {TARGET:.2f}): {verdict}")


if __name__ == "__main__":
    main()
