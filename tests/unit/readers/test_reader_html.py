"""HTML: article text out of the page, chrome dropped, offsets into the markup."""

from __future__ import annotations

import html as htmllib

import pytest
from reader_helpers import FICTION, assert_maps_back, root_of
from transforms import render_html

from luoshi.errors import InputError
from luoshi.model import RawDocument
from luoshi.readers import html as html_reader
from luoshi.readers import read_bytes

FICTION_LINES = [ln.strip() for ln in FICTION.split("\n") if ln.strip()]


def _read(page: str | bytes, **kw: str) -> RawDocument:
    data = page.encode() if isinstance(page, str) else page
    return read_bytes(data, "page.html", name_hint="page.html", **kw)


def _lines(raw: RawDocument) -> list[str]:
    return [ln for ln in raw.body.text.split("\n") if ln.strip()]


def test_rendered_page_keeps_the_text_and_drops_the_chrome() -> None:
    raw = _read(render_html(FICTION))
    assert raw.source.format == "html"
    assert _lines(raw) == FICTION_LINES
    for chrome in ("当前位置", "首页", "版权所有", "ICP", "地址", "责任编辑", "分享到", "统计代码"):
        assert chrome not in raw.body.text
    assert raw.metadata["published"] == "2020-01-02"
    assert raw.text[slice(*raw.metadata_spans["published"])] == "2020-01-02 09:30"
    assert raw.metadata["title"] == FICTION_LINES[0]  # " - 虚构网" stripped


def test_dropped_chrome_is_reported_as_boilerplate_with_spans() -> None:
    raw = _read(render_html(FICTION))
    defects = [d for d in raw.defects if d.kind == "boilerplate"]
    assert [d.detail.split(" the text")[0][-6:] for d in defects] == ["before", " after"]
    before, after = (raw.text[slice(*d.span)] for d in defects if d.span)
    assert "当前位置" in before and "首页" in before
    assert "责任编辑" in after and "ICP备" in after


def test_every_body_character_maps_to_its_markup() -> None:
    text = FICTION.replace("双方同意", "双方 & 伙伴<同意>")
    raw = _read(render_html(text))
    body = raw.body.text
    for i, ch in enumerate(body):
        a, b = raw.body.to_root(i, i + 1)
        source = raw.text[a:b]
        if ch.isspace():
            continue
        assert htmllib.unescape(source) == ch, (i, ch, source)
    assert root_of(raw, "&") == "&amp;"
    assert root_of(raw, "<") == "&lt;"
    assert_maps_back(raw, "2、海洋合作：双方决定联合开展珊瑚礁健康调查")


def test_block_elements_and_br_make_lines() -> None:
    raw = _read(
        "<html><body><div><p>第一段<br>第二行</p><p>第三段</p>"
        "<ul><li>甲项</li><li>乙项</li></ul>"
        "<table><tr><td>1</td><td>虚构</td></tr><tr><td>2</td><td>虚拟</td></tr></table>"
        "</div></body></html>"
    )
    assert raw.body.text == "第一段\n第二行\n\n第三段\n\n• 甲项\n\n• 乙项\n\n1 虚构\n\n2 虚拟"


def test_source_line_breaks_inside_a_paragraph() -> None:
    raw = _read("<html><body><p>双方同意\n   共建观测站, and\n  more words</p></body></html>")
    # between hanzi a wrapped source line is no space; between Latin words it is one
    assert raw.body.text == "双方同意共建观测站, and more words"


def test_pre_keeps_its_lines() -> None:
    raw = _read("<html><body><pre>1、甲\n  2、乙</pre></body></html>")
    assert raw.body.text == "1、甲\n  2、乙"


def test_title_without_h1_strips_the_site_suffix() -> None:
    raw = _read(
        "<html><head><title>虚构对话成果清单 - 虚构部</title></head>"
        "<body><p>正文第一段，内容足够长。</p></body></html>"
    )
    assert raw.metadata["title"] == "虚构对话成果清单"
    assert raw.text[slice(*raw.metadata_spans["title"])] == "虚构对话成果清单"


def test_h1_title_and_headings() -> None:
    raw = _read(render_html(FICTION, title="虚构清单"))
    assert raw.metadata["title"] == "虚构清单"
    assert [(lvl, raw.text[a:b]) for lvl, (a, b) in raw.headings] == [(1, "虚构清单")]
    assert _lines(raw)[0] == "虚构清单"


def test_meta_charset_decides_the_encoding() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>虚构</title></head><body><p>约翰·克里与虚构代表会谈。</p></body></html>"
    )
    raw = _read(page.encode("gb18030"))
    assert raw.source.encoding == "gb18030"
    assert "约翰·克里与虚构代表会谈。" in raw.body.text


def test_http_charset_beats_a_wrong_meta_charset() -> None:
    page = '<html><head><meta charset="big5"></head><body><p>双方同意共建观测站。</p></body></html>'
    raw = _read(page.encode("gbk"), content_type="text/html; charset=gbk")
    assert raw.body.text == "双方同意共建观测站。"


