"""Eighth held-out round: parse rules on small fictional documents (虚构示例).

Every document here is invented for the test: dialogues, bodies, places and dates.
"""

from __future__ import annotations

from luoshi.clean import clean
from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.dates import find_dates
from luoshi.parse.document import build_document
from luoshi.textmap import MappedText


def parse_text(text: str, metadata: dict[str, str] | None = None,
               spans: dict[str, tuple[int, int]] | None = None):
    raw = RawDocument(text, MappedText.root(text), SourceInfo("fixture.txt", "0", "text", "utf-8"),
                      metadata=dict(metadata or {}), metadata_spans=dict(spans or {}))
    return build_document(raw)


# -- 1. another pair's "Strategic Economic Dialogue"; day-first English dates ----------

CANADA = """Canada–China Strategic Economic Dialogue — Outcomes

THIRD ROUND OF THE CHINA–CANADA STRATEGIC ECONOMIC DIALOGUE
JOINT OUTCOMES STATEMENT

Ottawa, 4 May 2031

The Third Round of the China–Canada Strategic Economic Dialogue was held in Ottawa on
3–4 May 2031. Ministers reached the following outcomes.

1. Ministers agreed that the Fourth Round of the Dialogue will be held in Beijing in 2032.

2. The two sides will complete a joint study on model port logistics by 30 June 2032.

                                   – 1 –

Canada–China Strategic Economic Dialogue — Outcomes

3. The two sides will hold a model seminar on fisheries in Halifax in late 2031.

4. The two sides will exchange views on model tax matters on a regular basis.

                                   – 2 –
"""


def test_day_first_english_dates_are_read():
    got = [(d.first.isoformat(), d.last.isoformat()) for d in
           find_dates("held in Ottawa on 3–4 May 2031, then by 30 June 2032; "
                      "from 30 September – 2 October 2031")]
    assert got == [("2031-05-03", "2031-05-04"), ("2032-06-30", "2032-06-30"),
                   ("2031-09-30", "2031-10-02")]
    assert find_dates("1.5 June 2031") == []  # a decimal is no day


def test_another_pairs_strategic_economic_dialogue_is_not_the_china_us_one():
    doc = parse_text(CANADA)
    assert doc.meeting.mechanism == "China–Canada Strategic Economic Dialogue"
    assert doc.meeting.round == 3
    assert (doc.meeting.start, doc.meeting.end) == ("2031-05-03", "2031-05-04")
    assert doc.meeting.venue == "Ottawa"
    # the cover lines in capitals are the title, not the page's running header
    assert doc.title == ("THIRD ROUND OF THE CHINA–CANADA STRATEGIC ECONOMIC DIALOGUE "
                         "JOINT OUTCOMES STATEMENT")


def test_place_and_day_first_date_line_is_the_dateline():
    doc = parse_text(CANADA)
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.date) == ("Ottawa", "2031-05-04")
    assert doc.published == "2031-05-04"


def test_bare_china_us_name_in_another_pairs_document_is_not_taken():
    text = ("Canada–China Model Dialogue — Outcomes\n\n"
            "The Strategic Economic Dialogue model talks were held in Ottawa on 3 May 2031.\n\n"
            "1. The two sides will hold a model seminar in 2032.\n\n"
            "2. The two sides will publish a model report in 2032.\n")
    assert parse_text(text).meeting.mechanism != "中美战略经济对话"


# -- 2 and 3. letter sections; a lead-in verb phrase before a colon ----------------------

LETTERS = """Outcomes of the Second Round of the China–Canada Model Dialogue

A. Trade and Investment

1. The two sides will hold a model trade forum in 2032.

2. The two sides decided to:
(a) conclude a model arrangement within six months; and
(b) hold the first meeting of the Model Committee before the end of 2032.

B. Finance

3. The two sides will exchange views on model banking on a regular basis.

4. The two sides agreed that:
the model fund will be renewed in 2032.
"""


def test_capital_letter_headings_over_numbered_items_are_sections():
    doc = parse_text(LETTERS)
    assert [(s.number, s.title) for s in doc.sections] == [("A", "Trade and Investment"),
                                                           ("B", "Finance")]
    assert [(it.number, it.section) for it in doc.items] == [(1, "A"), (2, "A"), (3, "B"),
                                                             (4, "B")]
    assert "Finance" not in doc.items[1].text


def test_lead_in_ending_in_to_or_that_is_no_item_heading():
    doc = parse_text(LETTERS)
    assert doc.items[1].title is None
    assert doc.items[1].text.startswith("The two sides decided to:")
    assert [s.number for s in doc.items[1].subitems] == ["(a)", "(b)"]
    assert doc.items[3].title is None


# -- 4. closing blocks: secretariat lines, issuing office and a month-only date ----------

def test_bilingual_secretariat_lines_after_the_last_item_are_back_matter():
    text = ("中新示范合作联合理事会第三次会议成果清单\n\n"
            "1. 双方同意于2032年举行理事会第四次会议。\n\n"
            "The two sides agreed to hold the Fourth Meeting of the Council in 2032.\n\n"
            "2. 双方将加强示范合作。\n\n"
            "The two sides will strengthen model cooperation.\n\n"
            "中方秘书处：示范部国际司\n"
            "Singapore Secretariat: Model Ministry of Trade\n")
    doc = parse_text(text)
    assert doc.items[-1].text.endswith("will strengthen model cooperation.")
    assert not [d for d in doc.defects if d.kind.startswith("truncated")]


