"""A fictional corpus and a stand-in read→parse pipeline for CLI tests.

The stand-in keeps these tests about the CLI and the ledger (exit codes, one-line
errors, JSON on stdout, idempotent ingest) independent of the real readers and
parser, which have their own tests; ``test_real_pipeline.py`` runs the real ones.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

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
2、海洋：双方将联合开展珊瑚礁调查。
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
