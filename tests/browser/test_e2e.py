"""End to end in headless Chromium over the seeds ledger: open a document, follow
a thread, filter the tracker, search a two-character word, log in, override a
status and find the audit entry. Screenshots go to test-artifacts/."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from browser_helpers import PASSWORD, USER, shot


def _item_with_thread(base: str) -> tuple[str, str] | None:
    """(item id, another item of its thread) from the JSON API, or None."""
    docs = httpx.get(base + "/documents.json").json()["documents"]
    for doc in sorted(docs, key=lambda d: -d["items"]):
        for n in range(1, min(doc["items"], 30) + 1):
            data = httpx.get(f"{base}/items/{doc['id']}-{n}.json").json()
            others = [t for t in ((data.get("thread") or {}).get("items") or [])
                      if t.get("doc") != doc["id"]]
            if others:
                return f"{doc['id']}-{n}", f"{others[0]['doc']}-{others[0]['item']}"
    return None


def test_analyst_flow(server: str, page: Any) -> None:
    base = server
    # home: mechanisms, rounds on a timeline, status counts
    page.goto(base + "/")
    assert page.locator("svg.chart").count() >= 1
    shot(page, "home")

    # open a document from the list: facts highlighted in the original text
    page.goto(base + "/documents")
    page.locator("table.docs a.item-link, table.docs td a").nth(1).click()
    page.wait_for_selector("#source-text")
    assert page.locator("#source-text .hl-commitment").count() > 0
    assert page.locator("#source-text .hl-time").count() > 0
    doc_title = page.locator("#doc-title").inner_text()
    assert doc_title
    page.locator("#source-text").scroll_into_view_if_needed()
    shot(page, "document")
    page.click("#view-cleaned")
    page.wait_for_selector("#cleaned-text")
    assert page.locator("#cleaned-text p.item").count() > 0

    # follow a thread across rounds
    found = _item_with_thread(base)
    if found is None:
        pytest.skip("no item with a thread across rounds (linking unavailable)")
    item, other = found
    page.goto(f"{base}/items/{item}")
    link = page.locator(f'a.thread-link[href="/items/{other}"]')
    assert link.count() == 1
    shot(page, "item")
    link.click()
    page.wait_for_url(f"**/items/{other}")
    assert page.locator("#item-title").inner_text()

    # filter the tracker by status
    page.goto(base + "/commitments")
    total = int(page.locator("#row-count").inner_text())
    page.select_option("select[name=status]", "overdue")
    page.click("#tracker-filters button[type=submit]")
    page.wait_for_url("**/commitments?*status=overdue*")
    filtered = int(page.locator("#row-count").inner_text())
    assert 0 < filtered < total
    statuses = page.locator("#tracker tbody tr td:nth-child(4) .status").all_inner_texts()
    assert statuses and all("overdue" in s for s in statuses)
    assert "status=overdue" in (page.locator("#export-csv").get_attribute("href") or "")
    shot(page, "tracker")

    # a recurring mechanism: planned against held over time
    listing = httpx.get(base + "/series.json").json()["series"]
    busiest = max(listing, key=lambda r: (r["held"], r["occurrences"]))
    page.goto(base + busiest["url"])
    assert page.locator("svg.chart circle.held").count() >= 1
    shot(page, "series")

    # search a two-character word that sits inside longer ones (海关总署)
    page.fill("header .search input[name=q]", "海关")
    page.press("header .search input[name=q]", "Enter")
    page.wait_for_selector("#search-total")
    assert int(page.locator("#search-total").inner_text().split()[0]) > 0
    assert "海关" in page.locator(".hl-match").first.inner_text()
    shot(page, "search")

    # log in and override a status
    page.goto(base + "/login")
    page.fill("input[name=name]", USER)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#current-user")
    page.goto(base + "/commitments?status=overdue")
    commitment_url = page.locator("#tracker tbody tr td:nth-child(4) a").first.get_attribute(
        "href")
    assert commitment_url
    page.goto(base + commitment_url)
    form = page.locator("form.override-form")
    form.locator("select[name=status]").select_option("fulfilled")
    form.locator("input[name=note]").fill("浏览器测试：虚构的落实证据 (fictional)")
    form.locator("input[name=source]").fill("https://example.org/fictional-evidence")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#commitment-status")
    assert "fulfilled" in page.locator("#commitment-status").inner_text()
    shot(page, "commitment")

    # the audit page shows who changed what, before and after
    page.goto(base + "/audit?lang=en")
    row = page.locator("#audit tbody tr").first
    text = row.inner_text()
    assert USER in text and "override" in text and "fictional" in text
    assert commitment_url.rsplit("/", 1)[1] in text
    shot(page, "audit")
