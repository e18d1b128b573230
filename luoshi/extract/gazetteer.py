"""The actor gazetteer: loading and validating ``luoshi/data/gazetteer/*.tsv``.

The data is plain TSV so that non-programmers can edit it in any spreadsheet or
text editor, and so that a bad row can be reported as ``file:line``. Three kinds
of file live in the directory (see its README.md for the columns):

* entity files (every ``*.tsv`` except the two below): one entity per row;
* ``roles.tsv``: time-bounded roles of persons (title, organisation, from, to);
* ``ambiguous.tsv``: bare forms such as 国务院 or 能源部 whose referent depends on
  which side (CN / US) the text is talking about.

Everything is validated on load, and the first problem raises
:class:`GazetteerError` naming the file and line, because a silently skipped row
would show up much later as an agency without an English label.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

TYPES = (
    "agency",
    "sub-agency",
    "mechanism",
    "person",
    "place",
    "intl-org",
    "organisation",
    "document",
    "treaty",
    "event-series",
)
SIDES = ("CN", "US", "joint", "international", "other")

# Ids whose namespace fixes the type, so that a row filed under the wrong type is
# caught (e.g. a treaty typed as a document would sort wrongly in the ledger).
_PREFIX_TYPES = {
    "person": ("person",),
    "place": ("place",),
    "mech": ("mechanism",),
    "doc": ("document",),
    "treaty": ("treaty",),
    "evt": ("event-series",),
}

ENTITY_COLUMNS = (
    "id",
    "type",
    "side",
    "zh",
    "zh_hant",
    "en",
    "parent",
    "zh_aliases",
    "zh_hant_aliases",
    "en_aliases",
    "note",
)
# Guarded short names (克里, 卡特): only matched next to one of the person's titles.
# body_suffixes (places only): endings that name a government body of that country beyond
# the common ones (部/局/署/委员会 …), e.g. Japan's ministries 外务省 and agencies 文化厅;
# elsewhere 省 is a province.
# kind (places only): what sort of place the row is (PLACE_KINDS); the extractors read
# their country names from it (country_names), so "no parent" never has to mean "country".
OPTIONAL_ENTITY_COLUMNS = ("zh_short", "zh_hant_short", "body_suffixes", "kind")
PLACE_KINDS = ("country", "region", "province", "city", "port", "venue")
REQUIRED_ENTITY_COLUMNS = ("id", "type", "side", "zh", "zh_hant", "en")

ROLE_COLUMNS = ("person", "title_zh", "title_zh_hant", "title_en", "org", "from", "to", "note")
REQUIRED_ROLE_COLUMNS = ("person", "title_zh", "title_zh_hant", "title_en", "org", "from")

AMBIGUOUS_COLUMNS = ("form", "form_hant", "CN", "US", "default", "note")
REQUIRED_AMBIGUOUS_COLUMNS = ("form", "form_hant")

ROLES_FILE = "roles.tsv"
AMBIGUOUS_FILE = "ambiguous.tsv"

# "|" never occurs in an agency name, unlike "/" (国际红十字会/红新月会) or "、".
MULTI_SEP = "|"

_ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:\.[a-z0-9][a-z0-9-]*)+$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class GazetteerError(ValueError):
    """A bad gazetteer row; ``str(err)`` starts with ``file:line``."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        name = Path(path).name
        super().__init__(f"{name}:{line}: {problem}")
        self.path = str(path)
        self.line = line
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{Path(self.path).name}:{self.line}"


@dataclass(frozen=True, slots=True)
class Role:
    """A title a person held, ``start``..``end`` inclusive (``end`` None: still held)."""

    person: str
    title: str  # canonical Simplified title, e.g. 国务委员
    title_hant: str
    title_en: str
    org: str  # gazetteer id of the organisation (a place for heads of state)
    start: dt.date
    end: dt.date | None
    # every written form of the title, Simplified and Traditional (外交部长|外长 ...)
    titles: tuple[str, ...] = ()
    note: str = ""
    source: Source | None = field(default=None, compare=False)

    def valid_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    type: str
    side: str
    zh: str
    zh_hant: str
    en: str
    parent: str | None = None
    zh_aliases: tuple[str, ...] = ()
    zh_hant_aliases: tuple[str, ...] = ()
    en_aliases: tuple[str, ...] = ()
    zh_short: tuple[str, ...] = ()
    zh_hant_short: tuple[str, ...] = ()
    note: str = ""
    source: Source | None = field(default=None, compare=False)
    body_suffixes: tuple[str, ...] = ()  # places: see OPTIONAL_ENTITY_COLUMNS
    kind: str = ""  # places: one of PLACE_KINDS

    @property
    def zh_names(self) -> tuple[str, ...]:
        """Every Chinese written form that names the entry outright (both scripts)."""
        return (self.zh, self.zh_hant, *self.zh_aliases, *self.zh_hant_aliases)

    @property
    def en_names(self) -> tuple[str, ...]:
        return (self.en, *self.en_aliases)


