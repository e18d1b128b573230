"""Every page answers as HTML and as JSON (the same data, the documented shape)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from luoshi.web import models

Web = tuple[TestClient, dict[str, Any]]
AS_OF = "2034-12-31"  # the fictional documents are dated 2031-2033


def _pages(ids: dict[str, Any]) -> list[tuple[str, type[models.BaseModel]]]:
    doc = ids["round2-zh"]
    return [
        ("/", models.Home),
        ("/documents", models.DocumentList),
        (f"/documents/{doc}", models.DocumentPage),
        (f"/items/{doc}-2", models.ItemPage),
        ("/commitments", models.Tracker),
        ("/series", models.SeriesList),
        ("/search?q=海关", models.SearchPage),
        ("/audit", models.AuditPage),
    ]


def _json_url(url: str) -> str:
    path, _, query = url.partition("?")
    path = "/index" if path == "/" else path
    return f"{path}.json" + (f"?{query}" if query else "")


def test_every_page_as_html_and_json(web: Web) -> None:
    client, ids = web
    for url, model in _pages(ids):
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.headers["content-type"].startswith("text/html")
        assert "content-security-policy" in page.headers
        data = client.get(_json_url(url))
        assert data.status_code == 200, url
        assert data.headers["content-type"].startswith("application/json")
        model.model_validate(data.json())  # the documented shape (OpenAPI) holds


def test_home_counts_and_rounds(web: Web) -> None:
    client, ids = web
    home = client.get("/index.json", params={"as_of": AS_OF}).json()
    assert home["documents"] == 4
    assert home["outcomes"] == 5 + 5 + 5 + 2
    names = {m["name"] for m in home["mechanisms"]}
    assert any("示范合作对话" in n for n in names)
    if ids["linked"]:
        assert sum(home["statuses"].values()) > 0
    assert "<svg" in client.get("/").text


def test_document_json_keeps_spans_into_the_original(web: Web) -> None:
    client, ids = web
    data = client.get(f"/documents/{ids['round2-zh']}.json").json()
    original = data["original"]
    times = [t for it in data["items"] for t in it.get("times", [])]
    assert times
    for t in times:
        assert original[t["span"][0]:t["span"][1]] == t["text"]
    assert data["sources"][0]["location"].endswith("round2-zh.txt")
    assert [it["id"] for it in data["items"]][:2] == [f"{ids['round2-zh']}-1",
                                                     f"{ids['round2-zh']}-2"]


def test_document_page_highlights_facts_in_the_original_and_toggles(web: Web) -> None:
    client, ids = web
    doc = ids["round2-zh"]
    original = client.get(f"/documents/{doc}").text
    assert 'id="source-text"' in original and 'id="cleaned-text"' not in original
    assert '<span class="hl-time"' in original or 'hl-time' in original
    assert "hl-actor" in original and "hl-commitment" in original
    assert f'id="i-{doc}-2"' in original  # an anchor at every item
    cleaned = client.get(f"/documents/{doc}?view=cleaned").text
    assert 'id="cleaned-text"' in cleaned and 'id="source-text"' not in cleaned
    assert "海关总署" in cleaned


def test_defects_are_shown_where_they_are(web: Web) -> None:
    client, ids = web
    doc = ids["hostile"]
    data = client.get(f"/documents/{doc}.json").json()
    page = client.get(f"/documents/{doc}").text
    for n, d in enumerate(data["defects"]):
        assert d["kind"] in page
        if d["span"] and d["span"][1] > d["span"][0]:
            assert f'id="defect-{n}"' in page


def test_copies_and_provenance(web: Web) -> None:
    client, ids = web
    data = client.get(f"/documents/{ids['round1-zh']}.json").json()
    if data["copies"] is None:
        assert data["copies_unavailable"]
        return
    docs = {c["doc"] for c in data["copies"]["copies"]}
    assert {ids["round1-zh"], ids["round1-en"]} <= docs  # the English copy of round 1
    assert ids["round1-en"] in client.get(f"/documents/{ids['round1-zh']}").text


def test_item_page_thread_and_commitments(web: Web) -> None:
    client, ids = web
    item = client.get(f"/items/{ids['round2-zh']}-1.json").json()
    assert item["item"]["title"] == "示范工作组"
    assert item["item"]["commitments"]
    page = client.get(f"/items/{ids['round2-zh']}-1").text
    assert "示范工作组" in page
    if not ids["linked"]:
        assert item["thread"] is None
        return
    thread_docs = {t["doc"] for t in item["thread"]["items"]}
    assert ids["round1-zh"] in thread_docs  # the same working group one round earlier
    assert f"/items/{ids['round1-zh']}-1" in page
    assert item["commitments"] and all(c["status"] for c in item["commitments"])


def test_tracker_filters_sort_and_exports_exactly_as_filtered(web: Web) -> None:
    client, ids = web
    if not ids["linked"]:
        pytest.skip("no follow layer")
    everything = client.get("/commitments.json", params={"as_of": AS_OF}).json()
    assert everything["count"] == len(everything["rows"]) > 0
    status = everything["rows"][0]["status"]
    query = {"status": status, "as_of": AS_OF, "sort": "due", "dir": "desc"}
    filtered = client.get("/commitments.json", params=query).json()
    assert filtered["rows"] and {r["status"] for r in filtered["rows"]} == {status}
    exported = list(csv.DictReader(io.StringIO(client.get("/commitments.csv",
                                                          params=query).text)))
    assert [r["id"] for r in exported] == [r["id"] for r in filtered["rows"]]
    html = client.get("/commitments", params=query).text
    assert (f'href="/commitments.csv?status={status}&amp;as_of={AS_OF}&amp;sort=due&amp;dir=desc"'
            in html)
    by_round = client.get("/commitments.json", params={"round": 2, "as_of": AS_OF}).json()["rows"]
    assert by_round and {r["round"] for r in by_round} == {2}
    assert client.get("/commitments.json", params={"round": "two"}).status_code == 400


def test_tracker_html_pages_but_exports_everything(web: Web) -> None:
    client, ids = web
    if not ids["linked"]:
        pytest.skip("no follow layer")
    page = client.get("/commitments.json", params={"limit": 1, "as_of": AS_OF}).json()
    assert len(page["rows"]) == 1 and page["count"] >= 1
    assert page["rows"][0]["item_url"].startswith("/items/")


def test_series_list_and_chart(web: Web) -> None:
    client, ids = web
    listing = client.get("/series.json", params={"as_of": AS_OF}).json()
    if not ids["linked"]:
        assert listing["unavailable"]
        return
    assert listing["series"]
    overview = client.get("/series", params={"as_of": AS_OF}).text
    assert overview.count('<circle class="held"') + overview.count('<circle class="planned') >= 1
    first = listing["series"][0]
    data = client.get(first["url"] + ".json", params={"as_of": AS_OF}).json()
    assert data["timeline"]["series"]["id"] == first["id"]
    page = client.get(first["url"], params={"as_of": AS_OF}).text
    assert "<svg" in page and "<circle" in page


def test_search_two_character_word_inside_longer_one(web: Web) -> None:
    client, ids = web
    data = client.get("/search.json", params={"q": "海关"}).json()
    assert data["total"] >= 1
    hit = data["hits"][0]
    start, end = hit["marks"][0]
    assert hit["text"][start:end] == "海关"
    assert {"doc", "topic"} <= set(data["facets"])
    page = client.get("/search", params={"q": "海关"}).text
    assert '<span class="hl-match">海关</span>' in page
    narrowed = client.get("/search.json", params={"q": "海关", "doc": ids["round2-zh"]}).json()
    assert narrowed["hits"] and {h["doc"] for h in narrowed["hits"]} == {ids["round2-zh"]}


def test_language_switch(web: Web) -> None:
    client, _ = web
    en = client.get("/documents?lang=en")
    assert "Documents" in en.text and en.cookies.get("lang") == "en"
    assert "<title>Documents" in client.get("/documents").text  # remembered by the cookie
    zh = client.get("/documents?lang=zh")
    assert "<title>文件" in zh.text


def test_openapi_documents_the_json_routes(web: Web) -> None:
    client, _ = web
    spec = client.get("/openapi.json").json()
    for path in ("/index.json", "/documents.json", "/documents/{doc}.json", "/items/{key}.json",
                 "/commitments.json", "/commitments.csv", "/series.json", "/series/{ref}.json",
                 "/search.json", "/audit.json", "/api/commitments/{cid}/overrides",
                 "/api/items/{key}/corrections"):
        assert path in spec["paths"], path
    assert "DocumentPage" in spec["components"]["schemas"]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/documents/dnothing", "no document matches"),
        ("/items/dnothing-1", "no document matches"),
        ("/items/garbage", "DOC-NUMBER"),
        ("/commitments/cnothing", "cnothing"),
        ("/series/series:nothing", "nothing"),
        ("/no/such/page", "/no/such/page"),
    ],
)
def test_not_found_is_a_clear_page_and_json(web: Web, url: str, words: str) -> None:
    client, _ = web
    page = client.get(url)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert words in page.text and 'id="error-detail"' in page.text
    data = client.get(url + ".json")
    assert data.status_code == 404
    body = data.json()
    assert body["error"]["status"] == 404 and words in body["error"]["detail"]


def test_missing_item_number_is_404(web: Web) -> None:
    client, ids = web
    r = client.get(f"/items/{ids['round2-zh']}-99.json")
    assert r.status_code == 404 and "no item 99" in r.json()["error"]["detail"]


def test_pages_degrade_without_the_follow_and_search_layers(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before linking exists (or search), pages say what is missing instead of failing."""
    from luoshi.web import linked

    def missing(module: str, name: str) -> Any:
        raise linked.Unavailable(f"{module}.{name} is not available")

    monkeypatch.setattr(linked, "_resolve", missing)
    client, ids = web
    doc = ids["round2-zh"]
    for url in ("/", f"/documents/{doc}", f"/items/{doc}-1", "/commitments", "/series",
                "/search?q=海关"):
        page = client.get(url)
        assert page.status_code == 200, url
    assert "linking has not run yet" in client.get("/commitments?lang=en").text.lower()
    assert client.get(f"/documents/{doc}.json").json()["copies"] is None
    found = client.get("/search.json", params={"q": "海关"}).json()
    assert found["fallback"] and found["total"] >= 1
    assert client.get("/commitments/cx.json").status_code == 404
