"""find_actors on hand-written (fictional) sentences, plus a check on the seed corpus."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.extract.actors import ActorMention, agency_like_spans, find_actors

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


def ids(text: str, **kw: object) -> list[str | None]:
    return [m.id for m in find_actors(text, **kw)]  # type: ignore[arg-type]


def only(text: str, actor_id: str, **kw: object) -> ActorMention:
    found = [m for m in find_actors(text, **kw) if m.id == actor_id]  # type: ignore[arg-type]
    assert len(found) == 1, (actor_id, [(m.text, m.id) for m in find_actors(text)])
    return found[0]


def check_offsets(text: str, mentions: list[ActorMention]) -> None:
    last = 0
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.start >= last, "mentions overlap or are out of order"
        last = m.end


# --------------------------------------------------------------------------- longest match


def test_longest_match_is_one_actor() -> None:
    text = "虚构条款：美国能源部国家核安全署将与中国海关总署共同举办演练。"
    ms = find_actors(text)
    check_offsets(text, ms)
    assert [(m.text, m.id) for m in ms] == [
        ("美国能源部国家核安全署", "us.doe.nnsa"),
        ("中国海关总署", "cn.gac"),
    ]
    nnsa = ms[0]
    assert nnsa.name_en == "National Nuclear Security Administration"
    assert nnsa.parent == "us.doe" and nnsa.side == "US" and nnsa.type == "sub-agency"


def test_parent_and_child_side_by_side() -> None:
    text = "美国国土安全部海关与边境保护局和美国国土安全部联合举办培训"
    assert ids(text) == ["us.dhs.cbp", "us.dhs"]


def test_aliases_and_abbreviations() -> None:
    assert ids("国家发改委与国家发展改革委是同一机构") == ["cn.ndrc", "cn.ndrc"]
    assert ids("美国移民与海关执法局、美国国土安全部移民与海关执法局") == [
        "us.dhs.ice",
        "us.dhs.ice",
    ]
    assert ids("双方通过JLG和CBP合作，并在APEC框架下交流") == [
        "mech.jlg",
        "us.dhs.cbp",
        "intl.apec",
    ]
    # Latin abbreviations must stand alone
    assert "mech.jlg" not in ids("代号XJLG的项目")


# --------------------------------------------------------------------------- scripts, dots, spaces


def test_traditional_input() -> None:
    text = "美國能源部國家核安全署與中國海關總署合作"
    ms = find_actors(text)
    check_offsets(text, ms)
    assert [m.id for m in ms] == ["us.doe.nnsa", "cn.gac"]
    assert ms[0].text == "美國能源部國家核安全署"  # original script kept
    assert ms[0].name == "美国能源部国家核安全署" and ms[0].name_hant == "美國能源部國家核安全署"


@pytest.mark.parametrize("dot", ["·", "・", "•", "‧", "･"])
def test_middle_dot_variants(dot: str) -> None:
    text = f"虚构报道：约翰{dot}克里出席了会议。"
    m = only(text, "person.john-kerry")
    assert m.text == f"约翰{dot}克里"


def test_spaces_and_line_breaks_inside_names() -> None:
    text = "据悉，美国国土安\n全部与中国 海关 总署签署了文件。"
    ms = find_actors(text)
    check_offsets(text, ms)
    assert [(m.text, m.id) for m in ms] == [
        ("美国国土安\n全部", "us.dhs"),
        ("中国 海关 总署", "cn.gac"),
    ]
    assert only("约翰 · 克里表示", "person.john-kerry").text == "约翰 · 克里"


# --------------------------------------------------------------------------- side composition


def test_country_prefix_composition() -> None:
    assert only("美国国务院发表声明", "us.dos").text == "美国国务院"
    assert only("中国国务院发表声明", "cn.state-council").text == "中国国务院"
    assert only("美国 国务院发表声明", "us.dos").text == "美国 国务院"
    assert only("中国国家林业局与美国林务局", "cn.sfa").text == "中国国家林业局"
    assert only("虚构：美国海关观摩查验", "us.dhs.cbp").text == "美国海关"
    assert only("美国防部发言人称", "us.dod").text == "美国防部"


def test_bare_forms_use_context_or_default() -> None:
    # default side: bare 国务院 in a Chinese text is the State Council
    assert only("国务院常务会议决定", "cn.state-council").via == "default"
    # the agency before it in a list decides
    text = "中国交通运输部与美国贸易发展署、运输部和商务部开展合作"
    assert ids(text) == ["cn.mot", "us.ustda", "us.dot", "us.doc"]
    assert ids("中国科技部、国家能源局和商务部") == ["cn.most", "cn.nea", "cn.mofcom"]
    # a side cue earlier in the clause
    assert only("美国助理国防部长会见来宾", "us.dod").via == "context"
    # both sides, or no side at all: no agency
    assert "cn.mnd" not in ids("两国国防部签署备忘录")
    assert ids("中美海关加强合作，海关关员参加培训") == []


# --------------------------------------------------------------------------- candidates


def test_unknown_agencies_are_candidates() -> None:
    ms = find_actors("美国网络安全与基础设施安全局负责此事")
    assert [(m.text, m.id, m.type, m.side) for m in ms] == [
        ("美国网络安全与基础设施安全局", None, "candidate", "US")
    ]
    ms = find_actors("中国国家虚构管理局与美国国土安全部会谈")
    assert [(m.id, m.type, m.side) for m in ms] == [
        (None, "candidate", "CN"),
        ("us.dhs", "agency", "US"),
    ]
    assert ms[0].text == "中国国家虚构管理局"
    # an unknown body right after a known one is one candidate under it, spanning both
    # (as a known sub-agency does: 美国国土安全部海关与边境保护局)
    ms = find_actors("美国国土安全部网络安全局")
    assert [(m.text, m.id, m.type, m.parent, m.side) for m in ms] == [
        ("美国国土安全部网络安全局", None, "candidate", "us.dhs", "US"),
    ]
    # but a committee after a pair of bodies is the pair's: the agency stays
    ms = find_actors("中国科学院与美国能源部虚构委员会会议")
    assert [(m.text, m.id) for m in ms] == [
        ("中国科学院", "cn.cas"), ("美国能源部", "us.doe"), ("虚构委员会", None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "美國國務院虛構事務局將於明年舉辦研討會",  # Traditional, 事务局
        "美国国务院全球虚构问题办公室计划举办",  # 办公室
        "中国公安部虚构调查局与美方会谈",
    ],
)
def test_unknown_bureau_of_a_known_agency_is_one_candidate_sub_agency(text: str) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    first = ms[0]
    assert first.start == 0 and first.type == "candidate" and first.id is None
    assert first.text.endswith(("事務局", "办公室", "调查局"))
    assert first.parent in ("us.dos", "cn.mps")
    assert first.side == ("CN" if first.parent == "cn.mps" else "US")


@pytest.mark.parametrize(
    ("text", "body", "country"),
    [
        # (日本总务省, 日本国土交通省, 日本厚生劳动省 are listed now: fictional names here)
        ("日本虚构通信省与中国工信部商定", "日本虚构通信省", "place.japan"),
        # the longest name, not 日本国土
        ("日本国土虚构省和中国交通运输部同意", "日本国土虚构省", "place.japan"),
        ("日本厚生虚构省愿在年内签署", "日本厚生虚构省", "place.japan"),
        ("日本虚构厅与中方商定", "日本虚构厅", "place.japan"),
        ("俄罗斯经济虚构部将于明年召开", "俄罗斯经济虚构部", "place.russia"),  # 经 inside 经济
        ("俄罗斯联邦虚构银行决定扩大结算", "俄罗斯联邦虚构银行", "place.russia"),
        ("法国国家虚构基金会将资助", "法国国家虚构基金会", "place.france"),
        ("德国虚构联合会与中方", "德国虚构联合会", "place.germany"),
        ("英国内阁虚构事务局与中方", "英国内阁虚构事务局", "place.uk"),
    ],
)
def test_third_country_body_is_one_candidate(text: str, body: str, country: str) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    assert (ms[0].text, ms[0].id, ms[0].type, ms[0].parent, ms[0].side) == (
        body, None, "candidate", country, "other",
    )  # fmt: skip


def test_country_body_suffixes_do_not_swallow_places_or_lists() -> None:
    # 省 ends a ministry's name only for a country whose ministries are so named (Japan)
    assert [m.type for m in find_actors("加拿大安大略省与中方")] == ["place"]
    assert [m.type for m in find_actors("中国河南省与美方")] == ["place"]
    # two bodies joined by 和 stay two
    ms = find_actors("俄罗斯经济发展部和虚构部将于明年")
    assert ms[0].text == "俄罗斯经济发展部"
    # a known third-country ministry keeps its entry; a Chinese name after a third
    # country is never the Chinese ministry
    assert ids("日本外务省与英国财政部") == ["jp.mofa", "gb.treasury"]
    (jp,) = find_actors("日本教育部")
    assert (jp.id, jp.type, jp.side) == (None, "candidate", "other")


def test_us_body_with_organisation_suffix_is_a_candidate() -> None:
    for text in ("美国国家虚构基金会将资助", "美國國家虛構基金會將資助"):
        (m,) = find_actors(text)
        assert (m.text, m.type, m.side) == (text[:-3], "candidate", "US")


def test_place_followed_by_an_organisation_name() -> None:
    (sco,) = find_actors("继续在上海合作组织框架内加强合作")
    assert (sco.text, sco.id, sco.side) == ("上海合作组织", "intl.sco", "international")
    assert sco.name_en == "Shanghai Cooperation Organisation"
    assert ids("在上合组织框架内") == ["intl.sco"]
    # an unknown <place>(合作)论坛/组织 is one candidate, not the place
    (forum,) = find_actors("双方支持太平洋岛国论坛发挥作用")
    assert (forum.text, forum.type) == ("太平洋岛国论坛", "candidate")
    (forum,) = find_actors("出席北京论坛")
    assert (forum.text, forum.type) == ("北京论坛", "candidate")
    # but not a place followed by a clause
    assert [(m.text, m.type) for m in find_actors("在上海举办论坛")] == [("上海", "place")]


def test_no_candidates_from_plain_clauses() -> None:
    for text in (
        "中国海关总署向美国派驻关员",
        "美国能源部于2013年签署备忘录",
        "美国签署了协议，中国部署了设备",
        "中国绿色数据中心节能研究",
        "美方支持东盟在地区架构中的中心地位",
    ):
        assert [m for m in find_actors(text) if m.type == "candidate"] == [], text


# --------------------------------------------------------------------------- English names


def test_us_prefix_composes_with_english_agency_names() -> None:
    text = "The U.S. Drug Enforcement Administration and the U.S. Fish and Wildlife Service met."
    ms = find_actors(text)
    check_offsets(text, ms)
    assert [(m.text, m.id) for m in ms] == [
        ("U.S. Drug Enforcement Administration", "us.doj.dea"),
        ("U.S. Fish and Wildlife Service", "us.doi.fws"),
    ]
    # names that already carry the prefix are unchanged; a bare name still resolves
    assert ids("the U.S. Department of Defense and the Drug Enforcement Administration") == [
        "us.dod", "us.doj.dea",
    ]  # fmt: skip


def test_china_possessive_stays_outside_agency_names() -> None:
    for name, eid in (
        ("Ministry of National Defense", "cn.mnd"),
        ("Ministry of Public Security", "cn.mps"),
        ("Ministry of Finance", "cn.mof"),
        ("National Nuclear Safety Administration", "cn.nnsa"),
    ):
        ms = find_actors(f"The U.S. side and China's {name} will meet.")
        assert [(m.text, m.id) for m in ms][-2:] == [("China", "place.cn"), (name, eid)]


def test_english_mechanism_names_match_in_lower_case() -> None:
    text = "The two sides will hold the next round of consular consultations in the autumn."
    (m,) = [m for m in find_actors(text) if m.type == "mechanism"]
    assert (m.text, m.id) == ("consular consultations", "mech.consular")
    assert ids("Consular consultations will resume.") == ["mech.consular"]
    # in another pair's document the bare name is that pair's: a candidate
    ms = find_actors(text, dialogue="eu")
    assert [(m.text, m.id, m.type) for m in ms] == [("consular consultations", None, "candidate")]
    # a lower-case name must still stand alone as words
    assert ids("the subconsular consultationsx") == []


# --------------------------------------------------------------------------- persons


def test_role_by_date() -> None:
    text = "杨洁篪会见外宾"
    assert only(text, "person.yang-jiechi").role is None  # no date, no role
    m = only(text, "person.yang-jiechi", on=dt.date(2010, 5, 1))
    assert (m.title, m.title_en, m.org) == ("外交部长", "Minister of Foreign Affairs", "cn.mfa")
    m = only(text, "person.yang-jiechi", on=dt.date(2016, 6, 6))
    assert m.title_en == "State Councilor" and m.org == "cn.state-council"
    m = only(text, "person.yang-jiechi", on=dt.datetime(2021, 3, 18, 9, 0))
    assert m.org == "cn.cfac.office"
    assert only(text, "person.yang-jiechi", on=dt.date(1990, 1, 1)).role is None


def test_role_written_next_to_the_name_wins() -> None:
    on = dt.date(2021, 3, 18)
    assert only("国务委员兼外长王毅表示", "person.wang-yi", on=on).title == "外交部长"
    assert only("王毅国务委员表示", "person.wang-yi", on=on).title == "国务委员"


def test_short_names_need_a_title() -> None:
    assert only("国务卿克里表示", "person.john-kerry").via == "short"
    assert only("克里国务卿表示", "person.john-kerry").via == "short"
    assert "person.john-kerry" not in ids("克里米亚半岛的局势")
    assert only("卡特部长期待访华", "person.ashton-carter").text == "卡特"
    assert "person.ashton-carter" not in ids("卡特彼勒公司")


# --------------------------------------------------------------------------- documents


def test_resolution_numbers_in_a_list() -> None:
    text = "呼吁履行联合国安理会第1696、1737和1929号决议"
    got = ids(text)
    assert got == ["intl.unsc", "doc.unscr-1696", "doc.unscr-1737", "doc.unscr-1929"]
    assert "doc.unscr-1737" not in ids("1737年的地图")


def test_empty_and_plain_text() -> None:
    assert find_actors("") == []
    assert find_actors("今天天气很好。") == []
    # common words that contain names
    assert find_actors("其中东部地区和有关部门") == []
    assert find_actors("这是个人行为") == []


# --------------------------------------------------------------------------- speed


def test_fifty_kilobytes_give_each_sentence_its_mentions() -> None:
    """A long document is read whole: every copy of a sentence gives the
    sentence's mentions at its own offsets (speed: benchmarks/extract_bench.py)."""
    from dataclasses import replace

    sentence = (
        "虚构第十条：中国海关总署和美国国土安全部海关与边境保护局决定，在中美战略与经济对话框架下，"
        "与美国能源部国家核安全署、国务院、商务部及联合国安理会第2270号决议相关方加强合作，"
        "国务卿克里和杨洁篪国务委员出席，一些普通的文字用于填充篇幅而不含任何机构名称。\n"
    )
    n = 50_000 // len(sentence.encode("utf-8")) + 1
    on = dt.date(2016, 6, 6)
    one = find_actors(sentence, on=on)
    assert len(one) == 10  # 联合国安理会 | 第2270号决议: the body and its resolution
    want = [replace(m, start=m.start + k * len(sentence), end=m.end + k * len(sentence))
            for k in range(n) for m in one]
    assert find_actors(sentence * n, on=on) == want


