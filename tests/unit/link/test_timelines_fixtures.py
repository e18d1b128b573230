"""A small fictional (虚构) corpus for the link tests, built in memory.

Three documents of an invented mechanism, the 中美海藻合作对话 ("seaweed
dialogue"): round 1 (A, Beijing, 2030-05-10/11), round 2 (B, Washington,
2031-06-20/21) and a leaders' list (C, 2031-09-01). Facts are written by hand
in the shape ``luoshi.extract.facts`` gives them, so these tests do not depend
on the extractors. No tests here; the other link test modules import it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from luoshi.model import Document, Item, Meeting, SourceInfo

At = Callable[..., list[int]]
Facts = dict[str, Any]


def make_doc(
    sha_char: str,
    meeting: Meeting,
    items: list[tuple[int, str, str, Callable[[At], Facts]]],
    published: str | None = None,
) -> Document:
    """``items``: (number, title, body, facts(at)); ``at(sub, nth=0)`` gives the
    span of ``sub`` inside that item's body, in the document's text."""
    text = "虚构成果清单\n"
    built: list[Item] = []
    for number, title, body, facts in items:
        head = f"{number}、{title}："
        start = len(text)
        text += head + body + "\n"
        base = start + len(head)

        def at(sub: str, nth: int = 0, _body: str = body, _base: int = base) -> list[int]:
            i = -1
            for _ in range(nth + 1):
                i = _body.index(sub, i + 1)
            return [_base + i, _base + i + len(sub)]

        item = Item(
            number=number,
            label=f"{number}、",
            section=None,
            title=title,
            text=head + body,
            span=(start, len(text) - 1),
        )
        item.facts = {
            "times": [],
            "actors": [],
            "sentences": [],
            "commitments": [],
            "events": [],
            "series": [],
            "references": [],
            "quantities": [],
            "topic": None,
            **facts(at),
        }
        built.append(item)
    return Document(
        source=SourceInfo(path=f"fixture-{sha_char}.txt", sha256=sha_char * 64, format="text"),
        text=text,
        kind="outcome-list",
        published=published,
        meeting=meeting,
        items=built,
    )


def iv(start: str | None, end: str | None) -> dict[str, str | None]:
    return {"start": start, "end": end}


def series(at: At, text: str, *, nth: int = 0, **kw: Any) -> Facts:
    out: Facts = {
        "text": text,
        "span": at(text, nth),
        "id": None,
        "name": "",
        "name_en": None,
        "ordinal": None,
        "relation": None,
        "status": "unknown",
        "date": None,
        "due": None,
        "place": None,
        "anchor": None,
    }
    out.update(kw)
    return out


def commitment(at: At, clause: str, sentence: str | None = None, **kw: Any) -> Facts:
    sentence = sentence or clause
    out: Facts = {
        "text": sentence,
        "span": at(clause),
        "sentence_span": at(sentence),
        "modality": "decide",
        "parties": ["双方"],
        "side": "both",
        "action": "other",
        "object": None,
        "place": None,
        "due": None,
        "anchor": None,
    }
    out.update(kw)
    return out


def time(at: At, text: str, **kw: Any) -> Facts:
    out: Facts = {
        "text": text,
        "span": at(text),
        "start": None,
        "end": None,
        "granularity": None,
        "anchor": None,
        "kind": "point",
        "relation": "during",
    }
    out.update(kw)
    return out


def event(at: At, text: str, **kw: Any) -> Facts:
    out: Facts = {
        "text": text,
        "span": at(text),
        "what": None,
        "who": [],
        "place": None,
        "date": None,
    }
    out.update(kw)
    return out


def sentence(at: At, text: str, cls: str) -> Facts:
    return {"text": text, "span": at(text), "class": cls, "cue": None, "heading": False}


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

SEAWEED = "中美海藻合作对话"
JWG = "中美海藻联合工作组会议"
JWG_ID = "mech.fict-seaweed-jwg"
SSD = "中美海藻安全对话"
SSD_ID = "mech.fict-seaweed-ssd"
LIGHT = "中美灯塔事务磋商"
LIGHT_ID = "mech.fict-lighthouse"
SPORT_NEW = "中美残疾人事务体育协调会"


def doc_a() -> Document:
    """Round 1, Beijing, 10–11 May 2030."""

    def jwg(at: At) -> Facts:
        s1 = "双方于2030年5月9日举行了第三次中美海藻联合工作组会议。"
        s2 = "决定于2030年秋季在青岛举行第四次中美海藻联合工作组会议。"
        return {
            "series": [
                series(
                    at,
                    "第三次中美海藻联合工作组会议",
                    id=JWG_ID,
                    name=JWG,
                    ordinal=3,
                    status="held",
                    date=iv("2030-05-09", "2030-05-09"),
                ),
                series(
                    at,
                    "第四次中美海藻联合工作组会议",
                    id=JWG_ID,
                    name=JWG,
                    ordinal=4,
                    status="planned",
                    due=iv("2030-09-01", "2030-11-30"),
                    place="青岛",
                ),
            ],
            "commitments": [
                commitment(
                    at,
                    "决定于2030年秋季在青岛举行第四次中美海藻联合工作组会议",
                    s2,
                    action="hold-meeting",
                    object="第四次中美海藻联合工作组会议",
                    due=iv("2030-09-01", "2030-11-30"),
                    place="青岛",
                ),
            ],
            "sentences": [sentence(at, s1, "past-event"), sentence(at, s2, "commitment")],
        }

    def light(at: At) -> Facts:
        s1 = "决定由双方举行一次中美灯塔事务磋商。"
        s2 = "本次磋商定于2030年10月在华盛顿举行。"
        return {
            "commitments": [
                commitment(
                    at,
                    "决定由双方举行一次中美灯塔事务磋商",
                    s1,
                    action="hold-meeting",
                    object="中美灯塔事务磋商",
                ),
                commitment(
                    at,
                    "定于2030年10月在华盛顿举行",
                    s2,
                    action="hold-meeting",
                    object="本次磋",
                    due=iv("2030-10-01", "2030-10-31"),
                    place="华盛顿",
                ),
            ],
            "sentences": [sentence(at, s1, "commitment"), sentence(at, s2, "commitment")],
        }

    def ssd(at: At) -> Facts:
        s2 = "双方同意在下一轮中美海藻合作对话前夕举行下一次中美海藻安全对话。"
        return {
            "series": [
                series(
                    at,
                    "第二次中美海藻安全对话",
                    id=SSD_ID,
                    name=SSD,
                    ordinal=2,
                    status="held",
                    date=iv("2030-05-09", "2030-05-09"),
                ),
                series(
                    at,
                    "下一轮中美海藻合作对话",
                    id="series:海藻合作对话",
                    name=SEAWEED,
                    relation="next",
                    status="planned",
                ),
                series(
                    at,
                    "下一次中美海藻安全对话",
                    id=SSD_ID,
                    name=SSD,
                    relation="next",
                    status="planned",
                    anchor="下一轮中美海藻合作对话前夕",
                ),
            ],
            "times": [
                time(
                    at,
                    "下一轮中美海藻合作对话前夕",
                    granularity="eve",
                    anchor="next-round:中美海藻合作对话",
                    kind="deadline",
                    relation="before",
                ),
            ],
            "commitments": [
                commitment(
                    at,
                    "在下一轮中美海藻合作对话前夕举行下一次中美海藻安全对话",
                    s2,
                    action="hold-meeting",
                    object="下一次中美海藻安全对话",
                    anchor="next-round:中美海藻合作对话",
                ),
            ],
        }

    def garden(at: At) -> Facts:
        return {
            "times": [
                time(
                    at,
                    "2031年6月底前",
                    start="2030-05-11",
                    end="2031-06-30",
                    kind="deadline",
                    relation="before",
                ),
            ],
            "commitments": [
                # the extractor attached no due and cut the object short: the
                # deadline is recovered from the time expression in the clause
                commitment(
                    at,
                    "计划于2031年6月底前力争实现中美植物园开工建设",
                    action="launch-establish",
                    object="建设",
                ),
            ],
        }

    def coop(at: At) -> Facts:
        return {
            "commitments": [
                commitment(
                    at,
                    "双方将继续开展海藻养殖技术交流合作",
                    action="continue-cooperation",
                    object="海藻养殖技术交流合作",
                ),
            ],
        }

    def mou(at: At) -> Facts:
        return {
            "commitments": [
                commitment(
                    at,
                    "决定年内签署《海藻养殖合作谅解备忘录》",
                    action="sign-document",
                    object="《海藻养殖合作谅解备忘录》",
                    due=iv(None, "2030-12-31"),
                ),
            ],
            "references": [
                {
                    "text": "《海藻养殖合作谅解备忘录》",
                    "span": at("《海藻养殖合作谅解备忘录》"),
                    "kind": "document",
                    "title": "海藻养殖合作谅解备忘录",
                    "id": None,
                },
            ],
        }

    def sport(at: At) -> Facts:
        return {
            "commitments": [
                commitment(
                    at,
                    "决定于2030年12月或2031年1月在华盛顿举行一次中美残障人士体育协调会议",
                    action="hold-meeting",
                    object="中美残障人士体育协调会议",
                    due=iv("2030-12-01", "2031-01-31"),
                    place="华盛顿",
                ),
            ],
        }

    def lonely(at: At) -> Facts:
        return {
            "commitments": [
                commitment(
                    at,
                    "决定于2030年8月在天津举办一次海藻标本展览",
                    action="hold-meeting",
                    object="海藻标本展览",
                    due=iv("2030-08-01", "2030-08-31"),
                ),
                commitment(at, "双方愿研究海藻命名规则", action="other", object="海藻命名规则"),
            ],
        }

    return make_doc(
        "a",
        Meeting(
            mechanism=SEAWEED,
            track=None,
            round=1,
            start="2030-05-10",
            end="2030-05-11",
            venue="北京",
        ),
        [
            (
                1,
                "海藻工作组",
                "双方于2030年5月9日举行了第三次中美海藻联合工作组会议。"
                "决定于2030年秋季在青岛举行第四次中美海藻联合工作组会议。",
                jwg,
            ),
            (
                2,
                "灯塔磋商",
                "决定由双方举行一次中美灯塔事务磋商。本次磋商定于2030年10月在华盛顿举行。",
                light,
            ),
            (
                3,
                "安全对话",
                "2030年5月9日，双方举行了第二次中美海藻安全对话。"
                "双方同意在下一轮中美海藻合作对话前夕举行下一次中美海藻安全对话。",
                ssd,
            ),
            (4, "植物园", "计划于2031年6月底前力争实现中美植物园开工建设。", garden),
            (5, "养殖交流", "双方将继续开展海藻养殖技术交流合作。", coop),
            (6, "备忘录", "决定年内签署《海藻养殖合作谅解备忘录》。", mou),
            (
                7,
                "残障人士体育",
                "决定于2030年12月或2031年1月在华盛顿举行一次中美残障人士体育协调会议。",
                sport,
            ),
            (
                8,
                "其他",
                "决定于2030年8月在天津举办一次海藻标本展览。双方愿研究海藻命名规则。",
                lonely,
            ),
        ],
    )


def doc_b() -> Document:
    """Round 2, Washington, 20–21 June 2031."""

    def jwg(at: At) -> Facts:
        s1 = "根据第四次中美海藻联合工作组会议讨论情况，双方将保持沟通。"
        s2 = "决定于2032年春季在华盛顿举行第五次中美海藻联合工作组会议。"
        return {
            "series": [
                series(
                    at,
                    "第四次中美海藻联合工作组会议",
                    id=JWG_ID,
                    name=JWG,
                    ordinal=4,
                    status="held",
                ),
                series(
                    at,
                    "第五次中美海藻联合工作组会议",
                    id=JWG_ID,
                    name=JWG,
                    ordinal=5,
                    status="planned",
                    due=iv("2032-03-01", "2032-05-31"),
                    place="华盛顿",
                ),
            ],
            "commitments": [
                commitment(
                    at,
                    "决定于2032年春季在华盛顿举行第五次中美海藻联合工作组会议",
                    s2,
                    action="hold-meeting",
                    object="第五次中美海藻联合工作组会议",
                    due=iv("2032-03-01", "2032-05-31"),
                    place="华盛顿",
                ),
            ],
            "sentences": [sentence(at, s1, "past-event"), sentence(at, s2, "commitment")],
        }

    def light(at: At) -> Facts:
        return {
            "series": [
                series(
                    at,
                    "第二次中美灯塔事务磋商",
                    id=LIGHT_ID,
                    name=LIGHT,
                    ordinal=2,
                    status="planned",
                    due=iv("2031-10-01", "2031-10-31"),
                    place="北京",
                ),
            ],
            "commitments": [
                commitment(
                    at,
                    "决定于2031年10月在北京举行第二次中美灯塔事务磋商",
                    action="hold-meeting",
                    object="第二次中美灯塔事务磋商",
                    due=iv("2031-10-01", "2031-10-31"),
                    place="北京",
                ),
            ],
        }

    def ssd(at: At) -> Facts:
        s1 = "2031年6月20日，双方举行了第三次中美海藻安全对话。"
        return {
            "series": [
                series(
                    at,
                    "第三次中美海藻安全对话",
                    id=SSD_ID,
                    name=SSD,
                    ordinal=3,
                    status="held",
                    date=iv("2031-06-20", "2031-06-20"),
                ),
            ],
            "events": [
                event(at, s1, what="第三次中美海藻安全对话", date=iv("2031-06-20", "2031-06-20")),
            ],
            "sentences": [sentence(at, s1, "past-event")],
        }

    def garden(at: At) -> Facts:
        return {
            "commitments": [
                commitment(
                    at,
                    "决定力争于2031年10月30日前实现中美植物园项目开工建设",
                    action="launch-establish",
                    object="建设",
                    due=iv(None, "2031-10-30"),
                ),
            ],
        }

    def sport(at: At) -> Facts:
        s1 = "双方于2031年4月14日至15日在华盛顿召开首届中美残疾人事务体育协调会。"
        return {
            "series": [
                series(
                    at,
                    "首届中美残疾人事务体育协调会",
                    id="series:残疾人事务体育协调会",
                    name=SPORT_NEW,
                    ordinal=1,
                    status="held",
                    date=iv("2031-04-14", "2031-04-15"),
                    place="华盛顿",
                ),
            ],
            "sentences": [sentence(at, s1, "past-event")],
        }

    def mou(at: At) -> Facts:
        s1 = "双方于2030年11月签署了《海藻养殖合作谅解备忘录》。"
        return {
            "events": [
                event(
                    at, s1, what="《海藻养殖合作谅解备忘录》", date=iv("2030-11-01", "2030-11-30")
                )
            ],
            "sentences": [sentence(at, s1, "past-event")],
            "references": [
                {
                    "text": "《海藻养殖合作谅解备忘录》",
                    "span": at("《海藻养殖合作谅解备忘录》"),
                    "kind": "document",
                    "title": "海藻养殖合作谅解备忘录",
                    "id": None,
                },
            ],
        }

    def coop(at: At) -> Facts:
        s1 = "双方开展了海藻养殖技术交流合作，举办了三期培训。"
        return {
            "events": [event(at, s1, what="海藻养殖技术交流合作")],
            "sentences": [sentence(at, s1, "past-event")],
        }

    return make_doc(
        "b",
        Meeting(
            mechanism=SEAWEED,
            track=None,
            round=2,
            start="2031-06-20",
            end="2031-06-21",
            venue="华盛顿",
        ),
        [
            (
                1,
                "海藻工作组",
                "根据第四次中美海藻联合工作组会议讨论情况，双方将保持沟通。"
                "决定于2032年春季在华盛顿举行第五次中美海藻联合工作组会议。",
                jwg,
            ),
            (2, "灯塔磋商", "决定于2031年10月在北京举行第二次中美灯塔事务磋商。", light),
            (3, "安全对话", "2031年6月20日，双方举行了第三次中美海藻安全对话。", ssd),
            (4, "植物园", "决定力争于2031年10月30日前实现中美植物园项目开工建设。", garden),
            (
                5,
                "体育协调会",
                "双方于2031年4月14日至15日在华盛顿召开首届中美残疾人事务体育协调会。",
                sport,
            ),
            (6, "备忘录", "双方于2030年11月签署了《海藻养殖合作谅解备忘录》。", mou),
            (7, "养殖交流", "双方开展了海藻养殖技术交流合作，举办了三期培训。", coop),
        ],
    )


def doc_c() -> Document:
    """A leaders' list of 1 September 2031: restates the 5th JWG for the summer."""

    def jwg(at: At) -> Facts:
        return {
            "series": [
                series(
                    at,
                    "第五次中美海藻联合工作组会议",
                    id=JWG_ID,
                    name=JWG,
                    ordinal=5,
                    status="planned",
                    due=iv("2032-06-01", "2032-08-31"),
                    place="华盛顿",
                ),
            ],
            "commitments": [
                commitment(
                    at,
                    "同意于2032年夏季在华盛顿举行第五次中美海藻联合工作组会议",
                    action="hold-meeting",
                    object="第五次中美海藻联合工作组会议",
                    due=iv("2032-06-01", "2032-08-31"),
                    place="华盛顿",
                ),
            ],
        }

    def garden(at: At) -> Facts:
        return {
            "commitments": [
                commitment(
                    at,
                    "决定努力保证在2031年10月30日前开工建设中美植物园",
                    action="launch-establish",
                    object="建设中美植物园",
                    due=iv(None, "2031-10-30"),
                ),
            ],
        }

    return make_doc(
        "c",
        Meeting(mechanism="中美元首会晤", start="2031-09-01", end="2031-09-01", venue="杭州"),
        [
            (1, "海藻工作组", "同意于2032年夏季在华盛顿举行第五次中美海藻联合工作组会议。", jwg),
            (2, "植物园", "决定努力保证在2031年10月30日前开工建设中美植物园。", garden),
        ],
    )


def corpus() -> list[Document]:
    # deliberately out of date order: the link modules must sort
    return [doc_c(), doc_a(), doc_b()]
