"""Fixtures of the browser tests: a running server over the seeds, and Chromium."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from browser_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LUOSHI,
    PASSWORD,
    SEEDS,
    USER,
    free_port,
    run_cli,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running ``luoshi serve`` over the seeds (ingested through the CLI); its base URL."""
    if not SEEDS.is_dir():
        pytest.skip("the real corpus (../shared/corpus/seeds) is not beside this checkout")
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'seeds.db'}"
    run_cli("ingest", "--db", url, str(SEEDS))
    try:
        from luoshi.follow import link_ledger
        from luoshi.store import Ledger

        with Ledger.open(url) as ledger:
            link_ledger(ledger)
    except (ImportError, NotImplementedError):
        pass  # pages say linking has not run; the flow below skips what needs it
    run_cli("user", "add", USER, "--db", url, "--password-stdin", stdin=PASSWORD + "\n")
    port = free_port()
    env = dict(os.environ, LUOSHI_SECRET="browser-tests")
    proc = subprocess.Popen([*LUOSHI, "serve", "--db", url, "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/documents.json", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("luoshi serve did not start")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (Debian package chromium; .ci/services/chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    try:
        yield tab
    finally:
        context.close()
