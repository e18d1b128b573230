"""read()/read_bytes(): dispatch, SourceInfo, and every kind of bad input."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from reader_helpers import FICTION, assert_maps_back
from transforms import render_html, render_pdf

from luoshi.errors import InputError
from luoshi.readers import DEFAULT_MAX_BYTES, read, read_bytes


def _error(target: str, **kw: int) -> InputError:
    with pytest.raises(InputError) as err:
        read(target, **kw)
    return err.value


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "fiction.txt"
    data = FICTION.encode("gb18030")
    path.write_bytes(data)
    raw = read(str(path))
    src = raw.source
    assert (src.format, src.encoding, src.size) == ("text", "gb18030", len(data))
    assert src.sha256 == hashlib.sha256(data).hexdigest()
    assert src.path == str(path)
    assert src.declared_format is None
    assert raw.text == FICTION
    assert raw.body.text == FICTION
    assert raw.warnings == []
    assert_maps_back(raw, "2、海洋合作：双方决定联合开展珊瑚礁健康调查")


def test_crlf_become_lf_in_body_only() -> None:
    source = FICTION.replace("\n", "\r\n")
    raw = read_bytes(source.encode(), "crlf.txt")
    assert raw.text == source
    assert raw.body.text == FICTION
    assert_maps_back(raw, "3、青年交流")
    i = raw.body.text.index("\n")
    assert raw.text[slice(*raw.body.to_root(i, i + 1))] == "\r\n"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    err = _error(str(path))
    assert str(err) == f"{path}: empty file"
    with pytest.raises(InputError, match="empty file"):
        read_bytes(b"", "x")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n　\n", encoding="utf-8")
    assert _error(str(path)).problem == "empty file (whitespace only)"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert _error(str(tmp_path / "nope.txt")).problem == "no such file"
    assert _error(str(tmp_path)).problem == "is a directory, not a document"


def test_huge_file_is_refused_by_stat_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 120 MB actually written
        fh.truncate(120 * 1024 * 1024)
    err = _error(str(path))
    assert err.problem == "file is 120.0 MB, over the 64 MB limit (raise it with --max-bytes)"
    assert DEFAULT_MAX_BYTES == 64 * 1024 * 1024


def test_max_bytes_can_be_lowered_and_raised(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text(FICTION, encoding="utf-8")
    assert "over the 100 bytes limit" in _error(str(path), max_bytes=100).problem
    assert read(str(path), max_bytes=10_000).body.text == FICTION


def test_huge_sparse_file_under_a_raised_limit_is_binary_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "zeros.txt"
    with path.open("wb") as fh:
        fh.truncate(2 * 1024 * 1024)
    assert "binary file" in _error(str(path), max_bytes=4 * 1024 * 1024).problem


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(FICTION, encoding="utf-8")
    path.chmod(0)
    assert _error(str(path)).problem == "permission denied"


def test_fifo_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    subprocess.run(["mkfifo", str(fifo)], check=True)
    assert _error(str(fifo)).problem == "not a regular file"


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert _error(str(path)).problem == "binary file (PNG image), not a document luoshi reads"


def test_mislabelled_pdf_that_is_html_is_read_as_html_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(render_html(FICTION))
    raw = read(str(path))
    assert raw.source.format == "html"
    assert raw.source.declared_format == "pdf"
    assert f"{path}: mislabelled: content is HTML, read as HTML" in raw.warnings
    assert "珊瑚礁健康调查" in raw.body.text


def test_mislabelled_txt_that_is_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(render_pdf(FICTION))
    raw = read(str(path))
    assert (raw.source.format, raw.source.declared_format) == ("pdf", "text")
    assert any("mislabelled: content is PDF" in w for w in raw.warnings)


def test_content_type_claim_and_charset() -> None:
    data = FICTION.encode("gb18030")
    raw = read_bytes(data, "http://x/y", content_type="text/plain; charset=gbk")
    assert (raw.source.format, raw.source.encoding, raw.warnings) == ("text", "gb18030", [])


def test_archive_named_txt_is_not_mislabelled() -> None:
    data = "〖BT/标题〗虚构〖-BT/标题〗\n〖ZW/正文〗\n虚构正文。\n〖-ZW/正文〗\n".encode()
    raw = read_bytes(data, "a.txt", name_hint="a.txt")
    assert raw.source.format == "archive"
    assert raw.source.declared_format is None
    assert raw.warnings == []


def test_empty_target() -> None:
    assert _error("").problem == "no file or URL given"
