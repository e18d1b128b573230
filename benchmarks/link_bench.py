"""Time thread linking (luoshi.link.threads) at 10^4 and 10^5 items.

    .venv/bin/python benchmarks/link_bench.py [SEEDS] [--sizes 10000 100000] [--seed 7]

The collection is made from the real seed outcome lists: round after round, each a
perturbed copy of one seed list (cycling through them in date order), with items
dropped and renumbered, dates and rounds shifted, a few characters swapped and
clauses dropped. Prints, per size: items, candidate pairs examined, seconds, and
the growth factor from one size to the next — linking must grow about linearly
(≈10× for 10× the items), far from the 100× of comparing all pairs.

"consistent" is a sanity check of the links found: the share of links whose two
items come from the same seed item, or from seed items that linking the seeds
themselves puts in one thread.

    .venv/bin/python benchmarks/link_bench.py --ledger [--sizes 10000 100000]

times the whole ledger linking instead (``luoshi.follow.link_ledger``: copies,
threads with diffs, series timelines and commitment status at every document
date) on a temporary SQLite ledger holding seed lists shifted by whole years
(text, facts and dates moved together, so deadlines and evidence line up): a
full link (wall and CPU seconds: on a shared machine the CPU time is the
steadier figure), a no-op re-link, adding one more round (incremental), and
one ``track_rows`` query. "peak MB" is the largest resident size during the
full link (Linux; the benchmark itself holds one document at a time).
``--keep DB`` copies the linked ledger (last size) for comparing derived tables,
``--profile FILE`` writes cProfile stats of the full link, ``--reuse PREFIX``
keeps each size's unlinked ledger as PREFIX.N.db and starts from it next time.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import random
import re
import time
from datetime import date, timedelta
from pathlib import Path

from luoshi.link.threads import link_threads
from luoshi.model import Document, Item, Meeting, SourceInfo
from luoshi.pipeline import parse

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
_YEAR = re.compile(r"(?<!\d)(19|20)(\d\d)(?=年)")


def seed_docs(folder: Path) -> list[Document]:
    docs = [parse(p) for p in sorted(folder.iterdir()) if p.is_file()]
    lists = [d for d in docs if d.kind == "outcome-list" and d.items]
    return sorted(lists, key=lambda d: d.meeting.start or "")


def perturb_text(text: str, rng: random.Random, years: int) -> str:
    text = _YEAR.sub(lambda m: str(int(m.group(1) + m.group(2)) + years), text)
    clauses = text.split("，")
    if len(clauses) > 2 and rng.random() < 0.5:  # drop a clause (never the first)
        del clauses[rng.randrange(1, len(clauses))]
    chars = list("，".join(clauses))
    for _ in range(rng.randint(1, 4)):  # swap a few neighbouring characters
        if len(chars) > 2:
            i = rng.randrange(len(chars) - 1)
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def synthetic(seeds: list[Document], n_items: int, rng: random.Random
              ) -> tuple[list[Document], dict[int, tuple[int, int]]]:
    """Documents totalling about ``n_items`` items; origin[id(item)] = (seed, index)."""
    docs: list[Document] = []
    origin: dict[int, tuple[int, int]] = {}
    base = date(2000, 1, 1)
    total = r = 0
    while total < n_items:
        s = r % len(seeds)
        seed = seeds[s]
        years = r // len(seeds)
        items = []
        for i, it in enumerate(seed.items):
            if rng.random() < 0.05:
                continue  # dropped this round: numbering shifts
            title = it.title
            norm = perturb_text(it.normalized, rng, years)
            if title and rng.random() < 0.1:
                title = title[::-1]  # a reworded heading
            new = Item(number=len(items) + 1, label=f"{len(items) + 1}、", section=it.section,
                       title=title, text=norm, span=it.span, normalized=norm,
                       facts=it.facts)
            origin[id(new)] = (s, i)
            items.append(new)
        day = (base + timedelta(days=91 * r)).isoformat()
        sha = hashlib.sha256(f"synthetic-{r}".encode()).hexdigest()
        m = seed.meeting
        docs.append(Document(
            source=SourceInfo(path=f"synthetic/{r}.txt", sha256=sha, format="text"),
            text="", title=f"{seed.title} ({r})", kind="outcome-list",
            meeting=Meeting(mechanism=m.mechanism, track=m.track, round=r + 1,
                            start=day, end=day),
            items=items))
        total += len(items)
        r += 1
    return docs, origin


_FACT_YEAR = re.compile(r'"((?:19|20)\d\d)-')


def shifted(seed: Document, r: int, years: int, rng: random.Random) -> Document:
    """``seed`` moved ``years`` years later, as the ``r``-th synthetic document.

    Years in the text keep their length, so every span still holds; dates in the
    facts move with them. About 5% of the items are dropped."""
    from dataclasses import replace

    def year(m: re.Match[str]) -> str:
        return str(int(m.group(1) + m.group(2)) + years)

    def day(d: str | None) -> str | None:
        return None if d is None else f"{int(d[:4]) + years}{d[4:]}"

    items = []
    for it in seed.items:
        if rng.random() < 0.05:
            continue
        facts = json.loads(_FACT_YEAR.sub(lambda m: f'"{int(m.group(1)) + years}-',
                                          json.dumps(it.facts)))
        items.append(replace(it, text=_YEAR.sub(year, it.text),
                             normalized=_YEAR.sub(year, it.normalized), facts=facts))
    m = seed.meeting
    sha = hashlib.sha256(f"synthetic-ledger-{r}".encode()).hexdigest()
    return replace(
        seed, text=_YEAR.sub(year, seed.text), items=items, title=f"{seed.title} ({r})",
        published=day(seed.published), events=[], defects=[], display=None, normalized=None,
        source=SourceInfo(path=f"synthetic/{r}.txt", sha256=sha, format="text"),
        meeting=replace(m, round=(m.round or 0) + years, start=day(m.start), end=day(m.end)),
    )


def _reset_peak_rss() -> None:
    """Start the peak resident size afresh (Linux), so that it is the link's."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_rss_mb() -> float:
    """The process's peak resident size since the last reset, in MB."""
    import resource

    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _copy_db(src: Path, dst: Path) -> None:
    """A consistent copy of a SQLite file (its journal included)."""
    import sqlite3

    dst.unlink(missing_ok=True)
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    b.close()
    a.close()


