"""`luoshi search`: full-text search over the items of the ledger, from the shell.

The same query language and results as the web app's /search (``luoshi.search``):
words are ANDed, "quoted phrases" kept together, Simplified or Traditional,
two-character Chinese words found inside longer ones.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
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


def _highlighted(snippet: str, marks: list[list[int]]) -> Text:
    text = Text(snippet)
    for start, end in marks:
        text.stylize("bold reverse", start, end)
    return text


def search_cmd(
    query: Annotated[str, typer.Argument(metavar="QUERY", help='Words (ANDed) or "a phrase".')],
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic code.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only this actor id.")] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="Only items with a commitment of this status.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500)] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search the items of the ledger (latest versions), with facets."""
    from luoshi.search import QueryError, search

    with _owned_stdout() as out:
        ledger = _open_ledger(db, must_exist=True)
        if ledger is None:
            error("search", "no ledger yet: run `luoshi ingest` first")
            raise typer.Exit(1)
        try:
            with ledger.engine.connect() as conn:
                result = search(conn, query, doc=doc, topic=topic, actor=actor, status=status,
                                limit=limit, offset=offset)
        except QueryError as exc:
            error("search", str(exc))
            raise typer.Exit(1) from None
        finally:
            ledger.close()
        record: dict[str, Any] = result.to_dict()
        if as_json:
            out.write(dumps(record, indent=2) + "\n")
            return
        console = _out_console(out)
        more = "" if result.exact else "+"
        console.print(f"{result.total}{more} items match {query!r}")
        for hit in result.hits:
            head = f"{hit.doc} item {hit.item if hit.item is not None else '-'}"
            console.print(Text(head + (f"  {hit.title}" if hit.title else ""), style="bold"))
            console.print(_highlighted(hit.snippet, hit.snippet_marks), soft_wrap=False)
        for name, facets in result.facets.items():
            if facets:
                shown = ", ".join(f"{f.label or f.value} ({f.count})" for f in facets[:6])
                console.print(Text(f"{name}: {shown}", style="dim"))


def register(app: typer.Typer) -> None:
    app.command("search")(_guard(search_cmd))