@dataclass(frozen=True, slots=True)
class AmbiguousForm:
    """A bare form naming different bodies on each side (国务院: CN State Council, US DoS)."""

    form: str
    form_hant: str
    targets: Mapping[str, str]  # side ("CN" / "US") -> entry id
    default: str | None  # side assumed when the text gives no clue; None: no guess
    note: str = ""
    source: Source | None = field(default=None, compare=False)


class Gazetteer:
    """The validated gazetteer. Obtain it with :func:`load_gazetteer` (cached)."""

    def __init__(
        self,
        entries: dict[str, Entry],
        roles: dict[str, tuple[Role, ...]],
        ambiguous: tuple[AmbiguousForm, ...],
        directory: Path,
    ) -> None:
        self.entries: Mapping[str, Entry] = entries
        self.roles: Mapping[str, tuple[Role, ...]] = roles
        self.ambiguous = ambiguous
        self.directory = directory

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def children(self, entry_id: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.parent == entry_id]

    def roles_on(self, person: str, day: dt.date) -> list[Role]:
        """Roles of ``person`` valid on ``day``, in data order (first = primary)."""
        return [r for r in self.roles.get(person, ()) if r.valid_on(day)]

    def counts(self) -> dict[tuple[str, str], int]:
        """Entry counts by (type, side), for reports."""
        out: dict[tuple[str, str], int] = {}
        for e in self.entries.values():
            out[(e.type, e.side)] = out.get((e.type, e.side), 0) + 1
        return out


# --------------------------------------------------------------------------- folding

# Middle dots used in transliterated names: · (U+00B7), ・ (U+30FB), • (U+2022),
# ‧ (U+2027), ･ (U+FF65), ∙ (U+2219), ⋅ (U+22C5), ·(U+0387), ᐧ (U+1427). Sources mix
# them freely (约翰·克里 / 约翰・克里), so they all fold to U+00B7.
MIDDLE_DOTS = "\u00b7\u30fb\u2022\u2027\uff65\u2219\u22c5\u0387\u1427"
MIDDLE_DOT = "\u00b7"


@functools.cache
def _fold_table() -> dict[int, str]:
    """Length-preserving fold: Traditional -> Simplified per character, dots, widths.

    Per-character (not phrase) conversion keeps offsets 1:1 and makes folding of
    patterns and of documents agree by construction; it is only used for matching,
    never shown to users.
    """
    import opencc  # imported lazily: only needed once, when the table is built

    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    # one character per line so that OpenCC's phrase rules cannot join neighbours
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table: dict[int, str] = {}
    if len(converted) == len(chars):
        for src, dst in zip(chars, converted, strict=True):
            if src != dst and len(dst) == 1:
                table[ord(src)] = dst
    for dot in MIDDLE_DOTS:
        table[ord(dot)] = MIDDLE_DOT
    # full-width ASCII (ＪＬＧ, Ｇ２０) -> ASCII; the ideographic space -> space
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    return table


@functools.cache
def _fold_subn() -> Callable[..., tuple[str, int]]:
    """``subn`` over the characters :func:`fold` changes (one per match)."""
    chars = {chr(code): folded for code, folded in _fold_table().items()}
    pattern = re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]")
    return functools.partial(pattern.subn, lambda m: chars[m.group()])


def fold(text: str) -> str:
    """Fold ``text`` for matching; ``len(fold(s)) == len(s)`` always."""
    # str.translate raises and clears a KeyError for every character missing
    # from the table, i.e. for almost every character of Simplified text. Where
    # few characters fold (full-width punctuation, mostly) substituting just
    # those is several times faster; beyond about one in five (Traditional
    # text) translate is the faster of the two, so fall back to it.
    limit = len(text) // 5 + 1
    folded, n = _fold_subn()(text, count=limit)
    return folded if n < limit else text.translate(_fold_table())


def is_han(ch: str) -> bool:
    return bool(_HAN_RE.match(ch))


# --------------------------------------------------------------------------- parsing


