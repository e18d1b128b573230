"""The five real documents through read(): format, encoding, metadata, offsets."""

from __future__ import annotations

import re

import pytest
from reader_helpers import seed

from luoshi.model import RawDocument
from luoshi.readers import read

pytestmark = pytest.mark.seeds


def _read(prefix: str) -> RawDocument:
    return read(str(seed(prefix)))


def _check_offsets(raw: RawDocument) -> None:
    """Slices of the body all over it map back onto the same characters of the source."""
    body = raw.body.text
    step = max(1, len(body) // 23)
    for i in range(0, len(body) - 12, step):
        a, b = raw.body.to_root(i, i + 12)
        assert raw.text[a:b] == body[i : i + 12]


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_plain_text_seeds(prefix: str) -> None:
    raw = _read(prefix)
    assert (raw.source.format, raw.source.encoding) == ("text", "utf-8")
    assert raw.source.size == seed(prefix).stat().st_size
    assert raw.body.text == raw.text  # the cleaner, not the reader, removes chrome here
    assert raw.warnings == []
    assert [d for d in raw.defects if d.kind == "encoding-repair"] == []
    _check_offsets(raw)


def test_001_archive_record() -> None:
    raw = _read("001")
    assert raw.source.format == "archive"
    m = raw.metadata
    assert m["published"] == "2014-07-12"
    bt = re.search(r"〖BT/标题〗(.*?)〖-BT/标题〗", raw.text)
    assert bt is not None
    assert m["title"] == bt.group(1) == m["BT"]
    assert raw.text[slice(*raw.metadata_spans["title"])] == m["title"]
    assert (m["page"], m["page_name"], m["genre"], m["issue"]) == (
        m["BH"],
        m["BM"],
        m["TC"],
        m["ZQ"],
    )
    assert "〖" not in raw.body.text and "〗" not in raw.body.text
    assert raw.body.text.lstrip().startswith("在2014年7月")
    assert raw.warnings == []
    _check_offsets(raw)


def test_002_markdown() -> None:
    raw = _read("002")
    assert (raw.source.format, raw.source.encoding) == ("markdown", "utf-8")
    assert raw.metadata["title"].endswith("成果清单")
    level, (a, b) = raw.headings[0]
    assert level == 1 and raw.text[a:b] == raw.metadata["title"]
    assert "**" not in raw.body.text and "# " not in raw.body.text
    numbered = re.findall(r"^(\d+)、", raw.body.text, re.M)
    assert numbered[:3] == ["1", "2", "3"]
    i = raw.body.text.index("2、")
    a, b = raw.body.to_root(i, i + 2)
    assert raw.text[a - 2 : b] == "**2、"


def test_004_traditional_text_is_read_as_is() -> None:
    raw = _read("004")
    assert "戰略對話" in raw.body.text
