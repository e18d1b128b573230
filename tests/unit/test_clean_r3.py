"""Third held-out round: cleaning and parsing rules on small fictional texts (虚构示例).

Every fixture here is invented; none is copied from benchmarks/data/heldout/r3_*.
"""

from __future__ import annotations

from luoshi.clean import clean
from luoshi.clean.common import simplified
from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.document import build_document
from luoshi.textmap import MappedText


def parse_text(text: str):
    raw = RawDocument(text, MappedText.root(text), SourceInfo("fixture.txt", "0", "text", "utf-8"))
    return build_document(raw)


# -- 1. a hard wrap inside a number ----------------------------------------------------

WRAPPED_NUMBERS = """示范虚构委员会第三次会议成果清单
1、双方同意将示范合作园区的入驻企业数量在今后三年内逐步扩大至3
00家，并建立季度通报制度。
2、双方商定示范基金规模在本轮合作期内争取突破50
00亿元，相关细则由工作组另行商定。
3、双方将于203
1年6月底前完成示范项目的第一阶段联合评估工作并向委员会
提交评估报告，力争2
032年底前全面完成项目建设。
4、双方同意继续加强在示范领域的交流与合作，推动取得新的务实成
果，造福两国人民。
"""


def test_wrap_inside_a_number_in_chinese_joins_without_a_space():
    c = clean(MappedText.root(WRAPPED_NUMBERS))
    text = c.display.text
    assert c.state.hard_wrapped
    assert "扩大至300家" in text
    assert "突破5000亿元" in text
    assert "将于2031年6月底前" in text
    assert "力争2032年底前" in text
    assert "务实成果" in text


WRAPPED_EN = """Outcomes of the Fictional Exchange Dialogue
1. The two sides agreed to review the list of joint projects adopted in
2031 and to add new projects before the next meeting of the Dialogue.
2. The two sides decided that the number of fellowships will rise from 40
to 60 per year, and that the first group will travel in the autumn.
3. The two sides noted that the exhibition shown in the two capitals in
2030 drew 12000 visitors and agreed to hold a second one next year.
4. The two sides agreed to keep in close touch on all matters covered by
this list and to report on progress at the next meeting of the Dialogue.
"""


def test_wrap_between_numbers_in_english_keeps_the_word_space():
    # English wraps at a blank, so two numbers on either side of a wrap are two words
    c = clean(MappedText.root(WRAPPED_EN))
    text = c.display.text
    assert "adopted in 2031 and" in text
    assert "2030 drew 12000" in text


# -- 2. Hong Kong and Taiwan variant characters -------------------------------------------

def test_hong_kong_variants_are_simplified_character_for_character():
    text = "１．示範國家衞生委員會與虛構大學將在矽谷舉辦論壇，敍述合作成果。\n"
    c = clean(MappedText.root(text))
    norm = c.normalized.text
    assert "国家卫生委员会" in norm
    assert "硅谷" in norm
    assert "叙述" in norm
    assert "衞" in c.display.text and "矽谷" in c.display.text  # display keeps the source
    i = norm.index("卫生")
    s, e = c.normalized.to_root(i, i + 2)
    assert text[s:e] == "衞生"
    probe = simplified(text)
    assert len(probe) == len(text) and "卫生" in probe and "硅谷" in probe


def test_variant_table_leaves_simplified_and_mainland_traditional_alone():
    assert simplified("著名学者在著作中写道") == "著名学者在著作中写道"
    assert simplified("這個問題") == "这个问题"


# -- 3. a reporter byline after the list ------------------------------------------------

BYLINE_LINE = """示范虚构论坛成果清单
1、双方同意于明年上半年举行示范论坛第二次会议。
2、双方将继续加强示范领域合作。
（本报记者  赵  六）
"""

BYLINE_INLINE = """示范虚构论坛成果清单
1、双方同意于明年上半年举行示范论坛第二次会议。
2、双方将继续加强示范领域合作。（新华社记者 钱七、孙八）
"""


