"""Follow-through commands (issue 4): link, track, series, timeline, thread, diff, copies,
override, overrides.

Thin: every answer comes from ``luoshi.follow``; this module parses options,
prints Rich tables or ``--json`` (shapes in ``luoshi/schema/follow.v1.json``) and
turns a bad reference into one error line with exit code 1. The read commands
link first when the ledger changed since the last link (a no-op otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from luoshi.cli import (
    DbOption,
    JsonOption,
    _guard,
    _open_ledger,
    _out_console,
    _owned_stdout,
    dumps,
    error,
)

AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Status as of this ISO date [default: today]."),
]


def _short(text: str | None, limit: int = 60) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _interval(iv: dict[str, Any] | None) -> str:
    if not iv:
        return ""
    s, e = iv.get("start"), iv.get("end")
    if s and e and s != e:
        return f"{s}–{e}"
    if e and not s:
        return f"by {e}"
    return s or e or ""


def _run(where: str, db: str | None, fn: Callable[[Any], Any], *, link: bool = True) -> Any:
    """Open the ledger, make sure it is linked, call ``fn``; one line on a bad ref."""
    from luoshi.follow import LookupFailed, link_ledger

    ledger = _open_ledger(db, must_exist=True)
    if ledger is None:
        error(where, "no ledger here (ingest documents first)")
        raise typer.Exit(1)
    try:
        if link:
            link_ledger(ledger)
        return fn(ledger)
    except (LookupFailed, ValueError) as exc:
        error(where, str(exc))
        raise typer.Exit(1) from None
    finally:
        ledger.close()


def _table(*columns: str) -> Table:
    t = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    return t


def register(app: typer.Typer) -> None:
    @app.command("link")
    @_guard
    def link_cmd(
        full: Annotated[bool, typer.Option("--full", help="Recompute everything.")] = False,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Link the ledger: copies, threads, series timelines, commitment status."""
        from luoshi.follow import link_ledger

        with _owned_stdout() as out:
            summary = _run("link", db, lambda led: link_ledger(led, full=full), link=False)
            d = summary.to_dict()
            if as_json:
                out.write(dumps(d, indent=2) + "\n")
                return
            console = _out_console(out)
            if d["skipped"]:
                console.print(f"unchanged since the last link ({d['documents']} documents)")
            else:
                how = (
                    f"epochs from {d['recomputed_from']} recomputed"
                    if d["recomputed_from"]
                    else "all recomputed"
                )
                console.print(
                    f"linked {d['documents']} documents in {d['seconds']:.2f}s ({how}): "
                    f"{d['copy_groups']} copy groups, {d['threads']} threads, "
                    f"{d['series']} series ({d['occurrences']} occurrences), "
                    f"{d['commitments']} commitments"
                )
                shown = ", ".join(f"{k} {v}" for k, v in d["statuses"].items())
                console.print(f"status as of the latest document: {shown}")
            for o in d["orphaned_overrides"]:
                error(
                    o["commitment_id"],
                    f"override #{o['id']} by {o['author']} is orphaned: "
                    "its commitment is no longer in the ledger",
                )

    @app.command("track")
    @_guard
    def track_cmd(
        as_of: AsOfOption = None,
        status: Annotated[str | None, typer.Option("--status", help="Only this status.")] = None,
        topic: Annotated[
            str | None, typer.Option("--topic", help="Topic code (16 or 16.1) or label words.")
        ] = None,
        party: Annotated[str | None, typer.Option("--party", help="A party named.")] = None,
        round_: Annotated[int | None, typer.Option("--round", help="Round of the list.")] = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """The commitment table: status as of a date, with cited evidence."""
        from luoshi.follow import track_rows
        from luoshi.link.status import STATUSES

        if status is not None and status not in STATUSES:
            error("--status", f"unknown status {status!r} (one of {', '.join(STATUSES)})")
            raise typer.Exit(1)
        with _owned_stdout() as out:
            rows = _run(
                "track",
                db,
                lambda led: track_rows(
                    led, as_of=as_of, status=status, topic=topic, party=party, round=round_
                ),
            )
            if as_json:
                out.write(dumps(rows, indent=2) + "\n")
                return
            console = _out_console(out)
            if not rows:
                console.print("no commitments")
                return
            t = Table(show_header=True, header_style="bold", box=None, pad_edge=False,
                      show_lines=True)
            t.add_column("commitment · status · due", no_wrap=True)
            t.add_column("text / evidence", overflow="fold", ratio=1)
            for r in rows:
                st = r["status"] + ("*" if r["status"] != r["machine_status"] else "")
                where = " · ".join(
                    x for x in (
                        _interval(r["due"]),
                        f"r{r['round']}" if r["round"] is not None else "",
                        r["topic"] or "",
                    ) if x
                )
                head = Text(r["id"])
                head.append(f"\n{st}", style="bold")
                head.append(f"\n{where}" if where else "")
                cell = Text(_short(r["text"], 120))
                for ev in r["evidence"][:2]:
                    cell.append(
                        f"\n{ev['kind']} {ev['doc']} {ev['item']}: {_short(ev['text'], 80)}",
                        style="dim",
                    )
                t.add_row(head, cell)
            console.print(t)
            console.print(f"{len(rows)} commitments as of {rows[0]['as_of']} (* = override)")

    @app.command("series")
    @_guard
    def series_cmd(as_of: AsOfOption = None, db: DbOption = None,
                   as_json: JsonOption = False) -> None:
        """Every recurring mechanism (series) with its occurrences held and planned."""
        from luoshi.follow import list_series

        with _owned_stdout() as out:
            rows = _run("series", db, lambda led: list_series(led, as_of=as_of))
            if as_json:
                out.write(dumps(rows, indent=2) + "\n")
                return
            console = _out_console(out)
            t = _table("series", "name", "occ", "held", "planned")
            for r in rows:
                name = r["name"] + (f"\n{r['name_en']}" if r["name_en"] else "")
                t.add_row(Text(r["id"]), Text(name), Text(str(r["occurrences"])),
                          Text(str(r["held"])), Text(str(r["planned"])))
            console.print(t)

    @app.command("timeline")
    @_guard
    def timeline_cmd(
        series: Annotated[
            str | None,
            typer.Argument(metavar="SERIES", help="Series id or name (Chinese or English)."),
        ] = None,
        as_of: AsOfOption = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """One series: every occurrence, what was planned and what later documents show."""
        from luoshi.follow import timeline

        if series is None:
            series_cmd(as_of=as_of, db=db, as_json=as_json)
            return
        with _owned_stdout() as out:
            tl = _run(series, db, lambda led: timeline(led, series, as_of=as_of))
            if as_json:
                out.write(dumps(tl, indent=2) + "\n")
                return
            console = _out_console(out)
            s = tl["series"]
            console.print(f"[bold]{s['name']}[/bold]  {s['name_en'] or ''}  ({s['id']})")
            for o in tl["occurrences"]:
                n = "#?" if o["ordinal"] is None else f"#{o['ordinal']}"
                bits = [o["status"]]
                if o["date"]:
                    bits.append("held " + _interval(o["date"]))
                if o["planned"]:
                    bits.append("planned " + _interval(o["planned"]))
                if o["place"]:
                    bits.append(o["place"])
                console.print(Text(f"  {n:>4}  " + " · ".join(bits)))
                for src in o["sources"]:
                    console.print(
                        Text(f"        {src.get('role', ''):<8} {src['doc']} {src['item'] or ''}"
                             f"  {_short(src.get('text'), 50)}", style="dim")
                    )

    @app.command("thread")
    @_guard
    def thread_cmd(
        doc: Annotated[str, typer.Argument(metavar="DOC", help="Document id or unique prefix.")],
        item: Annotated[int, typer.Argument(metavar="ITEM", help="Item number.")],
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """The item's thread across rounds, with what changed between rounds."""
        from luoshi.follow import thread

        with _owned_stdout() as out:
            th = _run(f"{doc} {item}", db, lambda led: thread(led, doc, item))
            if as_json:
                out.write(dumps(th, indent=2) + "\n")
                return
            console = _out_console(out)
            console.print(f"thread {th['id'] or '(this item only)'}")
            for it, d in zip(th["items"], [None, *th["diffs"]], strict=False):
                if d is not None:
                    for line in d.get("summary", []):
                        console.print(Text(f"      ↳ {line}", style="dim"))
                score = "" if it["score"] is None else f"  (score {it['score']})"
                console.print(Text(f"  {it['doc']} {it['item']}  {it['title'] or ''}{score}"))

    @app.command("diff")
    @_guard
    def diff_cmd(
        doc_a: Annotated[str, typer.Argument(metavar="DOC_A")],
        doc_b: Annotated[str, typer.Argument(metavar="DOC_B")],
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Two documents item by item, items matched by thread."""
        from luoshi.follow import diff

        with _owned_stdout() as out:
            d = _run(f"{doc_a} {doc_b}", db, lambda led: diff(led, doc_a, doc_b))
            if as_json:
                out.write(dumps(d, indent=2) + "\n")
                return
            console = _out_console(out)
            console.print(f"{d['a']['doc']} → {d['b']['doc']}: {len(d['matched'])} items matched")
            for m in d["matched"]:
                summary = m["diff"].get("summary") or ["no change found"]
                console.print(Text(f"  {m['a']} → {m['b']}  " + "; ".join(summary)))
            for key, label in (("only_a", d["a"]["doc"]), ("only_b", d["b"]["doc"])):
                if d[key]:
                    nums = ", ".join(str(x["item"]) for x in d[key])
                    console.print(Text(f"  only in {label}: {nums}", style="dim"))

    @app.command("copies")
    @_guard
    def copies_cmd(
        doc: Annotated[str, typer.Argument(metavar="DOC")],
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """The copies of a document found in the ledger, and conflicts between them."""
        from luoshi.follow import copies_of

        with _owned_stdout() as out:
            g = _run(doc, db, lambda led: copies_of(led, doc))
            if as_json:
                out.write(dumps(g, indent=2) + "\n")
                return
            console = _out_console(out)
            for c in g["copies"]:
                console.print(Text(f"  {c['role']:<8} {c['doc']}  {c['lang'] or ''} "
                                   f"{c['script'] or ''}  {c['location']}"))
            console.print(f"{len(g['conflicts'])} conflicts")

    @app.command("override")
    @_guard
    def override_cmd(
        commitment_id: Annotated[str, typer.Argument(metavar="COMMITMENT_ID")],
        status: Annotated[str, typer.Option("--status", help="Status to show (or 'machine').")],
        author: Annotated[str, typer.Option("--author", help="Who asserts it.")],
        note: Annotated[str, typer.Option("--note", help="Why.")] = "",
        source: Annotated[
            str | None, typer.Option("--source", help="http(s) URL that shows it.")
        ] = None,
        at: Annotated[
            str | None, typer.Option("--at", help="ISO time with zone [default: now].")
        ] = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Override a commitment's status; stored beside the machine status."""
        from luoshi.follow import add_override

        with _owned_stdout() as out:
            row = _run(
                commitment_id,
                db,
                lambda led: add_override(
                    led, commitment_id, status=status, note=note, source=source,
                    author=author, at=at,
                ),
            )
            if as_json:
                out.write(dumps(row, indent=2) + "\n")
            else:
                _out_console(out).print(
                    f"override #{row['id']}: {commitment_id} → {row['status']} "
                    f"({row['author']}, {row['created_at']})"
                )

    @app.command("overrides")
    @_guard
    def overrides_cmd(
        commitment_id: Annotated[str | None, typer.Argument(metavar="[COMMITMENT_ID]")] = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """List analyst overrides (all, or one commitment's), oldest first."""
        from luoshi.follow import overrides_of

        with _owned_stdout() as out:
            rows = _run("overrides", db, lambda led: overrides_of(led, commitment_id))
            if as_json:
                out.write(dumps(rows, indent=2) + "\n")
                return
            console = _out_console(out)
            if not rows:
                console.print("no overrides")
            for r in rows:
                console.print(Text(f"#{r['id']} {r['created_at']} {r['commitment_id']} → "
                                   f"{r['status']}  {r['author']}: {_short(r['note'])} "
                                   f"{r['source'] or ''}"))
