"""Pure transforms of a document's text, for invariance tests.

Each function turns a text into another form a real document arrives in (hard
wrapped, traditional script, legacy encoding, PDF, DOCX, a web page, a page
pasted twice). End-to-end tests check that the ledger built from the
transformed document equals the one built from the original.
"""

from __future__ import annotations

import html
import io
import unicodedata
from functools import cache

__all__ = [
    "encode",
    "paste_twice",
    "render_docx",
    "render_html",
    "render_pdf",
    "rewrap",
    "to_traditional",
]


# -- wrapping ---------------------------------------------------------------


def char_width(ch: str) -> int:
    """Display columns: 2 for wide (CJK, full-width) characters, else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _tokens(line: str) -> list[str]:
    """Wrap units: each wide character alone, runs of narrow non-space characters
    (Latin words, numbers) together, each space alone."""
    out: list[str] = []
    for ch in line:
        narrow_word = char_width(ch) == 1 and not ch.isspace()
        if narrow_word and out and char_width(out[-1][-1]) == 1 and not out[-1][-1].isspace():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _wrap_line(line: str, width: int) -> list[str]:
    lines: list[str] = []
    cur, cols = "", 0
    for tok in _tokens(line):
        w = sum(char_width(c) for c in tok)
        if cols + w > width and cur.strip():
            lines.append(cur.rstrip(" "))
            cur, cols = "", 0
            if tok == " ":
                continue  # the space a Latin line breaks at is the line break
        while w > width:  # a word longer than the line: cut it
            lines.append(tok[:width])
            tok = tok[width:]
            w = sum(char_width(c) for c in tok)
        cur, cols = cur + tok, cols + w
    lines.append(cur)
    return lines


def rewrap(text: str, width: int) -> str:
    """Hard-wrap every line (paragraph) at ``width`` display columns.

    Hanzi and full-width punctuation count 2 columns and may break anywhere;
    Latin words and numbers are kept whole and broken at spaces, the space
    becoming the line break (as in a typeset English text). Blank lines stay.
    """
    if width < 2:
        raise ValueError("width must be at least 2 columns")
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(_wrap_line(line, width) if line.strip() else [line])
    return "\n".join(out)


# -- script and encoding ----------------------------------------------------


@cache
def _opencc(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Simplified → Traditional Chinese with OpenCC's s2t (OpenCC standard forms)."""
    return str(_opencc("s2t").convert(text))


# OpenCC-standard or CJK-symbol forms Big5 lacks, and the Big5 form readers see.
_BIG5_FOLD = {"―": "—", "〖": "【", "〗": "】", "・": "·"}


def _big5_char(ch: str) -> bytes:
    for alt in (ch, _BIG5_FOLD.get(ch, ""), str(_opencc("t2tw").convert(ch))):
        if not alt:
            continue
        try:
            return alt.encode("big5hkscs")
        except UnicodeEncodeError:
            continue
    raise ValueError(f"{ch!r} (U+{ord(ch):04X}) has no Big5 form")


def _big5(text: str) -> bytes:
    try:
        return text.encode("big5hkscs")
    except UnicodeEncodeError:
        return b"".join(_big5_char(ch) for ch in text)


def encode(text: str, enc: str) -> bytes:
    """Bytes of ``text`` in a legacy or wide encoding.

    * ``gb18030`` (and gbk/gb2312): gb18030 encodes every Unicode character.
    * ``big5``: Big5-HKSCS (the widest Big5; what browsers decode "big5" with).
      Characters it lacks are folded to the variant Big5 has — OpenCC's s2t
      writes 爲/啓/着 where Big5 has 為/啟/著 (via OpenCC t2tw), and a few
      symbols (〖〗・―) — so real text survives with the same meaning; a
      character with no Big5 form at all raises ValueError rather than
      silently becoming '?'.
    * ``utf-16``: with a BOM; ``utf-16-le``/``utf-16-be``: without.
    """
    name = enc.lower().replace("_", "-")
    if name in ("gb18030", "gbk", "gb2312"):
        return text.encode("gb18030")
    if name in ("big5", "big5hkscs", "big5-hkscs", "cp950"):
        return _big5(text)
    return text.encode(name)


# -- documents ----------------------------------------------------------------

