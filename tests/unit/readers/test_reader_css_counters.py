"""HTML: item numbers that exist only as CSS counters are drawn as the browser draws them."""

from __future__ import annotations

import re

import pytest

from luoshi.model import RawDocument
from luoshi.pipeline import parse_raw
from luoshi.readers import read_bytes
from luoshi.readers._css_counters import Counters, Sheet, node, page_sheet

# Clearly fictional outcomes (雾港, 第九轮虚构合作对话): no sentence of a real document.
ITEMS = [
    "双方同意于2032年在雾港举行第十轮虚构合作对话。",
    "双方决定联合开展珊瑚礁健康调查，并每年交换调查数据。",
    "双方将互派二百名青年志愿者，开展植树和清洁河道活动。",
    "双方同意共同建设三个山区降雨观测站。",
    "双方将于明年春季举办第二届虚构港口城市论坛。",
    "双方决定在三个月内成立联合气象工作组。",
]

COUNTER_CSS = """
  body { font-family: sans-serif; }
  .outcomes { counter-reset: n; }
  .outcomes h3 { font-size: 17px; }
  .outcomes .item { counter-increment: n; padding-left: 2em; }
  .item::before { content: counter(n) "."; position: absolute; left: 0; }
"""


def _page(css: str, body: str) -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>虚构对话成果清单_虚构网</title>"
        f"<style>{css}</style></head><body><article><h1>第九轮虚构合作对话成果清单</h1>"
        "<p>2031年5月6日至7日，第九轮虚构合作对话在雾港举行。双方就以下成果达成一致：</p>"
        f"{body}</article></body></html>"
    )


def _items(texts: list[str]) -> str:
    return "".join(f'<div class="item">{t}</div>' for t in texts)


def _sections(texts: list[str], container: str = "section class='outcomes'") -> str:
    tag = container.split()[0]
    half = len(texts) // 2
    return (
        f"<{container}><h3>一、机制建设</h3>{_items(texts[:half])}"
        f"<h3>二、务实合作</h3>{_items(texts[half:])}</{tag}>"
    )


def _read(page: str) -> RawDocument:
    return read_bytes(page.encode("utf-8"), "page.html", name_hint="page.html")


def _lines(raw: RawDocument) -> list[str]:
    return [ln for ln in raw.body.text.split("\n") if ln.strip()]


def test_counter_reset_and_increment_number_the_items() -> None:
    raw = _read(_page(COUNTER_CSS, f"<section class='outcomes'>{_items(ITEMS[:3])}</section>"))
    assert _lines(raw)[-3:] == [f"{i}. {t}" for i, t in enumerate(ITEMS[:3], 1)]


def test_drawn_number_maps_to_its_element_and_items_span_the_source() -> None:
    page = _page(COUNTER_CSS, f"<section class='outcomes'>{_items(ITEMS[:3])}</section>")
    raw = _read(page)
    body = raw.body.text
    i = body.index("2. ")
    s, e = raw.body.to_root(i, i + 2)
    assert raw.text[s:e] == '<div class="item">'
    assert s == page.index(f'<div class="item">{ITEMS[1]}')
    doc = parse_raw(raw, extract=False)
    assert [it.number for it in doc.items] == [1, 2, 3]
    for item, text in zip(doc.items, ITEMS[:3], strict=True):
        source = doc.text[item.span[0] : item.span[1]]
        assert source.startswith('<div class="item">') and text in source


def test_two_sections_share_one_counter() -> None:
    raw = _read(_page(COUNTER_CSS, _sections(ITEMS)))
    lines = _lines(raw)
    numbered = [ln for ln in lines if re.match(r"\d+\. ", ln)]
    assert numbered == [f"{i}. {t}" for i, t in enumerate(ITEMS, 1)]
    assert "一、机制建设" in lines and "二、务实合作" in lines
    doc = parse_raw(raw, extract=False)
    assert [it.number for it in doc.items] == [1, 2, 3, 4, 5, 6]
    assert [it.text for it in doc.items] == ITEMS
    assert [it.section for it in doc.items] == ["一", "一", "一", "二", "二", "二"]


