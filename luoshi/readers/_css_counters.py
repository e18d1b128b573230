"""CSS counters: the numbers a browser draws from a page's ``<style>`` rules.

A page may number its items only in CSS::

    .outcomes { counter-reset: n; }
    .item { counter-increment: n; }
    .item::before { content: counter(n) "."; }

The text of ``<div class="item">`` has no number; the browser draws "1." "2." … .
``Counters`` tracks the counter values in document order, as CSS Lists 3 says a
browser does (checked against Chromium), and gives the ``::before`` text an element
draws, for the HTML reader to insert before the element's text.

tinycss2 (WeasyPrint's CSS parser) reads the sheets: rules, declarations, strings and
escapes, comments. What is read of them is a subset, not a CSS engine: selectors of
type, ``.class``, ``#id`` and ``*``, joined by descendant or child combinators;
``:hover``-like states never apply in a static page. Where a rule that touches
counters is beyond the subset (``+``, ``:nth-child``, ``[attr]``, ``attr()``, an
unknown counter style, ``@media`` …) or the sheet is malformed (an unclosed block,
string or comment, a stray ``}``, a parse error in a rule about counters), the numbers
are uncertain and nothing is drawn at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import groupby
from typing import Any, NamedTuple

import tinycss2  # type: ignore[import-untyped]

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


# -- tokens ----------------------------------------------------------------------


def _walk(tokens: Iterable[Any]) -> Iterator[Any]:
    """tinycss2 component values, with those inside functions and blocks."""
    for t in tokens:
        yield t
        inner = t.arguments if t.type == "function" else getattr(t, "content", None)
        if inner:
            yield from _walk(inner)


def _solid(tokens: Iterable[Any]) -> list[Any]:
    return [t for t in tokens if t.type != "whitespace"]


def _mentions_counter(*token_lists: list[Any] | None) -> bool:
    return any(ts and "counter" in tinycss2.serialize(ts).lower() for ts in token_lists)


def _split(tokens: Iterable[Any], sep: str = ",") -> list[list[Any]]:
    """Component values cut at the literal ``sep``."""
    out: list[list[Any]] = [[]]
    for t in tokens:
        if t == sep:
            out.append([])
        else:
            out[-1].append(t)
    return out


# -- selectors -------------------------------------------------------------------

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


def _is_join(t: Any) -> bool:
    return t.type == "whitespace" or (t.type == "literal" and t.value in (">", "+", "~"))


def _selector(tokens: list[Any]) -> _Selector | str | None:
    """One complex selector from its prelude tokens; _NEVER, or None when it is beyond
    the subset."""
    groups = [list(g) for _, g in groupby(tokens, _is_join)]
    for end in (0, -1):
        if groups and not _solid(groups[end]):
            del groups[end]  # whitespace around the selector
    # compounds at even places, the combinators joining them (" ", ">" …) at odd ones
    joins = ["".join(t.value for t in _solid(g)) or " " for g in groups[1::2]]
    if len(groups) % 2 == 0 or _is_join(groups[0][0]) or set(joins) - {" ", ">"}:
        return None  # nothing, a combinator at an end, sibling combinators
    parts: list[_Compound] = []
    before = False
    ids = classes = tags = 0
    for group in groups[::2]:
        tag = ident = None
        names: set[str] = set()
        it = iter(group)
        if group[0].type == "ident" or group[0] == "*":
            first = next(it)
            tag = first.lower_value if first.type == "ident" else None
            tags += tag is not None
        for t in it:
            name = next(it, None) if t in (".", ":") else None
            if t.type == "hash" and t.is_identifier:
                ident = t.value
                ids += 1
            elif t == "." and name is not None and name.type == "ident":
                names.add(name.value)
                classes += 1
            elif t == ":":
                colons = 2 if name == ":" else 1
                name = next(it, None) if colons == 2 else name
                pseudo = name.lower_value if name is not None and name.type == "ident" else ""
                if colons == 1 and pseudo in _DYNAMIC:
                    return _NEVER
                if pseudo != "before" or next(it, None) or group is not groups[-1]:
                    return None  # ::after, :first-child, :not(…), anything after ::before
                before = True
                tags += 1
            else:
                return None  # [attr], a name after a name, a stray token
        parts.append(_Compound(tag, ident, frozenset(names)))
    return _Selector(tuple(parts), tuple(j == ">" for j in joins), before, (ids, classes, tags))


# -- values ----------------------------------------------------------------------

_COUNTER_PROPS = ("counter-reset", "counter-set", "counter-increment")
_COUNTER_FUNCS = ("counter", "counters")
# names a counter-reset/-set/-increment may not give: keywords, the <ol>'s own counter
_RESERVED = frozenset(["none", "list-item", "inherit", "initial", "unset", "revert"])
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_CJK_DIGITS = "〇一二三四五六七八九"


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


def _content(value: list[Any]) -> list[_Part] | None:
    """The parts of a ``content`` value that draws counters; None when it draws none.
    Raises _Uncertain when it draws counters mixed with what we cannot read."""
    if not any(t.type == "function" and t.lower_name in _COUNTER_FUNCS for t in _walk(value)):
        return None  # "counter(" inside a string draws no counter
    parts: list[_Part] = []
    for t in _solid(value):
        if t.type == "string":
            parts.append(t.value)
        elif t.type == "function" and t.lower_name in _COUNTER_FUNCS:
            parts.append(_counter(t))
        else:
            raise _Uncertain(t)  # attr(), open-quote, url(), a bad token
    return parts


def _counter(func: Any) -> tuple[str, str, str | None]:
    args = [_solid(a) for a in _split(func.arguments)]
    if any(len(a) != 1 for a in args):
        raise _Uncertain(func)
    name, *rest = (a[0] for a in args)
    if name.type != "ident" or name.lower_value == "list-item":
        raise _Uncertain(func)  # list-item is the <ol>'s own counter
    sep = None
    if func.lower_name == "counters":
        if not rest or rest[0].type != "string":
            raise _Uncertain(func)
        sep = rest.pop(0).value
    style = rest.pop(0) if rest else None
    if rest or (style and (style.type != "ident" or style.lower_value not in _STYLES)):
        raise _Uncertain(func)  # @counter-style or a style we do not draw
    return (name.value, style.lower_value if style else "decimal", sep)


def _counter_list(value: list[Any], default: int) -> list[tuple[str, int]]:
    """``n`` / ``n 2 m`` / ``none`` of counter-reset, -set and -increment."""
    tokens = _solid(value)
    if len(tokens) == 1 and tokens[0].type == "ident" and tokens[0].lower_value == "none":
        return []
    out: list[tuple[str, int]] = []
    named = False  # the last token was a name: a number may follow it
    for t in tokens:
        if t.type == "ident" and t.lower_value not in _RESERVED:
            out.append((t.value, default))
            named = True
        elif t.type == "number" and t.int_value is not None and named:
            out[-1] = (out[-1][0], t.int_value)
            named = False
        else:
            raise _Uncertain(value)  # reversed(n), list-item, a bad token
    if not out:
        raise _Uncertain(value)
    return out


def _value(decl: Any) -> list[Any] | None:
    if decl.lower_name == "content":
        return _content(decl.value)
    return _counter_list(decl.value, 1 if decl.lower_name == "counter-increment" else 0)


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


def _declarations(content: str | list[Any]) -> list[Any]:
    """A block's (or a style attribute's) declarations, nested rules and parse errors."""
    return tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)


def _stylesheet(css: str) -> list[Any]:
    """The rules of a sheet; raises _Uncertain on a sheet with something left open, a
    stray ``}`` or a broken string, which a browser reads another way than it looks."""
    # a "}" past the end closes what is left open (or is swallowed by an open comment):
    # only when all is closed does it stay unmatched at the top
    tokens = tinycss2.parse_component_value_list(css + "\n}", skip_comments=True)
    if not tokens or tokens[-1].type != "error" or tokens[-1].kind != "}":
        raise _Uncertain("unclosed block, string or comment")
    tokens.pop()
    if any(t.type == "error" and t.kind == "}" for t in tokens):
        raise _Uncertain("stray }")
    if any(t.type == "error" and t.kind == "bad-string" for t in _walk(tokens)):
        raise _Uncertain("unterminated string")
    # <!-- … --> around a sheet, for browsers of the 1990s, is dropped here
    return tinycss2.parse_stylesheet(tokens, skip_comments=True, skip_whitespace=True)


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
                for rule in _stylesheet(css):
                    order = self._rule(rule, order)
        except _Uncertain:
            self.ok, self.rules, self.plain = False, [], []

    @property
    def active(self) -> bool:
        return self.ok and bool(self.rules)

    def _rule(self, rule: Any, order: int) -> int:
        if rule.type == "error":
            return order  # text after the last block
        if _mentions_counter(rule.prelude, rule.content) and any(
            t.type == "error" for t in _walk([*rule.prelude, *(rule.content or [])])
        ):
            raise _Uncertain(rule)  # a bad url, a stray ")" …
        if rule.type == "at-rule":
            # @media, @supports …: whether they apply is beyond us; @media print never does
            query = [getattr(t, "lower_value", t) for t in _solid(rule.prelude)]
            media_print = rule.lower_at_keyword == "media" and query == ["print"]
            if _mentions_counter(rule.content) and not media_print:
                raise _Uncertain(rule)
            return order
        items = _declarations(rule.content)
        if any(i.type == "qualified-rule" or getattr(i, "content", None) for i in items):
            if _mentions_counter(rule.content):
                raise _Uncertain(rule)  # CSS nesting
            return order
        decls: dict[str, tuple[list[Any] | None, bool]] = {
            d.lower_name: (_value(d), d.important)
            for d in items
            if d.type == "declaration" and d.lower_name in (*_COUNTER_PROPS, "content")
        }
        if not decls:
            return order
        counters = any(k in _COUNTER_PROPS or v is not None for k, (v, _) in decls.items())
        for tokens in _split(rule.prelude):
            sel = _selector(tokens)
            if sel == _NEVER:
                continue
            if not isinstance(sel, _Selector):
                # an icon's `content` under a selector we cannot read is no counter
                if counters:
                    raise _Uncertain(tokens)
                continue
            if not sel.before and "content" in decls and decls["content"][0] is not None:
                raise _Uncertain(tokens)  # counters drawn by the element itself
            order += 1
            made = _Rule(
                sel,
                {k: _Decl(imp, False, sel.specificity, order, v) for k, (v, imp) in decls.items()},
            )
            if counters:
                self.rules.append(made)
            elif sel.before:
                self.plain.append(made)
        return order


def _inline(style: str) -> list[tuple[str, _Decl]]:
    """The counter declarations of a style attribute (they win over the sheet's)."""
    return [
        (d.lower_name, _Decl(d.important, True, (0, 0, 0), 0, _value(d)))
        for d in _declarations(style)
        if d.type == "declaration" and d.lower_name in _COUNTER_PROPS
    ]


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
