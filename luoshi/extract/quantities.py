"""Quantities: numbers with units and what they count.

``find_quantities(text)`` reads 437家企业, 317次联合验证, 40专家日, 约80名代表,
5400万吨到6400万吨二氧化碳当量 (a range), 10年多次有效签证 (a duration), 20%,
and English "437 companies", "about 80 representatives".

Each ``Quantity`` says what it counts (``counts``: the noun phrase after the
unit, 企业/联合验证/中方执法官员), the verb governing it (``context``: 联合验证
in 联合验证了437家企业) and a ``measure`` key under which the same figure can be
followed across rounds: 317次联合验证 → 387次联合验证 → 联合验证了437家企业
all have measure "联合验证".

Not quantities: years and dates (2016年, 5月16日), ordinals (第十三次),
document and resolution numbers (第2270号), numbers glued to Latin letters
(G20, AP1000, PM2.5), and names with numerals (十年合作框架, 二十国集团).
Units live in ``data/quantity_units.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from luoshi.extract.numerals import (
    ASCII_FOLDS,
    CN_NUM_CHARS,
    NormText,
    en_to_int,
    parse_number,
)

__all__ = ["Quantity", "find_quantities"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "quantity_units.toml"


@dataclass(slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float | None  # None for a range
    unit: str  # normalised: 家, 名, 次, 专家日, 吨, 年, %, …
    unit_en: str
    dimension: str  # count | duration | mass | money | percent | effort | …
    value_min: float | None = None
    value_max: float | None = None
    counts: str | None = None  # 企业, 联合验证, 中方执法官员
    context: str | None = None  # governing verb phrase: 联合验证, 完成, 避免
    measure: str | None = None  # key to compare the figure across rounds
    approx: str | None = None  # about | over | nearly | at least | up to | under


@dataclass(slots=True)
class _Unit:
    unit: str
    en: str
    dimension: str
    counting: str
    scale: float
    one_ok: bool


@dataclass(slots=True)
class _Rules:
    forms: dict[str, _Unit]
    approx: dict[str, str]
    approx_len: int  # of the longest approximation word
    approx_ends: frozenset[str]  # their last characters
    approx_after: dict[str, str]
    fixed: re.Pattern[str]
    counts_stops: re.Pattern[str]
    modifier_starts: tuple[str, ...]
    entity_nouns: tuple[str, ...]
    adjectives: frozenset[str]
    duration_after: tuple[str, ...]
    context_stops: re.Pattern[str]
    places: tuple[str, ...]
    english: dict[str, str]
    zh_num: re.Pattern[str]  # a number and its unit, from the number on
    zh_pct: re.Pattern[str]  # 百分之二十
    en_re: re.Pattern[str]
    en_hyphen: re.Pattern[str]


def _alt(words: list[str] | dict[str, str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?[万亿]*|[{CN_NUM_CHARS}]+)"
# _NUM written to start with one character class: a pattern that does lets the
# regex engine skip in C to the places where it can match (digits and numerals are
# a few percent of a Chinese text); the look-behind picks the branch _NUM would take.
_NUM_AT_START = (
    rf"[\d{CN_NUM_CHARS}]"
    rf"(?:(?<=\d)\d*(?:,\d{{3}})*(?:\.\d+)?[万亿]*|(?<=[{CN_NUM_CHARS}])[{CN_NUM_CHARS}]*)"
)
# a lower-case word that is not a function word (ends a counted noun phrase)
_EN_WORD = r"(?!(?:and|or|to|in|on|at|for|by|from|with|of|the|was|were|will|is|are)\b)[a-z][a-z\-]*"
_EN_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_EN_NUMBER_WORDS = (
    rf"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:{_EN_UNITS_WORDS}))?"
    rf"|{_EN_UNITS_WORDS}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    "|eighteen|nineteen|hundred"
)


@cache
def _rules() -> _Rules:
    raw = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    forms: dict[str, _Unit] = {}
    for u in raw["unit"]:
        unit = _Unit(u["unit"], u["en"], u["dimension"], u["counting"],
                     float(u.get("scale", 1)), bool(u.get("one_ok", False)))  # fmt: skip
        for f in u["forms"]:
            forms[f] = unit
    w = raw["words"]
    units = _alt(list(forms))
    if any(re.search(rf"[\d{CN_NUM_CHARS}]", a) for a in w["approx"]):
        raise ValueError("quantity_units.toml: an approximation word with a numeral")
    after = _alt(w["approx_after"])
    # What was one pattern, "(?P<approx>…)?(?P<n1>…)…(?P<u>…)|(?P<pct>百分之)(?P<np>…)", is
    # matched in three parts (see _zh_hits): an optional first group keeps the
    # regex engine from skipping ahead and makes it try the pattern at every
    # character of the text.
    zh_num = re.compile(
        rf"(?P<n1>{_NUM_AT_START})"
        rf"(?:(?P<u1>{units})?(?P<sep>到|至|-|—|～|~)(?P<n2>{_NUM}))?(?P<after>{after})?(?P<u>{units})"
    )
    zh_pct = re.compile(rf"(?P<pct>百分之)(?P<np>{_NUM})")
    en_units = _alt(raw["english"])
    en = re.compile(
        r"\b(?:(?P<approx>about|approximately|around|nearly|over|more than|at least|up to|some)"
        r"\s+)?"
        rf"(?P<n1>\d[\d,]*(?:\.\d+)?|{_EN_NUMBER_WORDS})"
        r"(?:\s+(?P<sc1>million|billion|thousand))?"
        r"(?:\s*(?:to|-|–)\s*(?P<n2>\d[\d,]*(?:\.\d+)?)(?:\s+(?P<sc2>million|billion|thousand))?)?"
        r"(?:\s*(?P<pct>%|percent\b|per cent\b)"
        rf"|\s+(?P<np>(?:[a-z][a-z\-]*\s+){{0,3}}?(?:{en_units})\b))",
        re.I,
    )
    return _Rules(
        forms=forms,
        approx=w["approx"],
        approx_len=max(map(len, w["approx"]), default=0),
        approx_ends=frozenset(a[-1] for a in w["approx"]),
        approx_after=w["approx_after"],
        fixed=re.compile(_alt(w["fixed"])),
        counts_stops=re.compile(_alt(w["counts_stops"])),
        modifier_starts=tuple(w["modifier_starts"]),
        entity_nouns=tuple(w["entity_nouns"]),
        adjectives=frozenset(w["adjectives"]),
        duration_after=tuple(sorted(w["duration_after"], key=len, reverse=True)),
        context_stops=re.compile(_alt(w["context_stops"])),
        places=tuple(sorted(w["places"], key=len, reverse=True)),
        english=raw["english"],
        zh_num=zh_num,
        zh_pct=zh_pct,
        en_re=en,
        # "a 3-week exchange", "10-year multiple-entry visas"
        en_hyphen=re.compile(
            rf"\b(?P<n1>\d+|{_EN_NUMBER_WORDS})-(?P<u>week|year|month|day|hour)\b"
            rf"(?:\s+(?P<np>(?:{_EN_WORD}\s+){{0,2}}{_EN_WORD}))?",
            re.I,
        ),
    )


_PUNCT_STOP = re.compile(r"[，,。；;：:（）()“”\"《》！？!?\n]")
# compiled once: the module-level re functions look their pattern up on every call
_NEXT_FIGURE = re.compile(rf"[、和及与](?={_NUM})")
_LIST_FIGURE = re.compile(r"、(?=[^、]*\d)")
_DATE_TAIL = re.compile(r"^(?:年|月|日|号)")
_ASPECT = re.compile(r"(?:了|过)$")
_GLUED = re.compile(r"[A-Za-z\-/.·]")
_CN_ONLY = re.compile(rf"[{CN_NUM_CHARS}]+")
_NON_DIGIT = re.compile(r"\D")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def _num(s: str, unit: _Unit) -> float | None:
    v = parse_number(s)
    return None if v is None else v * unit.scale


def _counts(s: str, pos: int, unit: _Unit, r: _Rules) -> str | None:
    """The noun phrase after the unit that the number counts."""
    seg = s[pos : pos + 32]
    m = _PUNCT_STOP.search(seg)
    if m:
        seg = seg[: m.start()]
    if unit.counting == "duration" and seg.startswith(r.duration_after):
        return None  # 建交35年来: a time adverbial, nothing is 35 years long
    if seg.startswith(r.modifier_starts):
        # 18次针对…的联合执法行动 / 9名来自…的学员: the counted noun follows the 的
        k = seg.find("的")
        if k >= 0:
            seg = seg[k + 1 :]
        seg = _cut_stops(seg, r)
    else:
        # The next figure starts a new item: 6个中方城市和3个美方城市 / 34对友好省州、
        # 城市及4位杰出个人 — cut at a conjunction right before a number; and
        # 10年多次有效签证、互为留学人员颁发5年… — cut at 、 when a figure follows.
        cm = _NEXT_FIGURE.search(seg)
        if cm:
            seg = seg[: cm.start()]
        cm = _LIST_FIGURE.search(seg)
        if cm:
            seg = seg[: cm.start()]
        seg = _cut_stops(seg, r)
        if "的" in seg:
            pre = seg.split("的", 1)[0]
            post = seg.rsplit("的", 1)[1]
            if unit.counting in ("measure", "duration") and pre:
                seg = pre  # 5400万吨二氧化碳当量的…排放, 5年多次有效签证的…安排
            elif pre and len(pre) <= 4 and pre not in r.adjectives and not pre.endswith("性"):
                seg = pre  # 28个国家的…, 三个子领域的…: a short noun is the counted thing
            else:
                seg = post or pre  # 四个大规模的…项目, 3周的交换项目
    if len(seg) > 2 and seg[-1] in "中上里内下":
        seg = seg[:-1]  # 四个试点项目中 → 试点项目
    seg = seg.strip("、和及与")
    return seg or None


def _cut_stops(seg: str, r: _Rules) -> str:
    sm = r.counts_stops.search(seg)
    return seg[: sm.start()] if sm else seg


def _context(s: str, pos: int, r: _Rules) -> str | None:
    """The verb phrase right before the number: 已在中国联合验证了 → 联合验证."""
    i = pos
    while i > 0 and pos - i < 14 and "\u4e00" <= s[i - 1] <= "\u9fff":
        i -= 1
    run = s[i:pos]
    if run.endswith("的"):
        return None  # …搜救队的约80名代表: inside a noun phrase, no verb governs it
    if i > 0 and s[i - 1].isdigit():
        run = _DATE_TAIL.sub("", run)
    run = _ASPECT.sub("", run)
    cut = 0
    for m in r.context_stops.finditer(run):
        cut = max(cut, m.end())
    run = run[cut:]
    changed = True
    while changed and run:
        changed = False
        for p in r.places:
            if run.startswith(p):
                run = run[len(p) :]
                changed = True
    run = run[-6:]
    return run if len(run) >= 2 else None


def _measure(unit: _Unit, counts: str | None, context: str | None, r: _Rules) -> str | None:
    """Key for following one figure across rounds.

    Events count what follows (317次联合验证 → 联合验证). Entities of a generic
    kind take the governing verb (联合验证了437家企业 → 联合验证); a specific noun
    is its own measure (79名中方执法官员 → 中方执法官员).
    """
    if unit.counting == "entity" and context and counts in r.entity_nouns:
        return context
    return counts or context


def find_quantities(text: str) -> list[Quantity]:
    """Quantities in ``text``, offsets in ``text`` (``text[q.start:q.end] == q.text``)."""
    r = _rules()
    nt = NormText.of(text)
    s = nt.text
    out: list[Quantity] = []
    hits = list(_zh_hits(s, r))
    fixed_spans = [(m.start(), m.end()) for m in r.fixed.finditer(s)] if hits else []
    for zh in hits:
        hit = _zh_quantity(s, zh, r, fixed_spans)
        if hit is None:
            continue
        a, b, q = hit
        q.start, q.end = nt.to_orig(a, b)
        q.text = text[q.start : q.end]
        out.append(q)
    zh_spans = [(q.start, q.end) for q in out]
    # an English figure has a unit word or a per cent sign: most Chinese items have neither
    starts = [c.start() for c in _EN_START.finditer(s)] if _EN_GATE.search(s) else []
    for m in [*_en_matches(r.en_re, s, starts), *_en_matches(r.en_hyphen, s, starts)]:
        eq = _en_quantity(s, m, r)
        if eq is None:
            continue
        eq.start, eq.end = nt.to_orig(m.start(), m.end())
        if any(x < eq.end and eq.start < y for x, y in zh_spans):
            continue  # "20%" is read once
        zh_spans.append((eq.start, eq.end))
        eq.text = text[eq.start : eq.end]
        out.append(eq)
    out.sort(key=lambda x: x.start)
    return out


@dataclass(slots=True)
class _ZhHit:
    """A match of "(approx)?number…unit" or "百分之number" (``m`` from the number on)."""

    start: int
    end: int
    approx: str | None
    m: re.Match[str]
    pct: bool = False


def _zh_hits(s: str, r: _Rules) -> Iterator[_ZhHit]:
    """What ``re.finditer`` of "(?P<approx>…)?(?P<n1>…)…(?P<u>…)|百分之…" yields, in order.

    A match starts at a number, at 百分之, or at an approximation word right before
    a number (none contains a numeral). So: take the leftmost number match and the
    leftmost 百分之 one; the number one reaches back over the longest approximation
    word that ends where it starts and does not overlap the previous match; the one
    starting first wins, the number one on a tie (it is the first alternative).
    """
    pos = 0
    num = r.zh_num.search(s)
    pct = r.zh_pct.search(s)
    while num is not None or pct is not None:
        if num is not None:
            q = num.start()
            approx = None
            if q > pos and s[q - 1] in r.approx_ends:  # most numbers have none: skip the search
                approx = next(
                    (s[q - k : q] for k in range(min(r.approx_len, q - pos), 0, -1)
                     if s[q - k : q] in r.approx),
                    None,
                )  # fmt: skip
            start = q - len(approx) if approx else q
            if pct is None or start <= pct.start():
                yield _ZhHit(start, num.end(), approx, num)
                pos = num.end()
                num = r.zh_num.search(s, pos)
                if pct is not None and pct.start() < pos:
                    pct = r.zh_pct.search(s, pos)
                continue
        assert pct is not None
        yield _ZhHit(pct.start(), pct.end(), None, pct, pct=True)
        pos = pct.end()
        pct = r.zh_pct.search(s, pos)
        if num is not None and num.start() < pos:
            num = r.zh_num.search(s, pos)


# Both English patterns start at a word boundary with a digit or a Latin letter.
# Started with \b they would be tried at every character; these few positions
# (a handful per item) are the only ones where they can match.
_EN_START = re.compile(rf"[\dA-Za-z{ASCII_FOLDS}](?<!\w(?s:.))")
_EN_GATE = re.compile(f"[%A-Za-z{ASCII_FOLDS}]")


def _en_matches(pat: re.Pattern[str], s: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pat.finditer(s)``, trying ``pat`` only at ``starts`` (where _EN_START matches)."""
    pos = 0
    for p in starts:
        if p < pos:
            continue  # inside the previous match
        m = pat.match(s, p)  # \b and look-behinds still see the text before p
        if m is not None:
            yield m
            pos = m.end()


