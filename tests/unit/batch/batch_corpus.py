"""Fictional outcome lists for batch-ingest tests (虚构: no real document is quoted)."""

from __future__ import annotations

from pathlib import Path

from luoshi.store import Ledger

REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / "samples"

_NUMERALS = "一二三四五六七八九十"
_TOPICS = [
    ("青年交流", "双方同意于{year}年互派{n}名青年学者。"),
    ("湿地合作", "双方决定于{year}年秋季在云城举行第{n}次湿地保护研讨会。"),
    ("气象合作", "双方将共享山区降雨观测资料，并于{year}年底前发布联合报告。"),
    ("海洋合作", "双方欢迎举办第{n}届虚构海洋论坛，决定继续开展珊瑚礁监测。"),
    ("文化合作", "双方计划于{year}年在雾港举办灯笼艺术展。"),
]


def fictional_list(k: int, items: int = 6) -> str:
    """A small outcome list of the imaginary 虚构合作对话, different for every ``k``."""
    rnd = k % 9 + 1
    year = 2030 + k
    lines = [
        f"第{_NUMERALS[rnd - 1]}轮中美虚构合作对话成果清单",
        "",
        f"{year}年5月{k % 27 + 1}日在云城举行的第{_NUMERALS[rnd - 1]}轮中美虚构合作对话期间，"
        "双方就以下成果达成一致。",
        "",
        "一、双边合作",
        "",
    ]
    for i in range(1, items + 1):
        title, body = _TOPICS[(i + k) % len(_TOPICS)]
        lines.append(f"{i}、{title}：" + body.format(year=year + i % 3, n=i + k) + "")
        lines.append("")
    return "\n".join(lines)


def write_corpus(folder: Path, count: int, items: int = 6) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        path = folder / f"doc{k:03d}.txt"
        path.write_text(fictional_list(k, items), encoding="utf-8")
        paths.append(path)
    return paths


def ledger_rows(url: str) -> dict[str, list[tuple]]:
    """The ledger's content without timestamps and row ids, comparable across runs."""
    import sqlalchemy as sa

    queries = {
        "documents": "SELECT id FROM documents ORDER BY id",
        "versions": "SELECT document_id, version_no, sha256, title, kind, round, mechanism,"
        " meeting_start, meeting_end, item_count, defect_count, parser_version"
        " FROM versions ORDER BY document_id, version_no",
        "sources": "SELECT v.document_id, v.version_no, s.location, s.sha256, s.format, s.size"
        " FROM sources s JOIN versions v ON v.id = s.version_id ORDER BY 1, 2, 3",
        "items": "SELECT v.document_id, v.version_no, i.seq, i.number, i.label, i.section,"
        " i.title, i.text, i.span_start, i.span_end FROM items i"
        " JOIN versions v ON v.id = i.version_id ORDER BY 1, 2, 3",
        # the stored record and original, compressed: equal bytes, equal content
        "records": "SELECT document_id, version_no, parsed, original FROM versions"
        " ORDER BY document_id, version_no",
        "facts": "SELECT v.document_id, v.version_no, f.item_seq, f.kind, f.seq, f.ref_id,"
        " f.label, f.span_start, f.span_end FROM facts f JOIN versions v ON v.id = f.version_id"
        " ORDER BY 1, 2, 3, 4, 5",
        "search": "SELECT s.document_id, v.version_no, i.seq, s.tokens FROM search_items s"
        " JOIN items i ON i.id = s.item_id JOIN versions v ON v.id = s.version_id"
        " ORDER BY 1, 2, 3",
        "defects": "SELECT v.document_id, v.version_no, d.seq, d.kind, d.detail FROM defects d"
        " JOIN versions v ON v.id = d.version_id ORDER BY 1, 2, 3",
    }
    with Ledger.open(url) as ledger, ledger.engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(sa.text(q))] for name, q in queries.items()}
