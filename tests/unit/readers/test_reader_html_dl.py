"""HTML definition lists (<dl>) on small fictional pages (虚构示例): outcome lists whose
<dd> paragraphs are the items under <dt> topic headings, and metadata lists that are not."""

from __future__ import annotations

from luoshi.model import RawDocument
from luoshi.parse.document import build_document
from luoshi.readers import read_bytes

OUTCOMES_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Outcomes of the Third Mistport&ndash;Cloudtown Dialogue | Ministry of Fiction</title>
</head><body>
<header class="site-header"><nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li>
</ul></nav></header>
<main><article>
<h1>Outcomes of the Third Mistport&ndash;Cloudtown Dialogue</h1>
<p>The Third Mistport&ndash;Cloudtown Dialogue was held in Fogbay on 6&ndash;7 May 2031.
The two sides agreed on the following outcomes:</p>
<dl class="outcomes">
  <dt>Ocean Science</dt>
  <dd>The two sides will build three tide observation stations in Fogbay by the end of 2032.</dd>
  <dd>The Mistport Marine Office and the Cloudtown Sea Bureau will exchange buoy data monthly.</dd>

  <dt>Youth Exchanges</dt>
  <dd>The two sides will send two hundred volunteers to plant mangroves in the autumn of 2031.</dd>

  <dt>Forestry</dt>
  <dd>The two sides agreed to hold the first Forest Fire Workshop in Cloudtown in March 2032.</dd>
  <dd>The two sides will publish a joint map of old-growth groves before the next Dialogue.</dd>
</dl>
<p class="contact">For further information, please contact the Press Office.</p>
</article></main>
<footer><p>Ministry of Fictional Affairs</p></footer>
</body></html>
"""

DD_TEXTS = [
    "The two sides will build three tide observation stations in Fogbay by the end of 2032.",
    "The Mistport Marine Office and the Cloudtown Sea Bureau will exchange buoy data monthly.",
    "The two sides will send two hundred volunteers to plant mangroves in the autumn of 2031.",
    "The two sides agreed to hold the first Forest Fire Workshop in Cloudtown in March 2032.",
    "The two sides will publish a joint map of old-growth groves before the next Dialogue.",
]

# a page whose <dl> holds the release's particulars, its outcomes written as paragraphs
METADATA_PAGE = """<html><head><title>Fogbay Dialogue Held | Ministry of Fiction</title></head>
<body><main><article>
<h1>Fogbay Dialogue Held</h1>
<dl class="release-info">
  <dt>Date:</dt><dd>7 May 2031</dd>
  <dt>Source:</dt><dd>Ministry of Fictional Affairs</dd>
  <dt>Release No.</dt><dd>27/FA/2031</dd>
</dl>
<p>The Third Mistport&ndash;Cloudtown Dialogue was held in Fogbay on 6&ndash;7 May 2031.</p>
<p>The two sides will build three tide observation stations in Fogbay by the end of 2032.</p>
<p>The two sides agreed to hold the first Forest Fire Workshop in Cloudtown in March 2032.</p>
</article></main></body></html>
"""


def _page(html: str) -> RawDocument:
    return read_bytes(html.encode("utf-8"), "page.html", name_hint="page.html")


def test_dd_paragraphs_are_drawn_as_bullets_under_their_dt() -> None:
    body = _page(OUTCOMES_PAGE).body.text
    assert (
        "Ocean Science\n\n• "
        + DD_TEXTS[0]
        + "\n\n• "
        + DD_TEXTS[1]
        + "\n\nYouth Exchanges\n\n• "
        + DD_TEXTS[2]
        + "\n\nForestry\n\n• "
        + DD_TEXTS[3]
    ) in body
    assert "• Ocean Science" not in body  # a <dt> is a heading, not an item
    assert "• For further information" not in body


def test_dl_outcomes_with_one_and_two_dd_per_dt_become_items_in_order() -> None:
    doc = build_document(_page(OUTCOMES_PAGE))
    assert [it.text for it in doc.items] == DD_TEXTS
    assert all(it.number is None for it in doc.items)  # bullets: drawn, never numbered
    # each <dt> heads the items under it
    assert [it.section for it in doc.items] == [
        "Ocean Science",
        "Ocean Science",
        "Youth Exchanges",
        "Forestry",
        "Forestry",
    ]


def test_dd_items_map_back_to_their_dd_in_the_source() -> None:
    raw = _page(OUTCOMES_PAGE)
    doc = build_document(raw)
    for it, text in zip(doc.items, DD_TEXTS, strict=True):
        s, e = it.span
        # the drawn bullet maps onto the <dd> tag; the text follows it, as written
        assert raw.text[s:e] == "<dd>" + text
    bullet = raw.body.text.index("• ")
    a, b = raw.body.to_root(bullet, bullet + 2)
    assert raw.text[a:b] == "<dd>"


def test_dl_of_page_metadata_draws_no_bullets_and_gives_no_items() -> None:
    raw = _page(METADATA_PAGE)
    assert "•" not in raw.body.text
    assert "Date:\n\n7 May 2031" in raw.body.text
    doc = build_document(raw)
    assert not any(it.text == "7 May 2031" or "27/FA/2031" in it.text for it in doc.items)
    assert not any(it.number is None and it.text.startswith("7 May") for it in doc.items)


def test_metadata_dl_beside_an_outcome_dl_keeps_its_values_plain() -> None:
    meta = (
        '<dl class="release-info"><dt>Date</dt><dd>7 May 2031</dd>'
        "<dt>Source</dt><dd>Ministry of Fictional Affairs</dd></dl>\n"
    )
    page = OUTCOMES_PAGE.replace('<dl class="outcomes">', meta + '<dl class="outcomes">')
    raw = _page(page)
    assert "• 7 May 2031" not in raw.body.text and "• Ministry" not in raw.body.text
    doc = build_document(raw)
    assert [it.text for it in doc.items] == DD_TEXTS


def test_dd_with_its_own_number_or_bullet_gets_no_second_one() -> None:
    page = OUTCOMES_PAGE.replace("<dd>The two sides will build", "<dd>1. The two sides will build")
    page = page.replace("<dd>The Mistport Marine", "<dd>– The Mistport Marine")
    body = _page(page).body.text
    assert "\n1. The two sides will build" in body and "• 1." not in body
    assert "\n– The Mistport Marine" in body and "• –" not in body


def test_a_list_inside_a_dd_is_drawn_as_its_sub_bullets() -> None:
    page = OUTCOMES_PAGE.replace(
        "<dd>" + DD_TEXTS[4] + "</dd>",
        "<dd><p>The two sides agreed to:</p><ul><li>publish a joint map of old-growth groves;</li>"
        "<li>train forty rangers in 2032.</li></ul></dd>",
    )
    body = _page(page).body.text
    assert "• The two sides agreed to:\n\n– publish a joint map" in body
    assert "\n\n– train forty rangers in 2032." in body
