"""Linking in the ledger (issue 4): copies, threads, timelines and commitment status.

The pure linking code lives in ``luoshi.link``; this package runs it over the
latest version of every ledger document (:func:`link_ledger`), stores the
results in the tables of the ``0003_links`` migration branch
(``luoshi.store.links``) and answers from those rows. Every document id in the
output is a ledger document id (as ``luoshi list --json`` shows).

The names below are the contract other packages (CLI, report, web, search)
code against; nothing else here is public. Shapes are in
``luoshi/schema/follow.v1.json`` and docs/json-schema.md.

``as_of`` everywhere: an ISO date, ``"today"`` or None (today, UTC).
"""

from __future__ import annotations

from luoshi.follow.model import LinkSummary
from luoshi.follow.overrides import add_override, overrides_of
from luoshi.follow.run import link_ledger
from luoshi.follow.views import (
    commitment,
    copies_of,
    diff,
    list_series,
    thread,
    timeline,
    track_rows,
)
from luoshi.store.queries import LookupFailed

__all__ = [
    "LinkSummary",
    "LookupFailed",
    "add_override",
    "commitment",
    "copies_of",
    "diff",
    "link_ledger",
    "list_series",
    "overrides_of",
    "thread",
    "timeline",
    "track_rows",
]
