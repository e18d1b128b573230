"""A fictional corpus and a stand-in read→parse pipeline for CLI tests.

The stand-in keeps these tests about the CLI and the ledger (exit codes, one-line
errors, JSON on stdout, idempotent ingest) independent of the real readers and
parser, which have their own tests; ``test_real_pipeline.py`` runs the real ones.
Items get hand-written facts in the shapes ``luoshi.extract.facts`` produces
(``FAKE_FACTS``), so the fact columns, ``show`` and the fact exports are tested
without the extractors.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from luoshi.errors import InputError
from luoshi.model import Defect, Document, Item, Meeting, RawDocument, Section, SourceInfo
from luoshi.textmap import MappedText

# Fictional outcome lists ("虚构对话"): no sentence comes from a real document.
FICTION_A = """第3轮虚构对话成果清单

2031年4月1日至2日在云城举行的第3轮虚构对话期间，双方就以下成果达成一致。

一、人员往来
1、青年交流：双方同意每年互派一百名青年学者。
2、培训：双方将共同举办湿地管理培训班。
二、环境合作
3、湿地：双方决定建立湿地保护伙伴关系。
5、候鸟：双方将交换候鸟监测数据。
"""

FICTION_B = """第4轮虚构对话成果清单

2032年5月3日在雾港举行的第4轮虚构对话期间，双方就以下成果达成一致。

一、科技合作
1、气象：双方同意共享山区降雨观测资料。
2、海洋：虚构海洋局与双方将依据《虚构海洋协定》于2033年秋季在雾港举行第二次珊瑚礁研讨会。首次研讨会已于2031年5月举行。
"""

FICTION_C = """虚构论坛联合新闻稿