@dataclass(slots=True)
class _Row:
    source: Source
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def many(self, column: str) -> tuple[str, ...]:
        raw = self.get(column)
        return tuple(p.strip() for p in raw.split(MULTI_SEP) if p.strip()) if raw else ()

    def fail(self, problem: str) -> GazetteerError:
        return GazetteerError(self.source.path, self.source.line, problem)


def read_tsv(
    path: Path, allowed: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[str], list[_Row]]:
    """Rows of a gazetteer TSV: '#' lines and blank lines are skipped, the first
    other line is the header. Missing trailing cells count as empty (hand edits
    often drop them); extra cells are an error."""
    header: list[str] | None = None
    rows: list[_Row] = []
    text = path.read_text(encoding="utf-8")
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            unknown = [c for c in header if c not in allowed]
            if unknown:
                raise GazetteerError(path, lineno, f"unknown column(s) {unknown}")
            missing = [c for c in required if c not in header]
            if missing:
                raise GazetteerError(path, lineno, f"missing column(s) {missing}")
            if len(set(header)) != len(header):
                raise GazetteerError(path, lineno, "duplicate column in header")
            continue
        if len(cells) > len(header):
            raise GazetteerError(
                path, lineno, f"{len(cells)} cells for {len(header)} columns (stray tab?)"
            )
        values = dict(zip(header, cells, strict=False))
        rows.append(_Row(Source(str(path), lineno), values))
    if header is None:
        raise GazetteerError(path, 1, "empty file (no header)")
    return header, rows