def _zh_quantity(
    s: str, hit: _ZhHit, r: _Rules, fixed: list[tuple[int, int]]
) -> tuple[int, int, Quantity] | None:
    a, b, m = hit.start, hit.end, hit.m
    if hit.pct:
        v = parse_number(m.group("np"))
        if v is None:
            return None
        unit = r.forms["%"]
        return a, b, Quantity("", 0, 0, v, "%", unit.en, "percent", v, v,
                              context=_context(s, a, r))  # fmt: skip
    n1, n2 = m.group("n1"), m.group("n2")
    num_start = m.start("n1")
    before = s[num_start - 1] if num_start > 0 else ""
    if before == "第" or _GLUED.match(before):
        return None  # ordinal, or part of G20 / AP1000 / PM2.5 / HCFC-22 / 46/215
    if before.isdigit():
        return None  # the tail of a longer number the regex split
    if n1 == "二":
        return None  # 二期/二号: 二 before a classifier is an ordinal; the count is 两
    if fixed and any(x < b and a < y for x, y in fixed):
        return None
    unit = r.forms[m.group("u")]
    if unit.counting == "duration" and before and before in "前后每当同上下这那该此本":
        return None  # 前一天, 前三年: a relative time, not an amount
    if m.group("u1") and r.forms[m.group("u1")].unit != unit.unit:
        return None  # 3个5年: not a range
    if _CN_ONLY.fullmatch(n1) and not _cn_quantity_ok(n1, unit):
        return None
    after = s[b : b + 2]
    if unit.unit == "年":
        if len(_NON_DIGIT.sub("", n1)) >= 3:
            return None  # a year: 2016年 (most 年 figures; no need to read the number)
        v1 = parse_number(n1)
        if v1 is None or v1 >= 1000 or (n1 and n1[0] in "〇零"):
            return None  # a year: 二〇一五年
        if after[:1] in ("月", "度", "代", "级", "底", "初", "末", "中", "内", "间", "前", "后"):
            return None  # 15年6月, 2011-13年度, 2020年后 …
        if before in ("-", "至", "到", "—"):
            return None
    if after[:1] in ("号", "届"):
        return None
    if unit.unit == "周" and after[:1] == "年":
        return None  # 70周年: an anniversary
    v1 = _num(n1, unit)
    if v1 is None:
        return None
    approx = r.approx.get(hit.approx or "") or r.approx_after.get(m.group("after") or "")
    if n2:
        v2 = _num(n2, unit)
        if v2 is None or v2 < v1:
            return None
        value, vmin, vmax = None, v1, v2
    else:
        value, vmin, vmax = v1, v1, v1
    counts = None if unit.unit == "%" else _counts(s, b, unit, r)
    context = _context(s, a, r)
    q = Quantity("", 0, 0, _intish(value), unit.unit, unit.en, unit.dimension,
                 _intish(vmin), _intish(vmax), counts, context,
                 _measure(unit, counts, context, r), approx)  # fmt: skip
    return a, b, q


