"""Format by content, not by name."""

from __future__ import annotations

import io
import zipfile

import pytest
from reader_helpers import FICTION

from luoshi.errors import InputError
from luoshi.readers import sniff
from luoshi.readers.sniff import Claim


def _zip(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in names.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "JPEG image"),
        (b"GIF89a" + b"\x00" * 40, "GIF image"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "ELF executable"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40, "Windows executable"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "gzip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "save it as DOCX"),
        (_zip({"a.txt": b"x"}), "ZIP archive"),
        (_zip({"[Content_Types].xml": b"x", "xl/workbook.xml": b"x"}), "XLSX spreadsheet"),
        (b"text\x00with\x00some\x01\x02\x03nul bytes here" * 10, "NUL or control bytes"),
    ],
)
def test_binary_files_are_refused_naming_what_they_are(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as err:
        sniff.binary(data, "f.bin")
    assert what in err.value.problem
    assert "not a document luoshi reads" in err.value.problem or "DOCX" in err.value.problem
    assert str(err.value).startswith("f.bin: ")


def test_pdf_and_docx_by_magic() -> None:
    assert sniff.binary(b"%PDF-1.7\n...", "x.txt") == "pdf"
    assert sniff.binary(b"\n\n%PDF-1.4 after junk", "x") == "pdf"
    assert sniff.binary(_zip({"word/document.xml": b"<w:document/>"}), "x.zip") == "docx"


def test_damaged_zip_named_docx_is_a_corrupted_docx() -> None:
    data = _zip({"word/document.xml": b"<w:document/>" * 50})[:60]
    with pytest.raises(InputError, match="corrupted DOCX"):
        sniff.binary(data, "x.docx", "x.docx")


def test_utf16_text_is_not_mistaken_for_binary() -> None:
    assert sniff.binary(FICTION.encode("utf-16-le"), "f.txt") is None
    assert sniff.binary(("abc " * 50).encode("utf-16-be"), "f.txt") is None


NONE = Claim(None, "")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<!DOCTYPE html><html><body><p>虚构</p></body></html>", "html"),
        ("\n  <!-- saved --><html lang=zh><p>虚构</p>", "html"),
        ("<div class='article'><p>虚构</p></div>", "html"),
        ("〖BT/标题〗虚构〖-BT/标题〗\n〖ZW/正文〗正文〖-ZW/正文〗", "archive"),
        ("前言\n\n**1、虚构合作：**双方同意。", "markdown"),
        ("# 虚构标题\n\n正文", "markdown"),
        (FICTION, "text"),
        ("1. plain list\n2. second", "text"),
        ("#话题# 不是标题", "text"),
    ],
)
def test_text_formats_by_content(text: str, fmt: str) -> None:
    assert sniff.text_format(text, NONE) == fmt


def test_md_extension_makes_plain_text_markdown() -> None:
    assert sniff.text_format(FICTION, Claim("markdown", "extension")) == "markdown"


def test_claims_from_extension_and_content_type() -> None:
    assert sniff.claim("a/b/c.PDF", None) == Claim("pdf", "extension")
    assert sniff.claim("https://x.org/a.htm?q=1", None) == Claim("html", "extension")
    assert sniff.claim("x.pdf", "text/html; charset=gbk") == Claim("html", "content type")
    assert sniff.claim("noext", None) == Claim(None, "")
    assert sniff.charset_of("text/html; charset=GBK") == "GBK"
    assert sniff.charset_of("text/html") is None


@pytest.mark.parametrize(
    ("claimed", "actual", "wrong"),
    [
        ("pdf", "html", True),
        ("html", "text", True),
        ("docx", "pdf", True),
        ("text", "archive", False),  # archive records come as .txt
        ("text", "markdown", False),
        ("markdown", "text", False),
        (None, "pdf", False),
        ("pdf", "pdf", False),
    ],
)
def test_mislabelled(claimed: str | None, actual: str, wrong: bool) -> None:
    assert sniff.mislabelled(Claim(claimed, "extension"), actual) is wrong
