"""Thirteenth/fourteenth-round layouts on small fictional documents (虚构示例): a WeChat
article numbered with keycap emoji and closed by new-media end matter, a secretariat's
signature line under the last item, and a bulleted readout followed by a numbered
"Notes to editors" list."""

from __future__ import annotations

from luoshi.markers import match_marker
from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.document import build_document
from luoshi.readers import read_bytes
from luoshi.textmap import MappedText


def parse_text(text: str):
    raw = RawDocument(text, MappedText.root(text), SourceInfo("fixture.txt", "0", "text", "utf-8"))
    return build_document(raw)


KC = "\ufe0f\u20e3"  # a keycap: digit, variation selector 16, combining enclosing keycap

WECHAT = f"""重磅｜第二届示范论坛成果清单发布🎉

原创 示范号 示范号 2031-05-04 20:30 发表于雾港

5月3日，第二届示范论坛在雾港举行。论坛期间，双方共同发布了成果清单。一起来看👇

▌一、机制建设

1{KC} 双方同意第三届示范论坛于2032年在云城举行。🎈

2{KC} 示范部与云城示范署将于今年下半年召开工作组第二次会议。

3\u20e3 双方欢迎第一届论坛于2030年成功举办。👏

▌二、经贸合作

4{KC} 雾港市与云城市同意在2031—2033年间共同实施8个示范项目。

5{KC} 双方将在年内启动示范伙伴计划💼。

6{KC} 示范署将于7月中旬在雾港举办示范对接会。

▌三、人文交流

7{KC} 双方将继续支持两地学校结好。

8{KC} 双方将于今年暑期举办第三届示范夏令营⛺️。

9{KC} 示范协会将于明年举办示范周。

\U0001f51f 双方将互派100名青年学者。

11. 示范协会将于2031年10月举办示范友城活动。

12. 双方同意在第三届论坛召开前对本届论坛成果落实情况进行评估✅。

（完）

🔹🔹🔹

来源：雾港示范办公室
责编：张三　审核：李四

往期推荐
▶ 第一届示范论坛在云城举行｜回顾
▶ 5月1日，示范交流季启动

阅读原文

阅读 1.2万　在看 88

喜欢此内容的人还喜欢

示范周即将启幕，这些亮点抢先看
示范号
"""


def test_keycap_digits_and_keycap_ten_are_markers():
    m = match_marker(f"1{KC} 双方同意举行会议。")
    assert m is not None and m.kind == "keycap" and m.value == 1 and m.label == f"1{KC}"
    m = match_marker("3\u20e3 双方欢迎论坛举办。")  # without the variation selector
    assert m is not None and m.kind == "keycap" and m.value == 3 and m.label == "3\u20e3"
    m = match_marker("\U0001f51f 双方将互派学者。")
    assert m is not None and m.kind == "keycap" and m.value == 10 and m.label == "\U0001f51f"
    m = match_marker(f"1{KC}2{KC} 双方将互派学者。")  # 12 written as two keycaps
    assert m is not None and m.kind == "keycap" and m.value == 12
    assert match_marker(f"0{KC} 零不是编号。") is None
    assert match_marker("▌一、机制建设").kind == "cn-section"  # a section bar before 一、


def test_keycap_list_goes_on_into_plain_numbers_with_exact_offsets():
    doc = parse_text(WECHAT)
    assert [it.number for it in doc.items] == list(range(1, 13))
    assert doc.items[0].label == f"1{KC}"
    assert doc.items[2].label == "3\u20e3"
    assert doc.items[9].label == "\U0001f51f"
    assert doc.items[10].label == "11."
    for it in doc.items:  # spans index the source, starting at the label as written
        s, e = it.span
        assert WECHAT[s:e].startswith(it.label)
        assert WECHAT[s:e].endswith(it.text.rstrip()[-3:])
    assert doc.items[1].text == "示范部与云城示范署将于今年下半年召开工作组第二次会议。"
    assert doc.items[9].text == "双方将互派100名青年学者。"
    assert [s.title for s in doc.sections] == ["机制建设", "经贸合作", "人文交流"]
    assert [it.section for it in doc.items[:4]] == ["一", "一", "一", "二"]
    assert doc.items[9].section == "三" and doc.items[11].section == "三"