def test_page_in_a_charset_detection_refuses_is_still_read_by_its_meta() -> None:
    head = '<html><head><meta charset="windows-1252"></head>'
    page = head + "<body><p>caf\u00e9 \u201cquoted\u201d</p>"
    raw = _read(page.encode("cp1252"))
    assert raw.body.text == "café “quoted”"


def test_page_without_text() -> None:
    with pytest.raises(InputError, match="no text"):
        _read("<html><head><title>x</title></head><body><script>1</script></body></html>")


# -- trafilatura fallbacks ----------------------------------------------------

LIST_PAGE = """<html><head><title>虚构清单</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/a">虚构栏目</a></div>
<div class="article">
<p>双方就以下成果达成一致，具体如下所列各项。</p>
<p>1、甲项合作：双方同意继续开展甲项虚构合作。</p>
<p>2、乙项合作：双方同意继续开展乙项虚构合作。</p>
<p>（1）乙项下的第一个子项，内容较长的说明。</p>
<p>3、丙项合作：双方同意继续开展丙项虚构合作。</p>
<p>4、丁项合作：双方同意继续开展丁项虚构合作。</p>
</div>
<div class="rank"><p>1、热点：某条与本文无关的新闻标题很长</p></div>
</body></html>"""


def _fake_main(text: str) -> html_reader._Main:
    norm = html_reader._norm
    return html_reader._Main(
        norm(text), frozenset(norm(x) for x in text.split("\n")), None, None, None, None, None
    )


def test_numbered_items_the_extractor_dropped_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    # trafilatura stopping after item 2 (as it does on list-like pages)
    partial = (
        "双方就以下成果达成一致，具体如下所列各项。\n1、甲项合作：双方同意继续开展甲项虚构合作。"
    )
    monkeypatch.setattr(html_reader, "_trafilatura", lambda text: _fake_main(partial))
    raw = _read(LIST_PAGE)
    lines = _lines(raw)
    assert lines[0] == "双方就以下成果达成一致，具体如下所列各项。"
    assert [ln[:2] for ln in lines[1:]] == ["1、", "2、", "（1", "3、", "4、"]
    assert "热点" not in raw.body.text  # numbering restarts: not the same list
    assert any("kept 4 numbered block(s)" in w for w in raw.warnings)


def test_no_main_content_falls_back_to_text_outside_chrome(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(html_reader, "_trafilatura", lambda text: None)
    raw = _read(LIST_PAGE)
    assert "4、丁项合作" in raw.body.text
    assert "首页" not in raw.body.text
    assert any("main content not found" in w for w in raw.warnings)


def test_real_trafilatura_on_a_list_page() -> None:
    raw = _read(LIST_PAGE)
    lines = _lines(raw)
    assert "1、甲项合作：双方同意继续开展甲项虚构合作。" in lines
    assert "4、丁项合作：双方同意继续开展丁项虚构合作。" in lines
    assert "首页" not in raw.body.text


def test_strip_site_suffix() -> None:
    assert html_reader.strip_site_suffix("成果清单 - 外交部") == "成果清单"
    assert html_reader.strip_site_suffix("中美联合声明_新闻_虚构网") == "中美联合声明"
    assert html_reader.strip_site_suffix("G-20 峰会成果") == "G-20 峰会成果"


def test_unclosed_head_does_not_swallow_the_page() -> None:
    raw = _read("<html><head><title>虚构</title><meta charset=utf-8><div><p>正文一段。</p></div>")
    assert raw.body.text == "正文一段。"


def test_script_and_style_text_never_reaches_the_body() -> None:
    raw = _read(
        "<html><body><p>正文。</p><script>var s = '<p>假</p>';</script>"
        "<style>p::after{content:'假'}</style><noscript>请启用脚本</noscript></body></html>"
    )
    assert raw.body.text == "正文。"


def test_ordered_list_numbers_drawn_by_the_browser_become_text() -> None:
    page = (
        "<html><body><div class='article'><h1>虚构对话成果清单</h1>"
        "<p>双方就以下成果达成一致，中美双方决定继续推进各领域合作：</p>"
        "<ol><li><b>示范甲：</b>双方决定于明年举行示范会议。</li>"
        "<li value='5'><b>示范乙：</b>双方同意加强交流。</li></ol>"
        "<ol type='I'><li>Model item in a roman list.</li></ol>"
        "<ol><li>3、作者自己写了编号的条目。</li></ol>"
        "</div></body></html>"
    )
    raw = read_bytes(page.encode("utf-8"), "ol.html")
    body = raw.body.text
    assert "1. 示范甲" in body and "5. 示范乙" in body and "I. Model item" in body
    assert "3、作者" in body and "1. 3、" not in body
    # the drawn number maps onto its <li> tag in the source
    i = body.index("5. ")
    s, e = raw.body.to_root(i, i + 2)
    assert raw.text[s:e].startswith("<li value='5'>")


def test_strong_and_b_elements_are_recorded_as_spans_of_their_text() -> None:
    page = ("<html><body><article><h1>虚构对话成果</h1><ol>"
            "<li><strong>Ocean observation.</strong> The two sides will deploy floats.</li>"
            "<li><b>加强互信。</b>双方将举行第二次会议。</li></ol></article></body></html>")
    raw = _read(page)
    assert [page[a:b] for a, b in raw.strong] == ["Ocean observation.", "加强互信。"]
