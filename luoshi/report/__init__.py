"""The follow-through report: one self-contained HTML page.

``render_report(ReportInput(...))`` turns plain data — tracker rows, series
and timelines in the JSON shapes of ``luoshi.follow``, and the ledger's
document summaries — into an HTML string with inline SVG charts: status by
round and by topic, a timeline per series, the overdue list and every
commitment with the sentence it came from. Pure: no ledger, no clock, no
network; ``luoshi report`` (``luoshi/commands/report.py``) gathers the data.
"""

from __future__ import annotations

from luoshi.report.render import render_report
from luoshi.report.view import ReportInput, build_view

__all__ = ["ReportInput", "build_view", "render_report"]
