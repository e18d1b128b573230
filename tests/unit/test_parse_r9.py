"""Ninth held-out round: parse rules on small fictional documents (虚构示例).

Every document here is invented for the test: dialogues, bodies, places and dates.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.oxml import parse_xml

from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.document import build_document
from luoshi.readers import read_bytes
from luoshi.textmap import MappedText

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def parse_text(text: str):
    raw = RawDocument(text, MappedText.root(text), SourceInfo("fixture.txt", "0", "text", "utf-8"))
    return build_document(raw)


# -- 1. Word automatic numbering: the number Word draws is read ------------------------

def _numbered_docx(levels: list[tuple[int, str, str, int]], paras: list[tuple[str, str | None]],
                   *, override_num: tuple[int, int] | None = None) -> bytes:
    """A DOCX whose list ``numId`` 77 uses one abstractNum with the given levels
    (ilvl, numFmt, lvlText, start); ``paras`` are (text, style) with style "h1"/"h2"/
    "n0"/"n1" (numbered at level 0/1), "n0b" (numId 78: same list, restarted at
    ``override_num``) or None."""
    doc = new_docx()
    numbering = doc.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{s}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>' for i, fmt, text, s in levels)
    # abstractNums go before the nums
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="77">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    if override_num:
        ilvl, start = override_num
        numbering.append(parse_xml(
            f'<w:num {W} w:numId="78"><w:abstractNumId w:val="77"/><w:lvlOverride w:ilvl="{ilvl}">'
            f'<w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
    for text, style in paras:
        if style == "h1":
            doc.add_heading(text, level=1)
        elif style == "h2":
            doc.add_heading(text, level=2)
        elif style and style.startswith("n"):
            p = doc.add_paragraph(text, style="List Paragraph")
            num_id = 78 if style.endswith("b") else 77
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {W}><w:ilvl w:val="{style[1]}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        else:
            doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


AUTONUM = [
    ("中芬虚构合作对话成果清单", "h1"),
    ("2031年6月18日，第二轮中芬虚构合作对话在示范市举行。双方达成以下成果：", None),
    ("一、政治领域", "h2"),
    ("双方同意于2032年举行第三轮对话。", "n0"),
    ("双方将加强示范交流。", "n0"),
    ("二、经贸领域", "h2"),
    ("双方决定设立示范工作组。", "n0"),
    ("2031年6月18日于示范市", None),
]


def _build(data: bytes):
    raw = read_bytes(data, "fixture.docx")
    return raw, build_document(raw)


def test_r9_docx_automatic_numbers_are_read_and_continue_across_headings():
    raw, doc = _build(_numbered_docx([(0, "decimal", "%1.", 1)], AUTONUM))
    assert "1." not in raw.text  # the stored text has no numbers: Word draws them
    assert "1. 双方同意" in raw.body.text and "3. 双方决定" in raw.body.text
    assert [(it.number, it.label, it.section, it.text) for it in doc.items] == [
        (1, "1.", "一", "双方同意于2032年举行第三轮对话。"),
        (2, "2.", "一", "双方将加强示范交流。"),
        (3, "3.", "二", "双方决定设立示范工作组。")]
    for it in doc.items:  # spans index the reader's text: the paragraph, from its start
        assert raw.text[it.span[0]:it.span[1]] == it.text
    assert [s.title for s in doc.sections] == ["政治领域", "经贸领域"]
    # the closing date line (with the place it was signed at) is back matter
    assert not any(d.kind.startswith("truncated") for d in doc.defects)


def test_r9_docx_numbering_formats_levels_restarts_and_typed_numbers():
    paras = [("虚构清单", "h1"), ("甲项", "n0"), ("甲项之一", "n1"), ("甲项之二", "n1"),
             ("乙项", "n0"), ("乙项之一", "n1"), ("重新编号", "n0b"), ("3、作者自己写的编号", "n0")]
    data = _numbered_docx([(0, "chineseCounting", "（%1）", 1), (1, "lowerLetter", "%2)", 1)],
                          paras, override_num=(0, 9))
    raw = read_bytes(data, "fixture.docx")
    assert raw.body.text.split("\n")[1:] == [
        "（一） 甲项", "a) 甲项之一", "b) 甲项之二", "（二） 乙项", "a) 乙项之一",
        "（九） 重新编号", "3、作者自己写的编号"]
    multi = read_bytes(_numbered_docx([(0, "upperRoman", "%1.", 4), (1, "decimal", "%1.%2", 1)],
                                      [("虚构清单", "h1"), ("A", "n0"), ("B", "n1"),
                                       ("C", "n0"), ("D", "n1")]), "m.docx")
    assert multi.body.text.split("\n")[1:] == ["IV. A", "IV.1 B", "V. C", "V.1 D"]


def test_r9_docx_list_number_style_numbers_through_the_style():
    doc = new_docx()
    doc.add_heading("虚构清单", level=1)
    for t in ("双方同意合作。", "双方同意交流。"):
        doc.add_paragraph(t, style="List Number")  # numPr comes from the style
    doc.add_paragraph("• 不编号", style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    raw = read_bytes(buf.getvalue(), "s.docx")
    assert raw.body.text.split("\n")[1:] == ["1. 双方同意合作。", "2. 双方同意交流。", "• 不编号"]


# -- 2. bracketed enumerations run on after a colon; running numbers ------------------

ENUM = """第三次中冰虚构磋商会谈纪要