def test_a_reset_on_each_section_restarts_the_numbers() -> None:
    css = (
        "section { counter-reset: k; } div.item { counter-increment: k; }"
        " div.item:before { content: counter(k) '、'; }"
    )
    body = "".join(
        f"<section><h3>{h}</h3>{_items(ITEMS[i : i + 2])}</section>"
        for h, i in (("一、机制建设", 0), ("二、务实合作", 2))
    )
    lines = _lines(_read(_page(css, body)))
    assert [ln for ln in lines if "双方" in ln and not ln.startswith("2031")] == [
        f"1、 {ITEMS[0]}",
        f"2、 {ITEMS[1]}",
        f"1、 {ITEMS[2]}",
        f"2、 {ITEMS[3]}",
    ]


@pytest.mark.parametrize(
    ("content", "labels"),
    [
        ('counter(n, lower-alpha) ")"', ["a)", "b)", "c)"]),
        ("'(' counter(n, upper-roman) ') '", ["(I)", "(II)", "(III)"]),
        ('counter(n, cjk-ideographic) "、"', ["一、", "二、", "三、"]),
        ('"第" counter(n, cjk-ideographic) "条"', ["第一条", "第二条", "第三条"]),
        ('counter(n, decimal-leading-zero) "\\FF0E"', ["01．", "02．", "03．"]),
    ],
)
def test_counter_styles_and_literal_strings(content: str, labels: list[str]) -> None:
    css = (
        f".list {{ counter-reset: n; }} .item {{ counter-increment: n; }} "
        f".item::before {{ content: {content}; }}"
    )
    lines = _lines(_read(_page(css, f"<div class='list'>{_items(ITEMS[:3])}</div>")))
    assert lines[-3:] == [f"{lab} {t}" for lab, t in zip(labels, ITEMS[:3], strict=True)]


def test_nested_counters_join_their_levels() -> None:
    css = (
        "ol.x { counter-reset: s; list-style: none; } ol.x > li { counter-increment: s; }"
        ' ol.x > li::before { content: counters(s, ".") " "; }'
    )
    body = (
        f"<ol class='x'><li>{ITEMS[0]}<ol class='x'><li>{ITEMS[1]}</li><li>{ITEMS[2]}</li>"
        f"</ol></li><li>{ITEMS[3]}</li></ol>"
    )
    lines = _lines(_read(_page(css, body)))
    # the CSS number replaces the one the <ol> would draw (list-style: none)
    assert lines[-4:] == [f"1 {ITEMS[0]}", f"1.1 {ITEMS[1]}", f"1.2 {ITEMS[2]}", f"2 {ITEMS[3]}"]


def test_page_whose_css_has_no_counters_is_unchanged() -> None:
    css = (
        ".item { padding: 0 1em; } .item::before { content: '\\e601'; font-family: icons; }"
        " .share a:hover::before { content: '›'; }"
    )
    lines = _lines(_read(_page(css, f"<div class='list'>{_items(ITEMS[:3])}</div>")))
    assert lines[-3:] == ITEMS[:3]
    assert page_sheet(_page(css, "")) is None