def test_reporter_byline_on_its_own_line_is_back_matter():
    doc = parse_text(BYLINE_LINE)
    assert doc.items[-1].text.endswith("双方将继续加强示范领域合作。")
    assert "记者" not in doc.items[-1].text
    assert any(d.kind == "boilerplate" and "记者" in d.detail for d in doc.defects)


def test_reporter_byline_glued_after_the_last_sentence_is_back_matter():
    doc = parse_text(BYLINE_INLINE)
    assert "记者" not in doc.items[-1].text
    assert doc.items[-1].text.endswith("合作。")
    d = next(d for d in doc.defects if d.kind == "boilerplate" and "记者" in d.detail)
    s, e = d.span
    assert BYLINE_INLINE[s:e] == "（新华社记者 钱七、孙八）"


def test_a_bracketed_phrase_about_reporters_inside_an_item_stays():
    text = "示范成果清单\n1、双方同意扩大新闻交流（记者互访）并加强合作。\n2、双方将继续合作。\n"
    doc = parse_text(text)
    assert "（记者互访）" in doc.items[0].text


# -- 4. publication date and title ------------------------------------------------------

HEADER_DATED = """2031年3月5日 星期三        示 范 日 报          2   要闻
示范虚构委员会第四次会议成果清单
2031年3月3日至4日，示范虚构委员会第四次会议在虚构城举行。双方达成以下成果：
1、双方同意于明年举行示范虚构委员会第五次会议。
2、双方将继续加强示范领域合作。
"""


def test_running_header_date_is_the_publication_date_when_nothing_better():
    doc = parse_text(HEADER_DATED)
    assert doc.published == "2031-03-05"
    assert any(d.kind == "page-artifact" and "running header" in d.detail for d in doc.defects)


HK_PAGE = """首頁 > 新聞 > 示範 > 正文
分享到： 【字體：大 中 小】 【打印】

第三輪中美示範對話成果清單（全文）

２０３１年０５月０６日 09:15 來源：示範通訊社

２０３１年５月４日至５日，第三輪中美示範對話在虛構城舉行。雙方就以下成果達成一致：

１．雙方同意於明年上半年舉行第四輪中美示範對話。

２．雙方將繼續加強示範領域合作。
"""


def test_hong_kong_page_full_width_timestamp_and_title_with_full_text_note():
    doc = parse_text(HK_PAGE)
    assert doc.title == "第三輪中美示範對話成果清單（全文）"
    assert doc.published == "2031-05-06"
    assert doc.publisher == "示範通訊社"
    assert len(doc.items) == 2


# -- 5. "<body>第N次会议" names the meeting ----------------------------------------------

BODY_TITLE = """中俄示范合作委员会第七次会议成果清单
2031年11月14日至15日，中俄示范合作委员会第七次会议在虚构城举行。双方达成以下成果：
1、双方商定于2032年在虚构城举行中俄示范合作委员会第八次会议。
2、双方将继续加强示范领域合作。
"""

BODY_PREAMBLE = """示范交流成果清单
2031年1月10日至11日，中日示范人文交流磋商机制第二次会议在虚构城举行。双方达成以下成果：
1、双方同意于明年举行中日示范论坛第三届年会。
2、双方将继续加强示范领域合作。
"""


def test_mechanism_and_round_from_body_nth_meeting_in_title():
    doc = parse_text(BODY_TITLE)
    assert doc.meeting.mechanism == "中俄示范合作委员会"
    assert doc.meeting.round == 7


def test_mechanism_and_round_from_body_nth_meeting_in_opening_sentence():
    doc = parse_text(BODY_PREAMBLE)
    assert doc.meeting.mechanism == "中日示范人文交流磋商机制"
    assert doc.meeting.round == 2


def test_round_of_a_named_dialogue_still_wins():
    text = ("第十一轮中英示范财金对话成果清单\n"
            "1、双方同意于明年举行示范工作组第二次会议。\n2、双方将继续合作。\n")
    doc = parse_text(text)
    assert doc.meeting.round == 11
    assert doc.meeting.mechanism == "中英示范财金对话"


