"""Rules added after the tenth held-out round (see docs/commitments.md).

Every sentence is made up for the test; times and actors are built by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from commitment_fakes import t

from luoshi.extract.commitments import SentenceClass, classify_sentence, extract_commitments

DOC = date(2031, 4, 10)


def classify(s: str, **kw: object) -> SentenceClass:
    return classify_sentence(s, doc_date=kw.pop("doc_date", DOC), **kw)  # type: ignore[arg-type]


# ---- renewing an agreement or protocol signs it again (= 续签)
@pytest.mark.parametrize(
    "s",
    [
        "The two sides decided to renew the protocol of the Fictional Marine Research Center.",
        "The two sides will renew their memorandum of understanding on fictional parks.",
    ],
)
def test_renew_a_protocol_is_sign_document(s: str) -> None:
    sc = classify(s)
    assert sc.label == "commitment", sc.reasons
    assert sc.action == "sign-document"


def test_renew_cooperation_is_no_signing() -> None:
    sc = classify("The two sides will renew their cooperation on fictional wetlands.")
    assert sc.action == "continue-cooperation"


def test_renew_lead_in_gives_its_bullets_sign_document() -> None:
    text = (
        "The two sides decided to renew the protocol of the Fictional Marine Center and will "
        "cooperate on:\n– coastal mapping; and\n– tide gauges."
    )
    _, _, classes = extract_commitments(text, doc_date=DOC)
    assert {c.action for c in classes} == {"sign-document"}


# ---- "agreed that:" as a lead-in
def test_agreed_that_lead_in_alone_is_a_commitment() -> None:
    sc = classify("The two sides agreed that:")
    assert sc.label == "commitment", sc.reasons


def test_agreed_that_lead_in_with_will_bullets_is_hold_meeting() -> None:
    text = (
        "The two sides agreed that:\n– the fictional ministries will hold the 3rd meeting of "
        "the Fictional Working Group in 2032; and\n– the Working Group will report to the "
        "next Forum."
    )
    _, _, classes = extract_commitments(text, doc_date=DOC)
    assert [c.label for c in classes] == ["commitment", "commitment"]
    assert {c.action for c in classes} == {"hold-meeting"}


@pytest.mark.parametrize(
    "s",
    [
        "The two sides agreed that fictional wetlands are important.",
        "The two sides agreed that: – fictional wetlands are important.",
    ],
)
def test_agreed_that_a_position_stays_a_reaffirmation(s: str) -> None:
    assert classify(s).label == "reaffirmation"


# ---- 交换…措施实施进展: the progress of a policy is a report, no policy measure
def test_exchanging_progress_of_measures_is_other() -> None:
    sc = classify("双方将每月交换一次虚构港口便利化措施实施进展。")
    assert sc.label == "commitment"
    assert sc.action == "other"


def test_exchanging_measures_themselves_stays_policy() -> None:
    assert classify("双方将每月交换虚构港口便利化措施。").action == "policy-measure"


# ---- 交流计划: 交流 modifies 计划 (a programme), as 交流年
def test_exchange_programme_is_no_cooperation() -> None:
    s = "双方同意继续开展虚构青年画家交流计划，2032年度将互派画家各5名。"
    sc = classify(s, times=[t(s, "2032年度", "2032-01-01", "2032-12-31", granularity="year")])
    assert sc.label == "commitment"
    assert sc.action == "other"


# ---- 会晤 as a noun: a body named after it, the meeting a report goes to
def test_report_to_the_next_meeting_does_not_hold_it() -> None:
    s = "双方商定，虚构定期会晤委员会秘书处将对本公报落实情况进行跟踪评估，并向下次定期会晤提交报告"
    sc = classify(s)
    assert sc.label == "commitment"
    assert sc.action == "other"


def test_leaders_meeting_stays_hold_meeting() -> None:
    assert classify("两国总理将于2032年在虚构城会晤。").action == "hold-meeting"


# ---- the document's own signing clause
@pytest.mark.parametrize(
    "s",
    [
        "本公报于2031年4月10日在虚构城签署，一式两份，每份均用中文和俄文写成，两种文本同等作准。",
        "本协定于2031年4月10日在虚构城签订，一式二份。",
        "Done in duplicate at Fictional City on 10 April 2031, both texts being equally authentic.",
    ],
)
def test_signing_clause_of_the_document_is_other(s: str) -> None:
    sc = classify(s)
    assert sc.label == "other"
    assert sc.past_event is None and sc.commitments == []


def test_signing_an_agreement_stays_a_past_event() -> None:
    assert classify("双方于2031年4月9日在虚构城签署了虚构合作协定。").label == "past-event"
