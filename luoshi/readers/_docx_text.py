"""The text of DOCX paragraphs and table rows as they read with all tracked changes accepted.

Word records revisions in the XML: inserted runs sit in ``w:ins`` (and moved text at its new
place in ``w:moveTo``), deleted runs in ``w:del`` (text in ``w:delText``) and ``w:moveFrom``.
python-docx's ``Paragraph.text`` reads only the paragraph's direct runs and hyperlinks, so it
loses insertions. Here the runs are found by walking the inline containers a run can sit in,
skipping deletions; each run's text is python-docx's own (``w:t``, ``w:tab``, ``w:br``, …).
A deleted paragraph mark (``w:pPr/w:rPr/w:del``) joins a paragraph to the next one, a deleted
row (``w:trPr/w:del``) or cell (``w:tcPr/w:cellDel``) goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn

_RUN = qn("w:r")
# Inline elements whose runs are part of the paragraph's text. Anything else (w:del,
# w:moveFrom, w:pPr, bookmarks, comments' ranges) holds no accepted text.
_INLINE = frozenset(qn(t) for t in (
    "w:ins", "w:moveTo", "w:hyperlink", "w:smartTag", "w:sdt", "w:sdtContent",
    "w:fldSimple", "w:customXml", "w:dir", "w:bdo"))
_DELETED = (qn("w:del"), qn("w:moveFrom"))


def _runs(el: Any) -> Iterator[Any]:
    for child in el:
        if child.tag == _RUN:
            yield child
        elif child.tag in _INLINE:
            yield from _runs(child)


def paragraph_text(p: Any) -> str:
    """The text of a ``w:p`` element with its tracked changes accepted."""
    return "".join(r.text for r in _runs(p))


def _marked(el: Any, props: str, *tags: str) -> bool:
    pr = el.find(qn(props))
    return pr is not None and any(pr.find(tag) is not None for tag in tags)


def mark_deleted(p: Any) -> bool:
    """The paragraph mark was deleted: accepted, the paragraph runs on into the next."""
    ppr = p.find(qn("w:pPr"))
    return ppr is not None and _marked(ppr, "w:rPr", *_DELETED)


def row_deleted(tr: Any) -> bool:
    return _marked(tr, "w:trPr", qn("w:del"))


def cell_deleted(tc: Any) -> bool:
    return _marked(tc, "w:tcPr", qn("w:cellDel"))
