"""Run-in headings: a bold run opening an item is its title (fictional items, 虚构示例)."""

from __future__ import annotations

from luoshi.pipeline import parse_raw
from luoshi.readers import read_bytes

MD = """# Fictional Co-Chairs' Statement of the Third Meeting

(1) **Ocean observation.** The two sides will deploy 12 floats by 2031.

(2) **The two sides will hold the fourth meeting in Qingdao next year, as agreed.** Details follow.

(3) **Fisheries**: The two sides will exchange catch data.

(4) **1. Reporting.** Nothing here is a marker.

(5) The two sides note **progress** in surveys.

(6) **Appreciation.**
"""


def _items(data: str, name: str):
    doc = parse_raw(read_bytes(data.encode(), name, name_hint=name), extract=False)
    return {it.number: it for it in doc.items}, data


def test_markdown_bold_run_in_heading_is_the_title_with_its_source_span() -> None:
    items, data = _items(MD, "statement.md")
    it = items[1]
    assert it.title == "Ocean observation"
    a, b = it.title_span
    assert data[a:b] == "Ocean observation"
    assert it.text.startswith("Ocean observation. The two sides")  # the text keeps it


def test_bold_sentence_bold_inside_and_whole_bold_item_give_no_title() -> None:
    items, _ = _items(MD, "statement.md")
    assert items[2].title is None  # a sentence (comma, many words), not a heading
    assert items[5].title is None  # bold inside the sentence
    assert items[6].title is None  # nothing after the bold run


def test_colon_heading_still_wins() -> None:
    items, _ = _items(MD, "statement.md")
    assert items[3].title == "Fisheries"


def test_html_b_heading_in_chinese_list() -> None:
    page = ("<html><head><title>虚构对话成果清单</title></head><body><article>"
            "<h1>第三次虚构对话成果清单</h1><p>双方达成以下成果：</p>"
            "<p>1. <b>加强互信。</b>双方同意于2031年举行第四次对话。</p>"
            "<p>2. <b>海洋合作。</b>双方将联合开展珊瑚礁调查。</p>"
            "<p>3. 双方决定设立联合工作组。</p></article></body></html>")
    items, data = _items(page, "list.html")
    assert items[1].title == "加强互信"
    assert items[2].title == "海洋合作"
    assert items[3].title is None
    a, b = items[2].title_span
    assert data[a:b] == "海洋合作"


def test_topic_reads_the_run_in_heading() -> None:
    from luoshi.extract.facts import extract_document

    md = ("# Fictional Trilateral Statement on Ocean Science\n\n"
          "(1) **Ocean observation.** The National Research and Innovation Agency will deploy "
          "floats.\n\n(2) **Fisheries.** The sides will share catch data.\n")
    doc = parse_raw(read_bytes(md.encode(), "s.md", name_hint="s.md"), extract=False)
    extract_document(doc)
    assert doc.items[0].facts["topic"]["label_en"] == "Oceans and polar affairs"
