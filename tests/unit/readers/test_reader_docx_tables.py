"""DOCX: Word tables of outcomes (a 序号 / No. column) and tracked changes.

Every document here is invented for the test (虚构示例): dialogues, bodies, places, dates.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.table import Table
from reader_helpers import assert_maps_back

from luoshi.model import RawDocument
from luoshi.parse.document import build_document
from luoshi.readers import read_bytes

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_REV = 'w:author="虚构审校人" w:date="2031-04-01T10:00:00Z"'

INTRO = "2031年5月6日，第九轮虚构合作对话在雾港举行。双方达成以下成果："
CLOSING = "上述成果由双方牵头单位负责落实。"
ROWS = [
    ("1", "双方同意于2032年共同建设三个山区降雨观测站。", "雾港气象局", "2032年"),
    ("2", "双方决定联合开展珊瑚礁健康调查。", "雾港海洋局", ""),
    ("3", "双方将互派二百名青年志愿者。", "—", "今年内"),
]


def _save(doc: Document) -> RawDocument:
    buf = io.BytesIO()
    doc.save(buf)
    return read_bytes(buf.getvalue(), "fixture.docx")


def _table(doc: Document, rows: list[tuple[str, ...]]) -> Table:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


def _outcomes(header: tuple[str, ...] = ("序号", "成果内容", "牵头单位", "完成时限")) -> Document:
    doc = new_docx()
    doc.add_heading("第九轮虚构合作对话成果清单", level=1)
    doc.add_paragraph(INTRO)
    _table(doc, [header, *ROWS])
    doc.add_paragraph(CLOSING)
    return doc


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _ins(text: str, rid: int) -> str:
    return f'<w:ins {W} w:id="{rid}" {_REV}>{_r(text)}</w:ins>'


def _del(text: str, rid: int) -> str:
    return (f'<w:del {W} w:id="{rid}" {_REV}><w:r><w:delText xml:space="preserve">{text}'
            "</w:delText></w:r></w:del>")


def _add(p: Any, *xml: str) -> None:
    """Append run-level elements, written as XML strings, to a paragraph element."""
    for part in xml:
        if part.startswith("<w:r>"):
            part = part.replace("<w:r>", f"<w:r {W}>", 1)
        p.append(parse_xml(part))


# -- 1. tables with a number column: one item per row --------------------------------


def test_docx_table_with_number_column_draws_rows_as_items() -> None:
    raw = _save(_outcomes())
    # the stored text keeps a line per cell paragraph; the body draws each row as an
    # item with its other cells on lines of their own, the header row not drawn
    assert raw.text.split("\n")[2:7] == ["序号", "成果内容", "牵头单位", "完成时限", "1"]
    assert raw.body.text == (
        "第九轮虚构合作对话成果清单\n" + INTRO + "\n"
        "1. 双方同意于2032年共同建设三个山区降雨观测站。\n\n雾港气象局\n\n2032年\n\n"
        "2. 双方决定联合开展珊瑚礁健康调查。\n\n雾港海洋局\n\n"
        "3. 双方将互派二百名青年志愿者。\n\n—\n\n今年内\n\n"
        + CLOSING)
    assert_maps_back(raw, "双方决定联合开展珊瑚礁健康调查。")
    assert_maps_back(raw, "雾港海洋局")
    doc = build_document(raw)
    # one item per row, opening with its content cell (the parser keeps the other
    # cells' lines in the item, as for HTML and Markdown tables)
    assert [(it.number, it.text.split("\n")[0]) for it in doc.items] == [
        (int(n), t) for n, t, _, _ in ROWS]
    for it, (n, content, _, _) in zip(doc.items, ROWS, strict=True):
        # spans index the reader's text, from the row's number cell (as in Markdown)
        assert raw.text[it.span[0]:it.span[1]].startswith(f"{n}\n{content}\n")


def test_docx_table_number_header_variants() -> None:
    raw = _save(_outcomes(("No.", "Outcome", "Lead", "Deadline")))
    assert "1. 双方同意于2032年" in raw.body.text
    assert "Outcome" not in raw.body.text


def test_docx_table_without_number_column_keeps_a_line_per_cell() -> None:
    doc = new_docx()
    doc.add_paragraph(INTRO)
    _table(doc, [("议题", "内容"), ("气象", "共建观测站。"), ("海洋", "联合调查。")])
    doc.add_paragraph(CLOSING)
    raw = _save(doc)
    assert raw.body.text == raw.text
    assert raw.text.split("\n") == [
        INTRO, "议题", "内容", "气象", "共建观测站。", "海洋", "联合调查。", CLOSING]


def test_docx_table_number_column_drawn_by_word_numbering() -> None:
    """序号 cells left empty, the numbers drawn by Word's automatic numbering."""
    doc = _outcomes()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    table = doc.tables[0]
    for r in range(1, len(table.rows)):
        cell = table.cell(r, 0)
        cell.text = ""
        cell.paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>'))
    raw = _save(doc)
    assert "2. 双方决定联合开展珊瑚礁健康调查。\n\n雾港海洋局\n\n3. " in raw.body.text
    assert [it.number for it in build_document(raw).items] == [1, 2, 3]


