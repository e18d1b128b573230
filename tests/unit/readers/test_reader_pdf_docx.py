"""PDF (pypdfium2) and DOCX (python-docx): text layers, offsets, broken files."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from reader_helpers import FICTION, assert_maps_back
from transforms import render_docx, render_pdf

from luoshi.errors import InputError
from luoshi.model import RawDocument
from luoshi.readers import read_bytes


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _read(data: bytes, name: str) -> RawDocument:
    return read_bytes(data, name, name_hint=name)


# -- PDF -----------------------------------------------------------------------


def test_pdf_text_layer() -> None:
    raw = _read(render_pdf(FICTION), "f.pdf")
    assert (raw.source.format, raw.source.encoding) == ("pdf", None)
    assert _squash(raw.text) == _squash(FICTION)
    assert raw.body.text == raw.text
    assert "\r" not in raw.text
    assert_maps_back(raw, "2、海洋合作：双方决定联合开展珊瑚礁健康调查")


def test_pdf_pages_are_separated_by_form_feeds() -> None:
    long_text = "\n".join(f"{n}、虚构事项第{n}条：双方同意继续合作。" for n in range(1, 121))
    raw = _read(render_pdf(long_text), "long.pdf")
    pages = raw.text.split("\f")
    assert len(pages) >= 3
    assert raw.metadata["pages"] == str(len(pages))
    assert _squash(raw.text) == _squash(long_text)
    assert pages[1].lstrip().startswith(tuple(f"{n}、" for n in range(2, 121)))


def test_corrupted_pdf() -> None:
    with pytest.raises(InputError) as err:
        _read(b"%PDF-1.4\nthis is not a pdf at all\n", "bad.pdf")
    assert err.value.problem.startswith("corrupted PDF: ")
    with pytest.raises(InputError, match="corrupted PDF"):
        _read(render_pdf(FICTION)[:400], "cut.pdf")


def _canvas_pdf(draw_text: bool, **kw: object) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, **kw)  # type: ignore[arg-type]
    if draw_text:
        pdf.drawString(72, 720, "Fictional outcome list, item 1.")
    pdf.rect(72, 72, 200, 200, fill=1)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_encrypted_pdf_needing_a_password() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _canvas_pdf(True, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(InputError) as err:
        _read(data, "locked.pdf")
    assert err.value.problem.startswith("encrypted PDF")


def test_encrypted_pdf_with_an_empty_user_password_is_read() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _canvas_pdf(True, encrypt=StandardEncryption("", ownerPassword="owner"))
    assert "item 1." in _read(data, "open.pdf").body.text


def test_pdf_without_a_text_layer() -> None:
    with pytest.raises(InputError) as err:
        _read(_canvas_pdf(False), "scan.pdf")
    assert err.value.problem == "PDF has no text layer (scanned?); OCR is not supported"


# -- DOCX ------------------------------------------------------------------------


def test_docx_paragraphs_one_per_line_bold_runs_do_not_matter() -> None:
    raw = _read(render_docx(FICTION), "f.docx")
    assert (raw.source.format, raw.source.encoding) == ("docx", None)
    assert raw.text == FICTION  # render_docx bolds '1、气象合作：' in its own run
    assert_maps_back(raw, "1、气象合作：双方同意")


def test_docx_headings_tables_and_title() -> None:
    from docx import Document

    doc = Document()
    doc.add_heading("虚构对话成果清单", level=1)
    doc.add_paragraph("前言：双方达成一致。")
    doc.add_heading("一、双边合作", level=2)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "1"
    table.cell(0, 1).text = "气象合作：共建观测站。"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "合并单元格只出现一次"
    doc.add_paragraph("结尾段落。")
    buf = io.BytesIO()
    doc.save(buf)
    raw = _read(buf.getvalue(), "t.docx")
    assert raw.text.split("\n") == [
        "虚构对话成果清单",
        "前言：双方达成一致。",
        "一、双边合作",
        "1",
        "气象合作：共建观测站。",
        "合并单元格只出现一次",
        "结尾段落。",
    ]
    assert raw.metadata["title"] == "虚构对话成果清单"
    assert [(lvl, raw.text[a:b]) for lvl, (a, b) in raw.headings] == [
        (1, "虚构对话成果清单"),
        (2, "一、双边合作"),
    ]


def test_corrupted_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<not really xml")
    with pytest.raises(InputError) as err:
        _read(buf.getvalue(), "broken.docx")
    assert err.value.problem.startswith("corrupted DOCX")
    with pytest.raises(InputError, match="corrupted DOCX"):
        _read(render_docx(FICTION)[:300], "cut.docx")


def test_docx_without_text() -> None:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    with pytest.raises(InputError, match="DOCX has no text"):
        _read(buf.getvalue(), "empty.docx")
