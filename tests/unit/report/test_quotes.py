"""Quoting the source sentence around a cited span (fictional text)."""

from __future__ import annotations

from luoshi.report.quotes import DocText, attach_quotes, quote_parts, tidy_parts

# a hard-wrapped, PDF-spaced item of an invented outcome list
SOURCE = (
    "1、示范工作组：双方回顾了第一次会议的成果。双方决定于2031年秋季\n"
    "在华盛顿举行 第 三 次会议，并完成章程修订。\n"
    "2、其他：The two sides  will\nmeet again."
)
ITEM1 = (0, SOURCE.index("2、"))
CLAUSE = SOURCE.index("于2031"), SOURCE.index("，并")
SENTENCE = SOURCE.index("双方决定"), SOURCE.index("修订。") + 3


def test_tidy_joins_wraps_next_to_cjk_and_keeps_one_space_in_english():
    assert tidy_parts("第 三 次\n会议", ()) == ["第三次会议"]
    assert tidy_parts("  The two sides  will\nmeet  ", ()) == ["The two sides will meet"]
    # cut positions follow the text as it shrinks
    assert tidy_parts("甲 乙\n丙丁", (2, 4)) == ["甲", "乙", "丙丁"]


def test_quote_with_the_sentence_span_given():
    before, marked, after = quote_parts(SOURCE, CLAUSE, SENTENCE)
    assert before == "双方决定"
    assert marked == "于2031年秋季在华盛顿举行第三次会议"
    assert after == "，并完成章程修订。"


def test_quote_finds_the_sentence_in_the_item_when_not_given():
    span = (SOURCE.index("华盛顿"), SOURCE.index("华盛顿") + 3)
    before, marked, after = quote_parts(SOURCE, span, None, ITEM1)
    assert marked == "华盛顿"
    assert before.startswith("双方决定于2031年秋季在") and after.endswith("修订。")
    assert "回顾" not in before  # the previous sentence is not part of it


def test_spans_that_do_not_fit_the_source_give_no_quote():
    assert quote_parts(SOURCE, (5, 10_000), None, ITEM1) is None
    assert quote_parts(SOURCE, None, SENTENCE) is None
    assert quote_parts(SOURCE, CLAUSE, None, None) is None
    # a sentence span that does not hold the clause is not trusted
    assert quote_parts(SOURCE, CLAUSE, (0, 5), ITEM1) is not None
    assert quote_parts(SOURCE, CLAUSE, (0, 5), None) is None


def test_attach_quotes_adds_quotes_and_titles_without_touching_the_input():
    rows = [
        {"doc": "dfiction001", "item": 1, "span": list(CLAUSE), "sentence_span": list(SENTENCE)},
        {"doc": "dunknown000", "item": 1, "span": [0, 2]},
    ]
    timelines = [
        {
            "series": {"id": "s"},
            "occurrences": [
                {"sources": [{"doc": "dfiction001", "item": 1, "span": [CLAUSE[0] + 9, CLAUSE[1]]}]}
            ],
        }
    ]
    texts = {"dfiction001": DocText(SOURCE, {1: ITEM1}, {1: "示范工作组"})}
    new_rows, new_timelines = attach_quotes(rows, timelines, texts)
    assert new_rows[0]["quote"][1] == "于2031年秋季在华盛顿举行第三次会议"
    assert new_rows[0]["item_title"] == "示范工作组"
    assert "quote" not in new_rows[1]
    (src,) = new_timelines[0]["occurrences"][0]["sources"]
    assert src["quote"][0].startswith("双方决定于2031年秋季")
    assert "quote" not in rows[0] and "quote" not in timelines[0]["occurrences"][0]["sources"][0]
