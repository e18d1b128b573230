"""Encoding detection and repair: detect, never assume."""

from __future__ import annotations

import codecs

import pytest
from reader_helpers import FICTION, FICTION_TRAD, assert_maps_back, root_of

from luoshi.errors import InputError
from luoshi.readers import read_bytes
from luoshi.readers.encoding import UNDECODABLE, decode, detect, plausibility, repair
from luoshi.textmap import MappedText

SHORT_SIMP = "虚构对话成果清单"
SHORT_TRAD = "虛構對話成果清單"


@pytest.mark.parametrize(
    ("bom", "codec", "label"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_decides_and_is_not_part_of_the_text(bom: bytes, codec: str, label: str) -> None:
    got = detect(bom + FICTION.encode(codec), "f.txt")
    assert got.encoding == label
    assert got.text == FICTION


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_by_nul_pattern(codec: str) -> None:
    text = "1. Fictional dialogue outcome: both sides agree.\n" + FICTION
    got = detect(text.encode(codec), "f.txt")
    assert (got.encoding, got.text) == (codec, text)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_or_ascii_by_plausibility(codec: str) -> None:
    # no NUL bytes at all: only scoring can tell it from GBK
    text = "虚构对话双方同意共同建设观测站并交换数据"
    got = detect(text.encode(codec), "f.txt")
    assert (got.encoding, got.text) == (codec, text)


def test_strict_utf8_and_ascii() -> None:
    assert detect(FICTION.encode(), "f").encoding == "utf-8"
    assert detect(b"plain ascii\n", "f").text == "plain ascii\n"


def test_gb18030_text() -> None:
    got = detect(FICTION.encode("gb18030"), "f.txt")
    assert (got.encoding, got.text) == ("gb18030", FICTION)


def test_gb_decodes_with_the_standard_mapping() -> None:
    # A1A4 is U+00B7 in GB18030 but U+30FB in Python's gb2312 codec
    got = detect("约翰·克里与虚构代表会谈".encode("gb18030"), "f.txt")
    assert got.text == "约翰·克里与虚构代表会谈"


def test_big5_text_is_not_read_as_gbk() -> None:
    # Big5 bytes are nearly always valid GBK: a strict decode alone would say GBK
    data = FICTION_TRAD.encode("big5")
    assert data.decode("gb18030")  # the trap: it decodes without error
    got = detect(data, "f.txt")
    assert got.encoding.startswith(("big5", "cp950"))
    assert got.text == FICTION_TRAD


def test_gbk_text_is_not_read_as_big5() -> None:
    text = "双方同意于明年共同建设三个观测站，并交换调查数据。"
    data = text.encode("gbk")
    got = detect(data, "f.txt")
    assert (got.encoding, got.text) == ("gb18030", text)


@pytest.mark.parametrize(("text", "codec"), [(SHORT_SIMP, "gbk"), (SHORT_TRAD, "big5")])
def test_short_texts_both_ways(text: str, codec: str) -> None:
    assert detect(text.encode(codec), "f.txt").text == text


def test_plausibility_separates_real_from_misdecoded() -> None:
    real = FICTION_TRAD
    wrong = FICTION_TRAD.encode("big5").decode("gb18030")
    assert plausibility(real) > 0.9
    assert plausibility(wrong) < 0.5


def test_undecodable_bytes_are_one_clear_error() -> None:
    junk = bytes(range(0x80, 0x100)) * 8
    with pytest.raises(InputError) as err:
        read_bytes(junk, "junk.txt")
    assert str(err.value) == f"junk.txt: {UNDECODABLE}"


def test_a_few_bad_bytes_become_replacement_chars_and_defects() -> None:
    data = FICTION.encode() + b"\xff" + "尾部文字".encode()
    raw = read_bytes(data, "cut.txt")
    assert raw.source.encoding == "utf-8"
    assert any("U+FFFD" in w for w in raw.warnings)
    [defect] = [d for d in raw.defects if "could not be repaired" in d.detail]
    assert defect.kind == "encoding-repair"
    assert defect.span is not None
    assert raw.text[slice(*defect.span)] == "\ufffd"


def test_declared_charset_is_used_when_it_fits() -> None:
    data = SHORT_SIMP.encode("gbk")
    got = decode(data, "p.html", declared="GB2312")
    assert (got.encoding, got.text) == ("gb18030", SHORT_SIMP)


def test_declared_charset_that_does_not_fit_is_overridden() -> None:
    data = FICTION.encode("utf-8")
    got = decode(data, "p.html", declared="gbk")
    assert got.encoding == "utf-8"
    assert got.text == FICTION
    assert any("does not fit" in w for w in got.warnings)


def test_unknown_declared_charset_falls_back_to_detection() -> None:
    got = decode(SHORT_SIMP.encode(), "p.html", declared="x-no-such-charset")
    assert got.text == SHORT_SIMP
    assert "unknown declared charset" in got.warnings[0]


# -- repair ----------------------------------------------------------------

MOJIBAKE = "中国".encode().decode("cp1252")  # 'ä¸\xadå›½'


def test_mojibake_is_repaired_in_body_not_in_text() -> None:
    source = f"1、虚构：双方与{MOJIBAKE}代表会谈。\n2、其他：正常文字。\n"
    raw = read_bytes(source.encode(), "m.txt")
    assert raw.text == source  # the original keeps its mojibake
    assert "双方与中国代表会谈" in raw.body.text
    [d] = [d for d in raw.defects if d.kind == "encoding-repair"]
    assert d.span is not None
    assert raw.text[slice(*d.span)] == MOJIBAKE
    assert "中国" in d.detail
    assert root_of(raw, "中国") == MOJIBAKE
    assert_maps_back(raw, "2、其他：正常文字。")


def test_each_repaired_region_is_its_own_defect() -> None:
    body = MappedText.root(f"{MOJIBAKE}一\n正常\nabc {MOJIBAKE}\n").edit([])
    fixed, defects = repair(body)
    assert fixed.text == "中国一\n正常\nabc 中国\n"
    assert len(defects) == 2


def test_clean_chinese_and_latin1_words_are_left_alone() -> None:
    text = "双方，“合作”——café 与 naïve 都不变。±5℃"
    fixed, defects = repair(MappedText.root(text))
    assert fixed.text == text
    assert defects == []


def test_mostly_ascii_english_in_windows_1252_is_read_with_a_warning() -> None:
    text = "1. Both sides agree \u2014 the \u201cfictional\u201d caf\u00e9 stays open.\n" * 5
    raw = read_bytes(text.encode("cp1252"), "ansi.txt")
    assert (raw.source.encoding, raw.body.text) == ("cp1252", text)
    assert raw.warnings == ["ansi.txt: not Chinese or Unicode text; read as Windows-1252"]
