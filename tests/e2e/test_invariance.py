"""The same list, re-wrapped, re-encoded, in Traditional script, rendered to
PDF/HTML/DOCX or pasted twice, must give the same items."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from luoshi.clean.common import simplified
from luoshi.pipeline import parse_raw
from luoshi.readers import read_bytes

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from backends import seed_path
from transforms import (
    encode,
    paste_twice,
    render_docx,
    render_html,
    render_pdf,
    rewrap,
    to_traditional,
)

LISTS = ("000", "001", "002", "003")


def items_of(data: bytes, name: str) -> list[tuple[int | None, str]]:
    doc = parse_raw(read_bytes(data, name))
    return [(it.number, simplified("".join((it.title or "").split()))) for it in doc.items]


def _source(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


TRANSFORMS = {
    "rewrap-18": lambda t: rewrap(t, 18).encode("utf-8"),
    "rewrap-40": lambda t: rewrap(t, 40).encode("utf-8"),
    "gb18030": lambda t: encode(t, "gb18030"),
    "utf-16": lambda t: encode(t, "utf-16"),
    "big5-traditional": lambda t: encode(to_traditional(t), "big5"),
    "traditional": lambda t: to_traditional(t).encode("utf-8"),
    "pasted-twice": lambda t: paste_twice(t).encode("utf-8"),
    "pdf": render_pdf,
    "html": render_html,
    "docx": render_docx,
}
NAMES = {"pdf": "x.pdf", "html": "x.html", "docx": "x.docx"}


@pytest.mark.parametrize("prefix", LISTS)
@pytest.mark.parametrize("how", sorted(TRANSFORMS))
def test_items_survive(prefix: str, how: str) -> None:
    text = _source(prefix)
    expected = items_of(text.encode("utf-8"), f"{prefix}.txt")
    got = items_of(TRANSFORMS[how](text), NAMES.get(how, f"{prefix}.txt"))
    assert [n for n, _ in got] == [n for n, _ in expected]
    assert got == expected
