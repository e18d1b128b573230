"""Classify the sentences of an outcome item and read the commitments out of them.

A sentence is a ``commitment`` when the parties undertake a future action in it,
following the G20 Research Group's definition (a discrete, specific, publicly
expressed, collectively agreed statement of future action); a ``reaffirmation``
when it restates positions, support, welcome or recognition without a new action;
a ``past-event`` when it reports something already done; ``other`` otherwise.
The rules are data (luoshi/data/commitment_rules.toml) and are explained with
examples in docs/commitments.md.

The extractors for times (``luoshi.extract.times``) and actors
(``luoshi.extract.actors``) are built elsewhere; this module never imports them.
Their results are accepted duck-typed (:class:`TimeLike`, :class:`ActorLike`) so
the pipeline can pass whatever it has. Without times, a small built-in date
scanner is used to tell past from future, never to fill ``due``.

All offsets returned are relative to the text passed in.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from operator import attrgetter, itemgetter
from typing import Any

from luoshi.extract.gazetteer import country_names
from luoshi.extract.protocols import ActorLike, TimeLike
from luoshi.extract.sentences import split_sentences

__all__ = [
    "ACTION_TYPES",
    "LABELS",
    "ActorLike",
    "Commitment",
    "Cue",
    "PastEvent",
    "SentenceClass",
    "TimeLike",
    "classify_sentence",
    "extract_commitments",
]

LABELS = ("commitment", "reaffirmation", "past-event", "other")
# Most specific first: a sentence's action is the first of these found in it.
ACTION_TYPES = (
    "hold-meeting",
    "sign-document",
    "launch-establish",
    "complete",
    "policy-measure",
    "continue-cooperation",
    "other",
)
_SPECIFIC = frozenset(ACTION_TYPES[:4])
_RANK = {a: i for i, a in enumerate(ACTION_TYPES)}
_BY_START = attrgetter("start")  # sort key for spans, cues, units


# ------------------------------------------------------------------ inputs ---


# ----------------------------------------------------------------- outputs ---
@dataclass(frozen=True, slots=True)
class Cue:
    """A word that decided the label: kind is commitment | reaffirmation | past."""

    kind: str
    label: str  # modality for commitment cues, the word otherwise
    text: str
    start: int
    end: int


_CUE_SLOTS = (Cue.kind.__set__, Cue.label.__set__, Cue.text.__set__, Cue.start.__set__,
              Cue.end.__set__)  # fmt: skip


def _cue(kind: str, label: str, text: str, start: int, end: int) -> Cue:
    """``Cue(kind, label, text, start, end)``, built without the frozen class's
    ``__init__`` (which sets each field through ``object.__setattr__``, at three
    times the cost): the slots are filled through their descriptors."""
    c = object.__new__(Cue)
    k, lb, t, st, en = _CUE_SLOTS
    k(c, kind)
    lb(c, label)
    t(c, text)
    st(c, start)
    en(c, end)
    return c


@dataclass(slots=True)
class Commitment:
    text: str  # the sentence
    start: int  # sentence span
    end: int
    span: tuple[int, int]  # the part of the sentence carrying this commitment
    modality: str  # decide | commit | agree | plan | intend | willing | will | ...
    trigger: str | None  # the Chinese/English trigger as written; None when implicit
    trigger_span: tuple[int, int] | None
    strength: float
    hedged: bool = False
    negated: bool = False
    side: str = "both"  # both | CN | US | international | unknown
    parties: list[str] = field(default_factory=list)
    party_source: str = "default"  # actors | lexicon | inherited | default
    action: str = "other"
    action_verb: str | None = None
    object: str | None = None
    place: str | None = None
    due: str | None = None  # ISO date: the end bound by which the action falls due
    due_start: str | None = None  # ISO start of a period ("2016年秋季"); None for deadlines
    due_text: str | None = None
    due_kind: str | None = None  # deadline | period
    due_anchor: str | None = None  # "next-round:…" when due is tied to an event, not a date
    language: str = "zh"


# _build_commitments builds Commitments with positional arguments (keywords cost a
# third of the construction): a reordered or inserted field must fail loudly
_COMMITMENT_FIELDS = (
    "text", "start", "end", "span", "modality", "trigger", "trigger_span", "strength",
    "hedged", "negated", "side", "parties", "party_source", "action", "action_verb",
    "object", "place", "due", "due_start", "due_text", "due_kind", "due_anchor", "language",
)  # fmt: skip
if tuple(f.name for f in fields(Commitment)) != _COMMITMENT_FIELDS:
    raise ImportError("luoshi.extract.commitments: Commitment fields changed; update "
                      "_COMMITMENT_FIELDS and the positional call in _build_commitments")


@dataclass(slots=True)
class PastEvent:
    text: str
    start: int
    end: int
    what: str | None
    who: list[str]
    where: str | None
    when: str | None  # ISO start
    when_end: str | None
    when_text: str | None
    verb: str | None


@dataclass(slots=True)
class SentenceClass:
    text: str
    start: int
    end: int
    label: str  # one of LABELS
    language: str = "zh"
    cues: list[Cue] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    past_event: PastEvent | None = None
    heading: bool = False

    @property
    def action(self) -> str | None:
        """The most specific action among the sentence's commitments; the first
        meeting of a body the sentence sets up does not outrank setting it up."""
        if not self.commitments:
            return None
        best = min((c.action for c in self.commitments), key=_RANK.__getitem__)
        if (
            best == "hold-meeting"
            and any(c.action == "launch-establish" for c in self.commitments)
            and all(_first_meeting_of(c) for c in self.commitments if c.action == best)
        ):
            return "launch-establish"
        return best


_CLAUSE_BREAK = re.compile(r"[，,；;：:][^，,；;：:]*$")


def _first_meeting_of(c: Commitment) -> bool:
    """Is the commitment about a first meeting ("首次会议定于…举行")? Its clause
    is read from its last break before the span on (the subject stands there)."""
    R = _RULES or _rules()
    a, b = c.span[0] - c.start, c.span[1] - c.start
    brk = _CLAUSE_BREAK.search(c.text, 0, a)
    text = c.text[brk.start() if brk else 0 : b]
    if c.language == "en":
        return _names_first_meeting(R.first_meeting_en_re, text, 0, len(text))
    return _names_first_meeting(R.first_meeting_zh_re, text, 0, len(text))


def _names_first_meeting(first: re.Pattern[str], text: str, a: int, b: int) -> bool:
    """A first meeting (首次会议, "inaugural meeting") is named in ``text[a:b]``."""
    return first.search(text, a, b) is not None


# ------------------------------------------------------------------- rules ---
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_MASK = "\u25a1"  # stands for characters inside titles, quotes and brackets


def _alt(words: Sequence[str], *, escape: bool = True) -> str:
    items = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items) or "(?!)"


def _en(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.])(?:" + "|".join(words) + r")(?![\w])", re.IGNORECASE)


def _skip_scanner(pattern: str, words: Sequence[str]) -> re.Pattern[str]:
    """``pattern`` as a ``finditer`` scanner that skips what cannot start a match.

    ``re`` only filters start positions by their first character when every
    top-level alternative opens with a literal; an alternation of groups is tried
    in full at every character. Here a possessive run over characters that start
    none of ``words`` (every match starts with one of them) is skipped first. A
    start character that begins no match is consumed alone, as a failed search
    moves on by one, and so is the end of the text, so no attempt ever fails
    and re-runs the skip (which would be quadratic). Items where ``lastgroup``
    is None are such fillers; the pattern's own groups keep their names.
    """
    first = re.escape("".join(sorted({w[0] for w in words if w})))
    return re.compile(f"[^{first}]*+(?:{pattern}|[{first}]|\\Z)")


# ASCII punctuation read as its full-width form after a trigger ("承诺," = "承诺，")
_FULLWIDTH = {",": "，", ";": "；", ".": "。", ":": "：", "(": "（", ")": "）"}


def _ascii_variants(words: Sequence[str]) -> tuple[str, ...]:
    """``words`` with each full-width mark also in its ASCII form, so that
    ``text.startswith(result)`` tests what ``text.translate(_FULLWIDTH)
    .startswith(words)`` did, without translating the text. A word holding one of
    the ASCII marks themselves could never match the translated text: dropped."""
    back = {v: k for k, v in _FULLWIDTH.items()}
    out: list[str] = []
    for w in words:
        if any(c in _FULLWIDTH for c in w):
            continue
        forms = [""]
        for c in w:
            forms = [f + x for f in forms for x in ((c, back[c]) if c in back else (c,))]
        out.extend(forms)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _TrigSpec:
    modality: str
    strength: float
    strong: bool
    negated: bool


@dataclass(frozen=True, slots=True)
class _ActSpec:
    type: str
    any_re: re.Pattern[str]  # verbs valid with any object
    event_re: re.Pattern[str]  # verbs needing an event noun
    meeting_re: re.Pattern[str]  # verbs needing a meeting noun
    object_re: re.Pattern[str]  # verbs needing a listed object word
    object_words: dict[str, tuple[str, ...]]
    not_object: dict[str, tuple[str, ...]]
    needs_object: frozenset[str]
    tails: bool
    en_re: re.Pattern[str]
    en_needs_event: re.Pattern[str]


class _Rules:
    """commitment_rules.toml, compiled once."""

    def __init__(self, d: dict[str, Any]) -> None:
        self.raw = d
        self.trig_zh: dict[str, _TrigSpec] = {}
        en_parts: list[str] = []
        self.trig_en: list[_TrigSpec] = []
        for t in d["trigger"]:
            spec = _TrigSpec(
                t["modality"], float(t["strength"]), bool(t["strong"]), bool(t.get("negated"))
            )
            for w in t.get("zh", []):
                self.trig_zh[w] = spec
            for p in t.get("en", []):
                en_parts.append(f"(?P<t{len(self.trig_en)}>{p})")
                self.trig_en.append(spec)
        self.trig_zh_re = re.compile(_alt(list(self.trig_zh)))
        self.trig_en_re = re.compile(
            r"(?<![\w.])(?:" + "|".join(en_parts) + r")(?![\w])", re.IGNORECASE
        )
        self.implicit = d["implicit"]
        h = d["hedge"]
        self.hedge_factor = float(h["factor"])
        self.hedge_zh: dict[str, str] = {}
        for kind in ("consider", "explore", "strive", "conditional"):
            for w in h[kind]:
                self.hedge_zh[w] = kind
        self.hedge_zh_re = re.compile(_alt(list(self.hedge_zh)))
        self.hedge_en_re = _en(h["en"])
        n = d["negation"]
        self.neg_zh_re = re.compile("|".join(n["zh"]))
        self.neg_en_re = re.compile(r"\s*(?:" + "|".join(n["en"]) + r")\b", re.IGNORECASE)
        self.cancel_before = tuple(n["cancel_before"])
        self.noun_use = {
            w: (tuple(v.get("prev", [])), _ascii_variants(v.get("next", [])))
            for w, v in d["noun_use"].items()
            if isinstance(v, dict)
        }
        w = d["will"]
        self.disposal_re = re.compile(
            "将[^，。；：,;:]{1,30}?(?:" + _alt(w["disposal_verbs"]) + ")"
        )
        self.future_next = tuple(w["future_next"])
        self.governs_after_comma = frozenset(d["governs_after_comma"]["zh"])
        ex = d["expect"]
        self.outcome_zh_re = re.compile("|".join(ex["outcome_zh"]))
        self.outcome_en_re = re.compile("|".join(ex["outcome_en"]), re.IGNORECASE)
        self.reason_clause = tuple(d["reason_clause"]["zh"])
        self.attributive_re = re.compile(w["attributive"])
        tp = d["third_party"]
        self.third_zh_re = re.compile(_alt(tp["zh"]))
        self.third_not_next = {k: tuple(v) for k, v in tp.get("not_next", {}).items()}
        self.third_en_re = _en(tp["en"])
        r = d["reaffirm"]
        self.absorbing = frozenset(r["absorbing"])
        self.speech = tuple(r["speech"])
        self.reaff_zh_re = re.compile(_alt(r["zh"] + r["absorbing"]))
        self.absorb_en_re = _en(r["absorbing_en"])
        self.reaff_en_re = _en(r["en"])
        self.not_reaffirm = {
            k: (tuple(v.get("prev", [])), tuple(v.get("next", [])))
            for k, v in r["not_reaffirm"].items()
        }
        self.normative_re = re.compile("|".join(r["normative"]))
        self.evaluative_re = re.compile("|".join(r["evaluative"]))
        self.normative_en_re = _en(r["normative_en"])
        p = d["past"]
        self.not_perfective = tuple(p["not_perfective"])
        self.not_perfective_re = re.compile(_alt(p["not_perfective"]))
        self.already_re = re.compile(_alt(p["already"]))
        self.already_not_next = tuple(p["already_not_next"])
        # a clause opened by 如果/假如/一旦 … is hypothetical: its 了 reports nothing
        self.conditional = tuple(p["conditional"])
        self.dialogue_re = re.compile(_alt(p["dialogue"]))
        self.event_re = re.compile(_alt(p["event_verbs"]))
        self.event_not_next = tuple(p["event_not_next"])
        self.scheduled_verbs = frozenset(p["scheduled_verbs"])
        self.during = tuple(p["during"])
        self.past_en_re = _en(p["en"])
        self.perfect_en_re = re.compile(p["en_perfect"], re.IGNORECASE)
        self.simple_past_en_re = re.compile(p["en_simple_past"])
        self.initial_time_before_en_re = re.compile(p["en_initial_time_before"], re.IGNORECASE)
        self.initial_time_after_en_re = re.compile(p["en_initial_time_after"])
        self.tally_re = re.compile(
            rf"(?P<w>{_alt(p['tally'])})[^，。；,;]{{0,20}}?[\d{p['tally_numerals']}]"
        )
        self.tally_not_next = {k: tuple(v) for k, v in p.get("tally_not_next", {}).items()}
        self.tally_not_prev = {k: tuple(v) for k, v in p.get("tally_not_prev", {}).items()}
        # a counted result closing its clause: "…遣返非法移民四百二十人。"
        self.count_not_after = tuple(p["count_not_after"])
        self.count_re = re.compile(
            rf"(?:\d[\d,.]*|[{p['count_numerals']}]+)\s*(?:{_alt(p['count_units'])})"
            r"\s*(?=[，。；,;！？!?]|$)"
        )
        self.postpone = tuple(d["postpone"]["zh"])
        cf = d["closing_formula"]
        self.closing_zh_re = re.compile("|".join(cf["zh"]))
        self.closing_en_re = re.compile("|".join(cf["en"]), re.IGNORECASE)
        ev = d["event_nouns"]
        self.event_nouns_re = re.compile(_alt(ev["zh"]))
        # 活动 only as a numbered edition ("第二届…活动"), not a programme ("…文化周活动")
        self.numbered_event_re = re.compile(
            f"{ev['numbered_ordinals']}[^，。；,;]{{0,30}}?(?:{_alt(ev['numbered'])})"
        )
        self.meeting_nouns_re = re.compile(_alt(ev["meeting"]))
        self.event_nouns_en_re = _en(ev["en"])
        fm = d["first_meeting"]
        self.first_meeting_zh_re = re.compile(
            f"(?:{_alt(fm['zh'])})[^，。；,;]{{0,8}}?(?:{_alt(ev['zh'] + ev['numbered'])})"
        )
        self.first_meeting_en_re = re.compile(
            r"\b(?:" + "|".join(fm["en"]) + r")\s+(?:[\w.-]+\s+){0,3}?(?:"
            + "|".join(ev["en"]) + r")\b",
            re.IGNORECASE,
        )
        self.actions: list[_ActSpec] = []
        self.cc_not_in_re = re.compile("(?!)")
        # a cooperation word that modifies a noun head ("四方协调组", "合作项目清单",
        # "exchange students"): the chain of cooperation words before the head
        self.cc_chain_re = re.compile("(?!)")
        self.cc_heads: tuple[str, ...] = ()
        self.cc_head_en_re = re.compile("(?!)")
        self.counted_re = re.compile("(?!)")
        self.counted_units: tuple[str, ...] = ()
        self.counted_before_re = re.compile("(?!)")
        self.exchange_items_en_re = re.compile("(?!)")
        self.invite_re = re.compile("(?!)")
        self.invite_not_before: tuple[str, ...] = ()
        self.invite_en_re = re.compile("(?!)")
        # every Chinese action word -> the (spec, how) pairs it can stand for; one
        # overlapping scan finds them all ("(?=(...))" matches at every position)
        self.verbs_zh: dict[str, list[tuple[_ActSpec, str]]] = {}
        for a in d["action"]:
            if a.get("not_in"):
                self.cc_not_in_re = re.compile(_alt(a["not_in"]))
            if a.get("counted_units"):
                # right after a verb: "实施10个…"; before a cooperation word heading the
                # counted noun phrase: "10个节水农业示范项目"
                self.counted_units = tuple(a["counted_units"])
                counted = rf"(?:\d+|[{a['counted_numerals']}]+)\s*(?:{_alt(a['counted_units'])})"
                self.counted_re = re.compile(r"\s*" + counted)
                self.counted_before_re = re.compile(counted + f"[{_CJK}]{{0,12}}$")
            if a.get("exchange_items_en"):
                self.exchange_items_en_re = re.compile(
                    r"(?i:exchange)\s+(?:[\w-]+\s+){0,2}?(?:"
                    + "|".join(a["exchange_items_en"])
                    + r")\b",
                    re.IGNORECASE,
                )
            if a.get("invite"):
                self.invite_re = re.compile(_alt(a["invite"]))
                self.invite_not_before = tuple(a.get("invite_not_before", []))
                self.invite_en_re = re.compile(
                    r"(?<![\w.])" + a["invite_en"] + r"(?![\w])", re.IGNORECASE
                )
            if a.get("modifies"):
                self.cc_chain_re = re.compile("(?:" + _alt(a.get("zh", [])) + ")*")
                self.cc_heads = tuple(a["modifies"])
                self.cc_head_en_re = re.compile(
                    r"\s+(?:" + "|".join(a["modifies_en"]) + r")\b", re.IGNORECASE
                )
            obj = {k: tuple(v) for k, v in a.get("zh_object", {}).items()}
            self.actions.append(
                _ActSpec(
                    type=a["type"],
                    any_re=re.compile(_alt(a.get("zh", []))),
                    event_re=re.compile(_alt(a.get("zh_event", []))),
                    meeting_re=re.compile(_alt(a.get("zh_meeting", []))),
                    object_re=re.compile(_alt(list(obj))),
                    object_words=obj,
                    not_object={k: tuple(v) for k, v in a.get("zh_not_object", {}).items()},
                    needs_object=frozenset(a.get("needs_object", [])),
                    tails=bool(a.get("tails")),
                    en_re=_en(a.get("en", [])) if a.get("en") else re.compile("(?!)"),
                    en_needs_event=_en(a["en_needs_event"])
                    if a.get("en_needs_event")
                    else re.compile("(?!)"),
                )
            )
        self.expect_verbs_re = re.compile(
            "|".join(
                [_alt(d["implicit_verbs"]["zh"])]
                + [
                    _alt(a.get("zh", []))
                    for a in d["action"]
                    if a["type"] != "continue-cooperation"
                ]
                + ["合作|会晤|交流|完工|竣工|进行"]
            )
        )
        for spec_ in self.actions:
            a_ = next(x for x in d["action"] if x["type"] == spec_.type)
            for how, words in (
                ("any", a_.get("zh", [])),
                ("event", a_.get("zh_event", [])),
                ("meeting", a_.get("zh_meeting", [])),
                ("object", list(a_.get("zh_object", {}))),
            ):
                for w_ in words:
                    self.verbs_zh.setdefault(w_, []).append((spec_, how))
        self.verbs_zh_re = re.compile(_alt(list(self.verbs_zh)))
        self.verbs_by_first: dict[str, list[str]] = {}
        for w_ in self.verbs_zh:
            self.verbs_by_first.setdefault(w_[0], []).append(w_)
        # action words starting inside another one ("共同开展" holds "开展"): offset,
        # word, and whether it lies wholly inside (then it is there by spelling;
        # one running past the end has to be checked against the text)
        self.verbs_inner: dict[str, tuple[tuple[int, str, bool], ...]] = {
            w_: tuple(
                (k, v, k + len(v) <= len(w_))
                for k in range(1, len(w_))
                for v in self.verbs_by_first.get(w_[k], ())
                if k + len(v) > len(w_) or w_.startswith(v, k)
            )
            for w_ in self.verbs_zh
        }
        tl = d["tails"]
        self.tail_zh = tuple(tl["zh"])
        self.tail_en_re = re.compile(r"^\s*(?:" + "|".join(tl["en"]) + r")\b", re.IGNORECASE)
        iv = d["implicit_verbs"]
        self.implicit_verbs_re = re.compile(_alt(iv["zh"]))
        self.implicit_en_re = re.compile(
            r"\s*(?:" + "|".join(iv["en"]) + r")\b", re.IGNORECASE
        )
        self.adverbs_re = re.compile("(?:" + _alt(iv["adverbs"]) + r"|\s)+")
        self.prepositions = tuple(sorted(iv["prepositions"], key=len, reverse=True))
        self.not_prepositions = tuple(iv["not_prepositions"])
        self.frames_re = re.compile("|".join(iv["frames"]))
        self.temporal_en_re = re.compile(iv["temporal_en"], re.IGNORECASE)
        self.relative_en_re = re.compile(iv["relative_en"], re.IGNORECASE)
        self.adverbial_ends = tuple(iv["adverbial_ends"])
        sj = d["subjects"]
        # used with .match only (at a position, so without "^")
        self.demonstrative_re = re.compile("(?:" + _alt(sj["demonstrative"]) + ")")
        self.policy_nouns = tuple(sj["policy_nouns"])
        self.org_ends = tuple(sj["organisation_ends"])
        self.party_qualified = tuple(sj["party_qualified"])
        self.trailing_adv_re = re.compile("(?:" + _alt(sj["trailing_adverbs"]) + r"|\s)+$")
        self.trailing_adv_last = frozenset(w[-1] for w in sj["trailing_adverbs"] if w)
        pt = d["parties"]
        self.party_words: dict[str, str] = {}
        for side, key in (("both", "both"), ("CN", "cn"), ("US", "us")):
            for word in pt[key]:
                self.party_words[word] = side
        self.both_words = frozenset(pt["both"])
        # the other side of any pair: a country's first character + 方 ("法方", "新方")
        not_other = frozenset(pt["other_not"])
        # the countries: the gazetteer's (canonical names; aliases such as 我国 or 联合王国
        # would make 我方, 联方 …) and the few extra forms of [places] countries_extra
        countries_l = list(
            dict.fromkeys([*country_names(aliases=False), *d["places"].get("countries_extra", ())])
        )
        other = [c[0] + "方" for c in countries_l] + list(pt["other"])
        self.other_party = frozenset(w for w in other if w not in not_other)
        self.other_party -= frozenset(self.party_words)
        # (found by their 方 in _mentions, not by the scanner: their first characters,
        # 新, 加, 日 …, open many ordinary words, where the scanner would stop)
        self.other_party_lens = sorted({len(w) for w in self.other_party}, reverse=True)
        self.other_not_next = tuple(pt["other_not_next"])
        self.other_not_prev = frozenset(pt["other_not_prev"])
        org = _alt(pt["org_ends"])
        stop = "，。；：、,;:\\s和与及同的在于将决计承拟愿有已就对向为并等"
        words = _alt(list(self.party_words))
        party = f"(?P<org>(?:中国|美国)[^{stop}]{{0,20}}(?:{org}))|(?P<word>{words})"
        self.party_zh_re = re.compile(party)
        # the same as a scanner (see _skip_scanner): two alternatives in groups get
        # no first-character filter, so plain search tries both at every character
        self.party_zh_scan = _skip_scanner(party, ["中国", "美国", *self.party_words])
        # _mentions reads the groups by number (cheaper than by name)
        self.party_org_group = self.party_zh_scan.groupindex["org"]
        en_parts = []
        self.party_en_sides: list[str] = []
        for side, key in (("both", "both_en"), ("CN", "cn_en"), ("US", "us_en")):
            for pat in pt[key]:
                en_parts.append(f"(?P<p{len(self.party_en_sides)}>{pat})")
                self.party_en_sides.append(side)
        self.party_en_re = re.compile(
            r"(?<![\w.])(?:" + "|".join(en_parts) + r")(?![\w])", re.IGNORECASE
        )
        pl = d["places"]
        self.place_alias: dict[str, str] = {str(k): str(v) for k, v in pl["alias"].items()}
        countries = _alt(countries_l)
        cities = _alt(pl["cities"])
        suffix = _alt(pl["suffixes"])
        name = f"[{_CJK}]{{2,6}}?"
        one = (
            f"(?:(?:{countries})?(?:{name}(?:省|州))?(?:{cities}|{name}(?:{suffix})))"
            f"|(?:{countries})|华(?=[{_CJK}])|美(?![方国元洲])(?=[{_CJK}])"
        )
        verbs = _alt(pl["verbs"] + ["成功", "联合", "共同", "正式"])
        self.place_re = re.compile(
            f"(?:在|于|赴|到|来)\\s*(?P<p>(?:{one})(?:\\s*(?:和|及|与|、)\\s*(?:{one}))*)"
            f"\\s*(?=(?:[^，。；]{{0,4}}?)(?:{verbs}))"
        )
        self.place_split_re = re.compile(r"\s*(?:和|及|与|、)\s*")
        self.cities = tuple(sorted(pl["cities"], key=len, reverse=True))
        self.countries = tuple(sorted(countries_l, key=len, reverse=True))
        en_pl = pl["en"]
        self.place_en_re = re.compile(
            r"\b(?:in|at)\s+(?P<p>" + "|".join(sorted(en_pl, key=len, reverse=True)) + r")\b"
        )
        self.place_en_norm = {re.sub(r"\\", "", k): v for k, v in en_pl.items()}
        tm = d["times"]
        self.time_followers = frozenset(tm["followers"])
        self.deadline_words = tuple(tm["deadline_words"])
        self.deadline_relations = frozenset(tm["deadline_relations"])
        self.skip_relations = frozenset(tm["skip_relations"])


_RULES: _Rules | None = None


def _rules() -> _Rules:
    # a plain global, not functools.cache: this is called from every helper, many
    # times per sentence, and the cache wrapper costs more than the check
    global _RULES
    if _RULES is None:
        path = resources.files("luoshi") / "data" / "commitment_rules.toml"
        with path.open("rb") as fh:
            _RULES = _Rules(tomllib.load(fh))
    return _RULES


# ------------------------------------------------------------------- times ---
_GRAN_RANK = {
    "instant": 0,
    "eve": 0,
    "day-before": 0,
    "xun": 0,
    "year-part": 2,
    "day": 0,
    "date": 0,
    "week": 0,
    "month": 1,
    "season": 2,
    "quarter": 2,
    "half": 3,
    "half-year": 3,
    "halfyear": 3,
    "year": 4,
    "years": 5,
    "decade": 6,
}


# The private records below are built many times per sentence. They are plain
# slotted dataclasses with a field hash, not frozen ones: a frozen dataclass sets
# every field through object.__setattr__, which makes construction about five
# times slower. Nothing mutates them.
@dataclass(slots=True, unsafe_hash=True)
class _T:
    """A time expression in local (sentence) offsets, with parsed bounds."""

    start: int
    end: int
    text: str
    lo: date | None
    hi: date | None
    rank: int  # 0 day … 4 year; coarser periods are "still running" at the doc date
    relation: str | None
    value_start: str | None
    value_end: str | None
    passed: bool = False  # from the caller's time expressions (only those fill ``due``)
    anchor: str | None = None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _parse_iso(v: object, *, end: bool) -> date | None:
    if not v:
        return None
    return _parse_iso_str(str(v), end)


@lru_cache(maxsize=1024)  # a document repeats a handful of dates; dates are immutable
def _parse_iso_str(v: str, end: bool) -> date | None:
    m = _ISO.match(v)
    if not m:
        return None
    y = int(m[1])
    try:
        if m[3]:
            return date(y, int(m[2]), int(m[3]))
        if m[2]:
            mo = int(m[2])
            return _month_end(y, mo) if end else date(y, mo, 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError:
        return None


def _from_timelike(t: Any, shift: int) -> _T | None:
    try:
        start = int(t.start) - shift
        end = int(t.end) - shift
    except (AttributeError, TypeError, ValueError):
        return None
    vs = getattr(t, "value_start", None)
    ve = getattr(t, "value_end", None)
    lo = _parse_iso(vs, end=False)
    hi = _parse_iso(ve, end=True) or (_parse_iso(vs, end=True) if vs else None)
    gran = str(getattr(t, "granularity", "") or "").lower()
    rank = _GRAN_RANK.get(gran, -1)
    if rank < 0:
        if lo and hi:
            days = (hi - lo).days
            rank = (
                0
                if days <= 1
                else 1
                if days <= 31
                else 2
                if days <= 92
                else 3
                if days <= 184
                else 4
            )
        else:
            rank = 4
    rel = getattr(t, "relation", None)
    anchor = getattr(t, "anchor", None)
    return _T(
        start, end, str(getattr(t, "text", "")), lo, hi, rank, rel and str(rel).lower(), vs, ve,
        True, anchor and str(anchor),
    )  # fmt: skip


def _shift(t: _T, lo: int) -> _T:
    """``t`` (in item offsets) in the offsets of a sentence starting at ``lo``."""
    return _T(
        t.start - lo, t.end - lo, t.text, t.lo, t.hi, t.rank, t.relation, t.value_start,
        t.value_end, t.passed, t.anchor,
    )  # fmt: skip


@dataclass(slots=True)
class _ActorIn:
    """What ``_mentions`` reads from an actor mention, read once per item."""

    start: int
    end: int
    side: str
    name: str | None  # None: the mention's own text stands for its name


def _actors_in(actors: Sequence[Any]) -> list[tuple[_ActorIn | None, Any]]:
    """The caller's actors, each with its ``start`` as given (what picks a
    sentence's actors); None for one without integer offsets, which is skipped."""
    out: list[tuple[_ActorIn | None, Any]] = []
    for a in actors:
        raw = getattr(a, "start", -1)
        try:
            st, en = int(a.start), int(a.end)
        except (AttributeError, TypeError, ValueError):
            out.append((None, raw))
            continue
        name = getattr(a, "name", None) or getattr(a, "id", None)
        side = _norm_side(getattr(a, "side", None))
        out.append((_ActorIn(st, en, side, str(name) if name else None), raw))
    return out


