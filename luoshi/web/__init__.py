"""The web app and JSON API over the ledger (``luoshi serve``).

``create_app`` is imported lazily so that ``luoshi.web.tables`` (needed by the
migrations and the CLI) can be imported without FastAPI and Jinja.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db_url: str, *, secret: str | None = None) -> FastAPI:
    """The FastAPI app over the ledger at ``db_url`` (see ``luoshi.web.app``)."""
    from luoshi.web.app import create_app as _create

    return _create(db_url, secret=secret)