_PAGE_W, _PAGE_H = 595.27, 841.89  # A4 in points
_MARGIN = 56.0
_FONT, _SIZE, _LEADING = "STSong-Light", 11.0, 16.0


def _pdf_lines(text: str, width: float) -> list[str]:
    """Lines that fit ``width`` points in the CID font (wide chars at 1 em)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for tok in _tokens(para):
            if stringWidth(cur + tok, _FONT, _SIZE) > width and cur.strip():
                out.append(cur.rstrip(" "))
                cur = "" if tok == " " else tok
            else:
                cur += tok
        out.append(cur)
    return out


def render_pdf(text: str) -> bytes:
    """A text-layer PDF of ``text``: A4 pages, lines wrapped to the page width,
    as many pages as it takes. The CID font STSong-Light needs no font file."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(_PAGE_W, _PAGE_H), invariant=True)
    y = _PAGE_H - _MARGIN
    pdf.setFont(_FONT, _SIZE)
    for line in _pdf_lines(text, _PAGE_W - 2 * _MARGIN):
        if y < _MARGIN:
            pdf.showPage()
            pdf.setFont(_FONT, _SIZE)
            y = _PAGE_H - _MARGIN
        if line:
            pdf.drawString(_MARGIN, y, line)
        y -= _LEADING
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _item_title_end(line: str) -> int:
    """Length of an item's '1、标题：' prefix (0 if none): bold in Word documents."""
    import re

    m = re.match(r"\s*(?:\d+|[一二三四五六七八九十]+)[、.．][^：:\n]{1,30}[：:]", line)
    return m.end() if m else 0


def render_docx(text: str) -> bytes:
    """A DOCX with one paragraph per line; item headings ('1、标题：') in bold runs."""
    from docx import Document

    doc = Document()
    for line in text.split("\n"):
        par = doc.add_paragraph()
        cut = _item_title_end(line)
        if cut:
            par.add_run(line[:cut]).bold = True
        if line[cut:]:
            par.add_run(line[cut:])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


_NAV = """<div class="header"><div class="logo">虚构网</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/news/">新闻</a></li>
<li><a href="/policy/">政策</a></li><li><a href="/about/">关于我们</a></li></ul></div>
<div class="position">当前位置: <a href="/">首页</a> &gt;&gt; <a href="/news/">新闻</a>
 &gt;&gt; 正文</div>"""
_TOOLS = """<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<p>【责任编辑：虚构】</p>"""
_FOOTER = """<div class="footer"><p>地址：虚构市虚构区虚构路1号 邮编：100000</p>
<p>电话：010-00000000 传真：010-00000001</p>
<p>版权所有 © 虚构网 虚ICP备00000000号-1 虚公网安备00000000000000号</p></div>"""


def render_html(text: str, with_boilerplate: bool = True, title: str | None = None) -> bytes:
    """A UTF-8 web page with ``text`` as one <p> per non-empty line.

    With boilerplate it looks like a Chinese government/news site: scripts and
    styles, header and nav bar, breadcrumb "当前位置: 首页 >> 新闻 >> 正文", the
    title as <h1> when given, share links, 【责任编辑】 and a footer with
    地址/电话/版权所有/ICP备. The text is HTML-escaped.
    """
    head_title = title or next((ln.strip() for ln in text.split("\n") if ln.strip()), "虚构")
    paras = "\n".join(
        f"<p>{html.escape(line.strip())}</p>" for line in text.split("\n") if line.strip()
    )
    if not with_boilerplate:
        return (
            f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{html.escape(head_title)}</title></head>\n<body>\n{paras}\n</body></html>\n"
        ).encode()
    h1 = f"<h1>{html.escape(title)}</h1>\n" if title else ""
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(head_title)} - 虚构网</title>
<meta name="PubDate" content="2020-01-02 09:30">
<style>body {{ font-family: serif; }} .nav li {{ display: inline; }}</style>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
</head>
<body>
{_NAV}
<div class="main"><div class="article">
{h1}<div class="content">
{paras}
</div>
{_TOOLS}
</div></div>
{_FOOTER}
</body></html>
"""
    return page.encode("utf-8")


def paste_twice(text: str) -> str:
    """The text followed by itself: a block pasted twice in a scraped page."""
    return f"{text}\n\n{text}"
