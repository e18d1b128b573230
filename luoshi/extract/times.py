"""Find and normalise time expressions in outcome-document text (Chinese or English).

``find_times(text, ref)`` returns every time expression in ``text`` as a
:class:`TimeExpr`: its span in ``text`` and the interval it denotes, resolved
against ``ref`` (the document's own date: the meeting date, else the
publication date). Callers pass simplified Chinese with normalised digits;
stray spaces (``2016 年 6 月``), hard line wraps inside an expression, full-width
digits and the Traditional characters time words are made of are tolerated.

Interval conventions (all dates inclusive, ISO ``YYYY-MM-DD``):

* A calendar unit is its whole extent: ``2016年`` = 01-01..12-31, ``6月14日`` =
  that day (year from ``ref``), ``秋季`` = 09-01..11-30, ``冬`` = 12-01..end of
  February next year, ``第四季度`` = 10-01..12-31, ``下半年`` = 07-01..12-31,
  ``上旬/中旬/下旬`` = days 1-10/11-20/21-end, ``年初`` = 01-01..03-31,
  ``年中`` = 06-01..07-31, ``年底/年末`` = 10-01..12-31; school holidays
  ``暑期/暑假`` = 07-01..08-31 and ``寒假/寒期`` = 01-01..end of February of the
  year written (English "summer vacation", "winter break" alike; plain
  "summer"/"winter" are the seasons). ``今年/明年/去年`` are whole calendar
  years. ``前三季度`` / ``今年前三个月`` = 01-01 to the end of the Nth quarter /
  month (前N个月 only after a year: alone it may count from anything). These
  tables live in ``luoshi/data/time_words.toml``.
* Deadlines (``kind="deadline"``, ``relation="before"``) run from ``ref`` (the
  document makes the commitment) to the bound; start is None when there is no
  ``ref`` or the bound lies before it. ``X前`` on a day, or on an "end of"
  unit, includes it (``2016年10月30日前`` → ..2016-10-30, ``年底前`` → ..12-31);
  on any other unit it is strictly before the unit starts (``2017年1月之前``
  → ..2016-12-31), and so is a festival, as an occasion (``春节前`` → ..the
  eve of 春节, ``国庆节前`` → ..09-30). ``到X`` and ``不晚于X`` include all of X (``到2020年`` →
  ..2020-12-31). ``年内`` / ``2016年内`` = ref..12-31 of that year (the whole year
  if ref lies outside it).
* ``今年晚些时候`` = ref..12-31; ``半年内`` = ref..ref+6 months; ``未来5年`` =
  ref..ref+5 years (``kind="duration-from-ref"``); ``过去五年`` = ref-5y..ref.
* ``X以来`` = X's start..ref (``relation="since"``); ``X起/开始`` = X's start..open
  (``relation="from"``, ``granularity="open"``); ``X后`` = day after X..open
  (``relation="after"``).
* Ranges ``A至B`` and disjunctions ``A或B`` (also ``2014年8、9月``) give the hull
  of A and B; B borrows the year (and month) A wrote. ``…开始的一周`` = seven
  days from that day (weeks run Monday–Sunday for 本周/下周/上周末).
* Where no year is written it comes from the text when the text gives one: a
  date listed after a dated one (``2016年3月31日和4月1日``), or 同年/次年 after
  the last year written; otherwise from ``ref``. ``今明两年`` and five-year plans
  (``十三五`` = 2016–2020) are fixed spans. ``每年第一季度`` recurs and is skipped.
* Event-anchored deadlines (``在下一轮中美战略与经济对话前``, ``下次会议前``,
  ``2016年协调会前``) carry a symbolic ``anchor`` (``next-round:中美战略与经济对话``,
  ``next-meeting``, ``event:协调会``) for the ledger to resolve; a generic noun
  gives no name (``下一轮对话前`` → ``next-round``, ``下一次委员会会议前`` →
  ``next-meeting``, "before the next round of the Dialogue" → ``next-round``,
  all in the span; a qualified noun keeps its name, ``下一届卫生部长会议前`` →
  ``next-meeting:卫生部长会议``, as it may be another body's; who meets, written
  before the marker, is no name: ``两国元首下次会晤前`` → ``next-meeting``; nor is a
  format word before a generic noun, ``下一次三方磋商前`` → ``next-meeting``, nor in
  English the pair that meets, "before the next EU-China Summit" → ``next-meeting``,
  as "the next Trilateral Meeting"); an ordinal
  keeps its number and drops a generic noun the same way (``第六轮磋商前`` → ``round:6``,
  the sixth round of the document's own mechanism; "no later than the Eighth
  Round" → ``round:8``, "before the 4th Meeting of the Joint Committee" →
  ``meeting:4``); when a year or
  month is written the end is bounded by it. Granularity ``eve`` marks 前夕,
  ``day-before`` marks 前一天.
* English numeric dates ``4/15/2025`` are U.S. month/day/year (the English lists
  are U.S. releases), day/month only when the first number exceeds 12; a four-digit
  year is required, so fractions, scores and "24/7" are not dates. ``FY2026`` /
  "fiscal year 2026" is the U.S. federal fiscal year (2025-10-01..2026-09-30).
  A split year "2026–27" ("the 2026–27 financial year", "FY2026-27", a bare
  "in 2025–26") is a financial year starting in July (Australia/NZ) unless a
  country is written before it (UK, India …: April), or the caller passes the
  document's financial-year start month (``fy_start_month``, from its dialogue
  pair: :func:`financial_year_start`; April or July: that year; in a China–U.S.
  document, October, and with a calendar-year partner, a bare "2017-18" is the
  two calendar years, "the 2017-18 fiscal year" a U.S. one October–September),
  see [english.financial_year]. "the end of" it is its last
  quarter, so "by the end of the 2026–27 financial year" ends 2027-06-30.
  "the December quarter (of 2026)" is the quarter that ends in December
  (10-01..12-31); "the year ending June 2026" the twelve months up to then
  (2025-07-01..2026-06-30); "July this year" / "May of next year" the month.
  "the first/last week of October" (10月第一周, 最后一周) = days 1-7 / the last seven.
* Vague words (适时, 方便的时间, 不远的将来, 近期, 尽快 ...) are recognised with
  no interval and granularity ``vague``; urgency words (尽快, 尽早) have
  relation ``asap``. 今后 alone is ref..open.
* Times of day and clock prefixes stay in the span but not in the value
  (``当地时间2021年3月18日17时许`` → 2021-03-18).
* English: "before X" is strict ("before October 30" → ..10-29) and "by X"
  inclusive ("by June 2016" → ..06-30), as written.

Not times: numbers in resolution or document numbers (第2270号决议, 46/215号),
counts (437家企业), years inside 《titles》, agenda names (2030年可持续发展议程),
G20, AP1000, 9·19共同声明, durations without an anchor (已有21年, 为期3周).

Matching runs on a copy of the text with a one-to-one fold (full-width digits,
the Traditional characters of time words) and without whitespace that touches
CJK; offsets are mapped back, so ``text[start:end] == expr.text`` always.
All vocabulary is in ``luoshi/data/time_words.toml``; patterns are compiled
once at import.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from re import Match

from luoshi.extract import _timeparts_cal as cal
from luoshi.extract import _timeparts_en as en
from luoshi.extract._timeparts_cal import AFFIX, WORDS, Cand, Unit, alt, cls
from luoshi.extract.numerals import parse_ordinal, to_simplified

__all__ = ["GRANULARITIES", "KINDS", "TimeExpr", "financial_year_start", "find_times"]

KINDS = ("point", "range", "deadline", "disjunction", "duration-from-ref")
GRANULARITIES = (
    "day", "week", "xun", "month", "season", "quarter", "half", "year-part", "year",
    "range", "open", "vague", "event", "eve", "day-before",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TimeExpr:
    text: str  # == source[start:end]
    start: int
    end: int
    value_start: str | None  # ISO date, or None when open / unresolvable / vague
    value_end: str | None
    granularity: str  # see GRANULARITIES
    anchor: str | None = None  # "next-round:中美战略与经济对话", "next-meeting", "event:协调会"
    kind: str = "point"  # see KINDS
    # "during" | "before" (deadlines, anchors) | "from" | "since" | "after" | "asap"
    relation: str = "during"


# ---------------------------------------------------------------------------
# Text preparation: a one-to-one fold (offsets unchanged), then removal of
# whitespace next to CJK so that "2016 年 6\n月" reads as "2016年6月".
_FOLD_MAP = {p[0]: p[1] for p in WORDS["fold"]["pairs"]}
_FOLDABLE = re.compile(cls("".join(_FOLD_MAP)))


def _fold(text: str) -> str:
    # a sub over the few foldable characters beats str.translate over all of them
    return _FOLDABLE.sub(lambda m: _FOLD_MAP[m.group()], text)


_WIDE = "\u2e80"  # CJK radicals and everything above, incl. CJK punctuation
# whitespace touching a CJK character (after one, before one); two scans that
# each start with a character class are much faster than one with lookarounds
_WS_AFTER_CJK = re.compile(r"[\u2e80-\U0010ffff]\s+")
_WS_BEFORE_CJK = re.compile(r"\s+[\u2e80-\U0010ffff]")
_WS = re.compile(r"\s")


def _compact(text: str) -> tuple[str, list[int], list[int]]:
    """Drop whitespace runs touching a CJK character (English spacing is left
    alone); return the string and its run table (compact run starts, original
    run starts)."""
    if _WS.search(text) is None:  # most items: the scans below would find nothing
        return text, [0], [0]
    runs = {(m.start() + 1, m.end()) for m in _WS_AFTER_CJK.finditer(text)}
    runs.update((m.start(), m.end() - 1) for m in _WS_BEFORE_CJK.finditer(text))
    parts: list[str] = []
    dst: list[int] = [0]
    src: list[int] = [0]
    pos = out = 0
    for s, e in sorted(runs):
        if s < pos:  # the same run seen from both sides, or a tail of one
            s = pos
            if s >= e:
                continue
        parts.append(text[pos:s])
        out += s - pos
        pos = e
        dst.append(out)
        src.append(e)
    parts.append(text[pos:])
    return "".join(parts), dst, src


# ---------------------------------------------------------------------------
# Chinese building blocks
# digits a year can be written with (二〇一五); 两 is a count, never a digit of a year
_YD = "".join(k for k in WORDS["numerals"]["digits"] if k != "两")
_NOT_AFTER_NUM = rf"(?<![0-9{_YD}十两])"
YEAR_NUM = rf"(?:(?:19|20)\d\d|[{_YD}]{{4}})"
MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY_NUM = (
    r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])"
)
_CN_SMALL = r"[一二三四五六七八九十两〇零]{1,3}"
SEP = alt(AFFIX["range_separators"])
_REL = WORDS["relative"]
_REL_Y = alt(_REL["years"])
_ANA_Y = alt(_REL["anaphoric_years"])
_BARE_BAD = cls(AFFIX["bare_year_bad_prev"])
_MID_OK = cls(AFFIX["mid_ok_next"])
_EARLY_BAD = cls(AFFIX["early_bad_next"])


def _parts(words: list[str]) -> str:
    """Alternation of 上旬/初/中/底 …, guarding the two that start other words."""
    guard = {"初": rf"初(?!{_EARLY_BAD})", "中": rf"中(?={_MID_OK}|$)"}
    return "|".join(guard.get(w, re.escape(w)) for w in sorted(words, key=len, reverse=True))


_MP = _parts(list(WORDS["month_parts"]))
_YP = _parts(list(WORDS["year_parts"]))
_HOLIDAY_BAD: dict[str, str] = WORDS["holidays"]["bad_next"]


def _holidays() -> str:
    """Holiday words, longest first; those that can be read across a name boundary
    (韩国|庆州, 青春|节目) not before the characters [holidays.bad_next] lists."""
    words = sorted(
        {*WORDS["holidays"]["fixed"], *WORDS["holidays"]["lunar"]}, key=len, reverse=True
    )
    return "|".join(
        re.escape(w) + (f"(?!{cls(_HOLIDAY_BAD[w])})" if w in _HOLIDAY_BAD else "") for w in words
    )


_HOLIDAYS = _holidays()
_SEASONS = {k: v for k, v in WORDS["seasons"].items() if k != "suffixes"}
_SEASON = cls("".join(_SEASONS))
_SEASON_SFX = alt(WORDS["seasons"]["suffixes"])
_SEASON_BAD = cls(AFFIX["season_bad_next"])
_HALVES = alt(WORDS["halves"])
_QWORDS: dict[str, int] = WORDS["quarter_words"]
_VACATIONS = alt(WORDS["vacations"])
_VACATION_BAD = cls(AFFIX["vacation_bad_next"])
_VACATION_SFX = alt(AFFIX["vacation_suffixes"])
_FIRST_BAD = cls(AFFIX["first_periods_bad_prev"])

_Y = (
    rf"(?:(?P<y>{YEAR_NUM})(?:年度?|(?=(?:{SEP})(?:{YEAR_NUM}|\d\d)年))"
    rf"|(?P<ry>{_REL_Y})|(?P<ay>{_ANA_Y}))"
)


def _rest(strict: bool) -> str:
    """What may follow a year (strict=False) or stand without one (strict=True).

    Without a year, single-character seasons (秋) and a bare 初/底 are too
    ambiguous, so they need 季/天 and 年 respectively.
    """
    return "|".join(
        [
            rf"(?P<m>{MONTH_NUM})月份?(?:(?P<d>{DAY_NUM})(?:[日号]|(?=(?:{SEP}){DAY_NUM}[日号]))"
            rf"|(?P<mp>{_MP}))?",
            rf"(?P<hol>{_HOLIDAYS})",
            rf"(?P<season>{_SEASON})(?P<ss>{_SEASON_SFX}){'' if strict else '?'}(?!{_SEASON_BAD})",
            rf"{'第' if strict else '第?'}(?P<q>[一二三四1-4])季度",
            # 前三季度: the first N quarters of the year; 前三个月 only after a year,
            # as alone it may count from anything (项目启动后前三个月)
            rf"{f'(?<!{_FIRST_BAD})' if strict else ''}前(?P<fq>[一二三四两1-4])个?季度",
            *([] if strict else [rf"前(?P<fm>{MONTH_NUM}|两)个月"]),
            *([] if strict else [rf"(?P<qw>{alt(_QWORDS)})(?!节)"]),  # 明年首季; not 末季节
            rf"(?P<half>{_HALVES})",
            rf"(?P<vac>{_VACATIONS})(?:{_VACATION_SFX})?(?!{_VACATION_BAD})",
            rf"{f'(?<!{_BARE_BAD})年' if strict else '年?'}(?P<yp>{_YP})",
        ]
    )


_WITHIN = alt(AFFIX["within_suffixes"])
_WITHIN_BAD = cls(AFFIX["within_bad_next"])


def _firsts(*groups: str | Iterable[str]) -> str:
    """A lookahead on the characters a pattern can start with (a string: its
    characters; a list of words: their first characters). Most positions of a
    text then fail one charset test instead of trying every alternative, which
    makes the scan several times faster."""
    chars: set[str] = set()
    for g in groups:
        chars.update(g if isinstance(g, str) else (w[0] for w in g))
    return f"(?={cls(''.join(sorted(chars)))})"


def _key_chars(words: Iterable[str]) -> str:
    """A few characters such that each of ``words`` contains one of them.

    A text holding none of them holds none of the words, and a handful of
    ``ch in text`` tests (C-speed substring search) is far cheaper than a regex
    scan; patterns that cannot match without one of the words are skipped.
    """
    left = set(words)
    chars = ""
    while left:  # greedy: the character found in the most remaining words
        counts = Counter(ch for w in left for ch in set(w))
        best = max(sorted(counts), key=counts.__getitem__)
        chars += best
        left = {w for w in left if best not in w}
    return chars


def _has_any(text: str, chars: str) -> bool:
    for ch in chars:  # noqa: SIM110 (a generator in any() costs more than the tests)
        if ch in text:
            return True
    return False


_ATOM1 = re.compile(
    _firsts("12", _YD, _REL["years"], _REL["anaphoric_years"])
    + rf"{_NOT_AFTER_NUM}{_Y}(?:{_rest(False)})?"
)
_ATOM2 = re.compile(
    _firsts(
        "0123456789一二三四五六七八九十年第前",
        _REL["days"],
        _REL["weeks"],
        _REL["months"],
        _REL["quarters"],
        _REL["spans"],
        WORDS["named_periods"],
        WORDS["holidays"]["fixed"],
        WORDS["holidays"]["lunar"],
        _SEASONS,
        WORDS["halves"],
        WORDS["vacations"],
    )
    + rf"(?<![0-9{_YD}十两第每])(?:"
    rf"(?P<iso>(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=isep)"
    rf"(?P<id>3[01]|[12]\d|0?[1-9]))(?!\d)"
    rf"|(?P<rd>{alt(_REL['days'])})"
    rf"|(?P<rw>{alt(_REL['weeks'])})(?:(?P<rwe>末)|(?P<rwd>[一二三四五六日天])(?!次|[个名位项]))?"
    rf"|(?P<rm>{alt(_REL['months'])})(?P<rmp>{_MP})?"
    rf"|(?P<rq>{alt(_REL['quarters'])})(?P<rqp>[初末底](?!{_EARLY_BAD}))?"
    rf"|(?<!{_BARE_BAD})(?P<ybare>年)(?=(?:{_WITHIN})(?!{_WITHIN_BAD}))"
    rf"|(?P<rspan>{alt(_REL['spans'])})"
    rf"|(?P<plan>{alt(WORDS['named_periods'])})"
    rf"|{_rest(True)})"
)
_REST_KEYS = ("m", "hol", "season", "vac", "q", "qw", "fq", "fm", "half", "yp")
# Every _ATOM1 match writes 年 (2016年, 2015至16年) or a relative year (今年,
# 同年), so a text without any of those characters needs no scan.
_ATOM1_NEEDS = _key_chars(["年", *_REL["years"], *_REL["anaphoric_years"]])
# 2014年8、9月: a list of months after one year
_MONTH_LIST = re.compile(
    rf"{_NOT_AFTER_NUM}{_Y}(?P<ms>{MONTH_NUM}(?:[、和或]{MONTH_NUM})+)月份?(?:间)?"
)
_MONTH_LIST_HINT = re.compile(rf"[、和或]{MONTH_NUM}月")  # cheap gate for the regex above
_LIST_CONNECTORS = sorted(AFFIX["list_connectors"], key=len, reverse=True)
# tuples, for str.endswith: one call tests every prefix
_RECURRING = tuple(AFFIX["recurring_prefixes"])
_BARE_DAY = re.compile(rf"(?P<d>{DAY_NUM})[日号]")
_YY = re.compile(r"(?P<yy>\d\d)年度?(?!\d)")
_SEP_RE = re.compile(SEP)
_DISJ_RE = re.compile(alt(AFFIX["disjunctions"]))
_TAIL_RE = re.compile(alt(AFFIX["range_tails"]))
_AGENDA = re.compile(rf"后?[\u4e00-\u9fff]{{0,6}}?(?:{alt(AFFIX['agenda_heads'])})")

_BEFORE_BAD = rf"(?!{cls(AFFIX['before_bad_next'])}|{alt(AFFIX['before_bad_words'])})"
_PERIODS = alt(AFFIX["day_periods"])
_SUFFIX = re.compile(
    rf"(?P<later>{alt(AFFIX['later_suffixes'])})"
    rf"|(?P<week>{alt(AFFIX['week_suffixes'])})"
    rf"|(?P<mweek>(?:第(?P<wn>[一二三四1-4])|(?P<wl>最[后後]一))[周週])"
    rf"|(?P<tod>(?:{_PERIODS})?(?:(?:\d{{1,2}}|{_CN_SMALL})[时点](?:(?:\d{{1,2}}|{_CN_SMALL})分)?"
    rf"(?:许|左右)?|\d{{1,2}}:\d\d(?::\d\d)?)|(?:{_PERIODS})(?![0-9{_YD}十两]))"
    rf"|(?P<within>年?(?:{_WITHIN})(?!{_WITHIN_BAD}))"
    rf"|(?P<approx>{alt(AFFIX['approx_suffixes'])})"
    rf"|(?P<deadline>{alt(AFFIX['deadline_suffixes'])}){_BEFORE_BAD}"
    rf"|(?P<since>{alt(AFFIX['since_suffixes'])})"
    rf"|(?P<from>{alt(AFFIX['from_suffixes'])})(?!{cls(AFFIX['from_bad_next'])})"
    rf"|(?P<after>{alt(AFFIX['after_suffixes'])})(?!{cls(AFFIX['after_bad_next'])})"
)
_CLOCK_PREFIXES = tuple(sorted(AFFIX["clock_prefixes"], key=len, reverse=True))
_FROM_PREFIXES = tuple(sorted(AFFIX["from_prefixes"], key=len, reverse=True))
_DEADLINE_PREFIXES = tuple(sorted(AFFIX["deadline_prefixes"], key=len, reverse=True))
_TO_BAD_PREV = AFFIX["to_bad_prev"]
_LATER: dict[str, str] = AFFIX["later_suffixes"]
_FROM_BAD_PREV = AFFIX["from_bad_prev"]


def _year_of(g: dict[str, str | None], ref: date | None, hint: int | None) -> int | None:
    if g.get("y"):
        return cal.num(g["y"] or "")
    if g.get("ry"):
        return ref.year + _REL["years"][g["ry"]] if ref else None
    if g.get("ay"):  # 同年, 次年: counted from the year last written (the hint)
        base = hint if hint is not None else (ref.year if ref else None)
        return base + _REL["anaphoric_years"][g["ay"]] if base is not None else None
    if hint is not None:
        return hint
    return ref.year if ref else None


_WEEKDAYS = "一二三四五六日天"  # after 本周/下周: Monday … Sunday (日 and 天 both Sunday)


def _unit(
    g: dict[str, str | None],
    ref: date | None,
    year_hint: int | None = None,
    month_hint: int | None = None,
) -> Unit | None:
    """The calendar unit an atom's groups denote; None if it is no valid date."""
    try:
        return _unit_or_raise(g, ref, year_hint, month_hint)
    except (ValueError, KeyError, OverflowError):
        return None  # 2月30日, a lunar year outside the table ...


