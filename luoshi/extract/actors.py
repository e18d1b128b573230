"""Finding actors (agencies, mechanisms, persons, places ...) in Chinese text.

:func:`find_actors` matches every name in the gazetteer at once, in Simplified or
Traditional script, and returns non-overlapping mentions, longest first, with
offsets into the text as given. Beyond plain names it handles:

* middle-dot variants and stray whitespace/line breaks between CJK characters
  (约翰・克里, 美国能源\\n部), by matching on a folded copy of the text that keeps a
  map back to the original offsets;
* side composition: 中国/美国 + name, and bare forms such as 国务院 or 能源部
  (``ambiguous.tsv``) resolved from a side prefix (美方/美), from the agency before
  them in a list (美国贸易发展署、运输部和商务部), from a side cue earlier in the
  clause, or from the form's default side;
* short foreign surnames (克里, 卡特) only next to one of the person's titles, so
  克里米亚 is not John Kerry;
* the role a person held on a given date;
* agency-like spans the gazetteer does not know (美国…局, 中国…委员会, 日本…省,
  美国国务院 + 未知局 as one sub-agency, 太平洋岛国论坛) returned whole as
  ``type="candidate"`` with ``id=None`` instead of being dropped;
* English names of U.S. bodies with "U.S." before them, and mechanism names in lower
  case ("consular consultations").

The matcher is a few compiled trie regexes over all names (no third-party
automaton needed); it is built once per gazetteer and cached.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields

from luoshi import rules
from luoshi.extract.gazetteer import (
    MIDDLE_DOT,
    Entry,
    Gazetteer,
    GazetteerError,
    Role,
    fold,
    load_gazetteer,
)
from luoshi.extract.pairs import US, en_pair_before, pair_of, zh_pair_before, zh_pairs_alt

__all__ = ["ActorMention", "agency_like_spans", "find_actors"]

# Country prefixes composed with agency names (中国 + 国家林业局). The full-form
# prefixes come first so that the longest one is tried first.
COUNTRY_PREFIXES: dict[str, tuple[str, ...]] = {
    "CN": ("中华人民共和国", "中国"),
    "US": ("美利坚合众国", "美国"),
}
# Extra cues that only decide the side of a bare ambiguous form (美方国务院 is odd
# but 美防长 / 美国防部 are common press abbreviations).
SIDE_CUES: dict[str, str] = {
    "中华人民共和国": "CN",
    "中国": "CN",
    "中方": "CN",
    "我国": "CN",
    "美利坚合众国": "US",
    "美国": "US",
    "美方": "US",
}
COUNTRY_PLACES = {"CN": "place.cn", "US": "place.us"}
# Right before a bare form these mean "both sides" (两国国防部): no single agency.
JOINT_CUES = ("两国", "中美", "美中", "双方")
# Right before a ministry's name these mean "of several countries" (东盟各国海关, 各国外交部):
# a common noun, neither side's body; after an international body (东盟国家海关) so does 国家.
PLURAL_CUES = ("各国", "成员国", "他国", "别国", "其他国家", "有关国家", "相关国家", "各方")
_FOREIGN_PLURAL_GAPS = frozenset(("国家", "各国", "成员国", "各成员国", "国家的", "各国的"))
# 卫生部长会议, 交通运输部长级会晤: a meeting of the sector's ministers, not the ministry.
# (部长会见 is the minister meeting someone: the ministry stays)
_MINISTERS_MEETING = re.compile(r"长(?:级|会(?![见谈面])|联席|论坛|对话|磋商|非正式)")
# Between a country or organisation and the next (中国—东盟中心): one name of the pair's body.
_PAIR_DASHES = frozenset(("—", "——", "-", "–", "―", "‐", "－"))

_HAN = "\u3400-\u9fff\uf900-\ufaff"
_CJKISH = _HAN + MIDDLE_DOT
# Whitespace between two CJK characters (or CJK and a digit) is layout, not text:
# line wraps inside names (美国国土安\n全部) and spaced numbers (第 2270 号).
# The pattern starts with the whitespace class rather than a lookbehind so that
# the engine skips to whitespace at C speed instead of testing every position.
_WS = r"[ \t\r\n\u00a0]"
_LAYOUT_WS = re.compile(
    rf"{_WS}(?:(?<=[{_CJKISH}]{_WS}){_WS}*(?=[{_CJKISH}0-9])"
    rf"|(?<=[0-9]{_WS}){_WS}*(?=[{_CJKISH}]))"
)
# Where a clause ends: a side cue beyond it says nothing about the form after it.
_CLAUSE_BREAKS = set('。；;！？!?：:，,\n（）()《》“”"')
_LIST_SEPARATORS = ("以及", "、", "/", "和", "与", "及", "，", ",")
_COUNTERPART_JOINERS = ("与",)  # 甲方机构与乙方机构: the two sides' bodies
_OTHER_SIDE = {"CN": "US", "US": "CN"}
_CONTEXT_WINDOW = 10  # characters searched back for a side cue

# Function words that cannot be part of an agency name; they stop candidate spans
# so that 中国海关总署向美国… or 美国能源部于 2013 年… do not swallow a clause.
# 和/与/及 may join words inside a name (海关与边境保护局) but cannot start one, and
# no name contains another side's name (中国国家原子能机构与美国能源部 is two).
_STOP_CHARS = "的在对将于向同是为由等了把被从以也都就并已还要让使给至或而其该各这那些个自经按届次轮"
# Words that hold a stop character but are common inside names (俄罗斯经济发展部, 自然资源部,
# 英国金融行为监管局, 美国农业部对外农业局, 哈萨克斯坦科学和高等教育部).
_BODY_WORDS = "经济|自然|行为|就业|对外(?!国)|高等|中等"
_BODY = rf"(?:(?!中国|美国|中方|美方|双方|两国)(?:{_BODY_WORDS}|[^\W\d_A-Za-z{_STOP_CHARS}]))"
_BODY_START = r"(?![和与及])"
# Suffixes that make a span agency-like, with the common words they must not
# start (部门, 局势, 签署, 中心地位 ...).
_SUFFIX = (
    r"(?:委员会|办公室|研究院|研究所|协会"
    r"|(?<!数据)中心(?!地位|城市|任务|性)"
    r"|(?<!部)委(?![员托屈])"
    r"|(?<![东西南北中内外全局总上下前后底顶干大])部(?![门分长署队落位件委])"
    r"|(?<![大格布结时当开赌骗])局(?![势面限部长])"
    r"|(?<![签部])署(?![名长]))"
)
# A body named after a country or an agency (美国国家艺术基金会, 俄罗斯联邦中央银行, 日本文部科学省
# …) may also end in an organisation's suffix, and in a country's own (``body_suffixes`` in the
# places table: Japan's 省/厅); 大厅/餐厅 are rooms. The longest such name is taken: 文部 +
# 科学省 is one ministry, but not across 和/与/及 after a complete name (经济发展部和能源部).
_ORG_SUFFIX = r"(?:基金会|银行|联合会)"
_MAX_BODY = 16  # characters after the country or agency


# A department of a known body (商务部欧洲司, 非盟委员会贸易和工业司, 国务院…事务处, 海关总署…
# 监管部门) is one candidate sub-unit; not 公司/司法/司长, 之处/处理/处长, 有关部门 ...
_UNIT_SUFFIX = (
    r"(?<![公上])司(?![法机令长])"
    r"|(?<![之好到出此各一两等难相用益长短])处(?![理于在置罚分境长])"
    r"|(?<!相关|有关|主管|职能|其他|其它|监管|执法|政府|业务|对口|各个)部门"
)


def _body_patterns(
    extra: tuple[str, ...] = (), least: int = 1, units: bool = False
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    own = "".join(f"|(?<![大餐客展门舞歌])(?:{re.escape(x)})" for x in extra)
    if units:
        own += f"|{_UNIT_SUFFIX}"
    suffix = f"(?:{_SUFFIX}|{_ORG_SUFFIX}{own})"
    first = re.compile(rf"{_BODY_START}{_BODY}{{{least},14}}?{suffix}")
    # ... and a body's secretariat right after its name (…联合会 + 秘书处) is one name
    more = re.compile(rf"(?![和与及])(?:秘书处|{_BODY}{{0,13}}?{suffix})")
    return first, more


_ORG_BODY = _body_patterns()
# After a known CN/US agency: also its departments (商务部 + 欧洲司).
_AGENCY_BODY = _body_patterns(units=True)
# After an international organisation (东盟, 联合国): also its organs, right after its
# name too (东盟秘书处, 中国—东盟中心), and their departments.
_INTL_SUFFIXES = ("秘书处", "理事会", "组织", "特派团", "稳定团", "计划署")
_INTL_BODY = _body_patterns(_INTL_SUFFIXES, least=0, units=True)
# After an organ of one (非盟委员会, 东盟秘书处): only a department (贸易和工业司, 联络办公室).
_UNIT_ONLY = rf"(?:办公室|(?<![大格布结时当开赌骗])局(?![势面限部长])|{_UNIT_SUFFIX})"
_UNIT_BODY = (
    re.compile(rf"{_BODY_START}{_BODY}{{1,14}}?{_UNIT_ONLY}"),
    re.compile(rf"(?![和与及]){_BODY}{{0,13}}?{_UNIT_ONLY}"),
)
# 国际 + name + suffix (国际海事组织): an international body the gazetteer may not know;
# not a kind of organisation (国际恐怖组织, 国际非政府组织, 国际和地区组织).
_INTL_SPAN_RE = re.compile(
    r"国际(?!组织|合作|社会|社区|金融|恐怖|犯罪|政府|非政府|区域|地区|相关|有关|多边|民间|专业"
    rf"|和|与|及|性){_BODY}{{1,10}}?"
    r"(?:组织|联盟|秘书处|理事会|委员会|协会|基金会|(?<![签部合])署(?![名长]))"
)
# A place right before an organisation's name: 太平洋岛国论坛, 北京论坛 (上海合作组织 is listed).
# A local government: a known city or province + 政府 (浙江省人民政府, 罗兹市政府), or a country
# + an unknown city's or province's name + 政府 (波兰某某市政府); not 政府间, 政府采购 ...
_GOV_TAIL = r"(?:人民)?政府(?!间|采购|债|工作报告|补贴|和社会资本|与社会资本)"
_LOCAL_GOV_RE = re.compile(rf"(?:市|省|州|县)?{_GOV_TAIL}")
_LOCAL_CH = rf"[^\W\d_A-Za-z{_STOP_CHARS}与和及、省市州县区]"
_COUNTRY_LOCAL_GOV_RE = re.compile(rf"{_LOCAL_CH}{{1,8}}?(?:省|市|州|县){_GOV_TAIL}")
_PLACE_ORG_RE = re.compile(r"(?:经济合作|合作)?(?:组织|论坛|联盟|理事会)")
_AGENCY_SPAN_RE = re.compile(
    rf"(中华人民共和国|美利坚合众国|中国|美国)({_BODY_START}{_BODY}{{1,14}}?{_SUFFIX})"
)
# UN organs and instruments: 联合国南苏丹特派团, 联合国安理会第2270号决议 ...
_UN_SPAN_RE = re.compile(
    rf"联合国{_BODY_START}{_BODY}{{0,14}}?"
    r"(?:安理会|安全理事会|大会|特派团|稳定团|咨询团|组织|计划署|基金会|基金|委员会|理事会|秘书处"
    r"|协调厅|公约|宪章|决议)"
)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor found in a text. ``start``/``end`` index the text as given."""

    text: str  # the span as written (original script, dots and line breaks kept)
    start: int
    end: int
    id: str | None  # gazetteer id; None for candidates
    name: str  # canonical Chinese name (Simplified); the folded span for candidates
    name_en: str | None
    side: str | None  # CN | US | joint | international | other
    type: str  # a gazetteer type, or "candidate"
    name_hant: str | None = None
    parent: str | None = None  # gazetteer parent; for candidates, the agency before it
    role: Role | None = None  # persons: the role held on the date asked for
    # how it was found: name | en | prefix | short | number | context | default | candidate
    via: str = "name"

    @property
    def title(self) -> str | None:
        return self.role.title if self.role else None

    @property
    def title_en(self) -> str | None:
        return self.role.title_en if self.role else None

    @property
    def org(self) -> str | None:
        return self.role.org if self.role else None


