"""Numerals both ways, and the matching view of a text (NormText)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.extract.numerals import (
    NormText,
    cn_to_int,
    en_to_int,
    int_to_cn,
    int_to_en_ordinal,
    int_to_roman,
    parse_number,
    parse_ordinal,
    roman_to_int,
    to_simplified,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十三", 13),
        ("二十三", 23),
        ("一百零二", 102),
        ("两", 2),
        ("〇", 0),
        ("零", 0),
        ("首", 1),
        ("十", 10),
        ("十一", 11),
        ("一千零五", 1005),
        ("三千零五十", 3050),
        ("两百", 200),
        ("五万", 50_000),
        ("一亿零五万", 100_050_000),
        ("二〇一五", 2015),  # digit string, read positionally
        ("一九九一", 1991),
        ("5400万", 54_000_000),
        ("１４", 14),  # full-width digits
        ("14", 14),
    ],
)
def test_cn_to_int(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十百", "一二三十", "abc", "第十三", "百百"])
def test_cn_to_int_rejects_what_it_cannot_read(text: str) -> None:
    assert cn_to_int(text) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(13, "十三"), (23, "二十三"), (102, "一百零二"), (110, "一百一十"), (1005, "一千零五"),
     (10, "十"), (0, "零"), (20015, "二万零一十五")],
)  # fmt: skip
def test_int_to_cn(value: int, text: str) -> None:
    assert int_to_cn(value) == text


@given(st.integers(min_value=0, max_value=999_999_999))
def test_cn_round_trip(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [("13th", 13), ("thirteenth", 13), ("first", 1), ("second", 2), ("twenty-first", 21),
     ("Twentieth", 20), ("one hundredth", 100), ("22nd", 22), ("3rd", 3), ("11th", 11)],
)  # fmt: skip
def test_english_ordinals(text: str, value: int) -> None:
    assert en_to_int(text, ordinal=True) == value


def test_english_ordinal_suffix_must_fit() -> None:
    assert en_to_int("13st") is None
    assert en_to_int("21th") is None
    assert en_to_int("two", ordinal=True) is None  # a cardinal
    assert en_to_int("two", ordinal=False) == 2
    assert en_to_int("twenty eight", ordinal=False) == 28


@given(st.integers(min_value=1, max_value=99))
def test_english_ordinal_round_trip(n: int) -> None:
    assert en_to_int(int_to_en_ordinal(n), ordinal=True) == n
    assert en_to_int(int_to_en_ordinal(n, words=True), ordinal=True) == n


@pytest.mark.parametrize(
    ("text", "value"), [("XIII", 13), ("iv", 4), ("MCMXCIV", 1994), ("XL", 40)]
)
def test_roman(text: str, value: int) -> None:
    assert roman_to_int(text) == value


@pytest.mark.parametrize("text", ["IIII", "VX", "IC", "", "ABC"])
def test_roman_rejects_non_canonical(text: str) -> None:
    assert roman_to_int(text) is None


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n: int) -> None:
    assert roman_to_int(int_to_roman(n)) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [("第十三次", 13), ("第14届", 14), ("首", 1), ("首届", 1), ("13th", 13),
     ("thirteenth", 13), ("XIII", 13), ("second", 2)],
)  # fmt: skip
def test_parse_ordinal(text: str, value: int) -> None:
    assert parse_ordinal(text) == value


def test_parse_number() -> None:
    assert parse_number("1,200") == 1200
    assert parse_number("5.5") == 5.5
    assert parse_number("1.5亿") == 150_000_000
    assert parse_number("三十五") == 35


# -- NormText -------------------------------------------------------------------------


def test_normtext_joins_wraps_and_maps_back() -> None:
    orig = "于2019年\n4月举行了第七次中\n美海洋对话，the cat\n sat"
    nt = NormText.of(orig)
    assert "第七次中美海洋对话" in nt.text
    assert "2019年4月" in nt.text
    assert "the cat\n sat" in nt.text  # whitespace between Latin words is kept
    m = re.search("第七次中美海洋对话", nt.text)
    assert m is not None
    s, e = nt.to_orig(*m.span())
    assert orig[s:e] == "第七次中\n美海洋对话"
    assert nt.to_norm(s) == m.start()
    assert nt.to_norm(e) == m.end()


def test_normtext_keeps_blank_lines_and_short_lines() -> None:
    # a blank line, or a newline after a short heading, is a boundary not a wrap
    nt = NormText.of("历次会议\n\n2005年\n2005年8月1日，第一次环境对话在某市举行，双方交换了意见。")
    assert "\n\n" in nt.text
    assert "2005年\n2005年8月1日" in nt.text
    # evenly short lines are a narrow column: they wrap
    assert NormText.of("双方决定于\n明年举行\n第二次会议").text == "双方决定于明年举行第二次会议"


def test_normtext_width_and_script() -> None:
    nt = NormText.of("２０１６年亞太經合組織")
    assert nt.text == "2016年亚太经合组织"
    assert to_simplified("會議") == "会议"


@given(
    st.lists(
        st.sampled_from(["中", "美", "会", "议", "1", "a", " ", "\n", "，", "年", "b"]),
        max_size=60,
    )
)
def test_normtext_spans_always_map_inside_the_original(chars: list[str]) -> None:
    orig = "".join(chars)
    nt = NormText.of(orig)
    for i in range(len(nt.text)):
        s, e = nt.to_orig(i, i + 1)
        assert 0 <= s < e <= len(orig)
        # every kept character maps to the same character (up to width/script folding)
        assert orig[s:e].strip() != "" or nt.text[i].isspace()


# -- NormText fast paths ------------------------------------------------------------


def test_ascii_folds_are_every_non_ascii_character_matching_a_letter() -> None:
    """ASCII_FOLDS is exactly what (?i) lets stand for an ASCII letter (or digit)."""
    from luoshi.extract.numerals import ASCII_FOLDS

    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    assert set(re.findall(r"(?i)[a-z0-9]", everything)) == set(ASCII_FOLDS)


def _t2s_dictionary_changes() -> set[str] | None:
    """Every character an entry of OpenCC's t2s dictionaries changes; None if unreadable."""
    import json
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    try:
        import opencc
    except ImportError:
        return None
    root = Path(opencc.__file__).parent / "clib"
    tool = root / "bin" / "opencc_dict"
    config = root / "share" / "opencc" / "t2s.json"
    if not (tool.exists() and config.exists()) and not shutil.which("opencc_dict"):
        return None

    def dicts(node: object) -> list[str]:
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                return [str(node["file"])]
            return [f for v in node.values() for f in dicts(v)]
        if isinstance(node, list):
            return [f for v in node for f in dicts(v)]
        return []

    changed: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for name in dicts(json.loads(config.read_text(encoding="utf-8"))):
            out = Path(tmp) / (name + ".txt")
            cmd = [str(tool), "-i", str(config.parent / name), "-o", str(out)]
            done = subprocess.run([*cmd, "-f", "ocd2", "-t", "text"], capture_output=True)
            if done.returncode != 0:
                return None
            for line in out.read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                value = values.split(" ")[0]  # OpenCC converts to the first candidate
                if len(value) != len(key):
                    changed |= set(key)
                else:
                    changed |= {a for a, b in zip(key, value, strict=True) if a != b}
    return changed


