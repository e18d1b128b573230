"""The meeting a document reports on: mechanisms of other pairs, regional and trilateral
meetings (虚构示例).

Every title and document here is invented for the test: dialogues, bodies, places and dates.
"""

from __future__ import annotations

from luoshi.deserialize import record_to_document
from luoshi.extract.pairs import document_pair, pair_of
from luoshi.model import RawDocument, SourceInfo
from luoshi.parse.document import build_document
from luoshi.schema import validate_document
from luoshi.serialize import document_to_dict
from luoshi.textmap import MappedText


def parse_text(text: str):
    source = SourceInfo("fixture.txt", "0" * 64, "text", "utf-8")
    raw = RawDocument(text, MappedText.root(text), source)
    return build_document(raw)


# -- China–ROK is a known pair ----------------------------------------------------------

def test_china_rok_is_a_pair_with_its_false_starts():
    assert document_pair(None, "第二轮中韩海洋渔业合作对话成果清单") == "kr"
    assert document_pair(None, "Outcomes of the China-ROK Fisheries Dialogue") == "kr"
    assert pair_of("韩中海洋渔业合作对话") == "kr"
    # 其中韩国…, 在韩中资企业, 会谈中韩方…: ordinary words, no pair
    for word in ("中韩国企业增加投资", "韩中资企业", "中韩方表示"):
        assert pair_of(word) is None


def test_a_numbered_china_rok_dialogue_in_the_title_is_the_mechanism():
    doc = parse_text("第二轮中韩海洋渔业合作对话成果清单\n\n"
                     "2031年4月2日，第二轮中韩海洋渔业合作对话在济州举行。双方达成以下成果：\n\n"
                     "一、双方同意加强渔业执法合作。\n\n二、双方同意交换渔业统计数据。\n")
    assert doc.meeting.mechanism == "中韩海洋渔业合作对话"
    assert doc.meeting.round == 2


# -- a regional pair's numbered meeting (中国—<group of countries>…会议) ------------------

def test_a_numbered_regional_meeting_ending_in_huiyi_is_the_mechanism():
    doc = parse_text("第四次中国—太平洋岛国青年领导人会议成果清单\n\n"
                     "2031年9月3日，第四次中国—太平洋岛国青年领导人会议在福州举行。会议达成以下成果：\n\n"
                     "一、各方同意设立青年交流项目。\n\n二、各方欢迎举办青年创业大赛。\n")
    assert doc.meeting.mechanism == "中国—太平洋岛国青年领导人会议"
    assert doc.meeting.round == 4


def test_a_domestic_numbered_meeting_is_no_mechanism():
    doc = parse_text("第三次全国海洋经济工作会议成果清单\n\n"
                     "2031年9月3日，第三次全国海洋经济工作会议在福州举行。会议达成以下成果：\n\n"
                     "一、各地同意建立联络机制。\n\n二、各地同意交换统计数据。\n")
    assert doc.meeting.mechanism is None


# -- English names with the wider heads (Meeting, Council …) -----------------------------

def test_a_trilateral_meeting_named_by_the_title_is_the_mechanism_and_its_ordinal_the_round():
    doc = parse_text("Joint Statement: Second China–Canada–Chile Trilateral Meeting on "
                     "Polar Research\n\n"
                     "The second Trilateral Meeting was held in Santiago on March 4, 2031. "
                     "The participants agreed as follows:\n\n"
                     "1. The three sides will exchange ice-core data.\n\n"
                     "2. The three sides will hold a joint summer school.\n")
    assert doc.meeting.mechanism == "China–Canada–Chile Trilateral Meeting on Polar Research"
    assert doc.meeting.round == 2


def test_a_meeting_of_a_joint_council_in_the_opening_is_the_mechanism():
    doc = parse_text("Joint Outcomes\n\n"
                     "The Third Meeting of the China-Australia Joint Council on Forestry was held "
                     "in Hobart on June 5, 2031. The two sides reached the following outcomes:\n\n"
                     "1. The two sides will exchange seedling stock.\n\n"
                     "2. The two sides will train forest rangers.\n")
    assert doc.meeting.mechanism == "China-Australia Joint Council on Forestry"
    assert doc.meeting.round == 3


