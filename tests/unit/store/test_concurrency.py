"""Several processes writing to one ledger at once lose and duplicate nothing.

Concurrent ingests run on SQLite and PostgreSQL; annotations, the web app and
migrations on PostgreSQL only (the server deployment), skipped without
LUOSHI_TEST_PG_URL. Each worker is a separate process with its own connection
pool, as `luoshi ingest` runs and `luoshi serve` workers are; a barrier starts
them together so that their transactions overlap.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing as mp
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from ledger_fixtures import make_doc

from luoshi.store import Ledger
from luoshi.store.tables import documents, sources, versions

WORKERS = 4
ROUNDS = 2  # each worker goes through its list twice: the second pass must change nothing


def fictional_corpus() -> list[tuple[str, str]]:
    """(text, location) pairs that overlap in every way the ledger distinguishes.

    - 6 places that each had two editions (the second is a new version);
    - 4 documents also found under a mirror path (one version, two sources);
    - 4 documents found at one place only.
    """
    def text(n: int, extra: str = "") -> str:
        return (
            f"第{n}轮虚构对话成果清单\n"
            f"1、双方同意举办第{n}届虚构灯笼展。\n"
            f"2、双方将交换第{n}批虚构气象资料{extra}。\n"
        )

    pairs: list[tuple[str, str]] = []
    for n in range(1, 7):
        pairs += [(text(n), f"/archive/{n}.txt"), (text(n, "与海洋资料"), f"/archive/{n}.txt")]
    for n in range(7, 11):
        pairs += [(text(n), f"/archive/{n}.txt"), (text(n), f"/mirror/{n}.txt")]
    for n in range(11, 15):
        pairs.append((text(n), f"/archive/{n}.txt"))
    return pairs


def _ingest_worker(url: str, pairs: list[tuple[str, str]], barrier: Any, out: Any) -> None:
    try:
        with Ledger.open(url) as ledger:
            barrier.wait(timeout=60)
            statuses = [
                ledger.ingest(make_doc(text, location), location).status
                for _ in range(ROUNDS)
                for text, location in pairs
            ]
        out.put(("ok", statuses))
    except BaseException:
        out.put(("error", traceback.format_exc()))


def run_workers(jobs: list[tuple[Any, tuple[Any, ...]]]) -> list[Any]:
    """Start one process per (function, args) together; their results, or fail with their errors.

    Each function gets ``(*args, barrier, queue)``, waits at the barrier, and puts
    ``("ok", result)`` or ``("error", traceback)`` on the queue.
    """
    ctx = mp.get_context("spawn")  # a clean interpreter: no engine or socket inherited
    barrier = ctx.Barrier(len(jobs))
    out = ctx.Queue()
    procs = [ctx.Process(target=fn, args=(*args, barrier, out)) for fn, args in jobs]
    for p in procs:
        p.start()
    results = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    errors = [detail for kind, detail in results if kind == "error"]
    assert errors == [], "\n".join(errors)
    return [detail for _kind, detail in results]


def ledger_shape(url: str) -> dict[str, Any]:
    """What the ledger holds, independent of ids and of the order things arrived in."""
    engine = Ledger.open(url).engine
    try:
        with engine.connect() as conn:
            vers = conn.execute(
                sa.select(versions.c.document_id, versions.c.version_no, versions.c.sha256)
            ).all()
            srcs = conn.execute(
                sa.select(versions.c.sha256, sources.c.location).select_from(
                    sources.join(versions, sources.c.version_id == versions.c.id)
                )
            ).all()
            doc_count = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar()
    finally:
        engine.dispose()
    numbers: dict[str, list[int]] = defaultdict(list)
    shas: dict[str, set[str]] = defaultdict(set)
    for v in vers:
        numbers[v.document_id].append(v.version_no)
        shas[v.document_id].add(v.sha256)
    places: dict[str, set[str]] = defaultdict(set)  # location → documents seen there
    doc_of = {v.sha256: v.document_id for v in vers}
    for s in srcs:
        places[s.location].add(doc_of[s.sha256])
    return {
        "documents": doc_count,
        "sha_counts": Counter(v.sha256 for v in vers),
        "version_numbers": {d: sorted(n) for d, n in numbers.items()},
        "contents_per_document": sorted(sorted(s) for s in shas.values()),
        "sources": Counter((s.sha256, s.location) for s in srcs),
        "documents_per_place": {loc: len(ds) for loc, ds in places.items()},
    }


def test_concurrent_ingests_store_every_document_once(ledger_url: str, tmp_path: Path) -> None:
    pairs = fictional_corpus()
    with Ledger.open(ledger_url):
        pass  # migrate once up front, as a deployment does before starting workers
    orders = []
    for seed in range(WORKERS):
        mine = list(pairs)
        random.Random(seed).shuffle(mine)  # editions of a place may arrive in either order
        orders.append(mine)
    results = run_workers([(_ingest_worker, (ledger_url, order)) for order in orders])

    shape = ledger_shape(ledger_url)
    assert set(shape["sha_counts"].values()) == {1}  # every content exactly once
    assert len(shape["sha_counts"]) == len({text for text, _ in pairs})
    # versions numbered 1..n per document, without gaps or duplicates
    assert all(n == list(range(1, len(n) + 1)) for n in shape["version_numbers"].values())
    assert set(shape["sources"].values()) == {1}
    assert set(shape["sources"]) == {(make_doc(t).source.sha256, loc) for t, loc in pairs}
    assert set(shape["documents_per_place"].values()) == {1}  # one document per place
    # the same ledger as one process ingesting the same files one by one
    serial = f"sqlite:///{tmp_path / 'serial.db'}"
    with Ledger.open(serial) as ledger:
        for text, location in pairs:
            ledger.ingest(make_doc(text, location), location)
    expected = ledger_shape(serial)
    assert shape["documents"] == expected["documents"] == 14
    assert shape["contents_per_document"] == expected["contents_per_document"]
    # every worker's second pass found everything in place
    for statuses in results:
        assert set(statuses[len(pairs):]) == {"unchanged"}
    # and across workers each content was added or versioned exactly once
    firsts = Counter(s for statuses in results for s in statuses)
    assert firsts["added"] == 14 and firsts["new-version"] == 6


# -- annotations: analysts' overrides while the ledger is ingested and relinked --

OVERRIDE_WRITERS = 3
OVERRIDES_AT_LEAST = 10


def _override_worker(url: str, writer: int, commitment_ids: list[str], linked: Any,
                     barrier: Any, out: Any) -> None:  # fmt: skip
    """Write overrides until the linker is done (and at least a few): their count."""
    from luoshi.follow.overrides import add_override
    from luoshi.link.status import STATUSES

    try:
        with Ledger.open(url) as ledger:
            barrier.wait(timeout=60)
            i = 0
            while i < OVERRIDES_AT_LEAST or not linked.is_set():
                add_override(
                    ledger,
                    commitment_ids[i % len(commitment_ids)],
                    status=STATUSES[(writer + i) % len(STATUSES)],
                    note=f"analyst {writer}, note {i}",
                    source=None,
                    author=f"analyst-{writer}",
                )
                i += 1
        out.put(("ok", (writer, i)))
    except BaseException:
        out.put(("error", traceback.format_exc()))


def _ingest_and_link_worker(url: str, texts: list[str], linked: Any, barrier: Any,
                            out: Any) -> None:  # fmt: skip
    from luoshi.follow.run import link_ledger

    try:
        with Ledger.open(url) as ledger:
            barrier.wait(timeout=60)
            for n, text in enumerate(texts):
                ledger.ingest(make_doc(text, f"/later/{n}.txt"), f"/later/{n}.txt")
                link_ledger(ledger)  # rewrites every derived row, commitments included
        out.put(("ok", None))
    except BaseException:
        out.put(("error", traceback.format_exc()))
    finally:
        linked.set()  # the writers stop even if this failed


def test_overrides_survive_concurrent_ingest_and_link(pg_url: str) -> None:
    pytest.importorskip("luoshi.follow.overrides")
    from ledger_fixtures import make_doc_with_facts

    from luoshi.follow.overrides import overrides_of
    from luoshi.follow.run import link_ledger
    from luoshi.store.links import commitments

    with Ledger.open(pg_url) as ledger:
        ledger.ingest(make_doc_with_facts(), "/docs/facts.txt")
        link_ledger(ledger)
        with ledger.engine.connect() as conn:
            ids = list(conn.execute(sa.select(commitments.c.id).order_by("id")).scalars())
    assert len(ids) == 2
    later = [f"第{n}轮虚构对话成果清单\n1、双方欢迎第{n}批青年交流。\n" for n in range(20, 24)]
    linked = mp.get_context("spawn").Event()
    results = run_workers(
        [(_override_worker, (pg_url, w, ids, linked)) for w in range(OVERRIDE_WRITERS)]
        + [(_ingest_and_link_worker, (pg_url, later, linked))]
    )
    counts = dict(r for r in results if r is not None)

    with Ledger.open(pg_url) as ledger:
        stored = overrides_of(ledger)
        assert link_ledger(ledger).documents == 1 + len(later)
        with ledger.engine.connect() as conn:
            still = set(conn.execute(sa.select(commitments.c.id)).scalars())
    written = {
        (f"analyst-{w}", f"analyst {w}, note {i}", ids[i % len(ids)])
        for w in range(OVERRIDE_WRITERS)
        for i in range(counts[w])
    }
    got = [(o["author"], o["note"], o["commitment_id"]) for o in stored]
    assert len(got) == len(written) and set(got) == written  # none lost, none twice
    assert len({o["id"] for o in stored}) == len(stored)
    assert set(ids) <= still  # relinking kept the commitments the overrides are about


# -- the web app: two `luoshi serve` processes taking API writes during an ingest --

API_POSTERS = 2
POSTS_EACH = 15


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _api_poster(base: str, token: str, poster: int, commitment_ids: list[str], barrier: Any,
                out: Any) -> None:  # fmt: skip
    """Post overrides through the API; (note, response body) of each."""
    import httpx

    from luoshi.link.status import STATUSES

    try:
        sent = []
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                          timeout=60) as client:  # fmt: skip
            barrier.wait(timeout=60)
            for i in range(POSTS_EACH):
                note = f"poster {poster}, note {i}"
                cid = commitment_ids[i % len(commitment_ids)]
                r = client.post(f"/api/commitments/{cid}/overrides",
                                json={"status": STATUSES[i % len(STATUSES)], "note": note})
                if r.status_code != 201:
                    raise AssertionError(f"{r.status_code}: {r.text}")
                sent.append((note, r.json()))
        out.put(("ok", sent))
    except BaseException:
        out.put(("error", traceback.format_exc()))


@contextmanager
def serve_processes(url: str, count: int) -> Iterator[list[str]]:
    """``count`` `luoshi serve` processes on one ledger (each on its own port): base URLs.

    Started together, so that their start-up (migrate, link) overlaps too.
    """
    import httpx

    servers = []
    for _ in range(count):
        port = _free_port()
        log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
        cmd = [sys.executable, "-c", "from luoshi.cli import app; app()",
               "serve", "--db", url, "--port", str(port)]  # fmt: skip
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ))
        servers.append((f"http://127.0.0.1:{port}", proc, log))
    try:
        for base, proc, log in servers:
            for _ in range(600):
                if proc.poll() is not None:
                    break
                try:
                    if httpx.get(base + "/", timeout=2).status_code < 500:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            if proc.poll() is not None:
                log.seek(0)
                raise AssertionError("luoshi serve exited:\n" + log.read().decode(errors="replace"))
        yield [base for base, _, _ in servers]
    finally:
        for _, proc, log in servers:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()


def test_api_overrides_through_two_servers_during_ingest_and_link(pg_url: str) -> None:
    pytest.importorskip("luoshi.web.app")
    from ledger_fixtures import make_doc_with_facts

    from luoshi.follow.overrides import overrides_of
    from luoshi.follow.run import link_ledger
    from luoshi.store.links import commitments
    from luoshi.web.accounts import add_user, create_token
    from luoshi.web.tables import audit

    doc = make_doc_with_facts()
    # a meeting in the past: the web app shows commitments as of today
    doc.meeting = dataclasses.replace(doc.meeting, start="2021-04-01", end="2021-04-02")
    with Ledger.open(pg_url) as ledger:
        ledger.ingest(doc, "/docs/facts.txt")
        link_ledger(ledger)
        with ledger.engine.begin() as conn:
            ids = list(conn.execute(sa.select(commitments.c.id).order_by("id")).scalars())
            add_user(conn, "analyst", "a fictional passphrase")
            token = create_token(conn, "analyst")
    later = [f"第{n}轮虚构对话成果清单\n1、双方欢迎第{n}批青年交流。\n" for n in range(30, 33)]
    linked = mp.get_context("spawn").Event()
    with serve_processes(pg_url, API_POSTERS) as bases:
        results = run_workers(
            [(_api_poster, (bases[p], token, p, ids)) for p in range(API_POSTERS)]
            + [(_ingest_and_link_worker, (pg_url, later, linked))]
        )
    sent = [s for r in results if r is not None for s in r]
    assert len(sent) == API_POSTERS * POSTS_EACH

    with Ledger.open(pg_url) as ledger:
        stored = overrides_of(ledger)
        with ledger.engine.connect() as conn:
            audited = conn.execute(
                sa.select(audit.c.after).where(audit.c.action == "override")
            ).scalars().all()
    notes = sorted(note for note, _ in sent)
    assert sorted(o["note"] for o in stored) == notes  # every write once, none lost
    assert sorted(json.loads(a)["note"] for a in audited) == notes  # and audited once
    # each response describes its own write, not a neighbour's
    assert all(body["row"]["note"] == note for note, body in sent)
    # and each response's audit entry is its own write's, not a neighbour's
    assert [body["audit"]["after"]["note"] for _, body in sent] == [note for note, _ in sent]


def _open_worker(url: str, barrier: Any, out: Any) -> None:
    try:
        barrier.wait(timeout=60)
        with Ledger.open(url) as ledger:
            out.put(("ok", ledger.row_counts()["documents"]))
    except BaseException:
        out.put(("error", traceback.format_exc()))


def test_processes_opening_a_new_ledger_together_migrate_it_once(pg_url: str) -> None:
    from luoshi.store.migrate import current_revisions, head_revisions

    assert run_workers([(_open_worker, (pg_url,)) for _ in range(WORKERS)]) == [0] * WORKERS
    engine = Ledger.open(pg_url).engine
    try:
        assert current_revisions(engine) == head_revisions()
    finally:
        engine.dispose()


def _link_worker(url: str, texts: list[str], barrier: Any, out: Any) -> None:
    from luoshi.follow.run import link_ledger

    try:
        with Ledger.open(url) as ledger:
            barrier.wait(timeout=60)
            for n, text in enumerate(texts):
                ledger.ingest(make_doc(text, f"/linked/{n}.txt"), f"/linked/{n}.txt")
                link_ledger(ledger)
        out.put(("ok", None))
    except BaseException:
        out.put(("error", traceback.format_exc()))


def test_concurrent_links_both_succeed(pg_url: str) -> None:
    # e.g. two `luoshi serve` processes relinking after the same ingest
    pytest.importorskip("luoshi.follow.run")
    from ledger_fixtures import make_doc_with_facts

    from luoshi.follow.run import link_ledger

    with Ledger.open(pg_url) as ledger:
        ledger.ingest(make_doc_with_facts(), "/docs/facts.txt")
    texts = [f"第{n}轮虚构对话成果清单\n1、双方欢迎第{n}批青年交流。\n" for n in range(40, 44)]
    # link_ledger takes the "link" lock first, so the relinks take turns
    run_workers([(_link_worker, (pg_url, texts)) for _ in range(3)])  # fails on any error
    with Ledger.open(pg_url) as ledger:
        summary = link_ledger(ledger)
    assert summary.skipped and summary.documents == 1 + len(texts)
