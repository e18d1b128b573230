"""More ``luoshi`` commands, one module per group (track, serve, ...).

Each module defines ``register(app: typer.Typer) -> None``; ``luoshi.cli``
calls it for every module here (order: ``FIRST``, then by name), once its own commands and shared
helpers (``_guard``, ``_owned_stdout``, ``_open_ledger``, options) exist. Keeping
groups apart lets the document commands, the follow-through commands and the
server grow without editing one long module.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

# `luoshi --help` lists commands in registration order: the workflow's order
# first (get documents in, follow them through, publish), then anything else.
FIRST = ("ingest", "follow", "report", "serve")


def _rank(name: str) -> tuple[int, str]:
    return (FIRST.index(name) if name in FIRST else len(FIRST), name)


def register_all(app: typer.Typer) -> None:
    names = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    for name in sorted(names, key=_rank):
        importlib.import_module(f"{__name__}.{name}").register(app)