def _unit_or_raise(
    g: dict[str, str | None], ref: date | None, year_hint: int | None, month_hint: int | None
) -> Unit:
    if g.get("iso"):
        d = date(int(g["iy"] or 0), int(g["im"] or 0), int(g["id"] or 0))
        return cal.day_unit(d)
    if g.get("rd"):
        return cal.day_unit(ref + timedelta(days=_REL["days"][g["rd"]]) if ref else None)
    if g.get("rw"):
        if ref is None:
            return Unit(None, None, "week")
        mon, sun = cal.week_of(ref + timedelta(weeks=_REL["weeks"][g["rw"]]))
        if g.get("rwd"):  # 本周五, 下周一: that day of the week
            return cal.day_unit(mon + timedelta(days=min(_WEEKDAYS.index(g["rwd"] or ""), 6)))
        return Unit(mon + timedelta(days=5) if g.get("rwe") else mon, sun, "week")
    if g.get("rm"):
        if ref is None:
            return Unit(None, None, "xun" if g.get("rmp") else "month")
        first = cal.add_months(ref.replace(day=1), _REL["months"][g["rm"]])
        if g.get("rmp"):
            return cal.month_part_unit(first.year, first.month, g["rmp"] or "")
        return cal.month_unit(first.year, first.month)
    if g.get("rq"):
        if ref is None:
            return Unit(None, None, "month" if g.get("rqp") else "quarter")
        q0 = cal.add_months(ref.replace(day=1), 3 * _REL["quarters"][g["rq"]])
        first = q0.replace(month=(q0.month - 1) // 3 * 3 + 1)
        if g.get("rqp"):  # 下季度初 / 下季度末: the quarter's first / last month
            first = first if g["rqp"] == "初" else cal.add_months(first, 2)
            return cal.month_unit(first.year, first.month)
        return cal.quarter_unit(first.year, (first.month - 1) // 3 + 1)
    if g.get("rspan"):
        if ref is None:
            return Unit(None, None, "year")
        a, b = _REL["spans"][g["rspan"]]
        return Unit(date(ref.year + a, 1, 1), date(ref.year + b, 12, 31), "year")
    if g.get("plan"):
        a, b = WORDS["named_periods"][g["plan"]]
        return Unit(date(a, 1, 1), date(b, 12, 31), "year")
    y = _year_of(g, ref, year_hint)
    if g.get("m"):
        m = cal.num(g["m"] or "")
        if g.get("d"):
            return cal.day_unit(date(y, m, cal.num(g["d"] or "")) if y else None)
        if g.get("mp"):
            return cal.month_part_unit(y, m, g["mp"] or "")
        if not 1 <= m <= 12:
            raise ValueError(m)
        return cal.month_unit(y, m)
    if g.get("d") and month_hint is not None:  # bare day continuing a range
        return cal.day_unit(date(y, month_hint, cal.num(g["d"] or "")) if y else None)
    if g.get("hol"):
        u = cal.holiday_unit(y, g["hol"] or "")
        if u is None:
            raise ValueError(g["hol"])
        return u
    if g.get("season"):
        return cal.season_unit(y, g["season"] or "")
    if g.get("vac"):
        u = cal.vacation_unit(y, g["vac"] or "")
        # no year written: the coming holiday, not one already over (寒假 in August)
        written = year_hint is not None or any(map(g.get, ("y", "ry", "ay")))
        if not written and ref is not None and y is not None and u.end is not None and u.end < ref:
            u = cal.vacation_unit(y + 1, g["vac"] or "")
        return u
    if g.get("q"):
        return cal.quarter_unit(y, cal.num(g["q"] or ""))
    if g.get("qw"):
        return cal.quarter_unit(y, _QWORDS[g["qw"] or ""])
    if g.get("fq") or g.get("fm"):  # 前三季度, 前10个月: from 1 January to the Nth's end
        n = cal.num(g["fq"] or g["fm"] or "")
        last = cal.quarter_unit(y, n) if g.get("fq") else cal.month_unit(y, n)
        return Unit(date(y, 1, 1) if y else None, last.end, last.gran)
    if g.get("half"):
        return cal.half_unit(y, g["half"] or "")
    if g.get("yp"):
        return cal.year_part_unit(y, g["yp"] or "")
    return cal.year_unit(y)


def _month_of(g: dict[str, str | None]) -> int | None:
    return cal.num(g["m"] or "") if g.get("m") else None


def _continuation(
    cs: str, p: int, ga: dict[str, str | None], ua: Unit, ref: date | None
) -> tuple[int, Unit, bool] | None:
    """The second half of a range/disjunction at ``p``: (end, unit, had_year)."""
    ya = ua.start.year if ua.start else None
    for rx in (_ATOM1, _ATOM2):
        m = rx.match(cs, p)
        if m:
            gb = m.groupdict()
            has_year = any(gb.get(k) for k in ("y", "ry", "ay", "iso", "rd", "rw", "rm", "rq"))
            ub = _unit(gb, ref, ya)
            return (m.end(), ub, has_year) if ub else None
    if ga.get("d"):
        m = _BARE_DAY.match(cs, p)
        if m:
            ub = _unit({"d": m["d"]}, ref, ya, _month_of(ga))
            return (m.end(), ub, True) if ub else None
    if ua.gran == "year" and ga.get("y"):
        m = _YY.match(cs, p)
        if m and ya is not None:
            y2 = ya // 100 * 100 + int(m["yy"])
            return m.end(), cal.year_unit(y2), True
    return None


def _hull(a: Unit, b: Unit, b_has_year: bool) -> Unit | None:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return Unit(None, None, a.gran, b.endish)
    bs, be = b.start, b.end
    if bs < a.start and not b_has_year:  # 12月至1月: January of the next year
        bs, be = cal.shift(bs, 1, "year"), cal.shift(be, 1, "year")
    if be < a.start:
        return None
    return Unit(a.start, max(a.end, be), a.gran, b.endish)


def _atom_cands(cs: str, ref: date | None) -> list[Cand]:
    out: list[Cand] = []
    ends: dict[int, int] = {}  # where a dated expression ends → its year
    last_year: int | None = None  # the year written last, for 同年/次年
    covered: list[tuple[int, int]] = []
    for m in _ATOM1.finditer(cs) if _has_any(cs, _ATOM1_NEEDS) else ():
        covered.append(m.span())
        hint = last_year if m["ay"] else None
        g = m.groupdict()
        c = _from_atom(cs, m, ref, hint, g)
        if c is not None:
            out.append(c)
            if c.year is not None:
                ends[c.end] = last_year = c.year
            _event_after(cs, m, ref, hint, out, g)
    k = 0
    for m in _ATOM2.finditer(cs):
        # a year-less match inside a dated one (8月25日 in 2014年8月25日) can only
        # lose to it, or wrongly survive it when the full date is invalid
        while k < len(covered) and covered[k][1] <= m.start():
            k += 1
        if k < len(covered) and covered[k][0] <= m.start():
            continue
        hint = _listed_year(cs, m.start(), ends)
        g = m.groupdict()
        c = _from_atom(cs, m, ref, hint, g)
        if c is not None:
            out.append(c)
            if hint is not None and c.year is not None:
                ends[c.end] = c.year  # 3月31日、4月1日和4月2日: pass it on
            _event_after(cs, m, ref, hint, out, g)
    if "月" in cs and _MONTH_LIST_HINT.search(cs):
        for m in _MONTH_LIST.finditer(cs):
            c = _month_list(cs, m, ref, last_year if m["ay"] else None)
            if c is not None:
                out.append(c)
    return out


def _event_after(
    cs: str,
    m: Match[str],
    ref: date | None,
    hint: int | None,
    out: list[Cand],
    g: dict[str, str | None] | None = None,
) -> None:
    """2016年协调会前, 9月联合国大会之前: a year or month, then an event, then 前.

    Before an event that happens within the written period: the deadline is
    bounded by the period's end and anchored to the event."""
    if g is None:
        g = m.groupdict()
    if g.get("d") or g.get("mp") or not (g.get("m") or g.get("y") or g.get("ry") or g.get("ay")):
        return
    if any(map(g.get, ("hol", "season", "vac", "q", "qw", "fq", "fm", "half", "yp"))):
        return
    tail = _EVENT_TAIL.match(cs, m.end())
    if tail is None:
        return
    unit = _unit(g, ref, hint)
    if unit is None:
        return
    vs, ve = cal.deadline_values(unit, ref, inclusive=True)
    gran = _ANCH["relations"][tail["rel"]]
    anchor: str | None = "event:" + canon(tail["name"])
    opening = _opening(tail["name"], unit) if g.get("y") and not g.get("m") else None
    if opening is not None:  # 2028年洛杉矶奥运会前: up to the day before it opens
        ve = opening - cal.DAY
        vs, anchor = (ref if ref is not None and ref <= ve else None), None
    out.append(Cand(m.start(), tail.end(), vs, ve, gran, "deadline", "before", anchor, prio=0))


_EVENT_DAYS: dict[str, dict[str, str]] = WORDS["anchors"]["recurring_events"]
_EVENT_ENDS = sorted(_EVENT_DAYS, key=len, reverse=True)


def _opening(name: str, unit: cal.Unit) -> date | None:
    """The opening day of the edition of a recurring event ([anchors.recurring_events])
    held in the written year, None if it is not listed."""
    if unit.start is None:
        return None
    name = to_simplified(name)
    for end in _EVENT_ENDS:
        if name.endswith(end):
            day = _EVENT_DAYS[end].get(str(unit.start.year))
            return cal.md(day, unit.start.year) if day else None
    return None


def _listed_year(cs: str, s: int, ends: dict[int, int]) -> int | None:
    """The year of a dated expression that ends just before ``s`` across 和/、/及."""
    for conn in _LIST_CONNECTORS:
        ps = s - len(conn)
        if ps > 0 and cs.startswith(conn, ps) and ps in ends:
            return ends[ps]
    return None


def _month_list(cs: str, m: Match[str], ref: date | None, hint: int | None) -> Cand | None:
    """2014年8、9月(间): the hull of the listed months, as a disjunction."""
    months = [cal.num(x) for x in re.findall(MONTH_NUM, m["ms"])]
    y = _year_of(m.groupdict(), ref, hint)
    if y is None:
        return Cand(m.start(), m.end(), None, None, "month", "disjunction")
    first, last = cal.month_unit(y, min(months)), cal.month_unit(y, max(months))
    return _suffixes(
        cs, m.start(), m.end(), Unit(first.start, last.end, "month"), last, "disjunction", ref
    )


def _from_atom(
    cs: str,
    m: Match[str],
    ref: date | None,
    hint: int | None = None,
    g: dict[str, str | None] | None = None,
) -> Cand | None:
    if g is None:
        g = m.groupdict()
    s, e = m.span()
    if s == e:
        return None
    if cs.endswith(_RECURRING, 0, s):
        return None  # 每年第一季度: every year, not a date
    unit = _unit(g, ref, hint)
    if unit is None:
        return None
    year_only = bool(g.get("y") or g.get("ry") or g.get("ay")) and not any(map(g.get, _REST_KEYS))
    if year_only and g.get("y") and _AGENDA.match(cs, e):
        return None  # 2030年可持续发展议程: the name of an agenda
    kind = "point"
    last = unit  # the unit a deadline suffix applies to (B of "A至B")
    sep = _SEP_RE.match(cs, e) or _DISJ_RE.match(cs, e)
    if sep:
        cont = _continuation(cs, sep.end(), g, unit, ref)
        if cont is not None:
            cend, ub, b_has_year = cont
            hull = _hull(unit, ub, b_has_year)
            if hull is not None:
                kind = "disjunction" if _DISJ_RE.match(cs, e) else "range"
                unit, last, e = hull, ub, cend
                if kind == "range":
                    tail = _TAIL_RE.match(cs, e)
                    if tail:
                        e = tail.end()
    if g.get("y") and not cs.startswith("年", m.end("y")) and kind == "point":
        return None  # "2011" only stood for a year because a range followed
    if g.get("rspan") or g.get("plan"):
        kind = "range"
    c = _suffixes(cs, s, e, unit, last, kind, ref)
    c.year = last.start.year if last.start else None
    return c


def _suffixes(cs: str, s: int, e: int, unit: Unit, last: Unit, kind: str, ref: date | None) -> Cand:
    """Apply what follows (前, 内, 以来, 起, 后, 开始的一周, 17时许 ...) and what
    precedes (当地时间, 到, 自) a unit, and build the candidate."""
    combined = kind in ("range", "disjunction")
    vs, ve = unit.start, unit.end
    gran, relation = unit.gran, "during"
    inclusive = last.cn_inclusive
    for _ in range(3):
        m = _SUFFIX.match(cs, e)
        if not m:
            break
        what = m.lastgroup or ""
        if what == "tod":
            if last.gran != "day":
                break
            e = m.end()
            continue
        if what == "approx":
            e = m.end()
            continue
        if what == "mweek":  # 10月第一周: days 1-7; 最后一周: the last seven days
            if combined or last.gran != "month" or last.start is None:
                break
            nth = 0 if m["wl"] else cal.num(m["wn"] or "")
            unit = last = cal.week_of_month_unit(last.start.year, last.start.month, nth)
            vs, ve, gran, inclusive = unit.start, unit.end, "week", last.cn_inclusive
            e = m.end()
            continue
        if what == "within" and m.group().startswith("年") and unit.gran != "year":
            break
        e = m.end()
        if what == "deadline":
            if m.group() == "前夕":  # the eve of X: the day before it starts
                vs, ve = cal.deadline_values(last, ref, inclusive=False)
                gran = "eve"
            else:
                vs, ve = cal.deadline_values(last, ref, inclusive)
                gran = last.gran
            kind, relation = "deadline", "before"
        elif what == "within":
            vs, ve = cal.within_values(unit, ref)
            kind, relation = "deadline", "before"
        elif what == "week":
            vs = unit.start
            ve = vs + timedelta(days=6) if vs else None
            gran = "week"
        elif what in ("since", "from", "after"):
            vs, ve, kind, gran = cal.apply_relation(what, unit, ref)
            relation = what
        elif what == "later":  # 晚些时候 → "later", 早些时候 → "earlier"
            vs, ve, kind, gran = cal.apply_relation(_LATER[m.group()], unit, ref)
        break
    # prefixes (each list is tried only if one of its words ends at s: one
    # C-level endswith instead of a Python loop, as most units have none)
    if cs.endswith(_CLOCK_PREFIXES, 0, s):
        for p in _CLOCK_PREFIXES:
            if s >= len(p) and cs.startswith(p, s - len(p)):
                s -= len(p)
                break
    if relation in ("from", "since") or combined:
        for p in _FROM_PREFIXES if cs.endswith(_FROM_PREFIXES, 0, s) else ():
            ps = s - len(p)
            if ps >= 0 and cs.startswith(p, ps) and (ps == 0 or cs[ps - 1] not in _FROM_BAD_PREV):
                s = ps
                break
    elif kind in ("point", "deadline") and cs.endswith(_DEADLINE_PREFIXES, 0, s):
        for p in _DEADLINE_PREFIXES:
            ps = s - len(p)
            if ps >= 0 and cs.startswith(p, ps):
                if p == "到" and ps > 0 and cs[ps - 1] in _TO_BAD_PREV:
                    break
                if kind == "point":  # 到2020年: by the end of 2020
                    vs, ve = cal.deadline_values(unit, ref, inclusive=True)
                    kind, relation = "deadline", "before"
                s = ps
                break
    return Cand(s, e, vs, ve, gran, kind, relation)


# ---------------------------------------------------------------------------
# Event-anchored deadlines
_ANCH = WORDS["anchors"]
_HEADS = alt(_ANCH["event_heads"])
_GENERIC = set(_ANCH["generic_names"])
# 三方磋商: a format word before a generic noun names no body either
_GEN_MODS_ZH = re.compile(f"(?:{alt(_ANCH['generic_modifiers'])})+")
_ALIASES: dict[str, str] = _ANCH["aliases"]
_ANCHOR_REL = rf"(?P<rel>{alt(_ANCH['relations'])}){_BEFORE_BAD}"
_NAME_CH = r"[^\s，。；：、,.;:（）()“”\"《》〈〉0-9]"
_HOLD = rf"(?:{alt(_ANCH['holding_verbs'])})?"
_A_NEXT = re.compile(
    rf"(?P<nx>{alt(_ANCH['next_markers'])})(?P<name>{_NAME_CH}{{0,16}}?){_HOLD}{_ANCHOR_REL}"
)
_A_NTH = re.compile(
    rf"第(?P<n>[0-9一二三四五六七八九十]{{1,3}})(?P<u>[轮次届])"
    rf"(?P<name>{_NAME_CH}{{0,14}}?(?:{_HEADS})){_HOLD}{_ANCHOR_REL}"
)
# 在下一次会议上: at the next meeting, not before it
_A_NEXT_AT = re.compile(
    rf"(?P<nx>{alt(_ANCH['next_markers'])})(?P<name>{_NAME_CH}{{0,16}}?(?:{_HEADS}))"
    rf"(?:{alt(_ANCH['at_relations'])})"
)
_AT_CHARS = _key_chars(_ANCH["at_relations"])
_NEXT_IN = re.compile(alt(_ANCH["next_markers"]))
_EVENT_TAIL = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{0,12}}?(?:{_HEADS})){_ANCHOR_REL}")
# 在/于 is consumed (a leading character class scans fast) and left out of the span
_A_BARE = re.compile(
    rf"[在于](?![下第])(?P<name>[\u4e00-\u9fff]{{0,10}}?(?:{_HEADS})){_HOLD}{_ANCHOR_REL}"
)


