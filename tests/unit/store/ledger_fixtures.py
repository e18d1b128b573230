"""Hand-made fictional documents for ledger tests (no parser involved).

A plain module (not conftest) so tests can import it by a name unique in the suite.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from luoshi.model import Defect, Document, Item, Meeting, Section, SourceInfo

MakeDoc = Callable[..., Document]


def make_doc(text: str, path: str = "虚构/a.txt", *, items: int = 2) -> Document:
    """A document whose items are the first ``items`` lines after the title."""
    data = text.encode("utf-8")
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    built: list[Item] = []
    for n in range(1, min(items, len(lines) - 1) + 1):
        start, end = offsets[n], offsets[n] + len(lines[n].rstrip("\n"))
        built.append(
            Item(
                number=n,
                label=f"{n}、",
                section="一",
                title=None,
                text=text[start:end],
                span=(start, end),
                normalized=text[start:end],
            )
        )
    return Document(
        source=SourceInfo(
            path=path,
            sha256=hashlib.sha256(data).hexdigest(),
            format="text",
            encoding="utf-8",
            size=len(data),
        ),
        text=text,
        title=lines[0].strip(),
        title_span=(0, len(lines[0].rstrip("\n"))),
        kind="outcome-list",
        meeting=Meeting(mechanism="虚构对话", round=7, start="2031-04-01", end="2031-04-02"),
        sections=[Section("一", "合作", (0, 0))],
        items=built,
        defects=[Defect("numbering-gap", "item 3 missing", None)],
    )


TEXT_V1 = "第7轮虚构对话成果清单\n1、双方同意举办灯笼展。\n2、双方将交换气象资料。\n"
TEXT_V2 = "第7轮虚构对话成果清单\n1、双方同意举办灯笼展。\n2、双方将交换气象与海洋资料。\n"
TEXT_OTHER = "第8轮虚构对话成果清单\n1、双方欢迎青年交流。\n"


# A document whose items carry hand-written facts in the shapes of
# luoshi.extract.facts (fictional; spans computed from the text below).
TEXT_FACTS = (
    "第7轮虚构对话成果清单\n"
    "1、灯笼展：双方同意于2032年春季在云城举办第二届虚构灯笼展。\n"
    "2、气象：双方将在下一轮虚构对话前依据《虚构气象协定》交换气象资料，已交换120份资料。\n"
)
SPRING_2032 = {"start": "2032-03-01", "end": "2032-05-31"}


def _at(text: str, part: str, after: int = 0) -> list[int]:
    start = text.index(part, after)
    return [start, start + len(part)]


def facts_for(text: str) -> list[dict[str, Any]]:
    """Facts of the two items of TEXT_FACTS (or of a text that keeps their phrases)."""
    s1 = "双方同意于2032年春季在云城举办第二届虚构灯笼展。"
    s2 = "双方将在下一轮虚构对话前依据《虚构气象协定》交换气象资料，已交换120份资料。"
    commitment: dict[str, Any] = {
        "hedged": False, "negated": False, "parties": ["双方"], "side": "both", "verb": None,
        "object": None, "place": None,
    }
    return [
        {
            "times": [
                {"text": "2032年春季", "span": _at(text, "2032年春季"), **SPRING_2032,
                 "granularity": "season", "anchor": None, "kind": "point", "relation": "during"}
            ],
            "actors": [
                {"text": "云城", "span": _at(text, "云城"), "id": "place.yuncheng",
                 "name": "云城", "name_en": "Yuncheng", "side": "CN", "type": "place"}
            ],
            "sentences": [
                {"text": s1, "span": _at(text, s1), "class": "commitment", "cue": "同意",
                 "heading": False}
            ],
            "commitments": [
                {"text": s1, "span": _at(text, s1), "sentence_span": _at(text, s1),
                 "modality": "agree", "trigger": "同意", "strength": 0.85, **commitment,
                 "action": "hold-meeting", "due": SPRING_2032, "due_text": "2032年春季",
                 "due_kind": "period", "anchor": None}
            ],
            "events": [],
            "series": [
                {"text": "第二届虚构灯笼展", "span": _at(text, "第二届虚构灯笼展"),
                 "id": "series:虚构灯笼展", "name": "虚构灯笼展", "name_en": None, "ordinal": 2,
                 "relation": None, "status": "planned", "date": None, "due": SPRING_2032,
                 "place": "云城", "anchor": None}
            ],
            "references": [],
            "quantities": [],
            "topic": {"code": "23.1", "label_en": "Culture and people-to-people exchange",
                      "label_zh": "人文交流", "score": 12.0},
        },
        {
            "times": [
                {"text": "在下一轮虚构对话前", "span": _at(text, "在下一轮虚构对话前"),
                 "start": "2031-04-02", "end": None, "granularity": "event",
                 "anchor": "next-round:虚构对话", "kind": "deadline", "relation": "before"}
            ],
            "actors": [],
            "sentences": [
                {"text": s2, "span": _at(text, s2), "class": "commitment", "cue": "将",
                 "heading": False}
            ],
            "commitments": [
                {"text": s2, "span": _at(text, s2[2 : s2.index("，")]),
                 "sentence_span": _at(text, s2), "modality": "will", "trigger": "将",
                 "strength": 0.7, **commitment, "action": "continue-cooperation", "due": None,
                 "due_text": "下一轮虚构对话前", "due_kind": "deadline",
                 "anchor": "next-round:虚构对话"}
            ],
            "events": [
                {"text": "已交换120份资料", "span": _at(text, "已交换120份资料"),
                 "what": "交换120份资料", "who": [], "place": None, "date": None}
            ],
            "series": [],
            "references": [
                {"text": "《虚构气象协定》", "span": _at(text, "《虚构气象协定》"),
                 "kind": "agreement", "title": "虚构气象协定", "number": None, "body": None,
                 "id": "doc.weather", "title_en": "Fictional Weather Agreement"}
            ],
            "quantities": [
                {"text": "120份", "span": _at(text, "120份"), "value": 120, "min": 120,
                 "max": 120, "unit": "份", "unit_en": "copies", "dimension": "count",
                 "counts": "资料", "context": "交换", "measure": "气象资料", "approx": None}
            ],
            "topic": None,
        },
    ]


def make_doc_with_facts(text: str = TEXT_FACTS, path: str = "虚构/facts.txt") -> Document:
    doc = make_doc(text, path)
    for item, facts in zip(doc.items, facts_for(text), strict=True):
        item.facts = facts
    return doc
