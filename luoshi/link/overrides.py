"""Analyst overrides of a commitment's machine status.

An analyst who knows better than the corpus (a press release shows the
meeting was held; the extractor misread a deadline) records an
:class:`Override`: which commitment, the status they assert, a note, the
source URL that shows it, who and when. Overrides are stored *beside* the
machine status, never in place of it: the machine status is recomputed on
every run and stays visible, and every override is kept (an audit trail).

For display, :func:`combine` takes the machine status and all overrides of
that commitment and shows the status of the latest override (by ``time``;
among equal times the one given last), or the machine status when there is
none or when the latest one is a ``revert`` (status ``"machine"``: the analyst
withdraws their earlier override).

Commitment ids are ``luoshi.link.status.commitment_id``: derived from the
document's sha256, the item number and the commitment's span, so an override
stays attached to its commitment when the same file is ingested again. An
override whose commitment no longer exists (the file was replaced by a
corrected copy) is reported by :func:`orphans` rather than dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from luoshi.link.status import STATUSES, CommitmentStatus, g20_score

__all__ = [
    "OVERRIDE_STATUSES",
    "REVERT",
    "DisplayStatus",
    "Override",
    "combine",
    "combine_all",
    "latest_override",
    "orphans",
]

# Withdraws the analyst's earlier override: the machine status shows again.
REVERT = "machine"
OVERRIDE_STATUSES: tuple[str, ...] = (*STATUSES, REVERT)

_ID = re.compile(r"^c[0-9a-f]{10}-(?:\d+|x)-\d+-\d+$")


def _parse_time(value: str) -> datetime:
    try:
        t = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"override time is not ISO 8601: {value!r}") from exc
    if t.tzinfo is None:
        # Overrides from several analysts are ordered by time: a time without
        # zone cannot be ordered against the others.
        raise ValueError(f"override time needs a time zone: {value!r}")
    return t


@dataclass(frozen=True, slots=True)
class Override:
    """One analyst's assertion about one commitment's status."""

    commitment_id: str
    status: str  # one of OVERRIDE_STATUSES
    author: str
    time: str  # ISO 8601 with zone, e.g. "2024-05-02T09:30:00+08:00"
    note: str = ""
    source_url: str | None = None

    def __post_init__(self) -> None:
        if not _ID.match(self.commitment_id):
            raise ValueError(f"not a commitment id: {self.commitment_id!r}")
        if self.status not in OVERRIDE_STATUSES:
            raise ValueError(
                f"unknown status {self.status!r} (one of {', '.join(OVERRIDE_STATUSES)})"
            )
        if not self.author.strip():
            raise ValueError("an override needs an author")
        _parse_time(self.time)
        if self.source_url is not None:
            u = urlparse(self.source_url)
            if u.scheme not in ("http", "https") or not u.netloc:
                raise ValueError(f"source URL must be http(s): {self.source_url!r}")
        if self.status != REVERT and not (self.note.strip() or self.source_url):
            # An unexplained change of status cannot be checked by the next reader.
            raise ValueError("an override needs a note or a source URL")

    @property
    def when(self) -> datetime:
        return _parse_time(self.time)

    def to_json(self) -> dict[str, Any]:
        return {
            "commitment_id": self.commitment_id,
            "status": self.status,
            "note": self.note,
            "source_url": self.source_url,
            "author": self.author,
            "time": self.time,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Override:
        return cls(
            commitment_id=str(data["commitment_id"]),
            status=str(data["status"]),
            author=str(data.get("author") or ""),
            time=str(data["time"]),
            note=str(data.get("note") or ""),
            source_url=data.get("source_url"),
        )


@dataclass(frozen=True, slots=True)
class DisplayStatus:
    """What to show for one commitment: machine status, override, and the result."""

    commitment_id: str
    status: str  # shown
    score: int | None  # G20 scale of the shown status
    machine_status: str
    machine_score: int | None
    override: Override | None = None  # the one in force
    history: tuple[Override, ...] = field(default_factory=tuple)  # oldest first

    @property
    def overridden(self) -> bool:
        return self.override is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "commitment_id": self.commitment_id,
            "status": self.status,
            "g20": self.score,
            "overridden": self.overridden,
            "machine": {"status": self.machine_status, "g20": self.machine_score},
            "override": self.override.to_json() if self.override else None,
            "history": [o.to_json() for o in self.history],
        }


def _history(overrides: Iterable[Override], commitment_id: str) -> tuple[Override, ...]:
    mine = [(o.when, n, o) for n, o in enumerate(overrides) if o.commitment_id == commitment_id]
    mine.sort(key=lambda x: (x[0], x[1]))  # stable: equal times keep the given order
    return tuple(o for _, _, o in mine)


def latest_override(overrides: Iterable[Override], commitment_id: str) -> Override | None:
    """The override in force for a commitment (None when none, or reverted)."""
    hist = _history(overrides, commitment_id)
    if not hist or hist[-1].status == REVERT:
        return None
    return hist[-1]


def combine(machine: CommitmentStatus, overrides: Iterable[Override]) -> DisplayStatus:
    hist = _history(overrides, machine.id)
    current = hist[-1] if hist and hist[-1].status != REVERT else None
    status = current.status if current else machine.status
    return DisplayStatus(
        commitment_id=machine.id,
        status=status,
        score=g20_score(status),
        machine_status=machine.status,
        machine_score=machine.score,
        override=current,
        history=hist,
    )


def combine_all(
    machine: Iterable[CommitmentStatus], overrides: Iterable[Override]
) -> list[DisplayStatus]:
    ovs = list(overrides)
    by_id: dict[str, list[Override]] = {}
    for o in ovs:
        by_id.setdefault(o.commitment_id, []).append(o)
    return [combine(m, by_id.get(m.id, [])) for m in machine]


def orphans(machine: Iterable[CommitmentStatus], overrides: Iterable[Override]) -> list[Override]:
    """Overrides whose commitment is not among ``machine`` (a replaced file)."""
    ids = {m.id for m in machine}
    return [o for o in overrides if o.commitment_id not in ids]
