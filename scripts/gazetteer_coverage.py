"""How much of a corpus the gazetteer covers: lists agency-, UN-, organisation- and
mechanism-like spans that no gazetteer entry resolves.

    .venv/bin/python scripts/gazetteer_coverage.py                 # the seeds
    .venv/bin/python scripts/gazetteer_coverage.py some/dir a.txt  # other documents
    .venv/bin/python scripts/gazetteer_coverage.py -v              # also list resolved spans

Exit status 1 when an agency-like span (中国…部/局/署/委员会/中心/协会, 美国…部/局/署/
办公室/委员会, 联合国…) is unresolved, so the check can run in CI. Organisation- and
mechanism-like spans (…组织, …对话/磋商/联委会/工作组/论坛/会议) are noisier (举行磋商 is a
verb phrase) and are reported for review only; GENERIC lists heads known to be generic.

A span is resolved when a gazetteer mention covers its last character: 中国海关总署
is resolved by cn.gac, 美国国防部 inside 美国国防部长卡特 by us.dod, and a meeting of a
known mechanism (JLG第十三次会议) by the mechanism.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from luoshi.extract.actors import ActorMention, agency_like_spans, find_actors  # noqa: E402
from luoshi.extract.gazetteer import fold  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

_HAN = "\u3400-\u9fff"
ORG_RE = re.compile(r"组织|机构")
MECH_RE = re.compile(r"对话|磋商|联委会|工作组|工作小组|论坛|会议|协调会|峰会")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Characters and words that end a name when walking back from a suffix: 举行磋商 has
# no name, 中美防扩散联合工作组 has one.
STOP_CHARS = set("的和与及、在对将于向同是为由等了把被从以也都就并已还要让使给至或而其该各")
STOP_CHARS |= set("这那些个自经按年月日")
STOP_WORDS = _words(
    """
    举行 开展 进行 保持 加强 继续 深化 通过 直接 定期 重启 启动 召开 参加
    出席 主持 此次 这次 本次 这一 此类 经常 恢复 推进 强化 建立 利用 举办
    筹备 决定 计划 认为 期间 领域 问题 进一步 共同 双方 两国 结束 介绍 评价
    相关 有关 一致 认识 参与 开始 沟通 择期 首场 首次 准入 加深 一系列 宣布
    成立 安排 拓展 包括 记录 近期 历次 预祝 彼此 便利 两家 主办 会议
    """
)
# Ordinals and the like between a mechanism and 会议 (JLG第十三次会议): skipped, so the
# span counts as a meeting of the (resolved) mechanism before them.
ORDINAL_TAIL = re.compile(
    r"(?:第?[一二三四五六七八九十百零两\d]+[次届轮场]|首次|首届|首轮|首场|下次|下一次|下一轮|下届|下轮|本届"
    r"|年度|全体|特别|季度|联合|指导委员会|执行委员会|联合协调委员会|协调委员会|联合委员会|联合工作组|工作组)$"
)
ORDINAL_HEAD = re.compile(r"第?[一二三四五六七八九十百零两\d]+[次届轮场]|首次|首届|首轮")
# Reviewed names that are generic in context (工作组 alone, 联合工作组 of two agencies ...).
GENERIC_ORG = _words(
    """
    恐怖 非政府 国际 区域 多边 多边国际 相关 有关 金融 国际金融 商业 学术 能源
    海事 海事执法 执法 监管 专业 主管 政府 领事 外交领事 中国 国际恐怖 有
    核安全监管 交通运输主管 应急管理相关 外交及海事 地方和 中国应急管理相关 其他相关
    国际政府 研究 民间 政府间国际 中国海事执法
    """
)
GENERIC_MECH = _words(
    """
    对口 双边 多边 高层 高级别 工作层 部长级 联合 专家 年度 全体 政策 创新
    研讨 圆桌 视频 子 联合工作 工作 双边谈判 谈判 协调 联合委员会 指导委员会
    执行委员会 联合协调委员会 协调委员会 能源科学协调委员会 会间 主要 全球
    国际经济合作主要 任务 高层定期 战略 防务 机制性 行业主导的 智能电网 领导人
    协调人 不限名额 执行秘书 该 中美 季度 工作人员 联合工作组 双边政府 技术 科技
    海洋和极地 极地 发展 受援国 零排放公交车分 联合工作 实质性 实质性防务 建设性
    """
)


@dataclass(slots=True)
class Span:
    kind: str  # agency | org | mechanism
    doc: str
    start: int
    end: int
    text: str
    by: ActorMention | None


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _cover(mentions: list[ActorMention], pos: int) -> ActorMention | None:
    """The resolved mention covering character ``pos``, if any (a place counts: in
    美国华盛顿和马里兰州怀河会议中心 the "…中心" is the Wye River venue)."""
    for m in mentions:
        if m.start <= pos < m.end and m.id is not None:
            return m
    return None


def _name_before(folded: str, end: int, limit: int = 12) -> int:
    """Start of the name-like run of Han characters ending at ``end``."""
    k = end
    while k > 0 and end - k < limit:
        ch = folded[k - 1]
        if not ("\u3400" <= ch <= "\u9fff") or ch in STOP_CHARS:
            break
        if folded.endswith(STOP_WORDS, 0, k):
            break
        k -= 1
    return k


def scan(doc: str, text: str) -> list[Span]:
    mentions = find_actors(text)
    ends = {m.end: m for m in mentions if m.id is not None and m.type != "place"}
    spans: list[Span] = []
    for s, e in agency_like_spans(text):
        spans.append(Span("agency", doc, s, e, text[s:e], _cover(mentions, e - 1)))
    # find_actors offsets index the text; fold() keeps lengths, so they index folded too
    folded = fold(text)
    for kind, regex, generic in (
        ("org", ORG_RE, GENERIC_ORG),
        ("mechanism", MECH_RE, GENERIC_MECH),
    ):
        for m in regex.finditer(folded):
            by = _cover(mentions, m.end() - 1)
            p = m.start()
            while by is None:
                if p in ends and ends[p].type != "person":
                    by = ends[p]  # a meeting of a known mechanism: JLG第十三次会议
                    break
                t = ORDINAL_TAIL.search(folded, max(0, p - 8), p)
                if t is None:
                    break
                p = t.start()
            s = _name_before(folded, p)
            name = folded[s:p]
            while (lead := ORDINAL_HEAD.match(name)) and lead.end() < len(name):
                name = name[lead.end() :]
            if by is None and (not name or name in generic or len(name) < 2):
                continue
            spans.append(Span(kind, doc, s, m.end(), text[s : m.end()], by))
    return spans


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="gazetteer coverage of a corpus")
    ap.add_argument("paths", nargs="*", type=Path, help=f"files or directories (default {SEEDS})")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list resolved spans")
    args = ap.parse_args(argv)
    paths = args.paths or [SEEDS]
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    if not files:
        print(f"no documents under {', '.join(map(str, paths))}", file=sys.stderr)
        return 2

    totals: Counter[tuple[str, bool]] = Counter()
    ids: Counter[str] = Counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        for m in find_actors(text):
            ids[m.type] += 1
        for sp in scan(path.name, text):
            totals[(sp.kind, sp.by is not None)] += 1
            if sp.by is None or args.verbose:
                line, col = _line_col(text, sp.start)
                shown = sp.text.replace("\n", "⏎")
                label = f"{sp.by.id} = {sp.by.name_en}" if sp.by else "UNRESOLVED"
                print(f"{sp.kind:9} {path.name}:{line}:{col}  {shown}  -> {label}")

    print()
    print(
        f"{len(files)} documents; mentions by type: "
        + ", ".join(f"{k} {v}" for k, v in sorted(ids.items()))
    )
    for kind in ("agency", "org", "mechanism"):
        ok, bad = totals[(kind, True)], totals[(kind, False)]
        print(f"{kind:9} spans: {ok + bad:4d}   resolved {ok:4d}   unresolved {bad:4d}")
    return 1 if totals[("agency", False)] else 0


if __name__ == "__main__":
    sys.exit(main())