def test_wechat_account_line_dates_the_article_and_a_follow_prompt_is_furniture():
    text = WECHAT.replace("发表于雾港\n", "发表于雾港\n\n点击上方蓝字关注我们👆\n")
    doc = parse_text(text)
    assert doc.published == "2031-05-04" and doc.publisher == "示范号"
    assert doc.title == "重磅｜第二届示范论坛成果清单发布🎉"
    assert [it.number for it in doc.items] == list(range(1, 13))
    assert doc.items[-1].text.strip().endswith("进行评估✅。")
    # a name, a date and a time without 原创 / 发表于 is no account line
    plain = WECHAT.replace("原创 示范号 示范号 2031-05-04 20:30 发表于雾港",
                           "示范号 2031-05-04 20:30")
    assert parse_text(plain).publisher != "示范号"


def test_wechat_end_matter_is_not_text_of_the_last_item():
    doc = parse_text(WECHAT)
    last = doc.items[-1]
    assert last.text.strip() == "双方同意在第三届论坛召开前对本届论坛成果落实情况进行评估✅。"
    assert not any("阅读原文" in it.text or "来源" in it.text for it in doc.items)
    assert not any(d.kind.startswith("truncated") and "12" in d.detail for d in doc.defects)


def test_new_media_end_matter_without_separator_or_end_mark_is_cut_too():
    text = WECHAT.replace("（完）\n\n🔹🔹🔹\n\n", "")
    doc = parse_text(text)
    assert doc.items[-1].text.strip().endswith("进行评估✅。")


def test_new_media_end_matter_after_emoji_behind_the_last_stop_is_cut():
    text = WECHAT.replace("进行评估✅。", "进行评估。👏🎉")
    doc = parse_text(text)
    assert [it.number for it in doc.items] == list(range(1, 13))
    assert "成果落实情况进行评估。👏🎉" in doc.items[-1].text
    assert "来源" not in doc.items[-1].text and "阅读" not in doc.items[-1].text


def test_a_credit_line_after_an_unfinished_last_item_is_left_alone():
    # the last item breaks off: what follows is not cut as end matter
    text = WECHAT.replace("进行评估✅。", "进行评估，并")
    doc = parse_text(text)
    assert "来源" in doc.items[-1].text


GOV = """第九次示范委员会会议成果清单

2031年9月12日，示范委员会第九次会议在雾港举行。双方达成以下成果：

一、机制建设

1．双方同意于2032年在云城举行示范委员会第十次会议。

2．双方将于明年上半年召开示范工作组首次会议。

二、人文交流

3．双方同意将2032年确定为“示范文化年”。

4．双方商定，下一次委员会会议前由双方秘书处对本次会议成果落实情况进行联合评估。

示范—云城高层合作委员会中方秘书处
"""


def test_a_secretariat_signature_line_is_not_text_of_the_last_item():
    doc = parse_text(GOV)
    assert [it.number for it in doc.items] == [1, 2, 3, 4]
    assert doc.items[-1].text.strip().endswith("进行联合评估。")
    assert "秘书处" not in doc.items[-1].text.split("。")[-1]


def test_two_signature_lines_and_a_date_under_the_last_item_go_too():
    text = GOV.replace("中方秘书处\n",
                       "中方秘书处\n\n示范—云城高层合作委员会外方秘书处\n\n2031年9月12日\n")
    doc = parse_text(text)
    assert doc.items[-1].text.strip().endswith("进行联合评估。")


def test_a_short_unpunctuated_line_that_is_no_issuer_stays_with_the_last_item():
    # a last item cut off mid-sentence keeps the line after it (it may be its end)
    text = GOV.replace("进行联合评估。", "进行联合评估，并报告双方")
    doc = parse_text(text)
    assert "中方秘书处" in doc.items[-1].text


