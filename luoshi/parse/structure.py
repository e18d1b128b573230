"""Sections, items and sub-items from the normalised paragraphs.

The outline level of items is chosen per document from the marker kinds it uses:
with 一、 and 1、 the Chinese numerals are sections and the Arabic ones items; with
only 一、 and (一) the bracketed ones are items; a list that numbers only with 一、
has items and no sections. Lower kinds ((1), ①, (a)) are sub-items, also inline.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from luoshi import rules
from luoshi.clean.common import ends_sentence
from luoshi.markers import Marker, kinds, match_marker
from luoshi.model import Item, Section, SubItem
from luoshi.numerals import any_to_int, int_to_roman, roman_to_int
from luoshi.textmap import MappedText, Span

TITLE_MAX = 60  # an item heading before ：/: is short; a longer lead-in is body text
_TITLE_COLON = re.compile(r"[：:]")
_SUB_MARK = re.compile(r"[（(]\s*(\d{1,2})\s*[)）]|([①-⑳])|(?<![A-Za-z])\(([a-h])\)")


@cache
def _lead_in() -> re.Pattern[str]:
    """A verb lead-in before the colon (双方商定：): the start of a sentence, not a heading."""
    return re.compile(rules.load("layout")["item_title"]["lead_in"])


@cache
def _list_intro() -> re.Pattern[str]:
    """An opening that introduces the list after it (现将会议成果发布如下：, as follows:)."""
    return re.compile(rules.load("layout")["item_title"]["list_intro"])


@dataclass(slots=True)
class Paragraph:
    start: int  # in the normalised text
    end: int
    text: str
    marker: Marker | None


@dataclass(slots=True)
class Outline:
    front: list[Paragraph] = field(default_factory=list)  # before the first section or item
    sections: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    item_kind: str | None = None
    # item number → list of (start, end) of its paragraphs in normalised text
    item_ranges: list[Span] = field(default_factory=list)
    # items split off the end of the one before (…研讨会。3、双方…): (normalised offset of
    # the inline marker, number of the item it was glued to, its own number)
    glued: list[tuple[int, int, int]] = field(default_factory=list)
    # the items are the rows of a table: each a content line and short cell lines under
    # it (lead agencies, a deadline) that end no sentence, and are not cut off
    tabular: bool = False
    # the items are the answers of a question-and-answer transcript (问：…/答：…): the
    # opening names the press conference, the dialogue is named in the questions and answers
    transcript: bool = False


def paragraphs(norm: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    pos = 0
    for line in norm.split("\n"):
        if line.strip():
            out.append(Paragraph(pos, pos + len(line), line, match_marker(line)))
        pos += len(line) + 1
    return _late_letters(out)


# (i) … (z): a letter past (h), read as a letter only where it goes on a letter list
_LATE_LETTER = re.compile(r"^([ \t\u3000>*#_•·\-]*)([（(]?)([i-z])([)）])[ \t\u3000]+(?=\S)")


def _late_letters(paras: list[Paragraph]) -> list[Paragraph]:
    """Letters after (h) go on a letter list: (i) right after (h) is item i, (j) after
    (i) item j, and so on, while an (i) anywhere else opens a Roman sub-list (a lead-in
    "decided to:" then (i), (ii)) and stays text. A letter that is also a Roman numeral
    (i, v, x) is the Roman one when the next line carries on in Roman numerals: (i) then
    (ii), (v) then (vi)."""
    if not any(p.marker is not None and p.marker.kind == "letter" and p.marker.value == 8
               for p in paras):
        return paras
    rank = next(k.rank for k in kinds() if k.name == "letter")
    prev = 0  # value of the last letter marker
    for i, p in enumerate(paras):
        m = p.marker
        if m is not None:
            if m.kind == "letter":
                prev = m.value
            continue
        lm = _LATE_LETTER.match(p.text)
        if lm is None:
            continue
        lead, opening, letter, closing = lm.groups()
        value = ord(letter) - ord("a") + 1
        if value != prev + 1:
            continue
        if letter in "ivx":
            roman = int_to_roman(roman_to_int(letter.upper()) + 1).lower()
            succ = f"{opening}{roman}{closing}"
            nxt = paras[i + 1].text.lstrip(" \t\u3000>*#_•·-") if i + 1 < len(paras) else ""
            if nxt.startswith(succ) or succ in p.text[lm.end():]:
                continue  # (i) …; and (ii) …: a Roman sub-list
        label = f"{opening}{letter}{closing}"
        p.marker = Marker("letter", rank, value, label, len(lead), lm.end())
        prev = value
    return paras


_ITEM_KIND_ORDER = ("article", "arabic", "keycap", "decimal", "paren-cn", "cn-section",
                    "roman-section", "letter-section", "cn-part", "paren-arabic", "circled",
                    "letter")


def choose_item_kind(paras: list[Paragraph]) -> str | None:
    """The marker kind that numbers the items.

    The first kind of ``_ITEM_KIND_ORDER`` used at least twice, unless every one of its
    paragraphs is a bare heading (第一部分 机制建设, 一、经贸合作) and a lower kind is
    used too: then those are section headings and the lower kind numbers the items
    (第一部分 … （1）双方同意… （2）…).
    """
    counts = Counter(p.marker.kind for p in paras if p.marker)
    present = [k for k in _ITEM_KIND_ORDER if counts[k] >= 2]
    carried = _continuation_kinds(paras)
    present = [k for k in present if k not in carried]
    for i, kind in enumerate(present):
        rank = next(p.marker.rank for p in paras if p.marker and p.marker.kind == kind)
        lower = [k for k in present[i + 1:]
                 if next(p.marker.rank for p in paras if p.marker and p.marker.kind == k) > rank]
        if lower and all(_bare_heading(p) for p in paras if p.marker and p.marker.kind == kind):
            continue
        return kind
    return None


def _continuation_kinds(paras: list[Paragraph]) -> set[str]:
    """Kinds that only carry on another kind's numbering past its end: ①…⑳ then （21）
    （22）, the circled numbers stopping at twenty. Such a kind starts after the other
    kind's last marker with the next number, and numbers nothing of its own."""
    runs: dict[str, list[tuple[int, int]]] = {}
    for i, p in enumerate(paras):
        if p.marker:
            runs.setdefault(p.marker.kind, []).append((i, p.marker.value))
    out: set[str] = set()
    for kind, run in runs.items():
        first_i, first_v = run[0]
        if first_v <= 2:
            continue
        for other, orun in runs.items():
            if other != kind and len(orun) >= 2 and orun[-1][0] < first_i \
                    and orun[-1][1] == first_v - 1:
                out.add(kind)
    return out