def ledger_bench(seeds: list[Document], sizes: list[int], seed: int,
                 keep: str | None = None, profile: str | None = None,
                 reuse: str | None = None) -> None:
    import gc
    import tempfile

    from luoshi.follow import link_ledger, track_rows
    from luoshi.store import Ledger

    print(f"{'items':>8} {'docs':>5} {'epochs':>6} {'commitments':>11} {'full s':>7} "
          f"{'cpu s':>7} {'no-op ms':>8} {'add one s':>9} {'track ms':>8} {'peak MB':>7}",
          flush=True)
    prev: tuple[int, float, float] | None = None
    for n in sizes:
        rng = random.Random(seed)
        total = count = 0
        last: Document | None = None
        gc.collect()
        saved = Path(f"{reuse}.{n}.db") if reuse else None
        with tempfile.TemporaryDirectory() as tmp:
            if saved is not None and saved.exists():
                _copy_db(saved, Path(tmp) / "bench.db")
            ledger = Ledger.open(f"sqlite:///{tmp}/bench.db")
            # made and ingested one at a time (the last one held back, to add
            # after the full link): the benchmark itself holds one document
            while total < n:
                d = shifted(seeds[count % len(seeds)], count, count // len(seeds), rng)
                if last is not None and (saved is None or not saved.exists()):
                    ledger.ingest(last)
                last, count, total = d, count + 1, total + len(d.items)
            assert last is not None
            if saved is not None and not saved.exists():
                _copy_db(Path(tmp) / "bench.db", saved)
            gc.collect()
            _reset_peak_rss()
            t, c = time.perf_counter(), time.process_time()
            if profile:
                import cProfile

                with cProfile.Profile() as prof:
                    summary = link_ledger(ledger)
                prof.dump_stats(profile)
            else:
                summary = link_ledger(ledger)
            full, cpu = time.perf_counter() - t, time.process_time() - c
            rss = _peak_rss_mb()
            # the full link first: at 10^5 the rest of the row takes a while more
            print(f"{total:>8} {count:>5} {summary.epochs:>6} {summary.commitments:>11} "
                  f"{full:>7.1f} {cpu:>7.1f}", end="", flush=True)
            t = time.perf_counter()
            link_ledger(ledger)
            noop = time.perf_counter() - t
            ledger.ingest(last)
            t = time.perf_counter()
            link_ledger(ledger)
            added = time.perf_counter() - t
            t = time.perf_counter()
            track_rows(ledger, as_of=last.meeting.start)
            track = time.perf_counter() - t
            if keep:  # the linked ledger, for comparing derived tables
                _copy_db(Path(tmp) / "bench.db", Path(keep))
            ledger.close()
        print(f" {noop * 1000:>8.0f} {added:>9.1f} {track * 1000:>8.0f} {rss:>7.0f}", flush=True)
        if prev:
            exp = math.log(cpu / prev[2]) / math.log(total / prev[0])
            print(f"  growth ×{total / prev[0]:.1f} items: full link ×{full / prev[1]:.1f} "
                  f"(cpu ×{cpu / prev[2]:.1f}, n^{exp:.2f})", flush=True)
        prev = (total, full, cpu)


def seed_threads(seeds: list[Document]) -> dict[tuple[int, int], int]:
    """(seed, item index) → thread number, from linking the seeds themselves."""
    index = {id(it): (s, i) for s, d in enumerate(seeds) for i, it in enumerate(d.items)}
    out: dict[tuple[int, int], int] = {}
    for k, t in enumerate(link_threads(seeds).threads):
        for ref in t.items:
            out[index[id(ref.item)]] = k
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--ledger", action="store_true",
                    help="time link_ledger on a ledger instead of link_threads")
    ap.add_argument("--keep", metavar="DB",
                    help="with --ledger: copy the linked ledger (last size) to this file")
    ap.add_argument("--reuse", metavar="PREFIX",
                    help="with --ledger: keep the unlinked ledger of each size as PREFIX.N.db "
                         "and start from it next time (skips the ingest)")
    ap.add_argument("--profile", metavar="FILE",
                    help="with --ledger: cProfile stats of the full link (last size)")
    args = ap.parse_args()
    seeds = seed_docs(Path(args.folder))
    if args.ledger:
        ledger_bench(seeds, args.sizes, args.seed, args.keep, args.profile, args.reuse)
        return
    truth = seed_threads(seeds)
    print(f"{len(seeds)} seed outcome lists, {sum(len(d.items) for d in seeds)} items")
    print(f"{'items':>8} {'docs':>6} {'candidates':>11} {'per item':>9} {'links':>8} "
          f"{'threads':>8} {'seconds':>8} {'consistent':>10}")
    prev: tuple[int, int, float] | None = None
    for n in args.sizes:
        docs, origin = synthetic(seeds, n, random.Random(args.seed))
        t = time.perf_counter()
        result = link_threads(docs)
        secs = time.perf_counter() - t
        st = result.stats
        good = total = 0
        for th in result.threads:
            for lk in th.links:
                a, b = origin[id(lk.pred.item)], origin[id(lk.succ.item)]
                total += 1
                good += a == b or (a in truth and truth.get(a) == truth.get(b))
        print(f"{st['items']:>8} {st['documents']:>6} {st['candidate_pairs']:>11} "
              f"{st['candidate_pairs'] / st['items']:>9.1f} {st['links']:>8} "
              f"{st['threads']:>8} {secs:>8.2f} {good / max(total, 1):>10.1%}")
        if prev:
            pi, pc, ps = prev
            print(f"  growth ×{st['items'] / pi:.1f} items: "
                  f"candidates ×{st['candidate_pairs'] / pc:.1f}, seconds ×{secs / ps:.1f}")
        prev = (st["items"], st["candidate_pairs"], secs)


if __name__ == "__main__":
    main()
