"""Rules added after the blind r12 held-out round (made-up sentences, not the round's)."""

from __future__ import annotations

from datetime import date

from time_checks import checkers

REF = date(2031, 8, 12)
hits, one, check = checkers(REF)


def test_a_school_holiday_with_no_year_is_the_coming_one() -> None:
    # the winter break of early 2031 is over: the coming one is early 2032
    check("两校将于寒假期间互派教师", "寒假期间", "2032-01-01", "2032-02-29")
    # the summer break still running is this one
    check("两校将于暑假期间互派教师", "暑假期间", "2031-07-01", "2031-08-31")
    # a year written keeps it
    check("两校2031年寒假互派教师", "2031年寒假", "2031-01-01", "2031-02-28")


def test_the_academic_year_runs_september_to_august() -> None:
    check("双方将在下学年扩大互派规模", "下学年", "2031-09-01", "2032-08-31")
    check("双方将在本学年扩大互派规模", "本学年", "2030-09-01", "2031-08-31")
    check("将于2032—2033学年实施交流项目", "2032—2033学年", "2032-09-01", "2033-08-31")
    check(
        "将于２０３２—２０３３学年实施交流项目", "２０３２—２０３３学年", "2032-09-01", "2033-08-31"
    )


def test_a_level_before_a_generic_noun_names_no_body() -> None:
    assert one("双方同意于下一次高层会谈前完成评估", "下一次高层会谈前").anchor == "next-meeting"


def test_at_the_next_meeting_is_anchored_to_it() -> None:
    h = one("双方同意在下一次会议上审议进展", "下一次会议上")
    assert (h.anchor, h.value_start, h.value_end) == ("next-meeting", None, None)
    assert h.kind == "point"
    h = one("Progress will be reviewed at the next meeting.", "at the next meeting")
    assert (h.anchor, h.value_start, h.value_end) == ("next-meeting", None, None)
    # a meeting named keeps its name, as before it does
    assert one("在下次部长会晤上审议", "下次部长会晤上").anchor == "next-meeting:部长会晤"
    # "on" the agenda of a meeting is no time: only 会议上 after a next marker
    assert [h.text for h in hits("他在会议上发言")] == []


def test_an_acronym_of_the_documents_own_dialogue_names_no_body() -> None:
    h = one("The two sides will sign it before the next EFD.", "before the next EFD")
    assert h.anchor == "next-meeting"


def test_before_a_listed_recurring_event_runs_to_the_day_before_it_opens() -> None:
    h = one("双方同意于2032年布里斯班奥运会前完成联合训练", "2032年布里斯班奥运会前")
    assert (h.value_start, h.value_end, h.anchor) == ("2031-08-12", "2032-07-22", None)
    # an edition not listed keeps the year's end and its anchor
    h = one("双方同意于2040年奥运会前完成联合训练", "2040年奥运会前")
    assert (h.value_end, h.anchor) == ("2040-12-31", "event:奥运会")
