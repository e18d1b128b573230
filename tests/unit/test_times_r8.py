"""Rules added after the blind r8 held-out round (made-up sentences, not the round's).

Reference date: 3 March 2025 unless a case says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest
from time_checks import checkers

from luoshi.extract.times import find_times

REF = date(2025, 3, 3)
_, one, check = checkers(REF)


# -- 前N季度 / 前N个月: the first N quarters or months of the year ----------------
@pytest.mark.parametrize(
    ("text", "expr", "start", "end"),
    [
        ("今年前三季度，两市共接待游客十万人次", "今年前三季度", "2025-01-01", "2025-09-30"),
        ("2024年前两季度进口额有所下降", "2024年前两季度", "2024-01-01", "2024-06-30"),
        ("去年前两个季度双方互访频繁", "去年前两个季度", "2024-01-01", "2024-06-30"),
        ("今年前三个月共签约五个项目", "今年前三个月", "2025-01-01", "2025-03-31"),
        ("2023年前10个月贸易额增长", "2023年前10个月", "2023-01-01", "2023-10-31"),
        ("前三季度，园区新增企业二十家", "前三季度", "2025-01-01", "2025-09-30"),
    ],
)
def test_first_quarters_and_months(text: str, expr: str, start: str, end: str) -> None:
    check(text, expr, start, end)


def test_first_months_need_a_year_and_before_a_year_stays_a_deadline() -> None:
    # 前三个月 without a year may count from anything (the first three months of a project)
    assert [h.text for h in find_times("项目启动后前三个月为试运行期", REF)] == []
    check("双方将于2026年前完成评估", "2026年前", "2025-03-03", "2025-12-31")


# -- English month + this/next/last year ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "expr", "start", "end"),
    [
        (
            "The fair opened in Perth in July this year.",
            "July this year",
            "2025-07-01",
            "2025-07-31",
        ),
        ("Talks resumed in October last year.", "October last year", "2024-10-01", "2024-10-31"),
        (
            "The centre will open in May of next year.",
            "May of next year",
            "2026-05-01",
            "2026-05-31",
        ),
        ("The survey will end by June next year.", "by June next year", "2025-03-03", "2026-06-30"),
    ],
)
def test_month_of_a_relative_year(text: str, expr: str, start: str, end: str) -> None:
    check(text, expr, start, end)


# -- split financial years ("2026–27"), quarters named by their last month -----------
@pytest.mark.parametrize(
    ("text", "expr", "start", "end"),
    [
        ("In 2023–24, the agencies funded nine studies.", "2023–24", "2023-07-01", "2024-06-30"),
        ("Grants rose in the 2024-25 financial year.", "the 2024-25 financial year",
         "2024-07-01", "2025-06-30"),
        ("Audits will finish by the end of the 2025–26 financial year.",
         "by the end of the 2025–26 financial year", "2025-03-03", "2026-06-30"),
        ("A plan will be adopted before the end of the 2025–26 financial year.",
         "before the end of the 2025–26 financial year", "2025-03-03", "2026-06-30"),
        ("Funding is set for financial year 2025/26.", "financial year 2025/26",
         "2025-07-01", "2026-06-30"),
        ("Funding is set for FY2025-26.", "FY2025-26", "2025-07-01", "2026-06-30"),
        # a country written with it gives its own start (UK: April)
        ("Targets apply to the UK 2025–26 financial year.", "the UK 2025–26 financial year",
         "2025-04-01", "2026-03-31"),
        ("Trade grew in the March quarter of 2024.", "the March quarter of 2024",
         "2024-01-01", "2024-03-31"),
        ("A forum will be held in the December quarter.", "the December quarter",
         "2025-10-01", "2025-12-31"),
        ("Exports fell in the year ending September 2024.", "the year ending September 2024",
         "2023-10-01", "2024-09-30"),
        ("Visits grew in the year ended 30 June 2024.", "the year ended 30 June 2024",
         "2023-07-01", "2024-06-30"),
    ],
)  # fmt: skip
def test_financial_years_and_quarters(text: str, expr: str, start: str, end: str) -> None:
    check(text, expr, start, end)


def test_split_forms_that_are_not_financial_years() -> None:
    # years two apart stay a calendar range; other quarters are no financial quarter
    check("In 2023–25 the sides met often.", "2023–25", "2023-01-01", "2025-12-31")
    out = find_times("the April quarter of 2024", REF)
    assert all("quarter" not in h.text for h in out)
    # an ISO date is no split year
    check("Signed on 2024-10-25 in Canberra.", "2024-10-25", "2024-10-25", "2024-10-25")


# -- "the Eighth Round": an ordinal anchor --------------------------------------------
@pytest.mark.parametrize(
    ("text", "expr", "anchor"),
    [
        ("The sides will agree the text no later than the Fifth Round.",
         "no later than the Fifth Round", "round:5"),
        ("A report will be issued before the third round of the Dialogue.",
         "before the third round of the Dialogue", "round:3"),
        ("Officials will meet prior to the 4th Meeting of the Joint Committee.",
         "prior to the 4th Meeting of the Joint Committee", "meeting:4"),
    ],
)  # fmt: skip
def test_ordinal_round_anchor(text: str, expr: str, anchor: str) -> None:
    h = one(text, expr)
    assert (h.anchor, h.kind, h.relation, h.value_start) == (anchor, "deadline", "before", None)


def test_no_ordinal_anchor_without_an_ordinal() -> None:
    out = find_times("They will report before the last round and the same meeting.", REF)
    assert all(h.anchor is None or not h.anchor.startswith("round:") for h in out)
