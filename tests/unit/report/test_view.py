"""The view model: counts, orders, labels and citations from the plain data."""

from __future__ import annotations

from report_fixtures import make_input, rows

from luoshi.report import build_view


def test_totals_cover_every_status_in_display_order(report_input):
    v = build_view(report_input)
    assert [t.status.key for t in v.totals] == [
        "fulfilled",
        "fulfilled-late",
        "superseded",
        "overdue",
        "pending",
        "ongoing",
        "unknown",
    ]
    assert {t.status.key: t.count for t in v.totals}["overdue"] == 2
    assert v.commitments == 7
    # G20 mean over scored rows only (the unknown one has no score)
    assert v.g20_scored == 6 and v.g20_mean == "-0.17"


def test_overdue_list_is_ordered_by_deadline_and_cites_its_sentence(report_input):
    v = build_view(report_input)
    assert [r.due for r in v.overdue] == ["2031-06-01 – 2031-06-30", "2031-12-31"]
    first = v.overdue[0]
    assert (first.cite.doc.id, first.cite.item, first.cite.span) == ("dfeedc0ffee", 3, "[30, 38)")
    assert first.cite.text and "谅解备忘录" in first.cite.text
    assert [(p.zh, p.en) for p in first.parties] == [
        ("中国国家禁毒委员会", "National Narcotics Control Commission"),
        ("美国国务院", "U.S. Department of State"),
    ]


def test_rounds_are_grouped_per_mechanism_and_ordered_by_date(report_input):
    table = build_view(report_input).by_round.table
    assert [(zh, en) for zh, en, _, _ in table] == [
        ("中美示范合作对话 第1轮", "Round 1 · 2031"),
        ("中美示范合作对话 第2轮", "Round 2 · 2032"),
    ]
    assert [total for *_, total in table] == [6, 1]


def test_topics_take_codebook_labels_from_a_code_or_an_object(report_input):
    table = build_view(report_input).by_topic.table
    labels = {en.split(" ", 1)[0]: (zh, en) for zh, en, _, _ in table}
    assert labels["07.2"] == ("气候变化", "07.2 Climate change")
    assert labels["23.1"][1].startswith("23.1 Culture")
    # largest topic first
    assert table[0][3] == max(t[3] for t in table)


def test_override_keeps_the_machine_status_beside_it(report_input):
    v = build_view(report_input)
    (row,) = [r for g in v.groups for r in g.rows if r.overrides]
    assert row.status.key == "superseded" and row.machine and row.machine.key == "overdue"
    o = row.overrides[0]
    assert (o.author, o.source, o.note) == ("分析员甲", "虚构新闻稿", "第二轮重申并改期")


def test_evidence_is_cited_with_its_kind(report_input):
    v = build_view(report_input)
    (fulfilled,) = [g for g in v.groups if g.status.key == "fulfilled"]
    ev = fulfilled.rows[0].evidence[0]
    assert (ev.doc.id, ev.item, ev.span, ev.label.en) == (
        "dbadd00dbad",
        2,
        "[40, 62)",
        "meeting held",
    )


def test_timelines_sort_occurrences_by_ordinal(report_input):
    v = build_view(report_input)
    t = v.timelines[0]
    assert t.name_en == "Fictional Working Group"
    assert [o.ordinal for o in t.occurrences] == [1, 2, 3]
    assert [o.status.key for o in t.occurrences] == ["held", "held-late", "planned"]
    assert t.occurrences[1].date == "2032-04-14 – 2032-04-15"
    assert [s.label.key for s in t.occurrences[1].sources] == ["planned", "held"]
    assert t.chart is not None
    undated = v.timelines[1]
    assert undated.chart is None and undated.occurrences[0].ordinal is None


def test_a_document_missing_from_the_summaries_is_shown_by_its_id():
    data = rows()[:1]
    data[0]["doc"] = "dnot0inlist"
    v = build_view(make_input(rows=data, series=[], timelines=[]))
    assert any(d.id == "dnot0inlist" and not d.known for d in v.documents)


def test_rows_with_missing_fields_are_still_shown():
    v = build_view(make_input(rows=[{"id": "c1", "doc": "dfeedc0ffee"}], series=[], timelines=[]))
    (row,) = v.groups[0].rows
    assert (row.status.key, row.due, row.topic.key, row.parties) == ("unknown", "—", "99", ())


def test_a_status_unknown_to_the_labels_gets_its_own_group():
    v = build_view(make_input(rows=[{"id": "c1", "doc": "d", "status": "withdrawn"}]))
    assert v.groups[0].status.key == "withdrawn"
    assert v.totals[-1].status.key == "withdrawn"
