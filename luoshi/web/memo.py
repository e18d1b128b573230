"""Per-ledger memory of what is derived from immutable content only.

A version's bytes never change (it is identified by their sha256), and neither
do its stored record nor the segments its text is cut into; keys always include
that sha256, so nothing kept here can go stale. Everything analysts change
(corrections, overrides, audit) is read fresh on every request.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
SIZE = 64  # entries per ledger: a few dozen documents' records and texts

_lock = threading.Lock()
_per_ledger: weakref.WeakKeyDictionary[Any, dict[str, OrderedDict[Hashable, Any]]] = (
    weakref.WeakKeyDictionary()
)


def remember(owner: Any, key: Hashable, compute: Callable[[], T], *, space: str = "content",
             size: int = SIZE) -> T:
    """``compute()`` once per ``(owner, key)``, least recently used dropped first.

    ``space`` keeps kinds of entries apart, each with its own ``size``.
    """
    with _lock:
        table = _per_ledger.setdefault(owner, {}).setdefault(space, OrderedDict())
        if key in table:
            table.move_to_end(key)
            return table[key]  # type: ignore[no-any-return]
    value = compute()  # outside the lock: two threads may compute the same, harmlessly
    with _lock:
        table[key] = value
        while len(table) > size:
            table.popitem(last=False)
    return value
