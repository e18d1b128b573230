"""What extractors read from each other's results, as structural types.

Extractors accept time expressions and actor mentions found by other extractors
without importing them (each can be tested with plain stand-ins); these protocols
name the attributes they rely on. ``TimeExpr`` and ``ActorMention`` satisfy them.
"""

from __future__ import annotations

from typing import Protocol


class TimeLike(Protocol):
    """A time expression (``luoshi.extract.times.TimeExpr``)."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def value_start(self) -> str | None: ...
    @property
    def value_end(self) -> str | None: ...
    @property
    def granularity(self) -> str | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def relation(self) -> str | None: ...


class ActorLike(Protocol):
    """An actor mention (``luoshi.extract.actors.ActorMention``)."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def id(self) -> str | None: ...
    @property
    def name(self) -> str: ...
    @property
    def side(self) -> str | None: ...
    @property
    def type(self) -> str | None: ...
