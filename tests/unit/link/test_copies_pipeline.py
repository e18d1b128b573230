"""Copies through the real pipeline, on the repository's fictional samples (虚构):
an English and a Chinese version of one round, and the next round."""

from __future__ import annotations

from pathlib import Path

from luoshi.link.copies import compare, group_copies, merge_copies
from luoshi.pipeline import parse

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def test_english_and_chinese_lists_of_one_round_are_copies() -> None:
    en = parse(SAMPLES / "round1-en.md")
    zh = parse(SAMPLES / "round1-zh.txt")
    nxt = parse(SAMPLES / "round2-zh.txt")
    m = compare(en, zh)
    assert m.is_copy and m.same_meeting
    assert [(i, j) for i, j, _ in m.aligned] == [(k, k) for k in range(5)]
    assert not compare(zh, nxt).is_copy
    groups = group_copies([en, nxt, zh])
    assert [[d.source.path for d in g] for g in groups] == [
        [str(SAMPLES / "round1-en.md"), str(SAMPLES / "round1-zh.txt")],
        [str(SAMPLES / "round2-zh.txt")],
    ]
    merged = merge_copies([en, zh])
    assert merged.language == "zh"
    assert [it.chosen.doc for it in merged.items] == [zh] * 5
    assert all([v.role for v in it.variants] == ["chosen", "translation"]
               for it in merged.items)
    assert merged.conflicts == []