def test_a_dateline_date_in_the_opening_sentence_is_not_the_meeting_date():
    # the running header gives the year, so the dateline's 3月4日 now has one too
    text = HEADER_DATED.replace("2031年3月3日至4日", "本报虚构城3月4日电  2031年3月3日至4日")
    doc = parse_text(text)
    assert doc.published == "2031-03-05"
    assert (doc.meeting.start, doc.meeting.end) == ("2031-03-03", "2031-03-04")


# == Fourth held-out round: the same kind of rules, on new invented fixtures =============

# -- 6. a press release: dateline line, "X and Y" date range, closing end mark -----------

OPENING = ("The third round of the U.S.-China Example Dialogue was held in Springfield on "
           "February 28 and March 1, 2031. Officials of both sides issued the following "
           "joint press release.")
EN_RELEASE = """Joint Press Release on the Third Round of the U.S.-China Example Dialogue

SPRINGFIELD, EX — March 1, 2031

""" + OPENING + """

1. The two sides decided to hold the fourth round of the Dialogue in Shelbyville in 2032.

2. The two sides will continue to cooperate on example projects.

{end}
"""


def test_press_release_dateline_line_gives_place_and_publication_date():
    doc = parse_text(EN_RELEASE.format(end="-30-"))
    assert doc.dateline is not None
    assert doc.dateline.place == "Springfield, Ex"
    assert doc.dateline.date == "2031-03-01"
    assert doc.published == "2031-03-01"


def test_date_range_joined_by_and_across_months_is_the_meeting_span():
    doc = parse_text(EN_RELEASE.format(end="-30-"))
    assert (doc.meeting.start, doc.meeting.end) == ("2031-02-28", "2031-03-01")
    assert doc.meeting.round == 3


def test_press_release_end_marks_are_back_matter_not_item_text():
    for end in ("# # #", "###", "-30-", "(End)", "（完）", "- END -"):
        doc = parse_text(EN_RELEASE.format(end=end))
        assert doc.items[-1].text.endswith("example projects."), end
        assert not [d for d in doc.defects if d.kind.startswith("truncated")], end


def test_markdown_end_mark_is_not_a_heading(tmp_path):
    from luoshi.pipeline import parse_raw
    from luoshi.readers import read

    path = tmp_path / "release.md"
    path.write_text("# " + EN_RELEASE.format(end="# # #"), encoding="utf-8")
    doc = parse_raw(read(str(path)))
    assert doc.title.startswith("Joint Press Release")
    assert doc.items[-1].text.endswith("example projects.")
    assert not [d for d in doc.defects if d.kind.startswith("truncated")]


ZH_END_MARK = """示范虚构合作成果清单
1．双方同意加强示范领域合作。
2．双方将于明年举行示范论坛。（完）
"""


def test_chinese_end_mark_after_the_last_sentence_is_dropped():
    doc = parse_text(ZH_END_MARK)
    assert doc.items[-1].text == "双方将于明年举行示范论坛。"
    doc = parse_text(ZH_END_MARK.replace("。（完）", "。\n\n（完）"))
    assert doc.items[-1].text == "双方将于明年举行示范论坛。"


# -- 7. a Word export: title over two lines, dates in Chinese numerals --------------------

WORD_EXPORT = """中美示范虚构合作工作组第二次会议
成果清单

（二〇三一年五月九日）

　　二〇三一年五月八日至九日，中美示范虚构合作工作组第二次会议在虚构城举行。双方达成以下成果：

1.	双方商定于二〇三一年十月举行工作组第三次会议。
2.	双方将继续加强示范领域合作。
"""


def test_title_wrapped_over_two_lines_is_one_title():
    doc = parse_text(WORD_EXPORT)
    assert doc.title == "中美示范虚构合作工作组第二次会议成果清单"
    assert doc.meeting.mechanism == "中美示范虚构合作工作组"
    assert doc.meeting.round == 2
    assert len(doc.items) == 2


def test_chinese_numeral_dates_in_the_opening_sentence():
    doc = parse_text(WORD_EXPORT)
    assert (doc.meeting.start, doc.meeting.end) == ("2031-05-08", "2031-05-09")
    assert doc.meeting.venue == "虚构城"


