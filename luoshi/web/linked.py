"""Calls into ``luoshi.follow`` (linking) and ``luoshi.search`` that pages survive
without: before linking has run, or before those layers exist, a page shows
what it can and says what is missing instead of failing.
"""

from __future__ import annotations

import importlib
import threading
import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa


class Unavailable(Exception):
    """The layer a page asked for has not produced anything (yet)."""


def _resolve(module: str, name: str) -> Callable[..., Any]:
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as exc:
        raise Unavailable(f"{module}.{name} is not available") from exc


def call(module: str, name: str, *args: Any, **kwargs: Any) -> Any:
    """``module.name(*args, **kwargs)``, with "not there yet" turned into Unavailable.

    A lookup failure (unknown id) still propagates: that is a 404, not a gap.
    """
    fn = _resolve(module, name)
    try:
        return fn(*args, **kwargs)
    except NotImplementedError as exc:
        raise Unavailable(f"{module}.{name} is not implemented yet") from exc
    except (sa.exc.OperationalError, sa.exc.ProgrammingError) as exc:
        # the layer's tables are missing in this ledger (an older migration state)
        raise Unavailable(f"{module}.{name}: {type(exc).__name__}") from exc


_linking = threading.Lock()
# ledger → (number of versions, highest version id) when it was last linked by
# this process: versions are only ever added (a new id) or deleted (fewer), so an
# unchanged pair means the documents linking reads are the ones already linked.
_linked_at: weakref.WeakKeyDictionary[Any, tuple[int, int | None]] = (
    weakref.WeakKeyDictionary()
)


def _versions_mark(ledger: Any) -> tuple[int, int | None]:
    from luoshi.store.tables import versions

    with ledger.engine.connect() as conn:
        count, top = conn.execute(
            sa.select(sa.func.count(versions.c.id), sa.func.max(versions.c.id))
        ).one()
    return int(count), top


def ensure_linked(ledger: Any) -> None:
    """Bring the link tables up to date with the ledger before reading them.

    Costs one small query when no version was added or removed since this
    process last linked; otherwise ``link_ledger`` runs (itself a no-op when
    another process already linked these documents). One request links at a
    time; the others meanwhile read the previous, still consistent, link
    tables rather than queueing behind it.
    """
    mark = _versions_mark(ledger)
    if _linked_at.get(ledger) == mark:
        return
    if not _linking.acquire(blocking=False):
        return
    try:
        follow("link_ledger", ledger)
        _linked_at[ledger] = mark
    except Unavailable:
        pass
    finally:
        _linking.release()


def follow(name: str, *args: Any, **kwargs: Any) -> Any:
    return call("luoshi.follow", name, *args, **kwargs)


def lookup_failed() -> type[Exception]:
    """The follow layer's LookupFailed (the store's, by contract)."""
    from luoshi.store import LookupFailed

    return LookupFailed


# The follow layer's tables this module reads to know whether anything changed
# (``overrides`` is in its contract; ``link_state`` holds the linked fingerprint).
_link_state = sa.table("link_state", sa.column("key"), sa.column("value"))
_overrides = sa.table("overrides", sa.column("id"))


def _inputs(ledger: Any) -> tuple[Any, ...] | None:
    """What tracker rows are a function of: the linked state and the overrides."""
    try:
        with ledger.engine.connect() as conn:
            state = tuple(sorted(
                (r[0], r[1])
                for r in conn.execute(sa.select(_link_state.c.key, _link_state.c.value))
            ))
            marks = conn.execute(
                sa.select(sa.func.count(), sa.func.max(_overrides.c.id))
            ).one()
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        return None
    return (state, tuple(marks)) if state else None


def track_rows(ledger: Any, **filters: Any) -> list[dict[str, Any]]:
    """``luoshi.follow.track_rows``, remembered for identical inputs.

    The key holds everything the rows depend on (the link fingerprint, the
    overrides, the day and the filters), so a new link, a new override or a new
    day computes afresh; callers must not change the rows they get.
    """
    from luoshi.web import memo

    inputs = _inputs(ledger)
    if inputs is None:
        return follow("track_rows", ledger, **filters)  # type: ignore[no-any-return]
    today = datetime.now(UTC).date().isoformat()
    key = ("track", inputs, today, tuple(sorted(filters.items())))
    return memo.remember(ledger, key, lambda: follow("track_rows", ledger, **filters),
                         space="track", size=16)
