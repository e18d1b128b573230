"""English time expressions for luoshi.extract.times.

Same conventions as the Chinese side (see times.py), with English word order:
the year usually comes last ("June 22-24, 2015", "the summer or fall of 2014"),
so the first half of a range borrows the year from the second. "before X" is
strict and "by X" inclusive, as the words say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from re import Match

from luoshi.extract import _timeparts_cal as cal
from luoshi.extract._timeparts_cal import WORDS, Cand, Unit, alt
from luoshi.extract.numerals import parse_ordinal

_E = WORDS["english"]
_MONTHS: dict[str, int] = _E["months"]
_SEASONS: dict[str, str] = _E["seasons"]
_PARTS: dict[str, str] = _E["year_parts"]
_ORD: dict[str, int] = _E["ordinals"]
_ALIASES = {k.lower(): v for k, v in WORDS["anchors"]["aliases"].items() if k.isascii()}

# Month names are matched case-sensitively: "may" is a verb, "May" a month.
# Only abbreviations take a dot ("Sept."), so "in May." keeps its full stop.
_FULL = {k for k, v in _MONTHS.items() if len(k) > 4 or k in ("may", "june", "july")}
_MON = (
    "(?-i:"
    + alt(k.capitalize() for k in _FULL)
    + "|(?:"
    + alt(k.capitalize() for k in set(_MONTHS) - _FULL)
    + r")\.?)"
)
_Y4 = r"(?:19|20)\d\d(?!\d)"
_YR = rf"(?:{_Y4}|(?:this|next|last)\s+year)"
_SEAS = alt(_SEASONS)
_SEAS_BAD = alt(_E["bare_season_bad_next"])
_SEAS_PREPS = frozenset(_E["bare_season_preps"])
_VACS: dict[str, str] = _E["vacations"]
_VAC = "|".join(
    r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(_VACS, key=len, reverse=True)
)
_NUMW = rf"(?:{alt(cal.EN_NUMBERS)}|\d{{1,3}})"
_TH = r"(?:st|nd|rd|th)?"

_ATOM = re.compile(
    rf"""(?<![A-Za-z0-9])(?:
      (?P<num>(?<![/.,])(?P<n1>[01]?\d|[23]\d)/(?P<n2>[01]?\d|[23]\d)/(?P<yn>{_Y4})(?![/\d]|[.,]\d))
    | (?P<fy>(?:(?-i:FY)\s?|fiscal\s+year\s+)(?P<yfy>{_Y4}))
    | (?P<wk>(?:the\s+)?(?P<wko>{alt(_ORD)})\s+week\s+of\s+(?P<mo7>{_MON})(?:,?\s+(?P<y7>{_Y4}))?)
    | (?P<dmy>(?P<d1>\d{{1,2}}){_TH}\s+(?:of\s+)?(?P<mo1>{_MON})(?:,?\s+(?P<y1>{_Y4}))?)
    | (?P<mdy>(?P<mo2>{_MON})\s+(?P<d2>\d{{1,2}}){_TH}(?!\d)(?:,?\s+(?P<y2>{_Y4}))?)
    | (?P<my>(?P<mo3>{_MON}),?\s+(?:of\s+)?(?P<y3>{_Y4}))
    | (?P<fq>(?:the\s+)?(?P<fqo>{alt(_ORD)})\s+quarter\s+of\s+(?:(?-i:FY)\s?|fiscal\s+year\s+)
             (?P<yfq>{_Y4}))
    | (?P<q>(?:the\s+)?(?P<qo>{alt(_ORD)})\s+quarter\s+(?:of\s+)?(?P<yq>{_YR}))
    | (?P<qq>Q(?P<qn>[1-4])\s*(?:of\s+)?(?P<yqq>{_Y4}))
    | (?P<h>(?:the\s+)?(?P<ho>first|second|1st|2nd)\s+half\s+(?:of\s+)?(?P<yh>{_YR}))
    | (?P<hh>H(?P<hn>[12])\s*(?P<yhh>{_Y4}))
    | (?P<v>(?:the\s+)?(?P<vo>{_VAC})\s+(?:of\s+)?(?P<yv>{_YR}))
    | (?P<s>(?:the\s+)?(?P<so>{_SEAS})\s+(?:of\s+)?(?P<ys>{_YR}))
    | (?P<pm>(?:(?:the\s+)?(?P<pmo>beginning|start|middle|end)\s+of
              |(?P<pmo2>early|mid|late)[\s-])\s*(?P<mo5>{_MON})(?:,?\s+(?:of\s+)?(?P<y5>{_Y4}))?)
    | (?P<p>(?:the\s+)?(?P<po>beginning|start|middle|end)\s+of\s+(?:the\s+)?
            (?P<yp>{_YR}|calendar\s+year(?![\s,]*\d)|year))
    | (?P<p2>(?P<po2>early|mid|late)[\s-]+(?P<yp2>{_YR}))
    | (?P<ye>year[\s-]end)
    | (?P<lat>(?P<le>later|earlier)\s+(?:this\s+(?P<lu>year|month|(?P<lse>{_SEAS}))
              |in\s+(?:the\s+year|(?P<ly>{_Y4}))))
    | (?P<ru>(?P<rwh>this|next|last)\s+(?P<run>month|week))
    | (?P<rs>(?P<rsw>this|next|last)\s+(?P<rso>{_SEAS}))(?!\s+(?:{_SEAS_BAD})(?![A-Za-z]))
    | (?P<lm>(?P<lmw>this|next|last)\s+(?P<mo6>{_MON}))(?![\s,]*\d)
    | (?P<cy>calendar\s+year\s+(?P<ycy>{_Y4}))
    | (?P<rdw>today|tomorrow|yesterday)
    | (?P<yr>{_YR})
    | (?P<mb>(?P<mo4>{_MON}))(?![\s,]*\d)
    | (?P<sb>(?:the\s+)?(?P<sbo>{_SEAS}))(?=\s*,?\s+or\s+)
    | (?P<sn>the\s+(?P<sno>{_SEAS}))(?!\s+(?:of|{_SEAS_BAD})(?![A-Za-z]))
    )(?![A-Za-z])""",
    re.I | re.X,
)
_BARE_DAY = re.compile(rf"(?P<d>\d{{1,2}}){_TH}(?!\d)(?:,?\s+(?P<y>{_Y4}))?")
_YY = re.compile(r"(?P<yy>\d\d)(?!\d)")
_SEPX = re.compile(r"\s*(?:-|–|—)\s*|\s+(?:to|through|until|till|and)\s+", re.I)
_ORX = re.compile(r"\s*,?\s+or\s+(?:in\s+)?", re.I)
_DAY_RANGE_BEFORE = re.compile(r"(?P<d>\d{1,2})\s*[-–]\s*$")
_WEEK_BEFORE = re.compile(
    r"(?<![A-Za-z])the\s+week\s+(?:of|beginning|starting)(?:\s+on)?\s+$", re.I
)

# relation words before a unit; "neutral" ones are not part of the span
_RELS: dict[str, str] = _E["relations"]
_NEUTRAL: list[str] = _E["neutral"]
_PHRASES = sorted([*_RELS, *_NEUTRAL], key=len, reverse=True)
_PREP = re.compile(
    r"(?<![A-Za-z])(?P<rel>"
    + "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in _PHRASES)
    + r")\s+(?:the\s+)?$",
    re.I,
)


@dataclass(slots=True)
class _Atom:
    make: Callable[[int | None], Unit]  # the unit, given the year to use
    year: int | None  # the year written (or this/next/last year resolved)
    tag: str  # which alternative matched
    month: int = 0  # for bare-day continuations


def _year(text: str, ref: date | None) -> int | None:
    t = " ".join(text.lower().split())
    if t[:1].isdigit():
        return int(t)
    if ref is None:
        return None
    return ref.year + int(_E["relative_years"][t])


def _guard(make: Callable[[int], Unit], gran: str) -> Callable[[int | None], Unit]:
    def run(y: int | None) -> Unit:
        return Unit(None, None, gran) if y is None else make(y)

    return run


def month_number(name: str) -> int:
    """1-12 for an English month name or abbreviation ("Sept.", "june")."""
    return _MONTHS[name.rstrip(".").lower()]


def _atom(g: dict[str, str | None], ref: date | None) -> _Atom | None:
    def mon(k: str) -> int:
        return month_number(g[k] or "")

    if g["num"]:
        # numeric dates in English text are U.S. month/day (the English outcome
        # lists here are U.S. releases); a first number above 12 can only be a day
        a, b = int(g["n1"] or 0), int(g["n2"] or 0)
        mo, d = (b, a) if a > 12 else (a, b)
        return _Atom(
            _guard(lambda yy: cal.day_unit(date(yy, mo, d)), "day"), int(g["yn"] or 0), "day", mo
        )
    if g["fy"]:  # FY2026: the U.S. federal fiscal year, 1 October 2025 - 30 September 2026
        return _Atom(_guard(cal.fiscal_year_unit, "year"), int(g["yfy"] or 0), "fy")
    if g["wk"]:  # the first/second/third/fourth/last week of October: seven days of it
        mo = mon("mo7")
        nth = (g["wko"] or "").lower()
        return _Atom(
            _guard(
                lambda yy: cal.week_of_month_unit(yy, mo, 0 if nth == "last" else _ORD[nth]), "week"
            ),
            int(g["y7"]) if g["y7"] else None,
            "wk",
        )
    if g["dmy"] or g["mdy"]:
        mo = mon("mo1" if g["dmy"] else "mo2")
        d = int(g["d1"] or g["d2"] or 0)
        y = g["y1"] or g["y2"]
        return _Atom(
            _guard(lambda yy: cal.day_unit(date(yy, mo, d)), "day"),
            int(y) if y else None,
            "day",
            mo,
        )
    if g["my"] or g["mb"]:
        mo = mon("mo3" if g["my"] else "mo4")
        return _Atom(
            _guard(lambda yy: cal.month_unit(yy, mo), "month"),
            int(g["y3"]) if g["y3"] else None,
            "my" if g["my"] else "mb",
        )
    if g["fq"]:  # the first quarter of FY2028: October-December 2027 (U.S. federal)
        fq = _ORD[(g["fqo"] or "").lower()]
        return _Atom(_guard(lambda yy: cal.fiscal_quarter_unit(yy, fq), "quarter"),
                     int(g["yfq"] or 0), "q")
    if g["q"] or g["qq"]:
        q = _ORD[(g["qo"] or "").lower()] if g["q"] else int(g["qn"] or 0)
        return _Atom(
            _guard(lambda yy: cal.quarter_unit(yy, q), "quarter"),
            _year(g["yq"] or g["yqq"] or "", ref),
            "q",
        )
    if g["h"] or g["hh"]:
        first = (g["ho"] or "").lower() in ("first", "1st") if g["h"] else g["hn"] == "1"
        half = "上半年" if first else "下半年"
        return _Atom(
            _guard(lambda yy: cal.half_unit(yy, half), "half"),
            _year(g["yh"] or g["yhh"] or "", ref),
            "h",
        )
    if g["v"]:  # the summer vacation of 2019 = 2019年暑假
        vac = _VACS[" ".join((g["vo"] or "").lower().split())]
        return _Atom(
            _guard(lambda yy: cal.vacation_unit(yy, vac), "season"), _year(g["yv"] or "", ref), "s"
        )
    if g["s"] or g["sb"]:
        season = _SEASONS[(g["so"] or g["sbo"] or "").lower()]
        return _Atom(
            _guard(lambda yy: cal.season_unit(yy, season), "season"),
            _year(g["ys"], ref) if g["ys"] else None,
            "s" if g["s"] else "sb",
        )
    if g["rs"]:  # this autumn / next spring: that season of this / next / last year
        season = _SEASONS[(g["rso"] or "").lower()]
        y = _year(f"{g['rsw']} year", ref)
        return _Atom(_guard(lambda yy: cal.season_unit(yy, season), "season"), y, "rs")
    if g["sn"]:  # in the spring: the next spring on or after the document's date
        season = _SEASONS[(g["sno"] or "").lower()]
        y = None
        if ref is not None:
            for y in range(ref.year - 1, ref.year + 2):
                end = cal.season_unit(y, season).end
                if end is not None and end >= ref:
                    break
        return _Atom(_guard(lambda yy: cal.season_unit(yy, season), "season"), y, "sn")
    if g["pm"]:  # the end of September 2017 = 9月底 (下旬): a deadline on it ends on the 30th
        mo = mon("mo5")
        mpart = _PARTS[(g["pmo"] or g["pmo2"] or "end").lower()]
        return _Atom(
            _guard(lambda yy: cal.month_part_unit(yy, mo, mpart), "xun"),
            int(g["y5"]) if g["y5"] else None,
            "pm",
        )
    if g["p"] or g["p2"] or g["ye"]:
        part = _PARTS[(g["po"] or g["po2"] or "end").lower()]
        yt = g["yp"] or g["yp2"] or "year"
        return _Atom(
            _guard(lambda yy: cal.year_part_unit(yy, part), "year-part"), _year(yt, ref), "p"
        )
    if g["lat"] or g["ru"] or g["rdw"]:
        return _relative(g, ref)
    if g["lm"]:
        return _month_named(mon("mo6"), (g["lmw"] or "").lower(), ref)
    if g["cy"]:  # calendar year 2024: the year, needing no preposition
        return _Atom(_guard(cal.year_unit, "year"), int(g["ycy"] or 0), "cy")
    if g["yr"]:
        text = g["yr"] or ""
        return _Atom(
            _guard(cal.year_unit, "year"), _year(text, ref), "yr" if text[:1].isdigit() else "ry"
        )
    return None


def _month_named(mo: int, which: str, ref: date | None) -> _Atom:
    """last/next/this October: the nearest October before / after the document's
    month, or the one of its year."""
    if ref is None:
        return _Atom(lambda _y: Unit(None, None, "month"), None, "rel")
    y = ref.year
    if which == "last" and mo >= ref.month:
        y -= 1
    elif which == "next" and mo <= ref.month:
        y += 1
    return _Atom(lambda _y: cal.month_unit(y, mo), y, "rel")


def _relative(g: dict[str, str | None], ref: date | None) -> _Atom:
    if g["ly"]:  # later in 2024: the rest of that year, as "later this year"
        ly = int(g["ly"])
        return _Atom(lambda _y: cal.year_unit(ly), ly, "lat")
    if ref is None:
        gran = "day" if g["rdw"] else "month" if (g["lu"] or g["run"]) == "month" else "year"
        return _Atom(lambda _y: Unit(None, None, gran), None, "rel")
    r = ref
    if g["rdw"]:
        d = r + timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[g["rdw"].lower()])
        return _Atom(lambda _y: cal.day_unit(d), d.year, "rel")
    if g["ru"]:
        off = {"this": 0, "next": 1, "last": -1}[(g["rwh"] or "").lower()]
        if (g["run"] or "").lower() == "week":
            mon, sun = cal.week_of(r + timedelta(weeks=off))
            return _Atom(lambda _y: Unit(mon, sun, "week"), mon.year, "rel")
        first = cal.add_months(r.replace(day=1), off)
        return _Atom(lambda _y: cal.month_unit(first.year, first.month), first.year, "rel")
    # later/earlier this year|month|season: handled as a relation on the unit
    if g.get("lse"):  # later this spring: the rest of this year's spring
        season = _SEASONS[(g["lse"] or "").lower()]
        return _Atom(lambda _y: cal.season_unit(r.year, season), r.year, "lat")
    if (g["lu"] or "").lower() == "month":
        return _Atom(lambda _y: cal.month_unit(r.year, r.month), r.year, "lat")
    return _Atom(lambda _y: cal.year_unit(r.year), r.year, "lat")


def _safe(a: _Atom, y: int | None) -> Unit | None:
    try:
        return a.make(y)
    except ValueError:
        return None


# "the 2028 … Talks", "the 2028 China–UK Year of Culture": the year of a named event or
# programme (up to six words ending in an event noun; not a document's name, "the 1988
# United Nations Convention"); a bare year needs no preposition there
_YEAR_EVENT = re.compile(
    r"\s+(?:[\w.&'’–-]+\s+){0,6}?(?:" + alt(_E["year_event_nouns"]) + r")(?![\w-])", re.I
)


# "designate 2030 as the … Year of Culture": a year named for a programme
_DESIGNATE = re.compile(r"(?:designat|declar|proclaim)\w*\s+$", re.I)
_AS_AFTER = re.compile(r"\s+as\b", re.I)


def _year_of_event(cs: str, s: int, e: int) -> bool:
    if cs[max(0, s - 4) : s].lower() == "the ":
        return _YEAR_EVENT.match(cs, e) is not None
    return (_AS_AFTER.match(cs, e) is not None
            and _DESIGNATE.search(cs, max(0, s - 16), s) is not None)


def _from_atom(cs: str, m: Match[str], ref: date | None) -> Cand | None:
    g = m.groupdict()
    a = _atom(g, ref)
    if a is None:
        return None
    s, e = m.span()
    pre = _PREP.search(cs, max(0, s - 40), s)
    rel_word = " ".join(pre["rel"].lower().split()) if pre else None
    rel = _RELS.get(rel_word or "")
    kind = "point"
    ya = a.year
    unit: Unit | None = None
    last: Unit | None = None

    # ranges and disjunctions: A-B, A to B, between A and B, A or B
    sep = _SEPX.match(cs, e)
    orr = None if sep else _ORX.match(cs, e)
    joint = sep or orr
    # "A and B" is a range after "between", or when A and B are consecutive days
    # (on January 31 and February 1, 2024); other pairs are listed apart
    listed = bool(sep and sep.group().strip().lower() == "and" and rel != "between")
    if joint and (not listed or a.tag == "day"):
        b, bend = _second(cs, joint.end(), a, ref)
        if b is not None:
            yb = b.year
            if ya is None and yb is not None:
                ya = yb
            if yb is None:
                yb = ya if ya is not None else (ref.year if ref else None)
            if ya is None:
                ya = yb
            ua, ub = _safe(a, ya), _safe(b, yb)
            if ua and ub and ua.start and ub.start and ua.end and ub.end:
                if ua.start > ub.start and a.year is None and ya is not None:
                    ua = _safe(a, ya - 1)  # "December to January 2015"
                if listed and (ua is None or ua.end is None or ub.start - ua.end != cal.DAY):
                    ua = None
                if ua and ua.start and ua.end and ua.start <= ub.end:
                    unit = Unit(ua.start, max(ua.end, ub.end), ua.gran, ub.endish)
                    last, e = ub, bend
                    kind = "disjunction" if orr else "range"
    if unit is None:
        if a.tag in ("yr", "mb") and rel is None and not pre and not (
                a.tag == "yr" and _year_of_event(cs, s, e)):
            return None  # a bare number or month name needs "in/by/since ..." to be a time
        if a.tag == "sb" or (a.tag == "sn" and rel_word not in _SEAS_PREPS):
            return None
        # "22-24 June 2015"
        if a.tag == "day" and (dr := _DAY_RANGE_BEFORE.search(cs, max(0, s - 8), s)):
            ud = _safe(a, ya if ya is not None else (ref.year if ref else None))
            if ud and ud.start:
                try:
                    first = ud.start.replace(day=int(dr["d"]))
                except ValueError:
                    first = None
                if first and first <= ud.start:
                    s, kind = dr.start(), "range"
                    unit = Unit(first, ud.end, "day")
                    last = ud
        if unit is None:
            unit = _safe(a, ya if ya is not None else (ref.year if ref else None))
            last = unit
    if unit is None or last is None:
        return None

    vs, ve, gran, relation = unit.start, unit.end, unit.gran, "during"
    if a.tag == "lat":
        rel_kind = "later" if (g["le"] or "").lower() == "later" else "earlier"
        vs, ve, kind, gran = cal.apply_relation(rel_kind, unit, ref)
    wk = _WEEK_BEFORE.search(cs, max(0, s - 30), s)
    if wk and last.gran == "day" and vs is not None:  # the week of August 3, 2015
        return Cand(wk.start(), e, vs, vs + timedelta(days=6), "week")
    if pre and rel is not None:
        vs, ve, gran, kind, relation = _relate(rel, unit, last, ref, vs, ve, gran, kind)
        s = pre.start()
    return Cand(s, e, vs, ve, gran, kind, relation)


def _relate(
    rel: str,
    unit: Unit,
    last: Unit,
    ref: date | None,
    vs: date | None,
    ve: date | None,
    gran: str,
    kind: str,
) -> tuple[date | None, date | None, str, str, str]:
    """(vs, ve, gran, kind, relation) under the relation word ``rel`` (a value of
    ``_RELS``) before ``unit``, whose values so far are ``vs``…``kind``.

    Shared with times._en_relation, so that its split years and month phrases read
    the words as _from_atom does. A deadline is bounded by ``last``, the second half
    of a range ("by May or June" ends with June); "between", and "from" once ``kind``
    is no longer "point" (a range), leave the values as they are.
    """
    if rel in ("by", "before"):
        # "by" keeps the unit's last day; "before" only an "end of" unit's
        vs, ve = cal.deadline_values(last, ref, inclusive=rel == "by" or last.endish)
        return vs, ve, gran, "deadline", "before"
    if rel == "within":
        vs, ve = cal.within_values(unit, ref)
        return vs, ve, gran, "deadline", "before"
    if rel in ("since", "after") or (rel == "from" and kind == "point"):
        vs, ve, kind, gran = cal.apply_relation(rel, unit, ref)
        return vs, ve, gran, kind, rel
    return vs, ve, gran, kind, "during"


def _second(cs: str, p: int, a: _Atom, ref: date | None) -> tuple[_Atom | None, int]:
    m = _ATOM.match(cs, p)
    if m and not m["sb"]:
        b = _atom(m.groupdict(), ref)
        if b is not None and (b.tag not in ("yr", "mb") or a.tag in ("yr", "mb", "my", "sb")):
            return b, m.end()
    if a.tag == "day" and (d := _BARE_DAY.match(cs, p)):
        mo, day = a.month, int(d["d"])
        return _Atom(
            _guard(lambda yy: cal.day_unit(date(yy, mo, day)), "day"),
            int(d["y"]) if d["y"] else None,
            "day",
            mo,
        ), d.end()
    if a.tag == "yr" and a.year is not None and (yy := _YY.match(cs, p)):
        y2 = a.year // 100 * 100 + int(yy["yy"])
        return _Atom(_guard(cal.year_unit, "year"), y2, "yr"), yy.end()
    return None, p


# -- durations, anchors ----------------------------------------------------------
_UNITS = r"(?P<u>years?|months?|weeks?|days?)(?![A-Za-z])"
_DUR_WITHIN = re.compile(
    rf"(?<![A-Za-z])within\s+(?:the\s+next\s+)?(?P<n>half\s+an?|{_NUMW})\s+{_UNITS}", re.I
)
# "in/over the next two years": the preposition stays out of the span, as 于 does
# "the coming year" / "the past year" without a number are one unit (未来一年, 过去一年);
# "the next year" and "the last year" are left alone (they also mean next/last year)
_DUR_NEXT = re.compile(
    rf"(?<![A-Za-z])the\s+(?:(?:next|coming|following)\s+(?P<n>{_NUMW})\s+{_UNITS}"
    r"|coming\s+(?P<u1>year|month)(?![A-Za-z]))",
    re.I,
)
_DUR_PAST = re.compile(
    rf"(?<![A-Za-z])the\s+(?:(?:past|last)\s+(?P<n>{_NUMW})\s+{_UNITS}"
    r"|past\s+(?P<u1>year|month)(?![A-Za-z]))",
    re.I,
)
_WITHIN_YEAR = re.compile(r"(?<![A-Za-z])within\s+(?:the|this)\s+year(?![A-Za-z])", re.I)
_ALIAS = alt(_ALIASES)
# "the next round of the Dialogue": a generic noun after "of" is the document's
# own mechanism; it stays in the span but gives no name
# a bare acronym after "the next" that names no listed body is the document's own
# mechanism ("before the next EFD", "the next EFSD"), as "the next Dialogue" is
_ACRONYM = r"(?-i:[A-Z]{2,6})(?![\w&-])(?!\s+(?-i:[A-Z]))"
_GENERIC = alt(WORDS["anchors"]["english_generic_names"]) + "|" + _ACRONYM
_GEN_MODS = alt(WORDS["anchors"]["english_generic_modifiers"])
# the pair that meets, before them: "the next EU-China Summit", "China-Japan-ROK"
# (China written in a hyphenated name; "Follow-Up" is no pair)
_PAIR_EN = (
    r"(?-i:(?=[A-Za-z.]+[-–])(?:[A-Z][A-Za-z.]*[-–])*(?:China|Sino)(?:[-–][A-Z][A-Za-z.]*)*)"
)
# "no later than the next Dialogue": a generic noun right after "next" names
# no mechanism either; a following "round" makes it a round, else a meeting
# words that put a deadline before an event: "before / no later than the next Dialogue"
DEADLINE_RELS = (r"before|ahead\s+of|prior\s+to|on\s+the\s+eve\s+of|the\s+day\s+before|by"
                 r"|not?\s+later\s+than")
_A_NEXT = re.compile(
    rf"(?<![A-Za-z])(?P<rel>{DEADLINE_RELS}|at)"
    r"\s+the\s+next\s+(?:\((?P<ord>[A-Za-z0-9-]+)\)\s+)?(?:(?P<unit>round|session|meeting)"
    rf"(?:\s+of\s+(?:the\s+)?(?:(?P<name>{_ALIAS})|(?:{_GENERIC})(?![\w-])))?|(?P<name2>{_ALIAS})"
    rf"(?:\s+(?:meeting|round|session))?|(?:{_PAIR_EN}\s+)?(?:(?:{_GEN_MODS})\s+)?(?:{_GENERIC})"
    r"(?:\s+(?P<unit2>meeting|round|session))?"
    # "the next Fisheries Ministers' Meeting": capitalised words say which body meets
    rf"|(?-i:(?P<name3>(?:[A-Z][\w&.'’-]*\s+){{1,4}}(?:Meeting|Summit|Conference|Forum))))"
    r"(?![A-Za-z])",
    re.I,
)
_A_EVENT = re.compile(
    r"(?<![A-Za-z])(?P<rel>before|ahead\s+of|prior\s+to|on\s+the\s+eve\s+of)\s+the\s+"
    rf"(?P<y>{_Y4})\s+(?P<ev>(?:[A-Za-z][\w&.'-]*\s+){{0,4}}?"
    r"(?:meeting|summit|conference|forum|dialogue|talks|session|consultations?))(?![A-Za-z])",
    re.I,
)

# "before the plenary", "ahead of the ministerial meeting": an event the text names
# without a year keeps a symbolic anchor, as 论坛前 does (next rounds and dated
# events are the two patterns above)
_A_EVENT_BARE = re.compile(
    r"(?<![A-Za-z])(?P<rel>before|ahead\s+of|prior\s+to|on\s+the\s+eve\s+of)\s+the\s+"
    r"(?!next\b|\d)(?P<ev>(?:[A-Za-z][\w&.'-]*\s+){0,3}?"
    r"(?:meeting|summit|conference|forum|dialogue|talks|session|consultations?|plenary))"
    r"(?![A-Za-z])",
    re.I,
)


def _amount(n: str, u: str) -> tuple[int, str]:
    unit = u.lower().rstrip("s")
    if n.lower().startswith("half"):
        return (6, "month") if unit == "year" else (15, "day") if unit == "month" else (0, "day")
    return cal.en_num(n), unit


def _rel_gran(rel: str) -> str:
    rel = " ".join(rel.lower().split())
    return {"on the eve of": "eve", "the day before": "day-before"}.get(rel, "event")


def _extras(cs: str, ref: date | None, at: list[tuple[re.Pattern[str], int]]) -> list[Cand]:
    found: dict[re.Pattern[str], list[Match[str]]] = {}
    for rx, p in at:
        m = rx.match(cs, p)
        if m:
            found.setdefault(rx, []).append(m)

    def hits(rx: re.Pattern[str]) -> list[Match[str]]:
        return found.get(rx, [])

    out: list[Cand] = []
    for m in hits(_DUR_WITHIN):
        n, u = _amount(m["n"], m["u"])
        end = cal.shift(ref, n, u) if ref else None
        out.append(Cand(m.start(), m.end(), ref, end, "range", "duration-from-ref", "before"))
    for m in hits(_DUR_NEXT):
        n, u = _amount(m["n"], m["u"]) if m["n"] else (1, m["u1"].lower())
        end = cal.shift(ref, n, u) if ref else None
        out.append(Cand(m.start(), m.end(), ref, end, "range", "duration-from-ref", "during"))
    for m in hits(_DUR_PAST):
        n, u = _amount(m["n"], m["u"]) if m["n"] else (1, m["u1"].lower())
        start = cal.shift(ref, -n, u) if ref else None
        out.append(Cand(m.start(), m.end(), start, ref, "range", "duration-from-ref", "since"))
    for m in hits(_WITHIN_YEAR):
        vs, ve = cal.within_values(cal.year_unit(ref.year if ref else None), ref)
        out.append(Cand(m.start(), m.end(), vs, ve, "year", "deadline", "before"))
    for m in hits(_A_NEXT):
        name: str = m["name"] or m["name2"] or m["name3"] or ""
        unit = (m["unit"] or m["unit2"] or ("meeting" if m["name3"] else "")).lower()
        if name:
            canon = _ALIASES.get(" ".join(name.lower().split()), name)
            anchor = ("next-round:" if unit != "meeting" else "next-meeting:") + canon
        else:
            anchor = "next-round" if unit == "round" else "next-meeting"
        # "the next (seventh) round": the ordinal says which, as 第七轮 does
        nth = parse_ordinal(m["ord"]) if m["ord"] else None
        at = m["rel"].lower() == "at"  # "at the next meeting": at it, not before it
        if nth is not None:
            kind, _, rest = anchor.removeprefix("next-").partition(":")
            anchor = f"{kind}:{nth}" + (f":{rest}" if rest else "")
        out.append(
            Cand(
                m.start(),
                m.end(),
                None,
                None,
                _rel_gran(m["rel"]),
                *(("point", "during") if at else ("deadline", "before")),
                anchor,
                prio=0,
            )
        )
    for m in hits(_A_EVENT_BARE):
        ev = " ".join(m["ev"].split())
        out.append(
            Cand(m.start(), m.end(), None, None, _rel_gran(m["rel"]), "deadline", "before",
                 "event:" + _ALIASES.get(ev.lower(), ev), prio=0)
        )  # fmt: skip
    for m in hits(_A_EVENT):
        vs, ve = cal.deadline_values(cal.year_unit(int(m["y"])), ref, inclusive=True)
        ev = " ".join(m["ev"].split())
        out.append(
            Cand(
                m.start(),
                m.end(),
                vs,
                ve,
                _rel_gran(m["rel"]),
                "deadline",
                "before",
                "event:" + _ALIASES.get(ev.lower(), ev),
                prio=0,
            )
        )
    return out


# English is matched only where a word that can start an expression stands;
# one C-level scan finds those words, so Chinese text (and the ordinary words
# of English text) cost next to nothing.
_ATOM_TRIGGERS = frozenset(
    [*_MONTHS, *_SEASONS, *_PARTS, *_ORD, "the", "year", "later", "earlier", "this", "next",
     "last", "today", "tomorrow", "yesterday", "calendar", "fiscal", "fy"]
)  # fmt: skip
_EXTRA_TRIGGERS: dict[str, tuple[re.Pattern[str], ...]] = {}
for _rx, _words in (
    (_DUR_WITHIN, ("within",)),
    (_WITHIN_YEAR, ("within",)),
    (_DUR_NEXT, ("the",)),
    (_DUR_PAST, ("the",)),
    (_A_NEXT, ("before", "ahead", "prior", "on", "the", "by", "no", "not", "at")),
    (_A_EVENT, ("before", "ahead", "prior", "on")),
    (_A_EVENT_BARE, ("before", "ahead", "prior", "on")),
):
    for _w in _words:
        _EXTRA_TRIGGERS[_w] = (*_EXTRA_TRIGGERS.get(_w, ()), _rx)
_VAGUE_EN = [v["text"].lower().split() for v in WORDS["vague"] if v["text"].isascii()]
_VAGUE_FIRST = frozenset(w[0] for w in _VAGUE_EN)
# "the" starts a time only before one of these words (the fall of, the next two years …)
_THE_NEXT = re.compile(
    r"\s+(?:"
    + alt(
        [
            *_ORD,
            *_SEASONS,
            *_PARTS,
            "next",
            "coming",
            "following",
            "past",
            "week",
            "year",
            "day",
            "2",
            "1",
            *(w[1] for w in _VAGUE_EN if w[0] == "the"),
        ]
    )
    + r")"
)
# Run on a lower-cased copy: an re.I pattern loses the engine's fast paths and
# was ten times slower on Chinese text. The lookahead lets non-alphanumeric
# positions fail at once.
_TRIGGER = re.compile(
    r"(?=[a-z0-9])(?<![a-z0-9])(?:(?:"
    + alt([*_ATOM_TRIGGERS, *_EXTRA_TRIGGERS, *_VAGUE_FIRST])
    + r"|q[1-4]|h[12]|\d+)(?![a-z0-9])|fy(?=\s?\d))"
)
_WIDE = "\u2e80"
# Where find() can produce anything: a letter (İ and the Kelvin sign lower-case
# to ASCII letters), or a digit run that no wide character touches (the loop
# below skips the others). Most Chinese items have neither, and this scan spares
# them lower() and the trigger scan; it opens with a plain character class so
# that the engine skips other characters at C speed.
_LIVE = re.compile(
    r"[0-9A-Za-z\u0130\u212a]"
    r"(?:(?<![0-9])"  # a letter
    r"|(?<![\u2e80-\U0010ffff0-9][0-9])\d*+(?![\u2e80-\U0010ffff]))"  # a free digit run
)


def find(cs: str, ref: date | None, vague: re.Pattern[str]) -> tuple[list[Cand], list[Match[str]]]:
    """English candidates, and the matches of ``vague`` (English vague phrases)."""
    out: list[Cand] = []
    vague_hits: list[Match[str]] = []
    extra: list[tuple[re.Pattern[str], int]] = []
    if _LIVE.search(cs) is None:
        return out, vague_hits
    covered = 0
    n = len(cs)
    low = cs.lower()
    if len(low) != len(cs):  # a few letters lower-case to two characters (İ)
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in cs)
    for tok in _TRIGGER.finditer(low):
        p, word = tok.start(), tok.group()
        if word == "the" and not _THE_NEXT.match(low, tok.end()):
            continue
        if word[0].isdigit():
            # digits that belong to Chinese (2014年, G20杭州) start no English date
            if (tok.end() < n and cs[tok.end()] >= _WIDE) or (p > 0 and cs[p - 1] >= _WIDE):
                continue
        else:
            for rx in _EXTRA_TRIGGERS.get(word, ()):
                extra.append((rx, p))
            if word in _VAGUE_FIRST:
                vm = vague.match(cs, p)
                if vm:
                    vague_hits.append(vm)
            if word not in _ATOM_TRIGGERS and word[0] not in "qh":
                continue
        if p < covered:
            continue
        m = _ATOM.match(cs, p)
        if m:
            c = _from_atom(cs, m, ref)
            if c is not None:
                out.append(c)
                covered = m.end()
    out += _extras(cs, ref, extra)
    return out, vague_hits