def _bare_heading(p: Paragraph) -> bool:
    """A marked line that only names a section: short, and not a sentence."""
    assert p.marker is not None
    rest = p.text[p.marker.end:].strip()
    # (a stop with emoji after it, …评估。👏, still ends a sentence)
    return (_short_line(rest) and not _ends_sentence_before_symbols(rest)
            and rest[-1:] not in "：:")


def build_outline(norm: MappedText, display: MappedText) -> Outline:
    paras = paragraphs(norm.text)
    out = Outline()
    item_kind = choose_item_kind(paras)
    if item_kind is not None and _numbered_back_matter(paras, item_kind):
        item_kind = None  # the bullets are the list, the numbered notes after it back matter
    out.item_kind = item_kind
    if item_kind is None:
        if qa_items(paras, out, norm, display):
            return out
        bullets = [i for i, p in enumerate(paras) if _BULLET.match(p.text)]
        if len(bullets) >= MIN_BULLETS:
            paragraph_items(paras, out, norm, display, keep_front=_front_before(paras, bullets[0]),
                            bulleted=True)
        elif not enumeration_items(paras, out, norm, display):
            out.front = paras
        return out
    item_rank = next(p.marker.rank for p in paras if p.marker and p.marker.kind == item_kind)
    paras = split_glued(paras, item_kind, out.glued)
    last = _last_item(paras, item_kind)  # the mail cut keeps every item: one index serves both
    paras = _mail_back_matter(paras, last)
    paras = _closing_clause(paras, last)
    paras = _new_media_tail(paras, last)
    paras = _contact_tail(paras, last)
    paras = paras[: len(paras) - _signature_lines(paras)]
    while len(paras) > 1 and paras[-1].marker is None and not _unquoted(paras[-1].text).strip():
        paras = paras[:-1]  # a quote mark left on its own line ("> >")
    while len(paras) > 1 and paras[-1].marker is None and _contact_line(paras[-1].text):
        paras = paras[:-1]  # For further information, contact …: back matter

    def src(a: int, b: int) -> Span:
        return norm.to_root(a, b)

    def disp(a: int, b: int) -> str:
        s, e = norm.to_ancestor(a, b, display)
        return display.text[s:e]

    section_path: list[tuple[int, str]] = []  # (rank, number) of open sections
    current: list[Paragraph] | None = None
    current_marker: Marker | None = None
    current_section: str | None = None
    prev_number: int | None = None
    seen_kinds: set[str] = set()
    carry_kind: str | None = None  # a kind carrying on the item numbering: ⑳ then （21）

    groups: list[tuple[list[Paragraph], Marker, str | None]] = []

    def close() -> None:
        nonlocal current
        if current is not None and current_marker is not None:
            out.items.append(_make_item(current, current_marker, current_section, norm, display))
            out.item_ranges.append((current[0].start, current[-1].end))
            groups.append((current, current_marker, current_section))
        current = None

    for i, p in enumerate(paras):
        m = p.marker
        if m is None and item_kind == "decimal":
            m = _decimal_section(p, paras, i)
        if m is not None and m.kind != item_kind and item_kind != "decimal" \
                and prev_number is not None \
                and m.value == prev_number + 1 and not _bare_heading(p) \
                and (m.kind == carry_kind or m.kind not in seen_kinds):
            # a marker of another kind that goes on with the items' numbers exactly (the
            # circled numbers stop at ⑳, so item 21 is written （21）): the next item
            close()
            current, current_marker, carry_kind = [p], m, m.kind
            current_section = "/".join(n for _, n in section_path) or None
            prev_number = m.value
            continue
        if m is not None:
            seen_kinds.add(m.kind)
        if m is not None and m.kind == item_kind:
            if current is not None and _is_false_marker(m, prev_number, paras[i - 1], current):
                current.append(p)  # a wrapped line that happens to start "22. …"
                continue
            close()
            current, current_marker = [p], m
            current_section = "/".join(n for _, n in section_path) or None
            prev_number = m.value
            continue
        if m is not None and m.rank < item_rank:
            close()
            number = _marker_number(disp(p.start + m.start, p.start + m.end))
            while section_path and section_path[-1][0] >= m.rank:
                section_path.pop()
            section_path.append((m.rank, number))
            title = disp(p.start + m.end, p.end).strip()
            out.sections.append(Section(
                number="/".join(n for _, n in section_path), title=title,
                span=src(p.start, p.end), level=len(section_path), ordinal=m.value))
            continue
        if current is not None:
            current.append(p)
        elif not out.items and not out.sections:
            out.front.append(p)
    close()
    _table_rows(out, groups, norm, display)
    if item_kind == "decimal":
        # 1.1 … 5.2: an item's number is its running position in the list (the label
        # keeps "1.1"); the section is the N of N.M
        for k, item in enumerate(out.items, 1):
            item.number = k
    return out


# "1 经贸合作": a bare number, a blank and a short heading, heading the decimal items N.M
_NUMBER_HEADING = re.compile(r"^[ \t\u3000>*#_]*(?P<num>\d{1,2})(?![\d.．])"
                             r"(?:[ \t\u3000]+|(?=[\u4e00-\u9fff]))"
                             r"(?![亿万千百倍个年月日号时元%％])(?=[^\d\s])")


