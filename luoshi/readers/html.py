"""HTML pages: the article text, with offsets into the markup.

``RawDocument.text`` is the decoded markup; the body is built from it by edits
(tags deleted, block ends turned into line breaks, entities decoded, chrome
dropped), so every body character maps back to the markup it came from.

Two views of the page are combined:

* our own walk of the markup (stdlib ``html.parser``, which reports positions)
  cuts it into blocks (paragraph-like runs of text) and flags blocks inside
  site chrome (nav/header/footer/aside, chrome class names) or that read as
  boilerplate (当前位置, 版权所有, ICP备, 责任编辑 …);
* trafilatura says which text is the main content.

The body is every block inside the innermost element that holds all of
trafilatura's main-content blocks (the article container), less boilerplate.
Extractors drop numbered lists that look like link lists, so numbered items
(``1、`` ``二、``) that continue the article's list outside that container are
kept too (a list restarting at 1, a sidebar ranking, is not), as is the
heading just above the article. A page where trafilatura finds nothing falls
back to all text outside chrome.

Numbers a browser draws that are not in the markup become text where they are
drawn (mapped onto the tag that draws them): an ``<ol>``'s item numbers, an
``<ul>``'s bullets and the ``::before`` content of CSS counters (``_css_counters``).
A ``<dl>`` whose ``<dd>`` read as sentences is drawn as an ``<ul>`` would be: each
``<dd>`` a bullet, each ``<dt>`` a line of its own heading the ones under it
(``_dl_bullets``); a ``<dl>`` of page particulars (Date / Source) stays plain.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

import trafilatura

from luoshi.errors import InputError
from luoshi.model import Defect, RawDocument
from luoshi.numerals import int_to_roman
from luoshi.readers import encoding
from luoshi.readers._common import (
    OWN_NUMBER,
    Input,
    config,
    finish,
    int_or,
    iso_date,
    number_header,
    table_cell_separator,
)
from luoshi.readers._css_counters import Counters, Node, node, page_sheet
from luoshi.textmap import Edit, MappedText, Span

# -- configuration -----------------------------------------------------------

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# what may sit in <head>; anything else means the author left </head> out
_HEAD_CONTENT = frozenset(
    ["title", "meta", "link", "script", "style", "noscript", "base", "template", "object"]
)
_BREAK_ORDER = {"": 0, "\n": 1, "\n\n": 2}
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][-.A-Za-z0-9]*);?")
_NUMBERED = re.compile(
    r"^\s*(?:\*\*)?\s*(?:(?P<arabic>\d{1,3})|(?P<han>[一二三四五六七八九十百]{1,4}))\s*[、.．]"
    r"|^\s*[（(]\s*(?:(?P<parab>\d{1,3})|(?P<phan>[一二三四五六七八九十]{1,3}))\s*[）)]"
)
# a numbered block this long is document text even inside a chrome container
_LONG_ITEM = 15
# blocks longer than this are never judged boilerplate by their wording
_SHORT_BLOCK = 120
# how many blocks may separate two items of one list (sub-paragraphs)
_MAX_GAP = 8
# a block this long (non-space chars) found in trafilatura's text places the article
_ANCHOR = 6


@dataclass(frozen=True, slots=True)
class _Rules:
    drop: frozenset[str]
    chrome_tags: frozenset[str]
    chrome_tokens: frozenset[str]
    block: frozenset[str]
    cell: frozenset[str]
    markers: re.Pattern[str]
    title_sep: re.Pattern[str]


@cache
def _rules() -> _Rules:
    cfg = config()["html"]
    return _Rules(
        drop=frozenset([*cfg["drop_tags"], "head"]),
        chrome_tags=frozenset(cfg["chrome_tags"]),
        chrome_tokens=frozenset(cfg["chrome_tokens"]),
        block=frozenset(cfg["block_tags"]),
        cell=frozenset(cfg["cell_tags"]),
        markers=re.compile("|".join(f"(?:{m})" for m in cfg["boilerplate_markers"]), re.M),
        title_sep=re.compile("|".join(cfg["title_separators"])),
    )


# -- walking the markup ------------------------------------------------------


@dataclass(slots=True)
class Piece:
    start: int
    end: int
    replacement: str | None  # None: an exact copy of text[start:end]


@dataclass(slots=True)
class Block:
    pieces: list[Piece]
    text: str
    break_before: str  # "\n" (a <br>) or "\n\n" (a block element)
    chrome: str | None  # "tag" | "class" | None: inside site chrome, and how we know
    heading: int | None
    path: tuple[int, ...]  # ids of the elements it sits in, outermost first
    drawn: int = 0  # leading characters drawn by CSS counters or a <dd> bullet (no source text)

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end


@dataclass(slots=True)
class _Elem:
    tag: str
    drop: bool
    chrome: str | None
    heading: int | None
    ident: int
    node: Node  # what CSS selectors see of it


@dataclass(slots=True)
class _Table:
    """An open <table>: whether its first column numbers the rows (a header 序号 / No.),
    and where the walker is in the current row."""

    numbered: bool = False
    rows: int = 0
    cell: int = 0  # cells opened in the current row
    mark: int = 0  # index in the block's characters where the current cell began
    first: str = ""  # the text of the row's first cell


@dataclass(slots=True)
class _Meta:
    attrs: dict[str, str]
    start: int
    raw: str


@dataclass(slots=True)
class Page:
    blocks: list[Block] = field(default_factory=list)
    metas: list[_Meta] = field(default_factory=list)
    title: Span | None = None  # the <title> element's content
    canonical: str | None = None
    strong: list[Span] = field(default_factory=list)  # text of <strong>/<b> elements



def _list_label(n: int, kind: str) -> str:
    """The marker an <ol type=…> shows for item n: 1. / I. / i. / a. / A."""
    if kind in ("I", "i") and 0 < n < 4000:
        roman = int_to_roman(n)
        return (roman if kind == "I" else roman.lower()) + "."
    if kind in ("a", "A") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return (letter.upper() if kind == "A" else letter) + "."
    return f"{n}."


def _cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF


def _classes_chrome(attrs: dict[str, str], tokens: frozenset[str]) -> bool:
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}".lower()
    parts = re.split(r"[\s_-]+", names)
    return any(p in tokens for p in parts) or any(n in tokens for n in names.split())


_STRONG = ("strong", "b")
_BULLETS = ("•", "–")  # drawn before an <ul> item, by nesting depth
_OWN_BULLET = re.compile(r"\s*[•·▪◆◇●○■□►▶\-–—*◦]")
# a <dd> that ends a sentence (closing quotes/brackets after the stop allowed), with
# more than _DD_SENTENCE non-space characters: an outcome, not a value ("7 May 2031")
_DD_STOP = re.compile(r"[。！？；.!?;][”’\"')）」』]*\s*$")
_DD_SENTENCE = 8


@dataclass(slots=True)
class _Dl:
    """An open <dl>: where its blocks begin, and its <dd>s as (element id, tag span,
    the bullet its nesting would draw)."""

    first_block: int
    dds: list[tuple[int, int, int, str]] = field(default_factory=list)


def _dd_sentence(text: str) -> bool:
    return bool(_DD_STOP.search(text)) and len(_norm(text)) > _DD_SENTENCE


class _Walker(HTMLParser):
    """Cuts the markup into blocks of text pieces with their source offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.rules = _rules()
        self.page = Page()
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._stack: list[_Elem] = []
        self._pieces: list[Piece] = []
        self._chars: list[str] = []
        self._ws: tuple[int, int, bool] | None = None  # pending whitespace run
        self._break = "\n\n"
        self._in_title = False
        self._pre = 0
        self._ids = 0
        # <ol>/<ul> nesting: [next number, numbering type] for an <ol>, None for a <ul>
        self._lists: list[list[object] | None] = []
        # the number a browser would draw before the next <li>'s text: (label, tag span)
        self._pending_li: tuple[str, int, int] | None = None
        # numbers drawn by CSS counters (::before) before an element's first text:
        # (label, tag span, element id); dropped if the element closes without text
        sheet = page_sheet(text)
        self._counters = Counters(sheet) if sheet else None
        self._pending_css: list[tuple[str, int, int, int]] = []
        self._drawn = 0  # characters the current block starts with that CSS drew
        # chrome, heading level and element path where the current block began
        self._context: tuple[str | None, int | None, tuple[int, ...]] = (None, None, ())
        self._strong: list[int] = []  # where the text of each open <strong>/<b> begins
        self._tables: list[_Table] = []
        # the break a numbered table draws before the next cell's text: (tag span, text)
        self._cell_sep: tuple[int, int, str] | None = None
        self._dls: list[_Dl] = []  # open <dl>s, innermost last

    # positions
    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    # state
    def _dropping(self) -> bool:
        return any(e.drop for e in self._stack)

    def _chrome(self) -> str | None:
        kinds = {e.chrome for e in self._stack if e.chrome}
        return "tag" if "tag" in kinds else ("class" if kinds else None)

    def _heading(self) -> int | None:
        return next((e.heading for e in reversed(self._stack) if e.heading), None)

    # blocks
    def _end_block(self, kind: str) -> None:
        if self._pieces:
            self.page.blocks.append(
                Block(self._pieces, "".join(self._chars), self._break, *self._context, self._drawn)
            )
            self._pieces, self._chars, self._break = [], [], ""
        self._drawn = 0
        if _BREAK_ORDER[kind] > _BREAK_ORDER[self._break]:
            self._break = kind
        self._ws = None

    def _add(self, start: int, end: int, replacement: str | None) -> None:
        shown = self.text[start:end] if replacement is None else replacement
        if not self._pieces:
            self._context = (self._chrome(), self._heading(), tuple(e.ident for e in self._stack))
        elif self._cell_sep:
            s0, e0, sep = self._cell_sep
            # the block's text keeps a space (it is compared with trafilatura's)
            self._pieces.append(Piece(s0, e0, sep))
            self._chars.append(" ")
        elif self._ws:
            self._flush_ws(shown[0])
        self._ws = None
        self._cell_sep = None
        self._pieces.append(Piece(start, end, replacement))
        self._chars.append(shown)

    def _flush_ws(self, nxt: str) -> None:
        """Whitespace between two pieces: one space, or nothing between two CJK
        characters across a source line break (a wrapped line, not a space)."""
        assert self._ws is not None
        start, end, newline = self._ws
        prev = self._chars[-1][-1]
        if newline and _cjk(prev) and _cjk(nxt):
            return
        source = self.text[start:end]
        self._pieces.append(Piece(start, end, None if source == " " else " "))
        self._chars.append(" ")

    def _space(self, start: int, end: int) -> None:
        if not self._pieces:
            return  # leading whitespace of a block
        newline = "\n" in self.text[start:end]
        if self._ws:
            self._ws = (self._ws[0], end, self._ws[2] or newline)
        else:
            self._ws = (start, end, newline)

    # parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()
        raw = self.get_starttag_text() or ""
        amap = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self.page.metas.append(_Meta(amap, start, raw))
        elif tag == "link" and "canonical" in amap.get("rel", "").lower():
            self.page.canonical = amap.get("href") or None
        elif tag == "title" and self.page.title is None and "svg" not in self._tags():
            self._in_title = True
        elif tag in _STRONG:
            self._strong.append(start + len(raw))
        self._open(tag, amap, start, start + len(raw))

    def _tags(self) -> set[str]:
        return {e.tag for e in self._stack}

    def _close_head(self, tag: str) -> None:
        """Close an unclosed <head> at the first body element, as browsers do;
        otherwise the whole page would count as <head> and be dropped."""
        if tag in _HEAD_CONTENT:
            return
        for i, e in enumerate(self._stack):
            if e.tag == "head":
                self._cut(i)
                return

    def _cut(self, depth: int) -> None:
        """Close the open elements from ``depth`` on."""
        if self._pending_css:
            closed = {e.ident for e in self._stack[depth:]}
            self._pending_css = [p for p in self._pending_css if p[3] not in closed]
        del self._stack[depth:]
        if self._counters:
            self._counters.close_to(depth)

    def _open(self, tag: str, amap: dict[str, str], start: int, end: int) -> None:
        r = self.rules
        self._close_head(tag)
        if tag == "br":
            self._end_block("\n")
        elif tag == "hr" or tag in r.block:
            self._end_block("\n\n")
        elif tag in r.cell:
            self._open_cell(tag, start, end)
        if tag in _VOID:
            return
        chrome = "tag" if tag in r.chrome_tags else None
        if chrome is None and _classes_chrome(amap, r.chrome_tokens):
            chrome = "class"
        if tag == "table":
            self._tables.append(_Table())
        elif tag == "tr" and self._tables:
            t = self._tables[-1]
            t.cell, t.first = 0, ""
        if tag == "ol":
            self._lists.append([int_or(amap.get("start"), 1), amap.get("type") or "1"])
        elif tag == "ul":
            self._lists.append(None)
        elif tag == "li" and self._lists and self._lists[-1] is not None:
            counter = self._lists[-1]
            n = int_or(amap.get("value"), int(counter[0]))  # type: ignore[call-overload]
            counter[0] = n + 1
            self._pending_li = (_list_label(n, str(counter[1])), start, end)
        elif tag == "li" and self._lists:
            # an <ul> item: the browser draws a bullet, "•" at the top level and "–"
            # for a list nested in an item (its sub-bullets, part of that item)
            self._pending_li = (_BULLETS[min(len(self._lists), len(_BULLETS)) - 1], start, end)
        if tag == "dl":
            self._dls.append(_Dl(len(self.page.blocks)))
        elif tag == "dd" and self._dls:
            # drawn later, when the </dl> shows whether its <dd>s are sentences
            depth = min(len(self._lists) + len(self._dls), len(_BULLETS))
            self._dls[-1].dds.append((self._ids + 1, start, end, _BULLETS[depth - 1]))
        level = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else None
        self._ids += 1
        css = node(tag, amap)
        if self._counters:
            self._css_label(css, amap, start, end)
        self._stack.append(_Elem(tag, tag in r.drop, chrome, level, self._ids, css))
        if tag == "pre":
            self._pre += 1

    def _css_label(self, css: Node, amap: dict[str, str], start: int, end: int) -> None:
        """Count the element's CSS counters; keep the number its ::before draws for its
        first text. Counted everywhere, as the browser does, but not drawn inside site
        chrome (a numbered <aside> ranking would read as a list of the document)."""
        assert self._counters is not None
        label = self._counters.open(css, [e.node for e in self._stack], amap.get("style"))
        if not label or self._dropping() or self._chrome() == "tag":
            return
        if self._pending_li and self._pending_li[1] == start:
            self._pending_li = None  # a page drawing its own <li> numbers hides the list's
        self._pending_css.append((label, start, end, self._ids))

    def _open_cell(self, tag: str, start: int, end: int) -> None:
        """A <td>/<th>: a space between cells; in a table with a number column each row
        is drawn as an item, "3. 双方将…" with its other cells on lines of their own."""
        t = self._tables[-1] if self._tables else None
        if t is None:
            self._space(start, end)
            return
        if t.cell == 1 and not self._cell_sep:
            t.first = "".join(self._chars[t.mark :]).strip()
        if t.numbered and t.cell >= 1 and self._pieces:
            self._ws = None
            self._cell_sep = (start, end, table_cell_separator(t.cell, t.first))
        else:
            self._space(start, end)
        t.cell += 1
        t.mark = len(self._chars)

    def _close_row(self, t: _Table) -> None:
        """The first row of a table names its columns: with a number column first
        (序号 / No.) the rows are items and the header row is no text. Its cells may be
        <th> or, as many CMS editors write them, <td>: the 序号 / No. cell decides."""
        if t.rows == 0 and t.cell >= 2 and number_header(t.first):
            t.numbered = True
            self._pieces, self._chars, self._ws, self._cell_sep = [], [], None, None
        t.rows += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        start = self._pos()
        r = self.rules
        if tag == "title":
            self._in_title = False
        elif tag in _STRONG and self._strong:
            self.page.strong.append((self._strong.pop(), start))
        if tag == "tr" and self._tables:
            self._close_row(self._tables[-1])
        elif tag in r.cell and self._tables and self._tables[-1].cell == 1:
            t = self._tables[-1]
            t.first = "".join(self._chars[t.mark :]).strip()
        if tag in r.block:
            self._end_block("\n\n")
        elif tag in r.cell:
            self._space(start, start)
        if tag == "table" and self._tables:
            self._tables.pop()
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        if tag == "dl" and self._dls:
            self._end_block("\n\n")  # its last <dd> may be left open
            self._dl_bullets(self._dls.pop())
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i].tag == tag:
                if tag == "pre":
                    self._pre -= 1
                self._cut(i)
                break

    def handle_data(self, data: str) -> None:
        start = self._pos()
        if self._in_title:
            self._title_piece(start, start + len(data))
        if self._dropping():
            return
        if self._pre:
            self._pre_data(start, data)
            return
        if (self._pending_li or self._pending_css) and data.strip():
            drawn: list[tuple[str, int, int]] = []
            # the browser draws the number; the text needs it to be read as an item,
            # unless the author also wrote one ("1、…" inside an <ol>)
            if self._pending_li and not OWN_NUMBER.match(data) and not _OWN_BULLET.match(data):
                drawn.append(self._pending_li)
            if not OWN_NUMBER.match(data):
                drawn += [(label, s0, e0) for label, s0, e0, _ in self._pending_css]
            css = {(s0, e0) for _, s0, e0, _ in self._pending_css}
            self._pending_li, self._pending_css = None, []
            for label, s0, e0 in sorted(drawn, key=lambda d: d[1]):  # outer element first
                at_start = len(self._chars) == 0 or sum(map(len, self._chars)) == self._drawn
                self._add(s0, e0, label + " ")
                if (s0, e0) in css and at_start:
                    self._drawn = sum(map(len, self._chars))
        for m in re.finditer(r"\s+|\S+", data):
            s, e = start + m.start(), start + m.end()
            if m.group()[0].isspace():
                self._space(s, e)
            else:
                self._add(s, e, None)

    def _pre_data(self, start: int, data: str) -> None:
        for m in re.finditer(r"[^\n]+|\n", data):
            if m.group() == "\n":
                self._end_block("\n")
            else:
                self._add(start + m.start(), start + m.end(), None)

    def _entity(self, start: int) -> None:
        m = _ENTITY.match(self.text, start)
        end = m.end() if m else start + 1
        if self._in_title:
            self._title_piece(start, end)
        if self._dropping():
            return
        decoded = htmllib.unescape(self.text[start:end])
        if decoded.isspace():
            self._space(start, end)  # &nbsp; &#12288;: layout, not text
        elif decoded:
            self._add(start, end, None if decoded == self.text[start:end] else decoded)

    def handle_entityref(self, name: str) -> None:
        self._entity(self._pos())

    def handle_charref(self, name: str) -> None:
        self._entity(self._pos())

    def _title_piece(self, start: int, end: int) -> None:
        prev = self.page.title
        self.page.title = (prev[0] if prev else start, end)

    def _dl_bullets(self, dl: _Dl) -> None:
        """Draw a bullet before each <dd> of a closed <dl> when most of its <dd>s (more
        than half) read as sentences (``_dd_sentence``): a list of outcomes under <dt>
        headings. Short values without a stop (Date: 7 May 2031) are a page's particulars
        and stay plain. The bullet maps onto the <dd> tag, as an <li>'s does; a <dd> whose
        text opens with its own number or bullet, or a CSS-drawn one, gets none."""
        dds = {ident: (s0, e0, bullet) for ident, s0, e0, bullet in dl.dds}
        own: dict[int, list[Block]] = {}  # each block under its innermost <dd> of this <dl>
        for b in self.page.blocks[dl.first_block :]:
            ident = next((i for i in reversed(b.path) if i in dds), None)
            if ident is not None:
                own.setdefault(ident, []).append(b)
        texts = [" ".join(b.text for b in blocks) for blocks in own.values()]
        if not texts or 2 * sum(map(_dd_sentence, texts)) <= len(texts):
            return
        for ident, blocks in own.items():
            s0, e0, bullet = dds[ident]
            first = blocks[0]
            if first.drawn or OWN_NUMBER.match(first.text) or _OWN_BULLET.match(first.text):
                continue
            label = bullet + " "
            first.pieces.insert(0, Piece(s0, e0, label))
            first.text = label + first.text
            first.drawn = len(label)
            # an <ul> inside the <dd> holds its sub-points: drawn one level down
            sub = _BULLETS[min(_BULLETS.index(bullet) + 1, len(_BULLETS) - 1)] + " "
            for b in blocks[1:]:
                if b.pieces[0].replacement == _BULLETS[0] + " ":
                    b.pieces[0].replacement = sub
                    b.text = sub + b.text[len(sub) :]

    def close(self) -> None:
        super().close()
        self._end_block("\n\n")
        while self._dls:  # a <dl> left open at the end of the page
            self._dl_bullets(self._dls.pop())


