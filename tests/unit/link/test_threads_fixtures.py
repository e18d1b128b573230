"""Fictional (虚构) documents for the thread and copy tests, built in memory.

Facts are written by hand in the shape ``luoshi.extract.facts`` gives them, with
spans located by searching the item's text, so these tests do not depend on the
extractors. The documents have no separate layers (``normalized`` is None): the
source text is the normalised text, which the link modules accept. No tests here;
the other test modules import it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from luoshi.model import Defect, Document, Item, Meeting, Section, SourceInfo

Facts = dict[str, Any]

SEAWEED = "中美海藻合作对话"  # an invented mechanism
LEADERS = "中美元首会晤"  # in the same family as the S&ED in link_rules.toml


@dataclass
class Spec:
    """One item: heading, body and the facts to attach (texts found in the body)."""

    number: int | None
    title: str | None
    body: str
    section: str | None = "一"
    actors: list[tuple[str, str]] = field(default_factory=list)  # (text, id)
    series: list[tuple[str, str, int | None, str]] = field(default_factory=list)
    quantities: list[tuple[str, int, str, str]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    times: list[tuple[str, str | None, str | None, str]] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)  # (text, title)
    topic: str | None = None


def _find(line: str, sub: str, start: int) -> list[int]:
    i = line.index(sub)
    return [start + i, start + i + len(sub)]


def _sentences(line: str, start: int, head: int) -> list[Facts]:
    out: list[Facts] = []
    if head:
        out.append({"text": line[:head], "span": [start, start + head], "class": "other",
                    "cue": None, "heading": True})
    pos = head
    while pos < len(line):
        end = line.find("。", pos)
        end = len(line) if end < 0 else end + 1
        text = line[pos:end]
        promise = any(w in text for w in ("决定", "将", "计划", "同意"))
        cls = "commitment" if promise else "past-event"
        out.append({"text": text, "span": [start + pos, start + end], "class": cls,
                    "cue": None, "heading": False})
        pos = end
    return out


def _facts(spec: Spec, line: str, start: int, head: int) -> Facts:
    def at(sub: str) -> list[int]:
        return _find(line, sub, start)

    commitments = []
    for c in spec.commitments:
        clause = c["clause"]
        commitments.append({
            "text": clause, "span": at(clause), "sentence_span": at(clause),
            "modality": c.get("modality", "decide"), "action": c.get("action", "other"),
            "verb": c.get("verb"), "object": c.get("object"), "due": c.get("due"),
            "due_text": c.get("due_text"), "parties": ["中美双方"],
        })
    return {
        "times": [{"text": t, "span": at(t), "start": s, "end": e, "kind": kind}
                  for t, s, e, kind in spec.times],
        "actors": [{"text": t, "span": at(t), "id": i, "type": "mechanism", "side": "joint"}
                   for t, i in spec.actors],
        "sentences": _sentences(line, start, head),
        "commitments": commitments,
        "events": [],
        "series": [{"text": t, "span": at(t), "id": i, "name": i.split(":")[-1],
                    "ordinal": o, "status": st} for t, i, o, st in spec.series],
        "references": [{"text": t, "span": at(t), "kind": "document", "title": title,
                        "id": None} for t, title in spec.references],
        "quantities": [{"text": t, "span": at(t), "value": v, "unit": u, "measure": m,
                        "counts": m} for t, v, u, m in spec.quantities],
        "topic": {"code": spec.topic} if spec.topic else None,
    }


def make_doc(tag: str, meeting: Meeting, specs: list[Spec], *, title: str | None = None,
             language: str = "zh", script: str = "Hans",
             defects: list[Defect] | None = None) -> Document:
    """A document whose text is its items, one per line, after a title line."""
    head_line = (title or f"{meeting.mechanism or ''}第{meeting.round}轮成果清单（虚构）") + "\n"
    text = head_line
    items: list[Item] = []
    sections: dict[str, Section] = {}
    for spec in specs:
        if spec.section and spec.section not in sections:
            sections[spec.section] = Section(spec.section, "合作", (len(text), len(text)),
                                             ordinal=len(sections) + 1)
        prefix = f"{spec.number}、" if spec.number is not None else ""
        head = f"{spec.title}：" if spec.title else ""
        line = head + spec.body
        start = len(text) + len(prefix)
        text += prefix + line + "\n"
        item = Item(number=spec.number, label=prefix, section=spec.section, title=spec.title,
                    text=line, span=(start, start + len(line)), normalized=line,
                    norm_start=start)
        item.facts = _facts(spec, line, start, len(head))
        items.append(item)
    sha = hashlib.sha256((tag + text).encode()).hexdigest()
    return Document(
        source=SourceInfo(path=f"fixtures/{tag}.txt", sha256=sha, format="text",
                          encoding="utf-8", script=script, language=language),
        text=text, title=head_line.strip(), kind="outcome-list", meeting=meeting,
        sections=list(sections.values()), items=items, defects=list(defects or []))


def seaweed(round_: int, start: str, **kw: Any) -> Meeting:
    return Meeting(mechanism=kw.pop("mechanism", SEAWEED), round=round_, start=start,
                   end=start, **kw)


def cite_ok(doc: Document, cite: dict[str, Any]) -> bool:
    """The cited text is what the source holds at the cited span."""
    s, e = cite["span"]
    return doc.text[s:e] == cite["text"]


# -- a three-round fictional thread set ---------------------------------------------------

def garden(number: int, due: str, due_text: str) -> Spec:
    """The seaweed garden project: its start-of-works deadline moves each round."""
    clause = f"决定力争于{due_text}实现海藻园开工建设"
    return Spec(number, "海藻园", f"{clause}，并继续推进设计工作。",
                actors=[("海藻园", "place.seaweed-garden")],
                commitments=[{"clause": clause, "action": "launch-establish", "verb": "开工",
                              "object": "建设", "due": {"start": None, "end": due},
                              "due_text": due_text}],
                times=[(due_text, None, due, "deadline")], topic="23.1")


def validation(number: int, count: int, title: str = "海关联合验证") -> Spec:
    body = (f"中国海关总署和美国海关与边境保护局已在中国开展了{count}次联合验证，"
            "双方决定继续就互认安排进行磋商。")
    return Spec(number, title, body,
                actors=[("中国海关总署", "cn.gac"), ("美国海关与边境保护局", "us.dhs.cbp")],
                quantities=[(f"{count}次", count, "次", "联合验证")],
                commitments=[{"clause": "双方决定继续就互认安排进行磋商", "action":
                              "continue-cooperation", "verb": "磋商", "object": "互认安排"}],
                topic="12.3")


def kelp_meeting(number: int, title: str, ordinal: int, when: str, due: str,
                 lead: str = "", tail: str = "。") -> Spec:
    """The kelp coordination meeting, renamed from round to round."""
    text = f"第{ordinal}届中美海带事务协调会"
    clause = f"决定于{when}召开{text}"
    return Spec(number, title, f"{lead}{clause}{tail}",
                actors=[(text[len(f'第{ordinal}届'):], "mech.kelp")],
                series=[(text, "mech.kelp", ordinal, "planned")],
                commitments=[{"clause": clause, "action": "hold-meeting", "verb": "召开",
                              "object": text, "due": {"start": None, "end": due},
                              "due_text": when}],
                times=[(when, None, due, "point")], topic="02.1")


# round 2 rewrites the item: new heading, new opening sentence, new closing words
KELP_2 = ("继续就海带养殖权益事务开展富有成效的交流，寻求扩大合作机遇。双方",
          "，并就育苗标准、技术培训和就业模式展开讨论。")


def antarctic(number: int) -> Spec:
    return Spec(number, "南极科考", "双方决定加强南极科学考察合作，共享冰川观测数据。",
                section="二", topic="07.4")


def three_rounds() -> list[Document]:
    """Rounds 1–3 of the seaweed dialogue; items renumbered, one heading renamed."""
    r1 = make_doc("r1", seaweed(1, "2030-05-10"), [
        validation(1, 120),
        kelp_meeting(2, "中美海带养殖协调会议", 1, "2030年12月", "2030-12-31",
                     tail="，地点在华盛顿。"),
        garden(3, "2031-06-30", "2031年6月底前"),
        antarctic(4),
    ])
    r2 = make_doc("r2", seaweed(2, "2031-06-20"), [
        kelp_meeting(1, "海带养殖权益", 2, "2031年11月", "2031-11-30", *KELP_2),
        antarctic(2),
        garden(3, "2031-10-30", "2031年10月30日前"),
        validation(4, 185, "海关C-TPAT联合验证和AEO互认合作"),
    ])
    r3 = make_doc("r3", seaweed(3, "2032-06-08"), [
        antarctic(1),
        validation(2, 240),
        garden(3, "2031-10-30", "2031年10月30日前"),
        kelp_meeting(4, "海带养殖权益", 3, "2032年11月", "2032-11-30", *KELP_2),
    ])
    return [r1, r2, r3]