# --------------------------------------------------------------------------- seeds


@pytest.mark.seeds
@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed corpus at {SEEDS}")
def test_every_agency_like_span_in_the_seeds_has_an_english_name() -> None:
    files = sorted(SEEDS.glob("*.txt"))
    assert files
    unresolved: list[str] = []
    checked = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        mentions = find_actors(text)
        check_offsets(text, mentions)
        for s, e in agency_like_spans(text):
            checked += 1
            cover = [m for m in mentions if m.start <= e - 1 < m.end and m.id and m.name_en]
            if not cover:
                unresolved.append(f"{path.name}:{s}: {text[s:e]!r}")
    assert checked > 100
    assert unresolved == []


@pytest.mark.seeds
@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed corpus at {SEEDS}")
def test_coverage_script_reports_nothing_unresolved(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location(
        "gazetteer_coverage", REPO / "scripts" / "gazetteer_coverage.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # registered first: dataclasses look their module up in sys.modules
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    assert module.main([str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "UNRESOLVED" not in out


# --------------------------------------------------------------------------- speed-ups


def test_fast_mention_constructor_equals_the_dataclass() -> None:
    from luoshi.extract.actors import _mention
    from luoshi.extract.gazetteer import load_gazetteer

    role = load_gazetteer().roles_on("person.john-kerry", dt.date(2015, 6, 1))[0]
    values = ("克里", 3, 5, "person.john-kerry", "约翰·克里", "John Kerry", "US", "person",
              "約翰·克里", None, role, "short")  # fmt: skip
    fast, slow = _mention(*values), ActorMention(*values)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    with pytest.raises(AttributeError):
        fast.start = 0  # type: ignore[misc]


def test_default_gazetteer_is_the_packaged_one() -> None:
    from luoshi.extract.gazetteer import load_gazetteer

    text = "美国国务卿克里与中国国务院新闻办公室和美国能源部举行会谈。"
    assert find_actors(text) == find_actors(text, gazetteer=load_gazetteer())


_LAYOUT_ALPHABET = "美国能源部中2016 \n\t\u00a0a·"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_LAYOUT_ALPHABET, max_size=30))
def test_layout_whitespace_pattern_matches_its_lookbehind_form(text: str) -> None:
    # the pattern opens with the whitespace class (fast); it must find the same
    # runs as the plain definition: whitespace between CJK (or CJK and digits)
    import re

    from luoshi.extract.actors import _CJKISH, _LAYOUT_WS

    plain = re.compile(
        rf"(?<=[{_CJKISH}])[ \t\r\n\u00a0]+(?=[{_CJKISH}0-9])"
        rf"|(?<=[0-9])[ \t\r\n\u00a0]+(?=[{_CJKISH}])"
    )
    assert [m.span() for m in _LAYOUT_WS.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --------------------------------------------------------------------------- fourth round


@pytest.mark.parametrize(
    ("text", "body", "country"),
    [
        # a ministry name after any third country in the places table is that country's
        ("泰国交通部和老挝虚构部将参与研究", "泰国交通部", "place.thailand"),
        ("老挝公共工程与运输部将参与研究", "老挝公共工程与运输部", "place.laos"),
        ("越南卫生部与中方商定", "越南卫生部", "place.vietnam"),
        ("菲律宾财政部将于明年", "菲律宾财政部", "place.philippines"),
    ],
)
def test_asean_country_ministry_is_never_chinese(text: str, body: str, country: str) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    assert not [m for m in ms if m.side in ("CN", "US")], [(m.text, m.id) for m in ms]
    assert (ms[0].text, ms[0].id, ms[0].type, ms[0].parent) == (body, None, "candidate", country)


def test_every_third_country_in_the_places_table_blocks_the_chinese_ministry() -> None:
    from luoshi.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    countries = [e for e in gaz if e.type == "place" and e.side == "other"]
    assert countries
    for e in countries:
        for form in ("交通部", "财政部", "海关总署"):
            got = [m.id for m in find_actors(f"{e.zh}{form}将参与研究")]
            assert not any(i and i.startswith(("cn.", "us.")) for i in got), (e.zh, form, got)


def test_other_countries_customs_are_not_chinese() -> None:
    # 东盟各国海关: the customs of the ASEAN members, not China's (nor the CBP)
    for text in ("中国虚构总署与东盟各国海关将签署", "中国海关总署与东盟各国海关将签署"):
        got = [(m.text, m.id) for m in find_actors(text)]
        assert not [t for t, i in got if t == "海关"], got
    assert ids("中方与东盟成员国海关加强合作") == ["intl.asean"]


def test_sector_ministers_meeting_is_not_the_ministry() -> None:
    # 部长会议 / 部长级会晤: a meeting of ministers, not the ministry
    for text in (
        "将于下一届卫生部长会议前完成",
        "适时举行中美交通运输部长级会晤",
        "出席虚构国家交通部长会",
    ):
        got = [(m.text, m.id) for m in find_actors(text)]
        assert not [i for _, i in got if i and i.startswith(("cn.", "us."))], (text, got)
    # the minister himself still names the ministry
    assert "us.dot" in ids("美国交通部长虚构先生")


def test_bare_treasury_in_a_china_us_document_is_the_us_treasury() -> None:
    text = "the U.S. side will send a delegation led by the Deputy Secretary of the Treasury."
    assert ids(text, dialogue="us") == ["place.us", "us.treasury"]
    # in a China–U.K. text the bare form stays HM Treasury; a full name is never moved
    assert ids("the Treasury and the Bank of England", dialogue="uk")[0] == "gb.treasury"
    assert ids("HM Treasury", dialogue="us") == ["gb.treasury"]


def test_general_administration_of_customs_after_chinas() -> None:
    text = "The U.S. Department of Agriculture and China's General Administration of Customs intend"
    got = [(m.text, m.id) for m in find_actors(text)]
    assert ("General Administration of Customs", "cn.gac") in got


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # unknown bodies of international organisations are candidates, whole
        ("外交部与东盟虚构秘书处商定", "东盟虚构秘书处"),
        ("双方评价中国—东盟虚构中心发挥的作用", "中国—东盟虚构中心"),
        ("双方支持国际虚构组织(IMO)的目标", "国际虚构组织"),
        ("联合国虚构组织将参与", "联合国虚构组织"),
        ("东盟虚构理事会将参与", "东盟虚构理事会"),
    ],
)
def test_unknown_international_bodies_are_candidates(text: str, span: str) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    assert [(m.text, m.type) for m in ms if m.text == span] == [(span, "candidate")], [
        (m.text, m.id, m.type) for m in ms
    ]


def test_no_international_candidates_from_generic_phrases() -> None:
    for text in (
        "加强国际组织合作",
        "推动国际合作",
        "支持东盟共同体建设",
        "东盟各国组织",
        "在虚构堡国际经济论坛期间签署协议",  # 签署 is no 署
        "就国际恐怖组织造成的威胁交换意见",  # kinds of organisation, not names
        "与政府、国际政府组织、民间团体合作",
        "同国际和地区组织合作",
    ):
        assert [m for m in find_actors(text) if m.type == "candidate"] == [], text


def test_unknown_organs_right_after_an_organisation_are_candidates(tmp_path: Path) -> None:
    # without their gazetteer rows, 东盟秘书处 / 中国—东盟中心 / 国际海事组织 are still
    # reported whole, as candidates
    import shutil

    from luoshi.extract.gazetteer import load_gazetteer

    src = REPO / "luoshi" / "data" / "gazetteer"
    gdir = tmp_path / "gazetteer"
    shutil.copytree(src, gdir)
    intl = gdir / "intl.tsv"
    drop = ("intl.asean.secretariat\t", "intl.acc\t", "intl.imo\t")
    lines = intl.read_text(encoding="utf-8").splitlines(keepends=True)
    intl.write_text("".join(ln for ln in lines if not ln.startswith(drop)), encoding="utf-8")
    gaz = load_gazetteer(gdir)
    for text, span in (
        ("中国外交部与东盟秘书处商定", "东盟秘书处"),
        ("双方积极评价中国—东盟中心在促进贸易中的作用", "中国—东盟中心"),
        ("双方支持国际海事组织(IMO)关于减排的目标", "国际海事组织"),
    ):
        ms = find_actors(text, gazetteer=gaz)
        check_offsets(text, ms)
        got = [(m.text, m.type) for m in ms]
        assert (span, "candidate") in got, got
    # ASEAN centrality is no body
    assert [m.type for m in find_actors("维护东盟中心性", gazetteer=gaz)] == ["intl-org"]


# --------------------------------------------------------------------------- fifth round


def test_federal_reserve_board_is_one_mention() -> None:
    text = "In a fictional plan, the Federal Reserve Board and the People's Bank of China meet."
    ms = find_actors(text)
    check_offsets(text, ms)
    assert [(m.text, m.id) for m in ms][:1] == [("Federal Reserve Board", "us.fed")]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("In a fictional step, the U.S. Bureau of Imaginary Accounts and China's National Bureau "
         "of Statistics will meet.", "U.S. Bureau of Imaginary Accounts"),
        ("The U.S. Office of Pretend Trade Policy will host it.",
         "U.S. Office of Pretend Trade Policy"),
        ("The U.S. Widget Safety Agency will attend.", "U.S. Widget Safety Agency"),
        ("the U.S. Fictional Harbor Administration plans to",
         "U.S. Fictional Harbor Administration"),
        ("the U.S. Bureau of Made-up Industry and Security, and",
         "U.S. Bureau of Made-up Industry and Security"),
    ],
)  # fmt: skip
def test_unknown_english_us_body_is_a_candidate(text: str, span: str) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    got = [(m.text, m.id, m.type, m.side) for m in ms]
    assert (span, None, "candidate", "US") in got, got


