"""The sentence a fact came from, cut from the document's source text.

A tracker row carries the commitment's clause and the spans of the clause and
its sentence; a timeline source carries the span of a mention. To cite them,
the report shows the whole sentence with the clause or mention marked:
``quote_parts`` cuts ``(before, marked, after)`` from the decoded source
(where every span points), and ``attach_quotes`` adds them to the rows and
timelines as ``quote`` (and the item heading as ``item_title``). Pure: the
caller supplies the texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from luoshi.extract.sentences import split_sentences

__all__ = ["DocText", "attach_quotes", "quote_parts", "tidy_parts"]

Span = tuple[int, int]
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class DocText:
    """A document's decoded source and where each item is in it."""

    source: str
    items: Mapping[int, Span] = field(default_factory=dict)  # item number → span
    titles: Mapping[int, str] = field(default_factory=dict)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def tidy_parts(text: str, cuts: Sequence[int]) -> list[str]:
    """``text`` cut at ``cuts`` after undoing the source's layout whitespace:
    a run of whitespace next to a CJK character goes (hard wraps, PDF spacing
    "2016 年 6 月"), any other run becomes one space; the ends are trimmed."""
    out: list[str] = []
    new = [0] * (len(text) + 1)  # old offset → new offset
    i = 0
    for m in _WS.finditer(text):
        for k in range(i, m.start()):
            new[k] = len(out)
            out.append(text[k])
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        keep = bool(before and after) and not (_wide(before) or _wide(after))
        for k in range(m.start(), m.end()):
            new[k] = len(out)
        if keep:
            out.append(" ")
        i = m.end()
    for k in range(i, len(text)):
        new[k] = len(out)
        out.append(text[k])
    new[len(text)] = len(out)
    joined = "".join(out)
    bounds = [0, *(new[c] for c in cuts), len(joined)]
    parts = [joined[a:b] for a, b in pairwise(bounds)]
    parts[0] = parts[0].lstrip()
    parts[-1] = parts[-1].rstrip()
    return parts


def _span(value: Any) -> Span | None:
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        try:
            a, b = int(value[0]), int(value[1])
        except (TypeError, ValueError):
            return None
        return (a, b) if 0 <= a <= b else None
    return None


def _sentence_around(source: str, region: Span, span: Span) -> Span | None:
    """The sentence(s) of ``region`` that hold ``span``."""
    start = region[0]
    hits = [
        (start + s.start, start + s.end)
        for s in split_sentences(source[region[0] : region[1]])
        if start + s.start < span[1] and span[0] < start + s.end
    ]
    if not hits:
        return None
    return (min(a for a, _ in hits), max(b for _, b in hits))


def quote_parts(
    source: str, span: Any, sentence: Any = None, region: Any = None
) -> tuple[str, str, str] | None:
    """``(before, marked, after)``: the sentence holding ``span`` (``sentence``
    when given, else found in ``region``, the item's span), tidied; None when the
    spans do not fit the source."""
    mark = _span(span)
    if mark is None or mark[1] > len(source):
        return None
    whole = _span(sentence)
    if whole is None or not (whole[0] <= mark[0] and mark[1] <= whole[1] <= len(source)):
        item = _span(region)
        if item is None or not (item[0] <= mark[0] and mark[1] <= item[1] <= len(source)):
            return None
        whole = _sentence_around(source, item, mark)
        if whole is None:
            return None
        whole = (min(whole[0], mark[0]), max(whole[1], mark[1]))
    text = source[whole[0] : whole[1]]
    before, marked, after = tidy_parts(text, (mark[0] - whole[0], mark[1] - whole[0]))
    return before, marked, after


def attach_quotes(
    rows: Sequence[Mapping[str, Any]],
    timelines: Sequence[Mapping[str, Any]],
    texts: Mapping[str, DocText],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Copies of ``rows`` and ``timelines`` with ``quote`` and ``item_title`` added
    where the document's text is known."""

    def enrich(obj: Mapping[str, Any], sentence: Any = None) -> dict[str, Any]:
        out = dict(obj)
        doc = texts.get(str(obj.get("doc")))
        item = obj.get("item")
        if doc is None:
            return out
        if isinstance(item, int) and item in doc.titles:
            out["item_title"] = doc.titles[item]
        region = doc.items.get(item) if isinstance(item, int) else None
        parts = quote_parts(doc.source, obj.get("span"), sentence, region)
        if parts is not None:
            out["quote"] = list(parts)
        return out

    new_rows = [enrich(r, r.get("sentence_span")) for r in rows]
    new_timelines = []
    for t in timelines:
        occs = [
            {**o, "sources": [enrich(s) for s in o.get("sources") or ()]}
            for o in t.get("occurrences") or ()
        ]
        new_timelines.append({**t, "occurrences": occs})
    return new_rows, new_timelines