# Every anchor pattern above ends in a relation word (前, 之前 ...): without one
# in the text none of them can match.
_REL_CHARS = _key_chars(_ANCH["relations"])


def canon(name: str) -> str:
    # the fold above converts only the characters times are built from (經 but
    # not 貿): a name is read in full Simplified, as every other name is
    name = to_simplified(name.strip("的 "))
    return _ALIASES.get(name, name)


def _anchor_cands(cs: str) -> list[Cand]:
    """Anchors without a written time (those with one come from _event_after)."""
    out: list[Cand] = []
    if "下" in cs and _has_any(cs, _AT_CHARS):
        for m in _A_NEXT_AT.finditer(cs):
            anchor = _next_anchor(m["nx"], m["name"])
            out.append(Cand(m.start(), m.end(), None, None, "event", "point", "during", anchor, 0))
    if not _has_any(cs, _REL_CHARS):
        return out

    def add(m: Match[str], anchor: str, prio: int = 0, start: int | None = None) -> None:
        gran = _ANCH["relations"][m["rel"]]
        s = m.start() if start is None else start
        out.append(Cand(s, m.end(), None, None, gran, "deadline", "before", anchor, prio))

    for m in _A_NEXT.finditer(cs):
        add(m, _next_anchor(m["nx"], m["name"]))
    for m in _A_NTH.finditer(cs):
        kind = "round" if m["u"] == "轮" else "meeting"
        try:
            n = cal.num(m["n"])
        except KeyError:  # 第十十轮: not a numeral
            continue
        # a bare kind noun (第六轮磋商前) is the document's own mechanism: no name
        name = to_simplified(m["name"])
        add(m, f"{kind}:{n}" if _generic(name) else f"{kind}:{n}:{canon(name)}")
    for m in _A_BARE.finditer(cs):
        name = m["name"]
        nx = _NEXT_IN.search(name)
        if nx is not None:  # 两国元首下次会晤前: who meets, then the next meeting
            add(m, _next_anchor(nx.group(), name[nx.end() :]), start=m.start("name"))
        else:
            add(m, "event:" + canon(name), prio=2, start=m.start("name"))
    return out


