"""Folding and tokenising: the same tokens for Traditional and Simplified, any width and case."""

from __future__ import annotations

import pytest

from luoshi.search.terms import QueryError, fts5_match, marks, parse_query, snippet, tsquery
from luoshi.search.tokens import fold, tokens, tsvector_literal


def test_han_runs_become_overlapping_bigrams() -> None:
    assert tokens("中国海关总署") == ["中国", "国海", "海关", "关总", "总署"]


def test_traditional_folds_to_simplified_with_same_length() -> None:
    assert fold("海關總署") == "海关总署"
    assert tokens("海關總署") == tokens("海关总署")


def test_width_and_case_fold_and_latin_words_stay_whole() -> None:
    assert fold("ＵＳ－Ｃｈｉｎａ") == "us-china"
    assert tokens("The U.S. and G20峰会") == ["the", "u", "s", "and", "g20", "峰会"]


def test_lone_han_character_is_one_token_and_layout_blanks_are_ignored() -> None:
    assert tokens("和 G20") == ["和", "g20"]
    assert tokens("海 关") == ["海关"]


def test_tsvector_literal_keeps_positions() -> None:
    assert tsvector_literal("海关，海关总署") == "'海关':1,2 '关总':3 '总署':4"


def test_query_words_are_anded_and_quotes_make_phrases() -> None:
    terms = parse_query('海關 "Customs Cooperation" forum')
    assert [t.tokens for t in terms] == [("海关",), ("customs", "cooperation"), ("forum",)]
    assert fts5_match(terms) == '"海关" AND "customs cooperation" AND "forum"'
    assert tsquery(terms) == "('海关') & ('customs' <-> 'cooperation') & ('forum')"


def test_single_han_character_query_is_a_prefix() -> None:
    [term] = parse_query("海")
    assert term.prefix
    assert fts5_match([term]) == '"海"*'
    assert tsquery([term]) == "'海':*"


@pytest.mark.parametrize("q", ['"', "*", "NEAR(a b)", "-", ":", "a:b", '"" * -x', "^", "(", "'"])
def test_syntax_characters_never_reach_the_engines(q: str) -> None:
    for term in parse_query(q):
        assert all(tok.isalnum() for tok in term.tokens)


@pytest.mark.parametrize("q", ["", "   ", "\t\n"])
def test_blank_query_is_a_clear_error(q: str) -> None:
    with pytest.raises(QueryError, match="empty query"):
        parse_query(q)


def test_marks_are_offsets_in_the_display_text() -> None:
    text = "虛構海關總署與Customs Office"
    found = marks(text, parse_query("海关 customs"))
    assert found == [[2, 4], [7, 14]]
    assert [text[s:e] for s, e in found] == ["海關", "Customs"]


def test_marks_do_not_match_inside_latin_words() -> None:
    assert marks("customs custom", parse_query("custom")) == [[8, 14]]


def test_snippet_cuts_around_the_first_match() -> None:
    text = "甲" * 100 + "海关" + "乙" * 200
    snip, inside = snippet(text, [[100, 102]])
    assert snip.startswith("…") and snip.endswith("…")
    [[s, e]] = inside
    assert snip[s:e] == "海关"
