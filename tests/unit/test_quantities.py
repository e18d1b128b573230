"""Quantities with units and what they count. Sentences are made up."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.extract.quantities import (
    _EN_START,
    _NUM,
    Quantity,
    _alt,
    _en_matches,
    _rules,
    _zh_hits,
    find_quantities,
)


def qs(text: str) -> list[Quantity]:
    out = find_quantities(text)
    for q in out:
        assert text[q.start : q.end] == q.text
    return out


def one(text: str) -> Quantity:
    out = qs(text)
    assert len(out) == 1, out
    return out[0]


def test_one_measure_across_rounds() -> None:
    """The thread 215次联合核查 → 268次联合核查 → 联合核查了301家工厂 is one measure."""
    a = one("双方已在中国开展了215次联合核查。")
    b = one("双方已在中国完成268次联合核查，并将继续合作。")
    c = one("两国海关已在中国联合核查了 301 家企业。")
    assert (a.value, a.unit, a.counts) == (215, "次", "联合核查")
    assert (b.value, b.unit, b.counts) == (268, "次", "联合核查")
    assert (c.value, c.unit, c.counts, c.context) == (301, "家", "企业", "联合核查")
    assert a.measure == b.measure == c.measure == "联合核查"
    assert c.text == "301 家"
    assert c.unit_en == "companies"


def test_persons_and_what_follows() -> None:
    q = one("自合作以来，有56名中方海关官员随美方船只执法。")
    assert (q.value, q.unit, q.counts, q.measure) == (56, "名", "中方海关官员", "中方海关官员")


def test_modifier_before_de_counts_the_noun_after_it() -> None:
    q = one("双方成功开展了12次针对非法捕捞渔船的联合巡航。")
    assert (q.value, q.counts) == (12, "联合巡航")
    q = one("培训团包括7名来自两国环保部门的学员。")
    assert (q.value, q.counts) == (7, "学员")


def test_short_noun_before_de_is_what_is_counted() -> None:
    q = one("来自亚洲和非洲15个国家的海关部门参与了行动。")
    assert (q.value, q.unit, q.counts) == (15, "个", "国家")


def test_range_in_tonnes() -> None:
    q = one("这一规定到2030年可避免3200万吨到4100万吨二氧化碳当量的排放。")
    assert q.value is None
    assert (q.value_min, q.value_max, q.unit) == (32_000_000, 41_000_000, "吨")
    assert (q.counts, q.context) == ("二氧化碳当量", "避免")


def test_approximate_values() -> None:
    q = one("约120名代表将参加演练。")
    assert (q.value, q.approx, q.counts) == (120, "about", "代表")
    q = one("完成了超过 25 专家日的技术交流。")
    assert (q.value, q.unit, q.approx, q.counts, q.context) == (
        25,
        "专家日",
        "over",
        "技术交流",
        "完成",
    )


def test_durations() -> None:
    out = qs("互为学者颁发8年多次有效签证、互为学生颁发4年多次有效签证。")
    assert [(q.value, q.unit, q.dimension, q.counts) for q in out] == [
        (8, "年", "duration", "多次有效签证"),
        (4, "年", "duration", "多次有效签证"),
    ]
    q = one("双方计划于10月举办为期4周的交换项目。")
    assert (q.value, q.unit, q.counts) == (4, "周", "交换项目")


def test_pairs_list_and_chinese_numerals() -> None:
    out = qs("22对友好省州、城市及6位杰出个人受到表彰，双方新增五对合作伙伴。")
    assert [(q.value, q.unit, q.counts) for q in out] == [
        (22, "对", "友好省州、城市"),
        (6, "名", "杰出个人"),
        (5, "对", "合作伙伴"),
    ]


def test_percentages() -> None:
    out = qs("能效提高15%，排放下降百分之二十。")
    assert [(q.value, q.unit) for q in out] == [(15, "%"), (20, "%")]


def test_english_quantities() -> None:
    out = qs(
        "Customs jointly validated 301 companies; "
        "about 120 representatives and twenty-two countries joined."
    )
    assert [(q.value, q.unit, q.counts, q.approx) for q in out] == [
        (301, "家", "companies", None),
        (120, "名", "representatives", "about"),
        (22, "个", "countries", None),
    ]
    (r,) = qs("avoiding 32 million to 41 million tons of CO2 equivalent emissions")
    assert (r.value, r.value_min, r.value_max, r.unit, r.counts) == (
        None,
        32_000_000,
        41_000_000,
        "吨",
        "CO2 equivalent emissions",
    )
    (d,) = qs("a 4-week exchange program")
    assert (d.value, d.unit, d.counts) == (4, "周", "exchange program")


@pytest.mark.parametrize(
    "text",
    [
        "双方于2016年6月5日举行会谈。",  # a date
        "落实2030年可持续发展议程。",  # a year in a name
        "举行第十三次会议。",  # an ordinal
        "执行联合国安理会第2270号决议。",  # a document number
        "二十国集团成员和G20峰会。",  # names with numerals
        "推进AP1000项目和PM2.5治理。",
        "中美能源和环境十年合作框架。",
        "这是一个持久的框架，双方一致同意。",  # 一个 as an article
        "纪念联合国成立70周年。",  # an anniversary
        "在下一轮对话前一天举行。",  # a relative time
    ],
)
def test_not_quantities(text: str) -> None:
    assert qs(text) == []


def test_duration_as_time_adverbial_counts_nothing() -> None:
    q = one("中美建交35年来成果丰硕。")
    assert (q.value, q.unit, q.counts) == (35, "年", None)


def test_a_50kb_document_gives_each_paragraph_its_findings() -> None:
    """A long document is read whole: every copy of a paragraph gives the
    paragraph's quantities at its own offsets (speed: benchmarks/extract_bench.py)."""
    from dataclasses import replace

    para = (
        "双方已在中国开展了215次联合核查，约120名代表将参加演练。"
        "这一规定可避免3200万吨到4100万吨二氧化碳当量的排放，于2016年6月5日举行会谈。\n"
    )
    n = 50_000 // len(para.encode("utf-8")) + 1
    one = find_quantities(para)
    assert len(one) == 3
    want = [replace(q, start=q.start + k * len(para), end=q.end + k * len(para))
            for k in range(n) for q in one]
    assert find_quantities(para * n) == want


