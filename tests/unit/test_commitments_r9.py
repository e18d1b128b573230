"""Rules added after the ninth held-out round (see docs/commitments.md).

Every sentence is made up for the test; times and actors are built by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from commitment_fakes import t

from luoshi.extract.commitments import SentenceClass, classify_sentence, extract_commitments

DOC = date(2030, 9, 15)


def classify(s: str, **kw: object) -> SentenceClass:
    return classify_sentence(s, doc_date=kw.pop("doc_date", DOC), **kw)  # type: ignore[arg-type]


# ---- 三方 / 各方: the parties of a trilateral or multilateral list
@pytest.mark.parametrize(
    "s", ["三方将继续推进三国气象部门在台风预警方面的合作；", "各方将继续深化港口城市之间的交流。"]
)
def test_group_of_sides_is_a_party_subject(s: str) -> None:
    sc = classify(s)
    assert sc.label == "commitment", sc.reasons
    assert sc.action == "continue-cooperation"
    assert sc.commitments[0].parties == [s[:2]]


def test_call_on_all_parties_stays_a_call() -> None:
    assert classify("双方呼吁有关各方保持克制。").label == "reaffirmation"


# ---- a subjectless disposal 将 opening an item is the action itself
@pytest.mark.parametrize("s", ["将2032年确定为“中智海洋合作年”；", "将海洋垃圾治理列为优先领域。"])
def test_subjectless_disposal_jiang_is_an_agreed_action(s: str) -> None:
    sc = classify(s)
    assert sc.label == "commitment", sc.reasons
    assert sc.action == "other"


def test_disposal_jiang_after_a_party_is_unchanged() -> None:
    # with a written subject and no trigger it is still no commitment
    assert classify("双方已将2029年定为旅游年。").label != "commitment"


# ---- 活动: a programme of activities is no meeting; a numbered edition is
@pytest.mark.parametrize(
    "s",
    [
        "两国文化部门将于明年在里斯本举办“中国电影周”活动。",
        "双方将共同办好2032年“中葡青年交流年”系列活动。",
    ],
)
def test_activities_of_a_festival_are_no_meeting(s: str) -> None:
    sc = classify(s)
    assert sc.label == "commitment"
    assert sc.action == "other"


def test_numbered_activity_is_still_a_meeting() -> None:
    sc = classify("中方将于明年主办第三届中葡城市气候行动高级别活动。")
    assert sc.action == "hold-meeting"


def test_exchange_activity_is_still_a_meeting() -> None:
    assert classify("双方将于明年在澳门举办青年交流活动。").action == "hold-meeting"


# ---- English: "work together" is cooperation
def test_work_together_is_cooperation() -> None:
    s = "Both sides will work together for a successful 20th Ministerial Conference of the Forum."
    sc = classify(s)
    assert sc.label == "commitment"
    assert sc.action == "continue-cooperation"


# ---- bullets: a bullet marker opens a list member as an enumerator does
def test_bullet_opening_with_bare_verb_is_an_agreed_action() -> None:
    s = "– convene the 3rd Sino-Chilean Fisheries Dialogue in 2031; and – add 20 products."
    sc = classify(s, times=[t(s, "2031", "2031-01-01", "2031-12-31", granularity="year")])
    assert sc.label == "commitment", sc.reasons
    assert sc.action == "hold-meeting"


def test_chinese_dash_bullet_opens_an_agreed_action() -> None:
    sc = classify("——深化两国海关在检验检疫方面的合作；")
    assert sc.label == "commitment", sc.reasons
    assert sc.action == "continue-cooperation"


# ---- a lead-in closing with a colon and the bullets that continue it
def test_lead_in_heading_and_noun_bullets_share_the_commitment() -> None:
    text = (
        "The two sides will cooperate on: – ocean acidification monitoring;\n"
        "– marine spatial planning; and – coastal wetland restoration."
    )
    cs, _, classes = extract_commitments(text, doc_date=DOC)
    assert [c.label for c in classes] == ["commitment", "commitment"]
    assert [c.action for c in classes] == ["continue-cooperation"] * 2
    assert not any(c.heading for c in classes)
    assert len(cs) == 1


def test_lead_in_takes_the_action_of_its_bullets() -> None:
    text = (
        "The two sides agreed to: – convene the 2nd Sino-Chilean Ocean Dialogue in 2031; "
        "and – exchange 30 researchers by 2032."
    )
    _, _, classes = extract_commitments(text, doc_date=DOC)
    assert classes[0].text == "The two sides agreed to:"
    assert [(c.label, c.action) for c in classes] == [("commitment", "hold-meeting")] * 2


def test_lead_in_after_a_blank_line_in_the_item() -> None:
    text = (
        "The sides reviewed the plan. The two sides agreed to:\n\n"
        "– hold the Forum in 2031.\n\n– publish a report."
    )
    _, _, classes = extract_commitments(text, doc_date=DOC)
    assert [c.label for c in classes][1:] == ["commitment"] * 3
    assert {c.action for c in classes[1:]} == {"hold-meeting"}


def test_topic_heading_before_bullets_stays_a_heading() -> None:
    text = "Climate change:\n– strengthen cooperation on methane."
    _, _, classes = extract_commitments(text, doc_date=DOC)
    assert classes[0].heading and classes[0].label == "other"
    assert (classes[1].label, classes[1].action) == ("commitment", "continue-cooperation")
