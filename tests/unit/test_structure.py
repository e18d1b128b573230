"""Outline, items, meeting and defects on small fictional documents (虚构示例)."""

from __future__ import annotations

from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.document import build_document
from luoshi.textmap import MappedText


def parse_text(text: str):
    raw = RawDocument(text, MappedText.root(text), SourceInfo("fixture.txt", "0", "text", "utf-8"))
    return build_document(raw)


MULTI = """中美虚构对话成果清单

一、总体合作
（一）高层交往
1、示范访问：双方决定保持高层交往。
2、示范对话：双方同意于2031年举行第二轮对话。
（二）务实合作
3、示范贸易：双方将扩大贸易合作（1）降低关税；（2）简化手续；（3）加强监管。
二、全球事务
4、示范气候：双方重申致力于应对气候变化。
"""


def test_multilevel_outline_sections_subsections_items():
    doc = parse_text(MULTI)
    assert [(s.number, s.level) for s in doc.sections] == [
        ("一", 1),
        ("一/一", 2),
        ("一/二", 2),
        ("二", 1),
    ]
    assert [(it.number, it.section) for it in doc.items] == [
        (1, "一/一"),
        (2, "一/一"),
        (3, "一/二"),
        (4, "二"),
    ]
    assert doc.items[1].title == "示范对话"
    subs = doc.items[2].subitems
    assert [s.number for s in subs] == ["（1）", "（2）", "（3）"]
    assert subs[1].text.startswith("简化手续")
    assert subs[2].text == "加强监管。"


def test_bracketed_chinese_numerals_are_items_when_nothing_lower_exists():
    text = (
        "虚构成果清单\n一、合作\n（一）示范甲：双方决定合作。\n（二）示范乙：双方同意交流。\n"
        "二、交流\n（三）示范丙：双方将举行会议。\n"
    )
    doc = parse_text(text)
    assert [it.number for it in doc.items] == [1, 2, 3]
    assert [s.number for s in doc.sections] == ["一", "二"]


ENGLISH = """Outcomes of the First Round of the U.S.-China Model Dialogue

During the First Round of the U.S.-China Strategic and Economic Dialogue held in Beijing \
on May 12-13, 2031, the two sides reached the following outcomes:

I. Enhancing Bilateral Cooperation

1. High-Level Exchanges: The two sides decided to maintain high-level exchanges.

2. Model Consultations: The two sides plan to hold consultations in 2032.

II. Global Challenges

3. Climate Change: The two sides reaffirmed their commitment to the model accord.
"""


def test_english_outline_round_and_meeting():
    doc = parse_text(ENGLISH)
    assert [s.number for s in doc.sections] == ["I", "II"]
    assert [(it.number, it.title) for it in doc.items] == [
        (1, "High-Level Exchanges"),
        (2, "Model Consultations"),
        (3, "Climate Change"),
    ]
    assert doc.meeting.round == 1
    assert (doc.meeting.start, doc.meeting.end) == ("2031-05-12", "2031-05-13")
    assert doc.meeting.venue == "Beijing"
    assert doc.source.language == "en"


def test_gap_out_of_order_and_spans():
    text = (
        "虚构成果清单\n1、甲项：双方决定合作。\n2、乙项：双方同意交流。\n5、戊项：双方将举行会议。\n"
        "3、丙项：双方决定于明年举行论坛。\n"
    )
    doc = parse_text(text)
    kinds = {d.kind: d for d in doc.defects}
    assert kinds["numbering-gap"].detail == "items 4 missing"
    assert kinds["out-of-order"].detail == "item 3 comes after item 5"
    s, e = doc.items[2].span
    assert text[s:e].startswith("5、戊项")


def test_item_ending_mid_sentence_is_truncated():
    text = ("虚构成果清单\n1、甲项：双方决定合作。\n2、乙项：双方同意在以下领域加强\n"
            "3、丙项：双方将举行会议。\n")
    doc = parse_text(text)
    assert any(d.kind == "truncated-item" and "item 2" in d.detail for d in doc.defects)


