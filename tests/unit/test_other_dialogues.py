"""Generalisation rules from the held-out set (benchmarks/data/heldout/): other pairs'
dialogues never take China–U.S. gazetteer entries, a bare "the Dialogue" is the
document's own mechanism, "by the end of <month>" is a deadline, and an item glued
onto the previous one is split at its inline marker. Fictional sentences only."""

from __future__ import annotations

from datetime import date

from luoshi.extract.actors import find_actors
from luoshi.extract.facts import _mechanism_lookup
from luoshi.extract.pairs import document_pair, pair_of, zh_pair_before
from luoshi.extract.series import find_series
from luoshi.extract.times import find_times
from luoshi.pipeline import parse_raw
from luoshi.readers import read_bytes

DOC = date(2027, 5, 20)


def _ids(text: str, dialogue: str | None = None) -> list[tuple[str, str | None, str]]:
    return [(a.text, a.id, a.type) for a in find_actors(text, dialogue=dialogue)
            if a.type in ("mechanism", "candidate")]


# -- 1. other pairs' mechanisms ------------------------------------------------------


def test_pairs_come_from_data_in_both_languages() -> None:
    assert pair_of("中英海事对话") == "uk"
    assert pair_of("the EU–China Rail Summit") == "eu"
    assert pair_of("U.S.-China Rail Summit") == "us"
    assert pair_of("领事磋商") is None
    assert pair_of("中加强合作") is None  # 在…中加强: a word, not 中加
    assert document_pair(None, "第三轮中欧海事对话成果清单") == "eu"


def test_name_prefixed_by_another_pair_is_a_candidate_not_the_us_track() -> None:
    assert _ids("双方将于明年举行第九轮中欧高级别战略对话。") == [
        ("中欧高级别战略对话", None, "candidate")
    ]
    # the same words without another pair stay the China–U.S. entry
    assert _ids("双方将于明年举行战略对话。") == [("战略对话", "mech.sed.strategic", "mechanism")]


def test_english_name_prefixed_by_another_pair_is_a_candidate() -> None:
    assert _ids("They welcomed the ninth EU-China Energy Policy Dialogue.") == [
        ("EU-China Energy Policy Dialogue", None, "candidate")
    ]
    assert _ids("They welcomed the Energy Policy Dialogue.") == [
        ("Energy Policy Dialogue", "mech.energy-policy-dialogue", "mechanism")
    ]


def test_another_pair_must_open_the_same_name() -> None:
    k = "双方在合作中加强战略对话"
    assert zh_pair_before(k, k.index("战略")) is None
    assert zh_pair_before("中欧的战略对话", 4) is None  # 的 ends the name


def test_bare_name_belongs_to_the_documents_own_dialogue() -> None:
    text = "双方同意年内举行新一轮领事磋商。"
    assert _ids(text) == [("领事磋商", "mech.consular", "mechanism")]
    assert _ids(text, dialogue="us") == [("领事磋商", "mech.consular", "mechanism")]
    assert _ids(text, dialogue="uk") == [("领事磋商", None, "candidate")]
    # written 中美…, it is the China–U.S. one in any document
    assert _ids("双方欢迎中美领事磋商取得的进展。", dialogue="uk") == [
        ("中美领事磋商", "mech.consular", "mechanism")
    ]


def _series(text: str, dialogue: str | None, meeting: str | None = None) -> list:
    actors = find_actors(text, on=DOC, dialogue=dialogue)
    return find_series(text, doc_date=DOC, times=find_times(text, DOC), actors=actors,
                       lookup=_mechanism_lookup(dialogue), meeting=meeting, dialogue=dialogue)


def test_series_of_another_dialogue_gets_a_generic_id() -> None:
    text = "双方同意年内举行新一轮领事磋商。"
    (us,) = _series(text, "us")
    assert us.series_id == "mech.consular"
    (uk,) = _series(text, "uk")
    assert uk.series_id == "series:领事磋商" and uk.name == "领事磋商"
    (eu,) = _series("双方将于明年举行第九轮中欧高级别战略对话。", "eu")
    assert eu.series_id == "series:中欧高级别战略对话"


def test_known_us_series_alias_is_not_taken_in_another_dialogue() -> None:
    text = "双方将于明年举行第三轮战略与经济对话。"
    (us,) = _series(text, None)
    assert us.series_id == "mech.sed"
    (uk,) = _series(text, "uk")
    assert uk.series_id == "series:战略与经济对话"


# -- 2. a bare "the Dialogue" ---------------------------------------------------------