def walk(text: str) -> Page:
    walker = _Walker(text)
    walker.feed(text)
    walker.close()
    return walker.page


# -- main content --------------------------------------------------------------


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


@dataclass(slots=True)
class _Main:
    text: str  # whitespace-free
    lines: frozenset[str]
    title: str | None
    date: str | None
    sitename: str | None
    author: str | None
    url: str | None


def _trafilatura(text: str) -> _Main | None:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            deduplicate=False,
        )
    except Exception:  # a library failure only costs us its opinion; we fall back
        return None
    if doc is None or isinstance(doc, dict):
        return None
    body = doc.text or ""
    return _Main(
        _norm(body),
        frozenset(_norm(x) for x in body.splitlines() if x.strip()),
        doc.title,
        doc.date,
        doc.sitename,
        doc.author,
        doc.url,
    )


def _number(block: Block) -> tuple[str, int] | None:
    """('arabic'|'han'|'parab'|'phan', value) of a numbered block."""
    m = _NUMBERED.match(block.text)
    if not m:
        return None
    kind = next(k for k, v in m.groupdict().items() if v)
    raw = m.group(kind)
    return kind, int(raw) if raw.isdigit() else _han_value(raw)


def _han_value(s: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "百" in s:
        head, _, tail = s.partition("百")
        return digits.get(head, 1) * 100 + (_han_value(tail) if tail else 0)
    if "十" in s:
        head, _, tail = s.partition("十")
        return (digits.get(head, 1) if head else 1) * 10 + (digits.get(tail, 0) if tail else 0)
    return digits.get(s, 0)


@dataclass(slots=True)
class _Judged:
    boiler: bool  # marker wording or chrome, whatever trafilatura says
    main: bool  # trafilatura kept it
    anchor: bool  # main and long enough to place the article on the page
    numbered: tuple[str, int] | None


def _in_main(n: str, main: _Main | None) -> bool:
    return bool(main and n and (n in main.lines or (len(n) >= _ANCHOR and n in main.text)))


def _judge(blocks: list[Block], main: _Main | None) -> list[_Judged]:
    markers = _rules().markers
    out = []
    for b in blocks:
        n = _norm(b.text)
        number = _number(b)
        long_item = number is not None and len(n) >= _LONG_ITEM
        marker = len(n) <= _SHORT_BLOCK and markers.search(b.text) is not None and not long_item
        # trafilatura never sees what CSS draws: compare the text without it
        in_main = _in_main(n, main) or bool(b.drawn and _in_main(_norm(b.text[b.drawn :]), main))
        # trafilatura overrides a class-name guess about a real paragraph, never
        # a <nav>/<footer> or a marker
        chrome = b.chrome == "tag" or (b.chrome == "class" and not (in_main and len(n) >= _ANCHOR))
        boiler = marker or (chrome and not long_item)
        out.append(_Judged(boiler, in_main, in_main and not boiler and len(n) >= _ANCHOR, number))
    return out


def _container(blocks: list[Block], judged: list[_Judged]) -> tuple[int, ...] | None:
    """The innermost element holding every main-content block: the article."""
    anchors = [blocks[i].path for i, j in enumerate(judged) if j.anchor]
    if not anchors:
        anchors = [blocks[i].path for i, j in enumerate(judged) if j.main and not j.boiler]
    if not anchors:
        return None
    prefix = anchors[0]
    for path in anchors[1:]:
        k = 0
        while k < min(len(prefix), len(path)) and prefix[k] == path[k]:
            k += 1
        prefix = prefix[:k]
    return prefix


def _continue(judged: list[_Judged], edge: int, step: int, anchor: tuple[str, int]) -> list[int]:
    """Blocks past ``edge`` up to the last numbered item continuing ``anchor``'s numbering."""
    kind, value = anchor
    taken: list[int] = []
    pending: list[int] = []
    i = edge + step
    while 0 <= i < len(judged) and len(pending) <= _MAX_GAP:
        j = judged[i]
        if j.numbered == (kind, value + step) and not j.boiler:
            taken += [*pending, i]
            pending, value = [], value + step
        elif not j.boiler:
            pending.append(i)  # a sub-paragraph of an item, kept if the list goes on
        i += step
    return taken


def _list_start(judged: list[_Judged], last: int, kind: str) -> list[int]:
    """A list beginning ('1、', '一、') just after the kept text: all of it was dropped."""
    for i in range(last + 1, min(last + 2 + _MAX_GAP, len(judged))):
        if judged[i].numbered == (kind, 1) and not judged[i].boiler:
            return [i, *_continue(judged, i, 1, (kind, 1))]
    return []


def _numbered_continuations(judged: list[_Judged], keep: set[int]) -> set[int]:
    """Numbered items (and their sub-paragraphs) outside the article that continue
    its list: extractors drop list-like stretches. A list that restarts at 1
    (a sidebar's ranking) does not continue it."""
    extra: set[int] = set()
    for kind in ("arabic", "han"):
        items = sorted(i for i in keep if (judged[i].numbered or ("", 0))[0] == kind)
        if not items:
            extra.update(_list_start(judged, max(keep), kind))
            continue
        first, last = judged[items[0]].numbered, judged[items[-1]].numbered
        assert first is not None and last is not None
        extra.update(_continue(judged, items[-1], 1, last))
        extra.update(_continue(judged, items[0], -1, first))
    return extra


def _title_block(
    blocks: list[Block], judged: list[_Judged], first: int, title: str | None
) -> set[int]:
    """The article's heading just above its text belongs to it."""
    for i in range(first - 1, max(first - 6, -1), -1):
        b = blocks[i]
        if not judged[i].boiler and (b.heading or (title and _norm(b.text) == _norm(title))):
            return {i}
    return set()


@dataclass(slots=True)
class _Selection:
    kept: list[int]
    recovered: int  # numbered blocks kept that trafilatura had dropped
    fallback: bool


def select(blocks: list[Block], main: _Main | None, title: str | None) -> _Selection:
    """Blocks of the article: those inside the element holding trafilatura's main
    content, less boilerplate, plus list items and the heading it cut off."""
    judged = _judge(blocks, main)
    box = _container(blocks, judged)
    if box is None:
        kept = [i for i, j in enumerate(judged) if not j.boiler]
        return _Selection(kept, 0, True)
    keep = {i for i, b in enumerate(blocks) if b.path[: len(box)] == box and not judged[i].boiler}
    if not keep:
        return _Selection([], 0, True)
    keep |= _numbered_continuations(judged, keep)
    keep |= _title_block(blocks, judged, min(keep), title)
    kept = sorted(keep)
    recovered = sum(1 for i in kept if judged[i].numbered and not judged[i].main)
    return _Selection(kept, recovered, False)


# -- building the body -----------------------------------------------------------


def _block_edits(block: Block, text: str) -> list[Edit]:
    edits: list[Edit] = []
    pos = block.start
    for p in block.pieces:
        if p.start > pos:
            edits.append(Edit(pos, p.start))  # inline tags between pieces
        if p.replacement is not None and p.replacement != text[p.start : p.end]:
            edits.append(Edit(p.start, p.end, p.replacement))
        pos = p.end
    return edits


def body_edits(text: str, blocks: list[Block], kept: list[int]) -> list[Edit]:
    """Delete everything but the kept blocks; a line break stands for each gap."""
    edits: list[Edit] = []
    prev: int | None = None
    for i in kept:
        b = blocks[i]
        if prev is None:
            edits.append(Edit(0, b.start))
        else:
            adjacent = i == prev + 1
            sep = b.break_before if adjacent and b.break_before else "\n\n"
            edits.append(Edit(blocks[prev].end, b.start, sep))
        edits.extend(_block_edits(b, text))
        prev = i
    if prev is not None:
        edits.append(Edit(blocks[prev].end, len(text)))
    return [e for e in edits if e.start < e.end or e.replacement]


def _clip(s: str, n: int = 30) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def boilerplate_defects(blocks: list[Block], kept: list[int]) -> list[Defect]:
    """One defect per dropped stretch: before, inside and after the kept text."""
    if not kept:
        return []
    keep = set(kept)
    groups: dict[str, list[int]] = {"before": [], "inside": [], "after": []}
    for i in range(len(blocks)):
        if i in keep:
            continue
        where = "before" if i < kept[0] else ("after" if i > kept[-1] else "inside")
        groups[where].append(i)
    out = []
    for where, idx in groups.items():
        if not idx:
            continue
        sample = " | ".join(_clip(blocks[i].text) for i in idx[:3])
        more = " …" if len(idx) > 3 else ""
        detail = f"dropped {len(idx)} block(s) of page chrome {where} the text: {sample}{more}"
        out.append(Defect("boilerplate", detail, (blocks[idx[0]].start, blocks[idx[-1]].end)))
    return out


# -- metadata -----------------------------------------------------------------

_ATTR = r"""\b{name}\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))"""


def _attr_span(meta: _Meta, name: str) -> Span | None:
    m = re.search(_ATTR.format(name=re.escape(name)), meta.raw, re.I)
    if not m:
        return None
    group = next(g for g in ("dq", "sq", "bare") if m.group(g) is not None)
    return meta.start + m.start(group), meta.start + m.end(group)


def _meta_value(page: Page, keys: list[str]) -> tuple[str, Span | None] | None:
    wanted = [k.lower() for k in keys]
    for key in wanted:
        for meta in page.metas:
            name = (
                meta.attrs.get("name")
                or meta.attrs.get("property")
                or meta.attrs.get("itemprop")
                or ""
            ).lower()
            value = meta.attrs.get("content", "").strip()
            if name == key and value:
                return value, _attr_span(meta, "content")
    return None


def strip_site_suffix(title: str) -> str:
    """'成果清单 - 外交部' -> '成果清单': the longest part between separators."""
    parts = [p.strip() for p in _rules().title_sep.split(title) if p and p.strip()]
    return max(parts, key=len) if parts else title.strip()


def _title(
    text: str, page: Page, main: _Main | None, kept_blocks: list[Block]
) -> tuple[str, Span | None] | None:
    raw_title = None
    if page.title:
        a, b = page.title
        raw_title = " ".join(htmllib.unescape(text[a:b]).split())
    og = _meta_value(page, config()["html"]["title_meta"])
    claimed = raw_title or (og[0] if og else None) or (main.title if main else None)
    h1 = next((b for b in kept_blocks if b.heading == 1), None)
    if h1 and (not claimed or _norm(h1.text) in _norm(claimed)):
        return h1.text.strip(), (h1.start, h1.end)
    if raw_title and page.title:
        short = strip_site_suffix(raw_title)
        at = text.find(short, page.title[0], page.title[1])
        return short, ((at, at + len(short)) if at >= 0 else None)
    if og:
        return strip_site_suffix(og[0]), None
    if main and main.title:
        return strip_site_suffix(main.title), None
    return None


def _put(
    meta: dict[str, str], spans: dict[str, Span], key: str, got: tuple[str, Span | None]
) -> None:
    meta[key] = got[0]
    if got[1]:
        spans[key] = got[1]


def metadata(
    text: str, page: Page, main: _Main | None, kept: list[Block]
) -> tuple[dict[str, str], dict[str, Span]]:
    cfg = config()["html"]
    meta: dict[str, str] = {}
    spans: dict[str, Span] = {}
    title = _title(text, page, main, kept)
    if title:
        _put(meta, spans, "title", title)
    date = _meta_value(page, cfg["date_meta"])
    if date and iso_date(date[0]):
        _put(meta, spans, "published", (iso_date(date[0]) or "", date[1]))
    elif main and main.date and iso_date(main.date):
        meta["published"] = iso_date(main.date) or ""
    for key, names, fallback in (
        ("source", cfg["site_meta"], main.sitename if main else None),
        ("author", cfg["author_meta"], main.author if main else None),
        ("url", cfg["url_meta"], page.canonical or (main.url if main else None)),
    ):
        got = _meta_value(page, names)
        if got:
            _put(meta, spans, key, got)
        elif fallback:
            meta[key] = fallback
    return meta, spans


# -- decoding and the reader ----------------------------------------------------

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)


