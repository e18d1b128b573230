"""The same app on a PostgreSQL ledger (skips without LUOSHI_TEST_PG_URL)."""

from __future__ import annotations

from webfixtures import csrf_of, login, web_client


def test_pages_and_writes_on_postgresql(pg_url: str) -> None:
    with web_client(pg_url) as (client, ids):
        doc = ids["round2-zh"]
        for url in ("/", "/documents", f"/documents/{doc}", f"/documents/{doc}?view=cleaned",
                    f"/items/{doc}-2", "/commitments?as_of=2034-12-31", "/series",
                    "/search?q=海关", "/audit"):
            assert client.get(url).status_code == 200, url
        assert client.get(f"/documents/{doc}.json").json()["document"]["id"] == doc
        hits = client.get("/search.json", params={"q": "海关"}).json()["hits"]
        assert any(h["doc"] == doc for h in hits)
        assert client.get("/items/dnothing-1.json").status_code == 404
        login(client)
        token = csrf_of(client.get(f"/items/{doc}-3").text)
        r = client.post(f"/items/{doc}-3/correct", data={"title": "更正", "csrf": token},
                        follow_redirects=False)
        assert r.status_code == 303
        assert client.get(f"/items/{doc}-3.json").json()["item"]["title"] == "更正"
        assert client.get("/audit.json").json()["entries"][0]["action"] == "correction"