def _generic(name: str) -> bool:
    """A bare kind noun (会议, 磋商), also after format words (三方磋商, 双边会议)."""
    if name in _GENERIC:
        return True
    x = _GEN_MODS_ZH.match(name)
    return x is not None and name[x.end() :] in _GENERIC and x.end() < len(name)


def _next_anchor(marker: str, name: str) -> str:
    """下一轮对话前 → next-round, 下次委员会会议前 → next-meeting (a bare kind
    noun: the ledger reads it as the document's own mechanism); a qualified
    name is kept (下一届卫生部长会议前 → next-meeting:卫生部长会议), as it may
    be another body's meeting. Words before the marker (两国元首下次会晤) say
    who meets and are not part of the name."""
    rounds = "轮" in marker
    name = to_simplified(name)  # 下屆委員會會議: 員 is not folded
    if _generic(name):
        return "next-round" if rounds else "next-meeting"
    return ("next-round:" if rounds else "next-meeting:") + canon(name)


# ---------------------------------------------------------------------------
# A day without a month ([bare_day]): 华盛顿28日电 → the document's month
_BD = WORDS["bare_day"]
_BARE_DAY_ALONE = re.compile(
    rf"(?<![0-9０-９一二三四五六七八九十〇零{re.escape(''.join(_BD['bad_prev']))}])"
    rf"(?P<d>[12][0-9]|3[01]|0?[1-9])日"
    # 10日至11日在旧金山举行: two days of the document's month
    rf"(?:(?:至|到|—|-|～)(?P<d2>[12][0-9]|3[01]|0?[1-9])日)?(?={alt(_BD['next'])})"
)
# 2029年第14期: a newsletter's issue number, not the year 2029
_ISSUE_NO = re.compile(r"第[0-9一二三四五六七八九十百]+期")