def _cn_quantity_ok(n: str, unit: _Unit) -> bool:
    """Chinese numerals: 一 is mostly an article (一个, 一次); 两国/两军 are not counts."""
    if n == "一":
        return unit.one_ok
    return True


def _intish(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


_EN_APPROX = {
    "about": "about", "approximately": "about", "around": "about", "some": "about",
    "nearly": "nearly", "over": "over", "more than": "over", "at least": "at least",
    "up to": "up to",
}  # fmt: skip
_EN_STOP = re.compile(
    r"\s+(?:and|to|in|on|at|for|by|from|with|was|were|will|is|are|have|has|had|who|which|that)\b"
    r"|[,.;:()]"
)


def _en_quantity(s: str, m: re.Match[str], r: _Rules) -> Quantity | None:
    g = m.groupdict()
    n1 = g["n1"]
    if re.fullmatch(r"(19|20)\d\d", n1) and not g.get("pct"):
        return None  # a year
    if s[max(0, m.start("n1") - 4) : m.start("n1")].lower().endswith(("no. ", "no.")):
        return None
    prev_word = re.search(r"(\w+)\s*$", s[max(0, m.start() - 20) : m.start()])
    if prev_word and prev_word.group(1).lower() in (
        "resolution",
        "resolutions",
        "article",
        "section",
    ):
        return None
    v1 = _en_number(n1, g.get("sc1"))
    if v1 is None:
        return None
    v2 = _en_number(g["n2"], g.get("sc2") or g.get("sc1")) if g.get("n2") else None
    approx = _EN_APPROX.get((g.get("approx") or "").lower())
    counts: str | None
    if g.get("pct"):
        unit, counts = "%", None
    elif "u" in g:  # hyphenated duration: 3-week exchange
        unit = r.english[g["u"].lower() + "s"]
        counts = g.get("np")
    else:
        np = re.sub(r"\s+", " ", g["np"]).strip()
        last = np.lower()
        unit = next((u for w, u in sorted(r.english.items(), key=lambda kv: -len(kv[0]))
                     if last.endswith(w)), "个")  # fmt: skip
        counts = np
        zu = next((u for u in r.forms.values() if u.unit == unit), None)
        if zu is not None and zu.counting in ("measure", "duration"):
            # "64 million tons of CO2 equivalent": what is measured follows "of"
            of = re.match(r"\s+of\s+(.+)", s[m.end() : m.end() + 60])
            tail = of.group(1) if of else ""
            stop = _EN_STOP.search(tail)
            counts = (tail[: stop.start()] if stop else tail).strip() or None
    zh_unit = next((u for u in r.forms.values() if u.unit == unit), None)
    en = zh_unit.en if zh_unit else "items"
    dim = zh_unit.dimension if zh_unit else "count"
    value = None if v2 is not None else _intish(v1)
    vmax = _intish(v2 if v2 is not None else v1)
    return Quantity("", 0, 0, value, unit, en, dim, _intish(v1), vmax, counts, None, counts, approx)


def _en_number(n: str, scale: str | None) -> float | None:
    n = n.replace(" ", "-")
    if n[0].isdigit():
        v = float(n.replace(",", ""))
    else:
        iv = en_to_int(n, ordinal=False)
        if iv is None:
            return None
        v = float(iv)
    return v * _SCALE.get((scale or "").lower(), 1)