def test_meeting_from_preamble_with_chairs_and_dateline():
    text = (
        "第三轮中美战略与经济对话框架下战略对话具体成果清单\n"
        "2031年7月9日至10日在北京举行的第三轮中美战略与经济对话期间，中国国家主席的特别代表"
        "国务委员林远与美国总统的特别代表国务卿艾伦·卡特共同主持了战略对话。中美双方：\n"
        "1、示范合作：双方决定继续合作。\n2、示范交流：双方同意加强交流。\n"
        "（新华社北京7月11日电）\n"
    )
    doc = parse_text(text)
    m = doc.meeting
    assert (m.mechanism, m.track, m.round, m.venue) == ("中美战略与经济对话", "战略对话", 3, "北京")
    assert [(c.name, c.title, c.side) for c in m.chairs] == [
        ("林远", "国务委员", "CN"),
        ("艾伦·卡特", "国务卿", "US"),
    ]
    assert doc.dateline.agency == "新华社" and doc.dateline.date == "2031-07-11"
    assert "新华社" not in doc.items[-1].text


def test_narrative_meetings_become_events():
    text = (
        "虚构对话简史\n2031年3月5日，中美虚构对话在北京举行。双方交换了意见。\n"
        "2032年4月\n2032年4月8日至9日，中美虚构对话在华盛顿举行。\n"
        "2033年1月，双方领导人在东京出席峰会时举行会晤。\n"
    )
    doc = parse_text(text)
    assert doc.kind == "narrative"
    assert [(e.start, e.end, e.place) for e in doc.events] == [
        ("2031-03-05", "2031-03-05", "北京"),
        ("2032-04-08", "2032-04-09", "华盛顿"),
    ]


def test_inline_enumeration_wrapped_to_a_line_start_is_not_an_item():
    text = ("虚构成果清单\n1、示范甲：双方承诺各自措施：1. 应以非歧视方式对待；2. 将不会限制\n"
            "商业机会；\n3. 应仅用于小范围。\n2、示范乙：双方同意加强交流。\n")
    doc = parse_text(text)
    assert [it.number for it in doc.items] == [1, 2]
    assert "应仅用于小范围" in doc.items[0].text


FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "parse"


def test_english_pdf_text_with_running_footer_page_numbers_and_hyphenation():
    text = (FIXTURES / "en_pdf_text_outcomes.txt").read_text(encoding="utf-8")
    doc = parse_text(text)
    assert [(it.number, it.section, it.title) for it in doc.items] == [
        (1, "I", "High-Level Exchanges"), (2, "I", "Law Enforcement Cooperation"),
        (3, "I", "Legal Advisers Consultation"), (4, "II", "Climate Change")]
    assert "close communication" in doc.items[0].text.replace("\n", " ")
    assert "plenary meeting" in doc.items[1].text.replace("\n", " ")
    assert all("Spokesperson" not in it.text for it in doc.items)
    m = doc.meeting
    assert (m.round, m.start, m.end, m.venue) == (7, "2031-06-22", "2031-06-24", "Washington")
    assert [(c.name, c.side) for c in m.chairs] == [("Lin Yuan", "CN"), ("Alan Carter", "US")]
    assert not any(d.kind.startswith("truncated") for d in doc.defects)


def _parse_file(name: str):
    from luoshi.pipeline import parse

    return parse(FIXTURES / name)


def test_fact_sheet_bullets_are_unnumbered_items_under_headings():
    doc = _parse_file("zh_fact_sheet_bullets.md")
    assert doc.kind == "joint-statement"
    assert [s.title for s in doc.sections] == ["气候合作", "地方合作"]
    assert [(it.number, it.label, it.section) for it in doc.items] == [
        (None, "-", "气候合作")] * 3 + [(None, "-", "地方合作")] * 2
    assert not any(d.kind == "numbering-gap" for d in doc.defects)
    due = doc.items[1].facts["commitments"][0]["due"]
    assert due == {"start": "2032-01-01", "end": "2032-06-30"}


