"""`luoshi ingest`: store documents in the ledger, serially or in parallel.

The pipeline runs in workers (``luoshi.batch``: in this process, a local process
pool, or a Dask cluster); this process is the only writer. Results are stored
and reported in the order of the inputs whatever the engine, so the ledger, the
JSON lines and the summary are the same as a serial run's.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from luoshi import cli
from luoshi.cli import (
    DbOption,
    MaxBytesOption,
    Target,
    _guard,
    _ledger_files,
    _open_ledger,
    _owned_stdout,
    _print_warnings,
    dumps,
    error,
    expand_targets,
)


@dataclass(slots=True)
class Tally:
    added: int = 0
    versions: int = 0
    unchanged: int = 0
    failed: int = 0

    def line(self) -> str:
        s = "" if self.versions == 1 else "s"
        return (
            f"{self.added} added, {self.versions} new version{s}, "
            f"{self.unchanged} unchanged, {self.failed} failed"
        )

    def count(self, status: str) -> None:
        if status == "added":
            self.added += 1
        elif status == "new-version":
            self.versions += 1
        else:  # unchanged, or the same bytes found at a new path (only provenance added)
            self.unchanged += 1


def _result_dict(target: Target, result: Any) -> dict[str, Any]:
    return {
        "path": target.where,
        "location": result.location,
        "status": result.status,
        "id": result.document_id,
        "version": result.version_no,
        "sha256": result.sha256,
    }


def _failure_dict(target: Target, reason: str) -> dict[str, Any]:
    return {"path": target.where, "location": target.location, "status": "failed",
            "error": reason}


def _choose_engine(engine: str | None, workers: int, scheduler: str | None) -> str:
    """--engine wins; otherwise --scheduler means dask and --workers N>1 a process pool."""
    from luoshi.batch import ENGINES

    name = (engine or ("dask" if scheduler else "processes" if workers > 1 else "serial")).lower()
    if name not in ENGINES:
        error("--engine", f"unknown engine {name!r} ({', '.join(ENGINES)})")
        raise typer.Exit(2)
    if scheduler and name != "dask":
        error("--scheduler", "only the dask engine has a scheduler")
        raise typer.Exit(2)
    if name == "serial" and workers > 1:
        error("--workers", "the serial engine has one worker (use --engine processes or dask)")
        raise typer.Exit(2)
    return name


def _engine(name: str, workers: int, scheduler: str | None, ledger: Any) -> Any:
    """Started at the first document that needs parsing (see ``batch.engines.Lazy``)."""
    from luoshi.batch import open_engine, run_task
    from luoshi.batch.engines import Lazy
    from luoshi.batch.writer import holds

    # the serial engine runs here, so it can use the CLI's pipeline hooks (tests
    # replace them) and skip parsing bytes the ledger already holds
    work = partial(run_task, read=cli.read_document, parse=cli.parse_document,
                   known=partial(holds, ledger))
    return Lazy(name, workers, partial(open_engine, name, workers=workers,
                                       scheduler=scheduler, work=work))


def ingest_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files, folders (recursive) or URLs.")
    ],
    db: DbOption = None,
    max_bytes: MaxBytesOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON result per document to stdout.")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-j", min=1,
                          help="Parallel worker processes (local pool; Dask: LocalCluster size).")
    ] = 1,
    engine: Annotated[
        str | None, typer.Option("--engine", help="serial | processes | dask "
                                 "[default: serial, processes with --workers N>1].")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", metavar="ADDRESS",
                                 help="Dask scheduler, e.g. tcp://host:8786 (default: a "
                                 "LocalCluster of --workers processes).")
    ] = None,
    progress_every: Annotated[
        float, typer.Option("--progress-every", min=0, metavar="SECONDS",
                            help="Without a terminal: a progress line this often on stderr.")
    ] = 10.0,
    link: Annotated[
        bool, typer.Option("--link/--no-link",
                           help="Link the ledger afterwards (threads, timelines, statuses); "
                           "--no-link for a bulk load, then run `luoshi link` once.")
    ] = True,
) -> None:
    """Add documents to the ledger (unchanged content is recognised and skipped), then link it."""
    from luoshi.batch import Task, reporter, run
    from luoshi.batch.engines import EngineUnavailable
    from luoshi.readers import DEFAULT_MAX_BYTES
    from luoshi.store import resolve_db_url

    name = _choose_engine(engine, workers, scheduler)
    tally = Tally()
    with _owned_stdout() as out:
        ledger = _open_ledger(db)
        try:
            targets, tally.failed = expand_targets(paths, _ledger_files(resolve_db_url(db)))
            tasks = (Task(i, t.where, t.location, max_bytes) for i, t in enumerate(targets))
            pool = _engine(name, workers, scheduler, ledger)
            try:
                with reporter(len(targets), every=progress_every) as progress:
                    for done in run(ledger, tasks, pool, max_bytes=max_bytes or DEFAULT_MAX_BYTES):
                        target = targets[done.task.index]
                        _print_warnings(target.where, done.warnings)
                        if done.result is None:
                            sys.stderr.write(f"error: {done.reason}\n")
                            sys.stderr.flush()
                            tally.failed += 1
                            row = _failure_dict(target, done.reason or "")
                        else:
                            tally.count(done.result.status)
                            row = _result_dict(target, done.result)
                        if as_json:
                            out.write(dumps(row) + "\n")
                            out.flush()
                        progress.advance(done.failed, Path(target.where).name)
            except EngineUnavailable as exc:
                error(scheduler or f"{name} engine", f"cannot start workers: {exc}")
                raise typer.Exit(1) from None
            finally:
                pool.close()
            if link and not _link_after(ledger):
                tally.failed += 1
        finally:
            ledger.close()
        if as_json:
            sys.stderr.write(tally.line() + "\n")
        else:
            out.write(tally.line() + "\n")
    raise typer.Exit(1 if tally.failed else 0)


def _link_after(ledger: Any) -> bool:
    """Link once, after every document is stored; a no-op when nothing changed.

    The documents are already committed: a linking failure is reported (one
    line, exit 1) and leaves them in place for a later ``luoshi link``.
    """
    from luoshi.follow import link_ledger

    try:
        summary = link_ledger(ledger)
    except Exception as exc:
        error("link", f"{type(exc).__name__}: {exc} (the documents are stored; run `luoshi link`)")
        return False
    # like the progress bar: shown on a terminal, kept out of logs and pipes
    if not summary.skipped and sys.stderr.isatty():
        sys.stderr.write(
            f"linked {summary.documents} documents: {summary.commitments} commitments, "
            f"{summary.threads} threads, {summary.series} series ({summary.seconds:.1f} s)\n"
        )
    return True


def register(app: typer.Typer) -> None:
    app.command("ingest")(_guard(ingest_cmd))
