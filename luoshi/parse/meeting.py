"""Title, meeting (mechanism, track, round, dates, venue, chairs) and dateline.

All searches run on the normalised text; every string returned is cut from the
display layer so it keeps the document's own script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from luoshi import rules
from luoshi.clean.common import (
    CleanState,
    en_dateline_line,
    ends_sentence,
    simplified,
    strip_title_note,
)
from luoshi.extract.gazetteer import country_names, places_opening_with_a_country
from luoshi.extract.pairs import (
    US,
    document_pair,
    en_pair_before,
    en_pairs_alt,
    pair_of,
    zh_pair_before,
    zh_pairs_alt,
)
from luoshi.extract.place_prefix import country_prefix, province_len
from luoshi.markers import match_marker
from luoshi.model import Chair, Dateline, Meeting
from luoshi.numerals import ordinal_to_int
from luoshi.parse.dates import find_dates, safe_date
from luoshi.textmap import MappedText, Span

_MEETING_VERB = re.compile(r"举行|召开|期间|会晤|主持|held|met|meeting|convened|took place",
                           re.IGNORECASE)
_VENUE = re.compile(r"在(?P<v>[^\s，。、；在的与和]{2,12}?)(?:举行|召开|会晤)")
# 于<place>举行 (Traditional 於 is 于 once simplified); never a date (于6月举行, 于近日举行)
_VENUE_YU = re.compile(r"于(?P<v>[^\s\d，。、；在的与和年月日]{2,12}?)(?:举行|召开|会晤)")
_PROVINCE_SUFFIX = re.compile(r"^[\u4e00-\u9fff]{2,3}省(?=[\u4e00-\u9fff]{2})")
_VENUE_EN = re.compile(r"\bin (?P<v>[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:, D\.C\.)?)")
DATELINE_WINDOW = 600
_CJK = re.compile(r"[\u3400-\u9fff]")
_PRINCIPALS = {"President", "国家主席", "总统", "國家主席", "總統"}


@dataclass(slots=True)
class TextView:
    """The normalised text with helpers to cut display strings and source spans."""

    norm: MappedText
    display: MappedText

    def show(self, a: int, b: int) -> str:
        s, e = self.norm.to_ancestor(a, b, self.display)
        return self.display.text[s:e]

    def src(self, a: int, b: int) -> Span:
        return self.norm.to_root(a, b)


@cache
def _meeting_rules() -> dict:
    return rules.load("meetings")


@cache
def _compiled() -> dict[str, object]:
    r = _meeting_rules()
    return {
        "mechanisms": [(m["name"], m["name_en"], re.compile(m["pattern"])) for m in r["mechanism"]],
        "fallback": re.compile(_with_pairs(r["fallback"]["pattern"])),
        "fallback_en": re.compile(_with_pairs(r["fallback"]["en"])),
        "fallback_en_ordinal": re.compile(_with_pairs(r["fallback"]["en_ordinal"])),
        # the last resort: the English names with the wider heads (Meeting, Council …)
        "last_en": [re.compile(_with_pairs(r["fallback"][k], wide=True))
                    for k in ("en_title", "en", "en_ordinal")],
        "fallback_name_round": re.compile(_with_pairs(r["fallback"]["name_round"])),
        "body_meeting": re.compile(_with_pairs(r["body_meeting"]["cn"])),
        "opening_meeting": re.compile(_with_pairs(r["opening_meeting"]["cn"])),
        "tracks": [(t["name"], t["name_en"], re.compile(t["pattern"])) for t in r["track"]],
        "round_cn": re.compile(r["round"]["cn"]),
        "round_en": re.compile(r["round"]["en"]),
        "titles": sorted(r["chair_title"], key=lambda t: len(t["title"]), reverse=True),
        "name_cn": re.compile(r["chair_name"]["cn"]),
        "name_en": re.compile(r["chair_name"]["en"]),
        "cue": re.compile(r["chair_name"]["chair_cue"]),
    }


def _with_pairs(pattern: str, *, wide: bool = False) -> str:
    """Fill in the pair prefixes (data/dialogue_pairs.toml, and regional ones: 中国—东盟)
    and the English head words (the wider set, with Meeting and Council, if ``wide``).

    A Chinese prefix never opens one of the ordinary words listed as false starts there
    (其中新增…, 在合作中加强…), as ``pair_of`` reads them too."""
    fb = _meeting_rules()["fallback"]
    false = rules.load("dialogue_pairs")["zh_false_starts"]["words"]
    guard = f"(?!{'|'.join(map(re.escape, false))})" if false else ""
    zh = guard + "(?:" + zh_pairs_alt() + ")|" + _meeting_rules()["regional_pairs"]["zh"]
    return pattern.replace("{pairs_zh}", zh).replace("{pairs_en}", en_pairs_alt()) \
        .replace("{heads_en_wide}", fb["heads_en_wide"]) \
        .replace("{heads_en}", fb["heads_en_wide"] if wide else fb["heads_en"])


def _foreign_pair(text: str, m: re.Match[str], doc_pair: str | None) -> bool:
    """Is this match of a (China–U.S.) mechanism pattern a name of another pair's dialogue?

    The listed mechanisms are China–U.S. ones; a bare head ("Strategic Economic Dialogue")
    opened by another pair's prefix ("China–Australia Strategic Economic Dialogue", 中澳…)
    is never one of them, nor is a bare head in a document whose title names another pair
    (dialogue_pairs.toml). A match that carries its own 中美/U.S.-China prefix stands."""
    own = pair_of(m.group())
    if own is not None:
        return own != US
    before = zh_pair_before(text, m.start()) or en_pair_before(text, m.start())
    if before is not None:
        return before != US
    return doc_pair not in (None, US)


# -- title --------------------------------------------------------------------------

@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile(rules.load("layout")["title"]["keywords"])


@cache
def _title_pattern_caps() -> re.Pattern[str]:
    return re.compile(rules.load("layout")["title"]["keywords"], re.IGNORECASE)


def looks_like_title(s: str) -> bool:
    """A title line: short, no sentence, names the genre or the dialogue. A Latin line set
    in capitals (SEVENTH ROUND OF THE … DIALOGUE, as PDF cover lines are) is read without
    case; a line in capitals that only names the document type (JOINT STATEMENT) is a
    title's first or last line, not a title of its own."""
    s = s.strip()
    limit = int(rules.load("layout")["title"]["max_chars"])
    head = strip_title_note(s)  # …成果清单（全文）: the note's bracket ends no sentence
    if not (4 <= len(s) <= limit) or ends_sentence(head) or re.match(r"^\d", s):
        return False
    if _title_pattern().search(head):
        return True
    return head.isupper() and not _kind_heading(head) \
        and bool(_title_pattern_caps().search(head))