def test_joint_statement_paragraphs_become_items_after_the_opening():
    doc = _parse_file("zh_joint_statement.txt")
    assert doc.kind == "joint-statement"
    assert (doc.meeting.start, doc.meeting.venue) == ("2031-11-12", "北京")
    assert [it.label for it in doc.items] == ["¶", "¶", "¶"]
    assert doc.items[0].text.startswith("双方将于2032年上半年召开")
    assert doc.items[0].facts["commitments"][0]["action"] == "hold-meeting"


PARTS_WITH_BRACKETED_ITEMS = """虚构论坛第二次会议成果清单

第一部分  机制建设
（1）双方同意于2031年下半年举行第三次会议。
（2）双方积极评价首届示范大会的成果。
第二部分  文化交流
（3）双方支持两国运动员开展联合训练。
（4）双方将于年内举行第四次示范合作会议。
"""


def test_bare_part_headings_are_sections_and_bracketed_numbers_items():
    doc = parse_text(PARTS_WITH_BRACKETED_ITEMS)
    assert [(s.number, s.title) for s in doc.sections] == [("一", "机制建设"), ("二", "文化交流")]
    assert [(it.number, it.section) for it in doc.items] == [
        (1, "一"), (2, "一"), (3, "二"), (4, "二")]
    assert doc.items[2].text == "双方支持两国运动员开展联合训练。"


def test_chinese_items_with_sentences_keep_bracketed_numbers_as_subitems():
    doc = parse_text("虚构成果清单\n\n一、双方同意：\n（1）扩大贸易；\n（2）简化手续。\n"
                     "二、双方决定于2031年举行第二轮对话。\n")
    assert [it.number for it in doc.items] == [1, 2]
    assert [s.text for s in doc.items[0].subitems] == ["扩大贸易；", "简化手续。"]


def test_full_width_item_number_before_a_year_is_an_item():
    # ８．２０１７年 folds to 8.2017年: item 8, not the decimal 8.2017
    doc = parse_text("虚构成果清单\n\n７．双方将加强合作。\n８．２０１７年，两国完成了６个项目。\n"
                     "９．双方同意增加2.5亿美元投入。\n")
    assert [it.number for it in doc.items] == [7, 8, 9]
    assert not any(d.kind == "numbering-gap" for d in doc.defects)


FACT_SHEET_EN = """# FACT SHEET: Outcomes of a Fictional Dialogue

The first round of the Fictional Dialogue was held on May 3, 2031. The sides announced:

**Dialogue Architecture**

* The two sides will hold the second round of the Dialogue in 2032.
* The two sides will set up a working group on ports.

**Consular Affairs and People-to-People Exchange**

* The two sides will open two new consulates by the end of 2032.
* The two sides will double student exchanges.

###

For further information, please contact the Office of the Spokesperson.
"""


def test_fact_sheet_long_english_heading_and_contact_line_after_the_list(tmp_path):
    from luoshi.pipeline import parse

    path = tmp_path / "fact_sheet.md"
    path.write_text(FACT_SHEET_EN, encoding="utf-8")
    doc = parse(path)
    assert [s.title for s in doc.sections] == [
        "Dialogue Architecture", "Consular Affairs and People-to-People Exchange"]
    assert len(doc.items) == 4
    assert doc.items[-1].text.endswith("double student exchanges.")
    assert not any(d.kind == "truncated-item" for d in doc.defects)