def _decimal_section(p: Paragraph, paras: list[Paragraph], i: int) -> Marker | None:
    """A section line of a decimal outline: "N heading", a bare heading, followed by the
    item N.1 (the next marked paragraph is a decimal marker of section N)."""
    hm = _NUMBER_HEADING.match(p.text)
    if hm is None:
        return None
    rest = p.text[hm.end():].strip()
    if not rest or not _short_line(rest) or ends_sentence(rest) or rest[-1:] in "：:，,；;":
        return None
    nxt = next((q.marker for q in paras[i + 1:] if q.marker is not None), None)
    if nxt is None or nxt.kind != "decimal" or not nxt.label.startswith(f"{hm['num']}."):
        return None
    return Marker("decimal-section", 3, int(hm["num"]), hm["num"], hm.start("num"), hm.end())


TABLE_MIN_ROWS = 3


def _cell_line(p: Paragraph) -> bool:
    return p.marker is None and _short_line(p.text) and not ends_sentence(p.text)


def _table_rows(out: Outline, groups: list[tuple[list[Paragraph], Marker, str | None]],
                norm: MappedText, display: MappedText) -> None:
    """Items that are the rows of a table (the reader draws a row "3. 双方将…" with its
    other cells, 牵头单位 and 完成时限, on short lines under it): every row but the last
    has such cell lines and no more lines than the others. Lines of the last item past
    the most any row has are back matter (a signature line under the table: 中方牵头单位：…)."""
    rows = groups[:-1]
    if len(groups) < TABLE_MIN_ROWS or not all(
            len(ps) >= 2 and all(_cell_line(p) for p in ps[1:]) for ps, _m, _s in rows):
        return
    out.tabular = True
    most = max(len(ps) for ps, _m, _s in rows)
    last, marker, section = groups[-1]
    if len(last) > most and all(_cell_line(p) for p in last[1:most]):
        kept = last[:most]
        out.items[-1] = _make_item(kept, marker, section, norm, display)
        out.item_ranges[-1] = (kept[0].start, kept[-1].end)


@cache
def _contact() -> tuple[re.Pattern[str], tuple[str, ...]]:
    b = rules.load("layout")["back_matter"]
    return re.compile(b["contact"]), tuple(b["contact_words"])


def _contact_line(text: str) -> bool:
    """A closing contact line (For further information, contact …; 如需…请联系…)."""
    pattern, words = _contact()
    low = text.lower()
    return any(w in low for w in words) and pattern.search(text) is not None


@cache
def _mail() -> tuple[re.Pattern[str], re.Pattern[str]]:
    b = rules.load("layout")["back_matter"]
    return re.compile(b["mail_signature"]), re.compile(b["mail_footer"])


_QUOTE = re.compile(r"^(?:[ \t]*>)+")


def _quote_depth(text: str) -> int:
    m = _QUOTE.match(text)
    return m.group().count(">") if m else 0


def _unquoted(text: str) -> str:
    m = _QUOTE.match(text)
    return text[m.end():] if m else text


def _last_item(paras: list[Paragraph], item_kind: str) -> int | None:
    """Index of the last paragraph that opens an item, if any."""
    return max((i for i, p in enumerate(paras)
                if p.marker is not None and p.marker.kind == item_kind), default=None)


def _mail_back_matter(paras: list[Paragraph], last: int | None) -> list[Paragraph]:
    """Cut the back matter of an e-mail after the last item: from a "--" signature
    delimiter or a confidentiality footer on, and, when the list is quoted ("> > 1、…"),
    from the first line quoted less deeply (the forwarder's sender block); quote marks
    left on their own (">", "> >") go too."""
    if last is None:
        return paras
    sig, footer = _mail()
    depth = _quote_depth(paras[last].text)
    cut = len(paras)
    for j in range(last + 1, len(paras)):
        t = paras[j].text
        if sig.match(t) or footer.search(t) or (depth and _quote_depth(t) < depth):
            cut = j
            break
    while cut > last + 1 and not _unquoted(paras[cut - 1].text).strip():
        cut -= 1
    return paras[:cut]


@cache
def _closing_formula() -> re.Pattern[str]:
    c = rules.load("commitment_rules")["closing_formula"]
    return re.compile("|".join(f"(?:{p})" for p in [*c["zh"], *c["en"]]), re.I)


def _closing_clause(paras: list[Paragraph], last: int | None) -> list[Paragraph]:
    """Cut the signing clause after the last item and what follows it (the signature
    block): a paragraph without a marker in the closing formula of the document itself
    (本纪要于…签署，一式两份，…同等作准 / "Done in duplicate …, equally authentic") is
    back matter, never text of the last item."""
    if last is None:
        return paras
    formula = _closing_formula()
    for j in range(last + 1, len(paras)):
        if paras[j].marker is None and formula.search(paras[j].text):
            return paras[:j]
    return paras


@cache
def _back_matter_rule(key: str) -> re.Pattern[str]:
    return re.compile(rules.load("layout")["back_matter"][key])


def _symbol_line(text: str) -> bool:
    """A separator line of symbols or emoji only (🔹🔹🔹, * * *, ———): no letter, digit or Han."""
    t = _unquoted(text).strip()
    return bool(t) and not any(c.isalnum() for c in t)


def _new_media_tail(paras: list[Paragraph], last: int | None) -> list[Paragraph]:
    """Cut a new-media article's end matter after the last item: from the first credit,
    recommendation or counter line (来源：…, 责编：…, 往期推荐, 阅读原文, 阅读 2.1万 在看 368,
    喜欢此内容的人还喜欢) to the end, with the separator lines of symbols right before it
    (🔹🔹🔹). Only where the text before it ends a sentence: the last item is finished."""
    if last is None:
        return paras
    pattern = _back_matter_rule("new_media")
    for j in range(last + 1, len(paras)):
        if paras[j].marker is None and pattern.match(paras[j].text):
            cut = j
            while cut - 1 > last and _symbol_line(paras[cut - 1].text):
                cut -= 1
            return paras[:cut] if _ends_sentence_before_symbols(paras[cut - 1].text) else paras
    return paras


