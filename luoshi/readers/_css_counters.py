"""CSS counters: the numbers a browser draws from a page's ``<style>`` rules.

A page may number its items only in CSS::

    .outcomes { counter-reset: n; }
    .item { counter-increment: n; }
    .item::before { content: counter(n) "."; }

The text of ``<div class="item">`` has no number; the browser draws "1." "2." … .
``Counters`` tracks the counter values in document order, as CSS Lists 3 says a
browser does (checked against Chromium), and gives the ``::before`` text an element
draws, for the HTML reader to insert before the element's text.

A small reader of the subset pages use, not a CSS engine: no library in the venv
parses CSS (lxml's cssselect and tinycss2 are not installed) and the subset is
small, so no new dependency. Selectors of type, ``.class``, ``#id`` and ``*``,
joined by descendant or child combinators; ``:hover``-like states never apply in
a static page. Where a rule that touches counters is beyond the subset (``+``,
``:nth-child``, ``[attr]``, ``attr()``, an unknown counter style, ``@media`` …) or
the sheet is malformed, the numbers are uncertain and nothing is drawn at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, NamedTuple

from luoshi.extract.numerals import int_to_cn, int_to_roman


class Node(NamedTuple):
    """What a selector of the subset can see of an element."""

    tag: str
    ident: str
    classes: frozenset[str]


def node(tag: str, attrs: dict[str, str]) -> Node:
    return Node(tag.lower(), attrs.get("id", "").strip(), frozenset(attrs.get("class", "").split()))


class _Uncertain(Exception):
    """The sheet says something about counters we cannot read for sure."""


# -- selectors -------------------------------------------------------------------

_IDENT = r"-?[_a-zA-Z\u00a0-\uffff][-\w\u00a0-\uffff]*"
_SIMPLE = re.compile(rf"(?P<kind>[.#]|::?)?(?P<name>{_IDENT}|\*)")
# states of a live page: a rule with one of them never applies to the page as loaded
_DYNAMIC = frozenset(["hover", "focus", "active", "visited", "focus-within", "focus-visible"])


@dataclass(frozen=True, slots=True)
class _Compound:
    tag: str | None
    ident: str | None
    classes: frozenset[str]

    def matches(self, n: Node) -> bool:
        return (
            (self.tag is None or self.tag == n.tag)
            and (self.ident is None or self.ident == n.ident)
            and self.classes <= n.classes
        )


@dataclass(frozen=True, slots=True)
class _Selector:
    parts: tuple[_Compound, ...]  # outermost first
    child: tuple[bool, ...]  # child[i]: parts[i] and parts[i+1] joined by ">"
    before: bool  # targets the ::before pseudo-element
    specificity: tuple[int, int, int]

    def matches(self, n: Node, ancestors: Sequence[Node]) -> bool:
        if not self.parts[-1].matches(n):
            return False
        return self._up(len(self.parts) - 2, ancestors, len(ancestors))

    def _up(self, i: int, ancestors: Sequence[Node], below: int) -> bool:
        """parts[:i+1] matched among ancestors[:below] (parts[i+1] sits at ``below``)."""
        if i < 0:
            return True
        if self.child[i]:
            k = below - 1
            return k >= 0 and self.parts[i].matches(ancestors[k]) and self._up(i - 1, ancestors, k)
        return any(
            self.parts[i].matches(ancestors[k]) and self._up(i - 1, ancestors, k)
            for k in range(below - 1, -1, -1)
        )


_NEVER = "never"  # a selector that matches nothing in a static page


def _selector(text: str) -> _Selector | str | None:
    """One complex selector; _NEVER, or None when it is beyond the subset."""
    parts: list[_Compound] = []
    child: list[bool] = []
    before = False
    ids = classes = tags = 0
    pos, text = 0, text.strip()
    pending: str | None = None  # combinator before the next compound
    while pos < len(text):
        ws = re.match(r"\s*([>+~])?\s*", text[pos:])
        assert ws is not None
        if ws.end():
            if not parts or before:
                return None
            pending = ws.group(1) or " "
            pos += ws.end()
            continue
        tag = ident = None
        names: set[str] = set()
        start = pos
        while pos < len(text) and (m := _SIMPLE.match(text, pos)):
            kind, name = m.group("kind"), m.group("name")
            pos = m.end()
            if before:
                return None  # nothing may follow ::before
            if kind is None and pos - len(name) == start:
                tag = None if name == "*" else name.lower()
                tags += name != "*"
            elif kind == "." and name != "*":
                names.add(name)
                classes += 1
            elif kind == "#" and name != "*":
                ident = name
                ids += 1
            elif kind in (":", "::") and name.lower() == "before":
                before = True
                tags += 1
            elif kind == ":" and name.lower() in _DYNAMIC:
                return _NEVER
            else:
                return None  # ::after, ::marker, :first-child, :not(…), a name after a name
        if pos == start:
            return None  # [attr], :not(, an escape: beyond the subset
        if pending is not None:
            if pending not in (" ", ">"):
                return None  # sibling combinators
            child.append(pending == ">")
            pending = None
        parts.append(_Compound(tag, ident, frozenset(names)))
    if not parts or pending is not None:
        return None
    return _Selector(tuple(parts), tuple(child), before, (ids, classes, tags))


# -- values ----------------------------------------------------------------------

_COUNTER_PROPS = ("counter-reset", "counter-set", "counter-increment")
_STRING = re.compile(r'"((?:[^"\\\n]|\\.|\\\n)*)"|\'((?:[^\'\\\n]|\\.|\\\n)*)\'', re.S)
_FUNC = re.compile(r"(counters?)\(\s*([^()]*?)\s*\)", re.I)
_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|\n|(.))", re.S)
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_CJK_DIGITS = "〇一二三四五六七八九"


def _unescape(s: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return m.group(2) or ""

    return _ESCAPE.sub(one, s)


def _alpha(n: int, letters: str) -> str | None:
    if n <= 0:
        return None
    out = ""
    while n:
        n, r = divmod(n - 1, len(letters))
        out = letters[r] + out
    return out


def _cjk_decimal(n: int) -> str:
    return "".join(_CJK_DIGITS[int(d)] if d.isdigit() else d for d in str(n))


def _fixed(n: int, symbols: str) -> str:
    return symbols[n - 1] if 1 <= n <= len(symbols) else _cjk_decimal(n)


def _style(n: int, style: str) -> str:
    """``n`` in a predefined counter style (CSS Counter Styles 3); falls back to decimal
    outside a style's range as browsers do. Unknown styles are refused earlier."""
    s = _STYLES[style](n)
    return str(n) if s is None else s


