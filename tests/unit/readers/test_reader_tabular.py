"""Plain-text tables (Excel rows pasted as tab-separated text, CSV exports): with a
number column each row is drawn as an item, as the HTML and Markdown readers draw one."""

from __future__ import annotations

from reader_helpers import assert_maps_back, root_of

from luoshi.model import RawDocument
from luoshi.parse.document import build_document
from luoshi.readers import read_bytes

# Clearly fictional, shaped as Excel copies it: CRLF row ends, a cell holding a line
# break quoted "…" (the break itself a bare LF), inner quotes doubled.
TSV = (
    "第七轮虚构示范对话成果落实情况表\r\n"
    "截至2031年6月30日\r\n"
    "\r\n"
    "序号\t成果内容\t牵头单位\t进展情况\t状态\r\n"
    "1\t双方同意于2032年在云城举行第八轮示范对话。\t示范部、雾港示范署\t双方已商定会期。\t正在推进\r\n"
    '2\t"双方决定成立示范工作组，\n工作组首次会议将于2031年5月召开。"\t示范部\t'
    '"工作组已成立。\n首次会议已召开。"\t已完成\r\n'
    '3\t"双方将启动""云城示范项目""。"\t示范署\t项目已启动。\t已完成\r\n'
    "\r\n"
    "填报单位：示范部国际司　　填报日期：2031年7月2日\r\n"
)

CSV = (
    "第七轮虚构示范对话成果落实情况表\n"
    "序号,成果内容,牵头单位,状态\n"
    "1,双方同意于2032年在云城举行第八轮示范对话。,示范部,正在推进\n"
    '2,"双方将互派二百名青年志愿者，开展植树活动。","示范部,雾港示范署",已完成\n'
    '3,"双方将启动""云城示范项目""，\n并每年交换数据。",示范署,已完成\n'
)


def _read(text: str, name: str = "table.txt") -> RawDocument:
    return read_bytes(text.encode("utf-8"), name, name_hint=name)


def test_tab_table_rows_are_drawn_as_items() -> None:
    body = _read(TSV).body.text
    assert "序号" not in body and "牵头单位" not in body  # the header row names columns
    assert "\t" not in body
    assert (
        "1. 双方同意于2032年在云城举行第八轮示范对话。\n\n示范部、雾港示范署\n\n"
        "双方已商定会期。\n\n正在推进\n" in body
    )
    assert "2. 双方决定成立示范工作组，\n工作组首次会议将于2031年5月召开。\n\n示范部\n\n" in body
    assert "3. 双方将启动" in body


def test_quoted_cells_lose_their_quotes_and_keep_their_line_breaks() -> None:
    body = _read(TSV).body.text
    assert "工作组已成立。\n首次会议已召开。\n\n已完成" in body
    assert '3. 双方将启动"云城示范项目"。\n\n示范署' in body
    assert '""' not in body
    assert '"双方' not in body and '。"' not in body


def test_text_around_the_table_stays_as_it_is() -> None:
    body = _read(TSV).body.text
    lines = body.split("\n")
    assert lines[:3] == ["第七轮虚构示范对话成果落实情况表", "截至2031年6月30日", ""]
    assert "填报单位：示范部国际司　　填报日期：2031年7月2日" in lines
    assert body.endswith("已完成\n\n\n填报单位：示范部国际司　　填报日期：2031年7月2日\n")


def test_cells_map_back_to_their_source_offsets() -> None:
    raw = _read(TSV)
    assert_maps_back(raw, "双方同意于2032年在云城举行第八轮示范对话。")
    assert_maps_back(raw, "示范部、雾港示范署")
    assert_maps_back(raw, "工作组已成立。\n首次会议已召开。")
    # a cell's text with its doubled quotes maps onto the source that holds them doubled
    assert root_of(raw, '双方将启动"云城示范项目"。') == '双方将启动""云城示范项目""。'
    i = raw.body.text.index("3. ")
    a, b = raw.body.to_root(i, i + 1)
    assert raw.text[a:b] == "3" and raw.text[b] == "\t"
    # the drawn ". " and line breaks sit between the cells they separate
    a, b = raw.body.to_root(i, i + len("3. 双方"))
    assert raw.text[a:b] == '3\t"双方'


