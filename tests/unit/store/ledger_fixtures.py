"""Hand-made fictional documents for ledger tests (no parser involved).

A plain module (not conftest) so tests can import it by a name unique in the suite.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

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
