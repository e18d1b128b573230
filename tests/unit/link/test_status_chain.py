"""A round planned again and again with new deadlines: each plan is superseded
by the next one (``superseded_by`` chains them), and what a commitment cites
stays put as later rounds keep planning it."""

from __future__ import annotations

from test_timelines_fixtures import (
    JWG,
    JWG_ID,
    SEAWEED,
    At,
    Facts,
    commitment,
    iv,
    make_doc,
    series,
)

from luoshi.link.status import assess, assess_over_time
from luoshi.model import Document, Meeting

# (sha character, round, meeting day, planned interval of the 5th JWG meeting)
PLANS = [
    ("e", 1, "2040-05-10", ("2040-09-01", "2040-11-30")),
    ("f", 2, "2041-05-10", ("2041-09-01", "2041-11-30")),
    ("g", 3, "2042-05-10", ("2042-09-01", "2042-11-30")),
    ("h", 4, "2043-05-10", ("2043-03-01", "2043-03-31")),
    ("i", 5, "2044-05-10", ("2044-09-01", "2044-11-30")),
]


def _plan(ch: str, rnd: int, day: str, due: tuple[str, str], ordinal: int = 5) -> Document:
    year = due[0][:4]
    meeting = f"第{'一二三四五六七八九'[ordinal - 1]}次中美海藻联合工作组会议"
    clause = f"决定于{year}年在青岛举行{meeting}"

    def facts(at: At) -> Facts:
        return {
            "series": [
                series(
                    at,
                    meeting,
                    id=JWG_ID,
                    name=JWG,
                    ordinal=ordinal,
                    status="planned",
                    due=iv(*due),
                    place="青岛",
                ),
            ],
            "commitments": [
                commitment(
                    at,
                    clause,
                    clause + "。",
                    action="hold-meeting",
                    object=meeting,
                    due=iv(*due),
                    place="青岛",
                ),
            ],
        }

    return make_doc(
        ch,
        Meeting(mechanism=SEAWEED, track=None, round=rnd, start=day, end=day, venue="北京"),
        [(1, "海藻联合工作组", clause + "。", facts)],
    )


def chain() -> list[Document]:
    return [_plan(*p) for p in PLANS]


def chain_then_next() -> list[Document]:
    """``chain`` and then a round planning the sixth meeting: the fifth is
    implied held by it."""
    return [*chain(), _plan("j", 6, "2045-05-10", ("2045-09-01", "2045-11-30"), ordinal=6)]


def test_each_plan_is_superseded_by_the_next() -> None:
    sts = {s.doc[1]: s for s in assess(chain(), "2045-01-01")}
    assert [sts[c].status for c in "efghi"] == ["superseded"] * 4 + ["overdue"]
    for a, b in zip("efgh", "fghi", strict=True):
        assert sts[a].superseded_by == sts[b].id
        (ev,) = sts[a].evidence
        assert ev.kind == "restatement" and ev.source.doc[1] == b


def test_a_superseded_plan_is_not_assessed_again_as_the_round_is_planned_again() -> None:
    docs = chain()
    days = [day for _, _, day, _ in PLANS]
    runs = list(assess_over_time(docs, days))
    for day, run in zip(days, runs, strict=True):  # the same as assessing each day alone
        assert [s.to_json() for s in run.statuses] == [s.to_json() for s in assess(docs, day)]
    first = next(s.id for s in runs[0].statuses)
    # new at the first date, superseded at the second, then left alone although
    # each later document adds a plan to the same round
    assert [first in r.reassessed for r in runs] == [True, True, False, False, False]
