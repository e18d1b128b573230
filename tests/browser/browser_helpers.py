"""Helpers of the browser tests (a plain module: imported by name, unlike conftest).

The web app in a real browser: Debian's Chromium driven by Playwright.

Never downloads a browser: launches /usr/bin/chromium (installed in CI by
.ci/services/chromium.sh) and skips, saying so, when it is absent.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
LUOSHI = [sys.executable, "-c", "from luoshi.cli import app; app()"]
USER, PASSWORD = "analyst", "fictional-passw0rd"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_cli(*args: str, stdin: str | None = None) -> None:
    subprocess.run([*LUOSHI, *args], check=True, input=stdin, text=True,
                   stdout=subprocess.DEVNULL)


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"web-{name}.png"
    page.screenshot(path=str(target), full_page=False)
    return target
