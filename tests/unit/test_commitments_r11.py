"""Rules added after the eleventh held-out round (see docs/commitments.md).

Every sentence is made up for the test; times are built by hand.
"""

from __future__ import annotations

from datetime import date

from commitment_fakes import t

from luoshi.extract.commitments import SentenceClass, classify_sentence

DOC = date(2031, 4, 10)


def classify(s: str, **kw: object) -> SentenceClass:
    return classify_sentence(s, doc_date=kw.pop("doc_date", DOC), **kw)  # type: ignore[arg-type]


# ---- a 了 in a clause opened by 如果/一旦 … is hypothetical, no event reported
def test_conditional_le_is_no_past_event() -> None:
    sc = classify("如果您误收了本函，请立即告知寄件人并销毁本函。")
    assert sc.label == "other", sc.reasons


def test_conditional_le_keeps_the_commitment() -> None:
    sc = classify("一旦发生了虚构疫情，双方将立即相互通报。")
    assert sc.label == "commitment", sc.reasons


def test_plain_le_is_still_a_past_event() -> None:
    s = "2030年3月，双方举行了虚构渔业对话。"
    sc = classify(s, times=[t(s, "2030年3月", "2030-03-01", "2030-03-31", granularity="month")])
    assert sc.label == "past-event", sc.reasons


# ---- a short topic (a glued heading) before the party subject
def test_topic_before_party_subject() -> None:
    sc = classify("下一轮会商双方将尽快商定虚构论坛的议程。")
    assert sc.label == "commitment", sc.reasons
    assert sc.commitments[0].side == "both"


def test_prepositional_phrase_is_no_topic() -> None:
    sc = classify("在中美推进各自虚构规划的同时，双方一如既往地保持密切联系。")
    assert sc.label != "commitment", sc.reasons


def test_long_predicate_is_no_topic() -> None:
    sc = classify("上述虚构文件和附件充分展现中美双方致力于管控分歧。")
    assert sc.label != "commitment", sc.reasons
