"""build_document: clean a RawDocument and read its structure into a Document."""

from __future__ import annotations

import re
from functools import cache

from luoshi import rules
from luoshi.clean import clean
from luoshi.clean.common import CleanState, simplified
from luoshi.model import Defect, Document, RawDocument
from luoshi.parse.dates import find_dates
from luoshi.parse.defects import numbering_defects, truncation_defects
from luoshi.parse.events import find_events
from luoshi.parse.meeting import TextView, find_dateline, find_meeting, find_title
from luoshi.parse.structure import (
    Outline,
    build_outline,
    heading_titles,
    paragraph_items,
    paragraphs,
    run_in_titles,
)


@cache
def _kind_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rules.load("layout")["kind"][name])


def build_document(raw: RawDocument) -> Document:
    cleaned = clean(raw.body, [span for _lvl, span in raw.headings])
    state = cleaned.state
    norm, display = cleaned.normalized, cleaned.display
    view = TextView(norm, display)
    outline = build_outline(norm, display)
    run_in_titles(outline.items, raw.strong, raw.text)
    heading_titles(outline.items, raw.headings, raw.text)

    src = raw.source
    src.script, src.language = state.script, state.language
    doc = Document(source=src, text=raw.text, metadata=dict(raw.metadata),
                   warnings=list(raw.warnings), display=display, normalized=norm)
    doc.defects.extend(raw.defects)
    doc.defects.extend(state.defects)

    front = [(p.start, p.end) for p in outline.front]
    # a transcript's opening names only the press conference: the dialogue, its round and
    # dates are told in the questions and answers, so the meeting is looked for over them
    meeting_paras = ([(p.start, p.end) for p in paragraphs(norm.text)]
                     if outline.transcript else front)
    headings = [(raw.text[a:b], (a, b)) for _lvl, (a, b) in raw.headings]
    title, title_span, title_idx = find_title(raw.metadata, raw.metadata_spans, front, view,
                                              state, headings)
    doc.title, doc.title_span = title, title_span
    title_norm = simplified(title or "")
    front_body = [f for k, f in enumerate(meeting_paras) if k not in title_idx]
    front_text = "\n".join(norm.text[a:b] for a, b in front_body)
    front_offset = front_body[0][0] if front_body else 0
    if front_body and "\n" in front_text:
        # keep offsets exact: search the contiguous span of the front matter
        front_text = norm.text[front_body[0][0]:front_body[-1][1]]

    stamp = state.timestamps[0][0] if state.timestamps else None
    published = _declared_date(raw) or stamp or _front_date_line(norm.text, front) \
        or raw.metadata.get("published") or _header_date(state)
    year = int(published[:4]) if published else None
    doc.meeting = find_meeting(title_norm, front_text, front_offset, view, year)
    if _kind_pattern("progress_report").search(title_norm):
        # A progress report (…成果落实情况) reports on an earlier round: the meeting it
        # names (mechanism, round, dates, venue) is that round, kept as it is. Its own
        # date is the day it reports as of (截至…), else its closing date line: the
        # reference its relative dates (上月, 本月底前) count from (Document.as_of).
        doc.as_of = _as_of_date(front_text, year) or _closing_date(norm.text, year)
        if doc.as_of is not None:
            published = published or doc.as_of
            year = year or int(doc.as_of[:4])
    if year is None and doc.meeting.start:
        year = int(doc.meeting.start[:4])
    doc.dateline = find_dateline(view, year, state.datelines)
    if published is None and doc.dateline and doc.dateline.date:
        published = doc.dateline.date
    if published is None and not doc.meeting.start:
        # nothing above the text dates it: a joint statement's closing line does
        published = _closing_date(norm.text, year)
    doc.published = published
    source = state.stamp_sources[0][0] if state.stamp_sources else None  # 来源：… by the date
    doc.publisher = raw.metadata.get("publisher") or source \
        or (doc.dateline.agency if doc.dateline else None)
    doc.page = raw.metadata.get("page")

    kind = "progress-report" if doc.as_of else _kind(title_norm, len(outline.items))
    if outline.transcript and kind != "progress-report":
        kind = "other"  # answers in prose: neither an outcome list nor a statement
    if kind == "joint-statement" and outline.item_kind is None and not outline.items:
        # a statement numbers nothing: its paragraphs after the opening one are the items
        paras = paragraphs(norm.text)
        opening = next((k for k, p in enumerate(paras) if len(p.text) > 40), 0)
        outline = Outline()
        paragraph_items(paras, outline, norm, display, keep_front=opening + 1)
    doc.sections = outline.sections
    doc.items = outline.items
    doc.kind = kind
    if doc.kind == "narrative" or (not doc.items and front):
        doc.events = find_events(view, front, year)
        if doc.kind == "other" and len(doc.events) >= 3:
            doc.kind = "narrative"

    doc.defects.extend(numbering_defects(doc.items))
    for at, prev, number in outline.glued:  # split, but the source had them run together
        doc.defects.append(Defect(
            "truncated-item",
            f"item {number} was glued onto the end of item {prev}: split at its inline marker",
            norm.to_root(at, at)))
    last_end = outline.item_ranges[-1][1] if outline.item_ranges else 0
    truncated = truncation_defects(
        doc.items, outline.item_ranges, norm.to_root, state,
        last_item_is_end=last_end >= len(norm.text.rstrip()) or not doc.items)
    if outline.tabular:  # a table row ends on its short cells (a deadline), not a sentence
        truncated = [d for d in truncated
                     if not (d.kind == "truncated-item" and d.detail.endswith("ends mid-sentence"))]
    doc.defects.extend(truncated)
    doc.defects.sort(key=lambda d: (d.span or (0, 0))[0])
    return doc