def test_no_english_candidates_from_plain_us_phrases() -> None:
    for text in (
        "The U.S. and China will meet.",
        "U.S. officials and Chinese experts will meet.",
        "the U.S. Trade Representative and the U.S. Department of Energy",
        "U.S. Bureau of Fake Data and Chinese experts",
    ):
        cands = [m.text for m in find_actors(text) if m.type == "candidate"]
        assert all("Chinese" not in c for c in cands), (text, cands)
        if "Fake" not in text:
            assert cands == [], (text, cands)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("In a fictional step, China's National Widget Safety Administration will publish rules.",
         "National Widget Safety Administration"),
        ("The Chinese Center for Imaginary Studies and the U.S. Department of Energy will meet.",
         "Chinese Center for Imaginary Studies"),
        ("China’s Pretend Harbor Agency plans to attend.", "Pretend Harbor Agency"),
        ("the Chinese Centre for Made-up Weather and Climate Research will host it",
         "Chinese Centre for Made-up Weather and Climate Research"),
    ],
)  # fmt: skip
def test_unknown_english_chinese_body_is_a_candidate(text: str, span: str) -> None:
    # as "U.S." + capitalised … Agency, "China's"/"Chinese" + … Administration/Center/
    # Centre/Agency is an unknown body, whole; "China's" is not part of the name
    ms = find_actors(text)
    check_offsets(text, ms)
    got = [(m.text, m.id, m.type, m.side) for m in ms]
    assert (span, None, "candidate", "CN") in got, got


