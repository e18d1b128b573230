"""Join hard-wrapped lines and mid-sentence paragraph breaks into paragraphs.

The output has one paragraph per line. Two situations are told apart:

* hard-wrapped text (PDF extraction, newspaper columns): most lines inside a
  paragraph have about the same width, so every line that is not short and does not
  start a numbered entry is joined to the next;
* unwrapped text (web pages, Markdown): a line is a paragraph, and a line is joined
  only when it visibly breaks off mid-sentence.

A blank line (or page break) that falls mid-sentence is joined too. In unwrapped text
that is unusual: when the join is not inside a word, the item there may have been
cut and glued to other text, and that position is remembered for the defect report.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from luoshi import rules
from luoshi.clean.common import (
    CleanState,
    Line,
    continuing_chars,
    ends_sentence,
    is_cjk,
    iter_lines,
    simplified,
    width,
)
from luoshi.markers import match_marker
from luoshi.textmap import Edit, MappedText

_HYPHENATED = re.compile(r"[A-Za-z]-$")
_HYPHEN_FRAGMENT = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-$")  # the word part before the hyphen
_LEADING_WORD = re.compile(r"[a-z]+")
# a title has no clause punctuation (a colon is allowed in Latin titles: "…: Outcomes")
_CLAUSE_PUNCT = re.compile(r"[，、：；。]|[,;](?=\s)")
# an English line breaks at a blank whatever its last word ends with ("Leaders'", "U.S.",
# a closing quote): that blank comes back when the lines are joined
_LATIN_END = re.compile(r"[A-Za-z0-9,;:)\].!?%'’\"”]$")
_TRAILING_DIGITS = re.compile(r"\d+$")
_LEADING_DIGITS = re.compile(r"\d+")
# a full date ending a line: "November 20, 2025", "20 November 2025", 2025年11月20日
_DATE_END = re.compile(r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*|\d{1,2}\s+[A-Z][a-z]{2,8}\s+)\d{4}$"
                       r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
# a dash or dot bullet opening a line, and what ends the line before a list's bullet: the
# lead-in's colon, the previous bullet's semicolon (maybe with its "and"/"or")
_BULLET_START = re.compile(r"[–—•·▪●■◆\-*]\s+\S")
_LIST_LEAD_END = re.compile(r"(?:[:：;；]|[;；]\s*(?:and|or|以及|和|及))$")
_CONNECTIVE_END = re.compile(
    r"(?:[与和及的在将于对就并向为把从以]|\b(?:and|of|the|to|in|for|on|with))$")


def _is_heading(line: str, wrap_w: float | None = None) -> bool:
    """Section headings and titles stand alone: never join the next line onto them."""
    m = match_marker(line)
    if m is not None and m.rank <= 1:
        return True
    if wrap_w is not None and width(line) >= 0.8 * wrap_w:
        return False  # a full line of wrapped text is not a heading
    if m is None and _looks_like_title(line):
        return True
    return len(line) <= 30 and not ends_sentence(line) and line[-1:] not in continuing_chars() \
        and m is None and not _mid_clause(line)


@cache
def _mail_header() -> re.Pattern[str]:
    return re.compile(rules.load("layout")["back_matter"]["mail_header"])


def _in_heading(mt: MappedText, line: Line, state: CleanState) -> bool:
    """A line the reader marked as a heading (Markdown "### 3. 加强海关合作"): it stands
    alone, and the paragraph under it never runs into it."""
    if not state.headings:
        return False
    a, b = mt.to_root(line.start, line.end)
    return any(ha < b and a < hb for ha, hb in state.headings)


def _mid_clause(line: str) -> bool:
    # a short line ending in a connective clearly goes on ("…与", "…and")
    return bool(_CONNECTIVE_END.search(line))


@cache
def _title_words() -> re.Pattern[str]:
    return re.compile(rules.load("layout")["title"]["keywords"])


def _looks_like_title(line: str) -> bool:
    """A title line: names the document's genre, or is Title Case, and is not a sentence."""
    if ends_sentence(line) or len(line) > 90 or _CLAUSE_PUNCT.search(line):
        return False
    words = re.findall(r"[A-Za-z][\w.&-]*", line)
    if len(words) >= 3:
        minor = {"of", "the", "and", "on", "in", "for", "to", "a", "an", "at", "by", "with"}
        if all(w[0].isupper() or w.lower() in minor for w in words):
            return True
    return bool(_title_words().search(line)) and len(line) <= 60


