"""Assign an outcome-document item to a topic of a fixed codebook.

The codebook (luoshi/data/topics.toml, documented in docs/topics.md) starts from
the Comparative Agendas Project major topics and splits them where foreign
affairs needs finer distinctions: Defense into military relations and arms
control / non-proliferation / nuclear security, International Affairs into
regional issues, multilateral affairs, development aid, counter-terrorism,
cyber …, climate change apart from the environment, subnational cooperation
apart from people-to-people exchange.

Scoring is a weighted keyword count. The item heading weighs most (an item is
usually titled by its topic: "网络安全：…"); the text decides when the heading is
uninformative ("眼镜蛇行动", "中国园"). Text is expected in Simplified script
(``Item.normalized``); keywords match as literal substrings, so a longer keyword
wins over the keywords it contains ("南苏丹" over "苏丹", "网络安全" over "网络").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Topic", "TopicAssignment", "codebook", "topic_for"]


@dataclass(frozen=True, slots=True)
class Topic:
    code: str
    cap: int  # Comparative Agendas Project major topic; 0 when none applies
    label_en: str
    label_zh: str


@dataclass(frozen=True, slots=True)
class TopicAssignment:
    code: str
    label_en: str
    label_zh: str
    score: float
    matched: tuple[str, ...]  # keywords that voted for the topic, heading first
    cap: int = 0
    from_title: bool = False  # did the heading alone contribute?


@dataclass(frozen=True, slots=True)
class _Book:
    topics: tuple[Topic, ...]
    fallback: Topic
    zh_re: re.Pattern[str]
    en_re: re.Pattern[str]
    acr_re: re.Pattern[str]  # all-capital English keywords, matched case-sensitively
    votes: dict[str, tuple[tuple[int, float], ...]]  # keyword (lower-cased for en) → votes
    title_weight: float
    text_weight: float
    text_cap: int
    min_score: float


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


@cache
def _book() -> _Book:
    path = resources.files("luoshi") / "data" / "topics.toml"
    with path.open("rb") as fh:
        d: dict[str, Any] = tomllib.load(fh)
    topics: list[Topic] = []
    votes: dict[str, list[tuple[int, float]]] = {}
    zh_words: list[str] = []
    en_words: list[str] = []
    acr_words: list[str] = []
    for i, t in enumerate(d["topic"]):
        topics.append(Topic(t["code"], int(t.get("cap", 0)), t["label_en"], t["label_zh"]))
        for w, weight in t.get("zh", {}).items():
            votes.setdefault(w, []).append((i, float(weight)))
            zh_words.append(w)
        for w, weight in t.get("en", {}).items():
            if w in t.get("zh", {}):
                continue  # "JLG", "APEC": already matched as a literal
            key = w if w.isupper() else w.lower()
            votes.setdefault(key, []).append((i, float(weight)))
            (acr_words if w.isupper() else en_words).append(w)
    fb = d["fallback"]
    sc = d["scoring"]
    return _Book(
        topics=tuple(topics),
        fallback=Topic(fb["code"], 0, fb["label_en"], fb["label_zh"]),
        zh_re=re.compile(_alt(zh_words)),
        en_re=re.compile(r"(?<![\w-])(?:" + _alt(en_words) + r")(?![\w-])", re.IGNORECASE),
        acr_re=re.compile(r"(?<![\w-])(?:" + _alt(acr_words) + r")(?![\w-])"),
        votes={k: tuple(v) for k, v in votes.items()},
        title_weight=float(sc["title_weight"]),
        text_weight=float(sc["text_weight"]),
        text_cap=int(sc["text_cap"]),
        min_score=float(sc["min_score"]),
    )


def codebook() -> list[Topic]:
    """All topics, in codebook order (the fallback "other" last)."""
    b = _book()
    return [*b.topics, b.fallback]


def _hits(text: str) -> list[str]:
    b = _book()
    out = [x.group() for x in b.zh_re.finditer(text)]
    out += [x.group().lower() for x in b.en_re.finditer(text)]
    out += [x.group() for x in b.acr_re.finditer(text)]
    return out


def topic_for(title: str | None, text: str) -> TopicAssignment:
    """The best topic for an item with heading ``title`` and body ``text``."""
    b = _book()
    n = len(b.topics)
    score = [0.0] * n
    title_score = [0.0] * n
    matched: list[list[str]] = [[] for _ in range(n)]
    if title:
        for kw in dict.fromkeys(_hits(title)):  # each heading keyword once
            for i, w in b.votes.get(kw, ()):
                score[i] += w * b.title_weight
                title_score[i] += w * b.title_weight
                matched[i].append(kw)
    counts: dict[str, int] = {}
    for kw in _hits(text or ""):
        counts[kw] = counts.get(kw, 0) + 1
    for kw, c in counts.items():
        for i, w in b.votes.get(kw, ()):
            score[i] += w * b.text_weight * min(c, b.text_cap)
            if kw not in matched[i]:
                matched[i].append(kw)
    # highest score; a tie goes to the heading, then to codebook order
    best = max(range(n), key=lambda i: (score[i], title_score[i], -i)) if n else -1
    if best < 0 or score[best] < b.min_score:
        fb = b.fallback
        return TopicAssignment(fb.code, fb.label_en, fb.label_zh, 0.0, (), 0, False)
    t = b.topics[best]
    return TopicAssignment(
        t.code,
        t.label_en,
        t.label_zh,
        round(score[best], 2),
        tuple(matched[best]),
        t.cap,
        title_score[best] > 0,
    )
