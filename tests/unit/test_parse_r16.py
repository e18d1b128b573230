"""Sixteenth-round layouts on small fictional documents (虚构示例): a spokesperson's
question-and-answer transcript (问：… / 答：…, "Q:" / "A:") that reports a dialogue's
outcomes in prose, without any numbered list. Each answer, with the paragraphs that go on
with it, is an unnumbered item; the questions are no items; the opening is front matter."""

from __future__ import annotations

from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.document import build_document
from luoshi.readers import read
from luoshi.textmap import MappedText


def parse_text(text: str, name: str = "fixture.txt"):
    raw = RawDocument(text, MappedText.root(text), SourceInfo(name, "0", "text", "utf-8"))
    return build_document(raw)


ZH = """2031年3月5日外交部发言人白云主持例行记者会

问：第二轮中美示范对话昨天在雾港举行。你能否介绍对话成果？

答：3月3日至4日，第二轮中美示范对话在雾港举行。双方同意，第三轮对话将于明年在云城举行。

双方还商定，于今年9月举办示范论坛。

问：中方是否将向岛国提供救灾援助？

答：中方决定向岛国提供紧急人道主义援助，首批物资将于本周内运抵。

问：对话是否讨论了青年交流？

答：是的。双方将于今年内互派20名青年学者。
"""

EN = """Regular Press Conference of the Spokesperson, 5 March 2031

Q: The second round of the Model Dialogue was held in Fog Harbour. Can you share its outcomes?

A: The two sides agreed to hold the third round in Cloud City next year.

They also decided to set up a model working group.

Q: Will the working group meet soon?

A: Yes. Its first meeting will be held by the end of June.
"""


def test_each_chinese_answer_is_an_unnumbered_item_and_questions_are_none():
    doc = parse_text(ZH)
    assert len(doc.items) == 3
    assert [it.number for it in doc.items] == [None, None, None]
    assert doc.items[0].text.startswith("3月3日至4日，第二轮中美示范对话在雾港举行。")
    assert doc.items[2].text == "是的。双方将于今年内互派20名青年学者。"
    assert not any("问：" in it.text or "？" in it.text for it in doc.items)
    assert not any(it.text.startswith("答") for it in doc.items)
    assert all(it.title is None for it in doc.items)


def test_a_paragraph_after_an_answer_continues_it_until_the_next_question():
    doc = parse_text(ZH)
    first = doc.items[0]
    assert "双方还商定，于今年9月举办示范论坛。" in first.text
    assert "中方是否" not in first.text


def test_answer_offsets_point_into_the_source_answer_paragraph():
    doc = parse_text(ZH)
    for it in doc.items:
        s, e = it.span
        assert ZH[s:e].startswith("答：")
        assert ZH[s:e].endswith(it.text.rstrip().split("\n")[-1])
        body = ZH.index(it.text[:12])
        assert s < body < e
    s, e = doc.items[0].span
    assert ZH[s:e] == ("答：3月3日至4日，第二轮中美示范对话在雾港举行。"
                       "双方同意，第三轮对话将于明年在云城举行。"
                       "\n\n双方还商定，于今年9月举办示范论坛。")


def test_the_opening_before_the_first_question_is_front_matter_and_kind_is_other():
    doc = parse_text(ZH)
    assert doc.kind == "other"
    assert not any("记者会" in it.text for it in doc.items)
    # the dialogue the answers report on is still found, in the questions and answers
    assert doc.meeting.mechanism == "中美示范对话"
    assert doc.meeting.round == 2


def test_english_q_and_a_transcript():
    doc = parse_text(EN)
    assert [it.number for it in doc.items] == [None, None]
    assert doc.items[0].text.startswith("The two sides agreed to hold the third round")
    assert "They also decided to set up a model working group." in doc.items[0].text
    assert doc.items[1].text == "Yes. Its first meeting will be held by the end of June."
    assert not any("Can you share" in it.text or "Will the working group" in it.text
                   for it in doc.items)
    for it in doc.items:
        s, e = it.span
        assert EN[s:e].startswith("A: ")