def _mention_factory() -> Callable[..., ActorMention]:
    """``ActorMention(*all_fields)`` in half the time.

    A frozen dataclass's __init__ sets each field through object.__setattr__,
    which made building the mentions cost more than finding them. This sets the
    slots directly; that is equivalent because ActorMention has no __post_init__
    (a test compares the two).
    """
    names = tuple(f.name for f in fields(ActorMention))
    if hasattr(ActorMention, "__post_init__") or names != (
        "text", "start", "end", "id", "name", "name_en", "side", "type",
        "name_hant", "parent", "role", "via",
    ):  # fmt: skip
        raise TypeError("ActorMention changed: update _mention_factory")
    new = object.__new__
    (
        set_text, set_start, set_end, set_id, set_name, set_name_en, set_side, set_type,
        set_name_hant, set_parent, set_role, set_via,
    ) = (getattr(ActorMention, name).__set__ for name in names)  # fmt: skip

    def mention(
        text: str, start: int, end: int, id_: str | None, name: str, name_en: str | None,
        side: str | None, type_: str, name_hant: str | None, parent: str | None,
        role: Role | None, via: str,
    ) -> ActorMention:  # fmt: skip
        m = new(ActorMention)
        set_text(m, text)
        set_start(m, start)
        set_end(m, end)
        set_id(m, id_)
        set_name(m, name)
        set_name_en(m, name_en)
        set_side(m, side)
        set_type(m, type_)
        set_name_hant(m, name_hant)
        set_parent(m, parent)
        set_role(m, role)
        set_via(m, via)
        return m

    return mention


_mention = _mention_factory()


# --------------------------------------------------------------------------- folding


@dataclass(frozen=True, slots=True)
class _Keyed:
    """The folded text used for matching, and the way back to original offsets."""

    key: str
    seg_key: tuple[int, ...]  # key offset where each kept segment starts
    seg_orig: tuple[int, ...]  # original offset of the same segment

    def orig(self, k: int) -> int:
        i = bisect.bisect_right(self.seg_key, k) - 1
        return self.seg_orig[i] + (k - self.seg_key[i])

    def span(self, s: int, e: int) -> tuple[int, int]:
        if len(self.seg_key) == 1:  # nothing was removed (most items)
            return s, e
        return self.orig(s), self.orig(e - 1) + 1


# A single line break inside English text is a wrapped line ("The National Energy\n
# Administration"): read as the space it replaced (one character for one: offsets hold).
_LATIN_WRAP = re.compile(r"(?<=[A-Za-z,;:'’)])\n(?=[A-Za-z(])")


def _keyed(text: str) -> _Keyed:
    folded = fold(text)
    if "\n" in folded:
        folded = _LATIN_WRAP.sub(" ", folded)
    if _LAYOUT_WS.search(folded) is None:  # most items: nothing to remove
        return _Keyed(folded, (0,), (0,))
    parts: list[str] = []
    seg_key, seg_orig = [0], [0]
    pos = klen = 0
    for m in _LAYOUT_WS.finditer(folded):
        parts.append(folded[pos : m.start()])
        klen += m.start() - pos
        pos = m.end()
        seg_key.append(klen)
        seg_orig.append(pos)
    parts.append(folded[pos:])
    return _Keyed("".join(parts), tuple(seg_key), tuple(seg_orig))


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# --------------------------------------------------------------------------- matcher


@dataclass(frozen=True, slots=True)
class _Target:
    kind: str  # "entry" | "amb" (an ambiguous bare form, resolved later)
    ref: str  # entry id, or the folded ambiguous form
    via: str  # name | en | prefix | short | number


_VIA_RANK = {"name": 0, "en": 1, "short": 2, "prefix": 3, "number": 4}
# Resolutions are cited by bare number inside lists (第1696、1737……和1929号决议); an
# English alias "UNSCR 1737" licenses the number, but only when a 号 closes the list.
_NUMBER_ALIAS = re.compile(r"^(?:UNSCR|UNGA) (\d+(?:/\d+)?)$")
_NUMBER_LIST_TAIL = re.compile(r"(?:\s*[、，,和及与]\s*第?\d+(?:/\d+)?)*\s*号")


# A name found in the key: start and end (key offsets) and what it names.
_Hit = tuple[int, int, _Target]
# The names are matched by several tries, each for a slice of the first
# characters: sre tries a branch's alternatives one by one, and where no name
# starts (most places) it tries every one, so small tries are much cheaper.
_TRIE_SLICES = 4


