"""Rules added after the blind r9 held-out round (made-up sentences, not the round's)."""

from __future__ import annotations

from datetime import date

import pytest
from time_checks import checkers

REF = date(2031, 4, 20)


_, one, _ = checkers(REF)


# -- a format word (三方, 双边 …) before a generic noun names no body ------------------
@pytest.mark.parametrize(
    ("text", "expr", "anchor"),
    [
        ("在下一次三方磋商前完成报告的起草", "下一次三方磋商前", "next-meeting"),
        ("双方将在下一轮双边对话前交换意见", "下一轮双边对话前", "next-round"),
        ("各方同意在第七轮多边磋商前提交方案", "第七轮多边磋商前", "round:7"),
        # a qualified name keeps it
        (
            "在下一次三方卫生部长会议前完成评估",
            "下一次三方卫生部长会议前",
            "next-meeting:三方卫生部长会议",
        ),
    ],
)
def test_format_word_before_generic_noun(text: str, expr: str, anchor: str) -> None:
    h = one(text, expr)
    assert (h.value_start, h.value_end, h.anchor) == (None, None, anchor)


# -- "the next EU-China Summit": the pair that meets names no body ------------------
@pytest.mark.parametrize(
    ("text", "expr", "anchor"),
    [
        (
            "and review the roadmap before the next Chile-China Summit.",
            "before the next Chile-China Summit",
            "next-meeting",
        ),
        (
            "to report back before the next China-Japan-ROK Trilateral Meeting.",
            "before the next China-Japan-ROK Trilateral Meeting",
            "next-meeting",
        ),
        ("before the next Summit.", "before the next Summit", "next-meeting"),
        # a body named with capitalised words keeps its name
        (
            "before the next Fisheries Ministers' Meeting.",
            "before the next Fisheries Ministers' Meeting",
            "next-meeting:Fisheries Ministers' Meeting",
        ),
    ],
)
def test_pair_before_generic_noun(text: str, expr: str, anchor: str) -> None:
    assert one(text, expr).anchor == anchor