def _contact_tail(paras: list[Paragraph], last: int | None) -> list[Paragraph]:
    """Cut a release's end matter after the last item: from the first contact line (For
    further information, please contact …; Media contact: …) or related link (• Related:
    … – Fact Sheet) to the end. Only where the text before it ends a sentence (the last
    item is finished) and nothing numbered follows (no later section or annex)."""
    if last is None:
        return paras
    related = _back_matter_rule("related")
    for j in range(last + 1, len(paras)):
        t = paras[j].text
        if paras[j].marker is None and (related.match(t) or _contact_line(t)):
            if any(q.marker is not None for q in paras[j:]) \
                    or not _ends_sentence_before_symbols(paras[j - 1].text):
                return paras
            return paras[:j]
    return paras


def _ends_sentence_before_symbols(text: str) -> bool:
    """Ends a sentence, maybe with emoji after the stop (…成功举办。👏, …举行。🇨🇳🇺🇸)."""
    t = text.rstrip()
    k = len(t)
    while k and not t[k - 1].isalnum() and unicodedata.category(t[k - 1])[0] in "SMC":
        k -= 1  # symbols, combining marks (U+20E3), format characters (U+FE0F, ZWJ)
    return ends_sentence(t[:k])


BULLETS_DOMINATE = 3  # bullets per numbered paragraph for the bullets to be the list


def _numbered_back_matter(paras: list[Paragraph], item_kind: str) -> bool:
    """A short numbered list after an unnumbered bulleted list is the release's back
    matter (a "Notes to editors" list: background, the last round, a media line), not its
    items: it starts after the last bullet, and either stands under a notes heading
    (Notes to editors, 编者注, 背景资料) or is dwarfed by the bullets."""
    bullets = [i for i, p in enumerate(paras) if p.marker is None and _BULLET.match(p.text)]
    numbered = [i for i, p in enumerate(paras)
                if p.marker is not None and p.marker.kind == item_kind]
    if len(bullets) < MIN_BULLETS or not numbered or numbered[0] < bullets[-1]:
        return False
    head = paras[numbered[0] - 1]
    if head.marker is None and _short_line(head.text) and not ends_sentence(head.text) \
            and _back_matter_rule("notes_heading").match(head.text):
        return True
    return len(bullets) >= BULLETS_DOMINATE * len(numbered)


_MONTH_NAMES = (r"(?:January|February|March|April|May|June|July|August|September|October"
                r"|November|December)")
# A date on a line of its own, as a signature block dates a list: the day, or only the
# month (二〇二六年九月, "September 2026": an office's report is often dated so), maybe
# with the place it was signed at (2026年6月18日于首尔, 二〇二六年三月十二日于东京).
_DATE_LINE = re.compile(
    r"^\s*(?:(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)"
    r"(?:\s*[于在]\s*[\u4e00-\u9fff]{2,10})?"
    rf"|{_MONTH_NAMES}(?:\s+\d{{1,2}},)?\s*\d{{4}}|(?:\d{{1,2}}\s+)?{_MONTH_NAMES}\s+\d{{4}})\s*$")


# 中方牵头人：商务部副部长 王志远 / "Singapore Secretariat: Ministry of Trade and Industry":
# a role of a few characters, or of up to four capitalised English words, then a colon
_SIGNED_LINE = re.compile(r"^(?:[^：:，。,]{1,12}|[A-Z][\w.'’&-]*(?: [A-Za-z][\w.'’&-]*){0,3})"
                          r"[：:]\s*\S")
SIGNED_MAX = 4  # lines of "role: name" that sign a list


def _signature_lines(paras: list[Paragraph]) -> int:
    """How many paragraphs at the end are a signature block: a date on its own line, and
    the issuing body's name on the short line before it (中日…秘书处 / 2019年1月11日,
    科学技术部国际合作司 / 二〇二六年九月); or up to four short "role: name" lines after a
    finished sentence (中方牵头人：… / 美方牵头人：…, the secretariats' contact lines of a
    bilingual list: 中方秘书处：… / Singapore Secretariat: …). They close the document;
    glued to the last item they would make it end mid-sentence."""
    texts = [_unquoted(p.text) for p in paras]  # "> > 2027年5月12日": a quoted signature
    signed = 0
    while (signed < min(SIGNED_MAX, len(paras) - 1) and paras[-1 - signed].marker is None
           and _SIGNED_LINE.match(texts[-1 - signed])
           and _short_line(texts[-1 - signed])
           and not ends_sentence(texts[-1 - signed])):
        signed += 1
    if signed and ends_sentence(texts[-1 - signed]):
        return signed
    dated = int(len(paras) >= 2 and paras[-1].marker is None and bool(_DATE_LINE.match(texts[-1])))
    issuers = 0  # the issuing body's name, with no date (…委员会中方秘书处)
    while (issuers < SIGNED_MAX and len(paras) - dated - issuers > 1
           and _issuer_line(paras[-1 - dated - issuers], texts[-1 - dated - issuers])):
        issuers += 1
    if issuers and _ends_sentence_before_symbols(texts[-1 - dated - issuers]):
        return dated + issuers
    if not dated:
        return 0
    before = paras[-2]
    if (before.marker is None and _short_line(texts[-2]) and not ends_sentence(texts[-2])
            and texts[-2].rstrip()[-1:] not in "，、：:；;（(“「《—-"):
        return 2
    return 1


_SENTENCE_MARKS = re.compile(r"[，,。；;：:！？!?、]")


def _issuer_line(p: Paragraph, text: str) -> bool:
    """A signature line naming the issuing body: short, unmarked, without sentence
    punctuation, ending in a body's word (秘书处, 办公室, 委员会, Secretariat)."""
    t = text.strip()
    return (p.marker is None and bool(t) and _short_line(t) and not _SENTENCE_MARKS.search(t)
            and _back_matter_rule("issuer").search(t) is not None)


