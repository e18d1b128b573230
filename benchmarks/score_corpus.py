#!/usr/bin/env python3
"""Score luoshi's parse of a generated corpus against its truth.jsonl.

    .venv/bin/python benchmarks/score_corpus.py CORPUS [--limit N] [--extract]

Per document it compares the item numbers (in order), the round, the meeting
dates and the defect kinds with what benchmarks/make_corpus.py wrote. Defects:
recall per injected kind, and how often a kind is reported where none was
injected (the seeds carry some damage of their own, so that is not all noise).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def score(corpus: Path, limit: int | None, extract: bool) -> dict[str, Any]:
    from luoshi.corpusgen import DAMAGE
    from luoshi.pipeline import parse

    kinds = sorted(set(DAMAGE.values()))
    n = items_exact = 0
    tp = fp = fn = 0
    rounds = [0, 0]
    dates = [0, 0]
    injected: Counter[str] = Counter()
    found: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    failed = 0
    by_form: dict[str, list[int]] = {}
    with (corpus / "truth.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and n >= limit:
                break
            truth = json.loads(line)
            n += 1
            try:
                doc = parse(corpus / truth["file"], extract=extract)
            except Exception:
                failed += 1
                continue
            got = [it.number for it in doc.items if it.number is not None]
            want = truth["items"]
            ok = got == want
            items_exact += ok
            form = f"{truth['script']}{'+wrap' if truth['wrap'] else ''}"
            by_form.setdefault(form, [0, 0])
            by_form[form][0] += ok
            by_form[form][1] += 1
            common = sum((Counter(got) & Counter(want)).values())
            tp, fp, fn = tp + common, fp + len(got) - common, fn + len(want) - common
            if truth["round"] is not None:
                rounds[1] += 1
                rounds[0] += doc.meeting.round == truth["round"]
            if truth["dates"] is not None:
                dates[1] += 1
                dates[0] += (doc.meeting.start, doc.meeting.end) == (
                    truth["dates"]["start"], truth["dates"]["end"])
            reported = {d.kind for d in doc.defects}
            for kind in kinds:
                if kind in truth["defects"]:
                    injected[kind] += 1
                    found[kind] += kind in reported
                elif kind in reported:
                    spurious[kind] += 1
    return {
        "documents": n,
        "failed": failed,
        "items_exact": items_exact / max(1, n),
        "item_precision": tp / max(1, tp + fp),
        "item_recall": tp / max(1, tp + fn),
        "round_accuracy": rounds[0] / max(1, rounds[1]),
        "round_docs": rounds[1],
        "dates_accuracy": dates[0] / max(1, dates[1]),
        "dates_docs": dates[1],
        "items_exact_by_form": {k: v[0] / v[1] for k, v in sorted(by_form.items())},
        "defects": {k: {"injected": injected[k], "recall": found[k] / max(1, injected[k]),
                        "reported_without_injection": spurious[k]} for k in kinds},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--extract", action="store_true", help="run the extractors too (slower)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.corpus / "truth.jsonl").is_file():
        print(f"error: {args.corpus}: no truth.jsonl (make it with make_corpus.py)",
              file=sys.stderr)
        return 1
    s = score(args.corpus, args.limit, args.extract)
    if args.json:
        print(json.dumps(s, indent=2))
        return 0
    print(f"{s['documents']} documents, {s['failed']} failed to parse")
    print(f"item numbers exactly right: {s['items_exact']:.1%}   "
          f"P {s['item_precision']:.3f}  R {s['item_recall']:.3f}")
    print("  by form: " + ", ".join(f"{k} {v:.1%}" for k, v in s["items_exact_by_form"].items()))
    print(f"round right: {s['round_accuracy']:.1%} of {s['round_docs']}   "
          f"meeting dates right: {s['dates_accuracy']:.1%} of {s['dates_docs']}")
    print(f"{'defect kind':<20} {'injected':>8} {'recall':>7} {'reported, not injected':>23}")
    for kind, d in s["defects"].items():
        print(f"{kind:<20} {d['injected']:>8} {d['recall']:>7.1%} "
              f"{d['reported_without_injection']:>23}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
