"""References: 《titles》, resolutions, treaties, quoted programmes. Sentences are made up."""

from __future__ import annotations

from itertools import pairwise

import pytest
from commitment_fakes import FakeActor

from luoshi.extract.references import Reference, find_references


def refs(text: str, **kw: object) -> list[Reference]:
    out = find_references(text, **kw)  # type: ignore[arg-type]
    for r in out:
        assert text[r.start : r.end] == r.text
    return out


def test_bracketed_title_kinds() -> None:
    out = refs(
        "双方签署了《中美湿地保护合作谅解备忘录》并发表《中美海洋联合声明》，重申《不扩散核武器条约》。"
    )
    assert [(r.title, r.kind, r.bracketed) for r in out] == [
        ("中美湿地保护合作谅解备忘录", "agreement", True),
        ("中美海洋联合声明", "statement", True),
        ("不扩散核武器条约", "treaty", True),
    ]
    assert out[2].title_en == "Treaty on the Non-Proliferation of Nuclear Weapons"


def test_nested_titles_with_both_inner_bracket_styles() -> None:
    for inner_open, inner_close in (("〈", "〉"), ("<", ">")):
        text = (
            f"签署《关于执行{inner_open}中美港口安全合作谅解备忘录{inner_close}的行动计划附录》。"
        )
        out = refs(text)
        assert [r.title for r in out] == [
            "关于执行〈中美港口安全合作谅解备忘录〉的行动计划附录",
            "中美港口安全合作谅解备忘录",
        ]
        assert out[0].kind == "document"
        assert out[1].kind == "agreement"
        assert out[1].nested_in == out[0].title


def test_title_across_a_line_wrap() -> None:
    text = "落实《关于加强\n渔业执法合作的联合声明》。"
    (r,) = refs(text)
    assert r.title == "关于加强渔业执法合作的联合声明"
    assert r.text == "《关于加强\n渔业执法合作的联合声明》"


def test_alias_and_short_title() -> None:
    out = refs(
        "欢迎《联合全面行动计划》（下称“全面协议”）的执行。签署了《关于开展海关培训合作的意向声明》。该《意向声明》有助于合作。"
    )
    assert out[0].alias == "全面协议"
    assert [r.title for r in out] == [
        "联合全面行动计划",
        "关于开展海关培训合作的意向声明",
        "意向声明",
    ]
    assert out[2].refers_to == "关于开展海关培训合作的意向声明"


def test_single_security_council_resolution() -> None:
    (r,) = refs("双方致力于全面执行联合国安理会第2397号决议。")
    assert (r.kind, r.number, r.body, r.title) == (
        "resolution",
        "2397",
        "UNSC",
        "联合国安理会第2397号决议",
    )
    assert r.text == "联合国安理会第2397号决议"


def test_two_resolutions_joined_by_he() -> None:
    out = refs("双方决定落实联合国安理会2368号和2462号决议。")
    assert [(r.number, r.body) for r in out] == [("2368", "UNSC"), ("2462", "UNSC")]
    assert out[0].text == "联合国安理会2368"
    assert out[1].text == "2462号决议"


def test_list_of_resolutions_one_reference_each() -> None:
    out = refs("呼吁充分履行联合国安理会第1718、1874、2087、2094和2321号决议。")
    assert [r.number for r in out] == ["1718", "1874", "2087", "2094", "2321"]
    assert {r.title for r in out} == {
        f"联合国安理会第{n}号决议" for n in ("1718", "1874", "2087", "2094", "2321")
    }
    # the pieces tile the phrase without overlapping
    assert all(a.end <= b.start for a, b in pairwise(out))


def test_general_assembly_resolution_by_session_number() -> None:
    (r,) = refs("执行联合国大会2003年10月31日通过的58/4号决议。")
    assert (r.number, r.body, r.title) == ("58/4", "UNGA", "联合国大会第58/4号决议")


def test_english_resolutions() -> None:
    out = refs("They reaffirmed UN Security Council Resolution 2231 and resolutions 1718 and 1874.")
    assert [(r.number, r.body) for r in out] == [("2231", "UNSC"), ("1718", None), ("1874", None)]


def test_unbracketed_treaties() -> None:
    out = refs("双方愿在联合国反腐败公约框架下合作，并与北极航运安全公约缔约国加强沟通。")
    assert [(r.title, r.kind, r.bracketed) for r in out] == [
        ("联合国反腐败公约", "treaty", False),
        ("北极航运安全公约", "treaty", False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "鼓励各国采取必要措施促成公约的批准。",  # 公约 as an anaphor
        "双方承诺在公约下共同努力。",
        "这些问题将在会议上讨论。",
    ],
)
def test_no_reference(text: str) -> None:
    assert refs(text) == []


def test_quoted_programmes() -> None:
    out = refs(
        "双方决定继续加强“清洁港口倡议”合作，推进“绿色航运伙伴计划”，扩大“经认证的经营者”互认。"
    )
    assert [(r.title, r.kind) for r in out] == [
        ("清洁港口倡议", "programme"),
        ("绿色航运伙伴计划", "programme"),
        ("经认证的经营者", "programme"),
    ]
    assert all(not r.bracketed for r in out)


def test_quoted_things_that_are_not_references() -> None:
    text = (
        "支持“湄人主导、湄人所有”的进程，不为腐败分子提供“避风港”。"
        "他说：“我们愿意合作，也希望对方如此。”"
    )
    assert refs(text) == []


def test_quoted_event_and_mechanism_kinds() -> None:
    out = refs("推进“中美海上搜救对话机制”，举办“中美智慧城市研讨会”。")
    assert [(r.title, r.kind) for r in out] == [
        ("中美海上搜救对话机制", "mechanism"),
        ("中美智慧城市研讨会", "event"),
    ]


def test_fixed_statement_pattern() -> None:
    (r,) = refs("重申2005年9·19共同声明的目标。")
    assert (r.title, r.kind) == ("9·19共同声明", "statement")


def test_gazetteer_id_from_actor_or_lookup() -> None:
    text = "重申《中美气候变化联合声明》和《巴黎协定》。"
    k = text.index("《巴黎协定》")
    actor = FakeActor("巴黎协定", k + 1, k + 5, "doc.paris", "巴黎协定", None, None, "treaty")
    out = refs(text, actors=[actor], lookup=lambda t: "doc.climate" if "气候变化" in t else None)
    assert [r.gazetteer_id for r in out] == ["doc.climate", "doc.paris"]


def test_resolution_is_not_a_series_and_vice_versa() -> None:
    from luoshi.extract.series import find_series

    text = "全面执行联合国安理会第2270号决议，并举行第三次中美核安全对话。"
    assert [r.kind for r in refs(text)] == ["resolution"]
    assert [m.ordinal for m in find_series(text, doc_date="2016-01-01")] == [3]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Both sides will implement UN Security Council Resolution 2270.", ["2270"]),
        ("They recalled UNSCR 1718 and resolutions 2199 and 2253.", ["1718", "2199", "2253"]),
        ("双方重申落实安理会第2270号决议，Resolution 2321。", ["2270", "2321"]),
    ],
)
def test_resolutions_in_english_and_mixed_text(text: str, numbers: list[str]) -> None:
    # the resolution patterns only run on texts with 号决议 / esolution / UNSCR in them
    assert [r.number for r in refs(text) if r.kind == "resolution"] == numbers