@pytest.mark.parametrize(
    "css",
    [
        COUNTER_CSS.replace("counter-increment: n; padding-left: 2em; }", "counter-increment: n;"),
        COUNTER_CSS.replace('"."', '".'),
        COUNTER_CSS + " } .x { color: red; }",
        COUNTER_CSS + " /* an unterminated comment",
        COUNTER_CSS.replace(".item::before", ".item:nth-child(odd)::before"),
        COUNTER_CSS.replace(".outcomes .item", ".outcomes + .item"),
        COUNTER_CSS.replace("counter(n)", "counter(n, my-style)"),
        COUNTER_CSS.replace('counter(n) "."', "counter(n) attr(data-x)"),
        COUNTER_CSS.replace("counter-reset: n;", "counter-reset: reversed(n);"),
        "@media (min-width: 600px) {" + COUNTER_CSS + "}",
    ],
    ids=[
        "unclosed-block",
        "unterminated-string",
        "stray-brace",
        "unterminated-comment",
        "nth-child",
        "sibling-combinator",
        "unknown-style",
        "attr",
        "reversed",
        "media-query",
    ],
)
def test_uncertain_or_malformed_css_draws_nothing(css: str) -> None:
    page = _page(css, f"<section class='outcomes'>{_items(ITEMS[:2])}</section>")
    assert page_sheet(page) is None
    assert _lines(_read(page))[-2:] == ITEMS[:2]


def test_media_print_rules_are_not_drawn_and_screen_rules_are() -> None:
    body = f"<section class='outcomes'>{_items(ITEMS[:2])}</section>"
    page = _page("@media print {" + COUNTER_CSS + "}", body)
    assert _lines(_read(page))[-2:] == ITEMS[:2]
    page = page.replace("<style>", "<style media='screen'>" + COUNTER_CSS + "</style><style>")
    assert _lines(_read(page))[-2:] == [f"1. {ITEMS[0]}", f"2. {ITEMS[1]}"]


def test_old_html_comment_around_the_sheet_is_ignored() -> None:
    page = _page(f"<!--\n{COUNTER_CSS}\n-->", f"<div class='outcomes'>{_items(ITEMS[:2])}</div>")
    assert _lines(_read(page))[-2:] == [f"1. {ITEMS[0]}", f"2. {ITEMS[1]}"]


def test_number_typed_by_the_author_is_not_doubled() -> None:
    texts = [f"{i}、{t}" for i, t in enumerate(ITEMS[:2], 1)]
    lines = _lines(
        _read(_page(COUNTER_CSS, f"<section class='outcomes'>{_items(texts)}</section>"))
    )
    assert lines[-2:] == texts


def test_counters_outside_the_article_chrome_are_counted_not_drawn() -> None:
    css = (
        COUNTER_CSS + " .rank li { counter-increment: n; } .rank li::before {"
        " content: counter(n) '.'; }"
    )
    body = (
        f"<section class='outcomes'>{_items(ITEMS[:2])}</section>"
        "<aside class='rank'><ul><li>虚构新闻甲乙丙丁戊己庚辛壬癸子丑</li></ul></aside>"
    )
    lines = _lines(_read(_page(css, body)))
    assert lines[-2:] == [f"1. {ITEMS[0]}", f"2. {ITEMS[1]}"]
    assert not any("3." in ln for ln in lines)


# -- the tracker itself (semantics checked against Chromium) ----------------------


def _run(css: str, events: list[tuple[str, str] | None]) -> list[str | None]:
    """Drive Counters with ("tag", "classes") opens and None closes."""
    tracker = Counters(Sheet([css]))
    stack: list = []
    out = []
    for ev in events:
        if ev is None:
            stack.pop()
            tracker.close_to(len(stack))
            continue
        n = node(ev[0], {"class": ev[1]})
        out.append(tracker.open(n, stack))
        stack.append(n)
    return [x for x in out if x is not None]


def test_increment_without_reset_counts_siblings_only() -> None:
    css = ".i { counter-increment: n; } .i::before { content: counter(n) '.'; }"
    opened = [
        ("div", ""),
        ("div", "i"),
        None,
        ("div", "i"),
        None,
        None,
        ("div", ""),
        ("div", "i"),
        None,
        None,
    ]
    assert _run(css, opened) == ["1.", "2.", "1."]


def test_increment_on_the_pseudo_element_without_reset_stays_at_one() -> None:
    # CSS Lists 3: the counter is created on each ::before; Chromium draws 1. 1. 1.
    css = ".i::before { counter-increment: n; content: counter(n) '.'; }"
    assert _run(css, [("div", "i"), None, ("div", "i"), None]) == ["1.", "1."]
    css = "body { counter-reset: n; } " + css
    opened = [("body", ""), ("div", "i"), None, ("div", "i"), None, None]
    assert _run(css, opened) == ["1.", "2."]