def _bare_day_cands(cs: str, ref: date | None) -> list[Cand]:
    out: list[Cand] = []
    if ref is None or "日" not in cs:
        return out
    for m in _BARE_DAY_ALONE.finditer(cs):
        try:
            d = ref.replace(day=int(m["d"]))
            d2 = ref.replace(day=int(m["d2"])) if m["d2"] else d
        except ValueError:
            continue  # 31日 in a 30-day month
        if d2 < d:
            continue
        # prio 3: any reading with a month (6月28日) covers it first
        out.append(Cand(m.start(), m.end(), d, d2, "range" if d2 > d else "day", prio=3))
    return out


# ---------------------------------------------------------------------------
# The school year ([academic_year]): 下学年, 本学年, 2027—2028学年
_ACAD = WORDS["academic_year"]
_ACAD_RE = re.compile(
    rf"(?:(?P<y1>\d{{4}})年?[-—–~至到](?P<y2>\d{{4}})年?|(?P<rel>{alt(_ACAD['relative'])}))学年"
)


def _academic_cands(cs: str, ref: date | None) -> list[Cand]:
    out: list[Cand] = []
    if "学年" not in cs:
        return out
    for m in _ACAD_RE.finditer(cs):
        if m["rel"]:
            if ref is None:
                continue
            cur = ref.year if ref >= cal.md(_ACAD["start"], ref.year) else ref.year - 1
            y = cur + _ACAD["relative"][m["rel"]]
        else:
            y = int(m["y1"])
            if int(m["y2"]) != y + 1:
                continue
        vs = cal.md(_ACAD["start"], y)
        ve = cal.md(_ACAD["start"], y + 1) - timedelta(days=1)
        out.append(Cand(m.start(), m.end(), vs, ve, "year", prio=0))
    return out


