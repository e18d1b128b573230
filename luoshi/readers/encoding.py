"""Decode bytes to text by detection, and repair mojibake left in the decoded text.

Chinese documents arrive as UTF-8, GB2312/GBK/GB18030, Big5 or UTF-16, usually with
no label. Several of these decode *without error* as the wrong encoding (Big5
bytes are nearly always valid GBK), so a strict decode is not enough: every
candidate that decodes is scored by how plausible its characters are as Chinese
text, and the most plausible one wins.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

import charset_normalizer
import ftfy

from luoshi.errors import InputError
from luoshi.model import Defect
from luoshi.readers._common import Input, config
from luoshi.textmap import Edit, MappedText

UNDECODABLE = "cannot decode: not UTF-8/UTF-16/GB18030/Big5 text"

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Codecs that decode the same family of bytes, in the order we decode with them.
# GB2312 and GBK decode a few codes differently from their superset GB18030
# (A1A4 as U+30FB, not U+00B7): GB18030 is the standard mapping, so it decodes
# all GB text. Big5 is decoded as Big5-HKSCS (as browsers do; it has the ETEN
# extensions such as ① at C6A1), then CP950 for Microsoft's own additions.
_GB = ("gb18030",)
_BIG5 = ("big5hkscs", "cp950", "big5")
_FAMILY_OF = {
    "gb2312": _GB,
    "gbk": _GB,
    "gb18030": _GB,
    "big5": _BIG5,
    "cp950": _BIG5,
    "big5hkscs": _BIG5,
}
_CN_ISOLATION = ["gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs", "utf_16"]

# A decoding this implausible is not Chinese (or English) text in any codec we read.
MIN_PLAUSIBILITY = 0.4
# Two candidates closer than this are a tie; the earlier (more specific) one wins.
TIE = 0.02
# Sample size for scoring: enough to judge, cheap on big files.
_SAMPLE = 100_000
# A lenient decode is accepted only if this share of characters or fewer are U+FFFD.
_MAX_REPLACED = 0.002

# ftfy limited to encoding repair: width, quotes, NFC etc. belong to the cleaner and
# would silently change Chinese punctuation (，→ ,) if left on.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


@cache
def _common_hanzi() -> frozenset[str]:
    return frozenset(config()["encoding"]["common_hanzi"])


def _is_cjk_punct(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF65 or ch in "—…·‘’“”"


def _is_hanzi(o: int) -> bool:
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


def plausibility(text: str) -> float:
    """How much ``text`` looks like real Chinese/English text, in [-1, 1].

    Common hanzi and CJK punctuation count for, kana/hangul/Yi/box drawing/
    private use/Latin-1 letters (what wrong decodings produce) count against,
    rare hanzi are neutral. ASCII is ignored: every candidate agrees on it.
    """
    common = _common_hanzi()
    good = bad = neutral = 0
    for ch in text[:_SAMPLE]:
        o = ord(ch)
        if o < 0x80 or ch.isspace():
            continue
        if ch in common or _is_cjk_punct(ch):
            good += 1
        elif _is_hanzi(o):
            neutral += 1
        elif ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cn", "Cc", "Cs"):
            bad += 2
        else:
            bad += 1
    total = good + bad + neutral
    return 1.0 if total == 0 else (good - bad) / total


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _from_bom(data: bytes, where: str) -> Decoded | None:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            payload = data[len(bom) :]
            text = _strict(payload, codec)
            if text is not None:
                return Decoded(text, label)
            return _lenient(payload, [codec], where, label=label)
    return None


def has_wide_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, codec, _ in _BOMS if codec != "utf-8")


def nul_pattern(data: bytes) -> str | None:
    """UTF-16/32 without a BOM: ASCII characters leave NULs at fixed byte positions."""
    sample = data[:8192]
    n = len(sample)
    if n < 4:
        return None
    if n >= 8 and n % 4 == 0:
        lanes = [sample[i::4].count(0) / (n // 4) for i in range(4)]
        if lanes[2] > 0.9 and lanes[3] > 0.9 and lanes[0] < 0.1:
            return "utf-32-le"
        if lanes[0] > 0.9 and lanes[1] > 0.9 and lanes[3] < 0.1:
            return "utf-32-be"
    even = sample[0::2].count(0) / ((n + 1) // 2)
    odd = sample[1::2].count(0) / (n // 2)
    if odd > 0.2 and even < 0.02:
        return "utf-16-le"
    if even > 0.2 and odd < 0.02:
        return "utf-16-be"
    return None


def looks_wide(sample: bytes) -> bool:
    """Is this UTF-16/32 text? Its bytes are full of NULs and control bytes.

    CJK in UTF-16 has few ASCII characters to leave a NUL pattern, and hanzi
    such as 一 (U+4E00) put NULs in the other lane, so decode and judge the
    characters: text has no control characters and plausible hanzi.
    """
    if has_wide_bom(sample):
        return True
    for codec, unit in (("utf-16-le", 2), ("utf-16-be", 2), ("utf-32-le", 4), ("utf-32-be", 4)):
        text = sample[: len(sample) // unit * unit].decode(codec, errors="replace")
        if not text or text.count("\ufffd") > 2:
            continue
        controls = sum(1 for c in text if ord(c) < 0x20 and c not in "\t\n\r\f")
        if controls / len(text) < 0.02 and plausibility(text) >= MIN_PLAUSIBILITY:
            return True
    return False


def _family_decode(data: bytes, codec: str) -> tuple[str, str] | None:
    """Strictly decode with the first codec of ``codec``'s family that works."""
    for name in _FAMILY_OF.get(codec, (codec,)):
        text = _strict(data, name)
        if text is not None:
            return name, text
    return None


