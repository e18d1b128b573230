"""Topic codes on the held-out documents: does each item get a code a reader would give it?

    .venv/bin/python benchmarks/topic_eval.py        # scores
    .venv/bin/python benchmarks/topic_eval.py -v     # plus every miss

Gold: benchmarks/data/heldout/topics_heldout.tsv (doc, item number, accepted codes with the
preferred one first), annotated from the codebook before the predictions were seen.
Predictions are each item's ``topic`` as the pipeline reports it. Two scores: the
predicted code is the preferred one (strict), or any accepted one (lenient); items filed
under "other" (99) are counted apart, because an empty answer is a different failure
from a wrong one. The seeds' annotation lives in tests/unit/test_topics.py.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from luoshi.pipeline import parse_raw  # noqa: E402
from luoshi.readers import read  # noqa: E402
from luoshi.serialize import document_to_dict  # noqa: E402

HELDOUT_DIR = ROOT / "benchmarks" / "data" / "heldout"
GOLD = HELDOUT_DIR / "topics_heldout.tsv"


def _gold(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        rows = (line for line in f if line.strip() and not line.startswith("#"))
        return list(csv.DictReader(rows, delimiter="\t"))


def _topics(path: Path) -> dict[str, dict]:
    """Item number → item, for every item of the document; an unnumbered item (a fact
    sheet's bullet) goes by its position, counted from 1, and so does every item of a list
    whose numbers start again in each section (the gold then counts positions)."""
    doc = document_to_dict(parse_raw(read(str(path))))
    numbers = [it["number"] for it in doc["items"] if it["number"] is not None]
    restart = len(set(numbers)) < len(numbers)
    return {str(i + 1 if it["number"] is None or restart else it["number"]): it
            for i, it in enumerate(doc["items"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--docs", default="", help="only documents whose name starts with this")
    args = ap.parse_args()
    gold = [g for g in _gold(GOLD) if g["doc"].startswith(args.docs)]
    docs = {d: _topics(HELDOUT_DIR / d) for d in dict.fromkeys(g["doc"] for g in gold)}
    strict = lenient = other = lost = 0
    misses: list[str] = []
    for g in gold:
        accepted = g["gold"].split("|")
        item = docs[g["doc"]].get(g["item"])
        if item is None:
            lost += 1
            misses.append(f"miss {g['doc']} #{g['item']}: item not found by the parser")
            continue
        code = item["topic"]["code"]
        strict += code == accepted[0]
        lenient += code in accepted
        other += code == "99"
        if code != accepted[0]:
            tag = "miss" if code not in accepted else "2nd "
            misses.append(f"{tag} {g['doc']} #{g['item']}: gold {g['gold']}, got {code} "
                          f"({item['topic']['label_en']})  {g['what']}")
    n = len(gold)
    print(f"topic held-out set: {n} items in {len(docs)} documents")
    print(f"  preferred code      {strict / n:6.1%}  ({strict}/{n})")
    print(f"  an accepted code    {lenient / n:6.1%}  ({lenient}/{n})")
    print(f"  filed as other      {other / n:6.1%}  ({other}/{n})")
    if lost:
        print(f"  items not found     {lost}")
    if args.verbose:
        for m in misses:
            print("  " + m)


if __name__ == "__main__":
    main()
