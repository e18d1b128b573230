"""Each fixture file through read(): format, encoding, and a body span mapped back."""

from __future__ import annotations

import pytest
from reader_helpers import FIXTURES

from luoshi.readers import read

CASES = [
    # file, format, encoding, body substring, the source text it must map back to
    (
        "gbk_page.html",
        "html",
        "gb18030",
        "2、人员往来：双方将每年互派三十名青年学者&工程师。",
        "2、人员往来：双方将每年互派三十名青年学者&amp;工程师。",
    ),
    ("big5_memo.txt", "text", "big5hkscs", "一、雙方同意於2030年", "一、雙方同意於2030年"),
    (
        "utf16_minutes.txt",
        "text",
        "utf-16-le",
        "1、双方同意建立虚构热线。\n2、",
        "1、双方同意建立虚构热线。\r\n2、",
    ),
    (
        "archive_record.txt",
        "archive",
        "utf-8",
        "1、航线：开通两条虚构集装箱航线。",
        "1、航线：开通两条虚构集装箱航线。",
    ),
    (
        "summit.md",
        "markdown",
        "utf-8",
        "1、虚构能源：双方同意共建示范电站。",
        "1、虚构能源：**双方同意共建[示范电站](https://example.org/plant)。",
    ),
    ("mojibake.txt", "text", "utf-8", "与中国代表", "与ä¸\xadå›½代表"),
]


@pytest.mark.parametrize(("name", "fmt", "enc", "sub", "source"), CASES)
def test_fixture(name: str, fmt: str, enc: str, sub: str, source: str) -> None:
    raw = read(str(FIXTURES / name))
    assert (raw.source.format, raw.source.encoding) == (fmt, enc)
    i = raw.body.text.index(sub)
    a, b = raw.body.to_root(i, i + len(sub))
    assert raw.text[a:b] == source


def test_gbk_page_metadata_and_chrome() -> None:
    raw = read(str(FIXTURES / "gbk_page.html"))
    assert raw.metadata["title"] == "第三轮虚构论坛成果清单"
    assert raw.metadata["published"] == "2029-11-03"
    lines = [ln.strip() for ln in raw.body.text.split("\n") if ln.strip()]
    assert lines[0] == "第三轮虚构论坛成果清单"
    assert lines[-1] == "3、文化年：双方决定于2030年共同举办“虚构文化年”。"
    for chrome in ("当前位置", "首页", "责任编辑", "版权所有", "ICP备", "电话"):
        assert chrome not in raw.body.text


def test_archive_fixture_metadata() -> None:
    raw = read(str(FIXTURES / "archive_record.txt"))
    assert raw.metadata["published"] == "2029-03-08"
    assert raw.metadata["title"] == "虚构港口合作协议要点"
    assert raw.metadata["page"] == "004"


def test_markdown_fixture_title_and_emphasis() -> None:
    raw = read(str(FIXTURES / "summit.md"))
    assert raw.metadata["title"] == "虚构峰会成果清单"
    assert "2、虚构教育：双方将互设奖学金项目。" in raw.body.text


def test_mojibake_fixture_defect() -> None:
    raw = read(str(FIXTURES / "mojibake.txt"))
    [d] = raw.defects
    assert d.kind == "encoding-repair" and d.span is not None
    assert raw.text[slice(*d.span)] == "ä¸\xadå›½"