def test_a_bilingual_list_keeps_the_chinese_mechanism_over_its_english_title_line():
    doc = parse_text("中澳林业合作联合理事会第三次会议成果清单\n\n"
                     "Outcomes of the Third Meeting of the China-Australia Joint Council on "
                     "Forestry Cooperation\n\n"
                     "中澳林业合作联合理事会第三次会议于2031年6月5日在霍巴特举行。双方达成以下成果：\n\n"
                     "1. 双方同意交换苗木。\n\n2. 双方同意培训护林员。\n")
    assert doc.meeting.mechanism == "中澳林业合作联合理事会"
    assert doc.meeting.round == 3


# -- the English name a bilingual document writes for its Chinese mechanism ------------

_BILINGUAL = ("中澳林业合作联合理事会第三次会议成果清单\n\n"
              "Outcomes of the Third Meeting of the China-Australia Joint Council on "
              "Forestry Cooperation\n\n"
              "中澳林业合作联合理事会第三次会议于2031年6月5日在霍巴特举行。双方达成以下成果：\n\n"
              "1. 双方同意交换苗木。\n\n2. 双方同意培训护林员。\n")


def test_a_bilingual_list_gives_the_english_name_of_its_chinese_mechanism():
    doc = parse_text(_BILINGUAL)
    assert doc.meeting.mechanism_en == "China-Australia Joint Council on Forestry Cooperation"
    record = document_to_dict(doc)
    validate_document(record)
    assert record["meeting"]["mechanism_en"] == doc.meeting.mechanism_en
    assert record_to_document(record, _BILINGUAL).meeting.mechanism_en == doc.meeting.mechanism_en


def test_no_english_name_of_another_pair_nor_without_one():
    # an English line of another pair's body is no name of this mechanism
    other = _BILINGUAL.replace("China-Australia", "China-Canada")
    assert parse_text(other).meeting.mechanism_en is None
    chinese_only = "\n\n".join(p for p in _BILINGUAL.split("\n\n") if "Outcomes" not in p)
    doc = parse_text(chinese_only)
    assert doc.meeting.mechanism == "中澳林业合作联合理事会"
    assert doc.meeting.mechanism_en is None
    record = document_to_dict(doc)
    assert "mechanism_en" not in record["meeting"]  # optional: absent when none is written
    validate_document(record)


# -- forwarded e-mails -------------------------------------------------------------------

_FWD_MAIL = """发件人: 张三 <zhangsan@example.cn>
收件人: 合作处 <hzc@example.cn>
主题: 转发: 回复: 中美虚构合作联合小组第七次全体会议成果清单
日期: 2031年3月4日 星期二 09:10

请阅。

-----Original Message-----
From: Li Si <lisi@example.cn>
Subject: 中美虚构合作联合小组第七次全体会议成果清单

> > 中美虚构合作联合小组第七次全体会议成果清单
> >
> > 2031年3月2日至3日，中美虚构合作联合小组第七次全体会议在杭州举行。双方达成以下成果：
> >
> > 1、双方同意于2032年举行联合小组第八次全体会议。
> > 2、双方将加强信息交流。
"""


def test_a_forwarded_mail_takes_the_quoted_title_not_the_subject_line():
    doc = parse_text(_FWD_MAIL)
    assert doc.title == "中美虚构合作联合小组第七次全体会议成果清单"
    assert doc.meeting.mechanism == "中美虚构合作联合小组"
    assert doc.meeting.round == 7
    assert doc.meeting.venue == "杭州"


def test_a_mail_without_a_quoted_title_takes_the_subject_without_its_prefixes():
    text = ("From: Zhang San <zs@example.cn>\nTo: All <all@example.cn>\n"
            "Subject: Fwd: RE: 中美虚构对话第三轮对话成果清单\n\n"
            "请阅附件。\n\n1、双方同意继续对话。\n2、双方将加强交流。\n")
    doc = parse_text(text)
    assert doc.title == "中美虚构对话第三轮对话成果清单"
