"""Markdown: remove the markup, keep the words, the lines and every offset.

Scraped outcome lists write items as ``**1、标题：**正文``: the bold marks an
item heading, so only the ``**`` go, never the words. All removals are edits on
a MappedText, in three layers so that constructs never overlap:

A. whole-document constructs (front matter, HTML comments, code fences, link
   reference definitions);
B. line constructs (heading and quote markers, rules, table separators) and
   inline markup with brackets (images, links, autolinks, code spans, tags);
C. backslash escapes and emphasis markers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache

from luoshi import rules
from luoshi.model import RawDocument
from luoshi.readers._common import (
    Input,
    finish,
    iso_date,
    number_header,
    row_edits,
)
from luoshi.readers.encoding import decode_input
from luoshi.textmap import Edit, MappedText, Span


class _Edits:
    """Edits accepted in priority order; one overlapping an accepted edit is dropped.

    Kept sorted by start so that the overlap test looks at two neighbours only:
    a long document has tens of thousands of emphasis marks.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self.items: list[Edit] = []  # sorted by position

    def free(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, start)
        before = self.items[k - 1] if k else None
        after = self.items[k] if k < len(self.items) else None
        if before and before.end > start:
            return False
        # an insertion (start == end) may touch a neighbour but not sit inside one
        return not (after and (after.start < end or (after.start == start and start == end)))

    def add(self, start: int, end: int, replacement: str = "") -> bool:
        if (start == end and not replacement) or not self.free(start, end):
            return False
        k = bisect_left(self._starts, start)
        self._starts.insert(k, start)
        self.items.insert(k, Edit(start, end, replacement))
        return True


# -- layer A ---------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[^\n]*$", re.M)
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", re.M)
_YAML_PAIR = re.compile(r"^(\w+)[ \t]*:[ \t]*(.+?)[ \t]*$", re.M)


def _front_matter(text: str) -> tuple[dict[str, str], dict[str, Span], Span | None]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, {}, None
    meta: dict[str, str] = {}
    spans: dict[str, Span] = {}
    for pair in _YAML_PAIR.finditer(m.group(1)):
        key, value = pair.group(1).lower(), pair.group(2).strip("\"'")
        start = m.start(1) + pair.start(2)
        span = (start, start + len(pair.group(2)))
        if key == "title":
            meta["title"], spans["title"] = value, span
        elif key in ("date", "published") and iso_date(value):
            meta["published"], spans["published"] = iso_date(value) or value, span
        elif key in ("author", "source", "url"):
            meta[key], spans[key] = value, span
    return meta, spans, (m.start(), m.end())


def _layer_a(text: str, front: Span | None) -> list[Edit]:
    edits = _Edits()
    if front:
        edits.add(*front)
    for m in _COMMENT.finditer(text):
        # keep the comment's line breaks so line numbers and structure survive
        edits.add(m.start(), m.end(), "\n" * m.group().count("\n"))
    for rx in (_FENCE, _REF_DEF):
        for m in rx.finditer(text):
            edits.add(m.start(), m.end())
    return edits.items


# -- layer B ---------------------------------------------------------------