_SEASONS = {"春": (3, 5), "夏": (6, 8), "秋": (9, 11), "冬": (12, 12)}
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS_EN = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_PART = (
    r"春季|夏季|秋季|冬季|春天|夏天|秋天|秋|春|夏|冬|上半年|下半年|第[一二三四1-4]季度"
    r"|年底|年末|年初|年中|年内|底|末|初|内|晚些时候"
)
_TIME_ZH = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"(?:\s*(?:至|到|[-–—－~])\s*(?:(?P<y2>\d{4})\s*年\s*)?(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*日)?"
    r"|(?P<ym_y>\d{4})\s*年\s*(?P<ym_m>\d{1,2})\s*月(?:份)?"
    r"(?:\s*(?:至|到|或)\s*(?:(?P<ym_y2>\d{4})\s*年\s*)?(?P<ym_m2>\d{1,2})\s*月)?"
    r"|(?P<yy>\d{4})\s*年(?:度)?\s*(?P<part>" + _PART + r")?"
    r"(?:\s*(?:至|到|[-–—－])\s*(?P<yy2>\d{4})\s*年)?"
    r"|(?P<rel>今年|明年|去年|本年度|本年)(?:(?P<rm>\d{1,2})\s*月(?:(?P<rd>\d{1,2})\s*日)?|(?P<rpart>"
    + _PART
    + r"))?"
    r"|(?<![\d年])(?P<md_m>\d{1,2})\s*月\s*(?P<md_d>\d{1,2})\s*日"
    r"(?:\s*(?:至|到)\s*(?:(?P<md_m2>\d{1,2})\s*月\s*)?(?P<md_d2>\d{1,2})\s*日)?"
    r"|(?<![\d年个])(?P<mo>\d{1,2})\s*月(?:份)?(?![\d日])"
)
# _TIME_ZH as a scanner: a possessive skip over characters no time expression
# starts with, so ``re`` does not try the six alternatives at every character; a
# start character that begins no time is consumed alone (as a failed search would
# move on by one), and so is the end, so no attempt ever fails and re-skips.
_TIME_ZH_SCAN = re.compile(r"[^\d今明去本]*+(?:(?P<t>" + _TIME_ZH.pattern + r")|[\d今明去本]|\Z)")
_TIME_EN = re.compile(
    r"\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+(?P<day>\d{1,2}))?,?\s+(?P<year>\d{4})\b"
    r"|\b(?P<edge>early|late|mid|end of|the end of)[\s-]+(?P<ey>\d{4})\b"
    r"|\b(?P<prep>(?i:in|by|before|during|since|after|until))\s+(?P<py>\d{4})\b"
)