def test_docx_nested_table_and_cell_paragraphs_in_document_order() -> None:
    doc = new_docx()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "甲段"
    cell.add_table(rows=1, cols=1).cell(0, 0).text = "乙表"
    cell.add_paragraph("丙段")
    raw = _save(doc)
    assert [line for line in raw.text.split("\n") if line] == ["甲段", "乙表", "丙段"]


# -- 2. tracked changes read as if accepted ------------------------------------------


def test_docx_tracked_changes_read_as_accepted() -> None:
    doc = new_docx()
    p = doc.add_paragraph("双方将于")._p
    _add(p, _del("2031年9月", 1), _ins("2031年10月", 2), _r("在雾港举行会议。"))
    p = doc.add_paragraph()._p
    _add(p, _r("双方同意"),
         f'<w:moveFrom {W} w:id="3" {_REV}>{_r("尽快")}</w:moveFrom>',
         _r("共建观测站"),
         f'<w:moveTo {W} w:id="4" {_REV}>{_r("，尽快")}</w:moveTo>',
         # inserted, then deleted again by a second reviewer: gone
         f'<w:ins {W} w:id="5" {_REV}><w:del w:id="6" {_REV}><w:r><w:delText>二座</w:delText>'
         "</w:r></w:del></w:ins>",
         _r("。"))
    p = doc.add_paragraph()._p  # runs in a hyperlink and a tab inside an insertion
    _add(p, f'<w:hyperlink {W}>{_r("虚构网")}<w:ins w:id="7" {_REV}><w:r><w:tab/>'
         "<w:t>链接</w:t></w:r></w:ins></w:hyperlink>")
    table = doc.add_table(rows=1, cols=1)
    p = table.cell(0, 0).paragraphs[0]._p
    _add(p, _del("2032年6月底前", 8), _ins("2032年9月底前", 9))
    raw = _save(doc)
    assert raw.text.split("\n") == [
        "双方将于2031年10月在雾港举行会议。",
        "双方同意共建观测站，尽快。",
        "虚构网\t链接",
        "2032年9月底前",
    ]


def test_docx_deleted_rows_and_paragraph_marks_are_accepted() -> None:
    doc = _outcomes()
    table = doc.tables[0]
    # row 2 deleted as a whole (w:trPr/w:del)
    table.rows[2]._tr.get_or_add_trPr().append(parse_xml(f'<w:del {W} w:id="11" {_REV}/>'))
    # a paragraph deleted with its mark: no line left
    gone = doc.add_paragraph()
    _add(gone._p, _del("此段已删除。", 12))
    gone._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {W}><w:del w:id="13" {_REV}/></w:rPr>'))
    # a paragraph whose mark is deleted runs on into the next one
    first = doc.add_paragraph("双方同意")
    first._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {W}><w:del w:id="14" {_REV}/></w:rPr>'))
    doc.add_paragraph("继续合作。")
    raw = _save(doc)
    assert "双方决定联合开展珊瑚礁健康调查" not in raw.text
    assert "此段已删除" not in raw.text
    assert raw.text.endswith(CLOSING + "\n双方同意继续合作。")
    assert "1. 双方同意于2032年共同建设三个山区降雨观测站。\n\n雾港气象局\n\n2032年\n\n3. " \
        in raw.body.text


def test_docx_table_items_with_tracked_changes() -> None:
    doc = _outcomes()
    table = doc.tables[0]
    content = table.cell(2, 1).paragraphs[0]
    content.text = "双方决定于"
    _add(content._p, _del("今年9月", 21), _ins("今年10月", 22), _r("联合开展珊瑚礁健康调查"),
         _ins("，并共享数据", 23), _r("。"), _del("调查结束后双方将编写报告。", 24))
    deadline = table.cell(2, 3).paragraphs[0]._p
    _add(deadline, _del("2031年9月", 25), _ins("2031年10月", 26))
    raw = _save(doc)
    assert "2. 双方决定于今年10月联合开展珊瑚礁健康调查，并共享数据。\n\n雾港海洋局\n\n" \
        "2031年10月\n\n3. " in raw.body.text
    items = build_document(raw).items
    assert items[1].text.split("\n")[0] == "双方决定于今年10月联合开展珊瑚礁健康调查，并共享数据。"
    assert raw.text[items[1].span[0]:items[1].span[1]].startswith(
        "2\n双方决定于今年10月联合开展珊瑚礁健康调查，并共享数据。\n")


def test_docx_table_row_under_a_merged_number_cell_continues_the_item() -> None:
    doc = new_docx()
    doc.add_paragraph(INTRO)
    table = _table(doc, [
        ("序号", "成果内容", "牵头单位"),
        ("1", "双方同意共建观测站。", "雾港气象局"),
        ("", "观测站由双方共同管理。", "雾港水利局"),
        ("2", "双方决定联合开展珊瑚礁健康调查。", "雾港海洋局"),
    ])
    table.cell(1, 0).merge(table.cell(2, 0))  # 序号 "1" spans two rows
    raw = _save(doc)
    assert raw.body.text.endswith(
        "1. 双方同意共建观测站。\n\n雾港气象局\n\n观测站由双方共同管理。\n\n雾港水利局\n\n"
        "2. 双方决定联合开展珊瑚礁健康调查。\n\n雾港海洋局\n")
    assert [it.number for it in build_document(raw).items] == [1, 2]