def _trie_regex(keys: list[str]) -> str:
    """A regex matching exactly ``keys``, longest alternative first at each start.

    A trie keeps one branch per distinct next character, so the engine never
    retries a shared prefix; optional tails are greedy, so the longest key wins.
    """
    trie: dict[str, dict] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


class _Matcher:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.targets: dict[str, _Target] = {}
        self._origin: dict[str, str] = {}  # key -> where it came from, for errors
        self.ambiguous = {fold(a.form): a for a in gaz.ambiguous}
        for a in gaz.ambiguous:
            self.ambiguous[fold(a.form_hant)] = a
        self.guard_titles: dict[str, tuple[str, ...]] = {}
        for entry in gaz:
            self._add_entry(entry)
        for entry in gaz:
            if entry.type in ("mechanism", "event-series"):
                for key in _lower_case_forms(entry.en_names):
                    # never over an explicit name of another entry
                    self.targets.setdefault(key, _Target("entry", entry.id, "en"))
                    self._origin.setdefault(key, str(entry.source))
        for key, amb in self.ambiguous.items():
            self._add(key, _Target("amb", fold(amb.form), "name"), str(amb.source))
            for side, target in amb.targets.items():
                for prefix in COUNTRY_PREFIXES[side]:
                    self._add(prefix + key, _Target("entry", target, "prefix"), str(amb.source))
        firsts = sorted({key[0] for key in self.targets})
        slices = [set(firsts[i::_TRIE_SLICES]) for i in range(_TRIE_SLICES)]
        self.regexes = tuple(
            re.compile(_trie_regex(sorted(k for k in self.targets if k[0] in chars)))
            for chars in slices
            if chars
        )
        self._entries = gaz.entries
        # Entries an unknown agency-like tail may follow (see _emit): the country
        # itself (美国 + 未知局) and CN/US agencies (美国国土安全部 + 未知局).
        self._tails: dict[str, str] = {}
        for side, place in COUNTRY_PLACES.items():
            if place in self._entries and self._entries[place].side == side:
                self._tails[place] = "country"
        for entry in gaz:
            if entry.side in ("CN", "US") and entry.type in ("agency", "sub-agency"):
                self._tails.setdefault(entry.id, "agency")
            elif (entry.type == "place" and entry.side == "other") or entry.type == "intl-org":
                # a third country or an international body: 英国 + 外交部 is the UK's
                # ministry (never China's), 法国 + 未知部 a candidate of that country
                self._tails.setdefault(entry.id, "foreign")
            elif entry.type == "place":
                self._tails.setdefault(entry.id, "place")  # 北京 + 论坛
        # Countries whose bodies' names have endings of their own (Japan: 省, 厅), and
        # international organisations, whose organs end in 秘书处, 理事会 ...
        self._bodies: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
            e.id: _body_patterns(tuple(dict.fromkeys(fold(x) for x in e.body_suffixes)))
            for e in gaz
            if e.body_suffixes
        }
        for e in gaz:
            if e.type == "intl-org":
                self._bodies.setdefault(e.id, _UNIT_BODY if e.parent else _INTL_BODY)
            elif e.id in self._tails and self._tails[e.id] == "agency":
                self._bodies.setdefault(e.id, _AGENCY_BODY)
        # A bare one-word English alias of a third country's body that ends other countries'
        # body names ("Treasury": HM Treasury, the U.S. "Department of the Treasury", the
        # "Australian Treasury"): the document's pair says whose it is (see _pair_twin).
        # alias owner id -> folded alias -> country id -> entry id
        self._twins: dict[str, dict[str, dict[str, str]]] = {}
        for e in gaz:
            if e.side != "other" or e.type not in ("agency", "sub-agency"):
                continue
            for alias in e.en_names:
                if " " in alias or not alias.isalpha():
                    continue
                by_country: dict[str, set[str]] = {}
                for o in gaz:
                    if o.side not in ("US", "other") or o.type not in ("agency", "sub-agency"):
                        continue
                    if o.id == e.id or any(n.endswith(" " + alias) for n in o.en_names):
                        country = self._country_of(o.id)
                        if country is not None:
                            by_country.setdefault(country, set()).add(o.id)
                twins = {c: ids.pop() for c, ids in by_country.items() if len(ids) == 1}
                if len(twins) > 1:
                    self._twins.setdefault(e.id, {})[fold(alias)] = twins
        self._pair_countries: dict[str, str | None] = {}
        # English names of third countries' bodies that only their country makes unique
        # ("Ministry of Trade and Industry (Singapore)"): found after that country's
        # possessive ("Singapore's Ministry of Trade and Industry"), see
        # _add_en_body_candidates. (country id, folded name without the qualifier) -> id
        self._by_country: dict[tuple[str, str], str | None] = {}
        for e in gaz:
            if e.side != "other" or e.type not in ("agency", "sub-agency"):
                continue
            country = self._country_of(e.id)
            if country is None:
                continue
            for n in e.en_names:
                k = (country, fold(_EN_QUALIFIER.sub("", n)))
                self._by_country[k] = None if self._by_country.get(k, e.id) != e.id else e.id
        # China–U.S. mechanisms: never the name of another pair's dialogue (see pairs.py)
        self._joint = frozenset(
            e.id for e in gaz if e.side == "joint" and e.type in ("mechanism", "event-series")
        )
        # A document named after its issuing body (联合国安理会 + 第2178号决议, UN Security
        # Council + Resolution 2178): the body's name is an actor too. Folded document name
        # -> (length of the body's name in it, the body's id).
        self._issuer: dict[str, tuple[int, str]] = {}
        for k, t in self.targets.items():
            if t.kind != "entry" or t.via not in ("name", "en"):
                continue
            doc = self._entries[t.ref]
            if doc.type not in ("document", "treaty") or not doc.parent:
                continue
            for n in range(len(k) - 1, 1, -1):
                body = self.targets.get(k[:n])
                if body is None or body.kind != "entry" or body.ref != doc.parent:
                    continue
                if k[:n].isascii() and k[n] != " ":
                    continue  # an English name ends at a word boundary
                if k[n:].strip():
                    self._issuer[k] = (n, doc.parent)
                break
        # Names whose every occurrence is admissible need no look at the context.
        self.free = {k: t for k, t in self.targets.items() if not _needs_context(k, t)}
        self._titles_folded = {
            title: fold(title)
            for roles in gaz.roles.values()
            for role in roles
            for title in role.titles
        }

    # -- building

    def _add(self, key: str, target: _Target, origin: str) -> None:
        if len(key) < 2:
            return
        prev = self.targets.get(key)
        if prev is None or prev == target:
            self.targets[key], self._origin[key] = target, origin
            return
        if (prev.kind, prev.ref) == (target.kind, target.ref):
            if _VIA_RANK[target.via] < _VIA_RANK[prev.via]:
                self.targets[key], self._origin[key] = target, origin
            return
        # A generated form (中国 + X) never overrides an explicit name.
        if target.via == "prefix" and prev.via != "prefix":
            return
        if prev.via == "prefix" and target.via != "prefix":
            self.targets[key], self._origin[key] = target, origin
            return
        path, _, line = origin.rpartition(":")
        raise GazetteerError(
            path or origin,
            int(line) if line.isdigit() else 0,
            f"form {key!r} would name both {prev.ref} ({self._origin[key]}) and {target.ref}",
        )

    def _add_entry(self, entry: Entry) -> None:
        origin = str(entry.source)
        names = [fold(n) for n in entry.zh_names]
        for key in names:
            self._add(key, _Target("entry", entry.id, "name"), origin)
            if entry.type == "person" and MIDDLE_DOT in key:
                # 约翰克里 / 约翰 克里 (the space is dropped by _keyed)
                self._add(key.replace(MIDDLE_DOT, ""), _Target("entry", entry.id, "name"), origin)
        for name in entry.en_names:
            self._add(fold(name), _Target("entry", entry.id, "en"), origin)
            number = _NUMBER_ALIAS.match(name)
            if number:
                self._add(number.group(1), _Target("entry", entry.id, "number"), origin)
            if (
                entry.side == "US"
                and entry.type in ("agency", "sub-agency", "organisation")
                and not name.startswith(("U.S.", "US ", "United States", "The "))
            ):
                # "U.S. Drug Enforcement Administration", as "U.S. Department of State" is
                # written; "China's" stays outside a name (a possessive, not part of it)
                for prefix in _EN_US_PREFIXES:
                    self._add(fold(prefix + name), _Target("entry", entry.id, "prefix"), origin)
        if entry.type in ("agency", "sub-agency", "organisation") and entry.side in (
            "CN",
            "US",
        ):
            prefixes = COUNTRY_PREFIXES[entry.side]
            for key in names:
                if not key.startswith(prefixes) and not key.startswith(("中美", "美中")):
                    for prefix in prefixes:
                        self._add(prefix + key, _Target("entry", entry.id, "prefix"), origin)
        if entry.type in ("mechanism", "event-series", "document", "organisation"):
            # English names of the pair's bodies: "U.S.-China", "US–China", "China-U.S." …
            # (when the name without the pair is no alias of its own, which is found
            # after the pair as it stands: "U.S.-China" + "Law Enforcement … Dialogue")
            for name in entry.en_names:
                rest = _en_pair_rest(name)
                if rest is None or rest in entry.en_names:
                    continue
                for variant in _en_pair_variants(rest):
                    self._add(fold(variant), _Target("entry", entry.id, "prefix"), origin)
                # a long name is also written without its pair ("the seventh Dialogue on
                # the Law of the Sea and Polar Issues"); a short one ("Consular
                # Consultations") only where the gazetteer lists it
                if len(rest.split()) >= _EN_BARE_MIN_WORDS:
                    self._add(fold(rest), _Target("entry", entry.id, "prefix"), origin)
            # mechanisms are written 中美… in Chinese sources and 美中… in U.S. ones
            for key in names:
                if key.startswith("中美"):
                    self._add("美中" + key[2:], _Target("entry", entry.id, "prefix"), origin)
        if entry.type == "person":
            for name in (*entry.zh_short, *entry.zh_hant_short):
                self._add(fold(name), _Target("entry", entry.id, "short"), origin)
            titles: set[str] = set()
            for role in self.gaz.roles.get(entry.id, ()):
                for title in role.titles:
                    t = fold(title)
                    # 部长 in 卡特部长 is the tail of 国防部长
                    titles.update(t[i:] for i in range(len(t) - 1))
            self.guard_titles[entry.id] = tuple(sorted(titles, key=len, reverse=True))

    # -- matching

    def _scan(self, key: str, lo: int, hi: int) -> list[_Hit]:
        """The longest name starting at each offset of ``key[lo:hi]``, if admissible.

        Unordered (each trie adds its own); callers sort."""
        hits: list[_Hit] = []
        free, targets = self.free, self.targets
        for regex in self.regexes:
            search = regex.search
            pos = lo
            while (m := search(key, pos, hi)) is not None:
                s, e = m.span()
                pos = s + 1
                name = m.group()
                target = free.get(name)
                if target is not None:
                    hits.append((s, e, target))
                elif self._admissible(key, s, e, targets[name]):
                    hits.append((s, e, targets[name]))
        return hits

    def _admissible(self, key: str, s: int, e: int, target: _Target) -> bool:
        # (_needs_context lists the names these tests can reject: keep in step)
        # Latin names must stand alone: "CBP" but not "CBPX" or "ACBP".
        if _is_ascii_alnum(key[s]) and s > 0 and _is_ascii_alnum(key[s - 1]):
            return False
        if _is_ascii_alnum(key[e - 1]) and e < len(key) and _is_ascii_alnum(key[e]):
            return False
        # 国防部门 / 有关部门: "departments", not the ministry.
        if key[e - 1] == "部" and e < len(key) and key[e] == "门":
            return False
        if key[e - 1] == "部" and _MINISTERS_MEETING.match(key, e):
            return False
        # 日本银行业 / 银行间: the banking trade, not the Bank of Japan
        if key[e - 1] == "行" and e < len(key) and key[e] in _BANK_TRADE:
            return False
        # 其中 ("among which") is too common to let 其中东部 or 其中国内 yield 中东 / 中国.
        if key[s] == "中" and s > 0 and key[s - 1] == "其":
            return False
        if target.via == "number":
            return _NUMBER_LIST_TAIL.match(key, e) is not None
        if target.via == "short":
            titles = self.guard_titles.get(target.ref, ())
            return any(key.endswith(t, 0, s) or key.startswith(t, e) for t in titles)
        return True

    def _select(self, key: str, hits: list[_Hit], occ: bytearray) -> list[_Hit]:
        """Longest first, then leftmost; never overlapping what is taken."""
        chosen: list[_Hit] = []
        rejected: list[_Hit] = []
        hits.sort(key=_longest_first)
        for hit in hits:
            s, e, _ = hit
            if occ.find(1, s, e) == -1:
                occ[s:e] = b"\x01" * (e - s)
                chosen.append(hit)
            else:
                rejected.append(hit)
        # A longer name that lost to an even longer overlapping one may leave a gap
        # where a shorter name fits (the scan only kept the longest per start).
        for gs, ge in _free_runs_touching(occ, rejected):
            more = self._scan(key, gs, ge)
            if more:
                chosen.extend(self._select(key, more, occ))
        return chosen

    def find(
        self, text: str, on: dt.date | None, dialogue: str | None = None
    ) -> list[ActorMention]:
        if isinstance(on, dt.datetime):
            on = on.date()
        keyed = _keyed(text)
        key = keyed.key
        hits = self._scan(key, 0, len(key))
        en_heads = any(w in key for w in _EN_ANY_HEADS) or (
            " of " in key and any(w in key for w in _EN_LOCAL_UNITS))
        committee = "委员会" in key
        if (
            not hits
            and not en_heads
            and not committee
            and "国际" not in key
            and "国家" not in key
            and "Chin" not in key
        ):
            return []
        chosen = sorted(self._select(key, hits, bytearray(len(key))), key=lambda h: h[0])

        resolved: list[tuple[int, int, str, str, str | None]] = []  # s, e, id, via, parent
        for hit in chosen:
            s, e, t = hit
            if t.kind == "entry":
                if self._tails.get(t.ref) == "agency" and (
                    self._after_foreign(resolved, s, key) or key.endswith(PLURAL_CUES, 0, s)
                ):
                    continue  # 英国财政部 / 各国外交部: not the Chinese ministry
                if t.via == "en" and resolved and key.startswith(("'s ", "’s "), resolved[-1][1]):
                    prev = resolved[-1]
                    if prev[1] + 3 == s and self._tails.get(prev[2]) == "foreign" and (
                        self._tails.get(t.ref) == "agency"
                    ):
                        # "Japan's Ministry of Finance": Japan's, never China's
                        known = self._by_country.get((prev[2], key[s:e]))
                        if known is not None:
                            resolved.append((s, e, known, "en", None))
                        else:
                            resolved.append((s, e, None, "candidate", prev[2]))  # type: ignore[arg-type]
                        continue
                if t.via == "en" and dialogue is not None and t.ref in self._twins:
                    twin = self._pair_twin(key[s:e], t.ref, dialogue)
                    if twin is not None:
                        # "the Treasury" in a China–U.S. text is the U.S. one, in a
                        # China–Australia text Australia's; a partner without one listed:
                        # a candidate of that country
                        eid, country = twin
                        if eid is None:
                            resolved.append((s, e, None, "candidate", country))  # type: ignore[arg-type]
                        elif eid != t.ref:
                            resolved.append((s, e, eid, "context", None))
                        else:
                            resolved.append((s, e, eid, t.via, None))
                        continue
                if t.ref in self._joint:
                    other = self._other_dialogue(key, s, e, dialogue)
                    if other is not None:  # another dialogue's: a candidate, no China–U.S. id
                        if key.endswith(_DOC_ENDINGS, other, e):
                            continue  # 中英双边投资协定: another pair's agreement, not a body
                        resolved.append((other, e, None, "candidate", None))  # type: ignore[arg-type]
                        continue
                issuer = self._issuer.get(key[s:e]) if self._issuer else None
                if issuer is not None and (s > 0 or e < len(key)):
                    # 联合国安理会 | 第2178号决议: the body and its document (a title looked
                    # up alone stays whole: facts.gazetteer_id)
                    n, body = issuer
                    ds = s + n
                    while key[ds] == " ":
                        ds += 1
                    resolved.append((s, s + n, body, "name", None))
                    resolved.append((ds, e, t.ref, t.via, None))
                    continue
                resolved.append((s, e, t.ref, t.via, None))
                continue
            got = self._resolve_ambiguous(key, hit, resolved)
            if got is not None:
                resolved.append(got)
        if " of " in key and ("China" in key or "PRC" in key):
            self._absorb_of_china(key, resolved)
        if "国际" in key:
            _add_intl_candidates(key, resolved)
        if "国家" in key:
            _add_state_candidates(key, resolved)
        if "Chin" in key:
            _add_en_cn_candidates(key, resolved)
        if committee:
            _add_pair_committee_candidates(key, resolved)
        if en_heads:
            self._add_en_body_candidates(key, resolved)
        resolved.sort()
        return self._emit(text, keyed, resolved, on)

    def _country_of(self, entry_id: str) -> str | None:
        """The country (or the EU) a body belongs to: its nearest place or international
        parent; a U.S. body without one is the United States'."""
        cur: str | None = entry_id
        seen = 0
        while cur is not None and seen < 8:
            entry = self._entries[cur]
            if entry.type in ("place", "intl-org") and cur != entry_id:
                return cur
            cur, seen = entry.parent, seen + 1
        return COUNTRY_PLACES["US"] if self._entries[entry_id].side == "US" else None

    def _pair_country(self, dialogue: str) -> str | None:
        """The partner of China in pair ``dialogue`` (dialogue_pairs.toml): the place or
        international body its English forms name besides China ("UK-China" → place.uk)."""
        if dialogue not in self._pair_countries:
            found = None
            forms = rules.load("dialogue_pairs")["pairs"].get(dialogue, {}).get("en", [])
            for form in forms:
                for part in re.split(r"\s*[-‐‑–—]\s*", form):
                    if re.fullmatch(r"(?i)china|sino|chinese", part):
                        continue
                    t = self.targets.get(fold(part))
                    if t is not None and t.kind == "entry" and self._entries[t.ref].type in (
                        "place", "intl-org"
                    ):
                        found = t.ref
                        break
                if found:
                    break
            self._pair_countries[dialogue] = found
        return self._pair_countries[dialogue]

    def _pair_twin(self, form: str, owner: str, dialogue: str) -> tuple[str | None, str] | None:
        """(entry, country) a bare shared English alias names in a document of pair
        ``dialogue``: the partner's body, or None (a candidate of the partner) when it has
        none listed; None when the pair's partner is unknown."""
        twins = self._twins[owner].get(form)
        if twins is None:
            return None
        country = self._pair_country(dialogue)
        if country is None:
            return None
        return twins.get(country), country

    def _absorb_of_china(
        self, key: str, resolved: list[tuple[int, int, str, str, str | None]]
    ) -> None:
        """A Chinese body's English name with "of China" (or "of the People's Republic of
        China") written after it is one mention: "Ministry of Education of China"."""
        i = 0
        while i < len(resolved):
            s, e, eid, via, parent = resolved[i]
            i += 1
            if via != "en" or eid is None:
                continue
            entry = self._entries[eid]
            if entry.side != "CN" or entry.type not in ("agency", "sub-agency", "organisation"):
                continue
            m = _EN_OF_CHINA.match(key, e)
            if m is not None:
                resolved[i - 1] = (s, m.end(), eid, via, parent)
                while i < len(resolved) and resolved[i][0] < m.end():
                    del resolved[i]  # the place China inside it

    def _other_dialogue(self, key: str, s: int, e: int, dialogue: str | None) -> int | None:
        """Where the candidate starts when a China–U.S. mechanism name at ``key[s:e]`` is
        another dialogue's: written with another pair (中欧高级别|战略对话, EU-China
        Strategic Dialogue), or bare (领事磋商) in another pair's document."""
        own = pair_of(key[s:e])
        if own == US:
            return None  # 中美领事磋商: the China–U.S. one wherever it is named
        if own is not None:
            return s
        # an English name is preceded by a space or a Latin letter ("EU-China Strategic …")
        latin = s > 0 and key[s - 1].isascii()
        before = en_pair_before(key, s) if latin else zh_pair_before(key, s)
        if before is not None and before != US:
            # the candidate runs from the pair prefix (中欧 / EU-China) to the name's end
            for j in range(s - 1, max(-1, s - 81), -1):
                if pair_of(key[j:e]) == before:
                    return j
            return s
        if before is None and dialogue is not None and dialogue != US:
            return s
        return None

    def _after_foreign(
        self, before: list[tuple[int, int, str, str, str | None]], s: int, key: str = ""
    ) -> bool:
        """Whether a third country or international body ends right at ``s`` (or before
        国家/各国 there: 东盟国家海关)."""
        if not before or self._tails.get(before[-1][2]) != "foreign":
            return False
        e = before[-1][1]
        return e == s or (bool(key) and key[e:s] in _FOREIGN_PLURAL_GAPS)

    # -- ambiguous bare forms

    def _side_of(self, entry_id: str) -> str | None:
        entry = self.gaz.entries[entry_id]
        return entry.side if entry.side in ("CN", "US") else None

    def _resolve_ambiguous(
        self,
        key: str,
        hit: _Hit,
        before: list[tuple[int, int, str, str, str | None]],
    ) -> tuple[int, int, str, str, str | None] | None:
        s, e, _ = hit
        amb = self.ambiguous[hit[2].ref]
        prev = before[-1] if before else None
        free_from = prev[1] if prev else 0
        if self._after_foreign(before, s, key):
            return None  # 英国财政部: neither side's; _emit reports the whole as a candidate
        # 1. a side prefix right before it (美方国务院, 美国防部); 两国/中美 is both sides,
        # 各国 several countries (东盟各国海关).
        if key.endswith(JOINT_CUES, 0, s) or key.endswith(PLURAL_CUES, 0, s):
            return None
        for cue, side in (*SIDE_CUES.items(), ("美", "US")):
            start = s - len(cue)
            if start >= 0 and key.startswith(cue, start):
                if cue == "美" and start > 0 and key[start - 1] == "中":
                    return None
                target = amb.targets.get(side)
                if target is None:
                    return None
                if start >= free_from:
                    return (start, e, target, "prefix", None)
                if prev is not None and prev[0] == start and prev[2] == COUNTRY_PLACES[side]:
                    before.pop()  # absorb the bare country mention into the agency
                    return (start, e, target, "prefix", None)
                return (s, e, target, "context", None)
        # 2. the agency before it in a list: 美国贸易发展署、运输部和商务部
        if prev is not None and prev[2] is not None:
            gap = key[prev[1] : s].strip()
            if gap in _LIST_SEPARATORS:
                entry = self.gaz.entries[prev[2]]
                if entry.type in ("agency", "sub-agency", "organisation"):
                    side = self._side_of(entry.id)
                    if gap in _COUNTERPART_JOINERS and side in _OTHER_SIDE \
                            and _OTHER_SIDE[side] in amb.targets:
                        # 美国贸易代表办公室与商务部: 与 pairs one side's body with the
                        # other's counterpart (a list of one side's bodies takes 、 or 和)
                        return (s, e, amb.targets[_OTHER_SIDE[side]], "context", None)
                    if side and side in amb.targets:
                        return (s, e, amb.targets[side], "context", None)
        # 3. a side cue earlier in the same clause: 美国助理国防部长
        lo = max(0, s - _CONTEXT_WINDOW)
        for k in range(s - 1, lo - 1, -1):
            if key[k] in _CLAUSE_BREAKS:
                lo = k + 1
                break
        best: tuple[int, str] | None = None
        for cue, side in SIDE_CUES.items():
            k = key.rfind(cue, lo, s)
            if k != -1 and (best is None or k > best[0]):
                best = (k, side)
        for ps, pe, pid, _, _ in reversed(before):
            if pe < lo:
                break
            if pid is None:
                continue  # another dialogue's mechanism (a candidate)
            side = self._side_of(pid)
            etype = self.gaz.entries[pid].type
            if (
                side
                and etype in ("agency", "sub-agency", "place")
                and (best is None or ps > best[0])
            ):
                best = (ps, side)
        if best is not None:
            target = amb.targets.get(best[1])
            return (s, e, target, "context", None) if target else None
        # 4. the form's default side (bare 国务院 in a Chinese text is the State Council)
        if amb.default is not None:
            return (s, e, amb.targets[amb.default], "default", None)
        return None  # a common noun here (海关关员): not an actor

    # -- output

    def _emit(
        self,
        text: str,
        keyed: _Keyed,
        resolved: list[tuple[int, int, str, str, str | None]],
        on: dt.date | None,
    ) -> list[ActorMention]:
        key = keyed.key
        spans: list[tuple[int, int, str | None, str, str | None]] = []
        taken = 0  # the end of a candidate that absorbed the mentions after it
        for i, (s, e, eid, via, parent) in enumerate(resolved):
            if s < taken:
                continue
            spans.append((s, e, eid, via, parent))
            tail = self._tails.get(eid)
            if tail is None:
                continue
            nxt = resolved[i + 1][0] if i + 1 < len(resolved) else len(key)
            if tail == "country" and key.startswith(" ", e) and key[s].isascii():
                m = _EN_BODY_RE.match(key, e + 1, nxt)
                if m is not None and eid == COUNTRY_PLACES["US"]:
                    # U.S. + Bureau of Economic Analysis: an unknown U.S. body, whole
                    spans[-1] = (s, m.end(), None, "candidate", None)
                continue
            if e >= len(key) or not _is_cjk(key[e]):
                continue
            gov = self._local_government(key, eid, tail, s, e, nxt)
            if gov is not None:
                # 浙江省 + 政府, 波兰 + 罗兹市政府: a candidate local government, the place's
                start, parent = s, eid
                country = self._entries[eid].parent
                if len(spans) > 1 and spans[-2][1] == s and spans[-2][2] == country:
                    start = spans.pop(-2)[0]  # 波兰 + 罗兹市 + 政府: one name, the city's
                elif self._entries[eid].parent is None and tail == "country":
                    parent = None  # 美国 + 某州政府: the side cue gives the side
                spans[-1] = (start, gov, None, "candidate", parent)
                taken = gov
                continue
            if tail == "foreign":
                # 老挝 + 公共工程与运输部: the third country's body, over the CN/US form
                # inside it; 中国—东盟 + 虚构中心: the pair's body, from the first party
                end = self._foreign_body_end(key, resolved, i)
                if end is None or key[e:end] in _BUSINESS_UNITS:
                    continue
                taken = end
                start = s
                if spans[-1:] and len(spans) > 1:
                    ps, pe, pid, _, _ = spans[-2]
                    if (
                        pid is not None
                        and key[pe:s] in _PAIR_DASHES
                        and self._tails.get(pid) in ("foreign", "country", "place")
                    ):
                        spans.pop()
                        start = ps
                spans[-1] = (start, end, None, "candidate", eid)
                continue
            if e >= nxt:
                continue
            if tail == "place":
                m = _PLACE_ORG_RE.match(key, e, nxt)
                if m:  # 太平洋岛国 + 论坛: an organisation named after the place
                    spans[-1] = (s, m.end(), None, "candidate", None)
                continue
            if tail == "country" and key[s:e] not in SIDE_CUES:
                continue
            end = _body_end(key, e, nxt, self._bodies.get(eid, _ORG_BODY))
            if end is None:
                continue
            if tail == "country":  # 美国 + 未知局: the whole span is the candidate
                if key[e:end] in _BUSINESS_UNITS:
                    continue  # 设立中国业务中心: a company's unit, no body
                spans[-1] = (s, end, None, "candidate", None)
            elif tail == "agency" and self._joint_committee(key, resolved, i, end):
                # 中国科学院与美国能源部 + 执行委员会: the pair's committee, not a body of
                # the second agency alone; the agency stays, the committee is a candidate
                spans.append((e, end, None, "candidate", eid))
            else:
                # 法国 + 外交部: a candidate body of that country (its side); 美国国务院 +
                # 未知局: one candidate sub-agency of it, spanning both (as a known
                # sub-agency's name does: 美国国土安全部海关与边境保护局)
                spans[-1] = (s, end, None, "candidate", eid)
        out: list[ActorMention] = []
        for s, e, eid, via, parent in spans:
            start, end = keyed.span(s, e)
            if eid is None:
                side = self._candidate_side(key, s, parent)
                out.append(
                    ActorMention(
                        text=text[start:end],
                        start=start,
                        end=end,
                        id=None,
                        name=key[s:e],
                        name_en=None,
                        side=side,
                        type="candidate",
                        parent=parent,
                        via="candidate",
                    )
                )
                continue
            entry = self._entries[eid]
            role = None
            if entry.type == "person" and on is not None:
                role = self._role(key, s, e, eid, on)
            # (text, start, end, id, name, name_en, side, type, name_hant,
            # parent, role, via)
            out.append(
                _mention(
                    text[start:end],
                    start,
                    end,
                    eid,
                    entry.zh,
                    entry.en,
                    entry.side,
                    entry.type,
                    entry.zh_hant,
                    entry.parent,
                    role,
                    via,
                )
            )
        return out

    def _local_government(
        self, key: str, eid: str, tail: str, s: int, e: int, nxt: int
    ) -> int | None:
        """End of a local government's name after the place ``eid`` ending at ``e``."""
        if tail not in ("foreign", "place", "country"):
            return None
        entry = self._entries[eid]
        if entry.type != "place":
            return None
        if entry.parent is not None and self._entries[entry.parent].type == "place":
            m = _LOCAL_GOV_RE.match(key, e, nxt)  # a known city or province
        elif entry.parent is None and (tail == "foreign" or key[s:e] in SIDE_CUES):
            m = _COUNTRY_LOCAL_GOV_RE.match(key, e, nxt)  # a country + a city of its own
        else:
            return None
        return m.end() if m is not None else None

    def _foreign_body_end(
        self, key: str, resolved: list[tuple[int, int, str, str, str | None]], i: int
    ) -> int | None:
        """End of the body name after the third country or organisation ``resolved[i]``:
        it may run over CN/US names (老挝公共工程与运输部) but not cut one."""
        e, eid = resolved[i][1], resolved[i][2]
        patterns = self._bodies.get(eid, _ORG_BODY)
        hi = min(len(key), e + _MAX_ENUM_BODY)
        j = i + 1
        # the mentions a name may run over: agencies and ambiguous forms, not places
        # or organisations (泰国交通部和老挝 …: the name stops before 老挝)
        while j < len(resolved) and resolved[j][0] < hi:
            nid = resolved[j][2]
            if nid is None or self._tails.get(nid) != "agency":
                hi = resolved[j][0]
                break
            j += 1
        if e >= hi:
            return None
        end = _enum_body_end(key, e, hi)
        if end is None:
            end = _body_end(key, e, min(hi, e + _MAX_BODY), patterns)
        if end is None:
            return None
        for k in range(i + 1, j):  # never end inside a mention
            if resolved[k][0] < end < resolved[k][1]:
                return None
        return end

    @staticmethod
    def _joint_committee(
        key: str, resolved: list[tuple[int, int, str, str, str | None]], i: int, end: int
    ) -> bool:
        """Whether the committee ending at ``end`` follows a pair of actors (A与B委员会)."""
        if not key.endswith(("委员会", "委"), 0, end) or i == 0:
            return False
        return key[resolved[i - 1][1] : resolved[i][0]].strip() in _LIST_SEPARATORS

    def _add_en_body_candidates(
        self, key: str, resolved: list[tuple[int, int, str, str, str | None]]
    ) -> None:
        """English body names the gazetteer does not know, whoever they belong to
        ("Indonesia's National Research and Innovation Agency", "the Monetary Authority
        of Singapore"): candidates, never dropped. A country written before them
        ("Indonesia's") or inside them ("… of Singapore") is the body's parent, giving
        it that country's side; the country's own mention stays."""
        for m in _EN_ANY_BODY_RE.finditer(key):
            s, e = m.span()
            if e - s <= _EN_HEAD_LONGEST and key[s:e] in _EN_ANY_HEADS:
                continue  # a bare "the Office", "the Commission": a back-reference, no name
            inside = [r for r in resolved if r[0] < e and r[1] > s]
            if any(r[3] != "en" or self._tails.get(r[2]) not in _COUNTRY_TAILS
                   or not (s < r[0] and r[1] <= e) for r in inside) \
                    and not self._of_third_country(key, inside, s, e):
                continue  # a known name (or part of one) is in it: not ours to guess
            parent = next((r[2] for r in inside if self._tails.get(r[2]) in _COUNTRY_TAILS),
                          None)
            before = next((r for r in resolved if r[1] + 3 >= s and r[1] < s), None)
            if before is not None and key[before[1] : s] in _EN_POSSESSIVE:
                tail = self._tails.get(before[2])
                if tail == "country":
                    continue  # "U.S. Widget Agency", "China's …": their own rules, whole
                if tail == "foreign" and parent is None:
                    parent = before[2]
            for r in inside:
                resolved.remove(r)
            known = self._by_country.get((parent, key[s:e])) if parent is not None else None
            if known is not None:  # Singapore's + Ministry of Trade and Industry
                resolved.append((s, e, known, "en", None))
                continue
            resolved.append((s, e, None, "candidate", parent))  # type: ignore[arg-type]

    def _of_third_country(self, key: str, inside: list[tuple[int, int, str, str, str | None]],
                          s: int, e: int) -> bool:
        """"Ministry of Agriculture of Indonesia": a Chinese or U.S. body's English name
        (cn.moa) followed by "of" and a third country is that country's body, whole."""
        last = max(inside, key=lambda r: r[1], default=None)
        if last is None or last[1] != e or self._tails.get(last[2]) != "foreign" \
                or not key.endswith(" of ", 0, last[0]):
            return False
        return all(r is last or (r[3] == "en" and self._tails.get(r[2]) == "agency"
                                 and s <= r[0] and r[1] <= last[0]) for r in inside)

    def _candidate_side(self, key: str, s: int, parent: str | None) -> str | None:
        if parent is not None:
            return self.gaz.entries[parent].side
        if key.startswith(_EN_US_PREFIXES, s) or key.startswith("United States ", s):
            return "US"
        if key.startswith("Chinese ", s) or key.endswith(_EN_CN_POSSESSIVES, 0, s):
            return "CN"
        for cue, side in SIDE_CUES.items():
            if key.startswith(cue, s):
                return side
        return None

    def _role(self, key: str, s: int, e: int, person: str, on: dt.date) -> Role | None:
        roles = self.gaz.roles_on(person, on)
        if len(roles) > 1:
            # several offices at once (国务委员兼外长王毅): prefer the one written next
            # to the name, longest written title first.
            best: tuple[int, Role] | None = None
            for role in roles:
                for title in role.titles:
                    t = self._titles_folded[title]
                    if (key.endswith(t, 0, s) or key.startswith(t, e)) and (
                        best is None or len(t) > best[0]
                    ):
                        best = (len(t), role)
            if best is not None:
                return best[1]
        return roles[0] if roles else None