# a year written in Chinese digits (every year 2000-2099 has a 〇): same length as digits
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=\s*年)")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_TIME_HINT = re.compile(r"\d|今年|明年|去年|本年")
_TIME_HINT_FIRST = re.compile(r"[\d今明去本]")
_DIGIT = re.compile(r"\d")  # every _TIME_EN alternative needs a four-digit year


def _part_bounds(y: int, part: str | None) -> tuple[date, date, int]:
    if not part or part in ("年内", "内"):
        return date(y, 1, 1), date(y, 12, 31), 4
    for key, (a, b) in _SEASONS.items():
        if part.startswith(key):
            return date(y, a, 1), _month_end(y, b), 2
    if part == "上半年":
        return date(y, 1, 1), date(y, 6, 30), 3
    if part == "下半年":
        return date(y, 7, 1), date(y, 12, 31), 3
    if part.startswith("第"):
        q = _CN_NUM.get(part[1], 1)
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), 2
    if part in ("年底", "年末", "底", "末", "晚些时候"):
        return date(y, 10, 1), date(y, 12, 31), 2
    if part in ("年初", "初"):
        return date(y, 1, 1), date(y, 3, 31), 2
    if part == "年中":
        return date(y, 5, 1), date(y, 8, 31), 2
    return date(y, 1, 1), date(y, 12, 31), 4


def _safe(y: int, m: int, d: int | None = None, *, end: bool = False) -> date | None:
    try:
        if d is None:
            return _month_end(y, m) if end else date(y, m, 1)
        return date(y, m, d)
    except ValueError:
        return None


def _scan_times(s: str, doc: date | None) -> list[_T]:
    """A small date scanner used only when no time expressions are passed in."""
    out: list[_T] = []
    if "〇" in s:  # a year in Chinese digits ("二〇二四年"), read as digits in place
        s = _CN_YEAR.sub(lambda x: x.group().translate(_CN_DIGITS), s)
    # (every hint opens with one of these characters: a class search skips most
    # sentences faster than the alternation, which is tried at every character)
    if not _TIME_HINT_FIRST.search(s) or not _TIME_HINT.search(s):
        return out
    for m in _TIME_ZH_SCAN.finditer(s):
        t_start = m.start("t")
        if t_start < 0:
            continue  # skipped text, not a time
        lo = hi = None
        rank = 0
        g = m.groupdict()
        if g["y"]:
            y = int(g["y"])
            lo = _safe(y, int(g["m"]), int(g["d"]))
            y2 = int(g["y2"]) if g["y2"] else y
            m2 = int(g["m2"]) if g["m2"] else int(g["m"])
            hi = _safe(y2, m2, int(g["d2"])) if g["d2"] else lo
        elif g["ym_y"]:
            y = int(g["ym_y"])
            lo = _safe(y, int(g["ym_m"]))
            y2 = int(g["ym_y2"]) if g["ym_y2"] else y
            hi = _safe(y2, int(g["ym_m2"] or g["ym_m"]), end=True)
            rank = 1
        elif g["yy"]:
            lo, hi, rank = _part_bounds(int(g["yy"]), g["part"])
            if g["yy2"]:
                hi = date(int(g["yy2"]), 12, 31)
                rank = 5
        elif g["rel"]:
            if doc is None:
                continue
            y = doc.year + {"明年": 1, "去年": -1}.get(g["rel"], 0)
            if g["rm"]:
                rank = 0 if g["rd"] else 1
                lo = _safe(y, int(g["rm"]), int(g["rd"]) if g["rd"] else None)
                hi = lo if g["rd"] else _safe(y, int(g["rm"]), end=True)
            else:
                lo, hi, rank = _part_bounds(y, g["rpart"])
        elif g["md_m"]:
            if doc is None:
                continue
            lo = _safe(doc.year, int(g["md_m"]), int(g["md_d"]))
            m2 = int(g["md_m2"]) if g["md_m2"] else int(g["md_m"])
            hi = _safe(doc.year, m2, int(g["md_d2"])) if g["md_d2"] else lo
        elif g["mo"]:
            if doc is None:
                continue
            lo = _safe(doc.year, int(g["mo"]))
            hi = _safe(doc.year, int(g["mo"]), end=True)
            rank = 1
        if lo is None or hi is None:
            continue
        end = m.end()
        rel = None
        tail = s[end : end + 3]
        for word, r in (("之前", "before"), ("以前", "before"), ("前", "before"), ("以后", "after"),
                        ("之后", "after"), ("后", "after"), ("以来", "since")):  # fmt: skip
            if tail.lstrip().startswith(word):
                rel = r
                end = end + (len(tail) - len(tail.lstrip())) + len(word)
                break
        if rel is None and (g.get("part") in ("年内", "内") or g.get("rpart") in ("内",)):
            rel = "within"
        out.append(_T(t_start, end, s[t_start:end], lo, hi, rank, rel, lo.isoformat(),
                      hi.isoformat()))  # fmt: skip
    for m in _TIME_EN.finditer(s) if _DIGIT.search(s) else ():
        g = m.groupdict()
        if g["mon"]:
            y = int(g["year"])
            mo = _MONTHS_EN[g["mon"].lower()]
            if g["day"]:
                lo = hi = _safe(y, mo, int(g["day"]))
                rank = 0
            else:
                lo, hi, rank = _safe(y, mo), _safe(y, mo, end=True), 1
            rel = None
        elif g["ey"]:
            y = int(g["ey"])
            edge = g["edge"].lower()
            lo, hi, rank = _part_bounds(y, "底" if "end" in edge or edge == "late" else
                                        "初" if edge == "early" else "年中")  # fmt: skip
            rel = "before" if "end" in edge else None
        else:
            y = int(g["py"])
            lo, hi, rank = date(y, 1, 1), date(y, 12, 31), 4
            prep = g["prep"].lower()
            rel = {"by": "before", "before": "before", "until": "before", "since": "since",
                   "after": "after"}.get(prep)  # fmt: skip
        if lo and hi:
            out.append(_T(m.start(), m.end(), m.group(), lo, hi, rank, rel, lo.isoformat(),
                          hi.isoformat()))  # fmt: skip
    out.sort(key=_BY_START)
    return out


def _is_past(t: _T, doc: date | None) -> bool:
    if doc is None or t.hi is None or t.lo is None:
        return False
    if t.relation == "after":
        return False
    if t.relation == "since":
        return t.lo < doc  # "去年以来…多次举办": reported
    if t.hi < doc:
        return True
    # a day or month that contains the document date is reported, not planned
    return t.lo <= doc and t.rank <= 1


def _is_future(t: _T, doc: date | None) -> bool:
    if doc is None or t.lo is None or t.hi is None or t.relation == "since":
        return False
    if t.lo > doc:
        return True
    # a year or season still running at the document date: the rest of it is ahead
    return t.lo <= doc <= t.hi and t.rank >= 2


# ------------------------------------------------------------------ helpers ---
_OPEN_CLOSE = dict(zip("《“‘「『（(〈<【", "》”’」』）)〉>】", strict=True))


_OPENERS_RE = re.compile("[" + re.escape("".join(_OPEN_CLOSE)) + "]")


# per opener, the two characters its depth count looks at
_PAIR_RE = {o: re.compile(f"[{re.escape(o)}{re.escape(c)}]") for o, c in _OPEN_CLOSE.items()}
_NOT_SPACE = re.compile(r"\S")


def _mask(s: str) -> str:
    """Blank out what stands inside titles, quotes and brackets (same length).

    An opener is matched with its closer within 200 characters, counting nested
    openers of the same kind; one that does not close is left alone. Only the
    brackets are visited (regex searches), not every character.
    """
    first = _OPENERS_RE.search(s)
    if first is None:
        return s
    parts: list[str] = []
    done = 0  # s[:done] has been copied to parts
    n = len(s)
    i = first.start()
    while True:
        opener = s[i]
        depth = 0
        j = -1
        for x in _PAIR_RE[opener].finditer(s, i, min(n, i + 200)):
            if x.group() == opener:
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    j = x.start()
                    break
        if j >= 0:
            parts.append(s[done : i + 1])
            parts.append(_NOT_SPACE.sub(_MASK, s[i + 1 : j]))
            done = j
            nx = _OPENERS_RE.search(s, j + 1)
        else:
            nx = _OPENERS_RE.search(s, i + 1)
        if nx is None:
            break
        i = nx.start()
    parts.append(s[done:])
    return "".join(parts)


# "three CJK characters among the first 40" and "eight Latin letters", as single
# matches instead of counting the items of a findall list
_THREE_CJK = re.compile(f"(?:[^{_CJK}]*+[{_CJK}]){{3}}")
_EIGHT_LATIN = re.compile("(?:[^A-Za-z]*+[A-Za-z]){8}")


def _lang(s: str) -> str:
    if _THREE_CJK.match(s, 0, 40):
        return "zh"
    return "en" if _EIGHT_LATIN.match(s) else "zh"


_CLAUSE_ZH = re.compile(r"[，,；;：:]")
_CLAUSE_EN = re.compile(r"[;:]")


def _clauses(m: str, lang: str) -> list[tuple[int, int]]:
    pat = _CLAUSE_EN if lang == "en" else _CLAUSE_ZH
    out = []
    prev = 0
    for x in pat.finditer(m):
        out.append((prev, x.start()))
        prev = x.end()
    out.append((prev, len(m)))
    return out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> int:
    """The clause holding ``pos``; the last one for a separator or the end.

    Clauses are in order, so the first one ending after ``pos`` decides.
    """
    for k, (a, b) in enumerate(clauses):
        if pos < b:
            return k if a <= pos else len(clauses) - 1
    return len(clauses) - 1


def _norm_side(side: object) -> str:
    return _norm_side_str(str(side or ""))


@lru_cache(maxsize=256)  # a few distinct spellings
def _norm_side_str(side: str) -> str:
    s = side.strip().lower()
    if s in ("cn", "china", "zh", "prc"):
        return "CN"
    if s in ("us", "usa", "united states"):
        return "US"
    if s in ("joint", "both", "bilateral"):
        return "both"
    if s in ("international", "intl", "multilateral"):
        return "international"
    return "unknown"


_SIDES = frozenset(("both", "CN", "US", "international"))


def _merge_sides(sides: Sequence[str]) -> str:
    if len(sides) == 1:  # the usual case, without building a set
        return sides[0] if sides[0] in _SIDES else "unknown"
    ss = set(sides)
    if "both" in ss or {"CN", "US"} <= ss:
        return "both"
    if "CN" in ss:
        return "CN"
    if "US" in ss:
        return "US"
    if "international" in ss:
        return "international"
    return "unknown"


# A party mention: (start, end, side, name, source), source actors | lexicon. A
# plain tuple: a sentence builds several, and a tuple costs a fiftieth of a
# dataclass to build.
_Mention = tuple[int, int, str, str, str]
_M_START, _M_END, _M_SIDE, _M_NAME, _M_SOURCE = range(5)
_FIRST = itemgetter(0)  # sort key for mentions: by start only, stable on ties


@dataclass(slots=True, unsafe_hash=True)
class _Subj:
    kind: str  # party | demonstrative | nonparty | empty
    side: str = "both"
    names: tuple[str, ...] = ()
    source: str = "default"  # actors | lexicon | inherited | default
    text: str = ""


_DEFAULT = _Subj("party", "both", (), "default")


def _mentions(s: str, m: str, actors: list[_ActorIn], shift: int, lang: str) -> list[_Mention]:
    R = _RULES or _rules()
    out: list[_Mention] = []
    # positions held by the caller's actor mentions: a lexicon hit overlapping
    # one of them is not added (one bytearray lookup instead of a test per span)
    taken: bytearray | None = None
    n = len(s)
    for a in actors:
        st, en = a.start - shift, a.end - shift
        if st < 0 or en > n or st >= en:
            continue
        name = a.name if a.name is not None else s[st:en]
        out.append((st, en, a.side, name, "actors"))
        if taken is None:
            taken = bytearray(n)
        taken[st:en] = b"\x01" * (en - st)

    extra = False  # mentions found out of order
    if lang == "en":
        for x in R.party_en_re.finditer(m):
            if taken is not None and taken.find(1, x.start(), x.end()) >= 0:
                continue
            idx = int(x.lastgroup[1:]) if x.lastgroup else 0
            out.append((x.start(), x.end(), R.party_en_sides[idx], x.group(), "lexicon"))
    else:
        party_words = R.party_words
        org = R.party_org_group  # the other group is "word"
        for x in R.party_zh_scan.finditer(m):
            kind = x.lastindex
            if kind is None:
                continue  # skipped text
            st = x.start(kind)
            en = x.end()
            if taken is not None and taken.find(1, st, en) >= 0:
                continue
            word = x.group(kind)
            if kind == org:
                side = "CN" if word.startswith("中国") else "US"
            else:
                side = party_words.get(word, "unknown")
            out.append((st, en, side, word, "lexicon"))
        # the other side of a pair: "法方", "新方", "欧盟方" (side unknown)
        k = m.find("方", 1)
        while k > 0:
            en = k + 1
            for ln in R.other_party_lens:
                st = en - ln
                if st >= 0 and m[st:en] in R.other_party:
                    if (
                        (st > 0 and m[st - 1] in R.other_not_prev)
                        or m.startswith(R.other_not_next, en)
                        or (taken is not None and taken.find(1, st, en) >= 0)
                    ):
                        break  # "新方案", "创新方式", "参加方": X方 inside a word
                    out.append((st, en, "unknown", m[st:en], "lexicon"))
                    extra = True
                    break
            k = m.find("方", en)
    if taken is not None or extra:
        out.sort(key=_FIRST)  # lexicon hits alone come out in order already
    return out


# a bullet marker opens a list member as an enumerator does ("– convene …", "——加强…")
_BULLET = r"[–—•·▪●◆■]+|-(?=\s)"
_ENUM_LEAD = (
    r"(?:\s|[（(]\s*[\d一二三四五六七八九十"
    + _MASK
    + r"]{1,3}\s*[)）]|\d{1,2}\s*[.．、](?!\d)|[①-⑳]|"
    + _BULLET
    + ")*"
)
_LEAD_ZH = r"(?:\s|并且|并|而且|且|同时|此外|另外|最后|为此|届时|还|也|然后|以及|其中|对此)*"
_LEAD_EN = (
    r"(?i:(?:\s|and|also|further(?:more)?|moreover|in addition|meanwhile|,|" + _BULLET + ")*)"
)
# enumerators, then linking adverbs: one match, since neither part can fail
_LEAD = {"zh": re.compile(_ENUM_LEAD + _LEAD_ZH), "en": re.compile(_ENUM_LEAD + _LEAD_EN)}


