"""Tenth held-out round: parse rules on small fictional documents (虚构示例).

Every document here is invented for the test: dialogues, bodies, places and dates.
"""

from __future__ import annotations

from luoshi.parse.document import build_document
from luoshi.readers import read_bytes


def _parse(text: str, name: str):
    raw = read_bytes(text.encode(), name, name_hint=name)
    return raw, build_document(raw)


# -- 1. A Markdown table whose 序号 column numbers the rows ------------------------------

TABLE_MD = """# 虚构示范工作组第二次会议成果落实计划

2031年4月9日，虚构示范工作组第二次会议在长沙举行。双方商定以下成果：

| 序号 | 成果内容 | 牵头单位 | 完成时限 |
|---|:---|---|---|
| 1 | 双方同意举行示范工作组第三次会议。 | 示范部、虚构国示范局 | 2031年下半年 |
| 2 | 双方将联合编制《示范通关指南》。 | 示范总署 | 2031年6月底前 |
| 3 | 双方将交换示范产品检疫信息。 | 示范总署、虚构国农业部 |  |
| 4 | 双方重申支持多边贸易体制。 | 示范部 | — |

中方牵头单位：示范部国际司　　虚构方牵头单位：虚构国示范局国际处
"""


def test_markdown_table_rows_are_items_numbered_by_their_number_column():
    raw, doc = _parse(TABLE_MD, "plan.md")
    assert [it.number for it in doc.items] == [1, 2, 3, 4]
    first = doc.items[0]
    # the content cell first, then each further cell on a line of its own
    assert first.text == "双方同意举行示范工作组第三次会议。\n示范部、虚构国示范局\n2031年下半年"
    assert doc.items[2].text == "双方将交换示范产品检疫信息。\n示范总署、虚构国农业部"  # empty cell
    # the header names are no text; the signature line under the table is no item
    assert "成果内容" not in raw.body.text
    assert doc.items[-1].text == "双方重申支持多边贸易体制。\n示范部\n—"
    # every cell maps back to its place in the Markdown source
    a, b = first.span
    assert raw.text[a:b].startswith("1 | 双方同意")
    assert raw.text[a:b].endswith("2031年下半年")
    assert not any(d.kind.startswith("truncated") for d in doc.defects)


def test_markdown_table_without_a_number_column_is_not_a_list():
    text = ("# 虚构会议纪要\n\n| 议题 | 说明 |\n|---|---|\n| 示范合作 | 双方交换意见。 |\n"
            "| 人员交流 | 双方同意扩大交流。 |\n")
    raw, _doc = _parse(text, "notes.md")
    lines = [ln for ln in raw.body.text.split("\n") if ln.strip()]
    assert lines[1:] == ["示范合作", "双方交换意见。", "人员交流", "双方同意扩大交流。"]


# -- 2. An HTML page listing its outcomes as <ul> bullets, some with sub-bullets -----------

MEDIA_NOTE = """<!DOCTYPE html><html><head><title>Outcomes of the Second Example Dialogue</title>
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/a">About</a></li>
<li><a href="/b">Press</a></li></ul></nav>
<main>
<h1>Outcomes of the Second Example Dialogue</h1>
<p>Office of the Spokesperson</p>
<p>May 4, 2031</p>
<div class="entry-content">
<p>Freedonia and Sylvania held the Second Example Dialogue in Springfield on May 3&ndash;4, 2031.
The two sides reached the following outcomes:</p>
<ul>
<li><strong>Next Dialogue:</strong> The two sides will hold the Third Example Dialogue
in FY2032.</li>
<li><strong>Ports:</strong> The two sides will cooperate on:
<ul>
<li>port safety inspections;</li>
<li>customs data exchange; and</li>
<li>joint training of port officials.</li>
</ul>
</li>
<li>The two sides welcomed the first Example Port Forum held in March 2031.</li>
<li>The two sides will complete a joint review of the port protocol by the end of 2031.</li>
</ul>
<p>For further information, please contact the Office of the Spokesperson.</p>
</div>
</main>
<footer><ul><li><a href="/p">Privacy Policy</a></li><li><a href="/f">FOIA</a></li>
<li><a href="/c">Copyright</a></li></ul></footer>
</body></html>
"""


def test_html_ul_bullets_are_items_with_their_sub_bullets():
    _raw, doc = _parse(MEDIA_NOTE, "note.html")
    assert len(doc.items) == 4
    assert [it.title for it in doc.items] == ["Next Dialogue", "Ports", None, None]
    ports = doc.items[1].text
    assert ports.startswith("Ports: The two sides will cooperate on:\n")
    assert "port safety inspections;" in ports and "joint training of port officials." in ports
    assert ports.count("\n") == 3  # the sub-bullets on lines of their own
    assert all("Privacy" not in it.text and "Home" not in it.text for it in doc.items)
    assert "further information" not in doc.items[-1].text
    assert doc.title == "Outcomes of the Second Example Dialogue"
    assert doc.published == "2031-05-04"  # the date line under the heading


def test_text_sub_bullets_after_a_lead_in_belong_to_their_item():
    text = ("Example Dialogue Outcomes\n\n"
            "• The two sides will hold the next round in 2032.\n"
            "• The two sides will cooperate on:\n"
            "– port safety;\n– customs data; and\n– training.\n"
            "• The two sides will exchange experts.\n")
    _raw, doc = _parse(text, "list.txt")
    assert len(doc.items) == 3
    assert doc.items[1].text.endswith("– training.")
