"""The summary of a link run."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class LinkSummary:
    """What one ``link_ledger`` run did (or, when ``skipped``, what the last one did)."""

    skipped: bool = False  # nothing changed since the last link
    documents: int = 0
    copy_groups: int = 0  # groups of two or more copies
    threads: int = 0
    series: int = 0
    occurrences: int = 0
    commitments: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    epochs: int = 0
    recomputed_from: str | None = None  # first epoch recomputed (None: all, or skipped)
    orphaned_overrides: list[dict[str, Any]] = field(default_factory=list)
    fingerprint: str = ""
    seconds: float = 0.0

    @classmethod
    def from_state(cls, state: dict[str, str], *, skipped: bool) -> LinkSummary:
        stats = json.loads(state.get("stats", "{}"))
        return cls(
            skipped=skipped,
            documents=int(stats.get("documents", 0)),
            copy_groups=int(stats.get("copy_groups", 0)),
            threads=int(stats.get("threads", 0)),
            series=int(stats.get("series", 0)),
            occurrences=int(stats.get("occurrences", 0)),
            commitments=int(stats.get("commitments", 0)),
            statuses={str(k): int(v) for k, v in stats.get("statuses", {}).items()},
            epochs=len(json.loads(state.get("epochs", "[]"))),
            fingerprint=state.get("fingerprint", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "skipped": self.skipped,
            "documents": self.documents,
            "copy_groups": self.copy_groups,
            "threads": self.threads,
            "series": self.series,
            "occurrences": self.occurrences,
            "commitments": self.commitments,
            "statuses": dict(self.statuses),
            "epochs": self.epochs,
            "recomputed_from": self.recomputed_from,
            "orphaned_overrides": list(self.orphaned_overrides),
            "fingerprint": self.fingerprint,
            "seconds": self.seconds,
        }
