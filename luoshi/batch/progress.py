"""Progress of a run on stderr: done, failed, rate, ETA.

On a terminal it is a Rich bar; otherwise (a log file, CI, a pipe) a plain line
every ``every`` seconds, so long runs can be followed with ``tail -f`` and short
runs print nothing extra.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol, TextIO


def _clock(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


@dataclass(slots=True)
class Counts:
    total: int
    done: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)

    def rate(self, now: float | None = None) -> float:
        elapsed = (now or time.monotonic()) - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta(self, now: float | None = None) -> float | None:
        rate = self.rate(now)
        return (self.total - self.done) / rate if rate > 0 else None

    def line(self, now: float | None = None) -> str:
        eta = self.eta(now)
        return (
            f"progress: {self.done}/{self.total} documents, {self.failed} failed, "
            f"{self.rate(now):.1f} docs/s, ETA {'?' if eta is None else _clock(eta)}"
        )


class Reporter(Protocol):
    counts: Counts

    def advance(self, failed: bool, name: str = "") -> None: ...

    def __enter__(self) -> Reporter: ...

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None: ...


class PlainProgress:
    """A line on ``stream`` at most every ``every`` seconds (and none for a quick run)."""

    def __init__(self, total: int, every: float = 10.0, stream: TextIO | None = None) -> None:
        self.counts = Counts(total)
        self.every = every
        self.stream = stream
        self._last = self.counts.started
        self._printed = False

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._printed and et is None:
            self._emit(time.monotonic())  # the final figures, if lines were being printed

    def advance(self, failed: bool, name: str = "") -> None:
        self.counts.done += 1
        self.counts.failed += failed
        now = time.monotonic()
        if now - self._last >= self.every:
            self._emit(now)

    def _emit(self, now: float) -> None:
        self._last = now
        self._printed = True
        out = self.stream or sys.stderr
        out.write(self.counts.line(now) + "\n")
        out.flush()


class RichProgress:
    """The bar on a terminal (removed when the run ends)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.counts = Counts(total)
        console = Console(stderr=True, highlight=False, emoji=False)
        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed · {task.fields[rate]} docs/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task("ingesting", total=total, failed=0, rate="–")

    def __enter__(self) -> RichProgress:
        self._bar.__enter__()
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._bar.__exit__(et, e, tb)

    def advance(self, failed: bool, name: str = "") -> None:
        from rich.markup import escape

        self.counts.done += 1
        self.counts.failed += failed
        self._bar.update(self._task, advance=1, description=escape(name) or "ingesting",
                         failed=self.counts.failed, rate=f"{self.counts.rate():.1f}")


def reporter(total: int, *, every: float = 10.0) -> Reporter:
    """The bar when stderr is a terminal, plain lines otherwise."""
    if total and sys.stderr.isatty():
        return RichProgress(total)
    return PlainProgress(total, every)