def test_no_english_chinese_candidates_from_plain_phrases() -> None:
    for text in (
        "Chinese experts and China's agencies will meet.",
        "China's Administration will decide.",
        "the Chinese side and the U.S. side",
        "China's National Health Commission will attend.",
    ):
        cands = [m.text for m in find_actors(text) if m.type == "candidate"]
        assert cands == [], (text, cands)


def test_unknown_body_with_xingwei_is_one_candidate() -> None:
    # 行为 holds the stop character 为 but is a word inside names (虚构行为监察局)
    text = "英國虛構行為監察局將於近期到訪。"
    ms = find_actors(text)
    check_offsets(text, ms)
    got = [(m.text, m.type, m.parent) for m in ms]
    assert got == [("英國虛構行為監察局", "candidate", "place.uk")]
    # but not a clause: 为 still stops a name (英国为此设立了…局 is not one)
    assert [m.text for m in find_actors("英国为此专门设立虚构局") if m.type == "candidate"] == []


@pytest.mark.parametrize(
    "text",
    [
        "双方将完成中英双边投资协定可行性研究。",
        "雙方將完成中英雙邊投資協定可行性研究。",
        "中欧双边投资协定",
    ],
)
def test_other_pairs_agreement_is_no_candidate(text: str) -> None:
    # an agreement named with another pair (中英双边投资协定) is a document, not a body:
    # names ending in 协定/协议/条约/公约/备忘录 are never agency candidates
    assert [m.text for m in find_actors(text) if m.type == "candidate"] == []
    # the negotiations are still another dialogue's mechanism
    ms = find_actors("中英双边投资协定谈判将继续。")
    assert [(m.text, m.type) for m in ms] == [("中英双边投资协定谈判", "candidate")]


