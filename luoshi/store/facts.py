"""Item facts (``serialize`` output) → rows of the ledger's ``facts`` table.

Each fact becomes one row: where it sits (item, kind, position), its span, and
a few typed copies of the values that later queries across rounds filter on.
The fact itself is stored once, in its version's record (``versions.parsed``);
``fact_objects`` / ``fact_json`` / ``facts_json`` read it from there for rows
found by a query. The typed columns are copies: a value of an unexpected type
or size is left NULL there rather than failing the ingest, because the record
keeps it anyway. The fact's own shape (an object with a string ``text`` and a
span or null) is required.

Which value goes into which column, per kind (also in docs/ledger.md):

- time: label = time kind (point, range, deadline …), date_start/date_end = the
  value's interval, anchor = event anchor ("next-round:…");
- actor: ref_id = gazetteer id (NULL for candidates), label = side;
- sentence: label = class (commitment, reaffirmation, past-event, other);
- commitment: label = action, date_start/date_end = due interval, anchor;
- event: date_start/date_end = when it happened;
- series: ref_id = series id, label = status (planned, held, unknown),
  ordinal, date_start/date_end = the date when held, else the due interval, anchor;
- reference: ref_id = gazetteer id, label = reference kind;
- quantity: ref_id = measure (the key to compare a figure across rounds),
  label = dimension.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

# Item key → fact kind, in the order rows are written (and exported).
FACT_KEYS: dict[str, str] = {
    "times": "time",
    "actors": "actor",
    "sentences": "sentence",
    "commitments": "commitment",
    "events": "event",
    "series": "series",
    "references": "reference",
    "quantities": "quantity",
}
FACT_KINDS: tuple[str, ...] = tuple(FACT_KEYS.values())
KEY_OF_KIND: dict[str, str] = {kind: key for key, kind in FACT_KEYS.items()}

# Column sizes of tables.facts / tables.items; longer values stay only in ``data``.
LABEL_MAX = 64
DATE_MAX = 32
TOPIC_CODE_MAX = 16


def _str(value: Any, limit: int | None = None) -> str | None:
    if not isinstance(value, str) or (limit is not None and len(value) > limit):
        return None
    return value


def _int(value: Any) -> int | None:
    # bool is an int subclass; a flag is never an ordinal
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _interval(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, Mapping):
        return None, None
    return _str(value.get("start"), DATE_MAX), _str(value.get("end"), DATE_MAX)


def _span(value: Any, where: str) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and len(value) == 2
        and all(_int(v) is not None for v in value)
    ):
        return int(value[0]), int(value[1])
    raise ValueError(f"{where}: span must be [start, end] or null, not {value!r}")


def typed_columns(kind: str, fact: Mapping[str, Any]) -> dict[str, Any]:
    """The query columns of one fact (see the table in the module docstring)."""
    ref_id: str | None = None
    label: str | None = None
    ordinal: int | None = None
    dates: tuple[str | None, str | None] = (None, None)
    anchor: str | None = None
    if kind == "time":
        label = _str(fact.get("kind"), LABEL_MAX)
        dates = (_str(fact.get("start"), DATE_MAX), _str(fact.get("end"), DATE_MAX))
        anchor = _str(fact.get("anchor"))
    elif kind == "actor":
        ref_id, label = _str(fact.get("id")), _str(fact.get("side"), LABEL_MAX)
    elif kind == "sentence":
        label = _str(fact.get("class"), LABEL_MAX)
    elif kind == "commitment":
        label = _str(fact.get("action"), LABEL_MAX)
        dates = _interval(fact.get("due"))
        anchor = _str(fact.get("anchor"))
    elif kind == "event":
        dates = _interval(fact.get("date"))
    elif kind == "series":
        ref_id, label = _str(fact.get("id")), _str(fact.get("status"), LABEL_MAX)
        ordinal = _int(fact.get("ordinal"))
        # a held round has a date, a planned one a due interval; never both in practice
        dates = _interval(fact.get("date") or fact.get("due"))
        anchor = _str(fact.get("anchor"))
    elif kind == "reference":
        ref_id, label = _str(fact.get("id")), _str(fact.get("kind"), LABEL_MAX)
    elif kind == "quantity":
        ref_id, label = _str(fact.get("measure")), _str(fact.get("dimension"), LABEL_MAX)
    return {
        "ref_id": ref_id,
        "label": label,
        "ordinal": ordinal,
        "date_start": dates[0],
        "date_end": dates[1],
        "anchor": anchor,
    }


def fact_rows(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows (without ``version_id``) for every fact of every item, in writing order.

    Raises ValueError for a fact that is not an object with a string ``text`` and
    a span or null: such a record does not match the schema, and the ledger must
    not hold half of it.
    """
    rows: list[dict[str, Any]] = []
    for item_seq, item in enumerate(items):
        for key, kind in FACT_KEYS.items():
            facts = item.get(key)
            if facts is None:
                continue  # records parsed without extraction have no fact keys
            if not isinstance(facts, list):
                raise ValueError(f"item {item_seq}: {key} must be a list")
            for seq, fact in enumerate(facts):
                where = f"item {item_seq}: {key}[{seq}]"
                if not isinstance(fact, Mapping) or not isinstance(fact.get("text"), str):
                    raise ValueError(f"{where}: a fact must be an object with a text")
                start, end = _span(fact.get("span"), where)
                rows.append(
                    {
                        "item_seq": item_seq,
                        "item_number": _int(item.get("number")),
                        "kind": kind,
                        "seq": seq,
                        "span_start": start,
                        "span_end": end,
                        **typed_columns(kind, fact),
                    }
                )
    return rows


