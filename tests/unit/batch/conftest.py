"""Fixtures for batch-ingest tests (helpers live in batch_corpus.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_corpus import SAMPLES, write_corpus


@pytest.fixture
def fiction(tmp_path: Path) -> Path:
    """Eight fictional lists, the bundled samples, and one file no reader accepts."""
    root = tmp_path / "in"
    write_corpus(root / "lists", 8)
    samples = root / "samples"
    samples.mkdir()
    for path in SAMPLES.iterdir():
        (samples / path.name).write_bytes(path.read_bytes())
    (root / "lists" / "doc004-empty.txt").write_bytes(b"")
    return root
