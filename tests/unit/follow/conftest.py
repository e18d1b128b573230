"""Ledger fixtures for the follow tests (documents: follow_fixtures.py).

Helpers live in follow_fixtures.py, not here: test modules import them by
module name, and every conftest.py of the suite is a module named "conftest".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from luoshi.store import Ledger


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    with Ledger.open(ledger_url) as opened:
        yield opened


@pytest.fixture
def sqlite_ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger.open(f"sqlite:///{tmp_path / 'follow.db'}") as opened:
        yield opened
