"""The report page: the view model through the Jinja templates, autoescaped."""

from __future__ import annotations

from functools import cache

import jinja2

from luoshi.report.view import ReportInput, build_view

__all__ = ["render_report"]


@cache
def _environment() -> jinja2.Environment:
    # autoescape everything: titles and sentences come from documents anyone
    # could have written; StrictUndefined turns a template typo into an error
    # in the tests instead of an empty cell in a report
    return jinja2.Environment(
        loader=jinja2.PackageLoader("luoshi.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


def render_report(data: ReportInput) -> str:
    """One self-contained HTML page (inline CSS and SVG, no external resources)."""
    view = build_view(data)
    return _environment().get_template("report.html.j2").render(v=view)
