"""document_to_dict and the v1 JSON Schema, on a hand-made fictional document."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from luoshi.model import (
    DEFECT_KINDS,
    DOCUMENT_KINDS,
    Chair,
    Dateline,
    Defect,
    Document,
    Event,
    Item,
    Meeting,
    Section,
    SourceInfo,
    SubItem,
)
from luoshi.schema import DOCUMENT_SCHEMA_ID, SCHEMA_VERSION, document_schema, validate_document
from luoshi.serialize import ITEM_CORE_KEYS, document_to_dict, dumps

TEXT = (
    "新华社云城4月2日电\n"
    "第3轮虚构对话成果清单\n"
    "2031年4月1日至2日，第3轮虚构对话在云城举行，甲方代表林远与乙方代表白舟共同主持。\n"
    "一、人员往来\n"
    "1、青年交流：双方同意每年互派一百名青年学者，包括：\n"
    "（1）理工科学者；\n"
    "（2）人文学者。\n"
    "2、培训：双方将于2032年在雾港共同举办湿地管理培训班。\n"
)


def span_of(part: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(part, after)
    return (start, start + len(part))


@dataclass
class Actor:  # stands in for the fact types issue 3 will define
    text: str
    span: tuple[int, int]
    role: str


def full_document() -> Document:
    data = TEXT.encode("utf-8")
    item1 = span_of(
        "1、青年交流：双方同意每年互派一百名青年学者，包括：\n（1）理工科学者；\n（2）人文学者。"
    )
    item2 = span_of("2、培训：双方将于2032年在雾港共同举办湿地管理培训班。")
    return Document(
        source=SourceInfo(
            path="fiction/a.txt",
            sha256=hashlib.sha256(data).hexdigest(),
            format="text",
            encoding="utf-8",
            script="Hans",
            language="zh",
            size=len(data),
        ),
        text=TEXT,
        title="第3轮虚构对话成果清单",
        title_span=span_of("第3轮虚构对话成果清单"),
        kind="outcome-list",
        published="2031-04-02",
        publisher="虚构日报",
        page="第3版",
        dateline=Dateline("新华社", "云城", "2031-04-02", span_of("新华社云城4月2日电")),
        meeting=Meeting(
            mechanism="虚构对话",
            track=None,
            round=3,
            start="2031-04-01",
            end="2031-04-02",
            venue="云城",
            chairs=[
                Chair("林远", "甲方代表", "CN", span_of("林远")),
                Chair("白舟", "乙方代表", "US", span_of("白舟")),
            ],
            span=span_of("2031年4月1日至2日，第3轮虚构对话在云城举行"),
        ),
        sections=[Section("一", "人员往来", span_of("一、人员往来"), level=1, ordinal=1)],
        items=[
            Item(
                number=1,
                label="1、",
                section="一",
                title="青年交流",
                text="青年交流：双方同意每年互派一百名青年学者，包括：（1）理工科学者；（2）人文学者。",
                span=item1,
                title_span=span_of("青年交流"),
                subitems=[
                    SubItem("（1）", "理工科学者；", span_of("（1）理工科学者；")),
                    SubItem("（2）", "人文学者。", span_of("（2）人文学者。")),
                ],
                normalized="青年交流:双方同意每年互派一百名青年学者,包括:(1)理工科学者;(2)人文学者。",
                facts={
                    "actors": [Actor("双方", span_of("双方", item1[0]), "both")],
                    "quantities": [{"text": "一百名", "span": span_of("一百名"), "value": 100}],
                    "topic": "people-to-people",
                },
            ),
            Item(
                number=2,
                label="2、",
                section="一",
                title="培训",
                text="培训：双方将于2032年在雾港共同举办湿地管理培训班。",
                span=item2,
                title_span=span_of("培训"),
            ),
        ],
        events=[
            Event(
                text="2032年在雾港共同举办湿地管理培训班",
                span=span_of("2032年在雾港共同举办湿地管理培训班"),
                what="培训班",
                start="2032",
                end=None,
                place="雾港",
            )
        ],
        defects=[Defect("numbering-gap", "item 3 expected after 2", (item2[1], item2[1]))],
        metadata={"genre": "成果清单"},
        warnings=["fictional test document"],
    )


def test_full_document_validates() -> None:
    record = document_to_dict(full_document())
    validate_document(record)
    assert record["schema_version"] == SCHEMA_VERSION == "1"


def test_minimal_document_validates() -> None:
    doc = Document(source=SourceInfo(path="x.txt", sha256="0" * 64, format="text"), text="")
    record = document_to_dict(doc)
    validate_document(record)
    assert record["items"] == [] and record["dateline"] is None
    assert record["meeting"]["chairs"] == []


def test_spans_are_lists_into_the_original_text() -> None:
    record = document_to_dict(full_document())
    assert TEXT[slice(*record["title_span"])] == record["title"]
    assert TEXT[slice(*record["sections"][0]["span"])] == "一、人员往来"
    for sub in record["items"][0]["subitems"]:
        assert TEXT[slice(*sub["span"])] == sub["number"] + sub["text"]
    assert TEXT[slice(*record["meeting"]["chairs"][1]["span"])] == "白舟"
    assert TEXT[slice(*record["events"][0]["span"])] == record["events"][0]["text"]
    assert record["events"][0]["date"] == {"start": "2032", "end": None}
    assert isinstance(record["items"][0]["span"], list)


def test_facts_become_item_keys_and_validate() -> None:
    record = document_to_dict(full_document())
    item = record["items"][0]
    assert item["actors"] == [{"text": "双方", "span": list(span_of("双方", 0)), "role": "both"}]
    assert item["quantities"][0]["value"] == 100
    assert item["topic"] == "people-to-people"
    assert "actors" not in record["items"][1]
    validate_document(record)


def test_fact_may_not_overwrite_core_field() -> None:
    doc = full_document()
    doc.items[0].facts["text"] = "shadow"
    with pytest.raises(ValueError, match="core item field"):
        document_to_dict(doc)
    assert "text" in ITEM_CORE_KEYS


def test_schema_rejects_unknown_and_malformed_fields() -> None:
    record = document_to_dict(full_document())
    bad_fact = json.loads(json.dumps(record))
    bad_fact["items"][0]["colour"] = []
    with pytest.raises(jsonschema.ValidationError):
        validate_document(bad_fact)
    bad_fact_shape = json.loads(json.dumps(record))
    bad_fact_shape["items"][0]["times"] = [{"span": [1, 2]}]  # a fact needs its text
    with pytest.raises(jsonschema.ValidationError):
        validate_document(bad_fact_shape)
    inverted = json.loads(json.dumps(record))
    inverted["items"][1]["span"] = [10, 5]
    with pytest.raises(jsonschema.ValidationError, match="start 10 > end 5"):
        validate_document(inverted)
    wrong_kind = json.loads(json.dumps(record))
    wrong_kind["defects"][0]["kind"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        validate_document(wrong_kind)


def test_schema_is_2020_12_with_versioned_id() -> None:
    schema = document_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == DOCUMENT_SCHEMA_ID
    assert "v1" in schema["$id"]
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def test_schema_enums_follow_the_model() -> None:
    defs = document_schema()["$defs"]
    assert tuple(defs["defect"]["properties"]["kind"]["enum"]) == DEFECT_KINDS
    assert tuple(document_schema()["properties"]["kind"]["enum"]) == DOCUMENT_KINDS


def test_dumps_keeps_cjk_and_round_trips() -> None:
    record = document_to_dict(full_document())
    line = dumps(record)
    assert "\n" not in line
    assert "虚构对话" in line
    assert json.loads(line) == record


def _property_names(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                names.update(value)
            names |= _property_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= _property_names(value)
    return names


def test_every_schema_field_is_documented() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "json-schema.md"
    text = doc.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_0-9]+)`", text))
    missing = _property_names(document_schema()) - documented
    assert not missing, f"fields missing from docs/json-schema.md: {sorted(missing)}"


def test_docs_example_validates() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "json-schema.md"
    blocks = re.findall(r"```json\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    record = json.loads(blocks[0])
    validate_document(record)
    record.update(json.loads("{" + blocks[1] + "}"))  # the ledger block
    validate_document(record)
