"""Response shapes of the JSON API, for the OpenAPI document (/openapi.json).

The handlers return plain dicts (no per-request validation cost); the unit
tests validate every ``.json`` response against these models, so the
documentation cannot drift from what is served. Nested parts produced by other
layers (item facts, tracker rows, timelines) are documented in
docs/json-schema.md and docs/web.md and typed loosely here; ``extra="allow"``
lets those layers add fields without breaking the API.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(_Open):
    status: int
    detail: str


class ErrorResponse(_Open):
    error: ErrorBody


class SourceSeen(_Open):
    path: str
    sha256: str
    version: int
    first_seen: str | None
    last_seen: str | None


class DocumentSummary(_Open):
    id: str = Field(description='ledger document id, "d" + 10 hex digits')
    versions: int
    version: int
    sha256: str
    title: str | None
    kind: str
    published: str | None
    mechanism: str | None
    round: int | None
    meeting_start: str | None
    items: int
    defects: int
    ingested_at: str | None
    sources: list[SourceSeen]
    url: str


class DocumentList(_Open):
    documents: list[DocumentSummary]
    count: int


class RoundOnTimeline(_Open):
    round: int | None
    date: str | None
    doc: str
    title: str | None
    url: str
    items: int


class Mechanism(_Open):
    name: str
    rounds: list[RoundOnTimeline]


class Home(_Open):
    as_of: str | None = Field(description="statuses as of this ISO date (default today)")
    documents: int
    outcomes: int = Field(description="items of the latest versions")
    commitments: int = Field(description="commitment facts of the latest versions")
    mechanisms: list[Mechanism]
    statuses: dict[str, int] | None = Field(
        description="commitments per displayed status; null before linking"
    )
    linked: bool


class DocumentHead(_Open):
    id: str
    version: int
    versions: int
    sha256: str
    ingested_at: str | None
    title: str | None
    kind: str | None
    published: str | None
    publisher: str | None
    source: dict[str, Any] | None
    warnings: list[str]


class SourceRow(_Open):
    version: int
    location: str
    sha256: str
    format: str | None
    size: int | None
    first_seen: str | None
    last_seen: str | None


class DocumentPage(_Open):
    document: DocumentHead
    meeting: dict[str, Any]
    sections: list[dict[str, Any]]
    items: list[dict[str, Any]] = Field(
        description="schema-v1 items with their facts (spans into `original`), plus id, url, "
        "and `corrected` (fields analysts corrected)"
    )
    defects: list[dict[str, Any]]
    sources: list[SourceRow]
    copies: dict[str, Any] | None = Field(
        description="luoshi.follow.copies_of; null before linking"
    )
    copies_unavailable: str | None
    original: str | None = Field(description="the decoded original source text")


class ItemPage(_Open):
    document: dict[str, Any]
    item: dict[str, Any]
    thread: dict[str, Any] | None = Field(description="{items[], diffs[]} across rounds")
    thread_unavailable: str | None
    commitments: list[dict[str, Any]] = Field(description="tracker rows with overrides")
    commitments_unavailable: str | None


class Tracker(_Open):
    filters: dict[str, Any]
    sort: str
    desc: bool
    count: int
    rows: list[dict[str, Any]] = Field(
        description="tracker rows: {id, doc, item, text, span, parties, due{start,end}, status, "
        "machine_status, score, topic, round, evidence[], overrides[]}"
    )
    unavailable: str | None


class CommitmentPage(_Open):
    commitment: dict[str, Any]
    statuses: list[str]


class SeriesList(_Open):
    series: list[dict[str, Any]] = Field(
        description="{id, name, name_en, occurrences, held, planned, url}"
    )
    count: int
    unavailable: str | None


class SeriesPage(_Open):
    timeline: dict[str, Any] = Field(
        description="{series{id,name,name_en}, occurrences[{ordinal, status, date, planned, "
        "place, sources[]}]}"
    )


class SearchHit(_Open):
    doc: str
    version: int | None = None
    item: int | None
    seq: int | None = None
    title: str | None
    text: str
    snippet: str | None = None
    marks: list[list[int]] = Field(description="[start, end) of matches in `text`")
    span: list[int] | None
    url: str


class SearchPage(_Open):
    query: str
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[dict[str, Any]]]
    filters: dict[str, str]
    limit: int
    offset: int
    fallback: bool = Field(description="true when the full-text index is not available")


class AuditRow(_Open):
    id: int
    at: str | None
    actor: str
    via: str
    action: str
    target: str
    before: Any
    after: Any


class AuditPage(_Open):
    entries: list[AuditRow]


class OverrideIn(BaseModel):
    status: str = Field(description="fulfilled, fulfilled-late, superseded, overdue, pending, "
                        "ongoing or unknown")
    note: str = Field(min_length=1)
    source: str | None = Field(default=None, description="http(s) URL of the evidence")


class CorrectionIn(BaseModel):
    title: str | None = None
    topic: str | None = Field(default=None, description="a topic code of the codebook")


class WriteResult(_Open):
    ok: bool
    audit: AuditRow | None = None
    row: dict[str, Any] | None = None