def test_english_bare_dialogue_is_the_documents_mechanism() -> None:
    text = "The two sides will hold the tenth round of the Dialogue in Rome in 2028."
    (m,) = _series(text, "eu", meeting="EU-China Harbour Dialogue")
    assert m.name == "EU-China Harbour Dialogue"
    assert m.series_id == "series:en:eu-china harbour dialogue"
    (bare,) = _series(text, None)
    assert bare.name == "Dialogue"  # no meeting known: as written


def test_chinese_bare_dialogue_is_the_documents_mechanism_not_the_sed_default() -> None:
    text = "双方同意于明年在伦敦举行第十一轮对话。"
    (m,) = _series(text, "uk", meeting="中英港口对话")
    assert m.name == "中英港口对话" and m.series_id == "series:中英港口对话"
    (none,) = _series(text, "uk")
    assert none.series_id != "sed"  # the S&ED default is for China–U.S. lists only


def test_meeting_mechanism_of_another_pair_and_of_an_english_title() -> None:
    zh = (
        "第三轮中英港口对话成果清单\n\n2027年5月19日至20日，第三轮中英港口对话在伦敦举行。\n\n"
        "1、双方同意继续合作。\n\n2、双方将保持沟通。\n"
    )
    assert parse_raw(read_bytes(zh.encode(), "zh.txt")).meeting.mechanism == "中英港口对话"
    en = (
        "# Outcomes of the Third Round of the EU-China Harbour Dialogue\n\n"
        "The Third Round of the EU-China Harbour Dialogue was held in Rome on May 19-20, 2027."
        "\n\n1. The two sides agreed to continue cooperation.\n\n"
        "2. The two sides will keep in touch.\n"
    )
    assert parse_raw(read_bytes(en.encode(), "en.md")).meeting.mechanism == (
        "EU-China Harbour Dialogue"
    )


# -- 3. the end of a month ------------------------------------------------------------


def _t(text: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(t.text, t.value_start, t.value_end, t.kind) for t in find_times(text, DOC)]


def test_by_the_end_of_a_month_is_a_deadline_ending_on_its_last_day() -> None:
    assert _t("They will finish the review by the end of September 2027.") == [
        ("by the end of September 2027", "2027-05-20", "2027-09-30", "deadline")
    ]
    assert _t("They will finish it before the end of February 2028.") == [
        ("before the end of February 2028", "2027-05-20", "2028-02-29", "deadline")
    ]


def test_the_end_or_middle_of_a_month_is_its_xun() -> None:
    assert _t("The talks took place at the end of March 2027.") == [
        ("the end of March 2027", "2027-03-21", "2027-03-31", "point")
    ]
    assert _t("The forum opens in mid-June 2027.") == [
        ("mid-June 2027", "2027-06-11", "2027-06-20", "point")
    ]


# -- 4. glued items ---------------------------------------------------------------------

_GLUED = """第二次中美港口对话成果清单

2027年5月19日至20日，第二次中美港口对话在天津举行。双方达成以下共识：

1、双方同意继续开展港口安全合作。

2、双方将于明年举行第三次中美港口对话。3、双方欢迎天津港与长滩港签署友好港协议。

4、双方将交换港口检查人员名单。
"""


def test_item_glued_onto_the_previous_one_is_split_and_reported() -> None:
    doc = parse_raw(read_bytes(_GLUED.encode(), "glued.txt"), extract=False)
    assert [it.number for it in doc.items] == [1, 2, 3, 4]
    assert doc.items[1].text.endswith("第三次中美港口对话。")
    assert doc.items[2].text.startswith("双方欢迎天津港")
    kinds = [(d.kind, d.detail) for d in doc.defects]
    assert not any(k == "numbering-gap" for k, _ in kinds)
    assert any(k == "truncated-item" and "item 3" in d for k, d in kinds)
    # the spans still point into the source
    raw = _GLUED
    s, e = doc.items[2].span
    assert raw[s:e].startswith("3、双方欢迎")


def test_inline_number_is_not_split_when_that_item_stands_on_its_own_line() -> None:
    glued = "对话。3、双方欢迎天津港"
    text = _GLUED.replace(glued, "对话。3、见下。\n\n3、双方欢迎天津港")
    doc = parse_raw(read_bytes(text.encode(), "glued.txt"), extract=False)
    assert [it.number for it in doc.items] == [1, 2, 3, 4]
    assert doc.items[1].text.rstrip().endswith("3、见下。")
    assert not any("glued onto" in d.detail for d in doc.defects)