_STYLES: dict[str, Callable[[int], str | None]] = {
    "decimal": str,
    "decimal-leading-zero": lambda n: f"{n:02d}" if n >= 0 else f"-{-n:02d}",
    "lower-alpha": lambda n: _alpha(n, "abcdefghijklmnopqrstuvwxyz"),
    "lower-latin": lambda n: _alpha(n, "abcdefghijklmnopqrstuvwxyz"),
    "upper-alpha": lambda n: _alpha(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "upper-latin": lambda n: _alpha(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lower-greek": lambda n: _alpha(n, _GREEK),
    "lower-roman": lambda n: int_to_roman(n).lower() if 0 < n < 4000 else None,
    "upper-roman": lambda n: int_to_roman(n) if 0 < n < 4000 else None,
    # 一 … 十 十一 … 二十: the informal Chinese counting these styles draw
    "cjk-ideographic": lambda n: int_to_cn(n) if 0 < n < 10000 else None,
    "simp-chinese-informal": lambda n: int_to_cn(n) if 0 < n < 10000 else None,
    "cjk-decimal": _cjk_decimal,
    "cjk-heavenly-stem": lambda n: _fixed(n, _HEAVENLY),
    "cjk-earthly-branch": lambda n: _fixed(n, _EARTHLY),
    "disc": lambda n: "•",
    "circle": lambda n: "◦",
    "square": lambda n: "▪",
    "none": lambda n: "",
}


# content: strings, counter(name[, style]), counters(name, "sep"[, style])
_Part = str | tuple[str, str, str | None]  # literal, or (name, style, separator)


def _content(value: str) -> list[_Part] | None:
    """The parts of a ``content`` value that draws counters; None when it draws none.
    Raises _Uncertain when it draws counters mixed with what we cannot read."""
    if not re.search(r"\bcounters?\(", value, re.I):
        return None
    parts: list[_Part] = []
    pos = 0
    while pos < len(value):
        ws = re.match(r"\s+", value[pos:])
        if ws:
            pos += ws.end()
            continue
        m = _STRING.match(value, pos)
        if m:
            parts.append(_unescape(m.group(1) if m.group(1) is not None else m.group(2)))
            pos = m.end()
            continue
        m = _FUNC.match(value, pos)
        if not m:
            raise _Uncertain(value)  # attr(), open-quote, url(), a bad token
        args = _args(m.group(2))
        name = args[0] if args else ""
        if not re.fullmatch(_IDENT, name) or name.lower() == "list-item":
            raise _Uncertain(value)  # list-item is the <ol>'s own counter
        if m.group(1).lower() == "counters":
            if len(args) not in (2, 3) or not _STRING.fullmatch(args[1]):
                raise _Uncertain(value)
            sep_m = _STRING.fullmatch(args[1])
            assert sep_m is not None
            sep = _unescape(sep_m.group(1) if sep_m.group(1) is not None else sep_m.group(2))
            style = args[2] if len(args) == 3 else "decimal"
        else:
            if len(args) not in (1, 2):
                raise _Uncertain(value)
            sep, style = None, args[1] if len(args) == 2 else "decimal"
        if style.lower() not in _STYLES:
            raise _Uncertain(value)  # @counter-style or a style we do not draw
        parts.append((name, style.lower(), sep))
        pos = m.end()
    # "counter(" inside a string literal draws no counter
    return parts if any(isinstance(p, tuple) for p in parts) else None


def _args(s: str) -> list[str]:
    out: list[str] = []
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|[^,]+', s):
        if m.group().strip():
            out.append(m.group().strip())
    return out


def _counter_list(value: str, default: int) -> list[tuple[str, int]]:
    """``n`` / ``n 2 m`` / ``none`` of counter-reset, -set and -increment."""
    tokens = value.split()
    if tokens == ["none"]:
        return []
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(tokens):
        name = tokens[i]
        if not re.fullmatch(_IDENT, name) or name.lower() in (
            "none",
            "list-item",
            "inherit",
            "initial",
            "unset",
            "revert",
        ):
            raise _Uncertain(value)  # reversed(n), list-item, a bad token
        n = default
        if i + 1 < len(tokens) and re.fullmatch(r"[-+]?\d+", tokens[i + 1]):
            n = int(tokens[i + 1])
            i += 1
        out.append((name, n))
        i += 1
    if not out:
        raise _Uncertain(value)
    return out


# -- the sheet -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Decl:
    important: bool
    inline: bool
    specificity: tuple[int, int, int]
    order: int
    value: list[Any] | None  # [(name, n)] of a counter property; [_Part] or None of content

    @property
    def key(self) -> tuple[bool, bool, tuple[int, int, int], int]:
        return (self.important, self.inline, self.specificity, self.order)


@dataclass(frozen=True, slots=True)
class _Rule:
    selector: _Selector
    decls: dict[str, _Decl]


def _declarations(block: str) -> list[tuple[str, str, bool]]:
    out = []
    for part in _split(block, ";"):
        name, colon, value = part.partition(":")
        if not colon:
            continue
        value = value.strip()
        important = bool(re.search(r"!\s*important\s*$", value, re.I))
        if important:
            value = re.sub(r"!\s*important\s*$", "", value, flags=re.I).strip()
        out.append((name.strip().lower(), value, important))
    return out


def _split(s: str, sep: str) -> list[str]:
    """``s`` cut at ``sep`` outside strings and brackets."""
    out, depth, cur, quote, i = [], 0, [], "", 0
    while i < len(s):
        c = s[i]
        if quote:
            if c == "\\":
                cur.append(s[i : i + 2])
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def _blocks(css: str) -> list[tuple[str, str]]:
    """(prelude, block) of each top-level rule; raises _Uncertain on malformed text."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(css)
    start, depth, open_at, quote = 0, 0, 0, ""
    while i < n:
        c = css[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == "\n":
                raise _Uncertain("unterminated string")
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            if end < 0:
                raise _Uncertain("unterminated comment")
            i = end + 2
            continue
        elif c == "{":
            if depth == 0:
                open_at = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                raise _Uncertain("unbalanced }")
            if depth == 0:
                out.append((css[start:open_at], css[open_at + 1 : i]))
                start = i + 1
        elif c == ";" and depth == 0:
            start = i + 1  # @import …; @charset …;
        i += 1
    if depth or quote:
        raise _Uncertain("unclosed block")
    return out


def _strip_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", " ", css, flags=re.S)


class Sheet:
    """The counter rules of a page's style sheets; ``ok`` False when they are uncertain."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.rules: list[_Rule] = []  # rules that count or draw counters
        # ::before rules whose content draws no counter (icons, "•"): they only matter
        # where they win over a counter's content, so they are checked only there
        self.plain: list[_Rule] = []
        self.ok = True
        order = 0
        try:
            for css in sources:
                # <!-- … --> around a sheet, for browsers of the 1990s: CSS ignores them
                css = re.sub(r"<!--|-->", " ", css)
                for prelude, block in _blocks(css):
                    order = self._rule(_strip_comments(prelude), _strip_comments(block), order)
        except _Uncertain:
            self.ok, self.rules, self.plain = False, [], []

    @property
    def active(self) -> bool:
        return self.ok and bool(self.rules)

    def _rule(self, prelude: str, block: str, order: int) -> int:
        if prelude.strip().startswith("@"):
            # @media, @supports …: whether they apply is beyond us; @media print never does
            query = prelude.strip().lower()
            if "counter" in block.lower() and not re.fullmatch(r"@media\s+print", query):
                raise _Uncertain(prelude)
            return order
        if "{" in block:
            if "counter" in block.lower():
                raise _Uncertain(prelude)  # CSS nesting
            return order
        decls: dict[str, tuple[list[Any] | None, bool]] = {}
        for name, value, important in _declarations(block):
            if name in _COUNTER_PROPS:
                default = 1 if name == "counter-increment" else 0
                decls[name] = (_counter_list(value, default), important)
            elif name == "content":
                decls[name] = (_content(value), important)
        if not decls:
            return order
        counters = any(k in _COUNTER_PROPS or v is not None for k, (v, _) in decls.items())
        for text in _split(prelude, ","):
            sel = _selector(text)
            if sel == _NEVER:
                continue
            if not isinstance(sel, _Selector):
                # an icon's `content` under a selector we cannot read is no counter
                if counters:
                    raise _Uncertain(text)
                continue
            if not sel.before and "content" in decls and decls["content"][0] is not None:
                raise _Uncertain(text)  # counters drawn by the element itself
            order += 1
            rule = _Rule(
                sel,
                {k: _Decl(imp, False, sel.specificity, order, v) for k, (v, imp) in decls.items()},
            )
            if counters:
                self.rules.append(rule)
            elif sel.before:
                self.plain.append(rule)
        return order


def _inline(style: str) -> list[tuple[str, _Decl]]:
    """The counter declarations of a style attribute (they win over the sheet's)."""
    out = []
    for name, value, imp in _declarations(_strip_comments(style)):
        if name in _COUNTER_PROPS:
            default = 1 if name == "counter-increment" else 0
            out.append((name, _Decl(imp, True, (0, 0, 0), 0, _counter_list(value, default))))
    return out


# -- collecting the <style> blocks ------------------------------------------------


class _StyleCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []
        self._current: list[str] | None = None
        self._query = False  # the open <style> has a media query
        self.uncertain = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = next((v for k, v in attrs if k == "style" and v), "")
        if "counter" in style.lower():
            try:
                _inline(style)
            except _Uncertain:
                self.uncertain = True
        if tag != "style":
            return
        media = (dict(attrs).get("media") or "all").strip().lower()
        parts = {p.strip() for p in media.split(",")}
        self._query = False
        if parts & {"all", "screen"}:
            self._current = []
        elif parts == {"print"}:
            self._current = None
        else:
            self._current = []
            self._query = True  # a media query we do not evaluate

    def handle_data(self, data: str) -> None:
        if self._current is not None and self.lasttag == "style":
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._current is not None:
            css = "".join(self._current)
            if self._query and "counter" in css.lower():
                self.uncertain = True
            self.sources.append(css)
            self._current, self._query = None, False


def page_sheet(html: str) -> Sheet | None:
    """The counter rules of the page's ``<style>`` blocks, or None when it has none."""
    if "counter" not in html.lower():
        return None  # no counter can be drawn: spare the second parse
    collector = _StyleCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # html.parser rarely fails, but a failure must cost only the numbers
        return None
    if collector.uncertain:
        return None
    sheet = Sheet(collector.sources)
    return sheet if sheet.active else None


# -- tracking the values ---------------------------------------------------------


class Counters:
    """Counter values in document order; ``open`` is called for each element as it
    starts, ``close_to`` when the open elements are cut back to a depth."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        # name -> instances, innermost last: [owner depth, value]; an instance lives
        # while the element at index owner-1 (the parent of the element that created it)
        # is open: the creating element, its following siblings and their descendants
        self._values: dict[str, list[list[int]]] = {}

    def close_to(self, depth: int) -> None:
        for stack in self._values.values():
            while stack and stack[-1][0] > depth:
                stack.pop()

    def _winners(
        self, rules: list[_Rule], n: Node, ancestors: Sequence[Node], before: bool
    ) -> dict[str, _Decl]:
        best: dict[str, _Decl] = {}
        for rule in rules:
            if rule.selector.before != before or not rule.selector.matches(n, ancestors):
                continue
            for k, d in rule.decls.items():
                if k not in best or d.key > best[k].key:
                    best[k] = d
        return best

    def _apply(self, props: dict[str, list[Any] | None], owner: int) -> None:
        """counter-reset, then -increment, then -set (CSS Lists 3; as Chromium does)."""
        for name, value in props.get("counter-reset") or []:
            stack = self._values.setdefault(name, [])
            if stack and stack[-1][0] == owner:
                stack.pop()  # a sibling's counter of that name ends here
            stack.append([owner, value])
        for prop in ("counter-increment", "counter-set"):
            for name, value in props.get(prop) or []:
                stack = self._values.setdefault(name, [])
                if not stack:
                    stack.append([owner, 0])  # used without a reset: created here at 0
                stack[-1][1] = value if prop == "counter-set" else stack[-1][1] + value

    def open(self, n: Node, ancestors: Sequence[Node], style: str | None = None) -> str | None:
        """Apply the element's counter properties; the text its ``::before`` draws, if
        that text holds a counter. ``ancestors`` are the open elements, outermost first;
        ``style`` its style attribute."""
        depth = len(ancestors)
        own = self._winners(self.sheet.rules, n, ancestors, False)
        if style and "counter" in style.lower():
            for name, decl in _inline(style):  # checked when the page was read
                if name not in own or decl.key > own[name].key:
                    own[name] = decl
        self._apply({k: d.value for k, d in own.items()}, depth)
        pseudo = self._winners(self.sheet.rules, n, ancestors, True)
        # the ::before box is the element's first child
        self._apply({k: d.value for k, d in pseudo.items()}, depth + 1)
        content = pseudo.get("content")
        if content is None or content.value is None:
            return None
        plain = self._winners(self.sheet.plain, n, ancestors, True).get("content")
        if plain is not None and plain.key > content.key:
            return None  # a later or more specific rule draws something else
        out = []
        for p in content.value:
            if isinstance(p, str):
                out.append(p)
                continue
            name, style_name, sep = p
            stack = self._values.setdefault(name, [])
            if not stack:
                stack.append([depth + 1, 0])
            values = [v for _, v in stack] if sep is not None else [stack[-1][1]]
            out.append((sep or "").join(_style(v, style_name) for v in values))
        return " ".join("".join(out).split())
