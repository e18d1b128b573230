"""Rules added after the blind r13/r14 held-out rounds (made-up sentences, not the rounds')."""

from __future__ import annotations

from datetime import date

from time_checks import checkers

REF = date(2031, 8, 12)
hits, one, check = checkers(REF)


def test_a_holding_verb_between_the_event_and_before_stays_out_of_its_name() -> None:
    assert one("双方同意在第五届示范论坛召开前完成评估", "第五届示范论坛召开前").anchor == (
        "meeting:5:示范论坛")
    assert one("双方同意在第九次会议举行前交换名单", "第九次会议举行前").anchor == "meeting:9"
    assert one("双方同意在下一届论坛召开前完成评估", "下一届论坛召开前").anchor == "next-meeting"


def test_the_year_of_a_named_event_is_a_time_without_a_preposition() -> None:
    check("They will hold the 2032 Fogland Harbour Talks in Lakeport.", "2032",
          "2032-01-01", "2032-12-31")
    check("Both sides support the 2032 Games.", "2032", "2032-01-01", "2032-12-31")


def test_a_bare_year_before_other_words_is_still_no_time() -> None:
    assert hits("The fund will reach 2032 projects and the 2032 budget.") == []
    assert hits("They held 2032 talks.") == []


def test_this_or_next_season_is_that_season_of_this_or_next_year() -> None:
    check("They will host a delegation this autumn.", "this autumn", "2031-09-01", "2031-11-30")
    check("They will meet next spring in Lakeport.", "next spring", "2032-03-01", "2032-05-31")


def test_a_split_academic_year_runs_september_to_august() -> None:
    check("to 500 more pupils in the 2031-32 academic year.", "the 2031-32 academic year",
          "2031-09-01", "2032-08-31")
    check("during school year 2031/32", "school year 2031/32", "2031-09-01", "2032-08-31")


def test_at_an_ordinal_meeting_is_anchored_to_it_not_before_it() -> None:
    h = one("Progress will be reported at the Ninth Dialogue.", "at the Ninth Dialogue")
    assert (h.anchor, h.kind, h.value_start) == ("meeting:9", "point", None)


def test_the_year_of_a_named_programme_is_a_time() -> None:
    check("They noted that the 2032 Fogland–Lakeport Year of Culture opened.", "2032",
          "2032-01-01", "2032-12-31")


def test_a_day_without_a_month_in_a_dateline_or_before_an_event_is_the_documents_month() -> None:
    check("【记者王某雾港12日报道】", "12日", "2031-08-12", "2031-08-12")
    check("本报雾港10日电", "10日", "2031-08-10", "2031-08-10")
    check("【記者王某霧港9日報道】", "9日", "2031-08-09", "2031-08-09")
    check("双方于11日签署协议", "11日", "2031-08-11", "2031-08-11")


def test_a_day_without_a_month_elsewhere_is_no_time() -> None:
    assert hits("双方同意每月15日交换数据") == []
    assert hits("第15日在雾港举行") == []
    assert [h.text for h in hits("双方8月11日至12日在雾港举行会谈")] == ["8月11日至12日"]


def test_an_acronym_after_the_next_or_an_ordinal_is_the_documents_own_mechanism() -> None:
    assert one("They will report before the next FHD.", "before the next FHD").anchor == (
        "next-meeting")
    h = one("They will review it at the Eighth FHD.", "at the Eighth FHD")
    assert (h.anchor, h.kind) == ("meeting:8", "point")


def test_the_year_in_a_documents_name_is_no_time() -> None:
    assert hits("to implement the 1988 Fogland Convention against Fog") == []


def test_a_joint_meeting_is_a_generic_noun() -> None:
    assert one("双方将在下一次联席会议前完成评估", "下一次联席会议前").anchor == "next-meeting"


def test_a_year_designated_for_a_programme_is_a_time() -> None:
    check("The Sides agreed to designate 2032 as the Fogland Year of Tides.", "2032",
          "2032-01-01", "2032-12-31")


def test_a_newsletters_issue_number_is_no_year() -> None:
    assert hits("示范交流动态（2031年第14期）") == []
    assert [h.text for h in hits("将于2031年第一季度举行")] == ["2031年第一季度"]


def test_a_range_of_days_without_a_month_is_in_the_documents_month() -> None:
    check("示范对话10日至11日在雾港举行", "10日至11日", "2031-08-10", "2031-08-11")
