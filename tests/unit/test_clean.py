"""Cleaning stages on small fictional texts (虚构示例)."""

from __future__ import annotations

from luoshi.clean import clean
from luoshi.textmap import MappedText

WRAPPED = """第一轮中美虚构对话具体成果清单

一、双边合作

1、示范交往：双方决定继续按照两国元首达成的共识，拓展合作，缩小
分歧，推进中美示范关系建设。双方积极评价两国元首在第一届示范峰
会期间会晤取得的成果，并决定在下一轮对话前举行示范工作组第二次
会议。

2、示范合作：双方将于 2031 年秋季在北京举行示范论坛，并就相关问
题保持密切沟通。双方同意加强在示范领域的交流与合作，推动取得新

的务实成果，造福两国人民。

3、示范研究：双方决定开展联合研究，并于明年上半年在华盛顿举行研究
成果发布会，邀请两国专家学者参加。（下转第六版）
"""


def test_hard_wraps_and_page_breaks_are_joined_without_spaces():
    c = clean(MappedText.root(WRAPPED))
    paras = c.display.text.split("\n")
    assert c.state.hard_wrapped
    item1 = next(p for p in paras if p.startswith("1、"))
    assert "缩小分歧" in item1 and "第二次会议" in item1
    item2 = next(p for p in paras if p.startswith("2、"))
    assert "推动取得新的务实成果" in item2  # a blank line mid-sentence is a page break
    assert any(d.kind == "page-artifact" and "mid-sentence" in d.detail for d in c.state.defects)


def test_continuation_marker_removed_and_reported_as_cut():
    c = clean(MappedText.root(WRAPPED))
    assert "下转" not in c.display.text
    assert c.state.continues_elsewhere is not None
    s, e = c.state.continues_elsewhere
    assert WRAPPED[s:e] == "（下转第六版）"


def test_normalised_layer_removes_layout_blanks_and_unifies_punctuation():
    text = "1、示范合作:双方将于2031 年 9 月在华举行会议,并(视情)邀请专家。\n"
    c = clean(MappedText.root(text))
    assert "2031年9月" in c.normalized.text
    assert "示范合作：" in c.normalized.text and "会议，并（视情）" in c.normalized.text
    # the display layer keeps what the document says
    assert "2031 年 9 月" in c.display.text
    i = c.normalized.text.index("2031年")
    s, e = c.normalized.to_root(i, i + 5)
    assert text[s:e] == "2031 年"


def test_traditional_is_matched_in_simplified_but_kept_for_display():
    text = "1、虛構對話：雙方決定於明年舉行會議。\n2、經濟合作：雙方將繼續加強溝通。\n"
    c = clean(MappedText.root(text))
    assert c.state.script == "Hant"
    assert "虚构对话" in c.normalized.text
    assert "虛構對話" in c.display.text


def test_repeated_block_kept_once_and_reported():
    block = "3、示范交流：双方同意继续加强示范交流与合作，共同推动示范项目取得成果。\n\n" \
            "4、示范培训：双方决定于明年联合举办示范培训班，邀请两国专家参加。\n\n"
    text = "1、示范一：双方决定开展示范合作并定期评估进展情况。\n\n" + block + block + block
    c = clean(MappedText.root(text))
    assert c.display.text.count("3、示范交流") == 1
    dups = [d for d in c.state.defects if d.kind == "duplicate-block"]
    assert len(dups) == 1 and "items 3–4" in dups[0].detail


def test_web_page_furniture_dropped_but_title_kept():
    page = (
        "网站首页\n当前位置: 首页 >> 新闻 >> 正文\n第一轮中美虚构对话成果清单\n"
        "2031年05月14日 10:00\n"
        "在第一轮中美虚构对话期间，双方就以下成果达成一致。\n"
        "1、示范合作:双方决定继续合作。\n2、示范交流:双方同意加强交流。\n"
        "虚构研究院\n地址:虚构市虚构路1号 邮编:000000\n版权所有 虚构研究院\n"
    )
    c = clean(MappedText.root(page))
    assert c.state.web_page
    for junk in ("当前位置", "网站首页", "地址", "版权所有", "虚构研究院"):
        assert junk not in c.display.text
    assert "第一轮中美虚构对话成果清单" in c.display.text
    assert c.state.timestamps[0][0] == "2031-05-14"


def test_english_hyphenation_undone_and_lines_joined_with_spaces():
    text = ("1. Model Exchanges: The two sides decided to continue their coop-\n"
            "eration on model projects and to hold the second meeting of the\n"
            "Model Working Group in the fall of 2031 in Washington, and to\n"
            "review progress regularly through the existing channels.\n"
            "2. Model Training: The two sides plan to hold a joint training\n"
            "course for experts from both countries in the first half of 2032.\n"
            "3. Model Research: The two sides will publish a joint report on\n"
            "model research results before the next round of the dialogue.\n")
    c = clean(MappedText.root(text))
    first = c.display.text.split("\n")[0]
    assert "cooperation on model projects" in first
    assert "of the Model Working Group" in first


def test_lines_of_a_pasted_block_are_not_running_headers():
    block = ("1、示范甲：双方决定于明年在华盛顿举行示范会\n"
             "议并邀请两国专家参加相关讨论活动。中国示范\n"
             "协会将继续支持。\n\n2、示范乙：双方同意继续加强交流合作并定期评\n估进展，推动示范项目取得"
             "更多成果。\n\n")
    c = clean(MappedText.root(block + block))
    assert "中国示范协会将继续支持" in c.display.text
    assert not any("running header" in d.detail for d in c.state.defects)


def test_real_running_headers_between_pages_are_removed():
    page = "虚构日报 2031年5月14日 第3版\n"
    text = (page + "1、示范甲：双方决定于明年举行示范会议。\n\f\n" + page +
            "2、示范乙：双方同意继续加强交流合作。\n\f\n" + page + "3、示范丙：双方将举行论坛。\n")
    c = clean(MappedText.root(text))
    assert "虚构日报" not in c.display.text
    assert sum(1 for d in c.state.defects if d.kind == "page-artifact") == 3