def find_title(metadata: dict[str, str], metadata_spans: dict[str, Span],
               front: list[tuple[int, int]], view: TextView, state: CleanState,
               headings: list[tuple[str, Span]]
               ) -> tuple[str | None, Span | None, tuple[int, ...]]:
    """(title, span, indices of the front paragraphs used) from the best available place."""
    if metadata.get("title"):
        return metadata["title"].strip(), metadata_spans.get("title"), ()
    for text, span in headings:  # markup headings (Markdown #, HTML h1), first one wins
        if text.strip():
            return text.strip(), span, ()
    mail = _mail_title(front, view)
    if mail is not None:
        return mail
    for k, (a, b) in enumerate(front[:4]):
        if k + 1 < len(front) and _kind_heading(view.norm.text[a:b]) \
                and looks_like_title(view.norm.text[front[k + 1][0]:front[k + 1][1]]):
            # JOINT FACT SHEET / The Fourth …Dialogue: one title
            return _two_line_title(front, k, view)
        if looks_like_title(view.norm.text[a:b]):
            if k + 1 < len(front) \
                    and _kind_heading(view.norm.text[front[k + 1][0]:front[k + 1][1]]):
                # SEVENTH ROUND OF THE … DIALOGUE / JOINT STATEMENT
                return _two_line_title(front, k, view)
            if k and _title_first_line(view.norm.text[front[k - 1][0]:front[k - 1][1]],
                                       view.norm.text[a:b]):
                return _two_line_title(front, k - 1, view, latin_space=True)
            return view.show(a, b).strip(), view.src(a, b), (k,)
    for text, span, _why in state.removed_lines:
        if looks_like_title(simplified(text)):
            return text.strip(), span, ()
    return None, None, ()


