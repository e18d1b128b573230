"""tests/transforms.py: each transform round-trips through the readers."""

from __future__ import annotations

import re

import pytest
from reader_helpers import FICTION
from transforms import (
    char_width,
    encode,
    paste_twice,
    render_docx,
    render_html,
    render_pdf,
    rewrap,
    to_traditional,
)

from luoshi.readers import read_bytes

LATIN = "1. Both fictional sides agree to build three rain gauges in the hills by 2032."


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _lines(s: str) -> list[str]:
    return [ln.strip() for ln in s.split("\n") if ln.strip()]


@pytest.mark.parametrize("width", [10, 24, 41])
def test_rewrap_cjk(width: int) -> None:
    out = rewrap(FICTION, width)
    assert out.replace("\n", "") == FICTION.replace("\n", "")
    assert all(sum(char_width(c) for c in ln) <= width for ln in out.split("\n"))
    assert out.count("\n") > FICTION.count("\n")


def test_rewrap_keeps_latin_words_and_blank_lines() -> None:
    out = rewrap(f"{LATIN}\n\n{LATIN}", 30)
    assert "\n\n" in out
    assert " ".join(out.split("\n\n")[0].split("\n")) == LATIN
    assert all(len(ln) <= 30 for ln in out.split("\n"))


def test_to_traditional() -> None:
    assert to_traditional("虚构对话成果清单") == "虛構對話成果清單"


@pytest.mark.parametrize(
    ("enc", "reported"),
    [("gb18030", "gb18030"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be")],
)
def test_encode_round_trips(enc: str, reported: str) -> None:
    raw = read_bytes(encode(FICTION, enc), "f.txt")
    assert (raw.body.text, raw.source.encoding) == (FICTION, reported)


def test_big5_keeps_real_traditional_text() -> None:
    trad = to_traditional(FICTION + "约翰·克里为此着衆人赴会。")
    raw = read_bytes(encode(trad, "big5"), "f.txt")
    assert (raw.source.encoding or "").startswith("big5")
    # Big5-HKSCS holds 着 and 衆; OpenCC's 爲 comes back as Big5's 為; nothing else changes
    assert "爲" in trad
    assert raw.body.text == trad.replace("爲", "為")


def test_big5_refuses_a_character_it_cannot_hold() -> None:
    with pytest.raises(ValueError, match="no Big5 form"):
        encode("😀", "big5")


def test_render_pdf_round_trip() -> None:
    text = "\n".join([FICTION] * 8)
    raw = read_bytes(render_pdf(text), "f.pdf")
    assert raw.text.count("\f") >= 1  # several pages
    assert _squash(raw.body.text) == _squash(text)


def test_render_pdf_latin_wraps_at_spaces() -> None:
    raw = read_bytes(render_pdf(LATIN * 3), "f.pdf")
    assert " ".join(raw.body.text.split()) == " ".join((LATIN * 3).split())


def test_render_docx_round_trip() -> None:
    raw = read_bytes(render_docx(FICTION), "f.docx")
    assert raw.body.text == FICTION


@pytest.mark.parametrize("chrome", [True, False])
def test_render_html_round_trip(chrome: bool) -> None:
    raw = read_bytes(render_html(FICTION, with_boilerplate=chrome), "f.html")
    assert _lines(raw.body.text) == _lines(FICTION)


def test_render_html_has_the_chrome_it_promises() -> None:
    page = render_html(FICTION).decode()
    for piece in ("当前位置: ", "首页", "&gt;&gt; 正文", "地址", "电话", "版权所有", "ICP备"):
        assert piece in page


def test_paste_twice() -> None:
    out = paste_twice(FICTION)
    assert out.count("1、气象合作") == 2
    assert out.startswith(FICTION) and out.endswith(FICTION)
