"""Chinese and English labels for what the report shows.

Statuses, roles and collective parties come from ``templates/labels.toml``;
topics from the topic codebook (``luoshi.extract.topics``); agencies from the
gazetteer (``luoshi.extract.actors``). All lookups are pure and cached.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "Label",
    "commitment_statuses",
    "evidence_label",
    "occurrence_status",
    "occurrence_statuses",
    "party_label",
    "role_label",
    "status_label",
    "topic_label",
]


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    zh: str
    en: str
    colour: str = "#A0A0A0"


@cache
def _labels() -> dict[str, Any]:
    text = resources.files("luoshi.report").joinpath("templates/labels.toml").read_text("utf-8")
    return tomllib.loads(text)


def _table(name: str) -> dict[str, Label]:
    out: dict[str, Label] = {}
    for key, value in _labels()[name].items():
        zh, en, *rest = value
        out[key] = Label(key, zh, en, rest[0] if rest else "#A0A0A0")
    return out


@cache
def _statuses() -> dict[str, Label]:
    return _table("commitment_status")


@cache
def _occurrence_statuses() -> dict[str, Label]:
    return _table("occurrence_status")


def commitment_statuses() -> list[Label]:
    """Every commitment status, in display order."""
    return list(_statuses().values())


def occurrence_statuses() -> list[Label]:
    """Every occurrence (meeting) status, in display order."""
    return list(_occurrence_statuses().values())


def status_label(status: str | None) -> Label:
    key = status or "unknown"
    # a status this report does not know yet is still shown, by its own name
    return _statuses().get(key) or Label(key, key, key)


def occurrence_status(status: str | None) -> Label:
    key = status or "unknown"
    return _occurrence_statuses().get(key) or Label(key, key, key)


def role_label(role: str | None) -> Label:
    table = _table("source_role")
    key = role or "unknown"
    return table.get(key) or Label(key, key, key)


def evidence_label(kind: str | None) -> Label:
    table = _table("evidence_kind")
    key = kind or ""
    return table.get(key) or Label(key, key, key)


@cache
def _topics() -> dict[str, tuple[str, str]]:
    from luoshi.extract.topics import codebook

    return {t.code: (t.label_zh, t.label_en) for t in codebook()}


def topic_label(topic: Any) -> Label:
    """A topic given as its code ("16.2") or as ``{code, label_zh, label_en}``."""
    if isinstance(topic, dict):
        code = str(topic.get("code") or "99")
        zh, en = _topics().get(code, ("", ""))
        zh = str(topic.get("label_zh") or zh or code)
        return Label(code, zh, str(topic.get("label_en") or en or code))
    code = str(topic) if topic not in (None, "") else "99"
    zh, en = _topics().get(code, (code, code))
    return Label(code, zh, en)


@cache
def party_label(party: str) -> str | None:
    """The English name of a party ("中美双方", an agency), or None when unknown."""
    key = "".join(party.split())
    collective = _labels()["party"].get(key)
    if collective:
        return str(collective)
    from luoshi.extract.actors import find_actors

    names = [m.name_en for m in find_actors(party) if m.name_en]
    return "; ".join(dict.fromkeys(names)) or None