# characters a Chinese lead can open with, besides spaces and digits
_LEAD_ZH_FIRST = frozenset("（(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳并而且同此另最为届还也然以其对–—•·▪●◆■-")


def _lead(m: str, cs: int, ce: int, lang: str) -> int:
    """Index after enumerators and linking adverbs that open a clause."""
    if lang != "en" and cs < ce:
        c = m[cs]
        if c not in _LEAD_ZH_FIRST and not c.isspace() and not c.isdecimal():
            return cs  # most clauses open with neither: no need for the regex
    x = _LEAD["en" if lang == "en" else "zh"].match(m, cs, ce)
    return x.end() if x else cs


_COORD = re.compile(r"^\s*(?:和|与|同|及|以及|、|暨|,|，|and|&)?\s*$", re.IGNORECASE)
# "China's National Energy Administration": the body after the possessive is the party
_POSSESSIVE = re.compile(r"['’]s\s+")
# "The U.S. Department of Energy …": an article before the first party of the chain
_ARTICLE_EN = re.compile(r"(?i:the)\s+")
_SUBJ_TAIL_EN = re.compile(r"(?:\s|also|both|jointly|further|each|all|have|has|had|,)*$", re.I)
_SECOND_PREDICATE = re.compile(r"(?:并|并且|而且|且|同时)$")
# "X have conducted … and seek to …": a second predicate after "and" keeps X as subject
_SECOND_PREDICATE_EN = re.compile(r"\b(?:and|and also|and will)\s*$", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s*(?:的|关于|之间)")


_DEMONSTRATIVE_EN = re.compile(
    r"(?:this|these|that|those|it|they|the (?:dialogue|meeting|cent(?:er|re)|project|report))\b",
    re.I,
)
_EMPTY = _Subj("empty")
# an English subject naming a body of the dialogue by its organ noun, whatever its field
# ("The Sub-Commission on Economic and Trade Affairs will report …"): an organisation
_EN_ORGAN_SUBJECT = re.compile(
    r"\b(?:Sub-)?(?:Commission|Committee|Working Group|Council|Secretariat|Task Force)\b"
)
# "They will work together to …": in a list the plural pronoun stands for the parties of the
# sentence before (an active verb follows; "They will be completed …" is about things)
_THEY_EN = re.compile(r"\s*they\s*", re.I)
_PASSIVE_AFTER_EN = re.compile(r"\s+(?:be|have\s+been|remain)\b", re.I)


def _they_act(m: str, subj: _Subj, trig_end: int) -> bool:
    return (subj.kind == "demonstrative" and _THEY_EN.fullmatch(subj.text) is not None
            and _PASSIVE_AFTER_EN.match(m, trig_end) is None)


def _subject(m: str, cs: int, pos: int, mentions: list[_Mention], lang: str) -> _Subj:
    """The subject written between clause start ``cs`` and a trigger at ``pos``."""
    R = _RULES or _rules()
    i = _lead(m, cs, pos, lang)
    if lang == "en":
        tail = _SUBJ_TAIL_EN.search(m[i:pos])
    elif pos > i and (m[pos - 1].isspace() or m[pos - 1] in R.trailing_adv_last):
        tail = R.trailing_adv_re.search(m[i:pos])
    else:
        tail = None  # a trailing adverb or space would end the text: none can match
    j = pos - (len(tail.group()) if tail else 0)
    if i >= j:
        return _EMPTY
    text = m[i:j]
    if (_SECOND_PREDICATE.search(text) or R.reaff_zh_re.match(text) or R.event_re.match(text)
            or (lang == "en" and _SECOND_PREDICATE_EN.search(text) and " " in text.strip())):
        return _EMPTY  # "…认识到…重要性并决定…": a second predicate, same subject
    chain = _party_chain(m, mentions, i, j)
    if chain and (
        _QUALIFIER.match(m, chain[-1][_M_END], j)
        or m.startswith(R.party_qualified, chain[-1][_M_END], j)
    ):
        # "双方关于…的谅解备忘录即将到期", "两国企业代表将…": the parties only qualify
        # the subject
        chain = []
    if not chain and lang != "en":
        chain = _topic_party_chain(m, mentions, i, j)
    if chain:
        return _party_subj(chain, text)
    if lang == "en":
        if _DEMONSTRATIVE_EN.match(text):
            return _Subj("demonstrative", "unknown", (), "lexicon", text)
        return _Subj("nonparty", "unknown", (), "lexicon", text)
    if R.demonstrative_re.match(text):
        return _Subj("demonstrative", "unknown", (), "lexicon", text)
    return _Subj("nonparty", "unknown", (), "lexicon", text)


def _party_subj(chain: list[_Mention], text: str) -> _Subj:
    if len(chain) == 1:  # the usual case, without the generators
        x = chain[0]
        side = _merge_sides((x[_M_SIDE],))
        return _Subj("party", side, (x[_M_NAME],), x[_M_SOURCE], text)
    side = _merge_sides([x[_M_SIDE] for x in chain])
    src = "actors" if any(x[_M_SOURCE] == "actors" for x in chain) else "lexicon"
    return _Subj("party", side, tuple(x[_M_NAME] for x in chain), src, text)


# what a topic before a party subject may not end with: "…的双方", "与美方"
_TOPIC_END_NOT = frozenset("的与和同及对向为由跟把被在于、")
# …nor open with a preposition ("在中美继续推进…的同时"); a topic is a short noun phrase
_TOPIC_START_NOT = frozenset("在于从当自随据按经对向为由把被将")
_TOPIC_MAX = 10


def _topic_party_chain(m: str, mentions: list[_Mention], i: int, j: int) -> list[_Mention]:
    """A party chain closing the subject text after a topic ("下一次会议双方将…").

    A heading glued to its sentence, or a topic noun phrase, may stand before the
    party subject; the chain must end the subject text, and the topic hold no clause
    break and not end in 的 or a preposition.
    """
    for x in mentions:
        st = x[_M_START]
        if st <= i:
            continue
        if st >= j:
            break
        if st - i > _TOPIC_MAX:
            break  # a long stretch before the party is a predicate, not a topic
        if (m[st - 1] in _TOPIC_END_NOT or m[i] in _TOPIC_START_NOT
                or any(c in "，,；;：:。" for c in m[i:st])):
            continue
        chain = _party_chain(m, mentions, st, j)
        if chain and not m[chain[-1][_M_END] : j].strip():
            return chain
    return []


def _party_chain(m: str, mentions: list[_Mention], i: int, j: int) -> list[_Mention]:
    """Party mentions coordinated from ``i`` on ("中方和美方"), none if none starts at ``i``.

    ``mentions`` are sorted by start, so the walk stops at the first one past ``j``.
    """
    out: list[_Mention] = []
    last = 0  # end of the chain so far
    for x in mentions:
        st = x[_M_START]
        if st < i:
            continue
        if st >= j:
            break
        if not out:
            if st != i and not _ARTICLE_EN.fullmatch(m, i, st):
                return out
            out.append(x)
            last = x[_M_END]
        elif st < last:
            continue
        elif _POSSESSIVE.fullmatch(m, last, st):
            out[-1] = x
            last = x[_M_END]
        elif _COORD.match(m[last:st]):
            out.append(x)
            last = x[_M_END]
        else:
            break
    return out


def _clause_subject(
    m: str, cl: tuple[int, int], mentions: list[_Mention], lang: str
) -> _Subj | None:
    """A party or demonstrative subject opening a clause, used for inheritance."""
    R = _RULES or _rules()
    cs, ce = cl
    i = _lead(m, cs, ce, lang)
    chain = _party_chain(m, mentions, i, ce) if mentions else None
    if chain and not m.startswith(R.party_qualified, chain[-1][_M_END], ce):
        return _party_subj(chain, m[i : chain[-1][_M_END]])
    if lang == "zh" and R.demonstrative_re.match(m, i, ce):
        return _Subj("demonstrative", "unknown", (), "lexicon", m[i:ce])
    return None


_TIME_REST = re.compile(r"[\s以来自从起在于,，、]*")


def _time_only(text: str, ts: list[_T], cs: int, ce: int) -> bool:
    """Is the clause nothing but a time expression ("2016年，")?"""
    inside = [t for t in ts if t.start < ce and t.end > cs]
    if not inside:
        return False
    pos = cs
    for t in sorted(inside, key=lambda t: t.start):
        if t.start > pos and not _TIME_REST.fullmatch(text, pos, t.start):
            return False
        pos = max(pos, t.end)
    return pos >= ce or _TIME_REST.fullmatch(text, pos, ce) is not None


def _governs(s: str, m: str, t: _T) -> bool:
    """Does the time read as an adverbial (not as part of a name like 2030年议程)?"""
    R = _RULES or _rules()
    if t.start < len(m) and m[t.start] == _MASK:
        return False
    j = t.end
    while j < len(s) and s[j] in " \u3000":
        j += 1
    if j >= len(s):
        return True
    if s[j] in "《“〈":
        return False  # "2014年《北京反腐败宣言》": part of a title
    return s[j] in R.time_followers or not ("\u3400" <= s[j] <= "\u9fff")


# --------------------------------------------------------------- analysis ---
@dataclass(slots=True)
class _Trig:
    start: int
    end: int
    word: str
    spec: _TrigSpec
    clause: int
    negated: bool = False


@dataclass(slots=True)
class _Unit:
    trig: _Trig | None
    modality: str
    strength: float
    start: int  # trigger (or implicit verb) position
    clause: int
    end: int = 0
    subj: _Subj = _DEFAULT
    hedged: bool = False
    negated: bool = False
    valid: bool = True
    absorbed: bool = False


@dataclass(slots=True)
class _Act:
    type: str
    start: int
    end: int
    verb: str
    obj_start: int  # -1 until asked for (see _act_object): most acts are never picked
    obj_end: int  # (for a Chinese act, until then: the end of its clause)
    in_tail: bool


_NO_USE: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # a word without noun uses

# what "宣布" must announce to be a commitment
_ANNOUNCED = ("将", "启动", "成立", "设立", "建立", "其意向", "开始", "实施")
_WILL_AS_NOUN_EN = re.compile(r"\b(?:political|good|the|of)\s*$", re.I)


def _find_triggers(
    s: str, m: str, clauses: list[tuple[int, int]], lang: str, mentions: list[_Mention]
) -> list[_Trig]:
    R = _RULES or _rules()
    out: list[_Trig] = []
    if lang == "en":
        for x in R.trig_en_re.finditer(m):
            idx = int(x.lastgroup[1:]) if x.lastgroup else 0
            spec = R.trig_en[idx]
            word = x.group()
            st, en = x.start(), x.end()
            if spec.modality == "will" and _WILL_AS_NOUN_EN.search(m[max(0, st - 12) : st]):
                continue
            if spec.modality == "expect" and R.outcome_en_re.match(m, en):
                continue  # "look forward to the successful conclusion of …": an outcome
            ci = _clause_of(clauses, st)
            if R.third_en_re.search(m[clauses[ci][0] : st]):
                continue
            out.append(_Trig(st, en, word, spec, ci))
        return out
    noun_use = R.noun_use
    search = R.trig_zh_re.search
    pos = 0
    while (z := search(m, pos)) is not None:
        word = z.group()
        st, en = z.start(), z.end()
        pos = en
        spec = R.trig_zh[word]
        # a noun or attribute here: a ``prev`` word ends in the six characters
        # before it, or a ``next`` word opens the eight after it
        prev, nxt = noun_use.get(word, _NO_USE)
        # ("双方同意，…": 同意 before a comma is a trigger after a bare party subject)
        if (
            (prev and m.endswith(prev, max(0, st - 6), st))
            or (nxt and m.startswith(nxt, en, en + 8))
        ) and not (
            word in R.governs_after_comma
            and m.startswith(_CLAUSE_MARKS, en)
            and _bare_party_before(m, clauses, st, mentions)
        ):
            pos = st + 1  # a trigger may start inside it: "会议定于" holds "定于"
            continue
        if word != "不得" and m.endswith(R.cancel_before, max(0, st - 2), st):
            continue
        if R.attributive_re.match(m, st):
            continue
        if word in ("将", "将要") and R.disposal_re.match(m, st):
            f = next((f for f in R.future_next if m.startswith(f, en)), None)
            if f is None or m.startswith("的", en + len(f)):
                continue  # "将加强的合同条款纳入…": 将 = 把
        if word == "宣布" and not m.startswith(_ANNOUNCED, en, en + 4):
            continue
        if word in ("期待", "期望") and not _expects_action(m, en, clauses):
            continue
        ci = _clause_of(clauses, st)
        cs, ce = clauses[ci]
        if _third_party_zh(m, cs, st):
            continue
        if _done_agreement(m, cs, st, en, ce):
            continue  # "续签文本已于10月商定。": the agreeing is reported, nothing is undertaken
        if m.startswith(R.reason_clause, _lead(m, cs, ce, lang)):
            continue  # "鉴于相关改革将…": a reason, not an undertaking
        out.append(_Trig(st, en, word, spec, ci))
    return out


_CLAUSE_MARKS = ("，", ",", "：", ":")


def _done_agreement(m: str, cs: int, st: int, en: int, ce: int) -> bool:
    """A trigger that closes its clause after "already" (已/已于…/已经): "X已于10月商定",
    "该方案已同意": an agreement reported as done, with no action after it to undertake."""
    R = _RULES or _rules()
    if m[en:ce].strip(" 。；;，,、.") or st - cs > 40:
        return False
    return any(not m.startswith(R.already_not_next, x.end(), x.end() + 6)
               for x in R.already_re.finditer(m, cs, st))


def _third_party_zh(m: str, a: int, b: int) -> bool:
    """Does a call on others (呼吁, 鼓励, 促 …) stand in ``m[a:b]``? Not 促 inside
    another word ("国际贸易促进委员会", 促成)."""
    R = _RULES or _rules()
    for x in R.third_zh_re.finditer(m, a, b):
        nxt = R.third_not_next.get(x.group())
        if nxt and m.startswith(nxt, x.end()):
            continue
        return True
    return False


def _bare_party_before(
    m: str, clauses: list[tuple[int, int]], st: int, mentions: list[_Mention]
) -> bool:
    """Does the clause of ``st`` hold only a party subject before it ("双方一致同意，")?"""
    if not mentions:
        return False
    R = _RULES or _rules()
    cs, _ce = clauses[_clause_of(clauses, st)]
    i = _lead(m, cs, st, "zh")
    chain = _party_chain(m, mentions, i, st)
    if not chain:
        return False
    j = chain[-1][1]  # (_M_END, as a literal index: typed int)
    return j >= st or R.trailing_adv_re.match(m, j, st) is not None


def _expects_action(m: str, en: int, clauses: list[tuple[int, int]]) -> bool:
    """期待 is a commitment when what is expected is the parties' own action."""
    R = _RULES or _rules()
    ci = _clause_of(clauses, en)
    comp = m[en : clauses[ci][1]]
    if R.outcome_zh_re.search(comp):
        return False
    # a verb that is not a modifier ("举行的对话") names the parties' own action
    return any(not comp.startswith("的", v.end()) for v in R.expect_verbs_re.finditer(comp))


def _reaffirm_cues(m: str, lang: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, absorbing)."""
    R = _RULES or _rules()
    out = []
    if lang == "en":
        for x in R.reaff_en_re.finditer(m):
            out.append((x.start(), x.end(), x.group(), bool(R.absorb_en_re.fullmatch(x.group()))))
        return out
    for x in R.reaff_zh_re.finditer(m):
        w = x.group()
        st, en = x.span()
        prev, nxt = R.not_reaffirm.get(w, ((), ()))
        if (prev and m.endswith(prev, max(0, st - 4), st)) or (
            nxt and m.startswith(nxt, en, en + 4)
        ):
            continue  # "在…支持下", "促进": not a position taken
        out.append((st, en, w, w in R.absorbing))
    return out


_ATTRIBUTIVE_DE = re.compile(r"[^，。；的]{0,8}的")


_COND_BREAK = frozenset("，。；！？,;!?\n")


def _conditional_clause(m: str, i: int, words: tuple[str, ...]) -> bool:
    """Whether the clause holding ``m[i]`` opens with a conditional (如果/一旦 …)."""
    j = i
    while j > 0 and m[j - 1] not in _COND_BREAK:
        j -= 1
    while j < i and m[j].isspace():
        j += 1
    return m.startswith(words, j, i)


# a modal + "be" right before a participle: "will be reviewed", "is to be held"
_EN_PASSIVE_FUTURE = re.compile(r"\b(?:will|shall|would|to|may|must|can)\s+be\s+\Z", re.I)


def _past_cues(
    s: str, m: str, lang: str, reaff: list[tuple[int, int, str, bool]]
) -> list[tuple[int, int, str]]:
    """Perfective 了 / 已 / English past tense: (start, end, word)."""
    R = _RULES or _rules()
    out: list[tuple[int, int, str]] = []
    if lang == "en":
        for x in R.past_en_re.finditer(m):
            if _EN_PASSIVE_FUTURE.search(m, max(0, x.start() - 16), x.start()):
                continue  # "will be reviewed at the next …": a passive future, no report
            out.append((x.start(), x.end(), x.group()))
        for x in R.perfect_en_re.finditer(m):
            out.append((x.start(), x.end(), x.group()))
        return out
    i = m.find("了")
    if i >= 0:
        reaff_ends = {e for _, e, _, _ in reaff}
        while i >= 0:
            if (
                i > 0
                and "\u3400" <= m[i - 1] <= "\u9fff"
                # "了解", "为了": not perfective
                and not R.not_perfective_re.search(m, max(0, i - 2), i + 2)
                and i not in reaff_ends  # "重申了" restates, it does not report an event
                and not _conditional_clause(m, i, R.conditional)  # "如果您收到了…"
            ):
                out.append((i, i + 1, m[max(0, i - 2) : i + 1]))
            i = m.find("了", i + 1)
    for x in R.already_re.finditer(m):
        en = x.end()
        if m.startswith(R.already_not_next, en, en + 6):
            continue
        if _ATTRIBUTIVE_DE.match(m, en) and not m.startswith(("于", "在", "经"), en):
            continue  # "已达成共识的项目": attributive
        out.append((x.start(), en, x.group()))
    return out


def _time_for(s: str, m: str, ts: list[_T], clauses: list[tuple[int, int]], pos: int) -> _T | None:
    """The time governing a verb at ``pos``: nearest before it in its clause, else a
    time-only clause right before."""
    ci = _clause_of(clauses, pos)
    cs = clauses[ci][0]
    best = None
    for t in ts:
        if cs <= t.start and t.end <= pos and _governs(s, m, t):
            best = t
    if best is not None:
        return best
    k = ci - 1
    while k >= 0:
        a, b = clauses[k]
        if _time_only(s, [t for t in ts if a <= t.start < b], a, b):
            cand = [t for t in ts if a <= t.start < b]
            return cand[-1] if cand else None
        break
    return None


def _all_acts(
    s: str, m: str, clauses: list[tuple[int, int]], lang: str, cache: dict[str, list[_Act]]
) -> list[_Act]:
    """All action verbs of the sentence, found once and filtered by range after."""
    acts = cache.get("acts")
    if acts is None:
        acts = cache["acts"] = _find_actions(s, m, clauses, lang)
    return acts


def _act_key(x: _Act) -> tuple[int, int]:
    return x.start, _RANK[x.type]


def _inside(spans: list[tuple[int, int]], p: int) -> bool:
    # a plain loop: any() over a generator costs more for these two- or three-item lists
    for x, y in spans:  # noqa: SIM110
        if x <= p < y:
            return True
    return False


_NOMINAL_BEFORE = ("的", "顺利")


def _find_actions(s: str, m: str, clauses: list[tuple[int, int]], lang: str) -> list[_Act]:
    """Action verbs in ``m`` with their object spans."""
    R = _RULES or _rules()
    if lang == "en":
        return _find_actions_en(s, m, clauses)
    hits = _verb_hits(m)
    if not hits:
        return []
    out: list[_Act] = []
    # "在北京设立…中心" names a place, it is no frame
    frames = [
        (x.start(), x.end()) for x in R.frames_re.finditer(m) if not R.place_re.match(m, x.start())
    ]
    names: list[tuple[int, int]] | None = None  # only cooperation words need them
    counted: bool | None = None  # is there a count ("10个") at all? (cooperation words)
    invite: bool | None = None  # is there a 邀请 at all? (cooperation words)
    tails: list[tuple[int, int]] | None = None  # only needed once something qualifies
    ends = [b for _, b in clauses]
    last = len(clauses) - 1
    for st, verb in hits:
        if frames and _inside(frames, st):
            continue  # "在履行尽职调查…方面": a frame, not the action
        en = st + len(verb)
        ci = bisect_right(ends, st)  # _clause_of(clauses, st), without the call
        if ci > last or clauses[ci][0] > st:
            ci = last
        cs, ce = clauses[ci]
        nxt = m[en : en + 3]
        obj = m[en:ce]
        # does the verb qualify for each action type it can stand for?
        for spec, how in R.verbs_zh[verb]:
            if spec.type == "continue-cooperation":
                if names is None:
                    names = [(x.start(), x.end()) for x in R.cc_not_in_re.finditer(m)]
                if names and _inside(names, st):
                    continue  # "经济合作与发展组织" is a name
                chain = R.cc_chain_re.match(m, en)
                ch_end = chain.end() if chain else en
                if m.startswith(R.cc_heads, ch_end) or m.startswith("的", ch_end):
                    # "四方协调组", "合作项目清单", "对话的筹备工作": a modifier of a noun
                    continue
                if m[en : en + 1] in _CC_TEMPORAL_FIRST and _CC_TEMPORAL.match(m, en):
                    continue  # "在第四次对话前": a meeting that dates the action
                if counted is None:  # (a classifier at all? cheaper than the regex)
                    counted = any(w in m for w in R.counted_units)
                if counted and _counted_before(m, max(cs, st - 20), st):
                    continue  # "实施10个…示范项目": a numeric target
                if invite is None:
                    invite = R.invite_re.search(m) is not None
                if invite and _invited(m, cs, st):
                    continue  # "邀请某组织派员观摩下一轮磋商": the invitee's part
            else:
                if nxt.startswith("的") and not (
                    spec.type == "hold-meeting" and _SCHEDULED_ATTR.search(m, cs, st)
                ):
                    continue  # attributive: "举行的会议"
                if _TEMPORAL.match(nxt):
                    continue  # temporal clause: "在开工前"
                if m.endswith(_NOMINAL_BEFORE, max(0, st - 3), st):
                    continue  # nominalised: "项目的顺利实施", "破产法的实施"
                if spec.type == "hold-meeting" and m.endswith(R.postpone, max(0, st - 2), st):
                    continue  # "暂缓举行": postponed, not held
            # a verb at the end takes its event from before: "首次交流活动计划于明年初在美国举办"
            # (a verb closing its clause looks back over the sentence: "…大赛因故推迟，
            # 经双方协商，改于11月上旬在深圳举办")
            if (
                how == "event"
                and not _event_noun(obj, 0, len(obj))
                and (_CONTENT.search(obj) or not _event_noun(m, 0, st))
            ):
                continue
            if how == "meeting" and not R.meeting_nouns_re.search(obj[:30]):
                continue
            if how == "object":
                # (loops, not any() over a generator: these run for every verb; the
                # text as written: a title may name the object, "达成《…协定》")
                written = s[en:ce]
                for w in spec.object_words.get(verb, ()):
                    if w == "" or w in written:
                        break
                else:
                    continue
            bad = spec.not_object.get(verb, ())
            if bad and obj.lstrip().startswith(bad):
                continue
            if (
                verb in spec.needs_object
                and not _CONTENT.search(obj[:4])
                and not _completed_before(m, cs, st)
            ):
                continue
            if (
                spec.type == "policy-measure"
                and m[en : en + 1] in _COUNT_FIRST
                and R.counted_re.match(m, en)
            ):
                continue  # "实施10个…示范项目": a numeric target, not a policy
            if tails is None:
                tails = _tail_spans(m, clauses, lang)
            out.append(_Act(spec.type, st, en, verb, -1, ce, _inside(tails, st)))
    out.sort(key=_act_key)
    return out


def _event_noun(m: str, a: int, b: int) -> bool:
    """An event noun in ``m[a:b]`` (活动 only as a numbered edition)."""
    R = _RULES or _rules()
    return bool(R.event_nouns_re.search(m, a, b) or R.numbered_event_re.search(m, a, b))


def _find_actions_en(s: str, m: str, clauses: list[tuple[int, int]]) -> list[_Act]:
    R = _RULES or _rules()
    out: list[_Act] = []
    tails = _tail_spans(m, clauses, "en")
    invite = "nvit" in m and R.invite_en_re.search(m) is not None  # (Invite, invited …)
    for spec in R.actions:
        for x in spec.en_re.finditer(m):
            ce = clauses[_clause_of(clauses, x.start())][1]
            o_s, o_e = _object_span_en(s, x.end(), ce)
            if spec.en_needs_event.fullmatch(x.group()) and not R.event_nouns_en_re.search(
                s[o_s:o_e]
            ):
                continue
            if spec.type == "continue-cooperation":
                if R.cc_head_en_re.match(m, x.end()):
                    continue  # "exchange students": a modifier of a noun
                if R.exchange_items_en_re.match(m, x.start()):
                    continue  # "exchange updated lists": discrete items
                if invite and R.invite_en_re.search(m, max(0, x.start() - 120), x.start()):
                    continue  # "invite X to observe the next consultations"
            if R.temporal_en_re.search(m, max(0, x.start() - 90), x.start()):
                continue  # "no later than the next Dialogue": a date, not the action
            if R.relative_en_re.search(m, max(0, x.start() - 12), x.start()):
                continue  # "the 2026 session, to be held in …": describes the noun
            out.append(
                _Act(spec.type, x.start(), x.end(), x.group(), o_s, o_e, _inside(tails, x.start()))
            )
    out.sort(key=_act_key)
    return out


def _act_object(s: str, m: str, x: _Act) -> tuple[int, int]:
    """The object span of an action, found on first use."""
    if x.obj_start < 0:
        x.obj_start, x.obj_end = _object_span(s, m, x.end, x.obj_end)
    return x.obj_start, x.obj_end


def _verb_hits(m: str) -> list[tuple[int, str]]:
    """Action words in ``m``, overlapping ones included ("共同开展" and "开展")."""
    R = _RULES or _rules()
    out = []
    inner = R.verbs_inner
    for x in R.verbs_zh_re.finditer(m):
        st, word = x.start(), x.group()
        out.append((st, word))
        for k, w, within in inner[word]:
            if within or m.startswith(w, st + k):
                out.append((st + k, w))
    return out


_SCHEDULED_ATTR = re.compile(r"(?:将|计划|拟|定)于")
# a cooperation word dating the action: "第六轮磋商前", "对话期间" (not "合作前景")
_CC_TEMPORAL_FIRST = frozenset("之以前后期")
_COUNT_FIRST = frozenset("0123456789 一二两三四五六七八九十百千万")
_CC_TEMPORAL = re.compile(r"(?:之前|以前|之后|以后|前|后|期间)(?![景沿列端线台续])")


def _completed_before(m: str, cs: int, st: int) -> bool:
    """Does what a bare closing 完成 completes stand before it in its clause: the
    object of a disposal 将 ("将…联合研究延长至…前完成") or a non-party noun phrase
    subject of 将 ("其余4个实验室的评估将于…前完成")? Otherwise the bare 完成 only
    dates the action before it."""
    R = _RULES or _rules()
    k = m.find("将", cs, st)
    if k < 0:
        return False
    if R.disposal_re.match(m, k):
        return True
    i = _lead(m, cs, k, "zh")
    subj = m[i:k]
    return (
        bool(subj.strip())
        and R.party_zh_re.match(m, i) is None
        and not _TIME_PLACE_ONLY.fullmatch(subj)
        and not R.trailing_adv_re.fullmatch(subj)
    )


def _counted_before(m: str, lo: int, st: int) -> bool:
    """Does a counted noun phrase ("10个…示范") end at ``st``?"""
    R = _RULES or _rules()
    for u in R.counted_units:
        if m.find(u, lo, st) >= 0:
            return R.counted_before_re.search(m, lo, st) is not None
    return False


def _invited(m: str, cs: int, st: int) -> bool:
    """Does 邀请 (the verb, not "应…邀请") stand before ``st`` in its clause?"""
    R = _RULES or _rules()
    x = R.invite_re.search(m, cs, st)
    if x is None:
        return False
    before = m[cs : x.start()]
    return not any(w in before for w in R.invite_not_before) and not m.startswith(
        ("下", "，", "的"), x.end()
    )
_TEMPORAL = re.compile(r"前|后|时|之前|之后|以前|以后")
_CONTENT = re.compile(f"[{_CJK}A-Za-z{_MASK}]")


_PURPOSE_VERBS = re.compile(
    r"以(?:便|期)?(?=加强|促进|确保|实现|推动|提高|提升|阻止|应对|解决|进一步|便利|增进|深化|协调|维护"
    r"|反映|恢复|缓解|避免|帮助|支持|推广|更好|取得|防止|减少|扩大|加深|分享|达成|协助|巩固|打击)"
)


_PURPOSE_MID = re.compile(r"以便|旨在|从而")


def _tail_spans(m: str, clauses: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Clause tails that elaborate ("包括…", "以加强…") rather than add actions."""
    R = _RULES or _rules()
    out = []
    n = len(m)
    tail_zh = R.tail_zh
    for cs, ce in clauses:
        if ce <= 0 or cs >= n:
            continue
        if lang == "en":
            seg = m[cs:ce]
            if R.tail_en_re.match(seg.lstrip()):
                out.append((cs, ce))
            continue
        # (searches bounded by ``ce`` see what a slice would: no pattern looks behind)
        b = cs  # the clause body starts after leading spaces
        while b < ce and m[b].isspace():
            b += 1
        if m.startswith("以", b, ce) and not _PURPOSE_VERBS.match(m, b, ce):
            continue
        if m.startswith(tail_zh, b, ce):
            out.append((b, ce))
            continue
        # mid-clause only purpose markers: "包括" inside a clause is usually part of
        # a noun phrase ("加强包括采用新技术的合作")
        x = _PURPOSE_MID.search(m, cs, ce) or _PURPOSE_VERBS.search(m, cs, ce)
        if x:
            out.append((x.start(), ce))
    return out


_OBJ_LEAD = re.compile(r"(?:了|好|过|一次|一个|一届|一期|一项|一份|一场|一系列|一轮|\s)+")
# (written "，?并(?=…)" before: a "，" there is taken by the first alternative anyway,
# and without the optional mark every alternative opens with a literal, which lets
# ``re`` skip to candidate characters)
_OBJ_STOP = re.compile(
    r"[，。；：,;:]|以(?:便|期)?(?=加强|促进|确保|实现|推动|提高|提升|应对|进一步)|并(?=[于在将就与同])"
)


def _object_span(s: str, m: str, en: int, ce: int) -> tuple[int, int]:
    lead = _OBJ_LEAD.match(s, en)
    st = lead.end() if lead else en
    stop = _OBJ_STOP.search(m, st, ce)
    e = stop.start() if stop else ce
    e = min(e, st + 60)
    while e > st and s[e - 1] in " 　等":
        e -= 1
    return st, max(st, e)


# (a full stop after a capital is an abbreviation's: "the U.S.-China Forum")
_OBJ_STOP_EN = re.compile(
    r"[,;]|(?<![A-Z])\.|\s(?:in|at|by|before|during|on|no later than|within|so as|in order"
    r"|to (?:enhance|promote|strengthen|ensure)|and (?:will|to))\s"
)


def _object_span_en(s: str, en: int, ce: int) -> tuple[int, int]:
    st = en
    while st < ce and s[st] == " ":
        st += 1
    stop = _OBJ_STOP_EN.search(s, st, ce)
    e = stop.start() if stop else ce
    return st, max(st, min(e, st + 120))


def _place(s: str, m: str, a: int, b: int, anchor: int, lang: str) -> str | None:
    R = _RULES or _rules()
    best: tuple[int, str] | None = None
    if lang == "en":
        for x in R.place_en_re.finditer(s, a, b):
            name = x.group("p")
            norm = next((v for k, v in R.place_en_norm.items() if k.lower() == name.lower()), name)
            d = abs(x.start() - anchor)
            if best is None or d < best[0]:
                best = (d, norm)
        return best[1] if best else None
    for x in R.place_re.finditer(m, a, b):
        parts = [p for p in R.place_split_re.split(x.group("p")) if p]
        norm = "、".join(_norm_place(p) for p in parts)
        d = anchor - x.start() if x.start() <= anchor else 1000 + x.start() - anchor
        if best is None or d < best[0]:
            best = (d, norm)
    return best[1] if best else None


_CITY_OF_PROVINCE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:市)$")


