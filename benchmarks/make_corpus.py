#!/usr/bin/env python3
"""Write a large realistic corpus made from seed documents, with its truth.

    .venv/bin/python benchmarks/make_corpus.py OUT -n 10000 [--seed 1] [--seeds DIR]

OUT gets the documents in folders of 1,000 (000/000000.txt, …) and truth.jsonl,
one line per document: item numbers in order, round, meeting dates, the damage
injected and the defect kinds luoshi should report (see luoshi/corpusgen). The
same --seed always writes the same corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
PER_FOLDER = 1000


def load_templates(folder: Path) -> list:  # type: ignore[type-arg]
    from luoshi.corpusgen import cut
    from luoshi.readers import read

    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [cut(p.name, read(str(p)).text) for p in files]


def write_corpus(out: Path, count: int, seed: int, seeds: Path) -> int:
    from luoshi.corpusgen import generate

    templates = load_templates(seeds)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    with (out / "truth.jsonl").open("w", encoding="utf-8") as truth:
        for doc in generate(templates, count, seed):
            index = written
            rel = f"{index // PER_FOLDER:03d}/{doc.name}"
            path = out / rel
            path.parent.mkdir(exist_ok=True)
            path.write_text(doc.text, encoding="utf-8")
            truth.write(json.dumps({**doc.truth, "file": rel}, ensure_ascii=False) + "\n")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", "--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of seed documents")
    args = ap.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"error: {args.seeds}: no such folder of seed documents", file=sys.stderr)
        return 1
    started = time.perf_counter()
    n = write_corpus(args.out, args.count, args.seed, args.seeds)
    size = sum(p.stat().st_size for p in args.out.rglob("*.txt"))
    print(f"wrote {n} documents ({size / 1e6:.1f} MB) and truth.jsonl to {args.out} "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
