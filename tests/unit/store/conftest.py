"""Fixtures for ledger tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from luoshi.store import Ledger


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger.open(f"sqlite:///{tmp_path / 'ledger.db'}") as opened:
        yield opened