def _norm_place(p: str) -> str:
    R = _RULES or _rules()
    p = p.strip()
    if p in R.place_alias:
        return R.place_alias[p]
    if p in R.countries:
        return p
    # keep the most specific component: "中国江西省南昌市" → "南昌"
    for c in R.cities:
        if c in p:
            return str(R.place_alias.get(c, c))
    q = p
    for c in R.countries:
        if q.startswith(c) and len(q) > len(c):
            q = q[len(c) :]
            break
    x = _CITY_OF_PROVINCE.search(q)
    if x and "省" in q:
        return x.group(1)
    if q.endswith("市") and len(q) > 2:
        q = q[:-1]
    return R.place_alias.get(q, q)


def _due(s: str, m: str, ts: list[_T], a: int, b: int, anchor: int, doc: date | None) -> _T | None:
    """Pick the time governing the action at ``anchor`` inside ``[a, b)``."""
    R = _RULES or _rules()
    # only the caller's time expressions fill ``due``; the built-in scanner just
    # tells past from future
    cands = [t for t in ts if t.passed and a <= t.start < b and _governs(s, m, t)]
    cands = [t for t in cands if (t.relation or "") not in R.skip_relations]
    if doc is not None:
        # a commitment cannot fall due before the document was written
        cands = [t for t in cands if t.hi is None or t.hi >= doc]
    if not cands:
        return None
    before = [t for t in cands if t.end <= anchor]
    after = [t for t in cands if t.start >= anchor]
    if before:
        return before[-1]
    return after[0] if after else cands[0]