def test_find_dates_reads_chinese_numerals():
    from luoshi.parse.dates import find_dates

    text = "于二〇三一年十二月三十日至二〇三二年一月二日举行，二〇三一年十月见面"
    got = [(d.first.isoformat(), d.last.isoformat(), d.granularity) for d in find_dates(text)]
    assert got == [("2031-12-30", "2032-01-02", "day"), ("2031-10-01", "2031-10-31", "month")]


# -- 8. a China–regional-group pair written with a dash -----------------------------------

def test_dash_pair_body_meeting_gives_mechanism_and_round():
    for dash in ("—", "-"):
        text = (f"中国{dash}东盟示范合作委员会第四次会议成果清单\n"
                "1．双方同意加强示范领域合作。\n2．双方将继续合作。\n")
        doc = parse_text(text)
        assert doc.meeting.mechanism == f"中国{dash}东盟示范合作委员会", dash
        assert doc.meeting.round == 4


def test_dash_pair_opening_sentence_names_an_unnumbered_meeting():
    text = ("中国—东盟示范部长会成果清单\n"
            "2031年7月1日，中国—东盟示范部长会在虚构城举行。双方达成以下成果：\n"
            "1．双方同意加强示范领域合作。\n2．双方将继续合作。\n")
    doc = parse_text(text)
    assert doc.meeting.mechanism == "中国—东盟示范部长会"
    assert doc.meeting.venue == "虚构城"


# -- 9. a web page: source and time on one line, 届 rounds, verb lead-ins -----------------

WEB_FORUM = """首页 > 新闻中心 > 示范动态

第七届中美示范论坛成果清单

来源:示范部国际司    发布时间:2031-06-03 09:30    浏览次数:512

2031年6月1日至2日,第七届中美示范论坛在虚构城举行.双方达成以下成果:

1.双方同意于2032年举行第八届中美示范论坛.

2.示范局与虚构署商定:自2031年9月起,双方每月交换一次示范数据.

3.示范合作:双方将继续加强示范领域合作.
"""


def test_web_source_and_publication_time_on_one_line():
    doc = parse_text(WEB_FORUM)
    assert doc.published == "2031-06-03"
    assert doc.publisher == "示范部国际司"


def test_round_of_a_forum_counted_in_jie():
    doc = parse_text(WEB_FORUM)
    assert doc.meeting.mechanism == "中美示范论坛"
    assert doc.meeting.round == 7


def test_a_verb_lead_in_before_the_colon_is_not_an_item_title():
    doc = parse_text(WEB_FORUM)
    assert doc.items[1].title is None
    assert doc.items[2].title == "示范合作"
    en = parse_text("Example Outcomes\n1. The two sides agreed: to meet in 2032.\n"
                    "2. Example cooperation: the two sides will cooperate.\n")
    assert en.items[0].title is None
    assert en.items[1].title == "Example cooperation"


# -- fifth held-out round: PDF fact sheet furniture and hyphens (fictional fixture) ------

R5_FACT_SHEET = """JOINT FACT SHEET
The Second U.S.-China Fictional Trade Dialogue

Springfield, 3/9/2031

The second U.S.-China Fictional Trade Dialogue was held in Springfield on March 8-9,
2031. The two delegations recorded the following outcomes.

1) The two sides will exchange lists of certified inspectors on an annual basis, and
will co-
host a training course in the fall of 2031.

2) The two sides will re-
port progress on the fictional harbour program before the next Dialogue.

U.S.-China Fictional Trade Dialogue — Page 2 of 3

3) The two sides will complete a joint review of the customs procedures within 60
days of this Dialogue.

U.S.-China Fictional Trade Dialogue — Page 3 of 3

4) The two sides will continue the Dialogue next year.
"""


