"""Tests for luoshi.extract.sentences.split_sentences.

All sentences are made up for the tests (none is copied from the seed documents).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.extract.sentences import Sentence, split_sentences


def texts(source: str) -> list[str]:
    out = split_sentences(source)
    for s in out:
        # the invariant every caller relies on: offsets index the given text
        assert source[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    return [s.text for s in out]


def test_chinese_stops_and_offsets() -> None:
    src = "双方决定加强海洋合作。中方将于明年举办论坛！美方是否参加？"
    out = split_sentences(src)
    assert [s.text for s in out] == [
        "双方决定加强海洋合作。",
        "中方将于明年举办论坛！",
        "美方是否参加？",
    ]
    assert out[1] == Sentence("中方将于明年举办论坛！", 11, 22)


def test_runs_of_stops_stay_together() -> None:
    assert texts("真的吗？！当然。") == ["真的吗？！", "当然。"]


def test_no_split_inside_titles_quotes_and_brackets() -> None:
    src = "双方签署《关于候鸟保护。附件一》并发布“共同声明。”的摘要（见附件。）。下一句。"
    assert texts(src) == [
        "双方签署《关于候鸟保护。附件一》并发布“共同声明。”的摘要（见附件。）。",
        "下一句。",
    ]


def test_stop_inside_closing_quote_ends_after_the_quote() -> None:
    assert texts("他说：“我们同意。”随后散会。") == ["他说：“我们同意。”", "随后散会。"]


def test_semicolon_between_full_clauses_splits() -> None:
    src = "双方决定扩大极地科研合作；并将加强数据共享。"
    assert texts(src) == ["双方决定扩大极地科研合作；", "并将加强数据共享。"]


def test_semicolon_in_a_list_after_a_colon_does_not_split() -> None:
    src = "双方决定采取如下措施：加强执法；开展培训；交流信息。下一句。"
    assert texts(src) == ["双方决定采取如下措施：加强执法；开展培训；交流信息。", "下一句。"]


def test_semicolon_between_enumerated_items_does_not_split() -> None:
    src = "承诺同其他成员一道，（1）加强政策协调；（2）扩大贸易；（3）促进投资。"
    assert texts(src) == [src]
    src2 = "措施：1. 应透明；2. 应非歧视。"
    assert texts(src2) == [src2]


def test_ascii_punctuation_in_chinese_text() -> None:
    assert texts("双方同意合作;中方将派员.美方欢迎") == ["双方同意合作;", "中方将派员.", "美方欢迎"]


def test_english_abbreviations_and_numbers() -> None:
    src = (
        "The U.S. side will host talks in Washington, D.C. in 2031. "
        "Growth reached 2.5 percent. Dr. Chen spoke on e.g. oceans. "
        "See No. 5 for details. The meeting ended."
    )
    assert texts(src) == [
        "The U.S. side will host talks in Washington, D.C. in 2031.",
        "Growth reached 2.5 percent.",
        "Dr. Chen spoke on e.g. oceans.",
        "See No. 5 for details.",
        "The meeting ended.",
    ]


def test_english_question_and_exclamation() -> None:
    assert texts("Will they agree? Yes! They will.") == ["Will they agree?", "Yes!", "They will."]


def test_line_wraps_and_page_breaks() -> None:
    # a printed source wraps mid-word; a page break may fall inside a sentence
    src = "双方决定继续\n开展合\n\n作。\n\n一、区域问题\n\n1、海洋：双方同意。\n\nThe sides agreed."
    assert texts(src) == [
        "双方决定继续\n开展合\n\n作。",
        "一、区域问题",
        "1、海洋：双方同意。",
        "The sides agreed.",
    ]


def test_unclosed_bracket_does_not_swallow_the_rest() -> None:
    src = "双方签署《备忘录" + "甲" * 320 + "。第二句。"
    assert texts(src)[-1] == "第二句。"


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="双方决定。；：“”《》（）ab.!? \nA1", max_size=80))
def test_offsets_always_index_the_text(src: str) -> None:
    out = split_sentences(src)
    prev = 0
    for s in out:
        assert src[s.start : s.end] == s.text
        assert s.start >= prev
        prev = s.end


def test_marks_that_open_no_token_are_skipped_alone() -> None:
    # a lone line break, "!" before a letter and "……" inside a sentence end
    # nothing; the scan must go on right after them, not skip what follows
    assert texts("第一行\n第二行继续。下一句") == ["第一行\n第二行继续。", "下一句"]
    assert texts("Really!yes. Next one") == ["Really!yes.", "Next one"]
    assert texts("等等……然后。") == ["等等……然后。"]
    assert texts("没有句号的尾巴") == ["没有句号的尾巴"]


def test_long_texts_without_stops() -> None:
    # plain runs (with and without lone line breaks) are scanned once
    assert texts("合" * 50_000) == ["合" * 50_000]
    src = "合作\n" * 20_000
    assert texts(src) == [src.strip()]