def _normalise_codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name).name.replace("_", "-")
    except LookupError:
        return None
    # Python's BOM-less "utf-16" means little-endian; say so
    return "utf-16-le" if codec == "utf-16" else codec


def _charset_normalizer_guesses(data: bytes) -> list[str]:
    """charset-normalizer's ranking, restricted to the codecs we read."""
    logging.getLogger("charset_normalizer").setLevel(logging.ERROR)
    try:
        matches = charset_normalizer.from_bytes(
            data[: _SAMPLE * 2], cp_isolation=_CN_ISOLATION, preemptive_behaviour=False
        )
    except Exception:  # a detector failure is not the user's problem; we still score ourselves
        return []
    names = [_normalise_codec(m.encoding) for m in matches]
    return [n for n in names if n]


def _candidates(data: bytes) -> list[tuple[str, str]]:
    """Every (codec, text) that decodes strictly, charset-normalizer's picks first."""
    order: list[str] = [*_charset_normalizer_guesses(data), "gb18030", "big5hkscs"]
    if len(data) % 2 == 0:
        order += ["utf-16-le", "utf-16-be"]
    seen: set[tuple[str, ...]] = set()
    out: list[tuple[str, str]] = []
    for codec in order:
        family = _FAMILY_OF.get(codec, (codec,))
        if family in seen:
            continue
        seen.add(family)
        got = _family_decode(data, codec)
        if got is not None:
            out.append(got)
    return out


def _best(scored: list[tuple[float, str, str]]) -> tuple[float, str, str]:
    top = max(s for s, _, _ in scored)
    # earliest within the tie band: charset-normalizer's ranking breaks ties
    return next(c for c in scored if c[0] >= top - TIE)


def _lenient(data: bytes, codecs_: list[str], where: str, *, label: str | None = None) -> Decoded:
    """Decode with U+FFFD for bad bytes if only a handful are bad; else refuse."""
    scored: list[tuple[float, str, str]] = []
    for codec in codecs_:
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(1, int(len(text) * _MAX_REPLACED)):
            scored.append((plausibility(text), codec, text))
    if not scored:
        raise InputError(where, UNDECODABLE)
    score, codec, text = _best(scored)
    if score < MIN_PLAUSIBILITY:
        raise InputError(where, UNDECODABLE)
    bad = text.count("\ufffd")
    note = f"{where}: {bad} undecodable byte sequence(s) in {label or codec} replaced with U+FFFD"
    return Decoded(text, label or codec, [note])


def _utf8(data: bytes) -> Decoded | None:
    text = _strict(data, "utf-8")
    return None if text is None else Decoded(text, "utf-8")


def detect(data: bytes, where: str) -> Decoded:
    """Decode ``data`` by BOM, NUL pattern, strict UTF-8, then scored CJK candidates."""
    got = _from_bom(data, where)
    if got is not None:
        return got
    wide = nul_pattern(data)
    if wide is not None:
        text = _strict(data, wide)
        if text is not None:
            return Decoded(text, wide)
    got = _utf8(data)
    if got is not None:
        return got
    scored = [(plausibility(t), c, t) for c, t in _candidates(data)]
    if scored:
        score, codec, text = _best(scored)
        if score >= MIN_PLAUSIBILITY:
            return Decoded(text, codec)
    try:
        return _lenient(data, ["utf-8", "gb18030", "big5hkscs"], where)
    except InputError:
        return _western(data, where)


# An English text with a few accented letters or curly quotes, saved as "ANSI".
_MIN_ASCII_SHARE = 0.9


def _western(data: bytes, where: str) -> Decoded:
    """Windows-1252, only for text that is almost all ASCII and decodes to no
    control characters: the one legacy encoding English documents arrive in.
    Anything else is refused."""
    ascii_share = sum(1 for b in data[: _SAMPLE * 2] if b < 0x80) / min(len(data), _SAMPLE * 2)
    text = _strict(data, "cp1252") if ascii_share >= _MIN_ASCII_SHARE else None
    if text is None or any(unicodedata.category(c) == "Cc" and ord(c) >= 0x80 for c in text):
        raise InputError(where, UNDECODABLE)
    return Decoded(text, "cp1252", [f"{where}: not Chinese or Unicode text; read as Windows-1252"])


