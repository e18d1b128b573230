"""The normalised layer that parsing and matching run on.

Width and punctuation are unified (full-width digits → ASCII, half-width
punctuation between CJK → full-width, a half-width full stop ending a Chinese
sentence → 。, middle-dot variants → ·), blanks between CJK characters and digits
go (``2030 年`` → ``2030年``, OCR's ``农业农 村部`` → ``农业农村部``), digits OCR read as
letters are repaired (``2O27`` → ``2027``, see clean/ocr.py), and Traditional script
is converted to Simplified with OpenCC. Every edit is character-aligned where the
length is kept, so offsets stay exact; the display layer keeps the original.
"""

from __future__ import annotations

import re

from luoshi.clean.common import CleanState, cjk_ratio, simplified
from luoshi.clean.ocr import digit_repairs, unreadable
from luoshi.textmap import Edit, MappedText

_FULLWIDTH_ALNUM = {c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}
_FULLWIDTH_ALNUM |= {0xFF05: "%", 0xFF0E: "."}  # ％ and ． inside numbers
_DOTS = {ord(c): "·" for c in "・•‧･∙⋅"}
_WIDTH_MAP = {chr(k): v for k, v in (_FULLWIDTH_ALNUM | _DOTS).items()}
_WIDTH_CHARS = re.compile("[" + re.escape("".join(_WIDTH_MAP)) + "]")
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”《》]"
# Half-width punctuation touching a CJK character on either side; digits keep
# their "2.5" and "10:30", English text keeps its punctuation.
_PUNCT = re.compile(rf"(?<={_CJK})[,:;?!()]|[,:;?!()](?={_CJK})|(?<=[)）])[(]")
# A half-width full stop after a Han character (or a closing quote or title mark), before
# another Han character or the line's end; blanks after it go with it. A literal first, so
# the scan jumps from dot to dot.
_HAN_OR_CLOSE = r"[\u3400-\u9fff\uf900-\ufaff”’》」』]"
_STOP = re.compile(rf"\.(?<={_HAN_OR_CLOSE}\.)(?:[ \t]*(?=[\u3400-\u9fff\uf900-\ufaff“《「『])"
                   r"|[ \t]*(?=\n|$))")
_CN_MARKER_HEAD = re.compile(r"[ \t]*[一二三四五六七八九十百〇零]{1,4}")
# Blanks between two CJK characters, or between a CJK character and a digit.
# (a tab after a number is kept: "1<TAB>双方…" is a table row pasted from a spreadsheet)
_BLANKS = re.compile(rf"(?<={_CJK})[ \t]+(?=[\dA-Za-z]?{_CJK}|\d)|(?<=\d) +(?={_CJK})")

_HAN = re.compile(r"[\u4e00-\u9fff]")
HANT_THRESHOLD = 0.02  # share of CJK characters that t2s changes in Traditional text
SAMPLE = 4_000  # characters looked at to tell the script and language


def detect_script(text: str, simp: str) -> tuple[str, str]:
    """(script, language) of a text: Hans/Hant/Latn and zh/en."""
    text, simp = text[:SAMPLE], simp[:SAMPLE]
    cjk = len(_HAN.findall(text))
    ratio = cjk_ratio(text)
    if ratio < 0.3:
        return "Latn", "en"
    changed = sum(e.end - e.start for e in _diff_edits(text, simp))
    return ("Hant" if cjk and changed / cjk >= HANT_THRESHOLD else "Hans"), "zh"


def normalise(display: MappedText, state: CleanState) -> MappedText:
    text = display.text
    simp = simplified(text)
    state.script, state.language = detect_script(text, simp)
    # 1. character-aligned conversions in one pass: script, width, dots
    conv = _WIDTH_CHARS.sub(lambda m: _WIDTH_MAP[m.group()], simp)
    # ... and digits OCR read as letters (2O27 → 2027), after the width pass (２Ｏ２７)
    conv = _ocr_digits(display, conv, state)
    aligned = display.edit(_diff_edits(text, conv)) if conv != text else display
    # 2. punctuation next to CJK, and blanks that only layout put there
    t = aligned.text
    edits = [] if state.language == "en" else [
        Edit(m.start(), m.end(), _HALF_TO_FULL.get(m.group(), m.group()))
        for m in _PUNCT.finditer(t)] + _full_stops(t)
    edits += [Edit(m.start(), m.end(), "") for m in _BLANKS.finditer(t)]
    return aligned.edit(_merge(edits)) if edits else aligned


def _ocr_digits(display: MappedText, conv: str, state: CleanState) -> str:
    """``conv`` with OCR's look-alike letters in numbers made digits; reported in source
    coordinates (``conv`` is character-aligned with the display text)."""
    for s, e in unreadable(conv):
        state.add(display, "encoding-repair",
                  f"{e - s} unreadable character(s) {conv[s:e]!r} from a scan (OCR): "
                  "original text lost, could not be repaired", s, e)
    repairs = digit_repairs(conv)
    if not repairs:
        return conv
    parts: list[str] = []
    pos = 0
    for s, e, fixed in repairs:
        parts += (conv[pos:s], fixed)
        pos = e
        state.add(display, "encoding-repair",
                  f"OCR misread {display.text[s:e]!r} read as {fixed!r} in the normalised text",
                  s, e)
    parts.append(conv[pos:])
    return "".join(parts)


def _full_stops(t: str) -> list[Edit]:
    """A half-width full stop ending a Chinese sentence (数据. / 合作.双方) → 。

    Not the dot of a section marker (一.双方…), which the outline is read from.
    """
    if "." not in t:
        return []
    edits = []
    for m in _STOP.finditer(t):
        head = t[t.rfind("\n", 0, m.start()) + 1:m.start()]
        if not _CN_MARKER_HEAD.fullmatch(head):
            edits.append(Edit(m.start(), m.end(), "。"))
    return edits


_CHUNK = 64


def _diff_edits(a: str, b: str) -> list[Edit]:
    """Aligned edits turning a into b (same length), one per run of changed chars.

    Most of a Simplified text is unchanged, so equal chunks are skipped with one
    C-level comparison and only differing chunks are walked character by character.
    """
    edits: list[Edit] = []
    n = len(a)
    for c0 in range(0, n, _CHUNK):
        c1 = min(c0 + _CHUNK, n)
        if a[c0:c1] == b[c0:c1]:
            continue
        _diff_range(a, b, c0, c1, edits)
    return _coalesce(edits)


def _coalesce(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in edits:
        if out and out[-1].end == e.start:
            out[-1] = Edit(out[-1].start, e.end, out[-1].replacement + e.replacement)
        else:
            out.append(e)
    return out


def _diff_range(a: str, b: str, i: int, n: int, edits: list[Edit]) -> None:
    while i < n:
        if a[i] != b[i]:
            j = i
            while j < n and a[j] != b[j]:
                j += 1
            edits.append(Edit(i, j, b[i:j]))
            i = j
        else:
            i += 1


def _merge(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out