def test_markdown_bold_q_and_a_markers(tmp_path):
    md = ("# Press Briefing\n\n**Q:** Was the dialogue held?\n\n"
          "**A:** Yes. The sides agreed to meet again in May.\n\n"
          "**Q:** Anything else?\n\n**A:** They will sign a plan by June.\n")
    path = tmp_path / "briefing.md"
    path.write_text(md, encoding="utf-8")
    doc = build_document(read(str(path)))
    assert len(doc.items) == 2
    assert [it.number for it in doc.items] == [None, None]
    assert doc.items[0].text.lstrip("* ").startswith("Yes. The sides agreed")
    assert doc.items[1].title is None


def test_a_single_question_in_prose_is_no_transcript():
    text = """示范对话举行

3月3日，第二轮示范对话在雾港举行。

问：双方谈了什么？

答：双方同意于明年举行第三轮对话。

会后，双方共同会见了记者。
"""
    doc = parse_text(text)
    assert doc.items == []
    assert doc.kind == "narrative"


def test_a_numbered_list_in_a_transcript_still_numbers_the_items():
    text = """示范成果清单

问：第一个问题？

答：成果如下：

1. 双方同意于明年举行第三轮对话。

2. 双方将互派青年学者。

问：第二个问题？

答：没有补充。
"""
    doc = parse_text(text)
    assert [it.number for it in doc.items][:2] == [1, 2]


def test_a_short_last_answer_stays_and_a_contact_line_after_it_goes():
    text = """Press Briefing, 5 March 2031

Q: Will the two sides meet again?

A: Yes. They agreed to hold the next round in May.

Q: Any comment on the report?

A: No comment.

For further information, contact the Office of the Spokesperson.
"""
    doc = parse_text(text)
    assert [it.text for it in doc.items] == [
        "Yes. They agreed to hold the next round in May.", "No comment."]


def test_a_last_answer_that_looks_like_a_signature_line_is_kept():
    text = """2031年3月5日外交部发言人白云主持例行记者会

问：双方是否同意举行下一轮对话？

答：双方同意于今年9月举行下一轮对话。

问：能否透露具体地点？

答：暂无消息
"""
    doc = parse_text(text)
    assert [it.text for it in doc.items] == ["双方同意于今年9月举行下一轮对话。", "暂无消息"]


def test_a_china_dash_country_committee_titled_with_its_meeting_is_the_mechanism():
    doc = parse_text("中国—雾国高层协调与合作委员会第九次会议成果清单\n\n"
                     "2031年9月12日，中国—雾国高层协调与合作委员会第九次会议在雾港举行。\n\n"
                     "1．双方同意于2032年在云城举行委员会第十次会议。\n\n"
                     "2．双方将于年内签署合作计划。\n\n3．双方将于明年举办论坛。\n")
    assert (doc.meeting.mechanism, doc.meeting.round) == ("中国—雾国高层协调与合作委员会", 9)


def test_an_english_pair_of_a_listed_partner_names_the_mechanism():
    doc = parse_text("# Joint Statement of the Ninth Meeting of the China–Mexico Permanent "
                     "Binational Commission\n\n1. The Sides agreed to meet in 2032.\n\n"
                     "2. The Sides will sign a plan.\n\n3. The Sides will hold a forum.\n")
    assert doc.meeting.mechanism == "China–Mexico Permanent Binational Commission"


def test_an_imprint_line_closing_with_a_date_dates_the_document():
    doc = parse_text("示范交流动态（2031年第14期）\n\n"
                     "编印：示范信息编辑部\u3000\u30002031年7月26日\n\n"
                     "1．双方同意于明年举行第三次示范会议。\n\n2．双方将于年内签署计划。\n\n"
                     "3．双方将于下月举办论坛。\n")
    assert doc.published == "2031-07-26"


def test_a_sentence_ending_in_a_date_is_no_imprint():
    doc = parse_text("双方商定，会议于2031年7月26日\n\n1．双方同意举行会议。\n\n"
                     "2．双方将签署计划。\n\n3．双方将举办论坛。\n")
    assert doc.published is None
