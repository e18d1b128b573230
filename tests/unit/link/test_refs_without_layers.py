"""luoshi.link.refs: a document read back from the ledger has no normalised layer;
cited spans must still hold the cited text (the item's label, blanks and line
breaks are in the source, not in ``normalized``)."""

from __future__ import annotations

from luoshi.link.refs import ItemRef, norm_range, source_span
from luoshi.model import Document, Item, SourceInfo

SOURCE = "标题\n12、 海藻园：双方 同意\n在2031年底前建成海藻园，\n并开放参观。\n"


def _ref() -> ItemRef:
    start = SOURCE.index("12、")
    end = SOURCE.index("参观。") + 3
    norm = "海藻园:双方同意在2031年底前建成海藻园,并开放参观。"
    item = Item(number=12, label="12、", section=None, title="海藻园", text=norm,
                span=(start, end), normalized=norm)
    doc = Document(source=SourceInfo(path="fiction.txt", sha256="f" * 64, format="text"),
                   text=SOURCE, items=[item])
    return ItemRef("u", doc, item, 0)


def test_cited_range_text_is_what_the_span_holds() -> None:
    ref = _ref()
    norm = ref.item.normalized
    a = norm.index("建成")
    cite = ref.cite_range(a, a + len("建成海藻园"))
    s, e = cite["span"]
    assert SOURCE[s:e] == "建成海藻园" == cite["text"]
    # across a removed blank and a line break: the source text, blanks included
    a = norm.index("双方")
    cite = ref.cite_range(a, norm.index("在"))
    s, e = cite["span"]
    assert cite["text"] == SOURCE[s:e] == "双方 同意"


def test_norm_range_inverts_source_span() -> None:
    ref = _ref()
    norm = ref.item.normalized
    a, b = norm.index("并开放"), len(norm)
    span = source_span(ref.doc, ref.item, a, b)
    assert SOURCE[span[0]:span[1]] == "并开放参观。"
    assert norm_range(ref.doc, ref.item, span) == (a, b)


def test_hand_built_layers_still_coincide() -> None:
    norm = "双方同意建成海藻园。"
    item = Item(number=1, label="", section=None, title=None, text=norm, span=(5, 5 + len(norm)),
                normalized=norm)
    doc = Document(source=SourceInfo(path="f.txt", sha256="e" * 64, format="text"),
                   text="xxxxx" + norm, items=[item])
    assert source_span(doc, item, 2, 4) == (7, 9)