def topic_columns(item: Mapping[str, Any]) -> dict[str, str | None]:
    """``items.topic_code`` / ``topic_label`` (the English label) of one item."""
    topic = item.get("topic")
    if not isinstance(topic, Mapping):
        return {"topic_code": None, "topic_label": None}
    return {
        "topic_code": _str(topic.get("code"), TOPIC_CODE_MAX),
        "topic_label": _str(topic.get("label_en")),
    }


# -- reading facts back from the records ---------------------------------------

CHUNK = 200  # ids per IN list, and records decoded at a time


def fact_in(record: Mapping[str, Any], item_seq: int, kind: str, seq: int) -> dict[str, Any]:
    """The fact that the row (item_seq, kind, seq) of this version's record indexes."""
    fact = record["items"][item_seq][KEY_OF_KIND[kind]][seq]
    return dict(fact)


def _records(conn: sa.Connection, version_ids: Collection[int]) -> Iterator[tuple[int, Any]]:
    from luoshi.store.tables import versions

    ids = sorted(set(version_ids))
    for start in range(0, len(ids), CHUNK):
        q = sa.select(versions.c.id, versions.c.parsed).where(
            versions.c.id.in_(ids[start : start + CHUNK])
        )
        yield from ((int(r.id), r.parsed) for r in conn.execute(q))


def fact_objects(conn: sa.Connection, fact_ids: Collection[int]) -> dict[int, dict[str, Any]]:
    """Facts by ``facts.id``, each as its record holds it (ids not found are left out)."""
    from luoshi.store.tables import facts

    ids = sorted(set(fact_ids))
    where: dict[int, list[tuple[int, int, str, int]]] = {}
    for start in range(0, len(ids), CHUNK):
        q = sa.select(facts.c.id, facts.c.version_id, facts.c.item_seq, facts.c.kind,
                      facts.c.seq).where(facts.c.id.in_(ids[start : start + CHUNK]))
        for r in conn.execute(q):
            where.setdefault(int(r.version_id), []).append((r.id, r.item_seq, r.kind, r.seq))
    out: dict[int, dict[str, Any]] = {}
    for version_id, record in _records(conn, where):
        for fact_id, item_seq, kind, seq in where[version_id]:
            out[fact_id] = fact_in(record, item_seq, kind, seq)
    return out


def fact_json(conn: sa.Connection, fact_ids: Collection[int]) -> list[tuple[int, str]]:
    """(id, the fact as JSON text) for each of ``fact_ids`` found: what the ``facts.data``
    column held before migration 0004_compact."""
    found = fact_objects(conn, fact_ids)
    return [(i, json.dumps(found[i], ensure_ascii=False)) for i in sorted(found)]


def facts_json(conn: sa.Connection, kind: str, version_ids: Collection[int]) -> list[str]:
    """Every distinct fact of ``kind`` in these versions, as JSON text (sorted)."""
    key = KEY_OF_KIND[kind]
    seen: set[str] = set()
    for _, record in _records(conn, version_ids):
        for item in record.get("items") or []:
            for fact in item.get(key) or []:
                seen.add(json.dumps(fact, ensure_ascii=False))
    return sorted(seen)
