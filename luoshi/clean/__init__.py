"""Cleaning: from a reader's body to a display layer and a normalised layer.

Stages run in order, each a pure function ``(MappedText, CleanState) -> MappedText``;
defects are recorded in source coordinates as they are found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from luoshi.clean.artifacts import remove_artifacts
from luoshi.clean.boilerplate import remove_boilerplate
from luoshi.clean.common import CleanState
from luoshi.clean.layout import normalise_layout
from luoshi.clean.normalize import normalise
from luoshi.clean.repeats import remove_repeats
from luoshi.clean.wrap import join_wraps
from luoshi.textmap import MappedText, Span

STAGES = (normalise_layout, remove_artifacts, remove_boilerplate, join_wraps, remove_repeats)


@dataclass(slots=True)
class Cleaned:
    display: MappedText  # one paragraph per line, original characters
    normalized: MappedText  # same paragraphs, simplified and width-normalised
    state: CleanState


def clean(body: MappedText, headings: Iterable[Span] = ()) -> Cleaned:
    """``headings``: the reader's heading spans in source coordinates (they stand alone)."""
    state = CleanState(headings=tuple(headings))
    mt = body
    for stage in STAGES:
        mt = stage(mt, state)
    display = mt.flatten()  # one hop to the source instead of one per stage
    # the normalised layer maps onto the display layer in one hop, too
    return Cleaned(display, normalise(display, state).flatten(onto=display), state)