# where a glued item's marker may stand: right after the end of a sentence
# (full-width 1． is folded to "1." in the normalised text: after a Chinese full stop no
# blank is needed, as with 、)
_GLUE_BEFORE = {"、": r"[。！？!?]\s*", ".": r"(?:[.!?]\s+|[。！？]\s*)", "．": r"[。！？!?．.]\s*"}


def split_glued(paras: list[Paragraph], item_kind: str, glued: list[tuple[int, int, int]],
                ) -> list[Paragraph]:
    """Split a paragraph at an inline item marker that continues the numbering exactly.

    Damaged text glues an item onto the previous one (…研讨会。3、双方积极评价…). The
    split is made only where it is unambiguous: the marker is the next expected number,
    written like the item markers before it, right after a sentence end, and that number
    is not the next item marker on a line of its own (so it would otherwise be missing).
    """
    out: list[Paragraph] = []
    last: Marker | None = None
    todo = list(reversed(paras))
    while todo:
        p = todo.pop()
        m = p.marker
        if m is not None and m.kind == item_kind:
            last = m
        if last is not None:
            expected = last.value + 1
            upcoming = next((q.marker.value for q in reversed(todo)
                             if q.marker is not None and q.marker.kind == item_kind), None)
            sep = last.label.strip()[-1:]
            before = _GLUE_BEFORE.get(sep)
            if upcoming != expected and before is not None:
                hit = re.search(rf"{before}(?={expected}{re.escape(sep)})", p.text)
                k = hit.end() if hit else -1
                nm = match_marker(p.text[k:]) if k > 0 else None
                if nm is not None and nm.kind == item_kind and nm.value == expected:
                    head = p.text[:k].rstrip()
                    out.append(Paragraph(p.start, p.start + len(head), head, p.marker))
                    glued.append((p.start + k, last.value, expected))
                    todo.append(Paragraph(p.start + k, p.end, p.text[k:], nm))
                    continue
        out.append(p)
    return out


_BULLET = re.compile(r"^[•·▪◆◇●○■□►▶\-–—*]\s*(?=\S)")
MIN_BULLETS = 3  # a fact sheet's bulleted list; two dashes are not a list


HEADING_MAX = 40  # characters of a heading line in Chinese
HEADING_MAX_WORDS = 10  # words of one in English ("Consular Affairs and People-to-People Exchange")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def _short_line(text: str) -> bool:
    """Short enough to be a heading: 40 characters, or 10 words of English."""
    t = text.strip()
    if len(t) <= HEADING_MAX:
        return True
    words = _LATIN_WORD.findall(t)
    return len(words) <= HEADING_MAX_WORDS and sum(map(len, words)) * 2 > len(t)


def _front_before(paras: list[Paragraph], first_item: int) -> int:
    """Paragraphs before the first item, less a heading that introduces it."""
    k = first_item
    if k > 0 and _short_line(paras[k - 1].text) and not ends_sentence(paras[k - 1].text):
        k -= 1
    return k


def _indent(norm: MappedText, p: Paragraph) -> int:
    """Columns of blank before a paragraph's line in the source (0 where the line does not
    open with blanks, as in HTML): the nesting of a Markdown or plain-text list."""
    root = norm.root_text
    at = norm.to_root(p.start, p.start + 1)[0]
    lead = root[root.rfind("\n", 0, at) + 1:at]
    return len(lead.expandtabs(4)) if lead and not lead.strip() else 0


def paragraph_items(paras: list[Paragraph], out: Outline, norm: MappedText,
                    display: MappedText, *, keep_front: int, bulleted: bool = False) -> None:
    """Unnumbered items for fact sheets (bullets) and joint statements (paragraphs).

    The first ``keep_front`` body paragraphs stay front matter (title, the sentence that
    says who met where); a short line without punctuation right before an item is a
    heading and opens a section; a bullet's text wrapped onto the next paragraph joins it.
    ``bulleted``: the list ends at its last bullet; a paragraph after it that does not
    continue that bullet is back matter ("For further information, please contact …"),
    not an item.
    """
    last_bullet = (max(i for i, p in enumerate(paras) if _BULLET.match(p.text))
                   if bulleted else len(paras))
    section: str | None = None
    current: list[Paragraph] | None = None
    first_bullet = next((p for p in paras if _BULLET.match(p.text)), None) if bulleted else None
    main_mark = first_bullet.text[0] if first_bullet else ""

    def close() -> None:
        nonlocal current
        if current:
            first = current[0]
            mark = _BULLET.match(first.text)
            label, end = (first.text[: mark.end()].strip(), mark.end()) if mark else ("¶", 0)
            item = _make_item(current, Marker("bullet", 3, 0, label, 0, end), section,
                              norm, display)
            item.number = None
            item.label = label
            out.items.append(item)
            out.item_ranges.append((first.start, current[-1].end))
        current = None

    for i, p in enumerate(paras):
        if i < keep_front:
            out.front.append(p)
            continue
        if _DATE_LINE.match(p.text):  # a bare date line is never a heading, nor an item
            if not out.items and current is None and not out.sections:
                out.front.append(p)
                continue
            if not bulleted:
                close()
                continue
        if not out.items and current is None and not out.sections \
                and _list_intro().search(p.text):
            out.front.append(p)  # the opening that introduces the list: front matter
            continue
        mark = _BULLET.match(p.text)
        bullet = mark is not None
        if bullet and current is not None and _indent(norm, p) > _indent(norm, current[0]):
            current.append(p)  # a nested bullet, indented under its item in the source
            continue
        if bullet and current is not None and main_mark and p.text[0] != main_mark \
                and (current[-1].text.rstrip()[-1:] in "：:" or current[-1].text[0] == p.text[0]):
            current.append(p)  # a sub-bullet (– under •) after its item's lead-in
            continue
        if i > last_bullet:
            if current is not None and not ends_sentence(current[-1].text):
                current.append(p)  # the rest of the last bullet
                continue
            break
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        heading = (not bullet and _short_line(p.text) and not ends_sentence(p.text)
                   and nxt is not None and p.text[-1:] not in "：:，,")
        if heading:
            close()
            section = p.text.strip()
            out.sections.append(Section(number=section, title=section,
                                        span=norm.to_root(p.start, p.end), level=1))
        elif not bullet and current is not None and not ends_sentence(current[-1].text):
            current.append(p)  # the rest of a wrapped bullet
        else:
            close()
            current = [p]
    close()


