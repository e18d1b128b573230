"""The ``luoshi`` command: parse, ingest, list, show, export.

Output contract:
- stdout carries only the command's output (JSON when ``--json``); anything a
  library prints while we work is sent to stderr (see ``_owned_stdout``);
- every problem is one stderr line, ``error: <where>: <problem>`` or
  ``warning: ...``; never a traceback;
- one bad document never stops the others; the exit code is 1 if any failed.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TextIO, TypeVar

import typer
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from luoshi import __version__
from luoshi.errors import InputError
from luoshi.model import Document, RawDocument
from luoshi.serialize import document_to_dict, dumps

app = typer.Typer(
    name="luoshi",
    help="落实 luoshi: a ledger of commitments from diplomatic dialogue outcome documents.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

P = ParamSpec("P")
R = TypeVar("R")

# ---------------------------------------------------------------------------
# pipeline hooks (module attributes so tests can substitute them)


def read_document(target: str, max_bytes: int | None = None) -> RawDocument:
    """Read a path or URL; raises InputError for anything wrong with the input."""
    from luoshi.readers import read

    if max_bytes is None:
        return read(target)
    return read(target, max_bytes=max_bytes)


def parse_document(raw: RawDocument) -> Document:
    from luoshi.pipeline import parse_raw

    return parse_raw(raw)


# ---------------------------------------------------------------------------
# messages


def _one_line(text: str, limit: int = 500) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def error(where: str, problem: str) -> None:
    sys.stderr.write(f"error: {_one_line(where)}: {_one_line(problem)}\n")
    sys.stderr.flush()


def warn(where: str, message: str) -> None:
    sys.stderr.write(f"warning: {_one_line(where)}: {_one_line(message)}\n")
    sys.stderr.flush()


def report_failure(where: str, exc: BaseException) -> None:
    """The one line for a document that failed: input problems vs our own bugs."""
    if isinstance(exc, InputError):
        sys.stderr.write(f"error: {_one_line(str(exc))}\n")
        sys.stderr.flush()
    else:
        error(where, f"internal error: {type(exc).__name__}: {exc}")


def _guard(func: Callable[P, R]) -> Callable[P, R]:
    """Turn anything a command lets escape into one stderr line and exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            sys.stderr.write("error: interrupted\n")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # reader of our stdout went away (e.g. `| head`): not an error of ours
            _silence_stdout()
            raise typer.Exit(0) from None
        except Exception as exc:
            error("luoshi", f"internal error: {type(exc).__name__}: {exc}")
            raise typer.Exit(1) from None

    return wrapper


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass


