"""The corpus generator: seeded, truthful about what it wrote, every damage kind."""

from __future__ import annotations

import re
import unicodedata

from luoshi.corpusgen import DAMAGE_KINDS, Settings, cut, generate
from luoshi.corpusgen.text import cn_number, meeting_dates, shift_rounds

# A fictional seed (虚构): eight numbered items under a dated, numbered round.
SEED = "第三轮中美虚构合作对话成果清单\n\n" \
    "2031年4月1日至2日在云城举行的第三轮中美虚构合作对话期间，" \
    "双方就以下成果达成一致。\n\n一、双边合作\n\n" + "".join(
        f"{i}、议题{i}：双方同意在虚构领域开展第{i}项合作，并于2032年举行专家会议讨论下一步安排。"
        f"双方将继续保持密切沟通，推动合作取得务实成果。\n\n" for i in range(1, 9))


def _docs(count: int, seed: int = 7, **settings: float) -> list:  # type: ignore[type-arg]
    return list(generate([cut("fiction", SEED)], count, seed, Settings(**settings)))


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    assert [d.text for d in _docs(12)] == [d.text for d in _docs(12)]
    assert [d.truth for d in _docs(12)] == [d.truth for d in _docs(12)]
    assert [d.text for d in _docs(12)] != [d.text for d in _docs(12, seed=8)]
    # document i does not depend on how many were asked for
    assert _docs(3)[2].text == _docs(12)[2].text


def test_every_damage_kind_is_injected_and_recorded() -> None:
    docs = _docs(40, damage_rate=1.0)
    injected = {k for d in docs for k in d.truth["damage"]}
    assert injected == set(DAMAGE_KINDS)


def _numbers(text: str) -> list[int]:
    return [int(m.group(1)) for m in re.finditer(r"^(\d+)、", text, re.M)]


def test_truth_matches_the_text_written() -> None:
    for doc in _docs(40, damage_rate=1.0, wrap_rate=0.0, hant_rate=0.0):
        truth = doc.truth
        numbers = _numbers(doc.text)
        damage = truth["damage"]
        if "duplicate-block" in damage:
            assert len(numbers) == len(truth["items"]) + 2
            assert list(dict.fromkeys(numbers)) == truth["items"] or "out-of-order" in damage
        else:
            assert numbers == truth["items"]
        if "numbering-gap" in damage:
            assert sorted(truth["items"]) != list(range(1, len(truth["items"]) + 1))
        if "out-of-order" in damage:
            assert truth["items"] != sorted(truth["items"])
        if "page-artifact" in damage:
            assert re.search(r"^(- \d+ -|第 \d+ 页 共 \d+ 页)$", doc.text, re.M)
        if "truncated-document" in damage:
            assert doc.text.rstrip()[-1] not in "。！？；"
        assert f"第{cn_number(truth['round'])}轮" in doc.text
        year = 2031 + truth["year_shift"]
        assert truth["dates"] == {"start": f"{year}-04-01", "end": f"{year}-04-02"}
        assert f"{year}年4月1日至2日" in doc.text


def test_script_and_wrapping_are_recorded() -> None:
    docs = _docs(30, hant_rate=0.5, wrap_rate=0.5)
    hant = [d for d in docs if d.truth["script"] == "Hant"]
    wrapped = [d for d in docs if d.truth["wrap"]]
    assert hant and wrapped and len(hant) < 30
    assert all("輪" in d.text and "轮" not in d.text for d in hant)
    def cols(line: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    assert all(max(map(cols, d.text.splitlines())) <= d.truth["wrap"] for d in wrapped)


def test_helpers() -> None:
    assert [cn_number(n) for n in (3, 10, 12, 20, 45, 105)] == [
        "三", "十", "十二", "二十", "四十五", "一百零五"]
    assert shift_rounds("第八轮对话回顾第七轮", 3) == "第十一轮对话回顾第十轮"
    assert meeting_dates("发布于2031年1月1日。2031年4月1日至2日在云城举行") == {
        "start": "2031-04-01", "end": "2031-04-02"}
    assert cut("none", "没有编号的文本").usable is False
