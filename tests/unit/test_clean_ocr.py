"""OCR damage on small fictional texts (虚构示例): misread digits, spaced words,
half-width punctuation, unreadable characters and items broken by a page."""

from __future__ import annotations

from luoshi.clean import clean
from luoshi.textmap import MappedText

OCR_ZH = """中美虚构示范合作工作组第l2次会议成果
1. 双方同意于2O31年上半年在示范市举行工作组第l3次会议。
2. 示范农业农 村部将于2o32年3月前提交报告,并于每年l2月交换进展.
3. 双方将互派各l5名专家，共同支持2l个项目和l0个示范点，示范□□条件另行商定。
4. 双方将于2O31-O5-12举行磋商，时间为1O:3O。
"""


def _norm_line(c, start: str) -> str:
    return next(p for p in c.normalized.text.split("\n") if p.startswith(start))


def test_ocr_digits_repaired_in_the_normalised_layer_only():
    c = clean(MappedText.root(OCR_ZH))
    norm = c.normalized.text
    assert "第12次会议成果" in norm and "2031年上半年" in norm and "第13次会议" in norm
    assert "2032年3月前" in norm and "每年12月" in norm
    assert "各15名" in norm and "21个项目" in norm and "10个示范点" in norm
    assert "2031-05-12" in norm and "10:30" in norm
    # the display layer keeps what the scan says
    assert "2O31年" in c.display.text and "第l3次" in c.display.text and "2o32年" in c.display.text


def test_ocr_repairs_are_reported_with_source_spans():
    c = clean(MappedText.root(OCR_ZH))
    repairs = [d for d in c.state.defects if d.kind == "encoding-repair" and "OCR" in d.detail]
    assert repairs
    spans = {OCR_ZH[d.span[0]:d.span[1]] for d in repairs}
    assert {"2O31", "l3", "2o32", "l2", "l5", "2l", "l0"} <= spans
    # a repaired year maps back onto the year as written
    i = c.normalized.text.index("2031年上半年")
    s, e = c.normalized.to_root(i, i + 4)
    assert OCR_ZH[s:e] == "2O31"


def test_unreadable_characters_are_reported_not_changed():
    c = clean(MappedText.root(OCR_ZH))
    lost = [d for d in c.state.defects if d.kind == "encoding-repair" and "unreadable" in d.detail]
    assert len(lost) == 1 and OCR_ZH[lost[0].span[0]:lost[0].span[1]] == "□□"
    assert "示范□□条件" in c.normalized.text


def test_letters_in_words_and_formulas_are_not_digits():
    text = ("Outcomes of the Fictional Demonstration Dialogue\n"
            "1. The OECD and APEC officials met in Illinois in Oct. 2031 on H2O, O3, CO2, N2O "
            "and Al2O3; the O2O platforms and the G20 process; 10 ml; I. Overview; Win10.\n"
            "2. In FY2O32 and in 2O33 the sides will fund l5 projects, 1O more in 2O34.\n")
    c = clean(MappedText.root(text))
    line1 = _norm_line(c, "1.")
    assert line1 == text.split("\n")[1]
    line2 = _norm_line(c, "2.")
    assert line2 == "2. In FY2032 and in 2033 the sides will fund 15 projects, 10 more in 2034."


def test_pipes_of_a_table_are_not_ones():
    text = "虚构示范表\n|1|双方将于2031年举行会议|商务部|\n| 2 | 双方将交换12|3份文件 | 2031年 |\n"
    c = clean(MappedText.root(text))
    assert "|1|" in c.normalized.text and "12|3" in c.normalized.text


def test_spaces_inside_chinese_words_removed_but_not_next_to_latin_words():
    text = "虚构示范成果清单\n1. 中 美双方同意示范农业农 村部与APEC 会议秘书处及 OECD 加强合作。\n"
    c = clean(MappedText.root(text))
    line = _norm_line(c, "1.")
    assert "中美双方" in line and "农业农村部" in line
    assert "APEC 会议" in line and "及 OECD 加强" in line
    assert "中 美" in c.display.text  # the display keeps the scan


def test_half_width_full_stop_in_chinese_becomes_full_width():
    text = ("虚构示范成果清单\n一.双方同意加强合作.双方将于2031年举行会议\n"
            "二.双方将提供2.5万份资料.\n")
    c = clean(MappedText.root(text))
    norm = c.normalized.text
    assert "加强合作。双方" in norm and "2.5万份资料。" in norm
    # a section marker keeps its dot: the outline is read from it
    assert "\n一.双方" in norm and "\n二.双方" in norm


def test_english_full_stops_are_kept():
    text = "Fictional Outcomes\n1. The sides met in Beijing (北京). They agreed on 2.5 items.\n"
    c = clean(MappedText.root(text))
    assert "(北京). They" in c.normalized.text


PAGED = """虚构示范工作组会议成果清单
6. 双方同意于2031年举行第二次会议。
7. 双方将共同编制《示范技术指南》，力争于2031年底前完成初稿，并在

— 2 —

7. （续）征求各方意见后于2032年3月前正式发布。
8. 双方将继续开展示范交流。
"""


def test_repeated_item_number_with_continuation_note_is_a_page_artifact():
    c = clean(MappedText.root(PAGED))
    item7 = next(p for p in c.display.text.split("\n") if p.startswith("7."))
    assert item7.endswith("并在征求各方意见后于2032年3月前正式发布。")
    assert "（续）" not in c.display.text and c.display.text.count("\n7.") == 1
    cont = [d for d in c.state.defects if d.kind == "page-artifact" and "续" in d.detail]
    assert len(cont) == 1
    s, e = cont[0].span
    assert PAGED[s:e].startswith("7.") and PAGED[s:e].rstrip().endswith("（续）")


def test_continuation_note_variants():
    for note in ("(续)", "（接上页）", "（续上页）"):
        c = clean(MappedText.root(PAGED.replace("（续）", note)))
        assert note not in c.display.text, note
        assert "并在征求各方意见后" in c.display.text, note
    en = ("Fictional Outcomes\n3. The sides will prepare a joint guide and, after consulting\n\n"
          "Page 2\n\n3. (continued) the experts, publish it by March 2032.\n4. Other.\n")
    c = clean(MappedText.root(en))
    assert "(continued)" not in c.display.text
    assert "after consulting the experts, publish it" in c.display.text


def test_continuation_note_after_another_number_is_kept():
    # 9. is not the item that was broken (7.): not a repeated number, nothing removed
    c = clean(MappedText.root(PAGED.replace("7. （续）", "9. （续）")))
    assert "9. （续）" in c.display.text


def test_repair_digits_applies_every_repair_to_a_fragment() -> None:
    from luoshi.clean.ocr import repair_digits
    got = repair_digits("双方同意于2O31年l2月举行第l3次会议")
    assert got == "双方同意于2031年12月举行第13次会议"
    assert repair_digits("Lakeport will host it") == "Lakeport will host it"


def test_repair_mojibake_fixes_a_fragment_as_the_reader_fixes_a_file() -> None:
    from luoshi.readers.encoding import repair_mojibake
    assert repair_mojibake("On May 3â€“4, 2031, the Peopleâ€™s Republic") == (
        "On May 3–4, 2031, the People’s Republic")
    assert repair_mojibake("双方同意") == "双方同意"
