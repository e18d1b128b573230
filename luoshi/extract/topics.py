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

import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from luoshi.extract.numerals import ASCII_FOLDS

__all__ = ["Topic", "TopicAssignment", "codebook", "topic_for"]


@dataclass(frozen=True, slots=True)
class Topic:
    code: str
    cap: int  # Comparative Agendas Project major topic; 0 when none applies
    label_en: str
    label_zh: str


BACKGROUND_SHARE = 0.25  # what a document-title keyword counts in one of its items


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
    # votes with the weight already multiplied in: heading, and text per occurrence
    title_votes: dict[str, tuple[tuple[int, float], ...]]
    text_votes: dict[str, tuple[tuple[int, float], ...]]
    untitled_votes: dict[str, tuple[tuple[int, float], ...]]
    voters: dict[str, tuple[int, ...]]  # keyword → the topics it votes for
    other: TopicAssignment  # the answer when no topic scores enough (immutable: shared)
    en_gate: re.Pattern[str] | None  # a text must contain it to have English keywords
    own_meeting: int  # the topic of an item about the list's own mechanism alone


# --------------------------------------------------------------------------
# Keyword scanners
#
# The plain alternation "w1|w2|…" (longest first) costs a try of every keyword at
# every character that starts one, and most characters of Chinese text do (国, 中,
# 和 …): that was most of the time of topic_for. The scanner below finds exactly
# the same matches but is laid out for the regex engine: the first character is
# one character class (so the engine skips to candidates in C), the next ones are
# small branches of character classes or literals, and because a class may admit
# paths that are not keywords, every accepting point checks in a look-behind that
# the text it matched is one of the keywords of that length.
# --------------------------------------------------------------------------

_BRANCH = 32  # a node with more distinct next characters is split into classes
_LATIN = re.compile(f"[A-Za-z{ASCII_FOLDS}]")  # what (?i) ASCII letters can match
_BOUNDARY = r"(?![\w-])"  # English keywords are whole words: not inside a word or "G-20"


def _variants(ch: str, fold: bool) -> set[str]:
    """The characters ``ch`` matches: itself, and with ``fold`` its case-insensitive kin."""
    if not fold:
        return {ch}
    pat = re.compile(re.escape(ch), re.IGNORECASE)
    return {ch, ch.lower(), ch.upper()} | {x for x in ASCII_FOLDS if pat.fullmatch(x)}


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _node(words: list[str], depth: int, bounded: bool) -> str:
    """Pattern for the rest of ``words`` after their first ``depth`` characters."""
    by_next: dict[str, list[str]] = {}
    ends = []
    for w in words:
        if len(w) == depth:
            ends.append(w)
        else:
            by_next.setdefault(w[depth], []).append(w)
    alts = []
    chars = sorted(by_next)
    if len(chars) > _BRANCH:
        size = math.ceil(len(chars) / math.ceil(len(chars) / _BRANCH))
        for i in range(0, len(chars), size):
            group = chars[i : i + size]
            alts.append(
                _class(group) + _node([w for c in group for w in by_next[c]], depth + 1, bounded)
            )
    else:
        alts += [re.escape(c) + _node(by_next[c], depth + 1, bounded) for c in chars]
    if ends:  # accept here, after the longer continuations failed
        check = "(?<=" + "|".join(re.escape(w) for w in sorted(ends)) + ")"
        alts.append(check + (_BOUNDARY if bounded else ""))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _scanner(words: Iterable[str], *, fold: bool = False, bounded: bool = False) -> re.Pattern[str]:
    r"""A pattern matching exactly like the longest-first alternation of ``words``.

    ``fold``: case-insensitive. ``bounded``: whole words, as
    ``(?<![\w-])(?:…)(?![\w-])``. Matches (``findall``/``finditer``) are the same as
    the alternation's, position for position.
    """
    ws = sorted({w.lower() for w in words} if fold else set(words))
    if not ws:
        return re.compile("(?!)")
    first = _class({v for w in ws for v in _variants(w[0], fold)})
    # the word-start test runs once the first character is taken, so that the
    # pattern still starts with a character class
    start = r"(?<![\w-](?s:.))" if bounded else ""
    rest = _node(ws, 1, bounded)
    return re.compile(first + start + (f"(?i:{rest})" if fold else rest))


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
    # When every English keyword has a Latin letter, a text without one (most
    # Chinese items) needs no English scan.
    en_gate = _LATIN if all(_LATIN.search(w) for w in en_words + acr_words) else None
    fb = d["fallback"]
    sc = d["scoring"]
    fallback = Topic(fb["code"], 0, fb["label_en"], fb["label_zh"])
    title_weight = float(sc["title_weight"])
    text_weight = float(sc["text_weight"])
    return _Book(
        topics=tuple(topics),
        fallback=fallback,
        zh_re=_scanner(zh_words),
        en_re=_scanner(en_words, fold=True, bounded=True),
        acr_re=_scanner(acr_words, bounded=True),
        votes={k: tuple(v) for k, v in votes.items()},
        title_weight=title_weight,
        text_weight=text_weight,
        text_cap=int(sc["text_cap"]),
        min_score=float(sc["min_score"]),
        title_votes={k: tuple((i, w * title_weight) for i, w in v) for k, v in votes.items()},
        text_votes={k: tuple((i, w * text_weight) for i, w in v) for k, v in votes.items()},
        untitled_votes={k: tuple((i, w * float(sc["untitled_text_weight"])) for i, w in v)
                        for k, v in votes.items()},
        voters={k: tuple(i for i, _ in v) for k, v in votes.items()},
        other=TopicAssignment(fallback.code, fallback.label_en, fallback.label_zh, 0.0, (), 0),
        en_gate=en_gate,
        own_meeting=next(i for i, t in enumerate(topics) if t.code == d["own_meeting"]["code"]),
    )


