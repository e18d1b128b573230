"""Recurring mechanisms: ordinal meeting mentions linked to a named series.

``find_series(text, doc_date=..., times=..., actors=..., context_title=...)``
finds "第十三次会议", "首届…", "第三、第四轮磋商", "下一次中美战略安全对话",
"the 13th JLG plenary" … and says which series each belongs to, which round,
whether the text reports it as held or planned, when and where.

How it works, in order:

1. Match on a normalised view of the text (``NormText``: line wraps, width,
   script), map every span back at the end.
2. Candidates: an ordinal (第N次/届/轮/期, 首次, lists 第三、第四轮, 下一次) plus
   a post-name ending in a meeting head (会议, 对话, 磋商 …) and, when the
   words before the ordinal end in an organ (…工作组第11次会议, JLG第十三次会议),
   a pre-name.
3. Names become keys (abbreviations expanded, 中美 and 年度 dropped, suffix
   variants unified) and keys go through the alias table in
   ``data/series_rules.toml``. A key that only names a kind of meeting
   (工作组会议, 磋商, 工作会晤) is resolved against what the item said before: the
   body opening the clause (X委员会秘书处将于…举行第九次工作会晤), an
   earlier mention, a "（以下简称“工作组”）" definition, a mechanism actor, the
   item title, a noun phrase ending in the same head, the document's own
   mechanism (下一次会议 / 下一次委员会会议 of a committee's outcome list).
   English mentions of the document's own mechanism share its English name (the
   gazetteer's, written U.S.-China …, when the meeting is recorded in Chinese).
4. Status, date and place come from the verb governing the mention (举行/召开 …
   right before it, or after it across time/place adverbials), the tense and
   modal markers before that verb, and the time/place phrases between them.

Time expressions come from the caller (``times``: the TimeExpr objects of
``luoshi.extract.times``) when given; otherwise a small built-in reader covers
the forms outcome lists use, so this module works on its own.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from luoshi.extract.gazetteer import country_names, places_opening_with_a_country
from luoshi.extract.numerals import ASCII_FOLDS, EN_ORDINAL, NormText, cn_to_int, en_to_int
from luoshi.extract.pairs import US, pair_of
from luoshi.extract.place_prefix import country_prefix, province_len
from luoshi.extract.protocols import ActorLike, TimeLike

__all__ = ["ActorLike", "DateRange", "SeriesMention", "TimeLike", "find_series", "series_key"]

_HAN = re.compile(r"[\u3400-\u9fff]")
_DATA = Path(__file__).resolve().parent.parent / "data" / "series_rules.toml"


# --------------------------------------------------------------------------
# Inputs from other extractors (duck-typed: no import of times/actors here)
# --------------------------------------------------------------------------




class DateRange(NamedTuple):
    """(start, end) ISO dates, inclusive; either may be None (open or deadline)."""

    start: str | None
    end: str | None


@dataclass(slots=True)
class SeriesMention:
    """One mention of a round of a recurring meeting.

    ``start``/``end`` are offsets in the text passed to ``find_series``;
    ``text == passed_text[start:end]``. ``ordinal`` is None for relation "next"
    (下一次…): the ledger resolves it as the previous round + 1.
    """

    text: str
    start: int
    end: int
    series_id: str
    name: str
    ordinal: int | None
    relation: str | None = None  # "next" | None
    status: str = "unknown"  # planned | held | unknown
    date: DateRange | None = None  # when held
    due: DateRange | None = None  # when planned
    place: str | None = None
    anchor: str | None = None  # "下一轮中美战略与经济对话前夕"
    head: str = ""  # 会议, 对话, 磋商 …
    name_en: str | None = None
    key: str = ""  # normalised name the id was derived from
    resolved_by: str = "text"  # text | alias | antecedent | local-alias | actor | title | default


# --------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    id: str
    name: str
    name_en: str | None


@dataclass(slots=True)
class _Rules:
    classifiers: str
    next_words: list[str]
    heads: list[str]
    extend: list[str]
    synonyms: dict[str, list[str]]
    event_heads: set[str]
    en_heads: dict[str, str]
    organ_suffixes: tuple[str, ...]
    keep_alone: tuple[str, ...]
    subject_suffixes: tuple[str, ...]
    stops: list[str]
    forbidden: re.Pattern[str]
    post_max: int
    abbreviations: dict[str, str]
    short_organs: dict[str, str]
    prefixes: list[str]
    rewrites: list[tuple[re.Pattern[str], str]]
    generic: re.Pattern[str]
    title_strip: tuple[str, ...]
    persons: tuple[str, ...]
    parties: tuple[str, ...]
    bare: dict[str, str]
    by_key: dict[str, _Entry]
    by_en: dict[str, _Entry]
    place_short: dict[str, str]
    countries: list[str]
    country_set: frozenset[str]
    country_lens: tuple[int, ...]
    not_country_prefix: tuple[str, ...]
    city_suffixes: list[str]
    provinces: tuple[str, ...]
    not_place_suffixes: tuple[str, ...]
    not_places: tuple[str, ...]
    place_en: dict[str, str]
    hold: list[str]
    future: list[str]
    past: list[str]
    retro_before: list[str]
    retro_after: list[str]
    anchor_suffixes: list[str]
    host_subjects: dict[str, str]
    # compiled
    ord_re: re.Pattern[str] = field(default=re.compile(""))
    head_re: re.Pattern[str] = field(default=re.compile(""))
    hold_alt: str = ""
    verb_before: re.Pattern[str] = field(default=re.compile(""))  # 举行了|举行的 + mention
    verb_after: re.Pattern[str] = field(default=re.compile(""))  # mention + 于…在…举行
    adverbial: re.Pattern[str] = field(default=re.compile(""))  # 首次(在X)举办 …
    place_re: re.Pattern[str] = field(default=re.compile(""))
    with_de: tuple[str, ...] = ()  # place names written with 的 (亚的斯亚贝巴)
    coref_re: re.Pattern[str] = field(default=re.compile(""))  # 该磋商 / 此次会议
    coord_re: re.Pattern[str] = field(default=re.compile(""))  # 和中国—东盟商务与投资峰会
    stop_re: re.Pattern[str] = field(default=re.compile(""))
    subject_re: re.Pattern[str] | None = None  # X委员会秘书处将于…: a body opening the clause
    future_end: re.Pattern[str] = field(default=re.compile(""))
    any_rewrite: re.Pattern[str] | None = None  # matches where some rewrite would
    prefix_tuple: tuple[str, ...] = ()  # the prefixes, for one startswith() test
    any_abbreviation: re.Pattern[str] | None = None  # matches where some abbreviation is
    head_set: frozenset[str] = frozenset()
    head_lens: tuple[int, ...] = ()  # the lengths of the heads, longest first
    this_session: tuple[str, ...] = ()  # 本届/本次: the document's own meeting
    count_prefix: re.Pattern[str] | None = None  # 一次局长级会晤: a frequency, not a name
    next_after: re.Pattern[str] | None = None  # 博览会下届将于…: a next word after the name
    original_re: re.Pattern[str] | None = None  # 原定于…: the words of an original plan
    reschedule_re: re.Pattern[str] | None = None  # 改于 / 推迟至 …: its new date and place
    hold_re: re.Pattern[str] = field(default=re.compile(""))  # any hold verb
    means: tuple[str, ...] = ()  # 通过 + mention: the means of an action


@cache
def _place_en_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """("in <English place>", <English place> at the end): one pattern for all the names of
    [places] english, longest first; compiled when an English mention first needs it."""
    alt = "|".join(map(re.escape, sorted(_rules().place_en, key=len, reverse=True)))
    return re.compile(rf"\bin\s+(?P<p>{alt})(?![\w])"), re.compile(rf"(?<![\w])(?P<p>{alt})\Z")


@cache
def _rules() -> _Rules:
    raw = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    o, h, pre, post, names = (
        raw["ordinal"],
        raw["heads"],
        raw["prename"],
        raw["postname"],
        raw["names"],
    )
    st, pl = raw["status"], raw["places"]
    # the gazetteer's countries (names and aliases: 俄罗斯联邦, 波黑); [places] countries of
    # the toml is luoshi/parse/meeting.py's, not read here
    countries = country_names()
    # other places a country's name opens (马里兰州, 朝鲜半岛, 印度洋): never a country + city
    not_country_prefix = places_opening_with_a_country()
    r = _Rules(
        classifiers="".join(o["classifiers"]),
        next_words=sorted(o["next"], key=len, reverse=True),
        heads=h["words"],
        extend=h["extend"],
        synonyms=h["synonyms"],
        event_heads=set(h["event_heads"]),
        en_heads=h["english"],
        organ_suffixes=tuple(pre["organ_suffixes"]),
        keep_alone=tuple(pre["keep_alone"]),
        subject_suffixes=tuple(pre.get("subject_suffixes", ())),
        stops=sorted(pre["stops"], key=len, reverse=True),
        forbidden=re.compile("|".join(map(re.escape, post["forbidden"]))),
        post_max=post["max_len"],
        abbreviations=names["abbreviations"],
        short_organs=names.get("short_organs", {}),
        prefixes=sorted(names["prefixes"], key=len, reverse=True),
        rewrites=[(re.compile(p), rep) for p, rep in names["rewrites"]],
        generic=re.compile(names["generic"]),
        title_strip=tuple(names["title_strip"]),
        persons=tuple(names.get("persons", ())),
        parties=tuple(names.get("parties", ())),
        bare=raw.get("bare", {}),
        by_key={},
        by_en={},
        place_short=pl["short"],
        countries=sorted(countries, key=len, reverse=True),
        country_set=frozenset(countries),
        country_lens=tuple(sorted({len(c) for c in countries})),
        not_country_prefix=not_country_prefix,
        city_suffixes=pl["city_suffixes"],
        provinces=tuple(sorted(pl.get("provinces", ()), key=len, reverse=True)),
        not_place_suffixes=tuple(pl.get("not_place_suffixes", ())),
        not_places=tuple(pl.get("not_places", ())),
        with_de=tuple(sorted(pl.get("with_de", ()), key=len, reverse=True)),
        place_en=pl["english"],
        hold=sorted(st["hold_verbs"], key=len, reverse=True),
        future=st["future"],
        past=st["past"],
        retro_before=st["retro_before"],
        retro_after=sorted(st["retro_after"], key=len, reverse=True),
        anchor_suffixes=sorted(st["anchor_suffixes"], key=len, reverse=True),
        host_subjects=st["host_subjects"],
    )
    cls = re.escape(r.classifiers)
    num = r"(?:\d{1,3}|[零〇一二两三四五六七八九十百]{1,5})"
    # Every alternative starts with a plain character (第, 首, 下 …) so that the
    # regex engine skips in C to those few characters instead of trying the pattern
    # at each one; the group that matched (m.lastgroup) tells the alternatives apart.
    alts = [rf"第(?P<ords>{num}(?:[{cls}]?[、和及]第?{num})*[{cls}])", rf"首(?P<first>[{cls}])"]
    by_first: dict[str, list[str]] = {}
    for w in r.next_words:  # longest first, as the alternation was
        by_first.setdefault(w[0], []).append(w[1:])
    for i, (c, tails) in enumerate(by_first.items()):
        alts.append(re.escape(c) + f"(?P<next{i}>" + "|".join(map(re.escape, tails)) + ")")
    r.ord_re = re.compile("|".join(alts))
    # post-name: no sentence punctuation; 、 and / are allowed (lists, 招投标/合同)
    # a head ending in 会 is not one before 议/晤/谈 (部长会议, 外长会晤: their own heads)
    # and at one position the longest head wins (交流周 over 交流)
    heads = "|".join(
        re.escape(h) + ("(?![议晤谈])" if h.endswith("会") else "")
        for h in sorted(r.heads, key=len, reverse=True)
    )
    r.head_re = re.compile(
        rf"(?P<post>[^\s，,。；;：:！？!?（）()《》〈〉“”\"‘’'【】\[\]]{{0,{r.post_max}}}?)(?P<head>{heads})"
    )
    r.hold_alt = "|".join(map(re.escape, r.hold))
    r.hold_re = re.compile(r.hold_alt)
    if st.get("original_plan") and st.get("reschedule"):
        r.original_re = re.compile("|".join(map(re.escape, st["original_plan"])))
        r.reschedule_re = re.compile(
            "|".join(map(re.escape, sorted(st["reschedule"], key=len, reverse=True)))
        )
    r.means = tuple(st.get("means", ()))
    r.verb_before = re.compile(rf"(?P<v>{r.hold_alt})(?P<le>了|过)?(?P<de>的)?$")
    r.verb_after = re.compile(rf"(?P<mid>[^，,。；;的]{{0,30}}?)(?P<v>{r.hold_alt})(?P<le>了)?")
    r.adverbial = re.compile(rf"(?:(?:在|于)[^，,。；;的]{{1,12}}?)?(?P<v>{r.hold_alt})")
    de = "".join(f"{re.escape(x)}|" for x in r.with_de)  # 的 is no clause word in these
    r.place_re = re.compile(
        rf"(?:在|于)(?P<p>(?:{de}[^在于，,。；;\d的]){{1,16}}?)(?:共同|联合|成功|正式|择期|如期|分别|首次)*(?:{r.hold_alt})"
    )
    r.coref_re = re.compile(rf"(?:该|此次|本次|这次)(?:{heads})")
    r.coord_re = re.compile(
        rf"(?:和|及|与|以及)[^\s，,。；;：:！？!?（）()的了将于在]{{1,30}}?(?:{heads})"
    )
    # a word of not_stops (自由) is matched first, as group "keep": no cut there
    keep = "|".join(map(re.escape, sorted(pre.get("not_stops", ()), key=len, reverse=True)))
    r.stop_re = re.compile((f"(?P<keep>{keep})|" if keep else "")
                           + "|".join(map(re.escape, r.stops)))
    if r.subject_suffixes:
        verbs = sorted({*r.future, *r.past, *r.hold, "于", "在"}, key=len, reverse=True)
        bodies = "|".join(map(re.escape, r.subject_suffixes))
        r.subject_re = re.compile(
            rf"(?P<subj>[\u4e00-\u9fffA-Za-z&]{{1,30}}?(?:{bodies}))"
            rf"(?:{'|'.join(map(re.escape, verbs))})"
        )
    r.head_set = frozenset(h for h in r.heads if h)
    r.this_session = tuple(names.get("this_session", ()))
    if names.get("count_prefix"):
        r.count_prefix = re.compile(names["count_prefix"])
    after = sorted({*o.get("next_after_name", ()), *r.future}, key=len, reverse=True)
    r.next_after = re.compile("|".join(map(re.escape, after)))
    r.head_lens = tuple(sorted({len(h) for h in r.head_set}, reverse=True))
    try:  # one search instead of one per rewrite on the many keys none applies to
        r.any_rewrite = re.compile("|".join(f"(?:{p.pattern})" for p, _ in r.rewrites))
    except re.error:  # pragma: no cover - a rewrite that cannot be embedded: no shortcut
        r.any_rewrite = None
    # keys are made for every candidate: one C-level test first rules out (exactly)
    # the many keys no prefix or abbreviation applies to
    r.prefix_tuple = tuple(r.prefixes)
    if r.abbreviations:
        r.any_abbreviation = re.compile("|".join(map(re.escape, r.abbreviations)))
    r.future_end = re.compile(rf"(?:{'|'.join(map(re.escape, r.future))})(?:于|在)?$")
    for entry in raw.get("series", []):
        e = _Entry(entry["id"], entry["name"], entry.get("name_en"))
        for alias in [entry["name"], *entry.get("aliases", [])]:
            if alias.isascii():
                r.by_en[_en_norm(alias)] = e
            k = _key_with(alias, r)
            r.by_key.setdefault(k, e)
    return r


# --------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------


def _strip_prefix(k: str, r: _Rules) -> str:
    if not k.startswith(r.prefix_tuple):
        return k
    for p in r.prefixes:
        if k.startswith(p) and len(k) > len(p) + 1:
            return k[len(p) :]
    return k


_NAME_GAPS = re.compile(r"[\s·・]")


def _key_with(name: str, r: _Rules) -> str:
    k = _NAME_GAPS.sub("", name)
    if r.any_abbreviation is not None and r.any_abbreviation.search(k):
        for ab, full in r.abbreviations.items():
            if ab in k:
                k = k.replace(ab, full)
    k = _strip_prefix(k, r)
    # Most keys need no rewrite: when none matches the key as it is, none applies
    # (each only sees what the ones before it left).
    if r.any_rewrite is None or r.any_rewrite.search(k):
        for pat, rep in r.rewrites:
            # search first: sub() with a "\\1" template runs Python code even when
            # nothing matches
            if pat.search(k):
                k = pat.sub(rep, k)
    return _strip_prefix(k, r)


def series_key(name: str) -> str:
    """The normalised key of a series name (what ids and aliases compare)."""
    return _key_with(name, _rules())


# a frequency before the name ("the fifth biennial … Symposium") is no part of it
_EN_FREQUENCY = r"annual|biennial|triennial|quadrennial|biannual|semi-?annual"


def _en_norm(s: str) -> str:
    s = s.lower().replace("–", "-").replace("’", "'")
    s = re.sub(r"\b(?:u\.?s\.?-china|china-u\.?s\.?|us-china|china-us)\b\s*", "", s)
    s = re.sub(rf"\b(?:the|{_EN_FREQUENCY})\b\s*", "", s)
    return re.sub(r"\s+", " ", s).strip()


def _head_of(key: str, r: _Rules) -> str:
    """The longest head ``key`` ends with; '' when none."""
    for n in r.head_lens:
        if len(key) >= n and key[-n:] in r.head_set:
            return key[-n:]
    return ""


def _canonical(key: str, r: _Rules) -> tuple[str, str, str | None, bool]:
    """key → (series_id, name, name_en, known)."""
    e = r.by_key.get(key)
    if e is not None:
        return e.id, e.name, e.name_en, True
    return f"series:{key}", key, None, False


# --------------------------------------------------------------------------
# Built-in time reader (used when the caller passes no TimeExpr list)
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _T:
    start: int
    end: int
    value_start: str | None
    value_end: str | None
    kind: str = "point"


_PART = (
    r"上半年|下半年|年初|年底|年末|年中|年内|初|底|末|中旬|上旬|下旬|内|春季|夏季|秋季|冬季"
    r"|春天|夏天|秋天|冬天|春|夏|秋|冬|第[一二三四1-4]季度|晚些时候"
)
_TIME_RE = re.compile(
    rf"""
    (?=[\d今明去本当年半])  # cheap first-character filter: most positions fail here
    (?:
      (?:(?P<y>\d{{4}})年|(?P<ry>今|明|去|本|当)年)
      (?:(?P<m>\d{{1,2}})月份?(?:(?P<d>\d{{1,2}})[日号])?)?
    | (?P<m0>\d{{1,2}})月份?(?:(?P<d0>\d{{1,2}})[日号])?
    )
    (?:(?P<sep>至|到|-|—|～|~)(?:(?P<y2>\d{{4}})年)?(?:(?P<m2>\d{{1,2}})月)?(?P<d2>\d{{1,2}})[日号]?)?
    (?P<part>{_PART})?
    (?P<week>开始的一周)?
    (?:(?P<part2sep>或)(?P<part2>{_PART}))?
    (?P<dl>之前|以前|前(?![夕一后期]))?
    | (?P<rel>半年内|(?P<nmon>\d+|[一二三四五六七八九十两]+)个月内|年内|年底|年末|年初)
      (?P<dl2>之前|以前|前(?![夕一后期]))?
    """,
    re.X,
)


_EVENT_BEFORE = re.compile(
    r"[^，,。；;\d在于]{2,24}?(?:会议|大会|峰会|对话|论坛|磋商|联委会)(?:之前|以前|前(?![夕一]))"
)


def _month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, _month_end(y, m + 1)))


def _part_range(y: int, m: int | None, part: str, doc: date | None) -> tuple[date, date]:
    if m is None:
        if part in ("上半年",):
            return date(y, 1, 1), date(y, 6, 30)
        if part == "下半年":
            return date(y, 7, 1), date(y, 12, 31)
        if part in ("年初", "初"):
            return date(y, 1, 1), date(y, 3, 31)
        if part in ("年底", "年末", "底", "末"):
            return date(y, 10, 1), date(y, 12, 31)  # last quarter, as luoshi.extract.times
        if part == "年中":
            return date(y, 6, 1), date(y, 7, 31)
        if part[0] in "春":
            return date(y, 3, 1), date(y, 5, 31)
        if part[0] in "夏":
            return date(y, 6, 1), date(y, 8, 31)
        if part[0] in "秋":
            return date(y, 9, 1), date(y, 11, 30)
        if part[0] in "冬":
            return date(y, 12, 1), date(y + 1, 2, _month_end(y + 1, 2))
        if part.startswith("第"):
            q = cn_to_int(part[1]) or 1
            return date(y, 3 * q - 2, 1), date(y, 3 * q, _month_end(y, 3 * q))
        if part == "晚些时候" and doc is not None and doc.year == y:
            return doc, date(y, 12, 31)
        if part in ("年内", "内") and doc is not None and doc.year == y:
            return doc, date(y, 12, 31)  # 年内: from the document date to the year's end
        return date(y, 1, 1), date(y, 12, 31)
    last = _month_end(y, m)
    if part in ("初", "上旬"):
        return date(y, m, 1), date(y, m, 10)
    if part == "中旬":
        return date(y, m, 11), date(y, m, 20)
    if part in ("下旬", "底", "末"):
        return date(y, m, 21), date(y, m, last)
    return date(y, m, 1), date(y, m, last)


def _find_times(s: str, doc: date | None) -> list[_T]:
    out: list[_T] = []
    for m in _TIME_RE.finditer(s):
        g = m.groupdict()
        try:
            rng = _time_value(g, doc)
        except ValueError:  # 2月30日 and the like: not a date
            rng = None
        if rng is None:
            continue
        lo, hi, deadline = rng
        end = m.end()
        if not deadline:
            # 9月联合国大会之前: a month bounding an event-anchored deadline
            am = _EVENT_BEFORE.match(s, end)
            if am:
                deadline = True
        if deadline:
            # a deadline runs from the document date (the commitment) to the bound
            start = doc.isoformat() if doc is not None and hi >= doc else None
            out.append(_T(m.start(), end, start, hi.isoformat(), "deadline"))
        else:
            kind = "point" if lo == hi else "range"
            out.append(_T(m.start(), m.end(), lo.isoformat(), hi.isoformat(), kind))
    # "2014年12月或2015年1月", "2014年下半年或2015年上半年": one range
    merged: list[_T] = []
    for t in out:
        if (
            merged
            and s[merged[-1].end : t.start] == "或"
            and merged[-1].value_start
            and t.value_end
            and merged[-1].kind != "deadline"
        ):
            prev = merged[-1]
            merged[-1] = _T(prev.start, t.end, prev.value_start, t.value_end, "range")
        else:
            merged.append(t)
    return merged


def _time_value(g: dict[str, Any], doc: date | None) -> tuple[date, date, bool] | None:
    deadline = bool(g.get("dl") or g.get("dl2"))
    if g.get("rel"):
        if doc is None:
            return None
        rel = g["rel"]
        if rel == "半年内":
            return doc, _add_months(doc, 6), False
        if g.get("nmon"):
            n = cn_to_int(g["nmon"]) or 0
            return doc, _add_months(doc, n), False
        lo, hi = _part_range(doc.year, None, rel, doc)
        return lo, hi, deadline
    year: int | None
    if g.get("y"):
        year = int(g["y"])
    elif g.get("ry"):
        if doc is None:
            return None
        year = doc.year + {"明": 1, "去": -1}.get(g["ry"], 0)
    else:
        year = doc.year if doc else None
    if year is None:
        return None
    mon = g.get("m") or g.get("m0")
    day = g.get("d") or g.get("d0")
    mi = int(mon) if mon else None
    if mi is not None and not 1 <= mi <= 12:
        return None
    part = g.get("part")
    if day and mi:
        lo = hi = date(year, mi, int(day))
    elif part:
        lo, hi = _part_range(year, mi, part, doc)
    elif mi:
        lo, hi = date(year, mi, 1), date(year, mi, _month_end(year, mi))
    else:
        lo, hi = date(year, 1, 1), date(year, 12, 31)
    if g.get("sep") and g.get("d2") and day:
        y2 = int(g["y2"]) if g.get("y2") else year
        m2 = int(g["m2"]) if g.get("m2") else mi
        hi = date(y2, m2 or 1, int(g["d2"]))
    if g.get("week"):
        hi = lo + timedelta(days=6)
    if g.get("part2"):
        _lo2, hi = _part_range(year, mi, g["part2"], doc)
    # "2016年10月30日前" / "年底前" are inclusive; "2017年1月之前" ends before January
    if deadline and not (day or (part and part in ("年底", "年末", "底", "末"))):
        hi = lo - timedelta(days=1)
    return lo, hi, deadline


# --------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------

# the dashes join a pair written 中国—东盟 / 中国-东盟 (a doubled —— is punctuation: cut there)
_PRE_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z&\-—–]")
_PRE_RUN = re.compile(rf"{_PRE_CHAR.pattern}*+\Z")  # \Z: at the search's end position
# the tail of a time expression left of a name: 年/月/日 … (not 月中: "12月中美首次…")
_TIME_TAIL = re.compile(r"(?:年(?:底|初|末|内|间)?|月(?:底|初|份)?|日|号|季度)")
_CLAUSE_END = "，,：:。；;！？!?\n"
_SENT_END = "。；;！？!?\n"
_CLAUSE_RE = re.compile(f"[{_CLAUSE_END}]")
_SENT_RE = re.compile(f"[{_SENT_END}]")


@dataclass(slots=True)
class _Cand:
    start: int  # norm span of the whole mention (pre-name .. head)
    end: int
    ord_start: int
    ordinal: int | None
    relation: str | None
    pre: str
    post: str
    head: str
    classifier: str
    lang: str = "zh"
    group: int = -1  # index of the list phrase (第三、第四轮) it came from
    group_index: int = 0
    elliptical: bool = False
    adverbial_verb: tuple[int, int] | None = None  # 首次在中国举办…: the verb inside
    en_name: str = ""
    bare_organ: str = ""  # "the 4th Meeting of the Council": the organ noun named nothing else


def _prename(s: str, pos: int, r: _Rules, *, strict: bool = True) -> tuple[int, str]:
    """The name words left of ``pos`` (start, text); ('', pos) when none.

    ``strict`` keeps a pre-name only when it ends in an organ (小组/委员会/…) or
    an abbreviation: an unknown verb glued to the ordinal must not become part
    of the name.
    """
    # the run of name characters ending at pos, at most 25 long
    run_m = _PRE_RUN.search(s, max(0, pos - 25), pos)
    i = run_m.start() if run_m else pos
    if i > 0 and s[i - 1].isdigit():
        m = _TIME_TAIL.match(s, i, pos)
        if m:
            i = m.end()
    run = s[i:pos]
    cut = 0
    for sm in r.stop_re.finditer(run):  # the name starts after the rightmost stop word
        if sm.lastgroup is None:  # (not a word of not_stops: 自由)
            cut = max(cut, sm.end())
    run = run[cut:]
    if "—" in run or "-" in run[:1] or "–" in run[:1]:
        dd = run.rfind("——")
        run = (run[dd + 2 :] if dd >= 0 else run).lstrip("-—–")
    start = pos - len(run)
    if not strict or not run:
        return start, run
    if run in r.keep_alone or run.endswith(r.organ_suffixes) or re.search(r"[A-Z]{2,}$", run):
        return start, run
    for alone in r.keep_alone:
        if run.endswith(alone):
            return pos - len(alone), alone
    return pos, ""


def _next_after_name(s: str, m: re.Match[str], cls: str, r: _Rules) -> _Cand | None:
    """两年一度的中英贸易投资博览会下届将于2027年…: the next word written after the
    series name, before the verb (no head after it)."""
    if r.next_after is None or not r.next_after.match(s, m.end()):
        return None
    _, pre = _prename(s, m.start(), r, strict=False)
    for n in r.head_lens:
        if len(pre) > n + 1 and pre[-n:] in r.head_set:
            return _Cand(m.start(), m.end(), m.start(), None, "next", pre[:-n], "", pre[-n:], cls)
    return None


def _zh_candidates(s: str, r: _Rules) -> list[_Cand]:
    out: list[_Cand] = []
    group = 0
    for m in r.ord_re.finditer(s):
        relation = None
        ords: list[int | None]
        kind = m.lastgroup or ""
        if kind.startswith("next"):
            ords = [None]
            relation = "next"
            cls = m.group(0)[-1]
        elif kind == "first":
            ords = [1]
            cls = m.group(0)[-1]
        else:
            text = m.group(0)
            cls = text[-1]
            parts = re.findall(r"\d{1,3}|[零〇一二两三四五六七八九十百]+", text)
            ords = [cn_to_int(p) for p in parts]
            if any(o is None or o <= 0 for o in ords):
                continue
        hm = r.head_re.match(s, m.end())
        adverbial = None
        if hm and r.forbidden.search(hm.group("post")):
            hm = None
            # 首次在中国举办中美军医联合专家交流: ordinal as an adverb of the verb
            am = r.adverbial.match(s[m.end() : m.end() + 30])
            if am:
                hm2 = r.head_re.match(s, m.end() + am.end())
                if (
                    hm2
                    and not r.forbidden.search(hm2.group("post"))
                    and not hm2.group("post").startswith(("此", "这", "该", "一"))
                ):
                    hm = hm2
                    adverbial = (m.end() + am.start("v"), m.end() + am.end("v"))
        if hm is None and relation is not None:
            nc = _next_after_name(s, m, cls, r)
            if nc is not None:
                out.append(nc)
            continue
        if hm is None:
            # elliptical "计划于2015年初在美国举办第四届。": head of the previous mention
            nxt = s[m.end() : m.end() + 1]
            if relation is None and (not nxt or nxt in _CLAUSE_END) and out:
                prev = out[-1]
                out.append(
                    _Cand(m.start(), m.end(), m.start(), ords[0], None, "", "", prev.head, cls,
                          elliptical=True)
                )  # fmt: skip
            continue
        end = hm.end()
        head = hm.group("head")
        for ext in r.extend:
            if s.startswith(ext, end):
                end += len(ext)
                head = head + ext
                break
        post = hm.group("post")
        if adverbial:
            post = s[adverbial[1] : hm.start("head")]
        pre_start, pre = (m.start(), "") if adverbial else _prename(s, m.start(), r)
        # 下轮非洲、拉美、南亚、中亚事务子对话: one series per member
        members: list[str | None] = [None]
        member_tail = ""
        if "、" in post and not adverbial:
            body = re.sub(r"(?:等|事务)+$", "", post)
            items = [x for x in re.split(r"[、和及]", body) if x]
            if len(items) > 1 and all(len(x) <= 4 for x in items):
                members = list(items)
                member_tail = post[len(body) :]
        for gi, o in enumerate(ords):
            for member in members:
                ost = m.start()
                if gi > 0:
                    # 第三、第四轮磋商: the second mention starts at its own numeral
                    pieces = list(
                        re.finditer(r"第?(?:\d{1,3}|[零〇一二两三四五六七八九十百]+)", m.group(0))
                    )
                    ost = m.start() + pieces[gi].start()
                out.append(
                    _Cand(
                        start=pre_start if gi == 0 else ost,
                        end=end,
                        ord_start=ost,
                        ordinal=o,
                        relation=relation,
                        pre=pre,
                        post=post if member is None else member + member_tail,
                        head=head,
                        classifier=cls,
                        group=group if len(ords) > 1 else -1,
                        group_index=gi,
                        adverbial_verb=adverbial,
                    )
                )
        group += 1
    return out


# The English event nouns, as regex alternatives ("s?": the plural too), for the heads of a
# mention (_EN_HEAD), the events held (_EN_EVENT_WORD) and the series whose sittings are its
# rounds (_EN_EVENT_OF); each says where it reads them differently.
# Events whose sittings are rounds of the event itself: "the Sixth Meeting of the X Dialogue"
_EN_SERIES_EVENTS = ("dialogue", "consultations?", "talks", "forum", "summit", "conference")
# Other events: "the fourth iteration of the Workshop", "reconvene the X Roundtable for …"
_EN_OTHER_EVENTS = (
    "exercises?", "drills?", "roundtable", "expo", "exposition", "workshops?", "symposium",
    "seminar", "colloquium", "festival", "games", "fair",
)

_EN_HEAD = (
    r"plenary(?:\s+meeting|\s+session)?|meetings?|"
    + "|".join(_EN_SERIES_EVENTS)
    + "|session|"  # a sitting: a head, but no event held (_EN_EVENT_WORD has no "session")
    + "|".join(_EN_OTHER_EVENTS)
    # a bare "round" ("Since the fourth round"): a round of the document's own dialogue
    + r"|round(?!\s+of\b)"
    # "for its third iteration": a sitting of the event held (only after "its", see _en_in)
    + r"|iterations?|editions?"
)


# "meeting/session of the X Dialogue" is a round of the dialogue series itself
# (as 中美渔业定期对话…首次会议 is, see event_heads in series_rules.toml); a meeting of the
# other events is a sitting of it ("X Workshop meeting")
_EN_EVENT_OF = re.compile(rf"\b(?:{'|'.join(_EN_SERIES_EVENTS)})$", re.I)
_EN_SITTING = re.compile(r"meetings?|session|round", re.I)
# an occurrence of an event, never a name's head: "its third iteration", "the 5th edition of"
_EN_OCCURRENCE = re.compile(r"iterations?|editions?", re.I)


@cache
def _en_re() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:the\s+)?(?P<ord>{EN_ORDINAL}|inaugural"
        # "next year and a follow-up symposium": a time, not the next one
        # ("the next twelve months": a span, with its count)
        rf"|next(?!\s+(?:[\w\-]+\s+)?(?:years?|months?|weeks?|days?|time|quarter|decade)\b)"
        rf"|(?<=the\s)(?P<year>(?:19|20)\d\d)(?=\s+(?:session|meeting|plenary)\s+of\s"
        # "the 2028 Defense Policy Coordination Talks": a named event labelled by its year
        rf"|\s+(?:(?-i:[A-Z])[\w&\-–]*\s+){{1,6}}(?-i:{_EN_YEAR_EVENTS})\b))\s+"
        # "the next (seventh) round": the round after the last one is the seventh
        rf"(?:\((?P<nth>{EN_ORDINAL})\)\s+)?(?:(?P<annual>{_EN_FREQUENCY})\s+)?"
        # "the fourth iteration of the Workshop": a sitting of the Workshop
        rf"(?:(?:round|session|iteration|edition)\s+of\s+(?:the\s+)?)?"
        # a name word, or an acronym in brackets inside the name ("… Agreement (MMCA) talks")
        rf"(?P<name>(?:(?:[\w&.\-–’']+|\([A-Z]{{2,8}}\))\s+){{0,8}}?)"
        rf"(?P<head>{_EN_HEAD}|(?:S&ED|JLG|JCCT)(?!\s+(?:{_EN_HEAD})))\b"
        # the name after "of the" is capitalised words (case-sensitive inside the re.I
        # pattern): "the 15th plenary of the JLG in the fall of 2017" names the JLG
        rf"(?:\s+(?:of|on)\s+the\s+(?P<of>(?:(?:(?-i:[A-Z])[\w&.\-–]*|and|on|of|for)\s*){{1,10}}))?",
        re.I,
    )


_EN_BRACKET_ACRONYM = re.compile(r"\s*\([A-Z]{2,8}\)")
_EN_TRAILING_JOINER = re.compile(r"(?:\s+(?:and|on|of|for))+$")
# the series events, capitalised as a name writes them, may be labelled by a year ("the 2028
# … Talks")
_EN_YEAR_EVENTS = "|".join(w.capitalize() for w in _EN_SERIES_EVENTS)
_EN_YEAR_EVENT_HEAD = re.compile(_EN_YEAR_EVENTS)
# what a case-insensitive ASCII letter can match (ASCII_FOLDS: ſ, K … fold onto ASCII)
_LATIN_LETTER = re.compile(f"[A-Za-z{ASCII_FOLDS}]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\s.,;:'’&\-–()]{6,}")


def _en_candidates(s: str) -> list[_Cand]:
    out: list[_Cand] = []
    if not _LATIN_LETTER.search(s):
        return out  # no ordinal word, "13th" or "next" without a Latin letter
    # The English pattern is costly to try at every CJK character: only run it on
    # stretches of Latin text.
    for run in _LATIN_RUN.finditer(s):
        _en_in(s, run.start(), run.end(), out)
    return out


# "establish/set up … a <body>" before "its first meeting"; the body ends in an organ noun
# and may go on with "on/for …" up to the next clause word
_EN_BODY = re.compile(
    r"\b(?:establish(?:ed|ing)?|set(?:ting)?\s+up|creat(?:e|ed|ing)|launch(?:ed|ing)?"
    r"|form(?:ed|ing)?)\s+(?:a|an|the)\s+(?P<body>(?:[\w\-]+\s+){0,6}?(?:working\s+group|group"
    r"|committee|commission|council|mechanism|task\s+force|centre|center|network|platform"
    r"|forum|dialogue)(?:\s+(?:on|for)\s+(?:(?!within\b|by\b|and\b|to\b|before\b|in\b)"
    r"[\w\-]+\s*){1,6})?)",
    re.I,
)


def _en_body_before(s: str, a: int, pos: int) -> str | None:
    """The body a sentence sets up before ``pos`` ("its first meeting"), or None."""
    start = max(s.rfind(".", a, pos), s.rfind(";", a, pos)) + 1
    last = None
    for m in _EN_BODY.finditer(s, max(start, a), pos):
        last = m
    return last.group("body").strip() if last else None


# an organ noun with no name of its own ("the Working Group", "the Committee")
_EN_BARE_ORGAN = re.compile(
    r"(?:Joint\s+)?(?:Working\s+Group|Group|Committee|Commission|Council|Task\s+Force"
    r"|Expert\s+Group|Subcommittee)",
    re.I,
)
# a name ending in an organ noun ("Joint Working Group"), and the field written after its
# sitting: "meeting on Trade in Services" (capitalised words, lowercase function words between)
_EN_ORGAN_END = re.compile(rf"\b(?:{_EN_BARE_ORGAN.pattern})\Z", re.I)
_EN_FIELD = re.compile(
    r"\s+(?P<f>(?:on|for)\s+[A-Z][\w&\-–]*(?:\s+(?:(?:and|in|of|on|for|the)\s+)*[A-Z][\w&\-–]*)*)"
)
# the topic written after an event's head: "… Dialogue on the Law of the Sea and Polar
# Issues" (capitalised words, lowercase function words between; not "in"/"to", which
# lead to a place or a date: "… on Harbour Affairs in Lakeport")
_EN_ON_TOPIC = re.compile(
    r"\s+on\s+(?P<f>(?:the\s+)?[A-Z][\w&\-–]*(?:\s+(?:(?:and|of|on|for|the)\s+)*"
    r"[A-Z][\w&\-–]*)*)"
)
# "The Working Group held its …": a bare organ as the subject of the sentence
_EN_SUBJECT_ORGAN = re.compile(
    rf"\bthe\s+(?P<organ>{_EN_BARE_ORGAN.pattern})\s+(?:\w+\s+){{1,3}}?\Z", re.I
)


def _sentence_start(s: str, pos: int) -> int:
    return max(s.rfind(". ", 0, pos), s.rfind(";", 0, pos), s.rfind("\n", 0, pos)) + 1


# an acronym owner right before the ordinal: "the WTO's Thirteenth …"
_EN_OWNER = re.compile(r"\b(?P<owner>[A-Z][A-Z&]+)['’]s\s+\Z")


def _en_named_body(s: str, a: int, pos: int, organ: str, out: list[_Cand]) -> str | None:
    """The full name of the body a bare organ noun refers back to: an earlier mention
    of the text whose body ends in it, else the nearest capitalised name ending in it."""
    # "… Joint Working Group" or "… Joint Working Group on Health Workforce Development"
    words = r"\s+".join(map(re.escape, organ.split()))
    low = re.compile(rf"\s{words}(?:\s+(?:on|for)\s.*)?\Z", re.I)
    for c in reversed(out):
        if c.lang == "en" and c.ord_start < pos:
            body = c.en_name[: -len(c.head)].strip() if c.en_name.endswith(c.head) else ""
            if low.search(body):
                return body
    pat = re.compile(r"\b(?:[A-Z][\w&\-]*\s+){1,6}?" + r"\s+".join(map(re.escape, organ.split())))
    last = None
    for m in pat.finditer(s, 0, pos):
        if m.group(0).lower() != organ.lower() and not m.group(0).startswith(("The ", "the ")):
            last = m
    return last.group(0) if last else None


# a body's capitalised name ("the EU-China Joint Committee"), and its field after it
_EN_BODY_NAMED = re.compile(
    rf"(?<![\w\-–])(?:[A-Z][\w&\-–]*\s+){{0,6}}(?:{_EN_BARE_ORGAN.pattern})\b"
)


def _en_body_named(s: str, a: int, pos: int) -> str:
    """The last body named by capitalised words in ``s[a:pos]`` (with its field: "… Joint
    Committee on Science and Technology"), "" when none; "The Committee" names none."""
    last = ""
    for m in _EN_BODY_NAMED.finditer(s, a, pos):
        body = m.group(0)
        if body.split()[0] in ("The", "A", "An", "Its", "This"):
            body = body.split(None, 1)[1] if " " in body else ""
        if not body or _EN_BARE_ORGAN.fullmatch(body):
            continue
        fm = _EN_FIELD.match(s, m.end(), pos)
        last = body + (" " + fm["f"] if fm else "")
    return last


# the object of a verb holding an event, right before "for/as its …": "reconvene the Trilateral
# Workshop on Coral Reef Resilience for its third iteration" (capitalised words, with the
# lowercase function words of a name between them)
_EN_HELD_OBJECT = re.compile(
    r"\b(?:(?:re)?conven(?:e|es|ed|ing)|hold(?:s|ing)?|held|(?:co-)?host(?:s|ed|ing)?"
    r"|organi[sz](?:e|es|ed|ing)|resum(?:e|es|ed|ing))\s+(?:the\s+)?"
    r"(?P<obj>[A-Z][\w&\-–’']*(?:\s+(?:(?:on|of|for|and|the|in)\s+)*[A-Z][\w&\-–’']*)*)"
    r"\s+(?:for|as)\s+\Z"
)
# an event as the object held: every event noun, and a plenary or meeting too; the other
# events in the singular only: a plural object ("reconvene the Joint Exercises for …") is
# read as no event held
_EN_EVENT_WORD = re.compile(
    r"\b(?:"
    + "|".join((*_EN_SERIES_EVENTS, *(e.removesuffix("s?") for e in _EN_OTHER_EVENTS)))
    + r"|plenary|meeting)\b",
    re.I,
)


def _en_held_object(s: str, a: int, pos: int, head: str) -> tuple[str, bool]:
    """(name, whole) of the event or body a sentence holds before "for its …" at ``pos``:
    an event is the series itself (whole), a body's sitting is named body + head."""
    m = _EN_HELD_OBJECT.search(s, a, pos)
    if m is None:
        return "", False
    obj = m["obj"]
    if _EN_EVENT_WORD.search(obj):
        return obj, True
    if _EN_BARE_ORGAN.search(obj) and not _EN_OCCURRENCE.fullmatch(head):
        return obj, False
    return "", False


def _en_in(s: str, a: int, b: int, out: list[_Cand]) -> None:
    for m in _en_re().finditer(s, a, b):
        ordw = m.group("ord")
        o: int | None
        rel: str | None
        if m.group("year"):
            # "the 2026 session of the X Working Group": a sitting labelled by its year,
            # no ordinal (the year is a label, the time is read from the sentence)
            if not (m.group(0)[:4].lower() == "the " and (
                    (m.group("of") and _EN_SITTING.fullmatch(m.group("head")))
                    or _EN_YEAR_EVENT_HEAD.fullmatch(m.group("head")))):
                continue
            o, rel = None, None
        elif ordw.lower() == "next":
            o = en_to_int(m.group("nth"), ordinal=True) if m.group("nth") else None
            rel = "next"
        else:  # "the inaugural meeting" is the first, as 首次会议 is
            o = 1 if ordw.lower() == "inaugural" else en_to_int(ordw, ordinal=True)
            rel = None
            if o is None:
                continue
        # the acronym in brackets is no part of the series' name
        name = _EN_BRACKET_ACRONYM.sub("", (m.group("name") or "")).strip()
        # "… of the Working Group and will publish …": a joining word ends no name
        of = _EN_TRAILING_JOINER.sub("", (m.group("of") or "").strip())
        head = m.group("head")
        if re.search(r"\b(?:of|to|in|with|by|at)$", name, re.I):
            continue  # "the first time in …": not a name
        if of.endswith(".") and "." not in of.rsplit(None, 1)[-1][:-1]:
            of = of[:-1]  # "… of the Council.": the full stop ends the sentence (not "U.S.")
        end = m.start("of") + len(of) if of else m.end("head")
        topic = ""
        if not _EN_SITTING.fullmatch(head) and not _EN_OCCURRENCE.fullmatch(head) \
                and head.lower() != "round":
            # "the 11th Consultation on Asia-Pacific Affairs", "the seventh Dialogue on the
            # Law of the Sea": the topic is part of the event's name (not a body it sits for)
            tm = _EN_ON_TOPIC.match(s, m.end("head"), b)
            if tm:
                topic, of, end = tm["f"], "", tm.end()
        field_ = ""
        if not of and _EN_SITTING.fullmatch(head) and _EN_ORGAN_END.search(name):
            # "the 3rd Joint Working Group meeting on Trade in Services": the body's field
            fm = _EN_FIELD.match(s, m.end("head"), b)
            if fm:
                field_, end = fm["f"], fm.end()
        start = m.start("ord") if not m.group(0).lower().startswith("the ") else m.start()
        back = None  # an earlier mention this bare one repeats
        whole = False  # the name is the series' whole name: no head appended
        occurrence = _EN_OCCURRENCE.fullmatch(head) is not None
        if not name and not of and s.endswith("its ", a, m.start("ord")):
            # "set up a working group on X … and convene its first meeting": the body
            name = "" if occurrence else _en_body_before(s, a, m.start("ord")) or ""
            if not name and not occurrence:
                # "The Working Group held its inaugural meeting": the subject's body
                sm = _EN_SUBJECT_ORGAN.search(s, max(a, _sentence_start(s, m.start("ord"))),
                                              m.start("ord"))
                if sm:
                    name = _en_named_body(s, a, m.start("ord"), sm["organ"], out) or ""
            if not name:  # "reconvene the X Workshop for its third iteration": the event held
                name, whole = _en_held_object(s, max(a, _sentence_start(s, m.start("ord"))),
                                              m.start("ord") - 4, head)
            if not name and not occurrence:
                # "welcomed the progress of the X Joint Committee on Y and agreed that its 17th
                # meeting …": the body named last in the sentence
                name = _en_body_named(s, max(a, _sentence_start(s, m.start("ord"))),
                                      m.start("ord"))
            start = m.start("ord") - 4  # "its" is part of the mention
        elif not name and not of and head.lower() != "round":
            # "the 3rd … Roundtable … and the 4th Roundtable", "the 2nd session of the X
            # Forum … the 3rd session": the series of the last mention with this head
            hl = head.lower()
            back = next((c for c in reversed(out) if c.lang == "en" and (
                c.head.lower() == hl or f" {hl} of " in s[c.start : c.end].lower())), None)
        if occurrence and not name:
            continue  # "the third edition" of nothing named: no mention
        if name.lower() in ("such", "another such") and not of:
            # "the second such exercise": the series of the last mention with this head
            prev = next((c for c in reversed(out) if c.lang == "en"
                         and c.head.lower() == head.lower()), None)
            if prev is None:
                continue
            name = prev.post
        if head.lower() == "round" and (name or of):
            continue  # "the first round tariff cuts": only a bare round is a mention
        bare_organ = ""
        if of and _EN_BARE_ORGAN.fullmatch(of):
            # "the 6th meeting of the Working Group": the body named before it
            named = _en_named_body(s, a, m.start("ord"), of, out)
            if named is None:
                bare_organ = of  # the document's own body, if any (see _en_key)
            of = named or of
        elif of and len(of.split()) <= 3 and _EN_SITTING.fullmatch(head) \
                and _EN_ORGAN_END.search(of):
            # "the Tenth Meeting of the Binational Commission": a short name that may be the
            # tail of the document's own body (the China–Mexico Permanent Binational
            # Commission); _en_key names it so only when it is
            bare_organ = of
        if not of:
            # "the WTO's Thirteenth Ministerial Conference": the owner is part of the name
            pm = _EN_OWNER.search(s, a, m.start("ord"))
            if pm:
                name = f"{pm['owner']} {name}".strip()
        if of and _EN_SITTING.fullmatch(head):
            head = head.lower()  # "the Sixth Meeting of the X Council": "X Council meeting"
        full = f"{name} {head}".strip() if not of else f"{of} {head}"
        if field_:
            full = f"{name} {field_} {head}"
        if topic:
            full = f"{name} {head} on {topic}".strip()
        if whole:
            full = name
        if of and not name and _EN_EVENT_OF.search(of) and _EN_SITTING.fullmatch(head):
            full = of  # "the Sixth Meeting of the Energy Policy Dialogue": the dialogue
        if back is not None:
            name, full = back.post, back.en_name
        out.append(
            _Cand(start, end, m.start("ord"), o, rel, "", name, head, "", lang="en", en_name=full,
                  bare_organ=bare_organ)
        )


# --------------------------------------------------------------------------
# Context helpers
# --------------------------------------------------------------------------


class _Ctx:
    def __init__(
        self,
        s: str,
        r: _Rules,
        doc: date | None,
        times: list[_T],
        title: str | None,
        *,
        external_times: bool = False,
        places: Sequence[tuple[int, int, str]] = (),
        meeting: str | None = None,
        foreign: bool = False,
    ):
        self.s = s
        self.meeting = meeting  # the document's own mechanism (names a bare 对话)
        self.foreign = foreign  # another pair's document: no China–U.S. defaults
        # times from luoshi.extract.times (full English coverage), not the built-in reader
        self.external_times = external_times
        self.places = places  # (start, end, canonical name) of place actors, text order
        self.r = r
        self.doc = doc
        self.times = sorted((t for t in times if not _across_country(s, t, r)),
                            key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        self.sent_bounds = [m.start() for m in _SENT_RE.finditer(s)]
        self.clause_bounds = [m.start() for m in _CLAUSE_RE.finditer(s)]
        self.title = title

    # Read by few candidates (a generic name to resolve, a title to match): worked
    # out on first use.
    @cached_property
    def title_norm(self) -> str:
        return NormText.of(self.title).text if self.title else ""

    @cached_property
    def title_span(self) -> tuple[int, int] | None:
        return _title_span(self.s, self.title_norm)

    @cached_property
    def title_key(self) -> str:
        return _key_with(_title_name(self.title_norm, self.r), self.r) if self.title else ""

    @cached_property
    def title_own_line(self) -> bool:
        """The title is a heading on a line of its own ("### 1. 举行第六次会议\n…")."""
        span = self.title_span
        return span is not None and span[0] == 0 and self.s[span[1] : span[1] + 1] in ("\n", "\r")

    @cached_property
    def meeting_en(self) -> str | None:
        """The document's own meeting name as ``_en_norm`` writes it, when it is in Latin
        script (None when there is none or it is Chinese): every English candidate compares
        with it, so it is normalised once."""
        m = self.meeting
        return _en_norm(m) if m and not _HAN.search(m) else None

    @cached_property
    def local_alias(self) -> dict[str, str]:
        return _local_aliases(self.s, self.r)

    def sentence(self, pos: int) -> tuple[int, int]:
        k = bisect_left(self.sent_bounds, pos)
        start = self.sent_bounds[k - 1] + 1 if k > 0 else 0
        end = self.sent_bounds[k] if k < len(self.sent_bounds) else len(self.s)
        return start, end

    def clause_start(self, pos: int) -> int:
        k = bisect_left(self.clause_bounds, pos)
        return self.clause_bounds[k - 1] + 1 if k > 0 else 0

    def times_in(self, a: int, b: int) -> list[_T]:
        i = bisect_left(self.time_starts, a)
        out = []
        while i < len(self.times) and self.times[i].start < b:
            if self.times[i].end <= b:
                out.append(self.times[i])
            i += 1
        return out

    def time_ending_at(self, pos: int) -> _T | None:
        for t in self.times:
            if t.end == pos:
                return t
        return None


def _across_country(s: str, t: _T, r: _Rules) -> bool:
    """在韩国庆州举行: a time word read across a country and its city (国庆) is none."""
    if t.start < 2:
        return False
    for n in r.country_lens:
        for k in range(1, n):
            q = t.start - k
            if q >= 1 and q + n < t.end and s[q - 1] in "在于赴" and s[q : q + n] in r.country_set:
                return True
    return False


# a title that states an action ("建立投资便利化专家组", "举行第六次会议") names its
# object: the verb and the edition are no part of a series name
_TITLE_ORDINAL = re.compile(
    r"(?:第[0-9０-９一二三四五六七八九十百零〇两]+|首|下一?|上一?)[次届轮期]"
)


def _title_name(title: str, r: _Rules) -> str:
    """The item title without a leading stop word (a verb) or an edition."""
    out = title
    while True:
        m = r.stop_re.match(out)
        if m is None or m.lastgroup is not None or m.end() == 0 or m.end() >= len(out):
            break
        out = out[m.end() :]
    return _TITLE_ORDINAL.sub("", out)


def _title_span(s: str, title_norm: str) -> tuple[int, int] | None:
    """Where the (normalised) item title is in ``s``."""
    if not title_norm:
        return None
    k = s.find(title_norm)
    return (k, k + len(title_norm)) if k >= 0 else None


_ALIAS_DEF = re.compile(
    r"[（(](?:以下简称|下称|简称)?[“\"]?(?P<y>[\u4e00-\u9fffA-Za-z&]{1,12})[”\"]?[）)]"
)


def _local_aliases(s: str, r: _Rules) -> dict[str, str]:
    """'气候变化工作组（以下简称“工作组”）' → {'工作组': '气候变化工作组'}."""
    out: dict[str, str] = {}
    for m in _ALIAS_DEF.finditer(s):
        _, x = _prename(s, m.start(), r, strict=False)
        if len(x) >= 2 and x != m.group("y"):
            out[m.group("y")] = x
    return out


# --------------------------------------------------------------------------
# Resolution of generic names
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Resolved:
    key: str
    how: str
    actor_id: str | None = None


_PAIR_IN = re.compile(r"中国[—–-][\u4e00-\u9fff]")


def _from_pair(np: str, r: _Rules) -> str:
    """A noun phrase read leftwards past an unknown verb (保持中美X工作组) starts at its
    pair: 中美X工作组, 中国—东盟X机制."""
    cut = -1
    for w in r.keep_alone:
        k = np.find(w, 1)
        if k > 0 and (cut < 0 or k < cut):
            cut = k
    pm = _PAIR_IN.search(np, 1)
    if pm and (cut < 0 or pm.start() < cut):
        cut = pm.start()
    return np[cut:] if cut > 0 else np


def _generic(key: str, r: _Rules) -> bool:
    # a key that is only a head (论坛, 青年营, 交流周) names no series of its own either
    return not key or key in r.head_set or r.generic.fullmatch(key) is not None


def _organ_of(key: str, head: str) -> str:
    return key[: len(key) - len(head)] if head and key.endswith(head) else ""


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _meeting_short_form(key: str, ctx: _Ctx) -> str | None:
    """经贸联委会会议 in a list of the 中英经济贸易联合委员会: the committee's short form
    (its short organ, and the other characters in order in its stem) → its full key."""
    r = ctx.r
    head = _head_of(key, r)
    organ = _organ_of(key, head) if head else key
    for short, long in r.short_organs.items():
        if not organ.endswith(short) or len(organ) < len(short) + 2:
            continue
        meeting = ctx.meeting or ""
        if not _HAN.search(meeting):
            return None
        mkey = _key_with(meeting, r)
        mhead = _head_of(mkey, r)
        body = _organ_of(mkey, mhead) if mhead and mhead != short else mkey
        stem, mstem = organ[: -len(short)], body[: -len(long)]
        if body.endswith(long) and len(mstem) > len(stem) and _is_subsequence(stem, mstem):
            return _key_with(body + head, r)
    return None


def _longer_body(cand: _Cand, key: str, ctx: _Ctx) -> str | None:
    """建立中美X联络机制，联络机制首次会议: a pre-name that is the short form (the tail) of
    a body named in full before it in the text is that body → the full body's key."""
    pre = cand.pre
    r = ctx.r
    if len(pre) < 2 or pre in r.keep_alone or key in r.by_key:
        return None
    s = ctx.s
    j = s.rfind(pre, 0, cand.start)
    while j >= 0:
        _, np = _prename(s, j + len(pre), r, strict=False)
        np = _from_pair(np, r)
        if len(np) > len(pre) and np.endswith(pre):
            nk = _key_with(np + cand.post + cand.head, r)
            if nk != key and nk.endswith(key) and not _generic(nk, r):
                return nk
        j = s.rfind(pre, 0, j)
    return None


# the sittings of a standing body (委员会, 联委会 …) a bare "next" names in its own list
_BODY_SITTINGS = ("会议", "全体会议", "联席会议")


def _resolve(
    cand: _Cand,
    key: str,
    prev: list[tuple[_Cand, str]],
    ctx: _Ctx,
    actors: list[tuple[int, int, Any]],
) -> _Resolved:
    r = ctx.r
    if not _generic(key, r):
        party = next((p for p in r.parties if key.startswith(p)), "") if r.parties else ""
        if party and len(key) > len(party) and _generic(key[len(party) :], r):
            # 下一次三方磋商: the parties' own meeting, found as a bare 下一次磋商 is
            res = _resolve(cand, key[len(party) :], prev, ctx, actors)
            if res.how not in ("text", "title", "default"):
                return res
        full = _meeting_short_form(key, ctx) if ctx.meeting else None
        if full:
            return _Resolved(full, "meeting")
        longer = _longer_body(cand, key, ctx)
        return _Resolved(longer, "antecedent") if longer else _Resolved(key, "text")
    head = _head_of(key, r)
    organ = _organ_of(key, head)
    long = r.short_organs.get(organ, "")  # 联委会 → 联合委员会
    # 0. the body the clause opens with holds it: X委员会秘书处将于…举行第九次工作会晤
    if not cand.pre and r.subject_re is not None:
        cl_s = ctx.clause_start(cand.start)
        sm = r.subject_re.match(ctx.s, cl_s, cand.start)
        if sm:
            raw = sm["subj"]
            cut = max((x.end() for x in r.stop_re.finditer(raw) if x.lastgroup is None),
                      default=0)  # 双方, 由 …
            subj = _key_with(raw[cut:], r)
            if not _generic(subj, r):
                return _Resolved(_key_with(subj + key, r), "subject")
    # 1. a definition in the text: 气候变化工作组（以下简称“工作组”）
    for y, x in ctx.local_alias.items():
        if organ and y == organ:
            return _Resolved(_key_with(x + head, r), "local-alias")
        if y == key:
            return _Resolved(_key_with(x, r), "local-alias")
    # a bare mention that dates the one before it in its clause (工作组首次会议将于下届会议
    # 前召开) is the time of another meeting: never a sitting of that mention's series
    own, own_span = "", (0, 0)
    if prev and _suffix(ctx.s[cand.end : cand.end + 3], r):
        pc, pk = prev[-1]
        if pc.end <= cand.start and not _CLAUSE_RE.search(ctx.s, pc.end, cand.start):
            own, own_span = pk, (pc.start, pc.end)
    # 2. an earlier mention in the same text
    for pc, pk in reversed(prev):
        if pc.start >= cand.start or pk == own:
            continue
        ph = _head_of(pk, r)
        if organ:
            if pk != key and (pk.endswith(key) or (long and pk.endswith(long + head))):
                return _Resolved(pk, "antecedent")
        elif ph == head or head in r.synonyms.get(ph, []):
            return _Resolved(pk, "antecedent")
    # 3. a mechanism actor before it
    for a_start, _a_end, a in reversed(actors):
        if a_start >= cand.start:
            continue
        ak = _key_with(str(getattr(a, "name", "") or ""), r)
        if _generic(ak, r):
            continue
        if organ and ak.endswith(organ):
            return _Resolved(_key_with(ak + head, r), "actor", getattr(a, "id", None))
        if not organ and (ak.endswith(head) or head == "会议"):
            rk = ak if ak.endswith(head) or _head_of(ak, r) in r.event_heads else ak + head
            return _Resolved(_key_with(rk, r), "actor", getattr(a, "id", None))
    # 4. the item title, when it names this kind of meeting
    tkey = ctx.title_key
    if tkey and not _generic(tkey, r):
        if organ and tkey.endswith(organ):
            return _Resolved(_key_with(tkey + head, r), "title")
        if organ and tkey.endswith(key):
            return _Resolved(tkey, "title")
        if not organ and any(tkey.endswith(x) for x in r.synonyms.get(head, [head])):
            return _Resolved(_key_with(tkey, r), "title")
    # 5. a noun phrase ending in the same organ/head earlier in the text
    generic_np = None
    targets = [x for x in (organ, long) if x] if organ else list(r.synonyms.get(head, [head]))
    if not organ and head == "会议":
        # a bare 首次会议 is a meeting of whatever mechanism was just named
        targets += ["对话", "磋商", "工作组", "委员会", "小组", "论坛", "机制", "理事会", "联合会"]
    s = ctx.s
    best: tuple[int, str, str] | None = None
    for t in targets:
        j = s.rfind(t, 0, cand.start)
        while j >= 0:
            _, np = _prename(s, j, r, strict=False)
            np = _from_pair(np, r)
            if np and np.endswith(r.this_session):
                # 列席本届会议 … 出席第十一届会议: 本届 is the document's own meeting
                if best is None or j > best[0]:
                    best = (j, "", t)
                break
            if np and r.count_prefix is not None:
                np = r.count_prefix.sub("", np)  # 每年举行一次局长级会晤: 局长级会晤
            if np:
                npk, tt = _key_with(np + t, r), t
                if t == "机制" and _head_of(np, r):
                    # 建立X部长级会议机制，首次会议: a meeting of X部长级会议, the series itself
                    npk, tt = _key_with(np, r), _head_of(np, r)
                if own and (own_span[0] <= j < own_span[1]
                            or own in (npk, _key_with(npk + head, r))):
                    j = s.rfind(t, 0, j)
                    continue
                if not _generic(npk, r):
                    if best is None or j > best[0]:
                        best = (j, npk, tt)
                    break
                if generic_np is None:
                    generic_np = npk
            j = s.rfind(t, 0, j)
    if best is not None and best[1]:
        _, npk, t = best
        if organ:
            return _Resolved(_key_with(npk + head, r), "antecedent")
        if t in r.synonyms.get(head, [head]) or t in r.event_heads:
            return _Resolved(npk, "antecedent")
        return _Resolved(_key_with(npk + head, r), "antecedent")
    # 6. the document's own mechanism: 第十一轮对话 / 本对话 in its outcome list; a
    # bare 下一次会议 is a round of its dialogue or a meeting of its committee, and
    # 下一次委员会会议 a meeting of its committee
    if ctx.meeting and _HAN.search(ctx.meeting):
        mkey = _key_with(ctx.meeting, r)
        mhead = _head_of(mkey, r)
        body = _organ_of(mkey, mhead) if mhead else mkey
        if organ:
            if (body.endswith(organ) and len(body) > len(organ)) or (
                long and body.endswith(long) and len(body) > len(long)
            ):
                return _Resolved(_key_with(body + head, r), "meeting")
        elif mhead and (
            head == mhead
            or head in r.synonyms.get(mhead, [])
            or (head == "会议" and mhead in r.event_heads)
        ):
            return _Resolved(mkey, "meeting")
        elif head in _BODY_SITTINGS and not mhead and mkey.endswith(r.subject_suffixes):
            # 下一次联席会议 of a list of the 中意政府委员会: the committee's joint meeting
            return _Resolved(_key_with(mkey + head, r), "meeting")
    # 7. a bare default: 第七轮对话 in an S&ED outcome list (China–U.S. documents only)
    bare = None if ctx.foreign else r.bare.get(f"{cand.classifier}:{key}")
    if bare:
        return _Resolved(_key_with(bare, r), "default")
    # 8. title stem + what we have: 中国园 + 联合工作会议 (a title that only says what
    # kind of meeting, "下一次会议", names nothing)
    if tkey and not _generic(tkey, r):
        stem = tkey
        changed = True
        while changed:
            changed = False
            for w in r.title_strip:
                if stem.endswith(w) and len(stem) > len(w):
                    stem = stem[: -len(w)]
                    changed = True
        base = generic_np or key
        if generic_np and organ and generic_np.endswith(organ):
            base = _key_with(generic_np + head, r)
        return _Resolved(_key_with(stem + base, r), "title")
    return _Resolved(key, "text")


# --------------------------------------------------------------------------
# Status, time, place
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Facts:
    status: str = "unknown"
    time: _T | None = None
    times: list[_T] = field(default_factory=list)
    place: str | None = None
    places: list[str] = field(default_factory=list)
    anchor: str | None = None
    how: str = ""


def _nearest_marker(s: str, a: int, b: int, r: _Rules) -> str | None:
    """'future' / 'past' for the marker closest before ``b`` in ``s[a:b]``."""
    seg = s[a:b]
    best_pos = -1
    best: str | None = None
    for kind, words in (("future", r.future), ("past", r.past)):
        for w in words:
            k = seg.rfind(w)
            if k >= 0 and k + len(w) > best_pos:
                # 已 inside 已经… counts; 将 inside 将来 is still future
                best_pos = k + len(w)
                best = kind
    return best


def _place_in(s: str, a: int, b: int, ctx: _Ctx) -> list[str]:
    r = ctx.r
    found = list(r.place_re.finditer(s, a, b))
    if not found:
        return []
    hit = found[-1]  # the one nearest the verb
    raw = hit.group("p")
    # an event or a time is not a place: 在下一轮…对话前一天举行, 在半年内举行
    if re.search(r"对话|会议|峰会|大会|论坛|磋商|前夕|前一天|期间|时间|时候", raw) or re.search(
        r"[内前后底初末时]$", raw
    ) or raw.startswith(r.not_places):
        return []  # 将于近期召开: a vague time, not a place
    p_start = hit.start("p")
    if any(t.start < p_start + len(raw) and p_start < t.end for t in ctx.times_in(a, b)):
        return []
    return [p for p in (_norm_place(x, r) for x in re.split(r"[和、及与]", raw)) if p]


# a province written with 省 before whatever follows (the venue's _PROVINCE_SUFFIX in
# luoshi/parse/meeting.py asks for a city of two characters after it)
_SHENG_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,3}省(?=.)")


def _norm_place(p: str, r: _Rules) -> str | None:
    p = p.strip()
    if not p or len(p) > 14:
        return None
    if p in r.place_short:
        return r.place_short[p]
    if p.endswith(r.not_place_suffixes):
        return None  # 东盟国家: a group of countries
    # a country with nothing after it is the place itself (在中国举行: 中国)
    country = country_prefix(p, r.countries, r.not_country_prefix, keep=0) or None
    rest = p[len(country or "") :]
    if not rest:
        return country
    # 浙江省杭州, and a listed province after the 省 name too
    rest = rest[province_len(rest, r.provinces, _SHENG_PROVINCE, then_listed=True) :]
    rest = re.sub(r"^[\u4e00-\u9fff]{2,5}州(?=[\u4e00-\u9fff]{2})", "", rest)
    for suf in r.city_suffixes:
        if rest.endswith(suf) and len(rest) - len(suf) >= 2:
            rest = rest[: -len(suf)]
            break
    return rest or country


def _anchor_in(s: str, a: int, b: int) -> str | None:
    m = re.search(
        r"(?P<a>[^，,。；;在于\d]{2,30}?(?:对话|会议|峰会|大会|论坛|磋商|联委会|年会))"
        r"(?P<suf>前夕|前一天|之前|以前|前|期间|之后|以后|时)",
        s[a:b],
    )
    if not m:
        return None
    text = re.sub(r"^(?:年|月|日|号|初|底|末|中旬|上旬|下旬|适时|择期)+", "", m.group("a"))
    return text + m.group("suf")


def _suffix(tail: str, r: _Rules) -> str | None:
    """The anchor word right after a mention: 期间, 前夕, 以来 … ('中美' is not '中')."""
    for x in r.anchor_suffixes:
        if tail.startswith(x):
            if x in ("中", "上") and tail[1:2] in ("美", "国", "方", "央"):
                return None
            return x
    return None


def _facts(cand: _Cand, ctx: _Ctx) -> _Facts:
    s, r = ctx.s, ctx.r
    sent_s, sent_e = ctx.sentence(cand.start)
    cl_s = ctx.clause_start(cand.start)
    f = _Facts()
    verb: tuple[int, int] | None = None  # norm span of the governing verb
    past = False
    relative = False
    win: tuple[int, int] = (cl_s, cand.start)
    if cand.adverbial_verb:
        verb = cand.adverbial_verb
        win = (cl_s, verb[0])
    else:
        pre = s[cl_s : cand.start]
        vm = r.verb_before.search(pre)
        if vm:
            verb = (cl_s + vm.start("v"), cl_s + vm.end("v"))
            past = bool(vm.group("le"))
            relative = bool(vm.group("de"))
            win = (cl_s, verb[0])
    after_from = cand.end
    if verb is None:
        # coreference in the same sentence: "…，该磋商将于9月…之前举行"
        cm = r.coref_re.search(s, cand.end, sent_e)
        tail = s[cand.end : sent_e]
        suffix = _suffix(tail, r)
        if suffix is None:
            # "第二十一届X博览会和X峰会将于…举办": the verb after a coordinated second name
            co = r.coord_re.match(tail)
            skip = co.end() if co else 0
            am = r.verb_after.match(tail, skip)
            if am and not am.group("mid").startswith(tuple(r.anchor_suffixes)):
                verb = (cand.end + am.start("v"), cand.end + am.end("v"))
                past = bool(am.group("le"))
                win = (cand.end + skip, verb[0])
        if verb is None and cm:
            after_from = cm.end()
            am = r.verb_after.match(s, after_from, sent_e)
            if am:
                verb = (am.start("v"), am.end("v"))
                past = bool(am.group("le"))
                win = (after_from, verb[0])
    tail = s[cand.end : sent_e]
    suffix = _suffix(tail, r)
    before = s[cl_s : cand.start]
    # --- time
    times: list[_T] = []
    if verb is not None:
        times = ctx.times_in(*win)
        if not times and verb[0] >= cand.end:
            # "2024年3月首次…会晤在北京举行": the time right before the mention
            t = ctx.time_ending_at(cand.start)
            times = [t] if t is not None else []
        if not times:
            # "2014年7月8日，中美举行第四次…": a time clause opening the sentence
            times = _opening_time(ctx, sent_s, min(cand.start, verb[0]))
    else:
        t = ctx.time_ending_at(cand.start)
        if t is not None:
            times = [t]
    f.times = times
    if times:
        f.time = times[-1]
    # --- status
    if suffix in ("以来",) or (suffix in ("后", "之后", "以后") and re.search(r"[继自]", before)):
        f.status, f.how = "held", "retro-frame"
    elif verb is not None:
        mid = s[win[0] : verb[0]]
        if relative and f.time is not None:
            # a dated relative clause (…2015年举行的第三次…) carries its own tense: a
            # modal counts only right before its date (将于2016年秋季召开的…)
            lead = s[win[0] : f.time.start]
            marker = "future" if r.future_end.search(lead) else None
        else:
            marker = _nearest_marker(s, sent_s, verb[0], r)
        if past or any(w in mid for w in r.past):
            f.status, f.how = "held", "verb-past"
        elif marker == "future" or cand.relation == "next":
            f.status, f.how = "planned", "verb-future"
        elif marker == "past":
            f.status, f.how = "held", "verb-past"
        else:
            f.status, f.how = "unknown", "verb-bare"
    elif suffix is not None and suffix not in ("后", "之后", "以后"):
        rest = s[cand.end + len(suffix) : sent_e]
        if cand.relation == "next":
            f.status, f.how = "planned", "anchor-next"
        elif "了" in rest or re.search(r"(取得|签署|达成|通过|发表|举行|召开)的", rest):
            f.status, f.how = "held", "anchor-past"
        elif _nearest_marker(s, sent_s, cand.start, r) == "future":
            f.status, f.how = "planned", "anchor-future"
        elif any(tail.startswith(x) for x in r.retro_after) or any(
            w in before for w in r.retro_before
        ):
            f.status, f.how = "held", "retro"
        else:
            f.status, f.how = "unknown", "anchor"
    elif any(tail.startswith(x) for x in r.retro_after) or _retro_before(before, r):
        f.status, f.how = "held", "retro"
    elif cand.relation == "next":
        f.status, f.how = "planned", "next"
    elif r.means and before.endswith(r.means) and _nearest_marker(
        s, sent_s, cand.start, r
    ) == "future":
        f.status, f.how = "planned", "means"  # 同意通过第七轮…对话就此沟通
    elif _nearest_marker(s, sent_s, cand.start, r) == "future" and re.search(
        r"^(?:成功举行|取得成功|顺利举行)", tail
    ):
        f.status, f.how = "planned", "hope"
    # a bare verb: the date decides
    if f.status == "unknown" and f.how == "verb-bare":
        if f.time is not None and ctx.doc is not None:
            f.status = _status_by_time(
                f.time, ctx.doc, anchor_during="期间" in s[sent_s : cand.start]
            )
        elif relative:
            f.status = "held"  # 在X召开的第七次会议上: a relative clause reports a past meeting
    # --- place and anchor
    if verb is not None:
        a, b = win
        f.places = _place_in(s, a, verb[1], ctx)
        if not f.places:
            host = re.match(r"(?:双方)?(美国|美方|中国|中方)", s[a:b])
            if host and s[verb[0] : verb[1]] in ("主办", "承办"):
                f.places = [r.host_subjects[host.group(1)]]
        f.anchor = _anchor_in(s, a, verb[0])
    if r.original_re is not None and r.original_re.search(s, sent_s, cand.start):
        _rescheduled(cand, ctx, f, sent_e)
    if f.places:
        f.place = "、".join(dict.fromkeys(f.places))
    return f


def _rescheduled(cand: _Cand, ctx: _Ctx, f: _Facts, sent_e: int) -> None:
    """原定于今年7月在芝加哥举办的第四届…因故推迟，…改于11月上旬在深圳举办: the new time and
    place (after the reschedule word, up to its verb) replace the original plan's."""
    s, r = ctx.s, ctx.r
    assert r.reschedule_re is not None
    rm = r.reschedule_re.search(s, cand.end, sent_e)
    if rm is None:
        return
    vm = r.hold_re.search(s, rm.end(), sent_e)
    b = vm.end() if vm else sent_e
    times = ctx.times_in(rm.start(), b)
    places = _place_in(s, rm.start(), b, ctx) if vm else []
    if not times and not places:
        return
    if times:
        f.times, f.time = times, times[-1]
        f.status = _status_by_time(f.time, ctx.doc, anchor_during=False) if ctx.doc else "planned"
        if f.status == "unknown":
            f.status = "planned"
    if places:
        f.places = places
    f.how = "rescheduled"


def _opening_time(ctx: _Ctx, sent_s: int, limit: int) -> list[_T]:
    """A time expression that is a clause of its own at the start of the sentence."""
    for t in ctx.times_in(sent_s, limit):
        starts_clause = t.start == sent_s or ctx.s[t.start - 1] in _CLAUSE_END
        if starts_clause and ctx.s[t.end : t.end + 1] in ("，", ","):
            return [t]
        return []
    return []


def _retro_before(before: str, r: _Rules) -> bool:
    return any(w in before for w in r.retro_before)


def _status_by_time(t: _T, doc: date, *, anchor_during: bool) -> str:
    lo = date.fromisoformat(t.value_start) if t.value_start else None
    hi = date.fromisoformat(t.value_end) if t.value_end else None
    if hi is not None and hi <= doc:
        return "held"
    if lo is not None and lo > doc:
        return "planned"
    if t.kind == "deadline" and hi is not None and hi > doc:
        return "planned"
    return "held" if anchor_during else "unknown"


# --------------------------------------------------------------------------
# English status/time/place (light: outcome lists are mostly Chinese)
# --------------------------------------------------------------------------

_EN_MONTHS = {
    m.lower(): i
    for i, m in enumerate(
        ["", "January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"]
    )
    if m
}  # fmt: skip
_EN_TIME = re.compile(
    r"\b(?:(?:in|on|by|before|during)\s+)?(?:(?P<um>\d{1,2})/(?P<ud>\d{1,2})/(?P<uy>\d{4})\b"
    r"|FY\s?(?P<fy>\d{4})\b|"
    r"(?:the\s+(?P<season>spring|summer|fall|autumn|winter)\s+of\s+)?"
    r"(?:(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(?:(?P<d>\d{1,2}),?\s+)?)?(?<![/\w])(?P<y>\d{4})\b)"
    r"|\b(?P<rel>later this year|this year|next year)\b",
    re.I,
)


# a lettered sub-item opening with a bare verb that holds a meeting
_EN_SUB_ITEM_VERB = re.compile(
    # (b) or a dash bullet: "agreed to:\n– convene the 5th …"
    r"\s*(?:\(?(?:[a-h]|\d{1,2}|[ivx]{1,4})[.)]|[–—•·▪*-])\s+"
    r"(?:hold|convene|host|co-host|organi[sz]e)\s",
    re.I,
)


def _en_facts(cand: _Cand, ctx: _Ctx, prev_end: int = -1, next_start: int = -1) -> _Facts:
    """Status, time and place of an English mention from its sentence. ``prev_end``
    is where the previous mention ends: a time between it and this one follows
    that mention ("hold the tenth round in 2018, and … the next round") and is
    its own, not this one's. ``next_start`` is where the next mention starts: a time
    after that one ("the 3rd … on 11/6/2024 and … the 4th … in the fall of 2025") is
    the next one's."""
    s, r = ctx.s, ctx.r
    a = max(s.rfind(".", 0, cand.start), s.rfind("\n", 0, cand.start)) + 1
    b_candidates = [x for x in (s.find(".", cand.end), s.find("\n", cand.end)) if x >= 0]
    b = min(b_candidates) if b_candidates else len(s)
    before, after = s[a : cand.start], s[cand.end : b]
    f = _Facts()
    stop = next_start if cand.end <= next_start < b else b  # times after this: ours up to here
    if re.match(
        r"\s*(?:will be held|is scheduled|is to be held|will take place|to be held"
        r"|would be held|would take place)", after, re.I
    ):
        f.status = "planned"
    elif re.match(
        r"[\s,]*(?:(?:which|that)\s+)?"
        r"(?:was held|were held|took place|was convened|held|convened)\b",
        after,
        re.I,
    ):  # "welcomed the first … Dialogue held in Beijing on June 22-24"
        f.status = "held"
    elif _EN_SUB_ITEM_VERB.match(before):
        f.status = "planned"  # "decided to: … (b) hold the third …": the lead-in's infinitive
    else:
        fut = list(
            re.finditer(
                r"\b(?:will|to hold|plan(?:s|ned)? to|agreed to|decided to"
                r"|look(?:s|ed)? forward to|upcoming|intend"
                # "welcomed the decision to convene the 3rd …"
                r"|decision to|to (?:re)?convene|to (?:co-)?host)\b",
                before,
                re.I,
            )
        )
        pst = list(
            re.finditer(
                r"\b(?:held|convened|hosted|welcomed the outcomes? of|reviewed|since"
                r"|(?:noted|took note of) the (?:convening|holding) of)\b",
                before,
                re.I,
            )
        )
        # "will be reviewed at the next …": a passive future, no past sitting
        pst = [p for p in pst if not re.search(
            r"\b(?:will|shall|would|to|may|must|can)\s+be\s+\Z", before[: p.start()], re.I)]
        if fut and (not pst or fut[-1].end() > pst[-1].end()):
            f.status = "planned"
        elif pst:
            f.status = "held"
        elif cand.relation == "next":
            f.status = "planned"
    if _EN_PREPARES.search(s, max(a, cand.start - 40), cand.start) and not s.startswith(
        "its ", cand.start):
        # "a preparatory meeting for the fourth X will be held in Y in March": the time and
        # place are the other meeting's; the mention keeps the status (it is upcoming too)
        return f
    # "report … to Ministers at the Eighth Round": a round named as the anchor of another
    # action; the times before it are that action's (unless one opens the sentence: "On 12
    # May, at the third Dialogue, …")
    anchor = _EN_ANCHOR_PREP.search(s, max(a, cand.start - 40), cand.start) is not None

    def other_action(pos: int, end: int = -1) -> bool:
        if s[a:pos].strip(" \t\n-–•*(").lower() in ("", "on", "in", "by"):
            return False  # a time opening the sentence is every predicate's
        # "establish a group within the next twelve months and convene its first meeting":
        # a time before a coordinated predicate that holds the mention is the first one's
        return anchor or (end >= 0 and _EN_AND_HOLD.search(s, end, cand.start) is not None)

    ext = [t for t in ctx.times_in(a, b) if t.end <= cand.start or t.start >= cand.end]
    if ctx.external_times and ext:
        after_t = [t for t in ext if cand.end <= t.start < stop]
        before_t = [t for t in ext if t.end <= cand.start and not other_action(t.start, t.end)
                    and _not_claimed(t.start, a, prev_end)]
        if after_t:
            f.time = after_t[0]
        elif before_t:
            f.time = before_t[-1]
    tm = None
    for m in _EN_TIME.finditer(s, a, stop):
        if f.time is not None:
            break  # the time extractor's hits above, not this reader
        if m.end() <= cand.start and (
            other_action(m.start(), m.end()) or not _not_claimed(m.start(), a, prev_end)
        ):
            continue
        tm = m
        if m.start() > cand.end:
            break
    if tm is not None:
        t = _en_time_value(tm, ctx.doc)
        if t is not None:
            f.time = _T(tm.start(), tm.end(), t[0].isoformat(), t[1].isoformat(),
                        "point" if t[0] == t[1] else "range")  # fmt: skip
    place_at = len(s)
    for p_s, _p_e, zh in ctx.places:  # a gazetteer place after "in" (actors passed)
        if p_s < cand.start and not _not_claimed(p_s, a, prev_end):
            continue
        if a <= p_s < b and zh and re.search(r"\bin\s+(?:the\s+)?$", s[max(a, p_s - 8) : p_s]):
            f.place, place_at = zh, p_s
            break
    sent = s[a:b]
    if a < prev_end <= cand.start:  # blank what follows the previous mention (its place, not ours)
        sent = s[a:prev_end] + " " * (cand.start - prev_end) + s[cand.start : b]
    # the first place named: "in Boston in the fall … and a follow-up in China" is Boston
    # (one search: the names are alternatives of one pattern, longest first)
    pm = _place_en_res()[0].search(sent) if r.place_en else None
    if pm and a + pm.start() < place_at - 3:
        f.place, place_at = r.place_en[pm["p"]], a + pm.start("p")
    if f.place is None:
        f.place = _en_host(s, a, cand.start, ctx)
    if f.status == "unknown" and f.time is not None and ctx.doc is not None:
        f.status = _status_by_time(f.time, ctx.doc, anchor_during=False)
    return f


# a second predicate that holds the mention: "… within six months and convene its first …"
_EN_AND_HOLD = re.compile(
    r"\band\s+(?:(?:will|to|then|agreed\s+to|decided\s+to)\s+)?(?:re)?(?:convene|hold|(?:co-)?host"
    r"|organi[sz]e|launch|resume)\b",
    re.I,
)
# a mention that is the time anchor of another action: "report … at the Eighth Round"
_EN_ANCHOR_PREP = re.compile(
    r"\b(?:at|during|ahead\s+of|before|after|prior\s+to|no\s+later\s+than"
    r"|on\s+the\s+(?:sidelines|margins)\s+of)\s+(?:the\s+)?\Z",
    re.I,
)
# the mention is what another meeting prepares: "a preparatory meeting for the fourth X"
_EN_PREPARES = re.compile(
    r"\b(?:meetings?|sessions?|consultations?|preparations?|preparatory\s+work)\s+"
    r"(?:for|ahead\s+of|in\s+preparation\s+for|to\s+prepare(?:\s+for)?|prior\s+to)\s+\Z",
    re.I,
)
# a host right before the mention: "welcomed Indonesia's offer to host the fourth …",
# "China will host the next …" (the host's name ends where this starts)
_EN_HOST = re.compile(
    r"(?:['’]s\s+(?:offer|proposal|invitation|readiness|willingness|plan|decision)\s+to"
    r"|\s+(?:will|would|shall|is\s+to|plans?\s+to|offered\s+to|agreed\s+to"
    r"|has\s+offered\s+to|is\s+ready\s+to))\s+(?:co-)?host\s+\Z"
)


def _en_host(s: str, a: int, pos: int, ctx: _Ctx) -> str | None:
    """The place hosting the mention at ``pos`` when the sentence names its host right
    before it (a gazetteer place, or an English name of [places] english)."""
    hm = _EN_HOST.search(s, max(a, pos - 60), pos)
    if hm is None or "co-host" in hm.group(0):
        return None  # "X and Y will co-host the fourth …": two hosts, no one place
    end = hm.start()
    for _p_s, p_e, zh in ctx.places:
        if p_e == end and zh:
            return zh
    r = ctx.r
    nm = _place_en_res()[1].search(s, max(a, end - 40), end) if r.place_en else None
    return r.place_en[nm["p"]] if nm else None


def _not_claimed(pos: int, sent_start: int, prev_end: int) -> bool:
    """Whether something at ``pos``, before a mention, may be that mention's: not when
    it lies between the previous mention of the same sentence and this one."""
    return prev_end <= sent_start or pos < prev_end


def _en_time_value(m: re.Match[str], doc: date | None) -> tuple[date, date] | None:
    if m.group("rel"):
        if doc is None:
            return None
        rel = m.group("rel").lower()
        if rel == "next year":
            return date(doc.year + 1, 1, 1), date(doc.year + 1, 12, 31)
        if rel == "later this year":
            return doc, date(doc.year, 12, 31)
        return date(doc.year, 1, 1), date(doc.year, 12, 31)
    if m.group("uy"):  # US numeric date M/D/YYYY
        try:
            d = date(int(m.group("uy")), int(m.group("um")), int(m.group("ud")))
        except ValueError:
            return None
        return d, d
    if m.group("fy"):  # U.S. federal fiscal year: 1 October before to 30 September
        fy = int(m.group("fy"))
        return date(fy - 1, 10, 1), date(fy, 9, 30)
    y = int(m.group("y"))
    if m.group("season"):
        return _part_range(y, None, {"spring": "春", "summer": "夏", "fall": "秋", "autumn": "秋",
                                     "winter": "冬"}[m.group("season").lower()], doc)  # fmt: skip
    if m.group("mon"):
        mo = _EN_MONTHS[m.group("mon").lower()]
        if m.group("d"):
            d = date(y, mo, int(m.group("d")))
            return d, d
        return date(y, mo, 1), date(y, mo, _month_end(y, mo))
    return date(y, 1, 1), date(y, 12, 31)


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def _as_date(d: date | str | None) -> date | None:
    if d is None or isinstance(d, date):
        return d
    try:
        return date.fromisoformat(str(d)[:10])
    except ValueError:
        return None


def _convert_times(times: Sequence[TimeLike], nt: NormText) -> list[_T]:
    out = []
    for t in times:
        try:
            start, end = nt.to_norm(t.start), nt.to_norm(t.end)
        except (AttributeError, TypeError):
            continue
        kind = str(getattr(t, "kind", "point") or "point")
        vs, ve = getattr(t, "value_start", None), getattr(t, "value_end", None)
        if vs is None and ve is None:
            continue
        out.append(_T(start, end, vs, ve or vs, kind))
    return out


def _range(t: _T | None) -> DateRange | None:
    if t is None:
        return None
    return DateRange(t.value_start, t.value_end)


def find_series(
    text: str,
    *,
    doc_date: date | str | None,
    times: Sequence[TimeLike] = (),
    actors: Sequence[ActorLike] = (),
    context_title: str | None = None,
    lookup: Callable[[str], str | None] | None = None,
    meeting: str | None = None,
    dialogue: str | None = None,
) -> list[SeriesMention]:
    """Ordinal (and 'next') meeting mentions in ``text``, linked to series.

    ``doc_date`` decides past vs future for bare verbs and resolves 今年/明年/5月.
    ``times``/``actors`` are the other extractors' results on the same ``text``
    (offsets in ``text``); ``context_title`` is the item title (e.g. 法律顾问磋商),
    used to name "第三次年度法律顾问磋商"-style and bare "第二轮磋商" mentions.

    ``series_id`` is the gazetteer mechanism id when a mechanism actor names the
    series (covering the mention or resolving its antecedent) — for every mention
    of that series in ``text`` — or what ``lookup(name)`` returns (pass a gazetteer
    lookup so that ids do not depend on whether an actor happens to be in the
    item); otherwise the id in series_rules.toml, else ``series:<key>``.

    ``meeting`` is the document's own mechanism (``Meeting.mechanism``): it names a
    bare "第十一轮对话" / "the tenth round of the Dialogue". ``dialogue`` is the pair code
    of the document (``pairs.document_pair``): in another pair's document a name not
    written 中美/U.S.-China never takes a China–U.S. series entry or default.
    """
    r = _rules()
    nt = NormText.of(text)
    s = nt.text
    cands = _zh_candidates(s, r) + _en_candidates(s)
    if meeting and not _HAN.search(meeting):
        cands += _en_acronym_candidates(s, meeting, cands)
    cands.sort(key=lambda c: (c.start, c.ord_start))
    if not cands:
        return []  # most items: no ordinal at all, nothing else to read
    doc = _as_date(doc_date)
    tl = _convert_times(times, nt) if times else _find_times(s, doc)
    breaks = _cell_starts(text, nt) if "\n" in text else []
    if breaks:
        _cut_at_lines(cands, breaks)
    acts = [
        (nt.to_norm(a.start), nt.to_norm(a.end), a)
        for a in actors
        if getattr(a, "type", None) == "mechanism"
    ]
    acts.sort(key=lambda x: x[0])
    places = sorted(
        (nt.to_norm(a.start), nt.to_norm(a.end), str(getattr(a, "name", "") or ""))
        for a in actors
        if getattr(a, "type", None) == "place"
    )
    foreign = dialogue is not None and dialogue != US
    ctx = _Ctx(s, r, doc, tl, context_title, external_times=bool(times), places=places,
               meeting=meeting, foreign=foreign)

    prev: list[tuple[_Cand, str]] = []
    results: list[tuple[_Cand, SeriesMention, _Facts]] = []
    group_facts: dict[int, _Facts] = {}
    actor_ids: dict[str, str] = {}  # key → gazetteer id seen for it in this text
    for cand in cands:
        if cand.lang == "en":
            key, how, name_en_hint = _en_key(cand, r, ctx)
            if how != "meeting" and cand.head.lower() == "round":
                continue  # a bare round of no known dialogue
        elif cand.elliptical:
            if not prev:
                continue
            key, how, name_en_hint = prev[-1][1], "antecedent", None
        else:
            raw_name = cand.pre + cand.post + cand.head
            key = _key_with(raw_name, r)
            res = _resolve(cand, key, prev, ctx, acts)
            if res.how == "text" and _generic(res.key, r) and s.endswith(r.persons, 0, cand.start):
                continue  # 两国元首下次会晤: people meeting, no named series
            key, how, name_en_hint = res.key, res.how, None
            if res.actor_id:
                how = f"actor:{res.actor_id}"
        sid, name, name_en, known = _canonical(key, r)
        if known and foreign and how in ("text", "alias") and pair_of(_cand_name(cand)) != US:
            # 战略与经济对话 in a 中英 list: that dialogue's own, not the China–U.S. one
            sid, name, name_en, known = f"series:{key}", key, None, False
        if key.startswith("en:"):
            name = (name_en_hint or meeting) if how == "meeting" and meeting else cand.en_name
        elif not known and cand.head == "全体会议" and name.endswith("会议") \
                and not name.endswith("全体会议"):
            # X联合会第四次全体会议: keyed with X联合会第三次会议, named as written
            name = name[:-2] + "全体会议"
        if how.startswith("actor:"):
            sid, how = how[6:], "actor"
            actor_ids.setdefault(key, sid)
        else:
            aid = _actor_covering(cand, key, acts, r)
            if aid:
                sid = aid
                actor_ids.setdefault(key, aid)
        if known and how == "text":
            how = "alias"
        if cand.lang == "en":
            nxt = next((c.start for c in cands if c.start >= cand.end), -1)
            facts = _en_facts(cand, ctx, results[-1][0].end if results else -1, nxt)
        elif cand.group >= 0 and cand.group in group_facts:
            # 第三、第四轮磋商: the list shares one verb, time and place phrase
            facts = group_facts[cand.group]
        else:
            facts = _facts(cand, ctx)
            if cand.group >= 0:
                group_facts[cand.group] = facts
        o_s, o_e = nt.to_orig(cand.start, cand.end)
        m = SeriesMention(
            text=text[o_s:o_e],
            start=o_s,
            end=o_e,
            series_id=sid,
            name=name,
            ordinal=cand.ordinal,
            relation=cand.relation,
            status=facts.status,
            place=facts.place,
            anchor=facts.anchor,
            head=_head_of(key, r) or cand.head,
            name_en=name_en or name_en_hint,
            key=key,
            resolved_by=how,
        )
        _assign_time(m, cand, facts, ctx)
        prev.append((cand, key))
        results.append((cand, m, facts))
    _distribute(results, ctx)
    _title_and_corefs(results, ctx)
    if breaks:
        _deadline_cell(results, breaks[-1], ctx)
    results = _drop_heading_next(results, ctx)
    _settle_ids(results, actor_ids, lookup, r, meeting)
    if meeting and lookup is not None and any(c.lang == "en" for c, _m, _f in results):
        _english_names(results, meeting, lookup)
    return [m for _, m, _ in results]


_CELL_PUNCT = re.compile(r"[，,。；;：:！？!?]")


def _cell_starts(text: str, nt: NormText) -> list[int]:
    """A table row handed as content cell, lead agencies and deadline on lines of their own
    (a first line ending a sentence, then two or more short lines without punctuation — not a
    hard-wrapped paragraph): where each later line starts in the normalised text (which joins
    the lines). [] for any other text."""
    lines = text.strip().split("\n")
    if len(lines) < 3 or not lines[0].rstrip().endswith(("。", ".", "；", ";")):
        return []
    if any(len(ln.strip()) > 30 or _CELL_PUNCT.search(ln) for ln in lines[1:]):
        return []
    out = []
    for i, ch in enumerate(text):
        if ch == "\n" and text[i + 1 :].strip():
            b = nt.to_norm(i + 1)
            if not out or out[-1] != b:
                out.append(b)
    return out


def _cut_at_lines(cands: list[_Cand], breaks: list[int]) -> None:
    """美国商务部⏎下一次工作组会议: a pre-name does not reach back into another line (cell)."""
    for c in cands:
        if c.lang != "zh" or not c.pre:
            continue
        for b in breaks:
            if c.start < b <= c.start + len(c.pre):
                c.pre = c.pre[b - c.start :]
                c.start = b


def _deadline_cell(
    results: list[tuple[_Cand, SeriesMention, _Facts]], last: int, ctx: _Ctx
) -> None:
    """A last line that is only a time (the 完成时限 cell of a table row) is the due date of
    the row's planned meetings that carry no time of their own."""
    s = ctx.s
    end = len(s.rstrip("。.；; "))
    t = next((t for t in ctx.times if t.start == last and t.end >= end and t.value_end), None)
    if t is None:
        return
    for c, m, _f in results:
        if c.end <= last and m.status == "planned" and m.date is None and m.due is None:
            m.due = _range(t)


def _drop_heading_next(
    results: list[tuple[_Cand, SeriesMention, _Facts]], ctx: _Ctx
) -> list[tuple[_Cand, SeriesMention, _Facts]]:
    """A run-in heading that only says "next" ("Next Dialogue: … will hold the 10th
    Dialogue …") is the topic of the item, the same meeting as the numbered one of its body."""
    span = ctx.title_span
    if span is not None and ctx.title_own_line:
        # a heading on a line of its own is the item's topic: the sitting it names
        # again in the body is that body mention's
        body = [m for c, m, _f in results if c.start >= span[1]]
        return [
            x
            for x in results
            if not (x[0].end <= span[1] and any(_same_sitting(x[1], b) for b in body))
        ]
    if span is None or span[0] != 0 or not ctx.s.startswith((":", "："), span[1]):
        return results
    body = [m.key for c, m, _f in results if c.start >= span[1] and m.ordinal is not None]

    def same(key: str) -> bool:  # "Next Forum" / "the 4th … Wetland Forum"
        tail = key.split(":", 1)[-1]
        return any(k == key or k.endswith(tail) for k in body)

    return [
        x
        for x in results
        if not (
            x[0].end <= span[1]
            and x[1].relation == "next"
            and x[1].ordinal is None
            and same(x[1].key)
        )
    ]


_PAIR_FIRST = re.compile(r"^China\s*[–-]\s*(?P<other>[A-Z][\w.]*)\s+")
_PAIR_DASH = re.compile(r"^(?P<other>[A-Z][\w.]*)\s*–\s*China\s+")


@cache
def _gazetteer_en(entry_id: str) -> str | None:
    """The gazetteer's English name of ``entry_id``, with the pair written as the
    English outcome lists (and series_rules.toml's name_en) write it: U.S.-China …"""
    from luoshi.extract.gazetteer import load_gazetteer  # only English mentions need it

    e = load_gazetteer().get(entry_id)
    if e is None or not e.en:
        return None
    name = _PAIR_FIRST.sub(lambda m: f"{m['other']}-China ", e.en)
    return _PAIR_DASH.sub(lambda m: f"{m['other']}-China ", name)


def _english_names(
    results: list[tuple[_Cand, SeriesMention, _Facts]],
    meeting: str,
    lookup: Callable[[str], str | None],
) -> None:
    """English mentions of the document's own mechanism ("the fourth round of the
    Diplomatic and Security Dialogue", "the next round of the Dialogue") all take one
    English name: the meeting's, or the gazetteer's when the meeting is recorded in
    Chinese. A sitting of a bare organ noun that this name has ("the Fourth Meeting of the
    Council") is a meeting of the mechanism: its name + "meeting". Other series keep the name
    the text gives them."""
    mid = lookup(meeting)
    if not mid:
        return
    name = meeting if not _HAN.search(meeting) else _gazetteer_en(mid)
    if not name:
        return
    for c, m, _f in results:
        if c.lang != "en":
            continue
        if c.bare_organ and m.series_id != mid:
            words = r"\s+".join(map(re.escape, _en_norm(c.bare_organ).split()))
            if re.search(rf"\b{words}\b", _en_norm(name)):
                m.series_id, m.resolved_by = mid, "meeting-organ"
        if m.series_id == mid:
            m.name = m.name_en = f"{name} {c.head}" if c.bare_organ else name


def _settle_ids(
    results: list[tuple[_Cand, SeriesMention, _Facts]],
    actor_ids: dict[str, str],
    lookup: Callable[[str], str | None] | None,
    r: _Rules,
    meeting: str | None = None,
) -> None:
    """One id per series key: an actor's id reaches the anaphoric mentions too. A
    mention resolved to the document's own mechanism (下一届论坛) takes its id."""
    cache: dict[str, str | None] = {}
    for _c, m, _f in results:
        if m.key in actor_ids:
            m.series_id = actor_ids[m.key]
            continue
        if lookup is None:
            continue
        if m.key not in cache:
            cache[m.key] = None
            organ = re.sub(r"(?:全体)?会议$", "", m.name)
            own = meeting if m.resolved_by in ("meeting", "meeting-organ") and meeting else None
            for probe in dict.fromkeys(x for x in (own, m.name, m.key, organ) if x):
                if probe and (hit := lookup(probe)):
                    cache[m.key] = hit
                    break
        if cache[m.key]:
            m.series_id = cache[m.key] or m.series_id


_EN_BARE = frozenset(
    {"dialogue", "consultation", "consultations", "talks", "forum", "summit", "round"}
)


def _cand_name(cand: _Cand) -> str:
    return cand.en_name if cand.lang == "en" else cand.pre + cand.post + cand.head


def _en_key(cand: _Cand, r: _Rules, ctx: _Ctx | None = None) -> tuple[str, str, str | None]:
    full = _en_norm(cand.en_name)  # "jlg plenary", "legal advisers consultation"
    if cand.bare_organ and ctx is not None and _ends_own_meeting(_en_norm(cand.bare_organ), ctx):
        # "the 4th Meeting of the Council" in the list of the "X Council for Y": its meetings
        cand.en_name = f"{ctx.meeting} {cand.head}"
        return f"en:{_en_norm(cand.en_name)}", "meeting-organ", cand.en_name
    if full in _EN_BARE and ctx is not None and ctx.meeting:
        # "the tenth round of the Dialogue": the document's own mechanism
        m = ctx.meeting
        if _HAN.search(m):
            if full == "round" or _head_of(_key_with(m, r), r) == r.en_heads.get(full, ""):
                return _key_with(m, r), "meeting", None
        elif full == "round" or _ends_own_meeting(full, ctx):
            # "the Dialogue" of the "U.S.-China Dialogue on Health Cooperation"
            return f"en:{ctx.meeting_en}", "meeting", m
    if (ctx is not None and ctx.meeting and not _HAN.search(ctx.meeting)
            and cand.en_name and cand.en_name == _meeting_acronym(ctx.meeting)):
        # "the next EFD" in the list of the "China-UK Economic and Financial Dialogue"
        return f"en:{ctx.meeting_en}", "meeting", ctx.meeting
    if ctx is not None and ctx.foreign and pair_of(cand.en_name) != US:
        # no China–U.S. alias in another dialogue
        return _own_meeting_tail(full, ctx) or (f"en:{full}", "text", cand.en_name)
    for probe in (full, _en_norm(cand.post)):
        e = r.by_en.get(probe) if probe else None
        if e is not None:
            return _key_with(e.name, r), "alias", e.name_en
    zh_head = r.en_heads.get(re.sub(r"\s+", " ", cand.head.lower()), "")
    for ab, zh in r.abbreviations.items():
        if cand.post.strip() == ab or cand.head.upper() == ab:
            return _key_with(zh + zh_head, r), "alias", None
    return _own_meeting_tail(full, ctx) or (f"en:{full}", "text", cand.en_name)


def _meeting_acronym(meeting: str) -> str:
    """The initials of an English meeting name, less its pair and function words:
    "China-UK Economic and Financial Dialogue" → "EFD"; '' when under two letters."""
    words = [w for w in meeting.split() if not re.search(r"[-–]", w) and w[:1].isupper()]
    ac = "".join(w[0] for w in words)
    return ac if len(ac) >= 2 and ac.isascii() and ac.isalpha() else ""


def _en_acronym_candidates(s: str, meeting: str, cands: list[_Cand]) -> list[_Cand]:
    """"the Thirteenth EFD", "the next EFD" in the list of the "… Economic and Financial
    Dialogue": a sitting named by the initials of the document's own (English) mechanism."""
    ac = _meeting_acronym(meeting)
    if not ac or ac not in s:
        return []
    out: list[_Cand] = []
    pat = re.compile(
        rf"\b(?:the\s+)?(?P<ord>{EN_ORDINAL}|inaugural|next)\s+(?P<head>{re.escape(ac)})\b",
        re.I,
    )
    for m in pat.finditer(s):
        if m.group("head") != ac or any(c.start < m.end() and m.start() < c.end for c in cands):
            continue
        ordw = m.group("ord").lower()
        if ordw == "next":
            o, rel = None, "next"
        else:
            o = 1 if ordw == "inaugural" else en_to_int(m.group("ord"), ordinal=True)
            rel = None
            if o is None:
                continue
        start = m.start() if m.group(0)[:4].lower() == "the " else m.start("ord")
        out.append(_Cand(start, m.end(), m.start("ord"), o, rel, "", "", ac, "", lang="en",
                         en_name=ac))
    return out


def _own_meeting_tail(full: str, ctx: _Ctx | None) -> tuple[str, str, str | None] | None:
    """"the fourth Trilateral Meeting" in the list of the "China–United States–Indonesia
    Trilateral Meeting on Ocean Science Cooperation": a name of two words or more that is
    the tail of the document's own (English) meeting name, before its "on/for/of …"
    field, is that meeting."""
    if ctx is None or not ctx.meeting or " " not in full or full == ctx.meeting_en:
        return None
    if _ends_own_meeting(full, ctx, not_after_hyphen=True):
        # "the X Working Group Meeting" (a title): its sittings are "X Working Group meeting"
        name = _ORGAN_SITTING_EN.sub(lambda x: x[1] + x[2].lower(), ctx.meeting)
        return f"en:{ctx.meeting_en}", "meeting", name
    return None


def _ends_own_meeting(name: str, ctx: _Ctx, *, not_after_hyphen: bool = False) -> bool:
    """Is ``name`` (as ``_en_norm`` writes it) the tail of the document's own English
    meeting name, before its "on/for/of …" field? False when that name is Chinese or there
    is none. The tail opens a word: at a word boundary (after a hyphen too), or, with
    ``not_after_hyphen`` (``_own_meeting_tail``'s names of two words or more), after a space
    or at the start only."""
    mn = ctx.meeting_en
    if mn is None:
        return False
    left = r"(?<![\w-])" if not_after_hyphen else r"\b"
    return re.search(rf"{left}{re.escape(name)}(?:\s+(?:on|for|of)\s.*)?\Z", mn) is not None


# a sitting word closing an organ's name in a title ("… Working Group Meeting")
_ORGAN_SITTING_EN = re.compile(
    r"(\b(?:Group|Committee|Commission|Council|Board|Mechanism|Panel|Team)\s+)(Meeting|Session)\Z"
)


def _actor_covering(
    cand: _Cand, key: str, acts: list[tuple[int, int, Any]], r: _Rules
) -> str | None:
    """Gazetteer id of a mechanism actor that names this very series."""
    head = None
    for a_s, a_e, a in acts:
        if a_e <= cand.start or a_s >= cand.end:
            continue
        ak = _key_with(str(getattr(a, "name", "") or ""), r)
        if not ak:
            continue
        if head is None:
            head = _head_of(key, r)
        if ak == key or _key_with(ak + head, r) == key:
            return getattr(a, "id", None)
    return None


def _assign_time(m: SeriesMention, cand: _Cand, f: _Facts, ctx: _Ctx) -> None:
    t = f.time
    if t is None:
        return
    if m.status == "held":
        m.date = _range(t)
    elif m.status == "planned":
        m.due = _range(t)
    elif ctx.doc is not None and t.value_end and date.fromisoformat(t.value_end) <= ctx.doc:
        m.date = _range(t)
    else:
        m.due = _range(t)


def _distribute(results: list[tuple[_Cand, SeriesMention, _Facts]], ctx: _Ctx) -> None:
    """第三、第四轮 … 2014年和2015年分别在北京和华盛顿: one time/place each."""
    groups: dict[int, list[tuple[_Cand, SeriesMention, _Facts]]] = {}
    for item in results:
        if item[0].group >= 0:
            groups.setdefault(item[0].group, []).append(item)
    for members in groups.values():
        members.sort(key=lambda x: x[0].group_index)
        n = len(members)
        f0 = members[0][2]
        if len(f0.times) >= n:
            for (c, m, _f), t in zip(members, f0.times[-n:], strict=True):
                m.date = m.due = None
                _assign_time(m, c, _Facts(status=m.status, time=t), ctx)
        if len(f0.places) == n:
            for (_c, m, _f), p in zip(members, f0.places, strict=True):
                m.place = p


def _title_and_corefs(results: list[tuple[_Cand, SeriesMention, _Facts]], ctx: _Ctx) -> None:
    """Title mentions take the body's series and facts; repeats inherit facts."""
    span = ctx.title_span
    if span is not None:
        in_title = [x for x in results if span[0] <= x[0].start and x[0].end <= span[1]]
        body = [x for x in results if x[0].start >= span[1]]
        for tc, tm, _tf in in_title:
            same = [b for b in body if b[1].ordinal == tm.ordinal and b[1].head == tm.head]
            if same and ctx.title_own_line and _same_sitting(tm, same[0][1]):
                continue  # a heading of its own: the body names the meeting (dropped later)
            for _bc, bm, _bf in same:
                if bm.key != tm.key:
                    bm.series_id, bm.name, bm.key = tm.series_id, tm.name, tm.key
                    bm.resolved_by = "title"
            if same:
                _copy_facts(tm, same[0][1], force=True)
            elif tm.status == "unknown":
                _title_from_body(tc, tm, ctx)
    seen: dict[tuple[str, int | None], SeriesMention] = {}
    for _c, m, _f in results:
        k = (m.key, m.ordinal)
        if m.ordinal is not None and k in seen:
            _copy_facts(m, seen[k], force=False)
        elif m.ordinal is not None:
            seen[k] = m


def _same_sitting(a: SeriesMention, b: SeriesMention) -> bool:
    """Two mentions of one sitting: same head, and the same edition or both "next"."""
    return a.head == b.head and (
        (a.ordinal is not None and a.ordinal == b.ordinal)
        or (a.ordinal is None and b.ordinal is None and a.relation == b.relation == "next")
    )


def _copy_facts(dst: SeriesMention, src: SeriesMention, *, force: bool) -> None:
    if force or dst.status == "unknown":
        dst.status = src.status
    if dst.date is None and dst.due is None:
        dst.date, dst.due = src.date, src.due
    if dst.place is None:
        dst.place = src.place
    if dst.anchor is None:
        dst.anchor = src.anchor


def _title_from_body(tc: _Cand, tm: SeriesMention, ctx: _Ctx) -> None:
    """Title '中美环境科技合作联合工作组第二次会议', body '…联合工作组会议将于…召开'."""
    s = ctx.s
    span = ctx.title_span
    if span is None:
        return
    key = tm.key
    for n in (6, 5, 4):
        probe = key[-n:] if len(key) >= n else key
        j = s.find(probe, span[1])
        if j >= 0:
            pseudo = _Cand(
                j, j + len(probe), j, tm.ordinal, None, "", probe, tm.head, tc.classifier
            )
            f = _facts(pseudo, ctx)
            if f.status != "unknown":
                tm.status = f.status
                tm.place = f.place
                tm.anchor = f.anchor
                _assign_time(tm, pseudo, f, ctx)
            return
