"""Plain text: the decoded file is both the text and (line ends aside) the body.

The one drawing done here is of a delimited table with a number column (Excel rows
pasted as tab-separated text, a CSV export): its rows become items (see tabular)."""

from __future__ import annotations

from luoshi.model import RawDocument
from luoshi.readers._common import Input, finish
from luoshi.readers.encoding import decode_input
from luoshi.readers.tabular import table_edits
from luoshi.textmap import MappedText


def read(inp: Input) -> RawDocument:
    dec = decode_input(inp)
    body = MappedText.root(dec.text).edit(table_edits(dec.text))
    return finish(
        inp, text=dec.text, body=body, fmt="text", encoding=dec.encoding, warnings=dec.warnings
    )