@pytest.mark.parametrize(
    ("text", "span", "parent"),
    [
        ("虚构条款：非盟委员会虚构事务司将于明年举办培训班", "非盟委员会虚构事务司", "intl.auc"),
        ("中国商务部虚构事务司与美方商定", "中国商务部虚构事务司", "cn.mofcom"),
        ("美国国务院虚构事务处将派员出席", "美国国务院虚构事务处", "us.dos"),
        ("东盟秘书处虚构联络办公室将协调", "东盟秘书处虚构联络办公室", "intl.asean.secretariat"),
        ("中国海关总署虚构事务部门将参与", "中国海关总署虚构事务部门", "cn.gac"),
    ],
)
def test_department_of_a_known_organisation_is_one_candidate(
    text: str, span: str, parent: str
) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    assert (ms[0].text, ms[0].id, ms[0].type, ms[0].parent) == (span, None, "candidate", parent)


def test_department_words_that_are_no_sub_unit() -> None:
    for text, want in (
        ("美国农业部相关部门将参与", ["us.usda"]),
        ("中国商务部有关部门表示", ["cn.mofcom"]),
        ("中国商务部司长表示", ["cn.mofcom"]),
        ("中国商务部公司", ["cn.mofcom"]),
        ("中国海关总署司法协助", ["cn.gac"]),
        ("美国国务院此处表示", ["us.dos"]),
    ):
        assert ids(text) == want, (text, [(m.text, m.id) for m in find_actors(text)])


