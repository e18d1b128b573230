"""Thread linking on fictional (虚构) documents built in memory."""

from __future__ import annotations

import json
import random

from test_threads_fixtures import (
    KELP_2,
    LEADERS,
    Spec,
    antarctic,
    garden,
    kelp_meeting,
    make_doc,
    seaweed,
    three_rounds,
    validation,
)

from luoshi.link.chains import Chains
from luoshi.link.config import rules
from luoshi.link.threads import ThreadSet, link_threads
from luoshi.model import Document, Meeting


def titles(ts: ThreadSet) -> list[list[tuple[str, int | None]]]:
    return [[(r.doc.source.path, r.item.number) for r in t.items] for t in ts.threads]


def thread_with(ts: ThreadSet, doc: Document, number: int) -> list[tuple[str, int | None]]:
    t = ts.thread_of(doc.source.sha256, number)
    assert t is not None, f"no thread holds {doc.source.path} item {number}"
    return [(r.doc.source.path, r.item.number) for r in t.items]


def test_matters_are_threaded_across_renumbering_and_renamed_headings() -> None:
    r1, r2, r3 = three_rounds()
    ts = link_threads([r1, r2, r3])
    # renumbered: validation is item 1, 4, 2; the kelp meeting changes its heading
    assert thread_with(ts, r1, 1) == [(r1.source.path, 1), (r2.source.path, 4),
                                      (r3.source.path, 2)]
    assert thread_with(ts, r1, 2) == [(r1.source.path, 2), (r2.source.path, 1),
                                      (r3.source.path, 4)]
    assert thread_with(ts, r1, 3) == [(r1.source.path, 3), (r2.source.path, 3),
                                      (r3.source.path, 3)]
    assert thread_with(ts, r1, 4) == [(r1.source.path, 4), (r2.source.path, 2),
                                      (r3.source.path, 1)]
    assert len(ts.threads) == 4


def test_every_link_reports_its_score_and_signals() -> None:
    ts = link_threads(three_rounds())
    min_adjacent = rules().threads.min_adjacent
    for t in ts.threads:
        assert len(t.links) == len(t.items) - 1
        for lk in t.links:
            assert lk.score >= min_adjacent
            assert {"title", "text"} & lk.signals.keys()
            assert all(0.0 <= v <= 1.0 for v in lk.signals.values())
    renamed = ts.thread_of(three_rounds()[0].source.sha256, 2)
    assert renamed is not None
    first = renamed.links[0]
    # the heading changed, the series and the mechanism carried the link
    assert first.signals["series"] == 1.0
    assert first.shared["series"] == ["mech.kelp"]
    json.dumps(ts.to_dict(with_diffs=True), ensure_ascii=False)


def test_no_thread_holds_two_items_of_one_document() -> None:
    # two near-identical items in round 2 compete for one predecessor
    r1 = make_doc("d1", seaweed(1, "2030-05-10"), [validation(1, 120)])
    r2 = make_doc("d2", seaweed(2, "2031-06-20"), [validation(1, 150), validation(2, 150)])
    r3 = make_doc("d3", seaweed(3, "2032-06-08"), [validation(1, 180)])
    ts = link_threads([r1, r2, r3])
    for t in ts.threads:
        units = [r.unit for r in t.items]
        assert len(units) == len(set(units))
    assert len(thread_with(ts, r1, 1)) == 3


def test_unrelated_items_are_not_linked() -> None:
    r1, r2, r3 = three_rounds()
    ts = link_threads([r1, r2, r3])
    garden_thread = ts.thread_of(r1.source.sha256, 3)
    assert garden_thread is not None
    assert all(r.item.title == "海藻园" for r in garden_thread.items)


def test_links_run_forward_in_time_whatever_the_input_order() -> None:
    docs = three_rounds()
    expected = link_threads(docs)
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    got = link_threads(shuffled)
    assert titles(got) == titles(expected)
    assert [t.id for t in got.threads] == [t.id for t in expected.threads]
    for t in got.threads:
        dates = [next(d for d in docs if d.source.sha256 == r.unit).meeting.start
                 for r in t.items]
        assert dates == sorted(dates)