def codebook() -> list[Topic]:
    """All topics, in codebook order (the fallback "other" last)."""
    b = _book()
    return [*b.topics, b.fallback]


def _hits(text: str) -> list[str]:
    b = _book()
    out: list[str] = b.zh_re.findall(text)
    if b.en_gate is None or b.en_gate.search(text):
        out += [x.lower() for x in b.en_re.findall(text)]
        out += b.acr_re.findall(text)
    return out


@lru_cache(maxsize=256)
def _context_keywords(context: str) -> tuple[str, ...]:
    """The keywords of a section's context, once per section (its items share it)."""
    return tuple(dict.fromkeys(_hits(context)))


def document_keywords(text: str | None) -> frozenset[str]:
    """The codebook keywords in a document's title: its background (中国—东盟 in a
    China–ASEAN list), which says little about any one item of it."""
    return frozenset(_hits(text)) if text else frozenset()


def topic_for(title: str | None, text: str, *, background: frozenset[str] = frozenset(),
              context: str | None = None, own_meeting: bool = False) -> TopicAssignment:
    """The best topic for an item with heading ``title`` and body ``text``.

    ``background``: keywords of the document's title; in the item text they count a
    quarter (东盟 in every item of a China–ASEAN list must not file them all under
    regional cooperation). ``context``: the item's section headings and the document
    title, read only when the item alone reaches no topic ("工作组第四次会议" under a
    climate working group's list). ``own_meeting``: the item names a round of the list's
    own mechanism; when it names no topic of its own (only the list's title words), it
    is about that mechanism (its next meeting, its review), not the list's field.
    """
    b = _book()
    # Scores are kept for the topics some keyword voted for; every other topic
    # scores 0, and the first of those in codebook order stands for them all.
    score: dict[int, float] = {}
    title_score: dict[int, float] = {}
    heading = list(dict.fromkeys(_hits(title))) if title else []  # each heading keyword once
    for kw in heading:
        for i, w in b.title_votes.get(kw, ()):
            score[i] = score.get(i, 0.0) + w
            title_score[i] = title_score.get(i, 0.0) + w
    hits = _hits(text) if text else []
    found = dict.fromkeys(hits)  # in order of first occurrence
    cap = b.text_cap
    # Without a heading the text is all the evidence there is: its keywords count
    # more, so that one typical word ("投资", "crime") is enough.
    votes = b.text_votes if title else b.untitled_votes
    counts: dict[str, int] = {}  # capped occurrences, reused by the context fallback
    for kw in found:
        n = counts[kw] = min(hits.count(kw), cap)
        c = n * (BACKGROUND_SHARE if kw in background else 1.0)
        # .get: "ſtructural reform" is matched (ſ folds to s) but is no keyword
        for i, w in votes.get(kw, ()):
            score[i] = score.get(i, 0.0) + w * c
    if own_meeting and max(score.values(), default=0.0) < b.min_score:
        i = b.own_meeting
        score[i] = score.get(i, 0.0) + b.min_score
    elif context and max(score.values(), default=0.0) < b.min_score:
        # the background discount is for items that name a topic of their own; one that
        # does not is read with its context, its own words at full weight
        for kw, n in counts.items():
            if kw in background:
                c = n * (1.0 - BACKGROUND_SHARE)
                for i, w in votes.get(kw, ()):
                    score[i] = score.get(i, 0.0) + w * c
        # what the item says, counted fully, still outranks where it is filed
        if max(score.values(), default=0.0) < b.min_score:
            for kw in _context_keywords(context):
                for i, w in b.untitled_votes.get(kw, ()):
                    score[i] = score.get(i, 0.0) + w
                found.setdefault(kw)
    # highest score; a tie goes to the heading, then to codebook order
    best, top = -1, None
    for i, sc in score.items():
        key = (sc, title_score.get(i, 0.0), -i)
        if top is None or key > top:
            best, top = i, key
    idle = 0
    while idle in score:
        idle += 1
    if idle < len(b.topics) and (top is None or (0.0, 0.0, -idle) > top):
        best = idle
    if best < 0 or score.get(best, 0.0) < b.min_score:
        return b.other
    # the keywords that voted for it, heading first (as they were counted)
    matched = [kw for kw in heading for i in b.voters.get(kw, ()) if i == best]
    for kw in found:
        if best in b.voters.get(kw, ()) and kw not in matched:
            matched.append(kw)
    t = b.topics[best]
    return TopicAssignment(
        t.code,
        t.label_en,
        t.label_zh,
        round(score.get(best, 0.0), 2),
        tuple(matched),
        t.cap,
        title_score.get(best, 0.0) > 0,
    )