# ---------------------------------------------------------------------------
# Durations from the reference date, and vague words
_DUR = WORDS["durations"]
_UNITS: dict[str, str] = _DUR["units"]
_NUM = rf"(?:\d{{1,3}}|{_CN_SMALL}|半)"
_NUM_FIRST = "0123456789一二三四五六七八九十两〇零半"
_U = alt(_UNITS)
_DUR_FWD = re.compile(
    rf"(?P<pre>{alt(_DUR['forward_prefixes'])})(?P<n>{_NUM})(?P<u>{_U})"
    rf"(?:{alt(_DUR['forward_tails'])})?"
)
_DUR_IN = re.compile(
    _firsts(_NUM_FIRST)
    + rf"(?<![0-9{_YD}十两第每])(?P<n>{_NUM})(?P<u>{_U})(?:{_WITHIN})(?!{_WITHIN_BAD})"
)
_PAST_UNITS = ("年", "个月")  # 5年来, 3个月以来
_PAST_SINCE = ("以来", "来")
_DUR_PAST = re.compile(
    _firsts(_NUM_FIRST, _DUR["past_prefixes"])
    + rf"(?:(?P<pre>{alt(_DUR['past_prefixes'])})(?P<n>{_NUM})(?P<u>{_U})"
    rf"(?:{alt(_DUR['past_tails'])})?"
    rf"|(?<![0-9{_YD}十两第每])(?P<n2>\d{{1,2}}|{_CN_SMALL})(?P<u2>{alt(_PAST_UNITS)})(?:{alt(_PAST_SINCE)})"
    rf"(?![华访京沪美]))"
)
# Characters each duration pattern cannot match without (see _key_chars): a
# scan costs a step at every character of the text, and few items have them.
_DUR_FWD_NEEDS = _key_chars(_DUR["forward_prefixes"])
_DUR_IN_NEEDS = _key_chars(AFFIX["within_suffixes"])
_DUR_PAST_NEEDS = _key_chars([*_DUR["past_prefixes"], *_PAST_SINCE])


def _amount(n: str, unit: str) -> tuple[int, str] | None:
    if n == "半":  # 半年 = 6 months, 半个月 = 15 days
        return {"year": (6, "month"), "month": (15, "day")}.get(unit)
    try:
        return cal.num(n), unit
    except KeyError:  # not a numeral after all (十十)
        return None


