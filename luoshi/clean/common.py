"""Helpers shared by the cleaning stages: lines with offsets, probes, punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import opencc

from luoshi import rules
from luoshi.model import Defect
from luoshi.textmap import MappedText, Span

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(slots=True)
class Line:
    start: int
    end: int  # excludes the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def iter_lines(text: str) -> Iterator[Line]:
    pos = 0
    for raw in text.split("\n"):
        yield Line(pos, pos + len(raw), raw)
        pos += len(raw) + 1


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """A same-length simplified-script copy of ``text`` for running detection rules.

    OpenCC's t2s maps character for character on almost all text; if a phrase rule
    ever changes the length, fall back to converting one character at a time so
    offsets in the copy stay those of the original. Regional variants t2s keeps
    (Hong Kong 衞, Taiwan 矽) are then mapped from a table in layout.toml.
    """
    out = _t2s().convert(text)
    if len(out) != len(text):
        out = "".join(c if len(c) == 1 else t for t, c in ((t, _t2s().convert(t)) for t in text))
    table, pattern = _variants()
    # a regex scan, not str.translate with a dict: translate looks every character up
    # in the dict, which cost more than the rest of normalising (13 ms per seed pass)
    return pattern.sub(lambda m: table[m.group()], out) if pattern.search(out) else out


@cache
def _variants() -> tuple[dict[str, str], re.Pattern[str]]:
    """Regional variant forms t2s keeps (衞, 矽): one character each, from layout.toml."""
    rows = rules.load("layout").get("script", {}).get("variants", {})
    table = {k: v for k, v in rows.items() if len(k) == 1 and len(v) == 1}
    return table, re.compile("[" + "".join(map(re.escape, table)) + "]" if table else "(?!)")


@cache
def terminal_chars() -> str:
    return rules.load("layout")["punctuation"]["terminal"]


@cache
def continuing_chars() -> str:
    return rules.load("layout")["punctuation"]["continuing"]


def ends_sentence(s: str) -> bool:
    s = s.rstrip()
    return bool(s) and s[-1] in terminal_chars()


@cache
def _title_note() -> re.Pattern[str]:
    return re.compile(rules.load("layout")["title"]["trailing_note"])


def strip_title_note(s: str) -> str:
    """``s`` without a short bracketed note at its end (…成果清单（全文） → …成果清单).

    A line that is nothing but a bracketed note is returned as it is.
    """
    m = _title_note().search(s)
    return s[: m.start()] if m and s[: m.start()].strip() else s


def cjk_ratio(s: str) -> float:
    letters = sum(map(str.isalpha, s))  # map keeps the per-character loop in C
    return len(_CJK.findall(s)) / letters if letters else 0.0


def width(s: str) -> float:
    """Visual width in CJK cells: a CJK or full-width char is 1, an ASCII char half."""
    s = s.strip()
    narrow = len(s.encode("latin-1", "ignore"))  # characters below U+0100, counted in C
    return len(s) - 0.5 * narrow


def is_cjk(c: str) -> bool:
    o = ord(c) if len(c) == 1 else -1
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


@dataclass(slots=True)
class CleanState:
    """What the cleaning stages learn on the way, in source coordinates."""

    defects: list[Defect] = field(default_factory=list)
    # lines removed as page furniture or navigation; the title may hide among them
    removed_lines: list[tuple[str, Span, str]] = field(default_factory=list)  # (text, span, why)
    timestamps: list[tuple[str, Span]] = field(default_factory=list)  # ISO date, span
    # the 来源 named on a timestamp line (来源：新华社), as written, with its span
    stamp_sources: list[tuple[str, Span]] = field(default_factory=list)
    datelines: list[tuple[str, Span]] = field(default_factory=list)  # line text, span
    continues_elsewhere: Span | None = None  # a 下转 marker: the text goes on in another file
    ends_mid_sentence: Span | None = None
    # the reader's heading lines (Markdown "### …"), as source spans: never joined onward
    headings: tuple[Span, ...] = ()
    suspicious_joins: list[Span] = field(default_factory=list)  # mid-sentence breaks, not in a word
    hard_wrapped: bool = False
    web_page: bool = False
    script: str | None = None
    language: str | None = None

    def add(self, mt: MappedText, kind: str, detail: str, start: int, end: int) -> None:
        self.defects.append(Defect(kind, detail, mt.to_root(start, end)))


def short(s: str, n: int = 24) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


@cache
def en_dateline_line() -> re.Pattern[str]:
    """A press-release dateline alone on its line ("WASHINGTON — January 31, 2031"): the
    cleaner keeps it out of the text, the meeting parser reads its place and date."""
    return re.compile(rf"\s*(?:{rules.load('layout')['dateline']['en_line']})\s*")
