"""Running a search: match, keep latest versions, filter, count, page, facet.

The matched set is one subquery (FTS5 on SQLite, the GIN-indexed tsvector on
PostgreSQL); everything after it (filters, counts, facets) is the same SQL on
both backends, so results are identical. Hits come in ledger order (item id:
documents in the order they were ingested, items in document order).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from luoshi.search.results import Facet, Hit, SearchResult
from luoshi.search.tables import FTS_TABLE, search_items
from luoshi.search.terms import QueryError, Term, fts5_match, marks, parse_query, snippet, tsquery
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


def _matched(conn: sa.Connection, terms: list[Term]) -> sa.Select[Any]:
    """Ids of the indexed items (latest versions only) whose tokens match every term."""
    if conn.dialect.name == "postgresql":
        query = sa.cast(sa.literal(tsquery(terms), sa.Text), postgresql.TSQUERY)
        return sa.select(search_items.c.item_id).where(search_items.c.tokens.op("@@")(query))
    return (
        sa.select(sa.literal_column("rowid").label("item_id"))
        .select_from(sa.text(FTS_TABLE))
        .where(sa.text(f"{FTS_TABLE} MATCH :fts").bindparams(fts=fts5_match(terms)))
    )


@contextmanager
def _index_scans_only(conn: sa.Connection) -> Iterator[None]:
    """On PostgreSQL, keep the planner off sequential scans while searching.

    With a LIMIT on a common word it would scan the table and test every row's
    tsvector rather than take the first matches from the GIN bitmap (10x slower
    at 10^5 items). JIT goes off too: the penalty that keeps sequential scans out
    inflates the cost estimates past ``jit_above_cost``, and compiling would then
    cost more than the query. Transaction-local, and restored afterwards.
    """
    if conn.dialect.name != "postgresql":
        yield
        return
    seqscan, jit = conn.execute(
        sa.select(
            sa.func.current_setting("enable_seqscan"),
            sa.func.current_setting("jit"),
            sa.func.set_config("enable_seqscan", "off", True),
            sa.func.set_config("jit", "off", True),
        )
    ).one()[:2]
    try:
        yield
    finally:
        conn.execute(
            sa.select(
                sa.func.set_config("enable_seqscan", seqscan, True),
                sa.func.set_config("jit", jit, True),
            )
        )


def _has_table(conn: sa.Connection, name: str) -> bool:
    return sa.inspect(conn).has_table(name)


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
    limit = max(0, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    with_status = _has_table(conn, "commitments")

    matched = _matched(conn, terms).subquery("hit")
    # Only what the filters need is joined: with none, counting is the index alone.
    joined: sa.FromClause = matched
    where: list[sa.ColumnElement[bool]] = []
    if doc is not None:
        joined = joined.join(search_items, search_items.c.item_id == matched.c.item_id)
        where.append(search_items.c.document_id == doc)
    if topic is not None or actor is not None or status is not None:
        joined = joined.join(items, items.c.id == matched.c.item_id)
    if topic is not None:
        where.append(items.c.topic_code == topic)
    if actor is not None:
        where.append(
            sa.exists().where(
                facts.c.version_id == items.c.version_id,
                facts.c.item_seq == items.c.seq,
                facts.c.kind == "actor",
                facts.c.ref_id == actor,
            )
        )
    if status is not None:
        if not with_status:
            return SearchResult(q, 0, [], {})
        where.append(
            sa.exists().where(
                _commitments.c.version_id == items.c.version_id,
                _commitments.c.item_seq == items.c.seq,
                _commitments.c.status == status,
            )
        )
    # No ORDER BY here: sorting every match of a common word is what would cost.
    # FTS5 yields rowid (= ledger) order; a bitmap heap scan yields table order,
    # the same until rows are deleted or rewritten, so above the cap PostgreSQL may
    # keep a different 1,000 than SQLite. The ids are read once (at most 1,001
    # integers) and the facets and the page are computed from them, so the index
    # is searched once per call.
    m = sa.select(matched.c.item_id).select_from(joined).where(*where).limit(MATCH_CAP + 1)
    with _index_scans_only(conn):
        ids = sorted(conn.execute(m).scalars().all())
    if not ids:
        return SearchResult(q, 0, [], {})
    kept = ids[:MATCH_CAP]  # one more was read to tell that there are more
    facets = _facets(conn, kept, with_status)
    hits = _hits(conn, kept[offset : offset + limit], terms)
    return SearchResult(q, len(kept), hits, facets, exact=len(ids) <= MATCH_CAP)


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


def _top(
    facet: str, value: Any, label: Any, fm: Any, joined: Any, aggregate: bool = False
) -> sa.Select[Any]:
    """One facet's most frequent values (with their label, or NULL) among the matches.

    ``aggregate``: ``label`` is an aggregate over each value's rows (not grouped by).
    """
    distinct = facet in ("actor", "status")  # an item can name an actor twice
    n = (sa.func.count(sa.distinct(fm.c.item_id)) if distinct else sa.func.count()).label("n")
    lab = sa.cast(sa.null() if label is None else label, sa.Text).label("label")
    top = (
        sa.select(value.label("value"), lab, n)
        .select_from(joined)
        .where(value.is_not(None))
        .group_by(value, *([] if label is None or aggregate else [label]))
        .order_by(n.desc(), value)
        .limit(FACET_LIMIT)
        .subquery(f"top_{facet}")
    )
    return sa.select(
        sa.literal(facet, sa.Text).label("facet"),
        sa.cast(top.c.value, sa.Text).label("value"),
        top.c.label,
        top.c.n,
    )


def _facets(conn: sa.Connection, kept: list[int], with_status: bool) -> dict[str, list[Facet]]:
    """Every facet over the matched items, in one statement (GROUP BY per facet)."""
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
        .select_from(items.join(versions, versions.c.id == items.c.version_id))
        .where(items.c.id.in_(kept))
        .cte("fm")
    )
    parts = [
        _top("doc", fm.c.document_id, fm.c.title, fm, fm),
        _top("topic", fm.c.topic_code, fm.c.topic_label, fm, fm),
        _top(
            "actor",
            facts.c.ref_id,
            sa.func.min(facts.c.id),  # one of the actor's facts, for its names
            fm,
            fm.join(
                facts,
                sa.and_(
                    facts.c.version_id == fm.c.version_id,
                    facts.c.item_seq == fm.c.seq,
                    # through a function: SQLite would otherwise read every actor
                    # fact via the kind index instead of each match's own facts
                    sa.func.coalesce(facts.c.kind, "") == "actor",
                ),
            ),
            aggregate=True,
        ),
    ]
    if with_status:
        parts.append(
            _top(
                "status",
                _commitments.c.status,
                None,
                fm,
                fm.join(
                    _commitments,
                    sa.and_(
                        _commitments.c.version_id == fm.c.version_id,
                        _commitments.c.item_seq == fm.c.seq,
                    ),
                ),
            )
        )
    out: dict[str, list[Facet]] = {"doc": [], "topic": [], "actor": []}
    if with_status:
        out["status"] = []
    for r in conn.execute(sa.union_all(*parts)):
        out[r.facet].append(Facet(r.value, r.label, int(r.n)))
    for values in out.values():
        values.sort(key=lambda f: (-f.count, f.value))
    out["actor"] = _with_actor_names(conn, out["actor"])
    return out


def _with_actor_names(conn: sa.Connection, actors: list[Facet]) -> list[Facet]:
    """Label each actor with the name its fact (id in ``label``) carries: one query."""
    ids = [int(f.label) for f in actors if f.label is not None]
    data = dict(
        conn.execute(sa.select(facts.c.id, facts.c.data).where(facts.c.id.in_(ids))).all()
    ) if ids else {}
    return [
        Facet(f.value, _actor_name(data.get(int(f.label)) if f.label else None), f.count)
        for f in actors
    ]


def _actor_name(data: str | None) -> str | None:
    """The English name an actor fact (JSON) carries, else its Chinese name."""
    try:
        fact = json.loads(data) if data else None
    except ValueError:
        return None
    if not isinstance(fact, dict):
        return None
    name = fact.get("name_en") or fact.get("name")
    return name if isinstance(name, str) else None


def explain(conn: sa.Connection, q: str) -> str:
    """The database's plan for matching ``q`` (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on
    SQLite): how docs/search.md and the tests show that the index is used."""
    terms = parse_query(q)
    stmt = sa.select(sa.func.count()).select_from(_matched(conn, terms).subquery("hit"))
    sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
    prefix = "EXPLAIN " if conn.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
    return "\n".join(str(r[-1]) for r in conn.exec_driver_sql(prefix + sql))
