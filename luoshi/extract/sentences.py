"""Split Chinese and English text into sentences, keeping offsets.

Design (see docs/commitments.md, "Sentences"):

* Chinese: a sentence ends at 。！？ (and their ASCII forms !? when the text around
  them is CJK), and at an ASCII "." written between two CJK characters (some
  sources use it as a full stop). Runs such as "？！" or "。”" stay together.
* "；" ends a sentence only where it separates full clauses. It does *not* end a
  sentence when it separates the members of a list, which in these documents is
  signalled in two ways: the sentence so far contains a colon ("采取如下措施：A；B；C。")
  or an enumerator such as （1） / (2) / 1. stands right after the semicolon or
  earlier in the sentence ("（1）加强…；（2）使用…"). Splitting such lists would
  cut the governing verb ("承诺", "决定") off its objects.
* English: ". ! ?" followed by whitespace and a capital letter, a digit-free
  opening quote or a CJK character, except after abbreviations (U.S., No., e.g.,
  Dr., single initials) and inside decimals (2.5 never has a space after the dot).
* Nothing splits inside 《》 “” ‘’ 「」 『』 （） () 【】 〈〉 [] or straight double
  quotes. Unbalanced brackets are common in scraped text, so an opener that has
  not closed within ``_MAX_QUOTE`` characters, or across a paragraph break, is
  treated as stray.
* Line breaks never end a sentence (printed sources wrap mid-word); a blank line
  does, unless the next line starts with a CJK character or a lower-case letter,
  which means a page break fell inside a sentence.

The splitter walks only over the punctuation it cares about (one regex
``finditer``), so its cost is proportional to the number of punctuation marks,
not characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """``text == source[start:end]``; leading/trailing whitespace excluded."""

    text: str
    start: int
    end: int


_OPEN = "《“‘「『（(【〈["
_CLOSE = "》”’」』）)】〉]"
_PAIR = dict(zip(_CLOSE, _OPEN, strict=True))
_QUOTES = "“‘「『"
_QUOTE_CLOSERS = "”’」』"
# after a closing quote these characters continue the sentence
_CONTINUES = frozenset("的和与及、，,等；;：:")
# An opener that has not been closed this far on is taken to be stray.
_MAX_QUOTE = 300

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{_CJK}]")

# Every character a token can start with.
_STARTS = '\n。！？!?…；;：:."《“‘「『（(【〈[》”’」』）)】〉]'

# Everything the walker needs to look at, in one pass. The possessive run of
# non-start characters in front lets the regex engine skip plain text in one
# tight loop instead of trying every alternative at every character (an
# alternation of groups gets no first-character filter in ``re``); a token then
# starts at ``m.start(m.lastgroup)``. ``other`` takes a start character that
# opens no token ("\n" alone, "!" before a letter) and the end of the text, so
# every attempt succeeds and the skip is never re-run from inside a run it has
# already crossed (which would make the scan quadratic).
_TOKEN = re.compile(
    r"""
    [^"""
    + re.escape(_STARTS)
    + r"""]*+
    (?:
      (?P<par>\n[ \t\u3000]*\n\s*)          # paragraph break
    | (?P<zh>[。！？]+|[!?]+(?=[^A-Za-z0-9]|$)|…{2,}(?=\s*$))  # CJK stops, runs kept together
    | (?P<semi>[；;])
    | (?P<colon>[：:])
    | (?P<dot>\.)
    | (?P<quote>")
    | (?P<open>[《“‘「『（(【〈\[])
    | (?P<close>[》”’」』）)】〉\]])
    | (?P<other>[\n!?…]|\Z)
    )
    """,
    re.VERBOSE,
)

# Enumerators that turn "；" into a list separator.
_ENUM_AFTER = re.compile(r"\s*(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.．、](?!\d)|[①-⑳])")
_ENUM_DOT = re.compile(r"(?:^|[^\w.,])\d{1,2}$")
_ENUM_ANY = re.compile(r"[（(]\s*\d{1,2}\s*[)）]|[①-⑳]")

# English abbreviations after which "." does not end a sentence (compared lower-cased,
# without the final dot).
_ABBREV_WORDS = (
    "mr mrs ms dr prof st no nos art arts sec vol vols p pp para paras e.g i.e etc cf vs al "
    "u.s u.n u.k e.u p.r.c d.c u.s.a jan feb mar apr jun jul aug sep sept oct nov dec "
    "gen sen rep amb gov inc co ltd corp jr sr lt col adm capt fig figs approx est dept"
)
_ABBREV = frozenset(_ABBREV_WORDS.split())
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_AFTER_DOT = re.compile(r"[\s\u3000]+(?=[\"“‘(（\[]?[A-Z0-9" + _CJK + r"])")


def _is_english_stop(text: str, i: int) -> bool:
    """Does the "." at ``i`` end an English sentence?"""
    m = _WORD_BEFORE.search(text, max(0, i - 20), i)
    if m:
        word = m.group(1).lower().rstrip(".")
        # "U.S." "e.g." and single initials ("John F. Kennedy") are abbreviations.
        if word in _ABBREV or len(word) == 1:
            return False
    nxt = _AFTER_DOT.match(text, i + 1)
    if nxt is None:
        return False
    follower = text[nxt.end() : nxt.end() + 1]
    # "No. 2270" is caught above; a bare digit after ". " is a new sentence only when
    # the dot did not follow a number ("in 2015. 2016 saw…" is rare; "3. 5" is a list).
    return not (follower.isdigit() and i > 0 and text[i - 1].isdigit())


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; offsets are into ``text``."""
    cuts: list[int] = []  # positions where a sentence ends (exclusive)
    stack: list[tuple[str, int]] = []  # open brackets: (opener, position)
    in_straight = -1  # position of an open ASCII double quote, -1 when none
    sent_start = 0
    colon_seen = False  # a colon earlier in the current sentence
    enum_seen = False  # an enumerator earlier in the current sentence
    pending_close = False  # a stop inside quotes just closed: cut after the closer

    def cut(pos: int) -> None:
        nonlocal sent_start, colon_seen, enum_seen
        cuts.append(pos)
        sent_start = pos
        colon_seen = False
        enum_seen = False

    def quoted(pos: int) -> bool:
        nonlocal in_straight
        # Drop openers that never closed: scraped text loses closing brackets.
        while stack and pos - stack[-1][1] > _MAX_QUOTE:
            stack.pop()
        if in_straight >= 0 and pos - in_straight > _MAX_QUOTE:
            in_straight = -1
        return bool(stack) or in_straight >= 0

    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind is None or kind == "other":
            continue  # a start character that is no token, or the end of the text
        i = m.start(kind)
        tok = m.group(kind)
        if kind == "close":
            ch = tok
            if stack and stack[-1][0] == _PAIR[ch]:
                stack.pop()
            elif any(op == _PAIR[ch] for op, _ in stack):
                # closes an outer bracket: inner ones were stray
                while stack and stack[-1][0] != _PAIR[ch]:
                    stack.pop()
                stack.pop()
            if pending_close and not stack and in_straight < 0:
                # "…同意。”随后" ends after the quote; "“声明。”的摘要" goes on
                if ch in _QUOTE_CLOSERS and text[m.end() : m.end() + 1] not in _CONTINUES:
                    cut(m.end())
                pending_close = False
            continue
        if kind == "open":
            stack.append((tok, i))
            if tok in "（(" and _ENUM_ANY.match(text, i):
                enum_seen = True
            continue
        if kind == "quote":
            if in_straight >= 0:
                in_straight = -1
                if pending_close and not stack:
                    if text[m.end() : m.end() + 1] not in _CONTINUES:
                        cut(m.end())
                    pending_close = False
            else:
                in_straight = i
            continue
        if kind == "par":
            # A blank line resets bracket state: quotes do not run across paragraphs.
            stack.clear()
            in_straight = -1
            pending_close = False
            nxt = text[m.end() : m.end() + 1]
            if nxt and (_IS_CJK.match(nxt) or nxt.islower()):
                continue  # page break inside a sentence
            if text[sent_start:i].strip():
                cut(i)
            continue
        # (quoted() has nothing to drop or report when no bracket or quote is open)
        if (stack or in_straight >= 0) and quoted(i):
            # "…同意。”" ends the sentence after the closing quote; a stop inside a
            # title 《…。》 or brackets does not.
            if kind == "zh" and (in_straight >= 0 or (stack and stack[-1][0] in _QUOTES)):
                pending_close = True
            continue
        if kind == "colon":
            colon_seen = True
            continue
        if kind == "zh":
            ch = tok[0]
            # ASCII !/? in English text needs space + capital after it, like "."
            if (
                ch in "!?"
                and not _cjk_before(text, i)
                and m.end() < len(text)
                and not _AFTER_DOT.match(text, m.end())
            ):
                continue
            cut(m.end())
            continue
        if kind == "semi":
            if tok == ";" and not _cjk_before(text, i):
                continue  # English ";" never ends a sentence
            if colon_seen or enum_seen or _ENUM_AFTER.match(text, m.end()):
                continue  # list separator
            cut(m.end())
            continue
        if kind == "dot":
            prev = text[i - 1 : i]
            nxt = text[i + 1 : i + 2]
            if prev and _IS_CJK.match(prev):
                # "合作.双方" — an ASCII full stop in Chinese text
                after = text[i + 1 : i + 3].lstrip()
                if after[:1] and _IS_CJK.match(after[:1]):
                    cut(i + 1)
                continue
            if nxt.isdigit() or not nxt:
                if not nxt:
                    cut(i + 1)
                continue
            if prev.isdigit() and _ENUM_DOT.search(text, max(0, i - 4), i):
                continue  # "：1. 应以…；2. 将…" — an enumerator, not a stop
            if _is_english_stop(text, i):
                cut(i + 1)
            continue

    out: list[Sentence] = []
    begin = 0
    for pos in [*cuts, len(text)]:
        _emit(text, begin, pos, out)
        begin = pos
    return out


def _cjk_before(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and bool(_IS_CJK.match(text[j]) or text[j] in "，、：”》）")


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(text[start:end], start, end))
