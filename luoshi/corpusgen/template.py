"""A seed document cut into head, numbered item blocks and tail.

The generator only rearranges what it finds here, so it knows exactly which
numbers it wrote: its truth does not come from luoshi's own parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "1、" "12." "**3、" at a line start (any indent); "3.5亿" is a figure, not an item.
_MARKER = re.compile(
    r"^(?P<lead>[ \t\u3000]*(?:\*\*)?)(?P<num>\d{1,3})(?P<sep>\s*(?:、|[.．](?!\d)))", re.M
)


@dataclass(frozen=True, slots=True)
class Block:
    lead: str  # indent / markup before the number
    number: int
    rest: str  # everything after the number up to the next item, separator included


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    head: str
    blocks: tuple[Block, ...]

    @property
    def usable(self) -> bool:
        return len(self.blocks) >= 5


def cut(name: str, text: str) -> Template:
    """Split at item markers numbered 1, 2, 3 … in sequence.

    Everything from the first marker that breaks the sequence on (a seed's own gap,
    a second list) is left out, so every number the generator writes is one it
    knows about.
    """
    markers = list(_MARKER.finditer(text))
    if not markers or int(markers[0].group("num")) != 1:
        return Template(name, text, ())
    blocks: list[Block] = []
    for i, m in enumerate(markers):
        if int(m.group("num")) != len(blocks) + 1:
            break
        end = markers[i + 1].start() if i + 1 < len(markers) else len(text)
        blocks.append(Block(m.group("lead"), int(m.group("num")), text[m.end("num"):end]))
    return Template(name, text[: markers[0].start()], tuple(blocks))