def meta_charset(data: bytes) -> str | None:
    """The <meta charset> / http-equiv charset in the first 4 KB (ASCII-compatible pages)."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _decode(inp: Input) -> encoding.Decoded:
    # WHATWG order: BOM (inside decode), HTTP charset, <meta charset>, then detection
    declared = inp.charset or meta_charset(inp.data)
    return encoding.decode(inp.data, inp.where, declared)


def _heading_spans(blocks: list[Block], kept: list[int]) -> list[tuple[int, Span]]:
    return [
        (blocks[i].heading or 0, (blocks[i].start, blocks[i].end))
        for i in kept
        if blocks[i].heading
    ]


def read(inp: Input) -> RawDocument:
    dec = _decode(inp)
    text = dec.text
    page = walk(text)
    if not page.blocks:
        raise InputError(inp.where, "HTML page has no text")
    main = _trafilatura(text)
    title_hint = htmllib.unescape(text[page.title[0] : page.title[1]]) if page.title else None
    sel = select(page.blocks, main, title_hint and strip_site_suffix(title_hint))
    warnings = list(dec.warnings)
    if sel.fallback:
        warnings.append(f"{inp.where}: main content not found; kept all text outside page chrome")
    if sel.recovered:
        warnings.append(
            f"{inp.where}: kept {sel.recovered} numbered block(s) the content extractor dropped"
        )
    body = MappedText.root(text).edit(body_edits(text, page.blocks, sel.kept))
    kept_blocks = [page.blocks[i] for i in sel.kept]
    meta, spans = metadata(text, page, main, kept_blocks)
    return finish(
        inp,
        text=text,
        body=body,
        fmt="html",
        encoding=dec.encoding,
        metadata=meta,
        metadata_spans=spans,
        headings=_heading_spans(page.blocks, sel.kept),
        strong=sorted(page.strong),
        defects=boilerplate_defects(page.blocks, sel.kept),
        warnings=warnings,
    )