@dataclass(frozen=True, slots=True)
class _Transcript:
    question: re.Pattern[str]  # 问： / "Q:" at a paragraph's start, with the blanks after it
    answer: re.Pattern[str]  # 答： / "A:"
    min_pairs: int


@cache
def _transcript() -> _Transcript:
    t = rules.load("layout")["transcript"]
    return _Transcript(re.compile(t["question"]), re.compile(t["answer"]), int(t["min_pairs"]))


def qa_items(paras: list[Paragraph], out: Outline, norm: MappedText,
             display: MappedText) -> bool:
    """Items of a question-and-answer transcript (外交部发言人答记者问, a press briefing):
    from the first 问：/"Q:" paragraph on, each 答：/"A:" paragraph, with the unmarked
    paragraphs after it up to the next question or answer, is an unnumbered item (the
    spokesperson's prose is the outcome); a question and its wrapped lines are no item;
    the opening above the first question (发言人, date) is front matter. Only a body with
    at least ``min_pairs`` answers that each follow a question is a transcript: one 问 in
    a story is prose. Back matter after the last answer (a contact line, credits, a
    signature) is cut as after a list's last item."""
    cfg = _transcript()
    roles: list[str | None] = []
    for p in paras:
        qm = cfg.question.match(p.text)
        am = cfg.answer.match(p.text)
        if p.marker is None and qm is not None and p.text[qm.end():].strip():
            roles.append("q")
        elif p.marker is None and am is not None and p.text[am.end():].strip():
            roles.append("a")
        else:
            roles.append(None)
    first_q = next((i for i, r in enumerate(roles) if r == "q"), None)
    if first_q is None:
        return False
    pairs, prev = 0, None
    for r in roles[first_q:]:
        pairs += r == "a" and prev == "q"
        prev = r or prev  # a wrapped question line still waits for its answer
    if pairs < cfg.min_pairs:
        return False
    last = max(i for i, r in enumerate(roles) if r == "a")
    body = _contact_tail(_new_media_tail(_closing_clause(paras, last), last), last)
    # a signature under the last answer goes, but never the answer itself (答：好的)
    body = body[:max(len(body) - _signature_lines(body), last + 1)]
    out.transcript = True
    out.front = paras[:first_q]
    current: list[Paragraph] | None = None
    current_mark: Marker | None = None

    def close() -> None:
        nonlocal current
        if current and current_mark is not None:
            item = _make_item(current, current_mark, None, norm, display)
            item.number = None  # counted by position, as a fact sheet's bullets
            item.title = item.title_span = None  # an answer opens with prose, no heading
            out.items.append(item)
            out.item_ranges.append((current[0].start, current[-1].end))
        current = None

    for i in range(first_q, len(body)):
        p, role = body[i], roles[i]
        if role == "q":
            close()
        elif role == "a":
            close()
            am = cfg.answer.match(p.text)
            assert am is not None
            at = len(p.text) - len(p.text.lstrip(" \t\u3000"))
            current = [p]
            current_mark = Marker("answer", 3, 0, p.text[at:am.end()].strip(), at, am.end())
        elif current is not None:
            current.append(p)  # the answer goes on in another paragraph
    close()
    return True


@dataclass(frozen=True, slots=True)
class _Enum:
    ordinal: re.Pattern[str]
    prefilter: tuple[str, ...]
    min_run: int
    paren_min_run: int
    paren_after: re.Pattern[str]
    lead: re.Pattern[str]
    adverbs: tuple[str, ...]  # 首先, 其次, 再次: the ordinal adverbs counting up from 1
    adverb_last: frozenset[str]  # 最后: closes an adverb chain at any length
    adverb_min_run: int
    adverb_after: re.Pattern[str]  # what stands right before an adverb chain's 首先


@cache
def _enumeration() -> _Enum:
    e = rules.load("layout")["enumeration"]
    return _Enum(re.compile(e["ordinal"], re.MULTILINE), tuple(e["prefilter"]),
                 int(e["min_run"]), int(e["paren_min_run"]), re.compile(e["paren_after"]),
                 re.compile(e["section_lead"]), tuple(e["adverbs"]),
                 frozenset(e["adverb_last"]), int(e["adverb_min_run"]),
                 re.compile(e["adverb_after"]))


_ADVERB = "adv"  # the form key of an ordinal-adverb chain (首先，…；其次，…；最后，…)


def _ordinal_chains(paras: list[Paragraph], cfg: _Enum) -> list[list[tuple[int, re.Match[str]]]]:
    """Chains of ordinals counting up from 1 in one form each, long enough to be a list,
    in document order; a chain that starts inside another's run is left to it (一是…
    inside a （一） item is that item's text)."""
    open_chains: dict[str, list[tuple[int, re.Match[str]]]] = {}
    done: list[list[tuple[int, re.Match[str]]]] = []

    def finish(chain: list[tuple[int, re.Match[str]]] | None, form: str) -> None:
        need = (cfg.adverb_min_run if form == _ADVERB
                else cfg.paren_min_run if form.startswith("(") else cfg.min_run)
        if chain and len(chain) >= need:
            done.append(chain)

    for pi, p in enumerate(paras):
        if (adv := open_chains.get(_ADVERB)) and adv[0][0] != pi:
            finish(open_chains.pop(_ADVERB), _ADVERB)  # an adverb chain is one paragraph's
        for mm in cfg.ordinal.finditer(p.text):
            if mm["adv"]:
                _adverb_ordinal(pi, p.text, mm, open_chains, cfg, finish)
                continue
            if mm["num5"]:
                value, form = int(mm["num5"]), "(1"
            else:
                num = mm["num"] or mm["num2"] or mm["num3"] or mm["num4"]
                value = any_to_int(num, "cn")
                form = "是" if mm["num"] else "(一" if mm["num4"] else mm["label"][0]
            chain = open_chains.get(form)
            if value == 1:
                if form.startswith("(") and not cfg.paren_after.search(p.text, 0, mm.start()):
                    continue  # a bracketed list is introduced by a colon
                finish(chain, form)
                open_chains[form] = [(pi, mm)]
            elif chain and value == len(chain) + 1:
                chain.append((pi, mm))
    for form, chain in open_chains.items():
        finish(chain, form)
    done.sort(key=lambda c: (c[0][0], c[0][1].start()))
    kept: list[list[tuple[int, re.Match[str]]]] = []
    for chain in done:
        if kept and (chain[0][0], chain[0][1].start()) < (kept[-1][-1][0],
                                                           kept[-1][-1][1].start()):
            continue
        kept.append(chain)
    return kept