def test_r5_page_of_running_header_prefix_hyphen_title_and_place_date_line():
    doc = parse_text(R5_FACT_SHEET)
    assert [it.text for it in doc.items][1:3] == [
        "The two sides will report progress on the fictional harbour program before the "
        "next Dialogue.",
        "The two sides will complete a joint review of the customs procedures within 60 "
        "days of this Dialogue."]
    assert "will co-host a training" in doc.items[0].text
    assert not any(d.kind == "truncated-item" for d in doc.defects)
    assert doc.title == "JOINT FACT SHEET The Second U.S.-China Fictional Trade Dialogue"
    assert doc.dateline is not None and doc.dateline.place == "Springfield"
    assert doc.published == "2031-03-09"
    assert doc.meeting.round == 2
    assert doc.meeting.mechanism == "U.S.-China Fictional Trade Dialogue"


# -- round 6: a Hong Kong press release's end block -------------------------------------

R6_HK_END_BLOCK = """第三屆中英示範聯合委員會會議成果清單

（1）雙方同意於明年在示範市舉行第四屆會議。

（2）中方將於明年五月主辦示範峰會。

完

2031年10月9日（星期四）
香港時間18時30分
"""


def test_r6_end_mark_issue_date_and_time_lines_are_back_matter():
    doc = parse_text(R6_HK_END_BLOCK)
    assert doc.items[-1].text == "中方將於明年五月主辦示範峰會。"
    assert not any(d.kind.startswith("truncated") for d in doc.defects)
    assert doc.published == "2031-10-09"


def test_r6_a_bare_date_line_or_wan_inside_the_text_is_no_end_block():
    doc = parse_text("示範成果清單\n\n（1）雙方同意合作。\n\n完\n\n（2）雙方同意交流。\n")
    assert [it.number for it in doc.items] == [1, 2]
    assert "完" in doc.items[0].text


WRAPPED_EN_PUNCT = """Outcomes of the Fictional Harbour Dialogue
1. The two sides will meet again on the margins of the Fictional Leaders'
Summit in the autumn, and the Ministry of Harbours of Fogland and the U.S.
Department of Tides will report on progress before the next "Harbour
Week" (to be held in Fogtown) and the 2031 review.
2. The two sides agreed to keep in close touch on all matters covered by
this list and to report on progress at the next meeting of the Dialogue.
3. The two sides agreed to publish a joint report on the pilot harbours and
to invite the public to comment on it before the end of the year 2031.
"""


def test_wrap_after_an_apostrophe_a_dot_or_a_quote_in_english_keeps_the_word_space():
    # an English line breaks at a blank whatever the last word ends with
    text = clean(MappedText.root(WRAPPED_EN_PUNCT)).display.text
    assert "Leaders' Summit" in text
    assert "the U.S. Department of Tides" in text
    assert 'next "Harbour Week"' in text


TABLE_WITH_CELL_BREAKS = (
    "示范对话成果落实情况表\n截至2031年5月31日\n\n"
    + "".join(
        f"{n}. 双方将于2031年举行第{n}次示范会议。\n\n示范部\n\n会议已于2031年{n}月举行，\n"
        "双方交换了名单。\n\n已完成\n\n"
        for n in range(1, 5)
    )
)


def test_a_few_line_breaks_inside_table_cells_do_not_make_a_document_hard_wrapped():
    # four breaks inside cells and a title over a date line are no wrap width
    c = clean(MappedText.root(TABLE_WITH_CELL_BREAKS))
    assert not c.state.hard_wrapped
    assert "示范对话成果落实情况表\n截至2031年5月31日" in c.display.text


def test_a_long_english_running_header_between_pages_is_removed():
    header = "FICTIONAL FOGLAND-LAKEPORT HARBOUR AND TIDES DIALOGUE | OUTCOMES OF THE TRACK"
    text = (f"{header}\n\nOutcomes of the Track\n\n"
            "1. The two sides will convene the third Harbour Consultation in New\n\n"
            f"                 Page 1 of 2\n\n{header}\n\n"
            "York no later than September 30, 2031.\n\n"
            "2. The two sides will publish a joint report on the pilot harbours.\n\n"
            "                 Page 2 of 2\n")
    out = clean(MappedText.root(text)).display.text
    assert "HARBOUR AND TIDES DIALOGUE |" not in out
    assert "in New York no later than" in out.replace("\n", " ")
