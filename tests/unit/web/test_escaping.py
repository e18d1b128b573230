"""Document text is untrusted: markup and quotes in a (fictional) hostile
document, and in analysts' notes, reach the page as text, never as HTML."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from webfixtures import csrf_of, first_commitment, login

Web = tuple[TestClient, dict[str, Any]]

RAW = ('<script>alert("pwned")</script>', '<script>document.title', '<img src=x',
       '" onmouseover="alert(2)', "'><b>粗体</b>")


def _clean(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw
    assert "<script" not in html


def test_hostile_document_is_escaped_everywhere(web: Web) -> None:
    client, ids = web
    doc = ids["hostile"]
    pages = [f"/documents/{doc}", f"/documents/{doc}?view=cleaned", "/documents",
             f"/items/{doc}-1", f"/items/{doc}-2", "/search?q=示范工作组", "/",
             "/commitments?as_of=2034-12-31"]
    for url in pages:
        html = client.get(url).text
        _clean(html)
    page = client.get(f"/documents/{doc}").text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    item = client.get(f"/items/{doc}-1").text
    assert "示范工作组&#34; onmouseover=&#34;alert(2)" in item


def test_hostile_text_survives_in_json_unchanged(web: Web) -> None:
    client, ids = web
    data = client.get(f"/documents/{ids['hostile']}.json").json()
    assert data["document"]["title"].endswith('<script>alert("pwned")</script>')
    assert data["items"][0]["title"] == '示范工作组" onmouseover="alert(2)'


def test_hostile_note_and_source_are_escaped(web: Web) -> None:
    client, _ = web
    row = first_commitment(client)
    login(client)
    token = csrf_of(client.get("/documents").text)
    note = '<script>alert("note")</script>" autofocus onfocus="x'
    r = client.post(f"/commitments/{row['id']}/override",
                    data={"status": "ongoing", "note": note,
                          "source": 'https://example.org/"><script>x</script>', "csrf": token})
    assert r.status_code in (200, 303)
    for url in ("/audit", f"/commitments/{row['id']}?as_of=2034-12-31"):
        html = client.get(url).text
        assert '<script>alert("note")' not in html and '" autofocus' not in html
        assert "&lt;script&gt;" in html


def test_security_headers(web: Web) -> None:
    client, _ = web
    r = client.get("/documents")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
