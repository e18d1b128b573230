"""A serialised document → everything the ledger stores for it, without a database.

``prepare`` is pure: it turns a record (``serialise_for_ledger`` output) and the
original text into a ``PreparedDocument`` — the version's columns with the record
and text already compressed, the item, fact and defect rows, and each item's
search tokens — so that a batch worker does the work and the single writer only
looks up ids and inserts (``luoshi.store.ingest.write_prepared``). It is a plain
picklable value: process pools and Dask ship it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from luoshi import __version__
from luoshi.search.tokens import token_string
from luoshi.store.facts import fact_rows, topic_columns
from luoshi.store.packed import pack_json, pack_text

# Recorded in versions.parser_version. The local part names the layout of the
# derived rows written with a version ("facts.1": the facts table of migration
# 0002), so versions ingested before it (plain "0.1.0") can be told apart and
# re-derived if a later layout needs it.
PARSER_VERSION = f"{__version__}+facts.1"


# Columns of the rows below, in tuple order (after the writer's version_id). Rows
# are tuples, not dicts: the writer hands them to the driver as they are.
ITEM_COLUMNS = ("seq", "number", "label", "section", "title", "text", "span_start", "span_end",
                "topic_code", "topic_label")  # fmt: skip
FACT_COLUMNS = ("item_seq", "item_number", "kind", "seq", "span_start", "span_end", "ref_id",
                "label", "ordinal", "date_start", "date_end", "anchor")  # fmt: skip
DEFECT_COLUMNS = ("seq", "kind", "detail", "span_start", "span_end")

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    sha256: str
    format: str | None
    size: int | None
    # columns of ``versions`` but the ids, version_no and ingested_at (the writer's);
    # ``parsed`` and ``original`` packed (luoshi.store.packed)
    version: dict[str, Any]
    items: list[Row]  # rows of ``items`` (ITEM_COLUMNS), in seq order
    facts: list[Row]  # rows of ``facts`` (FACT_COLUMNS)
    defects: list[Row]  # rows of ``defects`` (DEFECT_COLUMNS)
    tokens: list[str]  # each item's search token string (search.tokens), in seq order


def _span(span: list[int] | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span[0], span[1])


def prepare(record: dict[str, Any], original: str) -> PreparedDocument:
    """What the ledger stores for ``record``; ValueError if a fact is malformed."""
    derived = fact_rows(record["items"])  # first: a bad fact fails before any other work
    src = record["source"]
    meeting = record["meeting"]
    version = {
        "sha256": src["sha256"],
        "original": pack_text(original),
        "parsed": pack_json(record),
        "schema_version": record["schema_version"],
        "parser_version": PARSER_VERSION,
        "title": record["title"],
        "kind": record["kind"],
        "published": record["published"],
        "mechanism": meeting["mechanism"],
        "round": meeting["round"],
        "meeting_start": meeting["start"],
        "meeting_end": meeting["end"],
        "item_count": len(record["items"]),
        "defect_count": len(record["defects"]),
    }
    items = [
        (seq, it["number"], it["label"], it["section"], it["title"], it["text"],
         *_span(it["span"]), *topic_columns(it).values())
        for seq, it in enumerate(record["items"])
    ]  # fmt: skip
    defects = [
        (seq, d["kind"], d["detail"], *_span(d["span"]))
        for seq, d in enumerate(record["defects"])
    ]
    return PreparedDocument(
        sha256=src["sha256"],
        format=src["format"],
        size=src["size"],
        version=version,
        items=items,
        facts=[tuple(row[c] for c in FACT_COLUMNS) for row in derived],
        defects=defects,
        tokens=[token_string(it["text"]) for it in record["items"]],
    )
