"""Fifteenth-round layouts on small fictional documents (虚构示例): an inline 首先/其次/最后
enumeration inside a news paragraph, a running header with non-ASCII punctuation at the
top of every page of a PDF's text, a footnote line, and a contact line with "Related:"
links under the last item of an English fact sheet."""

from __future__ import annotations

from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.document import build_document
from luoshi.textmap import MappedText


def parse_text(text: str):
    raw = RawDocument(text, MappedText.root(text), SourceInfo("fixture.txt", "0", "text", "utf-8"))
    return build_document(raw)


NEWS = """第二轮示范对话在雾港举行

新华社雾港5月3日电 5月3日，第二轮示范对话在雾港举行。约40人与会。

双方同意：一是于明年在云城举行第三轮示范对话；二是示范部将于今年9月举办示范论坛；三是双方将互派20名青年学者。

关于机制建设，双方表示，首先，将建立示范专家组，专家组首次会议将于三个月内召开；其次，示范工作组第二次会议将于今年10月在雾港举行；最后，双方将恢复年度会晤。

双方一致认为，本轮对话富有成果。（完）
"""


def test_shouxian_qici_zuihou_enumeration_continues_the_running_numbering():
    doc = parse_text(NEWS)
    assert [it.number for it in doc.items] == [1, 2, 3, 4, 5, 6]
    assert [it.text for it in doc.items[3:]] == [
        "将建立示范专家组，专家组首次会议将于三个月内召开；",
        "示范工作组第二次会议将于今年10月在雾港举行；",
        "双方将恢复年度会晤。",
    ]
    assert [it.label for it in doc.items[3:]] == ["首先，", "其次，", "最后，"]
    for it in doc.items:  # spans index the source, from the enumerator on
        s, e = it.span
        assert NEWS[s:e] == it.label + it.text
    assert not any("一致认为" in it.text or "双方表示" in it.text for it in doc.items)


def test_an_ordinal_adverb_enumeration_alone_with_a_middle_zaici_is_read():
    text = """示范会谈举行

5月3日，示范会谈在雾港举行。

双方商定：首先，于今年内举行第二次会谈；其次，建立示范工作组；再次，互派青年学者；最后，每年评估一次落实情况。

会谈结束后，双方共同会见了记者。
"""
    doc = parse_text(text)
    assert [it.number for it in doc.items] == [1, 2, 3, 4]
    assert [it.label for it in doc.items] == ["首先，", "其次，", "再次，", "最后，"]
    assert doc.items[0].text == "于今年内举行第二次会谈；"
    assert doc.items[-1].text == "每年评估一次落实情况。"


def test_a_lone_shouxian_in_prose_is_no_enumeration():
    for body in (
        "会谈中，双方首先回顾了合作进展。其次是互访，双方也谈了很多。",
        "首先，双方回顾了合作进展。会谈在友好气氛中进行。",
        "双方表示，首先要加强沟通。双方还参观了港口。最后，双方合影留念。",
    ):
        text = f"示范会谈举行\n\n5月3日，示范会谈在雾港举行。\n\n{body}\n"
        assert parse_text(text).items == [], body


def test_shouxian_and_zuihou_in_different_paragraphs_are_no_enumeration():
    text = """示范会谈举行

5月3日，示范会谈在雾港举行。首先，双方回顾了合作进展。

会谈在友好气氛中进行。最后，双方共同会见了记者。
"""
    assert parse_text(text).items == []


HEADER = "Alpha–Beta Joint Dialogue on Imaginary Fisheries and Lighthouse Keeping | Outcomes"

TWO_PAGES = f"""{HEADER}
Page 1 of 2
Alpha–Beta Joint Dialogue: Outcomes
Fogtown, May 3, 2031
1. The two sides will hold the next dialogue in Fogtown in 2032.
2. The two sides will convene the 3rd meeting of the Joint Lighthouse Commission¹ in
Cloudport in June 2031.
3. The two sides will exchange lighthouse keepers by the end of 2031.
¹ The Joint Lighthouse Commission was established in 1999.\f{HEADER}
Page 2 of 2
4. The two sides will publish a joint tide atlas in 2032.
5. The two sides will review these outcomes at the next dialogue.
"""


def test_a_long_running_header_with_a_dash_is_removed_at_every_page_top():
    assert len(HEADER) > 60 and not HEADER.isascii()
    doc = parse_text(TWO_PAGES)
    assert [it.number for it in doc.items] == [1, 2, 3, 4, 5]
    assert doc.items[2].text.strip() == ("The two sides will exchange lighthouse keepers "
                                         "by the end of 2031.")
    assert not any("Imaginary Fisheries" in it.text for it in doc.items)
    assert not any("Page" in it.text for it in doc.items)


def test_a_footnote_line_is_not_glued_to_an_item():
    doc = parse_text(TWO_PAGES)
    assert not any("established in 1999" in it.text for it in doc.items)
    assert "Commission¹" in doc.items[1].text  # the marker stays as written


def test_a_repeated_long_sentence_is_not_taken_for_a_running_header():
    # the same long line twice, but a sentence: content, never page furniture
    line = "The two sides will exchange lighthouse keepers – and their lamps – by 2031."
    text = f"Outcomes\n1. {line}\n2. The two sides noted:\n{line}\n3. The two sides will meet.\n"
    doc = parse_text(text)
    assert line in doc.items[1].text


FACT_SHEET = """FACT SHEET
Fourth Meeting of the Imaginary Working Group on Lighthouses

The Participants met in Fogtown on May 2–3, 2031, and decided the following:

1) The Participants will meet again in Cloudport in 2032.

2) The Participants will exchange 20 lighthouse keepers by June 30, 2032.

3) The Participants will publish a joint progress report later this year.

For further information, please contact the Office of the Spokesperson at press@example.org.

• Related: Imaginary Lighthouse Cooperation – Background
• Related: Third Meeting of the Working Group – Fact Sheet (July 18, 2030)
"""


def test_contact_line_and_related_links_after_the_last_item_are_back_matter():
    doc = parse_text(FACT_SHEET)
    assert [it.number for it in doc.items] == [1, 2, 3]
    assert doc.items[-1].text.strip() == (
        "The Participants will publish a joint progress report later this year.")


def test_media_contact_and_related_lines_without_the_contact_sentence_go_too():
    for tail in ("Media contact: Jane Roe, +1 555 0100\n\nRelated: Background – Fact Sheet\n",
                 "Contact: press@example.org\n",
                 "Related: Third Meeting of the Working Group (July 18, 2030)\n"):
        text = FACT_SHEET.split("For further information")[0] + tail
        doc = parse_text(text)
        assert doc.items[-1].text.strip().endswith("later this year."), tail


def test_a_related_line_after_an_unfinished_last_item_stays():
    text = FACT_SHEET.replace("later this year.", "later this year, and on the")
    text = text.replace("For further information, please contact the Office of the "
                        "Spokesperson at press@example.org.\n\n", "")
    doc = parse_text(text)
    assert "Related" in doc.items[-1].text
