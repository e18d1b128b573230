"""Rules added after the held-out evaluation (benchmarks/data/heldout/): English series
mentions, third-country agencies, English party subjects. Fictional sentences."""

from __future__ import annotations

from datetime import date

from luoshi.extract.actors import find_actors
from luoshi.extract.commitments import classify_sentence
from luoshi.extract.series import find_series
from luoshi.extract.times import find_times

DOC = date(2027, 5, 20)


def _series(text: str) -> list:
    """find_series wired to the sibling extractors, as the pipeline calls it."""
    return find_series(
        text, doc_date=DOC, times=find_times(text, DOC), actors=find_actors(text, on=DOC)
    )


def test_english_name_after_of_the_stops_at_lowercase_words() -> None:
    (m,) = _series("The two sides will hold the 9th plenary of the JLG in the spring of 2028.")
    assert m.text == "the 9th plenary of the JLG"
    assert "spring" not in m.name
    assert m.ordinal == 9


def test_english_meeting_of_a_dialogue_is_the_dialogue_series() -> None:
    (m,) = _series("They noted that the Fourth Meeting of the Ocean Policy Dialogue was held.")
    assert m.name == "Ocean Policy Dialogue"
    assert m.status == "held"


def test_english_due_is_the_time_extractors_interval() -> None:
    (m,) = _series("The two sides will hold the second Rail Forum by the end of 2027.")
    assert (m.due.start, m.due.end) == ("2027-05-20", "2027-12-31")
    (q,) = _series("The two sides will hold the third Rail Forum in the first quarter of 2028.")
    assert (q.due.start, q.due.end) == ("2028-01-01", "2028-03-31")


def test_english_reduced_relative_held_marks_a_past_round() -> None:
    (m,) = _series(
        "The sides welcomed the first Port Safety Dialogue held in Tianjin on May 2-4, 2027."
    )
    assert m.status == "held"
    assert (m.date.start, m.date.end) == ("2027-05-02", "2027-05-04")
    assert m.place == "天津"


def test_time_and_place_between_two_mentions_belong_to_the_first() -> None:
    first, nxt = _series(
        "They agreed to hold the fifth round of the Dialogue in Beijing in 2028 or 2029, "
        "and to meet before the next round of the Dialogue."
    )
    assert (first.due.start, first.due.end) == ("2028-01-01", "2029-12-31")
    assert first.place == "北京"
    assert nxt.relation == "next"
    assert nxt.due is None and nxt.place is None


def test_english_place_comes_from_gazetteer_place_actors() -> None:
    (m,) = _series("The two sides will co-host the third Grid Forum in Houston in 2028.")
    assert m.place == "休斯敦"


def test_new_round_is_a_next_mention() -> None:
    (m,) = find_series("双方将于年内举行新一轮海事磋商。", doc_date=DOC)
    assert m.relation == "next" and m.ordinal is None and m.status == "planned"


def test_exchange_meeting_head_links_the_bare_second_meeting() -> None:
    a, b = find_series("双方欢迎首次中美青年经验交流会，并将于明年举行第二次交流会。", doc_date=DOC)
    assert a.name.endswith("交流会") and b.name == a.name
    assert b.series_id == a.series_id and b.ordinal == 2


def test_third_country_ministry_is_not_the_chinese_one() -> None:
    got = [(a.text, a.id, a.side) for a in find_actors("中国财政部与英国财政部同意")]
    assert got == [("中国财政部", "cn.mof", "CN"), ("英国财政部", "gb.treasury", "other")]
    (uk,) = find_actors("英国外交部")
    assert uk.id == "gb.fcdo" and uk.name_en


def test_unknown_body_of_a_third_country_is_a_candidate_of_its_side() -> None:
    (fr, cn) = find_actors("法国外交部和中国商务部")
    assert (fr.text, fr.id, fr.type, fr.side) == ("法国外交部", None, "candidate", "other")
    assert cn.id == "cn.mofcom"


def test_eu_bodies_resolve_in_both_scripts() -> None:
    (dg,) = find_actors("欧盟委员会贸易总司")
    assert dg.id == "eu.commission.trade" and dg.name_en == "Directorate-General for Trade"
    (ec,) = find_actors("歐盟委員會")
    assert ec.id == "eu.commission"


def test_english_subject_with_article_and_possessive_is_a_party() -> None:
    s = (
        "The U.S. Department of Energy and China's National Energy Administration will "
        "co-host the second U.S.-China Grid Forum."
    )
    sc = classify_sentence(s, doc_date=DOC, times=find_times(s, DOC), actors=find_actors(s, on=DOC))
    assert sc.label == "commitment"
    (c,) = sc.commitments
    assert set(c.parties) >= {"美国能源部", "国家能源局"}


def _times(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(h.text, h.value_start, h.value_end, h.anchor) for h in find_times(text, DOC)]


def test_english_bare_event_anchor() -> None:
    assert _times("and to swap case lists before the plenary.") == [
        ("before the plenary", None, None, "event:plenary")
    ]
    # a next round and a dated event keep their own readings
    assert _times("prior to the next round")[0][3] == "next-round"
    assert _times("before the 2028 summit")[0][1:3] == ("2027-05-20", "2028-12-31")


def test_english_coming_and_past_year_are_one_year_from_the_document_date() -> None:
    assert _times("in the coming year") == [("the coming year", "2027-05-20", "2028-05-20", None)]
    assert _times("over the past year") == [("the past year", "2026-05-20", "2027-05-20", None)]