2031年3月12日，第三次中冰虚构磋商在示范市举行。双方回顾了合作进展。

双方就筹备工作交换了意见。双方商定：（一）于明年春季举行第四次磋商；（二）年内举办示范论坛。

双方一致认为应深化合作。双方同意：一是双方将设立示范工作组；二是双方将交换示范数据；三是双方将举办示范培训。

在人文交流方面，双方商定：（一）将2032年确定为“示范交流年”；（二）扩大示范留学生规模；（三）举办示范文化周。

双方同意保持密切沟通。
"""


def test_r9_bracketed_enumerations_after_a_colon_are_items_numbered_on():
    doc = parse_text(ENUM)
    assert [(it.number, it.label, it.section) for it in doc.items] == [
        (1, "（一）", None), (2, "（二）", None),
        (3, "一是", None), (4, "二是", None), (5, "三是", None),
        (6, "（一）", "人文交流"), (7, "（二）", "人文交流"), (8, "（三）", "人文交流")]
    assert doc.items[0].text == "于明年春季举行第四次磋商；"
    assert doc.items[1].text == "年内举办示范论坛。"
    assert doc.items[-1].text == "举办示范文化周。"  # the closing paragraph is no item
    for it in doc.items:
        assert ENUM[it.span[0]:it.span[1]] == it.label + it.text


def test_r9_bracketed_ordinals_without_a_colon_or_a_second_one_are_no_list():
    assert parse_text("示范纪要\n\n双方回顾了合作（一）与交流（二）的进展。\n").items == []
    assert parse_text("示范纪要\n\n双方商定：（一）举办示范论坛。\n").items == []


# -- 3. a marker of another kind carrying on the item numbers ------------------------

def _circled(extra: list[str]) -> str:
    lines = ["中捷虚构地方合作会议成果清单", "", "一、机制建设", ""]
    for k in range(20):
        if k == 10:
            lines += ["二、务实合作", ""]
        lines += [f"{chr(ord('①') + k)}双方同意开展第{k + 1}项示范合作。", ""]
    lines += [f"{e}双方同意开展示范评估。" for e in extra]
    return "\n".join(lines) + "\n"


def test_r9_bracketed_21_after_circled_20_is_the_next_item():
    doc = parse_text(_circled(["（21）"]))
    assert [it.number for it in doc.items] == list(range(1, 22))
    assert (doc.items[-1].label, doc.items[-1].section) == ("（21）", "二")
    assert [s.number for s in doc.sections] == ["一", "二"]
    doc = parse_text(_circled(["（21）", "（22）"]))
    assert [it.number for it in doc.items] == list(range(1, 23))
    assert [it.label for it in doc.items[-2:]] == ["（21）", "（22）"]


def test_r9_a_section_marker_used_before_is_not_taken_for_the_next_item():
    doc = parse_text("示范成果清单\n\n（一）机制建设\n\n1. 双方同意举行对话。\n\n"
                     "（二）务实合作\n\n2. 双方将加强合作。\n\n"
                     "（三）双方同意继续沟通并加强交流。\n")
    assert [it.number for it in doc.items] == [1, 2]


# -- 4. a PDF's dateline line and a lead-in's dash bullets -----------------------------

WRAPPED = """Joint Statement of the Fifth Ruritania-China Summit
Brussels, 9 July 2031
The Fifth Ruritania-China Summit took place in Brussels on 9 July 2031. The two
leaders met and reviewed the progress of relations since the Fourth Summit and
adopted the following Joint Statement on their cooperation in many fields here.
1. The two sides reaffirmed their commitment to their strategic partnership and
agreed to deepen their dialogue in all areas of common interest in coming years.
2. The two sides will cooperate on:
– methane emissions reduction in the energy sector of both of the two sides;
– carbon capture, utilisation and storage; and
– climate adaptation in developing countries, in particular in small islands.
3. Both sides will review the implementation of this statement at the next summit.
"""


def test_r9_wrapped_dateline_line_stands_alone():
    doc = parse_text(WRAPPED)
    assert doc.dateline is not None and doc.dateline.place == "Brussels"
    assert doc.dateline.date == "2031-07-09"


def test_r9_wrapped_lead_in_bullets_keep_their_lines_and_make_no_title():
    item = parse_text(WRAPPED).items[1]
    assert item.title is None  # "…will cooperate on" is a lead-in, not a heading
    assert item.text.split("\n") == [
        "The two sides will cooperate on:",
        "– methane emissions reduction in the energy sector of both of the two sides;",
        "– carbon capture, utilisation and storage; and",
        "– climate adaptation in developing countries, in particular in small islands."]


def test_r9_closing_date_line_with_the_place_of_signing_is_back_matter():
    doc = parse_text("示范合作成果清单\n\n1. 双方同意举行第三轮对话。\n\n"
                     "2. 双方将加强示范交流。\n\n2031年6月18日于示范市\n")
    assert doc.items[-1].text == "双方将加强示范交流。"
    assert not any(d.kind.startswith("truncated") for d in doc.defects)