def test_issuing_body_of_a_resolution_is_an_actor_too() -> None:
    for text in ("虚构条款：双方重申支持全面落实联合国安理会第2178号决议。",
                 "虛構條款：雙方重申支持全面落實聯合國安理會第2178號決議。"):  # fmt: skip
        ms = find_actors(text)
        check_offsets(text, ms)
        assert [m.id for m in ms] == ["intl.unsc", "doc.unscr-2178"], text
        assert ms[0].text in ("联合国安理会", "聯合國安理會")
        assert ms[1].text in ("第2178号决议", "第2178號決議")
    # a title looked up alone stays one document (references' gazetteer lookup)
    assert ids("联合国安理会第2178号决议") == ["doc.unscr-2178"]


@pytest.mark.parametrize(
    ("text", "span", "eid"),
    [
        ("虚构条款：中国海关总署与南非虚构税务局签署", "南非虚构税务局", "place.south-africa"),
        ("国家税务总局将与埃塞俄比亚虚构部举行磋商", "埃塞俄比亚虚构部", "place.ethiopia"),
        ("加纳虚构局将举办培训", "加纳虚构局", "place.ghana"),
    ],
)
def test_african_country_bodies_are_candidates(text: str, span: str, eid: str) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    assert (span, None, "candidate", eid) in [(m.text, m.id, m.type, m.parent) for m in ms]


# ------------------------------------------------- English bodies the gazetteer does not know


def _found(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    ms = find_actors(text)
    check_offsets(text, ms)
    return [(m.text, m.id, m.side, m.parent) for m in ms]


def test_third_country_english_body_after_a_possessive_is_a_candidate_of_that_country() -> None:
    got = _found("Fictionland's Ministry of Reefs will help. Indonesia's National Research and "
                 "Innovation Agency will deploy floats.")
    assert ("Indonesia", "place.indonesia", "other", None) in got
    assert ("National Research and Innovation Agency", None, "other", "place.indonesia") in got


def test_english_body_with_a_listed_tail_or_a_country_inside_is_one_candidate() -> None:
    # (Japan's Ministry of Land, Infrastructure, Transport and Tourism is listed now: jp.mlit)
    got = _found("Japan's Ministry of Reefs, Infrastructure, Transport and Tourism and the "
                 "Maritime and Port Authority of Singapore will meet.")
    assert ("Ministry of Reefs, Infrastructure, Transport and Tourism", None, "other",
            "place.japan") in got
    assert ("Maritime and Port Authority of Singapore", None, "other", "place.singapore") in got
    assert not any(t == "Singapore" for t, *_ in got)  # absorbed into the body's name


def test_english_body_alone_in_a_sentence_is_a_candidate() -> None:
    assert _found("The Widget Development Agency will fund two projects.") == [
        ("Widget Development Agency", None, None, None)
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The City of Lakeport and Harbin will sign a sister-city agreement.", "City of Lakeport"),
        ("The Municipal Government of Fogtown will host the forum.",
         "Municipal Government of Fogtown"),
        ("The State of Westmark will lead the pilot.", "State of Westmark"),
        ("The Fogtown Municipal Government will host the forum.", "Fogtown Municipal Government"),
    ],
)
def test_english_local_governments_are_candidates(text: str, span: str) -> None:
    # a city's or state's government is an actor the gazetteer may not know: never dropped
    assert (span, None) in [(t, i) for t, i, *_ in _found(text)]


def test_no_local_government_candidates_from_plain_words() -> None:
    got = _found("Both governments will visit the Forbidden City and the city of Lakeport. "
                 "The Government will report, and the government of each side will help.")
    assert got == []


def test_known_english_names_bare_heads_and_sentence_words_stay_as_they_were() -> None:
    got = _found("The Department of State and the Bureau of Economic Analysis will report. "
                 "The Office will open and both sides welcomed the Board.")
    assert [(t, i) for t, i, *_ in got] == [
        ("Department of State", "us.dos"),
        ("Bureau of Economic Analysis", "us.doc.bea"),
    ]


# --------------------------------------------------------------------------- round 8


@pytest.mark.parametrize(
    ("text", "eid"),
    [
        ("农业农村部", "cn.mara"),
        ("中国农业农村部", "cn.mara"),
        ("Ministry of Agriculture and Rural Affairs", "cn.mara"),
        ("国家开发银行", "cn.cdb"),
        ("中国进出口银行", "cn.eximbank"),
        ("中国农业发展银行", "cn.adbc"),
        ("国家数据局", "cn.nda"),
        ("退役军人事务部", "cn.mva"),
        ("中国国家移民管理局", "cn.nia"),
        ("法兰西银行", "fr.bdf"),
        ("新加坡企业发展局", "sg.esg"),
        ("Enterprise Singapore", "sg.esg"),
        ("Singapore Customs", "sg.customs"),
        ("Austrade", "au.austrade"),
        ("Reserve Bank of Australia", "au.rba"),
        ("CSIRO", "au.csiro"),
        ("Department of Agriculture, Fisheries and Forestry", "au.daff"),
    ],
)
def test_round8_bodies_resolve(text: str, eid: str) -> None:
    assert ids(text) == [eid]


def test_ccpit_keeps_china_in_its_name() -> None:
    for text in ("中国国际贸易促进委员会",
                 "China Council for the Promotion of International Trade"):
        (m,) = find_actors(text)
        assert (m.text, m.id) == (text, "cn.ccpit")


def test_english_name_with_of_china_is_the_chinese_body() -> None:
    got = _found("Ministers welcomed the Ministry of Education of China and the Ministry of "
                 "Commerce of the People's Republic of China.")
    assert [(t, i) for t, i, *_ in got] == [
        ("Ministry of Education of China", "cn.moe"),
        ("Ministry of Commerce of the People's Republic of China", "cn.mofcom"),
    ]
    # "China's" before a name stays the place
    assert ids("China's Ministry of Education") == ["place.cn", "cn.moe"]