def detect_wrap_width(lines: list[str]) -> float | None:
    """Return the wrap width if most inner lines of paragraphs share one width."""
    inner: list[float] = []
    for cur, nxt in itertools.pairwise(lines):
        if cur and nxt and match_marker(nxt) is None:
            inner.append(width(cur))
    # a handful of inner lines among many paragraphs (breaks inside a few table cells, a
    # title over its date line) is no wrap width: too few to tell a cap from chance
    if len(inner) < 4 or (len(inner) < 8 and len(inner) < 0.3 * sum(1 for t in lines if t)):
        return None
    # Wrapped text has a width cap that many lines reach and almost none exceed;
    # unwrapped paragraphs spread over every width. (Text wrapped twice, once by the
    # source and again narrower, still has the cap, though fewer lines touch it.)
    inner.sort()
    w = inner[min(len(inner) - 1, int(0.9 * len(inner)))]
    if w < 6:
        return None
    near = sum(1 for x in inner if 0.8 * w <= x <= 1.12 * w)
    over = sum(1 for x in inner if x > 1.12 * w)
    return w if near >= 0.4 * len(inner) and over <= 0.1 * len(inner) else None


def join_wraps(mt: MappedText, state: CleanState) -> MappedText:
    text = mt.text
    probe = simplified(text)
    lines = list(iter_lines(text))
    texts = [ln.text.strip() for ln in lines]
    wrap_w = detect_wrap_width([t if t != "\f" else "" for t in texts])
    state.hard_wrapped = wrap_w is not None

    # Paragraph-level view: runs of non-blank lines, separated by blank/page-break lines.
    edits: list[Edit] = []
    prev: Line | None = None  # last non-blank line
    prev_mail = False  # prev is a mail-header line (each line is matched once)
    gap_start: int | None = None  # start of the separator between prev and this line
    blank_between = False
    for ln, t in zip(lines, texts, strict=True):
        if not t or t == "\f":
            if prev is not None:
                blank_between = True
            continue
        mail = _mail_header().match(t) is not None
        if prev is None:
            # leading blank lines go
            if ln.start > 0:
                edits.append(Edit(0, ln.start, ""))
            prev, prev_mail = ln, mail
            continue
        gap_start = prev.end
        pt = prev.text.strip()
        p_probe = probe[prev.start:prev.end].strip()
        joined = None if _in_heading(mt, prev, state) else \
            _decide(pt, p_probe, t, probe[ln.start:ln.end].strip(), blank_between, wrap_w,
                    mail or prev_mail)
        if joined is None:
            edits.append(Edit(gap_start, ln.start, "\n"))
        else:
            sep = joined
            if sep == "-":  # undo hyphenation: drop the hyphen at the end of prev
                edits.append(Edit(prev.end - 1, ln.start, ""))
            else:
                edits.append(Edit(gap_start, ln.start, sep))
            if blank_between:
                _note_paragraph_join(mt, state, prev, ln, pt, t)
        prev, prev_mail = ln, mail
        blank_between = False
    if prev is not None and prev.end < len(text):
        edits.append(Edit(prev.end, len(text), ""))
    if prev is not None and not ends_sentence(prev.text):
        state.ends_mid_sentence = mt.to_root(max(prev.start, prev.end - 12), prev.end)
    return mt.edit(edits)


def _decide(prev: str, prev_probe: str, nxt: str, nxt_probe: str, blank: bool,
            wrap_w: float | None, mail: bool) -> str | None:
    """Separator to join ``prev`` and ``nxt`` with, or None to keep them apart.

    ``mail``: either line is a mail header (the caller matches each line once)."""
    if match_marker(nxt) is not None:
        return None
    if mail:
        return None  # 发件人：… / Subject: …: a mail header is a line of its own
    if _BULLET_START.match(nxt) and _LIST_LEAD_END.search(prev):
        return None  # "…will cooperate on:" / "…storage; and" then "– climate …": a bullet
    if blank and _looks_like_title(nxt_probe):
        return None  # a title after a break starts something new (a second copy, say)
    mid = not ends_sentence(prev)
    # a line ending in a full date (Office … | May 2, 2025) stands alone
    dated = prev[-1:] in "0123456789日" and _DATE_END.search(prev_probe) is not None
    if blank:
        # a blank line is a paragraph break unless the sentence visibly goes on
        if not mid or len(prev) < 8 or prev[-1] in "：:" or _is_heading(prev_probe, wrap_w) \
                or dated:
            return None
    elif wrap_w is not None:
        # in wrapped text a full line goes on; a short one ends its paragraph
        # unless it breaks off mid-sentence
        full = width(prev) >= 0.8 * wrap_w
        # a short line that breaks off mid-sentence goes on (the source wrapped it
        # too); only a section heading or a title line stands alone
        if not full and (not mid or _is_section(prev_probe) or _looks_like_title(prev_probe)):
            return None
        if not full and len(prev) <= 40 and dated:
            return None  # a short line ending in a full date ("Brussels, 9 July 2026")
        if full and _is_section(prev_probe) and width(prev) < 0.9 * wrap_w:
            return None
    else:
        # unwrapped text: only a line broken off mid-sentence continues
        if not mid or prev[-1] in "：:" or len(prev) < 20 or _is_heading(prev_probe):
            return None
    return _separator(prev, nxt)