@contextmanager
def _owned_stdout() -> Iterator[TextIO]:
    """Yield the real stdout for our output; route everything else to stderr.

    Some libraries print banners or progress to stdout (Python-level or straight
    to file descriptor 1). While a command runs, ``sys.stdout`` and fd 1 both
    point at stderr, and only the yielded stream reaches the real stdout.
    """
    real = sys.stdout
    real.flush()
    try:
        out_fd: int | None = real.fileno()
        err_fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        out_fd = None  # not a real file (e.g. a test runner's buffer)
    saved: int | None = None
    stream: TextIO = real
    if out_fd is not None:
        saved = os.dup(out_fd)
        os.dup2(err_fd, out_fd)
        stream = open(saved, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = sys.stderr
    try:
        yield stream
        stream.flush()
    finally:
        sys.stdout = real
        if saved is not None and out_fd is not None:
            with suppress(BrokenPipeError):
                stream.close()
            os.dup2(saved, out_fd)
            os.close(saved)


def _out_console(stream: TextIO) -> Console:
    return Console(file=stream, highlight=False, soft_wrap=False, emoji=False)


def _err_console() -> Console:
    return Console(stderr=True, highlight=False, emoji=False)


# ---------------------------------------------------------------------------
# targets


@dataclass(frozen=True, slots=True)
class Target:
    where: str  # as shown to the user
    location: str  # as recorded in the ledger: absolute path or URL


def _is_url(value: str) -> bool:
    return "://" in value


def _walk(folder: Path, skip: set[Path]) -> Iterator[Path]:
    """Files under ``folder``, sorted, without hidden files or hidden folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if path.is_file() and path.resolve() not in skip:
                yield path


def expand_targets(values: list[str], skip: set[Path] | None = None) -> tuple[list[Target], int]:
    """Files, folders (recursive) and URLs → targets; reports missing paths.

    Returns the targets and the number of arguments that failed.
    """
    skip = skip or set()
    targets: list[Target] = []
    failed = 0
    for value in values:
        if _is_url(value):
            targets.append(Target(value, value.strip()))
            continue
        path = Path(value).expanduser()
        if path.is_dir():
            targets.extend(Target(str(p), str(p.resolve())) for p in _walk(path, skip))
        elif path.exists():
            targets.append(Target(value, str(path.resolve())))
        else:
            error(value, "no such file or directory")
            failed += 1
    return targets, failed


def _ledger_files(url: str) -> set[Path]:
    """The SQLite ledger's own files, so that `ingest .` does not ingest them."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return set()
    db = Path(parsed.database).expanduser().resolve()
    return {db, *(db.with_name(db.name + s) for s in ("-journal", "-wal", "-shm"))}


def _print_warnings(where: str, *lists: list[str]) -> None:
    """One ``warning:`` line per distinct message (raw and parsed may repeat one)."""
    shown: set[str] = set()
    for messages in lists:
        for msg in messages:
            if msg in shown:
                continue
            shown.add(msg)
            # readers already name the file in some messages: do not say it twice
            if msg.startswith(f"{where}: "):
                sys.stderr.write(f"warning: {_one_line(msg)}\n")
            else:
                warn(where, msg)


# ---------------------------------------------------------------------------
# rendering a stored or fresh record (both are serialize.document_to_dict output)


def _span_text(span: list[int] | None) -> str:
    return "—" if span is None else f"[{span[0]}, {span[1]})"


def _meeting_line(meeting: dict[str, Any]) -> str:
    parts: list[str] = []
    if meeting.get("round"):
        parts.append(f"round {meeting['round']}")
    if meeting.get("mechanism"):
        parts.append(str(meeting["mechanism"]))
    if meeting.get("track"):
        parts.append(f"({meeting['track']})")
    dates = "–".join(d for d in (meeting.get("start"), meeting.get("end")) if d)
    if dates:
        parts.append(dates)
    if meeting.get("venue"):
        parts.append(str(meeting["venue"]))
    line = " · ".join(parts) if parts else "—"
    chairs = []
    for chair in meeting.get("chairs", []):
        about = ", ".join(x for x in (chair.get("title"), chair.get("side")) if x)
        chairs.append(chair["name"] + (f" ({about})" if about else ""))
    if chairs:
        line += "; chairs: " + "; ".join(chairs)
    return line


def _defects_table(defects: list[dict[str, Any]]) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("kind")
    table.add_column("span")
    table.add_column("detail", overflow="fold")
    for d in defects:
        table.add_row(Text(d["kind"]), Text(_span_text(d["span"])), Text(d["detail"]))
    return table


def render_summary(console: Console, where: str, rec: dict[str, Any]) -> None:
    """What `luoshi parse` shows for one document."""
    console.print(Text(where, style="bold"))
    console.print(Text(f"  title:   {rec['title'] or '—'}"))
    console.print(Text(f"  kind:    {rec['kind']}"))
    console.print(Text(f"  meeting: {_meeting_line(rec['meeting'])}"))
    console.print(
        Text(
            f"  {len(rec['sections'])} sections · {len(rec['items'])} items · "
            f"{len(rec['defects'])} defects"
        )
    )
    if rec["defects"]:
        console.print(_defects_table(rec["defects"]))


def _items_by_section(rec: dict[str, Any]) -> list[tuple[dict[str, Any] | None, list[Any]]]:
    groups: list[tuple[dict[str, Any] | None, list[Any]]] = []
    index: dict[str | None, int] = {}
    for sec in rec["sections"]:
        index.setdefault(sec["number"], len(groups))
        groups.append((sec, []))
    loose: list[Any] = []
    for item in rec["items"]:
        pos = index.get(item["section"])
        (groups[pos][1] if pos is not None else loose).append(item)
    if loose:
        groups.insert(0, (None, loose))
    return groups


def render_document(console: Console, rec: dict[str, Any]) -> None:
    """What `luoshi show DOC` prints."""
    led = rec["ledger"]
    console.print(Text(f"{led['id']}  {rec['title'] or '(untitled)'}", style="bold"))
    facts = [
        ("kind", rec["kind"]),
        ("published", rec["published"]),
        ("as of", rec.get("as_of")),  # a progress report's own date
        ("publisher", rec["publisher"]),
        ("version", f"{led['version']} of {led['versions']}"),
        ("format", rec["source"]["format"]),
    ]
    console.print(Text("  " + " · ".join(f"{k} {v}" for k, v in facts if v)))
    console.print(Text(f"  sha256 {led['sha256']}"))
    for src in led["sources"]:
        console.print(Text(f"  source: {src['path']}  (last seen {src['last_seen']})"))
    console.print(Text(f"  meeting: {_meeting_line(rec['meeting'])}"))
    console.print()
    for sec, items in _items_by_section(rec):
        if sec is not None:
            console.print(Text(f"{sec['number']}  {sec['title']}", style="bold"))
        for item in items:
            number = "—" if item["number"] is None else str(item["number"])
            title = item["title"] or _one_line(item["text"], 40)
            line = Text(f"  {number:>3}  {title}")
            about = _item_brief(item)
            if about:
                line.append(f"  · {about}", style="dim")
            console.print(line)
    if rec["defects"]:
        console.print()
        console.print(Text(f"defects ({len(rec['defects'])})", style="bold"))
        console.print(_defects_table(rec["defects"]))
    for w in rec["warnings"]:
        console.print(Text(f"warning: {w}"))


def _inside(span: list[int] | None, outer: list[int]) -> bool:
    return span is not None and outer[0] <= span[0] and span[1] <= outer[1] and span != [0, 0]


def item_view(rec: dict[str, Any], number: int) -> dict[str, Any]:
    """The items numbered ``number`` and the defects whose span lies inside them."""
    found = [it for it in rec["items"] if it["number"] == number]
    defects = [d for d in rec["defects"] if any(_inside(d["span"], it["span"]) for it in found)]
    led = rec["ledger"]
    return {
        "id": led["id"],
        "version": led["version"],
        "number": number,
        "items": found,
        "defects": defects,
    }


def render_item(console: Console, rec: dict[str, Any], view: dict[str, Any]) -> None:
    titles = {s["number"]: s["title"] for s in rec["sections"]}
    for item in view["items"]:
        sec = item["section"]
        where = f"section {sec} {titles.get(sec, '')}".strip() if sec else "no section"
        console.print(
            Text(f"{view['id']} item {item['label'] or item['number']}  ({where})", style="bold")
        )
        if item["title"]:
            console.print(Text(f"title: {item['title']}"))
        console.print(Text(f"span:  {_span_text(item['span'])}"))
        console.print()
        console.print(Text(item["text"]))
        for sub in item["subitems"]:
            console.print(Text(f"  {sub['number']} {sub['text']}  {_span_text(sub['span'])}"))
        console.print()
        render_facts(console, item)
    if view["defects"]:
        console.print(Text(f"defects inside ({len(view['defects'])})", style="bold"))
        console.print(_defects_table(view["defects"]))


# -- item facts (see docs/json-schema.md for their shapes) -----------------------------
#
# Records in the ledger may predate extraction or come from a pipeline without
# it, so every key is read with .get() and a missing list prints nothing.


def _topic_text(topic: Any) -> str | None:
    if not isinstance(topic, dict) or not topic.get("code"):
        return None
    label = topic.get("label_en") or topic.get("label_zh") or ""
    return f"{label} ({topic['code']})" if label else str(topic["code"])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _item_brief(item: dict[str, Any]) -> str:
    """Topic and number of commitments, for the item lines of `show DOC`."""
    parts: list[str] = []
    topic = _topic_text(item.get("topic"))
    if topic:
        parts.append(topic)
    if isinstance(item.get("commitments"), list):
        parts.append(_plural(len(item["commitments"]), "commitment"))
    return " · ".join(parts)


def _interval_text(interval: Any) -> str | None:
    """``{"start", "end"}`` as one readable range; None when both ends are open."""
    if not isinstance(interval, dict):
        return None
    start, end = interval.get("start"), interval.get("end")
    if start and end:
        return start if start == end else f"{start} – {end}"
    if end:
        return f"by {end}"
    if start:
        return f"from {start}"
    return None


def _join(values: Any) -> str:
    return ", ".join(str(v) for v in values if v) if isinstance(values, list) else ""


def _heading(console: Console, title: str, facts: list[Any]) -> None:
    console.print(Text(f"{title} ({len(facts)})", style="bold"))


def _line(console: Console, head: str, *rest: str | None, indent: str = "  ") -> None:
    """``head`` then the non-empty ``rest`` dimmed, separated by middle dots."""
    text = Text(indent + head)
    extra = [r for r in rest if r]
    if extra:
        text.append("  " + " · ".join(extra), style="dim")
    console.print(text)


def _facts_of(item: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = item.get(key)
    return [f for f in value if isinstance(f, dict)] if isinstance(value, list) else []


def _due_text(c: dict[str, Any]) -> str | None:
    due = _interval_text(c.get("due"))
    if c.get("anchor"):
        anchor = f"before {c['anchor']}"
        return f"{anchor} ({due})" if due else anchor
    return f"due {due}" if due else None


def _time_value(t: dict[str, Any]) -> str:
    value = _interval_text({"start": t.get("start"), "end": t.get("end")})
    if t.get("anchor"):
        value = f"before {t['anchor']}" + (f" ({value})" if value else "")
    if value is None:
        value = "(no date)" if t.get("granularity") != "vague" else "(vague)"
    return value


def _actor_value(a: dict[str, Any]) -> str:
    name = a.get("name_en") or a.get("name") or "?"
    if a.get("title_en") or a.get("title"):
        name += f", {a.get('title_en') or a.get('title')}"
    if a.get("type") == "candidate" or not a.get("id"):
        return f"{name} [candidate]"
    return name + (f" ({a['side']})" if a.get("side") else "")


def _number(value: Any) -> str:
    # 250000000.0 reads as "250000000", not "2.5e+08": figures are quoted, not computed
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "?" if value is None else str(value)


def _quantity_value(q: dict[str, Any]) -> str:
    if q.get("value") is not None:
        amount = _number(q["value"])
    else:
        amount = f"{_number(q.get('min'))}–{_number(q.get('max'))}"
    if q.get("approx"):
        amount = f"{q['approx']} {amount}"
    return f"{amount} {q.get('unit_en') or q.get('unit') or ''}".rstrip()


def render_facts(console: Console, item: dict[str, Any]) -> None:
    """The item's extracted facts, most useful first: what is promised, then evidence."""
    topic = _topic_text(item.get("topic"))
    if topic:
        console.print(Text.assemble(("topic: ", "bold"), topic))
        console.print()
    commitments = _facts_of(item, "commitments")
    if commitments:
        _heading(console, "commitments", commitments)
        for n, c in enumerate(commitments, 1):
            flags = [w for w in ("hedged", "negated") if c.get(w)]
            _line(
                console,
                f"{n}. {c.get('modality', '?')} → {c.get('action', '?')}",
                _join(c.get("parties")),
                _due_text(c),
                c.get("place"),
                ", ".join(flags),
            )
            # padded, not prefixed: wrapped lines of a long sentence keep the indent
            console.print(Padding(Text(_one_line(c.get("text", ""), 400)), (0, 0, 0, 5)))
    events = _facts_of(item, "events")
    if events:
        _heading(console, "past events", events)
        for e in events:
            when = _interval_text(e.get("date"))
            _line(console, f"- {e.get('what') or _one_line(e.get('text', ''), 60)}", when,
                  e.get("place"), _join(e.get("who")))
    series = _facts_of(item, "series")
    if series:
        _heading(console, "series", series)
        for s in series:
            ordinal = "next" if s.get("relation") == "next" else s.get("ordinal")
            when = _interval_text(s.get("date")) or (
                f"due {_interval_text(s.get('due'))}" if _interval_text(s.get("due")) else None
            )
            _line(
                console,
                str(s.get("name_en") or s.get("name") or s.get("text", "")),
                f"#{ordinal}" if ordinal is not None else None,
                s.get("status"),
                when,
                s.get("place"),
                f"before {s['anchor']}" if s.get("anchor") else None,
            )
    times = _facts_of(item, "times")
    if times:
        _heading(console, "times", times)
        for t in times:
            kind = t.get("kind") if t.get("kind") not in (None, "point", "range") else None
            _line(console, f"{t.get('text', '')} → {_time_value(t)}", kind)
    actors = _facts_of(item, "actors")
    if actors:
        _heading(console, "actors", actors)
        for a in actors:
            _line(console, f"{a.get('text', '')} → {_actor_value(a)}")
    references = _facts_of(item, "references")
    if references:
        _heading(console, "references", references)
        for r in references:
            _line(console, str(r.get("text", "")), r.get("kind"), r.get("title_en"), r.get("id"))
    quantities = _facts_of(item, "quantities")
    if quantities:
        _heading(console, "quantities", quantities)
        for q in quantities:
            _line(console, f"{q.get('text', '')} → {_quantity_value(q)}", q.get("dimension"),
                  q.get("counts"))
    if any((topic, commitments, events, series, times, actors, references, quantities)):
        console.print()


# ---------------------------------------------------------------------------
# commands


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"luoshi {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version and exit.",
            callback=_version_callback,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """落实 luoshi: turn outcome documents into a ledger of commitments."""


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Ledger database URL or SQLite file path [env LUOSHI_DB; default ./luoshi.db].",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON to stdout.")]
MaxBytesOption = Annotated[
    int | None,
    typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this many bytes."),
]


