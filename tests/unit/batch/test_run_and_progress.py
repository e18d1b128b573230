"""The streaming runner (window, order, engine failures) and progress reporting."""

from __future__ import annotations

import io
import re
from concurrent.futures import Future
from pathlib import Path

from batch_corpus import write_corpus
from typer.testing import CliRunner

from luoshi.batch import Counts, Failed, PlainProgress, Task, run
from luoshi.batch.tasks import Outcome
from luoshi.cli import app
from luoshi.store import Ledger


class HeldBack:
    """An engine whose futures finish only when the runner asks, newest first."""

    name = "fake"
    workers = 2

    def __init__(self) -> None:
        self.in_flight: list[Future[Outcome]] = []
        self.most = 0

    def submit(self, task: Task) -> Future[Outcome]:
        fut: Future[Outcome] = Future()
        fut.task = task  # type: ignore[attr-defined]
        self.in_flight.append(fut)
        self.most = max(self.most, len(self.in_flight))
        fut.result = self._finish_all_then(fut)  # type: ignore[method-assign]
        return fut

    def _finish_all_then(self, fut: Future[Outcome]):  # type: ignore[no-untyped-def]
        def result(timeout: float | None = None) -> Outcome:
            for other in reversed(self.in_flight):  # complete in reverse order
                if not other.done():
                    t = other.task  # type: ignore[attr-defined]
                    if t.where.endswith("7"):
                        other.set_exception(RuntimeError("worker lost"))
                    else:
                        other.set_result(Failed(t, f"{t.where}: nope"))
            self.in_flight = [f for f in self.in_flight if f is not fut]
            return Future.result(fut)

        return result

    def close(self) -> None:
        pass


def test_results_come_in_task_order_with_a_bounded_window(tmp_path: Path) -> None:
    engine = HeldBack()
    tasks = (Task(i, f"t{i}", f"/nowhere/t{i}") for i in range(50))
    with Ledger.open(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        done = list(run(ledger, tasks, engine, window=4, max_bytes=1000))
    assert [d.task.index for d in done] == list(range(50))
    assert engine.most <= 4
    assert done[0].reason == "t0: nope"
    # an engine failure fails that one document, with the reason, and the run goes on
    assert done[7].reason == "t7: worker failed: RuntimeError: worker lost"
    assert all(d.failed for d in done)


def test_plain_progress_lines_say_done_failed_rate_and_eta() -> None:
    stream = io.StringIO()
    with PlainProgress(4, every=0, stream=stream) as progress:
        for failed in (False, True, False):
            progress.advance(failed)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4  # one per document, then the final figures
    assert re.fullmatch(r"progress: 3/4 documents, 1 failed, [\d.]+ docs/s, ETA \dm\d\ds",
                        lines[-1])
    assert lines[0].startswith("progress: 1/4 documents, 0 failed, ")


def test_quiet_when_quick_and_eta_unknown_before_any_rate() -> None:
    stream = io.StringIO()
    with PlainProgress(3, every=3600, stream=stream) as progress:
        progress.advance(False)
    assert stream.getvalue() == ""
    counts = Counts(total=10, started=100.0)
    assert counts.eta(now=100.0) is None
    counts.done = 5
    assert counts.rate(now=110.0) == 0.5
    assert counts.eta(now=110.0) == 10.0
    assert counts.line(now=110.0) == (
        "progress: 5/10 documents, 0 failed, 0.5 docs/s, ETA 0m10s"
    )


def test_cli_prints_progress_lines_on_stderr_when_not_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    write_corpus(folder, 3)
    result = CliRunner().invoke(
        app, ["ingest", "--progress-every", "0", "--db", f"sqlite:///{tmp_path / 'l.db'}",
              str(folder)]
    )
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert [x.split(",")[0] for x in lines] == [
        "progress: 1/3 documents", "progress: 2/3 documents", "progress: 3/3 documents",
        "progress: 3/3 documents",
    ]
    assert result.stdout.strip() == "3 added, 0 new versions, 0 unchanged, 0 failed"
