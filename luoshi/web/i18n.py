"""Interface language (zh/en) and the bilingual labels pages show beside the data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


@cache
def _table() -> dict[str, dict[str, list[str]]]:
    with (Path(__file__).parent / "labels.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def _topics() -> dict[str, tuple[str, str]]:
    from luoshi.extract.topics import codebook

    return {t.code: (t.label_zh, t.label_en) for t in codebook()}


def topic_options() -> list[tuple[str, str, str]]:
    """(code, zh, en) for every topic of the codebook."""
    return [(code, zh, en) for code, (zh, en) in _topics().items()]


def topic_labels(code: str | None) -> tuple[str, str] | None:
    return None if code is None else _topics().get(code)


def pick_lang(query: str | None, cookie: str | None) -> str:
    for value in (query, cookie):
        if value in LANGS:
            return value
    return DEFAULT_LANG


@dataclass(frozen=True, slots=True)
class Labels:
    """What templates call: ``t('documents')`` and the bilingual data labels."""

    lang: str

    def t(self, key: str) -> str:
        pair = _table()["ui"].get(key)
        if pair is None:
            return key
        return pair[0] if self.lang == "zh" else pair[1]

    def pair(self, group: str, key: str | None) -> tuple[str, str]:
        """(zh, en) of a data value; the value itself twice when unknown."""
        if key is None:
            return ("", "")
        found = _table().get(group, {}).get(key)
        return (found[0], found[1]) if found else (key, key)