_ATX = re.compile(r"^( {0,3})(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_SEP = re.compile(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_LINK = re.compile(r"\[([^\]\n]+)\](\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)([^`\n]+?)\1")
_BR = re.compile(r"<br\s*/?>", re.I)
# Only real HTML tag names: '<b and c>' in prose is not a tag to delete.
_TAG = re.compile(
    r"</?(?:a|abbr|b|big|center|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark"
    r"|ol|p|pre|s|small|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)"
    r"(?:\s[^<>\n]*)?/?>",
    re.I,
)


def _inline_b(line: str, base: int, edits: _Edits) -> None:
    """Bracketed inline markup of one line (at ``base`` in the layer's text)."""
    for m in _IMAGE.finditer(line):
        edits.add(base + m.start(), base + m.end())
    for m in _LINK.finditer(line):
        edits.add(base + m.start(), base + m.start() + 1)
        edits.add(base + m.end(1), base + m.end())
    for m in _AUTOLINK.finditer(line):
        edits.add(base + m.start(), base + m.start() + 1)
        edits.add(base + m.end(1), base + m.end())
    for m in _CODE.finditer(line):
        edits.add(base + m.start(), base + m.start(2))
        edits.add(base + m.end(2), base + m.end())
    for m in _BR.finditer(line):
        edits.add(base + m.start(), base + m.end(), "\n")
    for m in _TAG.finditer(line):
        edits.add(base + m.start(), base + m.end())


@cache
def _end_mark() -> re.Pattern[str]:
    """A press release's end mark (layout.toml): "# # #" / "###" is one, not an empty heading.

    Not the cleaner's compiled whole-line pattern: that one admits any whitespace
    around the mark (a no-break space after "# # #"), this one blanks and tabs only."""
    return re.compile(rf"[ \t]*(?:{rules.load('layout')['boilerplate']['end_mark']})[ \t]*")


def _heading_marker(line: str, base: int, edits: _Edits) -> tuple[int, Span] | None:
    """Remove an ATX heading's '#' marks; return (level, content span)."""
    m = _ATX.match(line)
    if not m or _end_mark().fullmatch(line):
        return None  # the end mark stays as text: the cleaner drops it as back matter
    edits.add(base, base + m.end())
    end = len(line)
    close = _ATX_CLOSE.search(line, m.end())
    if close:
        edits.add(base + close.start(), base + close.end())
        end = close.start()
    start = m.end()
    return len(m.group(2)), (base + start, base + max(start, end))


def _line_prefix(line: str, base: int, prev: str | None, edits: _Edits) -> tuple[int, Span] | None:
    """Line-level markup; returns a heading (level, span) when the line makes one.

    A setext underline makes the previous line a heading: that is returned with
    the previous line's span, which the caller computes from ``prev``.
    """
    if prev is not None and prev.strip() and not _ATX.match(prev):
        setext = _SETEXT.match(line)
        if setext:
            edits.add(base, base + len(line))
            level = 1 if setext.group(1)[0] == "=" else 2
            start = base - 1 - len(prev)  # prev ends at the newline before this line
            return level, (start + len(prev) - len(prev.lstrip()), base - 1)
    if _RULE.match(line) or _TABLE_SEP.match(line):
        edits.add(base, base + len(line))
        return None
    quote = _QUOTE.match(line)
    if quote:
        edits.add(base, base + quote.end())
        base, line = base + quote.end(), line[quote.end() :]
    return _heading_marker(line, base, edits)


_PIPE = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[Span]:
    """The cells of a pipe-table row as spans of ``line``, blanks trimmed (maybe empty)."""
    bounds = [m.start() for m in _PIPE.finditer(line)]
    lead = line[: bounds[0]].strip() if bounds else line.strip()
    edges = ([] if lead else [bounds.pop(0)]) if bounds else []
    starts = [-1, *bounds] if lead else edges + bounds
    out: list[Span] = []
    for k, a in enumerate(starts):
        b = starts[k + 1] if k + 1 < len(starts) else len(line)
        if k + 1 == len(starts) and not line[a + 1 :].strip():
            break  # the closing pipe
        s, e = a + 1, b
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


def _table_row(line: str, base: int, numbered: bool, edits: _Edits) -> None:
    """One body row of a pipe table, drawn as a rendered table reads: its cells on lines
    of their own; with a number column (序号, No.) the row is an item, "3. 双方将…" with
    the lead agencies and the deadline on the lines under it. Pipes and blanks go; the
    line breaks stand on the pipes, so every cell keeps its offsets."""
    cells = _cells(line)
    kept = [(base + a, base + b) for a, b in cells if b > a]
    # table_cell_separator tests whether the first cell is a number; blank lines between
    # the cells, as between paragraphs: short cells are no lines of hard-wrapped text
    first = line[cells[0][0] : cells[0][1]] if numbered and cells else ""
    for e in row_edits(base, base + len(line), kept, first):
        edits.add(e.start, e.end, e.replacement)


def _tables(lines: list[str]) -> tuple[set[int], dict[int, bool]]:
    """Pipe tables: the indexes of their header rows (a header names the columns, it is
    no text: the caller deletes it) and of their body rows, each with whether the table
    has a number column first (序号 / No. / #)."""
    headers: set[int] = set()
    rows: dict[int, bool] = {}
    k = 0
    while k + 1 < len(lines):
        head, sep = lines[k], lines[k + 1]
        if head.strip() and "|" in head and "|" in sep and _TABLE_SEP.match(sep):
            names = [head[a:b] for a, b in _cells(head)]
            numbered = bool(names) and number_header(names[0])
            headers.add(k)
            j = k + 2
            while j < len(lines) and lines[j].strip() and _PIPE.search(lines[j]):
                rows[j] = numbered
                j += 1
            k = j
            continue
        k += 1
    return headers, rows


def _layer_b(text: str) -> tuple[list[Edit], list[tuple[int, Span]]]:
    edits = _Edits()
    headings: list[tuple[int, Span]] = []
    prev: str | None = None
    base = 0
    lines = text.split("\n")
    headers, rows = _tables(lines) if "|" in text else (set(), {})
    for n, line in enumerate(lines):
        if n in headers:
            edits.add(base, base + len(line))
        elif n in rows:
            _table_row(line, base, rows[n], edits)
        head = _line_prefix(line, base, prev, edits)
        if head:
            headings.append(head)
        _inline_b(line, base, edits)
        prev = line
        base += len(line) + 1
    return edits.items, headings


# -- layer C ---------------------------------------------------------------

_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# Pairs of emphasis marks inside one line. Unlike CommonMark we do not demand
# flanking rules at the close: '**1、标题：**正文' (punctuation then a hanzi) is the
# common case in Chinese Markdown and CommonMark would leave it bold-less.
_EMPHASIS = [
    re.compile(r"(?<![\\*])(\*\*\*)(?![\s*])([^\n]+?)(?<![\s\\*])\*\*\*(?!\*)"),
    re.compile(r"(?<![\\*])(\*\*)(?![\s*])([^\n]+?)(?<![\s\\*])\*\*(?!\*)"),
    re.compile(r"(?<![\\_A-Za-z0-9])(__)(?![\s_])([^\n]+?)(?<![\s\\_])__(?![_A-Za-z0-9])"),
    re.compile(r"(?<![\\*])(\*)(?![\s*])([^\n]+?)(?<![\s\\*])\*(?!\*)"),
    re.compile(r"(?<![\\_A-Za-z0-9])(_)(?![\s_])([^\n]+?)(?<![\s\\_])_(?![_A-Za-z0-9])"),
]
# '**1、' with its closing '**' lost in scraping: still an item heading mark.
_LONE_BOLD = re.compile(
    r"^[ \t]*(\*\*|__)(?=[ \t]*[（(]?(?:\d+|[一二三四五六七八九十百]+)[、.．）)])", re.M
)


def _layer_c(text: str, strong: list[Span] | None = None) -> list[Edit]:
    """Escapes and emphasis marks removed; ``strong`` collects the text of bold pairs."""
    edits = _Edits()
    for m in _ESCAPE.finditer(text):
        edits.add(m.start(), m.start() + 1)  # drop the backslash, keep the character
    for rx in _EMPHASIS:
        for m in rx.finditer(text):
            mark = len(m.group(1))
            opening = (m.start(), m.start() + mark)
            closing = (m.end() - mark, m.end())
            if not edits.free(*opening) or not edits.free(*closing):
                continue
            edits.add(*opening)
            edits.add(*closing)
            if strong is not None and mark >= 2:
                strong.append((opening[1], closing[0]))
    for m in _LONE_BOLD.finditer(text):
        edits.add(m.start(1), m.end(1))
    return edits.items


def strip_inline(s: str) -> str:
    """``s`` with inline markup removed, as the body shows it (for titles)."""
    edits = _Edits()
    _inline_b(s, 0, edits)
    stage = MappedText.root(s).edit(edits.items)
    return stage.edit(_layer_c(stage.text)).text.strip()


# -- reader ----------------------------------------------------------------


def _first_h1(text: str, headings: Iterable[tuple[int, Span]]) -> tuple[str, Span] | None:
    for level, (a, b) in headings:
        title = strip_inline(text[a:b])
        if level == 1 and title:
            return title, (a, b)
    return None


def read(inp: Input) -> RawDocument:
    dec = decode_input(inp)
    text = dec.text
    root = MappedText.root(text)
    meta, spans, front = _front_matter(text)
    a = root.edit(_layer_a(text, front))
    b_edits, b_heads = _layer_b(a.text)
    b = a.edit(b_edits)
    bold: list[Span] = []
    c = b.edit(_layer_c(b.text, bold))
    headings = [(lvl, a.to_root(*span)) for lvl, span in b_heads]
    h1 = _first_h1(text, headings)
    if h1 and "title" not in meta:
        meta["title"], spans["title"] = h1
    return finish(
        inp,
        text=text,
        body=c,
        fmt="markdown",
        encoding=dec.encoding,
        metadata=meta,
        metadata_spans=spans,
        headings=headings,
        strong=sorted(b.to_root(*span) for span in bold),
        warnings=dec.warnings,
    )
