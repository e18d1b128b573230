"""A small fictional (虚构) ledger for search tests, and helpers to build it.

Three documents: one in Simplified Chinese with two versions, one in Traditional
Chinese, one in English. Items carry hand-written topic and actor facts so that
facets have something to count. A plain module (not conftest) so tests can
import it by a name unique in the suite.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from luoshi.model import Document, Item, Meeting, Section, SourceInfo
from luoshi.store import Ledger

CUSTOMS = {"code": "90.1", "label_en": "Fictional customs"}
NUCLEAR = {"code": "90.2", "label_en": "Fictional nuclear safety"}
GACC = {
    "id": "xx-customs",
    "name": "虚构海关总署",
    "name_en": "Fictional Customs Office",
    "side": "CN",
}

# Long enough that its snippet is cut on both sides of the match.
LONG_ITEM = (
    "3、双方将在人员往来、信息交换、联合培训、技术援助、定期评估、档案整理、语言翻译、"
    "后勤保障、场地安排和媒体沟通等方面继续努力，并于2031年举行第三次虚构海关合作会议，"
    "会议将审议人员往来、信息交换、联合培训、技术援助、定期评估、档案整理、语言翻译、"
    "后勤保障、场地安排和媒体沟通等方面的进展情况，并提出下一阶段的工作安排和具体措施，"
    "双方还将就人员往来、信息交换、联合培训、技术援助和定期评估等事项保持密切沟通。"
)

# (item text, topic, actor names to tag) per document; the first line is the title.
SIMP_V1 = [
    "虚构对话成果清单（简体）",
    ("1、虚构国海关总署与中方签署灯笼贸易备忘录。", CUSTOMS, ["海关总署"]),
    ("2、双方同意在核安全领域开展交流。", NUCLEAR, []),
]
SIMP_V2 = [
    "虚构对话成果清单（简体）",
    ("1、虚构国海关总署与中方签署贸易备忘录。", CUSTOMS, ["海关总署"]),
    ("2、双方同意在核安全领域开展交流。", NUCLEAR, []),
    (LONG_ITEM, CUSTOMS, []),
]
TRAD = [
    "虛構對話成果清單（繁體）",
    ("1、雙方同意加強海關合作，虛構海關總署派員參加。", CUSTOMS, ["海關總署"]),
    ("2、核安全峰會將於明年舉行。", NUCLEAR, []),
]
ENGLISH = [
    "Fictional Dialogue Outcome List",
    ("1. The two sides agreed to hold the Customs Cooperation Forum in Lantern City.", CUSTOMS, []),
    ("2. Both sides support nuclear security exchanges (核安全交流).", NUCLEAR, []),
    ("3. The sides noted that customs data will be shared; cooperation continues.", CUSTOMS, []),
]


def make_document(spec: list[Any], path: str) -> Document:
    """A Document whose items are the given lines, with topic and actor facts."""
    title = spec[0]
    text = title + "\n" + "".join(line + "\n" for line, _, _ in spec[1:])
    data = text.encode("utf-8")
    built: list[Item] = []
    at = len(title) + 1
    for n, (line, topic, actors) in enumerate(spec[1:], start=1):
        span = (at, at + len(line))
        facts: dict[str, Any] = {"topic": topic}
        facts["actors"] = [
            {**GACC, "text": a, "span": [at + line.index(a), at + line.index(a) + len(a)]}
            for a in actors
        ]
        built.append(
            Item(
                number=n,
                label=f"{n}、",
                section="一",
                title=None,
                text=line,
                span=span,
                normalized=line,
                facts=facts,
            )
        )
        at += len(line) + 1
    return Document(
        source=SourceInfo(
            path=path,
            sha256=hashlib.sha256(data).hexdigest(),
            format="text",
            encoding="utf-8",
            size=len(data),
        ),
        text=text,
        title=title,
        title_span=(0, len(title)),
        kind="outcome-list",
        meeting=Meeting(mechanism="虚构对话", round=7, start="2031-04-01", end="2031-04-02"),
        sections=[Section("一", "合作", (0, 0))],
        items=built,
        defects=[],
    )


def fill(ledger: Ledger) -> dict[str, str]:
    """Ingest the fictional documents; returns {name: document id}."""
    ids = {}
    for name, spec in (("simp", SIMP_V1), ("simp", SIMP_V2), ("trad", TRAD), ("en", ENGLISH)):
        # the second "simp" is version 2 of the same document (same location)
        doc = make_document(spec, f"虚构/{name}.txt")
        ids[name] = ledger.ingest(doc, f"/虚构/{name}.txt").document_id
    return ids


@dataclass
class Filled:
    ledger: Ledger
    ids: dict[str, str]
    backend: str


def open_filled(url: str, backend: str) -> Iterator[Filled]:
    with Ledger.open(url) as ledger:
        yield Filled(ledger, fill(ledger), backend)
