"""More ``luoshi`` commands, one module per group (track, serve, ...).

Each module defines ``register(app: typer.Typer) -> None``; ``luoshi.cli``
calls it for every module here, in name order, once its own commands and shared
helpers (``_guard``, ``_owned_stdout``, ``_open_ledger``, options) exist. Keeping
groups apart lets the document commands, the follow-through commands and the
server grow without editing one long module.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer


def register_all(app: typer.Typer) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(app)