def _add_intl_candidates(key: str, resolved: list[tuple[int, int, str, str, str | None]]) -> None:
    """国际 + name + 组织/联盟/秘书处 … not covered by a mention: a candidate (国际虚构组织)."""
    for m in _INTL_SPAN_RE.finditer(key):
        s, e = m.span()
        if all(re_ <= s or rs >= e for rs, re_, *_ in resolved):
            resolved.append((s, e, None, "candidate", None))  # type: ignore[arg-type]


# 国家 + name + 局/委员会/署/中心 (国家留学基金管理委员会, 国家虚构局): a Chinese state body
# the gazetteer may not know; not 国家 inside another word (发展中国家, 各国家) nor a
# kind of place (国家和地区, 国家级, 国家间).
_STATE_SPAN_RE = re.compile(
    r"(?<![中各本全该此个两三多他我贵其小大强国外])国家(?!和|与|及|级|间|层面|安全委员会)"
    rf"{_BODY}{{1,10}}?(?:委员会|(?<![大格布结时当开赌骗])局(?![势面限部长])"
    r"|(?<![签部])署(?![名长])|(?<!数据)中心(?!地位|城市|任务|性))"
)


def _add_state_candidates(key: str, resolved: list[tuple[int, int, str, str, str | None]]) -> None:
    """国家 + name + 局/委员会 … not covered by a mention: a candidate (国家虚构局)."""
    for m in _STATE_SPAN_RE.finditer(key):
        s, e = m.span()
        if all(re_ <= s or rs >= e for rs, re_, *_ in resolved):
            resolved.append((s, e, None, "candidate", None))  # type: ignore[arg-type]


