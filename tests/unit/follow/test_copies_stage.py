"""The copies stage reads documents in parts: views of all of them first, then
whole copy groups a batch at a time; the rows do not depend on the batch size.
Fictional documents (虚构): the bundled samples and the seaweed dialogue."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pytest
from follow_fixtures import samples, seaweed

import luoshi.follow.compute as compute_mod
from luoshi.follow.compute import Rows, copies, memory_loader, statuses, threads
from luoshi.follow.load import LedgerDoc, VersionRef
from luoshi.link.copies import MergedDocument
from luoshi.model import Document


def _ledger_docs() -> list[LedgerDoc]:
    docs = [*samples().values(), *seaweed().values()]
    return [LedgerDoc(f"d{n:02d}", 100 + n, d.source.sha256, d) for n, d in enumerate(docs)]


def _rows(docs: list[LedgerDoc], calls: list[tuple[list[int], bool]] | None = None) -> Rows:
    plain = memory_loader(docs)

    def load(ids: Sequence[int], text: bool) -> Iterable[tuple[int, Document]]:
        if calls is not None:
            calls.append((list(ids), text))
        return plain(ids, text)

    rows = Rows()
    versions = [VersionRef(d.id, d.version_id, d.sha256) for d in docs]
    corpus, primaries = copies(versions, load, rows)
    threads(corpus, rows)
    statuses(corpus, primaries, rows)
    return rows


def _stored(rows: Rows) -> dict[str, object]:
    return {k: getattr(rows, k) for k in (
        "link_documents", "copy_groups", "commitments", "commitment_states", "threads",
        "thread_items", "series", "occurrence_states", "epochs", "stats")}


def test_groups_are_merged_a_batch_at_a_time_with_the_same_rows(
        monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _ledger_docs()
    whole = _rows(docs)
    assert whole.stats["copy_groups"] == 1  # the English and Chinese round 1
    monkeypatch.setattr(compute_mod, "MERGE_BATCH", 1)
    calls: list[tuple[list[int], bool]] = []
    assert _stored(_rows(docs, calls)) == _stored(whole)
    (first, without_text), *rest = calls
    assert sorted(first) == [d.version_id for d in docs] and not without_text
    # then one group per read: the pair of copies together, every other alone
    assert all(text for _, text in rest)
    assert sorted(len(ids) for ids, _ in rest) == [1] * (len(docs) - 2) + [2]
    assert sorted(v for ids, _ in rest for v in ids) == [d.version_id for d in docs]


def test_a_merged_document_keeps_only_what_threads_read() -> None:
    docs = _ledger_docs()
    rows = _rows(docs)
    (merged,) = [d for d in rows.logical if isinstance(d, MergedDocument)]
    assert len(merged.copies) == 1  # the primary: the other copy is let go
    assert all(it.variants == [] for it in merged.items)
    zh = next(d for d in docs if d.doc.source.path.endswith("round1-zh.txt"))
    assert merged.copies[0] is zh.doc
    assert [r.item.number for r in merged.refs()] == [it.number for it in zh.doc.items]
    # the other copy is still listed as one, and maps to its ledger id
    en = next(d for d in docs if d.doc.source.path.endswith("round1-en.md"))
    roles = {r["document_id"]: (r["copy_group"], r["copy_role"]) for r in rows.link_documents}
    assert roles[en.id] == (zh.id, "copy") and roles[zh.id] == (zh.id, "primary")


def test_a_version_the_loader_does_not_find_is_named() -> None:
    docs = _ledger_docs()
    versions = [VersionRef(d.id, d.version_id, d.sha256) for d in docs]
    versions.append(VersionRef("d99", 999, "0" * 64))
    with pytest.raises(ValueError, match="d99"):
        copies(versions, lambda ids, text: ((v, d.doc) for v, d in
                                            ((d.version_id, d) for d in docs)), Rows())
