"""Whole-text perturbations: rounds, years, agencies, wrapping, script, page furniture.

Pure functions of the text and an RNG's draws, so a seed reproduces a corpus.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from luoshi.numerals import cn_to_int

_CN_DIGITS = "零一二三四五六七八九"
ROUND = re.compile(r"第([一二三四五六七八九十百零〇两]{1,4}|\d{1,3})(?=\s*轮)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")
DATE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"(?:\s*[至到—–-]\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日)?"
)


def cn_number(n: int) -> str:
    """1..999 in the forms outcome lists use: 八, 十二, 二十, 一百零五."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + cn_number(rest) if rest < 10 else
                                 ("一" + cn_number(rest) if 10 <= rest < 20 else cn_number(rest)))
    return _CN_DIGITS[n // 100] + "百" + tail


def round_of(numeral: str) -> int | None:
    if numeral.isdigit():
        return int(numeral)
    return cn_to_int(numeral)


def first_round(text: str) -> int | None:
    m = ROUND.search(text)
    return round_of(m.group(1)) if m else None


def shift_rounds(text: str, delta: int) -> str:
    """Every 第N轮 moves by ``delta`` (the previous round stays the previous one)."""

    def repl(m: re.Match[str]) -> str:
        n = round_of(m.group(1))
        if n is None or n + delta < 1:
            return m.group(0)
        return "第" + (str(n + delta) if m.group(1).isdigit() else cn_number(n + delta))

    return ROUND.sub(repl, text)


def shift_years(text: str, delta: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


# "在北京举行" right after the date: no sentence break or other figure in between
_HELD = re.compile(r"[^。，,；;\d\n]{0,30}[举舉]行")


def rounds(text: str) -> list[int]:
    return [n for m in ROUND.finditer(text) if (n := round_of(m.group(1))) is not None]


def meeting_dates(text: str) -> dict[str, str] | None:
    """The first full date (or range) followed closely by 举行 ("held"), as ISO
    start/end; None rather than a guess (a page's publication date is not it)."""
    m = next((m for m in DATE.finditer(text) if _HELD.match(text, m.end())), None)
    if m is None:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    end_month = int(m.group(4)) if m.group(4) else month
    end_day = int(m.group(5)) if m.group(5) else day
    return {"start": f"{year:04d}-{month:02d}-{day:02d}",
            "end": f"{year:04d}-{end_month:02d}-{end_day:02d}"}


# -- agencies ------------------------------------------------------------------


@cache
def agencies() -> dict[str, tuple[tuple[str, str], ...]]:
    """side → ((id, Simplified name), …) of top-level agencies in the gazetteer."""
    out: dict[str, list[tuple[str, str]]] = {}
    folder = resources.files("luoshi").joinpath("data/gazetteer")
    for name in ("agencies_cn.tsv", "agencies_us.tsv"):
        header: list[str] | None = None
        for line in folder.joinpath(name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells, strict=False))
            zh = row.get("zh", "")
            if row.get("type") == "agency" and len(zh) >= 3:
                out.setdefault(row.get("side", ""), []).append((row["id"], zh))
    return {side: tuple(rows) for side, rows in out.items()}


def find_agencies(text: str) -> list[tuple[str, str, str]]:
    """(side, id, name) of gazetteer agencies named in ``text``, longest names first."""
    found: list[tuple[str, str, str]] = []
    for side, rows in agencies().items():
        found.extend((side, aid, zh) for aid, zh in rows if zh in text)
    return sorted(found, key=lambda f: -len(f[2]))


def swap_names(text: str, swaps: dict[str, str]) -> str:
    if not swaps:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(swaps, key=len, reverse=True)))
    return pattern.sub(lambda m: swaps[m.group(0)], text)


# -- layout ----------------------------------------------------------------------


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def rewrap(text: str, width: int) -> str:
    """Hard-wrap each line at ``width`` columns (hanzi count 2), as PDF text comes out.
    Latin words stay whole (broken at spaces)."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            out.append(line)
            continue
        cur, cols = "", 0
        for tok in re.findall(r"[A-Za-z0-9_\-'’.,%]+|\s|.", line):
            w = sum(_width(c) for c in tok)
            if cols + w > width and cur.strip():
                out.append(cur.rstrip(" "))
                cur, cols = ("", 0) if tok == " " else (tok, w)
                continue
            cur, cols = cur + tok, cols + w
        out.append(cur)
    return "\n".join(out)


def page_furniture(text: str, every: int, style: int) -> tuple[str, int]:
    """A page-number line after every ``every`` lines: "- 3 -" or "第 3 页 共 9 页".

    Returns the text and how many lines were inserted.
    """
    lines = text.split("\n")
    pages = len(lines) // every + 1
    out: list[str] = []
    inserted = 0
    for i, line in enumerate(lines, 1):
        out.append(line)
        if i % every == 0 and i < len(lines):
            page = i // every
            out.append(f"- {page} -" if style == 0 else f"第 {page} 页 共 {pages} 页")
            inserted += 1
    return "\n".join(out), inserted


@cache
def _s2t():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return str(_s2t().convert(text))