1、文化：双方欢迎举办灯笼艺术展。
"""

_SECTION = re.compile(r"^([一二三四五六七八九十]+)、(.+)$", re.M)
_ITEM = re.compile(r"^(\d+)、(.+)$", re.M)
_ROUND = re.compile(r"第(\d+)轮(虚构\w\w)")


def fake_read(target: str, max_bytes: int | None = None) -> RawDocument:
    if "://" in target:
        raise InputError(target, "network is off in tests")
    data = Path(target).read_bytes()
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(target, f"larger than --max-bytes ({len(data)} > {max_bytes})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(target, "not UTF-8 text") from None
    warnings = ["looks like a draft"] if "草稿" in text else []
    source = SourceInfo(
        path=target,
        sha256=hashlib.sha256(data).hexdigest(),
        format="text",
        encoding="utf-8",
        size=len(data),
    )
    return RawDocument(text=text, body=MappedText.root(text), source=source, warnings=warnings)


def fake_parse(raw: RawDocument) -> Document:
    """A tiny outcome-list parser over the fictional texts above."""
    text = raw.text
    if "触发内部错误" in text:
        raise RuntimeError("simulated parser bug")
    title_line = text.strip().splitlines()[0]
    title_start = text.index(title_line)
    sections = [
        Section(m.group(1), m.group(2), (m.start(), m.end())) for m in _SECTION.finditer(text)
    ]
    items: list[Item] = []
    defects: list[Defect] = []
    for m in _ITEM.finditer(text):
        number = int(m.group(1))
        body = m.group(2)
        head, sep, _rest = body.partition("：")
        current = [s for s in sections if s.span[0] < m.start()]
        if items and items[-1].number is not None and number > items[-1].number + 1:
            missing = f"item {items[-1].number + 1} missing"
            defects.append(Defect("numbering-gap", missing, (m.start(), m.start())))
        items.append(
            Item(
                number=number,
                label=f"{number}、",
                section=current[-1].number if current else None,
                title=head if sep else None,
                text=body,
                span=(m.start(), m.end()),
                title_span=(m.start(2), m.start(2) + len(head)) if sep else None,
                normalized=body,
                facts=fake_facts(text, m.start(2), body, head if sep else None),
            )
        )
    meeting = Meeting()
    round_m = _ROUND.search(text)
    if round_m:
        meeting = Meeting(
            mechanism=round_m.group(2), round=int(round_m.group(1)), span=round_m.span()
        )
    return Document(
        source=raw.source,
        text=text,
        title=title_line,
        title_span=(title_start, title_start + len(title_line)),
        kind="outcome-list" if items else "other",
        meeting=meeting,
        sections=sections,
        items=items,
        defects=defects,
        warnings=list(raw.warnings),
    )


# -- hand-written facts ------------------------------------------------------------

_NONE_DUE: dict[str, Any] = {"due": None, "due_text": None, "due_kind": None, "anchor": None}
_AUTUMN_2033 = {"start": "2033-09-01", "end": "2033-11-30"}
_MAY_2031 = {"start": "2031-05-01", "end": "2031-05-31"}

# item title → (topic, commitments as (sentence, trigger, modality, action, extra), others)
FAKE_FACTS: dict[str, dict[str, Any]] = {
    "青年交流": {
        "topic": ("23.1", "Culture and people-to-people exchange", "人文交流"),
        "commitments": [("双方同意每年互派一百名青年学者。", "同意", "agree", "other", {})],
        "quantities": [
            {"text": "一百名", "value": 100, "min": 100, "max": 100, "unit": "名",
             "unit_en": "persons", "dimension": "count", "counts": "青年学者",
             "context": "互派", "measure": "青年学者", "approx": None}
        ],
    },
    "培训": {
        "topic": ("06.1", "Education", "教育"),
        "commitments": [("双方将共同举办湿地管理培训班。", "将", "will", "hold-meeting", {})],
    },
    "湿地": {
        "topic": ("07.3", "Wildlife trafficking and nature conservation", "野生动植物与自然保护"),
        "commitments": [
            ("双方决定建立湿地保护伙伴关系。", "决定", "decide", "launch-establish", {})
        ],
    },
    "候鸟": {
        "topic": ("07.3", "Wildlife trafficking and nature conservation", "野生动植物与自然保护"),
        "commitments": [
            ("双方将交换候鸟监测数据。", "将", "will", "continue-cooperation", {})
        ],
    },
    "气象": {
        "topic": ("17.1", "Science, technology and space", "科技"),
        "commitments": [
            ("双方同意共享山区降雨观测资料。", "同意", "agree", "continue-cooperation", {})
        ],
    },
    "海洋": {
        "topic": ("07.4", "Oceans and polar affairs", "海洋与极地"),
        "commitments": [
            (
                "虚构海洋局与双方将依据《虚构海洋协定》于2033年秋季在雾港举行第二次珊瑚礁研讨会。",
                "将",
                "will",
                "hold-meeting",
                {"parties": ["虚构海洋局", "双方"], "place": "雾港",
                 "due": _AUTUMN_2033, "due_text": "2033年秋季", "due_kind": "period"},
            )
        ],
        "past": [("首次研讨会已于2031年5月举行。", "首次研讨会", _MAY_2031)],
        "times": [
            {"text": "2033年秋季", "start": "2033-09-01", "end": "2033-11-30",
             "granularity": "season", "anchor": None, "kind": "point", "relation": "during"},
            {"text": "2031年5月", "start": "2031-05-01", "end": "2031-05-31",
             "granularity": "month", "anchor": None, "kind": "point", "relation": "during"},
        ],
        "actors": [
            {"text": "虚构海洋局", "id": None, "name": "虚构海洋局", "name_en": None,
             "side": None, "type": "candidate"},
            {"text": "雾港", "id": "place.wugang", "name": "雾港", "name_en": "Wugang",
             "side": "CN", "type": "place"},
        ],
        "series": [
            {"text": "第二次珊瑚礁研讨会", "id": "series:珊瑚礁研讨会", "name": "珊瑚礁研讨会",
             "name_en": "Coral Reef Workshop", "ordinal": 2, "relation": None,
             "status": "planned", "date": None, "due": _AUTUMN_2033, "place": "雾港",
             "anchor": None},
            {"text": "首次研讨会", "id": "series:珊瑚礁研讨会", "name": "珊瑚礁研讨会",
             "name_en": "Coral Reef Workshop", "ordinal": 1, "relation": None,
             "status": "held", "date": _MAY_2031, "due": None, "place": None,
             "anchor": None},
        ],
        "references": [
            {"text": "《虚构海洋协定》", "kind": "agreement", "title": "虚构海洋协定",
             "number": None, "body": None, "id": None, "title_en": None}
        ],
    },
}


def fake_facts(source: str, body_start: int, body: str, title: str | None) -> dict[str, Any]:
    """Facts of one item of the fictional texts, spans in ``source`` like the real ones."""
    spec = FAKE_FACTS.get(title or "")
    if spec is None:
        return {}

    def span(part: str) -> list[int]:
        start = source.index(part, body_start)
        return [start, start + len(part)]

    def located(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"text": f["text"], "span": span(f["text"]), **f} for f in facts]

    rest = body.partition("：")[2]
    sentences = [s + "。" for s in rest.split("。") if s]
    heading = {"text": f"{title}：", "span": span(f"{title}："), "class": "other", "cue": None,
               "heading": True}
    commitments = []
    classes = {}
    for sentence, trigger, modality, action, extra in spec["commitments"]:
        classes[sentence] = ("commitment", trigger)
        commitments.append(
            {
                "text": sentence, "span": span(sentence), "sentence_span": span(sentence),
                "modality": modality, "trigger": trigger, "strength": 0.7, "hedged": False,
                "negated": False, "parties": ["双方"], "side": "both", "action": action,
                "verb": None, "object": None, "place": None, **_NONE_DUE, **extra,
            }
        )
    events = []
    for sentence, what, date in spec.get("past", []):
        classes[sentence] = ("past-event", "已")
        events.append({"text": sentence, "span": span(sentence), "what": what, "who": [],
                       "place": None, "date": date})
    code, label_en, label_zh = spec["topic"]
    return {
        "times": located(spec.get("times", [])),
        "actors": located(spec.get("actors", [])),
        "sentences": [heading] + [
            {"text": s, "span": span(s), "class": classes.get(s, ("other", None))[0],
             "cue": classes.get(s, ("other", None))[1], "heading": False}
            for s in sentences
        ],
        "commitments": commitments,
        "events": events,
        "series": located(spec.get("series", [])),
        "references": located(spec.get("references", [])),
        "quantities": located(spec.get("quantities", [])),
        "topic": {"code": code, "label_en": label_en, "label_zh": label_zh, "score": 12.0},
    }
