"""Shared test helpers: where the real corpus lives, and parsing it once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


def seed_path(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("the real corpus (../shared/corpus/seeds) is not beside this checkout")
    matches = sorted(SEEDS.glob(f"{prefix}_*"))
    if not matches:
        pytest.skip(f"seed {prefix} not found")
    return matches[0]


@cache
def _parsed(path: str):
    from luoshi.pipeline import parse

    return parse(path)


@pytest.fixture
def seed():
    """seed('000') → the parsed Document of that seed (parsed once per session)."""
    return lambda prefix: _parsed(str(seed_path(prefix)))