def _two_line_title(front: list[tuple[int, int]], k: int, view: TextView, *,
                    latin_space: bool = False) -> tuple[str, Span, tuple[int, ...]]:
    """A title over front paragraphs ``k`` and ``k + 1``: (their display texts joined, the
    span over both, (k, k + 1)). Joined by a space, or with ``latin_space`` (a title wrapped
    by a Word export) only between two Latin ends: Chinese lines join with nothing."""
    (a, b), (na, nb) = front[k], front[k + 1]
    head, tail = view.show(a, b).strip(), view.show(na, nb).strip()
    sep = " " if not latin_space or (head[-1:].isascii() and tail[:1].isascii()) else ""
    return head + sep + tail, (view.src(a, b)[0], view.src(na, nb)[1]), (k, k + 1)


# A mail header's subject line (主题: 转发: …) and the quote markers of a forwarded mail
_MAIL_SUBJECT = re.compile(r"^\s*(?:主题|主旨|標題|标题|Subject|Betreff|Objet)\s*[:：]\s*",
                           re.IGNORECASE)
_MAIL_HEADER = re.compile(r"^\s*(?:发件人|收件人|抄送|日期|发送时间|From|To|Cc|Sent|Date)\s*[:：]",
                          re.IGNORECASE)
_MAIL_PREFIX = re.compile(r"^(?:(?:转发|回复|答复|轉發|回覆|Fwd?|FW|Re|AW|WG|TR)\s*[:：]\s*)+",
                          re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"^(?:\s*>)+\s*")


def _mail_title(front: list[tuple[int, int]], view: TextView
                ) -> tuple[str, Span, tuple[int, ...]] | None:
    """A forwarded or replied e-mail: a mail subject line (主题: 转发: …, Subject: Fwd: …)
    among the first front paragraphs. The quoted document's own title line is the title;
    failing that, the subject without its label and forwarding prefixes."""
    subject = next((k for k, (a, b) in enumerate(front[:8])
                    if _MAIL_SUBJECT.match(view.norm.text[a:b])), None)
    if subject is None:
        return None
    for k, (a, b) in enumerate(front):
        line = view.norm.text[a:b]
        if _MAIL_SUBJECT.match(line) or _MAIL_HEADER.match(line):
            continue
        q = _QUOTE_MARKS.match(line)
        qa = a + (q.end() if q else 0)
        if qa < b and looks_like_title(view.norm.text[qa:b]):
            return view.show(qa, b).strip(), view.src(qa, b), (k,)
    a, b = front[subject]
    m = _MAIL_SUBJECT.match(view.norm.text[a:b])
    sa = a + m.end()
    p = _MAIL_PREFIX.match(view.norm.text[sa:b])
    sa += p.end() if p else 0
    if sa < b and looks_like_title(view.norm.text[sa:b]):
        return view.show(sa, b).strip(), view.src(sa, b), (subject,)
    return None


@cache
def _kind_word_line() -> re.Pattern[str]:
    return re.compile(rf"(?:[A-Z]+ ){{0,2}}(?:{rules.load('layout')['kind']['joint_statement']}"
                      rf"|{rules.load('layout')['kind']['outcome_list']})[A-Z]*(?: [A-Z]+){{0,2}}",
                      re.IGNORECASE)


def _kind_heading(line: str) -> bool:
    """A Latin line in capitals that only names the document type (JOINT FACT SHEET,
    JOINT STATEMENT, JOINT OUTCOMES STATEMENT) above the meeting's name, or below it:
    the first or the last line of the title."""
    line = line.strip()
    return line.isupper() and line.isascii() and bool(_kind_word_line().fullmatch(line))