def test_table_rows_parse_as_numbered_items() -> None:
    raw = _read(TSV)
    doc = build_document(raw)
    assert [it.number for it in doc.items] == [1, 2, 3]
    assert doc.items[0].text.startswith("双方同意于2032年在云城举行第八轮示范对话。")
    assert doc.items[2].text.startswith('双方将启动"云城示范项目"。')
    for it in doc.items:  # spans index the decoded source
        s, _e = it.span
        assert TSV[s:].startswith(f"{it.number}\t")


def test_csv_table_rows_are_drawn_as_items() -> None:
    raw = _read(CSV, "table.csv")
    body = raw.body.text
    assert "序号" not in body and "," not in body.replace("示范部,雾港示范署", "")
    assert "1. 双方同意于2032年在云城举行第八轮示范对话。\n\n示范部\n\n正在推进\n" in body
    assert "2. 双方将互派二百名青年志愿者，开展植树活动。\n\n示范部,雾港示范署\n\n已完成" in body
    assert '3. 双方将启动"云城示范项目"，\n并每年交换数据。\n\n示范署' in body
    assert root_of(raw, "示范部,雾港示范署") == "示范部,雾港示范署"
    assert [it.number for it in build_document(raw).items] == [1, 2, 3]


def test_table_without_a_number_column_stays_as_it_is() -> None:
    text = TSV.replace("序号\t", "类别\t")
    for n in "123":
        text = text.replace(f"\r\n{n}\t", "\r\n甲\t")
    assert _read(text).body.text == text.replace("\r\n", "\n")


def test_stray_tabs_in_ordinary_text_stay() -> None:
    text = (
        "虚构示范对话成果清单\n"
        "序号\t说明：下列成果由双方共同确认。\n"
        "1、双方同意\t于2032年举行第八轮示范对话。\n"
        "No, the two sides did not agree on a date, a venue or an agenda.\n"
        "2, 3 and 4 are left for the next round, said the co-chairs.\n"
    )
    assert _read(text).body.text == text


def test_a_row_that_is_no_row_ends_the_table() -> None:
    # a line without the delimiter after the rows is text again, drawn as written
    text = (
        "序号\t成果内容\t牵头单位\n"
        "1\t双方同意共建观测站。\t示范部\n"
        "说明\t：以上为初步清单\t草案\t附件\n"
    )
    body = _read(text).body.text
    assert body.startswith("\n1. 双方同意共建观测站。\n\n示范部\n\n")
    assert body.endswith("说明\t：以上为初步清单\t草案\t附件\n")


def test_csv_export_with_bom_and_crlf() -> None:
    data = ("\ufeff" + CSV.replace("\n", "\r\n")).encode("utf-8")
    raw = read_bytes(data, "table.csv", name_hint="table.csv")
    assert "1. 双方同意于2032年在云城举行第八轮示范对话。\n\n示范部\n\n正在推进\n" in raw.body.text
    assert_maps_back(raw, "双方将互派二百名青年志愿者，开展植树活动。")


def test_a_stray_quote_does_not_swallow_the_rest_of_the_table() -> None:
    # a cell opening with a quote it never closes: the row is read as its line spells it
    text = (
        "序号\t成果内容\t牵头单位\n"
        '1\t"双方同意共建观测站。\t示范部\n'
        "2\t双方将互派青年志愿者。\t示范署\n"
    )
    body = _read(text).body.text
    assert '1. "双方同意共建观测站。\n\n示范部\n' in body
    assert "2. 双方将互派青年志愿者。\n\n示范署\n" in body