def parse_date(value: str, *, end: bool) -> dt.date:
    """'2013', '2013-03' or '2013-03-16'; a period's first day, or last when ``end``."""
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(f"bad date {value!r} (want YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    try:
        if m.group(3):
            return dt.date(year, month, int(m.group(3)))
        return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    except ValueError as err:  # month 13, 30 February ...
        raise ValueError(f"bad date {value!r} ({err})") from None


def _check_zh(row: _Row, column: str, values: tuple[str, ...]) -> None:
    for v in values:
        if not _HAN_RE.search(v):
            raise row.fail(f"{column} value {v!r} has no Chinese character")
        if v != unicodedata.normalize("NFC", v):
            raise row.fail(f"{column} value {v!r} is not NFC-normalised")


def _parse_entry(row: _Row) -> Entry:
    entry_id = row.get("id")
    if not _ID_RE.match(entry_id):
        raise row.fail(f"bad id {entry_id!r} (want dotted lower-case, e.g. us.dhs.cbp)")
    etype = row.get("type")
    if etype not in TYPES:
        raise row.fail(f"{entry_id}: unknown type {etype!r} (one of {', '.join(TYPES)})")
    allowed = _PREFIX_TYPES.get(entry_id.split(".", 1)[0])
    if allowed and etype not in allowed:
        raise row.fail(f"{entry_id}: an id in this namespace must have type {allowed[0]}")
    side = row.get("side")
    if side not in SIDES:
        raise row.fail(f"{entry_id}: unknown side {side!r} (one of {', '.join(SIDES)})")
    for column in ("zh", "zh_hant", "en"):
        if not row.get(column):
            raise row.fail(f"{entry_id}: missing {column}")
    zh_aliases, zh_hant_aliases = row.many("zh_aliases"), row.many("zh_hant_aliases")
    if len(zh_aliases) != len(zh_hant_aliases):
        raise row.fail(
            f"{entry_id}: {len(zh_aliases)} zh_aliases but {len(zh_hant_aliases)} "
            "zh_hant_aliases (run scripts/gazetteer_hant.py)"
        )
    zh_short, zh_hant_short = row.many("zh_short"), row.many("zh_hant_short")
    if len(zh_short) != len(zh_hant_short):
        raise row.fail(f"{entry_id}: zh_short and zh_hant_short differ in length")
    if zh_short and etype != "person":
        raise row.fail(f"{entry_id}: zh_short is only for persons")
    _check_zh(row, "zh", (row.get("zh"), *zh_aliases, *zh_short))
    _check_zh(row, "zh_hant", (row.get("zh_hant"), *zh_hant_aliases, *zh_hant_short))
    body_suffixes = row.many("body_suffixes")
    if body_suffixes:
        if etype != "place":
            raise row.fail(f"{entry_id}: body_suffixes is only for places (countries)")
        _check_zh(row, "body_suffixes", body_suffixes)
    kind = row.get("kind")
    if kind:
        if etype != "place":
            raise row.fail(f"{entry_id}: kind is only for places")
        if kind not in PLACE_KINDS:
            raise row.fail(f"{entry_id}: unknown kind {kind!r} (one of {', '.join(PLACE_KINDS)})")
    parent = row.get("parent") or None
    if etype == "sub-agency" and not parent:
        raise row.fail(f"{entry_id}: a sub-agency needs a parent")
    return Entry(
        id=entry_id,
        type=etype,
        side=side,
        zh=row.get("zh"),
        zh_hant=row.get("zh_hant"),
        en=row.get("en"),
        parent=parent,
        zh_aliases=zh_aliases,
        zh_hant_aliases=zh_hant_aliases,
        en_aliases=row.many("en_aliases"),
        zh_short=zh_short,
        zh_hant_short=zh_hant_short,
        note=row.get("note"),
        source=row.source,
        body_suffixes=body_suffixes,
        kind=kind,
    )


def _parse_role(row: _Row, entries: Mapping[str, Entry]) -> Role:
    person = row.get("person")
    entry = entries.get(person)
    if entry is None or entry.type != "person":
        raise row.fail(f"role for unknown person {person!r}")
    titles = row.many("title_zh")
    titles_hant = row.many("title_zh_hant")
    if not titles or not row.get("title_en"):
        raise row.fail(f"{person}: a role needs title_zh and title_en")
    if len(titles) != len(titles_hant):
        raise row.fail(f"{person}: title_zh and title_zh_hant differ in length")
    _check_zh(row, "title_zh", titles)
    org = row.get("org")
    if org not in entries:
        raise row.fail(f"{person}: unknown org {org!r}")
    try:
        start = parse_date(row.get("from"), end=False)
        end = parse_date(row.get("to"), end=True) if row.get("to") else None
    except ValueError as err:
        raise row.fail(f"{person}: {err}") from None
    if end is not None and end < start:
        raise row.fail(f"{person}: role ends ({end}) before it starts ({start})")
    return Role(
        person=person,
        title=titles[0],
        title_hant=titles_hant[0],
        title_en=row.get("title_en"),
        org=org,
        start=start,
        end=end,
        titles=tuple(dict.fromkeys((*titles, *titles_hant))),
        note=row.get("note"),
        source=row.source,
    )


def _parse_ambiguous(row: _Row, entries: Mapping[str, Entry]) -> AmbiguousForm:
    form, form_hant = row.get("form"), row.get("form_hant")
    _check_zh(row, "form", (form, form_hant))
    targets: dict[str, str] = {}
    for side in ("CN", "US"):
        target = row.get(side)
        if not target:
            continue
        entry = entries.get(target)
        if entry is None:
            raise row.fail(f"{form}: unknown {side} target {target!r}")
        if entry.side != side:
            raise row.fail(f"{form}: {side} target {target} has side {entry.side}")
        targets[side] = target
    if not targets:
        raise row.fail(f"{form}: needs a CN or a US target")
    default = row.get("default") or None
    if default is not None and default not in targets:
        raise row.fail(f"{form}: default side {default!r} has no target")
    return AmbiguousForm(form, form_hant, targets, default, row.get("note"), row.source)


def _check_names(entries: Mapping[str, Entry], ambiguous: tuple[AmbiguousForm, ...]) -> None:
    """One written form, one entity: a form shared by two entries would make the
    label depend on load order, so it must go to ambiguous.tsv instead."""
    seen: dict[str, Entry] = {}
    for entry in entries.values():
        assert entry.source is not None
        for name in (*entry.zh_names, *entry.zh_short, *entry.zh_hant_short):
            key = fold(name)
            other = seen.setdefault(key, entry)
            if other.id != entry.id:
                raise GazetteerError(
                    entry.source.path,
                    entry.source.line,
                    f"{entry.id}: name {name!r} already names {other.id} ({other.source})",
                )
    seen_en: dict[str, Entry] = {}
    for entry in entries.values():
        assert entry.source is not None
        for name in entry.en_names:
            other = seen_en.setdefault(name, entry)
            if other.id != entry.id:
                raise GazetteerError(
                    entry.source.path,
                    entry.source.line,
                    f"{entry.id}: English name {name!r} already names {other.id} ({other.source})",
                )
    forms: dict[str, AmbiguousForm] = {}
    for amb in ambiguous:
        assert amb.source is not None
        for form in (amb.form, amb.form_hant):
            key = fold(form)
            if key in seen:
                raise GazetteerError(
                    amb.source.path,
                    amb.source.line,
                    f"ambiguous form {form!r} is also a name of {seen[key].id} "
                    f"({seen[key].source}); remove one",
                )
            prev = forms.setdefault(key, amb)
            if prev is not amb:
                raise GazetteerError(
                    amb.source.path, amb.source.line, f"form {form!r} repeated ({prev.source})"
                )


def _check_parents(entries: Mapping[str, Entry]) -> None:
    for entry in entries.values():
        assert entry.source is not None
        if entry.parent is None:
            continue
        if entry.parent not in entries:
            raise GazetteerError(
                entry.source.path,
                entry.source.line,
                f"{entry.id}: unknown parent {entry.parent!r}",
            )
        # walk up: a cycle would make "agency and its parents" loop forever
        seen = {entry.id}
        cur: str | None = entry.parent
        while cur is not None:
            if cur in seen:
                raise GazetteerError(
                    entry.source.path, entry.source.line, f"{entry.id}: parent cycle via {cur}"
                )
            seen.add(cur)
            cur = entries[cur].parent


def load_dir(directory: Path) -> Gazetteer:
    """Load and validate a gazetteer directory (uncached; see :func:`load_gazetteer`)."""
    directory = Path(directory)
    files = sorted(directory.glob("*.tsv"))
    if not files:
        raise GazetteerError(directory, 0, "no *.tsv files in gazetteer directory")
    entries: dict[str, Entry] = {}
    for path in files:
        if path.name in (ROLES_FILE, AMBIGUOUS_FILE):
            continue
        _, rows = read_tsv(path, ENTITY_COLUMNS + OPTIONAL_ENTITY_COLUMNS, REQUIRED_ENTITY_COLUMNS)
        for row in rows:
            entry = _parse_entry(row)
            prev = entries.get(entry.id)
            if prev is not None:
                raise row.fail(f"duplicate id {entry.id} (first at {prev.source})")
            entries[entry.id] = entry
    _check_parents(entries)

    roles: dict[str, list[Role]] = {}
    roles_path = directory / ROLES_FILE
    if roles_path.exists():
        _, rows = read_tsv(roles_path, ROLE_COLUMNS, REQUIRED_ROLE_COLUMNS)
        for row in rows:
            role = _parse_role(row, entries)
            roles.setdefault(role.person, []).append(role)

    ambiguous: list[AmbiguousForm] = []
    amb_path = directory / AMBIGUOUS_FILE
    if amb_path.exists():
        _, rows = read_tsv(amb_path, AMBIGUOUS_COLUMNS, REQUIRED_AMBIGUOUS_COLUMNS)
        ambiguous = [_parse_ambiguous(row, entries) for row in rows]
    _check_names(entries, tuple(ambiguous))
    return Gazetteer(
        entries,
        {k: tuple(v) for k, v in roles.items()},
        tuple(ambiguous),
        directory,
    )


@functools.cache
def _load_cached(directory: str) -> Gazetteer:
    return load_dir(Path(directory))


def load_gazetteer(directory: Path | str | None = None) -> Gazetteer:
    """The gazetteer in ``directory`` (default: the packaged data), loaded once."""
    return _load_cached(str(Path(directory or DATA_DIR).resolve()))


@functools.cache
def country_names(*, aliases: bool = True) -> tuple[str, ...]:
    """The Simplified Chinese names of every country (``kind`` country in ``places.tsv``) of
    the packaged gazetteer, in file order: canonical names, then (``aliases``) their
    Simplified aliases (印尼, 俄罗斯联邦, 波黑 …). Cached: callers compile them once."""
    countries = [e for e in load_gazetteer() if e.type == "place" and e.kind == "country"]
    names = [e.zh for e in countries]
    if aliases:
        names += [a for e in countries for a in e.zh_aliases]
    return tuple(dict.fromkeys(names))


@functools.cache
def places_opening_with_a_country() -> tuple[str, ...]:
    """Names of other places that a country's name opens (马里兰州, 朝鲜半岛, 印度洋), longest
    first: a place that starts with one of them is no country + city (马里 + 兰州)."""
    countries = country_names()
    return tuple(sorted(
        {n for k in PLACE_KINDS if k != "country" for n in place_names(k)
         if any(n.startswith(c) and len(n) > len(c) for c in countries)},
        key=len, reverse=True,
    ))


@functools.cache
def place_names(kind: str) -> tuple[str, ...]:
    """Simplified names and aliases of the packaged gazetteer's places of ``kind``."""
    if kind not in PLACE_KINDS:
        raise ValueError(f"unknown place kind {kind!r} (one of {', '.join(PLACE_KINDS)})")
    return tuple(
        dict.fromkeys(
            n
            for e in load_gazetteer()
            if e.type == "place" and e.kind == kind
            for n in (e.zh, *e.zh_aliases)
        )
    )
