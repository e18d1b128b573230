"""What the thread linker knows of each item, computed once per item.

Every feature becomes an integer *key* of one shared space, so that one inverted
index serves them all: text tokens (Han bigrams, Latin words; numbers left out,
they change from round to round) as themselves,
heading bigrams as negative keys (a heading bigram says more than the same bigram
in the body), and actor, series and reference ids as prefixed strings.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from luoshi.clean.common import simplified
from luoshi.link.config import ThreadRules
from luoshi.link.refs import ItemRef
from luoshi.link.text import canon, idf_of, item_body, item_title, tokens

# Only the heaviest tokens of a text vector are kept: the cosine is dominated by
# them, and 10^5 items of full vectors would not fit comfortably in memory.
TEXT_TERMS = 80


@dataclass(slots=True)
class ItemFeatures:
    ref: ItemRef
    order: int  # position of the item's unit in time order
    family: str
    title: list[int]  # heading keys (negative ints)
    text: array  # distinct text keys
    actors: frozenset[str]
    series: frozenset[str]
    references: frozenset[str]
    topic: str | None
    id_keys: list[int]  # keys of actors, series and references
    vec_ids: array  # text vector: key ids …
    vec_w: array  # … and weights, L2-normalised
    title_ids: array
    title_w: array
    selected: list[int]  # its rarest keys of each kind: looked up among holders
    probe: list[int]  # its rarest indexed keys: looked up among selectors
    indexed: array  # all its keys someone selected: the lists it is entered in

    def all_keys(self) -> Iterable[int]:
        yield from self.title
        yield from self.text
        yield from self.id_keys


class Vocabulary:
    """Interns feature strings as ints and counts in how many items each occurs."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.df: Counter[int] = Counter()
        self.idf_of: dict[int, float] = {}  # filled by :meth:`freeze`

    def key(self, s: str) -> int:
        k = self.ids.get(s)
        if k is None:
            k = self.ids[s] = len(self.ids) + 1  # 0 is never used: -0 == 0
        return k

    def freeze(self, n: int) -> None:
        """Compute every key's idf once the document frequencies are complete."""
        self.idf_of = {k: idf_of(c, n) for k, c in self.df.items()}

    def idf(self, key: int, n: int) -> float:
        got = self.idf_of.get(key)
        return got if got is not None else idf_of(self.df[key], n)


def actor_ids(item_facts: dict, rules: ThreadRules) -> frozenset[str]:
    out = set()
    for a in item_facts.get("actors", []):
        aid = a.get("id")
        if not aid:
            continue
        if a.get("type") in rules.ignore_actor_types and aid not in rules.keep_actor_ids:
            continue  # countries and capitals name no matter
        out.add(aid)
    return frozenset(out)


def reference_keys(item_facts: dict) -> frozenset[str]:
    """A referenced text by its gazetteer id, else by its title without brackets
    and punctuation (《…<…>…》 and 《…〈…〉…》 are one title)."""
    out = set()
    for r in item_facts.get("references", []):
        if r.get("id"):
            out.add(r["id"])
        elif r.get("title"):
            out.add(canon(simplified(r["title"])))
    return frozenset(k for k in out if k)


def build(
    refs: Sequence[ItemRef], order: Sequence[int], family: Sequence[str], rules: ThreadRules
) -> tuple[list[ItemFeatures], Vocabulary]:
    """Features of every item; ``order`` and ``family`` are per item (of its unit)."""
    vocab = Vocabulary()
    key = vocab.key
    ids = vocab.ids
    setdefault = ids.setdefault  # vocab.key inlined: this loop runs per token
    df = vocab.df
    feats: list[ItemFeatures] = []
    counts: list[array] = []  # counts of the text keys, until the vectors are built
    for ref, o, fam in zip(refs, order, family, strict=True):
        item = ref.item
        f = item.facts
        title = sorted({-key(t) for t in tokens(item_title(item))})
        # count the token strings first (in C), then intern each distinct one once
        # without numbers: dates and figures change from round to round, and a year
        # shared by the items of one period would pair unrelated matters
        text = [(setdefault(t, len(ids) + 1), c)
                for t, c in Counter(tokens(item_body(item), numbers=False)).items()]
        actors = actor_ids(f, rules)
        series = frozenset(s["id"] for s in f.get("series", []) if s.get("id"))
        references = reference_keys(f)
        # interned in sorted order: key numbers (which break ties between equally
        # rare keys) must not depend on the per-process order of a set of strings
        id_keys = sorted(
            key(prefix + x)
            for prefix, xs in (("\0a", actors), ("\0s", series), ("\0r", references))
            for x in sorted(xs)
        )
        topic = (f.get("topic") or {}).get("code")
        if topic in rules.unclassified_topics:
            topic = None
        text_keys = array("i", [k for k, _ in text])
        feat = ItemFeatures(ref, o, fam, title, text_keys, actors, series, references, topic,
                            id_keys, array("i"), array("f"), array("i"), array("f"), [], [],
                            array("i"))
        df.update(title)
        df.update(text_keys)
        df.update(id_keys)
        feats.append(feat)
        counts.append(array("I", [c for _, c in text]))
    n = len(feats)
    vocab.freeze(n)
    for i, feat in enumerate(feats):
        _vectors(feat, counts[i], vocab.idf_of)
        counts[i] = array("I")
    return feats, vocab


def _vectors(feat: ItemFeatures, counts: array, idf: dict[int, float]) -> None:
    """tf-idf vector of the text (heaviest terms only) and idf vector of the heading."""
    log = math.log
    weighted = [(k, (1.0 + log(c)) * idf[k]) for k, c in zip(feat.text, counts, strict=True)]
    if len(weighted) > TEXT_TERMS:
        weighted.sort(key=lambda kw: (-kw[1], kw[0]))
        weighted = weighted[:TEXT_TERMS]
    norm = math.sqrt(sum(w * w for _, w in weighted)) or 1.0
    feat.vec_ids = array("i", (k for k, _ in weighted))
    feat.vec_w = array("f", (w / norm for _, w in weighted))
    tw = [(k, idf[k]) for k in feat.title]
    tnorm = math.sqrt(sum(w * w for _, w in tw)) or 1.0
    feat.title_ids = array("i", (k for k, _ in tw))
    feat.title_w = array("f", (w / tnorm for _, w in tw))


def select_keys(feats: Sequence[ItemFeatures], vocab: Vocabulary, rules: ThreadRules) -> set[int]:
    """Give each item its rarest usable keys of each kind; return them all.

    Per kind, because a body has hundreds of bigrams and would crowd out the few
    heading bigrams and ids, which say the most. A key carried by one item links
    nothing; one carried by a large share of all items (合作, 双方) would pair
    everything with everything.
    """
    n = len(feats)
    max_df = max(rules.min_max_df, int(rules.max_df_share * n))
    df = vocab.df
    used: set[int] = set()

    def rarest(keys: Iterable[int], k: int) -> list[int]:
        usable = [key for key in keys if 2 <= df[key] <= max_df]
        usable.sort(key=lambda key: (df[key], key))
        return usable[:k]

    for feat in feats:
        feat.selected = (rarest(feat.title, rules.select_title)
                         + rarest(feat.id_keys, rules.select_ids)
                         + rarest(feat.text, rules.select_text))
        used.update(feat.selected)
    for feat in feats:
        held = [key for key in feat.all_keys() if key in used]
        feat.indexed = array("i", held)
        held.sort(key=lambda key: (df[key], key))
        feat.probe = held[: rules.probe]
    return used
