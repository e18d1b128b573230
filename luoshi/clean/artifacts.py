"""Page furniture: continuation markers, page numbers, running headers and footers."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import cache

from luoshi import rules
from luoshi.clean.common import CleanState, Line, ends_sentence, iter_lines, short, simplified
from luoshi.markers import Marker, match_marker
from luoshi.textmap import Edit, MappedText


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    a = rules.load("layout")["artifacts"]
    return {
        "continuation": re.compile(a["continuation"]),
        "continues_elsewhere": re.compile(a["continues_elsewhere"]),
        "page_number": re.compile(a["page_number"]),
        "page_header": re.compile(a["page_header"]),
        "page_of_header": re.compile(a["page_of_header"]),
        "footnote": re.compile(a["footnote"]),
        # a continuation note (7. （续）…), with the blanks after it
        "item_continued": re.compile(
            rf"(?P<note>{rules.load('layout')['ocr']['item_continued']})[ \t\u3000]*"),
    }


_DIGITS = re.compile(r"\d+")


def _header_max() -> int:
    return int(rules.load("layout")["artifacts"]["header_max_chars"])


def _header_len_ok(s: str) -> bool:
    """Short enough for page furniture: an English line takes about twice the characters
    of a Chinese one ("TWELFTH U.S.-CHINA STRATEGIC AND ECONOMIC DIALOGUE | STRATEGIC
    TRACK"), a dash or a curly quote in it ("China–Canada … | Joint Outcomes") too: only
    wide (CJK) characters make a line Chinese."""
    limit = _header_max()
    wide = any(unicodedata.east_asian_width(c) in "WF" for c in s)
    return len(s) <= (limit if wide else 2 * limit)


def _line_edit(line: Line, text_len: int) -> Edit:
    # Remove the line with its newline so no empty line is left behind.
    end = min(line.end + 1, text_len)
    return Edit(line.start, end, "")


def remove_artifacts(mt: MappedText, state: CleanState) -> MappedText:
    pats = _patterns()
    text = mt.text
    probe = simplified(text)
    lines = list(iter_lines(text))
    edits: list[Edit] = []
    removed: set[int] = set()

    # 1. Continuation markers, wherever they sit in a line.
    for m in pats["continuation"].finditer(probe):
        s, e = m.start(), m.end()
        # take the blanks around the marker with it
        while s > 0 and text[s - 1] in " \t\u3000":
            s -= 1
        edits.append(Edit(s, e, ""))
        state.add(mt, "page-artifact", f"page-jump marker {m.group()} removed", m.start(), m.end())
        if pats["continues_elsewhere"].search(m.group()):
            state.continues_elsewhere = mt.to_root(m.start(), m.end())
        else:
            state.continues_elsewhere = None  # a later 上接 means the text did come back
    # 1b. A page break inside an item: the new page repeats the item's number with a
    # continuation note (7. （续）…). Number and note go; the wrap stage joins the rest.
    for s, e, detail in _continued_items(pats["item_continued"], text, probe, lines):
        edits.append(Edit(s, e, ""))
        state.add(mt, "page-artifact", detail, s, e)
    marker_lines = {i for i, ln in enumerate(lines)
                    if pats["continuation"].search(probe[ln.start:ln.end])}

    # 2. Lines that are only a page number, or a newspaper running header.
    counts = Counter(ln.stripped for ln in lines if ln.stripped)
    # "<title> — Page N of M": the same line but for its page number on every page
    # ("age " first: a substring test is much cheaper than the pattern on every line)
    paged = Counter(_DIGITS.sub("#", ln.stripped) for ln in lines
                    if "age " in ln.stripped and pats["page_of_header"].match(ln.stripped))
    page_numbers = {i for i, ln in enumerate(lines)
                    if ln.stripped and pats["page_number"].match(probe[ln.start:ln.end].strip())}
    for i, ln in enumerate(lines):
        s = ln.stripped
        if not s or s == "\f" or i in marker_lines:
            continue
        p = probe[ln.start:ln.end].strip()
        why = None
        if pats["page_number"].match(p):
            why = "page number"
        elif (_header_len_ok(s) and not match_marker(s) and not ends_sentence(s)
              and (pats["page_header"].search(p)
                   or (paged and paged[_DIGITS.sub("#", s)] >= 2)
                   or (counts[s] >= 2 and _near_page_edge(lines, i, page_numbers)
                       and not _inside_repeated_block(lines, s)))):
            why = "running header"
        if why:
            edits.append(_line_edit(ln, len(text)))
            removed.add(i)
            state.removed_lines.append((s, mt.to_root(ln.start, ln.end), why))
            state.add(mt, "page-artifact", f"{why} {short(s)!r} removed", ln.start, ln.end)

    # 2b. Footnotes (¹ The Commission was established in 1998; …) with their reference
    # glued to a word elsewhere (Commission¹): page furniture, never an item's sentence.
    for i in _footnote_lines(pats["footnote"], text, lines, page_numbers | marker_lines):
        if i in removed:
            continue
        ln = lines[i]
        edits.append(_line_edit(ln, len(text)))
        removed.add(i)
        state.removed_lines.append((ln.stripped, mt.to_root(ln.start, ln.end), "footnote"))
        state.add(mt, "page-artifact", f"footnote {short(ln.stripped)!r} removed",
                  ln.start, ln.end)

    # 3. Short lines after a 下转 marker at the end: the next page's header or footer.
    if marker_lines:
        last_marker = max(marker_lines)
        tail = [i for i in range(last_marker + 1, len(lines)) if lines[i].stripped]
        if tail and all(len(lines[i].stripped) <= _header_max()
                        and not ends_sentence(lines[i].stripped)
                        and not match_marker(lines[i].stripped) for i in tail):
            for i in tail:
                if i in removed:
                    continue
                ln = lines[i]
                edits.append(_line_edit(ln, len(text)))
                state.removed_lines.append((ln.stripped, mt.to_root(ln.start, ln.end),
                                            "page header"))
                state.add(mt, "page-artifact", f"page header {short(ln.stripped)!r} removed",
                          ln.start, ln.end)
    return mt.edit(_disjoint(edits))


_SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
FOOTNOTE_MAX_LINES = 4  # a note wraps onto a few lines at most


def _footnote_lines(pat: re.Pattern[str], text: str, lines: list[Line],
                    stops: set[int]) -> list[int]:
    """Indices of the lines of footnotes: a line opening with a superscript number whose
    reference (the same number right after a word or a stop, Commission¹) stands in
    another line, and the note's wrapped lines under it up to the one ending its sentence
    (never past a blank line, a page break, a page number or a numbered line)."""
    if not any(c in text for c in _SUPERSCRIPT_DIGITS):
        return []  # cheap: most texts have no superscript digit at all
    out: list[int] = []
    for i, ln in enumerate(lines):
        m = pat.match(ln.text)
        if m is None:
            continue
        ref = re.compile(rf"(?<=[^\s{_SUPERSCRIPT_DIGITS}]){re.escape(m['mark'])}"
                         rf"(?![{_SUPERSCRIPT_DIGITS}])")
        if ref.search(text, 0, ln.start) is None and ref.search(text, ln.end) is None:
            continue
        out.append(i)
        j = i
        while (not ends_sentence(lines[j].stripped) and j + 1 < len(lines)
               and j + 1 - i < FOOTNOTE_MAX_LINES):
            nxt = lines[j + 1].stripped
            if not nxt or nxt == "\f" or j + 1 in stops or match_marker(nxt) \
                    or pat.match(lines[j + 1].text):
                break
            j += 1
            out.append(j)
    return out


def _continued_items(pat: re.Pattern[str], text: str, probe: str,
                     lines: list[Line]) -> list[tuple[int, int, str]]:
    """(start, end, detail) of each repeated item number + continuation note to remove.

    The marker before the note must repeat the number of the last marker of its kind
    above it: any other number is an item of its own, and is left alone.
    """
    out: list[tuple[int, int, str]] = []
    heads = _continued_line_starts(probe)
    if not heads:
        return out
    starts = [ln.start for ln in lines]
    for ls in sorted(heads):
        i = bisect_right(starts, ls) - 1
        line = text[lines[i].start:lines[i].end]
        m = pat.search(probe, ls, lines[i].end)
        if m is None or m.start() - ls > _MAX_HEAD:
            continue  # none, or inside a line's text rather than at its start
        head, note = line[:m.start() - ls], m.group("note")
        if not head.strip():
            out.append((m.start(), m.end(), f"continuation note {note!r} removed"))
            continue
        mk = match_marker(line)
        if mk is None or head[mk.end:].strip() or not _repeats_last(lines, i, mk):
            continue
        out.append((ls + mk.start, m.end(),
                    f"repeated item number {mk.label!r} with continuation note {note!r} removed"))
    return out


_MAX_HEAD = 16  # what may stand before a continuation note: a marker, maybe a bullet


@cache
def _continued_keys() -> tuple[re.Pattern[str], ...]:
    # the word first, then a bracket right before it or one character before (（接上页,
    # (Cont, （ 续): a scan for a literal is far cheaper than for a character class
    keys = map(re.escape, rules.load("layout")["ocr"]["item_continued_keys"])
    return tuple(re.compile(rf"{k}(?:(?<=[（(]{k})|(?<=[（(].{k}))") for k in keys)


def _continued_line_starts(probe: str) -> set[int]:
    """Starts of the lines with a continuation note's key word near their start."""
    out: set[int] = set()
    for key in _continued_keys():
        for m in key.finditer(probe):
            w = m.start() - _MAX_HEAD - 4  # look no further back than a head and a bracket
            ls = probe.rfind("\n", max(w, 0), m.start()) + 1
            if ls or w <= 0:
                out.add(ls)
    return out


def _repeats_last(lines: list[Line], i: int, mk: Marker) -> bool:
    for j in range(i - 1, -1, -1):
        prev = match_marker(lines[j].text)
        if prev is not None and prev.kind == mk.kind:
            return prev.value == mk.value
    return False


def _near_page_edge(lines: list[Line], i: int, page_numbers: set[int]) -> bool:
    """A repeated short line next to a page break, a page number or the text's edges
    is page furniture."""
    for j in (i - 1, i + 1, i - 2, i + 2):
        if j < 0 or j >= len(lines) or lines[j].stripped == "\f" or j in page_numbers:
            return True
    return False


def _neighbours(lines: list[Line], i: int, step: int) -> str | None:
    j = i + step
    while 0 <= j < len(lines):
        t = lines[j].stripped
        if t and t != "\f":
            return t
        j += step
    return None


def _inside_repeated_block(lines: list[Line], s: str) -> bool:
    """A running header sits between different text on every page; a line of a
    block pasted twice has the same neighbours at each occurrence."""
    occ = [i for i, ln in enumerate(lines) if ln.stripped == s]
    before = {_neighbours(lines, i, -1) for i in occ}
    after = {_neighbours(lines, i, 1) for i in occ}
    return (None not in before and len(before) == 1) or (None not in after and len(after) == 1)


def _disjoint(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, -e.end)):
        if out and e.start < out[-1].end:
            if e.end > out[-1].end:
                out[-1] = Edit(out[-1].start, e.end, "")
            continue
        out.append(e)
    return out