def test_offsets_with_line_wraps() -> None:
    text = "双方已在中国联合核查了 301\n家企业。"
    q = one(text)
    assert q.text == "301\n家"
    assert q.value == 301


# -- the matching is split for speed; it must match as the single pattern did -------

_ZH_PIECES = [
    "约", "大约", "近", "将近", "至少", "不到", "多", "余", "1", "12", "2016", "1,200", "5.4",
    "5400万", "二", "两", "十三", "一百零二", "二〇一五", "百", "万", "家", "名", "人次", "人",
    "个", "个月", "次", "届", "亿吨", "万吨", "吨", "美元", "万美元", "%", "年", "月", "周",
    "到", "至", "-", "～", "、", "和", "，", "百分之", "百分之二十", "第", "G", "的", "中国",
]  # fmt: skip


def _single_pattern() -> re.Pattern[str]:
    r = _rules()
    units = _alt(list(r.forms))
    return re.compile(
        rf"(?P<approx>{_alt(r.approx)})?(?P<n1>{_NUM})"
        rf"(?:(?P<u1>{units})?(?P<sep>到|至|-|—|～|~)(?P<n2>{_NUM}))?"
        rf"(?P<after>{_alt(r.approx_after)})?(?P<u>{units})"
        rf"|(?P<pct>百分之)(?P<np>{_NUM})"
    )


@given(st.lists(st.sampled_from(_ZH_PIECES), max_size=25))
def test_chinese_hits_are_those_of_the_single_pattern(pieces: list[str]) -> None:
    s = "".join(pieces)
    want = [
        (m.span(), m.group("approx"), m.group("n1") or m.group("np"), m.group("u"))
        for m in _single_pattern().finditer(s)
    ]
    got = [
        ((h.start, h.end), h.approx, h.m.group("np" if h.pct else "n1"),
         None if h.pct else h.m.group("u"))
        for h in _zh_hits(s, _rules())
    ]  # fmt: skip
    assert got == want


@given(
    st.lists(
        st.sampled_from(
            ["about ", "over ", "80", " ", "1.5", " million ", "20", "%", " percent", "3-week",
             "twenty-one ", "representatives", "companies", "a", "年", "，", "-", "ſ", "K"]
        ),
        max_size=20,
    )
)  # fmt: skip
def test_english_matches_are_those_of_finditer(pieces: list[str]) -> None:
    s = "".join(pieces)
    starts = [c.start() for c in _EN_START.finditer(s)]
    for pat in (_rules().en_re, _rules().en_hyphen):
        assert [m.span() for m in _en_matches(pat, s, starts)] == [
            m.span() for m in pat.finditer(s)
        ]