def test_signature_block_after_the_last_item_is_not_part_of_it():
    doc = parse_text("虚构磋商机制第一次会议成果清单\n\n（1）双方同意于2032年举行第二次会议。\n"
                     "（2）双方将加强青年交流。\n虚构磋商机制秘书处\n2031年1月11日\n")
    assert doc.items[-1].text == "双方将加强青年交流。"
    assert not any(d.kind.startswith("truncated") for d in doc.defects)
    # a date line alone is dropped too, but a wrapped sentence before it is not a signature
    doc = parse_text("虚构成果清单\n\n1、双方将加强合作。\n2、双方决定于\n2031年1月11日\n")
    assert doc.items[-1].text.replace("\\n", "").startswith("双方决定于")


def test_r5_press_release_date_line_and_list_intro_are_front_matter():
    doc = parse_text("第九次中美虚构合作联合委员会会议联合新闻稿\n\n2031年5月20日\n\n"
                     "2031年5月19日至20日，第九次中美虚构合作联合委员会会议在虚构市举行。"
                     "双方回顾了合作进展。现将会议成果发布如下：\n\n"
                     "双方宣布，第十次会议将于明年在华盛顿举行。\n\n"
                     "中方表示，将于年内完成虚构项目的技术审查。\n\n"
                     "双方商定，今明两年共同实施5个示范项目。\n")
    assert [it.text for it in doc.items] == [
        "双方宣布，第十次会议将于明年在华盛顿举行。", "中方表示，将于年内完成虚构项目的技术审查。",
        "双方商定，今明两年共同实施5个示范项目。"]
    assert all(it.section is None for it in doc.items)
    assert doc.meeting.mechanism == "中美虚构合作联合委员会" and doc.meeting.round == 9


def test_r5_glued_fullwidth_dot_item_traditional_venue_and_province():
    doc = parse_text("第二次中国—非盟虚构合作对话成果清单\n\n"
                     "2031年9月25日至26日，第二次中国—非盟虚构合作对话在湖南长沙举行。双方达成以下成果：\n\n"
                     "1．双方同意举行第三次对话。\n\n2．双方将加强海关合作。3．双方商定每两年举办一次论坛。\n\n"
                     "4．双方将继续交流。\n")
    assert [it.number for it in doc.items] == [1, 2, 3, 4]
    assert not any(d.kind == "numbering-gap" for d in doc.defects)
    assert doc.meeting.venue == "长沙" and doc.meeting.round == 2
    assert doc.meeting.mechanism == "中国—非盟虚构合作对话"
    doc = parse_text("中美虛構合作磋商第三輪磋商成果清單\n\n"
                     "二〇三一年三月十一日至十二日，中美虛構合作磋商第三輪磋商於北京舉行。達成以下成果：\n\n"
                     "（一）雙方同意舉行第四輪磋商。\n\n（二）雙方將加強合作。\n")
    assert doc.meeting.venue == "北京" and doc.meeting.round == 3
    assert doc.meeting.mechanism == "中美虚构合作磋商"


# -- round 6: an enumeration run on inside paragraphs (一是…二是…) ----------------------

R6_ENUM_REPORT = """虚构示例：中美第三次示范政策对话在虚构市举行

（本文为虚构示例，仅供测试。）

来源：示范网　2031-04-09 10:15

新华社虚构市4月8日电（记者 张示范）第三次中美示范政策对话4月7日至8日在虚构市举行。

对话取得以下成果：

在机制建设方面，一是双方同意于2032年在波士顿举行第四次对话。二是双方决定设立示范工作组。

在务实合作方面，三是双方将于今年10月举办示范论坛。四是双方商定，每年交换一次示范数据。

双方表示，将推动合作取得更多成果。
"""


