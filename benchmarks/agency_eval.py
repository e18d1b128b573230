"""Agency resolution on the held-out documents: is every agency named, resolved to
the right gazetteer entry, with an English name?

    .venv/bin/python benchmarks/agency_eval.py         # scores
    .venv/bin/python benchmarks/agency_eval.py -v      # plus every miss and extra candidate

Gold: benchmarks/data/heldout/agencies_heldout.tsv (doc, mention text without
whitespace, gazetteer id), one row per occurrence in the items of the four fictional
outcome lists in benchmarks/data/heldout/. Predictions are the ``actors`` of every
item as the pipeline reports them (``parse_raw``), matched to gold rows by text in
document order. Candidates (agency-like spans not in the gazetteer) are listed with
``-v``: they are reported, never silently dropped, but have no English name.
A gold id ``-`` means the gazetteer has no entry for that body: the mention must be
found whole and reported without an id (a candidate); such rows are left out of the
English-name score. ``--docs PREFIX`` scores only the documents whose file name
starts with PREFIX (``--docs r3_``: the third round).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from luoshi.pipeline import parse_raw  # noqa: E402
from luoshi.readers import read  # noqa: E402
from luoshi.serialize import document_to_dict  # noqa: E402

HELDOUT_DIR = ROOT / "benchmarks" / "data" / "heldout"
GOLD = HELDOUT_DIR / "agencies_heldout.tsv"
MECH_GOLD = HELDOUT_DIR / "mechanisms_heldout.tsv"


def _actors(path: Path) -> list[dict]:
    out: list[dict] = []

    def walk(items: list[dict]) -> None:
        for it in items:
            out.extend(it.get("actors", []))
            walk(it.get("subitems", []))

    walk(document_to_dict(parse_raw(read(str(path))))["items"])
    return sorted(out, key=lambda a: a["span"][0])


def _mechanisms(notes: list[str], docs: str = "") -> tuple[int, int]:
    """Mechanism mentions: the gazetteer id, or "-" for none (another pair's dialogue).

    A gold row takes the first unused actor whose text is it or part of it (战略对话 in
    中欧高级别战略对话); no such actor counts as no id."""
    with MECH_GOLD.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    rows = [r for r in rows if r["doc"].startswith(docs)]
    pools: dict[str, list[dict]] = {}
    used: dict[str, set[int]] = defaultdict(set)
    right = 0
    for g in rows:
        pool = pools.setdefault(g["doc"], _actors(HELDOUT_DIR / g["doc"]))
        want = None if g["id"] == "-" else g["id"]
        hit = next(
            (i for i, a in enumerate(pool)
             if i not in used[g["doc"]] and re.sub(r"\s+", "", a["text"]) in g["text"]
             and (a["type"] in ("mechanism", "event-series", "candidate"))),
            None,
        )  # fmt: skip
        got = None
        if hit is not None:
            used[g["doc"]].add(hit)
            got = pool[hit]["id"]
        right += got == want
        if got != want:
            notes.append(f"MECH  {g['doc'][:6]} {g['text']}: want {g['id']} got {got}")
    return right, len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument(
        "--docs", metavar="PREFIX", default="", help="only documents whose name starts with PREFIX"
    )
    args = ap.parse_args(argv)
    with GOLD.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    rows = [r for r in rows if r["doc"].startswith(args.docs)]
    if not rows:
        ap.error(f"no gold rows for documents starting with {args.docs!r}")
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    found = right = english = 0
    notes: list[str] = []
    for doc, gold in by_doc.items():
        pool = _actors(HELDOUT_DIR / doc)
        used: set[int] = set()
        for g in gold:
            hit = next(
                (i for i, a in enumerate(pool)
                 if i not in used and re.sub(r"\s+", "", a["text"]) == g["text"]),
                None,
            )  # fmt: skip
            if hit is None:
                notes.append(f"MISS  {doc[:6]} {g['text']} (want {g['id']})")
                continue
            used.add(hit)
            a = pool[hit]
            found += 1
            want = None if g["id"] == "-" else g["id"]
            right += a["id"] == want
            english += bool(want and a["id"] and a.get("name_en"))
            if a["id"] != want:
                notes.append(f"WRONG {doc[:6]} {g['text']}: want {g['id']} got {a['id']}")
        for i, a in enumerate(pool):
            if i not in used and a["type"] == "candidate":
                notes.append(f"CAND  {doc[:6]} {a['text']} (side {a['side']})")
    n = len(rows)
    n_id = sum(r["id"] != "-" for r in rows)
    mech_right, mech_n = _mechanisms(notes, args.docs)
    print(f"agency held-out set: {n} mentions in {len(by_doc)} documents")
    print(f"  found as one mention      {found / n:6.1%}")
    print(f"  right gazetteer entry     {right / n:6.1%}")
    print(f"  resolved to English name  {english / max(n_id, 1):6.1%}", end="")
    print(f"  (of the {n_id} with a gazetteer id)" if n_id != n else "")
    print(f"mechanism held-out set: {mech_n} mentions ({MECH_GOLD.name})")
    print(f"  right id or no id         {mech_right / max(mech_n, 1):6.1%}")
    if args.verbose:
        for line in notes:
            print("  -", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