_OPEN_END = re.compile(r"[底末内]")


def _due_fields(t: _T | None, s: str) -> tuple[str | None, str | None, str | None, str | None]:
    if t is None:
        return None, None, None, None
    if t.passed:
        # the time extractor has already turned "X前" into the right end bound
        deadline = (t.relation or "") in _rules().deadline_relations or getattr(
            t, "kind", ""
        ) == "deadline"
        return (
            t.value_end or (t.value_start if not deadline else None),
            (None if deadline else t.value_start),
            t.text or s[t.start : t.end],
            "deadline" if deadline else "period",
        )
    R = _RULES or _rules()
    tail = s[t.end : t.end + 3]
    text = t.text or s[t.start : t.end]
    deadline = (t.relation or "") in R.deadline_relations or any(
        text.endswith(w) or tail.startswith(w)
        for w in R.deadline_words
        if w in ("前", "之前", "以前", "底前")
    )
    hi = t.hi.isoformat() if t.hi else None
    lo = t.lo.isoformat() if t.lo else None
    if deadline:
        # "2031年10月30日前" and "2016年底前" fall due on the bound itself; "2017年1月之前"
        # and "2017年前" on the day before the period starts; "年内" at its end.
        if t.lo and t.hi and t.rank >= 1 and not _OPEN_END.search(text) and t.relation != "within":
            return (t.lo - timedelta(days=1)).isoformat(), None, text, "deadline"
        return (hi or lo), None, text, "deadline"
    return (hi or lo), lo, text, "period"


# ----------------------------------------------------------------- classify ---
_NEG_NEAR = re.compile(r".{0,2}(?:不得|不会|不再|不推进|避免)")
_JOINT = re.compile(r"联合|双边|中美|两国")
_TIME_PLACE_ONLY = re.compile(r"[\d\s年月日度季内前底末初中秋春夏冬上下半至到在于华美]*")


def _analyze(
    full: str,
    lo: int,
    hi: int,
    doc_date: date | None,
    ts: list[_T],
    actors: list[_ActorIn],
    inherited: _Subj | None,
    want_next: bool = True,
) -> tuple[SentenceClass, _Subj | None]:
    """Classify ``full[lo:hi]``; ``ts`` (the caller's times, in sentence offsets)
    and ``actors`` (in ``full`` offsets) are those of the sentence. Without
    ``want_next`` (the last sentence of an item) no subject is handed on."""
    R = _RULES or _rules()
    s = full[lo:hi]
    lang = _lang(s)
    # the document's own signing clause ("…一式两份，…同等作准", "done in duplicate"):
    # no event of the outcomes, no commitment (a substring test first: rarely there)
    if (
        ("作准" in s or "一式" in s)
        if lang == "zh"
        else ("uplicate" in s or "riplicate" in s or "uthentic" in s)
    ) and (R.closing_zh_re if lang == "zh" else R.closing_en_re).search(s):
        return SentenceClass(s, lo, hi, "other", lang, [], ["closing-formula"]), None
    m = _mask(s)
    clauses = _clauses(m, lang)
    if not ts:
        ts = _scan_times(s, doc_date)
    mentions = _mentions(s, m, actors, lo, lang)
    cues: list[Cue] = []
    reasons: list[str] = []
    cache: dict[str, list[_Act]] = {}
    subjects: dict[int, _Subj | None] = {}  # clause -> the subject opening it

    reaff = _reaffirm_cues(m, lang)
    past = _past_cues(s, m, lang, reaff)
    trigs = _find_triggers(s, m, clauses, lang, mentions)
    # "欢迎…于3月18日正式投入运营", "欢迎对…实施了成功改造": an event inside what is
    # welcomed or reaffirmed is the object of a position, not the report of an event
    r_clause = {_clause_of(clauses, r[0]): r[0] for r in reversed(reaff)} if reaff else {}
    if reaff and lang == "zh":
        # "双方注意到，今年8月，…在硅谷举行": a position verb closing its clause takes the
        # clauses after it as its object, whatever their own subject ("双方注意到，中美
        # 两国企业已…签署…"), up to one opened by the position's own subject again
        # ("…，双方还签署了…"): that is a new predicate of the parties
        for rs, re_, w, _ab in reaff:
            if w in R.speech or not m.startswith(_CLAUSE_MARKS, re_):
                continue
            k = _clause_of(clauses, rs) + 1
            own = _subject(m, clauses[k - 1][0], rs, mentions, lang)
            own_text = own.text.strip() if own.kind == "party" else None
            while k < len(clauses) and k not in r_clause:
                sj = _clause_subject_at(m, clauses, k, mentions, lang, subjects)
                if (
                    sj is not None
                    and sj.kind == "party"
                    and (
                        sj.text.strip() == own_text
                        if own_text is not None
                        else sj.text.strip() in R.both_words
                    )
                ):
                    break
                r_clause[k] = -1
                k += 1

    def under_reaffirm(pos: int) -> bool:
        if not r_clause:
            return False
        ci = _clause_of(clauses, pos)
        return ci in r_clause and r_clause[ci] < pos

    if past and r_clause:
        past = [p for p in past if not under_reaffirm(p[0])]
    if past and lang == "zh" and _any_le(m, past):
        # "该培训团提供了一个…机会", "这些项目表明了…": an evaluation, not an event
        demo = {
            k
            for k, cl in enumerate(clauses)
            if (sj := _clause_subject(m, cl, [], lang)) is not None and sj.kind == "demonstrative"
        }
        past = [p for p in past if m[p[0]] != "了" or _clause_of(clauses, p[0]) not in demo]

    # ---- past and scheduled events read off dates
    dated_past: list[tuple[int, int, str, _T]] = []
    scheduled: list[tuple[int, int, str, _T]] = []
    if lang == "zh" and ts:
        for x in R.event_re.finditer(m):
            if m.startswith(R.event_not_next, x.end()):
                continue  # "举行的会议", "开幕式"
            if m.endswith(R.postpone, max(0, x.start() - 2), x.start()):
                continue  # "暂缓举行": postponed, neither held nor scheduled
            t = _time_for(s, m, ts, clauses, x.start())
            if t is None:
                continue
            ci = _clause_of(clauses, x.start())
            cs = clauses[ci][0]
            if _is_past(t, doc_date):
                if not under_reaffirm(x.start()):
                    dated_past.append((x.start(), x.end(), x.group(), t))
            elif (
                _is_future(t, doc_date)
                and x.group() in R.scheduled_verbs
                and t.start >= cs  # the date must stand in the verb's own clause
                and not any(cs <= p[0] < clauses[ci][1] for p in past)
            ):
                if R.reaff_zh_re.search(m[cs : x.start()]) or _third_party_zh(m, cs, x.start()):
                    continue
                scheduled.append((x.start(), x.end(), x.group(), t))

    # a report without a past cue: an English simple past after a party subject, a
    # Chinese tally ("共计120人"), under a date already begun
    if ts and mentions and doc_date is not None and not past and not dated_past:
        rep = _report(m, lang, ts, mentions, reaff, trigs, doc_date)
        if rep is not None and not under_reaffirm(rep[0]):
            dated_past.append(rep)

    # ---- commitment units: one per clause that holds a trigger
    units: list[_Unit] = []
    for tr in trigs:
        if units and units[-1].clause == tr.clause and units[-1].trig is not None:
            u = units[-1]  # stacked modals in one clause: "决定继续", "承诺考虑"
            u.strength = min(u.strength, tr.spec.strength)
            u.negated = u.negated or tr.spec.negated
            continue
        units.append(
            _Unit(
                tr, tr.spec.modality, tr.spec.strength, tr.start, tr.clause, negated=tr.spec.negated
            )
        )
    for st, _en, word, _t in scheduled:
        ci = _clause_of(clauses, st)
        if any(u.start < st for u in units):
            continue  # "决定…，并于明年4月召开…": already in the decision's scope
        sc = R.implicit["scheduled"]
        units.append(_Unit(None, sc["modality"], float(sc["strength"]), st, ci))
        reasons.append(f"scheduled:{word}")
    units.sort(key=_BY_START)

    # implicit agreed action: a subjectless item sentence opening with an action verb
    if lang == "zh":
        # a verb found in or after the clause of the first unit would not be used:
        # look only before it (in a sentence opening with "双方决定…" not at all)
        upto = min([u.clause for u in units]) if units else len(clauses)
        imp = _implicit_start(s, m, clauses, upto, ts, mentions, reaff, past, trigs)
        if imp is not None and not any(u.clause <= _clause_of(clauses, imp) for u in units):
            ag = R.implicit["agreed_action"]
            units.insert(
                0, _Unit(None, ag["modality"], float(ag["strength"]), imp, _clause_of(clauses, imp))
            )
            reasons.append("implicit-action")
    elif lang == "en" and not units:
        # a bare verb opening the sentence, after any enumerator or bullet ("– convene …")
        xm = R.implicit_en_re.match(m, _lead(m, 0, len(m), "en"))
        if xm:
            ag = R.implicit["agreed_action"]
            units.append(_Unit(None, ag["modality"], float(ag["strength"]), xm.start(), 0))

    for k, u in enumerate(units):
        u.end = units[k + 1].start if k + 1 < len(units) else len(s)

    # ---- subjects, absorption, validity
    last_strong = -1
    strong_positions = (
        [u.start for u in units if u.trig is not None and u.trig.spec.strong] if units else []
    )
    for u in units:
        cs = clauses[u.clause][0]
        subj = _subject(m, cs, u.start, mentions, lang) if u.trig is not None else _Subj("empty")
        if u.trig is None and u.modality == "scheduled":
            subj = _subject(m, cs, u.start, mentions, lang)
            # "2016年在华举行…": a leading time/place phrase is no subject
            if subj.kind == "nonparty" and lang == "zh" and _TIME_PLACE_ONLY.fullmatch(subj.text):
                subj = _Subj("empty")
        elif subj.kind == "nonparty" and lang == "zh" and ts:
            # "下半年将重点支持…": a time right before the trigger is no subject
            i = _lead(m, cs, u.start, lang)
            if _time_only(m, ts, i, i + len(subj.text)):
                subj = _Subj("empty")
        own = subj
        if subj.kind == "empty":
            subj = _inherit(m, clauses, u.clause, mentions, lang, subjects) or inherited or _DEFAULT
            if subj.source not in ("default",) and own.kind == "empty" and subj is inherited:
                subj = _Subj(subj.kind, subj.side, subj.names, "inherited", subj.text)
        u.subj = subj
        # reaffirmation verbs take in weak triggers that follow them
        if u.trig is not None:
            _complement(u, reaff, clauses, m, strong_positions)
        if u.trig is not None and not u.trig.spec.strong:
            for rs, _re, _w, absorbing in reaff:
                if not absorbing or rs >= u.start:
                    continue
                if any(rs < p < u.start for p in strong_positions):
                    continue
                if own.kind == "empty" or _clause_of(clauses, rs) == u.clause:
                    u.absorbed = True
                    break
        last_strong = max(last_strong, u.start if u.trig and u.trig.spec.strong else -1)
        # hedges and negation right after the trigger
        if u.trig is not None:
            win_end = min(u.end, u.trig.end + 12)
            if lang == "zh":
                for hx in R.hedge_zh_re.finditer(m, u.trig.end, win_end):
                    kind = R.hedge_zh[hx.group()]
                    near = hx.start() - u.trig.end <= 2
                    # "考虑/探讨/研究" hedge only right after the trigger ("承诺考虑…");
                    # further on they are nouns ("研究中心")
                    if kind in ("consider", "explore") and not near:
                        continue
                    u.hedged = True
                    if kind == "consider":
                        u.modality = "consider"
                    break
                if R.neg_zh_re.match(m, u.trig.end) or _NEG_NEAR.match(
                    m, u.trig.end, u.trig.end + 5
                ):
                    u.negated = True
                if R.hedge_zh_re.search(m, clauses[u.clause][0], u.trig.start):
                    u.hedged = True
            else:
                if R.hedge_en_re.search(m, u.trig.end, win_end):
                    u.hedged = True
                if R.neg_en_re.match(m, u.trig.end):
                    u.negated = True
        # weak triggers with a non-party subject: only scheduled events and policies
        if (
            u.trig is not None
            and not u.trig.spec.strong
            and subj.kind in ("demonstrative", "nonparty")
            and not _they_act(m, subj, u.trig.end)
        ):
            # the event must be the trigger's own: "…即将到期，应继续续签" is not
            hi_ = min(u.end, clauses[u.clause][1])
            acts = [x for x in _all_acts(s, m, clauses, lang, cache) if u.start <= x.start < hi_]
            event = any(x.type in _SPECIFIC for x in acts)
            policy = any(w in subj.text for w in R.policy_nouns)
            org = subj.kind == "nonparty" and (
                subj.text.rstrip().endswith(R.org_ends)
                or (lang == "en" and _EN_ORGAN_SUBJECT.search(subj.text) is not None))
            if not (event or policy or org):
                u.valid = False
        if u.trig is None and u.modality == "scheduled" and subj.kind == "demonstrative":
            u.valid = True
        if u.valid and subj.kind == "nonparty" and subj.text.rstrip().endswith(R.org_ends):
            if _JOINT.search(subj.text):
                u.subj = _Subj(
                    "party", "both", (subj.text.strip(),), "lexicon", subj.text
                )  # joint body
        elif u.valid and subj.kind in ("demonstrative", "nonparty"):
            # "第三次反恐磋商计划于…举行": an event, held by the parties of the list
            base = _inherit(m, clauses, u.clause, mentions, lang, subjects) or inherited or _DEFAULT
            u.subj = _Subj("party", base.side, base.names, base.source, subj.text)

    strong_past = bool(past) or bool(dated_past)
    live = [u for u in units if u.valid and not u.absorbed] if units else []
    # "中美继续加强…合作，制定了…计划": continuity in a report is not an undertaking
    if live and strong_past and all(u.modality == "continue" for u in live):
        live = []
        reasons.append("continue-in-report")

    # ---- cues for the record
    for u in units:
        if u.trig is not None:
            cues.append(
                _cue("commitment", u.modality, u.trig.word, u.trig.start + lo, u.trig.end + lo)
            )
    for rs, re_, w, _ab in reaff:
        cues.append(_cue("reaffirmation", w, s[rs:re_], rs + lo, re_ + lo))
    for ps, pe, w in past:
        cues.append(_cue("past", w, s[ps:pe], ps + lo, pe + lo))
    for ps, pe, w, _t in dated_past:
        cues.append(_cue("past", "dated", w, ps + lo, pe + lo))
    cues.sort(key=_BY_START)

    # "决定通过JLG…，继续就…加强合作": a decision whose clause holds no action and
    # a weak trigger in a following clause are one commitment
    merged: list[_Unit] = []
    for u in live:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and u.trig is not None
            and not u.trig.spec.strong
            and prev.end == u.start
            and not any(
                prev.start <= x.start < u.start for x in _all_acts(s, m, clauses, lang, cache)
            )
            and _frame_only(m, prev, lang)
        ):
            prev.end = u.end
            prev.hedged = prev.hedged or u.hedged
            continue
        merged.append(u)
    live = merged

    # ---- label
    commitments: list[Commitment] = []
    past_event: PastEvent | None = None
    if live:
        label = "commitment"
        commitments = _build_commitments(s, m, lo, live, clauses, ts, doc_date, lang, cache)
    elif strong_past:
        label = "past-event"
        past_event = _build_past(
            s, m, lo, past, dated_past, clauses, ts, mentions, lang, doc_date, inherited
        )
    elif reaff or any(u.absorbed for u in units) or _positional(m, lang):
        label = "reaffirmation"
    elif lang == "zh" and R.dialogue_re.search(m):
        label = "past-event"
        past_event = _build_past(
            s, m, lo, past, dated_past, clauses, ts, mentions, lang, doc_date, inherited
        )
    else:
        label = "other"
    for u in units:
        if u.absorbed:
            reasons.append(f"absorbed:{u.trig.word if u.trig else u.modality}")
        elif not u.valid:
            reasons.append(f"non-party-subject:{u.trig.word if u.trig else u.modality}")

    # subject to hand on to the next sentence
    nxt = None
    for k in range(min(3, len(clauses))) if mentions and want_next else ():
        sj = _clause_subject_at(m, clauses, k, mentions, lang, subjects)
        if sj is not None and sj.kind == "party":
            nxt = sj
            break
    sc = SentenceClass(s, lo, hi, label, lang, cues, reasons, commitments, past_event)
    return sc, nxt