def _declared_date(raw: RawDocument) -> str | None:
    """A publication date the source declares in a field (an HTML <meta> tag, Markdown
    front matter, an archive record): one with a span. A date without a span is a guess
    (the HTML reader's date finder reads URLs and links), which the page's own timestamp
    line (2026-11-27 09:15 来源：…) beats."""
    published = raw.metadata.get("published")
    return published if published and "published" in raw.metadata_spans else None


DATE_LINE_MAX = 30


def _front_date_line(text: str, front: list[tuple[int, int]]) -> str | None:
    """A day written on a line of its own above the text ("March 3, 2027" under a media
    note's heading, 2026年5月8日 under a title): the page's own date, which outranks a date
    the HTML reader only guessed (from a URL or a copyright year)."""
    for a, b in front:
        line = text[a:b].strip()
        if not line or len(line) > DATE_LINE_MAX + 20:
            continue
        days = find_dates(line)
        if len(days) != 1 or days[0].granularity != "day" or days[0].first != days[0].last \
                or days[0].end < len(line) - 1:
            continue
        # the date alone, or closing an imprint line ("编印：…编辑部　　2029年7月26日")
        if (days[0].start == 0 and len(line) <= DATE_LINE_MAX) \
                or _IMPRINT.fullmatch(line[: days[0].start]):
            return days[0].first.isoformat()
    return None


# what may stand before the date of an imprint line: a label and a name, then a wide gap
_IMPRINT = re.compile(r"[^，,。；;！？!?]{2,40}?(?:[：:][^，,。；;]*?)?(?:\u3000+|\s{2,})")


def _as_of_date(front: str, year: int | None) -> str | None:
    """The day a report states its figures as of: 截至2026年9月15日, "as of 15 September 2026"."""
    for m in _kind_pattern("as_of").finditer(front):
        days = find_dates(front[m.end():m.end() + 24], year)
        if days and days[0].start == 0 and days[0].granularity == "day":
            return days[0].last.isoformat()
    return None


# what may follow the date of a closing line: the place it was signed in (二〇二六年九月五日
# 于阿斯塔纳, "5 September 2026, Canberra", "in Ottawa")
_CLOSING_PLACE = re.compile(r"[，,]?\s*(?:于|在|in\s+|at\s+)?[^\s，,。.0-9]{1,12}$")


def _closing_date(text: str, year: int | None) -> str | None:
    """The date on the last line (a signature block's 二〇二六年九月, a joint statement's
    二〇二六年九月五日于阿斯塔纳): its first day."""
    tail = text.rstrip().rsplit("\n", 1)[-1].strip()
    if len(tail) > 32:
        return None
    days = find_dates(tail, year)
    if not days or days[0].start > 0:
        return None
    rest = tail[days[0].end:]
    if rest.strip(" 。.") and not _CLOSING_PLACE.fullmatch(rest):
        return None
    return days[0].first.isoformat()


def _header_date(state: CleanState) -> str | None:
    """The date of a newspaper's running header (2019年11月16日 星期六 …人民日报 3 要闻).

    The cleaner removes the header as page furniture, but its date is the date of the
    issue: the publication date, better than a dateline's (the day the story was filed)
    though not than the document's metadata or a web page's timestamp line.
    """
    for text, _span, why in state.removed_lines:
        if why not in ("running header", "page header"):
            continue
        days = [d for d in find_dates(simplified(text)) if d.granularity == "day"]
        if days and days[0].first == days[0].last:
            return days[0].first.isoformat()
    return None


def _kind(title: str, n_items: int) -> str:
    is_list = _kind_pattern("outcome_list").search(title)
    if _kind_pattern("joint_statement").search(title) and not is_list:
        return "joint-statement"
    if is_list or n_items >= 5:
        return "outcome-list"
    if n_items == 0:
        return "narrative"
    return "other"
