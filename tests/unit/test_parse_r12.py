"""Twelfth-round layouts on small fictional documents (虚构示例): an HTML table with a
number column, articles 第N条 under chapters, and a letter list that runs past (h)."""

from __future__ import annotations

from luoshi.markers import match_marker
from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.document import build_document
from luoshi.readers import read_bytes
from luoshi.textmap import MappedText


def parse_text(text: str):
    raw = RawDocument(text, MappedText.root(text), SourceInfo("fixture.txt", "0", "text", "utf-8"))
    return build_document(raw)


TABLE_PAGE = """<html><head><title>第三轮示范对话成果清单_示范网</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/x/">新闻</a></div>
<h1>第三轮示范对话成果清单</h1>
<p>2031年4月2日，第三轮示范对话在雾港举行。双方达成如下成果：</p>
<table>
<tr><th>序号</th><th>成果</th><th>责任单位</th></tr>
<tr><td>1</td><td>双方同意于2032年在云城举行第四轮示范对话。</td><td>示范部、雾港示范署</td></tr>
<tr><td>2</td><td>双方将于今年10月在雾港举办第二届示范论坛。</td><td>示范部</td></tr>
<tr><td>3</td><td>双方决定年底前建立示范工作组，并于明年召开首次会议。</td><td>示范署、示范局</td></tr>
</table>
</body></html>
"""


def _page(html: str):
    return read_bytes(html.encode("utf-8"), "page.html", name_hint="page.html")


def test_html_table_with_a_number_column_draws_each_row_as_an_item():
    raw = _page(TABLE_PAGE)
    body = raw.body.text
    assert "序号" not in body and "责任单位" not in body  # the header row names columns
    assert "1. 双方同意于2032年在云城举行第四轮示范对话。\n\n示范部、雾港示范署" in body
    assert "3. 双方决定年底前建立示范工作组" in body
    doc = build_document(raw)
    assert [it.number for it in doc.items] == [1, 2, 3]
    assert doc.items[1].text.startswith("双方将于今年10月在雾港举办第二届示范论坛。")
    for it in doc.items:  # spans index the decoded source
        s, e = it.span
        assert TABLE_PAGE[s:e].startswith(f"{it.number}</td><td>双方")


def test_html_table_header_row_written_with_td_cells_names_the_columns():
    # many CMS editors write the header row with <td> (often bold) instead of <th>
    page = TABLE_PAGE.replace("<th>", "<td><strong>").replace("</th>", "</strong></td>")
    raw = _page(page)
    assert "序号" not in raw.body.text and "责任单位" not in raw.body.text
    doc = build_document(raw)
    assert [it.number for it in doc.items] == [1, 2, 3]
    assert doc.items[2].text.startswith("双方决定年底前建立示范工作组")


def test_html_table_first_row_of_data_is_not_a_header():
    # a table whose first row already holds a numbered item has no header to drop
    page = TABLE_PAGE.replace("<tr><th>序号</th><th>成果</th><th>责任单位</th></tr>\n", "")
    body = _page(page).body.text
    assert "双方同意于2032年在云城举行第四轮示范对话" in body


def test_html_table_without_a_number_column_stays_as_it_is():
    page = TABLE_PAGE.replace("<th>序号</th>", "<th>类别</th>").replace(
        "<td>1</td>", "<td>甲</td>")
    body = _page(page).body.text
    assert "类别 成果 责任单位" in body
    assert "甲 双方同意于2032年在云城举行第四轮示范对话。 示范部、雾港示范署" in body


ARTICLES = """示范联合委员会第九次会议纪要

2031年3月4日，示范联合委员会第九次会议在雾港举行。双方就以下事项达成一致：

第一章　贸易合作

第一条　双方同意于2032年在云城举行示范联合委员会第十次会议。

第二条　双方将于明年3月底前完成示范协定升级的联合研究。

第二章　人文交流

第3条 双方同意每年举办一次示范青年论坛。

第四条　双方同意在下一次会议上审议本纪要的落实情况。

本纪要于2031年3月4日在雾港签署，一式两份，每份均用中文和英文写成，两种文本同等作准。

甲方代表　　　　　　乙方代表
"""


def test_article_marker_kind_reads_chinese_and_arabic_numbers():
    m = match_marker("第十二条　双方同意…")
    assert m is not None and (m.kind, m.value, m.label) == ("article", 12, "第十二条")
    m = match_marker("第3条 双方同意…")
    assert m is not None and (m.kind, m.value) == ("article", 3)
    assert match_marker("第三条") is None  # a bare marker is no item


def test_articles_under_chapters_are_items_and_the_signing_clause_is_back_matter():
    doc = parse_text(ARTICLES)
    assert [(s.number, s.title) for s in doc.sections] == [("一", "贸易合作"), ("二", "人文交流")]
    assert [(it.number, it.label, it.section) for it in doc.items] == [
        (1, "第一条", "一"), (2, "第二条", "一"), (3, "第3条", "二"), (4, "第四条", "二")]
    assert doc.items[0].text == "双方同意于2032年在云城举行示范联合委员会第十次会议。"
    assert doc.items[3].text == "双方同意在下一次会议上审议本纪要的落实情况。"


_AF = "\n\n".join(f"({c}) The sides agreed on item {c} of the fictional list." for c in "abcdef")
LETTERS = """# Fictional Dialogue: Outcomes

The two sides reached the following outcomes:

""" + _AF + """

(g) The two sides decided to:

(i) exchange views on fictional topics every year; and

(ii) set up a fictional working group.

(h) The sides agreed on item h of the fictional list.

(i) The sides agreed on item i of the fictional list.

(j) The sides agreed on item j of the fictional list.

(k) The sides agreed on item k of the fictional list.
"""


def test_a_letter_list_runs_on_past_h_while_a_roman_sub_list_stays_in_its_item():
    doc = parse_text(LETTERS)
    assert [it.label for it in doc.items] == [f"({c})" for c in "abcdefghijk"]
    assert "(ii) set up a fictional working group." in doc.items[6].text
    assert "(i) exchange views" in doc.items[6].text
    assert doc.items[8].text == "The sides agreed on item i of the fictional list."


def test_i_after_h_followed_by_ii_is_a_roman_sub_list():
    text = LETTERS.replace(
        "(h) The sides agreed on item h of the fictional list.\n\n(i) The sides agreed on item i"
        " of the fictional list.\n\n(j) The sides agreed on item j of the fictional list.\n\n"
        "(k) The sides agreed on item k of the fictional list.\n",
        "(h) The sides decided to:\n\n(i) meet in a fictional town; and\n\n"
        "(ii) review the fictional list.\n")
    doc = parse_text(text)
    assert [it.label for it in doc.items][-1] == "(h)"
    assert "(ii) review the fictional list." in doc.items[-1].text