def _report(
    m: str,
    lang: str,
    ts: list[_T],
    mentions: list[_Mention],
    reaff: list[tuple[int, int, str, bool]],
    trigs: list[_Trig],
    doc: date,
) -> tuple[int, int, str, _T] | None:
    """A past event told without a perfective or "already": "In 2017, the two sides
    repatriated …" (a simple past right after a party subject, under a date before
    the document), "2015年，双方遣返…共计120人" (a tally under a date that has begun:
    what a tally counts is done). (verb or tally start, end, word, time) or None."""
    R = _RULES or _rules()
    if lang == "en":
        when = next((t for t in ts if _is_past(t, doc) or _begun_opening(m, t, doc)), None)
        if when is None:
            return None
        taken = {r[0] for r in reaff} | {tr.start for tr in trigs}
        for _st, mend, *_rest in mentions:
            v = R.simple_past_en_re.match(m, mend)
            if v is not None and v.start("v") not in taken and _en_subject_ends(m, mentions, mend):
                return v.start("v"), v.end("v"), v.group("v"), when
        return None
    x = None
    for y in R.tally_re.finditer(m):
        w = y.group("w")
        nxt, prv = R.tally_not_next.get(w), R.tally_not_prev.get(w)
        if (nxt and m.startswith(nxt, y.end("w"))) or (
            prv and y.start() > 0 and m[y.start() - 1] in prv
        ):
            continue  # "共同举办", "公共财政": no tally
        x = y
        break
    if x is None:
        return _counted_report(m, ts, mentions, trigs, doc)
    when = next((t for t in ts if t.lo is not None and t.lo <= doc), None)
    if when is None or any(t.lo is not None and t.lo > doc for t in ts):
        return None  # (a later date: a target, not a count)
    return x.start(), x.start() + len(x.group("w")), x.group("w"), when


def _en_subject_ends(m: str, mentions: list[_Mention], mend: int) -> bool:
    """Does a chain of party mentions ending at ``mend`` open its clause (after a
    comma or the start: "In 2025, China and Chile trained …"), i.e. is it the subject,
    not a noun inside another phrase ("trade between China and Chile reached …")?"""
    lo = max(m.rfind(c, 0, mend) for c in ",;:") + 1
    i = _lead(m, lo, mend, "en")
    chain = _party_chain(m, mentions, i, mend)
    return bool(chain) and chain[-1][_M_END] == mend


def _begun_opening(m: str, t: _T, doc: date) -> bool:
    """A date that opens the sentence as an adverbial ("Earlier this year, …",
    "In 2025, …") and had begun by the document date."""
    R = _RULES or _rules()
    return (
        t.lo is not None
        and t.lo < doc
        and t.relation != "after"
        and R.initial_time_before_en_re.search(m, 0, t.start) is not None
        and R.initial_time_after_en_re.match(m, t.end) is not None
    )


def _counted_report(
    m: str, ts: list[_T], mentions: list[_Mention], trigs: list[_Trig], doc: date
) -> tuple[int, int, str, _T] | None:
    """"二〇二四年，双方共同遣返非法移民四百二十人": a counted result closing a clause
    opened by a party, under a date that ended before the document date (and none
    later), is a report even without 共计 or 了."""
    R = _RULES or _rules()
    if trigs:
        return None
    when = next((t for t in ts if t.hi is not None and t.hi < doc), None)
    if when is None or any(t.hi is not None and t.hi >= doc for t in ts):
        return None
    x = R.count_re.search(m)
    if x is None:
        return None
    cs = max(m.rfind(c, 0, x.start()) for c in "，。；,;") + 1
    lead = _lead(m, cs, x.start(), "zh")
    for ms, me, *_rest in mentions:
        if ms == lead and me < x.start():
            if any(w in m[me : x.start()] for w in R.count_not_after):
                return None  # "两国人员往来突破1100万人次": a level reached
            return x.start(), x.end(), x.group(), when
    return None


def _any_le(m: str, past: list[tuple[int, int, str]]) -> bool:
    """Is one of the past cues a perfective 了?"""
    # a plain loop: any() over a generator costs more for these short lists
    for p in past:  # noqa: SIM110
        if m[p[0]] == "了":
            return True
    return False


def _frame_only(m: str, u: _Unit, lang: str) -> bool:
    """Is what follows the trigger in its clause only a frame ("通过JLG及其相关工作组")?"""
    if u.trig is None or lang != "zh":
        return False
    rest = m[u.trig.end : u.end].lstrip()
    return not rest or rest.startswith(_rules().prepositions) or rest[:1] in "，,"


def _complement(
    u: _Unit,
    reaff: list[tuple[int, int, str, bool]],
    clauses: list[tuple[int, int]],
    m: str,
    strong_positions: list[int],
) -> None:
    """ "双方支持将…", "支持中国海关…拟在天津港安装…": a trigger inside what a
    reaffirmation verb of its own clause governs belongs to that position."""
    R = _RULES or _rules()
    assert u.trig is not None
    for rs, _re, w, absorbing in reaff:
        if absorbing or w in R.speech or rs >= u.start:
            continue
        if _clause_of(clauses, rs) != u.clause:
            continue
        if "并" in m[rs : u.start] or " and " in m[rs : u.start]:
            continue  # "欢迎…并决定…", "welcomed … and decided to …": a predicate of its own
        if any(rs < p < u.start for p in strong_positions):
            continue
        u.absorbed = True
        return


def _positional(m: str, lang: str) -> bool:
    R = _RULES or _rules()
    if lang == "en":
        return bool(R.normative_en_re.search(m))
    return bool(R.normative_re.search(m) or R.evaluative_re.search(m))


def _inherit(
    m: str,
    clauses: list[tuple[int, int]],
    ci: int,
    mentions: list[_Mention],
    lang: str,
    memo: dict[int, _Subj | None] | None = None,
) -> _Subj | None:
    """The subject of the nearest clause before ``ci`` that opens with one;
    ``memo`` holds the subjects of the sentence's clauses found so far."""
    for k in range(ci - 1, -1, -1):
        sj = _clause_subject_at(m, clauses, k, mentions, lang, memo)
        if sj is not None:
            return sj
    return None


_UNSEEN = _Subj("unseen")  # a memo entry not yet filled


def _clause_subject_at(
    m: str,
    clauses: list[tuple[int, int]],
    k: int,
    mentions: list[_Mention],
    lang: str,
    memo: dict[int, _Subj | None] | None,
) -> _Subj | None:
    """``_clause_subject`` of clause ``k``, found once per sentence."""
    if memo is None:
        return _clause_subject(m, clauses[k], mentions, lang)
    sj = memo.get(k, _UNSEEN)
    if sj is _UNSEEN:
        sj = memo[k] = _clause_subject(m, clauses[k], mentions, lang)
    return sj


def _implicit_start(
    s: str,
    m: str,
    clauses: list[tuple[int, int]],
    upto: int,
    ts: list[_T],
    mentions: list[_Mention],
    reaff: list[tuple[int, int, str, bool]],
    past: list[tuple[int, int, str]],
    trigs: list[_Trig],
) -> int | None:
    """Position of the verb of a subjectless opening clause, if it is an action;
    only the clauses before ``upto`` are looked at."""
    R = _RULES or _rules()
    for cs, ce in clauses[:upto]:
        body = m[cs:ce].strip()
        if not body:
            continue
        if ts and _time_only(s, [t for t in ts if cs <= t.start < ce], cs, ce):
            continue
        if body.endswith(R.adverbial_ends) and len(body) < 60:
            continue
        i = _lead(m, cs, ce, "zh")
        if _party_chain(m, mentions, i, ce) or R.demonstrative_re.match(m, i, ce):
            return None
        adv = R.adverbs_re.match(m, i)
        j = adv.end() if adv else i
        v = R.implicit_verbs_re.match(m, j) or R.implicit_verbs_re.match(m, i)
        if v is None and m.startswith("将", j) and R.disposal_re.match(m, j):
            # "将2027年确定为“…年”": a disposal 将 opening the clause is the action
            # itself (将 + object + placing verb), as an action verb would be
            v = R.disposal_re.match(m, j)
        if (
            v is None
            and m.startswith(R.prepositions, i)
            and not m.startswith(R.not_prepositions, i)
        ):
            if _next_has_subject(m, clauses, cs, mentions):
                continue  # "为推进合作，美方计划…": an adverbial before the subject
            v = R.implicit_verbs_re.search(m, i, ce)
        if v is None or m.startswith("的", v.end()):
            return None
        if any(cs <= r[0] < v.start() for r in reaff) or any(cs <= p[0] < ce for p in past):
            return None
        if any(cs <= t.start < v.start() for t in trigs):
            return None
        return v.start()
    return None


def _next_has_subject(
    m: str, clauses: list[tuple[int, int]], cs: int, mentions: list[_Mention]
) -> bool:
    k = next((n for n, cl in enumerate(clauses) if cl[0] == cs), -1)
    if k < 0 or k + 1 >= len(clauses):
        return False
    sj = _clause_subject(m, clauses[k + 1], mentions, "zh")
    return sj is not None


def _build_commitments(
    s: str,
    m: str,
    lo: int,
    live: list[_Unit],
    clauses: list[tuple[int, int]],
    ts: list[_T],
    doc: date | None,
    lang: str,
    cache: dict[str, list[_Act]],
) -> list[Commitment]:
    R = _RULES or _rules()
    out: list[Commitment] = []
    all_acts = _all_acts(s, m, clauses, lang, cache)
    for u in live:
        acts = [x for x in all_acts if u.start <= x.start < u.end] if all_acts else []
        # segments: a clause with its own specific action (meeting, signing …) is a
        # commitment of its own ("决定在1月前举行A，并在…前夕举行B")
        seg_starts = [u.start]
        seen_clauses = {u.clause}
        first_specific = None
        for x in acts:
            if x.type in _SPECIFIC:
                first_specific = x
                break
        for x in acts if first_specific is not None else ():
            if x.type not in _SPECIFIC:
                continue
            ci = _clause_of(clauses, x.start)
            if ci in seen_clauses:
                continue
            if (
                first_specific is not None
                and x is first_specific
                and _no_content(m, u.start, clauses[ci][0], acts)
            ):
                seen_clauses.add(ci)
                continue
            seen_clauses.add(ci)
            seg_starts.append(clauses[ci][0])
        if len(seg_starts) > 1:
            seg_starts = sorted(set(seg_starts))
        for k, a in enumerate(seg_starts):
            b = seg_starts[k + 1] if k + 1 < len(seg_starts) else u.end
            # (one segment spans the unit: its actions are the unit's)
            seg_acts = [x for x in acts if a <= x.start < b] if len(seg_starts) > 1 else acts
            pick = _pick(seg_acts) if seg_acts else None
            if pick is not None and pick.type == "hold-meeting" and len(seg_acts) > 1:
                pick = _body_over_first_meeting(s, m, clauses, seg_acts, pick, lang)
            if k > 0 and pick is None:
                continue
            anchor = pick.start if pick else (u.trig.end if u.trig else u.start)
            # the first segment may take its date from a leading "2016年，" clause
            look = a
            if k == 0:
                ci = u.clause
                while (
                    ts
                    and ci > 0
                    and _time_only(
                        s,
                        [t for t in ts if clauses[ci - 1][0] <= t.start < clauses[ci - 1][1]],
                        *clauses[ci - 1],
                    )
                ):
                    ci -= 1
                look = min(a, clauses[ci][0])
                # the subject part of the trigger clause ("中方计划2016年末…")
                look = min(look, clauses[u.clause][0])
            # (without times there is nothing to date: skip the searches)
            t = _due(s, m, ts, look, b, anchor, doc) if ts else None
            if t is None and ts and k == 0 and u is live[0]:
                # "2015年8月，美国联邦应急管理局在…资助下，将在成都…": a date standing
                # alone at the head of the sentence governs its first commitment
                heads = [
                    x
                    for x in ts
                    if x.end <= clauses[u.clause][0]
                    and _time_only(s, ts, *clauses[_clause_of(clauses, x.start)])
                ]
                t = _due(s, m, heads, 0, clauses[u.clause][0], clauses[u.clause][0], doc)
            due, due_start, due_text, due_kind = _due_fields(t, s)
            obj = _commitment_object(s, m, clauses, u, pick, lang)
            place = _place(s, m, look, b, anchor, lang)
            # (positional, in the order of _COMMITMENT_FIELDS)
            out.append(
                Commitment(
                    s,  # text
                    lo,  # start
                    lo + len(s),  # end
                    _trim_span(s, a, b, lo),  # span
                    u.modality,
                    u.trig.word if u.trig else None,  # trigger
                    (u.trig.start + lo, u.trig.end + lo) if u.trig else None,  # trigger_span
                    round(u.strength * (R.hedge_factor if u.hedged else 1.0), 3),  # strength
                    u.hedged,
                    u.negated,
                    u.subj.side,
                    list(u.subj.names) if u.subj.names else _default_names(u.subj.side),
                    u.subj.source,  # party_source
                    pick.type if pick else _fallback_action(m, u, a, b),  # action
                    pick.verb if pick else None,  # action_verb
                    obj,
                    place,
                    due,
                    due_start,
                    due_text,
                    due_kind,
                    t.anchor if t is not None else None,  # due_anchor
                    lang,  # language
                )
            )
    return out