READOUT = """# Demo–Cloudland Dialogue: outcomes of the Fifth Dialogue

*Press release, 3 May 2031*

The Fifth Demo–Cloudland Dialogue took place in Fogport on 2–3 May 2031.
The two sides reached the following outcomes.

## Dialogue architecture

– The two sides agreed to hold the Sixth Dialogue in Cloudland in 2032.

## Education

– The Demo Ministry of Education and the Cloudland Education Office will sign a
Memorandum of Understanding by 31 December 2031.

* The Demo Council will co-host a teaching forum later this year, featuring:
  * a roundtable on teacher training; and
  * a showcase of learning resources.

– The two sides will co-host a season of film screenings from October 2031 to March 2032:
  – a Demo Film Week in Cloudland; and
  – a Cloudland Film Week in Fogport.

## Next steps

– Senior officials will meet in Fogport in November 2031 to take stock of implementation.

## Notes to editors

1. The Demo–Cloudland Dialogue was established in 2015. It is one of two dialogue mechanisms.
2. The Fourth Dialogue was held in Cloudland in April 2030.
3. Media enquiries: Demo Ministry press office, 020 0000 0000.
"""


def _md(text: str):
    return build_document(read_bytes(text.encode(), "r.md", name_hint="r.md"))


def test_bullets_are_the_items_and_a_numbered_notes_to_editors_list_is_back_matter():
    doc = _md(READOUT)
    assert len(doc.items) == 5
    assert doc.items[0].text.startswith("The two sides agreed to hold the Sixth Dialogue")
    assert not any("established in 2015" in it.text or "Media enquiries" in it.text
                   for it in doc.items)
    # nested sub-bullets (indented, whatever their mark) belong to their bullet
    assert "a showcase of learning resources." in doc.items[2].text
    assert "a Cloudland Film Week in Fogport." in doc.items[3].text
    assert doc.items[4].text.startswith("Senior officials will meet")
    assert doc.items[4].text.rstrip().endswith("implementation.")
    assert [s.title for s in doc.sections][:3] == ["Dialogue architecture", "Education",
                                                   "Next steps"]


def test_a_numbered_list_after_the_bullets_under_a_plain_heading_stays_the_list():
    # a few bullet highlights, then the numbered outcomes: the numbered list is the list
    text = """# Demo Dialogue outcomes

Highlights:

– A new working group.
– A film week.
– A youth forum.

## Outcomes

1. The two sides agreed to establish a working group on trade.
2. The two sides will co-host a film week in 2032.
3. The two sides will convene a youth forum in Fogport.
4. The two sides will exchange 50 teachers by 2032.
"""
    doc = _md(text)
    assert [it.number for it in doc.items] == [1, 2, 3, 4]


def test_back_matter_heading_in_chinese_marks_a_numbered_notes_list():
    text = """示范对话成果清单

双方达成以下成果：

• 双方同意于2032年在云城举行第六次对话。
• 双方将于今年10月举办示范论坛。
• 双方将互派50名教师。
• 双方将于明年启动示范项目。

编者注

1. 示范对话机制建立于2015年。
2. 第四次对话于2030年举行。
"""
    doc = parse_text(text)
    assert len(doc.items) == 4
    assert doc.items[-1].text.strip() == "双方将于明年启动示范项目。"


STATEMENT = """虚构国和示范国联合声明

应示范国总统邀请，虚构国主席对示范国进行国事访问。访问期间，两国元首举行会谈。

一、双方同意于年内在雾港举行第八轮外交部间磋商。

二、双方将于10月下旬在云城举行联合委员会第十次会议。

二〇三一年九月五日于雾港
"""


def test_a_statement_dated_only_by_its_closing_line_counts_from_that_date():
    doc = parse_text(STATEMENT)
    assert doc.published == "2031-09-05"


def test_a_closing_line_of_words_is_no_date():
    doc = parse_text(STATEMENT.replace("二〇三一年九月五日于雾港", "两国元首共同签署本声明"))
    assert doc.published is None
