"""Rules added after the eighth held-out round (see docs/commitments.md).

Every sentence is made up for the test; times and actors are built by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from commitment_fakes import a, t

from luoshi.extract.commitments import SentenceClass, classify_sentence

DOC = date(2030, 9, 15)


def classify(s: str, **kw: object) -> SentenceClass:
    return classify_sentence(s, doc_date=kw.pop("doc_date", DOC), **kw)  # type: ignore[arg-type]


# ---- the other side of any pair: X方 of a country is a party
@pytest.mark.parametrize("s", ["德方将负责会议的后勤安排。", "澳方将承担论坛的场地费用。"])
def test_other_country_side_is_a_party(s: str) -> None:
    sc = classify(s)
    assert sc.label == "commitment", sc.reasons
    assert sc.commitments[0].parties == [s[:2]]


@pytest.mark.parametrize("s", ["双方将采用新方法评估项目。", "各参加方将于会后提交报告。"])
def test_x_fang_words_are_no_country_side(s: str) -> None:
    sc = classify(s)
    assert all(p not in ("新方", "加方") for c in sc.commitments for p in c.parties)


def test_cooperation_word_before_de_modifies_a_noun() -> None:
    # "对话的筹备工作": the dialogue only names whose preparations
    sc = classify("德方将负责对话的后勤保障工作。")
    assert sc.label == "commitment"
    assert sc.action == "other"


# ---- a party word qualifying the subject noun: not the parties themselves
def test_party_qualified_subject_is_no_party() -> None:
    sc = classify("届时，两国青年学者代表将围绕海洋生态保护交流心得。")
    assert sc.label == "other", (sc.label, sc.reasons)


def test_party_qualified_subject_still_holds_an_event() -> None:
    s = "两国企业代表将于2031年3月在青岛举行洽谈会。"
    sc = classify(s, times=[t(s, "2031年3月", "2031-03-01", "2031-03-31")])
    assert sc.label == "commitment"
    assert sc.action == "hold-meeting"


# ---- an English simple past needs a party *subject*
def test_level_reached_between_countries_is_other() -> None:
    s = "In 2029, two-way tourism between China and Chile reached 2.4 million visits."
    ts = [t(s, "2029", "2029-01-01", "2029-12-31", granularity="year")]
    acts = [a(s, "China", "CN"), a(s, "Chile", "other")]
    assert classify(s, times=ts, actors=acts).label == "other"


def test_simple_past_after_party_subject_still_reported() -> None:
    s = "In 2029, China and Chile trained 300 customs officers."
    ts = [t(s, "2029", "2029-01-01", "2029-12-31", granularity="year")]
    acts = [a(s, "China", "CN"), a(s, "Chile", "other")]
    assert classify(s, times=ts, actors=acts).label == "past-event"


# ---- 促 inside a name (促进委员会) is no call on others
def test_cu_inside_a_body_name_is_no_call() -> None:
    s = "智利出口促进局与中国国际商会将于2031年5月在圣地亚哥联合举办投资洽谈会。"
    acts = [a(s, "智利出口促进局", "other"), a(s, "中国国际商会", "CN")]
    ts = [t(s, "2031年5月", "2031-05-01", "2031-05-31")]
    sc = classify(s, times=ts, actors=acts)
    assert sc.label == "commitment", sc.reasons
    assert sc.action == "hold-meeting"


# ---- event nouns: 研修班, 大赛
@pytest.mark.parametrize(
    "s", ["双方同意每年联合举办一期海关估价研修班。", "双方将联合举办首届青少年机器人大赛。"]
)
def test_training_course_and_contest_are_events(s: str) -> None:
    assert classify(s).action == "hold-meeting"


def test_closing_event_verb_takes_event_from_earlier_clause() -> None:
    s = "原定于今年5月举办的第三届中智创业大赛因故推迟，经双方协商，改于2030年11月在天津举办。"
    ts = [
        t(s, "今年5月", "2030-05-01", "2030-05-31"),
        t(s, "2030年11月", "2030-11-01", "2030-11-30"),
    ]
    sc = classify(s, times=ts)
    assert sc.label == "commitment"
    assert sc.action == "hold-meeting"


def test_postponed_event_is_not_held() -> None:
    s = "原定今年举办的海洋科学夏令营暂缓举行，双方将视情另行商定举办时间。"
    ts = [t(s, "今年", "2030-01-01", "2030-12-31", granularity="year")]
    sc = classify(s, times=ts)
    assert sc.label == "commitment"
    assert sc.action == "other"


# ---- a bare 完成 with a noun-phrase subject or disposal object is the action
def test_bare_complete_after_nonparty_subject() -> None:
    s = "双方已完成首批3个站点的验收，其余5个站点的验收将于明年一季度前完成。"
    ts = [t(s, "明年一季度前", "2030-09-15", "2030-12-31", relation="before")]
    sc = classify(s, times=ts)
    assert sc.label == "commitment", (sc.label, sc.reasons)
    assert sc.action == "complete"


def test_extended_to_complete_is_complete() -> None:
    s = "双方同意将原定于今年底前完成的湿地保护联合研究延长至2031年3月底前完成。"
    sc = classify(s)
    assert sc.label == "commitment"
    assert sc.action == "complete"


# ---- 共 + count: a tally
def test_gong_count_is_a_tally() -> None:
    s = "今年上半年双方共互派青年教师85人，超额完成年度目标。"
    ts = [t(s, "今年上半年", "2030-01-01", "2030-06-30")]
    assert classify(s, times=ts).label == "past-event"


def test_gong_tong_is_no_tally() -> None:
    s = "今年双方共同举办三场推介会。"
    ts = [t(s, "今年", "2030-01-01", "2030-12-31", granularity="year")]
    assert classify(s, times=ts).label != "past-event"


# ---- a time before the trigger is no subject
def test_time_before_will_is_no_subject() -> None:
    s = "下半年将重点支持两国高校开展联合研究。"
    ts = [t(s, "下半年", "2030-07-01", "2030-12-31")]
    sc = classify(s, times=ts)
    assert sc.label == "commitment", (sc.label, sc.reasons)
    assert sc.action == "continue-cooperation"


# ---- "agreed that … would": reported speech
def test_agreed_that_would_is_a_commitment() -> None:
    s = (
        "Ministers welcomed the rise in tourist arrivals and agreed that the 4th "
        "Tourism Forum would take place in Darwin in 2031."
    )
    sc = classify(s)
    assert sc.label == "commitment"
    assert sc.action == "hold-meeting"


# ---- a beneficiary phrase (为…提供) holds no cooperation word
def test_beneficiary_phrase_holds_no_cooperation() -> None:
    s = "两国开发银行计划为东南亚国家的清洁能源项目联合提供不少于5亿美元贷款。"
    sc = classify(s)
    assert sc.label == "commitment"
    assert sc.action == "other"
