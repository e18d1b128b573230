"""Rules added after the thirteenth and fourteenth held-out rounds (see docs/commitments.md).

Every sentence is made up for the test; times are built by hand.
"""

from __future__ import annotations

from datetime import date

from commitment_fakes import t

from luoshi.extract.commitments import SentenceClass, classify_sentence

DOC = date(2031, 4, 10)


def classify(s: str, **kw: object) -> SentenceClass:
    return classify_sentence(s, doc_date=kw.pop("doc_date", DOC), **kw)  # type: ignore[arg-type]


# ---- an agreement reported as done: "already" + a trigger closing its clause
def test_text_already_agreed_is_a_past_event() -> None:
    s = "虚构协定续签文本已于3月商定。"
    sc = classify(s, times=[t(s, "3月", "2031-03-01", "2031-03-31")])
    assert sc.label == "past-event", sc.reasons


def test_already_agreed_to_a_future_action_stays_a_commitment() -> None:
    s = "双方已同意于2032年举行第四次虚构会议。"
    sc = classify(s, times=[t(s, "2032年", "2032-01-01", "2032-12-31")])
    assert sc.label == "commitment", sc.reasons
    assert [c.action for c in sc.commitments] == ["hold-meeting"]


# ---- "They will …" in a list: the parties of the sentence before
def test_they_will_work_together_is_the_parties_commitment() -> None:
    sc = classify("They will work together to prepare for the next Fogland Harbour Forum.")
    assert sc.label == "commitment", sc.reasons


def test_it_will_is_still_no_party() -> None:
    assert classify("It will promote trade between the two harbours.").label == "other"


# ---- a lead-in's sub-points lettered a) b) are its bullets; the lead-in's bare trigger
# is no commitment of its own beside theirs
def test_lettered_sub_points_after_a_lead_in_take_its_trigger() -> None:
    from luoshi.extract.commitments import extract_commitments
    text = ("The Participants decided to:\n   a) establish a Fogland Expert Group; and\n"
            "   b) convene its first meeting in Lakeport.")
    commitments, _, classes = extract_commitments(text, doc_date=DOC)
    assert [c.label for c in classes] == ["commitment", "commitment"]
    assert [c.action for c in commitments] == ["launch-establish", "hold-meeting"]


# ---- a body of the dialogue named by its organ noun is an organisation subject
def test_a_sub_commission_reporting_is_an_undertaking() -> None:
    sc = classify("The Sub-Commission on Fog and Tides will report on its work every year.")
    assert sc.label == "commitment", sc.reasons
    assert classify("The report on fog will be published.").label == "other"
