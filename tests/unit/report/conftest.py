"""Report test fixtures (the fictional data itself lives in report_fixtures.py)."""

from __future__ import annotations

import pytest
from report_fixtures import make_input

from luoshi.report import ReportInput


@pytest.fixture
def report_input() -> ReportInput:
    return make_input()
