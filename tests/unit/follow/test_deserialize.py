"""record → Document is the inverse of serialize.document_to_dict."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from follow_fixtures import samples, seaweed

from luoshi.deserialize import record_to_document
from luoshi.model import Document
from luoshi.serialize import document_to_dict


@pytest.mark.parametrize("name", ["round1-zh.txt", "round1-en.md", "round2-zh.txt"])
def test_round_trip_of_parsed_samples(name: str) -> None:
    doc = samples()[name]
    record = document_to_dict(doc)
    back = record_to_document(record, doc.text)
    assert document_to_dict(back) == record
    assert back.text == doc.text
    assert [i.facts for i in back.items] == [i.facts for i in doc.items]
    assert back.items[0].span == doc.items[0].span and isinstance(back.items[0].span, tuple)


def test_round_trip_of_hand_made_documents() -> None:
    for doc in seaweed().values():
        record = document_to_dict(doc)
        assert document_to_dict(record_to_document(record, doc.text)) == record


def test_malformed_record_is_one_clear_error() -> None:
    record = document_to_dict(seaweed()["A"])
    del record["items"][0]["label"]
    with pytest.raises(ValueError, match="stored record is malformed"):
        record_to_document(record, "")


@pytest.mark.seeds
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_round_trip_of_seeds(seed: Callable[[str], Document], prefix: str) -> None:
    doc = seed(prefix)
    record = document_to_dict(doc)
    assert document_to_dict(record_to_document(record, doc.text)) == record
