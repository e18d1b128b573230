"""Versioned JSON Schemas of luoshi's output, shipped as package data.

The version lives in the file name and ``$id`` so that a consumer holding an old
export can always find the schema it was written against.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SCHEMA_VERSION = "1"
DOCUMENT_SCHEMA_ID = f"https://luoshi.example/schema/document.v{SCHEMA_VERSION}.json"


@cache
def document_schema() -> dict[str, Any]:
    """The document schema as a dict (cached: it is read on every validation)."""
    text = (files(__package__) / f"document.v{SCHEMA_VERSION}.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_document(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``record`` matches the schema.

    Spans are also checked for ``start <= end``, which JSON Schema cannot express.
    """
    import jsonschema

    validator_cls = jsonschema.validators.validator_for(document_schema())
    validator_cls(document_schema(), format_checker=validator_cls.FORMAT_CHECKER).validate(record)
    for path, span in _spans(record, "$"):
        if span[0] > span[1]:
            raise jsonschema.ValidationError(f"{path}: span start {span[0]} > end {span[1]}")


def _spans(node: Any, path: str) -> list[tuple[str, list[int]]]:
    found: list[tuple[str, list[int]]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            sub = f"{path}.{key}"
            if key.endswith("span") and isinstance(value, list) and len(value) == 2:
                found.append((sub, value))
            else:
                found.extend(_spans(value, sub))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_spans(value, f"{path}[{i}]"))
    return found