def test_cascade_more_specific_rule_wins() -> None:
    css = (
        ".l { counter-reset: n 4; } .i { counter-increment: n; }"
        " .l .i.skip { counter-increment: none; }"
        " .i::before { content: counter(n) '.'; } .skip::before { content: ''; }"
    )
    opened = [("div", "l"), ("p", "i"), None, ("p", "i skip"), None, ("p", "i"), None]
    assert _run(css, opened) == ["5.", "6."]


def test_counter_set_applies_after_the_increment() -> None:
    css = (
        ".l { counter-reset: n; } .i { counter-increment: n; } .j { counter-set: n 10; }"
        " .i::before { content: counter(n) '.'; }"
    )
    opened = [("div", "l"), ("p", "i"), None, ("p", "i j"), None, ("p", "i"), None]
    assert _run(css, opened) == ["1.", "10.", "11."]


# -- reading the sheet with tinycss2 -------------------------------------------------


def test_strings_escapes_and_comments_are_read_as_css() -> None:
    css = (
        ".l\\69 st { counter-reset: n; } /* .l { counter-reset: n 9; } */"
        " .list > .i { counter-increment: n; }"
        ' .i::before { content: "{" counter(n, lower-roman) "}\\3001"; }'
    )
    opened = [("div", "list"), ("p", "i"), None, ("p", "i"), None, None]
    assert _run(css, opened) == ["{i}、", "{ii}、"]


def test_important_wins_over_a_more_specific_rule() -> None:
    css = (
        ".l { counter-reset: n; } .i { counter-increment: n !important; }"
        " .l .i.skip { counter-increment: none; } .i::before { content: counter(n) '.'; }"
    )
    opened = [("div", "l"), ("p", "i"), None, ("p", "i skip"), None, ("p", "i"), None]
    assert _run(css, opened) == ["1.", "2.", "3."]


def test_old_browser_hacks_beside_counters_are_ignored() -> None:
    css = COUNTER_CSS.replace(
        ".outcomes { counter-reset: n; }",
        ".outcomes { *zoom: 1; _height: 1px; counter-reset: n; filter: alpha(opacity=90); }",
    )
    page = _page(css, f"<section class='outcomes'>{_items(ITEMS[:2])}</section>")
    assert page_sheet(page) is not None
    assert _lines(_read(page))[-2:] == [f"1. {ITEMS[0]}", f"2. {ITEMS[1]}"]


@pytest.mark.parametrize(
    "css",
    [
        # an unclosed "(" swallows the rest of the sheet in a browser
        COUNTER_CSS.replace("font-size: 17px;", "font-size: calc(17px;"),
        # "{" inside a rule about counters: CSS nesting
        COUNTER_CSS.replace("left: 0; }", "left: 0; span { color: red; } }"),
        # a rule about counters with a stray ")"
        COUNTER_CSS.replace("counter-increment: n;", "counter-increment: n );"),
    ],
    ids=["unclosed-paren", "nested-rule", "stray-paren"],
)
def test_sheets_a_browser_reads_another_way_draw_nothing(css: str) -> None:
    page = _page(css, f"<section class='outcomes'>{_items(ITEMS[:2])}</section>")
    assert page_sheet(page) is None


def test_bad_inline_counter_style_draws_nothing_but_a_good_one_counts() -> None:
    body = f"<section class='outcomes' style='counter-reset: n 4'>{_items(ITEMS[:2])}</section>"
    assert _lines(_read(_page(COUNTER_CSS, body)))[-2:] == [f"5. {ITEMS[0]}", f"6. {ITEMS[1]}"]
    page = _page(COUNTER_CSS, body.replace("n 4", "reversed(n)"))
    assert page_sheet(page) is None