def _add_en_cn_candidates(key: str, resolved: list[tuple[int, int, str, str, str | None]]) -> None:
    """English body names after "Chinese"/"China's" not covered by a mention: candidates
    ("Chinese Center for …" whole; "China's" is not part of a name)."""
    for m in _EN_CN_BODY_RE.finditer(key):
        s = m.start() if m.group(1) == "Chinese" else m.start(2)
        e = m.end()
        if all(re_ <= s or rs >= e for rs, re_, *_ in resolved):
            resolved.append((s, e, None, "candidate", None))  # type: ignore[arg-type]


@functools.cache
def _pair_committee_re() -> re.Pattern[str]:
    # 中俄 + 总理定期会晤委员会 (+ 秘书处): a committee of a pair (and its secretariat)
    return re.compile(rf"(?:{zh_pairs_alt()}){_BODY}{{1,14}}?委员会(?:秘书处)?")


def _add_pair_committee_candidates(
    key: str, resolved: list[tuple[int, int, str, str, str | None]]
) -> None:
    """A pair's committee the gazetteer does not know (中俄总理定期会晤委员会秘书处): one
    candidate, its secretariat included; never over a name already found."""
    for m in _pair_committee_re().finditer(key):
        s, e = m.span()
        if all(re_ <= s or rs >= e for rs, re_, *_ in resolved):
            resolved.append((s, e, None, "candidate", None))  # type: ignore[arg-type]


