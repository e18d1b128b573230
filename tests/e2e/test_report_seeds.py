"""`luoshi report` on the five seeds plus one hostile fictional document.

Ingests through the CLI into a fresh ledger, writes the report as of
2017-01-01 and reads the HTML back: self-contained, status charts, the overdue
list citing real sentences of the seeds, the Strategic Security Dialogue's
timeline, and the hostile document's markup shown as text.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from luoshi.cli import app

pytestmark = pytest.mark.seeds
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"

# Fictional (虚构), dated inside the seeds' years so its commitments are overdue
# as of the report date, with markup in its title, a heading and a commitment.
HOSTILE = """第一轮中美虚构合作对话<script>alert("虚构")</script>具体成果清单

2015年5月12日至13日，第一轮中美虚构合作对话在北京举行。双方达成以下成果：

一、双边合作

1、虚构工作组<b>粗体</b>：双方决定于2015年秋季在华盛顿举行中美虚构联合工作组第二次会议。

2、虚构交流：双方同意在2015年底前完成<img src=x onerror=alert(1)>虚构交流计划的修订。
"""
ENV = {"LUOSHI_DB": None, "SOURCE_DATE_EPOCH": "1700000000"}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    if not SEEDS.is_dir():
        pytest.skip("the real corpus (../shared/corpus/seeds) is not beside this checkout")
    seeds = SEEDS
    tmp = tmp_path_factory.mktemp("report")
    (tmp / "hostile").mkdir()
    (tmp / "hostile" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = str(tmp / "ledger.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(seeds), str(tmp / "hostile"), "--db", db], env=ENV)
    assert result.exit_code == 0, result.stderr
    out = tmp / "report.html"
    result = runner.invoke(
        app, ["report", "--db", db, "--as-of", "2017-01-01", "-o", str(out)], env=ENV
    )
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(
        rf"wrote {re.escape(str(out))} \(\d+ commitments, \d+ series\)\n", result.stderr
    )
    return out, db


@pytest.fixture(scope="module")
def tree(built: tuple[Path, str]) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(built[0].read_text(encoding="utf-8"))


def test_self_contained(built: tuple[Path, str], tree: lxml.html.HtmlElement):
    for el in tree.iter():
        for attr in ("src", "href", "xlink:href", "action", "data", "poster"):
            value = (el.get(attr) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (el.tag, attr, value)
    assert not tree.xpath("//link[@rel='stylesheet'] | //img | //iframe | //object")
    html = built[0].read_text(encoding="utf-8")
    assert "url(" not in html and "@import" not in html
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    for link in tree.xpath("//a[starts-with(@href, '#')]"):
        assert link.get("href")[1:] in ids  # every internal link lands


def test_status_charts(tree: lxml.html.HtmlElement):
    rounds = tree.get_element_by_id("by-round").xpath(".//svg/g[@class='bar']")
    labels = [" ".join(g.xpath("./text[contains(@class, 'label')]/text()")) for g in rounds]
    # the three S&ED rounds of the seeds, oldest first
    sed = [x for x in labels if "中美战略与经济对话" in x]
    assert [re.search(r"第(\d+)轮", x).group(1) for x in sed] == ["6", "7", "8"]
    for g in rounds:
        assert g.xpath("./rect") and int(g.xpath("./text[@class='total']/text()")[0]) > 0
    topics = tree.get_element_by_id("by-topic").xpath(".//svg/g[@class='bar']")
    assert len(topics) >= 10


def test_overdue_rows_cite_sentences_of_the_source(
    built: tuple[Path, str], tree: lxml.html.HtmlElement
):
    from luoshi.store import Ledger, resolve_db_url

    rows = tree.get_element_by_id("overdue").xpath(".//tbody/tr")
    assert len(rows) >= 20
    assert {r.get("data-status") for r in rows} == {"overdue"}
    ledger = Ledger.open(resolve_db_url(built[1]))
    try:
        originals: dict[str, str] = {}
        for row in rows:
            cite = row.xpath(".//td[@class='sentence']//cite")[0]
            doc = cite.xpath("./a[@class='doc']")[0].text
            span = re.search(r"\[(\d+), (\d+)\)", cite.text_content())
            assert re.search(r"item \d+", cite.text_content())
            assert span, cite.text_content()
            if doc not in originals:
                originals[doc] = ledger.original(doc)
            source = originals[doc]
            quote = row.xpath(".//blockquote")[0]
            marked = quote.xpath("./mark")[0].text_content()
            # the marked clause is the cited span of the source, layout aside
            start, end = int(span.group(1)), int(span.group(2))
            assert _squeeze(marked) == _squeeze(source[start:end])
            assert _squeeze(quote.text_content()) in _squeeze(source)
    finally:
        ledger.close()


def test_strategic_security_dialogue_timeline(tree: lxml.html.HtmlElement):
    (article,) = tree.xpath("//article[h3[contains(., '战略安全对话')]]")
    assert article.xpath(".//svg[@class='timeline']")
    held = {}
    for tr in article.xpath(".//tbody/tr"):
        if (tr.get("data-status") or "").startswith("held"):
            cells = [td.text_content().strip() for td in tr.xpath("./td")]
            held[cells[0]] = cells[3]
    assert held == {"4": "2014-07-08", "5": "2015-06-22", "6": "2016-06-05"}
    assert len(article.xpath(".//svg//circle[@class='held']")) == 3


def test_hostile_document_is_shown_as_text(built: tuple[Path, str], tree: lxml.html.HtmlElement):
    html = built[0].read_text(encoding="utf-8")
    assert '<script>alert("虚构")' not in html and "<b>粗体</b>" not in html
    assert "<img src=x" not in html
    (script,) = tree.xpath("//script")  # ours, the table sorter
    assert "alert" not in script.text
    assert not tree.xpath("//b | //img")
    docs = tree.get_element_by_id("documents").text_content()
    assert '第一轮中美虚构合作对话<script>alert("虚构")</script>具体成果清单' in docs
    # its overdue commitment is listed, markup and all, as text
    overdue = tree.get_element_by_id("overdue").text_content()
    assert "<img src=x onerror=alert(1)>" in overdue
