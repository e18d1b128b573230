"""References: named documents, UN resolutions, treaties, programmes.

``find_references(text, actors=..., lookup=...)`` finds

* 《titles》, with nested 〈…〉 or <…> inside (the inner title is a reference
  of its own, ``nested_in`` the outer one);
* resolutions by number — 联合国安理会第2270号决议, 2199号和2253号决议,
  第1696、1737…和1929号决议 (one reference per number), 46/215号决议 (General
  Assembly), "UNSC Resolution 2270";
* treaties named without 《》 (核损害补充赔偿公约, 联合国反腐败公约) and a few
  fixed names (9·19共同声明);
* quoted names that name something (“集装箱安全倡议”合作 → kind 'programme');
  quoted terms, slogans and speech are not references.

Offsets are in the text passed in; ``text[start:end] == ref.text``. Kinds:
document | resolution | treaty | agreement | statement | programme | law |
mechanism | event. Titles are normalised (simplified, no wraps, inner brackets
as 〈〉). The rules are in ``data/reference_rules.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from luoshi.extract.numerals import NormText
from luoshi.extract.protocols import ActorLike

__all__ = ["Reference", "find_references"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "reference_rules.toml"



@dataclass(slots=True)
class Reference:
    text: str
    start: int
    end: int
    kind: str
    title: str
    number: str | None = None  # resolutions: "2270", "46/215"
    body: str | None = None  # resolutions: UNSC | UNGA | HRC
    gazetteer_id: str | None = None
    title_en: str | None = None
    bracketed: bool = False  # written in 《》
    alias: str | None = None  # 《联合全面行动计划》（下称“全面协议”） → "全面协议"
    nested_in: str | None = None  # title of the 《》 this 〈〉 sits in
    refers_to: str | None = None  # 《意向声明》 → the full title given earlier


@dataclass(slots=True)
class _Known:
    title: str
    kind: str
    title_en: str | None
    bare: bool


@dataclass(slots=True)
class _Rules:
    bracket_suffixes: list[tuple[str, str]]
    quote_suffixes: list[tuple[str, str]]
    quote_following: list[tuple[str, str]]
    quote_exclude: tuple[str, ...]
    alias_markers: tuple[str, ...]
    bodies: dict[str, str]
    titles: dict[str, str]
    slash_body: str
    patterns: list[tuple[re.Pattern[str], str, str, str | None]]
    known: dict[str, _Known]
    bare_re: re.Pattern[str] | None
    unbr_suffixes: list[str]
    unbr_stops: re.Pattern[str]
    min_name: int
    ctx_after: tuple[str, ...]
    ctx_before: tuple[str, ...]
    body_re: re.Pattern[str] = field(default=re.compile(""))


def _by_len(d: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(d.items(), key=lambda kv: -len(kv[0]))


@cache
def _rules() -> _Rules:
    raw = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    known: dict[str, _Known] = {}
    bare: list[str] = []
    for k in raw.get("known", []):
        entry = _Known(k["title"], k["kind"], k.get("title_en"), bool(k.get("bare")))
        for name in [k["title"], *k.get("aliases", [])]:
            known.setdefault(name, entry)
            known.setdefault(name.lower(), entry)
            if entry.bare and not name.isascii():
                bare.append(name)
    res = raw["resolutions"]
    ub = raw["unbracketed"]
    r = _Rules(
        bracket_suffixes=_by_len(raw["bracket_suffixes"]),
        quote_suffixes=_by_len(raw["quote_suffixes"]),
        quote_following=_by_len(raw["quote_following"]),
        quote_exclude=tuple(raw["quote_exclude"]["suffixes"]),
        alias_markers=tuple(raw["quote_exclude"]["alias_markers"]),
        bodies=res["bodies"],
        titles=res["titles"],
        slash_body=res["slash_body"],
        patterns=[
            (re.compile(p["regex"]), p["title"], p["kind"], p.get("title_en"))
            for p in raw.get("patterns", [])
        ],
        known=known,
        bare_re=re.compile("|".join(map(re.escape, sorted(bare, key=len, reverse=True))))
        if bare
        else None,
        unbr_suffixes=ub["suffixes"],
        unbr_stops=re.compile("|".join(map(re.escape, sorted(ub["stops"], key=len, reverse=True)))),
        min_name=int(ub["min_name"]),
        ctx_after=tuple(ub["context_after"]),
        ctx_before=tuple(ub["context_before"]),
    )
    r.body_re = re.compile("|".join(map(re.escape, sorted(r.bodies, key=len, reverse=True))))
    return r


# --------------------------------------------------------------------------


def _kind(title: str, table: list[tuple[str, str]], default: str | None) -> str | None:
    for suffix, kind in table:
        if title.endswith(suffix):
            return kind
    return default


def _bracketed(s: str) -> list[tuple[int, int, int]]:
    """(start, end, depth) of every 《…》 and 〈…〉/<…> inside one, nesting-aware."""
    out: list[tuple[int, int, int]] = []
    i = 0
    n = len(s)
    while True:
        i = s.find("《", i)
        if i < 0:
            return out
        stack = [i]
        j = i + 1
        limit = min(n, i + 200)  # a title never runs for a paragraph
        while j < limit and stack:
            ch = s[j]
            if ch in "《〈<":
                stack.append(j)
            elif ch in "》〉>":
                start = stack.pop()
                out.append((start, j + 1, len(stack)))
            elif ch in "。\n":
                break  # unbalanced: give up on this one
            j += 1
        i = i + 1 if stack else j


_QUOTE = re.compile(r"“(?P<q>[^“”\n]{2,40})”")
_RES_NUM = r"\d{2,4}(?:/\d{1,4})?"
_RES = re.compile(
    rf"第?(?P<nums>{_RES_NUM}(?:号)?(?:(?:[、,，和及与]|以及)第?{_RES_NUM}(?:号)?)*)号决议"
)
_RES_EN = re.compile(
    rf"\b(?:(?P<body>UNSCR?|UNGA|(?:UN\s+|United\s+Nations\s+)?(?:Security\s+Council|General\s+Assembly))\s+)?"
    rf"[Rr]esolutions?\s+(?P<nums>{_RES_NUM}(?:\s*(?:,|and|,\s*and)\s*{_RES_NUM})*)"
    rf"|\bUNSCR\s+(?P<nums2>{_RES_NUM})"
)


def find_references(
    text: str,
    *,
    actors: Sequence[ActorLike] = (),
    lookup: Callable[[str], str | None] | None = None,
) -> list[Reference]:
    """References in ``text`` in order of position.

    ``lookup(title)`` (e.g. a gazetteer search) gives ``gazetteer_id``; an actor
    mention of type document/treaty over the same span gives it too.
    """
    r = _rules()
    nt = NormText.of(text)
    s = nt.text
    found: list[tuple[int, int, Reference]] = []  # norm spans
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, ref: Reference) -> None:
        found.append((a, b, ref))
        taken.append((a, b))

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    # 1. 《…》 and nested 〈…〉
    spans = _bracketed(s)
    outer_title: dict[int, str] = {}
    for a, b, depth in sorted(spans, key=lambda x: (x[2], x[0])):
        title = _clean_title(s[a + 1 : b - 1])
        if not title:
            continue
        known = r.known.get(title)
        kind = known.kind if known else _kind(title, r.bracket_suffixes, "document") or "document"
        ref = Reference("", 0, 0, kind, title, bracketed=True,
                        title_en=known.title_en if known else None)  # fmt: skip
        if known:
            ref.title = known.title
        if depth == 0:
            outer_title[a] = title
        else:
            parent = max((x for x in outer_title if x < a), default=None)
            ref.nested_in = outer_title.get(parent) if parent is not None else None
        if kind == "resolution":
            m = re.search(rf"第?({_RES_NUM})号决议$", title)
            if m:
                ref.number = m.group(1)
        add(a, b, ref)
    # alias definitions right after a title: 《联合全面行动计划》（下称“全面协议”）
    for _a, b, ref in found:
        m = re.match(
            r"[（(](?:以下简称|下称|简称|以下称)[“\"]?(?P<y>[^”\"）)]{1,12})[”\"]?[）)]", s[b:]
        )
        if m:
            ref.alias = m.group("y")
            taken.append((b, b + m.end()))

    # 2. resolutions by number. Both patterns start with an optional part, so the
    # regex engine would try them at every character: look for the words every
    # match contains first (a substring test runs in C at memchr speed).
    if "号决议" in s:
        for m in _RES.finditer(s):
            if not free(m.start(), m.end()):
                continue
            _add_resolutions(s, m, r, add)
    if "esolution" in s or "UNSCR" in s:
        for m in _RES_EN.finditer(s):
            if not free(m.start(), m.end()):
                continue
            _add_resolutions_en(s, m, r, add)

    # 3. fixed patterns (9·19共同声明) and bare known treaties
    for pat, title, kind, title_en in r.patterns:
        for m in pat.finditer(s):
            if free(m.start(), m.end()):
                add(m.start(), m.end(), Reference("", 0, 0, kind, title, title_en=title_en))
    if r.bare_re is not None:
        for m in r.bare_re.finditer(s):
            if free(m.start(), m.end()):
                k = r.known[m.group(0)]
                add(m.start(), m.end(), Reference("", 0, 0, k.kind, k.title, title_en=k.title_en))
    _unbracketed_treaties(s, r, add, free)

    # 4. quoted names
    for m in _QUOTE.finditer(s):
        if not free(m.start(), m.end()):
            continue
        quoted = _quoted(s, m, r, found)
        if quoted is not None:
            add(m.start(), m.end(), quoted)

    # finish: offsets, short titles, gazetteer ids
    if not found:
        return []  # most items
    found.sort(key=lambda x: (x[0], -x[1]))
    actor_spans = [
        (nt.to_norm(a.start), nt.to_norm(a.end), a)
        for a in actors
        if getattr(a, "type", None) in ("document", "treaty")
    ]
    out: list[Reference] = []
    seen_titles: list[str] = []
    for a, b, ref in found:
        ref.start, ref.end = nt.to_orig(a, b)
        ref.text = text[ref.start : ref.end]
        if ref.bracketed and ref.nested_in is None:
            full = next(
                (t for t in reversed(seen_titles) if t != ref.title and t.endswith(ref.title)), None
            )
            if full and len(ref.title) <= 8:
                ref.refers_to = full
            seen_titles.append(ref.title)
        for x, y, actor in actor_spans:
            if x < b and a < y:
                ref.gazetteer_id = getattr(actor, "id", None)
                break
        if ref.gazetteer_id is None and lookup is not None:
            ref.gazetteer_id = lookup(ref.title) or (lookup(ref.alias) if ref.alias else None)
        out.append(ref)
    return out


def _clean_title(t: str) -> str:
    t = re.sub(r"\s+", "", t)
    return t.replace("<", "〈").replace(">", "〉").strip()


def _add_resolutions(
    s: str, m: re.Match[str], r: _Rules, add: Callable[[int, int, Reference], None]
) -> None:
    # the body: the nearest body word before the numbers within the clause
    clause_start = max(s.rfind(ch, 0, m.start()) for ch in "，。；：,;:\n") + 1
    bodies = list(r.body_re.finditer(s, max(clause_start, m.start() - 40), m.start()))
    body = r.bodies[bodies[-1].group(0)] if bodies else None
    start = (
        bodies[-1].start() if bodies and _adjacent(s, bodies[-1].end(), m.start()) else m.start()
    )
    nums = list(re.finditer(_RES_NUM, m.group("nums")))
    base = m.start("nums")
    for i, nm in enumerate(nums):
        number = nm.group(0)
        b = body
        if "/" in number:
            b = r.slash_body
        a = start if i == 0 else base + nm.start()
        e = m.end() if i == len(nums) - 1 else base + nm.end()
        title = (
            r.titles.get(b or "UNSC", "第{n}号决议").format(n=number) if b else f"第{number}号决议"
        )
        add(a, e, Reference("", 0, 0, "resolution", title, number=number, body=b))


def _adjacent(s: str, a: int, b: int) -> bool:
    """Only 第/通过/的 between a body word and the number: it is part of the name."""
    return re.fullmatch(r"(?:第|通过的?|)", s[a:b]) is not None


def _add_resolutions_en(
    s: str, m: re.Match[str], r: _Rules, add: Callable[[int, int, Reference], None]
) -> None:
    raw_body = m.group("body") or ("UNSCR" if m.group("nums2") else None)
    body = None
    if raw_body:
        key = re.sub(r"^(?:UN|United Nations)\s+", "", raw_body)
        key = re.sub(r"\s+", " ", key)
        body = r.bodies.get(key) or r.bodies.get(raw_body)
    group = "nums" if m.group("nums") else "nums2"
    nums = list(re.finditer(_RES_NUM, m.group(group)))
    base = m.start(group)
    for i, nm in enumerate(nums):
        number = nm.group(0)
        b = r.slash_body if "/" in number else body
        a = m.start() if i == 0 else base + nm.start()
        e = base + nm.end()
        title = r.titles[b].format(n=number) if b in r.titles else f"第{number}号决议"
        add(a, e, Reference("", 0, 0, "resolution", title, number=number, body=b))


def _unbracketed_treaties(
    s: str,
    r: _Rules,
    add: Callable[[int, int, Reference], None],
    free: Callable[[int, int], bool],
) -> None:
    """联合国反腐败公约 / 核损害补充赔偿公约 written without 《》."""
    for suffix in r.unbr_suffixes:
        if suffix not in s:
            continue
        for m in re.finditer(re.escape(suffix), s):
            end = m.end()
            i = m.start()
            while i > 0 and m.start() - i < 20 and "\u4e00" <= s[i - 1] <= "\u9fff":
                i -= 1
            run = s[i : m.start()]
            cut = 0
            for sm in r.unbr_stops.finditer(run):
                cut = max(cut, sm.end())
            name = run[cut:]
            if len(name) < r.min_name:
                continue
            a = m.start() - len(name)
            if not free(a, end):
                continue
            title = name + suffix
            k = r.known.get(title)
            if k is None and not (
                s.startswith(r.ctx_after, end) or run[:cut].endswith(r.ctx_before)
            ):
                continue
            add(a, end, Reference("", 0, 0, k.kind if k else "treaty", k.title if k else title,
                                  title_en=k.title_en if k else None))  # fmt: skip


def _quoted(
    s: str, m: re.Match[str], r: _Rules, found: list[tuple[int, int, Reference]]
) -> Reference | None:
    q = re.sub(r"\s+", "", m.group("q"))
    before = s[max(0, m.start() - 6) : m.start()]
    after = s[m.end() : m.end() + 12]
    if before.endswith(r.alias_markers):
        # （下称“通报机制”）: an alias of the quoted name just before
        for _a, b, ref in reversed(found):
            if 0 <= m.start() - b <= 8:
                ref.alias = q
                break
        return None
    if re.search(r"[，,。！？!?；;：:]", q) or before.endswith(("：", ":", "说", "道")):
        return None  # speech or a sentence, not a name
    if "、" in q and all(len(x) <= 5 for x in q.split("、")):
        return None  # a slogan: “阿人主导、阿人所有”
    if q.endswith(r.quote_exclude):
        return None
    kind = _kind(q, r.quote_suffixes, None)
    if kind is None:
        follow = next((k for w, k in r.quote_following if after.startswith(w)), None)
        if follow is None:
            return None
        kind = follow
    return Reference("", 0, 0, kind, q)