def _is_section(line: str) -> bool:
    m = match_marker(line)
    return m is not None and m.rank <= 1


def _separator(prev: str, nxt: str) -> str:
    if _HYPHENATED.search(prev) and nxt[:1].islower() and not _prefix_hyphen(prev, nxt):
        return "-"
    a, b = prev[-1:], nxt[:1]
    if a and b and (is_cjk(a) or is_cjk(b) or ord(a) > 0x2E7F or ord(b) > 0x2E7F):
        return ""
    if _number_split(prev, nxt):
        return ""
    if _LATIN_END.search(prev):
        return " "
    return ""


@cache
def _hyphen_rules() -> tuple[frozenset[str], frozenset[str]]:
    h = rules.load("layout")["hyphen"]
    return frozenset(h["prefixes"]), frozenset(h["joined_words"])


def _prefix_hyphen(prev: str, nxt: str) -> bool:
    """Is a line-end hyphen after a prefix the word's own (co-|host → co-host)?

    It is when the part before it is a listed prefix (layout.toml [hyphen]) and the
    joined word is not a common word written solid (re-|port → report)."""
    frag = _HYPHEN_FRAGMENT.search(prev)
    rest = _LEADING_WORD.match(nxt)
    if frag is None or rest is None:
        return False
    prefixes, words = _hyphen_rules()
    head = frag.group(1).lower()
    return head in prefixes and head + rest.group() not in words


def _number_split(prev: str, nxt: str) -> bool:
    """A wrap between two digits inside Chinese text cuts one number (扩大至1|00个).

    Chinese has no word spaces, so a line may break anywhere, inside a number too;
    the digits are one number when CJK text touches the digit run on either side.
    English wraps at a blank, so two numbers there are two words ("in 2030 | 2031
    saw") and keep their space: CJK context is what tells the two apart.
    """
    left, right = _TRAILING_DIGITS.search(prev), _LEADING_DIGITS.match(nxt)
    if left is None or right is None:
        return False
    before, after = prev[left.start() - 1:left.start()], nxt[right.end():right.end() + 1]
    return (bool(before) and is_cjk(before)) or (bool(after) and is_cjk(after))


def _note_paragraph_join(mt: MappedText, state: CleanState, prev: Line, ln: Line,
                         pt: str, t: str) -> None:
    span = mt.to_root(prev.end, ln.start)
    if state.hard_wrapped:
        state.add(mt, "page-artifact", "paragraph break mid-sentence joined (page or column break)",
                  prev.end, ln.start)
        return
    if _inside_word(pt, t):
        state.add(mt, "page-artifact", "paragraph break inside a word joined", prev.end, ln.start)
    else:
        state.suspicious_joins.append(span)


def _inside_word(left: str, right: str) -> bool:
    """Does a dictionary word span the break (数字基|础设施 → 基础)?"""
    if not left or not right or not (is_cjk(left[-1]) and is_cjk(right[0])):
        return False
    words = _dictionary()
    for k in range(1, 4):
        for m in range(1, 5 - k):
            if k + m >= 2 and simplified(left[-k:] + right[:m]) in words:
                return True
    return False


@cache
def _dictionary() -> frozenset[str]:
    """jieba's word list, loaded only when an unusual paragraph break needs judging."""
    from importlib import resources

    words: set[str] = set()
    path = resources.files("jieba") / "dict.txt"
    with path.open("r", encoding="utf-8") as fh:
        for row in fh:
            w = row.split(" ", 1)[0]
            if 2 <= len(w) <= 4:
                words.add(w)
    return frozenset(words)
