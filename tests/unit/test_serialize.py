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
class Actor:  # a dataclass fact is serialised field by field, like a dict
    text: str
    span: tuple[int, int]
    id: str | None
    name: str
    name_en: str | None
    side: str | None
    type: str


TOPIC = {
    "code": "23.1",
    "label_en": "Culture and people-to-people exchange",
    "label_zh": "人文交流",
    "score": 12.0,
}


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
                    "actors": [
                        Actor("双方", span_of("双方", item1[0]), None, "双方", None, None,
                              "candidate")
                    ],
                    "quantities": [
                        {
                            "text": "一百名", "span": span_of("一百名"), "value": 100,
                            "min": 100, "max": 100, "unit": "名", "unit_en": "persons",
                            "dimension": "count", "counts": "青年学者", "context": "互派",
                            "measure": "青年学者", "approx": None,
                        }
                    ],
                    "topic": TOPIC,
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
    assert item["actors"] == [
        {"text": "双方", "span": list(span_of("双方", 0)), "id": None, "name": "双方",
         "name_en": None, "side": None, "type": "candidate"}
    ]
    assert item["quantities"][0]["value"] == 100
    assert item["topic"] == TOPIC
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


# -- item facts: one fictional fact of every kind, in the shapes luoshi.extract.facts emits

AUTUMN = {"start": "2032-09-01", "end": "2032-11-30"}
EVERY_KIND: dict[str, Any] = {
    "times": [
        {"text": "2032年秋季", "span": [10, 16], "start": "2032-09-01", "end": "2032-11-30",
         "granularity": "season", "anchor": None, "kind": "point", "relation": "during"},
        {"text": "下一轮虚构对话前", "span": [20, 28], "start": "2031-04-02", "end": None,
         "granularity": "event", "anchor": "next-round:虚构对话", "kind": "deadline",
         "relation": "before"},
    ],
    "actors": [
        {"text": "雾港", "span": [30, 32], "id": "place.wugang", "name": "雾港",
         "name_en": "Wugang", "side": "CN", "type": "place"},
        {"text": "林远", "span": [33, 35], "id": "person.linyuan", "name": "林远",
         "name_en": "Lin Yuan", "side": "CN", "type": "person", "title": "甲方代表",
         "title_en": "Representative"},
    ],
    "sentences": [
        {"text": "双方决定于2032年秋季在雾港举行第二次湿地论坛。", "span": [0, 40],
         "class": "commitment", "cue": "决定", "heading": False},
    ],
    "commitments": [
        {"text": "双方决定于2032年秋季在雾港举行第二次湿地论坛。", "span": [2, 40],
         "sentence_span": [0, 40], "modality": "decide", "trigger": "决定", "strength": 0.9,
         "hedged": False, "negated": False, "parties": ["双方"], "side": "both",
         "action": "hold-meeting", "verb": "举行", "object": "第二次湿地论坛", "place": "雾港",
         "due": AUTUMN, "due_text": "2032年秋季", "due_kind": "period", "anchor": None},
    ],
    "events": [
        {"text": "首届湿地论坛于2031年5月举行。", "span": [41, 58], "what": "首届湿地论坛",
         "who": ["双方"], "place": None, "date": {"start": "2031-05-01", "end": "2031-05-31"}},
    ],
    "series": [
        {"text": "第二次湿地论坛", "span": [33, 40], "id": "series:湿地论坛", "name": "湿地论坛",
         "name_en": None, "ordinal": 2, "relation": None, "status": "planned", "date": None,
         "due": AUTUMN, "place": "雾港", "anchor": None},
    ],
    "references": [
        {"text": "《虚构湿地公约》", "span": [60, 68], "kind": "treaty", "title": "虚构湿地公约",
         "number": None, "body": None, "id": None, "title_en": None},
    ],
    "quantities": [
        {"text": "约2.5亿元", "span": [70, 76], "value": 250000000.0, "min": 250000000.0,
         "max": 250000000.0, "unit": "元", "unit_en": "yuan", "dimension": "money",
         "counts": None, "context": "投入", "measure": "投入", "approx": "about"},
    ],
    "topic": TOPIC,
}


def record_with_facts(**changes: Any) -> dict[str, Any]:
    record = document_to_dict(full_document())
    record["items"][1].update(json.loads(json.dumps(EVERY_KIND)), **changes)
    return record


def test_one_fact_of_every_kind_validates() -> None:
    validate_document(record_with_facts())
    validate_document(record_with_facts(topic=None))


