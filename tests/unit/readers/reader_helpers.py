"""Helpers for the readers' tests: fictional texts, the seed directory, span checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.model import RawDocument

# parents[3] is the repository root; the shared corpus sits beside it.
SEEDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "seeds"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "readers"

# Clearly fictional: no sentence of a real document.
FICTION = """第九轮虚构合作对话成果清单

2031年5月6日至7日，第九轮虚构合作对话在雾港举行。双方就以下成果达成一致：

一、双边合作
1、气象合作：双方同意于2032年共同建设三个山区降雨观测站。
2、海洋合作：双方决定联合开展珊瑚礁健康调查，并每年交换调查数据。
二、人文交流
3、青年交流：双方将互派二百名青年志愿者，开展植树和清洁河道活动。
"""

FICTION_TRAD = """第九輪虛構合作對話成果清單

雙方同意於2032年共同建設三個山區降雨觀測站，並每年交換調查數據。
"""


def seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("the real corpus (../shared/corpus/seeds) is not beside this checkout")
    found = sorted(SEEDS.glob(f"{prefix}_*"))
    if not found:
        pytest.skip(f"seed {prefix} not found")
    return found[0]


def root_of(raw: RawDocument, sub: str, occurrence: int = 0) -> str:
    """The original text a body substring maps back to (raises if ``sub`` is not in the body)."""
    i = -1
    for _ in range(occurrence + 1):
        i = raw.body.text.index(sub, i + 1)
    a, b = raw.body.to_root(i, i + len(sub))
    return raw.text[a:b]


def assert_maps_back(raw: RawDocument, sub: str) -> None:
    """A substring of the body that is also verbatim in the source maps onto itself."""
    assert root_of(raw, sub) == sub