def _duration_cands(cs: str, ref: date | None) -> list[Cand]:
    out: list[Cand] = []
    for rx, relation, needs in (
        (_DUR_FWD, "during", _DUR_FWD_NEEDS),
        (_DUR_IN, "before", _DUR_IN_NEEDS),
    ):
        if not _has_any(cs, needs):
            continue
        for m in rx.finditer(cs):
            amt = _amount(m["n"], _UNITS[m["u"]])
            if amt is None:
                continue
            end = cal.shift(ref, *amt) if ref else None
            out.append(
                Cand(m.start(), m.end(), ref, end, "range", "duration-from-ref", relation, prio=1)
            )
    past = _DUR_PAST.finditer(cs) if _has_any(cs, _DUR_PAST_NEEDS) else ()
    for m in past:
        n, u = (m["n"], m["u"]) if m["n"] else (m["n2"], m["u2"])
        amt = _amount(n, _UNITS[u])
        if amt is None:
            continue
        start = cal.shift(ref, -amt[0], amt[1]) if ref else None
        out.append(
            Cand(m.start(), m.end(), start, ref, "range", "duration-from-ref", "since", prio=1)
        )
    return out


_VAGUE: dict[str, dict[str, str]] = {v["text"].lower(): v for v in WORDS["vague"]}
_VAGUE_ZH = re.compile(alt(t for t in _VAGUE if not t.isascii()))
_VAGUE_EN = re.compile(
    r"(?<![A-Za-z])(?:" + alt(t for t in _VAGUE if t.isascii()) + r")(?![A-Za-z])", re.I
)


# a text with none of these characters holds no Chinese vague word (see _key_chars)
_VAGUE_ZH_NEEDS = _key_chars([t for t in _VAGUE if not t.isascii()])


def _vague_cands(cs: str, ref: date | None, en_hits: list[Match[str]]) -> list[Cand]:
    out: list[Cand] = []
    zh_hits = _VAGUE_ZH.finditer(cs) if _has_any(cs, _VAGUE_ZH_NEEDS) else ()
    for m in (*zh_hits, *en_hits):
        v = _VAGUE[m.group().lower()]
        if v.get("value") == "from-ref":
            out.append(Cand(m.start(), m.end(), ref, None, "open", "range", v["relation"], prio=3))
        else:
            out.append(
                Cand(m.start(), m.end(), None, None, "vague", "point", v["relation"], prio=3)
            )
    return out


# ---------------------------------------------------------------------------
# English forms read as spans of months (Commonwealth usage), months of a
# relative year, and ordinal round anchors; the rest of English is en.find's.
_FY = WORDS["english"]["financial_year"]
_FY_START: int = _FY["start_month"]
_FY_COUNTRY: dict[str, int] = _FY["country_start_months"]
_FY_SPLIT: frozenset[int] = frozenset(_FY["split_year_months"])
_FY_PAIRS: dict[str, int] = _FY["pair_start_months"]


def financial_year_start(pair: str | None) -> int | None:
    """The financial-year start month of a document of dialogue ``pair`` (the
    partner's, see [english.financial_year] pair_start_months), None if unknown."""
    return _FY_PAIRS.get(pair) if pair else None


_MON = en._MON
_QMON = "(?:March|June|September|December|Mar|Jun|Sept?|Dec)"  # quarters end in these
# July this year, the December quarter of 2026, the year ending June 2026; the
# lookahead lets most positions fail on one character test
_EN_MONTHS = re.compile(
    rf"""(?=[ADFJMNOST]|the\s)(?<![A-Za-z0-9])(?:
      (?P<mr>(?P<mro>{_MON})\s+(?:of\s+)?(?P<mrw>this|next|last)\s+year)
    | (?P<mq>[Tt]he\s+(?P<mqo>{_QMON})\s+quarter(?:\s+(?:of\s+)?(?P<mqy>{en._Y4}))?)
    | (?P<ye>[Tt]he\s+(?:(?:financial\s+|fiscal\s+)?year|12\s+months|twelve\s+months)
        \s+(?:ending|ended|to)\s+(?:(?P<yed>\d{{1,2}})\s+)?(?P<yeo>{_MON})
        (?:\s+(?P<yed2>\d{{1,2}})(?:st|nd|rd|th)?)?,?\s+(?P<yey>{en._Y4}))
    )(?![A-Za-z])""",
    re.X,
)
_EN_MONTHS_WORDS = ("year", "quarter", "months")
# a split year 2026–27 / 2026/27, then what may stand before and after it
_FY_CORE = re.compile(
    r"(?=[12])(?<![\d.,/\-–—])(?P<y1>(?:19|20)\d\d)\s*[-–—/]\s*(?P<y2>(?:19|20)?\d\d)(?!\d|[-/.:]\d)"
)
_FY_LEFT = re.compile(
    rf"(?<![A-Za-z])(?P<end>[Tt]he\s+end\s+of\s+)?(?:[Tt]he\s+)?(?:(?P<c>{alt(_FY_COUNTRY)})\s+)?"
    r"(?P<w>(?:financial|fiscal)\s+year\s|FY\s?)?$"
)
_FY_RIGHT = re.compile(r"\s+(?:financial|fiscal)\s+year(?![A-Za-z])")
# the 2028-29 academic / school year: September to August, as 学年 ([academic_year])
_AY_LEFT = re.compile(r"(?<![A-Za-z])(?:[Tt]he\s+)?(?:academic|school)\s+year\s+$")
_AY_RIGHT = re.compile(r"\s+(?:academic|school)\s+year(?![A-Za-z])")
_AY_START = date.fromisoformat(f"2000-{WORDS['academic_year']['start']}")
# before the Eighth Round (of the Dialogue): the round's ordinal, as 第八轮…前;
# before the 10th Dialogue / the Third Summit: that meeting's ordinal (meeting:10)
_EN_NTH = re.compile(
    r"(?=[Tt]he\s)(?<![A-Za-z])[Tt]he\s+"
    r"(?P<ord>(?:[A-Za-z]+-)?[A-Za-z]*(?:st|nd|rd|th)|\d{1,3}(?:st|nd|rd|th))\s+"
    r"(?P<unit>[Rr]ound|[Mm]eeting|[Ss]ession|ROUND|MEETING|SESSION"
    r"|[Dd]ialogue|[Ss]ummit|[Cc]onsultations?|DIALOGUE|SUMMIT|CONSULTATIONS?"
    # "at the Eighth EFSD": the document's own mechanism by its acronym
    rf"|{en._ACRONYM})"
    rf"(?:\s+of\s+(?:the\s+)?(?i:(?P<name>{en._ALIAS})|(?:{en._GENERIC})(?![\w-])))?(?![A-Za-z])"
)
_UPPER_RUN = re.compile(r"[A-Z]{2}")
_EN_NTH_REL = re.compile(rf"(?<![A-Za-z])(?P<rel>{en.DEADLINE_RELS}|at)\s+$", re.I)
_EN_NTH_WORDS = (
    "ound", "eeting", "ession", "ialogue", "ummit", "onsultation",
    "OUND", "EETING", "ESSION", "IALOGUE", "UMMIT", "ONSULTATION",
)  # fmt: skip
# characters each family cannot match without (see _key_chars): most Chinese
# items have none, and a few ``in`` tests cost less than a scan
_EN_MONTHS_NEEDS = _key_chars(_EN_MONTHS_WORDS)
_EN_NTH_NEEDS = _key_chars(_EN_NTH_WORDS)
_FY_NEEDS = "-–—/"
_EN_MORE_NEEDS = _EN_MONTHS_NEEDS + _EN_NTH_NEEDS + _FY_NEEDS


