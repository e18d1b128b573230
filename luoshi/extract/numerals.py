"""Numerals: Chinese, Arabic, English ordinals, Roman — and a matching view of text.

Two small, exact tools shared by the extractors (series, references, quantities):

* numeral conversion in both directions (``cn_to_int`` / ``int_to_cn``,
  ``en_to_int`` / ``int_to_en_ordinal``, ``roman_to_int`` / ``int_to_roman``,
  ``parse_ordinal``, ``parse_number``). They are only ever applied to spans a
  regex has already matched, so they reject anything they do not fully parse
  (return ``None``) instead of guessing.
* ``NormText``: the text the extractors match against. Outcome lists arrive as
  PDF text layers with hard line wraps inside words ("第六次中\\n美战略安全对话"),
  full-width digits, spaces around numbers ("2016 年 6 月") and sometimes
  traditional script. Matching happens on a normalised copy; every match is
  mapped back so that callers get offsets into the text they passed in. It
  lives here because reading numerals across wraps is the first thing every
  extractor needs; it has no dependency on the rest of the pipeline.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache

# --------------------------------------------------------------------------
# Chinese numerals
# --------------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
# 廿/卅 appear in dates and old-style counts; they stand for a whole tens value.
_CN_TENS = {"廿": 20, "卅": 30}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Regex fragments other modules build patterns from.
CN_NUM_CHARS = "零〇○一二两兩三四五六七八九十百千万萬亿億廿卅"
CN_NUM = f"[{CN_NUM_CHARS}]+"
ARABIC_NUM = r"\d+(?:[.,]\d+)*"
# A number as written in running Chinese text: Arabic with an optional Chinese
# multiplier ("5400万", "1.5亿"), or Chinese numerals.
ANY_NUM = rf"(?:\d+(?:\.\d+)?(?:[万萬亿億]+)?|{CN_NUM})"


# compiled once: the module-level re functions look their pattern up on every call
_ARABIC_MULTIPLIED = re.compile(r"(\d+)([万萬亿億]+)")
_ARABIC_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)([万萬亿億]*)")


def _digits_only(s: str) -> int | None:
    """'二〇一五' → 2015: a run of digit characters read positionally."""
    out = 0
    for ch in s:
        if ch not in _CN_DIGITS or ch in "两兩":
            return None
        out = out * 10 + _CN_DIGITS[ch]
    return out


def _section(s: str) -> int | None:
    """Value of a numeral below 10 000 (no 万/亿), e.g. '一百零二', '十三'."""
    if not s:
        return 0
    total = 0
    pending: int | None = None  # digit waiting for its unit
    last_unit = 100_000
    zero = False  # a 零 placeholder was seen: a trailing digit is a units digit
    for ch in s:
        if ch in "零〇○" and last_unit < 100_000:
            if pending is not None:
                return None
            zero = True
            continue
        if ch in _CN_DIGITS:
            if pending is not None:
                return None  # two digits in a row without a unit: not positional here
            pending = _CN_DIGITS[ch]
        elif ch in _CN_SMALL_UNITS:
            unit = _CN_SMALL_UNITS[ch]
            if unit >= last_unit:
                return None  # '十百' or '百百': units must decrease
            total += (1 if pending is None else pending) * unit
            pending = None
            last_unit = unit
        elif ch in _CN_TENS:
            if pending is not None or last_unit <= 10:
                return None
            total += _CN_TENS[ch]
            last_unit = 10
        else:
            return None
    if pending is not None:
        # '一百零二' ends in a bare digit: units digit. '二百五' (colloquial 250)
        # ends in a digit right after a unit ≥ 100: it scales one unit down.
        if not zero and s[-2:-1] and s[-2] in _CN_SMALL_UNITS and _CN_SMALL_UNITS[s[-2]] >= 100:
            total += pending * (_CN_SMALL_UNITS[s[-2]] // 10)
        else:
            total += pending
    return total


def cn_to_int(s: str) -> int | None:
    """Chinese (or Arabic, or mixed '5400万') numeral → int; None if not a numeral.

    >>> cn_to_int("十三"), cn_to_int("二十三"), cn_to_int("一百零二"), cn_to_int("两")
    (13, 23, 102, 2)
    >>> cn_to_int("二〇一五"), cn_to_int("首"), cn_to_int("5400万")
    (2015, 1, 54000000)
    """
    s = s.strip().translate(_FULLWIDTH_DIGITS)
    if not s:
        return None
    if s == "首":  # 首次/首届/首轮: 'first'
        return 1
    if s.isdigit() and s.isascii():
        return int(s)
    # Arabic head with Chinese multipliers: '5400万', '3亿'
    m = _ARABIC_MULTIPLIED.fullmatch(s)
    if m:
        value = int(m.group(1))
        for ch in m.group(2):
            value *= _CN_BIG_UNITS[ch]
        return value
    if all(ch in _CN_DIGITS for ch in s) and len(s) > 1:
        return _digits_only(s)
    # split on 亿 then 万, each section below 10 000
    total = 0
    rest = s
    for big_ch, big in (("亿", 100_000_000), ("億", 100_000_000), ("万", 10_000), ("萬", 10_000)):
        if big_ch in rest:
            head, _, rest = rest.partition(big_ch)
            multiplier = cn_to_int(head) if head else 1
            if multiplier is None:
                return None
            total += multiplier * big
            if rest.startswith(("零", "〇")):
                rest = rest[1:]
    section = _section(rest)
    if section is None:
        return None
    if rest == "" and total == 0:
        return None
    return total + section


def parse_number(s: str) -> float | None:
    """Any number as written in running text: '437', '1,200', '5.4', '5400万', '三十五'."""
    s = s.strip().translate(_FULLWIDTH_DIGITS).replace("，", ",")
    m = _ARABIC_NUMBER.fullmatch(s)
    if m:
        value = float(m.group(1).replace(",", ""))
        for ch in m.group(2):
            value *= _CN_BIG_UNITS[ch]
        return value
    v = cn_to_int(s)
    return None if v is None else float(v)


_CN_OUT = "零一二三四五六七八九"


def int_to_cn(n: int) -> str:
    """int → canonical Chinese numeral: 13 → '十三', 102 → '一百零二', 20015 → '二万零一十五'."""
    if n < 0:
        return "负" + int_to_cn(-n)
    if n < 10:
        return _CN_OUT[n]
    if n >= 100_000_000:
        high, low = divmod(n, 100_000_000)
        return int_to_cn(high) + "亿" + (_pad(low, 10_000_000) if low else "")
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        return int_to_cn(high) + "万" + (_pad(low, 1000) if low else "")
    out = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit)
        if digit:
            if zero:
                out.append("零")
                zero = False
            out.append(_CN_OUT[digit] + name)
        elif out:
            zero = True
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def _pad(low: int, top: int) -> str:
    """Lower section after 万/亿: needs a leading 零 when it skips a place."""
    text = int_to_cn(low)
    if low < top:
        text = "零" + (("一" + text) if text.startswith("十") else text)
    return text


# --------------------------------------------------------------------------
# English ordinals and cardinals
# --------------------------------------------------------------------------

_EN_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
]  # fmt: skip
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORD_IRREGULAR = {
    "first": "one", "second": "two", "third": "three", "fifth": "five", "eighth": "eight",
    "ninth": "nine", "twelfth": "twelve",
}  # fmt: skip
_EN_CARD = {w: i for i, w in enumerate(_EN_UNITS)} | {
    w: i * 10 for i, w in enumerate(_EN_TENS) if w
}


def _ord_word_to_card(word: str) -> str | None:
    if word in _EN_ORD_IRREGULAR:
        return _EN_ORD_IRREGULAR[word]
    if word.endswith("ieth"):  # twentieth → twenty
        return word[:-4] + "y"
    if word.endswith("th"):
        return word[:-2]
    return None


def en_to_int(s: str, *, ordinal: bool | None = None) -> int | None:
    """English number word or ordinal → int: 'thirteenth', '13th', 'twenty-first', 'two'.

    ``ordinal=True`` accepts only ordinals, ``False`` only cardinals, None either.
    """
    s = s.strip().lower().replace("‐", "-").replace("–", "-")
    m = re.fullmatch(r"(\d+)(st|nd|rd|th)?", s)
    if m:
        if ordinal is True and not m.group(2):
            return None
        if ordinal is False and m.group(2):
            return None
        n = int(m.group(1))
        if m.group(2) and m.group(2) != _en_suffix(n):
            return None  # '13st' is not an ordinal
        return n
    words = re.split(r"[\s-]+(?:and[\s-]+)?", s)
    if not words or not all(words):
        return None
    is_ord = False
    last = words[-1]
    card_last = _ord_word_to_card(last)
    if card_last is not None and (card_last in _EN_CARD or card_last in ("hundred", "thousand")):
        is_ord = True
        words[-1] = card_last
    if ordinal is True and not is_ord:
        return None
    if ordinal is False and is_ord:
        return None
    total = 0
    current = 0
    for w in words:
        if w in _EN_CARD:
            current += _EN_CARD[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif w == "million":
            total += (current or 1) * 1_000_000
            current = 0
        else:
            return None
    return total + current


def _en_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def int_to_en_ordinal(n: int, *, words: bool = False) -> str:
    """13 → '13th'; with ``words`` → 'thirteenth' (1–99)."""
    if not words or not 0 < n < 100:
        return f"{n}{_en_suffix(n)}"
    if n < 20:
        card = _EN_UNITS[n]
        prefix = ""
    else:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _EN_TENS[tens][:-1] + "ieth"
        prefix = _EN_TENS[tens] + "-"
        card = _EN_UNITS[unit]
    rev = {v: k for k, v in _EN_ORD_IRREGULAR.items()}
    if card in rev:
        return prefix + rev[card]
    return prefix + card + "th"


EN_ORDINAL_WORDS = sorted(
    {int_to_en_ordinal(i, words=True) for i in range(1, 100)} | set(_EN_ORD_IRREGULAR),
    key=len,
    reverse=True,
)
EN_ORDINAL = r"(?:\d+(?:st|nd|rd|th)|" + "|".join(re.escape(w) for w in EN_ORDINAL_WORDS) + ")"

# --------------------------------------------------------------------------
# Roman numerals
# --------------------------------------------------------------------------

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip
ROMAN = r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"


def int_to_roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError(f"no Roman numeral for {n}")
    out = []
    for value, sym in _ROMAN:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def roman_to_int(s: str) -> int | None:
    """'XIII' → 13; None unless ``s`` is a well-formed (canonical) Roman numeral."""
    s = s.strip().upper()
    if not s or not re.fullmatch(ROMAN, s):
        return None
    total = 0
    i = 0
    for value, sym in _ROMAN:
        while s.startswith(sym, i):
            total += value
            i += len(sym)
    return total if i == len(s) else None


def parse_ordinal(s: str) -> int | None:
    """Any ordinal as written: '第十三', '第13', '首', '13th', 'thirteenth', 'XIII'."""
    s = s.strip()
    if not s:
        return None
    if s.startswith("第"):
        s = s[1:]
    s = s.rstrip("次届屆轮輪期号號")
    if not s:
        return None
    v = cn_to_int(s)
    if v is not None:
        return v
    v = en_to_int(s, ordinal=None)
    if v is not None:
        return v
    return roman_to_int(s)


# --------------------------------------------------------------------------
# Matching view of a text
# --------------------------------------------------------------------------

# The non-ASCII characters that Python's case-insensitive matching takes for ASCII
# letters (İ and ı for i, ſ for s, the Kelvin sign for k). A pattern that must start
# with a character class to be fast spells its case variants out; these belong to
# them. tests/unit/test_numerals.py checks the list against every code point.
ASCII_FOLDS = "\u0130\u0131\u017f\u212a"

# CJK ideographs plus CJK/full-width punctuation: whitespace next to these is a
# line wrap or typesetting space, never a word separator.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_WS = " \t\r\n\f\v\u00a0\u3000"
# "[ws][ws]*" rather than "[ws]+": a pattern that starts with a plain class is
# searched in C, one with a repeat is tried at every character
_WS_RUN = re.compile(f"[{_WS}][{_WS}]*")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_WIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％．／－＆",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%./-&",
)


_FULLWIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ％．／－＆]")  # exactly the characters _WIDTH maps


@cache
def _t2s():  # pragma: no cover - trivial
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # opencc missing or broken: matching still works on simplified text
        return None


# Characters OpenCC's t2s converts only inside a phrase (沈 stays 沈, 意志消沈 becomes
# 意志消沉): on their own they convert to themselves, so probing single characters
# (``_t2s_class``) cannot find them. These are the characters that some candidate
# of OpenCC 1.4's TSPhrases changes and that do not change on their own;
# tests/unit/test_numerals.py checks them against the installed dictionaries.
T2S_CONTEXT_CHARS = "么俱像哩坏彷沈甦瞭藉衹覆"


@cache
def _t2s_class() -> str | None:
    """The characters t2s may change, as the body of a character class; None without OpenCC.

    A text without any of them is its own simplified form, which lets the (already
    simplified) item texts of the pipeline skip OpenCC: one conversion costs as much
    as all the matching an extractor does on an item. OpenCC's t2s dictionaries only
    have keys in the CJK blocks probed here and in the supplementary planes (taken
    whole: they are rare in outcome lists).
    """
    conv = _t2s()
    if conv is None:
        return None
    chars = [chr(c) for c in (*range(0x3400, 0xA000), *range(0xF900, 0xFB00))]
    # one character per line so that no phrase rule joins two probes
    converted = conv.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - a line rule went wrong: no fast path
        return "\u0080-\U0010ffff"
    changed = "".join(c for c, t in zip(chars, converted, strict=True) if c != t)
    return f"{changed}{T2S_CONTEXT_CHARS}\U00020000-\U0010ffff"


@cache
def _t2s_changes() -> re.Pattern[str] | None:
    cls = _t2s_class()
    return None if cls is None else re.compile(f"[{cls}]")


@cache
def _touched() -> re.Pattern[str]:
    """Any character NormText may change (script, width) or drop (whitespace)."""
    return re.compile(f"[{_t2s_class() or ''}{_FULLWIDTH.pattern[1:-1]}{_WS}]")


def to_simplified(text: str) -> str:
    """Traditional → simplified, character-aligned (same length), else unchanged.

    OpenCC's phrase tables can change length; offsets must not move, so a line
    whose conversion changes length is kept as written.
    """
    conv = _t2s()
    if conv is None or text.isascii():
        return text
    changes = _t2s_changes()
    if changes is not None and not changes.search(text):
        return text  # nothing t2s could convert: already simplified
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    lines = text.split("\n")
    fixed = []
    for line in lines:
        c = conv.convert(line)
        fixed.append(c if len(c) == len(line) else line)
    return "\n".join(fixed)


@dataclass(slots=True)
class NormText:
    """``text`` is ``orig`` normalised for matching; offsets map both ways.

    Normalisation: whitespace next to a CJK character is dropped (line wraps,
    '2016 年'); full-width ASCII becomes ASCII; traditional becomes simplified.
    Only the dropped whitespace changes positions, so the map is a sorted list
    of drop points (none for a text that is already normalised).

    Make them with ``of``, which shares recent ones: treat them as read-only.
    """

    orig: str
    text: str = ""
    _norm_at: list[int] = field(default_factory=list)  # norm index after each dropped run
    _orig_at: list[int] = field(default_factory=list)  # orig index where each run starts
    _removed: list[int] = field(default_factory=list)  # cumulative removed length after run

    @classmethod
    def of(cls, orig: str) -> NormText:
        """The matching view of ``orig``; read-only: recent ones are shared.

        The extractors each normalise the item they are given: the series, references
        and quantities readers share one NormText per item instead of building three.
        The extract stage runs each reader over all the items of a document in turn,
        so the cache holds a document's worth of items (512), not just the last few.
        """
        return _recent_normtext(orig) if cls is NormText else cls._build(orig)

    @classmethod
    def _build(cls, orig: str) -> NormText:
        if not _touched().search(orig):
            # already normalised (the pipeline's item texts mostly are): the identity
            return cls(orig, orig)
        self = cls(orig)
        base = to_simplified(orig)
        if _FULLWIDTH.search(base):  # translate() is per-character: skip it when idle
            base = base.translate(_WIDTH)
        if not _CJK_CHAR.search(base):  # whitespace is only dropped next to CJK
            self.text = base
            return self
        parts: list[str] = []
        pos = 0
        removed = 0
        for m in _WS_RUN.finditer(base):
            s, e = m.span()
            left = base[s - 1] if s > 0 else ""
            right = base[e] if e < len(base) else ""
            if not (_CJK_CHAR.match(left or " ") or _CJK_CHAR.match(right or " ")):
                continue
            newlines = m.group().count("\n")
            if newlines > 1:
                continue  # a blank line separates paragraphs/headings: keep the boundary
            if newlines == 1:
                # A short line (heading, year label) before a much longer one ends there;
                # evenly short lines are a narrow column and do wrap.
                line_start = base.rfind("\n", 0, s) + 1
                next_end = base.find("\n", e)
                prev_len = len(base[line_start:s].strip())
                next_len = len(base[e : next_end if next_end >= 0 else len(base)].strip())
                if prev_len < 16 and next_len >= max(20, 2 * prev_len):
                    continue
            parts.append(base[pos:s])
            pos = e
            removed += e - s
            self._norm_at.append(s - (removed - (e - s)))
            self._orig_at.append(s)
            self._removed.append(removed)
        parts.append(base[pos:])
        self.text = "".join(parts)
        return self

    def _shift(self, norm_index: int) -> int:
        """Characters removed before the character at ``norm_index``."""
        k = bisect_right(self._norm_at, norm_index) - 1
        return self._removed[k] if k >= 0 else 0

    def to_orig(self, start: int, end: int) -> tuple[int, int]:
        """A norm span → the orig span covering the same characters."""
        if end <= start:
            p = start + self._shift(start)
            return p, p
        return start + self._shift(start), (end - 1) + self._shift(end - 1) + 1

    def to_norm(self, pos: int) -> int:
        """An orig boundary → the norm boundary (inside a dropped run: its end)."""
        k = bisect_right(self._orig_at, pos) - 1
        if k < 0:
            return pos
        run_start = self._orig_at[k]
        run_len = self._removed[k] - (self._removed[k - 1] if k > 0 else 0)
        before = self._removed[k - 1] if k > 0 else 0
        if pos < run_start + run_len:
            return run_start - before
        return pos - self._removed[k]

    def orig_text(self, start: int, end: int) -> str:
        s, e = self.to_orig(start, end)
        return self.orig[s:e]


@lru_cache(maxsize=512)
def _recent_normtext(orig: str) -> NormText:
    return NormText._build(orig)
