"""Copies of one document: recognised, grouped and merged (fictional 虚构 documents)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_threads_fixtures import (
    Spec,
    antarctic,
    cite_ok,
    garden,
    make_doc,
    seaweed,
    validation,
)

import luoshi.link.copies as copies_mod
from luoshi.link.copies import compare, group_copies, merge_copies
from luoshi.model import Defect, Document

TITLE = "第二轮中美海藻合作对话成果清单（虚构）"


def round2(tag: str, **kw: object) -> Document:
    return make_doc(tag, seaweed(2, "2031-06-20"), [
        validation(1, 185),
        garden(2, "2031-10-30", "2031年10月30日前"),
        antarctic(3),
    ], title=TITLE, **kw)  # type: ignore[arg-type]


def test_same_meeting_and_items_make_copies() -> None:
    a, b = round2("a"), round2("b")
    m = compare(a, b)
    assert m.is_copy and m.same_meeting and m.same_title and m.overlap == 1.0


def test_another_round_is_not_a_copy_however_alike() -> None:
    a = round2("a")
    later = make_doc("r3", seaweed(3, "2032-06-08"), [
        validation(1, 185), garden(2, "2031-10-30", "2031年10月30日前"), antarctic(3)])
    m = compare(a, later)
    assert m.overlap == 1.0 and not m.is_copy


def test_a_copy_without_meeting_or_title_needs_near_complete_overlap() -> None:
    a = round2("a")
    bare = make_doc("bare", seaweed(None, None, mechanism=None), [  # type: ignore[arg-type]
        validation(1, 185), garden(2, "2031-10-30", "2031年10月30日前"), antarctic(3)],
        title="转载")
    assert compare(a, bare).is_copy
    half = make_doc("half", seaweed(None, None, mechanism=None), [  # type: ignore[arg-type]
        validation(1, 185), Spec(2, "别的事项", "双方决定另行商定。")], title="转载")
    assert not compare(a, half).is_copy


def _count_comparisons(
        monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Record every pair grouping decides, as (path, path); fill the returned
    sha256 → path table with the documents before grouping."""
    calls: list[tuple[str, str]] = []
    paths: dict[str, str] = {}
    real = copies_mod._copies

    def counting(x: copies_mod.CopyView, y: copies_mod.CopyView, *rest: object) -> bool:
        calls.append((paths[x.sha256], paths[y.sha256]))
        return real(x, y, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(copies_mod, "_copies", counting)
    return calls, paths


def test_group_copies_compares_only_documents_sharing_a_key(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls, paths = _count_comparisons(monkeypatch)
    docs = [make_doc(f"r{k}", seaweed(k, f"{2030 + k}-05-10"), [antarctic(1)],
                     title=f"第{k}轮（虚构）") for k in range(1, 8)]
    docs.insert(3, round2("x"))
    docs.append(round2("y"))
    paths.update({d.source.sha256: d.source.path for d in docs})
    groups = group_copies(docs)
    assert [len(g) for g in groups] == [1, 1, 1, 2, 1, 1, 1, 1]
    assert {d.source.path for d in groups[3]} == {"fixtures/x.txt", "fixtures/y.txt"}
    # round 2 of the seven shares a day/round with x and y; nothing else is compared
    assert len(calls) <= 3


def _mixed() -> list[Document]:
    """Copies and near-copies of every kind the decision distinguishes: same
    meeting, same title only, neither (then language and a conflicting round
    decide), another round with the same items, a cut copy, an English one."""
    items = [validation(1, 185), garden(2, "2031-10-30", "2031年10月30日前"), antarctic(3)]
    return [
        round2("a"),
        round2("b"),
        make_doc("r3", seaweed(3, "2032-06-08"), items, title=TITLE),
        make_doc("bare", seaweed(None, None, mechanism=None), items,  # type: ignore[arg-type]
                 title="转载"),
        make_doc("half", seaweed(None, None, mechanism=None),  # type: ignore[arg-type]
                 [validation(1, 185), Spec(2, "别的事项", "双方决定另行商定。")], title="转载"),
        make_doc("cut", seaweed(2, "2031-06-20"), items[:2], title=TITLE),
        make_doc("r4", seaweed(4, "2033-06-08"), items, title="另一标题（虚构）"),
        english(),
        make_doc("empty", seaweed(2, "2031-06-20"), [], title=TITLE),
    ]


def test_grouping_decides_every_pair_as_compare_does() -> None:
    docs = _mixed()
    views = [copies_mod.CopyView.of(d) for d in docs]
    memo: dict[tuple[str, str], float] = {}
    rules = copies_mod.rules().copies
    verdicts = set()
    for i, a in enumerate(docs):
        for j, b in enumerate(docs):
            if i != j:
                want = compare(a, b).is_copy
                assert copies_mod._copies(views[i], views[j], rules, memo) == want, (i, j)
                verdicts.add(want)
    assert verdicts == {True, False}
    assert memo  # text similarities were kept for later pairs


def test_grouping_aligns_nothing_when_meeting_and_title_decide(
        monkeypatch: pytest.MonkeyPatch) -> None:
    aligned: list[int] = []
    real = copies_mod.align

    def counting(*args: object) -> object:
        aligned.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(copies_mod, "align", counting)
    items = [validation(1, 185), antarctic(3)]
    # all name round 2 (so all are compared), each another day and title:
    # the same items, but the meetings conflict and no title is shared
    docs = [make_doc(f"r{k}", seaweed(2, f"{2030 + k}-05-10"), items, title=f"版本{k}（虚构）")
            for k in range(1, 5)]
    assert [len(g) for g in group_copies(docs)] == [1] * 4
    assert aligned == []
    # one title does not make two rounds' days one meeting: still nothing aligned
    for d in docs:
        d.title = docs[0].title
    assert [len(g) for g in group_copies(docs)] == [1] * 4
    assert aligned == []
    # a copy naming no day conflicts with none: its items decide
    undated = make_doc("undated", seaweed(2, None), items, title=docs[0].title)  # type: ignore[arg-type]
    assert [len(g) for g in group_copies([*docs, undated])] == [2, 1, 1, 1]
    assert aligned


def test_successive_rounds_under_one_title_are_never_copies() -> None:
    items = [validation(1, 185), garden(2, "2031-10-30", "2031年10月30日前"), antarctic(3)]
    r2 = make_doc("r2", seaweed(2, "2031-06-20"), items, title="中美海藻合作对话成果清单（虚构）")
    r3 = make_doc("r3", seaweed(3, "2032-06-08"), items, title=r2.title)
    m = compare(r2, r3)
    assert m.same_title and m.overlap == 1.0 and not m.is_copy


def test_a_large_block_pairs_only_documents_whose_meetings_agree(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Forty documents under one title, from eight days: only documents of one
    day (or naming none) are compared, not all 780 pairs of the block."""
    calls, paths = _count_comparisons(monkeypatch)
    title = "中美海藻合作对话成果清单（虚构）"
    days = [f"{2030 + k}-05-10" for k in range(8)]
    # five documents per day, without items: never copies of each other
    docs = [make_doc(f"d{k}-{n}", seaweed(None, day), [], title=title)  # type: ignore[arg-type]
            for k, day in enumerate(days) for n in range(5)]
    docs.append(make_doc("undated", seaweed(None, None, mechanism=None), [antarctic(1)],  # type: ignore[arg-type]
                         title=title))
    paths.update({d.source.sha256: d.source.path for d in docs})
    groups = group_copies(docs)
    assert len(groups) == len(docs)
    compared = {frozenset(c) for c in calls}
    assert len(compared) == len(calls)  # no pair twice
    # ten pairs within each day, and the undated one with every other
    assert len(calls) == 8 * 10 + 40
    for a, b in calls:
        if "undated" not in a + b:
            assert a.split("-")[0] == b.split("-")[0]


def test_merge_keeps_the_full_text_of_a_cut_item() -> None:
    full = round2("full")
    cut_spec = validation(1, 185)
    cut_spec.body = cut_spec.body[:20]
    cut_spec.commitments = []
    cut_spec.quantities = []
    cut = make_doc("cut", seaweed(2, "2031-06-20"), [
        cut_spec, garden(2, "2031-10-30", "2031年10月30日前"), antarctic(3)], title=TITLE)
    merged = merge_copies([cut, full])
    first = merged.items[0]
    assert first.chosen.doc is full
    roles = {v.ref.doc.source.path: v.role for v in first.variants}
    assert roles == {"fixtures/full.txt": "chosen", "fixtures/cut.txt": "shorter"}
    assert merged.conflicts == []


def test_a_truncated_item_defect_makes_a_copy_lose() -> None:
    a = round2("a")
    # item 2 breaks off and goes on with words of item 3 (a page glued on wrongly)
    glued = garden(2, "2031-10-30", "2031年10月30日前")
    glued.body = glued.body[:16] + "共享冰川观测数据。"
    glued.commitments, glued.times = [], []
    flagged = make_doc("flagged", seaweed(2, "2031-06-20"), [
        validation(1, 185), glued, antarctic(3)], title=TITLE)
    item = flagged.items[1]
    flagged.defects.append(Defect("truncated-item", "item 2 breaks off",
                                  (item.span[0] + 16, item.span[0] + 18)))
    # the flagged copy comes first and would otherwise be primary (same rank)
    merged = merge_copies([flagged, a])
    assert merged.items[1].chosen.doc is a
    assert {v.role for v in merged.items[1].variants} == {"chosen", "truncated"}


def test_differing_text_is_a_conflict_but_punctuation_is_not() -> None:
    a = round2("a")
    b = make_doc("b", seaweed(2, "2031-06-20"), [
        validation(1, 186),  # a different figure
        garden(2, "2031-10-30", "2031年10月30日前"),
        antarctic(3),
    ], title=TITLE)
    b.items[2].normalized = b.items[2].normalized.replace("，", ",")
    merged = merge_copies([a, b])
    (conflict,) = merged.conflicts
    assert conflict["kind"] == "text" and conflict["item"] == 1
    assert conflict["chosen"]["doc"] == a.source.sha256
    assert conflict["other"]["doc"] == b.source.sha256
    (change,) = conflict["changes"]
    assert (change["from"]["text"], change["to"]["text"]) == ("5", "6")
    assert cite_ok(a, change["from"]) and cite_ok(b, change["to"])


def test_every_copy_is_kept_as_provenance() -> None:
    a, b = round2("a"), round2("b", script="Hant")
    merged = merge_copies([b, a])
    assert merged.id == a.source.sha256  # Simplified preferred as primary on a tie
    prov = merged.provenance()
    assert [(p["doc"], p["role"]) for p in prov] == [(a.source.sha256, "primary"),
                                                      (b.source.sha256, "copy")]
    assert all(p["path"] for p in prov)
    for item in merged.items:
        assert {v.ref.doc.source.sha256 for v in item.variants} == {a.source.sha256,
                                                                   b.source.sha256}
    json.dumps(merged.to_dict(), ensure_ascii=False)


def english() -> Document:
    """An English version of round 2: other words, same numbers, dates and ids."""
    return make_doc("en", seaweed(2, "2031-06-20", mechanism=None), [
        Spec(1, "Customs Cooperation",
             "Customs of China and U.S. CBP have conducted 185 joint validations in China.",
             actors=[("Customs of China", "cn.gac"), ("U.S. CBP", "us.dhs.cbp")],
             quantities=[("185 joint validations", 185, "次", "joint validations")]),
        Spec(2, "Seaweed Garden", "The two sides decided to start construction of the "
             "Seaweed Garden by October 30, 2031.",
             actors=[("Seaweed Garden", "place.seaweed-garden")],
             times=[("by October 30, 2031", None, "2031-10-30", "deadline")]),
        Spec(3, "Antarctic Research", "The two sides decided to strengthen cooperation "
             "in Antarctic research.", section="二"),
    ], title="Second Round of the U.S.-China Seaweed Dialogue (fictional)",
        language="en", script="Latn")


def test_english_and_chinese_versions_align_by_numbers_dates_and_ids() -> None:
    zh, en = round2("zh"), english()
    m = compare(zh, en)
    assert m.is_copy and m.same_meeting and not m.same_title
    assert [(i, j) for i, j, _ in m.aligned] == [(0, 0), (1, 1), (2, 2)]
    merged = merge_copies([en, zh])
    assert merged.language == "zh" and merged.id == zh.source.sha256
    assert merged.meeting.mechanism == "中美海藻合作对话"
    for item in merged.items:
        assert [v.role for v in item.variants] == ["chosen", "translation"]
    assert merged.conflicts == []


def test_a_figure_differing_across_languages_is_reported() -> None:
    zh, en = round2("zh"), english()
    en.items[0].facts["quantities"][0]["value"] = 158
    merged = merge_copies([zh, en])
    (c,) = merged.conflicts
    assert c["kind"] == "figures" and c["item"] == 1


def test_cross_language_alignment_survives_renumbering() -> None:
    zh = round2("zh")
    en = english()
    for it in en.items:  # the English list numbers from 11
        it.number = (it.number or 0) + 10
    m = compare(zh, en)
    assert [(i, j) for i, j, _ in m.aligned][:2] == [(0, 0), (1, 1)]


def test_a_different_item_under_the_same_number_is_reported() -> None:
    a = round2("a")
    b = make_doc("b", seaweed(2, "2031-06-20"), [
        validation(1, 185),
        Spec(2, "渔业执法", "双方决定加强公海流网渔业联合执法。"),  # not the garden at all
        antarctic(3),
    ], title=TITLE)
    merged = merge_copies([a, b])
    assert len(merged.items) == 4  # both items 2 are kept
    (c,) = merged.conflicts
    assert c["kind"] == "item" and c["item"] == 2
    assert (c["chosen"]["doc"], c["other"]["doc"]) == (a.source.sha256, b.source.sha256)


def test_grouping_needs_no_sketch_kept_for_long(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sketches are remade once dropped: keeping one document's gives the same sets."""
    docs = [*_mixed(), round2("c"), round2("d")]
    want = [[d.source.path for d in g] for g in group_copies(docs)]
    real = copies_mod._Sketches
    made: list[int] = []

    class Tiny(real):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__(keep=1)

        def __call__(self, view: copies_mod.CopyView) -> list:  # type: ignore[type-arg]
            made.append(len(self.held))
            return super().__call__(view)

    monkeypatch.setattr(copies_mod, "_Sketches", Tiny)
    assert [[d.source.path for d in g] for g in group_copies(docs)] == want
    assert made and max(made) <= 1


@given(st.sets(st.text(alphabet="双方决定", max_size=6), max_size=12))
def test_proper_prefixes_are_found_as_by_comparing_every_two(texts: set[str]) -> None:
    want = {t for t in texts if any(len(u) > len(t) and u.startswith(t) for u in texts)}
    assert copies_mod._proper_prefixes(texts) == want
