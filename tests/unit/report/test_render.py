"""The rendered page: one valid, self-contained, escaped, deterministic HTML file."""

from __future__ import annotations

import re

import lxml.html
from report_fixtures import HOSTILE, make_input

from luoshi.report import render_report
from luoshi.report.view import ReportInput

OUR_SCRIPT = "click a column heading to sort"


def _tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def test_page_is_self_contained(report_input: ReportInput):
    html = render_report(report_input)
    tree = _tree(html)
    for el in tree.iter():
        for attr in ("src", "href", "xlink:href", "action", "data"):
            value = (el.get(attr) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (el.tag, attr, value)
    assert not tree.xpath("//link | //img | //iframe | //object | //embed")
    assert "url(" not in html and "@import" not in html
    # the one script is ours, inline
    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and OUR_SCRIPT in scripts[0].text and scripts[0].get("src") is None


def test_hostile_text_from_documents_is_escaped(report_input: ReportInput):
    html = render_report(report_input)
    assert '<script>alert("' not in html and "<b>粗</b>" not in html
    assert "&lt;script&gt;" in html
    tree = _tree(html)
    assert len(tree.xpath("//script")) == 1 and not tree.xpath("//b")
    # shown as text: in the document table, the commitment row and its parties
    texts = [el.text_content() for el in tree.xpath("//td")]
    assert any(HOSTILE in t for t in texts)
    doc_row = tree.get_element_by_id("doc-dbadd00dbad")
    assert HOSTILE in doc_row.text_content()
    # and in attributes (the citation link's tooltip) it stays one attribute value
    links = tree.xpath("//a[@class='doc'][@href='#doc-dbadd00dbad']")
    assert links and all(HOSTILE in a.get("title") for a in links)


def test_status_charts_are_inline_svg(report_input: ReportInput):
    tree = _tree(render_report(report_input))
    for section, bars in (("by-round", 2), ("by-topic", 4)):
        svgs = tree.get_element_by_id(section).xpath(".//svg")
        assert len(svgs) == 1
        assert len(svgs[0].xpath("./g[@class='bar']")) == bars
    round_svg = tree.get_element_by_id("by-round").xpath(".//svg")[0]
    first_bar = round_svg.xpath("./g[@class='bar']")[0]
    # five statuses in round 1, each a coloured segment with its count
    assert len(first_bar.xpath("./rect")) == 5
    assert "中美示范合作对话 第1轮" in first_bar.text_content()


def test_overdue_rows_cite_their_source_sentences(report_input: ReportInput):
    tree = _tree(render_report(report_input))
    section = tree.get_element_by_id("overdue")
    rows = section.xpath(".//tbody/tr")
    assert [r.get("data-status") for r in rows] == ["overdue", "overdue"]
    first = rows[0].text_content()
    assert "dfeedc0ffee" in first and "item 3" in first and "[30, 38)" in first
    assert "双方决定在2031年6月底前完成虚构禁毒合作谅解备忘录的修订。" in first
    assert "U.S. Department of State" in first
    quote = rows[0].xpath(".//blockquote")[0].text_content()
    assert quote == "双方决定在2031年6月底前完成虚构禁毒合作谅解备忘录的修订。"


def test_timeline_marks_planned_windows_and_held_dates(report_input: ReportInput):
    tree = _tree(render_report(report_input))
    (article,) = tree.xpath("//article[h3[contains(., '虚构工作组会议')]]")
    svg = article.xpath(".//svg[@class='timeline']")[0]
    assert len(svg.xpath(".//circle[@class='held']")) == 2
    assert len(svg.xpath(".//rect[@class='planned']")) == 3
    assert svg.xpath(".//line[@class='today']")
    cells = [tr.xpath("./td")[3].text_content() for tr in article.xpath(".//tbody/tr")]
    assert cells == ["2031-10-20", "2032-04-14 – 2032-04-15", "—"]
    assert "第二次会议于2032年4月14日至15日举行。" in article.text_content()


def test_same_input_same_page(report_input: ReportInput):
    a = render_report(report_input)
    b = render_report(make_input(rows=list(reversed(make_input().rows))))
    assert a == b


def test_only_the_pinned_dates_appear_as_timestamps(report_input: ReportInput):
    html = render_report(report_input)
    stamps = set(re.findall(r"\d{4}-\d\d-\d\dT[\d:]+Z?", html))
    assert stamps == {"2032-06-01T00:00:00Z", "2032-03-01T00:00:00Z"}  # generated, override


def test_empty_ledger_gives_a_valid_page_that_says_so():
    html = render_report(ReportInput(as_of="2032-06-01", generated_at="2032-06-01T00:00:00Z"))
    tree = _tree(html)
    summary = tree.get_element_by_id("summary").text_content()
    assert "no commitments yet" in summary
    assert not tree.xpath("//svg[@class='bars']")
    assert tree.xpath("//h1")


def test_notes_are_shown(report_input: ReportInput):
    html = render_report(make_input(notes=["series:x: timeline unavailable"]))
    assert "series:x: timeline unavailable" in _tree(html).xpath("//aside")[0].text_content()


def test_a_quoted_sentence_marks_the_cited_clause():
    from report_fixtures import rows

    data = rows()[:1]
    data[0]["quote"] = ["双方", "决定举行<会议>", "。"]
    data[0]["item_title"] = "虚构工作组"
    tree = _tree(render_report(make_input(rows=data)))
    quote = tree.xpath("//section[@id='commitments']//blockquote")[0]
    assert quote.text_content() == "双方决定举行<会议>。"
    assert quote.xpath("./mark")[0].text == "决定举行<会议>"
    assert "「虚构工作组」" in quote.getparent().text_content()


def test_ids_are_unique(report_input: ReportInput):
    ids = _tree(render_report(report_input)).xpath("//@id")
    assert len(ids) == len(set(ids))
    assert "c-cfeedc0ffee-3-30-38" in ids  # an overdue row, anchored once
