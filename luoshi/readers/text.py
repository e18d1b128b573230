"""Plain text: the decoded file is both the text and (line ends aside) the body."""

from __future__ import annotations

from luoshi.model import RawDocument
from luoshi.readers._common import Input, finish
from luoshi.readers.encoding import decode_input
from luoshi.textmap import MappedText


def read(inp: Input) -> RawDocument:
    dec = decode_input(inp)
    body = MappedText.root(dec.text).edit([])
    return finish(
        inp, text=dec.text, body=body, fmt="text", encoding=dec.encoding, warnings=dec.warnings
    )