# A third country's body whose name lists its fields with 、 and ends them with 和/与
# (新西兰商业、创新和就业部, 德国联邦环境、自然保护、核安全和消费者保护部) is one name; not a
# list of bodies (英国外交部、财政部和商务部: a part before 、 that ends in a suffix).
_MAX_ENUM_BODY = 24
_ENUM_BODY_RE = re.compile(
    rf"{_BODY_START}((?:{_BODY}{{1,8}}、){{1,4}})({_BODY}{{1,6}}?)[和与]{_BODY}{{1,10}}?{_SUFFIX}"
)
_SUFFIX_END_RE = re.compile(rf"{_SUFFIX}$")


def _enum_body_end(key: str, s: int, hi: int) -> int | None:
    m = _ENUM_BODY_RE.match(key, s, hi)
    if m is None:
        return None
    parts = [*m.group(1).split("、")[:-1], m.group(2)]
    if any(_SUFFIX_END_RE.search(part) for part in parts):
        return None
    return m.end()


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _body_end(
    key: str, s: int, hi: int, patterns: tuple[re.Pattern[str], re.Pattern[str]]
) -> int | None:
    """End of the longest body name starting at ``key[s]`` (see _body_patterns)."""
    first, more = patterns
    m = first.match(key, s, hi)
    if m is None:
        return None
    end = m.end()
    while (x := more.match(key, end, min(hi, s + _MAX_BODY))) is not None and x.end() > end:
        end = x.end()
    return end