def _fact_defs() -> dict[str, dict[str, Any]]:
    """Item key → its fact definition in the schema ("times" → $defs.timeFact)."""
    defs = document_schema()["$defs"]
    item = defs["item"]["properties"]
    return {
        key: defs[item[key]["items"]["$ref"].rsplit("/", 1)[1]]
        for key in EVERY_KIND
        if key != "topic"
    }


def test_every_fact_kind_requires_text_and_span_and_is_closed() -> None:
    for key, definition in _fact_defs().items():
        assert {"text", "span"} <= set(definition["required"]), key
        assert definition["properties"]["span"] == {"$ref": "#/$defs/span"}, key
        assert definition["additionalProperties"] is False, key
        # the fixture above exercises every declared field
        assert set(EVERY_KIND[key][0]) <= set(definition["properties"]), key


def test_fact_kinds_match_the_ledger_and_the_item_keys() -> None:
    from luoshi.store.facts import FACT_KEYS

    assert set(_fact_defs()) == set(FACT_KEYS)
    assert not (set(FACT_KEYS) | {"topic"}) & ITEM_CORE_KEYS


@pytest.mark.parametrize(("key", "required"), [
    (key, required) for key, definition in _fact_defs().items()
    for required in definition["required"]
])  # fmt: skip
def test_each_required_fact_key_is_required(key: str, required: str) -> None:
    record = record_with_facts()
    del record["items"][1][key][0][required]
    with pytest.raises(jsonschema.ValidationError):
        validate_document(record)


def _set(record: dict[str, Any], path: str, value: Any) -> None:
    """``times.0.start`` → record["items"][1]["times"][0]["start"] = value."""
    node: Any = record["items"][1]
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value


@pytest.mark.parametrize(("path", "value"), [
    ("times.0.span", [1.5, 3]),
    ("times.0.span", [1]),
    ("times.0.span", "10-16"),
    ("actors.0.span", None),
    ("commitments.0.sentence_span", [0, 40, 41]),
    ("times.0.start", "2032"),
    ("times.0.end", "2032-13-01"),
    ("times.0.end", "2032/11/30"),
    ("commitments.0.due.end", "autumn"),
    ("commitments.0.due", {"start": None}),
    ("events.0.date.start", "2031-5-1"),
    ("series.0.due.start", 2032),
    ("times.0.granularity", "eon"),
    ("times.0.kind", "someday"),
    ("actors.0.side", "CN-US"),
    ("sentences.0.class", "maybe"),
    ("sentences.0.heading", "no"),
    ("commitments.0.action", "dance"),
    ("commitments.0.strength", 1.5),
    ("commitments.0.parties", "双方"),
    ("commitments.0.due_kind", "soon"),
    ("series.0.status", "cancelled"),
    ("series.0.ordinal", 0),
    ("series.0.relation", "previous"),
    ("quantities.0.value", "many"),
    ("references.0.title", None),
    ("topic", "people-to-people"),
    ("topic", {"code": "23.1", "label_en": "Culture", "label_zh": "文化"}),
    ("topic.code", "culture"),
    ("times.0.colour", "red"),
    ("times", {"text": "2032年", "span": [1, 2]}),
])  # fmt: skip
def test_malformed_facts_are_rejected(path: str, value: Any) -> None:
    record = record_with_facts()
    _set(record, path, value)
    with pytest.raises(jsonschema.ValidationError):
        validate_document(record)


def test_inverted_fact_span_is_rejected() -> None:
    record = record_with_facts()
    record["items"][1]["commitments"][0]["sentence_span"] = [40, 0]
    with pytest.raises(jsonschema.ValidationError, match="start 40 > end 0"):
        validate_document(record)


def test_fact_enums_follow_the_extractors() -> None:
    from luoshi.extract.commitments import ACTION_TYPES, LABELS
    from luoshi.extract.gazetteer import SIDES
    from luoshi.extract.times import GRANULARITIES, KINDS

    defs = document_schema()["$defs"]
    time = defs["timeFact"]["properties"]
    assert tuple(time["granularity"]["enum"]) == GRANULARITIES
    assert tuple(time["kind"]["enum"]) == KINDS
    assert tuple(defs["sentenceFact"]["properties"]["class"]["enum"]) == LABELS
    assert tuple(defs["commitmentFact"]["properties"]["action"]["enum"]) == ACTION_TYPES
    assert tuple(defs["actorFact"]["properties"]["side"]["enum"]) == (*SIDES, None)


def test_docs_fact_examples_validate_and_cover_every_kind() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "json-schema.md"
    examples = re.findall(r"```json (\w+)\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    assert sorted(key for key, _ in examples) == sorted(EVERY_KIND)
    for key, text in examples:
        fact = json.loads(text)
        value = fact if key == "topic" else [fact]
        validate_document(record_with_facts(**{key: value}))