def _fallback_action(m: str, u: _Unit, a: int, b: int) -> str:
    """No action verb: a commitment about policies or a refraining is a policy measure."""
    R = _RULES or _rules()
    head = m[u.trig.end : u.trig.end + 15] if u.trig else ""
    if u.negated:
        return "policy-measure"
    text = u.subj.text
    for w in R.policy_nouns:
        if w in text:
            return "policy-measure"
        i = head.find(w)
        # "交换…措施实施进展": the progress or state of a policy is a report, no policy
        if i >= 0 and not _POLICY_REPORT.match(m, (u.trig.end if u.trig else 0) + i + len(w)):
            return "policy-measure"
    return "other"


# what turns a policy noun before it into the modifier of a report ("措施实施进展",
# "政策执行情况")
_POLICY_REPORT = re.compile(r"(?:的)?(?:实施|执行|落实)?(?:情况|进展|进度)")


_BLANKS = re.compile(r"[\s，,：:、]")


def _no_content(m: str, a: int, b: int, acts: list[_Act]) -> bool:
    """True when nothing but the trigger stands before the first specific action."""
    body = _BLANKS.sub("", m[a:b])
    return len(body) <= 8 and not any(a <= x.start < b for x in acts)


def _body_over_first_meeting(
    s: str, m: str, clauses: list[tuple[int, int]], acts: list[_Act], pick: _Act, lang: str
) -> _Act:
    """"to establish a group and to hold its inaugural meeting": setting up the
    body is the action, its first meeting only follows from it."""
    R = _RULES or _rules()
    body = next((x for x in acts if x.type == "launch-establish" and x.start < pick.start), None)
    if body is None:
        return pick
    cs, ce = clauses[_clause_of(clauses, pick.start)]
    if lang == "en":  # (an English clause runs to ";": from the verb on)
        first = _names_first_meeting(R.first_meeting_en_re, m, pick.start, ce)
    else:
        first = _names_first_meeting(R.first_meeting_zh_re, m, cs, ce)
    return body if first else pick


def _pick(acts: list[_Act]) -> _Act | None:
    """The most specific action; tails ("包括…", "以…") only count if specific."""
    best: _Act | None = None
    key = (0, 0)
    for x in acts:
        if x.in_tail and x.type not in _SPECIFIC:
            continue
        k = (_RANK[x.type], x.start)
        if best is None or k < key:  # the first of equal keys, as min() picks
            best, key = x, k
    return best


_ACCOMPANY = re.compile(
    r"(?:愿|并|还|也|共同|努力|\s)*(?:与|同|和)[^，,]*(?:一道|一起)|[\d年月日至间\s在于尤其是期间担任主席国中方G20]*"
)
_OBJ_TRIM = re.compile(r"^(?:的|了|好|并|继续|进一步|共同|积极|不断|努力|考虑|探讨|\s)+")


def _commitment_object(
    s: str, m: str, clauses: list[tuple[int, int]], u: _Unit, pick: _Act | None, lang: str
) -> str | None:
    """The head phrase the commitment is about."""
    vp_types = ("continue-cooperation", "policy-measure")
    if pick is not None and pick.type in vp_types:
        o_s, o_e = _act_object(s, m, pick)
        raw = s[o_s:o_e].strip()
        if pick.type == "policy-measure" and raw and raw[0] not in "和及与、并" and lang == "zh":
            return _OBJ_TRIM.sub("", raw) or None  # "实施积极财政政策" → "积极财政政策"
    if pick is not None and pick.type not in vp_types:
        o_s, o_e = _act_object(s, m, pick)
        obj = s[o_s:o_e].strip()
        obj = _OBJ_TRIM.sub("", obj) if lang == "zh" else obj
        if not obj:
            obj = _subject_object(s, m, clauses, pick.start, u) or ""
            if pick.verb in ("会晤", "会谈") and obj:
                obj += pick.verb  # "两国元首期待…会晤" → "两国元首会晤"
        elif len(obj) <= 3 and pick.type in ("hold-meeting", "sign-document"):
            cs = clauses[_clause_of(clauses, pick.start)][0]
            topic = _TOPIC.search(s[cs : pick.start + 2])
            if topic:
                # "就…事宜举行磋商" → "…事宜磋商"; "就…达成一致" → "…"
                obj = topic.group(1) + (obj if pick.type == "hold-meeting" else "")
        return obj or None
    # cooperation words are nouns as often as verbs: take the clause's verb phrase
    if pick is not None:
        ci = _clause_of(clauses, pick.start)
    elif u.trig is not None:
        ci = u.clause
    else:
        ci = _clause_of(clauses, u.start)
    cs, ce = clauses[ci]
    start = u.trig.end if (u.trig is not None and cs <= u.trig.start < ce) else cs
    if u.trig is None and u.start >= cs:
        start = u.start
    if start >= ce - 1 and ci + 1 < len(clauses):
        cs, ce = clauses[ci + 1]  # "中方宣布其意向，负责…": the content follows
        start = cs
    text = s[start:ce].strip(" ，,；;：:。")
    if lang == "zh":
        text = _OBJ_TRIM.sub("", text)
    hops = 0
    while (
        lang == "zh"
        and ci + 1 < len(clauses)
        and hops < 3
        and _ACCOMPANY.fullmatch(m[start:ce].strip(" ，,；;：:。"))
    ):
        # "愿与中方一道，…为打击跨国腐败作出表率": the action is further on
        hops += 1
        ci += 1
        start, ce = clauses[ci]
        text = _OBJ_TRIM.sub("", s[start:ce].strip(" ，,；;：:。"))
    if not text and ci + 1 < len(clauses):
        # "将共同努力，应对…": the content follows the trigger's clause
        text = _OBJ_TRIM.sub("", s[clauses[ci + 1][0] : clauses[ci + 1][1]].strip(" ，,；;：:。"))
    return text[:80] or None


_TOPIC = re.compile(r"就(.{2,40}?)(?:举行|进行|开展|达成)")
_BETWEEN_STOP = re.compile(r"成功|顺利|如期|按期|于|在")
_SUBJECT_STOP = re.compile(r"(?:将|计划|拟|定|于|在)")
_SUBJECT_LEAD = re.compile(r"^(?:双方指出|并|此外|同时)")


def _subject_object(
    s: str, m: str, clauses: list[tuple[int, int]], pos: int, u: _Unit
) -> str | None:
    """Verb at clause end ("下一次会议计划于明年初在中国举行"): the object is the subject NP."""
    ci = _clause_of(clauses, pos)
    cs = clauses[ci][0]
    if u.trig and cs <= u.trig.start and u.trig.end < pos:
        # "共同致力于第九届联委会成功举行": the event stands between
        between = s[u.trig.end : pos]
        between = _BETWEEN_STOP.split(between, 1)[0]
        between = _OBJ_TRIM.sub("", between.strip())
        if len(between) >= 2:
            return between
    stop = u.trig.start if (u.trig and cs <= u.trig.start < pos) else pos
    x = _SUBJECT_STOP.search(m, cs, stop)
    e = x.start() if x else stop
    text = s[cs:e].strip()
    text = _SUBJECT_LEAD.sub("", text).strip()
    return text or None


def _trim_span(s: str, a: int, b: int, lo: int) -> tuple[int, int]:
    while a < b and s[a] in " ，,；;：:。":
        a += 1
    while b > a and s[b - 1] in " ，,；;：:。":
        b -= 1
    return a + lo, b + lo


def _default_names(side: str) -> list[str]:
    return {"both": ["中美双方"], "CN": ["中方"], "US": ["美方"]}.get(side, [])


_WHAT_STOP = re.compile(r"(?:于|在|将)")


def _build_past(
    s: str,
    m: str,
    lo: int,
    past: list[tuple[int, int, str]],
    dated: list[tuple[int, int, str, _T]],
    clauses: list[tuple[int, int]],
    ts: list[_T],
    mentions: list[_Mention],
    lang: str,
    doc: date | None,
    inherited: _Subj | None,
) -> PastEvent:
    R = _RULES or _rules()
    verb = None
    vs = ve = None
    when: _T | None = None
    if dated:
        vs, ve, verb, when = dated[0]
    else:
        pos = past[0][0] if past else 0
        ci = _clause_of(clauses, pos)
        cs, ce = clauses[ci]
        ev = (
            list(R.event_re.finditer(m, cs, ce))
            if lang == "zh"
            else list(R.past_en_re.finditer(m, cs, ce))
        )
        if ev:
            x = min(ev, key=lambda e: abs(e.start() - pos))
            vs, ve, verb = x.start(), x.end(), x.group()
        elif past and m[pos] == "了" and pos >= 2:
            vs, ve, verb = pos - 2, pos + 1, s[pos - 2 : pos]  # "增加了…附件"
        else:
            dx = R.dialogue_re.search(m)
            if dx:
                vs, ve, verb = dx.start(), dx.end(), dx.group()
        if vs is not None:
            when = _time_for(s, m, ts, clauses, vs)
            if when is not None and doc is not None and not _is_past(when, doc):
                when = None
    what = None
    where = None
    who: list[str] = []
    if vs is not None and ve is not None:
        ci = _clause_of(clauses, vs)
        cs, ce = clauses[ci]
        o_s, o_e = _object_span(s, m, ve, ce) if lang == "zh" else _object_span_en(s, ve, ce)
        what = s[o_s:o_e].strip() or None
        if what is None:
            cut = _WHAT_STOP.search(m[cs:vs])
            what = s[cs : cs + cut.start() if cut else vs].strip() or None
        where = _place(s, m, cs, ce, vs, lang)
        sj = _clause_subject(m, (cs, ce), mentions, lang) or _inherit(
            m, clauses, ci, mentions, lang
        )
        if sj is not None and sj.kind == "party":
            who = list(sj.names)
    if not who and inherited is not None:
        who = list(inherited.names)
    return PastEvent(
        text=s,
        start=lo,
        end=lo + len(s),
        what=what,
        who=who,
        where=where,
        when=when.lo.isoformat() if when and when.lo else None,
        when_end=when.hi.isoformat() if when and when.hi else None,
        when_text=when.text if when else None,
        verb=verb,
    )


# --------------------------------------------------------------------- API ---
def classify_sentence(
    sentence: str,
    *,
    doc_date: date | None,
    times: Sequence[TimeLike] = (),
    actors: Sequence[ActorLike] = (),
) -> SentenceClass:
    """Classify one sentence; ``times``/``actors`` offsets are relative to it."""
    n = len(sentence)
    ts = [t for t in (_from_timelike(x, 0) for x in times) if t and 0 <= t.start < n]
    ac = [a for a, raw in _actors_in(actors) if 0 <= raw < n and a is not None]
    sc, _ = _analyze(sentence, 0, n, doc_date, ts, ac, None)
    return sc


_HEADING = re.compile(
    r"^\s*(?:\*\*)?\s*(?:\d{1,3}\s*[、.．]\s*|[（(]\s*\d{1,2}\s*[)）]\s*)?"
    r"(?P<title>[^，。；：:\n]{1,40}?)\s*[：:]\s*(?:\*\*)?"
)


# a list member opened by a bullet marker ("– …", "• …", "——…")
# a bullet, or a sub-point's letter or number: "a) establish …", "(ii) …", "（1）…", "①…"
_SUBPOINT = r"\(?[a-h]\)\s|\((?:i{1,3}|iv|vi{0,3}|ix|x)\)\s|[（(]\d{1,2}[)）]|[①-⑳]"
_BULLET_START = re.compile(r"\s*(?:" + _BULLET + "|" + _SUBPOINT + ")")


def _heading_end(item_text: str) -> int:
    """End of a leading "N、标题：" heading (0 when there is none)."""
    if "：" not in item_text and ":" not in item_text:
        return 0  # the heading ends in a colon: no need to try the pattern
    x = _HEADING.match(item_text)
    if not x:
        return 0
    title = x.group("title")
    if "，" in title or "," in title or len(title.strip()) < 2:
        return 0
    return x.end()


def extract_commitments(
    item_text: str,
    *,
    doc_date: date | None,
    times: Sequence[TimeLike] = (),
    actors: Sequence[ActorLike] = (),
    strip_heading: bool = True,
) -> tuple[list[Commitment], list[PastEvent], list[SentenceClass]]:
    """Classify every sentence of an item; offsets are relative to ``item_text``.

    A leading "N、标题：" heading is reported as a sentence with ``heading=True`` and
    label ``other``: headings name a topic, they do not commit ("承诺推动《巴黎协定》
    的全面实施：" is the title of the commitment that follows).
    """
    commitments: list[Commitment] = []
    events: list[PastEvent] = []
    classes: list[SentenceClass] = []
    body = _heading_end(item_text) if strip_heading else 0
    # read the times and actors once per item, not once per sentence; a sentence
    # takes those whose ``start`` (as given) falls inside it
    times_in: list[tuple[Any, _T]] = []
    for x in times:
        t = _from_timelike(x, 0)
        if t is not None:
            times_in.append((getattr(x, "start", -1), t))
    actors_in = [(a, raw) for a, raw in _actors_in(actors) if a is not None]

    def times_of(lo: int, hi: int) -> list[_T]:
        if not times_in:
            return []
        return [_shift(t, lo) for raw, t in times_in if lo <= raw < hi and lo <= t.start < hi]

    def actors_of(lo: int, hi: int) -> list[_ActorIn]:
        return [a for a, raw in actors_in if lo <= raw < hi] if actors_in else []

    # sentence spans in item offsets
    spans = [(x.start + body, x.end + body) for x in split_sentences(item_text[body:])]
    if body:
        h = item_text[:body]
        a = len(h) - len(h.lstrip())
        b = a + len(h.strip())
        # "The two sides agreed to:" before a bulleted list ("– convene …") is no
        # title but a lead-in whose sentence the bullets continue: it stays a sentence
        lead_in = False
        if spans and _BULLET_START.match(item_text, spans[0][0]):
            hc, _ = _analyze(item_text, a, b, doc_date, times_of(a, b), actors_of(a, b), None)
            # (a written party subject: "承诺推动…实施：" stays a title)
            lead_in = any(c.party_source in ("actors", "lexicon") for c in hc.commitments)
        if lead_in:
            spans.insert(0, (a, b))
        else:
            classes.append(SentenceClass(h.strip(), a, b, "other", _lang(h), heading=True))
    inherited: _Subj | None = None
    last = len(spans) - 1
    k = 0
    while k <= last:
        lo, hi = spans[k]
        # a lead-in closing with a colon and the bullets after it ("The two sides
        # agreed to:" / "– convene …; and – add …") are one sentence to read: the
        # bullets inherit the lead-in's trigger and both take the action they hold
        n = k
        if item_text[hi - 1] in "：:":
            while n < last and _BULLET_START.match(item_text, spans[n + 1][0]):
                n += 1
        hi_all = spans[n][1]
        sc, nxt = _analyze(
            item_text, lo, hi_all, doc_date, times_of(lo, hi_all), actors_of(lo, hi_all),
            inherited, n < last,
        )
        found = sc.commitments
        if n == k:
            classes.append(sc)
        else:
            # the lead-in's own trigger ("decided to:") with no verb of its own is a shell
            # the bullets fill: the group's commitments are the bullets' actions
            full = [c for c in found if c.action_verb is not None or c.action != "other"]
            if full:
                found = full
            for j in range(k, n + 1):
                a, b = spans[j]
                classes.append(SentenceClass(
                    item_text[a:b], a, b, sc.label, sc.language, sc.cues, sc.reasons,
                    found, sc.past_event if j == k else None,
                ))
        commitments.extend(found)
        if sc.past_event is not None:
            events.append(sc.past_event)
        # a subjectless sentence of an item falls back on both sides (the list
        # preamble "中美双方："), so only a joint subject is worth handing on
        if nxt is not None:
            inherited = nxt if nxt.side == "both" else None
        k = n + 1
    return commitments, events, classes