def test_r6_enumeration_inside_paragraphs_gives_numbered_items_and_sections():
    doc = parse_text(R6_ENUM_REPORT)
    assert [(it.number, it.label, it.section) for it in doc.items] == [
        (1, "一是", "机制建设"), (2, "二是", "机制建设"),
        (3, "三是", "务实合作"), (4, "四是", "务实合作")]
    assert [it.text for it in doc.items] == [
        "双方同意于2032年在波士顿举行第四次对话。", "双方决定设立示范工作组。",
        "双方将于今年10月举办示范论坛。", "双方商定，每年交换一次示范数据。"]
    for it in doc.items:  # the span starts at the ordinal and ends with the item
        assert R6_ENUM_REPORT[it.span[0]:it.span[1]] == it.label + it.text
    assert [s.title for s in doc.sections] == ["机制建设", "务实合作"]
    assert doc.published == "2031-04-09"
    assert doc.dateline is not None and doc.dateline.date == "2031-04-08"
    assert R6_ENUM_REPORT[doc.dateline.span[0]:doc.dateline.span[0] + 3] == "新华社"
    assert (doc.meeting.start, doc.meeting.end) == ("2031-04-07", "2031-04-08")


def test_r6_enumeration_other_forms_and_too_short_runs():
    doc = parse_text("示范说明\n\n双方认为：其一，成果丰硕。其二，交流密切。其三，前景广阔。\n")
    assert [(it.number, it.label, it.text) for it in doc.items] == [
        (1, "其一，", "成果丰硕。"), (2, "其二，", "交流密切。"), (3, "其三，", "前景广阔。")]
    # two ordinals are no list; 统一是 is no ordinal
    assert parse_text("示范说明\n\n一是双方同意合作。二是双方同意交流。\n").items == []
    assert parse_text("示范说明\n\n标准统一是关键。二是，三是。\n").items == []


def test_r6_enumeration_is_not_read_when_the_document_has_a_numbered_list():
    doc = parse_text("示范成果清单\n\n1. 一是双方合作。二是双方交流。三是互访。\n2. 双方续约。\n")
    assert [(it.number, it.label) for it in doc.items] == [(1, "1."), (2, "2.")]


# -- round 6: back matter after the last numbered item ---------------------------------

def test_r6_contact_footer_after_the_last_numbered_item_is_back_matter(tmp_path):
    from luoshi.cli import parse_document, read_document

    md = tmp_path / "fictional_summary.md"
    md.write_text(
        "# Summary of Outcomes: Second Round of the U.S.-China Dialogue on Fictional Affairs\n\n"
        "Office of the Spokesperson | March 3, 2031\n\n"
        "The second round of the U.S.-China Dialogue on Fictional Affairs took place in "
        "Springfield on March 2-3, 2031. The sides reached the following outcomes:\n\n"
        "1. The sides will hold the next round in Beijing.\n\n"
        "2. The sides will exchange fictional data every year.\n\n"
        "---\n\n*For further information, contact the Office of the Spokesperson.*\n",
        encoding="utf-8")
    doc = parse_document(read_document(str(md)))
    assert doc.items[-1].text == "The sides will exchange fictional data every year."
    assert not any(d.kind.startswith("truncated") for d in doc.defects)
    assert doc.meeting.mechanism == "U.S.-China Dialogue on Fictional Affairs"
    assert (doc.meeting.start, doc.meeting.end) == ("2031-03-02", "2031-03-03")
    assert doc.meeting.venue == "Springfield"


def test_venue_drops_the_country_and_then_the_province():
    doc = parse_text("虚构对话成果清单\n\n2031年5月3日，第二次虚构对话在中国湖南长沙举行。\n\n"
                     "1、双方将加强合作。\n2、双方同意于2032年举行第三次对话。\n")
    assert doc.meeting.venue == "长沙"


def test_table_rows_are_items_and_role_name_lines_sign_the_list():
    doc = parse_text("虚构工作组成果清单\n\n序号\t成果\n1\t双方同意于下季度举行第二次会议。\n"
                     "2\t双方将加强数据交流。\n3\t双方决定设立示范专家组。\n"
                     "中方牵头人：示范部副部长　张甲\n美方牵头人：示范办公室副代表　John Doe\n")
    assert [it.number for it in doc.items] == [1, 2, 3]
    assert doc.items[-1].text == "双方决定设立示范专家组。"
    assert not any(d.kind.startswith("truncated") for d in doc.defects)