def _adverb_ordinal(pi: int, text: str, mm: re.Match[str],
                    open_chains: dict[str, list[tuple[int, re.Match[str]]]], cfg: _Enum,
                    finish: Callable[[list[tuple[int, re.Match[str]]] | None, str], None],
                    ) -> None:
    """Go on with the paragraph's adverb chain: 首先 opens one (only after a clause's end
    or a lead-in verb, so 首先 in prose does not), 其次/再次 go on with it in order, and
    最后 closes it, whatever its length."""
    word = mm["adv"]
    chain = open_chains.get(_ADVERB)
    if word == cfg.adverbs[0]:
        if cfg.adverb_after.search(text, 0, mm.start("label")) is None:
            return
        finish(chain, _ADVERB)
        open_chains[_ADVERB] = [(pi, mm)]
    elif chain and word in cfg.adverb_last:
        chain.append((pi, mm))
        finish(open_chains.pop(_ADVERB), _ADVERB)
    elif chain and word in cfg.adverbs and cfg.adverbs.index(word) == len(chain):
        chain.append((pi, mm))


def enumeration_items(paras: list[Paragraph], out: Outline, norm: MappedText,
                      display: MappedText) -> bool:
    """Items of enumerations run on inside paragraphs (一是…；二是…；…十八是…; 三方商定：
    （一）…；（二）…).

    Every chain of ordinals counting up from 1 (one form: N是 / 其N / 第N, at least
    ``min_run``; or a bracketed （一）/(1) chain after a colon, at least ``paren_min_run``;
    or, inside one paragraph, the adverbs 首先，…；其次，…；最后，…), going on across
    paragraphs, makes items: each runs from its ordinal to the next one
    in the same paragraph, or to the paragraph's end. The ordinal is its label, as a list
    marker is; the items are numbered on in document order across the chains (the
    outcome's running number: （一）–（五） then 一是–六是 are items 1–11). A paragraph's
    lead-in before its first ordinal (在机制建设方面，) opens a section. Paragraphs before
    the first item are front matter; those after the last are back matter.
    """
    cfg = _enumeration()
    text = norm.text
    if not any(f in text for f in cfg.prefilter):
        return False
    chains = _ordinal_chains(paras, cfg)
    if not chains:
        return False
    out.front = paras[:chains[0][0][0]]
    section: str | None = None
    seen_paras: set[int] = set()
    flat = [(ci, pi, mm) for ci, chain in enumerate(chains) for pi, mm in chain]
    for k, (ci, pi, mm) in enumerate(flat):
        p = paras[pi]
        if k and flat[k - 1][0] != ci:
            section = None  # a new enumeration: its own lead-in, if any
        if pi not in seen_paras:
            head = cfg.lead.match(p.text, 0, mm.start("label"))
            if head is not None:
                a, b = p.start + head.start("title"), p.start + head.end("title")
                ds, de = norm.to_ancestor(a, b, display)
                section = display.text[ds:de].strip()
                out.sections.append(Section(number=section, title=section,
                                            span=norm.to_root(a, b), level=1,
                                            ordinal=len(out.sections) + 1))
            seen_paras.add(pi)
        start = p.start + mm.start("label")
        nxt = flat[k + 1] if k + 1 < len(flat) else None
        if nxt is not None and nxt[1] == pi:
            end = p.start + nxt[2].start()
            if nxt[0] != ci:  # the next enumeration's lead-in is not this item's text
                stop = max(text.rfind("。", start, end), text.rfind("；", start, end))
                end = stop + 1 if stop > start else end
        else:
            end = p.end
        while end > start and text[end - 1] in " \t　":
            end -= 1
        label = mm["label"]  # 一是 / 其一， / （一）: the item's text starts after it
        piece = Paragraph(start, end, text[start:end], None)
        marker = Marker("enumeration", 3, k + 1, label, 0, len(label))
        out.items.append(_make_item([piece], marker, section, norm, display))
        out.item_ranges.append((start, end))
    return True


def _is_false_marker(m: Marker, prev_number: int | None, before: Paragraph,
                     current: list[Paragraph]) -> bool:
    """An out-of-sequence item marker that is really a wrapped line of the current item:
    it follows a paragraph broken off mid-sentence, or it continues an inline
    enumeration (…；2. …；3. …) that the current item already started."""
    if prev_number is not None and m.value == prev_number + 1:
        return False
    t = before.text.rstrip()
    if t and not ends_sentence(t) and t[-1] not in "：:":
        return True
    if t and t[-1] in "；;：:" and m.value > 1:
        item_text = "\n".join(q.text for q in current)
        return re.search(rf"(?:^|[；;：:\s]){m.value - 1}\s*[.、．]", item_text) is not None
    return False


def _marker_number(label: str) -> str:
    s = re.sub(r"[、．.（）()\s*#_]", "", label)
    return s.removeprefix("第").removesuffix("部分").removesuffix("章")