# WHATWG decodes these labels with the superset codec; so do we.
_DECLARED_SUPERSET = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
}


def _declared_fits(text: str | None, detected: Decoded | None) -> bool:
    if text is None:
        return False
    if detected is None or text == detected.text:
        return True
    return plausibility(text) >= plausibility(detected.text) - 0.1


def decode(data: bytes, where: str, declared: str | None = None) -> Decoded:
    """Detect, but honour a declared charset (HTTP/<meta>) when it fits the bytes.

    A BOM beats a declaration; a declaration that fails to decode, or decodes
    visibly worse than detection (a page labelled GBK that is really UTF-8), is
    overridden with a warning.
    """
    got = _from_bom(data, where)
    if got is not None or not declared:
        return got or detect(data, where)
    try:
        detected: Decoded | None = detect(data, where)
    except InputError:
        detected = None  # the declaration may still know better than detection
    codec = _normalise_codec(declared)
    if codec is None:
        if detected is None:
            raise InputError(where, UNDECODABLE)
        detected.warnings.append(
            f"{where}: unknown declared charset {declared!r}; read as {detected.encoding}"
        )
        return detected
    codec = _DECLARED_SUPERSET.get(codec, codec)
    text = _strict(data, codec)
    if _declared_fits(text, detected):
        assert text is not None
        return Decoded(text, codec, detected.warnings if detected else [])
    if detected is None:
        raise InputError(where, UNDECODABLE)
    if _FAMILY_OF.get(codec, (codec,)) != _FAMILY_OF.get(detected.encoding, ()):
        detected.warnings.append(
            f"{where}: declared charset {declared} does not fit the content; "
            f"read as {detected.encoding}"
        )
    return detected


def decode_input(inp: Input) -> Decoded:
    """The dispatcher's decoding if it made one (it decodes to sniff), else decode now."""
    return inp.decoded or decode(inp.data, inp.where, inp.charset)


# ---------------------------------------------------------------------------
# repair


_LINE = re.compile(r"[^\n]+")
# Mojibake of UTF-8 (or GBK) read as cp1252/Latin-1 always shows Latin-1 range
# characters (the lead bytes): lines without one need no ftfy call, which keeps
# the repair pass fast on large clean files.
_SUSPECT = re.compile("[\u0080-\u00ff]")


def _regions(old: str, new: str) -> list[tuple[int, int, str]]:
    """Where ``new`` differs from ``old``: (start, end, replacement) in ``old``.

    Regions separated by fewer than 2 equal characters are merged: a mojibake
    run is one repair, even when a stray byte happens to decode to itself.
    """
    ops = [
        (i1, i2, new[j1:j2])
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        if tag != "equal"
    ]
    merged: list[tuple[int, int, str]] = []
    for i1, i2, rep in ops:
        if merged and i1 - merged[-1][1] < 2:
            s, e, r = merged[-1]
            merged[-1] = (s, i2, r + old[e:i1] + rep)
        else:
            merged.append((i1, i2, rep))
    return merged


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _mojibake(body: MappedText) -> tuple[list[Edit], list[Defect]]:
    edits: list[Edit] = []
    defects: list[Defect] = []
    for m in _LINE.finditer(body.text):
        line = m.group()
        if not _SUSPECT.search(line):
            continue
        fixed = ftfy.fix_text(line, _FTFY)
        if fixed == line:
            continue
        for s, e, rep in _regions(line, fixed):
            a, b = m.start() + s, m.start() + e
            edits.append(Edit(a, b, rep))
            detail = f"mojibake repaired: {_clip(line[s:e])!r} -> {_clip(rep)!r}"
            defects.append(Defect("encoding-repair", detail, body.to_root(a, b)))
    return edits, defects


def repair_mojibake(text: str) -> str:
    """``text`` with the mojibake the reader repairs repaired (for a fragment read
    without the reader, as the time benchmark's annotated contexts are)."""
    return "".join(ftfy.fix_text(part, _FTFY) if _SUSPECT.search(part) else part
                   for part in text.splitlines(keepends=True))


_FFFD = re.compile("\ufffd+")


def _replacement_chars(body: MappedText) -> list[Defect]:
    return [
        Defect(
            "encoding-repair",
            f"{len(m.group())} U+FFFD replacement character(s): original text lost, "
            "could not be repaired",
            body.to_root(m.start(), m.end()),
        )
        for m in _FFFD.finditer(body.text)
    ]


def repair(body: MappedText) -> tuple[MappedText, list[Defect]]:
    """Fix mojibake line by line with ftfy as edits on ``body``; report U+FFFD.

    Repairs are edits on the body, never on ``RawDocument.text``: the original
    stays as the user has it and every repair has a span pointing into it.
    """
    edits, defects = _mojibake(body)
    fixed = body.edit(edits) if edits else body
    return fixed, [*defects, *_replacement_chars(fixed)]
