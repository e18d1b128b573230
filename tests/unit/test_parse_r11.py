"""Eleventh-round layouts on small fictional documents (虚构示例): decimal outline
numbering, Markdown numbered headings over paragraphs, and e-mail back matter."""

from __future__ import annotations

from luoshi.markers import match_marker
from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.document import build_document
from luoshi.readers import read
from luoshi.textmap import MappedText


def parse_text(text: str):
    raw = RawDocument(text, MappedText.root(text), SourceInfo("fixture.txt", "0", "text", "utf-8"))
    return build_document(raw)


DECIMAL = """示范对话成果清单

双方就以下成果达成一致：

1 示范合作
1.1 双方同意于2031年在示范市举行第二次示范对话。
1.2 双方将加强示范领域合作。

2 示范金融
2.1 双方同意加强示范分类目录合作，具体包括：
（1）在2031年11月前发布更新版；
（2）每半年召开一次专家组会议。
2.2 示范银行将续签示范协议。
"""


def test_decimal_outline_sections_and_running_item_numbers():
    doc = parse_text(DECIMAL)
    assert [(s.number, s.title) for s in doc.sections] == [("1", "示范合作"), ("2", "示范金融")]
    assert [(it.number, it.label, it.section) for it in doc.items] == [
        (1, "1.1", "1"), (2, "1.2", "1"), (3, "2.1", "2"), (4, "2.2", "2")]
    sub = doc.items[2]
    assert [s.number for s in sub.subitems] == ["（1）", "（2）"]
    assert sub.title is None  # "…具体包括：" is a lead-in, not a heading
    assert doc.items[3].text == "示范银行将续签示范协议。"
    for it in doc.items:
        a, b = it.span
        assert doc.text[a:b].startswith(it.label)


def test_decimal_marker_only_at_line_start_and_not_an_amount_or_date():
    assert match_marker("1.1 双方同意").kind == "decimal"
    assert match_marker("1.2双方将").kind == "decimal"
    for line in ("2031.1.1 起施行", "5.2亿美元", "2.5 percent of GDP", "1.2.3 版本", "3.5% 增长"):
        assert match_marker(line) is None, line
    doc = parse_text("示范清单\n\n1、双方同意升级至5.2 版本。\n"
                     "2、双方将于2031.1.1 起施行示范规则。\n")
    assert [it.number for it in doc.items] == [1, 2]


MD = """# 示范工作组第二次会议成果清单

## 一、机制安排

### 1. 举行第三次会议

双方同意于2031年在示范市举行第三次会议。

### 2. 建立示范专家组

双方决定建立示范专家组。
"""


def test_markdown_numbered_heading_is_the_items_title(tmp_path):
    path = tmp_path / "outcomes.md"
    path.write_text(MD, encoding="utf-8")
    doc = build_document(read(str(path)))
    assert [(it.number, it.title) for it in doc.items] == [
        (1, "举行第三次会议"), (2, "建立示范专家组")]
    first = doc.items[0]
    assert first.text == "举行第三次会议\n双方同意于2031年在示范市举行第三次会议。"
    a, b = first.title_span
    assert doc.text[a:b] == "举行第三次会议"


MAIL = """发件人: 示范甲 <a@example.cn>
主题: 转发: 示范成果清单

请阅。

> 附清单如下：
>
> > 示范成果清单
> >
> > 1、双方同意于2031年举行第二次示范对话。
> > 2、双方将于年内签署示范协议。
> >
> > 示范联络小组秘书处
> > 2031年5月12日
>
> 示范乙
> 示范合作处
--
示范甲
示范合作处 处长
本邮件及其附件含有保密信息，仅限于收件人使用。
"""


def test_mail_signature_sender_block_and_footer_are_back_matter():
    doc = parse_text(MAIL)
    assert [it.number for it in doc.items] == [1, 2]
    assert doc.items[-1].text == "双方将于年内签署示范协议。"


def test_mail_delimiter_and_footer_end_an_unquoted_list():
    text = ("示范成果清单\n\n1、双方同意举行第二次示范对话。\n2、双方将于年内签署示范协议。\n"
            "-- \n示范甲\nThis e-mail and any attachments are confidential.\n")
    doc = parse_text(text)
    assert doc.items[-1].text == "双方将于年内签署示范协议。"


def test_mail_header_lines_stand_alone():
    from luoshi.clean import clean

    text = ("发件人: 示范甲 <a@example.cn>\n收件人: 示范处 <b@example.cn>\n主题: 示范成果清单\n\n"
            "-----Original Message-----\nFrom: Demo A <a@example.cn>\nTo: Demo B <b@example.cn>\n"
            "Subject: Demo outcomes\n\n1、双方同意举行第二次示范对话。\n"
            "2、双方将于年内签署示范协议。\n")
    lines = clean(MappedText.root(text)).display.text.split("\n")
    assert "收件人: 示范处 <b@example.cn>" in lines
    assert "-----Original Message-----" in lines
    assert "To: Demo B <b@example.cn>" in lines
