"""Rules added after the twelfth held-out round (see docs/commitments.md).

Every sentence is made up for the test; times are built by hand.
"""

from __future__ import annotations

from datetime import date

from commitment_fakes import t

from luoshi.extract.commitments import SentenceClass, classify_sentence

DOC = date(2031, 4, 10)


def classify(s: str, **kw: object) -> SentenceClass:
    return classify_sentence(s, doc_date=kw.pop("doc_date", DOC), **kw)  # type: ignore[arg-type]


# ---- 冬令营 and 训练营 are event nouns of 举办, as 夏令营 is
def test_winter_camp_is_an_event_noun() -> None:
    sc = classify("双方将于寒假期间在虚构市举办第二届青年冬令营。")
    assert sc.label == "commitment", sc.reasons
    assert [c.action for c in sc.commitments] == ["hold-meeting"]


# ---- 互设 (each sets up one on the other's side) is setting up
def test_mutual_setting_up_bullet_is_launch_establish() -> None:
    sc = classify("●　互设虚构海洋研究中心；")
    assert sc.label == "commitment", sc.reasons
    assert [c.action for c in sc.commitments] == ["launch-establish"]


# ---- a subjectless bullet opening with 发布 is an agreed action
def test_publish_bullet_is_an_agreed_action() -> None:
    sc = classify("●　发布《虚构海洋合作年度报告》。")
    assert sc.label == "commitment", sc.reasons


# ---- English: "exchange" opens an agreed action after an enumerator, not "exchange of"
def test_enumerated_exchange_and_establish_are_agreed_actions() -> None:
    sc = classify(
        "(i) exchange views on fictional tidal policy every year; and (ii) establish a "
        "bilateral Tidal Working Group within six months."
    )
    assert sc.label == "commitment", sc.reasons
    assert "launch-establish" in [c.action for c in sc.commitments]


def test_exchange_of_views_opening_is_no_action() -> None:
    sc = classify("Exchange of views between the fictional agencies.")
    assert sc.label == "other", sc.reasons


# ---- a participle after "will be" is a passive future, not a past event
def test_will_be_reviewed_is_no_past_event() -> None:
    sc = classify("This work will be reviewed at the next Tidal Dialogue.")
    assert sc.label != "past-event", sc.reasons


def test_plain_reviewed_is_still_past() -> None:
    s = "In March 2030, the two sides reviewed the fictional tidal plan."
    sc = classify(s, times=[t(s, "March 2030", "2030-03-01", "2030-03-31", granularity="month")])
    assert sc.label == "past-event", sc.reasons