def _title_first_line(prev: str, line: str) -> bool:
    """A title wrapped over two lines (Word exports): the meeting's name, then 成果清单.

    Only when the title line is little more than the document-type word itself (成果清单,
    Joint Statement: an office's name above a full title is no part of it), and the line
    before is short, no sentence, no date and no numbered entry, is it the title's start.
    """
    prev, line = prev.strip(), strip_title_note(line.strip())
    limit = int(rules.load("layout")["title"]["max_chars"])
    kind_only = _title_pattern().fullmatch(line) or (len(line) <= 8
                                                     and _title_pattern().match(line))
    return bool(kind_only) and len(prev) >= 4 \
        and len(prev) + len(line.strip()) <= limit and not ends_sentence(prev) \
        and prev[-1] not in "：:，,、" and prev[0] not in "（([【" \
        and match_marker(prev) is None and not find_dates(prev)


# -- meeting ------------------------------------------------------------------------

def find_meeting(title_norm: str, front_norm: str, front_offset: int, view: TextView,
                 default_year: int | None) -> Meeting:
    c = _compiled()
    meeting = Meeting()
    search_space = [(title_norm, None), (front_norm, front_offset)]
    doc_pair = document_pair(None, title_norm)

    for text, _off in search_space:
        for name, _en, pat in c["mechanisms"]:
            m = next((m for m in pat.finditer(text) if not _foreign_pair(text, m, doc_pair)),
                     None)
            if m:
                meeting.mechanism = name
                if "venue" in pat.groupindex and m["venue"]:
                    meeting.venue = m["venue"]
                break
        if meeting.mechanism:
            break
    if meeting.mechanism is None:
        for text, _off in search_space:
            m = c["fallback"].search(text) or c["fallback_en"].search(text) \
                or c["fallback_en_ordinal"].search(text) or c["fallback_name_round"].search(text)
            if m:
                meeting.mechanism = m["name"]
                if m.groupdict().get("num"):  # 第十一届中美交通论坛: the ordinal is the round
                    meeting.round = ordinal_to_int(m["num"])
                break
    # "<body>第N次会议" in the title or the opening sentence: the body is the mechanism
    # and N the round of this meeting (an item's 第N次会议 is another meeting)
    sentence, s_off = _meeting_sentence(front_norm)
    for text in (title_norm, sentence or ""):
        m = c["body_meeting"].search(text)
        if m and meeting.mechanism in (None, m["name"]):
            meeting.mechanism = m["name"]
            meeting.round = ordinal_to_int(m["num"])
            break
    if meeting.mechanism is None and sentence:
        m = c["opening_meeting"].search(sentence)  # "…，中国—东盟外长会在万象举行"
        if m:
            meeting.mechanism = m["name"]
    if meeting.mechanism is None:
        # an English name with a wider head ("… Trilateral Meeting on …", "Meeting of the
        # China–X Joint Council"): the title as a whole first, then the front
        _last_english(meeting, title_norm, front_norm)
    elif meeting.mechanism is not None:
        meeting.mechanism_en = _mechanism_en(meeting.mechanism, title_norm, front_norm)
    for text, _off in search_space:
        for name, _en, pat in c["tracks"]:
            if pat.search(text):
                meeting.track = name
                break
        if meeting.track:
            break
    for text, _off in search_space:
        if meeting.round is not None:
            break
        m = c["round_cn"].search(text) or c["round_en"].search(text)
        if m:
            meeting.round = ordinal_to_int(m.group("num") or m.groupdict().get("num2") or "")
            break

    # Dates and venue come from the sentence that says when and where it met.
    if sentence is not None:
        abs_off = front_offset + s_off
        # a date right before 电 is a dateline's (本报莫斯科11月15日电), not the meeting's
        dates = [d for d in find_dates(sentence, default_year)
                 if not sentence[d.end:d.end + 3].lstrip().startswith("电")]
        if dates:
            d = dates[0]
            meeting.start, meeting.end = d.first.isoformat(), d.last.isoformat()
        if meeting.venue is None:
            v = _VENUE.search(sentence) or _VENUE_YU.search(sentence) \
                or _VENUE_EN.search(sentence)
            if v:
                start = abs_off + v.start("v") + _place_prefix_len(v["v"])
                meeting.venue = view.show(start, abs_off + v.end("v"))
        meeting.chairs = find_chairs(sentence, abs_off, view)
        meeting.span = view.src(abs_off, abs_off + len(sentence))
    if meeting.start is None:
        dates = find_dates(title_norm, default_year)
        if dates:
            meeting.start, meeting.end = dates[0].first.isoformat(), dates[0].last.isoformat()
    return meeting


