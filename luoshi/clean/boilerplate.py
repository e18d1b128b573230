"""Web-page furniture that survives as plain text: breadcrumbs, navigation, footers.

Pattern lines (breadcrumbs, addresses, copyright, share links) go wherever they are.
Short navigation lines go only when they sit outside the document's body and the
text shows other signs of being a web page, so headings of a plain narrative stay.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from functools import cache

from luoshi import rules
from luoshi.clean.common import (
    CleanState,
    Line,
    en_dateline_line,
    ends_sentence,
    iter_lines,
    short,
    simplified,
    strip_title_note,
)
from luoshi.markers import match_marker
from luoshi.parse.dates import find_dates
from luoshi.textmap import Edit, MappedText


@cache
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], int]:
    b = rules.load("layout")["boilerplate"]
    line = re.compile("|".join(f"(?:{p})" for p in b["line_patterns"]), re.MULTILINE)
    stamp = re.compile(b["timestamp_line"])
    title = re.compile(rules.load("layout")["title"]["keywords"])
    dateline = re.compile(rules.load("layout")["dateline"]["cn"])
    return line, stamp, title, dateline, int(b["nav_max_chars"])


@cache
def _line_and_tail(key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``[boilerplate] key`` (a reporter byline, a press-release end mark such as # # # or
    （完）) as a whole line, and as the tail of a line after its last sentence."""
    p = rules.load("layout")["boilerplate"][key]
    return re.compile(rf"\s*(?:{p})\s*"), re.compile(rf"(?<=[。！？!?；;.])\s*(?P<b>{p})\s*$")


_NOTE_LINE = re.compile(r"[（(][^（）()]{4,}[)）]")


def _is_body_line(s: str) -> bool:
    """A line that belongs to the document proper: a sentence, or a numbered entry.

    A title with a bracketed note (…成果清单（全文）) ends in a bracket but is no
    sentence: the page's timestamp line may still follow it.
    """
    if match_marker(s) is not None or len(s) > 40:
        return True
    t = strip_title_note(s)
    if t != s and _rules()[2].search(simplified(t)):
        return ends_sentence(t)
    return ends_sentence(s)


def remove_boilerplate(mt: MappedText, state: CleanState) -> MappedText:
    line_pat, stamp_pat, title_pat, dateline_pat, nav_max = _rules()
    text = mt.text
    probe = simplified(text)
    lines = [ln for ln in iter_lines(text) if ln.stripped and ln.stripped != "\f"]
    drop: dict[int, str] = {}  # line index in `lines` → reason

    starts = [ln.start for ln in lines]
    hit_lines: set[int] = set()
    for m in line_pat.finditer(probe):  # one pass over the text, not one per line
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() <= lines[i].end:
            hit_lines.add(i)
    for i in sorted(hit_lines):
        ln = lines[i]
        p = probe[ln.start:ln.end].strip()
        if not match_marker(p) and not _long_sentence(p):
            drop[i] = "boilerplate"
            state.web_page = True

    # A reporter byline closes a news story: back matter, whether on its own line or
    # printed right after the last sentence (then only that tail goes).
    tails: list[tuple[int, int, str]] = []
    # So does an end mark (# # #, （完）): never a sentence of the last item.
    whole_byline, tail_byline = _line_and_tail("byline")
    whole_end, tail_end = _line_and_tail("end_mark")
    for i, ln in enumerate(lines):
        if i in drop:
            continue
        p = probe[ln.start:ln.end]
        last = p.rstrip()[-1:]
        byline_like = last in ")）"  # every byline ends in its bracket
        if byline_like and whole_byline.fullmatch(p):
            drop[i] = "byline"
        elif (end_like := last in "#)）-—–") and whole_end.fullmatch(p):
            drop[i] = "end mark"
        elif byline_like and (m := tail_byline.search(p)) is not None:
            tails.append((ln.start + m.start(), ln.start + m.end("b"), "byline"))
        elif end_like and (m := tail_end.search(p)) is not None:  # every end mark ends so
            tails.append((ln.start + m.start(), ln.start + m.end("b"), "end mark"))

    issued = _end_block(lines, probe, drop)

    body = [i for i, ln in enumerate(lines) if i not in drop and _is_body_line(ln.stripped)]
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else -1
    # A bracketed note under the title (（本文为…）, an editor's remark) does not open the
    # body: the page's timestamp line may still follow it.
    first_text = next((i for i in body if not _NOTE_LINE.fullmatch(lines[i].stripped)),
                      len(lines))

    # A timestamp line near the top of a page is its publication date, not text; so is
    # the account line of a WeChat article (原创 公众号 2029-05-24 21:30 发表于四川).
    account = _account_line()
    for i, ln in enumerate(lines[: first_text + 1]):
        line = probe[ln.start:ln.end]
        m = stamp_pat.match(line) or _account_match(account, line)
        if m and i not in drop:
            try:
                iso = date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                continue
            state.timestamps.append((iso, mt.to_root(ln.start, ln.end)))
            groups = m.groupdict()
            src = "source" if groups.get("source") else "source0"  # after the date, or before
            if groups.get(src):
                a, b = ln.start + m.start(src), ln.start + m.end(src)
                state.stamp_sources.append((text[a:b], mt.to_root(a, b)))
            drop[i] = "timestamp"

    if issued is not None:  # the end block's issue date: after any top timestamp
        ln = lines[issued[1]]
        state.timestamps.append((issued[0], mt.to_root(ln.start, ln.end)))

    # A dateline on a line of its own ends a news story; it is metadata, not item text.
    for i, ln in enumerate(lines):
        if i in drop:
            continue
        p = probe[ln.start:ln.end].strip()
        m = dateline_pat.fullmatch(p) or (
            en_dateline_line().fullmatch(p) if p[:1].isupper() else None)
        if m:
            drop[i] = "dateline"
            state.datelines.append((ln.stripped, mt.to_root(ln.start, ln.end)))

    if state.web_page:
        for i, ln in enumerate(lines):
            if i in drop or first_body <= i <= last_body:
                continue
            p = probe[ln.start:ln.end].strip()
            if i < first_body and title_pat.search(p):
                continue  # the page's title line: keep it for the parser
            if i > last_body and dateline_pat.search(p):
                continue
            limit = nav_max if i < first_body else 40
            if len(p) <= limit and not ends_sentence(p):
                drop[i] = "navigation"

    edits: list[Edit] = []
    run: list[Line] = []
    for i, ln in enumerate(lines):
        why = drop.get(i)
        if why is None:
            continue
        edits.append(Edit(ln.start, min(ln.end + 1, len(text)), ""))
        state.removed_lines.append((ln.stripped, mt.to_root(ln.start, ln.end), why))
        if why not in ("timestamp", "dateline", "end mark"):  # end marks are expected, no defect
            run.append(ln)
    for s0, e0, why in tails:
        b0 = s0 + len(text[s0:e0]) - len(text[s0:e0].lstrip())
        edits.append(Edit(s0, _line_end(text, e0), ""))
        state.removed_lines.append((text[b0:e0], mt.to_root(b0, e0), why))
        if why == "byline":
            state.add(mt, "boilerplate", f"reporter byline dropped: {short(text[b0:e0], 20)}",
                      b0, e0)
    edits.sort(key=lambda e: e.start)
    # One defect per contiguous group of dropped lines keeps the report readable.
    for group in _groups(run, lines):
        s, e = group[0].start, group[-1].end
        what = "; ".join(short(g.stripped, 16) for g in group[:3])
        more = f" (+{len(group) - 3} more)" if len(group) > 3 else ""
        state.add(mt, "boilerplate", f"{len(group)} line(s) dropped: {what}{more}", s, e)
    return mt.edit(edits)