@app.command("parse")
@_guard
def parse_cmd(
    files: Annotated[
        list[str], typer.Argument(metavar="FILE", help="Files, folders or http(s) URLs.")
    ],
    as_json: JsonOption = False,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Parse documents without a database; --json prints one JSON object per line."""
    targets, failed = expand_targets(files)
    with _owned_stdout() as out:
        console = _out_console(out)
        for target in targets:
            try:
                raw = read_document(target.where, max_bytes)
                doc = parse_document(raw)
                record = document_to_dict(doc)
            except Exception as exc:
                report_failure(target.where, exc)
                failed += 1
                continue
            _print_warnings(target.where, raw.warnings, doc.warnings)
            if as_json:
                out.write(dumps(record) + "\n")
                out.flush()
            else:
                render_summary(console, target.where, record)
    raise typer.Exit(1 if failed else 0)


def _open_ledger(db: str | None, *, must_exist: bool = False) -> Any:
    """Open the ledger or exit with one error line; None if absent and must_exist."""
    from luoshi.store import Ledger, display_url, resolve_db_url

    url = resolve_db_url(db)
    if must_exist and _sqlite_missing(url):
        return None
    try:
        return Ledger.open(url)
    except Exception as exc:
        error(display_url(url), f"cannot open ledger: {type(exc).__name__}: {exc}")
        raise typer.Exit(1) from None


def _sqlite_missing(url: str) -> bool:
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return False
    database = parsed.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return False
    return not Path(database).expanduser().exists()


# `luoshi ingest` lives in luoshi/commands/ingest.py (serial and parallel engines).


@app.command("list")
@_guard
def list_cmd(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List documents in the ledger with their versions and source paths."""
    with _owned_stdout() as out:
        ledger = _open_ledger(db, must_exist=True)
        summaries = [] if ledger is None else _close_after(ledger, ledger.documents)
        if as_json:
            out.write(dumps([s.to_dict() for s in summaries], indent=2) + "\n")
            return
        console = _out_console(out)
        if not summaries:
            console.print("no documents")
            return
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("id", no_wrap=True)
        for col in ("v", "kind", "round", "items", "defects"):
            table.add_column(col, no_wrap=True, justify="right" if col != "kind" else "left")
        # title and source share one column: two wide columns do not fit 80 cells
        table.add_column("title / source", overflow="fold", min_width=20)
        for s in summaries:
            paths = sorted({_short_path(x.path) for x in s.sources})
            more = f" (+{len(paths) - 1})" if len(paths) > 1 else ""
            table.add_row(
                Text(s.id),
                Text(str(s.versions)),
                Text(s.kind),
                Text("" if s.round is None else str(s.round)),
                Text(str(s.items)),
                Text(str(s.defects)),
                Text.assemble(
                    s.title or "(untitled)", "\n", ((paths[0] if paths else "") + more, "dim")
                ),
            )
        console.print(table)


def _short_path(location: str) -> str:
    """Paths under the working folder print relative: the table stays readable."""
    if _is_url(location):
        return location
    try:
        return str(Path(location).relative_to(Path.cwd()))
    except ValueError:
        return location


def _close_after(ledger: Any, fn: Callable[[], R]) -> R:
    try:
        return fn()
    finally:
        ledger.close()


@app.command("show")
@_guard
def show_cmd(
    doc: Annotated[
        str, typer.Argument(metavar="DOC", help="Document id or a unique prefix of one.")
    ],
    item: Annotated[int | None, typer.Argument(metavar="ITEM", help="Item number.")] = None,
    db: DbOption = None,
    rev: Annotated[
        int | None, typer.Option("--rev", min=1, help="Version number (default: latest).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show a document (metadata, meeting, sections and items, defects) or one item."""
    from luoshi.store import LookupFailed

    with _owned_stdout() as out:
        ledger = _open_ledger(db, must_exist=True)
        if ledger is None:
            error(doc, "no document matches (the ledger is empty)")
            raise typer.Exit(1)
        try:
            rec = ledger.record(ledger.resolve(doc), rev)
        except LookupFailed as exc:
            error(doc, str(exc))
            raise typer.Exit(1) from None
        finally:
            ledger.close()
        console = _out_console(out)
        if item is None:
            if as_json:
                out.write(dumps(rec, indent=2) + "\n")
            else:
                render_document(console, rec)
            return
        view = item_view(rec, item)
        if not view["items"]:
            error(f"{rec['ledger']['id']} {item}", "no item with this number")
            raise typer.Exit(1)
        if as_json:
            out.write(dumps(view, indent=2) + "\n")
        else:
            render_item(console, rec, view)


CSV_COLUMNS = (
    "document_id",
    "version",
    "document_title",
    "mechanism",
    "meeting_round",
    "section",
    "section_title",
    "item_seq",
    "item_number",
    "item_label",
    "item_title",
    "item_text",
    "span_start",
    "span_end",
)


def csv_rows(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for rec in records:
        titles = {s["number"]: s["title"] for s in rec["sections"]}
        for seq, it in enumerate(rec["items"]):
            yield {
                "document_id": rec["ledger"]["id"],
                "version": rec["ledger"]["version"],
                "document_title": rec["title"],
                "mechanism": rec["meeting"]["mechanism"],
                "meeting_round": rec["meeting"]["round"],
                "section": it["section"],
                "section_title": titles.get(it["section"]),
                "item_seq": seq,
                "item_number": it["number"],
                "item_label": it["label"],
                "item_title": it["title"],
                "item_text": it["text"],
                "span_start": it["span"][0],
                "span_end": it["span"][1],
            }


def render_export(records: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return dumps(records, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(dumps(r) + "\n" for r in records)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(records))
    return buf.getvalue()


# -- fact exports: one row per stored fact (the ledger's facts table) ------------------

COMMITMENT_COLUMNS = (
    "document_id",
    "version",
    "mechanism",
    "round",
    "item_number",
    "item_title",
    "topic",
    "topic_label",
    "modality",
    "action",
    "parties",
    "due_start",
    "due_end",
    "anchor",
    "text",
    "span",
)

SERIES_COLUMNS = (
    "document_id",
    "version",
    "mechanism",
    "round",
    "item_number",
    "item_title",
    "series_id",
    "name",
    "name_en",
    "ordinal",
    "relation",
    "status",
    "date_start",
    "date_end",
    "due_start",
    "due_end",
    "place",
    "anchor",
    "text",
    "span",
)

FACT_COLUMNS = (
    "document_id",
    "version",
    "mechanism",
    "round",
    "item_seq",
    "item_number",
    "kind",
    "seq",
    "text",
    "span_start",
    "span_end",
    "ref_id",
    "label",
    "ordinal",
    "date_start",
    "date_end",
    "anchor",
    "data",
)

# --what → (fact kind filter, columns); "items" is the record export above
EXPORTS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "commitments": ("commitment", COMMITMENT_COLUMNS),
    "series": ("series", SERIES_COLUMNS),
    "facts": (None, FACT_COLUMNS),
}
WHATS = ("items", *EXPORTS)


def _bounds(interval: Any) -> tuple[str | None, str | None]:
    if not isinstance(interval, dict):
        return None, None
    return interval.get("start"), interval.get("end")


def _where(fact: Any) -> dict[str, Any]:
    """The columns every fact export starts with: which document, round and item."""
    return {
        "document_id": fact.document_id,
        "version": fact.version,
        "mechanism": fact.mechanism,
        "round": fact.round,
    }


def commitment_row(fact: Any) -> dict[str, Any]:
    d = fact.data
    due_start, due_end = _bounds(d.get("due"))
    return {
        **_where(fact),
        "item_number": fact.item_number,
        "item_title": fact.item_title,
        "topic": fact.topic_code,
        "topic_label": fact.topic_label,
        "modality": d.get("modality"),
        "action": d.get("action"),
        "parties": list(d.get("parties") or []),
        "due_start": due_start,
        "due_end": due_end,
        "anchor": d.get("anchor"),
        "text": fact.text,
        "span": fact.span,
    }


def series_row(fact: Any) -> dict[str, Any]:
    d = fact.data
    date_start, date_end = _bounds(d.get("date"))
    due_start, due_end = _bounds(d.get("due"))
    return {
        **_where(fact),
        "item_number": fact.item_number,
        "item_title": fact.item_title,
        "series_id": d.get("id"),
        "name": d.get("name"),
        "name_en": d.get("name_en"),
        "ordinal": d.get("ordinal"),
        "relation": d.get("relation"),
        "status": d.get("status"),
        "date_start": date_start,
        "date_end": date_end,
        "due_start": due_start,
        "due_end": due_end,
        "place": d.get("place"),
        "anchor": d.get("anchor"),
        "text": fact.text,
        "span": fact.span,
    }


def fact_row(fact: Any) -> dict[str, Any]:
    span = fact.span or [None, None]
    return {
        **_where(fact),
        "item_seq": fact.item_seq,
        "item_number": fact.item_number,
        "kind": fact.kind,
        "seq": fact.seq,
        "text": fact.text,
        "span_start": span[0],
        "span_end": span[1],
        "ref_id": fact.ref_id,
        "label": fact.label,
        "ordinal": fact.ordinal,
        "date_start": fact.date_start,
        "date_end": fact.date_end,
        "anchor": fact.anchor,
        "data": fact.data,
    }


ROW_BUILDERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "commitments": commitment_row,
    "series": series_row,
    "facts": fact_row,
}


def _csv_cell(value: Any) -> Any:
    # lists and objects have no CSV form of their own: parties are joined for
    # reading, spans and fact data are JSON text so that they parse back exactly
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, list | dict):
        return dumps(value)
    return value


def render_rows(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str) -> str:
    if fmt == "json":
        return dumps(rows, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(dumps(r) + "\n" for r in rows)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _csv_cell(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


def _write_atomically(path: Path, text: str) -> None:
    # a failed export must not leave half a file where a good one was
    tmp = path.with_name(f".{path.name}.luoshi-tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)


@app.command("export")
@_guard
def export_cmd(
    what: Annotated[
        str,
        typer.Option(
            "--what",
            "-w",
            help="items (whole records; csv: one row per item) | commitments | series | "
            "facts (one row per extracted fact).",
        ),
    ] = "items",
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="json | jsonl | csv."),
    ] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    all_versions: Annotated[
        bool, typer.Option("--all-versions", help="Every version, not only the latest.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export the ledger (latest versions): records, or commitments, series or all facts."""
    fmt, what = fmt.lower(), what.lower()
    if fmt not in ("json", "jsonl", "csv"):
        error("--format", f"unknown format {fmt!r} (json, jsonl or csv)")
        raise typer.Exit(2)
    if what not in WHATS:
        error("--what", f"unknown export {what!r} ({', '.join(WHATS[:-1])} or {WHATS[-1]})")
        raise typer.Exit(2)
    with _owned_stdout() as out:
        ledger = _open_ledger(db, must_exist=True)
        if what == "items":
            records = (
                []
                if ledger is None
                else _close_after(ledger, lambda: list(ledger.records(all_versions)))
            )
            text, count, noun = render_export(records, fmt), len(records), "documents"
        else:
            kind, columns = EXPORTS[what]
            stored = (
                []
                if ledger is None
                else _close_after(
                    ledger, lambda: ledger.facts(None if kind is None else [kind], all_versions)
                )
            )
            rows = [ROW_BUILDERS[what](f) for f in stored]
            text, count, noun = render_rows(rows, columns, fmt), len(rows), what
        if output is None:
            out.write(text)
            return
        try:
            _write_atomically(output, text)
        except OSError as exc:
            error(str(output), exc.strerror or str(exc))
            raise typer.Exit(1) from None
        sys.stderr.write(f"wrote {count} {noun} to {output}\n")


# last: the command modules import this module's helpers
from luoshi.commands import register_all  # noqa: E402

register_all(app)

if __name__ == "__main__":  # pragma: no cover
    app()
