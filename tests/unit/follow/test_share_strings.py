"""Loading documents for linking shares equal short strings between them."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from luoshi.follow.load import SHARED_MAX_LEN, share_strings

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                               max_size=4),
    max_leaves=20,
)


@given(st.lists(_json, max_size=5))
def test_sharing_changes_no_value(values: list[object]) -> None:
    before = copy.deepcopy(values)
    table: dict[str, str] = {}
    for v in values:
        share_strings(v, table)
    assert values == before


def test_equal_short_strings_become_one_object_and_long_ones_stay() -> None:
    long_text = "双方决定" * SHARED_MAX_LEN
    a = {"actors": [{"id": "".join(["cn", "-mofa"]), "side": "CN"}], "text": long_text}
    b = {"actors": [{"id": "".join(["cn-", "mofa"]), "side": "CN"}], "text": "".join(long_text)}
    assert a["actors"][0]["id"] is not b["actors"][0]["id"]
    table: dict[str, str] = {}
    share_strings(a, table)
    share_strings(b, table)
    assert a["actors"][0]["id"] is b["actors"][0]["id"]
    assert "CN" in table and long_text not in table
