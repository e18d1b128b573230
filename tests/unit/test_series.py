"""Ordinal meeting mentions → series. Every sentence here is made up for the test."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from commitment_fakes import FakeActor, FakeTime
from hypothesis import given
from hypothesis import strategies as st

from luoshi.extract.series import (
    _PRE_CHAR,
    _PRE_RUN,
    SeriesMention,
    _head_of,
    _key_with,
    _rules,
    find_series,
    series_key,
)


def one(text: str, **kw: object) -> SeriesMention:
    ms = find_series(text, **kw)  # type: ignore[arg-type]
    assert len(ms) == 1, ms
    return ms[0]


def check_offsets(text: str, ms: list[SeriesMention]) -> None:
    for m in ms:
        assert text[m.start : m.end] == m.text


# -- ordinals and names -----------------------------------------------------------------


def test_pre_name_organ_ordinal_meeting_planned_with_place_and_season() -> None:
    text = "双方同意于2019年春季在北京举行中美海洋合作联合委员会第七次会议。"
    m = one(text, doc_date="2019-01-10")
    check_offsets(text, [m])
    assert m.text == "中美海洋合作联合委员会第七次会议"
    assert (m.ordinal, m.status, m.place) == (7, "planned", "北京")
    assert m.due == ("2019-03-01", "2019-05-31")
    assert m.date is None
    assert m.name == "海洋合作联合委员会会议"
    assert m.series_id == "series:海洋合作联合委员会会议"


def test_held_with_past_marker_and_day() -> None:
    m = one("于2018年5月3日举行了第九次中美气象科技对话，双方交换了意见。", doc_date="2018-06-01")
    assert (m.ordinal, m.status, m.date) == (9, "held", ("2018-05-03", "2018-05-03"))
    assert m.name == "气象科技对话"


def test_jlg_abbreviation_and_plenary_suffix_map_to_one_series() -> None:
    text = (
        "发挥好中美执法合作联合联络小组（JLG）的作用。双方决定落实JLG第二十次会议有关共识，"
        "并同意年内在美举行中美JLG第二十一次全体会议。"
    )
    ms = find_series(text, doc_date="2020-03-01")
    check_offsets(text, ms)
    assert [m.ordinal for m in ms] == [20, 21]
    assert {m.series_id for m in ms} == {"jlg-plenary"}
    assert ms[0].name == "中美执法合作联合联络小组全体会议"
    assert ms[0].status == "held"  # 落实…有关共识: it has been held
    assert (ms[1].status, ms[1].place) == ("planned", "美国")
    assert ms[1].due == ("2020-03-01", "2020-12-31")  # 年内: from the document date


def test_list_of_ordinals_with_respective_times_and_places() -> None:
    text = "回顾了中美南极事务磋商的成果，决定2020年和2021年分别在上海和纽约举行第五、第六轮磋商。"
    ms = find_series(text, doc_date="2019-07-01", context_title="南极事务磋商")
    check_offsets(text, ms)
    assert [(m.ordinal, m.status, m.place) for m in ms] == [
        (5, "planned", "上海"),
        (6, "planned", "纽约"),
    ]
    assert ms[0].due == ("2020-01-01", "2020-12-31")
    assert ms[1].due == ("2021-01-01", "2021-12-31")
    assert ms[0].series_id == ms[1].series_id
    assert ms[1].text == "第六轮磋商"


def test_first_edition() -> None:
    m = one("双方将于2020年10月在武汉召开首届中美青年创新论坛。", doc_date="2020-01-15")
    assert (m.ordinal, m.status, m.place, m.due) == (
        1,
        "planned",
        "武汉",
        ("2020-10-01", "2020-10-31"),
    )


def test_next_mentions_with_event_anchor() -> None:
    text = "双方决定在下一轮中美战略与经济对话前举行下一次中美网络安全对话。"
    ms = find_series(text, doc_date="2016-06-07")
    assert [(m.name, m.ordinal, m.relation, m.status) for m in ms] == [
        ("中美战略与经济对话", None, "next", "planned"),
        ("网络安全对话", None, "next", "planned"),
    ]
    assert ms[1].anchor == "下一轮中美战略与经济对话前"
    assert ms[0].series_id == "sed"


def test_bare_next_meeting_resolves_to_the_mechanism_named_before() -> None:
    text = "中美林业工作组于2017年6月在昆明举行第四次会议，决定明年在美国举行下次会议。"
    ms = find_series(text, doc_date="2017-07-01")
    assert [(m.ordinal, m.status, m.place) for m in ms] == [
        (4, "held", "昆明"),
        (None, "planned", "美国"),
    ]
    assert ms[0].name == ms[1].name == "林业工作组会议"
    assert ms[1].due == ("2018-01-01", "2018-12-31")


def test_item_title_names_the_series() -> None:
    text = "法律顾问磋商：计划于2019年第一季度在北京举行第四次年度法律顾问磋商。"
    m = one(text, doc_date="2018-11-01", context_title="法律顾问磋商")
    assert (m.series_id, m.name, m.ordinal) == ("legal-advisers", "法律顾问磋商", 4)
    assert m.due == ("2019-01-01", "2019-03-31")


def test_bare_round_head_takes_the_title() -> None:
    text = "极地科学磋商：双方举行了第二轮磋商，并决定明年在华举行第三轮磋商。"
    ms = find_series(text, doc_date="2018-05-01", context_title="极地科学磋商")
    assert [(m.name, m.ordinal, m.status, m.place) for m in ms] == [
        ("极地科学磋商", 2, "held", None),
        ("极地科学磋商", 3, "planned", "中国"),
    ]


def test_working_group_defined_by_abbreviation_in_the_text() -> None:
    text = (
        "祝贺清洁空气工作组（以下简称“工作组”）取得的进展。"
        "下一次工作组年度会间会计划于2021年初在美国举行。"
    )
    m = one(text, doc_date="2020-06-01")
    assert m.name == "清洁空气工作组会间会"
    assert (m.relation, m.status, m.place) == ("next", "planned", "美国")
    assert m.due == ("2021-01-01", "2021-03-31")


def test_elliptical_ordinal_takes_the_previous_head() -> None:
    text = "2018年5月在中国举办了第二届论坛，计划于2020年在美国举办第三届。"
    ms = find_series(text, doc_date="2019-01-01", context_title="海水淡化论坛")
    assert [(m.ordinal, m.status, m.place, m.name) for m in ms] == [
        (2, "held", "中国", "海水淡化论坛"),
        (3, "planned", "美国", "海水淡化论坛"),
    ]
    assert ms[1].text == "第三届"


def test_sub_dialogue_list_is_one_series_per_region() -> None:
    ms = find_series("决定适时举行下轮非洲、拉美、中东等子对话。", doc_date="2018-01-01")
    assert [m.name for m in ms] == ["非洲事务子对话", "拉美事务子对话", "中东事务子对话"]
    assert {(m.relation, m.status) for m in ms} == {("next", "planned")}


def test_title_mention_takes_body_facts() -> None:
    text = "第二届中美园艺高层年度研讨会：双方将于2019年11月共同举办第二届中美园艺高层研讨会。"
    ms = find_series(text, doc_date="2019-06-01", context_title="第二届中美园艺高层年度研讨会")
    assert len(ms) == 2
    assert ms[0].series_id == ms[1].series_id
    assert {m.status for m in ms} == {"planned"}
    assert ms[0].due == ms[1].due == ("2019-11-01", "2019-11-30")


def test_repeat_mention_inherits_facts() -> None:
    text = "2005年8月1日，中美首次能源对话在北京举行。在中美首次能源对话中，双方交换了意见。"
    ms = find_series(text, doc_date="2006-01-01")
    assert [(m.status, m.date, m.place) for m in ms] == [
        ("held", ("2005-08-01", "2005-08-01"), "北京"),
        ("held", ("2005-08-01", "2005-08-01"), "北京"),
    ]


def test_bare_verb_status_comes_from_the_date() -> None:
    past = one("第十次中美科技联委会于2019年3月在北京举行。", doc_date="2020-01-01")
    future = one("第十一次中美科技联委会于2021年3月在华盛顿举行。", doc_date="2020-01-01")
    assert past.status == "held"
    assert future.status == "planned"
    assert past.series_id == future.series_id


def test_retrospective_frames_mean_held() -> None:
    text = "双方回顾了自第五轮中美战略与经济对话以来取得的进展，积极评价第三次中美法治对话的成果。"
    ms = find_series(text, doc_date="2015-06-01")
    assert [(m.ordinal, m.status) for m in ms] == [(5, "held"), (3, "held")]


def test_dated_relative_clause_keeps_its_own_tense() -> None:
    past = one("双方将继续落实2015年举行的第三次中美法治对话成果。", doc_date="2016-09-01")
    assert (past.status, past.date) == ("held", ("2015-01-01", "2015-12-31"))
    future = one("双方将筹备好将于2016年秋季召开的第十一次中美法治对话。", doc_date="2016-09-01")
    assert (future.status, future.due) == ("planned", ("2016-09-01", "2016-11-30"))


def test_hoped_success_is_planned_and_praised_outcome_is_held() -> None:
    assert (
        one("双方期待第十二届中美旅游高层对话取得成功。", doc_date="2016-09-01").status == "planned"
    )
    assert one("双方肯定了首届中美企业家圆桌会的成果。", doc_date="2016-09-01").status == "held"


def test_adverbial_first_with_verb_inside() -> None:
    m = one("两国将于2022年首次在中国举办中美海事专家交流。", doc_date="2021-01-01")
    assert (m.ordinal, m.status, m.place, m.name) == (1, "planned", "中国", "海事专家交流")


def test_line_wrapped_and_traditional_input() -> None:
    wrapped = "于2016年6月5日举行了第六次中\n美战略安全对话，就战略问题交换意见。"
    m = one(wrapped, doc_date="2016-06-07")
    check_offsets(wrapped, [m])
    assert m.text == "第六次中\n美战略安全对话"
    assert (m.series_id, m.status) == ("ssd", "held")
    trad = "2005年8月1日,中美首次海洋對話在北京舉行。"
    t = one(trad, doc_date="2021-01-01")
    check_offsets(trad, [t])
    assert (t.ordinal, t.status, t.place, t.name) == (1, "held", "北京", "海洋对话")


def test_deadline_due_runs_from_document_date() -> None:
    m = one("双方决定于年底前召开首轮中美维和事务专家级磋商。", doc_date="2015-06-24")
    assert m.series_id == "peacekeeping-expert-consultation"
    assert m.due == ("2015-06-24", "2015-12-31")


# -- English --------------------------------------------------------------------------


def test_english_plenary() -> None:
    text = "The two sides will hold the 13th JLG plenary in Washington in October 2016."
    m = one(text, doc_date="2016-06-01")
    check_offsets(text, [m])
    assert m.text == "the 13th JLG plenary"
    assert (m.series_id, m.ordinal, m.status, m.place) == ("jlg-plenary", 13, "planned", "华盛顿")
    assert m.due == ("2016-10-01", "2016-10-31")


def test_english_annual_consultation() -> None:
    m = one("They held the third annual legal advisers consultation in March 2015.",
            doc_date="2015-06-01")  # fmt: skip
    assert (m.series_id, m.ordinal, m.status) == ("legal-advisers", 3, "held")
    assert m.date == ("2015-03-01", "2015-03-31")


def test_english_round_of_named_dialogue() -> None:
    m = one("during the Sixth Round of the U.S.-China Strategic and Economic Dialogue",
            doc_date="2014-07-12")  # fmt: skip
    assert (m.series_id, m.ordinal) == ("sed", 6)


# -- not series -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "双方将落实2030年可持续发展议程。",
        "全面执行联合国安理会第2270号决议。",
        "加强第三国警察能力建设。",
        "在2017年年会前完成第15次份额总检查。",
        "世界首批示范项目进展顺利。",
        "该项目已进入第五年。",
        "这是双方首次举行此类高层对话。",
        "中国军方首次派人参加这一对话。",
        "双方将在第二阶段推进合作。",
        "会议分为首场会议和第二场会谈。",
    ],
)
def test_not_a_series_mention(text: str) -> None:
    assert find_series(text, doc_date="2016-01-01") == []


# -- other extractors' results (duck-typed) -------------------------------------------------


def test_mechanism_actor_gives_the_id_to_every_mention_of_the_series() -> None:
    text = "双方举行了第六次中美战略安全对话，并决定举行下一次中美战略安全对话。"
    k = text.index("中美战略安全对话")
    actor = FakeActor("中美战略安全对话", k, k + 8, "mech.ssd", "中美战略安全对话", None, "joint",
                      "mechanism")
    ms = find_series(text, doc_date="2016-06-07", actors=[actor])
    assert [m.series_id for m in ms] == ["mech.ssd", "mech.ssd"]


def test_lookup_gives_the_gazetteer_id() -> None:
    def lookup(name: str) -> str | None:
        return "mech.desert" if name == "沙漠治理对话" else None

    ms = find_series("双方举行了第二次中美沙漠治理对话。", doc_date="2020-01-01", lookup=lookup)
    assert ms[0].series_id == "mech.desert"


def test_caller_times_are_used() -> None:
    text = "双方决定于某月某日在北京举行第三次中美雪豹保护对话。"
    k = text.index("某月某日")
    t = FakeTime("某月某日", k, k + 4, "2030-02-03", "2030-02-03")
    m = one(text, doc_date="2029-01-01", times=[t])
    assert m.due == ("2030-02-03", "2030-02-03")


def test_series_key_normalises_variants() -> None:
    assert series_key("中美JLG第十四次全体会议".replace("第十四次", "")) == series_key(
        "中美执法合作联合联络小组会议"
    )
    assert series_key("第三次年度法律顾问磋商".replace("第三次", "")) == "法律顾问磋商"


def test_a_50kb_document_gives_each_paragraph_its_findings() -> None:
    """A long document is read whole: every copy of a paragraph gives the
    paragraph's series mentions at its own offsets (speed:
    benchmarks/extract_bench.py)."""
    para = (
        "双方同意于2019年春季在北京举行中美海洋合作联合委员会第七次会议。"
        "于2018年5月3日举行了第九次中美气象科技对话，双方交换了意见，决定继续加强合作，"
        "并在下一轮中美战略与经济对话前举行下一次中美网络安全对话。"
        "中国海关与美国海关已联合验证了437家企业，双方将继续推进互认安排。\n"
    )
    n = 50_000 // len(para.encode("utf-8")) + 1
    one = find_series(para, doc_date="2019-01-01")
    assert len(one) == 4
    want = [replace(m, start=m.start + k * len(para), end=m.end + k * len(para))
            for k in range(n) for m in one]
    assert find_series(para * n, doc_date="2019-01-01") == want


# -- pieces rewritten for speed: same answers as the plain forms ---------------------

_PIECES = [
    "第", "首", "下", "一", "二", "十三", "3", "12", "次", "届", "轮", "期", "、", "和", "下一次",
    "下轮", "会议", "全体会议", "对话", "子对话", "磋商", "中美", "JLG", "工作组", "年度", "的",
    "举行", "，", "。", "2016年", "会", "拉丁美洲", "非洲", "事务", "协调会议", " ", "·", "a",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=20))
def test_ordinal_pattern_finds_what_the_plain_alternation_did(pieces: list[str]) -> None:
    r = _rules()
    cls = re.escape(r.classifiers)
    num = r"(?:\d{1,3}|[零〇一二两三四五六七八九十百]{1,5})"
    nxt = "|".join(map(re.escape, r.next_words))
    plain = re.compile(
        rf"(?P<ords>第{num}(?:[{cls}]?[、和及]第?{num})*[{cls}])|(?P<first>首[{cls}])|(?P<next>{nxt})"
    )
    s = "".join(pieces)
    want = [(m.span(), m.lastgroup) for m in plain.finditer(s)]
    got = [(m.span(), re.sub(r"\d+$", "", m.lastgroup or "")) for m in r.ord_re.finditer(s)]
    assert got == want


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_keys_heads_and_prenames_as_before(pieces: list[str]) -> None:
    r = _rules()
    name = "".join(pieces)
    # _key_with: every rewrite in turn
    k = re.sub(r"[\s·・]", "", name)
    for ab, full in r.abbreviations.items():
        k = k.replace(ab, full)
    for p in r.prefixes:
        if k.startswith(p) and len(k) > len(p) + 1:
            k = k[len(p) :]
            break
    for pat, rep in r.rewrites:
        k = pat.sub(rep, k)
    for p in r.prefixes:
        if k.startswith(p) and len(k) > len(p) + 1:
            k = k[len(p) :]
            break
    assert _key_with(name, r) == k
    # _head_of: the longest head the key ends with
    assert _head_of(name, r) == max((h for h in r.heads if name.endswith(h)), key=len, default="")
    # _prename's run: the name characters left of pos, at most 25
    for pos in range(len(name) + 1):
        i = pos
        while i > 0 and pos - i < 25 and _PRE_CHAR.match(name[i - 1]):
            i -= 1
        run = _PRE_RUN.search(name, max(0, pos - 25), pos)
        assert run is not None and run.start() == i
