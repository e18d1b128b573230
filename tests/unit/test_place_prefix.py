"""The country/province prefix shared by series places and meeting venues, the English
own-meeting tail of series.py and the two-line titles of meeting.find_title. Every
name here is made up for the test or a plain place name."""

from __future__ import annotations

import re

import pytest

from luoshi.extract.place_prefix import country_prefix, province_len
from luoshi.extract.series import _Ctx, _ends_own_meeting, _norm_place, _own_meeting_tail, _rules
from luoshi.parse.meeting import _place_prefix_len, _two_line_title

_COUNTRIES = ("美利坚合众国", "中国", "马里", "美国")
_NOT_COUNTRY = ("马里兰州",)
_PROVINCES = ("黑龙江", "湖南", "浙江")
_SHENG_ANY = re.compile(r"^[\u4e00-\u9fff]{2,3}省(?=.)")
_SHENG_CITY = re.compile(r"^[\u4e00-\u9fff]{2,3}省(?=[\u4e00-\u9fff]{2})")


@pytest.mark.parametrize(
    ("place", "keep", "country"),
    [
        ("中国湖南长沙", 0, "中国"),
        ("中国", 0, "中国"),  # nothing after it: still the country with keep=0
        ("中国", 2, ""),  # the venue keeps a city of two characters
        ("中国京", 2, ""),
        ("美利坚合众国华盛顿", 2, "美利坚合众国"),  # longest first
        ("马里兰州", 0, ""),  # a place a country's name only opens
        ("巴黎", 0, ""),
    ],
)
def test_country_prefix(place: str, keep: int, country: str) -> None:
    assert country_prefix(place, _COUNTRIES, _NOT_COUNTRY, keep=keep) == country


@pytest.mark.parametrize(
    ("place", "sheng", "then_listed", "n"),
    [
        ("湖南长沙", _SHENG_CITY, False, 2),
        ("湖南长", _SHENG_CITY, False, 0),  # a city of two characters or more after it
        ("浙江省杭州", _SHENG_CITY, False, 3),
        ("江苏省杭", _SHENG_CITY, False, 0),  # the venue's 省 asks for two characters after it
        ("浙江省杭", _SHENG_ANY, True, 3),
        ("黑龙江省湖南长沙", _SHENG_ANY, True, 6),  # then a listed province too
        ("黑龙江省湖南长沙", _SHENG_CITY, False, 4),
        ("长沙", _SHENG_ANY, True, 0),
    ],
)
def test_province_len(place: str, sheng: re.Pattern[str], then_listed: bool, n: int) -> None:
    assert province_len(place, _PROVINCES, sheng, then_listed=then_listed) == n


@pytest.mark.parametrize(
    ("place", "n"),
    [("中国湖南长沙", 4), ("中国北京", 2), ("马里兰州", 0), ("浙江省杭州", 3), ("中国", 0)],
)
def test_venue_prefix_len(place: str, n: int) -> None:
    assert _place_prefix_len(place) == n


@pytest.mark.parametrize(
    ("raw", "place"),
    [
        ("中国湖南长沙", "长沙"),
        ("中国", "中国"),  # a bare country is the place
        ("浙江省杭州市", "杭州"),
        ("马里兰州", "马里兰州"),
    ],
)
def test_series_place(raw: str, place: str) -> None:
    assert _norm_place(raw, _rules()) == place


def _ctx(meeting: str | None) -> _Ctx:
    return _Ctx("", _rules(), None, [], None, meeting=meeting)


def test_meeting_en_is_normalised_once_and_only_for_latin_names() -> None:
    ctx = _ctx("U.S.-China Dialogue on Health Cooperation")
    assert ctx.meeting_en == "dialogue on health cooperation"
    assert ctx.meeting_en is ctx.meeting_en  # cached
    assert _ctx("中美战略与经济对话").meeting_en is None
    assert _ctx(None).meeting_en is None


def test_ends_own_meeting() -> None:
    ctx = _ctx("China–United States–Indonesia Trilateral Meeting on Ocean Science Cooperation")
    assert _ends_own_meeting("trilateral meeting", ctx)
    assert _ends_own_meeting("meeting", ctx)
    assert not _ends_own_meeting("trilateral", ctx)
    assert not _ends_own_meeting("meeting", _ctx("中美战略与经济对话"))
    hyphen = _ctx("China-Forum on Trade")
    assert _ends_own_meeting("forum", hyphen)  # a word boundary after the hyphen
    assert not _ends_own_meeting("forum", hyphen, not_after_hyphen=True)


def test_own_meeting_tail_names_the_meeting() -> None:
    ctx = _ctx("China-Japan Joint Working Group Meeting on Trade")
    key, how, name = _own_meeting_tail("working group meeting", ctx) or ("", "", None)
    assert (key, how) == ("en:china-japan joint working group meeting on trade", "meeting")
    assert name == "China-Japan Joint Working Group Meeting on Trade"
    assert _own_meeting_tail("meeting", ctx) is None  # one word: no tail
    assert _own_meeting_tail(ctx.meeting_en or "", ctx) is None  # the whole name
    sitting = _ctx("X Working Group Meeting")
    assert _own_meeting_tail("working group meeting", sitting) == (
        "en:x working group meeting", "meeting", "X Working Group meeting")


class _View:
    """show/src of a text whose display is the norm text padded with spaces."""

    def __init__(self, text: str) -> None:
        self.text = text

    def show(self, a: int, b: int) -> str:
        return f" {self.text[a:b]} "

    def src(self, a: int, b: int) -> tuple[int, int]:
        return a + 100, b + 100


def test_two_line_title() -> None:
    view = _View("JOINT STATEMENT\n中美对话\nFourth Dialogue\n成果清单")
    front = [(0, 15), (16, 20), (21, 36), (37, 41)]
    assert _two_line_title(front, 0, view) == (  # type: ignore[arg-type]
        "JOINT STATEMENT 中美对话", (100, 120), (0, 1))
    assert _two_line_title(front, 0, view, latin_space=True) == (  # type: ignore[arg-type]
        "JOINT STATEMENT中美对话", (100, 120), (0, 1))
    assert _two_line_title(front, 2, view, latin_space=True)[0] == (  # type: ignore[arg-type]
        "Fourth Dialogue成果清单")
    view = _View("Fourth\nDialogue")
    assert _two_line_title([(0, 6), (7, 15)], 0, view, latin_space=True)[0] == (  # type: ignore[arg-type]
        "Fourth Dialogue")
