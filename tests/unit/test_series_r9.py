"""Series rules from the ninth held-out round (r9_*). Every sentence is made up for the test;
the bodies, meetings, places and dates are fictional."""

from __future__ import annotations

from datetime import date

from luoshi.extract.actors import find_actors
from luoshi.extract.series import SeriesMention, find_series
from luoshi.extract.times import find_times

DOC = date(2027, 2, 10)


def _series(text: str, **kw: object) -> list[SeriesMention]:
    """find_series wired to the sibling extractors, as the pipeline calls it."""
    return find_series(  # type: ignore[misc]
        text, doc_date=DOC, times=find_times(text, DOC), actors=find_actors(text, on=DOC), **kw
    )


# --- Chinese ----------------------------------------------------------------------------


def test_ziyou_in_a_body_name_does_not_cut_it_at_you() -> None:
    # 由 is a stop word, but not inside 自由
    (m,) = _series("双方将于2027年第三季度在丽水举行中某自由港合作联合委员会第三次会议，评估进展。")
    assert m.name == "中某自由港合作联合委员会会议"
    assert (m.ordinal, m.status, m.place) == (3, "planned", "丽水")
    assert m.due is not None and m.due.start == "2027-07-01"


def test_a_european_country_is_dropped_before_its_city() -> None:
    (m,) = _series("各方同意于2028年在斯洛文尼亚马里博尔举行第三届虚构地方合作论坛。")
    assert (m.ordinal, m.place) == (3, "马里博尔")
    (n,) = _series("第二届虚构城市论坛已于2026年3月在匈牙利塞格德举行。")
    assert (n.status, n.place) == ("held", "塞格德")


def test_a_time_word_read_across_a_country_and_its_city_is_no_time() -> None:
    # 韩国庆州: 国庆 (National Day) is read across the country and the city
    (m,) = _series("明年春季前在韩国庆州举行第七次虚构三国旅游部长会议；")
    assert (m.ordinal, m.status, m.place) == (7, "planned", "庆州")
    assert m.due is not None and (m.due.start, m.due.end) == ("2027-02-10", "2028-02-29")


def test_a_first_meeting_of_a_mechanism_set_up_before_it() -> None:
    (m,) = _series("各方同意设立虚构港口城市联络员机制，首次会议将于今年6月在温州召开。")
    assert (m.ordinal, m.place) == (1, "温州")
    assert m.name == "虚构港口城市联络员机制会议"
    # 建立X部长级会议机制: the first meeting is one of X部长级会议 itself
    (n,) = _series("双方同意建立虚构海事部长级会议机制，首次会议拟于2027年下半年举行。")
    assert n.name == "虚构海事部长级会议"


def test_a_next_meeting_that_dates_a_first_one_is_not_its_series() -> None:
    text = "各方同意设立虚构港口城市联络员机制，首次会议将于下届会议前在温州召开。"
    first, nxt = _series(text, meeting="虚构港口城市合作峰会")
    assert first.name == "虚构港口城市联络员机制会议"
    assert (nxt.relation, nxt.name) == ("next", "虚构港口城市合作峰会")


def test_a_bare_federation_plenary_is_the_federation_named_before() -> None:
    (m,) = _series(
        "各方支持虚构地方省州长联合会继续发挥作用，联合会第三次全体会议将于2027年在捷克奥洛穆克举行。"
    )
    assert (m.ordinal, m.status, m.place) == (3, "planned", "奥洛穆克")
    assert m.name == "虚构地方省州长联合会全体会议"
    # the key groups it with the federation's meetings written without 全体
    (n,) = _series("虚构地方省州长联合会第二次会议已于2025年举行。")
    assert n.series_id == m.series_id


def test_the_parties_next_consultation_is_the_documents_own() -> None:
    text = "在下一次三方磋商前，由三国外交部门共同完成成果文件的起草工作；"
    (m,) = _series(text, meeting="中某某虚构高官磋商")
    assert (m.relation, m.name) == ("next", "中某某虚构高官磋商")
    (n,) = _series(text)  # no document mechanism: as written
    assert n.name == "三方磋商"


# --- English ----------------------------------------------------------------------------


def test_the_next_twelve_months_is_a_span_not_a_meeting() -> None:
    text = (
        "The two sides will establish a Working Group on Fictional Kilns within the next "
        "twelve months and convene its first meeting before the next Freedonia-China Summit."
    )
    first, nxt = _series(text)
    assert first.text == "its first meeting"
    assert (first.ordinal, first.name) == (1, "Working Group on Fictional Kilns meeting")
    # "within the next twelve months" dates setting up the group, not its meeting
    assert first.due is None and first.date is None
    assert (nxt.relation, nxt.name) == ("next", "Freedonia-China Summit")


def test_its_meeting_is_a_meeting_of_the_body_named_last() -> None:
    (m,) = _series(
        "The two sides welcomed the progress of the Freedonia-China Joint Committee on "
        "Fictional Looms and agreed that its 9th meeting would take place in Beijing in "
        "early 2028."
    )
    assert (m.text, m.ordinal, m.status, m.place) == ("its 9th meeting", 9, "planned", "北京")
    assert m.name == "Freedonia-China Joint Committee on Fictional Looms meeting"


def test_a_dash_bullet_under_agreed_to_is_planned() -> None:
    (m,) = _series(
        "The two sides agreed to:\n– convene the 3rd Freedonia-China Kiln Dialogue in "
        "Brussels in 2027; and\n– exchange lists of kilns."
    )
    assert (m.ordinal, m.status, m.place) == (3, "planned", "布鲁塞尔")
