"""The score of a candidate pair of items, from several signals.

Each signal is a similarity in [0, 1]; the score is their weighted mean over the
signals that *apply*. Heading and text always apply (when the items have them);
actors and references apply when both items name some, series when either names
one and the other names any id — a signal an item cannot speak to is left out
rather than counted as disagreement, because outcome lists mention series and
references only now and then, and extraction misses some. Weights live in
``luoshi/data/link_rules.toml`` [threads.weights].
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from itertools import repeat
from operator import mul
from typing import Any

from luoshi.link.config import ThreadRules
from luoshi.link.features import ItemFeatures, Vocabulary

SIGNALS = ("title", "text", "actors", "series", "references", "topic")
_PREFIX = {"actors": "\0a", "series": "\0s", "references": "\0r"}


class Scorer:
    def __init__(self, vocab: Vocabulary, n: int, rules: ThreadRules) -> None:
        self.weights = {s: rules.weights.get(s, 0.0) for s in SIGNALS}
        # idf of every id, by signal: the same id is rarer or commoner per kind
        self.idf: dict[str, dict[str, float]] = {s: {} for s in _PREFIX}
        for s, key in vocab.ids.items():
            if s.startswith("\0"):
                for sig, p in _PREFIX.items():
                    if s.startswith(p):
                        self.idf[sig][s[len(p):]] = vocab.idf(key, n)

    @staticmethod
    def prepare(f: ItemFeatures) -> tuple[dict[int, float], dict[int, float]]:
        """The item's text and heading vectors as dicts, built once for all the
        pairs it takes part in as the later item."""
        return (dict(zip(f.vec_ids, f.vec_w, strict=True)),
                dict(zip(f.title_ids, f.title_w, strict=True)))

    def score(self, a: ItemFeatures, b: ItemFeatures,
              prepared: tuple[dict[int, float], dict[int, float]] | None = None
              ) -> tuple[float, dict[str, float]]:
        text_b, title_b = prepared or self.prepare(b)
        sig: dict[str, float] = {}
        if len(a.title_ids) and title_b:
            sig["title"] = _cos(a.title_ids, a.title_w, title_b)
        if len(a.vec_ids) and text_b:
            sig["text"] = _cos(a.vec_ids, a.vec_w, text_b)
        if "title" not in sig and "text" not in sig:
            return 0.0, {}
        if a.actors and b.actors:
            sig["actors"] = _jaccard(a.actors, b.actors, self.idf["actors"])
        if (a.series or b.series) and (a.series or a.actors) and (b.series or b.actors):
            sig["series"] = _series(a, b, self.idf["series"])
        if a.references and b.references:
            sig["references"] = _jaccard(a.references, b.references, self.idf["references"])
        if a.topic is not None and b.topic is not None:
            sig["topic"] = 1.0 if a.topic == b.topic else 0.0
        num = den = 0.0
        for name, v in sig.items():
            w = self.weights[name]
            num += w * v
            den += w
        return (num / den if den else 0.0), sig


def _cos(ids: array, ws: array, other: Mapping[int, float]) -> float:
    # map() keeps the loop in C: this dot product is most of the linking time
    return min(1.0, sum(map(mul, ws, map(other.get, ids, repeat(0.0)))))


def _jaccard(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    shared = a & b
    if not shared:
        return 0.0
    # summed in sorted order: set order varies between processes, and float sums
    # in another order could flip an exact tie between two candidate links
    num = sum(idf.get(k, 1.0) for k in sorted(shared))
    den = num + sum(idf.get(k, 1.0) for k in sorted(a ^ b))
    return num / den


def _series(a: ItemFeatures, b: ItemFeatures, idf: Mapping[str, float]) -> float:
    """Share of the series either item names that the other names too — as a
    series, or as an actor: the gazetteer gives a mechanism one id, so "举行一次
    法律顾问磋商" (an actor, no ordinal) and "第二次年度法律顾问磋商" (a series)
    are one mechanism."""
    union = a.series | b.series
    found = (a.series & (b.series | b.actors)) | (b.series & (a.series | a.actors))
    if not found:
        return 0.0
    return sum(idf.get(k, 1.0) for k in sorted(found)) / sum(
        idf.get(k, 1.0) for k in sorted(union))


def shared_ids(a: ItemFeatures, b: ItemFeatures) -> dict[str, Any]:
    """The ids both items name, to show why they were linked."""
    out: dict[str, Any] = {}
    for name, both in (("actors", a.actors & b.actors),
                       ("series", (a.series & (b.series | b.actors))
                        | (b.series & (a.series | a.actors))),
                       ("references", a.references & b.references)):
        if both:
            out[name] = sorted(both)
    if a.topic is not None and a.topic == b.topic:
        out["topic"] = a.topic
    return out