# "of China" after a Chinese body's English name is part of it ("Ministry of Education of
# China"); "China's" before one is not.
_EN_OF_CHINA = re.compile(
    r" of (?:the )?(?:People['’]s Republic of China|PRC|China)(?![\w'’-])"
)
# A country written after an English name to tell it from other countries' bodies of
# that name ("Ministry of Defence (United Kingdom)").
_EN_QUALIFIER = re.compile(r" \([^()]*\)$")
# Generic business units of a company (设立中国业务中心): no government body after 中国/美国.
_BUSINESS_UNITS = frozenset(
    ("业务中心", "商业中心", "服务中心", "运营中心", "营运中心", "营销中心", "销售中心",
     "客户中心", "客服中心", "研发中心", "物流中心", "结算中心", "采购中心", "区域中心",
     "地区中心", "展示中心", "体验中心", "分销中心", "配送中心")
)  # fmt: skip
# A bank's name before these is the banking trade (日本银行业, 银行间市场), not the bank.
_BANK_TRADE = frozenset("业界家间")

# English names of mechanisms are also written in lower case ("the next round of consular
# consultations"); only names of two or more plain words ending in a mechanism's head noun,
# so that no acronym ("BIT negotiations") or common phrase ("Energy Star") is lowered.
_EN_US_PREFIXES = ("U.S. ", "US ")
# An English body name after "U.S." that the gazetteer does not know: capitalised words
# around a head noun ("Bureau of Economic Analysis", "Widget Safety Agency"); never a
# possessive or China's words ("… Analysis and China's …", "… and Chinese experts").
_EN_WORD = (
    r"(?!(?:China|Chinese|PRC|Beijing)\b)"
    r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*|[A-Z]{2,})(?![\w'’])"
)
_EN_HEAD = (
    r"(?:Bureau|Office|Agency|Administration|Department|Commission|Service|Board|Institutes?"
    r"|Council|Authority)"
)
_EN_TAIL = rf" (?:of|for|on) (?:the )?{_EN_WORD}(?: (?:and |of |for |on |the )?{_EN_WORD})*"
_EN_BODY_RE = re.compile(
    rf"(?:(?:{_EN_WORD} (?:and )?)+{_EN_HEAD}(?![\w'’])(?:{_EN_TAIL})?|{_EN_HEAD}{_EN_TAIL})"
)
# The same after "Chinese"/"China's", for the heads of China's own English names ("Chinese
# Center for Disease Control and Prevention", "China's National Medical Products
# Administration"); "China's Ministry of …" stays the place and the ministry.
_EN_CN_POSSESSIVES = ("China's ", "China’s ")
_EN_CN_HEAD = r"(?:Administration|Center|Centre|Agency)"
_EN_CN_BODY_RE = re.compile(
    rf"\b(Chinese|China['’]s) ((?:{_EN_WORD} (?:and )?)+{_EN_CN_HEAD}(?![\w'’])(?:{_EN_TAIL})?"
    rf"|{_EN_CN_HEAD}{_EN_TAIL})"
)
# Any English body name (capitalised words around a head noun, with an "of/for …" tail
# that may list "Economy, Trade and Industry"): what no other rule names is a candidate.
_EN_ANY_HEADS = ("Ministry", "Department", "Agency", "Administration", "Authority", "Bureau",
                 "Office", "Commission", "Institute", "Centre", "Center", "Board", "Government",
                 # "Secretariat of Economy of Mexico", "Bank of Mexico", "National Service of …"
                 "Secretariat", "Bank", "Service")
# Words after a body's head that make it part of a larger name (a meeting, a programme)
_EN_NAME_GOES_ON = ("Dialogue", "Forum", "Consultations?", "Talks", "Summit", "Meeting",
                    "Conference", "Working", "Cooperation", "Partnership", "Agreement",
                    "Programme", "Program", "Initiative", "Roundtable", "Workshop")
# A local government named by its unit ("City of Lakeport", "State of Westmark"): only with
# the "of" tail, so that a sight ("the Forbidden City") or a title word is never one.
_EN_LOCAL_UNITS = ("City", "County", "State", "Province", "Prefecture", "Municipality")
_EN_ANY_WORD = (
    r"(?!(?:The|A|An|And|Both|Each|Its|Their|This|That|These|Those|Other|Such|Relevant"
    r"|China|Chinese|PRC|U\.S|US|United)\b)"
    r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*|[A-Z]{2,})(?![\w'’])"
)
_EN_ANY_TAIL_WORDS = rf"{_EN_ANY_WORD}(?: (?:of |for |on |the )?{_EN_ANY_WORD})*"
_EN_ANY_BODY_RE = re.compile(
    rf"(?<![\w'’.-])(?:(?:{_EN_ANY_WORD} (?:and |& )?){{0,6}}"
    rf"(?:{'|'.join(_EN_ANY_HEADS)})(?![\w'’])"
    # "the Central Bank Dialogue": a head inside a meeting's or a programme's name
    rf"(?! (?:{'|'.join(_EN_NAME_GOES_ON)})\b)"
    rf"(?: (?:of|for|on) (?:the )?{_EN_ANY_TAIL_WORDS}"
    rf"(?:(?:, {_EN_ANY_TAIL_WORDS})* (?:and|&) {_EN_ANY_TAIL_WORDS})?)?"
    rf"|(?:{'|'.join(_EN_LOCAL_UNITS)}) of {_EN_ANY_TAIL_WORDS})"
)
_EN_HEAD_LONGEST = max(map(len, _EN_ANY_HEADS))
_EN_POSSESSIVE = ("'s ", "’s ", " ")
_COUNTRY_TAILS = ("country", "foreign")
# Names of documents (another pair's 中英双边投资协定): never a body, nor a candidate.
_DOC_ENDINGS = ("协定", "协议", "条约", "公约", "备忘录", "Treaty", "Agreement", "Convention")
_MECH_HEADS = frozenset(
    ("dialogue", "dialogues", "consultation", "consultations", "talks", "forum", "group",
     "committee", "commission", "meeting", "conference", "mechanism")
)  # fmt: skip
_PLAIN_WORD = re.compile(r"^[A-Z]?[a-z]+(?:-[A-Za-z][a-z]+)*$")


_EN_PAIR = re.compile(r"^(U\.S\.|US|China)\s*[-–—]\s*(U\.S\.|US|China) ")


_EN_BARE_MIN_WORDS = 5


def _en_pair_rest(name: str) -> str | None:
    """A China–U.S. English name without its pair prefix, or None."""
    m = _EN_PAIR.match(name)
    if m is None or "China" not in m.groups() or m.group(1) == m.group(2):
        return None
    return name[m.end() :]


def _en_pair_variants(rest: str) -> list[str]:
    """The spellings of a China–U.S. name's pair prefix before ``rest``, the name without
    it (``_en_pair_rest``): either order, "U.S."/"US", hyphen, en or em dash
    ("U.S.–China Clean Energy Research Center")."""
    return [
        f"{a}{dash}{b} {rest}"
        for us in ("U.S.", "US")
        for a, b in ((us, "China"), ("China", us))
        for dash in ("-", "–", "—")
    ]


def _lower_case_forms(names: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for name in names:
        words = name.split()
        if len(words) < 2 or words[-1].lower() not in _MECH_HEADS:
            continue
        if not all(_PLAIN_WORD.match(w) for w in words):
            continue
        low = name.lower()
        out.extend(k for k in (low, low[0].upper() + low[1:]) if k != name)
    return out


def _longest_first(hit: _Hit) -> tuple[int, int]:
    return hit[0] - hit[1], hit[0]


def _needs_context(key: str, target: _Target) -> bool:
    """Whether a hit on ``key`` must pass :meth:`_Matcher._admissible`, which looks
    at the characters around it; for the other names it always passes."""
    return (
        _is_ascii_alnum(key[0])
        or _is_ascii_alnum(key[-1])
        or key[-1] == "部"
        or key.endswith("银行")
        or key[0] == "中"
        or target.via in ("number", "short")
    )


def _free_runs_touching(occ: bytearray, hits: list[_Hit]) -> list[tuple[int, int]]:
    runs: set[tuple[int, int]] = set()
    n = len(occ)
    for s, e, _ in hits:
        k = occ.find(0, s, e)  # the first free cell under the hit
        if k != -1:
            lo = occ.rfind(1, 0, k) + 1
            hi = occ.find(1, k)
            runs.add((lo, n if hi == -1 else hi))
    return sorted(runs)


@functools.cache
def _matcher(gaz: Gazetteer) -> _Matcher:
    return _Matcher(gaz)


@functools.cache
def _default_matcher() -> _Matcher:
    # load_gazetteer() resolves its directory on every call (file-system
    # lookups that cost more than matching a short item), so the default is
    # looked up once.
    return _matcher(load_gazetteer())


def find_actors(
    text: str,
    *,
    on: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    dialogue: str | None = None,
) -> list[ActorMention]:
    """Actors named in ``text``, in text order, non-overlapping, longest match first.

    ``on`` selects, for persons, the role held on that date (``mention.role``).
    ``gazetteer`` defaults to the packaged data (loaded and compiled once).
    ``dialogue`` is the pair code of the document's own dialogue (``pairs.document_pair``):
    in another pair's document a bare China–U.S. mechanism name is a candidate.
    """
    matcher = _matcher(gazetteer) if gazetteer else _default_matcher()
    return matcher.find(text, on, dialogue)


def agency_like_spans(text: str) -> list[tuple[int, int]]:
    """Spans shaped like an agency name: 中国…部/局/署/委员会/中心/协会, 美国…部/局/署/
    办公室/委员会, 联合国…安理会/特派团/组织/决议 ...

    Used by the coverage check and its test: every such span in the seeds must be
    covered by a resolved mention. Offsets index ``text`` as given.
    """
    keyed = _keyed(text)
    found = {m.span() for m in _AGENCY_SPAN_RE.finditer(keyed.key)}
    found |= {m.span() for m in _UN_SPAN_RE.finditer(keyed.key)}
    return [keyed.span(s, e) for s, e in sorted(found)]
