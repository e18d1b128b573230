"""diff_items on fictional (虚构) documents: what changed, each fact cited."""

from __future__ import annotations

import json
from typing import Any

from test_threads_fixtures import (
    KELP_2,
    Spec,
    cite_ok,
    garden,
    kelp_meeting,
    make_doc,
    seaweed,
    validation,
)

from luoshi.link.diff import diff_items
from luoshi.link.refs import ItemRef
from luoshi.model import Document


def ref(doc: Document, number: int) -> ItemRef:
    i = next(k for k, it in enumerate(doc.items) if it.number == number)
    return ItemRef(doc.source.sha256, doc, doc.items[i], i)


def pair(a_spec: Spec, b_spec: Spec) -> tuple[Document, Document, dict[str, Any]]:
    a = make_doc("a", seaweed(1, "2030-05-10"), [a_spec])
    b = make_doc("b", seaweed(2, "2031-06-20"), [b_spec])
    return a, b, diff_items(ref(a, a_spec.number or 0), ref(b, b_spec.number or 0))


def test_quantities_of_the_same_measure_are_compared() -> None:
    a, b, d = pair(validation(1, 317), validation(4, 387))
    (q,) = d["quantities"]
    assert (q["measure"], q["from"]["value"], q["to"]["value"], q["delta"]) == (
        "联合验证", 317, 387, 70)
    assert q["unit_changed"] is False
    assert cite_ok(a, q["from"]) and cite_ok(b, q["to"])
    assert q["from"]["item"] == 1 and q["to"]["item"] == 4
    assert q["from"]["doc"] == a.source.sha256
    assert "联合验证: 317次 → 387次" in d["summary"]


def test_a_change_of_unit_is_flagged() -> None:
    later = validation(2, 437)
    later.body = later.body.replace("437次联合验证", "联合验证了437家企业")
    later.quantities = [("437家", 437, "家", "联合验证")]
    _a, _b, d = pair(validation(1, 387), later)
    (q,) = d["quantities"]
    assert q["unit_changed"] is True and (q["from"]["unit"], q["to"]["unit"]) == ("次", "家")


def test_a_deadline_moved_is_reported_with_its_evidence() -> None:
    a, b, d = pair(garden(3, "2031-06-30", "2031年6月底前"),
                   garden(5, "2031-10-30", "2031年10月30日前"))
    (c,) = d["deadlines"]
    assert c["kind"] == "moved"
    assert (c["from"]["due"]["end"], c["to"]["due"]["end"], c["end_days"]) == (
        "2031-06-30", "2031-10-30", 122)
    assert cite_ok(a, c["from"]["evidence"]) and cite_ok(b, c["to"]["evidence"])


def test_a_deadline_the_extractor_left_unattached_is_read_from_the_clause() -> None:
    early = garden(3, "2031-06-30", "2031年6月底前")
    early.commitments[0]["due"] = None  # as the extractor sometimes leaves it
    a, _b, d = pair(early, garden(3, "2031-10-30", "2031年10月30日前"))
    (c,) = d["deadlines"]
    assert c["from"]["due"] == {"start": None, "end": "2031-06-30"}
    assert c["from"]["evidence"]["text"] == "2031年6月底前"
    assert c["from"]["evidence"]["inferred"] is True
    assert cite_ok(a, c["from"]["evidence"])


def test_unchanged_deadlines_are_not_reported() -> None:
    _a, _b, d = pair(garden(3, "2031-10-30", "2031年10月30日前"),
                     garden(3, "2031-10-30", "2031年10月30日前"))
    assert d["deadlines"] == []
    assert len(d["commitments"]["kept"]) == 1


def test_commitments_added_and_dropped() -> None:
    before = validation(1, 120)
    after = garden(1, "2031-10-30", "2031年10月30日前")
    a, b, d = pair(before, after)
    (dropped,) = d["commitments"]["dropped"]
    (added,) = d["commitments"]["added"]
    assert dropped["action"] == "continue-cooperation" and added["action"] == "launch-establish"
    assert cite_ok(a, dropped) and cite_ok(b, added)
    assert d["commitments"]["kept"] == []


def test_series_ordinals_advance() -> None:
    a, b, d = pair(kelp_meeting(2, "中美海带养殖协调会议", 1, "2030年12月", "2030-12-31"),
                   kelp_meeting(1, "海带养殖权益", 2, "2031年11月", "2031-11-30", *KELP_2))
    (s,) = d["series"]
    assert (s["id"], s["from"]["ordinal"], s["to"]["ordinal"], s["advanced_by"]) == (
        "mech.kelp", 1, 2, 1)
    assert cite_ok(a, s["from"]) and cite_ok(b, s["to"])
    assert d["title"]["changed"] is True
    assert (d["title"]["from"]["text"], d["title"]["to"]["text"]) == ("中美海带养殖协调会议",
                                                                      "海带养殖权益")


def test_a_planned_meeting_reported_held() -> None:
    planned = Spec(1, "海带会议", "决定于2030年12月召开第1届中美海带事务协调会。",
                   series=[("第1届中美海带事务协调会", "mech.kelp", 1, "planned")])
    held = Spec(1, "海带会议",
                "第1届中美海带事务协调会已于2030年12月召开。决定于2031年召开第2届协调会。",
                series=[("第1届中美海带事务协调会", "mech.kelp", 1, "held"),
                        ("第2届协调会", "mech.kelp", 2, "planned")])
    _a, b, d = pair(planned, held)
    (s,) = d["series"]
    assert s["advanced_by"] == 1
    (h,) = s["held_as_planned"]
    assert h["ordinal"] == 1 and cite_ok(b, h)


def test_wording_of_the_core_sentence_with_changed_spans() -> None:
    a, b, d = pair(garden(3, "2031-06-30", "2031年6月底前"),
                   garden(3, "2031-10-30", "2031年10月30日前"))
    w = d["wording"]
    assert w["from"]["text"].startswith("决定力争于2031年6月底前")
    assert 0.5 < w["similarity"] < 1.0
    assert w["changes"]
    for ch in w["changes"]:
        assert ch["op"] in ("replace", "insert", "delete")
        assert cite_ok(a, ch["from"]) and cite_ok(b, ch["to"])
    changed_from = "".join(ch["from"]["text"] for ch in w["changes"])
    changed_to = "".join(ch["to"]["text"] for ch in w["changes"])
    assert "6" in changed_from and "10" in changed_to and "30日" in changed_to


def test_punctuation_and_blanks_are_no_rewording() -> None:
    early = validation(1, 120)
    late = validation(1, 120)
    late.body = late.body.replace("，", ",")
    _a, _b, d = pair(early, late)
    assert d["wording"]["changes"] == []


def test_the_diff_is_json_ready() -> None:
    _a, _b, d = pair(kelp_meeting(2, "中美海带养殖协调会议", 1, "2030年12月", "2030-12-31"),
                     kelp_meeting(1, "海带养殖权益", 2, "2031年11月", "2031-11-30", *KELP_2))
    again = json.loads(json.dumps(d, ensure_ascii=False))
    assert again == d
    assert d["from"]["doc"] != d["to"]["doc"]
