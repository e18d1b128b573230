"""Running a search: match, keep latest versions, filter, count, page, facet.

The matched set is one subquery (FTS5 on SQLite, the GIN-indexed tsvector on
PostgreSQL); everything after it (filters, counts, facets) is the same SQL on
both backends, so results are identical. One statement returns the count, the
page's ids and every facet; a second reads the page's items. Hits come in ledger
order (item id: documents in the order they were ingested, items in document
order).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from luoshi.extract.gazetteer import load_gazetteer
from luoshi.search.results import Facet, Hit, SearchResult
from luoshi.search.tables import FTS_TABLE, RANGE_SIZE, RANGES, search_items
from luoshi.search.terms import QueryError, Term, fts5_match, marks, parse_query, snippet, tsquery
from luoshi.store.facts import fact_objects
from luoshi.store.tables import facts, items, versions

__all__ = ["QueryError", "search"]

FACET_LIMIT = 20  # values per facet, most frequent first
# A search reads at most this many matches (+1 to know there are more): the
# total, the facets and the pages are exact below it, and the cost of a very
# common word stays bounded however large the ledger grows (issue 6: p95 < 50 ms
# at 10^6 items). Above it, ``total`` is MATCH_CAP and ``exact`` is False.
MATCH_CAP = 1000
MAX_LIMIT = 200

# The follow layer's table (its own migration branch); only what status needs.
_commitments = sa.table(
    "commitments", sa.column("version_id"), sa.column("item_seq"), sa.column("status")
)


def _matched(pg: bool) -> sa.Select[Any] | sa.CompoundSelect:
    """Ids of the indexed items (latest versions only) whose tokens match every term:
    the bound parameter ``match`` is ``tsquery(terms)`` or ``fts5_match(terms)``.

    FTS5 yields them in rowid (= ledger) order and stops when the caller does. On
    PostgreSQL they come range by range of item ids (``RANGES`` ranges of
    ``RANGE_SIZE`` ids, each with its partial GIN index, then the ids beyond from
    the full index): each range is a CTE that only runs if the ranges before it
    held too few matches, so a common word costs one range's bitmap, not the
    whole table's. The CTEs are planned without the caller's LIMIT, and the range
    is an expression the primary key cannot serve, so the planner takes each
    range's index rather than an ordered scan that tests row after row until
    the LIMIT is met (unbounded in the last part).
    """
    if not pg:
        return (
            sa.select(sa.literal_column("rowid").label("item_id"))
            .select_from(sa.text(FTS_TABLE))
            .where(sa.text(f"{FTS_TABLE} MATCH :match"))
        )
    query = sa.cast(sa.bindparam("match", type_=sa.Text), postgresql.TSQUERY)
    # constants, not parameters: the planner proves a partial index's predicate
    # from them (a generic plan with parameters could not)
    bucket = sa.literal_column(f"search_items.item_id / {RANGE_SIZE}", sa.Integer)
    parts = []
    for k in range(RANGES + 1):
        in_range = bucket == sa.literal_column(str(k)) if k < RANGES else (
            bucket >= sa.literal_column(str(RANGES))
        )
        r = (
            sa.select(search_items.c.item_id)
            .where(search_items.c.tokens.op("@@")(query), in_range)
            .cte(f"r{k}")
            .prefix_with("MATERIALIZED")
        )
        parts.append(sa.select(r.c.item_id))
    return sa.union_all(*parts)


def _match_param(pg: bool, terms: list[Term]) -> str:
    return tsquery(terms) if pg else fts5_match(terms)


@contextmanager
def _planned_for_search(conn: sa.Connection) -> Iterator[bool]:
    """Settings for the search statement; yields whether the ``commitments`` table
    (the follow layer's) exists, found in the same round trip on PostgreSQL.

    On PostgreSQL the planner is kept off sequential scans: with a LIMIT on a
    common word it would scan the table and test every row's tsvector rather than
    take the first matches from the index (10x slower at 10^5 items). JIT goes off
    too: the penalty that keeps sequential scans out inflates the cost estimates
    past ``jit_above_cost``, and compiling would then cost more than the query.
    Transaction-local, and restored afterwards.
    """
    if conn.dialect.name != "postgresql":
        yield sa.inspect(conn).has_table("commitments")
        return
    seqscan, jit, with_status = conn.execute(
        sa.select(
            sa.func.current_setting("enable_seqscan"),
            sa.func.current_setting("jit"),
            sa.func.to_regclass("commitments").is_not(None),
            sa.func.set_config("enable_seqscan", "off", True),
            sa.func.set_config("jit", "off", True),
        )
    ).one()[:3]
    try:
        yield bool(with_status)
    finally:
        conn.execute(
            sa.select(
                sa.func.set_config("enable_seqscan", seqscan, True),
                sa.func.set_config("jit", jit, True),
            )
        )


def search(
    conn: sa.Connection,
    q: str,
    *,
    doc: str | None = None,
    topic: str | None = None,
    actor: str | None = None,
    status: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Items of the latest versions matching ``q`` (see ``terms`` for the language).

    ``doc``/``topic``/``actor``/``status`` keep only items with that document id,
    topic code, actor id or commitment status. Raises QueryError for a blank query;
    any other text is searched (syntax characters are separators, never errors).
    """
    terms = parse_query(q)
    if not terms:
        return SearchResult(q, 0, [], {})
    pg = conn.dialect.name == "postgresql"
    params = {
        "match": _match_param(pg, terms),
        "doc": doc,
        "topic": topic,
        "actor": actor,
        "status": status,
        "limit": max(0, min(limit, MAX_LIMIT)),
        "offset": max(0, offset),
    }
    filters = (doc is not None, topic is not None, actor is not None, status is not None)
    with _planned_for_search(conn) as with_status:
        if status is not None and not with_status:
            return SearchResult(q, 0, [], {})
        rows = conn.execute(_statement(pg, with_status, filters, MATCH_CAP), params).all()
    total = next(int(r.n) for r in rows if r.facet == "total")
    if not total:
        return SearchResult(q, 0, [], {})
    facets = _facets(conn, rows, with_status)
    hits = _hits(conn, [int(r.n) for r in rows if r.facet == "page"], terms)
    # one more than the cap was read to tell that there are more
    return SearchResult(q, min(total, MATCH_CAP), hits, facets, exact=total <= MATCH_CAP)


@functools.cache
def _statement(
    pg: bool, with_status: bool, filters: tuple[bool, bool, bool, bool], cap: int
) -> sa.CompoundSelect:
    """The search statement for this backend and these filters (built once: building
    it costs more than running it). Parameters: match, doc, topic, actor, status,
    limit, offset."""
    by_doc, by_topic, by_actor, by_status = filters
    matched = _matched(pg).subquery("hit")
    # Only what the filters need is joined: with none, matching is the index alone.
    joined: sa.FromClause = matched
    where: list[sa.ColumnElement[bool]] = []
    if by_doc:
        joined = joined.join(search_items, search_items.c.item_id == matched.c.item_id)
        where.append(search_items.c.document_id == sa.bindparam("doc"))
    if by_topic or by_actor or by_status:
        joined = joined.join(items, items.c.id == matched.c.item_id)
    if by_topic:
        where.append(items.c.topic_code == sa.bindparam("topic"))
    if by_actor:
        where.append(
            sa.exists().where(
                facts.c.version_id == items.c.version_id,
                facts.c.item_seq == items.c.seq,
                facts.c.kind == "actor",
                facts.c.ref_id == sa.bindparam("actor"),
            )
        )
    if by_status:
        where.append(
            sa.exists().where(
                _commitments.c.version_id == items.c.version_id,
                _commitments.c.item_seq == items.c.seq,
                _commitments.c.status == sa.bindparam("status"),
            )
        )
    # No ORDER BY here: sorting every match of a common word is what would cost.
    # FTS5 yields rowid (= ledger) order; a bitmap heap scan yields table order,
    # the same until rows are deleted or rewritten, so above the cap PostgreSQL may
    # keep a different 1,000 than SQLite. One more than the cap is read to tell
    # that there are more.
    m = (
        sa.select(matched.c.item_id)
        .select_from(joined)
        .where(*where)
        .limit(cap + 1)
        .cte("m")
        .prefix_with("MATERIALIZED")
    )
    return _summary(m, cap, with_status, pg)


def _hits(conn: sa.Connection, page_ids: list[int], terms: list[Term]) -> list[Hit]:
    if not page_ids:
        return []
    page = (
        sa.select(
            versions.c.document_id,
            versions.c.version_no,
            items.c.number,
            items.c.seq,
            items.c.title,
            items.c.text,
            items.c.span_start,
            items.c.span_end,
        )
        .select_from(items.join(versions, versions.c.id == items.c.version_id))
        .where(items.c.id.in_(page_ids))
        .order_by(items.c.id)
    )
    out: list[Hit] = []
    for r in conn.execute(page):
        found = marks(r.text, terms)
        snip, snip_marks = snippet(r.text, found)
        out.append(
            Hit(
                doc=r.document_id,
                version=r.version_no,
                item=r.number,
                seq=r.seq,
                title=r.title,
                text=r.text,
                snippet=snip,
                marks=found,
                span=[r.span_start, r.span_end],
                snippet_marks=snip_marks,
            )
        )
    return out


def _row(facet: str, value: Any, label: Any, n: Any) -> sa.Select[Any]:
    """One part of the summary statement: (facet, value, label, n)."""
    return sa.select(
        sa.literal(facet, sa.Text).label("facet"),
        sa.cast(value, sa.Text).label("value"),
        sa.cast(label, sa.Text).label("label"),
        n.label("n"),
    )


def _top(
    facet: str, value: Any, label: Any, n: Any, source: Any, group: list[Any]
) -> sa.Subquery:
    """One facet's most frequent values among the matches (``n``: its count)."""
    return (
        sa.select(value.label("value"), label.label("label"), n.label("n"))
        .select_from(source)
        .where(value.is_not(None))
        .group_by(*group)
        .order_by(n.desc(), value)
        .limit(FACET_LIMIT)
        .subquery(f"top_{facet}")
    )


def _per_item(facet: str, value: Any, fm: Any, joined: Any) -> sa.Subquery:
    """A facet whose rows are not one per item (an item can name an actor twice):
    each (item, value) once, to be counted per value."""
    return (
        sa.select(fm.c.item_id, value.label("value"))
        .select_from(joined)
        .where(value.is_not(None))
        .group_by(fm.c.item_id, value)
        .subquery(f"by_{facet}")
    )


def _summary(m: sa.CTE, cap: int, with_status: bool, pg: bool) -> sa.CompoundSelect:
    """One statement for everything but the hits' texts: the number of matches
    read (at most MATCH_CAP + 1), the page's item ids, and every facet (a GROUP BY
    per facet over the first MATCH_CAP matches in ledger order).

    Rows are (facet, value, label, n): ("total", -, -, count), ("page", -, -, item
    id), and per facet value ("doc", id, title, count) …; actors get their labels
    afterwards (``_with_actor_names``).
    """
    kept = (
        sa.select(m.c.item_id).order_by(m.c.item_id).limit(cap)
        .cte("kept").prefix_with("MATERIALIZED")
    )
    fm = (
        sa.select(
            items.c.id.label("item_id"),
            items.c.version_id,
            items.c.seq,
            items.c.topic_code,
            items.c.topic_label,
            versions.c.document_id,
            versions.c.title,
        )
        .select_from(
            kept.join(items, items.c.id == kept.c.item_id).join(
                versions, versions.c.id == items.c.version_id
            )
        )
        .cte("fm")
        .prefix_with("MATERIALIZED")
    )
    page = (
        sa.select(kept.c.item_id)
        .order_by(kept.c.item_id)
        .limit(sa.bindparam("limit", type_=sa.Integer))
        .offset(sa.bindparam("offset", type_=sa.Integer))
        .subquery("page")
    )
    count = sa.func.count()
    doc = _top("doc", fm.c.document_id, fm.c.title, count, fm, [fm.c.document_id, fm.c.title])
    topic = _top(
        "topic", fm.c.topic_code, fm.c.topic_label, count, fm, [fm.c.topic_code, fm.c.topic_label]
    )
    actor_facts = fm.join(
        facts,
        sa.and_(
            facts.c.version_id == fm.c.version_id,
            facts.c.item_seq == fm.c.seq,
            # PostgreSQL finds each match's actor facts by the unique index
            # (version_id, item_seq, kind, …); SQLite would read every actor fact
            # via the kind index instead, unless kind goes through a function
            (facts.c.kind if pg else sa.func.coalesce(facts.c.kind, "")) == "actor",
        ),
    )
    by_actor = _per_item("actor", facts.c.ref_id, fm, actor_facts)
    actor = _top("actor", by_actor.c.value, sa.null(), count, by_actor, [by_actor.c.value])
    parts = [
        _row("total", sa.null(), sa.null(), sa.select(sa.func.count()).select_from(m)
             .scalar_subquery()),
        _row("page", sa.null(), sa.null(), page.c.item_id),
        _row("doc", doc.c.value, doc.c.label, doc.c.n),
        _row("topic", topic.c.value, topic.c.label, topic.c.n),
        _row("actor", actor.c.value, actor.c.label, actor.c.n),
    ]
    if with_status:
        by_status = _per_item(
            "status",
            _commitments.c.status,
            fm,
            fm.join(
                _commitments,
                sa.and_(
                    _commitments.c.version_id == fm.c.version_id,
                    _commitments.c.item_seq == fm.c.seq,
                ),
            ),
        )
        status = _top(
            "status", by_status.c.value, sa.null(), count, by_status, [by_status.c.value]
        )
        parts.append(_row("status", status.c.value, status.c.label, status.c.n))
    return sa.union_all(*parts)


def _facets(conn: sa.Connection, rows: list[Any], with_status: bool) -> dict[str, list[Facet]]:
    """The facets among the summary's rows, most frequent first."""
    out: dict[str, list[Facet]] = {"doc": [], "topic": [], "actor": []}
    if with_status:
        out["status"] = []
    for r in rows:
        if r.facet in out:
            out[r.facet].append(Facet(r.value, r.label, int(r.n)))
    for values in out.values():
        values.sort(key=lambda f: (-f.count, f.value))
    out["actor"] = _with_actor_names(conn, out["actor"])
    return out


def _with_actor_names(conn: sa.Connection, actors: list[Facet]) -> list[Facet]:
    """Label each actor with its English name (else its Chinese one).

    An actor id is a gazetteer id, and its facts carry that entry's names, so the
    gazetteer answers. Facts themselves live in their versions' records, which
    ``fact_objects`` decodes whole (≈ 10 ms each): one fact is read only for an
    id the gazetteer does not know.
    """
    gazetteer = load_gazetteer()
    known = {f.value: gazetteer.get(f.value) for f in actors}
    names = {v: e.en or e.zh for v, e in known.items() if e is not None}
    unknown = [v for v, e in known.items() if e is None]
    if unknown:
        one_fact = (
            sa.select(sa.func.min(facts.c.id))
            .where(facts.c.kind == "actor", facts.c.ref_id.in_(unknown))
            .group_by(facts.c.ref_id)
        )
        for fact in fact_objects(conn, conn.execute(one_fact).scalars().all()).values():
            if isinstance(fact.get("id"), str):
                names[fact["id"]] = _actor_name(fact)
    return [Facet(f.value, names.get(f.value), f.count) for f in actors]


def _actor_name(fact: dict[str, Any] | None) -> str | None:
    """The English name an actor fact carries, else its Chinese name."""
    name = (fact.get("name_en") or fact.get("name")) if fact else None
    return name if isinstance(name, str) else None


def explain(conn: sa.Connection, q: str) -> str:
    """The database's plan for the search statement of ``q`` (no filters), with the
    settings ``search`` uses (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite):
    how docs/search.md and the tests show which index is used."""
    pg = conn.dialect.name == "postgresql"
    params = {"match": _match_param(pg, parse_query(q)), "limit": 20, "offset": 0}
    with _planned_for_search(conn) as with_status:
        compiled = _statement(pg, with_status, (False,) * 4, MATCH_CAP).compile(conn)
        values = compiled.construct_params(params)
        args = tuple(values[k] for k in compiled.positiontup or ()) if compiled.positional else (
            values
        )
        prefix = "EXPLAIN " if pg else "EXPLAIN QUERY PLAN "
        rows = conn.exec_driver_sql(prefix + str(compiled), args).all()
    return "\n".join(str(r[-1]) for r in rows)
