"""Search behaviour on the fictional ledger, the same on SQLite and PostgreSQL.

Every test runs on both backends (``filled`` is parametrised); expectations are
written once, so passing on both means identical results.
"""

from __future__ import annotations

import pytest
from search_fixtures import ENGLISH, LONG_ITEM, SIMP_V2, TRAD, Filled

from luoshi.search import QueryError, SearchResult, search


def run(filled: Filled, q: str, **kw: object) -> SearchResult:
    with filled.ledger.engine.connect() as conn:
        return search(conn, q, **kw)  # type: ignore[arg-type]


def found(filled: Filled, q: str, **kw: object) -> list[tuple[str, int]]:
    name = {v: k for k, v in filled.ids.items()}
    return [(name[h.doc], h.seq) for h in run(filled, q, **kw).hits]


def test_two_character_word_matches_inside_longer_words_and_traditional(filled: Filled) -> None:
    # 海关 stands in 海关总署 (simp 0), 海关合作 (simp 2) and Traditional 海關 (trad 0)
    assert found(filled, "海关") == [("simp", 0), ("simp", 2), ("trad", 0)]
    assert found(filled, "核安") == [("simp", 1), ("trad", 1), ("en", 1)]


def test_traditional_query_matches_simplified_text_and_back(filled: Filled) -> None:
    assert found(filled, "海關總署") == [("simp", 0), ("trad", 0)]
    assert found(filled, "核安全峰会") == [("trad", 1)]


def test_words_are_anded(filled: Filled) -> None:
    assert found(filled, "海关 备忘录") == [("simp", 0)]
    assert found(filled, "customs cooperation") == [("en", 0), ("en", 2)]


def test_quoted_phrase_needs_the_words_together_in_order(filled: Filled) -> None:
    assert found(filled, '"customs cooperation"') == [("en", 0)]
    assert found(filled, '"cooperation customs"') == []
    assert found(filled, "“海关合作”") == [("simp", 2), ("trad", 0)]  # 海關合作 too


def test_english_is_case_insensitive_and_matches_whole_words(filled: Filled) -> None:
    assert found(filled, "LANTERN") == [("en", 0)]
    assert found(filled, "custom") == []


def test_only_latest_versions_are_searched(filled: Filled) -> None:
    assert found(filled, "灯笼") == []  # only in version 1 of simp
    hits = run(filled, "备忘录").hits
    assert [(h.doc, h.version) for h in hits] == [(filled.ids["simp"], 2)]


def test_hit_fields_marks_and_span(filled: Filled) -> None:
    [hit] = run(filled, "海關 备忘录").hits
    text = SIMP_V2[1][0]
    assert hit.text == text and hit.item == 1 and hit.seq == 0
    at = text.index("备忘录")
    assert hit.marks == [[5, 7], [at, at + 3]]
    assert [text[s:e] for s, e in hit.marks] == ["海关", "备忘录"]
    assert hit.span == [len(SIMP_V2[0]) + 1, len(SIMP_V2[0]) + 1 + len(text)]
    assert hit.snippet == text


def test_snippet_of_a_long_item_shows_the_match_in_context(filled: Filled) -> None:
    [hit] = run(filled, "海关合作会议").hits
    at = LONG_ITEM.index("海关合作会议")
    assert hit.marks == [[at, at + 6]]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    [[s, e]] = hit.snippet_marks
    assert hit.snippet[s:e] == "海关合作会议"
    assert LONG_ITEM[at - 30 : at] in hit.snippet


def test_traditional_marks_point_at_the_original_characters(filled: Filled) -> None:
    [hit] = run(filled, "海关总署").hits[1:]
    text = TRAD[1][0]
    assert [text[s:e] for s, e in hit.marks] == ["海關總署"]


def test_facets_count_matched_items(filled: Filled) -> None:
    r = run(filled, "海关")
    assert r.total == 3
    assert [(f.value, f.label, f.count) for f in r.facets["doc"]] == [
        (filled.ids["simp"], SIMP_V2[0], 2),
        (filled.ids["trad"], TRAD[0], 1),
    ]
    assert [(f.value, f.label, f.count) for f in r.facets["topic"]] == [
        ("90.1", "Fictional customs", 3)
    ]
    assert [(f.value, f.label, f.count) for f in r.facets["actor"]] == [
        ("xx-customs", "Fictional Customs Office", 2)
    ]


def test_filters_narrow_the_hits_and_the_total(filled: Filled) -> None:
    assert found(filled, "海关", doc=filled.ids["trad"]) == [("trad", 0)]
    assert found(filled, "核安", topic="90.2") == [("simp", 1), ("trad", 1), ("en", 1)]
    assert found(filled, "海关", actor="xx-customs") == [("simp", 0), ("trad", 0)]
    assert run(filled, "海关", topic="no-such").total == 0


def test_paging(filled: Filled) -> None:
    r = run(filled, "海关", limit=1, offset=1)
    assert r.total == 3 and [h.seq for h in r.hits] == [2]
    assert run(filled, "海关", limit=5, offset=10).hits == []


@pytest.mark.parametrize(
    "q",
    ['"', '"海关', "*", "海关*", "NEAR(海关 核安)", "-海关", "海关:核安", "^x", "'; drop", "((",
     "AND OR NOT"],
)
def test_hostile_queries_never_raise(filled: Filled, q: str) -> None:
    r = run(filled, q)
    assert r.total == len(r.hits) <= 3


def test_syntax_words_are_searched_as_words(filled: Filled) -> None:
    assert found(filled, "-海关") == found(filled, "海关")
    assert found(filled, "NEAR") == []


def test_empty_query_is_a_clear_error(filled: Filled) -> None:
    with pytest.raises(QueryError, match="empty query"):
        run(filled, "  ")


def test_result_serialises(filled: Filled) -> None:
    d = run(filled, "核安").to_dict()
    assert d["total"] == 3 and d["hits"][2]["text"] == ENGLISH[2][0]
    assert set(d["facets"]) >= {"doc", "topic", "actor"}


def test_matches_beyond_the_cap_are_reported_as_inexact(
    filled: Filled, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("luoshi.search.query.MATCH_CAP", 2)
    r = run(filled, "海关")
    assert (r.total, r.exact) == (2, False)
    assert [h.seq for h in r.hits] == [0, 2]  # the first two in ledger order
    assert sum(f.count for f in r.facets["doc"]) == 2
    assert run(filled, "备忘录").exact
