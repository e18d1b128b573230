"""Load the domain data files that sit beside the code (luoshi/data/*.toml)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """Parse ``luoshi/data/<name>.toml`` once per process."""
    path = resources.files("luoshi") / "data" / f"{name}.toml"
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:  # a broken data file is a packaging bug: say where
        raise RuntimeError(f"luoshi/data/{name}.toml: {err}") from err
