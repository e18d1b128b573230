"""Hand-made, clearly fictional follow-through data (虚构) in the shapes of
``luoshi.follow``: two rounds of an invented 中美示范合作对话 (2031, 2032)."""

from __future__ import annotations

from typing import Any

from luoshi.report import ReportInput

HOSTILE = '<script>alert("虚构")</script>&<b>粗</b>'


def _row(n: int, status: str, **kw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": f"cfeedc0ffee-{n}-{10 * n}-{10 * n + 8}",
        "doc": "dfeedc0ffee",
        "item": n,
        "text": f"双方决定举行第{n}次虚构工作组会议。",
        "span": [10 * n, 10 * n + 8],
        "parties": ["中美双方"],
        "due": {"start": "2031-09-01", "end": "2031-11-30"},
        "status": status,
        "machine_status": status,
        "score": {"fulfilled": 1, "overdue": -1}.get(status, 0),
        "topic": "19.1",
        "round": 1,
        "evidence": [],
        "overrides": [],
    }
    row.update(kw)
    return row


def rows() -> list[dict[str, Any]]:
    return [
        _row(
            1,
            "fulfilled",
            evidence=[
                {
                    "doc": "dbadd00dbad",
                    "item": 2,
                    "text": "双方于2031年10月举行了第一次虚构工作组会议。",
                    "span": [40, 62],
                    "kind": "series-held",
                }
            ],
        ),
        _row(2, "overdue", due={"start": "2031-12-31", "end": "2031-12-31"}, topic="07.2"),
        _row(
            3,
            "overdue",
            due={"start": "2031-06-01", "end": "2031-06-30"},
            parties=["中国国家禁毒委员会", "美国国务院"],
            topic="12.1",
            text="双方决定在2031年6月底前完成虚构禁毒合作谅解备忘录的修订。",
        ),
        _row(
            4,
            "pending",
            due={"start": "2033-01-01", "end": "2033-06-30"},
            round=2,
            doc="dbadd00dbad",
            span=[80, 96],
        ),
        _row(5, "ongoing", due=None, score=0, topic={"code": "23.1"}),
        _row(
            6,
            "superseded",
            machine_status="overdue",
            overrides=[
                {
                    "id": 1,
                    "commitment_id": "cfeedc0ffee-6-60-68",
                    "status": "superseded",
                    "note": "第二轮重申并改期",
                    "source": "虚构新闻稿",
                    "author": "分析员甲",
                    "created_at": "2032-03-01T00:00:00Z",
                }
            ],
        ),
        _row(7, "unknown", due=None, score=None, text=HOSTILE, parties=[HOSTILE]),
    ]


def documents() -> list[dict[str, Any]]:
    return [
        {
            "id": "dfeedc0ffee",
            "title": "第一轮中美示范合作对话具体成果清单（虚构）",
            "mechanism": "中美示范合作对话",
            "round": 1,
            "meeting_start": "2031-05-12",
            "published": None,
            "items": 7,
        },
        {
            "id": "dbadd00dbad",
            "title": "第二轮示范对话 " + HOSTILE,
            "mechanism": "中美示范合作对话",
            "round": 2,
            "meeting_start": "2032-05-20",
            "published": None,
            "items": 3,
        },
    ]


def series() -> list[dict[str, Any]]:
    return [
        {
            "id": "series:虚构工作组会议",
            "name": "虚构工作组会议",
            "name_en": "Fictional Working Group",
            "occurrences": 3,
            "held": 2,
            "planned": 3,
        },
        {
            "id": "series:无日期会议",
            "name": "无日期会议",
            "name_en": None,
            "occurrences": 1,
            "held": 0,
            "planned": 1,
        },
    ]


def timelines() -> list[dict[str, Any]]:
    def src(doc: str, item: int, role: str, text: str) -> dict[str, Any]:
        return {
            "doc": doc,
            "item": item,
            "span": [item * 10, item * 10 + 9],
            "text": text,
            "role": role,
        }

    return [
        {
            "series": {
                "id": "series:虚构工作组会议",
                "name": "虚构工作组会议",
                "name_en": "Fictional Working Group",
            },
            "occurrences": [
                {
                    "ordinal": 2,
                    "status": "held-late",
                    "date": {"start": "2032-04-14", "end": "2032-04-15"},
                    "planned": {"start": "2031-12-01", "end": "2032-01-31"},
                    "place": "华盛顿",
                    "sources": [
                        src(
                            "dfeedc0ffee",
                            1,
                            "planned",
                            "决定于2031年12月或2032年1月举行第二次会议。",
                        ),
                        src("dbadd00dbad", 2, "held", "第二次会议于2032年4月14日至15日举行。"),
                    ],
                },
                {
                    "ordinal": 1,
                    "status": "held",
                    "date": {"start": "2031-10-20", "end": "2031-10-20"},
                    "planned": {"start": "2031-09-01", "end": "2031-11-30"},
                    "place": "北京",
                    "sources": [
                        src("dfeedc0ffee", 1, "planned", "决定于2031年秋季在北京举行第一次会议。")
                    ],
                },
                {
                    "ordinal": 3,
                    "status": "planned",
                    "date": None,
                    "planned": {"start": "2033-01-01", "end": "2033-12-31"},
                    "place": None,
                    "sources": [src("dbadd00dbad", 2, "planned", "决定于2033年举行第三次会议。")],
                },
            ],
        },
        {
            "series": {"id": "series:无日期会议", "name": "无日期会议", "name_en": None},
            "occurrences": [
                {
                    "ordinal": None,
                    "status": "unknown",
                    "date": None,
                    "planned": None,
                    "place": None,
                    "sources": [],
                },
            ],
        },
    ]


def make_input(**kw: Any) -> ReportInput:
    base: dict[str, Any] = {
        "as_of": "2032-06-01",
        "generated_at": "2032-06-01T00:00:00Z",
        "rows": rows(),
        "series": series(),
        "timelines": timelines(),
        "documents": documents(),
    }
    base.update(kw)
    return ReportInput(**base)
