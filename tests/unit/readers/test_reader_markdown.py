"""Markdown: markup out, words and lines in, offsets kept."""

from __future__ import annotations

from reader_helpers import assert_maps_back, root_of

from luoshi.model import RawDocument
from luoshi.readers import read_bytes
from luoshi.readers.markdown import strip_inline

DOC = """# 虚构对话成果清单

<!-- 抓取说明：
两行注释 -->
前言：双方就以下成果达成一致。

**1、气象合作：**双方同意共建[观测站](http://example.org/a_b_c "站")。![图](p.png)
**2、海洋合作：** 双方决定联合开展__珊瑚礁__调查。
__3、青年交流：__双方将互派*青年*志愿者 `x`。
## 二、人文交流 ##
> 引用的**要点**
4\\. 转义的编号 \\*不是强调\\*
"""


def _read(text: str, name: str = "doc.md") -> RawDocument:
    return read_bytes(text.encode(), name, name_hint=name)


def test_bold_item_headings_keep_their_words() -> None:
    raw = _read(DOC)
    lines = raw.body.text.split("\n")
    assert "1、气象合作：双方同意共建观测站。" in lines
    assert "2、海洋合作： 双方决定联合开展珊瑚礁调查。" in lines
    assert "3、青年交流：双方将互派青年志愿者 x。" in lines
    assert "*" not in raw.body.text.replace("*不是强调*", "")
    assert "**" not in raw.body.text


def test_headings_title_links_comments_escapes() -> None:
    raw = _read(DOC)
    assert raw.source.format == "markdown"
    assert raw.metadata["title"] == "虚构对话成果清单"
    assert raw.text[slice(*raw.metadata_spans["title"])] == "虚构对话成果清单"
    assert [(lvl, raw.text[a:b]) for lvl, (a, b) in raw.headings] == [
        (1, "虚构对话成果清单"),
        (2, "二、人文交流"),
    ]
    body = raw.body.text
    assert "二、人文交流" in body.split("\n")
    assert "http" not in body and "p.png" not in body and "注释" not in body
    assert "引用的要点" in body.split("\n")
    assert "4. 转义的编号 *不是强调*" in body.split("\n")


def test_line_structure_is_kept() -> None:
    raw = _read(DOC)
    # one body line per source line (the two-line comment keeps its line break)
    assert raw.body.text.count("\n") == DOC.count("\n")


def test_offsets_map_into_the_markdown_source() -> None:
    raw = _read(DOC)
    assert_maps_back(raw, "1、气象合作：")
    assert_maps_back(raw, "双方同意共建")
    assert root_of(raw, "观测站") == "观测站"
    assert root_of(raw, "珊瑚礁") == "珊瑚礁"
    # an escaped character maps to itself, its backslash dropped
    assert root_of(raw, "4.") == "4\\."


def test_front_matter_is_metadata_not_body() -> None:
    raw = _read("---\ntitle: 虚构清单\ndate: 2031-05-07\n---\n正文第一行\n")
    assert raw.metadata["title"] == "虚构清单"
    assert raw.metadata["published"] == "2031-05-07"
    assert raw.text[slice(*raw.metadata_spans["published"])] == "2031-05-07"
    assert raw.body.text == "正文第一行\n"


def test_setext_heading_and_rules() -> None:
    raw = _read("虚构标题\n===\n\n正文\n\n---\n\n1、条目\n")
    assert raw.metadata["title"] == "虚构标题"
    assert raw.body.text == "虚构标题\n\n\n正文\n\n\n\n1、条目\n"


def test_unpaired_bold_before_an_item_number_is_dropped() -> None:
    raw = _read("**5、虚构事项：双方同意。\n")
    assert raw.body.text == "5、虚构事项：双方同意。\n"


def test_underscores_inside_words_are_not_emphasis() -> None:
    raw = _read("# t\nsnake_case_name 与 file_v2_final\n")
    assert "snake_case_name 与 file_v2_final" in raw.body.text


def test_strip_inline() -> None:
    assert strip_inline("**虚构** [链接](u) `c`") == "虚构 链接 c"


def test_only_real_html_tags_are_removed() -> None:
    raw = _read("# t\n若 1<x 且 x>0，则<span class='x'>成立</span>。\n")
    assert "若 1<x 且 x>0，则成立。" in raw.body.text


def test_bold_runs_are_recorded_as_spans_of_their_text() -> None:
    text = "(1) **Ocean observation.** The two sides will deploy *ten* floats.\n"
    raw = _read(text)
    assert [text[a:b] for a, b in raw.strong] == ["Ocean observation."]  # not the italics
