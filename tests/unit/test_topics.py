"""Tests for luoshi.extract.topics: the codebook and topic_for.

The unit cases use made-up headings. The gold list below annotates, by hand, the
item headings of the seed outcome lists that the commitment dev set quotes
(benchmarks/data/commitments_dev.tsv: all items of 000, 002 and 003, items 1-70 of
001); "*" marks an item a reader could file under more than one topic, for which
any topic but "other" is accepted.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.extract.topics import _book, codebook, document_keywords, topic_for

DEV = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "commitments_dev.tsv"

# The CAP major topics the codebook starts from (11 and 22 are not used by CAP).
CAP_MAJORS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}


def test_codebook_is_well_formed() -> None:
    book = codebook()
    codes = [t.code for t in book]
    assert len(codes) == len(set(codes))
    assert codes[-1] == "99"
    assert {t.cap for t in book[:-1]} == CAP_MAJORS
    for t in book[:-1]:
        assert t.label_en and t.label_zh
        assert t.code.split(".")[0] == f"{t.cap:02d}"


@pytest.mark.parametrize(
    ("title", "text", "code"),
    [
        ("网络安全", "双方决定继续举行高级别对话。", "19.6"),
        ("打击毒品犯罪", "双方同意定期交换情报。", "12.1"),
        ("南苏丹问题", "双方呼吁各方停火。", "19.25"),  # the longer keyword wins over 苏丹
        ("两军关系", "双方将举行联合演练。", "16.1"),
        ("领事事务", "双方同意为留学人员颁发多次有效签证。", "09.1"),
        ("低碳城市", "双方将开展低碳城市试点。", "07.2"),
        (None, "双方同意加强在太阳能和风能领域的合作，推动可再生能源发展。", "08.1"),
        ("Cyber issues", "The two sides will hold a dialogue on cybercrime.", "19.6"),
        (None, "The two sides discussed the Korean Peninsula and the Six-Party Talks.", "19.21"),
    ],
)
def test_topic_for(title: str | None, text: str, code: str) -> None:
    a = topic_for(title, text)
    assert a.code == code, a
    assert a.matched and a.score > 0


def test_heading_outweighs_text() -> None:
    # the text mentions energy twice, the heading names the topic once
    a = topic_for("反腐败合作", "双方将在能源领域和能源企业中开展合作。")
    assert a.code == "12.2" and a.from_title


def test_uninformative_heading_falls_back_on_text() -> None:
    a = topic_for("专项行动", "该行动打击野生动植物非法交易，查获象牙制品。")
    assert a.code == "07.3" and not a.from_title


def test_one_typical_word_is_enough_when_there_is_no_heading() -> None:
    # "投资" (weight 2) once: 1.0 under a heading that says nothing, 2.0 without one
    text = "双方将扩大相互投资。"
    assert topic_for(None, text).code == "18.1"
    assert topic_for("其他事项", text).code == "99"
    assert topic_for(None, "The two sides will fight transnational crime.").code == "12.1"


def test_document_title_keywords_are_background_in_items() -> None:
    # in a (fictional) China–ASEAN list every item names 东盟: the sector decides
    text = "双方将举办中国—东盟数字经济论坛。"
    assert topic_for(None, text).code == "19.28"
    bg = document_keywords("中国—东盟外长会成果清单")
    assert topic_for(None, text, background=bg).code == "17.1"


def test_an_item_with_no_topic_of_its_own_falls_back_on_its_section_and_title() -> None:
    text = "双方同意于2031年下半年举行工作组第五次会议。"
    assert topic_for(None, text).code == "99"
    assert topic_for(None, text, context="工作组会议 中美应对气候变化工作组成果清单").code == "07.2"
    # the context never outweighs what the item says itself
    assert topic_for(None, "双方将扩大农产品贸易。", context="应对气候变化").code != "07.2"


def test_background_words_count_fully_when_the_item_needs_its_context() -> None:
    # "Dialogue" is background in a dialogue's own list, but an item about the dialogue
    # itself has nothing else to go on
    bg = document_keywords("The Fifth Fictional Economic Dialogue")
    text = "The two sides will review progress before the next Dialogue."
    assert topic_for(None, text, background=bg,
                     context="The Fifth Fictional Economic Dialogue").code == "19.1"


def test_other_when_nothing_matches() -> None:
    a = topic_for("其他事项", "双方同意保持联系。")
    assert (a.code, a.label_en, a.matched) == ("99", "Other", ())
    assert topic_for(None, "").code == "99"


# gold: "doc-item" → topic code
GOLD = {
    "000-1": "19.1",
    "000-2": "16.1",
    "000-3": "16.1",
    "000-4": "16.2",
    "000-5": "19.6",
    "000-6": "16.2",
    "000-7": "12.2",
    "000-8": "12.2",
    "000-9": "12.1",
    "000-10": "19.8",
    "000-11": "02.1",
    "000-12": "16.2",
    "000-13": "16.2",
    "000-14": "16.2",
    "000-15": "16.2",
    "000-16": "12.3",
    "000-17": "12.3",
    "000-18": "12.3",
    "000-19": "12.3",
    "000-20": "15.3",
    "000-21": "23.1",
    "000-22": "19.1",
    "000-23": "19.21",
    "000-24": "19.22",
    "000-25": "19.25",
    "000-26": "19.23",
    "000-27": "19.24",
    "000-28": "19.26",
    "000-29": "19.5",
    "000-30": "19.28",
    "000-31": "19.3",
    "000-32": "19.3",
    "000-33": "19.4",
    "000-34": "19.4",
    "000-35": "19.4",
    "000-36": "19.29*",
    "000-37": "07.3",
    "000-38": "01.2",
    "000-39": "01.2",
    "000-40": "07.2",
    "000-41": "07.2",
    "000-42": "07.2",
    "000-43": "07.2*",
    "000-44": "07.2",
    "000-45": "08.1",
    "001-1": "19.1",
    "001-2": "16.2",
    "001-3": "16.1",
    "001-4": "16.1",
    "001-5": "19.8",
    "001-6": "16.2",
    "001-7": "19.5",
    "001-8": "12.1",
    "001-9": "12.2",
    "001-10": "12.3",
    "001-11": "12.3",
    "001-12": "12.3",
    "001-13": "12.3",
    "001-14": "19.7",
    "001-15": "19.7*",
    "001-16": "10.1",
    "001-17": "09.1",
    "001-18": "23.1",
    "001-19": "02.1",
    "001-20": "19.28",
    "001-21": "19.1",
    "001-22": "19.1*",
    "001-23": "19.21",
    "001-24": "19.23",
    "001-25": "19.24",
    "001-26": "19.22",
    "001-27": "19.25",
    "001-28": "19.28",
    "001-29": "19.27",
    "001-30": "07.4",
    "001-31": "07.4",
    "001-32": "07.3",
    "001-33": "07.3",
    "001-34": "19.3",
    "001-35": "15.3",
    "001-36": "23.2",
    "001-37": "23.2",
    "001-38": "23.2*",
    "001-39": "23.2*",
    "001-40": "07.2*",
    "001-41": "23.2",
    "001-42": "08.1",
    "001-43": "08.2",
    "001-44": "08.1",
    "001-45": "08.1",
    "001-46": "08.1",
    "001-47": "16.2",
    "001-48": "16.2",
    "001-49": "16.2",
    "001-50": "16.2",
    "001-51": "08.2",
    "001-52": "08.2",
    "001-53": "08.2",
    "001-54": "08.2",
    "001-55": "08.2",
    "001-56": "08.1",
    "001-57": "08.1*",
    "001-58": "08.1",
    "001-59": "08.1",
    "001-60": "08.1",
    "001-61": "08.1",
    "001-62": "07.2",
    "001-63": "07.2",
    "001-64": "08.1",
    "001-65": "07.2*",
    "001-66": "08.1",
    "001-67": "07.2",
    "001-68": "07.2",
    "001-69": "08.1*",
    "001-70": "07.2",
    "002-1": "19.1",
    "002-2": "01.1",
    "002-3": "01.1*",
    "002-4": "01.2",
    "002-5": "15.2",
    "002-6": "18.1",
    "002-7": "18.1",
    "002-8": "23.2*",
    "002-9": "15.1*",
    "002-10": "18.1*",
    "002-11": "18.1",
    "002-12": "10.1",
    "002-13": "16.1",
    "002-14": "19.6",
    "002-15": "12.1",
    "002-16": "12.2",
    "002-17": "19.5",
    "002-25": "19.26",
    "002-26": "19.3",
    "002-27": "01.2",
    "002-28": "07.2",
    "002-29": "19.4",
    "002-21": "19.28",
    "002-22": "19.22",
    "002-23": "19.24",
    "002-24": "19.25",
    "003-1": "19.1",
    "003-2": "16.1",
    "003-3": "16.1",
    "003-4": "16.2",
    "003-5": "16.2",
    "003-6": "12.2",
    "003-7": "12.1",
    "003-8": "19.8",
    "003-9": "02.1",
    "003-10": "09.1",
    "003-11": "15.3",
    "003-12": "10.1",
    "003-13": "19.4*",
    "003-14": "12.3",
    "003-15": "12.3",
    "003-16": "12.3",
    "003-17": "12.3",
    "003-18": "16.2",
    "003-19": "16.2",
    "003-20": "16.2",
    "003-21": "23.1",
    "003-22": "19.1",
    "003-23": "19.21",
    "003-24": "19.22",
    "003-25": "19.23",
    "003-26": "19.24",
    "003-27": "19.26",
    "003-28": "19.5",
    "003-29": "19.25",
    "003-30": "19.4",
    "003-31": "19.28",
    "003-32": "07.3",
    "003-33": "19.3",
    "003-34": "19.3",
    "003-35": "08.2",
    "003-36": "01.2",
    "003-37": "19.4",
    "003-38": "19.4",
}


def _items() -> dict[str, tuple[str, str]]:
    with DEV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    items: dict[str, tuple[str, list[str]]] = {}
    for r in rows:
        items.setdefault(f"{r['doc']}-{r['item']}", (r["title"], []))[1].append(r["sentence"])
    return {k: (title, "".join(sents)) for k, (title, sents) in items.items()}


def test_seed_items_get_the_topic_a_reader_would_give() -> None:
    items = _items()
    assert len(GOLD) >= 60 and set(GOLD) <= set(items)
    exact = 0
    strict = 0
    for key, gold in GOLD.items():
        title, text = items[key]
        got = topic_for(title, text)
        # every item a human files under a topic must get one
        assert got.code != "99", (key, title)
        if not gold.endswith("*"):
            strict += 1
            exact += got.code == gold
            assert got.code == gold, (key, title, got)
    assert exact == strict


# -- the keyword scanners: same matches as the plain alternation -------------------


def _plain(words: list[str], *, fold: bool = False, bounded: bool = False) -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    if bounded:
        alt = rf"(?<![\w-])(?:{alt})(?![\w-])"
    return re.compile(alt, re.IGNORECASE if fold else 0)


def _keywords() -> tuple[list[str], list[str], list[str]]:
    import tomllib

    from luoshi.extract import topics

    path = Path(topics.__file__).parents[1] / "data" / "topics.toml"
    d = tomllib.loads(path.read_text(encoding="utf-8"))
    zh = [w for t in d["topic"] for w in t.get("zh", {})]
    en = [w for t in d["topic"] for w in t.get("en", {}) if w not in t.get("zh", {})]
    return zh, [w for w in en if not w.isupper()], [w for w in en if w.isupper()]


_ZH, _EN, _ACR = _keywords()
# keywords, their pieces (prefixes that are no keyword, overlaps) and neighbours
_PIECES = sorted(
    {w[:k] for w in _ZH[:150] + _EN[:60] + _ACR for k in (1, 2, len(w) - 1, len(w))}
    | {"的", "，", " ", "-", "a", "ſ", "K", "İ", "G", "2030 ", "Z", "\n"}
)


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.booleans())
def test_scanners_match_like_the_plain_alternation(pieces: list[str], upper: bool) -> None:
    text = "".join(pieces)
    if upper:
        text = text.upper()
    b = _book()
    assert b.zh_re.findall(text) == _plain(_ZH).findall(text)
    assert b.en_re.findall(text) == _plain(_EN, fold=True, bounded=True).findall(text)
    assert b.acr_re.findall(text) == _plain(_ACR, bounded=True).findall(text)


def test_the_items_own_background_word_outranks_its_section() -> None:
    # (fictional) an innovation dialogue's list: 创新 is background, but it is all the
    # item says of itself; its section (dialogue mechanisms) is where it is filed
    title = "第九轮中美虚构创新对话成果落实情况"
    text = "原定于今年7月举办的第四届虚构创新创业大赛改于11月在深圳举办。"
    got = topic_for(None, text, background=document_keywords(title),
                    context="对话机制与联合委员会 " + title)
    assert got.code == "15.2"


@pytest.mark.parametrize("text, code", [
    ("双方将共同举办跨境电子商务人才培训班。", "18.1"),
    ("The two sides will develop standards for hydrogen trade.", "08.1"),
    ("The agencies will launch research on low-emissions steelmaking.", "07.2"),
    ("双方将推动绿色债券标准趋同。", "15.1"),
    ("Visitor arrivals reached a new high and tourism recovered.", "23.1"),
    # 中东欧 (Central and Eastern Europe) is no 中东 (Middle East)
    ("各方同意扩大中东欧国家农产品对华出口。", "04.1"),
    ("双方决定设立供应链稳定合作工作组。", "18.1"),
    ("The sides will compare their emissions trading systems.", "07.2"),
    ("The sides will co-host a forum on the circular economy.", "07.1"),
    ("双方将签署冷链食品检验检疫合作备忘录。", "12.3"),
    ("美方将通报进口商品最低限度免税政策的评估结果。", "18.1"),
    ("双方同意第十届虚构博览会于2031年举办。", "18.1"),
    ("双方同意加强在金砖国家等多边框架内的协调。", "19.3"),
])
def test_sector_vocabulary(text: str, code: str) -> None:
    assert topic_for(None, text).code == code


def test_a_regional_list_files_its_city_items_under_subnational_cooperation() -> None:
    bg = document_keywords("第五次中国—中东欧国家虚构地方领导人会议成果清单")
    text = "虚构市将举办第三届中国—中东欧国家城市合作论坛。"
    assert topic_for(None, text).code != "19.27"  # never the Middle East
    assert topic_for(None, text, background=bg).code == "23.2"


def test_an_item_about_the_lists_own_mechanism_alone_files_under_dialogue_mechanisms() -> None:
    title = "中美虚构贸易便利化工作组第五次会议成果清单"
    bg = document_keywords(title)
    text = "双方同意于2031年在北京举行中美虚构贸易便利化工作组第六次会议。"
    assert topic_for(None, text, background=bg, context=title).code == "18.1"
    assert topic_for(None, text, background=bg, context=title, own_meeting=True).code == "19.1"
    # an item with a topic of its own keeps it
    assert topic_for(None, "双方将在第六次会议上讨论出口管制。", background=bg, context=title,
                     own_meeting=True).code == "18.1"


def test_a_next_meeting_that_only_dates_another_action_is_no_own_meeting() -> None:
    from luoshi.extract.facts import extract_document
    from luoshi.model import RawDocument, SourceInfo
    from luoshi.parse.document import build_document
    from luoshi.textmap import MappedText

    text = ("中美虚构能源政策对话第九次会议成果清单\n\n"
            "1. 双方同意于2031年在华盛顿举行中美虚构能源政策对话第十次会议。\n"
            "2. 双方将在下一次对话前共同发布年度展望报告。\n")
    raw = RawDocument(text, MappedText.root(text), SourceInfo("f.txt", "0", "text", "utf-8"))
    doc = extract_document(build_document(raw))
    codes = [it.facts["topic"]["code"] for it in doc.items]
    assert codes[0] == "19.1"
    assert codes[1] != "19.1"
    # one item extracted alone gets what the whole document gave it
    from luoshi.extract.facts import document_date, extract_item

    assert [extract_item(doc, it, document_date(doc))["topic"]["code"] for it in doc.items] \
        == codes
