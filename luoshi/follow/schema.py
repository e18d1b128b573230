"""Validation against ``luoshi/schema/follow.v1.json`` (tests and ``--json`` consumers)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

FOLLOW_SCHEMA_ID = "https://luoshi.example/schema/follow.v1.json"
SHAPES = (
    "trackerRow", "trackerRows", "seriesList", "timeline", "thread", "diff", "copies",
    "linkSummary", "override", "overrideList",
)


@cache
def follow_schema() -> dict[str, Any]:
    text = (files("luoshi.schema") / "follow.v1.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate(shape: str, value: Any) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``value`` is a valid ``shape``."""
    import jsonschema

    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r} (one of {', '.join(SHAPES)})")
    schema = dict(follow_schema())
    schema["$ref"] = f"#/$defs/{shape}"
    cls = jsonschema.validators.validator_for(schema)
    cls(schema).validate(value)