def _en_months_unit(m: Match[str], ref: date | None) -> Unit:
    if m["mr"]:  # July this year, May of next year
        y = ref.year + en._E["relative_years"][m["mrw"] + " year"] if ref else None
        return cal.month_unit(y, en.month_number(m["mro"]))
    if m["mq"]:  # the December quarter (of 2026): the quarter that ends in December
        y = int(m["mqy"]) if m["mqy"] else (ref.year if ref else None)
        return cal.quarter_unit(y, en.month_number(m["mqo"]) // 3)
    # the year ending June 2026 / ended 30 June 2026: the twelve months up to its end
    y, mo = int(m["yey"]), en.month_number(m["yeo"])
    day = m["yed"] or m["yed2"]
    end = date(y, mo, int(day)) if day else cal.month_end(y, mo)
    return Unit(cal.add_months(end + cal.DAY, -12), end, "year")


def _financial_year(
    cs: str, m: Match[str], fy_start: int | None
) -> tuple[Unit, int, int, bool] | None:
    """A split year at ``m`` (see [english.financial_year] in time_words.toml):
    its unit, span, and whether it is bare (no "financial year", country or
    "the end of" written), which like a bare "2016" needs "in/by …" before it.
    ``fy_start`` is the document's financial-year start month (None: unknown)."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    s, e = m.span()
    if (s > 0 and cs[s - 1] >= _WIDE) or (e < len(cs) and cs[e] >= _WIDE):
        return None  # 2011-13年度: Chinese, calendar years
    ay = _AY_RIGHT.match(cs, e)
    ay_left = None if ay is not None else _AY_LEFT.search(cs, max(0, s - 20), s)
    if (ay is not None or ay_left is not None) and y2 % 100 == (y1 + 1) % 100:
        start = date(y1, _AY_START.month, _AY_START.day)
        end = start.replace(year=y1 + 1) - cal.DAY
        if ay_left is None and cs[max(0, s - 4) : s].lower() == "the ":
            s -= 4
        return Unit(start, end, "year"), ay_left.start() if ay_left else s, \
            ay.end() if ay else e, False
    right = _FY_RIGHT.match(cs, e)
    left = _FY_LEFT.search(cs, max(0, s - 60), s)
    words = right is not None or (left is not None and left["w"] is not None)
    if y2 < 100 and y2 != (y1 + 1) % 100:
        return None  # 2011-13: years apart, a calendar range
    if y2 >= 100 and (y2 != y1 + 1 or not words):
        return None  # 2025–2026: two calendar years
    country = left["c"] if left is not None else None
    bare = not (words or country or (left is not None and left["end"]))
    month = _FY_START
    if country:
        month = _FY_COUNTRY[country]
    elif fy_start is not None:
        if bare and fy_start not in _FY_SPLIT:
            return None  # in 2017-18 in a China–U.S. document: two calendar years
        if fy_start != 1:
            month = fy_start  # a calendar-year document's own year is never split
    start = date(y1, month, 1)
    end = cal.add_months(start, 12) - cal.DAY
    if right is not None:
        e = right.end()
    if left is not None and not bare:
        s = left.start()  # "the" before a bare split year is a noun's (the 2025–26 budget)
    if left is not None and left["end"]:  # the end of the 2026–27 financial year
        return Unit(cal.add_months(end + cal.DAY, -3), end, "year-part", endish=True), s, e, False
    return Unit(start, end, "year"), s, e, bare


def _en_relation(
    cs: str, s: int, e: int, unit: Unit, ref: date | None, pre: Match[str] | None
) -> Cand:
    """by/before/since … (``pre``) before an English unit, as en.find reads them."""
    vs, ve, gran, kind, relation = unit.start, unit.end, unit.gran, "point", "during"
    rel = en._RELS.get(" ".join(pre["rel"].lower().split())) if pre else None
    if pre is not None and rel is not None and rel != "between":
        vs, ve, gran, kind, relation = en._relate(rel, unit, unit, ref, vs, ve, gran, kind)
        s = pre.start()
    # prio 0: "2025–26" beats en.find's calendar reading of the same span
    return Cand(s, e, vs, ve, gran, kind, relation, prio=0)


def _en_more_cands(cs: str, ref: date | None, fy_start: int | None) -> list[Cand]:
    out: list[Cand] = []
    if not _has_any(cs, _EN_MORE_NEEDS):
        return out
    spans: list[tuple[Unit, int, int, bool]] = []
    if _has_any(cs, _EN_MONTHS_NEEDS) and any(w in cs for w in _EN_MONTHS_WORDS):
        for m in _EN_MONTHS.finditer(cs):
            try:
                spans.append((_en_months_unit(m, ref), m.start(), m.end(), False))
            except (ValueError, KeyError):
                continue  # 31 June
    if _has_any(cs, _FY_NEEDS):
        for m in _FY_CORE.finditer(cs):
            fy = _financial_year(cs, m, fy_start)
            if fy is not None:
                spans.append(fy)
    for unit, s, e, bare in spans:
        pre = en._PREP.search(cs, max(0, s - 40), s)
        if bare and pre is None:
            continue  # pages 2019-20, Resolution 2025/26
        out.append(_en_relation(cs, s, e, unit, ref, pre))
    if (_has_any(cs, _EN_NTH_NEEDS) and any(w in cs for w in _EN_NTH_WORDS)) or (
            "th " in cs and _UPPER_RUN.search(cs)):
        for m in _EN_NTH.finditer(cs):
            rel = _EN_NTH_REL.search(cs, max(0, m.start() - 20), m.start())
            n = parse_ordinal(m["ord"])
            if rel is None or n is None:
                continue  # the last round, the same meeting
            anchor = f"{'round' if m['unit'].lower() == 'round' else 'meeting'}:{n}"
            if m["name"]:  # before the third round of the S&ED: that mechanism's
                anchor += ":" + en._ALIASES[" ".join(m["name"].lower().split())]
            gran = en._rel_gran(rel["rel"])
            # "at the Twelfth Dialogue": at that meeting, not before it
            at = rel["rel"].lower() == "at"
            # prio -1: "before the first meeting" is meeting:1, not en.find's event
            out.append(Cand(rel.start(), m.end(), None, None, gran,
                            *(("point", "during") if at else ("deadline", "before")), anchor, -1))
    return out


# ---------------------------------------------------------------------------
_TITLE = re.compile(r"《[^《》]{0,120}》")


def _resolve(cands: list[Cand], titles: list[tuple[int, int]], n: int) -> list[Cand]:
    """Longest match wins; ties go to the lower ``prio``; nothing inside 《titles》."""
    starts = [t[0] for t in titles]
    taken = bytearray(n + 1)
    chosen: list[Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.prio, c.start)):
        k = bisect_right(starts, c.start) - 1
        if k >= 0 and titles[k][0] < c.start < titles[k][1]:
            continue  # 《2015-2030年仙台减轻灾害风险框架》
        if taken.find(1, c.start, c.end) != -1:
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def find_times(
    text: str, ref: date | None = None, *, fy_start_month: int | None = None
) -> list[TimeExpr]:
    """All time expressions in ``text``, in order, with intervals resolved against ``ref``.

    ``fy_start_month`` is the month the document's financial year starts in
    (:func:`financial_year_start` of its dialogue pair); it decides how a split
    year "2017-18" with no country written reads. None (unknown) keeps the
    default July year."""
    cs, dst, src = _compact(_fold(text))
    cands = _atom_cands(cs, ref)
    if "期" in cs:
        cands = [c for c in cands if not (c.gran == "year" and _ISSUE_NO.match(cs, c.end))]
    cands += _anchor_cands(cs)
    cands += _academic_cands(cs, ref)
    cands += _bare_day_cands(cs, ref)
    cands += _duration_cands(cs, ref)
    en_cands, en_vague = en.find(cs, ref, _VAGUE_EN)
    cands += en_cands
    cands += _en_more_cands(cs, ref, fy_start_month)
    cands += _vague_cands(cs, ref, en_vague)
    if not cands:
        return []
    titles = [m.span() for m in _TITLE.finditer(cs)] if "《" in cs else []

    def orig(c: int) -> int:
        k = bisect_right(dst, c) - 1
        return src[k] + c - dst[k]

    compacted = len(dst) > 1  # else offsets into cs are offsets into text
    out: list[TimeExpr] = []
    for c in _resolve(cands, titles, len(cs)):
        s, e = (orig(c.start), orig(c.end - 1) + 1) if compacted else (c.start, c.end)
        out.append(
            TimeExpr(text[s:e], s, e, _iso(c.vs), _iso(c.ve), c.gran, c.anchor, c.kind, c.relation)
        )
    return out