def test_other_mechanisms_stay_apart_but_a_family_member_continues() -> None:
    r1, _, _ = three_rounds()
    other = make_doc("o", Meeting(mechanism="中美虚构旅游对话", round=2, start="2031-08-01",
                                  end="2031-08-01"), [validation(1, 150)])
    ts = link_threads([r1, other])
    assert ts.thread_of(other.source.sha256, 1) is None
    # two S&ED-family mechanisms: a leaders' list continues a dialogue's thread
    sed = Meeting(mechanism="中美战略与经济对话", round=6, start="2030-05-10", end="2030-05-11")
    dialogue = make_doc("s6", sed, [validation(1, 120)])
    leaders = make_doc("l", Meeting(mechanism=LEADERS, start="2030-09-03", end="2030-09-03"),
                       [validation(7, 130)])
    ts = link_threads([leaders, dialogue])
    assert thread_with(ts, dialogue, 1) == [(dialogue.source.path, 1), (leaders.source.path, 7)]


def test_documents_of_the_same_day_are_not_linked() -> None:
    # two tracks of one round: same meeting day, different documents
    a = make_doc("ta", seaweed(1, "2030-05-10", track="战略对话"), [validation(1, 120)])
    b = make_doc("tb", seaweed(1, "2030-05-10", track="经济对话"), [validation(1, 120)])
    assert link_threads([a, b]).threads == []


def test_copies_are_merged_before_linking() -> None:
    r1, r2, r3 = three_rounds()
    # a second copy of round 2, identical items (e.g. the same list from another site)
    again = make_doc("r2-copy", r2.meeting, [
        kelp_meeting(1, "海带养殖权益", 2, "2031年11月", "2031-11-30", *KELP_2),
        antarctic(2),
        garden(3, "2031-10-30", "2031年10月30日前"),
        validation(4, 185, "海关C-TPAT联合验证和AEO互认合作"),
    ], title=r2.title)
    ts = link_threads([r1, r2, again, r3])
    assert ts.stats["documents"] == 3
    for t in ts.threads:
        assert len(t.items) == 3


def test_candidates_come_from_the_index_not_from_all_pairs() -> None:
    rng = random.Random(5)
    docs = []
    for r in range(30):
        specs = [validation(1, 100 + r)]
        for k in range(20):
            # distinct fictional matters: each heading and body its own
            word = "".join(rng.choice("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉") for _ in range(4))
            specs.append(Spec(k + 2, f"{word}合作", f"双方决定推进{word}领域的{k}号项目。"))
        docs.append(make_doc(f"big{r}", seaweed(r + 1, f"{2000 + r}-05-10"), specs))
    ts = link_threads(docs)
    items = ts.stats["items"]
    all_pairs = items * (items - 1) // 2
    assert ts.stats["candidate_pairs"] <= items * rules().threads.max_candidates
    assert ts.stats["candidate_pairs"] < all_pairs / 20
    # the recurring matter is still one thread through all 30 rounds
    assert len(thread_with(ts, docs[0], 1)) == 30


def test_chains_refuse_to_zip_two_matters_through_one_weak_link() -> None:
    # items 0,2,4 are matter A (documents a0,a1,a2), 1,3,5 matter B (b0,b1,b2),
    # alternating in time; only the pair (0, 1) is plausible as neighbours
    units = ["a0", "b0", "a1", "b1", "a2", "b2"]
    plausible = {(0, 2), (2, 4), (1, 3), (3, 5), (0, 1)}
    chains = Chains(lambda i: units[i], lambda x, y: (x, y) in plausible)
    assert chains.join(0, 2) and chains.join(2, 4)
    assert chains.join(1, 3) and chains.join(3, 5)
    assert not chains.join(0, 1)  # would make 1–2, 2–3, 3–4 … neighbours
    assert chains.chains() == [[0, 2, 4], [1, 3, 5]]


def test_chains_let_an_item_fill_a_gap() -> None:
    units = ["r6", "r7", "r8"]
    chains = Chains(lambda i: units[i], lambda x, y: True)
    assert chains.join(0, 2)  # a skip link first (round 6 → round 8) …
    assert chains.join(1, 2)  # … then round 7 slots in between
    assert chains.chains() == [[0, 1, 2]]


def test_an_undated_round_takes_its_place_by_round_number() -> None:
    r1, r2, r3 = three_rounds()
    r2.meeting.start = r2.meeting.end = None  # a list that does not say when it was held
    ts = link_threads([r3, r2, r1])
    assert thread_with(ts, r1, 3) == [(r1.source.path, 3), (r2.source.path, 3),
                                      (r3.source.path, 3)]