def test_issuing_office_and_month_only_date_line_are_back_matter():
    text = ("第二轮中美示范对话成果清单\n\n"
            "1. 双方同意于2032年举行第三轮对话。\n\n"
            "2. 双方将加强示范合作。\n\n"
            "示范部国际合作司\n"
            "二〇三一年九月\n")
    doc = parse_text(text)
    assert doc.items[-1].text == "双方将加强示范合作。"
    assert not [d for d in doc.defects if d.kind.startswith("truncated")]


# -- 5. a progress report is dated by its cut-off date -------------------------------------

REPORT = """第三轮中美示范合作对话成果落实情况

2031年3月，第三轮中美示范合作对话在华盛顿举行，双方达成12项成果。截至2031年9月15日，其中8项已经完成。现将落实情况通报如下：

1. 关于第1项成果，示范工作组已于上月在北京举行会议。

2. 关于第2项成果，双方将于本月底前完成示范评估。
"""


def test_progress_report_takes_its_cut_off_date_not_the_earlier_rounds():
    from luoshi.extract.facts import document_date

    doc = parse_text(REPORT)
    assert doc.kind == "progress-report"
    # the meeting is the round reported on, kept whole; the report speaks as of its cut-off
    assert (doc.meeting.mechanism, doc.meeting.round) == ("中美示范合作对话", 3)
    assert (doc.meeting.start, doc.meeting.end) == ("2031-03-01", "2031-03-31")
    assert doc.as_of == doc.published == "2031-09-15"
    assert str(document_date(doc)) == "2031-09-15"


def test_progress_report_without_cut_off_takes_its_closing_date_line():
    text = (REPORT.replace("截至2031年9月15日，其中8项已经完成。", "")
            + "\n示范部国际合作司\n二〇三一年十月\n")
    doc = parse_text(text)
    assert doc.as_of == doc.published == "2031-10-01"


def test_an_outcome_list_keeps_its_meeting_date():
    doc = parse_text(REPORT.replace("成果落实情况", "成果清单"))
    assert (doc.meeting.start, doc.meeting.end) == ("2031-03-01", "2031-03-31")
    assert doc.as_of is None and doc.kind == "outcome-list"


# -- 6. a China–Singapore council names the meeting -----------------------------------------

def test_china_singapore_council_meeting_in_title_is_the_mechanism():
    text = ("中新示范合作联合理事会第三次会议成果清单\n\n"
            "中新示范合作联合理事会第三次会议于2031年10月15日在新加坡举行。\n\n"
            "1. 双方同意于2032年举行理事会第四次会议。\n\n"
            "2. 双方将加强示范合作。\n")
    doc = parse_text(text)
    assert doc.meeting.mechanism == "中新示范合作联合理事会"
    assert doc.meeting.round == 3


def test_words_starting_with_zhong_xin_are_no_pair():
    text = ("示范委员会成果清单\n\n"
            "2031年5月，示范会议在北京举行。其中新设立的示范工作组第一次会议同期举行。\n\n"
            "1. 双方将加强示范合作。\n\n"
            "2. 双方将举行示范论坛。\n")
    assert parse_text(text).meeting.mechanism is None


# -- 7. a web page's timestamp line beats a guessed publication date -----------------------

STAMPED = ("第九次中法示范对话成果清单\n\n"
           "2031-11-27 09:15 来源：示范部网站\n\n"
           "2031年11月26日，第九次中法示范对话在北京举行。\n\n"
           "1. 双方将加强示范合作。\n\n"
           "2. 双方将举行示范论坛。\n")


def test_timestamp_line_beats_a_guessed_publication_date():
    doc = parse_text(STAMPED, {"published": "2031-11-01"})  # no span: the date finder's guess
    assert doc.published == "2031-11-27"


def test_a_declared_publication_date_still_wins():
    doc = parse_text(STAMPED, {"published": "2031-11-28"}, {"published": (0, 4)})
    assert doc.published == "2031-11-28"


# -- 8. a line-end hyphen of a compound is kept --------------------------------------------

def test_line_end_hyphen_of_a_common_compound_is_kept():
    text = ("1. The two sides will launch a joint model program on low-\n"
            "emissions shipping and on long-\n"
            "term planning in the first half of 2032, and will re-\n"
            "view the high-\n"
            "ly detailed plans of the model program in the second half.\n"
            "2. The two sides will hold a model training course on short-\n"
            "age management for experts of both countries in early 2032.\n"
            "3. The two sides will publish a joint report on model research\n"
            "results before the next round of the model dialogue in 2033.\n")
    c = clean(MappedText.root(text))
    assert c.state.hard_wrapped
    first, second = c.display.text.split("\n")[:2]
    assert "low-emissions shipping" in first
    assert "long-term planning" in first
    assert "will review the highly detailed plans" in first
    assert "shortage management" in second