def test_t2s_fast_path_knows_every_character_opencc_may_change() -> None:
    """A text skips OpenCC only when it has none of the characters t2s could change."""
    from luoshi.extract.numerals import _t2s_changes

    changes = _t2s_changes()
    if changes is None:
        pytest.skip("OpenCC not installed")
    expected = _t2s_dictionary_changes()
    if expected is None:
        pytest.skip("OpenCC's dictionaries cannot be read here")
    missed = sorted(c for c in expected if not changes.match(c))
    assert missed == []


def test_context_dependent_characters_are_still_converted() -> None:
    # 沈 on its own stays 沈; in 意志消沈 OpenCC makes it 沉
    assert to_simplified("意志消沈") == "意志消沉"
    assert NormText.of("双方意志消沈").text == "双方意志消沉"


def test_normalised_text_is_its_own_view() -> None:
    text = "双方同意于2016年举行第八轮中美战略与经济对话。"
    nt = NormText.of(text)
    assert nt.text == text
    assert nt.to_orig(3, 7) == (3, 7)
    assert nt.to_norm(5) == 5
    assert NormText.of(text) is nt  # the extractors share it


@given(
    st.lists(
        st.sampled_from(
            [
                "會",
                "議",
                "沈",
                "意志消",
                "乾",
                "燥",
                "坏",
                "中",
                "美",
                "ｂ",
                "２",
                " ",
                "\n",
                "\u3000",
                "a",
                "1",
                "，",
                "年",
                "\U00020000",
            ]
        ),
        max_size=40,
    )
)
def test_to_simplified_agrees_with_opencc(parts: list[str]) -> None:
    from luoshi.extract.numerals import _t2s

    conv = _t2s()
    if conv is None:
        return
    text = "".join(parts)
    out = conv.convert(text)
    if len(out) == len(text):  # the line-by-line fallback is tested elsewhere
        assert to_simplified(text) == out