def _english_name(title: str, front: str, pair: str | None = None) -> re.Match[str] | None:
    """An English name of a meeting whose head is any of the wider set (Meeting, Council,
    Commission, Committee as well as Dialogue …), written with ``pair``'s prefix if given.
    The title is read as a whole (its name needs no "Round of the" before it); the front
    only in the forms the fallbacks read ("Meeting of the …", "the Fourth …")."""
    title_pat, *front_pats = _compiled()["last_en"]
    found = [m for m in title_pat.finditer(title)]
    found += [m for pat in front_pats for m in pat.finditer(front)]
    return next((m for m in found if pair is None or pair_of(m["name"]) == pair), None)


def _last_english(meeting: Meeting, title: str, front: str) -> None:
    """The last resort for the mechanism: an English name (``_english_name``), read only
    when no Chinese name was found, so a bilingual list's English line never beats its
    Chinese title."""
    m = _english_name(title, front)
    if m is None:
        return
    meeting.mechanism = m["name"]
    if m.groupdict().get("num") and meeting.round is None:
        meeting.round = ordinal_to_int(m["num"])


def _mechanism_en(mechanism: str, title: str, front: str) -> str | None:
    """The English name the document writes for its Chinese-named mechanism (a bilingual
    list's English title line or opening: "Outcomes of the Fifth Meeting of the
    China–Singapore Joint Council for …"; an English document's "the U.S.-China
    Comprehensive Economic Dialogue"): an English name in the title or the front written
    with the same pair as the Chinese one (中新 and China–Singapore). None for a mechanism in Latin
    script, or one whose pair is not a bilateral pair of dialogue_pairs.toml."""
    pair = pair_of(mechanism)
    if pair is None or not _CJK.search(mechanism):
        return None
    m = _english_name(title, front, pair)
    return m["name"] if m else None


@cache
def _provinces() -> tuple[str, ...]:
    """Province names written before a city without 省 (series_rules.toml [places])."""
    return tuple(sorted(rules.load("series_rules")["places"].get("provinces", ()),
                        key=len, reverse=True))


@cache
def _countries() -> tuple[str, ...]:
    """Country names written before a province or city: the gazetteer's, with aliases."""
    return tuple(sorted({*country_names(), "美利坚合众国"}, key=len, reverse=True))


def _place_prefix_len(place: str) -> int:
    """Length of the country and province before the city (中国湖南长沙 → 长沙, 浙江省杭州 →
    杭州); none before a place a country's name only opens (马里兰州 is no 马里 + 兰州).
    The venue is what is left: a country or a 省 name is cut only before a city of two
    characters or more (series._norm_place reads a bare country as the place)."""
    n = len(country_prefix(place, _countries(), places_opening_with_a_country(), keep=2))
    return n + province_len(place[n:], _provinces(), _PROVINCE_SUFFIX, then_listed=False)


def _meeting_sentence(front: str) -> tuple[str | None, int]:
    """The first sentence that says when the meeting was held (not a bare dateline)."""
    from luoshi.extract.sentences import split_sentences

    for para in re.finditer(r"[^\n]+", front):
        for s in split_sentences(para.group()):
            if _MEETING_VERB.search(s.text) and find_dates(s.text, 2000):
                return s.text, para.start() + s.start
    return None, 0


