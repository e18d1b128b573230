"""Round 10: holiday words read across a name boundary; the document's financial year."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.extract.times import financial_year_start, find_times

REF = date(2017, 6, 1)


def _vals(text: str, **kw: object) -> list[tuple[str, str | None, str | None]]:
    return [(t.text, t.value_start, t.value_end) for t in find_times(text, REF, **kw)]


# -- 1. holiday words across a place / country boundary -----------------------------
@pytest.mark.parametrize(
    "text",
    [
        "双方同意在韩国庆州举行第三次虚构论坛。",  # 韩国|庆州
        "会议在韩国庆尚北道举行。",  # 韩国|庆尚
        "泰国庆典活动期间，双方举行会谈。",  # 泰国|庆典
        "中国庆祝虚构友好年的活动十分成功。",  # 中国|庆祝
        "两国庆贺建交四十周年。",  # 两国|庆贺
        "双方支持青春节目交流。",  # 青春|节目
        "双方推动迎春节能合作。",  # 迎春|节能 (a fictional name)
    ],
)
def test_holiday_word_across_a_boundary_is_no_time(text: str) -> None:
    assert _vals(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("双方同意在国庆期间互访。", [("国庆", "2017-10-01", "2017-10-01")]),
        ("庆祝中国国庆节。", [("国庆节", "2017-10-01", "2017-10-01")]),
        ("2017年国庆前完成。", [("2017年国庆前", "2017-06-01", "2017-09-30")]),
        ("韩国国庆期间举行招待会。", [("国庆", "2017-10-01", "2017-10-01")]),
        ("春节前确定名单。", [("春节前", "2017-06-01", None)]),
        ("双方将于元旦互致贺电。", [("元旦", "2018-01-01", "2018-01-01")]),
    ],
)
def test_holiday_words_still_match(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = _vals(text)
    assert [g[0] for g in got] == [e[0] for e in expected]


# -- 2. the document's financial year ---------------------------------------------
def test_split_year_default_is_july() -> None:
    assert _vals("The sides will hold three workshops in 2017-18.") == [
        ("2017-18", "2017-07-01", "2018-06-30")
    ]


def test_split_year_in_a_us_document_is_a_calendar_range() -> None:
    got = find_times("The sides will hold three workshops in 2017-18.", REF, fy_start_month=10)
    assert [(t.text, t.value_start, t.value_end, t.kind) for t in got] == [
        ("2017-18", "2017-01-01", "2018-12-31", "range")
    ]


def test_split_fiscal_year_in_a_us_document_starts_in_october() -> None:
    assert _vals("by the end of the 2017-18 fiscal year", fy_start_month=10) == [
        ("by the end of the 2017-18 fiscal year", "2017-06-01", "2018-09-30")
    ]
    assert _vals("in the 2017-18 fiscal year", fy_start_month=10) == [
        ("the 2017-18 fiscal year", "2017-10-01", "2018-09-30")
    ]


def test_split_year_in_a_uk_document_starts_in_april() -> None:
    assert _vals("Funding will rise in 2017-18.", fy_start_month=4) == [
        ("2017-18", "2017-04-01", "2018-03-31")
    ]
    assert _vals("in the 2017-18 financial year", fy_start_month=4) == [
        ("the 2017-18 financial year", "2017-04-01", "2018-03-31")
    ]


def test_a_written_country_beats_the_document() -> None:
    assert _vals("in the Australian 2017-18 financial year", fy_start_month=4) == [
        ("the Australian 2017-18 financial year", "2017-07-01", "2018-06-30")
    ]


def test_calendar_year_document_reads_a_bare_split_year_as_calendar_years() -> None:
    got = _vals("Exchanges will double in 2017-18.", fy_start_month=1)
    assert got == [("2017-18", "2017-01-01", "2018-12-31")]


def test_financial_year_start_by_pair() -> None:
    assert financial_year_start(None) is None
    assert financial_year_start("au") == 7
    assert financial_year_start("uk") == 4
    assert financial_year_start("us") == 10
    assert financial_year_start("eu") == 1
    assert financial_year_start("xx") is None


def test_chinese_untouched_by_financial_year() -> None:
    assert _vals("2017年国庆前完成。", fy_start_month=10) == _vals("2017年国庆前完成。")


@pytest.mark.parametrize(
    ("pair", "start", "end"),
    [
        ("U.S.-China", "2017-01-01", "2018-12-31"),
        ("UK-China", "2017-04-01", "2018-03-31"),
        ("Fictional", "2017-07-01", "2018-06-30"),  # no pair: the default July year
    ],
)
def test_document_pair_sets_the_financial_year(pair: str, start: str, end: str) -> None:
    from luoshi.extract.facts import extract_document
    from luoshi.pipeline import parse_raw
    from luoshi.readers import read_bytes

    md = (
        f"# Fictional {pair} Dialogue Outcome List\n\n"
        "(1) The two sides will hold three workshops in 2017-18.\n\n"
        "(2) The two sides will exchange data.\n"
    )
    doc = parse_raw(read_bytes(md.encode(), "s.md", name_hint="s.md"), extract=False)
    extract_document(doc)
    got = [(t["text"], t["start"], t["end"]) for t in doc.items[0].facts["times"]]
    assert got == [("2017-18", start, end)]


# -- 3. "the end of the calendar year"; "before the 10th Dialogue" ------------------
def test_end_of_the_calendar_year_is_a_deadline_to_december() -> None:
    got = [
        (t.text, t.value_start, t.value_end, t.kind)
        for t in find_times("The sides will finish the study by the end of the calendar year.", REF)
    ]
    assert got == [("by the end of the calendar year", "2017-06-01", "2017-12-31", "deadline")]


def test_end_of_the_calendar_year_with_a_year_keeps_that_year() -> None:
    got = _vals("by the end of the calendar year 2018.")
    assert got == [("by the end of the calendar year 2018", "2017-06-01", "2018-12-31")]


@pytest.mark.parametrize(
    ("text", "span", "anchor"),
    [
        ("We will review it before the 10th Dialogue.", "before the 10th Dialogue", "meeting:10"),
        ("The report is due before the Third Summit.", "before the Third Summit", "meeting:3"),
        ("Write ahead of the 2nd Consultation.", "ahead of the 2nd Consultation", "meeting:2"),
    ],
)
def test_ordinal_dialogue_or_summit_anchor(text: str, span: str, anchor: str) -> None:
    got = [(t.text, t.anchor) for t in find_times(text, REF)]
    assert got == [(span, anchor)]


def test_ordinal_dialogue_without_relation_is_no_time() -> None:
    assert _vals("They held the 10th Dialogue in a fictional city.") == []