@pytest.mark.parametrize(
    ("dialogue", "want"),
    [("us", "us.treasury"), ("uk", "gb.treasury"), ("au", "au.treasury"), ("fr", None)],
)
def test_bare_treasury_is_the_partners(dialogue: str, want: str | None) -> None:
    (m, *_) = find_actors("The Treasury and China's Ministry of Finance will meet.",
                          dialogue=dialogue)
    assert (m.text, m.id) == ("Treasury", want)
    if want is None:  # a partner without one listed: a candidate of that country
        assert (m.type, m.parent, m.side) == ("candidate", "place.france", "other")


def test_business_centre_is_no_body() -> None:
    assert [(m.text, m.type) for m in find_actors("在苏州设立中国业务中心")] == [("中国", "place")]
    # a real centre stays
    assert ids("中国卫生人才交流服务中心") == ["cn.nhfpc.hhrdc"]
    (m,) = find_actors("美国国家虚构中心")
    assert m.type == "candidate"


def test_bank_name_before_the_banking_trade_is_not_the_bank() -> None:
    assert "jp.boj" not in ids("日本银行业协会")
    assert ids("日本银行宣布") == ["jp.boj"]


# --------------------------------------------------------------------------- round 9


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a third country's ministry is never the Chinese one inside it (农业部, 文化部)
        ("海关总署与匈牙利农业部同意", [("海关总署", "cn.gac"), ("匈牙利农业部", "hu.am")]),
        ("文化和旅游部与捷克文化部将举办", [("文化和旅游部", "cn.mct"), ("捷克文化部", "cz.mkcr")]),
        ("塞尔维亚虚构部将于明年", [("塞尔维亚虚构部", None)]),
        # "Korea's" is the Republic of Korea's; DG names as the EU writes them
        ("Korea's Ministry of Education will", [("Korea", "place.south-korea"),
                                               ("Ministry of Education", "kr.moe")]),
        ("The European Commission (DG TRADE) and", [("European Commission", "eu.commission"),
                                                   ("DG TRADE", "eu.commission.trade")]),
        # 中东欧 is not 中东 + 欧
        ("中东欧国家", [("中东欧", "place.cee")]),
    ],
)
def test_round9_partner_bodies(text: str, want: list[tuple[str, str | None]]) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    assert [(m.text, m.id) for m in ms] == want


@pytest.mark.parametrize(
    "text",
    [
        "中国—中东欧国家地方省州长联合会继续发挥作用",
        "中国—中东欧国家地方省州长联合会秘书处将于8月底前发布报告",  # its secretariat, whole
    ],
)
def test_pair_body_and_its_secretariat_are_one_candidate(text: str) -> None:
    (m,) = find_actors(text)
    assert m.type == "candidate" and m.parent == "place.cee" and m.side == "other"
    assert m.text.startswith("中国—中东欧") and m.text.endswith(("联合会", "联合会秘书处"))


@pytest.mark.parametrize(
    ("text", "body", "parent", "side"),
    [
        ("浙江省人民政府与中方商定", "浙江省人民政府", "place.zhejiang", "CN"),
        ("宁波市与波兰罗兹市政府签署协议", "波兰罗兹市政府", "place.lodz", "other"),
        ("匈牙利佩奇市政府将", "匈牙利佩奇市政府", "place.pecs", "other"),
        ("波兰马佐夫舍省政府将", "波兰马佐夫舍省政府", "place.poland", "other"),  # unknown province
        ("美国加利福尼亚州政府将", "美国加利福尼亚州政府", "place.california", "US"),
    ],
)
def test_local_government_is_a_candidate_of_its_place(
    text: str, body: str, parent: str, side: str
) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    (m,) = [m for m in ms if m.type == "candidate"]
    assert (m.text, m.parent, m.side) == (body, parent, side)


@pytest.mark.parametrize("text", ["北京市政府采购", "波兰政府", "中国政府", "上海市政府工作报告"])
def test_no_local_government_candidate(text: str) -> None:
    assert not [m for m in find_actors(text) if m.type == "candidate"]


# --------------------------------------------------------------------------- round 10


@pytest.mark.parametrize(
    ("text", "body", "actor_id"),
    [
        ("中国农业科学院与美方将建立联合实验室", "中国农业科学院", "cn.caas"),
        ("中国林业科学研究院将", "中国林业科学研究院", "cn.caf"),
        ("国际合作司与美国农业部对外农业局将完成评估", "美国农业部对外农业局", "us.usda.fas"),
        ("海关总署与美国农业部动植物卫生检验局将", "美国农业部动植物卫生检验局", "us.usda.aphis"),
        ("国家航天局与俄罗斯国家航天集团公司将继续合作", "俄罗斯国家航天集团公司", "ru.roscosmos"),
        ("教育部与俄罗斯联邦科学和高等教育部将", "俄罗斯联邦科学和高等教育部", "ru.minobrnauki"),
        ("双方在上海合作组织、金砖国家等框架内协调", "金砖国家", "intl.brics"),
    ],
)
def test_round10_bodies(text: str, body: str, actor_id: str) -> None:
    m = only(text, actor_id)
    assert m.text == body
    check_offsets(text, find_actors(text))


def test_unknown_bureau_with_a_stop_word_stays_one_candidate_under_its_parent() -> None:
    # 对外 holds a stop character but is common in names (对外联络局)
    text = "美国农业部对外联络局将通报"
    (m,) = [m for m in find_actors(text) if m.type == "candidate"]
    assert (m.text, m.parent) == ("美国农业部对外联络局", "us.usda")


@pytest.mark.parametrize(
    "text",
    [
        "the U.S.-China Clean Energy Research Center",
        "the US-China Clean Energy Research Center",
        "the China-U.S. Clean Energy Research Center",
        "the China–US Clean Energy Research Center",
        "the U.S.–China Clean Energy Research Center",
    ],
)
def test_english_pair_order_and_dash_variants(text: str) -> None:
    m = only(text, "mech.cerc")
    assert m.text == text[4:]