@cache
def _account_line() -> re.Pattern[str]:
    return re.compile(rules.load("layout")["boilerplate"]["account_line"])


def _account_match(pattern: re.Pattern[str], line: str) -> re.Match[str] | None:
    """A WeChat account line: only with 原创 before it or 发表于 after the time, which a
    plain "name date time" line (a signature, a table row) lacks."""
    s = line.strip()
    if not (s.startswith("原创") or "发表于" in s):
        return None
    return pattern.match(line)


@cache
def _end_block_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    b = rules.load("layout")["boilerplate"]
    return (re.compile(rf"\s*(?:{b['end_block_mark']})\s*"),
            re.compile(rf"\s*(?:{b['end_block_date']})\s*"),
            re.compile(rf"\s*(?:{b['end_block_time']})\s*"))


_END_BLOCK_LINES = 4  # end mark, date, time, and one spare


def _end_block(lines: list[Line], probe: str, drop: dict[int, str],
               ) -> tuple[str, int] | None:
    """Drop a press release's end block (完 / 2025年10月9日（星期四） / 香港時間18時30分).

    Only the run of such lines at the very end counts, and only when it holds an end
    mark or a time line. Returns its issue date (ISO, line index) if it has one.
    """
    mark, day, clock = _end_block_rules()
    run: list[tuple[int, str, re.Match[str] | None]] = []
    for i in range(len(lines) - 1, max(-1, len(lines) - 1 - _END_BLOCK_LINES), -1):
        if i in drop:
            continue
        p = probe[lines[i].start:lines[i].end]
        if len(p) > 40:
            break
        if mark.fullmatch(p):
            run.append((i, "end mark", None))
        elif clock.fullmatch(p):
            run.append((i, "time", None))
        elif (dm := day.fullmatch(p)) is not None:
            run.append((i, "date", dm))
        else:
            break
    if not any(kind != "date" for _i, kind, _m in run):
        return None
    issued: tuple[str, int] | None = None
    for i, _kind, dm in run:
        drop[i] = "end mark"
        if dm is not None and issued is None:
            days = find_dates(dm["date"])
            if days and days[0].granularity == "day" and days[0].first == days[0].last:
                issued = (days[0].first.isoformat(), i)
    return issued


def _line_end(text: str, at: int) -> int:
    """The end of the line ``at`` is on (blanks after a removed tail go with it)."""
    nl = text.find("\n", at)
    return len(text) if nl < 0 else nl


def _long_sentence(p: str) -> bool:
    # "版权所有" inside a long sentence of an item is content, not a footer.
    return len(p) > 80 and ends_sentence(p)


def _groups(run: list[Line], lines: list[Line]) -> list[list[Line]]:
    index = {id(ln): i for i, ln in enumerate(lines)}
    groups: list[list[Line]] = []
    for ln in run:
        if groups and index[id(ln)] == index[id(groups[-1][-1])] + 1:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups
