"""Plain data passed between pipeline stages.

Every ``span`` is ``(start, end)``, half-open, in characters of the decoded
original source text (``RawDocument.text``), never of a cleaned text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from luoshi.textmap import MappedText, Span

# Defect kinds named by the parse issue; the list is closed so that consumers
# (ledger, web) can rely on it.
DEFECT_KINDS = (
    "duplicate-block",
    "numbering-gap",
    "out-of-order",
    "truncated-item",
    "truncated-document",
    "page-artifact",
    "boilerplate",
    "encoding-repair",
)

DOCUMENT_KINDS = ("outcome-list", "joint-statement", "narrative", "progress-report", "other")


@dataclass(slots=True)
class Defect:
    kind: str
    detail: str
    span: Span | None = None

    def __post_init__(self) -> None:
        if self.kind not in DEFECT_KINDS:
            raise ValueError(f"unknown defect kind {self.kind!r}")


@dataclass(slots=True)
class SourceInfo:
    """Where a document came from and how its bytes were decoded."""

    path: str  # file path or URL as given
    sha256: str  # of the raw bytes
    format: str  # text | markdown | html | archive | pdf | docx
    encoding: str | None = None  # None for binary formats (pdf, docx)
    script: str | None = None  # "Hans" | "Hant" | "Latn" | None; filled by the cleaner
    language: str | None = None  # "zh" | "en" | None; filled by the cleaner
    size: int = 0  # bytes
    declared_format: str | None = None  # what the name/content-type claimed, when it differed


@dataclass(slots=True)
class RawDocument:
    """What every reader returns.

    ``text`` is the decoded original source (for HTML: the markup; for PDF/DOCX:
    the text layer as extracted, pages separated by form feeds). ``body`` is the
    part of it to parse, as a MappedText whose root text is ``text``: readers strip
    markup, metadata fields and navigation here, keeping offsets.
    """

    text: str
    body: MappedText
    source: SourceInfo
    # metadata fields found by the reader: title, published (ISO date), page, genre,
    # section, author, dateline ... each value a string; spans where known.
    metadata: dict[str, str] = field(default_factory=dict)
    metadata_spans: dict[str, Span] = field(default_factory=dict)
    defects: list[Defect] = field(default_factory=list)
    # headings the reader saw as markup (Markdown '#', HTML <h1>..): (level, span in text)
    headings: list[tuple[int, Span]] = field(default_factory=list)
    # bold runs the reader saw as markup (Markdown **…**, HTML <strong>/<b>): the span of
    # their text in ``text``; a bold run opening an item is its run-in heading
    strong: list[Span] = field(default_factory=list)
    # one-line notes for the user that are not defects of the text, e.g. a mislabelled file
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SubItem:
    number: str  # as written, e.g. "(1)", "（2）", "a)"
    text: str
    span: Span


@dataclass(slots=True)
class Section:
    number: str  # as written without punctuation: "一", "II", "(三)"
    title: str
    span: Span
    level: int = 1
    ordinal: int | None = None


@dataclass(slots=True)
class Item:
    number: int | None
    label: str  # marker as written: "1、", "**1、", "1.", "(一)"
    section: str | None  # Section.number it sits in
    title: str | None  # heading before the first ：/:, or a bold run-in heading
    text: str  # display text: wraps joined, artifacts removed, original script kept
    span: Span
    title_span: Span | None = None
    subitems: list[SubItem] = field(default_factory=list)
    normalized: str = ""  # simplified-script, width-normalised text used for matching
    level: int = 1
    norm_start: int = 0  # where ``normalized`` starts in Document.normalized (for fact spans)
    # Filled by the extract stage (issue 3); the parse stage leaves them empty.
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Chair:
    name: str
    title: str | None
    side: str | None  # CN | US | joint | international
    span: Span


@dataclass(slots=True)
class Meeting:
    mechanism: str | None = None
    track: str | None = None
    round: int | None = None
    start: str | None = None  # ISO date
    end: str | None = None
    venue: str | None = None
    chairs: list[Chair] = field(default_factory=list)
    span: Span | None = None  # the sentence it was read from
    # the English name the document itself writes for its Chinese-named mechanism, if any
    mechanism_en: str | None = None


@dataclass(slots=True)
class Event:
    text: str
    span: Span
    what: str | None
    start: str | None
    end: str | None
    place: str | None


@dataclass(slots=True)
class Dateline:
    agency: str | None
    place: str | None
    date: str | None
    span: Span


@dataclass(slots=True)
class Document:
    source: SourceInfo
    text: str  # decoded original source
    title: str | None = None
    title_span: Span | None = None
    kind: str = "other"
    published: str | None = None
    # a progress report's own date (截至…, its closing date line): relative dates count
    # from it, while ``meeting`` stays the round it reports on
    as_of: str | None = None
    publisher: str | None = None
    page: str | None = None
    dateline: Dateline | None = None
    meeting: Meeting = field(default_factory=Meeting)
    sections: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    defects: list[Defect] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # layers kept for display and extraction; not serialised as such
    display: MappedText | None = None
    normalized: MappedText | None = None