def find_chairs(sentence: str, offset: int, view: TextView) -> list[Chair]:
    """People named right after a leader's title: 国务卿约翰·克里, State Councilor Yang Jiechi.

    When the sentence names special representatives (…的特别代表国务委员杨洁篪), those
    are the chairs and the leaders they represent are not.
    """
    c = _compiled()
    found: list[tuple[int, bool, Chair]] = []  # (position, is special representative, chair)
    taken: list[tuple[int, int]] = []
    for t in c["titles"]:
        for m in re.finditer(re.escape(t["title"]), sentence):
            a, b = m.start(), m.end()
            if any(s <= a < e for s, e in taken):
                continue  # inside a longer title already matched (国务委员兼外长)
            latin = t["title"].isascii()
            nm = (c["name_en"] if latin else c["name_cn"]).match(sentence, b + (1 if latin else 0))
            if not nm:
                continue
            taken.append((a, nm.end()))
            found.append((a, sentence[max(0, a - 6):a].endswith(("特别代表", "Representative")),
                          Chair(name=view.show(offset + nm.start("name"), offset + nm.end("name")),
                                title=view.show(offset + a, offset + b),
                                side=_side(sentence[max(0, a - 4):a], t["side"]),
                                span=view.src(offset + a, offset + nm.end("name")))))
    found.sort(key=lambda f: f[0])
    specials = [ch for _, special, ch in found if special]
    if specials:
        return specials
    if re.search(r"特别代表|Special Representatives? of", sentence):
        # "Special Representative of President X, State Councilor Y": the presidents
        # are the principals being represented, not the chairs
        found = [f for f in found if f[2].title not in _PRINCIPALS]
    return [ch for _, _, ch in found] if c["cue"].search(sentence) else []


def _side(before: str, default: str) -> str | None:
    if re.search(r"美国|U\.?S\.?|American", before):
        return "US"
    if re.search(r"中国|中方|China|Chinese", before):
        return "CN"
    return default or None


# -- dateline and publication -----------------------------------------------------

@cache
def _dateline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = rules.load("layout")["dateline"]
    return re.compile(d["cn"]), re.compile(d["en"])


@cache
def _place_date_en() -> re.Pattern[str]:
    return re.compile(rules.load("layout")["dateline"]["en_place_date"], re.MULTILINE)


def _day_iso(text: str) -> str | None:
    """The ISO day ``text`` opens with, if it is a whole day."""
    days = find_dates(text)
    return days[0].first.isoformat() if days and days[0].granularity == "day" else None


def find_dateline(view: TextView, year: int | None,
                  removed: list[tuple[str, Span]] = ()) -> Dateline | None:
    """A news-agency dateline, in the text or on a line the cleaner took out of it."""
    cn, en = _dateline_patterns()
    text = view.norm.text
    # a dateline opens or closes a story; searching the middle only finds quotations
    m = cn.search(text, 0, DATELINE_WINDOW) or cn.search(text, max(0, len(text) - DATELINE_WINDOW))
    if m:
        return _dateline_cn(m, year, view.show, lambda a, b: view.src(a, b))
    for line, (s, _e) in removed:
        probe = simplified(line)
        m = cn.search(probe)
        if m:
            return _dateline_cn(m, year, lambda a, b, ln=line: ln[a:b],
                                lambda a, b, base=s: (base + a, base + b))
        m = en_dateline_line().fullmatch(line)
        if m:  # WASHINGTON, D.C. — February 1, 2024: a press release's place and date
            iso = _day_iso(line[m.start("month"):m.end("y")])
            return Dateline(agency=None, place=m["place"].strip(" ,").title(), date=iso,
                            span=(s + m.start(), s + m.end()))
    m = _place_date_en().search(text, 0, DATELINE_WINDOW)
    if m:  # Washington, 4/15/2025: the release's place and date on their own line
        iso = None
        if m["words"]:
            iso = _day_iso(m["words"])
        else:
            d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
            iso = d.isoformat() if d else None
        if iso:
            return Dateline(agency=None, place=view.show(m.start("place"), m.end("place")),
                            date=iso, span=view.src(m.start("place"), m.end()))
    m = en.search(text)
    if m:
        return Dateline(agency=m["agency"], place=m["place"].title(), date=None,
                        span=view.src(m.start(), m.end()))
    return None


def _dateline_cn(m: re.Match[str], year: int | None, show, src) -> Dateline:
    iso = None
    if year:
        try:
            iso = date(year, int(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            iso = None
    return Dateline(agency=show(m.start("agency"), m.end("agency")),
                    place=show(m.start("place"), m.end("place")),
                    date=iso, span=src(m.start() + len(m[0]) - len(m[0].lstrip()), m.end()))
