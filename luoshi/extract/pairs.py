"""Which bilateral pair a dialogue name is written with (中美 / 中欧 / "EU-China" …).

The pairs are data (``luoshi/data/dialogue_pairs.toml``). ``"us"`` is China–U.S.,
the only pair the gazetteer's joint mechanisms belong to; any other code means a
name (or a document) of another dialogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from luoshi import rules

__all__ = [
    "US",
    "document_pair",
    "en_pair_before",
    "en_pairs_alt",
    "pair_of",
    "zh_pair_before",
    "zh_pairs_alt",
]

US = "us"
_DASH = r"\s*[-‐‑–—]\s*"
# what may stand between a pair prefix and the end of the name it opens
_ZH_BREAK = re.compile(
    r"[^\u3400-\u9fff]|[的在对将于向是为由等了把被从以也都就并已还和与及、届次轮]"
)
_ZH_WINDOW = 14
_EN_WINDOW = 80
_EN_NAME_TAIL = re.compile(r"(?:\s+(?:(?-i:[A-Z])[\w&.\-]*|and|&|on|of|for))*\s*$", re.I)
_EN_CUE = re.compile(r"china|sino", re.I)  # every English pair form names one of these


@dataclass(frozen=True, slots=True)
class _Pairs:
    zh: dict[str, str]  # 中英 → uk
    zh_re: re.Pattern[str]  # any Chinese form
    en_re: re.Pattern[str]  # any English form, one named group per pair
    en_alt: str
    false_starts: tuple[str, ...]


@cache
def _data() -> _Pairs:
    raw = rules.load("dialogue_pairs")
    zh: dict[str, str] = {}
    groups: list[str] = []
    for code, forms in raw["pairs"].items():
        for f in forms.get("zh", []):
            zh[f] = code
        en = [_DASH.join(re.escape(p) for p in re.split(r"\s*[-‐‑–—]\s*", f))
              for f in forms.get("en", [])]
        if en:
            groups.append(f"(?P<{code}>{'|'.join(en)})")
    en_alt = "|".join(re.sub(r"\(\?P<\w+>", "(?:", g) for g in groups)
    return _Pairs(
        zh=zh,
        zh_re=re.compile("|".join(map(re.escape, sorted(zh, key=len, reverse=True)))),
        en_re=re.compile(r"(?<![\w.-])(?:" + "|".join(groups) + r")(?![\w-])", re.I),
        en_alt=en_alt,
        false_starts=tuple(raw["zh_false_starts"]["words"]),
    )


def zh_pairs_alt() -> str:
    """A regex alternation of the Chinese pair prefixes (for meeting fallbacks)."""
    return _data().zh_re.pattern


def en_pairs_alt() -> str:
    """A regex alternation of the English pair prefixes."""
    return _data().en_alt


def pair_of(name: str | None) -> str | None:
    """The pair a name opens with: 中英经济财金对话 → "uk", "the U.S.-China X" → "us"."""
    if not name:
        return None
    d = _data()
    s = name.strip()
    code = d.zh.get(s[:2])
    if code is not None:
        return None if s.startswith(d.false_starts) else code
    if _EN_CUE.search(s) is None:
        return None
    m = d.en_re.match(s, 4 if s[:4].lower() == "the " else 0)
    return m.lastgroup if m else None


def zh_pair_before(key: str, pos: int) -> str | None:
    """The pair prefix opening the Chinese name that reaches ``pos`` (中欧高级别|战略对话)."""
    d = _data()
    lo = max(0, pos - _ZH_WINDOW)
    if key.find("中", lo, pos) < 0:
        return None  # most names: no pair in reach (every form has 中 in it)
    best: str | None = None
    for m in d.zh_re.finditer(key, lo, pos):
        # the prefix opens this very name: nothing but name characters up to it
        if _ZH_BREAK.search(key, m.end(), pos) is None and not key.startswith(
            d.false_starts, m.start()
        ):
            best = d.zh[m.group()]
    return best


def en_pair_before(text: str, pos: int) -> str | None:
    """The English pair prefix opening the capitalised name reaching ``pos``."""
    lo = max(0, pos - _EN_WINDOW)
    if _EN_CUE.search(text, lo, pos) is None:
        return None
    best: str | None = None
    window = text[lo:pos]
    for m in _data().en_re.finditer(window):
        if _EN_NAME_TAIL.fullmatch(window, m.end()):
            best = m.lastgroup
    return best


def document_pair(mechanism: str | None, title: str | None) -> str | None:
    """The pair of a document's own dialogue: its meeting's mechanism, else its title."""
    code = pair_of(mechanism)
    if code or not title:
        return code
    d = _data()
    zm = d.zh_re.search(title)
    em = d.en_re.search(title) if _EN_CUE.search(title) else None
    if zm and (em is None or zm.start() <= em.start()):
        return d.zh[zm.group()]
    return em.lastgroup if em else None