def test_pair_variant_leaves_a_bare_alias_after_the_pair() -> None:
    # the name without the pair is an alias of its own: found as written before
    m = only("the first U.S.-China Law Enforcement and Cybersecurity Dialogue", "mech.lecd")
    assert m.text == "Law Enforcement and Cybersecurity Dialogue"


def test_pair_committee_and_its_secretariat_are_one_candidate() -> None:
    text = "双方商定，中俄总理定期会晤委员会秘书处将对本公报落实情况进行跟踪评估"
    (m,) = [m for m in find_actors(text) if m.type == "candidate"]
    assert m.text == "中俄总理定期会晤委员会秘书处"


def test_a_bare_ambiguous_form_joined_by_yu_is_the_other_sides_counterpart():
    from luoshi.extract.actors import find_actors

    got = [(m.text, m.id) for m in find_actors("美国贸易代表办公室与商务部计划完成磋商。")]
    assert got == [("美国贸易代表办公室", "us.ustr"), ("商务部", "cn.mofcom")]
    got = [(m.text, m.id) for m in find_actors("美国贸易发展署、运输部和商务部将参加。")]
    assert ("商务部", "us.doc") in got


@pytest.mark.parametrize(
    ("text", "body", "actor_id"),
    [
        ("农业农村部与德国联邦食品和农业部将", "德国联邦食品和农业部", "de.bmel"),
        ("商务部与新西兰外交贸易部将", "新西兰外交贸易部", "nz.mfat"),
        ("海关总署与新西兰初级产业部将", "新西兰初级产业部", "nz.mpi"),
        ("文化和旅游部与新西兰商业、创新和就业部将", "新西兰商业、创新和就业部", "nz.mbie"),
        ("教育部与新西兰教育部将", "新西兰教育部", "nz.moe"),
        ("国家留学基金管理委员会与美国教育部将", "国家留学基金管理委员会", "cn.csc"),
    ],
)
def test_round12_bodies(text: str, body: str, actor_id: str) -> None:
    m = only(text, actor_id)
    assert m.text == body
    check_offsets(text, find_actors(text))


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("新西兰商业、创新和就业局与商务部签署", "新西兰商业、创新和就业局"),
        ("法国经济、财政和工业主权部与会", "法国经济、财政和工业主权部"),
        (
            "德国联邦环境、自然保护、核安全和消费者保护局将",
            "德国联邦环境、自然保护、核安全和消费者保护局",
        ),
        ("国家虚构基金管理委员会与美国教育部将", "国家虚构基金管理委员会"),
        ("国家虚构事务局将与美方", "国家虚构事务局"),
    ],
)
def test_unknown_enumerated_or_state_body_is_one_candidate(text: str, body: str) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    assert (ms[0].text, ms[0].id, ms[0].type) == (body, None, "candidate"), [
        (m.text, m.id) for m in ms
    ]


@pytest.mark.parametrize(
    "text",
    ["英国外交部、财政部和商务部会谈", "法国外交、欧洲事务部和财政部", "发展国家和地区委员会"],
)
def test_a_list_of_bodies_is_not_one_enumerated_name(text: str) -> None:
    ms = find_actors(text)
    check_offsets(text, ms)
    assert not [m for m in ms if "、" in m.text or m.text.startswith("国家和")], [
        (m.text, m.id) for m in ms
    ]


def test_a_long_china_us_mechanism_name_is_found_without_its_pair() -> None:
    # (mech.lopa's English name is "China–U.S. Dialogue on the Law of the Sea and Polar Issues")
    got = _found("They will hold the seventh Dialogue on the Law of the Sea and Polar Issues.")
    assert ("Dialogue on the Law of the Sea and Polar Issues", "mech.lopa") in [
        (t, i) for t, i, *_ in got]


def test_a_china_brazil_or_pakistan_mechanism_is_never_a_china_us_one() -> None:
    got = _found("双方同意于明年举行中巴领事磋商。其中巴西农业部将派员参加。")
    assert ("中巴领事磋商", None) in [(t, i) for t, i, *_ in got]
    assert "mech.consular" not in [i for _, i, *_ in got]


def test_a_third_country_body_named_with_higher_education_is_one_candidate() -> None:
    # 高等 holds 等 (a stop character elsewhere: 中国、美国等国家)
    got = _found("双方同意由中国教育部和虚构国科学和高等教育部共同实施。")
    assert ("中国教育部", "cn.moe") in [(t, i) for t, i, *_ in got]
    assert next(i for _, i, *_ in got) == "cn.moe"
    assert _found("由老挝高等教育部实施。") == [("老挝高等教育部", None, "other", "place.laos")]


def test_an_english_name_wrapped_over_two_lines_is_one_mention() -> None:
    got = _found("The National Energy\nAdministration will host the forum.")
    assert ("National Energy\nAdministration", "cn.nea") in [(t, i) for t, i, *_ in got]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The Secretariat of Tides of Fogland will sign.", "Secretariat of Tides of Fogland"),
        ("The Bank of Fogland will sign.", "Bank of Fogland"),
    ],
)
def test_a_body_of_a_third_country_named_after_of_is_one_candidate(text: str, span: str) -> None:
    # (Fogland is no gazetteer place: the body is a candidate of no known country)
    assert span in [t for t, *_ in _found(text)]


def test_a_third_countrys_ministry_named_like_chinas_is_that_countrys() -> None:
    got = _found("The Ministry of Agriculture of Indonesia will host it.")
    assert got == [("Ministry of Agriculture of Indonesia", None, "other", "place.indonesia")]
    assert ("Ministry of Agriculture of China", "cn.moa") in [
        (t, i) for t, i, *_ in _found("The Ministry of Agriculture of China will host it.")]


def test_a_bank_inside_a_dialogues_name_is_no_body() -> None:
    assert _found("They exchange views through the Central Bank Dialogue.") == []
