"""Accuracy of luoshi.extract.series on the hand-annotated seed mentions.

    .venv/bin/python benchmarks/series_eval.py            # per-field accuracy
    .venv/bin/python benchmarks/series_eval.py -v         # plus every miss
    .venv/bin/python benchmarks/series_eval.py --dump     # predictions as TSV rows
    .venv/bin/python benchmarks/series_eval.py --with-extractors  # wired to times/actors
    .venv/bin/python benchmarks/series_eval.py --heldout   # held-out documents, whole pipeline

Gold: benchmarks/data/series_dev.tsv, one row per ordinal (or "next") meeting
mention in the five seed documents, keyed by document and character offset of
the mention start in the raw file. ``#doc`` lines give each document's date.

Documents are cut into items the way an outcome list is numbered (1、 …,
**1、…**, sections 一、…) and each item goes to ``find_series`` with its title
as ``context_title`` — the extractor never sees another item, as in the
pipeline. By default no time or actor extractor is passed: the built-in time
reader is what is measured. ``--with-extractors`` passes the results of
``luoshi.extract.times`` and ``luoshi.extract.actors`` instead.

Repeated blocks (a seed has its items 21–29 pasted three times) are annotated
once; a prediction on a later copy of an annotated mention is not counted as
a false positive.

The seed set overstates. ``--heldout`` scores benchmarks/data/heldout/series_heldout.tsv,
the items of four fictional outcome lists written after the rules (English,
Chinese, Traditional, damaged), on what the whole pipeline reports
(``parse_raw`` → each item's ``series`` facts, so item segmentation, de-wrapping
and the sibling extractors are part of the test); a prediction matches a gold
mention when its span covers the gold offset.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from luoshi.extract.series import SeriesMention, find_series  # noqa: E402
from luoshi.readers import read  # noqa: E402

DEV = ROOT / "benchmarks" / "data" / "series_dev.tsv"
SEEDS = Path(os.environ.get("LUOSHI_SEEDS", ROOT.parent / "shared" / "corpus" / "seeds"))
HELDOUT_DIR = ROOT / "benchmarks" / "data" / "heldout"
HELDOUT = HELDOUT_DIR / "series_heldout.tsv"

_ITEM = re.compile(r"(?m)^[ \t]*(?:\*\*)?\d{1,3}、|^[ \t]*[一二三四五六七八九十]+、")
_TITLE = re.compile(r"^[ \t]*(?:\*\*)?\d{1,3}、(?P<t>[^：:]{1,80}?)(?:\*\*)?[：:]")


@dataclass
class Gold:
    doc: str
    offset: int
    quote: str
    series: str
    ordinal: str
    relation: str
    status: str
    date: str
    due: str
    place: str


def load_gold(path: Path) -> tuple[list[Gold], dict[str, str]]:
    rows: list[Gold] = []
    dates: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip()]
    header = None
    for ln in lines:
        if ln.startswith("#doc"):
            _, doc, d = ln.rstrip("\n").split("\t")[:3]
            dates[doc] = d
    data = [ln for ln in lines if not ln.startswith("#")]
    for rec in csv.reader(data, delimiter="\t", quoting=csv.QUOTE_NONE):
        if header is None:
            header = rec
            continue
        row = dict(zip(header, rec, strict=True))
        offset = int(row.pop("offset"))
        rows.append(Gold(offset=offset, **row))
    return rows, dates


def chunks(text: str) -> list[tuple[int, str, str | None]]:
    """(offset, chunk text, item title) for the intro and every numbered item."""
    starts = [m.start() for m in _ITEM.finditer(text)]
    bounds = [0, *starts, len(text)]
    out = []
    for a, b in pairwise(bounds):
        if b <= a:
            continue
        piece = text[a:b]
        m = _TITLE.match(piece)
        title = re.sub(r"\s+", "", m.group("t")) if m else None
        out.append((a, piece, title))
    return out


def predict(doc: str, text: str, doc_date: str, wired: bool = False) -> list[SeriesMention]:
    preds: list[SeriesMention] = []
    for off, piece, title in chunks(text):
        times: list = []
        actors: list = []
        lookup = None
        if wired:  # the sibling extractors, imported only when asked for
            from datetime import date

            from luoshi.extract.actors import find_actors
            from luoshi.extract.times import find_times

            times = find_times(piece, date.fromisoformat(doc_date))
            actors = find_actors(piece)
            lookup = _mechanism_lookup
        for m in find_series(
            piece,
            doc_date=doc_date,
            context_title=title,
            times=times,
            actors=actors,
            lookup=lookup,
        ):
            assert piece[m.start : m.end] == m.text, (doc, m)
            m.start += off
            m.end += off
            preds.append(m)
    return preds


def predict_pipeline(path: Path) -> list[SeriesMention]:
    """Series facts of every item (and sub-item) as the pipeline reports them."""
    from luoshi.pipeline import parse_raw
    from luoshi.readers import read
    from luoshi.serialize import document_to_dict

    out: list[SeriesMention] = []

    def walk(items: list[dict]) -> None:
        for it in items:
            for f in it.get("series", []):
                out.append(
                    SeriesMention(
                        text=f["text"], start=f["span"][0], end=f["span"][1], name=f["name"],
                        series_id=f["id"], ordinal=f["ordinal"], relation=f["relation"],
                        status=f["status"], date=_pair(f["date"]), due=_pair(f["due"]),
                        place=f["place"],
                    )
                )  # fmt: skip
            walk(it.get("subitems", []))

    walk(document_to_dict(parse_raw(read(str(path))))["items"])
    return out


def _pair(r: dict | None) -> tuple[str, str] | None:
    return None if r is None else (r["start"], r["end"])


def _mechanism_lookup(name: str) -> str | None:
    """Gazetteer id of a mechanism whose name is exactly ``name``."""
    from luoshi.extract.actors import find_actors

    for a in find_actors(name):
        if a.type == "mechanism" and a.start == 0 and a.end == len(name):
            return a.id
    return None


def fmt_range(r: tuple[str | None, str | None] | None) -> str:
    if r is None:
        return ""
    return f"{r[0] or ''}/{r[1] or ''}"


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--dump", action="store_true", help="print predictions as TSV rows")
    ap.add_argument(
        "--with-extractors",
        action="store_true",
        help="pass luoshi.extract.times/actors results instead of the built-in time reader",
    )
    ap.add_argument("--heldout", action="store_true", help=f"score {HELDOUT.name} (pipeline)")
    ap.add_argument(
        "--docs", metavar="PREFIX", help="only documents whose file name starts with PREFIX (r3_)"
    )
    args = ap.parse_args()
    gold, dates = load_gold(HELDOUT if args.heldout else DEV)
    if args.docs:
        dates = {d: v for d, v in dates.items() if d.startswith(args.docs)}
        gold = [g for g in gold if g.doc in dates]
        if not dates:
            ap.error(f"no documents starting with {args.docs!r}")
    where = HELDOUT_DIR if args.heldout else SEEDS
    # the decoded source, as the pipeline's spans count it (GB18030, DOCX and PDF too)
    texts = {doc: read(str(where / doc)).text for doc in dates}
    t0 = time.perf_counter()
    if args.heldout:
        preds = {doc: predict_pipeline(where / doc) for doc in dates}
    else:
        preds = {doc: predict(doc, texts[doc], dates[doc], args.with_extractors) for doc in dates}
    elapsed = time.perf_counter() - t0
    if args.dump:
        print("doc\toffset\tquote\tseries\tordinal\trelation\tstatus\tdate\tdue\tplace")
        for doc, ms in preds.items():
            for m in ms:
                print(
                    "\t".join([doc, str(m.start), squash(m.text), m.name,
                               "" if m.ordinal is None else str(m.ordinal), m.relation or "",
                               m.status, fmt_range(m.date), fmt_range(m.due), m.place or ""])
                )  # fmt: skip
        return 0

    for g in gold:  # the quote must be what the file has there
        got = squash(texts[g.doc][g.offset : g.offset + len(g.quote) * 3])
        assert got.startswith(g.quote), f"{g.doc}@{g.offset}: {g.quote!r} vs {got[:30]!r}"

    by_pos: dict[tuple[str, int], list[SeriesMention]] = defaultdict(list)
    for doc, ms in preds.items():
        for m in ms:
            by_pos[(doc, m.start)].append(m)
    matched: dict[int, SeriesMention] = {}
    gold_at: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        gold_at[(g.doc, g.offset)].append(i)
    used: set[int] = set()
    if args.heldout:  # a prediction covering the gold offset (English mentions open with "the")
        by_pos = defaultdict(list)
        for doc, ms in preds.items():
            for g in gold:
                if g.doc == doc:
                    cover = [m for m in ms if m.start <= g.offset < m.end]
                    by_pos[(doc, g.offset)] = cover
    for key, idxs in gold_at.items():
        cands = by_pos.get(key, [])
        for i, m in zip(idxs, cands, strict=False):
            matched[i] = m
            used.add(id(m))
    # false positives: predictions matching no gold row, unless on a repeated block
    quotes = {(g.doc, g.quote) for g in gold}
    fps = []
    for doc, ms in preds.items():
        for m in ms:
            if id(m) in used:
                continue
            if (doc, squash(m.text)) in quotes and _is_repeat(texts[doc], m, gold):
                continue
            fps.append((doc, m))

    n = len(gold)
    fields: defaultdict[str, int] = defaultdict(int)
    errors: list[str] = []
    # grouping: gold clusters by name vs predicted clusters by series_id
    gold_cluster: defaultdict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(gold):
        gold_cluster[g.series].add(i)
    pred_cluster: defaultdict[str, set[int]] = defaultdict(set)
    for i, pm in matched.items():
        pred_cluster[pm.series_id].add(i)
    for i, g in enumerate(gold):
        hit = matched.get(i)
        if hit is None:
            errors.append(f"MISS {g.doc}@{g.offset} {g.quote}")
            continue
        fields["found"] += 1
        checks = {
            "ordinal": (g.ordinal, "" if hit.ordinal is None else str(hit.ordinal)),
            "relation": (g.relation, hit.relation or ""),
            "status": (g.status, hit.status),
            "date/due": (f"{g.date}|{g.due}", f"{fmt_range(hit.date)}|{fmt_range(hit.due)}"),
            "place": (g.place, hit.place or ""),
            "name": (g.series, hit.name),
        }
        for f, (want, got) in checks.items():
            if want == got:
                fields[f] += 1
            else:
                errors.append(f"{f:8} {g.doc[:3]}@{g.offset} {g.quote}: want {want!r} got {got!r}")
        if gold_cluster[g.series] == pred_cluster[hit.series_id]:
            fields["grouping"] += 1
        else:
            errors.append(
                f"grouping {g.doc[:3]}@{g.offset} {g.quote}: {g.series} vs {hit.series_id}"
            )
    precision = fields["found"] / (fields["found"] + len(fps)) if fields["found"] else 0.0
    label = "held-out set" if args.heldout else "dev set"
    print(f"series {label}: {n} mentions in {len(dates)} documents ({elapsed * 1000:.0f} ms)")
    print(f"  detection recall   {fields['found'] / n:6.1%}   precision {precision:6.1%}")
    for f in ("ordinal", "relation", "status", "date/due", "place", "name", "grouping"):
        print(f"  {f:18} {fields[f] / n:6.1%}")
    if args.verbose:
        for e in errors:
            print("  -", e)
        for doc, m in fps:
            print(f"  - FP {doc[:3]}@{m.start} {squash(m.text)} ({m.name})")
    return 0


def _is_repeat(text: str, m: SeriesMention, gold: list[Gold]) -> bool:
    """A later copy of an annotated mention: same quote and same 20 chars before it."""
    ctx = squash(text[max(0, m.start - 40) : m.start])[-20:]
    for g in gold:
        if squash(m.text) == g.quote and g.offset < m.start:
            gctx = squash(text[max(0, g.offset - 40) : g.offset])[-20:]
            if gctx == ctx:
                return True
    return False


if __name__ == "__main__":
    raise SystemExit(main())
