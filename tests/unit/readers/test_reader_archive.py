"""Newspaper-archive records: 〖CODE/名称〗 fields to metadata, ZW/正文 to body."""

from __future__ import annotations

import pytest
from reader_helpers import assert_maps_back

from luoshi.errors import InputError
from luoshi.model import RawDocument
from luoshi.readers import read_bytes
from luoshi.readers.archive import parse_fields

RECORD = """〖ZQ/总期〗99999〖-ZQ/总期〗
〖RQ/日期〗20310507〖-RQ/日期〗
〖BH/版号〗003〖-BH/版号〗
〖TH/条号〗2〖-TH/条号〗
〖BT/标题〗第九轮虚构合作对话成果清单〖-BT/标题〗
〖BM/版名〗虚构要闻〖-BM/版名〗
〖TC/体裁〗消息〖-TC/体裁〗
〖ZZ/作者〗本报记者 虚构〖-ZZ/作者〗
〖ZW/正文〗
    双方就以下成果达成一致：
    1、气象合作：双方同意共建观测站。
    2、海洋合作：双方决定联合调查。
〖-ZW/正文〗
"""


def _read(text: str) -> RawDocument:
    return read_bytes(text.encode(), "rec.txt", name_hint="rec.txt")


def test_fields_become_metadata() -> None:
    raw = _read(RECORD)
    m = raw.metadata
    assert raw.source.format == "archive"
    assert m["title"] == "第九轮虚构合作对话成果清单"
    assert m["published"] == "2031-05-07"
    assert (m["page"], m["page_name"], m["genre"], m["issue"], m["article"]) == (
        "003",
        "虚构要闻",
        "消息",
        "99999",
        "2",
    )
    assert m["author"] == "本报记者 虚构"
    # every field is also kept under its own code, verbatim
    assert (m["RQ"], m["BT"], m["ZQ"]) == ("20310507", m["title"], "99999")
    assert "ZW" not in m  # the body is the body, not metadata
    assert raw.text[slice(*raw.metadata_spans["published"])] == "20310507"
    assert raw.text[slice(*raw.metadata_spans["title"])] == m["title"]


def test_body_is_the_zw_field_only() -> None:
    raw = _read(RECORD)
    assert raw.body.text == (
        "    双方就以下成果达成一致：\n    1、气象合作：双方同意共建观测站。\n"
        "    2、海洋合作：双方决定联合调查。"
    )
    assert "〖" not in raw.body.text
    assert_maps_back(raw, "1、气象合作：双方同意共建观测站。")
    assert raw.warnings == []


def test_several_records_read_the_first_with_a_warning() -> None:
    second = RECORD.replace("99999", "99998").replace("气象", "农业")
    raw = _read(RECORD + second + second)
    assert "1、气象合作" in raw.body.text
    assert "农业" not in raw.body.text
    assert raw.warnings == ["rec.txt: 3 archive records in the file; read the first"]


def test_any_field_code_and_a_missing_close_tag() -> None:
    text = "〖XX/自定义〗某值〖-XX/自定义〗\n〖BT/标题〗虚构\n〖ZW/正文〗\n正文一行\n〖-ZW/正文〗\n"
    raw = _read(text)
    assert raw.metadata["XX"] == "某值"
    assert raw.metadata["title"] == "虚构"
    assert raw.body.text == "正文一行"
    assert any("without a closing tag: BT" in w for w in raw.warnings)


def test_without_zw_the_longest_field_is_read_with_a_warning() -> None:
    raw = _read("〖BT/标题〗虚构〖-BT/标题〗\n〖NRX/内容X〗很长的一段虚构文字。〖-NRX/内容X〗\n")
    assert raw.body.text == "很长的一段虚构文字。"
    assert any("no ZW/正文 field" in w for w in raw.warnings)


def test_empty_body_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no text"):
        _read("〖BT/标题〗虚构〖-BT/标题〗\n〖ZW/正文〗\n〖-ZW/正文〗\n")


def test_parse_fields_spans() -> None:
    rec = parse_fields("〖BT/标题〗甲〖-BT/标题〗〖ZW〗乙〖-ZW〗")
    assert [(f.code, f.name, f.content) for f in rec.fields] == [
        ("BT", "标题", (7, 8)),
        ("ZW", "", (20, 21)),
    ]
