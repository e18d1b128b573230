"""The parse issue's acceptance checks, on the five real seed documents."""

from __future__ import annotations

from luoshi.model import Document


def kinds(doc: Document) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in doc.defects:
        out.setdefault(d.kind, []).append(d.detail)
    return out


def test_000_pdf_text_with_title_only_in_page_header(seed):
    doc = seed("000")
    assert doc.title == "第八轮中美战略与经济对话框架下战略对话具体成果清单"
    assert doc.kind == "outcome-list"
    m = doc.meeting
    assert (m.mechanism, m.track, m.round) == ("中美战略与经济对话", "战略对话", 8)
    assert (m.start, m.end, m.venue) == ("2016-06-06", "2016-06-07", "北京")
    assert [(c.name, c.side) for c in m.chairs] == [("杨洁篪", "CN"), ("约翰·克里", "US")]
    assert [s.number for s in doc.sections] == ["一", "二", "三"]
    assert [it.number for it in doc.items] == list(range(1, 46))
    titles = {it.number: it.title for it in doc.items}
    assert titles[1] == "高层交往"
    assert titles[13] == "中国海关与美国能源部关于防扩散出口管制商品识别培训"
    assert titles[44] == "中美气候变化工作组——载重汽车和其他汽车"
    assert titles[45] == "中美气候变化工作组——智能电网"
    assert all(t for t in titles.values())
    assert "truncated-document" in kinds(doc)
    # wraps joined without spaces, the continuation marker gone from item text
    item11 = doc.items[10]
    assert "互访等方式" in item11.text.replace("\n", "")
    assert "下转" not in doc.items[-1].text


def test_001_archive_record_metadata_and_116_items(seed):
    doc = seed("001")
    assert doc.published == "2014-07-12"
    assert doc.title == "第六轮中美战略与经济对话框架下战略对话具体成果清单"
    assert doc.source.format == "archive"
    assert len(doc.sections) == 8
    assert [it.number for it in doc.items] == list(range(1, 117))
    for it in doc.items:
        assert "下转" not in it.text and "上接" not in it.text
        assert "〖" not in it.text
    assert doc.dateline is not None and doc.dateline.agency == "新华社"
    assert doc.dateline.date == "2014-07-11"
    assert doc.meeting.round == 6
    assert (doc.meeting.start, doc.meeting.end) == ("2014-07-09", "2014-07-10")


def test_002_scraped_markdown_duplicates_gap_truncation(seed):
    doc = seed("002")
    numbers = [it.number for it in doc.items]
    assert sorted(numbers) == list(range(1, 18)) + list(range(21, 30))
    assert len(numbers) == len(set(numbers))  # once each
    k = kinds(doc)
    assert any("18–20" in d for d in k["numbering-gap"])
    assert "duplicate-block" in k
    assert any("item 17" in d for d in k["truncated-item"])
    assert any("item 29" in d for d in k["truncated-item"])
    assert "truncated-document" in k
    assert doc.title == "中美元首杭州会晤中方成果清单"
    assert doc.meeting.venue == "杭州"
    assert doc.meeting.start == "2016-09-03"


def test_003_web_page_without_navigation(seed):
    doc = seed("003")
    assert len(doc.sections) == 2
    assert [it.number for it in doc.items] == list(range(1, 39))
    junk = ("当前位置", "首页", "地址", "电话", "研究院", "低碳研究")
    for it in doc.items:
        assert not any(j in it.text for j in junk), it.number
    assert doc.published == "2015-06-29"
    assert (doc.meeting.round, doc.meeting.start, doc.meeting.end) == (
        7,
        "2015-06-22",
        "2015-06-24",
    )
    assert doc.meeting.venue == "华盛顿"


def test_004_traditional_narrative_events(seed):
    doc = seed("004")
    assert doc.source.script == "Hant"
    assert doc.kind == "narrative"
    got = [(e.start, e.end) for e in doc.events]
    assert got == [
        ("2005-08-01", "2005-08-01"),
        ("2005-12-07", "2005-12-08"),
        ("2006-11-08", "2006-11-08"),
        ("2007-06-20", "2007-06-21"),
        ("2008-01-17", "2008-01-18"),
        ("2008-12-01", "2008-12-31"),
        ("2021-03-18", "2021-03-19"),
    ]
    places = [e.place for e in doc.events]
    assert places[0] == "北京" and "貴陽" in places[4] and places[-1] == "安克雷奇"
    assert doc.title == "中美戰略對話"  # original script kept


def test_every_span_points_at_its_text_in_the_source(seed):
    for prefix in ("000", "001", "002", "003", "004"):
        doc = seed(prefix)
        for it in doc.items:
            s, e = it.span
            src = doc.text[s:e]
            assert it.label in src[: len(it.label) + 4]
            if it.title:
                ts, te = it.title_span
                assert "".join(doc.text[ts:te].split()) == "".join(it.title.split())
        for ev in doc.events:
            assert ev.place and ev.place in doc.text[ev.span[0] : ev.span[1]]
        for d in doc.defects:
            if d.span:
                assert 0 <= d.span[0] <= d.span[1] <= len(doc.text)