def _make_item(paras: list[Paragraph], m: Marker, section: str | None,
               norm: MappedText, display: MappedText) -> Item:
    first = paras[0]
    _start, end = first.start, paras[-1].end
    body_start = first.start + m.end
    text_norm = norm.text[body_start:end]
    title: str | None = None
    title_span: Span | None = None
    head = first.text[m.end:]
    cm = _TITLE_COLON.search(head)
    if cm and 0 < cm.start() <= TITLE_MAX and "。" not in head[: cm.start()] \
            and not _lead_in().search(head, 0, cm.start()):
        t0, t1 = body_start, body_start + cm.start()
        ds, de = norm.to_ancestor(t0, t1, display)
        title = display.text[ds:de].strip() or None
        title_span = norm.to_root(t0, t1)
    ds, de = norm.to_ancestor(body_start, end, display)
    ls, le = norm.to_ancestor(first.start + m.start, first.start + m.end, display)
    return Item(
        number=m.value,
        label=display.text[ls:le].strip(),
        section=section,
        title=title,
        text=display.text[ds:de],
        span=norm.to_root(first.start + m.start, end),
        title_span=title_span,
        subitems=_subitems(text_norm, body_start, norm, display),
        normalized=text_norm,
        level=m.rank,
        norm_start=body_start,
    )


RUN_IN_REACH = 80  # from an item's marker to its bold run: "(1) **", '<li class="…"><b>'
RUN_IN_WORDS = 6  # an English run-in heading is a few words, not a sentence
RUN_IN_CJK = 24  # … and a Chinese one a short phrase
_RUN_IN_END = " \t.。:：;；—–-"


def run_in_titles(items: list[Item], strong: list[Span], source: str) -> None:
    """A bold run opening an item that has no ``title：`` heading is its run-in heading:
    "(1) **Ocean observation.** The two sides …", "<li><b>加强互信。</b>双方…".

    ``strong`` holds the reader's bold runs as spans of ``source``. A run counts only
    when the item's text starts with it and goes on after it, and when it is short and
    has no comma: a bold sentence ("**双方同意举行第五次会议，…**") is no heading.
    """
    if not strong:
        return
    starts = [a for a, _ in strong]
    for item in items:
        if item.title is not None:
            continue
        k = bisect_left(starts, item.span[0])
        if k == len(strong) or strong[k][0] - item.span[0] > RUN_IN_REACH:
            continue
        a, b = strong[k]
        bold = source[a:b]
        lead = len(bold) - len(bold.lstrip())
        if item.label and bold.lstrip().startswith(item.label):
            lead += len(item.label)  # "**1. Trade.** …": the marker is bold too
        title = bold[lead:].lstrip().rstrip(_RUN_IN_END)
        lead = len(bold) - len(bold[lead:].lstrip())
        if not title or "，" in title or "," in title or not item.text.startswith(title):
            continue
        if len(title.split()) > RUN_IN_WORDS or len(title) > (
                RUN_IN_CJK if any("\u4e00" <= c <= "\u9fff" for c in title) else TITLE_MAX):
            continue
        if not item.text[len(title):].strip(_RUN_IN_END + "\n"):
            continue  # the bold run is the whole item
        item.title = title
        item.title_span = (a + lead, a + lead + len(title))


def heading_titles(items: list[Item], headings: list[tuple[int, Span]], source: str) -> None:
    """A numbered heading that opens an item is its title: "### 3. 加强海关合作" with the
    paragraph under it ("海关总署与…"). ``headings`` are the reader's heading content
    spans of ``source``; the heading's text after the item's label must be the first line
    of the item's text, with more text after it."""
    if not headings:
        return
    starts = [a for _lvl, (a, _b) in headings]
    for item in items:
        if item.title is not None:
            continue
        k = bisect_left(starts, item.span[0])
        if k == len(headings) or headings[k][1][0] - item.span[0] > RUN_IN_REACH:
            continue
        a, b = headings[k][1]
        if b > item.span[1]:
            continue
        head = source[a:b]
        lead = len(head) - len(head.lstrip())
        if item.label and head[lead:].startswith(item.label):
            lead += len(item.label)
        lead += len(head[lead:]) - len(head[lead:].lstrip())
        title = head[lead:].rstrip()
        if not title or not item.text.startswith(title):
            continue
        rest = item.text[len(title):]
        if not rest.startswith("\n") or not rest.strip():
            continue  # the heading runs on into the text, or is the whole item
        item.title = title
        item.title_span = (a + lead, a + lead + len(title))


def _subitems(text: str, offset: int, norm: MappedText, display: MappedText) -> list[SubItem]:
    """(1)…(n) sub-items, on their own lines or inline, as a chain counting up from 1."""
    chain: list[re.Match[str]] = []
    expect = 1
    for mm in _SUB_MARK.finditer(text):
        v = _sub_value(mm)
        if v == expect:
            chain.append(mm)
            expect += 1
        elif v == 1 and len(chain) < 2:
            chain, expect = [mm], 2  # restart: an earlier "(1)" was something else
    if len(chain) < 2:
        return []
    subs: list[SubItem] = []
    for k, mm in enumerate(chain):
        s = mm.start()
        e = chain[k + 1].start() if k + 1 < len(chain) else _last_sub_end(text, mm)
        piece_s, piece_e = offset + s, offset + e
        ds, de = norm.to_ancestor(piece_s, piece_e, display)
        body = display.text[ds:de]
        label_len = len(mm.group())
        subs.append(SubItem(number=mm.group().strip(), text=body[label_len:].strip(),
                            span=norm.to_root(piece_s, piece_e)))
    return subs


def _sub_value(mm: re.Match[str]) -> int:
    if mm.group(1):
        return int(mm.group(1))
    if mm.group(2):
        return ord(mm.group(2)) - ord("①") + 1
    return ord(mm.group(3)) - ord("a") + 1


def _last_sub_end(text: str, mm: re.Match[str]) -> int:
    """The last sub-item runs to its paragraph's end, or, inline, to its sentence's end."""
    line_end = text.find("\n", mm.end())
    line_end = len(text) if line_end < 0 else line_end
    at_line_start = mm.start() == 0 or text[mm.start() - 1] == "\n"
    if at_line_start:
        return line_end
    stop = text.find("。", mm.end(), line_end)
    return line_end if stop < 0 else stop + 1
